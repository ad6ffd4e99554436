"""A trainable token-level detector of loaded words, for researchers with their own annotations.

:class:`LoadedTermClassifier` is a scikit-learn estimator (logistic regression over sparse
token features): the lower-cased word and its suffixes, the shipped lexicons' category for
the token, VADER valence (Hutto & Gilbert 2014, MIT, from the installed ``vaderSentiment``),
word shape, a crude stem, the previous-word bigram, whether the token sits inside double
quotes, how many lexicon hits its document has, and the neighbouring words' features.
Defaults (``C=1``, ``threshold=0.2``) were chosen by cross-validation on folds 1-4 of BABE
SG2 (see ``tools/eval_loaded.py``).  framing ships no trained
model: train it on your own token- or word-level annotations.

Inputs
------
``X`` is a corpus DataFrame (``id``, ``text``; see :func:`framing.read_corpus`) or a list of
texts (sentences).  ``y`` is a gold table in the shared schema (``doc_id, start, end``: a
token is positive when it overlaps a gold span), or, for a list of texts, one list of
biased words per text (BABE style; matched case-insensitively).  A corpus with a
``biased_words`` column (as :func:`framing.datasets.load_babe` returns) also marks the
listed words.

:meth:`~LoadedTermClassifier.predict` and :meth:`~LoadedTermClassifier.predict_proba`
return one value per scored token (tokens of :func:`framing.text.token_spans` with a letter
or digit, in document order); :meth:`~LoadedTermClassifier.predict_spans` returns the
positive tokens as a table with offsets, ready for :func:`framing.evaluate_loaded`.

References
----------
Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models for
analyzing and detecting biased language. *ACL 2013*, 1650-1659.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ._errors import DataError
from ._eval_loaded import token_labels
from .text import token_spans

__all__ = ["LoadedTermClassifier"]


def _shape(t: str) -> str:
    if t.isupper() and len(t) > 1:
        return "UPPER"
    if t[:1].isupper():
        return "Title"
    if "-" in t:
        return "hyph"
    if any(c.isdigit() for c in t):
        return "digit"
    return "lower"


_QUOTES = "\"“”"


def _inside_quotes(text: str, toks: list[tuple[int, int]]) -> list[bool]:
    """Whether each token sits between an odd number of double quote marks."""
    marks = [i for i, c in enumerate(text) if c in _QUOTES]
    if not marks:
        return [False] * len(toks)
    import bisect
    return [bisect.bisect_left(marks, s) % 2 == 1 for s, _ in toks]


def _stem(w: str) -> str:
    for suf in ("ingly", "edly", "ing", "ed", "ly", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _csr32(Z):
    """liblinear needs 32-bit sparse indices."""
    Z = Z.tocsr()
    Z.indices = Z.indices.astype(np.int32, copy=False)
    Z.indptr = Z.indptr.astype(np.int32, copy=False)
    return Z


class LoadedTermClassifier(ClassifierMixin, BaseEstimator):
    """Token classifier for loaded words, trained on your own annotations.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    context : int, default 1
        Neighbouring tokens on each side whose features are added.
    lexicon : str, Lexicon or None, default None
        Lexicon whose categories become features (``None``: the default shipped lexicons;
        ``False``: none).
    vader : bool, default True
        Add VADER valence features.
    class_weight : dict, "balanced" or None, default None
    threshold : float, default 0.2
        Probability above which a token is predicted loaded.
    max_iter : int, default 2000

    Attributes
    ----------
    vectorizer_ : sklearn.feature_extraction.DictVectorizer
    model_ : sklearn.linear_model.LogisticRegression
    classes_ : ndarray, ``[False, True]``

    Examples
    --------
    >>> from framing import LoadedTermClassifier
    >>> texts = ["The brutal regime fell.", "The council met.", "A brutal attack.",
    ...          "Officials met on Monday."] * 5
    >>> words = [["brutal", "regime"], [], ["brutal"], []] * 5
    >>> clf = LoadedTermClassifier().fit(texts, words)
    >>> spans = clf.predict_spans(["A brutal winter."])
    >>> spans["term"].tolist()
    ['brutal']
    """

    def __init__(self, C: float = 1.0, context: int = 1, lexicon: Any = None,
                 vader: bool = True, class_weight: Any = None, threshold: float = 0.2,
                 max_iter: int = 2000):
        self.C = C
        self.context = context
        self.lexicon = lexicon
        self.vader = vader
        self.class_weight = class_weight
        self.threshold = threshold
        self.max_iter = max_iter

    # ------------------------------------------------------------------ input handling
    @staticmethod
    def _as_corpus(X: Any) -> pd.DataFrame:
        if isinstance(X, pd.DataFrame):
            if "text" not in X.columns:
                raise DataError("X: a DataFrame needs a 'text' column (and 'id'); pass a "
                                "corpus from framing.read_corpus or a list of texts.")
            if "id" not in X.columns:
                X = X.assign(id=[f"doc{i}" for i in range(len(X))])
            return X
        if isinstance(X, str):
            raise DataError("X: expected a corpus DataFrame or a list of texts, got one "
                            "string; wrap it in a list.")
        texts = list(X)
        if not all(isinstance(t, str) for t in texts):
            raise DataError("X: a list input must hold texts (str).")
        return pd.DataFrame({"id": [f"doc{i}" for i in range(len(texts))], "text": texts})

    def _labels(self, corpus: pd.DataFrame, y: Any) -> np.ndarray:
        if isinstance(y, pd.DataFrame):
            missing = {"doc_id", "start", "end"} - set(y.columns)
            if missing:
                raise DataError(f"y: a gold table needs doc_id, start, end; missing "
                                f"{sorted(missing)}.")
            return token_labels(corpus, y, words_col="biased_words")["label"].to_numpy(bool)
        if y is None:
            if "biased_words" not in corpus.columns:
                raise DataError("y is None and X has no 'biased_words' column; pass a gold "
                                "table or one list of words per text.")
            return token_labels(corpus, None, words_col="biased_words")["label"].to_numpy(bool)
        y = list(y)
        if len(y) != len(corpus):
            raise DataError(f"y: expected one list of words per text ({len(corpus)}), got "
                            f"{len(y)}.")
        c = corpus.assign(_words=[list(w) if not isinstance(w, str) else [w] for w in y])
        return token_labels(c, None, words_col="_words")["label"].to_numpy(bool)

    # ------------------------------------------------------------------ features
    def _token_table(self, corpus: pd.DataFrame):
        from .lexicons import load_lexicon, vader_valence

        lex = None
        if self.lexicon is not False:
            lex = load_lexicon(self.lexicon) if self.lexicon is not None else load_lexicon()
        val = vader_valence() if self.vader else {}
        feats: list[dict] = []
        index: list[tuple] = []
        for did, text in zip(corpus["id"].tolist(), corpus["text"].tolist()):
            text = text if isinstance(text, str) else ""
            toks = [(s, e) for s, e in token_spans(text) if any(c.isalnum() for c in text[s:e])]
            cats = [""] * len(toks)
            if lex is not None and toks:
                starts = [s for s, _ in toks]
                import bisect
                for s, e, _entry, cat, _lx in lex.find(text):
                    i = bisect.bisect_right(starts, s) - 1
                    i = max(i, 0)
                    while i < len(toks) and toks[i][0] < e:
                        if toks[i][1] > s:
                            cats[i] = cat
                        i += 1
            base = []
            for (s, e), cat in zip(toks, cats):
                t = text[s:e]
                w = t.lower()
                v = val.get(w, 0.0)
                base.append({"w": w, "suf3": w[-3:], "suf4": w[-4:], "shape": _shape(t),
                             "lex": cat, "val": v, "absval": abs(v),
                             "neg": v <= -1.5, "pos": v >= 1.5, "len": min(len(w), 12) / 12})
            n = len(base)
            n_lex = sum(1 for c in cats if c)
            doc_f = {"doclex=" + str(min(n_lex, 3)): 1.0}
            inq = _inside_quotes(text, toks)
            for i, b in enumerate(base):
                f = {"w=" + b["w"]: 1.0, "s3=" + b["suf3"]: 1.0, "s4=" + b["suf4"]: 1.0,
                     "stem=" + _stem(b["w"]): 1.0,
                     "shape=" + b["shape"]: 1.0, "len": b["len"], "bias": 1.0, **doc_f}
                if inq[i]:
                    f["inquote"] = 1.0
                if i > 0:
                    f["bi=" + base[i - 1]["w"] + "_" + b["w"]] = 1.0
                if b["lex"]:
                    f["lex=" + b["lex"]] = 1.0
                if self.vader:
                    f["val"] = b["val"] / 4.0
                    f["absval"] = b["absval"] / 4.0
                    if b["neg"]:
                        f["vneg"] = 1.0
                    if b["pos"]:
                        f["vpos"] = 1.0
                for d in range(1, self.context + 1):
                    for side, j in (("-", i - d), ("+", i + d)):
                        if 0 <= j < n:
                            o = base[j]
                            f[f"{side}{d}w=" + o["w"]] = 1.0
                            if o["lex"]:
                                f[f"{side}{d}lex=" + o["lex"]] = 1.0
                            if self.vader and o["absval"]:
                                f[f"{side}{d}absval"] = o["absval"] / 4.0
                        else:
                            f[f"{side}{d}edge"] = 1.0
                feats.append(f)
            index.extend((did, s, e, text[s:e]) for s, e in toks)
        return feats, index

    # ------------------------------------------------------------------ estimator API
    def fit(self, X: Any, y: Any = None) -> LoadedTermClassifier:
        """Train on a corpus and a gold table, or on texts and their biased-word lists."""
        if not (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1):
            raise ValueError(f"threshold must be a probability in (0, 1); got "
                             f"{self.threshold!r}.")
        if not (isinstance(self.context, (int, np.integer)) and self.context >= 0):
            raise ValueError(f"context must be a non-negative integer; got {self.context!r}.")
        corpus = self._as_corpus(X)
        labels = self._labels(corpus, y)
        feats, _ = self._token_table(corpus)
        if labels.all() or not labels.any():
            raise DataError("y: the training tokens are all of one class; the classifier "
                            "needs both loaded and other tokens.")
        self.vectorizer_ = DictVectorizer()
        Z = _csr32(self.vectorizer_.fit_transform(feats))
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight,
                                         max_iter=self.max_iter, solver="liblinear")
        self.model_.fit(Z, labels)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities ``[P(not loaded), P(loaded)]`` for each scored token."""
        check_is_fitted(self, "model_")
        feats, _ = self._token_table(self._as_corpus(X))
        if not feats:
            return np.zeros((0, 2))
        return self.model_.predict_proba(_csr32(self.vectorizer_.transform(feats)))

    def predict(self, X: Any) -> np.ndarray:
        """``True`` for each scored token predicted loaded (probability > ``threshold``)."""
        return self.predict_proba(X)[:, 1] > self.threshold

    def predict_spans(self, X: Any) -> pd.DataFrame:
        """Predicted loaded tokens: ``doc_id, start, end, term, category, probability``."""
        check_is_fitted(self, "model_")
        corpus = self._as_corpus(X)
        feats, index = self._token_table(corpus)
        cols = ["doc_id", "start", "end", "term", "category", "probability"]
        if not feats:
            return pd.DataFrame({c: [] for c in cols})
        p = self.model_.predict_proba(_csr32(self.vectorizer_.transform(feats)))[:, 1]
        keep = np.flatnonzero(p > self.threshold)
        rows = [(*index[i], "predicted", float(p[i])) for i in keep]
        return pd.DataFrame(rows, columns=cols)

    def score(self, X: Any, y: Any = None, sample_weight=None) -> float:
        """Token F1 of the loaded class on ``X`` against ``y`` (same forms as :meth:`fit`)."""
        corpus = self._as_corpus(X)
        truth = self._labels(corpus, y)
        pred = self.predict(corpus)
        tp = float((truth & pred).sum())
        denom = float(truth.sum() + pred.sum())
        return 2 * tp / denom if denom else 0.0
