"""What the package declares holds: pytest says why a test was skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_pytest_says_why_a_test_was_skipped(tmp_path: Path) -> None:
    test = tmp_path / "test_skips.py"
    test.write_text('import pytest\n\n\n@pytest.mark.skip(reason="no browser here")\n'
                    "def test_it():\n    pass\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-p", "no:cacheprovider", str(test)],
                          capture_output=True, text=True, timeout=300)
    assert "SKIPPED [1]" in done.stdout and "no browser here" in done.stdout, done.stdout
