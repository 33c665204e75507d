"""The index folder on disk: atomic replacement, checksums, recovery from killed writers, and the writer lock."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from embeddings.store import (
    MANIFEST,
    StoreBusy,
    StoreError,
    locate_store,
    lock_path,
    read_manifest,
    store_lock,
    verify_store,
    write_store,
)


def writer(content: str) -> Callable[[Path], None]:
    """Returns a store writer that lays out two files holding `content`."""

    def write_files(folder: Path) -> None:
        (folder / "data.txt").write_text(content, encoding="utf-8")
        (folder / "sub").mkdir()
        (folder / "sub" / "more.bin").write_bytes(content.encode() * 3)

    return write_files


def load(path: Path) -> str:
    folder = locate_store(path)
    manifest = read_manifest(folder)
    verify_store(folder, manifest)
    return (folder / "data.txt").read_text(encoding="utf-8")


def test_a_written_store_verifies_and_lists_every_file(tmp_path: Path) -> None:
    write_store(tmp_path / "index", {"kind": "test"}, writer("one"))
    manifest = read_manifest(tmp_path / "index")
    assert set(manifest["checksums"]) == {"data.txt", "sub/more.bin"}
    assert load(tmp_path / "index") == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_a_failing_writer_leaves_the_previous_store_and_no_leftovers(tmp_path: Path) -> None:
    write_store(tmp_path / "index", {}, writer("one"))

    def broken(folder: Path) -> None:
        (folder / "data.txt").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_store(tmp_path / "index", {}, broken)
    assert load(tmp_path / "index") == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_an_interrupt_while_writing_leaves_the_previous_store(tmp_path: Path) -> None:
    write_store(tmp_path / "index", {}, writer("one"))

    def interrupted(folder: Path) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_store(tmp_path / "index", {}, interrupted)
    assert load(tmp_path / "index") == "one"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda f: f.write_bytes(f.read_bytes()[:-2]), "data.txt is truncated or changed"),
        (lambda f: f.write_bytes(f.read_bytes()[::-1]), "data.txt is damaged (checksum mismatch)"),
        (lambda f: f.unlink(), "data.txt is missing"),
    ],
)
def test_damaged_files_are_caught_by_their_checksums(
    tmp_path: Path, damage: Callable[[Path], object], reason: str
) -> None:
    write_store(tmp_path / "index", {}, writer("some data"))
    damage(tmp_path / "index" / "data.txt")
    with pytest.raises(StoreError) as caught:
        load(tmp_path / "index")
    assert caught.value.reason == reason


@pytest.mark.parametrize("text", ["", "{", '{"checksums": ', "[1, 2]", '"a string"', "\x00\x01garbage"])
def test_a_truncated_or_garbage_manifest_is_reported_as_damaged(tmp_path: Path, text: str) -> None:
    write_store(tmp_path / "index", {}, writer("x"))
    (tmp_path / "index" / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match="manifest is damaged"):
        read_manifest(tmp_path / "index")


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/hostname", "sub/../../outside.txt"])
def test_a_manifest_cannot_make_the_checker_read_outside_the_folder(tmp_path: Path, name: str) -> None:
    write_store(tmp_path / "index", {}, writer("x"))
    manifest = read_manifest(tmp_path / "index")
    manifest["checksums"][name] = {"size": 1}
    with pytest.raises(StoreError, match="manifest is damaged"):
        verify_store(tmp_path / "index", manifest)


def test_a_writer_killed_between_its_two_renames_leaves_the_old_store_readable_and_recoverable(
    tmp_path: Path,
) -> None:
    write_store(tmp_path / "index", {}, writer("one"))
    # What a SIGKILL right after `path.rename(old)` leaves: the old store aside, a complete new one under its
    # temporary name.
    (tmp_path / "index").rename(tmp_path / ".index.old")
    (tmp_path / ".index.tmp-99999").mkdir()
    assert load(tmp_path / "index") == "one"
    with store_lock(tmp_path / "index", timeout=1):
        assert load(tmp_path / "index") == "one"
        assert not (tmp_path / ".index.tmp-99999").exists()
        write_store(tmp_path / "index", {}, writer("two"))
    assert load(tmp_path / "index") == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index", "index.lock"]


def test_a_new_write_after_a_kill_between_renames_never_deletes_the_only_store(tmp_path: Path) -> None:
    write_store(tmp_path / "index", {}, writer("one"))
    (tmp_path / "index").rename(tmp_path / ".index.old")

    def interrupted(folder: Path) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_store(tmp_path / "index", {}, interrupted)
    assert load(tmp_path / "index") == "one"


HOLD_LOCK = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Starts another process that holds the writer's lock of `path` for `seconds`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path(path)), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_gives_up_after_its_timeout_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    proc = hold_lock(tmp_path / "index", 30)
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusy), store_lock(tmp_path / "index", timeout=0.5):
            pytest.fail("the lock was taken twice")
        assert 0.4 < time.monotonic() - started < 10
    finally:
        proc.kill()
        proc.wait()


def test_a_second_writer_waits_for_the_first_to_finish(tmp_path: Path) -> None:
    proc = hold_lock(tmp_path / "index", 1.0)
    started = time.monotonic()
    with store_lock(tmp_path / "index", timeout=30):
        waited = time.monotonic() - started
        assert proc.poll() is not None or waited >= 0.5
    proc.wait()


def test_a_lock_left_by_a_killed_process_is_not_held(tmp_path: Path) -> None:
    proc = hold_lock(tmp_path / "index", 30)
    proc.kill()
    proc.wait()
    assert lock_path(tmp_path / "index").exists()
    with store_lock(tmp_path / "index", timeout=2):
        write_store(tmp_path / "index", {"n": 1}, writer("after"))
    assert json.loads((tmp_path / "index" / MANIFEST).read_text())["n"] == 1


def test_a_folder_of_other_files_is_never_replaced_by_a_store(tmp_path: Path) -> None:
    from embeddings.store import NotAStore

    mine = tmp_path / "thesis"
    (mine / "notes").mkdir(parents=True)
    (mine / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(NotAStore, match="not a qa index"):
        write_store(mine, {"v": 1}, writer("index"))
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "years of work" and (mine / "notes").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no temporary folder left either
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(NotAStore, match="is a file"):
        write_store(a_file, {"v": 1}, writer("index"))


def test_an_empty_folder_or_an_index_even_a_damaged_one_is_replaced(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_store(empty, {"v": 1}, writer("one"))
    assert load(empty) == "one"
    (empty / "data.txt").unlink()  # damaged, but its manifest still says it is an index
    write_store(empty, {"v": 2}, writer("two"))
    assert load(empty) == "two"
