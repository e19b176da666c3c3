"""PDF papers to documents, through pdfplumber (the optional extra `claims[pdf]`).

Each page's text layer is read with its positions (`pdf_layout`): lines in reading
order, columns one after the other, with tables and figures set apart. The lines then
take their part in the paper: the title (the largest type on page one, however many
lines it wraps to), running heads and page numbers (left out), headings (numbered or
known names, set in bold or larger type; a heading that wraps is joined), the abstract
(labelled, else the front matter's main paragraph), captions and footnotes (fields of
their own: `caption`, `caption 2`, ..., `footnote`, ...), and the running text of each
section, with words hyphenated across a line break joined. Each field keeps where its
pages start, so every claim can name its page. A PDF without a text layer (a scan) is
reported, not read as empty, and what the PDF libraries complain of in a damaged file
is one warning for the document, not lines on stderr.
"""

from __future__ import annotations

import logging
import re
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

from claims.model import Document, DocumentError, Table
from claims.read.pdf_layout import FIGURE_CAPTION, TABLE_CAPTION, Line, PdfTable, page_layout
from claims.read.sections import SKIPPED, is_known, is_numbered, section_name, unique_name
from claims.read.tables import laid_out, table_text, text_grid

_MAX_HEADING = 60
#: `Abstract`, `Abstract.`, `Abstract—We ...` (IEEE) at the start of a line.
_ABSTRACT_HEAD = re.compile(r"\s*Abstract\s*(?:[.:—–-]\s*|$)", re.IGNORECASE)
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_NO_TEXT = ("no text layer (a scanned PDF?): run OCR on it first, e.g. with ocrmypdf, "
            "then read the result")
#: The PDF libraries whose complaints about a damaged file are gathered, not printed.
_NOISY = ("pdfminer", "pdfplumber", "pypdf")
#: Running heads and page numbers stand in the top and bottom margins (page shares).
_TOP_MARGIN, _BOTTOM_MARGIN = 0.08, 0.92
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[ivxlc]{1,6}",
                          re.IGNORECASE)
#: Footnotes are set smaller than the text, in the lower part of the page.
_SMALLER = 0.9
_FOOTNOTE_MARK = re.compile(r"[*†‡§¶]")
#: A line with this many gaps wider than its type is a table's row, when no part of it
#: between them holds more words than a cell does.
_TABLE_GAPS = 2
_CELL_WORDS = 5
#: The number a table's caption gives it (`Table 3: ...`, `Tab. 2.`).
_TABLE_NUMBER = re.compile(r"(?:Table|Tab\.)\s*(\d+)")
#: An appendix after the references starts a section again.
_APPENDIX = re.compile(r"(?:Appendix|Appendices|Supplementary|[A-H](?:\.\d+)*\.?\s+[A-Z])")


@dataclass
class PdfReading:
    """A PDF read: the document (or why it could not be), the tables found on its pages
    (their cells, for a later step to read), and warnings about the file."""

    document: Document | DocumentError
    tables: list[PdfTable] = field(default_factory=list)
    warnings: list[DocumentError] = field(default_factory=list)


def read_pdf(path: str | Path, name: str, stem: str,
             deadline: float | None = None) -> Document | DocumentError:
    """The paper in a PDF; an unreadable PDF, one without text, or one still being read
    at `deadline` (time.monotonic()) is an error."""
    return read_pdf_layout(path, name, stem, deadline).document


def pdf_items(path: str | Path, name: str, stem: str, deadline: float | None = None
              ) -> Iterator[Document | DocumentError]:
    """The document read, then one warning when the file is damaged."""
    reading = read_pdf_layout(path, name, stem, deadline)
    yield reading.document
    yield from reading.warnings


def read_pdf_layout(path: str | Path, name: str, stem: str,
                    deadline: float | None = None) -> PdfReading:
    """The document of a PDF with its tables and the warnings reading it gave."""
    try:
        import pdfplumber
    except ImportError:
        return PdfReading(DocumentError(source=name, doc_id=stem, message="reading PDF "
                                        "needs the pdf extra: pip install 'claims[pdf]'"))
    problems: list[str] = []
    with _quiet(problems):
        reading = _read(pdfplumber, path, name, stem, deadline)
    if problems and isinstance(reading.document, Document):
        reading.warnings.append(DocumentError(
            source=name, doc_id=stem, severity="warning",
            message=f"the PDF is damaged ({len(problems)} problem"
                    f"{'s' if len(problems) > 1 else ''}, first: {problems[0]}); "
                    "what could be read was read"))
    return reading


def _read(pdfplumber, path: str | Path, name: str, stem: str,
          deadline: float | None) -> PdfReading:
    """The positioned reading; where it finds no text (or fails), pypdf's plain one,
    which mends some damaged files that pdfminer cannot (wrong object offsets)."""
    def error(message: str) -> PdfReading:
        return PdfReading(DocumentError(source=name, doc_id=stem, message=message))

    failure, layouts, metadata, plain = None, [], None, False
    try:  # not pdf.close(): it makes every page first; closing the file is enough
        with open(path, "rb") as stream:
            pdf = pdfplumber.open(stream)
            layouts = _page_layouts(pdf, deadline)
            metadata = _metadata_title(pdf)
    except _OutOfTime as exc:
        return error(str(exc))
    except Exception as exc:  # the PDF libraries raise many kinds on corrupt files
        failure = f"not a readable PDF: {' '.join(str(exc).split()) or type(exc).__name__}"
    lines = [line for layout in layouts for line in layout.lines]
    if not any(line.text.strip() for line in lines):
        try:
            lines, metadata = _plain_lines(path, deadline)
        except _OutOfTime as exc:
            return error(str(exc))
        plain = True
    if not any(line.text.strip() for line in lines):
        return error(failure or _NO_TEXT)
    fields = _Fields()
    _Paper(lines, metadata, plain).fill(fields)
    texts = fields.fields()
    found = [table for layout in layouts for table in layout.tables]
    tables = _tables(found, name, texts)
    pages = fields.pages(texts)
    for table, found_table in zip(tables, found, strict=True):
        texts[table.field] = table_text(table)
        pages[table.field] = [(0, found_table.page)]
    return PdfReading(Document(id=stem, fields=texts, pages=pages, source=name,
                               tables=tables), found,
                      [DocumentError(source=name, doc_id=stem, severity="warning",
                                     message=layout.problem)
                       for layout in layouts if layout.problem])


def _tables(found: list[PdfTable], name: str, taken: dict[str, str]) -> list[Table]:
    """The tables found on the pages as the reader-neutral `Table` the claim step reads
    cell by cell: fields `table 1`, `table 2`, ... past those taken; the number its
    caption gives; the leading rows without numbers as headers."""
    names = (f"table {n}" for n in count(1) if f"table {n}" not in taken)
    tables = []
    for table in found:
        grid, header = text_grid(table.rows)
        number = _TABLE_NUMBER.match(table.caption)
        tables.append(Table(field=next(names), caption=table.caption, source=name,
                            number=int(number.group(1)) if number else None,
                            header_rows=header, rows=laid_out(grid)))
    return tables


def _plain_lines(path: str | Path, deadline: float | None) -> tuple[list[Line], str | None]:
    """The lines of each page as pypdf reads them, without positions or type (all one
    size, in order down the page); none when pypdf is missing or cannot read the file."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return [], None
    lines: list[Line] = []
    try:
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, 1):
            if deadline is not None and time.monotonic() > deadline:
                raise _OutOfTime(f"the document's time budget ran out while reading it (at "
                                 f"page {number})")
            texts = [text.strip() for text in (page.extract_text() or "").splitlines()
                     if text.strip()]
            lines += [Line(text=text, page=number, top=12.0 * row, bottom=12.0 * row + 10,
                           x0=0.0, x1=0.0, size=10.0, bold=False,
                           height_share=row / len(texts), first_size=10.0)
                      for row, text in enumerate(texts)]
        title = (reader.metadata or {}).get("/Title")
    except _OutOfTime:
        raise
    except Exception:  # as corrupt for pypdf as for pdfminer
        return [], None
    return lines, (" ".join(str(title).split()) or None) if title else None


@contextmanager
def _quiet(problems: list[str]) -> Iterator[None]:
    """The PDF libraries' log records and warnings gathered into `problems`."""
    handler = _Gather(problems)
    loggers = [logging.getLogger(name) for name in _NOISY]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        problems.extend(" ".join(str(w.message).split()) for w in caught)
    finally:
        for logger, (propagate, level) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate, logger.level = propagate, level


class _Gather(logging.Handler):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(" ".join(record.getMessage().split()))


class _OutOfTime(Exception):
    """The document's time budget ran out while its pages were read."""


def _page_layouts(pdf, deadline: float | None) -> list:
    """The layout of each page, the clock looked at before each (a PDF may have a
    hundred thousand pages, which pdfplumber's `pages` would all make first); each
    page's parsed objects are let go once it is read."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    layouts, top = [], 0.0
    for number, parsed in enumerate(PDFPage.create_pages(pdf.doc), 1):
        if deadline is not None and time.monotonic() > deadline:
            raise _OutOfTime(f"the document's time budget ran out while reading it (at page "
                             f"{number})")
        page = Page(pdf, parsed, page_number=number, initial_doctop=top)
        top += float(page.height)
        layouts.append(page_layout(page, number))
        page.close()
    return layouts


def _metadata_title(pdf) -> str | None:
    title = (pdf.metadata or {}).get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", errors="replace")
    title = " ".join(str(title).split()) if title else ""
    return title or None


class _Paper:
    """The part each line plays, found from the lines of the whole paper."""

    def __init__(self, lines: list[Line], metadata_title: str | None,
                 plain: bool = False) -> None:
        self.lines = lines
        #: Lines without positions or type: headings as the words say, no captions,
        #: footnotes or unlabelled abstract (they are found by type and place).
        self.plain = plain
        self.body_size = _body_size(lines)
        self.title_lines = self._title_lines()
        title = " ".join(lines[i].text for i in self.title_lines)
        self.title = title or metadata_title or lines[0].text.strip()
        self.running = self._running_lines()
        self.captions = {} if plain else self._captions()
        self.footnotes = {} if plain else self._footnotes()
        self.table_rows = set() if plain else self._table_rows()

    def fill(self, fields: _Fields) -> None:
        """Each line into its field, in reading order."""
        fields.title = self.title
        abstract_start = None if self.plain else self._unlabelled_abstract()
        heading: list[Line] = []
        for index, line in enumerate(self.lines):
            if index in self.title_lines or index in self.running:
                continue
            if index in self.table_rows:
                continue  # a row of a table drawn without rules: cells, not prose
            if heading and self._continues_heading(heading, line):
                heading.append(line)
                continue
            if heading:
                fields.open(section_name(" ".join(part.text for part in heading)))
                heading = []
            if index in self.footnotes and fields.in_references():
                continue  # the references' small lines at a page's foot: references still
            if index in self.captions or index in self.footnotes:
                starts = (self.captions if index in self.captions else self.footnotes)[index]
                fields.note("caption" if index in self.captions else "footnote", starts,
                            self._note_text(line, index), line.page)
            elif index == abstract_start:
                fields.open("abstract")
                fields.add(line.text, line.page)
            elif self._is_heading(line, fields.in_references(), fields.in_front()):
                heading = [line]
            else:
                self._body_line(fields, line)
        if heading:
            fields.open(section_name(" ".join(part.text for part in heading)))

    def _body_line(self, fields: _Fields, line: Line) -> None:
        text = line.text.strip()
        head = _ABSTRACT_HEAD.match(text)
        if head and not fields.has("abstract") and not fields.in_references():
            fields.open("abstract")
            text = text[head.end():].strip()
        if text and not (fields.in_front() and text in self.title):
            fields.add(text, line.page)

    def _note_text(self, line: Line, index: int) -> str:
        """A footnote's text without its raised mark (`¹` set small before it)."""
        if index in self.footnotes and line.first_size < line.size * 0.85:
            return line.text.split(maxsplit=1)[-1] if " " in line.text else ""
        return line.text

    # --- roles -------------------------------------------------------------------------

    def _title_lines(self) -> list[int]:
        """The first run of lines in the largest type of page one's upper half."""
        first = [(i, line) for i, line in enumerate(self.lines)
                 if line.page == 1 and line.height_share < 0.5]
        if not first:
            return []
        first = [(i, line) for i, line in first if not is_known(line.text)]
        if not first:
            return []
        largest = max(line.size for _, line in first)
        if largest < self.body_size * 1.15:
            return []
        chosen: list[int] = []
        for index, line in first:
            if line.size >= largest - 0.5:
                if chosen and index != chosen[-1] + 1:
                    break
                chosen.append(index)
        return chosen

    def _running_lines(self) -> set[int]:
        """Running heads and feet (the same words in the margin of two pages or more,
        numbers aside) and page numbers."""
        marginal = {i: line for i, line in enumerate(self.lines)
                    if i not in self.title_lines
                    and not _TOP_MARGIN <= line.height_share <= _BOTTOM_MARGIN}
        pages: dict[str, set[int]] = {}
        for line in marginal.values():
            pages.setdefault(_shape(line.text), set()).add(line.page)
        return {i for i, line in marginal.items()
                if len(pages[_shape(line.text)]) >= 2
                or _PAGE_NUMBER.fullmatch(line.text.strip())}

    def _captions(self) -> dict[int, bool]:
        """Lines of figure and table captions: a line starting `Figure N:` or `Table N:`
        and the lines set close under it. Values: whether the line starts a caption."""
        found: dict[int, bool] = {}
        previous: Line | None = None
        for index, line in enumerate(self.lines):
            if index in self.running or index in self.title_lines:
                continue
            starts = (bool(FIGURE_CAPTION.match(line.text) or TABLE_CAPTION.match(line.text))
                      and not _runs_on(previous, line))
            if starts or (previous is not None and index - 1 in found
                          and _close_below(previous, line) and not line.wide_gaps
                          and not self._is_heading(line, False)):
                found[index] = starts
            previous = line
        return found

    def _table_rows(self) -> set[int]:
        """Rows of tables drawn without rules: lines with two gaps wider than their type
        or more, and next to a table's caption (over or under it) lines with one."""
        rows = {i for i, line in enumerate(self.lines)
                if line.wide_gaps >= _TABLE_GAPS and _cells(line) and i not in self.captions}
        for start, starts in self.captions.items():
            if not (starts and TABLE_CAPTION.match(self.lines[start].text)):
                continue
            end = start
            while end + 1 in self.captions and not self.captions[end + 1]:
                end += 1
            for index, step in ((end + 1, 1), (start - 1, -1)):
                while (0 <= index < len(self.lines) and self.lines[index].wide_gaps
                       and _cells(self.lines[index]) and index not in self.captions
                       and self.lines[index].page == self.lines[start].page):
                    rows.add(index)
                    index += step
        return rows

    def _footnotes(self) -> dict[int, bool]:
        """Lines set smaller than the text in the lower part of a page with no text of
        full size under them in their column: a run of them starting with a marked line
        (a raised mark or a symbol). Values: whether the line starts a note."""
        small = {i: line for i, line in enumerate(self.lines)
                 if i not in self.running and i not in self.captions
                 and i not in self.title_lines and line.height_share > 0.6
                 and line.size <= self.body_size * _SMALLER}
        full: dict[int, list[Line]] = {}
        for i, line in enumerate(self.lines):
            if i not in self.running and line.size > self.body_size * _SMALLER:
                full.setdefault(line.page, []).append(line)
        found: dict[int, bool] = {}
        for index, line in small.items():
            if any(other.top > line.bottom and other.x0 < line.x1 and line.x0 < other.x1
                   for other in full.get(line.page, ())):
                continue
            marked = (line.first_size < line.size * 0.85
                      or bool(_FOOTNOTE_MARK.match(line.text)))
            follows = index - 1 in found and _close_below(self.lines[index - 1], line)
            if marked or follows:
                found[index] = marked
        return found

    def _unlabelled_abstract(self) -> int | None:
        """Where the abstract starts when no line says `Abstract`: the longest paragraph
        before the first heading (the authors' lines are short ones above it)."""
        paragraphs: list[list[int]] = []
        previous: Line | None = None
        headed = False
        for index, line in enumerate(self.lines):
            if index in self.title_lines or index in self.running or index in self.captions \
                    or index in self.footnotes:
                continue
            if _ABSTRACT_HEAD.match(line.text):
                return None
            if self._is_heading(line, False, front=True):
                headed = True
                break
            if previous is None or not _close_below(previous, line, 0.9):
                paragraphs.append([])
            paragraphs[-1].append(index)
            previous = line
        longest = max(paragraphs, key=lambda p: sum(len(self.lines[i].text) for i in p),
                      default=[])
        if headed and len(longest) >= 2 and sum(len(self.lines[i].text) for i in longest) >= 200:
            return longest[0]
        return None

    def _is_heading(self, line: Line, in_references: bool, front: bool = False) -> bool:
        """A short line naming a section (numbered, or a known name) in bold or larger
        type; one in plain type only when it is a known name outside the references.
        Never in smaller type (a figure's labels); in the front matter only a known
        name (not an affiliation); in the references only an appendix."""
        text = line.text.strip()
        if not _is_heading(text):
            return False
        if self.plain:
            return not in_references or bool(_APPENDIX.match(text))
        if line.size < self.body_size * 0.95:
            return False  # a figure's label or legend
        styled = line.bold or line.size >= self.body_size * 1.08
        if front and not is_known(text):
            return False  # an affiliation (`1 AI Geeks`): a paper opens with known parts
        if in_references:
            return styled and bool(_APPENDIX.match(text))
        return styled or is_known(text)

    def _continues_heading(self, heading: list[Line], line: Line) -> bool:
        """A line in the heading's type right under it: the heading wrapped."""
        last = heading[-1]
        return (line.page == last.page and line.bold == last.bold and last.bold
                and abs(line.size - last.size) < 0.3 and len(line.text) <= _MAX_HEADING
                and not is_numbered(line.text) and _close_below(last, line)
                and not line.text.rstrip().endswith((".", ",", ";")))


def _cells(line: Line) -> bool:
    """The parts of `line` between its wide gaps are a table's cells: a few words each
    (prose with a gap in it, around inline math or after a bullet, is not, nor is a
    heading set apart from its number)."""
    return (line.longest_cell <= _CELL_WORDS and not line.text.startswith("•")
            and not (line.bold and _is_heading(line.text)))


def _body_size(lines: list[Line]) -> float:
    """The type size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _shape(text: str) -> str:
    """A line's words without its numbers: what a running head keeps from page to page."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _runs_on(previous: Line | None, line: Line) -> bool:
    """`line` goes on with the sentence of the line before it (`... shown in` / `Table
    2. As ...`): set close under it, which ends with no stop."""
    return (previous is not None and _close_below(previous, line)
            and not previous.text.rstrip().endswith((".", ":", "!", "?")))


def _close_below(above: Line, line: Line, share: float = 0.6) -> bool:
    """`line` follows `above` in the same block: on the same page, under it, with no
    more than `share` of its size between them."""
    return (line.page == above.page and line.top >= above.top
            and line.top - above.bottom <= line.size * share)


class _Fields:
    """Running text of each field with the offsets where its pages start."""

    def __init__(self) -> None:
        self.title = ""
        self._texts: dict[str, list[str]] = {}
        self._lengths: dict[str, int] = {}
        self._pages: dict[str, list[tuple[int, int]]] = {}
        self._last_pages: dict[str, int] = {}
        self._counts: dict[str, int] = {}
        self._field = "front"
        self._note = "front"

    def has(self, field: str) -> bool:
        return field in self._texts

    def in_front(self) -> bool:
        return self._field == "front"

    def in_references(self) -> bool:
        return self._field.split(" ")[0] in SKIPPED

    def open(self, field: str) -> None:
        self._field = self._start(field)

    def note(self, kind: str, starts: bool, text: str, page: int) -> None:
        """A line of a caption or footnote: a new field when it starts one."""
        if starts or not self._note.startswith(kind):
            self._note = self._start(kind)
        if text:
            self._append(self._note, text, page)

    def add(self, text: str, page: int) -> None:
        self._append(self._field, text, page)

    def _start(self, field: str) -> str:
        unique = unique_name(field, self._texts, self._counts)
        self._texts[unique], self._lengths[unique], self._pages[unique] = [], 0, []
        return unique

    def _append(self, field: str, line: str, page: int) -> None:
        if field not in self._texts:
            self._texts[field], self._lengths[field], self._pages[field] = [], 0, []
        parts = self._texts[field]
        if parts and _HYPHENATED.search(parts[-1]) and line[:1].islower():
            parts[-1] = parts[-1][:-1]  # "compres-" + "sion": one word again
            self._lengths[field] -= 1
        elif parts:
            parts.append(" ")
            self._lengths[field] += 1
        if page != self._last_pages.get(field):
            self._pages[field].append((self._lengths[field], page))
            self._last_pages[field] = page
        parts.append(line)
        self._lengths[field] += len(line)

    def fields(self) -> dict[str, str]:
        texts = {"title": self.title} if self.title else {}
        texts.update((field, "".join(parts)) for field, parts in self._texts.items()
                     if parts and field.split(" ")[0] not in SKIPPED)
        sections = [name for name in texts if name not in ("title", "front")
                    and not name.startswith(("caption", "footnote"))]
        if not sections and "front" in texts:  # no headings at all: the text as one field
            texts = {"text" if name == "front" else name: text for name, text in texts.items()}
        return texts

    def pages(self, kept: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
        """Where the pages of each of the `kept` fields start."""
        found = {field: starts for field, starts in self._pages.items() if field in kept}
        if "text" in kept and "front" in self._pages:
            found["text"] = self._pages["front"]
        return found


def _is_heading(line: str) -> bool:
    """A short line that names a section: numbered (`3 Experiments`) or known."""
    if len(line) > _MAX_HEADING or line.endswith((".", ",", ";", "-")):
        return False
    words = line.split(maxsplit=1)[-1]
    return is_known(line) or (is_numbered(line) and words[:1].isupper()
                              and not any(char.isdigit() for char in words))
