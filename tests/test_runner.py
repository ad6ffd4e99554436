"""map_documents: one bad document never sinks a corpus, and nothing is dropped silently."""
from __future__ import annotations

import pandas as pd
import pytest

from framing import FramingWarning
from framing._runner import map_documents


def _count_words(text: str) -> list[dict]:
    if "BOOM" in text:
        raise ValueError("cannot parse this one")
    return [{"n": len(text.split())}]


def test_failing_document_is_reported_once_and_others_go_on():
    docs = [("a", "one two"), ("b", "BOOM"), ("c", "three")]
    with pytest.warns(FramingWarning, match=r"1 document\(s\) could not be processed.*'b'") as rec:
        out = map_documents(docs, _count_words, what="counting", columns=["doc_id", "n"])
    assert len(rec) == 1
    assert out[["doc_id", "n"]].values.tolist() == [["a", 2], ["c", 1]]
    assert out.attrs["status"] == [{"doc_id": "b", "error": "ValueError: cannot parse this one"}]


def test_empty_result_keeps_columns():
    out = map_documents([], _count_words, what="counting", columns=["doc_id", "n"])
    assert list(out.columns) == ["doc_id", "n"] and out.empty


def test_results_can_be_merged_despite_attrs():
    # pandas compares attrs when merging; they must be plain, comparable values
    a = map_documents([("a", "x y")], _count_words, what="a", columns=["doc_id", "n"])
    b = map_documents([("a", "x")], _count_words, what="b", columns=["doc_id", "n"])
    merged = a.merge(b, on="doc_id")
    assert merged.shape == (1, 3)
    assert pd.concat([a, b]).shape == (2, 2)
