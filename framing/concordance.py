"""Keyword in context: every occurrence of a term or pattern with its surrounding text."""
from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from ._errors import DataError

__all__ = ["KWIC_COLUMNS", "KwicTable", "kwic"]

KWIC_COLUMNS = ["doc_id", "outlet", "start", "end", "left", "match", "right"]


class KwicTable(pd.DataFrame):
    """A concordance DataFrame that notebooks render with the match highlighted."""

    @property
    def _constructor(self):
        return KwicTable

    def _repr_html_(self) -> str:  # pragma: no cover - exercised in notebooks
        if not {"left", "match", "right"} <= set(self.columns):
            return super()._repr_html_()
        return kwic_html(self)


def kwic(
    corpus: pd.DataFrame,
    term_or_regex: str | re.Pattern,
    *,
    window: int = 60,
    regex: bool = False,
    case: bool = False,
    whole_word: bool = True,
    by: str = "outlet",
    limit: int | None = None,
) -> KwicTable:
    """Concordance lines (keyword in context) for a term or a regular expression.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with ``id``, ``text`` and the ``by`` column.
    term_or_regex : str or compiled pattern
        A literal term (multiword allowed; whitespace matches any run of spaces), or a
        regular expression when ``regex=True`` or when a compiled pattern is given.
    window : int, default 60
        Characters of context on each side (cut back to a word boundary, and never across
        a paragraph break).
    regex : bool, default False
    case : bool, default False
        Case-sensitive matching.
    whole_word : bool, default True
        Literal terms match whole words only ("ISIS" does not match "crisis").
    by : str, default "outlet"
        Group column reported as ``outlet``.
    limit : int, optional
        Stop after this many lines.

    Returns
    -------
    KwicTable
        A DataFrame with ``doc_id, outlet, start, end, left, match, right``;
        ``text[start:end] == match``.  In a notebook it renders with the match highlighted.

    Examples
    --------
    >>> import framing
    >>> k = framing.kwic(framing.datasets.load("seed"), "Daesh", window=20)
    >>> k["match"].iloc[0]
    'Daesh'
    >>> list(k.columns)
    ['doc_id', 'outlet', 'start', 'end', 'left', 'match', 'right']
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be a non-negative integer; got {window!r}.")
    pattern = _compile(term_or_regex, regex=regex, case=case, whole_word=whole_word)
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise DataError(
            f"kwic needs a corpus with 'id' and 'text'; missing {missing}. Load it with "
            "framing.read_corpus(...)."
        )
    groups = corpus[by].astype(str).tolist() if by in corpus.columns else [None] * len(corpus)
    rows: list[tuple] = []
    for doc_id, group, text in zip(corpus["id"].astype(str), groups, corpus["text"]):
        if not isinstance(text, str):
            continue
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            rows.append((doc_id, group, m.start(), m.end(),
                         _left(text, m.start(), window), m.group(0),
                         _right(text, m.end(), window)))
            if limit is not None and len(rows) >= limit:
                return KwicTable(rows, columns=KWIC_COLUMNS)
    if not rows:
        return KwicTable({c: pd.Series([], dtype=object) for c in KWIC_COLUMNS})
    return KwicTable(rows, columns=KWIC_COLUMNS)


def _compile(term: Any, *, regex: bool, case: bool, whole_word: bool) -> re.Pattern:
    flags = 0 if case else re.IGNORECASE
    if isinstance(term, re.Pattern):
        return term
    if not isinstance(term, str) or not term.strip():
        raise ValueError(
            f"term_or_regex must be a non-empty string or a compiled pattern; got {term!r}."
        )
    if regex:
        try:
            return re.compile(term, flags)
        except re.error as exc:
            raise ValueError(
                f"term_or_regex {term!r} is not a valid regular expression ({exc}); pass "
                "regex=False to search for it literally."
            ) from None
    body = r"\s+".join(re.escape(w) for w in term.split())
    if whole_word:
        body = r"(?<!\w)" + body + r"(?!\w)"
    return re.compile(body, flags)


def _left(text: str, start: int, window: int) -> str:
    lo = max(0, start - window)
    brk = text.rfind("\n", lo, start)
    if brk != -1:
        lo = brk + 1
    elif lo > 0:
        sp = text.find(" ", lo, start)
        if sp != -1:
            lo = sp + 1
    return " ".join(text[lo:start].split()) + (" " if text[lo:start][-1:].isspace() else "")


def _right(text: str, end: int, window: int) -> str:
    hi = min(len(text), end + window)
    brk = text.find("\n", end, hi)
    if brk != -1:
        hi = brk
    elif hi < len(text):
        sp = text.rfind(" ", end, hi)
        if sp != -1:
            hi = sp
    lead = " " if text[end:hi][:1].isspace() else ""
    return lead + " ".join(text[end:hi].split())


def kwic_html(table: pd.DataFrame, *, max_rows: int = 200) -> str:
    """An HTML table of concordance lines, the match highlighted; everything escaped."""
    esc = html.escape
    lines = [('<table class="framing-kwic" style="border-collapse:collapse;font-family:'
             'monospace">'),
             ("<thead><tr><th>doc_id</th><th>outlet</th>"
             '<th style="text-align:right">left</th><th>match</th><th>right</th>'
             "</tr></thead><tbody>")]
    for row in table.head(max_rows).itertuples(index=False):
        d = row._asdict()
        lines.append(
            f"<tr><td>{esc(str(d['doc_id']))}</td><td>{esc(str(d['outlet']))}</td>"
            f'<td style="text-align:right;white-space:pre">{esc(str(d["left"]))}</td>'
            f'<td><mark style="background:#ffe08a;font-weight:bold">{esc(str(d["match"]))}'
            f'</mark></td><td style="white-space:pre">{esc(str(d["right"]))}</td></tr>'
        )
    lines.append("</tbody></table>")
    if len(table) > max_rows:
        lines.append(f"<p>{len(table) - max_rows} more lines not shown.</p>")
    return "\n".join(lines)
