"""A review page: every document with each claim highlighted where it stands.

`review_page` builds one self-contained HTML file (inline CSS and script, nothing
fetched), so it opens from disk, in CI artifacts or by mail. Each claim is exactly one
focusable `<mark class="hl claim">`; hovering or focusing it shows its fields and rule.
Claims may overlap (a device inside a speedup's quote): a claim that lies inside
another is nested in it; one that crosses another's edge is closed there and carried on
in a continuation `<mark class="hl cont">`, which is not focusable and not counted, so
the number of `mark.claim` elements is always the number of claims.

With gold claims, predictions are judged by `claims.evaluate` (same facts, same
matching): a claim is correct or a false positive, and a gold claim that was missed is
shown as a `<mark class="hl missed">` where its text is found (else listed under its
document). Kind, status and value are never told by colour alone: every highlight
carries a kind abbreviation and a status sign, and statuses differ in border style.

A claims file holds no full text: the page then shows the sentences that hold claims,
placed in their fields by the claims' offsets.

The page is also where a reviewer decides: every claim has accept and reject buttons
(listed under its document), kept in the browser's local storage, and the accepted
claims are exported as gold JSON Lines (`GOLD_FIELDS`, the format of
`tests/fixtures/*_gold.jsonl`), so a review becomes the reviewer's gold file. A filter by
confidence shows only the claims whose kind a cue decided (`cue`, `weak`), the ones to
check first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from claims.evaluate import Report, Scores, evaluate, fact_key
from claims.model import Claim, Document, Kind
from claims.output.write import atomic_write, plural, visible_controls

#: Short labels shown on every highlight, so a kind is never told by colour alone.
KIND_LABELS = {
    "speedup": "SPD", "compression": "CMP", "reduction": "RED", "improvement": "IMP",
    "score": "SCR", "efficiency": "EFF", "throughput": "THR", "model_size": "SIZE",
    "hardware": "HW", "quantity": "QTY",
}
#: Light backgrounds: black text on each has a contrast ratio above 12:1.
KIND_COLOURS = {
    "speedup": "#ffd8a8", "compression": "#d0bfff", "reduction": "#a5d8ff",
    "improvement": "#b2f2bb", "score": "#ffec99", "efficiency": "#96f2d7",
    "throughput": "#ffc9c9", "model_size": "#fcc2d7", "hardware": "#ced4da",
    "quantity": "#d8f5a2",
}
#: Status -> (sign on the highlight, words in the legend and tooltip).
STATUSES = {
    "found": ("", "extracted"),
    "correct": ("✓", "correct: matches a gold claim"),
    "wrong": ("✗", "false positive: no gold claim states it"),
    "missed": ("?", "missed: a gold claim that was not extracted"),
}
_CONTEXT_FIELDS = ("qualifier", "metric", "dataset", "hardware", "baseline", "subject")
#: The fields of a gold row, in the order of the annotation guidelines' files.
GOLD_FIELDS = ("doc", "kind", "text", "value", "value_max", "unit", "qualifier", "metric",
               "dataset", "hardware", "baseline", "subject")
#: Confidence -> what the filter calls it.
CONFIDENCES = {"rule": "rule", "cue": "cue", "weak": "weak cue"}


@dataclass(frozen=True)
class Passage:
    """Text shown for one field: the whole field, or a sentence of it at `offset`."""

    field: str
    text: str
    offset: int = 0

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


@dataclass(frozen=True)
class Highlight:
    """One claim or missed gold claim to mark, in its field's offsets."""

    number: int  # unique on the page: ids `m-N` (the mark) and `d-N` (its description)
    field: str | None  # None: a missed gold claim not found in the text shown
    start: int
    end: int
    kind: str
    status: str
    text: str
    details: tuple[tuple[str, str], ...]
    #: How the kind was decided (cue and weak claims are outlined); None: a missed gold claim.
    confidence: str | None = None
    gold: Mapping[str, Any] | None = None  # the claim as a gold row, for the export


@dataclass(frozen=True)
class DocumentView:
    doc_id: str
    title: Passage | None
    passages: tuple[Passage, ...]
    highlights: tuple[Highlight, ...]
    excerpts: bool  # passages are the sentences holding claims, not the whole text


def review_page(claims: Sequence[Claim], documents: Sequence[Document] | None = None,
                gold: Iterable[Mapping[str, Any]] | None = None,
                title: str = "Claims review") -> str:
    """The review page of `claims`, shown in `documents` (else in their sentences),
    judged against `gold` rows when given.

    Raises ValueError when a claim's offsets do not point at its text in `documents`.
    """
    gold_rows = None if gold is None else list(gold)
    report = None if gold_rows is None else evaluate(claims, gold_rows)
    statuses = _statuses(claims, report)
    missed = _missed(gold_rows, report)
    views = _views(claims, statuses, documents or (), missed)
    return _page(title, views, claims, report)


def write_review(path: str | Path, page: str) -> None:
    """Write the page atomically: an interrupted run leaves the old page whole. Control
    characters from the documents are shown as their pictures (HTML has no use for them)."""
    with atomic_write(path) as tmp:
        tmp.write_text(visible_controls(page), encoding="utf-8")


# --- judging against gold ------------------------------------------------------------


def _statuses(claims: Sequence[Claim], report: Report | None) -> list[str]:
    """Per claim: found (no gold), correct or wrong; repeats of a fact share its status."""
    if report is None:
        return ["found"] * len(claims)
    wrong = {fact_key(row) for row in report.false_positives}
    return ["wrong" if fact_key(claim) in wrong else "correct" for claim in claims]


def _missed(gold: list[Mapping[str, Any]] | None, report: Report | None
            ) -> list[Mapping[str, Any]]:
    """Every gold row of a missed fact (a fact stated twice is marked at both places)."""
    if gold is None or report is None:
        return []
    missed = {fact_key(row) for row in report.misses}
    return [row for row in gold if fact_key(row) in missed]


# --- documents and what to mark in them ----------------------------------------------


def _views(claims: Sequence[Claim], statuses: list[str], documents: Sequence[Document],
           missed: list[Mapping[str, Any]]) -> list[DocumentView]:
    """One view per document: those given in order, then documents only the claims or
    the missed gold claims name."""
    by_doc: dict[str, list[tuple[Claim, str]]] = {}
    for claim, status in zip(claims, statuses, strict=True):
        by_doc.setdefault(claim.doc_id, []).append((claim, status))
    missed_by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for row in missed:
        missed_by_doc.setdefault(str(row.get("doc") or row.get("doc_id")), []).append(row)
    known: dict[str, Document] = {}
    for doc in documents:
        known[doc.id] = _joined(known[doc.id], doc) if doc.offset and doc.id in known else doc
    order = list(dict.fromkeys([*known, *by_doc, *missed_by_doc]))
    counter = iter(range(1, len(claims) + len(missed) + 1))
    return [_view(doc_id, known.get(doc_id), by_doc.get(doc_id, []),
                  missed_by_doc.get(doc_id, []), counter)
            for doc_id in order]


def _joined(first: Document, part: Document) -> Document:
    """A document with its next part's text added (a long text file is read in parts)."""
    fields = {field: text + part.fields.get(field, "") for field, text in first.fields.items()}
    return first.model_copy(update={"fields": fields})


def _view(doc_id: str, doc: Document | None, found: list[tuple[Claim, str]],
          missed: list[Mapping[str, Any]], counter: Iterable[int]) -> DocumentView:
    numbers = iter(counter)
    claims = [claim for claim, _ in found]
    if doc is not None:
        _check_offsets(doc, claims)
        passages = [Passage(field, text) for field, text in doc.fields.items()]
    else:
        passages = _claim_passages(claims)
    highlights = [_claim_highlight(next(numbers), claim, status) for claim, status in found]
    taken: set[tuple[str, int]] = set()
    highlights += [_missed_highlight(next(numbers), row, passages, taken) for row in missed]
    title = next((p for p in passages if p.field == "title"), None)
    body = tuple(p for p in passages if p is not title)
    return DocumentView(doc_id, title, body, tuple(highlights), doc is None)


def _check_offsets(doc: Document, claims: list[Claim]) -> None:
    for claim in claims:
        text = doc.fields.get(claim.field, "")
        if text[claim.start:claim.end] != claim.text:
            raise ValueError(f"claim {claim.text!r} of {doc.id} is not at {claim.field} "
                             f"[{claim.start}:{claim.end}] of the document given: were the "
                             "claims extracted from these documents?")


def _claim_passages(claims: list[Claim]) -> list[Passage]:
    """What claims alone tell of their document: its whole title (claims carry it) and
    the sentences holding the other claims."""
    title = next((claim.title for claim in claims if claim.title), None)
    in_title = [claim for claim in claims if claim.field == "title"]
    if title is None or any(title[c.start:c.end] != c.text for c in in_title):
        return _excerpts(claims)
    return [Passage("title", title), *_excerpts([c for c in claims if c.field != "title"])]


def _excerpts(claims: list[Claim]) -> list[Passage]:
    """The sentences holding `claims`, each placed in its field where its claims say it
    stands; a claim whose sentence does not hold its text stands alone."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.field, claim.sentence), []).append(claim)
    passages = []
    for (field, sentence), members in groups.items():
        offset = _sentence_offset(sentence, members)
        if offset is None:
            passages += [Passage(field, c.text, c.start) for c in members]
        else:
            passages.append(Passage(field, sentence, offset))
    fields = list(dict.fromkeys(claim.field for claim in claims))
    passages.sort(key=lambda p: (fields.index(p.field), p.offset))
    return _merged(passages)


def _sentence_offset(sentence: str, claims: list[Claim]) -> int | None:
    """Where `sentence` starts in its field: the one offset at which it holds the text
    of every claim it is the sentence of."""
    first = claims[0]
    at = sentence.find(first.text)
    while at >= 0 and first.text:
        offset = first.start - at
        if offset >= 0 and all(sentence[c.start - offset:c.end - offset] == c.text
                               for c in claims):
            return offset
        at = sentence.find(first.text, at + 1)
    return None


def _merged(passages: list[Passage]) -> list[Passage]:
    """Overlapping passages of one field joined into one (they quote the same text)."""
    merged: list[Passage] = []
    for passage in passages:
        last = merged[-1] if merged else None
        if last and last.field == passage.field and passage.offset <= last.end:
            tail = passage.text[last.end - passage.offset:]
            merged[-1] = Passage(last.field, last.text + tail, last.offset)
        else:
            merged.append(passage)
    return merged


def _claim_highlight(number: int, claim: Claim, status: str) -> Highlight:
    details = [("value", _value(claim.value, claim.value_max, claim.unit))]
    details += [(name, str(getattr(claim, name))) for name in _CONTEXT_FIELDS
                if getattr(claim, name) is not None]
    details += [("rule", claim.rule), ("confidence", _CONFIDENCE[claim.confidence]),
                ("where", f"{claim.field} [{claim.start}:{claim.end}]")]
    return Highlight(number, claim.field, claim.start, claim.end, claim.kind.value, status,
                     claim.text, tuple(details), claim.confidence, gold_row(claim))


def gold_row(claim: Claim) -> dict[str, Any]:
    """A claim as a line of a gold file (`GOLD_FIELDS`).

    >>> from claims import extract
    >>> gold_row(extract("a 3.25x speedup over FP16")[0])["baseline"]
    'FP16'
    """
    row = claim.row()
    return {name: row["doc_id" if name == "doc" else name] for name in GOLD_FIELDS}


#: What a claim's confidence tells a reviewer.
_CONFIDENCE = {"rule": "rule (a specific rule matched)",
               "cue": "cue (its unit or a cue word decided the kind): check",
               "weak": "weak cue (a count, or a cue word farther away): check first"}


def _missed_highlight(number: int, row: Mapping[str, Any], passages: list[Passage],
                      taken: set[tuple[str, int]]) -> Highlight:
    """A missed gold claim, marked at the first place its text stands that no other
    missed claim took; with no such place, listed under its document."""
    text = str(row.get("text") or "")
    details = [("value", _value(row.get("value"), row.get("value_max"), row.get("unit") or ""))]
    details += [(name, str(row[name])) for name in _CONTEXT_FIELDS if row.get(name)]
    kind = Kind(row["kind"]).value
    for passage in passages:
        at = passage.text.find(text) if text else -1
        while at >= 0 and (passage.field, passage.offset + at) in taken:
            at = passage.text.find(text, at + 1)
        if at >= 0:
            start = passage.offset + at
            taken.add((passage.field, start))
            return Highlight(number, passage.field, start, start + len(text), kind, "missed",
                             text, tuple(details))
    return Highlight(number, None, 0, 0, kind, "missed", text or "(no text given)",
                     tuple(details))


def _value(value: float | None, value_max: float | None, unit: str) -> str:
    if value is None:
        return f"none ({unit})" if unit else "none"
    shown = f"{value:g}" if value_max is None else f"{value:g} to {value_max:g}"
    return f"{shown} {unit}".rstrip()


# --- HTML ----------------------------------------------------------------------------


def _page(title: str, views: list[DocumentView], claims: Sequence[Claim],
          report: Report | None) -> str:
    highlights = [h for view in views for h in view.highlights]
    statuses = ["correct", "wrong", "missed"] if report is not None else ["found"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_css()}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f"<p>{plural(len(views), 'document')}, {plural(len(claims), 'claim')}"
        + (f", {plural(sum(h.status == 'missed' for h in highlights), 'missed gold claim')}"
           if report is not None else "") + ".</p></header>",
        "<main>",
        _summary(claims, views, report),
        _controls(highlights, statuses),
        '<p id="shown" role="status" aria-live="polite"></p>',
        _review_controls(),
        '<div id="docs">', *(_document(view) for view in views), "</div>",
        "</main>",
        '<div id="tip" role="tooltip" hidden></div>',
        '<div id="descriptions" hidden>', *(_description(h) for h in highlights), "</div>",
        f'<script type="application/json" id="gold-rows">{_gold_json(highlights)}</script>',
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _badge(kind: str) -> str:
    return (f'<span class="hl k-{kind}" data-label="{KIND_LABELS[kind]}">'
            f"{escape(kind.replace('_', ' '))}</span>")


def _summary(claims: Sequence[Claim], views: list[DocumentView], report: Report | None) -> str:
    """Counts by kind; with gold, precision and recall as `claims eval` computes them."""
    kinds = [k.value for k in Kind if any(c.kind is k for c in claims)
             or (report is not None and k.value in report.kinds)]
    head = ["kind", "claims", "documents"]
    if report is not None:
        head += ["gold facts", "correct", "false positives", "missed", "precision", "recall",
                 "F1"]
    rows = []
    for kind in kinds:
        count = sum(c.kind.value == kind for c in claims)
        docs = sum(any(h.kind == kind and h.status != "missed" for h in v.highlights)
                   for v in views)
        cells = [_badge(kind), str(count), str(docs)]
        if report is not None:
            cells += _score_cells(report.kinds.get(kind))
        rows.append(cells)
    if report is not None:
        docs = sum(any(h.status != "missed" for h in v.highlights) for v in views)
        rows.append(["all kinds", str(len(claims)), str(docs), *_score_cells(report.overall)])
    caption = "Claims by kind"
    if report is not None:
        caption += (" (gold, correct, false positives, missed, precision and recall count "
                    "distinct facts, as claims eval does)")
    body = "".join("<tr>" + f'<th scope="row">{cells[0]}</th>'
                   + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>" for cells in rows)
    header = "".join(f'<th scope="col">{h}</th>' for h in head)
    return (f'<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
            f'<table id="summary"><caption>{caption}</caption><thead><tr>{header}</tr>'
            f"</thead><tbody>{body}</tbody></table></section>")


def _score_cells(scores: Scores | None) -> list[str]:
    if scores is None:
        return ["0", "0", "0", "0", "-", "-", "-"]
    return [str(scores.gold), str(scores.tp), str(scores.fp), str(scores.fn),
            f"{scores.precision:.3f}", f"{scores.recall:.3f}", f"{scores.f1:.3f}"]


def _controls(highlights: list[Highlight], statuses: list[str]) -> str:
    """The legend, which is also the filter: a checkbox per kind (and per status, with
    gold) beside a sample of its highlight; and a search over the documents' text."""
    counts = {k.value: sum(h.kind == k.value for h in highlights) for k in Kind}
    kinds = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}" checked> {_badge(k)} '
        f'<span class="count">({n})</span></label>'
        for k, n in counts.items() if n)
    status_boxes = ""
    if statuses != ["found"]:
        status_boxes = ('<fieldset><legend>Status</legend>' + "".join(
            f'<label><input type="checkbox" name="status" value="{s}" checked> '
            f'<span class="hl k-hardware {s}" data-label="{STATUSES[s][0]}">'
            f'{escape(STATUSES[s][1].split(": ")[0])}</span> '
            f'<span class="count">{escape(STATUSES[s][1].split(": ")[1])}</span></label>'
            for s in statuses) + "</fieldset>")
    return ('<section aria-labelledby="controls-h" id="filters"><h2 id="controls-h">Legend '
            'and filters</h2><p>Every highlight is labelled with its kind; hover over it or '
            'focus it (Tab) to see its fields and rule, Escape hides them. Untick a kind to '
            'list only the documents with highlights of the kinds still ticked.</p>'
            '<fieldset><legend>Kinds</legend>'
            '<button type="button" data-set="kind" data-to="1">all</button> '
            '<button type="button" data-set="kind" data-to="0">none</button> '
            f"{kinds}</fieldset>{status_boxes}{_confidence_boxes(highlights)}"
            '<label for="q">Documents containing</label> '
            '<input type="search" id="q" placeholder="text, title or id"></section>')


def _confidence_boxes(highlights: list[Highlight]) -> str:
    """A checkbox per confidence (how a claim's kind was decided): untick `rule` to see
    only the claims a cue decided. Missed gold claims have none and stay."""
    counts = {c: sum(h.confidence == c for h in highlights) for c in CONFIDENCES}
    boxes = "".join(
        f'<label><input type="checkbox" name="confidence" value="{c}" checked> '
        f'<span class="hl k-hardware conf-{c}">{escape(name)}</span> '
        f'<span class="count">({counts[c]})</span></label>'
        for c, name in CONFIDENCES.items())
    return ('<fieldset><legend>Confidence (how the kind was decided: cue and weak cue '
            f"claims are the ones to check)</legend>{boxes}</fieldset>")


def _review_controls() -> str:
    """The reviewer's decisions: counts, and the export of the accepted claims."""
    return ('<section aria-labelledby="review-h" id="review"><h2 id="review-h">Decisions'
            '</h2><p>Accept or reject each claim with the buttons under its document; '
            'decisions are kept in this browser. The accepted claims download as a gold '
            'file (JSON Lines, the fields of the annotation guidelines).</p>'
            '<p id="decided" role="status" aria-live="polite"></p>'
            '<button type="button" id="export">Export accepted claims as gold JSON Lines'
            '</button> <button type="button" id="forget">Clear decisions</button></section>')


def _gold_json(highlights: list[Highlight]) -> str:
    """The gold row of every claim by its number, as JSON safe inside a script element."""
    rows = {str(h.number): h.gold for h in highlights if h.gold is not None}
    text = json.dumps(rows, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _decisions(view: DocumentView) -> str:
    """Accept and reject buttons for each claim of a document, in the claims' order."""
    claims = [h for h in view.highlights if h.gold is not None]
    if not claims:
        return ""
    items = "".join(
        f'<li class="decision" data-claim="{h.number}" data-kind="{h.kind}" '
        f'data-status="{h.status}" data-confidence="{h.confidence}">'
        f'<span class="hl k-{h.kind}" data-label="{KIND_LABELS[h.kind]}">{escape(h.text)}'
        f'</span> <button type="button" data-decide="accept" aria-pressed="false" '
        f'aria-label="accept {escape(h.text)}">accept</button> <button type="button" '
        f'data-decide="reject" aria-pressed="false" aria-label="reject {escape(h.text)}">'
        "reject</button></li>" for h in claims)
    return f'<ul class="decisions" aria-label="Decisions on {escape(view.doc_id)}">{items}</ul>'


def _document(view: DocumentView) -> str:
    kinds = " ".join(sorted({h.kind for h in view.highlights}))
    placed = [h for h in view.highlights if h.field is not None]
    title = _passage(view.title, placed) if view.title else ""
    parts = [f'<article class="doc" id="doc-{escape(view.doc_id)}" data-kinds="{kinds}">',
             f'<h2><span class="doc-id">{escape(view.doc_id)}</span> {title}</h2>']
    if view.excerpts:
        parts.append('<p class="note">The sentences that hold claims (a claims file '
                     "carries no full text).</p>")
    for passage in view.passages:
        css = "excerpt" if view.excerpts else "text"
        label = "" if passage.field in ("abstract", "text") else (
            f'<span class="field">{escape(passage.field)}</span> ')
        parts.append(f'<p class="{css}">{label}{_passage(passage, placed)}</p>')
    unplaced = [h for h in view.highlights if h.field is None]
    if unplaced:
        parts.append('<p class="note">Missed gold claims whose text is not in the text '
                     "shown:</p><ul>" + "".join(f"<li>{_open(h)}{escape(h.text)}</mark></li>"
                                                 for h in unplaced) + "</ul>")
    parts.append(_decisions(view))
    parts.append("</article>")
    return "\n".join(parts)


def _passage(passage: Passage, highlights: list[Highlight]) -> str:
    """The passage's text with its highlights: nested where one holds another, and split
    into continuation pieces where one crosses the edge of another."""
    inside = sorted((h for h in highlights if h.field == passage.field
                     and passage.offset <= h.start and h.end <= passage.end
                     and h.end > h.start),
                    key=lambda h: (h.start, -h.end, h.number))
    starts: dict[int, list[Highlight]] = {}
    for h in inside:
        starts.setdefault(h.start - passage.offset, []).append(h)
    edges = sorted({0, len(passage.text)} | {h.start - passage.offset for h in inside}
                   | {h.end - passage.offset for h in inside})
    out: list[str] = []
    stack: list[Highlight] = []
    position = 0
    for edge in edges:
        out.append(escape(passage.text[position:edge]))
        position = edge
        out += _close_at(edge + passage.offset, stack)
        for h in starts.get(edge, []):
            out.append(_open(h))
            stack.append(h)
    return "".join(out)


def _close_at(end: int, stack: list[Highlight]) -> list[str]:
    """Close the highlights ending at `end`; those opened after them and still going
    on are closed too and reopened as continuation pieces."""
    if not any(h.end == end for h in stack):
        return []
    out, reopen = [], []
    while any(h.end == end for h in stack):
        h = stack.pop()
        out.append("</mark>")
        if h.end != end:
            reopen.append(h)
    for h in reversed(reopen):
        out.append(_open(h, continuation=True))
        stack.append(h)
    return out


def _open(h: Highlight, continuation: bool = False) -> str:
    role = "cont" if continuation else "missed" if h.status == "missed" else "claim"
    confidence = f" conf-{h.confidence}" if h.confidence else ""
    common = (f'class="hl {role} k-{h.kind}{confidence} {h.status}" '
              f'data-kind="{h.kind}" data-status="{h.status}" data-claim="{h.number}"'
              + (f' data-confidence="{h.confidence}"' if h.confidence else ""))
    if continuation:
        return f'<mark {common} data-desc="d-{h.number}">'
    label = f"{KIND_LABELS[h.kind]} {STATUSES[h.status][0]}".rstrip()
    return (f'<mark {common} id="m-{h.number}" data-label="{escape(label)}" tabindex="0" '
            f'aria-describedby="d-{h.number}">')


def _description(h: Highlight) -> str:
    """What the tooltip shows; also the highlight's accessible description."""
    status = STATUSES[h.status][1]
    head = f"{h.kind.replace('_', ' ')}" + ("" if h.status == "found" else f", {status}")
    rows = "".join(f'<div><b>{escape(name)}</b> {escape(value)}<span class="sr">.</span> </div>'
                   for name, value in h.details)
    return (f'<div id="d-{h.number}"><div class="tip-head">{escape(head)}'
            f'<span class="sr">.</span> </div>{rows}</div>')


def _css() -> str:
    kinds = "\n".join(
        f".hl.k-{kind} {{ --c: {colour}; }}" for kind, colour in KIND_COLOURS.items())
    return _CSS + kinds


_CSS = """
:root { color-scheme: light; }
.hl.conf-cue, .hl.conf-weak { outline: 2px dashed var(--c); outline-offset: 1px; }
.hl.conf-weak { outline-style: dotted; }
body { font: 16px/1.6 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
header, main { max-width: 70rem; margin: 0 auto; padding: 0 1rem; }
h1 { margin: 1rem 0 0; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; font-size: .85rem; color: #333; padding-bottom: .3rem; }
th, td { border: 1px solid #8a8a8a; padding: .15rem .5rem; text-align: right; }
th[scope=row], thead th { text-align: left; }
ul.kinds, ul.statuses { list-style: none; padding: 0; display: flex; flex-wrap: wrap;
  gap: .4rem 1rem; }
#filters fieldset { border: 1px solid #8a8a8a; margin: 0 0 .5rem; }
#filters label { display: inline-block; margin-right: .8rem; white-space: nowrap; }
#filters input[type=search] { font: inherit; padding: .2rem .4rem; min-width: 18rem; }
button { font: inherit; }
#shown { font-weight: 600; }
article.doc { border-top: 1px solid #8a8a8a; padding: .2rem 0 .6rem; }
article.doc h2 { font-weight: 600; }
.doc-id { font: .8rem ui-monospace, monospace; color: #333; border: 1px solid #8a8a8a;
  padding: 0 .3rem; margin-right: .3rem; vertical-align: middle; }
.text, .excerpt { white-space: pre-wrap; margin: .3rem 0; }
.excerpt::before { content: "… "; }
.excerpt::after { content: " …"; }
.field { font-size: .8rem; font-weight: 600; text-transform: uppercase; color: #333; }
.note { font-size: .85rem; color: #333; font-style: italic; }
.hl { background: var(--c); color: #000; border-bottom: 2px solid #000; padding: 0 .1em;
  border-radius: 2px; }
.hl .hl { border: 1px solid #000; }
.hl[data-label]::after { content: attr(data-label); font: 600 .68rem/1 ui-monospace,
  monospace; color: #000; background: #fff; border: 1px solid #000; border-radius: 2px;
  padding: 0 .15em; margin-left: .15em; vertical-align: .35em; }
.hl.wrong { border-bottom: 3px double #b00020; }
.hl.missed { background: #fff; border: 2px dashed #000; }
.hl.off { background: none; border: none; padding: 0; }
.hl.off::after { display: none; }
mark.hl:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 5px #ffbf00; }
#tip { position: absolute; z-index: 10; max-width: 26rem; background: #fff; color: #1a1a1a;
  border: 2px solid #1a1a1a; border-radius: 4px; padding: .4rem .6rem; font-size: .85rem;
  line-height: 1.4; box-shadow: 0 2px 8px rgba(0, 0, 0, .3); }
#tip .tip-head { font-weight: 700; margin-bottom: .2rem; }
#tip b { display: inline-block; min-width: 5.5rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
ul.decisions { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap;
  gap: .3rem 1rem; font-size: .85rem; }
ul.decisions button { font-size: .8rem; padding: 0 .4rem; border: 1px solid #1a1a1a;
  background: #fff; color: #1a1a1a; border-radius: 3px; }
ul.decisions button[data-decide=accept][aria-pressed=true] { background: #1b5e20; color: #fff; }
ul.decisions button[data-decide=reject][aria-pressed=true] { background: #b00020; color: #fff; }
li.decision.off { display: none; }
mark.hl.accepted { box-shadow: inset 0 -4px 0 #1b5e20; }
mark.hl.rejected { text-decoration: line-through; text-decoration-thickness: 2px; }
#review button { font-size: .9rem; }
"""

_SCRIPT = """
(() => {
  const docs = [...document.querySelectorAll("article.doc")];
  const texts = new Map(docs.map(d => [d, d.textContent.toLowerCase()]));
  const boxes = name => [...document.querySelectorAll(`input[name=${name}]`)];
  const search = document.getElementById("q");
  const shown = document.getElementById("shown");
  const tip = document.getElementById("tip");

  function apply() {
    const kinds = new Set(boxes("kind").filter(b => b.checked).map(b => b.value));
    const statusBoxes = boxes("status");
    const statuses = new Set(statusBoxes.filter(b => b.checked).map(b => b.value));
    const confidences = new Set(boxes("confidence").filter(b => b.checked).map(b => b.value));
    const everything = kinds.size === boxes("kind").length
      && statuses.size === statusBoxes.length
      && confidences.size === boxes("confidence").length;
    const query = search.value.trim().toLowerCase();
    const shownNow = el => kinds.has(el.dataset.kind)
      && (!statusBoxes.length || statuses.has(el.dataset.status))
      && (!el.dataset.confidence || confidences.has(el.dataset.confidence));
    let docCount = 0, markCount = 0;
    for (const doc of docs) {
      let marks = 0;
      for (const item of doc.querySelectorAll("li.decision")) {
        item.classList.toggle("off", !shownNow(item));
      }
      for (const mark of doc.querySelectorAll("mark.hl")) {
        const on = shownNow(mark);
        mark.classList.toggle("off", !on);
        if (mark.id) {
          mark.tabIndex = on ? 0 : -1;
          if (on) marks += 1;
        }
      }
      const visible = (!query || texts.get(doc).includes(query)) && (everything || marks > 0);
      doc.hidden = !visible;
      if (visible) { docCount += 1; markCount += marks; }
    }
    const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
    shown.textContent = `Showing ${docCount} of ${plural(docs.length, "document")} `
      + `and ${plural(markCount, "highlight")}.`;
  }

  function show(mark) {
    const id = mark.getAttribute("aria-describedby") || mark.dataset.desc;
    const description = id && document.getElementById(id);
    if (!description || mark.classList.contains("off")) return;
    tip.innerHTML = description.innerHTML;
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    tip.style.left = `${Math.max(4, Math.min(box.left, width - tip.offsetWidth - 8))
      + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }
  const hide = () => { tip.hidden = true; };
  const markOf = node => node && node.closest ? node.closest("mark.hl") : null;

  document.addEventListener("focusin", e => { const m = markOf(e.target); m ? show(m) : hide(); });
  document.addEventListener("focusout", hide);
  document.addEventListener("mouseover", e => { const m = markOf(e.target); if (m) show(m); });
  document.addEventListener("mouseout", e => {
    if (!tip.contains(e.relatedTarget) && !markOf(e.relatedTarget)) hide();
  });
  tip.addEventListener("mouseleave", hide);
  document.addEventListener("keydown", e => { if (e.key === "Escape") hide(); });
  for (const button of document.querySelectorAll("button[data-set]")) {
    button.addEventListener("click", () => {
      for (const box of boxes(button.dataset.set)) box.checked = button.dataset.to === "1";
      apply();
    });
  }
  document.addEventListener("change", e => { if (e.target.name) apply(); });
  search.addEventListener("input", apply);

  // Decisions: claim number -> "accept" or "reject", kept in the browser's storage.
  const gold = JSON.parse(document.getElementById("gold-rows").textContent);
  const storeKey = `claims-review:${location.pathname}:${document.title}`;
  const decided = document.getElementById("decided");
  let decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) {}
  const items = [...document.querySelectorAll("li.decision")];

  function paint(number) {
    const decision = decisions[number];
    for (const button of document.querySelectorAll(
        `li.decision[data-claim="${number}"] button[data-decide]`)) {
      button.setAttribute("aria-pressed", String(button.dataset.decide === decision));
    }
    for (const mark of document.querySelectorAll(`mark.hl[data-claim="${number}"]`)) {
      mark.classList.toggle("accepted", decision === "accept");
      mark.classList.toggle("rejected", decision === "reject");
    }
  }
  function count() {
    const values = Object.values(decisions);
    const accepted = values.filter(v => v === "accept").length;
    const rejected = values.filter(v => v === "reject").length;
    decided.textContent = `${accepted} accepted, ${rejected} rejected, `
      + `${items.length - accepted - rejected} undecided.`;
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(decisions)); } catch (e) {}
    count();
  }
  for (const button of document.querySelectorAll("button[data-decide]")) {
    button.addEventListener("click", () => {
      const number = button.closest("li.decision").dataset.claim;
      if (decisions[number] === button.dataset.decide) delete decisions[number];
      else decisions[number] = button.dataset.decide;
      paint(number);
      save();
    });
  }
  document.getElementById("forget").addEventListener("click", () => {
    const numbers = Object.keys(decisions);
    decisions = {};
    numbers.forEach(paint);
    save();
  });
  document.getElementById("export").addEventListener("click", () => {
    const lines = items.map(item => item.dataset.claim)
      .filter(number => decisions[number] === "accept")
      .map(number => JSON.stringify(gold[number]) + "\\n");
    const url = URL.createObjectURL(new Blob(lines, {type: "application/jsonl"}));
    const link = Object.assign(document.createElement("a"), {href: url, download: "gold.jsonl"});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  Object.keys(decisions).forEach(paint);
  count();
  apply();
})();
"""
