"""A table's cells as the text of a document field, whatever reader found the table.

Every reader lays cells out the same way, so a claim's offsets index its cell in the
field: a row's cells joined by ` | `, rows by a newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.model import Cell, Table

SEPARATOR, NEWLINE = " | ", "\n"


@dataclass
class GridCell:
    """A cell as a reader found it, before it has offsets."""

    text: str
    column: int
    columns: int = 1
    rows: int = 1
    bold: bool = False
    underline: bool = False


def laid_out(grid: list[list[GridCell]]) -> list[list[Cell]]:
    """The cells of each row with their offsets in the table's field text."""
    rows: list[list[Cell]] = []
    position = 0
    for index, placed in enumerate(grid):
        if index:
            position += len(NEWLINE)
        cells = []
        for order, raw in enumerate(placed):
            if order:
                position += len(SEPARATOR)
            cells.append(Cell(text=raw.text, row=index, column=raw.column, rows=raw.rows,
                              columns=raw.columns, bold=raw.bold, underline=raw.underline,
                              start=position, end=position + len(raw.text)))
            position += len(raw.text)
        rows.append(cells)
    return rows


def table_text(table: Table) -> str:
    """The field text of a table: its cells where their offsets say."""
    return NEWLINE.join(SEPARATOR.join(cell.text for cell in row) for row in table.rows)


#: A number as a cell writes it (`1,024`, `0.42`, `.912`).
_NUMBER = r"[-+−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"
#: A cell that states a number (`71.2`, `-3.4`, `85.3 ± 0.4`, `12%`, `1,024`), maybe with
#: a second reading or an interval in brackets (`0.423 (0.429)`, `1.08 [.91, 1.26]`) or
#: only the one in brackets (`(0.393)`), or the spread of the number beside it in a cell
#: of its own (`(±0.35)`).
_NUMERIC = re.compile(rf"{_NUMBER}\s*(?:%|×|x|±.*)?(?:\s*[(\[][^()\[\]]*[)\]])?"
                      rf"|[(\[]\s*{_NUMBER}\s*%?\s*[)\]]"
                      r"|\(\s*±\s*\d[\d,]*(?:\.\d+)?%?\s*\)")


#: What a cell writes for no number (`–`, `N/A`): neither a name nor a number.
_NONE = frozenset({"", "-", "–", "—", "--", "---", "N/A", "n/a", "NA", "NaN", "×", "✗"})


def text_grid(rows: list[list[str | None]]) -> tuple[list[list[GridCell]], int]:
    """A grid of cell texts (None: merged into the cell before it, as PDF table finders
    give them) as cells with their spans, and how many leading rows are headers: those
    with numbers in fewer than half their filled cells past the first (a `10%` among
    `Low | Mid | High` names a column; at least one header row, when rows follow).

    >>> text_grid([["Dataset", "GRPO", "PPO", "DSPO"], ["NQ", "0.42 (0.43)", "(0.39)", "0.58"],
    ...            ["PopQA", "0.39 (0.42)", "(0.39)", "0.49"]])[1]
    1
    """
    grid: list[list[GridCell]] = []
    for row in rows:
        placed: list[GridCell] = []
        for column, text in enumerate(row):
            if text is None and placed:
                placed[-1].columns += 1
            elif text is not None:
                placed.append(GridCell(" ".join(text.split()), column))
        grid.append(placed)
    header = 0
    for placed in grid:
        if _mostly_numbers(placed[1:]):
            break
        header += 1
    if len(grid) > 1:
        header = min(max(header, 1), len(grid) - 1)
    return grid, header


def _mostly_numbers(cells: list[GridCell]) -> bool:
    """Whether numbers fill half the filled cells or more: a row of the body."""
    filled = [cell for cell in cells if cell.text not in _NONE]
    numbers = sum(bool(_NUMERIC.fullmatch(cell.text)) for cell in filled)
    return bool(numbers) and 2 * numbers >= len(filled)
