"""Tests for claims.evaluate: matching rules, scores, context accuracy, loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.evaluate import (
    evaluate,
    format_report,
    load_gold,
    load_predictions,
)
from claims.model import Claim, Kind

SEED_GOLD = Path(__file__).parent / "fixtures" / "seed_gold.jsonl"


def fact(kind: str, value: float | None, unit: str = "x", doc: str = "d1", **extra) -> dict:
    """A gold-format row with null context unless given."""
    row = {"doc": doc, "kind": kind, "text": extra.pop("text", "t"), "value": value,
           "value_max": None, "unit": unit, "qualifier": None, "metric": None,
           "dataset": None, "hardware": None, "baseline": None, "subject": None}
    row.update(extra)
    return row


def counts(report, kind: str | None = None) -> tuple[int, int, int]:
    s = report.overall if kind is None else report.kinds[kind]
    return s.tp, s.fp, s.fn


def test_exact_match():
    report = evaluate([fact("speedup", 3.25)], [fact("speedup", 3.25)])
    assert counts(report) == (1, 0, 0)
    assert report.overall.f1 == 1.0
    assert report.misses == [] and report.false_positives == []


def test_other_doc_or_kind_does_not_match():
    gold = [fact("speedup", 3.25)]
    assert counts(evaluate([fact("speedup", 3.25, doc="d2")], gold)) == (0, 1, 1)
    assert counts(evaluate([fact("improvement", 3.25)], gold)) == (0, 1, 1)


@pytest.mark.parametrize(("predicted", "matched"), [(3.2532, True), (3.26, False)])
def test_relative_tolerance(predicted, matched):
    report = evaluate([fact("speedup", predicted)], [fact("speedup", 3.25)])
    assert report.overall.tp == int(matched)


@pytest.mark.parametrize(("gold", "pred"), [
    ((1, "TFLOPS"), (1000, "GFLOPS")),
    ((1, "hour"), (60, "minute")),
    ((40, "GB"), (40000, "MB")),
])
def test_unit_conversion(gold, pred):
    report = evaluate([fact("quantity", pred[0], pred[1])], [fact("quantity", gold[0], gold[1])])
    assert counts(report) == (1, 0, 0)


def test_different_dimensions_do_not_match():
    report = evaluate([fact("compression", 4, "x")], [fact("compression", 4, "bits")])
    assert counts(report) == (0, 1, 1)


def test_percent_matches_fraction_after_conversion():
    report = evaluate([fact("efficiency", 0.94, "")], [fact("efficiency", 94, "%")])
    assert counts(report) == (1, 0, 0)


@pytest.mark.parametrize("kind", ["speedup", "improvement", "compression", "reduction"])
def test_percent_as_factor(kind):
    assert counts(evaluate([fact(kind, 1.3, "x")], [fact(kind, 30, "%")])) == (1, 0, 0)
    assert counts(evaluate([fact(kind, 30, "%")], [fact(kind, 1.3, "x")])) == (1, 0, 0)


def test_percent_as_factor_not_for_scores():
    report = evaluate([fact("score", 1.3, "x")], [fact("score", 30, "%")])
    assert counts(report) == (0, 1, 1)


def test_percent_as_factor_range():
    gold = [fact("speedup", 30, "%", value_max=50)]
    assert counts(evaluate([fact("speedup", 1.3, "x", value_max=1.5)], gold)) == (1, 0, 0)
    assert counts(evaluate([fact("speedup", 1.3, "x", value_max=1.6)], gold)) == (0, 1, 1)


@pytest.mark.parametrize(("gold", "pred", "matched"), [
    ("Alltoall", "Alltoalls", True),
    ("graphs", "Graph", True),
    ("models", "models", True),
    ("models", "graphs", False),
    ("models", "", False),
])
def test_unknown_units_compare_by_name(gold, pred, matched):
    report = evaluate([fact("quantity", 2, pred)], [fact("quantity", 2, gold)])
    assert report.overall.tp == int(matched)


def test_duplicates_count_once():
    gold = [fact("speedup", 3.25, text="first"), fact("speedup", 3.25, text="again"),
            fact("model_size", 175e9, "params")]
    pred = [fact("speedup", 3.25)] * 3 + [fact("speedup", 3.2500001)]
    report = evaluate(pred, gold)
    assert counts(report, "speedup") == (1, 0, 0)
    assert counts(report, "model_size") == (0, 0, 1)
    assert [row["text"] for row in report.misses] == ["t"]


def test_dedup_keeps_first_occurrence():
    gold = [fact("speedup", 2, text="first"), fact("speedup", 2, text="second"),
            fact("speedup", 9)]
    report = evaluate([], gold)
    assert [row["text"] for row in report.misses] == ["first", "t"]


def test_devices_without_count_match_by_hardware():
    gold = [fact("hardware", None, "devices", hardware="NVIDIA A100"),
            fact("hardware", None, "devices", hardware="NVIDIA  A6000")]
    pred = [fact("hardware", None, "devices", hardware="nvidia a6000"),
            fact("hardware", None, "devices", hardware="A100"),
            fact("hardware", 1, "devices", hardware="NVIDIA A100")]
    report = evaluate(pred, gold)
    assert counts(report) == (1, 2, 1)
    assert report.misses[0]["hardware"] == "NVIDIA A100"


def test_devices_without_count_deduped_by_hardware():
    gold = [fact("hardware", None, "devices", hardware="GPU"),
            fact("hardware", None, "devices", hardware="gpu"),
            fact("hardware", None, "devices", hardware="CPU")]
    report = evaluate(gold[:1], gold)
    assert counts(report) == (1, 0, 1)


@pytest.mark.parametrize("value_max", [None, 140])
def test_value_max_mismatch_is_a_miss(value_max):
    gold = [fact("speedup", 41, value_max=137)]
    report = evaluate([fact("speedup", 41, value_max=value_max)], gold)
    assert counts(report) == (0, 1, 1)


def test_matching_is_one_to_one_in_order():
    gold = [fact("speedup", 2.0, text="g1"), fact("speedup", 2.001, text="g2")]
    pred = [fact("speedup", 2.0005, text="p1"), fact("speedup", 2.0015, text="p2")]
    report = evaluate(pred, gold)
    # g1 takes p1 (the first that matches); g2 then takes p2.
    assert counts(report) == (2, 0, 0)
    report = evaluate(pred[:1], gold)
    assert [row["text"] for row in report.misses] == ["g2"]


def test_per_kind_scores():
    gold = [fact("speedup", 2), fact("speedup", 3), fact("score", 84.6, "%")]
    pred = [fact("speedup", 2), fact("speedup", 5), fact("speedup", 7),
            fact("quantity", 40, "GB")]
    report = evaluate(pred, gold)
    assert list(report.kinds) == ["speedup", "score", "quantity"]
    speedup = report.kinds["speedup"]
    assert (speedup.tp, speedup.fp, speedup.fn) == (1, 2, 1)
    assert speedup.precision == pytest.approx(1 / 3)
    assert speedup.recall == pytest.approx(1 / 2)
    assert speedup.f1 == pytest.approx(0.4)
    assert report.kinds["score"].model_dump() == {
        "tp": 0, "fp": 0, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report.kinds["quantity"].model_dump() == {
        "tp": 0, "fp": 1, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    overall = report.overall
    assert (overall.tp, overall.fp, overall.fn) == (1, 3, 2)
    assert overall.precision == pytest.approx(1 / 4)
    assert overall.recall == pytest.approx(1 / 3)
    assert overall.f1 == pytest.approx(2 / 7)


def test_nothing_gold_nothing_predicted_scores_one():
    report = evaluate([], [])
    assert report.kinds == {}
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1, 1, 1)
    assert all((score.accuracy, score.stated, score.attached_rate, score.unstated) == (1, 0, 0, 0)
               for score in report.context.values())


def test_context_accuracy():
    gold = [
        fact("speedup", 3.25, metric="end-to-end inference speedup", hardware="NVIDIA A100",
             baseline="FP16", subject="GPTQ", qualifier="about", dataset=None),
        fact("score", 84.6, "%", metric="top-1 accuracy", dataset="ImageNet",
             subject="ZipLM", qualifier=None),
        fact("score", 10.8, "", metric="perplexity", dataset="WikiText103",
             baseline="dense model", subject="SparseGPT"),
    ]
    pred = [
        fact("speedup", 3.25, metric="inference speedup", hardware="nvidia  a100",
             baseline="fp16", subject="GPTQ method", qualifier="About", dataset=""),
        fact("score", 84.6, "%", metric="accuracy on ImageNet", dataset="imagenet-1k",
             subject=None, qualifier="up to"),
        fact("score", 10.8, "", metric="FID", dataset="WikiText 103",
             baseline="the dense baseline model", subject="SparseGPT"),
    ]
    context = evaluate(pred, gold).context
    stated = {field: (score.correct, score.stated) for field, score in context.items()}
    unstated = {field: (score.attached, score.unstated) for field, score in context.items()}
    assert list(stated) == ["metric", "dataset", "hardware", "baseline", "subject", "qualifier"]
    # Where the gold states the field:
    # metric: contained; Jaccard {accuracy} / {top,1,accuracy,on,imagenet} = 0.2 -> wrong; FID
    # dataset: imagenet-1k != ImageNet; WikiText 103 == WikiText103 (punctuation)
    # hardware: equal up to case and spaces; baseline: fp16; Jaccard {dense, model} /
    # {the,dense,baseline,model} = 0.5; subject: contained; ZipLM vs null wrong; equal
    # qualifier: about == About
    assert stated == {"metric": (1, 3), "dataset": (1, 2), "hardware": (1, 1),
                      "baseline": (2, 2), "subject": (2, 3), "qualifier": (1, 1)}
    # Where it has none, pairs of nulls are not counted as agreement; "up to" is attached
    # where the gold has no qualifier, and "" counts as null.
    assert unstated == {"metric": (0, 0), "dataset": (0, 1), "hardware": (0, 2),
                        "baseline": (0, 1), "subject": (0, 0), "qualifier": (1, 2)}
    assert context["metric"].accuracy == pytest.approx(1 / 3)
    assert context["qualifier"].attached_rate == pytest.approx(1 / 2)
    assert context["subject"].attached_rate == 0.0


def test_context_counts_null_gold_apart():
    """A prediction that leaves every field empty gets no credit for the gold's nulls."""
    gold = [fact("speedup", 2, hardware="GPU"), fact("speedup", 3)]
    pred = [fact("speedup", 2), fact("speedup", 3, hardware="CPU")]
    hardware = evaluate(pred, gold).context["hardware"]
    assert (hardware.correct, hardware.stated, hardware.accuracy) == (0, 1, 0.0)
    assert (hardware.attached, hardware.unstated, hardware.attached_rate) == (1, 1, 1.0)
    assert evaluate(pred, gold).context["dataset"].accuracy == 1.0  # nothing stated


def test_gold_against_itself_scores_one():
    gold = load_gold(SEED_GOLD)
    report = evaluate(gold, gold)
    assert set(report.kinds) == {row["kind"] for row in gold}
    assert list(report.kinds) == [k.value for k in Kind if k.value in report.kinds]
    for scores in [*report.kinds.values(), report.overall]:
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert all(score.accuracy == 1.0 and score.attached == 0
               for score in report.context.values())


def test_load_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = json.dumps(fact("speedup", 2))
    path.write_text(f"{good}\n\n{good}\n{{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{path}:4"):
        load_gold(path)
    path.write_text(f"{good}\n" + json.dumps(fact("speed", 2)) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{path}:2: unknown kind"):
        load_gold(path)


def test_load_predictions_jsonl_with_doc_id(tmp_path):
    path = tmp_path / "pred.jsonl"
    row = fact("speedup", 2)
    row["doc_id"] = row.pop("doc")
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [loaded] = load_predictions(path)
    assert loaded["doc"] == "d1" and "doc_id" not in loaded


def test_load_predictions_csv(tmp_path):
    path = tmp_path / "pred.csv"
    path.write_text("doc_id,kind,value,value_max,unit,metric\n"
                    "007,speedup,3.25,,x,speedup\n"
                    "007,score,10.8,,,\n", encoding="utf-8")
    rows = load_predictions(path)
    assert [(r["doc"], r["kind"], r["value"], r["value_max"], r["unit"], r["metric"])
            for r in rows] == [("007", "speedup", 3.25, None, "x", "speedup"),
                               ("007", "score", 10.8, None, "", None)]


def test_claims_as_predictions():
    claim = Claim(doc_id="d1", kind=Kind.speedup, value=3.25, unit="x", text="3.25x",
                  start=0, end=5, rule="test")
    report = evaluate([claim], [fact("speedup", 3.25)])
    assert counts(report) == (1, 0, 0)


def test_format_report():
    gold = [fact("speedup", 2, text="2x"), fact("score", 84.6, "%", text="84.6%")]
    pred = [fact("speedup", 2), fact("quantity", 40, "GB", text="40GB")]
    report = evaluate(pred, gold)
    text = format_report(report)
    lines = text.splitlines()
    assert lines[0].split() == ["kind", "gold", "pred", "tp", "P", "R", "F1"]
    assert lines[1].split() == ["speedup", "1", "1", "1", "1.000", "1.000", "1.000"]
    assert "overall" in text and "metric" in text and "misses" not in text
    full = format_report(report, show_misses=True)
    assert "misses (1):" in full and '"84.6%"' in full
    assert "false positives (1):" in full and '"40GB"' in full


def test_format_report_context_lines():
    gold = [fact("speedup", 2, hardware="GPU"), fact("speedup", 3), fact("speedup", 4)]
    pred = [fact("speedup", 2, hardware="GPU"), fact("speedup", 3, hardware="CPU"),
            fact("speedup", 4)]
    lines = format_report(evaluate(pred, gold)).splitlines()
    start = lines.index("context on 3 matched pairs:")
    assert lines[start + 1].split() == ["field", "where", "gold", "states", "it", "accuracy",
                                        "where", "gold", "has", "none", "attached"]
    hardware = next(line for line in lines[start:] if line.split()[0] == "hardware")
    assert hardware.split() == ["hardware", "1/1", "1.000", "1/2", "0.500"]


def test_report_json_has_both_context_figures():
    gold, pred = [fact("speedup", 2, qualifier="up to")], [fact("speedup", 2, baseline="FP16")]
    data = json.loads(evaluate(pred, gold).model_dump_json())
    assert data["context"]["qualifier"] == {"correct": 0, "stated": 1, "accuracy": 0.0,
                                            "attached": 0, "unstated": 0, "attached_rate": 0.0}
    assert data["context"]["baseline"] == {"correct": 0, "stated": 0, "accuracy": 1.0,
                                           "attached": 1, "unstated": 1, "attached_rate": 1.0}
