"""The command's shared behaviour: exit codes and one-line warnings."""
from __future__ import annotations

import json
import subprocess
import sys


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "framing", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_warnings_are_one_line_without_source_paths(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "outlet": "x", "text": "Officials said it was over."},
            {"id": "b", "outlet": "x", "text": "   "}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = _run("corpus", "info", str(path))
    assert out.returncode == 0, out.stderr
    warning_lines = [ln for ln in out.stderr.splitlines() if "empty" in ln]
    assert warning_lines and warning_lines[0].startswith("framing: warning: ")
    assert ".py:" not in out.stderr


def test_data_error_is_one_line_and_exit_1(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,outlet,body\n1,a,hello\n", encoding="utf-8")
    out = _run("quotes", str(path))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("framing: error: ") and "missing required column" in lines[0]
    assert "--text-col" in lines[0]


def test_debug_shows_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,outlet,body\n1,a,hello\n", encoding="utf-8")
    out = _run("--debug", "quotes", str(path))
    assert out.returncode == 1
    assert "Traceback" in out.stderr


def test_usage_error_exit_2():
    assert _run("quotes").returncode == 2
    assert _run("no-such-command").returncode == 2
