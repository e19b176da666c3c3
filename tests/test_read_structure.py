"""The structure of full-text papers: captions and footnotes as fields of their own,
table and figure text never read as prose, the abstract wherever a template puts it,
the main file of a source archive, and the parts of a PDF page (title, headings, running
heads, footnotes, references, tables).

The sentences are copied from the abstracts of the seed set (tests/fixtures/seed_docs.jsonl,
ids in the comments) and of GPTQ (tests/fixtures/formats); only the markup around them is
made here."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read import read_path
from claims.run.pipeline import extract_document

FIXTURES = Path(__file__).parent / "fixtures"
SEED = {record["id"]: record for record in map(
    json.loads, (FIXTURES / "seed_docs.jsonl").read_text(encoding="utf-8").splitlines())}
GPTQ_MAIN = (FIXTURES / "formats" / "gptq_src" / "main.tex").read_text(encoding="utf-8")
# seed-035 (MoDeGPT)
SAVES = ("Our comprehensive experiments show MoDeGPT, without backward propagation, matches "
         "or surpasses previous structured compression methods that rely on gradient "
         "information, and saves 98\\% of compute costs on compressing a 13B model.")
MAINTAINS = ("On Llama-2/3 and OPT models, MoDeGPT maintains 90-95\\% zero-shot performance "
             "with 25-30\\% compression rates.")
THROUGHPUT = ("Moreover, the compression can be done on a single GPU within a few hours and "
              "increases the inference throughput by up to 46\\%.")
# seed-051: its numbers set out as a table
TABLE = ("\\begin{table}[t]\n\\caption{" + "For 22 Billion, 175 Billion, and 1 Trillion "
         "parameters, we achieved GPU throughputs of 38.38\\%, 36.14\\%, and 31.96\\%, "
         "respectively.}\n\\begin{tabular}{lr}\nParameters & GPU throughput \\\\\n"
         "22 Billion & 38.38\\% \\\\\n1 Trillion & 31.96\\% \\\\\n\\end{tabular}\n\\end{table}\n")


def _read(path: Path) -> tuple[Document, list[DocumentError]]:
    items = list(read_path(path))
    docs = [item for item in items if isinstance(item, Document)]
    assert len(docs) == 1, items
    return docs[0], [item for item in items if isinstance(item, DocumentError)]


def _tex(tmp_path: Path, text: str, name: str = "paper.tex") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _archive(tmp_path: Path, files: dict[str, str], name: str = "src.tar.gz") -> Path:
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as archive:
        for member, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


# --- LaTeX: captions, footnotes, tables ---------------------------------------------


def test_latex_captions_and_footnotes_are_fields_and_tables_never_prose(tmp_path):
    doc, _ = _read(_tex(tmp_path, (
        "\\documentclass{article}\n\\title{" + SEED["seed-035"]["title"] + "}\n"
        "\\begin{document}\n\\begin{abstract}\n" + SAVES + "\n\\end{abstract}\n"
        "\\section{Results}\n" + MAINTAINS + "\\footnote{" + THROUGHPUT + "}\n"
        + TABLE + "\\end{document}\n")))
    assert list(doc.fields) == ["title", "abstract", "results", "caption", "footnote"]
    assert doc.fields["caption"].startswith("For 22 Billion, 175 Billion")
    assert doc.fields["footnote"].endswith("throughput by up to 46%.")
    prose = " ".join(doc.fields[field] for field in ("abstract", "results"))
    assert "46" not in prose and "38.38" not in prose and "GPU throughput" not in prose
    assert "38.38%" not in doc.fields["caption"].replace("38.38%, 36.14%", "")  # cells left out
    found = {(c.field, c.value, c.unit) for c in extract_document(doc)}
    assert {("abstract", 98.0, "%"), ("caption", 38.38, "%"), ("footnote", 46.0, "%")} <= found


def test_latex_table_text_outside_a_float_is_not_prose(tmp_path):
    doc, _ = _read(_tex(tmp_path, (
        "\\begin{document}\n\\begin{abstract}\n" + SAVES + "\n\\end{abstract}\n"
        "\\section{Results}\n" + MAINTAINS + "\n\\begin{center}\\begin{tabularx}{\\linewidth}"
        "{lr}\n22 Billion & 38.38\\% \\\\\n\\end{tabularx}\\captionof{table}{" + THROUGHPUT
        + "}\\end{center}\n\\end{document}\n")))
    assert "38.38" not in doc.fields["results"] and "46" not in doc.fields["results"]
    assert doc.fields["caption"].endswith("by up to 46%.")


def test_latex_abstract_command_in_the_preamble(tmp_path):
    doc, _ = _read(_tex(tmp_path, (
        "\\documentclass{article}\n\\title{" + SEED["seed-035"]["title"] + "}\n"
        "\\abstract{" + SAVES + " " + MAINTAINS + "}\n"
        "\\begin{document}\n\\maketitle\n\\section{Introduction}\n" + THROUGHPUT
        + "\n\\end{document}\n")))
    assert doc.fields["title"] == SEED["seed-035"]["title"]
    assert doc.fields["abstract"].startswith("Our comprehensive experiments")
    assert doc.fields["abstract"].endswith("25-30% compression rates.")


# --- LaTeX: the main file of an archive -----------------------------------------------

LEFTOVER = ("\\documentclass{article}\n\\title{" + SEED["seed-009"]["title"] + "}\n"
            "\\begin{document}\n\\begin{abstract}\n" + SEED["seed-009"]["abstract"]
            + "\n\\end{abstract}\n\\section{Introduction}\n" + SEED["seed-051"]["abstract"]
            + "\n" + SEED["seed-035"]["abstract"] + "\n\\end{document}\n")
GPTQ_SPLIT = GPTQ_MAIN.replace("\\input{sections/experiments}", "\\input{sections/results}")
RESULTS = "\\section{Results}\n" + THROUGHPUT + "\n"


def test_archive_main_file_is_the_one_that_inputs_the_others(tmp_path):
    """A larger template left in the archive no longer wins over the paper."""
    assert len(LEFTOVER) > len(GPTQ_SPLIT)
    doc, warnings = _read(_archive(tmp_path, {
        "template.tex": LEFTOVER, "main.tex": GPTQ_SPLIT, "sections/results.tex": RESULTS}))
    assert doc.fields["title"].startswith("GPTQ") and "results" in doc.fields
    assert doc.source.endswith(":main.tex") and not warnings


def test_archive_main_file_named_by_00readme_json(tmp_path):
    readme = {"spec_version": 1, "process": {"compiler": "pdflatex"},
              "sources": [{"filename": "paper/gptq.tex", "usage": "toplevel"},
                          {"filename": "leftover.tex", "usage": "ignore"}]}
    doc, warnings = _read(_archive(tmp_path, {
        "leftover.tex": LEFTOVER.replace("\\end{abstract}", "\\end{abstract}\\input{x}"),
        "x.tex": RESULTS, "paper/gptq.tex": GPTQ_MAIN, "00README.json": json.dumps(readme)}))
    assert doc.fields["title"].startswith("GPTQ") and doc.source.endswith(":paper/gptq.tex")
    assert not warnings


def test_archive_with_two_candidate_main_files_warns(tmp_path):
    doc, warnings = _read(_archive(tmp_path, {"a.tex": GPTQ_MAIN, "b.tex": LEFTOVER}))
    assert doc.fields["title"].startswith(SEED["seed-009"]["title"][:20])  # the larger
    (warning,) = warnings
    assert warning.severity == "warning"
    assert "b.tex and a.tex could each be the main file" in warning.message
    assert "00README.json" in warning.message


def test_archive_with_a_broken_00readme_json_warns_and_guesses(tmp_path):
    doc, warnings = _read(_archive(tmp_path, {"main.tex": GPTQ_MAIN, "00README.json": "{"}))
    assert doc.fields["title"].startswith("GPTQ")
    assert [w.severity for w in warnings] == ["warning"]
    assert "00README.json" in warnings[0].message
