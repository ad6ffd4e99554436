"""Compare outlets: keyness, group metrics with uncertainty, paired within-event tests, wire copy.

* :func:`keyness` — which words distinguish a group: the log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi & Quinn 2008) and the G² log-likelihood with the
  log-ratio effect size (Dunning 1993; Rayson & Garside 2000; Hardie 2014), one-vs-rest or
  pairwise, for any number of groups, always with the counts ``n``.
* :func:`group_metrics` — every group-level metric of :func:`framing.analyze` with a 95%
  bootstrap confidence interval that resamples articles (:func:`framing.stats.bootstrap_ratio`).
* :func:`pairwise_differences` — every pair of groups, permutation p-value
  (:func:`framing.stats.permutation_test_ratio`) and Holm correction
  (:func:`framing.stats.holm`), small groups flagged.
* :func:`within_event` — outlets compared on the same events (paired, like BASIL's
  triplets), so that topic mix does not masquerade as framing.
* :func:`near_duplicates` — wire copy repeated across outlets, found with MinHash sketches.
"""
from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError

__all__ = [
    "KEYNESS_COLUMNS",
    "duplicate_of",
    "g_squared",
    "group_metrics",
    "keyness",
    "keyness_from_counts",
    "log_odds_dirichlet",
    "log_ratio",
    "metric_definitions",
    "near_duplicates",
    "near_duplicates_from_sketches",
    "pairwise_differences",
    "within_event",
]

KEYNESS_COLUMNS = [
    "group", "reference", "term", "count", "count_reference", "n_group", "n_reference",
    "per_million", "per_million_reference", "prior", "log_odds", "variance", "z",
    "g2", "p_value", "log_ratio",
]


# ============================================================================ keyness

def log_odds_dirichlet(y_i, y_j, alpha, *, n_i: float | None = None,
                       n_j: float | None = None, alpha0: float | None = None):
    """Log-odds ratio with an informative Dirichlet prior, its variance and z-score.

    Monroe, Colaresi & Quinn (2008), eq. 22:

    .. math::

        \\hat\\delta_w^{(i-j)} = \\log\\frac{y_w^i + \\alpha_w}{n^i + \\alpha_0 - y_w^i - \\alpha_w}
        - \\log\\frac{y_w^j + \\alpha_w}{n^j + \\alpha_0 - y_w^j - \\alpha_w}

    with the variance approximation of their eq. 20,
    :math:`\\sigma^2(\\hat\\delta_w) \\approx 1/(y_w^i + \\alpha_w) + 1/(y_w^j + \\alpha_w)`,
    and :math:`z = \\hat\\delta / \\sqrt{\\sigma^2}`.

    Parameters
    ----------
    y_i, y_j : array-like
        Counts of each word in group ``i`` and in the reference ``j``.
    alpha : array-like
        Prior pseudo-count ``alpha_w`` of each word.
    n_i, n_j : float, optional
        Total word counts of ``i`` and ``j`` (default: the sums of ``y_i`` and ``y_j``).
    alpha0 : float, optional
        ``sum(alpha)`` over the whole vocabulary (default: the sum of ``alpha``).

    Returns
    -------
    (delta, variance, z) : tuple of numpy.ndarray

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict.
    *Political Analysis*, 16(4), 372-403.

    Examples
    --------
    >>> d, v, z = log_odds_dirichlet([10], [2], [1.0], n_i=100, n_j=100, alpha0=10.0)
    >>> round(float(d[0]), 5), round(float(v[0]), 5), round(float(z[0]), 5)
    (1.37699, 0.42424, 2.11409)
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    a = np.asarray(alpha, dtype=float)
    a0 = float(a.sum()) if alpha0 is None else float(alpha0)
    n_i = float(y_i.sum()) if n_i is None else float(n_i)
    n_j = float(y_j.sum()) if n_j is None else float(n_j)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + a) / (n_i + a0 - y_i - a))
                 - np.log((y_j + a) / (n_j + a0 - y_j - a)))
        var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
        z = delta / np.sqrt(var)
    return delta, var, z


def g_squared(a, b, c, d):
    """Log-likelihood G² of a word's frequency in two corpora (Dunning 1993).

    With ``a`` and ``b`` the word's counts and ``c`` and ``d`` the corpus sizes (tokens),
    the expected counts are ``E1 = c (a + b) / (c + d)`` and ``E2 = d (a + b) / (c + d)``,
    and ``G2 = 2 (a ln(a / E1) + b ln(b / E2))``, a term with a zero count being 0
    (Rayson & Garside 2000).  Under the null it is chi-squared with one degree of freedom.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.
    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    *Proceedings of the Workshop on Comparing Corpora*, 1-6.

    Examples
    --------
    >>> round(float(g_squared(10, 2, 100, 100)), 4)
    5.8221
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a, b, c, d):
    """Hardie's (2014) Log Ratio: ``log2((a / c) / (b / d))``, a zero count taken as 0.5.

    Each unit is a doubling of the relative frequency in the first corpus.

    References
    ----------
    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches
    to Social Science (CASS), Lancaster University.

    Examples
    --------
    >>> float(log_ratio(10, 0, 100, 100))
    4.321928094887363
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return np.log2((a / c) / (b / d))


def keyness(
    data: Any,
    *,
    by: str = "outlet",
    compare: str = "one_vs_rest",
    alpha0: float | None = None,
    min_count: int = 5,
    top: int | None = None,
) -> pd.DataFrame:
    """Words that distinguish each group from the others, with effect sizes and counts.

    Parameters
    ----------
    data : DataFrame, AnalysisResult or mapping
        A corpus (words are counted in ``text``: lower-cased letter runs), the result of
        ``framing.analyze(..., keyness=True)``, or a mapping ``{group: Counter(word: n)}``.
    by : str, default "outlet"
        Group column of a corpus.
    compare : {"one_vs_rest", "pairwise"}
        Each group against all others pooled, or every pair of groups.
    alpha0 : float, optional
        Strength of the informative Dirichlet prior.  The prior is the pooled word
        distribution of all groups, ``alpha_w = alpha0 * y_w / N``; by default
        ``alpha0 = N`` (``alpha_w`` is the pooled count, the convention of Monroe et al.'s
        informative prior as commonly implemented).
    min_count : int, default 5
        Keep words seen at least this often in the group and its reference together.
    top : int, optional
        Keep the ``top`` words per comparison in each direction (by z).

    Returns
    -------
    DataFrame
        ``group, reference, term, count, count_reference, n_group, n_reference,
        per_million, per_million_reference, prior, log_odds, variance, z, g2, p_value,
        log_ratio``, sorted by group and descending z.  ``log_odds``/``variance``/``z``
        follow Monroe et al. (2008, eq. 22; variance ``1/(y_i + a_w) + 1/(y_j + a_w)``);
        ``g2`` is Dunning's log-likelihood with its chi-squared (1 df) ``p_value`` and
        ``log_ratio`` is Hardie's effect size (log2 of the ratio of relative frequencies).

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words. *Political
    Analysis*, 16(4), 372-403.  Dunning, T. (1993). *Computational Linguistics*, 19(1),
    61-74.  Rayson, P., & Garside, R. (2000).  Hardie, A. (2014). Log Ratio.

    Examples
    --------
    >>> import framing
    >>> k = framing.keyness(framing.datasets.load("syria-2016"), min_count=3, top=5)
    >>> {"count", "n_group", "log_odds", "z", "g2", "log_ratio"} <= set(k.columns)
    True
    """
    if compare not in ("one_vs_rest", "pairwise"):
        raise ValueError(
            f"compare must be 'one_vs_rest' or 'pairwise'; got {compare!r}."
        )
    counts = _term_counts(data, by)
    if len(counts) < 2:
        raise DataError(
            f"keyness needs at least two groups; got {len(counts)} ({list(counts)}). "
            f"Check the grouping column by={by!r}."
        )
    return keyness_from_counts(counts, compare=compare, alpha0=alpha0,
                               min_count=min_count, top=top)


def _term_counts(data: Any, by: str) -> dict[str, Counter]:
    from ._pipeline import term_counts

    if isinstance(data, pd.DataFrame):
        if by not in data.columns or "text" not in data.columns:
            raise DataError(
                f"keyness needs a corpus with 'text' and the group column {by!r}; columns "
                f"are {list(data.columns)}."
            )
        out: dict[str, Counter] = {}
        for g, text in zip(data[by].astype(str), data["text"]):
            c = term_counts(text)
            if g in out:
                out[g].update(c)
            else:
                out[g] = c
        return out
    if hasattr(data, "term_counts"):
        if not data.term_counts:
            raise DataError(
                "this AnalysisResult has no word counts; run framing.analyze(..., "
                "keyness=True) or pass the corpus."
            )
        return dict(data.term_counts)
    if isinstance(data, Mapping):
        return {str(k): Counter(v) for k, v in data.items()}
    raise TypeError(
        f"keyness expects a corpus DataFrame, an AnalysisResult or a mapping of group to "
        f"word counts; got {type(data).__name__}."
    )


def keyness_empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in KEYNESS_COLUMNS})


def keyness_from_counts(
    counts: Mapping[str, Counter],
    *,
    compare: str = "one_vs_rest",
    alpha0: float | None = None,
    min_count: int = 5,
    top: int | None = None,
) -> pd.DataFrame:
    """:func:`keyness` from ``{group: Counter}`` (see there)."""
    groups = sorted(counts)
    vocab = sorted(set().union(*(counts[g].keys() for g in groups)))
    if not vocab:
        return keyness_empty()
    index = {w: i for i, w in enumerate(vocab)}
    mat = np.zeros((len(groups), len(vocab)))
    for gi, g in enumerate(groups):
        c = counts[g]
        idx = np.fromiter((index[w] for w in c), dtype=np.int64, count=len(c))
        mat[gi, idx] = np.fromiter(c.values(), dtype=float, count=len(c))
    pooled = mat.sum(axis=0)
    total = pooled.sum()
    a0 = total if alpha0 is None else float(alpha0)
    if a0 <= 0:
        raise ValueError(f"alpha0 must be positive; got {alpha0!r}.")
    alpha = a0 * pooled / total
    if compare == "one_vs_rest":
        pairs = [(gi, None) for gi in range(len(groups))]
    else:
        pairs = [(i, j) for i, j in combinations(range(len(groups)), 2)]
    frames = []
    terms = np.array(vocab, dtype=object)
    for gi, gj in pairs:
        y_i = mat[gi]
        y_j = pooled - y_i if gj is None else mat[gj]
        keep = (y_i + y_j) >= min_count
        if not keep.any():
            continue
        yi, yj, al = y_i[keep], y_j[keep], alpha[keep]
        n_i, n_j = float(y_i.sum()), float(y_j.sum())
        delta, var, z = log_odds_dirichlet(yi, yj, al, n_i=n_i, n_j=n_j, alpha0=a0)
        g2 = g_squared(yi, yj, n_i, n_j)
        frame = pd.DataFrame({
            "group": groups[gi],
            "reference": "rest" if gj is None else groups[gj],
            "term": terms[keep],
            "count": yi.astype(np.int64),
            "count_reference": yj.astype(np.int64),
            "n_group": int(n_i),
            "n_reference": int(n_j),
            "per_million": yi / n_i * 1e6 if n_i else np.nan,
            "per_million_reference": yj / n_j * 1e6 if n_j else np.nan,
            "prior": al,
            "log_odds": delta,
            "variance": var,
            "z": z,
            "g2": g2,
            "p_value": _chi2_sf1(g2),
            "log_ratio": log_ratio(yi, yj, n_i, n_j),
        })
        frame = frame.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
        if top is not None:
            frame = pd.concat([frame.head(top), frame.tail(top)]).drop_duplicates("term")
        frames.append(frame)
    if not frames:
        return keyness_empty()
    return pd.concat(frames, ignore_index=True)[KEYNESS_COLUMNS]


def _chi2_sf1(x: np.ndarray) -> np.ndarray:
    """Upper tail of chi-squared with 1 df: erfc(sqrt(x / 2))."""
    from scipy.special import erfc

    return erfc(np.sqrt(np.maximum(np.asarray(x, dtype=float), 0.0) / 2.0))


# ============================================================================ group metrics

GROUP_COLUMNS = ["family", "metric", "value", "ci_low", "ci_high", "numerator",
                 "denominator", "n_docs", "small_group"]


def metric_definitions(columns) -> list[tuple[str, str, str, str | None, float]]:
    """The group-level metrics available from a documents table's columns.

    Each is a pooled ratio ``scale * sum(numerator) / sum(denominator)`` over a group's
    articles (``denominator`` None: per article).  Returns tuples
    ``(family, metric, numerator, denominator, scale)``.
    """
    cols = set(columns)
    defs: list[tuple[str, str, str, str | None, float]] = []

    def add(family, metric, num, den, scale=1.0):
        if num in cols and (den is None or den in cols):
            defs.append((family, metric, num, den, scale))

    add("quotes", "quotes per article", "n_quotes", None)
    for kind in ("direct", "indirect", "mixed", "partial"):
        add("quotes", f"{kind} quote share", f"n_{kind}", "n_quotes")
    add("quotes", "attributed quote share", "n_attributed", "n_quotes")
    add("quotes", "loaded speech-verb share", "n_loaded_verb", "n_with_verb")
    for c in sorted(c for c in cols if c.startswith("verb_")):
        add("quotes", f"speech-verb share: {c[5:]}", c, "n_with_verb")
    add("quotes", "scare quotes per 1,000 tokens", "n_scare", "n_tokens", 1000.0)
    add("loaded", "loaded terms per 1,000 tokens", "n_loaded", "n_tokens", 1000.0)
    add("loaded", "loaded terms per 1,000 tokens: reporter voice", "n_loaded_reporter",
        "n_tokens", 1000.0)
    add("loaded", "loaded terms per 1,000 tokens: quoted voice", "n_loaded_quoted",
        "n_tokens", 1000.0)
    for cat in sorted(c[7:] for c in cols if c.startswith("loaded_")):
        add("loaded", f"loaded terms per 1,000 tokens: {cat}", f"loaded_{cat}", "n_tokens",
            1000.0)
        for voice in ("reporter", "quoted"):
            add("loaded", f"loaded terms per 1,000 tokens: {cat}, {voice} voice",
                f"{voice}_{cat}", "n_tokens", 1000.0)
    add("sources", "sources per article", "n_sources", None)
    for c in sorted(c for c in cols if c.startswith("role_")):
        add("sources", f"source share: {c[5:]}", c, "n_sources")
    add("sources", "female share of gendered sources", "n_female", "n_gendered")
    return defs


_ALL = "*"                     # batch key: every metric, with a matrix of denominators
_BATCH_BYTES = 256 * 2**20


def _batches(defs, n_docs: int) -> list[tuple[str | None, list[int]]]:
    """Metric indices to compute together.  All at once (one resampling pass) while the
    ``n_docs x metrics`` matrices of numerators and denominators fit in 256 MB; beyond
    that (hundreds of thousands of articles) grouped by denominator, so memory stays at
    ``n_docs x (metrics sharing a denominator)``.  Each batch uses the same seed, so every
    metric sees the same resamples either way."""
    if n_docs * len(defs) * 16 <= _BATCH_BYTES:
        return [(_ALL, list(range(len(defs))))]
    out: dict[str | None, list[int]] = {}
    for k, d in enumerate(defs):
        out.setdefault(d[3], []).append(k)
    return list(out.items())


def _matrices(docs: pd.DataFrame, defs, den: str | None, idx: list[int]):
    num = np.column_stack([docs[defs[k][2]].to_numpy(dtype=float) for k in idx])
    if den == _ALL:
        ones = np.ones(len(docs))
        dmat = np.column_stack([ones if defs[k][3] is None else
                                docs[defs[k][3]].to_numpy(dtype=float) for k in idx])
        return num, dmat
    dvec = np.ones(len(docs)) if den is None else docs[den].to_numpy(dtype=float)
    return num, dvec


def _ok_docs(documents: pd.DataFrame) -> pd.DataFrame:
    if "status" in documents.columns:
        ok = (documents["status"] == "ok").to_numpy()
        if not ok.all():             # copy only when some rows go (a million rows)
            return documents[ok]
    return documents


def group_metrics(
    documents: pd.DataFrame,
    *,
    by: str = "outlet",
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    min_docs: int = 10,
) -> pd.DataFrame:
    """Every group-level metric with a bootstrap confidence interval over articles.

    Each metric is a pooled ratio, ``sum(numerator) / sum(denominator)`` over the group's
    articles (times 1,000 for rates per 1,000 tokens); its interval is the percentile
    interval of the same ratio over ``n_boot`` resamples of the group's articles with
    replacement (:func:`framing.stats.bootstrap_ratio`, Efron & Tibshirani 1993), so
    words and quotes from one article are never treated as independent.

    Parameters
    ----------
    documents : DataFrame
        The ``documents`` table of :func:`framing.analyze`.
    by : str
    n_boot : int, default 1000
        Bootstrap resamples; 0 gives the point estimates only (NaN intervals).
    confidence : float, default 0.95
    seed : int, default 0
        Same seed, same intervals.
    min_docs : int, default 10
        Groups with fewer articles get ``small_group = True``.

    Returns
    -------
    DataFrame
        ``<by>, family, metric, value, ci_low, ci_high, numerator, denominator, n_docs,
        small_group``.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    """
    from .stats import bootstrap_ratio

    docs = _ok_docs(documents)
    defs = metric_definitions(docs.columns)
    cols = [by] + GROUP_COLUMNS
    if not defs or docs.empty:
        return pd.DataFrame(columns=cols)
    scale = np.array([d[4] for d in defs])
    batches = _batches(defs, len(docs))
    # one batch: the matrices of every document are extracted once and sliced per group
    whole = _matrices(docs, defs, *batches[0]) if len(batches) == 1 else None
    grouped = docs.groupby(by, sort=True)
    positions = grouped.indices
    rows = []
    for gi, (g, sub) in enumerate(grouped):
        m = len(defs)
        est, low, high = np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan)
        tot_n, tot_d = np.zeros(m), np.zeros(m)
        for den_col, idx in batches:
            if whole is not None:
                pos = positions[g]
                num, den = whole[0][pos], whole[1][pos]
            else:
                num, den = _matrices(sub, defs, den_col, idx)
            tn, td = num.sum(axis=0), den.sum(axis=0)
            tot_n[idx], tot_d[idx] = tn, td
            if n_boot:   # the same seed for every batch: the same resamples for all metrics
                res = bootstrap_ratio(num, den, n_resamples=n_boot, confidence=confidence,
                                      seed=_sub_seed(seed, gi))
                est[idx], low[idx], high[idx] = res.estimate, res.low, res.high
            else:        # point estimates only
                with np.errstate(invalid="ignore", divide="ignore"):
                    est[idx] = np.where(td > 0, tn / np.where(td > 0, td, 1), np.nan)
        for k, (family, metric, _, _, _) in enumerate(defs):
            rows.append((g, family, metric, est[k] * scale[k], low[k] * scale[k],
                         high[k] * scale[k], tot_n[k], tot_d[k], len(sub),
                         len(sub) < min_docs))
    return pd.DataFrame(rows, columns=cols)


def _sub_seed(seed: int, i: int) -> np.random.Generator:
    return np.random.default_rng([int(seed), int(i)])


def pairwise_differences(
    documents: pd.DataFrame,
    *,
    by: str = "outlet",
    n_perm: int = 2000,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    min_docs: int = 10,
) -> pd.DataFrame:
    """Differences between every pair of groups for every metric, with tests.

    For each metric and each pair ``(a, b)``: the difference of the pooled ratios, its
    bootstrap interval (:func:`framing.stats.bootstrap_ratio_diff`, resampling each group's
    articles), a two-sided permutation p-value that shuffles whole articles between the
    two groups (:func:`framing.stats.permutation_test_ratio`), and the p-value adjusted
    with Holm's method over all pairs of that metric (:func:`framing.stats.holm`).
    ``small_group`` flags pairs where a group has fewer than ``min_docs`` articles.
    ``n_perm=0`` / ``n_boot=0`` skip the test / the interval (NaN).

    Returns
    -------
    DataFrame
        ``family, metric, group_a, group_b, value_a, value_b, difference, ci_low, ci_high,
        p_value, p_holm, n_a, n_b, small_group``.

    References
    ----------
    Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses*.
    Springer.  Holm, S. (1979). *Scandinavian Journal of Statistics*, 6(2), 65-70.
    """
    parts = _pairwise_rows(documents, by=by, n_perm=n_perm, n_boot=n_boot,
                           confidence=confidence, seed=seed, min_docs=min_docs)
    return _pairwise_frame([parts])


PAIRWISE_COLUMNS = ["family", "metric", "group_a", "group_b", "value_a", "value_b",
                    "difference", "ci_low", "ci_high", "p_value", "p_holm", "n_a", "n_b",
                    "small_group"]


def _pairwise_frame(parts: list[dict[int, list]]) -> pd.DataFrame:
    """The pairwise table from the rows of every pair (one dict per part), in pair order,
    with Holm's adjustment over all pairs of each metric."""
    from .stats import holm

    by_pair: dict[int, list] = {}
    for part in parts:
        by_pair.update(part)
    rows = [r for pi in sorted(by_pair) for r in by_pair[pi]]
    out = pd.DataFrame(rows, columns=PAIRWISE_COLUMNS)
    if rows:
        out["p_holm"] = _holm_by(out, holm)
    return out


def _pairwise_rows(
    documents: pd.DataFrame, *, by: str, n_perm: int, n_boot: int, confidence: float,
    seed: int, min_docs: int, part: int = 0, parts: int = 1,
) -> dict[int, list]:
    """Rows of the pairs ``pi`` with ``pi % parts == part`` (the pairs are independent and
    each has its own seed, so parts can run in separate processes with the same result)."""
    from .stats import bootstrap_ratio_diff, permutation_test_ratio

    docs = _ok_docs(documents)
    defs = metric_definitions(docs.columns)
    groups = sorted(docs[by].astype(str).unique()) if by in docs.columns else []
    if not defs or len(groups) < 2:
        return {}
    scale = np.array([d[4] for d in defs])
    batches = _batches(defs, len(docs))
    labels = docs[by].astype(str)
    out: dict[int, list] = {}
    m = len(defs)
    masks = {g: (labels == g).to_numpy() for g in groups}
    cache: dict = {}

    def mats(g, den_col, idx):
        if len(batches) > 1:       # large corpus: rebuild per batch, keep memory bounded
            return _matrices(docs[masks[g]], defs, den_col, idx)
        if not cache:              # one batch: every group's matrices from one extraction
            num, den = _matrices(docs, defs, den_col, idx)
            cache.update({h: (num[mk], den[mk]) for h, mk in masks.items()})
        return cache[g]

    for pi, (a, b) in enumerate(combinations(groups, 2)):
        if pi % parts != part:
            continue
        rows = out[pi] = []
        n_a, n_b = int(masks[a].sum()), int(masks[b].sum())
        va, vb = np.full(m, np.nan), np.full(m, np.nan)
        pval, low, high = np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan)
        for den_col, idx in batches:
            na, da = mats(a, den_col, idx)
            nb, db = mats(b, den_col, idx)
            with np.errstate(invalid="ignore", divide="ignore"):
                va[idx] = na.sum(axis=0) / da.sum(axis=0)
                vb[idx] = nb.sum(axis=0) / db.sum(axis=0)
            if n_perm:   # same seed per batch: the same permutations for every metric
                pval[idx] = permutation_test_ratio(na, da, nb, db, n_resamples=n_perm,
                                                   seed=_sub_seed(seed, 2 * pi)).pvalue
            if n_boot:
                ci = bootstrap_ratio_diff(na, da, nb, db, n_resamples=n_boot,
                                          confidence=confidence,
                                          seed=_sub_seed(seed, 2 * pi + 1))
                low[idx], high[idx] = ci.low, ci.high
        va, vb, low, high = va * scale, vb * scale, low * scale, high * scale
        small = n_a < min_docs or n_b < min_docs
        for k, (family, metric, _, _, _) in enumerate(defs):
            rows.append([family, metric, a, b, va[k], vb[k], va[k] - vb[k], low[k], high[k],
                         pval[k], np.nan, n_a, n_b, small])
    return out


# ============================================================================ within event

EVENT_COLUMNS = ["family", "metric", "group_a", "group_b", "n_events", "mean_difference",
                 "ci_low", "ci_high", "p_value", "p_holm", "events", "small_group"]


def within_event_empty(by: str = "outlet") -> pd.DataFrame:
    return pd.DataFrame(columns=EVENT_COLUMNS)


def within_event(
    documents: pd.DataFrame,
    *,
    by: str = "outlet",
    event: str = "event",
    n_boot: int = 1000,
    n_perm: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    min_events: int = 5,
) -> pd.DataFrame:
    """Compare outlets on the same events only (paired, like BASIL's triplets).

    For each metric, each outlet's value is computed per event (pooled over its articles
    on that event).  For each pair of outlets, only the events that both covered enter, and
    the statistic is the mean over those events of the paired difference ``a - b``, so a
    difference in which events an outlet covers (topic mix) cannot show up as framing.
    The interval is a percentile bootstrap over events (:func:`framing.stats.bootstrap`);
    the p-value is a sign-flip permutation test (under the null each paired difference is
    symmetric about 0, so its sign is exchangeable; Good 2005, ch. 3), exact when there are
    at most 2**12 sign patterns; Holm-adjusted over the pairs of each metric.
    ``small_group`` flags pairs with fewer than ``min_events`` shared events.

    Returns
    -------
    DataFrame
        ``family, metric, group_a, group_b, n_events, mean_difference, ci_low, ci_high,
        p_value, p_holm, events, small_group``.

    References
    ----------
    Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L. (2019).
    In plain sight: Media bias through the lens of factual reporting (BASIL). *EMNLP*.
    Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses*.
    """
    from .stats import bootstrap, holm

    docs = _ok_docs(documents)
    if event not in docs.columns:
        raise DataError(
            f"within_event needs an {event!r} column; the documents have "
            f"{list(docs.columns)}. Add event ids to the corpus (column 'event')."
        )
    docs = docs[docs[event].notna()]
    defs = metric_definitions(docs.columns)
    if not defs or docs.empty:
        return within_event_empty(by)
    num_cols = sorted({d[2] for d in defs} | {d[3] for d in defs if d[3]})
    frame = docs[[by, event] + num_cols].copy()
    frame[by] = frame[by].astype(str)
    frame[event] = frame[event].astype(str)
    frame["_docs"] = 1
    sums = frame.groupby([event, by], sort=True).sum()
    values = {}
    for family, metric, num, den, scale in defs:
        d = sums["_docs"] if den is None else sums[den]
        with np.errstate(invalid="ignore", divide="ignore"):
            v = (sums[num] / d.where(d > 0)) * scale
        values[metric] = v.unstack(by)        # events x outlets
    outlets = sorted(frame[by].unique())
    rows = []
    rng_i = 0
    for family, metric, *_ in defs:
        table = values[metric]
        for a, b in combinations(outlets, 2):
            if a not in table.columns or b not in table.columns:
                continue
            pair = table[[a, b]].dropna()
            n_ev = len(pair)
            if n_ev == 0:
                continue
            diff = (pair[a] - pair[b]).to_numpy(dtype=float)
            if n_ev >= 2 and n_boot:
                ci = bootstrap(diff, lambda s: s.mean(axis=1), n_resamples=n_boot,
                               confidence=confidence, seed=_sub_seed(seed, rng_i),
                               vectorized=True)
                low, high = ci.low, ci.high
            else:
                low = high = np.nan
            p = (_sign_flip_pvalue(diff, n_perm, _sub_seed(seed, rng_i + 1))
                 if n_perm or n_ev <= 12 else np.nan)
            rng_i += 2
            rows.append([family, metric, a, b, n_ev, float(diff.mean()), low, high, p,
                         np.nan, ";".join(pair.index.astype(str)), n_ev < min_events])
    out = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    out["p_holm"] = _holm_by(out, holm)
    return out


def _holm_by(out: pd.DataFrame, holm) -> np.ndarray:
    """Holm-adjust ``p_value`` within each metric (the family of pairwise comparisons)."""
    p = out["p_value"].to_numpy(dtype=float)
    adj = np.full(len(p), np.nan)
    _, inverse = np.unique(out["metric"].to_numpy(dtype=str), return_inverse=True)
    for k in range(inverse.max() + 1 if len(inverse) else 0):
        idx = np.flatnonzero(inverse == k)
        adj[idx] = holm(p[idx])
    return adj


def _sign_flip_pvalue(diff: np.ndarray, n_perm: int, rng: np.random.Generator) -> float:
    """Two-sided sign-flip permutation p-value for the mean of paired differences."""
    n = len(diff)
    obs = abs(diff.mean())
    tol = 1e-12 * max(1.0, obs)
    if n <= 12:      # every sign pattern: exact
        signs = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1) * 2 - 1
        null = np.abs((signs * diff).mean(axis=1))
        return float((null >= obs - tol).mean())
    signs = rng.choice(np.array([-1.0, 1.0]), size=(n_perm, n))
    null = np.abs((signs * diff).mean(axis=1))
    return float((1 + (null >= obs - tol).sum()) / (1 + n_perm))


# ============================================================================ near duplicates

DUPLICATE_COLUMNS = ["doc_id_a", "doc_id_b", "group_a", "group_b", "similarity",
                     "cross_group"]


def near_duplicates(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    threshold: float = 0.8,
    k: int = 32,
    shingle: int = 24,
) -> pd.DataFrame:
    """Pairs of near-duplicate articles (wire copy), with their estimated resemblance.

    Each text gets a bottom-``k`` MinHash sketch of its character shingles
    (:func:`framing._pipeline.text_sketch`: lower-cased letters and digits only, windows of
    ``shingle`` characters).  Articles sharing a sketch value are candidates, and the
    Jaccard resemblance of each candidate pair is estimated from the bottom-``k`` sketch of
    the union (Broder 1997): ``|S(A u B) n S(A) n S(B)| / |S(A u B)|`` (standard error about
    ``sqrt(J (1 - J) / k)``).  Pairs at or above ``threshold`` are returned;
    ``cross_group`` marks copies across outlets.

    Returns
    -------
    DataFrame
        ``doc_id_a, doc_id_b, group_a, group_b, similarity, cross_group``.

    References
    ----------
    Broder, A. Z. (1997). On the resemblance and containment of documents. *Compression
    and Complexity of Sequences*, 21-29.

    Examples
    --------
    >>> import pandas as pd
    >>> wire = "The ministers met in Munich on Friday and agreed a cessation of hostilities. " * 3
    >>> corpus = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"],
    ...     "text": [wire, wire + "Copyright Y.", "Something else entirely was said today."]})
    >>> near_duplicates(corpus)[["doc_id_a", "doc_id_b", "cross_group"]].values.tolist()
    [['a', 'b', True]]
    """
    from ._pipeline import SENTINEL, text_sketch

    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}.")
    for name, value in (("k", k), ("shingle", shingle)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive whole number, got {value!r}.")
    k, shingle = int(k), int(shingle)     # (numpy integers: the sketch code is compiled)
    sketches = np.full((len(corpus), k), SENTINEL, dtype=np.uint32)
    for i, t in enumerate(corpus["text"]):
        sk = text_sketch(t if isinstance(t, str) else "", k=k, shingle=shingle)
        sketches[i, : len(sk)] = sk
    groups = corpus[by].astype(str).tolist() if by in corpus.columns else [""] * len(corpus)
    return near_duplicates_from_sketches(corpus["id"].astype(str).tolist(), groups, sketches,
                                         threshold=threshold)


def near_duplicates_from_sketches(ids, groups, sketches: np.ndarray, *,
                                  threshold: float = 0.8, max_bucket: int = 100,
                                  max_pairs: int = 5_000_000,
                                  block: int = 100_000) -> pd.DataFrame:
    """:func:`near_duplicates` from an ``(n, k)`` array of sketches (rows padded with
    :data:`framing._pipeline.SENTINEL`), as :func:`framing.analyze` collects them.

    Memory stays near ``8 n k`` bytes: every (value, document) pair is packed into one
    ``uint64`` and sorted in place; sketch values shared by more than ``max_bucket``
    documents (boilerplate) do not generate candidates, and the most widely shared values
    are skipped until at most ``max_pairs`` candidate pairs remain.
    """
    from ._pipeline import SENTINEL

    n = len(ids)
    empty = pd.DataFrame(columns=DUPLICATE_COLUMNS)
    if n < 2 or sketches.size == 0:
        return empty
    k = sketches.shape[1]
    # the validity mask is recomputed block by block (n x k booleans are never held)
    total = sum(int(np.count_nonzero(sketches[s : s + block] != SENTINEL))
                for s in range(0, n, block))
    if total == 0:
        return empty
    keys = np.empty(total, dtype=np.uint64)
    pos = 0
    for s in range(0, n, block):       # pack value << 32 | document, block by block
        sk = sketches[s : s + block]
        ok = sk != SENTINEL
        rows = np.nonzero(ok)[0].astype(np.uint64) + np.uint64(s)
        m = len(rows)
        keys[pos : pos + m] = (sk[ok].astype(np.uint64) << np.uint64(32)) | rows
        pos += m
    keys.sort()
    starts, ends = _equal_runs(keys, total)
    if not len(starts):
        return empty
    sizes = ends - starts
    # values shared by many documents (boilerplate, common phrases) are skipped: buckets
    # larger than max_bucket, and the largest buckets until the candidate pairs fit the
    # budget (wire copy shares many rare values, so it is still found)
    order = np.argsort(sizes, kind="stable")
    n_pairs = np.cumsum(sizes[order] * (sizes[order] - 1) // 2)
    fits = (sizes[order] <= max_bucket) & (n_pairs <= max_pairs)
    chosen = np.sort(order[fits])
    pair_keys = []
    low = np.uint64(0xFFFFFFFF)
    two = chosen[sizes[chosen] == 2]             # the common case, vectorised
    if len(two):
        a = (keys[starts[two]] & low).astype(np.int64)
        b = (keys[starts[two] + 1] & low).astype(np.int64)
        distinct = a != b
        pair_keys.append(np.minimum(a, b)[distinct] * n + np.maximum(a, b)[distinct])
    chosen = chosen[sizes[chosen] > 2]
    for s, e in zip(starts[chosen], ends[chosen]):
        docs = np.unique((keys[s:e] & low).astype(np.int64))
        if len(docs) < 2:
            continue
        ii, jj = np.triu_indices(len(docs), 1)
        pair_keys.append(docs[ii] * n + docs[jj])
    del keys
    if not pair_keys:
        return empty
    pairs, shared = np.unique(np.concatenate(pair_keys), return_counts=True)
    # a pair at resemblance J shares about J * k sketch values; ask for a lenient minimum
    need = max(1, math.floor(threshold * k / 4))
    rows_out = []
    # Series are read by position, without materialising a million-item list
    get_id = ids.iloc.__getitem__ if isinstance(ids, pd.Series) else ids.__getitem__
    get_group = (groups.iloc.__getitem__ if isinstance(groups, pd.Series)
                 else groups.__getitem__)
    for key in pairs[shared >= need]:
        i, j = divmod(int(key), n)
        a, b = sketches[i], sketches[j]
        sim = _resemblance(a[a != SENTINEL], b[b != SENTINEL], k)
        if sim >= threshold:
            gi, gj = str(get_group(i)), str(get_group(j))
            rows_out.append((str(get_id(i)), str(get_id(j)), gi, gj, round(sim, 4), gi != gj))
    return pd.DataFrame(rows_out, columns=DUPLICATE_COLUMNS) if rows_out else empty


def _equal_runs(keys: np.ndarray, total: int, block: int = 1 << 22):
    """Start and end (exclusive) of every run of two or more equal values (the top 32
    bits of the sorted keys), computed block by block so no ``total``-long temporary is
    made besides the result."""
    shift = np.uint64(32)
    starts, ends = [], []
    for s in range(0, total, block):
        e = min(total, s + block)
        lo, hi = max(s - 1, 0), min(e + 1, total)
        v = keys[lo:hi] >> shift
        off = s - lo                      # 1 when the previous value is in v
        cur = v[off : off + (e - s)]
        eq_prev = np.zeros(e - s, dtype=bool)          # v[i] == v[i - 1]
        if off:
            eq_prev[:] = cur == v[: e - s]
        else:
            eq_prev[1:] = cur[1:] == cur[:-1]
        nxt = v[off + 1 :]
        eq_next = np.zeros(e - s, dtype=bool)          # v[i] == v[i + 1]
        eq_next[: len(nxt)] = cur[: len(nxt)] == nxt
        starts.append(np.flatnonzero(eq_next & ~eq_prev) + s)
        ends.append(np.flatnonzero(eq_prev & ~eq_next) + (s + 1))
    return np.concatenate(starts), np.concatenate(ends)


def _resemblance(a: np.ndarray, b: np.ndarray, k: int) -> float:
    union = np.union1d(a, b)[:k]
    if len(union) == 0:
        return 0.0
    both = np.isin(union, a) & np.isin(union, b)
    return float(both.sum() / len(union))


def duplicate_of(doc_ids: pd.Series, pairs: pd.DataFrame) -> pd.Series:
    """For each document, the id of the first document (corpus order) it duplicates, or None.

    Pairs are merged into clusters (a copy of a copy is in the same cluster); the first
    member in corpus order is the original and gets None.
    """
    out = np.full(len(doc_ids), None, dtype=object)
    if pairs is None or pairs.empty:
        return pd.Series(out, index=doc_ids.index, dtype=object)
    # positions of the paired documents only (a million ids need no Python dict)
    index = pd.Index(doc_ids)
    if index.is_unique:
        pos_a = index.get_indexer(pairs["doc_id_a"]).tolist()
        pos_b = index.get_indexer(pairs["doc_id_b"]).tolist()
    else:                      # repeated ids: the last occurrence, as a dict would give
        pos = {d: i for i, d in enumerate(doc_ids)}
        pos_a = [pos[a] for a in pairs["doc_id_a"]]
        pos_b = [pos[b] for b in pairs["doc_id_b"]]
    parent: dict[int, int] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pos_a, pos_b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    ids = doc_ids.iloc if isinstance(doc_ids, pd.Series) else list(doc_ids)
    for i in sorted(parent):
        r = find(i)
        if r != i:
            out[i] = ids[r]
    return pd.Series(out, index=doc_ids.index, dtype=object)
