"""The claim layer's second way in: quantities no specific rule took become claims by
their cue lexicons (`claims.claim.cues`), as items the context step reads like any other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

import regex

from claims.claim.cues import (
    SHARE_AFTER,
    Decision,
    by_before,
    change_after,
    change_before,
    change_list_head,
    change_words,
    changed_kind,
    continues_a_change,
    cut_before,
    cuts,
    decide,
    is_category,
    level_before,
    metric_head,
    names_a_system,
    names_an_object,
    scores_the_amount,
    worsens,
)
from claims.claim.match import Item, cited_span
from claims.claim.numbers import parse_value
from claims.claim.rulepack import CompiledRule, Rule
from claims.claim.sentences import Clauses, Sentences
from claims.model import Kind
from claims.normalize import Normalized
from claims.quantity import Quantity, Rejected
from claims.quantity.numbers import find_numbers
from claims.quantity.units import is_known_plain_unit

Span = tuple[int, int]


@dataclass(frozen=True)
class CueItem:
    """An item decided by cues, with the quantity it reads and how sure the cue is."""

    item: Item
    quantity: Quantity
    confidence: str


@dataclass(frozen=True)
class LeftOut:
    """A quantity that became no claim, and why."""

    quantity: Quantity
    reason: str


@cache
def cue_rule(kind: Kind, metric: str | None = None) -> CompiledRule:
    """A rule-shaped record for claims that cues decided: its id names the way in, its
    metric the one the unit's dimension names."""
    rule = Rule.model_construct(
        id=f"cue.{kind.value}", pattern="", kind=kind, priority=0, unit=None, value=None,
        sign=1, qualifier=None, metric=metric, hardware=None, anchor="value", reading="change",
        exclusive=False, examples=[], negatives=[])
    return CompiledRule(rule, kind, None, 10**9, "rules/cues.yaml", False)


def without_misread_units(text: str, items: list[Item], found: Iterable[Quantity]
                          ) -> list[Item]:
    """Rule items the quantity layer reads otherwise: a number inside an amount of money
    (`$4.6M` is no model size) or after a value's `±` (its uncertainty), a bare size that
    counts something (`1.5M assets`)."""
    if not items:
        return []
    found = list(found)
    money = [q.span for q in found if q.dimension.startswith("currency")]
    spreads = [(q.number_span[1], q.span[1]) for q in found if "±" in text[slice(*q.span)]]
    sizes = any(item.kind is Kind.model_size for item in items)  # the counts matter to those
    counted = {q.number_span for q in found if _counts_things(text, q) or q.dimension not in (
        "", "parameters")} if sizes else set()  # `500B+ tokens` is no model size
    return [item for item in items if not any(
        start <= item.anchor[0] and item.anchor[1] <= end for start, end in money + spreads)
        and not (item.kind is Kind.model_size and item.anchor in counted)]


def with_units_written(text: str, items: list[Item], found: Iterable[Quantity]) -> list[Item]:
    """A rule that read a number without the unit written after it reads the unit too,
    the one the quantity layer found there: a score's unit of measurement (`a mean
    absolute error of 1.51 cm`; never a counted noun, `%` or `x`), or points where the
    rule read only their `%` (`15 %pt`)."""
    if not items:
        return []
    measured = {q.number_span[0]: q for q in found if q.dimension and not q.counted}
    return [_with_unit(text, item, quantity)
            if item.value_span and (quantity := measured.get(item.value_span[0]))
            and not item.group("u") and not item.rule.rule.unit
            and item.value_span[1] < quantity.span[1] and _reads_more(text, item, quantity)
            else item for item in items]


#: A spread between a number and the unit it shares with it: `63.3±31.4%`.
_SPREAD = regex.compile(r"\s?±\s?\d[\d.,]*\s?")


def _reads_more(text: str, item: Item, quantity: Quantity) -> bool:
    """Whether the quantity's unit says more than the rule read: a score's unit of
    measurement after a bare number, points after a `%`, or the `%` or `x` written
    once after a value and its spread (`$63.3\\pm31.4\\%$`)."""
    if quantity.unit == "points":
        return (item.value_text or "").rstrip().endswith("%")
    if quantity.unit in ("%", "x"):
        return item.value_span == quantity.number_span and \
            _SPREAD.match(text, quantity.number_span[1]) is not None
    return item.kind is Kind.score and item.value_span == quantity.number_span


def _with_unit(text: str, item: Item, quantity: Quantity) -> Item:
    """The item with the unit written after its number (`%pt` over the `%` it read), or
    after the spread its number has."""
    spread = _SPREAD.match(text, quantity.number_span[1])
    unit_from = spread.end() if spread and quantity.unit in ("%", "x") else quantity.number_span[1]
    after = text[unit_from:quantity.span[1]]
    start = unit_from + len(after) - len(after.lstrip())
    unit = ((start, quantity.span[1]), text[start:quantity.span[1]])
    return replace(item, match_span=(item.match_span[0], max(item.match_span[1],
                                                             quantity.span[1])),
                   groups={**item.groups, "u": (unit,)})


#: What the quantity layer finds a number never is, whatever rule reads it: a year, a
#: date, a reference to a part of a text (`Task 2 score`, `Table 3`), a class label, a
#: citation, a test statistic or the level of a confidence interval (`95% CI`).
_NEVER_AMOUNTS = frozenset({"year", "short-year", "year-span", "cited-year", "date", "name-token",
                            "reference", "label", "citation", "statistics",
                            "confidence-interval", "named-version"})


#: The sizes a model has, in parameters: no model has two (`two parameter-reduction
#: techniques`) or two quadrillion (`PHOENIX-2014T`, a dataset's name).
_MODEL_SIZES = (1e3, 1e14)


def without_implausible_sizes(items: list[Item]) -> list[Item]:
    """Model sizes outside what a model has: a word or a name misread as one."""
    def plausible(item: Item) -> bool:
        if item.kind is not Kind.model_size or item.value_text is None:
            return True
        value = parse_value(item.value_text)
        return value is None or _MODEL_SIZES[0] <= value.value < _MODEL_SIZES[1]
    return [item for item in items if plausible(item)]


def without_non_quantities(norm: Normalized, items: list[Item],
                           rejected: Iterable[Rejected]) -> list[Item]:
    """Rule items whose number the quantity layer found to be no amount at all (`the
    internal Task 2 score`: a task's number, not a score of 2)."""
    never = {number.start for number in rejected
             if number.reason.removeprefix("not a quantity: ") in _NEVER_AMOUNTS}
    return [item for item in items if item.value_span is None or _marked(item)
            or norm.to_original(*item.value_span)[0] not in never] if never else items


def _marked(item: Item) -> bool:
    """A factor the rule read with its mark (`generation $60\\times$ faster`): a filter
    that looks at the words before a number cannot have meant it."""
    value = parse_value(item.value_text) if item.value_text else None
    return value is not None and value.unit == "x"


#: A word that follows a counted noun, never a verb (`1.5M assets and 128K agents`).
_AFTER_NOUN = regex.compile(r"\s?(?:[,.;:)]|$|(?:and|or|of|in|from|with|across|per|were|are)\b)",
                            regex.VERSION1)


#: Lower-case modifiers between a number and the noun it counts (`7.5M solution traces`).
_MODIFIERS = regex.compile(r"(?:\s(?!models?\b)[a-z][\w-]*){0,2}\s", regex.VERSION1)


def _counts_things(text: str, quantity: Quantity) -> bool:
    """A count of a noun written after the number (past lower-case modifiers) and
    closing its phrase: not a verb after a model's size (`7B outperforms Llama`)."""
    glued = text[quantity.number_span[0] - 1:quantity.number_span[0]] == "-"  # Qwen3.5-27B
    noun_start = quantity.span[1] - len(quantity.unit)
    return quantity.counted and not glued and not is_category(quantity.unit) and \
        bool(_MODIFIERS.fullmatch(text, quantity.number_span[1], noun_start)) and \
        bool(_AFTER_NOUN.match(text, quantity.span[1]))


def with_whole_ranges(text: str, items: list[Item], found: Iterable[Quantity]) -> list[Item]:
    """A rule that read one end of a range the quantity layer found (`(50-200 steps)`,
    `2B-8B parameters`, `32KB to 64KB`) reads the whole range; model sizes in a range in
    words stay two claims (`7B to 65B`, the guidelines)."""
    if not items:
        return []
    ranges = [q for q in found if q.value_max is not None and not q.from_to]
    dashed = [q for q in ranges if not _WORDED.search(text, *q.number_span)]
    widened = [item if (whole := _range_holding(
        item, dashed if item.kind is Kind.model_size else ranges)) is None
        else _widened(text, item, whole) for item in items]
    return _one_per_range(widened)


def with_ends_apart(text: str, items: list[Item]) -> list[Item]:
    """A rule that read a range going down (`from 43.1 to 17.6 seconds`) reads two
    numbers, the start and the end: no range descends (the guidelines: `from X to Y` is
    two claims). A range going up may be a span of settings (`experts from 8 to 64`)."""
    return [end for item in items for end in (
        _two_ends(text, item) if _descends(item) else (item,))]


def _descends(item: Item) -> bool:
    parsed = parse_value(item.value_text) if item.value_text else None
    return parsed is not None and parsed[1] is not None and parsed[0] > parsed[1] >= 0


def _two_ends(text: str, item: Item) -> tuple[Item, ...]:
    numbers = find_numbers(text, *item.value_span)
    if len(numbers) != 2:
        return (item,)
    return tuple(replace(item, value_span=(number.start, number.end),
                         value_text=text[number.start:number.end],
                         anchor=(number.start, number.end) if item.anchor == item.value_span
                         else item.anchor,
                         match_span=(item.match_span[0], _past_mark(text, number.end))
                         if number is numbers[0]
                         else (number.start, item.match_span[1]))
                 for number in numbers)


def _one_per_range(items: list[Item]) -> list[Item]:
    """Both ends' items read as one range are one claim: the one quoting more (`32KB to
    64KB`, not `32KB to 64`)."""
    best: dict[tuple, Item] = {}
    for item in items:
        key = (item.value_span, item.kind) if item.value_span else (id(item),)
        if key not in best or _length(cited_span(item)) > _length(cited_span(best[key])):
            best[key] = item
    kept = {id(item) for item in best.values()}
    return [item for item in items if id(item) in kept]


def _length(span: Span) -> int:
    return span[1] - span[0]


def _range_holding(item: Item, ranges: list[Quantity]) -> Quantity | None:
    """The range that holds more than the item's value, if any."""
    value = item.value_span
    if value is None:
        return None
    return next((q for q in ranges if q.number_span != value
                 and q.number_span[0] <= value[0] and value[1] <= q.number_span[1]), None)


_WORDED = regex.compile(r"\s(?:to|and)\s", regex.VERSION1)


def _widened(text: str, item: Item, whole: Quantity) -> Item:
    """The item reading the whole range: its value the range's numbers, its match
    reaching the range's unit (`32KB to 64KB`)."""
    span = whole.number_span
    anchor = span if item.anchor == item.value_span else item.anchor
    match = (min(item.match_span[0], whole.span[0]), max(item.match_span[1], whole.span[1]))
    return replace(item, value_span=span, value_text=text[span[0]:span[1]], anchor=anchor,
                   match_span=match, list_start=min(item.list_start, span[0]))


#: `by 68.2% versus 49.0%`: two levels side by side, not a change.
_VERSUS = regex.compile(r"(?i:\b(?:versus|vs\.?)\s)", regex.VERSION1)


def changes_are_not_levels(text: str, items: list[Item]) -> list[Item]:
    """A rule's level read after `by` or a noun of change states a change: a score
    (`improves X by 2.7%, 1.9% and 2.6% mIoU`, `a perplexity increase of only 0.2`) is an
    improvement, negative when the change makes the metric worse; an amount of time or
    cost cut (`reducing the search time by 2.42 seconds`) is a reduction, one a score
    word links before it (`a mean error of 4.15ms`) a score."""
    return [_as_change(text, item) if item.kind is Kind.score
            else _as_cut_or_level(text, item) if item.kind is Kind.quantity else item
            for item in items]


def changes_take_their_object(text: str, sentences: Sentences, items: list[Item]
                              ) -> list[Item]:
    """A change a generic improvement rule read takes its kind from what it changes, as
    the cues read it in the rule's words and the few before them (`improves transaction
    throughput by 2.1x`, `the makespan improves by 35%`); a factor whose words name
    nothing (`up to 4.18x gains`) takes the kind of its sentence's other factors."""
    changed = [_with_object(text, item) if item.kind is Kind.improvement else item
               for item in items]
    return [_with_sentence_kind(text, sentences, item, changed) if item.kind is
            Kind.improvement and _is_factor(item) and not _names_an_object(text, item)
            else item for item in changed]


def _is_factor(item: Item) -> bool:
    value = parse_value(item.value_text) if item.value_text else None
    return value is not None and value.unit == "x"


#: The words before a rule's match that may name what it changes: back to a clause mark.
_LEAD = regex.compile(r"(?:[^,;.:()]|(?<=\d)\.(?=\d)){0,40}$", regex.VERSION1)
#: Where a `_LEAD` match can start at the earliest: 40 characters back, one more where
#: `$` matches before a final newline. Searching from there finds the same match as
#: searching from the text's start, which costs a try at every character before.
_LEAD_REACH = 41
#: A verb of falling right before a change (`F1 drops 16--23 percentage points`): its sign.
_FALL_BEFORE = regex.compile(r"\b(?i:drop(?:s|ped)?|f[ae]ll(?:s)?|declin(?:es|ed)|decreas(?:es|ed))"
                             r"\s(?:(?:about|around|nearly|roughly|only|just)\s)?$", regex.VERSION1)
#: What a change is in, named right after the rule's match (`in performance-per-watt`).
_NAMED_AFTER = regex.compile(r"\s(?:in|of)\s[^,;.:()]{0,30}", regex.VERSION1)


def _words(text: str, item: Item) -> tuple[int, int]:
    """The rule's words with what they are `in`, and when they open with a verb before
    the number (`improves by 35%`) or follow `by` (`reduces tokens by 86% on LoCoMo`), the
    few before them that may name its subject (`the makespan`)."""
    start, end = item.match_span
    named = _NAMED_AFTER.match(text, end)
    end = named.end() if named else end
    names_its_own = _NAMED_AFTER.match(text, item.anchor[1]) is not None or names_an_object(
        text[item.anchor[1]:item.match_span[1]])  # `2% in accuracy`, `10x more DRAM footprint`
    head = None if names_its_own else change_list_head(text, item.anchor[0])
    if head is not None:
        start = head  # `by 86.0% on LoCoMo and 75.9% on B`: the first item's words
    elif start == item.list_start and not by_before(text, max(0, start - 12), start):
        return start, end
    return _LEAD.search(text, max(0, start - _LEAD_REACH), start).start(), end


def _names_an_object(text: str, item: Item) -> bool:
    return names_an_object(text[slice(*_words(text, item))])


def _with_object(text: str, item: Item) -> Item:
    start, end = _words(text, item)
    rule = item.rule.rule
    changed = changed_kind(text[start:end], item.anchor[0] - start, rule.sign)
    if changed is None and rule.sign == 1 and (
            _COSTS.search(text, max(0, item.list_start - 20), item.list_start)
            or not _written_signed(item) and worsens(
                text[_sign_words_start(text, item, start):_fall_named_after(text, end)])):
        changed = item.kind, -1  # `costs 37.6pp`, `an accuracy drop of 1.3 points`: a loss
    if changed is None:
        return item
    kind, sign = changed
    return replace(item, rule=replace(item.rule, kind=kind,
                                      rule=rule.model_copy(update={"sign": sign})))


#: A noun of falling right after a change, past up to two words (`7.92 percentage point
#: comprehension deficit`, `33% degradation`).
_FALL_AFTER = regex.compile(r"\s(?:[\w@-]+\s){0,2}?(?i:drops?|declines?|degradations?|deficits?"
                            r"|loss(?:es)?|decreases?)\b", regex.VERSION1)


def _sign_words_start(text: str, item: Item, start: int) -> int:
    """Where the words that give a change its sign start: its own words, reaching back
    over a verb of falling right before them and what falls (`WER falls 1.2 points`: no
    loss; `F1 drops 16 points`: a loss), or over `reduces <what> by` before its value."""
    cut = cut_before(text, item.list_start)
    fall = _FALL_BEFORE.search(text, max(0, start - 30), start)
    if fall:
        start = _LEAD.search(text, max(0, fall.start() - _LEAD_REACH), fall.start()).start()
    return min(start, cut) if cut is not None else start


def _fall_named_after(text: str, end: int) -> int:
    """Where a change's words end, with a noun of falling right after them."""
    fall = _FALL_AFTER.match(text, end)
    return fall.end() if fall else end


def _written_signed(item: Item) -> bool:
    """Whether the value is written with its sign (`+2.4`, `-0.3`): that sign holds."""
    return bool(item.value_text) and item.value_text.lstrip("($~\\")[:1] in "+-\u2212"


#: `costs 37.6pp`, `costs only 10.6pp`: what a change takes away.
_COSTS = regex.compile(r"(?i:\bcosts?\s(?:only\s|just\s|about\s)?)$", regex.VERSION1)


def _with_sentence_kind(text: str, sentences: Sentences, item: Item, items: list[Item]
                        ) -> Item:
    """A factor naming nothing it measures: its sentence's factor kind, else a speedup
    when it beats software (`outperforms PyTorch by 6.13x`)."""
    kind = _nearest_factor_kind(item.anchor[0], [
        (other.anchor[0], other.kind) for other in items if _is_factor(other)],
        sentences.around(item.anchor[0]))
    if kind is None and names_a_system(text[slice(*_words(text, item))]):
        kind = Kind.speedup
    return item if kind is None else replace(item, rule=replace(item.rule, kind=kind))


def _nearest_factor_kind(position: int, factors: list[tuple[int, Kind]], sentence: Span
                         ) -> Kind | None:
    """The kind of the nearest other factor claim of a sentence (`shows 1.95x speedup
    ..., with up to 4.18x gains`: a speedup), when it is a speed, cut or compression."""
    near = [(abs(at - position), kind) for at, kind in factors if at != position
            and sentence[0] <= at < sentence[1]
            and kind in (Kind.speedup, Kind.reduction, Kind.compression)]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _as_cut_or_level(text: str, item: Item) -> Item:
    """An amount cut by (`reducing the search time by 2.42 seconds`) is a reduction; one in
    a unit a score word links before it (`a mean error of 4.15ms`) is that score's level."""
    start = max(0, item.list_start - 80)
    if by_before(text, start, item.list_start) and cuts(text[start:item.list_start]):
        return replace(item, rule=replace(item.rule, kind=Kind.reduction))
    if is_known_plain_unit(_written_unit(item)) and scores_the_amount(text, item.list_start):
        return replace(item, rule=replace(item.rule, kind=Kind.score))
    return item


def _written_unit(item: Item) -> str:
    """The unit a rule's item is written in: its `u` group, else the number's own mark."""
    unit = item.group("u")
    if unit:
        return unit[1]
    value = parse_value(item.value_text) if item.value_text else None
    return value.unit if value else ""


def _as_change(text: str, item: Item) -> Item:
    if _VERSUS.search(text, *item.match_span):
        return item
    start = max(0, item.list_start - 80)
    if not (change_before(text, start, item.list_start) or change_after(text, item.anchor[1])
            or continues_a_change(text, item.anchor[0])):
        return item
    sign = -1 if worsens(text[start:item.match_span[1] + 30]) else 1
    update: dict = {"sign": sign * item.rule.rule.sign}
    value = parse_value(item.value_text) if item.value_text else None
    if value is not None and not value.unit and not item.rule.rule.unit:
        update["unit"] = "points"  # `by 4.2 BLEU`: a change of a bare score is in points
    rule = item.rule.rule.model_copy(update=update)
    return replace(item, rule=replace(item.rule, kind=Kind.improvement, rule=rule))


def cue_items(text: str, clauses: Clauses, items: list[Item],
              found: list[Quantity]) -> tuple[list[CueItem], list[LeftOut]]:
    """Claims for the quantities no rule item covers, and the ones left out. A range
    written `from A to B` is two numbers, the second of the first's kind when nothing
    else decides it; an item of a list takes the kind of the claim that opens the list
    (`56.9% mIoU on A, 42.3% on B`)."""
    taken = [span for item in items for span in (item.anchor, item.match_span)]
    decided: list[CueItem] = []
    left: list[LeftOut] = []
    claimed = [(item.anchor, item.kind) for item in items]
    for whole in found:
        opened: Decision | None = None  # what the first end of `from A to B` became
        opened_level = False  # it is the level before a change (`reduces X from A to B`)
        ends = _ends(text, whole)
        for quantity in ends:
            if any(_overlap(quantity.number_span, span) for span in taken):
                continue
            clause_start, decision = _decision(text, clauses, quantity, claimed, found)
            level = len(ends) == 2 and decision.kind in _CHANGE_KINDS and \
                quantity.unit in ("%", "")
            if level:
                decision = _level_of_change(text, clause_start, whole, decision)
            if opened is not None and (decision.kind is None or opened_level or (
                    opened.kind is Kind.score and decision.kind is Kind.quantity)):
                # `MAE from 3.2px to 0.7px`
                decision = replace(opened, reason=f"the other end of its range ({opened.reason})")
                level = False
            opened = decision if decision.kind is not None else None
            opened_level = level and opened is not None
            if decision.kind is None:
                left.append(LeftOut(quantity, decision.reason))
                continue
            cue = _cue_item(text, clause_start, quantity, decision)
            decided.append(cue)
            claimed.append((cue.item.anchor, decision.kind))
    return decided, left


#: Kinds of a change, whose `from A to B` ends are the levels before and after it.
_CHANGE_KINDS = (Kind.reduction, Kind.improvement)


@cache
def _changed_object() -> regex.Pattern:
    """What a change verb changes, up to the `from` of its two levels (`reduces hijack
    from`, `reducing post-generation tokens by 26.8% and harmful flips from`)."""
    return regex.compile(rf"(?i:\b(?:{change_words()}))(?:(?:[^.;:]|\.(?=\d)){{0,60}}?\sand)?"
                         r"\s(?P<m>[\w-]+(?:\s[\w-]+){0,3}?)\sfrom\s?$", regex.VERSION1)


def _level_of_change(text: str, clause_start: int, whole: Quantity, decision: Decision
                     ) -> Decision:
    """An end of `from A to B` after a word of change is a level, not the change
    (`reduces hijack from 22.4% to 4.1%`: two scores of hijack), in what the verb
    changes when its words say."""
    level = replace(decision, kind=Kind.score, reason="an end of `from A to B` after a word "
                    "of change: a level, not the change")
    changed = _changed_object().search(text, max(0, whole.span[0] - 120), whole.span[0])
    span = changed and (changed.start("m") - clause_start, changed.end("m") - clause_start)
    return replace(level, metric=None, metric_span=span or None)


def _decision(text: str, clauses: Clauses, quantity: Quantity,
              claimed: list[tuple[Span, Kind]], found: list[Quantity]) -> tuple[int, Decision]:
    """What the cues decide for one quantity (and where its clause starts)."""
    start, end = clauses.around(*quantity.number_span)
    s_start, s_end = clauses.sentences.around(quantity.number_span[0])
    decision = decide(quantity, text[start:end], quantity.number_span[0] - start,
                      (text[s_start:s_end], start - s_start))
    inherited = _inherited(text, quantity, decision, claimed, found, (s_start, s_end))
    if inherited is not None and inherited.kind != decision.kind and not _names_its_own(
            text, quantity, decision, start) and not (  # it keeps its own metric
            inherited.kind is Kind.improvement and level_before(text, quantity.number_span[0])):
        decision = replace(decision, kind=inherited.kind, confidence=inherited.confidence,
                           reason=inherited.reason)
    elif decision.kind in (None, Kind.score) and (changed := _change_by_list(
            text, quantity, claimed)) is not None:
        decision = replace(decision, kind=changed, confidence="cue", reason="a later item "
                           f"of a list of changes, naming its own metric ({changed.value})")
    return start, decision


#: The end of a list item that names its own metric, then `and` (`dB PSNR and `).
_NAMED_ITEM_GAP = regex.compile(r"(?:\s?[A-Za-z%][\w%-]*){1,4}(?:,\s(?:and\s)?|\sand\s)",
                                regex.VERSION1)


def _change_by_list(text: str, quantity: Quantity, claimed: list[tuple[Span, Kind]]
                    ) -> Kind | None:
    """`by 2.8-3.6 dB PSNR and 0.11-0.15 LPIPS`, `gains of 14% in answer relevancy, 16% in
    context precision`: a number after the item of a change written after `by` or a noun
    of change, each naming its metric, is a change of the same kind."""
    if quantity.signed or quantity.unit not in ("", "%", "points") or SHARE_AFTER.match(
            text, quantity.span[1]):
        return None  # `and 1.8% of problems breaking`: a share, no change
    end = quantity.number_span[0]
    for span, kind in sorted((pair for pair in claimed if pair[0][1] <= end), reverse=True):
        if not _NAMED_ITEM_GAP.fullmatch(text, span[1], end) or kind not in (
                Kind.improvement, Kind.reduction):
            return None  # the list ends, or one of its items is no change
        if change_before(text, max(0, span[0] - 24), span[0]):
            return kind
        end = span[0]
    return None


def _inherited(text: str, quantity: Quantity, decision: Decision,
               claimed: list[tuple[Span, Kind]], found: list[Quantity], sentence: Span
               ) -> Decision | None:
    """The kind a quantity takes from the claims around it: the list it continues (a
    bare decimal only a list of scores, and only when nothing else decided it), else,
    for a factor naming nothing (`up to 4.18x gains`), its sentence's factors."""
    listed = None
    scores = [(span, kind) for span, kind in claimed if kind is Kind.score]
    if quantity.unit in ("%", "x", "points") or (  # `to 1/6 and B to 1/4`
            decision.kind is None and _bare_fraction(text, quantity)):
        listed = _list_kind(text, quantity, claimed, found)
    elif quantity.dimension and not quantity.counted and decision.kind is Kind.quantity:
        listed = _list_kind(text, quantity, scores, found)  # `an error of 1.51 cm and 2.30 cm`
    elif decision.kind is None and _bare_decimal(text, quantity):  # `..., 65.08 on B`
        listed = _list_kind(text, quantity, scores, found) or _peer_score(
            text, quantity, scores, sentence)
    if listed is None and quantity.unit == "x" and decision.kind is Kind.improvement \
            and decision.metric_span is None:
        listed = _sentence_kind(quantity, claimed, found, sentence)
    return listed


def _cue_item(text: str, clause_start: int, quantity: Quantity, decision: Decision) -> CueItem:
    """The item a decided quantity becomes: its unit and sign as decided, its metric."""
    if decision.unit:
        quantity = replace(quantity, unit=decision.unit)
    if decision.scale != 1:  # `42/47 valid solves`: the fraction alone is the score
        quantity = replace(quantity, span=quantity.number_span)
    factor = decision.sign * decision.scale
    if factor != 1:
        quantity = replace(quantity, value=factor * quantity.value, value_max=None if
                           quantity.value_max is None else factor * quantity.value_max)
    metric = None if decision.metric_span else decision.metric
    item = Item(cue_rule(decision.kind, metric), quantity.span, quantity.number_span,
                quantity.span, text[quantity.span[0]:quantity.span[1]], 0, 1,
                quantity.number_span[0], _metric_group(text, clause_start, decision))
    return CueItem(item, quantity, decision.confidence)


def _metric_group(text: str, clause_start: int, decision: Decision
                  ) -> dict[str, tuple[tuple[Span, str], ...]]:
    """The cue word that named what is measured, as the item's metric (`m`) capture."""
    if decision.metric_span is None:
        return {}
    start, end = (clause_start + at for at in decision.metric_span)
    if decision.metric is not None:  # the words name a metric of the lexicon's own
        return {"m": (((start, end), decision.metric),)}
    start, end = _metric_phrase(text, start, end)
    return {"m": (((start, end), text[start:end]),)}


@cache
def _modifier() -> regex.Pattern:
    """A modifier before what is measured (`inference FLOPs`), never a word of grammar
    nor a verb or word of change or level (`reduces`, `achieve`, `raises`)."""
    return regex.compile(r"(?<![\w-])(?!(?:the|a|an|of|in|on|by|to|and|or|our|its|their|this|"
                         r"that|with|for|from|up|about|over|than|less|more|fewer|lower|while|even"
                         r"|as|at|under|achiev\w*|reach\w*|attain\w*|obtain\w*|restor\w*|rais\w*"
                         r"|yield\w*|maintain\w*|retain\w*|preserv\w*|leads?|exhibit\w*|poses?"
                         rf"|significantly|substantially|{change_words()})\b)[a-z][a-z-]+\s$",
                         regex.VERSION1)


def _metric_phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The cue word widened to the phrase that names the metric: up to two modifiers
    before it, and a head noun after it (`compute costs`)."""
    for _ in range(2):
        modifier = _modifier().search(text, max(0, start - 30), start)
        if modifier is None:
            break
        start = modifier.start()
    head = metric_head().match(text, end)
    return start, head.end() if head else end


#: `ranges from`, `ranged from`, `ranging from`: a spread of values, not a change.
_SPREAD_FROM = regex.compile(r"\b(?i:rang(?:es?|ed|ing))\sfrom\s$", regex.VERSION1)


def _ends(text: str, quantity: Quantity) -> list[Quantity]:
    """`from 14.8% to 42.1%` is two numbers (the baseline's and the result, negative
    ones too: `R-squared from -1.383 to 0.966`); other quantities stay whole, and so do
    plus-signed ends (`gains from +9 to +22 points`: a range of changes) and the spread
    a range of values takes going up (`F1-scores ranging from 0.88 to 0.91`), unless it
    spans model sizes (`models ranging from 7B to 65B`, two sizes by the guidelines)."""
    if not quantity.from_to or quantity.value_max is None or "+" in text[
            slice(*quantity.number_span)] or _spread(text, quantity):
        return [quantity]
    numbers = find_numbers(text, *quantity.number_span)
    if len(numbers) != 2:
        return [quantity]
    low, high = numbers
    unit_end = quantity.span[1]
    return [replace(quantity, value=quantity.value, value_max=None, from_to=False,
                    span=(quantity.span[0], _past_mark(text, low.end)),
                    number_span=(low.start, low.end)),
            replace(quantity, value=quantity.value_max, value_max=None, from_to=False,
                    span=(high.start, unit_end), number_span=(high.start, high.end))]


def _spread(text: str, quantity: Quantity) -> bool:
    """Whether a range `from A to B` going up is what something ranges over, not sizes."""
    return quantity.unit != "params" and quantity.value < quantity.value_max and bool(
        _SPREAD_FROM.search(text, max(0, quantity.span[0] - 16), quantity.span[0]))


def _past_mark(text: str, end: int) -> int:
    """The end of a range's first number, past its own `%` or `x` (`42.5% to 58.5%`)."""
    return end + 1 if text[end:end + 1] in ("%", "x") and not text[end + 1:end + 2].isalpha() \
        else end


def _bare_decimal(text: str, quantity: Quantity) -> bool:
    """A bare number with decimals (`65.08`): a list of scores may go on with it."""
    return quantity.latent and not quantity.signed and "." in text[slice(*quantity.number_span)]


def _bare_fraction(text: str, quantity: Quantity) -> bool:
    """A bare fraction (`1/4`): a list of factors may go on with it."""
    return quantity.latent and "/" in text[slice(*quantity.number_span)]


#: A fraction written with two or more decimals (`0.634`): the scale of a score.
_FRACTION = regex.compile(r"0?\.\d{2,}", regex.VERSION1)


def _peer_score(text: str, quantity: Quantity, scores: list[tuple[Span, Kind]],
                sentence: Span) -> Decision | None:
    """A fraction alone in brackets or after a level verb (`the Auditor (0.634)`,
    `reaches 0.982`) beside a fraction its sentence scores is a score on that scale."""
    start, end = quantity.number_span
    if not _FRACTION.fullmatch(text, start, end):
        return None
    alone = text[start - 1:start] == "(" and text[end:end + 1] == ")"
    if not (alone or level_before(text, start)):
        return None
    if any(sentence[0] <= span[0] < sentence[1] and _FRACTION.fullmatch(text, *span)
           for span, _ in scores):
        return Decision(Kind.score, "weak", "a fraction beside its sentence's scores")
    return None


#: Between two items of one list: a comma or `and`, and at most a few words (`on A,`),
#: brackets and decimal points included (`CIFAR-100 (91.7%), Flowers (98.8%)`,
#: `(+4.82) with A, from`), never a sentence's end; or a slash (`1.4%/2.6%`).
_LIST_GAP = regex.compile(r"(?:[^.;:]|(?<=\d)\.(?=\d)){0,60}?(?:,\s?(?:and\s|or\s)?|\sand\s"
                          r"|\sor\s)[^.;:]{0,12}|/", regex.VERSION1)


def _in_brackets(text: str, position: int) -> bool:
    """Whether a position stands inside round brackets (an aside: `97.3% (11.8% gain)`)."""
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def _list_kind(text: str, quantity: Quantity, claimed: list[tuple[Span, Kind]],
               found: list[Quantity]) -> Decision | None:
    """The kind of the claim that opens the list this quantity continues, if any: the
    nearest earlier claim of the same unit, joined to it by a list separator."""
    units = {q.number_span: q.unit for q in found}
    bracketed = _in_brackets(text, quantity.number_span[0])
    earlier = [(span, kind) for span, kind in claimed if span[1] <= quantity.number_span[0]
               and (units[span] if span in units else _mark(text, span)) == quantity.unit
               and _in_brackets(text, span[0]) == bracketed]
    if not earlier:
        return None
    span, kind = max(earlier, key=lambda pair: pair[0])
    gap = text[span[1]:quantity.number_span[0]]
    if not _LIST_GAP.fullmatch(gap.lstrip("%x")):
        return None
    return Decision(kind, "cue", f"an item of a list opened by a {kind.value} claim")


def _mark(text: str, span: Span) -> str | None:
    """The unit marked on a claimed value (`87.7%`: %; a range's end `70.0` before its
    `%`), which no quantity spans alone."""
    value = parse_value(text[span[0]:span[1]])
    after = text[span[1]:span[1] + 1]
    return (value.unit if value is not None else None) or (after if after in ("%", "x") else "")


#: What ends one item of a list (`, `, ` and `).
_ITEM_END = regex.compile(r",|;|\sand\s|\sor\s", regex.VERSION1)


def _names_its_own(text: str, quantity: Quantity, decision: Decision, clause_start: int
                   ) -> bool:
    """Whether a list item names what it measures itself, after its number and before
    the item ends (`, a 28.5x reduction in DRAM footprint,`)."""
    if decision.metric_span is None:
        return False
    named = clause_start + decision.metric_span[0]
    return named > quantity.number_span[0] and not _ITEM_END.search(
        text, quantity.number_span[1], named)


def _sentence_kind(quantity: Quantity, claimed: list[tuple[Span, Kind]],
                   found: list[Quantity], sentence: Span) -> Decision | None:
    """A factor whose clause names nothing it measures (`with up to 4.18x gains`) is of
    the kind of the nearest other factor claim of its sentence."""
    factors = {q.number_span for q in found if q.unit == "x"}
    kind = _nearest_factor_kind(quantity.number_span[0], [
        (span[0], kind) for span, kind in claimed if span in factors], sentence)
    return None if kind is None else Decision(
        kind, "weak", f"a factor in a sentence of {kind.value} claims")


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
