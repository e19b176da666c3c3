"""`claims explain`: how each claim was found, and the candidates that lost overlap
resolution with why; explaining never changes what is extracted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.claim.rulepack import load_ruleset
from claims.run.cli import main
from claims.run.pipeline import explain, extract_document
from tests.conftest import RECORDS, WIDGETS, write_jsonl

#: Three rules of one priority that compete for the same number.
COMPETING_WIDGETS = WIDGETS + r"""  - id: widgets.<amount>-widgets-per-day
    pattern: '(?P<v>{NUM})\s(?P<u>widgets)\sper\sday'
    priority: 10
    examples:
      - text: "we ship 12 widgets per day"
        claims: [{value: 12, unit: widgets}]
  - id: widgets.<amount>-widgets-again
    pattern: '(?P<v>{NUM})\s(?P<u>widgets)'
    priority: 10
    examples:
      - text: "we ship 12 widgets"
        claims: [{value: 12, unit: widgets}]
"""


@pytest.fixture(scope="module")
def widget_rules(tmp_path_factory):
    directory = tmp_path_factory.mktemp("packs")
    (directory / "widgets.yaml").write_text(COMPETING_WIDGETS, encoding="utf-8")
    return load_ruleset([directory])


def test_explained_claims_are_the_extracted_claims(seed_docs) -> None:
    for doc in seed_docs[:12]:
        assert [e.claim for e in explain(doc).claims] == extract_document(doc)


def test_pieces_are_quoted_from_the_field_at_their_offsets(seed_docs) -> None:
    for doc in seed_docs[:12]:
        found = explain(doc)
        for explained in found.claims:
            text = doc.fields[explained.claim.field]
            assert explained.pieces[0].name == "match"
            for piece in explained.pieces:
                assert text[piece.start:piece.end] == piece.text
        for lost in found.rejected:
            assert doc.fields[lost.field][lost.start:lost.end] == lost.text


def test_a_longer_match_of_the_same_priority_wins(widget_rules) -> None:
    from claims.model import Document

    found = explain(Document(id="w", fields={"text": "we ship 12 widgets per day"}), widget_rules)
    assert [e.claim.rule for e in found.claims] == ["widgets.<amount>-widgets-per-day"]
    reasons = {lost.rule: lost.reason for lost in found.rejected}
    assert reasons["widgets.<amount>-widgets"] == (
        "overlaps quantity rule widgets.<amount>-widgets-per-day '12 widgets' [8:18], "
        "which is longer (18 > 10 characters)")


def test_an_earlier_rule_wins_a_tie(widget_rules) -> None:
    from claims.model import Document

    found = explain(Document(id="w", fields={"text": "we ship 12 widgets"}), widget_rules)
    assert [e.claim.rule for e in found.claims] == ["widgets.<amount>-widgets"]
    assert [(lost.rule, lost.reason.rsplit(", ", 1)[-1]) for lost in found.rejected] == [
        ("widgets.<amount>-widgets-again", "which came first (an earlier rule)")]


def test_explain_shows_pieces_number_and_unit(capsys) -> None:
    assert main(["explain", "GPTQ reaches 175 billion parameters."]) == 0
    out = capsys.readouterr().out
    assert "model_size 1.75e+11 params  '175 billion parameters' [13:35]" in out
    assert "    pieces     match '175 billion parameters' [13:35]" in out
    assert "               value '175 billion' [13:24]" in out
    assert "               unit 'parameters' [25:35]" in out
    assert "    number     '175 billion' -> 1.75e+11" in out
    assert "    unit       'params'  <- the unit the rule captured" in out


def test_explain_shows_the_losers_of_a_higher_priority_rule(capsys) -> None:
    assert main(["explain", "F1 of 88.5 on SQuAD 2.0"]) == 0
    out = capsys.readouterr().out
    lost = out[out.index("lost in overlap resolution"):]
    assert re.search(r"  score\.\S+  score '88\.5' \[6:10\]\n      overlaps score rule "
                     r"score\.<metric>-of-<scores> '88\.5' \[6:10\], which has higher "
                     r"priority \(\d+ > \d+\)", lost)


def test_explain_shows_a_device_inside_an_exclusive_match(capsys) -> None:
    assert main(["explain", "We train on 128 A100 GPUs."]) == 0
    out = capsys.readouterr().out
    assert "    unit       'devices'  <- the rule's unit" in out
    assert "  hardware.<device>  hardware 'A100 GPUs' [16:25]" in out
    assert ("      lies in the match '128 A100 GPUs' of exclusive hardware rule "
            "hardware.<count>-<device>, which has higher priority") in out


def test_explain_shows_a_number_inside_a_dataset_name(capsys) -> None:
    assert main(["explain", "results on SQuAD 2.0 and 3 GPUs"]) == 0
    out = capsys.readouterr().out
    assert "hardware 3 devices  '3 GPUs'" in out
    assert "its number is part of a mention of the dataset 'SQuAD v2.0'" in out


def test_explain_a_file_of_papers(tmp_path: Path, capsys) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    assert main(["explain", "--file", str(papers)]) == 0
    out = capsys.readouterr().out
    assert out.index("== a: Fast") < out.index("speedup 3.25 x  '3.25x' [abstract 9:14]")
    assert out.index("== b: Big") < out.index("hardware 128 devices  '128 A100 GPUs'")


def test_explain_a_plain_text_file(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Our kernels deliver a 3x speedup on long sequences.\n", encoding="utf-8")
    assert main(["explain", "--file", str(notes)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== notes\nspeedup 3 x  '3x' [22:24]\n")
    assert "    unit       'x'  <- the mark on the number" in out


@pytest.mark.parametrize("argv", [["explain"], ["explain", "3x faster", "--file", "x.txt"]])
def test_explain_wants_text_or_a_file(argv, capsys) -> None:
    assert main(argv) == 2
    assert "give either TEXT or --file PATH" in capsys.readouterr().err


def test_explain_a_missing_file(tmp_path: Path, capsys) -> None:
    assert main(["explain", "--file", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_explain_shows_the_clause_of_a_claim_in_a_longer_sentence(capsys) -> None:
    assert main(["explain", "It is 3x faster on A100, while the baseline needs 8 GPUs."]) == 0
    out = capsys.readouterr().out
    assert "    clause     'It is 3x faster on A100'" in out
    assert "    clause     'while the baseline needs 8 GPUs.'" in out
