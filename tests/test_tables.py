"""Table specs, derived columns and the built-in tables on the development set."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import claims
from claims.output import tables
from claims.output.cells import Best, Citation
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
    spec = tables.load_spec(name)
    if spec.pivot is None:
        assert list(table.columns) == [c.title for c in spec.columns]
    numbers = table.select_dtypes("number").astype(float)
    if not numbers.empty:
        dataframe_regression.check(numbers, basename=f"table_{name}_numbers")
    cells = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    data_regression.check({"rows": [{k: _cell(v) for k, v in row.items()} for row in cells]},
                          basename=f"table_{name}")


def _cell(value: object) -> object:
    """A cell as plain data for the snapshot: a best cell says so, a citation is text."""
    if isinstance(value, Best):
        return f"{value} (best)"
    return str(value) if isinstance(value, Citation) else value


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
    assert out.count("> \"") == 1  # one sentence holds both speedups: quoted once
    assert "— GPTQ: Accurate Post-Training Quantization" in out
    assert "3.25x when using high-end GPUs (NVIDIA A100)" in out
    assert "(seed-003, abstract: 3.25x [1599:1604], 4.5x [1648:1652])" in out


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
    assert "— Fast Kernels [@doe2024fast] (p1, abstract: 3x [9:11]) " \
           "<https://arxiv.org/abs/0000.00001>" in out


def test_cite_quotes_each_sentence_once_with_its_numbers(tmp_path: Path, capsys):
    papers = tmp_path / "papers.jsonl"
    papers.write_text('{"id": "p1", "title": "Fast", "abstract": "It is 3x faster on 8 A100 '
                      'GPUs and 2x faster on a T4 GPU. It also uses 40% less memory."}\n',
                      encoding="utf-8")
    assert main(["cite", str(papers)]) == 0
    out = capsys.readouterr().out
    assert out.count('> "It is 3x faster on 8 A100 GPUs and 2x faster on a T4 GPU."') == 1
    assert "(p1, abstract: 3x [6:8], 8 A100 GPUs [19:30], 2x [35:37], T4 GPU [50:56])" in out
    assert out.count('> "It also uses 40% less memory."') == 1
    assert out.count("> —") == 2


# --- which way is better -------------------------------------------------------------


@pytest.mark.parametrize(("metric", "direction"), [
    ("FID", "lower"), ("FID scores", "lower"), ("WER", "lower"), ("perplexity", "lower"),
    ("top-1 error rate", "lower"), ("latency", "lower"), ("accuracy", "higher"),
    ("BLEU", "higher"), (None, "higher"),
    # metrics the lexicon does not know: its lower-is-better words decide
    ("validation loss", "lower"), ("time to first token", "lower"), ("CER", "lower"),
    ("edit distance", "lower"), ("Pass@1", "higher"), ("zero-shot performance", "higher"),
])
def test_the_metric_lexicon_says_which_way_is_better(metric, direction):
    assert tables.better(metric) == direction


def test_every_lexicon_metric_states_its_direction():
    import yaml

    from claims.claim.rulepack import builtin_dir

    data = yaml.safe_load((builtin_dir() / "metrics.yaml").read_text(encoding="utf-8"))
    assert all(m.get("better") in ("higher", "lower") for m in data["metrics"])


def test_scores_rank_best_first_within_each_metric():
    scores = [("FID", "CIFAR-10", 3.1), ("FID", "CIFAR-10", 2.5), ("accuracy", "MMLU", 80.1),
              ("accuracy", "MMLU", 82.3), ("WER", "LibriSpeech", 7.5),
              ("WER", "LibriSpeech", 6.1), ("validation loss", "C4", 2.1),
              ("validation loss", "C4", 1.9)]
    rows = [_claim(str(v), 10 * n, kind="score", metric=m, dataset=d, value=v, unit="",
                   subject=f"M{n}") for n, (m, d, v) in enumerate(scores)]
    table = tables.build("scores", rows)
    by_metric = {metric: list(rows["value"]) for metric, rows in table.groupby("metric")}
    assert by_metric == {"FID": [2.5, 3.1], "accuracy": [82.3, 80.1], "WER": [6.1, 7.5],
                         "validation loss": [1.9, 2.1]}
    assert dict(zip(table["metric"], table["better"], strict=True)) == {
        "FID": "lower", "accuracy": "higher", "WER": "lower", "validation loss": "lower"}


def test_extracted_fid_scores_rank_lowest_first():
    table = tables.build("scores", claims.extract(
        "Our model reaches FID scores of 3.25 and 2.51 on CIFAR-10 and CIFAR-10 respectively."))
    assert list(table["value"]) == [2.51, 3.25]


def test_a_change_ranks_larger_first_whatever_its_metric():
    table = tables.build("survey", claims.extract(
        "X cuts latency by 20% over Y. Z cuts latency by 45% over Y."))
    assert list(table["result"]) == ["45%", "20%"]


def test_a_user_metric_lexicon_may_leave_the_direction_to_the_words(tmp_path: Path):
    from claims.claim.rulepack import load_ruleset

    (tmp_path / "metrics.yaml").write_text(
        "metrics:\n  - {name: reward, aliases: ['(?i:rewards?)']}\n"
        "  - {name: regret bound, aliases: ['(?i:regret\\sbound)']}\n"
        "lower_is_better: [slowness]\n", encoding="utf-8")
    ruleset = load_ruleset([tmp_path])
    assert ruleset.better("reward") == "higher"
    assert ruleset.better("regret bound") == "lower"  # a built-in word: regret
    assert ruleset.better("slowness") == "lower"  # a word of the user's
    assert ruleset.better("FID") == "lower"  # the built-in lexicon still holds


def test_a_sort_key_names_a_header_or_a_claim_field():
    with pytest.raises(ValueError, match="'nope' is not a column header or claim field"):
        tables.TableSpec.model_validate({
            "name": "t", "description": "d", "kinds": [],
            "columns": [{"header": "v", "source": "value"}], "sort": [{"best": "nope"}]})


# --- duplicates ----------------------------------------------------------------------


def _claim(text: str, start: int, field: str = "abstract", sentence: str = "s1",
           **fields) -> claims.Claim:
    values = {"doc_id": "d", "kind": "speedup", "value": 3.0, "unit": "x", "rule": "r",
              "subject": "X"} | fields
    return claims.Claim(text=text, start=start, end=start + len(text), field=field,
                        sentence=sentence, **values)


def test_a_fact_in_title_and_abstract_is_one_row_quoting_the_abstract():
    rows = [_claim("3x", 0, field="title", sentence="X: 3x faster"),
            _claim("3x", 10, sentence="X gives a 3x speedup."),
            _claim("3x", 50, sentence="Again, a 3x speedup.")]
    table = tables.build("speedups", rows)
    assert len(table) == 1
    assert table["quote"].iloc[0] == "X gives a 3x speedup." and table["start"].iloc[0] == 10


def test_the_same_text_matched_twice_is_one_row_even_in_all_claims():
    rows = [_claim("3x", 10), _claim("3x", 10)]
    assert len(tables.build("speedups", rows)) == 1
    assert len(tables.build("all-claims", rows)) == 1


def test_distinct_facts_stay():
    rows = [_claim("3x", 0), _claim("3x", 20, baseline="FP16"), _claim("3x", 40, subject="Y"),
            _claim("4x", 60, value=4.0), _claim("3x", 80, kind="improvement"),
            # equal values listed in one sentence: "99%, 99% and 90%"
            _claim("3x", 100, sentence="s2", subject="Z"), _claim("3x", 104, sentence="s2",
                                                                 subject="Z")]
    assert len(tables.build("all-claims", rows)) == 7
    assert len(tables.build("survey", rows)) == 7


def test_all_claims_keeps_every_statement():
    rows = [_claim("3x", 0, field="title", sentence="t"), _claim("3x", 10)]
    assert len(tables.build("all-claims", rows)) == 2
    assert len(tables.build("speedups", rows)) == 1


def test_the_seed_tables_state_each_fact_in_one_sentence(seed_claims):
    """Rows of one fact all quote one sentence (the values it lists: `99%, 99% and 90%`)."""
    for name in ("speedups", "compression", "scores", "model-sizes", "hardware"):
        table = tables.build(name, seed_claims).astype(object).fillna("")
        facts = [c for c in ("doc_id", "subject", "model", "device", "metric", "dataset",
                             "baseline", "hardware", "as stated", "value", "count",
                             "parameters [gigaparams]") if c in table]
        quote = "quote" if "quote" in table else "used for"
        assert (table.groupby(facts)[quote].nunique() == 1).all(), name
    model_sizes = tables.build("model-sizes", seed_claims)
    ul2 = model_sizes[(model_sizes["doc_id"] == "seed-047") & (model_sizes["model"] == "UL2")]
    assert list(ul2["text"]) == ["20B parameters"]  # stated six times


# --- confidence ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in tables.builtin_names()
                                  if n not in ("survey", "leaderboard", "results")])
def test_full_tables_carry_the_confidence(name, seed_claims):
    table = tables.build(name, seed_claims)
    assert set(table["confidence"]) <= {"rule", "cue", "weak"}
    assert len(table) == 0 or table["confidence"].notna().all()


def test_weak_claims_show_as_weak(seed_claims):
    table = tables.build("all-claims", seed_claims)
    weak = {(c.doc_id, c.start) for c in seed_claims if c.confidence == "weak"}
    assert weak and weak == {(d, s) for d, s, k in zip(table["doc_id"], table["start"],
                                                        table["confidence"], strict=True)
                             if k == "weak"}


# --- the survey table and the leaderboard --------------------------------------------


def test_survey_rows_cite_their_source_and_rank_within_each_metric():
    rows = [_claim("2.1x", 0, value=2.1, doc_id="a", url="https://arxiv.org/abs/1",
                   bibkey="a2024", hardware="NVIDIA A100", baseline="FP16"),
            _claim("3.2x", 0, value=3.2, doc_id="b", url="https://arxiv.org/abs/2"),
            _claim("2.5", 0, kind="score", metric="FID", dataset="CIFAR-10", value=2.5,
                   unit="", doc_id="c"),
            _claim("1.9", 0, kind="score", metric="FID", dataset="CIFAR-10", value=1.9,
                   unit="", doc_id="d")]
    table = tables.build("survey", rows)
    assert list(table.columns) == ["kind", "metric", "subject", "result", "baseline",
                                   "hardware", "dataset", "source"]
    assert list(table["result"]) == ["1.9", "2.5", "3.2x", "2.1x"]
    cited = table["source"].iloc[3]
    assert isinstance(cited, Citation) and cited == "https://arxiv.org/abs/1"
    assert cited.bibkey == "a2024"
    assert table["source"].iloc[0] is None


def test_cli_survey_as_latex_cites_bibtex_keys(tmp_path: Path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        '{"id": "p1", "title": "Fast", "abstract": "FastAttn gives a 3.25x speedup over FP16 '
        'on NVIDIA A100.", "url": "https://arxiv.org/abs/0000.00001", "bibkey": "doe2024"}\n'
        '{"id": "p2", "title": "Faster", "abstract": "FasterAttn gives a 4.5x speedup over '
        'FP16.", "url": "https://arxiv.org/abs/0000.00002"}\n', encoding="utf-8")
    tex, md = tmp_path / "survey.tex", tmp_path / "survey.md"
    assert main(["table", "survey", str(papers), "-o", str(tex)]) == 0
    assert main(["table", "survey", str(papers), "-o", str(md)]) == 0
    text = tex.read_text(encoding="utf-8")
    assert r"\begin{tabularx}{\linewidth}" in text and r"\small" in text
    assert "quote" not in text and "start" not in text
    lines = [line for line in text.splitlines() if "speedup &" in line]
    assert "4.5x" in lines[0] and r"\url{https://arxiv.org/abs/0000.00002}" in lines[0]
    assert "3.25x" in lines[1] and r"\cite{doe2024}" in lines[1]
    assert "NVIDIA A100" in lines[1] and "FP16" in lines[1]
    assert "https://arxiv.org/abs/0000.00001 |" in md.read_text(encoding="utf-8")


def _score(n: int, subject: str, dataset: str, metric: str, value: float, **fields):
    return _claim(str(value), 10 * n, kind="score", subject=subject, dataset=dataset,
                  metric=metric, value=value, unit=fields.pop("unit", ""), **fields)


def test_leaderboard_marks_the_best_of_each_column_by_its_direction():
    rows = [_score(0, "A", "CIFAR-10", "FID", 3.1), _score(1, "B", "CIFAR-10", "FID", 2.5),
            _score(2, "A", "CIFAR-10", "FID", 2.9),  # A's best FID is its cell
            _score(3, "A", "ImageNet", "accuracy", 80.1, unit="%"),
            _score(4, "B", "ImageNet", "accuracy", 82.3, unit="%"),
            _claim("+5.1 points", 60, kind="improvement", subject="A", dataset="ImageNet",
                   metric="accuracy", value=5.1, unit="points"),
            _score(7, "C", "ImageNet", "accuracy", 99, unit="%", baseline="the dense model",
                   rule="score.<percent>-of-<reference>-performance"),
            _score(8, "D", "", "accuracy", 95, unit="%")]  # no dataset: no column
    board = tables.build("leaderboard", rows)
    assert list(board.columns) == ["method", "CIFAR-10 / FID", "ImageNet / accuracy"]
    assert list(board["method"]) == ["B", "A"]
    cells = board.set_index("method")
    assert cells.loc["B", "CIFAR-10 / FID"] == "2.5"
    assert isinstance(cells.loc["B", "CIFAR-10 / FID"], Best)
    assert cells.loc["A", "CIFAR-10 / FID"] == "2.9"
    assert not isinstance(cells.loc["A", "CIFAR-10 / FID"], Best)
    assert isinstance(cells.loc["B", "ImageNet / accuracy"], Best)
    assert cells.loc["A", "ImageNet / accuracy"] == "80.1%"


def test_leaderboard_ties_are_all_best():
    board = tables.build("leaderboard", [_score(0, "A", "MMLU", "accuracy", 70.0),
                                         _score(1, "B", "MMLU", "accuracy", 70.0)])
    assert all(isinstance(cell, Best) for cell in board["MMLU / accuracy"])


def test_leaderboard_of_nothing_is_empty():
    board = tables.build("leaderboard", [_claim("3x", 0)])
    assert board.empty and list(board.columns) == ["method"]


def test_cli_leaderboard_as_markdown_bolds_the_best(tmp_path: Path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        '{"id": "p1", "title": "A", "abstract": "ModelA reaches an FID of 2.51 on CIFAR-10."}\n'
        '{"id": "p2", "title": "B", "abstract": "ModelB reaches an FID of 1.74 on CIFAR-10."}\n',
        encoding="utf-8")
    out = tmp_path / "board.md"
    assert main(["table", "leaderboard", str(papers), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| method | CIFAR-10 / FID |" in text
    assert "| ModelB | **1.74** |" in text and "| ModelA | 2.51 |" in text


def test_table_help_names_every_builtin_table(capsys):
    with pytest.raises(SystemExit):
        main(["table", "--help"])
    shown = "".join(capsys.readouterr().out.split())  # argparse wraps lines at hyphens
    assert all(name in shown for name in tables.builtin_names())


def test_a_claims_frame_builds_the_same_tables_as_claims(seed_claims):
    from claims.output.write import claims_frame

    frame = claims_frame(seed_claims)  # pd.NA in text columns, NaN in float ones
    for name in ("survey", "leaderboard", "hardware"):
        from_frame, from_claims = tables.build(name, frame), tables.build(name, seed_claims)
        assert from_frame.astype(object).fillna("").values.tolist() == (
            from_claims.astype(object).fillna("").values.tolist()), name


def test_a_quote_from_latex_reads_as_it_prints_and_its_text_stays_exact():
    """GPTQ's abstract as its LaTeX source has it (tests/fixtures/formats/gptq_src)."""
    from claims.read import read_path

    (doc,) = [d for d in read_path(Path(__file__).parent / "fixtures" / "formats" / "gptq_src"
                                   / "main.tex") if isinstance(d, claims.Document)]
    found = [c for c in extract_all([doc]) if c.field == "abstract"]
    table = tables.build("speedups", found)
    row = table[table["speedup [x]"] == 3.25].iloc[0]
    assert "of around 3.25× when using high-end GPUs (NVIDIA A100) and 4.5× when" in row["quote"]
    assert row["text"] == "3.25\\times"  # the exact source, LaTeX and all
    assert doc.fields["abstract"][row["start"]:row["end"]] == row["text"]


# --- the results table and model sizes as facts ----------------------------------------


def test_results_table_takes_prose_and_table_scores_alike(tmp_path: Path):
    """A method's scores from its abstract and from a table's cells meet in one row;
    a column may name only its metric; the best of each column is marked."""
    source = tmp_path / "paper.tex"
    source.write_text(r"""\documentclass{article}\title{QuantX: Fast Quantization}
\begin{document}\begin{abstract}QuantX reaches an accuracy of 71.3\% on MMLU.
\end{abstract}\section{Results}
\begin{table}\caption{Perplexity of 4-bit models.}\label{tab:ppl}
\begin{tabular}{lcc}\toprule Method & WikiText-2 & Avg. PPL \\ \midrule
GPTQ & 6.29 & 7.10 \\ Ours & \textbf{5.91} & \textbf{6.80} \\ \bottomrule
\end{tabular}\end{table}\end{document}""", encoding="utf-8")
    out = tmp_path / "results.md"
    assert main(["table", "results", str(source), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    (header,) = [line for line in text.splitlines() if line.startswith("| method")]
    assert "MMLU / accuracy" in header and "WikiText-2 / perplexity" in header
    assert "| QuantX | **71.3%** | **5.91** | **6.8** |" in text  # `Ours` is the paper's method
    assert "| GPTQ |  | 6.29 | 7.1 |" in text


def test_results_table_needs_a_method_and_a_dataset_or_metric():
    rows = [_score(0, "A", "", "accuracy", 70.0, unit="%"),
            _score(1, "B", "MMLU", "", 60.0, unit="%"),
            _score(2, "", "MMLU", "accuracy", 50.0, unit="%")]
    board = tables.build("results", rows)
    assert list(board["method"]) == ["B", "A"] or list(board["method"]) == ["A", "B"]
    assert set(board.columns) == {"method", "accuracy", "MMLU"}


def test_a_model_size_repeated_across_a_paper_is_one_fact():
    """`7B` in the abstract, the setup and a table is one row, quoting the mention that
    names the model; two models of one size stay two."""
    rows = [_claim("7B", 0, kind="model_size", value=7e9, unit="params", subject=None,
                   sentence="We train a 7B model."),
            _claim("7B", 40, kind="model_size", value=7e9, unit="params",
                   subject="Llama-2", sentence="Llama-2 7B is our base.", dataset="MMLU"),
            _claim("7B", 5, field="setup", kind="model_size", value=7e9, unit="params",
                   subject=None, sentence="The 7B model runs on one GPU.",
                   hardware="NVIDIA A100")]
    table = tables.build("model-sizes", rows)
    assert list(table["model"]) == ["Llama-2"]
    assert table["quote"].iloc[0] == "Llama-2 7B is our base."
    mistral = _claim("7B", 90, kind="model_size", value=7e9, unit="params", subject="Mistral",
                     sentence="Mistral 7B is compared.")
    table = tables.build("model-sizes", [*rows, mistral])
    assert list(table["model"].fillna("")) == ["", "Llama-2", "Mistral"]


def test_a_tables_own_direction_decides_the_best():
    """`Strict ↓` in a table: lower is better for a metric the lexicon does not know."""
    rows = [_score(0, "A", "Dolma", "Strict", 6.0, better="lower"),
            _score(1, "B", "Dolma", "Strict", 3.4, better="lower")]
    board = tables.build("results", rows).set_index("method")
    assert isinstance(board.loc["B", "Dolma / Strict"], Best)
    assert not isinstance(board.loc["A", "Dolma / Strict"], Best)
