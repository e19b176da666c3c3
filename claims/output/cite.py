"""Quotable sentences for claims, each once, with the numbers it holds and its source.

A sentence often states several numbers (`3.25x on A100 and 4.5x on A6000`); a writer
quotes it once, so claims are grouped by the sentence they stand in, and the quote
lists each number with its offsets.

>>> from claims.model import Claim
>>> sentence = "It runs 3.25x faster on A100 and 4.5x faster on A6000."
>>> found = [Claim(doc_id="p1", kind="speedup", value=v, unit="x", text=t, start=s,
...                end=s + len(t), sentence=sentence, rule="r", title="Fast")
...          for v, t, s in [(3.25, "3.25x", 8), (4.5, "4.5x", 33)]]
>>> print(markdown(quotes(found)[0]))
> "It runs 3.25x faster on A100 and 4.5x faster on A6000."
> — Fast (p1, abstract: 3.25x [8:13], 4.5x [33:37])
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claims.model import Claim


@dataclass(frozen=True)
class Quote:
    """One sentence of a document and the claims that stand in it, in reading order."""

    sentence: str
    claims: tuple[Claim, ...]

    @property
    def source(self) -> Claim:
        return self.claims[0]


def quotes(claims: Iterable[Claim]) -> list[Quote]:
    """The sentences of `claims`, each once, in the order their first claim comes; a
    claim without its sentence (an old claims file) is quoted by its own text."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        sentence = claim.sentence or claim.text
        members = groups.setdefault((claim.doc_id, claim.field, sentence), [])
        if all((c.start, c.end) != (claim.start, claim.end) for c in members):
            members.append(claim)
    return [Quote(sentence, tuple(sorted(members, key=lambda c: c.start)))
            for (_, _, sentence), members in groups.items()]


def markdown(quote: Quote) -> str:
    """A Markdown block quote: the sentence, then title, BibTeX key, document, field,
    each number with its offsets, and URL."""
    first = quote.source
    numbers = ", ".join(f"{c.text} [{c.start}:{c.end}]" for c in quote.claims)
    key = f" [@{first.bibkey}]" if first.bibkey else ""
    link = f" <{first.url}>" if first.url else ""
    return (f'> "{quote.sentence}"\n> — {first.title or first.doc_id}{key} '
            f"({first.doc_id}, {first.field}: {numbers}){link}\n")
