"""Using the command: a wrong call is one `claims: error:` line and exit 2, tables go to
stdout with `-o -` and come from many inputs, and the small things a first run shows
(the version, the rule packs compiling, counts, the progress bar)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from claims.claim import rulecache
from claims.model import Kind
from claims.output.write import errors_path
from claims.run.cli import main
from tests.conftest import RECORDS, read_jsonl, write_jsonl

ROOT = Path(__file__).parents[1]


def _run(argv: list[str]) -> int:
    """The exit status of `claims ARGV`, whether argparse or the command decided it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def _one_error_line(rc: int, err: str) -> str:
    assert rc == 2, err
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith("claims: error: ")
    return line


@pytest.fixture()
def papers(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "papers.jsonl", RECORDS)


@pytest.fixture()
def claims_file(tmp_path: Path, papers: Path) -> Path:
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(papers), "-o", str(out), "-q"]) == 0
    return out


# --- one line and exit 2 for a wrong call ----------------------------------------------


def test_an_output_format_extract_cannot_write(tmp_path, papers, capsys) -> None:
    rc = _run(["extract", str(papers), "-o", str(tmp_path / "t.xlsx")])
    line = _one_error_line(rc, capsys.readouterr().err)
    assert "t.xlsx" in line and "jsonl, csv, parquet" in line
    assert list(tmp_path.iterdir()) == [papers]


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--jobs", "-3", "must be 0 (one per core) or more"),
    ("--jobs", "two", "not a whole number"),
    ("--max-chars", "0", "must be more than 0"),
    ("--time-budget", "-1", "above 0"),
    ("--time-budget", "nan", "above 0"),
])
def test_numbers_out_of_range(papers, capsys, option, value, said) -> None:
    line = _one_error_line(_run(["extract", str(papers), option, value]),
                           capsys.readouterr().err)
    assert option in line and said in line


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan"])
def test_min_f1_must_be_a_fraction(claims_file, capsys, value) -> None:
    rc = _run(["eval", "--gold", str(claims_file), str(claims_file), "--min-f1", value])
    assert "--min-f1: must be between 0 and 1" in _one_error_line(rc, capsys.readouterr().err)


def test_eval_with_a_missing_gold_file_names_it_plainly(tmp_path, claims_file, capsys) -> None:
    missing = tmp_path / "gold.jsonl"
    line = _one_error_line(_run(["eval", "--gold", str(missing), str(claims_file)]),
                           capsys.readouterr().err)
    assert line == f"claims: error: {missing}: cannot read: No such file or directory"


def test_eval_with_gold_that_is_not_text(tmp_path, claims_file, capsys) -> None:
    binary = tmp_path / "gold.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 10)
    line = _one_error_line(_run(["eval", "--gold", str(binary), str(claims_file)]),
                           capsys.readouterr().err)
    assert line == f"claims: error: {binary}: not UTF-8 text"


def test_cite_names_the_kinds_for_a_kind_that_does_not_exist(claims_file, capsys) -> None:
    line = _one_error_line(_run(["cite", str(claims_file), "--kind", "speedups"]),
                           capsys.readouterr().err)
    assert "'speedups'" in line
    assert all(kind.value in line for kind in Kind)  # the valid ones, quoted or not


def test_cite_of_a_kind_without_claims_is_no_error(claims_file, capsys) -> None:
    assert _run(["cite", str(claims_file), "--kind", "throughput"]) == 0
    assert "no claim matches" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["review", "{claims}", "-o", "{tmp}/r.html", "--gold", "{tmp}/nope.jsonl"],
    ["review", "{claims}", "-o", "{tmp}/r.html", "--docs", "{tmp}/nope.jsonl"],
    ["review", "{tmp}/nope.jsonl", "-o", "{tmp}/r.html"],
    ["cite", "{tmp}/nope.jsonl"],
    ["explain", "--file", "{tmp}/nope.jsonl"],
    ["quantities", "{tmp}/nope.jsonl", "-o", "{tmp}/q.jsonl"],
    ["table", "speedups", "{tmp}/nope.jsonl", "-o", "{tmp}/t.md"],
    ["eval", "--gold", "{claims}", "{tmp}/nope.jsonl"],
])
def test_a_missing_file_is_one_line_naming_it(tmp_path, claims_file, capsys, argv) -> None:
    argv = [a.format(claims=claims_file, tmp=tmp_path) for a in argv]
    line = _one_error_line(_run(argv), capsys.readouterr().err)
    assert line == f"claims: error: {tmp_path}/nope.jsonl: cannot read: No such file or directory"
    assert not {"r.html", "q.jsonl", "t.md"} & {p.name for p in tmp_path.iterdir()}


@pytest.mark.parametrize("command", [["rules", "list"], ["rules", "check"],
                                     ["extract", "{papers}"], ["table", "all", "{papers}",
                                                               "-o", "{tmp}/t.md"]])
def test_a_rules_path_that_is_no_directory(tmp_path, papers, capsys, command) -> None:
    argv = [a.format(papers=papers, tmp=tmp_path) for a in command]
    line = _one_error_line(_run([*argv, "--rules", str(papers)]), capsys.readouterr().err)
    assert line == f"claims: error: {papers}: not a directory of rule packs"


def test_quantities_reports_a_broken_record_once(tmp_path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "abstract": "3 GPUs"}\n{"id": \n', encoding="utf-8")
    out = tmp_path / "q.jsonl"
    assert main(["quantities", str(source), "-o", str(out)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"claims: error: {source}:2: invalid JSON")
    assert [row["doc_id"] for row in read_jsonl(out)] == ["a"]


# --- tables: stdout and many inputs -------------------------------------------------


@pytest.mark.parametrize(("fmt", "shape"), [(None, "## speedups"), ("md", "## speedups"),
                                            ("csv", "paper,doc_id"), ("tex", "\\begin{"),
                                            ("jsonl", '{"paper": "Fast"'),
                                            ("html", "<!DOCTYPE html>")])
def test_table_to_stdout(tmp_path, claims_file, capsys, monkeypatch, fmt, shape) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["table", "speedups", str(claims_file), "-o", "-"] + (["--format", fmt] if fmt else [])
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert shape in out and "3.25" in out
    assert err == "claims: 1 table, 1 row written to stdout\n"
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("table", "fmt", "said"), [
    ("speedups", "xlsx", "xlsx is a binary format"),
    ("speedups", "parquet", "parquet is a binary format"),
    ("all", "csv", "tables cannot go to stdout as csv"),
])
def test_table_to_stdout_in_a_format_it_cannot_take(tmp_path, claims_file, capsys, monkeypatch,
                                                    table, fmt, said) -> None:
    monkeypatch.chdir(tmp_path)
    rc = _run(["table", table, str(claims_file), "-o", "-", "--format", fmt])
    assert said in _one_error_line(rc, capsys.readouterr().err)
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "-").exists()


def test_table_of_many_inputs(tmp_path, claims_file, capsys) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    write_jsonl(folder / "other.jsonl", [{"id": "c", "abstract": "It is 2.5x faster."}])
    write_jsonl(tmp_path / "extra.jsonl", [{"id": "d", "abstract": "A 4x speedup."}])
    argv = ["table", "speedups", str(claims_file), str(folder), str(tmp_path / "ex*.jsonl"),
            "-o", "-", "--format", "jsonl"]
    assert main(argv) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(row["doc_id"] for row in rows) == ["a", "c", "d"]


@pytest.fixture(scope="module")
def sample_claims(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "claims.jsonl"
    assert main(["demo", "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("table", ["leaderboard", "scores"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "md", "tex"])
def test_a_table_on_stdout_is_the_file(tmp_path, sample_claims, capsys, table, fmt) -> None:
    """Best cells marked, cells made safe: the same on stdout as in a file."""
    path = tmp_path / f"t.{fmt}"
    assert main(["table", table, str(sample_claims), "-o", str(path)]) == 0
    assert main(["table", table, str(sample_claims), "-o", "-", "--format", fmt]) == 0
    assert capsys.readouterr().out == path.read_text(encoding="utf-8")


def test_table_goes_on_past_an_input_it_cannot_read(tmp_path, claims_file, capsys) -> None:
    out = tmp_path / "t.jsonl"
    rc = main(["table", "speedups", str(tmp_path / "nope.jsonl"), str(claims_file), "-o",
               str(out)])
    assert rc == 2
    [error] = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert "nope.jsonl: cannot read" in error
    assert [row["doc_id"] for row in read_jsonl(out)] == ["a"]


def test_table_refuses_an_output_that_a_pattern_names(tmp_path, claims_file, capsys) -> None:
    out = tmp_path / "t.jsonl"
    out.write_text("kept\n", encoding="utf-8")
    rc = _run(["table", "speedups", str(tmp_path / "*.jsonl"), "-o", str(out)])
    assert "is also an input" in _one_error_line(rc, capsys.readouterr().err)
    assert out.read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("piped", ["claims", "papers"])
def test_table_reads_stdin(claims_file, papers, capsys, monkeypatch, piped) -> None:
    source = claims_file if piped == "claims" else papers
    stdin = io.StringIO(source.read_text(encoding="utf-8"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["table", "speedups", "-", "-o", "-", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Fast,a,")
    assert sys.stdin is stdin  # given back after the papers were read from a copy


# --- what a first run shows ---------------------------------------------------------


def test_version(capsys) -> None:
    assert _run(["--version"]) == 0
    assert capsys.readouterr().out == f"claims {version('claims')}\n"


@pytest.fixture()
def empty_cache(tmp_path, monkeypatch) -> Path:
    """A rule cache without the rule set, as after an install (Hyperscan's databases are
    copied, when there are any, to spare their seconds)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    known = rulecache.cache_dir()
    for database in known.glob("ruleset-hs-*.pickle") if known else ():
        shutil.copy(database, cache)
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(cache))
    return cache


def test_compiling_the_rule_packs_is_said_once(empty_cache, capsys) -> None:
    assert main(["rules", "list"]) == 0
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("claims: compiling the rule packs") and str(empty_cache) in line
    assert main(["rules", "list"]) == 0
    assert capsys.readouterr().err == ""


def test_compiling_is_not_said_with_quiet(empty_cache, tmp_path, papers, capsys) -> None:
    assert main(["extract", str(papers), "-o", str(tmp_path / "c.jsonl"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert list(empty_cache.glob("ruleset-[!h]*.pickle"))  # it did compile


def test_one_error_is_not_errors(tmp_path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(RECORDS[0]) + '\n{"id": \n', encoding="utf-8")
    out = tmp_path / "c.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"claims: 1 claim written to {out}; 1 error in {errors_path(out)}"


def test_the_readme_names_the_errors_file_the_command_writes(tmp_path, capsys) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.search(r"`(\S+\.errors\.jsonl)` for `-o (\S+)`", readme)
    assert named, "the README gives an example of the errors file's name"
    errors, output = named.groups()
    assert errors_path(output).as_posix() == errors
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": \n', encoding="utf-8")
    out = tmp_path / output
    assert main(["extract", str(source), "-o", str(out)]) == 1
    assert (tmp_path / errors).is_file()


def test_demo_help_names_its_default_output(capsys) -> None:
    assert _run(["demo", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "default: out/claims.jsonl" in text and "on stdout" not in text


def _terminal(monkeypatch) -> io.StringIO:
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", terminal)
    return terminal


def test_progress_bar_of_files_has_their_size_and_the_time_left(tmp_path, papers,
                                                                 monkeypatch) -> None:
    other = write_jsonl(tmp_path / "other.jsonl", RECORDS)
    total = papers.stat().st_size + other.stat().st_size
    terminal = _terminal(monkeypatch)
    assert main(["extract", str(papers), str(other), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert re.search(rf"\| 0\.00/{total} \[00:00<\?, \?B/s\]", terminal.getvalue())


def test_progress_bar_of_stdin_counts_documents(tmp_path, papers, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(papers.read_text(encoding="utf-8")))
    terminal = _terminal(monkeypatch)
    assert main(["extract", "-", "-o", str(tmp_path / "c.jsonl")]) == 0
    assert " docs [" in terminal.getvalue() and "B/s" not in terminal.getvalue()
