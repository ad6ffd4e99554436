"""Research-dataset loaders (PolNeAR, BASIL, PTC, BABE) and the generic gold JSONL.

Every fixture is written here, in the dataset's real on-disk format, with made-up text.
Tests against ../shared/data skip cleanly when it is absent.
"""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import DataError, FramingWarning
from framing.datasets import (
    GOLD_COLUMNS,
    load_babe,
    load_basil,
    load_polnear,
    load_ptc,
    read_gold,
    write_gold,
)


def assert_offsets(corpus: pd.DataFrame, gold: pd.DataFrame, *, source: str = "text") -> None:
    """Every gold row reads its own ``text`` at its offsets in the corpus document."""
    assert list(gold.columns[: len(GOLD_COLUMNS)]) == list(GOLD_COLUMNS)
    docs = dict(zip(corpus["id"], corpus[source]))
    for doc_id, s, e, t in zip(gold["doc_id"], gold["start"], gold["end"], gold["text"]):
        assert 0 <= s <= e <= len(docs[doc_id])
        assert docs[doc_id][s:e] == t, (doc_id, s, e, t)


def span(text: str, needle: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


# ------------------------------------------------------------------------------ PolNeAR

T1 = ("Mayor Zoë Ortiz said the budget was “fair to everyone” and, she added, “final.”\n\n"
      "Critics disagreed, according to a report. Polls show support is falling.")
T2 = "Über-analyst Søren Ng told reporters: \"We will see.\" Nobody replied."


def _polnear_records() -> list[dict]:
    q1 = {"id": "E1", "source_spans": [span(T1, "Mayor Zoë Ortiz")],
          "cue_spans": [span(T1, "said")],
          "content_spans": [span(T1, "the budget was “fair to everyone”"),
                            span(T1, "“final.”")],
          "has_quote_marks": True}
    q2 = {"id": "E2", "source_spans": [span(T1, "a report")],
          "cue_spans": [span(T1, "according to")],
          "content_spans": [span(T1, "Critics disagreed")], "has_quote_marks": False}
    q3 = {"id": "E3", "source_spans": [], "cue_spans": [span(T1, "show")],
          "content_spans": [span(T1, "support is falling")], "has_quote_marks": False}
    q4 = {"id": "E4", "source_spans": [], "cue_spans": [], "content_spans": [],
          "has_quote_marks": False}  # an empty attribution, as in the release
    r1 = {"id": "nyt_2016-03-01_budget", "outlet": "nyt", "date": "2016-03-01",
          "title": "Budget", "text": T1, "split": "train", "annotator": "ab12",
          "quotes": [q1, q2, q3, q4]}
    q5 = {"id": "E1", "source_spans": [span(T2, "Über-analyst Søren Ng")],
          "cue_spans": [span(T2, "told")], "content_spans": [span(T2, "\"We will see.\"")],
          "has_quote_marks": True}
    r2 = {"id": "politico_2016-04-02_analyst", "outlet": "politico", "date": "2016-04-02",
          "title": "Analyst", "text": T2, "split": "dev", "annotator": "cd34", "quotes": [q5]}
    return [r1, r2]


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture
def polnear_jsonl(tmp_path):
    recs = _polnear_records()
    _write_jsonl(tmp_path / "train.jsonl", [recs[0]])
    _write_jsonl(tmp_path / "dev.jsonl", [recs[1]])
    return tmp_path


def _fmt_t(ident, etype, text, frags):
    offs = ";".join(f"{s} {e}" for s, e in frags)
    return f"{ident}\t{etype} {offs}\t{' '.join(text[s:e] for s, e in frags)}\n"


@pytest.fixture
def polnear_brat(tmp_path):
    """The same two articles in the brat release layout, doc 1 event style, doc 2 relations."""
    recs = _polnear_records()
    root = tmp_path / "PolNeAR"
    for r in recs:
        (root / "data" / r["split"] / "text").mkdir(parents=True, exist_ok=True)
        (root / "data" / r["split"] / "attributions").mkdir(parents=True, exist_ok=True)
    # doc 1: events, discontiguous content, a cue-less-source attribution, an empty event
    lines, t = [], 0
    events = []
    for q in recs[0]["quotes"]:
        args = []
        for role, etype in (("cue", "Cue"), ("source", "Source"), ("content", "Content")):
            frags = q[f"{role}_spans"]
            if frags:
                t += 1
                lines.append(_fmt_t(f"T{t}", etype, T1, frags))
                args.append(f"{etype}:T{t}")
        if args:  # brat has no way to write an event without a trigger: E4 is left out
            events.append(f"{q['id']}\t{' '.join(args)}\n")
    d1 = root / "data" / "train"
    (d1 / "text" / "nyt_2016-03-01_budget.txt").write_text(T1, encoding="utf-8")
    ann = "".join(lines) + "".join(events)
    ann += "#1\tAnnotatorNotes T1\ta note\n"
    (d1 / "attributions" / "nyt_2016-03-01_budget_ab12.ann").write_text(ann, encoding="utf-8")
    # doc 2: relation style, cue-anchored
    q = recs[1]["quotes"][0]
    ann2 = (_fmt_t("T1", "Source", T2, q["source_spans"]) + _fmt_t("T2", "Cue", T2, q["cue_spans"])
            + _fmt_t("T3", "Content", T2, q["content_spans"])
            + "R1\tSOURCE Arg1:T2 Arg2:T1\nR2\tCONTENT Arg1:T2 Arg2:T3\n")
    d2 = root / "data" / "dev"
    (d2 / "text" / "politico_2016-04-02_analyst.txt").write_text(T2, encoding="utf-8")
    (d2 / "attributions" / "politico_2016-04-02_analyst_cd34.ann").write_text(
        ann2, encoding="utf-8")
    (root / "data" / "metadata.tsv").write_text(
        "id\toutlet\tdate\ttitle\turl\n"
        "nyt_2016-03-01_budget\tnyt\t2016-03-01\tBudget\thttps://example.org/1\n"
        "politico_2016-04-02_analyst\tpolitico\t2016-04-02\tAnalyst\thttps://example.org/2\n",
        encoding="utf-8")
    return root


def test_polnear_jsonl_folder(polnear_jsonl):
    with pytest.warns(FramingWarning, match="1 attribution"):
        corpus, gold = load_polnear(polnear_jsonl)
    assert sorted(corpus["id"]) == ["nyt_2016-03-01_budget", "politico_2016-04-02_analyst"]
    assert {"split", "annotator", "title", "date"} <= set(corpus.columns)
    assert_offsets(corpus, gold)
    assert set(gold["layer"]) == {"attribution"}
    assert set(gold["role"]) == {"source", "cue", "content"}
    budget = gold[gold["doc_id"] == "nyt_2016-03-01_budget"]
    # one row per span: the discontiguous content gives two rows with the same ann_id
    e1 = budget[budget["ann_id"] == "E1"]
    assert e1["role"].tolist() == ["source", "cue", "content", "content"]
    assert e1["text"].tolist()[-1] == "“final.”"
    assert set(e1["label"]) == {"quote_marks"}
    assert set(budget.loc[budget["ann_id"] == "E3", "role"]) == {"cue", "content"}
    assert set(budget.loc[budget["ann_id"] == "E2", "label"]) == {"no_quote_marks"}
    assert set(gold["annotator"]) == {"ab12", "cd34"}
    unmatched = pd.DataFrame(gold.attrs["unmatched"])
    assert unmatched[["doc_id", "ann_id"]].values.tolist() == [["nyt_2016-03-01_budget", "E4"]]


def test_polnear_split_annotator_and_single_file(polnear_jsonl):
    corpus, gold = load_polnear(polnear_jsonl, split="dev")
    assert corpus["id"].tolist() == ["politico_2016-04-02_analyst"]
    assert set(gold["doc_id"]) == {"politico_2016-04-02_analyst"}
    corpus, gold = load_polnear(polnear_jsonl / "dev.jsonl", annotator="cd34")
    assert corpus["annotator"].tolist() == ["cd34"]
    with pytest.raises(DataError, match=r"no document annotated by 'zz'.*\['cd34'\]"):
        load_polnear(polnear_jsonl / "dev.jsonl", annotator="zz")
    with pytest.raises(DataError, match=r"no document in split 'train'.*\['dev'\]"):
        load_polnear(polnear_jsonl / "dev.jsonl", split="train")
    with pytest.raises(ValueError, match=r"split must be one of \['train', 'dev', 'test'\]"):
        load_polnear(polnear_jsonl, split="validation")


def test_polnear_brat_equals_jsonl(polnear_jsonl, polnear_brat):
    with pytest.warns(FramingWarning):
        cj, gj = load_polnear(polnear_jsonl)
    cb, gb = load_polnear(polnear_brat)
    assert_offsets(cb, gb)
    assert cb["url"].tolist() == ["https://example.org/2", "https://example.org/1"]
    assert dict(zip(cb["id"], cb["split"])) == dict(zip(cj["id"], cj["split"]))
    assert dict(zip(cb["id"], cb["annotator"])) == dict(zip(cj["id"], cj["annotator"]))
    key = ["doc_id", "role", "start", "end", "text", "label", "annotator"]
    # relation-style attribution ids are the cue's T id; event-style ones the event id
    assert set(gb.loc[gb["doc_id"] == "politico_2016-04-02_analyst", "ann_id"]) == {"T2"}
    sort = ["doc_id", "start", "end", "role"]
    pd.testing.assert_frame_equal(gj[key].sort_values(sort).reset_index(drop=True),
                                  gb[key].sort_values(sort).reset_index(drop=True))
    # the brat root, its data/ folder and a split filter all work
    cd, _ = load_polnear(polnear_brat / "data", split="dev")
    assert cd["id"].tolist() == ["politico_2016-04-02_analyst"]


def test_polnear_brat_event_trigger_attribute_and_two_annotators(tmp_path):
    text = "The senator warned, “Costs will rise,” aides said."
    d = tmp_path / "data" / "test"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "doc.txt").write_text(text, encoding="utf-8")
    ann = (_fmt_t("T1", "Attribution", text, [span(text, "warned")])
           + _fmt_t("T2", "Source", text, [span(text, "The senator")])
           + _fmt_t("T3", "Content", text, [span(text, "“Costs will rise,”")])
           + "E1\tAttribution:T1 Source:T2 Content:T3\n"
           + "A1\tQuoteMarks E1 false\n")
    (d / "attributions" / "doc_ann1.ann").write_text(ann, encoding="utf-8")
    ann2 = (_fmt_t("T1", "Source", text, [span(text, "aides")])
            + _fmt_t("T2", "Cue", text, [span(text, "said")])
            + _fmt_t("T3", "Content", text, [span(text, "“Costs will rise,”")])
            + "E1\tCue:T2 Source:T1 Content:T3\n")
    (d / "attributions" / "doc_ann2.ann").write_text(ann2, encoding="utf-8")
    with pytest.warns(FramingWarning, match="no outlet"):
        corpus, gold = load_polnear(tmp_path)
    assert_offsets(corpus, gold)
    assert corpus["outlet"].tolist() == ["unknown"]
    assert corpus["annotator"].tolist() == ["ann1,ann2"]
    assert corpus["split"].tolist() == ["test"]
    assert sorted(set(gold["ann_id"])) == ["ann1:E1", "ann2:E1"]
    first = gold[gold["ann_id"] == "ann1:E1"]
    assert dict(zip(first["role"], first["text"])) == {
        "cue": "warned", "source": "The senator", "content": "“Costs will rise,”"}
    assert set(first["label"]) == {"no_quote_marks"}  # the attribute wins over the text
    assert set(gold.loc[gold["ann_id"] == "ann2:E1", "label"]) == {"quote_marks"}
    with pytest.warns(FramingWarning, match="no outlet"):
        _, only = load_polnear(tmp_path, annotator="ann2")
    assert set(only["ann_id"]) == {"E1"} and set(only["annotator"]) == {"ann2"}


def test_polnear_brat_relations_share_a_source(tmp_path):
    text = "She said taxes rose and said costs fell."
    d = tmp_path / "data" / "train"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "wash-post_2016-01-31_taxes.txt").write_text(text, encoding="utf-8")
    ann = (_fmt_t("T1", "Source", text, [span(text, "She")])
           + _fmt_t("T2", "Cue", text, [span(text, "said")])
           + _fmt_t("T3", "Content", text, [span(text, "taxes rose")])
           + _fmt_t("T4", "Cue", text, [span(text, "said", 1)])
           + _fmt_t("T5", "Content", text, [span(text, "costs fell")])
           + _fmt_t("T6", "Content", text, [span(text, "She said")])  # unlinked
           + "R1\tSOURCE Arg1:T2 Arg2:T1\nR2\tCONTENT Arg1:T2 Arg2:T3\n"
           + "R3\tSOURCE Arg1:T4 Arg2:T1\nR4\tCONTENT Arg1:T4 Arg2:T5\n")
    (d / "attributions" / "wash-post_2016-01-31_taxes_a.ann").write_text(ann, encoding="utf-8")
    corpus, gold = load_polnear(tmp_path)  # no metadata.tsv: outlet and date from the id
    assert corpus["outlet"].tolist() == ["wash-post"]
    assert corpus["date"].tolist() == [pd.Timestamp("2016-01-31")]
    # a metadata.tsv without a header row is read positionally
    (tmp_path / "data" / "metadata.tsv").write_text(
        "wash-post_2016-01-31_taxes\tTaxes rose\n", encoding="utf-8")
    corpus, _ = load_polnear(tmp_path)
    assert corpus["meta_1"].tolist() == ["Taxes rose"]
    assert_offsets(corpus, gold)
    groups = {a: sorted(zip(g["role"], g["text"])) for a, g in gold.groupby("ann_id")}
    assert groups == {
        "T2": [("content", "taxes rose"), ("cue", "said"), ("source", "She")],
        "T4": [("content", "costs fell"), ("cue", "said"), ("source", "She")],
        "T6": [("content", "She said")],
    }


@pytest.mark.filterwarnings("ignore:.*no outlet")
def test_polnear_brat_errors(tmp_path):
    d = tmp_path / "data" / "train"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "x.txt").write_text("Short text.", encoding="utf-8")
    ann = d / "attributions" / "x_a.ann"
    ann.write_text("T1\tSource 0 50\tShort\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x_a\.ann, line 1 \(T1\): span \[0, 50\) is out of "
                                        r"range for a text of 11"):
        load_polnear(tmp_path)
    ann.write_text("T1\tSource zero five\tShort\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 1: malformed brat line"):
        load_polnear(tmp_path)
    ann.write_text("T1\tSource 0 4\tShrt\n", encoding="utf-8")
    with pytest.warns(FramingWarning, match="1 span"):
        _, gold = load_polnear(tmp_path)
    assert gold["text"].tolist() == ["Shor"]
    (d / "attributions" / "y_a.ann").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"match no article.*'y_a\.ann'"):
        load_polnear(tmp_path)


def test_polnear_not_a_dataset(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"does not look like PolNeAR data: expected the brat "
                                        r"release .*found a folder holding notes\.csv"):
        load_polnear(tmp_path)
    with pytest.raises(DataError, match=r"no such file or folder"):
        load_polnear(tmp_path / "missing")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "abc", "quotes": [{"id": "E1", "cue_spans": '
                   '[[1, 9]]}]}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.jsonl, line 1, quote E1 \(cue\): span \[1, 9\) "
                                        r"is out of range"):
        load_polnear(bad)
    bad.write_text('{"id": "a", "quotes": []}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"line 1: expected a PolNeAR article object with 'id', "
                                        r"'text'"):
        load_polnear(bad)


# -------------------------------------------------------------------------------- BASIL

def _write_json(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def basil(tmp_path):
    root = tmp_path / "BASIL"
    paras = [["Officials in São Paulo unveiled a plan.", "Critics called it reckless."],
             ["The mayor, a self-styled reformer, shrugged.", "Voters will decide."]]
    _write_json(root / "articles" / "2012" / "abc123_1.json", {
        "source": "hpo", "title": "A “bold” plan", "date": "2012-05-01",
        "triplet-uuid": "abc123", "url": "https://example.org/a", "main-event": "budget",
        "word-count": 31, "uuid": "u-1",
        "body-paragraphs": paras})
    _write_json(root / "annotations" / "2012" / "abc123_1_ann.json", {
        "triplet-uuid": "abc123",
        "article-level-annotations": {"relative-stance": "Left", "uuid": "a-9",
                                      "author-sentiment": {"obama": "positive"}},
        "phrase-level-annotations": [
            {"id": "p1", "bias": "Lexical", "txt": "reckless", "start": 18, "end": 26,
             "quote": "yes", "speaker": "critics", "polarity": "negative", "target": "plan",
             "aim": "direct", "annotator-note": "x"},
            {"id": "p2", "bias": "inf", "txt": "a self-styled reformer", "start": 0,
             "end": 5, "quote": "no"},  # wrong offsets: realigned by txt
            {"id": "title", "bias": "lex", "txt": "“bold”", "start": 2, "end": 8},
            {"id": "p9", "bias": "lex", "txt": "nowhere", "start": 0, "end": 3},
        ]})
    # tolerant key names in a second article, no annotation file for it
    _write_json(root / "articles" / "2016" / "def456_2.json", {
        "Source": "fox", "Title": "Second", "Date": "2016-02-01", "Triplet_UUID": "def456",
        "body_paragraphs": [["Only one sentence."]]})
    return root


def test_basil_text_offsets_and_title_layer(basil):
    with pytest.warns(FramingWarning) as rec:
        corpus, gold = load_basil(basil)
    messages = " ".join(str(w.message) for w in rec)
    assert "1 annotation(s) had offsets that did not match" in messages
    assert "1 annotation(s) could not be placed" in messages
    doc = corpus.set_index("id").loc["abc123_1"]
    assert doc["text"] == ("Officials in São Paulo unveiled a plan. Critics called it reckless."
                           "\n\nThe mayor, a self-styled reformer, shrugged. Voters will decide.")
    assert doc["outlet"] == "hpo" and doc["event"] == "abc123"
    assert doc["title"] == "A “bold” plan"
    assert doc["relative_stance"] == "Left" and doc["author_sentiment_obama"] == "positive"
    assert (doc["main_event"], doc["word_count"], doc["uuid"]) == ("budget", 31, "u-1")
    assert doc["ann_uuid"] == "a-9"  # an annotation field clashing with an article field
    assert corpus.set_index("id").loc["def456_2", "event"] == "def456"
    assert corpus.set_index("id").loc["def456_2", "outlet"] == "fox"
    body = gold[gold["layer"] == "bias"]
    assert_offsets(corpus, body)
    assert body["text"].tolist() == ["reckless", "a self-styled reformer"]
    assert body["label"].tolist() == ["lex", "inf"]
    assert body["sentence"].tolist() == [1, 2]
    assert body["speaker"].tolist()[0] == "critics"
    assert body["target"].tolist()[0] == "plan"
    assert "annotator_note" in gold.columns
    # title annotations: their own layer, offsets into the `title` column
    title = gold[gold["layer"] == "bias_title"]
    assert_offsets(corpus, title, source="title")
    assert title["text"].tolist() == ["“bold”"]
    assert set(gold["role"]) == {"span"}
    assert gold["ann_id"].tolist() == ["B1", "B2", "B3"]
    un = pd.DataFrame(gold.attrs["unmatched"])
    assert un["ann_id"].tolist() == ["B4"]
    assert "sentence p9 does not exist" in un["reason"].iloc[0]


def test_basil_errors(tmp_path):
    with pytest.raises(DataError, match=r"does not look like BASIL data: expected a BASIL "
                                        r"folder with articles/<year>/<triplet>_<n>\.json.*"
                                        r"found an empty folder"):
        load_basil(tmp_path)
    _write_json(tmp_path / "articles" / "2010" / "x_1.json", {"source": "nyt", "body": 3})
    with pytest.raises(DataError, match=r"x_1\.json: expected 'body-paragraphs', a list of "
                                        r"paragraphs"):
        load_basil(tmp_path)
    (tmp_path / "articles" / "2010" / "x_1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"x_1\.json: invalid JSON"):
        load_basil(tmp_path)


# ---------------------------------------------------------------------------------- PTC

PTC_A = ("Heroic leaders betray us\n\nThe corrupt elite — “traitors” all — lied again.\n"
         "We must act now.\n")
PTC_B = "A calm title\n\nNothing to see here, said the café owner.\n"


@pytest.fixture
def ptc(tmp_path):
    root = tmp_path / "datasets"
    (root / "train-articles").mkdir(parents=True)
    (root / "train-articles" / "article111.txt").write_text(PTC_A, encoding="utf-8")
    (root / "train-articles" / "article222.txt").write_text(PTC_B, encoding="utf-8")
    tc = root / "train-labels-task2-technique-classification"
    tc.mkdir()
    s1, s2 = span(PTC_A, "corrupt elite"), span(PTC_A, "“traitors”")
    s3 = span(PTC_A, "We must act now")
    (tc / "article111.task2-TC.labels").write_text(
        f"111\tLoaded_Language\t{s1[0]}\t{s1[1]}\n111\tName_Calling,Labeling\t{s2[0]}\t{s2[1]}\n"
        f"111\tSlogans\t{s3[0]}\t{s3[1]}\n", encoding="utf-8")
    (tc / "article222.task2-TC.labels").write_text("", encoding="utf-8")
    si = root / "train-labels-task1-span-identification"
    si.mkdir()
    (si / "article111.task1-SI.labels").write_text(f"111\t{s1[0]}\t{s1[1]}\n", encoding="utf-8")
    return root


def test_ptc_technique_labels(ptc):
    corpus, gold = load_ptc(ptc)
    assert corpus["id"].tolist() == ["111", "222"]
    assert set(corpus["outlet"]) == {"ptc"}
    assert corpus["title"].tolist() == ["Heroic leaders betray us", "A calm title"]
    assert corpus["text"].tolist() == [PTC_A, PTC_B]
    assert set(corpus["split"]) == {"train"}
    assert_offsets(corpus, gold)
    assert gold["label"].tolist() == ["Loaded_Language", "Name_Calling,Labeling", "Slogans"]
    assert gold["text"].tolist() == ["corrupt elite", "“traitors”", "We must act now"]
    assert set(gold["layer"]) == {"propaganda"} and set(gold["role"]) == {"span"}
    assert set(gold["task"]) == {"TC"}
    _, some = load_ptc(ptc, techniques=["loaded language", "Name_Calling,Labeling"])
    assert some["label"].tolist() == ["Loaded_Language", "Name_Calling,Labeling"]
    assert some["ann_id"].tolist() == ["P1", "P2"]
    _, slog = load_ptc(ptc, techniques="Slogans")
    assert slog["ann_id"].tolist() == ["P3"]  # ids do not depend on the filter
    with pytest.raises(DataError, match=r"techniques: \['Whataboutism'\] not in the labels; "
                                        r"the techniques present are \['Loaded_Language'"):
        load_ptc(ptc, techniques=["Whataboutism"])


def test_ptc_span_labels_and_single_file(ptc, tmp_path):
    import shutil

    shutil.rmtree(ptc / "train-labels-task2-technique-classification")
    corpus, gold = load_ptc(ptc)
    assert gold["label"].tolist() == ["propaganda"] and gold["text"].tolist() == ["corrupt elite"]
    assert set(gold["task"]) == {"SI"}
    with pytest.raises(DataError, match=r"needs technique labels \(task 2"):
        load_ptc(ptc, techniques=["Loaded_Language"])
    # the SemEval dev layout: dev-articles/ and one labels file for all articles
    root = tmp_path / "semeval"
    (root / "dev-articles").mkdir(parents=True)
    (root / "dev-articles" / "article7.txt").write_text(PTC_B, encoding="utf-8")
    s = span(PTC_B, "café owner")
    (root / "dev-task2-TC.labels").write_text(
        f"7\tLoaded_Language\t{s[0]}\t{s[1]}\n9\tDoubt\t0\t4\n", encoding="utf-8")
    with pytest.warns(FramingWarning, match="1 label"):
        corpus, gold = load_ptc(root)
    assert corpus["split"].tolist() == ["dev"]
    assert_offsets(corpus, gold)
    assert gold["text"].tolist() == ["café owner"]
    assert pd.DataFrame(gold.attrs["unmatched"])[["doc_id", "label"]].values.tolist() == [["9", "Doubt"]]
    # labels= points at a file explicitly
    with pytest.warns(FramingWarning, match="1 label"):
        _, g2 = load_ptc(root, labels=root / "dev-task2-TC.labels")
    assert g2["text"].tolist() == ["café owner"]


def test_ptc_errors(tmp_path, ptc):
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match=r"does not look like PTC data: expected "
                                        r"train-articles/ \(or <split>-articles/\) with "
                                        r"article<ID>\.txt files"):
        load_ptc(tmp_path)
    lab = ptc / "train-labels-task2-technique-classification" / "article222.task2-TC.labels"
    lab.write_text("222\tDoubt\t5\t999\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"article222\.task2-TC\.labels, line 1 \(article 222\): "
                                        r"span \[5, 999\) is out of range"):
        load_ptc(ptc)
    lab.write_text("222\tDoubt\t5\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 1: 3 tab-separated fields; expected 4"):
        load_ptc(ptc)
    lab.write_text("222\tDoubt\tfive\t9\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"start and end must be integers"):
        load_ptc(ptc)
    with pytest.raises(DataError, match=r"labels='nope\.labels': no such file"):
        load_ptc(ptc, labels="nope.labels")


# --------------------------------------------------------------------------------- BABE

BABE_CSV = (
    "\ufefftext;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
    "\"The radical plan, a Radical idea, passed.\";https://example.org/1;Outlet A;economy;left;"
    "Biased;Expresses writer’s opinion;['radical', 'Radical']\n"
    "\"Officials \"\"held\"\" talks in Zürich; nothing changed.\";https://example.org/2;Outlet B;"
    "world;right;Biased;Entirely factual;\"['\"\"held\"\"', 'disastrous']\"\n"
    "A plain sentence.;https://example.org/3;Outlet A;economy;;Non-biased;Entirely factual;[]\n"
    "\"The radical plan, a Radical idea, passed.\";https://example.org/4;Outlet C;economy;"
    "center;Biased;Entirely factual;['plan']\n"
)


@pytest.fixture
def babe_csv(tmp_path):
    p = tmp_path / "final_labels_SG2.csv"
    p.write_text(BABE_CSV, encoding="utf-8")
    return p


def test_babe_words_ids_and_duplicates(babe_csv):
    with pytest.warns(FramingWarning, match=r"1 listed biased word"):
        corpus, gold = load_babe(babe_csv)
    assert corpus["id"].tolist() == [f"babe-sg2-0000{i}" for i in range(1, 5)]
    assert corpus["outlet"].tolist() == ["Outlet A", "Outlet B", "Outlet A", "Outlet C"]
    assert corpus["url"].tolist()[0] == "https://example.org/1"
    assert corpus["label_bias"].tolist()[2] == "Non-biased"
    assert corpus["duplicate_of"].isna().tolist() == [True, True, True, False]
    assert corpus["duplicate_of"].iloc[3] == "babe-sg2-00001"
    assert_offsets(corpus, gold)
    first = gold[gold["doc_id"] == "babe-sg2-00001"]
    # every occurrence, case-insensitive, whole words; listed twice -> found once each
    assert first["text"].tolist() == ["radical", "Radical"]
    assert first["ann_id"].tolist() == ["W1", "W2"]
    second = gold[gold["doc_id"] == "babe-sg2-00002"]
    assert second["text"].tolist() == ["\"held\""]
    assert set(gold["layer"]) == {"biased_word"} and set(gold["role"]) == {"word"}
    assert set(gold["label"]) == {"biased"}
    assert pd.DataFrame(gold.attrs["unmatched"])[["doc_id", "word"]].values.tolist() == [
        ["babe-sg2-00002", "disastrous"]]
    # "plan" in row 4 must not match inside "planned" etc.; it matches the word only
    fourth = gold[gold["doc_id"] == "babe-sg2-00004"]
    assert fourth["text"].tolist() == ["plan"]


def test_babe_whole_words_only(tmp_path):
    p = tmp_path / "mbic.csv"
    p.write_text("sentence;outlet;Label_bias;biased_words4\n"
                 "Planned plans, not a plan.;X;Biased;['plan']\n", encoding="utf-8")
    corpus, gold = load_babe(p, id_prefix="mbic")
    assert corpus["id"].tolist() == ["mbic-00001"]
    assert gold[["start", "end"]].values.tolist() == [[21, 25]]


def test_babe_errors(tmp_path, babe_csv):
    bad = tmp_path / "bad.csv"
    bad.write_text("text;outlet;biased_words\nA b c.;X;__import__('os').getcwd()\n",
                   encoding="utf-8")
    with pytest.raises(DataError, match=r"data row 1 \(babe-bad-00001\), column "
                                        r"'biased_words': expected a list literal"):
        load_babe(bad)
    bad.write_text("text;outlet;biased_words\nA b c.;X;[1, 2]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"expected a list of strings"):
        load_babe(bad)
    bad.write_text("text,outlet,biased_words\nA,X,[]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"does not look like BABE/MBIC: missing column\(s\) "
                                        r"\['text \(or sentence\)', 'biased_words', 'outlet'\]"):
        load_babe(bad)
    with pytest.raises(DataError, match=r"is a folder; expected a BABE/MBIC CSV file"):
        load_babe(tmp_path)


# ---------------------------------------------------------------------------- gold JSONL

def _gold_fixture():
    corpus = pd.DataFrame({
        "id": ["d1", "d2", "d3"], "outlet": ["A", "B", "A"],
        "text": ["Zoë said “hi” 🙂 there.", "Nothing here.", "Tab\tand\r\nCRLF."],
        "date": ["2020-01-02", None, "2021-03-04"],
        "title": ["Ü", "T", None]})
    gold = pd.DataFrame({
        "doc_id": ["d1", "d1", "d3"], "ann_id": ["A1", "A1", "X"],
        "layer": ["attribution", "attribution", "misc"], "role": ["source", "content", "span"],
        "start": [0, 9, 3], "end": [3, 13, 10], "text": ["Zoë", "“hi”", "\tand\r\nC"],
        "label": ["quote_marks", "quote_marks", None], "annotator": ["me", "me", None],
        "note": ["first", None, "third"]})
    return corpus, gold


def test_gold_round_trip(tmp_path):
    from framing import validate_corpus

    corpus, gold = _gold_fixture()
    corpus = validate_corpus(corpus)
    for name in ("g.jsonl", "g.jsonl.gz"):
        path = write_gold(corpus, gold, tmp_path / name)
        c2, g2 = read_gold(path)
        pd.testing.assert_frame_equal(c2, corpus)
        assert list(g2.columns) == list(GOLD_COLUMNS) + ["note"]
        assert_offsets(c2, g2)
        pd.testing.assert_frame_equal(g2.astype(object).where(g2.notna(), None),
                                      gold.astype(object).where(gold.notna(), None))
    line = json.loads((tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["annotations"][0] == {"ann_id": "A1", "layer": "attribution", "role": "source",
                                      "start": 0, "end": 3, "text": "Zoë",
                                      "label": "quote_marks", "annotator": "me",
                                      "note": "first"}
    assert "status" not in line and line["date"] == "2020-01-02"


def test_gold_round_trip_of_a_loader(tmp_path, polnear_jsonl):
    with pytest.warns(FramingWarning):
        corpus, gold = load_polnear(polnear_jsonl)
    c2, g2 = read_gold(write_gold(corpus, gold, tmp_path / "p.jsonl"))
    pd.testing.assert_frame_equal(c2, corpus)
    pd.testing.assert_frame_equal(g2, gold)


def test_read_gold_defaults(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": 1, "outlet": "X", "text": "abc", "annotations": '
                 '[{"layer": "l", "start": 1, "end": 2}]}\n\n'
                 '{"id": 2, "outlet": "X", "text": "def"}\n', encoding="utf-8")
    corpus, gold = read_gold(p)
    assert corpus["id"].tolist() == ["1", "2"]
    assert gold[["doc_id", "ann_id", "role", "text"]].values.tolist() == [["1", "A1", "span", "b"]]
    assert gold["label"].isna().all()


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "outlet": "X"}', r"line 2: missing 'text'"),
    ('{"text": "abc"}', r"line 2: missing 'id'"),
    ('{"id": "a", "text": "abc", "annotations": [{"layer": "l", "start": 2, "end": 9}]}',
     r"line 2, annotation 1: span \[2, 9\) is out of range for a text of 3 characters"),
    ('{"id": "a", "text": "abc", "annotations": [{"layer": "l", "start": 2, "end": 1}]}',
     r"line 2, annotation 1: end 1 < start 2"),
    (json.dumps({"id": "a", "text": "abc",
                 "annotations": [{"layer": "l", "start": 0, "end": 2, "text": "bc"}]}),
     r"line 2, annotation 1: 'text' is 'bc' but the document reads 'ab' at \[0, 2\)"),
    ('{"id": "a", "text": "abc", "annotations": [{"start": 0, "end": 2}]}',
     r"line 2, annotation 1: missing 'layer'"),
    ('{"id": "a", "text": "abc", "annotations": [{"layer": "l", "start": "x", "end": 2}]}',
     r"line 2, annotation 1: 'start' must be an integer offset; got 'x'"),
    ('{"id": "a", "text": "abc", "annotations": {"layer": "l"}}',
     r"line 2: 'annotations' must be a list"),
    ('{"id": "a", "text": ', r"line 2: invalid JSON"),
    ('["a", "b"]', r"line 2: expected a JSON object"),
])
def test_read_gold_malformed(tmp_path, line, message):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "ok", "outlet": "X", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_gold(p)


def test_write_gold_errors(tmp_path):
    corpus, gold = _gold_fixture()
    with pytest.raises(DataError, match=r"gold has doc_id\(s\) not in the corpus: \['zz'\]"):
        write_gold(corpus, gold.assign(doc_id="zz"), tmp_path / "g.jsonl")
    with pytest.raises(DataError, match=r"gold is missing column\(s\) \['annotator'\]"):
        write_gold(corpus, gold.drop(columns="annotator"), tmp_path / "g.jsonl")
    with pytest.raises(DataError, match=r"span \[1, 3\) does not read 'Zoë'"):
        write_gold(corpus, gold.assign(start=[1, 9, 3], end=[3, 13, 10]), tmp_path / "g.jsonl")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_gold_round_trip_random(tmp_path, data):
    texts = data.draw(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=4))
    corpus = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "outlet": "X",
                           "text": texts})
    rows = []
    for i, t in enumerate(texts):
        for k in range(data.draw(st.integers(0, 3))):
            s = data.draw(st.integers(0, len(t)))
            e = data.draw(st.integers(s, len(t)))
            rows.append({"doc_id": f"d{i}", "ann_id": f"A{k}", "layer": "l", "role": "span",
                         "start": s, "end": e, "text": t[s:e], "label": "x", "annotator": "h"})
    gold = pd.DataFrame(rows, columns=list(GOLD_COLUMNS))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # empty texts are flagged
        c2, g2 = read_gold(write_gold(corpus, gold, tmp_path / "r.jsonl"))
    assert c2["text"].tolist() == texts
    assert g2[["doc_id", "start", "end", "text"]].values.tolist() == \
        gold[["doc_id", "start", "end", "text"]].values.tolist()
    assert_offsets(c2, g2)


# ------------------------------------------------------------------ real development data

@pytest.mark.devdata
def test_polnear_dev_real(shared_data):
    with pytest.warns(FramingWarning, match="1 attribution"):
        corpus, gold = load_polnear(shared_data / "polnear", split="dev")
    assert len(corpus) == 84
    attributions = gold.drop_duplicates(["doc_id", "ann_id"])
    assert len(attributions) + len(pd.DataFrame(gold.attrs["unmatched"])) == 2193
    assert (attributions["label"] == "quote_marks").sum() == 624
    assert_offsets(corpus, gold)
    assert set(corpus["split"]) == {"dev"}


@pytest.mark.devdata
def test_polnear_train_real(shared_data):
    with pytest.warns(FramingWarning):
        corpus, gold = load_polnear(shared_data / "polnear" / "train.jsonl")
    assert len(corpus) == 840
    assert_offsets(corpus, gold)


@pytest.mark.devdata
def test_ptc_real(shared_data):
    corpus, gold = load_ptc(shared_data / "ptc")
    assert len(corpus) == 371
    assert_offsets(corpus, gold)
    _, loaded = load_ptc(shared_data / "ptc",
                         techniques=["Loaded_Language", "Name_Calling,Labeling"])
    assert loaded["label"].value_counts().to_dict() == {
        "Loaded_Language": 2123, "Name_Calling,Labeling": 1058}


@pytest.mark.devdata
def test_babe_real(shared_data):
    with pytest.warns(FramingWarning, match="listed biased word"):
        corpus, gold = load_babe(shared_data / "babe" / "final_labels_SG2.csv")
    assert len(corpus) == 3674
    assert corpus["id"].is_unique
    assert_offsets(corpus, gold)
    # every listed word (once per sentence, ignoring case) is a gold row or reported unmatched
    import ast

    listed = {(i, w.strip().lower()) for i, cell in zip(corpus["id"], corpus["biased_words"])
              for w in ast.literal_eval(cell) if w.strip()}
    matched = set(zip(gold["doc_id"], gold["word"].str.strip().str.lower()))
    un = pd.DataFrame(gold.attrs["unmatched"])
    missed = set(zip(un["doc_id"], un["word"].str.strip().str.lower()))
    assert matched | missed == listed and not matched & missed
    assert len(missed) == 34
