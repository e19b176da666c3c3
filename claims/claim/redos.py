r"""Regex shapes that backtrack catastrophically, found in the pattern's parse tree.

Two shapes, both inside a group repeated more than `MAX_REPEAT` times (or without
bound, counting the repeats it is nested in):

- an unbounded repeat that can also match what follows it (`(?:\d+(?:\.\d+)?)+`,
  `(?:.*x){12}`): a run of text splits between iterations in exponentially many ways;
- alternatives that can match the same text (`(?:a|aa)+`, `(?:\w|\d)+`).

Characters are compared over a sample alphabet (ASCII and a few others), so the check
is an approximation that errs towards silence on exotic classes; possessive repeats and
atomic groups never backtrack and are skipped. Patterns use the `regex` module's syntax;
one that Python's own parser cannot read (`\p{L}`) is not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import product

try:  # Python 3.11+
    import re._constants as C  # noqa: N812
    import re._parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as C  # type: ignore[no-redef]  # noqa: N812
    import sre_parse  # type: ignore[no-redef]

#: A group may repeat this many times with a backtracking piece inside (`{0,8}`).
MAX_REPEAT = 8
#: Characters the sets are computed over: ASCII and a few of each other class.
ALPHABET = frozenset(map(chr, range(128))) | frozenset("é×–\u00a0中Ω٣µ")
_EVERYTHING = ALPHABET
_UNBOUNDED = C.MAXREPEAT
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
_ATOMIC = tuple(getattr(C, name) for name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP")
                if hasattr(C, name))
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_EXPANSIONS = 64  # fixed-length readings of one alternative compared, at most

Chars = frozenset
Node = tuple  # (op, argument) of Python's regex parser


def backtracking(pattern: str) -> str | None:
    r"""What in `pattern` can backtrack catastrophically, in words; None if nothing.

    >>> backtracking(r"(?:a|aa)+$")
    "alternatives that match the same text ('' and 'a') in a repeated group"
    >>> backtracking(r"(?:\d+(?:\.\d+)?)+!")
    "nested unbounded repetition: '\\\\d+' can also match what follows it in a repeated group"
    >>> backtracking(r"(?:[a-z]+ ){0,4}"), backtracking(r"(?:GPU|GPUs)+"), backtracking(r"(?:a+ )+")
    (None, None, None)
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    try:
        return next(_findings(list(tree), frozenset(), 1, ignore_case), None)
    finally:
        _FIRST.clear()


def _parse(pattern: str):
    """Python's parse tree of a `regex` pattern (names dropped: `regex` allows a name
    twice), or None where the syntax is `regex`'s own."""
    plain = re.sub(r"\(\?P?<(\w+)>", "(?:", pattern)
    try:
        return sre_parse.parse(plain)
    except (re.error, RecursionError, OverflowError):
        return None


def _findings(seq: list[Node], follow: Chars, times: float, ic: bool) -> Iterator[str]:
    """Problems in `seq`, which is followed by characters in `follow` and repeated
    `times` times (inf: without bound) by the groups around it."""
    for (op, av), after in zip(seq, _afters(seq, follow, ic), strict=True):
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            inner = times * (high if high != _UNBOUNDED else float("inf"))
            loop = _first(body, ic)[0] | after if high > 1 else after
            if high == _UNBOUNDED and times > MAX_REPEAT and _chars(body, ic) & after:
                yield (f"nested unbounded repetition: {_show((op, av))!r} can also match "
                       "what follows it in a repeated group")
            elif high != _UNBOUNDED and times > MAX_REPEAT and high - low <= 3:
                yield from _ambiguous([body * n for n in range(low, high + 1)], after, ic)
            yield from _findings(body, loop, inner, ic)
        elif op is C.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
            if times > MAX_REPEAT:
                yield from _ambiguous(alternatives, after, ic)
            for alt in alternatives:
                yield from _findings(alt, after, times, ic)
        elif op is C.SUBPATTERN:
            group_ic = ic or bool(av[1] & re.IGNORECASE)
            yield from _findings(list(av[3]), after, times, group_ic)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _findings(list(av[1]), _EVERYTHING, times, ic)


def _ambiguous(alternatives: list[list[Node]], follow: Chars, ic: bool) -> Iterator[str]:
    """Two alternatives that read one text in two ways (one equal to the other, or a
    prefix of it whose rest can start the next iteration)."""
    readings = [_fixed(alt, ic) for alt in alternatives]
    for a in range(len(alternatives)):
        for b in range(a + 1, len(alternatives)):
            if readings[a] is None or readings[b] is None:
                continue
            if any(_overlap(x, y, follow) for x in readings[a] for y in readings[b]):
                shown = (_show_seq(alternatives[a]), _show_seq(alternatives[b]))
                yield (f"alternatives that match the same text ({shown[0]!r} and "
                       f"{shown[1]!r}) in a repeated group")
                return


def _overlap(x: tuple[Chars, ...], y: tuple[Chars, ...], follow: Chars) -> bool:
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if not all(s & t for s, t in zip(short, long_, strict=False)):
        return False
    return len(short) == len(long_) or bool(long_[len(short)] & follow)


def _fixed(seq: list[Node], ic: bool) -> list[tuple[Chars, ...]] | None:
    """Every reading of `seq` as a fixed sequence of character sets, or None when it
    has unbounded (or too many) readings."""
    readings: list[tuple[Chars, ...]] = [()]
    for node in seq:
        options = _fixed_node(node, ic)
        if options is None or len(readings) * len(options) > _EXPANSIONS:
            return None
        readings = [r + o for r, o in product(readings, options)]
    return readings


def _fixed_node(node: Node, ic: bool) -> list[tuple[Chars, ...]] | None:
    op, av = node
    if op in _ZERO_WIDTH:
        return [()]
    if op is C.SUBPATTERN:
        return _fixed(list(av[3]), ic or bool(av[1] & re.IGNORECASE))
    if op is C.BRANCH:
        found = [_fixed(list(alt), ic) for alt in av[1]]
        return None if any(f is None for f in found) else [r for f in found for r in f]
    if op in _REPEATS:
        low, high, body = av
        one = _fixed(list(body), ic)
        if one is None or high == _UNBOUNDED or high > 3:
            return None
        out = [r for n in range(low, high + 1) for r in _fixed(list(body) * n, ic) or []]
        return out or None
    chars = _atom(node, ic)
    return None if chars is None else [(chars,)]


def _afters(seq: list[Node], follow: Chars, ic: bool) -> list[Chars]:
    """For each node of `seq`, the characters that can come right after it."""
    out: list[Chars] = []
    following = follow
    for node in reversed(seq):
        out.append(following)
        chars, empty = _first_node(node, ic)
        following = chars | following if empty else chars
    return out[::-1]


def _first(seq: list[Node], ic: bool) -> tuple[Chars, bool]:
    """The characters `seq` can start with, and whether it can match nothing."""
    found: Chars = frozenset()
    for node in seq:
        chars, empty = _first_node(node, ic)
        found |= chars
        if not empty:
            return found, False
    return found, True


#: `_first_node` of the nodes of the tree being checked, by id (cleared after each).
_FIRST: dict[tuple[int, bool], tuple[Chars, bool]] = {}


def _first_node(node: Node, ic: bool) -> tuple[Chars, bool]:
    key = (id(node), ic)
    if key not in _FIRST:
        _FIRST[key] = _first_uncached(node, ic)
    return _FIRST[key]


def _first_uncached(node: Node, ic: bool) -> tuple[Chars, bool]:
    op, av = node
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op is C.SUBPATTERN:
        return _first(list(av[3]), ic or bool(av[1] & re.IGNORECASE))
    if op is C.BRANCH:
        parts = [_first(list(alt), ic) for alt in av[1]]
        return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
    if op in _REPEATS or (_ATOMIC and op is _ATOMIC[0]):
        chars, empty = _first(list(av[2]), ic)
        return chars, empty or av[0] == 0
    if _ATOMIC and op in _ATOMIC:
        return _first(list(av), ic)
    chars = _atom(node, ic)
    return (_EVERYTHING, True) if chars is None else (chars, False)


def _chars(seq: list[Node], ic: bool) -> Chars:
    """Every character `seq` can match anywhere (lookarounds aside)."""
    found: Chars = frozenset()
    for node in seq:
        op, av = node
        if op in _ZERO_WIDTH:
            continue
        if op is C.SUBPATTERN:
            found |= _chars(list(av[3]), ic or bool(av[1] & re.IGNORECASE))
        elif op is C.BRANCH:
            found = found.union(*(_chars(list(alt), ic) for alt in av[1]))
        elif op in _REPEATS or (_ATOMIC and op is _ATOMIC[0]):
            found |= _chars(list(av[2]), ic)
        elif _ATOMIC and op in _ATOMIC:
            found |= _chars(list(av), ic)
        else:
            found |= _atom(node, ic) or _EVERYTHING
    return found


def _atom(node: Node, ic: bool) -> Chars | None:
    """The characters one single-character node matches (None: not such a node)."""
    op, av = node
    if op is C.LITERAL:
        return _cased(frozenset(chr(av)), ic)
    if op is C.NOT_LITERAL:
        return _EVERYTHING - _cased(frozenset(chr(av)), ic)
    if op is C.ANY:
        return _EVERYTHING - {"\n"}
    if op is C.CATEGORY:
        return _category(av)
    if op is C.IN:
        return _in(tuple(av), ic)
    return None


def _cased(chars: Chars, ic: bool) -> Chars:
    return chars | {c.swapcase() for c in chars} if ic else chars


def _in(items: tuple, ic: bool) -> Chars:
    negate = bool(items) and items[0][0] is C.NEGATE
    found: set[str] = set()
    for op, av in items[negate:]:
        if op is C.LITERAL:
            found.add(chr(av))
        elif op is C.RANGE:
            found.update(c for c in ALPHABET if av[0] <= ord(c) <= av[1])
        elif op is C.CATEGORY:
            found |= _category(av)
    chars = _cased(frozenset(found), ic)
    return _EVERYTHING - chars if negate else chars


@cache
def _category(category: object) -> Chars:
    tests = {C.CATEGORY_DIGIT: str.isdecimal, C.CATEGORY_SPACE: str.isspace,
             C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_"}
    negated = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE,
               C.CATEGORY_NOT_WORD: C.CATEGORY_WORD}
    if category in negated:
        return _EVERYTHING - _category(negated[category])
    test = tests.get(category)
    return frozenset(c for c in ALPHABET if test(c)) if test else _EVERYTHING


# --- showing a piece of a pattern -----------------------------------------------------

_CATEGORIES = {"DIGIT": r"\d", "NOT_DIGIT": r"\D", "SPACE": r"\s", "NOT_SPACE": r"\S",
               "WORD": r"\w", "NOT_WORD": r"\W"}


def _show_seq(seq: list[Node]) -> str:
    return "".join(_show(node) for node in seq)


def _show(node: Node) -> str:
    """A node written back as a pattern (near enough to find it in the rule)."""
    op, av = node
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is C.ANY:
        return "."
    if op is C.CATEGORY:
        return _CATEGORIES.get(str(av).removeprefix("CATEGORY_"), "?")
    if op is C.IN:
        items = "".join(_show_in(item) for item in av)
        return items if len(av) == 1 and av[0][0] is C.CATEGORY else f"[{items}]"
    if op is C.SUBPATTERN:
        return f"(?:{_show_seq(list(av[3]))})"
    if op is C.BRANCH:
        return "|".join(_show_seq(list(alt)) for alt in av[1])
    if op in _REPEATS:
        low, high, body = av
        inner = _show_seq(list(body))
        inner = inner if len(body) == 1 and body[0][0] is not C.BRANCH else f"(?:{inner})"
        return inner + _quantifier(low, high) + ("?" if op is C.MIN_REPEAT else "")
    return "…"


def _show_in(item: tuple) -> str:
    op, av = item
    if op is C.NEGATE:
        return "^"
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    return _CATEGORIES.get(str(av).removeprefix("CATEGORY_"), "?")


def _quantifier(low: int, high: int) -> str:
    if high == _UNBOUNDED:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    if (low, high) == (0, 1):
        return "?"
    return f"{{{low}}}" if low == high else f"{{{low},{high}}}"
