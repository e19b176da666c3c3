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
    examples: dict[str, tuple[float, str]] = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _safe(cls, name: str) -> str:
        if not _SAFE_NAME.fullmatch(name):
            raise ValueError(f"unit name {name!r} is not a plain registry name")
        return name

    @field_validator("symbols", "words", "prefixes", "rule_only", mode="before")
    @classmethod
    def _strings(cls, spellings: list) -> tuple[str, ...]:
        return tuple(str(s) for s in spellings or ())


class LexiconError(Exception):
    """The unit lexicon cannot be used; the message names the file and record."""


@cache
def records() -> tuple[UnitRecord, ...]:
    """Every record of `rules/units.yaml`, validated."""
    text = files("claims.rulepacks").joinpath("units.yaml").read_text(encoding="utf-8")
    found = []
    for number, raw in enumerate(yaml.safe_load(text)["units"], 1):
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
    """
    if unit in by_unit():
        return by_unit()[unit].dimension
    head, _, tail = unit.partition("/")
    if tail and head in by_unit():
        rest = by_unit().get(tail)
        return f"{by_unit()[head].dimension} per {rest.dimension if rest else tail}"
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
    spellings = {s: False for r in records() for s in r.symbols}
    spellings.update({w: True for r in records() for w in r.words})
    alternatives = [f"(?i:{regex.escape(s)})" if spellings[s] else regex.escape(s)
                    for s in sorted(spellings, key=len, reverse=True)]
    return regex.compile(f"(?:{'|'.join(alternatives)}){_UNIT_END}", regex.VERSION1)


@cache
def prefix_pattern() -> regex.Pattern:
    """Currency marks written before a number (`$`, `US$`, `€`), ending where it starts."""
    prefixes = [p for r in records() for p in r.prefixes]
    return regex.compile(rf"(?:(?<![A-Za-z])(?i:{_alternation(prefixes)}))\s?$", regex.VERSION1)


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
