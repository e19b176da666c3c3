"""Inputs to `Document`s, streamed: listing pages, JSON Lines (the arXiv metadata
snapshot among them), CSV, plain text, Atom feeds, HTML pages, LaTeX sources and PDFs.

Problems with one record become `DocumentError`s so one bad record does not stop a
run; an input that cannot be read at all raises `InputError`, before any document is
read where possible (missing file, unknown format, CSV without the named column).
Directories and glob patterns name many inputs (`expand_inputs`).
"""

from __future__ import annotations

import glob
import io
import re
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read.claims_file import read_claims, read_claims_text
from claims.read.lines import (
    STDIN,
    STDIN_NAME,
    Decoding,
    InputError,
    chunks,
    decode_head,
    lines,
    read_all,
    read_head,
    read_stdin_head,
    with_decoding_warning,
)
from claims.read.options import DEFAULT_TEXT_COLS, ReadOptions
from claims.read.page import looks_like_page, read_page
from claims.read.records import (
    check_id_column,
    check_json_lines,
    csv_columns,
    delimiter,
    looks_like_csv_header,
    read_csv,
    read_jsonl,
)
from claims.read.text import read_text

__all__ = ["DEFAULT_TEXT_COLS", "FORMATS", "Decoding", "InputError", "ReadOptions",
           "detect_format", "expand_inputs", "read_claims", "read_claims_text", "read_path",
           "read_sample", "sample_size"]

FORMATS = ("page", "jsonl", "csv", "text", "atom", "html", "latex", "pdf")

_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
               ".csv": "csv", ".tsv": "csv", ".atom": "atom", ".xml": "atom",
               ".html": "html", ".htm": "html", ".xhtml": "html",
               ".tex": "latex", ".ltx": "latex", ".tar": "latex", ".tgz": "latex",
               ".gz": "latex", ".bz2": "latex", ".xz": "latex", ".pdf": "pdf"}
#: Extensions walked in a directory; other files there are not papers.
_WALKED = frozenset({*_EXTENSIONS, ".txt"})
_GLOB_CHARS = re.compile(r"[*?[]")
_HEAD_LATEX = 20000  # a LaTeX source says so within its first characters
_LATEX_START = re.compile(r"\\(?:documentclass|begin\{(?:document|abstract)\}|section\*?\{)")


# --- entry points -------------------------------------------------------------------


def read_path(path: str | Path, fmt: str | None = None, *, id_col: str = "id",
              text_cols: list[str] | None = None, id_prefix: str | None = None,
              options: ReadOptions | None = None, decoding: Decoding | None = None
              ) -> Iterator[Document | DocumentError]:
    """Documents (and per-record errors) from a file, or stdin for "-".

    Opening, format detection and the CSV header check happen now, so a
    caller learns of an unreadable input before it writes anything. A `decoding` given
    tells the caller how many bytes have been read as the documents come.
    """
    options = options or ReadOptions(id_col=id_col, text_cols=text_cols, id_prefix=id_prefix)
    name = STDIN_NAME if str(path) == STDIN else str(path)
    raw = b"" if name == STDIN_NAME else read_head(path, name)
    head = read_stdin_head(name) if name == STDIN_NAME else decode_head(raw)
    fmt = fmt or detect_format(path, head, raw)
    if fmt not in FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    stem = "stdin" if name == STDIN_NAME else _stem(path)
    if fmt == "pdf" or (fmt == "latex" and (_is_archive(raw) or "\x00" in head)):
        return _read_binary(path, name, fmt, stem, options)
    if "\x00" in head:
        raise InputError(f"{name}: a binary file (it holds NUL bytes), not text")
    decoding = decoding if decoding is not None else Decoding()
    return with_decoding_warning(_read_text_format(path, name, fmt, head, stem, options,
                                                   decoding), decoding, name)


def _read_text_format(path: str | Path, name: str, fmt: str, head: str, stem: str,
                      options: ReadOptions, decoding: Decoding
                      ) -> Iterator[Document | DocumentError]:
    if fmt == "csv":
        sep = delimiter(path, head)
        cols = csv_columns(name, head, sep, options.id_col, options.text_cols)
        return read_csv(lines(path, name, head, decoding, newline_ok=True), name, stem, sep,
                        options.id_col, cols)
    if fmt == "jsonl":
        check_json_lines(name, head)
        if options.id_col != "id":  # as for CSV: records may lack the default, not a named one
            check_id_column(name, head, options.id_col)
        return read_jsonl(lines(path, name, head, decoding, newline_ok=False), name, stem,
                          options)
    if fmt in ("atom", "html", "latex"):
        return _read_markup(path, name, fmt, head, stem, options, decoding)
    if fmt == "page":
        return read_page(lines(path, name, head, decoding, newline_ok=False), name,
                         options.id_prefix or _prefix(stem))
    return read_text(chunks(path, name, head, decoding), name, stem)


def _read_markup(path: str | Path, name: str, fmt: str, head: str, stem: str,
                 options: ReadOptions, decoding: Decoding) -> Iterator[Document | DocumentError]:
    """Formats parsed from the whole text (one paper per file, or a feed of entries)."""
    if fmt == "atom":
        from claims.read.atom import read_atom

        source = (io.StringIO(read_all(path, name, head, decoding)) if name == STDIN_NAME
                  else path)
        yield from read_atom(source, name, options)
    elif fmt == "html":
        from claims.read.html import read_html

        started = time.monotonic()
        yield _timed(read_html(read_all(path, name, head, decoding), name, stem), started)
    else:
        from claims.read.latex import MAX_CHARS, Reading, latex_items, read_latex

        started = time.monotonic()
        reading = Reading(_deadline(options, started), included={str(Path(path).resolve())})
        source = read_all(path, name, head, decoding, limit=MAX_CHARS)
        document = read_latex(source, name, stem, _sibling(path), reading)
        yield from latex_items(_timed(document, started), reading, name, stem)


def _read_binary(path: str | Path, name: str, fmt: str, stem: str,
                 options: ReadOptions) -> Iterator[Document | DocumentError]:
    """A PDF or a LaTeX archive, read when its document is asked for (the file is
    checked now)."""
    if name == STDIN_NAME:
        raise InputError(f"{name}: {fmt} input must be a file, not stdin")
    return _binary_document(path, name, fmt, stem, options)


def _binary_document(path: str | Path, name: str, fmt: str, stem: str,
                     options: ReadOptions) -> Iterator[Document | DocumentError]:
    started = time.monotonic()
    deadline = _deadline(options, started)
    if fmt == "pdf":
        from claims.read.pdf import pdf_items

        items = pdf_items(path, name, stem, deadline)
        yield _timed(next(items), started)
        yield from items
        return
    from claims.read.latex import Reading, latex_items, read_latex_archive

    reading = Reading(deadline)
    document = read_latex_archive(path, name, stem, reading)
    yield from latex_items(_timed(document, started), reading, name, stem)


def _deadline(options: ReadOptions, started: float) -> float | None:
    return None if options.time_budget is None else started + options.time_budget


def _timed(item: Document | DocumentError, started: float) -> Document | DocumentError:
    """A document with the time its reading took, which its time budget covers too."""
    if isinstance(item, DocumentError):
        return item
    return item.model_copy(update={"spent": time.monotonic() - started})


def _sibling(path: str | Path):
    """A reader of files in a .tex file's folder, for its \\input and \\include: a
    reference that leads out of the folder (`/etc/passwd`, `../x`, a symbolic link
    pointing out) is refused."""
    from claims.read.latex import MAX_CHARS, RefusedReference

    folder = Path(str(path)).parent.resolve()

    def read(reference: str) -> tuple[str, str] | None:
        for candidate in (folder / reference, folder / f"{reference}.tex"):
            real = candidate.resolve()
            if not real.is_relative_to(folder):
                raise RefusedReference(f"\\input{{{reference}}} points outside the "
                                       "document's folder; not read")
            if real.is_file():
                with open(real, encoding="utf-8", errors="replace") as stream:
                    return str(real), stream.read(MAX_CHARS + 1)
        return None

    return read


def read_sample(decoding: Decoding | None = None) -> Iterator[Document | DocumentError]:
    """The bundled seed page, so the tool can be tried without any data."""
    with resources.as_file(_sample()) as file:
        yield from read_path(file, "page", id_prefix="seed", decoding=decoding)


def sample_size() -> int:
    """The bundled seed page's size in bytes (a progress bar's total)."""
    return len(_sample().read_bytes())


def _sample():
    return resources.files("claims.sample") / "seed_trending_gpt.txt"


def expand_inputs(paths: Iterable[str | Path]) -> Iterator[str]:
    """Each path, with directories walked (files of known extensions, sorted, hidden
    ones skipped) and glob patterns expanded; "-" stays stdin.

    Raises InputError for a pattern that matches nothing.
    """
    for path in map(str, paths):
        if path != STDIN and Path(path).is_dir():
            yield from _walk(Path(path))
        elif path != STDIN and not Path(path).exists() and _GLOB_CHARS.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise InputError(f"{path}: no file matches this pattern")
            for match in matches:
                yield from _walk(Path(match)) if Path(match).is_dir() else [match]
        else:
            yield path


def _walk(folder: Path) -> Iterator[str]:
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden and path.suffix.lower() in _WALKED:
            yield str(path)


def detect_format(path: str | Path, head: str, raw: bytes = b"") -> str:
    """The input format from the extension, else from the first bytes and characters.

    >>> detect_format("papers.ndjson", "")
    'jsonl'
    >>> detect_format("-", '  {"id": 1}')
    'jsonl'
    >>> detect_format("2210.17323", "", b"%PDF-1.7")
    'pdf'
    >>> detect_format("feed", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    'atom'
    >>> detect_format("notes.txt", "Just one abstract. It says 3x.")
    'text'
    """
    ext = Path(str(path)).suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    return _format_of_bytes(raw) or _format_of_text(head)


def _format_of_bytes(raw: bytes) -> str | None:
    if raw.startswith(b"%PDF-"):
        return "pdf"
    return "latex" if _is_archive(raw) else None


def _is_archive(raw: bytes) -> bool:
    """gzip, bzip2, xz or tar: how arXiv ships sources."""
    return (raw.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ"))
            or raw[257:262] == b"ustar")


def _format_of_text(head: str) -> str:
    start = head.lstrip()[:1000].lower()
    if start[:1] == "{":
        return "jsonl"
    if "<feed" in start and "http://www.w3.org/2005/atom" in start:
        return "atom"
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:300]:
        return "html"
    if _LATEX_START.search(head[:_HEAD_LATEX]):
        return "latex"
    if looks_like_page(head):
        return "page"
    if looks_like_csv_header(head):
        return "csv"
    return "text"


def _stem(path: str | Path) -> str:
    """A file's name without its extensions (`2210.17323.tar.gz` -> `2210.17323`)."""
    name = Path(str(path)).name
    for ext in (".tar.gz", ".tar.bz2", ".tar.xz"):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return Path(name).stem


def _prefix(stem: str) -> str:
    """The id prefix of a page: the first word of the file name.

    >>> _prefix("seed_trending_gpt")
    'seed'
    """
    return re.split(r"[_.-]", stem, maxsplit=1)[0] or stem
