"""Attach what a number is about: sentence, qualifier, metric, hardware, baseline, subject.

Context comes first from the rule's own groups (`m`, `hw`, `b`, `d`, `s`),
then from the words around the value in its sentence, then from the document
(the paper's method named in its title).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from claims.match import Item
from claims.rulepack import RuleSet

Span = tuple[int, int]

_ABBREVIATIONS = r"(?:e\.g|i\.e|et al|vs|Fig|Figs|Eq|Eqs|Sec|Tab|cf|approx|resp|etc|No|U\.S|w\.r\.t|ca)"
_SENTENCE_END = regex.compile(
    rf"(?<!\b{_ABBREVIATIONS})(?<!\b[A-Z])[.!?](?:[\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])",
    regex.VERSION1,
)

#: Qualifier spellings (before the number) -> normalized qualifier, longest first.
QUALIFIERS: dict[str, str] = {
    "up to": "up to", "as much as": "as much as", "as high as": "up to",
    "as many as": "up to", "a maximum of": "up to", "maximum of": "up to",
    "approximately": "about", "approx.": "about", "about": "about", "around": "about",
    "roughly": "about", "circa": "about", "~": "about", "≈": "about", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "over": "over", "more than": "over",
    "greater than": "over", "above": "over", "exceeding": "over", "beyond": "over",
    ">": "over", "at least": "at least", ">=": "at least", "no less than": "at least",
    "less than": "under", "fewer than": "under", "under": "under", "below": "under",
    "<": "under", "at most": "at most", "<=": "at most", "no more than": "at most",
    "as little as": "as little as", "as few as": "as little as", "only": None,
}
_QUALIFIER_BEFORE = regex.compile(
    r"(?i:(?<![\w])(?P<q>"
    + "|".join(regex.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r"))\s*(?:of\s+|by\s+)?$",
    regex.VERSION1,
)
_BASELINE_AFTER = regex.compile(
    r"^[^.;:]{0,80}?\b(?:over|than|compared\s+(?:to|with)|relative\s+to|vs\.?|versus|against)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<b>[^,.;:()]{1,60}?)(?=\s*(?:[,.;:()]|\band\b|\bon\b|\bwhile\b"
    r"|\bwhen\b|\bwith\b|\bin\b|\bfor\b|$))",
    regex.VERSION1,
)
_TITLE_NAME = regex.compile(r"^\s*(?P<s>[A-Z][\w\-.+]*(?:\s[A-Z0-9][\w\-.+]*){0,2})\s*:\s")


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
            spans.append((start, end.start() + 1 + len(end.group(0).rstrip()) - 1))
            start = end.end()
        if start < len(text) or not spans:
            spans.append((start, len(text.rstrip())))
        return cls(tuple(spans))

    def around(self, position: int) -> Span:
        index = max(bisect_right([s for s, _ in self.spans], position) - 1, 0)
        return self.spans[index]


def qualifier_before(text: str, position: int, floor: int) -> str | None:
    """The qualifier written just before `position` (not before `floor`).

    >>> qualifier_before("reaches up to 3x", 14, 0), qualifier_before("by ~3%", 4, 0)
    ('up to', 'about')
    """
    window = text[max(floor, position - 24):position]
    match = _QUALIFIER_BEFORE.search(window)
    return QUALIFIERS.get(match["q"].lower()) if match else None


def baseline_after(text: str, position: int, end: int) -> str | None:
    """`over X`, `than X`, `compared to X` after the value, within its sentence.

    >>> baseline_after("3.25x speedups over FP16 on A100.", 5, 33)
    'FP16'
    """
    match = _BASELINE_AFTER.match(text[position:end])
    return match["b"].strip() if match else None


def subject_from_title(title: str) -> str | None:
    """The method a title names before its colon (`GPTQ: Accurate ...` -> GPTQ).

    >>> subject_from_title("GPTQ: Accurate Post-Training Quantization"), subject_from_title("On X")
    ('GPTQ', None)
    """
    match = _TITLE_NAME.match(title)
    return match["s"] if match else None


@dataclass(frozen=True)
class Context:
    sentence: Span
    qualifier: str | None
    metric: str | None
    hardware: str | None
    baseline: str | None
    dataset: str | None
    subject: str | None


def attach(item: Item, text: str, sentences: Sentences, ruleset: RuleSet,
           doc_subject: str | None) -> Context:
    """Everything the claim of `item` says beside its number."""
    rule = item.rule.rule
    sentence = sentences.around(item.anchor[0])
    qualifier = rule.qualifier or qualifier_before(text, item.list_start, sentence[0])
    return Context(
        sentence=sentence,
        qualifier=qualifier,
        metric=_captured(item, "m") or rule.metric,
        hardware=_hardware(item, ruleset),
        baseline=_captured(item, "b") or baseline_after(text, item.match_span[1], sentence[1]),
        dataset=_captured(item, "d"),
        subject=_captured(item, "s") or doc_subject,
    )


def _captured(item: Item, name: str) -> str | None:
    found = item.group(name)
    return " ".join(found[1].split()) if found else None


def _hardware(item: Item, ruleset: RuleSet) -> str | None:
    found = item.group("hw")
    if found:
        return ruleset.canonical_device(found[1]) or " ".join(found[1].split())
    return item.rule.rule.hardware
