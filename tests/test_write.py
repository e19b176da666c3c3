"""Writing claims: each format reads back with the same values; writes are atomic."""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claims.model import Claim, DocumentError
from claims.output.write import (
    OUTPUT_FORMATS,
    atomic_write,
    errors_path,
    output_format,
    write_claims,
    write_errors,
)

COLUMNS = list(Claim.model_fields)


def _claims() -> list[Claim]:
    return [
        Claim(doc_id="d", kind="speedup", value=3.25, unit="x", text="3.25x",
              field="abstract", start=0, end=5, rule="speedup.test", qualifier="up to",
              hardware="A100", sentence="3.25x faster on A100 \u2014 na\u00efvely."),
        Claim(doc_id="d", kind="score", value=71.5, value_max=73.0, unit="%",
              text="71.5-73%", start=10, end=18, rule="score.test", dataset="MMLU"),
        Claim(doc_id="e", kind="hardware", text="GPUs", field="title", start=3, end=7,
              rule="hardware.test"),
    ]


def _same(value, expected, csv: bool) -> bool:
    """Equal, counting NaN as None; in CSV an empty string is also a missing value."""
    if expected is None or (csv and expected == ""):
        return value is None or (isinstance(value, float) and math.isnan(value))
    return value == expected


def _check_frame(frame: pd.DataFrame, csv: bool = False) -> None:
    assert list(frame.columns) == COLUMNS
    expected = [claim.row() for claim in _claims()]
    got = frame.astype(object).to_dict("records")
    for row, want in zip(got, expected, strict=True):
        bad = {k: (row[k], v) for k, v in want.items() if not _same(row[k], v, csv)}
        assert not bad


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("a.jsonl", None, "jsonl"), ("a.json", None, "jsonl"), ("a.CSV", None, "csv"),
    ("a.parquet", None, "parquet"), ("a.pq", None, "parquet"), ("-", None, "jsonl"),
    ("a.out", "csv", "csv"),
])
def test_output_format(name, fmt, expected):
    assert output_format(name, fmt) == expected


@pytest.mark.parametrize(("name", "fmt", "message"), [
    ("a.txt", None, "cannot tell the output format of 'a.txt'"),
    ("a.csv", "xlsx", "unknown output format 'xlsx'"),
    ("-", "parquet", "stdout"),
])
def test_output_format_errors(name, fmt, message):
    with pytest.raises(ValueError, match=message):
        output_format(name, fmt)


def test_jsonl_round_trip_from_a_generator(tmp_path):
    path = tmp_path / "out" / "claims.jsonl"
    assert write_claims((claim for claim in _claims()), path) == 3
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows == [claim.row() for claim in _claims()]
    assert "na\u00efvely" in path.read_text(encoding="utf-8")  # not \u-escaped


def test_csv_round_trip(tmp_path):
    path = tmp_path / "out" / "claims.csv"
    assert write_claims(_claims(), path) == 3
    _check_frame(pd.read_csv(path), csv=True)


def test_parquet_round_trip(tmp_path):
    path = tmp_path / "claims.parquet"
    assert write_claims(iter(_claims()), path) == 3
    frame = pd.read_parquet(path)
    _check_frame(frame)
    assert frame["start"].dtype == "int64" and frame["value"].dtype == "float64"


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_empty_stream_writes_a_valid_file(tmp_path, fmt):
    path = tmp_path / f"claims.{fmt}"
    assert write_claims(iter([]), path) == 0
    if fmt == "jsonl":
        assert path.read_text() == ""
        return
    frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
    assert list(frame.columns) == COLUMNS and frame.empty
    if fmt == "parquet":
        assert frame["value"].dtype == "float64" and frame["end"].dtype == "int64"


def test_stdout(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert write_claims(_claims(), "-") == 3
    assert [json.loads(line) for line in out.getvalue().splitlines()] == \
        [claim.row() for claim in _claims()]


def test_errors_file(tmp_path):
    out = tmp_path / "out" / "claims.jsonl"
    path = errors_path(out)
    assert path == tmp_path / "out" / "claims.errors.jsonl"
    errors = [DocumentError(source="in.jsonl", line=2, message="invalid JSON: x"),
              DocumentError(source="in.jsonl", doc_id="b", message="no text")]
    write_errors(errors, path)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows == [error.model_dump() for error in errors]


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text("old\n")

    def failing():
        yield _claims()[0]
        raise RuntimeError("reader broke")

    with pytest.raises(RuntimeError, match="reader broke"):
        write_claims(failing(), path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]  # no temp file left


def test_atomic_write_replaces_on_success(tmp_path):
    path = tmp_path / "new" / "file.txt"
    with atomic_write(path) as tmp:
        assert tmp.parent == path.parent and not path.exists()
        tmp.write_text("done")
    assert path.read_text() == "done"
    assert [p.name for p in path.parent.iterdir()] == ["file.txt"]


def test_pandas_is_not_imported_at_module_import():
    code = "import sys, claims.output.write; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == "False"
