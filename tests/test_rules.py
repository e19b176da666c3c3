"""Every example and negative of every rule pack runs as its own test."""

from __future__ import annotations

import pytest

from claims.claim.rulepack import default_ruleset
from claims.run.rulecheck import cases, problems

RULESET = default_ruleset()
CASES = list(cases(RULESET))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_case(case):
    assert problems(case, RULESET) == []


def test_every_rule_has_examples():
    for compiled in RULESET.rules:
        assert compiled.rule.examples, compiled.rule.id


def test_every_pack_documents_its_decisions():
    for source, pack in RULESET.packs:
        assert pack.description.strip(), source
