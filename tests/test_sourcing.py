"""framing.sourcing: seed gold, one gold case per resolution/attribute rule, balance, invariants."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing._errors import DataError, FramingWarning
from framing.sourcing import (
    SOURCE_COLUMNS,
    attribution_asymmetry,
    balance,
    load_actor_map,
    resolve_sources,
)

SEED_TABLE = {
    # source: (country, role, gender by default, affiliated_with)
    "Ashton Carter": ("United States", "official", "male", None),
    "Jens Stoltenberg": ("international", "official", "male", None),
    "Peter Cook": ("United States", "official", "male", "Ashton Carter"),
    "Dmitry Medvedev": ("Russia", "official", "male", None),
    "Walid al-Muallem": ("Syria", "official", "male", None),
}
#: where each gender comes from: the text where it says, else the people table
SEED_GENDER_SOURCE = {"Ashton Carter": "people_table", "Jens Stoltenberg": "pronoun",
                      "Peter Cook": "title", "Dmitry Medvedev": "people_table",
                      "Walid al-Muallem": "people_table"}
SEED_ACTORS = {
    "Ashton Carter": {"side": "coalition", "gender": "male"},
    "Jens Stoltenberg": {"side": "coalition", "gender": "male"},
    "Dmitry Medvedev": {"side": "russia-syria", "gender": "male"},
    "Walid al-Muallem": {"side": "russia-syria", "gender": "male"},
}


def q(text, kind, content, speaker, mention, verb_class="neutral", near=None):
    """A quote row built from strings of ``text`` (offsets found, never typed)."""
    s = text.index(content)
    occ = [i for i in range(len(text)) if text.startswith(mention, i)]
    ms = min(occ, key=lambda o: abs(o - (s if near is None else near)))
    return {"kind": kind, "start": s, "end": s + len(content), "text": content,
            "speaker": speaker, "speaker_mention": mention, "speaker_start": ms,
            "speaker_end": ms + len(mention), "verb": None, "verb_class": verb_class}


def seed_gold_quotes(t):
    return [
        q(t, "indirect", "the NATO military alliance may join a coalition", "Ashton Carter",
          "Ashton Carter"),
        q(t, "direct", "“Thanks to the leadership of NATO Jens Stoltenberg we are exploring",
          "Ashton Carter", "Carter", near=t.index("Carter said")),
        q(t, "indirect", "NATO had deployed three military vessels", "Jens Stoltenberg",
          "Stoltenberg", near=t.index("Stoltenberg said")),
        q(t, "direct", "“This is about helping Greece", "Jens Stoltenberg", "he",
          near=t.index("he said")),
        q(t, "indirect", "Saudi Arabia proposed to expand its role", "Peter Cook",
          "Peter Cook"),
        q(t, "indirect", "to deploy special forces to Syria", "Riyadh", "Riyadh"),
        q(t, "indirect", "the deployment plan", "United States", "The United States",
          verb_class="laudatory"),
        q(t, "mixed", "the involvement of foreign troops in Syria", "Dmitry Medvedev",
          "Dmitry Medvedev", verb_class="warning"),
        q(t, "mixed", "his country would send any aggressor home", "Walid al-Muallem",
          "Walid al-Muallem", verb_class="commitment"),
    ]


def by_source(rows):
    return {r["source"]: r for r in rows}


# ----------------------------------------------------------------------------- seed


def test_seed_gold_quotes_give_exactly_five_person_sources(seed_text):
    rows = resolve_sources(seed_text, seed_gold_quotes(seed_text))
    persons = [r for r in rows if r["source_type"] == "person"]
    assert [r["source"] for r in persons] == list(SEED_TABLE)
    for r in persons:
        country, role, gender, aff = SEED_TABLE[r["source"]]
        assert (r["country"], r["role"], r["gender"], r["affiliated_with"]) == \
            (country, role, gender, aff), r["source"]
    got = by_source(rows)
    assert {n: got[n]["gender_source"] for n in SEED_TABLE} == SEED_GENDER_SOURCE
    # role and country are stated by the text; the spokesman's come from his principal
    assert (got["Peter Cook"]["role_source"], got["Peter Cook"]["country_source"]) == \
        ("affiliation", "affiliation")
    others = [n for n in SEED_TABLE if n != "Peter Cook"]
    assert {(got[n]["role_source"], got[n]["country_source"]) for n in others} == \
        {("text", "text")}
    assert got["Jens Stoltenberg"]["organization"] == "NATO"
    assert got["Peter Cook"]["title"] == "spokesman"
    assert got["Ashton Carter"]["n_quotes"] == 2
    assert got["Ashton Carter"]["mentions"] == 4
    # institutions that "expressed readiness" / "praised" are non-person sources
    assert got["Riyadh"]["source_type"] == "institution"
    assert got["Riyadh"]["country"] == "Saudi Arabia"
    assert got["United States"]["source_type"] == "institution"


def test_seed_without_people_table_carter_and_medvedev_are_unknown(seed_text):
    rows = by_source(resolve_sources(seed_text, seed_gold_quotes(seed_text), people=False))
    got = {n: (rows[n]["gender"], rows[n]["gender_source"]) for n in SEED_TABLE}
    assert got == {"Ashton Carter": ("unknown", None), "Jens Stoltenberg": ("male", "pronoun"),
                   "Peter Cook": ("male", "title"), "Dmitry Medvedev": ("unknown", None),
                   "Walid al-Muallem": ("male", "context")}


def test_seed_with_actor_map_all_male_and_sides(seed_text):
    rows = by_source(resolve_sources(seed_text, seed_gold_quotes(seed_text),
                                     actors=SEED_ACTORS))
    for name in SEED_TABLE:
        assert rows[name]["gender"] == "male"
    assert rows["Ashton Carter"]["gender_source"] == "actor_map"
    assert rows["Dmitry Medvedev"]["side"] == "russia-syria"
    # the spokesman inherits his principal's side
    assert rows["Peter Cook"]["side"] == "coalition"


def test_seed_real_quotes_and_balance(seed_corpus):
    src = framing.sources(seed_corpus)
    assert list(src.columns) == SOURCE_COLUMNS
    persons = src[src["source_type"] == "person"]
    assert sorted(persons["source"]) == sorted(SEED_TABLE)
    for r in persons.itertuples():
        country, role, gender, _ = SEED_TABLE[r.source]
        assert (r.country, r.role, r.gender) == (country, role, gender), r.source
    assert set(src.loc[src["source_type"] != "person", "source_type"]) <= {"institution"}
    with pytest.warns(FramingWarning, match="fewer than min_group=10"):
        b = framing.balance(src, dimension="country")
    us = b.set_index("category").loc["United States"]
    assert (us["n_sources"], b["n_sources"].sum()) == (2, 5)
    assert us["share_sources"] == pytest.approx(0.4)


# ----------------------------------------------------------------------------- resolution


def test_rule1_surname_joins_full_name_from_quotes_and_text():
    t = "Senator Jane Roe said the bill fails. Roe added that it was late."
    rows = resolve_sources(t, [q(t, "indirect", "the bill fails", "Jane Roe", "Senator Jane Roe"),
                               q(t, "indirect", "it was late", "Roe", "Roe")])
    assert [(r["source"], r["n_quotes"]) for r in rows] == [("Jane Roe", 2)]
    t2 = "Jane Roe met voters. Later Roe said it was late."
    rows = resolve_sources(t2, [q(t2, "indirect", "it was late", "Roe", "Roe")])
    assert rows[0]["source"] == "Jane Roe"


def test_rule1_same_surname_different_person_is_not_merged():
    t = "Hillary Clinton said the plan works. Bill Clinton was there. Clinton said more."
    rows = resolve_sources(t, [q(t, "indirect", "the plan works", "Hillary Clinton",
                                 "Hillary Clinton")])
    assert rows[0]["mentions"] == 2          # "Hillary Clinton" and "Clinton", not "Bill Clinton"


def test_rule2_unresolved_pronoun_joins_preceding_person():
    t = "Mr. Smith arrived. “We will win,” he said."
    rows = resolve_sources(t, [q(t, "direct", "“We will win,”", "John Smith", "Mr. Smith"),
                               q(t, "direct", "We will", None, "he", near=t.index("he said"))])
    assert len(rows) == 1 and rows[0]["n_quotes"] == 2


def test_rule3_titled_mention_joins_the_titled_person():
    t = ("US Defense Secretary Ashton Carter spoke. Later, the defense secretary said "
         "the war was long.")
    rows = resolve_sources(t, [
        q(t, "indirect", "spoke", "Ashton Carter", "Ashton Carter"),
        q(t, "indirect", "the war was long", None, "the defense secretary")])
    assert [(r["source"], r["n_quotes"]) for r in rows] == [("Ashton Carter", 2)]


def test_rule4_possessive_spokesperson_chain_is_a_separate_affiliated_source():
    t = "Syrian Foreign Minister Walid al-Muallem spoke. Muallem’s spokesman said it was over."
    rows = by_source(resolve_sources(t, [
        q(t, "indirect", "spoke", "Walid al-Muallem", "Walid al-Muallem"),
        q(t, "indirect", "it was over", None, "Muallem’s spokesman")]))
    sp = rows["Muallem’s spokesman"]
    assert sp["source_type"] == "unnamed"
    assert (sp["affiliated_with"], sp["country"], sp["role"], sp["gender"]) == \
        ("Walid al-Muallem", "Syria", "official", "male")


def test_rule5_unnamed_officials_are_anonymous_with_country():
    t = "U.S. officials said the strike was legal."
    rows = resolve_sources(t, [q(t, "indirect", "the strike was legal", None, "U.S. officials")])
    assert (rows[0]["source"], rows[0]["source_type"], rows[0]["role"], rows[0]["country"]) == \
        ("U.S. officials", "unnamed", "anonymous", "United States")


def test_rule6_institutions():
    t = "The Kremlin said talks were over. Riyadh has expressed readiness to help."
    rows = by_source(resolve_sources(t, [
        q(t, "indirect", "talks were over", None, "The Kremlin"),
        q(t, "indirect", "to help", "Riyadh", "Riyadh")]))
    assert rows["Kremlin"]["source_type"] == "institution"
    assert rows["Kremlin"]["country"] == "Russia"
    assert rows["Riyadh"]["country"] == "Saudi Arabia"
    assert rows["Riyadh"]["gender"] == "unknown"


# ----------------------------------------------------------------------------- attributes


def _one(t, name, mention=None, content=None):
    content = content or t.split(" said ")[-1].rstrip(".")
    return resolve_sources(t, [q(t, "indirect", content, name, mention or name)])[0]


def test_attr_left_title_demonym():
    r = _one("Russian Prime Minister Dmitry Medvedev said war looms.", "Dmitry Medvedev")
    assert (r["role"], r["country"], r["title"]) == ("official", "Russia", "Prime Minister")


def test_attr_appositive_with_organisation():
    r = _one("Jane Doe, a professor at Harvard University, said the data are weak.", "Jane Doe")
    assert (r["role"], r["organization"], r["country"]) == ("expert", "Harvard University",
                                                            "United States")


def test_attr_title_defers_to_organisation():
    r = _one("NAACP President Derrick Johnson said the vote matters.", "Derrick Johnson")
    assert (r["role"], r["organization"]) == ("civil_society", "NAACP")


def test_attr_organisation_prefix_and_international():
    r = _one("NATO Secretary General Jens Stoltenberg said ships were sent.", "Jens Stoltenberg")
    assert (r["role"], r["organization"], r["country"]) == ("official", "NATO", "international")


def test_attr_party_state_parenthetical():
    # "(R-Texas)" labels a US legislator: an office holder (official) of a party
    r = _one("Ted Cruz (R-Texas) said the deal is bad.", "Ted Cruz")
    assert (r["organization"], r["role"], r["country"]) == ("Republican Party", "official",
                                                            "United States")
    # a title still wins over the tag
    r = _one("Campaign manager Ted Cruz (R-Texas) said the deal is bad.", "Ted Cruz")
    assert r["role"] == "political"


def test_attr_city_gives_country_and_headline_fragment_is_dropped():
    text = ("Tulsa police Chief Chuck Jordan said the case is open.")
    r = _one(text, "Chuck Jordan")
    assert (r["role"], r["country"]) == ("official", "United States")
    # a city is never a speaker of its own (only read inside phrases)
    text = "Stealth Over Health: Bad Optics.\n\nThe campaign said nothing else."
    q = [{"kind": "indirect", "start": 21, "end": 31, "text": "Bad Optics",
          "speaker": "Stealth Over Health", "speaker_mention": "Stealth Over Health",
          "speaker_start": 0, "speaker_end": 19, "verb_class": "neutral"}]
    assert resolve_sources(text, q) == []


def test_resolve_bare_given_name_and_family_name_first():
    text = ("Loretta E. Lynch said the case is closed. Later Loretta said more. "
            "Ban Ki-moon said the talks go on. Mr. Ban said it again.")
    qs = []
    for name, sub in [("Loretta E. Lynch", "the case is closed"), ("Loretta", "more"),
                      ("Ban Ki-moon", "the talks go on"), ("Ban", "it again")]:
        s0 = text.index(sub)
        m0 = text.index(name, max(0, s0 - 40))
        qs.append({"kind": "indirect", "start": s0, "end": s0 + len(sub), "text": sub,
                   "speaker": name, "speaker_mention": name, "speaker_start": m0,
                   "speaker_end": m0 + len(name), "verb_class": "neutral"})
    got = {r["source"]: r["n_quotes"] for r in resolve_sources(text, qs)}
    assert got == {"Loretta E. Lynch": 2, "Ban Ki-moon": 2}


def test_attr_political_title_and_media_possessive():
    r = _one("Republican presidential nominee Donald Trump said he would win.", "Donald Trump")
    assert r["role"] == "political"
    r = _one("CNN’s Jake Tapper said the race is close.", "Jake Tapper")
    assert (r["role"], r["organization"]) == ("media", "CNN")


def test_attr_preposition_place_is_not_a_title():
    r = _one("In Syria Stoltenberg said ships were sent.", "Stoltenberg")
    assert (r["country"], r["role"]) == ("unknown", "unknown")


def test_attr_unknown_when_text_does_not_say():
    r = _one("Jane Doe said the plan works.", "Jane Doe")
    assert (r["role"], r["country"], r["gender"], r["organization"]) == \
        ("unknown", "unknown", "unknown", None)


def test_gender_honorific_title_pronoun_and_conflict():
    assert _one("Ms. Roe said the plan works.", "Roe", "Ms. Roe")["gender"] == "female"
    r = _one("The spokeswoman, Ann Lee, said the plan works.", "Ann Lee")
    assert r["gender"] in ("female", "unknown")
    r = _one("Ann Lee, a spokeswoman, said the plan works.", "Ann Lee")
    assert (r["gender"], r["gender_source"]) == ("female", "title")
    # the pronoun after another name is not evidence
    r = _one("Ann Lee said Bob Hart lost his seat.", "Ann Lee", content="Bob Hart lost his seat")
    assert r["gender"] == "unknown"
    # conflicting evidence: unknown
    t = "Mr. Lee said it works. Ms. Lee said it works again."
    r = resolve_sources(t, [q(t, "indirect", "it works", "Lee", "Mr. Lee"),
                            q(t, "indirect", "it works again", "Lee", "Ms. Lee")])[0]
    assert r["gender"] == "unknown"


def test_rule0_speaker_names_are_cleaned():
    t = "Critics praised Obama. Trump said it was bad. Machado on Friday said it was fine."
    rows = by_source(resolve_sources(t, [
        q(t, "indirect", "it was bad", "Obama. Trump", "Obama. Trump"),
        q(t, "indirect", "it was fine", "Machado on Friday", "Machado on Friday")]))
    assert set(rows) == {"Trump", "Machado"}
    t2 = "Donald Trump’s aide left. Donald Trump said it was over."
    rows = resolve_sources(t2, [q(t2, "indirect", "it was over", "Donald Trump’s",
                                  "Donald Trump’s", near=t2.index("said") - 13)])
    assert rows[0]["source"] == "Donald Trump"


def test_rule1_ambiguous_surname_stays_bare_unless_the_text_decides():
    t = "Hillary Clinton and Bill Clinton arrived. Clinton said it was late."
    quote = q(t, "indirect", "it was late", "Bill Clinton", "Clinton", near=t.index("Clinton said"))
    rows = resolve_sources(t, [quote])
    # the quotes stage picked a full name, but the article names two Clintons
    assert (rows[0]["source"], rows[0]["gender"]) == ("Clinton", "unknown")
    t2 = "Hillary Clinton and Bill Clinton arrived. Mrs. Clinton said it was late."
    rows = resolve_sources(t2, [q(t2, "indirect", "it was late", "Clinton", "Mrs. Clinton")])
    assert (rows[0]["source"], rows[0]["gender"]) == ("Hillary Clinton", "female")


def test_rule1_bare_surname_of_a_well_known_person():
    t = "Mr. Obama said the plan works."
    rows = resolve_sources(t, [q(t, "indirect", "the plan works", "Obama", "Mr. Obama")])
    assert (rows[0]["source"], rows[0]["country"], rows[0]["country_source"]) == \
        ("Barack Obama", "United States", "people_table")
    t2 = "President Obama said the plan works."
    rows = resolve_sources(t2, [q(t2, "indirect", "the plan works", "Obama", "President Obama")],
                           date="2016-05-01")
    assert rows[0]["source"] == "Barack Obama"
    # no gender, no date: Barack or Michelle? left as the text says
    rows = resolve_sources(t2, [q(t2, "indirect", "the plan works", "Obama", "President Obama")])
    assert rows[0]["source"] == "Obama"


def test_rule1_common_word_is_not_a_person():
    t = "Video shows the car. Video said nothing, the video was short."
    rows = resolve_sources(t, [q(t, "indirect", "nothing", "Video", "Video")])
    assert rows == []


def test_rule3_abbreviated_title_joins_the_person():
    t = "Sen. Ted Cruz spoke first. The senator said the deal was bad."
    rows = resolve_sources(t, [q(t, "indirect", "spoke first", "Ted Cruz", "Sen. Ted Cruz"),
                               q(t, "indirect", "the deal was bad", None, "The senator")])
    assert [(r["source"], r["n_quotes"], r["role"]) for r in rows] == \
        [("Ted Cruz", 2, "official")]


def test_rule4_spokesperson_for_a_well_known_principal():
    t = "A spokeswoman for Hillary Clinton said the claim was false."
    r = resolve_sources(t, [q(t, "indirect", "the claim was false", None,
                              "A spokeswoman for Hillary Clinton")], date="2016-09-30")[0]
    assert (r["affiliated_with"], r["role"], r["country"], r["gender"], r["role_source"]) == \
        ("Hillary Clinton", "political", "United States", "female", "affiliation")
    # with no principal, an unnamed spokesman is an anonymous source
    t2 = "A spokesman said the claim was false."
    r = resolve_sources(t2, [q(t2, "indirect", "the claim was false", None, "A spokesman")])[0]
    assert (r["role"], r["gender"]) == ("anonymous", "male")


def test_rule5_non_voices_are_left_out_and_topics_are_not_countries():
    t = ("The conflict in Syria has claimed the lives of many. A poll found support. "
         "Experts on North Korea said tests would go on. Many Mexicans said it hurt.")
    rows = by_source(resolve_sources(t, [
        q(t, "indirect", "the lives of many", "The conflict in Syria", "The conflict in Syria"),
        q(t, "indirect", "support", None, "A poll"),
        q(t, "indirect", "tests would go on", None, "Experts on North Korea"),
        q(t, "indirect", "it hurt", "Mexicans", "Many Mexicans")]))
    assert set(rows) == {"Experts on North Korea", "Mexicans"}
    assert (rows["Experts on North Korea"]["role"],
            rows["Experts on North Korea"]["country"]) == ("expert", "unknown")
    assert (rows["Mexicans"]["source_type"], rows["Mexicans"]["country"]) == \
        ("unnamed", "Mexico")


def test_rule6_institution_headed_names():
    t = "The Republican National Committee said the ad was fair."
    r = resolve_sources(t, [q(t, "indirect", "the ad was fair", "National Committee",
                              "National Committee")])[0]
    assert r["source_type"] == "institution"


def test_rule4_possessive_pronoun_principal_and_unnamed_source_phrase():
    t = "Senator Tom Hale spoke. His aides said the vote was close. A source said no."
    rows = by_source(resolve_sources(t, [
        q(t, "indirect", "spoke", "Tom Hale", "Senator Tom Hale"),
        q(t, "indirect", "the vote was close", None, "His aides"),
        q(t, "indirect", "no", None, "A source", near=t.index("A source"))]))
    aides = rows["His aides"]
    assert (aides["affiliated_with"], aides["role"]) == ("Tom Hale", "official")
    assert rows["source"]["role"] == "anonymous"
    # "the source" later still reads as the source introduced by "a source"
    t2 = "A source said yes. The source added no."
    r = resolve_sources(t2, [q(t2, "indirect", "yes", None, "A source"),
                             q(t2, "indirect", "no", None, "The source")])
    assert [(x["source"], x["n_quotes"], x["role"]) for x in r] == [("source", 2, "anonymous")]


def test_rule0_headline_words_particles_truncated_orgs_and_adverbs():
    t = "Paper Slams Jane Roe Over Plan.\n\nLater Roe said the plan works."
    quote = q(t, "indirect", "the plan works", "Paper Slams Jane Roe", "Roe",
              near=t.index("Roe said"))
    assert [r["source"] for r in resolve_sources(t, [quote])] == ["Jane Roe"]
    t = "Mayor Bill de Blasio spoke. De Blasio said it was safe."
    rows = resolve_sources(t, [
        q(t, "indirect", "spoke", "Bill de Blasio", "Mayor Bill de Blasio"),
        q(t, "indirect", "it was safe", "De Blasio", "De Blasio")])
    assert [(r["source"], r["n_quotes"]) for r in rows] == [("Bill de Blasio", 2)]
    t = "A New York Times article ran. Times said the loss was large."
    rows = resolve_sources(t, [q(t, "indirect", "the loss was large", "Times", "Times")])
    assert [(r["source"], r["source_type"], r["role"]) for r in rows] == \
        [("New York Times", "institution", "media")]
    t = "The group met. Recently, it said the plan works."
    assert resolve_sources(t, [q(t, "indirect", "the plan works", "Recently",
                                 "Recently")]) == []


def test_attr_place_after_name_and_who_served_as():
    r = _one("Rep. Elijah Cummings of Maryland said the vote was wrong.", "Elijah Cummings")
    assert (r["role"], r["country"]) == ("official", "United States")
    t = "Derek Mitchell, who served as U.S. ambassador to Burma, said the talks worked."
    r = resolve_sources(t, [q(t, "indirect", "the talks worked", "Derek Mitchell",
                              "Derek Mitchell")], people=False)[0]
    assert (r["role"], r["country"], r["title"]) == ("official", "United States", "ambassador")


def test_attr_country_from_a_us_state():
    t = "Connecticut’s tax commissioner said no one leaked the file."
    r = resolve_sources(t, [q(t, "indirect", "no one leaked the file", None,
                              "Connecticut’s tax commissioner")])[0]
    assert (r["role"], r["country"]) == ("official", "United States")


def test_gender_context_ignores_pronouns_inside_quotations():
    t = 'Aaron Kall said, "I feel like he has a plan up his sleeve."'
    r = resolve_sources(t, [q(t, "direct", '"I feel like he has a plan up his sleeve."',
                              "Aaron Kall", "Aaron Kall")])[0]
    assert r["gender"] == "unknown"


# ----------------------------------------------------------------------------- people table


def test_people_table_fills_what_the_text_leaves_unknown():
    t = "Hillary Clinton said the plan works."
    r = _one(t, "Hillary Clinton")
    assert (r["gender"], r["gender_source"], r["country"], r["country_source"]) == \
        ("female", "people_table", "United States", "people_table")
    assert _one(t, "Hillary Clinton") == resolve_sources(
        t, [q(t, "indirect", "the plan works", "Hillary Clinton", "Hillary Clinton")],
        people=True)[0]
    r = resolve_sources(t, [q(t, "indirect", "the plan works", "Hillary Clinton",
                              "Hillary Clinton")], people=False)[0]
    assert (r["gender"], r["country"], r["role"]) == ("unknown", "unknown", "unknown")


def test_people_table_roles_follow_the_date_and_the_text_wins():
    t = "Donald Trump said the plan works."
    rows = [q(t, "indirect", "the plan works", "Donald Trump", "Donald Trump")]
    assert resolve_sources(t, rows, date="2016-09-01")[0]["role"] == "political"
    assert resolve_sources(t, rows, date="2018-01-01")[0]["role"] == "official"
    # his role changed: without a date the table does not say
    r = resolve_sources(t, rows)[0]
    assert (r["role"], r["role_source"], r["gender"]) == ("unknown", None, "male")
    t2 = "Republican presidential nominee Donald Trump said the plan works."
    r = resolve_sources(t2, [q(t2, "indirect", "the plan works", "Donald Trump",
                               "Donald Trump")], date="2018-01-01")[0]
    assert (r["role"], r["role_source"]) == ("political", "text")


def test_people_table_text_pronoun_wins():
    t = "Jens Stoltenberg arrived. “We act,” she said."
    rows = [q(t, "direct", "“We act,”", "Jens Stoltenberg", "she", near=t.index("she"))]
    r = resolve_sources(t, rows)[0]
    assert (r["gender"], r["gender_source"]) == ("female", "pronoun")


def test_people_table_file():
    import csv
    from importlib import resources

    from framing._source_attrs import ROLES, people

    src = resources.files("framing.data").joinpath("sources", "people.csv")
    with src.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))
    assert list(rows[0]) == ["name", "aliases", "gender", "role", "role_periods",
                             "organization", "country", "provenance", "licence", "version"]
    assert len(rows) >= 80
    assert {r["licence"] for r in rows} == {"CC0-1.0"}
    assert {r["gender"] for r in rows} <= {"female", "male"}
    assert {r["role"] for r in rows} <= set(ROLES) | {""}
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    table = people()
    for name in ("Ashton Carter", "Dmitry Medvedev", "Qasem Soleimani", "Mike Pence"):
        assert table[name.lower()]["gender"] == "male"
    assert table["ash carter"]["name"] == "Ashton Carter"       # aliases, '|'-separated


def test_first_names_only_when_asked():
    t = "Jane Roe said the plan works."
    rows = [q(t, "indirect", "the plan works", "Jane Roe", "Jane Roe")]
    assert resolve_sources(t, rows)[0]["gender"] == "unknown"
    r = resolve_sources(t, rows, use_first_names=True)[0]
    assert (r["gender"], r["gender_source"]) == ("female", "first_name")
    # text evidence still wins
    t2 = "Jane Roe said the plan works. He left."
    rows2 = [q(t2, "indirect", "the plan works", "Jane Roe", "Jane Roe")]
    rows2.append(q(t2, "indirect", "left", "Jane Roe", "He", near=t2.index("He")))
    assert resolve_sources(t2, rows2, use_first_names=True)[0]["gender_source"] == "pronoun"


_NAMEISH = st.text(alphabet=st.sampled_from(list("AaBbCcJjMmRrTt .’'-,")), max_size=24)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_NAMEISH, _NAMEISH, st.sampled_from(
    ["direct", "indirect", "mixed", "scare"])), max_size=8),
    st.text(alphabet=st.sampled_from(list("Ab Mr.Jan Roe Clint’s,\n“”")), max_size=200))
def test_resolve_sources_never_fails_and_is_consistent(specs, text):
    rows = []
    for i, (spk, men, kind) in enumerate(specs):
        s = min(i * 7, len(text))
        rows.append({"kind": kind, "start": s, "end": s, "text": text[s:s + 5],
                     "speaker": spk or None, "speaker_mention": men or None,
                     "speaker_start": s, "speaker_end": s + 1, "verb_class": "neutral"})
    out = resolve_sources(text, rows)
    assert [r["first_position"] for r in out] == list(range(1, len(out) + 1))
    assert sum(r["n_quotes"] for r in out) <= sum(k != "scare" for _, _, k in specs)
    for r in out:
        assert r["gender"] in ("female", "male", "unknown")
        assert r["n_direct"] + r["n_indirect"] <= r["n_quotes"]


# ----------------------------------------------------------------------------- actor map


def test_load_actor_map_yaml_csv_and_errors(tmp_path):
    y = tmp_path / "a.yaml"
    y.write_text("- name: Ashton Carter\n  aliases: [Ash Carter]\n  side: coalition\n"
                 "  gender: male\n", encoding="utf-8")
    m = load_actor_map(y)
    assert m.loc[0, "aliases"] == ["Ash Carter"] and m.loc[0, "side"] == "coalition"
    c = tmp_path / "a.csv"
    c.write_text("name,aliases,side,role\nPeter Cook,Cook;P. Cook,coalition,official\n",
                 encoding="utf-8")
    m = load_actor_map(c)
    assert m.loc[0, "aliases"] == ["Cook", "P. Cook"]
    with pytest.raises(DataError, match="role must be one of"):
        load_actor_map({"X": {"role": "general"}})
    with pytest.raises(DataError, match="gender must be one of"):
        load_actor_map({"X": {"gender": "m"}})
    with pytest.raises(DataError, match="has no 'name'"):
        load_actor_map([{"side": "a"}])
    with pytest.raises(DataError, match="unknown extension"):
        load_actor_map(tmp_path)
    with pytest.raises(FileNotFoundError, match="actor map not found"):
        load_actor_map(tmp_path / "missing.yaml")


# ----------------------------------------------------------------------------- balance


def _src_table():
    # doc d1 (outlet A): 2 officials, 1 expert ; d2 (A): 1 official ; d3 (B): 1 citizen, 1 official
    return pd.DataFrame({
        "doc_id": ["d1", "d1", "d1", "d2", "d3", "d3"],
        "outlet": ["A", "A", "A", "A", "B", "B"],
        "source_type": ["person"] * 6,
        "role": ["official", "official", "expert", "official", "citizen", "official"],
        "n_quotes": [2, 1, 1, 3, 1, 1],
        "n_words": [20, 10, 5, 30, 4, 6],
        "first_position": [1, 2, 3, 1, 1, 2],
        "n_with_verb": [2, 1, 1, 3, 1, 1],
        "n_loaded": [1, 0, 0, 0, 1, 0],
    })


def test_balance_worked_example_to_the_digit():
    with pytest.warns(FramingWarning, match="small_group"):
        b = balance(_src_table(), dimension="role", n_resamples=200)
    a = b[b["outlet"] == "A"].set_index("category")
    # outlet A: sources official 3, expert 1 of 4; quotes 6 and 1 of 7; words 60 and 5 of 65
    assert a.loc["official", "share_sources"] == pytest.approx(0.75)
    assert a.loc["official", "share_quotes"] == pytest.approx(6 / 7)
    assert a.loc["expert", "share_words"] == pytest.approx(5 / 65)
    assert a.loc["citizen", "n_sources"] == 0
    # first sources: both first-quoted sources in A are officials
    assert a.loc["official", "share_first"] == pytest.approx(1.0)
    # indices over k = 3 roles in the table, shares (0, .25, .75):
    # H = -(.25 ln .25 + .75 ln .75) = .3465736 + .2157616 = 0.5623351; / ln 3 = 0.5118595
    assert a["evenness"].iloc[0] == pytest.approx(0.5118595, abs=1e-7)
    # IQV = 3/2 (1 - (.0625 + .5625)) = 0.5625
    assert a["iqv"].iloc[0] == pytest.approx(0.5625, abs=1e-12)
    assert a["dominance"].iloc[0] == pytest.approx(0.75)
    assert a["official_share"].iloc[0] == pytest.approx(0.75)
    assert a["anonymous_share"].iloc[0] == 0.0
    assert a["n_docs"].iloc[0] == 2 and bool(a["small_group"].iloc[0])


def test_balance_reproducible_with_seed():
    rng = np.random.default_rng(0)
    n = 300
    big = pd.DataFrame({
        "doc_id": [f"d{i}" for i in rng.integers(0, 60, n)],
        "role": rng.choice(["official", "expert", "citizen"], n),
        "n_quotes": rng.integers(1, 5, n), "n_words": rng.integers(1, 60, n),
        "first_position": rng.integers(1, 4, n), "source_type": "person",
    })
    big["outlet"] = np.where(big["doc_id"].str[-1].isin(list("01234")), "A", "B")
    b1 = balance(big, dimension="role", seed=3, min_group=1)
    b2 = balance(big, dimension="role", seed=3, min_group=1)
    b3 = balance(big, dimension="role", seed=4, min_group=1)
    pd.testing.assert_frame_equal(b1, b2)
    ci = ["sources_low", "sources_high", "quotes_low", "quotes_high", "words_low", "words_high"]
    assert not b1[ci].equals(b3[ci])


def test_balance_errors():
    with pytest.raises(DataError, match="dimension must be one of"):
        balance(_src_table(), dimension="age")
    with pytest.raises(DataError, match=r"missing column\(s\) \['gender'\]"):
        balance(_src_table(), dimension="gender")
    with pytest.raises(DataError, match="expected a corpus"):
        balance([1, 2], dimension="role")


_ROLE = st.sampled_from(["official", "expert", "citizen", "anonymous"])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["A", "B"]), _ROLE,
                          st.integers(1, 4), st.integers(1, 40)), min_size=1, max_size=25),
       st.randoms(use_true_random=False))
def test_balance_shares_sum_to_one_and_ignore_row_order(rows, rnd):
    frame = pd.DataFrame(rows, columns=["doc", "outlet", "role", "n_quotes", "n_words"])
    # an article belongs to one outlet
    frame["outlet"] = frame.groupby("doc")["outlet"].transform("first")
    frame["doc_id"] = "d" + frame["doc"].astype(str)
    frame["first_position"] = frame.groupby("doc_id").cumcount() + 1
    frame["source_type"] = "person"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        b = balance(frame, dimension="role", n_resamples=50)
        order = list(range(len(frame)))
        rnd.shuffle(order)
        shuffled = frame.iloc[order].copy()
        shuffled["first_position"] = frame["first_position"].iloc[order].to_numpy()
        b2 = balance(shuffled, dimension="role", n_resamples=50)
    for col in ("share_sources", "share_quotes", "share_words"):
        sums = b.groupby("outlet")[col].sum()
        assert np.allclose(sums, 1.0)
    key = ["outlet", "category"]
    pd.testing.assert_frame_equal(b.sort_values(key).reset_index(drop=True),
                                  b2.sort_values(key).reset_index(drop=True))


# ----------------------------------------------------------------------------- asymmetry


def test_attribution_asymmetry_worked_example():
    r = attribution_asymmetry(_src_table(), dimension="role", n_resamples=200)
    row = r[(r["category_a"] == "citizen") & (r["category_b"] == "official")].iloc[0]
    # citizen: 1 loaded of 1 ; official: 1 loaded of 2+1+3+1 = 7
    assert (row["share_a"], row["share_b"]) == pytest.approx((1.0, 1 / 7))
    assert row["difference"] == pytest.approx(1 - 1 / 7)
    assert row["low"] <= row["high"]
    with pytest.raises(DataError, match="dimension must be one of"):
        attribution_asymmetry(_src_table(), dimension="age")


# ----------------------------------------------------------------------------- setting

# A made-up dateline article: a named resident and an unnamed police chief are local (the
# country comes from the setting), a French protester keeps the country the text gives,
# anonymous officials, an expert and a foreign minister stay unknown.
SETTING_TEXT = (
    "Protesters march for a third night.\n\n"
    "CHARLOTTE, N.C. (AP) — Hundreds of protesters marched through downtown Charlotte on "
    "Friday, the third night of demonstrations in North Carolina's largest city.\n\n"
    "\"We are tired of waiting,\" said Jimmy Tompkins, a resident who joined the march.\n\n"
    "The police chief said officers would stay on the streets. Officials said the curfew "
    "would hold. A French protester said the world was watching. An economist said the "
    "city would recover. The foreign minister said his country was concerned.\n"
)


def setting_quotes(t):
    return [
        q(t, "direct", "\"We are tired of waiting,\"", "Jimmy Tompkins", "Jimmy Tompkins"),
        q(t, "indirect", "officers would stay on the streets", None, "The police chief"),
        q(t, "indirect", "the curfew would hold", None, "Officials"),
        q(t, "indirect", "the world was watching", None, "A French protester"),
        q(t, "indirect", "the city would recover", None, "An economist"),
        q(t, "indirect", "his country was concerned", None, "The foreign minister"),
    ]


SETTING_GOLD = {
    # source: (role, country, country_source)
    "Jimmy Tompkins": ("citizen", "United States", "setting"),
    "police chief": ("official", "United States", "setting"),
    "Officials": ("anonymous", "unknown", None),
    "French protester": ("citizen", "France", "text"),
    "economist": ("expert", "unknown", None),
    "foreign minister": ("official", "unknown", None),
}


def test_setting_fills_local_sources_only():
    rows = by_source(resolve_sources(SETTING_TEXT, setting_quotes(SETTING_TEXT)))
    got = {s: (r["role"], r["country"], r["country_source"]) for s, r in rows.items()}
    assert got == SETTING_GOLD


def test_setting_can_be_switched_off_and_reads_segments():
    from framing.text import segment

    off = by_source(resolve_sources(SETTING_TEXT, setting_quotes(SETTING_TEXT), setting=False))
    assert off["Jimmy Tompkins"]["country"] == "unknown"
    assert off["Jimmy Tompkins"]["country_source"] is None
    assert off["police chief"]["country"] == "unknown"
    on = resolve_sources(SETTING_TEXT, setting_quotes(SETTING_TEXT))
    assert resolve_sources(SETTING_TEXT, setting_quotes(SETTING_TEXT),
                           segments=segment(SETTING_TEXT)) == on
    # only country and country_source change
    for a, b in zip(off.values(), by_source(on).values()):
        assert {k for k in a if a[k] != b[k]} <= {"country", "country_source"}


def test_actor_map_entry_without_a_field_leaves_it_inferred():
    """A field one entry of the map leaves empty is missing, not NaN: the inferred value
    stays (regression: pandas filled the gap with NaN, reported as role_source=actor_map)."""
    text = "Ashton Carter, the US defense secretary, said the plan would work."
    rows = resolve_sources(text, [{"kind": "indirect", "start": 54, "end": 68,
                                   "text": "the plan would work", "speaker": "Ashton Carter",
                                   "speaker_mention": "Ashton Carter", "speaker_start": 0,
                                   "speaker_end": 13, "verb_class": "neutral"}],
                           actors={"Ashton Carter": {"side": "US"},
                                   "Jens Stoltenberg": {"side": "NATO", "role": "official"}})
    (r,) = [r for r in rows if r["source"] == "Ashton Carter"]
    assert r["side"] == "US"
    assert r["role"] == "official" and r["role_source"] != "actor_map"


def test_setting_never_overrides_the_actor_map():
    rows = by_source(resolve_sources(SETTING_TEXT, setting_quotes(SETTING_TEXT),
                                     actors={"Jimmy Tompkins": {"country": "Canada"}}))
    assert (rows["Jimmy Tompkins"]["country"], rows["Jimmy Tompkins"]["country_source"]) \
        == ("Canada", "actor_map")


_FILLER = "The meeting lasted long into the evening and nothing was decided. " * 25


@pytest.mark.parametrize("text, expected", [
    # dateline: the state or country after the city decides
    ("RENO, Nev. (AP) — The rally drew 3,000 people on Sunday.", "United States"),
    ("RANGOON, Burma - Allies of the opposition leader predicted a landslide.", "Myanmar"),
    ("CAMBRIDGE, Mass., Dec. 11 (UPI) — The study was released on Monday.", "United States"),
    # no dateline: places and national institutions named in the text
    ("Parents in Brooklyn, New York, wrote to the White House on Monday.", "United States"),
    ("London police said British officials met in Paris and again in London.",
     "United Kingdom"),
    # thin or split evidence: no setting
    ("Voters in Ohio went to the polls.", None),
    ("Ministers met in Brussels, then flew to Paris and to Moscow.", None),
    ("France and France and France met Germany and Germany and Germany.", None),
    # a lede without places: the rest of the text decides
    ("A quiet start. " + _FILLER + "Then Ohio, Texas and Congress weighed in.",
     "United States"),
    ("", None),
])
def test_article_setting(text, expected):
    from framing._source_setting import LEDE_CHARS, article_setting

    assert article_setting(text) == expected
    if "Ohio, Texas" in text:
        assert text.index("Ohio") > LEDE_CHARS


@pytest.mark.parametrize("text", [
    SETTING_TEXT,
    "WASHINGTON (AP) — Congress voted.",
    "Headline here\n\nBy Jane Doe\n\nNEW YORK, Nov. 19 (UPI) — Shares rose.\n\nMore.",
    "Headline\n\nA body paragraph with no dateline at all.\n\nAnother one.",
    "\n\nRENO, Nev. (AP) — Trump spoke.",
    "x" * 300 + "\n\nWASHINGTON — too late for a dateline.",
])
def test_find_dateline_agrees_with_segment(text):
    from framing._source_setting import _find_dateline
    from framing.text import segment

    assert _find_dateline(text) == segment(text).dateline


def test_find_dateline_agrees_with_segment_on_polnear(polnear_train_records):
    from framing._source_setting import _find_dateline
    from framing.text import segment

    texts = [r["text"] for r in polnear_train_records]
    found = [_find_dateline(t) for t in texts]
    assert found == [segment(t).dateline for t in texts]
    assert sum(f is not None for f in found) > 100


@pytest.mark.parametrize("text, mention, country", [
    # cities of the extended cities.csv place a source directly (country_source="text")
    ("Anna Kowalski, a Gdansk shipyard worker, said the strike would go on.",
     "Anna Kowalski", "Poland"),
    ("Hospital officials in Omsk said no poison was found.", "Hospital officials in Omsk",
     "Russia"),
    # "New England" is a US region: the England inside it is not read
    ("John Baker, a Western New England University historian, said it was new.",
     "John Baker", "United States"),
])
def test_city_table_places_a_source(text, mention, country):
    content = text[text.index("said ") + 5:-1]
    (row,) = resolve_sources(text, [q(text, "indirect", content, mention, mention)],
                             setting=False)
    assert (row["country"], row["country_source"]) == (country, "text")


def test_setting_tables_are_well_formed():
    import csv
    from importlib import resources

    folder = resources.files("framing.data").joinpath("sources")

    def read(name):
        with folder.joinpath(name).open(encoding="utf-8") as fh:
            return list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))

    places = read("setting_places.csv")
    assert {r["kind"] for r in places} == {"dateline", "place", "institution"}
    assert all(r["name"] and r["country"] for r in places)
    titles = [r["phrase"] for r in read("local_titles.csv")]
    assert titles and all(t == t.lower().strip() for t in titles)
    assert len(set(titles)) == len(titles)
    # heads of government, ministers, diplomats and generals are never local
    assert not {"president", "prime minister", "minister", "foreign minister", "ambassador",
                "general", "king"} & set(titles)


# ----------------------------------------------------------------------------- tables


def test_source_tables_have_provenance_licence_version():
    import csv
    from importlib import resources
    folder = resources.files("framing.data").joinpath("sources")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".csv")]
    assert {"titles.csv", "countries.csv", "organizations.csv", "honorifics.csv",
            "roles.csv", "organization_patterns.csv"} <= set(names)
    for name in names:
        with folder.joinpath(name).open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))
        assert rows, name
        for r in rows:
            assert r["provenance"] and r["licence"] and r["version"], (name, r)


def test_errors_on_bad_input():
    with pytest.raises(DataError, match="corpus must be a DataFrame"):
        framing.sources(pd.DataFrame({"x": [1]}))
    corpus = pd.DataFrame({"id": ["a"], "outlet": ["o"], "text": ["x"]})
    with pytest.raises(DataError, match="quotes is missing column"):
        framing.sources(corpus, quotes=pd.DataFrame({"doc_id": ["a"]}))


# ----------------------------------------------------------------------------- PolNeAR dev


def test_polnear_dev_source_mentions_of_matched_quotes(shared_data):
    """Target 0.90 (measured 0.903 at 30% overlap, n=1,313; the mentions come from the
    quotes stage, framing.quotation)."""
    corpus, gold = framing.datasets.load_polnear(shared_data / "polnear" / "dev.jsonl")
    res = framing.evaluate_quotes(gold, framing.quotes(corpus))
    m = res[(res["metric"] == "speaker_accuracy") & (res["overlap"] == 0.3)].iloc[0]
    assert m["n"] > 500
    assert m["value"] >= 0.90, res


_GOLD_PATH = Path(__file__).parent / "data" / "polnear_dev_sources_gold.csv"


@pytest.fixture(scope="module")
def hand_checked(shared_data):
    """The hand-checked PolNeAR dev sample joined to the tool's current output.

    ``tests/data/polnear_dev_sources_gold.csv`` holds 100 person/unnamed sources of
    ``framing.sources`` on PolNeAR dev (every k-th after sorting by doc_id and source; rows
    that later versions no longer produce were replaced by the next row in that order),
    each checked by hand against the article: the correct role, country and gender of the
    speaker the row stands for (for a fragment such as a headline, the speaker of its
    quotes; "unknown" where the row is not a source), and whether the text states the
    gender.  Country is the one the article states or clearly implies (a US state, a US
    office), or a public fact about a named public figure or organisation; unnamed people
    affiliated with a named principal take the principal's role; other unnamed officials,
    aides and sources are "anonymous".  No article text is stored.
    """
    gold = pd.read_csv(_GOLD_PATH, dtype=str, keep_default_na=False)
    corpus, _ = framing.datasets.load_polnear(shared_data / "polnear", split="dev")
    src = framing.sources(corpus)
    got = {}
    for r in src.itertuples():
        got.setdefault((r.doc_id, r.source), r)
    pairs = [(g, got.get((g.doc_id, g.source))) for g in gold.itertuples()]
    return gold, [(g, r) for g, r in pairs if r is not None]


def test_polnear_gold_sample_file_is_well_formed():
    gold = pd.read_csv(_GOLD_PATH, dtype=str, keep_default_na=False)
    assert list(gold.columns) == ["doc_id", "source", "role", "country", "gender",
                                  "gender_stated_in_text", "note"]
    assert len(gold) == 100 and not gold.duplicated(["doc_id", "source"]).any()
    from framing._source_attrs import ROLES

    assert set(gold["role"]) <= set(ROLES)
    assert set(gold["gender"]) <= {"female", "male", "unknown"}
    assert set(gold["gender_stated_in_text"]) <= {"true", "false"}
    assert gold["note"].str.len().max() < 200          # notes, never article text


def test_polnear_dev_hand_checked_gender_never_wrong(hand_checked):
    gold, pairs = hand_checked
    # the quotes stage keeps improving: most sampled rows must still be produced
    assert len(pairs) >= 0.8 * len(gold), f"only {len(pairs)} of {len(gold)} rows found"
    wrong = [(g.doc_id, g.source, r.gender, r.gender_source) for g, r in pairs
             if r.gender != "unknown" and r.gender != g.gender]
    assert not wrong
    # and the tool finds most of the genders the text or the people table gives
    known = [(g, r) for g, r in pairs if g.gender != "unknown"]
    assert sum(r.gender == g.gender for g, r in known) / len(known) >= 0.75


def test_polnear_dev_hand_checked_role_country_target(hand_checked):
    """Target 0.85 for role and country through ``framing.sources`` (setting rule on by
    default): measured role 0.85, country 0.87 on the 100 hand-checked rows (0.82 without
    the setting rule)."""
    _, pairs = hand_checked
    n = len(pairs)
    assert sum(r.role == g.role for g, r in pairs) / n >= 0.85
    assert sum(r.country == g.country for g, r in pairs) / n >= 0.85


def test_polnear_dev_hand_checked_without_setting_is_the_text_only_floor(shared_data):
    """``setting=False`` gives the text-only figure (country 0.82): the rule is what lifts
    it, so switching it off must lower it."""
    gold = pd.read_csv(_GOLD_PATH, dtype=str, keep_default_na=False)
    corpus, _ = framing.datasets.load_polnear(shared_data / "polnear", split="dev")
    quotes = framing.quotes(corpus)
    on = framing.sources(corpus, quotes=quotes).drop_duplicates(["doc_id", "source"])
    off = framing.sources(corpus, quotes=quotes, setting=False).drop_duplicates(
        ["doc_id", "source"])

    def country(src):
        got = src.set_index(["doc_id", "source"])["country"]
        keys = [k for k in zip(gold["doc_id"], gold["source"]) if k in got.index]
        return sum(got[k] == c for k, c in zip(keys, gold.set_index(["doc_id", "source"])
                                                .loc[keys, "country"])) / len(keys)

    assert country(off) >= 0.80
    assert country(on) >= country(off) + 0.03
    assert set(off["country_source"].dropna()) & {"setting"} == set()


def test_polnear_dev_hand_checked_target_with_setting(shared_data):
    """Target 0.85 for role and country, gender never wrong, per document through
    ``resolve_sources`` (setting rule on): measured role 0.85, country 0.87 (0.82 without
    the setting rule: it fills convention delegates, Tulsa demonstrators, a judge, a 9/11
    widow ... from the article's setting, and nothing else changes)."""
    gold = pd.read_csv(_GOLD_PATH, dtype=str, keep_default_na=False)
    corpus, _ = framing.datasets.load_polnear(shared_data / "polnear", split="dev")
    from framing.sourcing import _QuoteRows

    rows_of = _QuoteRows(framing.quotes(corpus))     # rows as sources() passes them
    got = {}
    for doc_id, text, date in zip(corpus["id"], corpus["text"], corpus["date"]):
        for r in resolve_sources(text, rows_of(doc_id), date=date):
            got.setdefault((doc_id, r["source"]), r)
    pairs = [(g, got[(g.doc_id, g.source)]) for g in gold.itertuples()
             if (g.doc_id, g.source) in got]
    n = len(pairs)
    assert n >= 0.8 * len(gold)
    assert sum(r["role"] == g.role for g, r in pairs) / n >= 0.85
    assert sum(r["country"] == g.country for g, r in pairs) / n >= 0.85
    assert not [g.source for g, r in pairs if r["gender"] not in ("unknown", g.gender)]
    # every country the setting gave is the hand-checked one
    filled = [(g.source, g.country, r["country"]) for g, r in pairs
              if r["country_source"] == "setting"]
    assert filled and all(gc == rc for _, gc, rc in filled), filled


# ----------------------------------------------------------------------------- CLI


def test_cli_sources_and_balance(tmp_path, capsys, seed_corpus):
    from framing.cli import main

    out = tmp_path / "src.csv"
    assert main(["sources", "seed", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert "Peter Cook" in set(table["source"])
    assert main(["balance", "seed", "--dimension", "country", "--n-resamples", "50"]) == 0
    printed = capsys.readouterr().out
    assert "United States" in printed and "0.400" in printed
    setting_corpus = tmp_path / "setting.jsonl"
    setting_corpus.write_text(json.dumps({"id": "s", "outlet": "Wire", "text": SETTING_TEXT})
                              + "\n", encoding="utf-8")
    assert main(["sources", str(setting_corpus), "-o", str(out)]) == 0
    assert "setting" in set(pd.read_csv(out)["country_source"].dropna())
    assert main(["sources", str(setting_corpus), "--no-setting", "-o", str(out)]) == 0
    assert "setting" not in set(pd.read_csv(out)["country_source"].dropna())
    assert main(["sources", "seed", "--no-people", "-o", str(out)]) == 0
    table = pd.read_csv(out).set_index("source")
    assert table.loc["Ashton Carter", "gender"] == "unknown"
    assert main(["sources", "seed", "-o", str(out)]) == 0
    assert pd.read_csv(out).set_index("source").loc["Ashton Carter", "gender"] == "male"


# ----------------------------------------------------------------------------- appositive scan

_APPOS_ALPHABET = st.sampled_from(list("aZUSDrGen .,;:()—–-\n\"“”") + ["U.S.", " Jr.", "Mr.",
                                                                        "Gen.", "\u00a0", "é"])


@settings(max_examples=400, deadline=None)
@given(head=st.lists(_APPOS_ALPHABET, max_size=6), tail=st.lists(_APPOS_ALPHABET, max_size=14))
def test_appositive_scanner_equals_its_regex(head, tail):
    # the hand-written scanner replaces _APPOSITIVE.match(...).group(1) on the hot path;
    # short strings keep the regex's backtracking affordable here
    from framing._source_attrs import _APPOSITIVE, _appositive

    text = "".join(head) + "".join(tail)
    for end in range(len(text) + 1):
        m = _APPOSITIVE.match(text, end, min(len(text), end + 160))
        assert _appositive(text, end) == (m.group(1) if m else None), (text, end)


def test_appositive_scanner_survives_input_on_which_the_regex_backtracks():
    # many abbreviation dots and no terminator within reach: the regex's overlapping
    # alternatives backtrack exponentially (this call would not return); the scanner reads
    # each character a bounded number of times and finds no appositive, as the regex would
    from framing._source_attrs import _appositive

    text = "Carter, " + "U.S." * 40 + " x"
    assert _appositive(text, 6) is None
    assert _appositive("Carter, U.S. envoy, said", 6) == "U.S. envoy"


def test_option_flags_accept_any_truth_value(seed_corpus):
    # (the resolver is compiled: a numpy bool or 1 must not reach it as a wrong type)
    import numpy as np

    want = framing.sources(seed_corpus, people=True)
    assert len(want) and framing.sources(seed_corpus, people=1).equals(want)
    assert framing.sources(seed_corpus, people=np.True_).equals(want)
