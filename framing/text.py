"""Offset-true segmentation of news text into paragraphs, sentences and tokens.

Every span is a ``(start, end)`` pair of character offsets into the *original* text
(end exclusive), so ``text[start:end]`` is always the unit itself: nothing is
normalised before offsets are taken.

The per-article hot path is a handful of compiled regular expressions (one pass for
tokens, one for sentence-boundary candidates per paragraph) with an abbreviation
table shipped as package data (``framing/data/abbreviations.csv``).  That table is
built from NLTK's Punkt trainer, run by the project on redistributable news text and
curated by hand (see ``tools/train_abbreviations.py``); it ships as plain text, never
as a pickle.  NLTK's own ``span_tokenize`` runs at about 900 articles/s on PolNeAR, far
below the toolkit's target, so it is used for learning, not per article.

Examples
--------
>>> from framing.text import segment
>>> seg = segment("WASHINGTON — Mr. Smith met Gen. Jones in the U.S. capital. He left.")
>>> [seg.text[s:e] for s, e in seg.sentences]
['WASHINGTON — Mr. Smith met Gen. Jones in the U.S. capital.', 'He left.']
>>> seg.text[slice(*seg.dateline)]
'WASHINGTON —'
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

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
]

# ----------------------------------------------------------------------------- patterns

#: tokens: initialisms (U.S., U.N.), words with inner apostrophes/hyphens, numbers with
#: separators, ellipses, dash runs, then any other single non-space character.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"                  # U.S. U.N. a.m.
    r"|\d+(?:[.,:/]\d+)*%?"                # 1,000  3.5  9/11  10:30
    r"|\w+(?:['’]\w+|-\w+)*"               # don't, al-Muallem, U.S.-led handled above
    r"|\.{2,}|…|[-—–]{2,}"                 # ellipsis, dash runs
    r"|[^\w\s]",                           # any other single symbol
)

#: paragraph separators: a blank line when the text has one, else a single line break.
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_PARA_SPLIT_BLANK = re.compile(r"(?:\n[ \t\r\f\v\u00a0]*){2,}")
_PARA_SPLIT_LINE = re.compile(r"\n+")

#: a sentence-boundary candidate: terminal punctuation, closing quotes/brackets, then
#: whitespace and something that can open a sentence.
_BOUNDARY = re.compile(
    r"(?:[.!?]+|…|\.\.\.)[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9\u00c0-\u024f])"
)

_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z.' ]{1,40})?"   # CITY, Country
    r"(?:,?\s*\([^)\n]{1,40}\))?"                                          # (Reuters)
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"                # , Jan. 03
    r"(?:\s*\([^)\n]{1,40}\))?"                                            # (MNA)
    r"\s*(?:[—–]|--|-)(?=\s))"
)


@lru_cache(maxsize=1)
def _abbreviation_table() -> tuple[frozenset[str], frozenset[str]]:
    """(no_break, maybe_break): lower-cased abbreviations without their final period.

    ``no_break`` abbreviations (titles such as mr, gen, sen) precede a name and never end
    a sentence; ``maybe_break`` ones (inc, jr, u.s) end a sentence when the next word is a
    common sentence opener.
    """
    no_break: set[str] = set()
    maybe: set[str] = set()
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
            abbr = row["abbreviation"].lower().rstrip(".")
            (no_break if row["kind"] == "title" else maybe).add(abbr)
    return frozenset(no_break), frozenset(maybe)


@lru_cache(maxsize=1)
def _sentence_openers() -> frozenset[str]:
    src = resources.files("framing.data").joinpath("sentence_openers.txt")
    with src.open(encoding="utf-8") as fh:
        return frozenset(
            w.strip() for w in fh if w.strip() and not w.startswith("#")
        )


# ----------------------------------------------------------------------------- Segments

@dataclass(frozen=True, slots=True)
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
    tokens : list of (int, int) or None
        ``None`` when segmented with ``tokens=False``.
    dateline : (int, int) or None
        The dateline at the start of the article ("WASHINGTON —"), if any.
    """

    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    sentence_paragraph: list[int]
    tokens: list[tuple[int, int]] | None = None
    dateline: tuple[int, int] | None = None
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the previous one in a gap)."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding character ``offset``."""
        if not self.sentences:
            return 0
        return self.sentence_paragraph[self.sentence_of(offset)]

    @property
    def n_tokens(self) -> int:
        toks = self.tokens if self.tokens is not None else token_spans(self.text)
        return len(toks)


def segment(text: str, *, tokens: bool = True) -> Segments:
    """Split ``text`` into paragraphs, sentences and (optionally) tokens, with offsets.

    Parameters
    ----------
    text : str
    tokens : bool, default True
        Also compute token spans (the costliest part); stages that need only sentences
        can pass ``False``.

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
    """
    paras = paragraph_spans(text)
    sents: list[tuple[int, int]] = []
    sent_para: list[int] = []
    for p, (ps, pe) in enumerate(paras):
        for span in _sentences_in(text, ps, pe):
            sents.append(span)
            sent_para.append(p)
    dl = _DATELINE.match(text, paras[0][0], paras[0][1]) if paras else None
    return Segments(
        text=text,
        paragraphs=paras,
        sentences=sents,
        sentence_paragraph=sent_para,
        tokens=token_spans(text) if tokens else None,
        dateline=dl.span(1) if dl else None,
        _sentence_starts=[s for s, _ in sents],
    )


def token_spans(text: str) -> list[tuple[int, int]]:
    """Token spans of ``text`` in one compiled-regex pass.

    >>> t = "The U.S.-led coalition's 1,000 troops..."
    >>> [t[s:e] for s, e in token_spans(t)]
    ['The', 'U.S.', '-', 'led', "coalition's", '1,000', 'troops', '...']
    """
    return [m.span() for m in _TOKEN.finditer(text)]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, stripped of surrounding whitespace; empty paragraphs are skipped.

    Paragraphs are separated by blank lines when the text has any, else by single line
    breaks (one paragraph per line, as in many scraped news texts).
    """
    splitter = _PARA_SPLIT_BLANK if _BLANK_LINE.search(text) else _PARA_SPLIT_LINE
    spans = []
    pos = 0
    for m in splitter.finditer(text):
        _add_stripped(text, pos, m.start(), spans)
        pos = m.end()
    _add_stripped(text, pos, len(text), spans)
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (never crossing a paragraph boundary)."""
    return segment(text, tokens=False).sentences


def _add_stripped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _sentences_in(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    no_break, maybe = _abbreviation_table()
    openers = _sentence_openers()
    out = []
    start = ps
    for m in _BOUNDARY.finditer(text, ps, pe):
        j = m.start()
        if text[j] == "." and not text.startswith("..", j):
            k = j
            while k > ps and not text[k - 1].isspace() and text[k - 1] not in "\"'“‘([—–":
                k -= 1
            word = text[k:j].lower()
            if word:
                if len(word) == 1 and word.isalpha():      # an initial: John F. Kennedy
                    continue
                if word in no_break:
                    continue
                if word in maybe or ("." in word and word.replace(".", "").isalpha()):
                    nxt = _next_word(text, m.end(), pe)
                    if nxt not in openers:
                        continue
        end = m.end()
        if end > start:
            out.append((start, end))
        start = end
        while start < pe and text[start].isspace():
            start += 1
    if start < pe:
        out.append((start, pe))
    return out


_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*(\w+)")


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m.group(1) if m else ""


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
    >>> sents["text"].iloc[0][:38]
    'US Defense Secretary Ashton Carter says'
    """
    rows = []
    for doc_id, text in _iter_docs(corpus):
        seg = segment(text, tokens=False)
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
        for i, (s, e) in enumerate(seg.tokens or []):
            rows.append((doc_id, i, max(bisect_right(starts, s) - 1, 0), s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "token", "sentence", "start", "end", "text"])
