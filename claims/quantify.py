"""Turn a matched item's text into a value, a range and a canonical unit."""

from __future__ import annotations

from typing import NamedTuple

from claims import numbers, units
from claims.match import Item


class Reading(NamedTuple):
    value: float | None
    value_max: float | None
    unit: str


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
    captured = item.group("u")
    unit = units.canonical_unit(captured[1]) if captured else mark or rule.unit or ""
    if value is not None:
        value *= rule.sign
    if value_max is not None:
        value_max *= rule.sign
        if value is not None and value_max < value:
            value, value_max = value_max, value
    return Reading(value, value_max, unit)
