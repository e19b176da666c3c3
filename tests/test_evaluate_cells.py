"""Scoring claims of results tables against gold cells."""

from __future__ import annotations

import pytest

from claims.evaluate_cells import evaluate_cells


def _cell(value: float, **fields: object) -> dict:
    cell = {"source": "paper", "table": "tab:main (a)", "row": "Ours", "column": ["Acc"],
            "value": value, "subject": None, "dataset": None, "metric": None, "best": None}
    return {**cell, **fields}


def _claim(value: float, **fields: object) -> dict:
    return {"doc": "paper", "table": "tab:main", "value": value, **fields}


def test_cells_match_by_document_table_and_value() -> None:
    gold = [_cell(71.2, subject="T2L", metric="accuracy", best="best"), _cell(65.0)]
    predicted = [_claim(71.2, subject="T2L", metric="acc.", marker="best"),
                 _claim(12.0), _claim(71.2, table="tab:other"), {"doc": "x", "value": 65.0}]
    scores = evaluate_cells(predicted, gold)
    assert (scores.gold, scores.predicted, scores.matched) == (2, 2, 1)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.context["subject"] == (1, 1)
    assert scores.marker == (1, 1)
    assert [cell["value"] for cell in scores.missed] == [65.0]
    assert [row["value"] for row in scores.unmatched_predictions] == [12.0]


def test_of_two_equal_values_the_one_agreeing_on_context_is_taken() -> None:
    gold = [_cell(50.0, dataset="GSM8K")]
    predicted = [_claim(50.0, dataset="MATH"), _claim(50.0, dataset="GSM8K")]
    scores = evaluate_cells(predicted, gold)
    assert scores.context["dataset"] == (1, 1)
    assert scores.accuracy("dataset") == 1.0
    assert scores.accuracy("metric") == 1.0  # never stated by the gold


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    scores = evaluate_cells([], [])
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_a_size_printed_with_its_magnitude_matches_the_number_it_stands_for() -> None:
    """A gold `2.0` in `B params` (a cell `2.0B`) is matched by a claim of 2e9."""
    gold = [_cell(2.0, unit="B params"), _cell(4.0, unit="GB")]
    predicted = [_claim(2e9), _claim(4e9)]
    scores = evaluate_cells(predicted, gold)
    assert scores.matched == 1
    assert [cell["value"] for cell in scores.missed] == [4.0]
