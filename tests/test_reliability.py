"""Reliability: fuzzing, hostile inputs, bad inputs, atomic output, determinism, pieces.

The property tests run with the hypothesis profile named by HYPOTHESIS_PROFILE:
"ci" (the default, 60 examples) or "long" (2000 examples, `make fuzz`).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
import claims.run.pipeline as pipeline
from claims.claim.match import MatchTimeout
from claims.claim.numbers import Value, parse_number, parse_single, parse_value
from claims.claim.rulepack import RulePackError, load_ruleset
from claims.model import Document
from claims.normalize import normalize
from claims.run.cli import main
from tests.conftest import RECORDS
from tests.conftest import read_jsonl as _read_jsonl
from tests.conftest import write_jsonl as _jsonl

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SEED_DOCS = ROOT / "tests" / "fixtures" / "seed_docs.jsonl"



def _error_lines(err: str) -> list[str]:
    """The `claims: error: ...` lines of stderr (the summary line aside)."""
    return [line for line in err.splitlines() if line.startswith("claims: error:")]


# --- 1. fuzzing --------------------------------------------------------------------------

#: Any character a Python str can hold, lone surrogates and control characters included.
ANY_CHAR = st.one_of(
    st.characters(exclude_categories=()),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
)
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=300)

#: Pieces of what abstracts hold: factors, ranges, LaTeX, devices, sizes, qualifiers.
ML_TOKENS = [
    "3.25x", "41-137times", "$3.2\\times$", "\\%", "sim13", "×", "–", "GPT-4", "175B",
    "A100", "up to", "%", "8,000", "(", ")", ".", " ", "speedup", "faster", "of", "by",
    "&amp;", "&#215;", "\\sim", "10^{23}", "1e9", "twice", "ten-fold", "GPUs", "\n",
]
ML_TEXT = st.lists(
    st.one_of(st.sampled_from(ML_TOKENS), st.text(alphabet=ANY_CHAR, max_size=4)),
    max_size=60,
).map("".join)

FUZZ_TEXT = st.one_of(ANY_TEXT, ML_TEXT)


@given(text=FUZZ_TEXT, data=st.data())
def test_normalize_never_raises_and_maps_back(text: str, data) -> None:
    norm = normalize(text)
    assert norm.original == text
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    for _ in range(5):
        start = data.draw(st.integers(0, len(norm.text)), label="start")
        end = data.draw(st.integers(start, len(norm.text)), label="end")
        s, e = norm.to_original(start, end)
        assert 0 <= s <= e <= len(text), (start, end, s, e)


@given(text=FUZZ_TEXT)
def test_number_parsers_never_raise(text: str) -> None:
    number = parse_number(text)
    assert number is None or isinstance(number, float)
    for parse in (parse_single, parse_value):
        value = parse(text)
        assert value is None or isinstance(value, Value)


def _check_extraction(text: str) -> None:
    found = claims.extract(text)
    for claim in found:
        assert claim.field == "abstract"
        assert text[claim.start:claim.end] == claim.text
    assert [c.row() for c in claims.extract(text)] == [c.row() for c in found]


@given(text=FUZZ_TEXT)
def test_extract_never_raises_and_quotes_the_text(text: str) -> None:
    _check_extraction(text)


@pytest.mark.parametrize("text", [
    "a \ud800 3x speedup \udfff over FP16",
    "\udc80\ud83d 175B parameters \ud800",
    "Caf\u0065\u0301 gets a 3x speedup on 8 GPUs with e\u0301\u0301\u0301",
    "\u05d0\u05d1 3x speedup",
    "\u202e3x speedup\u202c on \u0627\u0644\u0639\u0631\u0628\u064a\u0629 8 GPUs",
    "\x00\x01\x1b[31m 3x speedup\x7f\u2028up to 41\u2013137\u00d7 faster",
])
def test_extract_odd_unicode(text: str) -> None:
    norm = normalize(text)
    assert len(norm.text) == len(norm.starts) == len(norm.ends)
    _check_extraction(text)


def test_one_megabyte_without_spaces() -> None:
    doc = Document(id="a", fields={"text": "a1" * 500_000})
    try:
        found = claims.extract_document(doc)
    except MatchTimeout:
        return
    assert isinstance(found, list)


# --- 2. adversarial inputs within a budget ------------------------------------------------

BUDGET = 5.0
#: Work outside the regex calls (context, quantities) is not under the budget.
SLACK = 5.0

ADVERSARIAL = {
    "digits": "1" * 100_000,
    "comma-list": "1, " * 50_000,
    "spaces": " " * 200_000,
    "letters": "x" * 200_000,
    "parentheses": "(" * 20_000 + "3x" + ")" * 20_000,
    "factors": "3x " * 30_000,
    "cue-words": "speedup of " * 20_000 + "3x",
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_adversarial_input_finishes_within_budget(text: str) -> None:
    doc = Document(id="a", fields={"text": text})
    began = time.monotonic()
    try:
        found = claims.extract_document(doc, time_budget=BUDGET)
    except MatchTimeout:
        pass
    else:
        assert isinstance(found, list)
    assert time.monotonic() - began < BUDGET + SLACK


def test_cli_reports_documents_over_budget(tmp_path, capsys) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(source), "-o", str(out), "--time-budget", "1e-9"]) == 1
    errors = _read_jsonl(tmp_path / "claims.errors.jsonl")
    assert [(e["doc_id"], e["stage"], e["severity"]) for e in errors] == [
        ("a", "match", "error"), ("b", "match", "error"),
    ]
    assert [e["line"] for e in errors] == [1, 2]
    failed = _error_lines(capsys.readouterr().err)
    assert len(failed) == 2
    assert "(a)" in failed[0] and "(b)" in failed[1]


# --- 3. rule-pack lint --------------------------------------------------------------------

PACK = """\
kind: speedup
description: A user pack with a pattern that backtracks catastrophically.
rules:
  - id: speedup.nested
    pattern: '{pattern}'
    unit: x
    examples:
      - text: "a 3x speedup"
        claims: [{{value: 3}}]
"""


@pytest.mark.parametrize("pattern", [r"(?:\d+\s?)+x", r"(?P<v>(?:\d+)+)x"])
def test_nested_unbounded_repetition_is_rejected(tmp_path, pattern: str) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(PACK.format(pattern=pattern), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_ruleset([tmp_path])
    message = str(info.value)
    assert str(pack) in message
    assert "speedup.nested" in message
    assert "nested unbounded repetition" in message


# --- 4. bad input: one clear message, no traceback ------------------------------------------


def test_binary_file(tmp_path, capsys) -> None:
    source = tmp_path / "paper.txt"
    source.write_bytes(b"A 3x speedup\x00\x01\x02 and more")
    assert main(["extract", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = _error_lines(err)
    assert str(source) in line and "a binary file" in line


def test_invalid_utf8_is_a_warning(tmp_path, capsys) -> None:
    source = tmp_path / "paper.txt"
    source.write_bytes(b"We get a 3x speedup.\nBroken \xff\xfe bytes.\n"
                       b"We train on 128 A100 GPUs.\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if "warning" in line and str(source) in line]
    assert len(warnings) == 1
    assert [(r["kind"], r["value"]) for r in _read_jsonl(out)] == [
        ("speedup", 3.0), ("hardware", 128.0),
    ]
    [error] = _read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["severity"] == "warning" and error["line"] == 2


def test_empty_file(tmp_path, capsys) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = _error_lines(err)
    assert str(source) in line and "empty file" in line
    assert out.read_text(encoding="utf-8") == ""


def test_jsonl_line_that_does_not_parse(tmp_path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(RECORDS[0]) + '\n{"id": "b", "abstract": \n'
                      + json.dumps(RECORDS[1]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = _error_lines(err)
    assert f"{source}:2" in line and "invalid JSON" in line
    [error] = _read_jsonl(tmp_path / "out.errors.jsonl")
    assert (error["source"], error["line"], error["stage"]) == (str(source), 2, "read")
    assert [r["doc_id"] for r in _read_jsonl(out)] == ["a", "b"]


def test_csv_without_the_named_column(tmp_path, capsys) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,abstract\n1,a 3x speedup\n", encoding="utf-8")
    argv = ["extract", str(source), "--text-cols", "nope", "-o", str(tmp_path / "out.jsonl")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = _error_lines(err)
    assert str(source) in line and "'nope'" in line


@pytest.mark.parametrize("stdin", [False, True])
def test_jsonl_without_the_named_id_column(tmp_path, capsys, monkeypatch, stdin) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    if stdin:
        monkeypatch.setattr(sys, "stdin", io.StringIO(source.read_text(encoding="utf-8")))
    out = tmp_path / "out.jsonl"
    argv = ["extract", "-" if stdin else str(source), "--id-col", "nope", "-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = _error_lines(err)
    name = "<stdin>" if stdin else str(source)
    assert line == (f"claims: error: {name}: no column 'nope' in its records "
                    "(columns: id, title, abstract)")
    assert not out.exists()


def test_jsonl_id_column_that_some_records_lack(tmp_path, capsys) -> None:
    records = [{"abstract": "A 2x speedup."}, {"key": "k2", "abstract": "A 3x speedup."}]
    source = _jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--id-col", "key", "-o", str(out)]) == 0
    assert [row["doc_id"] for row in _read_jsonl(out)] == ["in-1", "k2"]


def test_jsonl_id_column_missing_past_the_first_bytes(tmp_path, capsys) -> None:
    """A first record longer than what tells the format: the check comes at the end."""
    long = {"id": "a", "abstract": "A 3x speedup. " + "x" * 70_000}
    source = _jsonl(tmp_path / "in.jsonl", [long, RECORDS[1]])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--id-col", "nope", "-o", str(out)]) == 2
    [line] = _error_lines(capsys.readouterr().err)
    assert line == (f"claims: error: {source}: no column 'nope' in its records "
                    "(columns: id, abstract)")


def test_unknown_input_format(tmp_path, capsys) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    with pytest.raises(SystemExit) as info:
        main(["extract", str(source), "--input-format", "xml"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "invalid choice: 'xml'" in err


def test_rule_pack_with_a_yaml_syntax_error(tmp_path, capsys) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("kind: speedup\ndescription: fine\n  rules: oops\n", encoding="utf-8")
    assert main(["rules", "check", "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert re.search(rf"{re.escape(str(pack))}:3:\d+: YAML error", line), line


def test_rule_pack_cannot_construct_python_objects(tmp_path, capsys) -> None:
    marker = tmp_path / "ran"
    pack = tmp_path / "evil.yaml"
    pack.write_text(f'kind: !!python/object/apply:os.system ["touch {marker}"]\n'
                    "description: x\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="evil.yaml"):
        load_ruleset([tmp_path])
    assert main(["rules", "list", "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert str(pack) in line
    assert not marker.exists()


def test_table_spec_naming_an_unknown_column(tmp_path, capsys) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("name: mine\ndescription: d\nkinds: [speedup]\ncolumns:\n"
                    "  - {header: x, source: nope}\n", encoding="utf-8")
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.csv"
    assert main(["table", str(spec), str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert str(spec) in line and "'nope'" in line
    assert not out.exists()


# --- 5. nothing lost ------------------------------------------------------------------------


def test_interrupted_run_keeps_the_previous_output(tmp_path, monkeypatch) -> None:
    source = _jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    before = out.read_bytes()
    assert before
    listing = sorted(p.name for p in tmp_path.iterdir())

    original = pipeline.iter_document
    seen: list[str] = []

    def interrupted(doc, *args, **kwargs):
        seen.append(doc.id)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "iter_document", interrupted)
    assert main(["extract", str(source), "-o", str(out)]) == 130  # one line, no traceback
    assert seen == ["a", "b"]
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


# --- 6. determinism across hash seeds ------------------------------------------------------


def test_output_does_not_depend_on_the_hash_seed_or_the_jobs(tmp_path) -> None:
    seeds = ("0", "1", "12345")
    runs = {}
    for seed in seeds:  # started together, waited for together; the last over 2 processes
        out = tmp_path / f"claims-{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        jobs = ["--jobs", "2"] if seed == seeds[-1] else []
        command = [sys.executable, "-m", "claims", "extract", str(SEED_DOCS), "-o", str(out),
                   *jobs]
        runs[seed] = (out, subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True))
    for seed, (_, process) in runs.items():
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, (seed, err)
    outputs = [out.read_bytes() for out, _ in runs.values()]
    assert outputs[0]
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]


# --- 7. long texts in pieces -----------------------------------------------------------------

SENTENCE = "We get a 3x speedup on 8 GPUs. "


def test_pieces_cut_at_sentence_ends() -> None:
    text = (SENTENCE * (450_000 // len(SENTENCE) + 1))[:450_000]
    cut = list(pipeline.pieces(text, pipeline.MAX_CHARS))
    assert len(cut) == 3
    assert "".join(piece for _, piece in cut) == text
    for offset, piece in cut:
        assert len(piece) <= pipeline.MAX_CHARS
        assert text[offset:offset + len(piece)] == piece
    for _, piece in cut[:-1]:
        assert piece.endswith(". ")
        assert len(piece) > pipeline.MAX_CHARS - len(SENTENCE)


def test_pieces_without_any_break_cut_at_the_size() -> None:
    text = "a1" * 1000
    cut = list(pipeline.pieces(text, 300))
    assert [len(piece) for _, piece in cut] == [300] * 6 + [200]
    assert "".join(piece for _, piece in cut) == text


def test_long_text_finds_claims_in_every_piece() -> None:
    text = (SENTENCE * (450_000 // len(SENTENCE) + 1))[:450_000]
    doc = Document(id="long", fields={"abstract": text})
    found = claims.extract_document(doc, time_budget=None)
    for claim in found:
        assert text[claim.start:claim.end] == claim.text
    whole = len(text) // len(SENTENCE)  # the last sentence is cut short, without a number
    expected = sorted([(i * len(SENTENCE) + 9, "3x") for i in range(whole)]
                      + [(i * len(SENTENCE) + 23, "8 GPUs") for i in range(whole)])
    assert sorted((c.start, c.text) for c in found) == expected
    for offset, piece in pipeline.pieces(text, pipeline.MAX_CHARS):
        assert any(offset <= c.start < offset + len(piece) for c in found)


def test_a_huge_single_line_file_is_processed_in_pieces(tmp_path, capsys) -> None:
    """20 MB on one line (the same path a 100 MB line takes: it is cut into pieces)."""
    source = tmp_path / "huge.txt"
    source.write_text("lorem ipsum dolor sit amet " * 740_000 + "we get a 3x speedup.",
                      encoding="utf-8")
    out = tmp_path / "huge.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = source.read_text(encoding="utf-8")
    assert [(r["kind"], r["value"]) for r in rows] == [("speedup", 3.0)]
    assert text[rows[0]["start"]:rows[0]["end"]] == "3x"


def test_a_document_with_very_many_claims_goes_through_a_temporary_file(monkeypatch) -> None:
    import claims.run.parallel as parallel

    doc = Document(id="long", fields={"abstract": SENTENCE * 40})
    expected = claims.extract_document(doc)
    monkeypatch.setattr(parallel, "HELD", 7)
    spilled = parallel.outcome_of(doc, claims.load_ruleset())
    assert isinstance(spilled, parallel.SpilledClaims) and len(spilled) == len(expected) == 80
    path = Path(spilled.path)
    assert list(spilled) == expected
    assert not path.exists()
