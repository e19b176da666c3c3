"""The `claims` command, called in-process through claims.run.cli.main."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from claims.run.cli import build_parser, main
from tests.conftest import RECORDS
from tests.conftest import read_jsonl as _read_jsonl
from tests.conftest import write_jsonl as _jsonl

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "seed_gold.jsonl"



def _assert_user_error(rc: int, err: str) -> None:
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claims: error:")
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "claims.jsonl"
    assert main(["demo", "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("ext", ["jsonl", "csv", "parquet"])
def test_extract_writes_each_format(tmp_path, capsys, ext: str) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / f"claims.{ext}"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    if ext == "jsonl":
        rows = _read_jsonl(out)
    elif ext == "csv":
        rows = pd.read_csv(out).to_dict("records")
    else:
        rows = pd.read_parquet(out).to_dict("records")
    assert [(r["doc_id"], r["kind"], r["value"]) for r in rows] == [
        ("a", "speedup", 3.25), ("b", "hardware", 128.0),
    ]
    assert rows[0]["text"] == "3.25x"
    assert "2 claims written to" in capsys.readouterr().err
    assert not (tmp_path / "claims.errors.jsonl").exists()


def test_extract_to_stdout(tmp_path, capsys) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    assert main(["extract", str(source)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc_id"] for r in rows] == ["a", "b"]


def test_extract_reads_stdin(tmp_path, capsys, monkeypatch) -> None:
    stdin = "".join(json.dumps(r) + "\n" for r in RECORDS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = tmp_path / "claims.jsonl"
    assert main(["extract", "-", "-o", str(out)]) == 0
    rows = _read_jsonl(out)
    assert [(r["doc_id"], r["kind"]) for r in rows] == [("a", "speedup"), ("b", "hardware")]


def test_demo_writes_the_sample_claims(demo_output: Path) -> None:
    rows = _read_jsonl(demo_output)
    assert len(rows) > 100
    assert {r["doc_id"].split("-")[0] for r in rows} == {"seed"}
    assert not demo_output.with_name("claims.errors.jsonl").exists()


def test_eval_prints_a_table(demo_output: Path, capsys) -> None:
    assert main(["eval", "--gold", str(GOLD), str(demo_output)]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("overall") for line in out.splitlines())
    assert "where gold states it" in out and "where gold has none" in out


def test_eval_json(demo_output: Path, capsys) -> None:
    assert main(["eval", "--gold", str(GOLD), str(demo_output), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "overall" in report
    assert 0.0 <= report["overall"]["f1"] <= 1.0
    for score in report["context"].values():
        assert score["correct"] <= score["stated"] and score["attached"] <= score["unstated"]
        assert 0.0 <= score["accuracy"] <= 1.0 and 0.0 <= score["attached_rate"] <= 1.0


def test_eval_min_f1_fails_above_the_score(demo_output: Path, tmp_path, capsys) -> None:
    lines = demo_output.read_text(encoding="utf-8").splitlines(True)
    fewer = tmp_path / "fewer.jsonl"  # half the claims missed: F1 is below 1
    fewer.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    assert main(["eval", "--gold", str(GOLD), str(fewer), "--min-f1", "1"]) == 1
    assert "below --min-f1" in capsys.readouterr().err


def test_eval_min_f1_passes_at_zero(demo_output: Path, capsys) -> None:
    assert main(["eval", "--gold", str(GOLD), str(demo_output), "--min-f1", "0"]) == 0


def test_schema(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "doc_id" in schema["properties"]
    assert "doc_id" in schema["required"]
    # `quantity` is a computed property of a claim, not a field of the schema
    assert "quantity" not in schema["properties"]
    assert "quantity" not in schema.get("required", [])


def test_rules_check(capsys) -> None:
    assert main(["rules", "check"]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out.splitlines()[-1]


def test_explain_shows_rule_and_context_sources(capsys) -> None:
    text = "speedups over FP16 of around 3.25x on NVIDIA A100 and 4.5x on A6000"
    assert main(["explain", text]) == 0
    out = capsys.readouterr().out
    assert "speedup 3.25 x  '3.25x'" in out
    assert "speedup.speedup-of-<factor>" in out
    assert "hardware   'NVIDIA A100'  <- after the value in its stretch of the sentence" in out
    assert "baseline   'FP16'  <- shared with the previous value" in out
    assert "qualifier  'about'  <- 'around' before the value" in out


def test_explain_without_claims(capsys) -> None:
    assert main(["explain", "GPT-4 was released in 2023."]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "no claims"
    assert out[1:] == ["numbers that became no claim (1):",
                       "  '2023' [22:26]  not a quantity: year"]


def test_rules_list(capsys) -> None:
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "speedup.<factor>-speedup" in out
    assert "quantity.<amount>-<memory>" in out
    assert len(out.splitlines()) > 10


def test_missing_input_file_does_not_stop_the_others(tmp_path, capsys) -> None:
    good = _jsonl(tmp_path / "good.jsonl", RECORDS)
    out = tmp_path / "c.jsonl"
    rc = main(["extract", str(tmp_path / "nope.jsonl"), str(good), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 2
    error_lines = [line for line in err.splitlines() if line.startswith("claims: error:")]
    assert len(error_lines) == 1 and "nope.jsonl" in error_lines[0]
    assert "Traceback" not in err
    assert {row["doc_id"] for row in _read_jsonl(out)} == {"a", "b"}
    errors = _read_jsonl(tmp_path / "c.errors.jsonl")
    assert len(errors) == 1 and errors[0]["source"].endswith("nope.jsonl")


def test_no_input_at_all(capsys) -> None:
    rc = main(["extract"])
    err = capsys.readouterr().err
    _assert_user_error(rc, err)
    assert "no input" in err


def test_broken_rule_pack(tmp_path, capsys) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("kind: quantity\ndescription: a: b\n", encoding="utf-8")
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    rc = main(["extract", str(source), "--rules", str(rules), "-o", str(tmp_path / "c.jsonl")])
    err = capsys.readouterr().err
    _assert_user_error(rc, err)
    assert "broken.yaml" in err
    assert "YAML error" in err


def test_rules_dir_that_does_not_exist(tmp_path, capsys) -> None:
    rc = main(["rules", "check", "--rules", str(tmp_path / "missing")])
    _assert_user_error(rc, capsys.readouterr().err)


def test_eval_missing_gold(demo_output: Path, tmp_path, capsys) -> None:
    rc = main(["eval", "--gold", str(tmp_path / "gold.jsonl"), str(demo_output)])
    err = capsys.readouterr().err
    _assert_user_error(rc, err)
    assert "gold.jsonl" in err


def test_truncated_line_is_reported_and_the_rest_extracted(tmp_path, capsys) -> None:
    lines = [json.dumps(RECORDS[0]), json.dumps(RECORDS[1])[:25], json.dumps(RECORDS[1])]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 1
    assert [(r["doc_id"], r["kind"]) for r in _read_jsonl(out)] == [
        ("a", "speedup"), ("b", "hardware"),
    ]
    errors = _read_jsonl(tmp_path / "claims.errors.jsonl")
    assert len(errors) == 1
    assert errors[0]["line"] == 2
    assert errors[0]["source"] == str(source)
    assert "invalid JSON" in errors[0]["message"]
    err = capsys.readouterr().err
    assert "in.jsonl:2" in err
    assert "Traceback" not in err


def test_errors_file_of_an_earlier_run_is_removed(tmp_path, capsys) -> None:
    out = tmp_path / "claims.jsonl"
    stale = tmp_path / "claims.errors.jsonl"
    stale.write_text('{"source": "old", "message": "old"}\n', encoding="utf-8")
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    assert main(["extract", str(source), "-o", str(out)]) == 0
    assert not stale.exists()


def _subparsers(parser: argparse.ArgumentParser):
    """(name, parser, help in the parent's list) for every subcommand, recursively."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, sub, helps.get(name)
                yield from _subparsers(sub)


def test_every_subcommand_has_help() -> None:
    found = list(_subparsers(build_parser()))
    names = {name for name, _, _ in found}
    assert {"extract", "demo", "eval", "schema", "rules", "check", "list"} <= names
    for name, sub, help_text in found:
        assert help_text and help_text.strip(), name
        assert sub.description and sub.description.strip(), name


def test_help_exits_cleanly(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "extract" in capsys.readouterr().out


def _mixed_records(tmp_path: Path) -> Path:
    """Fixture abstracts with a broken line every 7th line and a document over its budget."""
    lines = (FIXTURES / "seed_docs.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [line[:30] if i % 7 == 3 else line for i, line in enumerate(lines)]
    lines.insert(50, json.dumps({"id": "slow", "abstract": "a 3x speedup. " * 150_000}))
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def test_jobs_give_the_same_claims_and_errors_in_input_order(tmp_path, capsys) -> None:
    source = _mixed_records(tmp_path)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"claims-{jobs}.jsonl"
        assert main(["extract", str(source), "-o", str(out), "--jobs", jobs,
                     "--time-budget", "1"]) == 1
        errors = _read_jsonl(tmp_path / f"claims-{jobs}.errors.jsonl")
        # Where a document runs out of time (the message names the rule) is up to the clock.
        runs[jobs] = (out.read_bytes(), [(e["line"], e["doc_id"], e["stage"]) for e in errors])
    assert runs["1"] == runs["2"]
    errors = runs["2"][1]
    assert [line for line, _, _ in errors] == sorted(line for line, _, _ in errors)
    assert (51, "slow", "match") in errors and len(errors) == 15


def test_quiet_prints_no_summary(tmp_path, capsys) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    assert main(["extract", str(source), "-o", str(tmp_path / "out.jsonl"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "B/s]" in terminal.getvalue()
    terminal.seek(0)
    terminal.truncate()
    assert main(["extract", str(source), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    assert terminal.getvalue() == ""
