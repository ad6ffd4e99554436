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
# # Exercise 3 — Critique: where is the tool wrong, and why?
#
# **Goal.** Run the tool on twelve sentences built to be hard, find its mistakes (missed
# or spurious quotes, wrong speakers, missed or spurious loaded terms, loaded words put
# in the wrong voice), and explain each one. The lesson: an automated framing metric is
# a measurement instrument, and it must be validated before its numbers are reported.
#
# **Time needed.** 40 minutes.
#
# **Prerequisites.** Exercise 1.
#
# **Data.** Twelve sentences written for this exercise (CC0), shipped in
# `framing/data/classroom/critique.yaml`.
#
# **How to work.** Compare the tool's tables with the sentences, record each error in the
# list below with the sentence id, the error type and your explanation, and run the check.

# %% tags=["parameters"]
EXERCISE = "critique"
MINIMUM = 3        # how many errors to find (and explain) at least

# %%
import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing import classroom

ex = classroom.load_exercise(EXERCISE)
pd.set_option("display.max_colwidth", 200)
ex.corpus[["id", "text"]]

# %% [markdown]
# ## 1. What the tool finds

# %%
quotes = framing.quotes(ex.corpus)
quotes[["doc_id", "kind", "speaker_mention", "speaker", "verb", "text"]]

# %%
loaded = framing.loaded_terms(ex.corpus, quotes=quotes)
loaded[["doc_id", "term", "category", "voice", "speaker"]]

# %%
counts = loaded.groupby(["category", "voice"]).size().unstack(fill_value=0)
ax = counts.plot.barh(stacked=True, figsize=(6, 3), title="Loaded terms found, by voice")
ax.set_xlabel("matches")
plt.show()

# %% [markdown]
# Each sentence with the tool's highlighting (hover a quote or a term for details):

# %%
for i in range(len(ex.corpus)):
    display(framing.show(i, ex.corpus, quotes=quotes, loaded=loaded, legend=i == 0))

# %% [markdown]
# ## 2. Your critique
#
# Error types: `missed quote`, `spurious quote` (the tool finds an attribution that is
# not there, or too many), `wrong speaker`, `missed loaded term`, `spurious loaded term`
# (a word flagged although it is not loaded here), `wrong voice` (a loaded word given to
# the reporter although a speaker said it, or the reverse).
#
# A loaded reporting verb (*dismissed*, *denied*, *warned*) and standard wire terms
# (*militants*) are defensible either way: they do not count as errors.

# %%
my_critique = [
    # YOUR ANSWER, e.g.
    # {"sentence": "c03", "error": "spurious loaded term",
    #  "why": "explain, in a sentence, what the tool did not see"},
]
classroom.check_critique(my_critique, minimum=MINIMUM)

# %% [markdown]
# ## 3. Discuss
#
# 1. Which of the errors would a bigger lexicon fix, and which need context (the sense
#    of a word, the syntax of the sentence, who is speaking)?
# 2. Which errors would bias a comparison of outlets, rather than just add noise? (Think
#    of an outlet that quotes officials calling others "terrorists".)
# 3. Write the validation paragraph of a paper that uses this tool: what sample, what
#    measure, what threshold?
