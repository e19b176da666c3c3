"""Names no lexicon lists: datasets and benchmarks a sentence names by its wording.

A name before a dataset noun names a dataset ("the CoSER dataset", "the InCharacter and
LifeChoice benchmarks"); a coined name after `on` or `across` does too ("93.5% on
LIBERO-LONG", "on LOFT and ICR^2"), unless it is a model, a device, a metric or a generic
word. The nouns, prepositions and model families are data (`rules/context.yaml`); the
dataset lexicon then canonicalizes the names it knows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from claims.claim.literals import (
    finditer,
    fold,
    leading_literals,
    matches_at,
    not_inside_word,
    occurrences,
    pattern_starts,
)
from claims.claim.prefilter import Prefilters, prefilters
from claims.claim.rulepack import ContextLexicon, RuleSet, device_name

Span = tuple[int, int]
Mention = tuple[Span, str]

# One word of a name: capitalized (LIBERO-LONG, E-VQA, ICR^2, SpaceVista-1M) or lower-case
# with a capital or digit inside (nuScenes, gRefCOCO, ogbn-products). The lower-case
# letters are taken possessively: giving some back never helps (the lookahead sees the
# same, and after a word every pattern here wants a space, a comma or no word character,
# where a word given back letters has a letter, or the word character the lookahead
# found), and trying that cost the square of its length at every lower-case word. A
# capitalized word may join two parts with `&` (`Tanks\&Temples`).
_WORD = r"(?:[A-Z](?:(?:[\w\-+^.]|\\?&(?=[A-Z]))*[\w+])?|[a-z]++(?=[\w\-]*[A-Z0-9])[\w\-+^.]*[\w+])"
# A name: one word, then at most five more that are capitalized or numbers ("OVOBench
# Realtime", "VQA-Med 2019").
_LATER_WORD = r"(?:[A-Z][\w\-+^.]*[\w+]|\d[\w.]*\w|\d)"
_NAME = rf"{_WORD}(?:\s{_LATER_WORD}){{0,5}}"
#: A lower-case word that may describe counted items (`500 TPC-H natural language
#: questions`); a function word there means the words are no noun phrase.
_MODIFIER = (r"(?:(?!(?:of|and|or|to|on|in|the|by|for|with|over|than|at|from|vs|versus|is|are"
             r"|was|were|per)\s)[a-z][\w\-]*\s)")
_JOIN = r"(?:,\s(?:and\s|or\s)?|\s(?:and|or|&)\s)"
#: A word that goes on the name of a known family's model: a dotted version (`4.6`), a
#: size (`7B`, `35B-A3B`), a lettered version (`V3.2`, `K2.5`, `E2B`), a number (`Llama
#: 2`) or a capitalized variant (`Opus`, `Flash-Lite`).
_MODEL_NAME_PART = (r"(?:(?:\d+(?:\.\d+)+|\d+(?![\w\-.]\w))(?![\w\-]|\s?(?:\\?%|×|\$|x\b|times\b))"
                    r"|\d+(?:\.\d+)?[BMT](?:-[\w.]*\w)*|[A-Z]\d+(?:\.\d+)*[A-Za-z]?(?![\w\-])"
                    r"|[A-Z][a-z]+(?:-[A-Z][a-z]+)*(?![\w\-]))")
#: The words opening a sentence's setting (`On Middlebury, ...`).
_SETTING_WORDS = ("On", "Across")
_NAME_RE = regex.compile(rf"(?<![\w\-.^+]){_NAME}")
# After `a benchmark,` a name is presented only as an apposition ("a new benchmark, Foo,
# with ..."), not where the noun ends a phrase ("on nine DNN benchmarks, EIE is 189x").
_APPOSED = (r"(?:(?:called|named|dubbed)\s)?\S+(?:\s\([^)]*\))?(?:[,(;:]|\.(?:\s|$)|\s(?:which|that"
            r"|with|comprising|containing|consisting|covering|spanning)\b)")
#: What the last word of a name holds (each part of `_NAME` has one), the run of
#: characters other than spaces that ends where a (reverse) match starts, and a space.
_NAME_MARK = regex.compile(r"[A-Z]|\d")
_RUN_BEFORE = regex.compile(r"\S*", regex.REVERSE)
_SPACE = regex.compile(r"\s")
#: How far before its noun a list of names may start (six names and their joints).
_LIST_REACH = 300
#: Words a name never starts with: an article, or a preposition opening its sentence
#: (`Across GAIA benchmark tasks`, `On BOOKWORLD's ...`).
_LEADING = regex.compile(r"^(?:The|Our|This|These|Both|Each|All|A|An|On|Across|In|Using|For|From"
                         r"|With|Over|Under|Via|By|At)\s")
_PLURAL_ACRONYM = regex.compile(r"[A-Z]+s")
#: An acronym, a number format or a word and a number (`LLM`, `FP8`, `COVID-19`): what a
#: counted item is, not where it comes from.
_NOT_COINED_FOR_COUNTS = regex.compile(r"[A-Z]+|[A-Za-z]{1,5}\d{1,2}|[A-Za-z]+-\d+")
_WORD_BEFORE = regex.compile(r"(?<![\w\-])([a-z][\w\-.]*)\s$")
#: A comma and an article after a name, opening the phrase that presents it (`CLEVER, a
#: Lean 4 benchmark`), as `DatasetNames.presenting` writes them.
_APPOSING_COMMA = regex.compile(r",\s(?:a|an|the)\s")
#: What a presented name may spell out in brackets: `ReDose (REddit Drug DOSe and Effect)`.
_SPELLED_OUT = r"(?:\s\([^()]{1,80}\))?"
#: A word describing a presented dataset, or an acronym in brackets among them
#: (`the first large-scale Vietnamese Natural Language Inference (NLI) dataset`).
_DESCRIBING = r"(?:[\w\-]+|\([A-Z][\w\-]*\))"
#: The two runs of characters other than spaces right before a place (matched backwards):
#: a name presented by such a comma lies in them (`Foo`, `(Foo 2`).
_TWO_RUNS_BEFORE = regex.compile(r"(?:\S*\s)?\S*", regex.REVERSE)
#: The run of word characters and hyphens right before a place (matched backwards).
_WORD_RUN_BEFORE = regex.compile(r"[\w\-]*", regex.REVERSE)


@dataclass(frozen=True)
class DatasetNames:
    """The open-world dataset patterns of one context lexicon, compiled once."""

    before_noun: regex.Pattern
    after_preposition: regex.Pattern
    presenting: regex.Pattern  # `X, a new benchmark ...`, `X, the first dataset ...`
    self_named: regex.Pattern  # a coined word ending as a benchmark's name does (EvasionBench)
    titled: regex.Pattern  # a name whose last word is a capitalized noun (TidyVoice2026 Challenge)
    title_nouns: regex.Pattern  # those nouns, where `titled` may end
    counted: regex.Pattern  # a name between a count and its noun (500 TPC-H questions)
    ending: regex.Pattern  # one of those endings anywhere
    ending_words: tuple[str, ...] | None  # the endings, when each is a plain word
    model_family: regex.Pattern
    family_model: regex.Pattern  # a family's model written whole (`Claude Opus 4.6`)
    not_names: frozenset[str]
    noun: regex.Pattern  # a dataset noun: the patterns above need one nearby, or `on`
    setting: regex.Pattern  # `On Middlebury, ...`: what a sentence's results are on
    noun_starts: frozenset[str] | None  # what every dataset noun starts with (case-folded)
    coded_after_preposition: tuple[str, ...] | None  # see `_coded_after`
    coded_setting: tuple[str, ...] | None  # the same of `setting`'s words

    @classmethod
    def of(cls, lexicon: ContextLexicon) -> DatasetNames:
        nouns = "|".join(lexicon.dataset_nouns or ["(?!)"])
        prepositions = "|".join(lexicon.dataset_prepositions or ["(?!)"])
        families = "|".join(lexicon.model_families or ["(?!)"])
        not_after = "|".join(lexicon.not_dataset_heads or ["(?!)"])
        listed = rf"(?P<list>{_NAME}(?:{_JOIN}{_NAME}){{0,5}})"
        one = rf"(?P<list>{_WORD}(?:\s\d[\w.]*)?)"
        endings = "|".join(lexicon.dataset_name_endings or ["(?!)"])
        title_nouns = "|".join(lexicon.dataset_title_nouns or ["(?!)"])
        setting_words = "|".join(_SETTING_WORDS)
        return cls(
            self_named=regex.compile(rf"(?<![\w\-.^+])(?P<list>(?=[\w\-]*[A-Z][\w\-]*(?:{endings})"
                                     rf"(?![\w\-^+]))[A-Za-z][\w\-]*?-?(?:{endings}))(?![\w\-^+])"),
            presenting=regex.compile(
                rf"(?<![\w\-.^+]){one}{_SPELLED_OUT},\s(?:a|an|the)\s(?:{_DESCRIBING}\s){{0,8}}?"
                rf"(?:{nouns})"
                rf"(?![\w-])|(?<![\w-])(?:{nouns})(?:\s|,\s(?={_APPOSED}))(?:[-–—:]\s)?"
                rf"(?:(?:called|named|dubbed)\s)?(?:{_WORD}\s\((?P<list>[A-Z][\w\-]*)\)|{one})"
                rf"(?![\w\-^+])"),
            before_noun=regex.compile(rf"(?<![\w\-.^+]){listed}\s(?:{nouns})(?![\w-])"),
            after_preposition=regex.compile(
                rf"(?<![\w-])(?:{prepositions})\s(?:the\s)?{listed}(?![\w\-^+])"
                rf"(?!\s(?:{not_after})(?![\w-]))"),
            titled=regex.compile(rf"(?<![\w\-.^+])(?P<list>{_WORD}(?:\s{_LATER_WORD}){{0,4}}"
                                 rf"\s(?:{title_nouns})(?:\s\d{{4}})?)(?![\w\-^+])"),
            counted=regex.compile(
                rf"(?<![\w.,])\d[\d,]*(?:\.\d+)?\+?\s{_MODIFIER}{{0,3}}(?P<list>{_WORD}(?:\s\d{{4}})?)"
                rf"\s{_MODIFIER}{{0,3}}?[a-z][\w\-]*[a-z]s(?![\w\-])"),
            title_nouns=regex.compile(rf"(?<=\s)(?:{title_nouns})(?![\w\-^+])"),
            ending=regex.compile(endings),
            ending_words=_plain_words(lexicon.dataset_name_endings),
            model_family=regex.compile(rf"(?i:{families})(?![a-z])"),
            family_model=regex.compile(rf"(?i:{families})(?![a-z])(?:[\w.\-]*\w)?"
                                       rf"(?:\s{_MODEL_NAME_PART}){{0,4}}(?![\w\-])"),
            not_names=frozenset(lexicon.not_models | lexicon.not_datasets),
            noun=regex.compile(rf"(?<![\w-])(?:{nouns})(?![\w-])"),
            setting=regex.compile(rf"(?:^|(?<=[.!?]\s))(?:{setting_words})\s(?:the\s)?"
                                  rf"(?P<list>{_NAME}(?:{_JOIN}{_NAME}){{0,3}}),\s"),
            noun_starts=leading_literals(rf"(?:{nouns})", 0),
            coded_after_preposition=_coded_after(lexicon.dataset_prepositions),
            coded_setting=_coded_after(list(_SETTING_WORDS)),
        )

    def _after_preposition(self, text: str) -> Iterator[regex.Match]:
        """`after_preposition`'s matches, tried only where a preposition stands before a
        word holding a capital or a digit (`on LIBERO`, not `on the other hand`), found
        by one Hyperscan scan (`_coded_after`); where that cannot be told, at every
        preposition. Most prepositions of a text are followed by plain words."""
        starts = None if self.coded_after_preposition is None else pattern_starts(
            self.coded_after_preposition, text)
        if starts is None:
            yield from self._finditer(self.after_preposition, text, [(0, len(text))])
            return
        yield from matches_at(self.after_preposition, text, starts, len(text),
                              opens=not_inside_word)

    def _setting(self, text: str) -> Iterator[regex.Match]:
        """`setting`'s matches (`On Middlebury, ...`), tried only where `On` or `Across`
        stands before a word holding a capital or a digit, as for `_after_preposition`;
        a scan of the whole text with `regex` cost more than that of Hyperscan."""
        starts = None if self.coded_setting is None else pattern_starts(self.coded_setting, text)
        if starts is None:
            yield from self.setting.finditer(text)
            return
        yield from matches_at(self.setting, text, starts, len(text))

    def _after_names(self, text: str, stretches: list[Span]) -> list[Span]:
        """The stretches where a dataset noun follows a space and a word holding a capital
        or a digit (`the COCO dataset`, not `the new dataset`): the last word of a name
        before a noun always does, so `before_noun` cannot match in the others."""
        leading = self.noun_starts
        found = []
        for start, end in stretches:
            folded = fold(text[start:end])
            if leading is None or len(folded) != end - start or any(
                    _SPACE.match(text, noun - 1) and _NAME_MARK.search(
                        text, _RUN_BEFORE.match(text, 0, noun - 1).start(), noun - 1)
                    for noun in occurrences(leading, folded, start) if noun > start):
                found.append((start, end))
        return found

    def _near_nouns(self, text: str) -> list[Span]:
        """Stretches around each dataset noun, joined where they overlap: the patterns
        that need a noun are tried only there, so a text without one costs a scan."""
        stretches: list[Span] = []
        for noun in finditer(self.noun, text, opens=not_inside_word):
            start, end = max(0, noun.start() - _LIST_REACH), min(len(text), noun.end() + 120)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], end)
            else:
                stretches.append((start, end))
        return stretches

    def _finditer(self, pattern: regex.Pattern, text: str,
                  stretches: list[Span]) -> Iterator[regex.Match]:
        """The pattern's matches in the stretches, tried only where a match can start
        (its leading words, when it has some: `on`, `in`, `across`; and only where a word
        starts, as every pattern here opens with `(?<![\\w-])` or a stricter lookbehind)."""
        for start, end in stretches:
            yield from finditer(pattern, text, start, end, opens=not_inside_word)

    def _before_noun(self, text: str, stretches: list[Span]) -> Iterator[regex.Match]:
        """`before_noun`'s matches in the stretches, tried only where a name may start
        (`_name_starts`): a scan tried the pattern at every character of them."""
        for start, end in stretches:
            starts = _name_starts(text, start, end)
            if starts is None:
                yield from finditer(self.before_noun, text, start, end, opens=not_inside_word)
            else:
                yield from matches_at(self.before_noun, text, starts, end)

    def _presenting(self, text: str, stretches: list[Span]) -> Iterator[regex.Match]:
        """`presenting`'s matches in the stretches, tried only where one may start
        (`_presenting_starts`): a scan tried both of its branches at every word."""
        starts = self._presenting_starts(text)
        if starts is None:
            yield from self._finditer(self.presenting, text, stretches)
            return
        for start, end in stretches:
            yield from matches_at(self.presenting, text,
                                  starts[bisect_left(starts, start):bisect_left(starts, end)],
                                  end, opens=not_inside_word)

    def _presenting_starts(self, text: str) -> list[int] | None:
        """Every place a `presenting` match may start: a dataset noun (`the benchmark
        called Foo`), or inside the name before a comma and an article (`Foo 2, a
        benchmark`: a name holds no space, its number one before it), also before what
        the name spells out in brackets; None where that cannot be told (folding moved
        offsets)."""
        folded = fold(text)
        if self.noun_starts is None or len(folded) != len(text):
            return None
        starts = set(occurrences(self.noun_starts, folded))
        for comma in _APPOSING_COMMA.finditer(text):
            name_end = comma.start()
            if text[name_end - 1] == ")":  # `Foo (what it spells out), a dataset`
                name_end = max(text.rfind("(", max(0, name_end - 82), name_end), 0)
            before = _TWO_RUNS_BEFORE.match(text, 0, name_end)
            starts.update(range(before.start(), name_end))
        return sorted(starts)

    def _self_named(self, text: str) -> Iterator[regex.Match]:
        """Names ending as a benchmark's do (`EvasionBench`), tried only at the start of
        the run of word characters and hyphens before each ending: such a name is that
        run, since no word character or hyphen may stand before it (scanning the pattern
        over a whole text tried it at every word)."""
        starts = sorted({_WORD_RUN_BEFORE.match(text, 0, ending).start()
                         for ending in self._ending_starts(text)})
        yield from matches_at(self.self_named, text, starts, len(text))

    def _titled(self, text: str) -> Iterator[regex.Match]:
        """Names whose last word is a capitalized dataset noun, which is part of the name
        (`the LT-EDI 2026 Shared Task`, `the MiniMax Role-play Benchmark`), tried only at
        the word starts of the stretch before each such noun."""
        for noun in self.title_nouns.finditer(text):
            before = max(0, noun.start() - 80)
            starts = [before] + [space.end() for space in _SPACE.finditer(text, before,
                                                                            noun.start())]
            yield from (match for match in matches_at(self.titled, text, starts, noun.end() + 5)
                        if match.end("list") >= noun.end())

    def _ending_starts(self, text: str) -> list[int]:
        """Every place one of the name endings starts (as `ending` finds them, overlapped):
        plain words are found by `str.find`, which costs far less than a `regex` scan."""
        if self.ending_words is None:
            return [ending.start() for ending in self.ending.finditer(text, overlapped=True)]
        found = []
        for word in self.ending_words:
            at = text.find(word)
            while at >= 0:
                found.append(at)
                at = text.find(word, at + 1)
        return found

    def in_text(self, text: str) -> NamesInText:
        """The dataset names of one text, its scans shared by every question asked."""
        return NamesInText(self, text)

    def introduced(self, text: str, self_named: bool = True) -> list[str]:
        """`NamesInText.introduced` of one text."""
        return self.in_text(text).introduced(self_named)

    def mentions(self, text: str, taken: Callable[[Span], bool]) -> list[Mention]:
        """`NamesInText.mentions` of one text."""
        return self.in_text(text).mentions(taken)

    def _is_name(self, text: str, span: Span, name: str, coined_only: bool) -> bool:
        """A dataset's name: not a model, a generic word or a plural acronym (LLMs); after
        a preposition it must look coined, before a noun it may also be a capitalized
        word inside its sentence ("the Cityscapes dataset")."""
        first = name.split()[0]
        if name.upper() in self.not_names or any(w.upper() in self.not_names
                                                 for w in name.split()):
            return False
        if self.model_family.match(first) or _PLURAL_ACRONYM.fullmatch(first):
            return False
        if _MODEL_SIZE_INSIDE.search(name):
            return False
        if not coined_only and _described(text, span[0]) and first.isalpha() and first.isupper():
            return False  # `a multilingual OOC benchmark`: an acronym of a task, described
        if looks_coined(first):
            return len(name) > 2 or not coined_only  # after `on`, `DM` is no name
        return not coined_only and not _starts_sentence(text, span[0]) \
            and not _described(text, span[0])


class NamesInText:
    """The dataset names of one text. The scans for presenting phrases and self-named
    benchmarks serve both `mentions` and `introduced`, so they are done once per text."""

    def __init__(self, names: DatasetNames, text: str) -> None:
        self.names = names
        self.text = text

    @cached_property
    def _near_nouns(self) -> list[Span]:
        return self.names._near_nouns(self.text)

    @cached_property
    def _presenting(self) -> list[regex.Match]:
        return list(self.names._presenting(self.text, self._near_nouns))

    @cached_property
    def _self_named(self) -> list[regex.Match]:
        return list(self.names._self_named(self.text))

    @cached_property
    def _titled(self) -> list[regex.Match]:
        return [match for match in self.names._titled(self.text)
                if len(names := _listed(match)) == 1 and " " in names[0][1]]

    @cached_property
    def _counted(self) -> list[regex.Match]:
        """Names between a count and its plural noun (`500 TPC-H natural language
        questions`, `300 ESConv supporter turns`): what the counted items are drawn from.
        A bare acronym or a number format there is a kind of item (`3 LLM agents`,
        `16 FP8 tensors`)."""
        return [match for match in self.names.counted.finditer(self.text)
                if not _NOT_COINED_FOR_COUNTS.fullmatch(match["list"])
                and _coined_compound(match["list"])]

    @cached_property
    def _descriptions(self) -> dict[Span, str]:
        """The words that describe a dataset a name presents (`CLEVER, a Lean 4
        benchmark`): `Lean 4` there says what kind of benchmark it is, and names none."""
        return {(match.end("list"), match.end()): "" for match in self._presenting
                if match.start("list") == match.start()}

    def introduced(self, self_named: bool = True) -> list[str]:
        """The datasets the text presents as such: `we release HALoGEN, a comprehensive
        hallucination benchmark`; with `self_named`, also those whose names say so
        (`We introduce EvasionBench, comprising ...`)."""
        names, text = self.names, self.text
        matches = [*self._presenting, *(self._self_named if self_named else ())]
        found = [name for match in matches
                 for span, name in _listed(match) if names._is_name(text, span, name, True)]
        return list(dict.fromkeys(found))

    def mentions(self, taken: Callable[[Span], bool]) -> list[Mention]:
        """Dataset names in the text, each once; `taken(span)` tells a span some lexicon
        already names (a device, a known dataset)."""
        names, text = self.names, self.text
        found: dict[Span, str] = {}
        described = self._descriptions
        for mentions, coined_only in (
                (_listed_all(names._before_noun(text, names._after_names(text, self._near_nouns))),
                 False),
                (_listed_all(names._after_preposition(text)), True),
                (_listed_all(self._presenting), True),
                (_listed_all(self._self_named), True),
                (_listed_all(names._setting(text)), False),
                (_listed_all(self._titled), True),
                (_listed_all(self._counted), True)):
            for span, name in mentions:
                if span not in found and not taken(span) and not _overlaps(span, found) \
                        and not _overlaps(span, described) \
                        and names._is_name(text, span, name, coined_only):
                    found[span] = name
        return sorted(found.items())


#: Hyperscan patterns of ASCII text starting right before the start of each name
#: (`_WORD`): a capital, or lower-case letters before a capital or digit in their run,
#: after a character `_NAME_RE`'s lookbehind allows.
_CODED_NAME_STARTS = (r"[^A-Za-z0-9_\-.^+][A-Z]",
                      r"[^A-Za-z0-9_\-.^+][a-z]+[A-Za-z0-9_\-]*[A-Z0-9]")


def _name_starts(text: str, start: int, end: int) -> list[int] | None:
    """Every place of text[start:end] where a name (`_WORD`) may start, in order, found
    by one Hyperscan scan from the character before `start` (which the lookbehind sees;
    the text's start is always one); None where that cannot be told (beyond ASCII)."""
    low = max(start - 1, 0)
    found = pattern_starts(_CODED_NAME_STARTS, text[low:end])
    if found is None:
        return None
    starts = [low + at + 1 for at in found if low + at + 1 >= start]
    return [0, *starts] if start == 0 else starts


#: What `\\s` matches in ASCII text, and more (a Hyperscan class must not match less).
_ASCII_SPACE = r"[\t-\r\x1c-\x1f ]"
_PLAIN_WORD = regex.compile(r"[A-Za-z]+")


def _plain_words(words: list[str]) -> tuple[str, ...] | None:
    """`words` when each is letters alone (a pattern of it matches it as written), else
    None."""
    if not words or not all(_PLAIN_WORD.fullmatch(word) for word in words):
        return None
    return tuple(words)


def _coded_after(prepositions: list[str]) -> tuple[str, ...] | None:
    """Hyperscan patterns, one a preposition, of what starts every `after_preposition`
    match: the preposition, a space, maybe `the` and a space, and a run of word
    characters and hyphens holding a capital or a digit (the first word of a name,
    `_WORD`, is one). A match of one pattern then starts where that of `regex` can; so
    does the leftmost start Hyperscan reports for its end, unless a preposition holds
    more than letters or ends `the` (None then: each preposition is tried)."""
    if _plain_words(prepositions) is None or any("the".endswith(p) for p in prepositions):
        return None
    return tuple(f"{p}{_ASCII_SPACE}(?:the{_ASCII_SPACE})?[A-Za-z0-9_-]*[A-Z0-9]"
                 for p in prepositions)


#: A size in billions inside a name makes it a model's (Wan2.2-I2V-14B-720P, Foo-7B); a
#: dataset's size is in items (SpaceVista-1M) and the few sized in billions are known ones.
_MODEL_SIZE_INSIDE = regex.compile(r"-\d+(?:\.\d+)?B(?![A-Za-z\d])")


def _overlaps(span: Span, found: dict[Span, str]) -> bool:
    """Whether a span overlaps one found before (`OVOBench` inside `OVOBench Realtime`)."""
    return any(start < span[1] and span[0] < end for start, end in found)


def _listed_all(matches: Iterable[regex.Match]) -> Iterator[Mention]:
    """`_listed` of each match, in order."""
    for match in matches:
        yield from _listed(match)


def _listed(match: regex.Match) -> list[Mention]:
    """Each name of a matched list, with its span, without a leading article."""
    out = []
    for name in _NAME_RE.finditer(match.string, *match.span("list")):
        begin, part = name.start(), name.group()
        lead = _LEADING.match(part)
        if lead:
            begin, part = begin + lead.end(), part[lead.end():]
            if not part[:1].isalpha():
                continue  # `On 17 benchmarks`: a count, no name
        if part:
            out.append(((begin, begin + len(part)), part))
    return out


#: Words that may stand before a dataset's name; another lower-case word there makes the
#: name part of a description ("a parallel clinical RE dataset").
_LEADS = frozenset({"the", "a", "an", "our", "their", "its", "this", "these", "those", "on",
                    "of", "in", "from", "with", "to", "for", "using", "across", "over", "and",
                    "or", "both", "new", "two", "three", "four", "five", "six", "popular",
                    "public", "standard", "challenging", "widely-used", "benchmark",
                    "benchmarks", "datasets", "dataset", "via", "by", "at", "under", "as",
                    "is", "are", "was", "were", "including", "like", "namely", "e.g.", "i.e."})


def _coined_compound(name: str) -> bool:
    """Whether a hyphenated word is a coined name, not a description: no part of it is
    a lower-case word and one looks coined (`TPC-H`, `MIMIC-IV-Note`; not
    `QDockBank-derived`, `human-AI` or `Estonian-English`)."""
    parts = [part for part in regex.split(r"[\s\-]+", name) if part]
    return not any(part.islower() for part in parts) and any(looks_coined(part) or part.isupper()
                                                              for part in parts)


def _described(text: str, start: int) -> bool:
    """Whether a lower-case word other than an article or preposition comes right before."""
    word = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return bool(word) and word[1] not in _LEADS


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip()
    return not before or before[-1] in ".!?:;\n"


def looks_coined(word: str) -> bool:
    """A coined word has a capital or digit past its first letter (LIBERO, gRefCOCO,
    AIME2025); a plain capitalized word (Results) does not.

    >>> looks_coined("LIBERO"), looks_coined("nuScenes"), looks_coined("Results")
    (True, True, False)
    """
    return any(c.isupper() or c.isdigit() for c in word[1:])


def device_mentions(text: str, ruleset: RuleSet) -> list[Mention]:
    """Devices the lexicon names, then devices of a vendor's family it lacks (`NVIDIA
    H20`, `TPUv6e`, `Xilinx ZCU104`), with canonical names kept whole."""
    known = ruleset.devices.mentions(text)
    spans = [span for span, _ in known]
    found = list(known)
    possible = _families_filter(tuple(p.pattern for _, p in ruleset.device_families))
    maybe = None if possible is None else possible.possible_rules(text, 0, len(text))
    for index, (vendor, pattern) in enumerate(ruleset.device_families):
        if maybe is not None and index not in maybe:
            continue  # one Hyperscan scan said this family's pattern cannot match
        for match in pattern.finditer(text):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
                found.append((span, device_name(vendor, match["m"])))
    return sorted(found)


@lru_cache(maxsize=8)
def _families_filter(patterns: tuple[str, ...]) -> Prefilters | None:
    """The device families' patterns in one Hyperscan prefilter (None without
    hyperscan): most texts name no vendor, and running each family's pattern over a
    whole text cost more than the rest of the device lookup."""
    return prefilters([list(enumerate(patterns))])
