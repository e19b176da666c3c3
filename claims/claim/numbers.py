"""The value of a rule's captured number (`v` group), read by the one number grammar
of the quantity layer (`claims.quantity`): no second grammar lives here.

A capture is a number with an optional factor or percent mark, a range (`41-137times`,
`100K to 10M`), or two numbers a rule reads as a range (`2x and 3x` after `between`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from claims.normalize import normalize
from claims.quantity import find
from claims.quantity.numbers import MULTIPLIERS, ONES, SCALES, SUFFIXES, TEENS, TENS

#: Number words, for the rules' quick checks (which sentences may hold a number).
NUMBER_WORDS: dict[str, float] = {**ONES, **TEENS, **TENS, "zero": 0, "hundred": 100,
                                  "dozen": 12}
#: Magnitude words and suffixes (`175B`, `270k`, `1 Trillion`).
MAGNITUDES: dict[str, float] = {**SUFFIXES, **SCALES}
#: Words that are a factor or a share by themselves ("doubles", "halve").
MULTIPLIER_WORDS: dict[str, tuple[float, str]] = MULTIPLIERS

#: A magnitude letter a space away from its number, in a capture that a rule made a
#: size (`1.44 M parameters`): the quantity layer reads only fused ones.
_SPACED_MAGNITUDE = regex.compile(r"(\d)\s([MB])(?![A-Za-z\d])", regex.VERSION1)
#: What may stand between the two numbers of a capture read as a range.
_RANGE_WORDS = regex.compile(r"\s?(?:and|to|or|-|~)\s?", regex.VERSION1)


#: A scale word a rule captured alone (`hundreds`-free: `a trillion` written `trillion`).
_SCALE_ALONE = {**SCALES, "hundred": 100.0}


class Value(NamedTuple):
    """A parsed value: a number, or a range when `value_max` is set, with its mark."""

    value: float
    value_max: float | None
    unit: str  # "x", "%" or "" when the text carries no mark of its own


@lru_cache(maxsize=8192)
def parse_value(text: str) -> Value | None:
    """A number or a range, as one `Value`; None when the text is not a number. Cached:
    the same captures (`2x`, `40GB`) recur across documents.

    >>> parse_value("41-137times"), parse_value("2x and 3x")
    (Value(value=41.0, value_max=137.0, unit='x'), Value(value=2.0, value_max=3.0, unit='x'))
    >>> parse_value("7-70B"), parse_value("1,800+ times")
    (Value(value=7000000000.0, value_max=70000000000.0, unit=''), Value(value=1800.0, \
value_max=None, unit='x'))
    """
    text = _SPACED_MAGNITUDE.sub(r"\1\2", text)  # `1.44 M` as a rule captured it: 1.44M
    found = find(normalize(text.strip()), filtered=False)[0]  # the rule chose the number
    if len(found) == 2 and _RANGE_WORDS.fullmatch(text, found[0].end, found[1].start):
        low, high = found
        if low.unit and high.unit and low.unit != high.unit:
            return None
        return Value(low.value, high.value, _mark(high.unit or low.unit))
    if not found and text.strip().lower() in _SCALE_ALONE:  # `trillion tokens` in a rule
        return Value(_SCALE_ALONE[text.strip().lower()], None, "")
    if len(found) != 1:
        return None
    return Value(found[0].value, found[0].value_max, _mark(found[0].unit))


def parse_single(text: str) -> Value | None:
    """One number with an optional mark; None for a range or no number.

    >>> parse_single("3.25x"), parse_single("halve")
    (Value(value=3.25, value_max=None, unit='x'), Value(value=50.0, value_max=None, unit='%'))
    """
    value = parse_value(text)
    return value if value is not None and value.value_max is None else None


def parse_number(text: str) -> float | None:
    """A plain number (no mark).

    >>> parse_number("8,000"), parse_number("175B"), parse_number("one hundred and two")
    (8000.0, 175000000000.0, 102.0)
    """
    value = parse_single(text)
    return None if value is None or value.unit else value.value


def _mark(unit: str) -> str:
    return unit if unit in ("x", "%") else ""
