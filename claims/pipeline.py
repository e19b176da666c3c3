"""The extraction flow for one document: normalize -> match -> quantify -> context -> claims."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from claims.context import FieldContext, subject_of
from claims.match import Item, MatchTimeout, cited_span, find_items
from claims.model import Claim, Document
from claims.normalize import Normalized, normalize
from claims.quantify import read_item
from claims.rulepack import RuleSet, default_ruleset
from claims.sentences import Sentences

if TYPE_CHECKING:
    import pandas as pd


#: Seconds one document may take before matching stops with MatchTimeout.
TIME_BUDGET = 30.0
#: Longest text handled in one piece; longer fields are cut at sentence ends into
#: pieces of at most this size, so memory stays bounded whatever the input.
MAX_CHARS = 200_000


def extract_document(doc: Document, ruleset: RuleSet | None = None,
                     time_budget: float | None = TIME_BUDGET,
                     max_chars: int = MAX_CHARS) -> list[Claim]:
    """Every claim in every field of `doc`, in reading order.

    Raises claims.match.MatchTimeout when the document takes longer than
    `time_budget` seconds (None: no limit). Fields longer than `max_chars` are
    handled in pieces cut at sentence ends.
    """
    return list(iter_document(doc, ruleset, time_budget, max_chars))


def iter_document(doc: Document, ruleset: RuleSet | None = None,
                  time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS
                  ) -> Iterator[Claim]:
    """`extract_document` as a stream: a huge document's claims need not all be held.
    A MatchTimeout may come after some claims: whoever keeps them decides what to do."""
    return (claim for claim, _ in _explained(doc, ruleset, time_budget, max_chars))


def explain_document(doc: Document, ruleset: RuleSet | None = None,
                     time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS
                     ) -> list[tuple[Claim, dict[str, str]]]:
    """Every claim of `doc` with where each of its context fields came from."""
    return list(_explained(doc, ruleset, time_budget, max_chars))


def _explained(doc: Document, ruleset: RuleSet | None, time_budget: float | None,
               max_chars: int) -> Iterator[tuple[Claim, dict[str, str]]]:
    ruleset = ruleset or default_ruleset()
    deadline = None if time_budget is None else time.monotonic() + time_budget
    body = " ".join(text for field, text in doc.fields.items() if field != "title")
    subject = subject_of(doc.title, body, ruleset.context.subject_cues)
    provenance = {"title": doc.title or None, "url": doc.url, "bibkey": doc.bibkey}
    return ((claim, sources)
            for field, text in doc.fields.items()
            for offset, piece in pieces(text, max_chars)
            if _within(deadline)
            for claim, sources in _extract_field(doc.id, field, piece, ruleset, subject,
                                                 deadline, offset, provenance))


def _within(deadline: float | None) -> bool:
    """True while the document's time budget lasts; past it, MatchTimeout."""
    if deadline is not None and time.monotonic() > deadline:
        raise MatchTimeout("the document's time budget ran out")
    return True


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """`text` cut into pieces of at most `size` characters, at a sentence end (or a line
    break, or a space) where there is one, with each piece's offset.

    >>> list(pieces("One. Two. Three.", 10))
    [(0, 'One. Two. '), (10, 'Three.')]
    """
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind(". "), window.rfind("\n"))
        cut = cut + 2 if cut > 0 else (window.rfind(" ") + 1 or size)
        yield start, window[:cut]
        start += cut
    yield start, text[start:]


def _extract_field(doc_id: str, field: str, original: str, ruleset: RuleSet,
                   subject: str | None, deadline: float | None, offset: int = 0,
                   provenance: dict[str, str | None] | None = None
                   ) -> Iterator[tuple[Claim, dict[str, str]]]:
    """Claims of one field (or one piece of it, starting at `offset` in the field).

    Claims are built without validation: every value is already of its field's type
    (numbers made floats here, as validation would) and the spans hold by construction;
    validating each claim cost more than building it.
    """
    norm = normalize(original)
    sentences = Sentences.of(norm.text)
    # The dataset lexicon's scan is slow: done at most once per field, and only if needed.
    dataset_mentions = cache(lambda: ruleset.datasets.mentions(norm.text))
    items = find_items(ruleset, norm.text, sentences, dataset_mentions, deadline)
    context = FieldContext(norm.text, sentences, items, ruleset, subject, dataset_mentions)
    for item in items:
        reading = read_item(item)
        if reading is None:
            continue
        ctx = context.attach(item)
        start, end = _claim_span(norm, item)
        s_start, s_end = norm.to_original(*ctx.sentence)
        yield Claim.model_construct(
            doc_id=doc_id, kind=item.kind, value=_float(reading.value),
            value_max=_float(reading.value_max), unit=reading.unit, qualifier=ctx.qualifier,
            metric=ctx.metric, dataset=ctx.dataset, hardware=ctx.hardware,
            baseline=ctx.baseline, subject=ctx.subject, text=original[start:end], field=field,
            start=offset + start, end=offset + end, sentence=original[s_start:s_end],
            rule=item.rule.rule.id, **(provenance or {}),
        ), ctx.sources


def _float(number: float | None) -> float | None:
    return None if number is None else float(number)


def _claim_span(norm: Normalized, item: Item) -> tuple[int, int]:
    """The original span a claim quotes, without surrounding spaces."""
    start, end = norm.to_original(*cited_span(item))
    text = norm.original[start:end]
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return start, start + len(stripped)


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


def extract_frame(df: pd.DataFrame, id_col: str, text_cols: list[str],
                  ruleset: RuleSet | None = None) -> pd.DataFrame:
    """One row per claim found in the `text_cols` of each row of `df`."""
    import pandas as pd

    from claims.model import Claim as _Claim

    rows = [claim.row() for claim in extract_all(frame_documents(df, id_col, text_cols),
                                                 ruleset)]
    return pd.DataFrame(rows, columns=list(_Claim.model_fields))


def frame_documents(df: pd.DataFrame, id_col: str, text_cols: list[str]) -> Iterator[Document]:
    """A document per row of `df`, its text from `text_cols` (a missing value is empty)."""
    import pandas as pd

    missing = [c for c in [id_col, *text_cols] if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the frame: {', '.join(missing)}")
    return (
        Document(id=str(row[id_col]),
                 fields={c: "" if pd.isna(row[c]) else str(row[c]) for c in text_cols})
        for _, row in df.iterrows()
    )
