"""The number grammar: every way a paper writes a number, found and valued by one entry.

Each alternative of `NUMBER` is a named group, and `value_of` dispatches on the
group that matched, so recognising a number and valuing it never drift apart.
The text is the normalized copy (`claims.normalize`): `×` is `x`, dashes and the
minus sign are `-`, `\\%` is `%`, LaTeX math markers are gone.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache

import regex

try:
    import hyperscan
except ImportError:  # pragma: no cover - a platform without hyperscan wheels
    hyperscan = None

#: Number words and their values; `a` counts only before a scale (`a hundred`).
ONES = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Magnitude suffixes fused to digits (`175B`, `270k`, `1.3 bn`).
SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "b": 1e9, "bn": 1e9,
            "mn": 1e6}
#: Fractions spelled out: `two thirds`, `a quarter`.
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
#: Words that are a factor or a share by themselves, with the unit they imply.
MULTIPLIERS: dict[str, tuple[float, str]] = {
    "twice": (2, "x"), "thrice": (3, "x"),
    "double": (2, "x"), "doubles": (2, "x"), "doubled": (2, "x"), "doubling": (2, "x"),
    "triple": (3, "x"), "triples": (3, "x"), "tripled": (3, "x"), "tripling": (3, "x"),
    "quadruple": (4, "x"), "quadruples": (4, "x"), "quadrupled": (4, "x"),
    "quadrupling": (4, "x"),
    "half": (50, "%"), "halve": (50, "%"), "halves": (50, "%"), "halved": (50, "%"),
    "halving": (50, "%"),
}
DOZENS = {"dozen": 12, "score": 20}


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES, _TEENS, _TENS = _alternation(ONES), _alternation(TEENS), _alternation(TENS)
_SCALE = _alternation(SCALES)
#: Up to 99 in words: `seven`, `fifteen`, `twenty-five`, `ninety five`.
_BELOW_100 = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_TEENS}|{_ONES})"
#: Up to 999: `one hundred and two`, `a hundred`, `three hundred fifty`.
_BELOW_1000 = (rf"(?:(?:(?:{_ONES}|a)\s+hundred(?:\s+(?:(?:and|&)\s+)?{_BELOW_100})?)"
               rf"|{_BELOW_100})")
#: A scale may go on (`two thousand and five`); a number below it never does (`one and
#: three` is two numbers).
_WORD_NUMBER = (rf"(?:{_BELOW_1000}(?:[\s-]+(?:{_SCALE})"
                rf"(?:,?\s+(?:(?:and|&)\s+)?{_BELOW_1000}(?![\s-]+(?:{_SCALE})))?)?"
                rf"|a\s+(?:{_SCALE})|(?:a\s+)?(?:dozen)"
                r"|(?-i:(?<![-\w])[zZ]ero(?!-)))(?![a-z])")  # not `ZeRO`, `zero-shot`
#: A fraction added to a whole number: `two and a half`, `3 and a quarter`.
_AND_FRACTION = r"(?P<andfraction>\s+and\s+(?:a|one)\s+(?:half|third|quarter))"
_WORD_FRACTION = (rf"(?:{_BELOW_100}|a|an)[\s-]+(?:{_alternation(DENOMINATORS)})"
                  r"(?![a-z])")

#: Digits with thousands separators and decimals; `200, 000` only with zeros after
#: the space, so a list `100, 200` stays a list; Indian grouping in lakhs and crores
#: (`13,28,604`: 1,328,604).
DIGITS = (r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"
          r"|\d{1,3}(?:,\d{3})+(?!\d)(?:, 000(?!\d))*|\d{1,3}(?:, 000(?!\d))+"
          r"|\d{1,3}(?: \d{3})+(?![\d.,])|\d+)(?:\.\d+)?|\.\d+")
#: `G` is giga before a count (`4.5G FLOPs`), never before memory or a device (`24G GPU`).
_MAGNITUDE = (rf"(?:\s?-?\s?(?i:{_SCALE})\b|\s?(?:bn|mn)\b|[kKMBTb](?![A-Za-z\d])"
              r"|G(?![A-Za-z\d])(?!\s?(?:GPU|memory|VRAM|RAM|card|GB)))")
#: `2 x 10^-9`, `2.48x10-5` (a superscript lost in copying), `10^{23}`, `1e-9`.
_SCIENTIFIC = (rf"(?P<mantissa>{DIGITS})\s?(?:x|\*|\\cdot|·)\s?(?:10\s?(?:\^\s?\{{?\s?"
               r"(?P<exp>[-+]?\d{1,6})\s?\}?|(?P<lost>-\d{1,3})(?![\d.]))"
               r"|(?P<base>\d{1,3})\s?\^\s?\{?\s?(?P<bexp>[-+]?\d{1,3})\s?\}?)"
               r"|(?P<pbase>\d{1,3})\s?\^\s?\{?\s?(?P<pexp>[-+]?\d{1,6})\s?\}?"
               rf"|(?P<emant>{DIGITS})[eE](?P<eexp>[-+]?\d{{1,6}})(?![\w.])")
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"

#: A number starts here: not inside a word or a version (`GPT-4`, `ZeRO-3`, `v2`),
#: an identifier (`A100`), a decimal, an exponent or a path.
_START = (r"(?:(?<![\w.^\\@#/])|(?<=[\d%]/)|(?<=\d[KMBT]/))"  # `4/8-bit`, `7B/13B`: a list
          r"(?:(?<![A-Za-z]-)|(?<=\bsub-)|(?<=(?<![\w.])\d+(?:\.\d+)?[A-Za-z]{1,4}-))"
          r"(?<![A-Za-z]\s-)"  # `7B-70B`, `1200MHz-1400MHz`: a range after a unit
          r"(?<![\w.]\+)")  # `J1149.5+6663`: an identifier's part
_SIGN = r"(?P<sign>(?<![\w)\]%-])[-+](?=\.?\d))?"

NUMBER = regex.compile(
    rf"{_START}{_SIGN}(?:"
    rf"(?P<scientific>{_SCIENTIFIC})"
    rf"|(?P<mixed>(?P<whole>\d{{1,3}})\s(?P<mnum>\d{{1,2}})/(?P<mden>\d{{1,3}})(?![\d/]))"
    rf"|(?P<fraction>(?P<num>\d{{1,4}})/(?P<den>\d{{1,4}})(?![\d/.])(?!-?[A-Za-z%]))"
    r"|(?P<decimalcomma>\d{1,4},\d{1,2})(?=\s?(?:[xX%]|times|-?fold)(?![A-Za-z\d]))"
    rf"|(?P<digits>{DIGITS})(?P<vulgar1>[{_VULGAR}])?(?i:{_AND_FRACTION})?"
    rf"(?P<magnitude>{_MAGNITUDE})?"
    rf"|(?P<vulgar>[{_VULGAR}])"
    rf"|(?i:(?P<wordfraction>\b{_WORD_FRACTION}))"
    rf"|(?i:(?P<words>\b{_WORD_NUMBER}){_AND_FRACTION}?(?P<wordmag>{_MAGNITUDE})?)"
    r"(?![\w-]*\d)"
    rf"|(?i:\b(?P<multiplier>{_alternation(MULTIPLIERS)})\b)"
    r")(?!\d)(?![\w.]\d)",
    regex.VERSION1,
)


@dataclass(frozen=True)
class Number:
    """One number as written: where it is, its value, and the unit a word implies."""

    start: int
    end: int
    value: float
    spelled: bool  # written in words ("ten", "a dozen"): weaker evidence than digits
    implied_unit: str = ""  # "x" for `twice`, "%" for `half`
    scale: float = 1.0  # the magnitude written with it (`70B`: 1e9), shared by a range


def find_numbers(text: str, start: int = 0, end: int | None = None,
                 words: Collection[str] | None = None) -> list[Number]:
    """Every number in text[start:end]; `words`, when known, are its `letter_words`, or
    at least those of them that are number words (`words_among`).

    >>> [(n.value, n.implied_unit) for n in find_numbers("a hundred and two, 3.5K, twice")]
    [(102.0, ''), (3500.0, ''), (2.0, 'x')]
    >>> [n.value for n in find_numbers("2 x 10^-9 and 10^{23}, 1e-9, -3, ½, two thirds")]
    [2e-09, 1e+23, 1e-09, -3.0, 0.5, 0.6666666666666666]
    >>> [n.value for n in find_numbers("2^16 tokens, 8x2^10 bits, 3^{-1}")]
    [65536.0, 8192.0, 0.3333333333333333]
    >>> [n.value for n in find_numbers("GPT-4 on A100 with ResNet50 v2, 1/0, J1149.5+6663")]
    []
    """
    end = len(text) if end is None else end
    found: list[Number] = []
    reached = start
    for candidate in _candidates(text, start, end, words):
        if candidate < reached:
            continue
        match = NUMBER.match(text, candidate, end)
        if match is None and text[candidate] in "+-.":
            match = NUMBER.match(text, candidate + 1, end)
        number = None if match is None else _read(match)
        if number is not None:
            found.append(number)
        if match is not None and match.group():  # `1/0` is no number, nor is its `0`
            reached = match.end()
    return found


#: Where a number written with digits can start (its sign or point included): the first
#: digit of a run, not one inside a word (`A100`), a decimal or a thousands group.
_DIGIT_START = regex.compile(rf"(?<![\w.,])[-+.]?\d|[{_VULGAR}]", regex.VERSION1)
#: Words a number in words can start with (`a` before a scale: `a hundred`).
SPELLED_WORDS = frozenset({"zero", *ONES, *TEENS, *TENS, *SCALES, *MULTIPLIERS, *DOZENS, "hundred",
                           *DENOMINATORS})


def letter_words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The runs of letters a-z of text[start:end] lower-cased, as they come (a set of
    them would cost more to build than the few look-ups it serves): the words that tell
    whether a number in words (or a unit's word) can stand there at all."""
    end = len(text) if end is None else end
    return _LETTERS.findall(_lowered(text[start:end]))


def _candidates(text: str, start: int, end: int,
                words: Collection[str] | None = None) -> list[int]:
    """Positions where a number may start, found cheaply: the number grammar is tried
    only there, not at every character. Words are looked for only when the text holds
    a number word at all (`a` alone does not count)."""
    digits = _digit_starts(text, start, end)
    spelled = SPELLED_WORDS.intersection(letter_words(text, start, end) if words is None
                                         else words)
    if not spelled:
        return digits
    lowered = _lowered(text[start:end])
    words = [start + at for word in spelled for at in _word_starts(lowered, word)]
    return sorted({*digits, *words})


def words_among(vocabulary: frozenset[str], text: str, start: int = 0,
                end: int | None = None) -> Collection[str]:
    """The words of `vocabulary` (lower-case a-z) that text[start:end] holds as whole
    `letter_words`. The steps that ask only whether a few known words occur (number
    words, a unit's first word) share this one answer; in ASCII text one Hyperscan
    scan gives it (of the text with every character but a letter made a space, each
    word sought with a space either side), where listing every word of the text cost
    several times as much.

    >>> sorted(words_among(frozenset({"one", "two", "sub"}), "One sub-second, twofold 2two"))
    ['one', 'sub', 'two']
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    if hyperscan is None or not piece.isascii():
        return vocabulary.intersection(letter_words(piece))
    words = _in_order(vocabulary)
    found: set[str] = set()
    _scanner(vocabulary, lambda: _words_database(vocabulary)).scan(
        b" " + piece.encode("ascii").translate(_LETTERS_ONLY) + b" ",
        match_event_handler=lambda i, *_: found.add(words[i]))
    return found


def word_starts(vocabulary: frozenset[str], text: str) -> list[int] | None:
    """Every place where a word of `vocabulary` (lower-case a-z) stands in `text` as a
    whole run of letters, in order, as `words_among` finds them; None where one scan
    cannot tell (no Hyperscan, text beyond ASCII). A caller asking of many stretches of
    one text scans it once.

    >>> word_starts(frozenset({"one", "two"}), "One two-fold twofold, one")
    [0, 4, 22]
    """
    if hyperscan is None or not text.isascii():
        return None
    words = _in_order(vocabulary)
    found: set[int] = set()
    _scanner(("every", vocabulary), lambda: _words_database(vocabulary, single=False)).scan(
        b" " + text.encode("ascii").translate(_LETTERS_ONLY) + b" ",
        match_event_handler=lambda i, _, end, *rest: found.add(end - len(words[i]) - 2))
    return sorted(found)


#: A byte table keeping the ASCII letters and making every other byte a space.
_LETTERS_ONLY = bytes(code if chr(code).isascii() and chr(code).isalpha() else 32
                      for code in range(256))


def _digit_starts(text: str, start: int, end: int) -> list[int]:
    """Where `_DIGIT_START` matches in text[start:end], as its `finditer` finds them. In
    ASCII text one Hyperscan scan finds them (the `regex` module's scan costs more per
    character than all else the grammar does with a text holding few numbers): a sign,
    point or digit after a character that is no ASCII word character, point or comma
    (a text's start counts as one), the character before `start` scanned too."""
    low = max(start - 1, 0)
    piece = text[low:end]
    if hyperscan is None or not piece.isascii():
        return [m.start() for m in _DIGIT_START.finditer(text, start, end)]
    found: list[tuple[int, int]] = []
    _scanner("digits", _digits_database).scan(
        piece.encode("ascii"), match_event_handler=lambda at_text_start, begin, stop, *_:
        found.append((low + begin + (not at_text_start), low + stop)))
    starts, reached = [], start
    for position, stop in sorted(found):  # finditer's matches do not overlap
        if position >= reached:
            starts.append(position)
            reached = stop
    return starts


def _digits_database():
    """`_DIGIT_START` for ASCII text: at the text's start (id 1) or after a character
    other than a word character, point or comma (id 0: the match starts with it)."""
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=[rb"[^A-Za-z0-9_.,][-+.]?[0-9]", rb"^[-+.]?[0-9]"],
                     ids=[0, 1], elements=2, flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * 2)
    return database


_databases = threading.local()


def _scanner(key: object, build: Callable[[], object]):
    """This thread's Hyperscan database for `key`, built by `build` on first use, with
    its scratch space."""
    known = getattr(_databases, "known", None)
    if known is None:
        known = _databases.known = {}
    database = known.get(key)
    if database is None:
        database = known[key] = build()
        database.scratch = hyperscan.Scratch(database)
    return database


@lru_cache(maxsize=64)
def _in_order(vocabulary: frozenset[str]) -> tuple[str, ...]:
    """The words of `vocabulary` by their ids in its database."""
    return tuple(sorted(vocabulary))


def _words_database(vocabulary: frozenset[str], single: bool = True):
    """The Hyperscan database of `vocabulary`: each word in any case with a space either
    side, as literals (compiled in milliseconds), its id its place in `_in_order`;
    `single`: each word reported once, not at every place it stands."""
    words = _in_order(vocabulary)
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    flags = hyperscan.HS_FLAG_CASELESS | (hyperscan.HS_FLAG_SINGLEMATCH if single else 0)
    database.compile(expressions=[f" {word} ".encode("ascii") for word in words],
                     ids=list(range(len(words))), elements=len(words),
                     flags=[flags] * len(words), literal=True)
    return database


def _lowered(text: str) -> str:
    """`text` in lower case, of the same length, so positions in it hold in `text` (`İ`
    lowers to two characters: it keeps its first)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower()[0] for char in text)


def _word_starts(lowered: str, word: str) -> list[int]:
    """Where `word` stands as a whole word in `lowered` (and where an `a`/`an` before it
    starts: `a hundred`)."""
    found = []
    at = lowered.find(word)
    while at >= 0:
        after = at + len(word)
        if (at == 0 or not lowered[at - 1].isalpha()) and (
                after == len(lowered) or not lowered[after].isalpha()):
            found.append(at)
            # An article ends where the spaces before the word start: it is looked for
            # there, not by a search of the whole text before the word.
            spaced = len(lowered[:at].rstrip())
            article = _ARTICLE.search(lowered, max(0, spaced - 2), at)
            if article is not None:
                found.append(article.start())
        at = lowered.find(word, after)
    return found


_ARTICLE = re.compile(r"\ban?\s+$")
_LETTERS = re.compile(r"[a-z]+")
#: What separates the words of a number in words (compiled once: `regex.split` with a
#: pattern string looks it up in a cache on every call).
_WORDS_SPLIT = regex.compile(r"[\s,-]+")
_WORD_FRACTION_SPLIT = regex.compile(r"[\s-]+")


def _read(match: regex.Match) -> Number | None:
    group = match.lastgroup if match.lastgroup != "sign" else None
    kind = _kind(match, group) if group else None
    if kind is None:
        return None
    value, unit = _KINDS[kind](match)
    if value is None:
        return None
    if match.group("sign") == "-":
        value = -value
    start, end = match.span()
    text = match.group()
    stripped = text.rstrip()
    scale = _suffix(match.group("magnitude") or match.group("wordmag"))
    return Number(start, end - (len(text) - len(stripped)), value, kind in _SPELLED, unit,
                  scale)


def _kind(match: regex.Match, last: str) -> str:
    """The alternative of `NUMBER` that matched: the one holding the last group to close
    (`_KIND_OF_LAST`), asked of each alternative only where that group is in two."""
    kind = _KIND_OF_LAST.get(last)
    if kind is None:
        return next(name for name in _KINDS if match.group(name) is not None)
    return kind


def _digits(text: str) -> float:
    return float("".join(text.replace(",", "").split()))


def _suffix(text: str | None) -> float:
    if not text:
        return 1.0
    word = text.strip().strip("-").strip()  # `4\nmillion`: a line break is a space
    return SUFFIXES.get(word) or SCALES.get(word.lower(), 1.0)


def _scientific(m: regex.Match) -> tuple[float | None, str]:
    try:
        if m.group("base") is not None:  # `8x2^10`
            return _digits(m.group("mantissa")) * _power(m.group("base"), m.group("bexp")), ""
        if m.group("mantissa") is not None:
            exponent = m.group("exp") or m.group("lost")
            return float(f"{_digits(m.group('mantissa'))!r}e{int(exponent)}"), ""
        if m.group("pexp") is not None:
            return _power(m.group("pbase"), m.group("pexp")), ""
        return float(f"{_digits(m.group('emant'))!r}e{int(m.group('eexp'))}"), ""
    except OverflowError:
        return None, ""


def _power(base: str, exponent: str) -> float:
    """`base^exponent`; powers of ten exactly as written (`1e23`, not 10.0**23)."""
    if base == "10":
        return float(f"1e{int(exponent)}")
    return float(base) ** int(exponent)  # a float power: OverflowError, never a huge int


def _plain(m: regex.Match) -> tuple[float | None, str]:
    value = _digits(m.group("digits"))
    if m.group("vulgar1"):
        value += unicodedata.numeric(m.group("vulgar1"))
    return (value + _and_fraction(m)) * _suffix(m.group("magnitude")), ""


def _and_fraction(m: regex.Match) -> float:
    """The fraction of `two and a half` (0 when none is written)."""
    if not m.group("andfraction"):
        return 0.0
    return 1 / DENOMINATORS[m.group("andfraction").split()[-1].casefold()]


def _decimal_comma(m: regex.Match) -> tuple[float | None, str]:
    """`3,5x`, `2,5%`: a decimal comma, written where a factor or percent follows."""
    return float(m.group("decimalcomma").replace(",", ".")), ""


def _fraction(m: regex.Match) -> tuple[float | None, str]:
    den = int(m.group("den"))
    return (int(m.group("num")) / den if den else None), ""


def _mixed(m: regex.Match) -> tuple[float | None, str]:
    den = int(m.group("mden"))
    return (int(m.group("whole")) + int(m.group("mnum")) / den if den else None), ""


def _vulgar(m: regex.Match) -> tuple[float | None, str]:
    return unicodedata.numeric(m.group("vulgar")), ""


def _word_fraction(m: regex.Match) -> tuple[float | None, str]:
    words = _WORD_FRACTION_SPLIT.split(m.group("wordfraction").casefold())
    numerator = 1.0 if words[0] in ("a", "an") else words_value(" ".join(words[:-1]))
    return (None if numerator is None else numerator / DENOMINATORS[words[-1]]), ""


def _words(m: regex.Match) -> tuple[float | None, str]:
    value = words_value(m.group("words"))
    if value is None:
        return None, ""
    return (value + _and_fraction(m)) * _suffix(m.group("wordmag")), ""


def _multiplier(m: regex.Match) -> tuple[float | None, str]:
    value, unit = MULTIPLIERS[m.group("multiplier").lower()]
    return float(value), unit


_KINDS = {"scientific": _scientific, "mixed": _mixed, "fraction": _fraction,
          "decimalcomma": _decimal_comma, "digits": _plain,
          "vulgar": _vulgar, "wordfraction": _word_fraction, "words": _words,
          "multiplier": _multiplier}
_SPELLED = {"wordfraction", "words", "multiplier"}
#: The alternative a match's last group to close belongs to: an alternative's own group
#: encloses its parts, save for digits and words, whose parts follow them (`andfraction`
#: follows either, so it is left out).
_KIND_OF_LAST = {**{kind: kind for kind in _KINDS}, "vulgar1": "digits", "magnitude": "digits",
                 "wordmag": "words"}


def words_value(text: str) -> float | None:
    """The value of a number in words.

    >>> words_value("one hundred and two"), words_value("twenty-one"), words_value("a dozen")
    (102.0, 21.0, 12.0)
    >>> words_value("three million five hundred thousand"), words_value("ninety five")
    (3500000.0, 95.0)
    """
    total, current = 0.0, 0.0
    seen = False
    for word in _WORDS_SPLIT.split(text.lower().strip()):
        if word in ("and", "&", "a", "an", ""):
            current = current or (1.0 if word in ("a", "an") else current)
            continue
        seen = True
        if word == "zero":
            continue
        if word in ONES or word in TEENS or word in TENS:
            current += {**ONES, **TEENS, **TENS}[word]
        elif word in DOZENS:
            current = (current or 1.0) * DOZENS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word.rstrip("s") in SCALES:
            total += (current or 1.0) * SCALES[word.rstrip("s")]
            current = 0.0
        else:
            return None
    return float(total + current) if seen else None
