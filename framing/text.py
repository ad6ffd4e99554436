"""Offset-true segmentation of news text into paragraphs, sentences and tokens.

Every span is a ``(start, end)`` pair of character offsets into the *original* text
(end exclusive), so ``text[start:end]`` is always the unit itself: nothing is
normalised before offsets are taken.

Paragraphs
    When the text has at least one blank line, paragraphs are separated by blank
    lines (a single line break stays inside its paragraph).  Otherwise each line is a
    paragraph, as in many scraped news texts, except that a line break that falls
    inside a sentence (the line ends without sentence punctuation and the next line
    starts with a lower-case letter, or the line ends with a comma or a hyphen) joins
    the two lines, so hard-wrapped text is not cut mid-sentence.
Sentences
    Sentences never cross a paragraph boundary.  A boundary candidate is ``.``, ``!``,
    ``?`` or an ellipsis, optionally followed by closing quotes or brackets, then
    white space and an upper-case letter or a digit (possibly after an opening quote).
    A period after an abbreviation is not a boundary: titles (Mr., Gen., Sen.) never
    end a sentence; month names (Sept.) do not before a day number; other
    abbreviations (U.S., Inc., Jr., a.m.), initialisms and single initials
    ("John F. Kennedy") end one only before a common sentence opener ("The", "He",
    "But"); a capitalised form in the table ("No.", "Gen.") matches only a
    capitalised word, so "he said no. Republicans ..." still splits.  ``?`` or ``!``
    inside a closing quote followed by an attribution ("Why?" Carter asked.) is not a
    boundary; an ellipsis is one unless it follows a function word ("the ... Senate").
    A list number opening a paragraph ("1. The ...") is not a boundary.
Tokens
    Words (with inner apostrophes and hyphens: "don't", "al-Muallem",
    "81-year-old"), numbers with separators and a percent sign ("1,000", "3.5%",
    "2015-12-02"), initialisms ("U.S."), ellipsis and dash runs, and any other single
    symbol.  The token pass is vectorised with NumPy over code points and a
    character-class table: each character gets a class id and one lookup of the
    classes around each gap in a table of class 4-grams says whether a token starts or
    ends there.  Tokens are computed lazily: ``Segments.tokens`` runs the pass on
    first access, so stages that need only sentences never pay for it.
Datelines and bylines
    ``Segments.dateline`` is the dateline ("WASHINGTON —", "BRUSSELS (Reuters) -",
    "TEHRAN, Jan. 03 (MNA) –") at the start of one of the first paragraphs (after a
    headline or byline), and ``Segments.byline`` a paragraph such as "By Jane Doe".

The abbreviation table is shipped as package data (``framing/data/abbreviations.csv``):
it merges a hand-curated list with abbreviations that NLTK's Punkt trainer learned on
Wikinews (CC BY 2.5), reviewed by hand (see ``tools/train_abbreviations.py``); it ships
as plain text, never as a pickle.  NLTK's own ``span_tokenize`` runs at about 900
articles/s on PolNeAR, far below the toolkit's target, so Punkt is used for learning,
not per article.

Examples
--------
>>> from framing.text import segment
>>> seg = segment("WASHINGTON — Mr. Smith met Gen. Jones in the U.S. capital. He left.")
>>> [seg.text[s:e] for s, e in seg.sentences]
['WASHINGTON — Mr. Smith met Gen. Jones in the U.S. capital.', 'He left.']
>>> seg.text[slice(*seg.dateline)]
'WASHINGTON —'

References
----------
Kiss, T. and Strunk, J. (2006). Unsupervised multilingual sentence boundary
detection. *Computational Linguistics* 32(4), 485-525.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

__all__ = [
    "Segments",
    "abbreviations",
    "paragraph_spans",
    "segment",
    "sentence_spans",
    "split_paragraphs",
    "split_sentences",
    "token_count",
    "token_spans",
    "tokenize",
]

Span = tuple[int, int]

# ----------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, tuple[str, bool]]:
    """``{abbreviation lower-cased without final period: (kind, needs_capital)}``.

    ``needs_capital`` is true when the shipped form has a capital letter ("No.",
    "Gen.", "Miss."): the word then counts as an abbreviation only when it starts
    with a capital, so "he said no. The ..." still ends a sentence.
    """
    table: dict[str, tuple[str, bool]] = {}
    src = resources.files("framing.data").joinpath("abbreviations.csv")
    with src.open(encoding="utf-8") as fh:
        header = None
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.rstrip("\n").split(",")]
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            form = row["abbreviation"].rstrip(".")
            table[form.lower()] = (row["kind"], form != form.lower())
    return table


def abbreviations() -> pd.DataFrame:
    """The shipped abbreviation table: ``abbreviation, kind, provenance``.

    ``kind`` is ``title`` (precedes a name, never ends a sentence), ``month`` (does
    not end a sentence before a day number) or ``other`` (ends a sentence only before
    a common sentence opener).  ``provenance`` is ``hand-curated`` or
    ``punkt:wikinews`` (learned by NLTK's Punkt trainer on Wikinews, reviewed by hand).

    Examples
    --------
    >>> from framing.text import abbreviations
    >>> abbr = abbreviations()
    >>> abbr.loc[abbr["abbreviation"] == "Gen.", "kind"].item()
    'title'
    """
    src = resources.files("framing.data").joinpath("abbreviations.csv")
    with src.open(encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#", dtype=str)


@lru_cache(maxsize=1)
def _sentence_openers() -> frozenset[str]:
    src = resources.files("framing.data").joinpath("sentence_openers.txt")
    with src.open(encoding="utf-8") as fh:
        return frozenset(
            w.strip() for w in fh if w.strip() and not w.startswith("#")
        )


# ----------------------------------------------------------------------------- Segments


class Segments:
    """The segmentation of one text; every span is ``(start, end)`` into ``text``.

    Attributes
    ----------
    text : str
        The original text, unchanged.
    paragraphs : list of (int, int)
    sentences : list of (int, int)
        Sentences never cross paragraph boundaries.
    sentence_paragraph : list of int
        Index of the paragraph that holds each sentence.
    tokens : list of (int, int)
        Computed on first access and cached (pass ``tokens=True`` to
        :func:`segment` to compute them at once).
    dateline : (int, int) or None
        The dateline ("WASHINGTON —") at the start of one of the first paragraphs.
    byline : (int, int) or None
        A byline paragraph ("By Jane Doe") among the first paragraphs.
    """

    __slots__ = (
        "_para_starts",
        "_starts",
        "_tokens",
        "byline",
        "dateline",
        "paragraphs",
        "sentence_paragraph",
        "sentences",
        "text",
    )

    def __init__(
        self,
        text: str,
        paragraphs: list[Span],
        sentences: list[Span],
        sentence_paragraph: list[int],
        tokens: list[Span] | None = None,
        dateline: Span | None = None,
        byline: Span | None = None,
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.sentence_paragraph = sentence_paragraph
        self.dateline = dateline
        self.byline = byline
        self._tokens = tokens
        self._starts: list[int] | None = None
        self._para_starts: list[int] | None = None

    @property
    def tokens(self) -> list[Span]:
        """Token spans, computed on first access and cached."""
        if self._tokens is None:
            self._tokens = token_spans(self.text)
        return self._tokens

    @property
    def n_tokens(self) -> int:
        """Number of tokens; counted without building the spans unless they exist."""
        if self._tokens is None:
            return token_count(self.text)
        return len(self._tokens)

    @property
    def _sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
        return self._starts

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the previous one in a gap)."""
        starts = self._starts if self._starts is not None else self._sentence_starts
        return max(bisect_right(starts, offset) - 1, 0)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset`` (the previous one in a gap)."""
        if self._para_starts is None:
            self._para_starts = [s for s, _ in self.paragraphs]
        return max(bisect_right(self._para_starts, offset) - 1, 0)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segments):
            return NotImplemented
        return (
            self.text == other.text
            and self.paragraphs == other.paragraphs
            and self.sentences == other.sentences
            and self.dateline == other.dateline
            and self.byline == other.byline
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Segments], tuple[object, ...]]:
        # pickle and copy through the constructor (the lazy caches are rebuilt on demand):
        # a compiled (mypyc) class cannot be re-created without its arguments
        return (type(self), (self.text, self.paragraphs, self.sentences, self.sentence_paragraph,
                           self._tokens, self.dateline, self.byline))

    def __repr__(self) -> str:
        return (
            f"Segments({len(self.text)} chars, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, dateline={self.dateline}, "
            f"byline={self.byline})"
        )


def segment(text: object, *, tokens: bool = False) -> Segments:  # object: checked below
    """Split ``text`` into paragraphs, sentences and tokens, with offsets.

    Parameters
    ----------
    text : str
    tokens : bool, default False
        Compute the token spans now.  By default they are computed lazily, on first
        access of ``Segments.tokens``, so stages that need only sentences never pay
        for them; the result is the same either way.

    Returns
    -------
    Segments

    Examples
    --------
    >>> seg = segment('“It is over,” he said.\\n\\nShe disagreed.')
    >>> [seg.text[s:e] for s, e in seg.paragraphs]
    ['“It is over,” he said.', 'She disagreed.']
    >>> seg.sentence_paragraph
    [0, 1]
    >>> [seg.text[s:e] for s, e in seg.tokens][:6]
    ['“', 'It', 'is', 'over', ',', '”']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"segment() expects `text` to be a str; received {type(text).__name__}. "
            "Pass the article text (e.g. corpus['text'].iloc[0])."
        )
    paras = paragraph_spans(text)
    sents, sent_para = _sentences(text, paras)
    dateline, byline = _header(text, paras)
    return Segments(
        text,
        paras,
        sents,
        sent_para,
        tokens=token_spans(text) if tokens else None,
        dateline=dateline,
        byline=byline,
    )


# ----------------------------------------------------------------------------- paragraphs

_SENT_END_CHARS = frozenset(".!?:;\"'”’)]…")


def paragraph_spans(text: str) -> list[Span]:
    """Paragraph spans, stripped of surrounding white space; empty paragraphs are skipped.

    Paragraphs are separated by blank lines when the text has any, else by line
    breaks (one paragraph per line, as in many scraped news texts), except that a line
    that clearly continues on the next one (it ends with a comma or hyphen, or without
    sentence punctuation before a lower-case letter) is joined to it.

    >>> t = "Title\\n\\nFirst para.\\nstill first.\\n\\n  Second para.  "
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['Title', 'First para.\\nstill first.', 'Second para.']
    """
    lines = text.split("\n")
    spans: list[Span] = []
    pos = 0
    blank_mode = len(lines) > 2 and _BLANK_LINE.search(text) is not None
    cur_s = -1  # start of the open paragraph, -1 when none
    cur_e = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            if stripped is line:  # nothing to strip (the usual case): no search needed
                s = pos
                e = pos + len(line)
            else:
                s = pos + line.index(stripped[0])
                e = s + len(stripped)
            if cur_s < 0:
                cur_s = s
            elif not (blank_mode or _continues(text, cur_e, stripped)):
                spans.append((cur_s, cur_e))
                cur_s = s
            cur_e = e
        elif cur_s >= 0:
            spans.append((cur_s, cur_e))
            cur_s = -1
        pos += len(line) + 1
    if cur_s >= 0:
        spans.append((cur_s, cur_e))
    return spans


def _continues(text: str, prev_end: int, nxt: str) -> bool:
    """In one-paragraph-per-line mode: does the line ending at ``prev_end`` go on?"""
    last = text[prev_end - 1]
    if last in ",-":
        return True
    return last not in _SENT_END_CHARS and nxt[0].islower()


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


# ----------------------------------------------------------------------------- sentences

#: terminal punctuation, closing quotes/brackets, then (lookahead) white space, any
#: opening quotes/brackets, and the first character of the next sentence.
_BOUNDARY = re.compile(r"([.!?…]+)[\"'”’)\]]*(?=\s+()[\"'“‘(\[]*(\S))")
#: _BOUNDARY for a text without ``!?…``: a literal first character makes the
#: regex engine's search fast
_PERIOD_BOUNDARY = re.compile(r"(\.[.!?…]*)[\"'”’)\]]*(?=\s+()[\"'“‘(\[]*(\S))")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*(\w+)")
_WORD_STRIP = "\"'“‘([{—–-*_"
_FUNCTION_WORDS = frozenset(
    [
        "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and",
        "or", "but", "as", "than", "that", "this", "its", "their", "his", "her", "our",
        "your", "my",
    ]
)
#: "Why?" Carter asked. / "Why?" asked Carter.  (after ? or ! inside quotes)
_SPEECH_VERBS = (
    r"(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|tweeted|replied|"
    r"replies|responded|answered|explained|continued|noted|insisted|declared|shouted|"
    r"exclaimed|recalled|argued|stated|joked|quipped|cried|demanded|wondered|yelled|"
    r"screamed|chanted|whispered|says?)"
)
_ATTRIBUTION_AFTER = re.compile(
    r"\s+(?:" + _SPEECH_VERBS + r"\b|(?!(?:He|She|They|It|We|I|You)\s)"
    r"(?:[A-Z][\w.’'-]*\s+){1,4}" + _SPEECH_VERBS + r"[.,;:!?\s])"
)
_INITIALISM = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+")
_SENTENCE_START_SYMBOLS = frozenset("$£€#@¿¡")


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans of ``text`` (never crossing a paragraph boundary).

    >>> t = 'U.S. officials said. The talks, led by Sen. John F. Kennedy Jr., failed.'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['U.S. officials said.', 'The talks, led by Sen. John F. Kennedy Jr., failed.']
    """
    return _sentences(text, paragraph_spans(text))[0]


def _sentences(text: str, paras: list[Span]) -> tuple[list[Span], list[int]]:
    """Sentence spans and their paragraph indices, in one pass over ``text``."""
    sents: list[Span] = []
    sent_para: list[int] = []
    if not paras:
        return sents, sent_para
    add_sent, add_para = sents.append, sent_para.append  # bound once: a hot loop
    n_paras = len(paras)
    p = 0
    ps, pe = paras[0]
    start = ps
    hi = paras[-1][1]
    rule_get = _RULE_CACHE.get
    for m in _boundary_matches(text, ps, hi):
        end = m.end()
        while end > pe:  # the candidate lies in a later paragraph: close this one
            add_sent((start, pe))
            add_para(p)
            p += 1
            ps, pe = paras[p]
            start = ps
        if end == pe:  # the paragraph's end is a boundary anyway
            continue
        nxt = m[3]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _SENTENCE_START_SYMBOLS):
            continue
        punct = m[1]
        if punct == ".":
            j = m.start()
            k = text.rfind(" ", ps, j)
            # fast path: the word before the period is cached as a plain sentence end
            if (
                rule_get(text[k + 1 if k >= 0 else ps:j]) != _ENDS
                and not _period_ends_sentence(text, ps, j, end, pe)
            ):
                continue
        elif "?" in punct or "!" in punct:
            if end - m.start() > len(punct) and _ATTRIBUTION_AFTER.match(text, end, pe):
                continue
        else:  # an ellipsis: "... When you array", but not "the ... Senate"
            j = m.start()
            before = text[max(ps, j - 30):j].split()
            if before and before[-1].lower() in _FUNCTION_WORDS:
                continue
        add_sent((start, end))
        add_para(p)
        start = m.end(2)
    add_sent((start, pe))
    add_para(p)
    if p + 1 < n_paras:
        sents.extend(paras[p + 1:])
        sent_para.extend(range(p + 1, n_paras))
    return sents, sent_para


def _boundary_matches(text: str, lo: int, hi: int) -> Iterable[re.Match]:
    """The matches of ``_BOUNDARY.finditer(text, lo, hi)``, found faster.

    The regex engine scans for a leading character class one character at a time,
    but for a leading literal it uses a fast search.  A match always starts a run of
    ``[.!?…]`` (a failed try inside a run fails at the run's start too), so the
    matches are those of ``_PERIOD_BOUNDARY`` (the same pattern led by a literal
    period) at runs that start with a period, plus ``_BOUNDARY`` tried at the starts
    of the (rare) runs that begin with ``!``, ``?`` or ``…``.
    """
    periods = _PERIOD_BOUNDARY.finditer(text, lo, hi)  # fast: a literal-led pattern
    if "?" not in text and "!" not in text and "…" not in text:
        return periods
    matches = list(periods)
    for ch in "!?…":
        q = text.find(ch, lo, hi)
        while q >= 0:
            if q == lo or text[q - 1] not in _TERMINAL:  # a run starts here
                m = _BOUNDARY.match(text, q, hi)
                if m is not None:
                    # a period match inside this run ("?." ) is replaced by the run's
                    i = bisect_left(matches, q, key=re.Match.start)
                    if i < len(matches) and matches[i].start() < m.end():
                        matches[i] = m
                    else:
                        matches.insert(i, m)
            q = text.find(ch, q + 1, hi)
    return matches


_TERMINAL = frozenset(".!?…")


def _strip_word(w: str) -> str:
    """A space-delimited chunk without other white space, opening marks or dashes."""
    if not w.isprintable():  # another white-space character (newline, tab, nbsp)
        parts = w.split()
        w = parts[-1] if parts else ""
    w = w.lstrip(_WORD_STRIP)
    if "—" in w or "–" in w:
        w = re.split(r"[—–]", w)[-1]
    return w


# what a period after a word means (see _period_rule)
_ENDS, _NEVER, _MONTH, _OPENER, _NUMBER = 0, 1, 2, 3, 4
_RULE_CACHE: dict[str, int] = {}
_RULE_CACHE_MAX = 50_000  # entries; the cache is emptied when full
_RULE_CACHE_MAX_CHARS = 64  # longest chunk kept, so the cache stays under ~8 MB


def _period_rule(raw: str) -> int:
    """What a period after the space-delimited chunk ``raw`` means.

    ``_ENDS`` (a sentence end), ``_NEVER`` (a title), ``_MONTH`` (not an end before a
    day number, else as ``_OPENER``) or ``_OPENER`` (an end only before a common
    sentence opener), plus ``_NUMBER`` for a possible list number ("1.").  A pure
    function of ``raw``, so results are cached across documents.
    """
    w = _strip_word(raw)
    if not w:
        return _ENDS
    number = _NUMBER if w.isdigit() else 0
    if len(w) == 1:
        return number | (_OPENER if w.isalpha() else _ENDS)  # initials: John F. Kennedy
    table = _abbreviation_table()
    lw = w.lower()
    entry = table.get(lw)
    if entry is None and "-" in lw:  # (R-Fla.)
        lw = lw.rsplit("-", 1)[1]
        entry = table.get(lw)
    if entry is not None and entry[1] and not w[0].isupper():
        entry = None  # "no." is not "No."
    if entry is None:
        if "." in lw and _INITIALISM.fullmatch(lw):  # an initialism: U.S, a.m, C.D.O.s
            return number | _OPENER
        return number | _ENDS
    kind = entry[0]
    if kind == "title":
        return number | _NEVER
    return number | (_MONTH if kind == "month" else _OPENER)


def _period_ends_sentence(text: str, ps: int, j: int, end: int, pe: int) -> bool:
    """Is the period at ``text[j]`` (boundary candidate ending at ``end``) a sentence end?"""
    k = text.rfind(" ", ps, j)
    raw = text[k + 1 if k >= 0 else ps:j]
    rule = _RULE_CACHE.get(raw)
    if rule is None:
        rule = _period_rule(raw)
        if len(raw) <= _RULE_CACHE_MAX_CHARS:  # a long chunk (no space) is not worth keeping
            if len(_RULE_CACHE) >= _RULE_CACHE_MAX:
                _RULE_CACHE.clear()
            _RULE_CACHE[raw] = rule
    if rule & _NUMBER and k < 0 and j - ps < 4:
        return False  # a list number opening the paragraph: "1. The first ..."
    kind = rule & ~_NUMBER
    if kind == _ENDS:
        return True
    if kind == _NEVER:
        return False
    nxt = _next_word(text, end, pe)
    if kind == _MONTH and nxt[:1].isdigit():
        return False
    return nxt in _sentence_openers()


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m.group(1) if m else ""


# ----------------------------------------------------------------------------- datelines


def _header(text: str, paras: list[Span]) -> tuple[Span | None, Span | None]:
    """``(dateline, byline)`` among the first paragraphs: headline, byline, dateline; the
    first body paragraph ends the search."""
    dateline = byline = None
    for ps, pe in paras[:4]:
        if byline is None and text[ps] in "BbW" and pe - ps < 120:
            m = _BYLINE.match(text, ps, pe)
            if m and m.end() == pe:
                byline = (ps, pe)
                continue
        m = _DATELINE.match(text, ps, pe)
        if m:
            dateline = m.span(1)
            break
        if pe - ps > _MAX_HEADLINE:
            break
    return dateline, byline


_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
_DATE = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
_PAREN = r"\([^()\n]{1,40}\)"
_DATELINE = re.compile(
    rf"(\s*(?:{_PLACE}(?:\s*{_PAREN})?(?:,?\s*{_DATE})?|{_DATE})(?:\s*{_PAREN})?"
    r"\s*(?:—|–|--|-(?=\s)))"
)
_MAX_HEADLINE = 250
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|da|van|von|der|al-\w+|bin|el-\w+))*"
_BYLINE = re.compile(
    rf"(?:By|BY|by|Written by|WRITTEN BY):?\s+{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*(?:{_NAME}|[A-Z][\w ]+))*\.?"
)


# ----------------------------------------------------------------------------- tokens

_SPACE, _WORD, _DIGIT, _ALPHA, _GLUE, _NUMSEP, _DOT, _DASH = 1, 2, 4, 8, 16, 32, 64, 128


def _char_classes() -> np.ndarray:
    """Bit flags (uint8) for every code point (~0.1 s; :func:`_class_ids` keeps the result).

    ``\\w``, ``\\s`` and ``\\d`` are taken from Python's own regular-expression engine
    so tokens agree with ``re`` on every Unicode character.
    """
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")

    def mask(pattern: str) -> np.ndarray:
        marked = re.sub(pattern, "\x00", every)
        return np.frombuffer(marked.encode("utf-32-le", "surrogatepass"), np.uint32) == 0

    word, space, digit = mask(r"\w"), mask(r"\s"), mask(r"\d")
    word[0] = space[0] = digit[0] = False  # NUL itself is a symbol
    table = np.zeros(0x110000, np.uint8)
    table[space] |= _SPACE
    table[word] |= _WORD
    table[digit] |= _DIGIT
    for chars, flag in (
        ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", _ALPHA),
        ("'’-", _GLUE), (".,:/", _NUMSEP), (".", _DOT), ("-—–", _DASH),
    ):
        for c in chars:
            table[ord(c)] |= flag
    table.setflags(write=False)
    return table


# Each character gets one class id (< 16); whether two neighbours text[k-1], text[k]
# belong to one token depends only on the classes of text[k-2 .. k+1], so one lookup in
# a 65,536-entry table of 4-grams gives, for every gap k, the join and the token
# start/end flags at once (initialisms, which need a wider window, are fixed after).
(_C_OTHER, _C_SPACE, _C_DIGIT, _C_ALPHA, _C_WORD, _C_APOS, _C_HYPHEN, _C_DASH, _C_DOT,
 _C_SEP, _C_PERCENT) = range(11)
_G_END, _G_START, _G_PAIR = 1, 2, 4  # flags of gap k in the 4-gram table


@lru_cache(maxsize=1)
def _class_ids() -> np.ndarray:
    """Class id of every code point (uint16, 2.2 MB, built once), from :func:`_char_classes`."""
    f = _char_classes()
    ids = np.full(f.size, _C_OTHER, np.uint16)
    ids[(f & _SPACE) != 0] = _C_SPACE
    word = (f & _WORD) != 0
    ids[word] = _C_WORD
    ids[word & ((f & _ALPHA) != 0)] = _C_ALPHA
    ids[word & ((f & _DIGIT) != 0)] = _C_DIGIT
    for chars, cid in (("'’", _C_APOS), ("-", _C_HYPHEN), ("—–", _C_DASH), (".", _C_DOT),
                       (",:/", _C_SEP), ("%", _C_PERCENT)):
        for c in chars:
            ids[ord(c)] = cid
    ids.setflags(write=False)
    return ids


@lru_cache(maxsize=1)
def _gap_table() -> np.ndarray:
    """Flags of the gap between ``b`` and ``x`` in the class 4-gram ``a b | x y``.

    Indexed by ``a << 12 | b << 4 | x << 8 | y``, the order in which token_spans
    builds the key from two overlapping bigrams.
    """
    a, b, x, y = (v.ravel() for v in np.meshgrid(*[np.arange(16)] * 4, indexing="ij"))

    def is_(v, *ids):
        return np.isin(v, ids)

    word = lambda v: is_(v, _C_DIGIT, _C_ALPHA, _C_WORD)
    glue = lambda v: is_(v, _C_APOS, _C_HYPHEN)
    numsep = lambda v: is_(v, _C_DOT, _C_SEP)
    dash = lambda v: is_(v, _C_HYPHEN, _C_DASH)
    digit = lambda v: v == _C_DIGIT
    # does b join x?  (the rules of token_spans' docstring, initialisms aside)
    join = (
        (word(b) & word(x))
        | (glue(x) & word(b) & word(y)) | (glue(b) & word(a) & word(x))
        | (numsep(x) & digit(b) & digit(y)) | (numsep(b) & digit(a) & digit(x))
        | (digit(b) & (x == _C_PERCENT))
        | ((b == _C_DOT) & (x == _C_DOT)) | (dash(b) & dash(x))
    )
    flags = np.zeros(a.size, np.uint8)
    flags[(x == _C_DOT) & (b == _C_ALPHA) & ~word(a)] |= _G_PAIR  # "U." with x the dot
    flags[(x != _C_SPACE) & ~join] |= _G_START  # a token starts at x
    flags[(b != _C_SPACE) & ~join] |= _G_END  # a token ends with b
    table = np.zeros(1 << 16, np.uint8)
    table[(a << 12) | (b << 4) | (x << 8) | y] = flags
    table.setflags(write=False)
    return table


def token_spans(text: str) -> list[Span]:
    """Token spans of ``text`` in one vectorised pass over its code points.

    A token is a run of word characters, possibly joined by inner apostrophes or
    hyphens ("don't", "al-Muallem"); a number with inner separators and an optional
    percent sign ("1,000", "3.5%"); an initialism ("U.S.", "a.m."); a run of periods
    or dashes ("...", "--"); or any other single non-space character.  Every
    non-space character is in exactly one token and no token holds white space.

    >>> t = "The U.S.-led coalition's 1,000 troops..."
    >>> [t[s:e] for s, e in token_spans(t)]
    ['The', 'U.S.', '-', 'led', "coalition's", '1,000', 'troops', '...']
    """
    if not text:
        return []
    gaps = _token_gaps(text)
    is_start = (gaps & _G_START) != 0
    is_end = (gaps & _G_END).view(bool)  # _G_END is 1, so the bytes are valid bools
    if gaps.size <= _INT_CACHE_SIZE:
        # offsets picked from shared, pre-built int objects: no int allocated per token
        ints = _int_objects()[:gaps.size]
        return list(zip(ints.compress(is_start).tolist(), ints.compress(is_end).tolist()))
    return list(zip(np.flatnonzero(is_start).tolist(), np.flatnonzero(is_end).tolist()))


def token_count(text: str) -> int:
    """Number of tokens of ``text``, ``len(token_spans(text))`` without building the spans.

    >>> token_count("The U.S.-led coalition's 1,000 troops...")
    8
    """
    if not text:
        return 0
    return int(np.count_nonzero(_token_gaps(text) & _G_START))


def _token_gaps(text: str) -> np.ndarray:
    """Per gap (before each character, and the end) the token start/end flags of the text."""
    # two spaces of padding on each side: gap k (before text[k]) sees text[k-2 .. k+1]
    cp = np.frombuffer(("  " + text + "  ").encode("utf-32-le", "surrogatepass"), np.uint32)
    c = _class_ids().take(cp)
    bigrams = (c[:-1] << 8) | c[1:]
    gaps = _gap_table().take((bigrams[:-2] << 4) | bigrams[2:])  # gaps 0 .. len(text)
    dots = (gaps >= _G_PAIR).nonzero()[0]  # "X." pairs (_G_PAIR is the top flag)
    if dots.size:
        # initialisms: a letter-dot pair chained with the pair two characters on
        # ("U.S."): the letter joins its dot (gap i), and the dot the next letter (i + 1)
        joined = _initialism_gaps(dots)
        if len(joined):
            gaps[joined] &= ~np.uint8(_G_START | _G_END)
    return gaps


def _initialism_gaps(dots: np.ndarray) -> list[int] | np.ndarray:
    """Gaps joined inside initialisms, given the offsets of the "X." pairs' dots."""
    if dots.size > 32:  # many (a run of initials): vectorised
        nxt = np.isin(dots + 2, dots)
        prv = np.isin(dots - 2, dots)
        return np.concatenate([dots[nxt | prv], dots[nxt] + 1])
    chained = set(dots.tolist())
    joined = []
    for i in chained:
        if i + 2 in chained:
            joined.append(i)
            joined.append(i + 1)
        elif i - 2 in chained:
            joined.append(i)
    return joined


_INT_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=1)
def _int_objects() -> np.ndarray:
    """The ints ``0 .. _INT_CACHE_SIZE - 1`` as an object array (2.3 MB, built once)."""
    ints = np.array(list(range(_INT_CACHE_SIZE)), dtype=object)
    ints.setflags(write=False)
    return ints


# ----------------------------------------------------------------------------- corpus level


def _iter_docs(corpus: pd.DataFrame):
    return zip(corpus["id"].tolist(), corpus["text"].tolist())


def split_paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph: ``doc_id, paragraph, start, end, text``.

    Examples
    --------
    >>> import framing
    >>> paras = framing.text.split_paragraphs(framing.datasets.load("seed"))
    >>> len(paras)
    14
    """
    rows = []
    for doc_id, text in _iter_docs(corpus):
        for i, (s, e) in enumerate(paragraph_spans(text)):
            rows.append((doc_id, i, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "paragraph", "start", "end", "text"])


def split_sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id, sentence, paragraph, start, end, text``.

    Examples
    --------
    >>> import framing
    >>> sents = framing.text.split_sentences(framing.datasets.load("seed"))
    >>> len(sents), sents["text"].iloc[0][:39]
    (15, 'US Defense Secretary Ashton Carter says')
    """
    rows = []
    for doc_id, text in _iter_docs(corpus):
        seg = segment(text)
        for i, ((s, e), p) in enumerate(zip(seg.sentences, seg.sentence_paragraph)):
            rows.append((doc_id, i, p, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "paragraph", "start", "end", "text"])


def tokenize(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per token: ``doc_id, token, sentence, start, end, text``.

    Examples
    --------
    >>> import framing
    >>> toks = framing.text.tokenize(framing.datasets.load("seed"))
    >>> toks["text"].head(3).tolist()
    ['US', 'Defense', 'Secretary']
    """
    rows = []
    for doc_id, text in _iter_docs(corpus):
        seg = segment(text)
        starts = seg._sentence_starts
        for i, (s, e) in enumerate(seg.tokens):
            rows.append((doc_id, i, max(bisect_right(starts, s) - 1, 0), s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "token", "sentence", "start", "end", "text"])
