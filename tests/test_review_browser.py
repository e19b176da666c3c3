"""The review page in a real browser: headless Chromium (Debian's package, driven by
Playwright) opens the page from disk, counts the highlights, filters them and shows a
tooltip. `make screenshot` keeps the README's picture (docs/review.png) up to date:
with REVIEW_SCREENSHOT set, the screenshot is also saved there.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from claims.evaluate import load_gold
from claims.model import Document
from claims.output.review import review_page, write_review
from claims.run.pipeline import extract_all, extract_document
from tests.conftest import BROWSERS, FIXTURES, find_browser, load_docs

CHROMIUM = find_browser()
#: Flags for a quiet headless run with no network of its own and no sandbox (CI is root).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason=f"no browser: none of {', '.join(BROWSERS)} is on PATH (Debian's chromium "
    "package; .ci/run installs it with apt-get)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """The held-out set judged against its gold: it has false positives and misses."""
    docs = load_docs("heldout_docs.jsonl")
    gold = load_gold(FIXTURES / "heldout_gold.jsonl")
    claims = list(extract_all(docs))
    path = tmp_path_factory.mktemp("review") / "review.html"
    write_review(path, review_page(claims, docs, gold, title="Claims review: held-out set"))
    return {"path": path, "docs": docs, "claims": claims}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, corpus):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(corpus["path"].as_uri())
    yield page
    page.close()
    assert errors == []  # the page's script ran without an error


def _shown_documents(page) -> int:
    return page.locator("article.doc:visible").count()


def test_one_highlight_per_claim(page, corpus) -> None:
    assert page.locator("mark.claim").count() == len(corpus["claims"])
    assert page.locator("mark.claim[tabindex='0']").count() == len(corpus["claims"])
    docs = len(corpus["docs"])
    assert _shown_documents(page) == docs
    assert page.locator("#shown").inner_text().startswith(f"Showing {docs} of {docs} documents")


def test_a_kind_filter_shows_only_that_kind(page, corpus) -> None:
    page.get_by_role("button", name="none").click()
    assert _shown_documents(page) == 0
    page.locator("input[name=kind][value=hardware]").check()
    with_hardware = {c.doc_id for c in corpus["claims"] if c.kind.value == "hardware"}
    missed = page.locator("article.doc:has(mark.missed[data-kind=hardware])").count()
    assert _shown_documents(page) == len(with_hardware) + missed
    lit = page.locator("mark.hl:not(.off)")
    assert set(lit.evaluate_all("marks => marks.map(m => m.dataset.kind)")) == {"hardware"}
    hardware = sum(c.kind.value == "hardware" for c in corpus["claims"])
    assert page.locator("mark.claim:not(.off)").count() == hardware
    assert page.locator("mark.claim[data-kind=speedup]").first.get_attribute("tabindex") == "-1"
    assert "highlights" in page.locator("#shown").inner_text()


def test_a_status_and_a_text_filter(page) -> None:
    page.locator("input[name=status][value=correct]").uncheck()
    lit = page.locator("mark.hl[id]:not(.off)")
    assert set(lit.evaluate_all("marks => marks.map(m => m.dataset.status)")) == {
        "wrong", "missed"}
    page.locator("input[name=status][value=correct]").check()
    page.get_by_label("Documents containing").fill("Low-Rank Adaptation")
    shown = page.locator("article.doc:visible")
    assert shown.count() >= 1
    assert all("low-rank adaptation" in text.lower() for text in shown.all_inner_texts())


def test_focus_and_hover_show_the_fields_and_rule(page, corpus) -> None:
    tip = page.locator("#tip")
    first = page.locator("mark.claim").first
    for _ in range(40):  # past the filters' controls, Tab reaches the first highlight
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.id") == first.get_attribute("id")
    assert tip.is_visible()
    claim = corpus["claims"][0]
    assert claim.rule in tip.inner_text()
    assert first.get_attribute("aria-describedby") == "d-1"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    missed = page.locator("mark.missed").first
    missed.hover()
    assert "missed: a gold claim that was not extracted" in tip.inner_text()


def test_counts_of_one_are_singular(browser, tmp_path: Path) -> None:
    doc = Document(id="d", fields={"abstract": "It gives a 3.25x speedup."})
    path = tmp_path / "one.html"
    write_review(path, review_page(extract_document(doc), [doc]))
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.locator("#shown").inner_text() == "Showing 1 of 1 document and 1 highlight."
    page.close()


def test_screenshot(page, tmp_path: Path) -> None:
    """A picture of the page: an error focused, with its tooltip, among its highlights."""
    wrong = page.locator("mark.wrong").first
    wrong.evaluate("mark => mark.scrollIntoView({block: 'center'})")
    wrong.focus()
    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("REVIEW_SCREENSHOT"):
        target = Path(os.environ["REVIEW_SCREENSHOT"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def test_a_confidence_filter_shows_only_the_claims_to_check(page, corpus) -> None:
    to_check = [c for c in corpus["claims"] if c.confidence != "rule"]
    assert to_check  # the held-out set has claims whose kind a cue decided
    page.locator("input[name=confidence][value=rule]").uncheck()
    lit = page.locator("mark.claim:not(.off)")
    assert lit.count() == len(to_check)
    assert set(lit.evaluate_all("marks => marks.map(m => m.dataset.confidence)")) <= {
        "cue", "weak"}
    assert page.locator("li.decision:visible").count() == len(to_check)
    with_missed = page.locator("article.doc:has(mark.missed)").count()
    shown = {c.doc_id for c in to_check}
    assert len(shown) <= _shown_documents(page) <= len(shown) + with_missed
    page.locator("input[name=confidence][value=rule]").check()
    assert page.locator("mark.claim:not(.off)").count() == len(corpus["claims"])


def _decide(page, n: int, decision: str) -> None:
    page.locator("li.decision").nth(n).locator(f"button[data-decide={decision}]").click()


def test_accept_reject_and_export_the_decisions_as_gold(page, corpus, tmp_path) -> None:
    from claims.evaluate import evaluate
    from claims.output.review import GOLD_FIELDS, gold_row

    claims = corpus["claims"]
    assert page.locator("li.decision").count() == len(claims)
    _decide(page, 0, "accept")
    _decide(page, 1, "reject")
    _decide(page, 2, "accept")
    _decide(page, 3, "accept")
    _decide(page, 3, "accept")  # pressed again: undecided
    first = page.locator("li.decision").nth(0)
    assert first.locator("button[data-decide=accept]").get_attribute("aria-pressed") == "true"
    assert first.locator("button[data-decide=reject]").get_attribute("aria-pressed") == "false"
    number = first.get_attribute("data-claim")
    assert "accepted" in page.locator(f"mark.claim[data-claim='{number}']").get_attribute(
        "class")
    rejected = page.locator("li.decision").nth(1).get_attribute("data-claim")
    assert "rejected" in page.locator(f"mark.claim[data-claim='{rejected}']").get_attribute(
        "class")
    assert page.locator("#decided").inner_text() == (
        f"2 accepted, 1 rejected, {len(claims) - 3} undecided.")
    with page.expect_download() as download:
        page.locator("#export").click()
    path = tmp_path / "gold.jsonl"
    download.value.save_as(path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [list(row) for row in rows] == [list(GOLD_FIELDS)] * 2
    assert rows == [gold_row(claims[0]), gold_row(claims[2])]
    report = evaluate([claims[0], claims[2]], load_gold(path))  # a gold file as it stands
    assert report.overall.precision == report.overall.recall == 1.0


def test_decisions_outlast_a_reload_until_cleared(page) -> None:
    _decide(page, 0, "reject")
    page.reload()
    first = page.locator("li.decision").nth(0)
    assert first.locator("button[data-decide=reject]").get_attribute("aria-pressed") == "true"
    page.locator("#forget").click()
    assert first.locator("button[data-decide=reject]").get_attribute("aria-pressed") == "false"
    assert page.locator("#decided").inner_text().startswith("0 accepted, 0 rejected")
