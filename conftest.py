"""Doctests of the modules compiled with mypyc (see setup.py and framing/_compiled.py).

A compiled module imports as a C extension, which carries no docstring examples and whose
file is not the ``.py`` that ``--doctest-modules`` collects (pytest would report an import
mismatch).  For those files the doctest collector reads the examples from the Python source,
executed as a separate module (``framing.<name>__source``), so the documented examples still
run; what they call through ``framing.*`` is the compiled code.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from _pytest.doctest import DoctestModule

_PKG = Path(__file__).resolve().parent / "framing"


def _compiled_name(path: Path) -> str | None:
    """``name`` when ``path`` is ``framing/<name>.py`` and that module runs compiled now."""
    if path.parent.resolve() != _PKG or path.suffix != ".py":
        return None
    from framing import _compiled

    name = path.stem
    if name not in _compiled.COMPILED:
        return None
    mod = importlib.import_module(f"framing.{name}")
    return None if str(getattr(mod, "__file__", "")).endswith(".py") else name


class _SourceDoctestModule(DoctestModule):
    """Collects the doctests of a compiled module from its Python source."""

    def _getobj(self):
        name = f"framing.{self.path.stem}__source"
        mod = sys.modules.get(name)
        if mod is None:
            spec = importlib.util.spec_from_file_location(name, self.path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[name] = mod          # (dataclasses look their module up there)
            spec.loader.exec_module(mod)
        return mod


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent):
    collectors = yield
    if not collectors or _compiled_name(file_path) is None:
        return collectors
    # (a plain Module collector appears when the file is named on the command line; a
    # framing module holds no test functions, and importing its path would fail as above)
    return [_SourceDoctestModule.from_parent(parent, path=file_path)
            for c in collectors if type(c) is DoctestModule]
