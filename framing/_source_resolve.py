"""Private per-document machinery of :mod:`framing.sourcing`: one article's sources.

:func:`resolve_sources` turns the quote rows of one article into one record per source.
It is on the hot path (``sources`` + ``balance`` aim at 5,000 articles/s on one core), so
it reads only short windows of text around each mention of a source and caches every
analysis that depends on a string alone (a speaker name, a title phrase) across articles.
The rules are documented in :mod:`framing.sourcing`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ._source_attrs import (
    Evidence,
    Tables,
    analyse_phrase,
    given_names,
    left_phrase,
    people,
    people_by_surname,
    right_phrase,
)
from ._source_attrs import tables as _tables
from ._source_attrs import tokens as _tokens

__all__ = ["actor_lookup", "resolve_sources"]

_GENDERS = ("female", "male", "unknown")
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "we", "i", "you", "it",
                       "who", "which", "that", "whom", "one"})
_DETERMINERS = frozenset({"a", "an", "the", "some", "several", "two", "three", "many", "other",
                          "one", "most", "few", "various", "these", "those", "its", "their"})
_NAME_SUFFIX = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
_PARTY = {"R": ("Republican Party", "political"), "D": ("Democratic Party", "political"),
          "I": (None, None)}
#: the first pronoun after a mention (he, his, him, himself, she, her, hers, herself, He,
#: His, She, Her as whole words), or the end of its sentence, whichever comes first.  Every
#: alternative starts with a literal character, so the regex engine skips ahead to those
#: characters in C instead of trying the pattern at every position (2-3 times faster than
#: the equivalent "\b(he|his|...)\b|[.!?]...|\n"); "(?<!\wh)" after "h" is the "\b" before it.
_CTX = re.compile(r"h(?<!\wh)(?:e|is|im|imself|er|ers|erself)\b|s(?<!\ws)he\b"
                  r"|H(?<!\wH)(?:e|is|er)\b|S(?<!\wS)he\b"
                  r"|\.[\"”’)]?(?=\s+[\"“‘(]?[A-Z])|![\"”’)]?(?=\s+[\"“‘(]?[A-Z])"
                  r"|\?[\"”’)]?(?=\s+[\"“‘(]?[A-Z])|\n")
_CAP_WORD = re.compile(r"(?<![\w.])[A-Z][\w’'-]+")
_ORG_HINT = re.compile(r"campaign|Universit|College|Ministry|Department|Agency|Institut|"
                       r"Federation|Union|Association|Coalition|Alliance|Society|League|"
                       r"Foundation|Inc\.|Corp\.|Co\.|LLC|Ltd|Party")
_WORDS = re.compile(r"\w+(?:['’]\w+)*")
_CAP_TAIL = re.compile(r"[A-Z][\w’'-]*$")
_SUFFIX_STARTS = (" Jr", ", Jr", " Sr", ", Sr", " II", " IV")
_SUFFIX_AFTER = re.compile(r",? (?:Jr\.|Sr\.|II|III|IV)(?![\w])")
_CAP_WORD_FULL = re.compile(r"[A-Z][\w’'-]*")
_FIRST_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'-]+|[A-Z]\.)\s+(?:(?:[A-Z]\.|[a-z]{2,3})\s+)?$")
_PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "husband", "wife", "son", "daughter",
                           "brother", "sister", "mother", "father", "friend", "colleague",
                           "opponent", "rival", "mr", "mrs", "ms", "president"})
_APPOSITIVE_START = frozenset(",(—–-")
#: titles and appositives are read around the first mentions of a person (articles state
#: who someone is when they first appear); later mentions only count, and their honorific
#: is still checked for conflicts
_READ_MENTIONS = 3
#: heads of unnamed speaker phrases that are people (kept as unnamed sources)
_GROUP_NOUNS = frozenset(["people", "person", "man", "woman", "men", "women", "critics", "critic", "supporters", "supporter", "opponents", "opponent", "observers", "observer", "members", "member", "staff", "staffers", "staffer", "crowd", "americans", "citizens", "workers", "students", "parents", "fans", "donors", "conservatives", "liberals", "progressives", "evangelicals", "veterans", "families", "family", "friends", "friend", "neighbors", "neighbours", "colleagues", "allies", "others", "insiders", "leaders", "leader", "participants", "respondents", "attendees", "locals", "organizers", "authorities", "rebels", "fighters", "militants", "soldiers"])
#: heads of speaker phrases that are institutions speaking as a body
_INSTITUTION_NOUNS = frozenset(["campaign", "committee", "company", "firm", "group", "government", "administration", "ministry", "department", "agency", "office", "party", "newspaper", "paper", "network", "channel", "magazine", "outlet", "station", "union", "council", "court", "board", "organization", "organisation", "association", "coalition", "alliance", "foundation", "institute", "university", "school", "church", "army", "military", "police", "regime", "kremlin", "embassy", "parliament", "congress", "senate", "house", "team", "club", "league", "bank", "corporation", "forces", "troops", "center", "centre", "commission", "bureau", "service", "agency"])
#: function words that, capitalised at the start of a sentence, are not a first name
#: ("Beyond Trump, ...")
_FUNCTION_WORDS = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around",
    "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
    "by", "despite", "during", "except", "for", "from", "inside", "into", "like", "near",
    "of", "off", "onto", "outside", "over", "past", "per", "than", "through",
    "throughout", "toward", "towards", "under", "unlike", "until", "upon", "versus", "via",
    "with", "within", "without", "unless", "whether", "where", "why", "how", "what",
    "whatever", "whoever", "once", "thus", "hence", "however", "perhaps", "maybe", "not",
    "only", "just", "even", "every", "each", "all", "both", "either", "neither", "no",
    "such", "this", "that", "these", "those", "his", "her", "our", "my", "your", "their",
    "sure", "yes", "ask", "asked", "let", "thank", "thanks", "dear", "go", "vote",
})
_HEAD_STOP = frozenset({"of", "in", "at", "for", "from", "on", "with", "to", "who", "that",
                        "which", "and", "or"})


#: abbreviated titles, so that "the senator" finds "Sen. Ted Cruz"
_TITLE_ABBREV = {"sen.": "senator", "rep.": "representative", "gov.": "governor",
                 "gen.": "general", "adm.": "admiral", "col.": "colonel", "lt.": "lieutenant",
                 "capt.": "captain", "sgt.": "sergeant", "prof.": "professor", "dr.": "doctor"}


def _canon_title(title: str) -> str:
    hit = _CANON_TITLES.get(title)
    if hit is None:
        words = title.lower().split()
        hit = " ".join(_TITLE_ABBREV.get(w, w) for w in words)
        if len(_CANON_TITLES) > 50_000:
            _CANON_TITLES.clear()
        _CANON_TITLES[title] = hit
    return hit


_CANON_TITLES: dict[str, str] = {}


def _pre_head_words(phrase: str) -> list[str]:
    """The lower-cased words of a noun phrase up to its head (before "of", "in", "who" ...);
    the last one is the head noun."""
    out: list[str] = []
    for w in phrase.split():
        lw = w.lower().strip(".,;:!?\"“”'’")
        if lw.endswith(("’s", "'s")):
            lw = lw[:-2]
        if lw in _HEAD_STOP and out:
            break
        if lw:
            out.append(lw)
    return out
_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}


# ----------------------------------------------------------------------------- actor map

def actor_lookup(actors, load) -> dict[str, dict]:
    """The alias -> record lookup of a user actor map (``load`` reads any accepted form)."""
    if actors is None:
        return {}
    if isinstance(actors, dict) and all(isinstance(v, dict) and "name" in v
                                        for v in actors.values()) and \
            all(k == k.lower() for k in actors):
        return actors                       # already a lookup
    import pandas as pd

    frame = actors if isinstance(actors, pd.DataFrame) and "aliases" in actors else load(actors)
    look: dict[str, dict] = {}
    for rec in frame.to_dict("records"):
        # a field some entries leave empty is NaN in the frame: missing, not a value
        rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
        for alias in [rec["name"], *(rec.get("aliases") or [])]:
            look[str(alias).lower()] = rec
    return look


# ----------------------------------------------------------------------------- caches

class _Cache:
    """Per-:class:`Tables` caches of the string-only analyses (names, title phrases)."""

    __slots__ = ("first_name_rx", "honorific_last", "kind", "org_tails", "strip", "surnames",
                 "t", "titled")

    def __init__(self, t: Tables):
        self.t = t
        self.kind: dict[str, tuple] = {}
        self.strip: dict[str, tuple[str, str, Evidence | None]] = {}
        self.surnames: dict[str, tuple[str, ...]] = {}
        self.first_name_rx: dict[str, Any] = {}
        self.titled: dict[str, tuple[str, str, bool]] = {}
        self.org_tails: dict[str, list] = {}
        self.honorific_last = frozenset(h[-1] for h in t.honorifics if h)

    def trim(self) -> None:
        for d in (self.kind, self.strip, self.surnames, self.titled, self.org_tails):
            if len(d) > 50_000:
                d.clear()


_CACHES: dict[int, _Cache] = {}


def _cache(t: Tables) -> _Cache:
    c = _CACHES.get(id(t))
    if c is None or c.t is not t:
        c = _CACHES[id(t)] = _Cache(t)
    c.trim()
    return c


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


def _stripped(c: _Cache, name: str) -> tuple[str, str, Evidence | None]:
    """(prefix, core, analysis of the prefix) of a speaker name, cached."""
    hit = c.strip.get(name)
    if hit is None:
        prefix, core = _strip_name(name, c.t)
        hit = c.strip[name] = (prefix, core, analyse_phrase(prefix, c.t) if prefix else None)
    return hit


def _is_institution(name: str, t: Tables) -> tuple[str | None, str | None, str | None]:
    """(organization, role, country) when ``name`` is a country, capital or organisation."""
    key = tuple(_tokens(name))
    key2 = key[1:] if key and key[0] in ("the", "The") else key
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


_WEEKDAY_TAIL = re.compile(
    r"\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|today|yesterday|tonight)(?:\s+(?:morning|afternoon|evening|night))?$")
_LEAD_DROP = frozenset({"as", "in", "when", "but", "and", "or", "so", "while", "after",
                        "before", "since", "because", "if", "though", "although", "also",
                        "then", "now", "meanwhile", "still", "yet", "even", "according",
                        "to", "for", "with", "at", "on", "by", "from", "like", "said",
                        "says", "say", "told", "added", "here", "there", "instead",
                        "indeed"})
_NAME_PARTICLES = frozenset({"al", "al-", "bin", "ibn", "de", "del", "der", "den", "van", "von",
                             "la", "le", "da", "du", "di", "dos", "el", "el-", "y", "ben",
                             "abu", "st."})


def _clean_name(name: str, t: Tables) -> str:
    """Trim what the quotes stage may glue to a speaker: a sentence before it ("Obama.
    Trump"), an opening word ("As", "In"), a time after it ("Machado on Friday")."""
    name = name.strip()
    # a sentence break inside: keep the last sentence ("Obama. Trump" -> "Trump")
    if ". " in name:
        parts = name.split(". ")
        keep = [parts[0]]
        for p in parts[1:]:
            prev_word = keep[-1].split()[-1] if keep[-1].split() else ""
            lw = prev_word.lower() + "."
            if len(prev_word) <= 1 or lw in t.abbreviations or prev_word in t.honorifics \
                    or prev_word + "." in t.honorifics:
                keep[-1] = keep[-1] + ". " + p            # an initial or abbreviation
            else:
                keep.append(p)
        name = keep[-1].strip()
    name = _WEEKDAY_TAIL.sub("", name)
    if name.endswith(("’s", "'s")) and len(name) > 3:
        name = name[:-2]                                  # "Donald Trump’s"
    elif name.endswith(("’", "'")):
        name = name[:-1]
    toks = name.split()
    while len(toks) > 1 and toks[0].lower() in _LEAD_DROP:
        toks = toks[1:]
    if toks and toks[-1].endswith(".") and len(toks[-1]) > 3 and \
            toks[-1] not in _NAME_SUFFIX and toks[-1].lower() not in t.abbreviations:
        toks[-1] = toks[-1][:-1]                          # "James O’Neill."
    return " ".join(toks).strip(" ,;:")


_PLACE_AFTER_OF = re.compile(r"(?:the\s+)?((?:[A-Z][\w.’'-]*\s?){1,3})")


def _of_place(text: str, pos: int, t: Tables) -> Evidence | None:
    """Country evidence from "of <Place>" right after a name ("... of Tennessee")."""
    m = _PLACE_AFTER_OF.match(text, pos, pos + 60)
    if not m:
        return None
    toks = _tokens(m.group(1))
    for n in range(min(len(toks), t.place_len), 0, -1):
        country = t.places.get(tuple(toks[:n])) or t.cities.get(tuple(toks[:n]))
        if country is not None:
            return Evidence(country=country)
    return None


def _plural_demonym(word: str, t: Tables) -> str | None:
    """The country of a plural nationality noun ("Mexicans", "Syrians"), else None."""
    if len(word) > 3 and word.endswith("s") and word[:1].isupper():
        return t.places.get((word[:-1],))
    return None


def _looks_like_name(toks: list[str]) -> bool:
    """Every word is capitalised (or a name particle, an initial, a suffix)."""
    for w in toks:
        if w[:1].isupper() or w.lower() in _NAME_PARTICLES or w in _NAME_SUFFIX:
            continue
        if w[:3].lower() in ("al-", "el-") or w[:2].lower() in ("d’", "d'"):
            continue
        return False
    return True


def _classify(c: _Cache, raw: str) -> tuple:
    """What a speaker name is: ("pronoun", g) | ("institution", key, ev, titled, name)
    | ("titled", name) | ("person", name); ``name`` is the cleaned name."""
    hit = c.kind.get(raw)
    if hit is not None:
        return hit
    t = c.t
    name = _clean_name(raw, t)
    low = name.lower()
    if not name:
        hit = ("pronoun", None)
    elif low in _PRONOUNS:
        hit = ("pronoun", _PRONOUN_GENDER.get(low))
    else:
        org, role, country = _is_institution(name, t)
        toks = name.split()
        titled = toks[0].lower() in _DETERMINERS or toks[0][:1].islower() or \
            toks[-1].lower() in t.title_words or not _looks_like_name(toks) or \
            _plural_demonym(toks[-1], t) is not None or "and" in toks or "&" in toks
        if titled and len(toks) > 1 and toks[0] in t.honorifics and \
                _looks_like_name(toks) and "and" not in toks:
            titled = False                              # "Mr. King" is a person
        if role is None and toks[-1].lower() in _INSTITUTION_NOUNS and \
                toks[-1].lower() not in t.title_words:
            org, role = name, "unknown"        # "National Committee", "Smith campaign"
        if role is not None:
            key = name[4:] if name.startswith(("The ", "the ")) else name
            hit = ("institution", key, Evidence(organization=org, org_role=role,
                                                org_country=country or None), titled, name)
        elif titled:
            hit = ("titled", name)
        else:
            hit = ("person", name)
    c.kind[raw] = hit
    return hit


def _surnames(c: _Cache, name: str) -> tuple[str, ...]:
    hit = c.surnames.get(name)
    if hit is not None:
        return hit
    toks = [w for w in name.split() if w not in _NAME_SUFFIX]
    out: list[str] = []
    if toks:
        last = toks[-1]
        out.append(last)
        low = last.lower()
        for pre in ("al-", "el-", "bin-"):
            if low.startswith(pre) and len(last) > len(pre) + 1:
                out.append(last[len(pre)].upper() + last[len(pre) + 1:])
    hit = c.surnames[name] = tuple(out)
    return hit


# ----------------------------------------------------------------------------- sources

class _Source:
    __slots__ = (
        "affiliated",
        "ends",
        "evidence",
        "first",
        "gender_votes",
        "kind",
        "name",
        "possessor",
        "quotes",
        "spans",
        "unnamed_phrase",
    )

    def __init__(self, name: str, kind: str):
        self.name = name
        self.kind = kind                    # person | unnamed | institution
        self.quotes: list[dict] = []
        self.evidence: list[Evidence] = []
        self.spans: set[tuple[int, int]] = set()
        self.gender_votes: dict[str, set[str]] = {}
        self.possessor: str | None = None
        self.affiliated: _Source | None = None
        self.unnamed_phrase: str | None = None
        self.first: Any = 10**12            # the smallest "start" of its quotes
        self.ends: list[int] = []           # ends of the non-possessive name mentions


def _vote(src: _Source, level: str, gender: str | None) -> None:
    if gender == "male" or gender == "female":
        votes = src.gender_votes.get(level)
        if votes is None:
            src.gender_votes[level] = {gender}
        else:
            votes.add(gender)


def _add_span(src: _Source, q: dict) -> None:
    ss, se = q.get("speaker_start"), q.get("speaker_end")
    if ss is None or se is None:
        return
    ss, se = int(ss), int(se)
    spans = src.spans
    if (ss, se) in spans:       # the usual case, a quote of a mention already counted
        return
    for s, e in spans:
        if s < se and ss < e:
            return
    spans.add((ss, se))


_OPENERS: frozenset[str] | None = None


def _openers() -> frozenset[str]:
    global _OPENERS
    if _OPENERS is None:
        from .text import _sentence_openers

        _OPENERS = _sentence_openers()
    return _OPENERS


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"“‘(":
        k -= 1
    return k < 0 or text[k] in ".!?\n”\""


def _name_parts(name: str) -> tuple[str, int, str] | None:
    """(first part + " ", its length, first word) of a person's name, cached."""
    cached = _NAME_PARTS.get(name, 0)
    if not isinstance(cached, int):     # (0: not cached yet; a cached value is a tuple or None)
        return cached
    toks = [w for w in name.split() if w not in _NAME_SUFFIX]
    hit: tuple[str, int, str] | None
    if not toks:
        hit = None
    else:
        first_part = " ".join(toks[:-1])
        fp_space = first_part + " " if first_part else ""
        hit = (fp_space, len(fp_space), toks[0])
    if len(_NAME_PARTS) > 50_000:
        _NAME_PARTS.clear()
    _NAME_PARTS[name] = hit
    return hit


_NAME_PARTS: dict[str, tuple[str, int, str] | None] = {}


def _positions(text: str, word: str, occ: dict | None) -> list[int]:
    """Start offsets of ``word`` in ``text`` (successive ``str.find``, not overlapping),
    memoised per document in ``occ``: a surname is looked up by several rules."""
    hit: list[int] | None = occ.get(word) if occ is not None else None
    if hit is None:
        hit = []
        ls = len(word)
        if ls:
            i = text.find(word)
            while i != -1:
                hit.append(i)
                i = text.find(word, i + ls)
        if occ is not None:
            occ[word] = hit
    return hit


_KEEP, _DROP, _DROP_UNLESS_INITIAL = 0, 1, 2


def _prev_word_verdict(prev: str, other_first: set[str], lead: str, t: Tables) -> int:
    """Whether the word right before a surname makes it another person's name: another
    first name of the article, or any capitalised word that is not this person's first
    name, an honorific, a title, a place or an organisation (a sentence opener only
    when it does not open the sentence)."""
    if not (prev[:1].isupper() and _CAP_WORD_FULL.fullmatch(prev)):
        return _KEEP
    if prev in other_first:
        return _DROP
    if prev == lead:
        return _KEEP
    low = prev.lower()
    if prev in t.honorifics or low in t.title_words or (prev,) in t.places or \
            (prev,) in t.orgs:
        return _KEEP
    return _DROP_UNLESS_INITIAL if low in _openers() else _DROP


def _name_mentions(text: str, name: str, surnames: tuple[str, ...], t: Tables,
                   other_first: set[str], occ: dict | None = None
                   ) -> list[tuple[int, int, bool]]:
    """(start, end, possessive) of every mention of a person source's name."""
    parts = _name_parts(name)
    if parts is None:
        return []
    fp_space, lfp, lead = parts
    n = len(text)
    out: list[tuple[int, int, bool]] = []
    verdicts: dict[str, int] = {}           # capitalised word before a mention -> verdict
    for sur in surnames:
        ls = len(sur)
        after = 0                   # the end of the last mention (with its suffix)
        for i in _positions(text, sur, occ):
            if i < after:
                continue
            j = i + ls
            if i:
                cb = text[i - 1]
                if cb.isalnum() or cb == "-":
                    continue
            if j < n and text[j].isalnum():
                continue
            start = i
            ok = True
            # (text.endswith(fp_space, 0, i), as a native find: fp_space ends with " ")
            if lfp and i >= lfp and ord(text[i - 1]) == 32 and \
                    text.find(fp_space, i - lfp, i) != -1:
                start = i - lfp
            elif i > 1 and cb == " " and (text[i - 2].isalnum() or text[i - 2] in "’'-"):
                # the capitalised word just before: another first name ("Bill Clinton")?
                k = text.rfind(" ", max(0, i - 40), i - 1)
                prev = text[k + 1:i - 1]
                verdict = verdicts.get(prev)
                if verdict is None:
                    verdict = verdicts[prev] = _prev_word_verdict(prev, other_first, lead, t)
                if verdict == _DROP or (verdict == _DROP_UNLESS_INITIAL and
                                        not _sentence_initial(text, i - 1 - len(prev))):
                    # "Bill Clinton" is not "Hillary Clinton", nor a bare "Clinton"
                    # that rule 1 could not tie to one full name
                    ok = False
            if ok:
                # (every suffix start is ",", " ", then "J", "S" or "I": native checks first)
                k_sp = j + 1 if j < n and ord(text[j]) == 44 else j
                if k_sp + 1 < n and ord(text[k_sp]) == 32 and text[k_sp + 1] in "JSI" and \
                        text.startswith(_SUFFIX_STARTS, j):
                    m_suf = _SUFFIX_AFTER.match(text, j, j + 6)
                    if m_suf:
                        j = m_suf.end()              # "Vann R. Newkirk II, a writer"
                poss = j < n and text[j] in "’'" and (j + 1 >= n or text[j + 1] in "s "
                                                      or not text[j + 1].isalnum())
                out.append((start, j, poss))
                after = j
    return out


def _context_gender(text: str, end: int, t: Tables, blockers: frozenset) -> str | None:
    m = _CTX.search(text, end)
    if not m or m.group()[0] not in "hHsS":
        return None                                # the end of the sentence comes first
    between = text[end:m.start()]
    if "“" in between or '"' in between or "‘" in between:
        return None                                # the pronoun is inside a quotation
    for w in _CAP_WORD.findall(between):
        if (w,) in t.places or (w,) in t.orgs or w == "I":
            continue
        return None                                # another name may be the antecedent
    for w in _WORDS.findall(between.lower()):
        if w in t.title_words or w in _PERSON_NOUNS or w in blockers:
            return None
    return t.pronouns.get(m.group().lower())


def _merge_surnames(c: _Cache, text: str, persons: dict[str, _Source],
                    ppl: dict | None = None, fnames: dict | None = None,
                    date: str | None = None, fn_cache: dict | None = None,
                    occ: dict | None = None) -> None:
    """Rule 1: a bare surname joins the one full name it ends.

    When the article names two people with that surname ("Hillary Clinton", "Bill
    Clinton"), the bare surname joins the one whose known gender matches what the text
    says of it ("Mrs. Clinton", "she"); without such evidence it stays a bare surname.
    """
    singles = [k for k in persons if " " not in k]
    for k in singles:
        src = persons[k]
        g = _text_gender(src)[0]
        gender = None if g == "unknown" else g
        in_text = _full_names_in_text(text, k, c.t, fn_cache, occ)
        cands = list(dict.fromkeys(
            [nm for nm in persons if nm != k and " " in nm and k in _surnames(c, nm)]
            + in_text))
        if not cands:
            # a bare given name, or a family name written first ("Mr. Ban" of "Ban
            # Ki-moon"), joins the one full name of the article that begins with it
            firsts = [nm for nm in persons if " " in nm and nm.split()[0] == k]
            if len(firsts) == 1:
                cands = firsts
        if gender is None and (len(cands) > 1 or not cands):
            # what the text says before the other rules read it: "Mr. Obama", "Mrs.
            # Clinton", or a pronoun right after the speaker ("Clinton ... her book")
            gender = _early_gender(c.t, text, k, src, persons, occ)
        if len(cands) > 1:
            if gender is None:
                continue                        # ambiguous: keep the bare surname
            cands = [nm for nm in cands if _known_gender(nm, ppl, fnames) == gender]
            if len(cands) != 1:
                continue
        elif len(cands) == 1 and gender is not None:
            kg = _known_gender(cands[0], ppl, fnames)
            if kg is not None and kg != gender:
                continue                        # "Mr. Obama" is not "Michelle Obama"
        if not cands:
            # a well-known person the text names by surname only, picked out by the gender
            # the text gives ("Mr. Obama" -> Barack Obama, not Michelle Obama)
            if ppl:
                recs = people_by_surname().get(k, ())
                if gender is not None:
                    recs = [r for r in recs if r["gender"] == gender]
                elif len(recs) > 1:
                    # or by the role its title gives ("President Obama": not Michelle Obama)
                    role = _attributes(src)["role"]
                    recs = [r for r in recs if role not in ("unknown", "inherit")
                            and _people_role(r, date) == role] if date else []
                else:
                    recs = []
                if len(recs) == 1:
                    cands = [recs[0]["name"]]
            if not cands:
                if _common_word(text, k):
                    del persons[k]  # "Video shows", "Promise ...": a word, not a name
                continue
        full = cands[0]
        tgt = persons.get(full)
        if tgt is not None:
            tgt.quotes.extend(src.quotes)
            tgt.evidence.extend(src.evidence)
            for lv, gs in src.gender_votes.items():
                tgt.gender_votes.setdefault(lv, set()).update(gs)
        else:
            src.name = full
            persons[full] = src
        del persons[k]


_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ")


def _early_gender(t: Tables, text: str, k: str, src: _Source,
                  persons: dict[str, _Source], occ: dict | None = None) -> str | None:
    """The gender the text gives a bare surname: an honorific before it, else a pronoun
    after its speaker mentions (the weak "context" rule); None when unknown or mixed."""
    found: set[str] = set()
    n = len(text)
    lk = len(k)
    for i in _positions(text, k, occ):
        j = i + lk
        # (a match must end at i, so text[i - 1] is the honorific's space)
        if i > 2 and text[i - 1] == " " and (j >= n or not text[j].isalnum()):
            m = _HONORIFIC_BEFORE.search(text, max(0, i - 6), i)
            if m is not None and m.end() == i:
                g = t.honorifics.get(m.group(1)) or t.honorifics.get(m.group(1) + ".")
                if g:
                    found.add(g)
    if not found:
        blockers = frozenset(w.lower() for nm in persons if nm != k for w in nm.split())
        for q in src.quotes:
            e = q.get("speaker_end")
            if e is not None and (q.get("speaker_mention") or "").endswith(k):
                g = _context_gender(text, int(e), t, blockers)
                if g:
                    found.add(g)
    return found.pop() if len(found) == 1 else None


def _known_gender(name: str, ppl: dict | None, fnames: dict | None) -> str | None:
    rec = ppl.get(name.lower()) if ppl else None
    if rec is not None and rec["gender"]:
        return rec["gender"]
    if fnames:
        return fnames.get(name.split()[0])
    return None


def _full_names_in_text(text: str, surname: str, t: Tables, cache: dict | None = None,
                        occ: dict | None = None) -> list[str]:
    """Every distinct "First [M.] Surname" in the text, in order ("Ashton Carter")."""
    if cache is not None:
        hit = cache.get(surname)
        if hit is not None:
            return hit
    ls = len(surname)
    n = len(text)
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    openers = _openers()
    honor = t.honorifics
    title_words = t.title_words
    places = t.places
    orgs = t.orgs
    for i in _positions(text, surname, occ):
        j = i + ls
        if i > 2 and text[i - 1] == " ":
            c2 = text[i - 2]
            if (c2.isalpha() or c2 == ".") and \
                    (j >= n or not (text[j].isalnum() or text[j] == "_")):
                if c2 == ".":
                    ok = text[i - 3].isupper()
                else:
                    lo = max(0, i - 30)
                    ok = text[max(text.rfind(" ", lo, i - 1),
                                  text.rfind("\n", lo, i - 1)) + 1].isupper()
                if ok:
                    words = text[max(0, i - 40):i - 1].rsplit(None, 2)
                    first = words[-1] if words else ""
                    middle = ""
                    if len(first) == 2 and first[1] == "." and first[0].isupper() and \
                            len(words) > 1 and text[i - 4:i - 3].isspace():
                        middle, first = first, words[-2]             # "John F. Kennedy"
                    if (first, middle) in seen:
                        continue                    # the same words as an earlier mention
                    seen.add((first, middle))
                    if len(first) >= 2 and first[0].isupper() and first[-1].isalpha() and \
                            _CAP_WORD_FULL.fullmatch(first):
                        lf = first.lower()
                        if not (first in honor or lf in title_words or (first,) in places
                                or (first,) in orgs or lf in _DETERMINERS or first in openers
                                or lf in _LEAD_DROP or lf in _FUNCTION_WORDS):
                            full = f"{first} {middle} {surname}" if middle else \
                                f"{first} {surname}"
                            if full not in out:
                                out.append(full)
    if cache is not None:
        cache[surname] = out
    return out


def _common_word(text: str, word: str) -> bool:
    """``word`` is an ordinary word: a sentence opener, found in lower case in ``text``, or
    an adverb ("Recently, ...": ends in -ly and only ever opens a sentence before a comma)."""
    low = word.lower()
    if low in _openers() or word in _openers() or low.endswith(("n't", "n’t")):
        return True
    if low.endswith("ly") and len(low) > 5:
        i = text.find(word)
        adverb = i != -1
        while i != -1 and adverb:
            j = i + len(word)
            adverb = text.startswith(",", j) and _sentence_initial(text, i)
            i = text.find(word, j)
        if adverb:
            return True
    n = len(text)
    i = text.find(low)
    while i != -1:
        j = i + len(low)
        if (i == 0 or not text[i - 1].isalnum()) and (j >= n or not text[j].isalnum()):
            return True
        i = text.find(low, j)
    return False


_LEVELS = ("honorific", "title", "pronoun", "context")


def _text_gender(src: _Source) -> tuple[str, str | None]:
    """(gender, level) from the text; ("unknown", "conflict") when the evidence disagrees."""
    by_level = src.gender_votes
    ev_honorific = ev_title = None        # genders the phrases give, by their source
    for e in src.evidence:
        g = e.gender
        if g:
            if e.gender_source == "honorific":
                ev_honorific = {g} if ev_honorific is None else ev_honorific | {g}
            elif e.gender_source == "title":
                ev_title = {g} if ev_title is None else ev_title | {g}
    if not by_level and ev_honorific is None and ev_title is None:
        return "unknown", None
    for lv in _LEVELS:
        votes = by_level.get(lv)
        extra = ev_honorific if lv == "honorific" else ev_title if lv == "title" else None
        if extra is not None:
            votes = votes | extra if votes else extra
        if votes:
            if len(votes) == 1:
                return next(iter(votes)), lv
            return "unknown", "conflict"
    return "unknown", None


def _has_strong_gender(src: _Source) -> bool:
    if "honorific" in src.gender_votes or "title" in src.gender_votes or \
            "pronoun" in src.gender_votes:
        return True
    return any(e.gender for e in src.evidence)


# ----------------------------------------------------------------------------- attributes

def _people_role(rec: dict, date) -> str | None:
    periods = rec.get("periods")
    if not periods:
        return rec.get("role") or None
    if date is None:
        return None
    role = rec.get("role") or None
    for since, r in periods:
        if date >= since:
            role = r or None
        else:
            break
    return role


def _date_key(date) -> str | None:
    if date is None:
        return None
    s = str(date)[:10]                   # a date, a Timestamp or "YYYY-MM-DD..."; NaT -> "NaT"
    return s if len(s) == 10 and s[4] == "-" and s[7] == "-" else None


def _attributes(src: _Source) -> dict[str, Any]:
    """What the text says of a source (role, organisation, country, gender)."""
    if not src.evidence and not src.gender_votes and src.kind != "institution":
        return {"name": src.name, "role": "unknown", "organization": None,
                "country": "unknown", "gender": "unknown", "gender_source": None,
                "role_source": None, "country_source": None, "side": None,
                "affiliated_with": None, "title": None}
    # one pass over the evidence (a much-quoted person gathers a long list): the first
    # current title, current organisation, title or organisation, organisation, country
    # and organisation country among the phrases that name a title, organisation or country
    cur_title = cur_org = any_to = None
    first_org = first_country = first_org_country = None
    for e in src.evidence:
        if not (e.title or e.organization or e.country):
            continue
        if any_to is None and (e.title or e.organization):
            any_to = e
        if not e.former:
            if cur_title is None and e.title:
                cur_title = e
            if cur_org is None and e.organization:
                cur_org = e
        if first_org is None and e.organization:
            first_org = e.organization
        if first_country is None and e.country:
            first_country = e.country
        if first_org_country is None and e.org_country:
            first_org_country = e.org_country
        if cur_title is not None and first_country is not None and \
                first_org_country is not None and first_org is not None:
            break        # (cur_title set implies any_to set; cur_org is then not needed)
    # a current title first ("Sen." over a party parenthetical), then an organisation, then a
    # former title ("Former President Bill Clinton")
    chosen = cur_title or cur_org or any_to
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
            not (src.unnamed_phrase or "").lower().startswith("the ") and \
            not src.possessor and not any(e.possessor for e in src.evidence):
        role = chosen.unnamed_role
    elif src.kind == "unnamed" and chosen is None:
        role = "unknown"
    organization = None
    if chosen is not None and chosen.organization:
        organization = chosen.organization
    else:
        organization = first_org
    country = first_country
    if country is None:
        if chosen is not None and chosen.org_country:
            country = chosen.org_country
        else:
            country = first_org_country
    role_src = "text" if role not in ("unknown", "inherit") else None
    if role_src and chosen is not None and chosen.former:
        role_src = "text_former"       # a past role: the people table may say the current one
    country_src = "text" if country else None
    country = country or "unknown"
    if src.kind == "institution" and src.evidence:
        e0 = src.evidence[0]
        role = e0.org_role or "unknown"
        organization = e0.organization
        country = e0.org_country or "unknown"
        role_src = "text" if role != "unknown" else None
        country_src = "text" if country != "unknown" else None
    if src.kind == "institution":
        gender, gsrc = "unknown", None
    else:
        gender, gsrc = _text_gender(src)
        if gsrc == "conflict":
            gsrc = None
    return {"name": src.name, "role": role, "organization": organization, "country": country,
            "gender": gender, "gender_source": gsrc, "role_source": role_src,
            "country_source": country_src, "side": None, "affiliated_with": None,
            "title": title}


def _fill(a: dict, src: _Source, look: dict, ppl: dict | None, first_names: dict | None,
          date: str | None) -> None:
    """Complete the text's attributes: people table, then first names, then the actor map."""
    if src.kind == "person" and ppl:
        rec = ppl.get(src.name.lower())
        if rec is not None:
            if a["gender"] == "unknown" and rec["gender"]:
                a["gender"], a["gender_source"] = rec["gender"], "people_table"
            prole = _people_role(rec, date)
            if (a["role"] in ("unknown", "inherit") or a["role_source"] == "text_former") \
                    and prole:
                a["role"], a["role_source"] = prole, "people_table"
            if a["country"] == "unknown" and rec["country"]:
                a["country"], a["country_source"] = rec["country"], "people_table"
            if a["organization"] is None and rec["organization"]:
                a["organization"] = rec["organization"]
    if src.kind == "person" and first_names and a["gender"] == "unknown" and " " in src.name:
        g = first_names.get(src.name.split()[0])
        if g:
            a["gender"], a["gender_source"] = g, "first_name"
    rec = look.get(src.name.lower()) if look else None
    if rec is not None:
        if rec.get("role"):
            a["role"], a["role_source"] = rec["role"], "actor_map"
        if rec.get("country"):
            a["country"], a["country_source"] = rec["country"], "actor_map"
        if rec.get("organization"):
            a["organization"] = rec["organization"]
        if rec.get("gender"):
            a["gender"], a["gender_source"] = rec["gender"], "actor_map"
        a["side"] = rec.get("side")
        a["name"] = rec["name"]


# ----------------------------------------------------------------------------- the pass

def resolve_sources(
    text: str,
    quote_rows: Iterable[dict] | None = None,
    *,
    segments=None,
    tables: Tables | None = None,
    actors=None,
    people: object = True,            # (read for truth: 1, numpy.True_ ... are accepted)
    use_first_names: object = False,
    date=None,
    _load_actor_map=None,
) -> list[dict]:
    """See :func:`framing.sourcing.resolve_sources`."""
    del segments
    t = tables or _tables()
    c = _cache(t)
    look = actor_lookup(actors, _load_actor_map) if actors is not None else {}
    ppl = _people_lookup() if people else None
    fnames = given_names() if use_first_names else None
    dkey = _date_key(date)
    rows = [q for q in (quote_rows or ()) if q.get("kind") != "scare"]
    rows.sort(key=lambda q: q.get("start") or 0)
    persons: dict[str, _Source] = {}
    others: dict[str, _Source] = {}
    pending_pronouns: list[dict] = []
    titled: list[tuple[dict, str]] = []
    pronoun_gender = t.pronouns
    ambiguous: dict[str, bool] = {}
    fn_cache: dict[str, list[str]] = {}
    c_kind, c_strip = c.kind, c.strip
    occ: dict[str, list[int]] = {}          # word -> its offsets in the text

    # a headline (a short first line followed by a blank line): a "name" the quotes stage
    # found there that the body never mentions is a fragment of the headline ("Stealth Over
    # Health: ..."), not a source
    nl = text.find("\n")
    head_end = nl if 0 < nl < 200 and text.startswith("\n\n", nl) else -1
    headline_only: dict[str, bool] = {}
    org_tails: dict[str, Any] = {}

    for q in rows:
        spk_raw = q.get("speaker")
        men_raw = q.get("speaker_mention")
        spk: str = spk_raw.strip() if spk_raw else ""      # (typed: native str ops compiled)
        men: str = men_raw.strip() if men_raw else ""
        name = spk or men
        if not name:
            continue
        if spk and men and spk != men and " " not in men and spk.endswith(" " + men):
            # the quotes stage resolved a bare surname to a full name; when the article
            # names two people with that surname, rule 1 decides instead
            amb = ambiguous.get(men)
            if amb is None:
                amb = ambiguous[men] = len(_full_names_in_text(text, men, t, fn_cache,
                                                               occ)) > 1
            if amb:
                name = men
        if name == spk and head_end > 0 and men and spk != men and \
                (q.get("speaker_start") or 0) > head_end:
            # a canonical speaker the text holds only in its headline ("... Hit Piece
            # Exploits Trump") is headline words glued to a name: the body mention decides
            hl = headline_only.get(spk)
            if hl is None:
                # (an occurrence starting in the headline; the body is not scanned for it)
                hl = headline_only[spk] = \
                    text.find(spk, 0, head_end - 1 + len(spk)) != -1 and \
                    text.find(spk, head_end) == -1
            if hl:
                name = men
        kind = c_kind.get(name) or _classify(c, name)     # (the cache, without a call)
        k0: str = kind[0]
        if k0 == "pronoun":
            if kind[1] is not None:
                pending_pronouns.append(q)
            continue
        name = kind[-1] if k0 != "pronoun" else name
        if k0 == "institution":
            if not (look and name.lower() in look):
                key: str = kind[1]
                src = others.get("i:" + key.lower())
                if src is None:
                    src = others["i:" + key.lower()] = _Source(key, "institution")
                src.evidence.append(kind[2])
                src.quotes.append(q)
                _add_span(src, q)
                continue
            if kind[3]:
                titled.append((q, name))
                continue
        elif k0 == "titled" and not (ppl and name.lower() in ppl):
            titled.append((q, name))        # (people of the table: "Howard Dean")
            continue
        _, core, pev = c_strip.get(name) or _stripped(c, name)
        if head_end > 0 and (q.get("speaker_start") or 0) < head_end and \
                text.find(core if core.count(" ") > 1 else core.split()[-1],
                          head_end) == -1:
            continue
        src = persons.get(core)
        if src is None:
            org = org_tails.get(core, 0)
            if org == 0:
                org = org_tails[core] = _truncated_org(text, core, t, c.org_tails)
            if org is not None:
                # "Times" of "a New York Times article": a truncated organisation name
                key = org["name"]
                src = others.get("i:" + key.lower())
                if src is None:
                    src = others["i:" + key.lower()] = _Source(key, "institution")
                src.evidence.append(Evidence(organization=key, org_role=org["role"],
                                             org_country=org["country"] or None))
                src.quotes.append(q)
                _add_span(src, q)
                continue
            src = persons[core] = _Source(core, "person")
        if pev is not None:
            src.evidence.append(pev)
        if men:
            g = pronoun_gender.get(men.lower())
            if g is not None:
                _vote(src, "pronoun", g)
            else:
                _, _, ev2 = c_strip.get(men) or _stripped(c, men)
                if ev2 is not None:
                    src.evidence.append(ev2)
        src.quotes.append(q)

    # a particle capitalised at the start of a sentence ("De Blasio says") is the same
    # name as the article's "Bill de Blasio"
    for k in [k for k in persons if k.split()[0].lower() in _NAME_PARTICLES
              and k[:1].isupper()]:
        low = k[0].lower() + k[1:]
        tgts = [nm for nm in persons if nm != k and (nm == low or nm.endswith(" " + low))]
        if len(tgts) == 1:
            src, tgt = persons.pop(k), persons[tgts[0]]
            tgt.quotes.extend(src.quotes)
            tgt.evidence.extend(src.evidence)
            for lv, gs in src.gender_votes.items():
                tgt.gender_votes.setdefault(lv, set()).update(gs)

    # rule 1: surnames join the full name they end, from another speaker or from the text
    if persons:
        _merge_surnames(c, text, persons, ppl, fnames, dkey, fn_cache, occ)

    # mentions and evidence of each person
    first_names = {s.name.split()[0] for s in persons.values() if " " in s.name}
    surn = {s.name: _surnames(c, s.name) for s in persons.values()}
    known = frozenset(k for s in persons.values() for k in (s.name, *surn[s.name]))
    mention_index: list[tuple[int, _Source]] = []
    n_text = len(text)
    honor = t.honorifics
    honor_last = c.honorific_last
    # rule 2 and possessive pronouns ("his advisers") need the mentions in order
    want_index = bool(pending_pronouns) or any(
        nm.split()[0].lower() in _POSSESSIVE_PRONOUN for _, nm in titled)
    def resolve_owner(tok: str) -> str | None:
        # a principal named by surname only, whom the article names in full once and
        # the people table knows ("Clinton spokesman Jesse Lehrich")
        if not ppl or " " in tok or not tok[:1].isupper():
            return None
        full = _full_names_in_text(text, tok, t, fn_cache, occ)
        if len(full) == 1 and full[0].lower() in ppl:
            return ppl[full[0].lower()]["name"]
        return None

    for src in persons.values():
        nm = src.name
        mine = {nm.split()[0]} if " " in nm else set()
        own = surn[nm]
        known_other = known - {nm, *own}
        spans = src.spans
        ends = src.ends
        ments = _name_mentions(text, nm, own, t, first_names - mine, occ)
        if not ments:
            continue
        spans.update([(s, e) for s, e, _ in ments])
        if want_index:
            mention_index.extend([(s, src) for s, _, _ in ments])
        if len(ments) > _READ_MENTIONS:
            # past the first mentions only an honorific right before the name is read
            # (so that "Mr. Lee" and "Ms. Lee" still conflict); the word read ends with
            # text[s - 2], which must be the last letter of an honorific
            for ms, _, _ in ments[_READ_MENTIONS:]:
                if ms > 1 and text[ms - 1] == " " and text[ms - 2] in honor_last:
                    kb = text.rfind(" ", max(0, ms - 8), ms - 1)
                    g = honor.get(text[kb + 1:ms - 1])
                    if g is not None:
                        _vote(src, "honorific", g)
        for ms, e, poss in ments[:_READ_MENTIONS]:
            lp = left_phrase(text, ms, t)
            if lp:
                ev = analyse_phrase(lp, t, known_names=known_other, resolve=resolve_owner)
                if ev.informative:
                    src.evidence.append(ev)
            if not poss:
                ends.append(e)
                ka = e
                while ka < n_text and text[ka] == " ":
                    ka += 1
                if ka < n_text and text[ka] in _APPOSITIVE_START:
                    rp, party = right_phrase(text, e)
                    if party:
                        # "(R-Texas)" is the newsroom label of a US legislator: an
                        # office holder (official) of a party
                        org, role = _PARTY[party]
                        src.evidence.append(Evidence(
                            role="official", organization=org, org_role=role or "official",
                            org_country="United States"))
                    elif rp:
                        ev = analyse_phrase(rp, t, known_names=known_other)
                        if ev.title or ev.organization or ev.country:
                            src.evidence.append(ev)
                elif ka < n_text - 4 and text.startswith("of ", ka):
                    # "Rep. Elijah Cummings of Maryland"
                    ev_of = _of_place(text, ka + 3, t)
                    if ev_of is not None:
                        src.evidence.append(ev_of)
    # the weakest gender evidence, a pronoun later in the sentence of a mention, is read
    # only for people whose name, titles and resolved pronouns say nothing
    if persons:
        blockers = frozenset(w.lower() for s in persons.values() for w in s.name.split())
        for src in persons.values():
            if ppl is not None:
                rec = ppl.get(src.name.lower())
                if rec is not None and rec["gender"]:
                    continue                 # a public fact outranks this weak heuristic
            if src.ends and not _has_strong_gender(src):
                own_blockers = blockers - {w.lower() for w in src.name.split()}
                for e in src.ends:
                    _vote(src, "context", _context_gender(text, e, t, own_blockers))
    for src in persons.values():
        for q in src.quotes:
            _add_span(src, q)
    mention_index.sort(key=lambda x: x[0])

    # rule 2: unresolved pronouns join the nearest preceding compatible person
    for q in pending_pronouns:
        g = pronoun_gender.get((q.get("speaker_mention") or "").lower())
        src = _preceding_person(mention_index, q, g, ppl)
        if src is not None:
            src.quotes.append(q)
            _add_span(src, q)
            _vote(src, "pronoun", g)

    # rules 3-5: titled mentions, spokesperson chains, unnamed sources
    for q, name in titled:
        ev = analyse_phrase(name, t, known_names=known, people_names=ppl)
        target = None
        if ev.title and not ev.possessor and name.split()[0].lower() == "the":
            want = _canon_title(ev.title)
            cands = [s for s in persons.values()
                     if any(e.title and _canon_title(e.title).endswith(want)
                            for e in s.evidence)]
            if len(cands) == 1:
                target = cands[0]
        if target is not None:
            target.quotes.append(q)
            _add_span(target, q)
            continue
        hit = c.titled.get(name)
        if hit is None:
            canon = " ".join(w for i, w in enumerate(name.split())
                             if not (i == 0 and w.lower() in _DETERMINERS))
            pre = _pre_head_words(canon) if canon else []
            if len(pre) > 1 and pre[-1] == "familiar":
                pre = pre[:-1]                  # "sources familiar with the matter"
            head = pre[-1] if pre else ""
            voice = bool(canon) and (head in _GROUP_NOUNS or head in t.title_words
                                     or bool(_plural_demonym(canon.split()[-1], t)))
            hit = c.titled[name] = (canon, head, voice)
        canon, head, voice = hit
        if not canon:
            continue
        skind = "unnamed"
        if not (voice or (ev.title and ev.title.lower().split()[-1] == head)):
            if head in _INSTITUTION_NOUNS:
                skind = "institution"
            else:
                continue     # not a voice: "the conflict claimed", "a poll", a clause
        key = ("u:" if skind == "unnamed" else "i:") + canon.lower()
        src = others.get(key)
        if src is None:
            src = others[key] = _Source(canon, skind)
        src.evidence.append(ev)
        if src.unnamed_phrase is None:
            src.unnamed_phrase = name       # the phrase that introduces the source
        _add_span(src, q)
        if ev.possessor:
            src.possessor = ev.possessor
        elif src.possessor is None and ev.title and skind == "unnamed":
            g = _POSSESSIVE_PRONOUN.get(name.split()[0].lower())
            if g is not None:
                # "his advisers": the nearest person before, of that gender, is the principal
                owner = _preceding_person(mention_index, q, g, ppl)
                if owner is not None:
                    src.possessor = owner.name
        src.quotes.append(q)

    out_sources = [s for s in list(persons.values()) + list(others.values()) if s.quotes]
    if not out_sources:
        return []
    by_key: dict[str, _Source] = {}
    for s in persons.values():
        for k in (s.name, *surn.get(s.name, _surnames(c, s.name))):
            by_key.setdefault(k, s)
    for s in out_sources:
        if s.possessor is None:
            for ev in s.evidence:
                if ev.possessor:
                    s.possessor = ev.possessor
                    break
        if s.possessor:
            s.affiliated = by_key.get(s.possessor)
        s.first = min([q.get("start") or 0 for q in s.quotes])
    out_sources.sort(key=lambda s: s.first)
    attrs = {id(s): _attributes(s) for s in out_sources}
    owned = [s for s in out_sources if s.affiliated is not None and s.affiliated is not s]
    for s in out_sources:
        if s.affiliated is None or s.affiliated is s:
            _fill(attrs[id(s)], s, look, ppl, fnames, dkey)
    # affiliation: a spokesperson inherits what the principal has and the text does not say
    for s in owned:
        a = attrs[id(s)]
        principal = s.affiliated
        assert principal is not None        # (``owned`` holds the affiliated sources)
        oa = attrs.get(id(principal))
        if oa is None:
            oa = _attributes(principal)
            _fill(oa, principal, look, ppl, fnames, dkey)
        a["affiliated_with"] = oa["name"]
        if a["role"] in ("unknown", "inherit") and oa["role"] != "unknown":
            a["role"], a["role_source"] = oa["role"], "affiliation"
        if a["country"] == "unknown" and oa["country"] != "unknown":
            a["country"], a["country_source"] = oa["country"], "affiliation"
        if a["organization"] is None:
            a["organization"] = oa["organization"]
        _fill(a, s, look, ppl, fnames, dkey)
        if a["side"] is None:
            a["side"] = oa["side"]
    for s in out_sources:
        a = attrs[id(s)]
        if a["role_source"] == "text_former":
            a["role_source"] = "text"
        if s.possessor and a["affiliated_with"] is None:
            a["affiliated_with"] = s.possessor
            rec = ppl.get(s.possessor.lower()) if ppl else None
            if rec is not None:
                # the principal is a well-known person of the people table
                prole = _people_role(rec, dkey)
                if a["role"] in ("unknown", "inherit") and prole:
                    a["role"], a["role_source"] = prole, "affiliation"
                if a["country"] == "unknown" and rec["country"]:
                    a["country"], a["country_source"] = rec["country"], "affiliation"
                if a["organization"] is None:
                    a["organization"] = rec["organization"]
        if a["role"] == "inherit":
            a["role"] = "unknown"
    out = []
    for rank, s in enumerate(out_sources, 1):
        a = attrs[id(s)]
        n_direct = n_indirect = n_words = n_verb = n_loaded = 0
        for q in s.quotes:
            qkind = q.get("kind")
            if qkind == "indirect":
                n_indirect += 1
            elif qkind == "direct" or qkind == "mixed" or qkind == "partial":
                n_direct += 1
            qt = q.get("text")
            if qt:
                n_words += len(qt.split())
            vc = q.get("verb_class")
            if vc:
                n_verb += 1
                if vc != "neutral":
                    n_loaded += 1
        first_span: tuple[Any, Any]         # (a quote's offsets: None when it has none)
        if s.spans:
            first_span = min(s.spans)
        else:
            q0 = s.quotes[0]
            first_span = (q0.get("speaker_start"), q0.get("speaker_end"))
        out.append({
            "source": a["name"],
            "source_type": s.kind,
            "mentions": max(len(s.spans), 1),
            "n_quotes": len(s.quotes),
            "n_direct": n_direct,
            "n_indirect": n_indirect,
            "n_words": n_words,
            "n_with_verb": n_verb,
            "n_loaded": n_loaded,
            "first_position": rank,
            "role": a["role"],
            "organization": a["organization"],
            "country": a["country"],
            "gender": a["gender"],
            "gender_source": a["gender_source"],
            "role_source": a["role_source"],
            "country_source": a["country_source"],
            "side": a["side"],
            "affiliated_with": a["affiliated_with"],
            "title": a["title"],
            "start": first_span[0],
            "end": first_span[1],
        })
    return out


_POSSESSIVE_PRONOUN = {"his": "male", "her": "female"}


def _preceding_person(mention_index: list, q: dict, g: str | None, ppl: dict | None):
    """The person source mentioned last before the speaker of ``q`` whose gender does not
    contradict ``g`` (rule 2; the principal of "his advisers"), else None."""
    pos = q.get("speaker_start")
    pos = q.get("start", 0) if pos is None else pos
    for idx in range(len(mention_index) - 1, -1, -1):
        s, src = mention_index[idx]
        if s >= pos:
            continue
        sg = _text_gender(src)[0]
        if sg == "unknown" and ppl:
            rec = ppl.get(src.name.lower())
            if rec is not None and rec["gender"]:
                sg = rec["gender"]
        if sg == "unknown" or sg == g:
            return src
    return None


_ORG_TAILS: dict[int, tuple[Tables, dict]] = {}


def _org_tail_index(t: Tables) -> dict:
    """Last token -> [(name as written, row)] of the organisations of two words or more."""
    hit = _ORG_TAILS.get(id(t))
    if hit is None or hit[0] is not t:
        index: dict[str, list] = {}
        for key, row in t.orgs.items():
            if len(key) > 1 and key[0] != "The":
                index.setdefault(key[-1], []).append((key, row))
        hit = _ORG_TAILS[id(t)] = (t, index)
    return hit[1]


def _truncated_org(text: str, core: str, t: Tables, cache: dict | None = None):
    """The organisation whose name ``core`` ends, written in full in ``text`` ("Times",
    "York Times" of "New York Times"), else None.  ``cache`` (per :class:`Tables`) keeps
    the candidate names of each ``core``, which depend on the string alone."""
    cands = cache.get(core) if cache is not None else None
    if cands is None:
        cands = []
        toks = tuple(core.split())
        if toks and len(toks) <= 3:
            n = len(toks)
            for key, row in _org_tail_index(t).get(toks[-1]) or ():
                if len(key) > n and key[-n:] == toks:
                    cands.append((" ".join(key), row))
        if cache is not None:
            cache[core] = cands
    for name, row in cands:
        if name in text:
            return row
    return None


def _people_lookup() -> dict:
    return people()
