#!/usr/bin/env python
"""Learn abbreviations with NLTK's Punkt trainer and merge them into the shipped table.

``framing/data/abbreviations.csv`` is the abbreviation table of the fast sentence
splitter in :mod:`framing.text`.  It has three columns, ``abbreviation, kind,
provenance``:

- ``kind`` is ``title`` (precedes a name and never ends a sentence: Mr., Gen.),
  ``month`` (does not end a sentence before a day number: Sept. 11) or ``other``
  (ends a sentence only before a common sentence opener: U.S., Inc., Jr.);
- ``provenance`` is ``hand-curated`` or ``punkt:wikinews``.

This script keeps every ``hand-curated`` row of the current table, trains
``nltk.tokenize.punkt.PunktTrainer`` (Kiss & Strunk 2006) on the Wikinews articles
(CC BY 2.5) in ``../shared/data/corpus-sources``, drops the learned types that a
person reviewed and rejected (``REJECTED`` below) or that are junk by rule (single
letters, which the splitter treats as initials anyway; types with digits or
non-Latin characters), and adds the rest as ``punkt:wikinews``.  Only abbreviation
strings are shipped, never text and never a pickle.  The run is idempotent.

``--review PATH`` also trains on a development corpus (e.g. PolNeAR train, JSONL with
a ``text`` field) and only *prints* what it learns that the table lacks, for a
person to review; nothing from it is written.

Usage::

    .venv/bin/python tools/train_abbreviations.py            # rewrite the table
    .venv/bin/python tools/train_abbreviations.py --dry-run  # show, write nothing
    .venv/bin/python tools/train_abbreviations.py --review ../shared/data/polnear/train.jsonl

References
----------
Kiss, T. and Strunk, J. (2006). Unsupervised multilingual sentence boundary
detection. *Computational Linguistics* 32(4), 485-525.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "framing" / "data" / "abbreviations.csv"
SOURCES = ROOT.parent / "shared" / "data" / "corpus-sources"
VERSION = 2

HEADER = f"""\
# Abbreviations for the sentence splitter in framing.text (version {VERSION}).
# kind=title never ends a sentence (it precedes a name); kind=month does not end one before
# a day number; kind=other ends a sentence only before a common sentence opener.
# A form with a capital letter ("No.", "Gen.") matches only a word that starts with a capital.
# provenance=hand-curated: written by the framing developers (AP-style titles, months, US
#   state abbreviations, company and address abbreviations).
# provenance=punkt:wikinews: learned by NLTK's PunktTrainer on the 295 Wikinews articles of
#   2019-2020 (CC BY 2.5) and reviewed by hand; regenerate with tools/train_abbreviations.py.
# Licence: CC0 1.0 (abbreviation strings only; no source text is included).
"""

#: learned types reviewed by hand and rejected (ordinary words, names, fragments, junk).
REJECTED = frozenset(
    """
    budd bye cay dictator eid era erv evs goo hmm hos kft puc rdo roi vie c.l
    a… to… __ ___ cbn dm d.e v.a s.v w.c h.w c.v e.v l.h j.c j.j j.k j.m g.k w.w t.r
    c.u.d e.p.r.p
    """.split()
)

MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
TITLES = frozenset(
    "mr mrs ms messrs dr gen lt col maj capt sgt cpl pvt adm cmdr sen sens rep reps gov "
    "pres prof rev msgr hon supt insp det amb brig atty".split()
)
_JUNK = re.compile(r"^[a-z]$|\d|[^a-z.&-]|^[.&-]|[.&-]{2}")


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def wikinews_texts(folder: Path = SOURCES) -> list[str]:
    import pandas as pd

    files = sorted(folder.glob("wikinews_*.csv"))
    if not files:
        sys.exit(f"error: no wikinews_*.csv in {folder}; pass --sources DIR")
    return [t for f in files for t in pd.read_csv(f)["text"].dropna().tolist()]


def learn(texts: list[str]) -> set[str]:
    """Abbreviation types (lower case, inner periods, no final period) Punkt learns."""
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    return set(trainer.get_params().abbrev_types)


def keep(abbr: str) -> bool:
    return abbr not in REJECTED and not _JUNK.search(abbr)


def kind_of(abbr: str) -> str:
    if abbr in MONTHS:
        return "month"
    return "title" if abbr in TITLES else "other"


def merge(rows: list[dict[str, str]], learned: set[str]) -> tuple[list[dict[str, str]], list[str]]:
    hand = [r for r in rows if r["provenance"] == "hand-curated"]
    known = {r["abbreviation"].lower().rstrip(".") for r in hand}
    added = sorted(a for a in learned if keep(a) and a not in known)
    out = hand + [
        {"abbreviation": a + ".", "kind": kind_of(a), "provenance": "punkt:wikinews"}
        for a in added
    ]
    return out, added


def write_table(rows: list[dict[str, str]], path: Path = TABLE) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, ["abbreviation", "kind", "provenance"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=SOURCES, help="folder with wikinews_*.csv")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the table")
    ap.add_argument("--review", type=Path, help="JSONL dev corpus to print candidates from")
    args = ap.parse_args(argv)

    rows = read_table()
    learned = learn(wikinews_texts(args.sources))
    merged, added = merge(rows, learned)
    hand = {r["abbreviation"].lower().rstrip(".") for r in rows if r["provenance"] == "hand-curated"}
    print(f"Punkt learned {len(learned)} types on Wikinews; "
          f"{len(learned & hand)} confirm hand-curated entries; "
          f"{len(added)} added: {', '.join(added)}")
    print(f"rejected on review or by rule: {', '.join(sorted(a for a in learned if not keep(a)))}")
    if args.review:
        with open(args.review, encoding="utf-8") as fh:
            dev = [json.loads(line)["text"] for line in fh if line.strip()]
        known = {r["abbreviation"].lower().rstrip(".") for r in merged}
        extra = sorted(a for a in learn(dev) - known if keep(a))
        print(f"review only (not written), learned on {args.review.name} and missing: "
              f"{', '.join(extra)}")
    if not args.dry_run:
        write_table(merged)
        print(f"wrote {len(merged)} rows to {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
