"""The claim layer's second way in: quantities no specific rule took become claims by
their cue lexicons (`claims.cues`), as items the context step reads like any other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from claims.cues import decide
from claims.match import Item
from claims.model import Kind
from claims.quantity import Quantity
from claims.rulepack import CompiledRule, Rule
from claims.sentences import Clauses

Span = tuple[int, int]


@dataclass(frozen=True)
class CueItem:
    """An item decided by cues, with the quantity it reads and how sure the cue is."""

    item: Item
    quantity: Quantity
    confidence: str


@dataclass(frozen=True)
class LeftOut:
    """A quantity that became no claim, and why."""

    quantity: Quantity
    reason: str


@cache
def cue_rule(kind: Kind) -> CompiledRule:
    """A rule-shaped record for claims that cues decided: its id names the way in."""
    rule = Rule.model_construct(
        id=f"cue.{kind.value}", pattern="", kind=kind, priority=0, unit=None, value=None,
        sign=1, qualifier=None, metric=None, hardware=None, anchor="value", reading="change",
        exclusive=False, examples=[], negatives=[])
    return CompiledRule(rule, kind, None, 10**9, "rules/cues.yaml", False)


def without_money(items: list[Item], found: Iterable[Quantity]) -> list[Item]:
    """Rule items whose number is part of an amount of money (`$4.6M` is no model size)."""
    money = [q.span for q in found if q.dimension.startswith("currency")]
    if not money:
        return items
    return [item for item in items if not any(
        start <= item.anchor[0] and item.anchor[1] <= end for start, end in money)]


def cue_items(text: str, clauses: Clauses, items: list[Item],
              found: list[Quantity]) -> tuple[list[CueItem], list[LeftOut]]:
    """Claims for the quantities no rule item covers, and the ones left out."""
    taken = [span for item in items for span in (item.anchor, item.match_span)]
    decided: list[CueItem] = []
    left: list[LeftOut] = []
    for quantity in found:
        if any(_overlap(quantity.number_span, span) for span in taken):
            continue
        start, end = clauses.around(*quantity.number_span)
        decision = decide(quantity, text[start:end], quantity.number_span[0] - start)
        if decision.kind is None:
            left.append(LeftOut(quantity, decision.reason))
            continue
        item = Item(cue_rule(decision.kind), quantity.span, quantity.number_span, quantity.span,
                    text[quantity.span[0]:quantity.span[1]], 0, 1, quantity.number_span[0], {})
        decided.append(CueItem(item, quantity, decision.confidence))
    return decided, left


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
