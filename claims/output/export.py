r"""Tables out to CSV, Parquet, Excel, Markdown, LaTeX, JSON Lines or HTML.

Each format is for a place people read tables: a spreadsheet to sort and filter,
Markdown for a README or an issue, LaTeX for a paper, HTML for a browser, and
CSV/Parquet/JSON Lines for other programs. Every file goes through
`claims.output.write.atomic_write`, so a failed export leaves the previous files as they were.
Text from documents is made harmless for each place: no control characters in any text
format, CSV cells that a spreadsheet would run as formulas get a leading `'`, HTML in
Markdown is escaped (`safe_cells=False` leaves these last two as they are).
Two kinds of cell (`claims.output.cells`) differ by format: a citation is `\\cite{key}`
in LaTeX and the URL elsewhere; a leaderboard's best cell is bold in Markdown, LaTeX, HTML
and Excel and ends in `*` in CSV, JSON Lines and Parquet. In Excel, empty cells are left
blank and a column empty in every row of its sheet is left out.

>>> table_format("out/tables.md"), table_format("t.pq"), table_format("t.txt", "tex")
('md', 'parquet', 'tex')
"""

from __future__ import annotations

import html
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from claims.output.cells import BEST_MARKER, Best, Citation
from claims.output.write import atomic_write, json_line, text_cells, visible_controls

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

TABLE_FORMATS = ("csv", "parquet", "xlsx", "md", "tex", "jsonl", "html")

_EXTENSIONS = {
    "csv": (".csv",),
    "parquet": (".parquet", ".pq"),
    "xlsx": (".xlsx",),
    "md": (".md", ".markdown"),
    "tex": (".tex",),
    "jsonl": (".jsonl", ".json", ".ndjson"),
    "html": (".html", ".htm"),
}
_FORMAT_OF = {ext: fmt for fmt, exts in _EXTENSIONS.items() for ext in exts}
_FILE_PER_TABLE = ("csv", "parquet", "jsonl")  # formats that hold one table per file
_TEXT_FORMATS = ("md", "csv", "jsonl", "tex", "html")  # what stdout ("-") can take
_STDOUT = "-"

_SHEET_NAME_MAX = 31  # Excel's limit
_WIDTH_MIN, _WIDTH_MAX, _WIDTH_WRAPPED = 8, 60, 80
_INT_FORMAT, _FLOAT_FORMAT, _TINY_FORMAT = "#,##0", "#,##0.###", "0.00E+00"

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # These print as other glyphs in the default OT1 font encoding.
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}
_TEX_SPECIAL_RE = re.compile("|".join(map(re.escape, _TEX_SPECIALS)))

_CSS = ("body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:2em}"
        "th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top}")


def table_format(path: str | Path, fmt: str | None = None, count: int = 1) -> str:
    """The format of a table export of `count` tables: `fmt` if given (a --format option
    wins), else by extension; "-" (stdout) is Markdown unless `fmt` names another text
    format that holds them all.

    >>> table_format("out/tables.XLSX"), table_format("t.htm"), table_format("t.txt", "md")
    ('xlsx', 'html', 'md')
    >>> table_format("-"), table_format("-", "csv")
    ('md', 'csv')
    >>> table_format("tables.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: cannot tell the table format of 'tables.txt' from its extension: use .csv, ...
    >>> table_format("-", "xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: xlsx is a binary format: it cannot be written to stdout; give a file name, ...
    """
    if fmt is not None and fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r} "
                         f"(choose from {', '.join(TABLE_FORMATS)})")
    if str(path) == _STDOUT:
        return _stdout_format(fmt or "md", count)
    if fmt is not None:
        return fmt
    found = _FORMAT_OF.get(Path(path).suffix.lower())
    if found is None:
        raise ValueError(f"cannot tell the table format of {str(path)!r} from its extension: "
                         f"use {', '.join(_FORMAT_OF)}, or give a format "
                         f"({', '.join(TABLE_FORMATS)})")
    return found


def _stdout_format(fmt: str, count: int) -> str:
    """`fmt` if stdout can take `count` tables in it (a text format; CSV and JSON Lines
    hold one table each)."""
    if fmt not in _TEXT_FORMATS:
        raise ValueError(f"{fmt} is a binary format: it cannot be written to stdout; give a "
                         f"file name, or a text format ({', '.join(_TEXT_FORMATS)})")
    if count > 1 and fmt in _FILE_PER_TABLE:
        raise ValueError(f"{count} tables cannot go to stdout as {fmt}, which holds one "
                         "table; name one table, or use --format md, tex or html")
    return fmt


def write_tables(tables: Mapping[str, pd.DataFrame], path: str | Path, fmt: str | None = None,
                 *, wrap: Sequence[str] = ("quote",), safe_cells: bool = True) -> list[Path]:
    """Write every table to `path` (CSV/Parquet/JSONL: one file each if several; "-":
    stdout, in a text format); the paths written (none for stdout).

    Files are all moved into place at the end, so if any table fails none is replaced.
    `wrap` names the long-text columns that get a wide, wrapped column in Excel.
    `safe_cells=False` writes formula-like CSV cells and HTML in Markdown as they are.
    """
    if not tables:
        raise ValueError("no tables to write")
    fmt = table_format(path, fmt, len(tables))
    if str(path) == _STDOUT:
        _write_stdout(tables, fmt, safe_cells)
        return []
    path = Path(path)
    wrap = (wrap,) if isinstance(wrap, str) else tuple(wrap)
    if fmt in _FILE_PER_TABLE:
        targets = _table_paths(list(tables), path, fmt)
        with ExitStack() as stack:
            for frame, target in zip(tables.values(), targets, strict=True):
                frame = _with_markers(frame)
                if fmt == "csv":
                    frame = text_cells(frame, safe_cells)
                _FRAME_WRITERS[fmt](frame, stack.enter_context(atomic_write(target)))
        return targets
    with atomic_write(path) as tmp:
        if fmt == "xlsx":
            _write_xlsx(tables, tmp, wrap)
        else:
            with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                out.write(_document(tables, fmt, path.stem, safe_cells))
    return [path]


def _document(tables: Mapping[str, pd.DataFrame], fmt: str, title: str,
              safe_cells: bool) -> str:
    """The text of a format that holds every table in one piece (md, tex, html)."""
    if fmt == "html":
        text = _html(tables, title)
    elif fmt == "md":
        text = _markdown(tables, escape_html=safe_cells)
    else:
        text = _latex(tables)
    return visible_controls(text)


def _write_stdout(tables: Mapping[str, pd.DataFrame], fmt: str, safe_cells: bool) -> None:
    """The tables on stdout: CSV and JSON Lines hold one (`_stdout_format` checked)."""
    if fmt in _FILE_PER_TABLE:
        [frame] = map(_with_markers, tables.values())
        if fmt == "csv":
            text_cells(frame, safe_cells).to_csv(sys.stdout, index=False)
        else:
            sys.stdout.writelines(_json_lines(frame))
    else:
        sys.stdout.write(_document(tables, fmt, "tables", safe_cells))
    sys.stdout.flush()


# --- file names -----------------------------------------------------------------------


def _table_paths(names: list[str], path: Path, fmt: str) -> list[Path]:
    """`path` for one table; for several `<stem>.<table>.<ext>` beside it, so none clobbers another.

    >>> [p.as_posix() for p in _table_paths(["a/b", "A:B", "c"], Path("out/t.pq"), "parquet")]
    ['out/t.a_b.pq', 'out/t.A_B-2.pq', 'out/t.c.pq']
    """
    if len(names) == 1:
        return [path]
    ext = path.suffix if path.suffix.lower() in _EXTENSIONS[fmt] else _EXTENSIONS[fmt][0]
    parts = _unique([re.sub(r"[^\w.-]+", "_", name).strip("._") or "table" for name in names])
    return [path.with_name(f"{path.stem}.{part}{ext}") for part in parts]


def _sheet_names(names: Iterable[str]) -> list[str]:
    """Names Excel accepts: no []:*?/\\, no quote at the ends, at most 31 characters, distinct.

    >>> _sheet_names(["a" * 40, "a" * 35, "x/y", "''"])
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa-2', 'x_y', 'Sheet']
    """
    clean = [re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet" for name in names]
    return _unique(clean, limit=_SHEET_NAME_MAX)


def _unique(names: Sequence[str], limit: int | None = None) -> list[str]:
    """Names cut to `limit` and made distinct ignoring case (as Excel and some disks do).

    >>> _unique(["a", "A", "a-2"]), _unique(["abcdef", "abcdefgh"], limit=5)
    (['a', 'A-2', 'a-2-2'], ['abcde', 'abc-2'])
    """
    taken: set[str] = set()
    out = []
    for name in names:
        candidate, n = name[:limit], 1
        while candidate.casefold() in taken:
            n += 1
            tag = f"-{n}"
            candidate = name[: None if limit is None else limit - len(tag)] + tag
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


# --- cell values ----------------------------------------------------------------------


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    """The cells as plain Python values, so every writer sees int/float/str/None only."""
    return [[_plain(value) for value in row]
            for row in frame.itertuples(index=False, name=None)]


def _plain(value: object) -> object:
    """Numpy scalars unwrapped; NaN, None, NA and NaT all as None."""
    import numpy as np
    import pandas as pd

    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _is_number(value: object) -> bool:
    """A real number; bools are ints in Python but not numbers in a table."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numeric_columns(frame: pd.DataFrame, rows: list[list[object]]) -> list[bool]:
    """Per column: a numeric dtype, or an object column holding only numbers."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    flags = []
    for i, dtype in enumerate(frame.dtypes):
        if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
            flags.append(True)
            continue
        values = [row[i] for row in rows if row[i] is not None]
        flags.append(bool(values) and all(_is_number(value) for value in values))
    return flags


def _number_text(value: float) -> str:
    """A number in short form: no float noise (0.1 + 0.2) and no needless ".0".

    >>> _number_text(3.25), _number_text(2.0), _number_text(1.75e11), _number_text(0.1 + 0.2)
    ('3.25', '2', '175000000000', '0.3')
    >>> _number_text(12345678901234567890), _number_text(1e20), _number_text(float("inf"))
    ('12345678901234567890', '1e+20', 'inf')
    """
    return str(value) if isinstance(value, int) else format(value, ".15g")


def _text(value: object) -> str:
    """A cell as text: missing values empty, numbers short."""
    if value is None:
        return ""
    return _number_text(value) if _is_number(value) else str(value)


def _one_line(text: str) -> str:
    """Line breaks as spaces: table rows in Markdown and LaTeX are single lines."""
    return " ".join(text.splitlines())


def _with_markers(frame: pd.DataFrame) -> pd.DataFrame:
    """For formats without bold: a column holding a best cell as text, that cell ending
    in the marker; citations as plain text."""
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if any(isinstance(v, Best) for v in column):
            out.isetitem(i, column.map(_marked_text).astype(object))
        elif any(isinstance(v, Citation) for v in column):
            out.isetitem(i, column.map(lambda v: str(v) if isinstance(v, Citation) else v))
    return out


def _marked_text(value: object) -> object:
    """A cell of a column with a best cell, as text: `84.6%*` for the best.

    >>> _marked_text(Best.of(2.5)), _marked_text(3.0), _marked_text(None)
    ('2.5*', '3', None)
    """
    value = _plain(value)
    if value is None:
        return None
    return _text(value) + (BEST_MARKER if isinstance(value, Best) else "")


# --- CSV, Parquet, JSON Lines ---------------------------------------------------------


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(_json_lines(frame))


def _json_lines(frame: pd.DataFrame) -> Iterator[str]:
    """One object per row; NaN (and infinities, which JSON lacks) as null."""
    columns = [str(column) for column in frame.columns]
    for row in _rows(frame):
        record = dict(zip(columns, map(_json_value, row), strict=True))
        yield json_line({k: _json_text(v) for k, v in record.items()})


def _json_value(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _json_text(value: object) -> object:
    """What JSON cannot hold as it is (a timestamp) as its text, as `default=str` did."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


_FRAME_WRITERS: dict[str, Callable[[pd.DataFrame, Path], None]] = {
    "csv": _write_csv, "parquet": _write_parquet, "jsonl": _write_jsonl,
}


# --- Markdown -------------------------------------------------------------------------


def _markdown(tables: Mapping[str, pd.DataFrame], escape_html: bool = True) -> str:
    """Each table under a `## name` heading, as a GitHub table."""
    return "\n".join(_markdown_table(name, frame, escape_html)
                     for name, frame in tables.items())


def _markdown_table(name: str, frame: pd.DataFrame, escape_html: bool = True) -> str:
    """One table; numeric columns right-aligned so digits line up when rendered. Markdown
    renders HTML, so a title holding `<script>` is escaped unless `escape_html` is off."""
    rows = _rows(frame)

    def cell(value: object) -> str:
        text = _md_cell(value)
        text = html.escape(text, quote=False) if escape_html else text
        return f"**{text}**" if isinstance(value, Best) and text else text

    lines = [f"## {cell(name)}", "", _md_row(map(cell, frame.columns)),
             _md_row("---:" if numeric else "---" for numeric in _numeric_columns(frame, rows))]
    lines += [_md_row(map(cell, row)) for row in rows]
    return "\n".join(lines) + "\n"


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_cell(value: object) -> str:
    r"""A cell's Markdown: one line, `|` escaped (it would end the cell), missing values empty.

    >>> _md_cell("a|b\nc"), _md_cell(None), _md_cell(1.75e11)
    ('a\\|b c', '', '175000000000')
    """
    return _one_line(_text(value)).replace("|", r"\|")


# --- LaTeX ----------------------------------------------------------------------------


def _latex(tables: Mapping[str, pd.DataFrame]) -> str:
    """Booktabs tables, one `table` float each, ready to \\input into a paper."""
    head = "% Needs \\usepackage{booktabs} (for \\toprule, \\midrule and \\bottomrule)"
    if any(_latex_layout(frame)["wrap"] for frame in tables.values()):
        head += " and \\usepackage{tabularx} (for the X columns that wrap)"
    if any(isinstance(v, Citation) and not v.bibkey for frame in tables.values()
           for v in frame.to_numpy().ravel()):
        head += "; \\usepackage{url} (for \\url)"
    return head + ".\n\n" + "\n".join(_latex_table(name, frame)
                                      for name, frame in tables.items())


def _latex_layout(frame: pd.DataFrame) -> dict:
    """A table's LaTeX layout (`attrs["latex"]`, set from its spec): compact, and the
    columns that wrap; only columns the frame has."""
    layout = frame.attrs.get("latex") or {}
    wrap = [c for c in layout.get("wrap", []) if c in frame.columns]
    return {"compact": bool(layout.get("compact")), "wrap": wrap}


def _latex_table(name: str, frame: pd.DataFrame) -> str:
    """One table: text columns left-aligned, numeric ones right-aligned. A compact table
    (the survey) is set small with narrow gaps, and as wide as the text with its long
    text columns wrapping (tabularx)."""
    rows = _rows(frame)
    layout = _latex_layout(frame)
    wrap = _RAGGED_X if layout["wrap"] else "l"
    spec = "".join("r" if numeric else wrap if column in layout["wrap"] else "l"
                   for column, numeric in zip(frame.columns, _numeric_columns(frame, rows),
                                              strict=True))
    label = re.sub(r"[^A-Za-z0-9:.-]+", "-", name)
    if layout["wrap"]:
        begin, end = rf"\begin{{tabularx}}{{\linewidth}}{{@{{}}{spec}@{{}}}}", r"\end{tabularx}"
    else:
        begin, end = rf"\begin{{tabular}}{{{spec or 'l'}}}", r"\end{tabular}"
    compact = [r"\small", r"\setlength{\tabcolsep}{4pt}"] if layout["compact"] else []
    lines = [r"\begin{table}", r"\centering", *compact, rf"\caption{{{_tex_escape(name)}}}",
             rf"\label{{tab:{label}}}", begin, r"\toprule",
             _tex_row(frame.columns), r"\midrule", *map(_tex_row, rows), r"\bottomrule",
             end, r"\end{table}"]
    return "\n".join(lines) + "\n"


_RAGGED_X = r">{\raggedright\arraybackslash}X"
#: What a BibTeX key or a URL may hold to be written as it is in \cite or \url.
_CITE_KEY = re.compile(r"[\w:./+-]+")
_URL = re.compile(r"[\w:/.?=&+,;@!$'()*~-]+")


def _tex_row(cells: Iterable[object]) -> str:
    return " & ".join(_tex_cell(cell) for cell in cells) + r" \\"


def _tex_cell(cell: object) -> str:
    r"""A cell's LaTeX: a citation as \cite{key} (\url without a key), a best cell bold.

    >>> _tex_cell(Citation("https://x.org/a_b", "doe2024")), _tex_cell(Citation("https://x.org/a"))
    ('\\cite{doe2024}', '\\url{https://x.org/a}')
    >>> _tex_cell(Best.of("84.6%")), _tex_cell(Citation("https://x.org/a%20b"))
    ('\\textbf{84.6\\%}', 'https://x.org/a\\%20b')
    """
    if isinstance(cell, Citation):
        if cell.bibkey and _CITE_KEY.fullmatch(cell.bibkey):
            return rf"\cite{{{cell.bibkey}}}"
        if cell.url and _URL.fullmatch(cell.url):
            return rf"\url{{{cell.url}}}"
    text = _tex_escape(_text(cell))
    return rf"\textbf{{{text}}}" if isinstance(cell, Best) and text else text


def _tex_escape(text: str) -> str:
    r"""Text safe in a LaTeX cell: specials escaped, one line.

    A leading "[" gets "{}" before it, or the `\\` ending the previous row would
    take it as the start of an optional argument.

    >>> print(_tex_escape("50% of $x_1 & {y}~^ \\ #1"))
    50\% of \$x\_1 \& \{y\}\textasciitilde{}\textasciicircum{} \textbackslash{} \#1
    >>> print(_tex_escape("[x]"))
    {}[x]
    """
    escaped = _TEX_SPECIAL_RE.sub(lambda match: _TEX_SPECIALS[match.group()], _one_line(text))
    return "{}" + escaped if escaped.startswith("[") else escaped


# --- HTML -----------------------------------------------------------------------------


def _html(tables: Mapping[str, pd.DataFrame], title: str) -> str:
    """A small standalone HTML5 page: an `<h2>` and a table for each table."""
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{html.escape(title)}</title>", f"<style>{_CSS}</style>", "</head>",
             "<body>"]
    for name, frame in tables.items():
        parts.append(f"<h2>{html.escape(name)}</h2>")
        parts.append(_html_frame(frame).to_html(index=False, escape=False))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as escaped HTML: text on one line (`to_html` would show a line break
    as a literal "\\n"), numbers short, a best cell in `<strong>`."""
    import pandas as pd

    rows = [[_html_cell(value) for value in row] for row in _rows(frame)]
    headers = [html.escape(str(column)) for column in frame.columns]
    return pd.DataFrame(rows, columns=headers, dtype=object)


def _html_cell(value: object) -> str:
    """
    >>> _html_cell("a <b>\\nc"), _html_cell(Best.of(1.5)), _html_cell(None)
    ('a &lt;b&gt; c', '<strong>1.5</strong>', '')
    """
    text = html.escape(" ".join(_text(value).split()) if isinstance(value, str)
                       else _text(value), quote=False)
    return f"<strong>{text}</strong>" if isinstance(value, Best) and text else text


# --- Excel ----------------------------------------------------------------------------


def _write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path, wrap: tuple[str, ...]) -> None:
    """One sheet per table, ready to sort and filter."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet_name, frame in zip(_sheet_names(tables), tables.values(), strict=True):
        _fill_sheet(book.create_sheet(sheet_name), frame, wrap)
    book.save(path)


def _fill_sheet(sheet: Worksheet, frame: pd.DataFrame, wrap: tuple[str, ...]) -> None:
    """Bold frozen header with a filter; numbers as numbers; long text wrapped; a best
    cell bold; empty cells blank and columns empty in every row left out."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    headers, rows = _filled_columns([str(column) for column in frame.columns], _rows(frame))
    bold = Font(bold=True)
    aligned = {wrapped: Alignment(vertical="top", wrap_text=wrapped) for wrapped in (False, True)}
    for c, header in enumerate(headers, start=1):
        _set_cell(sheet.cell(1, c), header).font = bold
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = _set_cell(sheet.cell(r, c), value)
            cell.alignment = aligned[headers[c - 1] in wrap]
            if isinstance(value, Best):
                cell.font = bold
    for c, header in enumerate(headers, start=1):
        column = [row[c - 1] for row in rows]
        sheet.column_dimensions[get_column_letter(c)].width = _width(header, column, wrap)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _filled_columns(headers: list[str], rows: list[list[object]]
                    ) -> tuple[list[str], list[list[object]]]:
    """The columns holding something in some row (all of them for a table without rows,
    so an empty sheet still shows its headers).

    >>> _filled_columns(["a", "b", "c"], [[1, None, ""], [2, "", "x"]])
    (['a', 'c'], [[1, ''], [2, 'x']])
    """
    if not rows:
        return headers, rows
    keep = [i for i in range(len(headers)) if any(not _empty(row[i]) for row in rows)]
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _set_cell(cell: Cell, value: object) -> Cell:
    """Numbers as numbers with a format; text always as text, never as a formula; an
    empty text left blank."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if _empty(value):
        cell.value = None
    elif isinstance(value, bool):
        cell.value = value
    elif _is_number(value) and math.isfinite(value):
        cell.value = value
        cell.number_format = _number_format(value)
    else:  # text; also infinities, which Excel cannot store as numbers
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", _text(value))
        cell.data_type = "s"  # a quote starting with "=" stays a quote
    return cell


def _number_format(value: float) -> str:
    """Thousands separators; whole numbers without decimals, tiny ones in scientific form.

    "#,##0.###" would show 0.0002 as "0." and 2.0 as "2.", hence the other two.

    >>> _number_format(12), _number_format(2.0), _number_format(3.25), _number_format(2e-4)
    ('#,##0', '#,##0', '#,##0.###', '0.00E+00')
    """
    if isinstance(value, int) or value.is_integer():
        return _INT_FORMAT
    return _FLOAT_FORMAT if abs(value) >= 0.001 else _TINY_FORMAT


def _width(header: str, values: list[object], wrap: tuple[str, ...]) -> float:
    """Column width in characters from the longest line shown, within [8, 60]; 80 if wrapped."""
    if header in wrap:
        return _WIDTH_WRAPPED
    shown = [format(v, ",.15g") if _is_number(v) else _text(v) for v in values]
    longest = max((len(line) for text in shown for line in text.splitlines()), default=0)
    return min(max(longest + 2, len(header) + 4, _WIDTH_MIN), _WIDTH_MAX)  # +4: filter button
