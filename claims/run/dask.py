"""Extraction on a Dask cluster, partition by partition (`pip install claims[dask]`).

- `extract_dataframe(frame)`: a Dask DataFrame of papers -> a Dask DataFrame of claims,
  one row per claim, with the columns and types `claims extract` writes.
- `extract_bag(bag)`: a Dask Bag of documents (or records with id/title/abstract) -> a
  Bag of claim rows (dicts).
- `extract_files(paths, out_dir)`: each input file is one task, read exactly as the
  command reads it (same ids, same per-record errors); its claims become one Parquet
  partition `out_dir/part-NNNNN.parquet`, in the order of `paths`.
- `connect(address)`: a client for a scheduler (`tcp://host:8786`), or `local` /
  `local:N` for a cluster of N worker processes on this machine.

Every worker loads the rule set once (from the compiled rule-pack cache when it can) and
the claims are the same as a single-process run's, row for row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.claim.rulepack import RuleSet, load_ruleset
from claims.model import Claim, Document, DocumentError
from claims.read.options import ReadOptions
from claims.run.pipeline import MAX_CHARS, TIME_BUDGET

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client


@dataclass(frozen=True)
class Options:
    """How documents are read and extracted, the same on every worker."""

    rules: tuple[str, ...] = ()
    time_budget: float | None = TIME_BUDGET
    max_chars: int = MAX_CHARS
    input_format: str | None = None
    read: ReadOptions = ReadOptions()


_RULESETS: dict[tuple[str, ...], RuleSet] = {}


def _ruleset(rules: tuple[str, ...]) -> RuleSet:
    """The rule set of a worker process, loaded once per set of rule directories."""
    if rules not in _RULESETS:
        _RULESETS[rules] = load_ruleset([Path(r) for r in rules])
    return _RULESETS[rules]


def _claims_of(items: Iterable[Document | DocumentError], options: Options,
               errors: list[DocumentError]) -> Iterator[Claim]:
    from claims.run.parallel import outcomes

    ruleset = _ruleset(options.rules)
    for outcome in outcomes(items, ruleset, 1, options.time_budget, options.max_chars):
        if isinstance(outcome, DocumentError):
            errors.append(outcome)
        else:
            yield from outcome


# --- DataFrames and Bags -------------------------------------------------------------


def extract_dataframe(frame: dd.DataFrame, id_col: str = "id",
                      text_cols: Sequence[str] = ("title", "abstract"),
                      options: Options | None = None) -> dd.DataFrame:
    """One row per claim in the `text_cols` of each row of `frame`, partition by partition
    (a document that fails is skipped, as `claims.extract_frame` would raise)."""
    from claims.output.write import claims_frame

    options = options or Options()
    return frame.map_partitions(_partition_frame, id_col, list(text_cols), options,
                                meta=claims_frame([]))


def _partition_frame(part: pd.DataFrame, id_col: str, text_cols: list[str],
                     options: Options) -> pd.DataFrame:
    from claims.output.write import claims_frame
    from claims.run.pipeline import frame_documents

    return claims_frame(_claims_of(frame_documents(part, id_col, text_cols), options, []))


def extract_bag(bag: db.Bag, options: Options | None = None) -> db.Bag:
    """Claim rows (`Claim.row()` dicts) of a Bag of `Document`s or of records (dicts with
    an `id` and `title`/`abstract`/`text` fields)."""
    return bag.map_partitions(_partition_rows, options or Options())


def _partition_rows(part: Iterable[Document | dict], options: Options) -> list[dict]:
    """Records become documents as a JSON Lines reader makes them (a record without text
    is skipped; one without an id is named by its place in the partition)."""
    from claims.read.records import record_document

    docs = (item if isinstance(item, Document) else
            record_document(item, "bag", number, "record", options.read.id_col,
                            options.read.text_cols)
            for number, item in enumerate(part, 1))
    return [claim.row() for claim in _claims_of(docs, options, [])]


# --- files to Parquet partitions -----------------------------------------------------


def input_paths(patterns: Iterable[str]) -> list[str]:
    """The files of some glob patterns, directories or plain paths, as the command walks
    them; a pattern that matches nothing is kept, for its task to report."""
    from claims.read import InputError, expand_inputs

    paths: list[str] = []
    for pattern in patterns:
        try:
            paths.extend(expand_inputs([pattern]))
        except InputError:
            paths.append(pattern)
    return paths


def extract_files(paths: Sequence[str], out_dir: str | Path, client: Client | None = None,
                  options: Options | None = None) -> tuple[int, list[DocumentError]]:
    """Claims of each file to `out_dir/part-NNNNN.parquet` (one task per file, run on
    `client`'s cluster, else Dask's default scheduler); returns the number of claims and
    the per-record errors, in input order. Parquet partitions of an earlier run that
    this one did not write are removed."""
    import dask

    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = [out / f"part-{i:05d}.parquet" for i in range(len(paths))]
    tasks = [dask.delayed(_file_to_parquet)(path, str(target), options)
             for path, target in zip(paths, targets, strict=True)]
    results = client.gather(client.compute(tasks)) if client else dask.compute(*tasks)
    for stale in set(out.glob("part-*.parquet")) - set(targets):
        stale.unlink()
    errors = [error for _, found in results for error in found]
    return sum(count for count, _ in results), errors


def _file_to_parquet(path: str, target: str, options: Options
                     ) -> tuple[int, list[DocumentError]]:
    from claims.output.write import write_claims
    from claims.read import InputError, read_path

    errors: list[DocumentError] = []
    try:
        docs = read_path(path, options.input_format, options=options.read)
        count = write_claims(_claims_of(docs, options, errors), target, "parquet")
    except InputError as exc:
        write_claims([], target, "parquet")
        return 0, [*errors, DocumentError(source=path, message=str(exc))]
    return count, errors


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a new cluster of worker processes
    on this machine for `local` (one per core) or `local:N`."""
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        workers = int(address.partition(":")[2] or 0) or None
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def read_parquet_dir(out_dir: str | Path) -> Any:
    """The claims written by `extract_files`, as one pandas DataFrame in input order."""
    import pandas as pd

    from claims.output.write import claims_frame

    parts = sorted(Path(out_dir).glob("part-*.parquet"))
    frames = [pd.read_parquet(part) for part in parts]
    return pd.concat(frames, ignore_index=True) if frames else claims_frame([])
