"""Sentence spans of normalized text: where rules look and what claims cite."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

import regex

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
        for end in _SENTENCE_END.finditer(text):
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


def clause_around(text: str, sentence: Span, start: int, end: int) -> Span:
    """The clause of `sentence` that holds `text[start:end]` (the whole span, should it
    cross a clause break).

    >>> t = "It is 3x faster on A100, while the baseline needs 8 GPUs; we also save 40%."
    >>> [t[slice(*clause_around(t, (0, len(t)), t.index(v), t.index(v) + 2))]
    ...  for v in ("3x", "8 ", "40")]
    ['It is 3x faster on A100', 'while the baseline needs 8 GPUs', 'we also save 40%.']
    """
    low, high = sentence
    for brk in _CLAUSE_END.finditer(text, low, high):
        if brk.end() <= start:
            low = brk.end()
        elif brk.start() >= end:
            high = brk.start()
            break
    return low, high
