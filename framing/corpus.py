"""Corpus loading and validation: a corpus is a pandas DataFrame with a documented schema.

Schema
------
============  ========  ==============================================================
column        required  meaning
============  ========  ==============================================================
``id``        yes       unique document id (string)
``outlet``    yes       the publishing outlet (string)
``text``      yes       the article body; every offset in framing points into it
``title``     no        headline
``date``      no        publication date, parsed to ``datetime64`` (unparseable -> NaT,
                        with the raw value kept in ``date_raw`` and one warning)
``url``       no        source URL
``event``     no        an event id; outlets are compared within events when present
``status``    added     ``"ok"`` or ``"empty"`` (empty or whitespace-only text)
============  ========  ==============================================================

Any other column is kept, after the schema columns, in its original order.
Rows are never dropped or reordered.  Validation happens once, here, at the edge;
every other function in framing trusts a corpus that came through
:func:`read_corpus` or :func:`validate_corpus`.
"""
from __future__ import annotations

import gzip
import io
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import DataError, FramingWarning

__all__ = ["read_corpus", "iter_corpus", "validate_corpus", "write_corpus", "CORPUS_COLUMNS"]

REQUIRED = ("id", "outlet", "text")
OPTIONAL = ("title", "date", "url", "event")
CORPUS_COLUMNS = REQUIRED + OPTIONAL + ("status",)

_JSONL = (".jsonl", ".ndjson", ".json")
_CSV = (".csv", ".tsv")
_PARQUET = (".parquet", ".pq")


def read_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    outlet_col: str = "outlet",
    title_col: str = "title",
    date_col: str = "date",
    url_col: str = "url",
    event_col: str = "event",
    outlet: str | None = None,
    sep: str | None = None,
    warn: bool = True,
) -> pd.DataFrame:
    """Read and validate a news corpus.

    Parameters
    ----------
    source : str, path or DataFrame
        A JSONL, CSV/TSV or Parquet file (optionally gzip-compressed, ``.gz``), a folder of
        ``.txt`` files (outlet = sub-folder name, id = file stem; files directly in the
        folder take the folder's own name as outlet), or an existing DataFrame.
    text_col, id_col, outlet_col, title_col, date_col, url_col, event_col : str
        Names of the columns in ``source`` that hold each schema field.  They are renamed to
        the schema names (``text``, ``id`` ...).
    outlet : str, optional
        A constant outlet for a single-outlet file without an outlet column.
    sep : str, optional
        CSV separator; default ``","`` (``"\\t"`` for ``.tsv``).
    warn : bool, default True
        Emit one :class:`~framing.FramingWarning` for empty texts and unparseable dates.

    Returns
    -------
    pandas.DataFrame
        The corpus, with columns ``id, outlet, text``, the optional schema columns present,
        the extra columns, and ``status``.

    Raises
    ------
    framing.DataError
        A required column is missing, ids are duplicated, a file is empty or not UTF-8.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.datasets.load("seed")
    >>> list(corpus.columns[:3])
    ['id', 'outlet', 'text']
    >>> corpus2 = framing.read_corpus(corpus)   # a DataFrame validates too
    >>> len(corpus2) == len(corpus)
    True
    """
    names = dict(
        text_col=text_col, id_col=id_col, outlet_col=outlet_col, title_col=title_col,
        date_col=date_col, url_col=url_col, event_col=event_col,
    )
    if isinstance(source, pd.DataFrame):
        frame, origin = source, "the DataFrame"
    else:
        path = _check_path(source)
        frame, origin = _read_any(path, sep=sep), str(path)
    return validate_corpus(frame, outlet=outlet, origin=origin, warn=warn, **names)


def iter_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    chunksize: int = 10_000,
    text_col: str = "text",
    id_col: str = "id",
    outlet_col: str = "outlet",
    title_col: str = "title",
    date_col: str = "date",
    url_col: str = "url",
    event_col: str = "event",
    outlet: str | None = None,
    sep: str | None = None,
    warn: bool = True,
) -> Iterator[pd.DataFrame]:
    """Yield a corpus in validated chunks of at most ``chunksize`` rows, for streaming.

    Memory stays flat: only one chunk is held at a time (plus the set of ids seen, to catch
    duplicate ids across chunks).  Options are those of :func:`read_corpus`.

    Examples
    --------
    >>> import framing
    >>> sizes = [len(c) for c in framing.iter_corpus(framing.datasets.path("wikinews"),
    ...                                                chunksize=100)]
    >>> sizes
    [100, 100, 95]
    """
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(
            f"chunksize must be a positive integer; got {chunksize!r}. Pass e.g. chunksize=10_000."
        )
    names = dict(
        text_col=text_col, id_col=id_col, outlet_col=outlet_col, title_col=title_col,
        date_col=date_col, url_col=url_col, event_col=event_col,
    )
    seen: set[str] = set()
    if isinstance(source, pd.DataFrame):
        chunks: Iterator[pd.DataFrame] = (
            source.iloc[i : i + chunksize] for i in range(0, len(source), chunksize)
        )
        origin = "the DataFrame"
    else:
        path = _check_path(source)
        chunks, origin = _iter_any(path, chunksize=chunksize, sep=sep), str(path)
    for chunk in chunks:
        out = validate_corpus(chunk, outlet=outlet, origin=origin, warn=warn, **names)
        dup = [i for i in out["id"] if i in seen]
        if dup:
            raise DataError(
                f"{origin}: duplicate id(s) across chunks: {_preview(dup)}. Each document needs a "
                "unique id; fix the ids in the source or pass id_col= naming a unique column."
            )
        seen.update(out["id"])
        yield out


def validate_corpus(
    frame: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "id",
    outlet_col: str = "outlet",
    title_col: str = "title",
    date_col: str = "date",
    url_col: str = "url",
    event_col: str = "event",
    outlet: str | None = None,
    origin: str = "the corpus",
    warn: bool = True,
) -> pd.DataFrame:
    """Check a DataFrame against the corpus schema and return a normalised copy.

    See :func:`read_corpus` for the parameters.  The input is never modified.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"corpus must be a pandas DataFrame; got {type(frame).__name__}. "
            "Load files with framing.read_corpus(path)."
        )
    df = frame.copy()
    renames = {
        id_col: "id", outlet_col: "outlet", text_col: "text", title_col: "title",
        date_col: "date", url_col: "url", event_col: "event",
    }
    # a user column already named like a schema column but not chosen would be clobbered
    for src, dst in renames.items():
        if src != dst and src in df.columns and dst in df.columns:
            df = df.rename(columns={dst: f"{dst}_original"})
    df = df.rename(columns={k: v for k, v in renames.items() if k in df.columns and k != v})
    if "outlet" not in df.columns and outlet is not None:
        df["outlet"] = outlet
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        given = {"id": id_col, "outlet": outlet_col, "text": text_col}
        hints = []
        for c in missing:
            hint = f"{c!r} (looked for column {given[c]!r}; pass {c}_col='<your column>'"
            if c == "outlet":
                hint += " or outlet='<name>' for a single-outlet file"
            hints.append(hint + ")")
        raise DataError(
            f"{origin} is missing required column(s): {'; '.join(hints)}. "
            f"Columns found: {list(frame.columns)}."
        )
    if df.empty:
        raise DataError(f"{origin} has no documents (0 rows). Check the file or the filter.")

    null_ids = df["id"].isna()
    if null_ids.any():
        rows = list(df.index[null_ids][:5])
        raise DataError(
            f"{origin}: {int(null_ids.sum())} document(s) have no id (rows {rows}). "
            "Fill them, or pass id_col= naming a column with an id for every row."
        )
    df["id"] = df["id"].astype(str)
    dups = df["id"][df["id"].duplicated()].unique().tolist()
    if dups:
        raise DataError(
            f"{origin}: duplicate id(s): {_preview(dups)}. Each document needs a unique id; "
            "de-duplicate the source or pass id_col= naming a unique column."
        )
    df["outlet"] = df["outlet"].astype(object).where(df["outlet"].notna(), "unknown").astype(str)
    text = df["text"]
    if not all(isinstance(t, str) for t in text):
        bad = [i for i, t in zip(df["id"], text) if not (isinstance(t, str) or pd.isna(t))]
        if bad:
            raise DataError(
                f"{origin}: column 'text' must hold strings; documents {_preview(bad)} hold "
                "other values. Convert them to text first."
            )
        df["text"] = [t if isinstance(t, str) else "" for t in text]
    empty = [not t.strip() for t in df["text"]]
    df["status"] = ["empty" if e else "ok" for e in empty]
    n_empty = sum(empty)
    if n_empty and warn:
        ids = df["id"][empty].tolist()
        warnings.warn(
            f"{origin}: {n_empty} document(s) have an empty or whitespace-only text "
            f"({_preview(ids)}); they are kept with status='empty' and yield no rows.",
            FramingWarning,
            stacklevel=3,
        )
    if "date" in df.columns and not pd.api.types.is_datetime64_any_dtype(df["date"]):
        raw = df["date"]
        parsed = _parse_dates(raw)
        failed = parsed.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        if failed.any():
            df["date_raw"] = raw
            if warn:
                warnings.warn(
                    f"{origin}: {int(failed.sum())} date(s) could not be parsed "
                    f"(e.g. {raw[failed].iloc[0]!r}); they are NaT in 'date' and the original "
                    "strings are kept in 'date_raw'.",
                    FramingWarning,
                    stacklevel=3,
                )
        df["date"] = parsed
    schema = [c for c in CORPUS_COLUMNS if c in df.columns and c != "status"]
    extra = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[schema + extra + ["status"]].reset_index(drop=True)


def write_corpus(corpus: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a corpus (or any tidy table) to a file, the format chosen by its extension.

    ``.jsonl``, ``.csv``, ``.tsv``, ``.parquet`` (each optionally ``.gz`` but Parquet).
    """
    path = Path(path)
    kind = _kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = corpus.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]) and kind != "parquet":
            out[col] = out[col].dt.strftime("%Y-%m-%d").where(out[col].notna(), None)
    if kind == "jsonl":
        out.to_json(path, orient="records", lines=True, force_ascii=False)
    elif kind == "csv":
        out.to_csv(path, index=False, sep="\t" if _stem_suffix(path) == ".tsv" else ",")
    elif kind == "parquet":
        out.to_parquet(path, index=False)
    else:
        raise DataError(f"cannot write {path}: folders of .txt are read-only here; "
                        "choose a .jsonl, .csv or .parquet file name.")
    return path


# ---------------------------------------------------------------------------- helpers

def _preview(items: list[Any], n: int = 5) -> str:
    shown = ", ".join(repr(i) for i in items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


def _parse_dates(raw: pd.Series) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pd.to_datetime(raw, errors="coerce", format="mixed")


def _check_path(source: Any) -> Path:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(
            f"source must be a path or a pandas DataFrame; got {type(source).__name__}."
        )
    path = Path(source)
    if not path.exists():
        raise DataError(
            f"{path}: no such file or folder. Give the path to a .jsonl, .csv, .parquet file "
            "or a folder of .txt files (framing.datasets.list() names the shipped corpora)."
        )
    if path.is_file() and path.stat().st_size == 0:
        raise DataError(f"{path}: the file is empty (0 bytes). Check that it was written fully.")
    return path


def _stem_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suf = _stem_suffix(path)
    if suf in _JSONL:
        return "jsonl"
    if suf in _CSV:
        return "csv"
    if suf in _PARQUET:
        return "parquet"
    raise DataError(
        f"{path}: unknown file type {''.join(path.suffixes) or '(no extension)'!r}. "
        "Use .jsonl/.ndjson, .csv/.tsv or .parquet (optionally .gz), or a folder of .txt files."
    )


def _open_text(path: Path) -> io.StringIO:
    """Read a (possibly gzipped) file as strict UTF-8, naming the position of a bad byte."""
    raw = gzip.open(path).read() if path.suffix.lower() == ".gz" else path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}, "
            f"line {line}). Re-encode the file as UTF-8, e.g. "
            f"`iconv -f latin1 -t utf-8 {path.name} > fixed{''.join(path.suffixes)}`."
        ) from None
    if not text.strip():
        raise DataError(f"{path}: the file has no content (only whitespace).")
    return io.StringIO(text)


def _read_any(path: Path, *, sep: str | None) -> pd.DataFrame:
    kind = _kind(path)
    if kind == "folder":
        return _read_folder(path, _txt_files(path))
    if kind == "parquet":
        return pd.read_parquet(path)
    buf = _open_text(path)
    try:
        if kind == "jsonl":
            return pd.read_json(buf, lines=True, dtype=False, convert_dates=False)
        return pd.read_csv(buf, sep=sep or ("\t" if _stem_suffix(path) == ".tsv" else ","),
                           dtype=str, keep_default_na=False, na_values=[""])
    except ValueError as exc:
        raise DataError(f"{path}: could not be parsed as {kind.upper()} ({exc}).") from None


def _iter_any(path: Path, *, chunksize: int, sep: str | None) -> Iterator[pd.DataFrame]:
    kind = _kind(path)
    if kind == "folder":
        files = _txt_files(path)
        for i in range(0, len(files), chunksize):
            yield _read_folder(path, files[i : i + chunksize])
    elif kind == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunksize):
            yield batch.to_pandas()
    else:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8", errors="strict") as fh:
                if kind == "jsonl":
                    reader = pd.read_json(fh, lines=True, dtype=False, convert_dates=False,
                                          chunksize=chunksize)
                else:
                    reader = pd.read_csv(
                        fh, sep=sep or ("\t" if _stem_suffix(path) == ".tsv" else ","),
                        dtype=str, keep_default_na=False, na_values=[""], chunksize=chunksize)
                yield from reader
        except UnicodeDecodeError as exc:
            raise DataError(
                f"{path}: not valid UTF-8 ({exc.reason} at byte 0x{exc.object[exc.start]:02x}). "
                f"Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 {path.name}`."
            ) from None


def _txt_files(root: Path) -> list[Path]:
    files = sorted(p for p in root.rglob("*.txt") if p.is_file())
    if not files:
        raise DataError(f"{root}: the folder holds no .txt files. Put one article per .txt "
                        "file, in one sub-folder per outlet.")
    return files


def _read_folder(root: Path, files: list[Path]) -> pd.DataFrame:
    rows = []
    for f in files:
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(
                f"{f}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}). "
                f"Re-encode it as UTF-8, e.g. `iconv -f latin1 -t utf-8 {f.name}`."
            ) from None
        rel = f.relative_to(root)
        outlet = rel.parts[0] if len(rel.parts) > 1 else root.name
        rows.append({"id": f.stem, "outlet": outlet, "text": text, "path": str(rel)})
    return pd.DataFrame(rows)
