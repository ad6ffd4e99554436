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
# # 03 — Quotes and sources: who speaks, and how balanced
#
# **Goal.** Find who is quoted in each outlet's reports, measure source balance by role,
# country and side (sides come from *your* actor map: the tool never guesses them), and
# test attribution asymmetry: are some sources introduced with loaded speech verbs
# (*claimed*, *insisted*) more often than others (*said*)?
#
# **Time needed.** 20 minutes.
#
# **Prerequisites.** `01-quickstart`.
#
# **Data.** `syria-2016` (12 reports from 6 outlets; see its datasheet with
# `framing.datasets.list()`). An actor map for it is written in this notebook.

# %% tags=["parameters"]
CORPUS = "syria-2016"     # shipped corpus name or corpus file
BY = "outlet"             # the grouping column
N_RESAMPLES = 200         # bootstrap resamples (2000 for a paper)
ACTOR_MAP = None          # a YAML/CSV actor map file; None = the example map below

# %%
# %matplotlib inline
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import framing
from framing import plots

corpus = (framing.datasets.load(CORPUS) if CORPUS in set(framing.datasets.list()["name"])
          else framing.read_corpus(CORPUS))
warnings.filterwarnings("ignore", category=framing.FramingWarning)  # small groups, shown below
quotes = framing.quotes(corpus)
(quotes.merge(corpus[["id", BY]], left_on="doc_id", right_on="id")
 .groupby([BY, "kind"]).size().unstack(fill_value=0))

# %% [markdown]
# ## Who speaks
#
# `framing.sources` merges the quotes of each person in an article into one source and
# reads the role, organisation, country and gender the text states about them.

# %%
src = framing.sources(corpus, quotes=quotes)
src[["outlet", "source", "source_type", "n_quotes", "n_words", "role", "country", "gender"]]

# %%
top = (src[src["source_type"] == "person"].groupby("source")
       .agg(outlets=(BY, "nunique"), articles=("doc_id", "nunique"), quotes=("n_quotes", "sum"))
       .sort_values("quotes", ascending=False))
top.head(10)

# %% [markdown]
# ## Balance by role and country
#
# Shares of sources per outlet with bootstrap intervals over articles, and balance
# indices (evenness, official share). With one to four articles per outlet, the intervals
# are wide: this corpus demonstrates the method, it does not support a finding.

# %%
by_role = framing.balance(src, by=BY, dimension="role", n_resamples=N_RESAMPLES)
by_role[[BY, "category", "n_sources", "share_sources", "sources_low", "sources_high",
         "official_share", "small_group"]]

# %%
plots.source_balance(src, by=BY, dimension="role")

# %%
by_country = framing.balance(src, by=BY, dimension="country", n_resamples=N_RESAMPLES)
by_country[[BY, "category", "n_sources", "share_sources", "evenness", "small_group"]]

# %%
plots.source_balance(src, by=BY, dimension="country")

# %% [markdown]
# ## Sides, from your actor map
#
# Which side an actor is on is a research decision, so framing takes it from a map you
# write (YAML or CSV): names, aliases, and any attribute you want to fix (side, role,
# country, gender, organization). The map below is an example for this corpus.

# %%
EXAMPLE_MAP = """
- name: Ashton Carter
  aliases: [Ash Carter, Carter]
  side: US and allies
- name: John Kerry
  aliases: [Kerry, Secretary Kerry]
  side: US and allies
- name: Peter Cook
  side: US and allies
- name: Jens Stoltenberg
  aliases: [Stoltenberg]
  side: US and allies
- name: Adel al-Jubeir
  aliases: [Jubeir]
  side: US and allies
- name: Jean-Yves Le Drian
  aliases: [Le Drian]
  side: US and allies
- name: Dmitry Medvedev
  aliases: [Medvedev]
  side: Russia, Iran and Damascus
- name: Walid al-Muallem
  aliases: [al-Muallem, Muallem]
  side: Russia, Iran and Damascus
"""
if ACTOR_MAP is None:
    ACTOR_MAP = Path(tempfile.mkdtemp(prefix="framing-")) / "actors.yaml"
    ACTOR_MAP.write_text(EXAMPLE_MAP, encoding="utf-8")
actors = framing.load_actor_map(ACTOR_MAP)
actors

# %%
src_sides = framing.sources(corpus, quotes=quotes, actors=actors)
by_side = framing.balance(src_sides, by=BY, dimension="side", n_resamples=N_RESAMPLES)
by_side[[BY, "category", "n_sources", "share_sources", "n_quotes", "share_quotes"]]

# %%
plots.source_balance(src_sides.fillna({"side": "unassigned"}), by=BY, dimension="side",
                     weight="n_quotes")

# %% [markdown]
# ## Attribution asymmetry
#
# For each pair of categories, the difference in the share of quotes introduced with a
# loaded speech verb, with a bootstrap interval. A positive difference means sources of
# `category_a` get loaded verbs more often than sources of `category_b`.

# %%
asym = framing.attribution_asymmetry(src, dimension="country", n_resamples=N_RESAMPLES)
asym[["category_a", "category_b", "n_verbs_a", "share_a", "n_verbs_b", "share_b",
      "difference", "low", "high"]].sort_values("difference", ascending=False).head(10)

# %% [markdown]
# ## Caveats
#
# * Speaker resolution makes mistakes (pronouns, titles, agencies as sources): check a
#   sample with `framing.show` before trusting a balance figure (see classroom
#   exercise 2).
# * An institution speaking as a body ("The United States has praised ...") is a source
#   but not a voice; `balance` leaves institutions out unless you pass `include=`.
# * Sides exist only for actors in your map; everyone else is `unassigned`.
