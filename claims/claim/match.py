"""Run the compiled rules over normalized text and keep the winning matches.

Each match yields one item per captured value (`v`), so a list such as
`22x, 8x, and 6x` gives three items. Items compete by their anchor (the value
span, or the device span for a device named without a count): where anchors
overlap, the higher priority wins, then the longer match, then the earlier
rule. The order is total, so the result never depends on hashing or timing.
For `claims explain`, the candidates that lose can be collected with the reason.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

import regex
from regex import Match, Pattern

from claims.claim.literals import Index, fold, occurrences, pattern_ends, words_of
from claims.claim.rulepack import NUMBER_LIKE_WORDS, CompiledRule, RuleSet
from claims.claim.sentences import Sentences
from claims.model import Kind
from claims.quantity.numbers import word_starts, words_among

Span = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """One value of one rule match, with the groups it carries."""

    rule: CompiledRule
    match_span: Span
    anchor: Span
    value_span: Span | None
    value_text: str | None
    index: int  # position of this item in its match's list of values
    count: int  # number of items in the match
    list_start: int  # where the first value of the match starts (qualifiers stand before it)
    groups: dict[str, tuple[tuple[Span, str], ...]]  # group name -> captures

    @property
    def kind(self) -> Kind:
        return self.rule.kind

    def group(self, name: str) -> tuple[Span, str] | None:
        """This item's capture of `name`: paired by position in lists, else the first."""
        captures = self.groups.get(name, ())
        if not captures:
            return None
        if len(captures) == self.count:
            return captures[self.index]
        return captures[0]


_CONTEXT_GROUPS = ("u", "hw", "m", "b", "d", "s", "c")


def _items(rule: CompiledRule, match) -> list[Item]:
    groups = {
        name: tuple(zip(match.spans(name), match.captures(name), strict=True))
        for name in _CONTEXT_GROUPS if name in rule.regex.groupindex and match.captures(name)
    }
    span = match.span()
    device = groups["hw"][0][0] if "hw" in groups else span
    if "v" in rule.regex.groupindex and match.captures("v"):
        values = list(zip(match.spans("v"), match.captures("v"), strict=True))
        first = values[0][0][0]
        return [Item(rule, span, _anchor(rule, s, device, span), s, text, i, len(values), first,
                     groups)
                for i, (s, text) in enumerate(values)]
    return [Item(rule, span, _anchor(rule, span, device, span), None, None, 0, 1, span[0],
                 groups)]


def _anchor(rule: CompiledRule, value: Span, device: Span, match: Span) -> Span:
    choice = rule.rule.anchor
    if choice == "match":
        return match
    if choice == "device" or (choice is None and value == match):
        return device
    return value


def cited_span(item: Item) -> Span:
    """What a claim quotes: its value with its own unit and device (`128 A100 GPUs`,
    `175 billion parameters`); a unit shared by a list goes with its last item."""
    if item.value_span is None:
        return item.anchor if item.rule.rule.anchor == "device" else item.match_span
    spans = [item.value_span]
    for name in ("u", "hw", "c"):
        captures = item.groups.get(name, ())
        if len(captures) == item.count:
            spans.append(captures[item.index][0])
        elif captures and item.index == item.count - 1:
            spans.append(captures[-1][0])
    spans = [s for s in spans if item.match_span[0] <= s[0] and s[1] <= item.match_span[1]]
    return min(s[0] for s in spans), max(s[1] for s in spans)


_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"[a-z]+")


def _may_hold_a_claim(ruleset: RuleSet, text: str, start: int, end: int) -> bool:
    """Every claim holds a digit, a number word or a device name; other sentences are
    skipped before any rule runs, and before the prefilters' scan, which costs more
    than these tests (about half the sentences of abstracts hold none of the three)."""
    sentence = text[start:end]
    if _DIGIT.search(sentence):
        return True
    if sentence.isascii():  # its words, lower-cased, are its runs of letters
        if words_among(NUMBER_LIKE_WORDS, sentence):
            return True
    elif not NUMBER_LIKE_WORDS.isdisjoint(_WORD.findall(sentence.lower())):
        return True
    return ruleset.devices.found_in(text, start, end)


def _claim_sentences(ruleset: RuleSet, text: str, spans: tuple[Span, ...]) -> list[Span]:
    """The sentences that may hold a claim (`_may_hold_a_claim`). In ASCII text the
    number words and the places a device name may start are found once for the whole
    text, not once per sentence (a Hyperscan scan costs microseconds however short its
    text, and most sentences of an abstract hold no digit): each word is then a whole
    run of letters of one sentence, as no sentence starts or ends inside such a run."""
    words = None if _cuts_a_word(text, spans) else word_starts(NUMBER_LIKE_WORDS, text)
    devices = None if words is None else ruleset.devices.mention_starts(text)
    if devices is None:
        return [span for span in spans if _may_hold_a_claim(ruleset, text, *span)]
    return [(start, end) for start, end in spans
            if _DIGIT.search(text, start, end)
            or bisect.bisect_left(words, start) < bisect.bisect_left(words, end)
            or ruleset.devices.found_at(text, devices, start, end)]


def _cuts_a_word(text: str, spans: tuple[Span, ...]) -> bool:
    """Whether a sentence starts or ends inside a run of letters."""
    length = len(text)
    return any(0 < at < length and text[at - 1].isalpha() and text[at].isalpha()
               for span in spans for at in span)


#: Characters of text per number start above which value-first rules are tried only at
#: number starts (below it, a plain scan is cheaper).
_SPARSE_NUMBERS = 12


class _Clock:
    """What is left of a time budget, for the `timeout` of each regex call."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline

    def left(self) -> float | None:
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise MatchTimeout("the document's time budget ran out")
        return left


class _Selector:
    """What picks a sentence's rules: the literal index of the rules' requirements."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.index = Index(rule.needs for rule in ruleset.rules)
        self.masks = self.index.masks

    def rules_for(self, found: int) -> list[CompiledRule]:
        """The rules whose needed strings a sentence holds (`found`: its index bits)."""
        return [rule for rule, mask in zip(self.ruleset.rules, self.masks, strict=True)
                if found & mask == mask]


_SELECTORS: dict[int, _Selector] = {}


def _selector(ruleset: RuleSet) -> _Selector:
    """The selector of a rule set, built once per rule set."""
    known = _SELECTORS.get(id(ruleset))
    if known is None or known.ruleset is not ruleset:
        known = _SELECTORS[id(ruleset)] = _Selector(ruleset)
    return known


_RUN = regex.compile(r"\w+", regex.VERSION1)


def _number_starts(ruleset: RuleSet, text: str, start: int, end: int,
                   spelled: Collection[str] | None, clock: _Clock) -> list[int]:
    """Where `ruleset.starts` finds a number start in text[start:end], found faster: signs
    and digits by their own pattern; number words only where the sentence may hold one,
    and only at runs of word characters that spell one (or are not ASCII, where case
    folding is subtler), since a number word is a whole run. `spelled`: the number words
    an ASCII sentence holds, case-folded (none: no word is looked for); None: any run
    may spell one."""
    found = _sign_starts(ruleset, text, start, end, clock)
    if spelled is not None and not spelled:
        return found
    runs = [run.start() for run in _RUN.finditer(text, start, end, timeout=clock.left())
            if run.group().lower() in NUMBER_LIKE_WORDS or not run.group().isascii()] \
        if spelled is None else _whole_runs(text[start:end].lower(), spelled, start)
    word_starts = ruleset.word_starts
    words = [at for at in runs if word_starts.match(text, at, end, timeout=clock.left())]
    return sorted({*found, *words}) if words else found


#: `(?<![\w.])(?:[-+~]|(?<!\d)(?=\d))` of `ruleset.sign_starts` in ASCII text, as
#: Hyperscan patterns ending at the sign or digit: after a character other than a word
#: character or a point, or at the text's start.
_SIGN_STARTS = (r"[^A-Za-z0-9_.][-+~0-9]", r"^[-+~0-9]")


def _sign_starts(ruleset: RuleSet, text: str, start: int, end: int, clock: _Clock
                 ) -> list[int]:
    """Where `ruleset.sign_starts` matches in text[start:end]; in ASCII text by one
    Hyperscan scan (from the character before `start`, which its lookbehind sees), as
    the `regex` scan tried every character."""
    clock.left()  # the budget is asked here as the scan's timeout would be
    low = max(start - 1, 0)
    ends = pattern_ends(_SIGN_STARTS, text[low:end])
    if ends is None:
        return [m.start() for m in ruleset.sign_starts.finditer(text, start, end,
                                                                timeout=clock.left())]
    return [low + at - 1 for at in ends if low + at - 1 >= start]


#: What `\w` matches among case-folded ASCII characters.
_ASCII_WORD_FOLDED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _whole_runs(lowered: str, words: Collection[str], offset: int) -> list[int]:
    """Where one of `words` stands in the lower-cased ASCII `lowered` as a whole run of
    word characters (as `_RUN` finds runs in it), shifted by `offset`."""
    found = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or lowered[at - 1] not in _ASCII_WORD_FOLDED) and (
                    after == len(lowered) or lowered[after] not in _ASCII_WORD_FOLDED):
                found.append(offset + at)
            at = lowered.find(word, at + 1)
    return sorted(found)


def _matches(ruleset: RuleSet, rules: list[CompiledRule], text: str, start: int, end: int,
             folded: str, clock: _Clock, spelled: Collection[str] | None = None
             ) -> list[tuple[Match, CompiledRule]]:
    """Every rule's non-overlapping matches in text[start:end], as finditer would give
    them; value-first rules are only tried where a number starts, rules that start with
    a word only where the word is (`folded` is the sentence, case-folded; `spelled`, the
    number words an ASCII sentence holds, as for `_number_starts`)."""
    if not rules:
        return []
    starts = _number_starts(ruleset, text, start, end, spelled, clock)
    # Trying rules at each number start pays off where numbers are sparse, as in prose.
    sparse = len(starts) * _SPARSE_NUMBERS <= end - start
    aligned = len(folded) == end - start  # folding kept every offset
    places = _Places(folded, start)
    found: list[tuple[Match, CompiledRule]] = []
    try:
        for rule in rules:
            if rule.value_first and sparse:
                latest = places.latest_start(rule) if aligned else end
                matches = _matches_at(rule.regex, text, starts, end, latest, clock)
            elif rule.leading is not None and aligned:
                matches = _matches_at(rule.regex, text, places.starts(rule.leading), end,
                                      places.latest_start(rule), clock)
            else:
                matches = list(rule.regex.finditer(text, start, end, timeout=clock.left()))
            if matches:
                found.extend((m, rule) for m in matches if m.end() > m.start())
    except TimeoutError:
        raise MatchTimeout(f"rule {rule.rule.id!r} ran out of the document's time budget") \
            from None
    return found


def _sentence_matches(ruleset: RuleSet, text: str, start: int, end: int, clock: _Clock
                      ) -> list[tuple[Match, CompiledRule]]:
    prefilters = ruleset.prefilters
    possible = None if prefilters is None else prefilters.possible_rules(text, start, end)
    if possible is not None and not possible:
        return []
    sentence = text[start:end]
    folded = fold(sentence)
    selector = _selector(ruleset)
    words = words_of(folded)
    if possible is None:
        rules = selector.rules_for(selector.index.bits(folded, words))
    else:  # the prefilters' answer is the sharper one
        rules = [ruleset.rules[order] for order in sorted(possible)]
    # ASCII text folds plainly: a number word in it is one of its words.
    spelled = NUMBER_LIKE_WORDS.intersection(words) if sentence.isascii() else None
    return _matches(ruleset, rules, text, start, end, folded, clock, spelled)


#: Cue sets larger than this cost more to locate than the match attempts they save.
_MAX_CUES = 12


class _Places:
    """Where the strings rules need occur in one sentence (`folded`, at `offset`), worked
    out once per set of strings, since rules share them."""

    def __init__(self, folded: str, offset: int) -> None:
        self.folded = folded
        self.offset = offset
        self._last: dict[frozenset[str], int] = {}
        self._starts: dict[frozenset[str], list[int]] = {}

    def latest_start(self, rule: CompiledRule) -> int:
        """Where a match of `rule` starts at the latest: it holds one of the strings of
        the rule's most selective set, so it starts before the last of them."""
        alternatives = rule.needs[0] if rule.needs else None
        if alternatives is None or len(alternatives) > _MAX_CUES:
            return self.offset + len(self.folded)
        last = self._last.get(alternatives)
        if last is None:
            last = self._last[alternatives] = max(self.folded.rfind(literal)
                                                  for literal in alternatives)
        return self.offset + last

    def starts(self, literals: frozenset[str]) -> list[int]:
        """Where any of `literals` starts."""
        found = self._starts.get(literals)
        if found is None:
            found = self._starts[literals] = occurrences(literals, self.folded, self.offset)
        return found


def _matches_at(pattern: Pattern, text: str, starts: list[int], end: int, latest: int,
                clock: _Clock) -> list[Match]:
    """The non-overlapping matches of `pattern` at `starts`, up to `latest`."""
    found = []
    after = -1
    for position in starts:
        if position > latest:
            break
        if position < after:
            continue
        match = pattern.match(text, position, end, timeout=clock.left())
        if match:
            after = match.end()
            found.append(match)
    return found


def _same_match(a: Item, b: Item | None) -> bool:
    return b is not None and a.rule is b.rule and a.match_span == b.match_span


class MatchTimeout(Exception):
    """Matching a text took longer than its time budget (hostile or huge input)."""


@dataclass(frozen=True)
class Loss:
    """A candidate that lost, the kept item it lost to (None for a number inside a
    dataset's name) and why; collected only for `claims explain`."""

    item: Item
    winner: Item | None
    reason: str  # why the winner was tried first, or the dataset name the number is in
    fenced: bool = False  # lost to an exclusive rule's match, not to an overlapping anchor


def find_items(ruleset: RuleSet, text: str, sentences: Sentences,
               dataset_mentions: Callable[[], list[tuple[Span, str]]],
               deadline: float | None = None, losses: list[Loss] | None = None,
               device_mentions: Callable[[], list[tuple[Span, str]]] = list) -> list[Item]:
    """All winning items in `text`, in reading order; rules run sentence by sentence,
    only where a sentence holds a number or a device. A number inside a dataset's or a
    device's name (`SQuAD 2.0`, `Huawei Ascend 910B`, from `dataset_mentions()` and
    `device_mentions()`, asked only when needed) is never a value. Past `deadline` (a
    `time.monotonic()` value) every regex stops and MatchTimeout is raised, so no input
    can hang a batch. Given a `losses` list, the candidates that lose are added to it
    with the reason (extraction itself passes none)."""
    clock = _Clock(deadline)
    candidates = [
        item
        for start, end in _claim_sentences(ruleset, text, sentences.spans)
        for match, rule in _sentence_matches(ruleset, text, start, end, clock)
        for item in _items(rule, match)
    ]
    for what, mentions in (("dataset", dataset_mentions), ("device", device_mentions)):
        if candidates:
            candidates = _outside_names(candidates, mentions(), what, losses)
    candidates.sort(key=_rank)
    return _resolve(candidates, losses)


def _outside_names(candidates: list[Item], mentions: list[tuple[Span, str]], what: str,
                   losses: list[Loss] | None) -> list[Item]:
    """The candidates whose number is no part of a mentioned name; given `losses`, the
    others are added to it."""
    names = _Spans()
    for span, _ in mentions:
        names.add(span, None)
    if losses is not None:
        losses.extend(_in_names(candidates, names, mentions, what))
    return [it for it in candidates if it.value_span is None or not names.covering(it.value_span)]


def _rank(item: Item) -> tuple[int, int, int, Span]:
    """The order candidates are tried in: priority, then match length, then rule order."""
    return (-item.rule.rule.priority, -(item.match_span[1] - item.match_span[0]),
            item.rule.order, item.anchor)


def _in_names(candidates: list[Item], names: _Spans, mentions: list[tuple[Span, str]],
              what: str) -> list[Loss]:
    """The candidates whose number is part of a dataset's or device's name, as losses."""
    losses = []
    for item in candidates:
        if item.value_span is not None and names.covering(item.value_span):
            start, end = item.value_span
            name = next(name for (s, e), name in mentions if s <= start and end <= e)
            reason = f"its number is part of a mention of the {what} {name!r}"
            losses.append(Loss(item, None, reason))
    return losses


def _resolve(candidates: list[Item], losses: list[Loss] | None = None) -> list[Item]:
    """Keep each candidate, best first, unless its anchor overlaps a kept item's anchor
    (items of one match never compete) or lies in the match of a kept exclusive item
    of its kind."""
    anchors = _Spans()
    exclusive: dict[Kind, _Spans] = {}
    kept: list[Item] = []
    for item in candidates:
        rival = _rival(item, anchors.overlapping(item.anchor))
        if rival is not None:
            if losses is not None:
                losses.append(Loss(item, rival, _why(rival, item)))
            continue
        fences = exclusive.get(item.kind)
        rival = _rival(item, fences.overlapping(item.anchor)) if fences else None
        if rival is not None:
            if losses is not None:
                losses.append(Loss(item, rival, _why(rival, item), fenced=True))
            continue
        kept.append(item)
        anchors.add(item.anchor, item)
        if item.rule.rule.exclusive:
            exclusive.setdefault(item.kind, _Spans()).add(item.match_span, item)
    kept.sort(key=lambda it: (it.anchor, it.rule.order))
    return kept


def _rival(item: Item, others: list[Item | None]) -> Item | None:
    """The first of `others` that `item` competes with (not one of its own match)."""
    return next((other for other in others if not _same_match(item, other)), None)


def _why(winner: Item, loser: Item) -> str:
    """Why `winner` was tried before `loser`, in the terms of `_rank`."""
    high, low = winner.rule.rule.priority, loser.rule.rule.priority
    if high != low:
        return f"has higher priority ({high} > {low})"
    long = winner.match_span[1] - winner.match_span[0]
    short = loser.match_span[1] - loser.match_span[0]
    if long != short:
        return f"is longer ({long} > {short} characters)"
    if winner.rule.order != loser.rule.order:
        return "came first (an earlier rule)"
    return "came first (it starts earlier)"


class _Spans:
    """Spans that do not overlap one another (identical ones aside), sorted by start;
    their ends are then sorted too, so a bisect finds the ones a query overlaps."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int, int]] = []
        self.items: list[Item | None] = []

    def add(self, span: Span, item: Item | None) -> None:
        key = (span[0], span[1], len(self.keys))
        index = bisect.bisect(self.keys, key)
        self.keys.insert(index, key)
        self.items.insert(index, item)

    def overlapping(self, span: Span) -> list[Item | None]:
        found = []
        index = bisect.bisect_left(self.keys, (span[1],)) - 1
        while index >= 0 and self.keys[index][1] > span[0]:
            found.append(self.items[index])
            index -= 1
        return found

    def covering(self, span: Span) -> bool:
        """Whether one stored span holds all of `span`."""
        index = bisect.bisect_right(self.keys, (span[0], 1 << 62)) - 1
        return index >= 0 and self.keys[index][1] >= span[1]
