"""Charts for outlet comparisons (matplotlib), readable in greyscale print and by colour-blind readers.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
state; notebooks display it, ``fig.savefig(...)`` writes it).  Colours are the Okabe-Ito
palette (Okabe & Ito 2008), which stays distinguishable for the common colour-vision
deficiencies; categories also differ by hatch pattern or marker, and heatmaps use the
perceptually uniform ``cividis`` map, so the charts survive greyscale printing.

References
----------
Okabe, M., & Ito, K. (2008). Color Universal Design (CUD): How to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
Nuñez, J. R., Anderton, C. R., & Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency (cividis). *PLOS ONE*, 13(8), e0199239.
"""
from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd

from ._errors import DataError

__all__ = [
    "HATCHES",
    "PALETTE",
    "keyness_plot",
    "label_choice_plot",
    "metric_by_group",
    "source_balance",
    "verb_class_heatmap",
]

#: Okabe-Ito colour-blind-safe palette (black last)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
           "#000000"]
#: hatch patterns so that stacked categories differ in greyscale too
HATCHES = ["", "///", "...", "xx", "\\\\\\", "oo", "--", "++", "**", "||"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _wrap(label: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _need(frame: pd.DataFrame, cols, what: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise DataError(
            f"{what} needs columns {list(cols)}; missing {missing} (got {list(frame.columns)})."
        )


def metric_by_group(groups: pd.DataFrame, metric: str, *, by: str = "outlet", ax=None):
    """A point per group with its confidence interval, ``n`` in the label.

    Parameters
    ----------
    groups : DataFrame
        ``AnalysisResult.groups`` (``<by>, metric, value, ci_low, ci_high, n_docs``,
        optionally ``small_group``).
    metric : str
        One value of ``groups["metric"]``, e.g. ``"loaded terms per 1,000 tokens"``.
    by : str
    ax : matplotlib Axes, optional
        Draw into this axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        Small groups (``small_group``) are drawn with hollow markers and a dagger.

    Examples
    --------
    >>> import framing
    >>> res = framing.analyze(framing.datasets.load("syria-2016"), progress=False)
    >>> fig = framing.plots.metric_by_group(res.groups, "loaded terms per 1,000 tokens")
    >>> type(fig).__name__
    'Figure'
    """
    _need(groups, [by, "metric", "value", "ci_low", "ci_high", "n_docs"], "metric_by_group")
    sub = groups[groups["metric"] == metric].sort_values("value", na_position="first")
    if sub.empty:
        raise DataError(
            f"metric {metric!r} is not in the table; available: "
            f"{sorted(groups['metric'].unique())[:20]}."
        )
    if ax is None:
        fig, ax = _figure(7.0, 1.0 + 0.45 * len(sub))
    else:
        fig = ax.figure
    y = np.arange(len(sub))
    vals = sub["value"].to_numpy(dtype=float)
    lo = sub["ci_low"].to_numpy(dtype=float)
    hi = sub["ci_high"].to_numpy(dtype=float)
    small = sub["small_group"].to_numpy(dtype=bool) if "small_group" in sub else np.zeros(
        len(sub), dtype=bool)
    err = np.vstack([np.clip(vals - lo, 0, None), np.clip(hi - vals, 0, None)])
    err = np.nan_to_num(err)
    ax.errorbar(vals, y, xerr=err, fmt="none", ecolor="#333333", elinewidth=1.5, capsize=4)
    ax.scatter(vals[~small], y[~small], s=55, color=PALETTE[0], zorder=3, label="estimate")
    if small.any():
        ax.scatter(vals[small], y[small], s=55, facecolors="white", edgecolors=PALETTE[3],
                   linewidths=1.8, zorder=3, marker="s", label="small group (†)")
    labels = [f"{_wrap(g)}{' †' if s else ''}  (n={int(n)})"
              for g, n, s in zip(sub[by], sub["n_docs"], small)]
    ax.set_yticks(y, labels)
    ax.set_xlabel(f"{metric} (95% bootstrap CI)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    if small.any():
        ax.legend(loc="best", fontsize="small", frameon=False)
    return fig


def source_balance(
    data: pd.DataFrame, *, by: str = "outlet", dimension: str = "role", weight: str | None = None,
    ax=None,
):
    """Stacked horizontal bars: each group's sources split by category (shares sum to 1).

    Parameters
    ----------
    data : DataFrame
        Either the sources table (one row per document and source, with ``by`` and
        ``dimension`` columns: shares are computed here) or a table that already has
        ``<by>, category, share`` (e.g. from :func:`framing.balance`).
    dimension : str, default "role"
    weight : str, optional
        Weight each source by this column (e.g. ``"n_quotes"``) instead of counting it once.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if {"category", "share"} <= set(data.columns):
        _need(data, [by, "category", "share"], "source_balance")
        shares = data.pivot_table(index=by, columns="category", values="share",
                                  aggfunc="sum", fill_value=0.0)
        counts = None
    else:
        _need(data, [by, dimension], "source_balance")
        w = data[weight] if weight else pd.Series(1.0, index=data.index)
        frame = pd.DataFrame({by: data[by].astype(str),
                              "category": data[dimension].fillna("unknown").astype(str),
                              "w": w.astype(float)})
        table = frame.pivot_table(index=by, columns="category", values="w", aggfunc="sum",
                                  fill_value=0.0)
        counts = frame.groupby(by)["w"].sum()
        shares = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
    if shares.empty:
        raise DataError("source_balance: no sources to plot.")
    order = shares.sum(axis=0).sort_values(ascending=False).index
    shares = shares[order]
    if ax is None:
        fig, ax = _figure(8.0, 1.6 + 0.5 * len(shares) + 0.25 * math.ceil(len(shares.columns) / 4))
    else:
        fig = ax.figure
    left = np.zeros(len(shares))
    y = np.arange(len(shares))
    i = 0
    for cat in shares.columns:
        vals = shares[cat].to_numpy(dtype=float)
        if str(cat) in ("unknown", "none", ""):       # "not stated" is always plain grey
            colour, hatch, edge = "#d9d9d9", "", "#222222"
        else:
            colour, hatch = PALETTE[i % len(PALETTE)], HATCHES[i % len(HATCHES)]
            edge = "white" if i % len(PALETTE) == 7 else "#222222"
            i += 1
        ax.barh(y, vals, left=left, color=colour, hatch=hatch, edgecolor=edge, linewidth=0.6,
                label=str(cat))
        for yy, v, lft in zip(y, vals, left):
            if v >= 0.08:
                ax.text(lft + v / 2, yy, f"{v:.0%}", ha="center", va="center", fontsize=8,
                        color="black",
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
        left += vals
    unit = "sources" if weight is None else weight
    labels = [f"{_wrap(g)}" + (f"  (n={int(counts[g])} {unit})" if counts is not None else "")
              for g in shares.index]
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of sources by {dimension}")
    handles, labels_ = ax.get_legend_handles_labels()
    fig.legend(handles, labels_, loc="outside lower center", ncol=min(4, len(shares.columns)),
               fontsize="small", frameon=False)
    return fig


def verb_class_heatmap(
    quotes: pd.DataFrame, sources: pd.DataFrame | None = None, *, dimension: str = "role",
    normalize: bool = True, ax=None,
):
    """Heatmap of speech-verb class (rows) by source category (columns), counts in cells.

    Parameters
    ----------
    quotes : DataFrame
        The quotes table (``doc_id, speaker, verb_class``); if it already has the
        ``dimension`` column, ``sources`` is not needed.
    sources : DataFrame, optional
        The sources table; joined on ``doc_id`` and ``speaker == source``.
    dimension : str, default "role"
    normalize : bool, default True
        Colour by the share of each category's quotes (columns sum to 1); cells show
        the counts either way.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _need(quotes, ["verb_class"], "verb_class_heatmap")
    q = quotes[quotes["verb_class"].notna()]
    if "kind" in q.columns:
        q = q[q["kind"] != "scare"]
    if dimension not in q.columns:
        if sources is None:
            raise DataError(
                f"verb_class_heatmap: quotes have no {dimension!r} column; pass the sources "
                "table too (framing.sources(corpus))."
            )
        _need(sources, ["doc_id", "source", dimension], "verb_class_heatmap")
        s = sources[["doc_id", "source", dimension]].drop_duplicates(["doc_id", "source"])
        q = q.merge(s, left_on=["doc_id", "speaker"], right_on=["doc_id", "source"],
                    how="left")
    cat = q[dimension].fillna("unknown").astype(str)
    table = pd.crosstab(q["verb_class"].astype(str), cat)
    if table.empty:
        raise DataError("verb_class_heatmap: no quotes with a verb class to plot.")
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index,
                      table.sum(axis=0).sort_values(ascending=False).index]
    shown = table.div(table.sum(axis=0), axis=1) if normalize else table
    if ax is None:
        fig, ax = _figure(1.8 + 0.9 * table.shape[1], 1.4 + 0.45 * table.shape[0])
    else:
        fig = ax.figure
    im = ax.imshow(shown.to_numpy(dtype=float), cmap="cividis", aspect="auto", vmin=0)
    ax.set_xticks(range(table.shape[1]),
                  [f"{c}\n(n={int(table[c].sum())})" for c in table.columns], fontsize=8)
    ax.set_yticks(range(table.shape[0]), list(table.index))
    vmax = float(np.nanmax(shown.to_numpy(dtype=float))) or 1.0
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = shown.iat[i, j]
            ax.text(j, i, f"{int(table.iat[i, j])}", ha="center", va="center", fontsize=8,
                    color="black" if v > 0.55 * vmax else "white")
    ax.set_xlabel(f"source {dimension}")
    ax.set_ylabel("speech-verb class")
    fig.colorbar(im, ax=ax, label="share of the category's quotes" if normalize else "quotes")
    return fig


def keyness_plot(
    keyness: pd.DataFrame, *, group: str | None = None, reference: str | None = None,
    top: int = 15, stat: str = "log_odds", ax=None,
):
    """Diverging bars of the most distinctive words, each labelled with its counts.

    Parameters
    ----------
    keyness : DataFrame
        :func:`framing.keyness` output.
    group, reference : str, optional
        The comparison to draw (default: the first in the table).
    top : int, default 15
        Words shown at each end.
    stat : {"log_odds", "z", "log_ratio"}
        The bar length; words are ranked by the log-odds z-score.

    Returns
    -------
    matplotlib.figure.Figure
        Words over-used by ``group`` point right (blue, solid), those over-used by the
        reference point left (orange, hatched); labels give ``n`` in each.
    """
    _need(keyness, ["group", "reference", "term", "count", "count_reference", "z", stat],
          "keyness_plot")
    if keyness.empty:
        raise DataError("keyness_plot: the keyness table is empty.")
    group = group if group is not None else keyness["group"].iloc[0]
    sub = keyness[keyness["group"] == group]
    if reference is not None:
        sub = sub[sub["reference"] == reference]
    if sub.empty:
        raise DataError(f"keyness_plot: no rows for group={group!r} reference={reference!r}.")
    ref = sub["reference"].iloc[0]
    sub = sub[sub["reference"] == ref].sort_values("z")
    pick = pd.concat([sub.head(top), sub.tail(top)]).drop_duplicates("term").sort_values("z")
    if ax is None:
        fig, ax = _figure(7.5, 1.2 + 0.3 * len(pick))
    else:
        fig = ax.figure
    vals = pick[stat].to_numpy(dtype=float)
    pos = vals >= 0
    y = np.arange(len(pick))
    ax.barh(y[pos], vals[pos], color=PALETTE[0], edgecolor="#222222", linewidth=0.5,
            label=f"more in {group}")
    ax.barh(y[~pos], vals[~pos], color=PALETTE[1], hatch="///", edgecolor="#222222",
            linewidth=0.5, label=f"more in {ref}")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [f"{t}  ({int(a)} vs {int(b)})" for t, a, b in
                      zip(pick["term"], pick["count"], pick["count_reference"])], fontsize=8)
    n_g = int(pick["n_group"].iloc[0]) if "n_group" in pick else 0
    n_r = int(pick["n_reference"].iloc[0]) if "n_reference" in pick else 0
    names = {"log_odds": "log-odds ratio, informative Dirichlet prior",
             "z": "log-odds z-score", "log_ratio": "Log Ratio (log2)"}
    ax.set_xlabel(f"{names.get(stat, stat)}\n{group} (N={n_g:,} words) vs {ref} "
                  f"(N={n_r:,} words); labels: counts")
    ax.legend(loc="lower right", fontsize="small", frameon=False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig


def label_choice_plot(table: pd.DataFrame, *, actor: str | None = None, by: str = "outlet",
                      ax=None):
    """Which name each outlet uses for an actor: stacked shares of the labels.

    Parameters
    ----------
    table : DataFrame
        :func:`framing.label_choice` output with ``actor, <by>, label`` and the mention
        count ``n`` (or ``count``); shares are recomputed from the counts.
    actor : str, optional
        The actor to draw (default: the one with the most mentions).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if "count" not in table.columns and "n" in table.columns:
        table = table.rename(columns={"n": "count"})
    _need(table, ["actor", by, "label", "count"], "label_choice_plot")
    if table.empty:
        raise DataError("label_choice_plot: the label-choice table is empty.")
    if actor is None:
        actor = table.groupby("actor")["count"].sum().idxmax()
    sub = table[table["actor"] == actor]
    if sub.empty:
        raise DataError(f"label_choice_plot: no rows for actor {actor!r}; actors: "
                        f"{sorted(table['actor'].unique())}.")
    wide = sub.pivot_table(index=by, columns="label", values="count", aggfunc="sum",
                           fill_value=0)
    counts = wide.sum(axis=1)
    shares = wide.div(counts.where(counts > 0), axis=0).fillna(0.0)
    fig = source_balance(
        shares.stack().rename("share").reset_index().rename(columns={"label": "category"}),
        by=by, ax=ax,
    )
    ax = fig.axes[0]
    ax.set_yticks(range(len(shares)), [f"{_wrap(g)}  (n={int(counts[g])})"
                                       for g in shares.index])
    ax.set_xlabel(f"share of the names used for {actor}")
    return fig
