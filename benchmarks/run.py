#!/usr/bin/env python
"""Throughput of each pipeline stage: articles/s, MB/s and peak memory, on one core.

This is a script, not a test (timings depend on the machine).  It loads a corpus once,
then runs each requested stage over every article ``--repeats`` times and reports the
best pass, which is the least disturbed by other work on the machine; ``articles/CPU-s``
uses the process's CPU time instead of wall time, a check when the machine is shared
(wall-clock figures on a busy machine understate the one-core speed).  By default each
stage runs in its own child process, so the peak resident set size (``ru_maxrss``) is
that stage's own; the Python allocation peak of one pass is measured with
``tracemalloc`` in a separate, untimed pass.

Usage::

    .venv/bin/python benchmarks/run.py                         # every stage, PolNeAR train
    .venv/bin/python benchmarks/run.py --stages segment,tokens --repeats 5
    .venv/bin/python benchmarks/run.py --corpus wikinews       # a shipped corpus by name
    .venv/bin/python benchmarks/run.py --list

Adding a stage
--------------
Register a function with :func:`stage`; it receives the list of article texts (or,
with ``input="corpus"``, the corpus DataFrame) and processes all of it.  Name the
modules it needs in ``requires``: while one of them cannot be imported the stage is
reported as *unavailable* instead of failing the run::

    @stage("quotes", requires=["framing.quotation"], description="quotation attribution")
    def _quotes(texts):
        from framing.quotation import extract_quotes
        for text in texts:
            extract_quotes(text)

    @stage("analyze", input="corpus", requires=["framing.analysis"])
    def _analyze(corpus):
        import framing
        framing.analyze(corpus)
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "data" / "polnear" / "train.jsonl"


# ----------------------------------------------------------------------------- registry


@dataclass
class Stage:
    name: str
    func: Callable[[Any], Any]
    input: str = "texts"  # "texts": list[str]; "corpus": the corpus DataFrame
    requires: list[str] = field(default_factory=list)
    description: str = ""

    def missing(self) -> str | None:
        """The first required module that cannot be imported, or None."""
        for mod in self.requires:
            try:
                importlib.import_module(mod)
            except Exception as exc:  # ImportError, or a half-written module
                return f"{mod} ({type(exc).__name__}: {exc})"
        return None


STAGES: dict[str, Stage] = {}


def stage(name: str, *, input: str = "texts", requires: list[str] | None = None,
          description: str = "") -> Callable:
    """Decorator registering ``func`` as benchmark stage ``name``."""
    if input not in ("texts", "corpus"):
        raise ValueError(f"stage input must be 'texts' or 'corpus'; received {input!r}")

    def deco(func: Callable) -> Callable:
        STAGES[name] = Stage(name, func, input, list(requires or []), description)
        return func

    return deco


# ----------------------------------------------------------------------------- stages


@stage("paragraphs+sentences", requires=["framing.text"],
       description="segment(text): paragraphs, sentences, dateline, byline; tokens not touched")
def _paragraphs_sentences(texts):
    from framing.text import segment

    for text in texts:
        segment(text)


@stage("tokens", requires=["framing.text"], description="token_spans(text) alone")
def _tokens(texts):
    from framing.text import token_spans

    for text in texts:
        token_spans(text)


@stage("segment", requires=["framing.text"],
       description="full segmentation: segment(text, tokens=True)")
def _segment(texts):
    from framing.text import segment

    for text in texts:
        segment(text, tokens=True)


# Later stages register here (see "Adding a stage" in the module docstring).


@stage("quotes", requires=["framing.quotation"],
       description="quotation attribution: extract_quotes(text), segmentation included")
def _quotes_stage(texts):
    from framing.quotation import extract_quotes

    for text in texts:
        extract_quotes(text)


_SEGMENTS_CACHE: dict[tuple, Any] = {}


@stage("quotes-given-segments", requires=["framing.quotation"],
       description="quotation attribution alone: extract_quotes(text, segments=), each text's "
       "segmentation computed once and cached (the best of >= 2 repeats excludes it)")
def _quotes_given_segments_stage(texts):
    from framing.quotation import extract_quotes
    from framing.text import segment

    key = (len(texts), hash(texts[0]) if texts else 0)
    if key not in _SEGMENTS_CACHE:
        _SEGMENTS_CACHE.clear()
        _SEGMENTS_CACHE[key] = [segment(t) for t in texts]
    for text, seg in zip(texts, _SEGMENTS_CACHE[key]):
        extract_quotes(text, segments=seg)


_LOADED_CACHE: dict[tuple, Any] = {}


@stage("loaded", requires=["framing.loaded", "framing.quotation"],
       description="find_loaded(text, segments=, quote_rows=): lexicon matching + voice split, "
       "given each text's segments and quotes (computed once and cached: best of >= 2 "
       "repeats excludes them)")
def _loaded_stage(texts):
    from framing.lexicons import load_lexicon
    from framing.loaded import find_loaded
    from framing.quotation import extract_quotes
    from framing.text import segment

    key = (len(texts), hash(texts[0]) if texts else 0)
    if key not in _LOADED_CACHE:
        _LOADED_CACHE.clear()
        segs = [segment(t) for t in texts]
        _LOADED_CACHE[key] = (segs, [extract_quotes(t, segments=s) for t, s in zip(texts, segs)])
    lex = load_lexicon()
    for text, seg, q in zip(texts, *_LOADED_CACHE[key]):
        find_loaded(text, segments=seg, quote_rows=q, lexicon=lex)


@stage("loaded_terms", input="corpus", requires=["framing.loaded", "framing.quotation"],
       description="loaded_terms(corpus) end to end: segmentation, quote extraction, matching")
def _loaded_terms_stage(corpus):
    from framing.loaded import loaded_terms

    loaded_terms(corpus)


_QUOTES_CACHE: dict[tuple, Any] = {}


@stage("sources+balance", input="corpus", requires=["framing.sourcing", "framing.quotation"],
       description="sources(corpus, quotes=...) + balance(by outlet, role, 2000 resamples), "
       "given the quotes (computed once and cached: the best of >= 2 repeats excludes them)")
def _sources_balance_stage(corpus):
    import warnings

    from framing.quotation import quotes
    from framing.sourcing import balance, sources

    key = tuple(corpus["id"].tolist())
    if key not in _QUOTES_CACHE:
        _QUOTES_CACHE.clear()
        _QUOTES_CACHE[key] = quotes(corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        src = sources(corpus, quotes=_QUOTES_CACHE[key])
        balance(src, by="outlet", dimension="role")  # default n_resamples (2000)


def _quiet_analyze(corpus, **options) -> None:
    """framing.analyze without progress bar or warnings (they would be timed too)."""
    import warnings

    import framing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        framing.analyze(corpus, progress=False, **options)


@stage("analyze", input="corpus", requires=["framing.analysis"],
       description="analyze(corpus): segment once, quotes, loaded terms, sources, "
       "near-duplicates, group CIs (1000 bootstrap), pairwise permutation tests (2000); serial")
def _analyze_stage(corpus):
    _quiet_analyze(corpus)


@stage("analyze-jobs2", input="corpus", requires=["framing.analysis"],
       description="analyze(corpus, jobs=2): the same on two local processes (articles/CPU-s "
       "counts the parent only)")
def _analyze_jobs2_stage(corpus):
    _quiet_analyze(corpus, jobs=2)


@stage("analyze-pass", input="corpus", requires=["framing.analysis"],
       description="analyze(corpus, n_boot=0, n_perm=0): the per-document pass and "
       "aggregation without resampling")
def _analyze_pass_stage(corpus):
    _quiet_analyze(corpus, n_boot=0, n_perm=0)


# ----------------------------------------------------------------------------- corpus


def load_corpus(spec: str, limit: int | None = None):
    """A corpus DataFrame from a JSONL path (fast path), any ``read_corpus`` source, or
    the name of a shipped corpus."""
    import pandas as pd

    path = Path(spec)
    if path.suffix == ".jsonl" and path.exists():
        with open(path, encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh if line.strip()]
        frame = pd.DataFrame(
            {
                "id": [str(r.get("id", i)) for i, r in enumerate(recs)],
                "outlet": [r.get("outlet", "") for r in recs],
                "text": [r["text"] for r in recs],
            }
        )
    elif path.exists():
        import framing

        frame = framing.read_corpus(path)
    else:
        import framing

        try:
            frame = framing.datasets.load(spec)
        except Exception as exc:
            sys.exit(f"error: --corpus {spec!r} is neither a file nor a shipped corpus ({exc})")
    if limit:
        frame = frame.iloc[:limit]
    return frame


# ----------------------------------------------------------------------------- measuring


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(st: Stage, corpus, repeats: int, trace: bool = True) -> dict[str, Any]:
    texts = corpus["text"].tolist()
    arg = texts if st.input == "texts" else corpus
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    row: dict[str, Any] = {"stage": st.name, "articles": n, "MB": round(mb, 2)}
    missing = st.missing()
    if missing:
        return {**row, "status": f"unavailable: {missing}"}
    try:
        # warm-up: lazy tables, caches, imports (on a slice for text stages)
        st.func(arg[: min(n, 20)] if st.input == "texts" else corpus.iloc[: min(n, 20)])
        rss_before = _rss_mb()
        best = best_cpu = float("inf")
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            st.func(arg)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        rss_peak = _rss_mb()
        tm_peak = None
        if trace:
            tracemalloc.start()
            st.func(arg)
            tm_peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    except ImportError as exc:
        return {**row, "status": f"unavailable: {type(exc).__name__}: {exc}"}
    except Exception as exc:
        return {**row, "status": f"error: {type(exc).__name__}: {exc}"}
    return {
        **row,
        "status": "ok",
        "seconds": round(best, 4),
        "articles/s": round(n / best),
        "MB/s": round(mb / best, 2),
        "articles/CPU-s": round(n / max(best_cpu, 1e-9)),
        "peak RSS MB": round(rss_peak, 1),
        "RSS growth MB": round(rss_peak - rss_before, 1),
        "tracemalloc peak MB": None if tm_peak is None else round(tm_peak, 1),
    }


def _run_child(name: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        sys.executable, str(Path(__file__).resolve()), "--child", name,
        "--corpus", str(args.corpus), "--repeats", str(args.repeats),
    ]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.no_tracemalloc:
        cmd.append("--no-tracemalloc")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"stage": name, "status": f"error: {tail}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- output

COLUMNS = ["stage", "articles/s", "articles/CPU-s", "MB/s", "peak RSS MB", "tracemalloc peak MB", "status"]


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        cells = []
        for c in COLUMNS:
            v = r.get(c, "")
            cells.append(f"{v:,}" if isinstance(v, int) else ("" if v is None else str(v)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _build_description() -> str:
    """Whether the hot path runs compiled (mypyc) or from source: it changes every figure."""
    try:
        from framing._compiled import describe
    except ImportError:
        return "(build unknown)"
    return describe()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Articles/s, MB/s and peak memory of each pipeline stage on one core."
    )
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                    help="JSONL/CSV/Parquet corpus, a folder of .txt, or a shipped corpus name "
                         "(default: ../shared/data/polnear/train.jsonl)")
    ap.add_argument("--stages", default="all",
                    help="comma-separated stage names, or 'all' (default); see --list")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes; the best counts")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--no-isolate", action="store_true",
                    help="run every stage in this process (peak RSS is then cumulative)")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    ap.add_argument("--list", action="store_true", help="list the registered stages and exit")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--memory-check", type=int, metavar="N",
                    help="instead of the stages: stream a synthetic N-article JSONL (resampled "
                         "real sentences) through analyze and check peak RSS < 1.5 GB "
                         "(benchmarks/memory_check.py; e.g. --memory-check 1000000)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for --memory-check")
    args = ap.parse_args(argv)
    if args.memory_check:
        from memory_check import main as memory_main

        return memory_main(["--articles", str(args.memory_check), "--jobs", str(args.jobs)])

    if args.list:
        for st in STAGES.values():
            missing = st.missing()
            state = f"  [unavailable: {missing}]" if missing else ""
            print(f"{st.name:24s} {st.description}{state}")
        return 0
    if args.repeats < 1:
        ap.error(f"--repeats must be at least 1; received {args.repeats}")

    if args.child:
        corpus = load_corpus(args.corpus, args.limit)
        row = measure(STAGES[args.child], corpus, args.repeats, not args.no_tracemalloc)
        print(json.dumps(row))
        return 0

    names = list(STAGES) if args.stages == "all" else [s.strip() for s in args.stages.split(",")]
    unknown = [s for s in names if s not in STAGES]
    if unknown:
        ap.error(f"unknown stage(s) {unknown}; registered: {', '.join(STAGES)}")

    corpus = load_corpus(args.corpus, args.limit)
    texts = corpus["text"].tolist()
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {args.corpus}  ({n:,} articles, {mb:.2f} MB UTF-8, "
          f"mean {sum(map(len, texts)) / max(n, 1):,.0f} chars/article)")
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs visible, one process per stage, best of {args.repeats}")
    print(f"framing {_build_description()}")
    rows = []
    for name in names:
        if args.no_isolate:
            row = measure(STAGES[name], corpus, args.repeats, not args.no_tracemalloc)
        else:
            row = _run_child(name, args)
        rows.append(row)
        if row.get("status") == "ok":
            print(f"{name:24s} {row['articles/s']:>9,} articles/s  "
                  f"({row['articles/CPU-s']:,} per CPU-s)  {row['MB/s']:>7.2f} MB/s  "
                  f"peak RSS {row['peak RSS MB']:.0f} MB  "
                  f"tracemalloc peak {row['tracemalloc peak MB']} MB")
        else:
            print(f"{name:24s} {row.get('status')}")
    print()
    print(markdown(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
