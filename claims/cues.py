"""Kinds for quantities no specific rule took, from cue lexicons (`rules/cues.yaml`).

A unit's dimension decides alone (memory is a `quantity`, a rate a `throughput`);
factors, percentages and points take the kind whose cue stands nearest in their
clause; a signed change is never a score. What neither decides is left out with the
reason, for `claims explain`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import regex
import yaml

from claims.model import Kind
from claims.quantity import Quantity

#: Units that need a cue to be a claim: changes and shares.
_RELATIVE = {"x", "%", "points", "permille"}
#: `by 3.2%`, `by up to 2x`: the amount of a change, never a level.
_BY = regex.compile(r"(?i:\bby\s(?:up\sto\s|about\s|over\s|nearly\s|around\s|~)?)$",
                    regex.VERSION1)


@dataclass(frozen=True)
class Decision:
    """What a quantity became: a kind with a confidence, or nothing and why."""

    kind: Kind | None
    confidence: str  # "cue" or "weak"
    reason: str


@cache
def _lexicon() -> dict:
    text = files("claims.rulepacks").joinpath("cues.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def _cue_patterns() -> dict[Kind, regex.Pattern]:
    return {Kind(kind): regex.compile(rf"(?i:\b(?:{pattern}))", regex.VERSION1)
            for kind, pattern in _lexicon()["cues"].items()}


@cache
def _data() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['data']})", regex.VERSION1)


@cache
def _categories() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['categories']})", regex.VERSION1)


def decide(quantity: Quantity, clause: str, at: int) -> Decision:
    """The kind of `quantity`, found at offset `at` of its `clause` (normalized text).

    >>> from claims.quantity import quantities
    >>> q = quantities("runs 2.5x faster")[0]
    >>> decide(q, "runs 2.5x faster", 5).kind
    <Kind.speedup: 'speedup'>
    """
    if quantity.latent:
        return Decision(None, "", "a bare number with no unit")
    if quantity.counted:
        return _counted(quantity)
    by_dimension = _lexicon()["dimensions"].get(quantity.dimension)
    if by_dimension and quantity.unit not in _RELATIVE:
        return Decision(Kind(by_dimension), "cue", f"its unit is {quantity.dimension}")
    if quantity.unit in _RELATIVE and quantity.spelled:
        return Decision(None, "", "a factor in words (`double`, `half`): only rules read these")
    if quantity.unit in _RELATIVE:
        return _by_cue(quantity, clause, at)
    return Decision(None, "", f"no kind for a {quantity.dimension or 'unknown'} unit")


def _counted(quantity: Quantity) -> Decision:
    if _categories().fullmatch(quantity.unit):
        return Decision(None, "", f"a count of {quantity.unit}: categories are not claims")
    if quantity.value.is_integer() and 1900 <= quantity.value <= 2100:
        return Decision(None, "", "a year-like number before a noun (`2015 competitions`)")
    if quantity.spelled and quantity.value < 10:
        return Decision(None, "", f"a small count in words of {quantity.unit}")
    if _data().fullmatch(quantity.unit) and quantity.value >= 2:
        return Decision(Kind.quantity, "cue", f"a count of {quantity.unit}")
    if not quantity.spelled and quantity.value >= _lexicon()["headline"]:
        return Decision(Kind.quantity, "weak", f"a headline count of {quantity.unit}")
    return Decision(None, "", f"a small count of {quantity.unit}: a description, not a result")


def _by_cue(quantity: Quantity, clause: str, at: int) -> Decision:
    """The kind whose cue word stands nearest the number in its clause."""
    distances = {}
    change = quantity.signed or quantity.unit == "x" or bool(_BY.search(clause[:at]))
    for kind, pattern in _cue_patterns().items():
        if kind is Kind.score and change:
            continue  # a change is never an absolute score
        for found in pattern.finditer(clause):
            distance = found.start() - at if found.start() >= at else at - found.end()
            distances[kind] = min(distances.get(kind, 10**9), abs(distance))
    if not distances:
        return Decision(None, "", f"no cue word in its clause for a {quantity.unit} value")
    kind = min(distances, key=lambda k: (distances[k], list(_cue_patterns()).index(k)))
    confidence = "cue" if distances[kind] <= _lexicon()["near"] else "weak"
    return Decision(kind, confidence, f"cue word for {kind.value} nearest in its clause")
