from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.model import Document

FIXTURES = Path(__file__).parent / "fixtures"


def load_docs(name: str) -> list[Document]:
    """Documents of a fixture JSONL with id/title/abstract."""
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Document(id=r["id"], fields={"title": r["title"], "abstract": r["abstract"]})
            for r in rows]


@pytest.fixture(scope="session")
def seed_docs() -> list[Document]:
    return load_docs("seed_docs.jsonl")
