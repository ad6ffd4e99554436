"""Charts (framing.plots): each returns a non-empty matplotlib Figure (Agg backend)."""
from __future__ import annotations

from collections import Counter

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import framing
from framing import plots
from framing.compare import keyness_from_counts

GROUPS = pd.DataFrame({
    "outlet": ["A", "B", "C"],
    "family": "loaded",
    "metric": "loaded terms per 1,000 tokens",
    "value": [3.0, 5.5, 1.2],
    "ci_low": [2.0, 4.0, 0.1],
    "ci_high": [4.1, 7.0, 3.3],
    "n_docs": [40, 25, 3],
    "small_group": [False, False, True],
})
SOURCES = pd.DataFrame({
    "doc_id": ["d1", "d1", "d2", "d3", "d3", "d4"],
    "outlet": ["A", "A", "A", "B", "B", "B"],
    "source": ["Carter", "officials", "Medvedev", "Carter", "al-Muallem", "a witness"],
    "role": ["official", "anonymous", "official", "official", "official", "citizen"],
    "n_quotes": [3, 1, 2, 1, 2, 1],
})
QUOTES = pd.DataFrame({
    "doc_id": ["d1", "d1", "d2", "d3", "d3", "d4", "d4"],
    "speaker": ["Carter", "officials", "Medvedev", "Carter", "al-Muallem", "a witness", None],
    "verb_class": ["neutral", "neutral", "warning", "neutral", "distancing", "neutral", None],
    "kind": ["direct", "indirect", "mixed", "direct", "mixed", "direct", "scare"],
})


def _drawn(fig) -> bool:
    import io

    import matplotlib.image as mpimg

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    buf.seek(0)
    img = mpimg.imread(buf, format="png")
    return isinstance(fig, Figure) and len(np.unique(img.reshape(-1, img.shape[-1]),
                                                     axis=0)) > 2


def test_metric_by_group_returns_figure_with_cis():
    fig = plots.metric_by_group(GROUPS, "loaded terms per 1,000 tokens")
    assert _drawn(fig)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("(n=3)" in lab and "†" in lab for lab in labels)
    assert "95% bootstrap CI" in ax.get_xlabel()


def test_metric_by_group_unknown_metric():
    with pytest.raises(framing.DataError, match="metric 'nope' is not in the table"):
        plots.metric_by_group(GROUPS, "nope")


def test_source_balance_shares_stack_to_one():
    fig = plots.source_balance(SOURCES, dimension="role")
    assert _drawn(fig)
    ax = fig.axes[0]
    widths = {}
    for patch in ax.patches:
        y = round(patch.get_y(), 3)
        widths[y] = widths.get(y, 0) + patch.get_width()
    assert all(w == pytest.approx(1.0) for w in widths.values())
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) > 1               # categories differ in greyscale too


def test_source_balance_missing_column():
    with pytest.raises(framing.DataError, match="source_balance needs columns"):
        plots.source_balance(SOURCES.drop(columns=["role"]), dimension="role")


def test_verb_class_heatmap_joins_sources():
    fig = plots.verb_class_heatmap(QUOTES, SOURCES, dimension="role")
    assert _drawn(fig)
    texts = [t.get_text() for t in fig.axes[0].texts]
    # rows by frequency (neutral first), columns by frequency (official first):
    # neutral x official = Carter in d1 and d3 = 2; the scare quote has no verb class
    assert texts[0] == "2"
    assert sum(int(t) for t in texts) == 6


def test_verb_class_heatmap_needs_sources():
    with pytest.raises(framing.DataError, match="pass the sources table too"):
        plots.verb_class_heatmap(QUOTES)


def test_keyness_plot_labels_counts():
    k = keyness_from_counts({"A": Counter(war=30, peace=5, talks=10),
                             "B": Counter(war=3, peace=40, talks=12)}, min_count=1)
    fig = plots.keyness_plot(k, group="A", top=5)
    assert _drawn(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "war  (30 vs 3)" in labels
    with pytest.raises(framing.DataError, match="no rows for group='Z'"):
        plots.keyness_plot(k, group="Z")


def test_label_choice_plot_with_label_choice_output(seed_corpus):
    other = seed_corpus.assign(id="x", outlet="Other",
                               text="The Islamic State and ISIS were discussed by ISIL.")
    lc = framing.label_choice(pd.concat([seed_corpus, other], ignore_index=True))
    fig = plots.label_choice_plot(lc, actor="islamic-state")
    assert _drawn(fig)
    assert "islamic-state" in fig.axes[0].get_xlabel()


def test_label_choice_plot_from_counts():
    table = pd.DataFrame({"actor": "IS", "outlet": ["A", "A", "B"],
                          "label": ["ISIS", "Daesh", "ISIS"], "n": [3, 1, 2]})
    fig = plots.label_choice_plot(table)
    assert _drawn(fig)
    with pytest.raises(framing.DataError, match="no rows for actor 'x'"):
        plots.label_choice_plot(table, actor="x")


def test_palette_is_okabe_ito():
    assert plots.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
