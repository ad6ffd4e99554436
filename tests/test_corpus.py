"""framing.corpus: every input format, every validation error, chunked reading, round trips."""
from __future__ import annotations

import gzip
import json
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import DataError, FramingWarning
from framing.corpus import CORPUS_COLUMNS, iter_corpus, read_corpus, validate_corpus, write_corpus

RECORDS = [
    {"id": "a1", "outlet": "Daily", "text": "“We will go,” he said.", "title": "T1",
     "date": "2016-02-11", "url": "http://x/1", "event": "E1", "extra": 1},
    {"id": "b2", "outlet": "Weekly", "text": "NATO may join.\n\nA second paragraph.",
     "title": "T2", "date": "2016-02-12", "url": "http://x/2", "event": "E1", "extra": 2},
    {"id": "c3", "outlet": "Daily", "text": "Ünïcödé — ok…", "title": "T3",
     "date": "2016-02-13", "url": "http://x/3", "event": "E2", "extra": 3},
]


def write_jsonl(path, records, *, gz=False):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.fixture
def frame():
    return pd.DataFrame(RECORDS)


@pytest.fixture(params=["jsonl", "jsonl.gz", "ndjson", "json", "csv", "csv.gz", "tsv",
                        "tsv.gz", "parquet"])
def corpus_file(request, tmp_path, frame):
    ext = request.param
    path = tmp_path / f"corpus.{ext}"
    base = ext.removesuffix(".gz")
    comp = "gzip" if ext.endswith(".gz") else None
    if base in ("jsonl", "ndjson", "json"):
        write_jsonl(path, RECORDS, gz=bool(comp))
    elif base == "csv":
        frame.to_csv(path, index=False, compression=comp)
    elif base == "tsv":
        frame.to_csv(path, index=False, sep="\t", compression=comp)
    else:
        frame.to_parquet(path, index=False)
    return path


def make_folder(root):
    (root / "Daily").mkdir(parents=True)
    (root / "Weekly").mkdir()
    (root / "Daily" / "a1.txt").write_text(RECORDS[0]["text"], encoding="utf-8")
    (root / "Daily" / "c3.txt").write_text(RECORDS[2]["text"], encoding="utf-8")
    (root / "Weekly" / "b2.txt").write_text(RECORDS[1]["text"], encoding="utf-8")
    return root


# ------------------------------------------------------------------------------ formats

def test_every_file_format_reads_the_same_corpus(corpus_file):
    corpus = read_corpus(corpus_file)
    assert corpus.columns.tolist() == [
        "id", "outlet", "text", "title", "date", "url", "event", "extra", "status"]
    assert corpus["id"].tolist() == ["a1", "b2", "c3"]
    assert corpus["text"].tolist() == [r["text"] for r in RECORDS]
    assert corpus["outlet"].tolist() == ["Daily", "Weekly", "Daily"]
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    assert corpus["date"].dt.strftime("%Y-%m-%d").tolist() == [r["date"] for r in RECORDS]
    assert corpus["extra"].astype(int).tolist() == [1, 2, 3]
    assert corpus["status"].tolist() == ["ok"] * 3


def test_path_may_be_a_string(corpus_file):
    assert read_corpus(str(corpus_file))["id"].tolist() == ["a1", "b2", "c3"]


def test_dataframe_source_is_validated_and_not_modified(frame):
    before = frame.copy()
    corpus = read_corpus(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert corpus["id"].tolist() == ["a1", "b2", "c3"]
    assert "status" in corpus and "status" not in frame


def test_folder_of_txt_files(tmp_path):
    root = make_folder(tmp_path / "news")
    corpus = read_corpus(root)
    # sorted by relative path; outlet = sub-folder, id = stem, the path is kept
    assert corpus["id"].tolist() == ["a1", "c3", "b2"]
    assert corpus["outlet"].tolist() == ["Daily", "Daily", "Weekly"]
    assert corpus["path"].tolist() == ["Daily/a1.txt", "Daily/c3.txt", "Weekly/b2.txt"]
    assert corpus.loc[corpus.id == "b2", "text"].item() == RECORDS[1]["text"]


def test_folder_files_at_top_level_take_the_folder_name(tmp_path):
    root = tmp_path / "PressTV"
    root.mkdir()
    (root / "x.txt").write_text("Text.", encoding="utf-8")
    (root / "notes.md").write_text("ignored", encoding="utf-8")
    corpus = read_corpus(root)
    assert corpus[["id", "outlet"]].values.tolist() == [["x", "PressTV"]]


def test_folder_utf8_bom_is_not_part_of_the_text(tmp_path):
    root = tmp_path / "o"
    root.mkdir()
    (root / "x.txt").write_bytes(b"\xef\xbb\xbfHello.")
    assert read_corpus(root)["text"].item() == "Hello."


def test_file_utf8_bom_is_accepted(tmp_path, frame):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + frame.to_csv(index=False).encode("utf-8"))
    assert read_corpus(path)["id"].tolist() == ["a1", "b2", "c3"]
    assert [len(c) for c in iter_corpus(path, chunksize=2)] == [2, 1]


def test_json_array_file(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert read_corpus(path)["id"].tolist() == ["a1", "b2", "c3"]
    assert [c["id"].tolist() for c in iter_corpus(path, chunksize=2)] == [["a1", "b2"], ["c3"]]


def test_blank_lines_in_jsonl_are_skipped(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n" + json.dumps(RECORDS[0]) + "\n\n" + json.dumps(RECORDS[1]) + "\n\n",
                    encoding="utf-8")
    assert read_corpus(path)["id"].tolist() == ["a1", "b2"]


def test_column_options_rename_to_the_schema(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"doc": ["1", "2"], "body": ["x y", "z"], "source": ["A", "B"],
                  "headline": ["h1", "h2"], "published": ["2020-01-01", "2020-01-02"],
                  "link": ["u1", "u2"], "story": ["s", "s"]}).to_csv(path, index=False)
    corpus = read_corpus(path, id_col="doc", text_col="body", outlet_col="source",
                         title_col="headline", date_col="published", url_col="link",
                         event_col="story")
    assert corpus.columns.tolist() == ["id", "outlet", "text", "title", "date", "url", "event",
                                       "status"]
    assert corpus["date"].dt.day.tolist() == [1, 2]


def test_a_chosen_column_does_not_clobber_one_named_like_the_schema(frame):
    frame = frame.rename(columns={"text": "body"}).assign(text=["x", "y", "z"])
    corpus = read_corpus(frame, text_col="body")
    assert corpus["text"].tolist() == [r["text"] for r in RECORDS]
    assert corpus["text_original"].tolist() == ["x", "y", "z"]


def test_constant_outlet_for_a_single_outlet_file(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"id": ["1"], "text": ["x"]}).to_csv(path, index=False)
    assert read_corpus(path, outlet="Press TV")["outlet"].tolist() == ["Press TV"]


def test_ids_and_texts_stay_text_in_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,outlet,text\n007,NA,NA\n010,N/A,123\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus["id"].tolist() == ["007", "010"]
    assert corpus["outlet"].tolist() == ["NA", "N/A"]
    assert corpus["text"].tolist() == ["NA", "123"]


def test_numeric_ids_in_jsonl_become_strings(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": 1, "outlet": "o", "text": "x"},
                                              {"id": 2, "outlet": "o", "text": "y"}])
    assert read_corpus(path)["id"].tolist() == ["1", "2"]


def test_custom_separator(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id;outlet;text\n1;o;a, b\n", encoding="utf-8")
    assert read_corpus(path, sep=";")["text"].tolist() == ["a, b"]


def test_schema_columns_have_string_dtype(corpus_file):
    corpus = read_corpus(corpus_file)
    for col in ("id", "outlet", "text"):
        assert pd.api.types.is_string_dtype(corpus[col]), col


# ------------------------------------------------------------------------------ nothing lost

def test_nothing_is_dropped_or_reordered_and_extra_columns_are_kept():
    frame = pd.DataFrame({
        "zeta": [3, 2, 1], "text": ["c", " ", "a"], "id": ["z", "y", "x"],
        "outlet": ["O", "O", "P"], "alpha": ["p", "q", "r"],
    }, index=[10, 5, 7])
    with pytest.warns(FramingWarning):
        corpus = read_corpus(frame)
    assert corpus["id"].tolist() == ["z", "y", "x"]
    assert corpus.columns.tolist() == ["id", "outlet", "text", "zeta", "alpha", "status"]
    assert corpus["zeta"].tolist() == [3, 2, 1]
    assert corpus.index.tolist() == [0, 1, 2]


def test_empty_and_whitespace_texts_are_kept_with_status_and_one_warning(tmp_path):
    records = [{"id": "1", "outlet": "o", "text": "ok."},
               {"id": "2", "outlet": "o", "text": ""},
               {"id": "3", "outlet": "o", "text": " \n\t\u00a0"},
               {"id": "4", "outlet": "o", "text": None}]
    path = write_jsonl(tmp_path / "c.jsonl", records)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read_corpus(path)
    mine = [w for w in caught if issubclass(w.category, FramingWarning)]
    assert len(mine) == 1
    assert "3 document(s) have an empty or whitespace-only text" in str(mine[0].message)
    assert corpus["status"].tolist() == ["ok", "empty", "empty", "empty"]
    assert corpus["text"].tolist() == ["ok.", "", " \n\t\u00a0", ""]


def test_empty_texts_warning_can_be_silenced(frame):
    frame.loc[1, "text"] = ""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = read_corpus(frame, warn=False)
    assert corpus["status"].tolist() == ["ok", "empty", "ok"]


def test_missing_outlets_are_filled_with_one_warning(frame):
    frame.loc[[0, 2], "outlet"] = None
    with pytest.warns(FramingWarning, match=r"2 document\(s\) have no outlet.*'unknown'"):
        corpus = read_corpus(frame)
    assert corpus["outlet"].tolist() == ["unknown", "Weekly", "unknown"]
    with pytest.warns(FramingWarning, match="outlet='Wire'"):
        assert read_corpus(frame, outlet="Wire")["outlet"].tolist() == ["Wire", "Weekly", "Wire"]


# ------------------------------------------------------------------------------ dates

def test_unparseable_dates_become_nat_with_raw_kept_and_one_warning(frame):
    frame["date"] = ["2016-02-11", "sometime in 2016", None]
    with pytest.warns(FramingWarning, match=r"1 date\(s\) could not be parsed.*'sometime in"):
        corpus = read_corpus(frame)
    assert corpus["date"].isna().tolist() == [False, True, True]
    assert corpus["date_raw"].tolist()[:2] == ["2016-02-11", "sometime in 2016"]


def test_mixed_date_formats_parse():
    frame = pd.DataFrame({"id": ["1", "2", "3"], "outlet": "o", "text": "x",
                          "date": ["2016-02-11", "Feb 12, 2016", "2016-02-13T10:30:00"]})
    corpus = read_corpus(frame)
    assert corpus["date"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2016-02-11 00:00", "2016-02-12 00:00", "2016-02-13 10:30"]


def test_numeric_dates_are_read_as_text_not_epoch(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "1", "outlet": "o", "text": "x",
                                               "date": 20160211}])
    assert read_corpus(path)["date"].dt.strftime("%Y-%m-%d").tolist() == ["2016-02-11"]


def test_mixed_time_zones_become_utc():
    frame = pd.DataFrame({"id": ["1", "2"], "outlet": "o", "text": "x",
                          "date": ["2016-02-11T10:00:00+01:00", "2016-02-11T10:00:00+05:00"]})
    corpus = read_corpus(frame)
    assert str(corpus["date"].dt.tz) == "UTC"
    assert corpus["date"].dt.hour.tolist() == [9, 5]


def test_datetime_column_is_left_as_is(frame):
    frame["date"] = pd.to_datetime(frame["date"])
    corpus = read_corpus(frame)
    pd.testing.assert_series_equal(corpus["date"], frame["date"], check_names=False)
    assert "date_raw" not in corpus


# ------------------------------------------------------------------------------ errors

def test_missing_column_names_the_column_and_the_fix(frame):
    with pytest.raises(DataError, match=r"missing required column\(s\): 'text' \(looked for "
                                        r"column 'body'; pass text_col='<your column>'\)"):
        read_corpus(frame, text_col="body")
    with pytest.raises(DataError, match=r"'outlet'.*or outlet='<name>' for a single-outlet"):
        read_corpus(frame.drop(columns="outlet"))
    with pytest.raises(DataError, match=r"Columns found: \['outlet', 'text'"):
        read_corpus(frame[["outlet", "text"]])


def test_missing_column_in_a_file_names_the_file(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"id": ["1"], "body": ["x"], "outlet": ["o"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"c\.csv is missing required column\(s\): 'text'"):
        read_corpus(path)


def test_duplicate_id_is_named(frame):
    frame.loc[2, "id"] = "a1"
    with pytest.raises(DataError, match=r"duplicate id\(s\): 'a1'\. Each document needs a "
                                        r"unique id"):
        read_corpus(frame)


def test_many_duplicates_are_previewed():
    frame = pd.DataFrame({"id": [str(i % 7) for i in range(20)], "outlet": "o", "text": "x"})
    with pytest.raises(DataError, match=r"'0', '1', '2', '3', '4' and 2 more"):
        read_corpus(frame)


def test_missing_id_is_an_error(frame):
    frame.loc[1, "id"] = None
    with pytest.raises(DataError, match=r"1 document\(s\) have no id \(rows \[1\]\)"):
        read_corpus(frame)


def test_non_string_text_is_an_error(frame):
    frame["text"] = frame["text"].astype(object)
    frame.loc[1, "text"] = 42
    with pytest.raises(DataError, match=r"column 'text' must hold strings; documents 'b2'"):
        read_corpus(frame)


@pytest.mark.parametrize("name", ["c.jsonl", "c.csv", "c.tsv", "c.jsonl.gz", "c.csv.gz"])
def test_non_utf8_file_names_the_byte_and_the_fix(tmp_path, name):
    data = "id,outlet,text\n1,o,caf\xe9\n" if ".csv" in name or ".tsv" in name else \
        '{"id": "1", "outlet": "o", "text": "caf\xe9"}\n'
    raw = data.encode("latin-1")
    path = tmp_path / name
    path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
    line = 2 if ".csv" in name or ".tsv" in name else 1
    pattern = rf"not valid UTF-8 \(byte 0xe9 at offset \d+, line {line}\)\. Re-encode .*iconv"
    with pytest.raises(DataError, match=pattern):
        read_corpus(path, sep="," if ".csv" in name else None)
    with pytest.raises(DataError, match=pattern):
        list(iter_corpus(path, chunksize=1))


def test_non_utf8_txt_file_in_folder(tmp_path):
    root = make_folder(tmp_path / "news")
    (root / "Weekly" / "bad.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(DataError, match=r"bad\.txt: not valid UTF-8 \(byte 0xe9 at offset 3"):
        read_corpus(root)
    with pytest.raises(DataError, match=r"bad\.txt: not valid UTF-8"):
        list(iter_corpus(root, chunksize=2))


@pytest.mark.parametrize("name", ["c.jsonl", "c.csv", "c.parquet"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(DataError, match=r"the file is empty \(0 bytes\)"):
        read_corpus(path)
    with pytest.raises(DataError, match=r"the file is empty \(0 bytes\)"):
        list(iter_corpus(path))


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(DataError, match=r"has no content \(only whitespace\)"):
        read_corpus(path)
    with pytest.raises(DataError, match=r"has no documents \(0 rows\)"):
        list(iter_corpus(path))


def test_header_only_csv_has_no_documents(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,outlet,text\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"has no documents \(0 rows\)"):
        read_corpus(path)
    with pytest.raises(DataError, match=r"has no documents \(0 rows\)"):
        list(iter_corpus(path, chunksize=5))


def test_empty_dataframe():
    with pytest.raises(DataError, match=r"the DataFrame has no documents"):
        read_corpus(pd.DataFrame(columns=["id", "outlet", "text"]))


def test_missing_path_lists_the_shipped_corpora(tmp_path):
    with pytest.raises(DataError, match=r"no such file or folder.*seed, syria-2016, wikinews"):
        read_corpus(tmp_path / "nothing.jsonl")
    with pytest.raises(DataError, match=r"use framing\.datasets\.load\('wikinews'\)"):
        read_corpus("wikinews")


def test_unknown_extension(tmp_path):
    path = tmp_path / "c.xlsx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown file type '\.xlsx'\. Use \.jsonl"):
        read_corpus(path)


def test_gzipped_parquet_is_refused(tmp_path, frame):
    path = tmp_path / "c.parquet.gz"
    path.write_bytes(gzip.compress(b"x"))
    with pytest.raises(DataError, match="Parquet is compressed internally"):
        read_corpus(path)
    with pytest.raises(DataError, match="Parquet is compressed internally"):
        write_corpus(read_corpus(frame), path)


def test_empty_folder_and_folder_without_txt(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match=r"the folder holds no \.txt files"):
        read_corpus(tmp_path / "empty")


def test_same_file_name_in_two_outlet_folders(tmp_path):
    root = make_folder(tmp_path / "news")
    (root / "Weekly" / "a1.txt").write_text("again", encoding="utf-8")
    with pytest.raises(DataError, match=r"'a1' in Daily/a1\.txt, Weekly/a1\.txt.*Rename"):
        read_corpus(root)
    with pytest.raises(DataError, match=r"'a1' in Daily/a1\.txt, Weekly/a1\.txt"):
        next(iter_corpus(root, chunksize=1))


def test_malformed_jsonl_names_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2 is not valid JSON"):
        read_corpus(path)
    with pytest.raises(DataError, match=r"line 2 is not valid JSON"):
        list(iter_corpus(path, chunksize=1))


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + '\n"just a string"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2 holds a JSON str, not an object"):
        read_corpus(path)


def test_corrupt_gzip_and_parquet(tmp_path):
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(b"this is not gzip")
    with pytest.raises(DataError, match=r"not a readable gzip file"):
        read_corpus(gz)
    with pytest.raises(DataError, match=r"not a readable gzip file"):
        list(iter_corpus(gz))
    pq = tmp_path / "c.parquet"
    pq.write_bytes(b"this is not parquet")
    with pytest.raises(DataError, match=r"could not be read as Parquet"):
        read_corpus(pq)
    with pytest.raises(DataError, match=r"could not be read as Parquet"):
        list(iter_corpus(pq))


def test_wrong_source_type():
    with pytest.raises(TypeError, match=r"source must be a path or a pandas DataFrame; got list"):
        read_corpus([{"id": 1}])
    with pytest.raises(TypeError, match=r"corpus must be a pandas DataFrame; got dict"):
        validate_corpus({"id": [1]})


# ------------------------------------------------------------------------------ iter_corpus

def test_iter_corpus_chunks_every_format_and_equals_read_corpus(corpus_file):
    whole = read_corpus(corpus_file)
    chunks = list(iter_corpus(corpus_file, chunksize=2))
    assert [len(c) for c in chunks] == [2, 1]
    assert all(c.columns.tolist() == whole.columns.tolist() for c in chunks)
    pd.testing.assert_frame_equal(pd.concat(chunks), whole)


def test_iter_corpus_folder(tmp_path):
    root = make_folder(tmp_path / "news")
    chunks = list(iter_corpus(root, chunksize=2))
    assert [c["id"].tolist() for c in chunks] == [["a1", "c3"], ["b2"]]
    pd.testing.assert_frame_equal(pd.concat(chunks), read_corpus(root))


def test_iter_corpus_dataframe(frame):
    chunks = list(iter_corpus(frame, chunksize=1))
    assert [c["id"].item() for c in chunks] == ["a1", "b2", "c3"]
    assert [c.index.tolist() for c in chunks] == [[0], [1], [2]]


def test_iter_corpus_catches_duplicates_across_chunks(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS + [dict(RECORDS[0], text="again")])
    it = iter_corpus(path, chunksize=2)
    next(it)
    with pytest.raises(DataError, match=r"duplicate id\(s\) across chunks: 'a1'"):
        next(it)


def test_iter_corpus_is_lazy(tmp_path):
    """The file is read chunk by chunk: a bad line late in the file is met only there."""
    path = tmp_path / "c.jsonl"
    records = RECORDS + [dict(RECORDS[0], id="d4")]
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n",
                    encoding="utf-8")
    it = iter_corpus(path, chunksize=2)
    assert next(it)["id"].tolist() == ["a1", "b2"]
    assert next(it)["id"].tolist() == ["c3", "d4"]
    with pytest.raises(DataError, match="line 5 is not valid JSON"):
        next(it)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10"])
def test_iter_corpus_chunksize_must_be_positive_int(frame, bad):
    with pytest.raises(ValueError, match=r"chunksize must be a positive integer; got"):
        iter_corpus(frame, chunksize=bad)


def test_iter_corpus_checks_the_path_at_the_call(tmp_path):
    with pytest.raises(DataError, match="no such file or folder"):
        iter_corpus(tmp_path / "missing.jsonl")
    (tmp_path / "c.doc").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="unknown file type"):
        iter_corpus(tmp_path / "c.doc")


def test_iter_corpus_options_are_passed_through(tmp_path):
    path = tmp_path / "c.tsv"
    pd.DataFrame({"doc": ["1", "2", "3"], "body": ["a", "", "c"]}).to_csv(
        path, sep="\t", index=False)
    with pytest.warns(FramingWarning, match="empty or whitespace-only"):
        chunks = list(iter_corpus(path, chunksize=2, id_col="doc", text_col="body",
                                  outlet="Wire"))
    assert pd.concat(chunks)[["id", "outlet", "status"]].values.tolist() == [
        ["1", "Wire", "ok"], ["2", "Wire", "empty"], ["3", "Wire", "ok"]]


# ------------------------------------------------------------------------------ write/round trip

@pytest.mark.parametrize("ext", ["jsonl", "jsonl.gz", "csv", "csv.gz", "tsv", "parquet"])
def test_write_then_read_round_trips(tmp_path, frame, ext):
    frame["date"] = ["2016-02-11", "2016-02-12 10:30", None]
    frame.loc[1, "text"] = "   "
    with pytest.warns(FramingWarning):
        corpus = read_corpus(frame)
    out = write_corpus(corpus, tmp_path / f"out.{ext}")
    with pytest.warns(FramingWarning):
        back = read_corpus(out)
    cols = ["id", "outlet", "text", "title", "url", "event", "status"]
    pd.testing.assert_frame_equal(back[cols], corpus[cols], check_dtype=False)
    pd.testing.assert_series_equal(back["date"], corpus["date"], check_dtype=False)
    assert back["extra"].astype(int).tolist() == [1, 2, 3]


@pytest.mark.parametrize("ext", ["jsonl", "jsonl.gz", "csv", "tsv", "parquet"])
def test_write_chunks_equals_write_whole(tmp_path, ext):
    """Streaming chunk by chunk writes a file that reads back to the same corpus."""
    import framing

    src = framing.datasets.path("wikinews")
    whole = read_corpus(src)
    out = write_corpus(iter_corpus(src, chunksize=40), tmp_path / f"stream.{ext}")
    back = read_corpus(out)
    cols = ["id", "outlet", "text", "title", "url", "status"]
    pd.testing.assert_frame_equal(back[cols], whole[cols], check_dtype=False)
    pd.testing.assert_series_equal(back["date"], whole["date"], check_dtype=False)
    assert not list(tmp_path.glob(".*partial"))


def test_write_chunks_parquet_widens_an_all_missing_first_chunk(tmp_path):
    first = pd.DataFrame({"id": ["a"], "outlet": ["x"], "text": ["t"], "title": [None]})
    later = pd.DataFrame({"id": ["b"], "outlet": ["x"], "text": ["u"], "title": ["A title"]})
    out = write_corpus(iter([first, later]), tmp_path / "c.parquet")
    title = pd.read_parquet(out)["title"]
    assert title.isna().tolist() == [True, False] and title[1] == "A title"


@pytest.mark.parametrize("ext", ["jsonl", "csv", "csv.gz", "parquet"])
def test_write_chunks_whose_columns_differ(tmp_path, ext):
    """Streamed chunks differ in their columns when a later chunk has a bad date
    (``date_raw``) or an optional field the first lacks: every value is written, missing
    where a chunk lacked the column, and one type per column (text where chunks disagree)."""
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "outlet": "x", "text": "One.", "date": "2016-02-11"}\n'
        '{"id": "b", "outlet": "x", "text": "Two.", "date": "2016-02-12 10:30", "event": 7}\n'
        '{"id": "c", "outlet": "x", "text": "Three.", "date": "not a date", "event": "e3"}\n',
        encoding="utf-8")
    with pytest.warns(FramingWarning, match="date"):
        out = write_corpus(iter_corpus(src, chunksize=1), tmp_path / f"out.{ext}")
    back = read_corpus(out)      # the unparseable date is already missing, with date_raw
    assert back["id"].tolist() == ["a", "b", "c"]
    assert [None if pd.isna(v) else str(v) for v in back["event"]] == [None, "7", "e3"]
    assert [None if pd.isna(v) else v for v in back["date_raw"]] == [None, None, "not a date"]
    assert back["date"].iloc[1] == pd.Timestamp("2016-02-12 10:30")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_write_chunks_error_half_way_leaves_no_file(tmp_path):
    a = pd.DataFrame({"id": ["a"], "outlet": ["x"], "text": ["t"]})
    for ext in ("jsonl", "csv", "parquet"):
        with pytest.raises(TypeError, match=r"chunk 1 is a str, not a DataFrame"):
            write_corpus(iter([a, "oops"]), tmp_path / f"c.{ext}")
    assert list(tmp_path.iterdir()) == []


def test_write_corpus_rejects_a_non_table(tmp_path):
    with pytest.raises(TypeError, match=r"corpus must be a DataFrame or an iterable of "
                                        r"DataFrames; got int"):
        write_corpus(3, tmp_path / "c.jsonl")
    with pytest.raises(TypeError, match=r"chunk 0 is a dict, not a DataFrame"):
        write_corpus([{"id": "a"}], tmp_path / "c.jsonl")
    with pytest.raises(DataError, match=r"the corpus has no chunks"):
        write_corpus(iter([]), tmp_path / "c.jsonl")


def test_write_corpus_refuses_unknown_extension(tmp_path, frame):
    with pytest.raises(DataError, match=r"unknown file type '\.xlsx'"):
        write_corpus(read_corpus(frame), tmp_path / "c.xlsx")


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(texts, texts), min_size=1, max_size=6))
def test_round_trip_keeps_any_text_exactly(tmp_path_factory, rows):
    """JSONL and Parquet keep every text character for character, order and all."""
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(rows))],
                          "outlet": [o or "x" for _, o in rows],
                          "text": [t for t, _ in rows]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        corpus = read_corpus(frame)
        base = tmp_path_factory.mktemp("rt")
        for ext in ("jsonl", "jsonl.gz", "parquet"):
            back = read_corpus(write_corpus(corpus, base / f"c.{ext}"))
            assert back["text"].tolist() == frame["text"].tolist()
            assert back["outlet"].tolist() == corpus["outlet"].tolist()
            assert back["status"].tolist() == corpus["status"].tolist()


def test_status_marks_exactly_the_blank_texts():
    @given(st.lists(texts, min_size=1, max_size=10))
    @settings(max_examples=50, deadline=None)
    def check(ts):
        frame = pd.DataFrame({"id": [str(i) for i in range(len(ts))], "outlet": "o",
                              "text": ts})
        corpus = read_corpus(frame, warn=False)
        assert corpus["status"].tolist() == ["empty" if not t.strip() else "ok" for t in ts]
        assert corpus["text"].tolist() == ts

    check()


# ------------------------------------------------------------------------------ shipped

@pytest.mark.parametrize("name", ["seed", "syria-2016", "wikinews"])
def test_shipped_corpora_read_without_any_warning(name):
    path = framing.datasets.path(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = read_corpus(path)
        chunks = list(iter_corpus(path, chunksize=100))
    assert set(CORPUS_COLUMNS[:3]) <= set(corpus.columns)
    assert corpus["date"].notna().all()
    assert "date_raw" not in corpus
    pd.testing.assert_frame_equal(pd.concat(chunks), corpus)


def test_wikinews_chunks_as_documented():
    sizes = [len(c) for c in iter_corpus(framing.datasets.path("wikinews"), chunksize=100)]
    assert sizes == [100, 100, 95]


@pytest.mark.parametrize("ext", ["csv", "tsv.gz", "jsonl", "parquet"])
def test_shipped_corpora_round_trip_through_every_format(tmp_path, ext):
    for name in ("syria-2016", "wikinews"):
        corpus = framing.datasets.load(name)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            back = read_corpus(write_corpus(corpus, tmp_path / f"{name}.{ext}"))
        pd.testing.assert_frame_equal(back, corpus, check_dtype=False)
