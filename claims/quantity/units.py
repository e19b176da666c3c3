"""One pint registry for the whole project, extended with our units.

Papers write units in spellings pint would misread (`G` is the gravitational
constant to pint, `FLOPs` would be a plural of FLOP, `GPU-hours` a
subtraction). `rules/units.yaml` maps those spellings to registry names before
pint sees them; everything else is pint's job.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from claims.quantity import lexicon

if TYPE_CHECKING:
    import pint

#: The canonical spelling of a unit in claims, e.g. "x", "%", "params", "GB".
UnitName = str


@cache
def registry() -> pint.UnitRegistry:
    """The project's registry: pint's defaults plus `claims/quantity/units.txt`.

    pint is imported here, not at module import, so commands that never convert a
    unit start faster.
    """
    import pint

    ureg = pint.UnitRegistry(case_sensitive=True, on_redefinition="raise")
    with files("claims.quantity").joinpath("units.txt").open(encoding="utf-8") as fh:
        ureg.load_definitions(fh.read().splitlines())
    return ureg


def spellings() -> dict[str, UnitName]:
    """Paper spellings -> canonical unit names, from the unit lexicon (`rules/units.yaml`)."""
    return lexicon.spelling_table()


@cache
def _spellings_casefold() -> dict[str, UnitName]:
    return {k.casefold(): v for k, v in spellings().items()}


_PER_SECOND = re.compile(r"\s+per\s+second$")


def _squash(spelling: str) -> str:
    return " ".join(spelling.replace("\u2011", "-").split())


@cache
def canonical_unit(spelling: str) -> UnitName:
    """The canonical unit for a spelling as written in a paper.

    >>> canonical_unit("TFLOPs/s"), canonical_unit("G"), canonical_unit("GPU-hours")
    ('TFLOPS', 'GB', 'GPU_hour')
    >>> canonical_unit("Billion parameters".split()[1]), canonical_unit("questions per second")
    ('params', 'questions/s')

    A counted noun that pint does not know is its own unit, as written:

    >>> canonical_unit("instances")
    'instances'
    """
    key = _PER_SECOND.sub("/s", _squash(spelling))
    if key in spellings():
        return spellings()[key]
    if key.casefold() in _spellings_casefold():
        return _spellings_casefold()[key.casefold()]
    return key  # known to pint or not, as written (pint is not loaded to tell)


#: Units and values whose pint readings are remembered: papers use few units, and pint
#: parses a unit name anew on every call (a tenth of a millisecond).
_REMEMBERED = 4096


@lru_cache(maxsize=_REMEMBERED)
def is_known_unit(name: UnitName) -> bool:
    """Whether pint (with our definitions) understands `name`.

    >>> is_known_unit("GB"), is_known_unit("instances")
    (True, False)
    """
    if not name:
        return False
    try:
        registry().parse_units(name.replace("%", "percent"))
    except Exception:  # pint raises many error types (undefined, syntax, tokenizer) on odd text
        return False
    return True


def quantity(value: float, unit: UnitName) -> pint.Quantity:
    """A pint Quantity for a claim's value; a bare number is dimensionless.

    >>> quantity(40, "GB").to("GiB").magnitude
    37.25290298461914
    >>> quantity(120e6, "exaFLOP").to("FLOP").magnitude
    1.2e+26

    A unit pint does not know (`models`) raises UndefinedUnitError.
    """
    ureg = registry()
    if not unit:
        return ureg.Quantity(value)
    return ureg.Quantity(value, unit.replace("%", "percent"))


@lru_cache(maxsize=_REMEMBERED)
def in_base_units(value: float, unit: UnitName) -> tuple[float, str] | None:
    """`value unit` in base units, as (magnitude, base unit text), or None if unknown.

    Used to compare claims whatever unit they were written in.

    >>> in_base_units(1, "TFLOPS") == in_base_units(1000, "GFLOPS")
    True
    >>> in_base_units(1, "bits") == in_base_units(1, "x")
    False
    """
    if unit and not is_known_unit(unit):
        return None
    base = quantity(value, unit).to_base_units()
    return float(base.magnitude), str(base.units)


# --- units read from files ------------------------------------------------------------

#: A unit name (letters first, then letters, digits, `_` or `-`; words joined by single
#: spaces, as in "base pairs"; SI prefixes are part of the name) or `%`.
_NAME = r"(?:%|[^\W\d_][\w-]*(?: [^\W\d_][\w-]*)*)"
#: A name with a small integer power: `^2`, `**-1`.
_TERM = rf"{_NAME}(?:(?:\^|\*\*)-?[1-9])?"
#: Terms joined by `*`, `/` or `·`; at most eight, and 64 characters in all.
_PLAIN_UNIT = re.compile(rf"{_TERM}(?: ?[*/·] ?{_TERM}){{0,7}}")
_PLAIN_UNIT_CHARS = 64


def is_plain_unit(text: str) -> bool:
    """Whether a unit read from a file (claims, gold, a table spec) fits a small grammar
    of names, `*`, `/`, `·` and small powers. pint's parser evaluates arithmetic
    (`x*9**9**9` never finishes), so only a plain unit may be given to it; any other is
    treated as unknown, compared by its text as counted nouns are.

    >>> [is_plain_unit(u) for u in ("mm^2", "GPU_hour", "TOPS/W", "base pairs", "%", "m·s**-2")]
    [True, True, True, True, True, True]
    >>> [is_plain_unit(u) for u in ("x*9**9**9", "2**1000", "m^99", "(s)", "", "m//s")]
    [False, False, False, False, False, False]
    """
    return len(text) <= _PLAIN_UNIT_CHARS and _PLAIN_UNIT.fullmatch(text) is not None


def is_known_plain_unit(text: str) -> bool:
    """A plain unit (`is_plain_unit`) that pint knows: the check for units from files."""
    return is_plain_unit(text) and is_known_unit(text)
