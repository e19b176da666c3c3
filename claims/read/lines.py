"""Opening inputs: the head that tells the format, and lines read lazily.

Invalid UTF-8 becomes U+FFFD (noted for one warning), a decoding failure on stdin
an `InputError` naming it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from claims.model import Document, DocumentError

HEAD_BYTES = 65536  # enough of the start of a file to tell its format
CHUNK_CHARS = 65536  # what `chunks` reads at a time
STDIN = "-"
STDIN_NAME = "<stdin>"


class InputError(Exception):
    """A whole input that cannot be read; the message names the file and the problem."""


class Decoding:
    """What reading one input has seen so far: where invalid UTF-8 was first replaced by
    U+FFFD, if anywhere, and how many bytes of the file were read (for a progress bar;
    formats read by a library of their own, PDF, archives and Atom, do not say)."""

    first_bad_line: int | None = None
    bytes_read: int = 0


def read_head(path: str | Path, name: str) -> bytes:
    """The first bytes of a file; stdin's head is read as text (see `read_text_head`)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def read_stdin_head(name: str) -> str:
    """The start of stdin; kept for `lines` to give back."""
    return guard(lambda: sys.stdin.read(HEAD_BYTES), name, 0).removeprefix("\ufeff")


def decode_head(head: bytes) -> str:
    """A file's head as text, as the line reader will decode it."""
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")


def lines(path: str | Path, name: str, head: str, decoding: Decoding, *,
          newline_ok: bool) -> Iterator[str]:
    """Lines of the input, lazily; ends normalized to "\\n" except for CSV, whose
    quoted fields may hold their own line breaks."""
    raw = _stdin_lines(head) if name == STDIN_NAME else _file_lines(path, name, decoding)
    return raw if newline_ok else (unix(line) for line in raw)


def chunks(path: str | Path, name: str, head: str, decoding: Decoding) -> Iterator[str]:
    """The input as pieces of about `CHUNK_CHARS` characters, line ends made "\\n", for
    text that need not be split into lines (a line may be larger than memory allows)."""
    size = CHUNK_CHARS
    raw = (_stdin_chunks(head, size) if name == STDIN_NAME
           else _file_chunks(path, name, decoding, size))
    held = ""  # a carriage return that ends a chunk may start a CR LF
    for chunk in raw:
        chunk = held + chunk
        held = "\r" if chunk.endswith("\r") else ""
        yield chunk[:len(chunk) - len(held)].replace("\r\n", "\n").replace("\r", "\n")
    if held:
        yield "\n"


def read_all(path: str | Path, name: str, head: str, decoding: Decoding,
             limit: int | None = None) -> str:
    """The whole input as text (for formats read as one piece: HTML, XML, LaTeX); with a
    `limit`, reading stops past that many characters (the caller refuses the input)."""
    held, length = [], 0
    for chunk in chunks(path, name, head, decoding):
        held.append(chunk)
        length += len(chunk)
        if limit is not None and length > limit:
            break
    return "".join(held)


def with_decoding_warning(found: Iterator[Document | DocumentError], decoding: Decoding,
                          name: str) -> Iterator[Document | DocumentError]:
    yield from found
    if decoding.first_bad_line is not None:
        yield DocumentError(source=name, line=decoding.first_bad_line, severity="warning",
                            message="invalid UTF-8 replaced by U+FFFD from this line on")


def _stdin_lines(head: str) -> Iterator[str]:
    """The head already taken from stdin, then the rest of it."""
    taken = list(io.StringIO(head, newline=""))
    if taken and not taken[-1].endswith(("\n", "\r")):
        taken[-1] += guard(sys.stdin.readline, STDIN_NAME, len(taken))
    yield from taken
    yield from _guarded(sys.stdin, STDIN_NAME, len(taken))


def _open(path: str | Path, name: str) -> io.TextIOWrapper:
    try:
        return open(path, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _file_lines(path: str | Path, name: str, decoding: Decoding) -> Iterator[str]:
    """Lines of a file; invalid UTF-8 becomes U+FFFD, noted in `decoding` for a warning."""
    stream = _open(path, name)
    with stream:
        for number, line in enumerate(stream, 1):
            if decoding.first_bad_line is None and "\ufffd" in line:
                decoding.first_bad_line = number
            if not number % 32:  # a system call: not on every line
                decoding.bytes_read = stream.buffer.tell()  # a chunk ahead at most
            yield line


def _stdin_chunks(head: str, size: int) -> Iterator[str]:
    yield head
    while chunk := guard(lambda: sys.stdin.read(size), STDIN_NAME, 0):
        yield chunk


def _file_chunks(path: str | Path, name: str, decoding: Decoding, size: int
                 ) -> Iterator[str]:
    """`_file_lines` in pieces of `size` characters."""
    stream = _open(path, name)
    with stream:
        line = 1
        while chunk := stream.read(size):
            if decoding.first_bad_line is None and "\ufffd" in chunk:
                decoding.first_bad_line = line + chunk.count("\n", 0, chunk.index("\ufffd"))
            line += chunk.count("\n")
            decoding.bytes_read = stream.buffer.tell()
            yield chunk


def _guarded(source: Iterable[str], name: str, done: int) -> Iterator[str]:
    """Lines, with a decoding failure turned into an `InputError` naming the input."""
    it = iter(source)
    while True:
        line = guard(lambda: next(it, None), name, done)
        if line is None:
            return
        done += 1
        yield line


def guard(read, name: str, done: int):
    try:
        return read()
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text after line {done}: {exc.reason}") from None


def unix(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2] + "\n"
    return line[:-1] + "\n" if line.endswith("\r") else line
