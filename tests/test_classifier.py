"""LoadedTermClassifier: a clean scikit-learn estimator trained on researchers' annotations."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

import framing
from framing import DataError, LoadedTermClassifier

TEXTS = ["The brutal regime fell.", "The council met today.", "A brutal attack on them.",
         "Officials met on Monday.", "The thugs ran the regime.", "Rain fell on Monday."] * 4
WORDS = [["brutal", "regime"], [], ["brutal"], [], ["thugs", "regime"], []] * 4


def test_params_and_clone_round_trip():
    clf = LoadedTermClassifier(C=2.0, context=2, threshold=0.4)
    params = clf.get_params()
    assert params["C"] == 2.0 and params["context"] == 2 and params["threshold"] == 0.4
    twin = clone(clf)
    assert twin.get_params() == params and twin is not clf
    clf.set_params(C=0.1)
    assert clf.C == 0.1
    assert "LoadedTermClassifier(C=0.1" in repr(clf)


def test_fit_on_texts_and_word_lists_predicts_tokens():
    clf = LoadedTermClassifier().fit(TEXTS, WORDS)
    assert list(clf.classes_) == [False, True]
    proba = clf.predict_proba(["A brutal regime.", "The council met."])
    assert proba.shape == (6, 2)  # A brutal regime | The council met (punctuation unscored)
    pred = clf.predict(["A brutal regime.", "The council met."])
    assert pred.tolist() == [False, True, True, False, False, False]
    spans = clf.predict_spans(["They met the thugs."])
    assert spans["term"].tolist() == ["thugs"]
    assert spans[["start", "end"]].values.tolist() == [[13, 18]]
    assert clf.score(TEXTS, WORDS) > 0.9
    fitted = clone(clf)
    assert not hasattr(fitted, "model_")


def test_fit_on_corpus_and_gold_table_matches_word_lists():
    corpus = framing.read_corpus(pd.DataFrame({
        "id": [f"d{i}" for i in range(len(TEXTS))], "outlet": "x", "text": TEXTS}))
    rows = []
    for did, text, words in zip(corpus["id"], TEXTS, WORDS):
        for w in words:
            s = text.index(w)
            rows.append({"doc_id": did, "start": s, "end": s + len(w)})
    gold = pd.DataFrame(rows)
    a = LoadedTermClassifier().fit(corpus, gold).predict_proba(corpus)[:, 1]
    b = LoadedTermClassifier().fit(TEXTS, WORDS).predict_proba(TEXTS)[:, 1]
    np.testing.assert_allclose(a, b)


def test_errors():
    with pytest.raises(DataError, match="all of one class"):
        LoadedTermClassifier().fit(["a b c"], [[]])
    with pytest.raises(DataError, match=r"one list of words per text \(2\), got 1"):
        LoadedTermClassifier().fit(["a", "b"], [["a"]])
    with pytest.raises(ValueError, match=r"threshold must be a probability in \(0, 1\); got 2"):
        LoadedTermClassifier(threshold=2).fit(TEXTS, WORDS)
    with pytest.raises(DataError, match="got one string; wrap it in a list"):
        LoadedTermClassifier().fit("a text", [["a"]])
    from sklearn.exceptions import NotFittedError
    with pytest.raises(NotFittedError):
        LoadedTermClassifier().predict(["x"])


# scikit-learn's own estimator checks that apply to an estimator on text: the API checks
# (parameters, clone, repr, set_params).  The numeric-array checks of check_estimator
# (fit on random float matrices, dtype and shape invariants) do not apply to text input.
_SKLEARN_API_CHECKS = [
    "check_get_params_invariance", "check_set_params", "check_no_attributes_set_in_init",
    "check_parameters_default_constructible", "check_estimator_repr",
    "check_estimator_cloneable", "check_do_not_raise_errors_in_init_or_set_params",
]


@pytest.mark.parametrize("check", _SKLEARN_API_CHECKS)
def test_sklearn_api_checks(check):
    from sklearn.utils import estimator_checks

    getattr(estimator_checks, check)("LoadedTermClassifier", LoadedTermClassifier())


def test_fit_is_idempotent_and_refit_forgets():
    a = LoadedTermClassifier().fit(TEXTS, WORDS)
    p1 = a.predict_proba(TEXTS)
    np.testing.assert_allclose(a.fit(TEXTS, WORDS).predict_proba(TEXTS), p1)
    # refitting on other labels replaces the model (nothing is carried over)
    other = [["fell"], [], [], [], [], ["fell"]] * 4
    b = LoadedTermClassifier().fit(TEXTS, other)
    np.testing.assert_allclose(a.fit(TEXTS, other).predict_proba(TEXTS),
                               b.predict_proba(TEXTS))
