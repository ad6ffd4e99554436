"""Tests for framing.text: paragraphs, sentences, tokens, datelines, bylines, offsets."""
from __future__ import annotations

import csv
import importlib.util
import re
import string
import sys
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import text as T
from framing.text import (
    paragraph_spans,
    segment,
    sentence_spans,
    split_paragraphs,
    split_sentences,
    token_spans,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text).sentences]


def paras(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraph_spans(text)]


def toks(text: str) -> list[str]:
    return [text[s:e] for s, e in token_spans(text)]


# ----------------------------------------------------------------------------- sentences

SENTENCE_CASES = [
    # abbreviations and titles
    (
        "Mr. Smith met Gen. Jones and Sen. Ted Cruz (R-Tex.) in Washington. They talked.",
        ["Mr. Smith met Gen. Jones and Sen. Ted Cruz (R-Tex.) in Washington.", "They talked."],
    ),
    (
        "U.S. officials said. The talks failed.",
        ["U.S. officials said.", "The talks failed."],
    ),
    (
        "He moved to the U.S. The move was hard.",
        ["He moved to the U.S.", "The move was hard."],
    ),
    (
        "The U.S. Senate voted. It passed.",
        ["The U.S. Senate voted.", "It passed."],
    ),
    (
        "It was signed on Sept. 11 by the Rev. Al Sharpton. Others followed.",
        ["It was signed on Sept. 11 by the Rev. Al Sharpton.", "Others followed."],
    ),
    (
        "Martin Luther King Jr. Day is a holiday. Martin Luther King Jr. The name is known.",
        ["Martin Luther King Jr. Day is a holiday.", "Martin Luther King Jr.",
         "The name is known."],
    ),
    (
        "He worked for Apple Inc. Then he left.",
        ["He worked for Apple Inc.", "Then he left."],
    ),
    (
        "Lt. Gov. Carlos Lopez-Cantera spoke at 9 p.m. Friday. He left at 10 p.m. The crowd stayed.",
        ["Lt. Gov. Carlos Lopez-Cantera spoke at 9 p.m. Friday.", "He left at 10 p.m.",
         "The crowd stayed."],
    ),
    (
        "She lives in St. Louis, Mo. She likes it.",
        ["She lives in St. Louis, Mo.", "She likes it."],
    ),
    # initials
    (
        "John F. Kennedy and George W. Bush met F. Scott Fitzgerald. He was late.",
        ["John F. Kennedy and George W. Bush met F. Scott Fitzgerald.", "He was late."],
    ),
    (
        "They need vitamin C. The doctor agreed.",
        ["They need vitamin C.", "The doctor agreed."],
    ),
    (
        "The court decided Roe v. Wade in 1973. It stands.",
        ["The court decided Roe v. Wade in 1973.", "It stands."],
    ),
    # case matters for abbreviations that are also words
    (
        "He said no. Republicans laughed.",
        ["He said no.", "Republicans laughed."],
    ),
    (
        "She is ranked No. 2 in the state. She won.",
        ["She is ranked No. 2 in the state.", "She won."],
    ),
    # numbers
    (
        "The economy grew 3.5 percent. Spending rose by $1.2 billion. 2016 was worse.",
        ["The economy grew 3.5 percent.", "Spending rose by $1.2 billion.", "2016 was worse."],
    ),
    (
        "Prices rose. $5 buys less now.",
        ["Prices rose.", "$5 buys less now."],
    ),
    # quotes: straight and curly, closing after the period
    (
        '"We will win." Then he left.',
        ['"We will win."', "Then he left."],
    ),
    (
        "“We will win.” Then he left.",
        ["“We will win.”", "Then he left."],
    ),
    (
        "He said “no.” Republicans laughed.",
        ["He said “no.”", "Republicans laughed."],
    ),
    (
        "“It is over,” he said. “We lost.”",
        ["“It is over,” he said.", "“We lost.”"],
    ),
    # a quote spanning several sentences
    (
        "“We tried. We failed. We will try again,” Carter said.",
        ["“We tried.", "We failed.", "We will try again,” Carter said."],
    ),
    # ? and ! inside a quote before an attribution
    (
        "“Why now?” Carter asked. “Why not?” asked Smith. “Really?” He shrugged.",
        ["“Why now?” Carter asked.", "“Why not?” asked Smith.", "“Really?”", "He shrugged."],
    ),
    (
        "Is it true? Nobody knows! Jeb! was not amused.",
        ["Is it true?", "Nobody knows!", "Jeb! was not amused."],
    ),
    # em dashes
    (
        "His act—“My tax plan will be a tremendous plan!”—is wearing thin. Cruz — as well — did fine.",
        ["His act—“My tax plan will be a tremendous plan!”—is wearing thin.",
         "Cruz — as well — did fine."],
    ),
    # ellipses
    (
        ("in terms of countering extremism. ... When you array all these capabilities, "
         "you can see it."),
        ["in terms of countering extremism. ...",
         "When you array all these capabilities, you can see it."],
    ),
    (
        "He praised the … Senate for acting… It was late.",
        ["He praised the … Senate for acting…", "It was late."],
    ),
    # lower case after a period never starts a sentence
    (
        "The rate is 3. percent of them agreed.",
        ["The rate is 3. percent of them agreed."],
    ),
    # a web address or initialism-like word with long parts is not an abbreviation
    (
        "It ran on GenderAvenger.com. Julie Burton is its president.",
        ["It ran on GenderAvenger.com.", "Julie Burton is its president."],
    ),
    # list numbers opening a paragraph
    ("1. The first point is clear.", ["1. The first point is clear."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences_hard_cases(text, expected):
    assert sents(text) == expected


DATELINE_CASES = [
    ("WASHINGTON — The Senate voted on Tuesday. It passed.", "WASHINGTON —",
     ["WASHINGTON — The Senate voted on Tuesday.", "It passed."]),
    ("WASHINGTON (Feb. 16, 2016) — Mr. Carter spoke. He left.", "WASHINGTON (Feb. 16, 2016) —",
     ["WASHINGTON (Feb. 16, 2016) — Mr. Carter spoke.", "He left."]),
    ("TEHRAN, Jan. 03 (MNA) – Iran said it would respond. No date was set.",
     "TEHRAN, Jan. 03 (MNA) –",
     ["TEHRAN, Jan. 03 (MNA) – Iran said it would respond.", "No date was set."]),
    ("BRUSSELS (Reuters) - NATO joined the coalition. Allies agreed.", "BRUSSELS (Reuters) -",
     ["BRUSSELS (Reuters) - NATO joined the coalition.", "Allies agreed."]),
    ("NEW YORK, Nov. 19 (UPI) — Clinton spoke.", "NEW YORK, Nov. 19 (UPI) —",
     ["NEW YORK, Nov. 19 (UPI) — Clinton spoke."]),
    ("ST. LOUIS, Mo. (AP) — The Latest. More later.", "ST. LOUIS, Mo. (AP) —",
     ["ST. LOUIS, Mo. (AP) — The Latest.", "More later."]),
    ("Dec 29 (Reuters) - U.S. candidate Hillary Clinton spoke.", "Dec 29 (Reuters) -",
     ["Dec 29 (Reuters) - U.S. candidate Hillary Clinton spoke."]),
]


@pytest.mark.parametrize(("text", "dateline", "expected"), DATELINE_CASES)
def test_datelines(text, dateline, expected):
    seg = segment(text)
    assert seg.dateline is not None
    assert text[slice(*seg.dateline)] == dateline
    assert sents(text) == expected


def test_dateline_after_headline_and_byline():
    text = (
        "Clinton calls for more troops.\n\nBy Jane Doe and John Roe\n\n"
        "WASHINGTON — Clinton spoke on Thursday. She left."
    )
    seg = segment(text)
    assert text[slice(*seg.dateline)] == "WASHINGTON —"
    assert text[slice(*seg.byline)] == "By Jane Doe and John Roe"
    assert sents(text) == [
        "Clinton calls for more troops.",
        "By Jane Doe and John Roe",
        "WASHINGTON — Clinton spoke on Thursday.",
        "She left.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The senators met on Tuesday.",
        # the first paragraph is body text (longer than a headline), so no dateline follows
        "NATO said on Tuesday that the talks failed. " * 6 + "\n\nWASHINGTON — too late.",
        "By Monday morning, the ritual had begun.\n\nIt went on.",
        "",
        "   \n\n  ",
    ],
)
def test_no_dateline_or_byline(text):
    seg = segment(text)
    assert seg.dateline is None
    assert seg.byline is None


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Headline here\nBy Jane Doe\nThe story begins.", "By Jane Doe"),
        ("Headline\n\nBY JOHN SMITH, Associated Press\n\nText.", "BY JOHN SMITH, Associated Press"),
        ("By Anne-Marie O’Neil and Ali al-Sayed\n\nText.", "By Anne-Marie O’Neil and Ali al-Sayed"),
    ],
)
def test_bylines(text, byline):
    seg = segment(text)
    assert text[slice(*seg.byline)] == byline


# ----------------------------------------------------------------------------- paragraphs


def test_paragraphs_blank_line_mode_keeps_single_breaks():
    text = "Title line\n\nFirst paragraph.\nStill the first.\n \n\n  Second paragraph.  \n"
    assert paras(text) == ["Title line", "First paragraph.\nStill the first.", "Second paragraph."]
    seg = segment(text)
    assert [text[s:e] for s, e in seg.sentences] == [
        "Title line", "First paragraph.", "Still the first.", "Second paragraph."
    ]
    assert seg.sentence_paragraph == [0, 1, 1, 2]


def test_paragraphs_line_mode_one_per_line():
    text = "Headline without a period\nWASHINGTON — The first line.\r\nThe second line."
    assert paras(text) == [
        "Headline without a period", "WASHINGTON — The first line.", "The second line."
    ]
    # a headline never runs into the first sentence
    assert sents(text)[0] == "Headline without a period"


def test_paragraphs_line_mode_joins_lines_broken_mid_sentence():
    text = "The senator said that the bill\nwould pass, and that the vote,\nHe added, was close.\nNext."
    assert paras(text) == [
        "The senator said that the bill\nwould pass, and that the vote,\nHe added, was close.",
        "Next.",
    ]


def test_quote_opened_and_never_closed_in_paragraph():
    # news style: a quote runs over two paragraphs; the first never closes it
    text = "“We will fight. We will not stop.\n\n“We will win,” he said."
    assert paras(text) == ["“We will fight. We will not stop.", "“We will win,” he said."]
    assert sents(text) == ["“We will fight.", "We will not stop.", "“We will win,” he said."]


def test_sentences_never_cross_paragraphs():
    text = "Mr.\n\nSmith arrived and U.S.\n\nThe end"
    assert sents(text) == ["Mr.", "Smith arrived and U.S.", "The end"]


# ----------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S.-led coalition's 1,000 troops...",
         ["The", "U.S.", "-", "led", "coalition's", "1,000", "troops", "..."]),
        ("don’t al-Muallem 81-year-old 3.5% 10:30 9/11 11th",
         ["don’t", "al-Muallem", "81-year-old", "3.5%", "10:30", "9/11", "11th"]),
        ("John F. Kennedy", ["John", "F", ".", "Kennedy"]),
        ("a.m. e.g. U.S.A.", ["a.m.", "e.g.", "U.S.A."]),
        ("Ph.D. A.B", ["Ph", ".", "D", ".", "A", ".", "B"]),
        ("word--word — “quote” …", ["word", "--", "word", "—", "“", "quote", "”", "…"]),
        ("$1.2 billion, No. 2.", ["$", "1.2", "billion", ",", "No", ".", "2", "."]),
        ("a - b -c d-", ["a", "-", "b", "-", "c", "d", "-"]),
        ("naïve café Zürich 東京", ["naïve", "café", "Zürich", "東京"]),
        ("x", ["x"]),
        ("", []),
    ],
)
def test_tokens(text, expected):
    assert toks(text) == expected


def test_tokens_are_lazy_and_cached():
    text = "Mr. Smith said it. He left."
    lazy = segment(text)
    eager = segment(text, tokens=True)
    assert lazy._tokens is None
    assert lazy.tokens == eager.tokens == token_spans(text)
    assert lazy.tokens is lazy.tokens  # computed once, then cached
    assert lazy.n_tokens == 9


def test_segment_rejects_non_text():
    with pytest.raises(TypeError, match=r"expects `text` to be a str; received NoneType"):
        segment(None)


def test_offset_helpers():
    text = "First one. Second one.\n\nThird one."
    seg = segment(text)
    assert seg.sentence_of(0) == 0
    assert seg.sentence_of(text.index("Second")) == 1
    assert seg.sentence_of(text.index("Third")) == 2
    assert seg.paragraph_of(text.index("Second")) == 0
    assert seg.paragraph_of(text.index("Third")) == 1
    assert seg.paragraph_of(len(text) - 1) == 1
    assert segment(text) == seg
    assert "3 sentences" in repr(seg)


# ----------------------------------------------------------------------------- seed article


def test_seed_article(seed_text):
    seg = segment(seed_text)
    assert len(seg.paragraphs) == 14
    assert len(seg.sentences) == 15
    got = [seed_text[s:e] for s, e in seg.sentences]
    assert got[0].startswith("US Defense Secretary Ashton Carter says")
    assert got[0].endswith("Daesh Takfiri militants in Syria and Iraq.")
    assert got[1].startswith("“Thanks to the leadership of NATO")
    assert got[1].endswith("with the coalition members in Brussels.")
    assert got[7].endswith("if the US-led coalition decides to deploy ground troops.")
    assert got[8].startswith("Bahrain and the UAE also followed")
    assert seg.sentence_paragraph[7] == seg.sentence_paragraph[8] == 7
    assert got[10].endswith("would only lead to a “new world war.”")
    assert seg.dateline is None and seg.byline is None


def test_corpus_tables(seed_corpus):
    p = split_paragraphs(seed_corpus)
    s = split_sentences(seed_corpus)
    t = tokenize(seed_corpus)
    assert list(p.columns) == ["doc_id", "paragraph", "start", "end", "text"]
    assert list(s.columns) == ["doc_id", "sentence", "paragraph", "start", "end", "text"]
    assert list(t.columns) == ["doc_id", "token", "sentence", "start", "end", "text"]
    assert (len(p), len(s)) == (14, 15)
    text = seed_corpus["text"].iloc[0]
    for frame in (p, s, t):
        assert [text[a:b] for a, b in zip(frame["start"], frame["end"])] == frame["text"].tolist()
    assert t["sentence"].is_monotonic_increasing
    assert t["sentence"].max() == 14


def test_corpus_tables_on_hand_made_corpus():
    corpus = pd.DataFrame(
        {"id": ["a", "b"], "outlet": ["x", "y"], "text": ["One. Two.", "Three.\n\nFour."]}
    )
    s = split_sentences(corpus)
    assert s[["doc_id", "sentence", "paragraph", "text"]].values.tolist() == [
        ["a", 0, 0, "One."], ["a", 1, 0, "Two."], ["b", 0, 0, "Three."], ["b", 1, 1, "Four."]
    ]


# ----------------------------------------------------------------------------- data files


def _data(name: str) -> str:
    return resources.files("framing.data").joinpath(name).read_text(encoding="utf-8")


def test_abbreviation_table_has_provenance_and_licence():
    raw = _data("abbreviations.csv")
    header = [line for line in raw.splitlines() if line.startswith("#")]
    assert any("version" in line for line in header)
    assert any("Licence: CC0" in line for line in header)
    rows = list(csv.DictReader(line for line in raw.splitlines() if not line.startswith("#")))
    assert rows and set(rows[0]) == {"abbreviation", "kind", "provenance"}
    assert {r["kind"] for r in rows} == {"title", "month", "other"}
    assert {r["provenance"] for r in rows} == {"hand-curated", "punkt:wikinews"}
    forms = [r["abbreviation"].lower() for r in rows]
    assert len(forms) == len(set(forms)), "duplicate abbreviations"
    assert all(f.endswith(".") and " " not in f for f in forms)
    frame = T.abbreviations()
    assert list(frame.columns) == ["abbreviation", "kind", "provenance"]
    assert len(frame) == len(rows)


def test_sentence_openers_file():
    raw = _data("sentence_openers.txt")
    assert raw.startswith("#") and "CC0" in raw and "version" in raw
    words = [w for w in raw.splitlines() if w and not w.startswith("#")]
    assert len(words) == len(set(words))
    assert all(w[0].isupper() and w.isalpha() for w in words)
    # names that follow an initial must not be openers ("George F. Will")
    assert "Will" not in words and "May" not in words


def _load_tool():
    path = ROOT / "tools" / "train_abbreviations.py"
    spec = importlib.util.spec_from_file_location("train_abbreviations", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_train_abbreviations_merge_keeps_hand_rows_and_drops_junk():
    tool = _load_tool()
    rows = [
        {"abbreviation": "Gen.", "kind": "title", "provenance": "hand-curated"},
        {"abbreviation": "old.", "kind": "other", "provenance": "punkt:wikinews"},
    ]
    merged, added = tool.merge(rows, {"gen", "viz", "sept", "e", "rs.30", "dictator", "a…", "sen"})
    assert added == ["sen", "sept", "viz"]
    assert merged == [
        {"abbreviation": "Gen.", "kind": "title", "provenance": "hand-curated"},
        {"abbreviation": "sen.", "kind": "title", "provenance": "punkt:wikinews"},
        {"abbreviation": "sept.", "kind": "month", "provenance": "punkt:wikinews"},
        {"abbreviation": "viz.", "kind": "other", "provenance": "punkt:wikinews"},
    ]


def test_train_abbreviations_learns_from_text(tmp_path):
    tool = _load_tool()
    text = " ".join(
        f"The plan was approved by Dept. Smith on day {i}. The crowd cheered loudly."
        for i in range(60)
    )
    assert "dept" in tool.learn([text])
    path = tmp_path / "abbr.csv"
    tool.write_table([{"abbreviation": "viz.", "kind": "other", "provenance": "punkt:wikinews"}], path)
    assert tool.read_table(path) == [
        {"abbreviation": "viz.", "kind": "other", "provenance": "punkt:wikinews"}
    ]
    assert path.read_text().startswith("# Abbreviations")


def test_shipped_table_has_no_rejected_entries():
    tool = _load_tool()
    shipped = {a.lower().rstrip(".") for a in T.abbreviations()["abbreviation"]}
    assert not shipped & tool.REJECTED


# ----------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("abcXYZ .,!?;:'\"-—–…“”‘’()\n\t\u00a0\r0123456789$%éü東\u2028")
    + ["Mr. ", "U.S. ", "Jan. ", "No. ", "F. ", "\n\n", "... ", ".” ", "WASHINGTON — ",
       "By Jane Doe\n", "a.m.", "e.g.", "The ", "He ", "?” said ", "3.5 "]
)
_TEXT = st.one_of(
    st.lists(_ALPHABET, max_size=80).map("".join),
    st.text(max_size=200),
)


def _check_spans(spans, n):
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= n
        prev_end = e


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT)
def test_offsets_round_trip_on_random_text(text):
    seg = segment(text)
    n = len(text)
    _check_spans(seg.paragraphs, n)
    _check_spans(seg.sentences, n)
    _check_spans(seg.tokens, n)
    assert len(seg.sentence_paragraph) == len(seg.sentences)
    for (s, e), p in zip(seg.sentences, seg.sentence_paragraph):
        ps, pe = seg.paragraphs[p]
        assert ps <= s < e <= pe
        assert not text[s].isspace() and not text[e - 1].isspace()
    for s, e in seg.paragraphs:
        assert not text[s].isspace() and not text[e - 1].isspace()
    # every paragraph is covered by its sentences' non-space characters
    covered = {i for s, e in seg.sentences for i in range(s, e)}
    for s, e in seg.paragraphs:
        assert all(i in covered or text[i].isspace() for i in range(s, e))
    # tokens: no white space inside, and every non-space character is in a token
    in_token = bytearray(n)
    for s, e in seg.tokens:
        assert not any(c.isspace() for c in text[s:e])
        in_token[s:e] = b"\x01" * (e - s)
    assert all(in_token[i] or text[i].isspace() for i in range(n))
    # all non-space text sits in some paragraph
    in_para = bytearray(n)
    for s, e in seg.paragraphs:
        in_para[s:e] = b"\x01" * (e - s)
    assert all(in_para[i] or text[i].isspace() for i in range(n))
    if seg.dateline is not None:
        ds, de = seg.dateline
        assert 0 <= ds < de <= n
    assert sentence_spans(text) == seg.sentences



# ----------------------------------------------------------------------------- fast paths
# The segmenter takes shortcuts for speed; each one must give exactly what the plain
# definition gives.


def _reference_tokens(text: str) -> list[tuple[int, int]]:
    """token_spans' rules, one character at a time in plain Python."""
    n = len(text)
    word = [re.match(r"\w", c) is not None for c in text]
    digit = [re.match(r"\d", c) is not None for c in text]

    def w(i):
        return 0 <= i < n and word[i]

    def d(i):
        return 0 <= i < n and digit[i]

    join = [False] * n  # join[k]: text[k] and text[k + 1] are in one token
    for k in range(n - 1):
        a, b = text[k], text[k + 1]
        join[k] = (
            (w(k) and w(k + 1))
            or (b in "'’-" and w(k) and w(k + 2)) or (a in "'’-" and w(k - 1) and w(k + 1))
            or (b in ".,:/" and d(k) and d(k + 2)) or (a in ".,:/" and d(k - 1) and d(k + 1))
            or (d(k) and b == "%") or (a == "." == b) or (a in "-—–" and b in "-—–")
        )
    # initialisms: "X." pairs (X an ASCII letter after a non-word character), chained
    pair = [c == "." and i > 0 and text[i - 1] in string.ascii_letters and not w(i - 2)
            for i, c in enumerate(text)]

    def is_pair(i):
        return 0 <= i < n and pair[i]

    for i in range(n):
        if is_pair(i) and (is_pair(i + 2) or is_pair(i - 2)):
            join[i - 1] = True
        if is_pair(i) and is_pair(i + 2):
            join[i] = True
    spans, start = [], None
    for i, c in enumerate(text):
        if c.isspace():
            continue
        if start is None:
            start = i
        if not join[i]:
            spans.append((start, i + 1))
            start = None
    return spans


@pytest.mark.parametrize("text", [
    "The U.S.-led coalition's 1,000 troops... 3.5% e.g. a.m. U.S.A. J.R.R. x.y",
    "al-Muallem 81-year-old -- — – don't ’tis 2015-12-02 1:30 a/b 10/12",
    "A. B. C.D. ab.C. _x_ é.É. ٣.٣ ²% (U.N.)",
    "U.S.A." * 20 + " a.b. x.y.z " * 10 + "J. R. R. " * 10,  # > 32 dots: vectorised fix-up
])
def test_token_table_matches_plain_rules(text):
    assert token_spans(text) == _reference_tokens(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT)
def test_token_table_matches_plain_rules_on_random_text(text):
    assert token_spans(text) == _reference_tokens(text)
    assert T.token_count(text) == len(_reference_tokens(text))


def test_n_tokens_counts_without_building_the_spans():
    text = "The U.S.-led coalition's 1,000 troops... " * 3 + "U.S.A." * 20
    seg = segment(text)
    assert seg.n_tokens == len(token_spans(text)) == T.token_count(text)
    assert seg._tokens is None  # counting did not build the spans
    assert T.token_count("") == 0 and T.token_count("   ") == 0


def test_tokens_of_a_text_longer_than_the_int_cache():
    # past T._INT_CACHE_SIZE the offsets come from plain tolist(); same spans
    n = T._INT_CACHE_SIZE // 3 + 10
    text = "ab " * n
    assert len(text) > T._INT_CACHE_SIZE
    assert token_spans(text) == [(3 * i, 3 * i + 2) for i in range(n)]


def _finditer_matches(text, lo, hi):
    return [(m.span(), m.span(2), m.groups()) for m in T._BOUNDARY.finditer(text, lo, hi)]


def _fast_matches(text, lo, hi):
    return [(m.span(), m.span(2), m.groups()) for m in T._boundary_matches(text, lo, hi)]


@pytest.mark.parametrize("text", [
    "He left. She stayed.", "Why?. Because!. Really?!. No… Yes. Eh?” He said.",
    "?. A ..?. B !!! C …. D", "x. Y", ". A ? B", "U.S. The end.",
])
def test_boundary_search_matches_finditer(text):
    n = len(text)
    for lo, hi in [(0, n), (1, n), (2, n - 1)]:
        assert _fast_matches(text, lo, hi) == _finditer_matches(text, lo, hi)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT, st.integers(0, 5))
def test_boundary_search_matches_finditer_on_random_text(text, cut):
    lo, hi = min(cut, len(text)), max(len(text) - cut, 0)
    assert _fast_matches(text, lo, hi) == _finditer_matches(text, lo, hi)


def test_period_rule_cache_gives_the_same_sentences(monkeypatch):
    text = ("Mr. Smith met Gen. Jones in Sept. 12 talks. He said no. Republicans left. "
            "John F. Kennedy Jr. The U.S. team won. 1. The first. In Jan. The end.")
    expected = sents(text)
    assert expected[1:4] == ["He said no.", "Republicans left.", "John F. Kennedy Jr."]
    # a tiny cache that is cleared over and over: same result
    monkeypatch.setattr(T, "_RULE_CACHE", {})
    monkeypatch.setattr(T, "_RULE_CACHE_MAX", 2)
    assert sents(text) == expected
    assert len(T._RULE_CACHE) <= 2
    assert sents(text) == expected  # now from a warm cache
    # a long chunk without spaces is judged but not kept
    long_chunk = "x" * (T._RULE_CACHE_MAX_CHARS + 1)
    assert sents(f"{long_chunk}. The end.") == [f"{long_chunk}.", "The end."]
    assert long_chunk not in T._RULE_CACHE


# ----------------------------------------------------------------------------- PolNeAR


@pytest.mark.devdata
def test_polnear_train_segments_and_round_trips(polnear_train_records):
    n_sent = 0
    for rec in polnear_train_records:
        text = rec["text"]
        seg = segment(text)
        _check_spans(seg.paragraphs, len(text))
        _check_spans(seg.sentences, len(text))
        _check_spans(seg.tokens, len(text))
        for (s, e), p in zip(seg.sentences, seg.sentence_paragraph):
            ps, pe = seg.paragraphs[p]
            assert ps <= s < e <= pe
        n_sent += len(seg.sentences)
    assert len(polnear_train_records) == 840
    # about 24 sentences per article; a broken splitter is far off either way
    assert 15 * 840 < n_sent < 40 * 840


# ----------------------------------------------------------------------------- benchmark registry


def _load_benchmark():
    path = ROOT / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("framing_benchmark_run", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_benchmark_registry_measures_segmentation_and_tolerates_missing_modules():
    bench = _load_benchmark()
    assert {"paragraphs+sentences", "tokens", "segment"} <= set(bench.STAGES)
    corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["x", "y"],
                           "text": ["Mr. Smith left. He ran.", "WASHINGTON — It rained."]})
    row = bench.measure(bench.STAGES["segment"], corpus, repeats=1, trace=False)
    assert row["status"] == "ok" and row["articles"] == 2 and row["articles/s"] > 0

    @bench.stage("not-yet", requires=["framing._no_such_module_for_tests"])
    def _never(texts):  # pragma: no cover - must not run
        raise AssertionError("an unavailable stage must not run")

    try:
        row = bench.measure(bench.STAGES["not-yet"], corpus, repeats=1, trace=False)
        assert row["status"].startswith("unavailable: framing._no_such_module_for_tests")
        assert "| not-yet |" in bench.markdown([row])
    finally:
        del bench.STAGES["not-yet"]
    with pytest.raises(ValueError, match="stage input must be 'texts' or 'corpus'; received 'x'"):
        bench.stage("bad", input="x")
