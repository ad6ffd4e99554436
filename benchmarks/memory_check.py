#!/usr/bin/env python
"""Memory check: ``framing.analyze`` streams a synthetic 1-million-article JSONL in chunks.

The synthetic corpus resamples real sentences (from PolNeAR train by default) into
articles of a realistic size (paragraphs of 1-3 sentences, 12-60 sentences per article,
about 4,500 characters as in PolNeAR),
with the source corpus's outlets, and is written to a JSONL file.  ``framing.analyze``
then reads it with ``iter_corpus`` in chunks and writes the row tables to an output folder
chunk by chunk; the peak resident set size of the analysing process (and, with
``--jobs``, of its largest worker) is reported against the 1.5 GB budget.

A script, not a test::

    .venv/bin/python benchmarks/memory_check.py                 # 1,000,000 articles
    .venv/bin/python benchmarks/memory_check.py --articles 50000 --jobs 2
    .venv/bin/python benchmarks/run.py --memory-check 1000000   # the same, via run.py
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / ".." / "shared" / "data" / "polnear" / "train.jsonl"
BUDGET_MB = 1536


def synthesize(source: Path, out: Path, n: int, seed: int = 0) -> dict:
    """Write ``n`` articles made of resampled real sentences to ``out`` (JSONL)."""
    from framing.text import segment

    sentences: list[str] = []
    outlets: list[str] = []
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            outlets.append(str(rec.get("outlet", "unknown")))
            sentences.extend(text[s:e] for s, e in segment(text).sentences)
    rng = random.Random(seed)
    outlets = sorted(set(outlets))
    size = 0
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            k = rng.randint(12, 60)   # PolNeAR-like: about 4,500 characters
            picked = rng.choices(sentences, k=k)
            paras, j = [], 0
            while j < k:
                step = rng.randint(1, 3)
                paras.append(" ".join(picked[j : j + step]))
                j += step
            text = "\n\n".join(paras)
            size += len(text)
            fh.write(json.dumps({"id": f"syn-{i:07d}", "outlet": rng.choice(outlets),
                                 "text": text}) + "\n")
    return {"articles": n, "mean_chars": round(size / max(n, 1)),
            "sentences_pool": len(sentences), "bytes": out.stat().st_size}


def _child(path: str, out_dir: str, jobs: int, chunksize: int) -> None:
    import warnings

    import framing

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = framing.analyze(path, out=out_dir, jobs=jobs, chunksize=chunksize,
                              progress=sys.stderr.isatty(), n_boot=200, n_perm=200)
    dt = time.perf_counter() - t0
    from framing.analysis import _POOLS  # join the reusable workers so RUSAGE_CHILDREN sees them

    for pool in list(_POOLS.values()):
        pool.shutdown(wait=True)
    _POOLS.clear()
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"documents": res.n_documents, "seconds": round(dt, 1),
                      "articles/s": round(res.n_documents / dt),
                      "peak_rss_mb": round(self_mb, 1),
                      "peak_worker_rss_mb": round(child_mb, 1),
                      "duplicate_pairs": len(res.duplicates)}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="JSONL whose sentences are resampled (default: PolNeAR train)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--chunksize", type=int, default=2_000)
    ap.add_argument("--keep", type=Path, help="write the synthetic corpus here and keep it")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], args.jobs, args.chunksize)
        return 0
    if not args.source.exists():
        sys.exit(f"error: --source {args.source} does not exist")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or Path(tmp) / "synthetic.jsonl"
        t0 = time.perf_counter()
        info = synthesize(args.source, corpus, args.articles)
        print(f"synthetic corpus: {info['articles']:,} articles, mean {info['mean_chars']:,} "
              f"chars, {info['bytes'] / 1e9:.2f} GB, from {info['sentences_pool']:,} real "
              f"sentences ({time.perf_counter() - t0:.0f} s)", flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / "out"),
             "--jobs", str(args.jobs), "--chunksize", str(args.chunksize)],
            text=True, stdout=subprocess.PIPE, check=False,
        )
        if proc.returncode:
            sys.exit(f"error: analyze failed (exit {proc.returncode})")
        row = json.loads(proc.stdout.strip().splitlines()[-1])
    peak = max(row["peak_rss_mb"], row["peak_worker_rss_mb"])
    verdict = "OK" if peak < BUDGET_MB else "OVER BUDGET"
    print(f"analyze streamed {row['documents']:,} articles in {row['seconds']:,} s "
          f"({row['articles/s']:,} articles/s, jobs={args.jobs}); peak RSS "
          f"{row['peak_rss_mb']:,.0f} MB (largest worker {row['peak_worker_rss_mb']:,.0f} MB); "
          f"budget {BUDGET_MB:,} MB: {verdict}")
    return 0 if peak < BUDGET_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
