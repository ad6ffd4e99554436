"""Render the report and an article view in a real headless Chromium.

Checks that the page drew (the screenshot is not blank), that the expected headings are in
the DOM, and that script payloads planted in the corpus never run.  Skipped, with the
reason, when Chromium is not installed (``.ci/run`` installs Debian's ``chromium``).
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from test_report import FAST, evil_corpus

import framing

pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p and Path(p).exists()), None)
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped",
                allow_module_level=True)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=3000"]


def _chromium(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )


def dump_dom(page: Path, tmp: Path) -> str:
    res = _chromium(page, tmp, "--dump-dom")
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def screenshot(page: Path, tmp: Path) -> np.ndarray:
    import matplotlib.image as mpimg

    shot = tmp / f"{page.stem}.png"
    res = _chromium(page, tmp, f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.exists(), res.stderr[-2000:]
    return mpimg.imread(shot)


def _colours(img: np.ndarray) -> int:
    return len(np.unique(img.reshape(-1, img.shape[-1]), axis=0))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    report = framing.write_report(framing.datasets.load("syria-2016"), tmp / "report.html",
                                  **FAST)
    evil = framing.write_report(evil_corpus(), tmp / "evil.html", **FAST)
    corpus = evil_corpus()
    view = tmp / "view.html"
    view.write_text(framing.show(corpus.iloc[0]).to_html(), encoding="utf-8")
    return tmp, report, evil, view


def test_report_draws_and_has_headings(pages):
    tmp, report, _, _ = pages
    img = screenshot(report, tmp)
    assert img.shape[0] > 100 and _colours(img) > 50        # text, tables and charts drew
    dom = dump_dom(report, tmp)
    for heading in ("Corpus summary", "Methodology", "Loaded terms", "Keyness", "Caveats"):
        assert f"<h2>{heading}</h2>" in dom
    assert "<img" in dom and "data:image/png;base64," in dom


def test_report_payloads_do_not_run(pages):
    tmp, _, evil, _ = pages
    dom = dump_dom(evil, tmp)
    assert "<title>Outlet comparison by outlet</title>" in dom     # not PWNED
    assert "<title>PWNED</title>" not in dom
    assert 'data-pwned="1"' not in dom
    assert '<img src="x"' not in dom                               # no injected element
    assert "&lt;script&gt;" in dom                                # shown as text
    assert _colours(screenshot(evil, tmp)) > 10


def test_article_view_payloads_do_not_run(pages):
    # the article view is embeddable in notebooks, where no CSP protects the page: escaping
    # alone must keep the payload inert
    tmp, _, _, view = pages
    dom = dump_dom(view, tmp)
    assert "<title>PWNED</title>" not in dom            # the script would set this title
    assert "<title>evil&lt;script&gt;" in dom           # the id, shown as text
    assert 'data-pwned="1"' not in dom
    assert '<img src="x"' not in dom
    assert "fa-q" in dom and "fa-lt" in dom                        # highlights rendered
    assert _colours(screenshot(view, tmp)) > 10
