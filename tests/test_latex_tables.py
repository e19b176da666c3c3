"""LaTeX tables: the tabular parser (synthetic markup exercising the syntax) and the
claims their cells give, with context from headers, row labels and caption."""

from __future__ import annotations

import pytest

from claims.model import Claim, Document, Kind
from claims.read.latex import read_latex
from claims.run.pipeline import explain, extract_document


def _doc(body: str) -> Document:
    tex = ("\\documentclass{article}\\begin{document}\\begin{abstract}We study tables."
           f"\\end{{abstract}}\\section{{Results}}{body}\\end{{document}}")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    return doc


def _cells(doc: Document, index: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row] for row in doc.tables[index].rows]


def _table_claims(doc: Document) -> list[Claim]:
    claims = [claim for claim in extract_document(doc) if claim.table]
    for claim in claims:  # a claim quotes its cell exactly, as any claim its field
        assert doc.fields[claim.field][claim.start:claim.end] == claim.text
    return claims


def _at(claims: list[Claim], row: int, column: int) -> Claim:
    (found,) = [c for c in claims if (c.table_row, c.table_column) == (row, column)]
    return found


MAIN = r"""
\begin{table}[t]
\centering
\caption{Results on WikiText-2 with LLaMA models on an NVIDIA A100.}
\label{tab:main}
\begin{tabular}{@{}llcc@{}}
\toprule
\multirow{2}{*}{Model} & \multirow{2}{*}{Method} & \multicolumn{2}{c}{WikiText-2} \\
\cmidrule(lr){3-4}
 & & PPL $\downarrow$ & Latency (ms) \\
\midrule
\multirow{2}{*}{LLaMA-7B} & FP16 & 5.68 & 12.3 \\
 & \textsc{GPTQ} & \textbf{5.85}$_{\pm 0.02}$ & \underline{4.1} \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_booktabs_table_parsed_into_header_and_cells():
    doc = _doc(MAIN)
    (table,) = doc.tables
    assert (table.label, table.number, table.header_rows) == ("tab:main", 1, 2)
    assert table.caption.startswith("Results on WikiText-2")
    assert _cells(doc) == [["Model", "Method", "WikiText-2"],
                           ["", "", "PPL ↓", "Latency (ms)"],
                           ["LLaMA-7B", "FP16", "5.68", "12.3"],
                           ["", "GPTQ", "5.85 ± 0.02", "4.1"]]
    first = table.rows[0]
    assert (first[0].rows, first[2].columns, first[2].column) == (2, 2, 2)
    bold, underlined = table.rows[3][2], table.rows[3][3]
    assert bold.bold and not bold.underline and underlined.underline


def test_cells_become_claims_with_context_from_the_table():
    claims = _table_claims(_doc(MAIN))
    score = _at(claims, 3, 2)
    assert (score.kind.value, score.value, score.uncertainty, score.marker) == (
        "score", 5.85, 0.02, "best")
    assert (score.metric, score.dataset, score.subject) == ("perplexity", "WikiText-2", "GPTQ")
    assert (score.table, score.field, score.text) == ("tab:main", "table 1", "5.85")
    assert score.table_file == "paper.tex"
    assert score.better == "lower"  # the arrow in its column header
    assert score.hardware == "NVIDIA A100"  # the caption's one device
    latency = _at(claims, 3, 3)
    assert (latency.value, latency.unit, latency.metric, latency.marker) == (
        4.1, "ms", "latency", "second")  # the unit from the column header
    baseline = _at(claims, 2, 2)
    assert (baseline.subject, baseline.marker, baseline.uncertainty) == (
        "LLaMA-7B", None, None)  # `FP16` is no name: the block's model


def test_issue_minimal_case_table_cell_is_a_claim():
    """The abstract's 3.2x and the tabular cell's 4.1x; the caption is context, not a
    table claim, and the table is never read as prose."""
    tex = r"""\documentclass{article}\begin{document}
\begin{abstract}Our kernel gives a 3.2x speedup.\end{abstract}
\section{Results}
Speedups are in Table~\ref{t}.\footnote{On H100 we measured 9.9x.}
\begin{table}\caption{Our kernel is 2.5x faster on average.}\label{t}
\begin{tabular}{lc}\toprule Kernel & Speedup \\ \midrule Ours & 4.1$\times$ \\ \bottomrule
\end{tabular}\end{table}
\end{document}"""
    doc = read_latex(tex, "paper.tex", "paper")
    claims = extract_document(doc)
    assert ("abstract", 3.2) in [(c.field, c.value) for c in claims]
    (cell,) = [c for c in claims if c.table]
    assert (cell.kind.value, cell.value, cell.unit, cell.text) == ("speedup", 4.1, "x", "4.1×")
    assert (cell.subject, cell.table, cell.table_row, cell.table_column) == ("Ours", "t", 1, 1)
    assert not [c for c in claims if c.field == "table 1" and not c.table]


def test_ampersand_and_row_end_inside_groups_stay_in_one_cell():
    doc = _doc(r"""\begin{table}\caption{Accuracy on MMLU.}
\begin{tabular}{lcc}\hline
Method & \makecell{Acc.\\(\%)} & {R\&D a \& b} \\ \hline
\begin{tabular}[c]{@{}l@{}}Two\\lines\end{tabular} & \cellcolor{gray!20}\num{71.25} & 3 \\
\hline\end{tabular}\end{table}""")
    assert _cells(doc) == [["Method", "Acc. (%)", "R&D a & b"], ["Two lines", "71.25", "3"]]
    (claim,) = [c for c in _table_claims(doc) if c.table_column == 1]
    assert (claim.value, claim.unit, claim.metric, claim.dataset) == (71.25, "%", "accuracy",
                                                                     "MMLU")


def test_siunitx_and_starred_tabulars():
    doc = _doc(r"""\begin{table*}\caption{Serving cost.}
\begin{tabular*}{\textwidth}{@{\extracolsep{\fill}}lcc}\toprule
System & Memory & Throughput \\ \midrule
vLLM & \SI{14.2}{\giga\byte} & \SI{1520}{tokens/s} \\ \bottomrule
\end{tabular*}\end{table*}
\begin{table}\caption{More.}\begin{tabularx}{\linewidth}{lX}\toprule
A & B \\ \midrule x & y \\ \bottomrule\end{tabularx}\end{table}""")
    assert _cells(doc, 0)[1] == ["vLLM", "14.2 GB", "1520 tokens/s"]
    assert _cells(doc, 1) == [["A", "B"], ["x", "y"]]
    assert [t.number for t in doc.tables] == [1, 2]
    claims = _table_claims(doc)
    assert {(c.value, c.unit, c.subject) for c in claims} == {(14.2, "GB", "vLLM"),
                                                                 (1520, "tokens/s", "vLLM")}


def test_longtable_repeated_head_and_foot_left_out():
    doc = _doc(r"""\begin{longtable}{lc}
\caption{Scores on GSM8K.}\label{tab:long}\\
\toprule Method & Accuracy \\ \midrule \endfirsthead
\toprule Method & Accuracy \\ \midrule \endhead
\bottomrule \multicolumn{2}{r}{continued} \\ \endfoot
\bottomrule \endlastfoot
A & 50.1 \\
B & 61.7 \\
\end{longtable}""")
    (table,) = doc.tables
    assert (table.label, table.header_rows) == ("tab:long", 1)
    assert [[c.text for c in row] for row in table.rows] == [
        ["Method", "Accuracy"], ["A", "50.1"], ["B", "61.7"]]
    claims = _table_claims(doc)
    assert [(c.subject, c.value, c.dataset, c.metric) for c in claims] == [
        ("A", 50.1, "GSM8K", "accuracy"), ("B", 61.7, "GSM8K", "accuracy")]


def test_settings_rows_counts_and_a_rule_above_a_footer():
    """A row that only names a setting is no claim; a column counting things (`#
    Steps`) gives the setting each row ran at, a quantity of what it counts, the row's
    method's; a rule above `Average` closes the body, not the header."""
    doc = _doc(r"""\begin{table}\caption{Results.}
\begin{tabular}{lccc}
Method & Steps & Strict & Judge \\
\multicolumn{4}{c}{Zero-shot} \\
Base & 3000 & 65.90 & 66.10 \\ \hline
Average & 3000 & 64.20 & 65.00
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert {(c.subject, c.value, c.metric) for c in claims} == {
        ("Base", 65.9, "Strict"), ("Base", 66.1, "Judge"),
        ("Average", 64.2, "Strict"), ("Average", 65.0, "Judge"),
        ("Base", 3000, "Steps"), ("Average", 3000, "Steps")}
    assert all(c.confidence == "weak" for c in claims)  # the metric only in the paper's words
    assert {c.kind for c in claims if c.metric == "Steps"} == {Kind.quantity}


def test_explain_lists_table_claims():
    found = explain(_doc(MAIN))
    assert [e.claim.text for e in found.claims if e.claim.table] == ["5.68", "12.3", "5.85",
                                                                      "4.1"]
    assert found.claims[-1].sources["subject"] == "row label"


@pytest.mark.parametrize("bad", [
    r"\begin{table}\begin{tabular}{lc} a & 1 \\",  # never closed
    r"\begin{table}\caption{x}\begin{tabular}{lc}\multicolumn{2}{c}{ \\ \end{tabular}"
    r"\end{table}",  # a brace never closed
])
def test_broken_tables_never_stop_the_document(bad):
    doc = _doc(bad)
    assert "abstract" in doc.fields
    extract_document(doc)


def test_large_and_hostile_tables_stay_linear():
    """Many rows, unclosed tabulars and absurd spans cost time in proportion to the
    source (each would otherwise be quadratic)."""
    import time

    rows = "".join(f"M{n} & {n}.5 & {n}.25 \\\\\n" for n in range(3000))
    body = (r"\begin{table}\caption{Accuracy on MMLU.}\begin{tabular}{lcc}\toprule"
            r" Method & Acc. & F1 \\ \midrule" + rows + r"\end{tabular}\end{table}"
            + r"\begin{tabular}{l}" * 5000
            + r"\begin{table}\begin{tabular}{l}\multicolumn{999999}{c}{x} & "
              r"\multirow{999999}{*}{1.5} \\ \end{tabular}\end{table}")
    started = time.monotonic()
    doc = _doc(body)
    claims = _table_claims(doc)
    assert len([c for c in claims if c.table == "Table 1"]) == 6000
    assert max(cell.columns for row in doc.tables[-1].rows for cell in row) <= 100
    assert time.monotonic() - started < 20


def test_headers_on_two_levels_under_rules_and_bracketed_metrics():
    """A second header row under `\\hline` is a header too; `Name (ACC)` names a dataset
    and its metric; the lowest level under a coined name is the metric; a size column
    takes no metric from the caption."""
    doc = _doc(r"""\begin{table}\caption{Accuracy of each model.}
\begin{tabular}{llllll}\hline
\multicolumn{2}{c}{} & \multicolumn{2}{c}{Int. Dom} & Mind2Web-SC (ACC$\uparrow$)
 & QuickBench \\ \hline
Model & No. Params & $R^2$ & RSME & & EM \\ \hline
ResNet20 & 272 & 0.956 & 2.775 & 72.50 & 61.0 \\ \hline
\end{tabular}\end{table}""")
    claims = {c.table_column: c for c in _table_claims(doc)}
    assert all(c.table_row == 2 for c in claims.values())
    assert (claims[2].metric, claims[2].dataset) == ("R^2", "Int. Dom")
    assert (claims[4].metric, claims[4].dataset) == ("accuracy", "Mind2Web-SC")
    assert (claims[5].metric, claims[5].dataset) == ("exact match", "QuickBench")
    assert claims[1].metric is None and claims[1].subject == "ResNet20"


def test_subtables_take_the_float_caption_and_their_own():
    doc = _doc(r"""\begin{table}
\begin{subtable}{0.5\linewidth}\caption{On MMLU.}
\begin{tabular}{lc}\toprule Method & Acc. \\ \midrule A & 61.2 \\ \bottomrule\end{tabular}
\end{subtable}
\begin{subtable}{0.5\linewidth}\caption{On GSM8K.}
\begin{tabular}{lc}\toprule Method & Acc. \\ \midrule A & 48.0 \\ \bottomrule\end{tabular}
\end{subtable}
\caption{Accuracy of each method.}\label{tab:sub}\end{table}""")
    assert [t.caption for t in doc.tables] == ["Accuracy of each method. On MMLU.",
                                               "Accuracy of each method. On GSM8K."]
    assert {t.number for t in doc.tables} == {1}
    assert [(c.value, c.dataset) for c in _table_claims(doc)] == [(61.2, "MMLU"),
                                                                  (48.0, "GSM8K")]


def test_a_tables_name_is_its_own_label_once():
    """A subtable's own label names it; a float captioning two tabulars makes two
    numbered tables; a label a later float repeats names only the first."""
    doc = _doc(r"""\begin{table}
\begin{subtable}{0.5\linewidth}
\begin{tabular}{lc}\toprule Method & Acc. \\ \midrule A & 61.2 \\ \bottomrule\end{tabular}
\caption{Seven classes.}\label{tab:seven}\end{subtable}
\begin{subtable}{0.5\linewidth}
\begin{tabular}{lc}\toprule Method & Acc. \\ \midrule A & 48.0 \\ \bottomrule\end{tabular}
\caption{Three classes.}\label{tab:three}\end{subtable}
\caption{Transformer results.}\label{tab:multi}\end{table}
\begin{table}\caption{On ViT.}\label{tab:vit}
\begin{tabular}{lc}\toprule Method & ABPC \\ \midrule A & 1.46 \\ \bottomrule\end{tabular}
\caption{On VGG.}\label{tab:vgg}
\begin{tabular}{lc}\toprule Method & ABPC \\ \midrule A & 1.69 \\ \bottomrule\end{tabular}
\end{table}
\begin{table}\caption{More metrics.}\label{tab:multi}
\begin{tabular}{lc}\toprule Method & Acc. \\ \midrule A & 50.1 \\ \bottomrule\end{tabular}
\end{table}""")
    assert [(t.name, t.number, t.caption) for t in doc.tables] == [
        ("tab:seven", 1, "Transformer results. Seven classes."),
        ("tab:three", 1, "Transformer results. Three classes."),
        ("tab:vit", 2, "On ViT."), ("tab:vgg", 3, "On VGG."), ("Table 4", 4, "More metrics.")]


def test_a_column_of_row_blocks_one_of_which_is_a_dataset_names_datasets():
    """Outer labels of one column name one sort of thing: beside a block the caption
    calls a dataset (`on GoodNews`), another block label is a dataset too, though no
    lexicon knows it nor is it a coined word; a number under a label is no block."""
    doc = _doc(r"""\begin{table}\caption{Results on GoodNews (rows 1-2) and the rest.}
\begin{tabular}{llc}\toprule & & CIDEr \\ \midrule
\multirow{2}{*}{GoodNews} & LSTM & 11.5 \\ & Transformer & 22.5 \\ \midrule
\multirow{2}{*}{Wikinews} & LSTM & 10.5 \\ & Transformer & 21.5 \\ \midrule
(r=0.90) & LSTM & 11.0 \\
\bottomrule\end{tabular}\end{table}""")
    datasets = {c.value: c.dataset for c in _table_claims(doc)}
    assert datasets[22.5] == "GoodNews" and datasets[21.5] == "Wikinews"
    assert datasets[11.0] != "(r=0.91)"


def test_explain_shows_where_a_cell_stands(tmp_path, capsys):
    from claims.run.cli import main

    source = tmp_path / "paper.tex"
    source.write_text("\\documentclass{article}\\begin{document}\\begin{abstract}Tables."
                      f"\\end{{abstract}}\\section{{Results}}{MAIN}\\end{{document}}",
                      encoding="utf-8")
    assert main(["explain", "--file", str(source)]) == 0
    shown = capsys.readouterr().out
    assert "cell       tab:main row 3 column 2, marked best, ± 0.02" in shown
    assert "subject    'GPTQ'  <- row label" in shown


def test_a_cell_of_several_numbers_under_a_header_naming_as_many():
    doc = _doc(r"""\begin{table}\caption{Results on SQuAD.}
\begin{tabular}{lc}\toprule Method & EM/F1 \\ \midrule BERT & 80.8 / \textbf{88.5} \\
\bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert [(c.text, c.metric, c.dataset, c.table_column) for c in claims] == [
        ("80.8", "exact match", "SQuAD", 1), ("88.5", "F1", "SQuAD", 1)]


def test_a_table_whose_rows_are_benchmarks_takes_its_methods_from_the_columns():
    doc = _doc(r"""\begin{table}\caption{Accuracy (\%).}
\begin{tabular}{lcc}\toprule Benchmark & LLaMA-2-7B & QuantX \\ \midrule
MMLU & 45.3 & \textbf{46.1} \\ GSM8K & 14.6 & \textbf{15.2} \\ \bottomrule
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert [(c.subject, c.dataset, c.metric, c.value, c.unit, c.marker) for c in claims] == [
        ("LLaMA-2-7B", "MMLU", "accuracy", 45.3, "%", None),
        ("QuantX", "MMLU", "accuracy", 46.1, "%", "best"),
        ("LLaMA-2-7B", "GSM8K", "accuracy", 14.6, "%", None),
        ("QuantX", "GSM8K", "accuracy", 15.2, "%", "best")]


def test_column_groups_and_row_blocks_name_datasets():
    """A header spanning columns above others names their dataset when the caption
    names none; an outer row label with a coined name names the dataset of its block."""
    doc = _doc(r"""\begin{table}\caption{Memorization after editing.}
\begin{tabular}{lcc}\toprule
 & \multicolumn{2}{c}{Dolma Validation} \\ \cmidrule(lr){2-3}
Method & Strict (\%) & Loose (\%) \\ \midrule
Baseline & 99.9 & 100.0 \\
K-FAC & \textbf{3.4} & \textbf{8.8} \\ \bottomrule
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert {(c.subject, c.dataset, c.metric, c.unit) for c in claims} == {
        ("Baseline", "Dolma Validation", "Strict", "%"),
        ("Baseline", "Dolma Validation", "Loose", "%"),
        ("K-FAC", "Dolma Validation", "Strict", "%"),
        ("K-FAC", "Dolma Validation", "Loose", "%")}
    doc = _doc(r"""\begin{table}\caption{Results.}
\begin{tabular}{llc}\toprule Data & Method & BLEU \\ \midrule
\multirow{2}{*}{NYTimes800k} & LSTM & 1.77 \\ & Transformer & 2.75 \\ \bottomrule
\end{tabular}\end{table}""")
    assert [(c.subject, c.dataset, c.metric) for c in _table_claims(doc)] == [
        ("LSTM", "NYTimes800k", "BLEU"), ("Transformer", "NYTimes800k", "BLEU")]


def test_a_negative_level_is_a_score_and_a_column_of_signed_gains_holds_changes():
    doc = _doc(r"""\begin{table}\caption{Results on MMLU.}
\begin{tabular}{lccc}\toprule Method & $R^2$ & Acc. & $\Delta$ \\ \midrule
A & -0.48 & 61.2 & +1.2 \\ B & 0.93 & 60.1 & -0.4 \\ \bottomrule\end{tabular}\end{table}""")
    kinds = {(c.subject, c.table_column): (c.kind.value, c.value) for c in _table_claims(doc)}
    assert kinds[("A", 1)] == ("score", -0.48)
    assert kinds[("A", 3)] == ("improvement", 1.2)
    assert kinds[("B", 3)] == ("improvement", -0.4)


def test_cell_formatting_of_the_usual_kinds():
    doc = _doc(r"""\begin{table*}[t]\centering\caption{Accuracy on ARC.}\label{tab:fmt}
\resizebox{\linewidth}{!}{
\begin{tabular}{@{}l|c|c|c@{}}\hline\hline
Method & A & B & C \\ \hline\hline
\rowcolor{gray!10} X & $\mathbf{83.2}$\scriptsize{$\pm$0.3}
 & \textcolor{red}{71.0}$^{\dagger}$ & \checkmark \\
Y & \underline{\textbf{80.1}} & \color{blue}70.5 & N/A \\ \hline
\end{tabular}}
\end{table*}""")
    assert _cells(doc)[1:] == [["X", "83.2 ± 0.3", "71.0", ""], ["Y", "80.1", "70.5", "N/A"]]
    claims = {(c.subject, c.table_column): c for c in _table_claims(doc)}
    assert len(claims) == 4
    x = claims[("X", 1)]
    assert (x.value, x.uncertainty, x.marker, x.dataset, x.metric) == (83.2, 0.3, "best",
                                                                         "ARC", "accuracy")
    assert claims[("Y", 1)].marker == "best"  # bold and underlined: bold wins
    assert claims[("X", 2)].value == 71.0 and claims[("X", 2)].marker is None


def test_math_spaces_leave_a_cells_number_whole():
    doc = _doc(r"""\begin{table}\caption{Significance on CIFAR-10.}\label{tab:p}
\begin{tabular}{lcc}\toprule
Method & Acc.\ (\%) & $p$ vs. ref. \\ \midrule
Pruned & $36.38\pm1.45$ & $<\!0.001$ \\
Dense & $83.1\;$ & $0.042\:$ \\ \bottomrule
\end{tabular}\end{table}""")
    assert _cells(doc)[1:] == [["Pruned", "36.38 ± 1.45", "<0.001"], ["Dense", "83.1", "0.042"]]
    bound = _at(_table_claims(doc), 1, 2)
    assert (bound.value, bound.qualifier, bound.subject) == (0.001, "under", "Pruned")


def test_rows_of_metrics_under_columns_of_methods_and_a_row_of_their_intervals():
    doc = _doc(r"""\begin{table}\caption{Head-to-head comparison.}\label{tab:h2h}
\begin{tabular}{lcc}\toprule
Metric & PhaseTracker & Slot Attention \\ \midrule
Mean IP & 0.9987 & 1.0000 \\
95\% CI & [0.9961, 1.0000] & [1.0000, 1.0000] \\ \bottomrule
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    mean = _at(claims, 1, 1)
    assert (mean.subject, mean.dataset, mean.metric) == ("PhaseTracker", None, "Mean IP")
    low = next(c for c in claims if c.table_row == 2 and c.table_column == 1 and c.value == 0.9961)
    assert (low.subject, low.metric) == ("PhaseTracker", "Mean IP (95% CI lower bound)")


def test_row_labels_the_caption_abbreviates_name_their_methods():
    doc = _doc(r"""\begin{table}\caption{Efficiency. PhaseTracker (PT) vs Slot Attention
(SA) across object counts.}\label{tab:eff}
\begin{tabular}{lcc}\toprule
Model & FLOPs & Latency (ms) \\ \midrule
PT & 86,336 & 5.99 \\
SA & 3,857,184 & 5.00 \\ \bottomrule
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert [_at(claims, row, 1).subject for row in (1, 2)] == ["PhaseTracker", "Slot Attention"]


def test_a_metric_the_caption_names_is_never_its_model():
    doc = _doc(r"""\begin{table}\caption{Decoding on dev-other. MBR-WER uses WER as both
training utility and evaluation metric.}\label{tab:dec}
\begin{tabular}{lrr}\hline
Method & WER (\%) & $p$ \\ \hline
Greedy (baseline) & 6.022 & --- \\
Length-norm (tokens) & 6.022 & 0.652 \\ \hline
\end{tabular}\end{table}""")
    assert _at(_table_claims(doc), 2, 1).subject == "Length-norm (tokens)"


def test_columns_naming_the_papers_method_are_no_datasets():
    """A table of the method's settings (`QuantX (SFT)` over `Batch size`, `Warmup
    fraction`) gives no results: the header is the method, no dataset nor metric."""
    tex = r"""\documentclass{article}\title{QuantX: Fast Quantization}\begin{document}
\begin{abstract}We study tables.\end{abstract}\section{Setup}
\begin{table}\caption{Hyperparameters of training.}
\begin{tabular}{lc}\toprule Hyperparameter & QuantX (SFT) \\ \midrule
Batch size & 8 \\ Warmup fraction & 0.1 \\ \bottomrule\end{tabular}\end{table}
\end{document}"""
    doc = read_latex(tex, "paper.tex", "paper")
    assert _table_claims(doc) == []


def test_rows_in_the_first_person_are_the_papers_method():
    """`Ours`, `Our method` and `Ours1`/`Ours2` (two variants) name the paper's method."""
    from claims.claim.rulepack import default_ruleset
    from claims.claim.tabled import table_claims

    doc = _doc(r"""\begin{table}\caption{Pass@1 on HumanEval.}
\begin{tabular}{lc}\toprule Method & Pass@1 \\ \midrule SFS & 80.5 \\
Ours1 (strategy pool) & 81.5 \\ Ours2 & 82.5 \\ Our method & 91.0 \\
\bottomrule\end{tabular}\end{table}""")
    subjects = {claim.value: claim.subject for claim, _ in table_claims(
        doc.id, doc.tables[0], default_ruleset(), doc_subject="EvoMo")}
    assert subjects == {80.5: "SFS", 81.5: "EvoMo (strategy pool)", 82.5: "EvoMo",
                        91.0: "EvoMo"}


def test_an_abbreviated_header_gives_its_metric_spelled_out():
    """`Avg.` and `Avg Lev` over columns: the metric in words (the context lexicon's
    header abbreviations)."""
    doc = _doc(r"""\begin{table}\caption{Scores of each method.}
\begin{tabular}{lcc}\toprule Method & Avg. & Avg Lev \\ \midrule A & 61.2 & 0.455 \\
\bottomrule\end{tabular}\end{table}""")
    assert {c.value: c.metric for c in _table_claims(doc)} == {61.2: "average",
                                                              0.455: "average Lev"}


def test_the_captions_dataset_keeps_the_split_it_writes():
    """The caption's one dataset with its split after it, as prose names it (caption of
    the DynamicLRP paper's Table 2, keeinlev/dynamicLRP, MIT)."""
    doc = _doc(r"""\begin{table}\caption{ABPC and attribution efficiency metrics for ViT-b-16
experiments. 1000 examples from CIFAR-10 test set.}
\begin{tabular}{lc}\toprule Method & Sufficiency \\ \midrule AttnLRP & 0.33 \\
\bottomrule\end{tabular}\end{table}""")
    (cell,) = _table_claims(doc)
    assert (cell.value, cell.dataset) == (0.33, "CIFAR-10 test set")


def test_a_caption_listing_a_columns_metric_gives_it_to_that_column_only():
    """`ABPC and attribution efficiency metrics` over `ABPC | Sufficiency`: ABPC is the
    first column's, the other keeps its own words (DynamicLRP paper's Table 2 caption
    and headers, keeinlev/dynamicLRP, MIT)."""
    doc = _doc(r"""\begin{table}\caption{ABPC and attribution efficiency metrics for ViT-b-16
experiments. 1000 examples from CIFAR-10 test set.}
\begin{tabular}{lcc}\toprule \textbf{Method} & \textbf{ABPC ($\uparrow$)} &
\textbf{Sufficiency ($\downarrow$)} \\ \midrule AttnLRP & 1.46 & 0.33 \\
\bottomrule\end{tabular}\end{table}""")
    assert {c.value: c.metric for c in _table_claims(doc)} == {1.46: "ABPC",
                                                              0.33: "Sufficiency"}


def test_rows_that_name_no_method_take_the_captions_one_model():
    """Rows of conditions (`Empty audio`) or a `Baseline` are no names: their numbers
    are the model the caption names; a row naming a method keeps it (`Reflexion`)."""
    doc = _doc(r"""\begin{table}\caption{Qwen3-Omni diagnostic accuracy under counterfactual
audio conditions.}
\begin{tabular}{lc}\toprule Condition & Accuracy \\ \midrule Empty audio & 41.2 \\
Baseline & 60.3 \\ Reflexion & 62.5 \\ \bottomrule\end{tabular}\end{table}""")
    assert {c.value: c.subject for c in _table_claims(doc)} == {
        41.2: "Qwen3-Omni", 60.3: "Qwen3-Omni", 62.5: "Reflexion"}


def test_columns_of_coined_method_names_over_rows_of_tasks_give_the_subject():
    """Rows of tasks (`Classification`), columns headed by coined method names of mixed
    case (`HN-det`, `MLP-fixed`): the column's name is the subject; a capitals acronym
    header (`TTR`) is no method, and a task under `Task` none either (no name)."""
    doc = _doc(r"""\begin{table}\caption{Per-task benchmark from run-level summaries.}
\begin{tabular}{lccc}\toprule Task & HN-det & MLP-fixed & TTR \\ \midrule
Classification & 0.823 & 0.668 & 0.91 \\ \bottomrule\end{tabular}\end{table}""")
    assert {c.value: c.subject for c in _table_claims(doc)} == {
        0.823: "HN-det", 0.668: "MLP-fixed", 0.91: None}


def test_a_dataset_block_under_a_second_line_and_a_headers_own_words():
    """A block label's second line (`(r=0.91)`) leaves the block's dataset above it;
    a column's own words (`Omega`) beat the usual metric of that dataset."""
    doc = _doc(r"""\begin{table}\caption{Decomposition per method.}
\begin{tabular}{llcc}\toprule Dataset & Method & Omega & Accuracy \\ \midrule
MMLU & FP16 & 0.95 & 65.5 \\ (r=0.90) & Q8 & 0.85 & 60.5 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.dataset, c.metric) for c in _table_claims(doc)}
    assert found[0.85] == ("MMLU", "Omega") and found[60.5] == ("MMLU", "accuracy")


def test_a_whole_number_with_its_spread_is_a_measurement_under_its_columns_words():
    """`4000 ± 1500` under `Information Gain` is a result (a count has no spread);
    `1400.5 ± 350.5` under `Compressed Tokens` measures what its column says."""
    doc = _doc(r"""\begin{table}\caption{Variants across model families.}
\begin{tabular}{lcc}\toprule Model & Compressed Tokens & Information Gain \\ \midrule
Llama-3.1-8B & 1400.5 $\pm$ 350.5 & 4000 $\pm$ 1500 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.metric, c.uncertainty) for c in _table_claims(doc)}
    assert found[4000] == ("Information Gain", 1500)
    assert found[1400.5] == ("Compressed Tokens", 350.5)


def test_rows_of_benchmarks_name_datasets_the_lexicon_lacks_too():
    """Half the row labels known benchmarks: the others are benchmarks too, and the
    methods are the columns'."""
    doc = _doc(r"""\begin{table}\caption{Benchmark results comparing BSN and K-FAC.}
\begin{tabular}{lcc}\toprule & BSN & K-FAC \\ \midrule TriviaQA & 0.71 & 0.62 \\
PopQA & 0.75 & 0.55 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.dataset, c.subject) for c in _table_claims(doc)}
    assert found[0.55] == ("PopQA", "K-FAC") and found[0.62] == ("TriviaQA", "K-FAC")


def test_readability_measures_by_their_abbreviations():
    """`TTR` and `FRE` over columns: the metric lexicon's type-token ratio and Flesch
    reading ease."""
    doc = _doc(r"""\begin{table}\caption{Linguistic measures of generated captions.}
\begin{tabular}{lcc}\toprule Method & TTR & FRE \\ \midrule A & 90.5 & 70.5 \\
\bottomrule\end{tabular}\end{table}""")
    assert {c.value: c.metric for c in _table_claims(doc)} == {
        90.5: "type-token ratio", 70.5: "Flesch reading ease"}


def test_greek_letters_in_headers_are_written_out():
    """`$\\Omega$` and `$\\delta$` name what their columns measure."""
    doc = _doc(r"""\begin{table}\caption{Decomposition per method.}
\begin{tabular}{lcc}\toprule Method & $\Omega$ & $\delta$ \\ \midrule A & 0.95 & 6.5 \\
\bottomrule\end{tabular}\end{table}""")
    assert _cells(doc)[0] == ["Method", "Ω", "δ"]
    assert {c.value: c.metric for c in _table_claims(doc)} == {0.95: "Ω", 6.5: "δ"}


def test_a_header_the_caption_abbreviates_takes_the_words_it_spells_out():
    """`CL` over a column whose caption defines `caption length (CL)` measures caption
    length, and is no dataset (caption and a row of Table 6 of the Transform and Tell
    paper, alasdairtran/transform-and-tell)."""
    doc = _doc(r"""\begin{table}\caption{All proper noun and new proper noun precision (P)
\& recall (R) on the GoodNews and NYTimes800k datasets. Linguistic measures on the
generated captions: caption length (CL), type-token ratio (TTR), and Flesch readability
ease (FRE).}
\begin{tabular}{lccc}\toprule & CL & TTR & FRE \\ \midrule
Biten (Avg + CtxIns) & 9.89 & 92.2 & 78.3 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.metric, c.dataset) for c in _table_claims(doc)}
    assert found[9.89] == ("caption length", None)
    assert found[92.2][0] == "type-token ratio"


def test_a_column_of_the_unedited_model_takes_the_model_the_caption_names():
    """`Baseline` over a column of scores, the rows being benchmarks: the model the
    caption names, with its version and size words (`OLMo 2 7B`; caption and rows of
    Table 8 of the loss-curvature memorization paper)."""
    doc = _doc(r"""\begin{table}\caption{Benchmark results for OLMo 2 7B comparing BSN and
K-FAC, with some subsets of larger datasets included to highlight interesting behaviors.}
\begin{tabular}{lccc}\toprule & Baseline & BSN & K-FAC \\ \midrule
TriviaQA & 0.780 & 0.766 & 0.648 \\ GSM8K & 0.675 & 0.610 & 0.447 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.subject for c in _table_claims(doc)}
    assert (found[0.780], found[0.675]) == ("OLMo 2 7B", "OLMo 2 7B")
    assert (found[0.766], found[0.648]) == ("BSN", "K-FAC")


def test_abbreviated_headers_and_a_captions_metric_written_with_an_underscore():
    """`lev. sim.` and `Morph. annot.` spelled out (headers of the EvoMo paper's Table 3
    and of the LiBERTus paper's Table 2); `f1_score` in a caption, as the Don't Patronize
    Me! paper's PDF prints it, is F1."""
    doc = _doc(r"""\begin{table}\caption{Effects of different search methods.}
\begin{tabular}{lcc}\toprule Method & lev. sim. & seq. sim. \\ \midrule
Tree & 0.9599 & 0.9616 \\ \bottomrule\end{tabular}\end{table}
\begin{table}\caption{Final leaderboard results as evaluated on the test set.}
\begin{tabular}{lc}\toprule Lang. & Morph. annot. \\ \midrule chu & 0.941 \\
\bottomrule\end{tabular}\end{table}
\begin{table}\caption{The results are in terms of f1\_score .}
\begin{tabular}{lc}\toprule Approach & Simple \\ \midrule Logistic Regression & 0.34 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.metric for c in _table_claims(doc)}
    assert (found[0.9599], found[0.9616]) == ("Levenshtein similarity", "sequence similarity")
    assert found[0.941] == "morphological annotation"
    assert found[0.34] == "F1"


def test_rows_marked_with_which_way_is_better_are_measures():
    """Rows `Ω↑` and `|ΔR|↓` under benchmark groups of methods measure Ω and |ΔR|, not
    the methods' names; a coined header under a dataset the rows name is a measure
    (rows of Tables 1 and 2 of the PRISM paper)."""
    doc = _doc(r"""\begin{table}\caption{Regularization comparison for Llama-3.1-8B fine-tuned
on TruthfulQA.}
\begin{tabular}{lccc}\toprule & \multicolumn{3}{c}{ARC} \\
& no reg & replay & trace \\ \midrule
$\Omega\uparrow$ & 0.916 & 0.918 & 0.932 \\ $|\Delta R|\downarrow$ & 0.029 & 0.011 & 0.020 \\
\bottomrule\end{tabular}\end{table}
\begin{table}\caption{Geometric decomposition under identity alignment.}
\begin{tabular}{llcc}\toprule Dataset & Method & $\delta$ & $|\Delta R|$ \\ \midrule
MMLU & FP16 & 6.4546 & 0.0017 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.metric, c.dataset) for c in _table_claims(doc)}
    assert found[0.916] == ("Ω", "ARC") and found[0.011] == ("|ΔR|", "ARC")
    assert found[0.0017] == ("|ΔR|", "MMLU")


def test_a_coined_name_the_caption_gives_a_split_of_is_its_dataset():
    """`3800 examples from ImageNette (320px) validation set.`: a name the lexicon lacks,
    with its note and split (caption of the DynamicLRP paper's Table 3)."""
    doc = _doc(r"""\begin{table}\caption{ABPC and attribution efficiency metrics for VGG
experiments. 3800 examples from ImageNette (320px) validation set.}
\begin{tabular}{lc}\toprule Method & Sufficiency \\ \midrule Saliency & 1.85 \\
\bottomrule\end{tabular}\end{table}""")
    (cell,) = _table_claims(doc)
    assert cell.dataset == "ImageNette (320px) validation set"


def test_a_label_column_headed_metric_holds_measures_and_a_corner_header_naming_the_columns_none():
    """`Task | Metric | HN-det | MLP-fixed`: the labels under `Metric` measure the row
    (`R2`), the methods are the columns (rows of Table 1 of the hypernetwork encoding
    paper); `Benchmark` over the methods, beside `HumanEval | MBPP`, names the columns
    (Table 8 of the EvoMo paper), so its labels stay the subjects."""
    doc = _doc(r"""\begin{table}\caption{Per-task benchmark from run-level overall summaries.}
\begin{tabular}{llcc}\toprule Task & Metric & HN-det & MLP-fixed \\ \midrule
Classification & Acc. & 0.823 & 0.668 \\ Regression & R2 & 0.603 & -1.781 \\
\bottomrule\end{tabular}\end{table}
\begin{table}\caption{Comparison to prior works with agentic solution.}
\begin{tabular}{lcc}\toprule Benchmark & HumanEval & MBPP \\ \midrule
ReAct & 63.75 & 66.30 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.metric) for c in _table_claims(doc)}
    assert found[0.603] == ("HN-det", "R2") and found[-1.781] == ("MLP-fixed", "R2")
    assert found[0.823] == ("HN-det", "accuracy")
    assert found[63.75][0] == "ReAct"


def test_a_second_number_in_brackets_is_a_claim_of_its_own():
    """`96.22 (88.95)` under `top-2 (P)`: the bracketed number is the strict reading of
    the same measure, a claim quoting its own offsets (a row of the DynamicLRP paper's
    Table 1); a signed one (`(+1.2)`, `($-$0.175)`) is the change the cell states, an
    improvement in the measure's points, never a level."""
    doc = _doc(r"""\begin{table}\caption{Attribution faithfulness on the SQuADv2 validation set.}
\begin{tabular}{lccc}\toprule Model & top-2 (P) & IoU (P) & Skip-0 ($\Delta$) \\ \midrule
RoBERTa-L & 96.22 (88.95) & 92.70 (+1.2) & 0.290 ($-$0.175) \\ \bottomrule
\end{tabular}\end{table}""")
    found = sorted((c.value, c.kind.value, c.text) for c in _table_claims(doc))
    assert found == [(-0.175, "improvement", "-0.175"), (0.29, "score", "0.290"),
                     (1.2, "improvement", "+1.2"), (88.95, "score", "88.95"),
                     (92.7, "score", "92.70"), (96.22, "score", "96.22")]


def test_a_box_that_captions_its_tabular_as_a_table_is_one():
    """A non-floating box a preamble defines (`tabhere`), holding a tabular with
    `\\captionof{table}` and a label after it, is a table of its own: its caption gives
    the context and its label names it (the layout of a 2026 paper's appendix)."""
    doc = _doc(r"""\begin{tabhere}\begin{tabular}{lc}\toprule Task & Baseline \\ \midrule
HellaSwag & 0.465 \\ \bottomrule\end{tabular}
\captionof{table}{Downstream task accuracy of GPT-2-Medium.}
\label{tab:downstream}\end{tabhere}""")
    (claim,) = _table_claims(doc)
    assert (claim.value, claim.table, claim.metric) == (0.465, "tab:downstream", "accuracy")


def test_a_bracketed_spread_the_caption_announces_is_the_uncertainty():
    """`0.912 (0.004)` where the caption says brackets hold standard errors: one claim,
    the bracketed number its uncertainty, not a second reading."""
    doc = _doc(r"""\begin{table}\caption{Coverage on CIFAR-10. Standard errors in parentheses.}
\begin{tabular}{lc}\toprule Method & Coverage \\ \midrule
CES & 0.912 (0.004) \\ \bottomrule\end{tabular}\end{table}""")
    (claim,) = _table_claims(doc)
    assert (claim.value, claim.uncertainty) == (0.912, 0.004)


def test_a_rankings_cutoff_is_no_dataset_and_the_split_follows_any_spelling():
    """`top-1 (L)` over a column names no dataset, so the caption's `SQuADv2 validation
    set` is the cell's, name and split as the caption writes them (caption and a row of
    the DynamicLRP paper's Table 1)."""
    doc = _doc(r"""\begin{table}\caption{DynamicLRP Attribution faithfulness measured by top
attributed token accuracy with the entire SQuADv2 validation set (5928 examples).}
\begin{tabular}{lcc}\toprule Model & EM & top-1 (L) \\ \midrule
RoBERTa-L & 82.29 & 93.70 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.dataset for c in _table_claims(doc)}
    assert found == {82.29: "SQuADv2 validation set", 93.70: "SQuADv2 validation set"}


def test_a_base_row_is_the_model_the_caption_names():
    """`Base (Few-Shot)` is no method's name: its scores are those of the model the
    caption names (caption and a row of the EvoMo paper's Table 1)."""
    doc = _doc(r"""\begin{table}\caption{Accuracy comparison of our method against prior search
strategies on Coding benchmark. Both solutions and 6 validation tests were generated using
GPT-4o-mini. We run each method for 12 solutions.}
\begin{tabular}{lcc}\toprule Method & \multicolumn{2}{c}{HumanEval} \\ & P@1 & P@K \\
\midrule Base (Few-Shot) & 86.88 & 86.88 \\ Line-Search & 52.50 & 93.10 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.subject for c in _table_claims(doc)}
    assert found[86.88] == "GPT-4o-mini" and found[52.50] == "Line-Search"


def test_rows_of_benchmarks_keep_a_variant_as_written():
    """`MMLU-Pro Math` and `TriviaQA-Open` among rows of benchmarks are parts and variants
    of the datasets the lexicon knows, kept as written (rows of Table 8 of the
    loss-curvature memorization paper)."""
    doc = _doc(r"""\begin{table}\caption{Benchmark results comparing BSN and K-FAC.}
\begin{tabular}{lcc}\toprule & BSN & K-FAC \\ \midrule TriviaQA & 0.766 & 0.648 \\
TriviaQA-Open & 0.708 & 0.720 \\ MMLU-Pro & 0.270 & 0.253 \\ MMLU-Pro Math & 0.226 & 0.158 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.dataset for c in _table_claims(doc)}
    assert (found[0.766], found[0.708]) == ("TriviaQA", "TriviaQA-Open")
    assert (found[0.270], found[0.226]) == ("MMLU-Pro", "MMLU-Pro Math")


def test_columns_of_methods_over_rows_of_lower_case_data():
    """`HN-det | MLP-fixed` over rows `checkerboard`, `circles`: the columns are methods,
    not datasets; the rows, all in lower case, the data they ran on (rows of Table 3
    of the hypernetwork encoding paper)."""
    doc = _doc(r"""\begin{table}\caption{Per-family classification accuracy (run artifact
by-family summary).}
\begin{tabular}{lcc}\toprule Family & HN-det & MLP-fixed \\ \midrule
checkerboard & 0.504 & 0.496 \\ circles & 0.936 & 0.908 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset) for c in _table_claims(doc)}
    assert found[0.504] == ("HN-det", "checkerboard")
    assert found[0.908] == ("MLP-fixed", "circles")


def test_rows_of_languages_under_measures_are_the_papers_method():
    """`Lang.` over `chu | cop`: the rows are settings (languages), the abbreviated
    columns measures, so the scores are the paper's method's (rows of the LiBERTus
    paper's Table 2; its abstract names the method as the paper does)."""
    tex = ("\\documentclass{article}\\begin{document}\\begin{abstract}Throughout this paper, "
           "we will refer to the pretrained model as LiBERTus.\\end{abstract}"
           r"""\section{Results}\begin{table}\caption{Final leaderboard results as evaluated on
the test set.}\begin{tabular}{lcc}\toprule Lang. & POS tag. & Lemma. \\ \midrule
chu & 0.946 & 0.796 \\ cop & 0.426 & 0.463 \\ \bottomrule\end{tabular}\end{table}"""
           "\\end{document}")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    assert {c.subject for c in _table_claims(doc)} == {"LiBERTus"}


def test_a_table_naming_no_dataset_takes_the_one_the_paper_evaluates_on():
    """The paper says it evaluates on one dataset (`... evaluates audio-dependent
    multiple-choice question answering on ADQA-Bench`, the ADQA paper); its table names
    none, so its scores are on it; a step count is an amount of steps, no score (the
    dataset says what a result is on, not that a number is one)."""
    tex = ("\\documentclass{article}\\begin{document}\\begin{abstract}We study data curation."
           "\\end{abstract}\\section{Introduction}DCASE 2026 Task 5 evaluates audio-dependent "
           "multiple-choice question answering on ADQA-Bench~\\cite{dcase}."
           r"""\section{Results}\begin{table}\caption{Main train-only development results.}
\begin{tabular}{lcc}\toprule System & Step & Strict \\ \midrule
Strong only & 3000 & 64.97 \\ \bottomrule\end{tabular}\end{table}\end{document}""")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    found = {c.value: (c.kind, c.dataset, c.metric) for c in _table_claims(doc)}
    assert found[64.97][:2] == (Kind.score, "ADQA-Bench")
    assert found[3000][0] == Kind.quantity and found[3000][2] == "Step"


@pytest.mark.parametrize(("text", "dataset"), [
    ("DCASE 2026 Task 5 evaluates audio-dependent multiple-choice question answering on "
     "ADQA-Bench~.", "ADQA-Bench"),
    ("The dataset used for this SemEval 2022 task was Don't Patronize Me! , which is an "
     "annotated dataset.", "Don't Patronize Me!"),
    ("We evaluate on GSM8K. We also evaluate our models on MATH.", None),  # two: none
    ("We evaluated several alternative improvement directions.", None),
])
def test_the_one_dataset_a_paper_says_it_evaluates_on(text: str, dataset: str | None):
    from claims.claim.rulepack import default_ruleset
    from claims.claim.tabled import paper_dataset

    assert paper_dataset(text, default_ruleset()) == dataset


def test_a_caption_naming_variants_in_plain_words_keeps_the_papers_dataset():
    """`Results on Imbalanced and Oversampled Lemmatized & Stemmed dataset`: variants of
    the paper's one dataset in plain words, no dataset's name (caption of Table 1 of the
    Don't Patronize Me! shared-task paper)."""
    tex = ("\\documentclass{article}\\begin{document}\\begin{abstract}We detect patronizing "
           "language.\\end{abstract}\\section{Data}The dataset used for this SemEval 2022 "
           "task was Don't Patronize Me! \\cite{dpm}, which is an annotated dataset."
           r"""\section{Results}\begin{table}\caption{Results on Imbalanced and Oversampled
Lemmatized \& Stemmed dataset. The results are in terms of f1 score.}
\begin{tabular}{lc}\toprule Approach & Simple \\ \midrule Logistic Regression & 0.34 \\
\bottomrule\end{tabular}\end{table}\end{document}""")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    assert [(c.value, c.dataset, c.metric) for c in _table_claims(doc)] == [
        (0.34, "Don't Patronize Me!", "F1")]


def test_a_leading_column_of_whole_numbers_before_the_labels_keys_the_rows():
    """A `Sample size` column of whole numbers before the `Method` column keys the rows:
    each is the setting its row ran at (a quantity of what the header names, the
    method's beside it), not a label, and the method is the subject of the results
    (synthetic, the structure of a results table that repeats the size of each block)."""
    doc = _doc(r"""\begin{table}\caption{Detection on CIFAR-10.}
\begin{tabular}{rlll}\toprule Sample size & Method & TPR & FPR \\ \midrule
\multicolumn{4}{l}{\textbf{500}} \\
500 & Alpha & 0.30 & 0.10 \\
500 & Beta net & 0.25 & 0.09 \\
\multicolumn{4}{l}{\textbf{1000}} \\
1000 & Alpha & 0.40 & 0.08 \\ \bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    results = [c for c in claims if c.table_column > 1]
    assert sorted(c.value for c in results) == [0.08, 0.09, 0.10, 0.25, 0.30, 0.40]
    assert {c.subject for c in claims} == {"Alpha", "Beta net"}
    assert {c.dataset for c in claims} == {"CIFAR-10"}  # the key `500` names no block
    assert sorted((c.value, c.subject, c.metric, c.kind) for c in claims
                  if c.table_column == 0) == [
        (500, "Alpha", "Sample size", Kind.quantity),
        (500, "Beta net", "Sample size", Kind.quantity),
        (1000, "Alpha", "Sample size", Kind.quantity)]


def test_a_captions_standard_errors_measure_nothing_and_a_lone_acronym_is_a_measure():
    """`standard errors` in a caption saying what brackets hold names no metric, and a
    lone header in capitals (`TPR`) beside a caption naming the one dataset is the
    column's measure, no dataset of its own (synthetic, the structure of an outlier
    detection table)."""
    doc = _doc(r"""\begin{table}\caption{Outlier detection on the CIFAR-10 data set. The numbers
in parenthesis indicate standard errors.}
\begin{tabular}{lll}\toprule Method & TPR & Width \\ \midrule
Alpha & 0.296 (0.008) & 18.74 (0.12) \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.dataset, c.metric, c.uncertainty) for c in _table_claims(doc)}
    assert found == {0.296: ("CIFAR-10", "true positive rate", 0.008),  # `TPR`, spelled
                     18.74: ("CIFAR-10", "Width", 0.12)}             # out by the lexicon


def test_a_second_block_heads_its_columns_again_under_a_title_spanning_the_table():
    """Two blocks of one table, each under a title row spanning the table and its own
    `Model | ...` header row: a cell's headers are its block's; the title is a topic, no
    dataset or measure, so a coined benchmark under it is the dataset (synthetic, the
    structure of a table of reasoning and coding benchmarks)."""
    doc = _doc(r"""\begin{table}\caption{Results on two kinds of benchmarks.}
\begin{tabular}{lcc}\toprule
\multicolumn{3}{c}{\textbf{Mathematical Reasoning}} \\ \midrule
\textbf{Model} & \textbf{GSM8K} & \textbf{AIME24} \\ \midrule
Alpha-7B & 85.00 & 6.30 \\ \midrule
\multicolumn{3}{c}{\textbf{Code Generation}} \\ \midrule
\textbf{Model} & \textbf{MBPP} & \textbf{LiveCodeBench} \\ \midrule
Alpha-7B & 61.20 & 10.80 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset) for c in _table_claims(doc)}
    assert found == {85.0: ("Alpha-7B", "GSM8K"), 6.3: ("Alpha-7B", "AIME24"),
                     61.2: ("Alpha-7B", "MBPP"), 10.8: ("Alpha-7B", "LiveCodeBench")}
    # a benchmark the lexicon gives no usual metric takes the one its block's others share
    metrics = {c.value: c.metric for c in _table_claims(doc)}
    assert metrics == {85.0: "accuracy", 6.3: "accuracy", 61.2: "pass@1", 10.8: "pass@1"}


def test_benchmarks_in_small_capitals_and_a_variant_broken_over_two_lines():
    """Headers naming benchmarks in lower case (`\\textsc{gsm8k}`, as small capitals
    print them; `math` is the entry named MATH) are the lexicon's datasets, so a corner
    `Dataset` names the training data
    of the rows, no benchmark; `MMLU-\\\\STEM` stacked on two lines is one word, a variant
    of MMLU kept as written, with MMLU's usual metric (synthetic, the structure of a
    table of pretraining data mixtures)."""
    doc = _doc(r"""\begin{table}\caption{Models trained on raw and synthetic data.}
\begin{tabular}{lccc}\toprule
\textbf{Dataset} & \textbf{\textsc{gsm8k}} & \textbf{\textsc{math}}
 & \textbf{\shortstack{MMLU-\\STEM}} \\ \midrule
raw-4B & 12.96 & 4.92 & 39.39 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset, c.metric) for c in _table_claims(doc)}
    assert found == {12.96: ("raw-4B", "GSM8K", "accuracy"),
                     4.92: ("raw-4B", "MATH", "accuracy"),  # the entry named MATH, alone
                     39.39: ("raw-4B", "MMLU-STEM", "accuracy")}


def test_parts_of_a_benchmark_beside_their_aggregate_column_are_datasets():
    """`ALFWorld` over `Pick | Look | All`: a column summing the parts up makes the
    others parts of the benchmark (`ALFWorld (Pick)`), the aggregate the benchmark;
    `WebShop` over two measures stays `WebShop`; a `Base` row is the model of the block
    row above it. Header and rows of the ProxMO paper's Table 1 (jasonchen505/ProxMO-RL,
    Apache-2.0), columns shortened."""
    doc = _doc(r"""\begin{table*}[t]\caption{Comparison of benchmark results on unseen test
instances (averaged over 3 random seeds) across Qwen2.5-1.5B-Instruct and
Qwen2.5-7B-Instruct.}
\begin{tabular}{lccc|c|c}
\toprule
\multirow{2}{*}[-3pt]{\textbf{Method}} & \multicolumn{3}{c}{\textbf{ALFWorld}}
 & \multicolumn{2}{c}{\textbf{WebShop}} \\
\cmidrule(lr){2-4} \cmidrule(lr){5-6}
& Pick & Look & \textbf{All} & Score & \textbf{Succ.} \\
\midrule
\multicolumn{6}{c}{\textit{\textbf{Qwen2.5-1.5B-Instruct}}} \\
\midrule
Base & 5.9 & 5.5 & 4.1 & 25.1 & 6.3 \\
ReAct & 17.4 & 20.5 & 12.8 & 42.1 & 14.3 \\
\bottomrule\end{tabular}\end{table*}""")
    found = {c.value: c.dataset for c in _table_claims(doc) if c.subject == "ReAct"}
    assert found == {17.4: "ALFWorld (Pick)", 20.5: "ALFWorld (Look)", 12.8: "ALFWorld",
                     42.1: "WebShop", 14.3: "WebShop"}
    assert {c.subject for c in _table_claims(doc)} == {"ReAct", "Qwen2.5-1.5B-Instruct"}
    # the parts and their aggregate (`All`: no measure of its own) take ALFWorld's usual
    # metric; WebShop's two measures are the headers' words
    metrics = {c.value: c.metric for c in _table_claims(doc) if c.subject == "ReAct"}
    assert metrics == {17.4: "success rate", 20.5: "success rate", 12.8: "success rate",
                       42.1: "Score", 14.3: "Succ."}


def test_rows_of_benchmarks_under_models_printed_over_two_lines():
    """A corner `Benchmark (Metric)` over `BBH (EM)`: each label's name is the dataset,
    its bracket the metric; the columns' models, printed over two lines (`DeepSeek` over
    `67B`), are one name and the subject. Cells of the DeepSeek-V2 report's Table 2
    (deepseek-ai/DeepSeek-V2, MIT), laid out as its PDF prints them, columns shortened."""
    doc = _doc(r"""\begin{table}\caption{Comparison among DeepSeek-V2 and other representative
open-source models.}
\begin{tabular}{llllll}
 & & & DeepSeek & Mixtral & \\
 & Benchmark (Metric) & \# Shots & & & DeepSeek-V2 \\
 & & & 67B & 8x22B & \\
English & BBH (EM) & 3-shot & 68.7 & 78.9 & 78.9 \\
 & MMLU (Acc.) & 5-shot & 71.3 & 77.6 & 78.5 \\
\end{tabular}\end{table}""")
    found = {(c.table_row, c.table_column): (c.subject, c.dataset, c.metric)
             for c in _table_claims(doc)}
    assert found[(3, 3)] == ("DeepSeek 67B", "BIG-bench Hard", "exact match")
    assert found[(3, 4)][0] == "Mixtral 8x22B"
    assert found[(4, 5)] == ("DeepSeek-V2", "MMLU", "accuracy")
    assert len(found) == 6


def test_a_labelled_row_under_a_corner_header_is_no_header():
    """Under `Benchmark | DeepSeek 7B | DeepSeekMoE 16B`, the `Architecture` row is a
    row of the body (words of a configuration), not a second header level: the models
    stay the subjects. Cells of the DeepSeek-V2 report's Table 6 (deepseek-ai/DeepSeek-V2,
    MIT)."""
    doc = _doc(r"""\begin{table}\caption{Performance of DeepSeek-V2-Lite, DeepSeekMoE 16B, and
DeepSeek 7B.}
\begin{tabular}{lll}
Benchmark & DeepSeek 7B & DeepSeekMoE 16B \\
Architecture & MHA+Dense & MHA+MoE \\
MMLU & 48.2 & 45.0 \\
BBH & 39.5 & 38.9 \\
\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset) for c in _table_claims(doc)}
    assert found[48.2] == ("DeepSeek 7B", "MMLU")
    assert found[38.9][0] == "DeepSeekMoE 16B"


def test_labels_bracketing_a_metric_after_a_name_are_datasets_and_metrics():
    """Labels `HellaSwag (Acc.)`, `RACE-high (Acc.)` under a corner `Metric`: the name is
    the dataset, the bracketed lexicon metric the measure, the columns' models the
    subjects. Cells of the DeepSeekMoE report's Table 3 (deepseek-ai/DeepSeek-MoE, MIT)."""
    doc = _doc(r"""\begin{table}\caption{Comparison between DeepSeek 7B and DeepSeekMoE 16B.}
\begin{tabular}{llll}
Metric & \# Shot & DeepSeek 7B (Dense) & DeepSeekMoE 16B \\
HellaSwag (Acc.) & 0-shot & 75.4 & 77.1 \\
RACE-high (Acc.) & 5-shot & 46.5 & 46.4 \\
TriviaQA (EM) & 5-shot & 59.7 & 64.8 \\
\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset, c.metric) for c in _table_claims(doc)}
    assert found[46.4] == ("DeepSeekMoE 16B", "RACE-high", "accuracy")
    assert found[59.7][1:] == ("TriviaQA", "exact match")
    assert found[75.4][0].startswith("DeepSeek 7B")


def test_the_captions_benchmark_over_parts_beside_their_mean():
    """`python | java | javascript | Mean` under a caption naming one benchmark: the
    columns beside their mean are parts of it (`FIM-Tasks (python)`), the mean the
    benchmark. Cells of the DeepSeek-Coder-V2 report's Table 6
    (deepseek-ai/DeepSeek-Coder-V2, MIT)."""
    doc = _doc(r"""\begin{table}\caption{Performance of different approaches on the FIM-Tasks.}
\begin{tabular}{lllllll}
Model & \#TP & \#AP & python & java & javascript & Mean \\
StarCoder & 16B & 16B & 71.5\% & 82.3\% & 83.0\% & 80.2\% \\
\end{tabular}\end{table}""")
    found = {c.value: c.dataset for c in _table_claims(doc) if c.unit == "%"}
    assert found == {71.5: "FIM-Tasks (python)", 82.3: "FIM-Tasks (java)",
                     83.0: "FIM-Tasks (javascript)", 80.2: "FIM-Tasks"}


def test_sizes_in_rows_whose_labels_say_what_they_count():
    """`236B` beside `# Total Params`, `5.7T` beside `# Training Tokens`: sizes whose
    row label names what they count, claims of that, measuring what the label says.
    Cells of the DeepSeek-V2 report's Table 6 (deepseek-ai/DeepSeek-V2, MIT)."""
    doc = _doc(r"""\begin{table}\caption{Performance of DeepSeek-V2-Lite, DeepSeekMoE 16B, and
DeepSeek 7B.}
\begin{tabular}{lll}
Benchmark & DeepSeek 7B & DeepSeek-V2-Lite \\
\# Total Params & 6.9B & 15.7B \\
\# Training Tokens & 2T & 5.7T \\
MMLU & 48.2 & 58.3 \\
\end{tabular}\end{table}""")
    found = {c.text: (c.kind.value, c.value, c.unit, c.metric, c.subject)
             for c in _table_claims(doc)}
    assert found["15.7B"] == ("model_size", 15.7e9, "params", "Total parameters",
                              "DeepSeek-V2-Lite")
    assert found["2T"][1:3] == (2e12, "tokens")
    assert found["48.2"][0] == "score"


def test_rows_of_settings_in_lower_case_and_headers_the_caption_defines():
    """`easy | hard` rows under a model: plain lower-case words are settings, the row's
    subject its model; `flags = mean judge fabrication-probability` in the caption names
    the column's measure (a formula, `gap = buys - (1 - flags)`, defines none). The
    agora paper's tab:gap (liv-daliberti/tokenomics, MIT), two rows."""
    doc = _doc(r"""\begin{table}
  \begin{tabular}{llccc}
    \toprule
    \textbf{Player} & \textbf{Diff.} & \textbf{flags} & \textbf{buys} & \textbf{gap} \\
    \midrule
    GPT-5.4       & easy & 0.88 & 0.85 & 0.73 \\
    GPT-5.4       & hard & 0.81 & 0.89 & 0.70 \\
    \bottomrule
  \end{tabular}
  \caption{The knowing--doing gap on the liar's fabricated offers (pilot, 2
    seeds/cell). \textbf{flags} = mean judge fabrication-probability; \textbf{buys}
    = in-game accept-rate; \textbf{gap} = buys $-$ (1 $-$ flags).}
  \label{tab:gap}
\end{table}""")
    found = {c.value: (c.subject, c.metric) for c in _table_claims(doc)}
    assert found[0.88] == ("GPT-5.4", "mean judge fabrication-probability")
    assert found[0.89] == ("GPT-5.4", "in-game accept-rate")
    assert found[0.70][0] == "GPT-5.4"
    assert "buys" not in (found[0.70][1] or "")


def test_a_one_letter_header_is_no_unit_unless_it_names_one():
    """`t` over a column of t-statistics is no tonne; `s` over seconds stays a unit."""
    doc = _doc(r"""\begin{table}\caption{Two-sided t-tests between models.}
\begin{tabular}{lll}\toprule
Author & t & s \\ \midrule
Austen & 12.3 & 4.5 \\
\bottomrule\end{tabular}\end{table}""")
    units = {c.table_column: c.unit for c in _table_claims(doc)}
    assert units[1] == "" and units[2] == "s"


def test_rows_of_benchmarks_and_measures_under_models_columns():
    """Rows naming what is measured (`MMLU`, `Context Length`, `# Total Params`, and
    `AGIEval` beside them) under columns naming models: the column's model is the
    subject (not the category label `English`) and no measure (MMLU's usual metric).
    Cells of the DeepSeek-V2 report's Table 6 (deepseek-ai/DeepSeek-V2, MIT), laid out
    as its PDF prints them, rows shortened."""
    doc = _doc(r"""\begin{table}\caption{Performance of DeepSeek-V2-Lite, DeepSeekMoE 16B,
and DeepSeek 7B.}
\begin{tabular}{lllll}
 & Benchmark & DeepSeek 7B & DeepSeekMoE 16B & DeepSeek-V2-Lite \\
 & Architecture & MHA+Dense & MHA+MoE & MLA+MoE \\
 & Context Length & 4K & 4K & 32K \\
 & \# Total Params & 6.9B & 16.4B & 15.7B \\
 & MMLU & 48.2 & 45.0 & 58.3 \\
English & AGIEval & 26.4 & 17.4 & 33.2 \\
\end{tabular}\end{table}""")
    found = {c.text: (c.subject, c.metric) for c in _table_claims(doc)}
    assert found["48.2"] == ("DeepSeek 7B", "accuracy")
    assert found["58.3"] == ("DeepSeek-V2-Lite", "accuracy")
    assert found["16.4B"] == ("DeepSeekMoE 16B", "Total parameters")
    assert found["17.4"][0] == "DeepSeekMoE 16B"
    assert found["17.4"][1] != "DeepSeekMoE 16B"


def test_a_size_read_by_its_row_label_measures_what_the_label_says():
    """A magnitude alone (`100B`, `2.9T`) read with its row label's noun measures what
    the label says (`# Training Tokens`, `FLOPs per 2K Tokens`), not the column's own
    words (`Dense`). Cells of the DeepSeekMoE paper's Table 1 (deepseek-ai/DeepSeek-MoE,
    MIT), laid out as its PDF prints them, the `# Shot` column and others left out."""
    doc = _doc(r"""\begin{table}\caption{Evaluation results for validation experiments.}
\begin{tabular}{llll}
Metric & Dense & Hash Layer & Switch \\
\# Total Params & 0.2B & 2.0B & 2.0B \\
FLOPs per 2K Tokens & 2.9T & 2.9T & 2.9T \\
\# Training Tokens & 100B & 100B & 100B \\
HellaSwag (Acc.) & 38.8 & 46.2 & 49.1 \\
\end{tabular}\end{table}""")
    metrics = {(c.table_row, c.table_column): c.metric for c in _table_claims(doc)}
    assert metrics[(3, 1)] == "Training Tokens"
    assert metrics[(2, 2)] == "FLOPs per 2K Tokens"
    assert metrics[(4, 3)] == "accuracy"


def test_the_metric_a_paper_says_it_reports_per_benchmark():
    """`we report the maj@8 accuracy` in a clause naming GSM8K is GSM8K's metric, and
    the one of a clause about the other benchmarks is theirs, before a benchmark's usual
    metric (MBPP: pass@1); a header naming its own measure keeps it (synthetic text and
    table, numbers made up)."""
    doc = _doc(r"""For GSM8K we report the maj@8 accuracy; for the other benchmarks we
report the avg@4 accuracy.
\begin{table}\caption{Results.}
\begin{tabular}{lccc}\toprule
Model & GSM8K & MBPP & Length \\ \midrule
Alpha-7B & 81.5 & 60.25 & 1234.5 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.dataset, c.metric) for c in _table_claims(doc)}
    assert found[81.5] == ("GSM8K", "maj@8 accuracy")
    assert found[60.25] == ("MBPP", "avg@4 accuracy")
    assert found[1234.5][1] == "Length"


def test_the_captions_benchmark_with_the_rows_dataset_and_setting():
    """`Results on POPE` beside rows under `Dataset` and `Setting` columns: each cell's
    dataset is the caption's benchmark with the row's dataset and setting, `POPE (MSCOCO,
    Popular)`; the one label of the `Dataset` column, printed beside a middle row, labels
    every row; a spread in a cell of its own (`(±0.35)`, printed under its value) keeps
    its row a row of results. Cells of Table 1 of "Reducing Hallucinations of LVLMs"
    (3th4novo/Reducing-Hallucinations-of-LVLMs, MIT), laid out as its PDF prints them,
    rows and columns shortened."""
    doc = _doc(r"""\begin{table}\caption{Results on POPE. Regular decoding denotes direct
sampling, whereas VCD refers to sampling from our proposed contrastive distribution pvcd.}
\begin{tabular}{llllllll}
Dataset & Setting & Model & Decoding & \multicolumn{2}{l}{Accuracy$\uparrow$}
 & \multicolumn{2}{l}{Precision} \\
 & Random & LLaVA1.5 & Regular & 83.29 & (±0.35) & 92.13 & (±0.54) \\
 & & & VCD & 87.73 & (±0.40) & 91.42 & (±0.55) \\
MSCOCO & Popular & LLaVA1.5 & Regular & 81.88 & (±0.48) & 88.93 & (±0.60) \\
 & & & VCD & 85.38 & (±0.38) & 86.92 & (±0.53) \\
\end{tabular}\end{table}""")
    found = {c.value: (c.dataset, c.metric) for c in _table_claims(doc) if c.value > 1}
    assert found[83.29] == ("POPE (MSCOCO, Random)", "accuracy")
    assert found[91.42] == ("POPE (MSCOCO, Random)", "Precision")
    assert found[81.88] == ("POPE (MSCOCO, Popular)", "accuracy")
    assert len(found) == 8


def test_a_method_scored_in_a_metric_heads_a_column_over_rows_of_modes():
    """`HN-det R\\textsuperscript{2}` over rows under a `Mode` column (settings): the
    superscript is a power (`R^2`, the lexicon's metric) and the name before it the
    method, the subject of the column's cells. Rows of the encoding-mode table of
    polceanum/hyperdiffusion (Apache-2.0), columns shortened."""
    doc = _doc(r"""\begin{table}[ht]
\centering
\begin{tabular}{lcc}
\toprule
Mode & HN-det R\textsuperscript{2} & MLP-fixed R\textsuperscript{2} \\
\midrule
  Support & 0.970 $\pm$ 0.004 & 0.818 $\pm$ 0.032 \\
  Text (DistilBERT) & 0.817 $\pm$ 0.048 & 0.817 $\pm$ 0.035 \\
\bottomrule
\end{tabular}
\caption{Encoding-mode ablation on control tasks (DistilBERT embeddings, 1000 steps,
3 seeds; mean$\pm$std).}
\end{table}""")
    found = {(c.table_row, c.table_column): (c.subject, c.metric, c.uncertainty)
             for c in _table_claims(doc)}
    assert found[(1, 1)] == ("HN-det", "R^2", 0.004)
    assert found[(2, 2)] == ("MLP-fixed", "R^2", 0.035)


def test_an_aggregate_header_names_no_method():
    """`Avg-All` (mixed case, like a coined name) sums the columns up: it names no method
    and no dataset, so the row's subject is the same under it as under a benchmark
    (synthetic, the shape of a table of conversation styles, numbers made up)."""
    doc = _doc(r"""\begin{table}\caption{Models trained on synthetic dialogues.}
\begin{tabular}{llcc}\toprule
 & Style & GSM8K & Avg-All \\ \midrule
Alpha-4B & Raw & 9.5 & 25.0 \\
Beta-4B & two students & 20.5 & 30.1 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset) for c in _table_claims(doc)}
    assert found[30.1] == ("Beta-4B", None)  # nor a dataset of its own
    assert found[20.5] == ("Beta-4B", "GSM8K")


def test_spreads_in_points_and_an_approximate_cell_are_numbers():
    """papers5 interscale (Table 2): `80.0% ±0.0 pp` is a number with its spread in points
    and `∼100%` about 100, so their rows are results, not more header rows."""
    doc = _doc(r"""
\begin{table}\caption{Pass rate by strategy and budget.}\label{tab:budget}
\begin{tabular}{lll}\toprule
Budget B & S (best-of-N) & L (single-agent loop) \\ \midrule
1K & 80.0\% ±0.0 pp & 57.8\% ±3.1 pp \\
Ceiling & 86.7\% & ∼100\% \\ \bottomrule
\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert (_at(claims, 1, 1).value, _at(claims, 1, 1).uncertainty) == (80.0, 0.0)
    assert (_at(claims, 1, 2).value, _at(claims, 1, 2).uncertainty) == (57.8, 3.1)
    assert _at(claims, 2, 2).value == 100


def test_a_header_in_percent_names_no_method():
    """papers5 subleq (`tab:data_scaling`): rows keyed by data sizes name no method, and
    the column `Full%` is a measure, not the subject of its cells."""
    doc = _doc(r"""
\begin{table}\caption{Data scaling results.}\label{tab:data}
\begin{tabular}{rrr}\toprule
Data size & Full\% & Changed\% \\ \midrule
500 & 8.2 & 14.7 \\
1{,}000 & 13.4 & 19.3 \\ \bottomrule
\end{tabular}\end{table}""")
    scores = [c for c in _table_claims(doc) if c.value in (8.2, 14.7, 13.4, 19.3)]
    assert len(scores) == 4 and {c.subject for c in scores} == {None}


def test_a_rate_with_its_fraction_is_a_cell_and_its_count_another():
    """`0.7070 (707/1000)`: a number with the fraction it was computed from is a body
    cell (the table's rows are not headers), its count a reading of its own."""
    doc = _doc(r"""\begin{table}\caption{Base versus adapter on 1,000 held-out prompts.}
\begin{tabular}{lccc}\toprule Metric & Base & Adapter & $\Delta$ \\ \midrule
Valid JSON rate & 0.9160 (916/1000) & 1.0000 (1000/1000) & +0.0840 \\
Argument exact match & 0.7070 (707/1000) & 0.8760 (876/1000) & +0.1690 \\
\bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    base = sorted(c.value for c in claims if (c.table_row, c.table_column) == (2, 1))
    assert base == [0.707, 707]
    assert _at([c for c in claims if c.value == 0.876], 2, 2).subject == "Adapter"


def test_rows_under_a_metric_column_past_an_empty_margin_name_their_measure():
    """A grid with an empty first column (a PDF table's left margin) still has its row
    labels; under a `Metric` header they name each row's measure, over column headers
    that name the models compared (`Base`, `v2`)."""
    doc = _doc(r"""\begin{table}\caption{Base versus v2 adapter on both evaluation slices.}
\begin{tabular}{llccc}\toprule & Metric & Base & v2 & $\Delta$ \\ \midrule
 & Valid JSON rate & 0.9160 & 0.9970 & +0.0810 \\
 & Argument F1 & 0.7569 & 0.9211 & +0.1642 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.metric for c in _table_claims(doc)}
    assert found[0.916] == "Valid JSON rate" and found[0.9211].endswith("F1")


def test_a_column_of_run_ids_names_neither_subject_nor_dataset():
    """`Run | Backbone | Opt.`: the labels under `Run` name runs (`EXP-004`, which the
    caption also writes), so they are no dataset; the subject is the label under
    `Backbone`, not the setting after it (`SGD`)."""
    doc = _doc(r"""\begin{table}\caption{Cross-run results on the EXP-004 proxy.}
\begin{tabular}{lllrr}\toprule Run & Backbone & Opt. & Train AUROC & Test AUROC \\
\midrule EXP-001 & DINOv2 ViT-B/14 & SGD & 0.953 & 0.920 \\
EXP-004 & OpenAI CLIP B/16 & Adam & 0.986 & 0.286 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.dataset) for c in _table_claims(doc)}
    assert found[0.92] == ("DINOv2 ViT-B/14", None)
    assert found[0.286] == found[0.986] == ("OpenAI CLIP B/16", None)


def test_columns_of_settings_measure_what_the_caption_opens_with():
    """`Layer 4 | Layer 8` are settings of a run, no measure: the cells measure what the
    caption opens with, up to its bracket."""
    doc = _doc(r"""\begin{table}\caption{Average pairwise cosine similarity (\%) between
latent activations of distinct tokens.}
\begin{tabular}{lcc}\toprule Method & Layer 4 & Layer 8 \\ \midrule
Baseline & 71.18 & 80.95 \\ CosReg & 12.16 & 3.60 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.metric) for c in _table_claims(doc)}
    assert found[12.16] == ("CosReg", "Average pairwise cosine similarity")
    assert found[80.95][1] == "Average pairwise cosine similarity"


def test_settings_under_a_measure_are_no_subject():
    """`N=800 | N=3200` under `Certified tolerance (median)`: the settings are no method and the
    measure above them is the metric, not the subject."""
    doc = _doc(r"""\begin{table}\caption{Scaling with the sample size.}
\begin{tabular}{lcc}\toprule & \multicolumn{2}{c}{Certified tolerance (median)} \\
\cmidrule(lr){2-3} & N=800 & N=3200 \\ \midrule
 & 0.0072 & 0.0036 \\ \bottomrule\end{tabular}\end{table}""")
    found = {c.value: (c.subject, c.metric) for c in _table_claims(doc)}
    assert found[0.0072] == (None, "Certified tolerance") and found[0.0036][0] is None


def test_a_run_column_of_names_names_the_subject():
    """Labels under `Run` that are names of what was run, not ids (`Strong + empty 5%`),
    are the rows' subjects."""
    doc = _doc(r"""\begin{table}\caption{Runs on the development set.}
\begin{tabular}{lrr}\toprule Run & Strict & Judge \\ \midrule
Strong + empty 5\% & 66.02 & 67.27 \\ SimPO continuation, 500 & 65.65 & 66.96 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value: c.subject for c in _table_claims(doc)}
    assert found[66.02] == "Strong + empty 5%" and found[66.96] == "SimPO continuation, 500"


def test_a_row_of_horizons_beside_a_corner_spanning_two_rows_is_a_header_level():
    """`3m | 6m` beside `\\multirow{2}{*}{Method}` heads its columns (horizons, as a
    forecasting paper's baseline table writes them), so it gives no claims and each
    result stands under its horizon; bare numbers beside a label spanning two rows are
    results (synthetic)."""
    doc = _doc(r"""\begin{table}\caption{Forecasts on the test set.}
\begin{tabular}{lcccc}\toprule
\multirow{2}{*}{Method} & \multicolumn{2}{c}{R$^2$ $\uparrow$}
 & \multicolumn{2}{c}{MSE $\downarrow$} \\
\cmidrule(lr){2-3} \cmidrule(lr){4-5}
& 3m & 6m & 3m & 6m \\ \midrule
ARIMA & 0.032 & 0.035 & 1.285 & 1.195 \\
GSSM & 0.097 & 0.088 & 1.052 & 0.895 \\ \bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert sorted(c.value for c in claims) == [0.032, 0.035, 0.088, 0.097,
                                               0.895, 1.052, 1.195, 1.285]
    assert {c.subject for c in claims} == {"ARIMA", "GSSM"}
    doc = _doc(r"""\begin{table}\caption{Accuracy with two encoders.}
\begin{tabular}{lcc}\toprule
 & \multicolumn{2}{c}{Encoder} \\ \cmidrule(lr){2-3}
\multirow{2}{*}{Average accuracy} & Small & Large \\
 & 65.8 & 66.2 \\ \bottomrule\end{tabular}\end{table}""")
    assert sorted(c.value for c in _table_claims(doc)) == [65.8, 66.2]


def test_a_column_of_citations_labels_nothing():
    """A `Citation` column (blank where `\\cite` stood, `This work` beside the paper's
    row) holds no labels: each row's method is its own, and the one label of the
    column labels no other row (synthetic, the layout of a forecasting paper's
    baseline table)."""
    doc = _doc(r"""\begin{table}\caption{Baselines on the test set.}
\begin{tabular}{llcc}\toprule
\multirow{2}{*}{Method} & \multirow{2}{*}{Citation} & \multicolumn{2}{c}{MSE} \\
\cmidrule(lr){3-4}
& & 3m & 6m \\ \midrule
ARIMA & \cite{box} & 1.285 & 1.195 \\
LSTM & \cite{lstm} & 1.235 & 1.165 \\
GRU & \cite{gru} & 1.225 & 1.155 \\
GSSM & This work & 1.052 & 0.895 \\ \midrule
Rel. Gain & & -10.5 & -20.4 \\ \bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert {c.value: c.subject for c in claims if c.table_row < 6} == {
        1.285: "ARIMA", 1.195: "ARIMA", 1.235: "LSTM", 1.165: "LSTM",
        1.225: "GRU", 1.155: "GRU", 1.052: "GSSM", 0.895: "GSSM"}
    assert not {c.dataset for c in claims} - {None}


def test_columns_of_measures_in_plain_words_name_no_subject():
    """Rows keyed by a count (`N`) under headers in plain words (`proxy S`, `unsafe
    rate`) name no method: no subject (the guidelines' name or null), the count is each
    row's setting (synthetic, the layout of a selection audit's table)."""
    doc = _doc(r"""\begin{table}\caption{Expanded tail to N = 256.}
\begin{tabular}{rrrr}\toprule N & proxy S & real R & unsafe rate \\ \midrule
1 & 9.283 & 7.888 & 0.780 \\
2 & 9.351 & 7.791 & 0.810 \\ \bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert {c.subject for c in claims} == {None}
    assert sorted(c.value for c in claims if c.table_column == 0) == [1, 2]


def test_a_header_marked_with_which_way_is_better_names_its_columns_metric():
    """`CRPSS $\\uparrow$` measures its column, though the lexicon lacks it and the
    caption speaks of another measure (`absolute coverage error`): the caption's metric
    is no column's whose header is marked (synthetic, after a forecasting paper's
    headline table)."""
    doc = _doc(r"""\begin{table}\caption{Headline results. $|\text{cE}|$ is absolute coverage
error at the 50\% interval level.}
\begin{tabular}{lrr}\toprule Variant & CRPSS $\uparrow$ & rel-CRPS $\downarrow$ \\ \midrule
Treeffuser-FM & 0.680 & 1.117 \\
NGBoost & 0.601 & 1.550 \\ \bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert {(c.value, c.metric, c.better) for c in claims} == {
        (0.680, "CRPSS", "higher"), (0.601, "CRPSS", "higher"),
        (1.117, "rel-CRPS", "lower"), (1.550, "rel-CRPS", "lower")}


def test_a_label_that_orders_two_stages_names_no_subject():
    """`Uniform | I→M`: the order a run's two stages went in is a setting of the row; the
    schedule beside it is what the row is about (papers10, loraplace-pdf)."""
    claims = _table_claims(_doc(r"""
\begin{table}
\caption{Accuracy after sequential fine-tuning.}
\label{tab:order}
\begin{tabular}{llcc}
\toprule
Schedule & Order & IFEval & GSM8K \\
\midrule
Uniform & I$\rightarrow$M & 71.2 & 80.4 \\
Early-heavy & M$\rightarrow$I & 69.8 & 81.0 \\
\bottomrule
\end{tabular}
\end{table}
"""))
    assert {(c.value, c.subject) for c in claims} == {
        (71.2, "Uniform"), (80.4, "Uniform"), (69.8, "Early-heavy"), (81.0, "Early-heavy")}


def test_a_caption_saying_what_each_cell_shows_gives_the_cells_metric():
    """Ratios (`1.07×`) under columns of the run's phases (`Phase 1`, settings, not
    measures) gave nothing; the caption says what every cell holds, so each is a level
    of that (the ParetoBandit paper's budget table, its first two rows)."""
    doc = _doc(r"""\begin{table}\caption{Budget compliance under cost drift (20~seeds).
Each cell shows realised cost as a multiple of the ceiling ($1.00{\times}$ = at ceiling);
95\% bootstrap CIs are reported inline for key claims in the text.}
\begin{tabular}{@{}llccc@{}}\toprule
\textbf{Budget} & \textbf{Condition} & \textbf{Phase~1} & \textbf{Phase~2} & \textbf{Phase~3} \\
\midrule
\multirow{2}{*}{Tight} & Naive Bandit & $\mathbf{1.07\times}$ & $0.89\times$ & $1.09\times$ \\
 & Recalibrated & $\mathbf{1.07\times}$ & $\mathbf{0.99\times}$ & $1.44\times$ \\
\bottomrule\end{tabular}\end{table}""")
    claims = _table_claims(doc)
    assert [(c.value, c.unit, c.subject, c.marker) for c in claims[:3]] == [
        (1.07, "x", "Naive Bandit", "best"), (0.89, "x", "Naive Bandit", None),
        (1.09, "x", "Naive Bandit", None)]
    assert {c.metric for c in claims} == {"realised cost as a multiple of the ceiling"}
    assert len(claims) == 6


def test_cells_in_e_notation_are_read():
    """`3.68e-08` (an MSE, from the FedSafe paper's attack table) gave no claim."""
    doc = _doc(r"""\begin{table}\caption{DLG gradient-inversion attack.}
\begin{tabular}{lcc}\toprule Protection & MSE & SSIM \\ \midrule
None (raw gradients) & 3.68e-08 & 1.0000 \\ DP-SGD & 3.88e-01 & 0.0004 \\
\bottomrule\end{tabular}\end{table}""")
    found = {c.value for c in _table_claims(doc)}
    assert {3.68e-08, 0.388} <= found


def test_a_phantom_minus_is_invisible_space_not_a_sign():
    r"""`$\phantom{-}0.017$` aligns an unsigned number with signed ones (papers17,
    critfid): the cell holds 0.017, and its neighbour `$-0.017$` a minus."""
    doc = _doc(r"""\begin{center}
{\captionof{table}{Strict-prompt deltas relative to the standard prompt.}}
\begin{tabular}{llcc}\toprule Task & Model & $\Delta$GCF & $\Delta$Gap \\ \midrule
QA-Key & Qwen-14B & $\phantom{-}0.017$ & $-0.017$ \\
BioRubric & Qwen-14B & $\hphantom{-}0.172$ & $-0.092$ \\
\bottomrule\end{tabular}\end{center}""")
    values = sorted(c.value for c in _table_claims(doc))
    assert values == [-0.092, -0.017, 0.017, 0.172]


def test_parts_of_a_cell_the_caption_names_with_an_interval_each():
    """`0.764 [0.757, 0.770] / 0.814` in a table captioned `(test AUROC [95% CI] / test
    AUPRC)` (papers17, inhibattn): an AUROC with both bounds of its interval, and an
    AUPRC, each a cell of its own."""
    doc = _doc(r"""\begin{table}\caption{Structured prediction results (test AUROC [95\% CI] /
test AUPRC). 40 epochs.}
\begin{tabular}{@{}p{1.8cm}p{2.5cm}p{2.5cm}@{}}\toprule
Task & Standard Transformer & Differential Transformer \\ \midrule
Anemia & 0.764 [0.757, 0.770] / 0.814 & \textbf{0.824 [0.818, 0.830] / 0.852} \\
\bottomrule\end{tabular}\end{table}""")
    cell = {(c.value, c.metric) for c in _table_claims(doc) if (c.table_row, c.table_column)
            == (1, 1)}
    assert cell == {(0.764, "AUC"), (0.757, "AUC (95% CI lower bound)"),
                    (0.77, "AUC (95% CI upper bound)"), (0.814, "AUPRC")}
    assert {c.marker for c in _table_claims(doc) if c.table_column == 2} == {"best"}


def test_a_header_row_of_bounds_its_corner_compares_to_heads_the_columns():
    """`$d \\le$ & 20 & 30 & 40 & 50` above the rule (papers17, kore): the cutoffs the
    columns are measured at, not a row of results; the ratios under them are the cells."""
    doc = _doc(r"""\begin{table}\begin{tabular}{lrrrr}\toprule
$d_{\mathrm{onehot}} \le$ & $20$ & $30$ & $40$ & $50$ \\ \midrule
XGBoost & $0.92$ & $0.89$ & $0.88$ & $0.98$ \\
pyGAM & $1.07$ & $1.04$ & $1.04$ & $0.63$ \\
\bottomrule\end{tabular}
\caption{Sensitivity of the geometric-mean RMSE ratio to the smooth-low-d cutoff.}
\end{table}""")
    claims = _table_claims(doc)
    assert sorted(c.value for c in claims) == [0.63, 0.88, 0.89, 0.92, 0.98, 1.04, 1.04, 1.07]
    assert {c.table_row for c in claims} == {1, 2}
