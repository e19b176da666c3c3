"""Documents spread over processes, results back in input order.

Each document becomes an outcome: its claims, or the `DocumentError` that stopped it
(a record that did not parse passes through as it came). With `jobs` > 1, chunks of
documents go to a pool of worker processes, each of which loads the rule set once;
at most a few chunks per worker are in flight, so memory stays bounded whatever the
input size, and outcomes are yielded in input order, so the output is the same
byte for byte as with one process. A document with very many claims (a whole book on
one line) keeps them in a temporary file until they are written.

A worker that dies (the OOM killer, a signal) breaks its pool: the documents in flight
are then run again one at a time in a new pool, so only a document that kills its
worker again is lost, reported as an error; the run goes on. When the run stops early
(an interrupt, SIGTERM), the workers are killed, not left behind.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from claims.claim.match import MatchTimeout
from claims.claim.rulepack import RuleSet
from claims.model import Claim, Document, DocumentError
from claims.run import pipeline
from claims.run.pipeline import MAX_CHARS, TIME_BUDGET

#: Claims of one document held in memory; more go to a temporary file.
HELD = 5_000


class SpilledClaims:
    """The claims of one document in a temporary file, read back (and the file removed)
    once; it crosses to another process as its file name."""

    def __init__(self, path: str, count: int) -> None:
        self.path = path
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Claim]:
        try:
            with open(self.path, "rb") as stream:
                for _ in range(self.count):
                    yield pickle.load(stream)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self.path)


#: What one input item becomes: its claims, or the error that stopped it.
Outcome = list[Claim] | SpilledClaims | DocumentError

#: Documents per task: enough to make the round trip to a worker cheap.
CHUNK = 32
#: Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
_IN_FLIGHT = 4


def outcome_of(item: Document | DocumentError, ruleset: RuleSet,
               time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS,
               deadline: float | None = None) -> Outcome:
    """The claims of one document; a document that fails becomes an error, not a crash
    (and none of its claims are kept). `deadline`: see `pipeline.iter_document`."""
    if isinstance(item, DocumentError):
        return item
    try:
        return _collect(pipeline.iter_document(item, ruleset, time_budget, max_chars,
                                               deadline))
    except MatchTimeout as exc:  # hostile or huge text: reported, never a hang
        return document_failure(item, "match", str(exc))
    except TimeoutError:  # a regex's own timeout, outside the matching proper
        return document_failure(item, "match", "the document's time budget ran out")
    except Exception as exc:  # one bad document must not stop a batch
        return document_failure(item, "extract", f"extraction failed: {exc!r}")


def document_failure(doc: Document, stage: str, message: str) -> DocumentError:
    return DocumentError(source=doc.source or "<input>", line=doc.line, doc_id=doc.id,
                         stage=stage, message=message)


def _collect(claims: Iterator[Claim]) -> list[Claim] | SpilledClaims:
    """All claims of a document: in memory, or past `HELD` of them in a temporary file,
    so that one huge document (a book on one line) does not fill the memory."""
    held = list(islice(claims, HELD))
    if len(held) < HELD:
        return held
    with tempfile.NamedTemporaryFile("wb", prefix="claims-", suffix=".pickle",
                                     delete=False) as spill:
        try:
            for claim in held:
                pickle.dump(claim, spill, protocol=pickle.HIGHEST_PROTOCOL)
            count = len(held)
            held.clear()
            for claim in claims:
                pickle.dump(claim, spill, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
        except BaseException:
            spill.close()
            os.unlink(spill.name)
            raise
    return SpilledClaims(spill.name, count)


def outcomes(items: Iterable[Document | DocumentError], ruleset: RuleSet, jobs: int = 1,
             time_budget: float | None = TIME_BUDGET, max_chars: int = MAX_CHARS
             ) -> Iterator[Outcome]:
    """The outcome of every item, in input order, over `jobs` processes (0: one per core)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        yield from _in_order(items, ruleset, time_budget, max_chars)
        return
    workers = _Workers(jobs, (ruleset, time_budget, max_chars))
    finished = False
    try:
        pending: deque[tuple[list, Future]] = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append((chunk, workers.submit(chunk)))
            if len(pending) >= jobs * _IN_FLIGHT:
                yield from workers.results(*pending.popleft())
        while pending:
            yield from workers.results(*pending.popleft())
        finished = True
    finally:
        workers.close(wait=finished)


class _Workers:
    """A pool of worker processes, replaced by a new one when a worker dies, and a pool
    of one that runs the documents of a broken pool again, one at a time."""

    def __init__(self, jobs: int, setup: tuple) -> None:
        self.jobs, self.setup = jobs, setup
        self.pool = self._start(jobs)
        self.solo: ProcessPoolExecutor | None = None

    def _start(self, jobs: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=self.setup)

    def submit(self, chunk: list) -> Future:
        try:
            return self.pool.submit(_work, chunk)
        except BrokenProcessPool:  # a worker died since the last chunk: a new pool
            _stop(self.pool, wait=False)
            self.pool = self._start(self.jobs)
            return self.pool.submit(_work, chunk)

    def results(self, chunk: list, future: Future) -> list[Outcome]:
        """The outcomes of a chunk; if its pool broke, each document run again alone."""
        try:
            return future.result()
        except BrokenProcessPool:
            return [self.alone(item) for item in chunk]

    def alone(self, item: Document | DocumentError) -> Outcome:
        """One document with nothing else in flight: if its worker dies, it is to blame."""
        if self.solo is None:
            self.solo = self._start(1)
        try:
            return self.solo.submit(_work, [item]).result()[0]
        except BrokenProcessPool:
            _stop(self.solo, wait=False)
            self.solo = None
        if isinstance(item, DocumentError):
            return item
        return document_failure(item, "extract", "its worker process died (killed by a "
                                "signal, or out of memory) while extracting it")

    def close(self, wait: bool) -> None:
        for pool in (self.pool, self.solo):
            if pool is not None:
                _stop(pool, wait)


def _stop(pool: ProcessPoolExecutor, wait: bool) -> None:
    """Shut a pool down; without waiting, its workers are killed first, so that none is
    left running after an interrupt or SIGTERM."""
    if not wait:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
    pool.shutdown(wait=wait, cancel_futures=not wait)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER: dict[str, object] = {}


def _start_worker(ruleset: RuleSet, time_budget: float | None, max_chars: int) -> None:
    """Ctrl-C reaches the whole process group: the parent handles it and stops the
    workers, which ignore it (no traceback from each); SIGTERM ends a worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER.update(ruleset=ruleset, time_budget=time_budget, max_chars=max_chars)


def _work(chunk: list[Document | DocumentError]) -> list[Outcome]:
    return list(_in_order(chunk, _WORKER["ruleset"], _WORKER["time_budget"],
                          _WORKER["max_chars"]))


def _in_order(items: Iterable[Document | DocumentError], ruleset: RuleSet,
              time_budget: float | None, max_chars: int) -> Iterator[Outcome]:
    """Outcomes of items one after another. The parts of a long text file follow each
    other and share one deadline, so the budget is the document's, not each part's
    (over --jobs, parts sent in different chunks start afresh); once a part fails, the
    parts after it are skipped (no claims), the document's error given once."""
    document, deadline, failed = None, None, False
    for item in items:
        if not isinstance(item, Document):
            yield item
            continue
        if item.offset == 0 or (item.source, item.id) != document:
            document, failed = (item.source, item.id), False
            deadline = pipeline.document_deadline(item, time_budget)
        outcome = [] if failed else outcome_of(item, ruleset, time_budget, max_chars, deadline)
        failed = failed or isinstance(outcome, DocumentError)
        yield outcome
