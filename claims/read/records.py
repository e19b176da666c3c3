"""JSON Lines (including the arXiv metadata snapshot) and CSV records as documents.

A record of the arXiv snapshot (`id`, `title`, `abstract`, `categories`, `versions`,
`update_date`, ...) keeps its arXiv id as the document id and gets its abstract page
as URL; its categories and first version's date feed the `--category` / `--since` /
`--until` filters.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read.lines import InputError
from claims.read.options import DEFAULT_TEXT_COLS, ReadOptions, parse_date

#: Columns that give a record's source URL and BibTeX key, kept for citations.
URL_COLS = ("url", "link", "pdf_url")
BIBKEY_COLS = ("bibkey", "bibtex_key", "citation_key")

_CSV_HEADER_CELL = re.compile(r"[\w .-]{1,64}")
#: New-style (2210.17323) and old-style (hep-th/9901001) arXiv identifiers.
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
#: The version at the end of an arXiv id (2210.17323v2), left out of document ids.
ARXIV_VERSION = re.compile(r"v\d+$")


# --- JSON Lines ---------------------------------------------------------------------


def check_json_lines(name: str, head: str) -> None:
    """A JSON array would give one error per line; say what it is instead."""
    if head.lstrip()[:1] == "[":
        raise InputError(f"{name}: a JSON array, not JSON Lines (one object per line)")


def check_id_column(name: str, head: str, id_col: str) -> None:
    """An id column that none of the records at the start holds is a typo, said before
    anything is read (as a CSV header shows one) instead of inventing ids for all."""
    records = [record for record in map(_json_object, head.splitlines()) if record is not None]
    if records and not any(id_col in record for record in records):
        raise InputError(_no_id_column(name, id_col, records))


def _json_object(line: str) -> dict | None:
    """The object on a line; None for anything else (the head's cut-off last line)."""
    try:
        found = json.loads(line)
    except json.JSONDecodeError:
        return None
    return found if isinstance(found, dict) else None


def _no_id_column(name: str, id_col: str, records: list[dict]) -> str:
    keys = list(dict.fromkeys(key for record in records for key in record))
    shown = ", ".join(keys[:20]) + (", ..." if len(keys) > 20 else "") or "none"
    return f"{name}: no column {id_col!r} in its records (columns: {shown})"


def read_jsonl(lines: Iterable[str], name: str, stem: str,
               options: ReadOptions) -> Iterator[Document | DocumentError]:
    """The records as documents; with an id column named (`--id-col`) that no record
    holds, an InputError at the end (`check_id_column` catches it sooner as a rule)."""
    named, first, id_seen = options.id_col != "id", None, False
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
        first = first or record
        id_seen = id_seen or options.id_col in record
        if options.filters and not options.keep(_categories(record), _date(record)):
            continue
        yield record_document(record, name, lineno, stem, options.id_col, options.text_cols)
    if named and first is not None and not id_seen:
        raise InputError(_no_id_column(name, options.id_col, [first]))


def record_document(record: dict, name: str, lineno: int, stem: str, id_col: str,
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
    url = _first(record, URL_COLS) or _arxiv_url(record, doc_id)
    return Document(id=doc_id, fields=fields, source=name, line=lineno,
                    url=url, bibkey=_first(record, BIBKEY_COLS))


def _first(record: dict, columns: tuple[str, ...]) -> str | None:
    """The first non-empty of `columns` in a record (provenance for citations)."""
    return next((str(record[c]) for c in columns if record.get(c) not in (None, "")), None)


def is_arxiv_record(record: dict) -> bool:
    """A record of the arXiv metadata snapshot: an arXiv id with arXiv categories."""
    return (isinstance(record.get("categories"), str)
            and ARXIV_ID.fullmatch(str(record.get("id", ""))) is not None)


def _arxiv_url(record: dict, doc_id: str) -> str | None:
    return f"https://arxiv.org/abs/{doc_id}" if is_arxiv_record(record) else None


def _categories(record: dict) -> list[str]:
    """Categories as a list: arXiv gives one space-separated string."""
    found = record.get("categories") or []
    return found.split() if isinstance(found, str) else [str(c) for c in found]


def _date(record: dict) -> date | None:
    """When a record was first submitted (arXiv: its first version), else updated."""
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        first = parse_date(versions[0].get("created"))
        if first:
            return first
    return parse_date(record.get("published") or record.get("date")
                      or record.get("update_date"))


# --- CSV ----------------------------------------------------------------------------


def delimiter(path: str | Path, head: str) -> str:
    """Tab for .tsv, or a header with tabs and no commas; else comma."""
    if Path(str(path)).suffix.lower() == ".tsv":
        return "\t"
    first = head.splitlines()[0] if head else ""
    return "\t" if "\t" in first and "," not in first else ","


def _header(head: str, sep: str) -> list[str]:
    return next(csv.reader(io.StringIO(head, newline=""), delimiter=sep), [])


def csv_columns(name: str, head: str, sep: str, id_col: str,
                text_cols: list[str] | None) -> list[str]:
    """The text columns to read, checked against the header up front."""
    header = _header(head, sep)
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


def read_csv(lines: Iterable[str], name: str, stem: str, sep: str, id_col: str,
             cols: list[str]) -> Iterator[Document | DocumentError]:
    """Rows as documents; empty cells count as missing, as CSV has no null."""
    reader = csv.DictReader(map(_hold_nul, lines), delimiter=sep)
    start = 2  # the line a row begins on; the header is line 1
    for row in reader:
        present = {k: _give_nul(v) for k, v in row.items()
                   if k is not None and v not in (None, "")}
        yield record_document(present, name, start, stem, id_col, cols)
        start = reader.line_num + 1


#: csv before Python 3.11 refuses a NUL: it goes through as this noncharacter instead.
_NUL_HELD = "\uffff"


def _hold_nul(line: str) -> str:
    return line.replace("\x00", _NUL_HELD) if "\x00" in line else line


def _give_nul(cell: str) -> str:
    return cell.replace(_NUL_HELD, "\x00") if _NUL_HELD in cell else cell


def looks_like_csv_header(head: str) -> bool:
    """A first line of short column names, one of them a text column."""
    first = head.splitlines()[0] if head.strip() else ""
    if "\x00" in first:
        return False  # binary; and csv before Python 3.11 would raise on it
    cells = next(csv.reader([first], delimiter=delimiter("", first)), [])
    return (len(cells) >= 2 and all(_CSV_HEADER_CELL.fullmatch(c) for c in cells)
            and any(c.strip().lower() in DEFAULT_TEXT_COLS for c in cells))
