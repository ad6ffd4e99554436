"""The generic gold-annotation JSONL: one document per line with its annotations."""
from __future__ import annotations

import datetime as _dt
import gzip
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._errors import DataError
from ..corpus import validate_corpus
from ._common import GOLD_COLUMNS, as_int, check_dir, check_span, gold_frame, read_bytes

__all__ = ["GOLD_COLUMNS", "read_gold", "write_gold"]

_EXPECTED = ('a JSONL file with one document per line: {"id", "outlet", "text", ..., '
             '"annotations": [{"ann_id", "layer", "role", "start", "end", "label", ...}]}')
_DROP_ON_WRITE = ("status",)


def read_gold(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a generic gold-annotation JSONL file as ``(corpus, gold)``.

    Each line is one document: the corpus fields (``id``, ``outlet``, ``text`` and any
    other, e.g. ``title``, ``date``) and ``annotations``, a list of objects with
    ``layer``, ``start``, ``end`` (character offsets into ``text``, end exclusive) and
    optionally ``ann_id`` (default ``"A1"``, ``"A2"`` ... by position in the list),
    ``role`` (default ``"span"``), ``label``, ``annotator``, ``text`` (checked against
    the document text when given) and any other field (kept as an extra gold column).

    Parameters
    ----------
    path : str or path
        A ``.jsonl`` file, optionally gzip-compressed (``.jsonl.gz``).

    Returns
    -------
    corpus : pandas.DataFrame
        The validated corpus (see :func:`framing.read_corpus`).
    gold : pandas.DataFrame
        ``doc_id, ann_id, layer, role, start, end, text, label, annotator`` then the extra
        annotation fields in order of first appearance.

    Raises
    ------
    framing.DataError
        A line is not a JSON object, lacks ``id`` or ``text``, has an annotation without
        ``layer``/``start``/``end``, with ``end < start``, out of the text's range, or whose
        ``text`` differs from the document text at its offsets.  The message names the line.

    See Also
    --------
    write_gold : the inverse.

    Examples
    --------
    >>> import os, tempfile
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.datasets.load("seed")
    >>> text = corpus["text"].iloc[0]
    >>> start = text.index("NATO")
    >>> gold = pd.DataFrame([{"doc_id": corpus["id"].iloc[0], "ann_id": "A1",
    ...     "layer": "mention", "role": "span", "start": start, "end": start + 4,
    ...     "text": "NATO", "label": "org", "annotator": "me"}])
    >>> out = framing.datasets.write_gold(corpus, gold,
    ...                                   os.path.join(tempfile.mkdtemp(), "gold.jsonl"))
    >>> corpus2, gold2 = framing.datasets.read_gold(out)
    >>> gold2[["ann_id", "text", "label"]].values.tolist()
    [['A1', 'NATO', 'org']]
    """
    p = check_dir(path, dataset="gold-annotation JSONL", expected=_EXPECTED)
    if p.is_dir():
        raise DataError(f"{p} is a folder; expected {_EXPECTED}.")
    raw = read_bytes(p)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{p}, line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}). "
                        "Re-encode the file as UTF-8.") from None
    docs: list[dict] = []
    cols: dict[str, list[Any]] = {c: [] for c in GOLD_COLUMNS}
    n_rows = 0
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{p}, line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: invalid JSON ({exc.msg}, column {exc.colno}).") from None
        if not isinstance(rec, dict):
            raise DataError(f"{where}: expected a JSON object (one document); got a JSON "
                            f"{type(rec).__name__}.")
        for key in ("id", "text"):
            if key not in rec:
                raise DataError(f"{where}: missing {key!r}; each line needs 'id', 'outlet', "
                                f"'text' and 'annotations'. Keys found: {sorted(rec)}.")
        text = rec["text"]
        if not isinstance(text, str):
            raise DataError(f"{where}: 'text' must be a string; got {type(text).__name__}.")
        anns = rec.pop("annotations", None)
        if anns is None:
            anns = []
        if not isinstance(anns, list):
            raise DataError(f"{where}: 'annotations' must be a list; got "
                            f"{type(anns).__name__}.")
        doc_id = str(rec["id"])
        for k, a in enumerate(anns, 1):
            aw = f"{where}, annotation {k}"
            if not isinstance(a, dict):
                raise DataError(f"{aw}: expected an object with layer, start, end; got "
                                f"{str(a)[:60]!r}.")
            for key in ("layer", "start", "end"):
                if a.get(key) is None:
                    raise DataError(f"{aw}: missing {key!r}; every annotation needs 'layer', "
                                    "'start' and 'end'.")
            s = as_int(a["start"], where=aw, field="start")
            e = as_int(a["end"], where=aw, field="end")
            check_span(s, e, len(text), where=aw)
            span = text[s:e]
            given = a.get("text")
            if given is not None and given != span:
                raise DataError(f"{aw}: 'text' is {given!r} but the document reads {span!r} at "
                                f"[{s}, {e}); fix the offsets or the text.")
            values = {
                "doc_id": doc_id, "ann_id": str(a.get("ann_id") or f"A{k}"),
                "layer": str(a["layer"]), "role": str(a.get("role") or "span"),
                "start": s, "end": e, "text": span, "label": _str_or_none(a.get("label")),
                "annotator": _str_or_none(a.get("annotator")),
            }
            for key in a:
                if key not in cols:
                    cols[key] = [None] * n_rows
            for key, col in cols.items():
                col.append(values[key] if key in values else a.get(key))
            n_rows += 1
        docs.append(rec)
    if not docs:
        raise DataError(f"{p}: no documents (the file holds no JSON lines); expected "
                        f"{_EXPECTED}.")
    corpus = validate_corpus(pd.DataFrame(docs), origin=str(p))
    return corpus, gold_frame(cols)


def write_gold(corpus: pd.DataFrame, gold: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a corpus and its gold table as the generic gold-annotation JSONL.

    One line per corpus document, in corpus order, with its corpus fields (``status``
    left out: it is recomputed on reading; dates as ISO strings) and ``annotations``, the
    gold rows of that document (every gold column but ``doc_id``; missing values as
    ``null``).  ``path`` ending in ``.gz`` is gzip-compressed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``id``, ``outlet`` and ``text``.
    gold : pandas.DataFrame
        A gold table with at least :data:`GOLD_COLUMNS`, offsets into the corpus ``text``.
    path : str or path
        The output file (``.jsonl`` or ``.jsonl.gz``).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    framing.DataError
        A gold column is missing, a gold ``doc_id`` is not in the corpus, or a gold span
        does not read ``text`` in its document.

    See Also
    --------
    read_gold : the inverse; ``read_gold(write_gold(c, g, p))`` gives back ``(c, g)``.
    """
    for name, frame in (("corpus", corpus), ("gold", gold)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}.")
    missing = [c for c in ("id", "outlet", "text") if c not in corpus.columns]
    if missing:
        raise DataError(f"corpus is missing column(s) {missing}; pass a corpus from "
                        "framing.read_corpus or a dataset loader.")
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise DataError(f"gold is missing column(s) {missing}; a gold table has "
                        f"{list(GOLD_COLUMNS)}.")
    ids = corpus["id"].astype(str).tolist()
    texts = dict(zip(ids, corpus["text"]))
    stray = sorted(set(gold["doc_id"].astype(str)) - set(texts))
    if stray:
        raise DataError(f"gold has doc_id(s) not in the corpus: {stray[:5]}"
                        f"{' ...' if len(stray) > 5 else ''}; every annotation must belong "
                        "to a corpus document.")
    ann_cols = [c for c in gold.columns if c != "doc_id"]
    by_doc: dict[str, list[dict]] = {}
    records = gold[ann_cols].to_dict("records")
    for doc_id, rec in zip(gold["doc_id"].astype(str), records):
        rec = {k: _jsonable(v) for k, v in rec.items()}
        text = texts[doc_id]
        s, e = rec["start"], rec["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)) \
                or text[s:e] != rec["text"]:
            raise DataError(f"gold row {doc_id}/{rec['ann_id']}: span [{s}, {e}) does not read "
                            f"{rec['text']!r} in the corpus text; offsets must index the "
                            "corpus 'text'.")
        by_doc.setdefault(doc_id, []).append(rec)
    doc_cols = [c for c in corpus.columns if c not in _DROP_ON_WRITE]
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for doc_id, rec in zip(ids, corpus[doc_cols].to_dict("records")):
        out = {k: _jsonable(v) for k, v in rec.items()}
        out["id"] = doc_id
        out["annotations"] = by_doc.get(doc_id, [])
        lines.append(json.dumps(out, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if p.name.lower().endswith(".gz"):
        with gzip.open(p, "wb") as fh:
            fh.write(data)
    else:
        p.write_bytes(data)
    return p


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def _jsonable(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return None if np.isnan(v) else float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if isinstance(v, np.ndarray):
        return [_jsonable(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v
