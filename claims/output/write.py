"""Claims out to JSON Lines, CSV or Parquet; files are replaced atomically.

A run that fails half way (a bad input, an interrupt, a full disk) leaves the previous
output as it was instead of a truncated file. Only regular files are replaced: a FIFO or
a device (`/dev/null`) is written in place. Text from documents is made harmless on
the way out: control characters are shown as their Unicode pictures (a NUL byte in a
CSV makes it a binary file), and a CSV cell that a spreadsheet would run as a formula
gets a leading `'` (read back without it). JSON is strict: no NaN or Infinity.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import sys
import time
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


def write_claims(claims: Iterable[Claim], path: str | Path, fmt: str | None = None,
                 *, safe_cells: bool = True) -> int:
    """Write `claims` (a list or a stream) to `path` ("-": stdout); returns how many.

    `safe_cells=False` writes CSV text cells as they are, formula-like ones included.
    """
    fmt = output_format(path, fmt)
    if str(path) == _STDOUT:
        if fmt == "jsonl":
            count = _write_jsonl(claims, sys.stdout)
        else:
            count = _write_csv(claims, sys.stdout, safe_cells)
        sys.stdout.flush()
        return count
    with atomic_write(path) as tmp:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as out:
                return _write_jsonl(claims, out)
        if fmt == "csv":
            return _write_csv(claims, tmp, safe_cells)
        frame = claims_frame(claims)
        _to_parquet(frame, tmp)
        return len(frame)


def write_errors(errors: Iterable[DocumentError], path: str | Path) -> None:
    """The per-record errors of a run as JSON Lines, beside its output."""
    with atomic_write(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        for error in errors:
            out.write(json_line(error.model_dump()))


def json_line(record: dict) -> str:
    """One strict JSON object and a newline: NaN and infinities are refused, not written
    as tokens that other JSON parsers reject.

    >>> json_line({"id": "a\\x00", "value": 3.25})
    '{"id": "a\\\\u0000", "value": 3.25}\\n'
    >>> json_line({"value": float("inf")})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Out of range float values are not JSON compliant...
    """
    return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


def errors_path(out_path: str | Path) -> Path:
    """Where the errors of an output go: "<out>.errors.jsonl" in the same directory.

    >>> errors_path("out/claims.jsonl").as_posix(), errors_path("claims.parquet").name
    ('out/claims.errors.jsonl', 'claims.errors.jsonl')
    """
    if str(out_path) == _STDOUT:
        raise ValueError("stdout has no errors file beside it; report errors another way")
    out = Path(out_path)
    return out.with_name(f"{out.stem}.errors.jsonl")


class OutputError(Exception):
    """An output that cannot be written (a full disk, no permission, a file where a
    folder should be); the previous output is left as it was."""


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it only if the block succeeds.

    The temporary file is made by name (not mkstemp) so it gets the usual
    permissions; being in the same directory makes `os.replace` atomic. A FIFO or a
    character device is not replaced but written in place (the block gets `path`
    itself). Write failures become `OutputError`.
    """
    path = Path(path)
    if _is_stream(path):
        with _as_output_error(path):
            yield path
        return
    with _as_output_error(path):
        _check_replaceable(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_temporaries(path.parent)
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        tmp.touch(exist_ok=False)
    try:
        with _as_output_error(path, tmp):
            yield tmp
            os.replace(tmp, path)
    except BaseException:  # an interrupt too: no temporary file is left behind
        tmp.unlink(missing_ok=True)
        raise


def _is_stream(path: Path) -> bool:
    """A FIFO or a character device (/dev/null, /dev/stdout): written, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _check_replaceable(path: Path) -> None:
    """Only a regular file (or a new path) is replaced by the finished output."""
    if path.exists() and not path.is_file():
        raise OutputError(f"cannot write {path}: not a regular file")


@contextmanager
def _as_output_error(path: Path, tmp: Path | None = None) -> Iterator[None]:
    """OSError of the output (its folder, its temporary file or itself) as OutputError
    with one line saying what went wrong; errors of other files pass through."""
    try:
        yield
    except OSError as exc:
        ours = {None, str(path), str(tmp), *map(str, path.parents)}
        if exc.filename is not None and str(exc.filename) not in ours:
            raise
        reason = exc.strerror or str(exc) or type(exc).__name__
        blocker = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()),
                       None)
        if blocker is not None:
            reason = f"{blocker} is not a folder"
        raise OutputError(f"cannot write {path}: {reason}") from None


#: Temporary files of `atomic_write`: `.NAME.<pid>-<hex>.tmp` (`.NAME.<hex>.tmp` before).
_TEMPORARY = re.compile(r"\..+\.(?:(\d+)-)?[0-9a-f]{8}\.tmp")
#: A temporary file this old is stale whoever wrote it.
STALE_AFTER = 24 * 3600.0


def sweep_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files of ours left in `folder` by a run that was killed
    (SIGKILL, a power cut): those whose writer is no longer running, or older than a
    day. Returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMPORARY.fullmatch(entry.name)
        if found and entry.is_file(follow_symlinks=False) and _stale(entry, found.group(1)):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _stale(entry: os.DirEntry, pid: str | None) -> bool:
    try:
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
            return True
    except OSError:
        return False
    return pid is not None and int(pid) != os.getpid() and not _running(int(pid))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as someone else
        return True
    return True


# --- text cells -----------------------------------------------------------------------

#: C0 controls (but tab, newline and carriage return) and DEL -> their Unicode pictures
#: (U+2400...): one character each, so a claim's offsets still fit its text.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"}
_CONTROL_PICTURES[0x7F] = 0x2421
#: What makes a spreadsheet run a cell as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?[\d.,]*\d(?:[eE][-+]?\d+)?%?")


def plural(count: int, noun: str) -> str:
    """A count with its noun, which takes an -s unless the count is one.

    >>> plural(1, "error"), plural(0, "claim"), plural(2, "table")
    ('1 error', '0 claims', '2 tables')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def visible_controls(text: str) -> str:
    """Control characters shown as their pictures, so text outputs hold none.

    >>> visible_controls("a\\x00b\\x1b[0m\\tc")
    'a\u2400b\u241b[0m\\tc'
    """
    return text.translate(_CONTROL_PICTURES)


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading `'` before `=`, `+`, `-`, `@`,
    tab or CR (and before such a cell that already starts with `'`, so that reading
    back is exact); a cell that is just a number (`-3.5`) is left as it is.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-3.5%"), csv_cell("'=x"), csv_cell("a=b")
    ("'=HYPERLINK(1)", '-3.5%', "''=x", 'a=b')
    """
    rest = text[1:] if text.startswith("'") else text
    if rest.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(rest):
        return "'" + text
    return text


def from_csv_cell(text: str) -> str:
    """A text cell as written before `csv_cell`.

    >>> from_csv_cell("'=HYPERLINK(1)"), from_csv_cell("''=x"), from_csv_cell("'tis")
    ('=HYPERLINK(1)', "'=x", "'tis")
    """
    if text.startswith("'") and text[1:].startswith(("'", *_FORMULA_START)):
        rest = text[1:]
        if csv_cell(rest) == text:
            return rest
    return text


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """Claims as a table, one column per `Claim` field in model order, each of one dtype
    whatever the rows hold: `float64` for values (missing: NaN), `int64` for offsets,
    `Int64` for the page and pandas' `string` dtype for text (missing: `pd.NA`)."""
    import pandas as pd

    columns = list(Claim.model_fields)
    frame = pd.DataFrame([claim.row() for claim in claims], columns=columns)
    return frame.astype({name: _PANDAS[dtype] for name, dtype in _column_types().items()})


# --- helpers ------------------------------------------------------------------------

_PANDAS = {"float": "float64", "int": "int64", "int?": "Int64", "bool": "bool",
           "string": "string"}


def _write_jsonl(claims: Iterable[Claim], out: IO[str]) -> int:
    """One JSON object per claim, written as they come."""
    count = 0
    for claim in claims:
        out.write(json_line(claim.row()))
        count += 1
    return count


def _write_csv(claims: Iterable[Claim], out: IO[str] | Path, safe_cells: bool) -> int:
    frame = text_cells(claims_frame(claims), safe_cells)
    frame.to_csv(out, index=False)
    return len(frame)


def text_cells(frame: pd.DataFrame, safe_cells: bool = True) -> pd.DataFrame:
    """A copy with every text cell's control characters made visible and, with
    `safe_cells`, formula-like cells neutralized (`csv_cell`); numbers untouched."""
    out = frame.copy()
    for i in range(out.shape[1]):
        out.isetitem(i, out.iloc[:, i].map(
            lambda value: _text_cell(value, safe_cells) if isinstance(value, str) else value))
    return out


def _text_cell(text: str, safe_cells: bool) -> str:
    text = visible_controls(text)
    return csv_cell(text) if safe_cells else text


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
