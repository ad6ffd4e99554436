"""One call for the whole analysis: quotes, loaded terms and sources, per document and per group.

:func:`analyze` segments each article once and runs every metric on it with one pure
per-document function (:func:`framing._pipeline.process_document`).  The serial,
process-pool and Dask engines call that same function over chunks of the corpus and their
output is aggregated by the same code, so a run with ``jobs=4`` or on a cluster gives the
same tables as a serial run.  Input files are read in chunks, and with ``out=`` the row
tables are written to disk chunk by chunk, so memory stays flat as the corpus grows.
"""
from __future__ import annotations

import math
import os
import tempfile
import warnings
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError, FramingWarning
from ._pipeline import METRICS, TABLE_COLUMNS, ChunkResult, Options, process_chunk

__all__ = ["ENGINES", "AnalysisResult", "analyze"]

ENGINES = ("serial", "processes", "dask")
#: corpus columns carried into the documents table (when present)
_META = ("event", "date", "truncated")
#: pyarrow types of the shared row-table columns, so every streamed chunk has one schema
_INT_COLS = {
    "start", "end", "speaker_start", "speaker_end", "verb_start", "verb_end", "sentence",
    "paragraph", "n_quotes", "n_direct", "n_indirect", "n_words", "first_position",
    "phrase_start", "phrase_end", "n_with_verb", "n_loaded",
}


@dataclass(repr=False)
class AnalysisResult:
    """The tables of one :func:`analyze` run.

    Attributes
    ----------
    documents : DataFrame
        One row per article: ``doc_id``, the grouping column, ``event``/``date`` when
        present, document-level counts (``n_tokens``, ``n_quotes``, ``n_loaded`` ...,
        ``loaded_<category>``, ``reporter_<category>``, ``quoted_<category>``, ``role_<role>``,
        ``verb_<class>``), ``duplicate_of`` and
        ``status``.  When the row tables are streamed to disk (a file with ``out`` set,
        or ``keep_rows=False``), the table is spilled to Parquet chunk by chunk in a
        temporary folder inside ``out`` (only compact count arrays stay in memory for the
        group statistics), written to ``out`` at the end and read back on first access.
    n_documents : int
        Number of rows of ``documents``, counted without reading a table written to disk.
    quotes, loaded, sources : DataFrame
        The row tables of each metric (the shared schemas); read from ``out`` on first
        access when the run streamed them to disk.
    groups : DataFrame
        Every group-level metric with its 95% bootstrap CI, numerator, denominator, ``n_docs``
        and a ``small_group`` flag (:func:`framing.compare.group_metrics`).
    pairwise : DataFrame
        Pairwise group differences with permutation p-values and Holm correction.
    events : DataFrame
        Within-event (paired) outlet comparisons; empty without an ``event`` column.
    keyness : DataFrame
        One-vs-rest keyness of words (empty unless ``keyness=True``).
    duplicates : DataFrame
        Near-duplicate pairs (wire copy) found before the comparison.
    status : DataFrame
        Documents that failed (``doc_id, error``).
    """

    by: str
    _documents: pd.DataFrame | None
    groups: pd.DataFrame
    pairwise: pd.DataFrame
    events: pd.DataFrame
    keyness: pd.DataFrame
    duplicates: pd.DataFrame
    status: pd.DataFrame
    term_counts: dict[str, Counter] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    _rows: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    @property
    def documents(self) -> pd.DataFrame:
        if self._documents is None:
            path = self.paths.get("documents")
            self._documents = (pd.read_parquet(path) if path is not None
                               else pd.DataFrame(columns=["doc_id", self.by, "status"]))
        return self._documents

    @property
    def n_documents(self) -> int:
        """Number of documents (without loading a documents table written to disk)."""
        if self._documents is None and "documents" in self.paths:
            import pyarrow.parquet as pq

            return pq.ParquetFile(self.paths["documents"]).metadata.num_rows
        return len(self.documents)

    def _table(self, name: str) -> pd.DataFrame:
        frame = self._rows.get(name)
        if frame is None:
            path = self.paths.get(name)
            if path is None:
                return pd.DataFrame(columns=TABLE_COLUMNS[name])
            frame = pd.read_parquet(path)
            self._rows[name] = frame
        return frame

    @property
    def quotes(self) -> pd.DataFrame:
        return self._table("quotes")

    @property
    def loaded(self) -> pd.DataFrame:
        return self._table("loaded")

    @property
    def sources(self) -> pd.DataFrame:
        return self._table("sources")

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (row tables are loaded from disk if they were streamed)."""
        return {
            "documents": self.documents, "quotes": self.quotes, "loaded": self.loaded,
            "sources": self.sources, "groups": self.groups, "pairwise": self.pairwise,
            "events": self.events, "keyness": self.keyness, "duplicates": self.duplicates,
            "status": self.status,
        }

    def __repr__(self) -> str:
        counted = self._documents if self._documents is not None else self.groups
        n_groups = counted[self.by].nunique() if self.by in counted.columns else 0
        head = f"AnalysisResult(by={self.by!r}: {self.n_documents:,} documents in "
        lines = [head + f"{n_groups} groups)"]
        for name in ("quotes", "loaded", "sources"):
            frame = self._rows.get(name)
            size = f"{len(frame):,} rows" if frame is not None else (
                f"on disk at {self.paths[name]}" if name in self.paths else "not computed")
            lines.append(f"  .{name:<10} {size}")
        for name in ("groups", "pairwise", "events", "keyness", "duplicates", "status"):
            lines.append(f"  .{name:<10} {len(getattr(self, name)):,} rows")
        if self.paths:
            lines.append(f"  written to {Path(next(iter(self.paths.values()))).parent}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        return "<pre>" + html.escape(repr(self)) + "</pre>"


def analyze(
    corpus: pd.DataFrame | str | os.PathLike,
    *,
    by: str = "outlet",
    engine: str = "serial",
    jobs: int = 1,
    scheduler: Any = None,
    chunksize: int = 2_000,
    task_size: int | None = None,
    metrics: tuple[str, ...] | list[str] = METRICS,
    duplicates: str = "keep",
    duplicate_threshold: float = 0.8,
    keyness: bool = False,
    n_boot: int = 1000,
    n_perm: int = 2000,
    min_docs: int = 10,
    progress: bool = True,
    out: str | os.PathLike | None = None,
    keep_rows: bool | None = None,
    seed: int = 0,
    metric_kwargs: dict | None = None,
    read_kwargs: dict | None = None,
) -> AnalysisResult:
    """Run quotes, loaded terms and sources over a corpus and compare the groups.

    Parameters
    ----------
    corpus : DataFrame or path
        A validated corpus, or a file read in chunks with :func:`framing.iter_corpus`.
    by : str, default "outlet"
        The corpus column that defines the groups.
    engine : {"serial", "processes", "dask"}
        ``"processes"`` uses ``jobs`` local processes; ``"dask"`` sends chunks to a
        ``dask.distributed`` cluster (``scheduler``: an address such as
        ``"tcp://10.0.0.5:8786"``, a ``Client``, or None for a local cluster of ``jobs``
        worker processes).  Every engine calls the same per-document function and gives
        the same tables.
    jobs : int, default 1
        Worker processes.  ``jobs > 1`` with ``engine="serial"`` switches to
        ``"processes"``.
    chunksize : int, default 2_000
        Documents read and aggregated at a time.
    task_size : int, optional
        Documents per task sent to a worker (default: each chunk split into 8 tasks per
        worker, at most 500).
    metrics : sequence of {"quotes", "loaded", "sources"}
        The metric stages to run (loaded terms use the quotes for the voice split, sources
        are built from the quotes).
    duplicates : {"keep", "drop"}, default "keep"
        Near-duplicates (wire copy) are always flagged in ``documents.duplicate_of``;
        ``"drop"`` also leaves every copy but the first out of the group comparisons.
    duplicate_threshold : float, default 0.8
        Estimated Jaccard resemblance of character shingles above which two articles are
        near-duplicates (:func:`framing.compare.near_duplicates`).
    keyness : bool, default False
        Also count words per group and return one-vs-rest keyness
        (:func:`framing.compare.keyness`).
    n_boot, n_perm : int
        Bootstrap resamples for the confidence intervals and permutations for the pairwise
        tests; 0 skips them (point estimates and differences only, e.g. for a quick pass).
    min_docs : int, default 10
        Groups with fewer documents are flagged ``small_group``.
    progress : bool, default True
        Show a progress bar (``tqdm.auto``: a widget in notebooks, text in a terminal).
    out : path, optional
        Folder to write every table to, as Parquet and CSV (``<table>.parquet``,
        ``<table>.csv``).
    keep_rows : bool, optional
        Keep the quotes/loaded/sources rows in memory.  Default: True, except when a file
        is streamed with ``out`` set, in which case the rows are written chunk by chunk
        and read back on first access.
    seed : int, default 0
        Seed of the bootstrap and permutation tests (results are reproducible).
    metric_kwargs : dict, optional
        Extra keyword arguments per metric, e.g. ``{"sources": {"actor_map": ...}}``.
    read_kwargs : dict, optional
        Passed to :func:`framing.iter_corpus` when ``corpus`` is a path.

    Returns
    -------
    AnalysisResult

    Examples
    --------
    >>> import framing
    >>> res = framing.analyze(framing.datasets.load("syria-2016"), progress=False)
    >>> sorted(res.tables())[:3]
    ['documents', 'duplicates', 'events']
    >>> "loaded terms per 1,000 tokens" in set(res.groups["metric"])
    True
    """
    from . import compare

    engine, jobs = _check_engine(engine, jobs)
    metrics = _check_metrics(metrics)
    if duplicates not in ("keep", "drop"):
        raise ValueError(
            f"duplicates must be 'keep' or 'drop'; got {duplicates!r}. 'keep' flags wire copy "
            "in documents.duplicate_of, 'drop' also leaves the copies out of the comparisons."
        )
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer; got {chunksize!r}.")
    streaming = not isinstance(corpus, pd.DataFrame)
    if keep_rows is None:
        keep_rows = not (streaming and out is not None)
    out_dir = Path(out) if out is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    if not keep_rows and out_dir is None:
        raise ValueError("keep_rows=False needs out=<folder> to write the row tables to.")
    options = Options(metrics=metrics, terms=bool(keyness), sketch=True,
                      metric_kwargs=dict(metric_kwargs or {}))

    chunks, total = _input_chunks(corpus, by=by, chunksize=chunksize,
                                  read_kwargs=read_kwargs or {})
    # streamed to disk: the documents table is spilled chunk by chunk too, and only the
    # columns the group statistics need stay in memory, in compact dtypes; the spill sits
    # in the output folder (as large as the documents table; /tmp may be small on a cluster)
    spill = (tempfile.TemporaryDirectory(prefix=".framing-spill-", dir=out_dir)
             if not keep_rows else None)
    try:
        agg = _Aggregator(by=by, keep_rows=keep_rows, out_dir=out_dir, metrics=metrics,
                          spill_dir=Path(spill.name) if spill is not None else None)
        bar = _progress(progress, total)
        try:
            for meta, result in _run(chunks, options, engine=engine, jobs=jobs,
                                     scheduler=scheduler, task_size=task_size, total=total):
                agg.add(meta, result)
                if bar is not None:
                    bar.update(len(result.documents))
        finally:
            if bar is not None:
                bar.close()
        documents, rows, terms, sketches, status = agg.finish()

        dup_pairs = compare.near_duplicates_from_sketches(
            documents["doc_id"], documents[by], sketches,
            threshold=duplicate_threshold,
        )
        del sketches                 # 128 MB for a million articles: not needed any more
        dup_of = compare.duplicate_of(documents["doc_id"], dup_pairs)
        if spill is not None:
            assert out_dir is not None
            agg.write_documents(out_dir, dup_of)
        else:
            documents["duplicate_of"] = dup_of
        compared = documents
        if duplicates == "drop":
            compared = documents[dup_of.isna().to_numpy()]
    finally:
        if spill is not None:
            spill.cleanup()
    pair_kw = {"by": by, "n_perm": n_perm, "n_boot": n_boot, "seed": seed,
               "min_docs": min_docs}
    pending = _submit_pairwise(compared, pair_kw, engine=engine, jobs=jobs, options=options)
    groups = compare.group_metrics(compared, by=by, n_boot=n_boot, seed=seed,
                                   min_docs=min_docs)
    pairwise = (compare._pairwise_frame([f.result() for f in pending]) if pending
                else compare.pairwise_differences(compared, **pair_kw))
    events = (compare.within_event(compared, by=by, n_boot=n_boot, n_perm=n_perm, seed=seed)
              if "event" in compared.columns else compare.within_event_empty(by))
    key = (compare.keyness_from_counts(terms) if keyness and len(terms) > 1
           else compare.keyness_empty())
    result = AnalysisResult(
        by=by, _documents=documents if spill is None else None, groups=groups,
        pairwise=pairwise, events=events, keyness=key, duplicates=dup_pairs, status=status,
        term_counts=terms,
        options={"engine": engine, "jobs": jobs, "metrics": metrics, "duplicates": duplicates,
                 "n_boot": n_boot, "n_perm": n_perm, "seed": seed, "min_docs": min_docs},
        _rows=rows,
    )
    if status is not None and len(status):
        first = ", ".join(repr(d) for d in status["doc_id"].head(5))
        warnings.warn(
            f"analyze: {len(status)} document(s) could not be processed and have no rows "
            f"(first: {first}; first error: {status['error'].iloc[0]}). "
            "See result.status for every failed id and its error.",
            FramingWarning, stacklevel=2,
        )
    del documents, compared
    if out_dir is not None:
        result.paths = _write_outputs(result, out_dir, agg.streamed)
    return result


# ----------------------------------------------------------------------------- checks

def _check_engine(engine: str, jobs: int) -> tuple[str, int]:
    if engine not in ENGINES:
        raise ValueError(
            f"engine must be one of {list(ENGINES)}; got {engine!r}. Use 'processes' for "
            "local parallelism or 'dask' with scheduler='tcp://HOST:8786' for a cluster."
        )
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs == 0 or jobs < -1:
        raise ValueError(
            f"jobs must be a positive integer or -1 (all cores); got {jobs!r}."
        )
    if jobs == -1:
        jobs = os.cpu_count() or 1
    if engine == "serial" and jobs > 1:
        engine = "processes"
    return engine, jobs


def _check_metrics(metrics) -> tuple[str, ...]:
    if isinstance(metrics, str):
        metrics = (metrics,)
    bad = [m for m in metrics if m not in METRICS]
    if bad:
        raise ValueError(
            f"unknown metric(s) {bad}; choose from {list(METRICS)}."
        )
    if ("loaded" in metrics or "sources" in metrics) and "quotes" not in metrics:
        metrics = ("quotes", *metrics)
    return tuple(m for m in METRICS if m in metrics)


def _input_chunks(corpus, *, by, chunksize, read_kwargs):
    """Yield (meta, ids, texts, groups) per input chunk; also return the total if known."""
    if isinstance(corpus, pd.DataFrame):
        _check_columns(corpus, by, "the corpus")
        total = len(corpus)
        frames: Iterator[pd.DataFrame] = (
            corpus.iloc[i : i + chunksize] for i in range(0, total, chunksize)
        )
    else:
        from .corpus import iter_corpus

        total = _count_lines(Path(corpus))
        frames = iter_corpus(corpus, chunksize=chunksize, **read_kwargs)

    def gen():
        first = True
        for frame in frames:
            if first:
                _check_columns(frame, by, str(corpus) if not isinstance(
                    corpus, pd.DataFrame) else "the corpus")
                first = False
            cols = ["id", by] + [c for c in _META if c in frame.columns and c != by]
            meta = frame[cols].rename(columns={"id": "doc_id"}).reset_index(drop=True)
            if "status" in frame.columns:
                meta["status"] = frame["status"].to_numpy()
            yield (meta, frame["id"].astype(str).tolist(), frame["text"].tolist(),
                   frame[by].astype(str).tolist())

    return gen(), total


def _check_columns(frame: pd.DataFrame, by: str, origin: str) -> None:
    missing = [c for c in ("id", "text") if c not in frame.columns]
    if missing:
        raise DataError(
            f"{origin} is missing column(s) {missing}; analyze needs a corpus with 'id', "
            "'text' and the grouping column. Load it with framing.read_corpus(...)."
        )
    if by not in frame.columns:
        raise DataError(
            f"by={by!r} is not a column of {origin}; columns are {list(frame.columns)}. "
            "Pass by='<column>' naming the groups to compare (default 'outlet')."
        )


def _count_lines(path: Path) -> int | None:
    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        n = 0
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 24), b""):
                n += block.count(b"\n")
        return n
    return None


def _progress(progress: bool, total: int | None):
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="analyze", unit="doc")


# ----------------------------------------------------------------------------- engines

def _tasks(chunks, task_size, jobs, total):
    """Split input chunks into tasks; yields (meta, tasks) per input chunk."""
    index = 0
    for meta, ids, texts, groups in chunks:
        n = len(ids)
        # serial: tasks of <= 1,000 documents, so rows become compact frames early
        # processes: 8 tasks per worker and chunk, so the last tasks finish close together
        # (a task costs ~3 ms of fixed overhead, ~1.3 ms per document)
        size = task_size or max(1, min(500, math.ceil(n / (8 * jobs)))) if jobs > 1 else (
            task_size or min(n, 1000))
        tasks = []
        for s in range(0, n, size):
            tasks.append((index, ids[s : s + size], texts[s : s + size], groups[s : s + size]))
            index += 1
        yield meta, tasks


def _run(chunks, options, *, engine, jobs, scheduler, task_size, total):
    """Yield (meta, ChunkResult) per input chunk, in input order, whatever the engine."""
    if engine == "serial":
        for meta, tasks in _tasks(chunks, task_size, 1, total):
            yield meta, _merge([process_chunk(*t, options) for t in tasks])
        return
    if engine == "processes":
        yield from _run_pool(chunks, options, jobs=jobs, task_size=task_size, total=total)
        return
    yield from _run_dask(chunks, options, jobs=jobs, scheduler=scheduler,
                         task_size=task_size, total=total)


#: above this many documents the pairwise tests stay in the parent (no large pickles)
_PARALLEL_TAIL_DOCS = 200_000


def _submit_pairwise(compared: pd.DataFrame, pair_kw: dict, *, engine: str, jobs: int,
                     options: Options) -> list | None:
    """With local processes, send the pairwise tests (the largest serial step after the
    pass) to the idle workers, ``jobs`` interleaved sets of pairs; each pair has its own
    seed, so the table is the same as a serial run.  None: compute them in the parent."""
    from . import compare

    if (engine != "processes" or jobs < 2 or not (pair_kw["n_perm"] or pair_kw["n_boot"])
            or len(compared) > _PARALLEL_TAIL_DOCS):
        return None
    by = pair_kw["by"]
    keep = [by] + [c for c in compared.columns if c != by and (
        c == "status" or pd.api.types.is_numeric_dtype(compared[c]))]
    slim = compared[keep]
    pool = _pool(jobs, options)
    return [pool.submit(compare._pairwise_rows, slim, confidence=0.95, part=i, parts=jobs,
                        **pair_kw) for i in range(jobs)]


def _warm_up(options: Options) -> None:
    """Load every lexicon and table in the parent so forked workers inherit them."""
    process_chunk(-1, ["warm-up"], ['"We will win," the minister said on Monday.'], ["x"],
                  options)


_POOLS: dict[int, Any] = {}


def _pool(jobs: int, options: Options):
    """A process pool of ``jobs`` workers, kept for later calls (like joblib's reusable
    executor): starting workers and loading lexicons is paid once per session.  Workers
    are forked after a warm-up, so they start with every table already loaded."""
    import atexit
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    pool = _POOLS.get(jobs)
    if pool is not None and not getattr(pool, "_broken", False) and not getattr(
            pool, "_shutdown_thread", False):
        return pool
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else methods[0])
    if "fork" in methods:
        _warm_up(options)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    if not _POOLS:
        atexit.register(_shutdown_pools)
    _POOLS[jobs] = pool
    return pool


def _shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=False, cancel_futures=True)
    _POOLS.clear()


def _run_pool(chunks, options, *, jobs, task_size, total):
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(jobs, options)
    try:
        yield from _ordered(
            chunks, lambda t: pool.submit(process_chunk, *t, options),
            jobs=jobs, task_size=task_size, total=total,
        )
    except BrokenProcessPool:
        _POOLS.pop(jobs, None)
        raise
    except BaseException:
        # an interrupted run leaves queued tasks behind: drop this pool
        _POOLS.pop(jobs, None)
        pool.shutdown(wait=False, cancel_futures=True)
        raise


def _run_dask(chunks, options, *, jobs, scheduler, task_size, total):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "engine='dask' needs dask.distributed; install it with "
            "`pip install 'framing[dask]'` (or `pip install \"dask[distributed]\"`)."
        ) from None
    own_cluster = None
    if scheduler is None:
        own_cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(own_cluster)
    elif isinstance(scheduler, Client):
        client = scheduler
    else:
        client = Client(scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        yield from _ordered(
            chunks, lambda t: client.submit(process_chunk, *t, options, pure=False),
            jobs=n_workers, task_size=task_size, total=total,
        )
    finally:
        if client is not scheduler:
            client.close()
        if own_cluster is not None:
            own_cluster.close()


def _ordered(chunks, submit, *, jobs, task_size, total):
    """Submit tasks with a bounded number in flight; yield merged chunks in input order."""
    pending: deque = deque()      # (meta, [futures]) per input chunk
    in_flight = 0
    limit = 4 * jobs
    for meta, tasks in _tasks(chunks, task_size, jobs, total):
        futures = []
        for t in tasks:
            futures.append(submit(t))
            in_flight += 1
        pending.append((meta, futures))
        while in_flight > limit and len(pending) > 1:
            meta0, futs = pending.popleft()
            in_flight -= len(futs)
            yield meta0, _merge([f.result() for f in futs])
    while pending:
        meta0, futs = pending.popleft()
        yield meta0, _merge([f.result() for f in futs])


def _merge(parts: list[ChunkResult]) -> ChunkResult:
    if len(parts) == 1:
        return parts[0]
    terms: dict[str, Counter] = {}
    for p in parts:
        for g, c in p.terms.items():
            if g in terms:
                terms[g].update(c)
            else:
                terms[g] = c
    return ChunkResult(
        index=parts[0].index,
        documents=pd.concat([p.documents for p in parts], ignore_index=True),
        tables={name: _concat([p.tables[name] for p in parts], TABLE_COLUMNS[name])
                for name in TABLE_COLUMNS},
        terms=terms,
        sketches=np.concatenate([p.sketches for p in parts]),
        failed=[f for p in parts for f in p.failed],
    )


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


# ----------------------------------------------------------------------------- aggregation

class _Aggregator:
    """Collects chunk results in order; streams row tables to disk when asked."""

    def __init__(self, *, by: str, keep_rows: bool, out_dir: Path | None,
                 metrics: tuple[str, ...] = METRICS, spill_dir: Path | None = None):
        self.by = by
        self.spill_dir = spill_dir
        self.spilled: list[Path] = []      # per-chunk documents frames on disk
        self.metrics = metrics
        self.keep_rows = keep_rows
        self.out_dir = out_dir
        self.docs: list[pd.DataFrame] = []
        self.rows: dict[str, list[pd.DataFrame]] = {n: [] for n in TABLE_COLUMNS}
        self.terms: dict[str, Counter] = {}
        self.sketches: list[np.ndarray] = []      # one (n, k) uint32 block per chunk
        self.failed: list[tuple[Any, str]] = []
        self.writers: dict[str, Any] = {}
        self.streamed: dict[str, Path] = {}

    def add(self, meta: pd.DataFrame, res: ChunkResult) -> None:
        docs = res.documents.drop(columns=["doc_id"])
        docs.index = meta.index
        frame = pd.concat([meta, docs], axis=1)
        if self.spill_dir is not None:
            path = self.spill_dir / f"documents-{len(self.spilled):06d}.parquet"
            # typed per chunk ("e1" and 3 in one chunk's column become text);
            # write_documents settles one type per column across the chunks
            spilled = frame.assign(**{c: _typed_object(frame[c]) for c in _object_columns(frame)})
            spilled.to_parquet(path, index=False)
            self.spilled.append(path)
            frame = _compact(frame, self.by)
        self.docs.append(frame)
        for name, frame in res.tables.items():
            if self.keep_rows:
                if len(frame):
                    self.rows[name].append(frame)
            else:
                self._stream(name, frame)
        for g, c in res.terms.items():
            if g in self.terms:
                self.terms[g].update(c)
            else:
                self.terms[g] = c
        self.sketches.append(res.sketches)
        self.failed.extend(res.failed)

    def _stream(self, name: str, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self.out_dir is not None
        frame = _typed(frame, name)     # the CSV too: integers, not "166.0"
        table = pa.Table.from_pandas(frame, preserve_index=False)
        writer = self.writers.get(name)
        if writer is None:
            path = self.out_dir / f"{name}.parquet"
            writer = pq.ParquetWriter(path, table.schema)
            self.writers[name] = writer
            self.streamed[name] = path
            csv_mode, header = "w", True
        else:
            if table.schema.names != writer.schema.names:   # a metric returned new columns
                raise RuntimeError(
                    f"the {name} rows of a later chunk have columns {table.schema.names}, the "
                    f"first chunk's {writer.schema.names}; add the new columns to "
                    "framing._pipeline.TABLE_COLUMNS.")
            table = table.cast(writer.schema)
            csv_mode, header = "a", False
        writer.write_table(table)
        frame.to_csv(self.out_dir / f"{name}.csv", mode=csv_mode, header=header, index=False)

    def finish(self):
        for w in self.writers.values():
            w.close()
        for name in TABLE_COLUMNS:
            if not self.keep_rows and name not in self.streamed:
                self._stream(name, pd.DataFrame(columns=TABLE_COLUMNS[name]))
                self.writers.pop(name).close()
        if self.spill_dir is not None:
            documents = _concat_compact(self.docs, self.by, self.metrics)
            self.docs = []
        else:
            documents = (pd.concat(self.docs, ignore_index=True) if self.docs
                         else pd.DataFrame())
            self.docs = []      # release the chunk frames before tidying (a million rows)
            documents = _tidy_documents(documents, self.by, self.metrics)
        rows: dict[str, pd.DataFrame | None] = {}
        if self.keep_rows:
            for name, cols in TABLE_COLUMNS.items():
                rows[name] = _typed(_concat(self.rows[name], cols), name)
        status = pd.DataFrame(self.failed, columns=["doc_id", "error"])
        if len(status):
            failed = set(status["doc_id"])
            documents.loc[documents["doc_id"].isin(failed), "status"] = "error"
        self.failed_ids = set(status["doc_id"]) if len(status) else set()
        sketches = (np.concatenate(self.sketches) if len(self.sketches) > 1 else
                    self.sketches[0] if self.sketches else np.empty((0, 0), np.uint32))
        self.sketches = []
        return documents, rows, self.terms, sketches, status

    def write_documents(self, out_dir: Path, duplicate_of: pd.Series) -> None:
        """Write the spilled documents table to ``out_dir`` chunk by chunk, tidied exactly
        like the in-memory table (every count column, int32, ``duplicate_of``, ``status``)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.spilled:
            return
        columns: dict[str, None] = {}
        for path in self.spilled:                 # the union of the chunks' columns
            columns.update(dict.fromkeys(pq.read_schema(path).names))
        dup = duplicate_of.to_numpy(dtype=object)
        failed = self.failed_ids

        def chunks():
            pos = 0
            for path in self.spilled:
                frame = pd.read_parquet(path)
                for c in columns:
                    if c not in frame.columns:
                        frame[c] = np.nan
                frame = _tidy_documents(frame[list(columns)], self.by, self.metrics)
                if failed:
                    frame.loc[frame["doc_id"].isin(failed), "status"] = "error"
                frame["duplicate_of"] = pd.Series(dup[pos : pos + len(frame)], dtype=object)
                pos += len(frame)
                yield frame

        # one schema for every chunk: a column that is all null in one chunk (no
        # duplicates there) takes the type the other chunks give it; a column whose chunks
        # disagree (integers in one, text in another) is text, as in the in-memory table
        schemas = [pa.Schema.from_pandas(f, preserve_index=False) for f in chunks()]
        as_text = {name for name in columns
                   if len({sch.field(name).type for sch in schemas
                           if name in sch.names and not pa.types.is_null(sch.field(name).type)}
                          ) > 1}
        if as_text:
            schemas = [pa.schema([pa.field(f.name, pa.string()) if f.name in as_text else f
                                  for f in sch]) for sch in schemas]
        schema = pa.unify_schemas(schemas, promote_options="permissive")
        pq_path, csv_path = out_dir / "documents.parquet", out_dir / "documents.csv"
        with pq.ParquetWriter(pq_path, schema) as writer:
            for i, frame in enumerate(chunks()):
                for c in as_text & set(frame.columns):
                    frame[c] = frame[c].astype("string")
                table = pa.Table.from_pandas(frame, preserve_index=False)
                writer.write_table(table.cast(schema))
                frame.to_csv(csv_path, mode="a" if i else "w", header=not i, index=False)
        self.streamed["documents"] = pq_path


#: count columns are stored in the smallest unsigned type that holds the chunk's values
_UINTS = (np.uint8, np.uint16, np.uint32)


def _compact(frame: pd.DataFrame, by: str) -> dict[str, Any]:
    """What the group statistics need of a chunk's documents, in compact dtypes:
    ``doc_id``, the group, ``event``, ``status`` and every count column."""
    keep = {c: frame[c] for c in ("doc_id", by, "event", "status") if c in frame.columns}
    counts = {}
    for c in frame.columns:
        if c in keep or c in _META:
            continue
        arr = frame[c].fillna(0).to_numpy()   # NaN: a column some tasks did not have
        top = int(arr.max()) if len(arr) else 0
        if int(arr.min(initial=0)) < 0 or top > np.iinfo(np.uint32).max:
            counts[c] = arr
            continue
        dtype = next(t for t in _UINTS if top <= np.iinfo(t).max)
        counts[c] = arr.astype(dtype)
    return {"meta": pd.DataFrame(keep, copy=False).reset_index(drop=True), "counts": counts,
            "n": len(frame)}


def _concat_compact(parts: list[dict], by: str, metrics) -> pd.DataFrame:
    """The compact chunks as one frame: missing count columns are 0 (as in
    :func:`_tidy_documents`), each column in the widest dtype its chunks needed."""
    from ._pipeline import DOC_COUNTS

    if not parts:
        return pd.DataFrame()
    meta = pd.concat([p["meta"] for p in parts], ignore_index=True)
    for c in meta.columns:
        col = meta[c]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            meta[c] = _typed_object(col)
    names: dict[str, None] = {}
    for family in ("text", *metrics):
        names.update(dict.fromkeys(DOC_COUNTS[family]))
    for p in parts:
        names.update(dict.fromkeys(p["counts"]))
    out = {c: meta[c] for c in meta.columns}
    for c in names:
        dtypes = [p["counts"][c].dtype for p in parts if c in p["counts"]]
        dtype = np.result_type(*dtypes) if dtypes else np.uint8
        out[c] = np.concatenate([p["counts"][c] if c in p["counts"] else
                                 np.zeros(p["n"], dtype=dtype) for p in parts]).astype(
                                     dtype, copy=False)
    documents = pd.DataFrame(out, copy=False)
    if "status" not in documents.columns:
        documents["status"] = "ok"
    return documents


def _tidy_documents(documents: pd.DataFrame, by: str, metrics=METRICS) -> pd.DataFrame:
    from ._pipeline import DOC_BASE, DOC_COUNTS

    if documents.empty:
        return documents
    for family in ("text", *metrics):         # failed documents still get every count
        for c in DOC_COUNTS[family]:
            if c not in documents.columns:
                documents[c] = 0
    meta = [c for c in ("doc_id", by, *_META) if c in documents.columns]
    counts = [c for c in DOC_BASE if c in documents.columns]
    extra = sorted(c for c in documents.columns
                   if c not in meta and c not in counts and c != "status")
    for c in counts + extra:     # int32: a million articles x 60 counts stay ~250 MB
        if documents[c].dtype != np.int32:      # already int32 when no chunk lacked it
            documents[c] = documents[c].fillna(0).astype(np.int32)
    for c in meta:
        col = documents[c]
        if not (pd.api.types.is_datetime64_any_dtype(col) or pd.api.types.is_numeric_dtype(col)
                or pd.api.types.is_bool_dtype(col)):
            documents[c] = _typed_object(col)
    if "status" not in documents.columns:
        documents["status"] = "ok"
    # reorder without copying every column (a million rows x 60 counts)
    order = meta + counts + extra + ["status"]
    return pd.DataFrame({c: documents[c] for c in order}, copy=False)


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Give a row table stable nullable dtypes, so that every chunking, engine and file
    round trip yields the same table (and every streamed chunk the same Arrow schema)."""
    out = frame.copy()
    for c in out.columns:
        col = out[c]
        if c in _INT_COLS:
            out[c] = pd.array(pd.to_numeric(col, errors="coerce"), dtype="Int64")
            continue
        if pd.api.types.is_bool_dtype(col):
            out[c] = col.astype("boolean")
        elif pd.api.types.is_integer_dtype(col):
            out[c] = col.astype("Int64")
        elif pd.api.types.is_float_dtype(col):
            out[c] = col.astype("Float64")
        else:
            out[c] = _typed_object(col)
    return out


def _object_columns(frame: pd.DataFrame) -> list[str]:
    """Columns of Python objects (mixed values, lists): what Parquet cannot store as is."""
    return [c for c in frame.columns if frame[c].dtype == object]


def _typed_object(col: pd.Series):
    kind = pd.api.types.infer_dtype(col, skipna=True)
    if kind in ("string", "empty"):
        return col.astype("string")
    if kind == "boolean":
        return col.astype("boolean")
    if kind == "integer":
        return col.astype("Int64")
    if kind in ("floating", "mixed-integer-float", "decimal"):
        return col.astype("Float64")
    # anything else (lists of mentions ...) is written as its text
    return pd.array([None if v is None or (isinstance(v, float) and math.isnan(v)) else
                     (v if isinstance(v, str) else "; ".join(map(str, v))
                      if isinstance(v, (list, tuple)) else str(v)) for v in col],
                    dtype="string")


def _write_outputs(result: AnalysisResult, out_dir: Path, streamed: dict[str, Path]):
    paths: dict[str, Path] = {}
    for name in ("documents", "quotes", "loaded", "sources", "groups", "pairwise", "events",
                 "keyness", "duplicates", "status"):
        if name in streamed:        # already on disk: never read back here
            paths[name] = streamed[name]
            continue
        frame = getattr(result, name)
        pq_path = out_dir / f"{name}.parquet"
        frame.to_parquet(pq_path, index=False)
        frame.to_csv(out_dir / f"{name}.csv", index=False)
        paths[name] = pq_path
    return paths
