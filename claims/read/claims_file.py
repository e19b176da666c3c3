"""Claims written by `claims extract` (JSON Lines, CSV or Parquet), read back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from claims.model import Claim
from claims.output.write import from_csv_cell
from claims.read.lines import InputError


def read_claims(path: str | Path) -> list[Claim]:
    """Claims from a JSONL, CSV or Parquet file written by `claims extract`.

    Raises ValueError when the file holds something else (papers), OSError when it
    cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".parquet", ".pq", ".csv"):
        import pandas as pd

        frame = pd.read_parquet(path) if suffix != ".csv" else pd.read_csv(path)
        if not {"doc_id", "kind", "value"} <= set(frame.columns):
            raise ValueError(f"{path}: not a claims file")
        records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        if suffix == ".csv":  # text cells as written before `csv_cell` neutralized them
            records = [{k: from_csv_cell(v) if isinstance(v, str) else v
                        for k, v in record.items()} for record in records]
        return [_claim(record, path) for record in records]
    with open(path, encoding="utf-8-sig") as stream:
        return _json_claims(stream, str(path))


def read_claims_text(text: str, name: str) -> list[Claim]:
    """Claims from JSON Lines text (stdin, read whole); ValueError when it holds
    something else."""
    return _json_claims(text.splitlines(), name)


def _json_claims(source: Iterable[str], name: str) -> list[Claim]:
    lines = [(n, line) for n, line in enumerate(source, 1) if line.strip()]
    if not lines or not _is_claim_line(lines[0][1]):
        raise ValueError(f"{name}: not a claims file")
    return [_claim(json.loads(line), f"{name}:{n}") for n, line in lines]


def _is_claim_line(line: str) -> bool:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and {"doc_id", "kind", "rule"} <= set(record)


def _claim(record: dict, where: str | Path) -> Claim:
    record = {k: ("" if k == "unit" and v is None else v) for k, v in record.items()}
    try:
        return Claim.model_validate(record)
    except ValidationError as err:
        raise InputError(f"{where}: not a valid claim: {err.errors()[0]['msg']}") from None
