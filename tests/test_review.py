"""The review page: one highlight per claim in place, overlaps, gold statuses, claims
without their documents, and `claims review` on the command line."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claims import Claim, Document, extract
from claims.output.review import review_page, write_review
from claims.run.cli import main
from claims.run.pipeline import extract_all, extract_document
from tests.conftest import RECORDS, find_browser, write_jsonl


class _Page(HTMLParser):
    """The text each highlight covers (its continuation pieces included), the text of
    each document's heading and paragraphs, and the classes of every highlight."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.covered: dict[str, str] = {}
        self.classes: dict[str, list[str]] = {}
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self.continuations = 0
        self._marks: list[str] = []
        self._in: list[str] = []
        self._article = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "mark":
            number = (attributes.get("id") or attributes["data-desc"]).split("-")[1]
            self._marks.append(number)
            self.covered.setdefault(number, "")
            if "id" in attributes:
                self.classes[number] = attributes["class"].split()
            else:
                self.continuations += 1
        elif tag == "article":
            self._article = True
        elif tag == "h2" and self._article or tag == "p" and attributes.get("class") in (
                "text", "excerpt"):
            self._in.append(tag)
            (self.paragraphs if tag == "p" else self.headings).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._marks.pop()
        elif tag == "article":
            self._article = False
        elif tag in ("p", "h2") and self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        for number in set(self._marks):
            self.covered[number] += data
        if self._in:
            target = self.paragraphs if self._in[-1] == "p" else self.headings
            target[-1] += data

    def of_class(self, name: str) -> list[str]:
        return [n for n, classes in self.classes.items() if name in classes]


def _claim(doc_id: str, kind: str, text: str, start: int, value: float = 1.0,
           field: str = "text") -> Claim:
    return Claim(doc_id=doc_id, kind=kind, value=value, unit="x", text=text, field=field,
                 start=start, end=start + len(text), rule=f"test.{kind}")


def test_one_highlight_per_claim_over_its_own_text(seed_docs) -> None:
    claims = list(extract_all(seed_docs))
    page = _Page(review_page(claims, seed_docs))
    assert len(page.of_class("claim")) == len(claims)
    assert [page.covered[n] for n in page.of_class("claim")] == [c.text for c in claims]
    texts = [text for doc in seed_docs for field, text in doc.fields.items()
             if field != "title"]
    assert page.paragraphs[-len(texts):] == texts  # the documents' text, whole and in order
    assert page.headings[-1] == f"{seed_docs[-1].id} {seed_docs[-1].title}"


def test_nested_and_crossing_claims_are_each_one_highlight() -> None:
    text = "alpha beta gamma delta epsilon"
    doc = Document(id="d", fields={"text": text})
    outer = _claim("d", "speedup", "beta gamma delta", 6)
    inner = _claim("d", "hardware", "gamma", 11)
    crossing = _claim("d", "score", "delta epsilon", 17)
    page = _Page(review_page([outer, inner, crossing], [doc]))
    assert [page.covered[n] for n in page.of_class("claim")] == [
        "beta gamma delta", "gamma", "delta epsilon"]
    assert page.continuations == 1  # the crossing claim goes on after the outer one ends
    assert page.paragraphs == [text]


def test_gold_marks_correct_false_positive_and_missed() -> None:
    text = "We get a 3.25x speedup over FP16 on 8 A100 GPUs with 4-bit weights."
    claims = extract(text, doc_id="p", field="abstract")
    assert {c.kind.value for c in claims} == {"speedup", "hardware", "compression"}
    gold = [
        {"doc": "p", "kind": "speedup", "text": "3.25x", "value": 3.25, "unit": "x"},
        {"doc": "p", "kind": "compression", "text": "4-bit", "value": 4, "unit": "bits"},
        {"doc": "p", "kind": "quantity", "text": "8 A100", "value": 8, "unit": "GPUs"},
        {"doc": "p", "kind": "reduction", "text": "not in the text", "value": 2, "unit": "x"},
    ]
    doc = Document(id="p", fields={"abstract": text})
    html = review_page(claims, [doc], gold)
    page = _Page(html)
    statuses = {page.covered[n]: page.classes[n][-1] for n in page.classes}
    assert statuses == {"3.25x": "correct", "8 A100 GPUs": "wrong", "4-bit": "correct",
                        "8 A100": "missed", "not in the text": "missed"}
    assert page.paragraphs[0] == text
    assert "Missed gold claims whose text is not in the text shown" in html
    # the summary gives precision and recall per kind, as claims eval does:
    # claims, documents, gold facts, correct, false positives, missed, P, R, F1
    def row(kind: str) -> list[str]:
        return re.findall(r"<td>([^<]*)</td>", re.search(rf'k-{kind}".*?</tr>', html)[0])

    assert row("hardware") == ["1", "1", "0", "0", "1", "0", "0.000", "0.000", "0.000"]
    assert row("compression") == ["1", "1", "1", "1", "0", "0", "1.000", "1.000", "1.000"]
    assert row("quantity") == ["0", "0", "1", "0", "0", "1", "0.000", "0.000", "0.000"]


def test_claims_without_their_documents_show_the_sentences_holding_them(seed_docs) -> None:
    docs = seed_docs[:20]
    claims = list(extract_all(docs))
    page = _Page(review_page(claims))
    assert [page.covered[n] for n in page.of_class("claim")] == [c.text for c in claims]
    sentences = {c.sentence for c in claims if c.field != "title"}
    assert set(page.paragraphs) >= sentences - {""}
    titles = {f"{doc.id} {doc.title}" for doc in docs}
    assert set(page.headings) & titles == {
        f"{c.doc_id} {c.title}" for c in claims}  # the whole title, from the claims


def test_claims_that_are_not_in_the_documents_given_are_refused() -> None:
    claim = _claim("d", "speedup", "3x", 0)
    with pytest.raises(ValueError, match="not at text"):
        review_page([claim], [Document(id="d", fields={"text": "no such thing"})])


def test_parts_of_a_long_text_are_one_document() -> None:
    first = Document(id="d", fields={"text": "We get a 3x speedup. "})
    second = Document(id="d", fields={"text": "It is 4x smaller."}, offset=21)
    claims = [*extract_document(first), *extract_document(second)]
    assert [(c.text, c.start) for c in claims] == [("3x", 9), ("4x", 27)]
    page = _Page(review_page(claims, [first, second]))
    assert sorted(page.covered.values()) == ["3x", "4x"]
    assert page.paragraphs == ["We get a 3x speedup. It is 4x smaller."]


def test_the_page_is_self_contained_and_escapes_text(tmp_path: Path) -> None:
    doc = Document(id="x", fields={"text": "<script>alert(1)</script> gives a 3x speedup"})
    page = review_page(extract_document(doc), [doc])
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)
    write_review(tmp_path / "out" / "review.html", page)
    assert (tmp_path / "out" / "review.html").read_text(encoding="utf-8") == page
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["review.html"]


def test_cli_review_of_papers_with_gold(tmp_path: Path, capsys) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"doc": "a", "kind": "speedup", "text": "3.25x", "value": 3.25, "unit": "x"}])
    out = tmp_path / "out" / "review.html"
    assert main(["review", str(papers), "--gold", str(gold), "-o", str(out)]) == 0
    page = _Page(out.read_text(encoding="utf-8"))
    assert len(page.of_class("claim")) == 2
    assert sorted(classes[-1] for classes in page.classes.values()) == ["correct", "wrong"]
    assert "review of 2 claims written to" in capsys.readouterr().err


def test_cli_review_of_a_claims_file_with_its_papers(tmp_path: Path) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    claims = tmp_path / "claims.jsonl"
    assert main(["extract", str(papers), "-o", str(claims)]) == 0
    alone, whole = tmp_path / "alone.html", tmp_path / "whole.html"
    assert main(["review", str(claims), "-o", str(alone)]) == 0
    assert main(["review", str(claims), "--docs", str(papers), "-o", str(whole)]) == 0
    assert "a claims file carries no full text" in alone.read_text(encoding="utf-8")
    assert _Page(whole.read_text(encoding="utf-8")).paragraphs == [
        r["abstract"] for r in RECORDS]


def test_cli_review_refuses_docs_beside_papers(tmp_path: Path, capsys) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    assert main(["review", str(papers), "--docs", str(papers), "-o",
                 str(tmp_path / "r.html")]) == 2
    assert "--docs goes with a claims file" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_cli_review_with_a_missing_gold_file(tmp_path: Path, capsys) -> None:
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    assert main(["review", str(papers), "--gold", str(tmp_path / "nope.jsonl"), "-o",
                 str(tmp_path / "r.html")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_counts_in_the_page_are_singular_for_one() -> None:
    doc = Document(id="d", fields={"abstract": "It gives a 3.25x speedup."})
    page = review_page(extract_document(doc), [doc])
    assert "<p>1 document, 1 claim.</p>" in page


def test_the_browser_is_found_on_path(tmp_path: Path, monkeypatch) -> None:
    browser = tmp_path / "chromium-browser"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_browser() == str(browser)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert find_browser() is None


def test_claims_decided_by_cues_are_flagged_to_check() -> None:
    doc = Document(id="d", fields={"abstract": "It costs $4.6M and gives a 3.25x speedup."})
    page = review_page(extract_document(doc), [doc])
    marks = re.findall(r'<mark class="hl claim k-(\w+) conf-(\w+)', page)
    assert ("quantity", "cue") in marks and ("speedup", "rule") in marks
    assert "decided the kind): check" in page


def test_each_claim_has_its_decision_buttons_and_gold_row() -> None:
    doc = Document(id="d", fields={"abstract": "It costs $4.6M and gives a 3.25x speedup "
                                               "over </script><b>FP16."})
    claims = extract_document(doc)
    page = review_page(claims, [doc])
    assert page.count('<li class="decision"') == len(claims) == 2
    assert page.count('data-decide="accept"') == page.count('data-decide="reject"') == 2
    data = re.search(r'<script type="application/json" id="gold-rows">(.*?)</script>', page)
    rows = json.loads(data.group(1))
    assert rows["2"]["baseline"] == "</script><b>FP16"  # escaped in the page, whole in JSON
    assert list(rows["2"]) == ["doc", "kind", "text", "value", "value_max", "unit",
                               "qualifier", "metric", "dataset", "hardware", "baseline",
                               "subject"]
    assert 'name="confidence" value="cue"' in page and 'name="confidence" value="weak"' in page


def test_missed_gold_claims_have_no_confidence_and_no_buttons() -> None:
    doc = Document(id="d", fields={"abstract": "We train on 8 A100 GPUs."})
    gold = [{"doc": "d", "kind": "speedup", "text": "8", "value": 8, "unit": "x"}]
    page = review_page(extract_document(doc), [doc], gold)
    missed = re.search(r'<mark class="hl missed[^>]*>', page).group()
    assert "data-confidence" not in missed and "conf-" not in missed
    assert page.count('<li class="decision"') == 1


def test_cli_review_exits_as_extract_when_a_document_fails(tmp_path: Path, capsys) -> None:
    """A document that cannot be read is reported and the status is 1, as `extract`
    gives; the page is written with the others."""
    papers = write_jsonl(tmp_path / "papers.jsonl", RECORDS)
    with papers.open("a", encoding="utf-8") as stream:
        stream.write('{"id": "broken", "abstract": "cut sh\n')
    out = tmp_path / "review.html"
    assert main(["extract", str(papers), "-o", str(tmp_path / "claims.jsonl")]) == 1
    assert main(["review", str(papers), "-o", str(out)]) == 1
    assert "papers.jsonl:3" in capsys.readouterr().err
    assert len(_Page(out.read_text(encoding="utf-8")).of_class("claim")) == 2
