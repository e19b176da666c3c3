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
import subprocess
import sys
import tarfile
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read import read_path
from claims.run.pipeline import extract_document
from tests.pdf_bytes import pdf_bytes

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
    assert list(doc.fields) == ["title", "abstract", "results", "caption", "footnote",
                                "table 1"]  # the table's cells: a field read cell by cell
    assert doc.table_fields == {"table 1"}
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


def test_latex_subfiles_add_their_body_and_the_paper_goes_on(tmp_path):
    """A `subfiles` table has its own `\\end{document}`, which ended the paper there."""
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "results.tex").write_text(
        "\\documentclass{../paper.tex}\n\\begin{document}\n" + TABLE + "\\end{document}\n",
        encoding="utf-8")
    doc, _ = _read(_tex(tmp_path, (
        "\\documentclass{article}\n\\usepackage{subfiles}\n\\begin{document}\n"
        "\\begin{abstract}\n" + SAVES + "\n\\end{abstract}\n\\section{Introduction}\n"
        + MAINTAINS + "\n\\subfile{tables/results.tex}\n\\section{Results}\n" + THROUGHPUT
        + "\n\\end{document}\n")))
    assert list(doc.fields) == ["abstract", "introduction", "results", "caption", "table 1"]
    assert doc.fields["results"].endswith("by up to 46%.")


def test_latex_icml_title(tmp_path):
    doc, _ = _read(_tex(tmp_path, (
        "\\documentclass{article}\n\\icmltitlerunning{MoDeGPT}\n\\begin{document}\n"
        "\\twocolumn[\n\\icmltitle{" + SEED["seed-035"]["title"] + "}\n]\n"
        "\\begin{abstract}\n" + SAVES + "\n\\end{abstract}\n\\end{document}\n")))
    assert doc.fields["title"] == SEED["seed-035"]["title"]


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


def test_archive_inputs_named_from_the_project_root(tmp_path):
    """A main file in a subfolder of a project compiled from its root (as Overleaf
    compiles) names its inputs from that root: `latex/main.tex` inputs
    `latex/sections/results`, which was looked for in `latex/latex/sections/`."""
    main = GPTQ_SPLIT.replace("\\input{sections/results}", "\\input{latex/sections/results}")
    doc, warnings = _read(_archive(tmp_path, {
        "latex/main.tex": main, "latex/sections/results.tex": RESULTS,
        "template.tex": LEFTOVER}))
    assert doc.source.endswith(":latex/main.tex") and not warnings
    assert doc.fields["results"].endswith("by up to 46%.")


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


# --- PDF --------------------------------------------------------------------------------

GPTQ = json.loads((FIXTURES / "formats" / "gptq.jsonl").read_text(encoding="utf-8"))
TITLE_LINES = ("GPTQ: Accurate Post-Training Quantization for",
               "Generative Pre-trained Transformers")
RUNNING_HEAD = "Published as a conference paper at ICLR 2023"  # GPTQ's, on every page
INTRO = ("Pre-trained generative models from the Transformer family, such as GPT or OPT, "
         "have shown breakthrough performance. The GPT3-175B model has 175 billion "
         "parameters and needs at least five 80GB A100 GPUs for inference.")
FOOTNOTE = "The implementation is available at https://github.com/IST-DASLab/gptq."
SPEEDUP = ("On a single NVIDIA A100, our 3-bit OPT-175B kernels run 3.25x faster than FP16 "
           "(see Table 1).")
# seed-006 and seed-051, as a figure's and a table's caption
FIGURE = ("Figure 1: Our solution beats the cutting-edge MoE implementations with experts "
          "from 8 to 64, with up to 2.2x improvement in inference throughput.")
TABLE_ONE = ("Table 1: For 22 Billion, 175 Billion, and 1 Trillion parameters, we achieved "
             "GPU throughputs of 38.38%, 36.14%, and 31.96%, respectively.")
ROWS = [["Parameters", "GPU throughput"], ["22 Billion", "38.38%"], ["175 Billion", "36.14%"],
        ["1 Trillion", "31.96%"]]
# seed-035, as a table with rules above and below only (booktabs)
TABLE_TWO = ("Table 2: On Llama-2/3 and OPT models, MoDeGPT maintains 90-95% zero-shot "
             "performance with 25-30% compression rates.")
BOOKTABS = [["Models", "Zero-shot performance", "Compression rate"],
            ["Llama-2/3, OPT", "90-95%", "25-30%"]]
REFERENCE = ("D. Koller and N. Friedman. Probabilistic Graphical Models:",
             "Principles and Techniques. MIT Press, 2009.")


class _Paper:
    """A paper PDF set as LaTeX sets one: Helvetica for Times, bold headings, small
    footnotes, a running head and page numbers."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="letter")
        self.pdf.set_auto_page_break(False)
        self.y = 0.0

    def page(self, number: int) -> None:
        self.pdf.add_page()
        self.text(RUNNING_HEAD, size=8, y=30)
        self.text(str(number), size=10, y=750, x=300)
        self.y = 70

    def text(self, text: str, size: float = 10, bold: bool = False, y: float | None = None,
             x: float = 72) -> None:
        self.pdf.set_font("Helvetica", "B" if bold else "", size)
        if y is None:
            y, self.y = self.y, self.y + size * 1.25
        self.pdf.text(x, y + size, text)

    def gap(self, points: float = 10) -> None:
        self.y += points

    def paragraph(self, text: str, size: float = 10, width: float = 468) -> None:
        self.pdf.set_font("Helvetica", "", size)
        line = ""
        for word in text.split():
            if line and self.pdf.get_string_width(f"{line} {word}") > width:
                self.text(line, size)
                line = word
            else:
                line = f"{line} {word}".strip()
        self.text(line, size)

    def mark(self, mark: str, after: str) -> None:
        """A footnote's mark, set small and raised, after the last line drawn (`after`)."""
        self.pdf.set_font("Helvetica", "", 10)
        x = 72 + self.pdf.get_string_width(after) + 0.5
        self.text(mark, size=6, y=self.y - 12.5 - 3 + 4, x=x)

    def footnote(self, mark: str, text: str) -> None:
        self.pdf.line(72, 690, 200, 690)
        self.text(mark, size=5, y=700)  # raised 3 points, as LaTeX sets it
        self.text(text, size=8, y=700, x=76)

    def figure(self) -> None:
        """A plot: axes, a curve of twelve segments, tick labels."""
        top, left = self.y, 150
        self.pdf.line(left, top, left, top + 100)
        self.pdf.line(left, top + 100, left + 200, top + 100)
        for step in range(12):
            self.pdf.line(left + step * 16, top + 95 - step * 7, left + (step + 1) * 16,
                          top + 95 - (step + 1) * 7)
        for number, tick in enumerate(("8", "16", "32", "64")):
            self.text(tick, size=7, y=top + 103, x=left + number * 60)
        self.y = top + 125
        self.paragraph(FIGURE, size=9)
        self.gap()

    def table(self, caption: str, rows: list[list[str]], booktabs: bool = False) -> None:
        """A table under its caption: every rule drawn, or only booktabs' three (over,
        under the header and under the table)."""
        self.paragraph(caption, size=9)
        self.gap(4)
        self.pdf.set_font("Helvetica", "", 9)
        self.pdf.set_xy(72, self.y)
        top = self.y
        with self.pdf.table(width=300, align="LEFT", first_row_as_headings=False,
                            borders_layout="NONE" if booktabs else "ALL") as table:
            for row in rows:
                cells = table.row()
                for cell in row:
                    cells.cell(cell)
        if booktabs:
            for y in (top, top + (self.pdf.get_y() - top) / len(rows), self.pdf.get_y()):
                self.pdf.line(72, y, 372, y)
        self.y = self.pdf.get_y() + 14

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def _paper_pdf(tmp_path: Path) -> Path:
    paper = _Paper()
    paper.page(1)
    for line in TITLE_LINES:
        paper.text(line, size=17, bold=True)
    paper.gap()
    paper.text("Elias Frantar, Dan Alistarh")
    paper.gap()
    paper.paragraph(GPTQ["abstract"])  # not labelled `Abstract`
    paper.gap()
    paper.text("1 Introduction", size=12, bold=True)
    paper.paragraph(INTRO)
    paper.mark("1", "80GB A100 GPUs for inference.")
    paper.footnote("1", FOOTNOTE)
    paper.paragraph("Pre-trained generative models from the Transformer family, such as GPT "
                    "or OPT, have shown breakthrough")
    paper.page(2)
    paper.paragraph("performance.")
    paper.gap()
    paper.text("5 Experimental", size=12, bold=True)
    paper.text("Validation", size=12, bold=True)
    paper.paragraph(SPEEDUP)
    paper.gap()
    paper.figure()
    paper.table(TABLE_ONE, ROWS)
    paper.table(TABLE_TWO, BOOKTABS, booktabs=True)
    paper.text("References", size=12, bold=True)
    for line in REFERENCE:
        paper.text(line, size=9)
    return paper.save(tmp_path / "paper.pdf")


def _pdf_reading(tmp_path: Path):
    from claims.read.pdf import read_pdf_layout

    path = _paper_pdf(tmp_path)
    reading = read_pdf_layout(path, str(path), "paper")
    assert isinstance(reading.document, Document), reading.document
    return reading


def _pdf_doc(tmp_path: Path) -> Document:
    doc, warnings = _read(_paper_pdf(tmp_path))
    assert not warnings
    return doc


def test_pdf_title_over_two_lines(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert doc.fields["title"] == " ".join(TITLE_LINES) == GPTQ["title"]


def test_pdf_unlabelled_abstract(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert doc.fields["abstract"] == GPTQ["abstract"]
    assert doc.fields["introduction"].startswith("Pre-trained generative models")


def test_pdf_running_heads_and_page_numbers_left_out(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert not any("ICLR" in text for text in doc.fields.values())
    assert "breakthrough performance." in doc.fields["introduction"]  # across the page break


def test_pdf_footnotes_split_from_sentences(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert doc.fields["footnote"] == FOOTNOTE
    assert "github" not in doc.fields["introduction"]
    assert doc.fields["introduction"].startswith(INTRO + " Pre-trained")  # its mark left out


def test_pdf_wrapped_heading_is_one_section(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert doc.fields["experimental validation"] == SPEEDUP
    assert "validation" not in doc.fields


def test_pdf_reference_lines_never_become_sections(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert not any("koller" in name.lower() or "Koller" in text
                   for name, text in doc.fields.items())


def test_pdf_tables_kept_out_of_prose_with_their_cells(tmp_path):
    reading = _pdf_reading(tmp_path)
    doc = reading.document
    prose = " ".join(text for name, text in doc.fields.items()
                     if not name.startswith("caption") and name not in doc.table_fields)
    for cell in ("GPU throughput", "Zero-shot performance", "Compression rate", "Llama-2/3, OPT"):
        assert cell not in prose
    assert [(table.page, table.rows) for table in reading.tables] == [(2, ROWS), (2, BOOKTABS)]
    assert all(len(table.bbox) == 4 and table.bbox[0] < table.bbox[2] for table in reading.tables)
    for table, caption in zip(reading.tables, (TABLE_ONE, TABLE_TWO), strict=True):
        assert table.caption and caption.startswith(table.caption)  # its caption's first line


def test_pdf_table_cells_become_claims_with_the_tables_context(tmp_path):
    """The PDF's tables are the document's `Table`s: each numeric cell a claim, its
    subject the row label, its metric the column header, its table the caption's number."""
    doc = _pdf_doc(tmp_path)
    assert [(table.field, table.number, table.header_rows) for table in doc.tables] == [
        ("table 1", 1, 1), ("table 2", 2, 1)]
    cells = [c for c in extract_document(doc) if c.table]
    throughput = {(c.table, c.value, c.metric) for c in cells if c.unit == "%"
                  and c.field == "table 1"}
    assert throughput == {("Table 1", 38.38, "throughput"), ("Table 1", 36.14, "throughput"),
                          ("Table 1", 31.96, "throughput")}
    assert {c.page for c in cells} == {2}
    (cell,) = [c for c in cells if c.value == 36.14]
    assert doc.fields[cell.field][cell.start:cell.end] == cell.text


def test_pdf_figure_text_and_captions(tmp_path):
    doc = _pdf_doc(tmp_path)
    assert [doc.fields[name] for name in ("caption", "caption 2", "caption 3")] == [
        FIGURE, TABLE_ONE, TABLE_TWO]
    assert not any("8 16 32 64" in text or " 64 " in text for text in doc.fields.values())
    claims = extract_document(doc)
    assert any(c.field == "caption 2" and c.value == 38.38 for c in claims)
    assert {c.page for c in claims if c.field == "caption"} == {2}


def test_pdf_two_columns_are_read_one_after_the_other(tmp_path):
    """A two-column page: the left column's sentences, then the right one's, not rows
    across both."""
    paper = _Paper()
    paper.page(1)
    paper.text(TITLE_LINES[0], size=17, bold=True, x=72)
    paper.text(TITLE_LINES[1], size=17, bold=True, x=72)
    paper.gap()
    top = paper.y
    paper.text("Abstract", size=12, bold=True)
    paper.paragraph(GPTQ["abstract"], width=220)
    paper.y = top
    paper.pdf.set_left_margin(320)
    paper.text("1 Introduction", size=12, bold=True, x=320)
    for line in _wrapped(paper, INTRO, 220):
        paper.text(line, x=320)
    doc, _ = _read(paper.save(tmp_path / "columns.pdf"))
    assert doc.fields["abstract"] == GPTQ["abstract"]
    assert doc.fields["introduction"] == INTRO


def _wrapped(paper: _Paper, text: str, width: float) -> list[str]:
    paper.pdf.set_font("Helvetica", "", 10)
    lines = [""]
    for word in text.split():
        if lines[-1] and paper.pdf.get_string_width(f"{lines[-1]} {word}") > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


SENTENCE = (b"BT /F1 9 Tf 72 712 Td (Specifically, GPTQ can quantize GPT models with 175 "
            b"billion parameters in approximately four GPU hours) Tj ET")


def _damaged_pdf(path: Path, problems: int = 3, shift: int = 3) -> Path:
    """A page of GPTQ's abstract whose content has `problems` transformations that are
    not numbers (`cm` with a name among its operands), in a file whose table of objects
    points `shift` bytes beside each object (as after a careless edit)."""
    return _raw_pdf(path, b"q /x 1 0 1 0 0 cm Q " * problems + SENTENCE, shift)


def _raw_pdf(path: Path, content: bytes, shift: int = 0, encoding: bytes = b"") -> Path:
    """A one-page PDF of `content` in Helvetica (with `encoding`, e.g. the Windows code
    page for `±`), its objects' offsets off by `shift`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + encoding + b" >>",
    ]
    path.write_bytes(pdf_bytes(objects, shift))
    return path


def test_a_damaged_pdf_gives_one_warning_line_not_dozens(tmp_path):
    """In a process of its own: the libraries' log lines went to stderr there (pytest
    catches log records in its own)."""
    path = _damaged_pdf(tmp_path / "damaged.pdf")
    run = subprocess.run([sys.executable, "-m", "claims", "extract", str(path), "-o",
                          str(tmp_path / "out.jsonl"), "-q"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"claims: warning: {path} (damaged): the PDF is damaged (")
    assert line.endswith("what could be read was read")
    written = [json.loads(row) for row in
               (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ("model_size", 175e9) in {(claim["kind"], claim["value"]) for claim in written}


def test_a_pdf_with_positions_damaged_is_read_with_its_layout(tmp_path):
    """Transformations that are not numbers: pdfminer reads on, and says so once."""
    from claims.read.pdf import read_pdf_layout

    path = _damaged_pdf(tmp_path / "damaged.pdf", problems=40, shift=0)
    reading = read_pdf_layout(path, str(path), "damaged")
    assert isinstance(reading.document, Document)
    (warning,) = reading.warnings
    assert warning.message.startswith("the PDF is damaged (40 problems, first: Cannot "
                                      "concatenate matrix")
    assert "175 billion parameters" in " ".join(reading.document.fields.values())


def test_pdf_draft_line_numbers_and_affiliations_are_not_text_or_sections(tmp_path):
    """A submitted draft numbers its lines down the margin (`001`, `002`, ...); authors'
    affiliations are numbered too (`1 IST Austria`), in larger type than the text."""
    paper = _Paper()
    paper.page(1)
    for line in TITLE_LINES:
        paper.text(line, size=17, bold=True)
    paper.text("Elias Frantar 1 Dan Alistarh 1 2", size=12)
    paper.text("1 IST Austria", size=12)
    paper.text("2 Neural Magic", size=12)
    paper.gap()
    paper.text("Abstract", size=12, bold=True)
    start = paper.y
    paper.paragraph(GPTQ["abstract"])
    paper.gap()
    paper.text("1 Introduction", size=12, bold=True)
    paper.paragraph(INTRO)
    for number in range(int((paper.y - start) / 12.5)):
        paper.text(f"{number + 1:03d}", size=7, y=start + 12.5 * number + 2, x=40)
    doc, _ = _read(paper.save(tmp_path / "draft.pdf"))
    assert list(doc.fields) == ["title", "front", "abstract", "introduction"]
    assert doc.fields["abstract"] == GPTQ["abstract"]
    assert doc.fields["introduction"] == INTRO
    assert "IST Austria" in doc.fields["front"]


def test_pdf_table_without_rules_is_not_prose(tmp_path):
    """Cells set apart by space alone (`Dense 7B   Dense 7B` rows read as a sentence)."""
    paper = _Paper()
    paper.page(1)
    paper.text("1 Introduction", size=12, bold=True)
    paper.paragraph(INTRO)
    paper.gap()
    paper.paragraph(TABLE_ONE, size=9)
    for row in ROWS:
        top = paper.y
        for column, cell in enumerate(row):
            paper.text(cell, y=top, x=90 + 160 * column)
        paper.y = top + 12.5
    paper.gap()
    paper.paragraph(SPEEDUP)
    doc, _ = _read(paper.save(tmp_path / "plain_table.pdf"))
    assert doc.fields["introduction"] == f"{INTRO} {SPEEDUP}"
    assert doc.fields["caption"] == TABLE_ONE


def test_pdf_page_of_many_marks_is_read_in_bounded_time(tmp_path):
    """Twenty thousand strokes scattered over a page: the figure finder groups them
    over a grid, not pair by pair (which took minutes)."""
    import random
    import time

    from claims.read.pdf import read_pdf_layout

    scatter = random.Random(18)
    strokes = b"".join(b"%d %d m %d %d l S " % (x, y, x + 2, y + 2) for x, y in (
        (scatter.randrange(20, 590), scatter.randrange(20, 770)) for _ in range(20_000)))
    path = _raw_pdf(tmp_path / "marks.pdf", strokes + SENTENCE)
    began = time.monotonic()
    reading = read_pdf_layout(path, str(path), "marks")
    assert time.monotonic() - began < 20
    assert isinstance(reading.document, Document), reading.document
    assert not reading.tables


def _word(text: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def test_pdf_caption_over_several_lines_and_wider_than_its_table():
    """A caption's box runs down its lines (a word set 2 points higher stays on its
    line), so the rules under its last line are its table's: positions as pdfplumber
    gives them for a caption above a booktabs table in the DynamicLRP paper
    (tests/fixtures/papers/pdf/dynlrp.pdf, page 9, a few words of each line)."""
    from claims.read.pdf_layout import _caption_block, _captioned, _usual_sides

    words = [_word("Table", 70.9, 634.1, 89.6, 643.1), _word("1:", 91.8, 634.1, 97.7, 643.1),
             _word("DynamicLRP", 100.3, 632.0, 147.5, 641.0),
             _word("Attribution", 149.8, 632.0, 190.5, 641.0),
             _word("and", 70.9, 643.0, 84.6, 652.0), _word("IoU", 86.9, 643.0, 100.3, 652.0),
             _word("all", 70.9, 653.9, 79.8, 662.9), _word("values", 70.6, 664.9, 94.1, 673.9),
             _word("Non-parenthesized", 70.9, 675.9, 139.8, 684.8),
             _word("skipped", 70.9, 686.8, 99.4, 695.8)]
    caption = _caption_block(words[0], words)
    assert caption[2] == 190.5 and caption[3] == 695.8  # through its last line
    rules = [(71.4, 709.4, 523.8, 709.4), (71.4, 726.5, 523.8, 726.5),
             (71.4, 755.6, 523.8, 755.6)]
    assert _usual_sides(rules, [caption]) == {True}  # the table stands under it
    table = (71.4, 708.4, 523.8, 756.6)
    assert _captioned([table], [caption], {True}) == [caption]
    assert _captioned([table], [caption], {False}) == [caption]  # its only side


def test_pdf_captions_between_stacked_tables_name_the_table_under_them():
    """A page of tables stacked one under the other, each under its caption, the first
    continued from the page before and the last continued onto the next: each caption
    has rules on both sides but stands nearer its own table, so the page's captions
    keep the side under them, and the continued table at the top takes no caption (the
    rules' and captions' heights as pdfplumber gives them on page 14 of
    tests/fixtures/papers13/pdf/evsuff.pdf, where Table 4 was read as Table 5)."""
    from claims.read.pdf_layout import _captioned, _usual_sides

    def rules(*heights: float) -> list[tuple[float, float, float, float]]:
        return [(49.0, height, 547.0, height) for height in heights]

    captions = [(49.0, 135.4, 530.0, 144.6), (49.0, 240.9, 200.0, 250.1),
                (49.0, 452.2, 547.0, 475.3), (49.0, 711.0, 465.0, 720.9)]
    page = rules(43.0, 60.0, 123.3, 150.0, 170.0, 228.8, 255.5, 280.0, 440.1, 480.8,
                 520.0, 698.9)
    assert _usual_sides(page, captions) == {True}
    tables = [(49.0, 42.0, 547.0, 124.3), (49.0, 149.0, 547.0, 229.8),
              (49.0, 254.5, 547.0, 441.1), (49.0, 479.8, 547.0, 699.9)]
    assert _captioned(tables, captions, {True}) == [None, *captions[:3]]


def test_pdf_header_word_over_two_columns_spans_them():
    """`HumanEval` set over its `P@1 | P@K` columns is read by column as `Human | Eval`:
    the cell whose word runs over the edge takes the next one in (positions as
    pdfplumber gives them for the header of Table 1 of the MCTS paper's PDF)."""
    from types import SimpleNamespace

    from claims.read.pdf_layout import _spanning_words_joined

    words = [{"text": "HumanEval", "x0": 203.2, "x1": 255.4, "top": 295.2, "bottom": 305.3},
             {"text": "MBPP+", "x0": 276.7, "x1": 311.2, "top": 295.2, "bottom": 305.3}]
    cells = [(70.9, 294.2, 75.4, 298.5), (75.4, 294.2, 201.7, 307.0),
             (201.7, 294.2, 233.4, 307.0), (233.4, 294.2, 266.3, 307.0)]
    table = SimpleNamespace(page=SimpleNamespace(extract_words=lambda **_: words),
                            rows=[SimpleNamespace(cells=cells)])
    assert _spanning_words_joined(table, [["", "Method", "Human", "Eval"]]) == [
        ["", "Method", "HumanEval", None]]


def test_pdf_subtables_stacked_over_one_caption_each_take_it():
    """Two booktabs subtables one over the other above their one caption (the rules of
    the `Transformer Results` table of TudorAndrei/dontpatronizeme-Semeval2022's PDF,
    page 5, rounded to points): past the caption's own table, the one right above follows."""
    from claims.read.pdf_layout import _next_group

    rules = [(154, 224, 441, 224), (154, 234, 441, 234), (154, 265, 441, 265),
             (71, 282, 486, 282), (71, 292, 486, 292), (71, 332, 486, 332)]
    lower = (71, 281, 486, 333)
    assert _next_group(rules, lower, below=False, limit=188) == (154, 265, 441, 265)
    assert _next_group(rules, lower, below=False, limit=270) is None  # past the caption


def test_pdf_table_reading_with_more_numbers_to_a_row_wins():
    """Shaded cells put a booktabs table's rows together when read between its rules;
    its text lines give one number a cell; a header's lone `10%` counts for neither."""
    from claims.read.pdf_layout import _numbers

    by_rules = [["Lang.", "POS", None, "Lemma"],
                ["AAA\nBBB", "", "0.91\n0.82", "0.73\n0.64"], [None, "0.95", None, None]]
    by_lines = [["Lang.", "POS", None, "Lemma"],
                ["AAA", "0.95", "0.91", "0.73"], ["BBB", "0.42", "0.82", "0.64"]]
    assert (_numbers(by_rules), _numbers(by_lines)) == (0, 6)
    assert _numbers([["", "max", None, "10%"], ["A", "25.5 18.2 4.4", "52.4", "11.6"]]) == 2


def test_pdf_columns_printed_too_close_are_cut_by_their_numbers():
    """Three columns the finder read as one (`85.1 47.7 17.7` under `Low Mid High`, the
    cells of Table 1 of the InteractAgent paper's PDF as pdfplumber extracts them): each
    number a column, the header's lower line naming them, its upper line over them all;
    a short word cut by the finder's edge (`pe`, cut after its `p`) joins no columns."""
    from claims.read.pdf_layout import _straddles, _unpacked

    rows = [["Methods", "Success Rate (%) ↑ p\nLow Mid High", "e ↓ p\nmax", "e\n10%"],
            ["UniHSI-CoCo", "85.1 47.7 17.7", "18.2", "9.3"],
            ["Naive", "25.5 18.2 4.4", "528.4", "113.6"]]
    assert _unpacked(rows) == [
        ["Methods", "Success Rate (%) ↑ p", None, None, "e ↓ p", "e"],
        ["", "Low", "Mid", "High", "max", "10%"],
        ["UniHSI-CoCo", "85.1", "47.7", "17.7", "18.2", "9.3"],
        ["Naive", "25.5", "18.2", "4.4", "528.4", "113.6"]]
    pe = {"text": "pe", "x0": 454.3, "x1": 463.2}
    assert not _straddles(pe, 457.8)
    assert _straddles({"text": "HumanEval", "x0": 203.2, "x1": 255.4}, 233.4)
    # `Score↑` cut after its `S` (Table 1 of the VCD-with-CosBeta paper's PDF): long
    assert _straddles({"text": "Score↑", "x0": 500.4, "x1": 526.2}, 504.7)
    kept = [["Model", "Tokens"], ["A", "1 024"], ["B", "2 048"]]  # no decimals: one number
    assert _unpacked([list(row) for row in kept]) == kept


def test_a_header_row_with_one_number_among_names_stays_a_header():
    """`10%` names a column beside `Low | Mid | High`; a row of results keeps its dashes
    (`Ground truths | – | – | 18.1 | 94.9`) among its numbers."""
    from claims.read.tables import text_grid

    _, header = text_grid([["Methods", "Success Rate (%) ↑ p", None, None, "e ↓ p", "e"],
                           ["", "Low", "Mid", "High", "max", "10%"],
                           ["UniHSI-CoCo", "85.1", "47.7", "17.7", "18.2", "9.3"]])
    assert header == 2
    _, header = text_grid([["", "P", "R", "CL", "TTR"],
                           ["Ground truths", "–", "–", "18.1", "94.9"]])
    assert header == 1


def test_pdf_caption_between_two_tables_names_those_its_subcaptions_stand_under():
    """A `Table 3` caption under subtables `(a)` and over another table (the next
    caption's first subtable), on a page whose captions keep no one side: the table whose
    `(a)` stands between it and the caption is the caption's (positions as pdfplumber
    gives them on page 21 of the EvoMo paper's PDF)."""
    from claims.read.pdf_layout import _captioned

    caption = (71.0, 144.0, 524.0, 166.0)
    over = (100.5, 70.3, 260.6, 118.4)
    under = (99.7, 172.0, 259.8, 237.9)
    subcaptions = [(152.2, 123.7, 162.1, 132.7), (162.8, 243.3, 172.7, 252.2)]
    assert _captioned([over, under], [caption], {True, False}, subcaptions) == [caption, None]
    assert _captioned([over, under], [caption], {True, False}) == [None, None]


def test_pdf_words_in_small_capitals_are_one_word():
    """`LiBERTus` set in small capitals comes as `L`, `I`, `BERT`, `US` (the type size
    changes inside it; positions as pdfplumber gives them on page 1 of the LiBERTus
    paper's PDF); a raised footnote mark after a word stays apart."""
    from claims.read.pdf_layout import _small_capitals_joined

    font = "DXIHBJ+NimbusRomNo9L-Regu"
    words = [{"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
              "fontname": font}
             for text, x0, x1, top, bottom, size in [
                 ("L", 384.78, 391.58, 573.12, 584.03, 10.91),
                 ("I", 392.13, 395.1, 574.83, 583.56, 8.73),
                 ("BERT", 395.65, 425.1, 573.12, 584.03, 10.91),
                 ("US", 425.66, 437.59, 574.83, 583.56, 8.73),
                 ("model", 440.0, 465.0, 573.12, 584.03, 10.91),
                 ("A", 465.3, 469.0, 571.0, 578.0, 7.0)]]
    assert [word["text"] for word in _small_capitals_joined(words)] == [
        "LIBERTUS", "model", "A"]


def test_pdf_two_headers_an_edge_cut_wrong_are_parted_at_their_gap():
    """`POS tag.` and `Morph. annot.` read as `POS tag. Mor | ph. annot.` (the finder's
    edge through `Morph.`; positions as pdfplumber gives them for Table 2 of the LiBERTus
    paper's PDF): each cell holds words of its own, so they are parted at the widest gap,
    not joined as one header over two columns."""
    from types import SimpleNamespace

    from claims.read.pdf_layout import _spanning_words_joined

    words = [{"text": text, "x0": x0, "x1": x1, "top": 75.9, "bottom": 84.9}
             for text, x0, x1 in [("Lang.", 80.3, 105.4), ("POS", 118.2, 138.2),
                                  ("tag.", 140.9, 157.0), ("Morph.", 168.9, 201.3),
                                  ("annot.", 204.7, 231.7), ("Lemma.", 243.6, 279.7)]]
    cells = [(80.0, 70.3, 118.0, 90.0), (118.0, 70.3, 188.0, 90.0),
             (188.0, 70.3, 244.0, 90.0), (244.0, 70.3, 280.0, 90.0)]
    table = SimpleNamespace(page=SimpleNamespace(extract_words=lambda **_: words),
                            rows=[SimpleNamespace(cells=cells)])
    assert _spanning_words_joined(table, [["Lang.", "POS tag. Mor", "ph. annot.", "Lemma."]]) \
        == [["Lang.", "POS tag.", "Morph. annot.", "Lemma."]]


# Table 1 of the DeepSeekMoE paper (arXiv 2401.06066, deepseek-ai/DeepSeek-MoE's PDF,
# page 10): its caption's first sentence, its header and three of its rows.
MOE_CAPTION = "Table 1 | Evaluation results for validation experiments."
MOE_ROWS = [["Metric", "# Shot", "Dense", "Hash Layer", "Switch", "GShard", "DeepSeekMoE"],
            ["Pile (Loss)", "N/A", "2.060", "1.932", "1.881", "1.867", "1.808"],
            ["HellaSwag (Acc.)", "0-shot", "38.8", "46.2", "49.1", "50.5", "54.8"],
            ["PIQA (Acc.)", "0-shot", "66.8", "68.4", "70.5", "70.6", "72.3"]]


def _pdf_text(text: str, x: float, y: float, size: int = 8) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 %d Tf %.1f %.1f Td (%s) Tj ET " % (size, x, y, escaped.encode("latin-1"))


def _moe_pdf(path: Path, rules_end: float) -> Path:
    """A page with `MOE_ROWS` under its caption, ruled above and below its header by
    rules from x=72 to `rules_end`."""
    columns = (72, 170, 220, 270, 330, 380, 440)
    content = b"0.5 w " + b"".join(b"72 %d m %g %d l S " % (y, rules_end, y)
                                   for y in (700, 684, 640))
    for row, cells in enumerate(MOE_ROWS):
        y = 689 - 14 * row - (4 if row else 0)
        content += b"".join(_pdf_text(cell, x, y) for cell, x in zip(cells, columns,
                                                                       strict=True))
    content += _pdf_text(MOE_CAPTION, 72, 622, size=10)
    return _raw_pdf(path, content)


def test_pdf_table_under_rules_whose_caption_bar_is_a_word_of_its_own(tmp_path):
    """`Table 1 | ...`: the bar after the number stands apart as a word (set in a symbol
    font in the DeepSeek reports), so the caption's head is read over three words; the
    table ruled above and below its header (no vertical rules) is found beside it."""
    from claims.read.pdf import read_pdf_layout

    path = _moe_pdf(tmp_path / "moe.pdf", rules_end=520)
    reading = read_pdf_layout(path, str(path), "moe")
    assert isinstance(reading.document, Document), reading.document
    assert [(table.caption, table.rows) for table in reading.tables] == [
        (MOE_CAPTION, MOE_ROWS)]
    assert [table.number for table in reading.document.tables] == [1]


def test_pdf_table_whose_rules_run_past_the_page_edge_is_read(tmp_path):
    """Rules drawn a little past the page's right edge (612.02 on a page 612 wide, as in
    the NexusQuant paper's PDF) made pdfplumber refuse to crop the table, and the whole
    PDF was read without positions, its tables lost."""
    from claims.read.pdf import read_pdf_layout

    path = _moe_pdf(tmp_path / "edge.pdf", rules_end=612.5)
    reading = read_pdf_layout(path, str(path), "edge")
    assert isinstance(reading.document, Document), reading.document
    assert [table.number for table in reading.document.tables] == [1]
    assert reading.tables[0].rows[1][:3] == MOE_ROWS[1][:3]


def test_pdf_glyph_codes_are_no_text():
    """A figure's labels in a font embedded without its map to Unicode come as glyph
    codes (`\\x00\\x13`, the characters pdfplumber gives for the labels of Figure 3 of
    the DeepSeekMoE paper's PDF, page 12; `(cid:16)` for a bracket of its equations):
    never cells or prose; letters, digits, symbols and spaces are text."""
    from claims.read.pdf_layout import unmapped_glyph

    assert all(unmapped_glyph(text) for text in ("\x00\x13", "\x00\x03", "\x00H", "(cid:16)"))
    assert not any(unmapped_glyph(text) for text in ("0", "H", "|", "𝑙", "−", " ", "∑", "é"))


def test_pdf_table_reading_that_keeps_a_header_in_columns_wins_a_tie():
    """Rules that close no column of a header put its lines in one cell across the
    table (`Model #TP #AP USACO`); the reading by text lines gives each its column and
    as many numbers (cells of Table 4 of the DeepSeek-Coder-V2 paper's PDF, page 9, as
    the two readings give them)."""
    from claims.read.pdf_layout import _best_reading

    by_rules = [["LiveCodeBench", None, None, None, None, None, None, None],
                ["Model #TP #AP USACO", None, None, None, None, None, None, None],
                ["Easy (82) Medium (87) Hard (57) Overall (226)", None, None, None, None,
                 None, None, None],
                ["Gemini-1.5-Pro", "-", "-", "74.9%", "16.8%", "1.8%", "34.1%", "4.9%"]]
    by_lines = [["", "", "", "", "LiveCodeBench", None, "", ""],
                ["Model", "#TP", "#AP", "", "", "", "", "USACO"],
                ["", "", "", "Easy (82)", "Medium (87)", "Hard (57)", "Overall (226)", ""],
                ["Gemini-1.5-Pro", "-", "-", "74.9%", "16.8%", "1.8%", "34.1%", "4.9%"]]
    assert _best_reading([by_rules, by_lines]) == by_lines
    assert _best_reading([by_lines, by_rules]) == by_lines
    fewer = [row[:] for row in by_lines[:3]] + [["Gemini-1.5-Pro", "-", "-", "74.9%", "", "",
                                                 "", ""]]
    assert _best_reading([by_rules, fewer]) == by_rules  # more numbers win first


# Table 1 of the VCD-with-CosBeta paper's PDF (page 3): three of its columns for the
# first three rows, each value's spread printed beside it as a word of its own.
VCD_ROWS = [["Decoding", "Accuracy", "Precision", "Recall"],
            ["Regular", "83.29 (±0.35)", "92.13 (±0.54)", "72.80 (±0.57)"],
            ["VCD", "87.73 (±0.40)", "91.42 (±0.55)", "83.28 (±0.42)"],
            ["VCD with CosBeta", "88.27", "91.89", "83.95"]]


def test_pdf_booktabs_columns_past_the_text_and_spreads_in_cells_of_their_own(tmp_path):
    """Rules running well past the table's words on both sides still close its outer
    columns (the last one, the spreads of `Recall`, was lost); a value centred over its
    column and the spread column beside it (`88.27` in a row without spreads) is one
    cell; rows of values and spreads (`(±0.35)`) are rows of numbers, not headers."""
    from claims.read.pdf import read_pdf_layout

    content = b"0.5 w 50 700 m 560 700 l S 50 684 m 560 684 l S 50 630 m 560 630 l S "
    for row, cells in enumerate(VCD_ROWS):
        y = 689 - 14 * row - (4 if row else 0)
        content += _pdf_text(cells[0], 110, y)
        if row in (0, 2):  # the setting's name, set once at the middle of its rows
            content += _pdf_text("Setting" if row == 0 else "Random", 60, y)
        for column, cell in enumerate(cells[1:]):
            x = 220 + 100 * column
            if row == 0:
                content += _pdf_text(cell, x + 8, y)
            elif " " in cell:
                value, spread = cell.split()
                content += _pdf_text(value, x, y) + _pdf_text(spread, x + 26, y)
            else:
                content += _pdf_text(cell, x + 12, y)
    content += _pdf_text("Table 1: Results on POPE.", 80, 612, size=10)
    path = _raw_pdf(tmp_path / "vcd.pdf", content, encoding=b" /Encoding /WinAnsiEncoding")
    reading = read_pdf_layout(path, str(path), "vcd")
    assert isinstance(reading.document, Document), reading.document
    (table,) = reading.tables
    assert [row for row in table.rows if any(row)] == [
        ["Setting", "Decoding", "Accuracy", None, "Precision", None, "Recall", None],
        ["", "Regular", "83.29", "(±0.35)", "92.13", "(±0.54)", "72.80", "(±0.57)"],
        ["Random", "VCD", "87.73", "(±0.40)", "91.42", "(±0.55)", "83.28", "(±0.42)"],
        ["", "VCD with CosBeta", "88.27", None, "91.89", None, "83.95", None]]
    (found,) = reading.document.tables
    assert found.rows[found.header_rows][1].text == "Regular"  # the body's first row


def _pages_pdf(path: Path, contents: list[bytes]) -> Path:
    """A PDF of one page per content stream, all in Helvetica."""
    kids = [3 + 2 * index for index in range(len(contents))]
    font = 3 + 2 * len(contents)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % kid for kid in kids), len(contents))]
    for kid, content in zip(kids, contents, strict=True):
        objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (kid + 1, font),
                    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    path.write_bytes(pdf_bytes(objects))
    return path


def test_a_page_whose_table_search_fails_keeps_the_other_pages_tables(tmp_path, monkeypatch):
    """The table search failing on one page's drawing sent the whole PDF to the plain
    reader: every table lost, positions too, and no word of it. Now that page's text is
    read as prose, the other pages keep their tables, and one warning names the page."""
    from claims.read import pdf_layout
    from claims.read.pdf import read_pdf_layout

    table = _moe_pdf(tmp_path / "one.pdf", rules_end=520).read_bytes()
    content = table[table.index(b"stream\n") + 7:table.index(b"\nendstream")]
    path = _pages_pdf(tmp_path / "two.pdf", [content, content])
    search = pdf_layout._tables

    def failing_on_page_one(page, number, *args):
        if number == 1:
            raise ValueError("Bounding box (0, 0, 612.5, 792) is not fully within parent")
        return search(page, number, *args)

    monkeypatch.setattr(pdf_layout, "_tables", failing_on_page_one)
    reading = read_pdf_layout(path, str(path), "two")
    assert isinstance(reading.document, Document), reading.document
    assert [table.page for table in reading.tables] == [2]
    assert reading.tables[0].rows == MOE_ROWS
    (warning,) = reading.warnings
    assert warning.severity == "warning" and warning.message.startswith(
        "the tables of page 1 could not be searched (ValueError: Bounding box")
    assert "HellaSwag" in " ".join(reading.document.fields.values())
