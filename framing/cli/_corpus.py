"""``framing corpus {info,convert,list}``: look at, convert and list corpora.

Examples
--------
>>> from framing.cli import main
>>> main(["corpus", "info", "seed"])  # doctest: +ELLIPSIS
corpus      seed
articles    1
tokens      ...
outlet    articles  tokens
Press TV         1     ...
0
>>> main(["corpus", "list"])  # doctest: +ELLIPSIS
name        documents  outlets  licence...
seed                1        1  ...
wikinews          295        1  CC BY 2.5...
0
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["register", "corpus_summary"]

_CHUNK = 10_000


def register(sub: argparse._SubParsersAction) -> None:
    from framing.cli._common import add_corpus_argument

    parser = sub.add_parser(
        "corpus",
        help="inspect, convert and list corpora",
        description="Inspect a corpus, convert it between formats, or list the shipped corpora.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    info = actions.add_parser(
        "info",
        help="articles, tokens, outlets, dates and status counts of a corpus",
        description="Summarise a corpus: articles, tokens, outlets with their counts, the "
        "date range and the status counts. Files are read in chunks, so memory stays flat.",
    )
    add_corpus_argument(info)
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
    info.set_defaults(func=_info)

    convert = actions.add_parser(
        "convert",
        help="convert a corpus to another format (chosen by the file extension)",
        description="Read IN (a file, a folder of .txt files or a shipped corpus name), "
        "validate it, and write OUT in the format of its extension: .jsonl, .csv, .tsv "
        "(each optionally .gz) or .parquet. Files are streamed in chunks, so memory stays "
        "flat however large the corpus.",
    )
    convert.add_argument("input", metavar="IN", help="a corpus file, folder or shipped name")
    convert.add_argument("output", metavar="OUT", help="the file to write")
    convert.add_argument("--text-col", default="text", help="column holding the text")
    convert.add_argument("--id-col", default="id", help="column holding the document id")
    convert.add_argument("--outlet-col", default="outlet", help="column holding the outlet")
    convert.add_argument("--outlet", default=None,
                         help="outlet name for a single-outlet file without an outlet column")
    convert.set_defaults(func=_convert)

    lst = actions.add_parser(
        "list", help="list the corpora shipped with framing",
        description="List the corpora shipped with framing (load them by name anywhere a "
        "CORPUS is expected).",
    )
    lst.add_argument("--json", action="store_true", help="print the list as JSON lines")
    lst.set_defaults(func=_list)


# ------------------------------------------------------------------------------ summary

def corpus_summary(chunks: Any, *, name: str = "") -> dict[str, Any]:
    """Summarise a corpus given as one validated DataFrame or an iterable of chunks.

    Returns a JSON-ready dict: ``corpus, articles, tokens, characters, outlets`` (outlet ->
    ``{"articles", "tokens"}``, most articles first), ``dates`` (``min``, ``max``,
    ``missing``; None without a date column), ``events`` (number of distinct events, or
    None) and ``status`` (status -> count).
    """
    from framing.text import token_spans

    if isinstance(chunks, pd.DataFrame):
        chunks = [chunks]
    articles = tokens = characters = 0
    outlet_docs: Counter[str] = Counter()
    outlet_tokens: Counter[str] = Counter()
    status: Counter[str] = Counter()
    events: set[str] | None = None
    dmin = dmax = None
    missing_dates = 0
    has_dates = False
    for chunk in chunks:
        n_tok = [len(token_spans(t)) for t in chunk["text"]]
        articles += len(chunk)
        tokens += sum(n_tok)
        characters += int(chunk["text"].str.len().sum())
        outlet_docs.update(chunk["outlet"])
        for outlet, n in zip(chunk["outlet"], n_tok):
            outlet_tokens[outlet] += n
        status.update(chunk["status"])
        if "event" in chunk.columns:
            events = (events or set()) | {str(e) for e in chunk["event"].dropna()}
        if "date" in chunk.columns:
            has_dates = True
            d = chunk["date"]
            missing_dates += int(d.isna().sum())
            if d.notna().any():
                lo, hi = d.min(), d.max()
                dmin = lo if dmin is None or lo < dmin else dmin
                dmax = hi if dmax is None or hi > dmax else dmax
    order = sorted(outlet_docs, key=lambda o: (-outlet_docs[o], o))
    return {
        "corpus": name,
        "articles": articles,
        "tokens": tokens,
        "characters": characters,
        "outlets": {o: {"articles": outlet_docs[o], "tokens": outlet_tokens[o]} for o in order},
        "dates": ({"min": _iso(dmin), "max": _iso(dmax), "missing": missing_dates}
                  if has_dates else None),
        "events": None if events is None else len(events),
        "status": dict(sorted(status.items())),
    }


def _iso(value: Any) -> str | None:
    if value is None or pd.isna(value):
        return None
    ts = pd.Timestamp(value)
    return ts.date().isoformat() if ts == ts.normalize() and ts.tz is None else ts.isoformat()


def _format_summary(s: dict[str, Any]) -> str:
    n = s["articles"]
    lines = [
        f"{'corpus':<12}{s['corpus']}",
        f"{'articles':<12}{n:,}",
        f"{'tokens':<12}{s['tokens']:,}" + (f" (mean {s['tokens'] / n:,.0f} per article)"
                                            if n else ""),
        f"{'characters':<12}{s['characters']:,}",
    ]
    d = s["dates"]
    if d is None:
        lines.append(f"{'dates':<12}(no date column)")
    elif d["min"] is None:
        lines.append(f"{'dates':<12}none parsed ({d['missing']:,} missing)")
    else:
        extra = f" ({d['missing']:,} missing)" if d["missing"] else ""
        lines.append(f"{'dates':<12}{d['min']} to {d['max']}{extra}")
    if s["events"] is not None:
        lines.append(f"{'events':<12}{s['events']:,}")
    lines.append(f"{'status':<12}" + ", ".join(f"{k} {v:,}" for k, v in s["status"].items()))
    lines.append(f"{'outlets':<12}{len(s['outlets']):,}")
    lines.append("")
    rows = [(o, f"{c['articles']:,}", f"{c['tokens']:,}") for o, c in s["outlets"].items()]
    lines.extend(_table(["outlet", "articles", "tokens"], rows, right={1, 2}))
    return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[tuple], *, right: set[int]) -> list[str]:
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def fmt(r: list[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in
               enumerate(zip(r, widths))]
        return "  ".join(out).rstrip()

    return [fmt(r) for r in cells]


# ------------------------------------------------------------------------------ commands

def _chunks_for(args: argparse.Namespace):
    """The CORPUS argument as validated chunks: a shipped name, or a file read in chunks."""
    from framing import datasets
    from framing.corpus import iter_corpus

    name = args.corpus
    if not Path(name).exists() and name in datasets.list()["name"].tolist():
        return [datasets.load(name)]
    return iter_corpus(name, chunksize=_CHUNK, text_col=args.text_col, id_col=args.id_col,
                       outlet_col=args.outlet_col)


def _info(args: argparse.Namespace) -> int:
    summary = corpus_summary(_chunks_for(args), name=args.corpus)
    if args.json:
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_format_summary(summary))
    return 0


def _convert(args: argparse.Namespace) -> int:
    from framing import datasets
    from framing.corpus import _kind, iter_corpus, write_corpus

    out = Path(args.output)
    _kind(out)  # fail on an unknown extension before reading anything
    if out.exists() and out.is_dir():
        from framing._errors import DataError

        raise DataError(f"cannot write {out}: it is a folder. Give a file name such as "
                        "corpus.jsonl, corpus.csv or corpus.parquet.")
    name = args.input
    if not Path(name).exists() and name in datasets.list()["name"].tolist():
        chunks = iter([datasets.load(name)])
    else:
        # streamed chunk by chunk: memory stays flat however large the corpus
        chunks = iter_corpus(name, chunksize=_CHUNK, text_col=args.text_col,
                             id_col=args.id_col, outlet_col=args.outlet_col, outlet=args.outlet)
    n = 0

    def counted():
        nonlocal n
        for chunk in chunks:
            n += len(chunk)
            yield chunk

    write_corpus(counted(), out)
    print(f"wrote {n:,} documents to {out}", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    from framing import datasets

    table = datasets.list()
    if args.json:
        text = table.to_json(orient="records", lines=True, force_ascii=False)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    rows = [(r.name, f"{r.n_documents:,}", f"{r.outlets:,}", r.licence, r.description)
            for r in table.itertuples(index=False)]
    lines = _table(["name", "documents", "outlets", "licence", "description"], rows,
                   right={1, 2})
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
