"""Lexicons: shipped data carries provenance and licence; the rule syntax matches
morphological variants and multiword entries; user files load or fail with the line."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import DataError, ResourceNotFoundError
from framing.lexicons import list_lexicons, load_lexicon


def terms(lex, text):
    return [text[s:e] for s, e, *_ in lex.find(text)]


# ----------------------------------------------------------------------------- shipped data

def test_every_shipped_entry_has_provenance_and_licence():
    names = list_lexicons()["name"].tolist()
    assert {"labels", "distancing", "emotive", "speech-verbs", "vader"} <= set(names)
    for name in names:
        ent = load_lexicon(name).entries
        assert len(ent) > 0, name
        for col in ("entry", "category", "provenance", "licence"):
            blank = ent[col].isna() | (ent[col].astype(str).str.strip() == "")
            assert not blank.any(), (name, col, ent.loc[blank, "entry"].tolist()[:5])
        if name in ("labels", "distancing", "emotive"):
            assert (ent["rationale"].str.len() > 10).all(), name


def test_no_copyleft_licence_ships():
    for name in list_lexicons()["name"]:
        lic = " ".join(load_lexicon(name).entries["licence"].unique())
        assert "GPL" not in lic.upper(), name


def test_list_lexicons_columns_and_versions():
    table = list_lexicons()
    assert list(table.columns[:5]) == ["name", "version", "n_entries", "categories", "default"]
    assert {"licence", "provenance"} <= set(table.columns)
    assert (table["version"].str.len() > 0).all()
    assert table.set_index("name").loc["vader", "licence"] == "MIT"
    assert table.set_index("name").loc["labels", "n_entries"] > 100


def test_default_categories_and_loaded_verbs_come_from_the_verb_lexicon():
    lex = load_lexicon()
    assert {"label", "distancing", "emotive", "loaded_verb"} == lex.categories
    verbs = lex.entries[lex.entries["category"] == "loaded_verb"]
    assert {"claim", "slam"} <= set(verbs["entry"])
    assert (verbs["lexicon"].str.startswith("speech-verbs@")).all()
    assert "say" not in set(verbs["entry"])  # neutral verbs are not loaded


# ----------------------------------------------------------------------------- matching rules

@pytest.mark.parametrize("text,expected", [
    ("the militant fired", ["militant"]),
    ("the militants fired", ["militants"]),
    ("a so-called deal", ["so-called"]),
    ("a so called deal", ["so called"]),
    ("for what he called peace", ["what he called"]),
    ("for what she called peace", ["what she called"]),
    ("for what they called peace", ["what they called"]),
    ("for what Jens Stoltenberg called peace", ["what Jens Stoltenberg called"]),
    ("the Foreign-Sponsored war", ["Foreign-Sponsored"]),
    ("he was purportedly there", ["purportedly"]),
])
def test_variants_and_multiword_entries(text, expected):
    assert terms(load_lexicon(["labels", "distancing"]), text) == expected


def test_inflection_of_user_entries_and_rule_syntax():
    lex = load_lexicon({"category": "emotive", "entries": [
        "slam", "ally", "what {PRON} describe as", "kill*", "{rogue|pariah} state"]})
    assert terms(lex, "He slammed allies over what we described as a pariah state") == [
        "slammed", "allies", "what we described as", "pariah state"]
    assert terms(lex, "killers and killjoys; so, slam") == ["killers", "killjoys", "slam"]


def test_match_modes_exact_and_case():
    lex = load_lexicon(pd.DataFrame({
        "entry": ["IS", "regime"], "category": ["label", "label"], "match": ["case", "exact"]}))
    assert terms(lex, "IS fighters; it is the regime, not the regimes") == ["IS", "regime"]


def test_longest_match_wins_and_punctuation_breaks_multiword():
    lex = load_lexicon({"category": "label", "entries": ["puppet", "puppet regime"]})
    assert terms(lex, "a puppet regime") == ["puppet regime"]
    assert terms(lex, "a puppet, regime") == ["puppet"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["the", "regime", "so-called", "so", "called", "staunchly", ",", "Takfiri", "\n", "é",
     "İ", "militants", "what", "he", "2016", "’s"]), max_size=30))
def test_matches_are_sorted_disjoint_and_offset_true(words):
    text = " ".join(words)
    lex = load_lexicon()
    found = lex.find(text)
    last_end = 0
    for s, e, entry, cat, _lx in found:
        assert 0 <= s < e <= len(text) and s >= last_end
        assert text[s].isalpha() and text[e - 1].isalpha()
        last_end = e
    assert sum(1 for w in words if w == "staunchly") == sum(
        1 for f in found if f[2] == "staunchly")


# ----------------------------------------------------------------------------- user files

def test_user_csv_yaml_and_dic(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("# version: 2.1\n# licence: CC-BY-4.0\nentry,category,rationale\n"
                   "globalist,label,dog whistle\n", encoding="utf-8")
    lex = load_lexicon(csv)
    assert lex.entries.loc[0, ["licence", "lexicon"]].tolist() == ["CC-BY-4.0", "mine@2.1"]
    yml = tmp_path / "mine.yaml"
    yml.write_text("name: y\nversion: '3'\ncategories:\n  label: [globalist]\n"
                   "  emotive:\n    - entry: dreadful\n      rationale: strong\n",
                   encoding="utf-8")
    assert terms(load_lexicon(yml), "a dreadful globalist") == ["dreadful", "globalist"]
    dic = tmp_path / "liwc.dic"
    dic.write_text("%\n1\tnegemo\n2\tposemo\n%\nhate*\t1\nlove\t2\n", encoding="utf-8")
    liwc = load_lexicon(dic, categories={"negemo": "emotive"})
    assert liwc.categories == {"emotive"}
    assert terms(liwc, "hateful love") == ["hateful"]


def test_add_to_default_and_replace():
    base = load_lexicon()
    more = load_lexicon(add={"category": "label", "entries": ["globalist"]})
    assert len(more) == len(base) + 1
    assert more.find("the regime")[0][3] == "label"
    swapped = load_lexicon(add={"category": "emotive", "entries": ["regime"]}, replace=True)
    assert swapped.find("the regime")[0][3] == "emotive"
    kept = load_lexicon(add={"category": "emotive", "entries": ["regime"]})
    assert kept.find("the regime")[0][3] == "label"


@pytest.mark.parametrize("name,content,match", [
    ("bad.csv", "entry,category\nregime,label\nthugs,label,extra\n",
     r"bad\.csv, line 3: expected 2 fields"),
    ("nocat.csv", "entry,rationale\nregime,x\n", r"nocat\.csv, line 1: the header has no 'category'"),
    ("empty.csv", "entry,category\n,label\n", r"empty\.csv, line 2: empty entry"),
    ("slot.csv", "entry,category\nwhat {X Y} said,distancing\n", r"slot\.csv, line 2: .*bad slot"),
    ("bad.yaml", "name: x\nentries:\n  - entry: a\n    category: [unclosed\n",
     r"bad\.yaml, line \d+: invalid YAML"),
    ("nocat.yaml", "entries:\n  - regime\n  - thugs\n", r"nocat\.yaml, line 2: entry 'regime' has no category"),
    ("bad.dic", "%\n1\tnegemo\n%\nhate\t3\n", r"bad\.dic, line 4: category number 3 is not declared"),
    ("head.dic", "hate 1\n", r"head\.dic, line 1: a LIWC \.dic file starts with a '%'"),
])
def test_malformed_files_name_file_and_line(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=match):
        load_lexicon(path)


def test_unknown_lexicon_lists_the_available_ones():
    with pytest.raises(ResourceNotFoundError, match=r"no shipped lexicon named 'nope'.*labels"):
        load_lexicon("nope")
    with pytest.raises(TypeError, match="lexicon source must be"):
        load_lexicon(42)


def test_public_names():
    assert framing.load_lexicon is load_lexicon
    assert framing.list_lexicons is list_lexicons


def test_matching_whole_words_next_to_non_ascii_letters():
    # the fast ASCII vocabulary splits words at non-ASCII letters; a head word glued to
    # one ("terroristé") is not a whole word and must not match, while curly quotes and
    # apostrophes are separators ("terrorist’s")
    lex = load_lexicon(add={"category": "label", "entries": ["terrorist"]})
    assert [t for _s, _e, t, *_ in lex.find("Un terroristé ici.")] == []
    assert [t for _s, _e, t, *_ in lex.find("The “terrorist’s” plan")] == ["terrorist"]
    found = lex.find("Ça: so-called «regime» naïve")
    assert [t for _s, _e, t, *_ in found] == ["so-called", "regime"]


def test_v12_general_entries_and_unambiguous_forms():
    lex = load_lexicon()
    found = lex.find("A festering cesspool, a dreadfully duplicitous con artist, a train "
                     "wreck; they pounded and savaged him.")
    assert [(e, c) for _s, _e, e, c, _l in found] == [
        ("fester", "emotive"), ("cesspool", "emotive"), ("dreadfully", "emotive"),
        ("duplicitous", "emotive"), ("con artist", "label"), ("train wreck", "emotive"),
        ("pounded", "emotive"), ("savage", "label")]
    # ambiguous stems are entered only in their loaded forms; pruned entries stay out
    assert lex.find("It cost ten pounds; a huge scandal has been reported.") == []
    # loaded speech verbs stay with the verb lexicon (cue verbs), never emotive entries
    assert {c for _s, _e, _t, c, _l in lex.find("He slammed and ripped into them")} == {
        "loaded_verb"}


def test_multiword_heads_need_their_second_word():
    """A head word whose entries all need a second word is only searched when that word
    occurs in the text; the result is the same as without that shortcut."""
    lex = load_lexicon({"category": "emotive", "entries": ["house of cards", "train wreck",
                                                            "trainspotter"]})
    assert terms(lex, "The house fell; a train left; no cards.") == []
    assert terms(lex, "A house of cards and a train-wreck, not a train of wrecks.") == [
        "house of cards", "train-wreck"]
    assert terms(lex, "house of cardsé, house of cards") == ["house of cards"]
    assert terms(lex, "Trainspotter: train wreck") == ["Trainspotter", "train wreck"]


def test_a_used_compiled_lexicon_survives_pickling():
    # (analyze sends lexicons to worker processes; a matcher pickled after use once lost
    # its plain-word marker and matched an empty regex everywhere)
    import pickle

    comp, _ = load_lexicon().compiled()
    text = "The regime slammed the so-called rebels."
    before = comp.match(text)
    assert before
    assert pickle.loads(pickle.dumps(comp)).match(text) == before
