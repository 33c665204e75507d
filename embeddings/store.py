"""An index folder on disk: files written to a temporary folder, checksummed, and renamed into place.

A reader either sees the previous complete index or the new complete one; an interrupted write leaves the
previous index answering.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
_HASHED_UP_TO = 256 * 1024 * 1024  # bigger files are checked by size only, or loading would take seconds
SIZE_CHECKED = "encoder/"
"""Files under this prefix (the exported model, ~90 MB) are checked by size only: hashing them on every load
would take most of a cold `qa ask`'s time budget, and they are copies of the installed model."""


class StoreError(Exception):
    """The index folder is missing, incomplete or damaged; `reason` says which."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _checksums(folder: Path) -> dict[str, dict[str, Any]]:
    sums: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        size = path.stat().st_size
        entry: dict[str, Any] = {"size": size}
        name = path.relative_to(folder).as_posix()
        if size <= _HASHED_UP_TO and not name.startswith(SIZE_CHECKED):
            entry["sha256"] = _digest(path)
        sums[name] = entry
    return sums


def write_store(path: Path, manifest: dict[str, Any], write_files: Callable[[Path], None]) -> None:
    """Writes a complete index folder at `path`, replacing any previous one only once the new one is whole.

    `write_files` fills the temporary folder it is given; the manifest, with checksums of every file, is
    written last, and its presence is what makes a folder an index.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    old = path.parent / f".{path.name}.old"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        write_files(tmp)
        full = dict(manifest, checksums=_checksums(tmp))
        with (tmp / MANIFEST).open("w", encoding="utf-8") as f:
            json.dump(full, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        tmp.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if not path.exists() and old.exists():
            old.rename(path)
        raise


def locate_store(path: Path) -> Path:
    """Returns the folder to read: `path`, or the previous index a crash between two renames left aside."""
    if (path / MANIFEST).is_file():
        return path
    old = path.parent / f".{path.name}.old"
    if not path.exists() and (old / MANIFEST).is_file():
        return old
    raise StoreError(path, "no index here")


def read_manifest(folder: Path) -> dict[str, Any]:
    """Returns the manifest of an index folder."""
    try:
        with (folder / MANIFEST).open(encoding="utf-8") as f:
            manifest = json.load(f)
    except FileNotFoundError as exc:
        raise StoreError(folder, "no index here") from exc
    except (OSError, ValueError) as exc:
        raise StoreError(folder, "the manifest is damaged") from exc
    if not isinstance(manifest, dict):
        raise StoreError(folder, "the manifest is damaged")
    return manifest


def verify_store(folder: Path, manifest: dict[str, Any]) -> None:
    """Checks every file the manifest lists against its recorded size and checksum."""
    sums = manifest.get("checksums")
    if not isinstance(sums, dict):
        raise StoreError(folder, "the manifest lists no checksums")
    for name, entry in sums.items():
        file = folder / name
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise StoreError(folder, f"{name} is missing") from exc
        if size != entry.get("size"):
            raise StoreError(folder, f"{name} is truncated or changed")
        if "sha256" in entry and _digest(file) != entry["sha256"]:
            raise StoreError(folder, f"{name} is damaged (checksum mismatch)")
