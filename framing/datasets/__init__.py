"""Shipped corpora and loaders for research datasets a user already has on disk.

Shipped corpora (work from an installed wheel):

* :func:`list` — the shipped corpora with their size, licence and description;
* :func:`load` — one shipped corpus as a validated corpus DataFrame;
* :func:`path` — the file behind a shipped corpus.

Research-dataset loaders return ``(corpus, gold)``: the corpus DataFrame and a tidy gold
table with offsets into the returned ``text``, with the columns
``doc_id, ann_id, layer, role, start, end, text, label, annotator``.

* :func:`load_polnear` — PolNeAR (brat folders or the JSONL export);
* :func:`load_basil` — BASIL (article JSON + annotation JSON);
* :func:`load_ptc` — SemEval-2020 Task 11 PTC (article<ID>.txt + span labels);
* :func:`load_babe` — BABE / MBIC CSV (``;``-separated, ``biased_words`` list);
* :func:`read_gold` / :func:`write_gold` — the generic gold-annotation JSONL.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "list", "load", "path",
    "load_polnear", "load_basil", "load_ptc", "load_babe", "read_gold", "write_gold",
    "GOLD_COLUMNS",
]

_LAZY = {
    "list": "framing.datasets._shipped",
    "load": "framing.datasets._shipped",
    "path": "framing.datasets._shipped",
    "load_polnear": "framing.datasets._polnear",
    "load_basil": "framing.datasets._basil",
    "load_ptc": "framing.datasets._ptc",
    "load_babe": "framing.datasets._babe",
    "read_gold": "framing.datasets._gold",
    "write_gold": "framing.datasets._gold",
    "GOLD_COLUMNS": "framing.datasets._gold",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'framing.datasets' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
