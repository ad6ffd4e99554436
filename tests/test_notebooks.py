"""The notebooks are committed as jupytext pairs without outputs, with a header and a
parameters cell.  (Their execution is `pytest --nbmake notebooks/`.)"""
from __future__ import annotations

from pathlib import Path

import pytest

jupytext = pytest.importorskip("jupytext")
nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parents[1] / "notebooks"
SCRIPTS = sorted(ROOT.glob("*.py")) + sorted((ROOT / "classroom").glob("*.py"))
IDS = [str(p.relative_to(ROOT)) for p in SCRIPTS]


def test_the_notebooks_exist():
    names = {p.stem for p in ROOT.glob("*.py")}
    assert {"01-quickstart", "02-compare-outlets", "03-quotes-and-sources",
            "04-lexicon-workshop", "05-bring-your-own-corpus"} <= names
    classroom = {p.stem for p in (ROOT / "classroom").glob("*.py")}
    students = {n for n in classroom if not n.endswith("-solution")}
    assert len(students) >= 3
    assert {f"{n}-solution" for n in students} <= classroom


@pytest.mark.parametrize("script", SCRIPTS, ids=IDS)
def test_pair_in_sync_and_stripped(script):
    ipynb = script.with_suffix(".ipynb")
    assert ipynb.exists(), f"run: .venv/bin/jupytext --to ipynb {script}"
    nb = nbformat.read(ipynb, as_version=4)
    py = jupytext.read(script)
    assert [(c.cell_type, c.source) for c in nb.cells] == \
        [(c.cell_type, c.source) for c in py.cells], f"out of sync: jupytext --sync {script}"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "strip the outputs"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("script", SCRIPTS, ids=IDS)
def test_header_and_parameters_cell(script):
    nb = jupytext.read(script)
    head = nb.cells[0]
    assert head.cell_type == "markdown"
    for field in ("**Goal.**", "**Time needed.**", "**Prerequisites.**", "**Data.**"):
        assert field in head.source, f"{script.name}: header lacks {field}"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert "=" in tagged[0].source


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s.stem.endswith("-solution")],
                         ids=lambda s: s.stem)
def test_solutions_assert_their_checks(script):
    source = script.read_text(encoding="utf-8")
    assert source.count("assert result.ok") >= 1


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s.parent.name == "classroom"
                                    and not s.stem.endswith("-solution")],
                         ids=lambda s: s.stem)
def test_student_notebooks_leave_answers_empty(script):
    source = script.read_text(encoding="utf-8")
    assert "# YOUR ANSWER" in source and "assert result.ok" not in source
