"""Every quantity in a text: numbers (`numbers.py`), their units (the unit lexicon),
ranges, lists sharing a unit, qualifiers, and what is not a quantity at all.

Works on the normalized copy of the text and maps every span back, so a
quantity's `text` is always `original[start:end]`. Knows nothing of claims.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

import regex
import yaml

from claims.normalize import Normalized, normalize
from claims.quantity import lexicon
from claims.quantity.numbers import SPELLED_WORDS, Number, find_numbers, words_among

Span = tuple[int, int]


@dataclass(frozen=True)
class Quantity:
    """One quantity mention: a number or range with its unit, where it stands."""

    text: str
    start: int  # offsets into the original text: original[start:end] == text
    end: int
    value: float
    value_max: float | None = None
    unit: str = ""  # a registry name, `x`, `%`, a compound (`TOPS/W`) or a counted noun
    dimension: str = ""  # from the unit lexicon; '' for counted nouns and bare numbers
    qualifier: str | None = None
    latent: bool = False  # no unit: a claim only where something else says so
    spelled: bool = False  # written in words
    signed: bool = False  # an explicit + or - (a change, not a level)
    from_to: bool = False  # a range written `from A to B` (two values in prose)
    counted: bool = False  # the unit is a counted noun (`images`), not a lexicon unit
    span: Span = (0, 0)  # the same in the normalized text, for the claim layer
    number_span: Span = (0, 0)  # the number(s) alone, normalized


@dataclass(frozen=True)
class Rejected:
    """A number that is not a quantity, and the filter that says so."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class _Filter:
    id: str
    pattern: regex.Pattern | None  # a match that holds the number
    before: regex.Pattern | None  # the text before the number ends with a match
    after: regex.Pattern | None  # the text after the number starts with a match
    number: regex.Pattern | None  # the number's own text, when the filter needs one
    bare: bool


def _compiled(raw: dict, key: str) -> regex.Pattern | None:
    """A filter's pattern; `before` ones match backwards from the number (REVERSE), so a
    miss costs a few characters, not a scan of the window."""
    flags = regex.VERSION1 | (regex.REVERSE if key == "before" else 0)
    return regex.compile(raw[key], flags) if raw.get(key) else None


@cache
def _lexicon() -> dict:
    text = files("claims.rulepacks").joinpath("quantities.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def filters() -> tuple[_Filter, ...]:
    """The not-a-quantity filters of `rules/quantities.yaml`."""
    return tuple(_Filter(raw["id"], *(_compiled(raw, key) for key in
                                      ("pattern", "before", "after", "number")),
                         bool(raw.get("bare"))) for raw in _lexicon()["filters"])


@cache
def _qualifier_pattern() -> regex.Pattern:
    words = sorted(_lexicon()["qualifiers"], key=len, reverse=True)
    alternation = "|".join(regex.escape(w) for w in words)
    return regex.compile(rf"(?:(?<![\w])(?i:{alternation}))\s?$", regex.VERSION1)


@cache
def qualifiers() -> dict[str, str]:
    return {k.lower(): v for k, v in _lexicon()["qualifiers"].items()}


def quantities(text: str) -> list[Quantity]:
    """Every quantity mention in `text`, in reading order.

    >>> [(q.text, q.value, q.value_max, q.unit) for q in quantities(
    ...     "It costs $4.6M, runs at 250 W and 30\\\\% faster, from 7 to 70B params.")]
    [('$4.6M', 4600000.0, None, 'USD'), ('250 W', 250.0, None, 'W'), \
('30\\\\%', 30.0, None, '%'), ('7 to 70B params', 7000000000.0, 70000000000.0, 'params')]
    """
    return find(normalize(text))[0]


def find(norm: Normalized, start: int = 0, end: int | None = None, filtered: bool = True
         ) -> tuple[list[Quantity], list[Rejected]]:
    """The quantities of a normalized text (or of text[start:end]) and the numbers
    that are not quantities, with why. `filtered` False reads every number as a
    quantity (a number some other step already chose, such as a rule's capture)."""
    text = norm.text
    end = len(text) if end is None else end
    mentions: list[_Mention] = []
    rejected: list[tuple[Span, str]] = []
    words = words_among(_words_asked(), text, start, end)
    numbers = sorted(find_numbers(text, start, end, words) + _articles(text, start, end, words),
                     key=lambda n: n.start)
    holdings = _Holdings(text, [(n.start, n.end) for n in numbers]) if filtered else None
    unit_end = start  # where the last unit read after a number ends (`s^-1` holds no `1`)
    for number in numbers:
        if number.start < unit_end:
            rejected.append(((number.start, number.end), "part of a unit"))
            continue
        mention = _mention(text, number)
        if mention.unit_span is not None:
            unit_end = max(unit_end, mention.unit_span[1])
        reason = _block_reason(text, mention, holdings) if holdings else None
        if reason is None:
            mentions.append(mention)
        else:
            rejected.append(((number.start, number.end), reason))
    mentions = _breakdowns(text, _share_units(text, _ranges(text, _uncertainties(text,
                                                                              mentions))))
    found = [_quantity(norm, m) for m in mentions if not m.glued]
    rejected += [(m.number_span, "glued to a word") for m in mentions if m.glued]
    return found, [_rejected(norm, span, reason) for span, reason in sorted(rejected)]


@cache
def _words_asked() -> frozenset[str]:
    """The words whose presence decides which numbers a text may hold: number words,
    `sub` and the first words of the units an article counts (`_articles`)."""
    return frozenset({*SPELLED_WORDS, "sub", *(lexicon.article_heads() or ())})


def _articles(text: str, start: int, end: int, words: Collection[str]) -> list[Number]:
    """`a gallon`, `an inch`: the article is the number one of a unit after it (only of
    the lexicon's `article_dimensions`: `a second`, `a bit`, `a point` are words); so is
    `sub` in `sub-millisecond` (`sub_dimensions`). An ASCII text whose `words` hold none
    of those units' first words is not scanned."""
    found = []
    if "sub" in words:  # `sub-millisecond`: under one millisecond
        found += [Number(sub.start(), sub.end("article"), 1.0, spelled=True)
                  for sub in lexicon.sub_unit_pattern().finditer(text, start, end)]
    heads = lexicon.article_heads()
    if heads is not None and heads.isdisjoint(words) and text[start:end].isascii():
        return found
    return found + [Number(article.start(), article.end("article"), 1.0, spelled=True)
                    for article in lexicon.article_pattern().finditer(text, start, end)]


@dataclass(frozen=True)
class _Mention:
    number_span: Span
    unit_span: Span | None  # the unit's own span (after, or a currency mark before)
    value: float
    value_max: float | None
    unit: str
    counted: bool
    spelled: bool
    signed: bool
    scale: float  # the magnitude written with the number (`70B`: 1e9)
    from_to: bool = False
    glued: bool = False  # letters right after the number that are no unit (`3rd`, `2D`)

    @property
    def span(self) -> Span:
        start, end = self.number_span
        if self.unit_span is not None:
            start, end = min(start, self.unit_span[0]), max(end, self.unit_span[1])
        return start, end


#: How far around a number a filter looks: a match holding it (a citation, a URL) or
#: the words before it (`Section`, `https://...`).
_FILTER_REACH = 240


@cache
def _holding_pattern() -> regex.Pattern:
    """Every filter's `pattern` as one alternation, a named group each, so the window
    around a number is scanned once."""
    return regex.compile("|".join(f"(?P<f{i}>{f.pattern.pattern})"
                                  for i, f in enumerate(filters()) if f.pattern is not None),
                         regex.VERSION1)


def _block_reason(text: str, mention: _Mention, holdings: _Holdings) -> str | None:
    """The filter that says this number is no quantity, if any. Filters look only near
    the number, so a text pays for them by its numbers, not its length."""
    start, end = mention.number_span
    for found in holdings.holding(start, end):
        if _applies(found, text, mention):
            return f"not a quantity: {found.id}"
    before, after = _any_around()
    if before.search(text, max(0, start - _FILTER_REACH), start) is None and \
            after.match(text, end) is None:
        return None  # no filter's words stand around it: none need be asked
    for found in _around_filters():
        if not _applies(found, text, mention):
            continue
        if found.before is not None and found.before.search(
                text, max(0, start - _FILTER_REACH), start):
            return f"not a quantity: {found.id}"
        if found.after is not None and found.after.match(text, end):
            return f"not a quantity: {found.id}"
    return None


@cache
def _around_filters() -> tuple[_Filter, ...]:
    """The filters that look at the words before or after a number."""
    return tuple(f for f in filters() if f.before is not None or f.after is not None)


@cache
def _any_around() -> tuple[regex.Pattern, regex.Pattern]:
    """Every filter's `before` pattern as one (matched backwards), and every `after`
    one: a number that neither matches is asked no filter, one search instead of one per
    filter (each tried along the whole window)."""
    befores = [f.before.pattern for f in _around_filters() if f.before is not None]
    afters = [f.after.pattern for f in _around_filters() if f.after is not None]
    return (regex.compile("|".join(f"(?:{p})" for p in befores) or "(?!)",
                          regex.VERSION1 | regex.REVERSE),
            regex.compile("|".join(f"(?:{p})" for p in afters) or "(?!)", regex.VERSION1))


def _applies(found: _Filter, text: str, mention: _Mention) -> bool:
    """Whether a filter speaks of this number at all (`bare`: no unit; `number`: its text)."""
    if found.bare and mention.unit:
        return False
    return found.number is None or bool(found.number.fullmatch(text, *mention.number_span))


#: How far a filter's match holding a number may start before it and end after it.
_HOLD_BEFORE, _HOLD_AFTER = 45, 40


class _Holdings:
    """The matches of every filter `pattern` near the numbers of a text, found in one
    pass over each stretch where the numbers' windows meet (dense text pays once per
    character, not once per number near it)."""

    def __init__(self, text: str, numbers: list[Span]) -> None:
        self.matches: list[tuple[int, int, int]] = []  # (start, end, filter index)
        pattern = _holding_pattern()
        for start, end in _stretches(numbers, len(text)):
            for position in _holding_starts(text, start, end):
                found = pattern.match(text, position, end)
                if found is not None:
                    self.matches.append((position, found.end(), int(found.lastgroup[1:])))
        self.matches.sort()
        self.starts = [start for start, _, _ in self.matches]

    def holding(self, start: int, end: int) -> list[_Filter]:
        """The filters with a match holding text[start:end] within the window."""
        first = bisect_left(self.starts, start - _HOLD_BEFORE)
        last = bisect_right(self.starts, start)
        return [filters()[index] for _, found_end, index in self.matches[first:last]
                if end <= found_end <= end + _HOLD_AFTER]


#: Where a filter's `pattern` can start: the first digit of a run (every pattern that
#: opens with a digit wants no digit before it), a bracket, the `p` or `q` of a p-value
#: (`p < 0.05`, `p_H = 0.002`, `q=.10`), a line's start (a numbered list: found by its
#: line break, as a zero-width alternative would make every position a try).
#: `rules/quantities.yaml` says so of its filters, and a test holds the two to it.
_HOLDING_START = regex.compile(r"(?<!\d)\d|[\[(\n]|\b[pq](?=_|\s?[<>=≤≥{])", regex.VERSION1)


def _holding_starts(text: str, start: int, end: int) -> list[int]:
    """The positions of text[start:end] where a filter's match may start: the pattern
    is tried there only (as `finditer(..., overlapped=True)` would find it there), not
    at every character of each window. A line break gives the start of the line after
    it; the window's own start is tried where a line starts there (the text's start,
    or a line break right before the window), as no other match can start at it: every
    other place a match starts is one `_HOLDING_START` finds in the window, whose
    lookbehind sees the text before it."""
    found = {m.end() if m.group() == "\n" else m.start()
             for m in _HOLDING_START.finditer(text, start, end)}
    if start == 0 or text[start - 1] == "\n":
        found.add(start)
    return sorted(found)


def _stretches(numbers: list[Span], length: int) -> list[Span]:
    """The numbers' windows, joined where they meet."""
    stretches: list[Span] = []
    for start, end in numbers:
        low, high = max(0, start - _HOLD_BEFORE), min(length, end + _HOLD_AFTER)
        if stretches and low <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], high))
        else:
            stretches.append((low, high))
    return stretches


_GAP = regex.compile(r"\+?\s?-?\s?", regex.VERSION1)  # `1,800+ times`: at least the number
_BRACKETED = regex.compile(r"[(\[{<](?P<unit>[^\s()\[\]{}<>]{1,12})[)\]}>]", regex.VERSION1)
_PER = regex.compile(r"\s?(?:/|per\s|·|\*)\s?", regex.VERSION1)
#: A counted noun after a number, past up to four modifiers (`3D` among them, never a
#: magnitude such as `8B`): `1.2 million high-resolution
#: images`, `128 A100 GPUs`; not a singular in `-ss`, `-us`, `-is` (`fundus`, `analysis`).
_MODIFIER = r"(?:(?:[A-Za-z]|\d(?![BMKTbk]\b)[A-Za-z])(?:[\w.-]*\w)?)"
_PLURAL = (r"(?!news\b)(?P<noun>[a-z][a-z-]{1,}[^sui\W]s|[A-Z]{2,4}s|[A-Z][a-z-]{1,}[^sui\W]s"
           r"|[a-z]{2,}ies)\b")
_NOUN = regex.compile(rf"[\s-](?:{_MODIFIER}\s){{0,4}}?{_PLURAL}", regex.VERSION1)
#: The modifiers of a whole count may be a list of their own, joined by commas or one
#: `and`/`or` between two of them, and may hold an initialism with its dots: `3,413
#: real-world, PII-scrubbed query-code pairs`, `1,253 Chinese and English memes`, `658
#: non-Latine White U.S. adults`. The noun is in lower case (not `365 Finance and
#: Operations`, a product's name).
_LISTED_NOUN = regex.compile(
    rf"\s(?:(?!(?:and|or)\s)(?:{_MODIFIER}|(?:[A-Z]\.){{2,}}),?\s|(?<=[A-Za-z]\s)(?:and|or)\s(?={_MODIFIER}\s)"
    rf"){{1,5}}?{_PLURAL}", regex.VERSION1)
#: A word a comma or a conjunction in such a list may not lead to: a verb's form, which
#: opens a clause of its own (`85 overall, beating strong baselines`).
_CLAUSE_AFTER_JOIN = regex.compile(r"(?:,|\b(?:and|or))\s[a-z]+(?:ing|ed|es)\s", regex.VERSION1)
#: A whole number: only things are counted with a listed noun.
_WHOLE = regex.compile(r"(?<![\d.])\d[\d,]*[kKM]?\+?$", regex.VERSION1)
#: An article or a number right after a word in `-s`: the word was a verb with its object
#: (`18 million surpasses the human record`, `three where AM-Parser scores 0`).
_OBJECT_NEXT = regex.compile(r"\s(?:(?:the|a|an|its|their|our|this|these|those)\b|\d)",
                             regex.VERSION1)
_NOT_NOUNS = frozenset({"times", "does", "was", "has", "is", "its", "this", "thus", "as", "less",
                        "across", "versus", "always", "sometimes", "perhaps", "tokens",
                        # amounts of a change, not things counted (`2.32 gains over X`)
                        "gains", "improvements", "increases", "decreases", "drops",
                        "reductions", "boosts", "speedups"})
_STOPS = frozenset({"of", "and", "or", "to", "in", "on", "for", "with", "by", "the", "a", "an",
                    "than", "from", "at", "as", "per", "vs", "while", "which", "that", "is",
                    "are", "was", "were", "be", "more", "less", "fewer", "higher", "lower",
                    "faster", "slower", "better", "smaller", "larger", "over", "into", "when",
                    "across", "between", "among", "under", "after", "before", "during", "via",
                    "against",
                    "through", "within", "without", "but", "yet", "so", "nor", "if", "then",
                    "not", "also", "because", "although", "though", "whereas", "where", "who",
                    "each", "our", "their", "we", "they"})
#: A counted noun joined to its number as an adjective (`59-task`, `2,000-game`); not
#: an adjective of size or kind (`7B-sized`, `10x-scale`, `3-like`).
_HYPHENED = regex.compile(r"-(?!(?:like|style|free|only|aware|specific|scale|long|wide|large|"
                          r"small|fold|times)\b)(?P<noun>[a-z]{3,})(?<!ed)(?![\w-])",
                          regex.VERSION1)
#: A number with decimals right before a position: `5.0 success points` are points of a
#: score, as no one counts half a point of gaze.
_DECIMAL_BEFORE = regex.compile(r"\d\.\d+\s?$", regex.VERSION1)
_SINGLE_DENOMINATOR = regex.compile(r"[A-Za-z]{1,12}\b", regex.VERSION1)


def _mention(text: str, number: Number) -> _Mention:
    prefix = _prefix_before(text, number.start)
    if prefix is not None:  # a mark before the number: `$4.6M`, `$1.2M/yr`, `a factor of 3`
        unit, unit_end = _per_after(text, number.end, lexicon.prefix_units()[
            prefix.group().strip().lower()])
        unit_span, counted = (prefix.start(), unit_end), False
    else:
        unit, unit_span, counted = _unit_after(text, number.end)
    if not unit and number.implied_unit:
        unit = number.implied_unit
    glued = not unit and number.end < len(text) and text[number.end].isalpha()
    digits = text[number.start:number.end]
    return _Mention((number.start, number.end), unit_span, number.value, None, unit, counted,
                    number.spelled, digits[:1] in "+-", number.scale, glued=glued)


def _prefix_before(text: str, position: int) -> regex.Match | None:
    """The currency mark (or `a factor of`) ending right before `position`, if any. Most
    numbers follow a character that ends no mark (`lexicon.may_end_prefix`): the search,
    which tries every position of its window, is spared them."""
    if not lexicon.may_end_prefix(text, position):
        return None
    return lexicon.prefix_pattern().search(text, max(0, position - lexicon.prefix_reach()),
                                           position)


def _unit_after(text: str, position: int) -> tuple[str, Span | None, bool]:
    """The unit written right after a number: a lexicon spelling, maybe a compound
    (`TOPS/W`, `J per token`), else a counted noun (`1.2 million high-resolution images`)."""
    gap_end = _gap_end(text, position)
    found = _lexicon_unit(text, gap_end)
    if found is not None:
        unit, end = _per_after(text, found[1], found[0])
        if _is_frequency(text[gap_end:found[1]], unit):
            unit = f"{unit.partition('/')[2]}**-1"
        return unit, (gap_end, end), False
    bracketed = _BRACKETED.match(text, gap_end) if text.startswith(
        _OPENING_BRACKETS, gap_end) else None  # `20 (kg)`, `20 [kg]`
    if bracketed is not None:
        inner = lexicon.unit_pattern().fullmatch(bracketed.group("unit"))
        if inner is not None:
            return lexicon.unit_named(inner.group()) or inner.group(), bracketed.span(), False
    position += text.startswith("+", position)  # `1.3M+ files`: at least the number
    hyphened = _HYPHENED.match(text, position) if text.startswith(
        _HYPHENED_OPENING, position) else None
    if hyphened is not None:  # `a 59-task subset`, `a 6-node setting`
        return hyphened.group("noun"), hyphened.span("noun"), True
    noun = _noun_after(text, position)
    if noun is not None:
        known = lexicon.unit_named(noun.group("noun"))
        if known and noun.start("noun") > noun.start() + 1 and \
                lexicon.dimension_of(known) == "points" and not _DECIMAL_BEFORE.search(
                    text, max(0, position - 12), position):
            known = None  # `4 million gaze points`: points counted, not percentage points
        return known or noun.group("noun"), noun.span("noun"), known is None
    return "", None, False


def _noun_after(text: str, position: int) -> regex.Match | None:
    """The counted noun right after a number, past its modifiers: plain ones, else (for
    a whole number) a list of them."""
    if not _may_open_noun(text, position):
        return None
    noun = _NOUN.match(text, position)
    if _counts_things(text, noun):
        return noun
    if not _WHOLE.search(text, max(0, position - 16), position):
        return None
    listed = _LISTED_NOUN.match(text, position)
    if listed is None or not listed.group("noun")[0].islower() or _CLAUSE_AFTER_JOIN.search(
            listed.group()) or not _counts_things(text, listed, joined=True):
        return None
    return listed


def _counts_things(text: str, noun: regex.Match | None, joined: bool = False) -> bool:
    """Whether a match of a noun after a number names what it counts: no stop word among
    its modifiers (but the `and` or `or` that joins a list of them), no verb in `-s`
    followed by its object."""
    if noun is None:
        return False
    modifiers = [word.rstrip(",") for word in noun.group().split()[:-1]]
    if joined:
        modifiers = [word for word in modifiers if word not in ("and", "or")]
    return not _STOPS.intersection(modifiers) and noun.group("noun").lower() not in _NOT_NOUNS \
        and not _OBJECT_NEXT.match(text, noun.end())


def _gap_end(text: str, position: int) -> int:
    """Where `_GAP` ends after a number: where it starts unless a sign or a space
    stands there (every character `regex` reads as `\\s` is one `str.isspace` holds),
    which spares most numbers the match."""
    char = text[position:position + 1]
    if char in ("+", "-") or char.isspace():
        return _GAP.match(text, position).end()
    return position


#: What `_BRACKETED` and `_HYPHENED` open with: a number followed by neither is not
#: matched against them.
_OPENING_BRACKETS = ("(", "[", "{", "<")
_HYPHENED_OPENING = "-"


def _may_open_noun(text: str, position: int) -> bool:
    """Whether `_NOUN` may match at `position`: it opens with a hyphen or a space (every
    character `regex` reads as `\\s` is one `str.isspace` holds), which most numbers
    lack (`3.5%`, `12,`)."""
    return text.startswith("-", position) or text[position:position + 1].isspace()


def _is_frequency(spelling: str, unit: str) -> bool:
    """`four times per week` counts events in a time (week**-1); `4x per year` stays a
    factor (a growth rate)."""
    head, _, denominator = unit.partition("/")
    return head == "x" and spelling.lower() in ("times", "time") and lexicon.dimension_of(
        lexicon.unit_named(denominator) or denominator) == "time"


#: A unit word that opens a compound adjective (`0.76 token-level AUROC`): the number
#: is not an amount of it.
_ADJECTIVE_AFTER = regex.compile(r"-(?:level|wise|based|aware|specific|centric|style)\b",
                                 regex.VERSION1)


def _lexicon_unit(text: str, position: int) -> tuple[str, int] | None:
    """The lexicon unit spelled at `position`, with a power written after it (`km/s2`,
    `4 km cubed`, `s-1`), and where it ends."""
    if lexicon.may_spell_unit(text, position):
        found = lexicon.match_unit(text, position, powered=True)
        if found is not None:
            return _powered(found), found.end()
        found = lexicon.match_unit(text, position)
        if found is not None and not _ADJECTIVE_AFTER.match(text, found.end()):
            return lexicon.unit_named(found.group()) or found.group(), found.end()
    found = lexicon.clause_end_pattern().match(text, position) if \
        lexicon.may_start_clause_end(text, position) else None
    if found is not None:  # `2 in.`, `2 in thick`
        return lexicon.clause_end_units()[found.group("unit")], found.end()
    return None


def _per_after(text: str, position: int, unit: str) -> tuple[str, int]:
    """`unit` extended by a denominator written after it (`/W`, `per token`, `/yr`), and
    by a second one of time (`J/m^2 per year`); a second of anything else is context
    (`tokens/s per GPU` is a throughput, its metric `tokens/s per GPU`)."""
    unit, end = _one_per_after(text, position, unit)
    if end == position:
        return unit, end
    rate, rate_end = _one_per_after(text, end, unit)
    denominator = rate.rpartition("/")[2]
    if rate_end > end and lexicon.dimension_of(lexicon.unit_named(denominator)
                                               or denominator) == "time":
        return rate, rate_end
    return unit, end


def _one_per_after(text: str, position: int, unit: str) -> tuple[str, int]:
    per = _PER.match(text, position)
    if per is None:
        return _negative_power_after(text, position, unit)
    if lexicon.may_spell_unit(text, per.end()):
        powered = lexicon.match_unit(text, per.end(), powered=True)
        if powered is not None:  # `km/s2`
            return f"{unit}/{_powered(powered)}", powered.end()
        found = lexicon.match_unit(text, per.end())
        if found is not None:  # a symbol names its unit; a word stays as written (`per token`)
            symbol = found.group() in lexicon.symbols()
            denominator = lexicon.unit_named(found.group()) if symbol else found.group()
            return f"{unit}/{denominator}", found.end()
    word = _SINGLE_DENOMINATOR.match(text, per.end())
    if word is not None and word.group().lower() not in _STOPS:
        return f"{unit}/{word.group()}", word.end()
    return unit, position


def _negative_power_after(text: str, position: int, unit: str) -> tuple[str, int]:
    """`g m^-3`, `m s^-1`: a unit divided by the next one, written with a negative power."""
    if not text.startswith(" ", position) or not lexicon.may_spell_unit(text, position + 1):
        return unit, position
    powered = lexicon.match_unit(text, position + 1, powered=True)
    if powered is None or not powered.group("power").startswith(("-", "⁻")):
        return unit, position
    return f"{unit}/{_powered(powered, powered.group('power').lstrip('-⁻') or '1')}", \
        powered.end()


def _powered(found: regex.Match, power: str | None = None) -> str:
    """The unit a powered spelling names, raised to its power as written (`s2`) or to
    `power`."""
    unit = lexicon.unit_named(found.group("unit")) or found.group("unit")
    return lexicon.powered(unit, found.group("power") if power is None else power)


_PLUS_MINUS = regex.compile(r"\s?±\s?", regex.VERSION1)


def _uncertainties(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """`9.83e-3 ± 1e-5 km/s2`, `85.3 ± 0.4%`: one quantity, the value with the unit
    written after its uncertainty (which is no quantity of its own)."""
    joined: list[_Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if last is not None and last.value_max is None and (
                not last.unit or last.unit == mention.unit) and (
                last.unit_span is None or last.unit_span[0] >= last.number_span[1]) and \
                _PLUS_MINUS.fullmatch(text, last.span[1], mention.number_span[0]):
            joined[-1] = replace(last, unit=mention.unit, counted=mention.counted,
                                 unit_span=mention.unit_span or mention.number_span)
        else:
            joined.append(mention)
    return joined


_RANGE = regex.compile(r"\s?-?\s?(?:-{1,2}|to|~)\s?(?:\$\s?)?", regex.VERSION1)
_BETWEEN = regex.compile(r"(?i:between|from)\s$", regex.VERSION1)
#: Dashes alone between two numbers: a span, never a change (`45--61%`).
_DASHES = regex.compile(r"\s?[-–—]{1,2}\s?", regex.VERSION1)
_AND = regex.compile(r"\s(?:and|to)\s(?:\$\s?)?", regex.VERSION1)
#: `0.205 -> 0.363`, `1.000->0.000`: a change from one value to the other.
#: A change named right before the bracket its two ends stand in (`improvement (42.5% to
#: 58.5%)`): from one to the other, not a range.
_CHANGE_OPENS = regex.compile(r"(?i:improvements?|increases?|gains?|rises?|boosts?|drops?"
                              r"|decreases?|declines?|reductions?)\s?\($", regex.VERSION1)
_ARROW = regex.compile(r"\s?(?:-{1,2}>|→|⟶|⇒)\s?", regex.VERSION1)
#: Between two signed ends of one range: a word or a long dash, never a lone minus.
_SIGNED_RANGE = regex.compile(r"\s(?:to|-{2})\s|-{2}", regex.VERSION1)
#: `by 1.7 to 18.3 AP50`: bare ends after `by` are one change's range.
_BY = regex.compile(r"(?i:\bby\s)$", regex.VERSION1)


def _ranges(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Join `A-B`, `A to B`, `A~B`, `between A and B`, `from A to B` into one range
    when the units agree (or only the second end writes it)."""
    joined: list[_Mention] = []
    for i, mention in enumerate(mentions):
        if joined and _joins(text, joined[-1], mention) and not _arrow_to_a_range(
                text, joined[-1], mention, mentions[i + 1:i + 2]):
            joined[-1] = _range(text, joined[-1], mention)
        else:
            joined.append(mention)
    return joined


def _arrow_to_a_range(text: str, low: _Mention, high: _Mention, rest: list[_Mention]
                      ) -> bool:
    """`1.53 m -> 2.99-3.78 m`, `from 3% to 17-24%`: the arrow (or `to`) leads to a range
    written with a dash, which is joined first."""
    if not rest:
        return False
    if _ARROW.fullmatch(text, low.span[1], high.number_span[0]):
        leads = not _ARROW.fullmatch(text, high.span[1], rest[0].number_span[0])
    else:
        leads = bool(_TO.fullmatch(text, low.span[1], high.number_span[0])
                     and _DASHES.fullmatch(text, high.span[1], rest[0].number_span[0]))
    return leads and _joins(text, high, rest[0])  # the costly test last


_TO = regex.compile(r"\sto\s", regex.VERSION1)


def _joins(text: str, low: _Mention, high: _Mention) -> bool:
    if low.value_max is not None or (low.unit and high.unit and low.unit != high.unit
                                     and not high.unit.startswith(f"{low.unit}/")):
        return False  # `$5-$10 per cycle`: the rate written once, after the range
    if low.unit_span is not None and low.unit_span[0] >= high.number_span[0]:
        return False
    gap_start = low.span[1]
    gap = text[gap_start:high.number_span[0]]
    before = text[max(0, low.span[0] - 9):low.span[0]]
    if _BETWEEN.search(before):
        return bool(_AND.fullmatch(gap) or _RANGE.fullmatch(gap))
    if _ARROW.fullmatch(gap):
        return True  # `0.205 -> 0.363`: from one to the other
    if low.signed and high.signed and _SIGNED_RANGE.fullmatch(gap):
        return text[low.number_span[0]] == text[high.number_span[0]]  # `+0.05 to +0.10`
    if high.signed or low.signed and gap.strip() == "-" and gap != "-":
        return False  # `-0.3 - 0.5` may be a difference; `-78-0 °C` is a range
    if gap.strip() == "to" and low.value > high.value:
        return False  # `LLaMA2 70B to 32k`: a size, then a length it reaches
    return bool(_RANGE.fullmatch(gap)) and (gap.strip() != "to" or bool(high.unit or low.unit)
                                             or high.scale != 1.0 or _BY.search(before)
                                             or _bracketed(text, low, high)
                                             or _decimal_span(text, low, high))


#: Words of a change of a value (`improves`, `a gain`).
_CHANGE_WORDS = (r"improv\w*|increas\w*|gains?|rais\w*|rises?|boost\w*|drops?|decreas\w*"
                 r"|declin\w*|reduc\w*|lifts?")
#: Words of a clause that make `A to B` a change from one value to the other.
_CHANGE_IN_CLAUSE = regex.compile(
    rf"(?i:\b(?:from|{_CHANGE_WORDS}|rose|fell|grew|shift\w*|chang\w*|mov(?:es?|ed|ing)|went"
    r"|jump\w*|climb\w*|degrad\w*|worsen\w*)\b)", regex.VERSION1)
#: Where a clause ends, looking back from a number.
_CLAUSE_BREAK = regex.compile(r"[.;:]\s|\n", regex.VERSION1)
#: `A to B` going on to another value (`0.613 to 0.656 to 0.595`): a sequence.
_ON_TO = regex.compile(r"\s?(?:to|->|→)\s", regex.VERSION1)


def _decimal_span(text: str, low: _Mention, high: _Mention) -> bool:
    """`a gap of 0.064 to 0.151`, `ratings of 4.18 to 4.35`: two bare decimals joined by
    `to`, the second larger, in a clause that names no change (`from`, `improves`) and
    going on to no third value, are one span of values."""
    if "." not in text[low.number_span[0]:low.number_span[1]] or \
            "." not in text[high.number_span[0]:high.number_span[1]]:
        return False
    start = max(0, low.span[0] - 80)
    breaks = list(_CLAUSE_BREAK.finditer(text, start, low.span[0]))
    clause = text[breaks[-1].end() if breaks else start:low.span[0]]
    return not _CHANGE_IN_CLAUSE.search(clause) and not _ON_TO.match(text, high.span[1])


def _bracketed(text: str, low: _Mention, high: _Mention) -> bool:
    """Whether two numbers are all a bracket holds (`(0.81 to 0.94)`): one range, unless
    a change stands before it (`the largest gain on telecom (0.19 to 0.61)`)."""
    return text[max(0, low.span[0] - 1):low.span[0]] in ("(", "[") and \
        text[high.span[1]:high.span[1] + 1] in (")", "]") and \
        not _CHANGE_BEFORE_BRACKET.search(text, max(0, low.span[0] - 50), low.span[0])


#: A change named shortly before a bracket (`gain on telecom (`).
_CHANGE_BEFORE_BRACKET = regex.compile(rf"(?i:{_CHANGE_WORDS})\b[^()]{{0,40}}[(\[]$",
                                        regex.VERSION1)


def _range(text: str, low: _Mention, high: _Mention) -> _Mention:
    low_value = low.value
    if high.scale != 1.0 and low.scale == 1.0 and not low.unit:
        low_value *= high.scale  # `7-70B`: the magnitude written once applies to both
    unit_span = high.unit_span or low.unit_span
    if low.unit_span is not None and high.unit_span and low.unit_span[0] < low.number_span[0]:
        unit_span = (low.unit_span[0], high.unit_span[1])  # `$5-$10`: from the first mark
    before = text[max(0, low.number_span[0] - 5):low.number_span[0]]
    # `from 45 to 61%` is a change; `from 45--61% to 83--85%` goes from a range
    worded = not _DASHES.fullmatch(text, low.span[1], high.number_span[0])
    return replace(high, number_span=(low.number_span[0], high.number_span[1]),
                   unit_span=unit_span if unit_span is None or high.unit_span else
                   (low.unit_span[0], low.unit_span[1]),
                   value=low_value, value_max=high.value, unit=high.unit or low.unit,
                   signed=low.signed, from_to=worded and before.lower().endswith("from ")
                   or bool(_CHANGE_OPENS.search(text, max(0, low.number_span[0] - 40),
                                                low.number_span[0]))
                   or bool(_ARROW.fullmatch(text, low.span[1], high.number_span[0])))


_LIST = regex.compile(r"(?:,\s?(?:and\s|or\s)?|\s(?:and|or)\s|\s?/\s?)", regex.VERSION1)


def _share_units(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """`8, 16 and 32 GB`: a unit written once after a list belongs to every item; so does
    a counted noun after a list whose items each take one word of their own (`1,437
    positive, 13,828 negative and 2,297 indeterminate tweets`)."""
    shared = list(mentions)
    worded: set[int] = set()  # items that took the noun past a word of their own
    for i in range(len(shared) - 2, -1, -1):
        item, after = shared[i], shared[i + 1]
        if item.unit or not after.unit or item.glued or item.scale not in (1.0, after.scale):
            continue  # `Qwen3-4B and +1.4%`: a size is no share; `8K and 16K tokens` are
        gap = text[item.span[1]:after.number_span[0]]
        own = _OWN_WORD.match(gap) if after.counted and (
            i + 1 in worded or _one_modifier(text, after)) else None
        if own and _LIST.fullmatch(gap, own.end()):
            worded.add(i)
            shared[i] = replace(item, unit=after.unit, counted=True,
                                unit_span=(item.span[1] + 1, item.span[1] + own.end()))
        elif _LIST.fullmatch(gap) and (after.unit_span is None
                                       or after.unit_span[0] >= after.number_span[1]):
            scale = after.scale if item.scale == 1.0 and gap.strip() == "/" and \
                after.unit == "params" else 1.0  # `1.3/7.5B parameters`: both in billions
            shared[i] = replace(item, unit=after.unit, counted=after.counted,
                                value=item.value * scale, scale=item.scale * scale)
    return shared


#: A bracket right after a count, listing its parts, each a number and one word of its
#: own (`525 missions (232 single-turn, 293 multi-turn)`).
_BREAKDOWN = regex.compile(r"\s?\((?P<items>[^()]{3,160})\)", regex.VERSION1)
_BREAKDOWN_ITEM = regex.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s(?P<w>[A-Za-z][\w-]*)",
                                regex.VERSION1)
_BREAKDOWN_JOIN = regex.compile(r",\s(?:and\s)?|;\s|\sand\s", regex.VERSION1)


def _breakdowns(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The parts of a count listed in a bracket right after it count its noun, each
    named by its own word (`525 missions (232 single-turn, 293 multi-turn)`: 232 and 293
    missions); what the words read as alone (`single` as one) goes."""
    parts: dict[int, tuple[int, int, str]] = {}  # number start -> its word's span, noun
    for mention in mentions:
        if not mention.counted or not mention.unit:
            continue
        bracket = _BREAKDOWN.match(text, mention.span[1])
        if bracket is None:
            continue
        items = _BREAKDOWN_JOIN.split(bracket["items"])
        found = [_BREAKDOWN_ITEM.fullmatch(item.strip()) for item in items]
        if len(found) < 2 or not all(found):
            continue
        at = bracket.start("items")
        for item, match in zip(items, found, strict=True):
            start = text.index(item.strip(), at)
            parts[start] = (start + match.start("w"), start + match.end("w"), mention.unit)
            at = start + len(item.strip())
    if not parts:
        return mentions
    words = [(w_start, w_end) for w_start, w_end, _ in parts.values()]
    shared = []
    for mention in mentions:
        part = parts.get(mention.number_span[0])
        if part is not None and not mention.unit:
            w_start, w_end, unit = part
            shared.append(replace(mention, unit=unit, counted=True, unit_span=(w_start, w_end)))
        elif not any(w_start <= mention.span[0] < w_end for w_start, w_end in words):
            shared.append(mention)
    return shared


#: The one word of a list item before the list's shared noun (`1,437 positive`).
_OWN_WORD = regex.compile(r"\s(?P<word>[A-Za-z][\w-]*)", regex.VERSION1)


def _one_modifier(text: str, mention: _Mention) -> bool:
    """Whether one word stands between a count and its noun (`2,297 indeterminate
    tweets`), as between each earlier item of its list and the list's end."""
    if mention.unit_span is None:
        return False
    between = text[mention.number_span[1]:mention.unit_span[0]]
    return bool(_OWN_WORD.fullmatch(between.rstrip())) and between.endswith(" ")


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    if text.startswith(("sub-", "Sub-"), start):  # `sub-millisecond`: the number is `sub`
        return qualifiers().get("sub-"), start
    found = _qualifier_pattern().search(text, max(0, start - 16), start)
    if found is None:
        return None, start
    word = found.group().strip().lower()
    fused = found.group() == "~"  # `~3%`: the mark is part of the quoted text
    return qualifiers()[word], found.start() if fused else start


def _quantity(norm: Normalized, mention: _Mention) -> Quantity:
    start, end = mention.span
    qualifier, start = _qualifier(norm.text, start)
    o_start, o_end = norm.to_original(start, end)
    n_start, n_end = mention.number_span
    return Quantity(
        text=norm.original[o_start:o_end], start=o_start, end=o_end, value=mention.value,
        value_max=mention.value_max, unit=mention.unit,
        dimension="" if mention.counted else lexicon.dimension_of(mention.unit),
        qualifier=qualifier, latent=not mention.unit, spelled=mention.spelled,
        signed=mention.signed, from_to=mention.from_to, counted=mention.counted,
        span=(start, end), number_span=(n_start, n_end))


def _rejected(norm: Normalized, span: Span, reason: str) -> Rejected:
    start, end = norm.to_original(*span)
    return Rejected(norm.original[start:end], start, end, reason)
