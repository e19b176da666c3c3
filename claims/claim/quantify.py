"""Turn a matched item's text into a value, a range and a canonical unit."""

from __future__ import annotations

from typing import Literal, NamedTuple

from claims.claim import numbers
from claims.claim.match import Item
from claims.quantity import units

#: The rule's `u` group, the mark on the number (`x`, `%`), the rule's unit, nothing, or
#: the quantity layer (claims that cues decided).
UnitSource = Literal["captured", "mark", "rule", "none", "quantity"]


class Reading(NamedTuple):
    value: float | None
    value_max: float | None
    unit: str
    unit_from: UnitSource = "none"  # where the unit came from, for `claims explain`


def read_item(item: Item) -> Reading | None:
    """The item's value and unit; None when its text is not a number after all.

    The unit comes from the unit the rule captured (`u`), else the mark on the
    number (`x`, `%`), else the rule's default unit.
    """
    rule = item.rule.rule
    if item.value_text is None:
        value, value_max, mark = rule.value, None, ""
    else:
        parsed = numbers.parse_value(item.value_text)
        if parsed is None:
            return None
        value, value_max, mark = parsed
    unit, unit_from = _unit(item, mark)
    if value is not None:
        value *= rule.sign
    if value_max is not None:  # a negative range keeps the text's order (`2-3x slower`)
        value_max *= rule.sign
    return Reading(value, value_max, unit, unit_from)


def _unit(item: Item, mark: str) -> tuple[str, UnitSource]:
    captured = item.group("u")
    if captured:
        return units.canonical_unit(captured[1]), "captured"
    if mark:
        return mark, "mark"
    if item.rule.rule.unit:
        return item.rule.rule.unit, "rule"
    return "", "none"
