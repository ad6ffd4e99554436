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
# # 01 — Quickstart: one article, read by the tool
#
# **Goal.** See what framing measures on a single news article: its quotes and who
# speaks, its loaded terms (in the reporter's voice or in a quoted voice), and its
# sources, shown as a highlighted article with the tables next to it.
#
# **Time needed.** 10 minutes.
#
# **Prerequisites.** Python and pandas basics. framing installed (`make lab` from the
# repository sets everything up).
#
# **Data.** The founding example, shipped as the `seed` corpus: a Press TV article of
# 12 February 2016 on NATO and the anti-ISIL coalition. Change `CORPUS` and `DOC` below
# to read another article (any shipped corpus name or a corpus file).

# %% tags=["parameters"]
CORPUS = "seed"     # a shipped corpus name (framing.datasets.list()) or a corpus file
DOC = 0             # the article to read: a position or an id

# %%
import matplotlib.pyplot as plt
import pandas as pd

import framing

pd.set_option("display.max_colwidth", 120)
corpus = (framing.datasets.load(CORPUS) if CORPUS in set(framing.datasets.list()["name"])
          else framing.read_corpus(CORPUS))
one = corpus.iloc[[DOC]] if isinstance(DOC, int) else corpus[corpus["id"] == DOC]
one[["id", "outlet", "title", "date"]]

# %% [markdown]
# ## The article, highlighted
#
# Quotes are coloured by speaker; loaded terms are marked by category. Hover a quote to
# see its speaker, the mention in the text and the speech verb; hover a term to see its
# category, the lexicon entry and the voice.

# %%
quotes = framing.quotes(one)
loaded = framing.loaded_terms(one, quotes=quotes)
framing.show(0, one, quotes=quotes, loaded=loaded)

# %% [markdown]
# ## Quotes and speakers
#
# One row per attribution: its kind (direct, indirect, mixed, partial, scare), the
# speaker as resolved (a pronoun *he* becomes the person), the speech verb and its class
# (a neutral *said*, or a loaded *claimed*, *warned*, *vowed*). Offsets point into the text.

# %%
quotes[["kind", "speaker", "speaker_mention", "verb", "verb_class", "text"]]

# %% [markdown]
# ## Loaded terms
#
# Each match with its category and voice: `reporter` (the outlet's own words, including
# paraphrase) or `quoted` (inside a quote, with the speaker).

# %%
loaded[["term", "category", "voice", "speaker", "entry", "lexicon"]]

# %%
by_voice = loaded.groupby(["category", "voice"]).size().unstack(fill_value=0)
ax = by_voice.plot.barh(stacked=True, figsize=(6, 3),
                        title="Loaded terms in the article, by category and voice")
ax.set_xlabel("matches")
plt.show()

# %% [markdown]
# Rates per 1,000 tokens make articles of different length comparable:

# %%
framing.loaded_rates(loaded, corpus=one, by="doc_id").query("voice == 'all'")

# %% [markdown]
# ## Sources
#
# One row per source: the quotes of one person (or institution, or unnamed source) are
# merged, with the role, organisation, country and gender the article states (`unknown`
# when it does not say; framing never guesses, and sides come only from your actor map,
# see notebook 03).

# %%
sources = framing.sources(one, quotes=quotes)
sources[["source", "source_type", "n_quotes", "n_words", "role", "organization", "country",
         "gender"]]

# %% [markdown]
# ## Next
#
# * `02-compare-outlets`: the same measures over many articles, outlet against outlet,
#   with confidence intervals.
# * `03-quotes-and-sources`: who speaks, and how balanced the sources are.
# * `04-lexicon-workshop`: what is "loaded" is a choice; inspect and change the lexicon.
