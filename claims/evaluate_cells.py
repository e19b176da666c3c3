"""Score claims read from results tables against gold table cells.

A gold cell is one numeric cell of a results table, annotated by hand:
`{"source", "table", "row", "column", "value", "uncertainty", "subject", "dataset",
"metric", "best"}` (`row` is the row header as printed, `column` the header path from
the top). `source` names the document the cell belongs to; a prediction names its
document in `doc`.

- Tables: a prediction is about an annotated table when its `table` (or `Table N` of
  its `table_number`) is the gold's (`tab:results`), or one word of it (a subtable's
  gold `table1 (a) Lemmatized` holds the label `table1`; `Table 3 (a)` holds `Table 3`).
  Claims of other tables are not scored: only some tables of a paper are annotated.
- Match: same document and table, values equal within relative tolerance 1e-6 (a
  cell's number is copied, never converted); among several predictions of one value,
  the one agreeing on most context fields. One to one, greedy in gold order. A cell
  printed with a magnitude (`2.0B`, gold value 2.0 and unit `B params` or `B`) is matched by
  the number it stands for too (2e9 parameters, as claims carry sizes).
- Value precision: matched predictions / predictions about annotated tables; recall:
  matched gold cells / gold cells.
- Context: subject, dataset and metric, compared as `claims eval` compares them
  (`context_agrees`), on the matched cells where the gold states the field; `marker`
  (bold best, underlined second) on every matched cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from claims.evaluate import context_agrees

#: Context fields of a cell, compared where the gold states them.
CELL_FIELDS = ("subject", "dataset", "metric")
_REL_TOL = 1e-6

Row = Mapping[str, Any]


class CellScores(BaseModel):
    """The outcome of scoring table cells."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    context: dict[str, tuple[int, int]]  # field -> (agreeing, where the gold states it)
    marker: tuple[int, int]  # (agreeing, matched cells)
    unmatched_predictions: list[dict[str, Any]]
    missed: list[dict[str, Any]]

    def accuracy(self, field: str) -> float:
        """A context field's accuracy where the gold states it (1.0 when it never does)."""
        agreeing, stated = self.context[field]
        return agreeing / stated if stated else 1.0


def table_named(gold_table: str, predicted: str | None, number: int | None = None) -> bool:
    """Whether a prediction's table (its label or `Table N`, and its number) is the
    gold's table, or the table holding it; the gold may name a labelled table by number.

    >>> table_named("table1 (a) Lemmatized", "table1"), table_named("Table 3 (a)", "Table 3")
    (True, True)
    >>> table_named("Table 13", "Table 1"), table_named("tab:results", None)
    (False, False)
    >>> table_named("Table 2", "tbl:cavja", 2)
    True
    """
    names = [name for name in (predicted, f"Table {number}" if number else None) if name]
    return any(gold_table == name or gold_table.startswith(name + " ")
               or name in gold_table.split() for name in names)


def evaluate_cells(predicted: Iterable[Row], gold: Iterable[Row]) -> CellScores:
    """Score predicted claims of tables against gold cells (see the module docstring)."""
    gold = list(gold)
    tables = {(cell["source"], cell["table"]) for cell in gold}
    about = [row for row in predicted if row.get("value") is not None and any(
        source == row.get("doc") and table_named(table, row.get("table"),
                                                 row.get("table_number"))
        for source, table in tables)]
    used: set[int] = set()
    pairs: list[tuple[Row, Row]] = []
    missed: list[dict[str, Any]] = []
    for cell in gold:
        found = _best_match(cell, about, used)
        if found is None:
            missed.append(dict(cell))
            continue
        used.add(found)
        pairs.append((cell, about[found]))
    context = {field: _field(field, pairs) for field in CELL_FIELDS}
    marker = sum((cell.get("best") or None) == (row.get("marker") or None)
                 for cell, row in pairs)
    return CellScores(
        gold=len(gold), predicted=len(about), matched=len(pairs),
        precision=len(pairs) / len(about) if about else float(not gold),
        recall=len(pairs) / len(gold) if gold else 1.0,
        context=context, marker=(marker, len(pairs)),
        unmatched_predictions=[dict(row) for j, row in enumerate(about) if j not in used],
        missed=missed)


def _best_match(cell: Row, rows: list[Row], used: set[int]) -> int | None:
    candidates = [j for j, row in enumerate(rows) if j not in used
                  and row.get("doc") == cell["source"]
                  and table_named(cell["table"], row.get("table"), row.get("table_number"))
                  and any(math.isclose(float(row["value"]), value, rel_tol=_REL_TOL,
                                       abs_tol=1e-12) for value in _values(cell))]
    if not candidates:
        return None
    return max(candidates, key=lambda j: sum(
        context_agrees(field, cell.get(field), rows[j].get(field)) for field in CELL_FIELDS))


#: A magnitude a gold unit is or starts with (`M` under `Params`, `B params`, `K tokens`).
_MAGNITUDES = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def _values(cell: Row) -> list[float]:
    """The gold value as printed and, under a unit with a magnitude, what it stands for.

    >>> _values({"value": 2.0, "unit": "B params"}), _values({"value": 4, "unit": "GB"})
    ([2.0, 2000000000.0], [4.0])
    >>> _values({"value": 22.0, "unit": "M"})
    [22.0, 22000000.0]
    """
    value = float(cell["value"])
    magnitude = (cell.get("unit") or "").partition(" ")[0]
    return [value, value * _MAGNITUDES[magnitude]] if magnitude in _MAGNITUDES else [value]


def _field(field: str, pairs: list[tuple[Row, Row]]) -> tuple[int, int]:
    stated = [(cell[field], row.get(field)) for cell, row in pairs if cell.get(field)]
    return sum(context_agrees(field, gold, pred) for gold, pred in stated), len(stated)
