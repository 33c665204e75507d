"""An index folder on disk: files written to a temporary folder, checksummed, and renamed into place.

A reader either sees the previous complete index or the new complete one; an interrupted write leaves the
previous index answering.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
_HASHED_UP_TO = 256 * 1024 * 1024  # bigger files are checked by size only, or loading would take seconds
SIZE_CHECKED = "encoder/"
"""Files under this prefix (the exported model, ~90 MB) are checked by size only: hashing them on every load
would take most of a cold `qa ask`'s time budget, and they are copies of the installed model."""


class StoreBusy(Exception):
    """Another process holds the lock of this index folder for longer than we were willing to wait."""

    def __init__(self, path: Path, lock: Path, timeout: float) -> None:
        super().__init__(f"{path}: locked by another process ({lock}) for over {timeout:g}s")
        self.path = path
        self.lock = lock
        self.timeout = timeout


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


def lock_path(path: Path) -> Path:
    """Returns the lock file that guards the index folder `path`: beside it, so replacing the folder keeps it."""
    return path.parent / f"{path.name}.lock"


@contextmanager
def store_lock(path: Path, *, timeout: float) -> Iterator[None]:
    """Holds the writer's lock of an index folder, waiting up to `timeout` seconds for another writer to finish.

    Once it is held, leftovers of writers that were killed are cleared: a temporary folder is dropped and a
    previous index left aside between two renames is put back.
    """
    from filelock import FileLock, Timeout  # deferred: only writers lock

    path.parent.mkdir(parents=True, exist_ok=True)
    # A place where no file can be made fails here, at once, with the OSError that says why; filelock would take
    # it for a lock held by someone else and retry until the timeout.
    lock_path(path).touch(exist_ok=True)
    lock = FileLock(str(lock_path(path)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("waiting up to %gs for another process writing %s", timeout, path)
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreBusy(path, lock_path(path), timeout) from exc
    try:
        _recover(path)
        yield
    finally:
        lock.release()


def _recover(path: Path) -> None:
    """Clears what a killed writer left: stale temporary folders, and the previous index set aside."""
    for stale in path.parent.glob(f".{path.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    old = path.parent / f".{path.name}.old"
    if not path.exists() and (old / MANIFEST).is_file():
        old.rename(path)


def _fsync_tree(folder: Path) -> None:
    """Flushes every file of `folder` to disk, so a manifest never outlives the data it describes."""
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        with file.open("rb") as f:
            os.fsync(f.fileno())
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Flushes a folder's entries (the renames in it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class NotAStore(StoreError):
    """The folder asked for holds something else than an index: writing there would delete it."""


def check_replaceable(path: Path, *, ours: bool = False) -> None:
    """Refuses a place an index cannot be written to without destroying the user's files.

    Writing an index replaces the folder whole. That is right for an index (a manifest says it is one, even a
    damaged one), for an empty or new folder, and for a folder only qa writes to (`ours`: the default per-corpus
    folder, whose index may have lost its manifest); any other folder is someone's files (a corpus passed as
    `--index` by mistake) and is never touched.
    """
    if path.is_symlink() and not path.exists():
        raise NotAStore(path, "is a broken symbolic link, not an index folder")
    if not path.exists():
        return
    if not path.is_dir():
        raise NotAStore(path, "is a file, not an index folder")
    if (path / MANIFEST).is_file():
        return
    if not ours and next(path.iterdir(), None) is not None:
        raise NotAStore(path, "holds files that are not a qa index, and writing an index there would delete them")


def write_store(
    path: Path, manifest: dict[str, Any], write_files: Callable[[Path], None], *, ours: bool = False
) -> None:
    """Writes a complete index folder at `path`, replacing any previous one only once the new one is whole.

    `write_files` fills the temporary folder it is given; the manifest, with checksums of every file, is
    written last, and its presence is what makes a folder an index. Callers that may race hold `store_lock`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    old = path.parent / f".{path.name}.old"
    shutil.rmtree(tmp, ignore_errors=True)
    if not path.exists() and (old / MANIFEST).is_file():
        old.rename(path)  # a writer died between its two renames: the previous index is the one to keep
    check_replaceable(path, ours=ours)
    tmp.mkdir()
    try:
        write_files(tmp)
        full = dict(manifest, checksums=_checksums(tmp))
        with (tmp / MANIFEST).open("w", encoding="utf-8") as f:
            json.dump(full, f, ensure_ascii=False, indent=1)
        _fsync_tree(tmp)
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        tmp.rename(path)
        _fsync_folder(path.parent)
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


def _inside(name: str) -> bool:
    """Tells whether a manifest entry names a file inside the index folder, never one elsewhere."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def verify_store(folder: Path, manifest: dict[str, Any]) -> None:
    """Checks every file the manifest lists against its recorded size and checksum."""
    sums = manifest.get("checksums")
    if not isinstance(sums, dict) or not sums:
        raise StoreError(folder, "the manifest lists no checksums")
    for name, entry in sums.items():
        if not isinstance(entry, dict) or not _inside(name):
            raise StoreError(folder, "the manifest is damaged")
        file = folder / name
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise StoreError(folder, f"{name} is missing") from exc
        if size != entry.get("size"):
            raise StoreError(folder, f"{name} is truncated or changed")
        if "sha256" in entry and _digest(file) != entry["sha256"]:
            raise StoreError(folder, f"{name} is damaged (checksum mismatch)")
