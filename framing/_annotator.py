"""The span annotator behind :func:`framing.classroom.annotate`.

The state (the text, its tokens and the list of spans) lives in :class:`Annotator`, a
plain Python object, so everything a student does with the widget can also be done, and
tested, without a browser: ``add``, ``add_tokens``, ``add_text``, ``remove``, ``to_gold``,
``to_record`` and ``export``.  The ipywidgets front end only calls those methods.
"""
from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import DataError

__all__ = ["DEFAULT_LAYERS", "Annotator", "export_gold"]

#: layer -> (roles, labels) offered by default: the attribution layer of PolNeAR and a
#: loaded-term layer like BABE's
DEFAULT_LAYERS: dict[str, dict[str, list[str]]] = {
    "attribution": {
        "roles": ["content", "source", "cue"],
        "labels": ["quote_marks", "no_quote_marks"],
    },
    "loaded": {
        "roles": ["word"],
        "labels": ["loaded", "label_choice", "scare_quote"],
    },
}

GOLD_COLUMNS = ["doc_id", "ann_id", "layer", "role", "start", "end", "text", "label", "annotator"]


class Annotator:
    """Mark spans in one text and export them in the generic gold format.

    Use :func:`framing.classroom.annotate` to create one; in a notebook it displays as a
    widget.  Every span is a pair of character offsets into ``text`` (end exclusive).

    Parameters
    ----------
    text : str
        The text to annotate.
    doc_id : str
        The document id written to the export (``id`` in the JSONL).
    outlet : str
        The outlet written to the export.
    layers : mapping, optional
        ``{layer: {"roles": [...], "labels": [...]}}``; default :data:`DEFAULT_LAYERS`.
    annotator : str, optional
        Your name or initials, stored with every span.
    """

    def __init__(
        self,
        text: str,
        *,
        doc_id: str = "doc-1",
        outlet: str = "",
        layers: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        annotator: str | None = None,
    ) -> None:
        if not isinstance(text, str) or not text.strip():
            raise DataError(
                f"text: expected a non-empty string to annotate, got {text!r}. "
                "Pass the article or sentence text, e.g. corpus['text'].iloc[0]."
            )
        from .text import token_spans

        self.text = text
        self.doc_id = str(doc_id)
        self.outlet = str(outlet)
        self.annotator = annotator
        self.layers = _check_layers(layers if layers is not None else DEFAULT_LAYERS)
        self.tokens: list[tuple[int, int]] = token_spans(text)
        self._spans: list[dict[str, Any]] = []
        self._next = 1
        self._ui = None

    # ------------------------------------------------------------------ editing
    def add(
        self, start: int, end: int, *, layer: str, role: str | None = None,
        label: str | None = None,
    ) -> dict[str, Any]:
        """Add a span by character offsets (end exclusive) and return it."""
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise DataError(
                f"start, end: expected integer character offsets, got {start!r}, {end!r}."
            )
        if not 0 <= start < end <= len(self.text):
            raise DataError(
                f"start, end: expected 0 <= start < end <= {len(self.text)} (the text length), "
                f"got start={start}, end={end}. Offsets are characters, end exclusive."
            )
        if layer not in self.layers:
            raise DataError(
                f"layer: expected one of {sorted(self.layers)}, got {layer!r}. "
                "Pass layers={...} to annotate() to define your own."
            )
        roles, labels = self.layers[layer]["roles"], self.layers[layer]["labels"]
        role = roles[0] if role is None else role
        label = labels[0] if label is None else label
        if role not in roles:
            raise DataError(f"role: expected one of {roles} for layer {layer!r}, got {role!r}.")
        if label not in labels:
            raise DataError(f"label: expected one of {labels} for layer {layer!r}, got {label!r}.")
        span = {
            "ann_id": f"{self.doc_id}-a{self._next}",
            "layer": layer, "role": role, "start": start, "end": end, "label": label,
            "text": self.text[start:end],
        }
        self._next += 1
        self._spans.append(span)
        self._refresh()
        return span

    def add_tokens(self, first: int, last: int, **kwargs: Any) -> dict[str, Any]:
        """Add a span from token ``first`` to token ``last`` (both included, 0-based).

        Token numbers are those shown by :meth:`token_table` and in the widget.
        """
        n = len(self.tokens)
        if not (0 <= first <= last < n):
            raise DataError(
                f"first, last: expected token numbers with 0 <= first <= last < {n}, got "
                f"first={first}, last={last}. See annotator.token_table() for the numbers."
            )
        return self.add(self.tokens[first][0], self.tokens[last][1], **kwargs)

    def add_text(self, span: str, *, occurrence: int = 1, **kwargs: Any) -> dict[str, Any]:
        """Add the ``occurrence``-th occurrence (1-based) of the string ``span``."""
        if not isinstance(span, str) or not span:
            raise DataError(f"span: expected the exact text to mark, got {span!r}.")
        pos = -1
        for _ in range(occurrence):
            pos = self.text.find(span, pos + 1)
            if pos < 0:
                found = self.text.count(span)
                raise DataError(
                    f"span: {span!r} occurs {found} time(s) in the text, cannot take "
                    f"occurrence={occurrence}. Copy the span exactly (quote marks and case "
                    "matter), or mark it by token numbers with add_tokens()."
                )
        return self.add(pos, pos + len(span), **kwargs)

    def remove(self, ann_id: str) -> None:
        """Remove the span with this ``ann_id``."""
        kept = [s for s in self._spans if s["ann_id"] != ann_id]
        if len(kept) == len(self._spans):
            raise DataError(
                f"ann_id: no span {ann_id!r}; the spans are "
                f"{[s['ann_id'] for s in self._spans] or 'none yet'}."
            )
        self._spans = kept
        self._refresh()

    def clear(self) -> None:
        """Remove every span."""
        self._spans = []
        self._refresh()

    # ------------------------------------------------------------------ reading
    @property
    def spans(self) -> pd.DataFrame:
        """The spans as a gold-annotation table (``doc_id, ann_id, layer, role, start, end,
        text, label, annotator``), in the order they were added."""
        return self.to_gold()

    def to_gold(self) -> pd.DataFrame:
        """The spans as a tidy gold table, the schema every dataset loader returns."""
        rows = [
            {"doc_id": self.doc_id, **{k: s[k] for k in GOLD_COLUMNS[1:-1]},
             "annotator": self.annotator}
            for s in self._spans
        ]
        frame = pd.DataFrame(rows, columns=GOLD_COLUMNS)
        return frame.astype({"start": "int64", "end": "int64"})

    def token_table(self) -> pd.DataFrame:
        """Token number, offsets and text: what to pass to :meth:`add_tokens`."""
        return pd.DataFrame(
            [(i, s, e, self.text[s:e]) for i, (s, e) in enumerate(self.tokens)],
            columns=["token", "start", "end", "text"],
        )

    def to_record(self) -> dict[str, Any]:
        """One line of the generic gold JSONL: ``{"id", "outlet", "text", "annotations"}``."""
        annotations = []
        for s in self._spans:
            ann = {k: s[k] for k in ("ann_id", "layer", "role", "start", "end", "label")}
            if self.annotator is not None:
                ann["annotator"] = self.annotator
            annotations.append(ann)
        return {"id": self.doc_id, "outlet": self.outlet, "text": self.text,
                "annotations": annotations}

    def export(self, path: str | os.PathLike, *, append: bool = False) -> Path:
        """Write the annotations as generic gold JSONL (one line), readable by
        :func:`framing.datasets.read_gold`; return the path."""
        return export_gold([self], path, append=append)

    # ------------------------------------------------------------------ display
    def highlighted(self) -> str:
        """The text as HTML with the marked spans highlighted (outermost spans win)."""
        marks = sorted(self._spans, key=lambda s: (s["start"], -s["end"]))
        out, pos = [], 0
        colours = {name: c for name, c in zip(self.layers, _COLOURS * 4)}
        for s in marks:
            if s["start"] < pos:
                continue
            out.append(html.escape(self.text[pos:s["start"]]))
            title = html.escape(f"{s['ann_id']}: {s['layer']}/{s['role']}/{s['label']}")
            out.append(
                f'<mark title="{title}" style="background:{colours[s["layer"]]}">'
                f"{html.escape(self.text[s['start']:s['end']])}</mark>"
            )
            pos = s["end"]
        out.append(html.escape(self.text[pos:]))
        return '<div style="line-height:1.6">' + "".join(out) + "</div>"

    def numbered_tokens(self) -> str:
        """The text as HTML with each token's number in small type before it."""
        parts = []
        for i, (s, e) in enumerate(self.tokens):
            parts.append(
                f'<span style="white-space:nowrap"><sub style="color:#888">{i}</sub>'
                f"{html.escape(self.text[s:e])}</span>"
            )
        return '<div style="line-height:1.9">' + " ".join(parts) + "</div>"

    @property
    def widget(self):
        """The ipywidgets user interface (built on first use)."""
        if self._ui is None:
            from ._annotator_ui import build_ui

            self._ui = build_ui(self)
        return self._ui.box

    def _refresh(self) -> None:
        if self._ui is not None:
            self._ui.refresh()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        return (f"Annotator(doc_id={self.doc_id!r}, {len(self.text)} characters, "
                f"{len(self._spans)} span(s))")

    def __len__(self) -> int:
        return len(self._spans)


_COLOURS = ["#ffe08a", "#a6e3ff", "#c5f2b6", "#ffc4d6"]


def export_gold(
    items: Iterable[Annotator | Mapping[str, Any]],
    path: str | os.PathLike,
    *,
    append: bool = False,
) -> Path:
    """Write annotators (or records from :meth:`Annotator.to_record`) as generic gold JSONL.

    Parameters
    ----------
    items : iterable of Annotator or dict
        One document each.
    path : str or path
        The ``.jsonl`` file to write.
    append : bool, default False
        Add to an existing file instead of replacing it (one file can collect a class's work).

    Returns
    -------
    pathlib.Path
    """
    records = [it.to_record() if isinstance(it, Annotator) else dict(it) for it in items]
    for rec in records:
        missing = {"id", "text", "annotations"} - set(rec)
        if missing:
            raise DataError(
                f"items: each record needs the keys id, text and annotations; one lacks "
                f"{sorted(missing)}. Pass Annotator objects or Annotator.to_record() dicts."
            )
    path = Path(path)
    with open(path, "a" if append else "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def _check_layers(layers: Mapping[str, Mapping[str, Sequence[str]]]) -> dict:
    out = {}
    if not isinstance(layers, Mapping) or not layers:
        raise DataError(
            "layers: expected a non-empty dict {layer: {'roles': [...], 'labels': [...]}}, "
            f"got {layers!r}."
        )
    for name, spec in layers.items():
        if isinstance(spec, Mapping):
            roles, labels = list(spec.get("roles", ["span"])), list(spec.get("labels", []))
        else:  # a plain list of labels
            roles, labels = ["span"], list(spec)
        if not labels or not roles:
            raise DataError(
                f"layers[{name!r}]: expected at least one role and one label, got "
                f"roles={roles}, labels={labels}."
            )
        out[str(name)] = {"roles": roles, "labels": labels}
    return out
