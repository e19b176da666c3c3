"""Sentence spans of normalized text: where rules look and what claims cite."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

import regex

from claims.claim.literals import matches_at, pattern_starts

Span = tuple[int, int]

_ABBREVIATIONS = (r"(?:e\.g|i\.e|et\sal|vs|Fig|Figs|Eq|Eqs|Sec|Tab|cf|approx|resp|etc|No|U\.S"
                  r"|w\.r\.t|ca|seq)")
_SENTENCE_END = regex.compile(
    rf"(?<!\b{_ABBREVIATIONS})(?<!\b[A-Z])[.!?](?:[\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])",
    regex.VERSION1,
)


@dataclass(frozen=True)
class Sentences:
    """Sentence spans of one text, for looking up the sentence around an offset."""

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, text: str) -> Sentences:
        """Split `text` into sentences, keeping `e.g.`, decimals and `et al.` inside.

        >>> t = "We use e.g. GPT-3. It is 3.5x faster than Fig. 2 shows. Done."
        >>> [t[s:e] for s, e in Sentences.of(t).spans]
        ['We use e.g. GPT-3.', 'It is 3.5x faster than Fig. 2 shows.', 'Done.']
        """
        spans: list[Span] = []
        start = 0
        for end in _sentence_ends(text):
            spans.append((start, end.start() + len(end.group(0).rstrip())))
            start = end.end()
        if start < len(text) or not spans:
            spans.append((start, len(text.rstrip())))
        return cls(tuple(spans))

    def around(self, position: int) -> Span:
        index = max(bisect_right(self.starts, position) - 1, 0)
        return self.spans[index]

    @cached_property
    def starts(self) -> list[int]:
        return [start for start, _ in self.spans]


#: Where a clause of a sentence ends: semicolons, colons, spaced dashes, and a comma
#: or space before a word that starts a new clause ("..., while X is 2x slower").
_CLAUSE_END = regex.compile(
    r";\s*|:\s+|\s[\u2014\u2013-]{1,2}\s"
    r"|,\s+(?=(?:while|whereas|but|although|though|yet|which|whereby|thereby)\b)"
    r"|\s(?=(?:while|whereas)\b)",
    regex.VERSION1,
)


#: Hyperscan patterns of ASCII text with which every `_CLAUSE_END` match starts (`\s` as
#: a class matching more than `regex` reads it; the dashes beyond ASCII left out).
_CLAUSE_END_OPENINGS = (
    ";", r":[\t-\r\x1c-\x1f ]", r"[\t-\r\x1c-\x1f ]-",
    r",[\t-\r\x1c-\x1f ]+(?:while|whereas|but|although|though|yet|which|whereby|thereby)",
    r"[\t-\r\x1c-\x1f ](?:while|whereas)",
)


def _clause_ends(text: str, start: int, end: int) -> list[regex.Match]:
    """The matches of `_CLAUSE_END.finditer(text, start, end)`, tried only where one of
    them may start, as one Hyperscan scan finds those places in ASCII text: a `regex`
    scan tried every character (every space may open two of its alternatives)."""
    starts = pattern_starts(_CLAUSE_END_OPENINGS, text[start:end])
    if starts is None:
        return list(_CLAUSE_END.finditer(text, start, end))
    return list(matches_at(_CLAUSE_END, text, [start + at for at in starts], end))


def _sentence_ends(text: str) -> list[regex.Match]:
    """The matches of `_SENTENCE_END.finditer(text)`, tried only at a `.`, `!` or `?`
    that `str.find` finds, and only where no letter or digit follows it (a match has a
    space, quote or bracket there): a decimal point is not tried, nor is a character
    that is none of the three, which the pattern's scan of every character was."""
    marks = sorted(at for mark in ".!?" for at in _positions(text, mark))
    found: list[regex.Match] = []
    reached = 0
    for at in marks:
        after = text[at + 1:at + 2]
        if at >= reached and after and not after.isalnum() and (
                end := _SENTENCE_END.match(text, at)):
            found.append(end)
            reached = end.end()
    return found


def _positions(text: str, char: str) -> list[int]:
    """Every position of `char` in `text`."""
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


class Clauses:
    """Clause spans of one text's sentences: the breaks of a sentence are found once,
    then each lookup is a bisection, so a huge sentence costs no more per value."""

    def __init__(self, text: str, sentences: Sentences) -> None:
        self.text = text
        self.sentences = sentences
        self._breaks: dict[Span, tuple[list[int], list[int]]] = {}

    def around(self, start: int, end: int) -> Span:
        """The clause that holds `text[start:end]` (the whole span, should it cross a
        clause break).

        >>> t = "It is 3x faster on A100, while the baseline needs 8 GPUs; we also save 40%."
        >>> clauses = Clauses(t, Sentences.of(t))
        >>> [t[slice(*clauses.around(t.index(v), t.index(v) + 2))] for v in ("3x", "8 ", "40")]
        ['It is 3x faster on A100', 'while the baseline needs 8 GPUs', 'we also save 40%.']
        """
        sentence = self.sentences.around(start)
        if sentence not in self._breaks:
            found = _clause_ends(self.text, *sentence)
            self._breaks[sentence] = ([b.start() for b in found], [b.end() for b in found])
        starts, ends = self._breaks[sentence]
        before = bisect_right(ends, start) - 1  # the last break that ends by `start`
        after = bisect_left(starts, end, lo=before + 1)  # the first that starts at `end`
        low = ends[before] if before >= 0 else sentence[0]
        high = starts[after] if after < len(starts) else sentence[1]
        return low, high
