"""Tests for framing.classroom: checks both ways, Krippendorff's alpha, the annotator."""
from __future__ import annotations

import json
import math
from importlib import resources

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import classroom
from framing._errors import DataError, ResourceNotFoundError

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal
# data, four observers, twelve units, missing values; alpha = 0.743.
K2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


# --------------------------------------------------------------------------- alpha
def test_alpha_reproduces_krippendorff_2011_worked_example():
    alpha = classroom.krippendorff_alpha(K2011)
    assert round(alpha, 3) == 0.743
    # the exact value NLTK gives: 1 - Do/De = 1 - (4/40) / (... ) = 0.743421...
    assert alpha == pytest.approx(0.743421052631579, abs=1e-12)


def test_alpha_same_value_from_every_input_form():
    triples = [(c, u, v) for c, vals in K2011.items() for u, v in enumerate(vals)]
    frame = pd.DataFrame(triples, columns=["coder", "unit", "label"])
    nested = {c: {u: v for u, v in enumerate(vals)} for c, vals in K2011.items()}
    values = {classroom.krippendorff_alpha(x) for x in (K2011, triples, frame, nested)}
    assert len({round(v, 12) for v in values}) == 1


def test_alpha_interval_differs_from_nominal():
    nominal = classroom.krippendorff_alpha(K2011)
    interval = classroom.krippendorff_alpha(K2011, distance="interval")
    assert interval != pytest.approx(nominal)
    assert -1 <= interval <= 1


def test_alpha_perfect_agreement_is_one_and_disagreement_negative():
    assert classroom.krippendorff_alpha({"a": list("xyzx"), "b": list("xyzx")}) == 1.0
    assert classroom.krippendorff_alpha({"a": list("xyxy"), "b": list("yxyx")}) < 0


@pytest.mark.parametrize("codings, match", [
    ({"a": [1, 2, 3]}, "at least two coders"),
    ({"a": [1, None], "b": [None, 2]}, "no unit was coded by two"),
    (pd.DataFrame({"annotator": ["a"], "unit": [1], "label": [1]}), "needs the columns coder"),
    ([("a", 1)], r"expected \(coder, unit, label\) triples"),
    ({"a": 3, "b": 4}, "expected a list of labels"),
    (42, "expected a DataFrame"),
])
def test_alpha_errors(codings, match):
    with pytest.raises(DataError, match=match):
        classroom.krippendorff_alpha(codings)


def test_alpha_bad_distance_and_non_numeric_interval():
    with pytest.raises(DataError, match="distance: expected one of"):
        classroom.krippendorff_alpha(K2011, distance="ordinal")
    with pytest.raises(DataError, match="needs numeric labels"):
        classroom.krippendorff_alpha({"a": ["x", "y"], "b": ["x", "x"]}, distance="interval")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")),
                min_size=2, max_size=15))
def test_alpha_bounded_and_symmetric_in_coders(pairs):
    one = {"c1": [p[0] for p in pairs], "c2": [p[1] for p in pairs]}
    swapped = {"c2": one["c2"], "c1": one["c1"]}
    a = classroom.krippendorff_alpha(one)
    assert a <= 1.0
    assert a == pytest.approx(classroom.krippendorff_alpha(swapped))


# --------------------------------------------------------------------------- exercises
def test_list_and_load_exercises():
    table = classroom.list_exercises()
    assert table["name"].tolist() == ["hand-coding", "sources-balance", "critique"]
    assert table["licence"].str.len().min() > 0 and table["provenance"].str.len().min() > 20
    ex = classroom.load_exercise("hand-coding")
    assert list(ex.corpus.columns[:3]) == ["id", "outlet", "text"]
    assert len(ex.corpus) == 10 and ex.coders["coder"].nunique() == 3
    with pytest.raises(ResourceNotFoundError, match="available: hand-coding, sources-balance"):
        classroom.load_exercise("nope")


def test_every_key_file_has_provenance_and_licence():
    files = resources.files("framing.data.classroom")
    yamls = [f for f in files.iterdir() if f.name.endswith(".yaml")]
    assert len(yamls) >= 3
    for f in yamls:
        key = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert key.get("licence") and key.get("provenance"), f.name
    for f in files.iterdir():
        if f.name.endswith(".csv"):
            head = f.read_text(encoding="utf-8").splitlines()[:4]
            assert any(line.startswith("# licence:") for line in head), f.name
            assert any(line.startswith("# provenance:") for line in head), f.name


def test_key_loaded_terms_and_speakers_occur_in_their_sentences():
    for name in ("hand-coding", "critique"):
        ex = classroom.load_exercise(name)
        terms = []
        for s in ex.key["sentences"]:
            low = s["text"].lower()
            mine = [t for t, _ in classroom._loaded_entries(s)]
            terms.extend(mine)
            for term in mine + s.get("acceptable", []):
                assert term.lower() in low, (s["id"], term)
        gold = ex.gold
        assert (gold["text"].str.lower() == [t.lower() for t in terms]).all()
        assert all(t[a:b] == g for t, a, b, g in zip(
            gold["doc_id"].map(dict(zip(ex.corpus["id"], ex.corpus["text"]))),
            gold["start"], gold["end"], gold["text"]))


def test_sources_balance_documents_are_two_outlets_on_one_event():
    ex = classroom.load_exercise("sources-balance")
    assert ex.corpus["outlet"].nunique() == 2 and ex.corpus["event"].nunique() == 1
    for doc, text in zip(ex.key["documents"], ex.corpus["text"]):
        share = sum(a["side"] == ex.key["side_of_interest"] for a in doc["attributions"])
        assert share / len(doc["attributions"]) == pytest.approx(doc["us_share"])
        for a in doc["attributions"]:
            if a["speaker"][0] not in ("a report",):
                assert any(v in text for v in a["speaker"]), a["speaker"]


# --------------------------------------------------------------------------- Result
def test_result_prints_and_is_boolean():
    assert str(classroom.Result(True, True, "")) == "✓ right"
    wrong = classroom.Result(False, True, "0 of 2 right", ("look again",))
    assert str(wrong).startswith("✗ wrong: 0 of 2 right") and "look again" in str(wrong)
    assert not wrong and not wrong.ok
    pending = classroom.Result(False, False, "do it")
    assert repr(pending) == "… not answered yet: do it" and not pending.answered


# --------------------------------------------------------------------------- checks, both ways
def _hand_key():
    return classroom.load_exercise("hand-coding").key["sentences"]


@pytest.mark.parametrize("empty", [None, ..., {}, [], "", {"h01": None}, float("nan")])
def test_unanswered_checks_do_not_raise(empty):
    for fn in (classroom.check_alpha, classroom.check_quotes, classroom.check_loaded,
               classroom.check_consensus, classroom.check_sources, classroom.check_balance,
               classroom.check_critique):
        res = fn(empty)
        assert not res.ok and not res.answered and "not answered yet" in str(res)
    assert not classroom.check_precision_recall(None, None).answered


def test_check_alpha_both_ways_with_hints():
    coders = classroom.load_exercise("hand-coding").coders
    right = classroom.krippendorff_alpha(coders)
    assert round(right, 3) == 0.634
    assert classroom.check_alpha(right).ok
    assert classroom.check_alpha(round(right, 3)).ok
    assert classroom.check("alpha", right).ok
    wrong = classroom.check_alpha(0.5)
    assert not wrong.ok and wrong.answered and "AnnotationTask" in str(wrong)
    pairwise, _unanimous = classroom._percent_agreement(classroom._triples(coders))
    assert "observed (percent) agreement" in str(classroom.check_alpha(pairwise))
    assert "percentage" in str(classroom.check_alpha(right * 100))
    assert "between -1 and 1" in str(classroom.check_alpha(3))
    assert "expected a number" in str(classroom.check_alpha("high"))
    # coding the missing value as a category is a classic mistake with its own hint
    with_missing = classroom.krippendorff_alpha(
        coders.assign(label=coders["label"].fillna("skipped")))
    assert "skipped sentence" in str(classroom.check_alpha(with_missing))


def test_check_quotes_both_ways():
    key = _hand_key()
    right = {s["id"]: (s["kind"], s["speaker"][0] if s["speaker"] else None) for s in key}
    assert classroom.check_quotes(right).ok
    frame = pd.DataFrame([{"id": k, "kind": v[0], "speaker": v[1]} for k, v in right.items()])
    assert classroom.check_quotes(frame).ok
    # speakers as written with an article, and in another case, still count
    assert classroom.check_quotes({**right, "h02": ("indirect", "The Defence Secretary")}).ok
    res = classroom.check_quotes({**right, "h04": ("none", None)})
    assert not res.ok and "9 of 10" in str(res) and "According to" in str(res)
    res = classroom.check_quotes({**right, "h07": ("direct", "the minister")})
    assert not res.ok and "not who speaks" in str(res)
    res = classroom.check_quotes({**right, "h03": ("none", "rebels")})
    assert not res.ok and "leave the speaker empty" in str(res)
    res = classroom.check_quotes({**right, "h01": ("quoted", "minister")})
    assert "not in the scheme" in str(res)
    partial = classroom.check_quotes({"h01": right["h01"]})
    assert not partial.ok and "1 of 10" in str(partial)


def test_check_loaded_both_ways():
    key = _hand_key()
    right = {s["id"]: list(s["loaded"]) for s in key}
    assert classroom.check_loaded(right).ok
    # acceptable extras and a phrase containing the key term pass; case does not matter
    assert classroom.check_loaded({**right, "h08": ["besieged"],
                                   "h06": ["So-called", "Takfiri mercenaries"]}).ok
    assert classroom.check_loaded({**right, "h06": "so-called, Takfiri, mercenaries"}).ok
    res = classroom.check_loaded({**right, "h03": ["shelled"]})
    assert not res.ok and "describes an action" in str(res)
    res = classroom.check_loaded({**right, "h04": ["regime"]})
    assert not res.ok and "missed" in str(res)


def test_check_consensus_both_ways():
    key = _hand_key()
    right = {s["id"]: s["kind"] for s in key}   # the coders' majority equals the key
    assert classroom.check_consensus(right).ok
    assert not classroom.check_consensus({**right, "h05": "direct"}).ok
    assert "h10" in str(classroom.check_consensus({**right, "h10": "indirect"}))


def test_consensus_ignores_missing_and_reports_ties():
    frame = pd.DataFrame({"coder": list("ABCAB"), "unit": ["u1"] * 3 + ["u2"] * 2,
                          "label": ["x", "x", None, "x", "y"]})
    assert classroom._consensus(frame) == {"u1": "x", "u2": None}


def test_check_sources_both_ways():
    right = {"state-dipnote-20160211-issg": ["John Kerry"],
             "tasnim-20160212-munich-ceasefire": [
                 "John Kerry", "Dmitry Medvedev", "Syria's main opposition group", "a report"]}
    assert classroom.check_sources(right).ok
    res = classroom.check_sources({**right, "state-dipnote-20160211-issg": ["Kerry", "Lavrov"]})
    assert not res.ok and "'Lavrov' is not quoted" in str(res)
    res = classroom.check_sources({**right, "tasnim-20160212-munich-ceasefire": ["Kerry", "he"]})
    assert not res.ok and "resolve the pronoun" in str(res) and "Russian" in str(res)


def test_check_balance_both_ways():
    right = {"state-dipnote-20160211-issg": 1.0, "tasnim-20160212-munich-ceasefire": 0.5}
    assert classroom.check_balance(right).ok
    res = classroom.check_balance({**right, "tasnim-20160212-munich-ceasefire": 0.6})
    assert not res.ok and "left out some attributions" in str(res)
    res = classroom.check_balance({**right, "state-dipnote-20160211-issg": 100})
    assert not res.ok and "not a percentage" in str(res)
    res = classroom.check_balance({**right, "tasnim-20160212-munich-ceasefire": 0.3})
    assert "count the attributions" in str(res)


def test_check_dispatch_unknown():
    with pytest.raises(ResourceNotFoundError, match="no check 'kappa'; available: alpha"):
        classroom.check("kappa", 1)


@pytest.mark.parametrize("bad, match", [
    (pd.DataFrame({"x": [1]}), "expected a DataFrame with an 'id' column"),
    (3.5, "expected a dict"),
])
def test_check_bad_shapes(bad, match):
    with pytest.raises(DataError, match=match):
        classroom.check_quotes(bad)


# --------------------------------------------------------------------------- annotator
TEXT = '"We will not give up," Assad said. Critics called it "propaganda."'


def test_annotator_marks_and_exports_generic_gold(tmp_path):
    ann = classroom.annotate(TEXT, doc_id="s1", outlet="Test", annotator="me")
    c = ann.add_text("We will not give up,", layer="attribution", role="content",
                     label="quote_marks")
    toks = ann.token_table()
    first = int(toks.index[toks["text"] == "Assad"][0])
    s = ann.add_tokens(first, first, layer="attribution", role="source")
    v = ann.add_text("said", layer="attribution", role="cue")
    w = ann.add_text("propaganda", layer="loaded", role="word", label="scare_quote")
    assert [x["text"] for x in (c, s, v, w)] == ["We will not give up,", "Assad", "said",
                                                   "propaganda"]
    gold = ann.spans
    assert list(gold.columns) == ["doc_id", "ann_id", "layer", "role", "start", "end", "text",
                                  "label", "annotator"]
    assert all(TEXT[a:b] == t for a, b, t in zip(gold["start"], gold["end"], gold["text"]))
    path = ann.export(tmp_path / "gold.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert set(rec) == {"id", "outlet", "text", "annotations"}
    assert rec["id"] == "s1" and rec["text"] == TEXT and len(rec["annotations"]) == 4
    assert set(rec["annotations"][0]) >= {"ann_id", "layer", "role", "start", "end", "label"}
    ann.remove(s["ann_id"])
    assert len(ann) == 3
    classroom.export_gold([ann], path, append=True)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_annotator_export_reads_back_with_read_gold(tmp_path):
    read_gold = pytest.importorskip("framing.datasets._gold").read_gold
    ann = classroom.annotate(TEXT, doc_id="s1", outlet="Test")
    ann.add_text("Assad", layer="attribution", role="source")
    ann.add_text("propaganda", layer="loaded", role="word")
    corpus, gold = read_gold(ann.export(tmp_path / "g.jsonl"))
    assert corpus["id"].tolist() == ["s1"] and corpus["text"].iloc[0] == TEXT
    assert sorted(gold["text"]) == ["Assad", "propaganda"]


def test_annotator_second_occurrence_and_custom_layers():
    ann = classroom.annotate("the regime and the regime", layers={"bias": ["lex", "inf"]})
    span = ann.add_text("regime", occurrence=2, layer="bias", label="inf")
    assert (span["start"], span["end"], span["role"]) == (19, 25, "span")


@pytest.mark.parametrize("call, match", [
    (lambda a: a.add(5, 2, layer="loaded"), "expected 0 <= start < end"),
    (lambda a: a.add(0, 2, layer="bias"), "layer: expected one of"),
    (lambda a: a.add(0, 2, layer="loaded", role="cue"), "role: expected one of"),
    (lambda a: a.add(0, 2, layer="loaded", label="nice"), "label: expected one of"),
    (lambda a: a.add_text("absent", layer="loaded"), "occurs 0 time"),
    (lambda a: a.add_tokens(3, 1, layer="loaded"), "first, last: expected token numbers"),
    (lambda a: a.remove("nope"), "no span 'nope'"),
    (lambda a: a.add("0", 2, layer="loaded"), "integer character offsets"),
])
def test_annotator_errors(call, match):
    ann = classroom.annotate(TEXT)
    with pytest.raises(DataError, match=match):
        call(ann)


def test_annotator_rejects_empty_text_and_bad_records(tmp_path):
    with pytest.raises(DataError, match="non-empty string"):
        classroom.annotate("   ")
    with pytest.raises(DataError, match="needs the keys id, text and annotations"):
        classroom.export_gold([{"id": "x"}], tmp_path / "x.jsonl")


def test_annotator_widget_buttons_drive_the_same_state(tmp_path):
    pytest.importorskip("ipywidgets")
    ann = classroom.annotate(TEXT, doc_id="w1")
    box = ann.widget
    ui = ann._ui
    ctl = ui.controls
    ctl["layer"].value = "loaded"
    assert list(ctl["role"].options) == ["word"]
    ctl["span_text"].value = "propaganda"
    ctl["add_text"].click()
    assert len(ann) == 1 and "✓ added" in ui.message.value
    assert "<mark" in ui.preview.value and len(ui.spans.options) == 1
    ctl["first"].value, ctl["last"].value = 0, 0
    ctl["add_tokens"].click()
    assert len(ann) == 2
    ctl["span_text"].value = "not in the text"
    ctl["add_text"].click()
    assert "✗" in ui.message.value and len(ann) == 2
    ui.spans.value = ui.spans.options[0][1]
    ctl["remove"].click()
    assert len(ann) == 1
    ctl["path"].value = str(tmp_path / "w.jsonl")
    ctl["export"].click()
    rec = json.loads((tmp_path / "w.jsonl").read_text(encoding="utf-8"))
    assert rec["id"] == "w1" and len(rec["annotations"]) == 1
    assert box is ann.widget


def test_public_name():
    assert framing.classroom is classroom
    assert math.isclose(classroom.krippendorff_alpha(K2011), 0.743421052631579)


# --------------------------------------------------------------------------- tool-dependent checks
def test_check_precision_recall_both_ways():
    precision, recall, tp, _fp, fn = classroom._tool_scores("hand-coding")
    assert tp + fn == 7                      # seven sentences have an attribution
    assert classroom.check_precision_recall(precision, recall).ok
    assert classroom.check("precision_recall", precision, recall).ok
    if not math.isnan(precision) and abs(precision - recall) > 0.01:
        res = classroom.check_precision_recall(recall, precision)
        assert not res.ok and "swapped" in str(res)
    res = classroom.check_precision_recall(0.0 if precision > 0.5 else 1.0, recall)
    assert not res.ok and "TP / (TP + FP)" in str(res)


def test_tool_sentence_quotes_agrees_with_quotes_table():
    ex = classroom.load_exercise("hand-coding")
    table = classroom.tool_sentence_quotes("hand-coding")
    q = framing.quotes(ex.corpus)
    found = set(q.loc[q["kind"] != "scare", "doc_id"])
    assert table["id"].tolist() == ex.corpus["id"].tolist()
    assert set(table.loc[table["tool_quote"], "id"]) == found


def test_tool_errors_follow_the_key_definitions():
    errors = classroom.tool_errors("critique")
    key = classroom.load_exercise("critique").key
    assert set(errors["error"]) <= set(key["error_types"])
    assert set(errors["sentence"]) <= {s["id"] for s in key["sentences"]}
    assert errors["trap"].str.len().min() > 20
    # sentence c02 has no attribution; any quote the tool finds there is spurious
    q = classroom.tool_sentence_quotes("critique").set_index("id")
    assert bool(q.loc["c02", "tool_quote"]) == (
        ("c02", "spurious quote") in set(zip(errors["sentence"], errors["error"])))


def test_check_critique_both_ways():
    errors = classroom.tool_errors("critique")
    assert len(errors) >= 3, "the critique sample should trip the tool a few times"
    right = [{"sentence": r.sentence, "error": r.error, "why": r.trap}
             for r in errors.itertuples()][:3]
    assert classroom.check_critique(right).ok
    assert classroom.check_critique(pd.DataFrame(right)).ok
    # an error the tool does not make
    made = set(zip(errors["sentence"], errors["error"]))
    fake = next((f"c{i:02d}", "wrong speaker") for i in range(1, 13)
                if (f"c{i:02d}", "wrong speaker") not in made)
    res = classroom.check_critique(right + [{"sentence": fake[0], "error": fake[1],
                                             "why": "the speaker is someone else here"}])
    assert not res.ok and "does not make a 'wrong speaker' error" in str(res)
    # too few, no explanation, unknown error type
    res = classroom.check_critique(right[:1])
    assert not res.ok and "find at least 3" in str(res)
    res = classroom.check_critique([{**right[0], "why": "bad"}] + right[1:])
    assert not res.ok and "explain why" in str(res)
    res = classroom.check_critique([{**right[0], "error": "typo"}] + right[1:])
    assert "is not one of" in str(res)
