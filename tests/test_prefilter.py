"""The Hyperscan prefilter: it reports every rule that can match a sentence, so the
claims never change; rules it cannot read faithfully are always tried."""

from __future__ import annotations

import pickle
import sys

import pytest

import claims.claim.sentences
from claims.claim.prefilter import Prefilters, prefilter_pattern, prefilters
from claims.claim.rulepack import default_ruleset, load_ruleset
from tests.conftest import WIDGETS
from tests.test_literals import _texts

pytest.importorskip("hyperscan")
RULESET = default_ruleset()


def test_the_built_in_rules_are_prefiltered() -> None:
    assert isinstance(RULESET.prefilters, Prefilters)
    assert RULESET.prefilters.always == frozenset()
    assert sorted(o for g in RULESET.prefilters.groups for o in g.orders) == \
        [rule.order for rule in RULESET.rules]


def test_the_built_in_lexicons_are_scanned_only_where_a_mention_starts() -> None:
    """Every entry of the device, dataset and metric lexicons must start with a literal
    (`gFID|rFID`, not `[gr]?FID`): one that does not turns the whole lexicon's scan into a
    regex tried at every character, which once made extraction 25% slower."""
    for lexicon in (RULESET.devices, RULESET.datasets, RULESET.metrics):
        assert lexicon.starts is not None


def test_every_rule_that_matches_a_sentence_is_reported() -> None:
    for text in _texts():
        for start, end in claims.claim.sentences.Sentences.of(text).spans:
            possible = RULESET.prefilters.possible_rules(text, start, end)
            if possible is None:
                assert not text[max(start - 1, 0):end].isascii()
                continue
            for rule in RULESET.rules:
                if rule.regex.search(text, start, end):
                    assert rule.order in possible, (rule.rule.id, text[start:end])


def test_a_word_boundary_at_the_sentence_start_sees_the_character_before() -> None:
    [prefilter] = prefilters([[(0, r"\b\(x")]]).groups
    found: set[int] = set()
    prefilter.matching(b"(x", found)
    assert found == set()  # no boundary before "(" at the start of the data
    assert prefilters([[(0, r"\b\(x")]]).possible_rules("a(x", 1, 3) == {0}


def test_patterns_are_loosened_not_narrowed() -> None:
    assert prefilter_pattern(r"(?P<v>\d{1,20})\s{0,3}(?:ab){2,}c{5}") == \
        r"(?:\d+)\s{0,3}(?:ab)+c{5}"
    assert prefilter_pattern(r"\{1,20}") == r"\{1,20}"  # braces written as text stay


@pytest.mark.parametrize("pattern", [r"\p{L}+ \d", r"[[a-z]--[aeiou]]\d", r"[[:alpha:]]\d",
                                     r"(?:ab){e<=1}\d", r"\m\d"])
def test_a_pattern_only_regex_reads_is_always_tried(pattern: str) -> None:
    built = prefilters([[(0, r"\dx"), (1, pattern)]])
    assert built.always == {1}
    assert built.possible_rules("no digits", 0, 9) == {1}
    assert built.possible_rules("3x", 0, 2) == {0, 1}


def test_rules_of_a_group_hyperscan_cannot_compile_are_always_tried(monkeypatch) -> None:
    monkeypatch.setenv("CLAIMS_CACHE_DIR", "")
    built = prefilters([[(0, r"\dx")], [(1, r"(?|a)b")]])  # branch reset: no Hyperscan
    assert built.always == {1} and len(built.groups) == 1
    assert built.possible_rules("b", 0, 1) == {1}


def test_text_beyond_ascii_is_left_to_the_rules() -> None:
    assert RULESET.prefilters.possible_rules("a 3× speedup", 0, 12) is None


def test_a_user_pack_has_its_own_group_and_the_built_in_database_is_reused(tmp_path) -> None:
    (tmp_path / "widgets.yaml").write_text(WIDGETS, encoding="utf-8")
    ruleset = load_ruleset([tmp_path])
    builtin, user = ruleset.prefilters.groups
    assert builtin.database == RULESET.prefilters.groups[0].database
    [widget] = [rule for rule in ruleset.rules if rule.rule.id == "widgets.<amount>-widgets"]
    assert user.orders == (widget.order,)
    assert widget.order in ruleset.prefilters.possible_rules("we ship 12 widgets", 0, 18)


def test_a_prefilter_survives_pickling() -> None:
    """Rule sets are pickled into the cache and to worker processes."""
    copy = pickle.loads(pickle.dumps(RULESET.prefilters))
    text = "a 3.25x speedup on 8 GPUs"
    assert copy.possible_rules(text, 0, len(text)) == \
        RULESET.prefilters.possible_rules(text, 0, len(text))


def test_without_hyperscan_there_are_no_prefilters(monkeypatch) -> None:
    monkeypatch.setattr(sys.modules["claims.claim.prefilter"], "hyperscan", None)
    assert prefilters([[(0, r"\dx")]]) is None


def test_device_families_skipped_by_one_scan_find_what_every_pattern_finds() -> None:
    """Device families are looked for only where one Hyperscan scan says their pattern
    may match: on every fixture text the family matches are those of every pattern."""
    import json
    from pathlib import Path

    from claims.claim.named import _families_filter
    from claims.claim.rulepack import default_ruleset

    families = default_ruleset().device_families
    prefilter = _families_filter(tuple(p.pattern for _, p in families))
    assert prefilter is not None
    for path in sorted((Path(__file__).parent / "fixtures").glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for text in (t for t in json.loads(line).values() if isinstance(t, str)):
                maybe = prefilter.possible_rules(text, 0, len(text))
                matching = {i for i, (_, p) in enumerate(families) if p.search(text)}
                assert maybe is None or matching <= maybe, (path.name, text[:60])


def test_the_cue_words_found_with_the_groups_that_may_match_are_all_of_them() -> None:
    """The cue words' alternation is scanned with only the groups the prefilter finds
    room for in a clause: every fixture sentence, and each clause of it, gives the
    matches (group, span) of the whole alternation."""
    from claims.claim.cues import _cue_words

    words = _cue_words()
    assert words.prefilters is not None
    for text in _texts():
        sentences = claims.claim.sentences.Sentences.of(text)
        clauses = claims.claim.sentences.Clauses(text, sentences)
        for start, end in sentences.spans:
            for low, high in {(start, end), *(clauses.around(at, at) for at in range(
                    start, end, 50))}:
                clause = text[low:high]
                assert [(m.lastgroup, m.span()) for m in words.finditer(clause)] == [
                    (m.lastgroup, m.span()) for m in words.whole.finditer(clause)], clause


def test_clause_ends_tried_where_one_scan_finds_them_are_all_of_them() -> None:
    """Clause breaks tried only where a Hyperscan pattern says one may start equal a
    `regex` scan of each sentence, on the rule examples, the seed texts and text spaced
    and dashed every way."""
    from claims.claim.sentences import _CLAUSE_END, _clause_ends

    for text in [*_texts(), "a; b : c - d, while e whereas f", "x:\ty\x1cz -  - q,  but r",
                 "a \u2014 b \u2013 c,\nwhich d", "end;"]:
        for start, end in claims.claim.sentences.Sentences.of(text).spans:
            assert [m.span() for m in _clause_ends(text, start, end)] == \
                [m.span() for m in _CLAUSE_END.finditer(text, start, end)], text
