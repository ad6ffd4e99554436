"""evaluate_loaded: token-level P/R/F1 against span and word-list gold, Spearman of rates;
`framing evaluate loaded` and `framing loaded` / `framing lexicons list` on the CLI; and the
achieved development figures when ../shared/data is present."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import DataError
from framing._eval_loaded import evaluate_loaded, token_labels
from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _m(metrics):
    return metrics.set_index("metric")["value"]


def test_span_gold_token_scores():
    corpus = pd.DataFrame({"id": ["d", "e"], "outlet": ["x", "x"],
                           "text": ["The brutal regime fell.", "A calm, quiet day."]})
    gold = pd.DataFrame({"doc_id": ["d"], "start": [4], "end": [17]})      # brutal regime
    pred = pd.DataFrame({"doc_id": ["d", "e"], "start": [11, 2], "end": [17, 6]})  # regime, calm
    m = _m(evaluate_loaded(gold, pred, corpus=corpus))
    assert (m["precision"], m["recall"]) == (0.5, 0.5)
    assert m["f1"] == pytest.approx(0.5)
    assert m["tokens"] == 8  # punctuation tokens are not scored


def test_word_list_gold_is_case_insensitive_and_ptc_labels_filter():
    corpus = pd.DataFrame({"id": ["s1"], "outlet": ["x"], "text": ["Radical leftists RADICAL."],
                           "biased_words": ["['radical']"]})
    empty = pd.DataFrame({"doc_id": [], "start": [], "end": []})
    labels = token_labels(corpus, empty, words_col="biased_words")
    assert labels["label"].tolist() == [True, False, True]
    pred = pd.DataFrame({"doc_id": ["s1"], "start": [0], "end": [7]})
    m = _m(evaluate_loaded(empty, pred, corpus=corpus))
    assert (m["precision"], m["recall"]) == (1.0, 0.5)
    gold = pd.DataFrame({"doc_id": ["s1", "s1"], "start": [8, 17], "end": [16, 24],
                         "layer": ["propaganda"] * 2, "label": ["Doubt", "Loaded_Language"]})
    m2 = _m(evaluate_loaded(gold, pred, corpus=corpus.drop(columns=["biased_words"])))
    assert m2["recall"] == 0.0  # "auto" keeps Loaded_Language only: RADICAL, not leftists


def test_spearman_of_document_rates():
    corpus = pd.DataFrame({"id": list("abcd"), "outlet": "x",
                           "text": ["bad bad bad good", "bad good good good", "good good good good",
                                    "bad bad good good"]})
    spans = {"a": [(0, 3), (4, 7), (8, 11)], "b": [(0, 3)], "d": [(0, 3), (4, 7)]}
    gold = pd.DataFrame([(d, s, e) for d, v in spans.items() for s, e in v],
                        columns=["doc_id", "start", "end"])
    m = _m(evaluate_loaded(gold, gold, corpus=corpus))
    assert m["f1"] == 1.0 and m["spearman"] == pytest.approx(1.0)


def test_errors():
    corpus = pd.DataFrame({"id": ["d"], "outlet": ["x"], "text": ["x"]})
    with pytest.raises(DataError, match="needs corpus="):
        evaluate_loaded(pd.DataFrame({"doc_id": [], "start": [], "end": []}),
                        pd.DataFrame({"doc_id": [], "start": [], "end": []}))
    with pytest.raises(DataError, match=r"pred lacks column\(s\) \['end'\]"):
        evaluate_loaded(pd.DataFrame({"doc_id": [], "start": [], "end": []}),
                        pd.DataFrame({"doc_id": [], "start": []}), corpus=corpus)


def test_facade():
    from framing import evaluate

    assert evaluate.evaluate_loaded is evaluate_loaded
    assert framing.evaluate_loaded is evaluate_loaded


# ----------------------------------------------------------------------------- CLI

def test_cli_loaded_and_lexicons(tmp_path, capsys):
    out = tmp_path / "terms.csv"
    assert main(["loaded", "seed", "-o", str(out)]) == 0
    terms = pd.read_csv(out)
    assert {"Daesh", "staunchly", "aggressor"} <= set(terms["term"])
    assert main(["lexicons", "list"]) == 0
    listed = capsys.readouterr().out
    assert "| labels |" in listed and "CC0-1.0" in listed and "MIT" in listed
    assert main(["loaded", "seed", "--rates", "outlet", "-o", str(tmp_path / "r.csv")]) == 0
    assert "rate" in pd.read_csv(tmp_path / "r.csv").columns


def test_cli_evaluate_loaded_on_generic_gold(tmp_path, capsys):
    corpus = framing.read_corpus(pd.DataFrame({
        "id": ["d"], "outlet": ["x"], "text": ["The brutal regime fell."]}))
    gold = pd.DataFrame({"doc_id": ["d"], "ann_id": ["A1"], "layer": ["loaded"],
                         "role": ["span"], "start": [4], "end": [10], "text": ["brutal"],
                         "label": ["emotive"], "annotator": ["me"]})
    path = tmp_path / "gold.jsonl"
    framing.datasets.write_gold(corpus, gold, path)
    # span gold: scored on the phrase extent ("The brutal regime fell" + "regime")
    assert main(["evaluate", "loaded", "--gold", str(path)]) == 0
    assert "P 0.250  R 1.000  F1 0.400" in capsys.readouterr().out
    assert main(["evaluate", "loaded", "--gold", str(path), "--extent", "word"]) == 0
    assert "P 0.500  R 1.000  F1 0.667" in capsys.readouterr().out
    assert main(["evaluate", "loaded", "--gold", str(tmp_path / "nope.jsonl")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


# ----------------------------------------------------------------------------- dev figures

@pytest.mark.devdata
def test_achieved_dev_figures(shared_data):
    """Figures of the shipped lexicons + rules (see tools/eval_loaded.py for the folds)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import eval_loaded as ev

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figs = ev.lexicon_figures(shared_data)
    f1 = {k: ev.f1_of(v) for k, v in figs.items()}
    assert figs["babe_test"].attrs["extent"] == "word"
    assert figs["ptc_test"].attrs["extent"] == "phrase"
    # achieved (v1.3 lexicons, loaded verbs from quote cue verbs): BABE dev 0.447, test
    # 0.425; PTC on the phrase extent (the default for span gold) dev 0.316, test 0.253; PTC
    # on term spans dev 0.255, test 0.210.  Small margins: the figures move with quotation
    # attribution (voice split, scare quotes, cue verbs).
    assert f1["babe_dev"] >= 0.44
    assert f1["babe_test"] >= 0.42        # held-out fold 0: the target is 0.35
    assert f1["ptc_dev"] >= 0.31
    assert f1["ptc_dev_word"] >= 0.25
    assert f1["ptc_test"] >= 0.25         # held-out: the target (0.253 achieved)
    assert f1["ptc_test_word"] >= 0.205


def test_extent_follows_gold_granularity():
    corpus = pd.DataFrame({"id": ["d"], "outlet": ["x"], "text": ["The brutal regime fell."],
                           "biased_words": [["brutal"]]})
    pred = pd.DataFrame({"doc_id": ["d"], "start": [4], "end": [10], "phrase_start": [0],
                         "phrase_end": [17]})
    span = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [17], "role": ["span"],
                         "layer": ["bias"]})
    m = evaluate_loaded(span, pred, corpus=corpus)
    assert m.attrs["extent"] == "phrase"
    assert m.set_index("metric").loc["recall", "value"] == 1.0
    m = evaluate_loaded(span, pred, corpus=corpus, extent="word")
    assert m.set_index("metric").loc["recall", "value"] == pytest.approx(1 / 3)
    words = pd.DataFrame({"doc_id": pd.Series([], dtype=str), "start": [], "end": [],
                          "role": [], "layer": []})
    m = evaluate_loaded(words, pred, corpus=corpus)
    assert m.attrs["extent"] == "word"
    assert m.set_index("metric").loc["precision", "value"] == 1.0
    babe = span.assign(start=4, end=10, role="word", layer="biased_word")
    assert evaluate_loaded(babe, pred, corpus=corpus).attrs["extent"] == "word"
    with pytest.raises(ValueError, match="extent must be 'auto', 'word' or 'phrase'; got 'np'"):
        evaluate_loaded(span, pred, corpus=corpus, extent="np")
    with pytest.raises(DataError, match="extent='phrase' needs phrase_start and phrase_end"):
        evaluate_loaded(span, pred[["doc_id", "start", "end"]], corpus=corpus, extent="phrase")
