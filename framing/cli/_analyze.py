"""``framing analyze`` and ``framing report``: the whole comparison from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

from ._common import add_corpus_argument


def register(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="quotes, loaded terms and sources per document and per group, written as tables",
        description="Run every metric over CORPUS once and write tidy tables (Parquet and "
        "CSV) for documents and groups to OUTDIR.",
    )
    add_corpus_argument(p)
    _add_common(p)
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True,
                   help="folder for the tables (<table>.parquet and <table>.csv)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1; -1: all)")
    p.add_argument("--engine", choices=["serial", "processes", "dask"], default=None,
                   help="default: serial, or processes when --jobs > 1")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask)")
    p.add_argument("--chunksize", type=int, default=2_000,
                   help="documents read and aggregated at a time (default 2000)")
    p.add_argument("--keyness", action="store_true", help="also count words for keyness")
    p.set_defaults(func=_run_analyze)

    r = sub.add_parser(
        "report",
        help="a self-contained HTML or Markdown report comparing the groups",
        description="Analyse CORPUS and write a self-contained report (no network, images "
        "embedded); the format follows the extension of -o (.html or .md).",
    )
    add_corpus_argument(r)
    _add_common(r)
    r.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="report.html or report.md")
    r.add_argument("--title", default=None, help="report title")
    r.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    r.set_defaults(func=_run_report)


def _add_common(p) -> None:
    p.add_argument("--by", default="outlet", help="group column (default: outlet)")
    p.add_argument("--duplicates", choices=["keep", "drop"], default="keep",
                   help="near-duplicates (wire copy) are flagged; drop: leave copies out "
                   "of the comparisons")
    p.add_argument("--n-boot", type=int, default=1000,
                   help="bootstrap resamples for the confidence intervals (0: none)")
    p.add_argument("--n-perm", type=int, default=2000,
                   help="permutations for the pairwise tests (0: none)")
    p.add_argument("--seed", type=int, default=0, help="random seed (reproducible CIs)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def _source(args):
    """A path streams in chunks; a shipped corpus name is loaded."""
    from framing import datasets

    if not Path(args.corpus).exists() and args.corpus in datasets.list()["name"].tolist():
        return datasets.load(args.corpus)
    return args.corpus


def _run_analyze(args) -> int:
    from framing.analysis import analyze

    source = _source(args)
    read_kwargs = {} if not isinstance(source, str) else {
        "text_col": args.text_col, "id_col": args.id_col, "outlet_col": args.outlet_col}
    engine = args.engine or ("processes" if args.jobs != 1 else "serial")
    res = analyze(
        source, by=args.by, engine=engine, jobs=args.jobs, scheduler=args.scheduler,
        chunksize=args.chunksize, duplicates=args.duplicates, keyness=args.keyness,
        n_boot=args.n_boot, n_perm=args.n_perm, seed=args.seed,
        progress=not args.no_progress, out=args.output, read_kwargs=read_kwargs,
    )
    print(res, file=sys.stderr)
    return 0


def _run_report(args) -> int:
    from framing.cli._common import load_corpus_arg
    from framing.report import write_report

    corpus = load_corpus_arg(args)
    path = write_report(corpus, args.output, by=args.by, title=args.title,
                        n_boot=args.n_boot, n_perm=args.n_perm, seed=args.seed,
                        duplicates=args.duplicates,
                        jobs=args.jobs, progress=not args.no_progress)
    print(f"wrote {path}", file=sys.stderr)
    return 0
