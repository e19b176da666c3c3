"""Parsing numbers as papers write them: claims.claim.numbers, over the one number grammar.

The parse functions see normalized text (`×` is already `x`, dashes are `-`).
"""

from __future__ import annotations

import pytest

from claims.claim.numbers import Value, parse_number, parse_single, parse_value


@pytest.mark.parametrize(("text", "expected"), [
    # digits, separators and decimals
    ("42", 42.0),
    ("8,000", 8000.0),
    ("200, 000", 200000.0),
    ("1,234,567", 1234567.0),
    ("13,28,604", 1328604.0),  # lakhs (real37-032)
    ("1,23,45,678", 12345678.0),  # crores
    ("3.5", 3.5),
    ("0.001", 0.001),
    (".5", 0.5),
    # signs
    ("+6.819", 6.819),
    ("-3", -3.0),
    # scientific notation
    ("1e9", 1e9),
    ("1.5e-3", 1.5e-3),
    ("10^23", 1e23),
    ("10^{23}", 1e23),
    ("10 ^ {23}", 1e23),
    ("2 x 10^9", 2e9),
    ("2x10^9", 2e9),
    ("2.5 x 10^{-3}", 2.5e-3),
    ("2^16", 65536.0),
    ("8x2^10", 8192.0),
    # magnitudes
    ("175B", 175e9),
    ("4K", 4e3),
    ("270k", 270e3),
    ("1.5k", 1500.0),
    ("1.9M", 1.9e6),
    ("22 Billion", 22e9),
    ("1 Trillion", 1e12),
    ("557-million", 557e6),
    ("3 thousand", 3e3),
    # number words
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("ten", 10.0),
    ("Twelve", 12.0),
    ("twenty", 20.0),
    ("twenty-five", 25.0),
    ("twenty five", 25.0),
    ("hundred", 100.0),
    ("one hundred", 100.0),
    ("dozen", 12.0),
    ("one trillion", 1e12),
    ("fifty million", 50e6),
    ("trillion", 1e12),
    # a fraction added to a whole; `&` for `and`
    ("two and a half", 2.5),
    ("3 and a quarter", 3.25),
    ("two and a half million", 2.5e6),
    ("three million, two hundred & forty", 3000240.0),
])
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("word", "expected"), [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6),
    ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12),
    ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16),
    ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
])
def test_number_words_one_to_twenty(word: str, expected: int) -> None:
    assert parse_number(word) == expected
    assert parse_number(word.capitalize()) == expected


@pytest.mark.parametrize("text", ["GPT", "a few", "several", "x", "%", "+", "-", "3.2.1", "v2"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_empty_text_is_not_a_number() -> None:
    assert parse_number("") is None
    assert parse_single("") is None
    assert parse_value("") is None
    assert parse_single("x") is None


@pytest.mark.parametrize(("text", "expected"), [
    # factor marks
    ("3.25x", Value(3.25, None, "x")),
    ("3.25 X", Value(3.25, None, "x")),
    ("41times", Value(41.0, None, "x")),
    ("3 times", Value(3.0, None, "x")),
    ("10-fold", Value(10.0, None, "x")),
    ("10 fold", Value(10.0, None, "x")),
    ("ten-fold", Value(10.0, None, "x")),
    # percent marks
    ("24.2%", Value(24.2, None, "%")),
    ("24.2 %", Value(24.2, None, "%")),
    ("5 percent", Value(5.0, None, "%")),
    ("-11.97%", Value(-11.97, None, "%")),
    # no mark of its own
    ("175B", Value(175e9, None, "")),
    ("8,000", Value(8000.0, None, "")),
    # multiplier words
    ("half", Value(50, None, "%")),
    ("Half", Value(50, None, "%")),
    ("halve", Value(50, None, "%")),
    ("halved", Value(50, None, "%")),
    ("double", Value(2, None, "x")),
    ("twice", Value(2, None, "x")),
    ("doubles", Value(2, None, "x")),
    ("triple", Value(3, None, "x")),
    ("tripling", Value(3, None, "x")),
    ("thrice", Value(3, None, "x")),
    ("quadrupled", Value(4, None, "x")),
])
def test_parse_single(text: str, expected: Value) -> None:
    assert parse_single(text) == expected


@pytest.mark.parametrize("text", ["GPT", "a few", "fast", "fold over"])
def test_parse_single_not_a_number(text: str) -> None:
    assert parse_single(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    # single values pass through
    ("3.25x", Value(3.25, None, "x")),
    ("-11.97%", Value(-11.97, None, "%")),
    ("tripling", Value(3, None, "x")),
    # ranges of factors
    ("41-137times", Value(41.0, 137.0, "x")),
    ("631-1074times", Value(631.0, 1074.0, "x")),
    ("2.0-2.2x", Value(2.0, 2.2, "x")),
    ("2-3x", Value(2.0, 3.0, "x")),
    ("1.7x-2.4x", Value(1.7, 2.4, "x")),
    ("2x and 3x", Value(2.0, 3.0, "x")),
    ("2.35x ~ 3.47x", Value(2.35, 3.47, "x")),
    ("5.3x to 15.2x", Value(5.3, 15.2, "x")),
    # ranges of percentages
    ("0.27%-0.35%", Value(0.27, 0.35, "%")),
    ("90-95%", Value(90.0, 95.0, "%")),
    ("25 to 30 percent", Value(25.0, 30.0, "%")),
    # ranges of amounts; a magnitude written once applies to both ends
    ("100K to 10M", Value(1e5, 1e7, "")),
    ("7-70B", Value(7e9, 70e9, "")),
    ("1.5-2B", Value(1.5e9, 2e9, "")),
    ("7B-70B", Value(7e9, 70e9, "")),
    ("3 or 4", Value(3.0, 4.0, "")),
    ("-3 to -1", Value(-3.0, -1.0, "")),
])
def test_parse_value(text: str, expected: Value) -> None:
    got = parse_value(text)
    assert got is not None
    assert got.unit == expected.unit
    assert got.value == pytest.approx(expected.value, rel=1e-12)
    if expected.value_max is None:
        assert got.value_max is None
    else:
        assert got.value_max == pytest.approx(expected.value_max, rel=1e-12)


@pytest.mark.parametrize("text", ["GPT", "a few", "GPT-4 and Llama", "5%-3x"])
def test_parse_value_not_a_number(text: str) -> None:
    assert parse_value(text) is None
