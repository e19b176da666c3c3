"""Every input kind of the readers: the same abstract as JSON Lines, arXiv metadata,
an Atom feed, HTML pages, LaTeX (file, archive, gzip) and PDF gives the same claims,
each quoting its own source exactly; and each reader's bad inputs are reported."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from datetime import date
from pathlib import Path

import pytest

from claims.model import Document, DocumentError
from claims.read import ReadOptions, detect_format, expand_inputs, read_path
from claims.run.cli import main
from claims.run.pipeline import extract_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"
GPTQ = json.loads((FORMATS / "gptq.jsonl").read_text(encoding="utf-8"))
SOURCE = FORMATS / "gptq_src"


def _only(items) -> list[Document]:
    items = list(items)
    assert all(isinstance(item, Document) for item in items), items
    return items


def _gptq(path: Path, **options) -> Document:
    docs = [d for d in read_path(path, **options)
            if isinstance(d, Document) and "GPTQ" in d.fields.get("title", "")]
    assert len(docs) == 1, docs
    return docs[0]


def _signature(doc: Document, field: str = "abstract") -> list[tuple]:
    """What must agree across formats: kind, value and unit of each claim, in order;
    and every claim must quote its own field exactly."""
    claims = extract_document(doc)
    for claim in claims:
        assert doc.fields[claim.field][claim.start:claim.end] == claim.text
    return [(c.kind.value, c.value, c.value_max, c.unit) for c in claims if c.field == field]


def _tarball(tmp_path: Path, name: str = "2210.17323.tar.gz") -> Path:
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as archive:
        for file in sorted(SOURCE.rglob("*.tex")):
            archive.add(file, arcname=str(file.relative_to(SOURCE)))
    return path


def _pdf(tmp_path: Path, abstract: str = GPTQ["abstract"]) -> Path:
    """A two-page paper: title, abstract on page 1; a section with a word hyphenated
    across lines and a references list on page 2."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(GPTQ["title"])
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, GPTQ["title"])
    for line in ("Elias Frantar, Dan Alistarh", "Abstract"):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, abstract)
    pdf.add_page()
    for line in ("1 Introduction",
                 "The GPT3-175B model needs five 80GB A100 GPUs for infer-",
                 "ence, and our kernels run 3.25x faster than FP16 on one GPU.",
                 "References",
                 "Brown et al. Language models are few-shot learners. NeurIPS 2020, 1877-1901."):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "gptq.pdf"
    pdf.output(str(path))
    return path


def _sources(tmp_path: Path) -> dict[str, Path]:
    gz = tmp_path / "gptq.gz"
    gz.write_bytes(gzip.compress((SOURCE / "main.tex").read_bytes().replace(
        b"\\input{sections/experiments}", b"")))
    return {
        "jsonl": FORMATS / "gptq.jsonl",
        "arxiv metadata": FORMATS / "arxiv_snapshot.jsonl",
        "atom": FORMATS / "gptq_feed.atom",
        "arxiv abstract page": FORMATS / "arxiv_abs.html",
        "arxiv html paper": FORMATS / "arxiv_html.html",
        "hugging face page": FORMATS / "hf_paper.html",
        "openreview page": FORMATS / "openreview.html",
        "latex": SOURCE / "main.tex",
        "latex archive": _tarball(tmp_path),
        "gzipped latex": gz,
        "pdf": _pdf(tmp_path),
    }


def test_same_abstract_same_claims_in_every_format(tmp_path):
    expected = _signature(Document(id="x", fields=GPTQ))
    assert ("speedup", 3.25, None, "x") in expected and len(expected) >= 10
    for kind, path in _sources(tmp_path).items():
        doc = _gptq(path)
        assert doc.fields["title"] == " ".join(GPTQ["title"].split()) or kind == "atom", kind
        assert _signature(doc) == expected, kind


def test_claims_point_into_each_source(tmp_path):
    """The quoted speedup is found at its offsets in the text each reader gives."""
    for kind, path in _sources(tmp_path).items():
        doc = _gptq(path)
        speedups = [c for c in extract_document(doc) if c.kind.value == "speedup"
                    and c.field == "abstract"]
        texts = [doc.fields["abstract"][c.start:c.end] for c in speedups]
        assert texts in (["3.25x", "4.5x"], ["3.25\\times", "4.5\\times"]), (kind, texts)


# --- arXiv metadata and Atom ----------------------------------------------------------


def test_arxiv_metadata_provenance_and_bad_line():
    items = list(read_path(FORMATS / "arxiv_snapshot.jsonl"))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["2210.17323", "1905.11946", "math/0301001"]
    assert docs[0].url == "https://arxiv.org/abs/2210.17323"
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert len(errors) == 1 and errors[0].line == 4 and "invalid JSON" in errors[0].message


@pytest.mark.parametrize(("options", "ids"), [
    (ReadOptions(categories=("cs.LG",)), ["2210.17323", "1905.11946"]),
    (ReadOptions(categories=("cs.CV",)), ["1905.11946"]),
    (ReadOptions(categories=("math",)), ["math/0301001"]),
    (ReadOptions(since=date(2020, 1, 1)), ["2210.17323"]),
    (ReadOptions(until=date(2019, 12, 31)), ["1905.11946", "math/0301001"]),
    (ReadOptions(categories=("cs",), since=date(2019, 5, 28), until=date(2019, 5, 28)),
     ["1905.11946"]),
])
def test_category_and_date_filters(options, ids):
    for path in (FORMATS / "arxiv_snapshot.jsonl", FORMATS / "gptq_feed.atom"):
        docs = [i for i in read_path(path, options=options) if isinstance(i, Document)]
        assert [d.id for d in docs] == [i for i in ids if path.suffix == ".jsonl"
                                        or i != "math/0301001"], path


def test_atom_entries():
    items = list(read_path(FORMATS / "gptq_feed.atom"))
    gptq, effnet, missing = items
    assert (gptq.id, gptq.url) == ("2210.17323", "http://arxiv.org/abs/2210.17323v2")
    assert effnet.fields["abstract"].startswith("Our EfficientNet-B7 achieves")
    assert isinstance(missing, DocumentError) and "no <summary>" in missing.message


def test_truncated_atom_keeps_the_entries_before(tmp_path):
    text = (FORMATS / "gptq_feed.atom").read_text(encoding="utf-8")
    path = tmp_path / "cut.atom"
    path.write_text(text[:text.index("<entry>", text.index("1905.11946") - 200) + 40])
    items = list(read_path(path))
    assert isinstance(items[0], Document) and items[0].id == "2210.17323"
    assert isinstance(items[-1], DocumentError) and "invalid XML" in items[-1].message


# --- HTML -----------------------------------------------------------------------------


def test_html_full_text_sections():
    doc = _gptq(FORMATS / "arxiv_html.html")
    assert list(doc.fields) == ["title", "abstract", "introduction", "experiments"]
    assert doc.id == "2210.17323" and doc.url == "https://arxiv.org/html/2210.17323v2"
    assert "Brown et al." not in doc.fields["introduction"]  # citations dropped
    assert "589ms" not in doc.fields["experiments"]  # tables dropped
    claims = extract_document(doc)
    speedup = next(c for c in claims if c.field == "experiments" and c.kind.value == "speedup")
    assert (speedup.value, speedup.text) == (3.25, "3.25\\times")


def test_html_pages_of_each_site():
    assert _gptq(FORMATS / "openreview.html").id == "tcbBPnfwxS"
    hf = _gptq(FORMATS / "hf_paper.html")
    assert list(hf.fields) == ["title", "abstract"]  # "Community" is not a paper section
    assert hf.url == "https://huggingface.co/papers/2210.17323"


def test_html_without_abstract_is_an_error():
    (error,) = read_path(FORMATS / "no_abstract.html")
    assert isinstance(error, DocumentError)
    assert error.source.endswith("no_abstract.html") and "no abstract" in error.message


# --- LaTeX ----------------------------------------------------------------------------


def test_latex_cleaned_and_inputs_followed():
    doc = _gptq(SOURCE / "main.tex")
    assert list(doc.fields) == ["title", "abstract", "introduction", "experiments", "caption",
                                "table 1"]
    assert doc.fields["caption"] == "A 99x speedup that is only a figure caption."
    text = "\n".join(v for k, v in doc.fields.items()
                     if k not in doc.table_fields and k != "caption")
    for gone in ("TODO", "\\citep", "vaswani", "99x", "589ms", "\\label", "12 reviewers"):
        assert gone not in text
    assert "OPT-175B" in doc.fields["experiments"]  # a macro with an argument, expanded
    assert "(NVIDIA A100)" in doc.fields["abstract"]  # \def expanded
    assert "https://github.com/IST-DASLab/gptq" in doc.fields["abstract"]
    (table,) = doc.tables  # the float's tabular, read cell by cell in its own field
    assert [c.text for c in table.rows[1]] == ["A6000", "589ms", "130ms"]


def test_latex_archive_named_after_the_archive(tmp_path):
    doc = _gptq(_tarball(tmp_path))
    assert doc.id == "2210.17323" and "experiments" in doc.fields
    assert doc.source.endswith("2210.17323.tar.gz:main.tex")


def test_archive_without_tex(tmp_path):
    path = tmp_path / "figures.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = b"\x89PNG..."
        info = tarfile.TarInfo("figure.png")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and error.message == "no .tex file in the archive"


def test_empty_archive(tmp_path):
    """No member at all (Python 3.10's TarFile.next fails past the end of one)."""
    path = tmp_path / "empty.tar"
    with tarfile.open(path, "w"):
        pass
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and error.message == "no .tex file in the archive"


def test_corrupt_archive(tmp_path):
    path = tmp_path / "broken.tar.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 50)
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and "not a readable archive" in error.message


# --- PDF ------------------------------------------------------------------------------


def test_pdf_pages_hyphenation_and_sections(tmp_path):
    doc = _gptq(_pdf(tmp_path))
    assert "references" not in doc.fields
    assert "for inference, and" in doc.fields["introduction"]  # "infer-" + "ence" joined
    claims = extract_document(doc)
    assert {c.page for c in claims if c.field == "abstract"} == {1}
    intro = [c for c in claims if c.field == "introduction"]
    assert intro and {c.page for c in intro} == {2}
    assert any(c.kind.value == "speedup" and c.value == 3.25 for c in intro)


def test_pdf_without_text_layer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a "scan": marks, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and "no text layer" in error.message


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (error,) = read_path(path)
    assert isinstance(error, DocumentError) and "not a readable PDF" in error.message


# --- detection, walking, the command line -----------------------------------------------


@pytest.mark.parametrize(("name", "head", "raw", "fmt"), [
    ("paper.pdf", "", b"", "pdf"),
    ("paper", "", b"%PDF-1.4", "pdf"),
    ("2210.17323", "", b"\x1f\x8b\x08", "latex"),
    ("src.tar.gz", "", b"", "latex"),
    ("paper.tex", "", b"", "latex"),
    ("paper", "\\documentclass{article}\n", b"", "latex"),
    ("page", "<!DOCTYPE html>\n<html>", b"", "html"),
    ("feed.xml", "", b"", "atom"),
])
def test_detect_new_formats(name, head, raw, fmt):
    assert detect_format(name, head, raw) == fmt


def test_directories_and_globs_are_walked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.jsonl").write_text("{}\n")
    (tmp_path / "a" / "two.html").write_text("<html></html>")
    (tmp_path / "a" / "notes.md").write_text("not read")
    (tmp_path / "a" / ".hidden.jsonl").write_text("{}\n")
    assert [Path(p).name for p in expand_inputs([tmp_path / "a"])] == ["one.jsonl", "two.html"]
    assert [Path(p).name for p in expand_inputs([str(tmp_path / "a" / "*.html")])] == [
        "two.html"]


def test_extract_a_folder_of_mixed_formats(tmp_path, capsys):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("gptq.jsonl", "arxiv_abs.html", "no_abstract.html", "gptq_feed.atom"):
        (folder / name).write_bytes((FORMATS / name).read_bytes())
    _pdf(folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    with tarfile.open(folder / "figures.tar", "w"):
        pass  # an archive without any .tex
    out = tmp_path / "claims.jsonl"
    status = main(["extract", str(folder), str(tmp_path / "nothing-*.jsonl"), "-o", str(out),
                   "--category", "cs.LG,cs.CV"])
    assert status == 2  # the pattern matching nothing; the folder was still read
    claims = [json.loads(line) for line in out.read_text().splitlines()]
    sources = {c["doc_id"] for c in claims}
    assert {"2210.17323", "1905.11946", "gptq"} <= sources
    assert any(c["page"] == 2 for c in claims)
    errors = [json.loads(line) for line in
              (tmp_path / "claims.errors.jsonl").read_text().splitlines()]
    messages = " ".join(e["message"] for e in errors)
    assert "no abstract" in messages and "no <summary>" not in messages  # cs.CL: filtered
    assert "not a readable PDF" in messages and "no .tex file" in messages
    assert {Path(e["source"]).name for e in errors} >= {"broken.pdf", "figures.tar"}
    assert "no file matches" in messages
    assert "no_abstract.html" in capsys.readouterr().err


def test_since_filter_from_the_command_line(tmp_path):
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(FORMATS / "arxiv_snapshot.jsonl"), "-o", str(out),
                 "--since", "2022-01-01"]) == 1  # the truncated line is an error
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {
        "2210.17323"}


@pytest.mark.parametrize("body", [
    "\\begin{figure} a " * 20000,  # floats never closed
    "\\[ a " * 20000,  # display math never closed
    "\\section{A} b " * 20000,  # one section name repeated
    "\\textbf{" * 50000,  # braces never closed
])
def test_hostile_latex_is_read_in_linear_time(body):
    """Each of these took about a minute before (quadratic scans); now well under a
    second. A timeout would show as a hang of the suite, so the size is the test."""
    from claims.read.latex import read_latex

    doc = read_latex("\\begin{abstract}It is 3x faster.\\end{abstract}" + body, "x", "x")
    assert isinstance(doc, Document) and doc.fields["abstract"] == "It is 3x faster."
