"""Compile lexicon entries into a token-keyed index and match it in one pass per document.

The rule syntax of an entry (documented for users in :mod:`framing.lexicons`):

* words are separated by spaces or hyphens, and a space or a hyphen in an entry matches
  a space, a hyphen or an apostrophe in the text (``so-called`` = ``so called``);
* ``{a|b|c}`` matches one word out of the alternatives;
* ``{PRON}`` matches a subject pronoun (he, she, they, it, we, I, you);
* ``{NAME}`` matches one to three capitalised words (``what Carter called``);
* ``*`` alone matches any one word; ``word*`` at the end of an entry matches any word that
  starts with ``word`` (LIWC style);
* the last plain word of an entry (skipping trailing particles such as "as", "out", "on")
  matches its regular inflections (``militant`` -> ``militants``, ``slam`` -> ``slammed``,
  ``lash out`` -> ``lashed out``) unless the entry's ``match`` is ``exact``; ``match`` = ``case`` is exact and case-sensitive (``IS``).

Matching lower-cases the text once, pulls its vocabulary with one compiled regular
expression (``findall`` into a set), intersects it with the dict keyed by the first word of
every entry, locates only those few words in the text (``str.find``, whole words) and
extends them to multiword entries.
Longest match wins; earlier lexicons win ties.  Offsets are into the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CompiledLexicon", "compile_entries", "inflections", "parse_pattern", "PatternError"]

_WORD = re.compile(r"[^\W\d_]+")
_PIECE = re.compile(r"\{[^{}]*\}|[^\s\-‐‑–—{}]+")
_GAP_CHARS = frozenset(" \t\r\n\u00a0-‐‑–'’")
_MAX_GAP = 3
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_VOWELS = frozenset("aeiou")
#: trailing prepositions and particles skipped when choosing the word to inflect
#: ("lash out" -> "lashed out", "describe as" -> "described as")
PARTICLES = frozenset({"as", "to", "of", "on", "in", "at", "by", "for", "with", "up", "out",
                       "down", "off", "over", "into", "about", "against", "from", "away"})


class PatternError(ValueError):
    """An entry that does not follow the rule syntax (the caller adds file and line)."""


# element kinds in a compiled pattern
_SET, _NAME, _ANY, _PREFIX = 0, 1, 2, 3


def inflections(word: str) -> set[str]:
    """Regular English inflections of ``word`` (plural, 3rd person, past, -ing).

    Over-generation is harmless: a variant that is not an English word never occurs.

    >>> {"slammed", "slamming", "slams"} <= inflections("slam")
    True
    >>> sorted(inflections("ally"))
    ['allied', 'allies', 'ally', 'allying']
    """
    w = word
    out = {w}
    if len(w) < 3 or not w.isalpha():
        return out | ({w + "s"} if len(w) >= 2 and w.isalpha() else set())
    if w.endswith("man"):
        out.add(w[:-3] + "men")
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out |= {w + "es", w + "ed", w + "ing"}
        if w.endswith("s"):
            out.add(w + "ses")
        return out
    if w.endswith("ie"):
        out |= {w + "s", w + "d", w[:-2] + "ying"}
        return out
    if w.endswith("e"):
        out |= {w + "s", w + "d", w[:-1] + "ing"}
        return out
    if w.endswith("y") and w[-2] not in _VOWELS:
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
        return out
    out |= {w + "s", w + "ed", w + "ing"}
    # consonant doubling for short CVC stems: slam -> slammed, rob -> robbing
    if (len(w) <= 5 and w[-1] not in _VOWELS and w[-1] not in "wxy"
            and w[-2] in _VOWELS and w[-3] not in _VOWELS):
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


def _letter_runs(piece: str) -> list[str]:
    return _WORD.findall(piece)


def parse_pattern(entry: str, match: str = "inflect") -> list[tuple]:
    """Parse ``entry`` into a list of elements ``(kind, value, case_form)``.

    Raises :class:`PatternError` with a short description of the problem.
    """
    if match not in ("inflect", "exact", "case"):
        raise PatternError(f"match must be 'inflect', 'exact' or 'case', got {match!r}")
    raw = entry.strip()
    if not raw:
        raise PatternError("empty entry")
    elems: list[tuple] = []
    pieces = _PIECE.findall(raw)
    for k, piece in enumerate(pieces):
        if piece.startswith("{"):
            inner = piece[1:-1].strip()
            if inner == "PRON":
                elems.append((_SET, PRONOUNS, None))
            elif inner == "NAME":
                elems.append((_NAME, None, None))
            else:
                alts = [a.strip().lower() for a in inner.split("|")]
                if not inner or any(not a or len(_letter_runs(a)) != 1 or _letter_runs(a)[0] != a
                                    for a in alts):
                    raise PatternError(
                        f"bad slot {piece!r}: use {{PRON}}, {{NAME}} or {{word|word|...}} with "
                        "single words of letters")
                elems.append((_SET, frozenset(alts), None))
        elif piece == "*":
            elems.append((_ANY, None, None))
        elif piece.endswith("*"):
            if k != len(pieces) - 1:
                raise PatternError(f"a prefix wildcard ({piece!r}) may only end an entry")
            runs = _letter_runs(piece[:-1])
            if len(runs) != 1:
                raise PatternError(f"a prefix wildcard needs letters before '*', got {piece!r}")
            elems.append((_PREFIX, runs[0].lower(), None))
        else:
            runs = _letter_runs(piece)
            if not runs:
                raise PatternError(f"{piece!r} has no letters (digits and symbols are not matched)")
            for r in runs:
                elems.append((_SET, frozenset({r.lower()}), r if match == "case" else None))
    if elems[0][0] in (_NAME, _ANY):
        raise PatternError("an entry must start with a word, not with {NAME} or '*'")
    if match == "inflect":
        for j in range(len(elems) - 1, -1, -1):
            kind, val, cf = elems[j]
            if kind != _SET or len(val) != 1:
                break
            (w,) = val
            if w in PARTICLES and j > 0:
                continue
            elems[j] = (_SET, frozenset(inflections(w)), cf)
            break
    return elems


@dataclass
class _Cand:
    tail: tuple
    entry_id: int
    head_case: str | None
    length: int


def compile_entries(entries: list[tuple[str, str]]) -> "CompiledLexicon":
    """Compile ``[(entry, match), ...]``; an entry's id is its index in the list.

    Raises :class:`PatternError` (with ``.index`` set to the failing entry's index).
    """
    first: dict[str, list[_Cand]] = {}
    prefixes: dict[str, list[_Cand]] = {}
    for idx, (entry, match) in enumerate(entries):
        try:
            elems = parse_pattern(entry, match or "inflect")
        except PatternError as exc:
            exc.index = idx  # type: ignore[attr-defined]
            raise
        kind, val, cf = elems[0]
        cand = _Cand(tuple(elems[1:]), idx, cf, len(elems))
        if kind == _PREFIX:
            prefixes.setdefault(val, []).append(cand)
        else:
            for w in val:
                first.setdefault(w, []).append(cand)
    for lst in list(first.values()) + list(prefixes.values()):
        lst.sort(key=lambda c: (-c.length, c.entry_id))
    return CompiledLexicon(first, prefixes)


def _is_word_char(c: str) -> bool:
    return c.isalnum() and c != "_" and not c.isdecimal()


_start = re.Match.start
#: bytes.translate table keeping ASCII letters and mapping every other byte to a space
_LETTERS_ONLY = bytes(c if (65 <= c <= 90 or 97 <= c <= 122) else 32 for c in range(256))
#: marker: locate this head word with ``str.find`` (a bare literal of 4+ letters)
_PLAIN = re.compile("")


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters (e.g. "İ") grow when lower-cased; keep offsets aligned
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _possible(reqs: tuple, present) -> bool:
    """True if some entry's required words (one of each set) all occur in ``present``
    (the words of the document that some entry asks for)."""
    for req in reqs:
        for alts in req:
            if alts.isdisjoint(present):
                break
        else:
            return True
    return False


class CompiledLexicon:
    """A compiled, reusable matcher; :meth:`match` returns ``(start, end, entry_id)``."""

    def __init__(self, first: dict[str, list[_Cand]], prefixes: dict[str, list[_Cand]]):
        self._first = first
        self._prefixes = prefixes
        self._prefix_lens = sorted({len(p) for p in prefixes}, reverse=True)
        self._prefix_cache: dict[str, list] = {}
        self._word_re: dict[str, re.Pattern] = {}
        self._keys = frozenset(first)
        # fast vocabulary path: every head word is ASCII and there is no prefix wildcard
        self._bkeys = (frozenset(k.encode("ascii") for k in first)
                       if not prefixes and all(k.isascii() for k in first) else None)
        # head word -> for each entry starting with it, the words its tail needs (one of
        # each set, ASCII letters only): a head none of whose entries can be complete in the
        # document is never searched ("house" of "house of cards" in a text without "cards")
        self._bneed: dict[bytes, tuple] = {}
        if self._bkeys is not None:
            for k, cands in first.items():
                reqs = []
                for c in cands:
                    req = tuple(frozenset(n.encode("ascii") for n in el[1]) for el in c.tail
                                if el[0] == _SET and all(n.isascii() and n.isalpha()
                                                         for n in el[1]))
                    if not req:
                        break
                    reqs.append(req)
                else:
                    self._bneed[k.encode("ascii")] = tuple(reqs)
        #: every word some ``_bneed`` entry asks for
        self._bwanted = frozenset(w for reqs in self._bneed.values() for req in reqs
                                  for alts in req for w in alts)

    def __reduce__(self) -> tuple[type[CompiledLexicon], tuple[object, ...]]:
        # pickle and copy through the constructor, without the caches: a compiled (mypyc)
        # class cannot be re-created without its arguments, and an unpickled ``_PLAIN``
        # would no longer be the marker itself (``r is _PLAIN`` would fail)
        return (type(self), (self._first, self._prefixes))

    def __len__(self) -> int:
        return len(self._first) + len(self._prefixes)

    def _head_re(self, w: str) -> re.Pattern:
        """A regex for whole-word ``w`` (literal first, so the engine scans for it fast);
        when every entry starting with ``w`` needs a given next word, that next word is
        required in a lookahead, so frequent heads ("so" of "so-called") cost nothing."""
        tail = r"(?![^\W\d_])"
        if not self._first.get(w) or (self._prefixes and self._prefix_cands(w)):
            return _PLAIN if len(w) >= 4 else re.compile(re.escape(w) + tail)
        seconds: set[str] = set()
        for c in self._first.get(w, ()):
            if not c.tail:
                return _PLAIN if len(w) >= 4 else re.compile(re.escape(w) + tail)
            if c.tail[0][0] != _SET:
                seconds = set()
                break
            seconds |= c.tail[0][1]
        else:
            if seconds:
                alts = "|".join(sorted(map(re.escape, seconds), key=len, reverse=True))
                tail = r"(?=[ \t\r\n\u00a0\-‐‑–'’]{1,3}(?:%s)(?![^\W\d_]))" % alts
                return re.compile(re.escape(w) + tail)
        # otherwise require a later literal word of some entry within reach ("what ... called")
        anchors: set[str] = set()
        for c in self._first.get(w, ()):
            lits = [el[1] for el in c.tail if el[0] == _SET]
            if not lits:
                return re.compile(re.escape(w) + tail)
            # the most specific literal ("describe", not the particle "as" after it)
            anchors |= max(lits, key=lambda v: (not (v <= PARTICLES or v is PRONOUNS),
                                                min(map(len, v))))
        alts = "|".join(sorted(map(re.escape, anchors), key=len, reverse=True))
        reach = r"(?=[^\n]{1,80}?(?<![^\W\d_])(?:%s)(?![^\W\d_]))" % alts
        return re.compile(re.escape(w) + tail + reach)

    def _prefix_cands(self, w: str) -> list:
        got = self._prefix_cache.get(w)
        if got is None:
            got = []
            for k in self._prefix_lens:
                if len(w) >= k and w[:k] in self._prefixes:
                    got.extend(self._prefixes[w[:k]])
            if len(self._prefix_cache) > 200_000:
                self._prefix_cache.clear()
            self._prefix_cache[w] = got
        return got

    def match(self, text: str, low: str | None = None) -> list[tuple[int, int, int]]:
        """All non-overlapping matches in ``text``, left to right, longest first."""
        if low is None:
            low = _lower(text)
        first = self._first
        if self._bkeys is not None:
            # the vocabulary in C: UTF-8 bytes with every byte that is not an ASCII letter
            # turned into a space, split.  A non-ASCII letter splits a word, which can only
            # add candidates (an ASCII head word next to it is not a whole word and is
            # rejected below), never lose one.
            words = low.encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY).split()
            need = self._bneed
            # intersections with the split list: much faster than building its set
            hits = self._bkeys.intersection(words)
            wanted = self._bwanted.intersection(words) if need else ()
            hitw = {w.decode("ascii") for w in hits
                    if w not in need or _possible(need[w], wanted)}
        else:
            # the vocabulary: whitespace split (fast), and the letter runs of the few
            # tokens that are not all letters (punctuation attached, hyphens, digits)
            vocab = set(low.split())
            messy = " ".join([t for t in vocab if not t.isalpha()])
            vocab.update(_WORD.findall(messy))
            hitw = vocab & self._keys
            if self._prefixes:
                hitw.update(w for w in vocab if self._prefix_cands(w))
        if not hitw:
            return []
        found: list[tuple[int, str]] = []
        wre = self._word_re
        for w in hitw:
            r = wre.get(w)
            if r is None:
                r = wre[w] = self._head_re(w)
            if r is _PLAIN:  # str.find beats the regex engine for a bare literal
                n = len(w)
                p = low.find(w)
                while p >= 0:
                    # whole words only (inline ``_is_word_char``: letters, not digits)
                    if (p == 0 or not low[p - 1].isalpha()) and not low[
                            p + n: p + n + 1].isalpha():
                        found.append((p, w))
                    p = low.find(w, p + n)
                continue
            for p in map(_start, r.finditer(low)):
                if p == 0 or not _is_word_char(low[p - 1]):
                    found.append((p, w))
        found.sort()
        out: list[tuple[int, int, int]] = []
        consumed = 0
        for pos, w in found:
            if pos < consumed:
                continue
            end0 = pos + len(w)
            cands = first.get(w, ())
            if self._prefixes:
                pcs = self._prefix_cands(w)
                if pcs:
                    cands = sorted([*cands, *pcs], key=lambda c: (-c.length, c.entry_id))
            for cand in cands:
                if cand.head_case is not None and text[pos:end0] != cand.head_case:
                    continue
                if not cand.tail:
                    out.append((pos, end0, cand.entry_id))
                    consumed = end0
                    break
                end = self._tail(cand.tail, 0, low, text, end0)
                if end is not None:
                    out.append((pos, end, cand.entry_id))
                    consumed = end
                    break
        return out

    def _tail(self, tail: tuple, k: int, low: str, text: str, prev_end: int) -> int | None:
        """Match tail elements from ``k`` after ``prev_end``; -> end offset or None."""
        if k == len(tail):
            return prev_end
        kind, val, cf = tail[k]
        if kind == _NAME:
            # one to three capitalised words, longest first (backtracking)
            ends: list[int] = []
            pe = prev_end
            while len(ends) < 3:
                nxt = self._next(low, pe)
                if nxt is None or not text[nxt[0]].isupper():
                    break
                pe = nxt[0] + len(nxt[1])
                ends.append(pe)
            for e in ends[::-1]:  # reversed() crashes mypyc 2.4.1
                r = self._tail(tail, k + 1, low, text, e)
                if r is not None:
                    return r
            return None
        nxt = self._next(low, prev_end)
        if nxt is None:
            return None
        p, w = nxt
        if kind == _SET:
            if w not in val:
                return None
        elif kind == _PREFIX:
            if not w.startswith(val):
                return None
        end = p + len(w)
        if cf is not None and text[p:end] != cf:
            return None
        return self._tail(tail, k + 1, low, text, end)

    @staticmethod
    def _next(low: str, prev_end: int) -> tuple[int, str] | None:
        """The word right after ``prev_end`` if only a separator lies between."""
        m = _WORD.search(low, prev_end, prev_end + _MAX_GAP + 60)
        if m is None:
            return None
        p = m.start()
        if p == prev_end or p - prev_end > _MAX_GAP:
            return None
        for c in low[prev_end:p]:
            if c not in _GAP_CHARS:
                return None
        return p, m.group()
