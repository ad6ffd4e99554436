"""framing: measure how news outlets frame the same events.

Loaded terms, quotation attribution and source balance over a corpus of news articles,
as tidy pandas tables with character offsets into each article's text, and outlet
comparisons with confidence intervals.

Public names are imported lazily, so ``import framing`` is fast and the command line
starts quickly; ``framing.__all__`` lists them all.

Examples
--------
>>> import framing
>>> corpus = framing.datasets.load("seed")
>>> corpus[["id", "outlet"]].values.tolist()
[['presstv-20160212-founding', 'Press TV']]
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from ._compiled import install_guard as _install_guard

__version__ = "0.1.0"

_install_guard()  # compiled hot path: its sources instead when stale or FRAMING_PURE_PYTHON=1

# public name -> module that defines it ("" for a submodule exposed as an attribute)
_LAZY: dict[str, str] = {
    # errors
    "FramingError": "framing._errors",
    "DataError": "framing._errors",
    "ResourceNotFoundError": "framing._errors",
    "FramingWarning": "framing._errors",
    # corpus model
    "read_corpus": "framing.corpus",
    "iter_corpus": "framing.corpus",
    "validate_corpus": "framing.corpus",
    "write_corpus": "framing.corpus",
    # submodules
    "text": "",
    "datasets": "",
    "stats": "",
    "plots": "",
    "classroom": "",
    # quotation attribution
    "quotes": "framing.quotation",
    "speech_verbs": "framing.quotation",
    "evaluate_quotes": "framing.evaluate",
    # loaded terms
    "loaded_terms": "framing.loaded",
    "loaded_rates": "framing.loaded",
    "label_choice": "framing.loaded",
    "load_lexicon": "framing.lexicons",
    "list_lexicons": "framing.lexicons",
    "LoadedTermClassifier": "framing.classifier",
    "evaluate_loaded": "framing.evaluate",
    # sources
    "sources": "framing.sourcing",
    "balance": "framing.sourcing",
    "attribution_asymmetry": "framing.sourcing",
    "load_actor_map": "framing.sourcing",
    # comparison
    "analyze": "framing.analysis",
    "keyness": "framing.compare",
    "kwic": "framing.concordance",
    "show": "framing.display",
    "write_report": "framing.report",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'framing' has no attribute {name!r}") from None
    if module == "":
        value = import_module(f"framing.{name}")
    else:
        value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
