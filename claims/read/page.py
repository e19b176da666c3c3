"""Scraped listing pages (Hugging Face trending and daily papers).

A listing page is blocks separated by blank lines: navigation and metadata lines
("new", "Subscribe", dates, "Submitted by ...", upvote counts) are skipped, then each
title is a short single line and its abstract the block after it; a title followed by
another title has no abstract.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from claims.model import Document, DocumentError
from claims.read.lines import unix

#: Lines of the scraped listing pages that are navigation, not papers.
NAV_LINES = frozenset({
    "new", "Get trending papers in your email inbox!", "Subscribe",
    "byAK and the research community", "Trending Papers", "Daily Papers",
    "Upvote", "Upvoted", "View all", "Previous", "Next", "Papers", "Collections",
})
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
#: Metadata lines of a listing: dates, submitters, counts of upvotes, stars, comments.
_META = re.compile(
    rf"(?:Published on |Submitted on |Updated )?{_MONTH} \d{{1,2}}(?:, \d{{4}})?"
    r"|Submitted by \S.{0,80}"
    r"|[\d.,]+[kKmM]?(?: (?:upvotes?|stars?|comments?|authors?))?"
    r"|[·•|\-–—]+"
    r"|\W{0,3}\s*(?:GitHub|arXiv|Paper page|Code)\s*\W{0,3}",
)
_MAX_TITLE = 300


def read_page(lines: Iterable[str], name: str,
              prefix: str) -> Iterator[Document | DocumentError]:
    """Title / abstract pairs in page order; a title followed by a title has no abstract."""
    count = 0
    pending: tuple[int, str] | None = None  # (line, title) awaiting its abstract

    def make(line: int, title: str, abstract: str | None = None) -> Document:
        nonlocal count
        count += 1
        fields = {"title": title} if abstract is None else {"title": title, "abstract": abstract}
        return Document(id=f"{prefix}-{count:03d}", fields=fields, source=name, line=line)

    for lineno, text, nlines in paragraphs(lines):
        if is_nav(text, nlines):
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


def paragraphs(lines: Iterable[str]) -> Iterator[tuple[int, str, int]]:
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


def is_nav(text: str, nlines: int) -> bool:
    """Navigation and metadata lines of a listing page, which are not papers.

    >>> is_nav("Jan 3, 2024", 1), is_nav("Subscribe", 1), is_nav("LLaMA", 1)
    (True, True, False)
    >>> is_nav("Submitted by akhaliq", 1), is_nav("1.2k", 1), is_nav("Published on Mar 3", 1)
    (True, True, True)
    """
    line = text.strip()
    return nlines == 1 and (line in NAV_LINES or bool(_META.fullmatch(line)))


def _is_title(text: str, nlines: int) -> bool:
    """A short single line that does not read as sentences."""
    line = text.strip()
    return (nlines == 1 and len(line) <= _MAX_TITLE and not line.endswith(".")
            and ". " not in line)


def looks_like_page(head: str) -> bool:
    """Known page navigation, or at least two title/abstract pairs and nothing else."""
    pairs = orphans = 0
    after_title = False
    for _, text, nlines in paragraphs(unix(line) for line in io.StringIO(head, newline="")):
        if is_nav(text, nlines):
            if text.strip() in NAV_LINES:
                return True
            continue
        if _is_title(text, nlines):
            after_title = True
        elif after_title:
            pairs, after_title = pairs + 1, False
        else:
            orphans += 1
    return pairs >= 2 and not orphans
