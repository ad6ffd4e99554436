"""Score quotation attribution against gold attribution annotations (PolNeAR or your own).

Gold is the tidy gold table every loader returns (``doc_id, ann_id, layer, role, start, end,
text, label, annotator``) with ``layer == "attribution"`` rows whose ``role`` is
``content``, ``source`` or ``cue`` and whose ``label`` is ``quote_marks`` or
``no_quote_marks``; one attribution is all rows sharing ``(doc_id, ann_id)`` (a
discontiguous content has several ``content`` rows).

Matching is one to one: a predicted quote can match a gold attribution when it covers more
than ``overlap`` of the gold content characters; among those candidate pairs a maximum
matching is taken (ties go to the larger coverage).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

from ._errors import DataError

__all__ = ["evaluate_quotes", "format_quote_metrics"]

_GOLD_NEEDED = ("doc_id", "ann_id", "role", "start", "end")
_PRED_NEEDED = ("doc_id", "start", "end")


def evaluate_quotes(
    gold: Any,
    pred: pd.DataFrame,
    *,
    overlap: float = 0.3,
    overlaps: tuple[float, ...] | None = None,
    include_scare: bool = False,
) -> pd.DataFrame:
    """Precision, recall, F1, quote-mark recall, speaker and verb accuracy of predicted quotes.

    Parameters
    ----------
    gold : pandas.DataFrame or (corpus, gold) tuple
        The gold table (as returned by :func:`framing.datasets.load_polnear` or
        :func:`framing.datasets.read_gold`); only ``layer == "attribution"`` rows are used
        when a ``layer`` column is present.
    pred : pandas.DataFrame
        A quotes table (:func:`framing.quotes`): at least ``doc_id, start, end``; speaker
        and verb accuracy use ``speaker_start, speaker_end`` and ``verb_start, verb_end,
        verb`` when present.
    overlap : float, default 0.3
        The main threshold: a prediction matches when it covers more than this share of the
        gold content characters.
    overlaps : tuple of float, optional
        Every threshold to report; default ``(overlap, 0.8)``.
    include_scare : bool, default False
        Score ``kind == "scare"`` rows too (they are not attributions, so they are left
        out by default).

    Returns
    -------
    pandas.DataFrame
        Tidy metrics with columns ``metric, overlap, value, n``: ``precision``, ``recall``,
        ``f1``, ``recall_quote_marks``, ``speaker_accuracy``, ``verb_accuracy`` per
        threshold (``n`` is the denominator), plus ``n_gold`` and ``n_pred`` counts.
        Only documents present in the gold table are scored.

    Examples
    --------
    >>> import pandas as pd
    >>> gold = pd.DataFrame({
    ...     "doc_id": ["d"] * 3, "ann_id": ["E1"] * 3, "layer": ["attribution"] * 3,
    ...     "role": ["content", "source", "cue"], "start": [0, 14, 20], "end": [13, 19, 24],
    ...     "text": ["“We will go,”", "Smith", "said"], "label": ["quote_marks"] * 3})
    >>> pred = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [13], "kind": ["direct"],
    ...     "speaker_start": [14], "speaker_end": [19], "verb_start": [20], "verb_end": [24],
    ...     "verb": ["said"]})
    >>> m = evaluate_quotes(gold, pred)
    >>> m.loc[m["overlap"] == 0.3].set_index("metric")["value"].round(2).to_dict()["f1"]
    1.0

    References
    ----------
    Newell, E., Margolin, D., & Ruths, D. (2018). An attribution relations corpus for
    political news. LREC.
    """
    if isinstance(gold, tuple) and len(gold) == 2:
        gold = gold[1]
    _check_frame(gold, "gold", _GOLD_NEEDED,
                 "Load it with framing.datasets.load_polnear(...) or read_gold(...).")
    _check_frame(pred, "pred", _PRED_NEEDED, "Pass the table returned by framing.quotes(corpus).")
    if not isinstance(overlap, (int, float)) or not 0 <= overlap < 1:
        raise ValueError(
            f"overlap must be a number in [0, 1); got {overlap!r}. Pass e.g. overlap=0.3."
        )
    thresholds = tuple(overlaps) if overlaps is not None else (float(overlap), 0.8)
    thresholds = tuple(dict.fromkeys(float(t) for t in thresholds))

    g = gold
    if "layer" in g.columns:
        g = g[g["layer"] == "attribution"]
    attrs = _gold_attributions(g)
    p = pred
    if not include_scare and "kind" in p.columns:
        p = p[p["kind"] != "scare"]
    gold_docs = set(attrs)
    p = p[p["doc_id"].astype(str).isin(gold_docs)]
    preds = _pred_by_doc(p)

    n_gold = sum(len(v) for v in attrs.values())
    n_gold_qm = sum(1 for v in attrs.values() for a in v if a["quote_marks"])
    n_pred = sum(len(v) for v in preds.values())
    rows = []
    for t in thresholds:
        matched = qm = spk_ok = spk_n = verb_ok = verb_n = 0
        for doc, gl in attrs.items():
            pl = preds.get(doc, [])
            if not pl:
                continue
            for gi, pi in _match(gl, pl, t):
                ga, pa = gl[gi], pl[pi]
                matched += 1
                qm += ga["quote_marks"]
                if ga["source"]:
                    spk_n += 1
                    spk_ok += _overlaps(pa["speaker"], ga["source"])
                if ga["cue"]:
                    verb_n += 1
                    ok = _overlaps(pa["verb"], ga["cue"])
                    if not ok and pa["verb_text"] and ga["cue_text"]:
                        ok = pa["verb_text"].lower() == ga["cue_text"].lower()
                    verb_ok += ok
        prec = matched / n_pred if n_pred else 0.0
        rec = matched / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows += [
            ("precision", t, prec, n_pred),
            ("recall", t, rec, n_gold),
            ("f1", t, f1, n_gold + n_pred),
            ("recall_quote_marks", t, qm / n_gold_qm if n_gold_qm else float("nan"), n_gold_qm),
            ("speaker_accuracy", t, spk_ok / spk_n if spk_n else float("nan"), spk_n),
            ("verb_accuracy", t, verb_ok / verb_n if verb_n else float("nan"), verb_n),
        ]
    rows += [("n_gold", float("nan"), float(n_gold), n_gold),
             ("n_pred", float("nan"), float(n_pred), n_pred)]
    out = pd.DataFrame(rows, columns=["metric", "overlap", "value", "n"])
    out["n"] = out["n"].astype("int64")
    return out


def format_quote_metrics(metrics: pd.DataFrame) -> str:
    """A printable table of :func:`evaluate_quotes` output: one row per metric, one column
    per overlap threshold (``value (n)``).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"metric": ["recall", "n_gold"], "overlap": [0.3, float("nan")],
    ...                   "value": [0.5, 4.0], "n": [4, 4]})
    >>> print(format_quote_metrics(m))
    metric  overlap>0.3
    recall  0.500 (n=4)
    n_gold  4
    """
    per = metrics[metrics["overlap"].notna()]
    counts = metrics[metrics["overlap"].isna()]
    ths = list(dict.fromkeys(per["overlap"].tolist()))
    header = ["metric"] + [f"overlap>{t:g}" for t in ths]
    body = []
    for name in dict.fromkeys(per["metric"].tolist()):
        cells = [name]
        for t in ths:
            r = per[(per["metric"] == name) & (per["overlap"] == t)]
            if r.empty:
                cells.append("")
            else:
                v, n = r["value"].iloc[0], int(r["n"].iloc[0])
                cells.append("nan" if pd.isna(v) else f"{v:.3f} (n={n})")
        body.append(cells)
    for _, r in counts.iterrows():
        body.append([r["metric"], str(int(r["n"]))] + [""] * (len(ths) - 1))
    widths = [max(len(row[i]) for row in [header] + body) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [header] + body]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- helpers

def _check_frame(frame: Any, name: str, needed: tuple[str, ...], fix: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}. {fix}")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataError(
            f"{name} is missing column(s) {missing}; expected at least {list(needed)}, got "
            f"{list(frame.columns)}. {fix}"
        )


def _gold_attributions(g: pd.DataFrame) -> dict[str, list[dict]]:
    """{doc_id: [attribution]} for gold attributions that have a content span."""
    by: dict[tuple[str, str], dict] = {}
    has_label = "label" in g.columns
    has_text = "text" in g.columns
    cols = [g["doc_id"].astype(str).tolist(), g["ann_id"].astype(str).tolist(),
            g["role"].astype(str).tolist(), g["start"].tolist(), g["end"].tolist(),
            g["label"].tolist() if has_label else [None] * len(g),
            g["text"].tolist() if has_text else [None] * len(g)]
    for doc, ann, role, s, e, label, text in zip(*cols):
        a = by.setdefault((doc, ann), {"content": [], "source": [], "cue": [], "quote_marks": False,
                                       "cue_text": None})
        if role in ("content", "source", "cue"):
            a[role].append((int(s), int(e)))
        if label == "quote_marks":
            a["quote_marks"] = True
        if role == "cue" and isinstance(text, str):
            a["cue_text"] = text if a["cue_text"] is None else a["cue_text"] + " " + text
    out: dict[str, list[dict]] = defaultdict(list)
    for (doc, _), a in by.items():
        if a["content"]:
            a["chars"] = sum(e - s for s, e in a["content"])
            if a["chars"] > 0:
                out[doc].append(a)
    return dict(out)


def _span(row: dict, a: str, b: str) -> tuple[int, int] | None:
    s, e = row.get(a), row.get(b)
    if s is None or e is None or pd.isna(s) or pd.isna(e):
        return None
    return int(s), int(e)


def _pred_by_doc(p: pd.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    recs = p.to_dict("records")
    for r in recs:
        verb = r.get("verb")
        out[str(r["doc_id"])].append({
            "span": (int(r["start"]), int(r["end"])),
            "speaker": _span(r, "speaker_start", "speaker_end"),
            "verb": _span(r, "verb_start", "verb_end"),
            "verb_text": verb if isinstance(verb, str) else None,
        })
    return dict(out)


def _overlaps(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    if span is None:
        return False
    s, e = span
    return any(s < ge and gs < e for gs, ge in spans)


def _coverage(p: tuple[int, int], a: dict) -> float:
    s, e = p
    cov = 0
    for gs, ge in a["content"]:
        lo, hi = max(s, gs), min(e, ge)
        if hi > lo:
            cov += hi - lo
    return cov / a["chars"]


def _match(gl: list[dict], pl: list[dict], t: float) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of gold to predictions over pairs with coverage > t."""
    edges: dict[int, list[tuple[float, int]]] = {}
    for gi, a in enumerate(gl):
        cand = []
        for pi, pr in enumerate(pl):
            c = _coverage(pr["span"], a)
            if c > t:
                cand.append((c, pi))
        if cand:
            cand.sort(reverse=True)
            edges[gi] = cand
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for _, pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in sorted(edges, key=lambda k: -edges[k][0][0]):
        augment(gi, set())
    return [(gi, pi) for pi, gi in owner.items()]
