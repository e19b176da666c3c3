from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claims.model import Document

FIXTURES = Path(__file__).parent / "fixtures"

#: A user's rule pack of one rule, for tests that add packs to the built-in ones.
WIDGETS = r"""kind: quantity
description: widgets shipped
rules:
  - id: widgets.<amount>-widgets
    pattern: '(?P<v>{NUM})\s(?P<u>widgets)'
    priority: 10
    examples:
      - text: "we ship 12 widgets"
        claims: [{value: 12, unit: widgets}]
"""


#: Two small papers for command-line tests.
RECORDS = [
    {"id": "a", "title": "Fast", "abstract": "We get a 3.25x speedup over FP16."},
    {"id": "b", "title": "Big", "abstract": "We train on 128 A100 GPUs."},
]


#: Browsers the review page's browser test can drive, by the names packages give them.
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    """The first of `BROWSERS` on PATH (Debian: chromium; Ubuntu: chromium-browser)."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def load_docs(name: str) -> list[Document]:
    """Documents of a fixture JSONL with id/title/abstract."""
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Document(id=r["id"], fields={"title": r["title"], "abstract": r["abstract"]})
            for r in rows]


@pytest.fixture(scope="session")
def seed_docs() -> list[Document]:
    return load_docs("seed_docs.jsonl")
