"""framing.write_report and framing.show: self-contained, escaped, complete."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import framing
from framing.analysis import analyze

FAST = {"n_boot": 50, "n_perm": 50}
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def evil_corpus() -> pd.DataFrame:
    """Two outlets whose texts, titles and names carry script payloads."""
    body = (f'{SCRIPT} "We will never accept {IMG}," Foreign Minister Walid al-Muallem '
            "said on Sunday, calling the so-called coalition a puppet of the regime.\n\n"
            f'"The {IMG} aggressors will go home in coffins," he said.')
    other = ('Officials said the talks were brutal. "It is over," the spokesman said, '
             "according to reports.")
    return framing.validate_corpus(pd.DataFrame({
        "id": [f"evil{SCRIPT}", "plain-1", "plain-2"],
        "outlet": [f"Evil {IMG} News", "Plain Post", "Plain Post"],
        "title": [f"Title {SCRIPT}{IMG}", "A title", "Another"],
        "text": [body, other, other.replace("talks", "meetings")],
        "truncated": [True, False, False],
    }))


@pytest.fixture(scope="module")
def syria_html(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    framing.write_report(framing.datasets.load("syria-2016"), path, **FAST)
    return path.read_text(encoding="utf-8")


def _assert_no_payload(out: str) -> None:
    assert "<script" not in out.lower()
    assert "<img src=x" not in out and "<img src=\"x\"" not in out
    assert "onerror=\"document" not in out
    assert "&lt;script&gt;" in out                   # the text is there, escaped


def test_report_sections_in_order(syria_html):
    heads = re.findall(r"<h2>(.*?)</h2>", syria_html)
    assert heads[:2] == ["Corpus summary", "Methodology"]
    for h in ("Quotes and speech verbs", "Loaded terms", "Sources", "Keyness",
              "Top loaded terms in context", "Most-quoted sources", "Caveats"):
        assert h in heads
    assert heads[-1] == "Caveats"
    assert heads.index("Methodology") < heads.index("Loaded terms") < heads.index("Caveats")


def test_report_is_self_contained(syria_html):
    # no resource fetched from the network: every src is a data: URI, no external links
    # to stylesheets or scripts, no <script> at all
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", syria_html)
    assert "<link" not in syria_html and "<script" not in syria_html
    srcs = re.findall(r'src="([^"]*)"', syria_html)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "@import" not in syria_html


def test_report_caveats_and_counts(syria_html):
    caveats = syria_html[syria_html.index("<h2>Caveats</h2>"):]
    assert "truncated" in caveats and "Small groups" in caveats
    assert "n (articles)" in syria_html                   # n always shown
    assert "Monroe, Colaresi &amp; Quinn 2008" in syria_html


def test_report_escapes_everything_html(tmp_path):
    out = framing.write_report(evil_corpus(), tmp_path / "r.html", min_docs=1, **FAST)
    html = out.read_text(encoding="utf-8")
    _assert_no_payload(html)
    assert "Evil &quot;&gt;&lt;img" in html                # outlet names escaped


def test_report_markdown_escapes_and_embeds(tmp_path):
    out = framing.write_report(evil_corpus(), tmp_path / "r.md", **FAST)
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Outlet comparison by outlet")
    assert "## Caveats" in md and "](data:image/png;base64," in md
    _assert_no_payload(md)
    assert not re.search(r"\]\(https?://", md)


def test_report_from_result_needs_corpus_for_contexts(tmp_path):
    corpus = framing.datasets.load("syria-2016")
    res = analyze(corpus, progress=False, **FAST)
    without = framing.report.render_report(res)
    assert "Pass corpus= to show the contexts." in without
    with_corpus = framing.report.render_report(res, corpus=corpus)
    assert "Example article" in with_corpus


def test_report_bad_extension(tmp_path):
    with pytest.raises(framing.DataError, match="unknown extension '.pdf'"):
        framing.write_report(evil_corpus(), tmp_path / "r.pdf")
    with pytest.raises(TypeError, match="write_report expects a corpus DataFrame"):
        framing.write_report("corpus.jsonl", tmp_path / "r.html")


# ----------------------------------------------------------------------------- show

def test_show_marks_terms_and_quotes_on_seed(seed_corpus):
    view = framing.show(seed_corpus.iloc[0])
    html = view._repr_html_()
    assert view.n_quotes > 0 and view.n_loaded > 0
    assert 'class="fa-q fa-src-' in html and 'class="fa-lt fa-cat-' in html
    assert re.search(r'title="speaker: Ashton Carter[^"]*verb: said', html)
    assert "fa-cat-distancing" in html and "fa-cat-label" in html
    # the visible text is the article, unchanged
    visible = re.sub(r"<sup>.*?</sup>", "", html.split('class="fa-text">', 1)[1])
    import html as _html

    plain = _html.unescape(re.sub(r"<[^>]+>", "", visible))
    assert plain == seed_corpus["text"].iloc[0]


def test_show_accepts_id_position_and_precomputed_rows(seed_corpus):
    by_id = framing.show("presstv-20160212-founding", seed_corpus)
    by_pos = framing.show(0, seed_corpus)
    assert by_id.html == by_pos.html
    rows = [{"doc_id": "presstv-20160212-founding", "start": 0, "end": 2, "category": "label",
             "entry": "US", "voice": "reporter"}]
    custom = framing.show(0, seed_corpus, quotes=[], loaded=rows)
    assert custom.n_quotes == 0 and custom.n_loaded == 1
    assert 'title="category: label; entry: US; voice: reporter"' in custom.html
    assert "presstv" in repr(custom)
    assert custom.to_html().startswith("<!DOCTYPE html>")


def test_show_escapes_everything():
    c = evil_corpus()
    view = framing.show(c.iloc[0])
    _assert_no_payload(view.html)
    payload_rows = [{"doc_id": c["id"].iloc[0], "start": 0, "end": 5, "category": SCRIPT,
                     "entry": IMG, "voice": "reporter", "speaker": IMG}]
    view2 = framing.show(c.iloc[0], quotes=[{"start": 10, "end": 30, "speaker": SCRIPT,
                                             "verb": IMG}], loaded=payload_rows)
    _assert_no_payload(view2.html)


def test_show_errors(seed_corpus):
    with pytest.raises(framing.DataError, match="pass the corpus too"):
        framing.show("some-id")
    with pytest.raises(framing.DataError, match="no document with id 'nope'"):
        framing.show("nope", seed_corpus)
    with pytest.raises(framing.DataError, match="position 5 is out of range"):
        framing.show(5, seed_corpus)
    with pytest.raises(TypeError, match="doc must be a corpus row"):
        framing.show(1.5, seed_corpus)


def test_show_with_result_tables_and_missing_values(seed_corpus):
    res = analyze(seed_corpus, progress=False, **FAST)
    quotes = res.quotes.copy()
    quotes.loc[0, "speaker"] = pd.NA            # nullable columns hold pd.NA
    view = framing.show(seed_corpus.iloc[0], quotes=quotes, loaded=res.loaded)
    assert view.n_quotes == len(res.quotes) and view.n_loaded == len(res.loaded)
    assert "speaker: unknown" in view.html       # pd.NA is treated as missing, not an error
