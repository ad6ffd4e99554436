"""BASIL loader: article JSON + phrase-level annotation JSON, as ``(corpus, gold)``."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import DataError
from ..corpus import validate_corpus
from ._common import (
    GoldBuilder,
    as_int,
    check_dir,
    column_name,
    norm_key,
    not_dataset,
    read_text,
    unmatched_frame,
    warn,
)

__all__ = ["load_basil"]

_EXPECTED = (
    "a BASIL folder with articles/<year>/<triplet>_<n>.json and "
    "annotations/<year>/<triplet>_<n>_ann.json"
)
#: phrase-annotation fields the loader interprets (normalised key -> meaning)
_TEXT_KEYS = ("txt", "text", "phrase", "span")
_CORE_KEYS = {"id", "start", "end", "bias"} | set(_TEXT_KEYS)
#: extra gold columns always present, whatever the release calls them
_ALWAYS = ("quote", "speaker", "polarity", "target", "aim")
_UNMATCHED_COLUMNS = ("doc_id", "ann_id", "sentence", "start", "end", "txt", "reason")
_RESERVED = {"id", "outlet", "text", "title", "date", "url", "event", "status", "year"}
_ARTICLE_KEYS = {"bodyparagraphs", "paragraphs", "body", "source", "outlet", "title", "date",
                 "tripletuuid", "triplet", "url"}
_SENT_ID = re.compile(r"^\s*p\s*(\d+)\s*$", re.IGNORECASE)


def load_basil(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load BASIL (lexical and informational bias in news) as ``(corpus, gold)``.

    Parameters
    ----------
    path : str or path
        The BASIL root holding ``articles/<year>/<triplet>_<n>.json`` (keys ``source``,
        ``title``, ``date``, ``triplet-uuid``, ``body-paragraphs`` = a list of paragraphs,
        each a list of sentences) and ``annotations/<year>/<triplet>_<n>_ann.json`` (with
        ``phrase-level-annotations``).  Key names are matched ignoring case, hyphens and
        underscores (``body_paragraphs``, ``Triplet-UUID`` ...).

    Returns
    -------
    corpus : pandas.DataFrame
        A validated corpus: ``id`` = file stem (``<triplet>_<n>``), ``outlet`` = ``source``,
        ``title``, ``date``, ``event`` = the triplet uuid, ``url`` when present, ``year``
        (the folder), the other article fields (tidy names: ``main_event``, ``uuid`` ...),
        then the article-level annotations (nested keys joined with ``_``, e.g.
        ``relative_stance``; prefixed ``ann_`` on a clash with an article field).  ``text`` joins the sentences of a paragraph with one space and the
        paragraphs with ``"\\n\\n"``; the title is **not** part of ``text``.
    gold : pandas.DataFrame
        One row per phrase annotation: ``layer="bias"``, ``role="span"``, ``label`` =
        ``"lex"`` or ``"inf"`` (``lexical``/``informational`` are normalised to these; other
        values are kept lower-cased), ``ann_id`` = ``"B1"``, ``"B2"`` ... in file order.
        Extra columns ``sentence`` (index into the flattened sentences, or ``None`` for the
        title), ``quote``, ``speaker``, ``polarity``, ``target``, ``aim``, then any other
        field of the release (tidied names).  Offsets point into ``text``, except for
        annotations whose id is ``"title"``: they are in ``layer="bias_title"`` with
        offsets into the ``title`` column, so that ``layer == "bias"`` rows always index
        ``text``.

    Raises
    ------
    framing.DataError
        ``path`` is not BASIL data or a file is not the JSON described above.

    Notes
    -----
    An annotation's ``id`` ``"pN"`` names sentence N (0-based) of the flattened
    paragraphs; ``start``/``end`` are offsets within that sentence, end exclusive.  When
    the annotation carries its text (``txt``) and the sentence does not read the same at
    those offsets, the span is moved to the occurrence of ``txt`` in the sentence nearest
    to ``start`` (and counted in one warning).  An annotation that cannot be placed at all
    (unknown sentence, offsets out of range and text not found) is listed in
    ``gold.attrs["unmatched"]`` with the reason, and reported in one warning.  An
    annotation file without its article is reported the same way.

    References
    ----------
    .. [1] Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L.
       (2019). In Plain Sight: Media Bias Through the Lens of Factual Reporting. In
       *Proceedings of EMNLP-IJCNLP 2019*, 6343-6349.

    Examples
    --------
    >>> import framing
    >>> corpus, gold = framing.datasets.load_basil("BASIL/")  # doctest: +SKIP
    >>> gold.groupby(["layer", "label"]).size()  # doctest: +SKIP
    """
    root = check_dir(path, dataset="BASIL", expected=_EXPECTED)
    if root.is_file() or not (root / "articles").is_dir():
        raise not_dataset(root, dataset="BASIL", expected=_EXPECTED)
    articles = sorted((root / "articles").rglob("*.json"))
    if not articles:
        raise not_dataset(root / "articles", dataset="BASIL",
                          expected="<year>/<triplet>_<n>.json article files")
    ann_files: dict[str, Path] = {}
    ann_dir = root / "annotations"
    if ann_dir.is_dir():
        for a in sorted(ann_dir.rglob("*.json")):
            stem = re.sub(r"_ann$", "", a.stem)
            ann_files[stem] = a

    extra_names: list[str] = []
    rows: list[dict] = []
    pending: list[tuple[str, str, str, Path]] = []  # (doc id, text, title, ann file)
    sentence_starts: dict[str, list[tuple[int, str]]] = {}
    seen = set()
    for f in articles:
        doc_id = f.stem
        if doc_id in seen:
            raise DataError(f"{f}: duplicate article id {doc_id!r} (two files with this name "
                            f"under {root / 'articles'}); each article needs a unique file name.")
        seen.add(doc_id)
        art = _load_json(f)
        row, text, starts = _article(art, f, root)
        row["id"] = doc_id
        rows.append(row)
        sentence_starts[doc_id] = starts
        if doc_id in ann_files:
            pending.append((doc_id, text, row.get("title") or "", ann_files.pop(doc_id)))

    by_id = {r["id"]: r for r in rows}
    gold_rows: list[dict] = []
    unmatched: list[dict] = []
    moved = 0
    for doc_id, text, title, a in pending:
        ann = _load_json(a)
        article_level, phrases = _annotations(ann, a)
        row = by_id[doc_id]
        for k, v in article_level.items():
            row[f"ann_{k}" if k in _RESERVED or k in row else k] = v
        for i, ph in enumerate(phrases, 1):
            rec, ok, shifted = _place(ph, i, doc_id, text, title, sentence_starts[doc_id], a)
            moved += shifted
            if not ok:
                unmatched.append(rec)
                continue
            for k in rec["_extra"]:
                if k not in extra_names and k not in _ALWAYS:
                    extra_names.append(k)
            gold_rows.append(rec)
    for stem, a in ann_files.items():
        unmatched.append({"doc_id": stem, "ann_id": None, "sentence": None, "start": None,
                          "end": None, "txt": None,
                          "reason": f"annotation file {a.name} has no article"})

    gold = GoldBuilder(("sentence",) + _ALWAYS + tuple(extra_names))
    for r in gold_rows:
        extra = {k: r["_extra"].get(k) for k in _ALWAYS + tuple(extra_names)}
        gold.add(r["doc_id"], r["ann_id"], r["layer"], "span", r["start"], r["end"], r["text"],
                 r["label"], r["annotator"], sentence=r["sentence"], **extra)
    frame = gold.frame()
    frame["sentence"] = frame["sentence"].astype("Int64")
    frame.attrs["unmatched"] = unmatched_frame(unmatched, _UNMATCHED_COLUMNS)
    if moved:
        warn(f"BASIL: {moved} annotation(s) had offsets that did not match their 'txt'; "
             "they were moved to the nearest occurrence of 'txt' in the sentence.",
             stacklevel=3)
    if unmatched:
        warn(f"BASIL: {len(unmatched)} annotation(s) could not be placed in the text; they "
             "are listed in gold.attrs['unmatched'] with the reason.", stacklevel=3)
    corpus = validate_corpus(pd.DataFrame(rows), origin=str(root))
    return corpus, frame


# ---------------------------------------------------------------------------- helpers

def _load_json(path: Path) -> Any:
    try:
        return json.loads(read_text(path).lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno}, column "
                        f"{exc.colno}).") from None


def _get(obj: dict, *names: str) -> Any:
    keys = {norm_key(k): k for k in obj}
    for n in names:
        if norm_key(n) in keys:
            return obj[keys[norm_key(n)]]
    return None


def _article(art: Any, f: Path, root: Path) -> tuple[dict, str, list[tuple[int, str]]]:
    if not isinstance(art, dict):
        raise DataError(f"{f}: expected a BASIL article object; got a JSON "
                        f"{type(art).__name__}.")
    paras = _get(art, "body-paragraphs", "paragraphs", "body")
    if not isinstance(paras, list):
        raise DataError(f"{f}: expected 'body-paragraphs', a list of paragraphs (each a list "
                        f"of sentences); found keys {sorted(art)}.")
    pieces: list[str] = []
    starts: list[tuple[int, str]] = []
    pos = 0
    for pi, para in enumerate(paras):
        if isinstance(para, str):
            para = [para]
        if not isinstance(para, list) or not all(isinstance(s, str) for s in para):
            raise DataError(f"{f}: paragraph {pi} of 'body-paragraphs' must be a list of "
                            f"sentence strings; got {str(para)[:60]!r}.")
        if pi and pos:
            pieces.append("\n\n")
            pos += 2
        for si, sent in enumerate(para):
            if si:
                pieces.append(" ")
                pos += 1
            starts.append((pos, sent))
            pieces.append(sent)
            pos += len(sent)
    text = "".join(pieces)
    row: dict[str, Any] = {
        "outlet": _get(art, "source", "outlet"),
        "title": _get(art, "title"),
        "date": _get(art, "date"),
        "event": _get(art, "triplet-uuid", "triplet"),
        "text": text,
    }
    url = _get(art, "url")
    if url is not None:
        row["url"] = url
    rel = f.relative_to(root / "articles")
    if len(rel.parts) > 1:
        row["year"] = rel.parts[0]
    # every other article field is kept (tidy name; lists joined with "; ")
    for key, value in art.items():
        if norm_key(key) in _ARTICLE_KEYS or isinstance(value, dict):
            continue
        name = column_name(key)
        if name in _RESERVED:
            name = f"article_{name}"
        row[name] = "; ".join(str(v) for v in value) if isinstance(value, list) else value
    return row, text, starts


def _annotations(ann: Any, a: Path) -> tuple[dict, list]:
    if isinstance(ann, list):  # a bare list of phrase annotations
        return {}, ann
    if not isinstance(ann, dict):
        raise DataError(f"{a}: expected a BASIL annotation object; got a JSON "
                        f"{type(ann).__name__}.")
    phrases = _get(ann, "phrase-level-annotations", "phrase-annotations")
    if phrases is None:
        phrases = []
    if not isinstance(phrases, list):
        raise DataError(f"{a}: 'phrase-level-annotations' must be a list; got "
                        f"{type(phrases).__name__}.")
    article_level: dict[str, Any] = {}
    art = _get(ann, "article-level-annotations")
    if isinstance(art, dict):
        _flatten(art, "", article_level)
    return article_level, phrases


def _flatten(obj: dict, prefix: str, out: dict) -> None:
    for k, v in obj.items():
        name = column_name(prefix + "_" + k if prefix else k)
        if isinstance(v, dict):
            _flatten(v, name, out)
        elif isinstance(v, list):
            out[name] = "; ".join(str(x) for x in v)
        else:
            out[name] = v


def _label(bias: Any) -> Any:
    if bias is None:
        return None
    low = str(bias).strip().lower()
    if low.startswith("lex"):
        return "lex"
    if low.startswith("inf"):
        return "inf"
    return low


def _place(ph: Any, i: int, doc_id: str, text: str, title: str,
           starts: list[tuple[int, str]], a: Path) -> tuple[dict, bool, int]:
    ann_id = f"B{i}"
    where = f"{a}, phrase annotation {i}"
    if not isinstance(ph, dict):
        raise DataError(f"{where}: expected an object with id, start, end, bias; got "
                        f"{str(ph)[:60]!r}.")
    keys = {norm_key(k): k for k in ph}
    sid = _get(ph, "id")
    txt = next((ph[keys[k]] for k in _TEXT_KEYS if k in keys), None)
    raw_s, raw_e = _get(ph, "start"), _get(ph, "end")
    base = {"doc_id": doc_id, "ann_id": ann_id, "sentence": None, "start": raw_s,
            "end": raw_e, "txt": txt}
    if raw_s is None or raw_e is None:
        return {**base, "reason": "no start/end"}, False, 0
    s = as_int(raw_s, where=where, field="start")
    e = as_int(raw_e, where=where, field="end")
    if str(sid).strip().lower() == "title":
        layer, sent_index, sentence, offset = "bias_title", None, title, 0
    else:
        m = _SENT_ID.match(str(sid))
        if not m:
            return {**base, "reason": f"unknown sentence id {sid!r} (expected 'pN' or "
                                      "'title')"}, False, 0
        sent_index = int(m.group(1))
        if sent_index >= len(starts):
            return {**base, "sentence": sent_index,
                    "reason": f"sentence p{sent_index} does not exist (the article has "
                              f"{len(starts)} sentences)"}, False, 0
        layer = "bias"
        offset, sentence = starts[sent_index]
    shifted = 0
    ok_range = 0 <= s <= e <= len(sentence)
    if isinstance(txt, str) and txt and (not ok_range or sentence[s:e] != txt):
        found = _nearest(sentence, txt, s)
        if found is not None:
            s, e = found
            shifted = 1
        elif not ok_range:
            return {**base, "sentence": sent_index,
                    "reason": "offsets out of the sentence and txt not found in it"}, False, 0
    elif not ok_range:
        return {**base, "sentence": sent_index,
                "reason": f"offsets out of the sentence ({len(sentence)} characters)"}, False, 0
    extra: dict[str, Any] = {}
    for k, orig in keys.items():
        if k in _CORE_KEYS:
            continue
        extra[column_name(orig)] = ph[orig]
    annotator = extra.pop("annotator", None)
    start, end = offset + s, offset + e
    source = title if layer == "bias_title" else text
    return ({"doc_id": doc_id, "ann_id": ann_id, "layer": layer, "start": start, "end": end,
             "text": source[start:end], "label": _label(_get(ph, "bias")),
             "annotator": annotator, "sentence": sent_index, "_extra": extra},
            True, shifted)


def _nearest(sentence: str, txt: str, start: int) -> tuple[int, int] | None:
    for needle in (txt, txt.strip()):
        if not needle:
            continue
        hits = [m.start() for m in re.finditer(re.escape(needle), sentence)]
        if hits:
            best = min(hits, key=lambda h: abs(h - start))
            return best, best + len(needle)
    return None
