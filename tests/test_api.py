"""The public API: every name in framing.__all__ resolves, lazily, to a documented object."""
from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import framing


@pytest.mark.parametrize("name", sorted(set(framing.__all__) - {"__version__"}))
def test_public_name_resolves_and_is_documented(name):
    obj = getattr(framing, name)
    assert obj is not None
    doc = getattr(obj, "__doc__", None)
    assert doc and doc.strip(), f"framing.{name} has no docstring"


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'no_such_thing'"):
        framing.no_such_thing  # noqa: B018


def test_import_is_lazy_and_fast():
    # importing the package must not import pandas, sklearn or matplotlib
    code = (
        "import sys, framing; "
        "heavy = [m for m in ('pandas', 'sklearn', 'matplotlib', 'nltk') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_dir_lists_public_names():
    assert set(framing.__all__) <= set(dir(framing))


def test_version_matches_metadata():
    from importlib.metadata import version

    assert framing.__version__ == version("framing")


def test_submodules_import_cleanly():
    for mod in ("framing.corpus", "framing.text", "framing.cli", "framing.evaluate",
                "framing.datasets"):
        importlib.import_module(mod)
