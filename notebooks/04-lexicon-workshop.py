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
# # 04 — Lexicon workshop: what counts as "loaded" is your choice
#
# **Goal.** Inspect a lexicon entry in context (keyword in context), build your own
# lexicon by adding, removing and weighting entries, and see how the outlet ranking
# changes: a robustness check to report with any lexicon-based result. Then train
# `LoadedTermClassifier` on your own annotations.
#
# **Time needed.** 25 minutes.
#
# **Prerequisites.** `02-compare-outlets`.
#
# **Data.** `syria-2016` (shipped). For training, the hand-coded sentences of classroom
# exercise 1 and, as a test set, those of exercise 3 (both CC0, shipped with framing);
# replace them with your own gold JSONL (`framing.datasets.read_gold`).

# %% tags=["parameters"]
CORPUS = "syria-2016"           # shipped corpus name or corpus file
BY = "outlet"
TERM = "regime"                 # the entry to inspect
ADD = ["aggressor", "terrorist crime", "barbaric"]    # entries you add (category "label")
REMOVE = ["regime", "militant"]                        # shipped entries you remove
WEIGHTS = {"label": 2.0, "distancing": 1.0, "emotive": 1.0, "loaded_verb": 0.5,
           "scare_quote": 1.0}                         # weight of each category
TRAIN_GOLD = None    # your gold JSONL for the classifier; None = classroom exercise 1
TEST_GOLD = None     # a held-out gold JSONL; None = classroom exercise 3

# %%
import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing import classroom

pd.set_option("display.max_colwidth", 100)
corpus = (framing.datasets.load(CORPUS) if CORPUS in set(framing.datasets.list()["name"])
          else framing.read_corpus(CORPUS))
framing.list_lexicons()

# %% [markdown]
# ## 1. Inspect an entry
#
# Every entry carries a category, a rationale, its provenance and licence. Read it, then
# read its matches in context before trusting it.

# %%
base = framing.load_lexicon()
base.entries[base.entries["entry"].str.lower() == TERM.lower()][
    ["entry", "category", "rationale", "provenance", "licence", "lexicon"]]

# %%
framing.kwic(corpus, TERM, window=70, by=BY)

# %% [markdown]
# ## 2. Your own lexicon
#
# Add entries (here as a dict; a CSV or YAML file works the same way, see
# `framing.load_lexicon`), and remove entries by filtering the entry table.

# %%
added = framing.load_lexicon(add={"category": "label", "entries": ADD,
                                  "provenance": "my project", "licence": "CC0-1.0"})
removed = framing.load_lexicon(base.entries[~base.entries["entry"].isin(REMOVE)])
both_changes = framing.load_lexicon(
    removed.entries, add={"category": "label", "entries": ADD})
variants = {"shipped": base, "+ added": added, "- removed": removed,
            "+ added - removed": both_changes}
pd.DataFrame({"entries": {k: len(v) for k, v in variants.items()}})


# %% [markdown]
# ## 3. Does the outlet ranking survive?
#
# Loaded terms per 1,000 tokens per outlet under each lexicon, plus a *weighted* rate
# (each match counts its category's weight from `WEIGHTS`).

# %%
def outlet_rates(lexicon, weights=None):
    terms = framing.loaded_terms(corpus, lexicon=lexicon)
    terms = terms.merge(corpus[["id", BY]], left_on="doc_id", right_on="id")
    w = terms["category"].map(weights).fillna(1.0) if weights else 1.0
    score = (terms.assign(w=w).groupby(BY)["w"].sum())
    tokens = framing.loaded_rates(corpus, by=BY, lexicon=lexicon).groupby(BY)["n_tokens"].first()
    return (1000 * score.reindex(tokens.index, fill_value=0) / tokens).rename("rate")


rates = pd.DataFrame({name: outlet_rates(lex) for name, lex in variants.items()})
rates["weighted"] = outlet_rates(base, WEIGHTS)
rates.round(2)

# %%
ax = rates.plot.barh(figsize=(7, 4), title="Loaded terms per 1,000 tokens, by lexicon")
ax.set_xlabel("rate")
plt.show()

# %%
ranks = rates.rank(ascending=False).astype(int)
ranks

# %%
# Spearman correlation of the outlet rankings under each lexicon with the shipped one
rates.corr(method="spearman")["shipped"].round(2).rename("rank correlation with shipped")

# %% [markdown]
# If a conclusion ("outlet A uses more loaded language than outlet B") flips when a few
# entries change, it is a conclusion about the lexicon, not about the outlets. Report
# the ranking under reasonable alternatives, as above.
#
# ## 4. Train a classifier on your annotations
#
# `LoadedTermClassifier` is a scikit-learn estimator over token features (the word, its
# suffixes, the lexicon categories, VADER valence, neighbours). framing ships no trained
# model: you train it on your own gold spans, e.g. exported from the annotation widget
# (`framing.classroom.annotate`) and read with `framing.datasets.read_gold`.

# %%
if TRAIN_GOLD:
    train_corpus, train_gold = framing.datasets.read_gold(TRAIN_GOLD)
else:
    ex1 = classroom.load_exercise("hand-coding")
    train_corpus, train_gold = ex1.corpus, ex1.gold
if TEST_GOLD:
    test_corpus, test_gold = framing.datasets.read_gold(TEST_GOLD)
else:
    ex3 = classroom.load_exercise("critique")
    test_corpus, test_gold = ex3.corpus, ex3.gold
clf = framing.LoadedTermClassifier(class_weight="balanced").fit(train_corpus, train_gold)
predicted = clf.predict_spans(test_corpus)
predicted

# %%
lexicon_pred = framing.loaded_terms(test_corpus)
pd.DataFrame({
    "classifier": framing.evaluate_loaded(test_gold, predicted, corpus=test_corpus)
    .set_index("metric")["value"],
    "shipped lexicon": framing.evaluate_loaded(test_gold, lexicon_pred, corpus=test_corpus)
    .set_index("metric")["value"],
}).round(2)

# %% [markdown]
# With ten training sentences this is a demonstration, not a model: train on hundreds of
# annotated sentences (BABE, or your own), and compare it with the lexicon on held-out
# data as above before using it.
