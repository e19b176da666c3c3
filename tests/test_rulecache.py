"""The compiled rule-set cache: used when valid, ignored when not, never required."""

from __future__ import annotations

import os

import pytest

from claims.claim import rulecache
from claims.claim.rulepack import builtin_dir, load_ruleset


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_loaded_rule_set_is_stored_and_read_back(cache_dir) -> None:
    first = load_ruleset()
    [entry] = [p for p in cache_dir.glob("ruleset-*.pickle") if "-hs-" not in p.name]
    second = load_ruleset()
    assert [r.rule.id for r in second.rules] == [r.rule.id for r in first.rules]
    assert second.rules[0].regex.pattern == first.rules[0].regex.pattern
    assert entry.exists()


def test_a_broken_entry_is_compiled_again(cache_dir) -> None:
    key = rulecache.key_of([builtin_dir()])
    (cache_dir / f"ruleset-{key}.pickle").write_bytes(b"not a pickle")
    assert len(load_ruleset().rules) > 50


def test_the_key_follows_the_packs(tmp_path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.yaml").write_text("kind: speedup\n", encoding="utf-8")
    before = rulecache.key_of([builtin_dir(), packs])
    (packs / "mine.yaml").write_text("kind: score\n", encoding="utf-8")
    assert rulecache.key_of([builtin_dir(), packs]) != before


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMS_CACHE_DIR", "")
    assert rulecache.cache_dir() is None
    rulecache.store("k", [1])
    assert rulecache.load("k") is None


def test_old_entries_are_pruned(cache_dir) -> None:
    for i in range(rulecache.KEEP + 3):
        rulecache.store(f"{i:032d}", i)
        os.utime(cache_dir / f"ruleset-{i:032d}.pickle", (i, i))
    rulecache.store("new", "x")
    assert len(list(cache_dir.glob("ruleset-*.pickle"))) == rulecache.KEEP
    assert rulecache.load("new") == "x"
