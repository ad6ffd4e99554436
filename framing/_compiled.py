"""Which modules are compiled with mypyc at install time, and whether they are in use.

The per-document hot path (:data:`COMPILED`) is type-annotated Python that ``setup.py``
compiles with mypyc when it can.  A compiled module shadows its ``.py`` source, so a source
edited after the build would be ignored; :func:`install_guard` prevents that: when any
compiled module was built from another version of its source, or when
``FRAMING_PURE_PYTHON=1`` is set, every compiled module is loaded from its source instead
(all of them, because compiled modules call each other directly), with one warning in the
first case.
"""
from __future__ import annotations

#: the compiled modules, in ``framing/`` (read by setup.py: keep this a plain literal).  Only
#: private modules: a compiled module keeps no docstrings, so every documented public
#: function lives in a pure Python module that calls into these (``quotation.extract_quotes``
#: calls ``_quote_engine``)
COMPILED = (
    "_regex",
    "_quote_marks",
    "_speakers",
    "_quote_engine",
    "_lexmatch",
    "_loaded_engine",
    "_source_attrs",
    "_source_setting",
    "_source_resolve",
    "_pipeline",
)
#: mypyc's group name (setup.py): the shared library is ``framing/_hot__mypyc*.so``
GROUP = "framing._hot"
# -- end of build data --

GROUP_LIB = GROUP.rsplit(".", 1)[1] + "__mypyc"

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

_PKG = Path(__file__).resolve().parent
#: an extension built from an older source is stale only when the source is newer by more
#: than this (installers write the files of one package within a second or so)
_STALE_AFTER_S = 2.0


def pure_python_requested() -> bool:
    """Whether ``FRAMING_PURE_PYTHON`` asks for the Python sources of compiled modules."""
    return os.environ.get("FRAMING_PURE_PYTHON", "").strip().lower() in ("1", "true", "yes")


def extension_path(name: str) -> Path | None:
    """The compiled extension of ``framing.<name>`` beside its source, if one was built."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = _PKG / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def stale_modules() -> list[str]:
    """Compiled modules whose source was edited after the build (in a source checkout).

    The build records the sha256 of every source it compiled (``_build_hashes.json``); a
    source whose content differs is stale, whatever the file times say (a rebuild that
    changed nothing keeps old files; an edit made during the build is newer than nothing).
    Without a record, a source newer than its build is stale.
    """
    if not (_PKG.parent / "setup.py").is_file():
        return []                        # an installed wheel: sources and builds ship together
    record = _PKG / "_build_hashes.json"
    if record.is_file():
        try:
            built = json.loads(record.read_text("utf-8"))
        except ValueError:
            built = {}
        if built:
            return [name for name in COMPILED
                    if extension_path(name) is not None and (_PKG / f"{name}.py").is_file()
                    and built.get(name) != _sha256(_PKG / f"{name}.py")]
    # the code of every module is in the group's shared library (framing/_hot__mypyc*.so);
    # an incremental build rewrites that library and may leave a module's small stub as it was
    shared = extension_path(GROUP_LIB)
    built_at = shared.stat().st_mtime if shared is not None else 0.0
    out = []
    for name in COMPILED:
        ext = extension_path(name)
        src = _PKG / f"{name}.py"
        if ext is not None and src.is_file() and \
                src.stat().st_mtime > max(ext.stat().st_mtime, built_at) + _STALE_AFTER_S:
            out.append(name)
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _SourceFirst:
    """A meta-path finder that loads the listed ``framing`` modules from their ``.py``."""

    def __init__(self, names):
        self.names = {f"framing.{n}": _PKG / f"{n}.py" for n in names}

    def find_spec(self, fullname, path=None, target=None):
        src = self.names.get(fullname)
        if src is None or not src.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, src)


def install_guard() -> None:
    """Load every compiled module from source when asked to, or when one is stale.

    Called once by ``framing/__init__.py`` before any compiled module is imported.
    """
    if any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        return
    built = [n for n in COMPILED if extension_path(n) is not None]
    if not built:
        return
    if pure_python_requested():
        sys.meta_path.insert(0, _SourceFirst(built))
        return
    stale = stale_modules()
    if stale:
        sys.meta_path.insert(0, _SourceFirst(built))
        from ._errors import FramingWarning

        warnings.warn(
            f"framing: the compiled build of {', '.join('framing.' + n for n in stale)} was "
            "made from an older version of its source, so every compiled module is loaded "
            "from its Python source "
            "(correct, 2-3 times slower). Rebuild with `make build` (or `pip install -e .`), "
            "or set FRAMING_PURE_PYTHON=1 to silence this.",
            FramingWarning, stacklevel=3)


def status() -> dict[str, str]:
    """``{module: "compiled" | "source"}`` for the hot-path modules, as imported now."""
    import importlib

    out = {}
    for name in COMPILED:
        mod = importlib.import_module(f"framing.{name}")
        out[name] = "source" if str(getattr(mod, "__file__", "")).endswith(".py") else "compiled"
    return out


def describe() -> str:
    """One line for benchmark and report headers: how the hot path runs."""
    st = status()
    n = sum(v == "compiled" for v in st.values())
    if n == len(st):
        return f"hot path compiled with mypyc ({n} modules)"
    if n == 0:
        return "hot path in pure Python (not compiled)"
    return f"hot path partly compiled ({n} of {len(st)} modules)"
