"""The pytest plugin, run through pytester on the README's example as written there:
it passes, and fails as documented when the gold disagrees or the rules change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claims.claim.rulepack  # noqa: F401

# What the plugin imports when a fixture runs, imported here first: pytester's
# in-process runs drop modules first imported inside them, and would load the rules
# again every run.
from claims.run.cli import main
from tests.conftest import WIDGETS

pytest_plugins = ["pytester"]

README = Path(__file__).parent.parent / "README.md"
#: hypothesis's plugin takes seconds to start in each in-process run and plays no part.
QUICK = ("-p", "no:hypothesispytest")


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*QUICK, *args)


def _readme_files() -> dict[str, str]:
    """The example's files: each fenced block right after a line naming it in backticks."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Checking quality in your own test suite"):]
    blocks = re.findall(r"^`([\w.]+)`[^\n]*:\n```\w*\n(.*?)```", section, re.M | re.S)
    return dict(blocks)


def _readme_failure() -> list[str]:
    """The failure message the README shows."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Checking quality in your own test suite"):]
    block = re.search(r"fails with:\n\n```\n(.*?)```", section, re.S)[0]
    return block.splitlines()[3:-1]


@pytest.fixture
def example(pytester: pytest.Pytester) -> pytest.Pytester:
    files = _readme_files()
    assert sorted(files) == ["gold.jsonl", "papers.jsonl", "test_corpus.py"]
    for name, body in files.items():
        (pytester.path / name).write_text(body, encoding="utf-8")
    return pytester


def test_the_readme_example_passes_once_its_snapshot_is_saved(example) -> None:
    first = _run(example)
    first.assert_outcomes(passed=1, failed=1)  # pytest-regressions: a new snapshot
    first.stdout.fnmatch_lines(["*File not found in data directory, created*"])
    snapshot = example.path / "test_corpus" / "test_claims_do_not_change.yml"
    assert "rule: speedup.<factor>-speedup" in snapshot.read_text(encoding="utf-8")
    _run(example).assert_outcomes(passed=2)


def test_the_readme_example_fails_as_documented_when_gold_disagrees(example) -> None:
    gold = example.path / "gold.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace('"value": 3.25', '"value": 3.5')
    gold.write_text("".join(lines), encoding="utf-8")
    result = _run(example, "-k", "test_quality")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*{line}" for line in _readme_failure()], consecutive=True)
    result.stdout.fnmatch_lines(["*misses (1):*", "*false positives (1):*"])


def test_a_rule_change_shows_as_a_snapshot_diff(pytester: pytest.Pytester,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makefile(".jsonl", papers='{"id": "w", "abstract": "We ship 12 widgets '
                      'at a 3x speedup."}\n')
    (pytester.path / "packs").mkdir()
    pytester.makepyfile(test_widgets="""
        import os

        def test_claims(claims_snapshot):
            rules = ["packs"] if os.environ.get("WITH_PACKS") else []
            found = claims_snapshot("papers.jsonl", fields=("kind", "value", "text", "rule"),
                                    rules=rules)
            assert found
    """)
    _run(pytester).assert_outcomes(failed=1)  # the snapshot is saved
    _run(pytester).assert_outcomes(passed=1)
    (pytester.path / "packs" / "widgets.yaml").write_text(WIDGETS, encoding="utf-8")
    monkeypatch.setenv("WITH_PACKS", "1")
    changed = _run(pytester)
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*FILES DIFFER*", "*+  rule: widgets.<amount>-widgets*"])
    _run(pytester, "--force-regen").assert_outcomes(failed=1)  # accepted after review
    _run(pytester).assert_outcomes(passed=1)


def test_a_misspelt_kind_is_an_error_not_a_pass(example) -> None:
    example.makepyfile(test_typo="""
        def test_typo(claims_quality):
            claims_quality(gold="gold.jsonl", docs="papers.jsonl", min_f1={"speedups": 0.9})
    """)
    result = _run(example, "test_typo.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*unknown kind 'speedups' in min_f1*"])


def test_quality_of_a_claims_file_and_its_report(example) -> None:
    papers = example.path / "papers.jsonl"
    assert main(["extract", str(papers), "-o", str(example.path / "claims.jsonl")]) == 0
    example.makepyfile(test_claims_file="""
        def test_report(claims_quality):
            report = claims_quality(gold="gold.jsonl", claims="claims.jsonl",
                                    min_precision={"overall": 1.0}, min_recall={"score": 1.0})
            assert report.overall.f1 == 1.0
            assert sorted(report.kinds) == ["hardware", "model_size", "score", "speedup"]
    """)
    _run(example, "test_claims_file.py").assert_outcomes(passed=1)
