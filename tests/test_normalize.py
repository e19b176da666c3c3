"""Normalization for matching, and the map from normalized offsets back to the original."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.normalize import Normalized, normalize

FIXTURES = Path(__file__).parent / "fixtures"

# (original, normalized text)
CASES = [
    ("3.2×", "3.2x"),
    ("41–137× faster", "41-137x faster"),
    ("1—2 and −3 and 4‐5", "1-2 and -3 and 4-5"),
    ("a\u00a0b\u2009c\u202fd", "a b c d"),
    ("１２３％", "123%"),
    ("a $3.2\\times$ speedup", "a 3.2x speedup"),
    ("3.2 \\times 10^9", "3.2x 10^9"),
    ("T\\\"ulu & 4\\(\\times\\)", "Tülu & 4x"),
    ("($\\text{F1}: 0.000 \\rightarrow 0.353$)", "(F1: 0.000 -> 0.353)"),
    ("($Δ\\text{F1} = +0.008$)", "(Δ F1 = +0.008)"),
    ("only +1~ms, at \\$5", "only +1 ms, at $5"),
    ("a Raspberry Pi~5 and STOI~96%", "a Raspberry Pi 5 and STOI 96%"),
    ("25\\% more", "25% more"),
    ("\\sim 3 points", "~3 points"),
    ("sim13 points", "~13 points"),
    ("T\\\"ulu", "Tülu"),
    ("T\\\"{u}lu", "Tülu"),
    ("Ha\\'{e}", "Haé"),
    ("A &amp; B", "A & B"),
    ("a &lt; b", "a < b"),
    ("64{times}64", "64x64"),
    ("≈3, ≤4, ≥5", "~3, <=4, >=5"),
    ("9.83e-3 +/- 1e-5 and 85.3 \\pm 0.4", "9.83e-3 ± 1e-5 and 85.3 ± 0.4"),
    ("-15€ ($-99.99) and $-0.5$", "-15€ ($-99.99) and -0.5"),
    ("zero\u200bwidth", "zerowidth"),
    ("simple sim card", "simple sim card"),
    ("${\\sim}1{,}555$ pairs, $n{\\geq}120$", "~1,555 pairs, n>=120"),
    ("$87^\\circ$--$89^\\circ$ and 45^{\\circ}", "87°--89° and 45°"),
    ("plain text, no change", "plain text, no change"),
    ("", ""),
]

#: Cases whose replacements look at what follows: `sim` is `~` only before a number.
#: Cases whose pieces normalize differently alone: `sim` needs the number after it, and a
#: `$` before a number is math only when its closing `$` follows (`$3` alone is money).
NEEDS_CONTEXT = {"sim13 points", "a $3.2\\times$ speedup", "-15€ ($-99.99) and $-0.5$",
                 "($Δ\\text{F1} = +0.008$)", "($\\text{F1}: 0.000 \\rightarrow 0.353$)",
                 "only +1~ms, at \\$5", "a Raspberry Pi~5 and STOI~96%",
                 "${\\sim}1{,}555$ pairs, $n{\\geq}120$",
                 "$87^\\circ$--$89^\\circ$ and 45^{\\circ}"}


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_normalize_text(original: str, expected: str) -> None:
    norm = normalize(original)
    assert norm.text == expected
    assert norm.original == original


def test_times_entity_becomes_x() -> None:
    assert normalize("a 3&#215; speedup").text == "a 3x speedup"


def test_inline_math_times_keeps_following_space() -> None:
    assert normalize("4\\(\\times\\) faster").text == "4x faster"


@pytest.mark.parametrize(("original", "normalized", "expected_original"), [
    ("a $3.2\\times$ speedup", "3.2x", "3.2\\times"),
    ("a $3.2\\times$ speedup", "x", "\\times"),
    ("a $3.2\\times$ speedup", "speedup", "speedup"),
    ("41–137× faster", "41-137x", "41–137×"),
    ("T\\\"ulu & 4\\(\\times\\)", "Tülu", "T\\\"ulu"),
    ("T\\\"ulu & 4\\(\\times\\)", "4x", "4\\(\\times\\)"),
    ("\\sim 3 points", "~3", "\\sim 3"),
    ("sim13 points", "~13", "sim13"),
    ("25\\% more", "25%", "25\\%"),
    ("A &amp; B", "&", "&amp;"),
    ("１２３％", "123%", "１２３％"),
    ("64{times}64", "64x64", "64{times}64"),
    ("≈3, ≤4, ≥5", "<=4", "≤4"),
    ("≈3, ≤4, ≥5", "=4", "≤4"),
])
def test_span_maps_back_to_original(original: str, normalized: str,
                                    expected_original: str) -> None:
    norm = normalize(original)
    a = norm.text.index(normalized)
    s, e = norm.to_original(a, a + len(normalized))
    assert original[s:e] == expected_original


def _check_map(norm: Normalized) -> None:
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    assert list(norm.starts) == sorted(norm.starts)
    assert list(norm.ends) == sorted(norm.ends)
    for start, end in zip(norm.starts, norm.ends, strict=True):
        assert 0 <= start < end <= len(norm.original)


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_every_span_maps_back(original: str, expected: str) -> None:
    """Every normalized span comes from an original span that normalizes to it.

    Replacements can depend on what follows (`sim` only before a digit), so the
    original span is re-normalized with the rest of the original after it, and
    the normalized substring must be found where the span starts. Where no
    replacement needs context, the original span alone also contains it.
    """
    norm = normalize(original)
    _check_map(norm)
    text = norm.text
    for a in range(len(text)):
        for b in range(a + 1, len(text) + 1):
            s, e = norm.to_original(a, b)
            assert 0 <= s < e <= len(original)
            within = a - norm.starts.index(s)  # "=" is the 2nd char of "<=" from "≤"
            renormalized = normalize(original[s:]).text
            assert renormalized[within:within + b - a] == text[a:b]
            if original not in NEEDS_CONTEXT:
                assert text[a:b] in normalize(original[s:e]).text


def test_empty_span_maps_to_a_point() -> None:
    norm = normalize("a $3.2\\times$ speedup")
    assert norm.to_original(2, 2) == (3, 3)
    end = len(norm.text)
    assert norm.to_original(end, end) == (len(norm.original), len(norm.original))


def test_unchanged_text_has_identity_map() -> None:
    norm = normalize("nothing to clean here")
    assert norm.text == norm.original
    assert list(norm.starts) == list(range(len(norm.text)))
    assert list(norm.ends) == list(range(1, len(norm.text) + 1))


def _seed_texts() -> list[str]:
    lines = (FIXTURES / "seed_docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines]
    return [doc[key] for doc in docs for key in ("title", "abstract") if doc.get(key)]


def test_seed_texts_keep_original_and_offsets() -> None:
    texts = _seed_texts()
    assert len(texts) > 98
    for text in texts:
        norm = normalize(text)
        assert norm.original == text
        assert len(norm.starts) == len(norm.text)
        _check_map(norm)


def test_seed_sentences_map_back() -> None:
    """Each sentence of the normalized abstracts maps to an original span that
    normalizes to the same sentence."""
    for text in _seed_texts():
        norm = normalize(text)
        a = 0
        for sentence in norm.text.split(". "):
            b = a + len(sentence)
            if sentence:
                s, e = norm.to_original(a, b)
                assert normalize(text[s:]).text.startswith(sentence)
            a = b + 2


def test_every_character_a_replacement_starts_with_is_a_start() -> None:
    """Replacements are tried only where `_STARTS` finds something: a character one of
    them starts with and `_STARTS` lacks would go unreplaced."""
    from claims.normalize import _PATTERN, _STARTS

    missed = [hex(code) for code in range(0x80, 0x110000)
              if _PATTERN.match(chr(code) + "  ") and not _STARTS.match(chr(code))]
    assert missed == []


@pytest.mark.parametrize("text", [original for original, _ in CASES] + [
    "a  \\times b", "x\t\t\t\\times y", "$ \\times$ & \\sim3 sim 4 {times}", "\\\\times"])
def test_replacements_are_found_where_a_scan_of_every_character_finds_them(text: str) -> None:
    from claims.normalize import _PATTERN, _matches

    assert [m.span() for m in _matches(text)] == [m.span() for m in _PATTERN.finditer(text)]


def test_fixture_texts_find_the_replacements_a_full_scan_finds() -> None:
    from claims.normalize import _PATTERN, _matches

    for path in sorted(FIXTURES.glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for text in json.loads(line).values():
                if isinstance(text, str):
                    assert [m.span() for m in _matches(text)] == \
                        [m.span() for m in _PATTERN.finditer(text)], (path.name, text[:60])


def test_ascii_texts_find_the_starts_the_pattern_finds() -> None:
    """`_starts` finds ASCII text's starts by `str.find`: the places `_STARTS` finds, on
    every case and fixture text."""
    from claims.normalize import _STARTS, _starts

    texts = [original for original, _ in CASES] + ["a +/-+/- b", "&sim; 3", "sims sim 3"]
    for path in sorted(FIXTURES.glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [text for text in json.loads(line).values() if isinstance(text, str)]
    for text in texts:
        assert _starts(text) == [m.start() for m in _STARTS.finditer(text)], text[:60]


def test_a_control_space_is_a_space() -> None:
    """`vs.\\ $0.824$`: LaTeX's control space after a full stop keeps the words apart, so
    the number is not read as glued to `vs.` (real39-004); a thin space inside a number
    still joins its digits."""
    found = normalize("($0.884$ vs.\\ $0.824$ for the strongest) of 10\\,000 items")
    assert found.text == "(0.884 vs. 0.824 for the strongest) of 10000 items"
