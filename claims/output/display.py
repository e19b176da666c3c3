r"""Quotes as a reader of a table wants them: LaTeX left in a source (`40$\times$`,
`58\%`, `$\sim$2x`, `$10^{23}$`) shown as it prints (`40×`, `58%`, `~2x`, `10²³`).

Only for showing: a claim's `text`, `sentence` and offsets stay the exact source
characters, which a citation quotes and `document[field][start:end]` checks.

>>> display(r"speedups of around $3.25\times$ and 58\% less memory")
'speedups of around 3.25× and 58% less memory'
>>> display(r"$\sim$2x on \textbf{8} GPUs, 90--95\% at $10^{23}$ FLOPs")
'~2x on 8 GPUs, 90–95% at 10²³ FLOPs'
>>> display("costs $5 and $10, ~13 ms")  # money, and a tilde outside LaTeX, stay
'costs $5 and $10, ~13 ms'
"""

from __future__ import annotations

import re

#: Math commands and the characters they print.
_SYMBOLS = {"times": "×", "sim": "~", "approx": "≈", "leq": "≤", "le": "≤", "geq": "≥",
            "ge": "≥", "pm": "±", "cdot": "·", "mu": "μ", "infty": "∞", "rightarrow": "→",
            "to": "→", "uparrow": "↑", "downarrow": "↓", "ll": "≪", "gg": "≫",
            "degree": "°", "circ": "°"}
_SYMBOL = re.compile(r"\\(" + "|".join(sorted(map(re.escape, _SYMBOLS), key=len, reverse=True))
                     + r")(?![A-Za-z])(?:\{\})?")
_FORMAT = re.compile(r"\\(?:textbf|textit|texttt|textsc|textrm|emph|mathrm|mathbf|mathit"
                     r"|mathsf|mathtt|text|operatorname|underline|boldsymbol)\*?\s*"
                     r"\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([%&#_$])")
_SPACING = re.compile(r"\\[,;:! ]|\\(?:quad|qquad|enspace|thinspace)(?![A-Za-z])")
#: `$...$` holding math: a command, a power or index, braces, or one word (`$n$`, `$40$`);
#: `$5 and $10` is money.
_MATH = re.compile(r"(?<!\\)\$([^$\s](?:[^$]{0,200}?[^$\s])?)(?<!\\)\$")
_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_SUBSCRIPT = str.maketrans("0123456789-+", "₀₁₂₃₄₅₆₇₈₉₋₊")
_POWER = re.compile(r"([\^_])(?:\{([-+]?\d+)\}|([-+]?\d))")
_DASHES = (("---", "—"), ("--", "–"))


def display(text: str) -> str:
    """`text` with the LaTeX in it shown as it prints."""
    if "\\" not in text and "$" not in text and "--" not in text:
        return text
    text = _MATH.sub(lambda m: _math(m.group(1)) if _is_math(m.group(1)) else m.group(), text)
    return _text_mode(text)


def _is_math(inner: str) -> bool:
    return bool(re.search(r"[\\^_{}]", inner)) or " " not in inner


def _math(inner: str) -> str:
    inner = _POWER.sub(lambda m: (m.group(2) or m.group(3)).translate(
        _SUPERSCRIPT if m.group(1) == "^" else _SUBSCRIPT), inner)
    return _text_mode(inner).replace("{", "").replace("}", "")


def _text_mode(text: str) -> str:
    for _ in range(2):  # \textbf{\emph{x}}
        text = _FORMAT.sub(r"\1", text)
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1)], text)
    text = _ESCAPED.sub(r"\1", text)
    text = _SPACING.sub(" ", text)
    for dashes, sign in _DASHES:
        text = text.replace(dashes, sign)
    return text
