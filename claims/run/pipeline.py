"""The extraction flow for one document: normalize -> match -> quantify -> context -> claims."""

from __future__ import annotations

import dataclasses
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Generic, TypeVar

from claims.claim.claimed import (
    CueItem,
    LeftOut,
    changes_are_not_levels,
    changes_take_their_object,
    cue_items,
    with_ends_apart,
    with_units_written,
    with_whole_ranges,
    without_implausible_sizes,
    without_misread_units,
    without_non_quantities,
)
from claims.claim.context import DocDevice, FieldContext, benchmark_of, device_of, subject_of
from claims.claim.match import Item, Loss, MatchTimeout, cited_span, find_items
from claims.claim.named import Mention, device_mentions
from claims.claim.quantify import Reading, UnitSource, read_item
from claims.claim.rulepack import RuleSet, default_ruleset
from claims.claim.sentences import Clauses, Sentences
from claims.claim.tabled import caption_abbreviations, paper_dataset, paper_metrics, table_claims
from claims.model import Claim, Document, Kind
from claims.normalize import Normalized, normalize
from claims.quantity import find as find_quantities
from claims.read.text import pieces

if TYPE_CHECKING:
    import pandas as pd

    from claims.quantity.find import Quantity


#: Seconds one document may take before matching stops with MatchTimeout.
TIME_BUDGET = 30.0
#: Longest text handled in one piece; longer fields are cut at sentence ends into
#: pieces of at most this size, so memory stays bounded whatever the input.
MAX_CHARS = 200_000


def extract_document(doc: Document, ruleset: RuleSet | None = None,
                     time_budget: float | None = TIME_BUDGET,
                     max_chars: int = MAX_CHARS) -> list[Claim]:
    """Every claim in every field of `doc`, in reading order.

    Raises claims.claim.match.MatchTimeout when the document takes longer than
    `time_budget` seconds (None: no limit). Fields longer than `max_chars` are
    handled in pieces cut at sentence ends.
    """
    return list(iter_document(doc, ruleset, time_budget, max_chars))


def iter_document(doc: Document, ruleset: RuleSet | None = None,
                  time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS,
                  deadline: float | None = None) -> Iterator[Claim]:
    """`extract_document` as a stream: a huge document's claims need not all be held.
    A MatchTimeout may come after some claims: whoever keeps them decides what to do.
    `deadline` (time.monotonic()), when given, replaces the budget: the parts of one
    long text file share theirs."""
    return (claim for claim, _ in _explained(doc, ruleset, time_budget, max_chars,
                                              deadline=deadline))


def document_deadline(doc: Document, time_budget: float | None) -> float | None:
    """When `doc`'s time budget runs out, starting now: the time its reading took
    counts against it."""
    return None if time_budget is None else time.monotonic() + time_budget - doc.spent


def explain_document(doc: Document, ruleset: RuleSet | None = None,
                     time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS,
                     trace: Trace | None = None) -> list[tuple[Claim, dict[str, str]]]:
    """Every claim of `doc` with where each of its context fields came from; given a
    `trace`, what `explain` shows beyond that is recorded in it."""
    return list(_explained(doc, ruleset, time_budget, max_chars, trace))


def _explained(doc: Document, ruleset: RuleSet | None, time_budget: float | None,
               max_chars: int, trace: Trace | None = None, deadline: float | None = None
               ) -> Iterator[tuple[Claim, dict[str, str]]]:
    ruleset = ruleset or default_ruleset()
    if deadline is None:
        deadline = document_deadline(doc, time_budget)
    tables = doc.table_fields
    body = _Once(lambda: " ".join(text for field, text in doc.fields.items()
                                  if field != "title" and field not in tables))
    # The paper's method is looked for only when a field has claims to give it to.
    subject = _Once(lambda: subject_of(doc.title, body(), ruleset.context.subject_cues,
                                       ruleset.context.not_models))
    benchmark = _Once(lambda: benchmark_of(doc.title or "", subject(), ruleset.context))
    # The paper's one device is looked for only when a claim asks for it.
    device = _Once(lambda: device_of([doc.title or "", *(
        text for field, text in doc.fields.items() if field not in tables)], ruleset))
    provenance = {"title": doc.title or None, "url": doc.url, "bibkey": doc.bibkey}
    prose = ((claim, sources)
             for field, text in doc.fields.items() if field not in tables
             for offset, piece in pieces(text, max_chars)
             if _within(deadline)
             for claim, sources in _extract_field(
                 doc.id, field, piece, ruleset, subject, deadline, doc.offset + offset, trace,
                 provenance, doc.pages.get(field, ()), device, benchmark))
    return chain(prose, _table_claims(doc, ruleset, deadline, trace, provenance, subject,
                                      body))


T = TypeVar("T")
_UNSET = object()


class _Once(Generic[T]):
    """A value worked out on the first call and kept: `functools.cache` of a function
    without arguments, which costs more to make (it copies the function's attributes)
    than most of the lookups it serves, made several times per document."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._value: T | object = _UNSET

    def __call__(self) -> T:
        if self._value is _UNSET:
            self._value = self._compute()
        return self._value


def _table_claims(doc: Document, ruleset: RuleSet, deadline: float | None,
                  trace: Trace | None, provenance: dict[str, str | None],
                  subject: Callable[[], str | None], body: Callable[[], str] = lambda: ""
                  ) -> Iterator[tuple[Claim, dict[str, str]]]:
    """The claims of the document's tables, cell by cell (never read as prose), with
    the page a paged source (PDF) found the table on; the paper's one evaluation dataset,
    the metrics it says it reports and the abbreviations it defines, from its text
    (`body`)."""
    dataset = paper_dataset(body(), ruleset) if doc.tables else None
    metrics = paper_metrics(body(), ruleset) if doc.tables else {}
    abbreviations = caption_abbreviations(body()) if doc.tables else {}
    for table in doc.tables:
        _within(deadline)
        pages = doc.pages.get(table.field, ())
        for claim, sources in table_claims(doc.id, table, ruleset, provenance, subject(),
                                           dataset, metrics, abbreviations):
            _within(deadline)
            if pages:
                claim = claim.model_copy(update={"page": page_at(pages, claim.start)})
            if trace is not None:
                value = Piece("value", claim.text, claim.start, claim.end)
                trace.claims.append(((value,), "quantity"))
            yield claim, sources


def page_at(starts: Sequence[tuple[int, int]], position: int) -> int | None:
    """The page a position of a field is on, from where the field's pages start
    (paged sources only).

    >>> page_at([(0, 3), (2, 4)], 2), page_at([(0, 3), (2, 4)], 1), page_at([], 5)
    (4, 3, None)
    """
    if not starts:
        return None
    index = bisect_right([offset for offset, _ in starts], position) - 1
    return starts[max(index, 0)][1]


@dataclass(frozen=True)
class Piece:
    """A part of a rule's match: the whole match, the value, or a named group."""

    name: str
    text: str
    start: int  # in the field, like a claim's offsets
    end: int


@dataclass(frozen=True)
class Explained:
    """A claim with how it was found: context sources, the pieces of the rule's match,
    the number as written and where the unit came from."""

    claim: Claim
    sources: dict[str, str]
    pieces: tuple[Piece, ...]
    unit_from: UnitSource


@dataclass(frozen=True)
class Rejected:
    """A candidate that lost overlap resolution, or a number that became no claim
    (kind None: not a quantity, or no cue decided its kind), and why."""

    field: str
    kind: Kind | None
    rule: str
    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Explanation:
    claims: list[Explained]
    rejected: list[Rejected]
    left_out: list[Rejected] = dataclasses.field(default_factory=list)


@dataclass
class Trace:
    """What explaining records while extracting: per claim in order, its pieces and
    where its unit came from; and the candidates that lost."""

    claims: list[tuple[tuple[Piece, ...], UnitSource]] = dataclasses.field(default_factory=list)
    rejected: list[Rejected] = dataclasses.field(default_factory=list)
    left_out: list[Rejected] = dataclasses.field(default_factory=list)


def explain(doc: Document, ruleset: RuleSet | None = None,
            time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS
            ) -> Explanation:
    """The claims of `doc` as `extract_document` finds them, each with how it was found,
    and the candidates that lost to them.

    >>> found = explain(Document(id="d", fields={"abstract": "a 3.25x speedup over FP16"}))
    >>> [(p.name, p.text) for p in found.claims[0].pieces]
    [('match', '3.25x speedup'), ('value', '3.25x')]
    """
    trace = Trace()
    found = explain_document(doc, ruleset, time_budget, max_chars, trace)
    claims = [Explained(claim, sources, pieces, unit_from)
              for (claim, sources), (pieces, unit_from) in zip(found, trace.claims, strict=True)]
    return Explanation(claims, trace.rejected, trace.left_out)


def _inside_devices(found: list[Quantity], devices: Callable[[], list[Mention]]
                    ) -> list[LeftOut]:
    """The quantities whose number is part of a device's name (`Huawei Ascend 910B` is no
    model size, `910B NPUs` no count of devices)."""
    if not found:
        return []
    mentions = devices()
    return [LeftOut(quantity, f"its number is part of a mention of the device {name!r}")
            for quantity in found for (start, end), name in mentions
            if start <= quantity.number_span[0] and quantity.number_span[1] <= end]


def _within(deadline: float | None) -> bool:
    """True while the document's time budget lasts; past it, MatchTimeout."""
    if deadline is not None and time.monotonic() > deadline:
        raise MatchTimeout("the document's time budget ran out")
    return True


def _extract_field(doc_id: str, field: str, original: str, ruleset: RuleSet,
                   subject: Callable[[], str | None], deadline: float | None, offset: int = 0,
                   trace: Trace | None = None, provenance: dict[str, str | None] | None = None,
                   pages: Sequence[tuple[int, int]] = (),
                   device: Callable[[], DocDevice | None] = lambda: None,
                   benchmark: Callable[[], str | None] = lambda: None
                   ) -> Iterator[tuple[Claim, dict[str, str]]]:
    """Claims of one field (or one piece of it, starting at `offset` in the field).

    Claims are built without validation: every value is already of its field's type
    (numbers made floats here, as validation would) and the spans hold by construction;
    validating each claim cost more than building it.
    """
    norm = normalize(original)
    sentences = Sentences.of(norm.text)
    # The dataset lexicon's scan is slow: done at most once per field, and only if needed.
    dataset_mentions = _Once(lambda: ruleset.datasets.mentions(norm.text))
    devices = _Once(lambda: device_mentions(norm.text, ruleset))
    losses: list[Loss] | None = None if trace is None else []
    items = find_items(ruleset, norm.text, sentences, dataset_mentions, deadline, losses,
                       devices)
    found, not_quantities = find_quantities(norm)
    in_devices = _inside_devices(found, devices)
    inside = {id(left.quantity) for left in in_devices}
    found = [quantity for quantity in found if id(quantity) not in inside]
    items = without_implausible_sizes(without_non_quantities(norm, items, not_quantities))
    items = with_ends_apart(norm.text, with_whole_ranges(norm.text, with_units_written(
        norm.text, without_misread_units(norm.text, items, found), found), found))
    items = changes_take_their_object(norm.text, sentences, changes_are_not_levels(
        norm.text, items))
    clauses = Clauses(norm.text, sentences)
    decided, left_out = cue_items(norm.text, clauses, items, found)
    left_out += in_devices
    items = sorted([*items, *(cue.item for cue in decided)], key=lambda i: i.anchor)
    if trace is not None:
        trace.rejected.extend(_rejected(losses or [], norm, field, offset))
        trace.left_out.extend(_left_out(left_out, not_quantities, field, offset))
    if not items:
        return  # no claim here: no context to build
    context = FieldContext(norm.text, sentences, items, ruleset, subject(), dataset_mentions,
                           clauses, device, benchmark, devices)
    confidence = {id(cue.item): cue for cue in decided}
    for item in items:
        _within(deadline)  # context for very many claims takes long too
        cue = confidence.get(id(item))
        reading = read_item(item) if cue is None else _cue_reading(cue)
        if reading is None:
            continue
        if trace is not None:
            trace.claims.append((_pieces(item, norm, offset), reading.unit_from))
        ctx = context.attach(item, reading.unit)
        start, end = _claim_span(norm, item)
        s_start, s_end = norm.to_original(*ctx.sentence)
        c_start, c_end = norm.to_original(*context.clauses.around(*cited_span(item)))
        yield Claim.trusted(
            doc_id=doc_id, kind=item.kind, value=_float(reading.value),
            value_max=_float(reading.value_max), unit=reading.unit,
            qualifier=ctx.qualifier or (cue.quantity.qualifier if cue else None),
            metric=ctx.metric, dataset=ctx.dataset, hardware=ctx.hardware,
            baseline=ctx.baseline, subject=ctx.subject, text=original[start:end], field=field,
            start=offset + start, end=offset + end, sentence=original[s_start:s_end],
            clause=original[c_start:c_end], page=page_at(pages, offset + start),
            rule=item.rule.rule.id, confidence="rule" if cue is None else cue.confidence,
            **(provenance or {}),
        ), ctx.sources


def _cue_reading(cue: CueItem) -> Reading:
    """A cue claim's value: the quantity's own (one beyond float range is written as null,
    its text kept)."""
    quantity = cue.quantity
    return Reading(quantity.value, quantity.value_max, quantity.unit, "quantity")


def _left_out(left_out: list[LeftOut], not_quantities, field: str, offset: int
              ) -> Iterator[Rejected]:
    """Numbers that became no claim, in the field's own offsets, with why."""
    for left in left_out:
        q = left.quantity
        yield Rejected(field, None, "cues", q.text, offset + q.start, offset + q.end, left.reason)
    for number in not_quantities:
        yield Rejected(field, None, "quantities", number.text, offset + number.start,
                       offset + number.end, number.reason)


def _float(number: float | None) -> float | None:
    return None if number is None else float(number)


def _claim_span(norm: Normalized, item: Item) -> tuple[int, int]:
    """The original span a claim quotes, without surrounding spaces."""
    start, end = norm.to_original(*cited_span(item))
    text = norm.original[start:end]
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return start, start + len(stripped)


#: Names of a rule's groups as `claims explain` shows them.
GROUP_NAMES = {"v": "value", "u": "unit", "hw": "device", "m": "metric", "b": "baseline",
               "d": "dataset", "s": "subject", "c": "quoted"}


def _piece(name: str, span: tuple[int, int], norm: Normalized, offset: int) -> Piece:
    start, end = norm.to_original(*span)
    return Piece(name, norm.original[start:end], offset + start, offset + end)


def _pieces(item: Item, norm: Normalized, offset: int) -> tuple[Piece, ...]:
    """The rule's match and the captures that belong to this item (its own value, and
    the item's share of each other group)."""
    found = [_piece("match", item.match_span, norm, offset)]
    if item.value_span is not None:
        found.append(_piece("value", item.value_span, norm, offset))
    for group in item.groups:
        capture = item.group(group)
        if capture is not None:
            found.append(_piece(GROUP_NAMES.get(group, group), capture[0], norm, offset))
    return tuple(found)


def _rejected(losses: list[Loss], norm: Normalized, field: str, offset: int
              ) -> Iterator[Rejected]:
    """The losing candidates in the field's own text and offsets, with why each lost."""
    for loss in losses:
        quoted = _piece("", cited_span(loss.item), norm, offset)
        yield Rejected(field, loss.item.kind, loss.item.rule.rule.id, quoted.text,
                       quoted.start, quoted.end, _reason(loss, norm, offset))


def _reason(loss: Loss, norm: Normalized, offset: int) -> str:
    winner = loss.winner
    if winner is None:
        return loss.reason
    rule = f"{winner.kind.value} rule {winner.rule.rule.id}"
    if loss.fenced:
        match = _piece("", winner.match_span, norm, offset)
        return f"lies in the match {match.text!r} of exclusive {rule}, which {loss.reason}"
    won = _piece("", cited_span(winner), norm, offset)
    return f"overlaps {rule} {won.text!r} [{won.start}:{won.end}], which {loss.reason}"


def extract(text: str, *, doc_id: str = "text", field: str = "abstract",
            ruleset: RuleSet | None = None) -> list[Claim]:
    """Claims in one piece of text.

    >>> [(c.kind.value, c.value, c.unit) for c in extract("a 3.25x speedup over FP16")]
    [('speedup', 3.25, 'x')]
    """
    return extract_document(Document(id=doc_id, fields={field: text}), ruleset)


def extract_all(docs: Iterable[Document], ruleset: RuleSet | None = None) -> Iterator[Claim]:
    """Stream claims out of a stream of documents."""
    ruleset = ruleset or default_ruleset()
    for doc in docs:
        yield from extract_document(doc, ruleset)


def extract_frame(df: pd.DataFrame, id_col: str = "id", text_cols: Sequence[str] | None = None,
                  ruleset: RuleSet | None = None) -> pd.DataFrame:
    """One row per claim found in the text columns of each row of `df`, with the defaults
    of `claims extract`: ids from `id_col`, text from `text_cols` (default: whichever of
    title, abstract and text the frame has), and a row's URL and BibTeX key (`url`,
    `bibkey` and their other names) carried to its claims for citations.

    The columns are those of `Claim`, each of one dtype (`claims.output.write.claims_frame`):
    a missing value is NaN in the float columns (`value`, `value_max`) and `pd.NA` in
    the text columns (pandas' `string` dtype) and in `page` (`Int64`).
    """
    from claims.output.write import claims_frame

    return claims_frame(extract_all(frame_documents(df, id_col, text_cols), ruleset))


def frame_documents(df: pd.DataFrame, id_col: str = "id",
                    text_cols: Sequence[str] | None = None) -> Iterator[Document]:
    """A document per row of `df`, its text from `text_cols` (a missing value is empty),
    its URL and BibTeX key from the first of their columns the row fills."""
    from claims.read.options import DEFAULT_TEXT_COLS
    from claims.read.records import BIBKEY_COLS, URL_COLS

    cols = list(text_cols) if text_cols else [c for c in DEFAULT_TEXT_COLS if c in df.columns]
    if not cols:
        raise KeyError(f"no text column ({', '.join(DEFAULT_TEXT_COLS)}) in the frame: "
                       "name them with text_cols")
    missing = [c for c in [id_col, *cols] if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the frame: {', '.join(missing)}")
    texts = zip(*(df[c].tolist() for c in cols), strict=True)
    rows = zip(df[id_col].tolist(), texts, _first_filled(df, URL_COLS),
               _first_filled(df, BIBKEY_COLS), strict=True)
    return (Document(id=str(doc_id), fields={c: _text(v) for c, v in zip(cols, values,
                                                                          strict=True)},
                     url=url, bibkey=bibkey)
            for doc_id, values, url, bibkey in rows)


def _first_filled(df: pd.DataFrame, names: Sequence[str]) -> list[str | None]:
    """Per row, the first of the columns `names` that holds a value, as text."""
    present = [df[name].tolist() for name in names if name in df.columns]
    return [next((str(v) for v in values if _text(v)), None)
            for values in zip(*present, strict=True)] if present else [None] * len(df)


def _text(value: object) -> str:
    """A cell as text; missing (None, NaN, pd.NA) as empty."""
    import pandas as pd

    missing = value is None or (pd.api.types.is_scalar(value) and pd.isna(value))
    return "" if missing else str(value)
