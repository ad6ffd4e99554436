"""Shared helpers for the command modules: reading a CORPUS argument, writing a table."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framing._errors import DataError

__all__ = [
    "add_corpus_argument", "add_output_argument", "load_corpus_arg", "markdown_table",
    "read_table", "write_table",
]

_TABLE_EXT = {".jsonl", ".json", ".csv", ".tsv", ".parquet", ".pq", ".md", ".html"}


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus", metavar="CORPUS",
        help="a .jsonl/.csv/.parquet file, a folder of .txt files, or a shipped corpus name",
    )
    parser.add_argument("--text-col", default="text", help="column holding the text")
    parser.add_argument("--id-col", default="id", help="column holding the document id")
    parser.add_argument("--outlet-col", default="outlet", help="column holding the outlet")


def add_output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="write here; the format follows the extension (.jsonl, .csv, .tsv, .parquet, .md, "
        ".html); default: JSON lines on standard output",
    )


def load_corpus_arg(args: argparse.Namespace) -> pd.DataFrame:
    """Read the CORPUS argument: a path, or else the name of a shipped corpus."""
    from framing import datasets
    from framing.corpus import read_corpus

    name = args.corpus
    if not Path(name).exists() and name in datasets.list()["name"].tolist():
        return datasets.load(name)
    try:
        return read_corpus(
            name, text_col=getattr(args, "text_col", "text"),
            id_col=getattr(args, "id_col", "id"),
            outlet_col=getattr(args, "outlet_col", "outlet"),
        )
    except DataError as exc:
        if "missing required column" in str(exc):   # name the command-line options too
            raise DataError(f"{exc} On the command line: --text-col, --id-col, --outlet-col."
                            ) from None
        raise


def read_table(path: str, *, option: str = "--pred", hint: str = "") -> pd.DataFrame:
    """Read a table written by a framing command (.csv/.tsv/.jsonl/.json/.parquet, .gz too).

    ``doc_id`` is read as text, so it joins with the corpus ids.  ``option`` and ``hint`` go
    into the error message ("--pred 'x.csv': no such file. <hint>").
    """
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{option} {path!r}: no such file. {hint}".rstrip())
    name = p.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".json", ".ndjson")):
        frame = pd.read_json(p, lines=True, dtype={"doc_id": str})
    elif name.endswith((".csv", ".tsv")):
        frame = pd.read_csv(p, sep="\t" if name.endswith(".tsv") else ",", dtype={"doc_id": str})
    elif name.endswith((".parquet", ".pq")):
        frame = pd.read_parquet(p)
    else:
        raise DataError(f"{option} {path!r}: unknown table format {p.suffix!r}; use .csv, .tsv, "
                        ".jsonl or .parquet.")
    if "doc_id" in frame.columns:
        frame["doc_id"] = frame["doc_id"].astype(str)
    return frame


def write_table(frame: pd.DataFrame, output: str | None) -> None:
    """Write ``frame`` to ``output`` by extension, or JSON lines to stdout when None."""
    if output is None or output == "-":
        out = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
        return
    path = Path(output)
    ext = path.suffix.lower()
    if ext == ".gz":
        ext = Path(path.stem).suffix.lower()
    if ext not in _TABLE_EXT:
        raise DataError(
            f"cannot write {output!r}: unknown extension {ext or '(none)'!r}. "
            f"Use one of {sorted(_TABLE_EXT)}."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if ext in (".jsonl", ".json"):
        frame.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")
    elif ext in (".csv", ".tsv"):
        frame.to_csv(path, index=False, sep="\t" if ext == ".tsv" else ",")
    elif ext in (".parquet", ".pq"):
        frame.to_parquet(path, index=False)
    elif ext == ".md":
        path.write_text(markdown_table(frame), encoding="utf-8")
    else:
        path.write_text(frame.to_html(index=False, escape=True), encoding="utf-8")
    print(f"wrote {len(frame)} rows to {path}", file=sys.stderr)


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no tabulate dependency); pipes are escaped."""
    def cell(v: object) -> str:
        return "" if v is None or (isinstance(v, float) and v != v) else (
            str(v).replace("|", "\\|").replace("\n", " "))
    cols = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
