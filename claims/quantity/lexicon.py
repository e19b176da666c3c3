"""The unit lexicon (`rules/units.yaml`): one record per unit, validated at load.

A record names its unit in the project's pint registry, its dimension, the
spellings that follow a number (`symbols` case-sensitive, `words` in any case),
the ones that stand before it (`prefixes`: `$`, `€`) and examples. The finder's
unit patterns are generated from these records; no unit is typed into code.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

#: A unit name as the lexicon may write it: names, `/`, `*`, `**N`; nothing pint
#: would have to evaluate.
_SAFE_NAME = regex.compile(r"[%‰A-Za-z_µμ][\w]*(?:\*\*\d)?(?:\s?[*/]\s?[A-Za-z_][\w]*(?:\*\*\d)?)*")


class UnitRecord(BaseModel):
    """One unit and every way a paper writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str
    dimension: str
    symbols: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    rule_only: tuple[str, ...] = Field((), description="spellings only a rule may read")
    clause_end: tuple[str, ...] = Field((), description=(
        "spellings that are common words too (`in`): read only where the clause ends "
        "after them or a word of size follows (`2 in.`, `2 1/2 in thick`)"))
    examples: dict[str, tuple[float, str]] = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _safe(cls, name: str) -> str:
        if not _SAFE_NAME.fullmatch(name):
            raise ValueError(f"unit name {name!r} is not a plain registry name")
        return name

    @field_validator("symbols", "words", "prefixes", "rule_only", "clause_end", mode="before")
    @classmethod
    def _strings(cls, spellings: list) -> tuple[str, ...]:
        return tuple(str(s) for s in spellings or ())


class LexiconError(Exception):
    """The unit lexicon cannot be used; the message names the file and record."""


@cache
def _lexicon() -> dict:
    text = files("claims.rulepacks").joinpath("units.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def records() -> tuple[UnitRecord, ...]:
    """Every record of `rules/units.yaml`, validated."""
    found = []
    for number, raw in enumerate(_lexicon()["units"], 1):
        try:
            found.append(UnitRecord.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise LexiconError(f"rules/units.yaml: record {number} ({raw.get('unit')!r}): "
                               f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    return tuple(found)


@cache
def by_unit() -> dict[str, UnitRecord]:
    """Records by unit name."""
    return {record.unit: record for record in records()}


def dimension_of(unit: str) -> str:
    """The lexicon's dimension of a unit (a compound takes its numerator's, marked as a
    rate); '' for a counted noun or a bare number.

    >>> dimension_of("GB"), dimension_of("TOPS/W"), dimension_of("images"), dimension_of("")
    ('memory', 'compute rate per power', '', '')
    >>> dimension_of("s**-1"), dimension_of("km/s**2")
    ('per time', 'length per time**2')
    """
    if unit in by_unit():
        return by_unit()[unit].dimension
    base, power, exponent = unit.partition("**")
    if power and base in by_unit():  # `s**2`, `s**-1`
        dimension = by_unit()[base].dimension
        return f"per {dimension}" if exponent == "-1" else f"{dimension}**{exponent}"
    head, _, tail = unit.partition("/")
    if tail and head in by_unit():
        return f"{by_unit()[head].dimension} per {dimension_of(tail) or tail}"
    return ""


@cache
def spelling_table(rule_only: bool = True) -> dict[str, str]:
    """Spelling -> unit name, for symbols, words and (when asked) rule-only spellings."""
    table: dict[str, str] = {}
    for record in records():
        spellings = record.symbols + record.words + (record.rule_only if rule_only else ())
        for spelling in spellings:
            table.setdefault(spelling, record.unit)
    return table


def _alternation(spellings: list[str]) -> str:
    return "|".join(regex.escape(s) for s in sorted(set(spellings), key=len, reverse=True))


#: After a unit: not more of a word (`GBs` is not `GB`), nor a digit (`m2` handled as its
#: own symbol).
_UNIT_END = r"(?![A-Za-z\d])"


@cache
def unit_pattern() -> regex.Pattern:
    """Any unit spelling the finder reads on its own (no rule-only ones): symbols in
    their case, words in any case; the longest spelling wins (`us dollars` over `us`)."""
    return _unit_pattern(_unit_spellings(False))


def _unit_pattern(spellings: tuple[tuple[str, bool], ...]) -> regex.Pattern:
    return regex.compile(f"(?:{_spelled(spellings)}){_UNIT_END}", regex.VERSION1)


@cache
def _unit_spellings(powered: bool) -> tuple[tuple[str, bool], ...]:
    """The spellings of `unit_pattern` (with `powered`, of `powered_unit_pattern`) in
    the order its alternation tries them, each with whether it is a word (read in any
    case) or a symbol."""
    units = [r for r in records() if not powered or r.dimension in POWERED_DIMENSIONS]
    spellings = {s: False for r in units for s in r.symbols}
    spellings.update({w: True for r in units for w in r.words})
    return tuple((s, spellings[s]) for s in sorted(spellings, key=len, reverse=True))


def _spelled(spellings: tuple[tuple[str, bool], ...]) -> str:
    """The spellings as one alternation (none: one that never matches)."""
    return "|".join(f"(?i:{regex.escape(s)})" if word else regex.escape(s)
                    for s, word in spellings) or "(?!)"


def match_unit(text: str, position: int, powered: bool = False) -> regex.Match | None:
    """`unit_pattern().match(text, position)` (with `powered`, that of
    `powered_unit_pattern`), tried with the spellings only that may start with the
    character there: the whole alternation of hundreds of spellings cost ~13 us a try."""
    char = text[position:position + 1]
    if not char or not char.isascii():
        return (powered_unit_pattern() if powered else unit_pattern()).match(text, position)
    return _pattern_at(char, powered).match(text, position)


@cache
def _pattern_at(char: str, powered: bool) -> regex.Pattern:
    """The unit pattern of the spellings that may match where the ASCII `char` stands, in
    the same order, so the same one wins: a symbol starting with `char`, a word starting
    with it in either case, and a word starting beyond ASCII (whose case-folding might
    reach `char`); no other spelling can match there."""
    kept = tuple((s, word) for s, word in _unit_spellings(powered)
                 if s[:1] == char or word and (not s[:1].isascii()
                                               or s[:1].lower() == char.lower()))
    return _powered_pattern(kept) if powered else _unit_pattern(kept)


def may_spell_unit(text: str, position: int) -> bool:
    """Whether `unit_pattern` (or `powered_unit_pattern`, whose spellings are among its)
    may match at `position`: False only in ASCII text whose first characters there begin
    no spelling, words case-folded: a spelling of one or two characters not followed by
    a letter (after which no unit ends, and no power starts), or the first three
    characters of a longer one. A set look-up tells that for less than trying every
    spelling costs (`3 stages`: spellings start with `st`, none with `sta`).

    >>> may_spell_unit("3 GB", 2), may_spell_unit("3 epochs", 2), may_spell_unit("3%", 1)
    (True, False, True)
    >>> may_spell_unit("3 stages", 2), may_spell_unit("3 ms.", 2), may_spell_unit("9 s2", 2)
    (False, True, True)
    """
    openings = _unit_openings()
    head = text[position:position + 3]
    if openings is None or not head.isascii():
        return True
    singles, pairs, triples = openings
    lowered = head.lower()
    return ((head[:1] in singles or lowered[:1] in singles) and not _letter_at(head, 1)
            or (head[:2] in pairs or lowered[:2] in pairs) and not _letter_at(head, 2)
            or head in triples or lowered in triples)


def _letter_at(head: str, index: int) -> bool:
    """Whether an (ASCII) letter stands at `index` of `head`."""
    return head[index:index + 1].isalpha()


@cache
def _unit_openings() -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """The spellings `unit_pattern` reads of one and two characters and the first three
    characters of the others, words case-folded as `regex` compares them (the Turkish i
    made plain); None if a spelling is empty."""
    spellings = [s for r in records() for s in r.symbols]
    spellings += [w.translate(_TURKISH_I).casefold() for r in records() for w in r.words]
    if not all(spellings):
        return None
    return (frozenset(s for s in spellings if len(s) == 1),
            frozenset(s for s in spellings if len(s) == 2),
            frozenset(s[:3] for s in spellings if len(s) > 2))


_TURKISH_I = str.maketrans("İı", "ii")


#: The dimensions whose units take a power (`km/s2`, `km cubed`, `s-1`, `fb^-1`).
POWERED_DIMENSIONS = frozenset({"length", "time", "area"})
#: A power written right after a unit: `2`, `^2`, `^{3}`, `-1`, `^-1`, `²`, `⁻¹`; or a word
#: after a space (`km squared`).
_POWER = (r"(?:\^\{?(?P<power>-?[1-3])\}?|(?P<power>-1|[23])|(?P<power>[²³]|⁻¹)"
          r"|\s(?P<power>(?i:squared|cubed)))")
_POWERS = {"2": 2, "3": 3, "-1": -1, "²": 2, "³": 3, "⁻¹": -1, "squared": 2, "cubed": 3}


@cache
def powered_unit_pattern() -> regex.Pattern:
    """A spelling of a unit of `POWERED_DIMENSIONS` with its power (`s2`, `km squared`)."""
    return _powered_pattern(_unit_spellings(True))


def _powered_pattern(spellings: tuple[tuple[str, bool], ...]) -> regex.Pattern:
    return regex.compile(f"(?P<unit>{_spelled(spellings)}){_POWER}{_UNIT_END}",
                         regex.VERSION1)


def powered(unit: str, power: str) -> str:
    """A unit raised to a power as written (`km`, `cubed` -> `km**3`; `s`, `-1` -> `s**-1`: a
    plain unit, as `claims.quantity.units.is_plain_unit` asks of units in files).

    >>> powered("km", "cubed"), powered("s", "-1"), powered("s", "2"), powered("m", "1")
    ('km**3', 's**-1', 's**2', 'm')
    """
    exponent = _POWERS.get(power.lower()) or (int(power) if regex.fullmatch(r"-?\d", power)
                                              else 1)
    if exponent == 1:
        return unit
    return f"{unit}**{exponent}"


@cache
def clause_end_pattern() -> regex.Pattern:
    """A `clause_end` spelling (`in`) where the clause ends after it or a word of size
    (`size_words` of the lexicon: `thick`) follows; its `unit` group is the spelling."""
    spellings = [s for r in records() for s in r.clause_end] or ["(?!)"]
    sizes = _alternation([str(w) for w in _lexicon().get("size_words", [])]) or "(?!)"
    return regex.compile(rf"(?P<unit>{_alternation(spellings)})"
                         rf"(?=\s?(?:[.,;:!?)\]]|$)|\s(?i:{sizes})\b)", regex.VERSION1)


def _words_of(dimensions_key: str) -> list[str]:
    """The unit words of the dimensions the lexicon lists under `dimensions_key`."""
    dimensions = set(_lexicon().get(dimensions_key, []))
    return [w for r in records() if r.dimension in dimensions for w in r.words]


def _one_of_a_unit(article: str, joint: str, dimensions_key: str) -> regex.Pattern:
    """`article` standing for one of a unit word of those dimensions that follows past
    `joint`: its `article` group is the number, its `unit` group the spelling."""
    words = _alternation(_words_of(dimensions_key)) or "(?!)"
    return regex.compile(rf"(?<![\w-])(?P<article>(?i:{article})){joint}"
                         rf"(?=(?P<unit>(?i:{words})){_UNIT_END})", regex.VERSION1)


@cache
def article_pattern() -> regex.Pattern:
    """`a`/`an` before a word of a unit whose dimension is one of the lexicon's
    `article_dimensions` (`a gallon`, `a penny`): one of that unit."""
    return _one_of_a_unit(r"an?", r"\s", "article_dimensions")


@cache
def sub_unit_pattern() -> regex.Pattern:
    """`sub-millisecond`, `sub-second`, `sub-centimeter`: under one of a unit of the
    lexicon's `sub_dimensions`; `sub` stands for the number."""
    return _one_of_a_unit("sub", "-", "sub_dimensions")


@cache
def article_heads() -> frozenset[str] | None:
    """The first run of letters a-z of each word `article_pattern` reads, case-folded;
    None when one does not start with such a letter. ASCII text matches a word only
    where its lower-cased letters spell the case-folded word, so one that holds none of
    these as a whole run of letters holds no article of a unit."""
    heads = [_LEADING_LETTERS.match(w.casefold()) for w in _words_of("article_dimensions")]
    return None if None in heads else frozenset(head.group() for head in heads)


_LEADING_LETTERS = regex.compile(r"[a-z]+")


def may_start_clause_end(text: str, position: int) -> bool:
    """Whether `clause_end_pattern` may match at `position`: its spellings are matched in
    their case, so the character there must open one (`in`); a number seldom has an
    `i` after it, and a set look-up spares the match.

    >>> may_start_clause_end("2 in.", 2), may_start_clause_end("2 GB", 2)
    (True, False)
    """
    openings = _clause_end_openings()
    return openings is None or text[position:position + 1] in openings


@cache
def _clause_end_openings() -> frozenset[str] | None:
    """The first characters of the `clause_end` spellings; None if one is empty."""
    spellings = [s for r in records() for s in r.clause_end]
    return None if not all(spellings) else frozenset(s[0] for s in spellings)


@cache
def clause_end_units() -> dict[str, str]:
    return {s: r.unit for r in records() for s in r.clause_end}


@cache
def prefix_pattern() -> regex.Pattern:
    """Currency marks written before a number (`$`, `US$`, `€`), ending where it starts."""
    prefixes = [p for r in records() for p in r.prefixes]
    return regex.compile(rf"(?:(?<![A-Za-z])(?i:{_alternation(prefixes)}))\s?$", regex.VERSION1)


def may_end_prefix(text: str, position: int) -> bool:
    """Whether `prefix_pattern` may find a mark ending right before `position` (past one
    space): False only where the character there is ASCII and no mark ends with it, case
    folded. Most numbers follow a space after a word, a bracket or a digit, and a set
    look-up spares them the search, which tries every position of its window.

    >>> may_end_prefix("$4.6M", 1), may_end_prefix("(2023)", 1), may_end_prefix("USD 5", 4)
    (True, False, True)
    """
    ends = _prefix_ends()
    before = position - 1
    if before >= 0 and text[before].isspace():
        before -= 1  # the one space the pattern allows after a mark
    if before < 0:
        return False
    char = text[before]
    return ends is None or not char.isascii() or char.casefold() in ends


@cache
def _prefix_ends() -> frozenset[str] | None:
    """The last characters of the prefixes, case-folded (`regex` matches an ASCII letter
    with each character folding to it); None if one ends in a space or none is written."""
    prefixes = [p for r in records() for p in r.prefixes]
    if not prefixes or any(not p or p[-1].isspace() for p in prefixes):
        return None
    return frozenset(p[-1].casefold() for p in prefixes)


@cache
def prefix_reach() -> int:
    """How far before a number its longest prefix can start (`a factor of`)."""
    return max(len(p) for r in records() for p in r.prefixes) + 1


@cache
def prefix_units() -> dict[str, str]:
    return {p.lower(): r.unit for r in records() for p in r.prefixes}


@cache
def symbols() -> frozenset[str]:
    """Every case-sensitive spelling (`W`, `GB`), as opposed to words (`watts`)."""
    return frozenset(s for r in records() for s in r.symbols)


@cache
def _casefolded() -> dict[str, str]:
    return {k.casefold(): v for k, v in spelling_table().items()}


def unit_named(spelling: str) -> str | None:
    """The unit a spelling names: exact first, then in any case (words only).

    >>> unit_named("GB"), unit_named("Gigabytes"), unit_named("B"), unit_named("widgets")
    ('GB', 'GB', 'params', None)
    """
    table = spelling_table()
    if spelling in table:
        return table[spelling]
    return _casefolded().get(spelling.casefold())
