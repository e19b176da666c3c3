"""Throughput, parallel speed-up, cold start and peak memory of `claims extract`.

The corpora are the bundled sample (dense: nearly every abstract states numbers) and
`bench/real_abstracts.jsonl` (514 real arXiv abstracts of October 2025, sparse), each
repeated with fresh ids, so nothing is reused between copies. Figures printed:

- steady state: MB/s, abstracts/s and CPU seconds per MB of the whole pipeline
  (normalize, match, quantities, cues, context, claims) on one core, in one process,
  after the rule packs are loaded, on each corpus;
- jobs: `claims extract --jobs 1` against `--jobs N` on the same file, with the
  speed-up and whether both outputs are byte-identical;
- cold start: process start to the first claim on stdout for one abstract, imports and
  rule packs included (first with an empty rule-pack cache, then with a warm one);
- peak RSS: maximum resident memory of `claims extract` on a large JSON Lines file and on
  a single-line text file of the same size.

Usage: python bench/run.py [--quick] [--copies N] [--jobs N] [--rss-mb MB]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claims.model import Document
from claims.read import read_sample

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = [sys.executable, "-m", "claims"]


def sample() -> list[Document]:
    return [d for d in read_sample() if isinstance(d, Document)]


def corpus(copies: int) -> list[Document]:
    """The sample corpus `copies` times over, each copy with its own ids."""
    return repeated(sample(), copies)


def text_bytes(doc: Document) -> int:
    return sum(len(text.encode()) for text in doc.fields.values())


def write_corpus(path: Path, megabytes: float) -> int:
    """A JSON Lines file of about `megabytes` of abstracts; returns its text bytes."""
    base = sample()
    size, copy = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            for doc in base:
                out.write(json.dumps({"id": f"{doc.id}-{copy}", **doc.fields}) + "\n")
                size += text_bytes(doc)
            copy += 1
    return size


def write_single_line(path: Path, megabytes: float) -> None:
    """One text file holding the sample's abstracts, repeated, on a single line."""
    line = " ".join(" ".join(d.fields.values()).replace("\n", " ") for d in sample()) + " "
    with path.open("w", encoding="utf-8") as out:
        for _ in range(int(megabytes * 1e6 / len(line.encode())) + 1):
            out.write(line)


def commit() -> str:
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
            f"{platform.python_implementation()} {platform.python_version()}")


def real_abstracts() -> list[Document]:
    """514 arXiv abstracts of October 2025 (cs.CV, cs.RO; CC0) as listed, with their source:
    real, sparse text where most sentences hold no number."""
    path = Path(__file__).with_name("real_abstracts.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [Document(id=r["id"], fields={"title": r["title"], "abstract": r["abstract"]},
                     url=r["url"]) for r in rows]


def repeated(base: list[Document], copies: int) -> list[Document]:
    return [doc.model_copy(update={"id": f"{doc.id}-{i}"}) for i in range(copies) for doc in base]


def steady_state(label: str, docs: list[Document]) -> None:
    """Documents through the library on one core, rule packs already loaded: wall time
    and CPU time per MB."""
    from claims.claim.rulepack import default_ruleset
    from claims.run.pipeline import extract_document

    ruleset = default_ruleset()
    for doc in docs[:5]:  # warm up: lazy lexicon scans, caches
        extract_document(doc, ruleset)
    size = sum(text_bytes(d) for d in docs)
    start, cpu = time.perf_counter(), time.process_time()
    claims = sum(len(extract_document(doc, ruleset)) for doc in docs)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"steady state, 1 core, {label}: {len(docs)} abstracts, {size / 1e6:.2f} MB, "
          f"{claims} claims in {elapsed:.2f} s: {size / 1e6 / elapsed:.2f} MB/s, "
          f"{len(docs) / elapsed:.0f} abstracts/s, {cpu / (size / 1e6):.2f} CPU s per MB")


def jobs_speedup(workdir: Path, megabytes: float, jobs: int) -> None:
    """The command on the same file with --jobs 1 and --jobs N."""
    source = workdir / "jobs.jsonl"
    size = write_corpus(source, megabytes)
    times, cpu, outputs = {}, {}, {}
    for n in (1, jobs):
        out = workdir / f"jobs-{n}.jsonl"
        start, used = time.perf_counter(), _children_cpu()
        subprocess.run([*CLAIMS, "extract", str(source), "-o", str(out), "--jobs", str(n)],
                       check=True, capture_output=True)
        times[n], cpu[n] = time.perf_counter() - start, _children_cpu() - used
        outputs[n] = out.read_bytes()
    same = "identical" if outputs[1] == outputs[jobs] else "DIFFERENT"
    print(f"command, {size / 1e6:.1f} MB: --jobs 1 {times[1]:.1f} s "
          f"({size / 1e6 / times[1]:.2f} MB/s), --jobs {jobs} {times[jobs]:.1f} s "
          f"({size / 1e6 / times[jobs]:.2f} MB/s): speed-up {times[1] / times[jobs]:.2f}x, "
          f"outputs {same}; CPU time {cpu[1]:.1f} s and {cpu[jobs]:.1f} s "
          f"(the speed-up needs {jobs} idle cores: load average now "
          f"{os.getloadavg()[0]:.1f})")


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def first_claim_seconds(source: Path, env: dict[str, str]) -> float:
    """Process start to the first claim on stdout."""
    start = time.perf_counter()
    with subprocess.Popen([*CLAIMS, "extract", str(source)], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=env) as process:
        process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.communicate()
    return elapsed


def cold_start(workdir: Path, runs: int) -> None:
    source = workdir / "one.jsonl"
    doc = sample()[0]
    source.write_text(json.dumps({"id": doc.id, **doc.fields}) + "\n", encoding="utf-8")
    env = {**os.environ, "CLAIMS_CACHE_DIR": str(workdir / "cache")}
    empty = first_claim_seconds(source, env)
    warm = statistics.median(first_claim_seconds(source, env) for _ in range(runs))
    print(f"cold start (process start to first claim, one abstract): {warm:.2f} s "
          f"(median of {runs}); {empty:.2f} s with an empty rule-pack cache")


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of `command`, measured in a child of its own."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], check=True,
                         capture_output=True, text=True).stdout
    maxrss = int(out.split()[-1])  # bytes on macOS, kilobytes elsewhere
    return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 2**10


def peak_rss(workdir: Path, megabytes: float) -> None:
    many, one = workdir / "large.jsonl", workdir / "large.txt"
    write_corpus(many, megabytes)
    write_single_line(one, megabytes)
    for label, source in (("JSON Lines", many), ("a single line", one)):
        size = source.stat().st_size / 1e6
        start = time.perf_counter()
        rss = peak_rss_mb([*CLAIMS, "extract", str(source), "-o", str(workdir / "rss.jsonl"),
                           "--time-budget", "1e9"])  # one huge document takes minutes
        elapsed = time.perf_counter() - start
        print(f"peak RSS, {size:.0f} MB of {label}: {rss:.0f} MB ({elapsed:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small inputs, a minute or so")
    parser.add_argument("--copies", type=int, help="copies of the sample for the steady "
                        "state (default 20, quick 3)")
    parser.add_argument("--jobs", type=int, default=2, help="processes to compare with one")
    parser.add_argument("--rss-mb", type=float, help="size of the peak-RSS inputs in MB "
                        "(default 100, quick 5)")
    args = parser.parse_args()
    copies = args.copies or (3 if args.quick else 20)
    rss_mb = args.rss_mb or (5 if args.quick else 100)
    print(f"machine: {machine()}")
    print(f"commit: {commit()}")
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        workdir = Path(tmp)
        steady_state("dense sample", corpus(copies))
        steady_state("real sparse abstracts", repeated(real_abstracts(),
                                                       max(1, copies // 5)))
        jobs_speedup(workdir, 1 if args.quick else 10, args.jobs)
        cold_start(workdir, 3 if args.quick else 5)
        peak_rss(workdir, rss_mb)


if __name__ == "__main__":
    main()
