"""Run a pure per-document function over a corpus, never letting one bad document sink it.

Every corpus-level function (``quotes``, ``loaded_terms``, ``sources`` ...) maps a
per-document function over ``(id, text)`` pairs with :func:`map_documents`.  A
document whose function raises is recorded in a status table (attached to the
result as ``DataFrame.attrs["status"]``, a list of ``{"doc_id", "error"}`` records; wrap it
in ``pd.DataFrame`` to inspect it) and reported in one warning; its rows are simply absent,
and the warning says so, so nothing is dropped silently.  ``attrs`` holds plain lists and
dicts, never DataFrames, because pandas compares ``attrs`` when tables are merged.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ._errors import FramingWarning

__all__ = ["map_documents", "records_to_frame"]


def map_documents(
    docs: Iterable[tuple[Any, str]],
    func: Callable[[str], list[dict]],
    *,
    what: str,
    columns: list[str],
    progress: bool = False,
    total: int | None = None,
) -> pd.DataFrame:
    """Apply ``func(text) -> list[dict]`` to each document and return one tidy frame.

    Parameters
    ----------
    docs : iterable of (doc_id, text)
    func : callable
        Pure per-document function returning a list of row dicts (without ``doc_id``).
    what : str
        Name of the stage, used in the warning ("quotation attribution").
    columns : list of str
        Output columns, in order, including ``doc_id``; used for the empty result too.
    progress : bool
        Show a tqdm progress bar.
    """
    rows: list[dict] = []
    failed: list[tuple[Any, str]] = []
    it = docs
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(docs, total=total, desc=what, unit="doc")
    for doc_id, text in it:
        try:
            recs = func(text)
        except Exception as exc:  # one bad document never sinks a corpus
            failed.append((doc_id, f"{type(exc).__name__}: {exc}"))
            continue
        for r in recs:
            r["doc_id"] = doc_id
        rows.extend(recs)
    frame = records_to_frame(rows, columns)
    frame.attrs["status"] = [{"doc_id": d, "error": e} for d, e in failed]
    if failed:
        first = ", ".join(repr(d) for d, _ in failed[:5])
        warnings.warn(
            f"{what}: {len(failed)} document(s) could not be processed and have no rows "
            f"(first: {first}; first error: {failed[0][1]}). "
            "pd.DataFrame(result.attrs['status']) lists every failed id and its error.",
            FramingWarning,
            stacklevel=3,
        )
    return frame


def records_to_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Build a frame with exactly ``columns`` (in order) from row dicts, even when empty."""
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.DataFrame.from_records(rows, columns=columns)
