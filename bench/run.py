"""Throughput of extraction on the bundled corpus, repeated with fresh ids.

Prints MB/s and abstracts/s for the whole pipeline (normalize, match, context,
claims) on one core. Usage: python bench/run.py [--copies N]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import time

from claims.model import Document
from claims.pipeline import extract_all
from claims.read import read_sample
from claims.rulepack import default_ruleset


def corpus(copies: int) -> list[Document]:
    """The sample corpus `copies` times over, each copy with its own ids."""
    base = [d for d in read_sample() if isinstance(d, Document)]
    return [d.model_copy(update={"id": f"{d.id}-{i}"}) for i in range(copies) for d in base]


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    default_ruleset()
    load = time.perf_counter() - start
    docs = corpus(args.copies)
    size = sum(len(text.encode()) for d in docs for text in d.fields.values())
    start = time.perf_counter()
    claims = sum(1 for _ in extract_all(docs))
    elapsed = time.perf_counter() - start
    print(f"machine: {platform.machine()} {platform.python_implementation()} "
          f"{platform.python_version()}; commit {commit()}")
    print(f"rule packs loaded and compiled in {load:.2f} s")
    print(f"{len(docs)} abstracts, {size / 1e6:.2f} MB, {claims} claims in {elapsed:.2f} s: "
          f"{size / 1e6 / elapsed:.3f} MB/s, {len(docs) / elapsed:.0f} abstracts/s")


if __name__ == "__main__":
    main()
