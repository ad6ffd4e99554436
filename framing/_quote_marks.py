"""Pair quotation marks into quote spans, robust to straight, curly, unbalanced marks.

Rules (one left-to-right pass over the double marks, then single marks in what is left):

* curly marks say their direction (“ „ « open, ” » close) unless the context contradicts it
  (a ``”`` after a space and before a letter opens; a ``“`` after a letter and before a
  space or the end closes);
* a straight ``"`` opens after a space, the start of a paragraph or an opening bracket/dash,
  and closes otherwise;
* a quote opened in one paragraph and not closed there continues into the next paragraph
  when that paragraph starts with an opening mark (the newswire convention for quotes that
  run over several paragraphs); otherwise it ends with its paragraph (``balanced=False``);
* an opening mark while a quote is open ends the open quote just before it (unbalanced);
* a stray closing mark is ignored.

Nothing here raises on any input; every span satisfies ``0 <= start < end <= len(text)``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final

__all__ = ["quote_spans"]

# the double marks ('' is the New York Times' straight double mark); _double_marks finds
# the same matches with str.find
_DOUBLE: Final = re.compile(r"''|[“”\"„«»‟]")
_SINGLE: Final = re.compile(
    r"[‘'](?<![\w’'][‘'])(?<!'')(?=[A-Za-z0-9])"    # opening single mark at a word start
    r"(?:[^‘’'\n\"“”]|[’'](?=\w))"                  # content (apostrophes inside words)
    r"{1,250}?[^\s‘’']"
    r"[’'](?![\w’'])"                                # closing mark at a word end
)
_OPEN_CTX: Final = frozenset(" \t\n\r\u00a0([{—–-/:;")
_OPEN_CTX_STRAIGHT: Final = _OPEN_CTX | frozenset("“‘'")   # a straight " opens after these


def _direction(text: str, i: int, ch: str, start: int, end: int) -> int:
    """+1 opening, -1 closing, 0 unknown (straight mark between two spaces)."""
    prev = text[i - 1] if i > start else " "
    j = i + len(ch)
    nxt = text[j] if j < end else " "
    if ch in "“„«‟":
        if ch == "“" and not (prev in _OPEN_CTX or prev in "“‘\"'") and (nxt.isspace() or nxt in ".,;:!?)"):
            return -1
        return 1
    if ch in "”»":
        if prev.isspace() and (nxt.isalnum()):
            return 1
        if i == start and nxt in " \u00a0…":
            return 1        # a paragraph opening with a wrong-way mark: ”… what I learned
        return -1
    # straight double quote
    if prev in _OPEN_CTX or prev in "“‘'":
        if nxt.isspace():
            return 0
        return 1
    return -1


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Quote spans ``(start, end, balanced)`` with both marks included, end exclusive.

    Parameters
    ----------
    text : str
    paragraphs : list of (int, int)
        Paragraph spans (from :func:`framing.text.segment`), in order.

    Examples
    --------
    >>> t = '“One,” he said. "Two'
    >>> [(t[s:e], ok) for s, e, ok in quote_spans(t, [(0, len(t))])]
    [('“One,”', True), ('"Two', False)]
    """
    spans: list[tuple[int, int, bool]] = []
    if not paragraphs:
        return spans
    last_par = len(paragraphs) - 1
    par_ends = [e for _, e in paragraphs]
    p = 0
    open_pos = -1
    open_par = -1
    ps, pe = paragraphs[0]
    append = spans.append
    open_ctx = _OPEN_CTX_STRAIGHT
    for i in _double_marks(text):
        if i >= pe:
            # the first paragraph from p on that ends after i (ends are increasing)
            p = bisect_right(par_ends, i, p)
            if p > last_par:
                p = last_par
            ps, pe = paragraphs[p]
        if i < ps or i >= pe:
            continue
        ch = text[i]
        # fast paths for the usual marks; _direction handles the rest
        if ch == '"':
            if i > ps and text[i - 1] not in open_ctx:
                d = -1
            elif i + 1 < pe and not text[i + 1].isspace():
                d = 1
            else:
                d = 0
        elif ch == "“" and (i == ps or text[i - 1] in _OPEN_CTX):
            d = 1
        elif ch == "”" and i > ps and not text[i - 1].isspace():
            d = -1
        else:
            if ch == "'":
                ch = "''"
            d = _direction(text, i, ch, ps, pe)
        if open_pos >= 0 and p != open_par:
            if d >= 0 and i == ps and p == open_par + 1:
                open_par = p            # the quote runs on into this paragraph
                continue
            append((open_pos, paragraphs[open_par][1], False))
            open_pos = -1
        if d == 0:
            d = -1 if open_pos >= 0 else 1
        if d > 0:
            if open_pos >= 0:
                e = i
                while e > open_pos + 1 and text[e - 1].isspace():
                    e -= 1
                append((open_pos, e, False))
            open_pos = i
            open_par = p
        elif open_pos >= 0:
            append((open_pos, i + 2 if ch == "''" else i + 1, True))
            open_pos = -1
    if open_pos >= 0:
        append((open_pos, paragraphs[open_par][1], False))
    if "‘" in text or "'" in text:
        spans = _add_single(text, spans)
    return spans


def _double_marks(text: str) -> list[int]:
    """Start offsets of the double marks, in order: the matches of ``_DOUBLE.finditer``
    found with ``str.find`` (many times faster than a regex character-class scan)."""
    found = []
    kinds = 0
    for c in _DOUBLE_CHARS:
        if c in text:
            kinds += 1
            find = text.find
            i = find(c)
            while i >= 0:
                found.append(i)
                i = find(c, i + 1)
    if "'" in text and "''" in text:    # (a one-character test first: many times faster)
        kinds += 1
        find = text.find
        i = find("''")
        while i >= 0:
            found.append(i)
            i = find("''", i + 2)
    if kinds > 1:
        found.sort()
    return found


_DOUBLE_CHARS: Final = "“”\"„«»‟"
#: _SINGLE with a literal first character: the regex engine then scans for the opening mark
#: with a fast literal search (used when the text holds no ‘)
_SINGLE_STRAIGHT: Final = re.compile(_SINGLE.pattern.replace("[‘']", "'", 1))


def _add_single(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Single-quoted spans that lie outside every double-quoted span."""
    extra = []
    k = 0
    n = len(spans)
    for m in (_SINGLE if "‘" in text else _SINGLE_STRAIGHT).finditer(text):
        s, e = m.span()
        while k < n and spans[k][1] <= s:
            k += 1
        if k < n and spans[k][0] < e:
            continue
        extra.append((s, e, True))
    if not extra:
        return spans
    return sorted(spans + extra)
