"""Score framing's output against gold annotations (a researcher's own hand-coding, or
PolNeAR, PTC, BABE, BASIL).

* :func:`evaluate_quotes` — quotation attribution: P/R/F1 at 30% and 80% content overlap,
  recall on quote-mark attributions, speaker and verb accuracy of the matched quotes.
* :func:`evaluate_loaded` — loaded terms: token-level P/R/F1 against span or word-list gold,
  and the per-document rate correlation (Spearman).

Gold tables use one schema across every loader (see :mod:`framing.datasets`):
``doc_id, ann_id, layer, role, start, end, text, label, annotator``.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["evaluate_quotes", "evaluate_loaded"]

_LAZY = {
    "evaluate_quotes": "framing._eval_quotes",
    "evaluate_loaded": "framing._eval_loaded",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'framing.evaluate' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
