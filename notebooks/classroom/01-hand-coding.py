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
# # Exercise 1 — Hand-code quotes and loaded terms, then test the tool
#
# **Goal.** Code ten sentences by hand (who is quoted, how, and which words are loaded),
# measure how far three coders agree with Krippendorff's alpha, and score the tool's
# quote finder against the coders' consensus.
#
# **Time needed.** 45–60 minutes.
#
# **Prerequisites.** Notebook `01-quickstart`; Python dictionaries. No statistics beyond
# a percentage.
#
# **Data.** Ten short sentences written for this exercise (CC0), modelled on 2016 wire
# coverage of the war in Syria, and the codes of three (simulated) coders A, B and C.
# Both ship with framing (`framing/data/classroom/`).
#
# **How to work.** Fill in the cells marked `# YOUR ANSWER`, then run the check below
# each one: it says `✓ right`, `✗ wrong` with a hint, or `… not answered yet`.

# %% tags=["parameters"]
EXERCISE = "hand-coding"   # the exercise's texts and key (framing.classroom.list_exercises())
OUT_DIR = None             # folder for the files you export; None = a temporary folder

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing import classroom

out_dir = Path(OUT_DIR or tempfile.mkdtemp(prefix="framing-"))
ex = classroom.load_exercise(EXERCISE)
sentences = ex.corpus[["id", "text"]]
pd.set_option("display.max_colwidth", 200)
sentences

# %% [markdown]
# ## 1. Code the quotes
#
# For each sentence decide the **kind** of attribution:
#
# | kind | meaning | example |
# |---|---|---|
# | `none` | nobody is reported as saying anything | *Aid reached the town.* |
# | `direct` | the speaker's own words, in quote marks | *"We will win," he said.* |
# | `indirect` | a paraphrase of what someone said, no quote marks (also *according to X*) | *He said they would win.* |
# | `mixed` | a paraphrase with a few quoted words inside | *He called it a "victory".* |
#
# and the **speaker** as written in the sentence (`"she"` stays `"she"`; `None` when the
# kind is `none`).

# %%
my_quotes = {
    # YOUR ANSWER: one entry per sentence, e.g.
    # "h01": ("direct", "the Syrian foreign minister"),
}
classroom.check_quotes(my_quotes)

# %% [markdown]
# ## 2. Mark spans with the annotation widget
#
# The widget below shows a sentence with its token numbers. Choose a layer
# (`attribution` for the content/source/cue of a quote, `loaded` for a loaded word),
# give the first and last token (or type the exact text), click **Add**, and **Export**
# your spans as a gold JSONL file that `framing.datasets.read_gold` reads back.
# Everything the widget does is also a method, so you can script it instead:
# `ann.add_text("the words", layer=..., role=..., label=...)`.

# %%
first = ex.corpus.iloc[0]
ann = classroom.annotate(first["text"], doc_id=first["id"], outlet="classroom", annotator="me")
ann

# %%
# YOUR ANSWER (optional): script the spans instead of clicking, e.g.
# ann.add_text("the Syrian foreign minister", layer="attribution", role="source")
ann.spans

# %%
path = ann.export(out_dir / "my-annotations.gold.jsonl")
corpus_back, gold_back = framing.datasets.read_gold(path)
gold_back

# %% [markdown]
# ## 3. Mark the loaded terms
#
# A **loaded term** takes a side: it labels, judges or casts doubt (*regime*, *barbaric*,
# *so-called*, *claimed*), where a neutral word would only describe. List the loaded words
# of each sentence (an empty list when there are none). Quoted words count too: mark them,
# and note that they are the speaker's, not the outlet's.

# %%
my_loaded = {
    # YOUR ANSWER, e.g. "h01": ["..."], "h03": [],
}
classroom.check_loaded(my_loaded)

# %% [markdown]
# ## 4. Agreement between coders
#
# Three coders coded the kind of attribution in the same sentences. Coder C skipped one
# sentence (an empty code). How far do they agree beyond chance?

# %%
coders = ex.coders
coders.pivot(index="unit", columns="coder", values="label")

# %%
counts = coders.dropna().groupby(["coder", "label"]).size().unstack(fill_value=0)
ax = counts.plot.bar(figsize=(6, 3), rot=0, title="Codes used by each coder")
ax.set_ylabel("sentences")
plt.show()

# %% [markdown]
# Compute **Krippendorff's alpha** (nominal) between A, B and C with NLTK:
# `AnnotationTask(data=[(coder, unit, label), ...]).alpha()`. Leave the skipped code out:
# a missing value is not a category.

# %%
from nltk.metrics.agreement import AnnotationTask  # noqa: E402

alpha = None   # YOUR ANSWER
classroom.check_alpha(alpha)

# %% [markdown]
# Now the **consensus**: for each sentence, the code most coders chose.

# %%
consensus = {
    # YOUR ANSWER, e.g. "h01": "direct",
}
classroom.check_consensus(consensus)

# %% [markdown]
# ## 5. The tool against the consensus
#
# `framing.quotes` finds attributions automatically. A sentence is a *positive* when the
# consensus kind is not `none`; the tool says positive when it finds at least one quote
# (scare quotes left out).

# %%
tool = framing.quotes(ex.corpus)
tool[["doc_id", "kind", "speaker_mention", "verb", "text"]]

# %%
tool_view = classroom.tool_sentence_quotes(EXERCISE)
tool_view

# %% [markdown]
# Compute the tool's **precision** (of the sentences where it finds a quote, the share
# that really have one) and **recall** (of the sentences that have a quote, the share it
# finds), against your consensus.

# %%
precision = None   # YOUR ANSWER
recall = None      # YOUR ANSWER
classroom.check_precision_recall(precision, recall)

# %% [markdown]
# ## 6. Discuss
#
# 1. Which sentences did the coders disagree on, and what in the coding scheme would
#    settle them?
# 2. Which sentences does the tool miss? What do they have in common?
# 3. Would you report an outlet's "share of direct quotes" computed by this tool without
#    checking it on a sample first? What would you check?
