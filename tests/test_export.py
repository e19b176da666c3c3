"""Exporting tables: each format reads back with the same values; writes are atomic."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from claims.output.export import TABLE_FORMATS, table_format, write_tables

QUOTE = "Up to 3.25x faster | 50% less memory & no_loss on <b>A100</b>\nsecond line"


def _tables() -> dict[str, pd.DataFrame]:
    speedups = pd.DataFrame({
        "paper": ["p1", "p2"],
        "subject": ["FlashAttention", "QLoRA"],
        "speedup [x]": [3.25, 2.0],
        "speedup max [x]": [float("nan"), 4.5],
        "qualifier": ["up to", None],
        "quote": [QUOTE, "short"],
    })
    hardware = pd.DataFrame({"device": ["A100", "H100"], "count": [1_024, 8]})
    return {"speedups": speedups, "hardware": hardware}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as plain dicts with every missing value as None, to compare across formats."""
    rows = frame.astype(object).to_dict("records")
    return [{k: None if _missing(v) else v for k, v in row.items()} for row in rows]


def _assert_same(frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(frame.columns) == list(expected.columns)
    assert _records(frame) == _records(expected)


# --- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("t.csv", None, "csv"), ("t.parquet", None, "parquet"), ("t.PQ", None, "parquet"),
    ("t.xlsx", None, "xlsx"), ("t.md", None, "md"), ("t.markdown", None, "md"),
    ("t.tex", None, "tex"), ("t.jsonl", None, "jsonl"), ("t.json", None, "jsonl"),
    ("t.ndjson", None, "jsonl"), ("t.html", None, "html"), ("t.htm", None, "html"),
    ("t.txt", "xlsx", "xlsx"), ("t.csv", "md", "md"),
])
def test_table_format(name, fmt, expected):
    assert table_format(name, fmt) == expected


def test_unknown_extension_names_the_path(tmp_path):
    path = tmp_path / "tables.txt"
    with pytest.raises(ValueError, match="tables.txt") as info:
        write_tables(_tables(), path)
    assert ".xlsx" in str(info.value) and ".md" in str(info.value)
    assert not path.exists()


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown table format 'xls'"):
        table_format("t.xlsx", "xls")


def test_no_tables(tmp_path):
    with pytest.raises(ValueError, match="no tables"):
        write_tables({}, tmp_path / "t.csv")


# --- CSV, Parquet, JSON Lines -------------------------------------------------------------


def _read(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path)
    if fmt == "parquet":
        return pd.read_parquet(path)
    return pd.DataFrame([json.loads(line) for line in path.read_text("utf-8").splitlines()])


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_one_table_goes_to_the_path(tmp_path, fmt):
    path = tmp_path / "out" / f"speedups.{fmt}"
    table = _tables()["speedups"]
    assert write_tables({"speedups": table}, path) == [path]
    back = _read(path, fmt)
    _assert_same(back, table)
    assert math.isnan(back["speedup max [x]"][0])
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


@pytest.mark.parametrize(("fmt", "ext"), [("csv", "csv"), ("parquet", "pq"), ("jsonl", "json")])
def test_several_tables_go_beside_the_path(tmp_path, fmt, ext):
    path = tmp_path / "out" / f"tables.{ext}"
    written = write_tables(_tables(), path)
    expected = [tmp_path / "out" / f"tables.{name}.{ext}" for name in ("speedups", "hardware")]
    assert written == expected
    assert not path.exists()
    for file, table in zip(written, _tables().values(), strict=True):
        _assert_same(_read(file, fmt), table)


def test_format_option_wins_and_names_files_by_format(tmp_path):
    written = write_tables(_tables(), tmp_path / "tables", "csv")
    assert [p.name for p in written] == ["tables.speedups.csv", "tables.hardware.csv"]


def test_jsonl_rows(tmp_path):
    path = tmp_path / "t.jsonl"
    table = pd.DataFrame({"a": [1.5, float("nan")], "b": ["na\u00efve", None], "n": [1, 2]})
    write_tables({"t": table}, path)
    text = path.read_text("utf-8")
    assert "na\u00efve" in text  # ensure_ascii=False
    rows = [json.loads(line) for line in text.splitlines()]
    assert rows == [{"a": 1.5, "b": "na\u00efve", "n": 1}, {"a": None, "b": None, "n": 2}]
    assert isinstance(rows[0]["n"], int)


def test_parquet_keeps_types(tmp_path):
    path = tmp_path / "t.parquet"
    write_tables({"hardware": _tables()["hardware"]}, path)
    assert pd.read_parquet(path)["count"].dtype == "int64"


# --- Excel ----------------------------------------------------------------------------------


@pytest.fixture
def book(tmp_path) -> openpyxl.Workbook:
    path = tmp_path / "tables.xlsx"
    assert write_tables(_tables(), path) == [path]
    return openpyxl.load_workbook(path)


def test_xlsx_sheets_and_header(book):
    assert book.sheetnames == ["speedups", "hardware"]
    sheet = book["speedups"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(_tables()["speedups"].columns)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    assert book["hardware"].auto_filter.ref == "A1:B3"


def test_xlsx_numbers_are_numbers(book):
    sheet = book["speedups"]
    speedup, whole, missing, maximum = sheet["C2"], sheet["C3"], sheet["D2"], sheet["D3"]
    assert isinstance(speedup.value, float) and speedup.value == 3.25
    assert speedup.number_format == "#,##0.###"
    assert whole.value == 2 and whole.number_format == "#,##0"
    assert maximum.value == 4.5 and maximum.number_format == "#,##0.###"
    assert missing.value is None  # NaN -> empty cell
    assert sheet["E3"].value is None  # None -> empty cell
    count = book["hardware"]["B2"]
    assert isinstance(count.value, int) and not isinstance(count.value, bool)
    assert count.value == 1024 and count.number_format == "#,##0"
    assert book["hardware"]["A2"].value == "A100"


def test_xlsx_wraps_the_quote_column(book):
    sheet = book["speedups"]
    assert sheet["F2"].value == QUOTE
    assert sheet["F2"].alignment.wrap_text and sheet["F3"].alignment.wrap_text
    assert sheet.column_dimensions["F"].width == 80
    assert not sheet["A2"].alignment.wrap_text
    for letter in "ABCDE":
        assert 8 <= sheet.column_dimensions[letter].width <= 60


def test_xlsx_column_widths_follow_content(tmp_path):
    table = pd.DataFrame({"a": ["x"], "long": ["y" * 30], "huge": ["z" * 500]})
    path = tmp_path / "t.xlsx"
    write_tables({"t": table}, path, wrap=())
    widths = openpyxl.load_workbook(path)["t"].column_dimensions
    assert widths["A"].width == 8
    assert 30 <= widths["B"].width < 60
    assert widths["C"].width == 60


def test_xlsx_sheet_names_are_cut_and_unique(tmp_path):
    table = _tables()["hardware"]
    long = "compression ratios by method and model"
    path = tmp_path / "t.xlsx"
    write_tables({long: table, long + " (v2)": table, "a/b": table}, path)
    names = openpyxl.load_workbook(path).sheetnames
    assert all(len(name) <= 31 for name in names)
    assert len(set(names)) == 3
    assert names[0] == long[:31] and names[2] == "a_b"


def test_xlsx_text_is_never_a_formula(tmp_path):
    path = tmp_path / "t.xlsx"
    write_tables({"t": pd.DataFrame({"quote": ["=1+1"]})}, path)
    cell = openpyxl.load_workbook(path)["t"]["A2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


# --- Markdown, LaTeX, HTML ------------------------------------------------------------------


def test_markdown(tmp_path):
    path = tmp_path / "tables.md"
    assert write_tables(_tables(), path) == [path]
    text = path.read_text("utf-8")
    assert "## speedups\n" in text and "## hardware\n" in text
    assert "| paper | subject | speedup [x] | speedup max [x] | qualifier | quote |" in text
    assert "| --- | --- | ---: | ---: | --- | --- |" in text
    assert r"3.25x faster \| 50% less memory" in text
    assert "&lt;/b&gt; second line |" in text  # newline -> space, HTML escaped
    assert "| p1 | FlashAttention | 3.25 |  | up to |" in text  # NaN -> empty
    assert "| p2 | QLoRA | 2 | 4.5 |  | short |" in text
    assert "| H100 | 8 |" in text
    lines = text.splitlines()
    table_lines = [line for line in lines if line.startswith("|")]
    assert len(table_lines) == 4 + 4  # header, separator, 2 rows per table


def test_latex(tmp_path):
    path = tmp_path / "tables.tex"
    write_tables(_tables(), path)
    text = path.read_text("utf-8")
    assert text.startswith("%") and r"\usepackage{booktabs}" in text.splitlines()[0]
    lines = text.splitlines()
    assert lines.count(r"\toprule") == lines.count(r"\bottomrule") == 2
    assert r"\midrule" in text
    assert r"\caption{speedups}" in text and r"\caption{hardware}" in text
    assert r"\begin{tabular}{llrrll}" in text and r"\begin{tabular}{lr}" in text
    assert r"50\% less memory \& no\_loss" in text
    assert r"speedup max [x] & qualifier & quote \\" in text
    assert "1024" in text and r"3.25 &  & up to" in text


class _Tables(HTMLParser):
    """Counts tables and collects the text of their cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables, self.cells, self._in_cell = 0, [], False

    def handle_starttag(self, tag, attrs):
        self.tables += tag == "table"
        if tag in ("td", "th"):
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        self._in_cell = self._in_cell and tag not in ("td", "th")

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


def test_html(tmp_path):
    path = tmp_path / "tables.html"
    write_tables(_tables(), path)
    text = path.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert text.count("<h2>") == 2 and "<h2>speedups</h2>" in text
    assert "<b>A100" not in text and "&lt;b&gt;A100" in text
    parser = _Tables()
    parser.feed(text)
    assert parser.tables == 2
    assert QUOTE.replace("\n", " ") in parser.cells  # line break as a space, not "\\n"
    assert "3.25" in parser.cells and "1024" in parser.cells


# --- empty tables, atomicity, imports -------------------------------------------------------


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_empty_table_writes_its_header(tmp_path, fmt):
    empty = _tables()["speedups"].iloc[0:0]
    path = tmp_path / f"t.{fmt}"
    assert write_tables({"speedups": empty}, path) == [path]
    columns = list(empty.columns)
    if fmt in ("csv", "parquet"):
        back = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert list(back.columns) == columns and back.empty
    elif fmt == "jsonl":
        assert path.read_text() == ""
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(path)["speedups"]
        assert [cell.value for cell in sheet[1]] == columns and sheet.max_row == 1
        assert sheet.auto_filter.ref == "A1:F1"
    elif fmt == "md":
        lines = path.read_text().splitlines()
        assert lines[-2].startswith("| paper |") and lines[-1].startswith("| --- |")
    elif fmt == "tex":
        text = path.read_text()
        assert r"paper & subject & speedup [x] & speedup max [x] & qualifier & quote \\" in text
        assert "\\midrule\n\\bottomrule" in text
    else:
        assert "<th>paper</th>" in path.read_text()


def _boom(*args, **kwargs):
    raise RuntimeError("disk full")


@pytest.mark.parametrize(("fmt", "target"), [
    ("csv", "pandas.DataFrame.to_csv"), ("parquet", "pandas.DataFrame.to_parquet"),
    ("xlsx", "openpyxl.Workbook.save"), ("html", "pandas.DataFrame.to_html"),
])
def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch, fmt, target):
    path = tmp_path / f"t.{fmt}"
    path.write_text("old")
    monkeypatch.setattr(target, _boom)
    with pytest.raises(RuntimeError, match="disk full"):
        write_tables({"speedups": _tables()["speedups"]}, path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_failed_table_keeps_every_old_file(tmp_path, monkeypatch):
    """Several files are replaced together: the second failing keeps the first one too."""
    path = tmp_path / "t.csv"
    first, second = tmp_path / "t.speedups.csv", tmp_path / "t.hardware.csv"
    first.write_text("old 1")
    second.write_text("old 2")
    to_csv = pd.DataFrame.to_csv
    calls = []

    def fail_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return to_csv(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail_second)
    with pytest.raises(RuntimeError, match="disk full"):
        write_tables(_tables(), path)
    assert first.read_text() == "old 1" and second.read_text() == "old 2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.hardware.csv", "t.speedups.csv"]


def test_import_does_not_load_pandas_or_openpyxl():
    code = ("import sys, claims.output.export; "
            "print(sorted(m for m in ('pandas', 'openpyxl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == "[]"


# --- empty cells, citations and best cells ---------------------------------------------


def test_xlsx_leaves_empty_cells_blank_and_drops_empty_columns(tmp_path):
    table = pd.DataFrame({"a": ["x", ""], "empty": ["", None], "nan": [float("nan")] * 2,
                          "b": [None, 2]})
    path = tmp_path / "t.xlsx"
    write_tables({"t": table, "no rows": table.iloc[:0]}, path)
    book = openpyxl.load_workbook(path)
    sheet = book["t"]
    assert [c.value for c in sheet[1]] == ["a", "b"]
    assert sheet["A3"].value is None and sheet["A3"].data_type == "n"  # blank, not ""
    assert sheet["B2"].value is None and sheet["B3"].value == 2
    assert sheet.auto_filter.ref == "A1:B3"
    assert [c.value for c in book["no rows"][1]] == ["a", "empty", "nan", "b"]


def _cited() -> dict[str, pd.DataFrame]:
    from claims.output.cells import Best, Citation

    survey = pd.DataFrame({
        "subject": ["GPTQ", "AWQ", "SmoothQuant"],
        "result": [Best.of("3.25x"), "2x", "1.5x"],
        "source": [Citation("https://arxiv.org/abs/2210.17323", "frantar2023gptq"),
                   Citation("https://arxiv.org/abs/2306.00978"), None],
    }, dtype=object)
    return {"survey": survey}


def test_citations_and_best_cells_by_format(tmp_path):
    md = tmp_path / "t.md"
    write_tables(_cited(), md)
    text = md.read_text("utf-8")
    assert "| GPTQ | **3.25x** | https://arxiv.org/abs/2210.17323 |" in text
    assert "| AWQ | 2x | https://arxiv.org/abs/2306.00978 |" in text
    tex = tmp_path / "t.tex"
    write_tables(_cited(), tex)
    text = tex.read_text("utf-8")
    assert r"GPTQ & \textbf{3.25x} & \cite{frantar2023gptq} \\" in text
    assert r"AWQ & 2x & \url{https://arxiv.org/abs/2306.00978} \\" in text
    assert r"\usepackage{url}" in text.splitlines()[0]
    html = tmp_path / "t.html"
    write_tables(_cited(), html)
    text = html.read_text("utf-8")
    assert "<td><strong>3.25x</strong></td>" in text
    assert "<td>https://arxiv.org/abs/2210.17323</td>" in text
    csv = tmp_path / "t.csv"
    write_tables(_cited(), csv)
    assert pd.read_csv(csv)["result"].tolist() == ["3.25x*", "2x", "1.5x"]
    assert pd.read_csv(csv)["source"].tolist()[0] == "https://arxiv.org/abs/2210.17323"
    for fmt in ("parquet", "jsonl"):
        path = tmp_path / f"t.{fmt}"
        write_tables(_cited(), path)
        frame = pd.read_parquet(path) if fmt == "parquet" else pd.read_json(path, lines=True)
        assert frame["result"].tolist()[0] == "3.25x*"
        assert frame["source"].tolist()[1] == "https://arxiv.org/abs/2306.00978"
    xlsx = tmp_path / "t.xlsx"
    write_tables(_cited(), xlsx)
    sheet = openpyxl.load_workbook(xlsx)["survey"]
    assert sheet["B2"].value == "3.25x" and sheet["B2"].font.bold
    assert not sheet["B3"].font.bold
    assert sheet["C2"].value == "https://arxiv.org/abs/2210.17323"


def test_a_best_number_stays_a_number_where_it_can(tmp_path):
    from claims.output.cells import Best

    board = pd.DataFrame({"method": ["a", "b"], "FID": [Best.of(1.5), 2.25]}, dtype=object)
    xlsx = tmp_path / "t.xlsx"
    write_tables({"b": board}, xlsx)
    cell = openpyxl.load_workbook(xlsx)["b"]["B2"]
    assert cell.value == 1.5 and cell.font.bold
    csv = tmp_path / "t.csv"
    write_tables({"b": board}, csv)
    assert pd.read_csv(csv)["FID"].tolist() == ["1.5*", "2.25"]


def test_compact_latex_fits_the_text_width(tmp_path):
    frame = _cited()["survey"]
    frame.attrs["latex"] = {"compact": True, "wrap": ["subject", "missing"]}
    path = tmp_path / "t.tex"
    write_tables({"survey": frame}, path)
    text = path.read_text("utf-8")
    assert r"\usepackage{tabularx}" in text.splitlines()[0]
    assert r"\small" in text and r"\setlength{\tabcolsep}{4pt}" in text
    assert (r"\begin{tabularx}{\linewidth}{@{}>{\raggedright\arraybackslash}Xll@{}}"
            in text)
    assert text.count(r"\end{tabularx}") == 1 and r"\toprule" in text
