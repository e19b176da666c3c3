"""LaTeX tables (`tabular`, `tabular*`, `tabularx`, `tabulary`, `longtable`) to
reader-neutral `Table`s: caption, label, number, header rows and cells.

Rows end at `\\\\` and cells at `&` only outside braces and nested environments, so
`\\makecell{a \\\\ b}` and a nested `tabular` stay one cell. Booktabs rules (and
`\\hline`) say where the header ends: the rows above the first rule under the top one.
`\\multicolumn` and `\\multirow` give spans; bold (`\\textbf`, `\\bf`, `\\mathbf`) and
underlined (`\\underline`, `\\ul`) cells are marked; colours go; `\\num`, `\\SI` and
`\\pm` become plain text (`83.2 ± 0.4`), arrows `↑`/`↓`. What remains is turned into
text by the reader's own `prose` function, so cells read as the rest of the paper does.

Each table's cells are laid out as the text of one document field (cells joined by
` | `, rows by newlines), and each cell knows its offsets there, so a claim quotes its
cell exactly as any claim quotes its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from itertools import count

from claims.model import Table
from claims.read.tables import GridCell, laid_out

#: Tabular environments and how many braced arguments open each (width, column spec).
_ENVIRONMENTS = {"tabular": 1, "tabular*": 2, "tabularx": 2, "tabulary": 2, "longtable": 1,
                 "longtable*": 1, "supertabular": 1, "xtabular": 1}
_BEGIN_TABULAR = re.compile(r"\\begin\{(" + "|".join(re.escape(n) for n in _ENVIRONMENTS)
                            + r")\}")
_BEGIN_SUBTABLE = re.compile(r"\\begin\{(subtable|minipage)\}")
_BEGIN_FLOAT = re.compile(r"\\begin\{(table\*?|sidewaystable\*?|wraptable|threeparttable)\}")
_TOKEN = re.compile(r"\\begin\{[^{}]*\}|\\end\{[^{}]*\}|\\\\|\\tabularnewline(?![A-Za-z])"
                    r"|\\[A-Za-z@]+|\\.|[{}&]")
#: Rules and spacing that open a row; those that close a header are in `_HEADER_RULE`.
#: Each takes its own number of braced arguments, no more: a braced cell may follow
#: (`\\midrule {MTID (Ours)} & ...`, `\\cline{2-4} {Models} & ...`).
_RULE_ARGUMENTS = {
    0: "toprule|midrule|bottomrule|hline|hdashline|addlinespace|morecmidrules|thickhline"
       "|endhead|endfirsthead|endfoot|endlastfoot|centering|small|footnotesize|scriptsize"
       "|tiny|normalsize|hiderowcolors|showrowcolors",
    1: "cline|cmidrule|cdashline|hhline|Xhline|rowcolor|noalign|arrayrulecolor|vspace"
       "|hspace|rowfont|SetRow",
    2: "rule",
    3: "specialrule|rowcolors",
}
_RULE = re.compile(r"\s*(?:" + "|".join(
    rf"\\(?:{names})(?![A-Za-z])\*?(?:\s*\([^()]*\))?(?:\s*\[[^\]]*\])*"
    + r"(?:\s*\{[^{}]*\})?" * count for count, names in _RULE_ARGUMENTS.items()) + ")")
_HEADER_RULE = re.compile(r"\\(?:midrule|hline|specialrule|Xhline|thickhline|hdashline"
                          r"|bottomrule)(?![A-Za-z])")
_SPAN = re.compile(r"\s*\\(multicolumn|multirow|makecell|thead|shortstack|Centerstack"
                   r"|diagbox|rotatebox|rotatecell|parbox)\*?(?![A-Za-z])")
_BOLD = re.compile(r"\\(?:textbf|mathbf|boldsymbol|bm|bfseries|bf|pmb)(?![A-Za-z])")
_UNDERLINE = re.compile(r"\\(?:underline|uline|ul|uuline|underbar)(?![A-Za-z])")
#: Markup a cell's value does not hold: colours, fonts, marks, and the invisible width of
#: `\phantom{-}` that aligns unsigned numbers with signed ones (no minus sign).
_DROPPED = re.compile(r"\\[hv]?phantom\s*\{[^{}]*\}"
                      r"|\\(?:cellcolor|rowcolor|columncolor|color|fontfamily|fontseries"
                      r"|fontshape)(?![A-Za-z])\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}"
                      r"|\\fontsize\s*\{[^{}]*\}\s*\{[^{}]*\}|\\selectfont(?![A-Za-z])"
                      r"|\\(?:colorbox|textcolor)(?![A-Za-z])\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}"
                      r"|\\fcolorbox\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}\s*\{[^{}]*\}|\\(?:dagger|ddagger|ast|star|S|P|checkmark|xmark"
                      r"|cmark|bigstar)(?![A-Za-z])|\\(?:tiny|scriptsize|footnotesize|small"
                      r"|normalsize|large|Large|bfseries|bf|itshape|it|rm|sf|tt|em|centering"
                      r"|raggedleft|raggedright|ul|boldmath|unboldmath|hfill)(?![A-Za-z])")
#: Symbol macros written out; Greek letters name measures in headers (`$\\Omega$`).
_SYMBOLS = {"pm": " ± ", "mp": " ± ", "textpm": " ± ", "times": "×", "uparrow": "↑",
            "downarrow": "↓", "Uparrow": "↑", "Downarrow": "↓", "shortuparrow": "↑",
            "shortdownarrow": "↓", "textuparrow": "↑", "textdownarrow": "↓",
            "rightarrow": "→", "to": "→", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
            "approx": "≈", "sim": "~", "%": "%", "&": "&", "_": "_", "#": "#",
            "textless": "<", "textgreater": ">", "infty": "∞", "cdot": "·",
            **dict(zip(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                        "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
                        "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"],
                       "αβγδεζηθικλμνξοπρστυφχψω", strict=True)),
            **dict(zip(["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi",
                        "Omega"], "ΓΔΘΛΞΠΣΦΨΩ", strict=True))}
_SYMBOL = re.compile(r"\\([%&_#])|\\(" + "|".join(sorted(
    (re.escape(s) for s in _SYMBOLS if s.isalpha()), key=len, reverse=True))
    + r")(?![A-Za-z])\s*(?:\{\})?")
#: siunitx unit macros as written in papers' text.
_SI_UNITS = {"percent": "%", "giga": "G", "mega": "M", "kilo": "k", "milli": "m",
             "micro": "µ", "nano": "n", "tera": "T", "byte": "B", "bit": "bit", "second": "s",
             "hour": "h", "minute": "min", "watt": "W", "joule": "J", "hertz": "Hz",
             "meter": "m", "metre": "m", "gram": "g", "per": "/", "square": "", "squared": "",
             "cubic": "", "cubed": "", "decibel": "dB", "degree": "°", "celsius": "°C"}
_LONGTABLE_PART = re.compile(r"\\(endfirsthead|endhead|endfoot|endlastfoot)(?![A-Za-z])")
#: What a longtable's rows may hold that is no cell: its caption and label.
_IN_ROW_CAPTION = re.compile(r"\\(?:caption|label)\*?(?:\[[^\]]*\])?\{(?:[^{}]|\{[^{}]*\})*\}")
#: A tabular nested in a cell (a header on two lines): its lines are one cell's text.
_NESTED = re.compile(r"\\begin\{(?:tabular|array)\}(?:\s*\[[^\]]*\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}"
                     r"|\\end\{(?:tabular|array)\}")
_UNIT_MACRO = re.compile(r"\\([A-Za-z]+)")
_SCRIPT = re.compile(r"[_^]")
#: Most rows or columns a cell spans (`\\multicolumn{999999}` is no real table).
_MAX_SPAN = 100


@dataclass
class _RawCell:
    text: str
    columns: int = 1
    rows: int = 1
    bold: bool = False
    underline: bool = False


@dataclass
class _RawRow:
    cells: list[_RawCell]
    ruled: bool  # a rule that ends a header lies above it


def latex_tables(tex: str, source: str | None, prose: Callable[[str], str],
                 taken: Collection[str] = ()) -> list[Table]:
    """Every table in `tex` (a whole body), in order; the tabulars of one float share its
    caption, label and number, but a subtable's own label names it and a float with a
    caption per tabular holds as many numbered tables. A label an earlier float defined
    names no later table (a repeated `\\label` is no name). Field names are `table 1`,
    `table 2`, ..., past those `taken` by the document's other fields."""
    tables: list[Table] = []
    names = (f"table {n}" for n in count(1) if f"table {n}" not in taken)
    number = 0
    earlier: set[str] = set()
    for caption, label, body in _floats(tex):
        tabulars = list(_tabulars(body))
        parts = _captioned_parts(body, len(tabulars))
        if caption is not None:
            number += 1
        for index, (raw_rows, subcaption, sublabel) in enumerate(tabulars):
            if parts:
                number += bool(index)
                caption, label = parts[index]
            grid = _grid(raw_rows)
            if not grid:
                continue
            text = " ".join(cell_text(part, prose) for part in (caption, subcaption) if part)
            if not any(cell.text.strip() for row in raw_rows for cell in row.cells):
                continue
            own = (sublabel or label or "").strip() or None
            table = _table(grid, next(names), source, text,
                           None if own in earlier else own,
                           number if caption is not None else None, prose)
            tables.append(table)
        earlier |= {name.strip() for name in _arguments_of(body, "label")}
    return tables


def _captioned_parts(body: str, tabulars: int) -> list[tuple[str, str | None]]:
    """A float that captions each of its tabulars apart (`\\caption`, `\\label`,
    tabular, twice, outside subtables): each tabular's (caption, label) in order, each
    caption a table of its own number; empty when the float has one caption."""
    own = _without_subtables(body)
    captions, labels = _arguments_of(own, "caption"), _arguments_of(own, "label")
    if len(captions) < 2 or len(captions) != tabulars:
        return []
    if len(labels) != len(captions):
        labels = [None] * len(captions)
    return list(zip(captions, labels, strict=True))


def _floats(tex: str) -> Iterator[tuple[str | None, str | None, str]]:
    """(caption, label, text) of each table float and of each tabular outside floats (a
    lone tabular, or a longtable captioned inside), in the order of the source."""
    found = []
    floats = list(_outermost(tex, _BEGIN_FLOAT))
    for _, start, content, end in floats:
        found.append((start, tex[content:end]))
    captions = {}
    for start, body in found:  # the float's own caption, not one of its subtables'
        own = _without_subtables(body)
        captions[start] = _argument_of(own, "caption") or _argument_of(body, "caption")
    spans = [(start, end) for _, start, _, end in floats]
    lone = [(name, start, end) for name, start, _, end in _outermost(tex, _BEGIN_TABULAR)
            if not any(s <= start < e for s, e in spans)]
    for start, content, end in _caption_holders(tex, lone):
        found.append((start, tex[content:end]))
        captions[start] = _table_captionof(tex[content:end])
        spans.append((start, end))
    for name, start, end in lone:
        if not any(s <= start < e for s, e in spans):
            found.append((start, tex[start:end + len(f"\\end{{{name}}}")]))
    for start, body in sorted(found, key=lambda item: item[0]):
        caption = captions[start] if start in captions else _argument_of(body, "caption")
        own = _without_subtables(body) if start in captions else body
        yield caption, _argument_of(own, "label") or _argument_of(body, "label"), body


#: How far back an environment holding a lone tabular may begin (`\\begin{tabhere}`).
_HOLDER_REACH = 2000
_BEGIN_ANY = re.compile(r"\\begin\{([A-Za-z*]+)\}")
_CAPTIONOF_TABLE = re.compile(r"\\captionof\*?\s*\{table\}")


def _caption_holders(tex: str, lone: list[tuple[str, int, int]]
                     ) -> list[tuple[int, int, int]]:
    """(start, content start, end) of each environment that is no float but captions the
    lone tabulars it holds as a table (`\\begin{tabhere} ... \\captionof{table}{...}
    \\label{...} \\end{tabhere}`, a non-floating box a preamble defines): the innermost
    environment around a tabular, when it holds such a caption."""
    holders: dict[int, tuple[int, int, int]] = {}
    for _, start, end in lone:
        holder = _innermost_holder(tex, start, end)
        if holder and _CAPTIONOF_TABLE.search(tex, holder[1], holder[2]):
            holders[holder[0]] = holder
    return sorted(holders.values())


def _innermost_holder(tex: str, start: int, end: int) -> tuple[int, int, int] | None:
    """The innermost environment other than a tabular that holds `tex[start:end]`."""
    begins = list(_BEGIN_ANY.finditer(tex, max(0, start - _HOLDER_REACH), start))
    for begin in reversed(begins):
        if begin.group(1) in _ENVIRONMENTS:
            continue
        close = _environment_end(tex, begin.group(1), begin.end())
        if close is not None and close >= end:
            return begin.start(), begin.end(), close
    return None


def _table_captionof(body: str) -> str | None:
    """The text of `\\captionof{table}{...}` in a body."""
    found = _CAPTIONOF_TABLE.search(body)
    if not found:
        return None
    start = _skip_optional(body, found.end())
    close = _closing(body, start) if start < len(body) and body[start] == "{" else None
    return body[start + 1:close] if close is not None else None


def _without_subtables(body: str) -> str:
    """A float's body with its subtables (`subtable`, `minipage`) left out."""
    pieces, position = [], 0
    for _, start, _, end in _outermost(body, _BEGIN_SUBTABLE):
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    return " ".join(pieces)


def _outermost(tex: str, begins: re.Pattern) -> Iterator[tuple[str, int, int, int]]:
    """(name, start, content start, end) of each outermost environment `begins` opens;
    one never closed is skipped, and its closing not looked for again (linear)."""
    position, unclosed = 0, set()
    for begin in begins.finditer(tex):
        name = begin.group(1)
        if begin.start() < position or name in unclosed:
            continue
        end = _environment_end(tex, name, begin.end())
        if end is None:
            unclosed.add(name)
            continue
        yield name, begin.start(), begin.end(), end
        position = end


def _tabulars(body: str) -> Iterator[tuple[list[_RawRow], str | None, str | None]]:
    """The rows of each outermost tabular of a float's body, and the caption and label
    of the subtable that holds it, if any (`\\ref{tab:3class}` names that part)."""
    subtables = [(start, end) for _, start, _, end in _outermost(body, _BEGIN_SUBTABLE)]
    for name, begin, content, end in _outermost(body, _BEGIN_TABULAR):
        start = _after_arguments(body, content, _ENVIRONMENTS[name])
        holder = next(((s, e) for s, e in subtables if s <= begin < e), None)
        held = body[holder[0]:holder[1]] if holder else ""
        rows = _rows(_IN_ROW_CAPTION.sub(" ", _without_longtable_repeats(body[start:end])))
        yield rows, _argument_of(held, "caption"), _argument_of(held, "label")


def _without_longtable_repeats(body: str) -> str:
    """A longtable's head once, its feet left out: of the parts its markers end, the
    first head (`\\endfirsthead`, else `\\endhead`) and the body after the last."""
    parts = _LONGTABLE_PART.split(body)
    if len(parts) == 1:
        return body
    ended = dict(zip(parts[1::2], parts[0:-1:2], strict=True))
    head = ended.get("endfirsthead", ended.get("endhead", ""))
    return head + "\n" + parts[-1]


def _environment_end(tex: str, name: str, start: int) -> int | None:
    """Where the `\\end{name}` closing an environment opened before `start` begins,
    environments of the same name nested inside counted."""
    begin, end = f"\\begin{{{name}}}", f"\\end{{{name}}}"
    depth, position = 1, start
    while True:
        stop = tex.find(end, position)
        if stop < 0:
            return None
        opened = tex.find(begin, position, stop)
        if opened >= 0:
            depth, position = depth + 1, opened + len(begin)
            continue
        depth -= 1
        if depth == 0:
            return stop
        position = stop + len(end)


def _after_arguments(tex: str, position: int, count: int) -> int:
    """Past `[pos]` and `count` braced arguments (a column spec, a width)."""
    position = _skip_optional(tex, position)
    for _ in range(count):
        position = _skip_space(tex, position)
        if position < len(tex) and tex[position] == "{":
            close = _closing(tex, position)
            position = len(tex) if close is None else close + 1
    return position


def _skip_space(tex: str, position: int) -> int:
    while position < len(tex) and tex[position].isspace():
        position += 1
    return position


def _skip_optional(tex: str, position: int) -> int:
    position = _skip_space(tex, position)
    while position < len(tex) and tex[position] == "[":
        close = tex.find("]", position)
        if close < 0:
            return position
        position = _skip_space(tex, close + 1)
    return position


def _closing(tex: str, start: int) -> int | None:
    """Index of the brace closing the one at `start` (escaped braces skipped)."""
    depth = 0
    index = start
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _argument_of(tex: str, command: str) -> str | None:
    """The braced argument of the first `\\command[...]{...}` in `tex`."""
    found = _arguments_of(tex, command)
    return found[0] if found else None


def _arguments_of(tex: str, command: str) -> list[str]:
    """The braced argument of each `\\command[...]{...}` in `tex`, in order."""
    found = []
    for use in re.finditer(rf"\\{command}\*?(?![A-Za-z])", tex):
        start = _skip_optional(tex, use.end())
        if start >= len(tex) or tex[start] != "{":
            continue
        close = _closing(tex, start)
        if close is not None:
            found.append(tex[start + 1:close])
    return found


def _split_top(tex: str) -> list[list[str]]:
    """`tex` cut at `\\\\` (rows) and `&` (cells) outside braces and nested
    environments: the rows, each a list of cells' source."""
    rows: list[list[str]] = [[]]
    depth = envs = 0
    start = 0
    for token in _TOKEN.finditer(tex):
        text = token.group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth = max(depth - 1, 0)
        elif text.startswith("\\begin{"):
            envs += 1
        elif text.startswith("\\end{"):
            envs = max(envs - 1, 0)
        elif depth or envs:
            continue
        elif text == "&":
            rows[-1].append(tex[start:token.start()])
            start = token.end()
        elif text in ("\\\\", "\\tabularnewline"):
            rows[-1].append(tex[start:token.start()])
            start = _skip_optional_length(tex, token.end())
            rows.append([])
    rows[-1].append(tex[start:])
    return rows


def _skip_optional_length(tex: str, position: int) -> int:
    """Past the `[2pt]` a row end may carry."""
    found = re.match(r"\*?\s*\[[^\]]*\]", tex[position:position + 40])
    return position + found.end() if found else position


def _rows(body: str) -> list[_RawRow]:
    """The rows of a tabular's body, rules stripped and remembered."""
    rows = _split_top(body)
    found: list[_RawRow] = []
    ruled = False
    for cells in rows:
        lead = _RULE.match(cells[0])
        while lead and lead.end() > 0:
            ruled = ruled or (bool(_HEADER_RULE.search(lead.group())) and bool(found))
            cells[0] = cells[0][lead.end():]
            lead = _RULE.match(cells[0])
        parsed = [_raw_cell(cell) for cell in cells]
        if len(parsed) == 1 and not parsed[0].text.strip():
            continue
        found.append(_RawRow(parsed, ruled))
        ruled = False
    return found


def _raw_cell(tex: str) -> _RawCell:
    """A cell's spans and content; `\\multicolumn{2}{c}{\\multirow{2}{*}{x}}` nests."""
    cell = _RawCell("")
    tex = tex.strip()
    for _ in range(4):
        span = _SPAN.match(tex)
        if not span:
            break
        name, arguments = span.group(1), _arguments(tex, span.end())
        if not arguments:
            break
        content, count = arguments[-1], arguments[0]
        if name == "multicolumn" and count.strip().isdigit():
            cell.columns = min(max(int(count), 1), _MAX_SPAN)
        elif name == "multirow" and re.fullmatch(r"-?\d{1,6}", count.strip()):
            cell.rows = min(max(int(count), 1), _MAX_SPAN)
        elif name == "diagbox":
            content = " / ".join(arguments)
        tex = content.strip()
    cell.bold = bool(_BOLD.search(tex))
    cell.underline = bool(_UNDERLINE.search(tex))
    cell.text = tex
    return cell


def _arguments(tex: str, position: int) -> list[str]:
    """The braced (and optional) arguments from `position` on, until neither follows."""
    return _read_arguments(tex, position)[0]


def _read_arguments(tex: str, position: int) -> tuple[list[str], int]:
    """The braced arguments from `position` on (optional ones skipped), and where they end."""
    found: list[str] = []
    while True:
        position = _skip_optional(tex, position)
        if position >= len(tex) or tex[position] != "{":
            return found, position
        close = _closing(tex, position)
        if close is None:
            return found, position
        found.append(tex[position + 1:close])
        position = close + 1


def _grid(rows: list[_RawRow]) -> list[tuple[_RawRow, list[tuple[int, _RawCell]]]]:
    """Each row with its cells at their grid columns (a span takes its columns)."""
    grid = []
    for row in rows:
        column, placed = 0, []
        for cell in row.cells:
            placed.append((column, cell))
            column += cell.columns
        grid.append((row, placed))
    return grid


def _table(grid: list[tuple[_RawRow, list[tuple[int, _RawCell]]]], field: str,
           source: str | None, caption: str, label: str | None, number: int | None,
           prose: Callable[[str], str]) -> Table:
    cells = [[GridCell(cell_text(raw.text, prose), column, raw.columns, raw.rows, raw.bold,
                       raw.underline) for column, raw in placed] for _, placed in grid]
    header = next((index for index, (row, _) in enumerate(grid) if row.ruled), 0)
    return Table(field=field, caption=caption, label=label.strip() if label else None,
                 number=number, source=source, header_rows=header, rows=laid_out(cells))


def cell_text(tex: str, prose: Callable[[str], str]) -> str:
    """A cell's source as text: colours and markers dropped, `\\num`/`\\SI` and symbols
    written out, math delimiters and scripts gone, the rest by `prose`.

    >>> cell_text(r"\\textbf{83.2}$_{\\pm 0.4}$", lambda t: t.replace("\\\\textbf", ""))
    '{83.2} ± 0.4'
    >>> cell_text(r"{MMLU-\\\\STEM} {General\\\\(Avg)}", str)
    '{MMLU-STEM} {General (Avg)}'
    >>> cell_text(r"HN-det R\\textsuperscript{2}", str)
    'HN-det R^2'
    >>> cell_text(r"$3.69 \\times 10^{-31}$", str), cell_text(r"P$^3$IV", str)
    ('3.69 ×10^-31', 'P3IV')
    """
    tex = _siunitx(_DROPPED.sub(" ", _NESTED.sub(" ", tex)))
    tex = re.sub(r"(?<=\w-)\s*(?:\\\\|\\newline)\s*", "", tex)  # `MMLU-\\STEM`: one word
    tex = tex.replace("\\\\", " ").replace("\\newline", " ")
    tex = re.sub(r"(?<!\\)&", " ", tex)
    tex = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1) or m.group(2)], tex)
    tex = re.sub(r"(?<!\\)\$", "", tex)
    tex = re.sub(r"\\text(super|sub)script\s*(?=\{)",  # `R\textsuperscript{2}`: `R^2`
                 lambda m: "^" if m.group(1) == "super" else "_", tex)
    tex = _scripts(tex)
    return " ".join(prose(tex).split())


def _scripts(tex: str) -> str:
    """Sub- and superscripts as plain text: `83.2_{±0.4}` -> `83.2 ±0.4`; a
    superscript that is only a marker (`^{*}`, `^{a}`) goes."""
    def script(found: re.Match) -> str:
        inner = found.group(2) if found.group(2) is not None else found.group(3)
        if found.group(1) == "^" and not re.search(r"\d|±", inner):
            return ""
        if found.group(1) == "^" and re.fullmatch(r"[-−+]?\d+", inner.strip()):
            if found.string[found.end():found.end() + 1].isalpha():
                return inner.strip()  # `P$^3$IV`: a name's glyph, `P3IV`
            return "^" + inner.strip()  # `R^2`, `10^9`, `10^{-31}`
        return " " + inner

    return re.sub(r"([_^])(?:\{([^{}]*)\}|(\\?[^\s{}\\]))", script, tex)


def _siunitx(tex: str) -> str:
    """`\\num{3.2}` -> `3.2`, `\\SI{3.2}{\\giga\\byte}` -> `3.2 GB`, `\\si{\\ms}`."""
    def number(found: re.Match) -> str:
        args = _arguments(tex, found.end())
        if not args:
            return found.group()
        name = found.group(1)
        if name in ("num", "tablenum"):
            return args[0]
        if name == "si":
            return _si_unit(args[0])
        if name in ("SIrange", "qtyrange", "numrange") and len(args) >= 2:
            unit = _si_unit(args[2]) if len(args) > 2 else ""
            return f"{args[0]}–{args[1]} {unit}".strip()
        return f"{args[0]} {_si_unit(args[1])}" if len(args) > 1 else args[0]

    pieces, position = [], 0
    for found in re.finditer(r"\\(num|tablenum|SI|qty|si|SIrange|qtyrange|numrange)"
                             r"(?![A-Za-z])", tex):
        if found.start() < position:
            continue
        args_end = _end_of_arguments(tex, found.end())
        pieces.append(tex[position:found.start()])
        pieces.append(number(found))
        position = args_end
    pieces.append(tex[position:])
    return "".join(pieces)


def _end_of_arguments(tex: str, position: int) -> int:
    return _read_arguments(tex, position)[1]


def _si_unit(units: str) -> str:
    """siunitx unit macros as text: `\\giga\\byte` -> `GB`, `\\milli\\second` -> `ms`."""
    return _UNIT_MACRO.sub(lambda m: _SI_UNITS.get(m.group(1), m.group(1)), units).replace(
        "{", "").replace("}", "").strip()
