"""Article setting: the country a news article is set in, and the sources it places there.

A local source ("a Charlotte resident", "Tulsa demonstrators", "convention delegates", "the
judge") is often given no country because the article never says it: the reader takes it
from where the story happens.  This module infers that *setting* per article from cheap,
transparent evidence, then gives it to the sources whose role makes a local reading
natural.

Setting rule
------------
Votes, one per mention, for the country of every place or national institution named in
the first :data:`LEDE_CHARS` characters of the text, where the headline, dateline and lede
establish where the story happens, and in the rest of the text when the lede does not
decide (``framing/data/sources/``: cities, first-level subdivisions, country names,
demonyms and capitals of ``countries.csv``; the government, military and party
organisations of ``organizations.csv``; and ``setting_places.csv``, places and institutions
used only here).  The dateline ("CHARLOTTE, N.C. (AP) —", "RANGOON, Burma -") adds
:data:`DATELINE_VOTES` votes for its country (a US state abbreviation or a country after
the city wins over the city).  The setting is the country with the most votes when it has
at least :data:`MIN_VOTES` votes and more than :data:`MIN_SHARE` of all votes (a strict
majority); otherwise there is none (an article spread over several countries has no setting).

Fill rule
---------
A person or unnamed source whose country is still ``unknown`` (the text, the people table,
its principal and the actor map said nothing) takes the setting country, with
``country_source = "setting"``, when its role is

* ``citizen`` (residents, voters, protesters, witnesses, relatives) or ``political``
  (candidates, delegates, campaign staff, party members): domestic by nature;
* ``official`` with a local or domestic office (``local_titles.csv``: legislators, judges,
  prosecutors, police, mayors, governors, sheriffs...), never a head of state, minister,
  diplomat or general, who is as often foreign as not.

Anonymous sources, experts, business, media and civil-society sources, institutions and
sources whose role is unknown keep ``unknown``: the text gives no reason to place them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ._regex import trie_regex
from ._source_attrs import _read, _split
from .text import _BLANK_LINE, _header, paragraph_spans

__all__ = ["DATELINE_VOTES", "LEDE_CHARS", "MIN_SHARE", "MIN_VOTES", "apply_setting",
           "article_setting", "fill_from_setting"]

DATELINE_VOTES = 5
MIN_VOTES = 3
MIN_SHARE = 0.5
LEDE_CHARS = 1500
_SETTING_ORG_TYPES = frozenset({"government", "military", "party"})
_LOCAL_ROLES = frozenset({"citizen", "political"})


@lru_cache(maxsize=1)
def _index() -> tuple[re.Pattern, dict[str, str], dict[str, str], frozenset]:
    """The compiled place regex, name -> country, dateline lookup, and the local titles."""
    names: dict[str, str] = {}
    clash: set[str] = set()

    def add(name: str, country: str) -> None:
        if not name or not country or country == "international":
            return
        old = names.get(name)
        if old is not None and old != country:
            clash.add(name)
        names[name] = country

    for r in _read("countries.csv"):
        for alias in [*_split(r["aliases"]), *_split(r["demonyms"]), *_split(r["metonyms"])]:
            add(alias, r["country"])
    for r in _read("subdivisions.csv"):
        add(r["name"], r["country"])
    for r in _read("cities.csv"):
        add(r["name"], r["country"])
    for r in _read("organizations.csv"):
        if r["type"] in _SETTING_ORG_TYPES:
            for alias in [r["name"], *_split(r["aliases"])]:
                add(alias, r["country"])
    dateline: dict[str, str] = {}
    for r in _read("setting_places.csv"):
        if r["kind"] == "dateline":
            dateline[r["name"]] = r["country"]
        else:
            add(r["name"], r["country"])
    for name in clash:                  # a name of two countries is no evidence
        names.pop(name, None)
    # a dateline place is written in capitals: look it up case-insensitively
    for name, country in names.items():
        dateline.setdefault(name.upper(), country)
    # every name starts with a capital, so re skips to capitals fast; (?!\w) stops "Iran" in
    # "Iranian".  No look-behind: it would cost 4x, and a name inside a CamelCase word is rare
    pattern = re.compile("(?:" + trie_regex(sorted(n for n in names if n[:1].isupper()))
                         + r")(?!\w)")
    local = frozenset(r["phrase"].lower() for r in _read("local_titles.csv"))
    return pattern, names, dateline, local


_PAREN = re.compile(r"\([^()]*\)")


def _dateline_country(line: str, dateline: dict[str, str]) -> str | None:
    """The country of a dateline: "RENO, Nev. (AP) —" -> "United States"."""
    line = _PAREN.sub(" ", line).strip().rstrip("—–-").strip()
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if not parts:
        return None
    for qualifier in parts[1:]:        # "CAMBRIDGE, Mass." / "RANGOON, Burma" / "Nov. 19"
        country = dateline.get(qualifier) or dateline.get(qualifier.upper())
        if country:
            return country
    return dateline.get(parts[0].upper())


def _find_dateline(text: str) -> tuple[int, int] | None:
    """The dateline span exactly as :func:`framing.text.segment` finds it (the same
    header rule over the same paragraphs), without segmenting sentences."""
    return _header(text, _first_paragraphs(text))[0]


#: the start of a text where the first paragraphs are looked for (87% of PolNeAR texts have
#: five paragraphs there)
_HEAD_CHARS = 1500


def _first_paragraphs(text: str) -> list[tuple[int, int]]:
    """``paragraph_spans(text)[:4]``, all that the header rule reads, from the start of the
    text when that gives the same spans: a prefix cut at a line break has the same first
    lines, and when it holds a blank line both split at blank lines only, so every paragraph
    of the prefix but the last (which may go on) is a paragraph of the whole text."""
    cut = text.rfind("\n", 0, _HEAD_CHARS)
    if cut > 0 and _BLANK_LINE.search(text, 0, cut) is not None:
        spans = paragraph_spans(text[:cut])
        if len(spans) > 4:
            return spans[:4]
    return paragraph_spans(text)


def article_setting(text: str, *, segments=None) -> str | None:
    """The country an article is set in, or None when the evidence is thin or split.

    Parameters
    ----------
    text : str
        The article text.
    segments : framing.text.Segments, optional
        The article's segments; only ``.dateline`` is used (found directly otherwise).

    Returns
    -------
    str or None
        A country name of ``framing/data/sources/countries.csv``.

    Examples
    --------
    >>> article_setting("CHARLOTTE, N.C. (AP) — Protesters marched again on Friday.")
    'United States'
    >>> article_setting("Ministers met in Brussels, then flew to Paris and to Moscow.") is None
    True
    """
    pattern, names, dateline, _ = _index()
    votes: dict[str, int] = {}
    span = segments.dateline if segments is not None else _find_dateline(text)
    if span is not None:
        c = _dateline_country(text[span[0]:span[1]], dateline)
        if c:
            votes[c] = DATELINE_VOTES
    cut = _word_end(text, LEDE_CHARS)       # never inside a word ("Iran|ian", "Washing|ton")
    _count(pattern.findall(text, 0, cut), names, votes)
    best = _decide(votes)
    if best is None and len(text) > cut:   # a thin or split lede: read the rest too
        _count(pattern.findall(text, cut), names, votes)
        best = _decide(votes)
    return best


def _word_end(text: str, pos: int) -> int:
    """``pos``, moved forward to the end of the word it falls in."""
    n = len(text)
    while pos < n and (text[pos].isalnum() or text[pos] in "'’-"):
        pos += 1
    return pos


def _count(found: list[str], names: dict[str, str], votes: dict[str, int]) -> None:
    for name in found:
        c = names[name]
        votes[c] = votes.get(c, 0) + 1


def _decide(votes: dict[str, int]) -> str | None:
    """The country with at least MIN_VOTES votes and more than MIN_SHARE of them, or None."""
    if not votes:
        return None
    best = max(votes, key=votes.__getitem__)
    top = votes[best]
    if top < MIN_VOTES or top <= MIN_SHARE * sum(votes.values()):
        return None
    return best


def _is_local(row: dict, local_titles: frozenset) -> bool:
    if row.get("source_type") == "institution" or row.get("country") != "unknown":
        return False
    role = row.get("role")
    if role in _LOCAL_ROLES:
        return True
    if role == "official":
        title = (row.get("title") or "").lower()
        return title in local_titles
    return False


def fill_from_setting(rows: list[dict], country: str | None) -> list[dict]:
    """Give ``country`` to the local sources of ``rows`` whose country is unknown (in place).

    ``country_source`` becomes ``"setting"``.  See the module docstring for which roles.
    """
    if not country:
        return rows
    local = _index()[3]
    for row in rows:
        if _is_local(row, local):
            row["country"] = country
            row["country_source"] = "setting"
    return rows


def apply_setting(text: str, rows: list[dict], *, segments=None) -> list[dict]:
    """Infer the article's setting only when a row could take it, then fill (in place)."""
    local = _index()[3]
    if any(_is_local(r, local) for r in rows):
        fill_from_setting(rows, article_setting(text, segments=segments))
    return rows
