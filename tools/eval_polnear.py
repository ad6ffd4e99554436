"""Print quotation-attribution figures on PolNeAR dev (and train) for the README.

Usage: python tools/eval_polnear.py [--data ../shared/data/polnear] [--train] [--speed]
"""
from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import framing
from framing._eval_quotes import format_quote_metrics
from framing.quotation import extract_quotes
from framing.text import segment

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    ap.add_argument("--train", action="store_true", help="also score the train split")
    ap.add_argument("--speed", action="store_true", help="measure articles/s on train")
    args = ap.parse_args()
    splits = ["dev"] + (["train"] if args.train else [])
    for split in splits:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus, gold = framing.datasets.load_polnear(args.data, split=split)
        pred = framing.quotes(corpus)
        metrics = framing.evaluate_quotes(gold, pred)
        print(f"PolNeAR {split}: {len(corpus)} articles")
        print(format_quote_metrics(metrics))
        print()
    if args.speed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus, _ = framing.datasets.load_polnear(args.data, split="train")
        texts = corpus["text"].tolist()
        segs = [segment(t, tokens=False) for t in texts]
        best_given = best_incl = 0.0
        for _ in range(3):
            t0 = time.perf_counter()
            for t, s in zip(texts, segs):
                extract_quotes(t, segments=s)
            best_given = max(best_given, len(texts) / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            for t in texts:
                extract_quotes(t)
            best_incl = max(best_incl, len(texts) / (time.perf_counter() - t0))
        print(f"throughput on PolNeAR train ({len(texts)} articles, one core, best of 3):")
        print(f"  segmentation given:    {best_given:,.0f} articles/s")
        print(f"  segmentation included: {best_incl:,.0f} articles/s")


if __name__ == "__main__":
    main()
