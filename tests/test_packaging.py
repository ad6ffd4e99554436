"""pyproject.toml and environment.yml agree; the package ships what it needs."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]

#: conda-forge name -> PyPI name, where they differ (none today; add here when one does)
CONDA_TO_PYPI: dict[str, str] = {}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def pyproject() -> dict:
    path = ROOT / "pyproject.toml"
    if not path.exists():
        pytest.skip("not a checkout")
    return tomllib.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def conda() -> dict[str, SpecifierSet]:
    """environment.yml's packages (conda and pip sections): normalised name -> specifier."""
    path = ROOT / "environment.yml"
    if not path.exists():
        pytest.skip("not a checkout")
    env = yaml.safe_load(path.read_text("utf-8"))
    out: dict[str, SpecifierSet] = {}
    for dep in env["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            if entry.startswith("-e") or entry.strip() in (".", "pip"):
                continue
            # conda's "name>=1.0" and "name =1.0" spellings; pip's are PEP 508
            m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*(.*)$", entry)
            name, spec = m.group(1), m.group(2).replace(" ", "")
            if re.fullmatch(r"=?\d[\w.*]*", spec):  # conda "=1.2" / "1.2" means ==1.2.*
                spec = "==" + spec.lstrip("=")
            out[_norm(CONDA_TO_PYPI.get(name, name))] = SpecifierSet(spec)
    return out


def _reqs(items: list[str]) -> dict[str, SpecifierSet]:
    reqs = [Requirement(r) for r in items]
    return {_norm(r.name): r.specifier for r in reqs}


def test_runtime_dependencies_agree(pyproject, conda):
    runtime = _reqs(pyproject["project"]["dependencies"])
    notebooks = _reqs(pyproject["project"]["optional-dependencies"]["notebooks"])
    missing = sorted(set(runtime) - set(conda))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    extra = sorted(set(conda) - set(runtime) - set(notebooks) - {"python"})
    assert not extra, (f"in environment.yml but not in pyproject.toml's dependencies or "
                       f"notebooks extra: {extra}")


def test_notebook_extra_is_in_environment_yml(pyproject, conda):
    notebooks = _reqs(pyproject["project"]["optional-dependencies"]["notebooks"])
    assert {"jupyterlab", "ipywidgets"} <= set(notebooks)
    missing = sorted(set(notebooks) - set(conda))
    assert not missing, f"notebooks extra not in environment.yml: {missing}"


def test_version_bounds_agree(pyproject, conda):
    deps = _reqs(pyproject["project"]["dependencies"]
                 + pyproject["project"]["optional-dependencies"]["notebooks"])
    differ = {n: (str(s), str(conda[n])) for n, s in deps.items()
              if n in conda and str(conda[n]) and s != conda[n]}
    assert not differ, f"version bounds differ (pyproject, environment.yml): {differ}"


def test_python_version_agrees(pyproject, conda):
    assert "python" in conda, "environment.yml must pin python"
    assert SpecifierSet(pyproject["project"]["requires-python"]) == conda["python"]


def test_issue_dependencies_are_declared(pyproject):
    runtime = set(_reqs(pyproject["project"]["dependencies"]))
    assert {"pandas", "scikit-learn", "matplotlib", "nltk", "pyarrow", "tqdm"} <= runtime
    dev = set(_reqs(pyproject["project"]["optional-dependencies"]["dev"]))
    assert {"pytest", "hypothesis"} <= dev
    assert dev & {"nbmake", "nbval", "nbclient", "testbook"}, "dev needs a notebook runner"


def test_console_script_and_python(pyproject):
    assert pyproject["project"]["scripts"]["framing"] == "framing.cli:main"
    assert SpecifierSet(pyproject["project"]["requires-python"]).contains("3.11")


def test_package_data_globs_cover_the_shipped_files(pyproject):
    globs = pyproject["tool"]["setuptools"]["package-data"]["*"]
    data = [p for p in (ROOT / "framing").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc", ".so", ".pyd")
            and "__pycache__" not in p.parts]   # (.so: the mypyc build, see setup.py)
    uncovered = [str(p.relative_to(ROOT)) for p in data
                 if not any(p.match(g) for g in globs)]
    assert not uncovered, f"package files no package-data glob includes: {uncovered}"


def test_no_pickles_are_shipped():
    pickles = [p for p in (ROOT / "framing").rglob("*")
               if p.suffix in (".pkl", ".pickle", ".joblib", ".npy", ".npz")]
    assert not pickles


def test_make_targets_and_ci():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^test:", makefile, re.M) and re.search(r"^demo:", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^make test$", ci, re.M), ".ci/run must call exactly `make test`"
