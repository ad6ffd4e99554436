"""The mypyc-compiled hot path: the build's module list, the stale-build guard, pure mode."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import framing._compiled as fc

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, **env}, check=True)
    return out.stdout.strip()


def test_setup_reads_the_module_list_of_the_package():
    ns: dict = {"__file__": str(ROOT / "setup.py")}
    src = (ROOT / "setup.py").read_text(encoding="utf-8")
    exec(compile(src.split("class _OptionalBuildExt")[0], "setup.py", "exec"), ns)
    mods, group = ns["_compiled_modules"]()
    assert mods == [f"framing/{m}.py" for m in fc.COMPILED]
    assert group == fc.GROUP and fc.GROUP_LIB == "_hot__mypyc"
    assert all((ROOT / m).is_file() for m in mods)


def test_pure_python_mode_loads_every_hot_module_from_source():
    code = ("import framing._compiled as c, framing\n"
            "import framing._pipeline as p\n"
            "print(sorted(set(c.status().values())), p.__file__.endswith('.py'))")
    assert _run(code, FRAMING_PURE_PYTHON="1") == "['source'] True"


_SAME_CODE = """
import json, framing
from framing._pipeline import Options, process_document
from framing.text import segment
out = {}
for name in ("seed", "syria-2016", "wikinews"):
    c = framing.datasets.load(name)
    for doc_id, text in zip(c["id"], c["text"]):
        s = segment(text)
        r = process_document(doc_id, text, Options(terms=True))
        r["sketch"] = r["sketch"].tolist()
        r["segments"] = [s.paragraphs, s.sentences, s.tokens]
        out[doc_id] = r
for bad in ["", '"', 'He said "unbalanced.', "x" * 5]:
    out[repr(bad)] = process_document("bad", bad, Options())["quotes"]
print(json.dumps(out, sort_keys=True, default=repr))
"""


def test_compiled_and_pure_python_agree_on_every_shipped_document():
    # every per-document output (segments, quotes, loaded terms, sources, counts, terms,
    # sketch) of the 308 shipped documents, in both builds: with no build both runs are
    # pure Python, and in CI (where `make` compiles) this compares the two
    pure = _run(_SAME_CODE, FRAMING_PURE_PYTHON="1")
    default = _run(_SAME_CODE, FRAMING_PURE_PYTHON="0")
    assert len(pure) > 100_000
    assert default == pure


def _fake_package(tmp_path, *, py_mtime, ext_mtime, setup=True, shared_mtime=None):
    pkg = tmp_path / "framing"
    pkg.mkdir()
    if setup:
        (tmp_path / "setup.py").write_text("")
    name = fc.COMPILED[0]
    src, ext = pkg / f"{name}.py", pkg / f"{name}{fc.importlib.machinery.EXTENSION_SUFFIXES[0]}"
    src.write_text("")
    ext.write_bytes(b"")
    os.utime(src, (py_mtime, py_mtime))
    os.utime(ext, (ext_mtime, ext_mtime))
    if shared_mtime is not None:
        lib = pkg / f"{fc.GROUP_LIB}{fc.importlib.machinery.EXTENSION_SUFFIXES[0]}"
        lib.write_bytes(b"")
        os.utime(lib, (shared_mtime, shared_mtime))
    return pkg, name


@pytest.mark.parametrize(("py_mtime", "ext_mtime", "stale"), [
    (1_000_000, 1_000_100, False),     # built after the last edit
    (1_000_100, 1_000_000, True),      # edited after the build
    (1_000_001, 1_000_000, False),     # written by an installer within the same second
])
def test_a_source_edited_after_the_build_is_stale(tmp_path, monkeypatch, py_mtime, ext_mtime,
                                                  stale):
    pkg, name = _fake_package(tmp_path, py_mtime=py_mtime, ext_mtime=ext_mtime)
    monkeypatch.setattr(fc, "_PKG", pkg)
    assert fc.extension_path(name) is not None
    assert fc.stale_modules() == ([name] if stale else [])


def test_an_incremental_build_that_kept_the_stub_is_not_stale(tmp_path, monkeypatch):
    # the code lives in the group's shared library; a rebuild may leave a module's stub old
    pkg, name = _fake_package(tmp_path, py_mtime=1_000_100, ext_mtime=1_000_000,
                              shared_mtime=1_000_200)
    monkeypatch.setattr(fc, "_PKG", pkg)
    assert fc.stale_modules() == []


def _record(pkg, **hashes):
    import json

    (pkg / "_build_hashes.json").write_text(json.dumps(hashes), "utf-8")


def test_the_build_record_decides_by_content_not_by_file_times(tmp_path, monkeypatch):
    import hashlib

    # source newer than the build, but the same content (a rebuild that changed nothing)
    pkg, name = _fake_package(tmp_path, py_mtime=2_000_000, ext_mtime=1_000_000)
    monkeypatch.setattr(fc, "_PKG", pkg)
    src = pkg / f"{name}.py"
    _record(pkg, **{name: hashlib.sha256(src.read_bytes()).hexdigest()})
    assert fc.stale_modules() == []
    # edited during the build: the build is newer, the content differs
    src.write_text("x = 1\n")
    os.utime(src, (500_000, 500_000))
    assert fc.stale_modules() == [name]


def test_an_installed_wheel_is_never_stale(tmp_path, monkeypatch):
    pkg, _ = _fake_package(tmp_path, py_mtime=2_000_000, ext_mtime=1_000_000, setup=False)
    monkeypatch.setattr(fc, "_PKG", pkg)
    assert fc.stale_modules() == []


def test_a_stale_build_falls_back_to_source_with_one_warning(tmp_path, monkeypatch):
    pkg, name = _fake_package(tmp_path, py_mtime=2_000_000, ext_mtime=1_000_000)
    monkeypatch.setattr(fc, "_PKG", pkg)
    monkeypatch.delenv("FRAMING_PURE_PYTHON", raising=False)
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path
                                           if not isinstance(f, fc._SourceFirst)])
    with pytest.warns(Warning, match=rf"compiled build of framing\.{name} was made from an "
                                     r"older version of its source.*Rebuild with `make build`"):
        fc.install_guard()
    finder = sys.meta_path[0]
    assert isinstance(finder, fc._SourceFirst)
    spec = finder.find_spec(f"framing.{name}")
    assert spec is not None and spec.origin == str(pkg / f"{name}.py")
    assert finder.find_spec("framing.analysis") is None


@pytest.mark.skipif(os.environ.get("CI", "").lower() not in ("1", "true"),
                    reason="the build is checked in CI, where `make` compiles it")
def test_ci_runs_the_compiled_hot_path():
    # `make test` builds the extensions first (Makefile: build); CI must measure and test
    # what users get, so a silent fall-back to pure Python there is a failure
    assert not fc.pure_python_requested()
    assert fc.stale_modules() == []
    assert set(fc.status().values()) == {"compiled"}, fc.status()
