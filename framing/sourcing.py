"""Source balance: who is quoted in each article, in what role, from where, and how evenly.

:func:`sources` turns the quotes of each article (:func:`framing.quotes`) into one row per
*source*: a resolved speaker with the number of quotes and quoted words attributed to them
and the attributes the article states about them.  :func:`balance` measures, per outlet
(or any grouping), the share of sources, quotes and quoted words in each category of a
dimension (role, country, gender, side) with bootstrap confidence intervals that resample
articles, and the balance indices of :mod:`framing.stats`.  :func:`attribution_asymmetry`
compares how often each category is introduced with a loaded rather than a neutral speech
verb ("claimed" against "said").

Resolution rules (one source per person per article)
----------------------------------------------------
1. Quotes whose ``speaker`` (the canonical name from the quotes stage) is the same name are
   one source; a surname ("Carter") or an honorific plus surname ("Mr. Obama") joins the
   full name it ends ("Ashton Carter"), taken from another quote or else from the text.
2. A pronoun speaker the quotes stage could not resolve joins the nearest preceding
   person source whose gender does not contradict it.
3. A titled mention ("the defense secretary") joins the one person whose title in the
   article ends with the same title words; otherwise it is an unnamed source.
4. A possessive spokesperson chain ("Carter's spokesman", "a spokesman for Carter") is a
   different source, affiliated with its owner (``affiliated_with``): it inherits the
   owner's role, organisation, country and side unless its own phrase states them.
5. Unnamed people ("officials", "a senior official", "people familiar with the matter")
   are ``source_type="unnamed"``; those described only as officials/sources/aides have
   role ``anonymous`` (the organisation and country they are given are kept).
6. Institutions that speak as a body (a country, a capital used for its government such as
   "Riyadh", an organisation: "The United States has praised ...") are
   ``source_type="institution"``.  :func:`sources` reports them; :func:`balance` leaves
   them out by default (``include=("person", "unnamed")``), since balance counts voices.

Attribute rules (never guessed: ``unknown`` where the text does not say)
------------------------------------------------------------------------
* role, organisation, country: from the title phrase before any mention of the source
  ("US Defense Secretary Ashton Carter", "NATO Jens Stoltenberg"), the appositive after it
  ("Peter Cook, Carter's spokesman,"), and a US party-state parenthetical ("(R-Texas)"),
  read against ``framing/data/sources/``.  Titles give the role; a title that defers to
  its organisation ("president", "director", "spokesman") takes the organisation's role;
  nationality adjectives and country names give the country, else the organisation's;
  an international body gives ``country="international"``.  The first non-"former"
  title in the article wins.
* gender: an honorific (Mr., Ms.), a gendered title ("spokeswoman"), a pronoun the quotes
  stage resolved to the source ("he said"), or a pronoun later in the sentence of a
  mention with no other person in between ("... al-Muallem has vowed that his country").
  ``gender_source`` says which; conflicting evidence gives ``unknown``.  No first-name
  list is used.
* side: only from a user actor map (:func:`load_actor_map`), which also overrides any
  inferred attribute (``gender_source="actor_map"``).

Examples
--------
>>> import framing
>>> from framing.sourcing import resolve_sources
>>> text = ("US Defense Secretary Ashton Carter said the plan works. "
...         "Peter Cook, Carter's spokesman, said it was ready.")
>>> quotes = [
...     {"kind": "indirect", "start": 37, "end": 54, "text": "the plan works",
...      "speaker": "Ashton Carter", "speaker_mention": "Ashton Carter",
...      "speaker_start": 21, "speaker_end": 34, "verb_class": "neutral"},
...     {"kind": "indirect", "start": 88, "end": 103, "text": "it was ready",
...      "speaker": "Peter Cook", "speaker_mention": "Peter Cook",
...      "speaker_start": 55, "speaker_end": 65, "verb_class": "neutral"},
... ]
>>> [(r["source"], r["role"], r["country"], r["gender"]) for r in resolve_sources(text, quotes)]
[('Ashton Carter', 'official', 'United States', 'unknown'), ('Peter Cook', 'official', 'United States', 'male')]
"""
from __future__ import annotations

import re
import warnings
import zlib
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import stats
from ._errors import DataError, FramingWarning
from ._runner import map_documents
from ._source_attrs import ROLES, Evidence, Tables, analyse_phrase, left_phrase, right_phrase
from ._source_attrs import tables as _tables
from ._source_attrs import tokens as _tokens

__all__ = [
    "sources", "balance", "attribution_asymmetry", "load_actor_map", "resolve_sources",
    "SOURCE_COLUMNS", "DIMENSIONS",
]

SOURCE_COLUMNS = [
    "doc_id", "outlet", "source", "source_type", "mentions", "n_quotes", "n_direct",
    "n_indirect", "n_words", "n_with_verb", "n_loaded", "first_position", "role",
    "organization", "country", "gender", "gender_source", "side", "affiliated_with", "title",
    "start", "end",
]
DIMENSIONS = ("role", "country", "gender", "side", "organization", "source_type")
_GENDERS = ("female", "male", "unknown")
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "we", "i", "you", "it",
                       "who", "which", "that", "whom", "one"})
_DETERMINERS = frozenset({"a", "an", "the", "some", "several", "two", "three", "many", "other",
                          "one", "most", "few", "various", "these", "those", "its", "their"})
_NAME_SUFFIX = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
_PARTY = {"R": ("Republican Party", "political"), "D": ("Democratic Party", "political"),
          "I": (None, None)}
_CTX_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers|herself|He|His|She|Her)\b")
_SENT_END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z])|\n")
_CAP_WORD = re.compile(r"(?<![\w.])[A-Z][\w’'-]+")
_ORG_HINT = re.compile(r"campaign|Universit|College|Ministry|Department|Agency|Institut|"
                       r"Foundation|Inc\.|Corp\.|Co\.|LLC|Ltd|Party")
_WORDS = re.compile(r"\w+(?:['’]\w+)*")
_PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "husband", "wife", "son", "daughter",
                           "brother", "sister", "mother", "father", "friend", "colleague",
                           "opponent", "rival", "mr", "mrs", "ms", "president"})


# ----------------------------------------------------------------------------- actor map

def load_actor_map(path_or_dict) -> pd.DataFrame:
    """Read a user actor map: names with aliases, and the side, role, country and gender.

    The map overrides inferred attributes and is the only source of ``side``.

    Parameters
    ----------
    path_or_dict : str, path, DataFrame, dict or list
        A YAML file (a list of records, or a mapping ``name -> record``), a CSV file with
        columns ``name, aliases, side, role, country, gender, organization`` (aliases
        ``;``-separated; only ``name`` is required), or the same data in memory.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, aliases, side, role, country, gender, organization``; ``aliases``
        is a list of strings.

    Examples
    --------
    >>> amap = load_actor_map({"Ashton Carter": {"aliases": ["Ash Carter"], "side": "coalition",
    ...                                          "gender": "male"}})
    >>> amap[["name", "side", "gender"]].values.tolist()
    [['Ashton Carter', 'coalition', 'male']]
    """
    cols = ["name", "aliases", "side", "role", "country", "gender", "organization"]
    if isinstance(path_or_dict, pd.DataFrame):
        records = path_or_dict.to_dict("records")
    elif isinstance(path_or_dict, Mapping):
        records = [{"name": k, **(v or {})} for k, v in path_or_dict.items()]
    elif isinstance(path_or_dict, list):
        records = list(path_or_dict)
    else:
        path = Path(path_or_dict)
        if not path.exists():
            raise FileNotFoundError(f"actor map not found: {str(path)!r}")
        ext = path.suffix.lower()
        if ext in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            return load_actor_map(data)
        if ext in (".csv", ".tsv"):
            frame = pd.read_csv(path, sep="\t" if ext == ".tsv" else ",", dtype=str,
                                keep_default_na=False)
            return load_actor_map(frame)
        raise DataError(
            f"actor map {str(path)!r}: unknown extension {ext or '(none)'!r}. "
            "Use a .yaml/.yml file (records or name -> record) or a .csv/.tsv file with a "
            "'name' column."
        )
    out = []
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping) or not rec.get("name"):
            raise DataError(
                f"actor map entry {i} has no 'name': got {rec!r}. Each entry needs a name "
                "(and optionally aliases, side, role, country, gender, organization)."
            )
        row = {c: _clean(rec.get(c)) for c in cols}
        al = rec.get("aliases")
        if isinstance(al, str):
            al = [a.strip() for a in al.split(";") if a.strip()]
        row["aliases"] = [str(a) for a in (al or []) if _clean(a)]
        if row["role"] and row["role"] not in ROLES:
            raise DataError(
                f"actor map entry {row['name']!r}: role must be one of {list(ROLES)}, got "
                f"{row['role']!r}."
            )
        if row["gender"] and row["gender"] not in _GENDERS:
            raise DataError(
                f"actor map entry {row['name']!r}: gender must be one of {list(_GENDERS)}, "
                f"got {row['gender']!r}."
            )
        out.append(row)
    return pd.DataFrame(out, columns=cols)


def _clean(v) -> str | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    s = str(v).strip()
    return s or None


def _actor_lookup(actors) -> dict[str, dict]:
    if actors is None:
        return {}
    if isinstance(actors, dict) and all(isinstance(v, dict) and "name" in v
                                        for v in actors.values()) and \
            all(k == k.lower() for k in actors):
        return actors                       # already a lookup
    frame = actors if isinstance(actors, pd.DataFrame) and "aliases" in actors \
        else load_actor_map(actors)
    look: dict[str, dict] = {}
    for rec in frame.to_dict("records"):
        for alias in [rec["name"], *(rec.get("aliases") or [])]:
            look[str(alias).lower()] = rec
    return look


# ----------------------------------------------------------------------------- per document

class _Source:
    __slots__ = ("name", "kind", "quotes", "keys", "evidence", "spans", "gender_votes",
                 "possessor", "affiliated", "unnamed_phrase", "first")

    def __init__(self, name: str, kind: str):
        self.name = name
        self.kind = kind                    # person | unnamed | institution
        self.quotes: list[dict] = []
        self.keys: set[str] = {name}
        self.evidence: list[Evidence] = []
        self.spans: set[tuple[int, int]] = set()
        self.gender_votes: dict[str, set[str]] = {}
        self.possessor: str | None = None
        self.affiliated: _Source | None = None
        self.unnamed_phrase: str | None = None
        self.first = 10**12


def _vote(src: _Source, level: str, gender: str | None) -> None:
    if gender in ("male", "female"):
        src.gender_votes.setdefault(level, set()).add(gender)


def _strip_name(name: str, t: Tables) -> tuple[str, str]:
    """Split "Defense Secretary Ashton Carter" into ("Defense Secretary", "Ashton Carter")."""
    toks = name.split()
    i = 0
    while i < len(toks) - 1:
        w = toks[i]
        lw = w.lower()
        if w in t.honorifics or lw in t.title_words or (w,) in t.places or (w,) in t.orgs \
                or lw in ("former", "then", "acting"):
            i += 1
            continue
        break
    if i and toks[i][:1].isupper():
        return " ".join(toks[:i]), " ".join(toks[i:])
    return "", name


def _is_institution(name: str, t: Tables) -> tuple[str | None, str | None, str | None]:
    """(organization, role, country) when ``name`` is a country, capital or organisation."""
    key = tuple(_tokens(name))
    if key and key[0] in ("the", "The"):
        key2 = key[1:]
    else:
        key2 = key
    org = t.orgs.get(key) or t.orgs.get(key2)
    if org is not None:
        return org["name"], org["role"], org["country"] or None
    c = t.places.get(key2)
    if c is None:
        c = t.metonyms.get(key2)
    if c is not None:
        return None, "official", c
    if not _ORG_HINT.search(name):
        return None, None, None
    for rx, row in t.org_patterns:
        m = rx.fullmatch(name) or rx.fullmatch(" ".join(key2))
        if m:
            return m.group(0), row["role"], None
    return None, None, None


def _surnames(name: str) -> list[str]:
    toks = [w for w in name.split() if w not in _NAME_SUFFIX]
    if not toks:
        return []
    last = toks[-1]
    out = [last]
    low = last.lower()
    for pre in ("al-", "el-", "bin-"):
        if low.startswith(pre) and len(last) > len(pre) + 1:
            out.append(last[len(pre)].upper() + last[len(pre) + 1:])
    return out


def _name_mentions(text: str, src: _Source, t: Tables, other_first: set[str]):
    """Yield (start, end, possessive) for every mention of a person source's name."""
    toks = [w for w in src.name.split() if w not in _NAME_SUFFIX]
    if not toks:
        return
    first_part = " ".join(toks[:-1])
    n = len(text)
    for sur in _surnames(src.name):
        ls = len(sur)
        i = text.find(sur)
        while i != -1:
            j = i + ls
            if (i == 0 or not text[i - 1].isalnum() and text[i - 1] != "-") and \
                    (j >= n or not text[j].isalnum()):
                start = i
                ok = True
                if first_part and text.endswith(first_part + " ", 0, i):
                    start = i - len(first_part) - 1
                else:
                    m = re.search(r"([A-Z][\w’'-]*)\s+$", text[max(0, i - 40):i])
                    if m:
                        prev = m.group(1)
                        if prev in other_first:
                            ok = False
                        elif not (prev in t.honorifics or prev.lower() in t.title_words
                                  or (prev,) in t.places or (prev,) in t.orgs
                                  or (prev.lower() in _openers()
                                      and _sentence_initial(text, i - len(m.group(0))))):
                            if len(toks) > 1 and prev != toks[0]:
                                ok = False       # "Bill Clinton" is not "Hillary Clinton"
                if ok:
                    poss = j < n and text[j] in "’'" and (j + 1 >= n or text[j + 1] in "s "
                                                          or not text[j + 1].isalnum())
                    yield start, j, poss
            i = text.find(sur, j)


def _openers() -> frozenset[str]:
    from .text import _sentence_openers

    return _sentence_openers()


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"“‘(":
        k -= 1
    return k < 0 or text[k] in ".!?\n”\""


def _context_gender(text: str, end: int, t: Tables, blockers: frozenset) -> str | None:
    m_end = _SENT_END.search(text, end)
    stop = m_end.start() if m_end else len(text)
    m = _CTX_PRONOUN.search(text, end, stop)
    if not m:
        return None
    between = text[end:m.start()]
    for w in _CAP_WORD.findall(between):
        if (w,) in t.places or (w,) in t.orgs or w in ("I",):
            continue
        return None                                # another name may be the antecedent
    for w in _WORDS.findall(between.lower()):
        if w in t.title_words or w in _PERSON_NOUNS or w in blockers:
            return None
    return t.pronouns.get(m.group(1).lower())


def resolve_sources(
    text: str,
    quote_rows: Iterable[dict] | None = None,
    *,
    segments=None,
    tables: Tables | None = None,
    actors=None,
) -> list[dict]:
    """Resolve the sources of one article from its quote rows (pure, per document).

    Parameters
    ----------
    text : str
        The article text; offsets in ``quote_rows`` point into it.
    quote_rows : iterable of dict
        Rows of the quotes schema (``kind, start, end, text, speaker, speaker_mention,
        speaker_start, speaker_end, verb_class`` are used); scare quotes are ignored.
    segments : framing.text.Segments, optional
        Accepted for the shared per-document pass; not needed (attributes are read from
        short windows around each mention).
    tables : optional
        The shipped tables (loaded once by default).
    actors : actor map, optional
        Anything :func:`load_actor_map` reads, or its alias lookup.

    Returns
    -------
    list of dict
        One dict per source with the :data:`SOURCE_COLUMNS` except ``doc_id``/``outlet``,
        ordered by ``first_position``.
    """
    del segments
    t = tables or _tables()
    look = _actor_lookup(actors)
    rows = sorted((q for q in (quote_rows or ()) if q.get("kind") != "scare"),
                  key=lambda q: (q.get("start") or 0))
    persons: dict[str, _Source] = {}
    others: dict[str, _Source] = {}
    pending_pronouns: list[dict] = []
    titled: list[tuple[dict, str, Evidence]] = []

    for q in rows:
        spk = (q.get("speaker") or "").strip()
        men = (q.get("speaker_mention") or "").strip()
        name = spk or men
        if not name:
            continue
        low = name.lower()
        if low in _PRONOUNS:
            if low in ("he", "she", "him", "her", "his"):
                pending_pronouns.append(q)
            continue
        org, role, country = _is_institution(name, t)
        if role is not None and name.lower() not in look:
            key = name[4:] if name.startswith(("The ", "the ")) else name
            src = others.setdefault("i:" + key.lower(), _Source(key, "institution"))
            src.evidence.append(Evidence(organization=org, org_role=role,
                                         org_country=country if country else None))
            src.quotes.append(q)
            _add_span(src, q)
            continue
        toks = name.split()
        first = toks[0]
        if first.lower() in _DETERMINERS or first[:1].islower() or \
                toks[-1].lower() in t.title_words or low in look and False:
            titled.append((q, name, None))
            continue
        prefix, core = _strip_name(name, t)
        src = persons.get(core)
        if src is None:
            src = persons[core] = _Source(core, "person")
        if prefix:
            src.evidence.append(analyse_phrase(prefix, t))
        if men and men.lower() in t.pronouns:
            _vote(src, "pronoun", t.pronouns[men.lower()])
        elif men:
            p2, _ = _strip_name(men, t)
            if p2:
                src.evidence.append(analyse_phrase(p2, t))
        src.quotes.append(q)

    # rule 1: surnames join the full name they end, from another speaker or from the text
    _merge_surnames(text, persons, t)

    # mentions and evidence of each person
    first_names = {s.name.split()[0] for s in persons.values() if len(s.name.split()) > 1}
    known = frozenset(k for s in persons.values() for k in (s.name, *_surnames(s.name)))
    mention_index: list[tuple[int, _Source]] = []
    blockers = frozenset(w.lower() for s in persons.values() for w in s.name.split())
    for src in persons.values():
        mine = {src.name.split()[0]} if len(src.name.split()) > 1 else set()
        own_blockers = blockers - {w.lower() for w in src.name.split()}
        for s, e, poss in _name_mentions(text, src, t, first_names - mine):
            src.spans.add((s, e))
            mention_index.append((s, src))
            lp = left_phrase(text, s, t)
            if lp:
                ev = analyse_phrase(lp, t, known_names=known - {src.name, *_surnames(src.name)})
                if ev.informative:
                    src.evidence.append(ev)
            if not poss:
                rp, party = right_phrase(text, e)
                if party:
                    org, role = _PARTY[party]
                    if org:
                        src.evidence.append(Evidence(organization=org, org_role=role,
                                                     org_country="United States"))
                elif rp:
                    ev = analyse_phrase(rp, t, known_names=known - {src.name,
                                                                     *_surnames(src.name)})
                    if ev.title:
                        src.evidence.append(ev)
                g = _context_gender(text, e, t, own_blockers)
                _vote(src, "context", g)
    for src in persons.values():
        for q in src.quotes:
            _add_span(src, q)
    mention_index.sort(key=lambda x: x[0])

    # rule 2: unresolved pronouns join the nearest preceding compatible person
    for q in pending_pronouns:
        pos = q.get("speaker_start")
        pos = q.get("start", 0) if pos is None else pos
        g = t.pronouns.get((q.get("speaker_mention") or "").lower())
        for s, src in reversed([m for m in mention_index if m[0] < pos]):
            sg = _gender(src, look)[0]
            if sg == "unknown" or sg == g:
                src.quotes.append(q)
                _add_span(src, q)
                _vote(src, "pronoun", g)
                break

    # rules 3-5: titled mentions, spokesperson chains, unnamed sources
    for q, name, _ in titled:
        ev = analyse_phrase(name, t, known_names=known)
        target = None
        if ev.title and not ev.possessor and name.split()[0].lower() == "the":
            want = ev.title.lower()
            cands = [s for s in persons.values()
                     if any(e.title and e.title.lower().endswith(want) for e in s.evidence)]
            if len(cands) == 1:
                target = cands[0]
        if target is not None:
            target.quotes.append(q)
            _add_span(target, q)
            continue
        canon = " ".join(w for i, w in enumerate(name.split())
                         if not (i == 0 and w.lower() in _DETERMINERS))
        src = others.setdefault("u:" + canon.lower(), _Source(canon, "unnamed"))
        src.evidence.append(ev)
        src.unnamed_phrase = name
        _add_span(src, q)
        if ev.possessor:
            src.possessor = ev.possessor
        src.quotes.append(q)

    out_sources = [s for s in list(persons.values()) + list(others.values()) if s.quotes]
    by_key = {}
    for s in persons.values():
        for k in (s.name, *_surnames(s.name)):
            by_key.setdefault(k, s)
    for s in out_sources:
        if s.possessor is None:
            for ev in s.evidence:
                if ev.possessor:
                    s.possessor = ev.possessor
                    break
        if s.possessor:
            s.affiliated = by_key.get(s.possessor)
    for s in out_sources:
        s.first = min((q.get("start") or 0) for q in s.quotes)
    out_sources.sort(key=lambda s: s.first)
    attrs = {id(s): _attributes(s, look) for s in out_sources}
    # affiliation: inherit what the owner has and the source lacks
    for s in out_sources:
        a = attrs[id(s)]
        owner = s.affiliated
        if owner is not None and owner is not s:
            oa = attrs.get(id(owner)) or _attributes(owner, look)
            a["affiliated_with"] = owner.name
            for k in ("role", "country"):
                if a[k] in ("unknown", "inherit"):
                    a[k] = oa[k]
            if a["organization"] is None:
                a["organization"] = oa["organization"]
            if a["side"] is None:
                a["side"] = oa["side"]
        elif s.possessor:
            a["affiliated_with"] = s.possessor
        if a["role"] == "inherit":
            a["role"] = "unknown"
    out = []
    for rank, s in enumerate(out_sources, 1):
        a = attrs[id(s)]
        kinds = [q.get("kind") for q in s.quotes]
        spans = sorted(s.spans) or [(q.get("speaker_start"), q.get("speaker_end"))
                                    for q in s.quotes[:1]]
        out.append({
            "source": a.pop("name"),
            "source_type": s.kind,
            "mentions": max(len(s.spans), 1),
            "n_quotes": len(s.quotes),
            "n_direct": sum(k in ("direct", "mixed", "partial") for k in kinds),
            "n_indirect": sum(k == "indirect" for k in kinds),
            "n_words": sum(len(_WORDS.findall(q.get("text") or "")) for q in s.quotes),
            "n_with_verb": sum(bool(q.get("verb_class")) for q in s.quotes),
            "n_loaded": sum(bool(q.get("verb_class")) and q.get("verb_class") != "neutral"
                            for q in s.quotes),
            "first_position": rank,
            **a,
            "start": spans[0][0],
            "end": spans[0][1],
        })
    return out


def _add_span(src: _Source, q: dict) -> None:
    ss, se = q.get("speaker_start"), q.get("speaker_end")
    if ss is None or se is None:
        return
    ss, se = int(ss), int(se)
    if not any(s < se and ss < e for s, e in src.spans):
        src.spans.add((ss, se))


def _merge_surnames(text: str, persons: dict[str, _Source], t: Tables) -> None:
    singles = [k for k in persons if len(k.split()) == 1]
    for k in singles:
        src = persons[k]
        longer = [s for n, s in persons.items() if n != k and len(n.split()) > 1
                  and k in _surnames(n)]
        if len(longer) == 1:
            tgt = longer[0]
            tgt.quotes.extend(src.quotes)
            tgt.evidence.extend(src.evidence)
            for lv, gs in src.gender_votes.items():
                tgt.gender_votes.setdefault(lv, set()).update(gs)
            del persons[k]
            continue
        if longer:
            continue
        full = _full_name_in_text(text, k, t)
        if full and full not in persons:
            src.name = full
            persons[full] = src
            del persons[k]


def _full_name_in_text(text: str, surname: str, t: Tables) -> str | None:
    rx = re.compile(r"((?:[A-Z][\w’'-]+|[A-Z]\.)\s+(?:(?:[A-Z]\.|[a-z]{2,3})\s+)?)"
                    + re.escape(surname) + r"\b")
    for m in rx.finditer(text):
        first = m.group(1).split()[0]
        if first in t.honorifics or first.lower() in t.title_words or (first,) in t.places \
                or (first,) in t.orgs or first.lower() in _DETERMINERS or len(first) < 2:
            continue
        return " ".join(m.group(0).split())
    return None


_LEVELS = ("honorific", "title", "pronoun", "context")


def _gender(src: _Source, look: dict) -> tuple[str, str | None]:
    for lv in _LEVELS:
        votes = set(src.gender_votes.get(lv, ()))
        if lv in ("honorific", "title"):
            votes |= {e.gender for e in src.evidence if e.gender and e.gender_source == lv}
        if len(votes) == 1:
            return votes.pop(), lv
        if len(votes) > 1:
            return "unknown", None
    return "unknown", None


def _attributes(src: _Source, look: dict) -> dict[str, Any]:
    evs = [e for e in src.evidence if e.title or e.organization or e.country]
    chosen = next((e for e in evs if not e.former and (e.title or e.organization)), None) or \
        next((e for e in evs if e.title or e.organization), None)
    role = "unknown"
    title = None
    if chosen is not None:
        title = chosen.title
        if chosen.role and chosen.role != "inherit" and not (chosen.defer_to_org
                                                             and chosen.org_role):
            role = chosen.role
        elif chosen.org_role:
            role = chosen.org_role
        elif chosen.role == "inherit":
            role = "inherit"
    if src.kind == "unnamed" and chosen is not None and chosen.unnamed_role and \
            not (src.unnamed_phrase or "").lower().startswith("the "):
        role = chosen.unnamed_role
    elif src.kind == "unnamed" and chosen is None:
        role = "unknown"
    organization = next((e.organization for e in ([chosen] if chosen else []) + evs
                         if e.organization), None)
    country = next((e.country for e in evs if e.country), None) or \
        next((e.org_country for e in ([chosen] if chosen else []) + evs if e.org_country),
             None) or "unknown"
    if src.kind == "institution" and src.evidence:
        e0 = src.evidence[0]
        role = e0.org_role or "unknown"
        organization = e0.organization
        country = e0.org_country or "unknown"
    gender, gsrc = _gender(src, look) if src.kind != "institution" else ("unknown", None)
    side = None
    rec = look.get(src.name.lower())
    if rec is None:
        for k in src.keys:
            rec = look.get(k.lower())
            if rec:
                break
    if rec is not None:
        if rec.get("role"):
            role = rec["role"]
        if rec.get("country"):
            country = rec["country"]
        if rec.get("organization"):
            organization = rec["organization"]
        if rec.get("gender"):
            gender, gsrc = rec["gender"], "actor_map"
        side = rec.get("side")
        name = rec["name"]
    else:
        name = src.name
    return {"name": name, "role": role, "organization": organization, "country": country,
            "gender": gender, "gender_source": gsrc, "side": side, "affiliated_with": None,
            "title": title}


# ----------------------------------------------------------------------------- corpus level

_QUOTE_FIELDS = ["kind", "start", "end", "text", "speaker", "speaker_mention", "speaker_start",
                 "speaker_end", "verb_class"]


def _check_corpus(corpus) -> None:
    if not isinstance(corpus, pd.DataFrame) or not {"id", "text"} <= set(corpus.columns):
        got = list(corpus.columns) if isinstance(corpus, pd.DataFrame) else type(corpus).__name__
        raise DataError(
            "corpus must be a DataFrame with 'id', 'outlet' and 'text' columns (see "
            f"framing.read_corpus), got {got}."
        )


def sources(
    corpus: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    actors=None,
    progress: bool = False,
) -> pd.DataFrame:
    """One row per (article, source): who is quoted, how much, and what the text says of them.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (``id``, ``outlet``, ``text``).
    quotes : DataFrame, optional
        The quotes table of this corpus (:func:`framing.quotes`); computed when omitted.
    actors : optional
        A user actor map (path, dict, list or the frame of :func:`load_actor_map`): it
        overrides inferred attributes and assigns ``side``.
    progress : bool, default False

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SOURCE_COLUMNS`: ``doc_id, outlet, source, source_type, mentions,
        n_quotes, n_direct, n_indirect, n_words, n_with_verb, n_loaded, first_position,
        role, organization, country, gender, gender_source, side, affiliated_with, title,
        start, end``.  ``start``/``end`` are the offsets of the source's first mention;
        ``n_direct`` counts direct, mixed and partial quotes.  See the module docstring for
        the resolution and attribute rules.

    Examples
    --------
    >>> import framing
    >>> src = framing.sources(framing.datasets.load("seed"))  # doctest: +SKIP
    >>> src.query("source_type == 'person'")["source"].tolist()  # doctest: +SKIP
    ['Ashton Carter', 'Jens Stoltenberg', 'Peter Cook', 'Dmitry Medvedev', 'Walid al-Muallem']
    """
    _check_corpus(corpus)
    if quotes is None:
        from framing.quotation import quotes as _quotes

        quotes = _quotes(corpus)
    missing = {"doc_id", *_QUOTE_FIELDS[:6]} - set(quotes.columns)
    if missing:
        raise DataError(
            f"quotes is missing column(s) {sorted(missing)}; pass the table returned by "
            "framing.quotes(corpus)."
        )
    look = _actor_lookup(actors)
    t = _tables()
    fields = [f for f in _QUOTE_FIELDS if f in quotes.columns]
    cols = [quotes[f].tolist() for f in fields]
    by_doc: dict[Any, list[dict]] = {}
    for doc, *vals in zip(quotes["doc_id"].tolist(), *cols):
        by_doc.setdefault(doc, []).append(
            {f: (None if (isinstance(v, float) and v != v) or v is pd.NA else v)
             for f, v in zip(fields, vals)})
    ids = corpus["id"].tolist()
    texts = corpus["text"].tolist()
    docs = ((i, (tx, by_doc.get(i, ()))) for i, tx in zip(ids, texts))
    frame = map_documents(
        docs, lambda pair: resolve_sources(pair[0], pair[1], tables=t, actors=look),
        what="source resolution", columns=[c for c in SOURCE_COLUMNS if c != "outlet"],
        progress=progress, total=len(ids),
    )
    outlets = dict(zip(ids, corpus["outlet"].tolist())) if "outlet" in corpus else {}
    frame.insert(1, "outlet", frame["doc_id"].map(outlets) if len(frame) else
                 pd.Series([], dtype=object))
    return frame


def _as_sources(corpus_or_sources, quotes, actors) -> pd.DataFrame:
    if isinstance(corpus_or_sources, pd.DataFrame) and "text" in corpus_or_sources.columns:
        return sources(corpus_or_sources, quotes=quotes, actors=actors)
    if not isinstance(corpus_or_sources, pd.DataFrame) or "doc_id" not in corpus_or_sources:
        raise DataError(
            "expected a corpus (id, outlet, text) or the table of framing.sources(), got "
            f"{type(corpus_or_sources).__name__}."
        )
    return corpus_or_sources


def _group_seed(seed: int, key: Any) -> np.random.Generator:
    return np.random.default_rng([int(seed), zlib.crc32(repr(key).encode("utf-8"))])


def _category_labels(src: pd.DataFrame, dimension: str) -> np.ndarray:
    vals = src[dimension].astype(object).where(src[dimension].notna(), None).tolist()
    empty = "unassigned" if dimension == "side" else "unknown"
    return np.array([empty if v is None or v == "" else str(v) for v in vals], dtype=object)


def balance(
    corpus_or_sources: pd.DataFrame,
    *,
    by: str | None = "outlet",
    dimension: str = "role",
    include: tuple[str, ...] = ("person", "unnamed"),
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    min_group: int = 10,
    quotes: pd.DataFrame | None = None,
    actors=None,
) -> pd.DataFrame:
    """Share of sources, quotes and quoted words per category, per group, with bootstrap CIs.

    Parameters
    ----------
    corpus_or_sources : DataFrame
        A corpus (then :func:`sources` is run, with ``quotes`` and ``actors``) or the
        table :func:`sources` returned.
    by : str or None, default "outlet"
        Column to group articles by (``None``: the whole corpus is one group).
    dimension : {"role", "country", "gender", "side", "organization", "source_type"}
    include : tuple of str, default ("person", "unnamed")
        Source types counted; institutions speaking as a body are left out by default.
    n_resamples : int, default 2000
    confidence : float, default 0.95
    seed : int, default 0
        Each group's resamples use a generator seeded with ``seed`` and the group's name,
        so results do not depend on row or group order.
    min_group : int, default 10
        Groups with fewer articles (with sources) are flagged ``small_group`` and warned.
    quotes, actors : optional
        Passed to :func:`sources` when a corpus is given.

    Returns
    -------
    pandas.DataFrame
        One row per (group, category): ``<by>, dimension, category, n_docs, n_sources,
        share_sources, sources_low, sources_high, n_quotes, share_quotes, quotes_low,
        quotes_high, n_words, share_words, words_low, words_high, n_first, share_first,
        small_group`` and the group's balance indices (repeated on each of its rows):
        ``evenness`` (Shannon H / ln k), ``iqv`` (k/(k-1)·(1-Σp²)), ``dominance`` (max p),
        ``official_share``, ``anonymous_share``, computed on source shares with k = the
        number of categories of the dimension in the whole table.  Shares are pooled over
        the group's articles (sum of counts / sum of totals); the intervals are percentile
        bootstrap intervals resampling articles (:func:`framing.stats.bootstrap_ratio`).
        ``share_first`` is the share of first-quoted sources (``first_position == 1``).

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    .. [2] Pielou, E. C. (1966). *Journal of Theoretical Biology*, 13, 131-144.
    .. [3] Agresti, A., & Agresti, B. F. (1978). *Sociological Methodology*, 9, 204-237.

    Examples
    --------
    >>> import framing
    >>> b = framing.balance(framing.datasets.load("seed"), dimension="country")  # doctest: +SKIP
    >>> b.set_index("category")["n_sources"]["United States"]  # doctest: +SKIP
    2
    """
    if dimension not in DIMENSIONS:
        raise DataError(
            f"dimension must be one of {list(DIMENSIONS)}, got {dimension!r}."
        )
    src = _as_sources(corpus_or_sources, quotes, actors)
    need = {"doc_id", dimension, "n_quotes", "n_words", "first_position", "source_type"}
    if by is not None:
        need.add(by)
    missing = need - set(src.columns)
    if missing:
        raise DataError(
            f"the sources table is missing column(s) {sorted(missing)}; pass the output of "
            "framing.sources() (or a corpus)."
        )
    if include is not None:
        src = src[src["source_type"].isin(list(include))]
    cats_all = _category_labels(src, dimension)
    categories = sorted(set(cats_all.tolist()))
    k = max(len(categories), 1)
    cat_code = {c: i for i, c in enumerate(categories)}
    # documents in sorted order, so the resamples do not depend on row order
    doc_codes, doc_uniques = pd.factorize(src["doc_id"].astype(str), sort=True)
    n_docs_all = len(doc_uniques)
    cc = np.array([cat_code[c] for c in cats_all], dtype=np.int64)
    flat = doc_codes.astype(np.int64) * k + cc

    def mat(weights):
        return np.bincount(flat, weights=weights, minlength=n_docs_all * k).reshape(
            n_docs_all, k)

    m_src = mat(None)
    m_q = mat(src["n_quotes"].to_numpy(dtype=float))
    m_w = mat(src["n_words"].to_numpy(dtype=float))
    m_f = mat((src["first_position"].to_numpy(dtype=float) == 1).astype(float))
    if by is None:
        group_of_doc = np.zeros(n_docs_all, dtype=np.int64)
        group_names = ["all"]
        by_col = "group"
    else:
        first_row = np.zeros(n_docs_all, dtype=np.int64)
        first_row[doc_codes[::-1]] = np.arange(len(doc_codes))[::-1]
        gvals = src[by].astype(object).to_numpy()[first_row] if n_docs_all else np.array([])
        gcodes, guniq = pd.factorize(pd.Series(gvals, dtype=object), sort=True)
        group_of_doc, group_names, by_col = gcodes, list(guniq), by
    stacked = np.hstack([m_src, m_q, m_w, m_f])
    dens = np.hstack([np.repeat(m.sum(axis=1, keepdims=True), k, axis=1)
                      for m in (m_src, m_q, m_w, m_f)])
    out = []
    small = []
    for gi, g in enumerate(group_names):
        rows_g = group_of_doc == gi
        nd = int(rows_g.sum())
        r = stats.bootstrap_ratio(stacked[rows_g], dens[rows_g], n_resamples=n_resamples,
                                  confidence=confidence, seed=_group_seed(seed, g))
        est, lo, hi = (np.atleast_1d(x) for x in r)
        tot = stacked[rows_g].sum(axis=0)
        counts = tot[:k]
        ev = stats.shannon_evenness(counts, k=k) if k >= 2 else float("nan")
        iq = stats.iqv(counts, k=k) if k >= 2 else float("nan")
        dom = stats.dominance(counts)
        roles = src.loc[rows_g[doc_codes], "role"].tolist() if "role" in src else []
        off = stats.official_share(roles)
        anon = stats.anonymous_share(roles)
        is_small = nd < min_group
        if is_small:
            small.append(g)
        for ci, c in enumerate(categories):
            out.append({
                by_col: g, "dimension": dimension, "category": c, "n_docs": nd,
                "n_sources": int(tot[ci]), "share_sources": est[ci],
                "sources_low": lo[ci], "sources_high": hi[ci],
                "n_quotes": int(tot[k + ci]), "share_quotes": est[k + ci],
                "quotes_low": lo[k + ci], "quotes_high": hi[k + ci],
                "n_words": int(tot[2 * k + ci]), "share_words": est[2 * k + ci],
                "words_low": lo[2 * k + ci], "words_high": hi[2 * k + ci],
                "n_first": int(tot[3 * k + ci]), "share_first": est[3 * k + ci],
                "small_group": is_small, "evenness": ev, "iqv": iq, "dominance": dom,
                "official_share": off, "anonymous_share": anon,
            })
    if small:
        warnings.warn(
            f"balance: {len(small)} group(s) have fewer than min_group={min_group} articles "
            f"with sources ({', '.join(map(str, small[:5]))}{' ...' if len(small) > 5 else ''});"
            " their intervals are wide and flagged in the small_group column.",
            FramingWarning, stacklevel=2,
        )
    cols = [by_col, "dimension", "category", "n_docs", "n_sources", "share_sources",
            "sources_low", "sources_high", "n_quotes", "share_quotes", "quotes_low",
            "quotes_high", "n_words", "share_words", "words_low", "words_high", "n_first",
            "share_first", "small_group", "evenness", "iqv", "dominance", "official_share",
            "anonymous_share"]
    return pd.DataFrame(out, columns=cols)


def attribution_asymmetry(
    corpus_or_sources: pd.DataFrame,
    *,
    dimension: str = "country",
    by: str | None = None,
    include: tuple[str, ...] = ("person", "unnamed"),
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    quotes: pd.DataFrame | None = None,
    actors=None,
) -> pd.DataFrame:
    """Compare, across categories, the share of quotes introduced with a loaded speech verb.

    For each category the loaded-verb share is ``n_loaded / n_with_verb`` pooled over the
    articles (quotes whose verb class is not ``neutral``, among quotes with a verb).  For
    each pair of categories the difference ``share_a - share_b`` gets a percentile bootstrap
    interval that resamples articles jointly, keeping both categories of an article
    together (:func:`framing.stats.bootstrap_ratio_diff` with ``paired=True``).

    Parameters
    ----------
    corpus_or_sources : DataFrame
        A corpus or the table of :func:`sources`.
    dimension : str, default "country"
    by : str, optional
        Compare within each group of this column (e.g. "outlet").
    include, n_resamples, confidence, seed, quotes, actors
        As in :func:`balance`.

    Returns
    -------
    pandas.DataFrame
        One row per (group, category pair): ``[by,] dimension, category_a, category_b,
        n_verbs_a, n_loaded_a, share_a, n_verbs_b, n_loaded_b, share_b, difference, low,
        high``.

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    """
    if dimension not in DIMENSIONS:
        raise DataError(f"dimension must be one of {list(DIMENSIONS)}, got {dimension!r}.")
    src = _as_sources(corpus_or_sources, quotes, actors)
    need = {"doc_id", dimension, "n_with_verb", "n_loaded", "source_type"} | (
        {by} if by else set())
    missing = need - set(src.columns)
    if missing:
        raise DataError(
            f"the sources table is missing column(s) {sorted(missing)}; pass the output of "
            "framing.sources() (or a corpus)."
        )
    if include is not None:
        src = src[src["source_type"].isin(list(include))]
    src = src.assign(_cat=_category_labels(src, dimension))
    groups = [(None, src)] if by is None else sorted(src.groupby(by, sort=True),
                                                     key=lambda x: str(x[0]))
    rows = []
    for g, part in groups:
        piv_v = part.pivot_table(index="doc_id", columns="_cat", values="n_with_verb",
                                 aggfunc="sum", fill_value=0)
        piv_l = part.pivot_table(index="doc_id", columns="_cat", values="n_loaded",
                                 aggfunc="sum", fill_value=0).reindex_like(piv_v)
        cats = sorted(piv_v.columns)
        for a, b in combinations(cats, 2):
            va, la = piv_v[a].to_numpy(float), piv_l[a].to_numpy(float)
            vb, lb = piv_v[b].to_numpy(float), piv_l[b].to_numpy(float)
            r = stats.bootstrap_ratio_diff(la, va, lb, vb, paired=True,
                                           n_resamples=n_resamples, confidence=confidence,
                                           seed=_group_seed(seed, (g, a, b)))
            row = {} if by is None else {by: g}
            with np.errstate(invalid="ignore", divide="ignore"):
                sa = la.sum() / va.sum() if va.sum() else float("nan")
                sb = lb.sum() / vb.sum() if vb.sum() else float("nan")
            row.update({"dimension": dimension, "category_a": a, "category_b": b,
                        "n_verbs_a": int(va.sum()), "n_loaded_a": int(la.sum()), "share_a": sa,
                        "n_verbs_b": int(vb.sum()), "n_loaded_b": int(lb.sum()), "share_b": sb,
                        "difference": r.estimate, "low": r.low, "high": r.high})
            rows.append(row)
    cols = ([by] if by else []) + ["dimension", "category_a", "category_b", "n_verbs_a",
                                   "n_loaded_a", "share_a", "n_verbs_b", "n_loaded_b",
                                   "share_b", "difference", "low", "high"]
    return pd.DataFrame(rows, columns=cols)
