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
                        with the raw value kept in ``date_raw`` and one warning;
                        mixed time zones are converted to UTC)
``url``       no        source URL
``event``     no        an event id; outlets are compared within events when present
``status``    added     ``"ok"`` or ``"empty"`` (empty or whitespace-only text)
============  ========  ==============================================================

Any other column is kept, after the schema columns, in its original order.  A missing
outlet becomes ``"unknown"`` (or the ``outlet=`` given), with one warning.
Rows are never dropped or reordered.  Validation happens once, here, at the edge;
every other function in framing trusts a corpus that came through
:func:`read_corpus` or :func:`validate_corpus`.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import io
import json
import os
import warnings
from collections.abc import Iterable, Iterator
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
        A JSONL (``.jsonl``/``.ndjson``; ``.json`` may also hold one JSON array of
        records), CSV/TSV or Parquet file, the text formats optionally gzip-compressed
        (``.gz``); a folder of ``.txt`` files (outlet = sub-folder name, id = file stem;
        files directly in the folder take the folder's own name as outlet; the relative
        path is kept in ``path``); or an existing DataFrame.
    text_col, id_col, outlet_col, title_col, date_col, url_col, event_col : str
        Names of the columns in ``source`` that hold each schema field.  They are renamed to
        the schema names (``text``, ``id`` ...).
    outlet : str, optional
        The outlet of a single-outlet file without an outlet column; also fills missing
        outlet values.
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
        A required column is missing, ids are missing or duplicated, a text is not a
        string, the file is empty, not UTF-8, or cannot be parsed in its format.

    Warns
    -----
    framing.FramingWarning
        Once for all empty or whitespace-only texts (kept, with ``status="empty"``), once
        for unparseable dates, once for missing outlets.

    See Also
    --------
    iter_corpus : the same, in chunks, for files too large for memory.
    write_corpus : write a corpus in any of these formats.

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
        frame, origin = _read_any(path, sep=sep, names=names), str(path)
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
    duplicate ids across chunks).  Every format of :func:`read_corpus` streams: JSONL and
    CSV/TSV (also gzip-compressed) are parsed chunk by chunk, Parquet by record batches,
    folders file by file.  Options are those of :func:`read_corpus`; warnings are given
    per chunk.  The concatenated chunks equal ``read_corpus(source)``, row for row.

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
    # checked now, at the call, not at the first next(): a bad argument fails where it is made
    if isinstance(source, pd.DataFrame):
        chunks: Iterator[pd.DataFrame] = (
            source.iloc[i : i + chunksize] for i in range(0, len(source), chunksize)
        )
        origin = "the DataFrame"
    else:
        path = _check_path(source)
        _kind(path)
        chunks = _iter_any(path, chunksize=chunksize, sep=sep, names=names)
        origin = str(path)
    return _validated_chunks(chunks, origin=origin, outlet=outlet, warn=warn, names=names)


def _validated_chunks(chunks: Iterator[pd.DataFrame], *, origin: str, outlet: str | None,
                      warn: bool, names: dict[str, str]) -> Iterator[pd.DataFrame]:
    seen: set[str] = set()
    n_rows = 0
    for chunk in chunks:
        if chunk.empty:
            continue
        out = validate_corpus(chunk, outlet=outlet, origin=origin, warn=warn, **names)
        out.index = pd.RangeIndex(n_rows, n_rows + len(out))
        n_rows += len(out)
        dup = [i for i in out["id"] if i in seen]
        if dup:
            raise DataError(
                f"{origin}: duplicate id(s) across chunks: {_preview(dup)}. Each document needs a "
                "unique id; fix the ids in the source or pass id_col= naming a unique column."
            )
        seen.update(out["id"])
        yield out
    if n_rows == 0:
        raise DataError(f"{origin} has no documents (0 rows). Check the file or the filter.")


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
    # a column named explicitly must exist: never fall back to a same-named schema column
    absent = [(dst, src) for src, dst in renames.items() if src != dst and src not in df.columns]
    if absent:
        required = [(d, s) for d, s in absent if d in REQUIRED]
        dst, src = (required or absent)[0]
        hint = f"pass {dst}_col='<your column>'"
        if dst == "outlet":
            hint += " or outlet='<name>' for a single-outlet file"
        raise DataError(
            f"{origin} is missing required column(s): {dst!r} (looked for column {src!r}; "
            f"{hint}). Columns found: {list(frame.columns)}."
            if dst in REQUIRED else
            f"{origin} has no column {src!r} (given as {dst}_col). Columns found: "
            f"{list(frame.columns)}; pass the right name, or leave {dst}_col out."
        )
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
    no_outlet = df["outlet"].isna()
    if no_outlet.any():
        fill = outlet if outlet is not None else "unknown"
        if warn:
            warnings.warn(
                f"{origin}: {int(no_outlet.sum())} document(s) have no outlet "
                f"({_preview(df['id'][no_outlet].tolist())}); they get outlet={fill!r}. "
                "Fill the outlet column, or pass outlet='<name>'.",
                FramingWarning,
                stacklevel=3,
            )
        df["outlet"] = df["outlet"].astype(object).where(~no_outlet, fill)
    df["outlet"] = df["outlet"].astype(str)
    text = df["text"]
    if not all(isinstance(t, str) for t in text):
        bad = [i for i, t in zip(df["id"], text) if not (isinstance(t, str) or pd.isna(t))]
        if bad:
            raise DataError(
                f"{origin}: column 'text' must hold strings; documents {_preview(bad)} hold "
                "other values. Convert them to text first."
            )
        df["text"] = [t if isinstance(t, str) else "" for t in text]
    df["text"] = df["text"].astype(str)
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


def write_corpus(corpus: pd.DataFrame | Iterable[pd.DataFrame], path: str | os.PathLike) -> Path:
    """Write a corpus (or any tidy table) to a file, the format chosen by its extension.

    ``.jsonl``, ``.csv``, ``.tsv`` (each optionally ``.gz``) or ``.parquet``.  Dates are
    written as ISO strings in the text formats (``YYYY-MM-DD`` when no value has a time of
    day), so that :func:`read_corpus` reads the file back to an equal corpus.

    ``corpus`` may also be an iterable of DataFrames with the same columns, such as
    :func:`iter_corpus` yields: the chunks are then written one after another and only one
    is held in memory, so a corpus larger than memory converts with flat memory.  The file
    is written to a temporary name beside ``path`` and renamed when complete, so an error
    half-way never leaves a truncated file behind.

    Examples
    --------
    >>> import tempfile, pathlib, framing
    >>> seed = framing.datasets.load("seed")
    >>> out = framing.write_corpus(seed, pathlib.Path(tempfile.mkdtemp()) / "seed.csv")
    >>> back = framing.read_corpus(out)
    >>> back[["id", "outlet", "text", "date"]].equals(seed[["id", "outlet", "text", "date"]])
    True

    Streaming, chunk by chunk:

    >>> chunks = framing.iter_corpus(framing.datasets.path("wikinews"), chunksize=100)
    >>> out = framing.write_corpus(chunks, pathlib.Path(tempfile.mkdtemp()) / "wikinews.parquet")
    >>> len(framing.read_corpus(out))
    295
    """
    path = Path(path)
    kind = _kind(path)
    if kind not in ("jsonl", "csv", "parquet"):
        raise DataError(f"cannot write {path}: folders of .txt are read-only here; "
                        "choose a .jsonl, .csv or .parquet file name.")
    streamed = not isinstance(corpus, pd.DataFrame)
    if streamed and (not isinstance(corpus, Iterable)
                     or isinstance(corpus, (str, bytes, os.PathLike))):
        raise TypeError(
            f"corpus must be a DataFrame or an iterable of DataFrames; got "
            f"{type(corpus).__name__}. Read a file first with read_corpus() or iter_corpus()."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        if streamed:
            _write_stream(corpus, tmp, kind, path)
        else:
            _write_frame(corpus, tmp, kind, path)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _date_only(frame: pd.DataFrame) -> dict[str, bool]:
    """For each datetime column: True when no value has a time of day (or a time zone)."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_datetime64_any_dtype(values):
            times = values.dropna()
            out[col] = (getattr(values.dt, "tz", None) is None
                        and bool((times == times.dt.normalize()).all()))
    return out


def _text_dates(frame: pd.DataFrame, date_only: dict[str, bool] | None = None) -> pd.DataFrame:
    """Datetime columns as ISO strings, for the text formats: ``YYYY-MM-DD`` for a column
    whose values have no time of day (``date_only``, decided over the whole corpus when it
    is written in chunks), else full ISO timestamps."""
    flags = _date_only(frame) if date_only is None else date_only
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            values = out[col]
            if flags.get(col, False):
                text = values.dt.strftime("%Y-%m-%d")
            else:
                text = values.map(lambda v: v.isoformat() if pd.notna(v) else None)
            out[col] = text.astype(object).where(values.notna(), None)
    return out


def _compression(path: Path) -> str | None:
    return "gzip" if _is_gz(path) else None


def _write_frame(frame: pd.DataFrame, tmp: Path, kind: str, path: Path) -> None:
    if kind == "parquet":
        frame.to_parquet(tmp, index=False)
        return
    out = _text_dates(frame)
    if kind == "jsonl":
        out.to_json(tmp, orient="records", lines=True, force_ascii=False,
                    compression=_compression(path))
    else:
        out.to_csv(tmp, index=False, sep="\t" if _stem_suffix(path) == ".tsv" else ",",
                   compression=_compression(path))


def _checked(chunks: Iterable[pd.DataFrame]) -> Iterator[tuple[int, pd.DataFrame]]:
    n = -1
    for n, chunk in enumerate(chunks):
        if not isinstance(chunk, pd.DataFrame):
            raise TypeError(f"chunk {n} is a {type(chunk).__name__}, not a DataFrame; "
                            "pass a DataFrame or an iterable of DataFrames.")
        yield n, chunk
    if n < 0:
        raise DataError("the corpus has no chunks. Pass a DataFrame or a non-empty iterable "
                        "of DataFrames.")


def _write_stream(chunks: Iterable[pd.DataFrame], tmp: Path, kind: str, path: Path) -> None:
    """Write chunks with flat memory.  Chunks may differ in their columns (an optional
    field or ``date_raw`` present in some chunks only): JSONL records carry their own keys;
    CSV and Parquet, whose header or schema comes first, are written in two passes over
    per-chunk Parquet parts, with the union of the columns (missing values where a chunk
    lacked one) and one type per column (text where chunks disagree)."""
    if kind == "jsonl":
        opener = gzip.open if _is_gz(path) else open
        with opener(tmp, "wt", encoding="utf-8", newline="") as fh:
            for _, chunk in _checked(chunks):
                if len(chunk):
                    text = _text_dates(chunk).to_json(orient="records", lines=True,
                                                       force_ascii=False)
                    fh.write(text.rstrip("\n") + "\n")
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".framing-write-", dir=path.parent) as parts_dir:
        parts, columns, date_only = [], {}, {}
        for n, chunk in _checked(chunks):
            columns.update(dict.fromkeys(chunk.columns))
            for col, flag in _date_only(chunk).items():
                date_only[col] = date_only.get(col, True) and flag
            mixed = {c: chunk[c].astype("string") for c in chunk.columns
                     if chunk[c].dtype == object}     # Python objects: stored as their text
            part = Path(parts_dir) / f"{n:06d}.parquet"
            chunk.assign(**mixed).to_parquet(part, index=False)
            parts.append(part)
        if kind == "csv":
            _csv_from_parts(parts, list(columns), date_only, tmp, path)
        else:
            _parquet_from_parts(parts, list(columns), tmp)


def _csv_from_parts(parts: list[Path], columns: list[str], date_only: dict[str, bool],
                    tmp: Path, path: Path) -> None:
    sep = "\t" if _stem_suffix(path) == ".tsv" else ","
    opener = gzip.open if _is_gz(path) else open
    with opener(tmp, "wt", encoding="utf-8", newline="") as fh:
        for n, part in enumerate(parts):
            frame = pd.read_parquet(part).reindex(columns=columns)
            _text_dates(frame, date_only).to_csv(fh, index=False, sep=sep, header=(n == 0))


def _parquet_from_parts(parts: list[Path], columns: list[str], tmp: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types: dict[str, set] = {c: set() for c in columns}
    for part in parts:
        for field in pq.read_schema(part):
            if not pa.types.is_null(field.type):
                types[field.name].add(field.type)
    # one type per column: the chunks' common type, else text (also for all-missing)
    schema = pa.schema([pa.field(c, next(iter(t)) if len(t) == 1 else pa.string())
                        for c, t in types.items()])
    with pq.ParquetWriter(tmp, schema) as writer:
        for part in parts:
            table = pq.read_table(part)
            arrays = []
            for field in schema:
                if field.name not in table.column_names:
                    arrays.append(pa.nulls(len(table), field.type))
                    continue
                col = table.column(field.name)
                if col.type != field.type and pa.types.is_string(field.type) and \
                        not pa.types.is_null(col.type):
                    col = pa.array(col.to_pandas().astype("string"), type=pa.string())
                arrays.append(col.cast(field.type))
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))


# ---------------------------------------------------------------------------- helpers

def _preview(items: list[Any], n: int = 5) -> str:
    shown = ", ".join(repr(i) for i in items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


def _parse_dates(raw: pd.Series) -> pd.Series:
    """Parse dates leniently; numbers are read as text (20160211 is a date, not epoch ns)."""
    values = raw.astype(object).where(raw.notna(), None)
    values = values.map(lambda v: v if v is None or isinstance(v, (str, _dt.date)) else str(v))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.to_datetime(values, errors="coerce", format="mixed")
        except (ValueError, TypeError):  # mixed time zones, or aware mixed with naive
            return pd.to_datetime(values, errors="coerce", format="mixed", utc=True)


def _check_path(source: Any) -> Path:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(
            f"source must be a path or a pandas DataFrame; got {type(source).__name__}."
        )
    path = Path(source)
    if not path.exists():
        from framing.datasets import list as shipped

        names = shipped()["name"].tolist()
        if source in names:
            hint = f"to load the shipped corpus {source!r} use framing.datasets.load({source!r})"
        else:
            hint = f"or the name of a shipped corpus: {', '.join(names)}"
        raise DataError(
            f"{path}: no such file or folder. Give the path to a .jsonl, .csv, .parquet file "
            f"or a folder of .txt files ({hint})."
        )
    if path.is_file() and path.stat().st_size == 0:
        raise DataError(f"{path}: the file is empty (0 bytes). Check that it was written fully.")
    return path


def _stem_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _is_gz(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suf = _stem_suffix(path)
    if suf in _PARQUET and _is_gz(path):
        raise DataError(
            f"{path}: Parquet is compressed internally and cannot be gzipped; "
            "use a plain .parquet file name."
        )
    if suf in _JSONL:
        return "jsonl"
    if suf in _CSV:
        return "csv"
    if suf in _PARQUET:
        return "parquet"
    raise DataError(
        f"{path}: unknown file type {''.join(path.suffixes) or '(no extension)'!r}. "
        "Use .jsonl/.ndjson, .csv/.tsv or .parquet (the text formats optionally .gz), "
        "or a folder of .txt files."
    )


def _not_utf8(path: Path | str, raw: bytes, start: int) -> DataError:
    line = raw[:start].count(b"\n") + 1
    name = Path(path).name
    return DataError(
        f"{path}: not valid UTF-8 (byte 0x{raw[start]:02x} at offset {start}, line {line}). "
        f"Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 {name} > fixed-{name}`."
    )


def _read_bytes(path: Path) -> bytes:
    if not _is_gz(path):
        return path.read_bytes()
    try:
        with gzip.open(path) as fh:
            return fh.read()
    except (OSError, EOFError) as exc:
        raise DataError(
            f"{path}: not a readable gzip file ({exc}). Decompress it or drop the .gz suffix."
        ) from None


def _open_text(path: Path) -> str:
    """Read a (possibly gzipped) file as strict UTF-8, naming the position of a bad byte."""
    raw = _read_bytes(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, raw, exc.start) from None
    if not text.strip():
        raise DataError(f"{path}: the file has no content (only whitespace).")
    return text


def _csv_options(path: Path, sep: str | None) -> dict[str, Any]:
    # schema text columns stay text ("00123" stays an id, "NA" stays a word); other columns
    # are inferred so that numbers and booleans round-trip through write_corpus
    return dict(
        sep=sep or ("\t" if _stem_suffix(path) == ".tsv" else ","),
        dtype={c: str for c in ("id", "outlet", "text", "title", "url", "event")},
        keep_default_na=False, na_values=[""],
    )


def _csv_dtypes(path: Path, sep: str | None, names: dict[str, str] | None) -> dict[str, Any]:
    opts = _csv_options(path, sep)
    if names:
        opts["dtype"] = {names.get(f"{c}_col", c): str for c in opts["dtype"]}
    return opts


def _read_jsonl(text: str, path: Path) -> pd.DataFrame:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records (.json)
        try:
            records = json.loads(stripped)
        except ValueError as exc:
            raise DataError(f"{path}: not valid JSON ({exc}).") from None
        if not all(isinstance(r, dict) for r in records):
            raise DataError(f"{path}: a JSON array must hold one object per document.")
        return pd.DataFrame.from_records(records) if records else pd.DataFrame()
    records = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        records.append(_jsonl_record(line, lineno, path))
    return pd.DataFrame.from_records(records)


def _jsonl_record(line: str, lineno: int, path: Path) -> dict:
    """One JSONL line as a dict, or a DataError naming the line."""
    try:
        rec = json.loads(line)
    except ValueError as exc:
        raise DataError(
            f"{path}: line {lineno} is not valid JSON ({exc}). A JSONL file holds one "
            "JSON object per line."
        ) from None
    if not isinstance(rec, dict):
        raise DataError(
            f"{path}: line {lineno} holds a JSON {type(rec).__name__}, not an object. "
            "A JSONL file holds one JSON object per line."
        )
    return rec


def _read_any(path: Path, *, sep: str | None, names: dict[str, str] | None = None
              ) -> pd.DataFrame:
    kind = _kind(path)
    if kind == "folder":
        return _read_folder(path, _txt_files(path))
    if kind == "parquet":
        try:
            return pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises its own error types
            raise DataError(f"{path}: could not be read as Parquet ({exc}).") from None
    text = _open_text(path)
    if kind == "jsonl":
        return _read_jsonl(text, path)
    try:
        return pd.read_csv(io.StringIO(text), **_csv_dtypes(path, sep, names))
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: could not be parsed as CSV ({exc}).") from None


def _iter_any(path: Path, *, chunksize: int, sep: str | None,
              names: dict[str, str] | None = None) -> Iterator[pd.DataFrame]:
    kind = _kind(path)
    if kind == "folder":
        files = _txt_files(path)
        _check_folder_ids(path, files)
        for i in range(0, len(files), chunksize):
            yield _read_folder(path, files[i : i + chunksize], check=False)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        try:
            batches = pq.ParquetFile(path).iter_batches(batch_size=chunksize)
        except Exception as exc:
            raise DataError(f"{path}: could not be read as Parquet ({exc}).") from None
        for batch in batches:
            yield batch.to_pandas(types_mapper=_string_mapper)
    else:
        yield from _iter_text(path, kind, chunksize=chunksize, sep=sep, names=names)


def _string_mapper(arrow_type: Any) -> Any:
    # match pd.read_parquet: Arrow strings become pandas' default string dtype
    import pyarrow as pa

    if arrow_type in (pa.string(), pa.large_string()):
        return pd.StringDtype(na_value=float("nan"))
    return None


def _iter_text(path: Path, kind: str, *, chunksize: int, sep: str | None,
               names: dict[str, str] | None) -> Iterator[pd.DataFrame]:
    """Stream a JSONL or CSV file (optionally gzipped) in chunks, with one error per problem."""
    try:
        fh = (gzip.open(path, "rt", encoding="utf-8-sig", errors="strict", newline="")
              if _is_gz(path) else
              open(path, encoding="utf-8-sig", errors="strict", newline=""))
    except OSError as exc:  # pragma: no cover - permissions and the like
        raise DataError(f"{path}: cannot be opened ({exc}).") from None
    try:
        with fh:
            if kind == "jsonl":
                yield from _iter_jsonl(fh, path, chunksize)
            else:
                reader = pd.read_csv(fh, chunksize=chunksize, **_csv_dtypes(path, sep, names))
                with reader:
                    yield from reader
    except UnicodeDecodeError:
        raw = _read_bytes(path)
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, raw, exc.start) from None
        raise  # pragma: no cover - not an encoding problem of the file after all
    except (OSError, EOFError) as exc:
        raise DataError(f"{path}: not a readable gzip file ({exc}).") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{path}: the file has no content.") from None
    except (ValueError, pd.errors.ParserError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"{path}: could not be parsed as CSV ({exc}).") from None


def _iter_jsonl(fh: Any, path: Path, chunksize: int) -> Iterator[pd.DataFrame]:
    records: list[dict] = []
    first = True
    for lineno, line in enumerate(fh, 1):
        if first and line.lstrip().startswith("["):
            # a JSON array cannot be streamed line by line: read it whole
            rest = line + fh.read()
            frame = _read_jsonl(rest, path)
            for i in range(0, len(frame), chunksize):
                yield frame.iloc[i : i + chunksize].reset_index(drop=True)
            return
        if not line.strip():
            continue
        first = False
        records.append(_jsonl_record(line, lineno, path))
        if len(records) == chunksize:
            yield pd.DataFrame.from_records(records)
            records = []
    if records:
        yield pd.DataFrame.from_records(records)


def _txt_files(root: Path) -> list[Path]:
    files = sorted(p for p in root.rglob("*.txt") if p.is_file())
    if not files:
        raise DataError(f"{root}: the folder holds no .txt files. Put one article per .txt "
                        "file, in one sub-folder per outlet.")
    return files


def _check_folder_ids(root: Path, files: list[Path]) -> None:
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        by_stem.setdefault(f.stem, []).append(f.relative_to(root))
    clashes = {k: v for k, v in by_stem.items() if len(v) > 1}
    if clashes:
        stem, where = next(iter(clashes.items()))
        raise DataError(
            f"{root}: {len(clashes)} file name(s) occur in more than one folder, e.g. "
            f"{stem!r} in {', '.join(str(w) for w in where[:3])}; the file name (without "
            ".txt) is the document id, so it must be unique across sub-folders. Rename the "
            "files, e.g. prefix each with its outlet."
        )


def _read_folder(root: Path, files: list[Path], *, check: bool = True) -> pd.DataFrame:
    if check:
        _check_folder_ids(root, files)
    rows = []
    for f in files:
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _not_utf8(f, raw, exc.start) from None
        rel = f.relative_to(root)
        outlet = rel.parts[0] if len(rel.parts) > 1 else root.name
        rows.append({"id": f.stem, "outlet": outlet, "text": text, "path": rel.as_posix()})
    return pd.DataFrame(rows)
