"""The quantity layer: the unit lexicon's and the filters' own examples, the number
grammar's hard cases, the third-party suites with floors, and its independence from
the claim layer."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from claims.normalize import normalize
from claims.quantity import find, lexicon, quantities
from claims.quantity.find import _lexicon
from tests import quantity_suites

UNIT_EXAMPLES = [(record.unit, text, value, unit) for record in lexicon.records()
                 for text, (value, unit) in record.examples.items()]


@pytest.mark.parametrize(("record", "text", "value", "unit"), UNIT_EXAMPLES)
def test_unit_lexicon_example(record: str, text: str, value: float, unit: str) -> None:
    found = [(v, q.unit) for q in quantities(text) for v in (q.value, q.value_max)]
    assert (pytest.approx(value), unit) in found, (record, text, found)


FILTERS = _lexicon()["filters"]


@pytest.mark.parametrize(("filter_id", "text"), [(f["id"], t) for f in FILTERS
                                                 for t in f["examples"]])
def test_filter_example_gives_no_quantity(filter_id: str, text: str) -> None:
    assert quantities(text) == [], filter_id


@pytest.mark.parametrize(("filter_id", "text"), [(f["id"], t) for f in FILTERS
                                                 for t in f.get("keeps", [])])
def test_filter_keeps_its_quantities(filter_id: str, text: str) -> None:
    assert quantities(text), filter_id


@pytest.mark.parametrize(("text", "expected"), [
    ("30\\% fewer", [(30, None, "%")]),
    ("over 4\nmillion gaze points", [(4e6, None, "points")]),  # counted, across a line break
    ("+2.9 absolute points", [(2.9, None, "points")]),
    ("11,000 most important scenarios", [(11000, None, "scenarios")]),
    ("a 100k benchmark. This one", [(100000, None, "")]),  # no noun past a sentence end
    ("a $1.9\\times$$\\sim$$2.4\\times$ speedup", [(1.9, 2.4, "x")]),
    ("250times faster", [(250, None, "x")]),
    ("12\\%\nlower latency", [(12, None, "%")]),
    ("3.5K samples", [(3500, None, "samples")]),
    ("4.1 GFLOPs", [(4.1, None, "gigaFLOP")]),
    ("$4.6M in compute", [(4.6e6, None, "USD")]),
    ("2 × 10^-9 error and 10^{23} FLOPs", [(2e-9, None, ""), (1e23, None, "FLOP")]),
    ("a \u22120.2% change", [(-0.2, None, "%")]),
    ("one hundred and two apples", [(102, None, "apples")]),
    ("between 10 kHz and 20 kHz", [(10, 20, "kHz")]),
    ("~20 \u2013 30 min", [(20, 30, "minute")]),
    ("7-70B parameters", [(7e9, 70e9, "params")]),
    ("8, 16 and 32 GB", [(8, None, "GB"), (16, None, "GB"), (32, None, "GB")]),
    ("a 15-year-old and a 3-inch screen", [(15, None, "year"), (3, None, "inch")]),
    ("\u2153 of the data", [(1 / 3, None, "")]),
    ("0.42 J per token and 174 TOPS/W", [(0.42, None, "J/token"), (174, None, "TOPS/W")]),
    ("3\u2030 of users and a 5x speedup", [(3, None, "permille"), (5, None, "x")]),
    ("WERs of 7.2%/14.6% at 1200MHz-1400MHz", [(7.2, None, "%"), (14.6, None, "%"),
                                              (1200, 1400, "MHz")]),
    ("485,980 color fundus photographs", [(485980, None, "photographs")]),
    ("2:4 Sparse Tensor Cores on an RTX 5090 GPU", []),
    ("a 59-task subset of a 7B-sized model", [(59, None, "task"), (7e9, None, "")]),
    ("the 7B/13B weights", [(7e9, None, "weights"), (13e9, None, "weights")]),
    ("($<$600M MACs) on $\\sim$9600 nodes with $\\leq$180B tokens for $5",
     [(600e6, None, "MACs"), (9600, None, "nodes"), (180e9, None, "tokens"), (5, None, "USD")]),
    ("4 km cubed, 5 s^-1 and 7 cm\u00b3", [(4, None, "km**3"), (5, None, "s**-1"),
                                           (7, None, "cm**3")]),  # no `1` read from `s^-1`
    ("9.83e-3 +/- 1e-5 km/s2 and 85.3 \u00b1 0.4%", [(9.83e-3, None, "km/s**2"),
                                                      (85.3, None, "%")]),
    ("a gallon and an inch, but a second stage is a bit faster on a device",
     [(1, None, "gallon"), (1, None, "inch")]),
    ("Zero is small; zero-shot ZeRO", [(0, None, "")]),
    ("-78-0 degrees Celsius and -0.3 - 0.5", [(-78, 0, "degC"), (-0.3, None, ""),
                                                (0.5, None, "")]),
    ("20 J/m^2 per year, 0.42 J per token per second and $2 per hour per GPU",
     [(20, None, "J/m**2/year"), (0.42, None, "J/token/second"), (2, None, "USD/hour")]),
    # a lowercase b is billions; a LaTeX thousands separator; a verb is no counted noun;
    # a modifier led by a digit (3D), never a magnitude (8B)
    ("a 120b model and ${\\sim}1{,}555$ probe-run pairs", [(120e9, None, ""),
                                                         (1555, None, "pairs")]),
    ("nearly 18 million surpasses the record", [(18e6, None, "")]),
    ("2,619 synthetic 3D meshes and 2B-8B parameters",
     [(2619, None, "meshes"), (2e9, 8e9, "params")]),
    ("1.3/7.5B parameters", [(1.3e9, None, "params"), (7.5e9, None, "params")]),
    # an arrow to a range: the range is joined first (`-` is its separator, not `->`'s)
    ("RMSE 1.53 m -> 2.99-3.78 m and 0.205 -> 0.363", [(1.53, None, "m"), (2.99, 3.78, "m"),
                                                     (0.205, 0.363, "")]),
    # `sub-` before a unit of time or length is under one of it; other `sub` words are not
    ("sub-millisecond latency, a sub-centimeter robot, sub-optimal and subsecond runs",
     [(1, None, "ms"), (1, None, "cm")]),
    # `to` between a larger and a smaller number is no range (`LLaMA2 70B to 32k`)
    ("LLaMA2 70B to 32k, and 100K to 10M tokens", [(70e9, None, ""), (32000, None, ""),
                                                   (1e5, 1e7, "tokens")]),
    # a noun of change is no counted thing: `2.32 gains` is an amount of gain
    ("6.87 and 2.32 gains over Diffusion-DPO", [(6.87, None, ""), (2.32, None, "")]),
    # real23-041: a list whose items each take one word before the noun it ends with;
    # counts of different nouns stay their own
    ("including 1,437 positive, 13,828 negative, and 2,297 indeterminate tweets; 3 datasets, "
     "5 tasks, and 10 models", [(1437, None, "tweets"), (13828, None, "tweets"),
                                (2297, None, "tweets"), (3, None, "datasets"),
                                (5, None, "tasks"), (10, None, "models")]),
])
def test_number_grammar(text: str, expected: list) -> None:
    found = [(q.value, q.value_max, q.unit) for q in quantities(text)]
    assert found == [(pytest.approx(v), None if m is None else pytest.approx(m), u)
                     for v, m, u in expected]


def test_offsets_index_the_original_text() -> None:
    text = "It runs $3.2\\times$ faster on \u00bd the memory (~40 GB), 30\\% less."
    for found in quantities(text):
        assert text[found.start:found.end] == found.text


def test_qualifiers_and_fused_marks() -> None:
    found = quantities("up to 45% less, about 3x, ~3% and more than 100 GPUs")
    assert [(q.text, q.qualifier) for q in found] == [
        ("45%", "up to"), ("3x", "about"), ("~3%", "about"), ("100 GPUs", "over")]


def test_changes_are_marked_signed() -> None:
    assert [q.signed for q in quantities("(-0.2%) and +2.9% but 3%")] == [True, True, False]


def test_rejected_numbers_say_why() -> None:
    from claims.normalize import normalize

    _, rejected = find(normalize("GPT-4 in 2023 (Section 3) on 64x64 images"))
    assert {r.reason for r in rejected} == {"not a quantity: year", "not a quantity: reference",
                                             "not a quantity: image-size"} or rejected


def test_quantulum3_error_strings_do_not_crash() -> None:
    cases = json.loads((quantity_suites.EXTERNAL / "quantulum3_errors.json").read_text("utf-8"))
    for case in cases:
        quantities(case["req"] if isinstance(case, dict) else str(case))


#: Value+unit F1 on the third-party suites, a little under what the layer reaches now.
SUITE_FLOORS = {"quantulum3": 0.92, "Age": 0.95, "Currency": 0.9, "Dimension": 0.9,
                "Temperature": 0.94}


@pytest.mark.parametrize("suite", sorted(SUITE_FLOORS))
def test_third_party_suite_floor(suite: str) -> None:
    score = (quantity_suites.quantulum3() if suite == "quantulum3"
             else quantity_suites.recognizers(suite))
    assert score.f1 >= SUITE_FLOORS[suite], (suite, score, score.f1)


def test_quantity_layer_never_imports_the_claim_layer() -> None:
    package = Path(lexicon.__file__).parent
    allowed = {"claims.quantity", "claims.normalize"}
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("claims"):
                assert any(node.module.startswith(a) for a in allowed), (module.name, node.module)


def test_a_number_beyond_float_range_is_not_read_as_its_scale_word() -> None:
    """`7` and 400 zeros `billion parameters` was a billion parameters, quoting only
    `billion parameters`; it is one claim whose value is beyond range (written null)."""
    from claims import extract

    text = "The model has 7" + "0" * 400 + " billion parameters."
    found = extract(text)
    assert [c.text for c in found] == [text[14:-1]]
    assert found[0].row()["value"] is None


def test_a_comma_lookalike_is_a_comma() -> None:
    """`3\u201a5x` (U+201A) read as `5x` before; it is `3,5x`, a decimal comma."""
    assert [(q.value, q.unit) for q in quantities("a 3\u201a5x speedup")] == [(3.5, "x")]
    assert [(q.value, q.unit) for q in quantities("a 3,5x speedup on 1,000 GPUs")] == [
        (3.5, "x"), (1000.0, "devices")]


def test_a_letter_that_lowers_to_two_keeps_the_offsets():
    """`İ` lowers to two characters: number words after it are still found in place;
    `one and three` is two numbers, not four."""
    text = "İmageNet İmageNet oNe and three GPUs"
    found = quantities(text)
    assert [(q.text, q.value) for q in found] == [("oNe", 1.0), ("three GPUs", 3.0)]
    assert [text[q.start:q.end] for q in found] == ["oNe", "three GPUs"]


def _filter_texts() -> list[str]:
    texts = [text for raw in _lexicon()["filters"]
             for text in [*raw.get("examples", []), *raw.get("keeps", [])]]
    for path in sorted((Path(__file__).parent / "fixtures").glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [t for t in json.loads(line).values() if isinstance(t, str)]
    return texts


def test_filter_patterns_start_only_where_they_are_tried() -> None:
    """The filters' patterns are tried only at `_HOLDING_START` positions: on every
    filter example and fixture text that finds what a try at every character finds."""
    import sys

    from claims.normalize import normalize
    from claims.quantity.numbers import find_numbers

    module = sys.modules["claims.quantity.find"]
    pattern = module._holding_pattern()
    for text in _filter_texts():
        text = normalize(text).text
        numbers = [(n.start, n.end) for n in find_numbers(text)]
        everywhere = sorted((m.start(), m.end(), int(m.lastgroup[1:]))
                            for start, end in module._stretches(numbers, len(text))
                            for m in pattern.finditer(text, start, end, overlapped=True))
        assert module._Holdings(text, numbers).matches == everywhere, text[:60]


def test_a_word_fraction_spelled_with_a_ligature_is_read() -> None:
    """PDF text keeps ligatures (`ﬁfths`): the pattern matches them case-folded, and so
    does the denominator's look-up (it raised a KeyError)."""
    (found,), _ = find(normalize("two ﬁfths of the data"))
    assert (found.text, found.value) == ("two ﬁfths", 0.4)


def test_the_words_asked_for_are_those_among_the_letter_words() -> None:
    """`words_among` (one Hyperscan scan of ASCII text) names the same number words,
    `sub` and units' first words as the text's `letter_words` hold, on every filter
    example and fixture text, whole and cut at both ends."""
    import sys

    from claims.normalize import normalize
    from claims.quantity.numbers import letter_words, words_among

    asked = sys.modules["claims.quantity.find"]._words_asked()
    for text in _filter_texts():
        text = normalize(text).text
        for start, end in ((0, len(text)), (3, max(3, len(text) - 5))):
            assert set(words_among(asked, text, start, end)) == asked.intersection(
                letter_words(text, start, end)), text[:60]


def test_a_number_no_filter_words_surround_is_asked_no_filter() -> None:
    """`_any_around` (all `before` patterns as one, all `after` ones as one) finds words
    around a number wherever one filter's own pattern does, on every filter example and
    fixture text, so skipping the filters where it finds none skips none that applies."""
    import sys

    from claims.normalize import normalize
    from claims.quantity.numbers import find_numbers

    module = sys.modules["claims.quantity.find"]
    before, after = module._any_around()
    for text in _filter_texts():
        text = normalize(text).text
        for number in find_numbers(text):
            window = (max(0, number.start - module._FILTER_REACH), number.start)
            one = any(f.before is not None and f.before.search(text, *window)
                      or f.after is not None and f.after.match(text, number.end)
                      for f in module._around_filters())
            assert not one or bool(before.search(text, *window) or after.match(text, number.end))


def test_digit_starts_are_where_the_pattern_finds_them() -> None:
    """`_digit_starts` (one Hyperscan scan of ASCII text) finds the places `_DIGIT_START`
    finds, on every filter example, fixture text and a few edge cases, whole and in
    windows (the character before a window counts, as it does for the lookbehind)."""
    from claims.normalize import normalize
    from claims.quantity.numbers import _DIGIT_START, _digit_starts

    edges = ["-5", "+-5", " --5", ".5", "1.5", "a-.5 x", "5", "", "3,000 and -2.5e-3 +.7",
             "A100 v2 ,5 .,6", "½ and 1½"]
    for text in [*_filter_texts(), *edges]:
        text = normalize(text).text
        for start, end in ((0, len(text)), (1, len(text)), (3, max(3, len(text) - 2))):
            assert _digit_starts(text, start, end) == [
                m.start() for m in _DIGIT_START.finditer(text, start, end)], text[:60]


def test_a_numbers_kind_is_the_alternative_that_matched() -> None:
    """`_kind` reads the alternative off the match's last group: the one whose group
    matched, on every filter example, fixture text and a number of every kind."""
    from claims.normalize import normalize
    from claims.quantity.numbers import _KINDS, NUMBER, _kind

    kinds = ["two and a half", "3 and a quarter", "1.5M", "½", "7½", "-3", "two thirds",
             "twice", "a dozen", "2 x 10^-9", "3/4", "1 1/2", "3,5x", "four million"]
    for text in [*_filter_texts(), *kinds]:
        for match in NUMBER.finditer(normalize(text).text):
            if match.lastgroup not in (None, "sign"):
                assert _kind(match, match.lastgroup) == next(
                    name for name in _KINDS if match.group(name) is not None), match.group()


def test_the_character_checks_before_a_numbers_unit_patterns_skip_no_match(monkeypatch) -> None:
    """`_mention` asks the patterns around a number (a mark before it, a gap, a unit, a
    bracketed unit, a hyphened or counted noun after it) only where the characters there
    may start or end a match: on every filter example, fixture text and a few edge cases,
    the quantities and rejections are those found when every pattern is asked."""
    import sys

    module = sys.modules["claims.quantity.find"]
    edges = ["$4.6M and US $ 5 and 3 CHF", "a factor of 3", "2 in. thick, 2 in thick", "20 (kg)",
             "a 59-task subset", "1.3M+ files", "3\u00a0GPUs", "5 - 3 m", "12\u2003images",
             "7 sen and 8 Rs. 9", "9 s2, 3 m s^-1, 4 km cubed", "price: \u20ac 30 and \u00a35"]
    texts = [normalize(text) for text in [*_filter_texts(), *edges]]
    fast = [find(norm) for norm in texts]
    monkeypatch.setattr(lexicon, "may_end_prefix", lambda text, position: True)
    monkeypatch.setattr(lexicon, "may_start_clause_end", lambda text, position: True)
    monkeypatch.setattr(module, "_may_open_noun", lambda text, position: True)
    monkeypatch.setattr(module, "_OPENING_BRACKETS", "")
    monkeypatch.setattr(module, "_gap_end",
                        lambda text, position: module._GAP.match(text, position).end())
    monkeypatch.setattr(module, "_HYPHENED_OPENING", "")
    assert [find(norm) for norm in texts] == fast


@pytest.mark.parametrize(("text", "parts"), [
    ("We introduce NepOOC, the first publicly available Nepali-dominant multilingual OOC "
     "benchmark, comprising 1,090 image-caption pairs (545 pristine, 545 OOC) annotated "
     "across five typologies", [("545 pristine", "pairs"), ("545 OOC", "pairs")]),
    ("We introduce the Shopping Reasoning Bench, an expert-authored benchmark of 525 "
     "missions (232 single-turn, 293 multi-turn) with 10863 importance-weighted binary "
     "rubrics", [("232 single-turn", "missions"), ("293 multi-turn", "missions")]),
])
def test_the_parts_of_a_count_in_a_bracket_count_its_noun(text: str, parts: list) -> None:
    """`525 missions (232 single-turn, 293 multi-turn)`: each part counts missions, named
    by its own word; what a part's word reads as alone (`single`) is no quantity."""
    found = [(q.text, q.unit) for q in quantities(text)]
    assert all(part in found for part in parts), found
    assert not any(text == "single-turn" for text, _ in found)


def test_a_range_after_from_is_a_span_when_dashes_join_it() -> None:
    """`from 45--61% to 83--85%`: each end of the change is a range of its own; dashes
    never make a change (only `to` or an arrow do)."""
    found = quantities("Diagnosis-guided repair raises formal equivalence from 45--61% to "
                       "83--85% for both models, outperforming a random-repair baseline.")
    assert [(q.text, q.value, q.value_max, q.from_to) for q in found] == [
        ("45--61%", 45, 61, False), ("83--85%", 83, 85, False)]


def test_to_leading_to_a_dashed_range_joins_the_range_first() -> None:
    """`from roughly 3% to 17-24%`: the change ends in a range, joined by its dash before
    `to` can join the start to its first end."""
    found = quantities("Evoflux raises execution feasibility from roughly 3% to 17-24% across "
                       "small planners.")
    assert [(q.text, q.value, q.value_max) for q in found] == [("3%", 3, None),
                                                               ("17-24%", 17, 24)]


@pytest.mark.parametrize(("text", "ranges"), [
    ("LLM-as-judges keep high precision (0.81 to 0.94) but show erratic recall",
     [("0.81 to 0.94", 0.81, 0.94)]),
    ("with the largest gain on telecom ($0.19$ to $0.61$), the most workflow-structured",
     [("0.19", 0.19, None), ("0.61", 0.61, None)]),
])
def test_two_bare_numbers_a_bracket_holds_are_one_range_unless_a_change(
        text: str, ranges: list) -> None:
    assert [(q.text.strip("$"), q.value, q.value_max) for q in quantities(text)] == ranges


@pytest.mark.parametrize(("text", "ranges"), [
    ("with a Narrative Anchoring Gap of 0.064 to 0.151.", [(0.064, 0.151)]),
    ("the recall improves from the baseline of 0.553 to 0.730", [(0.553, None), (0.73, None)]),
    ("a causal injection experiment (PHC 0.613 to 0.656 to 0.595, N=160)",
     [(0.613, None), (0.656, None), (0.595, None), (160, None)]),
    ("the panel-mean ROUGE-L 0.41 to 0.18", [(0.41, None), (0.18, None)]),
])
def test_two_bare_decimals_joined_by_to_are_a_span_unless_a_change_or_a_sequence(
        text: str, ranges: list) -> None:
    assert [(q.value, q.value_max) for q in quantities(text)] == ranges


@pytest.mark.parametrize(("text", "unit"), [
    ("an open benchmark of 3,413 real-world, PII-scrubbed query-code pairs, a reproducible "
     "evaluation harness", "pairs"),
    ("a diagnostic benchmark of 1,253 Chinese and English memes with human-written "
     "references", "memes"),
    ("a quota-representative national sample of 658 non-Latine White U.S. adults", "adults"),
])
def test_a_whole_count_reads_its_noun_past_a_list_of_modifiers(text: str, unit: str) -> None:
    """Commas, one `and` between two modifiers and an initialism's dots do not end the
    words before a counted noun (real11-039, real35-022, real11-014)."""
    found, _ = find(normalize(text))
    assert [(q.unit, q.counted) for q in found] == [(unit, True)]


@pytest.mark.parametrize("text", [
    "in automated expense itemization in Microsoft Dynamics 365 Finance and Operations",
    "It reaches 85 overall, beating strong baselines",
    "selected from a 100K teacher-generated corpus, our method surpasses random SFT",
    "accuracy of 0.82 and strong baselines",
])
def test_a_list_of_modifiers_ends_at_a_name_a_clause_or_a_decimal(text: str) -> None:
    """A product's capitalised name, a verb's form after the comma, a pronoun and a
    decimal number stop the list: what follows counts nothing."""
    found, _ = find(normalize(text))
    assert not any(q.counted for q in found), found
