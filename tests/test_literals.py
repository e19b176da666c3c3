"""The prefilters skip work, never claims: results equal running every rule everywhere."""

from __future__ import annotations

import dataclasses
import string
from functools import cache

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
import claims.claim.sentences
from claims.claim.literals import fold, leading_literals, required_literals, satisfied, words_of
from claims.claim.rulepack import NUMBER_LIKE_WORDS, RuleSet, builtin_dir, default_ruleset
from claims.model import Document
from tests.conftest import load_docs

RULESET = default_ruleset()

#: Characters the rule packs write: ASCII letters and the few others the YAML holds.
PATTERN_CHARS = string.ascii_letters + "".join(sorted(
    {c for path in builtin_dir().iterdir() if path.name.endswith(".yaml")
     for c in path.read_text(encoding="utf-8") if ord(c) > 127 and c.isalpha()}))


@cache
def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_fold_keeps_every_case_insensitive_match() -> None:
    """Whatever `(?i:c)` matches folds to something holding fold(c)."""
    for char in PATTERN_CHARS:
        pattern = regex.compile(f"(?i:{regex.escape(char)})", regex.VERSION1)
        for match in pattern.finditer(_every_character(), overlapped=True):
            assert fold(char) in fold(match.group()), (char, match.group())


def test_required_and_leading_literals() -> None:
    assert required_literals(r"(?<=GPU)\d+") == ()
    assert required_literals(r"(?:a|b)+c{0,2}") == (frozenset({"a", "b"}),)
    assert required_literals(r"[Ss]peed-?ups?") == (frozenset({"speed"}), frozenset({"up"}))
    assert leading_literals(r"(?:the\s)?Pile") == frozenset({"the", "pile"})
    assert leading_literals(r"\bGLUE|SuperGLUE") == frozenset({"glue", "superglue"})
    assert leading_literals(r"(?:x)?\d") is None


def _rule_texts() -> list[str]:
    """Every example and negative of every rule."""
    texts = [example.text for _, pack in RULESET.packs for rule in pack.rules
             for example in rule.examples]
    return texts + [negative for _, pack in RULESET.packs for rule in pack.rules
                    for negative in rule.negatives]


def _texts() -> list[str]:
    seed = [text for doc in load_docs("seed_docs.jsonl") for text in doc.fields.values()]
    return _rule_texts() + seed


def test_every_match_holds_what_its_rule_needs_and_starts_as_it_should() -> None:
    for text in _texts():
        for rule in RULESET.rules:
            for match in rule.regex.finditer(text):
                folded = fold(match.group())
                assert satisfied(rule.needs, folded), (rule.rule.id, match.group())
                if rule.leading is not None and match.group():
                    assert folded.startswith(tuple(rule.leading)), (rule.rule.id, match.group())


def _number_starts_agree(text: str) -> None:
    """Number starts found in parts (claims.claim.match) equal one scan with the whole pattern."""
    from claims.claim.match import _Clock, _number_starts

    for start, end in claims.claim.sentences.Sentences.of(text).spans:
        sentence = text[start:end]
        spelled = NUMBER_LIKE_WORDS.intersection(words_of(fold(sentence))) \
            if sentence.isascii() else None
        found = _number_starts(RULESET, text, start, end, spelled, _Clock(None))
        assert found == _number_starts(RULESET, text, start, end, None, _Clock(None))
        assert found == [m.start() for m in RULESET.starts.finditer(text, start, end)], text


def test_number_starts_equal_a_full_scan() -> None:
    for text in [*_texts(), "ſix 3 Ten, twenty-one; ONE. thırty İki fıve half-way 1/2"]:
        _number_starts_agree(text)


def test_lexicon_mentions_equal_a_full_scan() -> None:
    for text in _texts():
        for lexicon in (RULESET.devices, RULESET.datasets, RULESET.metrics):
            full = [(m.span(), lexicon.name_of(m.group()) or m.group())
                    for m in lexicon.pattern.finditer(text)]
            assert lexicon.mentions(text) == full
            assert lexicon.found_in(text) == bool(lexicon.any_pattern.search(text))


def _without_prefilters(ruleset: RuleSet) -> RuleSet:
    """The same rules, each run over every sentence at every position (no literal
    prefilter, no trying value-first rules only where a number starts)."""
    def plain(lexicon):
        return dataclasses.replace(lexicon, starts=None)

    return dataclasses.replace(
        ruleset, literals=(), prefilters=None,
        rules=tuple(dataclasses.replace(r, needs=(), leading=None, value_first=False)
                    for r in ruleset.rules),
        devices=plain(ruleset.devices), datasets=plain(ruleset.datasets),
        metrics=plain(ruleset.metrics))


REFERENCE = _without_prefilters(RULESET)

TOKENS = ["3.25x", "41-137times", "\\%", "×", "–", "GPT-4", "175B", "A100", "H100 GPUs",
          "up to", "%", "8,000", "(", ")", ".", " ", "speedup", "SPEEDUP", "faster", "of",
          "by", "twice", "ten-fold", "accuracy", "ıS", "İmageNet", "ſpeedup", "ImageNet",
          "ſix", "Twenty", "oNe", "half",
          "SuperGLUE", "the Pile", "top-1", "reduces memory", "by 40%", "FLOPs", "ß", "µs",
          "points", "BLEU", "compared to", "parameters", "tokens/s", "ms", "\n", "The",
          "versus", "89.9", "vs.", "score", "GB", "in", "on", "against"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_prefilters_never_change_the_claims(text: str) -> None:
    _number_starts_agree(text)
    doc = Document(id="t", fields={"abstract": text})
    assert claims.extract_document(doc, RULESET) == claims.extract_document(doc, REFERENCE)


def test_prefilters_never_change_the_claims_of_examples_and_seed_docs() -> None:
    docs = [Document(id="t", fields={"text": text}) for text in _rule_texts()]
    for doc in docs + load_docs("seed_docs.jsonl")[:40]:
        assert claims.extract_document(doc, RULESET) == claims.extract_document(doc, REFERENCE)


def _found_by_find(literals: frozenset[str], text: str, offset: int) -> list[int]:
    return sorted({offset + at for literal in literals for at in range(len(text) + 1)
                   if text.startswith(literal, at)})


@given(st.frozensets(st.text("ab c", min_size=1, max_size=4), min_size=8, max_size=20),
       st.text("abc d", max_size=60), st.integers(0, 50))
def test_occurrences_by_one_scan_are_those_of_find(literals, text, offset) -> None:
    """From eight literals on, an ASCII text is scanned once by Hyperscan: every
    overlapping occurrence is found as `str.find` finds it."""
    from claims.claim.literals import occurrences

    assert occurrences(literals, text, offset) == _found_by_find(literals, text, offset)


@given(st.frozensets(st.text("ab c$\\.(+-", min_size=1, max_size=4), min_size=1, max_size=12),
       st.text("abc d$\\.(+-", max_size=60), st.integers(0, 50))
def test_occurrences_after_none_of_leave_out_only_starts_after_them(literals, text, offset
                                                                    ) -> None:
    """Given characters no start may follow, an ASCII text's scan leaves out only the
    occurrences right after one of them (literals holding pattern characters too): all
    of them for fewer than eight literals, none for more (their database of patterns
    would cost more to compile than it spares)."""
    from claims.claim.literals import occurrences

    after = frozenset("ab-")
    everywhere = _found_by_find(literals, text, offset)
    kept = [at for at in everywhere if at == offset or text[at - offset - 1] not in after]
    assert occurrences(literals, text, offset, after) == (
        kept if len(literals) < 8 else everywhere)


def test_occurrences_beyond_ascii() -> None:
    """A text beyond ASCII is searched with `find`; an ASCII text never holds a literal
    beyond ASCII."""
    from claims.claim.literals import occurrences

    literals = frozenset({"ä", "ab", "b", "cd", "e", "f", "g", "h", "i"})
    assert occurrences(literals, "xäab cd", 1) == _found_by_find(literals, "xäab cd", 1)
    assert occurrences(literals, "ab cd e", 0) == [0, 1, 3, 6]
    assert occurrences(frozenset({"ä", "ö", "ü", "é", "è", "ß", "ç", "ñ"}), "abc", 0) == []


_LED_PATTERNS = [regex.compile(p, regex.VERSION1) for p in (
    r"(?<![\w-])(?:bench|data|set)(?![\w-])", r"(?i:on|in)\s\w+", r"ab+|ba", r"(?<=a)b\w")]


@given(st.sampled_from(_LED_PATTERNS), st.text("abBONI dt-es", max_size=60),
       st.integers(0, 5), st.integers(0, 5))
def test_finditer_at_leading_literals_is_finditer(pattern, text, cut_start, cut_end) -> None:
    """A pattern tried only where its leading strings occur finds what finditer finds,
    in a slice of the text too."""
    from claims.claim.literals import finditer

    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    start = min(start, end)
    assert [m.span() for m in finditer(pattern, text, start, end)] == \
        [m.span() for m in pattern.finditer(text, start, end)]


def test_a_sentence_a_rule_matches_may_hold_a_claim() -> None:
    """Sentences without a digit, a number word or a device name are skipped before the
    prefilters' scan: no rule matches any of them, on the rule examples and seed texts."""
    from claims.claim.match import _may_hold_a_claim

    for text in _texts():
        for start, end in claims.claim.sentences.Sentences.of(text).spans:
            if not _may_hold_a_claim(RULESET, text, start, end):
                assert not [rule.rule.id for rule in RULESET.rules
                            if any(m.end() > m.start()
                                   for m in rule.regex.finditer(text, start, end))], text


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_words_of_ascii_text_are_its_runs_of_word_characters(text: str) -> None:
    assert words_of(text) == set(regex.findall(r"\w+", text))
