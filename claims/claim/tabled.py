"""Claims from the cells of a table: each numeric cell through the quantity layer,
its kind and context from the table around it, never from its text read as prose.

A cell's context comes from where it stands: the row's labels (the leading columns of
words: the method or model, its subject), the column's headers (every stacked level:
dataset, metric, unit, setting), a row that only names a setting above a block of
rows, and the caption (metric, dataset, device). What each names is decided by the
lexicons prose uses (datasets, metrics, devices, the cue lexicon): no table-specific
phrase lists. A unit the cell lacks comes from its headers (`Latency (ms)`, `Acc. (%)`,
`#Params`) or the caption; `±` gives the uncertainty; bold marks the best, underline
the second.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import regex

from claims.claim.context import cues_of, dataset_names
from claims.claim.cues import decide
from claims.claim.named import device_mentions, looks_coined
from claims.claim.rulepack import Lexicon, RuleSet
from claims.model import Cell, Claim, Kind, Table
from claims.normalize import normalize
from claims.quantity import Quantity
from claims.quantity import find as find_quantities

#: A comparison a header's words end with (`d_onehot ≤`): the numbers beside it bound it.
_COMPARED_TO = regex.compile(r"(?:[≤≥<>=]|<=|>=)$", regex.VERSION1)
#: A number as a cell writes it, maybe signed (`1,024`, `-3.4`, `.912`).
_CELL_NUMBER = r"[-+−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"
#: A numeric cell: a number (maybe signed, in scientific notation `3.69 ×10^-31`, with a
#: unit or mark after it), then maybe `± spread`, then maybe a bracketed note (`(+1.2)`)
#: or an arrow.
_NUMERIC = regex.compile(
    rf"^[<>~∼≈]?\s?(?P<v>{_CELL_NUMBER}"
    r"(?:[eE][-+−]?\d{1,3}(?![\w.])|\s?[×x]\s?10\^[-+−]?\d{1,3}|\s?[^\s\d±()|]{1,12})?)"
    r"(?:\s?±\s?(?P<u>\d[\d,]*(?:\.\d+)?|\.\d+)\s?(?:%|pp|p\.p\.|pts?)?)?"
    r"(?:\s?[(\[][^()\[\]]*[)\]])?\s?[↑↓*†‡]*$", regex.VERSION1)
#: A label that names something in a role (`Acc.`, `Δ IP`, `95% CI`), not a note
#: (`(r=0.91)`).
_ROLE_LABEL = regex.compile(r"\p{L}|\d[\d.]*\s?%\s?\p{L}", regex.VERSION1)
#: A header of a measure in percent (`Full%`, `Acc (%)`): never a method's name.
_IN_PERCENT = regex.compile(r"%\s?[)\]]?\s?[↑↓]*$", regex.VERSION1)
#: A symbol set equal to a number in a label (`(r=0.90)`): that number's metric, not the
#: metric of the cells under or beside the label.
_SET_EQUAL = regex.compile(r"[^\s(=]+\s*=\s*[-−+]?\.?\d[\d.]*")
#: A unit written in a header: bracketed (`Latency (ms)`, `Acc. [%]`).
_BRACKETED = regex.compile(r"[(\[]\s?([^()\[\]]{1,16}?)\s?[)\]]", regex.VERSION1)
_WORD = regex.compile(r"[\w][\w\-.+/#@]*", regex.VERSION1)
#: Most rows of column headers.
_MAX_HEADER_ROWS = 4
#: Most leading columns of row labels (a model, a method, a setting).
_MAX_LABEL_COLUMNS = 4
#: Most rows a `\\multirow` cell is looked for above a position.
_MAX_SPAN = 12
#: Which way is better: an arrow, or `higher/lower is better`.
_ARROW = regex.compile(r"(?P<up>↑|(?i:higher|larger)\s(?:is|are|means)\sbetter)"
                       r"|↓|(?i:lower|smaller)\s(?:is|are|means)\sbetter", regex.VERSION1)
#: A row's number before its label: `(7) + image attention`.
_ENUMERATION = regex.compile(r"^\(\d{1,3}\)\s", regex.VERSION1)
#: The units a bracket in a header may give in one character (`(L)` is a label).
_ONE_LETTER_UNITS = "%x×s"
#: A unit a caption states for its numbers: bracketed, set apart from the words before
#: it (`model(s)` is no second), at least two characters or a sign (`(%)`, `(ms)`).
_CAPTION_UNIT = regex.compile(r"(?:^|(?<=\s))[(\[]\s?(?:in\s)?([^()\[\]\s]{2,12}|[%x×])\s?[)\]]",
                              regex.VERSION1)
#: A header that abbreviates (`TF conv.`), holds a number with a unit (`PCA 99%`) or a
#: ranking's cutoff (`top-1`, `P@1`): no dataset's name.
_ABBREVIATED = regex.compile(r"\w\.(?:\s|$)|\d\s?%|^(?i:top|hit|pass|recall|r|p)\s?[-@]\s?\d",
                             regex.VERSION1)
#: A row label in the first person (`Ours`, `Our method (full)`, `Ours1` of a paper's
#: two variants): the paper's method.
_OURS = regex.compile(r"^(?i:ours\d?|our\s(?:method|model|approach|framework|system))\b",
                      regex.VERSION1)
#: What a cell writes for no number (`–`, `N/A`): neither a name nor a number.
_NONE = frozenset({"", "-", "–", "—", "--", "---", "N/A", "n/a", "NA", "NaN", "×", "✗"})
#: A name, maybe with a short bracketed note (`ImageNette (320px)`), before a split.
_SPLIT_OF = regex.compile(r"(?<![\w-])(?P<name>[A-Za-z][\w\-.]*)(?:\s\([^()\s]{1,12}\))?(?=\s)",
                          regex.VERSION1)
#: Where a dataset the table does not name comes from; it makes no number a result.
_PAPER_SOURCE = "the paper's one evaluation dataset"
#: A dataset's name as a paper writes it after an evaluation cue: a capitalized word and
#: the capitalized words after it (`ADQA-Bench`, `Don't Patronize Me!`).
_PAPER_DATASET = r"[A-Z][\w'’\-.]*[\w!](?:\s[A-Z][\w'’\-]*[\w!]?){0,4}"
#: A word going on with a model's name: its version or size (`OLMo 2 7B`).
_VERSION_OR_SIZE = regex.compile(r"v?\d+(?:\.\d+)?(?:[BMK])?", regex.VERSION1)
#: A whole number alone in a cell (`500`, `1,000`): a row's key where words follow it.
_WHOLE = regex.compile(r"\d[\d,]*", regex.VERSION1)
#: A model's size alone (`67B`, `8x22B`, `1.3B`).
_SIZE = regex.compile(r"(?:\d+x)?\d+(?:\.\d+)?[BMKT]", regex.VERSION1)
#: A header naming all parts together: no part of a dataset.
_AGGREGATE = regex.compile(r"(?i:all|avg|average|overall|mean|total|sum)", regex.VERSION1)
#: A spread in a cell of its own, beside its value's (`(±0.35)`, as a PDF prints it under
#: the value): a number of a row of results.
_SPREAD_ALONE = regex.compile(r"[(\[]?\s?±\s?\d[\d,]*(?:\.\d+)?\s?%?\s?[)\]]?", regex.VERSION1)
#: A symbol with a subscript, as a header writes a measure in math (`Δ_Accuracy`,
#: `CV_RI`): a Greek letter or one or two capitals before the subscript.
_SYMBOL = regex.compile(r"^(?:[^\x00-\x7f]|[A-Z]{1,2}|[a-z])_\S", regex.VERSION1)
#: A header naming a split of the dataset above it (`Test`, `OOD`, `Validation`).
#: (`Train` beside `Inf.` is a phase of a latency; results are rarely of a training set.)
_SPLIT_HEADER = regex.compile(r"(?i:test|val(?:id(?:ation)?)?|dev|ood|iid|"
                              r"in[\s-]domain|out[\s-]of[\s-]domain|(?:un)?seen|held[\s-]out)"
                              r"(?:\s(?i:set|split))?|(?-i:ID)", regex.VERSION1)
#: A size going on with a name (`72B-Inst.`, the second line of `Qwen2.5`): no number.
_SIZED_NAME = regex.compile(r"\d+(?:\.\d+)?[BMKT]-[A-Za-z][\w.]*", regex.VERSION1)
#: A run's id: one word holding a digit (`EXP-006a`, `R3`, `#12`).
_RUN_ID = regex.compile(r"[^\s\d]*\d\S*", regex.VERSION1)
#: A header setting a variable (`T = 3`, `k=5`): a setting of the columns under it,
#: neither a dataset nor part of a measure's name.
_ASSIGNMENT = regex.compile(r"\w{1,3}\s?=\s?[\d.,]+[KMB]?", regex.VERSION1)
#: A row label that is a symbol of change alone (`Δ`): the changes of the row above.
_CHANGE_SYMBOL = regex.compile(r"[Δ∆]", regex.VERSION1)
#: A number with the letters of its unit or magnitude (`3m`, `128K`, `24 h`).
_LETTERED = regex.compile(r"\d+(?:\.\d+)?\s?[A-Za-z]{1,3}", regex.VERSION1)
#: Sizes alone, or a range of them (`14B`, `0.5B–14B`).
_SIZES = regex.compile(r"\d+(?:\.\d+)?[BMKT](?:\s?[–-]\s?\d+(?:\.\d+)?[BMKT])?", regex.VERSION1)
#: A header whose words end in a percent sign (`Res.%`, `OT%`): a rate in percent, a
#: measure and no dataset.
_PERCENT_HEADER = regex.compile(r"[\w.]%\s?[↑↓]?$", regex.VERSION1)
#: A row label naming a variant of a method (`w/ LSE Approx`, `w/o routing history`).
_VARIANT = regex.compile(r"(?i:w/o?|with|without)\s", regex.VERSION1)
#: Kinds a cell's words can make of a relative number beyond a score.
_CHANGES = {Kind.speedup, Kind.improvement, Kind.reduction, Kind.compression}


@dataclass(frozen=True)
class _Where:
    """What a cell's row, column and caption name."""

    subject: str | None
    dataset: str | None
    metric: str | None
    hardware: str | None
    words: str  # headers and labels, for the cue lexicon
    sources: dict[str, str]
    known: bool  # a lexicon (or a coined header) named the metric or dataset


def table_claims(doc_id: str, table: Table, ruleset: RuleSet,
                 provenance: dict[str, str | None] | None = None,
                 doc_subject: str | None = None, doc_dataset: str | None = None,
                 doc_metrics: dict[str, str] | None = None,
                 doc_abbreviations: dict[str, str] | None = None
                 ) -> Iterator[tuple[Claim, dict[str, str]]]:
    """A claim for each numeric body cell of `table` whose kind its context decides,
    with where each context field came from; `doc_subject`, the paper's method, is the
    subject of the rows that name it `Ours`; `doc_dataset`, the one dataset the paper
    says it evaluates on (`paper_dataset`), the dataset of a table that names none;
    `doc_metrics`, the metric the paper says it reports per dataset (`paper_metrics`),
    before a dataset's usual one; `doc_abbreviations`, the abbreviations its text
    defines (`coefficient of variation (CV)`), for the symbols of headers (`CV_RI`)."""
    grid = _Grid(table, ruleset, doc_subject, doc_dataset, doc_metrics, doc_abbreviations)
    for row in table.rows[grid.header_rows:]:
        for cell in row:
            if cell.column in grid.label_columns:
                if cell.column in grid.key_columns:
                    claim = _setting_claim(doc_id, table, grid, cell, provenance or {})
                    if claim is not None:
                        yield claim
                continue
            parts = _parts(cell, grid.headers(cell), table.caption)
            for part, header in parts:
                claim = _cell_claim(doc_id, table, grid, part, provenance or {}, header)
                if claim is not None:
                    yield claim
            for part in [] if grid.spread_in_brackets else _bracketed(cell):
                claim = _cell_claim(doc_id, table, grid, part, provenance or {})
                if claim is not None:
                    yield _as_change(claim) if _SIGNED.match(part.text) else claim
            for part, header in parts if len(parts) > 1 else [(cell, None)]:
                yield from _interval_claims(doc_id, table, grid, part, provenance or {}, header)


#: An interval in brackets after a cell's number (`0.05 [0.04, 0.06]`): its two bounds.
_BOUND = r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)"
_INTERVAL = regex.compile(
    rf"^[^()\[\]]*?\d[^()\[\],]*[(\[]\s?(?P<low>{_BOUND})\s?(?P<to>,|--|[–—])\s?"
    rf"(?P<high>{_BOUND})\s?[)\]]\s?$", regex.VERSION1)
#: An interval alone in a cell (`[0.230, 0.270]` under `95% CI`).
_INTERVAL_ALONE = regex.compile(
    rf"^\s*[(\[]\s?(?P<low>{_BOUND})\s?(?P<to>,|--|[–—])\s?(?P<high>{_BOUND})\s?[)\]]\s?$",
    regex.VERSION1)
#: What says a table gives intervals (so `[94–100]` after a value is one).
_INTERVALS_SAID = regex.compile(r"\bCIs?\b|(?i:\bintervals?\b)", regex.VERSION1)
#: A confidence level a caption or header gives its intervals (`95% CI`).
_CONFIDENCE = regex.compile(
    r"(?P<level>\d{2}(?:\.\d+)?)\s?%\s?(?:CIs?\b|(?i:confidence\sinterval))", regex.VERSION1)
#: A row label that says its cells are intervals (`95% CI`, `CI`): the whole label, its
#: level optional, where `_CONFIDENCE` finds a level anywhere.
_CI_LABEL = regex.compile(r"(?:\d{2}(?:\.\d+)?\s?%\s?)?(?:CIs?|(?i:confidence\sintervals?))",
                          regex.VERSION1)


def _interval_claims(doc_id: str, table: Table, grid: _Grid, cell: Cell,
                     provenance: dict[str, str | None], header: str | None = None
                     ) -> Iterator[tuple[Claim, dict[str, str]]]:
    """The bounds of the interval a cell (or a part of one, named `header`) prints in
    brackets after its value (`0.05 [0.04, 0.06]`, a confidence interval) or alone, each
    a claim under the same headers whose metric says which bound it is (of the `95% CI`
    the caption names)."""
    found = _INTERVAL.match(cell.text)
    if not found or not _NUMERIC.match(cell.text):
        found = _INTERVAL_ALONE.match(cell.text)  # `[0.230, 0.270]` under `95% CI`
    said = f"{table.caption} {grid.row_text(cell)}"
    if not found or found["to"] != "," and not _INTERVALS_SAID.search(said):
        return  # `[94–100]` is an interval where the table says it gives them
    level = _CONFIDENCE.search(said)
    interval = f"{level['level']}% CI " if level else ""
    for bound, name in (("low", "lower"), ("high", "upper")):
        start, end = found.span(bound)
        part = cell.model_copy(update={"text": found[bound], "start": cell.start + start,
                                       "end": cell.start + end})
        made = _cell_claim(doc_id, table, grid, part, provenance, header)
        if made is None:
            continue
        claim, sources = made
        what = f"{interval}{name} bound"
        measured = _measure_above(grid, cell) if claim.metric and _CI_LABEL.fullmatch(
            claim.metric) else claim.metric
        metric = f"{measured} ({what})" if measured else what
        yield claim.model_copy(update={"metric": metric}), sources


def _measure_above(grid: _Grid, cell: Cell) -> str | None:
    """The measure of the cell above, whose interval a row of intervals gives (`Mean IP`
    over `95% CI`)."""
    above = grid.covering(cell.row - 1, cell.column)
    if above is None or above.row < grid.header_rows or not above.text.strip():
        return None
    return grid.context(above).metric


#: A count out of a whole (`3 / 240`, `18/240`).
_COUNT_OF = regex.compile(r"^\s*(?P<k>\d[\d,]*)\s?/\s?\d[\d,]*\s?[↑↓*†‡]*$", regex.VERSION1)


def _parts(cell: Cell, headers: list[str], caption: str = ""
           ) -> list[tuple[Cell, str | None]]:
    """A cell holding several numbers under a header naming as many (`71.2/80.4` under
    `EM/F1`), or in a table whose caption names them in brackets (`0.764 [0.757, 0.770] /
    0.814` in `results (test AUROC [95% CI] / test AUPRC)`): each number a cell of its own
    with its name as its lowest header; a count out of a whole (`3 / 240`), the count."""
    pieces = cell.text.split("/")
    names = _names_of_parts(headers[-1]) if headers else []
    if len(names) != len(pieces) and not _COUNT_OF.match(cell.text):
        names = next((named for found in _CAPTION_PARTS.finditer(caption)
                      if len(named := _caption_parts(found["parts"])) == len(pieces)
                      and all(_MEASURE_NAME.fullmatch(name) for name in named)), names)
    if len(pieces) < 2 or len(names) != len(pieces) or not all(
            _NUMERIC.match(piece.strip()) for piece in pieces):
        counted = _COUNT_OF.match(cell.text)
        if counted:  # `3 / 240` under `settings above α`: the count, out of all
            start, end = counted.span("k")
            return [(cell.model_copy(update={"text": counted["k"], "start": cell.start + start,
                                             "end": cell.start + end}), None)]
        return [(cell, None)]
    parts, offset = [], 0
    for piece, name in zip(pieces, names, strict=True):
        start = offset + len(piece) - len(piece.lstrip())
        text = piece.strip()
        parts.append((cell.model_copy(update={"text": text, "start": cell.start + start,
                                              "end": cell.start + start + len(text)}),
                      name.strip()))
        offset += len(piece) + 1
    return parts


#: A header naming the parts of its cells in brackets after what they are
#: (`I/pair (mean/zero)`).
_PARTS_IN_BRACKETS = regex.compile(r"^(?P<what>[^()]+?)\s?\((?P<parts>[^()]+/[^()]+)\)$",
                                   regex.VERSION1)


#: A caption's brackets naming the parts of its cells (`(test AUROC [95% CI] / test
#: AUPRC)`), and a note on a part that is no part of its name (`[95% CI]`).
_CAPTION_PARTS = regex.compile(r"\((?P<parts>[^()]{1,80}?/[^()]{1,80}?)\)", regex.VERSION1)
_PART_NOTE = regex.compile(r"\s?\[[^\[\]]*\]", regex.VERSION1)
#: What a caption's part must look like to name a measure (`AUPRC`, `exact match`), not a
#: unit's parts (`Gen/q`: a time per question).
_MEASURE_NAME = regex.compile(r"\p{L}[\w\-@.]+(?:\s[\w\-@.]+){0,3}", regex.VERSION1)
#: The split a caption's part is measured on, before its measure (`test AUROC`).
_SPLIT_BEFORE = regex.compile(r"^(?i:test|val(?:idation)?|dev)\s(?=\S)", regex.VERSION1)


def _names_of_parts(header: str) -> list[str]:
    """The names a header gives the parts of its cells: split at `/` (`EM/F1`), or what
    it names, each part in brackets before it (`I/pair (mean/zero)`: `mean I/pair`, ...)."""
    found = _PARTS_IN_BRACKETS.match(header.strip())
    if not found:
        return header.split("/")
    return [f"{part.strip()} {found['what']}" for part in found["parts"].split("/")]


def _caption_parts(words: str) -> list[str]:
    """The measures a caption's brackets name for the parts of its cells, without a note
    (`[95% CI]`) or the split measured on (`test AUROC [95% CI] / test AUPRC`: `AUROC`,
    `AUPRC`)."""
    return [_SPLIT_BEFORE.sub("", _PART_NOTE.sub("", name).strip()) for name in
            words.split("/")]


#: A second number in brackets after a cell's number (`96.22 (88.95)`): another reading
#: of the same measure (a strict variant), or signed, its change (`0.290 (-0.175)`); of a
#: fraction (`0.7070 (707/1000)`), its count.
_SECOND = regex.compile(r"^[^()\[\]]*?\d[^()\[\]]*[(\[]\s?(?P<n>[-+−]?\d[\d,]*(?:\.\d+)?\s?%?)"
                        r"(?:\s?/\s?\d[\d,]*)?\s?[)\]]\s?$", regex.VERSION1)


#: What says a table's brackets hold a spread.
_SPREAD_WORDS = regex.compile(r"(?i:standard\s(?:errors?|deviations?)|\bstd\b|\bs\.[de]\.|"
                              r"\bs\.?e\.?m\.?\b|confidence\sintervals?|\b(?-i:SE|SD|CI)\b)",
                              regex.VERSION1)


#: A number alone in brackets in a cell (`(0.393)`): a reading given only as the other
#: one (the `original scores in parentheses` of a row that has no own).
_BRACKETED_ALONE = regex.compile(rf"^\s?[(\[]\s?(?P<n>{_CELL_NUMBER}\s?%?)"
                                 r"\s?[)\]]\s?[↑↓*†‡]*$", regex.VERSION1)


def _bracketed(cell: Cell) -> list[Cell]:
    """The number a numeric cell holds in brackets after its own, or alone, as a cell
    of its own under the same headers (`(88.95)` of `96.22 (88.95)`; `(0.393)`)."""
    found = _SECOND.match(cell.text)
    if not found or not _NUMERIC.match(cell.text):
        found = _BRACKETED_ALONE.match(cell.text)
    if not found:
        return []
    start, end = found.span("n")
    return [cell.model_copy(update={"text": found["n"], "start": cell.start + start,
                                    "end": cell.start + end})]


#: A number written with its sign: in brackets after a cell's own, its change.
_SIGNED = regex.compile(r"[-+−]", regex.VERSION1)


def _as_change(made: tuple[Claim, dict[str, str]]) -> tuple[Claim, dict[str, str]]:
    """A level read from a signed number is the change the number states (`(-0.175)`
    after `0.290`): never an absolute score."""
    claim, sources = made
    if claim.kind is not Kind.score:
        return made
    return claim.model_copy(update={"kind": Kind.improvement,
                                    "unit": claim.unit or "points"}), sources


#: A number with an arrow before it (`↑1.92`, `↓0.32`): a change, the arrow its sign.
_SIGN_ARROW = regex.compile(r"^(?P<a>[↑↓])\s?(?=\d)", regex.VERSION1)


def _arrow_signed(doc_id: str, table: Table, grid: _Grid, cell: Cell,
                  provenance: dict[str, str | None], header: str | None,
                  arrow: regex.Match) -> tuple[Claim, dict[str, str]] | None:
    """The claim of a number printed with an arrow before it as its sign (`↓0.32` is a
    change of -0.32, as `Δ` rows under a method print them): the number's claim, a
    change, negative under a down arrow."""
    number = cell.model_copy(update={"text": cell.text[arrow.end():],
                                     "start": cell.start + arrow.end()})
    made = _cell_claim(doc_id, table, grid, number, provenance, header)
    if made is None:
        return None
    claim, sources = _as_change(made)
    sign = -1 if arrow["a"] == "↓" else 1
    return claim.model_copy(update={
        "value": sign * claim.value, "unit": claim.unit or "points",
        "value_max": None if claim.value_max is None else sign * claim.value_max}), sources


def _cell_claim(doc_id: str, table: Table, grid: _Grid, cell: Cell,
                provenance: dict[str, str | None], header: str | None = None
                ) -> tuple[Claim, dict[str, str]] | None:
    arrow = _SIGN_ARROW.match(cell.text)
    if arrow:
        return _arrow_signed(doc_id, table, grid, cell, provenance, header, arrow)
    numeric = _NUMERIC.match(cell.text)
    if not numeric:
        return None
    quantity = _quantity(numeric["v"])
    if quantity is None:
        return None
    quantity = _with_mark_before(quantity, cell.text[:numeric.end("v")])
    if quantity.latent and header is None and grid.counts(cell, numeric["v"]):
        return _setting_claim(doc_id, table, grid, cell, provenance)
    where = grid.context(cell, header)
    quantity = _with_header_unit(quantity, numeric["v"], grid.units(cell, header))
    counted = _with_label_noun(quantity, numeric["v"], grid.labels(cell))
    by_label, quantity = counted is not quantity, counted
    kind, unit, confidence, metric = _kind(quantity, where, grid.ruleset,
                                           grid.changes(cell), spread=bool(numeric["u"]))
    if by_label and where.sources.get("metric") != "column header":
        # `# Total Params`: total parameters, over a column's own words (`Dense`)
        metric = grid.label_measure(cell) or metric
    if kind is None:
        return None
    start = cell.start + numeric.start("v") + quantity.start
    text = cell.text[start - cell.start:cell.start + numeric.start("v") + quantity.end
                     - cell.start]
    claim = Claim(
        doc_id=doc_id, kind=kind, value=quantity.value, value_max=quantity.value_max,
        unit=unit, qualifier=quantity.qualifier, metric=metric, dataset=where.dataset,
        hardware=where.hardware, subject=where.subject, text=text, field=table.field,
        start=start, end=start + len(text), sentence=grid.row_text(cell), clause=cell.text,
        rule=f"table.{kind.value}", confidence=confidence, table=table.name,
        table_number=table.number,
        table_file=table.source, table_row=cell.row, table_column=cell.column,
        marker="best" if cell.bold else "second" if cell.underline else None,
        uncertainty=_spread(numeric["u"], grid, cell, header),
        better=grid.better(cell, header), **provenance)
    return claim, where.sources


def _setting_claim(doc_id: str, table: Table, grid: _Grid, cell: Cell,
                   provenance: dict[str, str | None]) -> tuple[Claim, dict[str, str]] | None:
    """A whole number of a column that keys its rows (`N` of `1 8 16 64` under each
    method, `Sample size`) or counts things (`Keys`, `#Steps`): the setting each row
    was run at, a quantity of what its header names, whose subject is the row's method
    (none when the row names none)."""
    found = _WHOLE.fullmatch(cell.text.strip())
    headers = grid.headers(cell)
    if found is None or not headers or cell.columns > 1:
        return None  # a block's title (`\multicolumn{4}{l}{500}`) is no row's setting
    start = cell.start + cell.text.index(found[0])
    where = grid.context(cell)
    subject, said = grid.row_subject(cell)
    sources = {"metric": "column header (the paper's words)",
               **({"subject": said} if subject else {})}
    claim = Claim(
        doc_id=doc_id, kind=Kind.quantity, value=_number(found[0]), unit="",
        metric=_BRACKETED.sub("", headers[-1]).strip(" $") or None, dataset=where.dataset,
        hardware=where.hardware, subject=subject, text=found[0], field=table.field,
        start=start, end=start + len(found[0]), sentence=grid.row_text(cell),
        clause=cell.text, rule="table.quantity", confidence="weak", table=table.name,
        table_number=table.number, table_file=table.source, table_row=cell.row,
        table_column=cell.column, **provenance)
    return claim, {**where.sources, **sources}


def _spread(written: str | None, grid: _Grid, cell: Cell, header: str | None) -> float | None:
    """The cell's `± spread` (a zero one too: `80.0% ±0.0 pp`), else one in brackets."""
    spread = _number(written)
    return spread if spread is not None else grid.bracketed_spread(cell, header)


def _quantity(text: str) -> Quantity | None:
    """The one quantity a cell's number is, by the quantity layer; None when the layer
    says it is none (a year, a citation)."""
    found, _ = find_quantities(normalize(text))
    return found[0] if found and found[0].start == 0 else None


def _with_mark_before(quantity: Quantity, text: str) -> Quantity:
    """A number with a mark before it (`<0.001`, `~3`) qualified as the quantity layer
    reads the mark (`under`, `about`)."""
    if quantity.qualifier or text[:1].isdigit() or text[:1] in "-+−.":
        return quantity
    found, _ = find_quantities(normalize(text))
    return replace(quantity, qualifier=found[0].qualifier) if found else quantity


def _with_header_unit(quantity: Quantity, number: str, units: list[str]) -> Quantity:
    """A bare number read again with the unit its headers give (`12.3` under
    `Latency (ms)` is 12.3 ms); offsets stay those of the number in its cell."""
    if not quantity.latent:
        return quantity
    for unit in units:
        found = _quantity(f"{number} {unit}")
        if found is not None and found.dimension and not found.counted \
                and found.end > len(number):
            return replace(quantity, value=found.value, value_max=found.value_max,
                           unit=found.unit, dimension=found.dimension, latent=False,
                           counted=found.counted)
    return quantity


def _with_label_noun(quantity: Quantity, number: str, labels: list[str]) -> Quantity:
    """A size with its magnitude alone (`236B`) read again with the noun its row label
    counts (`# Total Params`: 236B params), so the quantity layer says what it counts;
    offsets stay those of the number in its cell."""
    if not quantity.latent or not labels or not _SIZE.fullmatch(number.strip()):
        return quantity
    words = _WORD.findall(_BRACKETED.sub("", labels[-1]))
    found = _quantity(f"{number.strip()} {words[-1]}") if words else None
    if found is None or not found.unit or found.end <= len(number.strip()):
        return quantity
    return replace(quantity, value=found.value, value_max=found.value_max, unit=found.unit,
                   dimension=found.dimension, latent=False, counted=found.counted)


def _is_unit(text: str) -> bool:
    """Whether a header's words are, all of them, a unit after a number (`ms`, `%`,
    `tokens`; not `W=I`)."""
    found = _quantity(f"1 {text}")
    return found is not None and bool(found.dimension) and not found.counted \
        and found.end == len(text) + 2


def _kind(quantity: Quantity, where: _Where, ruleset: RuleSet, changes: bool = False,
          spread: bool = False) -> tuple[Kind | None, str, str, str | None]:
    """The claim's kind, unit, confidence and metric: what the cue lexicon makes of the
    number after its headers' words; else a score where a metric or a dataset is named.
    A claim of another kind than a score takes a metric only from its column's lexicon
    metric (an amount also from its header's words, `Compressed Tokens`) or the cue
    lexicon (a size under `No. Params` measures no caption's accuracy). A signed
    number is a change only in a column of `changes` (some cell has a `+`): `-0.48`
    among levels is a level below zero. A number with its spread (`4391 ± 1408`) is a
    measurement: under a column naming what it measures, a score even when whole; a
    whole number alone there is an amount of what the column names."""
    clause = f"{where.words} {quantity.text}"
    decision = decide(quantity, clause, len(where.words) + 1)
    unit = decision.unit or quantity.unit
    named = where.known
    if decision.kind is not None and (decision.kind != Kind.quantity or not named
                                      or not quantity.latent):
        if decision.kind in _CHANGES and not quantity.signed and quantity.unit != "x" \
                and named:
            return Kind.score, quantity.unit, "cue", where.metric  # `Acc. gain` columns
        if decision.kind in (Kind.score, Kind.improvement):
            return decision.kind, unit, decision.confidence or "cue", where.metric
        said = where.sources.get("metric", "")
        own = where.metric if said == "column header" or (
            said.startswith("column header") and decision.kind == Kind.quantity) else None
        return decision.kind, unit, decision.confidence or "cue", own or decision.metric
    if quantity.unit == "x" and where.metric and not quantity.signed:
        return Kind.score, "x", "weak", where.metric  # `1.07×`: a ratio's level
    if quantity.counted or (quantity.dimension and quantity.unit not in ("%", "points")):
        return None, "", "", None
    if quantity.signed and changes and named:
        return Kind.improvement, quantity.unit or "points", "cue", where.metric
    if named:
        return Kind.score, quantity.unit, "cue", where.metric
    if where.metric and ("." in quantity.text or quantity.unit == "%" or spread):
        return Kind.score, quantity.unit, "weak", where.metric  # `65.90` under `Strict`
    if where.metric:
        return Kind.quantity, quantity.unit, "weak", where.metric  # `16` under `P`: an amount
    return None, "", "", None


#: A label that writes an order of two stages or a transfer (`I→M`, `EN -> DE`): a
#: setting of the run.
_ORDER = regex.compile(r"[\w.+-]{1,16}\s?(?:→|->|⇒|=>)\s?[\w.+-]{1,16}", regex.VERSION1)


def _plain_words(text: str) -> bool:
    """Whether a header is a symbol (`N`), or plain words in lower case maybe with a
    symbol after them (`unsafe rate`, `proxy S`), outside its brackets: what is
    measured or set, never a name.

    >>> _plain_words("proxy S"), _plain_words("$N$"), _plain_words("R (reasoning-only)")
    (True, True, False)
    """
    words = _WORD.findall(_BRACKETED.sub("", text))
    if len(words) == 1 and len(words[0]) == 1:
        return not _BRACKETED.search(text)  # `R (reasoning-only)` names its method
    if len(words) > 1 and len(words[-1]) == 1:
        words = words[:-1]
    return bool(words) and all(word.rstrip(".").isalpha() and word.islower() for word in words)


def _sized(model: str, label: str) -> str:
    """The model of a row labelled by its size alone (`0.5B` of the caption's
    `Qwen2.5-Coder`): the model of that size, as models are named.

    >>> _sized("Qwen2.5-Coder", "0.5B"), _sized("Qwen2.5-Coder", "64K tokens")
    ('Qwen2.5-Coder-0.5B', 'Qwen2.5-Coder')
    """
    size = label.strip()
    if _SIZE.fullmatch(size) and size[-1] in "BM" and not regex.search(
            r"\d(?:\.\d+)?[BMK]\b", model):
        return f"{model}-{size}"
    return model


def _counts_again(texts: list[str]) -> bool:
    """Whether whole numbers count the same run over and over (`1 2 3 4 1 2 3 4`): the
    setting each row of a block is run at, not results.

    >>> _counts_again(["1", "2", "3", "1", "2", "3"]), _counts_again(["1", "2", "3", "4"])
    (True, False)
    >>> _counts_again(["12", "15", "9", "12", "15", "9"]), _counts_again(["3", "5", "3", "5"])
    (False, True)
    """
    numbers = [int(text.strip().replace(",", "")) for text in texts]
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number > runs[-1][-1]:
            runs[-1].append(number)
        else:
            runs.append([number])
    return len(runs) > 1 and len(runs[0]) > 1 and all(run == runs[0] for run in runs)


def _direction(text: str) -> str | None:
    """`higher` or `lower` when a text says one way only (`↑`, `higher is better`)."""
    ways = {"higher" if found["up"] else "lower" for found in _ARROW.finditer(text)}
    return ways.pop() if len(ways) == 1 else None


def _number(text: str | None) -> float | None:
    return None if text is None else float(text.replace(",", ""))


def _remembered(method: Callable[[_Grid, str], Any]) -> Callable[[_Grid, str], Any]:
    """A lookup by text remembered per table: its headers and labels come back in
    every cell."""
    def lookup(grid: _Grid, text: str) -> Any:
        key = (method.__name__, text)
        if key not in grid._memo:
            grid._memo[key] = method(grid, text)
        return grid._memo[key]

    return lookup


def _remembered_row(method: Callable[[_Grid, Cell], Any]) -> Callable[[_Grid, Cell], Any]:
    """A lookup by a cell's block of header rows, remembered per table."""
    def lookup(grid: _Grid, cell: Cell) -> Any:
        key = (method.__name__, str(grid._header_rows_over(cell.row)))
        if key not in grid._memo:
            grid._memo[key] = method(grid, cell)
        return grid._memo[key]

    return lookup


class _Grid:
    """A table's cells by position, its header rows and label columns, and what each
    header names, looked up once."""

    def __init__(self, table: Table, ruleset: RuleSet, doc_subject: str | None = None,
                 doc_dataset: str | None = None,
                 doc_metrics: dict[str, str] | None = None,
                 doc_abbreviations: dict[str, str] | None = None) -> None:
        self.table, self.ruleset, self.doc_subject = table, ruleset, doc_subject
        self.doc_dataset, self.doc_metrics = doc_dataset, doc_metrics or {}
        self.doc_abbreviations = doc_abbreviations or {}
        self.width = max((c.column + c.columns for row in table.rows for c in row), default=0)
        self._starts = [[c.column for c in row] for row in table.rows]
        self._headers: dict[tuple[int, int], list[str]] = {}
        self._memo: dict[tuple[str, str], Any] = {}
        self._units: dict[tuple[tuple[int, ...], int, str | None], list[str]] = {}
        self._changes: dict[int, bool] = {}
        self.header_rows = self._header_rows()
        self.label_columns = self._label_columns() - self._reference_columns()
        self.key_columns = {column for column in self.label_columns if all(
            _WHOLE.fullmatch(c.text.strip()) for row in table.rows[self.header_rows:]
            for c in row if c.column == column and c.text.strip())}

    @cached_property
    def spread_in_brackets(self) -> bool:
        """Whether the caption or a header says what brackets hold is a spread (`standard
        errors in parentheses`, `Acc. (std)`): then `72.1 (0.4)` is a value and its
        uncertainty, not two readings."""
        headers = " ".join(c.text for row in self.table.rows[:self.header_rows] for c in row)
        return bool(_SPREAD_WORDS.search(f"{self.table.caption} {headers}"))

    def bracketed_spread(self, cell: Cell, header: str | None) -> float | None:
        """The spread a cell writes in brackets after its value, where brackets hold one."""
        if not self.spread_in_brackets or header is not None:
            return None
        found = _SECOND.match(cell.text)
        return _number(found["n"].rstrip(" %")) if found else None

    def covering(self, row: int, column: int) -> Cell | None:
        """The cell that covers a position of the grid (spans counted): the last cell
        starting at or before the column, in this row or one a few rows above."""
        for above in range(row, max(-1, row - _MAX_SPAN), -1):
            cells = self.table.rows[above]
            index = bisect_right(self._starts[above], column) - 1
            if index >= 0:
                cell = cells[index]
                if cell.row + cell.rows > row and column < cell.column + cell.columns:
                    return cell
        return None

    def _numeric(self, cell: Cell) -> bool:
        """A number (`0.9160 (916/1000)` too), or numbers split by `/` (`71.2/80.4`)."""
        return bool(_NUMERIC.match(cell.text.strip())) or all(
            _NUMERIC.match(piece.strip()) for piece in cell.text.split("/"))

    def _header_rows(self) -> int:
        """The rows above the first rule under the top, when none of them is a row of
        numbers (else that rule closes the body: `Average` under it), and the rows of
        names under it that hold no number (a row of labels with two results is no
        second header level)."""
        ruled = self.table.header_rows
        if ruled and not any(self._body_row(row) and not self._lengths_heading(row)
                             and not self._bounds_heading(row)
                             and not self._under_a_corner(index)
                             for index, row in enumerate(self.table.rows[:ruled])):
            while ruled < min(len(self.table.rows) - 1, _MAX_HEADER_ROWS) and \
                    self._names_only(self.table.rows[ruled]) and \
                    not any(self._numeric(c) for c in self.table.rows[ruled]):
                ruled += 1  # a second level under a rule (`Int. Dom` \hline `R^2 | RSME`)
            return ruled
        return self._unruled_header()

    def _corner_dataset(self, sources: dict[str, str]) -> str | None:
        """A dataset the lexicon knows named in the corner over the row labels
        (`RULER` over the models, beside `128K | 512K`): the rows' benchmark."""
        if not self.header_rows:
            return None
        first = next((c.text.strip() for c in self.table.rows[self.header_rows - 1]
                      if c.column == 0), "")
        known = self._known_dataset(first) if first else None
        if known:
            sources["dataset"] = "corner header"
        return known

    def _under_a_corner(self, row: int) -> bool:
        """Whether a row of numbers with their letters (`3m | 6m | 12m`) stands beside
        a header cell spanning down from the row above (`\\multirow{2}{*}{Method}`):
        a second level of headers (horizons, lengths), not a row of results (bare
        `65.8 | 66.0` beside a label spanning two rows are results)."""
        cells = self.table.rows[row]
        own = next((c for c in cells if c.column == 0), None)
        if not row or own is not None and own.text.strip() or not all(
                _LETTERED.fullmatch(c.text.strip()) for c in cells if self._numeric(c)):
            return False
        corner = self.covering(row - 1, 0)
        return corner is not None and corner.row + corner.rows > row \
            and bool(corner.text.strip())

    def _lengths_heading(self, row: list[Cell]) -> bool:
        """Whether a row above the rule under the header heads its columns with
        magnitudes under a benchmark's name (`RULER | 128K | 512K | 1000K`: the lengths
        the columns are measured at), not a row of sizes (`# Total Params | 236B`)."""
        first = next((c.text.strip() for c in row if c.column == 0), "")
        numbers = [c.text.strip() for c in row if c.column > 0 and self._numeric(c)]
        return bool(numbers) and all(_SIZE.fullmatch(text) for text in numbers) \
            and self._known_dataset(first) is not None

    def _bounds_heading(self, row: list[Cell]) -> bool:
        """Whether a row above the rule under the header heads its columns with the bounds
        its corner compares to (`d_onehot ≤ | 20 | 30 | 40 | 50`: the cutoffs the columns
        are measured at), not a row of results."""
        first = next((c.text.strip() for c in row if c.column == 0), "")
        return bool(_COMPARED_TO.search(first)) and all(
            _WHOLE.fullmatch(c.text.strip()) for c in row if c.column > 0 and self._numeric(c))

    def _names_only(self, row: list[Cell]) -> bool:
        """A row of column names: no row of numbers, and more than one name (one name
        alone sets the rows under it)."""
        return not self._body_row(row) and len([c for c in row if c.text]) > 1

    def _body_row(self, row: list[Cell]) -> bool:
        """Numbers in half the filled cells past the first or more: a row of results,
        not of names with a number among them (`Low | Mid | High | 10%`)."""
        filled = [c for c in row if c.column > 0 and c.text.strip() not in _NONE]
        numbers = sum((self._numeric(c) and not _SIZED_NAME.fullmatch(c.text.strip()))
                      or bool(_SPREAD_ALONE.fullmatch(c.text.strip())) for c in filled)
        return bool(numbers) and 2 * numbers >= len(filled)

    def _unruled_header(self) -> int:
        """Without a rule under the headers: the leading rows that are no rows of
        numbers (at most three)."""
        count, corners = 0, set()
        for row in self.table.rows[:_MAX_HEADER_ROWS]:
            if self._size_line(row) and count:
                count += 1  # `67B | 72B` under `DeepSeek | Qwen1.5`: names' second line
                continue
            filled = [c for c in row if c.text.strip()]
            if count >= 3 or self._body_row(row) or (count and len(filled) == 1) or (
                    filled and filled[0].column in corners and len(filled) > 1):
                break  # numbers, a row naming the setting of the rows under it, or a
                # labelled row under a corner header (`Architecture | MHA+Dense`)
            if len(filled) > 2:
                corners.add(filled[0].column)  # `Benchmark | DeepSeek 7B | ...`
            count += 1
        return count if count < len(self.table.rows) else 0

    def _size_line(self, row: list[Cell]) -> bool:
        """A row of sizes alone, nothing in its first column (`67B | 72B | 8x22B`):
        the second line of the model names above them."""
        filled = [c for c in row if c.text.strip()]
        return len(filled) > 1 and not any(c.column == 0 for c in filled) and all(
            _SIZE.fullmatch(c.text.strip()) for c in filled)

    def _label_columns(self) -> set[int]:
        """The leading columns whose body cells are words, not numbers: row labels (a
        first column of sizes, `0.5B` ... `14B`, names its rows' models too); a
        leading column of whole numbers before a column of words keys its rows too (a
        `Sample size` of `500` before the `Method`), a setting and no result, and so
        does one after the labels that counts the same run again under each of them
        (`1 2 3 4` of a latency multiplier beside each `Bank`)."""
        labels: set[int] = set()
        keys: set[int] = set()
        body = self.table.rows[self.header_rows:]
        for column in range(min(self.width, _MAX_LABEL_COLUMNS)):
            cells = [c for row in body for c in row if c.column == column and c.text]
            if not cells and not labels and not keys:
                continue  # an empty column before the labels (a PDF grid's left margin)
            if not cells:
                break
            if sum(self._numeric(c) for c in cells) * 2 < len(cells) or not column and all(
                    _SIZE.fullmatch(c.text.strip()) for c in cells):
                labels |= keys | {column}  # words; or sizes naming the rows (`0.5B | 14B`)
                keys = set()
            elif all(_WHOLE.fullmatch(c.text.strip()) for c in cells):
                if labels and not keys and _counts_again([c.text for c in cells]):
                    return labels | {column}
                keys.add(column)
            else:
                break
        return labels

    def _reference_columns(self) -> set[int]:
        """Leading columns of references (`Citation`, `Ref.`, `Year`: the context
        lexicon's `reference` role): blank where a `\\cite` stood, `This work` beside the
        paper's row, no label naming what was run nor on what."""
        pattern = self.ruleset.context.label_column_roles.get("reference")
        if not pattern or not self.header_rows:
            return set()
        role = regex.compile(pattern, regex.VERSION1)
        return {column for column in range(min(self.width, _MAX_LABEL_COLUMNS))
                if (header := self._header_above(column)) is not None
                and header.columns == 1 and role.fullmatch(header.text.strip(" :"))}

    def _header_above(self, column: int) -> Cell | None:
        """The lowest header cell over a column that writes something (a corner's
        `\\multirow` above the blank cell the row under it keeps)."""
        return next((header for row in range(self.header_rows - 1, -1, -1)
                     if (header := self.covering(row, column)) is not None
                     and header.text.strip()), None)

    def headers(self, cell: Cell, header: str | None = None) -> list[str]:
        """The column's header texts, top level first, each once; `header` in place of
        the lowest (the name of one part of a cell)."""
        if header is not None:
            return [*self.headers(cell)[:-1], header]
        rows = self._header_rows_over(cell.row)
        key = (rows[0] if rows else 0, cell.column)
        if key not in self._headers:
            found: list[str] = []
            for row in rows:
                above = self.covering(row, cell.column)
                if above is not None and above.text.strip() not in _NONE \
                        and above.text not in found:  # `--` under `POPE`: no level
                    if found and (_SIZE.fullmatch(above.text.strip())
                                  or row in self._name_lines):
                        found[-1] = f"{found[-1]} {above.text.strip()}"  # `DeepSeek 67B`
                    else:
                        found.append(above.text)
            self._headers[key] = found
        return self._headers[key]

    @cached_property
    def _name_lines(self) -> frozenset[int]:
        """Header rows that are the second line of the models' names above them
        (`QwQ-32B | OpenAI | Kimi` over `Preview | o1-mini | k1.5`): each column's own
        cell on both lines, the upper mostly models' names, the lower no measure."""
        values = [column for column in range(self.width) if column not in self.label_columns]
        found = set()
        for row in range(1, self.header_rows):
            upper = [self.covering(row - 1, column) for column in values]
            lower = [c for c in self.table.rows[row] if c.column in values and c.text.strip()]
            if not values or any(c is None or c.columns > 1 or not c.text.strip()
                                 for c in upper) or 2 * len(lower) < len(values):
                continue
            if any(c.columns > 1 or self._metric(c.text) or self._aggregate(c.text)
                   for c in lower) or not any(regex.search(r"[A-Za-z]", c.text) for c in lower):
                continue
            if 2 * sum(self._is_model(c.text) for c in upper) > len(upper):
                found.add(row)
        return frozenset(found)

    def _header_rows_over(self, row: int) -> tuple[int, ...]:
        """The header rows of the block a row is in: the table's, or those of the last
        block above it that heads its columns again."""
        rows = tuple(range(self.header_rows))
        for start, heads in self._reheaded:
            if start > row:
                break
            rows = heads
        return rows

    @cached_property
    def _reheaded(self) -> list[tuple[int, tuple[int, ...]]]:
        """Body rows that head the columns again, as a second block of a table does
        (`Model | MBPP | HumanEval` under a `Code Generation` row spanning the table,
        after the first block's `Model | GSM8K | MATH500`), under a row spanning the table
        or repeating the corner header: (the first row under it, its header rows, with
        the spanning row just above it)."""
        found = []
        if not self.header_rows:
            return found
        values = self.width - len(self.label_columns)
        for row in range(self.header_rows, len(self.table.rows) - 1):
            cells = self.table.rows[row]
            names = [c for c in cells if c.column not in self.label_columns
                     and c.text.strip() not in _NONE and not self._numeric(c)]
            if not names or self._body_row(cells) or 2 * len(names) < values \
                    or len(names) != len([c for c in cells if c.column not in
                                          self.label_columns and c.text.strip()]):
                continue
            above = [c for c in self.table.rows[row - 1] if c.text] if row > 1 else []
            title = len(above) == 1 and above[0].columns >= self.width - 1 \
                and row - 1 >= self.header_rows
            if title or self._repeats_corner(cells):
                found.append((row + 1, (row - 1, row) if title else (row,)))
        return found

    def _repeats_corner(self, cells: list[Cell]) -> bool:
        """Whether a row writes the header's corner again: each of its label cells that
        is not blank as the header's (`| Model` under `Type | Model`, the first column's
        group label spanning the block below it)."""
        header = {c.column: c.text.strip() for c in self.table.rows[self.header_rows - 1]}
        written = [c for c in cells if c.column in self.label_columns and c.text.strip()]
        return bool(written) and all(header.get(c.column) == c.text.strip() for c in written)

    def _corner(self, cells: list[Cell]) -> str:
        """What a row writes in its label columns (`Model` of a header row)."""
        return " ".join(c.text.strip() for c in cells if c.column in self.label_columns)

    @cached_property
    def _titles(self) -> frozenset[str]:
        """Header cells spanning the whole table over other header rows: the title of a
        block of columns (`Mathematical Reasoning` over `GSM8K | MATH500`), a topic that
        names no column's dataset or measure unless a lexicon knows it."""
        rows = {row for _, heads in self._reheaded for row in heads[:-1]} | set(
            range(max(self.header_rows - 1, 0)))
        return frozenset(c.text for row in rows for c in self.table.rows[row]
                         if c.text and c.columns >= self.width > 1)

    def labels(self, cell: Cell) -> list[str]:
        """The row's labels, left to right; an empty one is the label above it (a
        `\\multirow`, or a block of rows under one name)."""
        return self._labels[cell.row]

    @cached_property
    def _labels(self) -> dict[int, list[str]]:
        """Each body row's labels, filled down in one pass."""
        return {row: [labels[c] for c in sorted(labels)]
                for row, labels in self._labels_by_column.items()}

    def setting(self, cell: Cell) -> str | None:
        """A row above that holds only a name (`\\multicolumn{5}{c}{Zero-shot}`): the
        setting of the rows under it."""
        return self._settings.get(cell.row)

    @cached_property
    def _settings(self) -> dict[int, str]:
        found, current = {}, None
        for row in range(self.header_rows, len(self.table.rows)):
            found[row] = current
            cells = self.table.rows[row]
            filled = [c for c in cells if c.text]
            if len(filled) == 1 and not self._numeric(filled[0]) and (
                    filled[0].columns > 1 or len(cells) == 1
                    or filled[0].column == 0 and len(cells) > 2) \
                    and row not in self._centred_rows:
                current = filled[0].text  # spanning, or a first label over blank cells
        return found

    def units(self, cell: Cell, header: str | None = None) -> list[str]:
        """The unit the column's headers (lowest first), then the caption, give: the
        first that the quantity layer reads as one after a number; found once per
        column (and part of a header naming several)."""
        key = (self._header_rows_over(cell.row)[:1], cell.column, header)
        if key not in self._units:
            self._units[key] = [unit for unit in self._unit_candidates(cell, header)
                                if _is_unit(unit)][:1]
        return self._units[key]

    def _unit_candidates(self, cell: Cell, header: str | None) -> list[str]:
        headers = list(reversed(self.headers(cell, header)))
        bracketed = [m.group(1) for text in headers for m in _BRACKETED.finditer(text)
                     if len(m.group(1)) > 1 or m.group(1) in _ONE_LETTER_UNITS]
        words = _WORD.findall(_BRACKETED.sub("", headers[0])) if headers else []
        last = [words[-1]] if words and len(words[-1]) > 1 else []
        caption = [m.group(1) for m in _CAPTION_UNIT.finditer(self.table.caption)]
        whole = [text for text in headers[:1]  # `t` over a t-statistic is no tonne
                 if len(text.strip()) > 1 or text.strip() in _ONE_LETTER_UNITS]
        percent = ["%"] if headers and _PERCENT_HEADER.search(headers[0]) else []
        return [*bracketed, *whole, *last, *percent, *caption]

    def row_subject(self, cell: Cell) -> tuple[str | None, str]:
        """The subject the row's labels give its results (the first result's, when its
        labels or the paper's method name it; not a column's model), and whence."""
        for other in self.table.rows[cell.row]:
            if other.column not in self.label_columns and other is not cell \
                    and self._numeric(other):
                where = self.context(other)
                said = where.sources.get("subject", "")
                if said.startswith(("row label", "the paper's method", "the row's model")):
                    return where.subject, said
                break
        return None, ""

    def counts(self, cell: Cell, number: str) -> bool:
        """Whether a whole number counts what its column's lowest header names (`Keys`,
        `#Steps`: its last word after a number is a counted noun for the quantity
        layer) and no header names a metric."""
        headers = self.headers(cell)
        words = _WORD.findall(_BRACKETED.sub("", headers[-1])) if headers else []
        if not words or not _WHOLE.fullmatch(number.strip()) or any(
                self._metric(text) for text in headers):
            return False
        found = _quantity(f"{number.strip()} {words[-1]}")
        return found is not None and found.counted

    def changes(self, cell: Cell) -> bool:
        """Whether the column holds changes: one of its numbers has a plus sign."""
        if cell.column not in self._changes:
            self._changes[cell.column] = any(
                other.text.lstrip("([ ").startswith("+")
                for row in self.table.rows[self.header_rows:] for other in row
                if other.column == cell.column)
        return self._changes[cell.column]

    def better(self, cell: Cell, header: str | None = None) -> str | None:
        """Which way is better for the column, as the table says: an arrow in its
        headers (`PPL ↓`), else the caption's one direction (`↓ lower is better`)."""
        said = {_direction(text) for text in self.headers(cell, header)} - {None}
        if not said:
            said = {_direction(self.table.caption)} - {None}
        return said.pop() if len(said) == 1 else None

    def label_measure(self, cell: Cell) -> str | None:
        """What a row label says its sizes measure, spelled out (`# Total Params`)."""
        labels = self.labels(cell)
        text = _BRACKETED.sub("", labels[-1]).strip(" #↑↓") if labels else ""
        return self._spelled_out(text) or None

    def row_text(self, cell: Cell) -> str:
        row = self.table.rows[cell.row]
        return " | ".join(c.text for c in row)

    def context(self, cell: Cell, header: str | None = None) -> _Where:
        roled = self._roled_labels(cell)
        headers = self.headers(cell, header)
        labels = [text for text in self.labels(cell) if text.strip() != roled.get("identifier")]
        columns = [text for text in headers if text not in self._titles] or headers
        setting = self.setting(cell)
        named = [(text, "column header") for text in headers] + [
            (text, "row label") for text in labels] + ([(setting, "setting row")]
                                                        if setting else [])
        sources: dict[str, str] = {}
        dataset = self._benchmark_row(cell, sources) \
            or self._known_header(headers, sources) \
            or self._caption_with_rows(cell, sources) \
            or self._first(named[len(headers):], self._header_dataset, "dataset", sources) \
            or self._first([(roled["dataset"], "row label under a dataset column")]
                           if "dataset" in roled else [], str.strip, "dataset", sources) \
            or self._block_dataset(cell, sources) \
            or self._caption_dataset_parts(columns, sources) or (
                self._plain_row_data(labels, sources)
                if self._methods_over_plain_rows(labels, columns)
                else self._coined_header(columns, sources)) \
            or self._first([(text, "row label (a block of rows)") for text in labels[:-1]],
                           self._coined_block, "dataset", sources)
        metric = self._first(list(reversed(named[:len(headers)])) + named[len(headers):],
                             self._metric, "metric", sources)
        if "metric" in roled and sources.get("metric") == "column header" and \
                self.ruleset.metrics.name_of(metric) is None:
            metric = None  # `Base | v2` over rows under `Metric`: the rows name the measure
            del sources["metric"]
        if dataset is None:
            dataset = self._caption_part(columns, sources) or self._coined_header(
                columns, sources, groups=True) or self._corner_dataset(sources) \
                or self._paper_dataset(sources)
        if metric is None:
            metric = self._first([(text, "column header marked with which way is better")
                                  for text in reversed(columns)] + [
                (text, "row label marked with which way is better")
                for text in reversed(labels)], self._arrowed, "metric", sources)
        if metric is None and not self._caption_metric_column:
            metric = self._caption_metric(sources)
        if metric is None and "metric" in roled:
            metric = self._spelled_out(_BRACKETED.sub("", roled["metric"]).strip(" ↑↓"))
            sources["metric"] = "row label under a metric column"
        by_rows = self._row_names_measure(labels, columns)
        if by_rows and dataset is None and metric is None and labels:
            dataset, metric = self._benchmark_label(labels[-1], sources)
        own = self._header_words([text for text in columns if text not in by_rows], dataset) \
            if metric is None else None
        reported = self._reported_metric(dataset)
        usual = reported or self._usual_metric(dataset)
        if metric is None and usual:
            metric = usual
            sources["metric"] = f"the usual metric of {dataset}" + (
                " (the one the paper says it reports)" if reported else "")
        elif metric is None and dataset and sources.get("dataset") == "column header":
            metric = self._siblings_metric(cell)
            if metric:
                sources["metric"] = "the usual metric of the benchmarks beside it"
        known = bool(metric) or bool(dataset) and sources.get("dataset") != _PAPER_SOURCE
        if own and (metric is None or sources["metric"].startswith("the usual metric")
                    and not self._aggregate(columns[-1])):
            metric = own  # the column's own words (`Ω`) over the dataset's usual metric
            sources["metric"] = "column header (the paper's words)"
        if metric is None and self._caption_measure and all(
                self._setting_header(text) for text in columns):
            metric = self._caption_measure  # `Layer 4 | Layer 8` under `Cosine similarity`
            sources["metric"] = "the caption's opening words (the columns are settings)"
        if metric is None and self._cell_measure:
            metric = self._cell_measure  # `Each cell shows realised cost as a multiple ...`
            sources["metric"] = "the caption's words for what each cell holds"
        others = {roled.get("metric"), roled.get("dataset"), roled.get("setting"),
                  *self._role_texts(cell)}
        naming = labels
        if labels and _CHANGE_SYMBOL.fullmatch(labels[-1].strip()) and cell.row - 1 in self._labels:
            naming = self._labels[cell.row - 1]  # `Δ` under `V-MARCH`: V-MARCH's change
        candidates = [text for text in naming if text.strip() != dataset
                      and text not in others][:_after(naming, roled.get("subject"))]
        model = self._model_header(columns) if self._paired_roles and \
            "subject" not in roled else None
        if model is None and "subject" not in roled and by_rows:
            model = by_rows[0]  # `MMLU` or `# Total Params` rows under a model's column
        if model:
            subject = model  # rows of benchmarks under columns of models
            sources["subject"] = "column header naming a model (rows are benchmarks)"
        elif candidates or "setting" not in roled:
            subject = self._subject(candidates, columns, sources, setting, metric)
        else:
            subject = self._settings_subject(columns, sources)
        if dataset and dataset == subject and sources.get("dataset") == "column header":
            dataset = None  # `PhaseTracker | Slot Attention` over rows of metrics: methods
            del sources["dataset"]
        hardware = self._hardware(headers + labels, sources)
        words = " ".join([*headers, *labels[-1:]])
        return _Where(subject, dataset, metric, hardware, words, sources, known)

    def _caption_with_rows(self, cell: Cell, sources: dict[str, str]) -> str | None:
        """The caption's one benchmark with what the row's labels under columns of
        datasets and settings say of it (`Results on POPE` beside rows `MSCOCO` under
        `Dataset` and `Popular` under `Setting`: `POPE (MSCOCO, Popular)`)."""
        if len(self._caption_datasets) != 1:
            return None
        name = next(iter(self._caption_datasets))
        labels = self._labels_by_column.get(cell.row, {})
        parts = [(role, labels[column].strip())
                 for column, role in sorted(self._label_roles.items())
                 if role in ("dataset", "setting") and labels.get(column, "").strip()[:1].isalpha()
                 and labels[column].strip() != name]
        if not any(role == "dataset" for role, _ in parts):
            return None  # settings alone (`Family`) may be the method's
        sources["dataset"] = "the caption's benchmark with the row's dataset and setting"
        return f"{self._with_split(name)} ({', '.join(part for _, part in parts)})"

    def _known_header(self, headers: list[str], sources: dict[str, str]) -> str | None:
        """A dataset the lexicon knows in a column header, with the part of it the
        lowest header names beside a column summing the parts up (`ALFWorld (Pick)`)."""
        for text in headers:
            found = self._header_dataset(text)
            if found:
                sources["dataset"] = "column header"
                return self._with_part(found, text, headers)
        return None

    def _row_names_measure(self, labels: list[str], headers: list[str]) -> list[str]:
        """The column's model, as a list of its lowest header, when the row's label names
        what is measured (a benchmark, a metric, a count) and that header a model by its
        name (`MMLU` under `DeepSeek 7B`): the header is the subject, not a measure."""
        model = self._model_header(headers)
        if model and labels and self._is_name(model) and (
                self._names_a_measure(labels[-1]) or self._rows_of_measures):
            return [headers[-1]]
        return []

    @cached_property
    def _rows_of_measures(self) -> bool:
        """Whether half the labels of the innermost label column or more name what is
        measured (`MMLU`, `# Total Params`): its other labels are benchmarks too
        (`AGIEval`); an aggregate's (`Average`) counts neither way."""
        column = max(self.label_columns, default=None)
        texts = {c.text.strip() for row in self.table.rows[self.header_rows:] for c in row
                 if c.column == column and c.text.strip() and not self._aggregate(c.text)}
        return bool(texts) and 2 * sum(map(self._names_a_measure, texts)) >= len(texts)

    def _benchmark_label(self, label: str, sources: dict[str, str]
                         ) -> tuple[str | None, str | None]:
        """In rows of benchmarks under columns of models, a row's label the lexicons do
        not know: a benchmark's coined name (`CMMLU`, `LCB-v5`), the dataset; an
        aggregate (`Average`), what its row measures; a count (`# Param.`), neither."""
        text = label.strip()
        if text.startswith("#") or not text[:1].isalnum():
            return None, None
        if self._aggregate(text):
            sources["metric"] = "row label (an aggregate of the benchmarks above it)"
            return None, self._spelled_out(text.strip(" .")) or text
        if looks_coined(text.split()[0]) and len(text.split()) <= 2:
            sources["dataset"] = "row label (rows are benchmarks)"
            return text, None
        return None, None

    @_remembered
    def _names_a_measure(self, label: str) -> bool:
        """A row label naming a benchmark, a metric or a count (`MMLU`, `Context Length`,
        `# Total Params`): what its row measures, no method."""
        return label.lstrip().startswith("#") or self._dataset_or_metric(label)

    @_remembered_row
    def _siblings_metric(self, cell: Cell) -> str | None:
        """The one usual metric of the benchmarks the other columns of its block name,
        for a benchmark the lexicon gives none (`AMC23` beside `GSM8K`: accuracy)."""
        rows = self._header_rows_over(cell.row)
        if not rows:
            return None
        found = set()
        for column in range(self.width):
            above = self.covering(rows[-1], column)
            if column in self.label_columns or above is None or not above.text:
                continue
            usual = self._usual_metric(self._header_dataset(above.text))
            if usual:
                found.add(usual)
        return found.pop() if len(found) == 1 else None

    def _reported_metric(self, dataset: str | None) -> str | None:
        """The metric the paper says it reports for a dataset (named in the same clause
        as it, or as the paper's metric for the others)."""
        if dataset is None or not self.doc_metrics:
            return None
        known = self._known_dataset(dataset)
        for name, metric in self.doc_metrics.items():
            if name and (name == dataset or known and self._known_dataset(name) == known):
                return metric
        return self.doc_metrics.get("")

    def _usual_metric(self, dataset: str | None) -> str | None:
        """The metric the lexicon gives a dataset, or the dataset a variant of it is
        (`MMLU-STEM` of MMLU)."""
        if dataset is None:
            return None
        usual = self.ruleset.dataset_metrics
        return usual.get(dataset) or usual.get(self._known_dataset(dataset) or "")

    def _methods_over_plain_rows(self, labels: list[str], headers: list[str]) -> bool:
        """Whether the column is a method's (a coined name of mixed case, `HN-det`) over
        rows whose labels name none (`checkerboard`, `circles`): a method, no dataset."""
        return bool(labels) and not self._coined_label(labels[-1]) and bool(
            self._method_header(headers))

    def _plain_row_data(self, labels: list[str], sources: dict[str, str]) -> str | None:
        """Under methods' columns, the row's label when every label of its column is in
        lower case (`checkerboard`, `moons`: the data the methods ran on, not tasks
        named as `Classification` is)."""
        if self._lower_case_labels:
            sources["dataset"] = "row label (the data of methods' columns)"
            return labels[-1].strip()
        return None

    @cached_property
    def _lower_case_labels(self) -> bool:
        column = max(self.label_columns, default=None)
        texts = [c.text.strip() for row in self.table.rows[self.header_rows:] for c in row
                 if c.column == column and c.text.strip()]
        return bool(texts) and all(text[:1].islower() for text in texts)

    def _roled_labels(self, cell: Cell) -> dict[str, str]:
        """The row's labels under label columns whose header says what they hold
        (`Metric`, `Dataset`, `Method`: the context lexicon's roles), by role; a label
        that is no name (`(r=0.91)`) holds none."""
        labels = self._labels_by_column.get(cell.row, {})
        found = {role: labels[column].strip() for column, role in self._label_roles.items()
                 if _ROLE_LABEL.match(labels.get(column, "").strip())
                 and column not in self._paired_roles}
        for column, (outer, inner) in self._paired_roles.items():
            label = labels.get(column, "").strip()
            if label[:1].isalpha():
                found.setdefault(outer, _BRACKETED.sub("", label).strip() or label)
                bracketed = _BRACKETED.findall(label)
                if bracketed:
                    found.setdefault(inner, bracketed[-1].strip())
        return found

    @cached_property
    def _paired_roles(self) -> dict[int, tuple[str, str]]:
        """Label columns whose header names two roles, the second in brackets
        (`Benchmark (Metric)` over `BBH (EM)`), or whose labels mostly bracket a lexicon
        metric after a name (`RACE-high (Acc.)`, `Pile (Loss)`): each label's name has
        the first role (the dataset), its bracket the second (the metric)."""
        roles = {role: regex.compile(pattern, regex.VERSION1) for role, pattern in
                 self.ruleset.context.label_column_roles.items()}
        found: dict[int, tuple[str, str]] = {
            column: ("dataset", "metric") for column in self.label_columns
            if self._names_with_metrics(column)}
        for column in self.label_columns:
            header = self._header_above(column) if column not in found else None
            paired = header and regex.fullmatch(r"(.+?)\s?[(\[]\s?(.+?)\s?[)\]]",
                                                header.text.strip())
            if paired:
                outer, inner = (next((role for role, pattern in roles.items()
                                      if pattern.fullmatch(part.strip())), None)
                                for part in paired.groups())
                if outer and inner and outer != inner:
                    found[column] = (outer, inner)
        return found

    def _names_with_metrics(self, column: int) -> bool:
        """Whether half the labels of a column or more are a name with a lexicon metric
        in brackets after it (`HellaSwag (Acc.)`), the name no model's."""
        texts = [c.text.strip() for row in self.table.rows[self.header_rows:] for c in row
                 if c.column == column and c.text.strip()]
        paired = 0
        for text in texts:
            found = regex.fullmatch(r"(.+?)\s?\((.{1,16})\)", text)
            if found and self._metric(found[2]) and not self._is_model(found[1]):
                paired += 1
        return bool(texts) and 2 * paired >= len(texts)

    def _role_texts(self, cell: Cell) -> set[str]:
        """The row's labels under columns of paired roles, as written."""
        labels = self._labels_by_column.get(cell.row, {})
        return {labels[column] for column in self._paired_roles if column in labels}

    @cached_property
    def _label_roles(self) -> dict[int, str]:
        """Label columns whose header names a role (`Metric` over `Acc. | R2`); a corner
        header naming what the columns hold (`Benchmark` beside `HumanEval | MBPP`) is
        none: no role is taken that a column header already fills."""
        roles = {role: regex.compile(pattern, regex.VERSION1) for role, pattern in
                 self.ruleset.context.label_column_roles.items()}
        found: dict[int, str] = {}
        named = {role for role, lexicon in (("dataset", self._known_dataset),
                                             ("metric", self._metric))
                 if any(lexicon(c.text) for row in self.table.rows[:self.header_rows]
                        for c in row if c.column not in self.label_columns and c.text)}
        for column in self.label_columns:
            for row in range(self.header_rows - 1, -1, -1):
                header = self.covering(row, column)
                if header is not None and header.text and header.columns == 1:
                    name = header.text.strip(" :")
                    role = next((role for role, pattern in roles.items()
                                 if pattern.fullmatch(name) and role not in named), None)
                    if role and (role != "identifier" or self._ids_only(column)):
                        found[column] = role
                    break
        return found

    def _ids_only(self, column: int) -> bool:
        """Whether a label column holds ids alone (`EXP-001`, `R3`: one word with a
        digit), not the names of what was run (`Strong + empty 5%`)."""
        labels = [c.text.strip() for row in self.table.rows[self.header_rows:] for c in row
                  if c.column == column and c.text.strip()]
        return bool(labels) and all(_RUN_ID.fullmatch(label) for label in labels)

    def _coined_header(self, headers: list[str], sources: dict[str, str],
                       groups: bool = False) -> str | None:
        """A dataset the lexicon lacks, named by a column header: a coined name (`SMOTE`,
        `LongBench-v2`) alone or above the lowest level (which names the metric, as
        `Leetcode` over `P@1`); a capitalized name also counts above a lexicon metric.
        A lone acronym beside a caption naming the dataset is a measure (`TPR`), and so
        is a lone header among measures (`FPCL` beside `OT%`). A level under a metric
        (`TF` under `Accuracy (%)`) is a setting, not a dataset.
        With `groups` (when the caption names no dataset), a capitalized name spanning
        columns above others counts too (`Dolma Validation` over `Strict | Loose`)."""
        above = headers[:-1] if len(headers) > 1 else headers
        metric_below = len(headers) > 1 and bool(self._metric(headers[-1]))
        if len(headers) == 1 and (self._measure_acronym(headers[0]) or (
                self._measures_across and not self._metric(headers[0]))):
            return None  # `TPR`; `FPCL` beside `Res.% | OT%` (`Mind2Web-SC (ACC)` names both)
        for text in above:
            if self._metric(_BRACKETED.sub("", text)):  # `Mind2Web-SC (ACC)` names both
                return None
            if _SYMBOL.match(text) or _ASSIGNMENT.fullmatch(text) or (
                    text == headers[-1] and self._models_across and self._model_header(headers)):
                continue  # `Δ_Accuracy`, a measure's symbol; `T = 3`, a setting; a model
            grouping = metric_below or (groups and text in self._groups)
            name = self._dataset(text) or (self._capitalized(text) if grouping else None)
            if name:
                sources["dataset"] = "column header"
                return self._with_part(name, text, headers)
        return None

    def _under(self, text: str) -> list[str]:
        """The lowest headers of the columns a header stands over."""
        found = []
        for column in range(self.width):
            levels = [above.text for row in range(self.header_rows)
                      if (above := self.covering(row, column)) is not None and above.text]
            if text in levels[:-1]:
                found.append(levels[-1])
        return found

    def _with_part(self, name: str, text: str | None, headers: list[str]) -> str:
        """A dataset named above the lowest header (or by the caption, `text` None)
        with the part of it that header names, when a column beside it sums the parts
        up (`ALFWorld` over `Pick | Look | All`: `ALFWorld (Pick)`; over `All` or a
        measure, `Succ.`, the dataset alone); without such a column the lower headers
        are measures (`Length`)."""
        if text is None:
            lowest, siblings = (headers[-1] if headers else ""), self._lowest_headers
        else:
            lowest = headers[-1] if len(headers) > 1 and headers[-1] != text else ""
            siblings = self._under(text)
            below = headers[headers.index(text) + 1:] if text in headers else []
            split = next((level for level in below if _SPLIT_HEADER.fullmatch(
                _BRACKETED.sub("", level).strip(" ↑↓*†"))), None)
            if split is not None:  # `ScienceWorld` over `Test | OOD`: a split of it
                return f"{name} ({_BRACKETED.sub('', split).strip(' ↑↓*†')})"
        if not any(self._aggregate(other) for other in siblings):
            return name  # parts come with their aggregate (`Avg.`); else they are measures
        part = _BRACKETED.sub("", lowest).strip(" ↑↓*†")
        words = _WORD.findall(part)
        if not words or len(words) > 2 or not part[:1].isalpha() or _AGGREGATE.fullmatch(part) \
                or self._metric(lowest) or _ABBREVIATED.search(part) or _is_unit(part) \
                or self._is_model(part) or part in name:
            return name
        return f"{name} ({part})"

    @cached_property
    def _lowest_headers(self) -> list[str]:
        """The lowest header of every column of numbers."""
        found = []
        for column in range(self.width):
            if column in self.label_columns:
                continue
            levels = [above.text for row in range(self.header_rows)
                      if (above := self.covering(row, column)) is not None and above.text]
            found.extend(levels[-1:])
        return found

    def _measure_acronym(self, text: str) -> bool:
        """A lone header that is an acronym in capitals (`TPR`, `FPR`) where the caption
        names the one dataset of the table: the measure of its column, no other dataset."""
        name = _BRACKETED.sub("", text).strip(" ↑↓")
        return 2 <= len(name) <= 5 and name.isalpha() and name.isupper() and len(
            self._caption_datasets) == 1

    def _block_dataset(self, cell: Cell, sources: dict[str, str]) -> str | None:
        """An outer row label in a column where another label names a dataset the
        lexicon or the caption's words know (`GoodNews` over some rows, `NYTimes800k`
        over the others): the column names datasets, so this label is one too. The
        innermost label column counts when half its labels or more are known datasets (rows
        of benchmarks, `PopQA` among `TriviaQA`, `GSM8K`, `BoolQ`)."""
        columns = sorted(self.label_columns)
        for column in columns:
            if column in self._dataset_columns and (
                    column != columns[-1] or column in self._benchmark_columns):
                for row in range(cell.row, self.header_rows - 1, -1):
                    label = self._labels_by_column[row].get(column)
                    if label and label.strip()[:1].isalpha():  # a name, not `(r=0.91)`
                        sources["dataset"] = "row label (a column of datasets)"
                        return label.strip()
        return None

    @cached_property
    def _dataset_columns(self) -> frozenset[int]:
        return frozenset(c.column for row in self.table.rows[self.header_rows:] for c in row
                         if c.column in self.label_columns and c.text
                         and self._label_roles.get(c.column) != "identifier"
                         and (self._known_dataset(c.text)
                              or c.text.strip() in self._caption_datasets))

    def _benchmark_row(self, cell: Cell, sources: dict[str, str]) -> str | None:
        """In a column of benchmark rows, a label naming a part or variant of a dataset
        the lexicon knows (`MMLU-Pro Math`, `TriviaQA-Open`): the label as written."""
        for column in sorted(self._benchmark_columns):
            label = self._labels_by_column.get(cell.row, {}).get(column, "")
            name = _BRACKETED.sub("", label).strip()
            mentions = self.ruleset.datasets.mentions(name)
            if mentions and mentions[0][0][0] == 0 and mentions[0][0][1] < len(name) \
                    and len(name.split()) <= 3:
                sources["dataset"] = "row label (a variant of a known dataset)"
                return name
        return None

    @cached_property
    def _benchmark_columns(self) -> frozenset[int]:
        """Label columns where half the labels or more are datasets the lexicon or the
        caption knows."""
        found = set()
        for column in self._dataset_columns:
            texts = [c.text for row in self.table.rows[self.header_rows:] for c in row
                     if c.column == column and c.text]
            known = [t for t in texts if self._known_dataset(t)
                     or t.strip() in self._caption_datasets]
            if len(known) * 2 >= len(texts):
                found.add(column)
        return frozenset(found)

    @cached_property
    def _labels_by_column(self) -> dict[int, dict[int, str]]:
        """Each body row's label per label column, filled down; the one label of a
        column, standing between its first and last rows, labels all its rows (a PDF
        prints a name spanning the rows in the middle of them, `MSCOCO` beside the
        fifth of nine)."""
        last: dict[int, str] = {}
        inner = range(self.header_rows + 1, len(self.table.rows) - 1)
        for column in self.label_columns:
            cells = [c for row in self.table.rows[self.header_rows:] for c in row
                     if c.column == column and c.text]
            if len(cells) == 1 and cells[0].row in inner:
                last[column] = cells[0].text
        found = {}
        for row in range(self.header_rows, len(self.table.rows)):
            for column in self.label_columns:
                label = self.covering(row, column)
                if label is not None and label.text:
                    last[column] = label.text
            found[row] = dict(last)
        for column in self.label_columns:
            for row, cell in self._centred_labels(column).items():
                for covered in range(cell.column, cell.column + cell.columns):
                    if covered in self.label_columns:
                        found[row][covered] = cell.text
        return found

    @cached_property
    def _centred_rows(self) -> frozenset[int]:
        """The rows of their own that centred labels stand on (no settings: labels)."""
        return frozenset(row for column in self.label_columns
                         for row, cell in self._centred_labels(column).items()
                         if cell.row == row)

    def _centred_labels(self, column: int) -> dict[int, Cell]:
        """An outer label column whose labels a PDF prints beside the middle of the rows
        they span, some on a row of their own (`RULER` between its `64K` and `128K`
        rows): each label's rows, as many before it as after it, the blocks one after
        the other over the rows with an inner label of their own."""
        inner = max(self.label_columns, default=column)
        if column == inner:
            return {}
        rows = self.table.rows
        alone = {row for row in range(self.header_rows, len(rows))
                 if [c.column for c in rows[row] if c.text.strip()] == [column]}
        if not alone:
            return {}
        lines = [row for row in range(self.header_rows, len(rows)) if row in alone or any(
            c.column == inner and c.text.strip() for c in rows[row])]
        found, start = {}, 0
        for position, row in enumerate(lines):
            cell = next((c for c in rows[row] if c.column == column and c.text.strip()), None)
            if cell is None:
                continue
            end = max(position, 2 * position - start)
            for line in lines[start:end + 1]:
                found[line] = cell
            start = end + 1
        return found

    @_remembered
    def _coined_block(self, text: str) -> str | None:
        """An outer row label naming a block of rows by a coined name that is no model
        (`NYTimes800k` over its methods' rows): a dataset."""
        words = _WORD.findall(text)
        if 1 <= len(words) <= 2 and words[0][:1].isalpha() and looks_coined(words[0]) \
                and not self._is_model(text) and not self._metric(text):
            return text.strip()  # `NYTimes800k`; a row key `500` is no name
        return None

    @cached_property
    def _groups(self) -> frozenset[str]:
        """Header cells spanning several columns above a lower header row: groups of
        columns (`Dolma Validation` over `Strict | Loose`), as datasets group metrics."""
        return frozenset(cell.text for row in self.table.rows[:max(self.header_rows - 1, 0)]
                         for cell in row if cell.columns > 1 and cell.text)

    def _capitalized(self, text: str) -> str | None:
        name = _BRACKETED.sub("", text).strip(" ↑↓")
        if name[:1].isupper() and len(name.split()) <= 3 and not self._is_model(name):
            return name
        return None

    def _header_words(self, headers: list[str], dataset: str | None) -> str | None:
        """A metric the lexicon lacks, in the paper's words: the column's header levels
        that name no dataset and not the paper's method, units and arrows left out (`Named
        entities P`); once a dataset is found, or among columns of measures, a coined
        header (`|ΔR|`, `FPCL`) is a measure."""
        parts = {dataset, *_BRACKETED.findall(dataset or ""),
                 _BRACKETED.sub("", dataset or "").strip()}  # `ALFWorld (Pick)`
        words = [_BRACKETED.sub("", text).strip(" ↑↓") for text in headers
                 if text not in parts and not self._setting_header(text)
                 and not self._names_the_method(text) and not (
                     self._known_dataset(text) if dataset or self._measures_across
                     else self._dataset(text))]
        return self._spelled_out(" ".join(word for word in words if word)) or None

    @staticmethod
    def _aggregate(text: str) -> bool:
        """A header naming all parts together (`All`, `Avg.`, `Mean`, `Avg-All`): its
        numbers measure what the columns beside it do (the dataset's usual metric), not
        `All`, and it names no method."""
        words = regex.split(r"[\s\-]+", _BRACKETED.sub("", text).strip(" ↑↓*†."))
        return all(_AGGREGATE.fullmatch(word.strip(".")) for word in words)  # `Avg-All`

    @_remembered
    def _arrowed(self, text: str) -> str | None:
        """A header or row label marked with which way is better (`CRPSS ↑`, `|ΔR| ↓`):
        the measure of its column or row, in its words."""
        if not _ARROW.search(text) or self._known_dataset(text):
            return None
        return self._spelled_out(_BRACKETED.sub("", text).strip(" ↑↓")) or None

    def _spelled_out(self, text: str) -> str:
        """A header's abbreviations (the context lexicon's) spelled out: `Avg.` average."""
        spelled = self.ruleset.context.header_abbreviations
        if not spelled or not text:
            return text
        return self._abbreviation.sub(lambda m: spelled[m.group()], text)

    @cached_property
    def _abbreviation(self) -> regex.Pattern:
        names = sorted(self.ruleset.context.header_abbreviations, key=len, reverse=True)
        return regex.compile(rf"(?<![\w.])(?:{'|'.join(map(regex.escape, names))})(?![\w.])",
                             regex.VERSION1)

    def _first(self, named: list[tuple[str, str]], find, field: str,
               sources: dict[str, str]) -> str | None:
        for text, where in named:
            found = find(text)
            if found:
                sources[field] = where
                return found
        return None

    @_remembered
    def _known_dataset(self, text: str) -> str | None:
        """A dataset the lexicon knows (a row label names one only so); a name written in
        lower case (`gsm8k`, as small capitals print it) is looked up in capitals too, and
        as the name of an entry (`math`: MATH, whose aliases need a noun after it)."""
        found = _first_name(self.ruleset.datasets, text)
        if found is None and text.islower() and len(text.split()) == 1:
            upper = text.strip().upper()  # `math`: the entry named MATH, as written alone
            found = _first_name(self.ruleset.datasets, upper) or next(
                (name for name, _ in self.ruleset.datasets.entries if name == upper), None)
        return found

    @_remembered
    def _header_dataset(self, text: str) -> str | None:
        """A dataset the lexicon knows in a column header; a header naming a part or
        variant of it by a hyphenated suffix (`MMLU-STEM`) is that variant, as written."""
        known = self._known_dataset(text)
        name = _BRACKETED.sub("", text).strip(" ↑↓")
        if known and len(name.split()) == 1 and "-" in name:
            mentions = self.ruleset.datasets.mentions(name.upper() if name.islower() else name)
            if mentions and mentions[0][0][0] == 0 and mentions[0][0][1] < len(name) \
                    and name[mentions[0][0][1]] == "-":
                return name
        return known

    @_remembered
    def _dataset(self, text: str) -> str | None:
        """A dataset the lexicon knows in a header, else a header that is one coined
        name and no metric (`LongBench-v2`, `AdvWeb (ASR)`), its brackets left out."""
        known = self._known_dataset(text)
        if known:
            return known
        name = _BRACKETED.sub("", text).strip(" ↑↓")
        words = _WORD.findall(name)
        if 1 <= len(words) <= 2 and looks_coined(words[0]) and not self._metric(name) \
                and not self._is_model(name) and not _ABBREVIATED.search(name) \
                and not self._aggregate(name) and not _PERCENT_HEADER.search(name):
            return name  # not `Avg-All`, all of them together; not `OT%`, a rate
        return None

    @_remembered
    def _metric(self, text: str) -> str | None:
        """A metric the lexicon finds in a header, else the measure the caption spells
        out for a header that is its abbreviation (`CL` for `caption length (CL)`)."""
        known = _first_name(self.ruleset.metrics, _SET_EQUAL.sub(" ", text))
        if known:
            return known
        spelled = self._caption_abbreviations.get(_BRACKETED.sub("", text).strip(" ↑↓"))
        if spelled and not self._names_a_method(spelled):
            return _first_name(self.ruleset.metrics, spelled) or spelled
        return self._symbol_measure(text)

    def _names_a_method(self, words: str) -> bool:
        """Whether words an abbreviation spells out are a name (`Slot Attention (SA)`,
        `PhaseTracker (PT)`): each word capitalized, no lexicon metric, no measure's
        word (`Success Rate (SR)` is a measure)."""
        return all(word[:1].isupper() for word in words.split()) \
            and not _first_name(self.ruleset.metrics, words) \
            and not cues_of(self.ruleset.context).caption_measure_head.search(words)

    def _spelled_name(self, label: str) -> str:
        """A row's label the caption defines as the abbreviation of a name (`SA` for
        `Slot Attention (SA)`): that name."""
        spelled = self._caption_abbreviations.get(label.strip())
        return spelled if spelled and self._names_a_method(spelled) else label

    def _symbol_measure(self, text: str) -> str | None:
        """A header written as a symbol over what it is taken of (`Δ_Accuracy`) where the
        caption defines the symbol over a placeholder (`Δ_Metric denotes the normalized
        difference between ...`), or the caption or the paper's text the symbol as an
        abbreviation (`coefficient of variation (CV)`): those words, of the subscript."""
        found = _SYMBOL_OF.fullmatch(_BRACKETED.sub("", text).strip(" ↑↓*†"))
        if not found:
            return None
        defined = symbol_definitions(self.table.caption).get(found["s"]) \
            or self._caption_abbreviations.get(found["s"]) \
            or self.doc_abbreviations.get(found["s"])
        if not defined:
            return None
        words = regex.split(r"\s(?=(?:between|across|over|among|from|at|for|in|on)\s)",
                            defined, maxsplit=1)
        return " ".join([f"{words[0]} of {found['x']}", *words[1:]])

    @cached_property
    def _caption_abbreviations(self) -> dict[str, str]:
        """The abbreviations the caption defines: `caption length (CL)`, `Success Rate
        (SR, %)`: the words before the bracket whose initials spell it."""
        return {**caption_definitions(self.table.caption),
                **caption_abbreviations(self.table.caption)}

    @_remembered
    def _is_model(self, text: str) -> bool:
        """A name that is a model's or a method's (a size in it, `LLaMA-7B`, a family,
        or the paper's own method, `T2L (SFT)`)."""
        return self._is_named_model(text) or self._names_the_method(text)

    @_remembered
    def _is_named_model(self, text: str) -> bool:
        """A model's name by its size (`LLaMA-7B`) or family (`Qwen3-Omni`)."""
        return bool(regex.search(r"(?<![A-Za-z])\d+(?:\.\d)?[BMK]\b", text)) or text.upper() in \
            self.ruleset.context.not_models or bool(self._families.search(text))

    def _names_the_method(self, text: str) -> bool:
        subject = self.doc_subject
        return bool(subject) and bool(regex.search(
            rf"(?<![\w-]){regex.escape(subject)}(?![\w-])", text))

    @cached_property
    def _families(self) -> regex.Pattern:
        families = "|".join(self.ruleset.context.model_families or ["(?!)"])
        return regex.compile(rf"(?i:\b(?:{families}))", regex.VERSION1)

    @cached_property
    def _caption_datasets(self) -> set[str]:
        """The datasets the caption names: the lexicon's, and names its wording makes
        datasets (`on PG19`, `the X benchmark`), as prose finds them."""
        caption = self.table.caption
        known = self.ruleset.datasets.mentions(caption)
        spans = [span for span, _ in known]
        named = dataset_names(self.ruleset.context).mentions(
            caption, lambda span: any(s < span[1] and span[0] < e for s, e in spans))
        runs = self._run_names
        return {name for _, name in known} | {
            name for _, name in named if not self._is_model(name) and name not in runs} | {
            name for name in self._split_names(caption, spans) if not self._is_model(name)}

    @cached_property
    def _run_names(self) -> frozenset[str]:
        """The labels under a column of runs (`Run`, `ID`: `EXP-004`): no dataset's
        names, wherever the caption writes them (`on the EXP-004 proxy`)."""
        columns = {column for column, role in self._label_roles.items() if role == "identifier"}
        return frozenset(c.text.strip() for row in self.table.rows[self.header_rows:]
                         for c in row if c.column in columns and c.text.strip())

    def _split_names(self, caption: str, taken: list[tuple[int, int]]) -> list[str]:
        """Coined names the caption gives a split of (`from ImageNette (320px) validation
        set`): datasets, with a bracketed note between name and split kept."""
        split = cues_of(self.ruleset.context).dataset_split
        found = []
        for match in _SPLIT_OF.finditer(caption):
            if looks_coined(match["name"]) and split.match(caption, match.end()) and not any(
                    s < match.end() and match.start() < e for s, e in taken):
                found.append(match.group().strip())
        return found

    def _paper_dataset(self, sources: dict[str, str]) -> str | None:
        """The dataset the paper says it evaluates on, for a table that names none
        (its caption naming none either: `Lemmatized & Stemmed dataset` names variants of
        it in plain words, no dataset's name)."""
        named = [name for name in self._caption_datasets
                 if self._known_dataset(name) or looks_coined(name.split()[0])]
        if self.doc_dataset and not named and not self._names_datasets:
            sources["dataset"] = _PAPER_SOURCE
            return self.doc_dataset
        return None

    @cached_property
    def _names_datasets(self) -> bool:
        """Whether any header or label names a dataset the lexicon knows."""
        return any(self._known_dataset(c.text) for row in self.table.rows for c in row
                   if c.text and not self._numeric(c))

    def _caption_dataset(self, sources: dict[str, str]) -> str | None:
        """The one dataset the caption names, with the split it writes after it (`the
        CIFAR-10 test set`), as prose names it; several name no cell."""
        if len(self._caption_datasets) == 1:
            sources["dataset"] = "the caption"
            name = next(iter(self._caption_datasets))
            return self._with_split(name)
        return None

    def _caption_part(self, headers: list[str], sources: dict[str, str]) -> str | None:
        """The caption's one dataset, with the part of it the column's header names
        beside a column summing the parts up (`FIM-Tasks (python)` beside `Mean`)."""
        name = self._caption_dataset(sources)
        return self._with_part(name, None, headers) if name else None

    def _caption_dataset_parts(self, headers: list[str], sources: dict[str, str]
                               ) -> str | None:
        """The caption's one dataset over columns of its parts beside one summing them
        up (`Task Performance on RULER` over `SG1 | MK1 | ... | Avg.`): the column's part
        of it (`RULER (SG1)`), before a coined header is taken for a dataset of its own."""
        if len(headers) != 1:
            return None
        found: dict[str, str] = {}
        name = self._caption_dataset(found)
        parted = self._with_part(name, None, headers) if name else None
        if parted is None or parted == name:
            return None
        sources.update(found)
        return parted

    def _with_split(self, name: str) -> str:
        """The caption's dataset with the split written after it, the two as the caption
        writes them (`the entire SQuADv2 validation set`: SQuADv2 validation set)."""
        caption, split = self.table.caption, cues_of(self.ruleset.context).dataset_split
        spans = [found.span() for found in regex.finditer(
            rf"(?<![\w-]){regex.escape(name)}(?![\w-])", caption)]
        spans += [span for span, known in self.ruleset.datasets.mentions(caption)
                  if known == name]
        for start, end in sorted(spans):
            written = split.match(caption, end)
            if written:
                return f"{caption[start:end]} {written['split']}"
        return name

    @cached_property
    def _caption_metric_column(self) -> bool:
        """Whether the caption's one metric is a column's (`ABPC and attribution
        efficiency metrics` over an `ABPC` column): the caption lists the columns, so
        the others do not measure it."""
        names = self._caption_metrics
        return len(names) == 1 and any(
            self._metric(cell.text) in names
            for row in self.table.rows[:self.header_rows] for cell in row if cell.text)

    @cached_property
    def _caption_metrics(self) -> set[str]:
        """The metrics the caption names, but where it says what its spreads are (`the
        numbers in parenthesis indicate standard errors`): an error bar measures nothing."""
        caption = self.table.caption
        spreads = [found.span() for found in _SPREAD_WORDS.finditer(caption)]
        return {name for (start, end), name in self.ruleset.metrics.mentions(caption)
                if not any(s < end and start < e for s, e in spreads)}

    def _setting_header(self, text: str) -> bool:
        """A header naming a setting of the run (`N=800`, `Layer 4`), not a measure."""
        text = text.strip()
        return bool(_ASSIGNMENT.fullmatch(text)
                    or cues_of(self.ruleset.context).setting_header.fullmatch(text))

    @cached_property
    def _caption_measure(self) -> str | None:
        """The measure a caption opens with (`Average pairwise cosine similarity (%)
        between latent activations`): its words up to a bracket, a stop or a
        preposition, ending in a measure's word."""
        found = cues_of(self.ruleset.context).caption_measure.match(self.table.caption)
        return found["measure"] if found else None

    @cached_property
    def _cell_measure(self) -> str | None:
        """What the caption says every cell holds (`Each cell shows realised cost as a
        multiple of the ceiling`): two words at least, or a measure's word (not `Each
        cell is the mean over ...`)."""
        cues = cues_of(self.ruleset.context)
        found = cues.caption_cell_measure.search(self.table.caption)
        if not found:
            return None
        measure = found["measure"]
        return measure if " " in measure or cues.caption_measure_head.fullmatch(measure) \
            else None

    def _caption_metric(self, sources: dict[str, str]) -> str | None:
        """The one metric the caption names; several name no cell."""
        if len(self._caption_metrics) == 1:
            sources["metric"] = "the caption"
            return next(iter(self._caption_metrics))
        return None

    def _subject(self, labels: list[str], headers: list[str], sources: dict[str, str],
                 setting: str | None = None, metric: str | None = None) -> str | None:
        """The row's label nearest the number that names no dataset or metric; in a table
        whose rows are datasets or metrics, the column's lowest header that names none (nor
        a setting, `N=800`, nor, above one, the cell's `metric`); where neither names
        anything, the paper's method."""
        for text in reversed(labels):
            if _ORDER.fullmatch(text.strip()):
                continue  # `Uniform | I→M`: the order of a run's stages names no method
            if not self._dataset_or_metric(text):
                sources["subject"] = "row label"
                label = _ENUMERATION.sub("", text)
                if self.doc_subject and _OURS.match(label):
                    sources["subject"] = "row label naming the paper's method"
                    return _OURS.sub(self.doc_subject, label, count=1)
                if not self._coined_label(label) and self._method_header(headers):
                    sources["subject"] = "column header naming a method (rows name none)"
                    return self._method_header(headers)
                if not self._is_name(label):
                    model = self._outer_model(labels) or self._block_model(setting, label) \
                        or self._named_model_header(headers) or self._caption_model
                    if model:
                        sources["subject"] = "the row's model (its label is no name)"
                        return _sized(model, label)
                    if self._settings_of_the_method(labels, headers):
                        sources["subject"] = "the paper's method (rows are settings of its " \
                                             "results)"
                        return self.doc_subject
                spelled = self._spelled_name(label)
                if spelled != label:
                    sources["subject"] = "row label, spelled out as the caption defines it"
                return spelled
        for text in reversed(headers):
            if not self._dataset_or_metric(text) and not _BRACKETED.fullmatch(text) and \
                    not _IN_PERCENT.search(text) and not self._setting_header(text) and \
                    not (metric and len(headers) > 1
                         and _BRACKETED.sub("", text).strip(" ↑↓") in metric):
                if not self._is_name(text) and self._caption_model:
                    sources["subject"] = "the caption's model (the column names none)"
                    return self._caption_model
                if _plain_words(text) or _ARROW.search(text):
                    continue  # `risk`, `samp. time`, `proxy S`, `rel-CRPS ↓`: a measure
                sources["subject"] = "column header"
                return text
        if self.doc_subject and not labels:
            sources["subject"] = "the paper's method (the table names no other)"
            return self.doc_subject
        return None

    def _settings_of_the_method(self, labels: list[str], headers: list[str]) -> bool:
        """Whether a row's labels are settings (`gs1k | 1`, `Structural | pruning`: the
        innermost plain words in lower case or a number, none a coined name with a
        capital), under a column of a measure or among columns of measures: no model or
        method is named, the numbers are the paper's method's."""
        *outer, inner = labels
        words = _WORD.findall(inner)
        plain = bool(words) and (inner.strip()[:1].isdigit() or all(
            word.isalpha() and word.islower() for word in words))
        if not self.doc_subject or not plain or any(
                self._coined_label(text) and not text.islower() for text in outer):
            return False  # `HN-det | 1`: the runs of a method the row names
        lowest = headers[-1] if headers else ""
        return bool(self._metric(lowest) or _ABBREVIATED.search(lowest)
                    or self._measures_across)

    @cached_property
    def _measures_across(self) -> bool:
        """Whether the columns of numbers are headed by measures: two or more by a
        lexicon metric, one the caption defines (`BLEU`, `ComF=commitment fail rate`) or
        a rate in percent (`OT%`), and none by a model's name; a coined header among
        them (`StreamLAAL`, `FPCL`) is a measure too, no method or dataset."""
        lowest = self._lowest_headers
        measures = [(bool(self._metric(text)) or bool(_PERCENT_HEADER.search(text)))
                    and not self._method_before_metric(text) for text in lowest]
        return sum(measures) >= 2 and not any(
            self._is_model(text) for text, measure in zip(lowest, measures, strict=True)
            if not measure)

    def _settings_subject(self, headers: list[str], sources: dict[str, str]) -> str | None:
        """The subject of a row whose labels are settings (`Lang.` over `chu | cop`): the
        method its column names, else, under a column of a measure (a lexicon metric or
        an abbreviated header, `POS tag.`), the paper's method; else as any row."""
        method = self._method_header(headers)
        if method:
            sources["subject"] = "column header naming a method (rows are settings)"
            return method
        lowest = headers[-1] if headers else ""
        if self.doc_subject and (self._metric(lowest) or _ABBREVIATED.search(lowest)):
            sources["subject"] = "the paper's method (rows are settings of its results)"
            return self.doc_subject
        return self._subject([], headers, sources)

    def _is_name(self, label: str) -> bool:
        """Whether a row label may be a name: not a word the lexicon says names no model
        (`Baseline`), nor plain words in lower case (`easy`, `debate`), nor a phrase of
        lower-case words after its first (`Empty audio`, `Random shuffled audio`) unless
        that first is coined or a model's."""
        words = _WORD.findall(label)
        if _VARIANT.match(label) or label.strip()[:1].isdigit():
            return False  # `w/o LSE Approx`, a variant of its block's method; `64K`, a setting
        if not words or words[0].upper() in self.ruleset.context.not_models \
                or words[0].upper() in self.ruleset.context.generic_row_words \
                or all(word.isalpha() and word.islower() for word in words):
            return False  # `Baseline`; `easy`, `two students`: settings of a row
        phrase = len(words) > 1 and words[1][:1].islower()
        return not phrase or looks_coined(words[0]) or self._is_named_model(words[0])

    def _coined_label(self, label: str) -> bool:
        words = _WORD.findall(label)
        return bool(words) and (looks_coined(words[0]) or self._is_named_model(words[0]))

    def _method_header(self, headers: list[str]) -> str | None:
        """The column's lowest header when it is a coined name of mixed case that no
        lexicon makes a dataset or metric (`HN-det` over a column of its scores, the rows
        being tasks), alone or before the metric it is scored in (`HN-det R^2`); an
        acronym in capitals heads a measure as often (`TTR`, `CL`), and so does a name
        alone among columns of measures (`StreamLAAL` beside `BLEU`)."""
        if not headers:
            return None
        text = headers[-1]
        words = _WORD.findall(text)
        before = self._method_before_metric(text)
        if before:
            words = words[:1]  # `HN-det R^2`: HN-det's R^2 (`ArcC (acc)`: ArcC's)
            text = words[0]
        if len(words) == 1 and looks_coined(words[0]) and not words[0].isupper() \
                and any(c.isupper() for c in words[0]) and not self._dataset_or_metric(text) \
                and not self._aggregate(text) and (before or not self._measures_across):
            return text.strip()
        return None

    def _method_before_metric(self, text: str) -> bool:
        """Whether a header is a coined name before the metric it is scored in (`HN-det
        R^2`), the name no acronym in capitals (`TERM ACC`), dataset or metric; not one
        with the metric in brackets (`ArcC (acc)`, a benchmark's)."""
        words = _WORD.findall(text)
        if len(words) < 2:
            return False
        name = words[0]
        rest = text[text.index(name) + len(name):].strip()
        return rest[:1] not in "([" and bool(self._metric(rest)) and looks_coined(name) \
            and not name.isupper() and not self._dataset_or_metric(name)

    def _model_header(self, headers: list[str]) -> str | None:
        """The column's lowest header when it names a model (`DeepSeek 67B`), or stands
        among headers most of which do (`QwQ-32B Preview`, `Kimi k1.5` beside `OpenAI
        o1`): a name, no dataset, measure or aggregate."""
        lowest = headers[-1].strip() if headers else ""
        if not lowest:
            return None
        if self._is_model(lowest):
            return lowest
        peer = self._models_across and lowest[:1].isalpha() and not self._aggregate(lowest) \
            and not self._dataset_or_metric(lowest) and not _ASSIGNMENT.fullmatch(lowest)
        return lowest if peer else None

    @cached_property
    def _models_across(self) -> bool:
        """Whether most columns of numbers (three or more) are headed by models' names."""
        lowest = self._lowest_headers
        return len(lowest) >= 3 and 2 * sum(map(self._is_model, lowest)) > len(lowest)

    def _block_model(self, setting: str | None, label: str = "") -> str | None:
        """The model a row spanning the table names over a block of rows
        (`Qwen2.5-1.5B-Instruct` over its `Base` row); over variants of a method
        (`w/ LSE Approx`), the method it names (`InfLLM-V2 (Sparse)`)."""
        if setting and len(setting.split()) == 1 and self._is_named_model(setting) \
                and setting.upper() not in self.ruleset.context.not_models:
            return setting.strip()
        if setting and _VARIANT.match(label) and self._is_name(setting) \
                and not self._dataset_or_metric(setting):
            return setting.strip()
        return None

    def _named_model_header(self, headers: list[str]) -> str | None:
        """The model the column's header names by name (`Qwen3` over rows of context
        lengths `64K | 128K`)."""
        model = self._model_header(headers)
        return model if model and self._is_name(model) else None

    def _outer_model(self, labels: list[str]) -> str | None:
        """An outer row label naming a model (`LLaMA-7B` over its `FP16` row)."""
        return next((text for text in reversed(labels[:-1]) if self._is_named_model(text)
                     and text.upper() not in self.ruleset.context.not_models), None)

    @cached_property
    def _caption_model(self) -> str | None:
        """The one model the caption names (`Qwen3-Omni diagnostic accuracy ...`, `for
        OLMo 2 7B comparing ...`): a word of a model family or with a size, with the
        version and size words after it; sizes alone (`(0.5B–14B)`, the sizes of the
        model before them) name none."""
        words = [word.strip(".,;:()") for word in self.table.caption.split()]
        found, index = set(), 0
        while index < len(words):
            more = index + 1
            if looks_coined(words[index]) and self._is_named_model(words[index]) \
                    and not _SIZES.fullmatch(words[index]):
                while more < len(words) and _VERSION_OR_SIZE.fullmatch(words[more]):
                    more += 1
                found.add(" ".join(words[index:more]))
            index = more
        model = found.pop() if len(found) == 1 else None
        return None if model and self._metric(model) else model  # `uses WER as`

    @_remembered
    def _dataset_or_metric(self, text: str) -> bool:
        return bool(self.ruleset.datasets.mentions(text) or self._metric(text))

    @_remembered
    def _devices(self, text: str) -> frozenset[str]:
        return frozenset(name for _, name in device_mentions(text, self.ruleset))

    def _hardware(self, texts: list[str], sources: dict[str, str]) -> str | None:
        for text, where in [*((t, "header or label") for t in texts),
                            (self.table.caption, "the caption")]:
            found = self._devices(text)
            if len(found) == 1:
                sources["hardware"] = where
                return next(iter(found))
        return None


def paper_dataset(text: str, ruleset: RuleSet) -> str | None:
    """The one dataset a paper's text says it evaluates on (`evaluates ... on
    ADQA-Bench`, `The dataset used for this task was Don't Patronize Me!`: the context
    lexicon's paper_dataset_cues); several, or none, give None."""
    cues = ruleset.context.paper_dataset_cues
    if not cues:
        return None
    found = {match["d"].strip() for match in regex.finditer(
        rf"(?:{'|'.join(cues)})\s(?:the\s)?(?P<d>{_PAPER_DATASET})", text)
        if looks_coined(match["d"].split()[0]) or len(match["d"].split()) > 1}
    return found.pop() if len(found) == 1 else None


#: A clause of a paper's text: what lies between sentence ends and semicolons.
_CLAUSE_END = regex.compile(r"[.;]\s|\n", regex.VERSION1)
#: What the metric a paper reports is measured on or over, after its name.
_AFTER_METRIC = regex.compile(r"(?i:for|on|of|in|across|over|with|and|as|to|from|at|under|"
                              r"per|by|when|while|which|that)", regex.VERSION1)
#: Words of a clause about the benchmarks a previous clause did not name.
_OTHERS = regex.compile(r"(?i:\b(?:other|remaining|all|rest)\b.{0,40}\b(?:datasets?|"
                        r"benchmarks?|tasks?)\b)", regex.VERSION1)


def paper_metrics(text: str, ruleset: RuleSet) -> dict[str, str]:
    """The metric a paper says it reports (the context lexicon's paper_metric_cues), by
    the datasets the same clause names (`For larger datasets (GSM8K, MATH500), we
    report the avg@3 accuracy`), or under "" for the others (`for other benchmarks, we
    report the avg@16 accuracy`); the metric's words must end in a lexicon metric. A
    dataset given two metrics gets none."""
    cues = ruleset.context.paper_metric_cues
    if not cues:
        return {}
    cue = regex.compile(rf"(?:{'|'.join(cues)})(?P<m>[^\s,;.()]+(?:\s[^\s,;.()]+){{0,3}})",
                        regex.VERSION1)
    found: dict[str, set[str]] = {}
    for clause in _CLAUSE_END.split(text):
        match = cue.search(clause)
        metric = _reported(match["m"], ruleset) if match else None
        if metric is None:
            continue
        before = clause[:match.start()]
        names = {name for _, name in ruleset.datasets.mentions(before)} | {
            word for word in _WORD.findall(before) if looks_coined(word)
            and not ruleset.datasets.mentions(word) and not ruleset.metrics.mentions(word)}
        if not names and _OTHERS.search(clause):
            names = {""}
        for name in names:
            found.setdefault(name, set()).add(metric)
    return {name: metrics.pop() for name, metrics in found.items() if len(metrics) == 1}


def _reported(words: str, ruleset: RuleSet) -> str | None:
    """The words naming a reported metric, up to what it is measured on (`avg@3
    accuracy for ...`), when they end in a lexicon metric."""
    kept = []
    for word in words.split():
        if _AFTER_METRIC.fullmatch(word):
            break
        kept.append(word)
    phrase = " ".join(kept)
    mentions = ruleset.metrics.mentions(phrase)
    return phrase if mentions and mentions[-1][0][1] == len(phrase) else None


def _after(labels: list[str], subject: str | None) -> int | None:
    """How many of the row's labels reach its subject's (the labels after it being
    settings), or all of them."""
    return labels.index(subject) + 1 if subject in labels else None


def _first_name(lexicon: Lexicon, text: str) -> str | None:
    """The canonical name of the first thing a lexicon (datasets, metrics) finds in `text`."""
    mentions = lexicon.mentions(text)
    return mentions[0][1] if mentions else None


#: An abbreviation in brackets after the words it stands for (`(TTR)`, `(SR, %)`).
_DEFINED = regex.compile(r"\(\s?(?P<a>[A-Za-z][A-Za-z0-9]{0,7})\s?(?:[,;][^()]{0,20})?\)",
                         regex.VERSION1)
#: Where a word parts for its initials: a hyphen, or a capital inside it
#: (`PhaseTracker` gives `PT`).
_WORD_PARTS = regex.compile(r"-|(?<=\p{Ll})(?=\p{Lu})", regex.VERSION1)
#: Words an abbreviation's initials pass over (`rate of success`).
_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "to", "in", "for", "on"})


#: A caption defining a name in words: `flags = mean judge fabrication-probability;`,
#: an abbreviation with its dot (`Recov.=post-attack bit recovery rate;`), the words
#: ending before a remark in brackets (`ComF=commitment fail rate (catches ...)`).
_DEFINITION = regex.compile(r"(?<![\w=])(?P<a>[A-Za-z][\w\-]{0,15}\.?)\s?=\s?"
                            r"(?P<d>[A-Za-z][A-Za-z\-]*(?:\s[A-Za-z][A-Za-z\-]*){0,6})"
                            r"\s?(?=[;.,)(]|$)", regex.VERSION1)


#: A caption defining a name with a verb: `L denotes the number of transformer layers;`,
#: the name all the clause writes before the verb (not `GRPO` of `Δ vs GRPO denotes`).
_DENOTES = regex.compile(r"(?:^|(?<=[.;:,(]\s?))(?P<a>[A-Za-z][\w\-]{0,15}\.?)\s"
                         r"(?:denotes|stands\sfor)\s(?:the\s|an?\s)?(?P<d>[A-Za-z][A-Za-z\-]*(?:\s[A-Za-z][A-Za-z\-]*)"
                         r"{0,6})\s?(?=[;.,)(]|$)", regex.VERSION1)
#: A symbol over a placeholder subscript the caption defines in words (`Δ_Metric denotes
#: the normalized difference between most-refusal and least-refusal runs`).
_SYMBOL_DEFINITION = regex.compile(
    r"(?<!\S)(?P<s>[^\s_]{1,3})_(?P<p>[A-Za-z]+)\s(?:denotes|is|means|stands\sfor)\s"
    r"(?:the\s|an?\s)?(?P<d>[^.;]{3,100})", regex.VERSION1)
#: A header written as a symbol with a subscript: what the symbol is taken of.
_SYMBOL_OF = regex.compile(r"(?P<s>[^\s_]{1,3})_(?P<x>\S.{0,30})", regex.VERSION1)


def symbol_definitions(caption: str) -> dict[str, str]:
    """Each symbol a caption defines over a placeholder subscript, with its words.

    >>> symbol_definitions("Δ_Metric denotes the normalized difference between runs. We")
    {'Δ': 'normalized difference between runs'}
    """
    return {found["s"]: found["d"].strip() for found in _SYMBOL_DEFINITION.finditer(caption)}


def caption_definitions(caption: str) -> dict[str, str]:
    """Each name a caption defines in words after an equals sign (a formula is none) or
    a verb saying so (`L denotes the number of transformer layers`).

    >>> caption_definitions("flags = mean judge fabrication-probability; buys = in-game "
    ...                     "accept-rate; gap = buys - (1 - flags).")
    {'flags': 'mean judge fabrication-probability', 'buys': 'in-game accept-rate'}
    >>> caption_definitions("Recov.=post-attack bit recovery rate; ComF=commitment fail "
    ...                     "rate (catches content tamper);")
    {'Recov.': 'post-attack bit recovery rate', 'ComF': 'commitment fail rate'}
    >>> caption_definitions("Scaling trends. L denotes the number of transformer layers;")
    {'L': 'number of transformer layers'}
    >>> caption_definitions("Δ vs GRPO denotes the relative improvement.")
    {}
    """
    return {found["a"]: found["d"] for pattern in (_DEFINITION, _DENOTES)
            for found in pattern.finditer(caption)}


def caption_abbreviations(caption: str) -> dict[str, str]:
    """Each abbreviation a caption defines, with the words it abbreviates: the nearest
    words before its bracket whose initials (of each part of a hyphenated word) spell it.

    >>> caption_abbreviations("caption length (CL), type-token ratio (TTR), and P (x)")
    {'CL': 'caption length', 'TTR': 'type-token ratio'}
    """
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(caption):
        abbreviation = match["a"]
        letters = "".join(c for c in abbreviation.lower() if c.isalpha())
        words = caption[:match.start()].split()[-(len(letters) + 3):]
        for count in range(1, len(words) + 1):
            chosen = [w.strip(",;:\"'") for w in words[-count:]]
            initials = "".join(part[:1].lower() for word in chosen
                               for part in _WORD_PARTS.split(word)
                               if part and part.lower() not in _SMALL_WORDS)
            if initials == letters and chosen[0][:1].isalpha():
                found.setdefault(abbreviation, " ".join(chosen))
                break
            if len(initials) > len(letters):
                break
    return found
