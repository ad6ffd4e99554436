"""Speaker mentions next to a speech cue, and their resolution within one article.

* :func:`speaker_before` finds the speaker that ends right before a cue ("Carter said",
  "Peter Cook, Carter's spokesman, said", "a source familiar with the talks said",
  "he has also said"); it matches right to left on the reversed text, one anchored
  attempt per cue.
* :func:`speaker_after` finds an inverted speaker right after a cue ("said Carter",
  "according to officials").
* :class:`Resolver` maps a mention to a canonical speaker: titles are stripped
  ("Russian Prime Minister Dmitry Medvedev" -> "Dmitry Medvedev"), a surname refers back
  to an earlier full name, he/she/they to the nearest compatible earlier speaker, and
  "the spokesman" / "the minister" to an earlier speaker bearing that title.

The word tables (titles, descriptors, role nouns, organisation words, gendered titles) are
``framing/data/speaker_titles.csv``, ``framing/data/pronouns.csv`` and
``framing/data/given_names.csv`` (given names, for pronoun gender compatibility only).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import AbstractSet, Final, Iterator

from ._regex import trie_regex

__all__ = ["Resolver", "canonical_name", "speaker_after", "speaker_before", "tables", "trim_name"]


@lru_cache(maxsize=1)
def tables() -> dict:
    """Word tables from ``speaker_titles.csv`` and ``pronouns.csv`` (cached)."""
    titles: set[str] = set()
    descriptors: set[str] = set()
    roles: set[str] = set()
    orgs: set[str] = set()
    gender: dict[str, str] = {}
    src = resources.files("framing.data").joinpath("speaker_titles.csv")
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            w = row["word"]
            kinds = row["kinds"].split("|")
            if "title" in kinds:
                titles.add(w)
            if "descriptor" in kinds:
                descriptors.add(w)
            if "role" in kinds:
                roles.add(w.lower())
            if "org" in kinds:
                orgs.add(w)
            if row["gender"]:
                gender[w] = row["gender"]
                gender[w.lower()] = row["gender"]
    pronouns: dict[str, tuple[str, str]] = {}
    src = resources.files("framing.data").joinpath("pronouns.csv")
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pronouns[row["pronoun"]] = (row["gender"], row["number"])
    given: dict[str, str] = {}
    src = resources.files("framing.data").joinpath("given_names.csv")
    with src.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            given[row["name"]] = row["gender"]
    return {
        "given": given,
        "titles": frozenset(titles), "descriptors": frozenset(descriptors),
        "roles": frozenset(roles), "orgs": frozenset(orgs), "gender": gender,
        "pronouns": pronouns,
    }


# ----------------------------------------------------------------------------- patterns

#: capitalised words that open a sentence or a clause, never part of a speaker name
_NAME_STOP: Final = frozenset(
    "On In At But And Yet So Then Now Today Yesterday Tonight Earlier Later Last This That "
    "When While After Before Since As If Although Though Meanwhile However Also Still Even "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan. Feb. Mar. Apr. Aug. Sept. Sep. "
    "Oct. Nov. Dec. The A An Here There For With From By Of To Instead Asked Speaking "
    "Writing Like Unlike Many Some Several Most Other Both Each Every His Her Their Its Our "
    "My Your Such Indeed Still Separately Similarly Finally Ultimately Again Thanks Just Only "
    "Please Let Why What How Who Where Whether".split()
)

_CAP: Final = r"[A-Z][\w’'&.]*(?:-[\w’']+)*"
_CONNECT: Final = r"(?:(?:al|el|bin|ibn|abu|de|da|del|di|du|van|von|der|den|la|le|dos|das)[- ](?=[A-Z])|of\s+(?=[A-Z])|and\s+(?=[A-Z]))"
_NAME: Final = rf"{_CAP}(?:\s+{_CONNECT}?{_CAP}|[- ](?:al|el)-[A-Z][\w’']+)*(?:,?\s+(?:Jr\.|Sr\.|II|III))?(?:\s*\([^()\n]{{1,40}}\))?"


_FUNC: Final = (
    r"(?!(?:that|said|says|and|but|or|in|on|at|to|of|for|with|as|by|is|was|are|were|be|been|"
    r"has|had|have|which|who|when|while|after|before|because|if|than|then|so|not|it|he|she|"
    r"they|we|i|you|this|these|those|there|here|also|would|will|could|can|may|might|should|"
    r"must|what|where|how|why|about|from|into|over|under|did|does|do|its|his|her|their)\b)"
)
_DET: Final = (
    r"(?:the|a|an|The|A|An|one|One|two|three|four|several|Several|some|Some|many|Many|other|"
    r"Other|another|Another|most|Most|more|those|These|these|Those|its|his|her|their|His|Her|"
    r"Their|Its|both|Both|two\s+other|" + _NAME + r"[’']s?)"
)


@lru_cache(maxsize=1)
def _role_alt() -> str:
    roles = sorted(tables()["roles"], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(r) for r in roles) + ")"




def _rev_trie(words) -> str:
    """A prefix-factored alternation of the *reversed* words (for right-to-left matching)."""
    return "(?:" + trie_regex(words, reverse=True) + ")"


_ADV_WORDS: Final = (
    "has have had also later previously then repeatedly reportedly recently publicly once would "
    "will again first further frequently often even already flatly quickly immediately "
    "initially privately simply just did does do not never only still long since subsequently "
    "separately similarly explicitly openly bluntly angrily specifically directly loudly "
    "sharply strongly clearly falsely wrongly correctly famously memorably now ultimately "
    "finally eventually".split()
) + ["last week", "last month", "last year", "on monday", "on tuesday", "on wednesday",
     "on thursday", "on friday", "on saturday", "on sunday"]
_FUNC_WORDS: Final = (
    "that said says and but or in on at to of for with as by is was are were be been has had "
    "have which who when while after before because if than then so not it he she they we i "
    "you this these those there here also would will could can may might should must what "
    "where how why about from into over under did does do its his her their the a an".split()
)
_DET_WORDS: Final = (
    "this the a an one two three four several some many other another most more those these its "
    "his her their both".split()
)
_CONNECT_WORDS: Final = "al el bin ibn abu de da del di du van von der den la le dos das".split()
_B: Final = r"(?![\w’'.-])"     # right-to-left: the word is complete (nothing before it)


_CAP_REV: Final = r"(?:[\w’']++-)*[\w’'&.]*[A-Z]"
#: a capitalised word followed by a connector or whitespace: its run of [\w’'&.] is taken
#: whole and must end in a capital (what the greedy form accepts there, without backtracking)
_CAP_UNIT_REV: Final = r"(?:[\w’']++-)*[\w’'&.][\w’'&.]*+(?<=[A-Z])"


@lru_cache(maxsize=1)
def _name_run() -> re.Pattern:
    """Right to left: whitespace, then a run of capitalised words (a given name before a
    surname)."""
    connect = r"(?:[- ]" + _rev_trie(_CONNECT_WORDS) + r")"
    # the same possessive forms and capital guard as in speaker_before (same matches)
    return re.compile(rf"[ \t\u00a0]++(?=[^\WA-Z]*+(?:[’'&.-][^\WA-Z]*+)*+[A-Z])"
                      rf"(?P<run>(?:{_CAP_UNIT_REV}{connect}?[ \t\u00a0]+)*{_CAP_REV}){_B}")


@lru_cache(maxsize=1)
def speaker_before() -> re.Pattern:
    """Speaker ending right before a cue, matched right to left on the reversed text.

    Use ``speaker_before().match(text[::-1], len(text) - cue_start)``; a group spanning
    ``(a, b)`` in the reversed text is ``(n - b, n - a)`` in the text.  One anchored attempt
    per cue keeps this off the per-article hot path.
    """
    # Possessive quantifiers (``*+``, ``++``) and ``(?<=[A-Z])`` only where the token that
    # follows cannot match the quantified class, so they accept exactly what the plain
    # greedy forms accept; they spare the engine the backtracking through each word that
    # cannot succeed (a third of the cost of this pattern).
    cap = r"(?:[\w’']++-)*[\w’'&.]*[A-Z]"
    # a capitalised word followed by a connector or whitespace: it ends where its run of
    # [\w’'&.] ends, so the run is taken whole and must end in a capital
    cap_unit = r"(?:[\w’']++-)*[\w’'&.][\w’'&.]*+(?<=[A-Z])"
    connect = r"(?:[- ]" + _rev_trie(_CONNECT_WORDS) + r"|\s+fo|\s+dna)"
    unit = rf"(?:{cap_unit}{connect}?\s+|[\w’'][\w’']++(?<=[A-Z])-(?:la|le)[- ])"
    name = (
        r"(?:\)[^()\n]{1,40}\(\s*)?(?:(?:\.rJ|\.rS|II|III)\s+,?)?"
        rf"{unit}*{cap}{_B}"
    )
    # a name needs ")" or a capital in the run of name characters it starts with: checked
    # first, in one linear pass, so most lowercase words fail without any backtracking
    name_guard = r"(?=\)|[^\WA-Z]*+(?:[’'&.-][^\WA-Z]*+)*+[A-Z])"
    pron = r"(?:eh|ehs|yeht|I|ew|ti|ohw|hcihw|eH|ehS|yehT|eW|tI)" + _B
    role = _rev_trie(sorted(tables()["roles"]))
    func = "(?i:" + _rev_trie(_FUNC_WORDS) + _B + ")"
    det = "(?i:" + _rev_trie(_DET_WORDS) + ")" + _B
    post = (
        r"(?:[\w’'.-]++(?:\s++[\w’'.-]++){0,3}?(?:\s+eht)?\s++"
        + _rev_trie(["familiar with", "close to", "with knowledge of", "briefed on", "in", "at",
                     "for", "of", "from", "with", "on", "to"])
        + r"\s+)?"
    )
    common = (
        rf"{post}{role}{_B}"
        rf"(?:(?:\s++(?!{func})[\w’'.-]++){{0,3}}(?:\s++(?:{det}|s?[’']{unit}*{cap}{_B}))"
        rf"|(?:\s++(?!{func})[\w’'.-]++){{0,3}}{_B})"
    )
    adv = "(?i:" + _rev_trie(_ADV_WORDS) + ")"
    pat = (
        rf"(?:\s++{adv}(?=\s))*\s++"
        r"(?P<app>,[^,;:“”\"()\n]{2,90}\s,)?"
        rf"(?:(?P<pron>{pron})|(?P<name>{name_guard}{name})|(?P<role>{common})"
        rf"|(?P<gen>[a-z][\w’'-]*+(?:\s++(?!{func})[a-z][\w’'-]*+){{0,2}}\s++{det}))"
    )
    return re.compile(pat)


@lru_cache(maxsize=4)
def speaker_after(lead: str = r"\s+") -> re.Pattern:
    role = _role_alt()
    post = (
        r"(?:\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|briefed\s+on|"
        r"in|at|for|of|from|with|on|to)\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,2}?[\w’'.-]+)?"
    )
    common = rf"(?:{_DET}\s+)?(?:{_FUNC}[\w’'.-]+\s+){{0,3}}?{role}\b{post}"
    pat = (
        lead + r"(?:(?P<pron>he|she|they|He|She|They|I|we)\b"
        rf"|(?P<name>(?:{_FUNC}[a-z][\w’'-]*\s+){{0,3}}?{_NAME}(?:\s+(?:[a-z][\w-]*\s+){{1,2}}{_NAME})?)"
        rf"|(?P<role>{common}))"
    )
    return re.compile(pat)


# ----------------------------------------------------------------------------- names

def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading clause words ("On", "But", weekdays) from a capitalised run."""
    while True:
        # cheap exact pre-check: the first word can only be in _NAME_STOP when its first
        # two characters (or its one letter) open one of those words
        c2 = text[start:start + 2]
        if c2 not in _STOP_PREFIX2 and c2[:1] not in _STOP_PREFIX1:
            return start, end
        m = _FIRST_WORD.match(text, start, end)
        if not m or m.end() >= end:
            return start, end
        if m.group(1) in _NAME_STOP:
            start = m.end()
        else:
            return start, end


_FIRST_WORD: Final = re.compile(r"([\w’'.&-]+),?\s+")
_STOP_PREFIX2: Final = frozenset(w[:2] for w in _NAME_STOP if len(w) >= 2)
_STOP_PREFIX1: Final = frozenset(w for w in _NAME_STOP if len(w) == 1)
_NAME_TOKEN: Final = re.compile(r"[\w’'.&-]+")


@lru_cache(maxsize=8192)
def canonical_name(mention: str) -> tuple[str, frozenset, str]:
    """(canonical name, title words, gender) of a capitalised mention.

    The canonical name is the part after the last title word ("Russian Prime Minister
    Dmitry Medvedev" -> "Dmitry Medvedev", "Ohio State University professor Paul Beck" ->
    "Paul Beck"); a trailing "of <Place>" is dropped from a person's name ("Jeb Bush of
    Florida" -> "Jeb Bush"); leading descriptors (nationality, party) are dropped.
    """
    t = tables()
    paren = mention.find("(")
    if paren > 0:
        mention = mention[:paren].rstrip()
    mention = mention.rstrip(" ,")
    toks = _NAME_TOKEN.findall(mention)
    titles_tab = t["titles"]
    last_title = -1
    title_words: set[str] = set()
    gender = ""
    for i, w in enumerate(toks):
        if w in titles_tab or (w.islower() and w.capitalize() in titles_tab):
            last_title = i
            title_words.add(w.lower().rstrip("."))
            gender = gender or t["gender"].get(w, "") or t["gender"].get(w.capitalize(), "")
    rest = toks[last_title + 1:]
    if not rest:
        return mention, frozenset(title_words), gender
    if last_title < 0:
        while len(rest) > 1 and rest[0] in t["descriptors"]:
            if any(x in t["orgs"] for x in rest):
                break
            rest = rest[1:]
    if "of" in rest:
        k = rest.index("of")
        if k >= 2 and not any(x in t["orgs"] for x in rest):
            rest = rest[:k]
    titles = frozenset(title_words)
    if rest == toks:
        return mention, titles, gender
    # locate the kept tokens in the original string (keeps its spacing)
    i0 = toks.index(rest[0], last_title + 1) if rest[0] in toks[last_title + 1:] else -1
    a = _nth_index(mention, toks, i0) if i0 >= 0 else -1
    if a < 0:
        return " ".join(rest), titles, gender
    b = _nth_index(mention, toks, i0 + len(rest) - 1)
    return mention[a:b + len(rest[-1])], titles, gender


def _nth_index(s: str, toks: list[str], n: int) -> int:
    pos = 0
    for i, w in enumerate(toks):
        j = s.find(w, pos)
        if j < 0:
            return -1
        if i == n:
            return j
        pos = j + len(w)
    return -1




def _given_like(tok: str, t: dict) -> bool:
    """A token that can be part of a given name: capitalised, not all capitals, not a title,
    organisation word, descriptor or clause opener."""
    return (
        tok[:1].isupper() and not (tok.isupper() and len(tok) > 2)
        and tok not in t["titles"] and tok not in t["orgs"] and tok not in t["descriptors"]
        and tok not in _NAME_STOP and not tok.endswith(("’s", "'s", ","))
    ) or tok in _CONNECT_SET


_CONNECT_SET: Final = frozenset(_CONNECT_WORDS)


@lru_cache(maxsize=65536)
def _given_like_cached(tok: str) -> bool:
    """:func:`_given_like` with the word tables (fixed once loaded), memoised per token."""
    return _given_like(tok, _TABLES or _load_tables())


_TABLES: Final[dict] = {}


@lru_cache(maxsize=16384)
def _name_tokens(name: str) -> tuple[tuple[str, ...], bool]:
    """The words of a canonical name and whether it names an organisation (an organisation
    word among them, or all capitals), memoised: the same names recur on every mention."""
    toks = tuple(name.split())
    t = _TABLES or _load_tables()
    return toks, not t["orgs"].isdisjoint(toks) or (name.isupper() and len(name) > 1)


@lru_cache(maxsize=8192)
def _name_entry(mention: str) -> tuple[str, frozenset, str, tuple[str, ...], bool]:
    """:func:`canonical_name` of a mention and :func:`_name_tokens` of that name, in one
    memoised lookup (both are fixed functions of the mention)."""
    name, titles, gender = canonical_name(mention)
    toks, org = _name_tokens(name)
    return name, titles, gender, toks, org


@lru_cache(maxsize=16384)
def _given_gender(name: str) -> str:
    """The gender of a name's first word as a given name ("" if unknown), memoised."""
    return (_TABLES or _load_tables())["given"].get(_name_tokens(name)[0][0], "")


def _load_tables() -> dict:
    _TABLES.update(tables())
    return _TABLES


def _after_space(text: str, sur: str) -> Iterator[int]:
    """The offsets ``i > 1`` of ``sur`` in ``text`` after a space, tab or no-break space (the
    name-run pattern starts there), in order, among the non-overlapping occurrences found
    left to right.

    A surname holds no whitespace, so an occurrence after a space never overlaps an earlier
    one: when the text has no tab or no-break space, searching for ``" " + sur`` visits
    exactly those occurrences, and skips the many inside words ("A" in "And")."""
    if sur and "\t" not in text and "\u00a0" not in text and sur.split() == [sur]:
        key = " " + sur
        find = text.find
        p = find(key, 1)
        while p >= 0:
            yield p + 1
            p = find(key, p + 1 + len(sur))
        return
    if not sur:
        return
    i = text.find(sur)
    while i >= 0:
        if i > 1 and text[i - 1] in " \t\u00a0":
            yield i
        i = text.find(sur, i + len(sur))


class Resolver:
    """Resolve speaker mentions to canonical names within one article."""

    __slots__ = ("_gender", "_last", "_names", "_rev", "_surnames", "history", "text")

    def __init__(self, text: str, rev: str | None = None):
        self.text = text
        self._rev = rev
        self._names: dict[str, tuple] = {}
        self._surnames: dict[str, str | None] | None = None
        # pos, name, kind, gender, titles (a set or a frozenset: see remember)
        self.history: list[tuple[int, str, str, str, AbstractSet[str]]] = []
        self._gender: dict[str, str] = {}
        self._last: dict[str, int] = {}     # name -> index of its latest history entry

    # -- surname -> full name, looked up on demand (one str.find loop per surname)
    def full_name(self, sur: str) -> str | None:
        """The first capitalised run "<Given> ... <sur>" in the article, titles stripped."""
        cache = self._surnames
        if cache is None:
            cache = self._surnames = {}
        if sur in cache:
            return cache[sur]
        t = _TABLES or _load_tables()
        text = self.text
        rev = self._rev or text[::-1]
        self._rev = rev
        n = len(text)
        pat = _name_run()
        found = None
        for i in _after_space(text, sur):
            j = i + len(sur)
            if j >= n or not (text[j].isalnum() or text[j] in "’'-"):
                m = pat.match(rev, n - i)
                if m is not None:
                    a = n - m.end("run")
                    toks = text[a:i].split()
                    k = len(toks)
                    while k > 0 and _given_like_cached(toks[k - 1]):
                        k -= 1
                    if k < len(toks):
                        found = " ".join(toks[k:] + [sur])
                        for w in toks[:k]:
                            g = t["gender"].get(w, "")
                            if g:
                                self._gender.setdefault(found, g)
                        break
        cache[sur] = found
        return found

    def resolve(self, mention: str, kind: str, pos: int,
                appositive: str | None = None) -> tuple[str | None, str]:
        """Canonical speaker and entity kind ('person', 'org', 'group', 'pronoun') of a mention."""
        t = _TABLES or _load_tables()
        if kind == "pron":
            low = mention.lower()
            if low in ("who", "which"):
                return None, "pronoun"
            g, num = t["pronouns"].get(low, ("", ""))
            history = self.history
            # (an index loop, newest first: mypyc 2.4.1 cannot compile reversed() here)
            for hi in range(len(history) - 1, -1, -1):
                _, name, k, gen, _titles = history[hi]
                if num == "pl":
                    if k in ("org", "group"):
                        return name, k
                    continue
                if k != "person":
                    if low == "it" and k == "org":
                        return name, k
                    continue
                if g and gen and gen != g:
                    continue
                if low in ("he", "she") and not gen:
                    self._set_gender(name, g)
                return name, k
            return None, "pronoun"
        if kind == "role":
            low = mention.lower()
            words = low.split()
            head = words[-1] if words else low
            if low.startswith("the ") and len(words) <= 3:
                history = self.history
                for hi in range(len(history) - 1, -1, -1):     # newest first
                    _, name, k, gen, titles = history[hi]
                    if k == "person" and head in titles:
                        return name, k
            g = t["gender"].get(head, "")
            k = "group" if head.endswith("s") and not head.endswith("ss") else "role"
            self.remember(pos, mention, k, g, {head})
            return mention, k
        # a capitalised name
        if appositive is None:
            hit = self._names.get(mention)
            if hit is not None:
                name, k, gender, titles = hit
                self.remember(pos, name, k, gender, titles)
                return name, k
        name, titles, gender, toks, org = _name_entry(mention)
        if appositive:
            roles = t["roles"]
            extra = {w.lower().rstrip(".,") for w in appositive.split()}
            titles = titles | {w for w in extra if w in roles or w.capitalize() in t["titles"]}
            if not gender:
                gender = next((t["gender"][w] for w in extra if w in t["gender"]), "")
        if org:
            self.remember(pos, name, "org", "", titles)
            self._names[mention] = (name, "org", "", titles)
            return name, "org"
        if len(toks) == 1 or (len(toks) == 2 and toks[0] in ("Mr.", "Mrs.", "Ms.", "Dr.")):
            sur = toks[-1]
            full = None
            history = self.history
            for hi in range(len(history) - 1, -1, -1):     # newest first
                h = history[hi]
                prev = h[1]
                # (the cheap substring test first: it rejects almost every entry)
                if sur in prev and h[2] == "person" and prev != sur and prev.split()[-1] == sur:
                    full = prev
                    break
            if full is None:
                full = self.full_name(sur)
            if full is not None:
                name = full
        gender = gender or self._gender.get(name, "") or _given_gender(name)
        self.remember(pos, name, "person", gender or "", titles)
        if len(toks) > 1:
            self._names[mention] = (name, "person", gender or "", titles)
        return name, "person"

    def _set_gender(self, name: str, g: str) -> None:
        self._gender[name] = g
        for i in range(len(self.history) - 1, -1, -1):
            pos, n, k, gen, titles = self.history[i]
            if n == name and not gen:
                self.history[i] = (pos, n, k, g, titles)

    def remember(self, pos: int, name: str, kind: str, gender: str,
                 titles: AbstractSet[str]) -> None:
        history = self.history
        if history and history[-1][1] == name:
            _, _, _, g0, t0 = history[-1]
            history[-1] = (pos, name, kind, gender or g0, t0 | titles)
            return
        last = self._last
        j = last.get(name)
        if j is not None:
            _, _, _k, g0, t0 = history[j]
            gender = gender or g0
            titles = titles | t0
        last[name] = len(history)
        history.append((pos, name, kind, gender, titles))
