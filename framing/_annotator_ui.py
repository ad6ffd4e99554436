"""ipywidgets front end for :class:`framing._annotator.Annotator` (imported on first display)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._errors import DataError


@dataclass
class _UI:
    ann: Any
    box: Any
    preview: Any
    spans: Any
    message: Any

    def refresh(self) -> None:
        self.preview.value = self.ann.highlighted()
        self.spans.options = [
            ((f"{s['ann_id']}  {s['layer']}/{s['role']}/{s['label']}  "
             f"[{s['start']}:{s['end']}]  {s['text'][:60]!r}"), s["ann_id"])
            for s in self.ann._spans
        ]


def build_ui(ann) -> _UI:
    import ipywidgets as w

    layer = w.Dropdown(options=list(ann.layers), description="layer")
    role = w.Dropdown(description="role")
    label = w.Dropdown(description="label")

    def _layer_changed(change=None):
        spec = ann.layers[layer.value]
        role.options, label.options = spec["roles"], spec["labels"]

    layer.observe(_layer_changed, names="value")
    _layer_changed()

    n = max(len(ann.tokens) - 1, 0)
    first = w.BoundedIntText(value=0, min=0, max=n, description="first token")
    last = w.BoundedIntText(value=0, min=0, max=n, description="last token")
    span_text = w.Text(placeholder="…or type/paste the exact span text", description="span text")
    occurrence = w.BoundedIntText(value=1, min=1, max=10_000, description="occurrence")
    add_tokens = w.Button(description="Add tokens", button_style="primary",
                          tooltip="mark the tokens first..last")
    add_text = w.Button(description="Add text", button_style="primary",
                        tooltip="mark the typed span text")
    spans = w.Select(options=[], rows=6, description="spans",
                     layout=w.Layout(width="95%"))
    remove = w.Button(description="Remove selected", button_style="warning")
    path = w.Text(value=f"{ann.doc_id}.gold.jsonl", description="file")
    export = w.Button(description="Export JSONL", button_style="success")
    message = w.HTML()
    preview = w.HTML()
    tokens = w.Accordion(children=[w.HTML(ann.numbered_tokens())])
    tokens.set_title(0, "token numbers")
    tokens.selected_index = None

    def _run(action):
        def handler(_button=None):
            try:
                message.value = action()
            except DataError as exc:
                message.value = f'<span style="color:#b00">✗ {exc}</span>'
        return handler

    def _kw():
        return {"layer": layer.value, "role": role.value, "label": label.value}

    def _add_tokens():
        s = ann.add_tokens(first.value, last.value, **_kw())
        return f"✓ added {s['ann_id']}: {s['text']!r}"

    def _add_text():
        s = ann.add_text(span_text.value, occurrence=occurrence.value, **_kw())
        return f"✓ added {s['ann_id']}: {s['text']!r}"

    def _remove():
        if spans.value is None:
            return "select a span in the list first"
        ann.remove(spans.value)
        return "✓ removed"

    def _export():
        p = ann.export(path.value)
        return f"✓ wrote {len(ann)} span(s) to {p}"

    add_tokens.on_click(_run(_add_tokens))
    add_text.on_click(_run(_add_text))
    remove.on_click(_run(_remove))
    export.on_click(_run(_export))

    box = w.VBox([
        preview, tokens,
        w.HBox([layer, role, label]),
        w.HBox([first, last, add_tokens]),
        w.HBox([span_text, occurrence, add_text]),
        spans,
        w.HBox([remove, path, export]),
        message,
    ])
    ui = _UI(ann=ann, box=box, preview=preview, spans=spans, message=message)
    # exposed for tests and for scripted use
    ui.controls = {"layer": layer, "role": role, "label": label, "first": first, "last": last,
                       "span_text": span_text, "occurrence": occurrence, "add_tokens": add_tokens,
                       "add_text": add_text, "remove": remove, "path": path, "export": export}
    ui.refresh()
    return ui
