"""Claims to normalized tables, defined by specs (YAML under `tables/`).

A spec names the claim kinds it takes, filters, its columns (a claim field, or a
derived value, with a target unit converted through the project's pint registry),
and a sort order. Derived factors follow one convention, and the value as stated
stays beside them:

- speedup: `3.25x` -> 3.25; `30% faster` -> 1 + 30/100 = 1.3.
- reduction and compression: `2.5x` -> 2.5; `saves 25%` / `60% smaller` /
  `remove 25% of the parameters` -> 1 / (1 - p/100) (1.333..., 2.5); a remaining
  share (`reduces compute to 64%`, a rule whose `reading` is `remaining`) -> 100 / p
  = 1.5625.
- other kinds and units (bits, sparsity, points) have no factor.

Ranges keep their low and high ends; nothing is averaged away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from claims.claim.rulepack import default_ruleset, read_yaml
from claims.model import Claim, Kind
from claims.quantity import units

if TYPE_CHECKING:  # only a type: importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

    import pandas as pd

Row = dict[str, Any]

#: Characters between a memory size and its device (`24GB consumer GPUs`).
_MEMORY_GAP = 24


class TableSpecError(Exception):
    """A table spec that cannot be used; the message names the file and the key."""


class Column(BaseModel):
    """One column: a claim field (`source`) or a derived value (`derive`)."""

    model_config = ConfigDict(extra="forbid")

    header: str
    source: str | None = Field(None, description="a claim field, e.g. subject or text")
    derive: Literal["factor", "factor_max", "as_stated", "value", "value_max", "bits",
                    "sparsity", "removed", "memory", "purpose"] | None = None
    unit: str | None = Field(None, description="target unit; values convert through pint and "
                             "the header names it: `speedup [x]`")

    @model_validator(mode="after")
    def _one_way(self) -> Column:
        if (self.source is None) == (self.derive is None):
            raise ValueError("a column needs exactly one of 'source' and 'derive'")
        if self.source is not None and self.source not in Claim.model_fields:
            raise ValueError(f"unknown claim field {self.source!r} "
                             f"(known: {', '.join(Claim.model_fields)})")
        if self.unit is not None and not units.is_known_plain_unit(self.unit):
            raise ValueError(f"unit {self.unit!r} is not in the unit registry")
        return self

    @property
    def title(self) -> str:
        return f"{self.header} [{self.unit}]" if self.unit else self.header


class Pivot(BaseModel):
    """A pivot of the finished table: one row per `index`, one column per value of
    `columns`, cells from `values` (the first when several rows meet)."""

    model_config = ConfigDict(extra="forbid")

    index: list[str] = Field(min_length=1)
    columns: str
    values: str


class TableSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    kinds: list[Kind] = Field(description="claim kinds in the table; empty means all")
    filters: dict[str, list[str]] = Field({}, description="claim field -> allowed values")
    columns: list[Column] = Field(min_length=1)
    sort: list[str] = Field([], description="headers to sort by; '-header' sorts descending")
    pivot: Pivot | None = Field(None, description="spread one column's values over columns")

    @model_validator(mode="after")
    def _known_names(self) -> TableSpec:
        for field in self.filters:
            if field not in Claim.model_fields:
                raise ValueError(f"filters: unknown claim field {field!r}")
        headers = {c.header for c in self.columns}
        for key in self.sort:
            if key.lstrip("-") not in headers:
                raise ValueError(f"sort: {key!r} is not a column header")
        if self.pivot:
            for key in [*self.pivot.index, self.pivot.columns, self.pivot.values]:
                if key not in headers:
                    raise ValueError(f"pivot: {key!r} is not a column header")
        return self


# --- loading specs -------------------------------------------------------------------


def _builtin_dir() -> Traversable:
    return files("claims.tablespecs")


def builtin_names() -> list[str]:
    """Names of the built-in tables, in a stable order."""
    return [spec.name for spec in builtin_specs()]


@cache
def builtin_specs() -> tuple[TableSpec, ...]:
    found = sorted((p for p in _builtin_dir().iterdir() if p.name.endswith(".yaml")),
                   key=lambda p: p.name)
    return tuple(_load(p) for p in found)


def load_spec(name_or_path: str | Path) -> TableSpec:
    """A built-in spec by name, or a spec file of the user's."""
    for spec in builtin_specs():
        if spec.name == str(name_or_path):
            return spec
    path = Path(name_or_path)
    if not path.is_file():
        raise TableSpecError(f"{name_or_path}: no such table (built-in tables: "
                             f"{', '.join(builtin_names())}) and no such spec file")
    return _load(path)


def _load(path: Traversable | Path) -> TableSpec:
    data = read_yaml(path, TableSpecError)
    try:
        return TableSpec.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise TableSpecError(f"{path}: {key}: {first['msg']}") from None


# --- derived values ------------------------------------------------------------------


def _percent_factor(row: Row, value: float | None) -> float | None:
    """A percentage as a factor, by kind (see the module docstring)."""
    if value is None:
        return None
    kind = row["kind"]
    if kind == "speedup":
        return 1 + value / 100
    if kind in ("reduction", "compression"):
        if _reading(row) == "remaining":
            return 100 / value if value else None
        return 1 / (1 - value / 100) if value < 100 else None
    return None


def _reading(row: Row) -> str:
    """How the claim's rule reads a percentage: change, remaining or removed."""
    return _readings().get(row.get("rule"), "change")


@cache
def _readings() -> dict[str, str]:
    return {r.rule.id: r.rule.reading for r in default_ruleset().rules}


def _factor(row: Row, value: float | None) -> float | None:
    if value is None or _is_sparsity(row):
        return None
    if row["unit"] == "x":
        return value
    if row["unit"] == "%":
        return _percent_factor(row, value)
    return None


def _is_sparsity(row: Row) -> bool:
    return "sparsity" in (row.get("metric") or "").lower()


def _as_stated(row: Row) -> str:
    def number(v: float) -> str:
        return f"{v:g}"

    if row["value"] is None:
        return ""
    text = number(row["value"])
    if row["value_max"] is not None:
        text += f"-{number(row['value_max'])}"
    unit = row["unit"] or ""
    return text + (unit if unit in ("x", "%") else f" {unit}" if unit else "")


def _in_unit(value: float | None, unit: str, target: str | None) -> float | None:
    """`value unit` in `target` through pint; None when they do not convert."""
    if value is None or target is None:
        return value
    if not unit or not units.is_known_plain_unit(unit):  # a file's unit: never evaluated
        return None
    try:
        return float(units.quantity(value, unit).to(target).magnitude)
    except Exception:  # pint's DimensionalityError and friends: not this column's unit
        return None


def _percent_of(row: Row, wanted: Callable[[Row], bool]) -> float | None:
    return row["value"] if row["unit"] == "%" and wanted(row) else None


DERIVED: dict[str, Callable[[Row, Column], Any]] = {
    "factor": lambda row, col: _factor(row, row["value"]),
    "factor_max": lambda row, col: _factor(row, row["value_max"]),
    "as_stated": lambda row, col: _as_stated(row),
    "value": lambda row, col: _in_unit(row["value"], row["unit"], col.unit),
    "value_max": lambda row, col: _in_unit(row["value_max"], row["unit"], col.unit),
    "bits": lambda row, col: row["value"] if row["unit"] == "bits" else None,
    "sparsity": lambda row, col: _percent_of(row, _is_sparsity),
    "removed": lambda row, col: _percent_of(row, lambda r: _reading(r) == "removed"),
    "memory": lambda row, col: row.get("_memory"),
    "purpose": lambda row, col: row.get("sentence"),
}


# --- building ------------------------------------------------------------------------


def build(spec: TableSpec | str, claims: pd.DataFrame | Iterable[Claim | Row]) -> pd.DataFrame:
    """The table `spec` (a spec or a built-in name) over claims (a claims DataFrame, or
    Claim objects / claim rows)."""
    import pandas as pd

    spec = load_spec(spec) if isinstance(spec, str) else spec
    rows = _rows(claims)
    rows = _with_memory(rows) if any(c.derive == "memory" for c in spec.columns) else rows
    kept = [r for r in rows if _selected(spec, r)]
    table = pd.DataFrame([[_cell(r, c) for c in spec.columns] for r in kept],
                         columns=[c.title for c in spec.columns])
    table = _sorted(spec, table)
    return _pivoted(spec, table) if spec.pivot else table


def _rows(claims: pd.DataFrame | Iterable[Claim | Row]) -> list[Row]:
    if hasattr(claims, "to_dict"):
        records = claims.to_dict(orient="records")
    else:
        records = [c.row() if isinstance(c, Claim) else dict(c) for c in claims]
    return [{k: _none_if_nan(v) for k, v in r.items()} for r in records]


def _none_if_nan(value: Any) -> Any:
    return None if isinstance(value, float) and value != value else value


def _selected(spec: TableSpec, row: Row) -> bool:
    if spec.kinds and row["kind"] not in {k.value for k in spec.kinds}:
        return False
    return all(str(row.get(field)) in allowed for field, allowed in spec.filters.items())


def _cell(row: Row, column: Column) -> Any:
    if column.source is not None:
        return row.get(column.source)
    return DERIVED[column.derive](row, column)


def _with_memory(rows: list[Row]) -> list[Row]:
    """Each device claim gets the memory written just before it (`40GB A100 GPUs`), in GB."""
    memories = [(r["doc_id"], r.get("field"), r["end"], _in_unit(r["value"], r["unit"], "GB"))
                for r in rows if r["kind"] == "quantity"]
    memories = [m for m in memories if m[3] is not None]

    def memory_of(row: Row) -> float | None:
        near = [m for m in memories if (m[0], m[1]) == (row["doc_id"], row.get("field"))
                and 0 <= row["start"] - m[2] <= _MEMORY_GAP]
        return near[-1][3] if near else None

    return [{**row, "_memory": memory_of(row)} if row["kind"] == "hardware" else row
            for row in rows]


def _sorted(spec: TableSpec, table: pd.DataFrame) -> pd.DataFrame:
    if not spec.sort or table.empty:
        return table.reset_index(drop=True)
    titles = {c.header: c.title for c in spec.columns}
    keys = [titles[key.lstrip("-")] for key in spec.sort]
    ascending = [not key.startswith("-") for key in spec.sort]
    return table.sort_values(keys, ascending=ascending, kind="stable",
                             na_position="last").reset_index(drop=True)


def _pivoted(spec: TableSpec, table: pd.DataFrame) -> pd.DataFrame:
    titles = {c.header: c.title for c in spec.columns}
    pivot = spec.pivot
    index = [titles[h] for h in pivot.index]
    keys = [*index, titles[pivot.columns]]
    table = table.astype({k: object for k in keys}).fillna({k: "" for k in keys})
    wide = table.pivot_table(index=index, columns=titles[pivot.columns],
                             values=titles[pivot.values], aggfunc="first", sort=False)
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def build_all(claims: pd.DataFrame | Iterable[Claim | Row]) -> dict[str, pd.DataFrame]:
    """Every built-in table, by name."""
    rows = _rows(claims)
    return {spec.name: build(spec, rows) for spec in builtin_specs()}
