"""Documents spread over processes, results back in input order.

Each document becomes an outcome: its claims, or the `DocumentError` that stopped it
(a record that did not parse passes through as it came). With `jobs` > 1, chunks of
documents go to a pool of worker processes, each of which loads the rule set once;
at most a few chunks per worker are in flight, so memory stays bounded whatever the
input size, and outcomes are yielded in input order, so the output is the same
byte for byte as with one process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from claims import pipeline
from claims.match import MatchTimeout
from claims.model import Claim, Document, DocumentError
from claims.pipeline import MAX_CHARS, TIME_BUDGET
from claims.rulepack import RuleSet

Outcome = list[Claim] | DocumentError

#: Documents per task: enough to make the round trip to a worker cheap.
CHUNK = 32
#: Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
_IN_FLIGHT = 4


def outcome_of(item: Document | DocumentError, ruleset: RuleSet,
               time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS) -> Outcome:
    """The claims of one document; a document that fails becomes an error, not a crash."""
    if isinstance(item, DocumentError):
        return item
    try:
        return pipeline.extract_document(item, ruleset, time_budget, max_chars)
    except MatchTimeout as exc:  # hostile or huge text: reported, never a hang
        return _failure(item, "match", str(exc))
    except Exception as exc:  # one bad document must not stop a batch
        return _failure(item, "extract", f"extraction failed: {exc!r}")


def _failure(doc: Document, stage: str, message: str) -> DocumentError:
    return DocumentError(source=doc.source or "<input>", line=doc.line, doc_id=doc.id,
                         stage=stage, message=message)


def outcomes(items: Iterable[Document | DocumentError], ruleset: RuleSet, jobs: int = 1,
             time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS
             ) -> Iterator[Outcome]:
    """The outcome of every item, in input order, over `jobs` processes (0: one per core)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        for item in items:
            yield outcome_of(item, ruleset, time_budget, max_chars)
        return
    import multiprocessing

    with multiprocessing.Pool(jobs, _start_worker, (ruleset, time_budget, max_chars)) as pool:
        pending: deque = deque()
        chunks = _chunks(items, CHUNK)
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= jobs * _IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER: dict[str, object] = {}


def _start_worker(ruleset: RuleSet, time_budget: float | None, max_chars: int) -> None:
    _WORKER.update(ruleset=ruleset, time_budget=time_budget, max_chars=max_chars)


def _work(chunk: list[Document | DocumentError]) -> list[Outcome]:
    return [outcome_of(item, _WORKER["ruleset"], _WORKER["time_budget"], _WORKER["max_chars"])
            for item in chunk]
