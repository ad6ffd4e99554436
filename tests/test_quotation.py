"""Quotation attribution: hand-annotated gold cases for every layout and hard case."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing._quote_marks import quote_spans
from framing.quotation import QUOTE_COLUMNS, extract_quotes, quotes, speech_verbs


def rows_of(text):
    return [r for r in extract_quotes(text) if r["kind"] != "scare"]


def one(doc, **expected):
    """The single attribution of ``doc``; check the expected fields."""
    text = doc
    rows = rows_of(text)
    assert len(rows) == 1, rows
    r = rows[0]
    for key, value in expected.items():
        assert r[key] == value, (key, r[key], value)
    assert text[r["start"]:r["end"]] == r["text"]
    if r["speaker_start"] is not None:
        assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker_mention"]
    if r["verb_start"] is not None:
        assert text[r["verb_start"]:r["verb_end"]] == r["verb"]
    return r


# ----------------------------------------------------------------------------- the seed article

def by_speaker(rows, speaker):
    return [r for r in rows if r["speaker"] == speaker]


def test_seed_carter_direct_quote(seed_text):
    rows = extract_quotes(seed_text)
    carter = [r for r in by_speaker(rows, "Ashton Carter") if r["kind"] == "direct"]
    assert len(carter) == 1
    r = carter[0]
    assert r["text"].startswith("“Thanks to the leadership of NATO")
    assert r["text"].endswith("as a member itself,”")
    assert (r["speaker_mention"], r["verb"], r["verb_class"]) == ("Carter", "said", "neutral")


def test_seed_headline_carter_says(seed_text):
    r = extract_quotes(seed_text)[0]
    assert r["kind"] == "indirect"
    assert r["speaker"] == "Ashton Carter"
    assert r["speaker_mention"] == "US Defense Secretary Ashton Carter"
    assert r["verb"] == "says"
    assert r["text"].startswith("the NATO military alliance may join a coalition")
    assert r["sentence"] == 0 and r["paragraph"] == 0


def test_seed_stoltenberg_indirect_and_he_said(seed_text):
    rows = by_speaker(extract_quotes(seed_text), "Jens Stoltenberg")
    kinds = {(r["kind"], r["speaker_mention"]) for r in rows}
    assert ("indirect", "Stoltenberg") in kinds
    assert ("direct", "he") in kinds
    ind = next(r for r in rows if r["kind"] == "indirect")
    assert ind["text"].startswith("NATO had deployed three military vessels to the Aegean Sea")
    he = next(r for r in rows if r["speaker_mention"] == "he" and r["kind"] == "direct")
    assert he["text"].startswith("“This is about helping Greece")
    assert seed_text[he["speaker_start"]:he["speaker_end"]] == "he"


def test_seed_peter_cook_indirect(seed_text):
    rows = by_speaker(extract_quotes(seed_text), "Peter Cook")
    assert len(rows) == 1
    r = rows[0]
    assert r["kind"] == "indirect"
    assert r["speaker_mention"] == "Peter Cook"
    assert r["text"] == "Saudi Arabia proposed to expand its role in the US-led air campaign"


@pytest.mark.parametrize("speaker, mention, verb, vclass, fragment", [
    ("Dmitry Medvedev", "Russian Prime Minister Dmitry Medvedev", "warned", "warning",
     "“new world war.”"),
    ("Walid al-Muallem", "Syrian Foreign Minister Walid al-Muallem", "vowed", "commitment",
     "“coffins.”"),
])
def test_seed_mixed_quotes(seed_text, speaker, mention, verb, vclass, fragment):
    rows = by_speaker(extract_quotes(seed_text), speaker)
    assert len(rows) == 1
    r = rows[0]
    assert (r["kind"], r["speaker_mention"], r["verb"], r["verb_class"]) == (
        "mixed", mention, verb, vclass)
    assert r["text"].startswith("that ") and r["text"].endswith(fragment)


def test_seed_quotes_frame(seed_corpus):
    q = quotes(seed_corpus)
    assert list(q.columns) == QUOTE_COLUMNS
    assert set(q["doc_id"]) == {"presstv-20160212-founding"}
    text = seed_corpus["text"].iloc[0]
    for r in q.itertuples():
        assert text[r.start:r.end] == r.text
    assert q["quote_id"].tolist() == list(range(len(q)))
    assert set(q["kind"]) <= {"direct", "indirect", "mixed", "partial", "scare"}


def test_seed_exact_set_of_attributions(seed_text):
    """Every attribution of the founding example, and nothing else (no scare quotes there)."""
    got = sorted((r["kind"], r["speaker"], r["speaker_mention"], r["verb"])
                 for r in extract_quotes(seed_text))
    assert got == sorted([
        ("indirect", "Ashton Carter", "US Defense Secretary Ashton Carter", "says"),
        ("direct", "Ashton Carter", "Carter", "said"),
        ("indirect", "Jens Stoltenberg", "Stoltenberg", "said"),
        ("direct", "Jens Stoltenberg", "he", "said"),
        ("indirect", "Peter Cook", "Peter Cook", "said"),
        ("indirect", "Riyadh", "Riyadh", "expressed"),
        ("indirect", "United States", "United States", "praised"),
        ("mixed", "Dmitry Medvedev", "Russian Prime Minister Dmitry Medvedev", "warned"),
        ("mixed", "Walid al-Muallem", "Syrian Foreign Minister Walid al-Muallem", "vowed"),
    ])


def test_seed_what_he_called_is_not_a_separate_attribution(seed_text):
    # "for what he called countering human trafficking" stays inside Stoltenberg's indirect
    # quote: one Stoltenberg row per quote, no nested "called" row
    rows = extract_quotes(seed_text)
    assert not [r for r in rows if r["verb"] == "called"]
    (ind,) = [r for r in rows if r["speaker"] == "Jens Stoltenberg" and r["kind"] == "indirect"]
    assert "what he called countering human trafficking" in ind["text"]


def test_what_x_called_as_object_of_a_cue_is_kept():
    rows = rows_of("Ban condemned what he called a “brazen breach” of the resolutions.")
    assert "called" in [r["verb"] for r in rows]


def test_noun_cue_and_inanimate_subject_are_not_attributions():
    assert rows_of("The new pledges for military deployments come amid heavy losses.") == []
    assert rows_of("The conflict in the region has reportedly claimed the lives of "
                   "more than 400,000 people.") == []
    assert rows_of("The storm in the north showed its force on Monday.") == []
    # an inanimate head with a that-clause still attributes ("the report" style)
    r = one("The war showed that the old alliances no longer hold.", verb="showed")
    assert r["speaker_mention"] == "The war"


def test_claimed_lives_idiom_is_not_speech():
    assert rows_of("Smith said the floods have claimed many lives this year.")[0]["verb"] == "said"
    assert [r["verb"] for r in rows_of("The militants claimed the lives of six soldiers.")] == []


def test_wrong_way_mark_opening_a_paragraph():
    text = "Obama spoke.\n\n” … what I learned from these families is simple,” he said."
    r = one(text, kind="direct", speaker_mention="he", verb="said")
    assert r["text"].startswith("” … what I learned")


def test_chant_and_liken_cues():
    r = one('Protesters marching through the streets chanted "What curfew?" and kept going.',
            verb="chanted", kind="direct")
    assert r["speaker_mention"].startswith("Protesters")
    one("At a rally, Trump likened the refugees to a “vicious snake” in a song.",
        verb="likened", speaker_mention="Trump")


# ----------------------------------------------------------------------------- direct layouts

@pytest.mark.parametrize("text, content, mention, verb", [
    ('"We will win," Smith said.', '"We will win,"', "Smith", "said"),
    ("“We will win,” Smith said.", "“We will win,”", "Smith", "said"),
    ("Smith said: “We will win.”", "“We will win.”", "Smith", "said"),
    ("“We will win,” said John Smith, the mayor.", "“We will win,”", "John Smith", "said"),
    ("Smith told reporters “We will win.”", "“We will win.”", "Smith", "told reporters"),
    ("Smith told reporters on Monday:\n\n“We will win.”", "“We will win.”", "Smith",
     "told reporters"),
    ("“We will win.”\n\nThat is what Smith said.", "“We will win.”", "Smith", "said"),
    ("“We will win,” Smith has also said.", "“We will win,”", "Smith", "said"),
])
def test_direct_layouts(text, content, mention, verb):
    one(doc=text, kind="direct", text=content, speaker_mention=mention, verb=verb)


def test_direct_colon_credit():
    r = one(doc="Jane Roe: “We will win.”", kind="direct", text="“We will win.”",
            speaker="Jane Roe", verb=":")
    assert r["verb_class"] == "neutral"


def test_direct_dash_credit():
    # the dash is the cue, as PolNeAR marks it
    r = one("“We will win.” – John Smith", kind="direct", text="“We will win.”",
            speaker="John Smith", verb="–")
    assert r["verb_class"] == "neutral"


def test_dash_credit_on_its_own_line():
    text = "“We will win this time, all of us.” ― Jane Roe\n“It is a shame, truly and deeply.” ― John Doe"
    rows = rows_of(text)
    assert [(r["speaker"], r["verb"]) for r in rows] == [("Jane Roe", "―"), ("John Doe", "―")]


def test_quote_only_paragraph_continues_previous_attribution():
    text = ("Smith said the campaign was going well in every state.\n\n"
            "“Nobody thought we could do it, but here we are again today.”")
    rows = rows_of(text)
    assert len(rows) == 2
    # the continuation credits the previous mention and cue (PolNeAR's convention)
    assert (rows[1]["speaker"], rows[1]["speaker_start"], rows[1]["verb_start"]) == (
        "Smith", rows[0]["speaker_start"], rows[0]["verb_start"])


def test_quote_sentence_after_attribution_sentence():
    text = ("Corker said the senators were careful about the wording. "
            "“If we were to touch it in any way, they would say we undermined the deal.”")
    rows = rows_of(text)
    assert rows[-1]["kind"] == "direct" and rows[-1]["speaker_mention"] == "Corker"
    assert rows[-1]["verb"] == "said"


def test_quote_inside_sentence_without_cue_gets_subject_and_verb():
    one("Jones waved a memo whose last line was “we will not pay a cent more for this project.”",
        kind="direct", speaker_mention="Jones", verb="waved")


def test_inverted_noun_phrase_after_quote():
    one("“She didn’t like that at all, not one bit,” said a 2008 Clinton veteran.",
        kind="direct", speaker_mention="a 2008 Clinton veteran", verb="said")


def test_the_before_name_after_quote():
    one("“We reaffirmed our shared commitment,” the White House said.",
        kind="direct", speaker_mention="White House", verb="said")


def test_question_quote_then_cue_with_object():
    one("“Who knows what will happen next?” Trump told a British television station.",
        kind="direct", speaker="Trump", verb="told")


def test_nbsp_before_cue():
    one("“I would be very firm with them,” Trump\u00a0said at one point.",
        kind="direct", speaker="Trump", verb="said")


def test_multi_sentence_and_multi_paragraph_quote():
    text = "“It is over. We lost.\n\n“Next year we win,” Smith said."
    one(doc=text, kind="direct", text="“It is over. We lost.\n\n“Next year we win,”", speaker="Smith")


def test_quote_continued_after_attribution():
    text = "“We will win,” Smith said. “Nobody can stop us.”"
    r = one(doc=text, kind="direct", speaker="Smith")
    assert r["text"].startswith("“We will win,”") and r["text"].endswith("“Nobody can stop us.”")


def test_quote_continued_in_next_paragraphs_is_one_attribution():
    # PolNeAR convention: paragraphs continuing a quotation belong to its attribution
    text = "“We will win,” Smith said.\n\n“Nobody can stop us.”\n\n“Nobody at all.”"
    r = one(doc=text, kind="direct", speaker="Smith", verb="said")
    assert r["text"].startswith("“We will win,”") and r["text"].endswith("“Nobody at all.”")


def test_unattributed_paragraph_quote_inherits_speaker():
    text = ("Smith said the plan failed.\n\nThen the council met.\n\n"
            "“Nobody can stop us. Nobody at all, not even them.”")
    rows = rows_of(text)
    assert [r["speaker"] for r in rows] == ["Smith", "Smith"]
    assert rows[1]["speaker_mention"] is None and rows[1]["kind"] == "direct"


# ----------------------------------------------------------------------------- indirect, mixed

@pytest.mark.parametrize("text, content, mention, verb", [
    ("Smith said that the plan failed.", "that the plan failed", "Smith", "said"),
    ("Smith said the plan failed.", "the plan failed", "Smith", "said"),
    ("According to Smith, the plan failed.", "the plan failed", "Smith", "According to"),
    ("The plan failed, according to officials.", "The plan failed", "officials", "according to"),
    ("The plan failed, Smith said.", "The plan failed", "Smith", "said"),
    ("Smith’s spokesman said the plan failed.", "the plan failed", "Smith’s spokesman", "said"),
    ("Officials said the plan failed.", "the plan failed", "Officials", "said"),
])
def test_indirect_layouts(text, content, mention, verb):
    one(doc=text, kind="indirect", text=content, speaker_mention=mention, verb=verb)


def test_anonymous_source_keeps_mention_as_speaker():
    r = one("A source familiar with the talks said they collapsed.", kind="indirect")
    assert r["speaker"] == r["speaker_mention"] == "A source familiar with the talks"


def test_mixed_quote():
    r = one("Smith warned that the plan would bring “total chaos.”", kind="mixed",
            verb="warned", verb_class="warning")
    assert r["text"] == "that the plan would bring “total chaos.”"


def test_partial_quote():
    one("Smith called the plan “a disaster” on Monday.", speaker="Smith", verb="called",
        kind="mixed")


def test_scare_quote_has_no_speaker():
    rows = extract_quotes("The so-called “peace plan” was rejected by the council.")
    assert [(r["kind"], r["text"], r["speaker"]) for r in rows] == [
        ("scare", "“peace plan”", None)]


def test_verb_classes():
    cases = {
        "Smith insisted the plan works.": "assertive",
        "Smith claimed the plan works.": "distancing",
        "Smith slammed the plan as a failure.": "emotive",
        "Smith vowed that the plan would work.": "commitment",
        "Smith warned that the plan would fail.": "warning",
        "Smith said the plan works.": "neutral",
    }
    for text, cls in cases.items():
        one(doc=text, verb_class=cls)


# ----------------------------------------------------------------------------- speakers

def test_titles_are_stripped():
    one("Russian Prime Minister Dmitry Medvedev said the war would spread.",
        speaker="Dmitry Medvedev", speaker_mention="Russian Prime Minister Dmitry Medvedev")


def test_appositive_speaker():
    one("Peter Cook, Carter’s spokesman, said the talks went well.",
        speaker="Peter Cook", speaker_mention="Peter Cook")


def test_pronoun_resolves_to_nearest_compatible_speaker():
    text = ("Jane Doe said the plan failed. John Roe said it worked. "
            "“It failed,” she said.")
    rows = rows_of(text)
    assert rows[-1]["speaker_mention"] == "she"
    assert rows[-1]["speaker"] == "Jane Doe"


def test_surname_resolves_to_full_name():
    text = "The report quoted Jens Stoltenberg at length. Later, Stoltenberg said it was over."
    r = [r for r in rows_of(text) if r["speaker_mention"] == "Stoltenberg"][0]
    assert r["speaker"] == "Jens Stoltenberg"


def test_titled_mention_resolves_to_earlier_titled_speaker():
    text = ("Peter Cook, Carter’s spokesman, said the plan failed. "
            "Later, the spokesman said it was over.")
    rows = rows_of(text)
    assert [r["speaker"] for r in rows] == ["Peter Cook", "Peter Cook"]
    assert rows[1]["speaker_mention"] == "the spokesman"


# ----------------------------------------------------------------------------- robustness

@pytest.mark.parametrize("text", [
    "“No closing quote, Smith said.",
    "No opening quote,” Smith said.",
    '"One "two" three',
    "”backwards“ marks",
    "“",
    "'",
    "“”",
    "\"\"\"",
    "",
    "   \n\n  ",
    "said",
    "“A\n\n“B\n\n“C",
])
def test_unbalanced_marks_never_raise(text):
    for r in extract_quotes(text):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["text"]


def test_quote_spans_pairs_marks():
    t = '“One,” he said. "Two'
    assert [(t[s:e], ok) for s, e, ok in quote_spans(t, [(0, len(t))])] == [
        ("“One,”", True), ('"Two', False)]


_ALPHABET = st.sampled_from(list("ab Smith said that, “”\"'‘’.:\n—-") + ["he said", " told ",
                                                                      "According to "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_random_text_never_raises_and_offsets_are_valid(text):
    for r in extract_quotes(text):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["kind"] in ("direct", "indirect", "mixed", "partial", "scare")
        if r["speaker_start"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker_mention"]
        if r["verb_start"] is not None:
            assert text[r["verb_start"]:r["verb_end"]] == r["verb"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    for r in extract_quotes(text):
        assert text[r["start"]:r["end"]] == r["text"]


# ----------------------------------------------------------------------------- API

def test_speech_verbs_lexicon():
    v = speech_verbs()
    for col in ("lemma", "form", "verb_class", "rationale", "provenance", "licence", "version"):
        assert col in v.columns
        assert v[col].astype(str).str.len().gt(0).all(), col
    assert not v["form"].duplicated().any()
    forms = v.set_index("form")["verb_class"]
    assert forms["said"] == "neutral"
    assert forms["according to"] == "neutral"
    assert forms["claimed"] == "distancing"
    assert forms["slammed"] == "emotive"
    assert set(v["type"]) == {"verb", "phrase"}


def test_quotes_public_name():
    assert framing.quotes is quotes
    assert framing.speech_verbs is speech_verbs


def test_quotes_rejects_non_frame():
    with pytest.raises(TypeError, match="corpus must be a pandas DataFrame"):
        quotes(["a text"])


def test_quotes_rejects_bad_scare_max_words():
    corpus = pd.DataFrame({"id": ["a"], "outlet": ["x"], "text": ["Smith said it."]})
    with pytest.raises(ValueError, match="scare_max_words must be a non-negative integer"):
        quotes(corpus, scare_max_words=-1)


def test_quotes_empty_corpus_rows_have_schema():
    corpus = pd.DataFrame({"id": ["a"], "outlet": ["x"], "text": ["Nothing to see."]})
    q = quotes(corpus)
    assert list(q.columns) == QUOTE_COLUMNS and len(q) == 0


def test_cli_quotes_writes_jsonl(capsys):
    from framing.cli import main

    assert main(["quotes", "seed"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) >= 8 and '"speaker":"Ashton Carter"' in out[0]


# ----------------------------------------------------------------------------- rules added in 1.1

def test_lead_clause_with_unlisted_verb_credits_the_quote():
    text = "Later that day the judge interrupted: “Explain to me why you are here today.”"
    rows = [r for r in rows_of(text) if r["kind"] != "scare"]
    assert len(rows) == 1
    r = rows[0]
    assert r["text"] == "“Explain to me why you are here today.”"
    assert r["speaker_mention"] == "the judge" and r["verb"] == "interrupted"


def test_quote_closing_previous_sentence_is_not_taken_by_next_cue():
    text = ("Smith said the vote was “a disgrace.” He writes that “there is no room for that "
            "kind of language here.”")
    rows = {r["verb"]: r for r in rows_of(text)}
    assert rows["writes"]["text"].startswith("that “there is no room")
    assert rows["writes"]["speaker"] == "Smith"


def test_generic_subject_with_quote_after_cue():
    text = "The ad says “nothing will change until we elect better candidates.”"
    (r,) = rows_of(text)
    assert r["speaker_mention"] == "The ad" and r["kind"] == "direct"


def test_quantity_subject_of_said():
    text = "In Texas, half of Republican primary voters said they were angry."
    (r,) = rows_of(text)
    assert r["speaker_mention"] == "half of Republican primary voters"
    assert r["text"] == "they were angry"


def test_stance_cue_from_lexicon():
    text = "Rubio defended his plan as the only serious option on the table."
    (r,) = rows_of(text)
    assert r["verb"] == "defended" and r["verb_class"] == "stance"
    assert r["speaker"] == "Rubio"


def test_headline_speaker_colon():
    text = ("Carson: Clinton ‘Not Fit To Serve As President.’\n\n"
            "Ben Carson spoke in Iowa on Sunday.")
    rows = [r for r in rows_of(text) if r["kind"] != "scare"]
    assert rows[0]["speaker"] == "Ben Carson" and rows[0]["verb"] == ":"
    assert rows[0]["text"] == "Clinton ‘Not Fit To Serve As President.’"


# ----------------------------------------------------------------------------- fast paths
# Each speed shortcut must give exactly what the plain formulation it replaces gives.

_FAST_ALPHABET = st.sampled_from(
    list("aZ_9é’'-,:; \t\n\u00a0.)“”\"‘") + ["said", "says", "told", "According to",
                                              "the", "has", "also", "The", "On", "A"])
_fast_text = st.lists(_FAST_ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_fast_text)
@example("Smith said“We win.” Jones said")
@example("“A,” said“B” said, “C")
def test_cue_matches_scan_only_gaps_between_quotes(text):
    from framing._quote_engine import _cue_matches, _cue_text, _cues

    cue_re, _ = _cues()
    ct = _cue_text(text)
    qspans = quote_spans(text, [(0, len(text))]) if text else []
    inside = [m.span() for m in cue_re.finditer(ct)
              if not any(s <= m.start() < e for s, e, _ in qspans)]
    assert [m.span() for m in _cue_matches(cue_re, ct, qspans)] == inside


@settings(max_examples=300, deadline=None)
@given(_fast_text, st.integers(0, 45), st.integers(0, 45), st.integers(0, 6))
@example("a " * 150, 0, 300, 5)
@example(" " * 250 + "a b", 0, 253, 1)
@example("x" * 199 + " y " + "z" * 100, 0, 303, 1)
def test_more_words_and_colon_end_match_their_plain_forms(text, s, e, k):
    from framing._quote_engine import _ends_with_colon, _more_words

    assert _more_words(text, s, e, k) == (len(text[s:e].split()) > k)
    s = min(s, len(text))       # (an offset into the text)
    assert _ends_with_colon(text, s) == text[:s].rstrip().endswith(":")


@settings(max_examples=300, deadline=None)
@given(_fast_text, st.integers(0, 45), st.integers(0, 45))
def test_lead_end_and_np_trail_match_their_regexes(text, lo, qs):
    from framing._quote_engine import _LEAD_END, _NP_TRAIL, _lead_end, _np_trail

    qs = min(qs, len(text))
    lo = min(lo, qs)
    m = _NP_TRAIL.search(text, lo, qs)
    got = _np_trail(text, lo, qs)
    assert (None if m is None else m.span()) == (None if got is None else got.span())
    j = qs
    while j > lo and text[j - 1] in " \t\n\u00a0":
        j -= 1
    if j > lo and text[j - 1] in ",:":
        m = _LEAD_END.search(text, lo, qs)
        assert _lead_end(text, lo, j) == (None if m is None else (m.start(), m.end(1)))


@settings(max_examples=300, deadline=None)
@given(_fast_text)
@example("A Smith")
@example("On Monday, Jones")
@example("Oprah Winfrey")
def test_trim_name_prefix_check_matches_the_plain_loop(text):
    from framing._speakers import _FIRST_WORD, _NAME_STOP, trim_name

    start, end = 0, len(text)
    while True:         # the loop without the two-character pre-check
        m = _FIRST_WORD.match(text, start, end)
        if not m or m.end() >= end or m.group(1) not in _NAME_STOP:
            break
        start = m.end()
    assert trim_name(text, 0, len(text)) == (start, end)


def test_cue_right_before_a_quote_and_after_one_is_found():
    # the gap scan ends one character past the opening mark: a cue touching it is still
    # seen, with the same lookahead as a scan of the whole text
    rows = rows_of('Smith said“We will win.” “Yes,” Jones said.')
    assert [r["speaker"] for r in rows] == ["Smith", "Jones"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["A", "And", "Trump", "Ann", "AA", " ", "\t", "\u00a0", "x",
                                 "’", "-"]), max_size=30).map("".join),
       st.sampled_from(["A", "AA", "Trump", "Ann", "A A"]))
@example("A AAA AA", "AA")
@example(" A A", "A")
def test_surname_occurrences_after_a_space(text, sur):
    from framing._speakers import _after_space

    expected = []
    i = text.find(sur)          # the plain loop: non-overlapping occurrences, left to right
    while i >= 0:
        if i > 1 and text[i - 1] in " \t\u00a0":
            expected.append(i)
        i = text.find(sur, i + len(sur))
    assert list(_after_space(text, sur)) == expected


def test_scare_max_words_takes_whole_numbers_of_any_integer_type():
    import numpy as np

    text = 'Officials unveiled the "temporary measure" at dawn near the border.'
    want = extract_quotes(text, scare_max_words=5)
    assert want and want[0]["kind"] == "scare"
    assert extract_quotes(text, scare_max_words=np.int64(5)) == want
    assert extract_quotes(text, scare_max_words=5.0) == want
    assert extract_quotes(text, scare_max_words=1)[0]["kind"] != "scare"
    with pytest.raises(ValueError, match=r"scare_max_words must be a whole number of words, "
                                         r"got 2\.5; pass e\.g\. scare_max_words=5"):
        extract_quotes(text, scare_max_words=2.5)
