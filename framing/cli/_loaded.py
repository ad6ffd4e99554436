"""``framing loaded CORPUS``, ``framing lexicons list`` and ``framing evaluate loaded``."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from framing.cli._common import (
    add_corpus_argument, add_output_argument, load_corpus_arg, markdown_table, write_table,
)

__all__ = ["register", "register_evaluate"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "loaded",
        help="find loaded terms (labels, distancing, emotive words, loaded verbs, scare quotes)",
        description="One row per loaded term: doc_id, start, end, term, entry, category, "
        "lexicon, voice (reporter|quoted), speaker, sentence, phrase_start, phrase_end.",
    )
    add_corpus_argument(p)
    add_output_argument(p)
    p.add_argument("--lexicon", action="append", default=None, metavar="NAME_OR_FILE",
                   help="a shipped lexicon name or your own CSV/YAML/.dic file (repeatable); "
                   "default: the default shipped lexicons")
    p.add_argument("--add", action="append", default=None, metavar="FILE",
                   help="add your own lexicon file to the lexicons (repeatable)")
    p.add_argument("--no-quotes", action="store_true",
                   help="skip quotation attribution: every term in the reporter's voice, "
                   "loaded speech verbs matched freely instead of from quote cue verbs")
    p.add_argument("--extent", choices=("word", "phrase"), default="word",
                   help="start/end of a match: the lexicon entry (default) or the phrase around "
                   "it (every row carries both: phrase_start, phrase_end)")
    p.add_argument("--rates", metavar="BY", default=None,
                   help="write rates per 1,000 tokens grouped by this column (doc_id, outlet "
                   "...) instead of the matches")
    p.set_defaults(func=_loaded)

    lx = sub.add_parser("lexicons", help="list the shipped lexicons",
                        description="The shipped lexicons with version, size, licence and "
                        "provenance.")
    lsub = lx.add_subparsers(dest="lexicons_command", metavar="ACTION", required=True)
    ls = lsub.add_parser("list", help="list lexicons with their licence and provenance")
    add_output_argument(ls)
    ls.set_defaults(func=_list)
    sh = lsub.add_parser("show", help="show the entries of one lexicon")
    sh.add_argument("name", help="a shipped lexicon name or a lexicon file")
    add_output_argument(sh)
    sh.set_defaults(func=_show)


def _lexicon_arg(args: argparse.Namespace):
    from framing.lexicons import load_lexicon

    src = args.lexicon if args.lexicon else None
    if src is not None and len(src) == 1:
        src = src[0]
    add = args.add if args.add else None
    if add is not None and len(add) == 1:
        add = add[0]
    return load_lexicon(src, add=add)


def _loaded(args: argparse.Namespace) -> int:
    from framing.loaded import loaded_rates, loaded_terms

    corpus = load_corpus_arg(args)
    lex = _lexicon_arg(args)
    quotes = False if args.no_quotes else None
    terms = loaded_terms(corpus, lexicon=lex, quotes=quotes, extent=args.extent)
    if args.rates:
        write_table(loaded_rates(terms, corpus=corpus, by=args.rates), args.output)
    else:
        write_table(terms, args.output)
    return 0


def _list(args: argparse.Namespace) -> int:
    from framing.lexicons import list_lexicons

    table = list_lexicons()
    if args.output:
        write_table(table, args.output)
    else:
        print(markdown_table(table), end="")
    return 0


def _show(args: argparse.Namespace) -> int:
    from framing.lexicons import load_lexicon

    ent = load_lexicon(args.name).entries.drop(columns=["pattern"])
    write_table(ent, args.output)
    return 0


# ----------------------------------------------------------------------------- evaluate

def register_evaluate(targets: argparse._SubParsersAction) -> None:
    p = targets.add_parser(
        "loaded",
        help="score loaded terms against span or word-list gold (PTC, BABE, generic JSONL)",
        description="Token-level P/R/F1 of loaded terms and the per-document rate correlation "
        "(Spearman). A token is gold if it overlaps a gold span or is in its sentence's "
        "biased_words list (matched case-insensitively).",
    )
    p.add_argument("--gold", required=True, metavar="GOLD",
                   help="a PTC folder, a BABE/MBIC CSV, or a generic gold JSONL")
    p.add_argument("--pred", metavar="PRED", default=None,
                   help="a loaded-terms table (.csv/.jsonl/.parquet); default: run `framing "
                   "loaded` on the gold corpus")
    p.add_argument("--labels", default="auto",
                   help="comma-separated gold labels to keep (default: PTC's Loaded_Language "
                   "and Name_Calling,Labeling for PTC, every label otherwise); 'all' for all")
    p.add_argument("--category", action="append", default=None,
                   help="keep only predictions of this category (repeatable)")
    p.add_argument("--extent", choices=("auto", "word", "phrase"), default="auto",
                   help="predicted span to score: the term (word) or its phrase extent "
                   "(phrase_start/phrase_end); auto (default): phrase for span gold (PTC, "
                   "BASIL), word for word-list gold (BABE)")
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="also write the tidy metrics table here (format by extension)")
    p.set_defaults(func=_evaluate)


def _read_gold(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from framing import datasets
    from framing._errors import DataError

    p = Path(path)
    if not p.exists():
        raise DataError(f"--gold {path!r}: no such file or folder. Give a PTC folder, a "
                        "BABE CSV or a generic gold JSONL (framing.datasets.write_gold).")
    if p.is_dir():
        return datasets.load_ptc(p)
    name = p.name.lower().removesuffix(".gz")
    if name.endswith((".csv", ".tsv")):
        return datasets.load_babe(p)
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return datasets.read_gold(p)
    raise DataError(f"--gold {path!r}: unknown gold format {p.suffix!r}; give a PTC folder, a "
                    "BABE .csv or a generic gold .jsonl.")


def _read_pred(path: str) -> pd.DataFrame:
    from framing.cli._common import read_table

    return read_table(path, option="--pred",
                      hint="Write one with `framing loaded CORPUS -o terms.jsonl`.")


def _evaluate(args: argparse.Namespace) -> int:
    from framing._eval_loaded import evaluate_loaded, format_loaded_metrics
    from framing.loaded import loaded_terms

    corpus, gold = _read_gold(args.gold)
    if args.pred:
        pred = _read_pred(args.pred)
        corpus = corpus.assign(id=corpus["id"].astype(str))
        gold = gold.assign(doc_id=gold["doc_id"].astype(str))
    else:
        pred = loaded_terms(corpus)
    labels = args.labels
    if labels == "all":
        labels = None
    elif labels != "auto":
        labels = [x.strip() for x in labels.split(",") if x.strip()]
        # PTC's own technique name contains a comma
        if "Name_Calling" in labels and "Labeling" in labels:
            labels = [x for x in labels if x not in ("Name_Calling", "Labeling")]
            labels.append("Name_Calling,Labeling")
    metrics = evaluate_loaded(gold, pred, corpus=corpus, labels=labels,
                              categories=args.category, extent=args.extent)
    print(format_loaded_metrics(metrics) + f"  [extent: {metrics.attrs['extent']}]")
    if args.output:
        write_table(metrics, args.output)
    return 0
