"""The data model: documents in, claims out (pydantic v2)."""

from __future__ import annotations

import math
from enum import Enum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claims.quantity import units


class Kind(str, Enum):
    """What a claim states; meanings in the annotation guidelines (tests/fixtures)."""

    speedup = "speedup"
    compression = "compression"
    reduction = "reduction"
    improvement = "improvement"
    score = "score"
    efficiency = "efficiency"
    throughput = "throughput"
    model_size = "model_size"
    hardware = "hardware"
    quantity = "quantity"


#: Qualifiers as normalized in claims ("approximately", "~", "around" -> "about").
Qualifier = Literal["up to", "about", "over", "under", "at least", "at most", "nearly",
                    "as little as", "as much as"]


class Cell(BaseModel):
    """One cell of a table as a reader sees it, with where it stands in the grid and
    in the document field that holds the table's text."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the cell's text, formatting unwrapped")
    row: int = Field(ge=0, description="row of the grid (0-based), header rows first")
    column: int = Field(ge=0, description="first column of the grid the cell covers (0-based)")
    rows: int = Field(1, ge=1, description="rows the cell spans (\\multirow)")
    columns: int = Field(1, ge=1, description="columns the cell spans (\\multicolumn)")
    bold: bool = Field(False, description="set in bold: the best of its column, by custom")
    underline: bool = Field(False, description="underlined: the second best, by custom")
    start: int = Field(0, ge=0, description="where the cell's text starts in the table's field")
    end: int = Field(0, ge=0)


class Table(BaseModel):
    """A table of a document, whatever reader found it: its caption, its label and
    number, and its rows of cells; the cells' text is the document field `field`."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(description="the document field holding the cells' text")
    caption: str = ""
    label: str | None = Field(None, description="the table's label (`tab:results`)")
    number: int | None = Field(None, description="the table's number in its document")
    source: str | None = Field(None, description="file the table was read from")
    header_rows: int = Field(0, ge=0, description="how many rows at the top are column "
                             "headers (above the first rule under them)")
    rows: list[list[Cell]] = Field(default_factory=list, description="the rows of the "
                                   "grid, each cell once (a spanning cell at its first row "
                                   "and column)")

    @property
    def name(self) -> str:
        """How a claim names its table: the label, else `Table N`, else its field."""
        return self.label or (f"Table {self.number}" if self.number else self.field)


class Document(BaseModel):
    """One paper (or record) with its text fields, e.g. title and abstract."""

    model_config = ConfigDict(frozen=True)

    id: str
    fields: dict[str, str] = Field(description="field name -> text, in reading order")
    source: str | None = Field(None, description="file the document was read from")
    line: int | None = Field(None, description="line (1-based) of the record in `source`")
    url: str | None = Field(None, description="where the document comes from, e.g. its arXiv "
                            "abstract page")
    bibkey: str | None = Field(None, description="BibTeX key, when the input gives one")
    offset: int = Field(0, ge=0, description="where the text starts in its source's text: "
                        "a text file too long to hold at once is read as consecutive parts, "
                        "documents with one id, and claims' offsets are into the whole text")
    pages: dict[str, list[tuple[int, int]]] = Field(
        default_factory=dict, description="field -> (offset, page number) where each page "
        "of the field starts; given by paged sources (PDF)")
    tables: list[Table] = Field(default_factory=list, description="tables the reader "
                                "found; each one's cells are the text of its own field, "
                                "which is read cell by cell, never as prose")
    spent: float = Field(0.0, ge=0, exclude=True, description="seconds reading the "
                         "document took: its time budget covers reading and extraction")

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def table_fields(self) -> set[str]:
        """The fields that hold tables' cells, not prose."""
        return {table.field for table in self.tables}


class Claim(BaseModel):
    """One number (or range) a paper states, what it is about, and where it stands."""

    model_config = ConfigDict(frozen=True, use_enum_values=False)

    doc_id: str
    kind: Kind
    value: float | None = Field(None, description="the number; null for a device named "
                                "without a count")
    value_max: float | None = Field(None, description="upper end of a range")
    unit: str = Field("", description="x, %, points, params, bits, devices or a pint unit; "
                      "empty for a bare number")
    qualifier: Qualifier | None = None
    metric: str | None = None
    dataset: str | None = None
    hardware: str | None = None
    baseline: str | None = None
    subject: str | None = None
    text: str = Field(description="exact source substring: document[field][start:end]")
    field: str = Field("abstract", description="the document field the claim is in: title, "
                       "abstract, or a section of a full text (introduction, results, ...)")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str = Field("", description="the sentence the claim is in")
    clause: str = Field("", description="the clause of the sentence the claim is in: "
                        "split at semicolons, colons, dashes and while/whereas/but/which")
    page: int | None = Field(None, description="page of the source the claim is on (PDF)")
    rule: str = Field(description="id of the rule that produced the claim (`cue.<kind>`: "
                      "the quantity layer found it and a cue lexicon decided its kind)")
    confidence: Literal["rule", "cue", "weak"] = Field(
        "rule", description="how the kind was decided: a specific rule, a cue (the unit's "
        "dimension or a cue word beside the number), or a weak cue (a count of things, a "
        "cue word farther away): rows to check first")
    table: str | None = Field(None, description="the table the claim is a cell of: its "
                              "label, else `Table N`")
    table_number: int | None = Field(None, description="the table's number in its document "
                                     "(`Table N`), when it has a caption")
    table_file: str | None = Field(None, description="the file the claim's table was "
                                   "read from")
    table_row: int | None = Field(None, description="the cell's row in its table's grid (0-based, "
                            "header rows counted)")
    table_column: int | None = Field(None, description="the cell's column in its table's grid "
                               "(0-based)")
    marker: Literal["best", "second"] | None = Field(
        None, description="how the table marks the cell: bold (best) or underlined (second)")
    better: Literal["higher", "lower"] | None = Field(
        None, description="which way is better for the claim's metric, as its table says "
        "(an arrow in its column header or caption, `lower is better`)")
    uncertainty: float | None = Field(None, description="the spread stated with the value "
                                      "(`83.2 ± 0.4`: 0.4)")
    title: str | None = Field(None, description="title of the document, for citations")
    url: str | None = Field(None, description="source URL of the document, when known")
    bibkey: str | None = Field(None, description="BibTeX key of the document, when known")

    @model_validator(mode="after")
    def _check(self) -> Claim:
        if self.end < self.start:
            raise ValueError(f"end {self.end} < start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError("text length does not match start/end")
        if self.value_max is not None and self.value is None:
            raise ValueError("value_max without value")
        return self

    @classmethod
    def trusted(cls, **values: Any) -> Claim:
        """A claim of values already of their fields' types, built without validation
        as `model_construct` builds it (the same fields in the same order, defaults and
        set fields), for half its cost: its loop over each field's aliases and default
        factory cost more than the rest of making a claim. Only a model without
        post-init hooks or private attributes is built this way."""
        claim = cls.__new__(cls)
        fields = {name: value for name, default in _defaults(cls)
                  if (value := values.get(name, default)) is not _REQUIRED}
        object.__setattr__(claim, "__dict__", fields)
        object.__setattr__(claim, "__pydantic_fields_set__", fields.keys() & values.keys())
        object.__setattr__(claim, "__pydantic_extra__", None)
        object.__setattr__(claim, "__pydantic_private__", None)
        return claim

    @property
    def quantity(self):
        """The value as a pint Quantity in the project's registry (None without a value)."""
        if self.value is None:
            return None
        return units.quantity(self.value, self.unit)

    def row(self) -> dict:
        """A flat dict for tables and JSON, kind as its plain name. A value beyond float
        range (`10^{999999}`) is null there, its text kept: JSON has no Infinity."""
        data = self.model_dump()
        data["kind"] = self.kind.value
        if not all(v is None or math.isfinite(v) for v in (self.value, self.value_max)):
            data["value"] = data["value_max"] = None
        return data


_REQUIRED = object()


@cache
def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """Each field of `model` in order with its default (`_REQUIRED` for none), for
    `Claim.trusted`: shared by every claim, so a default that could change (a factory's,
    a mutable one) is refused here, as is a hook `trusted` would skip."""
    if model.__pydantic_post_init__ or model.__private_attributes__:
        raise TypeError(f"{model.__name__} needs model_construct")
    if not all(field.is_required() or (field.default_factory is None and isinstance(
            field.default, str | int | float | None)) for field in model.model_fields.values()):
        raise TypeError(f"{model.__name__} has a default to copy: use model_construct")
    return tuple((name, _REQUIRED if field.is_required() else field.default)
                 for name, field in model.model_fields.items())


class DocumentError(BaseModel):
    """A problem with one input record; kept in the output beside the claims."""

    source: str
    line: int | None = None
    doc_id: str | None = None
    stage: Literal["read", "extract", "match"] = Field(
        "read", description="where it happened: reading the input, extracting, or matching "
        "(a document over its time budget)")
    severity: Literal["error", "warning"] = Field(
        "error", description="a warning (invalid UTF-8 replaced) keeps the run successful")
    message: str

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        who = f" ({self.doc_id})" if self.doc_id else ""
        return f"{where}{who}: {self.message}"
