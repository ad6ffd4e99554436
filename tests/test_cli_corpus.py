"""`framing corpus info|convert|list`, exit codes, and the installed console script."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main

RECORDS = [
    {"id": "1", "outlet": "Daily", "text": "One two three.", "date": "2016-02-11"},
    {"id": "2", "outlet": "Weekly", "text": "Four, five.", "date": "2016-02-13"},
    {"id": "3", "outlet": "Daily", "text": "   ", "date": None},
]


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ info

def test_info_table(small, capsys):
    with pytest.warns(framing.FramingWarning, match="empty or whitespace-only"):
        assert main(["corpus", "info", str(small)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"corpus      {small}"
    assert "articles    3" in lines
    # tokens: One two three . | Four , five .  -> 4 + 4
    assert "tokens      8 (mean 3 per article)" in lines
    assert "dates       2016-02-11 to 2016-02-13 (1 missing)" in lines
    assert "status      empty 1, ok 2" in lines
    assert "outlets     2" in lines
    table = lines[lines.index("") + 1:]
    assert table[0].split() == ["outlet", "articles", "tokens"]
    assert table[1].split() == ["Daily", "2", "4"]
    assert table[2].split() == ["Weekly", "1", "4"]


def test_info_json(small, capsys):
    with pytest.warns(framing.FramingWarning):
        assert main(["corpus", "info", str(small), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "corpus": str(small), "articles": 3, "tokens": 8, "characters": 28,
        "outlets": {"Daily": {"articles": 2, "tokens": 4},
                    "Weekly": {"articles": 1, "tokens": 4}},
        "dates": {"min": "2016-02-11", "max": "2016-02-13", "missing": 1},
        "events": None, "status": {"empty": 1, "ok": 2},
    }


def test_info_on_a_shipped_corpus(capsys):
    assert main(["corpus", "info", "syria-2016", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    corpus = framing.datasets.load("syria-2016")
    assert summary["articles"] == len(corpus) == 12
    assert summary["events"] == 5
    assert summary["dates"] == {"min": "2016-01-20", "max": "2020-01-05", "missing": 0}
    assert sum(o["articles"] for o in summary["outlets"].values()) == 12
    assert summary["outlets"]["Press TV"]["articles"] == 1
    assert summary["characters"] == int(corpus["text"].str.len().sum())


def test_info_streams_a_file_in_chunks_with_the_same_result(tmp_path, capsys, monkeypatch):
    from framing.cli import _corpus

    path = tmp_path / "wn.jsonl"
    framing.write_corpus(framing.datasets.load("wikinews"), path)
    assert main(["corpus", "info", str(path), "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(_corpus, "_CHUNK", 7)
    assert main(["corpus", "info", str(path), "--json"]) == 0
    chunked = json.loads(capsys.readouterr().out)
    assert whole == chunked
    assert whole["articles"] == 295


def test_info_without_dates_or_with_a_text_column_option(tmp_path, capsys):
    path = tmp_path / "c.csv"
    pd.DataFrame({"doc": ["a"], "body": ["Hi there."], "outlet": ["X"]}).to_csv(path,
                                                                               index=False)
    assert main(["corpus", "info", str(path), "--id-col", "doc", "--text-col", "body"]) == 0
    out = capsys.readouterr().out
    assert "dates       (no date column)" in out
    assert "tokens      3" in out


def test_info_on_a_folder(tmp_path, capsys):
    (tmp_path / "news" / "PressTV").mkdir(parents=True)
    (tmp_path / "news" / "PressTV" / "a.txt").write_text("A text.", encoding="utf-8")
    assert main(["corpus", "info", str(tmp_path / "news"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outlets"] == {
        "PressTV": {"articles": 1, "tokens": 3}}


# ------------------------------------------------------------------------------ convert

@pytest.mark.parametrize("ext", ["csv", "tsv", "parquet", "jsonl.gz", "jsonl"])
def test_convert_round_trips(small, tmp_path, capsys, ext):
    out = tmp_path / f"out.{ext}"
    with pytest.warns(framing.FramingWarning):
        assert main(["corpus", "convert", str(small), str(out)]) == 0
    assert f"wrote 3 documents to {out}" in capsys.readouterr().err
    with pytest.warns(framing.FramingWarning):
        back = framing.read_corpus(out)
        orig = framing.read_corpus(small)
    assert back["text"].tolist() == orig["text"].tolist()
    assert back["id"].tolist() == ["1", "2", "3"]
    pd.testing.assert_series_equal(back["date"], orig["date"], check_dtype=False)


def test_convert_streams_in_chunks(tmp_path, monkeypatch, capsys):
    """A file is converted chunk by chunk (a small chunk size forces several chunks)."""
    import framing
    from framing.cli import _corpus

    monkeypatch.setattr(_corpus, "_CHUNK", 50)
    seen = []
    real = framing.corpus.iter_corpus

    def spy(*a, **k):
        for chunk in real(*a, **k):
            seen.append(len(chunk))
            yield chunk

    monkeypatch.setattr(framing.corpus, "iter_corpus", spy)
    out = tmp_path / "w.parquet"
    assert main(["corpus", "convert", str(framing.datasets.path("wikinews")), str(out)]) == 0
    assert seen == [50] * 5 + [45]
    assert "wrote 295 documents" in capsys.readouterr().err
    assert len(framing.read_corpus(out)) == 295


def test_convert_a_shipped_corpus_keeps_every_column(tmp_path):
    out = tmp_path / "syria.parquet"
    assert main(["corpus", "convert", "syria-2016", str(out)]) == 0
    back = framing.read_corpus(out)
    pd.testing.assert_frame_equal(back, framing.datasets.load("syria-2016"), check_dtype=False)


def test_convert_with_column_options(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"doc": ["a", "b"], "body": ["x.", "y."]}).to_csv(src, index=False)
    out = tmp_path / "out.jsonl"
    assert main(["corpus", "convert", str(src), str(out), "--id-col", "doc",
                 "--text-col", "body", "--outlet", "Wire"]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["id"], r["outlet"], r["text"]) for r in rows] == [
        ("a", "Wire", "x."), ("b", "Wire", "y.")]


def test_convert_unknown_output_extension_is_a_data_error(small, tmp_path, capsys):
    assert main(["corpus", "convert", str(small), str(tmp_path / "out.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and "unknown file type '.xlsx'" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "out.xlsx").exists()


def test_convert_into_a_folder_is_a_data_error(small, tmp_path, capsys):
    (tmp_path / "d.jsonl").mkdir()
    assert main(["corpus", "convert", str(small), str(tmp_path / "d.jsonl")]) == 1
    assert "it is a folder" in capsys.readouterr().err


# ------------------------------------------------------------------------------ list

def test_list(capsys):
    assert main(["corpus", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["name", "documents", "outlets", "licence"]
    assert [line.split()[0] for line in lines[1:]] == ["seed", "syria-2016", "wikinews"]
    assert lines[3].split()[:3] == ["wikinews", "295", "1"]


def test_list_json(capsys):
    assert main(["corpus", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["name"] for r in rows] == ["seed", "syria-2016", "wikinews"]
    assert rows[1]["n_documents"] == 12


# ------------------------------------------------------------------------------ errors

def test_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["corpus", "info", str(tmp_path / "nope.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and err.count("\n") == 1
    assert "no such file or folder" in err and "seed, syria-2016, wikinews" in err


def test_bad_data_is_exit_1_and_debug_shows_the_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("id,outlet,text\n1,o,caf\xe9\n".encode("latin-1"))
    assert main(["corpus", "info", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and "not valid UTF-8" in err
    assert "Traceback" not in err
    assert main(["--debug", "corpus", "info", str(bad)]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_missing_column_is_exit_1(tmp_path, capsys):
    path = tmp_path / "c.csv"
    pd.DataFrame({"id": ["1"], "body": ["x"], "outlet": ["o"]}).to_csv(path, index=False)
    assert main(["corpus", "info", str(path)]) == 1
    assert "missing required column(s): 'text'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["corpus"], ["corpus", "info"], ["corpus", "frobnicate"], ["corpus", "convert", "a"],
    ["corpus", "info", "seed", "--bogus"],
])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["corpus", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for action in ("info", "convert", "list"):
        assert action in out


# ------------------------------------------------------------------------------ the script

def _script() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("framing")
    if found:
        return [found]
    pytest.skip("the framing console script is not installed")


def test_console_script_version_and_usage_error():
    run = subprocess.run(_script() + ["--version"], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stdout.strip() == f"framing {framing.__version__}"
    run = subprocess.run(_script() + ["corpus", "no-such-action"], capture_output=True,
                         text=True)
    assert run.returncode == 2
    assert "invalid choice" in run.stderr
    run = subprocess.run(_script() + ["corpus", "info", "seed"], capture_output=True,
                         text=True)
    assert run.returncode == 0 and run.stdout.startswith("corpus      seed\n")
