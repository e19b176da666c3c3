"""Section names of full-text papers, shared by the HTML, LaTeX and PDF readers.

A document's fields are its parts in reading order: `title`, `abstract`, then one
field per top-level section named by its heading in lower case without its number
(`introduction`, `related work`, `experiments`, ...); a repeated name gets ` 2`.
"""

from __future__ import annotations

import re
from collections.abc import Container

#: Headings of paper sections, for telling a heading from a line of text (PDF) or a
#: page's other headings (HTML); numbered headings count whatever their words.
KNOWN_SECTIONS = re.compile(
    r"(?:abstract|introduction|related works?|background|preliminaries|motivation"
    r"|methods?|methodology|approach|our approach|method overview|model|models"
    r"|experiments?|experimental (?:setup|results|evaluation)|evaluation|results"
    r"|results and discussion|analysis|ablations?(?: stud(?:y|ies))?|discussion"
    r"|conclusions?(?: and future work)?|limitations|future work|broader impacts?"
    r"|acknowledge?ments|references|bibliography|appendix|appendices|summary)",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-H]\.(?:\d+\.?)*"
                        r"|Appendix [A-H]\.?)\s+")
#: Sections whose numbers are not claims: years and pages of cited works.
SKIPPED = frozenset({"references", "bibliography", "acknowledgments", "acknowledgements"})


def section_name(heading: str) -> str:
    """The field name of a section heading.

    >>> section_name("1 Introduction"), section_name("4.  Experimental Results ")
    ('introduction', 'experimental results')
    >>> section_name("II. RELATED WORK")
    'related work'
    """
    text = _NUMBERING.sub("", " ".join(heading.split()))
    return text.strip(" .:").lower()


def is_numbered(heading: str) -> bool:
    """A heading with a section number (`3`, `3.1`, `III.`, `A.`) before its words."""
    return bool(_NUMBERING.match(heading)) and bool(re.search(r"[A-Za-z]{3}", heading))


def is_known(heading: str) -> bool:
    return bool(KNOWN_SECTIONS.fullmatch(section_name(heading)))


def add_section(fields: dict[str, str], name: str, text: str, counts: dict[str, int]) -> None:
    """Add a section's text under its name; empty ones and skipped ones are left out.
    `counts` remembers how often each name was given, so names stay cheap to make
    unique however many sections repeat one."""
    text = text.strip()
    if text and name and name not in SKIPPED:
        fields[unique_name(name, fields, counts)] = text


def unique_name(name: str, taken: Container[str], counts: dict[str, int]) -> str:
    """`name`, or `name 2`, `name 3`, ... when taken.

    >>> counts = {}
    >>> [unique_name("results", {"results", "results 2"}, counts) for _ in range(2)]
    ['results 3', 'results 3']
    """
    number = counts.get(name, 1)
    unique = name if number == 1 else f"{name} {number}"
    while unique in taken:
        number += 1
        unique = f"{name} {number}"
    counts[name] = number
    return unique


_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:)])")


def close_up_punctuation(text: str) -> str:
    """No space before punctuation, where removed markup (a tag, a citation) left one.

    >>> close_up_punctuation("as shown in  , and (see )")
    'as shown in, and (see)'
    """
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)
