"""Rule packs: YAML data validated by a pydantic schema and compiled once.

A pack (`rules/<kind>.yaml`) lists rules; a rule is a `regex` pattern written
with shared fragments (`{AMOUNT}`, `{FACTOR}`, `{PERCENT}`, `{GPU}`) plus the
examples it must yield and negatives it must not. Named groups carry meaning:

- `v`: one value item (a number, range or list item; repeat it for lists),
- `u`: the unit as written (`GB`, `parameters`), canonicalized by `claims.quantity.units`,
- `hw`: a device name (canonicalized by the device lexicon), `m`: the metric,
  `b`: the baseline, `d`: the dataset, `s`: the subject,
- `c`: text the claim quotes beside its value (`128 A100 GPUs`).

Errors name the file and rule: an unknown fragment, a pattern that does not
compile, a rule without examples are load errors, never silent.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from claims.claim import rulecache
from claims.claim.literals import (
    Requirement,
    fold,
    leading_literals,
    occurrences,
    required_literals,
)
from claims.claim.numbers import MAGNITUDES, MULTIPLIER_WORDS, NUMBER_WORDS
from claims.claim.prefilter import Prefilters, prefilters
from claims.claim.redos import backtracking
from claims.model import Kind, Qualifier

if TYPE_CHECKING:  # only a type: importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

_FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_RESERVED_FILES = {"fragments.yaml", "units.yaml", "quantities.yaml", "cues.yaml",
                   "devices.yaml", "datasets.yaml",
                   "metrics.yaml", "context.yaml"}
#: Every pattern is compiled with these flags; VERSION1 gives scoped inline flags.
FLAGS = regex.VERSION1


class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file and rule."""


class ExpectedClaim(BaseModel):
    """What an example must yield; fields left out are not checked."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = None
    value: float | None
    value_max: float | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    metric: str | None = None
    dataset: str | None = None
    hardware: str | None = None
    baseline: str | None = None
    subject: str | None = None


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    claims: list[ExpectedClaim] = Field(min_length=1)


class Rule(BaseModel):
    """One pattern and what its matches mean."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+\.[A-Za-z0-9<>_\-]+$")
    pattern: str
    kind: Kind | None = Field(None, description="defaults to the pack's kind")
    priority: int = Field(0, description="higher wins when claims overlap")
    unit: str | None = Field(None, description="unit when the text has none of its own")
    value: float | None = Field(None, description="value when the text has no number")
    sign: int = Field(1, description="-1 for rules that state a loss")
    qualifier: Qualifier | None = None
    metric: str | None = None
    hardware: str | None = None
    anchor: Literal["value", "device", "match"] | None = Field(
        None, description="span that competes with other claims: the value (default when the "
        "pattern has a `v` group), the device (`hw`), or the whole match")
    reading: Literal["change", "remaining", "removed"] = Field(
        "change", description="a percentage is the change (`saves 25%`), what remains "
        "(`reduces compute to 64%`) or a share removed (`remove 25% of the parameters`); "
        "tables derive factors and columns from it")
    exclusive: bool = Field(False, description="no other claim of the same kind may stand "
                            "inside this rule's match (`128 A100 GPUs` is one device claim)")
    examples: list[Example] = Field(min_length=1)
    negatives: list[str] = []

    @field_validator("sign")
    @classmethod
    def _sign(cls, sign: int) -> int:
        if sign not in (1, -1):
            raise ValueError("sign must be 1 or -1")
        return sign


class RulePackFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    description: str
    decisions: list[str] = Field([], description="how this pack reads unclear cases")
    rules: list[Rule] = Field(min_length=1)
    negatives: list[str] = Field([], description="texts that must yield no claim of this kind")


class Device(BaseModel):
    """A named thing (device, dataset) and the regex alternatives that mention it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    vendor: str | None = None
    aliases: list[str] = Field(min_length=1, description="regex alternatives, case-sensitive")
    metric: str | None = Field(None, description="a benchmark's usual metric, for scores on "
                               "it whose text names none (MMLU: accuracy)")


class DeviceFamily(BaseModel):
    """Devices of one vendor no list names: patterns whose group `m` is the product."""

    model_config = ConfigDict(extra="forbid")

    vendor: str
    patterns: list[str] = Field(min_length=1, description="regexes with a group `m`")


Better = Literal["higher", "lower"]


class Metric(BaseModel):
    """A metric of the metric lexicon: its aliases, and which way is better, so that
    tables rank FID, error rates and perplexity lowest first."""

    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(min_length=1, description="regex alternatives, case-sensitive")
    better: Better | None = Field(None, description="higher or lower is better; left out, "
                                  "the lexicon's `lower_is_better` words decide")
    bound: bool = Field(False, description="a statistic (`r`, `Cohen's d`): the metric "
                        "only of the value it is written right before, never of another "
                        "value its sentence holds")


class MetricLexicon(BaseModel):
    """`metrics.yaml`: the metrics, and the words that make an unknown metric
    lower-is-better (`validation loss`, `time to first token`)."""

    model_config = ConfigDict(extra="forbid")

    metrics: list[Metric] = []
    lower_is_better: list[str] = Field([], description="words (regex alternatives, any "
                                       "case, whole words, plural s allowed) of metrics "
                                       "where lower is better")


class ContextLexicon(BaseModel):
    """`rules/context.yaml`: the words that attach context to numbers."""

    model_config = ConfigDict(extra="forbid")

    qualifiers: dict[str, Qualifier]
    qualifier_prepositions: set[str] = Field(set(), description="qualifier spellings that are "
                                             "also prepositions (over, within): they govern "
                                             "a phrase, not a number, before an article or "
                                             "a number used as an adjective (over a 75-day "
                                             "period)")
    baseline_cues: list[str]
    baseline_frames: list[str] = Field([], description="cues of a comparison set off by a "
                                       "comma at the start or end of a sentence, which "
                                       "holds for its relative values (`Compared with X, ...`)")
    relative_kinds: list[Kind]
    level_units: set[str] = Field(set(), description="units of relative kinds that state a "
                                  "level, not a change (bits): they share no baseline")
    hardware_kinds: list[Kind]
    stretch_hardware_kinds: list[Kind] = Field([], description="kinds whose device is only "
                                               "one named in the value's own stretch "
                                               "(`reducing GPU memory by 53.3%`)")
    experiment_device_lead: str = Field("(?!)", description="what leads a class word "
                                        "(GPU) naming the device experiments run on")
    performance_kinds: list[Kind] = Field([], description="kinds whose claims take the one "
                                          "device a paper names when their sentence names "
                                          "none (with quantities of memory or time)")
    deviceless_units: set[str] = Field(set(), description="units of amounts that are not "
                                       "measured on a device (tokens, steps, FLOP budgets)")
    device_metrics: set[str] = Field(set(), description="metrics of such quantities that "
                                     "are measured on a device all the same (context length)")
    dataset_kinds: list[Kind]
    not_dataset_items: set[str] = Field(set(), description="counted nouns that are no items "
                                        "of a dataset (steps, layers): their count is no "
                                        "dataset's size")
    gain_verbs: list[str] = Field([], description="verbs whose object is the metric a gain "
                                  "is in: `improves average pass rate by 9.69`")
    rate_nouns: list[str] = Field([], description="nouns that name a rate right before its "
                                  "value: `a realtime speed of ~65 FPS`")
    gain_nouns: list[str] = Field([], description="nouns of a gain followed by the metric it "
                                  "is in: `a 4.2 percent improvement in state of health`")
    metric_kinds: list[Kind] = Field(description="kinds whose metric may come from the "
                                     "sentence when the rule names none")
    subject_cues: list[str]
    dataset_splits: list[str] = Field([], description="splits written right after a dataset "
                                      "name that belong to it (test-clean, val2017)")
    dataset_nouns: list[str] = Field([], description="nouns after which a name is a "
                                     "dataset's (`the CoSER dataset`)")
    dataset_title_nouns: list[str] = Field([], description="capitalized nouns that end a "
                                           "dataset's name and belong to it (`the LT-EDI "
                                           "2026 Shared Task`)")
    dataset_name_endings: list[str] = Field([], description="endings that make a coined "
                                            "word a dataset's name wherever it stands "
                                            "(EvasionBench, BashArena, Inf-Streams-Eval)")
    dataset_prepositions: list[str] = Field([], description="words after which a coined "
                                            "name is a dataset's (`93.5% on LIBERO-LONG`)")
    not_dataset_heads: list[str] = Field([], description="words after a name that make it "
                                         "no dataset (`on Llama models`, `on H20 GPUs`)")
    not_datasets: set[str] = Field(set(), description="upper-cased words that look coined "
                                   "but name no dataset (x86, iOS)")
    model_families: list[str] = Field([], description="how model names start (GPT, Llama, "
                                      "Qwen): such names are models, not datasets")
    generic_devices: dict[str, str]
    header_abbreviations: dict[str, str] = Field({}, description="abbreviations a table's "
                                                 "column header writes for a word of the "
                                                 "metric it names (`Avg.` average), spelled "
                                                 "out in the metric taken from the header")
    label_column_roles: dict[str, str] = Field({}, description="what a column of a table's "
                                               "row labels holds, by its header (`Metric`: "
                                               "metric, `Dataset`: dataset, `Method`: "
                                               "subject), as a pattern per role")
    paper_dataset_cues: list[str] = Field([], description="words before the one dataset "
                                          "a paper says it evaluates on (`evaluates ... "
                                          "on`), the dataset of its tables that name none")
    paper_metric_cues: list[str] = Field([], description="words before the metric a "
                                         "paper says it reports (`we report the`), for "
                                         "the datasets the same clause names or the "
                                         "others, the metric of their table cells")
    setting_headers: str = Field("(?!)", description="a column header naming a setting "
                                 "of the run, not a measure (`Layer 4`, `Epoch 10`): its "
                                 "numbers measure what the caption opens with")
    metric_cutoff: str = Field("(?!)", description="what a metric's name may write right "
                               "after it, a cutoff that makes it a metric of its own "
                               "(`mAP@0.5`, `Acc@0.25`): kept with the name as written")
    caption_measure_heads: str = Field("(?!)", description="last words of a measure a "
                                       "caption opens with (`Average pairwise cosine "
                                       "similarity (%) between ...`)")
    caption_cell_leads: str = Field("(?!)", description="the words with which a caption "
                                    "says what every cell holds (`Each cell shows`): the "
                                    "words after them are the cells' metric where no header "
                                    "names one")
    generic_row_words: set[str] = Field(set(), description="upper-cased first words of a "
                                        "table's row label that make it no name (`Base "
                                        "(Few-Shot)`), beside not_models")
    not_models: set[str] = Field(description="upper-cased tokens that are never model names "
                                 "(SOTA, FP16, FID, THE)")
    examples: list[Example] = []


#: Mentions a lexicon remembers the names of; past this many it starts afresh.
_MAX_NAMES = 50_000


@dataclass(frozen=True)
class Lexicon:
    """Named things compiled into one pattern; `name_of` maps a mention to its name."""

    entries: tuple[tuple[str, regex.Pattern], ...]
    pattern: regex.Pattern  # leftmost-longest (POSIX): finds whole mentions, slowly
    any_pattern: regex.Pattern  # leftmost-first: fast, to tell whether there is one
    starts: frozenset[str] | None = None  # what every mention starts with (case-folded)
    #: By the first character of each of `starts`: the string and the POSIX pattern of
    #: the entries whose mentions may begin with it (see `_patterns_by_start`).
    by_start: dict[str, tuple[tuple[str, regex.Pattern], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    #: By the first character of a case-folded mention: the entries that may name it
    #: (see `_entries_by_first_char`); None: every entry, in order.
    by_first_char: EntriesByChar | None = field(default=None, compare=False, repr=False)
    _names: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, entries: list[tuple[str, list[str]]], where: str, plural: bool = False,
              hyphen_ends: bool = True) -> Lexicon:
        """`plural`: a mention may end in s (`8 A100s`); not `hyphen_ends`: a name that
        runs on past a hyphen is another one (`C4-Eval` is no mention of C4)."""
        end = (r"s?(?![\w])" if plural else r"(?![\w])") + ("" if hyphen_ends else
                                                             r"(?!-[A-Za-z\d])")
        compiled = tuple((name, _compile(_alternation(aliases) + end, f"{where}: {name!r}"))
                         for name, aliases in entries)
        every = [alias for _, aliases in entries for alias in aliases]
        starts = leading_literals(_alternation(every) + end, FLAGS, limit=1000)
        own = [(aliases, leading_literals(_alternation(aliases) + end, FLAGS, limit=1000))
               for _, aliases in entries]
        # POSIX: the longest mention wins ("ImageNet 64x64" over "ImageNet").
        return cls(compiled, _compile("(?p)" + _alternation(every) + end, where),
                   _compile(_alternation(every) + end, where), starts,
                   _patterns_by_start(own, starts, end, where),
                   by_first_char=_entries_by_first_char(compiled, [lit for _, lit in own]))

    def name_of(self, mention: str) -> str | None:
        """The entry a mention belongs to; an alias that looks past the mention
        (`T4` only before `GPU`) still counts, as a partial match. Remembered: papers
        name the same few things again and again."""
        if mention not in self._names:
            if len(self._names) >= _MAX_NAMES:
                self._names.clear()
            self._names[mention] = self._find_name(mention)
        return self._names[mention]

    def _find_name(self, mention: str) -> str | None:
        entries = self._entries_for(mention)
        for partial in (False, True):
            for name, pattern in entries:
                if pattern.fullmatch(mention, partial=partial):
                    return name
        return None

    def _entries_for(self, mention: str) -> tuple[tuple[str, regex.Pattern], ...]:
        """The entries that may match `mention` whole or as its start (`partial`), in
        lexicon order: those with a match starting with its first character (trying
        every entry's pattern cost most of finding a name the lexicon lacks)."""
        folded = fold(mention)
        if self.by_first_char is None or not folded or len(folded) != len(mention):
            return self.entries
        by_char, unled = self.by_first_char
        return by_char.get(folded[0], unled)

    def mentions(self, text: str, start: int = 0, end: int | None = None
                 ) -> list[tuple[tuple[int, int], str]]:
        """(span, canonical name) of every mention in text[start:end]."""
        end = len(text) if end is None else end
        return [(m.span(), self.name_of(m.group()) or m.group())
                for m in self._finditer(text, start, end)]

    def found_in(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether text[start:end] mentions any entry (`any_pattern.search`, tried only
        where a mention can start)."""
        end = len(text) if end is None else end
        folded = fold(text[start:end])
        if self.starts is None or len(folded) != end - start:
            return bool(self.any_pattern.search(text, start, end))
        return any(self.any_pattern.match(text, position, end)
                   for position in occurrences(self.starts, folded, start)
                   if _may_open(text, position))

    def mention_starts(self, text: str) -> list[int] | None:
        """Where in `text` a mention may start, as `found_in` looks for them, found once
        for the whole text; None where that cannot be told (no known starts, or folding
        moved offsets)."""
        folded = fold(text)
        if self.starts is None or len(folded) != len(text):
            return None
        return [position for position in occurrences(self.starts, folded)
                if _may_open(text, position)]

    def found_at(self, text: str, starts: list[int], start: int, end: int) -> bool:
        """`found_in(text, start, end)`, given `mention_starts(text)`: a start whose string
        runs past `end` holds no match there, as every match begins with one of `starts`
        and none of them is a prefix of another."""
        return any(self.any_pattern.match(text, position, end)
                   for position in starts[bisect_left(starts, start):bisect_left(starts, end)])

    def _finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match]:
        """`pattern.finditer`, tried only where a mention can start: scanning with a
        POSIX pattern tries every alternative at every character."""
        folded = fold(text[start:end])
        if self.starts is None or len(folded) != end - start:
            yield from self.pattern.finditer(text, start, end)
            return
        after = start
        for position in occurrences(self.starts, folded, start):
            if position >= after and _may_open(text, position) and (
                    match := self._pattern_at(folded, position - start).match(
                        text, position, end)):
                after = match.end()
                yield match

    def _pattern_at(self, folded: str, index: int) -> regex.Pattern:
        """The POSIX pattern of the entries a mention at `folded[index]` may belong to:
        exactly one of `starts` stands there (none is a prefix of another)."""
        for literal, pattern in self.by_start.get(folded[index], ()):
            if folded.startswith(literal, index):
                return pattern
        return self.pattern


def _patterns_by_start(own: list[tuple[list[str], frozenset[str] | None]],
                       starts: frozenset[str] | None, end: str, where: str
                       ) -> dict[str, tuple[tuple[str, regex.Pattern], ...]]:
    """For each string of `starts`, the POSIX pattern of the entries with a mention that
    may begin with it. Where that string stands no other entry can match (its mentions
    begin with strings that do not stand there), so the longest mention is the same,
    and trying a few aliases costs far less than trying the whole lexicon at each place
    (`the` of `The Pile` stands before every noun phrase)."""
    if starts is None:
        return {}
    by_start: dict[str, list[tuple[str, regex.Pattern]]] = {}
    for start in sorted(starts):
        aliases = [alias for aliases, literals in own
                   if literals is None or any(literal.startswith(start) for literal in literals)
                   for alias in aliases]
        pattern = _compile("(?p)" + _alternation(aliases) + end, where)
        by_start.setdefault(start[0], []).append((start, pattern))
    return {char: tuple(found) for char, found in by_start.items()}


#: Entries by the first character of a mention, and the entries for any other character.
EntriesByChar = tuple[dict[str, tuple[tuple[str, regex.Pattern], ...]],
                      tuple[tuple[str, regex.Pattern], ...]]


def _entries_by_first_char(entries: tuple[tuple[str, regex.Pattern], ...],
                           leading: list[frozenset[str] | None]) -> EntriesByChar:
    """For each character a mention may start with (case-folded), the entries, in order,
    whose matches may start with it: every match of an entry starts with one of its
    `leading` strings, so a mention, whole or the start of a match (`partial`), starts
    with the same character. An entry whose starts are unknown (None) is kept for all."""
    unled = tuple(entry for entry, literals in zip(entries, leading, strict=True)
                  if literals is None)
    chars = {literal[0] for literals in leading if literals for literal in literals}
    by_char = {char: tuple(entry for entry, literals in zip(entries, leading, strict=True)
                           if literals is None or any(lit.startswith(char) for lit in literals))
               for char in chars}
    return by_char, unled


#: Characters after which no lexicon mention starts: `_alternation` opens each with
#: `(?<![\w\-])` or `(?<=\d[x×])`, so a mention never follows them (`x` may, in `4xA100`).
_INSIDE_WORD = frozenset("abcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _may_open(text: str, position: int) -> bool:
    """Whether a lexicon mention may start here: not right after a letter, digit, `_`
    or `-` (the starts of a short alias such as `m` lie mostly inside words, where
    trying the whole lexicon pattern cost most of the lookup)."""
    return position == 0 or text[position - 1] not in _INSIDE_WORD


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    kind: Kind
    regex: regex.Pattern
    order: int
    source: str
    value_first: bool  # every match starts where a number starts (see VALUE_FIRST)
    needs: Requirement = ()  # strings a sentence must hold for a match (claims.claim.literals)
    leading: frozenset[str] | None = None  # strings every match starts with, if known


#: Fragments that only match where a number (or a number word) starts.
_VALUE_FRAGMENTS = regex.compile(
    r"\{(?:FACTORS?|CHANGES?|PERCENTS?|SCORES?|NUM|AMOUNT|SIZE|PCT1|BAREDEC|BARE|BIGAMOUNT"
    r"|DIGITS|WORDNUM|SCI)\}")


def value_first(pattern: str) -> bool:
    """Whether every match of `pattern` starts where a number starts: after leading
    lookbehinds, it opens with a value fragment, or with a `v` group whose every
    alternative does. Such rules are tried only at number starts, not at every character.

    >>> value_first("{FACTORS} faster"), value_first("(?P<v>{NUM}|{WORDNUM}) GPUs")
    (True, True)
    >>> value_first("(?P<v>{AMOUNT}|an?) hours"), value_first("speedup of {FACTOR}")
    (False, False)
    >>> value_first("{PERCENT} faster|(?P<v>{NUM}) fold"), value_first("{PERCENT} faster|a fold")
    (True, False)
    >>> value_first("(?<=[ (~])(?:{FACTORS})(?!x)"), value_first("(?:{NUM} )?fold")
    (True, False)
    """
    return all(_opens_with_value(alt) for alt in _top_level_alternatives(pattern))


def _opens_with_value(pattern: str) -> bool:
    rest = pattern
    while rest.startswith(("(?<=", "(?<!")):
        rest = rest[_group_end(rest):]
    if rest.startswith("(?P<v>"):
        end = _group_end(rest)
        return all(_VALUE_FRAGMENTS.match(alt) or _number_words(alt)
                   for alt in _top_level_alternatives(rest[6:end - 1]))
    if rest.startswith("(?:"):  # a group that is not optional: its alternatives open
        end = _group_end(rest)
        return rest[end:end + 1] not in ("?", "*", "{") and all(
            _opens_with_value(alt) for alt in _top_level_alternatives(rest[3:end - 1]))
    return bool(_VALUE_FRAGMENTS.match(rest))


def _number_words(alternative: str) -> bool:
    """`(?i:single)`, `(?i:twice|thrice)`: words that start numbers too."""
    words = regex.fullmatch(r"\(\?i:([a-z|]+)\)", alternative)
    known = {*NUMBER_WORDS, *MULTIPLIER_WORDS}
    return bool(words) and all(w in known for w in words.group(1).split("|"))


def _class_end(text: str, index: int) -> int:
    """Index just past the character class (`[\\s(~]`) that opens at text[index]."""
    depth = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "[") - (char == "]")
        index += 1
        if depth == 0:
            return index
    return len(text)


def _group_end(text: str) -> int:
    """Index just past the group that opens at text[0]."""
    depth, index = 0, 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(text, index)
            continue
        depth += (char == "(") - (char == ")")
        index += 1
        if depth == 0:
            return index
    return len(text)


def _top_level_alternatives(body: str) -> list[str]:
    parts, depth, current, index = [], 0, "", 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            current += body[index:index + 2]
            index += 2
            continue
        if char == "[":
            end = _class_end(body, index)
            current += body[index:end]
            index = end
            continue
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            depth += (char == "(") - (char == ")")
            current += char
        index += 1
    return [*parts, current]


@dataclass(frozen=True)
class RuleSet:
    """All packs, compiled; what the matcher runs."""

    rules: tuple[CompiledRule, ...]
    packs: tuple[tuple[str, RulePackFile], ...]
    devices: Lexicon
    datasets: Lexicon
    metrics: Lexicon
    context: ContextLexicon
    starts: regex.Pattern  # where a number can start: where value-first rules are tried
    #: `starts` in two parts, found separately (claims.claim.match): at a sign or a digit, and
    #: at a number word (whose case-insensitive scan is slow).
    sign_starts: regex.Pattern
    word_starts: regex.Pattern
    literals: tuple[str, ...] = ()  # every string some rule needs, for one scan per text
    dataset_metrics: Mapping[str, str] = field(default_factory=dict)  # name -> usual metric
    device_families: tuple[tuple[str, regex.Pattern], ...] = ()  # (vendor, product pattern)
    metric_better: Mapping[str, Better] = field(default_factory=dict)  # name -> direction
    bound_metrics: frozenset[str] = frozenset()  # statistics: metrics of their own value only
    lower_words: regex.Pattern | None = None  # words of lower-is-better metrics
    prefilters: Prefilters | None = None  # which rules may match a sentence, in one scan

    def canonical_device(self, text: str) -> str | None:
        """The lexicon name of a device mention (`A100` -> `NVIDIA A100`), else the name
        of a vendor's product its families know (`Raspberry Pi 5`, `Google Pixel 4`)."""
        text = text.strip()
        known = self.devices.name_of(text)
        if known:
            return known
        for vendor, pattern in self.device_families:
            found = pattern.fullmatch(text) or pattern.match(text)
            if found and found.end() >= len(text.rstrip("s")):
                return device_name(vendor, found["m"])
        return None

    def better(self, metric: str | None) -> Better:
        """Which way a metric is better: the metric lexicon's direction for a metric it
        knows; else lower when a `lower_is_better` word names it (`training loss`); else
        higher (a score with no metric too)."""
        if not metric:
            return "higher"
        known = self.metric_better.get(self.metrics.name_of(metric.strip()) or metric)
        if known:
            return known
        lower = self.lower_words is not None and self.lower_words.search(metric)
        return "lower" if lower else "higher"


def read_yaml(path: Traversable | Path, error: type[Exception] = RulePackError) -> Any:
    """A data file through YAML's safe loader (no Python objects); a syntax error or an
    unreadable file raises `error` naming the file, line and column."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise error(f"{path}{where}: YAML error: {getattr(err, 'problem', err)}") from None
    except OSError as err:
        raise error(f"{path}: cannot read: {err.strerror}") from None


def _validation_message(path: Traversable | Path, err: ValidationError, data: Any) -> str:
    first = err.errors()[0]
    loc = first["loc"]
    where = ".".join(str(p) for p in loc)
    rule_id = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            rule_id = f" rule {data['rules'][loc[1]].get('id', '#' + str(loc[1]))!r}"
        except (KeyError, IndexError, TypeError, AttributeError):
            rule_id = ""
    return f"{path}:{rule_id} {where}: {first['msg']}"


def expand(pattern: str, fragments: dict[str, str], where: str = "pattern") -> str:
    """Replace `{NAME}` fragment references, recursively.

    >>> expand("{A}x", {"A": "{B}{B}", "B": "1"})
    '11x'
    """
    def replace(match: regex.Match, seen: tuple[str, ...]) -> str:
        name = match.group(1)
        if name in seen:
            raise RulePackError(f"{where}: fragment {name!r} refers to itself")
        if name not in fragments:
            raise RulePackError(f"{where}: unknown fragment {{{name}}}")
        return _FRAGMENT_REF.sub(lambda m: replace(m, (*seen, name)), fragments[name])

    return _FRAGMENT_REF.sub(lambda m: replace(m, ()), pattern)


def _alternation(aliases: list[str]) -> str:
    """Any alias, as a whole word; a count may be fused before it ("4xA100")."""
    return (r"(?:(?<![\w\-])|(?<=\d[x×]))(?:" + "|".join(sorted(aliases, key=len, reverse=True))
            + ")")


def device_name(vendor: str, product: str) -> str:
    """`Google` and `TPUv6e` -> `Google TPU v6e`; a product that names its vendor keeps
    it once (`Raspberry Pi 4`).

    >>> device_name("Google", "TPUv6e"), device_name("Raspberry Pi", "Raspberry Pi 4")
    ('Google TPU v6e', 'Raspberry Pi 4')
    """
    product = regex.sub(r"^TPU(?=v\d)", "TPU ", " ".join(product.split()))
    return product if product.startswith(vendor) else f"{vendor} {product}"


def _unnamed(pattern: str) -> str:
    """A family's pattern inside the device fragment: its product group unnamed (the
    fragment is used by rules with groups of their own)."""
    return pattern.replace("(?P<m>", "(?:")


def _load_named(path: Traversable | Path, key: str) -> list[Device]:
    data = read_yaml(path) or {}
    try:
        return [Device.model_validate(d) for d in data.get(key, [])]
    except ValidationError as err:
        raise RulePackError(_validation_message(path, err, data)) from None


def _load_families(path: Traversable | Path) -> list[DeviceFamily]:
    data = read_yaml(path) or {}
    try:
        return [DeviceFamily.model_validate(d) for d in data.get("families", [])]
    except ValidationError as err:
        raise RulePackError(_validation_message(path, err, data)) from None


def _load_metrics(path: Traversable | Path) -> MetricLexicon:
    data = read_yaml(path) or {}
    try:
        return MetricLexicon.model_validate(data)
    except ValidationError as err:
        raise RulePackError(_validation_message(path, err, data)) from None


def _lower_words(words: list[str]) -> regex.Pattern | None:
    """One pattern for the words of lower-is-better metrics (whole words, plural s)."""
    if not words:
        return None
    return _compile(r"(?i)(?<!\w)(?:" + "|".join(words) + r")(?:e?s)?(?!\w)",
                    "metrics.yaml: lower_is_better")


def _load_context(path: Traversable | Path) -> ContextLexicon:
    data = read_yaml(path) or {}
    try:
        return ContextLexicon.model_validate(data)
    except ValidationError as err:
        raise RulePackError(_validation_message(path, err, data)) from None


def _load_fragments(path: Traversable | Path, into: dict[str, str]) -> None:
    data = read_yaml(path) or {}
    for name, pattern in (data.get("fragments") or {}).items():
        if name in into:
            raise RulePackError(f"{path}: fragment {name!r} is already defined")
        into[name] = str(pattern)


def _pack_files(directory: Traversable | Path) -> list[Traversable | Path]:
    packs = (p for p in directory.iterdir()
             if p.name.endswith(".yaml") and p.name not in _RESERVED_FILES)
    return sorted(packs, key=lambda p: p.name)


def builtin_dir() -> Traversable:
    return files("claims.rulepacks")


def load_ruleset(extra_dirs: Iterable[Path] = (), *,
                 on_compile: Callable[[Path | None], None] | None = None) -> RuleSet:
    """Load and compile the built-in packs plus any user pack directories.

    `on_compile` is called with the cache directory (None when the cache is off) once the
    packs are valid and the seconds of compiling that a cached rule set saves begin, so a
    command can say why it is silent.
    """
    directories: list[Traversable | Path] = [builtin_dir(), *[Path(d) for d in extra_dirs]]
    for directory in directories[1:]:
        if not directory.is_dir():
            raise RulePackError(f"{directory}: not a directory of rule packs")
    key = rulecache.key_of(directories)
    ruleset = rulecache.load(key)
    if not isinstance(ruleset, RuleSet):
        ruleset = _build_ruleset(directories, on_compile)
        rulecache.store(key, ruleset)
    return ruleset


def _build_ruleset(directories: list[Traversable | Path],
                   on_compile: Callable[[Path | None], None] | None = None) -> RuleSet:
    """Read, validate and compile the packs of `directories` (seconds: see rulecache)."""
    fragments: dict[str, str] = {}
    devices: list[Device] = []
    families: list[DeviceFamily] = []
    datasets: list[Device] = []
    metrics = MetricLexicon()
    for directory in directories:
        if (directory / "devices.yaml").is_file():
            devices.extend(_load_named(directory / "devices.yaml", "devices"))
            families.extend(_load_families(directory / "devices.yaml"))
        if (directory / "datasets.yaml").is_file():
            datasets.extend(_load_named(directory / "datasets.yaml", "datasets"))
        if (directory / "metrics.yaml").is_file():
            found = _load_metrics(directory / "metrics.yaml")
            metrics.metrics.extend(found.metrics)
            metrics.lower_is_better.extend(found.lower_is_better)
        if (directory / "fragments.yaml").is_file():
            _load_fragments(directory / "fragments.yaml", fragments)
    fragments.setdefault("DATASET", _alternation([a for d in datasets for a in d.aliases]))
    fragments.setdefault("GPU", _alternation([a for d in devices for a in d.aliases]
                                             + [_unnamed(p) for f in families for p in f.patterns])
                         + r"s?(?![\w])")
    by_directory = [[(str(p), _load_pack(p)) for p in _pack_files(d)] for d in directories]
    packs = [pack for group in by_directory for pack in group]
    patterns = _expanded(packs, fragments)
    if on_compile is not None:
        on_compile(rulecache.cache_dir())
    # Hyperscan compiles the prefilters (seconds) while `regex` compiles the rules.
    with ThreadPoolExecutor(max_workers=1) as pool:
        filtering = pool.submit(prefilters, _groups(by_directory, patterns))
        compiled = _compile_rules(packs, patterns)
    return RuleSet(
        tuple(compiled), tuple(packs),
        literals=tuple(sorted({lit for r in compiled for alts in r.needs for lit in alts})),
        devices=Lexicon.build([(d.name, d.aliases) for d in devices], "devices.yaml", plural=True),
        datasets=Lexicon.build([(d.name, d.aliases) for d in datasets], "datasets.yaml",
                               hyphen_ends=False),
        metrics=Lexicon.build([(m.name, m.aliases) for m in metrics.metrics], "metrics.yaml"),
        context=_load_context(builtin_dir() / "context.yaml"),
        dataset_metrics={d.name: d.metric for d in datasets if d.metric},
        device_families=tuple((f.vendor, _compile(rf"(?<![\w-])(?:{p})(?![\w-])",
                                                  f"devices.yaml: {f.vendor!r}"))
                              for f in families for p in f.patterns),
        metric_better={m.name: m.better for m in metrics.metrics if m.better},
        bound_metrics=frozenset(m.name for m in metrics.metrics if m.bound),
        lower_words=_lower_words(metrics.lower_is_better),
        starts=_compile(rf"{_NUMBER_START}(?:{_SIGN_OR_DIGIT}|{_WORDS}\b)", "number starts"),
        sign_starts=_compile(rf"{_NUMBER_START}(?:{_SIGN_OR_DIGIT})", "number starts"),
        word_starts=_compile(rf"{_NUMBER_START}{_WORDS}\b", "number starts"),
        prefilters=filtering.result(),
    )


#: Words that stand for numbers: with digits and device names, what every claim holds.
NUMBER_LIKE_WORDS = frozenset({*NUMBER_WORDS, *MULTIPLIER_WORDS, "between",
                               *(w for w in MAGNITUDES if len(w) > 1)})
_WORDS = "(?i:" + "|".join(sorted(NUMBER_LIKE_WORDS, key=len, reverse=True)) + ")"
#: A number starts neither inside a word nor after a point; at a sign, a digit or a word.
_NUMBER_START = r"(?<![\w.])"
_SIGN_OR_DIGIT = r"[-+~]|(?<!\d)(?=\d)"


def _expanded(packs: list[tuple[str, RulePackFile]], fragments: dict[str, str]) -> list[str]:
    """Every rule's pattern with its fragments expanded, in rule order, linted."""
    patterns = []
    for source, pack in packs:
        for rule in pack.rules:
            where = f"{source}: rule {rule.id!r}"
            patterns.append(expand(rule.pattern, fragments, where))
            lint(patterns[-1], where)
    return patterns


def _groups(by_directory: list[list[tuple[str, RulePackFile]]], patterns: list[str]
            ) -> list[list[tuple[int, str]]]:
    """The rules' (position, expanded pattern) pairs, by pack directory."""
    groups: list[list[tuple[int, str]]] = []
    for packs in by_directory:
        start = sum(map(len, groups))
        count = sum(len(pack.rules) for _, pack in packs)
        groups.append(list(enumerate(patterns[start:start + count], start)))
    return groups


def _load_pack(path: Traversable | Path) -> RulePackFile:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule pack must be a mapping with 'kind' and 'rules'")
    try:
        return RulePackFile.model_validate(data)
    except ValidationError as err:
        raise RulePackError(_validation_message(path, err, data)) from None


#: A group holding an unbounded quantifier, itself repeated without bound (`(a+)+`,
#: `(?:\s*x)*`, `(\w+\s?){2,}`): the shape of catastrophic backtracking.
_NESTED_UNBOUNDED = regex.compile(
    r"\((?:\?:|\?>|\?P<\w+>)?(?:[^()\\]|\\.)*?(?<!\\)(?:[+*]|\{\d+,\})[^()]*\)"
    r"(?:[+*]|\{\d+,\})")


def lint(pattern: str, where: str) -> None:
    """Reject shapes that backtrack catastrophically, naming the rule.

    >>> lint("(?:a+)+b", "r")
    Traceback (most recent call last):
    claims.claim.rulepack.RulePackError: r: nested unbounded repetition '(?:a+)+' can backtrack \
catastrophically; bound the outer repetition, e.g. {0,8}
    >>> lint(r"(?:[a-z]+ ){0,4}", "r")
    >>> lint("(?:.*x){12}!", "r")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    claims.claim.rulepack.RulePackError: r: nested unbounded repetition: '.*' can also match ...
    """
    found = _NESTED_UNBOUNDED.search(pattern)
    if found:
        raise RulePackError(f"{where}: nested unbounded repetition {found.group()!r} can "
                            "backtrack catastrophically; bound the outer repetition, e.g. "
                            "{0,8}")
    shape = backtracking(pattern)  # the shapes a regex cannot see (claims.claim.redos)
    if shape:
        raise RulePackError(f"{where}: {shape} can backtrack catastrophically; bound the "
                            "repetition around it, e.g. {0,8}, or make the pieces exclusive")


def _compile(pattern: str, where: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, FLAGS)
    except regex.error as err:
        raise RulePackError(f"{where}: pattern does not compile: {err}") from None


def _compile_rules(packs: list[tuple[str, RulePackFile]],
                   patterns: list[str]) -> list[CompiledRule]:
    """The rules of `packs`, from their expanded `patterns` (in rule order)."""
    compiled: list[CompiledRule] = []
    seen: dict[str, str] = {}
    expanded_patterns = iter(patterns)
    for source, pack in packs:
        for rule in pack.rules:
            where = f"{source}: rule {rule.id!r}"
            if rule.id in seen:
                raise RulePackError(f"{where}: id already used in {seen[rule.id]}")
            seen[rule.id] = source
            expanded = next(expanded_patterns)
            pattern = _compile(expanded, where)
            if "v" not in pattern.groupindex and rule.value is None and rule.hardware is None \
                    and "hw" not in pattern.groupindex:
                raise RulePackError(f"{where}: pattern has no value group (?P<v>...) and the "
                                    "rule sets no value")
            compiled.append(CompiledRule(rule, rule.kind or pack.kind, pattern, len(compiled),
                                         source, value_first(rule.pattern),
                                         required_literals(expanded, FLAGS),
                                         leading_literals(expanded, FLAGS)))
    return tuple(compiled)


@cache
def default_ruleset() -> RuleSet:
    """The built-in packs, loaded once per process."""
    return load_ruleset()
