"""A highlighted view of one article: loaded terms by category, quotes coloured by source.

:func:`show` returns an :class:`ArticleView`, which notebooks render as HTML
(``_repr_html_``) and which :func:`framing.write_report` embeds.  Everything that comes
from the corpus or a lexicon (text, title, outlet, speakers, verbs, entries) is escaped
with :func:`html.escape`; nothing from the corpus is ever emitted as markup or script.
"""
from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._errors import DataError

__all__ = ["CATEGORY_STYLES", "QUOTE_COLOURS", "ArticleView", "show"]

#: light tints of the Okabe-Ito palette, one per source (cycled)
QUOTE_COLOURS = ["#cfe3f3", "#fbe3b3", "#bfe6da", "#f6cdb3", "#d6ecf9", "#f0d3e4", "#f8f2b8",
                 "#e0e0e0"]
#: border style per source, so sources differ in greyscale print too
_QUOTE_BORDERS = ["solid", "dashed", "dotted", "double"]
#: loaded-term category -> (outline colour, outline style, short tag)
CATEGORY_STYLES = {
    "label": ("#D55E00", "solid", "LBL"),
    "distancing": ("#0072B2", "dashed", "DST"),
    "emotive": ("#CC79A7", "dotted", "EMO"),
    "loaded_verb": ("#009E73", "double", "VRB"),
    "scare_quote": ("#000000", "dashed", "SCQ"),
}
_OTHER_STYLE = ("#555555", "solid", "")

_CSS = """
.framing-article{font-family:Georgia,serif;line-height:1.6;max-width:52em}
.framing-article .fa-text{white-space:pre-wrap}
.framing-article .fa-q{border-bottom-width:2px;border-bottom-color:#333}
.framing-article mark.fa-lt{background:transparent;outline-width:2px;border-radius:2px;
 padding:0 1px;color:inherit}
.framing-article .fa-lt sup{font-family:sans-serif;font-size:60%;font-weight:bold}
.framing-article .fa-spk{font-weight:bold;text-decoration:underline}
.framing-article .fa-verb{font-style:italic;text-decoration:underline wavy}
.framing-article .fa-legend{font-family:sans-serif;font-size:85%;margin:.5em 0}
.framing-article .fa-legend span{margin-right:1em;padding:0 4px}
"""


@dataclass
class ArticleView:
    """One rendered article; ``_repr_html_`` for notebooks, :meth:`to_html` for a page."""

    html: str
    doc_id: str
    n_quotes: int
    n_loaded: int

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return (f"ArticleView(doc_id={self.doc_id!r}, quotes={self.n_quotes}, "
                f"loaded_terms={self.n_loaded})")

    def to_html(self) -> str:
        """A complete, self-contained HTML page."""
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
                f"{html.escape(self.doc_id)}</title></head><body>{self.html}</body></html>")


def show(
    doc: Any,
    corpus: pd.DataFrame | None = None,
    *,
    quotes: pd.DataFrame | list[dict] | None = None,
    loaded: pd.DataFrame | list[dict] | None = None,
    by: str = "outlet",
    legend: bool = True,
) -> ArticleView:
    """Render one article with loaded terms marked by category and quotes coloured by source.

    Parameters
    ----------
    doc : corpus row (Series or dict), str id or int position
        The article; an id or a position needs ``corpus``.
    corpus : DataFrame, optional
    quotes, loaded : DataFrame or list of dict, optional
        Precomputed rows (e.g. ``result.quotes``); rows of other documents are ignored.
        Computed with :func:`framing.quotation.extract_quotes` and
        :func:`framing.loaded.find_loaded` when omitted.
    by : str, default "outlet"
    legend : bool, default True

    Returns
    -------
    ArticleView
        Hovering a quote shows its speaker, mention, verb and verb class; hovering a
        marked term shows its category, lexicon entry and voice (``title`` attributes).

    Examples
    --------
    >>> import framing
    >>> view = framing.show(0, framing.datasets.load("seed"))
    >>> "Ashton Carter" in view.html and "<script" not in view.html
    True
    """
    row = _resolve_doc(doc, corpus)
    text = row.get("text")
    if not isinstance(text, str):
        raise DataError(f"show: the document has no text (got {type(text).__name__}).")
    doc_id = str(row.get("id", row.get("doc_id", "")))
    seg = None
    if quotes is None or loaded is None:
        from .text import segment

        seg = segment(text)
    q_rows = _rows_for(quotes, doc_id)
    if quotes is None:
        from .quotation import extract_quotes

        q_rows = extract_quotes(text, segments=seg)
    l_rows = _rows_for(loaded, doc_id)
    if loaded is None:
        from .loaded import find_loaded

        l_rows = find_loaded(text, segments=seg, quote_rows=q_rows)
    body, legend_html = _render(text, q_rows, l_rows)
    esc = html.escape
    title = row.get("title")
    head = [f'<div class="framing-article" data-doc="{esc(doc_id, quote=True)}">',
            f"<style>{_CSS}</style>"]
    if isinstance(title, str) and title.strip():
        head.append(f"<h3>{esc(title)}</h3>")
    meta = [esc(str(row.get(by)))] if row.get(by) is not None else []
    if row.get("date") is not None and not pd.isna(row.get("date")):
        meta.append(esc(str(row.get("date"))[:10]))
    meta.append(f"id {esc(doc_id)}")
    head.append(f'<p class="fa-legend">{" · ".join(meta)}</p>')
    if legend:
        head.append(legend_html)
    head.append(f'<div class="fa-text">{body}</div></div>')
    return ArticleView("".join(head), doc_id, len(q_rows), len(l_rows))


def _resolve_doc(doc: Any, corpus: pd.DataFrame | None) -> Mapping:
    if isinstance(doc, pd.Series):
        return doc.to_dict()
    if isinstance(doc, Mapping):
        return doc
    if corpus is None:
        raise DataError(
            f"show: doc={doc!r} is an id or a position, so pass the corpus too: "
            "framing.show(doc, corpus)."
        )
    if isinstance(doc, str):
        hit = corpus[corpus["id"].astype(str) == doc]
        if hit.empty:
            raise DataError(
                f"show: no document with id {doc!r}; ids start with "
                f"{corpus['id'].astype(str).head(5).tolist()}."
            )
        return hit.iloc[0].to_dict()
    if isinstance(doc, int) and not isinstance(doc, bool):
        if not -len(corpus) <= doc < len(corpus):
            raise DataError(f"show: position {doc} is out of range for {len(corpus)} documents.")
        return corpus.iloc[doc].to_dict()
    raise TypeError(
        f"show: doc must be a corpus row, an id (str) or a position (int); got "
        f"{type(doc).__name__}."
    )


def _rows_for(rows: Any, doc_id: str) -> list[dict]:
    if rows is None:
        return []
    if isinstance(rows, pd.DataFrame):
        if "doc_id" in rows.columns:
            rows = rows[rows["doc_id"].astype(str) == doc_id]
        rows = rows.to_dict("records")
    else:
        rows = [r for r in rows if str(r.get("doc_id", doc_id)) == doc_id]
    # missing values (None, NaN, pd.NA) all become None
    return [{k: (None if _missing(v) else v) for k, v in r.items()} for r in rows]


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):     # lists and other non-scalars
        return False


def _valid(r: dict, a: str, b: str, n: int) -> bool:
    s, e = r.get(a), r.get(b)
    try:
        return s is not None and e is not None and not pd.isna(s) and not pd.isna(e) \
            and 0 <= int(s) < int(e) <= n
    except (TypeError, ValueError):
        return False


def _render(text: str, quotes: list[dict], loaded: list[dict]) -> tuple[str, str]:
    esc = html.escape
    n = len(text)
    quotes = [q for q in quotes if _valid(q, "start", "end", n)]
    loaded = [t for t in loaded if _valid(t, "start", "end", n)]
    speakers: dict[str, int] = {}
    for q in quotes:
        key = _speaker_key(q)
        if key not in speakers:
            speakers[key] = len(speakers)
    spans: list[tuple[int, int, str, int]] = []      # (start, end, kind, index)
    for i, q in enumerate(quotes):
        spans.append((int(q["start"]), int(q["end"]), "q", i))
        if _valid(q, "speaker_start", "speaker_end", n):
            spans.append((int(q["speaker_start"]), int(q["speaker_end"]), "spk", i))
        if _valid(q, "verb_start", "verb_end", n):
            spans.append((int(q["verb_start"]), int(q["verb_end"]), "verb", i))
    for i, t in enumerate(loaded):
        spans.append((int(t["start"]), int(t["end"]), "lt", i))
    cuts = sorted({0, n} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        piece = esc(text[a:b])
        active = [(s, e, k, i) for s, e, k, i in spans if s <= a and b <= e]
        # innermost first: loaded term, then speaker/verb, then the quote
        for kind in ("lt", "spk", "verb", "q"):
            hits = [x for x in active if x[2] == kind]
            if not hits:
                continue
            _s, e, _k, i = min(hits, key=lambda x: x[1] - x[0])
            if kind == "lt":
                t = loaded[i]
                cat = str(t.get("category") or "")
                colour, style, tag = CATEGORY_STYLES.get(cat, _OTHER_STYLE)
                tip = _tip([("category", cat), ("entry", t.get("entry")),
                            ("voice", t.get("voice")), ("speaker", t.get("speaker")),
                            ("lexicon", t.get("lexicon"))])
                sup = f"<sup>{esc(tag)}</sup>" if tag and b == e else ""
                piece = (f'<mark class="fa-lt fa-cat-{esc(_css_name(cat), quote=True)}" '
                         f'style="outline:2px {style} {colour}" title="{tip}">{piece}{sup}'
                         "</mark>")
            elif kind in ("spk", "verb"):
                q = quotes[i]
                tip = _tip([("speaker", q.get("speaker")), ("verb", q.get("verb")),
                            ("verb class", q.get("verb_class"))])
                piece = f'<span class="fa-{kind}" title="{tip}">{piece}</span>'
            else:
                q = quotes[i]
                si = speakers[_speaker_key(q)]
                tip = _tip([("speaker", q.get("speaker") or "unknown"),
                            ("mention", q.get("speaker_mention")), ("verb", q.get("verb")),
                            ("verb class", q.get("verb_class")), ("kind", q.get("kind"))])
                piece = (f'<span class="fa-q fa-src-{si}" style="background:'
                         f'{QUOTE_COLOURS[si % len(QUOTE_COLOURS)]};border-bottom:2px '
                         f'{_QUOTE_BORDERS[si % len(_QUOTE_BORDERS)]} #333" '
                         f'title="{tip}">{piece}</span>')
        out.append(piece)
    legend = ['<div class="fa-legend"><b>Quotes by source:</b> ']
    for key, si in speakers.items():
        legend.append(
            f'<span style="background:{QUOTE_COLOURS[si % len(QUOTE_COLOURS)]};'
            f'border-bottom:2px {_QUOTE_BORDERS[si % len(_QUOTE_BORDERS)]} #333">'
            f"{esc(key)}</span>")
    if not speakers:
        legend.append("<span>none found</span>")
    legend.append("<br><b>Loaded terms:</b> ")
    cats = sorted({str(t.get("category") or "") for t in loaded})
    for cat in cats:
        colour, style, tag = CATEGORY_STYLES.get(cat, _OTHER_STYLE)
        legend.append(f'<span style="outline:2px {style} {colour}">{esc(cat)}'
                      f'{" (" + esc(tag) + ")" if tag else ""}</span>')
    if not cats:
        legend.append("<span>none found</span>")
    legend.append("</div>")
    return "".join(out), "".join(legend)


def _speaker_key(q: dict) -> str:
    for k in ("speaker", "speaker_mention"):
        v = q.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return "unknown speaker"


def _tip(pairs) -> str:
    parts = []
    for k, v in pairs:
        if _missing(v) or (isinstance(v, str) and not v):
            continue
        parts.append(f"{k}: {v}")
    return html.escape("; ".join(parts), quote=True)


def _css_name(s: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in s)
