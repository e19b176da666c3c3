"""Score extracted claims against gold annotations (tests/fixtures/GUIDELINES.md).

Scoring counts distinct facts, matched one to one:

- Dedup: a fact is (doc, kind, value and value_max rounded to 6 significant digits,
  unit, and the hardware when the value is null). Units pint knows are kept as
  written; others (counted nouns) by their head noun, lowercased, without a final
  plural "s" (`image-text pairs` is `pair`). Gold and predictions
  are both deduplicated; the first occurrence stands for the fact.
- Match: same doc, same kind, and values that agree within relative tolerance 1e-3
  after conversion to base units (`1 TFLOPS` == `1000 GFLOPS`; `50%` == `0.5 x`).
  When either unit is unknown to pint, their head nouns must be equal lowercased and
  without a final plural "s" (`graphs` == `graph`, `QA pairs` == `pairs`), and the
  raw values are compared.
  value_max must agree the same way, or be null on both sides.
- Percent as factor: for speedup, improvement, compression and reduction, `p %` on
  one side matches `f x` on the other when f == 1 + p/100 (`30% faster` == `1.3x`).
  The same reading applies to value and value_max. For compression and reduction
  this is the rule as specified, although "50% smaller" is really a 2x reduction.
- Null values (a device named without a count) match when both are null and the
  `hardware` fields are equal, ignoring case and runs of whitespace.
- Greedy and deterministic: per (doc, kind), each gold fact in file order takes the
  first unmatched matching prediction in prediction order.

Precision and recall use tp/(tp+fp) and tp/(tp+fn); an empty denominator gives 1.0
when the other side is empty too (nothing to find, nothing found), else 0.0.

Context is scored per field on matched pairs, in two separate figures (blank strings
count as null):

- accuracy, on the pairs where the gold states the field: the share where the
  prediction agrees. A pair where both sides are null tells nothing and is not counted;
  with no such pair the accuracy is 1.0 (0 of 0 wrong).
- attached where the gold has none, on the pairs where the gold's field is null: the
  share where the prediction sets it anyway; with no such pair the rate is 0.0.

`qualifier` must be equal after lowercasing; `hardware` equal ignoring case and runs
of whitespace; `dataset` equal ignoring case, punctuation and a plural s
(WikiText103 = WikiText-103), or two spellings of one entry of the dataset lexicon
(ImageNet-1K = ImageNet, MS COCO = COCO; an entry is one dataset, its variants such as
MMLU-Pro entries of their own); `metric`, `baseline` and `subject` are lenient:
ignoring case, one contains the other, or their sets of alphanumeric word tokens
overlap with Jaccard >= 0.5.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from claims.model import Claim, Kind
from claims.output.write import from_csv_cell
from claims.quantity.units import (
    canonical_unit,
    in_base_units,
    is_known_plain_unit,
    is_plain_unit,
)

#: Relative tolerance for two values to agree.
REL_TOL = 1e-3
#: Kinds where a percent may stand for a factor (30% faster == 1.3x).
PERCENT_AS_FACTOR = frozenset({"speedup", "improvement", "compression", "reduction"})
#: Context fields scored on matched pairs, in report order.
CONTEXT_FIELDS = ("metric", "dataset", "hardware", "baseline", "subject", "qualifier")

_TOKEN = re.compile(r"[^\W_]+")

Row = dict[str, Any]


class Scores(BaseModel):
    """Counts and precision/recall/F1 for one kind or overall."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> Scores:
        """Scores from counts; see the module docstring for empty denominators."""
        precision = tp / (tp + fp) if tp + fp else float(fn == 0)
        recall = tp / (tp + fn) if tp + fn else float(fp == 0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp


class ContextScore(BaseModel):
    """One context field on matched pairs: agreement where the gold states it, and how
    often a value is attached where the gold has none."""

    correct: int  # gold states the field and the prediction agrees
    stated: int  # pairs whose gold states the field
    accuracy: float  # correct / stated (1.0 when none)
    attached: int  # gold null, prediction set
    unstated: int  # pairs whose gold field is null
    attached_rate: float  # attached / unstated (0.0 when none)

    @classmethod
    def of(cls, correct: int, stated: int, attached: int, unstated: int) -> ContextScore:
        """Scores from counts; see the module docstring for empty denominators."""
        return cls(correct=correct, stated=stated,
                   accuracy=correct / stated if stated else 1.0,
                   attached=attached, unstated=unstated,
                   attached_rate=attached / unstated if unstated else 0.0)


class Report(BaseModel):
    """The outcome of one evaluation."""

    kinds: dict[str, Scores]
    overall: Scores
    context: dict[str, ContextScore]
    misses: list[Row]
    false_positives: list[Row]


# --- loading -------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[Row]:
    """Gold claims from JSONL; a bad line raises ValueError naming `file:line`."""
    return _read_jsonl(Path(path))


def load_predictions(path: str | Path) -> list[Row]:
    """Predicted claims from JSONL, CSV or Parquet, as rows with a `doc` key."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_table(path, header_lines=1)
    if suffix in (".parquet", ".pq"):
        return _read_table(path, header_lines=None)
    return _read_jsonl(path)


def _read_jsonl(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(_as_row(json.loads(line)))
            except ValueError as err:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"{path}:{number}: {err}") from err
    return rows


def _read_table(path: Path, header_lines: int | None) -> list[Row]:
    """Rows of a CSV (header_lines=1) or Parquet file; pandas only imported here."""
    import pandas as pd

    if header_lines is None:
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_csv(path, dtype={"doc": str, "doc_id": str},
                            keep_default_na=False, na_values=[""])
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if header_lines is not None:  # CSV: text cells as written before `csv_cell`
        records = [{k: from_csv_cell(v) if isinstance(v, str) else v for k, v in r.items()}
                   for r in records]
    rows = []
    for index, record in enumerate(records):
        where = f"{path}:{index + 1 + header_lines}" if header_lines else f"{path}: row {index}"
        try:
            rows.append(_as_row(record))
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from err
    return rows


def _as_row(item: Mapping[str, Any] | Claim) -> Row:
    """A checked plain dict with `doc`, a kind name, float values and a unit string."""
    if isinstance(item, Claim):
        item = item.row()
    if not isinstance(item, Mapping):
        raise ValueError(f"expected an object, got {type(item).__name__}")
    row = dict(item)
    if "doc" not in row and "doc_id" in row:
        row["doc"] = row.pop("doc_id")
    if not isinstance(row.get("doc"), str) or not row["doc"]:
        raise ValueError("missing or non-string 'doc'")
    try:
        row["kind"] = Kind(row.get("kind")).value
    except ValueError:
        raise ValueError(f"unknown kind {row.get('kind')!r}") from None
    row["value"] = _number(row.get("value"), "value")
    row["value_max"] = _number(row.get("value_max"), "value_max")
    if row["value_max"] is not None and row["value"] is None:
        raise ValueError("value_max without value")
    unit = row.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise ValueError(f"unit must be a string, got {unit!r}")
    row["unit"] = canonical_unit(unit.strip()) if unit and unit.strip() else ""
    return row


def _number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number or null, got {value!r}")
    return None if math.isnan(value) else float(value)


# --- facts and matching --------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _blank(text: Any) -> bool:
    return text is None or (isinstance(text, str) and not text.strip())


def _unit_key(unit: str) -> str:
    """How an unknown unit (a counted noun) compares: its head noun, lowercased, without
    a final plural "s"; where a noun phrase starts is a matter of taste, what is
    counted is not (`image-text pairs` counts pairs).

    >>> _unit_key("Alltoalls") == _unit_key("Alltoall"), _unit_key("graphs")
    (True, 'graph')
    >>> _unit_key("image-text pairs") == _unit_key("pairs") == _unit_key("QA pair")
    True
    """
    words = re.split(r"[\s-]+", unit.strip().lower())
    key = words[-1] if words else ""
    return key[:-1] if len(key) > 1 and key.endswith("s") else key


def _hardware_key(hardware: Any) -> str | None:
    return None if _blank(hardware) else _squash(str(hardware)).casefold()


def _sig6(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.6g}")


def _fact_key(row: Row) -> tuple:
    """What makes two rows the same fact (see the module docstring)."""
    unit = row["unit"] if is_known_plain_unit(row["unit"]) else _unit_key(row["unit"])
    hardware = _hardware_key(row.get("hardware")) if row["value"] is None else None
    return (row["doc"], row["kind"], _sig6(row["value"]), _sig6(row["value_max"]), unit,
            hardware)


def fact_key(item: Mapping[str, Any] | Claim) -> tuple:
    """The fact a claim or a gold row states: rows with one key count once, so a row
    is a false positive (or a miss) exactly when the report lists a row of its key.

    >>> fact_key({"doc": "d", "kind": "speedup", "value": 3.25, "unit": "x"})
    ('d', 'speedup', 3.25, None, 'x', None)
    """
    return _fact_key(_as_row(item))


def _dedupe(rows: Iterable[Row]) -> list[Row]:
    """The first row of every distinct fact, in input order."""
    seen: dict[tuple, Row] = {}
    for row in rows:
        seen.setdefault(_fact_key(row), row)
    return list(seen.values())


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL)


@cache
def _base(value: float, unit: str) -> tuple[float, str] | None:
    """In base units; a unit outside the plain grammar is unknown, never given to pint."""
    return in_base_units(value, unit) if not unit or is_plain_unit(unit) else None


def _same_quantity(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """Equal after unit conversion, or same unknown unit and close raw values."""
    base_a, base_b = _base(a, unit_a), _base(b, unit_b)
    if base_a is None or base_b is None:
        return _unit_key(unit_a) == _unit_key(unit_b) and _close(a, b)
    return base_a[1] == base_b[1] and _close(base_a[0], base_b[0])


def _percent_is_factor(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """`p %` on one side against `f x` on the other, with f == 1 + p/100.

    >>> _percent_is_factor(30, "%", 1.3, "x"), _percent_is_factor(1.3, "x", 30, "%")
    (True, True)
    """
    if (unit_a, unit_b) == ("%", "x"):
        return _close(1 + a / 100, b)
    if (unit_a, unit_b) == ("x", "%"):
        return _close(a, 1 + b / 100)
    return False


Agreement = Callable[[float, str, float, str], bool]


def _agree_by(agree: Agreement, gold: Row, pred: Row) -> bool:
    """Whether value and value_max both agree under one reading of the units."""
    if (gold["value_max"] is None) != (pred["value_max"] is None):
        return False
    if not agree(gold["value"], gold["unit"], pred["value"], pred["unit"]):
        return False
    return gold["value_max"] is None or agree(gold["value_max"], gold["unit"],
                                              pred["value_max"], pred["unit"])


def matches(gold: Row, pred: Row) -> bool:
    """Whether a prediction states the same fact as a gold claim (checked rows)."""
    if gold["doc"] != pred["doc"] or gold["kind"] != pred["kind"]:
        return False
    if gold["value"] is None or pred["value"] is None:
        return (gold["value"] is None and pred["value"] is None
                and _hardware_key(gold.get("hardware")) == _hardware_key(pred.get("hardware")))
    readings: list[Agreement] = [_same_quantity]
    if gold["kind"] in PERCENT_AS_FACTOR:
        readings.append(_percent_is_factor)
    return any(_agree_by(agree, gold, pred) for agree in readings)


def _pair(gold: list[Row], pred: list[Row]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, greedy in input order."""
    by_group: dict[tuple[str, str], list[int]] = {}
    for j, row in enumerate(pred):
        by_group.setdefault((row["doc"], row["kind"]), []).append(j)
    pairs = []
    for i, row in enumerate(gold):
        candidates = by_group.get((row["doc"], row["kind"]), [])
        j = next((j for j in candidates if matches(row, pred[j])), None)
        if j is not None:
            candidates.remove(j)
            pairs.append((i, j))
    return pairs


# --- context agreement ---------------------------------------------------------------


def _lenient(a: str, b: str) -> bool:
    """Loose text agreement for metric, baseline and subject.

    >>> _lenient("End-to-end inference speedup", "inference speedup")
    True
    >>> _lenient("inference throughput", "throughput of inference"), _lenient("FID", "accuracy")
    (True, False)
    >>> _lenient("Alltoalls", "Alltoall communications")
    True
    >>> _lenient("naive top-score selection", "N"), _lenient("QA", "quality")
    (False, False)
    """
    a, b = _squash(a).casefold(), _squash(b).casefold()
    if _words_within(a, b) or _words_within(b, a):
        return True
    joined_a, joined_b = re.sub(r"[\W_]+", "", a), re.sub(r"[\W_]+", "", b)
    if joined_a == joined_b or min(len(joined_a), len(joined_b)) >= 4 and (
            joined_a in joined_b or joined_b in joined_a):
        return bool(joined_a)  # bit-width = bitwidth
    tokens_a, tokens_b = _stems(a), _stems(b)
    union = tokens_a | tokens_b
    return bool(union) and len(tokens_a & tokens_b) / len(union) >= 0.5


def _words_within(part: str, whole: str) -> bool:
    """Whether `part` stands in `whole` as whole words (`inference speedup` in
    `end-to-end inference speedup`; not the letter `n` in `naive`)."""
    return bool(part) and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", whole) is not None


def _stems(text: str) -> set[str]:
    """Words without a plural s, so `experts` and `expert` agree."""
    return {token.removesuffix("s") if len(token) > 3 else token
            for token in _TOKEN.findall(text)}


def _same_metric(a: str, b: str) -> bool:
    """Loose agreement, or two spellings the metric lexicon knows as one metric.

    >>> _same_metric("EM score", "exact match"), _same_metric("WER", "word error rate")
    (True, True)
    >>> _same_metric("BLEU", "accuracy")
    False
    """
    if _lenient(a, b):
        return True
    name_of = _metric_names()
    known = name_of(a)
    return known is not None and known == name_of(b)


@cache
def _metric_names() -> Callable[[str], str | None]:
    from claims.claim.rulepack import default_ruleset

    return default_ruleset().metrics.name_of


def _same_name(a: str, b: str) -> bool:
    return _squash(a).casefold() == _squash(b).casefold()


def _same_dataset(a: str, b: str) -> bool:
    """Dataset names agree up to case, punctuation and a plural s.

    >>> _same_dataset("WikiText103", "WikiText-103")
    True
    >>> _same_dataset("Natural Question", "Natural Questions")
    True
    >>> _same_dataset("SQuAD 2.0", "SQuAD v2.0")
    True
    >>> _same_dataset("ImageNet", "ImageNet 64x64")
    False
    >>> _same_dataset("ImageNet-1K", "ImageNet"), _same_dataset("MS COCO", "COCO")
    (True, True)
    >>> _same_dataset("MMLU-Pro", "MMLU")
    False
    >>> _same_dataset("Pile", "The Pile")  # a label's `Pile (Loss)`, its bracket left out
    True
    """
    def key(name: str) -> str:
        return re.sub(r"[\W_]+|v(?=\d)", "", name.casefold()).removesuffix("s")

    if key(a) == key(b):
        return True
    known = _dataset_entry(a)
    return known is not None and known == _dataset_entry(b)


def _dataset_entry(name: str) -> str | None:
    """The dataset lexicon's entry that one of its spellings names whole (`ImageNet-1K`,
    `ILSVRC-2012` -> ImageNet); an entry is one dataset, never a family of variants."""
    from claims.claim.rulepack import default_ruleset

    text = _squash(name)
    return next((entry for entry, pattern in default_ruleset().datasets.entries
                 if pattern.fullmatch(text)), None)


def _same_qualifier(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


_FIELD_AGREEMENT: dict[str, Callable[[str, str], bool]] = {
    "metric": _same_metric, "dataset": _same_dataset, "hardware": _same_name,
    "baseline": _lenient, "subject": _lenient, "qualifier": _same_qualifier,
}


def context_agrees(field: str, gold: Any, pred: Any) -> bool:
    """Whether one context field agrees: both null, or both set and alike."""
    if _blank(gold) or _blank(pred):
        return _blank(gold) and _blank(pred)
    return _FIELD_AGREEMENT[field](str(gold), str(pred))


def _field_score(field: str, pairs: list[tuple[Row, Row]]) -> ContextScore:
    """One field's accuracy where the gold states it and its rate where the gold has none."""
    stated = [(g[field], p.get(field)) for g, p in pairs if not _blank(g.get(field))]
    unstated = [p.get(field) for g, p in pairs if _blank(g.get(field))]
    return ContextScore.of(
        correct=sum(context_agrees(field, gold, pred) for gold, pred in stated),
        stated=len(stated),
        attached=sum(not _blank(pred) for pred in unstated),
        unstated=len(unstated))


def _context(pairs: list[tuple[Row, Row]]) -> dict[str, ContextScore]:
    return {field: _field_score(field, pairs) for field in CONTEXT_FIELDS}


# --- evaluation ----------------------------------------------------------------------


def evaluate(predicted: Iterable[Mapping[str, Any] | Claim],
             gold: Iterable[Mapping[str, Any]]) -> Report:
    """Score predictions against gold: per kind, overall, context, and the errors."""
    gold_facts = _dedupe(_checked(gold, "gold"))
    pred_facts = _dedupe(_checked(predicted, "prediction"))
    pairs = _pair(gold_facts, pred_facts)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    misses = [row for i, row in enumerate(gold_facts) if i not in matched_gold]
    false_positives = [row for j, row in enumerate(pred_facts) if j not in matched_pred]
    kinds = {kind.value: _kind_scores(kind.value, pairs, gold_facts, misses, false_positives)
             for kind in Kind
             if any(row["kind"] == kind.value for row in gold_facts + pred_facts)}
    return Report(
        kinds=kinds,
        overall=Scores.of(len(pairs), len(false_positives), len(misses)),
        context=_context([(gold_facts[i], pred_facts[j]) for i, j in pairs]),
        misses=misses,
        false_positives=false_positives,
    )


def _checked(rows: Iterable[Mapping[str, Any] | Claim], what: str) -> list[Row]:
    """Rows through `_as_row`, errors naming the offending row."""
    out = []
    for index, row in enumerate(rows):
        try:
            out.append(_as_row(row))
        except ValueError as err:
            raise ValueError(f"{what} {index}: {err}") from err
    return out


def _kind_scores(kind: str, pairs: list[tuple[int, int]], gold: list[Row],
                 misses: list[Row], false_positives: list[Row]) -> Scores:
    tp = sum(gold[i]["kind"] == kind for i, _ in pairs)
    fp = sum(row["kind"] == kind for row in false_positives)
    fn = sum(row["kind"] == kind for row in misses)
    return Scores.of(tp, fp, fn)


# --- text report ---------------------------------------------------------------------


def _grid(rows: list[list[str]], align: str) -> list[str]:
    """Rows padded into columns; `align` holds one '<' or '>' per column."""
    widths = [max(len(row[c]) for row in rows) for c in range(len(align))]
    return ["  ".join(cell.ljust(w) if a == "<" else cell.rjust(w)
                      for cell, w, a in zip(row, widths, align, strict=True)).rstrip()
            for row in rows]


def _score_row(name: str, s: Scores) -> list[str]:
    return [name, str(s.gold), str(s.pred), str(s.tp),
            f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]


def _number_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.6g}"


def _fact_lines(title: str, rows: list[Row]) -> list[str]:
    lines = ["", f"{title} ({len(rows)}):"]
    if rows:
        table = [["doc", "kind", "text", "value", "value_max", "unit"]] + [
            [row["doc"], row["kind"], json.dumps(row.get("text") or "", ensure_ascii=False),
             _number_text(row["value"]), _number_text(row["value_max"]), row["unit"]]
            for row in rows]
        lines += ["  " + line for line in _grid(table, "<<<>><")]
    return lines


def format_report(report: Report, show_misses: bool = False) -> str:
    """A plain-text summary: scores per kind and overall, context accuracy, errors."""
    table = [["kind", "gold", "pred", "tp", "P", "R", "F1"]]
    table += [_score_row(kind, scores) for kind, scores in report.kinds.items()]
    table.append(_score_row("overall", report.overall))
    lines = _grid(table, "<>>>>>>")
    lines += ["", f"context on {report.overall.tp} matched pairs:"]
    lines += ["  " + line for line in _grid(
        [["field", "where gold states it", "accuracy", "where gold has none", "attached"]]
        + [[field, f"{s.correct}/{s.stated}", f"{s.accuracy:.3f}",
            f"{s.attached}/{s.unstated}", f"{s.attached_rate:.3f}"]
           for field, s in report.context.items()], "<>>>>")]
    if show_misses:
        lines += _fact_lines("misses", report.misses)
        lines += _fact_lines("false positives", report.false_positives)
    return "\n".join(lines)
