"""Run every rule's examples and negatives: the rule packs' own test corpus.

An example passes when the claims of its rule's kind found in its text are
exactly the expected ones (value, range and unit, plus any other field the
example states); a negative passes when it yields no claim of the pack's kind.
Examples of the context lexicon (`rules/context.yaml`) and of the cue lexicons
(`rules/cues.yaml`) check only the claims they list.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from claims.claim.cues import cue_examples
from claims.claim.rulepack import Example, ExpectedClaim, RuleSet
from claims.model import Claim, Kind
from claims.run.pipeline import extract

_CONTEXT = ("qualifier", "metric", "dataset", "hardware", "baseline", "subject")


@dataclass(frozen=True)
class Case:
    """One example or negative, named for test reports."""

    source: str
    rule_id: str  # "" for a pack-level negative
    kind: Kind
    text: str
    expected: tuple[ExpectedClaim, ...] | None  # None for a negative
    exact: bool = True  # False: other claims of the same kinds may be found too

    @property
    def name(self) -> str:
        what = "negative" if self.expected is None else "example"
        return f"{self.rule_id or self.kind.value}:{what}:{self.text[:40]}"


def cases(ruleset: RuleSet) -> Iterator[Case]:
    """Every example and negative of every pack, in pack and rule order."""
    for source, pack in ruleset.packs:
        for rule in pack.rules:
            kind = rule.kind or pack.kind
            for example in rule.examples:
                yield _example_case(source, rule.id, kind, example)
            for text in rule.negatives:
                yield Case(source, rule.id, kind, text, None)
        for text in pack.negatives:
            yield Case(source, "", pack.kind, text, None)
    for example in ruleset.context.examples:
        kind = example.claims[0].kind or Kind.quantity
        yield Case("context.yaml", "context", kind, example.text, tuple(example.claims), False)
    for example in cue_examples():
        kind = example.claims[0].kind or Kind.quantity
        yield Case("cues.yaml", "cues", kind, example.text, tuple(example.claims), False)


def _example_case(source: str, rule_id: str, kind: Kind, example: Example) -> Case:
    return Case(source, rule_id, kind, example.text, tuple(example.claims))


def problems(case: Case, ruleset: RuleSet) -> list[str]:
    """What is wrong with one case; empty when it passes. Expected claims may come from a
    rule or a cue; an example's unexpected claims are the rules' only, since the cue
    lexicons answer for other numbers of its text."""
    found = extract(case.text, ruleset=ruleset)
    if case.expected is None:
        bad = [c for c in found if c.kind == case.kind]
        return [f"must yield no {case.kind.value} claim, got {_show(c)}" for c in bad]
    out: list[str] = []
    kinds = {exp.kind or case.kind for exp in case.expected}
    pool = [c for c in found if c.kind in kinds]
    for exp in case.expected:
        match = next((c for c in pool if _agrees(exp, c, case.kind)), None)
        if match is None:
            out.append(f"expected {_show_expected(exp, case.kind)}, found "
                       f"{[_show(c) for c in pool] or 'nothing'}")
        else:
            pool.remove(match)
    if case.exact:
        out.extend(f"unexpected {_show(c)}" for c in pool if c.confidence == "rule")
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _agrees(exp: ExpectedClaim, claim: Claim, default_kind: Kind) -> bool:
    if claim.kind != (exp.kind or default_kind):
        return False
    if not (_close(exp.value, claim.value) and _close(exp.value_max, claim.value_max)):
        return False
    if exp.unit is not None and exp.unit != claim.unit:
        return False
    return all(getattr(exp, f) is None or getattr(exp, f) == getattr(claim, f) for f in _CONTEXT)


def _show(claim: Claim) -> str:
    rng = f"-{claim.value_max:g}" if claim.value_max is not None else ""
    value = "null" if claim.value is None else f"{claim.value:g}"
    return f"{claim.kind.value} {value}{rng} {claim.unit!r} ({claim.rule}: {claim.text!r})"


def _show_expected(exp: ExpectedClaim, kind: Kind) -> str:
    fields = exp.model_dump(exclude_none=True)
    fields.setdefault("kind", kind.value)
    return ", ".join(f"{k}={v.value if isinstance(v, Kind) else v!r}" for k, v in fields.items())


def check(ruleset: RuleSet) -> list[tuple[Case, list[str]]]:
    """All failing cases with their problems."""
    failures = []
    for case in cases(ruleset):
        found = problems(case, ruleset)
        if found:
            failures.append((case, found))
    return failures
