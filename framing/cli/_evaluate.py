"""``framing evaluate {quotes,loaded} --gold GOLD --pred PRED``: score against gold."""
from __future__ import annotations

from importlib import import_module

#: modules that define ``register_evaluate(subparsers)`` for one ``evaluate`` target
_TARGETS = [
    "quotes",
    "loaded",
]


def register(sub) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="score predictions against gold annotations",
        description="Score framing's output against gold annotations and print a table.",
    )
    targets = parser.add_subparsers(dest="target", metavar="TARGET", required=True)
    for name in _TARGETS:
        import_module(f"framing.cli._{name}").register_evaluate(targets)
