"""LaTeX tables whose structure says what their numbers are: intervals printed after a
value, a second header row in the middle of a tabular, measures written as symbols.
Synthetic markup: the layouts of real results tables, with made-up names and numbers
that stand for no paper's results."""

from __future__ import annotations

from claims.model import Claim, Document, Kind
from claims.read.latex import read_latex
from claims.run.pipeline import extract_document


def _claims(body: str) -> list[Claim]:
    tex = ("\\documentclass{article}\\begin{document}\\begin{abstract}We study tables."
           f"\\end{{abstract}}\\section{{Results}}{body}\\end{{document}}")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    claims = [claim for claim in extract_document(doc) if claim.table]
    for claim in claims:  # a claim quotes its cell exactly, as any claim its field
        assert doc.fields[claim.field][claim.start:claim.end] == claim.text
    return claims


INTERVALS = r"""
\begin{table}[h]
\caption{Results on SimpleQA with 95\% CI.}
\label{tab:ci}
\begin{tabular}{lcc}
\toprule
\textbf{Model} & \textbf{Accuracy} & \textbf{F-score} \\
\midrule
Model-A & 0.11 [0.10, 0.12] & -0.31 [-0.33, -0.29] \\
Model-B & 0.21 [0.20, 0.22] & 0.41 [0.40, 0.42] \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_an_interval_after_a_value_gives_its_two_bounds():
    """`value [lower, upper]`: the value under its headers, and each bound a claim of
    the same row and column whose metric names the bound of the caption's `95% CI`."""
    claims = _claims(INTERVALS)
    first = sorted((c.value, c.metric) for c in claims
                   if (c.table_row, c.table_column) == (1, 1))
    assert first == [(0.10, "accuracy (95% CI lower bound)"), (0.11, "accuracy"),
                     (0.12, "accuracy (95% CI upper bound)")]
    signed = sorted(c.value for c in claims if (c.table_row, c.table_column) == (1, 2))
    assert signed == [-0.33, -0.31, -0.29]
    assert {c.subject for c in claims if c.table_row == 2} == {"Model-B"}
    assert len(claims) == 12


SECOND_HEADER = r"""
\begin{table}[h]
\caption{Score variability on SimpleQA across prompts. Lower is better.}
\label{tab:var}
\begin{tabular}{llcc}
\toprule
\textbf{Type} & \textbf{Model} & \textbf{$\Delta_{\text{Accuracy}}$}
 & \textbf{$\Delta_{\text{F-score}}$} \\
\midrule
\multirow{2}{*}{\makecell{Normalized \\ Difference}} & Model-A & $-0.11$ & $+0.22$ \\
 & Model-B & $-0.33$ & $+0.44$ \\
\midrule
 & \textbf{Model} & \textbf{$CV_{\text{Accuracy}}$} & \textbf{$CV_{\text{F-score}}$} \\
\midrule
\multirow{2}{*}{\makecell{Coefficient of \\ Variation}} & Model-A & $0.12$ & $0.23$ \\
 & Model-B & $0.34$ & $0.45$ \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_a_header_row_repeating_the_corner_with_its_group_cell_blank_heads_the_rows_below():
    """A second header row (`| Model | CV_Accuracy | ...`) whose first column is left
    blank for the group label of the block under it heads that block's columns; the
    measures written as symbols with a subscript (`Δ_Accuracy`) are no dataset: the
    caption's `SimpleQA` is."""
    claims = _claims(SECOND_HEADER)
    by_value = {c.value: c for c in claims}
    assert by_value[0.34].metric == "CV_Accuracy" and by_value[0.45].metric == "CV_F-score"
    assert by_value[-0.33].metric == "Δ_Accuracy"
    assert by_value[0.34].subject == "Model-B"
    assert {c.dataset for c in claims} == {"SimpleQA"}
    assert len(claims) == 8


# From ContextLab/llm-stylometry (MIT License, Copyright (c) 2025 Contextual Dynamics
# Laboratory), paper/supplement.tex: its title, and the first rows of its table
# `tab:t-tests-content` as written; the supplement is a document of its own beside
# paper/main.tex, which does not input it.
STYLOMETRY_SUPPLEMENT = r"""\documentclass[10pt]{article}
\usepackage{booktabs}
\newcommand{\argmax}{\mathop{\mathrm{argmax}}\limits}
\title{\textit{Supplementary materials for}: A Stylometric Application of Large Language Models}
\begin{document}
\newcommand{\authortable}{{1}}
\begin{table}[h]
\centering
\small
\begin{tabular}{lccc}
\hline
\textbf{Model} & \textbf{$t$-stat} & \textbf{df} & \textbf{$p$-value}\\
\hline
Baum         & 20.58 & 68.36 & $5.27 \times 10^{-31}$  \\
Thompson     & 3.29 & 11.33 & $6.97 \times 10^{-3}$  \\
\hline
\end{tabular}

\caption{\textbf{Loss differences between same-author and other-author texts
using only content words.} Follows the general format of Table~\authortable~in
the main text, but uses models trained on only content words.}

\label{tab:t-tests-content}
\end{table}
\end{document}
"""
MAIN_PAPER = r"""\documentclass{article}
\title{A Stylometric Application of Large Language Models}
\begin{document}
\begin{abstract}We study tables.\end{abstract}
\section{Results}
\begin{table}[h]
\begin{tabular}{lc}
\hline
\textbf{Model} & \textbf{Accuracy}\\
\hline
A & 0.5 \\
\hline
\end{tabular}
\caption{Made-up main table.}\label{tab:main}
\end{table}
\end{document}
"""


def test_a_supplement_beside_the_paper_adds_its_tables_and_p_values_are_numbers(tmp_path):
    """A second document of the archive, titled (or named) the paper's supplementary
    material and input by no file, is read after the paper as its appendix: its
    tables are the paper's, its macros expanded, and no main file is in doubt; a
    p-value in scientific notation (`$6.97 \\times 10^{-3}$`) is one number."""
    import io
    import tarfile

    from claims.read import read_path

    path = tmp_path / "src.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for member, text in {"main.tex": MAIN_PAPER, "other.tex": STYLOMETRY_SUPPLEMENT}.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    items = list(read_path(path))
    (doc,) = [item for item in items if isinstance(item, Document)]
    assert len(items) == 1  # no warning
    assert doc.fields["title"] == "A Stylometric Application of Large Language Models"
    assert [table.label for table in doc.tables] == ["tab:main", "tab:t-tests-content"]
    assert "Table 1 in the main text" in doc.tables[1].caption
    claims = [c for c in extract_document(doc) if c.table == "tab:t-tests-content"]
    assert sorted(c.value for c in claims if c.table_column == 3) == [5.27e-31, 6.97e-3]
    assert sorted(c.value for c in claims if c.table_column == 2) == [11.33, 68.36]


SPLITS = r"""
\begin{table}[h]
\caption{Results. We report the score and the accuracy (\%).}
\label{tab:splits}
\begin{tabular}{lcccc}
\toprule
\multirow{3}{*}{\textbf{Method}} & \multicolumn{2}{c}{\textbf{ScienceWorld}}
 & \multicolumn{2}{c}{\textbf{HLE}} \\
\cmidrule(lr){2-3} \cmidrule(lr){4-5}
 & \textbf{Test} & \textbf{OOD} & \textbf{Test} & \textbf{OOD} \\
 & Score$\uparrow$ & Score$\uparrow$ & Acc$\uparrow$ & Acc$\uparrow$ \\
\midrule
Router-A & 11.1 & 22.2 & 33.3 & 44.4 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_a_header_level_naming_a_split_goes_with_the_dataset_over_it():
    """`ScienceWorld` over `Test | OOD` over `Score`: the middle level is a split of
    the dataset (`ScienceWorld (OOD)`), not a word of the measure (`OOD Score`)."""
    by_value = {c.value: c for c in _claims(SPLITS)}
    assert (by_value[22.2].dataset, by_value[22.2].metric) == ("ScienceWorld (OOD)", "Score")
    assert by_value[33.3].dataset == "HLE (Test)"


SETTINGS_OVER_MEASURES = r"""
\begin{table}[t]
\caption{Comparison with other methods on CrossTask dataset.}
\label{tab:horizon}
\begin{tabular}{lcccc}
\toprule
& \multicolumn{2}{c}{$T$ = 3} & \multicolumn{2}{c}{$T$ = 4} \\
\cline{2-3} \cline{4-5}
{Models} & SR$\uparrow$ & Score$\uparrow$ & SR$\uparrow$ & Score$\uparrow$ \\ \midrule
{P$^3$IV} & 1.1 & 2.2 & 3.3 & 4.4 \\
\midrule
{Ours-B (Ours)$\dagger$} & 5.5 & 6.6 & 7.7 & 8.8 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_a_header_setting_a_variable_is_neither_dataset_nor_measure_and_braced_labels_stay():
    """`$T$ = 3` over `SR | Score` sets the horizon of its columns: the caption's dataset
    and the lower header's measure hold (SR named as the success rate it is); a row label
    in braces right after a rule (`\\midrule {Ours-B ...}`, `\\cline{2-3} {Models}`) is
    no argument of the rule; `P$^3$IV` is a name (`P3IV`), not a power."""
    claims = _claims(SETTINGS_OVER_MEASURES)
    by_value = {c.value: c for c in claims}
    assert {c.dataset for c in claims} == {"CrossTask"}
    assert (by_value[3.3].metric, by_value[4.4].metric) == ("success rate", "Score")
    assert by_value[1.1].subject == "P3IV"
    assert by_value[7.7].subject is not None and by_value[7.7].subject.startswith("Ours-B")
    assert len(claims) == 8


# The layout of Table 1 of the InfLLM-V2 paper (OpenBMB/MiniCPM, Apache-2.0; caption as
# printed, columns and rows cut down, numbers made up): subtasks of the caption's
# benchmark beside their average, and a method's name over the rows of its variants,
# its own cells blank.
PARTS_AND_VARIANTS = r"""
\begin{table}[h]
\caption{Task Performance on RULER. Best results in sparse attention are bolded.}
\label{tab:ruler}
\begin{tabular}{lccc}
\toprule
Method & SG1 & MK1 & Avg. \\
\midrule
FullAttn & 1.5 & 2.5 & 3.5 \\
InfLLM-V2 (Sparse) & & & \\
w/ LSE Approx & 4.5 & 5.5 & 6.5 \\
w/o LSE Approx & 7.5 & 8.5 & 9.5 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_subtask_columns_beside_an_average_are_parts_of_the_caption_s_benchmark():
    """`SG1 | MK1 | Avg.` under a caption naming RULER: each column a part of it
    (`RULER (SG1)`), not a coined dataset of its own; the average is RULER's."""
    by_value = {c.value: c for c in _claims(PARTS_AND_VARIANTS)}
    assert (by_value[1.5].dataset, by_value[2.5].dataset) == ("RULER (SG1)", "RULER (MK1)")
    assert by_value[3.5].dataset == "RULER"


def test_variant_rows_under_a_method_s_label_over_blank_cells_are_that_method_s():
    """A row holding only its first label, the other cells blank, heads the rows under
    it; their labels `w/ ...`, `w/o ...` name variants of that method, the subject."""
    by_value = {c.value: c for c in _claims(PARTS_AND_VARIANTS)}
    assert by_value[4.5].subject == by_value[9.5].subject == "InfLLM-V2 (Sparse)"
    assert by_value[1.5].subject == "FullAttn"


# The layout of Table 2 of the MiniCPM-SALA report (OpenBMB/MiniCPM, Apache-2.0):
# models as columns, benchmarks as rows (some the lexicons know, some not), an
# `Average` row; names as printed, numbers made up.
BENCHMARK_ROWS = r"""
\begin{table}[h]
\caption{Standard evaluation results of MiniCPM-SALA and other open-source LLMs.}
\label{tab:bench}
\begin{tabular}{lcc}
\toprule
Models & Qwen3 & Falcon-H1R \\
\midrule
CMMLU & 1.5 & 2.5 \\
MMLU-Pro & 3.5 & 4.5 \\
LCB-v5 & 5.5 & 6.5 \\
HumanEval & 7.5 & 8.5 \\
Average & 9.5 & 10.5 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_rows_of_benchmarks_the_lexicons_half_know_name_datasets_and_an_average():
    """Half the row labels are benchmarks the lexicon knows (the `Average` counts
    neither way): the rows are benchmarks, the columns' models the subjects; a coined
    label (`CMMLU`, `LCB-v5`) is its row's dataset; `Average` what its row measures."""
    by_value = {c.value: c for c in _claims(BENCHMARK_ROWS)}
    assert (by_value[1.5].subject, by_value[1.5].dataset) == ("Qwen3", "CMMLU")
    assert (by_value[6.5].subject, by_value[6.5].dataset) == ("Falcon-H1R", "LCB-v5")
    assert by_value[3.5].dataset == "MMLU-Pro"
    assert (by_value[9.5].subject, by_value[9.5].dataset) == ("Qwen3", None)
    assert by_value[9.5].metric is not None and "average" in by_value[9.5].metric.lower()



# Models as columns, their names printed over two lines, over rows of benchmarks with
# the metric in brackets under an outer column of categories (the layout of the result
# tables of technical reports); numbers made up.
TWO_LINE_MODELS = r"""
\begin{table}[h]
\caption{Performance of long-CoT models.}
\label{tab:twolines}
\begin{tabular}{llccc}
\toprule
 & Benchmark (Metric) & QwQ-32B & OpenAI & Kimi \\
 & & Preview & o1-mini & k1.5 \\
\midrule
\multirow{2}{*}{Reasoning} & MATH-500 (EM) & 1.5 & 2.5 & 3.5 \\
 & Codeforces (Percentile) & 4.5 & 5.5 & 6.5 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_models_names_over_two_lines_are_one_name_and_the_columns_subjects():
    """Over columns most of which the upper line names as models, a second line of
    names (`Preview | o1-mini | k1.5`, no measure) goes on each name; a column whose
    name the lexicons do not know (`Kimi k1.5`) beside them is a model too: the
    subject of the rows of benchmarks, not the category beside them (`Reasoning`)."""
    by_value = {c.value: c for c in _claims(TWO_LINE_MODELS)}
    assert by_value[1.5].subject == "QwQ-32B Preview"
    assert by_value[5.5].subject == "OpenAI o1-mini"
    assert by_value[6.5].subject == "Kimi k1.5"
    assert (by_value[4.5].dataset, by_value[4.5].metric) == ("Codeforces", "Percentile")



def test_a_symbol_the_caption_defines_over_a_placeholder_is_spelled_out():
    """`$\\Delta_{\\text{Metric}}$ denotes ...` in the caption: a header `Δ_Accuracy`
    measures that definition of accuracy (the symbol's subscript); an undefined symbol
    (`CV_Accuracy`) stays as written."""
    caption = (r"\caption{Score variability on SimpleQA across prompts. "
               r"$\Delta_{\text{Metric}}$ denotes the relative change between the first "
               r"and last runs. Lower is better.}")
    table = SECOND_HEADER.replace(
        r"\caption{Score variability on SimpleQA across prompts. Lower is better.}", caption)
    by_value = {c.value: c for c in _claims(table)}
    assert by_value[-0.33].metric == "relative change of Accuracy between the first and last runs"
    assert by_value[0.44].metric == "relative change of F-score between the first and last runs"
    assert by_value[0.34].metric == "CV_Accuracy"


def test_a_symbol_the_paper_s_text_defines_as_an_abbreviation_is_spelled_out():
    """`CV_Accuracy` under a caption that leaves `CV` undefined, in a paper whose text
    says `the coefficient of variation (CV)`: the coefficient of variation of accuracy."""
    prose = "We summarize stability with the coefficient of variation (CV) across prompts.\n"
    by_value = {c.value: c for c in _claims(prose + SECOND_HEADER)}
    assert by_value[0.34].metric == "coefficient of variation of Accuracy"
    assert by_value[0.45].metric == "coefficient of variation of F-score"



def _titled_claims(title: str, body: str) -> list[Claim]:
    """The table claims of a paper with a title naming its method."""
    tex = (f"\\documentclass{{article}}\\title{{{title}}}\\begin{{document}}\\maketitle"
           "\\begin{abstract}We study tables.\\end{abstract}"
           f"\\section{{Results}}{body}\\end{{document}}")
    doc = read_latex(tex, "paper.tex", "paper")
    assert isinstance(doc, Document)
    return [claim for claim in extract_document(doc) if claim.table]


# From LeiLiLab/RASST (MIT License, Copyright (c) 2026 Jaxan L), the EMNLP 2026 draft
# source's latex/tables/glossary_bank_ablation_zh_fixedraw_appendix.tex: the header and
# the first eight rows of its table as written (the other rows and the \resizebox left
# out; the caption's lines broken), and the paper's title (its `\method` macro written
# out).
RASST_TITLE = ("RASST: Fast Cross-modal Retrieval-Augmented Simultaneous Speech Translation "
               "(maybe InfiniSST-RAG?)")
RASST_BANKS = r"""
\begin{table*}[t]
\centering
\small
\begin{tabular}{llrrrrrr}
\toprule
Dataset & Bank & LM & BLEU & StreamLAAL & TERM\_ACC & RealAdopt & FCR \\
\midrule
Tagged ACL & raw & 1 & 44.41 & 1237 & 85.39 & 89.40 & 13.01 \\
 & raw & 2 & 49.61 & 1862 & 88.88 & 90.37 & 12.41 \\
 & raw & 3 & 50.15 & 2343 & 89.89 & 91.08 & 8.07 \\
 & raw & 4 & 50.81 & 2786 & 90.00 & 92.12 & 9.40 \\
 & gs1k & 1 & 46.92 & 1320 & 86.29 & 89.84 & 10.32 \\
 & gs1k & 2 & 48.74 & 1927 & 89.10 & 90.48 & 12.76 \\
 & gs1k & 3 & 49.82 & 2427 & 88.09 & 89.99 & 7.95 \\
 & gs1k & 4 & 50.23 & 2824 & 89.10 & 91.36 & 9.33 \\
\bottomrule
\end{tabular}
\caption{Full En-Zh runtime glossary-bank ablation. The runtime bank changes from the raw
task glossary to GS-1k or GS-10k, while all terminology metrics use the corresponding fixed
raw denominator. The main text plots the ACL rows; medicine rows are included as a stricter
domain stress test.}
\label{tab:app_glossary_bank_ablation_full}
\end{table*}
"""


def test_a_setting_counted_again_under_each_label_keys_the_rows_of_the_paper_s_method():
    """`LM` counts 1 2 3 4 again under each bank: a setting keying the rows, each a
    quantity of the row's method, not a label of results. The rows' labels are settings
    (`gs1k | 3`), nothing names a model: the numbers are the paper's method's; a coined
    header among measures (`StreamLAAL` beside `BLEU`) is a measure, no method."""
    claims = _titled_claims(RASST_TITLE, RASST_BANKS)
    settings = [c for c in claims if c.table_column == 2]
    assert [c.value for c in settings] == [1, 2, 3, 4, 1, 2, 3, 4]
    assert {(c.kind, c.metric) for c in settings} == {(Kind.quantity, "LM")}
    claims = [c for c in claims if c not in settings]
    assert len(claims) == 8 * 5 and not {c.table_column for c in claims} & {0, 1, 2}
    assert {c.subject for c in claims} == {"RASST"}
    assert {c.dataset for c in claims} == {"Tagged ACL"}
    by_value = {c.value: c for c in claims}
    assert by_value[1237].metric == "StreamLAAL" and by_value[44.41].metric == "BLEU"


# The layout of a robustness table (attacks in rows under a category cell, attack
# strengths over four rates the caption defines), with made-up names and numbers.
ATTACKS = r"""
\begin{table*}[t]
\begin{tabular}{llcccccccc}
\toprule
& & \multicolumn{4}{c}{Strength $0.1$} & \multicolumn{4}{c}{Strength $0.5$} \\
\cmidrule(lr){3-6}\cmidrule(lr){7-10}
Category & Attack & {Recov.} & {ComF} & {MerF} & {Miss} & {Recov.} & {ComF} & {MerF} & {Miss} \\
\midrule
\multirow{2}{*}{Content tamper}
  & word\_swaps   & 0.910&0.120&0&0 & 0.610&0.470&0&0 \\
  & node\_merge   & 0.830&0.140&0&0 & 0.330&0.460&0&0 \\
\midrule
\multirow{1}{*}{Structural}
  & trimming      & 1.000&0&0&0.110 & 1.000&0&0&0.520 \\
\bottomrule
\end{tabular}
\caption{\textbf{Robustness against memory attacks}. \textbf{Recov.}{=}post-attack
\texttt{bit\_recovery\_rate}; \textbf{ComF}{=}\texttt{commitment\_fail\_rate}
(catches content tamper); \textbf{MerF}{=}\texttt{merkle\_proof\_fail\_rate};
\textbf{Miss}{=}\texttt{missing\_leaves\_rate} (catches structural removal).}
\label{tab:attacks}
\end{table*}
"""


def test_measures_the_caption_defines_over_rows_of_attacks_are_the_paper_s_method_s():
    """`ComF=commitment fail rate (catches ...)`, `Recov.=post-attack ...`: the
    caption's definitions name the columns' measures (a remark in brackets after the
    words, a dot after the abbreviation), so `ComF` is no method; rows of attacks in
    lower case under a category (`Structural | trimming`) are settings of the paper's
    method."""
    claims = _titled_claims("WatchMark: Watermarks for Agent Memory", ATTACKS)
    assert len(claims) == 3 * 8
    assert {c.subject for c in claims} == {"WatchMark"}
    by_cell = {(c.table_row, c.table_column): c for c in claims}
    assert by_cell[3, 3].metric == "commitment fail rate"
    assert by_cell[3, 2].metric == "post-attack bit recovery rate"
    assert by_cell[4, 9].metric == "missing leaves rate" and by_cell[4, 9].value == 0.52


# The layout of a scaling table (model sizes as row labels, a layer count defined in
# the caption, rates in percent), with made-up numbers.
SCALING = r"""
\begin{table}[H]
\caption{Scaling trends on Sorting for Qwen2.5-Coder (0.5B--14B).
$L$ denotes the number of transformer layers.}
\label{tab:scaling}
\begin{tabular}{lcccc}
\toprule
Scale & $L$ & Res.\% & OT\% & FPCL \\
\midrule
0.5B  & 20 & 11 & 17 & 8.5 \\
14B   & 44 & 51 & 29 & 9.5 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_rows_named_by_sizes_are_the_caption_s_model_and_percent_headers_are_rates():
    """A first column of sizes (`0.5B`, `14B`) names the rows: the caption's model of
    that size, no number of the table; `Res.%`, `OT%` are rates in percent (no
    dataset), and a coined header among them (`FPCL`) a measure too; `L denotes ...`
    names its column's measure."""
    claims = _claims(SCALING)
    assert sorted(c.value for c in claims if c.table_row == 1) == [8.5, 11, 17, 20]
    assert {c.subject for c in claims if c.table_row == 2} == {"Qwen2.5-Coder-14B"}
    by_value = {c.value: c for c in claims}
    assert (by_value[51].unit, by_value[51].dataset, by_value[51].metric) == ("%", None, "Res.%")
    assert by_value[9.5].metric == "FPCL" and by_value[9.5].dataset is None
    assert by_value[44].metric == "number of transformer layers"


# The layout of a results table with a row of changes under the method, printed with
# arrows as their signs and dashes as empty sub-headers, with made-up names and numbers.
ARROWS = r"""
\begin{table}[h]
\caption{Results on AMBER and POPE. $\Delta$ indicates the improvement over base model.}
\label{tab:arrows}
\begin{tabular}{lccc}
\toprule
 & \multicolumn{2}{c}{AMBER} & POPE \\
Method & Attribute & Existence & -- \\
\midrule
Base-7B & 80.10 & 90.20 & 81.30 \\
Ours-7B & 82.20 & 89.90 & 83.40 \\
$\Delta$ & $\uparrow$2.10 & $\downarrow$0.30 & $\uparrow$2.10 \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_a_number_after_an_arrow_is_a_change_signed_by_it_and_a_dash_header_is_none():
    """`↑2.10`, `↓0.30`: changes of 2.1 and -0.3, each quoting its number, of the
    method in the row above the `Δ` row; `--` under `POPE` is no header level (no
    metric `–`)."""
    claims = _claims(ARROWS)
    changes = sorted((c.value, c.text) for c in claims if c.table_row == 4)
    assert changes == [(-0.3, "0.30"), (2.1, "2.10"), (2.1, "2.10")]
    assert {c.subject for c in claims if c.table_row == 4} == {"Ours-7B"}  # the row above's
    assert all(c.metric != "–" for c in claims if c.table_column == 3)


READINGS = r"""
\begin{table}[h]
\caption{Scores on SimpleQA. Parentheses are 95\% bootstrap intervals; the scores first
reported for Model-B are in brackets.}
\label{tab:readings}
\begin{tabular}{lcc}
\toprule
\textbf{Model} & \textbf{Hit@1} & \textbf{I/pair (mean/zero)} \\
\midrule
Model-A & .8225 (.7850,.8600) & 0.045/0.053 \\
Model-B & [0.393] & $57\%$ [44--68] \\
\bottomrule
\end{tabular}
\end{table}
"""


def test_readings_in_brackets_intervals_with_dashes_and_parts_named_in_brackets():
    """Bounds written without a leading zero (`(.7850,.8600)`); an interval between
    dashes where the caption says the table gives intervals (`[44--68]`); a number
    alone in brackets, the only reading of its cell (`[0.393]`); and the parts of a
    cell named in brackets by its header (`I/pair (mean/zero)`)."""
    claims = _claims(READINGS)
    cells = {(c.table_row, c.table_column, c.value): c.metric for c in claims}
    assert {value for row, column, value in cells if (row, column) == (1, 1)} == {
        0.8225, 0.785, 0.86}
    assert cells[(1, 2, 0.045)] == "mean I/pair"
    assert cells[(1, 2, 0.053)] == "zero I/pair"
    assert (2, 1, 0.393) in cells
    assert {value for row, column, value in cells if (row, column) == (2, 2)} == {57, 44, 68}
    assert cells[(2, 2, 44)].endswith("lower bound)")
