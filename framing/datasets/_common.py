"""Shared helpers for the research-dataset loaders: the gold table, file reading, errors.

Private: the public names live in the loader modules and in :mod:`framing.datasets._gold`.
"""
from __future__ import annotations

import gzip
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import DataError, FramingWarning

GOLD_COLUMNS: tuple[str, ...] = (
    "doc_id", "ann_id", "layer", "role", "start", "end", "text", "label", "annotator",
)

_INT_COLUMNS = ("start", "end")


class GoldBuilder:
    """Collect gold rows column-wise (fast: no dict per row, one DataFrame at the end).

    ``extra`` names the dataset-specific columns that follow :data:`GOLD_COLUMNS`; every
    row gives a value for each (``None`` when absent).
    """

    __slots__ = ("_cols", "columns")

    def __init__(self, extra: Sequence[str] = ()) -> None:
        self.columns = list(GOLD_COLUMNS) + [c for c in extra if c not in GOLD_COLUMNS]
        self._cols: dict[str, list[Any]] = {c: [] for c in self.columns}

    def add(self, doc_id: str, ann_id: str, layer: str, role: str, start: int, end: int,
            text: str, label: Any, annotator: Any, **extra: Any) -> None:
        cols = self._cols
        cols["doc_id"].append(doc_id)
        cols["ann_id"].append(ann_id)
        cols["layer"].append(layer)
        cols["role"].append(role)
        cols["start"].append(start)
        cols["end"].append(end)
        cols["text"].append(text)
        cols["label"].append(label)
        cols["annotator"].append(annotator)
        for name in self.columns[len(GOLD_COLUMNS):]:
            cols[name].append(extra.get(name))

    def __len__(self) -> int:
        return len(self._cols["doc_id"])

    def frame(self) -> pd.DataFrame:
        return gold_frame(self._cols, self.columns)


def gold_frame(cols: dict[str, list[Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Build a gold DataFrame with :data:`GOLD_COLUMNS` first and integer offsets."""
    columns = list(columns or cols)
    data = {}
    for c in columns:
        values = cols.get(c, [])
        if c in _INT_COLUMNS:
            data[c] = pd.Series(values, dtype="int64")
        elif c in GOLD_COLUMNS:
            data[c] = pd.Series(values, dtype="str")
        else:
            data[c] = pd.Series(values, dtype=_infer_dtype(values))
    return pd.DataFrame(data, columns=columns)


def _infer_dtype(values: list[Any]) -> str | None:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, str) for v in present):
        return "str"
    if not present:
        return "object"
    return None


def unmatched_frame(rows: list[dict], columns: Sequence[str]) -> list[dict]:
    """Annotations that could not be placed (kept, never dropped silently), as a list of
    records with exactly ``columns``; ``pd.DataFrame(gold.attrs["unmatched"])`` shows them.

    A list, not a DataFrame: pandas compares ``attrs`` when tables are merged, and comparing
    DataFrames there raises.
    """
    cols = list(columns)
    return [{c: r.get(c) for c in cols} for r in rows]


def warn(message: str, *, stacklevel: int = 4) -> None:
    """One FramingWarning; the default stacklevel points at the caller of a public loader
    that calls a private helper that calls this."""
    warnings.warn(message, FramingWarning, stacklevel=stacklevel)


def check_dir(path: str | os.PathLike, *, dataset: str, expected: str) -> Path:
    """Return ``path`` as a Path, raising DataError if it does not exist."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike; got {type(path).__name__}.")
    p = Path(path).expanduser()
    if not p.exists():
        raise DataError(f"{p}: no such file or folder. Expected the {dataset} data: {expected}.")
    return p


def describe(path: Path, n: int = 8) -> str:
    """A short listing of what a folder (or file) holds, for error messages."""
    if path.is_file():
        return f"a file named {path.name!r}"
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:  # pragma: no cover - permissions
        return f"an unreadable folder ({exc.strerror})"
    if not entries:
        return "an empty folder"
    names = [e.name + ("/" if e.is_dir() else "") for e in entries[:n]]
    more = f" and {len(entries) - n} more" if len(entries) > n else ""
    return "a folder holding " + ", ".join(names) + more


def not_dataset(path: Path, *, dataset: str, expected: str) -> DataError:
    return DataError(
        f"{path} does not look like {dataset} data: expected {expected}; found {describe(path)}."
    )


def read_text(path: Path) -> str:
    """Read a file as strict UTF-8, keeping every character (``\\r`` too) so offsets hold."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}, "
            f"line {line}). Re-encode it as UTF-8, e.g. `iconv -f latin1 -t utf-8`."
        ) from None


def read_bytes(path: Path) -> bytes:
    """The raw bytes of a file, gunzipped when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        with gzip.open(path) as fh:
            return fh.read()
    return path.read_bytes()


def read_lines(path: Path) -> list[str]:
    """Lines of a UTF-8 text file without their line ends (BOM stripped)."""
    text = read_text(path)
    text = text.removeprefix("\ufeff")
    return text.splitlines()


def as_int(value: Any, *, where: str, field: str) -> int:
    if isinstance(value, bool):
        raise DataError(f"{where}: {field!r} must be an integer offset; got {value!r}.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise DataError(f"{where}: {field!r} must be an integer offset; got {value!r}.")


def check_span(start: int, end: int, length: int, *, where: str) -> None:
    if end < start:
        raise DataError(f"{where}: end {end} < start {start}; a span must have end >= start.")
    if start < 0 or end > length:
        raise DataError(
            f"{where}: span [{start}, {end}) is out of range for a text of {length} "
            f"characters; offsets must satisfy 0 <= start <= end <= {length}."
        )


def norm_key(key: str) -> str:
    """Normalise a field name for tolerant lookup: ``"Body-Paragraphs"`` -> ``"bodyparagraphs"``."""
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


def column_name(key: str) -> str:
    """A tidy column name for an extra field: ``"Target-Entity"`` -> ``"target_entity"``."""
    return re.sub(r"[^a-z0-9]+", "_", str(key).lower()).strip("_") or "field"


def find_all(pattern: re.Pattern[str], text: str) -> Iterable[tuple[int, int]]:
    return ((m.start(), m.end()) for m in pattern.finditer(text))
