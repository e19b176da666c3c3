"""Words a pattern cannot match without: a cheap test that skips a rule on a sentence.

Most rules name a cue (`speedup`, `faster`, `GPUs`, `%`); a sentence that holds none of
a rule's cues cannot match it, and a substring test is far cheaper than running the
rule. `required_literals` reads a pattern's parse tree (from the `regex` module's own
parser, so the analysis agrees with the matcher) and returns sets of strings: each set
lists alternatives of which every match holds at least one. Everything is case-folded:
the test runs on case-folded text, which makes it true for case-insensitive groups and
only ever too lenient (never skipping a rule that could match) for the others.

Anything the analysis does not understand (lookarounds, backreferences, sets, a parser
of another `regex` version) counts as requiring nothing, so a rule is only ever skipped
when it provably cannot match.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import regex

try:
    import hyperscan
except ImportError:  # pragma: no cover - a platform without hyperscan wheels
    hyperscan = None

#: A conjunction of alternatives: every set must have one member in the text.
Requirement = tuple[frozenset[str], ...]

#: More alternatives than this make a requirement slower to test than the rule is to run.
_MAX_ALTERNATIVES = 64


def required_literals(pattern: str, flags: int = regex.VERSION1) -> Requirement:
    """Sets of case-folded strings, one of each to be found in any match of `pattern`.

    >>> [sorted(alternatives) for alternatives in required_literals(
    ...     r"\\d+x (?:speed-?ups?|faster)\\b")]
    [['faster', 'speed'], ['x ']]
    >>> [sorted(alternatives) for alternatives in required_literals(r"(?i:Billion)|[0-9]+ ?M")]
    [['billion', 'm']]
    >>> required_literals(r"(?<=GPU)\\d+|\\w+")
    ()
    """
    try:
        tree = _parse(pattern, flags)
        needs = _needs(tree)
    except Exception:  # another `regex` version's internals: no requirement, never wrong
        return ()
    return tuple(sorted(needs, key=lambda alts: (-_weight(alts), sorted(alts))))


def leading_literals(pattern: str, flags: int = regex.VERSION1,
                     limit: int = _MAX_ALTERNATIVES) -> frozenset[str] | None:
    r"""Case-folded strings of which every match of `pattern` starts with one; None when
    that cannot be told. A rule is then only tried where one of them occurs.

    >>> sorted(leading_literals(r"(?<=\s)(?:top-1\s)?(?i:accuracy|error)\s\d"))
    ['accuracy', 'error', 'top-1']
    >>> leading_literals(r"(?:a|\d)x") is None
    True
    """
    try:
        found = _first(_parse(pattern, flags), None)
    except Exception:  # another `regex` version's internals: unknown, never wrong
        return None
    if found is None or not found or "" in found or len(found) > limit:
        return None
    # Where a longer one starts, a prefix of it starts too: the prefixes are enough.
    return frozenset(a for a in found if not any(b != a and a.startswith(b) for b in found))


def occurrences(literals: frozenset[str], folded: str, offset: int = 0,
                after_none_of: frozenset[str] = frozenset()) -> list[int]:
    """Where any of `literals` starts in `folded`, in order, shifted by `offset`; with
    `after_none_of`, the starts right after one of those characters may be left out (the
    caller rules them out anyway: a literal inside a word). Leaving them out in the scan
    itself spares reporting and checking each (`in` stands inside most words), so a
    caller passes the characters only where `folded` is the case-folding of ASCII text,
    whose characters fold to ones equally in or out of such a set.

    >>> occurrences(frozenset({"ab", "b", "aba"}), "xababa", 10)
    [11, 12, 13, 14]
    """
    if (len(literals) >= _SCANNED or after_none_of) and hyperscan is not None \
            and folded.isascii() and "" not in literals:
        # Leaving starts out takes a database of patterns, not of literals, which costs
        # milliseconds a pattern to compile: only a few literals' is worth it.
        return _scanned(literals, folded, offset,
                        after_none_of if len(literals) < _SCANNED else frozenset())
    found = set()
    for literal in literals:
        position = folded.find(literal)
        while position >= 0:
            found.add(offset + position)
            position = folded.find(literal, position + 1)
    return sorted(found)


#: From this many literals on, one Hyperscan scan finds them faster than a `find` loop
#: per literal (and below it where it leaves out starts inside words).
_SCANNED = 8
#: Literal databases kept (compiled on first use, one per set of literals and thread).
_MAX_DATABASES = 256
_databases = threading.local()


def _scanned(literals: frozenset[str], folded: str, offset: int,
             after_none_of: frozenset[str] = frozenset()) -> list[int]:
    """`occurrences` by one scan of an ASCII text with a Hyperscan database of the
    literals: each reports where it ends, so it starts its own length before."""
    database, lengths = _database(literals, after_none_of)
    found: set[int] = set()
    start = offset
    database.scan(folded.encode("ascii"),
                  match_event_handler=lambda i, _, end, *rest: found.add(start + end - lengths[i]))
    return sorted(found)


def _database(literals: frozenset[str], after_none_of: frozenset[str] = frozenset()):
    """The compiled database of `literals` for this thread, with each one's length in
    bytes by its id; a literal beyond ASCII is left out (it cannot occur in ASCII). With
    `after_none_of`, each literal is matched only at the text's start or after another
    character."""
    known = getattr(_databases, "known", None)
    if known is None:
        known = _databases.known = {}
    key = (literals, after_none_of)
    found = known.get(key)
    if found is None:
        if len(known) >= _MAX_DATABASES:
            known.clear()
        plain = sorted(literal for literal in literals if literal.isascii())
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        if plain and after_none_of:
            before = "".join(f"\\x{ord(char):02x}" for char in sorted(after_none_of))
            database.compile(expressions=[f"(?:^|[^{before}]){_escaped(literal)}".encode("ascii")
                                          for literal in plain],
                             ids=list(range(len(plain))), elements=len(plain),
                             flags=[0] * len(plain))
        elif plain:
            database.compile(expressions=[literal.encode("ascii") for literal in plain],
                             ids=list(range(len(plain))), elements=len(plain), flags=0,
                             literal=True)
        if plain:
            database.scratch = hyperscan.Scratch(database)
        found = known[key] = (database if plain else _NoMatches(),
                              [len(literal) for literal in plain])
    return found


def pattern_starts(expressions: tuple[str, ...], text: str) -> list[int] | None:
    """Where a match of one of `expressions` (Hyperscan patterns of ASCII text) starts in
    `text`, in order: for each place a match of an expression ends, the leftmost place
    one of it starting there can start. None where one scan cannot tell (no Hyperscan,
    text beyond ASCII): the caller then looks the slow way."""
    if hyperscan is None or not text.isascii():
        return None
    found: set[int] = set()
    _pattern_database(expressions).scan(
        text.encode("ascii"), match_event_handler=lambda _, start, *rest: found.add(start))
    return sorted(found)


def pattern_ends(expressions: tuple[str, ...], text: str) -> list[int] | None:
    """Where a match of one of `expressions` (Hyperscan patterns of ASCII text) ends in
    `text`, in order; None where one scan cannot tell (no Hyperscan, text beyond
    ASCII)."""
    if hyperscan is None or not text.isascii():
        return None
    found: set[int] = set()
    _pattern_database(expressions, ends=True).scan(
        text.encode("ascii"), match_event_handler=lambda _, start, end, *rest: found.add(end))
    return sorted(found)


def _pattern_database(expressions: tuple[str, ...], ends: bool = False):
    """The compiled database of `expressions` for this thread, reporting where each
    match starts (with `ends`: only where each ends, which needs no start kept); kept
    with the literal databases."""
    known = getattr(_databases, "known", None)
    if known is None:
        known = _databases.known = {}
    key = ("pattern ends" if ends else "patterns", expressions)
    database = known.get(key)
    if database is None:
        if len(known) >= _MAX_DATABASES:
            known.clear()
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=[e.encode("ascii") for e in expressions],
                         ids=list(range(len(expressions))), elements=len(expressions),
                         flags=[0 if ends else hyperscan.HS_FLAG_SOM_LEFTMOST]
                         * len(expressions))
        database.scratch = hyperscan.Scratch(database)
        known[key] = database
    return database


def _escaped(literal: str) -> str:
    """An ASCII literal as a Hyperscan pattern matching it alone."""
    return "".join(char if char.isalnum() else f"\\x{ord(char):02x}" for char in literal)


class _NoMatches:
    """The database of a set without any ASCII literal: an ASCII text holds none."""

    def scan(self, data: bytes, match_event_handler=None) -> None:
        return None


def finditer(pattern: regex.Pattern, text: str, start: int = 0, end: int | None = None,
             opens: Callable[[str, int], bool] | None = None) -> Iterator[regex.Match]:
    """`pattern.finditer(text, start, end)`, with the pattern tried only where one of the
    strings every match starts with occurs (`leading_literals`): a pattern scanned over a
    whole text is tried at every character. `opens(text, position)`, when given, rules
    out a place before the pattern is tried; it must say no only where the pattern's
    own lookbehind would (`not_inside_word` for one opening with `(?<![\\w-])`).

    >>> [m.group() for m in finditer(regex.compile(r"(?<!\\w)(?:on|in)\\s\\w+"), "In it on X")]
    ['on X']
    """
    end = len(text) if end is None else end
    leading = _leading(pattern)
    folded = fold(text[start:end]) if leading is not None else ""
    if leading is None or len(folded) != end - start:  # folding moved offsets
        yield from pattern.finditer(text, start, end)
        return
    inside = _WORD_OR_HYPHEN_FOLDED if opens is not_inside_word and text[start:end].isascii() \
        else frozenset()
    yield from matches_at(pattern, text, occurrences(leading, folded, start, inside), end, opens)


def matches_at(pattern: regex.Pattern, text: str, positions: Iterable[int], end: int,
               opens: Callable[[str, int], bool] | None = None) -> Iterator[regex.Match]:
    """The matches `pattern.finditer` gives up to `end`, where each of them starts at
    one of `positions` (in order; `opens` as for `finditer`): the pattern is tried there
    only, each match going on past the last, as finditer's do."""
    after = -1
    for position in positions:
        if position >= after and (opens is None or opens(text, position)) and (
                match := pattern.match(text, position, end)):
            after = match.end()
            yield match


#: ASCII characters that `\\w` or `-` matches whatever the flags: no match of a pattern
#: opening with `(?<![\\w-])` starts right after one.
_WORD_OR_HYPHEN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


#: `_WORD_OR_HYPHEN` case-folded: what `not_inside_word` rules out, in folded ASCII.
_WORD_OR_HYPHEN_FOLDED = frozenset(char.casefold() for char in _WORD_OR_HYPHEN)


def not_inside_word(text: str, position: int) -> bool:
    """Whether a word may start at `position` (for `finditer`'s `opens`): a place right
    after an ASCII letter, digit, `_` or `-` is inside a word."""
    return position == 0 or text[position - 1] not in _WORD_OR_HYPHEN


@lru_cache(maxsize=1024)
def _leading(pattern: regex.Pattern) -> frozenset[str] | None:
    """A pattern's `leading_literals`; None also for a pattern that may match nothing
    (each match must move past the last)."""
    if pattern.match(""):
        return None
    return leading_literals(pattern.pattern, pattern.flags)


def fold(text: str) -> str:
    """Text as the requirements see it: case-folded, and the Turkish dotted and dotless
    i made plain `i`, since `regex` matches `(?i:I)` against `ı` and `(?i:İ)` against `i`.
    """
    return text.casefold() if text.isascii() else text.translate(_TURKISH_I).casefold()


_TURKISH_I = str.maketrans("İı", "ii")


def satisfied(requirement: Requirement, text: str) -> bool:
    """Whether `text` (already `fold`ed) holds one member of each set."""
    return all(any(literal in text for literal in alternatives) for alternatives in requirement)


_WORD = regex.compile(r"\w+")
#: Words remembered by an Index; past this many it starts afresh, so memory stays bounded.
_MAX_WORDS = 200_000


def words_of(folded: str) -> set[str]:
    """The distinct words (runs of word characters) of a text; of ASCII text, its pieces
    between the other characters, made spaces byte by byte (a `regex` scan for the runs
    cost several times as much).

    >>> sorted(words_of("top-1 acc_2, 3.5x")), sorted(words_of("dé-jà vu"))
    (['1', '3', '5x', 'acc_2', 'top'], ['dé', 'jà', 'vu'])
    """
    if folded.isascii():
        return set(folded.encode("ascii").translate(_WORD_BYTES).decode("ascii").split())
    return set(_WORD.findall(folded))


#: A byte table keeping the ASCII word characters (`\w` of ASCII text) and making every
#: other byte a space.
_WORD_BYTES = bytes(code if code < 128 and (chr(code).isalnum() or chr(code) == "_") else 32
                    for code in range(256))


class Index:
    """Which of many requirements a text meets, as a bit mask, in one pass over its words.

    Each distinct set of alternatives is one bit. A literal made of word characters can
    only occur inside one word of the text, so the bits a word brings are worked out once
    per distinct word and remembered (prose reuses few words); the other literals
    (`%`, `1/`) are looked for directly.
    """

    def __init__(self, requirements: Iterable[Requirement]) -> None:
        requirements = list(requirements)
        bits = {alts: 1 << i for i, alts in enumerate(
            sorted({alts for req in requirements for alts in req}, key=sorted))}
        #: The bits a text must have to meet each requirement, in order.
        self.masks = tuple(sum(bits[alts] for alts in set(req)) for req in requirements)
        by_literal: dict[str, int] = {}
        for alts, bit in bits.items():
            for literal in alts:
                by_literal[literal] = by_literal.get(literal, 0) | bit
        words = [(lit, bit) for lit, bit in sorted(by_literal.items()) if _WORD.fullmatch(lit)]
        # Word literals by their first two characters, single characters apart, so a new
        # word is tested against the few literals that can start at each of its places.
        self._by_pair: dict[str, list[tuple[str, int]]] = {}
        for literal, bit in words:
            if len(literal) > 1:
                self._by_pair.setdefault(literal[:2], []).append((literal, bit))
        self._by_char = {lit: bit for lit, bit in words if len(lit) == 1}
        self._other_literals = [(lit, bit) for lit, bit in sorted(by_literal.items())
                                if not _WORD.fullmatch(lit)]
        self._words: dict[str, int] = {}

    def bits(self, folded: str, words: set[str] | None = None) -> int:
        """The bits of every set with a member in `folded` (a `fold`ed text), whose
        `words_of` may be given when known."""
        found = 0
        for literal, bit in self._other_literals:
            if literal in folded:
                found |= bit
        known_words = self._words
        for word in words_of(folded) if words is None else words:
            known = known_words.get(word)
            if known is None:
                known = self._learn(word)
            found |= known
        return found

    def _learn(self, word: str) -> int:
        if len(self._words) >= _MAX_WORDS:
            self._words.clear()
        found = 0
        for char in set(word) & self._by_char.keys():
            found |= self._by_char[char]
        for index in range(len(word) - 1):
            for literal, bit in self._by_pair.get(word[index:index + 2], ()):
                if word.startswith(literal, index):
                    found |= bit
        self._words[word] = found
        return found


@lru_cache(maxsize=8)  # both analyses of one pattern share its parse (read only)
def _parse(pattern: str, flags: int):
    from regex import _regex_core as core

    global_flags = flags
    while True:
        try:
            source = core.Source(pattern)
            info = core.Info(global_flags, source.char_type, {})
            source.ignore_space = bool(info.flags & regex.VERBOSE)
            return core._parse_pattern(source, info)
        except core._UnscopedFlagSet:
            global_flags = info.global_flags


def _needs(node) -> list[frozenset[str]]:
    """Sets of which every match of `node` holds a member of each."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Sequence:
        return _sequence_needs(node.items)
    if kind is core.Branch:
        return _branch_needs(node.branches)
    if kind in (core.Group, core.Atomic):
        return _needs(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _needs(node.subpattern) if node.min_count >= 1 else []
    literal = _literal(node)
    return [frozenset({literal})] if literal else []


def _literal(node) -> str | None:
    """The text a plain character or string node matches, case-folded."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character and node.positive and not node.zerowidth:
        return fold(chr(node.value))
    if kind in (core.String, core.Literal):
        return fold("".join(chr(c) for c in node.characters))
    if kind is core.SetUnion and node.positive and not node.zerowidth:  # [Tt], [kK]
        members = {_literal(item) for item in node.items}
        if len(members) == 1 and None not in members:
            return members.pop()
    return None


def _sequence_needs(items: Iterable) -> list[frozenset[str]]:
    """Runs of adjacent literals are needed whole; other items bring their own needs."""
    needs: list[frozenset[str]] = []
    run = ""
    for item in items:
        literal = _literal(item)
        if literal is not None:
            run += literal
            continue
        if run:
            needs.append(frozenset({run}))
            run = ""
        needs.extend(_needs(item))
    if run:
        needs.append(frozenset({run}))
    return needs


def _branch_needs(branches: Iterable) -> list[frozenset[str]]:
    """One of the branches matches: the union of each branch's most selective set."""
    union: set[str] = set()
    for branch in branches:
        needs = _needs(branch)
        if not needs:
            return []
        union |= max(needs, key=_weight)
    if len(union) > _MAX_ALTERNATIVES:
        return []
    return [frozenset(_minimal(union))]


def _minimal(alternatives: set[str]) -> set[str]:
    """Drop alternatives that contain another one: finding the shorter is enough."""
    return {a for a in alternatives if not any(b != a and b in a for b in alternatives)}


def _weight(alternatives: frozenset[str]) -> int:
    """How selective a set is: the length of its shortest member."""
    return min(len(a) for a in alternatives)


def _first(node, after: set[str] | None) -> set[str] | None:
    """What a match of `node` followed by something starting with one of `after` starts
    with (None: anything)."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Sequence:
        return _sequence_first(node.items, after)
    if kind is core.Branch:
        found: set[str] = set()
        for branch in node.branches:
            starts = _first(branch, after)
            if starts is None:
                return None
            found |= starts
        return found
    if kind in (core.Group, core.Atomic):
        return _first(node.subpattern, after)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        once = _first(node.subpattern, None)
        if once is None or node.min_count >= 1:
            return once
        if after is None:
            return None
        whole = _literal(node.subpattern) if node.max_count == 1 else None
        if whole is not None:  # `m?AP` starts with `map` or `ap`, not with any `m`
            return {whole + a for a in after} | after
        return once | after
    if isinstance(node, (core.ZeroWidthBase, core.LookAround)) and not isinstance(
            node, core.Any):
        return after  # consumes nothing: the match starts with what follows
    literal = _literal(node)
    return None if literal is None else {literal}


def _sequence_first(items: list, after: set[str] | None) -> set[str] | None:
    """Runs of literals are merged first, so `accuracy` starts with `accuracy`, not `a`."""
    merged: list = []
    for item in items:
        literal = _literal(item)
        if literal is not None and merged and isinstance(merged[-1], str):
            merged[-1] += literal
        else:
            merged.append(literal if literal is not None else item)
    for item in reversed(merged):
        after = {item} if isinstance(item, str) else _first(item, after)
    return after
