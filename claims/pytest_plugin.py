"""pytest fixtures for checking extraction on your own corpus.

Installing claims registers this plugin (the `pytest11` entry point), so a test suite
only asks for the fixtures; `pip install 'claims[pytest]'` brings what they need
(pytest and pytest-regressions):

- `claims_snapshot(docs)`: extract the claims of `docs` and compare them with a saved
  snapshot (pytest-regressions' `data_regression`); when rules change, the test fails
  with the diff, and `pytest --force-regen` saves the new claims once reviewed.
- `claims_quality(gold=..., docs=..., min_f1={"speedup": 0.9, "overall": 0.85})`: score
  the claims against gold as `claims eval` does and fail, naming each kind and measure,
  when one is below its threshold (min_precision, min_recall, min_f1).

Relative paths are read from the directory of the test file that uses the fixture,
so a suite gives the same result wherever pytest is started. claims itself is imported
only when a fixture is used, so the plugin costs nothing to suites that never ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from claims.evaluate import Report, Scores
    from claims.model import Claim, Document

#: The fields a snapshot keeps per claim (the sentence and provenance are left out:
#: they repeat the text and the document).
SNAPSHOT_FIELDS = ("doc_id", "kind", "value", "value_max", "unit", "qualifier", "metric",
                   "dataset", "hardware", "baseline", "subject", "text", "field", "start",
                   "end", "rule")
MEASURES = ("precision", "recall", "f1")
OVERALL = "overall"


@pytest.fixture
def claims_snapshot(request: pytest.FixtureRequest) -> Callable[..., list[Claim]]:
    """`claims_snapshot(docs, fields=SNAPSHOT_FIELDS, basename=None, rules=())`:
    the claims of `docs` (a file of papers, or Documents) checked against their saved
    snapshot; returns the claims."""
    try:
        data_regression = request.getfixturevalue("data_regression")
    except pytest.FixtureLookupError:
        pytest.fail("claims_snapshot needs pytest-regressions: pip install 'claims[pytest]'",
                    pytrace=False)
    here = Path(request.path).parent

    def check(docs: str | Path | Iterable[Document], *, fields: Sequence[str] = SNAPSHOT_FIELDS,
              basename: str | None = None, rules: Sequence[str | Path] = ()) -> list[Claim]:
        found = extract_claims(_resolve(docs, here), rules=[_resolve(r, here) for r in rules])
        rows = [{name: claim.row()[name] for name in fields} for claim in found]
        data_regression.check({"claims": rows}, basename=basename)
        return found

    return check


@pytest.fixture
def claims_quality(request: pytest.FixtureRequest) -> Callable[..., Report]:
    """`claims_quality(gold=..., docs=... or claims=..., min_precision=..., min_recall=...,
    min_f1=..., rules=())`: the evaluation report; fails naming every kind and measure
    below its threshold ("overall" is all kinds together)."""
    here = Path(request.path).parent

    def check(gold: str | Path | Iterable[Mapping[str, Any]], *,
              docs: str | Path | Iterable[Document] | None = None,
              claims: str | Path | Iterable[Claim] | None = None,
              min_precision: Mapping[str, float] | None = None,
              min_recall: Mapping[str, float] | None = None,
              min_f1: Mapping[str, float] | None = None,
              rules: Sequence[str | Path] = ()) -> Report:
        return assert_quality(
            _resolve(gold, here), docs=_resolve(docs, here), claims=_resolve(claims, here),
            thresholds={"precision": min_precision, "recall": min_recall, "f1": min_f1},
            rules=[_resolve(r, here) for r in rules])

    return check


def _resolve(value: Any, here: Path) -> Any:
    """A relative path as seen from the test file's directory; anything else as it is."""
    if isinstance(value, str | Path) and not Path(value).is_absolute():
        return here / value
    return value


# --- helpers, usable without the fixtures ------------------------------------------------


def extract_claims(docs: str | Path | Iterable[Document],
                   rules: Sequence[str | Path] = ()) -> list[Claim]:
    """The claims of a file of papers (any input format `claims extract` reads) or of
    Documents; a record that cannot be read fails the test."""
    from claims.claim.rulepack import load_ruleset
    from claims.run.pipeline import extract_all

    ruleset = load_ruleset([Path(r) for r in rules]) if rules else None
    return list(extract_all(_documents(docs), ruleset))


def _documents(docs: str | Path | Iterable[Document]) -> list[Document]:
    from claims.model import DocumentError
    from claims.read import InputError, read_path

    if not isinstance(docs, str | Path):
        return list(docs)
    try:
        items = list(read_path(docs))
    except InputError as exc:
        pytest.fail(str(exc), pytrace=False)
    errors = [item for item in items if isinstance(item, DocumentError)
              and item.severity == "error"]
    if errors:
        pytest.fail("documents that cannot be read:\n" + "\n".join(f"  {e}" for e in errors),
                    pytrace=False)
    return [item for item in items if not isinstance(item, DocumentError)]


def assert_quality(gold: str | Path | Iterable[Mapping[str, Any]], *,
                   docs: str | Path | Iterable[Document] | None = None,
                   claims: str | Path | Iterable[Claim] | None = None,
                   thresholds: Mapping[str, Mapping[str, float] | None],
                   rules: Sequence[str | Path] = ()) -> Report:
    """Score `claims` (a claims file or Claims), or the claims extracted from `docs`,
    against `gold`; fail when a measure of a kind is below its threshold.

    `thresholds` maps a measure (precision, recall, f1) to {kind or "overall": floor}.
    """
    from claims.evaluate import evaluate, format_report, load_gold, load_predictions

    if (docs is None) == (claims is None):
        pytest.fail("claims_quality: give either docs= (papers) or claims= (extracted "
                    "claims)", pytrace=False)
    _check_thresholds(thresholds)
    if claims is None:
        predicted: Iterable[Any] = extract_claims(docs, rules)
    else:
        predicted = load_predictions(claims) if isinstance(claims, str | Path) else claims
    gold_rows = load_gold(gold) if isinstance(gold, str | Path) else list(gold)
    report = evaluate(predicted, gold_rows)
    problems = below(report, thresholds)
    if problems:
        pytest.fail("claims quality below the thresholds:\n"
                    + "\n".join(f"  {p}" for p in problems)
                    + "\n\n" + format_report(report, show_misses=True), pytrace=False)
    return report


def _check_thresholds(thresholds: Mapping[str, Mapping[str, float] | None]) -> None:
    """A misspelt kind or measure would check nothing; say so instead."""
    from claims.model import Kind

    names = {kind.value for kind in Kind} | {OVERALL}
    for measure, floors in thresholds.items():
        if measure not in MEASURES:
            pytest.fail(f"claims_quality: unknown measure {measure!r} "
                        f"(choose from {', '.join(MEASURES)})", pytrace=False)
        for name in floors or {}:
            if name not in names:
                pytest.fail(f"claims_quality: unknown kind {name!r} in min_{measure} "
                            f"(kinds: {', '.join(sorted(names))})", pytrace=False)


def below(report: Report, thresholds: Mapping[str, Mapping[str, float] | None]) -> list[str]:
    """One line per kind and measure under its floor, in the order the floors are given.

    A kind with a floor but neither gold nor predicted claims fails too: there is
    nothing to measure, which is seldom what a floor means.
    """
    problems = []
    for measure, floors in thresholds.items():
        for name, floor in (floors or {}).items():
            scores = report.overall if name == OVERALL else report.kinds.get(name)
            if scores is None:
                problems.append(f"{name}: no gold and no predicted claims, so its "
                                f"{measure} cannot reach {floor}")
            elif getattr(scores, measure) < floor:
                problems.append(f"{name}: {measure} {getattr(scores, measure):.3f} < {floor} "
                                f"({_counts(scores)})")
    return problems


def _counts(scores: Scores) -> str:
    return (f"gold {scores.gold}, predicted {scores.pred}, correct {scores.tp}, "
            f"false positives {scores.fp}, missed {scores.fn}")
