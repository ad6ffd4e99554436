"""Keyness, group statistics, within-event comparison and near-duplicates (framing.compare)."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import framing
from framing import compare
from framing._errors import DataError

# ----------------------------------------------------------------------------- log-odds

def test_log_odds_dirichlet_worked_example_to_the_digit():
    # y_i = 10, y_j = 2, alpha_w = 1, alpha_0 = 10, n_i = n_j = 100 (Monroe et al. eq. 22)
    # delta = ln(11 / (100 + 10 - 10 - 1)) - ln(3 / (100 + 10 - 2 - 1))
    #       = ln(11/99) - ln(3/107) = -2.1972246 - (-3.5742166) = 1.3769920
    # var   = 1/11 + 1/3 = 0.4242424;  z = 1.3769920 / sqrt(0.4242424) = 2.1140943
    d, v, z = compare.log_odds_dirichlet([10], [2], [1.0], n_i=100, n_j=100, alpha0=10.0)
    assert d[0] == pytest.approx(1.3769920, abs=1e-7)
    assert v[0] == pytest.approx(0.4242424, abs=1e-7)
    assert z[0] == pytest.approx(2.1140943, abs=1e-7)


def test_keyness_two_groups_hand_computed():
    # A: war 10, peace 90 (n = 100); B: war 2, peace 98 (n = 100).
    # Informative prior = pooled counts: alpha_war = 12, alpha_peace = 188, alpha_0 = 200.
    # delta_war(A - rest) = ln(22 / (100 + 200 - 10 - 12)) - ln(14 / (100 + 200 - 2 - 12))
    #                     = ln(22/278) - ln(14/286) = -2.5365787 + 3.0169345 = 0.4803558
    # var = 1/22 + 1/14 = 0.1168831; z = 0.4803558 / 0.3418817 = 1.4050350
    # G2 (a=10, b=2, c=d=100): E1 = E2 = 6; 2 (10 ln(10/6) + 2 ln(2/6)) = 5.8220633
    # Log Ratio = log2((10/100) / (2/100)) = log2(5) = 2.3219281
    counts = {"A": Counter(war=10, peace=90), "B": Counter(war=2, peace=98)}
    k = framing.keyness(counts, min_count=1)
    row = k[(k["group"] == "A") & (k["term"] == "war")].iloc[0]
    assert row["reference"] == "rest"
    assert (row["count"], row["count_reference"], row["n_group"], row["n_reference"]) == (
        10, 2, 100, 100)
    assert row["prior"] == pytest.approx(12.0)
    assert row["log_odds"] == pytest.approx(0.4803558, abs=1e-7)
    assert row["variance"] == pytest.approx(0.1168831, abs=1e-7)
    assert row["z"] == pytest.approx(1.4050350, abs=1e-6)
    assert row["g2"] == pytest.approx(5.8220633, abs=1e-7)
    assert row["log_ratio"] == pytest.approx(2.3219281, abs=1e-7)
    # chi-squared(1) upper tail of 5.8220633
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(5.8220633 / 2)), rel=1e-6)
    # symmetric for the other group
    other = k[(k["group"] == "B") & (k["term"] == "war")].iloc[0]
    assert other["log_odds"] == pytest.approx(-0.4803558, abs=1e-7)


def test_g_squared_and_log_ratio_zero_counts():
    # a = 0: only the b term: 2 * 5 ln(5 / 2.5) = 10 ln 2 = 6.9314718
    assert float(compare.g_squared(0, 5, 100, 100)) == pytest.approx(6.9314718, abs=1e-7)
    # Hardie: a zero count is taken as 0.5 -> log2(0.5 / 5) = -3.3219281
    assert float(compare.log_ratio(0, 5, 100, 100)) == pytest.approx(-3.3219281, abs=1e-7)


def test_keyness_pairwise_any_number_of_groups():
    counts = {g: Counter({"a": i + 1, "b": 10, "c": 5 * i + 1}) for i, g in enumerate("XYZW")}
    k = framing.keyness(counts, compare="pairwise", min_count=1)
    pairs = set(zip(k["group"], k["reference"]))
    assert pairs == {("W", "X"), ("W", "Y"), ("W", "Z"), ("X", "Y"), ("X", "Z"), ("Y", "Z")}
    assert {"count", "count_reference", "n_group", "n_reference"} <= set(k.columns)
    one = framing.keyness(counts, min_count=1)
    assert set(one["group"]) == set("XYZW") and set(one["reference"]) == {"rest"}


def test_keyness_on_a_corpus_counts_words(seed_corpus):
    other = pd.DataFrame({"id": ["x"], "outlet": ["Other"],
                          "text": ["Officials said the talks went well. Officials said so."]})
    corpus = pd.concat([seed_corpus[["id", "outlet", "text"]], other], ignore_index=True)
    k = framing.keyness(corpus, min_count=2)
    row = k[(k["group"] == "Other") & (k["term"] == "officials")].iloc[0]
    assert row["count"] == 2
    assert row["n_group"] == 9          # officials said the talks went well officials said so


def test_keyness_errors():
    with pytest.raises(ValueError, match="compare must be 'one_vs_rest' or 'pairwise'"):
        framing.keyness({"a": Counter(x=1), "b": Counter(x=2)}, compare="all")
    with pytest.raises(DataError, match="keyness needs at least two groups"):
        framing.keyness({"a": Counter(x=1)})
    with pytest.raises(TypeError, match="keyness expects a corpus DataFrame"):
        framing.keyness(42)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=3, max_size=3),
       st.lists(st.integers(0, 50), min_size=3, max_size=3))
def test_keyness_antisymmetric(a, b):
    counts = {"A": Counter(dict(zip("xyz", a))), "B": Counter(dict(zip("xyz", b)))}
    counts = {g: +c for g, c in counts.items()}
    # log-odds are undefined (inf - inf) when the whole vocabulary is a single word
    assume(counts["A"] and counts["B"] and len(counts["A"] + counts["B"]) >= 2)
    k = compare.keyness_from_counts(counts, min_count=1)
    a_rows = k[k["group"] == "A"].set_index("term")
    b_rows = k[k["group"] == "B"].set_index("term")
    for term in a_rows.index:
        assert a_rows.loc[term, "log_odds"] == pytest.approx(-b_rows.loc[term, "log_odds"])
        assert a_rows.loc[term, "g2"] == pytest.approx(b_rows.loc[term, "g2"])
        assert a_rows.loc[term, "g2"] >= -1e-12


# ----------------------------------------------------------------------------- groups

def _docs(rows):
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "n_tokens", "n_quotes", "n_direct",
                                       "status"])


def _toy_documents(n_a=12, n_b=3):
    rng = np.random.default_rng(1)
    rows = [(f"a{i}", "A", 100, int(rng.integers(2, 6)), 1, "ok") for i in range(n_a)]
    rows += [(f"b{i}", "B", 100, int(rng.integers(0, 3)), 0, "ok") for i in range(n_b)]
    return _docs(rows)


def test_group_metrics_pooled_ratio_ci_and_small_groups():
    docs = _toy_documents()
    g = compare.group_metrics(docs, n_boot=300, seed=3)
    row = g[(g["outlet"] == "A") & (g["metric"] == "direct quote share")].iloc[0]
    a = docs[docs["outlet"] == "A"]
    assert row["value"] == pytest.approx(a["n_direct"].sum() / a["n_quotes"].sum())
    assert row["ci_low"] <= row["value"] <= row["ci_high"]
    assert row["numerator"] == a["n_direct"].sum() and row["n_docs"] == 12
    assert not row["small_group"]
    assert g.loc[g["outlet"] == "B", "small_group"].all()
    # reproducible with a seed, different with another
    pd.testing.assert_frame_equal(g, compare.group_metrics(docs, n_boot=300, seed=3))
    other = compare.group_metrics(docs, n_boot=300, seed=4)
    assert not np.allclose(other["ci_low"].fillna(0), g["ci_low"].fillna(0))


def test_group_metrics_skips_failed_documents():
    docs = _toy_documents()
    docs.loc[0, "status"] = "error"
    g = compare.group_metrics(docs, n_boot=10)
    assert g.loc[g["outlet"] == "A", "n_docs"].iloc[0] == 11


def test_pairwise_differences_permutation_and_holm():
    docs = _toy_documents(12, 12)
    pw = compare.pairwise_differences(docs, n_perm=500, n_boot=200, seed=0)
    row = pw[pw["metric"] == "quotes per article"].iloc[0]
    assert (row["group_a"], row["group_b"]) == ("A", "B")
    assert row["difference"] == pytest.approx(row["value_a"] - row["value_b"])
    assert row["p_value"] < 0.01                      # A quotes 2-5, B 0-2 per article
    assert (pw["p_holm"].dropna() >= pw.loc[pw["p_holm"].notna(), "p_value"] - 1e-12).all()
    assert row["n_a"] == 12 and row["n_b"] == 12 and not row["small_group"]


def test_pairwise_differences_holm_within_metric_three_groups():
    docs = pd.concat([_toy_documents(10, 10),
                      _docs([(f"c{i}", "C", 100, 3, 1, "ok") for i in range(10)])])
    pw = compare.pairwise_differences(docs, n_perm=200, n_boot=0, seed=0)
    sub = pw[pw["metric"] == "quotes per article"]
    assert len(sub) == 3
    from framing.stats import holm

    assert np.allclose(sub["p_holm"], holm(sub["p_value"].to_numpy()))
    assert sub["ci_low"].isna().all()               # n_boot=0: no interval


# ----------------------------------------------------------------------------- within event

def test_within_event_pairs_only_shared_events_and_ignores_topic_mix():
    # Outlet A covers e1 (quote-heavy) twice and e2 once; B covers e1 once, e2 three times and
    # e3 (which A never covered).  Per event: e1: A 10, B 9; e2: A 1, B 0.  Mean paired
    # difference = ((10 - 9) + (1 - 0)) / 2 = 1.0.  Pooled over all articles B looks far
    # lower only because it covers the quote-poor event e2 more (topic mix).
    rows = [
        ("a1", "A", "e1", 100, 10), ("a2", "A", "e1", 100, 10), ("a3", "A", "e2", 100, 1),
        ("b1", "B", "e1", 100, 9), ("b2", "B", "e2", 100, 0), ("b3", "B", "e2", 100, 0),
        ("b4", "B", "e2", 100, 0), ("b5", "B", "e3", 100, 50),
    ]
    docs = pd.DataFrame(rows, columns=["doc_id", "outlet", "event", "n_tokens", "n_quotes"])
    ev = compare.within_event(docs, n_boot=200, seed=0)
    row = ev[ev["metric"] == "quotes per article"].iloc[0]
    assert row["n_events"] == 2
    assert row["events"] == "e1;e2"
    assert row["mean_difference"] == pytest.approx(1.0)
    # exact sign-flip test over 2 events: 4 patterns, 2 as extreme -> 0.5
    assert row["p_value"] == pytest.approx(0.5)
    assert row["small_group"]


def test_within_event_needs_event_column():
    with pytest.raises(DataError, match="within_event needs an 'event' column"):
        compare.within_event(_toy_documents())


# ----------------------------------------------------------------------------- duplicates

WIRE = ("BRUSSELS (AP) — NATO defence ministers agreed on Thursday to send ships to the "
        "Aegean Sea to help stem the flow of migrants, the alliance's secretary-general said. "
        "The decision came after a request from Germany, Greece and Turkey. ")


def _dup_corpus():
    return pd.DataFrame({
        "id": ["ap-1", "other", "copy-x", "copy-y"],
        "outlet": ["AP", "Local", "X", "Y"],
        "text": [WIRE * 2, "The city council met on Tuesday to discuss the budget for parks.",
                 WIRE * 2 + "Reporting by our staff.", "Updated: " + WIRE * 2],
    })


def test_near_duplicates_finds_wire_copy_across_outlets():
    pairs = compare.near_duplicates(_dup_corpus())
    found = {frozenset(p) for p in zip(pairs["doc_id_a"], pairs["doc_id_b"])}
    assert found == {frozenset({"ap-1", "copy-x"}), frozenset({"ap-1", "copy-y"}),
                     frozenset({"copy-x", "copy-y"})}
    assert pairs["cross_group"].all()
    assert (pairs["similarity"] >= 0.8).all()


def test_duplicate_of_keeps_first_of_each_cluster():
    corpus = _dup_corpus()
    dup = compare.duplicate_of(corpus["id"], compare.near_duplicates(corpus))
    assert dup.tolist() == [None, None, "ap-1", "ap-1"]


def test_near_duplicates_threshold_error():
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\]"):
        compare.near_duplicates(_dup_corpus(), threshold=0)


def test_near_duplicates_sketch_options_are_whole_numbers():
    import numpy as np

    base = compare.near_duplicates(_dup_corpus(), k=16)
    # numpy integers (e.g. from a config array) reach the compiled sketch code as ints
    assert base.equals(compare.near_duplicates(_dup_corpus(), k=np.int64(16)))
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match=r"k must be a positive whole number, got"):
            compare.near_duplicates(_dup_corpus(), k=bad)
    with pytest.raises(ValueError, match=r"shingle must be a positive whole number, got"):
        compare.near_duplicates(_dup_corpus(), shingle=-3)


def test_text_sketch_resemblance_tracks_jaccard():
    from framing._pipeline import text_sketch

    a = " ".join(f"word{i}" for i in range(400))
    b = " ".join(f"word{i}" for i in range(200, 600))
    sim = compare._resemblance(text_sketch(a), text_sketch(b), 32)
    assert 0.15 < sim < 0.55           # true shingle Jaccard is about 1/3
    assert compare._resemblance(text_sketch(a), text_sketch(a), 32) == 1.0


def test_batched_statistics_equal_one_pass(monkeypatch):
    # large corpora compute the metrics in batches (one per denominator) to bound memory;
    # every batch uses the same seed, so the results are exactly those of one pass
    rng = np.random.default_rng(0)
    n = 200
    docs = pd.DataFrame({
        "doc_id": range(n), "outlet": rng.choice(list("ABC"), n),
        "n_tokens": rng.integers(50, 500, n), "n_quotes": rng.integers(0, 9, n),
        "n_direct": rng.integers(0, 3, n), "n_loaded": rng.integers(0, 12, n), "status": "ok",
    })
    one = compare.group_metrics(docs, n_boot=100), compare.pairwise_differences(
        docs, n_perm=100, n_boot=100)
    monkeypatch.setattr(compare, "_BATCH_BYTES", 1)
    assert len(compare._batches(compare.metric_definitions(docs.columns), n)) > 1
    batched = compare.group_metrics(docs, n_boot=100), compare.pairwise_differences(
        docs, n_perm=100, n_boot=100)
    pd.testing.assert_frame_equal(one[0], batched[0])
    pd.testing.assert_frame_equal(one[1], batched[1])
