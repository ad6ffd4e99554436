"""framing.analyze: one pass, same results whatever the engine, streamed output."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.analysis import AnalysisResult, analyze

FAST = {"n_boot": 50, "n_perm": 50, "progress": False}


@pytest.fixture(scope="module")
def corpus():
    syria = framing.datasets.load("syria-2016")
    wiki = framing.datasets.load("wikinews").head(30)
    cols = ["id", "outlet", "text", "event"]
    frame = pd.concat([syria[cols], wiki.assign(event=None)[cols]], ignore_index=True)
    return framing.validate_corpus(frame)


@pytest.fixture(scope="module")
def serial(corpus):
    return analyze(corpus, **FAST)


def assert_same(a: AnalysisResult, b: AnalysisResult) -> None:
    for name, frame in a.tables().items():
        other = b.tables()[name]
        pd.testing.assert_frame_equal(frame.reset_index(drop=True),
                                      other.reset_index(drop=True), check_dtype=False,
                                      obj=name)


def test_tables_and_schema(serial, corpus):
    assert isinstance(serial, AnalysisResult)
    docs = serial.documents
    assert docs["doc_id"].tolist() == corpus["id"].tolist()     # order kept
    assert {"outlet", "event", "n_tokens", "n_quotes", "n_loaded", "n_sources",
            "duplicate_of", "status"} <= set(docs.columns)
    assert list(serial.quotes.columns[:3]) == ["doc_id", "quote_id", "kind"]
    assert {"doc_id", "start", "end", "category", "voice"} <= set(serial.loaded.columns)
    assert {"doc_id", "source", "role"} <= set(serial.sources.columns)
    assert set(serial.groups["family"]) == {"quotes", "loaded", "sources"}
    assert {"value", "ci_low", "ci_high", "n_docs", "small_group"} <= set(serial.groups.columns)
    assert len(serial.events) > 0                                  # syria-2016 has events
    # document counts agree with the row tables
    per_doc = serial.loaded.groupby("doc_id").size()
    counted = docs.set_index("doc_id")["n_loaded"]
    assert (counted[per_doc.index] == per_doc).all()
    text = dict(zip(corpus["id"], corpus["text"]))
    for r in serial.loaded.head(50).itertuples(index=False):
        assert text[r.doc_id][r.start:r.end] == r.term


def test_repr_names_every_table(serial):
    rep = repr(serial)
    assert rep.startswith("AnalysisResult(by='outlet'")
    for name in ("quotes", "loaded", "sources", "groups", "pairwise", "events", "keyness"):
        assert f".{name}" in rep
    assert "<pre>" in serial._repr_html_()


def test_processes_equal_serial(corpus, serial):
    par = analyze(corpus, engine="processes", jobs=2, task_size=4, **FAST)
    assert_same(serial, par)


def test_jobs_switches_serial_to_processes(corpus, serial):
    par = analyze(corpus, jobs=2, **FAST)
    assert par.options["engine"] == "processes"
    assert_same(serial, par)


def test_reproducible_with_seed(corpus, serial):
    again = analyze(corpus, **FAST)
    pd.testing.assert_frame_equal(serial.groups, again.groups)


def test_streamed_file_equals_in_memory(corpus, serial, tmp_path):
    path = tmp_path / "corpus.jsonl"
    framing.write_corpus(corpus, path)
    out = tmp_path / "out"
    res = analyze(path, chunksize=7, out=out, **FAST)
    assert res.paths["quotes"] == out / "quotes.parquet"
    for name in ("documents", "quotes", "loaded", "sources", "groups", "pairwise", "events"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    assert "on disk" in repr(res)
    assert_same(serial, res)          # row tables are read back from the Parquet files
    csv = pd.read_csv(out / "quotes.csv")
    assert len(csv) == len(serial.quotes)


def test_out_writes_tables_for_a_dataframe(corpus, tmp_path):
    res = analyze(corpus.head(5), out=tmp_path, **FAST)
    back = pd.read_parquet(tmp_path / "groups.parquet")
    pd.testing.assert_frame_equal(back, res.groups, check_dtype=False)


def test_progress_bar(corpus, capsys):
    analyze(corpus.head(3), n_boot=10, n_perm=10, progress=True)
    assert "analyze" in capsys.readouterr().err


def test_group_by_another_column(corpus):
    res = analyze(corpus.assign(desk=["x", "y"] * (len(corpus) // 2) + ["x"] * (len(corpus) % 2)),
                  by="desk", **FAST)
    assert set(res.groups["desk"]) == {"x", "y"}


def test_duplicates_flagged_and_dropped():
    wire = ("BRUSSELS (AP) — NATO ministers agreed on Thursday to send ships to the Aegean, "
            "the secretary-general said. \"We will act,\" he said. ") * 3
    corpus = framing.validate_corpus(pd.DataFrame({
        "id": ["a", "b", "c"], "outlet": ["AP", "X", "X"],
        "text": [wire, "Updated. " + wire, "Local council news: the budget passed, she said."],
    }))
    kept = analyze(corpus, **FAST)
    assert kept.documents["duplicate_of"].tolist() == [None, "a", None]
    assert kept.duplicates["cross_group"].all()
    dropped = analyze(corpus, duplicates="drop", **FAST)
    n = dropped.groups.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    assert n["X"] == 1 and n["AP"] == 1


def test_keyness_option(corpus):
    res = analyze(corpus, keyness=True, **FAST)
    assert len(res.keyness) > 0 and set(res.keyness["reference"]) == {"rest"}
    ok = corpus[corpus["id"].isin(res.documents.loc[res.documents["status"] == "ok",
                                                    "doc_id"])]
    pd.testing.assert_frame_equal(framing.keyness(res, min_count=5),
                                  framing.keyness(ok, min_count=5))


def test_failing_documents_become_status_rows(corpus):
    with pytest.warns(framing.FramingWarning, match=r"analyze: 3 document\(s\) could not"):
        res = analyze(corpus.head(3), metric_kwargs={"quotes": {"no_such_option": 1}}, **FAST)
    assert len(res.status) == 3
    assert res.status["error"].str.contains("no_such_option").all()
    assert (res.documents["status"] == "error").all()


def test_failing_documents_in_a_streamed_run(tmp_path, corpus):
    path = tmp_path / "c.jsonl"
    framing.write_corpus(corpus.head(4), path)
    with pytest.warns(framing.FramingWarning, match=r"analyze: 4 document\(s\) could not"):
        res = analyze(path, out=tmp_path / "out", chunksize=3,
                      metric_kwargs={"quotes": {"no_such_option": 1}}, **FAST)
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["status"].tolist() == ["error"] * 4 and (docs["n_quotes"] == 0).all()
    assert res.n_documents == 4 and len(res.groups) == 0


def test_empty_documents_are_kept(corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = framing.validate_corpus(pd.concat(
            [corpus.head(2)[["id", "outlet", "text"]],
             pd.DataFrame({"id": ["e"], "outlet": ["O"], "text": ["   "]})]))
    res = analyze(c, **FAST)
    row = res.documents.set_index("doc_id").loc["e"]
    assert row["status"] == "empty" and row["n_quotes"] == 0


def test_errors(corpus):
    with pytest.raises(ValueError, match="engine must be one of"):
        analyze(corpus, engine="spark")
    with pytest.raises(ValueError, match="jobs must be a positive integer or -1"):
        analyze(corpus, jobs=0)
    with pytest.raises(ValueError, match=r"unknown metric\(s\) \['tone'\]"):
        analyze(corpus, metrics=("tone",))
    with pytest.raises(ValueError, match="duplicates must be 'keep' or 'drop'"):
        analyze(corpus, duplicates="remove")
    with pytest.raises(framing.DataError, match="by='desk' is not a column"):
        analyze(corpus, by="desk")
    with pytest.raises(ValueError, match="keep_rows=False needs out="):
        analyze(corpus, keep_rows=False)


def test_dask_local_cluster_equals_pandas_path(corpus, serial):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        res = analyze(corpus, engine="dask", scheduler=client, task_size=5, **FAST)
        by_address = analyze(corpus, engine="dask", scheduler=cluster.scheduler_address,
                             **FAST)
    assert_same(serial, res)
    assert_same(serial, by_address)


def test_framing_analyze_is_the_function_after_submodule_import(corpus):
    import framing.analysis  # noqa: F401  (the module has its own name: no clash)

    res = framing.analyze(corpus.head(2), **FAST)
    assert isinstance(res, AnalysisResult)


def test_cli_analyze_writes_tables(tmp_path, corpus):
    from framing.cli import main

    path = tmp_path / "c.jsonl"
    framing.write_corpus(corpus.head(6), path)
    out = tmp_path / "tables"
    assert main(["analyze", str(path), "--by", "outlet", "-o", str(out), "--no-progress",
                 "--n-boot", "20", "--jobs", "2"]) == 0
    for name in ("documents", "quotes", "loaded", "sources", "groups", "pairwise"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    assert len(pd.read_parquet(out / "documents.parquet")) == 6


def test_cli_report_and_errors(tmp_path, capsys):
    from framing.cli import main

    out = tmp_path / "report.md"
    assert main(["report", "seed", "-o", str(out), "--no-progress", "--n-boot", "20"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Outlet comparison by outlet")
    assert main(["report", "seed", "-o", str(tmp_path / "r.pdf"), "--no-progress"]) == 1
    assert "unknown extension '.pdf'" in capsys.readouterr().err
    assert main(["analyze", "seed", "--by", "desk", "-o", str(tmp_path / "x"),
                 "--no-progress"]) == 1
    assert "by='desk' is not a column" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["seed", "syria-2016", "wikinews"])
def test_shipped_corpora_process_without_failures(name):
    res = analyze(framing.datasets.load(name), n_boot=0, n_perm=0, progress=False)
    assert len(res.status) == 0, res.status


def test_streamed_run_spills_documents_and_matches_in_memory_run(tmp_path, corpus,
                                                                  monkeypatch):
    import tempfile

    import pyarrow.parquet as pq

    spill_root = tmp_path / "tmp"
    spill_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill_root))   # nothing may go there
    copy = corpus.iloc[[1]].assign(id="wire-copy", outlet="Other desk")  # in a later chunk
    corpus = framing.validate_corpus(pd.concat([corpus, copy], ignore_index=True))
    path = tmp_path / "c.jsonl"
    framing.write_corpus(corpus, path)
    kw = dict(FAST, chunksize=7, duplicates="drop")
    spilled = analyze(path, out=tmp_path / "a", **kw)          # keep_rows=False: spilled
    analyze(path, out=tmp_path / "b", keep_rows=True, **kw)
    assert spilled._documents is None and spilled.n_documents == len(corpus)
    for name in ("documents", "quotes", "groups", "pairwise", "events", "duplicates"):
        a, b = tmp_path / "a" / name, tmp_path / "b" / name
        assert pq.read_table(f"{a}.parquet").equals(pq.read_table(f"{b}.parquet")), name
        assert Path(f"{a}.csv").read_text() == Path(f"{b}.csv").read_text(), name
    pd.testing.assert_frame_equal(spilled.documents,
                                  pd.read_parquet(tmp_path / "b" / "documents.parquet"))
    assert spilled.documents["duplicate_of"].notna().any()   # the wire copy is flagged
    assert not list(spill_root.iterdir())                    # the spill sits in out/ ...
    assert not list((tmp_path / "a").glob(".framing-spill-*"))   # ... and is gone after


def test_streamed_run_with_mixed_event_types_matches_in_memory_run(tmp_path, corpus):
    """An event column with text in one chunk and numbers in another (JSONL gives both)
    is text in the spilled table, as in the in-memory one; no Arrow type error at the end."""
    import json

    path = tmp_path / "mixed.jsonl"
    events = ["e1", "e2", 3, 4]
    with open(path, "w", encoding="utf-8") as fh:
        for i, (rec, ev) in enumerate(zip(corpus.head(4).to_dict("records"), events)):
            fh.write(json.dumps({"id": f"d{i}", "outlet": rec["outlet"], "text": rec["text"],
                                 "event": ev}) + "\n")
    kw = dict(FAST, chunksize=2)
    spilled = analyze(path, out=tmp_path / "a", **kw)
    memory = analyze(path, out=tmp_path / "b", keep_rows=True, **kw)
    assert spilled.documents["event"].tolist() == memory.documents["event"].tolist() == \
        ["e1", "e2", "3", "4"]
