"""Text normalization that keeps offsets into the original.

Rules match on a cleaned copy (`×` -> `x`, dashes -> `-`, `$3.2\\times$` ->
`3.2x`, `\\%` -> `%`, `sim13` -> `~13`, HTML entities decoded); every span
found there maps back to the exact original characters, so a claim's `text`
is always a substring of what the user gave us.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

_UMLAUTS = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë", "i": "ï"}
_ACUTES = {"e": "é", "a": "á", "o": "ó", "i": "í", "u": "ú", "E": "É"}

# (name, pattern, replacement). A replacement of None means "computed" (see _replace).
_REPLACEMENTS: list[tuple[str, str, str | None]] = [
    ("entity", r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});", None),
    ("times", r"[ \t]{0,3}\\times(?![a-zA-Z])|[ \t]{0,3}\\\([ \t]{0,3}\\times[ \t]{0,3}\\\)"
              r"|\{times\}", "x"),
    ("braced-equals", r"\{=\}", "="),
    ("braced-comma", r"\{,\}(?=\d{3})", ","),  # `1{,}555`: a thousands separator
    ("sim", r"\{\\sim\}[ \t]{0,3}|\\sim(?![a-zA-Z])[ \t]{0,3}|\\approx(?![a-zA-Z])[ \t]{0,3}"
            r"|(?<![A-Za-z])sim(?=\s?[\d.])|\\textasciitilde\{?\}?", "~"),
    ("percent", r"\\%", "%"),
    ("dollar", r"\\\$", "$"),  # an escaped `$` is a currency mark, never math
    ("tie", r"\d~(?=[A-Za-z%])|[A-Za-z]~(?=\d)", None),  # `+1~ms`, `Pi~5`
    # `$` opens or closes LaTeX math, except a currency mark: `$4.6M`, `$5 and $10`,
    # `$-99.99` (a number with no closing `$` before a space, and no macro before the
    # next `$`); a `$` that closes a short math span before a number is no currency
    # (`$<$600M`, `$\sim$2`).
    ("math", r"(?<=\$[^$\s]{1,20}[ \t]{0,3})\$"
             r"|\$(?!\s?-?\d(?![^$\s]*\$)(?![^$\n]{0,40}\\[A-Za-z][^$\n]{0,40}\$))"
             r"|\\\(|\\\)|\\[,;:!]", ""),
    ("control-space", r"\\ ", " "),  # `vs.\ $0.824$`: a space after a full stop
    ("umlaut", r"\\\"\{?[aouAOUei]\}?", None),
    ("acute", r"\\'\{?[eaoiuE]\}?", None),
    ("times-sign", r"[×✕✖⨉]", "x"),
    ("dash", r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]", "-"),
    ("comma", r"[\u201A\u060C]", ","),  # comma lookalikes: `3\u201a5x` is `3,5x`
    ("space", r"[\u00A0\u2000-\u200A\u202F\u205F\u3000]", " "),
    ("zero-width", r"[\u200B-\u200D\uFEFF\u00AD]", ""),
    ("fullwidth", r"[\uFF01-\uFF5E]", None),
    ("approx-sign", r"[≈∼～]", "~"),
    ("plus-minus", r"\\pm(?![a-zA-Z])|\+/-", "±"),
    ("delta", r"[Δ∆](?=[A-Za-z\\])", "Δ "),  # `ΔF1`: a change of F1, the metric a word of its own
    # `\rightarrow` between two values: from one to the other (`0.000 \rightarrow 0.353`)
    ("arrow", r"[ \t]?\\(?:rightarrow|to|Rightarrow|longrightarrow)(?![a-zA-Z])[ \t]?", " -> "),
    # a LaTeX text or font macro around a name keeps the name (`\text{F1}`, `\mathrm{Pass}`)
    ("text-macro", r"\\(?:text|mathrm|textrm|mathit|textit|mathbf|textbf|emph|operatorname)"
                   r"\{[^{}\\$]{1,40}\}", None),
    ("degree", r"\^\{?\\circ\}?|\^\{\{\\circ\}\}", "°"),  # `$87^\circ$`, `45^{\circ}`
    ("le-ge", r"[≤⩽]|\{\\leq?\}|\\leq?(?![a-zA-Z])[ \t]{0,3}", "<="),
    ("ge", r"[≥⩾]|\{\\geq?\}|\\geq?(?![a-zA-Z])[ \t]{0,3}", ">="),
]
_PATTERN = regex.compile(
    "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern, _) in enumerate(_REPLACEMENTS)),
    regex.VERSION1,
)


@dataclass(frozen=True)
class Normalized:
    """A normalized copy of `original` and the map back to it.

    `starts[i]` / `ends[i]` are the original offsets covered by normalized char i.
    """

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering normalized `text[start:end]`.

        >>> n = normalize("a $3.2\\\\times$ speedup")
        >>> n.text
        'a 3.2x speedup'
        >>> s, e = n.to_original(2, 6); n.original[s:e]
        '3.2\\\\times'
        """
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _replace(index: int, match: regex.Match) -> str:
    name, _, replacement = _REPLACEMENTS[index]
    if replacement is not None:
        return replacement
    found = match.group(f"g{index}")
    if name == "entity":  # the decoded character is cleaned like any other (`&#215;` -> x)
        decoded = html.unescape(found)
        return _PATTERN.sub(lambda m: _replace(int(m.lastgroup[1:]), m), decoded) \
            if decoded != found else decoded
    if name == "tie":
        return f"{found[0]} "
    if name == "text-macro":
        return found[found.index("{") + 1:-1]
    if name == "umlaut":
        return _UMLAUTS[found.strip('\\"{}')]
    if name == "acute":
        return _ACUTES[found.strip("\\'{}")]
    return unicodedata.normalize("NFKC", found)


#: Every character a replacement's match can start with (a space or tab before
#: `\\times` aside), and `sim`: matches are tried only where these stand. Plain
#: characters and strings, so `re` finds them (its scan of a whole text takes half the
#: time of `regex`'s).
_STARTS = re.compile(r"\+/-|[&\\$~{Δ∆\u00A0\u00AD\u00D7\u060C\u2000-\u2015\u201A\u202F\u205F"
                     r"\u2212\u2248\u223C\u2264\u2265\u2715\u2716\u2A09\u2A7D\u2A7E"
                     r"\u3000\uFE58\uFE63\uFEFF\uFF01-\uFF5E]|sim")
#: How far before a backslash a match may start: `[ \t]{0,3}\\times` (a tie starts at
#: the digit before its `~`).
_SPACES_BEFORE = 3


#: The ASCII strings among `_STARTS` (its other characters are beyond ASCII).
_ASCII_STARTS = ("+/-", "&", "\\", "$", "~", "{", "sim")


def _starts(original: str) -> list[int]:
    """Where `_STARTS` matches in `original`. In ASCII text `str.find` finds its few
    strings for a fraction of what the pattern's scan of every character costs (most
    texts need no replacement at all); none of them overlaps another, as the pattern's
    matches do not."""
    if not original.isascii():
        return [start.start() for start in _STARTS.finditer(original)]
    found = []
    for mark in _ASCII_STARTS:
        at = original.find(mark)
        while at >= 0:
            found.append(at)
            at = original.find(mark, at + len(mark))
    return sorted(found)


def _matches(original: str) -> Iterator[regex.Match]:
    """The matches of `_PATTERN.finditer(original)`, tried only where one can start:
    running the whole alternation at every character costs about a microsecond each."""
    last = 0
    for position in _starts(original):
        mark = original[position]
        tries = range(max(last, position - _SPACES_BEFORE), position + 1) if mark == "\\" \
            else (position - 1, position) if mark == "~" and position else (position,)
        for at in tries:
            if at < last:
                continue
            match = _PATTERN.match(original, at)
            if match is not None:
                last = match.end()
                yield match
                break


def normalize(original: str) -> Normalized:
    """Clean `original` for matching and keep the way back.

    >>> normalize("41\\u2013137\\u00d7 faster, \\\\sim13 points, 25-40\\\\%").text
    '41-137x faster, ~13 points, 25-40%'
    >>> normalize("T\\\\\\"ulu &amp; 4\\\\(\\\\times\\\\)").text
    'Tülu & 4x'
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for match in _matches(original):
        _keep(original, last, match.start(), pieces, starts, ends)
        index = int(match.lastgroup[1:])
        replacement = _replace(index, match)
        pieces.append(replacement)
        starts.extend([match.start()] * len(replacement))
        ends.extend([match.end()] * len(replacement))
        last = match.end()
    if not last:
        return Normalized(original, original, range(len(original)), range(1, len(original) + 1))
    _keep(original, last, len(original), pieces, starts, ends)
    return Normalized(original, "".join(pieces), tuple(starts), tuple(ends))


def _keep(original: str, start: int, end: int, pieces: list[str], starts: list[int],
          ends: list[int]) -> None:
    pieces.append(original[start:end])
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))
