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
    character-class table, about three times faster than a compiled regular
    expression.  Tokens are computed lazily: ``Segments.tokens`` runs the pass on
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
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

__all__ = [
    "Segments",
    "segment",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "split_paragraphs",
    "split_sentences",
    "tokenize",
    "abbreviations",
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
        "text", "paragraphs", "sentences", "sentence_paragraph", "dateline",
        "byline", "_tokens", "_starts",
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

    @property
    def tokens(self) -> list[Span]:
        """Token spans, computed on first access and cached."""
        if self._tokens is None:
            self._tokens = token_spans(self.text)
        return self._tokens

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def _sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
        return self._starts

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the previous one in a gap)."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset`` (the previous one in a gap)."""
        return max(bisect_right(self.paragraphs, (offset, float("inf"))) - 1, 0)

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

    def __repr__(self) -> str:
        return (
            f"Segments({len(self.text)} chars, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, dateline={self.dateline}, "
            f"byline={self.byline})"
        )


def segment(text: str, *, tokens: bool = False) -> Segments:
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
    dateline = byline = None
    for ps, pe in paras[:4]:  # headline, byline, dateline: the first body paragraph ends it
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
        n = len(line)
        stripped = line.strip()
        if stripped:
            s = pos + line.index(stripped[0])
            e = s + len(stripped)
            if cur_s < 0:
                cur_s, cur_e = s, e
            elif blank_mode or _continues(text, cur_e, stripped):
                cur_e = e
            else:
                spans.append((cur_s, cur_e))
                cur_s, cur_e = s, e
        elif cur_s >= 0:
            spans.append((cur_s, cur_e))
            cur_s = -1
        pos += n + 1
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
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*(\w+)")
_WORD_STRIP = "\"'“‘([{—–-*_"
_FUNCTION_WORDS = frozenset(
    "the a an of to in on at by for from with and or but as than that this its their "
    "his her our your my".split()
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
    """Sentence spans and their paragraph indices, in one regex pass over ``text``."""
    sents: list[Span] = []
    sent_para: list[int] = []
    if not paras:
        return sents, sent_para
    n_paras = len(paras)
    p = 0
    ps, pe = paras[0]
    start = ps
    for m in _BOUNDARY.finditer(text, ps, paras[-1][1]):
        end = m.end()
        while end > pe:  # the candidate lies in a later paragraph: close this one
            sents.append((start, pe))
            sent_para.append(p)
            p += 1
            ps, pe = paras[p]
            start = ps
        if end == pe:  # the paragraph's end is a boundary anyway
            continue
        nxt = m.group(3)
        if not (nxt.isupper() or nxt.isdigit() or nxt in _SENTENCE_START_SYMBOLS):
            continue
        j = m.start()
        punct = m.group(1)
        if punct == ".":
            if not _period_ends_sentence(text, ps, j, end, pe):
                continue
        elif "?" in punct or "!" in punct:
            if end - j > len(punct) and _ATTRIBUTION_AFTER.match(text, end, pe):
                continue
        else:  # an ellipsis: "... When you array", but not "the ... Senate"
            before = text[max(ps, j - 30):j].split()
            if before and before[-1].lower() in _FUNCTION_WORDS:
                continue
        sents.append((start, end))
        sent_para.append(p)
        start = m.end(2)
    sents.append((start, pe))
    sent_para.append(p)
    for q in range(p + 1, n_paras):
        sents.append(paras[q])
        sent_para.append(q)
    return sents, sent_para


def _word_before(text: str, ps: int, j: int) -> str:
    """The white-space delimited word that ends at ``j``, without opening marks."""
    k = text.rfind(" ", ps, j) + 1
    if k == 0:
        k = ps
    w = text[k:j]
    if not w.isprintable():  # another white-space character (newline, tab, nbsp)
        parts = w.split()
        w = parts[-1] if parts else ""
    w = w.lstrip(_WORD_STRIP)
    if "—" in w or "–" in w:
        w = re.split(r"[—–]", w)[-1]
    return w


def _period_ends_sentence(text: str, ps: int, j: int, end: int, pe: int) -> bool:
    """Is the period at ``text[j]`` (boundary candidate ending at ``end``) a sentence end?"""
    w = _word_before(text, ps, j)
    if not w:
        return True
    if w.isdigit() and j - ps < 4 and text.rfind(" ", ps, j) < 0:
        return False  # a list number opening the paragraph: "1. The first ..."
    if len(w) == 1:
        if w.isalpha():  # an initial: John F. Kennedy, George W. Bush
            return _next_word(text, end, pe) in _sentence_openers()
        return True
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
            kind = "other"
        else:
            return True
    else:
        kind = entry[0]
    if kind == "title":
        return False
    nxt = _next_word(text, end, pe)
    if kind == "month" and nxt[:1].isdigit():
        return False
    return nxt in _sentence_openers()


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m.group(1) if m else ""


# ----------------------------------------------------------------------------- datelines

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


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """Bit flags (uint8) for every code point, built once (~0.1 s, 1.1 MB).

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
    # two trailing spaces so every shifted view below is defined
    cp = np.frombuffer((text + "  ").encode("utf-32-le", "surrogatepass"), np.uint32)
    f = _char_classes()[cp]
    n = f.size
    w = (f & _WORD) != 0
    d = (f & _DIGIT) != 0
    # join[k]: characters k and k+1 belong to the same token
    join = w[:-1] & w[1:]
    inner = f[1:-1]
    glue = ((inner & _GLUE) != 0) & w[:-2] & w[2:]
    glue |= ((inner & _NUMSEP) != 0) & d[:-2] & d[2:]
    join[:-1] |= glue
    join[1:] |= glue
    join |= d[:-1] & (cp[1:] == 37)  # 3.5%
    dot = (f & _DOT) != 0
    join |= dot[:-1] & dot[1:]
    dash = (f & _DASH) != 0
    join |= dash[:-1] & dash[1:]
    # initialisms: a dot after a single ASCII letter, chained with another such pair
    pair = np.zeros(n + 2, bool)
    pair[2:n] = dot[2:] & ((f[1:-1] & _ALPHA) != 0) & ~w[:-2]
    pair[1] = dot[1] and (f[0] & _ALPHA) != 0
    if pair.any():
        nxt = np.zeros(n + 2, bool)
        nxt[:n] = pair[2:]
        prv = np.zeros(n + 2, bool)
        prv[2:] = pair[:n]
        join |= (pair & (nxt | prv))[1:n]      # letter + its dot
        join |= (pair & nxt)[:n - 1]           # dot + next letter
    solid = (f & _SPACE) == 0
    starts = solid.copy()
    starts[1:] &= ~join
    ends = solid
    ends[:-1] &= ~join
    return list(zip(np.flatnonzero(starts).tolist(), (np.flatnonzero(ends) + 1).tolist()))


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
