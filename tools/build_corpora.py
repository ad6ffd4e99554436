#!/usr/bin/env python3
"""Build the shipped corpora from ../shared (the script is how they were made).

Reads
    <shared>/seeds/000_52267fcacd1ca62e.txt               the founding article (Press TV)
    <shared>/data/corpus-sources/candidates.jsonl         16 records, Feb 2016 and Jan 2020
    <shared>/data/corpus-sources/wikinews_2019.csv        Wikinews, CC BY 2.5
    <shared>/data/corpus-sources/wikinews_2020.csv

Writes (the only copy of the data; ``corpora/`` at the top of the repo points here)
    framing/datasets/corpora/seed/seed.jsonl
    framing/datasets/corpora/syria-2016/syria-2016.jsonl
    framing/datasets/corpora/wikinews/wikinews.jsonl.gz
    framing/datasets/corpora/<name>/DATASHEET.md
    framing/datasets/corpora/index.csv                     what framing.datasets.list() shows
    framing/datasets/corpora/README.md

The output is byte-for-byte reproducible (sorted input, fixed key order, gzip mtime 0):
run it twice and ``git diff`` shows nothing.

Usage::

    python tools/build_corpora.py [--shared ../shared] [--out framing/datasets/corpora]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "framing" / "datasets" / "corpora"

SEED_FILE = "seeds/000_52267fcacd1ca62e.txt"
SEED_ID = "presstv-20160212-founding"
SEED_EVENT = "E1"

#: one clean label per event code; the collector's own event string is kept in ``event_detail``
EVENTS = {
    "E0": "E0 Paris coalition defence ministers, 20 Jan 2016",
    "E1": "E1 NATO/counter-ISIL ministers, Brussels, 11 Feb 2016",
    "E2": "E2 Saudi offer of special forces for Syria, 4-8 Feb 2016",
    "E3": "E3 ISSG Munich cessation-of-hostilities deal, 11-12 Feb 2016",
    "E4": "E4 US strike kills Qasem Soleimani, Baghdad, 3 Jan 2020",
}

#: one outlet name per publisher; the collector's outlet string is kept in ``outlet_detail``
OUTLETS = {
    "U.S. Department of Defense (defense.gov transcript)": "U.S. Department of Defense",
    "U.S. Department of Defense (statement)": "U.S. Department of Defense",
    "DoD News as republished by U.S. Central Command (centcom.mil)":
        "U.S. Department of Defense",
    "Voice of America (voanews.com)": "Voice of America",
    "Voice of America (voa.pangea-cms.com preview copy)": "Voice of America",
    "U.S. Department of State (Daily Press Briefing transcript)": "U.S. Department of State",
    "U.S. Department of State (DipNote blog archive)": "U.S. Department of State",
    "U.S. Department of State transcript (as posted by U.S. Embassy Germany, "
    "de.usembassy.gov)": "U.S. Department of State",
    "Tasnim News Agency (English)": "Tasnim News Agency",
    "English Wikinews": "English Wikinews",
    "Press TV": "Press TV",
}

WIKINEWS_LICENCE = "CC BY 2.5 (English Wikinews)"
#: column order of each shipped file (schema first)
SYRIA_FIELDS = [
    "id", "outlet", "text", "title", "date", "url", "event",
    "date_note", "event_detail", "outlet_detail", "outlet_type", "lead", "truncated", "licence",
    "redistributable", "attribution", "url_note", "text_note",
]
WIKINEWS_FIELDS = ["id", "outlet", "text", "title", "date", "url", "licence", "attribution",
                   "test_page", "source_file"]
WIRE_CREDIT = re.compile(r"\b(AP|Associated Press|Reuters|AFP|Agence France-Presse)\b")


# --------------------------------------------------------------------------- helpers

def _kept(flag: str | None) -> bool:
    return str(flag or "").strip().lower().startswith(("yes", "probably"))


def split_date(raw: str) -> tuple[str, str | None]:
    """``"2016-02-11 (inferred: ...)"`` -> ``("2016-02-11", "inferred: ...")``."""
    m = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})\s*(?:\((.*)\))?\s*", raw or "")
    if not m:
        raise SystemExit(f"unexpected date {raw!r}: expected YYYY-MM-DD, optionally '(note)'")
    return m.group(1), (m.group(2) or None)


def split_url(raw: str) -> tuple[str, str | None]:
    """A URL field that is prose around a URL -> (the URL, the prose as a note)."""
    if re.fullmatch(r"https?://\S+", raw.strip()):
        return raw.strip(), None
    m = re.search(r"https?://\S+", raw)
    if not m:
        raise SystemExit(f"no URL in {raw!r}")
    return m.group(0).rstrip(".,;)"), raw


def outlet_of(raw: str) -> str:
    if raw not in OUTLETS:
        raise SystemExit(f"unknown outlet {raw!r}; add it to OUTLETS")
    return OUTLETS[raw]


def event_of(raw: str) -> str:
    m = re.match(r"(E\d)", raw)
    if not m or m.group(1) not in EVENTS:
        raise SystemExit(f"unknown event {raw!r}; add its code to EVENTS")
    return EVENTS[m.group(1)]


def attribution(outlet: str, title: str, date: str, url: str, licence: str) -> str:
    return f'{outlet}, "{title}", {date}, {url}. Licence: {licence}'


def slug(text: str, limit: int = 60) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s


def write_jsonl(path: Path, records: list[dict], fields: list[str]) -> None:
    lines = "".join(
        json.dumps({k: r.get(k) for k in fields}, ensure_ascii=False) + "\n" for r in records
    ).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write(lines)
        path.write_bytes(buf.getvalue())
    else:
        path.write_bytes(lines)


def md_cell(v: object) -> str:
    return "" if v is None else str(v).replace("|", "\\|").replace("\n", " ")


# --------------------------------------------------------------------------- corpora

def build_seed(shared: Path, candidates: list[dict]) -> dict:
    raw = (shared / SEED_FILE).read_bytes().decode("utf-8")
    # the seed file has no trailing newline; the text is the file content exactly
    meta = next(r for r in candidates if r["id"] == SEED_ID)
    date, date_note = split_date(meta["date"])
    licence = (
        "Copyright Press TV, all rights reserved (no open licence). Shipped only as the "
        "project's founding worked example, with its outlet named, as the project's data "
        "policy allows; not covered by framing's BSD-3-Clause licence."
    )
    return {
        "id": SEED_ID, "outlet": outlet_of(meta["outlet"]), "text": raw,
        "title": meta["title"], "date": date, "url": meta["url"], "event": EVENTS[SEED_EVENT],
        "date_note": date_note, "event_detail": meta["event"], "outlet_detail": meta["outlet"],
        "outlet_type": meta["outlet_type"], "lead": False, "truncated": False,
        "licence": licence,
        "redistributable": "no (founding example only; see corpora/seed/DATASHEET.md)",
        "attribution": attribution(meta["outlet"], meta["title"], date, meta["url"],
                                   "all rights reserved"),
        "url_note": None,
        "text_note": f"Full text of shared/{SEED_FILE} (the project's founding document), "
                     f"unchanged; {len(raw):,} characters, ending at a complete sentence.",
    }


def build_syria(candidates: list[dict], seed: dict) -> tuple[list[dict], list[dict]]:
    kept, left_out = [], []
    for r in candidates:
        if r["id"] == SEED_ID:
            left_out.append({**r, "why": "flag is 'no' and the body is withheld (copyright); "
                             "the same article is included from the seed file instead"})
            continue
        if not _kept(r.get("redistributable")):
            left_out.append({**r, "why": f"redistributable = {r.get('redistributable')!r} "
                             "(neither 'yes' nor 'probably')"})
            continue
        if r.get("body") is None:
            left_out.append({**r, "why": "no body in the source record"})
            continue
        date, date_note = split_date(r["date"])
        url, url_note = split_url(r["url"])
        kept.append({
            "id": r["id"], "outlet": outlet_of(r["outlet"]), "text": r["body"],
            "title": r["title"], "date": date, "url": url, "event": event_of(r["event"]),
            "date_note": date_note, "event_detail": r["event"], "outlet_detail": r["outlet"],
            "outlet_type": r["outlet_type"], "lead": bool(r["truncated"]),
            "truncated": bool(r["truncated"]), "licence": r["license"],
            "redistributable": r["redistributable"],
            "attribution": attribution(r["outlet"], r["title"], date, url, r["license"]),
            "url_note": url_note, "text_note": r.get("text_note"),
        })
    records = sorted(kept + [seed], key=lambda x: (x["date"], x["id"]))
    return records, left_out


def build_wikinews(shared: Path) -> list[dict]:
    records = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with open(shared / "data" / "corpus-sources" / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                url = re.sub(r"(?<!:)//+", "/", row["url"])   # the source has .org//wiki/
                page = unquote(url.rsplit("/wiki/", 1)[-1]).replace("_", " ")
                date, _ = split_date(row["date"])
                records.append({
                    "id": f"wikinews-{date.replace('-', '')}-{slug(page)}",
                    "outlet": "English Wikinews", "text": row["text"], "title": row["title"],
                    "date": date, "url": url, "licence": WIKINEWS_LICENCE,
                    "attribution": f'English Wikinews contributors, "{row["title"]}", {date}, '
                                   f"{url}. Licence: CC BY 2.5",
                    "test_page": row["title"].startswith("TEST PAGE:"),
                    "source_file": name,
                })
    ids = [r["id"] for r in records]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit(f"duplicate Wikinews ids: {sorted(dup)}")
    return records


# --------------------------------------------------------------------------- datasheets

def seed_datasheet(seed: dict) -> str:
    return f"""# Datasheet: `seed`

The project's founding example: one Press TV article on NATO possibly joining the
US-led anti-ISIL ("anti-Daesh") coalition, 12 February 2016.

| | |
|---|---|
| file | `seed.jsonl` (1 record, UTF-8 JSON lines) |
| id | `{seed['id']}` |
| outlet | {seed['outlet']} ({seed['outlet_type']}) |
| title | {md_cell(seed['title'])} |
| date | {seed['date']} |
| url | {seed['url']} |
| event | {seed['event']} |

## Source
`shared/{SEED_FILE}` (the founding document of the project), with title, date and URL
from the `{SEED_ID}` record of `shared/data/corpus-sources/candidates.jsonl`.

## Licence and attribution
{seed['licence']}

Attribution: {seed['attribution']}

## How it was collected
The text is the seed file's content exactly, character for character (the file has no
trailing newline, so nothing was stripped). Built by `tools/build_corpora.py`.

## Fields
`id, outlet, text, title, date, url, event` (the corpus schema), then `date_note`,
`event_detail` (the collector's event string), `outlet_detail`, `outlet_type`, `lead`/`truncated` (false:
the text is the whole article as far as known), `licence`, `redistributable`,
`attribution`, `url_note`, `text_note`. `framing.datasets.load("seed")` adds `status`.

## Why this article
It is a compact test of everything framing measures: loaded labels ("Daesh Takfiri
militants", "purportedly", "foreign-sponsored", "what he called"), direct, indirect and
mixed quotes, a pronoun-attributed quote ("he said"), and sources from both sides
(US/NATO officials; Russian and Syrian officials).

## Known limits
One article from one outlet: it illustrates, it does not measure anything about Press TV.
The text was copied from the web page without its paragraph layout (one paragraph a line).
It is the same article as the Press TV row of `syria-2016`.
"""


def syria_datasheet(records: list[dict], left_out: list[dict]) -> str:
    rows = "\n".join(
        f"| `{r['id']}` | {md_cell(r['outlet'])} | {r['date']} | {r['event'].split()[0]} | "
        f"{len(r['text']):,} | {'lead' if r['lead'] else 'full'} | {md_cell(r['licence'])} |"
        for r in records
    )
    out = "\n".join(
        f"| `{r['id']}` | {md_cell(r['outlet'])} | {md_cell(r.get('redistributable'))} | "
        f"{md_cell(r['why'])} |"
        for r in left_out
    )
    events = "\n".join(
        f"| {label} | {sum(r['event'] == label for r in records)} | "
        f"{len({r['outlet'] for r in records if r['event'] == label})} |"
        for label in EVENTS.values()
    )
    wire = [r["id"] for r in records if WIRE_CREDIT.search(r["text"])]
    voa = [r["id"] for r in records if r["outlet"] == "Voice of America"]
    voa_wire = [i for i in voa if i in wire]
    voa_line = (
        f"The {len(voa)} VOA excerpts carry no AP/Reuters/AFP credit in the shipped text "
        "(checked by the build script), as their flag requires."
        if not voa_wire else
        f"VOA excerpts that mention a wire agency: {', '.join(voa_wire)}; check them."
    )
    outlets = sorted({r["outlet"] for r in records})
    return f"""# Datasheet: `syria-2016`

Official, state-broadcaster and wiki reports of the same few events: the February 2016
NATO / counter-ISIL defence ministers' meetings in Brussels, the Saudi offer of special
forces for Syria, the Munich ISSG cessation-of-hostilities deal, a January 2016 precursor
in Paris, and the January 2020 US strike that killed Qasem Soleimani. It exists to compare
how outlets frame the same event (`event` column). {len(records)} documents, {len(outlets)}
outlets.

| file | `syria-2016.jsonl` (UTF-8 JSON lines, one document a line, sorted by date then id) |
|---|---|

## Source
`shared/data/corpus-sources/candidates.jsonl` (16 records collected for the project from
US government sites, Voice of America, Tasnim, NATO, Mehr, Wikinews and Press TV, each
with its own `license` and `redistributable` flag), plus the founding Press TV article
from `shared/{SEED_FILE}` (see `corpora/seed/DATASHEET.md`) so that Press TV is one of
the outlets.

## Licence and attribution
Per record, in the `licence` and `attribution` columns; keep both when you reuse a text.
In short: US government works are in the public domain (17 U.S.C. 105); Voice of America
original material is generally in the public domain (wire-agency copy inside VOA pages is
not); Tasnim's English site is listed as CC BY 4.0 by Open Newswire (site footer not
verified); the Wikinews article is CC BY 2.5 (attribute English Wikinews and link the
article); the Press TV article is all rights reserved and is shipped only as the
project's founding example. framing's BSD-3-Clause licence does not cover these texts.

## Documents
| id | outlet | date | event | chars | text | licence |
|---|---|---|---|---|---|---|
{rows}

Documents per event (outlets are compared within an event):

| event | documents | outlets |
|---|---|---|
{events}

## Records left out
Only records whose `redistributable` flag starts with "yes" or "probably" and that have a
body are kept. Left out ({len(left_out)}):

| id | outlet | flag | why |
|---|---|---|---|
{out}

## How it was collected
The candidate records were gathered offline from an archive of web pages that stores only
the first ~2,000 characters of each page, with site boilerplate removed by hand.
`tools/build_corpora.py` keeps the flagged records, cleans the fields listed below and
adds the seed. Nothing in the texts was edited.

## Fields
- `id, outlet, text, title, date, url, event`: the corpus schema. `event` is one clean
  label per event code (E0-E4) so that outlets can be compared within an event; the
  collector's longer event string is kept verbatim in `event_detail`.
- `outlet`: one name per publisher (e.g. "U.S. Department of Defense" for its
  transcripts, statements and DoD News); the collector's more precise outlet string
  (which site, which kind of page) is kept verbatim in `outlet_detail`.
- `date`: an ISO date (YYYY-MM-DD). Where the source gave a note with the date
  ("2016-02-11 (inferred: ...)", "(from URL path)"), the note is in `date_note`
  (otherwise null).
- `lead` (bool): **true when the text is only the lead of the article** (the first
  ~2,000 characters, cut mid-sentence); identical to the source's `truncated` flag, which
  is kept too. Count quotes, terms and sources per article with this in mind.
- `url`: the address of the text. For `dod-20200102-soleimani-statement` the original
  defense.gov URL was not available and the text was taken from a verbatim quotation at
  another site; `url` is that site and `url_note` keeps the collector's explanation.
- `outlet_type`, `licence`, `redistributable`, `attribution`, `text_note`: as collected
  (`text_note` is the collector's note; its wording "the article continues beyond
  'body'" was applied to every excerpt, including some whose `truncated` flag is false:
  `truncated`/`lead` is the field to trust).

## Known limits
- Tiny ({len(records)} documents) and unbalanced: most texts are US government
  transcripts and releases; Press TV, Tasnim, VOA and Wikinews have one or two each.
  Use it to demonstrate and test, not to estimate outlet differences.
- Most texts are leads ({sum(r['lead'] for r in records)} of {len(records)}), cut
  mid-word.
- Transcripts (`dod-*`, `state-dpb-*`, `state-usembassy-*`) are speech, not reported
  news: speakers appear as "SECRETARY OF DEFENSE ASH CARTER:" or "MR KIRBY:" labels, not
  as attributed quotes.
- Wire copy: texts that mention a wire agency:
  {', '.join(f'`{w}`' for w in wire) or 'none'}. Tasnim's text says "Reuters reported"
  and may embed Reuters copy (its flag is "probably"). {voa_line}
- `dod-20200102-soleimani-statement` is a third party's verbatim quotation of the
  statement, not checked against defense.gov.
- The Wikinews record `wikinews-20200105-soleimani` is also in the `wikinews` corpus
  (id `wikinews-20200105-united-states-military-kills-qasem-soleimani`; same text up to
  surrounding whitespace).
"""


def wikinews_datasheet(records: list[dict]) -> str:
    n19 = sum(r["source_file"] == "wikinews_2019.csv" for r in records)
    dates = sorted(r["date"] for r in records)
    lengths = sorted(len(r["text"]) for r in records)
    tests = [r["id"] for r in records if r["test_page"]]
    dateline = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}")
    dl19 = sum(bool(dateline.match(r["text"])) for r in records
               if r["source_file"] == "wikinews_2019.csv")
    dl20 = sum(bool(dateline.match(r["text"])) for r in records
               if r["source_file"] == "wikinews_2020.csv")
    return f"""# Datasheet: `wikinews`

{len(records)} English Wikinews articles published {dates[0]} to {dates[-1]}: a reference
corpus written under a neutral-point-of-view policy, to set the loaded-term and quotation
rates of partisan or state outlets against.

| file | `wikinews.jsonl.gz` (gzip-compressed UTF-8 JSON lines, one article a line) |
|---|---|

## Source
`shared/data/corpus-sources/wikinews_2019.csv` ({n19} articles) and `wikinews_2020.csv`
({len(records) - n19}), columns `url, date, title, text`, from the vanatteveldt/wikinews
dataset (Wouter van Atteveldt), whose licence file states that the Wikinews articles are
distributed under Wikinews's own licence, CC BY 2.5.

## Licence and attribution
Creative Commons Attribution 2.5 Generic (CC BY 2.5),
https://creativecommons.org/licenses/by/2.5/. Attribution: "From English Wikinews
(https://en.wikinews.org), the free news source you can write", with a link to each
article; each record carries its own `attribution` string and `url`. When you republish a
text, keep that attribution and say if you changed it.

## How it was collected
The dataset's authors scraped published English Wikinews articles of 2019 and 2020.
`tools/build_corpora.py` reads both CSV files in order and keeps every row; the texts are
unchanged. Only the URL was normalised (the source has a doubled slash, `.org//wiki/`).

## Fields
- `id`: `wikinews-<YYYYMMDD>-<slug of the page name>`, unique.
- `outlet` ("English Wikinews"), `text`, `title`, `date` (ISO), `url`.
- `licence`, `attribution`: per record.
- `test_page` (bool): true for the {len(tests)} rows that are Wikinews test pages, not
  news ({', '.join(f'`{t}`' for t in tests)}); they are kept so that the corpus matches
  its source, and one of them has no body beyond its dateline. Drop them with
  `corpus[~corpus.test_page]`.
- `source_file`: which CSV the row came from.

## Known limits
- {dl19} of the {n19} texts from 2019 and {dl20} of the {len(records) - n19} from 2020
  begin with Wikinews's dateline line ("Friday, January 4, 2019", often followed by a
  no-break space); the others start with the story. Paragraphs are separated by blank
  lines (usually two). A few texts keep picture captions or pull-quote lines ("—Zinichev
  calling a temporary halt ...") where the page had them.
- Lengths vary widely: median {lengths[len(lengths) // 2]:,} characters, longest
  {lengths[-1]:,} (interviews with Wikinews, which are long Q&A transcripts rather than
  news reports).
- Wikinews article counts are small and topics follow volunteer interest (disasters,
  elections, science, COVID-19 in 2020); it is a style reference, not a sample of the news.
- "2020" rows run to {dates[-1]}: the source file includes a few 2021 pages.
"""


README = """# Shipped corpora

Small real corpora that ship with framing (inside the package, so they work from an
installed wheel). The files live in `framing/datasets/corpora/`; the top-level `corpora/`
of the repository points to the same folder. Load them by name:

```python
import framing
framing.datasets.list()                 # name, n_documents, outlets, licence, description
corpus = framing.datasets.load("syria-2016")
framing.datasets.path("wikinews")       # the file itself
```

or from the command line: `framing corpus list`, `framing corpus info syria-2016`.

| name | documents | outlets | licence | what |
|---|---|---|---|---|
{rows}

Each folder has a `DATASHEET.md`: source, licence, attribution, how it was collected,
fields and known limits. Every record keeps its own `licence` and `attribution` columns;
keep them when you reuse a text. framing's own BSD-3-Clause licence covers the code, not
these texts.

The corpora are built from `shared/` by `tools/build_corpora.py` (reproducible: rerun it
and nothing changes); do not edit the files by hand.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    shared, out = args.shared, args.out

    with open(shared / "data" / "corpus-sources" / "candidates.jsonl", encoding="utf-8") as fh:
        candidates = [json.loads(line) for line in fh if line.strip()]

    seed = build_seed(shared, candidates)
    syria, left_out = build_syria(candidates, seed)
    wikinews = build_wikinews(shared)

    corpora = [
        ("seed", "seed/seed.jsonl", [seed], SYRIA_FIELDS,
         "Press TV copyright (founding example)",
         "The founding example: one Press TV article, NATO and the anti-ISIL coalition, "
         "12 Feb 2016"),
        ("syria-2016", "syria-2016/syria-2016.jsonl", syria, SYRIA_FIELDS,
         "per record (public domain, CC BY, seed)",
         "Same events, several outlets: NATO/ISIL, Saudi offer, Munich ISSG (Feb 2016), "
         "Soleimani strike (Jan 2020); mostly leads"),
        ("wikinews", "wikinews/wikinews.jsonl.gz", wikinews, WIKINEWS_FIELDS,
         "CC BY 2.5",
         "English Wikinews articles 2019-2020: a reference corpus written under a "
         "neutrality policy"),
    ]
    sheets = {"seed": seed_datasheet(seed), "syria-2016": syria_datasheet(syria, left_out),
              "wikinews": wikinews_datasheet(wikinews)}
    index_rows = []
    for name, file, records, fields, licence, description in corpora:
        write_jsonl(out / file, records, fields)
        (out / name / "DATASHEET.md").write_text(sheets[name], encoding="utf-8")
        n_outlets = len({r["outlet"] for r in records})
        index_rows.append([name, file, len(records), n_outlets, licence, description])
        print(f"{name}: {len(records)} documents, {n_outlets} outlets -> {out / file}",
              file=sys.stderr)

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "file", "n_documents", "outlets", "licence", "description"])
    w.writerows(index_rows)
    (out / "index.csv").write_text(buf.getvalue(), encoding="utf-8")
    rows = "\n".join(
        f"| [`{n}`]({f.split('/')[0]}/DATASHEET.md) | {k} | {o} | {md_cell(lic)} | "
        f"{md_cell(d)} |"
        for n, f, k, o, lic, d in index_rows
    )
    (out / "README.md").write_text(README.format(rows=rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
