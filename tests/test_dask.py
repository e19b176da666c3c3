"""Extraction on a Dask cluster of two worker processes equals the single-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")

import claims  # noqa: E402
from claims.run.cli import main  # noqa: E402
from claims.run.dask import (  # noqa: E402
    extract_bag,
    extract_dataframe,
    extract_files,
    read_parquet_dir,
)
from claims.run.pipeline import frame_documents  # noqa: E402
from tests.conftest import FIXTURES  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The seed and held-out abstracts in four files, one bad line among them."""
    lines = [line for name in ("seed_docs.jsonl", "heldout_docs.jsonl")
             for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]
    lines[5] = lines[5][:40]
    directory = tmp_path_factory.mktemp("inputs")
    paths = []
    for part in range(4):
        path = directory / f"papers-{part}.jsonl"
        path.write_text("\n".join(lines[part::4]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _single_process(paths: list[Path], tmp_path: Path) -> pd.DataFrame:
    out = tmp_path / "single.parquet"
    assert main(["extract", *map(str, paths), "-o", str(out), "--quiet"]) == 1
    return pd.read_parquet(out)


def test_files_on_a_cluster_equal_one_process(client, inputs, tmp_path) -> None:
    count, errors = extract_files([str(p) for p in inputs], tmp_path / "parts", client)
    found = read_parquet_dir(tmp_path / "parts")
    expected = _single_process(inputs, tmp_path)
    assert count == len(expected) > 300
    pd.testing.assert_frame_equal(found, expected)
    assert [(e.source, e.line) for e in errors] == [(str(inputs[1]), 2)]


def test_command_line_on_a_cluster(client, inputs, tmp_path, capsys) -> None:
    out = tmp_path / "parts"
    (out).mkdir()
    (out / "part-00009.parquet").write_bytes(b"stale")
    pattern = str(inputs[0].parent / "papers-*.jsonl")
    rc = main(["extract", "--dask", client.scheduler.address, pattern, "-o", str(out)])
    assert rc == 1
    assert not (out / "part-00009.parquet").exists()
    pd.testing.assert_frame_equal(read_parquet_dir(out), _single_process(inputs, tmp_path))
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and "invalid JSON" in errors[0]["message"]
    assert "claims written to" in capsys.readouterr().err


def test_dataframe_and_bag_partitions_equal_one_process(client) -> None:
    records = [{key: json.loads(line)[key] for key in ("id", "title", "abstract")} for line in
               (FIXTURES / "heldout_docs.jsonl").read_text(encoding="utf-8").splitlines()]
    frame = pd.DataFrame(records)
    expected = claims.extract_frame(frame, "id", ["title", "abstract"])
    found = extract_dataframe(dd.from_pandas(frame, npartitions=3)).compute()
    assert len(found) == len(expected) > 100
    assert (found.reset_index(drop=True).to_json(orient="records")
            == expected.to_json(orient="records"))
    rows = extract_bag(db.from_sequence(records, npartitions=3)).compute()
    docs = frame_documents(frame, "id", ["title", "abstract"])
    assert rows == [claim.row() for claim in claims.extract_all(docs)]
