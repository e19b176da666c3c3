"""Table specs, derived columns and the built-in tables on the development set."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import claims
from claims.output import tables
from claims.run.cli import main
from claims.run.pipeline import extract_all


@pytest.fixture(scope="module")
def seed_claims(seed_docs):
    return list(extract_all(seed_docs))


@pytest.mark.parametrize("name", tables.builtin_names())
def test_builtin_table_snapshot(name, seed_claims, dataframe_regression, data_regression):
    """Numbers through dataframe_regression (with its tolerances), every cell as data;
    review changes by hand before regenerating with --force-regen."""
    table = tables.build(name, seed_claims)
    assert list(table.columns) == [c.title for c in tables.load_spec(name).columns]
    numbers = table.select_dtypes("number").astype(float)
    dataframe_regression.check(numbers, basename=f"table_{name}_numbers")
    cells = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    data_regression.check({"rows": cells}, basename=f"table_{name}")


def _factor(text: str, kind: str, column: str = "speedup [x]") -> float:
    found = [c for c in claims.extract(text) if c.kind.value == kind]
    table = tables.build({"speedup": "speedups", "compression": "compression",
                          "reduction": "all-claims"}[kind], found)
    return table[column].iloc[0]


def test_percent_faster_is_a_factor_with_the_stated_value_beside_it():
    table = tables.build("speedups", claims.extract("ZipLM is 30% faster than DistilGPT2."))
    assert table["speedup [x]"].iloc[0] == pytest.approx(1.3)
    assert table["as stated"].iloc[0] == "30%"


def test_percent_smaller_is_a_compression_ratio():
    table = tables.build("compression", claims.extract("while being 60% smaller than BERT"))
    assert table["ratio [x]"].iloc[0] == pytest.approx(2.5)


def test_reductions_by_and_to_a_percentage():
    spec = tables.TableSpec(name="r", description="reductions", kinds=["reduction"],
                            columns=[{"header": "factor", "derive": "factor", "unit": "x"},
                                     {"header": "as stated", "derive": "as_stated"}])
    by = tables.build(spec, claims.extract("a 2.5x reduction in pre-training FLOPs"))
    to = tables.build(spec, claims.extract("we reduce the total compute for inference to 64%"))
    assert by["factor [x]"].iloc[0] == pytest.approx(2.5)
    assert to["factor [x]"].iloc[0] == pytest.approx(1.5625)
    assert to["as stated"].iloc[0] == "64%"


def test_ranges_keep_both_ends():
    table = tables.build("speedups", claims.extract("It yields a 41-137times speedup."))
    assert (table["speedup [x]"].iloc[0], table["speedup max [x]"].iloc[0]) == (41, 137)


def test_units_convert_through_pint():
    table = tables.build("model-sizes", claims.extract("a model with 175 billion parameters"))
    assert table["parameters [gigaparams]"].iloc[0] == pytest.approx(175)


def test_hardware_rows_carry_their_memory():
    table = tables.build("hardware", claims.extract("on 40GB A100 GPUs we reduce it to 66%."))
    assert table["memory [GB]"].iloc[0] == 40
    assert table["device"].iloc[0] == "NVIDIA A100"


@pytest.mark.parametrize(("spec", "message"), [
    ("name: t\ndescription: d\nkinds: [speedup]\ncolumns: [{header: a, source: nope}]\n",
     "unknown claim field 'nope'"),
    ("name: t\ndescription: d\nkinds: [speedup]\ncolumns: [{header: a}]\n",
     "exactly one of 'source' and 'derive'"),
    ("name: t\ndescription: d\nkinds: [speedup]\ncolumns: [{header: a, source: value, "
     "unit: furlongs_per_x}]\n", "not in the unit registry"),
    ("name: t\ndescription: d\nkinds: [speedups]\ncolumns: [{header: a, source: value}]\n",
     "kinds.0"),
    ("name: t\ndescription: d\nkinds: []\ncolumns: [{header: a, source: value}]\nsort: [b]\n",
     "'b' is not a column header"),
    ("name: t\n  description: [\n", "YAML error"),
])
def test_broken_spec_names_file_and_key(tmp_path: Path, spec: str, message: str):
    path = tmp_path / "broken.yaml"
    path.write_text(spec, encoding="utf-8")
    with pytest.raises(tables.TableSpecError) as err:
        tables.load_spec(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_unknown_table_name():
    with pytest.raises(tables.TableSpecError, match="built-in tables: speedups"):
        tables.load_spec("speed-ups")


def test_cli_table_all_to_excel_from_papers(tmp_path: Path, capsys):
    out = tmp_path / "tables.xlsx"
    papers = Path(__file__).parent / "fixtures" / "seed_docs.jsonl"
    assert main(["table", "all", str(papers), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == tables.builtin_names()
    sheet = book["speedups"]
    headers = [cell.value for cell in sheet[1]]
    factors = [row[headers.index("speedup [x]")] for row in sheet.iter_rows(min_row=2,
                                                                            values_only=True)]
    assert {3.25, 4.5, 41, 631, 1.3} <= {round(f, 4) for f in factors if f is not None}


def test_cli_table_from_claims_and_user_spec(tmp_path: Path, capsys):
    claims_file = tmp_path / "claims.jsonl"
    assert main(["demo", "-o", str(claims_file)]) == 0
    spec = tmp_path / "mine.yaml"
    spec.write_text("name: mine\ndescription: gpus\nkinds: [hardware]\n"
                    "columns: [{header: device, source: hardware}, {header: n, source: value}]\n"
                    "sort: [device]\n", encoding="utf-8")
    out = tmp_path / "mine.csv"
    assert main(["table", str(spec), str(claims_file), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "device,n" and "AMD MI250X,3072.0" in text


def test_cli_table_with_a_broken_spec_is_a_user_error(tmp_path: Path, capsys):
    spec = tmp_path / "bad.yaml"
    spec.write_text("name: x\n", encoding="utf-8")
    papers = Path(__file__).parent / "fixtures" / "seed_docs.jsonl"
    assert main(["table", str(spec), str(papers), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err


def test_cli_cite_prints_markdown_quotes(tmp_path: Path, capsys):
    papers = Path(__file__).parent / "fixtures" / "seed_docs.jsonl"
    assert main(["cite", str(papers), "--kind", "speedup", "--subject", "GPTQ"]) == 0
    out = capsys.readouterr().out
    assert out.count("> \"") == 2
    assert "— GPTQ: Accurate Post-Training Quantization" in out
    assert "3.25x when using high-end GPUs (NVIDIA A100)" in out


def test_pivot_spreads_metrics_over_columns(tmp_path: Path):
    spec = tables.TableSpec.model_validate({
        "name": "board", "description": "leaderboard", "kinds": ["score"],
        "columns": [{"header": "dataset", "source": "dataset"},
                    {"header": "metric", "source": "metric"},
                    {"header": "value", "source": "value"}],
        "pivot": {"index": ["dataset"], "columns": "metric", "values": "value"}})
    found = claims.extract("It reaches 84.6% accuracy and a perplexity of 10.8 on WikiText-103"
                           ", and 80.1% accuracy on LAMBADA.")
    table = tables.build(spec, found).fillna(-1)
    assert list(table.columns) == ["dataset", "accuracy", "perplexity"]
    assert table.values.tolist() == [["", 84.6, -1], ["WikiText-103", -1, 10.8],
                                     ["LAMBADA", 80.1, -1]]


def test_pivot_names_unknown_headers():
    with pytest.raises(ValueError, match="pivot: 'nope' is not a column header"):
        tables.TableSpec.model_validate({
            "name": "b", "description": "d", "kinds": [],
            "columns": [{"header": "value", "source": "value"}],
            "pivot": {"index": ["nope"], "columns": "value", "values": "value"}})


def test_cite_gives_the_bibtex_key_and_url_of_the_input(tmp_path: Path, capsys):
    papers = tmp_path / "papers.jsonl"
    papers.write_text('{"id": "p1", "title": "Fast Kernels", "abstract": "We get a 3x '
                      'speedup over FP16.", "url": "https://arxiv.org/abs/0000.00001", '
                      '"bibkey": "doe2024fast"}\n', encoding="utf-8")
    assert main(["cite", str(papers)]) == 0
    out = capsys.readouterr().out
    assert '> "We get a 3x speedup over FP16."' in out
    assert "— Fast Kernels [@doe2024fast] (p1, abstract [9:11]) " \
           "<https://arxiv.org/abs/0000.00001>" in out
