"""What the package declares holds: it runs on the oldest Python it names, CI tests the
oldest and the newest, the `pytest` extra brings what the plugin needs, and pytest says
why a test was skipped."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from importlib.metadata import requires
from pathlib import Path

ROOT = Path(__file__).parents[1]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_nothing_needs_what_python_3_10_lacks() -> None:
    """importlib.resources.abc is new in Python 3.11: every module imports, and a command
    runs, without it."""
    code = textwrap.dedent("""
        import builtins, importlib, pkgutil, sys
        imported = builtins.__import__

        def as_on_python_3_10(name, globals=None, *args):
            # only for claims' own imports: newer libraries may use it where it exists
            if name == "importlib.resources.abc" and (globals or {}).get(
                    "__name__", "").startswith("claims"):
                raise ModuleNotFoundError(f"No module named {name!r}")
            return imported(name, globals, *args)

        builtins.__import__ = as_on_python_3_10
        import claims
        for found in pkgutil.walk_packages(claims.__path__, "claims."):
            if not found.name.endswith("__main__"):
                importlib.import_module(found.name)
        from claims import extract
        from claims.output.tables import build_all
        from claims.run.cli import main
        print(build_all(extract("A 2x speedup."))["speedups"].iloc[0]["speedup [x]"])
        sys.exit(main(["rules", "list"]))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2.0\n") and "speedup.<factor>-speedup" in done.stdout


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")
    return int(major), int(minor)


def test_ci_runs_the_oldest_and_the_newest_python_declared() -> None:
    declared = sorted(map(_version, re.findall(r'"Programming Language :: Python :: (3\.\d+)"',
                                               PYPROJECT)))
    oldest, newest = declared[0], declared[-1]
    assert f'requires-python = ">={oldest[0]}.{oldest[1]}"' in PYPROJECT
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pythons = re.search(r"^PYTHONS \?= (.+)$", makefile, re.MULTILINE)
    assert pythons and list(map(_version, pythons.group(1).split())) == [oldest, newest]
    assert "\nmake test-pythons\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_find_python_gives_the_version_asked_for_or_nothing() -> None:
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = subprocess.run([ROOT / ".ci" / "find-python", here], capture_output=True,
                           text=True, check=True).stdout.strip()
    asked = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2])"],
                           capture_output=True, text=True, check=True).stdout
    assert asked.strip() == str(sys.version_info[:2])
    missing = subprocess.run([ROOT / ".ci" / "find-python", "3.1"], capture_output=True,
                             text=True)
    assert (missing.returncode, missing.stdout) == (1, "")


def test_the_pytest_extra_brings_what_the_plugin_needs() -> None:
    extra = [r.split(";")[0] for r in requires("claims") or () if 'extra == "pytest"' in r]
    assert {re.split(r"[<>=!~ \[]", r)[0] for r in extra} == {"pytest", "pytest-regressions"}


def test_pytest_says_why_a_test_was_skipped(tmp_path: Path) -> None:
    """... and still lists the tests that failed, as it does by default."""
    test = tmp_path / "test_skips.py"
    test.write_text('import pytest\n\n\n@pytest.mark.skip(reason="no browser here")\n'
                    "def test_it():\n    pass\n\n\ndef test_broken():\n    assert False\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-p", "no:cacheprovider", test.name],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    summary = done.stdout[done.stdout.index("short test summary"):]
    assert "SKIPPED [1]" in summary and "no browser here" in summary, done.stdout
    assert "FAILED test_skips.py::test_broken" in summary, done.stdout
