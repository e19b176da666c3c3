"""Kinds for quantities no specific rule took, from cue lexicons (`rules/cues.yaml`).

A unit's dimension decides alone (memory is a `quantity`, a rate a `throughput`).
Factors, percentages and points are read from their clause: what is measured (the
nearest object word, or one named right after the number), the direction words, and
whether the number is a change (`by`, a noun of change, a sign, a factor: never a score)
or a level (`to`, `of`, `achieves`). What nothing decides is left out with the reason,
for `claims explain`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import regex
import yaml

from claims.claim.prefilter import Alternation
from claims.claim.rulepack import Example
from claims.model import Kind
from claims.quantity import Quantity

#: Units that need a cue to be a claim: changes and shares.
_RELATIVE = {"x", "%", "points", "permille", "dB"}
#: `by 3.2%`, `by up to 2x`: the amount of a change, never a level.
#: A qualifier between a word of change or level and its number (`by as much as`).
_QUALIFIER = (r"(?:(?:up\sto|about|over|nearly|around|approximately|roughly|almost|as\smuch\sas|"
              r"more\sthan|at\sleast|an?\saverage\sof|only|just)\s|~|[<>]=?\s?)?")
_BY = regex.compile(rf"(?i:\bby\s(?:an?\s)?{_QUALIFIER})$", regex.VERSION1)
#: `improves faithfulness and calibration up to 66%`: `up to` after a verb of change and
#: its object says what `by up to` says.
_VERB_UP_TO = regex.compile(r"(?i:\b(?:improv|increas|boost|enhanc|reduc|lower|cut|decreas)"
                            r"\w*\s(?:[\w-]+\s){1,5}?up\sto\s)$", regex.VERSION1)


#: `3.09M trainable parameters`: a share of a model, not the model's size.
_PART = regex.compile(r"[^,;]{0,20}?\b(?i:trainable|additional|extra|learnable|added|tunable|"
                      r"activated|active)\s", regex.VERSION1)
#: `reductions of 2.8%`, `a lift of 2.45%`, `an increase of only 0.2`: a noun of change
#: before the number.
_CHANGE_NOUN = regex.compile(r"(?i:\b(?:lifts?|gains?|improvements?|increases?|boosts?|"
                             r"reductions?|decreases?|drops?|savings?|speedups?|declines?|rises?|"
                             r"degradations?|losses|margins?|advantages?)\s(?:of\s)?(?:only\s|just\s)?"
                             rf"{_QUALIFIER})$", regex.VERSION1)
_SLOWER = regex.compile(r"(?i:\bslow(?:er|ly|down|downs)\b)", regex.VERSION1)
_RISE = regex.compile(r"(?i:\b(?:increases?|rises?|growth|higher|doubles|triples)\b)",
                      regex.VERSION1)
#: A larger model is a scale, not a worse compression (`8x increase in model size`).
_SCALE = regex.compile(r"(?i:model\ssizes?)", regex.VERSION1)
#: More of a cost (`10x more DRAM footprint`, `increases latency by 2x`): a cut, negative.
_MORE = regex.compile(r"(?i:\b(?:increas\w*|ris(?:e|es|ing)|grow\w*|higher|more(?!\sthan)|"
                      r"larger|greater|rais\w*|inflat\w*|amplif\w*)\b)", regex.VERSION1)
#: A factor of a cost spent (`at 5x the inference cost`): more of it.
_AT_TIMES_THE = regex.compile(r"\bat\s(?:about\s|roughly\s|~)?[\d.]+\s?(?:x|×|times)\sthe\s"
                              r"(?!same\b)", regex.VERSION1)
#: A word of falling; not the head of a compound (`loss-based`, `drop-in`, `lower-level`).
_FALL = regex.compile(r"(?i:\b(?:drop(?:s|ped|ping)?|decreas(?:es?|ed|ing)|declin(?:es?|ed|ing)"
                      r"|f[ae]ll(?:s|ing)?|deficits?|collaps(?:es?|ed|ing)"
                      r"|degrad(?:es?|ed|ing|ations?)"
                      r"|loss(?:es)?|underperform\w*|lower|los(?:e|es|ing)"
                      r"|costs?(?=\s(?:only\s|just\s)?[\d+]))\b(?!-))", regex.VERSION1)


#: A fall of a quality, in any word: a drop, a loss, a reduction, less, below, worse.
_LESS = regex.compile(rf"{_FALL.pattern}|(?i:\b(?:reductions?|less|below|worse)\b)",
                      regex.VERSION1)


#: `3.4-6.5% average zero-shot accuracy improvements`: a noun of change closing the
#: phrase the number opens (not past `but`: `98.7% on CLEVR but drops to 41.8%`); `20%
#: lower error`: a comparative right after it.
_CHANGE_AFTER = regex.compile(r"\s?(?:(?:(?!(?:of|but|while|whereas|yet)\b)[\w@-]+|\([\w@-]+\))\s)"
                              r"{0,5}?(?i:improvements?|"
                              r"gains?|advantages?|margins?|increases?|boosts?|reductions?|"
                              r"drops?|decreases?|savings?|degradations?|declines?)\b"
                              # `a 23.5% performance collapse`, `0.14% difference in mean MAE`
                              r"|\s?(?:[\w-]+\s)?(?i:collapses?|deficits?|differences?)\b"
                              # `4-16% absolute accuracy`, `(10% relative)`; not `1.007 relative
                              # perplexity`, a metric's name
                              r"|\s?\(?(?i:absolute\b|relative(?=\s?[),;:]|\s?$))"
                              r"|\s?(?:(?!(?:with|and|or|of|to|in|on|for|at|the|an?)\b)[\w@-]+\s)?"
                              r"(?i:higher|lower|better|worse|fewer|less|more|faster|slower|"
                              r"smaller|larger|greater|cheaper|shorter|longer|below)\b",
                              regex.VERSION1)


@cache
def _setting_share() -> regex.Pattern:
    """What a percentage of a setting names right after it (the lexicon's `settings`:
    noise, a budget, a share of the labels or data used; `settings_at` right after `at`
    and the number or list only: `at 50% coverage`, `across 75%, 50%, and 25% coverage`)."""
    return regex.compile(r"\s(?:of\s(?:the\s|all\s|its\s)?)?(?P<what>(?:[\w-]+\s){0,2}?"
                         rf"(?i:{_lexicon()['settings']}|(?<=\b(?:at|under|across)\s[\d.,%\s]*(?:and\s|or\s)?\S+\s)"
                         rf"{_lexicon()['settings_at']}))\b", regex.VERSION1)


@cache
def _setting_before() -> regex.Pattern:
    """The settings named before the value (`settings_before`), with what links them
    (`noise levels up to`, `label budgets from`; either end of `from 1% to 10%`)."""
    return regex.compile(rf"(?i:\b(?:{_lexicon()['settings_before']})(?:\s[\w-]+){{0,3}}?"
                         r"\s(?:up\sto|from|of|at|=)\s(?:\d[\d.]*\s?%?\sto\s)?)$",
                         regex.VERSION1)


@cache
def _context_length() -> regex.Pattern:
    """What makes thousands a context's length in tokens (`context_lengths`)."""
    return regex.compile(rf"(?i:\b(?:{_lexicon()['context_lengths']})\b)", regex.VERSION1)


#: `reaches 99.91% coverage`: a result, not a share set for the experiment.
_REACHES = regex.compile(r"\b(?:reach|achiev|attain|obtain)\w*\s(?:only\s|nearly\s|about\s"
                         r"|up\sto\s)?$", regex.VERSION1)
#: `78% of the time`, `less than 2% of variance`: a rate or a share of variance explained.
_HOW_OFTEN = regex.compile(r"\sof\s(?:the\s)?(?:time|variance)\b", regex.VERSION1)
#: `27.5-56.1% over TopK/LERP`, `(16.9-19.6% over the baseline)`: a margin over what it
#: beats, named right after the number (a name, or a baseline noun).
_OVER_BASELINE = regex.compile(r"\s(?:over|above)\s(?:(?:the|a|an|all|prior|existing)\s)?"
                               r"(?:[\w-]+\s){0,2}?(?:baselines?|SOTA|(?=[A-Z][\w/.-]*[a-z]))",
                               regex.VERSION1)


def _lead(at: int) -> int:
    """Where the words that end right before a number (`by`, `reaches an impressive`)
    can start: a bounded look back, so a long clause costs no more per number."""
    return max(0, at - 80)


def by_before(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with `by` (`by up to 3x`, `by 2.42 seconds`)."""
    return bool(_BY.search(text, start, end))


def change_after(text: str, position: int) -> bool:
    """Whether the words from `position` close a change (`3.6 perplexity better`,
    `4% average gains`)."""
    return bool(_CHANGE_AFTER.match(text, position))


def change_before(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with what makes the number after it a change: `by`
    (`by up to 3x`), a noun of change (`an increase of only`), the word that says a
    difference is absolute or relative (`lower top-1 error (absolute 7.8%)`), or `plus`."""
    return bool(_BY.search(text, start, end) or _CHANGE_NOUN.search(text, start, end)
                or _VERB_UP_TO.search(text, start, end) or _DIFFERENCE_OF.search(text, start, end)
                or _PLUS_WORD.search(text, start, end))


#: `(absolute 7.8%)`, `a relative 12%`: a difference, said to be absolute or relative.
_DIFFERENCE_OF = regex.compile(r"\b(?i:absolute|relative)\s$", regex.VERSION1)
#: `plus` written before a number: its sign (`achieves plus 9.65 F1 over the strongest
#: baseline`).
_PLUS_WORD = regex.compile(r"\bplus\s$", regex.VERSION1)
#: `of` right before a signed number (`a Sharpe of up to $+2.50$`): the value a metric
#: takes, unless a noun of change stands before it (`a gain of +0.157`).
_VALUE_OF = regex.compile(rf"\bof\s{_QUALIFIER}\$?$", regex.VERSION1)


#: A factor's noun of reduction right after it, past what is cut (`16.22x step reduction`).
_FACTOR_CUT = regex.compile(r"\s?(?:(?P<m>(?!(?:of|in|on|and|or|the|an?)\b)[\w-]+"
                            r"(?:\s(?!(?:of|in|on|and|or)\b)[\w-]+)?)\s)??"
                            r"(?i:reductions?|decreases?|savings?)\b", regex.VERSION1)
#: `drops to 41.8%`: the level a change ends at; `to 30% of the baseline` is a share.
_ENDS_AT = regex.compile(r"(?i:(?<!\bup\s)\bto\s(?:about\s|around\s|only\s|just\s|~\s?)?)$",
                         regex.VERSION1)
#: `of` after a percentage: the share of what follows (`1.8% of problems`).
SHARE_AFTER = regex.compile(r"\s?of\s", regex.VERSION1)


def _change_ends_at(clause: str, at: int, quantity: Quantity) -> bool:
    """Whether a percentage after a word of change is the level it ends at (`drops to
    41.8% on GQA`), not the change: no share of something (`to 30% of`)."""
    return quantity.unit == "%" and not quantity.signed and bool(
        _ENDS_AT.search(clause, _lead(at), at)) and not SHARE_AFTER.match(
        clause, _after(quantity, at))


def level_before(text: str, at: int) -> bool:
    """Whether the words before the number at `at` make it a level (`maintains 82.3%`,
    `reaches only 62.5%`), never a change."""
    return bool(_LEVEL.search(text, _lead(at), at))


def scores_the_amount(text: str, at: int) -> bool:
    """Whether a score word is linked right before the amount at `at` (`a mean error of
    4.15ms`, `an RMSE of 2.1 K`): the amount is that score's level, not a quantity."""
    return _score_beside(text, at, 0, linked_only=True)


def cuts(text: str) -> bool:
    """Whether a stretch of text speaks of making something smaller (`reduces`, `cuts`)."""
    return any(name == "down" for name, _, _ in _cues_in(text))


def worsens(text: str) -> bool:
    """Whether a stated change makes its metric worse: a rise in a lower-is-better metric
    (`perplexity increase`), a fall in any other (`accuracy drop`), a cut of a quality
    (`reduces accuracy by 9-18 percentage points`)."""
    if _objects()["lower_is_better"].search(text):
        return bool(_RISE.search(text))
    return bool(_LESS.search(text)) or any(
        _objects()["score"].search(cut["o"]) for cut in _CUT_OF.finditer(text))


#: A verb of cutting and what it cuts, up to `by`: a loss when that is a quality
#: (`reduce average performance by 2.82%`), a gain of anything else (`reduces token usage
#: by 46%`, `reducing camera-space MPJPE by`); not `all-reduce`.
_CUT_OF = regex.compile(r"(?i:(?<![\w-])reduc(?:es?|ed|ing)\s(?P<o>[^,;.()]{1,60}?)\sby\b)",
                        regex.VERSION1)
_CUT_BEFORE = regex.compile(rf"{_CUT_OF.pattern}\s(?:(?i:up\sto|about|around|nearly|almost"
                            r"|over|more\sthan|approximately)\s)?$", regex.VERSION1)


def cut_before(text: str, at: int) -> int | None:
    """Where `reduces <what> by` starts when it ends right before position `at`."""
    cut = _CUT_BEFORE.search(text, max(0, at - 90), at)
    return cut.start() if cut else None


#: `2.842% in MSE`, `50% unstructured sparsity`, `77.8% of visual tokens`: the thing
#: measured, named right after the number (with `in` or `of`, or past one modifier).
_IN_OBJECT = regex.compile(r"\s?(?:\S{0,8}\s)?in\s(?:the\s|both\s|all\s)?"
                           r"(?:average\s|overall\s|mean\s)?"
                           r"|\sof\s(?:the\s|its\s|their\s)?(?:[a-z][a-z-]+\s)?"
                           r"|\s(?:(?!(?:with|on|of|for|by|to|than|over|and|or|at|while|when|"
                           r"which|that|the|a|an|from|across|compared)\b)[a-z][a-z-]+\s)?"
                           r"(?=[A-Za-z])", regex.VERSION1)


#: `in` past one or two modifiers (`2.61 percentage-point increase in clinical safety
#: score`), tried last.
_IN_PAST_WORDS = regex.compile(r"\s?(?:\S{0,8}\s)?in\s(?:[a-z][a-z-]+\s){1,2}(?=[A-Za-z])",
                               regex.VERSION1)
#: The next word (`6.0x performance gap`), tried when past one modifier names nothing;
#: then past a comparative and a modifier (`37% lower GPU memory usage`).
_NEXT_WORD = regex.compile(r"\s(?=[A-Za-z])", regex.VERSION1)
_PAST_TWO = regex.compile(r"\s(?i:higher|lower|less|more|fewer|smaller|larger|better|faster)\s"
                          r"[A-Za-z][\w-]*\s(?=[A-Za-z])", regex.VERSION1)


@dataclass(frozen=True)
class Decision:
    """What a quantity became: a kind with a confidence, or nothing and why."""

    kind: Kind | None
    confidence: str  # "cue" or "weak"
    reason: str
    unit: str | None = None  # a unit the number implies (`+4.3` after scores: points)
    metric: str | None = None  # what is measured, by name (else the words at metric_span)
    metric_span: tuple[int, int] | None = None  # the words naming it, in the clause
    sign: int = 1  # -1: a change that makes its metric worse (`an accuracy drop of 2%`)
    scale: float = 1.0  # 100: a fraction of trials (`42/47`) read in percent


def cue_examples() -> list[Example]:
    """The cue lexicons' own examples (`examples:` in rules/cues.yaml), validated."""
    return [Example.model_validate(raw) for raw in _lexicon().get("examples", [])]


@cache
def _lexicon() -> dict:
    text = files("claims.rulepacks").joinpath("cues.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def change_words() -> str:
    """The words of a rise or a fall (`improves`, `reducing`), as one alternation."""
    return f"{_lexicon()['up']}|{_lexicon()['down']}"


def _compiled(pattern: str) -> regex.Pattern:
    return regex.compile(rf"(?i:\b(?:{pattern}))", regex.VERSION1)


@cache
def _object_patterns() -> dict[str, str]:
    """What is measured, by kind; a word that only modifies the next one is none
    (`energy` in `energy efficiency`, `loss` in `loss-level`), nor is the tail of a
    compound (`test-time`) or the head of a coined name (`Faster` in `FasterGS`)."""
    modified = (rf"(?!\w*[\s-](?i:{_lexicon()['modifies']})|\w*-(?i:{_lexicon()['compounds']})"
                r"\b)")
    return {name: f"(?<!-)(?:{pattern})(?-i:(?!\\p{{Lu}})){modified}"  # `test-time` is no time
            for name, pattern in _lexicon()["objects"].items()}


@cache
def _objects() -> dict[str, regex.Pattern]:
    return {name: _compiled(pattern) for name, pattern in _object_patterns().items()}


@cache
def _data() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['data']})", regex.VERSION1)


@cache
def _repeats() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['repeats']})", regex.VERSION1)


@lru_cache(maxsize=4096)
def is_category(noun: str) -> bool:
    """Whether a counted noun names kinds of things (`tasks`, `architectures`).
    Remembered: papers count the same few nouns again and again (most asks repeat one)."""
    return bool(_categories().fullmatch(noun.lower()))


def _category_scale(noun: str) -> float:
    """How large a count of a category word must be to size a dataset: smaller for a
    word that also names a benchmark's items (`tasks`)."""
    if _item_categories().fullmatch(noun.split()[-1]):
        return _lexicon()["item_scale"]
    return _lexicon()["dataset_scale"]


@cache
def _item_categories() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['item_categories']})", regex.VERSION1)


@cache
def _categories() -> regex.Pattern:
    return regex.compile(rf"(?i:{_lexicon()['categories']})", regex.VERSION1)


def decide(quantity: Quantity, clause: str, at: int,
           sentence: tuple[str, int] | None = None) -> Decision:
    """The kind of `quantity`, found at offset `at` of its `clause` (normalized text);
    `sentence` (its text, and where the clause starts in it) is where a metric its unit
    decided may be named. Spans in the decision are relative to the clause.

    >>> from claims.quantity import quantities
    >>> q = quantities("runs 2.5x faster")[0]
    >>> decide(q, "runs 2.5x faster", 5).kind
    <Kind.speedup: 'speedup'>
    """
    if _trials(clause, at, quantity):
        noun = _NEXT_NOUN.match(clause, _number_end(quantity, at))
        if noun and is_category(noun["noun"]):
            return Decision(None, "", "a win count over kinds of things (`6/7 languages`, "
                            "`12/13 models`): categories are not claims")
        return Decision(Kind.score, "cue", "a fraction of trials (`10/10`): a score in percent",
                        unit="%", scale=100.0)
    one_in = _ONE_IN.match(clause, at)
    if one_in and quantity.latent and 0 < int(one_in["n"]) < int(one_in["d"]):
        return Decision(Kind.score, "cue", "a rate written `1 in 3`: a score in percent",
                        unit="%", scale=100.0 / int(one_in["d"]))
    if quantity.latent:
        return _bare(quantity, clause, at, sentence)
    if quantity.counted and _PART_OF.search(clause, _lead(at), at):
        return Decision(None, "", "the whole of a win count (`in 17 out of 20 cases`): the "
                        "guidelines make it no claim")
    if quantity.counted and _context_length().fullmatch(quantity.unit) and quantity.value >= 1000:
        return Decision(Kind.quantity, "cue", "thousands of a context (`8K--32K contexts`): "
                        "its length in tokens", unit="tokens", metric="context length")
    if quantity.counted and _BILLIONS.search(clause, at, _number_end(quantity, at)) and \
            not _data().fullmatch(quantity.unit):
        return Decision(Kind.model_size, "weak", "billions before a word that counts no data "
                        "(`the main 8B settings`, `at 3B and 7B scales`): a model's size",
                        unit="params", metric="model size")
    if quantity.counted:
        return _counted(quantity, bool(_COLLECTION.match(clause, _after(quantity, at))) or (
            not is_category(quantity.unit) and bool(_COLLECTION_BEFORE.search(
                clause, _lead(at), at))))
    if quantity.dimension == "parameters" and quantity.value < 100 and (
            quantity.spelled or _SINGULAR_PARAMETER.search(clause, at, _after(quantity, at))):
        return Decision(None, "", "too few parameters for a model (`two parameter-reduction "
                        "techniques`, `a two-parameter logistic model`)")
    if quantity.dimension == "parameters" and _PART.match(clause, at):
        return Decision(Kind.quantity, "cue", "a part of a model's parameters, not its size")
    if quantity.spelled and quantity.value == 1 and quantity.dimension in ("data", "devices"):
        return Decision(None, "", "one of a thing (`a single token`): a description")
    if quantity.dimension == "information":
        after = _number_end(quantity, at) + 1
        if any(_objects()[name].match(clause, after) for name in ("score", "lower_is_better")):
            return Decision(Kind.score, "cue", "bits per unit of text (`5.08 bits-per-byte`)")
        return _bits(clause)
    if quantity.dimension == "entropy":
        if quantity.signed or change_before(clause, _lead(at), at):
            return Decision(Kind.improvement, "cue", "a change in nats of a loss or a "
                            "description length (`+0.015 nats`, `gains of 0.216 nats`)")
        return Decision(Kind.score, "weak", "a level in nats")
    if quantity.dimension and quantity.unit not in _RELATIVE and not \
            quantity.dimension.startswith("currency") and _scored_amount(quantity, clause, at):
        return Decision(Kind.score, "cue", "an amount in a unit beside its metric")
    dimensions = _lexicon()["dimensions"]
    by_dimension = dimensions.get(quantity.dimension) or dimensions.get(
        quantity.dimension.split(" per ")[0])  # `FLOPs per image` is compute
    if by_dimension and quantity.unit not in _RELATIVE and change_before(clause, _lead(at), at) \
            and "down" in _distances(clause, at):
        kind = Kind.compression if by_dimension == "quantity" and quantity.dimension == \
            "memory" else Kind.reduction
        return Decision(kind, "cue", f"a cut by an amount of {quantity.dimension}")
    if by_dimension and quantity.unit not in _RELATIVE:
        text, offset = sentence or (clause, 0)
        named = _metric_named(text, at + offset)
        if named is not None:
            named = named[0], (named[1][0] - offset, named[1][1] - offset)
        return Decision(Kind(by_dimension), "cue", f"its unit is {quantity.dimension}",
                        metric=named[0] if named else _lexicon()["metrics"].get(
                            quantity.dimension.split(" per ")[0]),
                        metric_span=named[1] if named else None)
    prefix = clause[at - (quantity.number_span[0] - quantity.span[0]):at]
    if quantity.unit in _RELATIVE and quantity.spelled and not prefix.startswith("factor") \
            and not _spelled_change(quantity, clause, at):
        return Decision(None, "", "a factor in words (`double`, `half`) that no word makes a "
                        "change: only rules read these")
    if quantity.unit in _RELATIVE:
        return _by_cue(quantity, clause, at, sentence)
    return Decision(None, "", f"no kind for a {quantity.dimension or 'unknown'} unit")


#: `19 parameter configurations`, `a two-parameter model`: a parameter as an adjective.
_SINGULAR_PARAMETER = regex.compile(r"(?i:parameter)(?!s)", regex.VERSION1)
#: A factor in words that is itself a verb of change, stated (`doubles`, `halves`): its
#: other forms mostly suppose (`for every doubling of model size`).
_FACTOR_VERB = regex.compile(r"(?i:(?:doubl|tripl|quadrupl|halv)es)",
                             regex.VERSION1)


def _spelled_change(quantity: Quantity, clause: str, at: int) -> bool:
    """Whether a factor in words is a change its words state: a verb of change itself
    (`more than doubles the shift`), the amount of a change (`reduced review time by
    approximately half`, `by at least three times`), or a factor a comparative closes
    (`seven times more likely`)."""
    end = _number_end(quantity, at)
    return bool(_FACTOR_VERB.fullmatch(clause, at, end) or change_before(clause, _lead(at), at)
                or _CHANGE_AFTER.match(clause, _after(quantity, at)))


def _scored_amount(quantity: Quantity, clause: str, at: int) -> bool:
    """Whether an amount in a physical unit is a level of a score metric beside it
    (`1.18 m s^-1 wind speed MAE`, `an RMSE of 2.1 K`), not a change of one."""
    after = _after(quantity, at)
    return not change_before(clause, _lead(at), at) and (
        _score_beside(clause, at, after - at) or _metric_follows(clause, after))


#: `17 out of 20 cases`, `44 of the 200 classes`, `9 of 10 pairs`: a part counted of a
#: whole, the number before this one.
_PART_OF = regex.compile(r"\b\d[\d,]*\s(?:out\s)?of\s(?:the\s|all\s)?$", regex.VERSION1)
#: `1 in 3`: how often something happens, as a count in a count.
_ONE_IN = regex.compile(r"(?P<n>\d{1,3})\sin\s(?P<d>\d{1,4})\b(?![.,]\d)", regex.VERSION1)
#: `42/47`, `0/500`, `10/10`: successes of a number of trials.
_TRIALS = regex.compile(r"(?P<n>\d+)/(?P<d>\d+)", regex.VERSION1)
#: The word right after a number (`languages` of `6/7 languages`).
_NEXT_NOUN = regex.compile(r"\s(?P<noun>[A-Za-z][\w-]*)", regex.VERSION1)


def _number_end(quantity: Quantity, at: int) -> int:
    """Where the quantity's number ends, its number starting at `at`."""
    return at + quantity.number_span[1] - quantity.number_span[0]


def _score_word_before(clause: str, at: int) -> bool:
    """Whether a score word (either direction) stands in the clause before `at`."""
    return any(start < at for name, start, _ in _cues_in(clause)
               if name in ("score", "lower_is_better"))


def _trials(clause: str, at: int, quantity: Quantity) -> bool:
    """Whether the number is a count of successes over five or more trials, never a
    plain fraction (`1/2`, `3/4`)."""
    found = _TRIALS.fullmatch(clause, at, _number_end(quantity, at))
    return found is not None and int(found["d"]) >= 5 and int(found["n"]) <= int(found["d"])


def _bare(quantity: Quantity, clause: str, at: int,
          sentence: tuple[str, int] | None = None) -> Decision:
    """A bare number is a claim as a signed gain beside a score (`+4.30`, points), or as
    a decimal score written right beside its metric (`F1@5 = 0.72`, `Kappa 0.835`,
    `0.788 specificity`); other bare numbers (`alpha = 0.5`) are not claims. The readings
    are tried in order: signed ones, changes, then levels."""
    if quantity.spelled:
        return Decision(None, "", "a number in words with no unit (`zero degradation`)")
    number = clause[at:_after(quantity, at)]  # with its uncertainty (`79.0 ± 3.5`)
    if _THOUSANDS.fullmatch(number) and sentence and _context_length().search(sentence[0]):
        return Decision(Kind.quantity, "weak", "thousands with no unit where the sentence "
                        "speaks of context (`throughput improvement at 128K`): a context "
                        "length in tokens", unit="tokens", metric="context length")
    sampled = _SAMPLE_SIZE.search(clause, _lead(at), at)
    if sampled and not quantity.signed and quantity.value.is_integer() and \
            _data().fullmatch(sampled["noun"]):
        return Decision(Kind.quantity, "cue", "a sample size in brackets after the items it "
                        "counts (`human participants (n = 3011)`)", sampled["noun"],
                        metric=sampled["noun"])
    found = _signed_bare(quantity, clause, at) or _bare_change(quantity, clause, at, number)
    if found:
        return found
    setting = _SETTING.search(clause, _lead(at), at)
    if setting and not _names_a_score(setting["name"]):  # `at AUC=0.918` is a result
        return Decision(None, "", "a setting of the experiment (`at CFG = 4.5`)")
    return _bare_level(quantity, clause, at, number, sentence) or _unit_scale_level(
        quantity, clause, at, number) or Decision(None, "", "a bare number with no unit")


def _signed_bare(quantity: Quantity, clause: str, at: int) -> Decision | None:
    """A correlation after its symbol, or a signed gain beside a score or a noun of
    change."""
    if "." in clause[at:_number_end(quantity, at)] and _SIGNED_SCORE.search(
            clause, _lead(at), at):
        return Decision(Kind.score, "cue", "a correlation or an effect size, signed or not "
                        "(`r = -0.81`, `Cohen's d = 3.252`)")
    if _VALUE_OF.search(clause, _lead(at), at) and not _CHANGE_NOUN.search(
            clause, _lead(at), at):
        return None  # `a held-out Sharpe of up to $+2.50$`: the level a metric takes
    fraction = _signed_fraction(quantity, clause, at)
    plus = clause[at:at + 1] == "+" or bool(_PLUS_WORD.search(clause, _lead(at), at))
    if plus or by_before(clause, _lead(at), at):
        near = _distances(clause, at)
        if "score" in near:
            return Decision(Kind.improvement, "cue", "a gain beside a score (`+4.3`, "
                            "`by 9.69`)", "" if fraction else "points")
        if plus and "up" in near and len(near) == 1:
            return Decision(Kind.improvement, "weak", "a plus-signed gain in a clause of a "
                            "rise that names nothing else measured (`gains +5.4 OOD-mean "
                            "(+3.5 ScreenSpot-Pro)`)", "" if fraction else "points")
    if fraction and (_CHANGE_NOUN.search(clause, _lead(at), at)
                     or _GAIN_IS.search(clause, _lead(at), at)):
        return Decision(Kind.improvement, "cue", "a signed change of a fraction after a noun "
                        "of change (`a gain of +0.157`)")
    if plus and _COMPARED_AFTER.match(clause, _number_end(quantity, at)):
        return Decision(Kind.improvement, "cue", "a plus-signed number set against what it "
                        "is compared with (`+1.81 over the best single sample`, `+11.0 "
                        "versus +1.1 points`)", "" if fraction else "points")
    if quantity.signed and _DELTA_IS.search(clause, _lead(at), at):
        return Decision(Kind.improvement, "cue", "a signed number its symbol of change names "
                        "(`Delta = -0.002`)", "" if fraction else "points")
    return None


def _signed_fraction(quantity: Quantity, clause: str, at: int) -> bool:
    """`+0.157`: a change on a 0-1 scale, which has no unit."""
    return quantity.signed and bool(_SIGNED_FRACTION.fullmatch(
        clause, at, _number_end(quantity, at)))


def _bare_change(quantity: Quantity, clause: str, at: int, number: str) -> Decision | None:
    """A range of model sizes, or a gain its words make one: alone in brackets, closed by
    a comparative or a gain noun."""
    if quantity.value_max is not None and _SIZE_RANGE.fullmatch(number) and \
            not _NAME_BEFORE.search(clause, _lead(at), at):
        return Decision(Kind.model_size, "weak", "a range of sizes in billions that counts "
                        "nothing (`Qwen-3 (7-8B)`, `peer models in the 7--10B class`)",
                        "params")
    if clause[at:at + 1] == "+" and _ASIDE_BEFORE.search(clause, _lead(at), at) and \
            _ASIDE_AFTER.match(clause, at + len(number)):
        return Decision(Kind.improvement, "weak", "a gain written alone in brackets (`(+9.7 "
                        "and +12.8)`)", "" if _signed_fraction(quantity, clause, at)
                        else "points")
    if _CHANGE_AFTER.match(clause, at + len(number)) and _distances(clause, at).keys() & {
            "score", "lower_is_better"}:
        return Decision(Kind.improvement, "cue", "a gain beside a score (`3.6 points better`)",
                        "points")
    return None


def _bare_level(quantity: Quantity, clause: str, at: int, number: str,
                sentence: tuple[str, int] | None = None) -> Decision | None:
    """A level: a decimal reached on a benchmark or beside its metric, an end of a
    change of a score, the amount a noun of change names, or a decimal after a word of
    level."""
    if "." in number and not quantity.signed and _ON_NAME.match(clause, at + len(number)) \
            and level_before(clause, at):
        return Decision(Kind.score, "cue", "a decimal reached on a named benchmark (`reaches "
                        "97.05 on RULER`)")
    if "." in number and not quantity.signed and _OUT_OF.match(clause, at + len(number)):
        return Decision(Kind.score, "cue", "a rating on a scale (`exceed 4.0 out of 5.0`)")
    if "±" in number and not quantity.signed and (level_before(clause, at)
                                                  or clause[at - 1:at] == "("):
        return Decision(Kind.score, "cue", "a result with its spread after a verb of level "
                        "or in brackets after what it measures (`reaches 93.2 ± 3.3`, "
                        "`instability (0.343 ± 0.047)`)")
    if _GAIN_NOUN_AFTER.match(clause, at + len(number)) or _LISTED_GAIN.match(
            clause, at + len(number)):
        return Decision(Kind.improvement, "cue", "an amount its gain noun names (`2.0 and 0.4 "
                        "improvement`)", "points")
    decimal = "." in number.partition("±")[0]
    if not quantity.signed and (_score_beside(clause, at, len(number), linked_only=not decimal)
                                or decimal and _metric_follows(clause, at + len(number))):
        return Decision(Kind.score, "cue", "a score beside its metric (`F1 = 0.72`, `FID "
                        "scores below 15`)")
    opening = _bracket_of_scores(clause, at, number) if _score_like(number) else None
    if opening is not None and _COMPARED_BEFORE.search(clause, max(0, opening - 120), opening):
        return Decision(Kind.score, "weak", "the result of what a value is compared with, in "
                        "brackets after its name (`matches the ungated base policy (0.233)`, "
                        "`outperforming Presidio (0.431, 0.273)`)")
    if _score_like(number) and (
            (_NAMED_RESULT.search(clause, _lead(at), at) or sentence and _LABELLED_RESULT.search(
                sentence[0], _lead(at + sentence[1]), at + sentence[1]))
            and (_RESULT_CLOSES.match(clause, at + len(number)) or sentence and
                 _RESULT_CLOSES.match(sentence[0], at + sentence[1] + len(number)))
            or _NAME_THEN_RESULT.search(clause, _lead(at), at) and clause[
                at + len(number):at + len(number) + 1] == ")"
            or clause[at - 1:at] == "(" and _RESULT_THEN_NAME.match(clause, at + len(number))):
        return Decision(Kind.score, "weak", "a result written right after the name of what it "
                        "measures, in a bracket or a list (`(IFEval 79.9)`, `(R-1 56.6, ...`)")
    if "." in number and (_FROM_OR_TO.search(clause, _lead(at), at) or _TO_NEXT.match(
            clause, at + len(number))) and (_score_word_before(clause, at) or sentence and
                                             _score_word_before(sentence[0], at + sentence[1])):
        return Decision(Kind.score, "cue", "an end of a change of a score (`Pass^4 from 0.42 "
                        "to 0.62`)")
    changed = _CHANGED_FROM.search(clause, _lead(at), at)
    if changed and not quantity.signed and not _SETTING_NOUN.search(changed[0]) and \
            not _SLASHED.match(clause, at + len(number)):
        whole = "." not in number
        what = _ADVERB.sub("", _ARTICLE_BEFORE.sub(
            "", changed["what"] or changed["before"] or "")).strip()
        counted = _COUNTED_HEAD.search(_PLACE_AFTER.sub("", what))
        noun = counted and (counted["noun"] or counted["of"] and f"{counted['of']}s")
        return Decision(Kind.quantity if whole or counted else Kind.score, "weak",
                        "an end of a change a verb writes from one level to another (`reduced "
                        "PARTIAL outcomes from 43 to 3`): a count of what changed when whole",
                        noun or None, metric=what or None)
    if "." in number and _RESPECTIVELY.match(clause, at + len(number)) and \
            _score_word_before(clause, at):
        return Decision(Kind.score, "cue", "one of the values its metrics take, respectively")
    if "." in number and not quantity.signed and _CHANGE_NOUN.search(clause, _lead(at), at):
        return Decision(Kind.improvement, "weak", "the amount a noun of change names (`median "
                        "paired advantages of 0.7648`, `an increase of 0.21`)", "")
    if "." in number and not quantity.signed and _DECIMAL_VERSUS.search(clause, _lead(at), at) \
            and _score_word_before(clause, at) and not _SETTING_NOUN.search(
                clause, max(0, at - 60), at):  # not `temperature (0.7 vs. 1.0)`
        return Decision(Kind.score, "cue", "a decimal compared with a scored decimal before it "
                        "(`5.083 bits-per-byte versus 5.124`): the other side's level")
    result = _RESULT_OF.search(clause, _lead(at), at) if "." in number else None
    if result and _names_a_level(result["what"]):
        return Decision(Kind.score, "cue", "a decimal a verb of result reaches, after the name "
                        "of what it measures (`achieves a mean rank of 1.25`)",
                        metric_span=result.span("what"))
    if _score_like(number) and _LEVEL_THEN_NAME.search(clause, _lead(at), at):
        return Decision(Kind.score, "weak", "a result's decimal after a verb of level and the "
                        "name of what it measures (`achieves COMET 0.781`)")
    if _score_like(number) and (level_before(clause, at) or _AS_HIGH_AS.search(
            clause, _lead(at), at)) and not _SETTING_NOUN.search(
            clause, max(0, at - 60), at) and not _in_bare_span(clause, at, number):
        return Decision(Kind.score, "weak", "a result's decimal after a verb or word of level "
                        "(`clarification recall remains 0.333`, `a Jaccard of 0.163`)")
    return None


#: How a level on a 0-1 scale is written (`0.756`, `.469`, `1.00`): two to four decimals,
#: so no version (`SraVaani 1.0`) and no round setting (`0.5`).
_UNIT_SCALE = regex.compile(r"0?\.\d{2,4}|1\.00{1,3}", regex.VERSION1)
#: A span of such levels, or of levels written with two to four decimals on another scale
#: (`0.484-0.508`, `0.91 and 0.94` of `between`, `4.18 to 4.35`).
_LEVEL_END = r"(?:\d{1,2}\.\d{2,4}|\.\d{2,4})"
_LEVEL_SPAN = regex.compile(rf"{_LEVEL_END}\s?(?:-{{1,2}}|–|to|and)\s?{_LEVEL_END}",
                            regex.VERSION1)
#: Before a span, what makes it no level: a bracket right after a value (its interval,
#: `0.227 (0.186-0.262)`), `by` or a difference (a change, `by 0.13-0.17`).
_SPAN_OF_NO_LEVEL = regex.compile(r"(?:\d%?\s?[(\[]|\bby\s|\b(?i:differences?)\s(?:of\s)?)$",
                                  regex.VERSION1)
#: An interval in square brackets (`[0.304, 0.345]`): its ends are no results.
_INTERVAL = regex.compile(r"\[\s?[+-]?\d*\.?\d+,\s?[+-]?\d*\.?\d+\s?\]", regex.VERSION1)


def _unit_scale_level(quantity: Quantity, clause: str, at: int, number: str
                      ) -> Decision | None:
    """A decimal on a 0-1 scale that no other reading takes, or a span of decimals
    (`in the range 0.484-0.508`): abstracts give such numbers for what they measure (`a
    median tail-to-mean ratio of 0.756`, `probe 0.93`), unless a setting is named before
    it, it ends an interval, or a span is an interval or a change (`by 0.13-0.17`)."""
    span = _LEVEL_SPAN.fullmatch(number) and not _SPAN_OF_NO_LEVEL.search(
        clause, _lead(at), at)
    if quantity.signed or not (_UNIT_SCALE.fullmatch(number) or span) or _SETTING_NOUN.search(
            clause, max(0, at - 60), at) or _in_bare_span(clause, at, number) or any(
            hit.start() <= at < hit.end() for hit in _INTERVAL.finditer(
                clause, max(0, at - 24), at + len(number) + 24)):
        return None
    return Decision(Kind.score, "weak", "a decimal on a 0-1 scale that nothing else reads: "
                    "the level of what its clause measures")


def _names_a_level(words: str) -> bool:
    """Whether the words before `of` may name a measure's level: none of them says a
    change, a cost or a speed (`a speedup of 1.5`), or a setting (`a learning rate of`)."""
    return not _SETTING_NOUN.search(words) and all(
        name in ("score", "lower_is_better") for name, _, _ in _cues_in(words))


def _in_bare_span(clause: str, at: int, number: str) -> bool:
    """Whether the number is an end of a bare span (`a gap of 0.064 to 0.151`) that the
    quantity layer left two numbers."""
    return " " not in number and any(hit.start() <= at < hit.end() for hit in _BARE_RANGE.finditer(
        clause, _lead(at), at + len(number) + 12))


#: `human participants (n = 3011)`, `a survey of US adults (n = 678)`: the size of a
#: sample, in brackets right after the plural noun of the items it counts.
_SAMPLE_SIZE = regex.compile(r"\b(?P<noun>[a-z][a-z-]{2,}[^\Wsu]s)\s\([nN]\s?=\s?$",
                             regex.VERSION1)


#: `(+9.7 and +12.8)`, `(+12.5)`: plus-signed numbers alone in brackets, the gains of
#: what the words before them name.
_ASIDE_BEFORE = regex.compile(r"\((?:\+\d[\d.]*(?:,\s?(?:and\s)?|\s(?:and|or|vs\.?)\s))*$",
                              regex.VERSION1)
_ASIDE_AFTER = regex.compile(r"(?:(?:,\s?(?:and\s)?|\s(?:and|or|vs\.?)\s)\+\d[\d.]*)*\)",
                             regex.VERSION1)
#: A symbol of a correlation or an effect size and its `=`: what follows is its value,
#: its sign its direction (`rho = -0.594`, `Spearman rho = +0.991`, `Cohen's d = 3.252`).
_SIGNED_SCORE = regex.compile(r"(?:\b(?:r|rho|tau|d|(?i:Cohen's\sd))|ρ|τ|κ|ω|α)"
                              r"(?:_\{?[\w,]{1,8}\}?)?\s?[=~]\s?"  # `r_{LH} = `, `ω_h ~`
                              r"(?:[+-]?\d[\d.]*\s?[/,]\s?)?$", regex.VERSION1)
#: A name opening a bracket or a list item, right before a number: a benchmark or a
#: metric (`(IFEval 79.9)`, `, BERTScore-F1 81.5`), never a plain word (`The`).
_NAMED_RESULT = regex.compile(r"(?:[(\[]|[,;]\s|\band\s)(?:[A-Z][a-z]*[A-Z\d-][\w-]*|[A-Z]{2,}"
                              r"[\w-]*)\s?:?\s$", regex.VERSION1)
#: A label and a colon opening a bracket or a list item, right before a number (`(Arabic:
#: 0.04, Cyrillic: 0.03)`, `(SPY: 0.643 avg, Gretel: 0.527)`): the values of a list of
#: results (a colon ends the clause, so the sentence is read).
_LABELLED_RESULT = regex.compile(r"(?:[(\[]|[,;]\s)[^\s():,;=<>][^():,;=<>]{0,24}:\s$",
                                 regex.VERSION1)
#: The short name of a metric, then a bound, right before a percentage (`, EL under 6%`).
_ACRONYM_LEVEL = regex.compile(r"(?:^|[(,;]\s?|\b(?:and|with)\s)[A-Z]{2,6}\s(?:below|under|above"
                               r"|over|of|at|(?:is|was|reaches|stays)(?:\s(?:below|under|above"
                               r"|over))?)\s$", regex.VERSION1)
#: A comparison whose other side is named next (`matches the ungated base policy`).
_COMPARED_BEFORE = regex.compile(r"\b(?:match(?:es|ed|ing)?|exceed(?:s|ed|ing)?|outperform"
                                 r"(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|than|versus"
                                 r"|vs\.?|compared\s(?:to|with))\s"
                                 r"(?:[^,;()]{1,50}\s\([\d.,\s]{1,30}\)(?:,\s|\sand\s|,\sand\s))*"
                                 r"[^,;()]{1,50}\s?\($", regex.VERSION1)
#: A bracket holding only two to four decimals (`(0.431, 0.273)`) or one (`(0.233)`).
_SCORES_IN_BRACKET = regex.compile(r"\((?:\d*\.\d+)(?:,\s?\d*\.\d+){0,3}\)", regex.VERSION1)


def _bracket_of_scores(clause: str, at: int, number: str) -> int | None:
    """Where the bracket opens that holds the number among decimals alone (`(0.431,
    0.273)`), if it does."""
    opening = clause.rfind("(", max(0, at - 30), at + 1)
    if opening < 0:
        return None
    found = _SCORES_IN_BRACKET.match(clause, opening)
    return opening + 1 if found and found.end() >= at + len(number) else None


#: A decimal then `versus` right before a number: `5.083 bits-per-byte versus 5.124`, `a
#: score of 3.09 on our benchmark compared with 2.99`; the number is the other side's level.
_DECIMAL_VERSUS = regex.compile(r"\d\.\d+(?:\s[^\d,;()]{0,60}?)?\s"
                                r"(?:versus|vs\.?|compared\s(?:to|with))\s$", regex.VERSION1)
#: A rate named right before a percentage (`same-letter rate 37.3%`, `a rate of 12%`).
_RATE_BEFORE = regex.compile(rf"\brates?\s(?:of\s|=\s?|:\s)?{_QUALIFIER}$", regex.VERSION1)
#: A verb of level, then a metric's coined name (`achieves COMET 0.781`, `reaches an
#: nDCG@10 of 0.52`).
_LEVEL_THEN_NAME = regex.compile(r"\b(?:achiev|reach|obtain|attain|scor|yield|record)\w*\s"
                                 r"(?:an?\s|the\s)?(?:[a-z]+\s)?[A-Za-z]*[A-Z][\w@.-]*\s?(?:of\s|=\s?|:\s)?$",
                                 regex.VERSION1)
#: A verb of result, an article and the name of what is reached, then `of` (`achieves an
#: excellent mean rank of 1.25`, `reaches a per-stock information coefficient of +0.08`,
#: `to a new SOTA of 1.36`): the number is that measure's level, whatever its name.
_RESULT_OF = regex.compile(r"(?:\b(?i:achiev|reach|obtain|attain|yield|record|deliver)\w*\s"
                           r"(?:an?|the)\s|\bto\san?\snew\s)(?P<what>(?:[\w-]+\s){0,4}?[\w-]+)"
                           rf"\s(?:of|=|:)\s{_QUALIFIER}\$?$", regex.VERSION1)
#: A model and its result in brackets, either way round: `(Gemini 3.1 Pro, 77.6)`,
#: `(0.789, GPT-5.2)`.
_NAME_THEN_RESULT = regex.compile(r"\((?:[A-Z][\w.+-]*\s?)(?:[\w.+-]+\s?){0,3},\s$", regex.VERSION1)
_RESULT_THEN_NAME = regex.compile(r"\s?,\s?[A-Z][\w.+-]*(?:\s[\w.+-]+){0,3}\)", regex.VERSION1)
#: What closes such an item: the bracket, the next item, or a word that goes on.
_RESULT_CLOSES = regex.compile(r"\s?(?:[)\],;]|\s(?:and|on|vs\.?)\b|\s[a-z]{2,5}[)\],;])",
                               regex.VERSION1)
#: A result, not a version: a number of at least 10 with decimals, or a fraction of 1
#: with two or more decimals (`79.9`, `0.913`).
_SCORE_NUMBER = r"[1-9]\d{1,2}\.\d{1,3}|0?\.\d{2,4}"
_SCORE_LIKE = regex.compile(_SCORE_NUMBER, regex.VERSION1)
#: Two ends of a span of scores (`0.99-1.00`, `0.71 to 0.83`).
_SCORE_SPAN = regex.compile(rf"(?:{_SCORE_NUMBER})\s?(?:-{{1,2}}|–|to)\s?(?:{_SCORE_NUMBER}|1\.0+)",
                            regex.VERSION1)


def _score_like(number: str) -> bool:
    """Whether a bare number is written as scores are (`65.08`, `0.634`), or is a span of
    two such (`0.99-1.00`)."""
    return bool(_SCORE_LIKE.fullmatch(number) or _SCORE_SPAN.fullmatch(number))
#: `a gap of 0.064 to 0.151`: two bare decimals joined by `to` with no `from` before
#: them, a span of values none of which is a result alone.
_BARE_RANGE = regex.compile(r"(?<!\bfrom\s)(?<![\d.])\d*\.\d+\$?\sto\s\$?\d*\.\d+(?!\.?\d)",
                            regex.VERSION1)
#: `4.0 out of 5.0`, `8.2/10`: a rating and the top of its scale.
_OUT_OF = regex.compile(r"\s?(?:out\sof\s|/)(?:5|7|10|100)(?:\.0)?\b", regex.VERSION1)
#: `correlations as high as 0.75`: a bound on a level.
_AS_HIGH_AS = regex.compile(r"\bas\s(?:high|low)\sas\s$", regex.VERSION1)
#: Settings written with a level word (`a learning rate of 0.001`, `temperature at 0.7`).
_SETTING_NOUN = regex.compile(r"(?i:learning\srate|\blr\b|temperature|dropout|threshold|"
                              r"weight\sdecay|momentum|top-p|nucleus|margin|\bseed|\balpha"
                              r"|\bbeta|\bgamma|\blambda|\bepsilon|α|β|γ|λ|ε|\bp\s?[<=])",
                              regex.VERSION1)
#: A name right before a number: `Qwen 2.5-72B` is a version and a size, not a range.
_NAME_BEFORE = regex.compile(r"[A-Z][\w.-]*\s$", regex.VERSION1)
#: `7-8B`, `7--10B`: a range of model sizes, the magnitude written once.
_SIZE_RANGE = regex.compile(r"\d+(?:\.\d+)?\s?(?:-{1,2}|to)\s?\d+(?:\.\d+)?B", regex.VERSION1)
#: `+0.157`, `-0.0375`: a signed change on a 0-1 scale.
_SIGNED_FRACTION = regex.compile(r"[+-]0\.\d+", regex.VERSION1)
#: `the paired gain over the strongest baseline is +0.028`: a noun of change, its verb.
_GAIN_IS = regex.compile(r"(?i:\b(?:gains?|improvements?|increases?|boosts?|lifts?|deltas?|"
                         r"differences?)\b"
                         r"[^,;.]{0,50}?\b(?:is|was|of|reaches|reached)\s$)", regex.VERSION1)

#: What a plus-signed number is compared with, right after it (`+1.81 over`, `+11.0
#: versus`, `+6.1 compared to`): the number is the difference.
_COMPARED_AFTER = regex.compile(r"\s?(?:points?\s|pp\s)?(?:over|versus|vs\.?|compared\s(?:to|with)"
                                r"|relative\sto|against)\b", regex.VERSION1)
#: A symbol of change and its `=` right before a signed number (`Delta = -0.002`,
#: `Δ loss = -0.04`).
_DELTA_IS = regex.compile(r"(?:\bDelta|Δ)\s?(?:[A-Za-z][\w-]{0,15}\s?)?[=:]\s?$", regex.VERSION1)

#: Right before an end of a change: `from 0.42 to`, `0.205 ->`.
_FROM_OR_TO = regex.compile(r"(?:\bfrom|\d\sto|\d\s?(?:->|→))\s?$", regex.VERSION1)

#: A verb of change, what changed, and `from` (with the first level, for the second):
#: `lowered the average step count from `, `distinct answers fall from 52 to `.
_CHANGED_FROM = regex.compile(
    r"(?P<before>(?:[\w-]+\s){1,2})?(?i:\b(?:increas|decreas|reduc|lower|rais|rose|rise|rising"
    r"|fell|fall|drop|declin|grow|grew|improv|shr[ai]nk|climb|jump|cut)\w*\s"
    r"(?P<what>(?:[\w@^-]+\s){0,5}?)from\s(?:\d[\d.,]*\s?(?:to|->|→)\s?)?)$", regex.VERSION1)

#: The last word of what changed when it counts things: a plural noun (`outcomes`), or
#: a word of count (`average step count`: steps; `candidate budget`: candidates).
_COUNTED_HEAD = regex.compile(r"(?:(?P<noun>[a-z]{3,}s)|(?:(?P<of>[a-z]{3,})\s)?(?:count|budget)"
                              r"|number|length|size)$", regex.VERSION1)
#: A number slashed to others (`22/1/4`): one of a tuple of counts, no level of its own.
_SLASHED = regex.compile(r"/\d", regex.VERSION1)
#: Where what changed is measured, after its name (`macro-F1 on oracle-eligible examples`).
_PLACE_AFTER = regex.compile(r"\s(?:on|in|for|across|with|at|under|over|by)\s.*$", regex.VERSION1)
_ARTICLE_BEFORE = regex.compile(r"^(?i:the|a|an|its|their|our)\s", regex.VERSION1)
#: How a level changed, never what changed (`falls only from`, `dropped sharply from`).
_ADVERB = regex.compile(r"(?<![\w-])(?:only|just|further|still|even|also|[a-z]{3,}ly)(?:\s|$)",
                        regex.VERSION1)

_TO_NEXT = regex.compile(r"\s?(?:to|->|→)\s?[+-]?\d", regex.VERSION1)

#: `at CFG = 4.5`, `with alpha = 0.05`, `at Jaccard >= 0.7`: a name set to a value, or a
#: threshold, is a setting, not a result.
_SETTING = regex.compile(r"\b(?:at|with|using|under|when|where)\s(?:(?P<name>[A-Za-z][\w-]*)\s?[=:]"
                         r"|(?:[A-Za-z][\w-]*\s?)?[<>]=?)\s?$", regex.VERSION1)


def _names_a_score(name: str | None) -> bool:
    """Whether the name a value is set equal to is a score's (`AUC`), a result, not a
    setting (`CFG`, `LR`)."""
    return name is not None and any(_objects()[kind].fullmatch(name)
                                    for kind in ("score", "lower_is_better"))


#: The rest of a list of values that closes with `respectively` (`0.95, 0.96, and 0.86
#: respectively`).
_RESPECTIVELY = regex.compile(r"(?:,\s?(?:and\s)?[+-]?\d[\d.]*%?|\s(?:and|or)\s[+-]?\d[\d.]*%?)*"
                              r",?\s(?:\([^()]{1,20}\)\s)?respectively\b", regex.VERSION1)

#: Between a metric and its value: `=`, `>=`, `:`, `of`, `is`, `approx`, or nothing; past
#: the cutoff the metric's name may write (`mAP@0.5:0.95 =`).
_METRIC_LINK = regex.compile(r"(?:@[\d.]+(?::[\d.]+)?)?\)?\s?(?:[=:≈<>(]|>=|<=|\bof|\bfrom|\bbelow"
                             r"|\babove|\bunder|\bis|\bwas|\bwere|\bare|\breached|\bapprox\.?"
                             r"|\bof\sabout|\branges?\sfrom|\branging\sfrom|\bremain(?:s|ed)?(?:\sat)?"
                             r"|\bstay(?:s|ed)?(?:\sat)?|\bstands?\sat|\bstood\sat)?\s?$",
                             regex.VERSION1)


_SPACE = regex.compile(r"\s")  # compiled once: `regex.match` looks a string up each call


def _score_beside(clause: str, at: int, length: int, linked_only: bool = False) -> bool:
    """Whether a score word (either direction) ends right before the number (past `=`,
    `of`, a closing bracket) or starts right after it; `linked_only` (a whole number,
    which may count or name things): only before it, and past a word or sign that links
    the two (`FID scores below 15`, `kappa = 1`)."""
    for score in (_objects()["score"], _objects()["lower_is_better"]):
        for found in score.finditer(clause, max(0, at - 24), at):
            link = _METRIC_LINK.fullmatch(clause, found.end(), at)
            if link and not (linked_only and not link.group().strip(" )")):
                return True
        if not linked_only and _SPACE.match(clause[at + length:at + length + 1]) and \
                score.match(clause, at + length + 1):
            return True
    return False


#: A few words and no punctuation: what stands between an amount and the metric it is.
_FEW_WORDS = regex.compile(r"(?:\s(?!(?:with|of|for|at|in|on|by|and|or|a|an|the)\b)"
                           r"[A-Za-z][\w-]*){0,4}\s", regex.VERSION1)


def _metric_follows(clause: str, position: int) -> bool:
    """Whether a score word closes the few words after `position` (`liquid water content
    MAE`)."""
    for score in (_objects()["score"], _objects()["lower_is_better"]):
        found = score.search(clause, position, min(len(clause), position + 48))
        if found is not None and _FEW_WORDS.fullmatch(clause, position, found.start()):
            return True
    return False


@cache
def _bit_cues() -> regex.Pattern:
    return _compiled(_lexicon()["bits"])


def _bits(clause: str) -> Decision:
    """A bit-width is a compression claim beside what is quantized, else a description."""
    if _bit_cues().search(clause):
        return Decision(Kind.compression, "cue", "a bit-width beside what is quantized",
                        metric="bit-width")
    return Decision(None, "", "a bit-width with nothing quantized named beside it")


#: A collection a count sizes (`a 59-task real-device subset`, `a 2,000-game pool`).
_COLLECTION = regex.compile(r"\s(?:[\w-]+\s){0,2}?(?:(?:test|train|training|evaluation|"
                            r"validation|dev|held-out)\s)?(?i:set|subset|benchmark|pool|suite|"
                            r"evaluation|split|dataset|corpus|collection)\b", regex.VERSION1)

#: What a count right after it sizes: a collection of it (`a benchmark of 30 real texts`,
#: `a dataset of over 2,100 narrations`) or what holds it (`Telco-GAIA comprises 100
#: tasks`, `It contains 72 tasks`), or a sample size (`N=45 adversarial probes`).
_COLLECTION_BEFORE = regex.compile(
    r"(?:\b(?i:benchmark|dataset|corpus|suite|collection|bank)s?\s(?:of|with)\s"
    r"|\b(?:compris(?:es|ing)|contain(?:s|ing)|consist(?:s|ing)\sof|totals?|totall?ing)\s"
    rf"|\b[nN]\s?=\s?){_QUALIFIER}$", regex.VERSION1)


#: A counted noun hyphenated to its number, an adjective (`half-decade`, `one-billion-word`).
_HYPHENATED_NOUN = regex.compile(r"-[A-Za-z]+$", regex.VERSION1)
#: A year as written: four plain digits, no thousands separator.
_PLAIN_YEAR = regex.compile(r"\d{4}(?![\d,.])", regex.VERSION1)


def _counted(quantity: Quantity, sizes_a_collection: bool) -> Decision:
    """A count of things: a claim when it sizes data or a collection, or is a headline
    figure; a count of kinds (`12 tasks`) or a small count is a description."""
    if sizes_a_collection and not quantity.spelled:
        return Decision(Kind.quantity, "cue", f"the size of a collection, in {quantity.unit}")
    if is_category(quantity.unit) and (quantity.spelled or quantity.value < _category_scale(
            quantity.unit)):
        return Decision(None, "", f"a count of {quantity.unit}: categories are not claims")
    if quantity.value.is_integer() and 1900 <= quantity.value <= 2100 and \
            _PLAIN_YEAR.match(quantity.text):  # `1,951 figures` is no year
        return Decision(None, "", "a year-like number before a noun (`2015 competitions`)")
    if quantity.spelled and quantity.value < 10 and not (
            quantity.value >= 3 and _repeats().fullmatch(quantity.unit)):
        return Decision(None, "", f"a small count in words of {quantity.unit}")
    if _data().fullmatch(quantity.unit) and quantity.value >= 2:
        return Decision(Kind.quantity, "cue", f"a count of {quantity.unit}")
    if quantity.value >= _lexicon()["headline"] and not (
            quantity.spelled and _HYPHENATED_NOUN.search(quantity.text)):
        # `six thousand notes` as much as `6,000 notes`; not `a one-billion-word corpus`
        return Decision(Kind.quantity, "weak", f"a headline count of {quantity.unit}")
    if quantity.value_max is not None and not quantity.spelled and quantity.unit.endswith(
            "s") and quantity.value.is_integer() and quantity.value_max.is_integer():
        # a plural noun counted whole: not `4-8-step generation` nor `12/81 to 21/81 passes`
        return Decision(Kind.quantity, "weak", f"a span of counts of {quantity.unit} (`3-5 "
                        "agents`): the scale a setup or a result covers")
    return Decision(None, "", f"a small count of {quantity.unit}: a description, not a result")


#: Thousands written with a K (`128K`).
_THOUSANDS = regex.compile(r"\d[\d.]*[Kk]", regex.VERSION1)
#: A number written in billions with a capital B (`8B`), as model sizes are.
_BILLIONS = regex.compile(r"\d[\d.]*B$", regex.VERSION1)
#: `to 94.5%`, `reaches 70%`, `of 84.6%`, `achieves 12%`: a level, not a change.
_LEVEL = regex.compile(r"(?i:\b(?:to|from|was|were|is|are|reach(?:es|ed|ing)?|of|at"
                       r"|achiev(?:e|es|ed|ing)|attain(?:s|ed)?|scor(?:es|ed|ing)|obtain(?:s|ed)?|with"
                       r"|yield(?:s|ed)?|maintain(?:s|ed|ing)?|retain(?:s|ed|ing)?|keep(?:s|ing)?|kept"
                       r"|preserv(?:es|ed|ing)|versus|vs\.?|against|compared\s(?:with|to)|win(?:s|ning)?|won)"
                       r"\s(?:an?\s(?:[a-z]+\s)?|the\s[\w-]+(?:'s|’s)\s)?"
                       rf"(?:above\s|below\s|under\s)?{_QUALIFIER})$", regex.VERSION1)


@cache
def _cue_words() -> Alternation:
    """Every object and direction as one pattern, a named group each: one pass over a
    clause finds them all (with the groups that may match in it only)."""
    groups = [*_object_patterns().items(), ("up", _lexicon()["up"]),
              ("down", _lexicon()["down"])]
    return Alternation(groups, "(?i:\\b(?:{}))")


@lru_cache(maxsize=256)
def _cues_in(clause: str) -> tuple[tuple[str, int, int], ...]:
    """(object or direction, start, end) of every cue word in a clause."""
    return tuple((found.lastgroup, *found.span()) for found in _cue_words().finditer(clause))


#: A number of its own (`8x`, `30%`, `12`), not a digit inside a name (`GPT-4`, `3D`).
_OTHER_NUMBER = regex.compile(r"(?<![\w.-])\d[\d,.]*(?:\s?(?:%|\\%|x\b|×)|(?![\w-]))",
                              regex.VERSION1)


#: What joins the items of a list of numbers (`up to 1.74x and 2.00x ... speedup`).
_LIST_JOIN = regex.compile(r"\)?(?:,\s?(?:and\s|or\s)?|\s(?:and|or|to)\s|\s?/\s?)(?:\$\s?)?",
                           regex.VERSION1)


def _past_another(clause: str, after: int, start: int) -> bool:
    """Whether a number of its own stands between a number's words and a cue word, other
    than the next item of its list."""
    other = _OTHER_NUMBER.search(clause, after, start)
    return other is not None and not _LIST_JOIN.fullmatch(clause, after, other.start())


def _distances(clause: str, at: int, after: int | None = None
               ) -> dict[str, tuple[int, int, int]]:
    """The nearest cue word of each name: (distance from the number, start, end). Given
    where the number's words end (`after`), a word past another number is that number's
    (`90% lower Chamfer Distance and an 8x speedup`: `speedup` is the 8x's)."""
    nearest: dict[str, tuple[int, int, int]] = {}
    for name, start, end in _cues_in(clause):
        if after is not None and start >= after and _past_another(clause, after, start):
            continue
        distance = abs(start - at if start >= at else at - end)
        if name not in nearest or distance < nearest[name][0]:
            nearest[name] = (distance, start, end)
    return nearest


#: Spending a share of a cost (`using only 28.5% of computations`, `at about 85% of the
#: inference cost`): a cut the guidelines keep as written (`reduces compute to 64%`).
_SPENDS = regex.compile(r"\b(?:using|uses?|at|requir(?:es|ing)|needs?|needing|consum(?:es|ing)"
                        r"|spend(?:s|ing)?)\s(?:only\s|just\s|about\s|roughly\s"
                        r"|approximately\s|~)?$", regex.VERSION1)
#: `of the ... gain`: the share of a result, not of a cost.
_LEVEL_SHARE = regex.compile(r"\sof\s(?:the\s)?(?:[\w-]+\s){0,3}(?:gains?|improvements?|"
                             r"performance|speedups?|quality)\b", regex.VERSION1)
#: Pruning cuts what it prunes (`pruning up to 77.8% of visual tokens`), though the word
#: names compression as an object too.
_PRUNES = regex.compile(r"(?i:\bprun(?:e|es|ed|ing)\b)", regex.VERSION1)


def _before(quantity: Quantity, at: int) -> int:
    """Where a quantity's words start, its number being at `at` (`by a factor of 2`:
    the mark before the number is the quantity's)."""
    return at - (quantity.number_span[0] - quantity.span[0])


def _after(quantity: Quantity, at: int) -> int:
    """Where the words after a quantity start, its number being at `at` (an end of a
    `from A to B` range is a quantity of its own span, its text still the range's)."""
    return at + quantity.span[1] - quantity.number_span[0]


def _by_cue(quantity: Quantity, clause: str, at: int, sentence: tuple[str, int] | None
            ) -> Decision:
    """What the nearest measured thing in the clause, the direction words and the shape
    of the number (a change or a level) say."""
    setting = _setting_share().match(clause, _after(quantity, at))
    if quantity.unit == "%" and not quantity.signed and _setting_before().search(
            clause, _lead(at), at):
        return Decision(Kind.quantity, "cue", "a share set for the experiment, named before "
                        "it (`noise levels up to 40%`, `label budgets from 1% to 10%`)")
    if quantity.unit == "%" and not quantity.signed and setting and not any(
            _objects()[name].search(setting.group()) for name in ("score", "lower_is_better")
    ) and not _REACHES.search(clause, _lead(at), at):
        return Decision(Kind.quantity, "cue", "a share set for the experiment (`under 10% "
                        "symmetric label noise`, `on 0.040% of pixels`, `a 30% masking ratio`)",
                        metric_span=setting.span("what"))
    if quantity.unit == "%" and not quantity.signed and _HOW_OFTEN.match(
            clause, _after(quantity, at)) and not change_before(clause, _lead(at), at):
        return Decision(Kind.score, "cue", "how often, or how much variance is explained "
                        "(`78% of the time`, `2% of variance`): a level")
    bracketed = _bracketed_alone(clause, at, quantity)
    if bracketed and _COUNT_SHARE.search(clause, _lead(at), at):
        return Decision(Kind.quantity, "cue", "the share of the whole a count stands for, in "
                        "brackets after it (`1,103 examples (72.6%)`), not a rate of it "
                        "(`2 of 9 patterns (22%)`)")
    after = _past_list(clause, _after(quantity, at))
    change = _DIFFERENCE_OF.search(clause, _lead(at), _before(quantity, at)) is not None or \
        not bracketed and (
        quantity.signed or quantity.unit == "x"
        or change_before(clause, _lead(at), at) and not _change_ends_at(clause, at, quantity)
        or bool(_CHANGE_AFTER.match(clause, after))
        or bool(_OVER_BASELINE.match(clause, _after(quantity, at)))
        or continues_a_change(sentence[0] if sentence else clause,
                              at + (sentence[1] if sentence else 0)))
    level = bracketed or (not change and level_before(clause, at))
    lost = _FALL.search(clause, _lead(at), at) is not None  # `lose 2x more`
    distances = _distances(clause, at, _after(quantity, at))
    up, down = (None if (d := distances.pop(name, None)) is None else d[0]
                for name in ("up", "down"))
    named = _named_after(clause, at, quantity)
    if not named and (fewer := _factor_fewer(clause, at, quantity)):
        return fewer
    found = named or _on_a_name(clause, at, quantity, distances) or distances
    if not found and (fewer := _percent_fewer(clause, at, quantity)):
        return fewer
    if change and len(found) > 1:
        found.pop("score", None)  # a change names what it changes before a score word
    if not found:
        if level and quantity.unit == "%":
            return Decision(Kind.score, "weak", "a level in percent with nothing else named")
        if change and _GAIN_NOUN_AFTER.match(clause, _after(quantity, at)):
            return Decision(Kind.improvement, "weak", "a gain it names itself (`an 8.4x "
                            "parameter-to-compute advantage`)")
        if quantity.unit == "%" and not change and (_ACRONYM_LEVEL.search(
                clause, _lead(at), _before(quantity, at)) or _RATE_BEFORE.search(
                clause, _lead(at), _before(quantity, at))):
            return Decision(Kind.score, "weak", "a level in percent right after the name of "
                            "what it measures (`ETD below 8%`, `same-letter rate 37.3%`)")
        if change and _WORSE_AFTER.match(clause, after):
            return Decision(Kind.improvement, "weak", "a change its own words call worse, of "
                            "nothing named (`6.0% and 7.7% worse than two controls`): a loss",
                            sign=-1)
        if quantity.unit == "x" and up is not None and (down is None or up <= down) and \
                names_a_system(clause[_lead(at):at]):
            return Decision(Kind.speedup, "weak", "a factor over software named before it "
                            "(`outperform PyTorch eager mode, reaching 1.52x`): a speedup")
        cut = _FACTOR_CUT.match(clause, _after(quantity, at)) if quantity.unit == "x" else None
        if cut:
            return Decision(Kind.reduction, "cue", "a factor its noun of reduction follows, "
                            "of what the words between name (`a 16.22x step reduction`)",
                            metric_span=cut.span("m") if cut["m"] else None)
        by = by_before(clause, _lead(at), _before(quantity, at))
        return (_share(clause, at, quantity) or _level_named_after(clause, at, quantity, change)
                or _unnamed_drop(clause, at, change)
                or _uncosted_cut(clause, at, quantity, up, down, by)
                or _by_direction(quantity, up, down, level, lost, by)
                or _unnamed_level(quantity, up, down, change or by) or _nothing_named(quantity))
    name = min(found, key=lambda n: (found[n][0], list(_objects()).index(n)))
    kind = _object_kind(name, change, quantity.unit)
    if kind is None:
        return _share(clause, at, quantity) or _by_direction(
            quantity, up, down, level, lost) or _nothing_named(quantity)
    distance, start, end = found[name]
    if level and quantity.unit == "%" and kind in (Kind.reduction, Kind.compression) and \
            distance > _lexicon()["near"]:
        return Decision(Kind.score, "weak", "a level in percent far from any cost it could cut")
    if distance > _lexicon()["near"] and (drop := _unnamed_drop(clause, at, change)):
        return drop
    gain = _GAIN_NOUN_BEFORE.search(clause, _lead(at), at)
    if distance > _lexicon()["near"] and kind is not Kind.improvement and (
            _GAIN_NOUN_AFTER.match(clause, _after(quantity, at)) or gain):
        return Decision(Kind.improvement, "weak", "a gain it names itself, far from any cost "
                        "(`a 9.0-point improvement on held-out instances`)")
    if kind is Kind.improvement and clause[start:end].casefold() == "performance" and \
            names_a_system(clause[_lead(at):at]):
        return Decision(Kind.speedup, "weak", "performance gained over software named before "
                        "it (`surpasses ... frameworks, such as PyTorch JIT, by 87%`): speed")
    if kind in (Kind.reduction, Kind.compression) and gain and end < gain.start() - 1 and \
            not named:
        return Decision(Kind.improvement, "weak", "a gain it names itself, of no cost named "
                        "right before it (`tokens, with absolute gains of up to 4.7%`)")
    if name == "reduction" and down is None and not change and quantity.unit == "%" and \
            _SPENDS.search(clause, _lead(at), at) and not _of_the_model(clause, at, quantity):
        return Decision(Kind.reduction, "cue", f"the share of {clause[start:end]} it spends "
                        "(`using only 28.5% of computations`): a cut, as written",
                        metric_span=(start, end))
    if name == "reduction" and down is None and not change and not _PRUNES.search(clause):
        if level and quantity.unit == "%" and _LEVEL_SHARE.match(clause, _after(quantity, at)):
            return Decision(Kind.score, "weak", "the share of a result it reaches (`reaches 97.5 "
                            "percent of the median TTFT gain`)")
        return _share(clause, at, quantity) or _level_named_after(
            clause, at, quantity, change) or Decision(
            None, "", f"a share of {clause[start:end]} that nothing cuts")
    if name == "capacity" and (up is None or (down is not None and down < up)):
        kind = Kind.reduction  # `reduces bandwidth by 40%`; `improves bandwidth by 20%` stays
    confidence = "cue" if distance <= _lexicon()["near"] else "weak"
    near = _own_words(clause, min(start, at), max(end, _after(quantity, at)))
    return Decision(kind, confidence, f"it measures {name.replace('_', ' ')} ({kind.value})",
                    metric_span=(start, end),
                    sign=-1 if not quantity.signed and _worse(kind, near, down) else 1)


#: The later items of a list of values in one unit (`6.0% and 7.7%`): what follows the
#: list is said of each of them (`6.0% and 7.7% worse than two controls`).
_LIST_TAIL = regex.compile(r"(?:(?:,\s?(?:and\s|or\s)?|\s(?:and|or)\s)[+-]?\d[\d.]*\s?"
                           r"(?:%|\\%|x\b|×))+", regex.VERSION1)
#: `worse` or `below` right after a change: a loss.
_WORSE_AFTER = regex.compile(r"\s?(?i:worse|below)\b", regex.VERSION1)


def _past_list(clause: str, position: int) -> int:
    """Where the list a value opens ends (`position` itself when it opens none)."""
    tail = _LIST_TAIL.match(clause, position)
    return tail.end() if tail else position


#: The number that ends a stretch of text.
_LAST_NUMBER = regex.compile(r"[+-]?[\d.]+$", regex.VERSION1)
#: The item before a number in a list of values on names or in metrics (`12% improvement
#: on GPQA, `, `by 76% on Gemma 3 12B and `, `by 6.42% in Micro-F1 and `, `by up to 1.68 dB
#: over 3DGS and up to `): its amount, past the words up to `on`, `in` or `over`.
_ITEM_BEFORE = regex.compile(r"\d(?:%|\s?(?:dB|x|×|pp|points?))(?:\s[\w-]+){0,2}?\s(?:on|in|over)"
                             rf"\s[^,;%]{{1,40}}?,?\s(?:and\s)?{_QUALIFIER}$", regex.VERSION1)


def continues_a_change(text: str, at: int) -> bool:
    """Whether the number at `at` is a later item of a list whose items are changes on
    names (`by 76% on A and 64% on B`): the first item says so for all."""
    return change_list_head(text, at) is not None


def change_list_head(text: str, at: int) -> int | None:
    """Where the first number of the list of changes on names that the number at `at`
    continues starts, if it continues one: the words before it name the change for all."""
    for _ in range(4):
        item = _ITEM_BEFORE.search(text, max(0, at - 80), at)
        if item is None:
            return None
        number = _LAST_NUMBER.search(text, max(0, item.start() - 12), item.start() + 1)
        if number is None:
            return None
        at = number.start()
        if change_before(text, _lead(at), at) or _CHANGE_AFTER.match(text, item.start() + 2):
            return at
    return None


#: `56.3% on WebArena`: a percentage on a named benchmark or model.
_ON_NAME = regex.compile(r"\son\s(?:the\s)?[A-Z]", regex.VERSION1)


def _on_a_name(clause: str, at: int, quantity: Quantity,
               distances: dict[str, tuple[int, int, int]]) -> dict[str, tuple[int, int, int]]:
    """A percentage or points on a name (`56.3% on WebArena`) measures a score there,
    unless something measured is named close by."""
    if quantity.unit not in ("%", "points") or any(
            d[0] <= _lexicon()["near"] for d in distances.values()):
        return {}
    after = _after(quantity, at)
    found = _ON_NAME.match(clause, after)
    return {} if found is None else {"score": (0, found.end() - 1, found.end() - 1)}


def _bracketed_alone(clause: str, at: int, quantity: Quantity) -> bool:
    """`the baseline it replaced (72.7%)`, `2 of 9 patterns (22%)`: an unsigned
    percentage alone in brackets is the level of what stands before it."""
    return quantity.unit == "%" and not quantity.signed and clause[max(0, at - 1):at] == "(" \
        and clause[_after(quantity, at):_after(quantity, at) + 1] == ")"


#: A count of a plural noun right before a bracket (`3,838 posts (`), not the part of a
#: whole (`95 of the 98 prompts (`, `2 of 9 patterns (`).
_COUNT_SHARE = regex.compile(r"(?<!\bof\s(?:(?:the|all)\s)?)(?<![\d.,])\d[\d,{}]*\s"
                             r"(?:[a-z][\w-]*\s){0,2}?[a-z][\w-]*[^s\W]s\s\($", regex.VERSION1)


#: What joins the items of a list (`, `, ` and `, `; `).
_JOINS = regex.compile(r",\s|;\s|\sand\s", regex.VERSION1)


def _own_words(clause: str, start: int, end: int) -> str:
    """A change's own words: up to 20 characters around it, not past another number nor
    back past the join of a list (`2.5 dB higher PSNR and 40% lower LPIPS`: `lower LPIPS`
    is the 40%'s, `higher PSNR` the 2.5 dB's)."""
    left, right = max(0, start - 20), end + 20
    after = _OTHER_NUMBER.search(clause, end, right)
    joins = [join.end() for join in _JOINS.finditer(clause, left, start)]
    return clause[joins[-1] if joins else left:after.start() if after else right]


def _worse(kind: Kind, near: str, down: int | None) -> bool:
    """Whether a change's own words make it worse: a drop in a quality, a slowdown, more
    of a cost (`10x more DRAM footprint`, `inflate latency by 83x`, `at 5x the cost`)."""
    if kind is Kind.improvement:
        return worsens(near)
    if kind is Kind.speedup:
        return bool(_SLOWER.search(near))
    return kind in (Kind.compression, Kind.reduction) and (
        down is None and any(not _GAIN_OF_ITS_OWN.match(near, more.end())
                             for more in _MORE.finditer(near))
        or bool(_AT_TIMES_THE.search(near)))


#: What a rise in is no cost: the cut itself (`increasing compression (5--20x`,
#: `greater savings`).
_GAIN_OF_ITS_OWN = regex.compile(r"\s(?:[a-z]+\s)?(?i:compress\w*|reduc\w*|savings?|sparsit\w*)\b",
                                 regex.VERSION1)


@cache
def _systems() -> regex.Pattern:
    return _compiled(_lexicon()["systems"])


def names_a_system(words: str) -> bool:
    """Whether `words` name software that is beaten only in speed (`PyTorch`, `existing
    DNN frameworks`)."""
    return bool(_systems().search(words))


def names_an_object(words: str) -> bool:
    """Whether `words` name anything measured (`throughput`, `accuracy`)."""
    return any(name not in ("up", "down") for name, _, _ in _cues_in(words))


def changed_kind(words: str, at: int, sign: int) -> tuple[Kind, int] | None:
    """The kind a rule's stated change takes from what it changes, named in the rule's
    own `words` (its number at `at`, its sign `sign`): `improves throughput by 2x` is a
    speedup, `makespan improves by 35%` a reduction, `10x more DRAM footprint` a negative
    compression. A change of a quality stays an improvement (None)."""
    distances = _distances(words, at)
    down = distances.pop("down", None)
    distances.pop("up", None)
    if not distances:
        return None
    name = min(distances, key=lambda n: (distances[n][0], list(_objects()).index(n)))
    if name not in ("speedup", "compression", "reduction"):
        return None
    kind = Kind(name)
    if kind is Kind.speedup:
        return kind, -sign if _worse(kind, words, None) else sign
    if not _worse(kind, words, None if down is None else down[0]):
        return kind, 1
    start, end = distances[name][1:]
    return None if _SCALE.fullmatch(words, start, end) else (kind, -1)


def _named_after(clause: str, at: int, quantity: Quantity) -> dict[str, tuple[int, int, int]]:
    """The measured thing written right after the number with `in` (`2.8% in MSE`): it
    wins over any nearer word before the number."""
    after = _after(quantity, at)
    for found in (_IN_OBJECT.match(clause, after), _NEXT_WORD.match(clause, after),
                  _PAST_TWO.match(clause, after), _IN_PAST_WORDS.match(clause, after)):
        named = {} if found is None else {
            name: (0, *hit.span()) for name, pattern in _objects().items()
            if (hit := pattern.match(clause, found.end()))}
        if named:
            return named
    return {}


@cache
def metric_head() -> regex.Pattern:
    """A word after what is measured that belongs to its name (`costs` in `compute costs`)."""
    return regex.compile(rf"\s(?i:{_lexicon()['metric_heads']})\b", regex.VERSION1)


@cache
def _metric_words() -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((name, _compiled(pattern)) for name, pattern in
                 _lexicon()["metric_words"].items())


def _metric_named(clause: str, at: int) -> tuple[str, tuple[int, int]] | None:
    """The metric a clause names for a number its unit decided, nearest first, with the
    words that name it."""
    found = [(abs(hit.start() - at), name, hit.span()) for name, pattern in _metric_words()
             for hit in pattern.finditer(clause)]
    return min(found)[1:] if found else None


#: What a level in percent of each measured thing is (`6% violation rate`: a score).
_LEVEL_KIND = {"score": Kind.score, "lower_is_better": Kind.score,
               "efficiency": Kind.efficiency}


#: Units a level is written in, as well as a change: a share, and decibels of a signal
#: (`peak signal-to-noise ratio (PSNR) of 18.41 dB`).
_LEVEL_UNITS = ("%", "dB")


def _object_kind(name: str, change: bool, unit: str) -> Kind | None:
    if name in _LEVEL_KIND:
        if change:
            return Kind.improvement
        return _LEVEL_KIND[name] if unit in _LEVEL_UNITS else None
    if name == "capacity":
        return Kind.improvement if change else None
    return {"speedup": Kind.speedup, "compression": Kind.compression,
            "reduction": Kind.reduction}[name]


#: What a percentage right before it is a share of: `1% of the labels`, `0.5% trainable
#: parameters`, `a 30% masking ratio`, `10% symmetric label noise`.
_SHARE = regex.compile(r"\s(?:of\s(?:(?:the|all|its|their|our|these|those|total)\s)?)?"
                       r"(?P<what>(?:[A-Za-z][\w-]*\s){0,2}?(?:[A-Za-z][\w-]*[^suix\W]s|"
                       r"[A-Za-z][\w-]*\s(?:set|data|output|corpus|budget|ratio|noise|rate)))\b"
                       r"(?<!\b(?:this|thus|does|has|was|its|less|across|times))",
                       regex.VERSION1)


def _share(clause: str, at: int, quantity: Quantity) -> Decision | None:
    """A percentage of something that is neither cut nor a quality is a quantity (the
    guidelines: `0.5% trainable parameters`)."""
    if quantity.unit != "%" or quantity.signed:
        return None
    share = _SHARE.match(clause, _after(quantity, at)) or _SHARE_OF.match(
        clause, _after(quantity, at))
    if share is None or _STOP_WORDS.search(share.group("what")) or _COMPARED_AMOUNT.match(
            share.group("what")):
        return None
    if clause[share.start():share.start() + 4] == " of " and not _MODEL_PARTS.search(
            share.group("what")) and (_IN_SHARE.search(clause, _lead(at), at)
                                      or _ACTS_AFTER.match(clause, share.end())
                                      or _SOLVES.search(clause, _lead(at), at)
                                      or _EVALUATED.search(share.group("what"))):
        return Decision(Kind.score, "weak", f"how often {share.group('what')} do something "
                        "(`61% of responses de-escalate`, `in 42.4% of responses`): a rate",
                        metric_span=share.span("what"))
    return Decision(Kind.quantity, "weak", f"a share of {share.group('what')}",
                    metric_span=share.span("what"))


def _of_the_model(clause: str, at: int, quantity: Quantity) -> bool:
    """Whether a percentage is of the parts of a model (`uses 52.5% of experts`): a
    share of the model, not of a cost it spends."""
    share = _SHARE_OF.match(clause, _after(quantity, at))
    return bool(share and _MODEL_PARTS.search(share.group("what")))


#: The parts of a model a share counts, whatever they do (`99.9% of values are
#: multiplied in 8-bit`): a share of the model, never a rate.
_MODEL_PARTS = regex.compile(r"(?i:\b(?:values|parameters|weights|activations|tokens|neurons"
                             r"|layers|channels|experts|heads|elements|entries)$)", regex.VERSION1)
#: What an evaluation counts its outcomes over (`on 99.8% of tasks`, `in 73.9% of cases`):
#: a share of them is how often the result holds, a rate.
_EVALUATED = regex.compile(r"(?i:\b(?:tasks|cases|games|trials|episodes|problems|items|"
                           r"scenarios|runs|conversations|responses|attempts|puzzles|"
                           r"benchmarks|configurations|settings|instances)$)", regex.VERSION1)
#: `preferred in 61.6% of decisive judgments`: the share of cases where something holds.
_IN_SHARE = regex.compile(rf"\bin\s{_QUALIFIER}$", regex.VERSION1)
#: A verb of a result right before the share it reaches (`reconstructs 74.9% of the
#: observed steps`, `blocks 100% of ungrounded outputs`): the share is a rate.
_SOLVES = regex.compile(r"\b(?:reconstruct|cover|block|resolve|solve|recover|catch|detect"
                        r"|identif(?:y|ie)|flag|answer|complete|pass|fix|correct|locate|retrieve"
                        r"|reproduce|verif(?:y|ie)|classif(?:y|ie)|predict)(?:s|es|ed|d)?\s"
                        rf"(?:on\s|in\s)?{_QUALIFIER}$", regex.VERSION1)
#: A verb right after the items a share is of (`of responses de-escalate`, `of images are
#: flagged`): the share is of the items that do it.
_ACTS_AFTER = regex.compile(r"\s(?!(?:of|to|in|on|for|and|or|with|by|at|from|than|over|per|as"
                            r"|while|which|that|when|where|without|across|via|into|the|a|an)\b)"
                            r"[a-z][a-z-]+\b(?!\s(?:of|and|or)\b)", regex.VERSION1)


#: `90% of per-query latency`: what `of` makes it a share of, a mass noun too.
_SHARE_OF = regex.compile(r"\sof\s(?:(?:the|all|its|their|our|total)\s)?"
                          r"(?P<what>(?:[a-z][\w-]*\s){0,2}?[A-Za-z][\w-]*)(?=[,.;:)]|\s(?:and|or"
                          r"|for|in|on|with|at|while|when|across|compared)\b)", regex.VERSION1)

#: A comparative opening what follows a percentage (`13.7% fewer document vectors`): a
#: change in how many, no share of them.
_COMPARED_AMOUNT = regex.compile(r"(?i:fewer|less|more|lower|higher|smaller|larger)\b",
                                 regex.VERSION1)
#: Words a share's noun phrase never holds (it ended before them).
_STOP_WORDS = regex.compile(r"\b(?i:and|or|than|with|by|to|in|on|for|from|at|as|over|under|"
                            r"is|are|was|were|be|can|while|which|that)\b", regex.VERSION1)


#: A few words that close a phrase right after a percentage (`60.5% consensus
#: faithfulness,`, `75.3% overall Best@4.`): what the level is of.
_NAMED_LEVEL = regex.compile(r"\s(?!(?:of|to|in|on|for|and|or|with|by|at|from|than|over|the"
                             r"|a|an|is|are|was|were|while|which|that|as|vs)\b)"
                             r"[A-Za-z][\w@-]*(?:\s(?!(?:of|to|in|on|for|and|or|with|by|at|from"
                             r"|than|over|while|which|that|as)\b)[A-Za-z][\w@-]*){0,2}"
                             r"(?=[,.;:)]|\s(?:and|or|on|in|with|for|under|while|across|at)\b|$)",
                             regex.VERSION1)


def _level_named_after(clause: str, at: int, quantity: Quantity, change: bool
                       ) -> Decision | None:
    """An unsigned percentage that is no change, its few words after it naming what it
    measures, is a level of that: a score."""
    if quantity.unit != "%" or change or quantity.signed or \
            not _NAMED_LEVEL.match(clause, _after(quantity, at)):
        return None
    return Decision(Kind.score, "weak", "a level of what the words after it name")


#: The rest of a list of amounts closed by a gain noun (`2.0 and 0.4 improvement`).
_LISTED_GAIN = regex.compile(r"(?:,\s?(?:and\s)?|\s(?:and|or)\s)[+-]?\d[\d.]*\s(?i:improvements?"
                             r"|gains?)\b", regex.VERSION1)
#: `9.0-point improvement`, `4% average gains`: a gain named right after the amount.
_GAIN_NOUN_AFTER = regex.compile(r"\s?(?:[\w-]+\s)?(?i:improvements?|gains?|advantages?)\b",
                                 regex.VERSION1)
#: `relative gains of 2.6%`: a gain named right before the amount.
_GAIN_NOUN_BEFORE = regex.compile(rf"(?i:\b(?:gains?|improvements?)\s(?:of\s)?{_QUALIFIER})$",
                                  regex.VERSION1)
#: A noun of a fall right before its amount (`drops of more than 10%`).
_DROP_NOUN = regex.compile(r"(?i:\b(?:drops?|declines?|degradations?|losses)\s(?:of\s)?"
                           rf"{_QUALIFIER})$", regex.VERSION1)


def _unnamed_drop(clause: str, at: int, change: bool) -> Decision | None:
    """A drop with nothing named it is of (`the strongest methods suffering drops of
    more than 10%`) is a loss of quality: a negative improvement."""
    if change and _DROP_NOUN.search(clause, _lead(at), at):
        return Decision(Kind.improvement, "weak", "a drop of something unnamed", sign=-1)
    return None


#: `14x fewer`, `3x smaller`: a factor that a word of less closes.
_FEWER_AFTER = regex.compile(r"\s?(?i:fewer|less|smaller|cheaper)\b", regex.VERSION1)
#: `13.7% fewer`: a percentage fewer is a cut in how many (`less` may be of a quality).
_FEWER_ITEMS = regex.compile(r"\s?(?i:fewer)\b", regex.VERSION1)


def _factor_fewer(clause: str, at: int, quantity: Quantity) -> Decision | None:
    """A factor fewer of something unnamed (`about 14x fewer than comparable systems`)
    is a cut of what the sentence counts: a reduction."""
    if quantity.unit == "x" and _FEWER_AFTER.match(clause, _after(quantity, at)):
        return Decision(Kind.reduction, "weak", "a factor fewer of something unnamed")
    return None


def _percent_fewer(clause: str, at: int, quantity: Quantity) -> Decision | None:
    """A percentage fewer of what no lexicon names (`13.7% fewer document vectors`): a
    cut in how many, a reduction."""
    if quantity.unit == "%" and not quantity.signed and _FEWER_ITEMS.match(
            clause, _after(quantity, at)):
        return Decision(Kind.reduction, "weak", "a percentage fewer of something unnamed")
    return None


def _nothing_named(quantity: Quantity) -> Decision:
    """No claim: no reading of the cue lexicons names what the amount measures."""
    return Decision(None, "", f"nothing measured is named beside this {quantity.unit} value")


def _unnamed_level(quantity: Quantity, up: int | None, down: int | None, change: bool
                   ) -> Decision | None:
    """A percentage or decibels with nothing measured named, no word of change nor
    direction in its clause: the level a result reaches (`rates of ambiguous NL sentences
    (16.4% and 48%)`, `(AP_S: 14.1%)`, `reproduces reference shadows at 30.3 dB`)."""
    if quantity.unit in _LEVEL_UNITS and not quantity.signed and not change and up is None and \
            down is None:
        return Decision(Kind.score, "weak", f"a level in {quantity.unit} of nothing named, "
                        "neither changed nor set: the level a result reaches")
    return None


#: Qualities a cut lowers (`reduces utility by 22.3%`): a loss, not a saving.
_QUALITIES = regex.compile(r"(?i:\b(?:utility|consistency|quality|diversity|fidelity|robustness"
                           r"|coverage|helpfulness|capabilit(?:y|ies)|usefulness)\b)",
                           regex.VERSION1)

#: Results a cut makes better (`cuts mean and tail regret by over 90%`): fewer is better.
_HARMS = regex.compile(r"(?i:\b(?:regrets?|noise|differences?|deviations?|unsafe|harm\w*|risks?"
                       r"|gaps?|variance|distances?|ADE|FDE|(?:[\w-]+\s)?rates?)\b)",
                       regex.VERSION1)

#: How far before its amount a cut names what it cuts (`reduces unsafe agent executions by`).
_CUT_OBJECT = 40


def _uncosted_cut(clause: str, at: int, quantity: Quantity, up: int | None,
                  down: int | None, by: bool) -> Decision | None:
    """A cut by a percentage of a harm or a quality no other lexicon names (`reduces unsafe
    agent executions by 33%`, `cuts mean and tail regret by over 90%`) is a change in a
    result, not a saving (the guidelines keep `reduction` for costs): fewer harm is better,
    less of a quality (`reduces utility by 22.3%`) worse."""
    if quantity.unit != "%" or quantity.signed or not by or down is None or (
            up is not None and up < down):
        return None
    cut = max(_lead(at), at - _CUT_OBJECT)  # what the cut's verb names, not the clause
    worse = _QUALITIES.search(clause, cut, at) is not None
    if not worse and not _HARMS.search(clause, cut, at):
        return None
    return Decision(Kind.improvement, "weak", "a cut in a result no cost lexicon names",
                    sign=-1 if worse else 1)


def _by_direction(quantity: Quantity, up: int | None, down: int | None, level: bool,
                  lost: bool = False, by: bool = False) -> Decision | None:
    """With nothing measured named: a rise is an improvement (of a loss, when a word of
    loss leads it: `lose 2x more capability`); a cut by an amount (`reducing the number
    of evaluations by 80%`) is a reduction; another fall is too vague."""
    if up is not None and (down is None or up <= down) and not level:
        return Decision(Kind.improvement, "weak", "a rise of something unnamed",
                        sign=-1 if lost else 1)
    if down is not None and by and not level:
        return Decision(Kind.reduction, "weak", "a cut by an amount of something unnamed")
    return None
