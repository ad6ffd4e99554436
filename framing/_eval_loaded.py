"""Score loaded-term predictions against span gold (PTC, BASIL, your own) or word-list gold
(BABE), at token level, plus the per-document rate correlation.

Tokens are those of :func:`framing.text.token_spans`; only tokens with a letter or digit are
scored (punctuation inside a gold span is not a loaded word).  A token is *gold* when it
overlaps a gold span or when its lower-cased text is in its document's ``biased_words``
list (BABE's word-list gold, matched case-insensitively); it is *predicted* when it
overlaps a predicted span.

Which predicted span is scored depends on the gold's granularity (``extent="auto"``):
span-level gold (PTC, BASIL and other ``role == "span"`` annotations mark whole phrases,
function words included: "a complete travesty of justice") is scored against each match's
*phrase extent* (``phrase_start``/``phrase_end`` of :func:`framing.loaded_terms`: the term
grown over its determiners, a modifier and the words it qualifies); word-level gold (BABE's
``biased_word`` layer, ``role == "word"``, or a ``biased_words`` list) against the *term*
span (``start``/``end``).  ``extent="word"`` or ``"phrase"`` overrides the choice.
"""
from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError
from .text import token_spans

__all__ = ["evaluate_loaded", "token_labels", "PTC_LOADED_LABELS", "format_loaded_metrics"]

#: the PTC techniques that correspond to loaded terms
PTC_LOADED_LABELS = ("Loaded_Language", "Name_Calling,Labeling")

_STRIP = "\"'“”‘’«»()[]{}.,;:!?"


def _has_alnum(s: str) -> bool:
    return any(c.isalnum() for c in s)


def _parse_words(cell: Any) -> set[str]:
    if cell is None or (isinstance(cell, float) and cell != cell):
        return set()
    if isinstance(cell, (list, tuple, set, np.ndarray)):
        words = list(cell)
    else:
        s = str(cell).strip()
        if not s:
            return set()
        try:
            words = ast.literal_eval(s)
        except (ValueError, SyntaxError):
            words = [w.strip() for w in s.strip("[]").split(",")]
        if isinstance(words, str):
            words = [words]
    out = set()
    for w in words:
        w = str(w).strip().lower()
        if w:
            out.add(w)
            out.add(w.strip(_STRIP))
    out.discard("")
    return out


def _mark(tok_starts, tok_ends, spans, flags) -> None:
    for s, e in spans:
        i0 = bisect_right(tok_ends, s)
        i1 = bisect_left(tok_starts, e)
        for i in range(i0, i1):
            flags[i] = True


def token_labels(
    corpus: pd.DataFrame,
    spans: pd.DataFrame | None,
    *,
    words_col: str | None = None,
) -> pd.DataFrame:
    """Per-token binary labels: ``doc_id, start, end, text, label`` (scored tokens only).

    ``spans`` (``doc_id, start, end``) marks tokens that overlap a span; ``words_col`` names a
    corpus column holding a list of words (BABE's ``biased_words``) whose tokens are marked
    too.  Used by :func:`evaluate_loaded` and :class:`framing.LoadedTermClassifier`.
    """
    by_doc: dict[Any, list[tuple[int, int]]] = {}
    if spans is not None and len(spans):
        for d, s, e in zip(spans["doc_id"].tolist(), spans["start"].tolist(),
                           spans["end"].tolist()):
            if s is None or e is None or s != s or e != e:
                continue
            by_doc.setdefault(d, []).append((int(s), int(e)))
    words = (corpus[words_col].tolist() if words_col and words_col in corpus.columns
             else [None] * len(corpus))
    rows = []
    for did, text, wcell in zip(corpus["id"].tolist(), corpus["text"].tolist(), words):
        text = text if isinstance(text, str) else ""
        toks = [(s, e) for s, e in token_spans(text) if _has_alnum(text[s:e])]
        ts = [s for s, _ in toks]
        te = [e for _, e in toks]
        flags = [False] * len(toks)
        _mark(ts, te, sorted(by_doc.get(did, ())), flags)
        wset = _parse_words(wcell)
        for k, (s, e) in enumerate(toks):
            t = text[s:e]
            if wset and not flags[k] and t.lower() in wset:
                flags[k] = True
            rows.append((did, s, e, t, flags[k]))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "label"])


def evaluate_loaded(
    gold: Any,
    pred: pd.DataFrame,
    *,
    corpus: pd.DataFrame | None = None,
    labels: Any = "auto",
    categories: Any = None,
    voice: str | None = None,
    words_col: str = "biased_words",
    extent: str = "auto",
) -> pd.DataFrame:
    """Token-level precision, recall and F1 of loaded terms, and the per-document rate
    correlation (Spearman).

    Parameters
    ----------
    gold : DataFrame or (corpus, gold) tuple
        A gold table (``doc_id, start, end`` and optionally ``label``, ``layer``), as
        returned by :func:`framing.datasets.load_ptc`, :func:`~framing.datasets.load_babe`,
        :func:`~framing.datasets.load_basil` or :func:`~framing.datasets.read_gold`; a
        ``(corpus, gold)`` tuple supplies the corpus too.
    pred : DataFrame
        Predictions with ``doc_id, start, end`` (e.g. :func:`framing.loaded_terms`).
    corpus : DataFrame
        The documents scored (every document, including those without gold spans).
    labels : "auto", None or list of str
        Gold labels to keep.  ``"auto"``: the PTC loaded techniques
        (``Loaded_Language``, ``Name_Calling,Labeling``) when the gold has a
        ``propaganda`` layer, else every row.  ``None``: every row.
    categories : str or list of str, optional
        Keep only these predicted categories (``label``, ``emotive`` ...).
    voice : {"reporter", "quoted"}, optional
        Keep only predictions in this voice.
    words_col : str, default "biased_words"
        Corpus column with word-list gold (BABE), used when present.
    extent : {"auto", "word", "phrase"}
        Which predicted span to score.  ``"word"``: ``start``/``end`` (the term).
        ``"phrase"``: ``phrase_start``/``phrase_end`` (the phrase around the term, see
        :func:`framing.loaded.find_loaded`).  ``"auto"`` (default): ``"word"`` for
        word-level gold (a ``biased_word`` layer or ``role == "word"`` rows, or a
        ``words_col`` list with no span rows), ``"phrase"`` for span-level gold (PTC,
        BASIL: ``role == "span"``) when the predictions carry phrase columns.  The choice
        is in ``result.attrs["extent"]``.

    Returns
    -------
    pandas.DataFrame
        Tidy metrics ``metric, value, n``: ``precision`` (n = predicted tokens),
        ``recall`` (n = gold tokens), ``f1``, ``spearman`` (per-document rate of gold vs
        predicted tokens, n = documents), ``tokens`` (n = scored tokens).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"id": ["d"], "outlet": ["x"],
    ...                        "text": ["The brutal regime fell."]})
    >>> gold = pd.DataFrame({"doc_id": ["d"], "start": [4], "end": [17]})
    >>> pred = pd.DataFrame({"doc_id": ["d"], "start": [11], "end": [17]})
    >>> m = evaluate_loaded(gold, pred, corpus=corpus).set_index("metric")["value"]
    >>> float(m["precision"]), float(m["recall"])
    (1.0, 0.5)
    """
    if isinstance(gold, tuple):
        if len(gold) != 2:
            raise DataError("gold: expected a gold table or a (corpus, gold) tuple.")
        corpus = gold[0] if corpus is None else corpus
        gold = gold[1]
    if corpus is None:
        raise DataError("evaluate_loaded needs corpus= (the documents scored): tokens and "
                        "the documents without gold come from it.")
    for nm, tab in (("gold", gold), ("pred", pred)):
        missing = {"doc_id", "start", "end"} - set(tab.columns)
        if missing:
            raise DataError(f"{nm} lacks column(s) {sorted(missing)}; expected a table with "
                            "doc_id, start, end.")
    g = gold
    if isinstance(labels, str) and labels == "auto":
        if "layer" in g.columns and (g["layer"] == "propaganda").any():
            labels = list(PTC_LOADED_LABELS)
        else:
            labels = None
    if labels is not None:
        if "label" not in g.columns:
            raise DataError("labels= was given but the gold table has no 'label' column.")
        labels = [labels] if isinstance(labels, str) else list(labels)
        g = g[g["label"].isin(labels)]
    if extent not in ("auto", "word", "phrase"):
        raise ValueError(f"extent must be 'auto', 'word' or 'phrase'; got {extent!r}.")
    has_phrase = {"phrase_start", "phrase_end"} <= set(pred.columns)
    if extent == "phrase" and not has_phrase:
        raise DataError("extent='phrase' needs phrase_start and phrase_end columns in pred "
                        "(as returned by framing.loaded_terms); use extent='word'.")
    if extent == "auto":
        extent = "phrase" if has_phrase and _span_level(g, corpus, words_col) else "word"
    p = pred
    if extent == "phrase":
        p = p.assign(start=p["phrase_start"], end=p["phrase_end"])
    if categories is not None:
        cats = [categories] if isinstance(categories, str) else list(categories)
        p = p[p["category"].isin(cats)]
    if voice is not None:
        p = p[p["voice"] == voice]
    gl = token_labels(corpus, g, words_col=words_col)
    pl = token_labels(corpus, p, words_col=None)
    y = gl["label"].to_numpy(bool)
    yhat = pl["label"].to_numpy(bool)
    out = _metrics(y, yhat, gl["doc_id"].to_numpy())
    out.attrs["extent"] = extent
    return out


def _span_level(gold: pd.DataFrame, corpus: pd.DataFrame, words_col: str) -> bool:
    """True for span-level gold (phrases), False for word-level gold (BABE)."""
    if "layer" in gold.columns and (gold["layer"] == "biased_word").any():
        return False
    if "role" in gold.columns and len(gold):
        roles = gold["role"]
        return bool((roles != "word").sum() >= (roles == "word").sum())
    if len(gold):
        return True
    return not (words_col and words_col in corpus.columns)


def _metrics(y: np.ndarray, yhat: np.ndarray, docs: np.ndarray) -> pd.DataFrame:
    tp = int((y & yhat).sum())
    n_pred = int(yhat.sum())
    n_gold = int(y.sum())
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    frame = pd.DataFrame({"doc": docs, "y": y, "p": yhat})
    rates = frame.groupby("doc", sort=False)[["y", "p"]].mean()
    rho = _spearman(rates["y"].to_numpy(float), rates["p"].to_numpy(float))
    return pd.DataFrame({
        "metric": ["precision", "recall", "f1", "spearman", "tokens"],
        "value": [prec, rec, f1, rho, float(len(y))],
        "n": [n_pred, n_gold, n_pred + n_gold, len(rates), len(y)],
    })


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 3:
        return float("nan")
    ra = pd.Series(a).rank().to_numpy()
    rb = pd.Series(b).rank().to_numpy()
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def format_loaded_metrics(metrics: pd.DataFrame) -> str:
    """A one-line summary: ``P 0.41  R 0.33  F1 0.36  Spearman 0.30 (3,674 docs)``."""
    m = metrics.set_index("metric")
    return (f"P {m.loc['precision', 'value']:.3f}  R {m.loc['recall', 'value']:.3f}  "
            f"F1 {m.loc['f1', 'value']:.3f}  Spearman {m.loc['spearman', 'value']:.3f} "
            f"({int(m.loc['spearman', 'n']):,} docs, {int(m.loc['tokens', 'n']):,} tokens)")
