"""User rule packs: broken packs are load errors naming file, rule and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

import claims
from claims.claim.rulepack import RulePackError, load_ruleset

GOOD_RULE = r"""
  - id: widgets.<amount>-widgets
    pattern: '(?P<v>{NUM})\s(?P<u>widgets)'
    priority: 10
    metric: widget count
    examples:
      - text: "we ship 12 widgets"
        claims: [{value: 12, unit: widgets}]
    negatives:
      - "widgets are nice"
"""


def _pack(rules: str, kind: str = "quantity") -> str:
    return f"kind: {kind}\ndescription: a test pack\nrules:{rules}"


def _rule(rule_id: str = "widgets.<amount>-widgets", pattern: str = r"(?P<v>{NUM})\swidgets",
          extra: str = "", examples: bool = True) -> str:
    text = f"\n  - id: {rule_id}\n    pattern: '{pattern}'\n{extra}"
    if examples:
        text += ("    examples:\n      - text: \"we ship 12 widgets\"\n"
                 "        claims: [{value: 12}]\n")
    return text


def _write(tmp_path: Path, text: str, name: str = "widgets.yaml") -> Path:
    directory = tmp_path / "packs"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


# (case id, pack text, rule id expected in the message or None, problem expected in it)
BROKEN = [
    ("unknown-fragment",
     _pack(_rule(pattern=r"(?P<v>{NOPE})\swidgets")),
     "widgets.<amount>-widgets", "unknown fragment {NOPE}"),
    ("does-not-compile",
     _pack(_rule(pattern=r"(?P<v>\d+\swidgets")),
     "widgets.<amount>-widgets", "does not compile"),
    ("empty-examples",
     _pack(_rule(examples=False, extra="    examples: []\n")),
     "widgets.<amount>-widgets", "examples"),
    ("no-examples",
     _pack(_rule(examples=False)),
     "widgets.<amount>-widgets", "examples"),
    ("unknown-key",
     _pack(_rule(extra="    colour: blue\n")),
     "widgets.<amount>-widgets", "colour"),
    ("duplicate-builtin-id",
     _pack(_rule(rule_id="speedup.<factor>-speedup")),
     "speedup.<factor>-speedup", "already used"),
    ("duplicate-id-in-pack",
     _pack(_rule() + _rule()),
     "widgets.<amount>-widgets", "already used"),
    ("no-value-group",
     _pack(_rule(pattern=r"{NUM}\swidgets")),
     "widgets.<amount>-widgets", "no value group"),
    ("bad-pack-kind",
     _pack(_rule(), kind="gadgets"),
     None, "kind"),
    ("bad-rule-kind",
     _pack(_rule(extra="    kind: gadgets\n")),
     "widgets.<amount>-widgets", "kind"),
    ("bad-sign",
     _pack(_rule(extra="    sign: 2\n")),
     "widgets.<amount>-widgets", "sign must be 1 or -1"),
    ("bad-rule-id",
     _pack(_rule(rule_id="Widgets")),
     "Widgets", "id"),
    ("example-without-claims",
     _pack(_rule(examples=False, extra="    examples:\n      - text: \"12 widgets\"\n")),
     "widgets.<amount>-widgets", "claims"),
    ("no-rules",
     "kind: quantity\ndescription: empty\nrules: []\n",
     None, "rules"),
    ("not-a-mapping",
     "- just\n- a list\n",
     None, "must be a mapping"),
]


@pytest.mark.parametrize(("text", "rule_id", "problem"),
                         [pytest.param(t, r, p, id=i) for i, t, r, p in BROKEN])
def test_broken_pack(tmp_path, text: str, rule_id: str | None, problem: str) -> None:
    directory = _write(tmp_path, text)
    with pytest.raises(RulePackError) as exc:
        load_ruleset([directory])
    message = str(exc.value)
    assert "widgets.yaml" in message
    if rule_id is not None:
        assert rule_id in message
    assert problem in message


@pytest.mark.parametrize(("text", "line"), [
    ("kind: quantity\ndescription: a: b\nrules: []\n", 2),
    (_pack(_rule()) + "\tpriority: 3\n", 9),
    ("kind: quantity\ndescription: ok\nrules:\n  - id: widgets.a\n     pattern: x\n", 5),
])
def test_yaml_syntax_error_names_the_line(tmp_path, text: str, line: int) -> None:
    directory = _write(tmp_path, text)
    with pytest.raises(RulePackError) as exc:
        load_ruleset([directory])
    message = str(exc.value)
    assert "YAML error" in message
    assert f"widgets.yaml:{line}:" in message


def test_not_a_directory(tmp_path) -> None:
    with pytest.raises(RulePackError, match="not a directory"):
        load_ruleset([tmp_path / "missing"])


def test_user_fragment_may_not_redefine_a_builtin(tmp_path) -> None:
    directory = _write(tmp_path, "fragments:\n  NUM: '\\d+'\n", name="fragments.yaml")
    with pytest.raises(RulePackError) as exc:
        load_ruleset([directory])
    assert "fragments.yaml" in str(exc.value)
    assert "NUM" in str(exc.value)
    assert "already defined" in str(exc.value)


def test_good_user_pack(tmp_path) -> None:
    directory = _write(tmp_path, _pack(GOOD_RULE))
    ruleset = load_ruleset([directory])
    ids = [c.rule.id for c in ruleset.rules]
    assert "widgets.<amount>-widgets" in ids
    assert "speedup.<factor>-speedup" in ids  # built-in packs still load

    found = claims.extract("We ship 12 widgets and get a 3.25x speedup.", ruleset=ruleset)
    widgets = [c for c in found if c.rule == "widgets.<amount>-widgets"]
    assert len(widgets) == 1
    claim = widgets[0]
    assert (claim.kind, claim.value, claim.unit, claim.text) == (
        claims.Kind.quantity, 12.0, "widgets", "12 widgets")
    assert any(c.kind is claims.Kind.speedup for c in found)
    # without the user pack, no widgets
    assert not [c for c in claims.extract("We ship 12 widgets.") if c.unit == "widgets"]


def test_good_user_pack_with_its_own_fragment(tmp_path) -> None:
    directory = _write(tmp_path, _pack(GOOD_RULE.replace("(?P<u>widgets)", "(?P<u>{THING})")))
    (directory / "fragments.yaml").write_text("fragments:\n  THING: 'widgets|gizmos'\n",
                                              encoding="utf-8")
    ruleset = load_ruleset([directory])
    found = claims.extract("We ship 7 gizmos.", ruleset=ruleset)
    assert [(c.value, c.unit) for c in found] == [(7.0, "gizmos")]


def test_good_user_pack_passes_its_own_checks(tmp_path, capsys) -> None:
    from claims.run.cli import main

    directory = _write(tmp_path, _pack(GOOD_RULE))
    main(["rules", "check", "--rules", str(directory)])
    out = capsys.readouterr().out
    # only the user pack's own cases are looked at: the built-in packs have tests of their own
    assert "widgets.<amount>-widgets" not in out
    assert "widgets.yaml" not in out
    assert "passed" in out.splitlines()[-1]


def test_user_pack_with_a_wrong_example_fails_rules_check(tmp_path, capsys) -> None:
    from claims.run.cli import main

    directory = _write(tmp_path, _pack(GOOD_RULE.replace("{value: 12,", "{value: 13,")))
    assert main(["rules", "check", "--rules", str(directory)]) == 1
    out = capsys.readouterr().out
    failures = [line for line in out.splitlines() if "widgets.<amount>-widgets" in line]
    assert failures  # one line per problem: the missing 13 and the unexpected 12
    assert all("widgets.yaml" in line and "we ship 12 widgets" in line for line in failures)
