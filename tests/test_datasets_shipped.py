"""framing.datasets list/load/path, the shipped corpora and their datasheets, and a wheel."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import ResourceNotFoundError
from framing.datasets import _shipped

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NAMES = ["seed", "syria-2016", "wikinews"]


@pytest.fixture(scope="module")
def loaded():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the shipped corpora load without any warning
        return {n: framing.datasets.load(n) for n in NAMES}


# ------------------------------------------------------------------------------ API

def test_list_matches_the_data(loaded):
    table = framing.datasets.list()
    assert table.columns.tolist() == ["name", "n_documents", "outlets", "licence",
                                      "description"]
    assert table["name"].tolist() == NAMES
    for row in table.itertuples(index=False):
        corpus = loaded[row.name]
        assert row.n_documents == len(corpus)
        assert row.outlets == corpus["outlet"].nunique()
        assert row.licence and row.description


def test_path_points_to_a_file_with_a_datasheet():
    for name in NAMES:
        p = framing.datasets.path(name)
        assert p.is_file() and p.name.startswith(name)
        assert (p.parent / "DATASHEET.md").is_file()


def test_load_returns_a_fresh_copy():
    a = framing.datasets.load("seed")
    a.loc[0, "text"] = "changed"
    assert framing.datasets.load("seed").loc[0, "text"] != "changed"


@pytest.mark.parametrize("bad", ["nope", "Seed", "syria_2016", ""])
def test_unknown_name_lists_the_available_ones(bad):
    with pytest.raises(ResourceNotFoundError,
                       match=rf"no shipped corpus named {re.escape(repr(bad))}.*Available "
                             r"corpora: seed, syria-2016, wikinews"):
        framing.datasets.load(bad)
    with pytest.raises(ResourceNotFoundError, match="Available corpora"):
        framing.datasets.path(bad)


def test_near_miss_gets_a_suggestion():
    with pytest.raises(ResourceNotFoundError, match=r"Did you mean 'syria-2016'\?"):
        framing.datasets.load("Syria_2016")


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match=r"name must be the name of a shipped corpus.*got int"):
        framing.datasets.load(3)


def test_resource_not_found_is_a_lookup_error():
    with pytest.raises(LookupError):
        framing.datasets.load("nope")


# ------------------------------------------------------------------------------ the corpora

def test_seed(loaded, seed_text):
    seed = loaded["seed"]
    assert len(seed) == 1
    row = seed.iloc[0]
    assert row["id"] == "presstv-20160212-founding"
    assert row["outlet"] == "Press TV"
    assert row["date"] == pd.Timestamp("2016-02-12")
    assert row["url"].startswith("https://presstv.ir/Detail/2016/02/12/449879/")
    assert row["event"].startswith("E1 NATO/counter-ISIL ministers, Brussels")
    assert row["status"] == "ok"
    assert seed_text.startswith("US Defense Secretary Ashton Carter says the NATO")
    assert "purportedly targeting Daesh Takfiri militants" in seed_text


def test_seed_text_is_the_seed_file_exactly(loaded):
    seed_file = SHARED / "seeds" / "000_52267fcacd1ca62e.txt"
    if not seed_file.exists():
        pytest.skip("shared/seeds not available")
    assert loaded["seed"]["text"].item() == seed_file.read_bytes().decode("utf-8")


def test_syria_2016(loaded):
    syria = loaded["syria-2016"]
    assert len(syria) == 12
    assert syria["id"].is_unique
    assert {"Press TV", "Voice of America", "U.S. Department of Defense",
            "U.S. Department of State", "Tasnim News Agency",
            "English Wikinews"} == set(syria["outlet"])
    # the seed is in, with the same text as the seed corpus
    seed = syria.set_index("id").loc["presstv-20160212-founding"]
    assert seed["text"] == loaded["seed"]["text"].item()
    # lead marks exactly the truncated records
    assert syria["lead"].dtype == bool
    assert (syria["lead"] == syria["truncated"]).all()
    assert syria["lead"].sum() == 7
    # clean dates, with the notes split off
    assert syria["date"].notna().all()
    note = syria.set_index("id").loc["dod-20160211-press-conference", "date_note"]
    assert note.startswith("inferred:")
    assert syria.set_index("id").loc["state-dipnote-20160211-issg", "date_note"] == \
        "from URL path"
    # per-record licence, attribution and provenance
    for col in ("licence", "attribution", "url", "outlet_type", "event", "event_detail",
                "outlet_detail", "redistributable"):
        assert syria[col].notna().all(), col
    assert syria["url"].str.match(r"https?://\S+$").all()
    assert syria["event"].str.match(r"E[0-4] ").all()
    assert syria["event"].nunique() == 5


def test_syria_2016_keeps_only_yes_or_probably(loaded):
    syria = loaded["syria-2016"].set_index("id")
    flags = syria.drop(index="presstv-20160212-founding")["redistributable"]
    assert flags.str.lower().str.match(r"(yes|probably)").all()
    for left_out in ("nato-20160211-sg-press-conference", "nato-20160209-pre-ministerial",
                     "mehr-20200103-soleimani", "presstv-20200103-soleimani"):
        assert left_out not in syria.index


def test_syria_2016_matches_candidates(loaded, shared_data):
    path = shared_data / "corpus-sources" / "candidates.jsonl"
    cands = {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())}
    syria = loaded["syria-2016"]
    for row in syria.itertuples(index=False):
        if row.id == "presstv-20160212-founding":
            continue
        src = cands[row.id]
        assert row.text == src["body"]
        assert row.title == src["title"]
        assert row.licence == src["license"]
        assert row.truncated == src["truncated"]
        assert src["date"].startswith(row.date.strftime("%Y-%m-%d"))
        assert row.event_detail == src["event"]
        assert row.outlet_detail == src["outlet"]
    expected = {k for k, r in cands.items()
                if str(r["redistributable"]).lower().startswith(("yes", "probably"))
                and r["body"] is not None}
    assert expected | {"presstv-20160212-founding"} == set(syria["id"])


def test_wikinews(loaded):
    wn = loaded["wikinews"]
    assert len(wn) == 295
    assert wn["id"].is_unique and wn["id"].str.match(r"wikinews-\d{8}-[a-z0-9-]+$").all()
    assert (wn["outlet"] == "English Wikinews").all()
    assert wn["url"].str.match(r"https://en\.wikinews\.org/wiki/[^/]").all()
    assert (wn["licence"] == "CC BY 2.5 (English Wikinews)").all()
    assert wn["attribution"].str.contains("English Wikinews contributors").all()
    assert wn["test_page"].sum() == 2
    assert (wn["status"] == "ok").all()
    assert wn["date"].min() == pd.Timestamp("2019-01-04")


def test_wikinews_matches_the_source_csvs(loaded, shared_data):
    src = pd.concat([pd.read_csv(shared_data / "corpus-sources" / f, dtype=str,
                                 keep_default_na=False)
                     for f in ("wikinews_2019.csv", "wikinews_2020.csv")], ignore_index=True)
    wn = loaded["wikinews"]
    assert wn["text"].tolist() == src["text"].tolist()
    assert wn["title"].tolist() == src["title"].tolist()
    assert wn["date"].dt.strftime("%Y-%m-%d").tolist() == src["date"].tolist()


# ------------------------------------------------------------------------------ datasheets

@pytest.mark.parametrize("name", NAMES)
def test_datasheet_has_every_section(name):
    sheet = (framing.datasets.path(name).parent / "DATASHEET.md").read_text("utf-8")
    for section in ("## Source", "## Licence and attribution", "## How it was collected",
                    "## Fields", "## Known limits"):
        assert section in sheet, f"{name}: {section}"


def test_syria_datasheet_lists_every_left_out_record():
    sheet = (framing.datasets.path("syria-2016").parent / "DATASHEET.md").read_text("utf-8")
    section = sheet.split("## Records left out", 1)[1].split("\n## ", 1)[0]
    for rid in ("nato-20160211-sg-press-conference", "nato-20160209-pre-ministerial",
                "mehr-20200103-soleimani", "presstv-20200103-soleimani",
                "presstv-20160212-founding"):
        assert f"`{rid}`" in section


def test_readme_indexes_every_corpus():
    readme = (_shipped._root() / "README.md").read_text("utf-8")
    for name in NAMES:
        assert f"[`{name}`]({name}/DATASHEET.md)" in readme


def test_top_level_corpora_is_the_package_folder():
    top = ROOT / "corpora"
    if not top.exists():
        pytest.skip("not a checkout")
    assert top.resolve() == _shipped._root().resolve()
    for name in NAMES:
        assert (top / name / "DATASHEET.md").is_file()


def test_build_script_reproduces_the_shipped_files(tmp_path, shared_data):
    """tools/build_corpora.py rebuilds byte-identical files from ../shared."""
    script = ROOT / "tools" / "build_corpora.py"
    if not script.exists():
        pytest.skip("not a checkout")
    subprocess.run([sys.executable, str(script), "--shared", str(shared_data.parent),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    shipped = _shipped._root()
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(shipped) for p in shipped.rglob("*")
                           if p.is_file() and "__pycache__" not in p.parts)
    for rel in files:
        assert (tmp_path / rel).read_bytes() == (shipped / rel).read_bytes(), rel


# ------------------------------------------------------------------------------ wheel

def _site_packages() -> list[str]:
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    return sorted(paths)


@pytest.mark.slow
def test_corpora_load_from_a_built_wheel(tmp_path):
    """Build a wheel, unzip it, and load every corpus from there (not from the checkout)."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not a checkout")
    pytest.importorskip("setuptools")
    # build from a copy of the sources, so that no build/ folder is left in the checkout
    src = tmp_path / "src"
    shutil.copytree(ROOT / "framing", src / "framing",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.so"))
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE", "MANIFEST.in",
                 "setup.cfg"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, src / name)
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(wheels), str(src)],
        capture_output=True, text=True,
        env={**os.environ, "FRAMING_PURE_PYTHON": "1"},   # (compiling takes a minute)
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    (wheel,) = wheels.glob("framing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith(".so")], "a pure Python wheel was asked for"
    for name in NAMES:
        assert f"framing/datasets/corpora/{name}/DATASHEET.md" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # -S: no site-packages processing, so the editable checkout's finder is not installed;
    # the dependencies come from this interpreter's site-packages, framing from the wheel.
    code = (
        "import sys, warnings\n"
        f"sys.path[:0] = [{str(site)!r}] + {_site_packages()!r}\n"
        "warnings.simplefilter('error')\n"
        "import framing\n"
        f"assert framing.__file__.startswith({str(site)!r}), framing.__file__\n"
        "out = {}\n"
        "for name in framing.datasets.list()['name']:\n"
        "    c = framing.datasets.load(name)\n"
        "    assert str(framing.datasets.path(name)).startswith(" + repr(str(site)) + ")\n"
        "    out[name] = len(c)\n"
        "print(out)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    run = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "{'seed': 1, 'syria-2016': 12, 'wikinews': 295}"
