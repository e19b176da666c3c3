"""What a PDF page shows, from its text layer's positions (through pdfplumber): lines of
text in reading order (columns one after the other) with their size, weight and place,
and the tables and figures, whose text is set apart so that it never becomes prose.

A table is a grid drawn with rules: every rule (`lines`), or horizontal rules only
(`booktabs`) when a `Table N` caption stands beside it; its cells are kept as rows of
texts with the page and the box. A figure is a cluster of drawn marks (curves, lines,
rectangles) or an image; the words on it are its labels, not sentences.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

#: A box on a page: x0, top, x1, bottom in points from the top left corner.
Box = tuple[float, float, float, float]
#: A word as pdfplumber gives it: text, x0, x1, top, bottom, size, fontname, upright.
Word = dict
#: A footnote mark in a line: a small number (or several) or a dagger, after a word.
_MARK = re.compile(r"(?:\d{1,2}|[*†‡§¶]+)(?:,(?:\d{1,2}|[*†‡§¶]+))*")
_AFTER_WORD = re.compile(r"[A-Za-z.,;:)\]]$")
#: A draft's line numbers: this many numbers at one x, one under the other.
_LINE_NUMBER = re.compile(r"\d{1,4}")
_NUMBERED_LINES = 15

#: Fonts in bold (LaTeX's Times is NimbusRomNo9L-Medi, Computer Modern's is CMBX).
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|-medi|cmbx|\.b$", re.IGNORECASE)
#: `Table 2:`, `Table 2.`, `Table 2 |` at the start of a line: a table's caption.
TABLE_CAPTION = re.compile(r"(?:Table|Tab\.)\s*[0-9IVX]+\s*[.:|]")
#: The same for figures.
FIGURE_CAPTION = re.compile(r"(?:Figure|Fig\.)\s*[0-9]+\s*[.:|]")
#: Letters farther apart than this share of their size are two words: justified lines
#: set spaces as narrow as a fifth of the type (pdfplumber's 3 points glued them).
_SPACE = 0.15
#: Marks closer than this (points) belong to one figure.
_FIGURE_GAP = 6.0
#: A figure has at least this many marks (a box around a paragraph is not one) or an image.
_FIGURE_MARKS = 10
#: A mark covering more grid cells than this is large: only its edge counts.
_LARGE_MARK = 400
#: Marks in one grid cell past which they are all one figure.
_CROWDED = 16
#: Most large marks whose insides are looked at.
_MAX_LARGE = 50
#: Most drawn marks on a page looked at one by one.
_MAX_MARKS = 20_000
#: Labels beside a figure's marks (axis titles, tick labels) are this close to them.
_LABEL_MARGIN = 8.0
#: The gap between two columns is at least this wide (points); a space between words is
#: far narrower.
_GUTTER = 8.0
#: On a two-column page at most this share of the rows runs across the gutter.
_SPANNING = 0.3
_BOOKTABS = {"vertical_strategy": "text", "horizontal_strategy": "lines",
             "min_words_vertical": 2, "intersection_y_tolerance": 8,
             "intersection_x_tolerance": 8}
#: A word this long cut by a column's edge with most of a letter (this share) on each
#: side is one word over two columns; a shorter one may be two symbols set close.
_LONG_WORD, _CUT_SHARE = 4, 0.75
#: Most rules on a page searched for tables.
_MAX_EDGES = 5_000
#: The rules of a booktabs table are at least this long (points).
_MIN_RULE = 30.0
#: The tallest type (points) a rule may underline.
_UNDERLINE_REACH = 30.0
#: A booktabs table has its caption this close (points) above or below.
_CAPTION_DISTANCE = 40.0
#: Of a caption's gaps to the tables over and under it, the one under this share of
#: the other is to its own table.
_NEARER = 0.75
#: A caption's head (`Table`, `1`, `|`) spans at most this many words.
_CAPTION_HEAD = 3


@dataclass(frozen=True)
class PdfTable:
    """A table found on a page: its rows of cell texts (None for a cell merged into its
    neighbour), the page (1-based), its box, and its `Table N` caption when one stands
    right above or below it."""

    page: int
    bbox: Box
    rows: list[list[str | None]]
    caption: str = ""


@dataclass(frozen=True)
class Line:
    """A line of text as the page shows it, in reading order."""

    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    #: Where on its page the line stands, as a share of the page's height (0 top, 1 bottom).
    height_share: float
    #: Size of the first word, when it differs from the rest (a footnote's mark).
    first_size: float
    #: Gaps between words wider than the type's size: two or more in a line make it a
    #: row of a table drawn without rules (prose sets words a space apart).
    wide_gaps: int = 0
    #: Most words between two such gaps: a table's cell holds a few, prose many.
    longest_cell: int = 0


@dataclass(frozen=True)
class PageLayout:
    lines: list[Line]
    tables: list[PdfTable]
    #: Why the page's tables could not be searched, when they could not.
    problem: str | None = None


def page_layout(page, number: int) -> PageLayout:
    """The lines of a pdfplumber page outside its tables and figures, and its tables;
    where the table search fails on a page's drawing, the page's lines all the same (the
    other pages keep their tables) and why."""
    page = _readable(page)
    words = _without_line_numbers(_small_capitals_joined(
        [{**word, "text": plain_letters(word["text"])}
         for word in page.extract_words(extra_attrs=["size", "fontname"],
                                        x_tolerance_ratio=_SPACE)
         if word.get("upright", True)]))
    figures = _figures(page)
    problem = None
    try:
        tables = _tables(page, number, words, figures)
    except Exception as exc:  # pdfplumber's geometry on a malformed drawing
        tables = []
        problem = (f"the tables of page {number} could not be searched "
                   f"({type(exc).__name__}: {' '.join(str(exc).split())[:120]}); "
                   "its text was read as prose")
    hidden = [table.bbox for table in tables] + figures
    words = [word for word in words if not any(_inside(word, box) for box in hidden)]
    return PageLayout(_lines(words, number, float(page.width), float(page.height)), tables,
                      problem)


#: What the text layer gives for a glyph it cannot map to a letter: the glyph's code as
#: control characters (a two-byte code read as two one-byte ones, `\x00\x13`), or
#: pdfminer's `(cid:16)`.
_GLYPH_CODE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\(cid:\d+\)")


def unmapped_glyph(text: str) -> bool:
    """Whether a character's text is a glyph code rather than a letter (a figure's
    labels in a font embedded without its map to Unicode): never a cell or prose."""
    return bool(_GLYPH_CODE.search(text))


def _readable(page):
    """The page without its characters whose text is a glyph code."""
    return page.filter(lambda thing: thing.get("object_type") != "char"
                       or not unmapped_glyph(thing.get("text", "")))


#: Letters and digits set in a mathematical alphabet (`𝑃`, `𝐼`, `𝜀`: math italic).
_MATH_LETTER = re.compile("[\U0001D400-\U0001D7FF]")


def plain_letters(text: str) -> str:
    """The text with letters of mathematical alphabets as plain ones (`𝑃 × 𝐸` is
    `P × E`), one character for one: a table's `𝐼/pair` names the `I` its prose writes."""
    return _MATH_LETTER.sub(lambda found: unicodedata.normalize("NFKC", found[0]), text)


#: Letters of a word set in small capitals: capitals a smaller size than the word's first.
_CAPITALS = re.compile(r"[A-Z]+[-.,;:)]?")


def _small_capitals_joined(words: list[dict]) -> list[Word]:
    """Words set in small capitals (`LiBERTus` as `L`, `I`, `BERT`, `US`: the text layer
    splits a word where its type size changes) joined again: letters of one font on one
    baseline with no space between them, the smaller ones capitals (a raised footnote
    mark stands off the baseline)."""
    joined: list[dict] = []
    for word in words:
        last = joined[-1] if joined else None
        if last is not None and _small_capital_neighbour(last, word):
            joined[-1] = {**last, "text": last["text"] + word["text"], "x1": word["x1"],
                          "top": min(last["top"], word["top"]),
                          "bottom": max(last["bottom"], word["bottom"]),
                          "size": max(last["size"], word["size"]),
                          "last": {**word, "text": last["last"]["text"] + word["text"]
                                   if word["size"] == last["last"]["size"] else word["text"]}}
        else:
            joined.append({**word, "last": word})
    for word in joined:
        del word["last"]
    return joined


def _small_capital_neighbour(joined: dict, right: dict) -> bool:
    """Whether a word goes on the last piece of the words joined before it."""
    left = joined["last"]
    size = max(left["size"], right["size"])
    smaller = min((left, right), key=lambda word: word["size"])
    return (left.get("fontname") == right.get("fontname") and left["size"] != right["size"]
            and 0.6 * size <= smaller["size"]
            and -0.5 < right["x0"] - left["x1"] < _SPACE * size * 0.6
            and abs(left["bottom"] - right["bottom"]) < 0.1 * size
            and left["text"][-1:].isalpha() and right["text"][:1].isalpha()
            and bool(_CAPITALS.fullmatch(smaller["text"])))


def _without_line_numbers(words: list[dict]) -> list[Word]:
    """Words without the line numbers of a submitted draft (`002`, `003`, ... down the
    margins and the gutter): numbers standing one under the other at one x, many of
    them, are no text of the paper."""
    columns: dict[int, list[dict]] = {}
    for word in words:
        if _LINE_NUMBER.fullmatch(word["text"]):
            columns.setdefault(round(word["x1"]), []).append(word)
    numbering = {id(word) for column in columns.values() if len(column) >= _NUMBERED_LINES
                 for word in column}
    return [word for word in words if id(word) not in numbering]


def _inside(word: dict, box: Box) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


# --- tables ---------------------------------------------------------------------------


def _tables(page, number: int, words: list[dict], figures: list[Box] = ()
            ) -> list[PdfTable]:
    """Tables drawn with rules: a full grid, or rules across the table only (booktabs)
    beside a `Table N` caption, read by those rules in place of grids over the same
    place when that fills more cells (shaded rows' boxes cut lines apart or draw a
    table's parts as grids of their own).
    Pages without horizontal rules are not searched."""
    if not page.horizontal_edges or len(page.edges) > _MAX_EDGES:
        return []  # no rules; or so many that it is a drawing, too slow to search
    found = [(table.bbox, rows) for table in page.find_tables()
             if _is_grid(rows := _cells(table))]
    rules = _without_underlines(sorted((_box(edge) for edge in page.horizontal_edges
                                        if edge["x1"] - edge["x0"] >= _MIN_RULE),
                                       key=lambda b: b[1]), words)
    captions = [_caption_block(word, words, rules) for word in _caption_words(words)]
    usual = _usual_sides(rules, captions)
    given: dict[Box, Box] = {}
    for box, caption in _booktabs_boxes(page, captions, rules, usual, figures, words):
        over = [index for index, (other, _) in enumerate(found) if _mostly_over(box, other)]
        rows = _booktabs_rows(page, box)
        if rows and _is_grid(rows) and (
                _filled(rows) > sum(_filled(found[index][1]) for index in over)):
            # shaded rows or cells drew grids that cut lines apart or the table in pieces
            found = [table for index, table in enumerate(found) if index not in over]
            found.append((box, rows))
            if caption is not None:
                given[box] = caption
    found.sort(key=lambda table: (table[0][1], table[0][0]))
    named = _captioned([box for box, _ in found], captions, usual, _subcaptions(words))
    named = [given.get(box, caption) for (box, _), caption in zip(found, named, strict=True)]
    return [PdfTable(number, tuple(float(v) for v in box), rows,
                     _caption_line(named[index], words) if named[index] else "")
            for index, (box, rows) in enumerate(found)
            if named[index] or not any(_mostly_inside(box, figure) for figure in figures)]


def _without_underlines(rules: list[Box], words: list[dict]) -> list[Box]:
    """Rules that are no underline: a rule through the boxes of the words over its
    whole length (`second-best are underlined` in a caption) marks those words; a
    table's rules stand between lines of text, never inside one."""
    lines = sorted(words, key=lambda word: word["top"])
    tops = [word["top"] for word in lines]
    return [rule for rule in rules if not _underlines(rule, lines[
        bisect_left(tops, rule[1] - _UNDERLINE_REACH):bisect_left(tops, rule[1])])]


def _underlines(rule: Box, near: list[dict]) -> bool:
    """Whether a rule runs through the words near it, within their extent."""
    crossed = [word for word in near if word["top"] < rule[1] <= word["bottom"] + 0.3
               and word["x0"] < rule[2] and rule[0] < word["x1"]]
    return bool(crossed) and min(word["x0"] for word in crossed) - 2 <= rule[0] \
        and rule[2] <= max(word["x1"] for word in crossed) + 2


def _mostly_inside(box: Box, outer: Box) -> bool:
    """Whether most of a box lies inside another: a grid no `Table N` caption names
    inside a figure is the plot's own drawing (axes, bars), not a table."""
    return _shared_area(box, outer) > 0.9 * _area_of(box)


def _captioned(boxes: list[Box], captions: list[Box], usual: set[bool],
               subcaptions: list[Box] = ()) -> list[Box | None]:
    """Each table's caption: the nearest (within the caption distance) that may name
    it, when the table is that caption's nearest or stands beside it (subtables side by
    side at one height), not a drawing further off under a wide caption. A caption
    with tables on both sides names those on the side the page's captions keep; when
    they keep none, the side where a subtable's own caption (`(a) HumanEval`) stands
    between table and caption; else the side no caption with tables on one side only
    takes; else neither."""
    def beside(box: Box, caption: Box) -> bool:
        return _over_or_left(box, caption) and \
            _caption_distance(box, caption) <= _CAPTION_DISTANCE

    def under(box: Box, caption: Box) -> bool:
        return box[1] >= caption[3] - 1

    sides = {caption: {under(box, caption) for box in boxes if beside(box, caption)}
             for caption in captions}
    taken = [box for box in boxes for caption in captions
             if len(sides[caption]) == 1 and beside(box, caption)]

    def names(box: Box, caption: Box) -> bool:
        if not beside(box, caption) or len(sides[caption]) == 1:
            return beside(box, caption)
        if len(usual) == 1:
            return under(box, caption) in usual
        marked = {under(other, caption) for other in boxes if beside(other, caption)
                  and any(_between(sub, other, caption) for sub in subcaptions)}
        if len(marked) == 1:
            return under(box, caption) in marked
        free = {under(other, caption) for other in boxes
                if beside(other, caption) and other not in taken}
        return free == {under(box, caption)}

    near = [min((caption for caption in captions if names(box, caption)),
                key=lambda c: _caption_distance(box, c), default=None) for box in boxes]
    named: list[Box | None] = []
    for box, caption in zip(boxes, near, strict=True):
        if caption is not None:
            own = min((other for other, c in zip(boxes, near, strict=True) if c == caption),
                      key=lambda other: _caption_distance(other, caption))
            if not (box[1] < own[3] and own[1] < box[3]):
                caption = None
        named.append(caption)
    return named


#: A subtable's own caption: `(a)` opening a line, maybe glued to its first word.
_SUBCAPTION = re.compile(r"\([a-h]\)")


def _subcaptions(words: list[dict]) -> list[Box]:
    """The boxes of the words that open a subtable's caption (`(a)`, `(b)HumanEval`)."""
    return [(word["x0"], word["top"], word["x1"], word["bottom"]) for word in words
            if _SUBCAPTION.match(word["text"])]


def _between(word: Box, table: Box, caption: Box) -> bool:
    """Whether a word stands under a table's columns, between it and a caption."""
    if not table[0] <= (word[0] + word[2]) / 2 <= table[2]:
        return False
    if table[3] <= caption[1]:
        return table[3] - 1 <= word[1] and word[3] <= caption[1] + 1
    return caption[3] - 1 <= word[1] and word[3] <= table[1] + 1


def _booktabs_rows(page, box: Box) -> list[list[str | None]]:
    """A booktabs table's rows: between its rules, or by its text lines when those give
    more cells of one number (shaded cells draw edges that put rows together), or as
    many and fewer rows that are one cell across the table (rules that close no column
    of a header put its lines in one cell, `Model #TP #AP USACO`)."""
    box = _on_the_page(box, page.bbox)
    readings = []
    for strategy in ("lines", "text"):
        settings = {**_BOOKTABS, "explicit_vertical_lines": [box[0], box[2]],
                    "horizontal_strategy": strategy}
        tables = page.crop(box).find_tables(settings)
        if tables:
            readings.append(_joined_spill(_cells(max(tables, key=_area))))
    return _best_reading(readings)


def _on_the_page(box: Box, page: Box) -> Box:
    """The part of a box on the page: a rule may run a little past its edge (612.02 on a
    page 612 wide), and pdfplumber crops nothing that is not wholly on it."""
    return (max(box[0], page[0]), max(box[1], page[1]), min(box[2], page[2]),
            min(box[3], page[3]))


def _best_reading(readings: list[list[list[str | None]]]) -> list[list[str | None]]:
    """Of readings of one table, the one with most cells of one number; of as many,
    the one with fewest rows that are one cell across the table."""
    return max(readings, key=lambda rows: (_numbers(rows), -_across_table(rows)),
               default=[])


def _across_table(rows: list[list[str | None]]) -> int:
    """How many rows of a table of three columns or more are one cell across it."""
    return sum(len(row) > 2 and bool((row[0] or "").strip())
               and all(cell is None for cell in row[1:]) for row in rows)


#: A cell that is one number (`0.946`, `85.1`, `-3`, `12%`).
_ONE_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?%?")


def _numbers(rows: list[list[str | None]]) -> int:
    """How many cells hold one number each, in rows of two such or more (a header's
    lone `10%` is none): of two readings of a table, the one that puts no rows together
    holds more."""
    counts = [sum(bool(cell and _ONE_NUMBER.fullmatch(cell.strip())) for cell in row)
              for row in rows]
    return sum(count for count in counts if count > 1)


def _caption_block(first: dict, words: list[dict], rules: list[Box] = ()) -> Box:
    """The box of a `Table N` caption from its first word: its first line as far as the
    words run on without a column's gutter, and the lines under it that start within
    that line's extent, a line's height apart at most (a caption of several lines), up
    to the first rule under its first line (a table set right under its caption, its
    lines as close as the caption's, is no part of it)."""
    height = first["bottom"] - first["top"]
    line = sorted((word for word in words if word["x0"] >= first["x0"] - 1
                   and abs(word["top"] + word["bottom"] - first["top"] - first["bottom"])
                   < height), key=lambda word: word["x0"])
    x1 = first["x1"]
    for word in line:
        if word["x0"] - x1 > _GUTTER:
            break
        x1 = max(x1, word["x1"])
    bottom = first["bottom"]
    stop = min((rule[1] for rule in rules if rule[1] >= first["bottom"] - 1
                and _across(rule, (first["x0"], first["top"], x1, bottom))), default=math.inf)
    while True:
        below = [word["bottom"] for word in words if first["x0"] - 1 <= word["x0"] < x1
                 and bottom - height / 2 < word["top"] <= bottom + height * 0.8
                 and word["bottom"] <= stop]
        if not below or max(below) <= bottom:
            return (first["x0"], first["top"], x1, bottom)
        bottom = max(below)


def _across(rule: Box, caption: Box) -> bool:
    """Whether a rule and a caption stand over one another: they share at least half
    the narrower one's width (a caption may be wider than its table, or narrower)."""
    shared = min(rule[2], caption[2]) - max(rule[0], caption[0])
    return shared >= 0.5 * min(rule[2] - rule[0], caption[2] - caption[0])


def _over_or_left(box: Box, caption: Box) -> bool:
    """Whether a caption stands over a table (or a rule of it), or starts left of it and
    reaches into it: a short caption set at the margin over a centred table (`Table 1:
    Hindi (chrF2).`)."""
    return _across(box, caption) or caption[0] < box[0] < caption[2]


def _caption_distance(box: Box, caption: Box) -> float:
    """How far a caption stands from a table's box: above it or below it."""
    return min(abs(box[1] - caption[3]), abs(caption[1] - box[3]))


def _caption_line(caption: Box, words: list[dict]) -> str:
    """The text of a `Table N` caption, its lines in order (the datasets and metrics it
    names may stand past its first line)."""
    inside = sorted((word for word in words if caption[0] - 1 <= word["x0"]
                     and word["x1"] <= caption[2] + 1
                     and caption[1] <= (word["top"] + word["bottom"]) / 2 <= caption[3]),
                    key=lambda word: word["top"])
    lines: list[list[dict]] = []
    for word in inside:
        middle = (word["top"] + word["bottom"]) / 2
        if lines and abs(middle - (lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2) \
                < (word["bottom"] - word["top"]) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(word["text"] for line in lines
                    for word in sorted(line, key=lambda word: word["x0"]))


def _usual_sides(rules: list[Box], captions: list[Box]) -> set[bool]:
    """Where a page's tables stand from their captions (True: under them), by the votes
    of its captions: one with rules on one side only votes for that side, one between
    two tables for the table it stands clearly nearer (a caption is set closer to its
    own table than to the one before it, so a table continued from the page before
    does not turn the page's captions round); both sides when the votes are even."""
    votes = [side for caption in captions if (side := _caption_side(rules, caption)) is not None]
    if votes.count(True) == votes.count(False):
        return {True, False}
    return {votes.count(True) > votes.count(False)}


def _caption_side(rules: list[Box], caption: Box) -> bool | None:
    """The side (True: under) a caption's table stands by its rules: the only side with
    a rule near, or of two the one clearly nearer; None when neither tells."""
    gaps = {below: (rule[1] - caption[3] if below else caption[1] - rule[3])
            for below in (True, False) if (rule := _nearest_rule(rules, caption, below))}
    if len(gaps) == 1:
        return next(iter(gaps))
    if len(gaps) == 2 and min(gaps.values()) < _NEARER * max(gaps.values()):
        return min(gaps, key=gaps.get)
    return None


def _booktabs_boxes(page, captions: list[Box], rules: list[Box], usual: set[bool],
                    figures: list[Box] = (), words: list[dict] = ()
                    ) -> Iterable[tuple[Box, Box | None]]:
    """For each table caption, the box between the rules of the table under it (or over
    it, on the side the page's captions stand when rules are on both): the rule nearest
    the caption and the rules of the same extent after it, up to the next caption over
    or under those rules (not one in the other column), and not into a plot past it
    (whose frame may draw rules of the table's extent). On
    a page whose captions keep one side, the tables stacked past it up to the next
    caption (subtables under one caption) follow, each with that caption."""
    for caption in captions:
        sides = [below for below in (True, False) if _nearest_rule(rules, caption, below)]
        for below in sides:
            if len(sides) > 1 and below not in usual:
                continue
            first, given = _nearest_rule(rules, caption, below), None
            tops = [other[1] for other in captions if _across(first, other)]  # its column
            limit = (min((t for t in tops if t > caption[1]), default=page.height)
                     if below else max((t for t in tops if t < caption[1]), default=0))
            while first is not None:
                group = [rule for rule in rules if abs(rule[0] - first[0]) < 3
                         and abs(rule[2] - first[2]) < 3
                         and (first[1] <= rule[1] < limit if below
                              else limit < rule[1] <= first[1])]
                group = _plot_rules_out(group, first, figures, words, below)
                if len(group) < 2:
                    break
                box = (first[0], min(r[1] for r in group) - 1, first[2],
                       max(r[3] for r in group) + 1)
                yield box, given
                if usual != {below}:
                    break
                first, given = _next_group(rules, box, below, limit), caption
                if first is not None and _in_plot(first, box, figures):
                    break


def _plot_rules_out(group: list[Box], first: Box, figures: list[Box], words: list[dict],
                    below: bool) -> list[Box]:
    """A table's rules up to the first drawn by a plot past it: a rule inside a figure
    reaching out past the table's sides, with words of that figure beside the table's
    width before the rule (a plot's axis labels; the table's own rows stand within its
    rules, and its own marks, shaded rows, cluster within its width)."""
    wide = _wider(figures, first)
    kept: list[Box] = []
    for rule in sorted(group, key=lambda r: r[1], reverse=not below):
        if kept and any(_holds(figure, rule) and _labels_beside(
                figure, first, kept[-1], rule, words) for figure in wide):
            break
        kept.append(rule)
    return kept


def _wider(figures: list[Box], table: Box) -> list[Box]:
    """The figures reaching out past a table's sides (further than their labels' margin)."""
    reach = _LABEL_MARGIN + _GUTTER / 2
    return [figure for figure in figures
            if figure[0] < table[0] - reach or figure[2] > table[2] + reach]


def _in_plot(rule: Box, table: Box, figures: list[Box]) -> bool:
    """Whether a rule past a table is drawn by a plot, not a table stacked on it: it
    stands in a figure wider than the table that does not hold the table."""
    return any(_holds(figure, rule) and not _holds(figure, table)
               for figure in _wider(figures, table))


def _labels_beside(figure: Box, table: Box, one: Box, other: Box, words: list[dict]
                   ) -> bool:
    """Whether a figure holds words between two rules, outside the table's width."""
    top, bottom = min(one[1], other[1]), max(one[1], other[1])
    return any(_inside(word, figure) and top < word["top"] and word["bottom"] < bottom
               and (word["x1"] < table[0] or word["x0"] > table[2]) for word in words)


def _next_group(rules: list[Box], box: Box, below: bool, limit: float) -> Box | None:
    """The rule of another table right past a table's box (a subtable stacked on it),
    within the caption distance and before the limit."""
    near = [rule for rule in rules if (
        0 < rule[1] - box[3] <= _CAPTION_DISTANCE and rule[1] < limit if below
        else 0 < box[1] - rule[1] <= _CAPTION_DISTANCE and rule[1] > limit)]
    return min(near, key=lambda r: abs(r[1] - (box[3] if below else box[1])), default=None)


def _nearest_rule(rules: list[Box], caption: Box, below: bool) -> Box | None:
    """The rule nearest a caption under it (or over it), within the caption distance."""
    near = [rule for rule in rules if _over_or_left(rule, caption)
            and 0 <= (rule[1] - caption[3] if below else caption[1] - rule[3])
            <= _CAPTION_DISTANCE]
    return min(near, key=lambda r: abs(r[1] - (caption[3] if below else caption[1])),
               default=None)


def _joined_spill(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Columns with a single cell of text beside a cell with text: a header's words that
    reach past its column (`Compression | rate`), joined to their cell again."""
    width = max((len(row) for row in rows), default=0)
    for column in range(width - 1, 0, -1):
        filled = [row for row in rows if len(row) > column and (row[column] or "").strip()]
        if len(filled) == 1 and (filled[0][column - 1] or "").strip():
            row = filled[0]
            row[column - 1] = f"{row[column - 1]} {row[column].strip()}"
            for other in rows:
                if len(other) > column:
                    del other[column]
    return rows


def _area(table) -> float:
    return _area_of(table.bbox)


def _cells(table) -> list[list[str | None]]:
    """The rows of a table's cell texts, words apart as in the text (`_SPACE`); rows
    that a grid without rules between them stacked in one (each filled cell holding the
    same number of lines) split again; rows and columns empty in every cell left out
    (the edges of shaded cells cut empty rows between the lines of text)."""
    rows: list[list[str | None]] = []
    for row in _spanning_words_joined(table, table.extract(x_tolerance_ratio=_SPACE)):
        row = [None if text is None else plain_letters(text) for text in row]
        lines = [cell.split("\n") for cell in row if cell]
        count = len(lines[0]) if lines else 1
        if count > 1 and all(len(cell) == count for cell in lines):
            rows += [[cell.split("\n")[line] if cell else cell for cell in row]
                     for line in range(count)]
        else:
            rows.append(row)
    rows = [row for row in rows if any((cell or "").strip() for cell in row)]
    kept = [column for column in range(max((len(row) for row in rows), default=0))
            if any(len(row) > column and (row[column] or "").strip() for row in rows)]
    return _unpacked(_lines_spread([[row[column] if column < len(row) else None
                                     for column in kept] for row in rows]))


def _lines_spread(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A cell of as many lines as the rows it stands over (its own and those under it
    that the finder merged into it, None in its column, their other cells filled: the
    labels of a table ruled only above and below), a line to each row."""
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            lines = (text or "").split("\n")
            below = rows[index + 1:index + len(lines)]
            if len(lines) < 2 or len(below) != len(lines) - 1 or not all(
                    len(other) > column and other[column] is None
                    and any((cell or "").strip() for cell in other) for other in below):
                continue
            row[column] = lines[0]
            for other, line in zip(below, lines[1:], strict=True):
                other[column] = line
    return rows


#: A number or a dash standing for none, one of several a cell packs.
_PACKED_TOKEN = r"(?:[-+−]?\d[\d,]*(?:\.\d+)?%?|[-–—])"


def _unpacked(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Columns printed too close for the finder to split: every body cell of a column
    holding the same count of numbers apart by spaces (`85.1 47.7 17.7` under `Low Mid
    High`) is as many columns; a header line of that many words names them, the lines
    above it span them."""
    width = max((len(row) for row in rows), default=0)
    for column in range(width - 1, -1, -1):
        count = _packed_count(rows, column)
        if count:
            rows = _split_column(_header_lines_apart(rows, column), column, count)
    return rows


def _packed_count(rows: list[list[str | None]], column: int) -> int:
    """How many numbers each body cell of a column packs (0: one, or not all alike)."""
    texts = [(row[column] or "").split() for row in rows if len(row) > column
             and row[column] and _numbers_in(row) > 0]
    counts = {len(words) for words in texts}
    if len(texts) < 2 or len(counts) != 1 or counts == {1} or not all(
            re.fullmatch(_PACKED_TOKEN, word) for words in texts for word in words):
        return 0
    return counts.pop() if any("." in " ".join(words) for words in texts) else 0


def _numbers_in(row: list[str | None]) -> int:
    return sum(bool(cell and re.fullmatch(rf"{_PACKED_TOKEN}(?:\s+{_PACKED_TOKEN})*",
                                           cell.strip()) and re.search(r"\d", cell))
               for cell in row)


def _header_lines_apart(rows: list[list[str | None]], column: int
                        ) -> list[list[str | None]]:
    """The header rows whose cell over a packed column stacks several lines, cut into a
    row per line (a cell of fewer lines keeps its first rows), so its lowest line can
    name the packed numbers one by one."""
    result: list[list[str | None]] = []
    for index, row in enumerate(rows):
        cell = row[column] if len(row) > column else None
        lines = (cell or "").split("\n")
        if _numbers_in(row) or len(lines) < 2 or any(_numbers_in(r) for r in rows[:index]):
            result.append(row)
            continue
        split = [(other or "").split("\n") if other is not None else None for other in row]
        for line in range(len(lines)):
            result.append([None if parts is None else (parts[line] if line < len(parts)
                                                       else "") for parts in split])
    return result


def _split_column(rows: list[list[str | None]], column: int, count: int
                  ) -> list[list[str | None]]:
    """A packed column as `count` columns: numbers and a header line of as many words
    one by one, any other text spanning them all."""
    result = []
    for row in rows:
        if len(row) <= column:
            result.append(row)
            continue
        cell = row[column]
        words = (cell or "").split()
        if cell is not None and len(words) == count and "\n" not in cell.strip():
            parts: list[str | None] = list(words)
        else:
            parts = [cell] + [None] * (count - 1)
        result.append([*row[:column], *parts, *row[column + 1:]])
    return result


def _spanning_words_joined(table, rows: list[list[str | None]]) -> list[list[str | None]]:
    """A cell whose word runs on over the next column's edge (`HumanEval` over two
    columns read as `Human | Eval`) holds the next cell's text too, the next merged
    into it (None), as a header spanning two columns. When each of the two cells holds
    words of its own besides the cut word (`POS tag. Mor | ph. annot.`), they are two
    headers the finder's edge cut wrong: their words are parted again at the widest gap
    between them (`POS tag. | Morph. annot.`)."""
    words = table.page.extract_words(x_tolerance_ratio=_SPACE)
    for texts, row in zip(rows, table.rows, strict=False):
        for index in range(len(row.cells) - 1):
            left, right = row.cells[index], row.cells[index + 1]
            if left is None or right is None or texts[index] is None \
                    or texts[index + 1] is None:
                continue
            edge = left[2]
            if any(_straddles(word, edge)
                   and left[1] <= (word["top"] + word["bottom"]) / 2 <= left[3]
                   for word in words):
                parted = _parted(texts[index], texts[index + 1], left, right, words)
                if parted:
                    texts[index], texts[index + 1] = parted
                else:
                    texts[index] = f"{texts[index]}{texts[index + 1]}"
                    texts[index + 1] = None
    return rows


def _parted(left_text: str, right_text: str, left: Box, right: Box, words: list[dict]
            ) -> tuple[str, str] | None:
    """Two one-line cells that each hold more than the pieces of the word cut between
    them, parted at the widest gap between their words; None when either holds only
    its piece (a header spanning both)."""
    if "\n" in left_text + right_text or len(left_text.split()) < 2 \
            or len(right_text.split()) < 2:
        return None
    inside = sorted((word for word in words if left[0] - 1 <= word["x0"]
                     and word["x1"] <= right[2] + 1
                     and left[1] <= (word["top"] + word["bottom"]) / 2 <= left[3]),
                    key=lambda word: word["x0"])
    if len(inside) < 2:
        return None
    gaps = [inside[k + 1]["x0"] - inside[k]["x1"] for k in range(len(inside) - 1)]
    cut = gaps.index(max(gaps)) + 1
    return (" ".join(word["text"] for word in inside[:cut]),
            " ".join(word["text"] for word in inside[cut:]))


def _straddles(word: dict, edge: float) -> bool:
    """Whether a word runs over a column's edge by more than a letter on each side (a
    finder's edge through a short word, as `pe` cut after its `p`, joins no columns),
    or a long word by most of a letter (`F1 S | core↑`: `Score↑` cut after its `S`)."""
    letter = (word["x1"] - word["x0"]) / max(len(word["text"]), 1)
    reach = max(1.0, letter) if len(word["text"]) < _LONG_WORD else _CUT_SHARE * letter
    return word["x0"] < edge - reach and word["x1"] > edge + reach


def _filled(rows: list[list[str | None]]) -> int:
    """How many cells hold text: of two readings of one table, the one cutting none
    apart fills more."""
    return sum(bool(cell and cell.strip()) for row in rows for cell in row)


def _is_grid(rows: list[list[str | None]]) -> bool:
    """At least two rows and two columns with text in them."""
    filled = [row for row in rows if sum(bool(cell and cell.strip()) for cell in row) >= 2]
    return len(filled) >= 2


def _caption_words(words: list[dict]) -> Iterable[dict]:
    """The first word of each `Table N` caption, read with the words after it on its
    line up to its stop (`Table 2:`, `Table 2 .`, or `Table 1 |` whose bar is a word of
    its own, set in a symbol font)."""
    for index, first in enumerate(words):
        line = [first["text"]]
        for word in words[index + 1:index + _CAPTION_HEAD]:
            if abs(word["bottom"] - first["bottom"]) > (first["bottom"] - first["top"]) / 2:
                break
            line.append(word["text"])
        if TABLE_CAPTION.match(" ".join(line)) and not _runs_on_from(first, words):
            yield first


def _runs_on_from(first: dict, words: list[dict]) -> bool:
    """Whether a word goes on from a word right before it on its line (`... shown in
    Table 1. The results`: prose naming a table, not its caption, which opens its line;
    a column's gutter parts it from the other column's text)."""
    height = first["bottom"] - first["top"]
    return any(first["x0"] - _GUTTER < word["x1"] <= first["x0"] + 0.5
               and abs(word["bottom"] - first["bottom"]) < height / 2
               for word in words if word is not first)


def _overlap(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _mostly_over(one: Box, other: Box) -> bool:
    """Whether two boxes overlap over half the smaller: one table read twice, not a
    plot's grid whose clipped bars run down onto the top rows of a table under it."""
    return _shared_area(one, other) > min(_area_of(one), _area_of(other)) / 2


def _area_of(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _shared_area(one: Box, other: Box) -> float:
    """The area two boxes share (0 when they do not overlap)."""
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


# --- figures --------------------------------------------------------------------------


def _figures(page) -> list[Box]:
    """Boxes of the figures: images, and clusters of at least `_FIGURE_MARKS` drawn
    marks, widened by `_LABEL_MARGIN` for the labels around them."""
    marks = [_box(mark) for mark in (*page.curves, *page.lines, *page.rects)]
    if len(marks) > _MAX_MARKS:  # a page of a hundred thousand marks is one figure
        marks = [_union(marks)] * _FIGURE_MARKS
    boxes = [_box(image) for image in page.images]
    for cluster in _clusters(marks):
        if len(cluster) >= _FIGURE_MARKS:
            boxes.append(_union(cluster))
    return [(b[0] - _LABEL_MARGIN, b[1] - _LABEL_MARGIN, b[2] + _LABEL_MARGIN,
             b[3] + _LABEL_MARGIN) for b in boxes]


def _box(mark: dict) -> Box:
    return float(mark["x0"]), float(mark["top"]), float(mark["x1"]), float(mark["bottom"])


def _clusters(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped with those they touch (within `_FIGURE_GAP`), transitively: a
    union-find where only boxes sharing a cell of a grid are compared, so a page of
    many marks costs what its marks cover, not their number squared (a cell crowded
    with marks joins them all)."""
    parent = list(range(len(boxes)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owners: dict[tuple[int, int], list[int]] = {}
    for index, box in enumerate(boxes):
        near = _widened(box)
        for cell in _cells_covered(box):
            here = owners.setdefault(cell, [])
            for other in here:
                if len(here) >= _CROWDED or _overlap(near, boxes[other]):
                    parent[root(other)] = root(index)
            if len(here) < _CROWDED:
                here.append(index)
    large = [index for index, box in enumerate(boxes) if _is_large(box)][:_MAX_LARGE]
    if large:  # a frame holds the marks inside it: one figure (a plot in its axes)
        for index, box in enumerate(boxes):
            for frame in large:
                if frame != index and _holds(boxes[frame], box):
                    parent[root(index)] = root(frame)
    groups: dict[int, list[Box]] = {}
    for index, box in enumerate(boxes):
        groups.setdefault(root(index), []).append(box)
    return list(groups.values())


def _is_large(box: Box) -> bool:
    x0, top, x1, bottom = (int(v // _FIGURE_GAP) for v in _widened(box))
    return (x1 - x0 + 1) * (bottom - top + 1) > _LARGE_MARK


def _holds(frame: Box, box: Box) -> bool:
    return frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]


def _cells_covered(box: Box) -> Iterable[tuple[int, int]]:
    """The grid cells a mark covers, widened by `_FIGURE_GAP`; of a large one (a frame,
    a shaded box) only its edge's, which keeps the cost bounded (the marks inside a
    frame join it afterwards)."""
    x0, top, x1, bottom = (int(v // _FIGURE_GAP) for v in _widened(box))
    if (x1 - x0 + 1) * (bottom - top + 1) <= _LARGE_MARK:
        return ((x, y) for x in range(x0, x1 + 1) for y in range(top, bottom + 1))
    return {*((x, y) for x in range(x0, x1 + 1) for y in (top, bottom)),
            *((x, y) for x in (x0, x1) for y in range(top, bottom + 1))}


def _widened(box: Box) -> Box:
    return (box[0] - _FIGURE_GAP, box[1] - _FIGURE_GAP, box[2] + _FIGURE_GAP,
            box[3] + _FIGURE_GAP)


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


# --- lines in reading order -------------------------------------------------------------


def _lines(words: list[dict], number: int, width: float, height: float) -> list[Line]:
    """Words grouped into rows, rows split at the gutter of a two-column page, and the
    columns read one after the other within each run of two-column rows."""
    gutter = _gutter(words, width)
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for row in _rows(words):
        spanning = gutter is None or any(w["x0"] < gutter < w["x1"] for w in row)
        if spanning:
            ordered += left + right
            left, right = [], []
            ordered.append(_line(row, number, height))
            continue
        for side, part in ((left, [w for w in row if w["x1"] <= gutter]),
                           (right, [w for w in row if w["x0"] >= gutter])):
            if part:
                side.append(_line(part, number, height))
    return ordered + left + right


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words on one baseline (bottoms within half their size, so that a raised mark
    stays on its line), left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and (abs(rows[-1][0]["bottom"] - word["bottom"])
                     <= max(word["size"], rows[-1][0]["size"]) * 0.5):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _gutter(words: list[dict], width: float) -> float | None:
    """The x of the gap between two columns of text: a band `_GUTTER` wide in the middle
    of the page that few rows reach into (a space between two words is narrower; a
    caption or a table across the page may), with a tenth of the words or more on
    either side."""
    low, high = int(width * 0.35), int(width * 0.65)
    if high <= low or len(words) < 20:
        return None
    half = _GUTTER / 2
    rows = _rows(words)
    crossing = [0] * (high - low)
    for row in rows:
        reached = set()
        for word in row:
            reached.update(range(max(low, int(word["x0"] - half) + 1),
                                 min(high, int(word["x1"] + half))))
        for x in reached:
            crossing[x - low] += 1
    fewest = min(crossing)
    if fewest > len(rows) * _SPANNING:
        return None
    middle = (high - low) // 2
    x = low + min((i for i, n in enumerate(crossing) if n == fewest),
                  key=lambda i: abs(i - middle))
    left = sum(word["x1"] <= x for word in words)
    right = sum(word["x0"] >= x for word in words)
    return float(x) if min(left, right) >= len(words) / 10 else None


def _without_marks(words: list[dict]) -> list[dict]:
    """A line's words without the footnote marks in it (`GPUs¹`, `shown³,⁴`): a number or
    a dagger set small and raised right after a word or a stop. After a number it is
    a power (`10²³`) and stays; a line's first word is a footnote's own mark and stays."""
    size = statistics.median(float(word["size"]) for word in words)
    baseline = statistics.median(float(word["bottom"]) for word in words)
    return [word for index, word in enumerate(words)
            if not (index and _MARK.fullmatch(word["text"])
                    and float(word["size"]) < size * 0.8
                    and float(word["bottom"]) < baseline - size * 0.15
                    and _AFTER_WORD.search(words[index - 1]["text"]))]


def _line(words: list[dict], number: int, height: float) -> Line:
    words = _without_marks(words)
    sizes = [float(word["size"]) for word in words]
    rest = sizes[1:] or sizes
    weights = [len(word["text"]) for word in words]
    bold = sum(n for n, w in zip(weights, words, strict=True) if _BOLD.search(w["fontname"]))
    cells = _cells_of_line(words, statistics.median(rest))
    return Line(text=" ".join(word["text"] for word in words), page=number,
                top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words),
                x0=min(w["x0"] for w in words), x1=max(w["x1"] for w in words),
                size=statistics.median(rest), bold=bold * 2 > sum(weights),
                height_share=min(w["top"] for w in words) / height, first_size=sizes[0],
                wide_gaps=len(cells) - 1, longest_cell=max(len(cell) for cell in cells))


def _cells_of_line(words: list[dict], size: float) -> list[list[dict]]:
    """A line's words in runs split where two words stand farther apart than `size`."""
    cells = [[words[0]]]
    for before, after in zip(words, words[1:], strict=False):
        if after["x0"] - before["x1"] > size:
            cells.append([])
        cells[-1].append(after)
    return cells
