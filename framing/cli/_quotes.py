"""``framing quotes CORPUS [-o FILE]`` and ``framing evaluate quotes --gold GOLD [--pred PRED]``.

Examples
--------
>>> from framing.cli import main
>>> main(["quotes", "seed"])  # doctest: +ELLIPSIS
{"doc_id":"presstv-20160212-founding","quote_id":0,"kind":"indirect",...,"speaker":"Ashton Carter",...}
...
0
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import pandas as pd

__all__ = ["read_gold_arg", "read_pred_arg", "register", "register_evaluate"]


def register(sub: argparse._SubParsersAction) -> None:
    from framing.cli._common import add_corpus_argument, add_output_argument

    parser = sub.add_parser(
        "quotes",
        help="every quote with its speaker and speech verb",
        description="Find every attribution (direct, indirect, mixed, partial and scare quotes) "
        "with its resolved speaker, speech verb and verb class; one row per attribution, with "
        "character offsets into each document's text.",
    )
    add_corpus_argument(parser)
    add_output_argument(parser)
    parser.add_argument("--no-scare", action="store_true", help="leave out scare quotes")
    parser.add_argument("--progress", action="store_true", help="show a progress bar")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from framing.cli._common import load_corpus_arg, write_table
    from framing.quotation import quotes

    corpus = load_corpus_arg(args)
    table = quotes(corpus, progress=args.progress)
    if args.no_scare:
        table = table[table["kind"] != "scare"].reset_index(drop=True)
    write_table(table, args.output)
    return 0


def register_evaluate(targets: argparse._SubParsersAction) -> None:
    parser = targets.add_parser(
        "quotes",
        help="score quotation attribution against gold attributions",
        description="Score a quotes table against gold attribution annotations: P/R/F1 at "
        "30%% and 80%% content overlap, recall on quote-mark attributions, speaker and verb "
        "accuracy of the matched quotes. Scare quotes are left out.",
    )
    parser.add_argument("--gold", required=True, metavar="GOLD",
                        help="PolNeAR (brat folder, JSONL folder or file) or a generic gold JSONL")
    parser.add_argument("--pred", metavar="PRED", default=None,
                        help="a quotes table (.csv/.jsonl/.parquet); default: run `framing "
                        "quotes` on the gold corpus")
    parser.add_argument("--overlap", type=float, default=0.3,
                        help="share of gold content characters a prediction must cover (0.3)")
    parser.add_argument("--split", default=None, help="PolNeAR split to score (train/dev/test)")
    parser.add_argument("--include-scare", action="store_true", help="score scare quotes too")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="also write the tidy metrics table here (format by extension)")
    parser.set_defaults(func=_evaluate)


def _evaluate(args: argparse.Namespace) -> int:
    from framing._eval_quotes import evaluate_quotes, format_quote_metrics
    from framing.quotation import quotes

    corpus, gold = read_gold_arg(args.gold, split=args.split)
    pred = read_pred_arg(args.pred) if args.pred else quotes(corpus)
    metrics = evaluate_quotes(gold, pred, overlap=args.overlap, include_scare=args.include_scare)
    print(format_quote_metrics(metrics))
    if args.output:
        from framing.cli._common import write_table

        write_table(metrics, args.output)
    return 0


def read_gold_arg(path: str, *, split: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(corpus, gold) from a PolNeAR folder/JSONL or a generic gold JSONL."""
    from framing import datasets
    from framing._errors import DataError

    p = Path(path)
    if not p.exists():
        raise DataError(
            f"--gold {path!r}: no such file or folder. Give a PolNeAR folder or JSONL file, or "
            "a generic gold JSONL written by framing.datasets.write_gold."
        )
    if p.is_file():
        first = _first_record(p)
        if isinstance(first, dict) and "annotations" in first and "quotes" not in first:
            return datasets.read_gold(p)
    return datasets.load_polnear(p, split=split)


def _first_record(p: Path):
    opener = gzip.open if p.name.endswith(".gz") else open
    try:
        with opener(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    return json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError, OSError):
        return None
    return None


def read_pred_arg(path: str) -> pd.DataFrame:
    """A quotes table from a .csv/.tsv/.jsonl/.json/.parquet file."""
    from framing.cli._common import read_table

    frame = read_table(path, option="--pred",
                       hint="Write one with `framing quotes CORPUS -o quotes.jsonl`.")
    print(f"read {len(frame)} predicted quotes from {path}", file=sys.stderr)
    return frame
