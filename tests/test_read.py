"""Reading inputs into Documents: the seed page, JSON Lines, CSV, text and stdin."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from claims.model import Document, DocumentError
from claims.read import InputError, detect_format, read_path, read_sample

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "seed_trending_gpt.txt"


def _docs(items) -> list[Document]:
    items = list(items)
    assert all(isinstance(item, Document) for item in items), items
    return items


def _as_rows(docs: list[Document]) -> list[dict]:
    return [{"id": doc.id, **doc.fields} for doc in docs]


def test_seed_page_matches_seed_docs():
    expected = [json.loads(line) for line in
                (FIXTURES / "seed_docs.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = _docs(read_path(PAGE))
    assert len(docs) == 98
    assert _as_rows(docs) == expected
    assert docs[0].source == str(PAGE)
    assert PAGE.read_text(encoding="utf-8").splitlines()[docs[0].line - 1] == docs[0].title


def test_read_sample_is_the_seed_page():
    assert _as_rows(_docs(read_sample())) == _as_rows(_docs(read_path(PAGE)))


@pytest.mark.parametrize(("name", "head", "fmt"), [
    ("a.jsonl", "", "jsonl"),
    ("a.NDJSON", "", "jsonl"),
    ("a.json", "", "jsonl"),
    ("a.csv", "", "csv"),
    ("a.tsv", "", "csv"),
    ("a.txt", '{"id": "x"}\n', "jsonl"),
    ("-", "\n  {", "jsonl"),
    ("a.txt", PAGE.read_text(encoding="utf-8")[:2000], "page"),
    ("a.txt", "One abstract. It reports a 3x speedup.\n", "text"),
    ("a.txt", "Introduction\n\nLong paragraph. With sentences.\n", "text"),
    ("-", "id,title,abstract\n1,T,A\n", "csv"),
])
def test_detect_format(name, head, fmt):
    assert detect_format(name, head) == fmt


def test_page_detected_without_navigation(tmp_path):
    text = ("First Title\n\nAn abstract. It has sentences.\n\n"
            "Second Title\n\nAnother abstract. Also sentences.\n")
    path = tmp_path / "papers.txt"
    path.write_text(text)
    docs = _docs(read_path(path))
    assert [doc.id for doc in docs] == ["papers-001", "papers-002"]
    assert docs[1].fields == {"title": "Second Title",
                              "abstract": "Another abstract. Also sentences."}
    assert [doc.line for doc in docs] == [1, 5]


def test_title_without_abstract(tmp_path):
    path = tmp_path / "my-page.txt"
    path.write_text("Subscribe\n\nMar 17\n\nLonely Title\n\nNext Title\n\n"
                    "The abstract. With a 2x speedup.  \n\nLast Title\n")
    docs = _docs(read_path(path, "page"))
    assert [doc.fields for doc in docs] == [
        {"title": "Lonely Title"},
        {"title": "Next Title", "abstract": "The abstract. With a 2x speedup."},
        {"title": "Last Title"},
    ]
    assert [doc.id for doc in docs] == ["my-001", "my-002", "my-003"]
    assert [doc.line for doc in docs] == [5, 7, 11]


def test_page_keeps_inner_text_and_reports_orphan_paragraphs(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("A paragraph. Without a title.\n\nTitle\n\nLine one. \nline two.\n",
                    encoding="utf-8")
    items = list(read_path(path, "page", id_prefix="x"))
    assert isinstance(items[0], DocumentError) and items[0].line == 1
    assert items[1].id == "x-001"
    assert items[1].fields["abstract"] == "Line one. \nline two."


def test_jsonl_truncated_line_is_an_error_and_reading_goes_on(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text('{"id": "a", "title": "T1", "abstract": "A1"}\n'
                    '{"id": "b", "title": "T2", "abs\n'
                    "\n"
                    '[1, 2]\n'
                    '{"title": "T3", "abstract": null, "year": 2024}\n'
                    '{"id": 7, "text": 3.5}\n'
                    '{"id": "e", "year": 2024}\n')
    items = list(read_path(path))
    assert [type(item).__name__ for item in items] == [
        "Document", "DocumentError", "DocumentError", "Document", "Document", "DocumentError"]
    assert items[1].line == 2 and items[1].message.startswith("invalid JSON: ")
    assert items[2].line == 4 and items[2].message.startswith("invalid JSON: ")
    assert items[0].fields == {"title": "T1", "abstract": "A1"}
    assert (items[3].id, items[3].fields, items[3].line) == ("papers-5", {"title": "T3"}, 5)
    assert (items[4].id, items[4].fields) == ("7", {"text": "3.5"})
    assert items[5].doc_id == "e" and "title, abstract, text" in items[5].message


def test_jsonl_named_columns(tmp_path):
    path = tmp_path / "papers.ndjson"
    path.write_text('{"paper": "p1", "title": "T", "body": "B"}\n{"paper": "p2"}\n')
    items = list(read_path(path, id_col="paper", text_cols=["body"]))
    assert (items[0].id, items[0].fields) == ("p1", {"body": "B"})
    assert isinstance(items[1], DocumentError) and "body" in items[1].message


def test_jsonl_array_is_an_input_error(tmp_path):
    path = tmp_path / "papers.json"
    path.write_text('[{"id": "a"}]\n')
    with pytest.raises(InputError, match="JSON array"):
        read_path(path)


def test_csv_rows_with_line_numbers(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text('id,title,abstract\na,T1,"Two\nlines"\nb,T2,\n,,\nd,T4,A4\n')
    items = list(read_path(path))
    assert [(item.id, item.fields, item.line) for item in items if isinstance(item, Document)] \
        == [("a", {"title": "T1", "abstract": "Two\nlines"}, 2),
            ("b", {"title": "T2"}, 4),
            ("d", {"title": "T4", "abstract": "A4"}, 6)]
    assert isinstance(items[2], DocumentError) and items[2].line == 5


def test_csv_with_a_nul_past_its_head(tmp_path):
    """NUL is no csv error (Python 3.10's csv raises on it): the cell keeps it."""
    path = tmp_path / "in.csv"
    filler = "".join(f"{n},A paper about nothing in particular at all.\n" for n in range(2000))
    path.write_text("id,abstract\n" + filler + "last,A 3x\x00 speedup.\n", encoding="utf-8")
    items = list(read_path(path))
    assert all(isinstance(item, Document) for item in items) and len(items) == 2001
    assert items[-1].fields == {"abstract": "A 3x\x00 speedup."}


def test_tsv(tmp_path):
    path = tmp_path / "papers.tsv"
    path.write_text("id\tabstract\nz\tA, with a comma\n")
    assert _docs(read_path(path))[0].fields == {"abstract": "A, with a comma"}


def test_csv_missing_column_names_file_and_column(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("id,title,body\n1,T,B\n")
    with pytest.raises(InputError) as info:
        read_path(path, text_cols=["abstract"])
    assert str(info.value) == f"{path}: no column 'abstract' (columns: id, title, body)"


def test_stdin(monkeypatch):
    lines = [json.dumps({"id": f"s{i}", "abstract": "x" * 50}) for i in range(3000)]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    docs = _docs(read_path("-"))
    assert [doc.id for doc in docs] == [f"s{i}" for i in range(3000)]
    assert docs[0].source == "<stdin>" and docs[-1].line == 3000


def test_stdin_page(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE.read_text(encoding="utf-8")))
    docs = _docs(read_path("-", id_prefix="seed"))
    assert _as_rows(docs) == _as_rows(_docs(read_path(PAGE)))


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_bytes("id,abstract\nb1,Caf\u00e9 3x\n".encode("utf-8-sig"))
    assert [(doc.id, doc.fields) for doc in _docs(read_path(path))] == \
        [("b1", {"abstract": "Caf\u00e9 3x"})]
    text = tmp_path / "one.txt"
    text.write_bytes("\ufeffA single abstract. It reports 3x.\r\n".encode())
    assert _docs(read_path(text))[0].fields == {"text": "A single abstract. It reports 3x."}


def test_text_file_is_one_document(tmp_path):
    path = tmp_path / "abstract.txt"
    path.write_text("First paragraph. With text.\n\nSecond paragraph. More text.\n\n")
    docs = _docs(read_path(path))
    assert [(doc.id, doc.fields) for doc in docs] == [
        ("abstract", {"text": "First paragraph. With text.\n\nSecond paragraph. More text."})]


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "missing.jsonl",
    lambda tmp: tmp,
])
def test_unreadable_input(tmp_path, make):
    path = make(tmp_path)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: cannot read"):
        read_path(path)


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\u00e9 runs 3x faster".encode("latin-1"))
    doc, warning = list(read_path(path))
    assert doc.fields["text"] == "caf\ufffd runs 3x faster"
    assert warning.severity == "warning" and warning.line == 1
    assert "invalid UTF-8" in warning.message


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02 binary")
    with pytest.raises(InputError, match="blob.bin: a binary file"):
        list(read_path(path))


def test_unknown_format(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(InputError, match="unknown format 'xml'"):
        read_path(path, "xml")


def test_daily_papers_listing_metadata_skipped(tmp_path):
    """Hugging Face daily-papers lines around each paper are not titles."""
    path = tmp_path / "daily.txt"
    path.write_text("Daily Papers\n\nPublished on Mar 3\n\nSubmitted by akhaliq\n\n"
                    "1.2k\n\nFast Title\n\nAn abstract. We get a 2x speedup.\n\nUpvote\n\n"
                    "42\n\n·\n\nSecond Title\n\nAnother abstract. It is 3x smaller.\n")
    docs = _docs(read_path(path))
    assert [doc.fields["title"] for doc in docs] == ["Fast Title", "Second Title"]
    assert docs[1].fields["abstract"] == "Another abstract. It is 3x smaller."


# --- long text files in parts ------------------------------------------------------------


@pytest.fixture
def small_parts(monkeypatch):
    """Text files read in parts of at most 50 characters, and chunks of 7."""
    monkeypatch.setattr(sys.modules["claims.read.text"], "PART_CHARS", 50)
    monkeypatch.setattr(sys.modules["claims.read.lines"], "CHUNK_CHARS", 7)


def test_a_long_text_file_is_read_as_parts_of_one_document(tmp_path, small_parts):
    sentence = "We get a 3x speedup on 8 GPUs.\r\n"
    path = tmp_path / "long.txt"
    path.write_bytes((sentence * 6 + "\n\n").encode())
    docs = _docs(read_path(path))
    whole = (sentence * 6).replace("\r\n", "\n").rstrip()
    assert len(docs) > 2 and {doc.id for doc in docs} == {"long"}
    assert "".join(doc.fields["text"] for doc in docs) == whole
    for doc in docs:
        assert len(doc.fields["text"]) <= 50
        assert whole[doc.offset:doc.offset + len(doc.fields["text"])] == doc.fields["text"]
        assert doc.line == whole.count("\n", 0, doc.offset) + 1
    assert all(doc.fields["text"].endswith("\n") for doc in docs[:-1])


def test_claims_of_text_parts_have_offsets_into_the_whole_text(tmp_path, small_parts):
    from claims import extract_document

    sentence = "We get a 3x speedup on 8 GPUs. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 5, encoding="utf-8")
    found = [claim for doc in _docs(read_path(path)) for claim in extract_document(doc)]
    whole = path.read_text(encoding="utf-8")
    assert [c.text for c in found] == ["3x", "8 GPUs"] * 5
    assert all(whole[c.start:c.end] == c.text for c in found)


def test_a_carriage_return_at_a_chunk_end_is_one_line_break(tmp_path, small_parts):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"abcdef\r\nghi\rjk")  # the first chunk ends with the \r
    assert _docs(read_path(path))[0].fields["text"] == "abcdef\nghi\njk"


def test_invalid_utf8_in_a_later_chunk_names_its_line(tmp_path, small_parts):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"first line\nsecond\nthird caf\xe9\n")
    *_, warning = read_path(path)
    assert warning.severity == "warning" and warning.line == 3


def test_white_space_only_text_file_is_an_empty_file(tmp_path, small_parts):
    path = tmp_path / "blank.txt"
    path.write_text(" \n" * 40)
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and error.message == "no text: empty file"


def test_long_text_on_stdin_is_read_in_parts(monkeypatch, small_parts):
    monkeypatch.setattr(sys, "stdin", io.StringIO("A sentence of text. " * 10))
    docs = _docs(read_path("-", "text"))
    assert len(docs) > 1
    assert "".join(doc.fields["text"] for doc in docs) == ("A sentence of text. " * 10).rstrip()
