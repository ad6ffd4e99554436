"""The per-document pass behind :func:`framing.analyze`, shared by every engine.

:func:`process_document` is the ONE pure per-document function: it segments the text once
and calls each metric's per-document function with those segments.  :func:`process_chunk`
maps it over a list of documents and turns the rows into per-chunk tables.  The serial,
process-pool and Dask engines all call :func:`process_chunk`, and
:mod:`framing.analyze` aggregates its output with one piece of code, so the engines
cannot drift apart.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields
from importlib import import_module
from typing import Any

import numpy as np
import pandas as pd

from .text import segment

__all__ = [
    "METRICS",
    "TABLE_COLUMNS",
    "ChunkResult",
    "Options",
    "process_chunk",
    "process_document",
    "term_counts",
    "text_sketch",
]

#: the metric stages ``analyze`` can run, in dependency order
METRICS = ("quotes", "loaded", "sources")

QUOTE_COLUMNS = [
    "doc_id", "quote_id", "kind", "start", "end", "text", "speaker", "speaker_mention",
    "speaker_start", "speaker_end", "verb", "verb_start", "verb_end", "verb_class",
    "sentence", "paragraph",
]
LOADED_COLUMNS = [
    "doc_id", "start", "end", "term", "entry", "category", "lexicon", "voice", "speaker",
    "sentence", "phrase_start", "phrase_end",
]
#: framing.sources' columns without ``outlet`` (the documents table carries the group);
#: complete, so that a chunk with no rows streams the same schema as one with rows
SOURCE_COLUMNS = [
    "doc_id", "source", "source_type", "mentions", "n_quotes", "n_direct", "n_indirect",
    "n_words", "n_with_verb", "n_loaded", "first_position", "role", "organization",
    "country", "gender", "gender_source", "role_source", "country_source", "side",
    "affiliated_with", "title", "start", "end",
]
#: columns of each row table, in order (extra columns a metric returns are kept after them)
TABLE_COLUMNS = {"quotes": QUOTE_COLUMNS, "loaded": LOADED_COLUMNS, "sources": SOURCE_COLUMNS}

#: fixed document-level count columns; per-category counts are added as ``<prefix>_<category>``
DOC_COUNTS = {
    "text": ["n_chars", "n_tokens", "n_sentences", "n_paragraphs"],
    "quotes": ["n_quotes", "n_attributed", "n_direct", "n_indirect", "n_mixed", "n_partial",
               "n_scare", "n_with_verb", "n_loaded_verb"],
    "loaded": ["n_loaded", "n_loaded_reporter", "n_loaded_quoted"],
    "sources": ["n_sources", "n_gendered", "n_female", "n_male"],
}
DOC_BASE = [c for cols in DOC_COUNTS.values() for c in cols]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Options:
    """What the per-document pass computes (picklable, sent to every worker)."""

    metrics: tuple[str, ...] = METRICS
    terms: bool = True
    sketch: bool = True
    sketch_size: int = 32
    shingle: int = 24
    metric_kwargs: dict = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[Options], tuple[Any, ...]]:
        # pickle through the constructor: a compiled (mypyc) frozen dataclass cannot be
        # unpickled attribute by attribute (FrozenInstanceError)
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))


# ----------------------------------------------------------------------------- metrics

def _metric_functions(metrics: tuple[str, ...]) -> dict[str, Any]:
    """Import the per-document function of each metric (cached per process)."""
    key = tuple(metrics)
    cached = _FUNCS.get(key)
    if cached is not None:
        return cached
    funcs: dict[str, Any] = {}
    if "quotes" in metrics:
        funcs["quotes"] = import_module("framing.quotation").extract_quotes
    if "loaded" in metrics:
        funcs["loaded"] = import_module("framing.loaded").find_loaded
    if "sources" in metrics:
        funcs["sources"] = import_module("framing.sourcing").resolve_sources
    _FUNCS[key] = funcs
    return funcs


_FUNCS: dict[tuple[str, ...], dict[str, Any]] = {}


def process_document(doc_id: Any, text: str, options: Options = Options()) -> dict[str, Any]:
    """Run every metric on one document, segmenting it once.

    Returns a dict with ``"document"`` (one dict of counts), ``"quotes"``, ``"loaded"``,
    ``"sources"`` (lists of row dicts, each with ``doc_id``), and optionally ``"terms"``
    (a :class:`collections.Counter` of lower-cased words) and ``"sketch"`` (the bottom-k
    shingle sketch used for near-duplicate detection).
    """
    funcs = _metric_functions(options.metrics)
    kw = options.metric_kwargs
    seg = segment(text)
    quotes: list[dict] = []
    loaded: list[dict] = []
    sources: list[dict] = []
    if "quotes" in funcs:
        quotes = funcs["quotes"](text, segments=seg, **kw.get("quotes", {}))
    if "loaded" in funcs:
        loaded = funcs["loaded"](text, segments=seg, quote_rows=quotes, **kw.get("loaded", {}))
    if "sources" in funcs:
        sources = funcs["sources"](text, quote_rows=quotes, segments=seg,
                                   **kw.get("sources", {}))
    for rows in (quotes, loaded, sources):
        for r in rows:
            r["doc_id"] = doc_id
    doc = _document_counts(text, seg, quotes, loaded, sources, funcs)
    doc["doc_id"] = doc_id
    out: dict[str, Any] = {"document": doc, "quotes": quotes, "loaded": loaded,
                           "sources": sources}
    if options.terms:
        out["terms"] = term_counts(text)
    if options.sketch:
        out["sketch"] = text_sketch(text, k=options.sketch_size, shingle=options.shingle)
    return out


def _document_counts(text, seg, quotes, loaded, sources, funcs) -> dict[str, Any]:
    d = dict.fromkeys(DOC_COUNTS["text"], 0)
    for name in METRICS:
        if name in funcs:
            d.update(dict.fromkeys(DOC_COUNTS[name], 0))
    d["n_chars"] = len(text)
    d["n_tokens"] = seg.n_tokens
    d["n_sentences"] = len(seg.sentences)
    d["n_paragraphs"] = len(seg.paragraphs)
    for q in quotes:
        kind = q.get("kind")
        if kind == "scare":
            d["n_scare"] += 1
            continue
        d["n_quotes"] += 1
        if kind in ("direct", "indirect", "mixed", "partial"):
            d["n_" + kind] += 1
        if q.get("speaker") or q.get("speaker_mention"):
            d["n_attributed"] += 1
        vc = q.get("verb_class")
        if vc:
            d["n_with_verb"] += 1
            if vc != "neutral":
                d["n_loaded_verb"] += 1
                key = "verb_" + str(vc)
                d[key] = d.get(key, 0) + 1
    for t in loaded:
        d["n_loaded"] += 1
        voice = t.get("voice")
        if voice in ("reporter", "quoted"):
            d["n_loaded_" + voice] += 1
        cat = t.get("category")
        if cat:
            key = "loaded_" + str(cat)
            d[key] = d.get(key, 0) + 1
            if voice in ("reporter", "quoted"):
                key = f"{voice}_{cat}"
                d[key] = d.get(key, 0) + 1
    for s in sources:
        d["n_sources"] += 1
        role = s.get("role")
        if role:
            key = "role_" + str(role)
            d[key] = d.get(key, 0) + 1
        g = s.get("gender")
        if g in ("female", "male"):
            d["n_gendered"] += 1
            d["n_" + g] += 1
    return d


def term_counts(text: str) -> Counter:
    """Lower-cased word counts (letters and inner apostrophes), for keyness."""
    return Counter(_WORD.findall(text.lower()))


# ----------------------------------------------------------------------------- sketches

_B = np.uint64(0x100000001B3)            # FNV prime: odd, so invertible modulo 2**64
_B_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_POW: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]
#: padding of sketch rows shorter than k (never a sketch value)
SENTINEL = np.uint32(0xFFFFFFFF)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    if len(_POW[0]) < n:
        m = max(n, 2 * len(_POW[0]), 8192)
        with np.errstate(over="ignore"):
            fwd = np.full(m, _B, dtype=np.uint64)
            fwd[0] = 1
            inv = np.full(m, _B_INV, dtype=np.uint64)
            inv[0] = 1
            _POW[0] = np.cumprod(fwd, dtype=np.uint64)
            _POW[1] = np.cumprod(inv, dtype=np.uint64)
    return _POW[0][:n], _POW[1][:n]


def text_sketch(text: str, *, k: int = 32, shingle: int = 24) -> np.ndarray:
    """Bottom-``k`` MinHash sketch of a text's character shingles (sorted ``uint32``).

    The text is lower-cased and encoded as UTF-8; every byte that is not an ASCII letter or
    digit is dropped (so spacing, punctuation and line breaks do not matter), then each
    window of ``shingle`` bytes (about four words) is hashed with a polynomial rolling hash
    (vectorised, modulo 2**64) followed by a xor-shift-multiply mixer.  The ``k`` smallest
    distinct hashes (their top 32 bits, so a million sketches of 32 values take 128 MB) form
    the sketch (Broder 1997); short texts give shorter sketches.

    References
    ----------
    Broder, A. Z. (1997). On the resemblance and containment of documents. *Compression and
    Complexity of Sequences*, 21-29.
    """
    # bytes.translate drops the other bytes in C, faster than a boolean mask
    kept = text.lower().encode("utf-8").translate(None, _DROP)
    c = np.frombuffer(kept, dtype=np.uint8).astype(np.uint64)
    n = len(c) - shingle + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    fwd, inv = _powers(len(c) + 1)
    with np.errstate(over="ignore"):
        prefix = np.empty(len(c) + 1, dtype=np.uint64)
        prefix[0] = 0
        np.cumsum(c * fwd[: len(c)], dtype=np.uint64, out=prefix[1:])
        h = (prefix[shingle:] - prefix[:n]) * inv[:n]
        h ^= h >> np.uint64(31)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(29)
    h = (h >> np.uint64(32)).astype(np.uint32)
    h = h[h != SENTINEL]
    if len(h) > 4 * k:
        h = np.partition(h, 4 * k)[: 4 * k]
    return np.unique(h)[:k]


_KEEP = np.zeros(256, dtype=bool)
_KEEP[list(b"abcdefghijklmnopqrstuvwxyz0123456789")] = True
#: every byte that is not an ASCII letter or digit (deleted before shingling)
_DROP = bytes(i for i in range(256) if not _KEEP[i])


# ----------------------------------------------------------------------------- chunks

@dataclass
class ChunkResult:
    """Per-chunk tables; :mod:`framing.analyze` concatenates them in chunk order."""

    index: int
    documents: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    terms: dict[str, Counter]
    sketches: np.ndarray        # (n_docs, k) uint32, rows padded with SENTINEL
    failed: list[tuple[Any, str]]


def process_chunk(
    index: int, ids: list, texts: list[str], groups: list, options: Options
) -> ChunkResult:
    """Apply :func:`process_document` to a chunk; one failing document never sinks it."""
    docs: list[dict] = []
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
    terms: dict[str, Counter] = {}
    k = options.sketch_size if options.sketch else 0
    sketches = np.full((len(ids), k), SENTINEL, dtype=np.uint32)
    failed: list[tuple[Any, str]] = []
    for row, (doc_id, text, group) in enumerate(zip(ids, texts, groups)):
        try:
            res = process_document(doc_id, text, options)
        except Exception as exc:  # noqa: BLE001 - recorded in the status table and a warning
            failed.append((doc_id, f"{type(exc).__name__}: {exc}"))
            docs.append({"doc_id": doc_id, "n_chars": len(text)})
            continue
        docs.append(res["document"])
        for name in TABLE_COLUMNS:
            rows[name].extend(res[name])
        if options.terms:
            key = str(group)
            if key in terms:
                terms[key].update(res["terms"])
            else:
                terms[key] = res["terms"]
        if options.sketch:
            sk = res["sketch"]
            sketches[row, : len(sk)] = sk
    documents = _counts_frame(docs)
    tables = {name: _rows_frame(rows[name], cols) for name, cols in TABLE_COLUMNS.items()}
    return ChunkResult(index, documents, tables, terms, sketches, failed)


def _counts_frame(docs: list[dict]) -> pd.DataFrame:
    """The per-document count dicts as a frame: the columns in first-seen order (as
    ``DataFrame.from_records``), counts as int32 with 0 where a document lacks one.
    Built as NumPy columns: setting 60 columns of a frame costs more than the counting."""
    names: dict[str, None] = {}
    last = None
    for d in docs:
        keys = d.keys()
        if keys != last:          # most documents share the key order of the previous one
            names.update(dict.fromkeys(keys))
            last = keys
    data: dict[str, Any] = {}
    for c in names:
        if c == "doc_id":
            data[c] = pd.Series([d["doc_id"] for d in docs])
        else:
            data[c] = np.fromiter((d.get(c, 0) for d in docs), dtype=np.int32,
                                  count=len(docs))
    return pd.DataFrame(data)


def _rows_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    seen: dict[str, None] = {}
    last = None
    for r in rows:
        keys = r.keys()
        if keys != last:          # most rows have the keys of the previous one
            seen.update(dict.fromkeys(keys))
            last = keys
    # the schema's columns first, then any extra ones in first-seen order; selecting
    # them in from_records avoids reindexing the frame afterwards
    order = columns + [c for c in seen if c not in columns]
    frame = pd.DataFrame.from_records(rows, columns=order)
    for c in columns:
        if c not in seen:         # a column no row has: None, not NaN
            frame[c] = None
    return frame
