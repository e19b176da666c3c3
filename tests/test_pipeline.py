"""End to end through claims.extract: small texts, the development set, frames, the model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError

import claims
from claims import Claim, Document, Kind
from claims.run.cli import main
from tests.conftest import read_jsonl, write_jsonl

FIXTURES = Path(__file__).parent / "fixtures"


def _seed_documents() -> list[Document]:
    lines = (FIXTURES / "seed_docs.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return [Document(id=r["id"], fields={k: r[k] for k in ("title", "abstract") if k in r})
            for r in records]


@pytest.fixture(scope="module")
def seed_documents() -> list[Document]:
    return _seed_documents()


@pytest.fixture(scope="module")
def seed_claims(seed_documents: list[Document]) -> list[tuple[Document, list[Claim]]]:
    return [(doc, claims.extract_document(doc)) for doc in seed_documents]


def test_speedup_factor() -> None:
    found = claims.extract("3.25x speedup over FP16")
    assert len(found) == 1
    claim = found[0]
    assert claim.kind is Kind.speedup
    assert (claim.value, claim.value_max, claim.unit) == (3.25, None, "x")
    assert claim.text == "3.25x"
    assert (claim.start, claim.end) == (0, 5)
    assert claim.doc_id == "text"
    assert claim.field == "abstract"
    assert claim.rule


def test_doc_id_and_field_are_passed_on() -> None:
    found = claims.extract("a 3.25x speedup", doc_id="p1", field="title")
    assert [(c.doc_id, c.field) for c in found] == [("p1", "title")]


def test_list_of_factors_gives_one_claim_each() -> None:
    text = "Our method is 22x, 8x, and 6x more sample efficient than A, B, and C."
    found = claims.extract(text)
    assert [(c.kind, c.value, c.unit) for c in found] == [
        (Kind.improvement, 22.0, "x"), (Kind.improvement, 8.0, "x"),
        (Kind.improvement, 6.0, "x"),
    ]
    assert [c.text for c in found] == ["22x", "8x", "6x"]


def test_qualifier_in_front_of_a_list_applies_to_every_item() -> None:
    found = claims.extract("improving accuracy by up to 0.3%, 1.1%, and 1.0% on three tasks")
    assert [(c.value, c.unit) for c in found] == [(0.3, "%"), (1.1, "%"), (1.0, "%")]
    assert [c.qualifier for c in found] == ["up to", "up to", "up to"]
    assert [c.text for c in found] == ["0.3%", "1.1%", "1.0%"]


@pytest.mark.parametrize("text", [
    "GPT-4 and Llama-2 were released in 2023 (Brown et al., 2020).",
    "ZeRO-3 and Top-1 in 3GPP",
    "O(L) complexity",
    "See Section 3 and Eq. 2.",
    "We lowered the learning rate from 0.1 to 0.01.",  # a setting changed, no result
    "memory improves outcomes from 22/1/4 to 25/2/0 Correct/Partial/Error",  # tuples
    "",
])
def test_not_claims(text: str) -> None:
    assert claims.extract(text) == []


def test_a_win_count_over_kinds_of_things_is_no_score() -> None:
    """`6/7 languages`, `4/7 settings` count categories won (guidelines: win counts are
    counts of categories); a fraction of trials (`9/10` problems) stays a score."""
    found = claims.extract("Specifically, on structured tasks, our method matches or exceeds "
                           "the base in 6/7 languages for EuroLLM-9B and 4/7 settings for "
                           "Aya-3B.")
    assert [c.text for c in found if c.kind == Kind.score] == []
    solved = claims.extract("It solved 10/10 problems on RealMath with CAS and 9/10 with no CAS.")
    assert [(c.text, c.value) for c in solved if c.kind == Kind.score] == [("9/10", 90.0)]


def test_latex_text_quotes_the_original_characters() -> None:
    original = "a $3.2\\times$ speedup"
    found = claims.extract(original)
    assert len(found) == 1
    claim = found[0]
    assert (claim.kind, claim.value, claim.unit) == (Kind.speedup, 3.2, "x")
    assert claim.text == "3.2\\times"
    assert original[claim.start:claim.end] == claim.text


def test_unicode_times_sign() -> None:
    found = claims.extract("a 3× speedup over FP16")
    assert [(c.value, c.unit, c.text) for c in found] == [(3.0, "x", "3×")]


def test_memory_claim_has_a_pint_quantity() -> None:
    found = [c for c in claims.extract("We train on 40 GB of data.") if c.kind is Kind.quantity]
    assert len(found) == 1
    q = found[0].quantity
    assert str(q.units) == "gigabyte"
    assert q.to("GiB").magnitude == pytest.approx(40e9 / 2**30)


def test_offsets_on_the_development_set(seed_claims) -> None:
    total = 0
    for doc, found in seed_claims:
        for c in found:
            total += 1
            text = doc.fields[c.field]
            assert text[c.start:c.end] == c.text, (doc.id, c)
            assert c.sentence in text, (doc.id, c)
            assert c.text in c.sentence, (doc.id, c)
            assert c.doc_id == doc.id
    assert total > 100


def test_extraction_is_deterministic(seed_documents, seed_claims) -> None:
    first = [c.row() for _, found in seed_claims for c in found]
    second = [c.row() for c in claims.extract_all(seed_documents)]
    assert second == first


def test_extract_frame() -> None:
    df = pd.DataFrame([
        {"id": "a", "title": "FastThing", "abstract": "We get a 3.25x speedup over FP16."},
        {"id": "b", "title": "Nothing here", "abstract": None},
        {"id": 3, "title": "Big", "abstract": "We train on 128 A100 GPUs."},
    ])
    frame = claims.extract_frame(df, "id", ["title", "abstract"])
    assert list(frame.columns) == list(Claim.model_fields)
    assert list(frame["doc_id"]) == ["a", "3"]
    assert list(frame["kind"]) == ["speedup", "hardware"]
    assert list(frame["value"]) == [3.25, 128.0]
    assert list(frame["field"]) == ["abstract", "abstract"]


def test_extract_frame_has_the_defaults_of_the_command_line() -> None:
    df = pd.DataFrame([
        {"id": "a", "title": "Fast", "text": "We get a 3.25x speedup over FP16.",
         "url": "https://arxiv.org/abs/0000.00001", "bibkey": "doe2024"},
        {"id": "b", "title": "Big", "text": "We train on 128 A100 GPUs.", "url": None,
         "bibkey": None, "link": "https://example.org/b"},
    ])
    frame = claims.extract_frame(df)
    assert list(frame["doc_id"]) == ["a", "b"] and list(frame["field"]) == ["text", "text"]
    assert frame["url"].tolist() == ["https://arxiv.org/abs/0000.00001",
                                     "https://example.org/b"]
    assert frame["bibkey"].iloc[0] == "doe2024" and frame["bibkey"].iloc[1] is pd.NA


def test_extract_frame_keeps_url_and_bibkey_as_the_command_line_does(tmp_path) -> None:
    records = [{"id": "p1", "title": "Fast", "abstract": "It gives a 3x speedup over FP16.",
                "url": "https://arxiv.org/abs/0000.00001", "bibkey": "doe2024"}]
    papers = write_jsonl(tmp_path / "papers.jsonl", records)
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(papers), "-o", str(out), "--quiet"]) == 0
    from_cli = read_jsonl(out)
    frame = claims.extract_frame(pd.DataFrame(records))
    assert frame[["url", "bibkey"]].values.tolist() == [[c["url"], c["bibkey"]]
                                                        for c in from_cli]


def test_extract_frame_missing_values_follow_each_dtype() -> None:
    df = pd.DataFrame({"id": ["a", "b"], "abstract": ["We get a 3.25x speedup over FP16.",
                                                      "We train on A100 GPUs."]})
    frame = claims.extract_frame(df)
    assert str(frame["value"].dtype) == "float64" and str(frame["page"].dtype) == "Int64"
    assert str(frame["uncertainty"].dtype) == "float64"
    assert {str(frame[name].dtype) for name in ("table_row", "table_column", "table_number")
            } == {"Int64"}
    text_columns = [name for name in frame.columns if name not in (
        "value", "value_max", "start", "end", "page", "uncertainty", "table_row",
        "table_column", "table_number")]
    assert all(str(frame[name].dtype) == "string" for name in text_columns)
    device = frame[frame["kind"] == "hardware"].iloc[0]
    assert math.isnan(device["value"]) and math.isnan(device["value_max"])
    assert device["qualifier"] is pd.NA and device["url"] is pd.NA and device["page"] is pd.NA
    assert not any(value is None for value in frame.astype(object).to_numpy().ravel())


def test_extract_frame_reads_columns_not_rows(monkeypatch) -> None:
    monkeypatch.setattr(pd.DataFrame, "iterrows", None)  # a row at a time is slow
    frame = claims.extract_frame(pd.DataFrame({"id": [1], "abstract": ["a 3x speedup"]}))
    assert list(frame["doc_id"]) == ["1"]


def test_extract_frame_without_text_columns_says_which() -> None:
    with pytest.raises(KeyError, match="title, abstract, text"):
        claims.extract_frame(pd.DataFrame({"id": ["a"], "body": ["a 3x speedup"]}))


def test_extract_frame_without_claims_keeps_the_columns() -> None:
    df = pd.DataFrame({"id": ["a"], "abstract": ["No numbers at all."]})
    frame = claims.extract_frame(df, "id", ["abstract"])
    assert frame.empty
    assert list(frame.columns) == list(Claim.model_fields)


def test_extract_frame_missing_column() -> None:
    df = pd.DataFrame({"id": ["a"], "abstract": ["a 3x speedup"]})
    with pytest.raises(KeyError, match="body"):
        claims.extract_frame(df, "id", ["abstract", "body"])
    with pytest.raises(KeyError, match="paper_id"):
        claims.extract_frame(df, "paper_id", ["abstract"])


def _claim(**changes) -> Claim:
    data = dict(doc_id="d", kind="speedup", value=3.25, unit="x", text="3.25x",
                start=2, end=7, rule="speedup.test")
    data.update(changes)
    return Claim(**data)


def test_claim_model_accepts_a_consistent_claim() -> None:
    claim = _claim()
    assert claim.kind is Kind.speedup
    assert claim.row()["kind"] == "speedup"
    assert claim.quantity.to("dimensionless").magnitude == 3.25


def test_claim_quantity_is_none_without_a_value() -> None:
    claim = _claim(kind="hardware", value=None, unit="devices", text="A100", start=0, end=4)
    assert claim.quantity is None


@pytest.mark.parametrize("changes", [
    {"start": 7, "end": 2},
    {"start": 2, "end": 6},
    {"text": "3.25x speedup"},
    {"value": None, "value_max": 4.0},
    {"kind": "not-a-kind"},
    {"qualifier": "somewhat"},
    {"start": -1, "end": 4},
])
def test_claim_model_rejects_inconsistent_claims(changes: dict) -> None:
    with pytest.raises(ValidationError):
        _claim(**changes)


def test_claims_built_without_validation_are_valid(seed_docs) -> None:
    """The pipeline builds claims unvalidated (`Claim.trusted`): they must be exactly what
    validation would give, down to the types."""
    found = [claim for doc in seed_docs for claim in claims.extract_document(doc)]
    assert len(found) > 200
    for claim in found:
        validated = Claim.model_validate(claim.model_dump())
        assert validated == claim
        assert [type(v) for v in validated.model_dump().values()] == [
            type(v) for v in claim.model_dump().values()]


def test_a_trusted_claim_is_what_model_construct_builds(seed_docs) -> None:
    """`Claim.trusted` builds what `model_construct` builds from the same values: the same
    fields in the same order, the same set fields, the same JSON."""
    for claim in [claim for doc in seed_docs for claim in claims.extract_document(doc)]:
        given = {name: value for name, value in claim.__dict__.items()
                 if name in claim.model_fields_set}
        built, constructed = Claim.trusted(**given), Claim.model_construct(**given)
        assert built == constructed
        assert list(built.__dict__.items()) == list(constructed.__dict__.items())
        assert built.model_fields_set == constructed.model_fields_set
        assert built.model_dump_json() == constructed.model_dump_json()


def test_a_decimal_on_a_unit_scale_is_a_score_unless_an_interval_or_a_p_value_holds_it() -> None:
    """A decimal of two to four places that no other reading takes is the level of what
    its clause measures; the ends of a bracketed interval and a p-value (`p_H = 0.002`,
    `q=.10`) are no claims (real17-020, real11-023)."""
    text = ("Both sets have pair-validity 1.0, yet base accuracy and selective-response "
            "fidelity diverge - 0.620 versus 0.324 across six balanced oracle-transition "
            "directions (cluster-bootstrap 95% CI [0.600, 0.642] vs. [0.304, 0.345]). "
            "Clarification F1 rises (Holm-adjusted exact McNemar p_H = 0.002), and six of 44 "
            "models move individually (BH-FDR q=.10).")
    scores = sorted(c.value for c in claims.extract(text) if c.kind is Kind.score)
    assert scores == [0.324, 0.62]


def test_relative_before_a_metric_names_it_and_makes_no_change() -> None:
    """`(10% relative)` is a relative change; `a 85.1% relative score` is a level of a
    metric called relative score (real23-014, final-025)."""
    changed = claims.extract("improving over the last of these by up to 2.8 points (10% "
                             "relative).")
    level = claims.extract("and yields a 85.1% relative score compared with GPT-4 on a "
                           "synthetic multimodal instruction-following dataset.")
    assert [(c.kind, c.value) for c in changed] == [(Kind.improvement, 2.8),
                                                    (Kind.improvement, 10.0)]
    assert [(c.kind, c.value) for c in level] == [(Kind.score, 85.1)]
