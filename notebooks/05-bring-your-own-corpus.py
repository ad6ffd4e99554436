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
# # 05 — Bring your own corpus
#
# **Goal.** Read your own articles (CSV, JSONL or Parquet, with your own column names),
# load the research datasets PolNeAR, BASIL, PTC and BABE from your copies, and run the
# analysis from the command line or on a Dask cluster when the corpus is large.
#
# **Time needed.** 20 minutes.
#
# **Prerequisites.** `01-quickstart`; your data on disk.
#
# **Data.** By default, small files this notebook writes itself (from the shipped
# `syria-2016` corpus, and a few sentences written for the purpose in each dataset's
# format). Point the parameters at your own files instead. framing never downloads
# anything: the research datasets have their own licences, get them from their authors.

# %% tags=["parameters"]
MY_CORPUS = None        # your CSV/JSONL/Parquet file (None = an example written below)
TEXT_COL, ID_COL, OUTLET_COL = "body", "article_id", "publisher"   # your column names
POLNEAR = None          # your PolNeAR copy: brat root or JSONL export
BASIL = None            # your BASIL root (articles/ and annotations/)
PTC = None              # your PTC folder (train-articles/ + labels)
BABE = None             # your BABE CSV, e.g. final_labels_SG2.csv
JOBS = 2                # worker processes for the parallel and Dask runs
RUN_DASK = True         # start a local Dask cluster (a few seconds)

# %%
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import framing

work = Path(tempfile.mkdtemp(prefix="framing-"))
warnings.filterwarnings("ignore", category=framing.FramingWarning)

# %% [markdown]
# ## 1. Your own files, your own column names
#
# Here the shipped `syria-2016` corpus is written out as CSV, JSONL and Parquet with
# other column names (`body`, `article_id`, `publisher`, `headline`, `published`), as a
# scraper or a database export would produce them.

# %%
example = framing.datasets.load("syria-2016")[["id", "outlet", "title", "date", "text"]]
mine = example.rename(columns={"id": ID_COL, "outlet": OUTLET_COL, "title": "headline",
                               "date": "published", "text": TEXT_COL})
mine.to_csv(work / "articles.csv", index=False)
mine.to_json(work / "articles.jsonl", orient="records", lines=True, date_format="iso")
mine.to_parquet(work / "articles.parquet")
sorted(p.name for p in work.iterdir())

# %%
path = MY_CORPUS or work / "articles.csv"
corpus = framing.read_corpus(path, text_col=TEXT_COL, id_col=ID_COL, outlet_col=OUTLET_COL,
                             title_col="headline", date_col="published")
corpus[["id", "outlet", "title", "date", "status"]].head()

# %%
# the three formats give the same corpus
same = [framing.read_corpus(work / f, text_col=TEXT_COL, id_col=ID_COL, outlet_col=OUTLET_COL)
        for f in ("articles.csv", "articles.jsonl", "articles.parquet")]
pd.DataFrame({"file": ["csv", "jsonl", "parquet"],
              "articles": [len(c) for c in same],
              "same text": [c["text"].tolist() == same[0]["text"].tolist() for c in same]})

# %% [markdown]
# Large files are read in chunks with `iter_corpus` (and `analyze` does this itself when
# you pass it a path), so memory stays flat:

# %%
sizes = [len(chunk) for chunk in framing.iter_corpus(
    work / "articles.jsonl", chunksize=5, text_col=TEXT_COL, id_col=ID_COL,
    outlet_col=OUTLET_COL)]
sizes

# %%
ax = corpus["outlet"].value_counts().sort_values().plot.barh(
    figsize=(6, 3), title="Articles per outlet")
ax.set_xlabel("articles")
ax.figure

# %% [markdown]
# ## 2. Research datasets
#
# Every loader returns `(corpus, gold)`: the corpus and a gold table with the same
# columns for every dataset (`doc_id, ann_id, layer, role, start, end, text, label,
# annotator`), offsets into the corpus text. Without your copies, each cell below runs on
# a few sentences written in the dataset's format.

# %%
if BABE is None:
    BABE = work / "final_labels_example.csv"
    pd.DataFrame({
        "text": ["The regime's thugs crushed the peaceful protest.",
                 "The ministry published its annual budget on Tuesday."],
        "news_link": ["https://example.org/a", "https://example.org/b"],
        "outlet": ["Outlet A", "Outlet B"], "topic": ["syria", "economy"],
        "type": ["left", "center"], "label_bias": ["Biased", "Non-biased"],
        "label_opinion": ["Entirely factual", "Entirely factual"],
        "biased_words": ["['regime', 'thugs', 'crushed']", "[]"],
    }).to_csv(BABE, sep=";", index=False)
babe_corpus, babe_gold = framing.datasets.load_babe(BABE)
babe_gold.head()

# %%
if PTC is None:
    PTC = work / "ptc"
    (PTC / "train-articles").mkdir(parents=True)
    (PTC / "train-labels-task2-technique-classification").mkdir()
    text = "Officials said the vote was fair.\nCritics called it a shameful farce.\n"
    (PTC / "train-articles" / "article1.txt").write_text(text, encoding="utf-8")
    start = text.index("shameful farce")
    (PTC / "train-labels-task2-technique-classification" / "article1.task2-TC.labels") \
        .write_text(f"1\tLoaded_Language\t{start}\t{start + 14}\n", encoding="utf-8")
ptc_corpus, ptc_gold = framing.datasets.load_ptc(PTC)
ptc_gold.head()

# %%
if POLNEAR is None:
    POLNEAR = work / "polnear-example.jsonl"
    text = '"We will win," the senator said. Polls show a close race.'
    record = {"id": "ex-1", "outlet": "example", "date": "2016-01-01", "title": "Example",
              "text": text, "split": "dev", "annotator": "me",
              "quotes": [{"content_spans": [[1, 13]], "content": "We will win,",
                          "source_spans": [[15, 26]], "source": "the senator",
                          "cue_spans": [[27, 31]], "cue": "said", "has_quote_marks": True}]}
    POLNEAR.write_text(json.dumps(record) + "\n", encoding="utf-8")
polnear_corpus, polnear_gold = framing.datasets.load_polnear(POLNEAR)
polnear_gold.head()

# %%
if BASIL is not None:
    basil_corpus, basil_gold = framing.datasets.load_basil(BASIL)
    display(basil_gold.head())
else:
    print("BASIL: set BASIL to your copy's root (articles/<year>/*.json and "
          "annotations/<year>/*_ann.json); see help(framing.datasets.load_basil).")

# %% [markdown]
# Any of them scores the tool, e.g. quotation attribution against PolNeAR:

# %%
framing.evaluate_quotes(polnear_gold, framing.quotes(polnear_corpus))

# %% [markdown]
# ## 3. The command line
#
# The same analysis without Python: `framing analyze` writes every table as Parquet and
# CSV. (In a terminal, drop the `sys.executable -m` part and run `framing ...`.)

# %%
def run(*args):
    out = subprocess.run([sys.executable, "-m", "framing", *map(str, args)],
                         capture_output=True, text=True, check=True)
    print(out.stdout[-2000:])


run("corpus", "info", work / "articles.csv", "--text-col", TEXT_COL, "--id-col", ID_COL,
    "--outlet-col", OUTLET_COL)

# %%
run("analyze", work / "articles.csv", "--text-col", TEXT_COL, "--id-col", ID_COL,
    "--outlet-col", OUTLET_COL, "--n-boot", 100, "--no-progress", "-o", work / "tables")
sorted(p.name for p in (work / "tables").iterdir())

# %%
pd.read_parquet(work / "tables" / "groups.parquet").query(
    "metric == 'quotes per article'")[["outlet", "value", "ci_low", "ci_high", "n_docs"]]

# %% [markdown]
# ## 4. Large corpora: processes and Dask
#
# `analyze` runs the same per-document function in `JOBS` local processes, or on a Dask
# cluster (`engine="dask"`; `scheduler="tcp://host:8786"` for a real cluster, None for a
# local one). Every engine gives the same tables, and with a file path plus `out=` the
# rows stream to disk chunk by chunk.

# %%
serial = framing.analyze(corpus, n_boot=100, n_perm=100, progress=False)
parallel = framing.analyze(corpus, engine="processes", jobs=JOBS, n_boot=100, n_perm=100,
                           progress=False)
pd.testing.assert_frame_equal(serial.groups, parallel.groups)
parallel.groups.head()

# %%
if RUN_DASK:
    distributed = framing.analyze(work / "articles.parquet", engine="dask", jobs=JOBS,
                                  n_boot=100, n_perm=100, progress=False,
                                  out=work / "dask-tables",
                                  read_kwargs={"text_col": TEXT_COL, "id_col": ID_COL,
                                               "outlet_col": OUTLET_COL})
    display(distributed)
