"""BABE / MBIC loader: a ``;``-separated CSV of sentences with a ``biased_words`` list."""
from __future__ import annotations

import ast
import io
import os
import re
from pathlib import Path

import pandas as pd

from .._errors import DataError
from ..corpus import validate_corpus
from ._common import GoldBuilder, check_dir, describe, unmatched_frame, warn

__all__ = ["load_babe"]

_EXPECTED = ("a BABE/MBIC CSV file such as final_labels_SG2.csv (';'-separated, with columns "
             "text, outlet and biased_words)")
_TEXT_COLUMNS = ("text", "sentence")
_STRIP = "\"'“”‘’«»()[]{}.,;:!?"
_UNMATCHED_COLUMNS = ("doc_id", "word", "reason")


def load_babe(
    path: str | os.PathLike,
    *,
    sep: str = ";",
    id_prefix: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load BABE (or MBIC) sentence-level media-bias annotations as ``(corpus, gold)``.

    Parameters
    ----------
    path : str or path
        The CSV file, e.g. ``final_labels_SG2.csv``: columns ``text`` (MBIC: ``sentence``),
        ``news_link``, ``outlet``, ``topic``, ``type``, ``label_bias``, ``label_opinion`` and
        ``biased_words`` (MBIC: ``biased_words4``), a Python list literal of words.  Column
        names are matched ignoring case.
    sep : str, default ";"
        The field separator.
    id_prefix : str, optional
        Prefix of the document ids; default ``"babe-"`` plus the file name without
        ``final_labels_`` (``final_labels_SG2.csv`` -> ``"babe-sg2"``).

    Returns
    -------
    corpus : pandas.DataFrame
        One document per CSV row, in file order: ``id`` = ``"<prefix>-<row>"`` with the
        1-based data row number on five digits (``"babe-sg2-00001"``), ``outlet`` from the
        file, ``text`` = the sentence, ``url`` = ``news_link``; ``topic``, ``type``,
        ``label_bias``, ``label_opinion``, ``biased_words`` (the raw literal) and the other
        columns are kept.  ``duplicate_of`` holds the id of the first row with the same
        sentence (missing for first occurrences): the dataset repeats some sentences, and
        row-number ids keep every row, distinct and stable.
    gold : pandas.DataFrame
        One row per occurrence of each listed word in its sentence: ``layer="biased_word"``,
        ``role="word"``, ``label="biased"``, ``ann_id`` = ``"W1"``, ``"W2"`` ... by
        position; extra column ``word`` (the word as listed).  Words are matched
        case-insensitively as whole words (not inside a longer word), every occurrence;
        a word with surrounding quotes or punctuation that is not found as listed is
        retried without them.  Listed words found nowhere in their sentence (typos in the
        release) are listed in ``gold.attrs["unmatched"]`` (``doc_id, word, reason``) and
        counted in one warning.

    Raises
    ------
    framing.DataError
        The file is not such a CSV, or a ``biased_words`` cell is not a list literal.

    Notes
    -----
    ``biased_words`` is parsed with :func:`ast.literal_eval` (never ``eval``).

    References
    ----------
    .. [1] Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021).
       Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations
       By Experts. In *Findings of the Association for Computational Linguistics: EMNLP
       2021*, 1166-1177.
    .. [2] Spinde, T., Rudnitckaia, L., Sinha, K., Hamborg, F., Gipp, B., & Donnay, K.
       (2021). MBIC - A Media Bias Annotation Dataset Including Annotator Characteristics.
       In *Proceedings of iConference 2021*.

    Examples
    --------
    >>> import framing
    >>> corpus, gold = framing.datasets.load_babe(
    ...     "../shared/data/babe/final_labels_SG2.csv")  # doctest: +SKIP
    """
    p = check_dir(path, dataset="BABE", expected=_EXPECTED)
    if p.is_dir():
        raise DataError(f"{p} is a folder; expected {_EXPECTED}. Found {describe(p)}.")
    frame = _read_csv(p, sep)
    lower = {c.lower().strip(): c for c in frame.columns}
    text_col = next((lower[c] for c in _TEXT_COLUMNS if c in lower), None)
    words_col = next((lower[c] for c in sorted(lower) if c.startswith("biased_words")), None)
    missing = [n for n, c in (("text (or sentence)", text_col), ("biased_words", words_col))
               if c is None]
    if "outlet" not in lower:
        missing.append("outlet")
    if missing:
        raise DataError(f"{p} does not look like BABE/MBIC: missing column(s) {missing}; "
                        f"columns found: {list(frame.columns)}. Expected {_EXPECTED}; "
                        f"pass sep= if the file is not ';'-separated.")
    renames = {text_col: "text", lower["outlet"]: "outlet"}
    if "news_link" in lower and "url" not in lower:
        renames[lower["news_link"]] = "url"
    frame = frame.rename(columns=renames)

    prefix = id_prefix if id_prefix is not None else _default_prefix(p)
    ids = [f"{prefix}-{i:05d}" for i in range(1, len(frame) + 1)]
    frame.insert(0, "id", ids)
    first: dict[str, str] = {}
    dup = []
    for i, t in zip(ids, frame["text"]):
        if t in first:
            dup.append(first[t])
        else:
            first[t] = i
            dup.append(None)
    frame["duplicate_of"] = pd.Series(dup, dtype="str")

    gold = GoldBuilder(("word",))
    unmatched: list[dict] = []
    for row, (doc_id, text, cell) in enumerate(zip(ids, frame["text"], frame[words_col]), 1):
        words = _parse_words(cell, where=f"{p}, data row {row} ({doc_id}), column "
                                         f"{words_col!r}")
        hits: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        for w in words:
            key = w.strip().lower()
            if not key or key in seen:
                continue
            seen.add(key)
            spans = _find(w.strip(), text)
            if not spans:
                unmatched.append({"doc_id": doc_id, "word": w,
                                  "reason": "not found as a whole word in the sentence"})
                continue
            hits.extend((s, e, w) for s, e in spans)
        hits.sort()
        for k, (s, e, w) in enumerate(hits, 1):
            gold.add(doc_id, f"W{k}", "biased_word", "word", s, e, text[s:e], "biased", None,
                     word=w)
    out = gold.frame()
    out.attrs["unmatched"] = unmatched_frame(unmatched, _UNMATCHED_COLUMNS)
    if unmatched:
        warn(f"BABE: {len(unmatched)} listed biased word(s) were not found in their sentence "
             "(typos or words split differently in the release); they are listed in "
             "gold.attrs['unmatched'].", stacklevel=3)
    corpus = validate_corpus(frame, origin=str(p))
    return corpus, out


def _read_csv(p: Path, sep: str) -> pd.DataFrame:
    raw = p.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{p}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                        f"{exc.start}). Re-encode it as UTF-8.") from None
    if not content.strip():
        raise DataError(f"{p}: the file is empty; expected {_EXPECTED}.")
    try:
        return pd.read_csv(io.StringIO(content), sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"{p}: could not be parsed as a {sep!r}-separated CSV ({exc}).") from None


def _default_prefix(p: Path) -> str:
    stem = p.name.split(".")[0].lower()
    stem = re.sub(r"^final_labels_", "", stem)
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return f"babe-{stem}" if stem else "babe"


def _parse_words(cell: str, *, where: str) -> list[str]:
    cell = (cell or "").strip()
    if not cell:
        return []
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise DataError(f"{where}: expected a list literal such as ['word', 'other']; got "
                        f"{cell[:60]!r}.") from None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(w, str) for w in value):
        raise DataError(f"{where}: expected a list of strings; got {cell[:60]!r}.")
    return list(value)


def _find(word: str, text: str) -> list[tuple[int, int]]:
    for candidate in (word, word.strip(_STRIP)):
        if not candidate:
            continue
        body = r"\s+".join(re.escape(part) for part in candidate.split())
        pattern = re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
        if spans:
            return spans
    return []
