"""Finding tables on PDF pages: captions, their rules, and what is not a table.

Word and rule positions are those pdfplumber gives for the InfLLM-V2 paper's PDF
(OpenBMB/MiniCPM, docs/InfLLM-V2-paper.pdf, Apache-2.0), rounded to a tenth of a point;
a few words of each line."""

from __future__ import annotations

from claims.read.pdf_layout import (
    _caption_block,
    _caption_words,
    _captioned,
    _in_plot,
    _nearest_rule,
    _plot_rules_out,
    _without_underlines,
    plain_letters,
)


def _word(text: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def test_a_caption_ends_at_the_rule_of_the_table_set_right_under_it():
    """Table 1 (page 7) stands under its one-line caption, its rows as close as a
    caption's lines: the caption ends at the table's top rule, which is then the
    table's, not swallowed with the rows into the caption."""
    words = [_word("Table", 142.3, 597.5, 164.2, 607.4), _word("1:", 166.7, 597.5, 174.5, 607.4),
             _word("Task", 177.6, 597.5, 196.1, 607.4),
             _word("Performance", 198.6, 597.5, 249.5, 607.4),
             _word("on", 252.0, 597.5, 262.0, 607.4),
             _word("Method", 115.0, 612.8, 135.4, 619.3), _word("SG1", 189.8, 612.8, 201.4, 619.3),
             _word("SG2", 215.2, 612.8, 226.9, 619.3),
             _word("FULLATTN", 115.2, 623.7, 145.5, 630.3),
             _word("100.00", 186.6, 623.7, 204.6, 630.3),
             _word("100.00", 212.0, 623.7, 230.0, 630.3)]
    rules = [(111.3, 610.5, 503.4, 610.5), (111.3, 621.6, 503.4, 621.6),
             (111.3, 632.5, 503.4, 632.5), (111.3, 698.1, 503.4, 698.1)]
    assert _caption_block(words[0], words)[3] == 630.3  # no rules: the rows run on
    assert _caption_block(words[0], words, rules) == (142.3, 597.5, 262.0, 607.4)


def test_prose_naming_a_table_mid_line_is_no_caption():
    """`... shown in Table 1. The results` (page 8): a word right before `Table` on its
    line makes it prose; the caption of Table 3, wrapped in the text, has the text's
    column a gutter away (`eval-` ends 37 points before it)."""
    prose = [_word("shown", 108.0, 323.7, 133.8, 333.7), _word("in", 135.9, 323.7, 143.6, 333.7),
             _word("Table", 145.8, 323.7, 167.7, 333.7), _word("1.", 169.8, 323.7, 177.3, 333.7),
             _word("The", 180.2, 323.7, 195.7, 333.7)]
    caption = [_word("eval-", 205.3, 472.1, 224.8, 482.1),
               _word("Table", 261.8, 472.7, 283.7, 482.6), _word("3:", 286.2, 472.7, 293.9, 482.6),
               _word("Task", 297.0, 472.7, 315.6, 482.6)]
    assert list(_caption_words(prose)) == []
    assert [word["x0"] for word in _caption_words(caption)] == [261.8]


def test_a_short_caption_at_the_margin_names_the_centred_table_under_it():
    """`Table 1: Hindi (chrF2).` set at the left margin (x 72.0 to 201.2) over a table
    centred between rules from x 189.0 to 423.0 (papers7, indicconv.pdf, page 3): the
    caption reaches into the table only a little, yet it is the table's."""
    caption = (72.0, 440.0, 201.2, 450.9)
    rules = [(189.0, 463.9, 423.0, 463.9), (189.0, 483.1, 423.0, 483.1),
             (189.0, 542.9, 423.0, 542.9)]
    table = (189.0, 462.9, 423.0, 543.9)
    assert _nearest_rule(rules, caption, below=True) == rules[0]
    assert _captioned([table], [caption], {True, False}) == [caption]
    # a caption wholly left of a table (the other column's) names none of it
    assert _nearest_rule(rules, (72.0, 440.0, 180.0, 450.9), below=True) is None


# Page 9: Table 4 (rules from x 152.1 to 459.9) over a figure of bar charts whose
# frame and legend draw rules of nearly the table's extent (x 149.5 to 462.5); the
# figures the page's marks cluster into (widened by their labels' margin): the plots,
# and the table's own rules.
TABLE_RULES = [(152.1, 87.5, 459.9, 87.5), (152.1, 98.1, 459.9, 98.1),
               (152.1, 108.5, 459.9, 108.5), (152.1, 133.1, 459.9, 133.1)]
PLOT_RULES = [(149.5, 329.3, 462.5, 329.3), (149.5, 338.9, 462.5, 338.9)]
FIGURES = [(102.0, 140.2, 510.0, 352.2), (144.1, 79.5, 467.9, 141.1)]
AXIS_LABELS = [_word("80", 122.0, 172.0, 129.0, 178.0), _word("60", 122.0, 185.0, 129.0, 191.0),
               _word("1k", 139.0, 229.0, 146.0, 235.0), _word("400", 312.0, 169.0, 322.0, 175.0)]


def test_a_table_s_rules_stop_where_a_plot_under_it_draws_its_own():
    """The table's rules end at its bottom rule: the next rules of its extent are in a
    figure wider than the table with its axis labels beside the table's width."""
    group = TABLE_RULES + PLOT_RULES
    first = TABLE_RULES[0]
    assert _plot_rules_out(group, first, FIGURES, AXIS_LABELS, below=True) == TABLE_RULES
    assert _plot_rules_out(group, first, FIGURES, [], below=True) == group  # no labels
    table = (152.1, 86.5, 459.9, 134.1)
    assert _in_plot((110.0, 148.2, 502.0, 148.2), table, FIGURES)  # the plot's frame
    assert not _in_plot((110.0, 148.2, 502.0, 148.2), table, FIGURES[1:])


# Table 3 of the MiniCPM-SALA report (OpenBMB/MiniCPM, docs/MiniCPM_SALA.pdf, page 6,
# Apache-2.0): its first 17 rows as the reader gives them (a benchmark's name printed
# beside the middle of its rows, context lengths as the inner labels).
SALA_ROWS = [
    ["", "Models", None, "Qwen3", "Nemotron-Nano-v2", "Ministral-3-R", "Falcon-H1R",
     "MiniCPM-SALA"],
    ["", "", "", "", "", "", "", ""],
    ["", "# Param.", None, "8B", "9B", "8B", "7B", "9B"],
    ["", "", "", "", "", "", "", ""],
    ["", "", "64K", "80.53", "88.77", "70.66", "56.50", "92.65"],
    ["RULER", None, "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["", "", "128K", "71.74", "68.01", "45.09", "36.33", "89.37"],
    ["", "", "", "", "", "", "", ""],
    ["", "", "64K-2N", "29.20", "20.91", "44.02", "13.18", "29.77"],
    ["", "", "64K-4N", "21.56", "13.69", "35.80", "9.06", "20.57"],
    ["", "", "64K-8N", "17.82", "13.24", "17.23", "6.93", "16.56"],
    ["", "", "", "", "", "", "", ""],
    ["MRCR", None, "", "", "", "", "", ""],
    ["", "", "128K-2N", "26.50", "14.61", "50.30", "9.17", "28.62"],
    ["", "", "128K-4N", "14.75", "12.20", "22.66", "8.22", "19.62"],
    ["", "", "128K-8N", "12.15", "7.55", "14.47", "7.54", "10.12"],
]
SALA_CAPTION = ("Table 3: Long-context evaluation results of MiniCPM-SALA and other "
                "open-source LLMs.")


def _sala_claims_by_value() -> dict:
    """The claims of the MiniCPM-SALA table layout, by value."""
    from claims.model import Document, Table
    from claims.read.tables import laid_out, table_text, text_grid
    from claims.run.pipeline import extract_document

    grid, header = text_grid(SALA_ROWS)
    table = Table(field="table 1", caption=SALA_CAPTION, number=3, header_rows=header,
                  rows=laid_out(grid))
    doc = Document(id="sala", fields={"abstract": "We study tables.",
                                      "table 1": table_text(table)}, tables=[table])
    return {c.value: c for c in extract_document(doc) if c.table}


def test_rows_of_context_lengths_are_the_results_of_the_columns_models():
    """A row label that is a setting (`64K`: it opens with a digit) names no method:
    the model its column's header names is the subject, before the caption's."""
    by_value = _sala_claims_by_value()
    assert (by_value[80.53].subject, by_value[56.5].subject) == ("Qwen3", "Falcon-H1R")
    assert (by_value[71.74].subject, by_value[89.37].subject) == ("Qwen3", "MiniCPM-SALA")
    assert by_value[71.74].dataset == "RULER"


def test_labels_printed_beside_the_middle_of_their_rows_label_as_many_before_as_after():
    """`RULER` stands on a row of its own between its two rows, `MRCR` between its
    three and three: each labels as many rows before it as after it, the blocks one
    after the other (the `64K-2N` rows above `MRCR` are its, not RULER's), and a label
    on a row of its own here sets no block as a group row does."""
    by_value = _sala_claims_by_value()
    assert (by_value[80.53].dataset, by_value[71.74].dataset) == ("RULER", "RULER")
    assert (by_value[29.2].dataset, by_value[17.82].dataset) == ("MRCR", "MRCR")
    assert (by_value[26.5].dataset, by_value[12.15].dataset) == ("MRCR", "MRCR")


# The layout of a technical report's results table as the reader gives it (models as
# columns over two header lines, benchmarks as rows with their metric in brackets, a
# category printed on a row of its own beside the middle of its rows); numbers made up.
VARIANT_ROWS = [["Language-only Model Vision-Language Model", None, None, None, None],
                ["", "Benchmark (Metric)", "Qwen2.5", "LLaMA-3.1", "Kimi"],
                ["", "", "72B-Inst.", "405B-Inst.", "k1.5"],
                ["", "", "", "", ""],
                ["", "MMLU (EM)", "1.5", "2.5", "3.5"],
                ["", "IF-Eval", "1.6", "2.6", "3.6"],
                ["", "(Prompt Strict)", "", "", ""],
                ["Text", "", "", "", ""],
                ["", "C-Eval (EM)", "1.7", "2.7", "3.7"],
                ["", "", "", "", ""],
                ["", "AIME 2024", "1.8", "2.8", "3.8"],
                ["", "(Pass@1)", "", "", ""],
                ["Reasoning", "", "", "", ""],
                ["", "HumanEval-Mul (Pass@1)", "4.5", "5.5", "6.5"]]


def test_a_row_label_naming_a_hyphenated_variant_of_a_benchmark_keeps_it():
    """`HumanEval-Mul (Pass@1)` is that variant of HumanEval, as written, as a column
    header naming one already was."""
    from claims.model import Document, Table
    from claims.read.tables import laid_out, table_text, text_grid
    from claims.run.pipeline import extract_document

    grid, header = text_grid(VARIANT_ROWS)
    table = Table(field="table 1", caption="Table 3: Performance of short-CoT models.",
                  number=3, header_rows=header, rows=laid_out(grid))
    doc = Document(id="variant", fields={"abstract": "We study tables.",
                                         "table 1": table_text(table)}, tables=[table])
    by_value = {c.value: c for c in extract_document(doc) if c.table}
    assert (by_value[5.5].dataset, by_value[5.5].metric) == ("HumanEval-Mul", "Pass@1")
    assert by_value[2.5].dataset == "MMLU"


# Models' names over two header lines, the second with sizes and versions, as the
# reader gives a technical report's table; numbers made up.
TWO_LINE_ROWS = [["Language-only Model Vision-Language Model", None, None, None, None, None],
                 ["", "Benchmark (Metric)", "Qwen2.5", "LLaMA-3.1", "GPT-4o", "Kimi"],
                 ["", "", "72B-Inst.", "405B-Inst.", "0513", "k1.5"],
                 ["", "", "", "", "", ""],
                 ["", "MMLU (EM)", "1.5", "2.5", "3.5", "4.5"],
                 ["Text", "", "", "", "", ""],
                 ["", "C-Eval (EM)", "1.6", "2.6", "3.6", "4.6"]]


def test_a_second_line_of_sizes_and_versions_is_part_of_the_models_names():
    """`72B-Inst.`, `0513` under `Qwen2.5`, `GPT-4o`: the second line of the names, no
    row of results (no claims of 72 billion or 513), each name whole."""
    from claims.model import Document, Table
    from claims.read.tables import laid_out, table_text, text_grid
    from claims.run.pipeline import extract_document

    grid, header = text_grid(TWO_LINE_ROWS)
    table = Table(field="table 1", caption="Table 3: Performance of short-CoT models.",
                  number=3, header_rows=header, rows=laid_out(grid))
    doc = Document(id="lines", fields={"abstract": "We study tables.",
                                       "table 1": table_text(table)}, tables=[table])
    claims = [c for c in extract_document(doc) if c.table]
    assert sorted(c.value for c in claims) == [1.5, 1.6, 2.5, 2.6, 3.5, 3.6, 4.5, 4.6]
    by_value = {c.value: c for c in claims}
    assert by_value[1.5].subject == "Qwen2.5 72B-Inst."
    assert by_value[3.6].subject == "GPT-4o 0513"


# Table 4 of the MiniCPM-SALA report (page 7), as pdfplumber's finder reads it between
# its rules: the row labels stacked in the first cell, None under it.
SALA_ULTRA = [["RULER\nQwen3-30B-A3B-Instruct-2507∗\nQwen3-235B-A22B-Instruct-2507∗\n"
               "Qwen3-Next-80B-A3B-Instruct∗\nMiniCPM-SALA (9B)", "128K", "512K", "1000K",
               "2048K"],
              [None, "89.1", "78.4", "72.8", "-"],
              [None, "93.9", "90.9", "84.5", "-"],
              [None, "96.0", "86.9", "80.3", "-"],
              [None, "89.4", "87.1", "86.3", "81.6"],
              ["", "", "", "", ""]]


def test_labels_stacked_in_one_cell_over_merged_rows_go_a_line_to_a_row():
    """A first cell of five lines over four rows the finder merged into it: a line to
    each row; the header `RULER | 128K | ... | 2048K` heads columns of context lengths
    (no claims of 128K), `RULER` in its corner the rows' benchmark."""
    from claims.model import Document, Table
    from claims.read.pdf_layout import _lines_spread
    from claims.read.tables import laid_out, table_text, text_grid
    from claims.run.pipeline import extract_document

    rows = _lines_spread([list(row) for row in SALA_ULTRA])
    assert [row[0] for row in rows[:5]] == ["RULER", "Qwen3-30B-A3B-Instruct-2507∗",
                                            "Qwen3-235B-A22B-Instruct-2507∗",
                                            "Qwen3-Next-80B-A3B-Instruct∗", "MiniCPM-SALA (9B)"]
    grid, header = text_grid(rows)
    table = Table(field="table 1", caption="Table 4: Ultra-long context evaluation results.",
                  number=4, header_rows=header, rows=laid_out(grid))
    doc = Document(id="ultra", fields={"abstract": "We study tables.",
                                       "table 1": table_text(table)}, tables=[table])
    claims = [c for c in extract_document(doc) if c.table]
    assert len(claims) == 13 and 128000.0 not in {c.value for c in claims}
    by_value = {c.value: c for c in claims}
    assert (by_value[78.4].subject, by_value[78.4].dataset) == (
        "Qwen3-30B-A3B-Instruct-2507∗", "RULER")
    assert by_value[81.6].subject.startswith("MiniCPM-SALA")


# Table 2 of the MiniCPM-SALA report (page 6), its first rows as the finder reads them:
# names and sizes stacked in the header cells (the last column's size below).
SALA_STANDARD = [["Models\n# Param.", "Qwen3\n8B", "Nemotron-Nano-v2\n9B", "MiniCPM-4.1\n8B",
                  "Ministral-3-R\n8B", "Falcon-H1R\n7B", "MiniCPM-SALA"],
                 [None, None, None, None, None, None, "9B"],
                 ["", "", "", "Knowledge", "", "", ""],
                 ["CMMLU", "81.68", "61.59", "84.72", "71.74", "63.55", "81.55"],
                 ["MMLU-Pro", "73.26", "71.79", "72.70", "68.75", "70.98", "67.04"]]


def test_a_column_among_models_columns_is_a_model_s_not_a_coined_dataset():
    """The stacked header lines go a line to a row (`# Param.` a row of sizes); the
    `Ministral-3-R` column, beside columns most of which name models, is a model's: the
    subject of its cells, `CMMLU` their dataset."""
    from claims.model import Document, Table
    from claims.read.pdf_layout import _lines_spread
    from claims.read.tables import laid_out, table_text, text_grid
    from claims.run.pipeline import extract_document

    grid, header = text_grid(_lines_spread([list(row) for row in SALA_STANDARD]))
    table = Table(field="table 1", caption="Table 2: Standard evaluation results.", number=2,
                  header_rows=header, rows=laid_out(grid))
    doc = Document(id="std", fields={"abstract": "We study tables.",
                                     "table 1": table_text(table)}, tables=[table])
    by_value = {c.value: c for c in extract_document(doc) if c.table}
    assert (by_value[71.74].subject, by_value[71.74].dataset) == ("Ministral-3-R", "CMMLU")
    assert (by_value[68.75].subject, by_value[68.75].dataset) == ("Ministral-3-R", "MMLU-Pro")


def test_a_plots_grid_touching_a_table_under_it_is_not_that_table():
    """A plot's clipped bars run its grid down onto the top rows of the table under it:
    boxes that overlap over less than half the smaller are two things, not one table
    read twice; a grid no caption names inside a figure is the plot's drawing."""
    from claims.read.pdf_layout import _mostly_inside, _mostly_over

    plot, table = (139.7, 113.1, 498.0, 357.0), (138.0, 345.0, 474.0, 433.0)
    assert not _mostly_over(table, plot)
    assert _mostly_over(table, (137.0, 340.0, 475.0, 430.0))
    figure = (100.0, 64.0, 512.0, 369.0)
    assert _mostly_inside(plot, figure) and not _mostly_inside(table, figure)


def test_a_rule_under_a_caption_s_words_is_an_underline_not_the_table_s_top():
    """`... second-best are underlined.` ends a caption (papers14, dspo.pdf, page 8)
    with the word drawn underlined: a rule through the word's box, within its extent.
    It is no table rule; the table's top rule, under the line, is."""
    words = [_word("inbold;second-bestareunderlined.", 72.0, 250.4, 216.0, 260.5),
             _word("Search-R1", 244.0, 274.9, 285.0, 284.0)]
    underline, top = (170.5, 259.8, 213.1, 259.8), (74.3, 269.9, 537.7, 269.9)
    assert _without_underlines([underline, top], words) == [top]


def test_letters_of_a_mathematical_alphabet_read_as_plain_letters():
    assert plain_letters("𝑃 × 𝐸 (6)") == "P × E (6)"
    assert plain_letters("𝐼/pair, 𝜀 = 8") == "I/pair, ε = 8"
