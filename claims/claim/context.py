"""Attach what a number is about: sentence, qualifier, metric, hardware, baseline, dataset,
subject.

Context comes first from the rule's own groups (`m`, `hw`, `b`, `d`, `s`), then from
the words around the value in its sentence, then from the document (the method its
title or abstract names). Around a value means its own stretch of the sentence: from
the value to the next value, then back to the previous one, so that in
"3.25x on A100 and 4.5x on A6000" each factor gets its own device. The words that
count (qualifiers, cues, device and dataset names) are data: `rules/context.yaml`,
`rules/devices.yaml`, `rules/datasets.yaml`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from claims.claim.literals import finditer
from claims.claim.match import Item
from claims.claim.named import DatasetNames, NamesInText, device_mentions
from claims.claim.rulepack import ContextLexicon, RuleSet
from claims.claim.sentences import Clauses, Sentences
from claims.model import Kind
from claims.quantity.units import in_base_units, is_known_plain_unit

Span = tuple[int, int]
Mention = tuple[Span, str]

_CLAUSE_BREAK = regex.compile(r";|:\s|\.\s")
# Words that end a baseline phrase; never inside a hyphenated word (state-of-the-art).
_STOP_WORDS = (r"(?<![\w-])(?:while|whereas|but|by|on|in|with|when|where|which|that|at|for"
               r"|across|using|without|to|of|respectively|up\sto)(?![\w-])")
# A baseline phrase also ends where the next value of a list starts ("2.8x over vLLM and
# 1.6x over SGLang").
_PHRASE_STOP = (r"(?=\s*(?:[,;:()\[\]]|\.(?:\s|$)|$|and\s(?:is|are|was|were|has|have|had)\b"
                r"|(?:and|or)\s[~+\-]?\d|"
                + _STOP_WORDS + "))")
#: A character of a named phrase: no stop, though a name may hold a decimal (`V3.2`).
_IN_PHRASE = r"(?:[^.;:()]|(?<=\d)\.(?=\d))"
_LIST_STOP = r"(?=\s*(?:[.;:()\[\]]|$|" + _STOP_WORDS + "))"
_LIST_SPLIT = regex.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_TRAILING_JOIN = regex.compile(r"^\s+|(?:\s*,)?(?:\s+(?:and|or))?\s*$")
# What lies between two items of one list: a few words and a comma or `and`, no other
# number, clause break or new comparison, nor an article that opens a phrase of its own
# ("up to 4x in weight storage and a 1.71x speedup").
_LIST_JOINT = regex.compile(r"(?=.*(?:,|\band\b))(?!.*\b(?:by|to|than|while|whereas|but|which"
                            r"|it|we|they"
                            r"|respectively|compared|with|is|are|was|were|being|has|have"
                            r"|achieves?|reaches|runs)\b)(?!.*\b(?:a|an|the)\s*$)"
                            r"(?:[^\d;:()]|\([^\d();:]{1,20}\)){1,45}")
# "from X up to Y" is a range, a number used as an adjective modifies a noun ("75-day"),
# and a qualifier that ends in an article leads a phrase.
_RANGE_FROM = regex.compile(r"\bfrom\s(?:(?!to\s)[^.;:,\s]+\s){1,8}$")
_ADJECTIVE_NUMBER = regex.compile(r"-[A-Za-z]")
_ARTICLE_END = regex.compile(r"\b(?i:a|an)\s*$")
# A bound after the number: "10+%", "500B+ parameter" (over); "3x or more", "30 FPS or
# higher" (at least).
_PLUS_AFTER = regex.compile(r"\+(?![\d\w])")
_OR_MORE = regex.compile(r"(?:\s[A-Za-z/]+)?\sor\s(?:more|higher|greater|larger|above)\b")
#: How many list items back a qualifier is looked for.
_LIST_REACH = 6
# What joins a metric to the value after it: "latency of about 50 ms", "F1 = 92.2".
_METRIC_LINK = regex.compile(r"(?:\s(?:of|is|was|at|to|reaches|=))?\s*(?:(?:up\sto|about|only"
                             r"|just|around|roughly|nearly|under|below|over|~)\s*)?")
# What sets a symbol equal to a value, or bounds it: `=`, `{=}`, `>=`, `\geq`, `≈`.
_SET_TO = r"\{=\}|[<>]?=|[≈≥≤]|\\[gl]eq?|\\approx"
# What joins a known metric's symbol to its value: `r = 0.65`, `$κ=0.76$`, `$r \geq 0.81$`
# (a bare `<`, `>` or `~` too).
_EQUATED = regex.compile(rf"\$?\s*(?:{_SET_TO}|[<>~])\s*\$?\s*[-−+]?")
# A symbol the lexicon does not know set equal to a value: `$ω_h = 0.998$`, `ΔF1 = +0.008`.
_SYMBOL_EQUATED = regex.compile(r"(?<![\w\\])(?P<m>[^\W\d_]{1,3}\d?(?:_\{?\w+\}?)?)\$?\s*"
                                rf"(?:{_SET_TO})\s*\$?\s*[-−+]?$")
# A turn to another statement after a value: what it names is not the value's ("2.2x
# speedup ... while closely matching full attention accuracy on LongBench").
_NEW_CLAUSE = regex.compile(r"\b(?:while|whereas)\b")
# A name in parentheses: "the best baseline (CoT)", "a strong baseline (KGARevion)".
_NAME_IN_PARENTHESES = regex.compile(r"\s*\((?P<n>[A-Z][\w\-.+]*(?:\s[A-Z0-9][\w\-.+]*){0,2})\)")
#: A name set off by commas right after a generic phrase: `the strongest baseline, Graph-R1,`.
_NAME_APPOSED = regex.compile(r",\s(?P<n>[A-Z][\w\-.+]*(?:\s[A-Z0-9][\w\-.+]*){0,2}),")
#: The head noun of a generic phrase, whatever capitals its modifiers hold (`the recent
#: MLP-based method`): what such a phrase names is given after it.
_GENERIC_HEAD = regex.compile(r"(?i:\b(?:baselines?|methods?|models?|approach(?:es)?|systems?"
                              r"|frameworks?|techniques?|algorithms?|solutions?|variants?))$")
# What links a name to the value right after it: "on LongVideoBench by +4.30".
_LINKED_BEFORE = regex.compile(r"\s(?:by|of)\s(?:(?:up\sto|about|over|nearly|almost)\s|~\s?)?")
# "systems like vLLM" names vLLM.
_EXAMPLES_OF = regex.compile(r"\s(?:like|such\sas|including)\s+(?P<n>\S.*)$")
#: Names given as examples of what a generic baseline phrase is of.
_EXAMPLES_NAMED = regex.compile(r"\sof\s(?:[\w-]+\s){0,3}?(?:like|such\sas|including)\s"
                                r"(?P<n>[A-Z][\w.\-]*(?:(?:,\s|\sand\s|,\sand\s)[A-Z][\w.\-]*)*)",
                                regex.VERSION1)
_ARTICLE = regex.compile(r"^(?:the|a|an)\s+", regex.IGNORECASE)
#: A verb and what follows it, past the name of a baseline.
_VERB_TAIL = regex.compile(r"\s(?:is|are|was|were|has|have|had|remains?|becomes?)\b.*$")
_BASELINE_NOISE = regex.compile(r"^(?:the|a|an|all|our|their|its|strong|existing)\s+|"
                                r"\s+(?:baselines?|respectively|counterparts)$", regex.IGNORECASE)
# A model named as the one acting: "GPT-3 solves 0%", "ViT-H/14, pre-trained ..., reaches",
# "Claude Opus 4.7, achieves" (the words between may hold a version); not when a pronoun
# acts after it ("On LLaMA2-7B, it achieves": _ANOTHER_ACTOR). `record` only as a verb.
_ACTING_VERBS = (r"achiev|reach|obtain|attain|scor(?=(?:es|ed|ing)\b(?!\sof\b))|solv|gets?\b|giv"
                 r"|yield|outperform|surpass|match|deliver|sustain|record(?=s|ed)|set|provid"
                 r"|offer|bring|brought")
_ACTING_MODEL = regex.compile(
    r"(?<![\w\-./]|/\s)(?P<s>(?:[A-Z][\w./]*|[a-z]+-\d[\w.]*)(?:-[\w./]+)*"
    r"(?:\s(?:\d[\w.]*[A-Za-z][\w.]*|XL|XXL|Large"
    r"|Base|Small|Turbo|Pro|Ultra))?)(?![\w\-])"
    rf"(?:,?\s[\w\-/]+(?:\.\w+)*){{0,7}}?,?\s(?:{_ACTING_VERBS})\w*",
    regex.VERSION1)
#: A coined name, then a bracket of bare decimals up to a score, split by commas or
#: slashes (`XLM-RoBERTa (0.269, `, `YOLOv11 (0.9833 / `).
_OWNER_OF_BRACKET = regex.compile(r"(?<![\w\-./])(?P<s>[A-Za-z][\w.+]*(?:-[\w.+]+)*)\s\("
                                  r"(?:\d*\.\d+(?:,\s?|\s?/\s?)){0,3}$", regex.VERSION1)
#: The rest of such a bracket after the score: its unit and metric, more decimals, the end.
_BRACKET_CLOSES = regex.compile(r"(?:\s?\\?%)?(?:\s[A-Za-z][\w-]{0,12})?"
                                r"(?:(?:,\s?|\s?/\s?)\d*\.\d+\\?%?)*\)", regex.VERSION1)
#: A name with `'s` right before a value: `mT5's approximately 50% fewer parameters`.
_POSSESSOR_BEFORE = regex.compile(r"(?<![\w\-./])(?P<s>[A-Za-z][\w.]*(?:-[\w.]+)*)['’]s\s"
                                  r"(?:(?:approximately|about|around|roughly|nearly|only|over"
                                  r"|up\sto)\s|~)?$", regex.VERSION1)
#: The verb every `_ACTING_MODEL` match holds: a stretch without one is not tried at each
#: of its capitals (where the pattern explores up to seven words).
_ACTING_VERB = regex.compile(rf"\s(?:{_ACTING_VERBS})", regex.VERSION1)


def _acting_models(text: str, start: int, end: int) -> list[regex.Match]:
    """Every `_ACTING_MODEL` match in text[start:end], overlapping ones too."""
    if not _ACTING_VERB.search(text, start, end):
        return []
    return list(_ACTING_MODEL.finditer(text, start, end, overlapped=True))


_ANOTHER_ACTOR = regex.compile(r",\s(?:it|we|they|this|our\s\w+)\s")
# Where a clause turns to something else: what acted before acts no more.
_CONTRAST = regex.compile(r"\b(?:whereas|while|but|yet|versus|vs\.?|compared|than|unlike"
                          r"|against|over|outperform\w*|surpass\w*|beat\w*)\b|\bfor\s[A-Z]")
# An acronym in parentheses right after a name: "Monarch Mixer (M2)".
_ACRONYM_AFTER = regex.compile(r"\s\((?P<a>[A-Z][\w\-]*)\)")
# The model a result is by, later in its phrase: "57.5 AP50 in 198 ms by RetinaNet".
_MODEL_AFTER_BY = regex.compile(r"[^,;:()]*?\bby\s(?:the\s)?"
                                r"(?P<s>[A-Za-z](?:[\w.]*\w)?(?:-[\w.]*\w)*)(?![\w\-])",
                                regex.VERSION1)
#: Between the two values of a pair (`93.3%/79.8%`).
_PAIRED = regex.compile(r"\s?%?\s?/\s?", regex.VERSION1)
#: A result set against another (`versus 81.1%/52.5% for GMTP`): the words before it, and
#: the model it is for, after it and the other results of its pair.
_VERSUS_BEFORE = regex.compile(r"\b(?:versus|vs\.?|compared\s(?:with|to)|against)\s"
                               r"(?:[\d.]+\s?%?\s?/\s?)*"  # `versus 81.1%/`
                               r"(?:[\d.]+\s?%?\sfor\s[\w.\-]+(?:,\s(?:and\s)?|\sand\s))*$",
                               regex.VERSION1)  # `compared with 87.7% for A, 84.8% for B`
_FOR_AFTER = regex.compile(r"(?:\s?/\s?[\d.]+\s?%?)*\sfor\s(?:the\s)?"
                           r"(?P<s>[A-Za-z](?:[\w.]*\w)?(?:-[\w.]*\w)*)(?![\w\-])",
                           regex.VERSION1)
#: An actor described, not named, whose result follows: `the strongest achieves`, `even
#: leading LLMs and agents score below`, `frontier models solve only` (never `our ...`).
_UNNAMED_ACTOR = regex.compile(
    r"(?<!\bour\s)\b(?:the\s|even\s)?(?i:strongest|best(?:-performing|-single)?|leading|"
    r"frontier|top(?:-performing)?|existing|prior)(?:\s(?:[\w-]+\s){0,2}?(?:models?|LLMs?|agents?"
    r"|systems?|methods?|baselines?)(?:\sand\s[\w-]+)?)?\s(?:achiev|reach|scor|obtain|attain|solv)"
    r"\w*\b(?:\s(?:only|just|about|below|above|under|over|an?))*\s?$", regex.VERSION1)
#: A compared result's owner described, not named: `for the strongest baseline`.
_FOR_DESCRIBED = regex.compile(r"\sfor\s(?:the|a|an|its|their|our)\s", regex.VERSION1)
#: A baseline's own number, right after the word (`the dense baseline (76.65%)`, `the
#: baseline's 30.2%`): by no named method.
_BASELINES_OWN = regex.compile(r"\bbaselines?(?:['’]s)?\s?\(?$", regex.VERSION1)
#: The first end of a change written `from X to Y`: the number before the change, whose
#: subject is the baseline when named, never the paper's method by default.
_FROM_BEFORE = regex.compile(r"\bfrom\s$", regex.VERSION1)
_TO_AFTER = regex.compile(r"(?:%|x|×)?\s?(?:to|->|→)\s?[+-]?\d", regex.VERSION1)
#: The model an amount belongs to, written right after it: `175B parameters for GPT-3`,
#: `350GB in GPT-3`.
_OWNER_AFTER = regex.compile(r"\s(?:for|in)\s(?:the\s)?"
                             r"(?P<s>[A-Za-z](?:[\w.]*\w)?(?:-[\w.]*\w)*)(?![\w\-])",
                             regex.VERSION1)
# The name a size belongs to, written just before it: "Mistral 7B", "LLaMA-13B", "Chinchilla,
# a 70B model", "a ViT model with 2B parameters".
_NAME_BEFORE_SIZE = regex.compile(
    r"(?<![\w\-./])(?:(?:On|In|For|With|By|At|From|The|Using|Across|Under|Against)\s)?"
    r"(?P<s>[A-Z][\w.]*(?:[-\s][A-Z0-9][\w.]*)*?)(?:[-\s]|[\s~]\("
    r"|,\s(?:a|an)\s(?P<apposed>)|(?:\s(?:model|network))?\s(?:with|of|has)\s(?P<coined>))$",
    regex.VERSION1)
# A name a size is glued into: letters (a capital, or lower-case words joined by hyphens)
# right before the size, and the suffixes after it ("-A3B", "-720P", "-Instruct").
_GLUED_BEFORE = regex.compile(r"(?<![\w.\-/])(?:[A-Za-z][\w.-]*/)?(?=[\w.\-]*[A-Z]|[a-z]+-[a-z\d])"
                              r"[A-Za-z][\w.]*"
                              r"(?:-[A-Za-z0-9][\w.]*?)*-?$")
#: The sizes of one family written as a list after its name (`OPT-2.7B/6.7B/13B`): each
#: size is a model of the family.
_SLASHED_SIZES = regex.compile(r"(?<![\w.\-/])(?P<name>[A-Z][\w.]*-)(?:\d+(?:\.\d+)?[BMK]/)+$")
_GLUED_AFTER = regex.compile(r"(?:-[A-Za-z0-9]+(?:\.\d+)?)+(?![\w\-])")
_NAME_AFTER_SIZE = regex.compile(r"\s(?:(?i:parameters?|params?)\s)?(?P<s>[A-Z][\w.]*(?:-[\w.]+)*"
                                 r"(?:\s(?:XL|XXL|Large|Base|Small|\d[\w.]*))?)(?![\w\-])",
                                 regex.VERSION1)
# A name starts with a capital, or is lower-case with a digit (wav2vec 2.0, phi-1), or
# opens with a short lower-case prefix to a capital (cuPilot, dLLM-Serve, iSHIFT).
_NAME_START = r"(?:[A-Z]|[a-z](?=[A-Za-z\-]*\d)|[a-z]{1,3}(?=[A-Z]))"
# A title's name may also start with a number: "1-bit Adam: ...".
_TITLE_NAME = regex.compile(rf"^\s*(?:The\s|Introducing\s)?"
                            rf"(?P<s>(?:{_NAME_START}|\d[\w.]*-(?=[A-Za-z])"
                            r"|\d+(?=[A-Z]))[\w\-.+${}^]*(?:\(\))?(?:\s(?:[A-Z0-9]|v\d)[\w\-.+^]*){0,5})"
                            r"(?:\s\((?P<acronym>[A-Z][\w\-]*)\))?\s*:\s")
# A coined name right after a title's colon, set off as an apposition: "Always Keep Your
# Promises: DynamicLRP, A Model-Agnostic Solution ...", "...: Introducing X, a ...".
_TITLE_APPOSED = regex.compile(r"^[^:]{1,120}:\s(?:Introducing\s)?(?P<s>[A-Za-z][\w\-.+]*),"
                               r"\s(?i:an?|the)\s")
# ... and may carry a version number ("called Llama 3.") or a dot inside (Stream.FM).
_NAME = (rf"(?P<s>{_NAME_START}[A-Za-z0-9]*(?:[-+.][A-Za-z0-9]+)*"
         r"(?:\s\d+(?:\.\d+)?(?!\w|\.\d))?)")
# A name set off as an apposition: "Mixtral 8x7B, a sparse ...", "Chinchilla, that ...",
# "Denser: Dual-density inference, a ...", "_Second Guess_, a ...".
_APPOSITION = regex.compile(r"(?P<more>(?:\s[\w.\-]+){0,6}?)(?:[_\"”’']|\}{1,3})?\s*"
                            r"(?:,\s*(?:a|an|the|that|which|based|built)\b"
                            r"|\((?P<acronym>[A-Z][\w\-]*|[a-z]+[A-Z][\w\-]*)\)|\(|:\s)")
# Capitalized words that go on a name up to its apposition: "Review Feedback Agent, a".
_NAME_GOES_ON = regex.compile(r"(?:\s[A-Z][A-Za-z0-9.\-]*){1,3}")


#: A context value and where it came from (shown by `claims explain`).
Found = tuple[str | None, str]
_NONE: Found = (None, "")
#: How a value got the dataset of the phrase opening its sentence (`On X, ...`).
_SETTING = "the setting that opens its sentence"


@dataclass(frozen=True)
class Context:
    sentence: Span
    qualifier: str | None
    metric: str | None
    hardware: str | None
    baseline: str | None
    dataset: str | None
    subject: str | None
    sources: dict[str, str]  # field -> how it was found, for fields that are set


@dataclass(frozen=True)
class DocDevice:
    """The one device a paper names for its experiments; `named`: a product or family,
    not a class word such as GPU."""

    name: str
    named: bool


def device_of(texts: list[str], ruleset: RuleSet) -> DocDevice | None:
    """The device a paper names, when it names exactly one: one named device (NVIDIA
    H100), else, with none named, one class word that its experiments run on (`on 64
    GPUs`, `on GPU clusters`); else None."""
    named = {name for text in texts for _, name in device_mentions(text, ruleset)}
    if named:
        return DocDevice(named.pop(), True) if len(named) == 1 else None
    generic = {name for text in texts
               for name, pattern in cues_of(ruleset.context).experiment_devices
               if pattern.search(text)}
    return DocDevice(generic.pop(), False) if len(generic) == 1 else None


@dataclass(frozen=True)
class Cues:
    """The context lexicon compiled into patterns, once per rule set."""

    qualifier_before: regex.Pattern
    baseline_after: regex.Pattern
    dataset_noun: regex.Pattern  # `dataset`, `benchmark`, `test set`: what a dataset is called
    rate_before: regex.Pattern  # `a realtime speed of`, `peak performance of` before a rate
    gain_verb: regex.Pattern  # `improves <metric> (over X) by` right before the value
    gain_noun: regex.Pattern  # `improvement in <metric>` right after the match
    gain_listed: regex.Pattern  # `... and <metric> by` after a gain verb (see `_gain_metric`)
    gain_verb_word: regex.Pattern  # one gain verb alone (`improves`, `boosting`)
    baselines_after: regex.Pattern  # reads on over commas: `than A, B, and C`
    baseline_before: regex.Pattern
    baseline_lead: regex.Pattern  # `Compared with X, ...` opening a sentence
    baseline_trail: regex.Pattern  # `..., relative to X.` closing it
    dataset_split: regex.Pattern
    setting_opening: regex.Pattern  # `On the ImageNet dataset, ...`: where a sentence's results are
    generic_devices: tuple[tuple[str, regex.Pattern], ...]
    experiment_devices: tuple[tuple[str, regex.Pattern], ...]  # `on 64 GPUs`
    setting_header: regex.Pattern  # a table's column header naming a setting (`Layer 4`)
    metric_cutoff: regex.Pattern  # `@0.5` after a metric's name
    caption_measure: regex.Pattern  # the measure a table's caption opens with
    caption_cell_measure: regex.Pattern  # `Each cell shows realised cost as a multiple ...`
    caption_measure_head: regex.Pattern  # a measure's last word (`accuracy`, `scores`)

    @classmethod
    def of(cls, lexicon: ContextLexicon) -> Cues:
        spellings = sorted(lexicon.qualifiers, key=len, reverse=True)
        qualifiers = "|".join(regex.escape(q) for q in spellings)
        cues = "|".join(lexicon.baseline_cues)
        frames = "|".join(lexicon.baseline_frames or ["(?!)"])
        return cls(
            qualifier_before=_compile(rf"(?i:(?<![\w])(?P<q>{qualifiers}))\s*(?:of\s+|by\s+)?"
                                      r"(?:(?i:a|an)\s+)?(?:~\s*)?$"),
            baseline_after=_compile(_cue_after(cues, 120, _PHRASE_STOP)),
            dataset_noun=_compile(r"(?i)(?<![\w-])(?:datasets?|benchmarks?|corpus|corpora|"
                                  r"(?:test|training|evaluation|validation)\s(?:sets?|splits?))"
                                  r"(?![\w-])"),
            rate_before=_compile(
                r"(?<![\w-])(?P<m>(?:(?!(?:a|an|the|[a-z]+(?:s|ed|ing))\s)[a-z][\w\-]*\s){0,2}"
                r"(?:[a-z]+ing\s)?"
                rf"(?:{'|'.join(lexicon.rate_nouns or ['(?!)'])}))"
                r"\s(?:of|at|=)\s(?:(?:up\sto|about|around|approximately|roughly|nearly|over"
                r"|more\sthan)\s|~\s?)?$"),
            gain_verb=_compile(rf"(?<![\w-])(?:{'|'.join(lexicon.gain_verbs or ['(?!)'])})\s"
                               r"(?P<m>[^,;:.()%]{2,60}?)(?:\s(?:over|upon)\s[^,;:.()%]{1,60}?)?"
                               r"\sby\s(?:(?:up\sto|about|around|approximately|roughly|nearly"
                               r"|over|more\sthan|an\saverage\sof|on\saverage)\s|~\s?)?$"),
            gain_noun=_compile(rf"(?:\s(?:{'|'.join(lexicon.gain_nouns or ['(?!)'])})"
                               r"\sin\s(?:the\s)?|\s?\sin\s(?!the\b))(?P<m>[^,;:.()]{2,50}?)(?=\s(?:for|on|over|while"
                               r"|with|compared|than|at|across|under|when|and\s(?:a|an|the)\b"
                               r"|and\s[~+\-]?\d)"
                               r"|\s?[,;:.()]|$)"),
            gain_listed=_compile(r"(?:,\s(?:and\s)?|\sand\s)(?P<m>(?:[\w\-@]+\s){0,3}[\w\-@]+)"
                                 r"\sby\s(?:(?:up\sto|about|around|approximately|roughly|nearly"
                                 r"|over|more\sthan)\s|~\s?)?$"),
            gain_verb_word=_compile(rf"(?<![\w-])(?:{'|'.join(lexicon.gain_verbs or ['(?!)'])})"
                                    r"(?![\w-])"),
            baselines_after=_compile(_cue_after(cues, 160, _LIST_STOP)),
            baseline_before=_compile(rf"\b(?:{cues})\s+(?P<b>{_IN_PHRASE}{{1,80}}?){_PHRASE_STOP}"),
            baseline_lead=_compile(rf"\s*(?i:{frames})\s+(?P<b>[^,.;:()]{{1,80}}?)\s*,"),
            baseline_trail=_compile(rf",\s*(?i:{frames})\s+(?P<b>[^,;:()]{{1,120}}?)\s*\.?\s*$"),
            dataset_split=_compile(r"\s(?P<split>" + "|".join(lexicon.dataset_splits or ["(?!)"])
                                   + r")(?![\w-])"),
            setting_opening=_compile(
                r"(?:[A-Z][a-z]+(?:\s[a-z]+)?,\s)?(?P<s>(?i:"
                + "|".join(lexicon.dataset_prepositions or ["(?!)"]) + r")\s[^,;:]{2,120}?),\s"),
            generic_devices=tuple((name, _compile(rf"(?<![\w-]){pattern}(?![\w-])"))
                                  for name, pattern in lexicon.generic_devices.items()),
            experiment_devices=tuple(
                (name, _compile(rf"(?<![\w-])(?:{lexicon.experiment_device_lead})"
                                rf"(?<![\w-]){pattern}(?![\w-])"))
                for name, pattern in lexicon.generic_devices.items()),
            setting_header=_compile(lexicon.setting_headers),
            metric_cutoff=_compile(lexicon.metric_cutoff),
            caption_measure=_compile(
                rf"\s*(?:Table\s?\d+[.:]\s*)?(?P<measure>[A-Za-z][\w\-]*(?:\s[\w\-]+){{0,5}}?\s"
                rf"(?:{lexicon.caption_measure_heads}))(?=\s?[(.:,;]|\s?$|\s"
                rf"(?:between|of|on|for|across|in|under|at|with|per|by|when|from|over)\b)"),
            caption_measure_head=_compile(lexicon.caption_measure_heads),
            caption_cell_measure=_compile(
                rf"(?<![\w-])(?:{lexicon.caption_cell_leads})\s(?P<measure>[A-Za-z][\w\-]*"
                rf"(?:\s[\w\-]+){{0,8}}?)(?=\s?[(.:,;]|\s?$|\s(?:when|where|for|across|"
                rf"over|under|on|in|at|with|per|by|from|averaged|computed|measured)\b)"),
        )


_CUES: dict[int, tuple[ContextLexicon, Cues]] = {}


def cues_of(lexicon: ContextLexicon) -> Cues:
    """`Cues.of(lexicon)`, compiled once per lexicon object."""
    known = _CUES.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        known = _CUES[id(lexicon)] = (lexicon, Cues.of(lexicon))
    return known[1]


_DATASET_NAMES: dict[int, tuple[ContextLexicon, DatasetNames]] = {}


def dataset_names(lexicon: ContextLexicon) -> DatasetNames:
    """`DatasetNames.of(lexicon)`, compiled once per lexicon object."""
    known = _DATASET_NAMES.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        known = _DATASET_NAMES[id(lexicon)] = (lexicon, DatasetNames.of(lexicon))
    return known[1]


def _cue_after(cues: str, longest: int, stop: str) -> str:
    """A baseline cue soon after the value, and the phrase it introduces."""
    return rf"[^.;:]{{0,80}}?\b(?:{cues})\s+(?P<b>{_IN_PHRASE}{{1,{longest}}}?){stop}"


def _compile(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.VERSION1)


class FieldContext:
    """Context lookups for the items of one text field, sharing the work between them."""

    def __init__(self, text: str, sentences: Sentences, items: list[Item], ruleset: RuleSet,
                 doc_subject: str | None, dataset_mentions: Callable[[], list[Mention]],
                 clauses: Clauses | None = None,
                 doc_device: Callable[[], DocDevice | None] = lambda: None,
                 doc_dataset: Callable[[], str | None] = lambda: None,
                 devices: Callable[[], list[Mention]] | None = None) -> None:
        self.text = text
        self._devices = devices or (lambda: device_mentions(text, ruleset))
        self.items = items
        self.ruleset = ruleset
        self.lexicon = ruleset.context
        self.cues = cues_of(ruleset.context)
        self.doc_subject = doc_subject
        self.doc_device = doc_device
        self.doc_dataset = doc_dataset
        self.sentences = sentences
        self._dataset_mentions = dataset_mentions
        # Values that bound each other's stretch; device counts are mentions, not rivals.
        self.value_spans = sorted({it.anchor for it in items
                                   if it.value_span is not None and it.kind != Kind.hardware
                                   and not self._inside_name(it)})
        self._value_starts = [s for s, _ in self.value_spans]
        self._baselines: dict[int, Found] = {}
        self._stretches: dict[tuple[int, Span, Span, Span], Span] = {}
        self._ahead: dict[int, Found] = {}
        self.clauses = clauses or Clauses(text, sentences)
        self._position = {id(item): i for i, item in enumerate(items)}

    def _inside_name(self, item: Item) -> bool:
        """A size written inside a model's name (`outperforms Qwen3-32B on ...`) is part
        of that name, not a rival value that ends another value's stretch."""
        start = item.anchor[0]
        return (item.kind == Kind.model_size and start > 0
                and (self.text[start - 1] == "-" or self.text[start - 1].isalpha()))

    @cached_property
    def headline(self) -> bool:
        """In a title every word is capitalized, so capitals do not mark a name there
        (found only for fields with a model size to name)."""
        return is_headline(self.text)

    @cached_property
    def named_devices(self) -> Mentions:
        return Mentions(self._devices())

    @cached_property
    def generic_devices(self) -> Mentions:
        """Device words such as GPU or CPU that are not part of a named device."""
        found = [(m.span(), name) for name, pattern in self.cues.generic_devices
                 for m in pattern.finditer(self.text)]
        return Mentions([m for m in found if not self.named_devices.overlaps(m[0])])

    @cached_property
    def measuring_devices(self) -> Mentions:
        """Device words that say what a value is measured on (`GPU memory`), not a unit
        (`GPU hours`) nor what it is compared with (`over GPU and CPU baselines`)."""
        return Mentions([m for m in self.generic_devices.found
                         if not _DEVICE_UNIT_AFTER.match(self.text, m[0][1])
                         and not _COMPARED_DEVICE.search(self.text, max(0, m[0][0] - 40),
                                                         m[0][0])])

    @cached_property
    def datasets(self) -> Mentions:
        """Dataset mentions, known (the lexicon) or named by the sentence's wording
        (`the CoSER dataset`, `on LIBERO-LONG`), each with the split written right after
        it."""
        known = self._dataset_mentions()
        taken = Mentions([*self.named_devices.found, *self.metrics.found])
        named = [m for m in self._names.mentions(taken.overlaps)
                 if not self._is_papers_method(m[1])]
        variants = _variants_of_known(named, known)
        known = [m for m in known if not any(_inside(m[0], span) for span, _ in variants)]
        lexicon_names = Mentions(known)
        named = [*variants, *(m for m in named
                              if not lexicon_names.overlaps(m[0]) and m not in variants)]
        canonical = self.ruleset.datasets.name_of
        found = []
        for (start, end), name in [*known,
                                   *(((span, canonical(name) or name) for span, name in named))]:
            split = self.cues.dataset_split.match(self.text, end)
            found.append(((start, split.end()), f"{name} {split['split']}") if split
                         else ((start, end), name))
        return Mentions(found)

    @cached_property
    def _names(self) -> NamesInText:
        """The dataset names of the field's text, by its wording (scanned once)."""
        return dataset_names(self.lexicon).in_text(self.text)

    def _is_papers_method(self, name: str) -> bool:
        """The paper's own method (`MuCRASP achieves ...`, `we propose RISER`) is no
        dataset, unless the text presents it as one (`CattleBehaviours6, a dataset`) or
        its name says so (`We introduce EvasionBench`)."""
        return (self.doc_subject is not None and name == self.doc_subject
                and name not in self._names.introduced())

    def attach(self, item: Item, unit: str = "") -> Context:
        """The context of one item whose value reads in `unit`."""
        sentence = self.sentences.around(item.anchor[0])
        dataset = self.dataset(item, sentence, unit)
        size = None if dataset[1].startswith(_SETTING) else \
            self._size_of_a_dataset(item, sentence, unit, dataset[0])
        metric = size or self.metric(item, sentence, dataset[0])
        if metric[0] is None and item.kind == Kind.quantity and unit and \
                not is_known_plain_unit(unit):
            metric = self._counted(item)
        found = {
            "qualifier": self.qualifier(item, sentence),
            "metric": metric,
            "hardware": self.hardware(item, sentence, unit, metric[0]),
            "baseline": self.baseline(item, sentence),
            "dataset": dataset,
            # a dataset's size is about the dataset, whoever uses it (the guidelines)
            "subject": (dataset[0], "the dataset whose size the count is") if size
            else self._subject_unless_benchmark(item, sentence, dataset[0]),
        }
        values = {name: value for name, (value, _) in found.items()}
        sources = {name: how for name, (value, how) in found.items() if value is not None}
        return Context(sentence=sentence, sources=sources, **values)

    @cached_property
    def metrics(self) -> Mentions:
        return Mentions([self._with_cutoff(span, name)
                         for span, name in self.ruleset.metrics.mentions(self.text)])

    def _with_cutoff(self, span: Span, name: str) -> Mention:
        """A metric's mention with the cutoff written after it (`mAP@0.5`), as written."""
        cutoff = self.cues.metric_cutoff.match(self.text, span[1])
        if cutoff is None:
            return span, name
        return (span[0], cutoff.end()), self.text[span[0]:cutoff.end()]

    def metric(self, item: Item, sentence: Span, dataset: str | None = None) -> Found:
        """The rule's `m` group or default metric, canonical when the lexicon knows it;
        for scores and gains without one, see `_metric_unnamed_by_rule`."""
        group = item.group("m")
        cut = group and self.cues.metric_cutoff.match(self.text, group[0][1])
        if cut:  # `62.0% Acc@0.25`: the cue word, with its cutoff
            return self.text[group[0][0]:cut.end()], "rule group m, with its cutoff"
        captured = _captured(item, "m")
        metric, how = (captured, "rule group m") if captured else (item.rule.rule.metric,
                                                                  "rule default")
        if metric is None and item.kind in self.lexicon.metric_kinds:
            return self._metric_unnamed_by_rule(item, sentence, dataset)
        if metric is None and item.kind in (Kind.reduction, Kind.compression):
            return self._gain_metric(item, sentence)
        if metric is None:
            return self._rate_metric(item, sentence) if item.kind == Kind.speedup else _NONE
        if how == "rule default":
            named = self._metric_beside(item)
            if named:
                return named, "named right beside the value"
            if item.kind == Kind.model_size:
                share = self._parameter_share(item)
                if share:
                    return share, "the parameters the size counts"
            if item.kind in (Kind.speedup, Kind.throughput):
                worded = self._rate_metric(item, sentence)
                if worded[0]:
                    return worded
        canonical = self.ruleset.metrics.name_of(metric)
        return (canonical, f"{how}, canonical") if canonical else (metric, how)

    def _metric_unnamed_by_rule(self, item: Item, sentence: Span, dataset: str | None
                                ) -> Found:
        """A metric the match names after its value ("+14.6% average accuracy"), else the
        one named last before the value in its sentence ("88.6% top-1 accuracy on
        ImageNet, 94.5% on CIFAR-100"), else the usual metric of its benchmark ("69% on
        MMLU": accuracy)."""
        inside = self.metrics.within(item.anchor[1], item.match_span[1])
        if inside:
            return inside[0][1], "named after the value in its match"
        equated = self._metric_equated(item, sentence)
        if equated[0]:
            return equated
        gained = self._gain_metric(item, sentence)
        if gained[0]:
            return gained
        worded = _WORDED_METRIC.match(self.text, item.match_span[1], sentence[1])
        if worded and not _STOP_WORD.search(worded["m"]):
            known = self.metrics.within(*worded.span("m"))
            if known:
                return known[0][1], "a known metric in the words right after the value"
            return worded["m"], "the words right after the value (`100% medal rate`)"
        named = _NAME_BEFORE.search(self.text, max(sentence[0], item.list_start - 30),
                                    item.list_start)
        if named and item.kind == Kind.score and not self.datasets.overlaps(named.span("m")):
            return named["m"], "the name written right before the value (`chrF 43.89`)"
        before = [mention for mention in self.metrics.within(sentence[0], item.list_start)
                  if self._serves(mention, item)]
        if before:
            return max(before)[1], "named before the value in its sentence"
        usual = self.ruleset.dataset_metrics.get(dataset or "")
        if usual:
            return usual, f"the usual metric of {dataset}"
        carried = self._metric_of_the_score_before(item, sentence)
        if carried[0]:
            return carried
        after = [mention for mention in self.metrics.within(item.anchor[1], sentence[1])
                 if mention[1] not in self.ruleset.bound_metrics]
        return (after[0][1], "named after the value in its sentence") if after else _NONE

    def _serves(self, mention: Mention, item: Item) -> bool:
        """Whether a metric named before a value may be its metric: a statistic (`Pearson
        r= 0.65`) is only that of the first value after it."""
        if mention[1] not in self.ruleset.bound_metrics:
            return True
        position = self._position[id(item)]
        return position == 0 or self.items[position - 1].anchor[0] < mention[0][1]

    def _metric_equated(self, item: Item, sentence: Span) -> Found:
        """A metric set equal to the value (`Pearson r= 0.65`, `$ρ= 0.74$`), or for a
        score a symbol the lexicon lacks (`$ω_h = 0.998$`): what the words after the value
        say is not its metric then, and a gain after it is in no such statistic."""
        named = self.metrics.within(max(sentence[0], item.anchor[0] - 40), item.anchor[0])
        if named and _EQUATED.fullmatch(self.text, named[-1][0][1], item.anchor[0]):
            return named[-1][1], "named right before the value, set equal to it (`r = 0.65`)"
        symbol = item.kind == Kind.score and _SYMBOL_EQUATED.search(
            self.text, max(sentence[0], item.anchor[0] - 20), item.anchor[0])
        if symbol and not _STOP_WORD.fullmatch(symbol["m"]):
            return symbol["m"], "the symbol set equal to the value (`$ω_h = 0.998$`)"
        return _NONE

    def _metric_of_the_score_before(self, item: Item, sentence: Span) -> Found:
        """A score naming no metric is in the metric of the score before it in its
        sentence, written in the same unit (`raises its average score from 29.86 to 37.34,
        surpassing Pythia-12B (37.24)`); a gain, in that of the score it follows
        (`reaches 62.3% average Success, 10.7 points above Full Trajectory`)."""
        for back in range(self._position[id(item)] - 1, -1, -1):
            previous = self.items[back]
            if previous.anchor[0] < sentence[0]:
                break
            if previous.kind == Kind.score:
                if item.kind == Kind.score and previous.rule.rule.unit != item.rule.rule.unit \
                        or item.kind != Kind.score and self._metric_equated(previous, sentence)[0]:
                    break  # a gain is in no statistic: `(Pearson r= 0.65); ... +0.20`
                metric = self.metric(previous, sentence)[0]
                return (metric, "the metric of the score before it in its sentence") \
                    if metric else _NONE
        return _NONE

    def _size_of_a_dataset(self, item: Item, sentence: Span, unit: str,
                           dataset: str | None) -> Found | None:
        """A count of items of a dataset its sentence names is the dataset's size, named
        by the noun the sentence calls it (`The dataset consists of 1905 clips`: dataset
        size; `a benchmark of 247 real-world scientific diagrams`: benchmark size)."""
        if item.kind != Kind.quantity or not unit or is_known_plain_unit(unit) or not dataset:
            return None
        head = unit.split()[-1].lower()
        if head.removesuffix("s") in self.lexicon.not_dataset_items:
            return None
        nouns = list(self.cues.dataset_noun.finditer(self.text, sentence[0], sentence[1]))
        if not nouns:
            return None
        nearest = min(nouns, key=lambda m: abs(m.start() - item.anchor[0]))
        noun = regex.sub(r"(?<![su])s$|\s", lambda m: "" if m.group() == "s" else " ",
                         nearest.group().lower())
        return f"{noun} size", "a count of items of the dataset its sentence names"

    def _counted(self, item: Item) -> Found:
        """What a count counts, in its own words (`16,302 training records`: training
        records), when nothing names it otherwise."""
        words = self.text[item.anchor[1]:item.match_span[1]].strip(" -")
        if not words or not words[0].isalpha():
            return _NONE
        return words, "the noun the count counts"

    def _parameter_share(self, item: Item) -> str | None:
        """Which parameters a size counts when the text says, in its words: `671B total
        parameters`, `37B activated for each token`, `3B active parameters`, the `A3B` of
        `Qwen3-30B-A3B` (activated)."""
        start = item.anchor[0]
        if start >= 2 and self.text[start - 2:start] == "-A":
            return "activated parameters"
        after = _PARAMETER_SHARE.match(self.text, item.anchor[1])
        if not after:
            return None
        return f"{after['share'].lower()} parameters"

    def _rate_metric(self, item: Item, sentence: Span) -> Found:
        """What a speedup or a rate is of, in the paper's words, where its rule says only
        `speedup` or `throughput`: the object of its verb (accelerates 128K context-length
        fine-tuning by 2-3x, improves transaction throughput by 2.1x), or a rate named
        right before the value (a realtime speed of ~65 FPS, peak performance of 11.73
        PFLOP/s, an average token generation rate of 13.20 tokens/s)."""
        if item.kind == Kind.speedup:
            return self._gain_metric(item, sentence)
        named = self.cues.rate_before.search(self.text, max(sentence[0], item.list_start - 80),
                                             item.list_start)
        if named and _is_metric_phrase(named["m"]):
            return _metric_phrase(named["m"]), "the rate named right before the value"
        return _NONE

    def _gain_metric(self, item: Item, sentence: Span) -> Found:
        """The metric a gain is in, in the paper's words: the object of its verb before
        the value ("improves average pass rate by 9.69") or what follows its noun after it
        ("a 4.2 percent improvement in state of health")."""
        if item.kind not in (Kind.improvement, Kind.speedup, Kind.reduction, Kind.compression):
            return _NONE
        cues = self.cues
        start = max(sentence[0], item.list_start - 120)
        verb = cues.gain_verb.search(self.text, start, item.list_start)
        if verb and _is_metric_phrase(verb["m"]):
            return _metric_phrase(verb["m"]), "the object of the gain's verb"
        noun = cues.gain_noun.match(self.text, item.match_span[1], sentence[1])
        if noun and _is_metric_phrase(noun["m"]):
            return _metric_phrase(noun["m"]), "after the gain's noun"
        return self._listed_gain_metric(item, sentence, start)

    def _listed_gain_metric(self, item: Item, sentence: Span, start: int) -> Found:
        """`improves A by 2.49 points and B by 9.10 points`: the second value's metric is
        the object after `and`, the verb before the first (a participle opening the
        object, `boosting SLO attainment by`, is that verb)."""
        listed = self.cues.gain_listed.search(self.text, start, item.list_start)
        if not listed or self.datasets.overlaps(listed.span("m")):
            return _NONE
        opening = self.cues.gain_verb_word.match(self.text, listed.start("m"))
        at = opening.end() + 1 if opening else listed.start("m")
        metric = self.text[at:listed.end("m")]
        verb = opening or self.cues.gain_verb_word.search(self.text, sentence[0], listed.start())
        if not verb or not metric or not _is_metric_phrase(metric) \
                or _STOP_WORD.search(metric) or self.cues.gain_verb_word.search(metric):
            return _NONE
        return metric, "the next object of the gain's verb"

    def _metric_beside(self, item: Item) -> str | None:
        """A known metric written right after the match ("62 ms latency") or just before
        the value ("a latency of 50 ms"), which says more than the rule's default."""
        end = item.match_span[1]
        after = self.metrics.within(end, end + 60)
        if after and not self.text[end:after[0][0][0]].strip():
            return after[0][1]
        before = self.metrics.within(max(0, item.list_start - 80), item.list_start)
        if before and _METRIC_LINK.fullmatch(self.text, before[-1][0][1], item.list_start):
            return before[-1][1]
        return None

    def subject(self, item: Item, sentence: Span) -> Found:
        """The `s` group unless it is a generic word (SOTA), the model a size belongs to
        (`Chinchilla-70B`, `175B GPT-3`), a model named as acting before the value in its
        own stretch, the model an absolute result is by ("57.5 AP50 ... by RetinaNet"), or
        the paper's method."""
        captured = _captured(item, "s")
        if captured and captured.upper() not in self.lexicon.not_models:
            return captured, "rule group s"
        if captured and item.group("s")[0][0] < item.anchor[0]:
            return _NONE  # a nameless baseline's own number (`compared to SOTA ... of 15.8`)
        if item.kind == Kind.model_size:
            glued = self._glued_name(item)
            if glued:
                return glued, "the name the size is written in"
            sized = self._sized_model(item)
            if sized:
                return sized, "model named with the size"
        if item.kind in (Kind.model_size, Kind.quantity):
            owner = _OWNER_AFTER.match(self.text, item.match_span[1], sentence[1])
            if owner and (named := self._model_named(owner)):
                return named, "the model the amount is of (`350GB in GPT-3`)"
        if item.kind == Kind.score and _VERSUS_BEFORE.search(
                self.text, max(sentence[0], item.list_start - 90), item.list_start):
            owner = _FOR_AFTER.match(self.text, item.match_span[1], sentence[1])
            if owner and (named := self._model_named(owner)):
                return named, "the model a compared result is for (`versus 79.4% for X`)"
            if _FOR_DESCRIBED.match(self.text, item.match_span[1], sentence[1]):
                return _NONE  # `compared to 84.6% for the best unilateral RL baseline`
        if item.kind == Kind.score and _BASELINES_OWN.search(
                self.text, max(sentence[0], item.list_start - 20), item.list_start):
            return _NONE
        if item.kind == Kind.score:
            owner = _OWNER_OF_BRACKET.search(self.text, max(sentence[0], item.list_start - 60),
                                             item.list_start)
            if owner and self._is_model_name(owner) and not self.metrics.overlaps(
                    owner.span("s")) and _BRACKET_CLOSES.match(self.text, item.anchor[1]):
                return owner["s"], "the name the bracket of its results follows (`Presidio " \
                                   "(0.431, 0.273)`)"
        possessor = _POSSESSOR_BEFORE.search(self.text, max(sentence[0], item.list_start - 40),
                                             item.list_start)
        if possessor and (named := self._model_named(possessor)):
            return named, "the model whose amount it is (`mT5's 50% fewer parameters`)"
        if item.kind != Kind.model_size:
            start, _ = self._own_stretch(item, sentence)
            names = [name for match, name in self._acting_names(start, item.list_start)
                     if not _ANOTHER_ACTOR.search(self.text, match.start("s") + len(name),
                                                  match.end())]
            if names:
                return names[-1], "model acting before the value"
            if item.kind == Kind.score and (
                    carried := self._actor_carried(item, sentence, start)):
                return carried, "the model acting on the earlier values of its clause"
            if item.kind not in self.lexicon.relative_kinds:
                by = _MODEL_AFTER_BY.match(self.text, item.anchor[1], sentence[1])
                if by and (named := self._model_named(by)):
                    return named, "model the value is by"
        if item.kind == Kind.score and (self._change_to(item) or _UNNAMED_ACTOR.search(
                self.text, self._own_stretch(item, sentence)[0], item.list_start)):
            return _NONE  # `from 62.5% to 94.5%`, `the strongest model solves only 71%`
        return (self.doc_subject, "the paper's method (title or abstract)") \
            if self.doc_subject else _NONE

    def _other_end(self, item: Item) -> Item | None:
        """The value `to` leads to when this one is the first end of `from X to Y`."""
        index = self._position[id(item)] + 1
        to = self._change_to(item)
        if to is None or index >= len(self.items):
            return None
        following = self.items[index]
        return following if following.anchor[0] < to.end() else None

    def _change_to(self, item: Item) -> regex.Match | None:
        """The `to` after the value when it is the first end of `from X to Y`."""
        start, end = item.anchor
        if not _FROM_BEFORE.search(self.text, max(0, start - 5), start):
            return None
        return _TO_AFTER.match(self.text, end)

    def _of_a_family(self, name: str) -> bool:
        """Whether a name written in lower case is of a known model family (`gpt-3.5-turbo`,
        not `top-1`)."""
        return bool(dataset_names(self.lexicon).model_family.match(name))

    def _actor_carried(self, item: Item, sentence: Span, stretch_start: int) -> str | None:
        """The model acting before an earlier value of the clause goes on to the later ones
        (`GPT-5.2 achieves ... (MQM 91.6) with ... accuracy (78.4%)`), until a contrast or
        another actor (`whereas Gemini ...`, `, it ...`)."""
        start = sentence[0]
        for brk in _CLAUSE_BREAK.finditer(self.text, start, stretch_start):
            start = brk.end()
        names = [(m, name) for m, name in self._acting_names(start, stretch_start)
                 if len(self.text[m.start("s") + len(name):m.end()].split()) <= 2]
        if not names:
            return None
        last, name = names[-1]
        if _CONTRAST.search(self.text, last.end(), item.list_start) or \
                _ANOTHER_ACTOR.search(self.text, last.start("s") + len(name), item.list_start):
            return None
        return name

    def _subject_unless_benchmark(self, item: Item, sentence: Span, dataset: str | None
                                  ) -> Found:
        """The subject, save that a result measured on the paper's own benchmark is by
        some model it evaluates, not by the benchmark: no subject of the paper's then."""
        subject = self.subject(item, sentence)
        if subject[0] is not None and subject[0] == dataset == self.doc_subject and \
                item.kind in (Kind.score, Kind.improvement) and \
                subject[1].startswith("the paper's method"):
            return _NONE
        return subject

    def _glued_name(self, item: Item) -> str | None:
        """The whole name a size is written inside, as the guidelines copy it
        (`Qwen3-30B-A3B`, `gpt-oss-20B`, `Wan2.2-I2V-14B-720P`): a token with a name's
        letters before the size; not a bare size (`7B-parameter`) nor a dataset."""
        before = _GLUED_BEFORE.search(self.text, max(0, item.anchor[0] - 60), item.anchor[0])
        if not before:
            listed = _SLASHED_SIZES.search(self.text, max(0, item.anchor[0] - 60),
                                           item.anchor[0])  # `OPT-2.7B/6.7B/13B`
            return listed["name"] + self.text[slice(*item.anchor)] if listed else None
        after = _GLUED_AFTER.match(self.text, item.anchor[1])
        start, end = before.start(), after.end() if after else item.anchor[1]
        name = self.text[start:end]
        first = regex.split(r"[-.]", name)[0]
        if first.upper() in self.lexicon.not_models or _NAME_ADJECTIVE.search(name):
            return None
        if self.datasets.overlaps((start, end)) or self.named_devices.overlaps((start, end)):
            return None
        return name

    def _sized_model(self, item: Item) -> str | None:
        before = _NAME_BEFORE_SIZE.search(self.text, max(0, item.anchor[0] - 40), item.anchor[0])
        # In a title only a one-word name counts: "Mistral 7B", not "Training Trillion"
        # (whether the text is a title is asked only of a name of several words).
        may_name = before is not None and (" " not in before["s"] or not self.headline)
        if may_name and self._names_the_size(before):
            return before["s"]
        after = _NAME_AFTER_SIZE.match(self.text, item.match_span[1])
        return after["s"] if after and self._is_model_name(after, coined=self.headline) else None

    def _names_the_size(self, before: regex.Match) -> bool:
        """Whether the name before a size is the model's: a name joined by "with" must
        look coined ("a Transformer with 405B parameters" is no name); one set off by "a"
        must not open its sentence ("Consequently, a 7B model")."""
        if before["coined"] is not None:
            return self._is_model_name(before)
        name_start = before.start("s")
        if before["apposed"] is not None and self.sentences.around(name_start)[0] == name_start:
            return False
        return self._is_model_name(before, coined=False)

    def _acting_names(self, start: int, end: int) -> list[tuple[regex.Match, str]]:
        """The models named as acting in text[start:end], in order, each with its match;
        a family's model written whole (`Claude Opus 4.6 ... achieves`) once, not again
        from a word inside it (`V4` of `DeepSeek V4 Pro`)."""
        names: list[tuple[regex.Match, str]] = []
        taken_to = start
        for match in _acting_models(self.text, start, end):
            if match.start("s") < taken_to:
                continue
            whole = self._family_model(match.start("s"))
            if whole:
                names.append((match, whole))
                taken_to = match.start("s") + len(whole)
            elif self._is_model_name(match) and (
                    match["s"][0].isupper() or self._of_a_family(match["s"])):
                names.append((match, match["s"]))
        return names

    def _model_named(self, match: regex.Match) -> str | None:
        """The model a match's `s` group names: a known family's model written whole
        with its version and variant (`Gemini 3.1 Pro`), else the group when it looks
        like a name."""
        return self._family_model(match.start("s")) or (
            match["s"] if self._is_model_name(match) else None)

    def _family_model(self, start: int) -> str | None:
        """The model of a known family written whole at `start` with a version or size
        (`Claude Opus 4.6`, `Llama 2 70B`, `GPT-4o`), not a device or a dataset; a plain
        number after a version is no part of it (`GPT-4 2 tasks`)."""
        found = dataset_names(self.lexicon).family_model.match(self.text, start)
        if not found:
            return None
        words = found[0].split(" ")
        for index in range(1, len(words)):
            if words[index].isdigit() and any(c.isdigit() for c in " ".join(words[:index])):
                words = words[:index]
                break
        name = " ".join(words)
        span = (start, start + len(name))
        if not any(c.isdigit() for c in name) or name.upper() in self.lexicon.not_models \
                or self.named_devices.overlaps(span) or self.datasets.overlaps(span):
            return None
        return name

    def _is_model_name(self, match: regex.Match, coined: bool = True) -> bool:
        """A model name, not a device, dataset or metric; `coined`: it must also look
        coined (GPTQ, T5), since a plain capitalized word may just start a sentence."""
        span, name = match.span("s"), match["s"]
        if name.upper() in self.lexicon.not_models:
            return False
        if coined and not _looks_like_name(name.split()[0]):
            return False
        return not (self.named_devices.overlaps(span) or self.datasets.overlaps(span))

    def qualifier(self, item: Item, sentence: Span) -> Found:
        """The qualifier just before the value, or before the first value of its list,
        or before the previous value when the two are items of one list ("up to 4.2x
        higher throughput, 75% lower latency")."""
        if item.rule.rule.qualifier:
            return item.rule.rule.qualifier, "rule default"
        own = self._own_qualifier(item, sentence)
        if own[0]:
            return own
        previous = item
        for _ in range(_LIST_REACH):  # a list is short; a long run of numbers is no list
            previous = self._previous_list_item(previous, sentence)
            if previous is None or previous.rule.rule.qualifier:
                return _NONE
            shared, how = self._own_qualifier(previous, sentence)
            if shared:
                return shared, f"the list's qualifier ({how})"
        return _NONE

    def _own_qualifier(self, item: Item, sentence: Span) -> Found:
        window = self.text[max(sentence[0], item.list_start - 24):item.list_start]
        match = self.cues.qualifier_before.search(window)
        if not match:
            return self._qualifier_after(item)
        if not self._bounds_the_number(match, item, window):
            return _NONE
        how = "before the value" if item.index == 0 else "before the first value of the list"
        return self.lexicon.qualifiers.get(match["q"].lower()), f"{match['q']!r} {how}"

    def _bounds_the_number(self, match: regex.Match, item: Item, window: str) -> bool:
        """Whether a qualifier bounds the number: `up to` that ends a `from ...` range does
        not (from tens of millions of parameters up to a 280 billion parameter model); a
        preposition does not before an article, save for a relative number, nor before a
        number used as an adjective (over a 75-day period, within 1-hour windows)."""
        spelling = match["q"].lower()
        if spelling == "up to" and _RANGE_FROM.search(self.text, max(0, item.list_start - 120),
                                                      item.list_start - len(window)
                                                      + match.start()):
            return False
        if spelling not in self.lexicon.qualifier_prepositions:
            return True
        if _ADJECTIVE_NUMBER.match(self.text, item.anchor[1]):
            return False
        return not _ARTICLE_END.search(match.group()) or item.kind in self.lexicon.relative_kinds

    def _qualifier_after(self, item: Item) -> Found:
        """A bound written after the number: `3x or more`, `30 FPS or higher` (at least),
        `10+%`, `100k+ trajectories` (over)."""
        if _PLUS_AFTER.match(self.text, item.anchor[1]):
            return "over", "'+' after the value"
        if item.index == item.count - 1 and _OR_MORE.match(self.text, item.match_span[1]):
            return "at least", "'or more' after the value"
        return _NONE

    def _previous_list_item(self, item: Item, sentence: Span) -> Item | None:
        """The value before this one when only a list's joint lies between them: a comma
        or `and` within a few words, no other number, no new clause or comparison."""
        index = self._position[id(item)]
        if index == 0 or item.rule.rule.unit in self.lexicon.level_units:
            return None
        previous = self.items[index - 1]
        if (previous.kind == Kind.hardware or previous.match_span[1] <= sentence[0]
                or previous.anchor[1] > item.list_start):
            return None
        between = self.text[previous.match_span[1]:item.list_start]
        return previous if _LIST_JOINT.fullmatch(between) else None

    def hardware(self, item: Item, sentence: Span, unit: str = "",
                 metric: str | None = None) -> Found:
        """The rule's device, else a named one in the value's stretch, else the only
        named one of its sentence; for a performance claim with none, or with only a
        class word (GPU), the one device the paper names for its experiments."""
        found = item.group("hw")
        if found:
            name = self.ruleset.canonical_device(found[1])
            return name or " ".join(found[1].split()), "rule group hw"
        if item.rule.rule.hardware:
            return item.rule.rule.hardware, "rule default"
        if item.kind not in self.lexicon.hardware_kinds or self._deviceless(item, unit, metric):
            return _NONE
        named = self._nearby(self.named_devices, item, sentence)
        if named[0] or item.kind in self.lexicon.stretch_hardware_kinds:
            return named if named[0] else self._device_word_before(item, sentence)
        in_sentence = {name for _, name in self.named_devices.within(*sentence)}
        if len(in_sentence) == 1:
            return in_sentence.pop(), "the only device its sentence names"
        generic = self._nearby(self.generic_devices, item, sentence)
        doc_device = self.doc_device() if self._performance(item, unit) else None
        if doc_device and (not generic[0] or doc_device.named):
            return doc_device.name, "the one device the paper names"
        return generic

    def _device_word_before(self, item: Item, sentence: Span) -> Found:
        """A device word before the value in its own stretch, saying what it is measured
        on (`reducing GPU memory by 53.3%`)."""
        start, _ = self._own_stretch(item, sentence)
        before = self.measuring_devices.within(start, item.list_start)
        return (before[-1][1], "a device word before the value in its stretch") if before \
            else _NONE

    def _performance(self, item: Item, unit: str) -> bool:
        """A claim about how fast or costly something runs: the kinds the guidelines
        list, and quantities of memory or time."""
        if item.kind in self.lexicon.performance_kinds:
            return True
        base = in_base_units(1, unit) if item.kind == Kind.quantity and unit else None
        return base is not None and base[1] in ("bit", "second")

    def _deviceless(self, item: Item, unit: str, metric: str | None) -> bool:
        """A quantity not measured on a device: a data size, a step count, a budget."""
        return (item.kind == Kind.quantity and unit in self.lexicon.deviceless_units
                and metric not in self.lexicon.device_metrics)

    def dataset(self, item: Item, sentence: Span, unit: str = "") -> Found:
        """The rule's `d` group, else a dataset in the value's stretch; for a result
        without one, the dataset named last before it in its sentence, else the only one
        its text names; for a count of items, the dataset the text presents."""
        found = item.group("d")
        if found:
            name = self.ruleset.datasets.name_of(found[1])
            return name or " ".join(found[1].split()), "rule group d"
        if item.kind not in self.lexicon.dataset_kinds:
            return _NONE
        other_end = self._other_end(item)
        if other_end is not None:
            name = self.dataset(other_end, sentence)[0]
            if name:
                return name, "shared with the other end of `from X to Y`"
        respectively = self._paired_respectively(item, sentence)
        if respectively[0]:
            return respectively
        near = self._nearby(self.datasets, item, sentence)
        if near[0]:
            return self._with_its_list(near, item, sentence)
        shared = self._dataset_of_the_next(item, sentence)
        if shared[0]:
            return shared
        paired = self._paired_with_an_earlier_list(item, sentence)
        if paired[0]:
            return paired
        if item.kind == Kind.quantity:
            setting = self._setting_dataset(item, sentence)
            if setting[0]:
                return setting
        else:
            before = self.datasets.within(sentence[0], item.list_start)
            if before:
                return self._with_its_list((before[-1][1], "named last before the value in its "
                                            "sentence"), item, sentence)
        if item.kind in (Kind.score, Kind.improvement) and self.sole_dataset:
            return self.sole_dataset, "the only dataset the text names"
        if item.kind in (Kind.score, Kind.improvement):
            carried = self._dataset_of_the_sentence_before(sentence)
            if carried[0]:
                return carried
        counts = item.kind == Kind.quantity and unit and not is_known_plain_unit(unit)
        presented = self.presented_datasets
        if counts and (len(presented) == 1 or self.doc_subject in presented):
            return self.doc_subject if self.doc_subject in presented else presented[0], \
                "the dataset the text presents (a count of its items)"
        if (counts or item.kind in (Kind.score, Kind.improvement)) and not self.datasets.found \
                and self.doc_dataset():
            return self.doc_dataset(), "the benchmark the paper is (its title says so)"
        return _NONE

    def _setting_dataset(self, item: Item, sentence: Span) -> Found:
        """The dataset of the phrase that opens the sentence and sets where its results
        are (`On the WMT'14 English-French task, we obtain ... in 8.5 hours`): a count,
        time or size measured there is on it; named elsewhere in the sentence, a dataset
        may be the one the count is of (`a dataset of 24,513 tweets`)."""
        opening = self.cues.setting_opening.match(self.text, sentence[0], sentence[1])
        if not opening or opening.end() > item.list_start:
            return _NONE
        named = self.datasets.within(*opening.span("s"))
        if not named:
            return _NONE
        return self._with_its_list((named[-1][1], _SETTING), item, sentence)

    def _dataset_of_the_sentence_before(self, sentence: Span) -> Found:
        """A result in a sentence naming no dataset goes on with the known one the
        sentence before names (`... on WMT'14 English-German. We further improve these
        results to 29.8 BLEU ...`); a name read from the wording alone is too often no
        dataset to be carried on."""
        if sentence[0] <= 0 or self.datasets.within(*sentence):
            return _NONE
        known = self.ruleset.datasets.name_of
        names = {name for _, name in self.datasets.within(*self.sentences.around(sentence[0] - 1))
                 if known(name)}
        return (names.pop(), "the one dataset the sentence before names") if len(names) == 1 \
            else _NONE

    def _paired_with_an_earlier_list(self, item: Item, sentence: Span) -> Found:
        """A list of values in a sentence naming no dataset (`a 3.5x and 4x improvement`)
        pairs in order with the list of as many datasets of one of the two sentences
        before it (`FID scores of 2.51 and 3.25 on CIFAR-10 and ImageNet`)."""
        if self.datasets.within(*sentence):
            return _NONE
        values = self._values_like(item, sentence)
        if len(values) < 2:
            return _NONE
        start = sentence[0]
        for _ in range(2):
            if start <= 0:
                break
            earlier = self.sentences.around(start - 1)
            names = self.datasets.within(*earlier)
            if names:
                if len(names) != len(values):
                    break
                at = next(index for index, value in enumerate(values) if value is item)
                return names[at][1], "paired with the datasets of an earlier list"
            start = earlier[0]
        return _NONE

    def _paired_respectively(self, item: Item, sentence: Span) -> Found:
        """A list of values closed by `respectively` pairs in order with the list of as
        many datasets its sentence names before them and none after (`On NQ320K and
        MS300K, ... by 8.44% and 3.19%, respectively`)."""
        if item.kind == Kind.quantity or not _RESPECTIVELY.search(self.text, *sentence):
            return _NONE  # `one or two in-context examples`: amounts, no results
        values = self._list_of_values(item, sentence)
        if len(values) < 2:
            return _NONE
        within = self.datasets.within(*sentence)
        mentions = [m for m in within if m[0][1] <= values[0].anchor[0]]
        if len(mentions) < len(within):
            return _NONE  # `+17 and +15 points on LOFT, ... respectively`: named after them
        lists: list[list[Mention]] = []
        for mention in mentions:
            if lists and _DATASET_JOIN.fullmatch(self.text, lists[-1][-1][0][1], mention[0][0]):
                lists[-1].append(mention)
            else:
                lists.append([mention])
        named = next((names for names in reversed(lists) if len(names) == len(values)), None)
        if named is None:
            return _NONE
        return named[values.index(item)][1], "paired in order with the datasets, respectively"

    def _values_like(self, item: Item, sentence: Span) -> list[Item]:
        """The values of the sentence of the item's kind, the item among them."""
        return [other for other in self.items
                if sentence[0] <= other.anchor[0] < sentence[1] and other.kind == item.kind]

    def _list_of_values(self, item: Item, sentence: Span) -> list[Item]:
        """The values of the sentence joined to this one in a list (`8.44% and 3.19%`)."""
        values = self._values_like(item, sentence)
        at = next((index for index, other in enumerate(values) if other is item), None)
        if at is None:
            return []
        first = last = at
        while first > 0 and _VALUE_JOIN.fullmatch(self.text, values[first - 1].anchor[1],
                                                  values[first].anchor[0]):
            first -= 1
        while last + 1 < len(values) and _VALUE_JOIN.fullmatch(
                self.text, values[last].anchor[1], values[last + 1].anchor[0]):
            last += 1
        return values[first:last + 1]

    def _dataset_of_the_next(self, item: Item, sentence: Span) -> Found:
        """`a 3x speedup and 16.8% performance gain on A and B`: a value joined by `and` to
        the next one shares the dataset named after both."""
        index = self._position[id(item)] + 1
        if index >= len(self.items):
            return _NONE
        following = self.items[index]
        if following.anchor[0] >= sentence[1] or not _AND_NEXT.fullmatch(
                self.text, item.match_span[1], following.list_start):
            return _NONE
        name, how = self._nearby(self.datasets, following, sentence)
        if not name or not how.startswith("after"):
            return _NONE
        return self._with_its_list((name, how), following, sentence)[0], \
            "shared with the next value, named after both"

    def _with_its_list(self, found: Found, item: Item, sentence: Span) -> Found:
        """A dataset named in a list of datasets (`on Kodak, Set14, and Urban100`) stands
        for the whole list, as written, unless the values pair with its names (a list of
        values, `respectively`)."""
        name, how = found
        if item.count > 1 or how.startswith("paired") or _RESPECTIVELY.search(
                self.text, sentence[0], sentence[1]) or self._in_a_list_of_values(item):
            return found
        mentions = self.datasets.within(*sentence)
        at = min((index for index, (_, named) in enumerate(mentions) if named == name),
                 key=lambda index: abs(mentions[index][0][0] - item.anchor[0]), default=None)
        if at is None:
            return found
        first = last = at
        while first > 0 and _DATASET_JOIN.fullmatch(
                self.text, mentions[first - 1][0][1], mentions[first][0][0]):
            first -= 1
        while last + 1 < len(mentions) and _DATASET_JOIN.fullmatch(
                self.text, mentions[last][0][1], mentions[last + 1][0][0]):
            last += 1
        closing = next((index for index in range(first, last) if _LIST_CLOSE.search(
            self.text, mentions[index][0][1], mentions[index + 1][0][0])), None)
        if closing is not None and closing + 1 < last:
            last = closing + 1  # `on A, B, and C, QCR reaches`: the list ends at its `and C`
        if first == last or not first <= at <= last:
            return found
        return self.text[mentions[first][0][0]:mentions[last][0][1]], f"{how}, with its list"

    def _in_a_list_of_values(self, item: Item) -> bool:
        """Whether another value stands right beside this one in a list (`77.6% and
        52.9%`): the values may pair with the names."""
        return any(_VALUE_JOIN.fullmatch(self.text, *between) for other in self.items
                   if other is not item for between in ((item.anchor[1], other.anchor[0]),
                                                        (other.anchor[1], item.anchor[0])))

    @cached_property
    def presented_datasets(self) -> list[str]:
        """The datasets the text presents as such, in words first (`SpaceVista-1M, a
        dataset of ...`), else by name; found once per field, for the counts of items
        that may be theirs."""
        return self._names.introduced(self_named=False) or self._names.introduced()

    @cached_property
    def sole_dataset(self) -> str | None:
        """The one dataset a text names, if it names only one: a score has a dataset,
        and here there is no other it can be on; of several, the paper's own benchmark
        (`MLRC-Bench: Can Language Agents ...`), where its results are measured."""
        names = {name for _, name in self.datasets.found}
        if len(names) > 1 and self.doc_subject in names:
            return self.doc_subject
        return names.pop() if len(names) == 1 else None

    def baseline(self, item: Item, sentence: Span) -> Found:
        """`b` group, else a cue after the value, else before it in its own stretch, else
        the baseline of the previous relative value of the sentence ("60% smaller and 30%
        faster than X")."""
        captured = _captured(item, "b")
        if captured:
            return captured, "rule group b"
        if item.kind == Kind.score:
            compared = _COMPARED_RIGHT_AFTER.match(self.text, item.anchor[1])
            return (compared["b"], "the score it is compared to, right after it") if compared \
                else _NONE
        if item.kind not in self.lexicon.relative_kinds:
            return _NONE
        index = self._position[id(item)]
        if index not in self._baselines:
            self._baselines[index] = self._resolve_baseline(index, item, sentence)
        return self._baselines[index]

    def _resolve_baseline(self, index: int, item: Item, sentence: Span) -> Found:
        own = self._own_baseline(item, sentence)
        if own[0]:
            return own
        clause = self.clauses.around(item.list_start, item.anchor[1])
        for back in range(index - 1, -1, -1):
            previous = self.items[back]
            if previous.anchor[1] <= clause[0]:
                break
            if previous.kind in self.lexicon.relative_kinds:
                value, how = self._baselines.get(back) or self.baseline(previous, sentence)
                if how.startswith("shared"):
                    return value, how
                if value:
                    return value, f"shared with the previous value ({how})"
                break
        ahead = self._baseline_ahead(index, sentence)
        if ahead[0]:
            return ahead
        framing = self._framing_baseline(item, sentence)
        return framing if framing[0] else self._compared_elsewhere(index, item, sentence)

    def _compared_elsewhere(self, index: int, item: Item, sentence: Span) -> Found:
        """What the sentence compares with before the value, past its own stretch (`beats
        X with experts from 8 to 64, with up to 2.2x improvement`), else after it (`a
        2.5x reduction in FLOPs, without a loss in accuracy relative to the dense
        baseline`), when no other relative value stands between."""
        if item.rule.rule.unit in self.lexicon.level_units:
            return _NONE
        before = list(self.cues.baseline_before.finditer(self.text, sentence[0],
                                                         item.list_start))
        after = self.cues.baseline_before.search(self.text, item.match_span[1], sentence[1])
        for cue, how in ((before[-1] if before else None, "earlier"), (after, "later")):
            if cue is None:
                continue
            low, high = sorted((cue.start(), item.anchor[0]))
            if not any(low < other.anchor[0] < high and other is not item and other.kind in
                       self.lexicon.relative_kinds for other in self.items):
                return (self._named_in_parentheses(cue) or _clean_baseline(cue["b"])), \
                    f"compared with {how} in the sentence"
        return _NONE

    def _framing_baseline(self, item: Item, sentence: Span) -> Found:
        """A comparison opening or closing the sentence, set off by a comma ("Compared
        with X, ...", "..., relative to X."): it frames every relative value in it."""
        if item.rule.rule.unit in self.lexicon.level_units:
            return _NONE
        lead = self.cues.baseline_lead.match(self.text, sentence[0], item.list_start)
        if lead:
            return _clean_baseline(lead["b"]), "comparison opening the sentence"
        trail = self.cues.baseline_trail.search(self.text, item.match_span[1], sentence[1])
        return (_clean_baseline(trail["b"]), "comparison closing the sentence") if trail \
            else _NONE

    def _baseline_ahead(self, index: int, sentence: Span) -> Found:
        """The baseline named after the last of a run of relative values ("up to 2.3x
        higher throughput, 2x lower latency, and 3.7x lower tail latency, compared to
        vLLM"): the values before it in the run share it. Found once per run."""
        if self.items[index].rule.rule.unit in self.lexicon.level_units:
            return _NONE
        if index in self._ahead:
            return self._ahead[index]
        clause = self.clauses.around(self.items[index].list_start, self.items[index].anchor[1])
        run, found = [index], _NONE
        for ahead in range(index + 1, len(self.items)):
            following = self.items[ahead]
            if following.anchor[0] >= clause[1]:
                break
            if following.kind not in self.lexicon.relative_kinds:
                continue
            if ahead in self._ahead:
                found = self._ahead[ahead]
                break
            pattern = (self.cues.baselines_after if following.count > 1
                       else self.cues.baseline_after)
            after = pattern.match(self.text, following.match_span[1], sentence[1])
            if after:
                found = (_pick_from_list(after["b"], following),
                         "shared with a later value (cue after it)")
                break
            start, _ = self._own_stretch(following, sentence)
            if self.cues.baseline_before.search(self.text, start, following.list_start):
                break  # a value with a baseline of its own ends the run
            run.append(ahead)
        for member in run:
            self._ahead[member] = found
        return found

    def _own_baseline(self, item: Item, sentence: Span) -> Found:
        pattern = self.cues.baselines_after if item.count > 1 else self.cues.baseline_after
        after = pattern.match(self.text, item.match_span[1], sentence[1])
        if after:
            return (self._named_in_parentheses(after)
                    or _pick_from_list(after["b"], item)), "cue after the value"
        start, _ = self._own_stretch(item, sentence)
        cues = list(self.cues.baseline_before.finditer(self.text, start, item.list_start))
        if not cues:
            return _NONE
        return (self._named_in_parentheses(cues[-1])
                or _clean_baseline(cues[-1]["b"])), "cue before the value"

    def _named_in_parentheses(self, cue: regex.Match) -> str | None:
        """The name a generic baseline phrase gives in parentheses or between commas: `a
        61.6% gain over the best baseline (CoT)` -> CoT, `outperforming the strongest
        baseline, Graph-R1, by 10.74 points` -> Graph-R1."""
        phrase = _clean_baseline(cue["b"])
        if not phrase or any(c.isupper() or c.isdigit() for c in phrase) and \
                not _GENERIC_HEAD.search(phrase):
            return None
        end = cue.end("b")  # `the translations of models like GPT-3 and XGLM` too
        named = _NAME_IN_PARENTHESES.match(self.text, end) or _NAME_APPOSED.match(
            self.text, end) or _EXAMPLES_NAMED.match(self.text, end)
        return named["n"] if named else None

    def _own_stretch(self, item: Item, sentence: Span) -> Span:
        """From the end of the previous value (or clause) to the start of the next one;
        worked out once per value (its dataset, baseline and subject each ask)."""
        key = (item.list_start, item.anchor, item.match_span, sentence)
        stretch = self._stretches.get(key)
        if stretch is None:
            stretch = self._stretches[key] = self._find_own_stretch(item, sentence)
        return stretch

    def _find_own_stretch(self, item: Item, sentence: Span) -> Span:
        start, end = sentence
        spans = self.value_spans
        before = bisect_left(self._value_starts, item.list_start) - 1
        while before >= 0 and spans[before][1] > item.list_start:
            before -= 1
        following = item.list_start
        while before >= 0 and _PAIRED.fullmatch(self.text, spans[before][1], following):
            following = spans[before][0]  # `93.3%/79.8%`: a pair shares what stands before
            before -= 1
        if before >= 0:
            start = max(start, spans[before][1])
        after = bisect_left(self._value_starts, item.anchor[1])
        while after < len(spans) and _same_list(spans[after], item):
            after += 1
        if after < len(spans):
            end = min(end, spans[after][0])
        for brk in _CLAUSE_BREAK.finditer(self.text, start, end):
            if brk.end() <= item.list_start:
                start = brk.end()
            elif brk.start() >= item.anchor[1]:
                end = brk.start()
                break
        return start, end

    def _nearby(self, mentions: Mentions, item: Item, sentence: Span) -> Found:
        """The mention in the value's own stretch: after it first, then the closest before.

        A list of values followed by as many mentions pairs them in order
        ("2.51 and 3.25 on CIFAR-10 and ImageNet").
        """
        start, end = self._own_stretch(item, sentence)
        labelled = self._labelling(mentions, item)
        if labelled:
            return labelled, "naming the metric of the value (`a GLUE score of 89.4`)"
        labelled = self._before_parenthesis(mentions, item, start)
        if labelled:
            return labelled, "just before the parenthesis holding the value"
        turn = _NEW_CLAUSE.search(self.text, item.anchor[1], end)
        after = mentions.within(item.anchor[1], turn.start() if turn else end)
        before = mentions.within(start, item.list_start)
        if before and not self.text[before[-1][0][1]:item.list_start].strip(" :="):
            return before[-1][1], "right before the value (`(IFEval 79.9)`)"
        if before and _LINKED_BEFORE.fullmatch(self.text, before[-1][0][1], item.list_start):
            return before[-1][1], "linked to the value just before it (`on X by 4.3`)"
        if item.count > 1:
            for listed in (mentions.within(item.match_span[1], end), before):
                if len(listed) == item.count:
                    return listed[item.index][1], "paired with the list of values"
        if after:
            return after[0][1], "after the value in its stretch of the sentence"
        return (before[-1][1], "before the value in its stretch of the sentence") \
            if before else _NONE


    def _labelling(self, mentions: Mentions, item: Item) -> str | None:
        """A mention inside the match before the value, or right before the match."""
        named = mentions.within(item.match_span[0] - 2, item.list_start)
        return named[-1][1] if named else None

    def _before_parenthesis(self, mentions: Mentions, item: Item, start: int) -> str | None:
        """`WikiText103 (10.8 compared to 15.8)`: the name the parenthesis belongs to."""
        opening = self.text.rfind("(", start, item.list_start)
        if opening < 0 or ")" in self.text[opening:item.list_start]:
            return None
        named = [m for m in mentions.within(max(0, opening - 200), opening)
                 if opening - m[0][1] <= 2]
        return named[-1][1] if named else None


class Mentions:
    """Named things found in a text, sorted, for lookups by position in log time."""

    def __init__(self, found: list[Mention]) -> None:
        self.found = sorted(found)
        self.starts = [span[0] for span, _ in self.found]

    def within(self, low: int, high: int) -> list[Mention]:
        """Mentions that lie entirely in [low, high), in reading order."""
        first, last = bisect_left(self.starts, low), bisect_left(self.starts, high)
        return [m for m in self.found[first:last] if m[0][1] <= high]

    def overlaps(self, span: Span) -> bool:
        index = bisect_left(self.starts, span[1]) - 1
        return index >= 0 and self.found[index][0][1] > span[0]


def _variants_of_known(named: list[Mention], known: list[Mention]) -> list[Mention]:
    """Names read from the wording that run on past a known dataset they start with
    (`Atari 100k`, `MLE-Bench Lite`, `ImageNet ILSVRC2012`): a variant the lexicon does
    not list, named as written rather than by the known name inside it."""
    return [(span, name) for span, name in named
            if any(other[0] == span[0] and other[1] < span[1] for other, _ in known)]


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _same_list(span: Span, item: Item) -> bool:
    return item.match_span[0] <= span[0] and span[1] <= item.match_span[1]


#: A device word that is part of a unit after it (`four GPU hours`).
_DEVICE_UNIT_AFTER = regex.compile(r"[\s-]hours?\b", regex.VERSION1)
#: A comparison right before a device word, past other device words (`over GPU and CPU`).
_COMPARED_DEVICE = regex.compile(r"\b(?:over|than|versus|vs\.?|compared\s(?:to|with)|relative\s"
                                 r"to)\s(?:the\s)?(?:[A-Z]PUs?,?\s(?:and\s|or\s)?)*$",
                                 regex.VERSION1)
#: What joins the names of a list of datasets (`Kodak, Set14, and Urban100`).
_DATASET_JOIN = regex.compile(r",\s(?:and\s|or\s)?|\s(?:and|or)\s", regex.VERSION1)
#: A score compared right after it to another's (`10.8 compared to SOTA perplexity of`).
_COMPARED_RIGHT_AFTER = regex.compile(r"%?\s(?:compared\sto|vs\.?|versus)\s(?:the\s)?"
                                      r"(?P<b>[A-Za-z][\w\-.]*)\s[\w\-\s]{1,40}?\sof\s[\d.]",
                                      regex.VERSION1)
#: A value's words, then `and`, then the next value (`speedup and 16.8%`).
_AND_NEXT = regex.compile(r"(?:\s[\w-]+){0,3}\sand\s(?:an?\s)?(?:up\sto\s|about\s)?",
                          regex.VERSION1)
_LIST_CLOSE = regex.compile(r"\b(?:and|or)\s", regex.VERSION1)
_VALUE_JOIN = regex.compile(r"(?:%|\\%|x)?(?:,\s(?:and\s|or\s)?|\s(?:and|or)\s)", regex.VERSION1)
_RESPECTIVELY = regex.compile(r"\brespectively\b", regex.VERSION1)

# The share of a model's parameters a size counts, written right after it.
_PARAMETER_SHARE = regex.compile(r"(?:\s?(?:parameters?|params)\s\(?|\s)?(?P<share>total|activated"
                                 r"|active|trainable|non-embedding)\b", regex.IGNORECASE)
_WHAT_IS_COMPARED = regex.compile(
    r"(?:baselines?|models?|methods?|systems?|approach(?:es)?|frameworks?|it|them|this|that"
    r"|results?|state[\s-]of[\s-]the[\s-]art|SOTA)$", regex.IGNORECASE)


#: What a score measures, written right after it: a bracketed name (`22.3% (AUROC)`) or a
#: few words that close a phrase (`100% medal rate,`, `60.5% consensus faithfulness and`).
_WORDED_METRIC = regex.compile(
    r"\s?\((?P<m>[A-Za-z][\w@.-]{1,20})\)|\s(?P<m>[A-Za-z][\w@-]*(?:\s[a-z][\w@-]*){0,2})"
    r"(?=[,.;:)]|\s(?:and|or|on|in|with|for|under|while|across|at|versus|vs\.?|compared)\b|$)",
    regex.VERSION1)
#: A coined name right before a score, or linked to it by `=` or `:` (`chrF 43.89`,
#: `R2=0.77`, `COMET 0.758`).
_NAME_BEFORE = regex.compile(r"(?<![\w@-])(?P<m>[a-z]*[A-Z][\w@-]*)\s?(?:[=:]\s?)?$",
                             regex.VERSION1)
_STOP_WORD = regex.compile(r"(?i:\b(?:the|a|an|of|to|and|or|on|in|is|are|was|were|by|from|than"
                           r"|with|at|for|as|which|that|this|it|its|our|their|while|vs|versus"
                           r"|across|among|between|under|over|within|without|during|into"
                           r"|respectively|improvements?|gains?|increases?|boosts?|reductions?"
                           r"|drops?|decreases?|points?)\b)",
                           regex.VERSION1)


def _is_metric_phrase(phrase: str) -> bool:
    """Words that can name a metric: a few, with no digit-led number and not what is
    compared (`the base model`, `prior methods`)."""
    words = phrase.split()
    return (0 < len(words) <= 6 and not regex.match(r"\d", phrase)
            and not _WHAT_IS_COMPARED.search(phrase.strip()))


def _metric_phrase(phrase: str) -> str:
    """A metric phrase without a leading article or possessive, nor the dataset or
    setting it is on (`performance on LongVideoBench` -> performance)."""
    phrase = regex.sub(r"^(?:the|its|their|our|a|an)\s+", "", " ".join(phrase.split()),
                       flags=regex.IGNORECASE)
    return regex.sub(r"\s(?:on|in|for|across|with|at|under)\s.*$", "", phrase)


def _captured(item: Item, name: str) -> str | None:
    found = item.group(name)
    return " ".join(found[1].split()) if found else None


#: A phrase that opens with an amount, maybe signed (`versus +1.1 points`): a value, never
#: a baseline's name; a name may start with a digit (`over 3DGS`).
_NUMBER_FIRST = regex.compile(r"[+\-−±~]?\d[\d.,]*(?:[x×%](?!\w)|(?!\w))")


def _clean_baseline(text: str) -> str | None:
    """The baseline's name without articles or a trailing `baseline` (`the CPU baseline`
    -> CPU); a plain phrase keeps its noun (`optimized baselines`) and ends before a
    verb (`the single-shot baseline is significant`)."""
    text = _VERB_TAIL.sub("", " ".join(text.split()))
    named = _EXAMPLES_OF.search(text)
    if named:
        text = named["n"]
    for _ in range(2):
        shorter = _BASELINE_NOISE.sub("", text)
        if shorter != text and shorter.islower() and text.lower().endswith(("baseline",
                                                                           "baselines")):
            text = _ARTICLE.sub("", text)  # `the dense baseline` -> `dense baseline`
            break
        text = shorter
    if not text or _NUMBER_FIRST.match(text) or not any(c.isalpha() for c in text) \
            or text.lower() in {"it", "them", "this", "that"}:
        return None  # `versus +1.1 points`: another value, no baseline
    return text


def _pick_from_list(text: str, item: Item) -> str | None:
    """`than A, B, and C` gives each of three values its own baseline; a join the phrase
    ends with opens the next clause (`over the human expert, and by 47.0% ...`)."""
    text = _TRAILING_JOIN.sub("", text)
    if item.count > 1:
        parts = [p for p in _LIST_SPLIT.split(text) if p]
        if len(parts) == item.count:
            return _clean_baseline(parts[item.index])
    return _clean_baseline(text)


def subject_of(title: str, text: str, cues: list[str],
               not_names: AbstractSet[str] = frozenset()) -> str | None:
    """The method a paper is about: the name before its title's colon, else the first
    name its abstract introduces ("we propose X", "dubbed X"). The name must look
    coined (FlexGen) or be set off as an apposition ("We introduce Mixtral, a ...").

    >>> subject_of("GPTQ: Accurate Post-Training Quantization", "", [])
    'GPTQ'
    >>> subject_of("The Languini Kitchen: Enabling Research", "", [])
    >>> subject_of("Synthetic Adaptive Guided Embeddings (SAGE): A Novel Method", "", [])
    'SAGE'
    >>> subject_of("On scaling", "In this paper, we propose a framework called FlexGen.",
    ...            ["called"])
    'FlexGen'
    >>> subject_of("Mixtral of Experts", "We introduce Mixtral, a sparse model.", ["introduce"])
    'Mixtral'
    >>> subject_of("Attention", "We introduce Transformers that are fast.", ["introduce"])
    >>> subject_of("Sparsity", "We propose a Parameter-efficient Sparse Training (PST) method.",
    ...            ["propose a"])
    'PST'
    >>> subject_of("Always Keep Your Promises: DynamicLRP, A Model-Agnostic Solution", "", [])
    'DynamicLRP'
    >>> subject_of("The Daily Dose: Workflow-Integrated Automation",
    ...            "We describe The Daily Dose (TDD), an LLM-driven tool.", [])
    'TDD'
    >>> subject_of("View-Impostor Audits for Sparse-View 3D Scene World Models",
    ...            "Is the Desktop artifact named v4? Yes.", ["named"])
    """
    match = _TITLE_NAME.match(title)
    if match and (match["acronym"] or _names_something(match["s"], not_names)):
        return match["acronym"] or _acronym_of(match["s"].removeprefix("The "), text)
    if match and not _starts_generic(match["s"]):
        acronym = _acronym_of(match["s"], text)
        if acronym != match["s"]:
            return acronym  # plain words the abstract names by an acronym: The Daily Dose (TDD)
    apposed = _TITLE_APPOSED.match(title)
    if apposed and _looks_like_name(apposed["s"]) and not _generic(apposed["s"], not_names):
        return apposed["s"]
    return _introduced_name(text, cues, not_names) or _short_title_name(title)


def benchmark_of(title: str, subject: str | None, lexicon: ContextLexicon) -> str | None:
    """The paper's own name when its title presents it as a benchmark or a dataset
    (`Hear2Act: Benchmarking When Prosody ...`, `CheXthought: A global multimodal dataset
    of ...`): the results its abstract reports are measured on it."""
    if not subject or not title:
        return None
    nouns = "|".join(lexicon.dataset_nouns or ["(?!)"])
    described = title.split(":", 1)[1] if ":" in title else title
    return subject if regex.search(rf"(?i:\b(?:{nouns}|benchmarking)\b)", described) else None


#: Words that open a title's phrase, never a name: "Beyond ReLU: ...", "From RAG to ...".
_NOT_NAME_OPENERS = frozenset({"beyond", "from", "towards", "toward", "rethinking", "on",
                               "when", "why", "how", "what", "can", "do", "does", "is", "are",
                               "a", "an", "to", "in", "revisiting", "unveiling", "unlocking",
                               "bridging", "enhancing", "improving", "learning", "scaling",
                               "efficient", "large", "small", "deep", "neural", "position"})


def _starts_generic(name: str) -> bool:
    """Whether a title's phrase opens with a word that never starts a name (`Beyond`)."""
    return name.split()[0].lower() in _NOT_NAME_OPENERS


def _names_something(name: str, not_names: AbstractSet[str]) -> bool:
    """Whether a title's text before its colon is a name: one word that is no generic
    term, or words of which one is coined once generic terms are set aside ("FSP-DETR",
    not "Human-LLM Coevolution", "Vision Language Models" or "Beyond ReLU").

    >>> _names_something("Heimdall", set()), _names_something("FSP-DETR", set())
    (True, True)
    >>> _names_something("Human-LLM Coevolution", {"LLM"}), _names_something("Beyond ReLU", set())
    (False, False)
    """
    words = name.split()
    if _starts_generic(name):
        return False
    parts = [part for word in words for part in word.split("-")
             if part and part.upper() not in not_names and not _PLURAL_ACRONYM.fullmatch(part)]
    if len(words) == 1:
        return bool(parts)
    if words[-1].upper() in not_names and len(parts) == len(words) - 1:
        return True  # a class term named by the words before it: "Switch Transformers"
    return any(_looks_like_name(part) for part in parts)


def _acronym_of(name: str, text: str) -> str:
    """The acronym the abstract gives the name, as the paper then uses it: "Monarch
    Mixer (M2)" -> M2; else the name.

    >>> _acronym_of("Monarch Mixer", "We propose Monarch Mixer (M2), a new architecture.")
    'M2'
    """
    start = text.find(name)
    while start >= 0:  # no pattern compiled per name: names rarely repeat across papers
        found = _ACRONYM_AFTER.match(text, start + len(name))
        if found:
            return found["a"] if _looks_like_name(found["a"]) else name
        start = text.find(name, start + 1)
    return name


def _introduced_name(text: str, cues: list[str], not_names: AbstractSet[str]) -> str | None:
    """The name the first cue that introduces one gives; each cue's pattern is tried only
    where its leading words stand, not at every character of the abstract."""
    for cue in cues:
        for found in finditer(_cue_pattern(cue), text):
            name, apposition = found["s"], _APPOSITION.match(text, found.end())
            if apposition and apposition["acronym"] and _looks_like_name(apposition["acronym"]):
                return apposition["acronym"]  # "a Parameter-efficient Sparse Training (PST)"
            if _generic(name, not_names):
                continue
            if _looks_like_name(name) or apposition:
                more = apposition["more"].rstrip("_") if apposition else ""
                return name + more if more and _NAME_GOES_ON.fullmatch(more) else name
    return None


def _generic(name: str, not_names: AbstractSet[str]) -> bool:
    """No name: a generic term (LLMs), a single letter (O(log V)), a compound adjective
    (GPU-accelerated, LLM-driven) or a version alone (`the v4 artifact`)."""
    first = name.split()[0]
    return first.upper() in not_names or len(name) < 2 or bool(
        _NAME_ADJECTIVE.search(first) or _VERSION_ALONE.fullmatch(first))


#: Titles of at most this many words may be a name ("Fast R-CNN", "GPT-4 Technical Report").
_SHORT_TITLE = 4


def _short_title_name(title: str) -> str | None:
    """A short title up to its last coined word, which names the method.

    >>> _short_title_name("Fast R-CNN"), _short_title_name("GPT-4 Technical Report")
    ('Fast R-CNN', 'GPT-4')
    >>> _short_title_name("Deep Residual Learning"), _short_title_name("")
    (None, None)
    """
    words = title.split()
    if len(words) > _SHORT_TITLE:
        return None
    coined = [i for i, word in enumerate(words) if _looks_like_name(word)]
    return " ".join(words[:coined[-1] + 1]) if coined else None


_HEADLINE_CHARS = 2000  # a title is short; the start of a long text tells enough
_LONGER_WORD = regex.compile(r"[A-Za-z][\w\-]{3,}")
_PLURAL_ACRONYM = regex.compile(r"[A-Z]+s")


def is_headline(text: str) -> bool:
    """Title case: nearly every longer word capitalized.

    >>> is_headline("Training Compute-Optimal Large Language Models")
    True
    >>> is_headline("We train Chinchilla, a 70B model, on 1.4T tokens.")
    False
    """
    words = _LONGER_WORD.findall(text[:_HEADLINE_CHARS])
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: LaTeX font commands a paper sets its name in (`we propose \textbf{LUT-Opt}, a ...`).
_FONT = r"\\(?:textbf|textit|textsc|texttt|textsf|textrm|emph|mathbf|mathrm|mathsf|mathit)\s?\{"


@lru_cache(maxsize=256)
def _cue_pattern(cue: str) -> regex.Pattern:
    """A cue that introduces the paper's method, then the name (compiled once)."""
    return regex.compile(rf"\b{cue}\s*(?:{_FONT}){{0,3}}[(\"“‘'_]?{_NAME}\b")


#: Compound adjectives built on a name: "GPT-like models", "BERT-based", "GradSign-assisted".
_VERSION_ALONE = regex.compile(r"[vV]\d+(?:\.\d+)*")
_NAME_ADJECTIVE = regex.compile(r"-(?:like|style|based|sized|scale|level|aware|assisted"
                                r"|only|wise|specific|agnostic|friendly|driven|accelerated"
                                r"|guided|powered|enabled|free|centric|intensive)$",
                                regex.IGNORECASE)


def _looks_like_name(word: str) -> bool:
    """A coined name has a capital or digit past its first letter (GPTQ, ZipLM, T5); a
    compound adjective built on one (GPT-like) is not a name.

    >>> _looks_like_name("ZipLM"), _looks_like_name("GPT-like"), _looks_like_name("Mixtral")
    (True, False, False)
    """
    return not _NAME_ADJECTIVE.search(word) and any(c.isupper() or c.isdigit()
                                                    for c in word[1:])
