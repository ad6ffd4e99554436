# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — Compare outlets: loaded terms, label choice, keyness
#
# **Goal.** Compare how outlets word their reports of the same events: loaded-term rates
# by outlet and by voice (the reporter's own words vs quoted words) with confidence
# intervals, the names each outlet uses for ISIS/Daesh and for the Syrian government, and
# the words that set the Syria coverage apart from a neutral reference corpus. And see
# why a small corpus limits what you can conclude.
#
# **Time needed.** 20 minutes.
#
# **Prerequisites.** `01-quickstart`. A confidence interval, roughly.
#
# **Data.** `syria-2016` (12 reports of February 2016 events and the January 2020
# Soleimani strike from 6 outlets: US government, Voice of America, Press TV, Tasnim,
# Wikinews; mostly the leads) and a random sample of `wikinews` (English Wikinews
# 2019–2020, written under a neutrality policy) as the reference.

# %% tags=["parameters"]
CORPUS = "syria-2016"        # the corpus to compare (shipped name or file)
REFERENCE = "wikinews"       # a reference corpus (shipped name or file)
REFERENCE_SAMPLE = 40        # articles sampled from the reference (None = all)
BY = "outlet"                # the corpus column that defines the groups
N_BOOT = 200                 # bootstrap resamples (use 2000 for a paper)
SEED = 0

# %%
# %matplotlib inline
import warnings

import pandas as pd

import framing
from framing import plots


def load(name):
    shipped = set(framing.datasets.list()["name"])
    return framing.datasets.load(name) if name in shipped else framing.read_corpus(name)


corpus = load(CORPUS)
reference = load(REFERENCE)
if REFERENCE_SAMPLE and len(reference) > REFERENCE_SAMPLE:
    reference = reference.sample(REFERENCE_SAMPLE, random_state=SEED)
both = pd.concat([corpus.assign(collection=CORPUS), reference.assign(collection=REFERENCE)],
                 ignore_index=True)
both.groupby(["collection", BY]).size().rename("articles").to_frame()

# %% [markdown]
# ## Run the analysis
#
# `framing.analyze` segments each article once and computes quotes, loaded terms and
# sources, then every group-level metric with a bootstrap confidence interval over
# articles. Groups with fewer than `min_docs` articles are flagged `small_group`.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")   # the small-group warnings are shown as a column below
    result = framing.analyze(both, by=BY, n_boot=N_BOOT, n_perm=N_BOOT, seed=SEED,
                             progress=False)
result

# %% [markdown]
# ## Loaded-term rates by outlet and voice

# %%
metrics = ["loaded terms per 1,000 tokens",
           "loaded terms per 1,000 tokens: reporter voice",
           "loaded terms per 1,000 tokens: quoted voice"]
rates = result.groups[result.groups["metric"].isin(metrics)]
(rates.pivot(index=BY, columns="metric", values="value").round(2)
 .join(rates.groupby(BY)[["n_docs", "small_group"]].first()))

# %%
plots.metric_by_group(result.groups, "loaded terms per 1,000 tokens: reporter voice", by=BY)

# %%
plots.metric_by_group(result.groups, "loaded terms per 1,000 tokens: quoted voice", by=BY)

# %% [markdown]
# ## Label choice: ISIS or Daesh? Government or regime?
#
# For the same actor, outlets pick different names. `label_choice` counts each name of
# the shipped `syria` actor set per outlet, with the connotation of each label.

# %%
labels = framing.label_choice(corpus, by=BY)
isis = labels[(labels["actor"] == "islamic-state") & (labels["n"] > 0)]
isis[[BY, "label", "n", "share", "connotation"]]

# %%
plots.label_choice_plot(labels, actor="islamic-state", by=BY)

# %%
plots.label_choice_plot(labels, actor="syrian-government", by=BY)

# %% [markdown]
# ## Keyness: what sets the corpus apart from the reference
#
# Log-odds ratios with an informative Dirichlet prior (Monroe et al. 2008), one
# collection against the other.

# %%
key = framing.keyness(both, by="collection", min_count=3, top=15)
key[key["group"] == CORPUS][["term", "count", "count_reference", "log_odds", "z"]]

# %%
plots.keyness_plot(key, group=CORPUS, top=15)

# %% [markdown]
# ## Caveats of a small corpus
#
# * Most outlets here have one to four articles: their intervals are wide and every
#   group is flagged `small_group`. Differences between them are anecdotes, not findings.
# * The texts are mostly leads (first ~2,000 characters): loaded terms cluster in the
#   lead, so the rates are higher than in full articles.
# * Outlets differ in genre (press transcripts vs news reports), which changes quote and
#   loaded-term rates independently of framing.
# * The lexicon decides what counts as loaded: notebook `04-lexicon-workshop` shows how
#   much the ranking moves when it changes.

# %%
result.groups.groupby(BY)[["n_docs", "small_group"]].first().sort_values("n_docs")
