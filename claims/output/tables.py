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

A fact stated twice (the title and the abstract, or two sentences) is one row: rows of one
document with the same kind, value, unit and context keep the statement in the abstract
(else the first), and values listed in that one sentence stay apart (`99%, 99% and 90%`
are three facts). Rankings follow the metric lexicon (`rules/metrics.yaml`): each metric
says whether higher or lower is better, so FID, error rates and perplexity rank lowest
first.
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
from claims.output.cells import Best, Citation
from claims.output.display import display
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
                    "sparsity", "removed", "memory", "purpose", "quote", "better",
                    "citation"] | None = None
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
    `columns` (several headers: one column per combination, named `A / B`), cells from
    `values`: the first when several rows meet, or with `best` the best by that numeric
    column and the row's metric, marked as the best of its column (`Best` cells)."""

    model_config = ConfigDict(extra="forbid")

    index: list[str] = Field(min_length=1)
    columns: str | list[str]
    values: str
    best: str | None = Field(None, description="a numeric column header: each cell is the "
                             "best of the rows meeting there and the best cell of each "
                             "column is marked, by the metric's direction")

    @property
    def column_keys(self) -> list[str]:
        return [self.columns] if isinstance(self.columns, str) else self.columns


class BestFirst(BaseModel):
    """A sort key `{best: header}`: that column best first, by each row's metric (higher
    or lower is better, from the metric lexicon)."""

    model_config = ConfigDict(extra="forbid")

    best: str


class Latex(BaseModel):
    """How the LaTeX export lays the table out."""

    model_config = ConfigDict(extra="forbid")

    compact: bool = Field(False, description="small type and narrow gaps, as wide as the "
                          "text (tabularx): a table that fits a page")
    wrap: list[str] = Field([], description="headers of text columns that wrap")


class TableSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    kinds: list[Kind] = Field(description="claim kinds in the table; empty means all")
    filters: dict[str, list[str]] = Field({}, description="claim field -> allowed values")
    exclude: dict[str, list[str]] = Field({}, description="claim field -> values left out")
    required: list[str] = Field([], description="claim fields a row must have: rows "
                                "without one are left out")
    required_any: list[str] = Field([], description="claim fields of which a row must "
                                    "have at least one (a dataset or a metric)")
    duplicates: Literal["drop", "keep"] = Field(
        "drop", description="drop: a fact stated again in a document is one row (see the "
        "module docstring); keep: a row per statement. The same text matched twice is "
        "always one row")
    columns: list[Column] = Field(min_length=1)
    sort: list[str | BestFirst] = Field([], description="headers (or claim fields not "
                                        "shown) to sort by; '-name' sorts descending, "
                                        "{best: name} best first")
    pivot: Pivot | None = Field(None, description="spread one column's values over columns")
    latex: Latex = Field(Latex(), description="the LaTeX layout")

    @model_validator(mode="after")
    def _known_names(self) -> TableSpec:
        for key, fields in (("filters", self.filters), ("exclude", self.exclude),
                            ("required", self.required), ("required_any", self.required_any)):
            for field in fields:
                if field not in Claim.model_fields:
                    raise ValueError(f"{key}: unknown claim field {field!r}")
        headers = {c.header for c in self.columns}
        for key in self.sort:
            name = key.best if isinstance(key, BestFirst) else key.lstrip("-")
            if name not in headers and name not in Claim.model_fields:
                raise ValueError(f"sort: {name!r} is not a column header or claim field")
        named = [("latex", h) for h in self.latex.wrap]
        if self.pivot:
            pivot = self.pivot
            named += [("pivot", h) for h in [*pivot.index, *pivot.column_keys, pivot.values,
                                             *([pivot.best] if pivot.best else [])]]
        for where, header in named:
            if header not in headers:
                raise ValueError(f"{where}: {header!r} is not a column header")
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


def _shown(text: str | None) -> str | None:
    """A quote as it prints (`$3.25\\times$` -> `3.25×`), for reading in a table."""
    return None if text is None else display(text)


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
    "purpose": lambda row, col: _shown(row.get("sentence")),
    "quote": lambda row, col: _shown(row.get("sentence")),
    "better": lambda row, col: direction(row),
    "citation": lambda row, col: Citation.of(row.get("url"), row.get("bibkey")),
}


def better(metric: str | None) -> str:
    """`higher` or `lower`: which way is better for a metric, from the metric lexicon
    (`rules/metrics.yaml`).

    >>> better("FID"), better("top-1 accuracy"), better("validation loss"), better(None)
    ('lower', 'higher', 'lower', 'higher')
    """
    return default_ruleset().better(metric)


def direction(row: Row) -> str:
    """Which way is better for a row: a change (speedup, reduction...) is better the
    larger it is; a level (a score, a latency, a bit-width) as its table says (`↓` in
    a column header), else as its metric says."""
    context = default_ruleset().context
    relative = {k.value for k in context.relative_kinds}
    if row["kind"] in relative and row["unit"] not in context.level_units:
        return "higher"
    return row.get("better") or better(row.get("metric"))


# --- building ------------------------------------------------------------------------


def build(spec: TableSpec | str, claims: pd.DataFrame | Iterable[Claim | Row]) -> pd.DataFrame:
    """The table `spec` (a spec or a built-in name) over claims (a claims DataFrame, or
    Claim objects / claim rows)."""
    import pandas as pd

    spec = load_spec(spec) if isinstance(spec, str) else spec
    rows = _rows(claims)
    rows = _with_memory(rows) if any(c.derive == "memory" for c in spec.columns) else rows
    kept = _once_per_span([r for r in rows if _selected(spec, r)])
    kept = _once_per_fact(kept) if spec.duplicates == "drop" else kept
    cells = [[_cell(r, c) for c in spec.columns] for r in kept]
    table = pd.DataFrame(cells, columns=[c.title for c in spec.columns])
    for i, column in enumerate(spec.columns):
        if column.derive == "citation":  # kept as `Citation` cells, not as inferred text
            table[column.title] = pd.Series([row[i] for row in cells], dtype=object)
    table = _pivoted(spec, table, kept) if spec.pivot else _sorted(spec, table, kept)
    table.attrs["latex"] = {"compact": spec.latex.compact,
                            "wrap": [_titles(spec)[h] for h in spec.latex.wrap]}
    return table


def _rows(claims: pd.DataFrame | Iterable[Claim | Row]) -> list[Row]:
    """Claim rows with every missing value (NaN, pandas NA) as None."""
    if hasattr(claims, "to_dict"):
        records = claims.astype(object).where(claims.notna(), None).to_dict(orient="records")
    else:
        records = [c.row() if isinstance(c, Claim) else dict(c) for c in claims]
    return [{k: _none_if_nan(v) for k, v in r.items()} for r in records]


def _none_if_nan(value: Any) -> Any:
    return None if isinstance(value, float) and value != value else value


def _selected(spec: TableSpec, row: Row) -> bool:
    if spec.kinds and row["kind"] not in {k.value for k in spec.kinds}:
        return False
    if any(str(row.get(field)) in values for field, values in spec.exclude.items()):
        return False
    if any(row.get(field) in (None, "") for field in spec.required):
        return False
    if spec.required_any and all(row.get(field) in (None, "") for field in spec.required_any):
        return False
    return all(str(row.get(field)) in allowed for field, allowed in spec.filters.items())


# --- duplicates ----------------------------------------------------------------------

#: What makes two rows one fact, besides their document, kind, value and unit.
_CONTEXT = ("metric", "dataset", "hardware", "baseline", "subject")


def _once_per_span(rows: list[Row]) -> list[Row]:
    """The first row of each (document, field, offsets, kind): the same text matched
    twice is one row."""
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        key = (row["doc_id"], row.get("field"), row["start"], row["end"], row["kind"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _fact(row: Row) -> tuple:
    """What a row states: document, kind, value (to 6 significant digits), unit and
    context; the qualifier is left out (`up to 3x` in the title, `3x` in the abstract)."""
    def number(value: float | None) -> float | None:
        return None if value is None else float(f"{value:.6g}")

    if _SIZE_OF in row:
        return (row["doc_id"], row["kind"], number(row["value"]), number(row["value_max"]),
                row["unit"] or "", row[_SIZE_OF])
    return (row["doc_id"], row["kind"], number(row["value"]), number(row["value_max"]),
            row["unit"] or "", *(row.get(name) or None for name in _CONTEXT))


def _once_per_fact(rows: list[Row]) -> list[Row]:
    """Each fact once: the rows of the sentence that states it in the abstract (else of
    the first sentence stating it; for a model size, one naming its model first), in
    their order. Equal values listed in that one sentence are distinct facts and stay."""
    rows = _sizes_as_facts(rows)
    places: dict[tuple, tuple] = {}
    ranks: dict[tuple, tuple[bool, bool]] = {}
    for row in rows:
        fact, place = _fact(row), (row.get("field"), row.get("sentence"))
        rank = (place[0] == "abstract", bool(row.get("subject")))  # a size's model named
        if fact not in places or rank > ranks[fact]:
            places[fact], ranks[fact] = place, rank
    kept = [row for row in rows if (row.get("field"), row.get("sentence")) == places[_fact(row)]]
    return [{k: v for k, v in row.items() if k != _SIZE_OF} for row in kept]


#: A working key: the model a model size is of, for telling its repeated mentions apart.
_SIZE_OF = "\0size of"


def _sizes_as_facts(rows: list[Row]) -> list[Row]:
    """A model size stated again across a paper (`7B` in the abstract, the setup and a
    table) is one fact of its document: what else lies around a mention (a dataset, a
    device) is not part of it, and a mention naming no model belongs to the one model the
    document's other mentions of that size name (two models of one size stay two)."""
    named: dict[tuple, set[str]] = {}
    for row in rows:
        if row["kind"] == Kind.model_size.value and row.get("subject"):
            named.setdefault(_size_key(row), set()).add(row["subject"])
    return [{**row, _SIZE_OF: row.get("subject") or _only(named.get(_size_key(row), set()))}
            if row["kind"] == Kind.model_size.value else row for row in rows]


def _size_key(row: Row) -> tuple:
    return row["doc_id"], row["value"], row["value_max"], row["unit"]


def _only(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None


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


def _titles(spec: TableSpec) -> dict[str, str]:
    return {c.header: c.title for c in spec.columns}


def _sorted(spec: TableSpec, table: pd.DataFrame, rows: list[Row]) -> pd.DataFrame:
    """Sorted by the spec's keys (`rows`: the claim row of each table row); a `{best:
    name}` key by its values signed so that the best comes first whichever way is better
    for the row (`direction`)."""
    if not spec.sort or table.empty:
        return table.reset_index(drop=True)
    keyed = table.copy()
    keys, ascending = [], []
    for n, key in enumerate(spec.sort):
        name = key.best if isinstance(key, BestFirst) else key.lstrip("-")
        values = _sort_values(spec, table, rows, name)
        if isinstance(key, BestFirst):
            values = [_ranked(v, direction(r)) for v, r in zip(values, rows, strict=True)]
        keyed[f"\0key{n}"] = values
        keys.append(f"\0key{n}")
        ascending.append(not isinstance(key, BestFirst) and not key.startswith("-"))
    keyed = keyed.sort_values(keys, ascending=ascending, kind="stable", na_position="last")
    return table.loc[keyed.index].reset_index(drop=True)


def _sort_values(spec: TableSpec, table: pd.DataFrame, rows: list[Row], name: str) -> list:
    """The values of a sort key: a column by its header, else a claim field not shown."""
    titles = _titles(spec)
    if name in titles:
        return list(table[titles[name]])
    return [row.get(name) for row in rows]


def _ranked(value: Any, direction: str) -> float | None:
    """A value signed so that more is better: FID 2.5 ranks above FID 3 as -2.5 > -3."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value:
        return None
    return float(value) if direction == "higher" else -float(value)


_RANK, _COLUMN = "\0rank", "\0column"  # working columns, never shown


def _pivoted(spec: TableSpec, table: pd.DataFrame, rows: list[Row]) -> pd.DataFrame:
    titles = _titles(spec)
    pivot = spec.pivot
    if pivot.best:
        return _leaderboard(spec, table, rows)
    index = [titles[h] for h in pivot.index]
    table = _sorted(spec, table, rows)
    columns = [titles[h] for h in pivot.column_keys]
    keys = [*index, *columns]
    table = table.astype({k: object for k in keys}).fillna({k: "" for k in keys})
    if len(columns) > 1:
        table = table.assign(**{_COLUMN: _joined_keys(table, columns)})
        columns = [_COLUMN]
    wide = table.pivot_table(index=index, columns=columns[0],
                             values=titles[pivot.values], aggfunc="first", sort=False)
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def _joined_keys(table: pd.DataFrame, columns: list[str]) -> list[str]:
    """Column names of a pivot over several headers: the non-empty values joined by ` / `."""
    return [" / ".join(str(v) for v in values if v not in (None, ""))
            for values in table[columns].itertuples(index=False, name=None)]


def _leaderboard(spec: TableSpec, table: pd.DataFrame, rows: list[Row]) -> pd.DataFrame:
    """A pivot whose cell is the best of the rows meeting there, the best cell of each
    column marked (`Best`); rows and columns in the order the spec sorts them."""
    titles = _titles(spec)
    pivot = spec.pivot
    index = [titles[h] for h in pivot.index]
    columns = [titles[h] for h in pivot.column_keys]
    ranks = [_ranked(v, direction(r)) for v, r in zip(table[titles[pivot.best]], rows,
                                                      strict=True)]
    work = _sorted(spec, table.assign(**{_RANK: ranks}), rows)
    work = work[work[_RANK].notna()]
    keys = [*index, *columns]
    work = work.astype({k: object for k in keys}).fillna({k: "" for k in keys})
    work = work.assign(**{_COLUMN: _joined_keys(work, columns)})
    cells = work.sort_values(_RANK, ascending=False, kind="stable").drop_duplicates(
        [*index, _COLUMN])
    methods = list(dict.fromkeys(work[index].itertuples(index=False, name=None)))
    return _board(index, methods, list(dict.fromkeys(work[_COLUMN])),
                  cells[[*index, _COLUMN, titles[pivot.values], _RANK]])


def _board(index: list[str], methods: list[tuple], names: list[str],
           cells: pd.DataFrame) -> pd.DataFrame:
    """The leaderboard's grid: a row per method, a column per name, each cell from
    `cells` (index values..., column name, value, rank), the top rank of a column `Best`."""
    import pandas as pd

    tops = cells.groupby(_COLUMN)[_RANK].max()
    grid: dict[str, list[Any]] = {name: [None] * len(methods) for name in names}
    where = {method: n for n, method in enumerate(methods)}
    for *method, column, value, rank in cells.itertuples(index=False, name=None):
        grid[column][where[tuple(method)]] = Best.of(value) if rank == tops[column] else value
    board = pd.DataFrame(methods, columns=index)
    for name in names:
        board[name] = pd.Series(grid[name], dtype=object)
    return board


def build_all(claims: pd.DataFrame | Iterable[Claim | Row]) -> dict[str, pd.DataFrame]:
    """Every built-in table, by name."""
    rows = _rows(claims)
    return {spec.name: build(spec, rows) for spec in builtin_specs()}
