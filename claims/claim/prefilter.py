"""Which rules may match a sentence, found in one pass over it.

A sentence holds the strings of about 20 rules, of which about one matches, and each
`regex` attempt costs microseconds. Hyperscan scans a text once for many patterns.
Each rule's pattern is compiled in Hyperscan's prefilter mode, which replaces what
Hyperscan lacks (lookarounds) by something that matches at least as often; repeats
bounded above 4 are made unbounded, which matches more still (and compiles in seconds
instead of minutes). So a rule it does not report cannot match, and only the rules it
reports are tried with `regex`: the claims are the same, found about twice as
fast.

Hyperscan's classes (`\\w`, `\\d`, `\\b`) are ASCII here, exact on ASCII text only: a
sentence with other characters has every rule tried. Compiling costs seconds, so a
database is kept in the rule cache under a hash of its patterns, and the built-in
rules' database serves every rule set that adds user packs. Without the `hyperscan`
package (a platform without its wheels) every rule is tried, with the same claims.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from functools import cached_property

import regex

from claims.claim import rulecache

try:
    import hyperscan
except ImportError:  # pragma: no cover - a platform without hyperscan wheels
    hyperscan = None

_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")
#: What only the `regex` module reads (or reads its own way): Unicode properties and
#: names, word-boundary and other escapes, nested sets and set operations, POSIX
#: classes, fuzzy matching, other flags. A rule holding any is always tried.
_REGEX_ONLY = regex.compile(r"\\[pPNXmMGKLQEZ]|\[\[|\[:|--|&&|\|\||~~|\{[^}]*[<>=]"
                            r"|\(\?[^:P<=!)]*[LrfbeVwux]")
_BOUNDED = regex.compile(r"(?<!\\)\{(\d+),(\d*)\}")
#: Repeats bounded above this are made unbounded.
_MAX_BOUND = 4


def prefilter_pattern(pattern: str) -> str:
    """A `regex` rule pattern as Hyperscan reads it, matching at least as much.

    >>> prefilter_pattern(r"(?P<v>\\d{1,20})\\s{0,3}x{2,}")
    '(?:\\\\d+)\\\\s{0,3}x+'
    """
    pattern = _NAMED_GROUP.sub("(?:", pattern)
    return _BOUNDED.sub(_loosened, pattern)


def _loosened(repeat: regex.Match) -> str:
    low, high = repeat.groups()
    if high and int(high) <= _MAX_BOUND:
        return repeat.group()
    return "+" if int(low) else "*"


class Prefilter:
    """The rules of one group (their positions in the rule set) in one database."""

    def __init__(self, database: bytes, orders: Sequence[int]) -> None:
        self.database = database
        self.orders = tuple(orders)
        self._loaded = threading.local()  # a database and its scratch space per thread

    def __reduce__(self):
        return Prefilter, (self.database, self.orders)

    def matching(self, text: bytes, found: set[int]) -> None:
        """Add to `found` the positions of the rules that may match `text`."""
        database = self._database()
        orders = self.orders
        database.scan(text, match_event_handler=lambda i, *_: found.add(orders[i]))

    def _database(self):
        database = getattr(self._loaded, "database", None)
        if database is None:
            database = hyperscan.loadb(self.database, hyperscan.HS_MODE_BLOCK)
            database.scratch = hyperscan.Scratch(database)
            self._loaded.database = database
        return database


def build(patterns: Sequence[str], orders: Sequence[int]) -> Prefilter | None:
    """The prefilter of rules with these `patterns`, from the cache or compiled; None
    for no rules or patterns Hyperscan cannot compile."""
    if not patterns:
        return None
    expressions = [prefilter_pattern(p).encode() for p in patterns]
    digest = hashlib.sha256(hyperscan.__version__.encode())
    for expression in expressions:
        digest.update(b"\0" + expression)
    key = "hs-" + digest.hexdigest()[:32]
    database = rulecache.load(key)
    if not isinstance(database, bytes):
        try:
            database = _compile(expressions)
        except hyperscan.error:
            return None
        rulecache.store(key, database)
    return Prefilter(database, orders)


def _compile(expressions: list[bytes]) -> bytes:
    flags = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_ALLOWEMPTY \
        | hyperscan.HS_FLAG_SINGLEMATCH
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=list(range(len(expressions))),
                     elements=len(expressions), flags=[flags] * len(expressions))
    return hyperscan.dumpb(database)


class Prefilters:
    """The prefilters of a rule set's groups (one per pack directory), and the rules
    none covers (a group whose patterns Hyperscan cannot compile): always tried."""

    def __init__(self, groups: Sequence[Prefilter], always: frozenset[int]) -> None:
        self.groups = tuple(groups)
        self.always = always

    def possible_rules(self, text: str, start: int, end: int) -> set[int] | None:
        """The positions of the rules that may match in text[start:end]; None when the
        prefilters cannot tell (text beyond ASCII). The character before `start` is
        scanned too, as `regex` sees it for a word boundary at `start`."""
        scanned = text[max(start - 1, 0):end]
        if not scanned.isascii():
            return None
        found = set(self.always)
        data = scanned.encode()
        for group in self.groups:
            group.matching(data, found)
        return found


def prefilters(groups: Sequence[Sequence[tuple[int, str]]]) -> Prefilters | None:
    """The prefilters of groups of rules, each given as (position, pattern) pairs; None
    without hyperscan. Rules whose patterns Hyperscan may read otherwise, and groups it
    cannot compile, are always tried."""
    if hyperscan is None:
        return None
    built, always = [], set()
    for group in groups:
        always.update(order for order, pattern in group if _REGEX_ONLY.search(pattern))
        kept = [(order, pattern) for order, pattern in group if order not in always]
        prefilter = build([pattern for _, pattern in kept], [order for order, _ in kept])
        if prefilter is None:
            always.update(order for order, _ in kept)
        else:
            built.append(prefilter)
    return Prefilters(built, frozenset(always))


class Alternation:
    """Named patterns as one alternation inside a frame (`(?i:\\b(?:{}))`, `{}` the
    alternation), scanned with only the alternatives a Hyperscan prefilter finds room
    for in the text. The alternation's next match is at the leftmost place where any
    alternative matches, the first of those that match there; an alternative that
    matches nowhere in the text never is, so the others are searched alone (each
    compiled once) and their matches merged. Trying every alternative at every word
    cost most of a short text's scan.

    >>> words = Alternation([("up", "gains?"), ("down", "loss(?:es)?")], r"(?i:\\b(?:{}))")
    >>> [(m.lastgroup, m.group()) for m in words.finditer("Gains and losses")]
    [('up', 'Gains'), ('down', 'losses')]
    """

    def __init__(self, groups: Sequence[tuple[str, str]], frame: str,
                 flags: int = regex.VERSION1) -> None:
        self.groups = tuple(groups)
        self.frame = frame
        self.flags = flags
        self.prefilters = prefilters([[(i, frame.format(pattern)) for i, (_, pattern)
                                       in enumerate(self.groups)]])
        self._alone: dict[int, regex.Pattern] = {}

    @cached_property
    def whole(self) -> regex.Pattern:
        """Every alternative: for text the prefilter cannot read."""
        return self._compile(self.groups)

    def alone(self, index: int) -> regex.Pattern:
        """The alternative at `index` by itself, in the frame, under its name (compiled
        when first needed: a process reading one abstract needs few)."""
        pattern = self._alone.get(index)
        if pattern is None:
            pattern = self._alone[index] = self._compile([self.groups[index]])
        return pattern

    def finditer(self, text: str) -> list[regex.Match]:
        """The matches `finditer` of the whole alternation gives over `text`."""
        possible = None if self.prefilters is None else self.prefilters.possible_rules(
            text, 0, len(text))
        found = None if possible is None else _leftmost_first(
            [self.alone(i) for i in sorted(possible)], text)
        return list(self.whole.finditer(text)) if found is None else found

    def _compile(self, groups: Iterable[tuple[str, str]]) -> regex.Pattern:
        alternatives = "|".join(f"(?P<{name}>{pattern})" for name, pattern in groups)
        return regex.compile(self.frame.format(alternatives), self.flags)


def _leftmost_first(patterns: Sequence[regex.Pattern], text: str) -> list[regex.Match] | None:
    """The matches `finditer` of the alternation of `patterns` (in order) gives: each
    pattern's next match is kept until a match passes its start. None where a match is
    empty (finditer goes on from one its own way)."""
    found = []
    upcoming = [pattern.search(text) for pattern in patterns]
    while True:
        match = min((m for m in upcoming if m is not None), key=regex.Match.start, default=None)
        if match is None:
            return found
        end = match.end()
        if end == match.start():
            return None
        found.append(match)
        upcoming = [m if m is None or m.start() >= end else pattern.search(text, end)
                    for pattern, m in zip(patterns, upcoming, strict=True)]
