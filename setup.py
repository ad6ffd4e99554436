"""Build script: compiles the per-document hot path with mypyc where it can.

The modules in ``framing/_compiled.py:COMPILED`` (segmentation, quotation attribution,
loaded-term matching, source resolution and the per-document pass that calls them) are
plain, type-annotated Python.  At install time mypyc (https://mypyc.readthedocs.io, part of
mypy) compiles them to C extensions, 2-3 times faster, with the same output; everything
else stays pure Python.  The build falls back to pure Python, with a message, when mypy is
not installed, when there is no C compiler, or when ``FRAMING_PURE_PYTHON=1`` is set.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def _compiled_modules() -> tuple[list[str], str]:
    """The module list and group name, read from framing/_compiled.py without importing the
    package (which needs its dependencies, not installed yet at build time)."""
    ns: dict = {}
    src = (ROOT / "framing" / "_compiled.py").read_text(encoding="utf-8")
    exec(compile(src.split("# -- end of build data --")[0], "_compiled.py", "exec"), ns)
    return [f"framing/{name}.py" for name in ns["COMPILED"]], ns["GROUP"]


#: sha256 of each compiled source as mypyc read it (written beside the build on success, so
#: that framing can tell a source edited after the build: framing/_compiled.py)
_HASHES: dict[str, str] = {}


class _OptionalBuildExt(build_ext):
    """Build the extensions if a C compiler works; otherwise install pure Python."""

    def run(self):
        try:
            super().run()
        except Exception as exc:  # no compiler, missing Python headers, ...
            _note(f"could not compile the hot path ({exc}); installing pure Python")
            return
        if _HASHES and self.extensions:
            record = ROOT / "framing" / "_build_hashes.json"
            record.write_text(json.dumps(_HASHES, indent=1, sort_keys=True) + "\n", "utf-8")


def _note(msg: str) -> None:
    print(f"framing: {msg}", file=sys.stderr)


def _extensions() -> list:
    if os.environ.get("FRAMING_PURE_PYTHON", "").strip().lower() in ("1", "true", "yes"):
        _note("FRAMING_PURE_PYTHON is set; installing pure Python")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _note("mypy (mypyc) is not installed in the build environment; installing pure Python")
        return []
    try:
        modules, group = _compiled_modules()
        _HASHES.update({Path(m).stem: hashlib.sha256((ROOT / m).read_bytes()).hexdigest()
                        for m in modules})
        return mypycify(modules, opt_level="3", group_name=group)
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error in a module
        _note(f"mypyc could not compile the hot path ({exc}); installing pure Python")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": _OptionalBuildExt})
