"""Scoring the quantity layer on third-party suites (tests/fixtures/external/): value
and unit must both agree; units compare through the project's registry."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from claims.quantity import Quantity, lexicon, quantities
from claims.quantity.units import in_base_units

EXTERNAL = Path(__file__).parent / "fixtures" / "external"
#: The dimensions of our lexicon each Recognizers-Text model covers.
RECOGNIZERS_DIMENSIONS = {
    "Age": {"time"},
    "Currency": {"currency"},
    "Dimension": {"length", "mass", "speed", "volume", "area", "angle", "information",
                  "memory"},
    "Temperature": {"temperature", "angle"},
}


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def f1(self) -> float:
        if not self.predicted or not self.gold:
            return 0.0
        precision = self.true_positives / self.predicted
        recall = self.true_positives / self.gold
        return 0.0 if not precision + recall else 2 * precision * recall / (precision + recall)


@cache
def _unit_name_tables() -> dict[str, dict[str, str]]:
    return yaml.safe_load((EXTERNAL / "unit_names.yaml").read_text(encoding="utf-8"))


def unit_names(suite: str) -> dict[str, str]:
    """The suite's unit names in this project's registry names (none: an empty table)."""
    return _unit_name_tables().get(suite) or {}


def _same(value: float, unit: str, other_value: float, other_unit: str) -> bool:
    if unit == other_unit:
        return math.isclose(value, other_value, rel_tol=1e-6)
    try:
        mine, theirs = in_base_units(value, unit), in_base_units(other_value, other_unit)
    except Exception:  # offset units (degC) and odd compounds do not convert: compare names
        return False
    return (mine is not None and theirs is not None and mine[1] == theirs[1]
            and math.isclose(mine[0], theirs[0], rel_tol=1e-6))


def _predicted(found: Quantity) -> tuple[float, str]:
    """A range as its mean (how quantulum3 stores one); counted nouns are bare counts."""
    value = found.value if found.value_max is None else (found.value + found.value_max) / 2
    return value, "" if found.counted or found.unit in ("x",) and found.spelled else found.unit


def _match(gold: list[tuple[float, str]], predicted: list[tuple[float, str]], score: Score
           ) -> None:
    score.gold += len(gold)
    score.predicted += len(predicted)
    left = list(predicted)
    for value, unit in gold:
        hit = next((p for p in left if _same(value, unit, *p)), None)
        if hit is not None:
            left.remove(hit)
            score.true_positives += 1


def quantulum3() -> Score:
    """quantulum3's `quantities.json`: every quantity of each sentence, bare numbers too."""
    score = Score()
    names = unit_names("quantulum3")
    for case in json.loads((EXTERNAL / "quantulum3_quantities.json").read_text("utf-8")):
        gold = [(float(r["value"]), names.get(r["unit"], r["unit"])) for r in case["res"]]
        _match(gold, [_predicted(q) for q in quantities(case["req"])], score)
    return score


def recognizers(model: str) -> Score:
    """A Recognizers-Text NumberWithUnit spec: quantities of the model's dimensions."""
    score = Score()
    names = {**unit_names("recognizers"), **unit_names(f"recognizers_{model}")}
    dimensions = RECOGNIZERS_DIMENSIONS[model]
    path = EXTERNAL / f"recognizers_{model}Model.json"
    for case in json.loads(path.read_text("utf-8")):
        if case.get("NotSupported") or case.get("NotSupportedByDesign"):
            continue
        gold = [(float(r["Resolution"]["value"]), names.get(r["Resolution"]["unit"],
                                                               r["Resolution"]["unit"]))
                for r in case["Results"] if r["Resolution"].get("value") is not None]
        predicted = [(q.value, q.unit) for q in quantities(case["Input"])
                     if lexicon.dimension_of(q.unit) in dimensions]
        _match(gold, predicted, score)
    return score


if __name__ == "__main__":
    print("quantulum3", round(quantulum3().f1, 3), quantulum3())
    for name in RECOGNIZERS_DIMENSIONS:
        print(name, round(recognizers(name).f1, 3), recognizers(name))
