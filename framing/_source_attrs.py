"""Private helpers of :mod:`framing.sourcing`: the shipped tables and phrase analysis.

The tables live in ``framing/data/sources/`` (CSV, every row with provenance, licence and
version).  :func:`tables` loads them once into plain dicts keyed by token tuples, so the
per-document work is dictionary look-ups over a handful of short phrases: the words just
before each mention of a source ("US Defense Secretary Ashton Carter") and the appositive
just after it ("Peter Cook, Carter's spokesman,").
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

__all__ = [
    "ROLES",
    "Evidence",
    "Tables",
    "analyse_phrase",
    "given_names",
    "left_phrase",
    "people",
    "people_by_surname",
    "right_phrase",
    "tables",
    "tokens",
]

ROLES = ("official", "political", "expert", "civil_society", "business", "media", "citizen",
         "anonymous", "unknown")

#: words allowed inside a title phrase besides capitalised words and title words
_CONNECTORS = frozenset({
    "of", "for", "the", "and", "former", "then", "acting", "deputy", "senior", "top", "chief",
    "campaign", "presidential", "state", "assistant", "general", "press", "foreign", "defense",
    "defence", "interior", "affairs", "national", "security", "vice", "interim", "party",
    "associate", "executive", "managing", "senate", "house", "staff", "spokesman", "new",
    "longtime", "veteran", "retired", "ex", "special", "political", "democratic", "republican",
    "white", "congressional", "federal", "county", "city",
})
_LEADING_DROP = frozenset({"the", "of", "for", "and", "a", "an"})
#: prepositions that, ending a left walk, mean the capitalised words before the name are a
#: place or time adjunct ("In Syria Stoltenberg ..."), not a title
_PREPOSITIONS = frozenset({
    "in", "at", "from", "to", "with", "by", "after", "before", "on", "near", "inside", "across",
    "against", "into", "during", "than", "like", "about", "between", "over", "under", "since",
})

_TOPIC_PREP = frozenset({"on", "about", "regarding", "toward", "towards", "against"})
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z]{1,4}\.(?!\w)|[\w’'-]+|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")


def tokens(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _read(name: str) -> list[dict]:
    src = resources.files("framing.data").joinpath("sources", name)
    with src.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _split(cell: str | None) -> list[str]:
    return [c.strip() for c in (cell or "").split(";") if c.strip()]


@dataclass(frozen=True)
class Tables:
    titles: dict            # tuple(lower tokens) -> row
    title_len: int
    title_words: frozenset  # every lower-cased word of a title
    title_first: frozenset  # the lower-cased first word of every title
    orgs: dict              # tuple(tokens) -> row (with "name")
    org_len: int
    org_patterns: list      # (compiled, row)
    places: dict            # tuple(tokens) -> country (names, abbreviations, demonyms)
    place_len: int
    metonyms: dict          # tuple(tokens) -> country
    cities: dict            # tuple(tokens) -> country (cities, boroughs: only in phrases)
    city_len: int
    honorifics: dict        # word -> gender
    pronouns: dict          # lower word -> gender
    abbreviations: frozenset


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Load the shipped source tables (once)."""
    titles = {}
    for r in _read("titles.csv"):
        titles[tuple(tokens(r["phrase"].lower()))] = r
    # regular plurals of the titles ("advisers", "spokesmen", "senators")
    for key, r in list(titles.items()):
        last = key[-1]
        if not last.isalpha() or last.endswith("s"):
            continue
        plural = last[:-3] + "men" if last.endswith("man") else last + "s"
        titles.setdefault((*key[:-1], plural), r)
    title_words = frozenset(w for k in titles for w in k if w.isalpha())
    orgs = {}
    for r in _read("organizations.csv"):
        for alias in [r["name"], *_split(r["aliases"])]:
            key = tuple(tokens(alias))
            orgs[key] = r
            if key[0] != "The":
                orgs.setdefault(("The", *key), r)
    patterns = [(re.compile(r["pattern"]), r) for r in _read("organization_patterns.csv")]
    places, metonyms = {}, {}
    for r in _read("countries.csv"):
        for alias in [*_split(r["aliases"]), *_split(r["demonyms"])]:
            places[tuple(tokens(alias))] = r["country"]
        for alias in _split(r["metonyms"]):
            metonyms[tuple(tokens(alias))] = r["country"]
    for r in _read("subdivisions.csv"):
        places.setdefault(tuple(tokens(r["name"])), r["country"])
    cities = {}
    for r in _read("cities.csv"):
        key = tuple(tokens(r["name"]))
        if key not in places and key not in metonyms:
            cities[key] = r["country"]
    honor: dict[str, str] = {}
    pron: dict[str, str] = {}
    for r in _read("honorifics.csv"):
        (honor if r["kind"] == "honorific" else pron)[r["word"]] = r["gender"]
    abbrev = frozenset(
        [k[0] for k in titles if len(k) == 1 and k[0].endswith(".")]
        + [w.lower() for w in honor if w.endswith(".")]
        + ["jr.", "sr.", "st.", "dr.", "u.s.", "u.n.", "u.k."]
    )
    return Tables(
        titles=titles, title_len=max(len(k) for k in titles), title_words=title_words,
        title_first=frozenset(k[0] for k in titles),
        orgs=orgs, org_len=max(len(k) for k in orgs), org_patterns=patterns,
        places=places, place_len=max(len(k) for k in places), metonyms=metonyms,
        cities=cities, city_len=max(len(k) for k in cities),
        honorifics=honor, pronouns=pron, abbreviations=abbrev,
    )


@dataclass
class Evidence:
    """What one phrase says about a person."""

    title: str | None = None
    role: str | None = None          # "inherit" when the title takes the role of its owner
    defer_to_org: bool = False
    unnamed_role: str | None = None
    gender: str | None = None
    gender_source: str | None = None
    organization: str | None = None
    org_role: str | None = None
    org_country: str | None = None
    country: str | None = None
    possessor: str | None = None     # "Carter" in "Carter's spokesman"
    former: bool = False

    @property
    def informative(self) -> bool:
        return bool(self.title or self.organization or self.country or self.gender)


def _longest(toks: list[str], i: int, table: dict, maxlen: int, lower: bool):
    for n in range(min(maxlen, len(toks) - i), 0, -1):
        key = tuple(t.lower() for t in toks[i:i + n]) if lower else tuple(toks[i:i + n])
        row = table.get(key)
        if row is not None:
            return n, row
    return 0, None


_CORE_CACHE: dict[int, tuple[Tables, dict]] = {}
_CACHE_MAX = 50_000


def _core_cache(t: Tables) -> dict:
    entry = _CORE_CACHE.get(id(t))
    if entry is None or entry[0] is not t:
        entry = _CORE_CACHE[id(t)] = (t, {})
    if len(entry[1]) > _CACHE_MAX:
        entry[1].clear()
    return entry[1]


def analyse_phrase(phrase: str, t: Tables | None = None, *, known_names=frozenset(),
                   people_names=None, resolve=None) -> Evidence:
    """Read title, organisation, country, gender and possessor off a short phrase.

    ``known_names`` holds the name keys (surnames, full names) of the article's other
    sources, so "Carter's spokesman" and "Trump adviser" are read as affiliations;
    ``people_names`` (the people table) and ``resolve`` (a callable from a token to a
    full name, or None) name a principal who is not quoted.
    The analysis of a phrase is cached (phrases such as "Republican presidential
    nominee" recur across articles); only the possessor depends on ``known_names``.
    The returned :class:`Evidence` may be shared: do not mutate it.
    """
    t = t or tables()
    cache = _core_cache(t)
    hit = cache.get(phrase)
    if hit is None:
        hit = cache[phrase] = _analyse_core(phrase, t)
    ev, cands = hit
    if not cands or not (known_names or people_names or resolve):
        return ev
    poss = None
    for tok, after_title in cands:
        if tok in known_names:
            if after_title:
                poss = tok              # "spokesman for Carter" wins
            elif poss is None:
                poss = tok
    if poss is None and people_names:
        # a well-known principal who is not quoted: "a spokeswoman for Hillary Clinton"
        for tok, _ in cands:
            rec = people_names.get(tok.lower())
            if rec is not None:
                poss = rec["name"]
                break
    if poss is None and resolve is not None:
        # a surname the article spells out once in full: "Clinton spokesman" -> the
        # article's one "Hillary Clinton"
        for tok, _ in cands:
            poss = resolve(tok)
            if poss:
                break
    if poss is None:
        return ev
    return replace(ev, possessor=poss)


def _analyse_core(phrase: str, t: Tables) -> tuple[Evidence, tuple]:
    """The analysis of ``phrase`` and its possessor candidates ``(token, after_title)``."""
    ev = Evidence()
    raw = tokens(phrase)
    toks: list[str] = []
    poss: set[int] = set()
    for w in raw:
        if w in ("’", "'") and toks:
            poss.add(len(toks) - 1)
            continue
        if len(w) > 2 and w[-2] in "’'" and _POSSESSIVE.search(w):
            toks.append(w[:-2])
            poss.add(len(toks) - 1)
        else:
            toks.append(w)
    cands: list[tuple[str, bool]] = []
    i = 0
    n_tok = len(toks)
    locked = False
    while i < n_tok:
        w = toks[i]
        lw = w.lower()
        if lw in ("former", "ex", "then"):
            ev.former = True
        if w in t.honorifics and ev.gender is None:
            ev.gender, ev.gender_source = t.honorifics[w], "honorific"
        if w[:1].isupper() or w[:1].isdigit():
            n, org = _longest(toks, i, t.orgs, t.org_len, lower=False)
            if org is not None and ev.organization is None:
                ev.organization, ev.org_role = org["name"], org["role"]
                ev.org_country = org["country"] or None
                i += n
                continue
            n, country = _longest(toks, i, t.places, t.place_len, lower=False)
            if country is None and len(w) > 3 and w[-1] == "s":
                country = t.places.get((w[:-1],))          # "Mexicans", "Syrians"
                n = 1
            if country is None:
                n, country = _longest(toks, i, t.cities, t.city_len, lower=False)
            if country is not None:
                # "experts on North Korea": a topic, not where the source is from
                if ev.country is None and not (i and toks[i - 1].lower() in _TOPIC_PREP):
                    ev.country = country
                i += n
                continue
        n, row = (_longest(toks, i, t.titles, t.title_len, lower=True)
                  if lw in t.title_first else (0, None))
        if row is not None and not (n == 1 and lw in ("general", "major") and ev.title) \
                and not locked:
            # the head of the phrase is its last title ("Defense Minister and Crown Prince")
            ev.title = " ".join(toks[i:i + n])
            ev.role = row["role"] or None
            ev.defer_to_org = row["defer_to_org"] == "yes"
            ev.unnamed_role = row["unnamed_role"] or None
            if row["gender"]:
                ev.gender, ev.gender_source = row["gender"], "title"
            if row.get("country") and ev.country is None:
                ev.country = row["country"]
            # "spokesman for Carter" / "adviser to Trump"
            if i + n + 1 < n_tok and toks[i + n].lower() in ("for", "to"):
                j = i + n + 1
                while j < n_tok and toks[j][:1].isupper():
                    j += 1
                if j > i + n + 1:
                    cands.append((" ".join(toks[i + n + 1:j]), True))
                    cands.append((toks[j - 1], True))
                    # "chief of staff to President Bill Clinton": later titles are his
                    locked = True
                else:
                    cands.append((toks[i + n + 1], True))
            i += n
            continue
        if i in poss or (i + 1 < n_tok and toks[i + 1].lower() in t.title_words):
            j = i
            while j > 0 and toks[j - 1][:1].isupper() and (j - 1) not in poss:
                j -= 1
            if j < i:
                cands.append((" ".join(toks[j:i + 1]), False))
            cands.append((w, False))
        i += 1
    if ev.organization is None and _ORG_PATTERN_HINT.search(phrase):
        for rx, row in t.org_patterns:
            m = rx.search(phrase)
            if m:
                ev.organization = m.group(0).strip()
                ev.org_role, ev.org_country = row["role"], None
                break
    return ev, tuple(cands)


_ORG_PATTERN_HINT = re.compile(r"campaign|Universit|College|Ministry|Department|Agency|Federation|"
                               r"Union|Association|Coalition|Alliance|Society|League|"
                               r"Institut|Foundation|Inc\.|Corp\.|Co\.|LLC|Ltd|Party")
_GLUED_END = frozenset(",;:()[]“”\"!?—–")
_GLUED_START = frozenset("(“\"[")


def left_phrase(text: str, start: int, t: Tables | None = None, *, window: int = 110) -> str:
    """The title phrase directly before ``start`` ("US Defense Secretary"), or ``""``.

    Walks back word by word over capitalised words, title words and connectors; stops at
    punctuation, a line break, or any other lower-case word.  A phrase preceded by a
    preposition ("in Syria") and holding no title is dropped.
    """
    if start <= 0 or text[start - 1] not in " \t":
        return ""
    t = t or tables()
    # fast path: the word just before decides most mentions ("said Carter", "(Carter")
    k = text.rfind(" ", max(0, start - 40), start - 1)
    w = text[k + 1:start - 1]
    if w and "\n" not in w and "\t" not in w:
        if w[-1] in _GLUED_END or w[0] in _GLUED_START:
            return ""
        c0 = w[0]
        if not (c0.isupper() or c0.isdigit()):
            lw = w.lower()
            if lw not in t.title_words and lw not in _CONNECTORS and \
                    lw.rstrip("’'s") not in t.title_words:
                return ""                  # a preposition or any other lower-case word
    seg = text[max(0, start - window):start]
    nl = seg.rfind("\n")
    if nl >= 0:
        seg = seg[nl + 1:]
    words = seg.split()
    if not words:
        return ""
    title_words = t.title_words
    keep = len(words)
    n_words = 0
    stop = ""
    has_title = False
    for idx in range(len(words) - 1, -1, -1):
        w = words[idx]
        if w[-1] in _GLUED_END or w[0] in _GLUED_START:
            break
        lw = w.lower()
        if lw in _PREPOSITIONS:
            stop = lw
            break
        c0 = w[0]
        if c0.isupper() or c0.isdigit():
            if w[-1] == "." and lw not in t.abbreviations and not _is_initialism(w):
                break
            if n_words >= 10:
                break
        elif lw in title_words or lw in _CONNECTORS or lw.rstrip("’'s") in title_words:
            pass
        else:
            stop = lw
            break
        if lw in title_words or lw.rstrip(".") in title_words:
            has_title = True
        keep = idx
        n_words += 1
    if keep == len(words):
        return ""
    words = words[keep:]
    while words and words[0].lower() in _LEADING_DROP:
        words = words[1:]
    if not words:
        return ""
    if stop in _PREPOSITIONS and not has_title:
        return ""
    return " ".join(words)


def _is_initialism(w: str) -> bool:
    return len(w) >= 4 and all(c == "." for c in w[1::2]) and w[::2].isalpha()


_APPOSITIVE = re.compile(
    r"\s*(?:,|\(|—|–|--)\s*((?:[^,;:()\n“”\"—–.]|\.(?=\w)|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\."
    r"|(?<=\b[A-Z][a-z]{2})\.){2,140}?)\s*(?=,|\)|;|(?<!\b[A-Z])\.(?:\s|$)|—|–|--|$)"
)
_PARTY_STATE = re.compile(r"\s*\(\s*([RDI])\s*[-–.,]\s*[A-Z]")
_WHO_WAS = re.compile(r"^who\s+(served as|was|had been|once was|is|has been)\s+")
_NOT_APPOSITIVE = re.compile(r"^(?:who|which|that|whose|and|or|but|said|says|told|according)\b")


# _APPOSITIVE.match(text, end, min(len(text), end + 160)).group(1), computed by hand: the
# regex engine backtracks through its lazy group at every character (4 us a call); these
# few loops over code points give the same group, or None where the regex finds no match
# (checked position by position against the regex on every test corpus).  In the regex:
# \s* an opener \s* (kept by backtracking as few as needed), then the shortest run of 2-140
# phrase characters followed by \s* and a terminator; ``stop`` stands for the endpos.
def _is_space(text: str, i: int) -> bool:
    """``text[i]`` is white space for ``\\s`` (str.isspace)."""
    c = ord(text[i])
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return text[i].isspace()


def _is_word(text: str, i: int) -> bool:
    """``text[i]`` is a ``\\w`` character (alphanumeric or "_")."""
    c = ord(text[i])
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95
    return text[i].isalnum()


def _cap_word_start(text: str, i: int, n_lower: int) -> bool:
    """``\\b[A-Z][a-z]{n_lower}`` matches at ``i`` (looking back from a period)."""
    if i < 0 or not 65 <= ord(text[i]) <= 90:
        return False
    for k in range(i + 1, i + 1 + n_lower):
        if not 97 <= ord(text[k]) <= 122:
            return False
    return i == 0 or not _is_word(text, i - 1)


def _phrase_char(text: str, i: int, stop: int) -> bool:
    """``text[i]`` may be inside the appositive (the repeated group of _APPOSITIVE)."""
    c = ord(text[i])
    if c >= 65:
        return not (c == 0x2013 or c == 0x2014 or c == 0x201C or c == 0x201D)
    if c == 46:                         # "." before a word character, or after "U", "Dr", "Gen"
        return (i + 1 < stop and _is_word(text, i + 1)) or _cap_word_start(text, i - 1, 0) \
            or _cap_word_start(text, i - 2, 1) or _cap_word_start(text, i - 3, 2)
    return not (c == 44 or c == 59 or c == 58 or c == 40 or c == 41 or c == 10 or c == 34)


def _phrase_end(text: str, p: int, stop: int) -> bool:
    """The terminator of _APPOSITIVE matches at ``p`` (after the optional white space)."""
    if p >= stop:
        return True                     # $
    c = ord(text[p])
    if c == 44 or c == 41 or c == 59 or c == 0x2014 or c == 0x2013:
        return True
    if c == 46:                         # "." then white space or the end, not after "U"
        return not _cap_word_start(text, p - 1, 0) and (p + 1 == stop or _is_space(text, p + 1))
    if c == 45:
        return p + 1 < stop and ord(text[p + 1]) == 45
    return c == 10 and p + 1 == stop    # $ before a final line break


def _appositive(text: str, end: int) -> str | None:
    """``group(1)`` of ``_APPOSITIVE.match(text, end, min(len(text), end + 160))``."""
    stop = min(len(text), end + 160)
    i = end
    while i < stop and _is_space(text, i):
        i += 1
    if i >= stop:
        return None
    c = ord(text[i])
    if c == 44 or c == 40 or c == 0x2014 or c == 0x2013:
        i += 1
    elif c == 45 and i + 1 < stop and ord(text[i + 1]) == 45:
        i += 2
    else:
        return None
    opened = i
    while i < stop and _is_space(text, i):
        i += 1
    for s in range(i, opened - 1, -1):  # the \s* after the opener gives back what it took
        if s + 2 > stop or not (_phrase_char(text, s, stop) and _phrase_char(text, s + 1, stop)):
            continue
        q = s + 2
        while True:
            p = q
            while p < stop and _is_space(text, p):
                p += 1
            if _phrase_end(text, p, stop):
                return text[s:q]
            if q - s >= 140 or q >= stop or not _phrase_char(text, q, stop):
                break
            q += 1
    return None


def right_phrase(text: str, end: int) -> tuple[str, str | None]:
    """The appositive just after ``end`` (", Carter's spokesman,") and a party letter.

    Returns ``(phrase, party)``: ``party`` is "R", "D" or "I" for a US party-state
    parenthetical such as "(R-Texas)".
    """
    m = _PARTY_STATE.match(text, end)
    if m:
        return "", m.group(1)
    found = _appositive(text, end)
    if found is None:
        return "", None
    phrase = found.strip()
    m2 = _WHO_WAS.match(phrase)
    if m2:
        # ", who served as U.S. ambassador to Burma", ", who is the chairman of ..."
        rest = phrase[m2.end():]
        former = m2.group(1).lower() in ("served as", "was", "had been", "once was")
        phrase = ("former " if former else "") + rest
    if _NOT_APPOSITIVE.match(phrase) or len(phrase.split()) > 14:
        return "", None
    return phrase, None


# ----------------------------------------------------------------------------- people

def _read_data(name: str) -> list[dict]:
    src = resources.files("framing.data").joinpath(name)
    with src.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


_ROLE_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2}):([a-z_]*)$")


@lru_cache(maxsize=1)
def people() -> dict[str, dict]:
    """The shipped table of well-known public figures, keyed by lower-cased name and alias.

    Each record has ``name, gender, role, periods, organization, country``; ``periods``
    is a list of ``(since, role)`` change points (ISO dates) read from ``role_periods``
    ("2017-01-20:official;2021-01-20:political"): with a document date, the role is the
    one in force that day; without one, a person whose role changed has no table role.
    """
    out: dict[str, dict] = {}
    for r in _read("people.csv"):
        periods = []
        for part in _split(r.get("role_periods", "")):
            m = _ROLE_PERIOD.match(part)
            if not m:
                raise ValueError(f"people.csv: bad role_periods entry {part!r} for "
                                 f"{r['name']!r}; expected YYYY-MM-DD:role")
            if m.group(2) and m.group(2) not in ROLES:
                raise ValueError(f"people.csv: unknown role {m.group(2)!r} for {r['name']!r}")
            periods.append((m.group(1), m.group(2)))
        rec = {"name": r["name"], "gender": r["gender"] or None, "role": r["role"] or None,
               "periods": sorted(periods), "organization": r["organization"] or None,
               "country": r["country"] or None}
        for alias in [r["name"], *(a.strip() for a in r["aliases"].split("|") if a.strip())]:
            out.setdefault(alias.lower(), rec)
    return out


@lru_cache(maxsize=1)
def people_by_surname() -> dict[str, list[dict]]:
    """Surname (last word of the canonical name) -> the people-table records bearing it."""
    out: dict[str, list[dict]] = {}
    seen = set()
    for rec in people().values():
        if id(rec) in seen:
            continue
        seen.add(id(rec))
        toks = [w for w in rec["name"].split() if w not in ("Jr.", "Sr.", "Jr", "II", "III")]
        if len(toks) > 1:
            out.setdefault(toks[-1], []).append(rec)
    return out


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name -> "female"/"male" from ``framing/data/given_names.csv`` (opt-in only)."""
    code = {"f": "female", "m": "male", "female": "female", "male": "male"}
    out = {}
    for r in _read_data("given_names.csv"):
        g = code.get((r.get("gender") or "").strip().lower())
        if g:
            out[r["name"].strip()] = g
    return out
