"""The ``framing`` command: a thin argparse front end over the public functions.

Exit status: 0 success; 1 data error (one line on stderr, the traceback with ``--debug``);
2 usage error (argparse's own convention).

Each command family lives in a ``framing/cli/_<name>.py`` module that defines
``register(subparsers)``; ``register`` adds a parser whose ``func(args)`` does the work.
"""
from __future__ import annotations

import argparse
import sys
import traceback
from importlib import import_module

__all__ = ["main", "build_parser"]

#: command modules, in the order they appear in ``framing --help``
_COMMANDS = [
    "corpus",
    "evaluate",
    "sources",
    "quotes",
    "analyze",
    "loaded",
]


def build_parser() -> argparse.ArgumentParser:
    from framing import __version__

    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news outlets frame the same events: quotes, loaded terms, "
        "sources. CORPUS arguments take a file (.jsonl/.csv/.parquet, optionally .gz), a "
        "folder of .txt files, or the name of a shipped corpus (see `framing corpus list`).",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        import_module(f"framing.cli._{name}").register(sub)
    return parser


def _format_warning(message, category, filename, lineno, line=None) -> str:
    """Warnings on the command line: one ``framing: warning: ...`` line, no source path."""
    return f"framing: warning: {message}\n"


def main(argv: list[str] | None = None) -> int:
    """Run the ``framing`` command; returns the exit status (0, 1 data error, 2 usage)."""
    import warnings

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    original_format = warnings.formatwarning
    if not args.debug:
        warnings.formatwarning = _format_warning
    try:
        return _run(args)
    finally:
        warnings.formatwarning = original_format


def _run(args: argparse.Namespace) -> int:
    from framing._errors import FramingError

    try:
        return int(args.func(args) or 0)
    except (FramingError, FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        if args.debug:
            traceback.print_exc()
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line unless --debug
        if args.debug:
            traceback.print_exc()
        print(
            f"framing: internal error: {type(exc).__name__}: {exc} "
            "(rerun with --debug for the traceback and please report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
