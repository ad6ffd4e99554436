"""Statistics primitives: document-resampling bootstrap, permutation tests, Holm, balance indices.

Every function here is pure, vectorised NumPy and takes per-document arrays: the
unit of resampling is always the *document* (an article), because words, quotes and
sources within one article are not independent.  All random procedures take a
``seed`` and are exactly reproducible with it.

Resampling
    :func:`bootstrap_ratio` (shares and rates from per-document counts),
    :func:`bootstrap_ratio_diff` (difference of two shares/rates),
    :func:`bootstrap` (any statistic), :func:`permutation_test` and
    :func:`permutation_test_ratio` (two groups of documents), :func:`holm`.
Balance and diversity
    :func:`shares`, :func:`shannon_evenness`, :func:`iqv`, :func:`dominance`,
    :func:`category_share`, :func:`official_share`, :func:`anonymous_share`.

Implementation notes
--------------------
The bootstrap draws a ``(B, n)`` matrix of document indices and turns it into a
``(B, n)`` matrix of resampling *weights* (how often each document is drawn), so a
ratio statistic over ``m`` categories is one matrix product ``W @ counts`` rather
than ``B`` Python iterations; blocks of resamples keep memory bounded.  Permutation
tests draw ``B`` label permutations at once in the same way.

The resampling loops reuse per-thread scratch buffers (fresh multi-hundred-kB arrays
cost a page fault per 4 kB, more than the arithmetic) and compute percentile intervals
with one fast selection per rank; the results are bit-identical to the plain NumPy
formulation (``np.bincount`` weights, ``np.quantile``) for the same seed.

References
----------
.. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
   Chapman & Hall.
.. [2] Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of
   Hypotheses* (3rd ed.). Springer.
.. [3] Holm, S. (1979). A simple sequentially rejective multiple test procedure.
   *Scandinavian Journal of Statistics*, 6(2), 65-70.
.. [4] Shannon, C. E. (1948). A mathematical theory of communication. *Bell System
   Technical Journal*, 27, 379-423; Pielou, E. C. (1966). The measurement of diversity
   in different types of biological collections. *Journal of Theoretical Biology*,
   13, 131-144.
.. [5] Mueller, J. E., & Schuessler, K. F. (1961). *Statistical Reasoning in
   Sociology*. Houghton Mifflin; Agresti, A., & Agresti, B. F. (1978). Statistical
   analysis of qualitative variation. *Sociological Methodology*, 9, 204-237.
.. [6] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
   *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.
"""
from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np

from ._errors import DataError

__all__ = [
    "BootstrapResult",
    "PermutationResult",
    "bootstrap",
    "bootstrap_ratio",
    "bootstrap_ratio_diff",
    "bootstrap_weights",
    "permutation_test",
    "permutation_test_ratio",
    "holm",
    "shares",
    "shannon_evenness",
    "iqv",
    "dominance",
    "category_share",
    "official_share",
    "anonymous_share",
]

#: largest number of (resample x document) cells materialised at once
_BLOCK_CELLS = 1 << 22


class BootstrapResult(NamedTuple):
    """Point estimate and percentile confidence interval (arrays for vector statistics)."""

    estimate: float | np.ndarray
    low: float | np.ndarray
    high: float | np.ndarray


class PermutationResult(NamedTuple):
    """Observed statistic (group a minus group b) and its permutation p-value."""

    statistic: float | np.ndarray
    pvalue: float | np.ndarray


# ----------------------------------------------------------------------------- checks

def _check_options(n_resamples: int, confidence: float | None = None) -> None:
    if not isinstance(n_resamples, (int, np.integer)) or isinstance(n_resamples, bool) \
            or n_resamples < 1:
        raise DataError(
            f"n_resamples must be a positive integer, got {n_resamples!r}. "
            "Use e.g. n_resamples=2000."
        )
    if confidence is not None and not (0.0 < float(confidence) < 1.0):
        raise DataError(
            f"confidence must be strictly between 0 and 1, got {confidence!r}. "
            "Use e.g. confidence=0.95 for a 95% interval."
        )


def _as_counts(name: str, x, n: int | None = None) -> np.ndarray:
    arr = np.asarray(x, dtype=float)
    if arr.ndim not in (1, 2):
        raise DataError(
            f"{name} must be a 1-D array (one value per document) or a 2-D array "
            f"(documents x categories), got an array with shape {arr.shape}."
        )
    if n is not None and arr.shape[0] != n:
        raise DataError(
            f"{name} must have one row per document ({n}), got {arr.shape[0]} rows. "
            "Pass arrays aligned on the same documents."
        )
    return arr


_CONTROLLER: list = []


@contextmanager
def one_blas_thread():
    """Run small matrix products on one BLAS thread (a no-op without threadpoolctl).

    The bootstrap products are small (resamples x documents x categories): a
    multi-threaded BLAS spends more time waking its threads than computing, and on a
    busy machine far more.  The thread-pool controller is built once and reused.
    """
    if not _CONTROLLER:
        try:
            from threadpoolctl import ThreadpoolController
            _CONTROLLER.append(ThreadpoolController())
        except Exception:                 # pragma: no cover - shipped with scikit-learn
            _CONTROLLER.append(None)
    ctl = _CONTROLLER[0]
    if ctl is None:                       # pragma: no cover
        yield
        return
    with ctl.limit(limits=1, user_api="blas"):
        yield


def _rng(seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _blocks(n_resamples: int, n: int, cells: int = _BLOCK_CELLS):
    size = max(1, min(n_resamples, cells // max(n, 1)))
    for start in range(0, n_resamples, size):
        yield min(size, n_resamples - start)


def _percentile_ci(dist: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval along axis 0 (linear interpolation, NaN resamples ignored)."""
    alpha = (1.0 - confidence) / 2.0
    if not np.isnan(dist).any():
        return _quantile_pair(dist, alpha, 1.0 - alpha)
    # vectorised nanquantile: NaNs sort last; interpolate within each column's valid count
    srt = np.sort(dist, axis=0)
    valid = (~np.isnan(dist)).sum(axis=0)
    out = []
    for qq in (alpha, 1.0 - alpha):
        pos = qq * np.maximum(valid - 1, 0)
        below = np.floor(pos).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        frac = pos - below
        lo_v = np.take_along_axis(srt, below[None], axis=0)[0]
        hi_v = np.take_along_axis(srt, above[None], axis=0)[0]
        val = lo_v + (hi_v - lo_v) * frac
        out.append(np.where(valid > 0, val, np.nan))
    return out[0], out[1]


def _quantile_pair(dist: np.ndarray, q_lo: float, q_hi: float):
    """``np.quantile(dist, [q_lo, q_hi], axis=0)`` (linear method, no NaN), bit for bit.

    ``np.quantile`` partitions each column around four ranks at once, which NumPy does
    with a slow generic selection; one rank at a time uses its fast (SIMD) selection, so
    the two upper ranks are found in the whole column and the two lower ranks in the part
    below them.  The interpolation repeats NumPy's ``_lerp`` operation for operation.
    """
    b = dist.shape[0]
    vlo, vhi = (b - 1) * q_lo, (b - 1) * q_hi       # NumPy's virtual indexes
    klo, khi = math.floor(vlo), math.floor(vhi)
    zeros = dist == 0
    if dist.ndim != 2 or b < 4 or not 0 <= klo < klo + 1 < khi < b - 1 or (
            zeros.any() and np.signbit(dist[zeros]).any()):   # (-0.0 vs 0.0 ties)
        lo, hi = np.quantile(dist, [q_lo, q_hi], axis=0)
        return lo, hi
    x = np.array(dist.T, order="C")                 # one row per statistic
    x.partition(khi, axis=1)
    hi_a, hi_b = x[:, khi].copy(), x[:, khi + 1:].min(axis=1)
    below = x[:, :khi]                              # every rank < khi is in here
    below.partition(klo, axis=1)
    lo_a, lo_b = below[:, klo].copy(), below[:, klo + 1:].min(axis=1)
    return _lerp(lo_a, lo_b, vlo - klo), _lerp(hi_a, hi_b, vhi - khi)


def _lerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """NumPy's quantile interpolation (``numpy.lib._function_base_impl._lerp``)."""
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t


def _scalar(x):
    x = np.asarray(x)
    return float(x) if x.ndim == 0 else x


# ----------------------------------------------------------------------------- bootstrap

def bootstrap_weights(n: int, n_resamples: int, *, seed=0) -> np.ndarray:
    """Resampling weights: row ``b`` counts how often each of ``n`` documents is drawn.

    Equivalent to drawing a ``(n_resamples, n)`` matrix of indices with replacement
    (``rng.integers(0, n, size=(n_resamples, n))``) and counting each row; every row
    sums to ``n``.

    Parameters
    ----------
    n : int
        Number of documents.
    n_resamples : int
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    numpy.ndarray of float, shape (n_resamples, n)

    Examples
    --------
    >>> w = bootstrap_weights(4, 3, seed=1)
    >>> w.shape, w.sum(axis=1).tolist()
    ((3, 4), [4.0, 4.0, 4.0])
    """
    _check_options(n_resamples)
    rng = _rng(seed)
    return np.concatenate([_weights_block(rng, n, b) for b in _blocks(n_resamples, n)])


def _weights_block(rng: np.random.Generator, n: int, b: int, dtype=float,
                   slot: str | None = None) -> np.ndarray:
    """``(b, n)`` weights from ``b`` rows of ``n`` drawn indices; with a ``slot`` the result
    is a per-thread scratch buffer (valid until the next call with that slot)."""
    idx = rng.integers(0, n, size=(b, n))
    if slot is None:
        idx += (np.arange(b) * n)[:, None]
        return np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(dtype)
    # the same counts, accumulated in reused buffers (bincount's fresh zeroed output
    # costs a page fault per 4 kB, more than the counting itself)
    idx += np.arange(0, b * n, n)[:, None]
    counts = _scratch("counts", b * n, np.intp)
    counts.fill(0)
    np.add.at(counts, idx.ravel(), 1)
    out = _scratch(slot, b * n, dtype).reshape(b, n)
    np.copyto(out, counts.reshape(b, n), casting="unsafe")
    return out


_SCRATCH = threading.local()
#: largest scratch buffer kept between calls, in items (8 MB of float64)
_SCRATCH_ITEMS = 1 << 20


def _scratch(slot: str, size: int, dtype) -> np.ndarray:
    """A reusable 1-D buffer of ``size`` items for this thread (contents undefined).

    The resampling loops fill buffers of the same few shapes thousands of times; reusing
    them avoids the page faults of fresh large arrays.  Each slot has one user at a time.
    """
    dtype = np.dtype(dtype)
    if size > _SCRATCH_ITEMS:
        return np.empty(size, dtype)
    bufs = _SCRATCH.__dict__.setdefault("bufs", {})
    buf = bufs.get((slot, dtype))
    if buf is None or buf.size < size:
        buf = bufs[(slot, dtype)] = np.empty(size, dtype)
    return buf[:size]


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den``, NaN where ``den <= 0`` (divides only where it is positive)."""
    shape = np.broadcast_shapes(np.shape(num), np.shape(den))
    return np.divide(num, den, out=np.full(shape, np.nan), where=den > 0)


class _Operands(NamedTuple):
    """Numerators and distinct denominator columns, in the dtype of the products."""

    num: np.ndarray
    den: np.ndarray
    rebuild: np.ndarray | None
    dtype: type
    both: np.ndarray | None = None   # float32: ``[num | den]`` columns, one product

    @classmethod
    def bootstrap(cls, num: np.ndarray, den: np.ndarray) -> _Operands:
        # a resample draws n documents: a weighted sum is at most n * the largest count
        dens, rebuild = _distinct_columns(den)
        n = num.shape[0]
        top = max(float(np.abs(num).max(initial=0.0)), float(np.abs(dens).max(initial=0.0)))
        dtype = _product_dtype(n * top, num, dens)
        num_c, den_c = num.astype(dtype), dens.astype(dtype)
        both = (np.hstack([num_c.reshape(n, -1), den_c.reshape(n, -1)])
                if dtype is np.float32 else None)
        return cls(num_c, den_c, rebuild, dtype, both)

    def sums(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(w @ num, w @ den)`` in float64 (exact: integer sums below 2**24 in float32)."""
        if self.both is not None:       # exact sums: the same values from one product
            s = (w @ self.both).astype(float)
            p = 1 if self.num.ndim == 1 else self.num.shape[1]
            sn = s[:, 0] if self.num.ndim == 1 else s[:, :p]
            sd = s[:, p] if self.den.ndim == 1 else s[:, p:]
        else:
            sn = (w @ self.num).astype(float)
            sd = (w @ self.den).astype(float)
        return sn, (sd if self.rebuild is None else sd[:, self.rebuild])


def bootstrap_ratio(
    num,
    den,
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed=0,
) -> BootstrapResult:
    """Share or rate ``sum(num) / sum(den)`` with a bootstrap CI that resamples documents.

    The estimate is the pooled ratio over all documents (e.g. the share of a
    category among all sources, or loaded terms per 1,000 tokens when ``den`` holds
    token counts divided by 1,000).  The interval is the percentile interval of the
    same ratio over ``n_resamples`` resamples of the documents with replacement
    (Efron & Tibshirani 1993, ch. 13).  Resamples with a zero denominator are
    ignored; the estimate is NaN when ``sum(den) == 0``.

    Parameters
    ----------
    num : array-like, shape (n,) or (n, m)
        Per-document numerators; a 2-D array gives ``m`` ratios at once (e.g. the
        counts of each category), all computed on the same resamples.
    den : array-like, shape (n,) or (n, m)
        Per-document denominators (e.g. the document's total of sources); 1-D is
        broadcast over the ``m`` columns of ``num``.
    n_resamples : int, default 2000
    confidence : float, default 0.95
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    BootstrapResult
        ``(estimate, low, high)``; floats for 1-D input, arrays of length ``m`` for 2-D.

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
       Chapman & Hall.

    Examples
    --------
    Three articles quote 2, 1 and 2 US sources out of 5, 2 and 3 sources:

    >>> est, low, high = bootstrap_ratio([2, 1, 2], [5, 2, 3], seed=0)
    >>> round(est, 4)
    0.5
    >>> bool(low <= est <= high)
    True

    Shares of three categories at once (rows: documents):

    >>> counts = [[2, 3, 0], [1, 0, 1]]
    >>> bootstrap_ratio(counts, [5, 2], seed=0).estimate.round(4).tolist()
    [0.4286, 0.4286, 0.1429]
    """
    _check_options(n_resamples, confidence)
    num = _as_counts("num", num)
    n = num.shape[0]
    den = _as_counts("den", den, n)
    if den.ndim == 2 and num.ndim == 1:
        raise DataError(
            f"den has shape {den.shape} but num is 1-D; pass a 2-D num "
            "(documents x categories) or a 1-D den."
        )
    if den.ndim == 2 and den.shape[1] != num.shape[1]:
        raise DataError(
            f"den must have the same number of columns as num ({num.shape[1]}), "
            f"got {den.shape[1]}. Pass a 1-D den to share one denominator."
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        tot_d = den.sum(axis=0)
        est = np.where(tot_d > 0, num.sum(axis=0) / np.where(tot_d > 0, tot_d, 1), np.nan)
    if n == 0:
        nan = np.full(num.shape[1:], np.nan)
        return BootstrapResult(_scalar(nan), _scalar(nan), _scalar(nan))
    rng = _rng(seed)
    dists = []
    ops = _Operands.bootstrap(num, den)
    with one_blas_thread():
        for b in _blocks(n_resamples, n):
            wn, wd = ops.sums(_weights_block(rng, n, b, ops.dtype, slot="w"))
            if wd.ndim == 1 and wn.ndim == 2:
                wd = wd[:, None]
            dists.append(_ratio(wn, wd))
    lo, hi = _percentile_ci(np.concatenate(dists), confidence)
    return BootstrapResult(_scalar(est), _scalar(lo), _scalar(hi))


def bootstrap_ratio_diff(
    num_a,
    den_a,
    num_b,
    den_b,
    *,
    paired: bool = False,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed=0,
) -> BootstrapResult:
    """Difference of two pooled ratios, ``sum(num_a)/sum(den_a) - sum(num_b)/sum(den_b)``.

    With ``paired=False`` (two outlets, two sets of documents) each group's documents
    are resampled independently; with ``paired=True`` (two measures on the same
    documents, e.g. the loaded-verb share of Russian and of US sources across the same
    articles) the documents are resampled jointly, so within-article correlation is
    kept.  Percentile interval (Efron & Tibshirani 1993).

    Parameters
    ----------
    num_a, den_a, num_b, den_b : array-like, shape (n,) or (n, m)
        Per-document numerators and denominators of each group (same rules as
        :func:`bootstrap_ratio`); with ``paired=True`` all four have the same rows.
    paired : bool, default False
    n_resamples : int, default 2000
    confidence : float, default 0.95
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    BootstrapResult

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
       Chapman & Hall.

    Examples
    --------
    >>> r = bootstrap_ratio_diff([3, 1], [4, 4], [1, 0], [4, 4], seed=0)
    >>> round(r.estimate, 4)
    0.375
    """
    _check_options(n_resamples, confidence)
    na, da = _as_counts("num_a", num_a), None
    da = _as_counts("den_a", den_a, na.shape[0])
    nb = _as_counts("num_b", num_b)
    db = _as_counts("den_b", den_b, nb.shape[0])
    if paired and na.shape[0] != nb.shape[0]:
        raise DataError(
            f"paired=True needs the same documents in both groups, got {na.shape[0]} and "
            f"{nb.shape[0]} rows. Use paired=False for two different sets of documents."
        )
    rng = _rng(seed)

    def ratio(wn, wd):
        if wd.ndim == 1 and wn.ndim == 2:
            wd = wd[:, None]
        return _ratio(wn, wd)

    est = ratio(na.sum(axis=0)[None], da.sum(axis=0)[None])[0] - \
        ratio(nb.sum(axis=0)[None], db.sum(axis=0)[None])[0]
    if na.shape[0] == 0 or nb.shape[0] == 0:
        nan = np.full(np.shape(est), np.nan)
        return BootstrapResult(_scalar(est), _scalar(nan), _scalar(nan))
    dists = []
    n_max = max(na.shape[0], nb.shape[0]) * (1 if paired else 2)
    ops_a, ops_b = _Operands.bootstrap(na, da), _Operands.bootstrap(nb, db)
    with one_blas_thread():
        for b in _blocks(n_resamples, n_max):
            wa = _weights_block(rng, na.shape[0], b, ops_a.dtype, slot="w")
            wb = (wa.astype(ops_b.dtype, copy=False) if paired else
                  _weights_block(rng, nb.shape[0], b, ops_b.dtype, slot="w_b"))
            dists.append(ratio(*ops_a.sums(wa)) - ratio(*ops_b.sums(wb)))
    lo, hi = _percentile_ci(np.concatenate(dists), confidence)
    return BootstrapResult(_scalar(est), _scalar(lo), _scalar(hi))


def bootstrap(
    values_per_doc,
    statistic: Callable[[np.ndarray], float | np.ndarray],
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed=0,
    vectorized: bool = False,
) -> BootstrapResult:
    """Percentile bootstrap CI of any statistic of per-document values, resampling documents.

    Parameters
    ----------
    values_per_doc : array-like, shape (n, ...)
        One entry (a scalar or a row) per document.
    statistic : callable
        With ``vectorized=False``: ``statistic(sample)`` where ``sample`` has the shape
        of ``values_per_doc``; returns a scalar or a 1-D array.  With
        ``vectorized=True``: ``statistic(samples)`` receives all resamples of a block
        at once, shape ``(B, n, ...)``, and returns shape ``(B,)`` or ``(B, m)``
        (much faster).
    n_resamples : int, default 2000
    confidence : float, default 0.95
    seed : int or numpy.random.Generator, default 0
    vectorized : bool, default False

    Returns
    -------
    BootstrapResult
        ``estimate`` is ``statistic`` on the original data.

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
       Chapman & Hall, ch. 13 (percentile intervals).

    Examples
    --------
    Median words per quote across five articles:

    >>> r = bootstrap([12, 30, 8, 15, 22], np.median, seed=0)
    >>> r.estimate
    15.0
    >>> bool(r.low <= 15 <= r.high)
    True
    >>> v = bootstrap([12, 30, 8, 15, 22], lambda s: s.mean(axis=1), seed=0, vectorized=True)
    >>> v.estimate
    17.4
    """
    _check_options(n_resamples, confidence)
    values = np.asarray(values_per_doc)
    if values.ndim == 0:
        raise DataError(
            "values_per_doc must have one entry per document (an array of shape (n, ...)), "
            f"got a scalar {values_per_doc!r}."
        )
    n = values.shape[0]
    if vectorized:
        est = np.asarray(statistic(values[None]))[0]
    else:
        est = np.asarray(statistic(values))
    if n == 0:
        nan = np.full(est.shape, np.nan)
        return BootstrapResult(_scalar(est), _scalar(nan), _scalar(nan))
    rng = _rng(seed)
    per_row = int(np.prod(values.shape[1:], dtype=int)) if values.ndim > 1 else 1
    dists = []
    for b in _blocks(n_resamples, n * per_row):
        idx = rng.integers(0, n, size=(b, n))
        if vectorized:
            dists.append(np.asarray(statistic(values[idx]), dtype=float))
        else:
            dists.append(np.array([statistic(values[i]) for i in idx], dtype=float))
    lo, hi = _percentile_ci(np.concatenate(dists), confidence)
    return BootstrapResult(_scalar(est), _scalar(lo), _scalar(hi))


# ----------------------------------------------------------------------------- permutation

_ALTERNATIVES = ("two-sided", "greater", "less")


def _pvalue(obs: np.ndarray, null: np.ndarray, alternative: str) -> np.ndarray:
    return _pvalue_from_counts(obs, *_null_counts(obs, null, alternative))


def _null_counts(obs: np.ndarray, null: np.ndarray, alternative: str):
    """Per column: how many null statistics are as or more extreme, how many are valid."""
    if alternative not in _ALTERNATIVES:
        raise DataError(
            f"alternative must be one of {list(_ALTERNATIVES)}, got {alternative!r}."
        )
    # tolerance so that ties that differ only by float rounding count as ties
    tol = 1e-12 * np.maximum(1.0, np.abs(obs))
    with np.errstate(invalid="ignore"):
        if alternative == "two-sided":
            hits = np.abs(null) >= np.abs(obs) - tol
        elif alternative == "greater":
            hits = null >= obs - tol
        else:
            hits = null <= obs + tol
    # a NaN statistic compares False (never a hit) and is not counted as valid
    nan = np.isnan(null)
    return hits.sum(axis=0), null.shape[0] - (nan.sum(axis=0) if nan.any() else 0)


def _pvalue_from_counts(obs: np.ndarray, hits, valid) -> np.ndarray:
    p = (1.0 + hits) / (1.0 + valid)
    return np.where(np.isnan(obs), np.nan, np.minimum(p, 1.0))


def _permuted_masks(rng: np.random.Generator, n: int, n_a: int, b: int,
                    dtype=float) -> np.ndarray:
    """(b, n) matrix: 1 where a document is assigned to group a in a permutation.

    Each row draws ``n`` uniform keys and assigns the ``n_a`` documents with the smallest
    keys to group a (a uniformly random subset of size ``n_a``).
    """
    if n_a == n:
        return np.ones((b, n), dtype=dtype)
    if n_a == 0:
        keys = rng.random((b, n))          # keep the random stream of the general case
        return np.zeros((b, n), dtype=dtype)
    keys = rng.random((b, n))
    # the n_a smallest keys are those <= the n_a-th smallest: a partition of the values
    # and one comparison, instead of argpartition + put_along_axis (5x faster)
    kth = np.partition(keys, n_a - 1, axis=1)[:, n_a - 1 : n_a]
    chosen = keys <= kth
    # each row has >= n_a keys <= its kth; more only with tied keys (never in practice)
    if np.count_nonzero(chosen) != b * n_a:
        chosen = np.zeros((b, n), dtype=bool)
        np.put_along_axis(chosen, np.argpartition(keys, n_a - 1, axis=1)[:, :n_a], True,
                          axis=1)
    return chosen.astype(dtype)


def _mask_blocks(rng: np.random.Generator, n: int, n_a: int, n_resamples: int, cells: int,
                 dtype=float):
    """``(start, mask)`` for each block of :func:`_permuted_masks` (same keys, same masks).

    The buffers are allocated once and reused from block to block: fresh arrays of a few
    hundred kB cost page faults on every block.  Each ``mask`` is overwritten by the next
    (and by the next call: per-thread scratch buffers, see :func:`_scratch`).
    """
    if n_a in (0, n):
        start = 0
        for blk in _blocks(n_resamples, n, cells):
            yield start, _permuted_masks(rng, n, n_a, blk, dtype)
            start += blk
        return
    size = max(1, min(n_resamples, cells // max(n, 1)))      # as in _blocks
    keys = _scratch("keys", size * n, float).reshape(size, n)
    part = _scratch("part", size * n, np.int64).reshape(size, n)
    chosen = _scratch("chosen", size * n, bool).reshape(size, n)
    mask = _scratch("mask", size * n, dtype).reshape(size, n)
    start = 0
    for blk in _blocks(n_resamples, n, cells):
        k, p, c = keys[:blk], part[:blk], chosen[:blk]
        rng.random(out=k)                                    # = rng.random((blk, n))
        # keys in [0, 1) sort like their bit patterns read as integers, and NumPy
        # partitions int64 about 3x faster than float64 (same kth value, same mask)
        bits = k.view(np.int64)
        np.copyto(p, bits)
        p.partition(n_a - 1, axis=1)
        np.less_equal(bits, p[:, n_a - 1 : n_a], out=c)
        if np.count_nonzero(c) != blk * n_a:                 # tied keys: as _permuted_masks
            c.fill(False)
            np.put_along_axis(c, np.argpartition(k, n_a - 1, axis=1)[:, :n_a], True, axis=1)
        np.copyto(mask[:blk], c)
        yield start, mask[:blk]
        start += blk


_F32_EXACT = float(2**24)
#: cells per block of permutations (cache-sized; see permutation_test_ratio)
_PERM_CELLS = 1 << 16


def _product_dtype(bound: float, *arrays: np.ndarray):
    """float32 when every weighted sum of the arrays' columns is an integer below 2**24.

    The resampling statistics are sums of integer counts with integer weights (0/1 masks
    or bootstrap draw counts); below 2**24 every partial sum is exact in float32 as in
    float64, so the float32 matrix product (twice as fast) gives bit-identical results.
    ``bound`` is the largest weighted sum possible for the weights used.
    """
    if not np.isfinite(bound) or bound >= _F32_EXACT:
        return np.float64
    for a in arrays:
        if a.size and not np.array_equal(a, np.floor(a)):
            return np.float64
    return np.float32


def _distinct_columns(x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The distinct columns of a 2-D array and the index that rebuilds it (or None when
    all columns differ): many metrics share one denominator, so it is summed once."""
    if x.ndim != 2 or x.shape[1] < 2:
        return x, None
    seen: dict[bytes, int] = {}
    index = np.empty(x.shape[1], dtype=np.intp)
    keep = []
    for j in range(x.shape[1]):
        key = x[:, j].tobytes()
        k = seen.get(key)
        if k is None:
            k = seen[key] = len(keep)
            keep.append(j)
        index[j] = k
    if len(keep) == x.shape[1]:
        return x, None
    return x[:, keep], index


def permutation_test(
    a,
    b,
    *,
    n_resamples: int = 9999,
    alternative: str = "two-sided",
    seed=0,
) -> PermutationResult:
    """Permutation test for the difference of means of two groups of documents.

    The statistic is ``mean(a) - mean(b)`` (per column for 2-D input).  Documents are
    shuffled between the groups ``n_resamples`` times, keeping the group sizes; the
    p-value is ``(1 + #{null as or more extreme}) / (1 + n_resamples)`` so it is never
    zero (Phipson & Smyth 2010).  Exact under exchangeability (Good 2005).

    Parameters
    ----------
    a, b : array-like, shape (n_a,) / (n_b,) or (n_a, m) / (n_b, m)
        Per-document values of each group (e.g. a per-article rate), or ``m`` columns
        tested at once on the same permutations.
    n_resamples : int, default 9999
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests ``mean(a) > mean(b)``.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    PermutationResult
        ``(statistic, pvalue)``.

    References
    ----------
    .. [1] Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of
       Hypotheses* (3rd ed.). Springer.
    .. [2] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1).

    Examples
    --------
    >>> r = permutation_test([5, 6, 7, 8], [1, 2, 3, 4], seed=0)
    >>> r.statistic
    4.0
    >>> r.pvalue < 0.05
    True
    """
    _check_options(n_resamples)
    xa = _as_counts("a", a)
    xb = _as_counts("b", b)
    if xa.ndim != xb.ndim or (xa.ndim == 2 and xa.shape[1] != xb.shape[1]):
        raise DataError(
            f"a and b must have the same number of columns, got shapes {xa.shape} and "
            f"{xb.shape}."
        )
    n_a, n_b = xa.shape[0], xb.shape[0]
    if n_a == 0 or n_b == 0:
        raise DataError(
            f"each group needs at least one document, got {n_a} in a and {n_b} in b."
        )
    pooled = np.concatenate([xa, xb])
    obs = xa.mean(axis=0) - xb.mean(axis=0)
    n = n_a + n_b
    total = pooled.sum(axis=0)
    rng = _rng(seed)
    nulls = []
    for _, mask in _mask_blocks(rng, n, n_a, n_resamples, _BLOCK_CELLS):
        sa = mask @ pooled
        nulls.append(sa / n_a - (total - sa) / n_b)
    p = _pvalue(obs, np.concatenate(nulls), alternative)
    return PermutationResult(_scalar(obs), _scalar(p))


def permutation_test_ratio(
    num_a,
    den_a,
    num_b,
    den_b,
    *,
    n_resamples: int = 9999,
    alternative: str = "two-sided",
    seed=0,
) -> PermutationResult:
    """Permutation test for the difference of two pooled ratios, shuffling whole documents.

    The statistic is ``sum(num_a)/sum(den_a) - sum(num_b)/sum(den_b)``, e.g. the
    difference between two outlets in loaded terms per token, or in the share of
    official sources.  Documents (with their numerator and denominator) are shuffled
    between the two groups, keeping the group sizes (Good 2005); p-value as in
    :func:`permutation_test`.

    Parameters
    ----------
    num_a, den_a : array-like, shape (n_a,) or (n_a, m)
    num_b, den_b : array-like, shape (n_b,) or (n_b, m)
        ``den`` may be 1-D while ``num`` is 2-D (one denominator per document).
    n_resamples : int, default 9999
    alternative : {"two-sided", "greater", "less"}
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    PermutationResult

    References
    ----------
    .. [1] Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of
       Hypotheses* (3rd ed.). Springer.

    Examples
    --------
    >>> r = permutation_test_ratio([3, 4, 5], [10, 10, 10], [1, 0, 1], [10, 10, 10], seed=0)
    >>> round(r.statistic, 4)
    0.3333
    """
    _check_options(n_resamples)
    na = _as_counts("num_a", num_a)
    da = _as_counts("den_a", den_a, na.shape[0])
    nb = _as_counts("num_b", num_b)
    db = _as_counts("den_b", den_b, nb.shape[0])
    if na.ndim != nb.ndim or da.ndim != db.ndim:
        raise DataError(
            "num_a/num_b and den_a/den_b must have matching dimensions, got "
            f"{na.shape}, {nb.shape}, {da.shape}, {db.shape}."
        )
    n_a, n_b = na.shape[0], nb.shape[0]
    if n_a == 0 or n_b == 0:
        raise DataError(
            f"each group needs at least one document, got {n_a} in a and {n_b} in b."
        )
    num = np.concatenate([na, nb])
    den = np.concatenate([da, db])
    tn, td = num.sum(axis=0), den.sum(axis=0)

    def diff(sn, sd):
        if sd.ndim == 1 and sn.ndim == 2:
            sd = sd[:, None]
            rd = (td - sd[:, 0])[:, None]
        else:
            rd = td - sd
        shape = np.broadcast_shapes(sn.shape, sd.shape)
        # NaN where a denominator is 0; divide only where it is not (no masked temporaries)
        ra = np.divide(sn, sd, out=np.full(shape, np.nan), where=sd > 0)
        rb = np.divide(tn - sn, rd, out=np.full(shape, np.nan), where=rd > 0)
        return ra - rb

    def null_block(sn, sd):
        rd = td - sd
        if sd.min() > 0 and rd.min() > 0:   # no zero denominator (the usual case): as diff,
            null = sn / sd                  # with fewer temporaries (NaN minima fail the test)
            null -= (tn - sn) / rd
            return null
        return diff(sn, sd)

    obs = diff(na.sum(axis=0)[None], da.sum(axis=0)[None])[0]
    rng = _rng(seed)
    n = n_a + n_b
    dens, rebuild = _distinct_columns(den)
    # a group-a sum is at most the column total: float32 is exact below 2**24
    bound = max(float(np.abs(num).sum(axis=0).max(initial=0.0)),
                float(np.abs(dens).sum(axis=0).max(initial=0.0)))
    dtype = _product_dtype(bound, num, dens)
    num_c = num.astype(dtype).reshape(n, -1)
    den_c = dens.astype(dtype).reshape(n, -1)
    split = num_c.shape[1]
    # float32 sums are exact: numerators and denominators in one product (one BLAS call)
    both = np.hstack([num_c, den_c]) if dtype is np.float32 else None
    hits = valid = 0
    with one_blas_thread():
        # blocks that stay in cache; the keys are drawn in the same order whatever the
        # block size (rng.random fills row after row), so the permutations do not change
        cells = max(_PERM_CELLS, min(64 * n, _BLOCK_CELLS))
        for _, mask in _mask_blocks(rng, n, n_a, n_resamples, cells, dtype):
            if both is not None:
                sums = (mask @ both).astype(float)
                sn, sd = sums[:, :split], sums[:, split:]
            else:
                sn, sd = (mask @ num_c).astype(float), (mask @ den_c).astype(float)
            if rebuild is not None:
                sd = sd[:, rebuild]
            if num.ndim == 1:
                sn = sn[:, 0]
            if den.ndim == 1 and num.ndim == 1:
                sd = sd[:, 0]          # (a 1-D den with a 2-D num stays (b, 1): broadcast)
            # the p-value counts are sums over permutations: accumulated block by block
            h, v = _null_counts(obs, null_block(sn, sd), alternative)
            hits, valid = hits + h, valid + v
    return PermutationResult(_scalar(obs), _scalar(_pvalue_from_counts(obs, hits, valid)))


# ----------------------------------------------------------------------------- Holm

def holm(pvalues) -> np.ndarray:
    """Holm's step-down adjustment of p-values for multiple comparisons.

    Sort the ``m`` p-values ascending, multiply the ``i``-th smallest (0-based) by
    ``m - i``, take the running maximum and cap at 1.  It controls the family-wise
    error rate under any dependence.  NaN p-values are kept as NaN and do not count
    towards ``m``.

    Parameters
    ----------
    pvalues : array-like of float

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the original order.

    References
    ----------
    .. [1] Holm, S. (1979). A simple sequentially rejective multiple test procedure.
       *Scandinavian Journal of Statistics*, 6(2), 65-70.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, 0.005]).round(4).tolist()
    [0.03, 0.06, 0.06, 0.02]
    """
    p = np.asarray(pvalues, dtype=float)
    if p.ndim != 1:
        p = p.ravel()
    if np.any((p < 0) | (p > 1)):
        raise DataError(
            f"pvalues must lie in [0, 1], got values from {np.nanmin(p)} to {np.nanmax(p)}."
        )
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q, kind="mergesort")
    adj = np.maximum.accumulate(q[order] * (m - np.arange(m)))
    res = np.empty(m)
    res[order] = np.minimum(adj, 1.0)
    out[ok] = res
    return out


# ----------------------------------------------------------------------------- indices

def shares(counts) -> np.ndarray:
    """Normalise counts to shares along the last axis (NaN where the total is 0).

    >>> shares([3, 1, 1]).tolist()
    [0.6, 0.2, 0.2]
    """
    c = np.asarray(counts, dtype=float)
    if np.any(c < 0):
        raise DataError("counts must be non-negative, got a negative value.")
    tot = c.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, c / np.where(tot > 0, tot, 1), np.nan)


def _k(c: np.ndarray, k: int | None) -> int:
    kk = c.shape[-1] if k is None else int(k)
    if kk < c.shape[-1]:
        raise DataError(
            f"k must be at least the number of categories given ({c.shape[-1]}), got {k}."
        )
    return kk


def shannon_evenness(counts, *, k: int | None = None) -> float | np.ndarray:
    """Shannon evenness (Pielou's J): ``H / ln k`` with ``H = -sum p_i ln p_i``.

    1 when every category has the same share, 0 when one category holds everything.

    Parameters
    ----------
    counts : array-like, shape (k,) or (..., k)
        Counts (or shares) per category along the last axis.
    k : int, optional
        Number of possible categories; default the length of the last axis (zero
        counts included).  Pass the number of categories of the dimension to compare
        groups on the same scale.  NaN when ``k < 2`` or the total is 0.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    .. [1] Shannon, C. E. (1948). A mathematical theory of communication. *Bell System
       Technical Journal*, 27, 379-423.
    .. [2] Pielou, E. C. (1966). The measurement of diversity in different types of
       biological collections. *Journal of Theoretical Biology*, 13, 131-144.

    Examples
    --------
    Counts 3, 1, 1: p = (0.6, 0.2, 0.2), H = 0.950271, ln 3 = 1.098612:

    >>> round(shannon_evenness([3, 1, 1]), 6)
    0.864974
    """
    c = np.asarray(counts, dtype=float)
    kk = _k(c, k)
    p = shares(c)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)
        h = -terms.sum(axis=-1)
        h = np.where(np.isnan(p).any(axis=-1), np.nan, h)
        out = h / np.log(kk) if kk >= 2 else np.full(h.shape, np.nan)
    return _scalar(out)


def iqv(counts, *, k: int | None = None) -> float | np.ndarray:
    """Index of qualitative variation: ``k / (k - 1) * (1 - sum p_i**2)``.

    The Gini-Simpson heterogeneity rescaled to [0, 1]: 1 when all ``k`` categories
    have equal shares, 0 when one holds everything.

    Parameters
    ----------
    counts : array-like, shape (k,) or (..., k)
    k : int, optional
        Number of possible categories (default: length of the last axis).  NaN when
        ``k < 2`` or the total is 0.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    .. [1] Mueller, J. E., & Schuessler, K. F. (1961). *Statistical Reasoning in
       Sociology*. Houghton Mifflin.
    .. [2] Agresti, A., & Agresti, B. F. (1978). Statistical analysis of qualitative
       variation. *Sociological Methodology*, 9, 204-237.

    Examples
    --------
    Counts 3, 1, 1: sum p^2 = 0.36 + 0.04 + 0.04 = 0.44; 3/2 * 0.56 = 0.84:

    >>> round(iqv([3, 1, 1]), 6)
    0.84
    """
    c = np.asarray(counts, dtype=float)
    kk = _k(c, k)
    p = shares(c)
    with np.errstate(invalid="ignore"):
        out = kk / (kk - 1) * (1.0 - (p * p).sum(axis=-1)) if kk >= 2 \
            else np.full(p.shape[:-1], np.nan)
    return _scalar(out)


def dominance(counts) -> float | np.ndarray:
    """Dominance: the largest category share, ``max p_i`` (NaN when the total is 0).

    References
    ----------
    .. [1] Berger, W. H., & Parker, F. L. (1970). Diversity of planktonic foraminifera
       in deep-sea sediments. *Science*, 168(3937), 1345-1347.

    Examples
    --------
    >>> dominance([3, 1, 1])
    0.6
    """
    p = shares(counts)
    with np.errstate(invalid="ignore"):
        out = np.max(p, axis=-1) if p.shape[-1] else np.full(p.shape[:-1], np.nan)
    return _scalar(out)


def category_share(labels: Sequence, category, *, weights=None) -> float:
    """Share of items (sources) whose label equals ``category``, optionally weighted.

    Parameters
    ----------
    labels : sequence
        One label per item (e.g. each source's role).
    category : object
        The label to count.
    weights : array-like, optional
        Per-item weights (e.g. quotes or words per source); default 1 each.

    Returns
    -------
    float
        NaN for no items (or zero total weight).

    Examples
    --------
    >>> category_share(["official", "expert", "official", "unknown"], "official")
    0.5
    """
    lab = np.asarray(labels, dtype=object)
    w = np.ones(lab.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    if w.shape[0] != lab.shape[0]:
        raise DataError(
            f"weights must have one value per label ({lab.shape[0]}), got {w.shape[0]}."
        )
    tot = w.sum()
    return float(w[lab == category].sum() / tot) if tot > 0 else float("nan")


def official_share(roles: Sequence, *, weights=None) -> float:
    """Share of sources whose role is ``"official"`` (Sigal 1973; Brown et al. 1987).

    Every source counts in the denominator, ``unknown`` ones included.

    References
    ----------
    .. [1] Sigal, L. V. (1973). *Reporters and Officials*. D.C. Heath.
    .. [2] Brown, J. D., Bybee, C. R., Wearden, S. T., & Straughan, D. M. (1987).
       Invisible power: Newspaper news sources and the limits of diversity.
       *Journalism Quarterly*, 64(1), 45-54.

    Examples
    --------
    >>> official_share(["official", "official", "citizen", "anonymous", "official"])
    0.6
    """
    return category_share(roles, "official", weights=weights)


def anonymous_share(roles: Sequence, *, weights=None) -> float:
    """Share of sources whose role is ``"anonymous"`` (unnamed: "officials said").

    Examples
    --------
    >>> anonymous_share(["official", "anonymous", "citizen", "anonymous"])
    0.5
    """
    return category_share(roles, "anonymous", weights=weights)
