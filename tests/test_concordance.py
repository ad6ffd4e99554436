"""Keyword in context (framing.kwic)."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.concordance import KWIC_COLUMNS, KwicTable, kwic_html

CORPUS = pd.DataFrame({
    "id": ["d1", "d2"],
    "outlet": ["Alpha", "Beta"],
    "text": [
        "The so-called  Islamic State lost ground.\nISIS fighters fled the crisis zone.",
        "Officials said so called rebels, whom others call ISIS, were 'terrorists'.",
    ],
})


def test_kwic_columns_offsets_and_context():
    k = framing.kwic(CORPUS, "ISIS", window=20)
    assert isinstance(k, KwicTable)
    assert list(k.columns) == KWIC_COLUMNS
    assert k[["doc_id", "outlet"]].values.tolist() == [["d1", "Alpha"], ["d2", "Beta"]]
    texts = dict(zip(CORPUS["id"], CORPUS["text"]))
    for r in k.itertuples(index=False):
        assert texts[r.doc_id][r.start:r.end] == r.match
    # context never crosses the paragraph (line) break before the match
    assert k["left"].iloc[0] == ""
    assert k["right"].iloc[0] == " fighters fled the"


def test_kwic_whole_word_and_case():
    assert len(framing.kwic(CORPUS, "isis")) == 2            # case-insensitive by default
    assert len(framing.kwic(CORPUS, "isis", case=True)) == 0
    assert "crisis" not in framing.kwic(CORPUS, "isis")["match"].str.lower().tolist()
    assert len(framing.kwic(CORPUS, "isis", whole_word=False)) == 3   # + "crISIS"


def test_kwic_multiword_matches_any_spacing():
    k = framing.kwic(CORPUS, "so-called Islamic State")
    assert k["match"].tolist() == ["so-called  Islamic State"]
    assert framing.kwic(CORPUS, "so called")["doc_id"].tolist() == ["d2"]


def test_kwic_regex_and_compiled_pattern():
    k = framing.kwic(CORPUS, r"so[- ]called", regex=True)
    assert k["match"].tolist() == ["so-called", "so called"]
    k2 = framing.kwic(CORPUS, re.compile(r"'(\w+)'"))
    assert k2["match"].tolist() == ["'terrorists'"]


def test_kwic_limit_and_empty():
    assert len(framing.kwic(CORPUS, "ISIS", limit=1)) == 1
    empty = framing.kwic(CORPUS, "Daesh")
    assert empty.empty and list(empty.columns) == KWIC_COLUMNS


def test_kwic_on_seed(seed_corpus):
    k = framing.kwic(seed_corpus, "Daesh", window=30)
    assert len(k) >= 1 and set(k["match"]) == {"Daesh"}


def test_kwic_errors():
    with pytest.raises(ValueError, match="window must be a non-negative integer"):
        framing.kwic(CORPUS, "ISIS", window=-1)
    with pytest.raises(ValueError, match="not a valid regular expression"):
        framing.kwic(CORPUS, "(", regex=True)
    with pytest.raises(ValueError, match="term_or_regex must be a non-empty string"):
        framing.kwic(CORPUS, "  ")
    with pytest.raises(framing.DataError, match="kwic needs a corpus with 'id' and 'text'"):
        framing.kwic(CORPUS.drop(columns=["text"]), "ISIS")


def test_kwic_html_escapes_and_highlights():
    evil = pd.DataFrame({"id": ["<b>x</b>"], "outlet": ['"><img src=x onerror=alert(1)>'],
                         "text": ["<script>alert(1)</script> ISIS <i>y</i>"]})
    out = kwic_html(framing.kwic(evil, "ISIS"))
    assert "<script>" not in out and "<img" not in out and "<b>x" not in out
    assert "&lt;script&gt;" in out and "<mark" in out


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=80), st.integers(0, 30))
def test_kwic_offsets_always_round_trip(text, window):
    corpus = pd.DataFrame({"id": ["t"], "outlet": ["o"], "text": [text]})
    k = framing.kwic(corpus, "ab", window=window)
    for r in k.itertuples(index=False):
        assert text[r.start:r.end] == r.match
        assert len(r.left) <= window + 1 and "\n" not in r.left + r.right
