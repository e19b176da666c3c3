"""Unit spellings (the unit lexicon, rules/units.yaml) and conversions through the
project's pint registry."""

from __future__ import annotations

import pint
import pytest

from claims.quantity.units import (
    canonical_unit,
    in_base_units,
    is_known_unit,
    quantity,
    registry,
    spellings,
)


@pytest.mark.parametrize(("spelling", "canonical"), [
    ("TFLOPs/s", "TFLOPS"),
    ("TFLOP/s", "TFLOPS"),
    ("TeraFLOPs", "TFLOPS"),
    ("PetaFLOPs", "PFLOPS"),
    ("FLOPs", "FLOP"),
    ("flops", "FLOP"),
    ("exaflops", "exaFLOP"),
    ("exaFLOPs", "exaFLOP"),
    ("PF-days", "PF_day"),
    ("GPU hours", "GPU_hour"),
    ("GPU-hours", "GPU_hour"),
    ("GPU  hours", "GPU_hour"),  # runs of spaces are squashed
    ("GPU\u2011hours", "GPU_hour"),  # non-breaking hyphen
    ("GPU hour", "GPU_hour"),
    ("accelerator hours", "accelerator_hour"),
    ("TPU-hours", "accelerator_hour"),
    ("G", "GB"),
    ("GB", "GB"),
    ("GiB", "GiB"),
    ("Gbps", "Gbps"),
    ("Gb/s", "Gbps"),
    ("parameters", "params"),
    ("Parameters", "params"),  # case-insensitive fallback
    ("params", "params"),
    ("tokens", "tokens"),
    ("token", "tokens"),
    ("bits", "bits"),
    ("times", "x"),
    ("X", "x"),
    ("percent", "%"),
    ("pp", "points"),
    ("minutes", "minute"),
    ("hours", "hour"),
])
def test_canonical_unit(spelling: str, canonical: str) -> None:
    assert canonical_unit(spelling) == canonical


@pytest.mark.parametrize("noun", ["instances", "widgets", "models", "Alltoalls"])
def test_unknown_noun_is_its_own_unit(noun: str) -> None:
    assert canonical_unit(noun) == noun
    assert not is_known_unit(noun)


def test_pint_unit_not_in_spellings_passes_through() -> None:
    assert "furlong" not in spellings()
    assert canonical_unit("furlong") == "furlong"
    assert is_known_unit("furlong")


def test_every_spelling_target_is_known_to_the_registry() -> None:
    targets = sorted(set(spellings().values()))
    assert targets
    unknown = [t for t in targets if not is_known_unit(t)]
    assert unknown == []


def test_b_is_params_not_bytes() -> None:
    # pint alone reads `B` as bytes; units.yaml maps it to params ("175B" is a model size).
    assert spellings()["B"] == "params"
    assert canonical_unit("B") == "params"
    assert registry().parse_units("B") == registry().parse_units("byte")


def test_g_is_gigabytes_not_a_gravitational_constant() -> None:
    assert canonical_unit("G") == "GB"
    assert quantity(24, canonical_unit("G")).to("MB").magnitude == pytest.approx(24000)


def test_is_known_unit_rejects_empty_and_garbage() -> None:
    assert not is_known_unit("")
    assert not is_known_unit("not a unit at all")
    assert is_known_unit("%")
    assert is_known_unit("x")


def test_gigabytes_to_gibibytes() -> None:
    assert quantity(40, "GB").to("GiB").magnitude == pytest.approx(40e9 / 2**30)


def test_tflops_and_gflops() -> None:
    assert quantity(1, "TFLOPS").to("GFLOPS").magnitude == pytest.approx(1000)
    assert in_base_units(1, "TFLOPS") == in_base_units(1000, "GFLOPS")


def test_exaflop_to_flop() -> None:
    assert quantity(120e6, "exaFLOP").to("FLOP").magnitude == pytest.approx(1.2e26)


def test_petaflop_day_is_a_flop_count() -> None:
    assert quantity(1, "PF_day").to("FLOP").magnitude == pytest.approx(1e15 * 86400)


def test_gpu_hours_and_accelerator_hours_are_the_same_measure() -> None:
    assert quantity(4, "GPU_hour") == quantity(4, "accelerator_hour")
    assert quantity(4, "GPU_hour").to("accelerator_hour").magnitude == pytest.approx(4)
    assert quantity(48, "GPU_hour").to("GPU_day").magnitude == pytest.approx(2)
    assert quantity(1, "GPU_hour").to("devices * minute").magnitude == pytest.approx(60)


def test_gpu_hours_are_not_hours() -> None:
    with pytest.raises(pint.DimensionalityError):
        quantity(4, "GPU_hour").to("hour")


def test_flop_count_and_flops_rate_do_not_convert() -> None:
    with pytest.raises(pint.DimensionalityError):
        quantity(1, "FLOP").to("FLOPS")
    with pytest.raises(pint.DimensionalityError):
        quantity(1, "exaFLOP").to("TFLOPS")
    assert in_base_units(1, "FLOP") != in_base_units(1, "FLOPS")


def test_bandwidth() -> None:
    assert quantity(800, "Gbps").to("GB/s").magnitude == pytest.approx(100)


def test_percent_and_factor() -> None:
    assert quantity(50, "%").to("dimensionless").magnitude == pytest.approx(0.5)
    assert quantity(3.25, "x").to("dimensionless").magnitude == pytest.approx(3.25)
    assert quantity(50, "%").to("x").magnitude == pytest.approx(0.5)


def test_bare_number_is_dimensionless() -> None:
    q = quantity(2.51, "")
    assert q.dimensionless
    assert q.magnitude == 2.51


def test_counted_units_are_their_own_dimensions() -> None:
    with pytest.raises(pint.DimensionalityError):
        quantity(7e9, "params").to("tokens")
    assert quantity(7e9, "params").magnitude == 7e9


def test_unknown_unit_raises() -> None:
    with pytest.raises(pint.UndefinedUnitError):
        quantity(1, "models")
    assert in_base_units(1, "models") is None
