"""framing.stats: worked examples to the digit, reproducibility, invariants, errors."""
from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import stats
from framing._errors import DataError

# ----------------------------------------------------------------------------- indices


def test_shannon_evenness_worked_example():
    # counts 3,1,1 -> p = .6,.2,.2
    # H = -(.6 ln .6 + 2 * .2 ln .2) = .6 * .5108256 + .4 * 1.6094379 = 0.9502705
    # J = H / ln 3 = 0.9502705 / 1.0986123 = 0.8649735
    assert stats.shannon_evenness([3, 1, 1]) == pytest.approx(0.8649735207, abs=1e-10)
    assert stats.shannon_evenness([0.6, 0.2, 0.2]) == pytest.approx(0.8649735207, abs=1e-10)


def test_shannon_evenness_bounds_and_k():
    assert stats.shannon_evenness([2, 2, 2, 2]) == pytest.approx(1.0)
    assert stats.shannon_evenness([5, 0, 0]) == 0.0
    # counts 1,1 over k=4 possible categories: H = ln 2, J = ln 2 / ln 4 = 0.5
    assert stats.shannon_evenness([1, 1], k=4) == pytest.approx(0.5)
    assert math.isnan(stats.shannon_evenness([3]))
    assert math.isnan(stats.shannon_evenness([0, 0]))


def test_iqv_worked_example():
    # sum p^2 = .36 + .04 + .04 = .44 ; IQV = 3/2 * (1 - .44) = 0.84
    assert stats.iqv([3, 1, 1]) == pytest.approx(0.84, abs=1e-12)
    # two categories 2/5, 3/5: 1 - (.16 + .36) = .48 ; * 2 = 0.96
    assert stats.iqv([2, 3]) == pytest.approx(0.96, abs=1e-12)
    # k given: counts 1,1 among 4 categories: 4/3 * (1 - .5) = 0.666...
    assert stats.iqv([1, 1], k=4) == pytest.approx(2 / 3, abs=1e-12)


def test_dominance_and_shares():
    assert stats.dominance([3, 1, 1]) == pytest.approx(0.6)
    assert stats.shares([3, 1, 1]).tolist() == pytest.approx([0.6, 0.2, 0.2])
    rows = stats.dominance([[1, 3], [2, 2]])
    assert rows.tolist() == pytest.approx([0.75, 0.5])
    assert math.isnan(stats.dominance([0, 0]))


def test_vectorised_indices_match_rows():
    m = np.array([[3, 1, 1], [1, 1, 1], [5, 0, 0]])
    ev = stats.shannon_evenness(m)
    assert ev.tolist() == pytest.approx([0.8649735207, 1.0, 0.0])
    assert stats.iqv(m).tolist() == pytest.approx([0.84, 1.0, 0.0])


def test_official_anonymous_share():
    roles = ["official", "official", "citizen", "anonymous", "official"]
    assert stats.official_share(roles) == pytest.approx(0.6)
    assert stats.anonymous_share(roles) == pytest.approx(0.2)
    # weighted by quotes: official 1+1+1 of 1+1+4+1+1 = 3/8
    assert stats.official_share(roles, weights=[1, 1, 4, 1, 1]) == pytest.approx(0.375)
    assert math.isnan(stats.official_share([]))


def test_index_errors():
    with pytest.raises(DataError, match="k must be at least the number of categories"):
        stats.iqv([1, 2, 3], k=2)
    with pytest.raises(DataError, match="counts must be non-negative"):
        stats.shares([1, -1])
    with pytest.raises(DataError, match="weights must have one value per label"):
        stats.category_share(["a", "b"], "a", weights=[1])


# ----------------------------------------------------------------------------- Holm


def test_holm_worked_example():
    # sorted: .005*4=.02, .01*3=.03, .03*2=.06, .04*1=.04 -> running max .02,.03,.06,.06
    adj = stats.holm([0.01, 0.04, 0.03, 0.005])
    assert adj.tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_holm_caps_and_nan():
    adj = stats.holm([0.5, np.nan, 0.6])
    assert adj[0] == pytest.approx(1.0) and adj[2] == pytest.approx(1.0)
    assert math.isnan(adj[1])
    assert stats.holm([]).tolist() == []
    with pytest.raises(DataError, match=r"pvalues must lie in \[0, 1\]"):
        stats.holm([0.1, 1.5])


@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_holm_invariants(ps):
    p = np.array(ps)
    adj = stats.holm(p)
    assert np.all(adj >= p - 1e-15)
    assert np.all(adj <= 1.0)
    order = np.argsort(p, kind="mergesort")
    assert np.all(np.diff(adj[order]) >= -1e-15)  # monotone in p


# ----------------------------------------------------------------------------- bootstrap


def _naive_ratio_ci(num, den, n_resamples, confidence, seed):
    """The textbook loop: one index vector per resample, same random stream."""
    rng = np.random.default_rng(seed)
    num, den = np.asarray(num, float), np.asarray(den, float)
    n = len(num)
    idx = rng.integers(0, n, size=(n_resamples, n))
    dist = np.array([num[i].sum() / den[i].sum() for i in idx])
    a = (1 - confidence) / 2
    return np.quantile(dist, [a, 1 - a])


def test_bootstrap_ratio_matches_textbook_loop_to_the_digit():
    num = [2, 1, 2, 0, 3, 1]
    den = [5, 2, 3, 4, 6, 2]
    r = stats.bootstrap_ratio(num, den, n_resamples=500, seed=7)
    lo, hi = _naive_ratio_ci(num, den, 500, 0.95, 7)
    assert r.estimate == pytest.approx(9 / 22, abs=1e-15)
    assert r.low == pytest.approx(lo, abs=1e-12)
    assert r.high == pytest.approx(hi, abs=1e-12)


def test_bootstrap_ratio_two_d_columns_agree_with_one_d():
    counts = np.array([[2, 3, 0], [1, 0, 1], [0, 2, 2], [4, 0, 0]])
    den = counts.sum(axis=1)
    r2 = stats.bootstrap_ratio(counts, den, n_resamples=300, seed=3)
    for j in range(3):
        r1 = stats.bootstrap_ratio(counts[:, j], den, n_resamples=300, seed=3)
        assert r2.estimate[j] == pytest.approx(r1.estimate)
        assert r2.low[j] == pytest.approx(r1.low)
        assert r2.high[j] == pytest.approx(r1.high)
    assert r2.estimate.sum() == pytest.approx(1.0)


def test_bootstrap_reproducible_with_seed_and_blocks(monkeypatch):
    num = np.arange(50) % 4
    den = np.full(50, 3)
    a = stats.bootstrap_ratio(num, den, seed=11)
    b = stats.bootstrap_ratio(num, den, seed=11)
    c = stats.bootstrap_ratio(num, den, seed=12)
    assert a == b
    assert a != c


def test_bootstrap_ratio_edge_cases():
    r = stats.bootstrap_ratio([0, 0], [0, 0])
    assert math.isnan(r.estimate) and math.isnan(r.low)
    r = stats.bootstrap_ratio([], [])
    assert math.isnan(r.estimate)
    # a single document: no sampling variability
    r = stats.bootstrap_ratio([1], [4])
    assert (r.estimate, r.low, r.high) == (0.25, 0.25, 0.25)


def test_bootstrap_general_matches_loop():
    vals = np.array([12.0, 30, 8, 15, 22, 9])
    r = stats.bootstrap(vals, np.mean, n_resamples=400, seed=5)
    rv = stats.bootstrap(vals, lambda s: s.mean(axis=1), n_resamples=400, seed=5, vectorized=True)
    assert r == rv
    rng = np.random.default_rng(5)
    idx = rng.integers(0, 6, size=(400, 6))
    lo, hi = np.quantile(vals[idx].mean(axis=1), [0.025, 0.975])
    assert r.low == pytest.approx(lo) and r.high == pytest.approx(hi)
    assert r.estimate == pytest.approx(16.0)


def test_bootstrap_ratio_diff_paired_and_unpaired():
    r = stats.bootstrap_ratio_diff([3, 1], [4, 4], [1, 0], [4, 4], seed=0)
    assert r.estimate == pytest.approx(0.5 - 0.125)
    rp = stats.bootstrap_ratio_diff([3, 1, 2], [4, 4, 4], [1, 0, 2], [4, 4, 4], paired=True,
                                    seed=0)
    assert rp.estimate == pytest.approx(0.5 - 0.25)
    assert rp.low <= rp.estimate <= rp.high
    with pytest.raises(DataError, match="paired=True needs the same documents"):
        stats.bootstrap_ratio_diff([1], [1], [1, 2], [2, 2], paired=True)


def test_bootstrap_errors():
    with pytest.raises(DataError, match="n_resamples must be a positive integer"):
        stats.bootstrap_ratio([1], [1], n_resamples=0)
    with pytest.raises(DataError, match="confidence must be strictly between 0 and 1"):
        stats.bootstrap_ratio([1], [1], confidence=95)
    with pytest.raises(DataError, match=r"den must have one row per document \(2\)"):
        stats.bootstrap_ratio([1, 2], [1, 2, 3])
    with pytest.raises(DataError, match="values_per_doc must have one entry per document"):
        stats.bootstrap(3.0, np.mean)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), min_size=3, max_size=3), min_size=1, max_size=12),
       st.integers(0, 10_000))
def test_bootstrap_shares_invariants(rows, seed):
    counts = np.array(rows)
    den = counts.sum(axis=1)
    r = stats.bootstrap_ratio(counts, den, n_resamples=50, seed=seed)
    if den.sum() == 0:
        assert np.isnan(r.estimate).all()
        return
    assert r.estimate.sum() == pytest.approx(1.0)
    # percentile CIs need not contain the estimate, but their bounds are shares
    assert np.all((r.low >= -1e-12) & (r.high <= 1 + 1e-12))
    # document order does not change the estimate
    perm = np.random.default_rng(seed).permutation(len(counts))
    r2 = stats.bootstrap_ratio(counts[perm], den[perm], n_resamples=50, seed=seed)
    assert r2.estimate == pytest.approx(r.estimate)


# ----------------------------------------------------------------------------- permutation


def _exact_two_sided(a, b):
    pooled = np.array(a + b, float)
    n, na = len(pooled), len(a)
    obs = abs(np.mean(a) - np.mean(b))
    hits = total = 0
    for comb in combinations(range(n), na):
        m = np.zeros(n, bool)
        m[list(comb)] = True
        d = abs(pooled[m].mean() - pooled[~m].mean())
        hits += d >= obs - 1e-12
        total += 1
    return hits / total


def test_permutation_test_close_to_exact_enumeration():
    a, b = [5, 6, 7, 8], [1, 2, 3, 4]
    exact = _exact_two_sided(a, b)
    assert exact == pytest.approx(2 / 70)
    r = stats.permutation_test(a, b, n_resamples=20_000, seed=1)
    assert r.statistic == 4.0
    assert r.pvalue == pytest.approx(exact, abs=0.005)
    a, b = [3, 1, 4, 1], [5, 9, 2, 6, 5]
    r = stats.permutation_test(a, b, n_resamples=20_000, seed=2)
    assert r.pvalue == pytest.approx(_exact_two_sided(a, b), abs=0.01)


def test_permutation_test_one_sided_and_reproducible():
    a, b = [5, 6, 7, 8], [1, 2, 3, 4]
    g = stats.permutation_test(a, b, alternative="greater", seed=0)
    lt = stats.permutation_test(a, b, alternative="less", seed=0)
    assert g.pvalue < 0.05 < lt.pvalue
    assert stats.permutation_test(a, b, seed=9) == stats.permutation_test(a, b, seed=9)
    # p-value never zero (Phipson & Smyth): at least 1 / (B + 1)
    r = stats.permutation_test(a, b, n_resamples=99, seed=0)
    assert r.pvalue >= 0.01


def test_permutation_test_ratio_statistic_and_null():
    r = stats.permutation_test_ratio([3, 4, 5], [10, 10, 10], [1, 0, 1], [10, 10, 10], seed=0)
    assert r.statistic == pytest.approx(12 / 30 - 2 / 30)
    assert 0 < r.pvalue <= 1
    # identical groups: no evidence
    same = stats.permutation_test_ratio([1, 2, 3], [5, 5, 5], [1, 2, 3], [5, 5, 5], seed=0)
    assert same.statistic == 0 and same.pvalue == 1.0
    # 2-D numerators with a 1-D denominator: one test per column
    num_a = np.array([[3, 1], [4, 0], [5, 1]])
    num_b = np.array([[1, 1], [0, 1], [1, 0]])
    r2 = stats.permutation_test_ratio(num_a, [10, 10, 10], num_b, [10, 10, 10], seed=0)
    assert r2.statistic.tolist() == pytest.approx([12 / 30 - 2 / 30, 0.0])
    r1 = stats.permutation_test_ratio(num_a[:, 0], [10, 10, 10], num_b[:, 0], [10, 10, 10],
                                      seed=0)
    assert r2.pvalue[0] == pytest.approx(r1.pvalue)


def test_permutation_errors():
    with pytest.raises(DataError, match="alternative must be one of"):
        stats.permutation_test([1, 2], [3, 4], alternative="both")
    with pytest.raises(DataError, match="each group needs at least one document"):
        stats.permutation_test([], [3, 4])
    with pytest.raises(DataError, match="a and b must have the same number of columns"):
        stats.permutation_test([[1, 2]], [[3, 4, 5]])


# ----------------------------------------------------------------------------- fast paths

def _reference_permutation_ratio(num_a, den_a, num_b, den_b, n_resamples, seed):
    """The textbook algorithm the fast path must reproduce bit for bit: one block of
    uniform keys, the n_a smallest by argpartition, float64 products."""
    num, den = np.concatenate([num_a, num_b]), np.concatenate([den_a, den_b])
    n, n_a = len(num), len(num_a)
    rng = np.random.default_rng(seed)
    keys = rng.random((n_resamples, n))
    mask = np.zeros((n_resamples, n))
    np.put_along_axis(mask, np.argpartition(keys, n_a - 1, axis=1)[:, :n_a], 1.0, axis=1)
    sn, sd = mask @ num, mask @ den
    tn, td = num.sum(axis=0), den.sum(axis=0)
    null = sn / sd - (tn - sn) / (td - sd)
    obs = num_a.sum(axis=0) / den_a.sum(axis=0) - num_b.sum(axis=0) / den_b.sum(axis=0)
    hits = np.abs(null) >= np.abs(obs) - 1e-12 * np.maximum(1.0, np.abs(obs))
    return (1.0 + hits.sum(axis=0)) / (1.0 + n_resamples)


@pytest.mark.parametrize("scale", [1.0, 0.5, 1e7])   # float32 products, non-integers, huge
def test_permutation_test_ratio_equals_reference_algorithm(scale):
    rng = np.random.default_rng(3)
    num = rng.integers(0, 6, size=(70, 4)) * scale
    den = (rng.integers(1, 30, size=(70, 4)) * scale)
    den[:, 2] = den[:, 0]                       # shared denominators are summed once
    got = stats.permutation_test_ratio(num[:30], den[:30], num[30:], den[30:],
                                       n_resamples=3000, seed=11)
    want = _reference_permutation_ratio(num[:30], den[:30], num[30:], den[30:], 3000, 11)
    assert got.pvalue.tolist() == want.tolist()


def test_float32_products_are_used_only_when_exact():
    small = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert stats._product_dtype(10.0, small) is np.float32
    assert stats._product_dtype(2.0**24, small) is np.float64      # sums could round
    assert stats._product_dtype(10.0, small + 0.5) is np.float64   # not integer counts


def test_bootstrap_ratio_diff_independent_of_product_dtype(monkeypatch):
    rng = np.random.default_rng(4)
    na, da = rng.integers(0, 5, (40, 3)), rng.integers(1, 40, 40)
    nb, db = rng.integers(0, 5, (25, 3)), rng.integers(1, 40, 25)
    fast = stats.bootstrap_ratio_diff(na, da, nb, db, n_resamples=500, seed=2)
    monkeypatch.setattr(stats, "_F32_EXACT", 0.0)                  # force float64
    slow = stats.bootstrap_ratio_diff(na, da, nb, db, n_resamples=500, seed=2)
    assert fast.low.tolist() == slow.low.tolist() and fast.high.tolist() == slow.high.tolist()


# ----------------------------------------------------------------------------- fast paths
# (the resampling fast paths must give exactly what the plain NumPy formulations give)


@settings(max_examples=200, deadline=None)
@given(b=st.integers(1, 400), m=st.integers(1, 4), seed=st.integers(0, 2**31 - 1),
       grid=st.sampled_from([0, 3, 1000]), q=st.sampled_from([(0.025, 0.975), (0.05, 0.95),
                                                               (0.005, 0.995), (0.25, 0.75)]))
def test_quantile_pair_equals_numpy_quantile_bit_for_bit(b, m, seed, grid, q):
    rng = np.random.default_rng(seed)
    dist = rng.normal(size=(b, m))
    if grid:                          # ties, zeros and negative zeros
        dist = np.round(dist * grid) / grid
        dist[rng.random((b, m)) < 0.1] = -0.0
    got = np.asarray(stats._quantile_pair(dist, *q))
    want = np.quantile(dist, list(q), axis=0)
    assert got.shape == want.shape
    assert got.tobytes() == want.tobytes()


class _TiedKeys:
    """A generator whose uniform keys sit on a coarse grid, so that keys tie."""

    def __init__(self, seed, grid=50):
        self.rng, self.grid = np.random.default_rng(seed), grid

    def random(self, size=None, out=None):
        x = np.floor(self.rng.random(size if out is None else out.shape) * self.grid) / self.grid
        if out is None:
            return x
        out[...] = x
        return out


@settings(max_examples=150, deadline=None)
@given(n=st.integers(2, 300), frac=st.floats(0, 1), n_resamples=st.integers(1, 700),
       cells=st.sampled_from([None, 1000, 65536]), seed=st.integers(0, 10_000),
       tied=st.booleans(), dtype=st.sampled_from([np.float32, np.float64]))
def test_reused_mask_blocks_equal_the_plain_permutation_masks(n, frac, n_resamples, cells, seed,
                                                              tied, dtype):
    n_a = round(frac * n)
    cells = cells or n
    make = (lambda: _TiedKeys(seed)) if tied else (lambda: np.random.default_rng(seed))
    r1, r2 = make(), make()
    want = np.concatenate([stats._permuted_masks(r1, n, n_a, b, dtype)
                           for b in stats._blocks(n_resamples, n, cells)])
    got = np.concatenate([m.copy() for _, m in
                          stats._mask_blocks(r2, n, n_a, n_resamples, cells, dtype)])
    assert got.dtype == want.dtype and np.array_equal(got, want)
    assert (want.sum(axis=1) == n_a).all()
