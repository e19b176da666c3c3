"""Numbers as papers write them, parsed by small pure functions.

Every function takes the text a rule captured (already normalized: `×` is `x`,
dashes and minus signs are `-`, `\\%` is `%`) and returns plain floats. Units
other than the factor and percent marks are the business of `claims.quantity.units`.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

#: Number words a paper spells out instead of digits.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

#: Magnitude words and suffixes (`175B`, `270k`, `1 Trillion`).
MAGNITUDES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "thousand": 1e3,
    "M": 1e6, "million": 1e6, "mn": 1e6,
    "B": 1e9, "billion": 1e9, "bn": 1e9, "G": 1e9,
    "T": 1e12, "trillion": 1e12,
}

#: Words that are a factor or a share by themselves ("doubles", "halve").
MULTIPLIER_WORDS: dict[str, tuple[float, str]] = {
    "double": (2, "x"), "doubles": (2, "x"), "doubled": (2, "x"), "doubling": (2, "x"),
    "twice": (2, "x"),
    "triple": (3, "x"), "triples": (3, "x"), "tripled": (3, "x"), "tripling": (3, "x"),
    "thrice": (3, "x"),
    "quadruple": (4, "x"), "quadruples": (4, "x"), "quadrupled": (4, "x"),
    "half": (50, "%"), "halve": (50, "%"), "halves": (50, "%"), "halved": (50, "%"),
    "halving": (50, "%"),
}

_DIGITS = r"(?:\d{1,3}(?:,\s?\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
_MAGNITUDE = r"[kKMBGT](?![a-zA-Z])|thousand|million|billion|trillion|bn|mn"
_PLAIN = regex.compile(
    rf"(?P<digits>{_DIGITS})\s*-?\s*(?P<mag>{_MAGNITUDE})?", regex.IGNORECASE | regex.VERSION1
)
_SCIENTIFIC = regex.compile(
    rf"(?:(?P<mant>{_DIGITS})\s*(?:x|\*|\\cdot|\\times)\s*)?10\s*\^\s*\{{?\s*(?P<exp>[-+]?\d+)\s*\}}?"
    rf"|(?P<emant>{_DIGITS})[eE](?P<eexp>[-+]?\d+)",
    regex.VERSION1,
)
_WORDS = regex.compile(
    r"(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]?(?P<unit>one|two|three"
    r"|four|five|six|seven|eight|nine)|(?P<word>[a-z]+)(?:\s*-?\s*(?P<mag>thousand|million|billion"
    r"|trillion|hundred))?",
    regex.IGNORECASE | regex.VERSION1,
)
_FRACTION = regex.compile(r"(?P<num>\d{1,3})\s?/\s?(?P<den>\d{1,3})(?:st|nd|rd|th)?",
                          regex.VERSION1)
_FACTOR_MARK = r"x|X|times|-?\s*fold"
_MARK = regex.compile(rf"\s*(?:(?P<factor>{_FACTOR_MARK})|(?P<percent>%|percent\b))$",
                      regex.VERSION1)
_RANGE_SEPARATOR = regex.compile(r"\s*(?:-|to|~|and|or)\s*", regex.VERSION1)


class Value(NamedTuple):
    """A parsed value: a number, or a range when `value_max` is set, with its mark."""

    value: float
    value_max: float | None
    unit: str  # "x", "%" or "" when the text carries no mark of its own


def _magnitude(word: str | None) -> float:
    if not word:
        return 1.0
    return MAGNITUDES.get(word, MAGNITUDES.get(word.lower(), 1.0))


_SEPARATORS = regex.compile(r"[,\s]")


def _digits(text: str) -> float:
    return float(_SEPARATORS.sub("", text))


def parse_number(text: str) -> float | None:
    """A number written with digits, words, separators, exponents or magnitudes.

    >>> parse_number("8,000"), parse_number("200, 000"), parse_number("+6.819")
    (8000.0, 200000.0, 6.819)
    >>> parse_number("-3"), parse_number("1e9"), parse_number("10^23"), parse_number("10^{23}")
    (-3.0, 1000000000.0, 1e+23, 1e+23)
    >>> parse_number("175B"), parse_number("4K"), parse_number("1.5k"), parse_number("22 Billion")
    (175000000000.0, 4000.0, 1500.0, 22000000000.0)
    >>> parse_number("557-million"), parse_number("ten"), parse_number("one trillion")
    (557000000.0, 10.0, 1000000000000.0)
    >>> parse_number("twenty-five"), parse_number("a few") is None, parse_number("") is None
    (25.0, True, True)
    >>> parse_number("1/4"), parse_number("1/7th")
    (0.25, 0.14285714285714285)
    """
    text = text.strip()
    sign = 1.0
    if text and text[0] in "+-":
        sign = -1.0 if text[0] == "-" else 1.0
        text = text[1:].lstrip()
    if not text:
        return None
    number = _parse_unsigned(text)
    return None if number is None else sign * number


def _parse_unsigned(text: str) -> float | None:
    if m := _FRACTION.fullmatch(text):
        return int(m["num"]) / int(m["den"]) if int(m["den"]) else None
    if m := _SCIENTIFIC.fullmatch(text):
        if m["exp"] is not None:
            mantissa = _digits(m["mant"]) if m["mant"] else 1.0
            return float(f"{mantissa!r}e{int(m['exp'])}")
        return float(f"{_digits(m['emant'])!r}e{int(m['eexp'])}")
    if m := _PLAIN.fullmatch(text):
        return _digits(m["digits"]) * _magnitude(m["mag"])
    if m := _WORDS.fullmatch(text):
        if m["tens"]:
            return NUMBER_WORDS[m["tens"].lower()] + NUMBER_WORDS[m["unit"].lower()]
        word = m["word"].lower()
        if word in NUMBER_WORDS:
            mag = 100.0 if (m["mag"] or "").lower() == "hundred" else _magnitude(m["mag"])
            return NUMBER_WORDS[word] * mag
        if word in MAGNITUDES and not m["mag"]:  # "a trillion" written as "trillion"
            return MAGNITUDES[word]
    return None


def parse_single(text: str) -> Value | None:
    """One number with an optional factor or percent mark.

    >>> parse_single("3.25x"), parse_single("41times"), parse_single("ten-fold")
    (Value(value=3.25, value_max=None, unit='x'), Value(value=41.0, value_max=None, unit='x'), \
Value(value=10.0, value_max=None, unit='x'))
    >>> parse_single("24.2%"), parse_single("tripling"), parse_single("halve")
    (Value(value=24.2, value_max=None, unit='%'), Value(value=3, value_max=None, unit='x'), \
Value(value=50, value_max=None, unit='%'))
    >>> parse_single("175B"), parse_single("1,800+ times")
    (Value(value=175000000000.0, value_max=None, unit=''), Value(value=1800.0, value_max=None, \
unit='x'))
    """
    text = text.strip()
    word = text.lower()
    if word in MULTIPLIER_WORDS:
        value, unit = MULTIPLIER_WORDS[word]
        return Value(value, None, unit)
    unit = ""
    if m := _MARK.search(text):
        unit = "x" if m["factor"] else "%"
        text = text[: m.start()]
    number = parse_number(text.removesuffix("+"))  # "1,800+ times": at least the number
    return None if number is None else Value(number, None, unit)


def parse_value(text: str) -> Value | None:
    """A number or a range, as one `Value`; None when the text is not a number.

    >>> parse_value("41-137times")
    Value(value=41.0, value_max=137.0, unit='x')
    >>> parse_value("1.7x-2.4x"), parse_value("90-95%")
    (Value(value=1.7, value_max=2.4, unit='x'), Value(value=90.0, value_max=95.0, unit='%'))
    >>> parse_value("2x and 3x")
    Value(value=2.0, value_max=3.0, unit='x')
    >>> parse_value("100K to 10M")
    Value(value=100000.0, value_max=10000000.0, unit='')
    >>> parse_value("2.35x ~ 3.47x"), parse_value("-11.97%")
    (Value(value=2.35, value_max=3.47, unit='x'), Value(value=-11.97, value_max=None, unit='%'))
    >>> parse_value("0.27%-0.35%")
    Value(value=0.27, value_max=0.35, unit='%')
    >>> parse_value("7-70B")
    Value(value=7000000000.0, value_max=70000000000.0, unit='')
    """
    single = parse_single(text)
    if single is not None:
        return single
    for sep in _RANGE_SEPARATOR.finditer(text):
        if sep.start() == 0:
            continue
        low, high = parse_single(text[: sep.start()]), parse_single(text[sep.end():])
        if low is None or high is None or (low.unit and high.unit and low.unit != high.unit):
            continue
        scale = _shared_magnitude(text[: sep.start()], text[sep.end():])
        return Value(low.value * scale, high.value, high.unit or low.unit)
    return None


def _shared_magnitude(low_text: str, high_text: str) -> float:
    """`7-70B`: a magnitude written once after a range applies to both ends."""
    return 1.0 if _magnitude_of(low_text) != 1.0 else _magnitude_of(high_text)


def _magnitude_of(text: str) -> float:
    text = _MARK.sub("", text.strip())
    m = _PLAIN.fullmatch(text.lstrip("+-"))
    return _magnitude(m["mag"]) if m else 1.0
