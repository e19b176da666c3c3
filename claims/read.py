"""Inputs to `Document`s: scraped pages, JSON Lines, CSV and plain text, streamed.

Problems with one record become `DocumentError`s so one bad line does not stop a run;
an input that cannot be read at all raises `InputError`, before any document is read
where possible (missing file, unknown format, CSV without the named column).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from claims.model import Claim, Document, DocumentError

FORMATS = ("page", "jsonl", "csv", "text")

#: Columns read as text when none are named.
DEFAULT_TEXT_COLS = ("title", "abstract", "text")
#: Columns that give a record's source URL and BibTeX key, kept for citations.
URL_COLS = ("url", "link", "pdf_url")
BIBKEY_COLS = ("bibkey", "bibtex_key", "citation_key")

_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
               ".csv": "csv", ".tsv": "csv"}
_HEAD_CHARS = 65536  # enough of the start of a file to tell its format
_STDIN = "-"
_STDIN_NAME = "<stdin>"

#: Lines of the scraped trending page that are navigation, not papers.
_NAV_LINES = frozenset({
    "new", "Get trending papers in your email inbox!", "Subscribe",
    "byAK and the research community", "Trending Papers", "Daily Papers",
})
_DATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                   r" \d{1,2}(?:, \d{4})?")
_MAX_TITLE = 300
_CSV_HEADER_CELL = re.compile(r"[\w .-]{1,64}")


class InputError(Exception):
    """A whole input that cannot be read; the message names the file and the problem."""


# --- entry points -------------------------------------------------------------------


def read_path(path: str | Path, fmt: str | None = None, *, id_col: str = "id",
              text_cols: list[str] | None = None,
              id_prefix: str | None = None) -> Iterator[Document | DocumentError]:
    """Documents (and per-record errors) from a file, or stdin for "-".

    Opening, format detection and the CSV header check happen now, so a
    caller learns of an unreadable input before it writes anything.
    """
    name = _STDIN_NAME if str(path) == _STDIN else str(path)
    head = _read_head(path, name)
    if "\x00" in head:
        raise InputError(f"{name}: a binary file (it holds NUL bytes), not text")
    fmt = fmt or detect_format(path, head)
    if fmt not in FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    stem = "stdin" if name == _STDIN_NAME else Path(path).stem
    decoding = _Decoding()
    lines = _lines(path, name, head, decoding, newline_ok=fmt == "csv")
    if fmt == "jsonl":
        _check_json_lines(name, head)
        found = _read_jsonl(lines, name, stem, id_col, text_cols)
    elif fmt == "csv":
        delimiter = _delimiter(path, head)
        cols = _csv_columns(name, head, delimiter, id_col, text_cols)
        found = _read_csv(lines, name, stem, delimiter, id_col, cols)
    elif fmt == "page":
        found = _read_page(lines, name, id_prefix or _prefix(stem))
    else:
        found = _read_text(lines, name, stem)
    return _with_decoding_warning(found, decoding, name)


class _Decoding:
    """Where invalid UTF-8 was first replaced by U+FFFD, if anywhere."""

    first_bad_line: int | None = None


def _with_decoding_warning(found: Iterator[Document | DocumentError], decoding: _Decoding,
                           name: str) -> Iterator[Document | DocumentError]:
    yield from found
    if decoding.first_bad_line is not None:
        yield DocumentError(source=name, line=decoding.first_bad_line, severity="warning",
                            message="invalid UTF-8 replaced by U+FFFD from this line on")


def read_sample() -> Iterator[Document | DocumentError]:
    """The bundled seed page, so the tool can be tried without any data."""
    ref = resources.files("claims.sample") / "seed_trending_gpt.txt"
    with resources.as_file(ref) as file:
        yield from read_path(file, "page", id_prefix="seed")


def detect_format(path: str | Path, head: str) -> str:
    """The input format from the extension, else from the first characters.

    >>> detect_format("papers.ndjson", "")
    'jsonl'
    >>> detect_format("-", '  {"id": 1}')
    'jsonl'
    >>> detect_format("notes.txt", "Just one abstract. It says 3x.")
    'text'
    """
    ext = Path(str(path)).suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if head.lstrip()[:1] == "{":
        return "jsonl"
    if _looks_like_page(head):
        return "page"
    if _looks_like_csv_header(head):
        return "csv"
    return "text"


# --- opening ------------------------------------------------------------------------


def _read_head(path: str | Path, name: str) -> str:
    """The start of the input; stdin keeps it for `_lines` to give back."""
    if name == _STDIN_NAME:
        return _guard(lambda: sys.stdin.read(_HEAD_CHARS), name, 0).removeprefix("\ufeff")
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as stream:
            return stream.read(_HEAD_CHARS)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _lines(path: str | Path, name: str, head: str, decoding: _Decoding, *,
           newline_ok: bool) -> Iterator[str]:
    """Lines of the input, lazily; ends normalized to "\\n" except for CSV, whose
    quoted fields may hold their own line breaks."""
    raw = _stdin_lines(head) if name == _STDIN_NAME else _file_lines(path, name, decoding)
    return raw if newline_ok else (_unix(line) for line in raw)


def _stdin_lines(head: str) -> Iterator[str]:
    """The head already taken from stdin, then the rest of it."""
    lines = list(io.StringIO(head, newline=""))
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += _guard(sys.stdin.readline, _STDIN_NAME, len(lines))
    yield from lines
    yield from _guarded(sys.stdin, _STDIN_NAME, len(lines))


def _file_lines(path: str | Path, name: str, decoding: _Decoding) -> Iterator[str]:
    """Lines of a file; invalid UTF-8 becomes U+FFFD, noted in `decoding` for a warning."""
    try:
        stream = open(path, encoding="utf-8-sig", errors="replace",  # noqa: SIM115
                      newline="")
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    with stream:
        for number, line in enumerate(stream, 1):
            if decoding.first_bad_line is None and "\ufffd" in line:
                decoding.first_bad_line = number
            yield line


def _guarded(lines: Iterable[str], name: str, done: int) -> Iterator[str]:
    """Lines, with a decoding failure turned into an `InputError` naming the file."""
    it = iter(lines)
    while True:
        line = _guard(lambda: next(it, None), name, done)
        if line is None:
            return
        done += 1
        yield line


def _guard(read, name: str, done: int):
    try:
        return read()
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text after line {done}: {exc.reason}") from None


def _unix(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2] + "\n"
    return line[:-1] + "\n" if line.endswith("\r") else line


def _prefix(stem: str) -> str:
    """The id prefix of a page: the first word of the file name.

    >>> _prefix("seed_trending_gpt")
    'seed'
    """
    return re.split(r"[_.-]", stem, maxsplit=1)[0] or stem


# --- JSON Lines ---------------------------------------------------------------------


def _check_json_lines(name: str, head: str) -> None:
    """A JSON array would give one error per line; say what it is instead."""
    if head.lstrip()[:1] == "[":
        raise InputError(f"{name}: a JSON array, not JSON Lines (one object per line)")


def _read_jsonl(lines: Iterable[str], name: str, stem: str, id_col: str,
                text_cols: list[str] | None) -> Iterator[Document | DocumentError]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(source=name, line=lineno, message=f"invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield DocumentError(source=name, line=lineno,
                                message=f"invalid JSON: a {type(record).__name__}, "
                                "not an object")
            continue
        yield _record(record, name, lineno, stem, id_col, text_cols)


def _record(record: dict, name: str, lineno: int, stem: str, id_col: str,
            text_cols: Iterable[str] | None) -> Document | DocumentError:
    """One JSON object or CSV row as a Document; missing text is an error."""
    raw_id = record.get(id_col)
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{stem}-{lineno}"
    cols = list(text_cols) if text_cols else [c for c in DEFAULT_TEXT_COLS if c in record]
    fields = {c: str(record[c]) for c in cols if record.get(c) is not None}
    if not fields:
        wanted = ", ".join(cols or (text_cols or DEFAULT_TEXT_COLS))
        return DocumentError(source=name, line=lineno, doc_id=doc_id,
                             message=f"no text: missing {wanted}")
    return Document(id=doc_id, fields=fields, source=name, line=lineno,
                    url=_first(record, URL_COLS), bibkey=_first(record, BIBKEY_COLS))


def _first(record: dict, columns: tuple[str, ...]) -> str | None:
    """The first non-empty of `columns` in a record (provenance for citations)."""
    return next((str(record[c]) for c in columns if record.get(c) not in (None, "")), None)


# --- CSV ----------------------------------------------------------------------------


def _delimiter(path: str | Path, head: str) -> str:
    """Tab for .tsv, or a header with tabs and no commas; else comma."""
    if Path(str(path)).suffix.lower() == ".tsv":
        return "\t"
    first = head.splitlines()[0] if head else ""
    return "\t" if "\t" in first and "," not in first else ","


def _header(head: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])


def _csv_columns(name: str, head: str, delimiter: str, id_col: str,
                 text_cols: list[str] | None) -> list[str]:
    """The text columns to read, checked against the header up front."""
    header = _header(head, delimiter)
    shown = ", ".join(header) or "none"
    named = list(text_cols or [])
    if id_col != "id":
        named.insert(0, id_col)
    for col in named:
        if col not in header:
            raise InputError(f"{name}: no column {col!r} (columns: {shown})")
    cols = text_cols or [c for c in DEFAULT_TEXT_COLS if c in header]
    if not cols:
        raise InputError(f"{name}: no text column ({', '.join(DEFAULT_TEXT_COLS)}) "
                         f"(columns: {shown})")
    return list(cols)


def _read_csv(lines: Iterable[str], name: str, stem: str, delimiter: str, id_col: str,
              cols: list[str]) -> Iterator[Document | DocumentError]:
    """Rows as documents; empty cells count as missing, as CSV has no null."""
    reader = csv.DictReader(lines, delimiter=delimiter)
    start = 2  # the line a row begins on; the header is line 1
    for row in reader:
        present = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
        yield _record(present, name, start, stem, id_col, cols)
        start = reader.line_num + 1


def _looks_like_csv_header(head: str) -> bool:
    """A first line of short column names, one of them a text column."""
    first = head.splitlines()[0] if head.strip() else ""
    cells = next(csv.reader([first], delimiter=_delimiter("", first)), [])
    return (len(cells) >= 2 and all(_CSV_HEADER_CELL.fullmatch(c) for c in cells)
            and any(c.strip().lower() in DEFAULT_TEXT_COLS for c in cells))


# --- plain text ---------------------------------------------------------------------


def _read_text(lines: Iterable[str], name: str, stem: str) -> Iterator[Document | DocumentError]:
    text = "".join(lines).rstrip()
    if not text:
        yield DocumentError(source=name, line=1, doc_id=stem, message="no text: empty file")
        return
    yield Document(id=stem, fields={"text": text}, source=name, line=1)


# --- the scraped trending page ------------------------------------------------------


def _paragraphs(lines: Iterable[str]) -> Iterator[tuple[int, str, int]]:
    """(first line, text, number of lines) of each blank-line separated block."""
    block: list[str] = []
    first = 0
    for lineno, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                first = lineno
            block.append(line.rstrip("\n"))
        elif block:
            yield first, "\n".join(block).rstrip(), len(block)
            block = []
    if block:
        yield first, "\n".join(block).rstrip(), len(block)


def _is_nav(text: str, nlines: int) -> bool:
    """Navigation and date lines of the page, which are not papers.

    >>> _is_nav("Jan 3, 2024", 1), _is_nav("Subscribe", 1), _is_nav("LLaMA", 1)
    (True, True, False)
    """
    line = text.strip()
    return nlines == 1 and (line in _NAV_LINES or bool(_DATE.fullmatch(line)))


def _is_title(text: str, nlines: int) -> bool:
    """A short single line that does not read as sentences."""
    line = text.strip()
    return (nlines == 1 and len(line) <= _MAX_TITLE and not line.endswith(".")
            and ". " not in line)


def _read_page(lines: Iterable[str], name: str,
               prefix: str) -> Iterator[Document | DocumentError]:
    """Title / abstract pairs in page order; a title followed by a title has no abstract."""
    count = 0
    pending: tuple[int, str] | None = None  # (line, title) awaiting its abstract

    def make(line: int, title: str, abstract: str | None = None) -> Document:
        nonlocal count
        count += 1
        fields = {"title": title} if abstract is None else {"title": title, "abstract": abstract}
        return Document(id=f"{prefix}-{count:03d}", fields=fields, source=name, line=line)

    for lineno, text, nlines in _paragraphs(lines):
        if _is_nav(text, nlines):
            continue
        if _is_title(text, nlines):
            if pending:
                yield make(*pending)
            pending = (lineno, text)
        elif pending:
            yield make(*pending, text)
            pending = None
        else:
            yield DocumentError(source=name, line=lineno,
                                message="paragraph without a title before it (not read)")
    if pending:
        yield make(*pending)


def _looks_like_page(head: str) -> bool:
    """Known page navigation, or at least two title/abstract pairs and nothing else."""
    pairs = orphans = 0
    after_title = False
    for _, text, nlines in _paragraphs(_unix(line) for line in io.StringIO(head, newline="")):
        if _is_nav(text, nlines):
            if text.strip() in _NAV_LINES:
                return True
            continue
        if _is_title(text, nlines):
            after_title = True
        elif after_title:
            pairs, after_title = pairs + 1, False
        else:
            orphans += 1
    return pairs >= 2 and not orphans


# --- claims written by `claims extract` ------------------------------------------------


def read_claims(path: str | Path) -> list[Claim]:
    """Claims from a JSONL, CSV or Parquet file written by `claims extract`.

    Raises ValueError when the file holds something else (papers), OSError when it
    cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".parquet", ".pq", ".csv"):
        import pandas as pd

        frame = pd.read_parquet(path) if suffix != ".csv" else pd.read_csv(path)
        if not {"doc_id", "kind", "value"} <= set(frame.columns):
            raise ValueError(f"{path}: not a claims file")
        records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        return [_claim(record, path) for record in records]
    with open(path, encoding="utf-8-sig") as stream:
        lines = [(n, line) for n, line in enumerate(stream, 1) if line.strip()]
    if not lines or not _is_claim_line(lines[0][1]):
        raise ValueError(f"{path}: not a claims file")
    return [_claim(json.loads(line), f"{path}:{n}") for n, line in lines]


def _is_claim_line(line: str) -> bool:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and {"doc_id", "kind", "rule"} <= set(record)


def _claim(record: dict, where: str | Path) -> Claim:
    record = {k: ("" if k == "unit" and v is None else v) for k, v in record.items()}
    try:
        return Claim.model_validate(record)
    except ValidationError as err:
        raise InputError(f"{where}: not a valid claim: {err.errors()[0]['msg']}") from None
