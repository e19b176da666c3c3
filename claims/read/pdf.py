"""PDF papers to documents, through pypdf (the optional extra `claims[pdf]`).

The text layer of each page is read line by line: words hyphenated across a line
break are joined, lines become running text, and headings (`Abstract`,
`1 Introduction`, ...) split it into fields. Each field keeps where its pages start,
so every claim can name its page. A PDF without a text layer (a scan) is reported,
not read as empty.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read.sections import SKIPPED, is_known, is_numbered, section_name, unique_name

_MAX_HEADING = 60
#: `Abstract`, `Abstract.`, `Abstract—We ...` (IEEE) at the start of a line.
_ABSTRACT_HEAD = re.compile(r"\s*Abstract\s*(?:[.:—–-]\s*|$)", re.IGNORECASE)
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_NO_TEXT = ("no text layer (a scanned PDF?): run OCR on it first, e.g. with ocrmypdf, "
            "then read the result")


def read_pdf(path: str | Path, name: str, stem: str,
             deadline: float | None = None) -> Document | DocumentError:
    """The paper in a PDF; an unreadable PDF, one without text, or one still being read
    at `deadline` (time.monotonic()) is an error."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return DocumentError(source=name, doc_id=stem, message="reading PDF needs the pdf "
                             "extra: pip install 'claims[pdf]'")
    try:
        reader = PdfReader(path)
        pages = _page_texts(reader, deadline)
        title = _metadata_title(reader)
    except _OutOfTime as exc:
        return DocumentError(source=name, doc_id=stem, message=str(exc))
    except Exception as exc:  # pypdf raises many kinds on corrupt files
        return DocumentError(source=name, doc_id=stem, message=f"not a readable PDF: {exc}")
    if not any(text.strip() for text in pages):
        return DocumentError(source=name, doc_id=stem, message=_NO_TEXT)
    builder = _Fields(title or _first_line(pages))
    for number, text in enumerate(pages, 1):
        for line in text.splitlines():
            builder.add_line(line, number)
    fields = builder.fields()
    return Document(id=stem, fields=fields, pages=builder.pages(fields), source=name)


class _OutOfTime(Exception):
    """The document's time budget ran out while its pages were read."""


def _page_texts(reader, deadline: float | None) -> list[str]:
    """The text of each page, the clock looked at after each (a PDF may have a
    hundred thousand pages)."""
    texts = []
    for number, page in enumerate(reader.pages, 1):
        if deadline is not None and time.monotonic() > deadline:
            raise _OutOfTime(f"the document's time budget ran out while reading it (at page "
                             f"{number} of {len(reader.pages)})")
        texts.append(page.extract_text() or "")
    return texts


def _metadata_title(reader) -> str | None:
    title = (reader.metadata or {}).get("/Title")
    title = " ".join(str(title).split()) if title else ""
    return title or None


def _first_line(pages: list[str]) -> str:
    return next(line.strip() for text in pages for line in text.splitlines() if line.strip())


class _Fields:
    """Running text of each field with the offsets where its pages start."""

    def __init__(self, title: str) -> None:
        self._title = title
        self._texts: dict[str, list[str]] = {}
        self._lengths: dict[str, int] = {}
        self._pages: dict[str, list[tuple[int, int]]] = {}
        self._counts: dict[str, int] = {}
        self._field = "front"
        self._last_page: int | None = None

    def add_line(self, line: str, page: int) -> None:
        stripped = line.strip()
        if not stripped or (self._field == "front" and stripped in self._title):
            return  # the title, maybe over several lines, is its own field
        head = _ABSTRACT_HEAD.match(stripped)
        if head and "abstract" not in self._texts:
            self._open("abstract")
            stripped = stripped[head.end():].strip()
            if not stripped:
                return
        elif _is_heading(stripped):
            self._open(section_name(stripped))
            return
        self._append(stripped, page)

    def _open(self, field: str) -> None:
        unique = unique_name(field, self._texts, self._counts)
        self._field, self._last_page = unique, None
        self._texts[unique], self._lengths[unique], self._pages[unique] = [], 0, []

    def _append(self, line: str, page: int) -> None:
        if self._field not in self._texts:
            self._open(self._field)
        parts = self._texts[self._field]
        if parts and _HYPHENATED.search(parts[-1]) and line[:1].islower():
            parts[-1] = parts[-1][:-1]  # "compres-" + "sion": one word again
            self._lengths[self._field] -= 1
        elif parts:
            parts.append(" ")
            self._lengths[self._field] += 1
        if page != self._last_page:
            self._pages[self._field].append((self._lengths[self._field], page))
            self._last_page = page
        parts.append(line)
        self._lengths[self._field] += len(line)

    def fields(self) -> dict[str, str]:
        texts = {"title": self._title} if self._title else {}
        texts.update((field, "".join(parts)) for field, parts in self._texts.items()
                     if parts and field.split(" ")[0] not in SKIPPED)
        if set(texts) == {"title", "front"}:  # no headings at all: the text as one field
            texts["text"] = texts.pop("front")
        return texts

    def pages(self, kept: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
        """Where the pages of each of the `kept` fields start."""
        found = {field: starts for field, starts in self._pages.items() if field in kept}
        if "text" in kept and "front" in self._pages:
            found["text"] = self._pages["front"]
        return found


def _is_heading(line: str) -> bool:
    """A short line that names a section: numbered (`3 Experiments`) or known."""
    if len(line) > _MAX_HEADING or line.endswith((".", ",", ";")):
        return False
    words = line.split(maxsplit=1)[-1]
    return is_known(line) or (is_numbered(line) and words[:1].isupper()
                              and not any(char.isdigit() for char in words))
