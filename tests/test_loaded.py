"""loaded_terms / find_loaded / loaded_rates / label_choice: gold cases on the seed article,
the voice split, scare quotes, rates and label choice."""
from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing import DataError, ResourceNotFoundError
from framing.loaded import LOADED_COLUMNS, find_loaded, label_choice, load_actors


@pytest.fixture(scope="module")
def seed_terms(seed_corpus):
    return framing.loaded_terms(seed_corpus)


def _row(terms, term):
    rows = terms[terms["term"] == term]
    assert len(rows) >= 1, f"{term!r} not found; found {terms['term'].tolist()}"
    return rows.iloc[0]


# ----------------------------------------------------------------------------- seed gold cases

@pytest.mark.parametrize("term,category", [
    ("purportedly", "distancing"),
    ("Daesh", "label"),
    ("Takfiri", "label"),
    ("what he called", "distancing"),
    ("staunchly", "emotive"),
    ("foreign-sponsored", "label"),
    ("reportedly", "distancing"),
])
def test_seed_reporter_voice(seed_terms, seed_text, term, category):
    row = _row(seed_terms, term)
    assert (row["category"], row["voice"]) == (category, "reporter")
    assert seed_text[row["start"]:row["end"]] == term
    assert pd.isna(row["speaker"])


@pytest.mark.parametrize("term,category", [("aggressor", "label"), ("coffins", "emotive")])
def test_seed_quoted_voice_of_al_muallem(seed_terms, term, category):
    row = _row(seed_terms, term)
    assert (row["category"], row["voice"]) == (category, "quoted")
    assert "Muallem" in row["speaker"]
    # "coffins" is a one-word partial quote WITH a speaker: a quote, not a scare quote
    assert not ((seed_terms["category"] == "scare_quote")
                & (seed_terms["term"].str.contains("coffins"))).any()


def test_seed_columns_offsets_and_sentences(seed_terms, seed_text):
    assert list(seed_terms.columns) == LOADED_COLUMNS
    assert (seed_terms["doc_id"] == "presstv-20160212-founding").all()
    for r in seed_terms.itertuples():
        assert seed_text[r.start:r.end] == r.term
    assert _row(seed_terms, "purportedly")["sentence"] == 0
    assert _row(seed_terms, "reportedly")["sentence"] == seed_terms["sentence"].max()
    assert _row(seed_terms, "Daesh")["lexicon"] == "labels@1.3"
    for r in seed_terms.itertuples():
        assert r.phrase_start <= r.start and r.end <= r.phrase_end


def test_seed_claimed_the_lives_is_not_a_loaded_verb(seed_terms, seed_text):
    # "... has reportedly claimed the lives of more than 470,000 people": not speech
    at = seed_text.index("claimed the lives")
    sent = seed_terms.loc[(seed_terms["start"] <= at) & (seed_terms["end"] > at)]
    assert sent.empty
    in_sentence = seed_terms[seed_terms["sentence"] == _row(seed_terms, "reportedly")["sentence"]]
    assert "loaded_verb" not in set(in_sentence["category"])
    assert in_sentence["term"].tolist() == ["foreign-sponsored", "reportedly"]


# ----------------------------------------------------------------------------- loaded verbs

CLAIM = "Senator Jo Smith claimed that the vaccine was unsafe. The war claimed many lives."


def test_loaded_verb_comes_from_the_quote_cue_verb():
    q = [{"kind": "indirect", "start": CLAIM.index("that"), "end": CLAIM.index(". The"),
          "speaker": "Jo Smith", "verb_start": 17, "verb_end": 24, "verb_class": "distancing"}]
    rows = find_loaded(CLAIM, quote_rows=q)
    assert [(r["term"], r["entry"], r["category"], r["voice"], r["speaker"], r["start"])
            for r in rows] == [("claimed", "claim", "loaded_verb", "reporter", "Jo Smith", 17)]
    # a neutral cue is not loaded; the same quotes without a verb give no loaded verb
    assert find_loaded(CLAIM, quote_rows=[{**q[0], "verb_class": "neutral"}]) == []
    assert find_loaded(CLAIM, quote_rows=[{k: v for k, v in q[0].items()
                                           if not k.startswith("verb")}]) == []
    # a class that the lexicon does not count as loaded (default: distancing, emotive)
    assert find_loaded(CLAIM, quote_rows=[{**q[0], "verb_class": "laudatory"}]) == []
    # no quote information at all (quote_rows=None): free lexicon matching of verbs,
    # which also finds the non-speech "claimed" of "claimed many lives"
    free = find_loaded(CLAIM)
    assert [(r["term"], r["speaker"]) for r in free] == [("claimed", None), ("claimed", None)]


def test_loaded_terms_claimed_that_with_computed_quotes():
    corpus = framing.read_corpus(pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": [CLAIM]}))
    t = framing.loaded_terms(corpus)
    verbs = t[t["category"] == "loaded_verb"]
    assert verbs[["term", "voice", "speaker", "start"]].values.tolist() == [
        ["claimed", "reporter", "Jo Smith", 17]]
    # quotes=False documents the fallback: every lexicon verb, speaker unknown
    t2 = framing.loaded_terms(corpus, quotes=False)
    assert t2.loc[t2["category"] == "loaded_verb", "start"].tolist() == [
        17, CLAIM.index("claimed many")]
    # a quotes table without rows for a document: no quotes, hence no loaded verbs
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=str), "kind": [], "start": [],
                          "end": []})
    assert "loaded_verb" not in set(framing.loaded_terms(corpus, quotes=empty)["category"])


# ----------------------------------------------------------------------------- voice split

TEXT = ('The regime attacked. "These thugs are brutal," Ali said. '
        'Ali said the so-called rebels were "heroes" of a "liberation".')


def _quote_rows():
    q1 = TEXT.index('"These')
    ind = TEXT.index("the so-called")
    scare = TEXT.index('"liberation"')
    return [
        {"kind": "direct", "start": q1, "end": TEXT.index(" Ali said."), "speaker": "Ali"},
        {"kind": "indirect", "start": ind, "end": len(TEXT) - 1, "speaker": "Ali"},
        {"kind": "partial", "start": TEXT.index('"heroes"'), "end": TEXT.index(" of a"),
         "speaker": "Ali"},
        {"kind": "scare", "start": scare, "end": scare + len('"liberation"'), "speaker": None},
    ]


def test_voice_split_with_every_category():
    rows = find_loaded(TEXT, quote_rows=_quote_rows())
    got = [(r["term"], r["category"], r["voice"], r["speaker"]) for r in rows]
    assert got == [
        ("regime", "label", "reporter", None),
        ("thugs", "label", "quoted", "Ali"),
        ("brutal", "emotive", "quoted", "Ali"),
        ("so-called", "distancing", "reporter", None),    # an indirect quote is paraphrase
        ("heroes", "emotive", "quoted", "Ali"),            # a partial quote with a speaker
        ('"liberation"', "scare_quote", "reporter", None),
    ]
    quoted = find_loaded(TEXT, quote_rows=_quote_rows(), indirect_voice="quoted")
    assert [r["voice"] for r in quoted if r["term"] == "so-called"] == ["quoted"]
    slam = find_loaded("Ali slammed the claims.")
    assert [(r["term"], r["category"]) for r in slam] == [
        ("slammed", "loaded_verb"), ("claims", "loaded_verb")]


def test_find_loaded_without_quotes_is_all_reporter_and_phrase_extent():
    text = "They faced fierce criticism from this regime."
    rows = find_loaded(text, extent="phrase")
    # an emotive match takes in the modifier before it (no POS tagger: "faced" too) and the
    # content words after it; a label takes in its determiner
    assert [(r["term"], r["voice"]) for r in rows] == [
        ("faced fierce criticism", "reporter"), ("this regime", "reporter")]
    # the default extent keeps the term in start/end and the phrase in phrase_start/_end
    words = find_loaded(text)
    assert [r["term"] for r in words] == ["fierce", "regime"]
    assert [text[r["phrase_start"]:r["phrase_end"]] for r in words] == [
        "faced fierce criticism", "this regime"]
    t2 = "It was a complete travesty of justice, and the habitual liar knew it."
    got = [t2[r["phrase_start"]:r["phrase_end"]] for r in find_loaded(t2)]
    assert got == ["a complete travesty of justice", "the habitual liar knew"]
    with pytest.raises(ValueError, match="extent must be 'word' or 'phrase'; got 'np'"):
        find_loaded("x", extent="np")
    with pytest.raises(ValueError, match="indirect_voice must be 'reporter' or 'quoted'"):
        find_loaded("x", indirect_voice="both")


def test_loaded_terms_with_given_quotes_table_and_custom_lexicon():
    corpus = framing.read_corpus(pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
                                               "text": [TEXT, "A globalist plot."]}))
    q = pd.DataFrame(_quote_rows()).assign(doc_id="a")
    t = framing.loaded_terms(corpus, quotes=q)
    assert t.loc[t["term"] == "thugs", "voice"].tolist() == ["quoted"]
    lex = framing.load_lexicon(add={"category": "label", "entries": ["globalist"]})
    t2 = framing.loaded_terms(corpus, quotes=False, lexicon=lex)
    assert t2.loc[t2["doc_id"] == "b", "term"].tolist() == ["globalist"]
    assert set(t2["voice"]) == {"reporter"}
    with pytest.raises(DataError, match=r"quotes is missing column\(s\) \['kind'"):
        framing.loaded_terms(corpus, quotes=q.drop(columns=["kind"]))


# ----------------------------------------------------------------------------- rates

def test_loaded_rates_per_thousand_tokens():
    corpus = framing.read_corpus(pd.DataFrame({
        "id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
        "text": ["The brutal regime fell.", "Calm day.", "Nothing here at all today."]}))
    r = framing.loaded_rates(corpus, by="outlet", quotes=False)
    x = r[(r["outlet"] == "X")].set_index(["category", "voice"])
    # X: 5 + 3 tokens, one emotive and one label match, both reporter voice
    assert x.loc[("emotive", "reporter"), ["n", "n_tokens"]].tolist() == [1, 8]
    assert x.loc[("all", "all"), "rate"] == pytest.approx(2 * 1000 / 8)
    assert x.loc[("label", "quoted"), "rate"] == 0
    y = r[(r["outlet"] == "Y") & (r["category"] == "all") & (r["voice"] == "all")]
    assert y["n"].tolist() == [0]
    terms = framing.loaded_terms(corpus, quotes=False)
    per_doc = framing.loaded_rates(terms)
    assert set(per_doc["doc_id"]) == {"a", "b", "c"}
    with pytest.raises(DataError, match="pass corpus=your_corpus"):
        framing.loaded_rates(terms, by="outlet")
    with pytest.raises(DataError, match=r"column\(s\) \['paper'\] are not in the corpus"):
        framing.loaded_rates(terms, corpus=corpus, by="paper")


# ----------------------------------------------------------------------------- label choice

def test_label_choice_on_seed(seed_corpus):
    lc = label_choice(seed_corpus, actors="syria")
    assert {"outlet", "actor", "label", "n", "share", "n_docs", "connotation"} <= set(lc.columns)
    isis = lc[lc["actor"] == "islamic-state"].set_index("label")
    assert isis.loc["Daesh", "n"] == 1 and isis.loc["Takfiri", "n"] == 1
    assert isis.loc["ISIS", "n"] == 0
    assert isis.loc["Daesh", "share"] == pytest.approx(0.5)
    opp = lc[lc["actor"] == "armed-opposition"].set_index("label")
    # "Daesh Takfiri militants" counts once, as Takfiri (the longer form "Takfiri militants")
    assert opp.loc["militants", "n"] == 2
    gov = lc[lc["actor"] == "syrian-government"].set_index("label")
    assert gov.loc["Damascus", "n"] == 2


def test_label_choice_user_dict_is_case_sensitive_for_acronyms():
    corpus = framing.read_corpus(pd.DataFrame({
        "id": ["1", "2"], "outlet": ["A", "B"],
        "text": ["IS fighters, it is said, met Daesh.", "Islamic State and ISIL."]}))
    actors = {"actors": {"is": {"labels": [
        "IS", "ISIL", {"label": "Islamic State", "connotation": "own name"}, "Daesh"]}}}
    lc = label_choice(corpus, actors=actors).set_index(["outlet", "label"])
    assert lc.loc[("A", "IS"), "n"] == 1
    assert lc.loc[("A", "Daesh"), "share"] == pytest.approx(0.5)
    assert lc.loc[("B", "Islamic State"), "connotation"] == "own name"
    assert lc.loc[("B", "IS"), "n"] == 0


def test_actor_sets_shipped_and_errors(tmp_path):
    for name in ("syria", "iran", "us-election-2016"):
        t = load_actors(name)
        assert len(t) > 10 and (t["connotation"].str.len() > 0).all()
        assert (t["provenance"].str.len() > 0).all()
    assert "martyr" in load_actors("iran")["label"].tolist()
    with pytest.raises(ResourceNotFoundError, match="Available: iran, syria"):
        load_actors("narnia")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  x: {labels: []}\n", encoding="utf-8")
    with pytest.raises(DataError, match="actor 'x' needs a non-empty 'labels' list"):
        load_actors(bad)
    bad.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.yaml, line \d+: invalid YAML"):
        load_actors(bad)
