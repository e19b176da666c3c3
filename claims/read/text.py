"""Plain text files, read in parts so that a huge one is never held whole.

A text file is one document. One longer than `PART_CHARS` is read as consecutive parts
of that document, cut at sentence ends: each part has the document's id and the
offset where it starts, so claims keep offsets into the whole text, and memory stays
bounded whatever the file's size (a 100 MB single line would otherwise be held
twice over while it is read).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from claims.model import Document, DocumentError

#: Characters of text above which a text file is read as parts.
PART_CHARS = 1_000_000


def sentence_cut(window: str) -> int:
    """Where to end a piece of `window`: after its last sentence end or line break,
    else after its last space, else at its end.

    >>> sentence_cut("One. Two"), sentence_cut("One\\nTwo"), sentence_cut("one two")
    (5, 4, 4)
    >>> sentence_cut("onetwo")
    6
    """
    cut = max(window.rfind(". ") + 2, window.rfind("\n") + 1)
    return cut if cut > 1 else (window.rfind(" ") + 1 or len(window))


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """`text` cut into pieces of at most `size` characters by `sentence_cut`, with each
    piece's offset.

    >>> list(pieces("One. Two. Three.", 10))
    [(0, 'One. Two. '), (10, 'Three.')]
    """
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = sentence_cut(window)
        yield start, window[:cut]
        start += cut
    yield start, text[start:]


def parts(chunks: Iterable[str], size: int) -> Iterator[str]:
    """The text of `chunks` cut as `pieces` cuts it, holding little more than `size`
    characters at a time.

    >>> list(parts(["One. Tw", "o. Three."], 10))
    ['One. Two. ', 'Three.']
    """
    held: list[str] = []
    length = 0
    for chunk in chunks:
        held.append(chunk)
        length += len(chunk)
        if length > size:
            rest = "".join(held)
            while len(rest) > size:
                cut = sentence_cut(rest[:size])
                yield rest[:cut]
                rest = rest[cut:]
            held, length = [rest], len(rest)
    yield "".join(held)


def read_text(chunks: Iterable[str], name: str, stem: str) -> Iterator[Document | DocumentError]:
    """The document of a text file, in parts when it is longer than `PART_CHARS`; its
    trailing white space is dropped."""
    offset, line, last, kept = 0, 1, None, False
    for part in parts(chunks, PART_CHARS):
        if last is not None and not last.isspace():
            yield _part(last, name, stem, offset, line)
            kept = True
        if last is not None:
            offset, line = offset + len(last), line + last.count("\n")
        last = part
    last = (last or "").rstrip()
    if last:
        yield _part(last, name, stem, offset, line)
    elif not kept:
        yield DocumentError(source=name, line=1, doc_id=stem, message="no text: empty file")


def _part(text: str, name: str, stem: str, offset: int, line: int) -> Document:
    return Document(id=stem, fields={"text": text}, source=name, line=line, offset=offset)
