"""Claims out to JSON Lines, CSV or Parquet; files are replaced atomically.

A run that fails half way (a bad input, an interrupt) leaves the previous output
as it was instead of a truncated file.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from claims.model import Claim, DocumentError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")

_EXTENSIONS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
               ".parquet": "parquet", ".pq": "parquet"}
_STDOUT = "-"


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """The output format: `fmt` if given, else from the extension ("-" is JSON Lines).

    >>> output_format("out/claims.pq"), output_format("-"), output_format("x.txt", "csv")
    ('parquet', 'jsonl', 'csv')
    >>> output_format("claims.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: cannot tell the output format of 'claims.txt' from its extension: ...
    """
    if fmt is not None:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {fmt!r} "
                             f"(choose from {', '.join(OUTPUT_FORMATS)})")
    elif str(path) == _STDOUT:
        fmt = "jsonl"
    else:
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the output format of {str(path)!r} from its "
                             "extension: use .jsonl, .csv or .parquet, or give a format "
                             f"({', '.join(OUTPUT_FORMATS)})")
    if fmt == "parquet" and str(path) == _STDOUT:
        raise ValueError("parquet cannot be written to stdout; give a file name")
    return fmt


def write_claims(claims: Iterable[Claim], path: str | Path, fmt: str | None = None) -> int:
    """Write `claims` (a list or a stream) to `path` ("-": stdout); returns how many."""
    fmt = output_format(path, fmt)
    if str(path) == _STDOUT:
        count = _write_jsonl(claims, sys.stdout) if fmt == "jsonl" else _write_csv_to(claims)
        sys.stdout.flush()
        return count
    with atomic_write(path) as tmp:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as out:
                return _write_jsonl(claims, out)
        frame = claims_frame(claims)
        if fmt == "csv":
            frame.to_csv(tmp, index=False)
        else:
            _to_parquet(frame, tmp)
        return len(frame)


def write_errors(errors: Iterable[DocumentError], path: str | Path) -> None:
    """The per-record errors of a run as JSON Lines, beside its output."""
    with atomic_write(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        for error in errors:
            out.write(json.dumps(error.model_dump(), ensure_ascii=False) + "\n")


def errors_path(out_path: str | Path) -> Path:
    """Where the errors of an output go: "<out>.errors.jsonl" in the same directory.

    >>> errors_path("out/claims.jsonl").as_posix(), errors_path("claims.parquet").name
    ('out/claims.errors.jsonl', 'claims.errors.jsonl')
    """
    if str(out_path) == _STDOUT:
        raise ValueError("stdout has no errors file beside it; report errors another way")
    out = Path(out_path)
    return out.with_name(f"{out.stem}.errors.jsonl")


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it only if the block succeeds.

    The temporary file is made by name (not mkstemp) so it gets the usual
    permissions; being in the same directory makes `os.replace` atomic.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    tmp.touch(exist_ok=False)
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """Claims as a table, one column per `Claim` field in model order."""
    import pandas as pd

    columns = list(Claim.model_fields)
    frame = pd.DataFrame([claim.row() for claim in claims], columns=columns)
    numeric = {name: dtype for name, dtype in _column_types().items() if dtype != "string"}
    return frame.astype({name: _PANDAS[dtype] for name, dtype in numeric.items()})


# --- helpers ------------------------------------------------------------------------

_PANDAS = {"float": "float64", "int": "int64", "int?": "Int64", "bool": "bool"}


def _write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    """One JSON object per claim, written as they come."""
    count = 0
    for claim in claims:
        out.write(json.dumps(claim.row(), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv_to(claims: Iterable[Claim]) -> int:
    frame = claims_frame(claims)
    frame.to_csv(sys.stdout, index=False)
    return len(frame)


def _column_types() -> dict[str, str]:
    """"float", "int", "int?" (may be null), "bool" or "string" for each `Claim` field,
    from its annotation."""
    kinds = {}
    for name, info in Claim.model_fields.items():
        ann = info.annotation
        args = typing.get_args(ann) or (ann,)
        kinds[name] = next((k.__name__ for k in (bool, int, float) if k in args), "string")
        if kinds[name] == "int" and type(None) in args:
            kinds[name] = "int?"
    return kinds


def _arrow_schema() -> pa.Schema:
    """A fixed schema, so columns that are all null (or an empty table) keep their type."""
    import pyarrow as pa

    types_ = {"float": pa.float64(), "int": pa.int64(), "int?": pa.int64(), "bool": pa.bool_(),
              "string": pa.string()}
    return pa.schema([(name, types_[kind]) for name, kind in _column_types().items()])


def _to_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, schema=_arrow_schema())
