"""Compiled rule sets kept on disk between runs, so a process starts in a fraction of
a second instead of compiling every pattern again.

Compiling the packs costs seconds (the `regex` module parses each pattern in Python);
a pickled `regex` pattern holds its compiled code and loads in microseconds. An entry
is keyed by a hash of everything the compiled result depends on: the pack files, the
source of this package, and the Python and `regex` versions; any change gives a new
key, so an entry is never stale. The cache is only a speed-up: an entry that cannot
be read or written is ignored and the packs are compiled as before.

Where: `$CLAIMS_CACHE_DIR`, else `$XDG_CACHE_HOME/claims`, else `~/.cache/claims`;
`CLAIMS_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:  # only a type: importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

_PACKAGE = Path(__file__).resolve().parents[1]  # the whole claims package


def cache_dir() -> Path | None:
    """The directory entries go to; None when the cache is turned off."""
    configured = os.environ.get("CLAIMS_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claims"


def key_of(directories: Iterable[Traversable | Path]) -> str:
    """A hash of the pack files of `directories`, this package's code and the versions
    of Python and `regex`."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{regex.__version__}".encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for directory in directories:
        digest.update(b"\1" + str(directory).encode())
        for entry in sorted(directory.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".yaml"):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:32]


def load(key: str) -> Any | None:
    """The object stored under `key`, or None (no entry, unreadable, not ours)."""
    path = _path(key)
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            if hasattr(os, "getuid") and os.fstat(stream.fileno()).st_uid != os.getuid():
                return None  # only entries this user wrote are unpickled
            return pickle.load(stream)
    except Exception:  # a missing, truncated or outdated entry: compile instead
        return None


def store(key: str, value: Any) -> None:
    """Keep `value` under `key`, atomically; silently skipped where it cannot be written."""
    path = _path(key)
    if path is None:
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except Exception:  # a read-only or full disk, an object that does not pickle
        tmp.unlink(missing_ok=True)


#: Entries kept; older ones (other versions of the packs or the code) are removed.
KEEP = 12


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)


def _path(key: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"ruleset-{key}.pickle"
