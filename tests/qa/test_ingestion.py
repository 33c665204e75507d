"""Ingestion of hostile folders: every bad file is built for real, on disk, and must be skipped by name or read."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from qa.ingestion import MAX_FILE_BYTES, Skipped, iter_corpus, list_corpus_files, read_document
from qa.model import Document


def read_all(root: Path) -> tuple[dict[str, Document], dict[str, str]]:
    """Returns the documents and the skip reasons of a folder, by corpus-relative name."""
    docs: dict[str, Document] = {}
    skipped: dict[str, str] = {}
    for item in iter_corpus(root):
        if isinstance(item, Skipped):
            skipped[item.path] = item.reason
        else:
            docs[item.path] = item
    return docs, skipped


def test_random_binary_named_txt_is_skipped_by_name(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(random.Random(7).randbytes(20_000))
    (tmp_path / "good.txt").write_text("A good file.\n", encoding="utf-8")
    docs, skipped = read_all(tmp_path)
    assert list(docs) == ["good.txt"]
    assert skipped == {"photo.txt": "binary file, not text"}


def test_binary_without_nul_bytes_is_still_skipped(tmp_path: Path) -> None:
    data = bytes(b for b in random.Random(3).randbytes(20_000) if b)
    (tmp_path / "noise.md").write_bytes(data)
    _, skipped = read_all(tmp_path)
    assert skipped == {"noise.md": "binary file, not text"}


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Le café de la place est ouvert depuis 1902. La crème brûlée y est célèbre dans la région.\n"),
        ("latin-1", "Señor Núñez llegó a España en 1950. Fue muy feliz allí.\n"),
        ("cp1250", "Zażółć gęślą jaźń to polskie zdanie, które zna każde dziecko w szkole.\n"),
        ("cp1252", "Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluß. Das Fest dauerte lange.\n"),
        ("cp1252", "The manager said “we will reopen the north gate in October” – a delay. It costs €12,000.\n"),
        ("cp1252", "Crème brûlée.\n"),
        ("cp1251", "Москва — столица России. В городе живут более двенадцати миллионов человек.\n"),
        ("utf-16", "Hà Nội là thủ đô của Việt Nam. Thành phố có hơn tám triệu dân.\n"),
        ("utf-8-sig", "A file saved with a byte-order mark keeps it, as Path.read_text does.\n"),
    ],
)
def test_text_in_other_encodings_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    (tmp_path / "doc.txt").write_bytes(text.encode(encoding))
    docs, skipped = read_all(tmp_path)
    assert skipped == {}
    assert docs["doc.txt"].text == ("\ufeff" if encoding == "utf-8-sig" else "") + text


def test_a_file_with_utf8_and_latin1_lines_keeps_each_line_as_written(tmp_path: Path) -> None:
    utf8 = "Meeting notes, naïve café plan — agreed.\n"
    latin = "Budget: crème brûlée for 12 €, approved by Señor Núñez.\r\n"
    (tmp_path / "notes.txt").write_bytes(utf8.encode("utf-8") + latin.encode("cp1252") + b"Plain end.\n")
    docs, _ = read_all(tmp_path)
    assert docs["notes.txt"].text == utf8 + latin.replace("\r\n", "\n") + "Plain end.\n"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\ufeff".encode()])
def test_empty_and_blank_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "empty.txt").write_bytes(content)
    _, skipped = read_all(tmp_path)
    assert skipped == {"empty.txt": "empty file"}


def test_symlink_loops_and_broken_links_are_skipped_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "broken.txt").symlink_to("missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "sub" / "real.txt").write_text("Real text.\n", encoding="utf-8")
    docs, skipped = read_all(tmp_path)
    assert list(docs) == ["sub/real.txt"]
    assert skipped == {
        "broken.txt": "broken link or file vanished",
        "loop1.txt": "symbolic link loop",
        "loop2.txt": "symbolic link loop",
        "self.txt": "symbolic link loop",
        "sub/up/": "link to a folder, not followed (it could loop)",
    }


def test_links_inside_the_corpus_are_read_once_and_links_outside_are_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / ".drafts").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("A secret outside the corpus.\n", encoding="utf-8")
    (corpus / "a.txt").write_text("Inside.\n", encoding="utf-8")
    (corpus / "alias.txt").symlink_to("a.txt")  # its text is indexed as a.txt: twice would double every answer
    (corpus / ".drafts" / "draft.txt").write_text("A draft.\n", encoding="utf-8")
    (corpus / "draft.md").symlink_to(".drafts/draft.txt")  # the only way in: read
    (corpus / "leak.txt").symlink_to(tmp_path / "secret.txt")
    docs, skipped = read_all(corpus)
    assert sorted(docs) == ["a.txt", "draft.md"]
    assert skipped == {
        "alias.txt": "link to a.txt, indexed under that name",
        "leak.txt": "link pointing outside the corpus",
    }


def test_a_named_pipe_is_skipped_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _, skipped = read_all(tmp_path)
    assert skipped == {"pipe.txt": "not a regular file (pipe, socket or device)"}


def test_a_file_over_the_size_limit_is_skipped_without_being_read(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    _, skipped = read_all(tmp_path)
    assert skipped["huge.txt"].startswith("too large")


def test_names_with_spaces_accents_and_other_scripts_keep_their_names(tmp_path: Path) -> None:
    names = ["café notes é.txt", "Hà Nội tin tức.md", "日本語 ファイル.txt", "a  b\tc.txt"]
    for name in names:
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    docs, skipped = read_all(tmp_path)
    assert skipped == {}
    assert sorted(docs) == sorted(names)
    for name in names:
        assert docs[name].text == f"Text of {name}.\n"


def test_a_file_name_that_is_not_utf8_is_skipped_by_a_printable_name(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(b"Some text.\n")
    _, skipped = read_all(tmp_path)
    assert skipped == {"caf\\xe9.txt": "file name is not valid UTF-8 (rename the file to index it)"}


def test_a_file_that_vanishes_between_listing_and_reading_is_skipped(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"File {name}.\n", encoding="utf-8")
    paths = list_corpus_files(tmp_path)
    first = next(paths)
    (tmp_path / "b.txt").unlink()
    results = [read_document(tmp_path, first)] + [read_document(tmp_path, p) for p in paths]
    assert [r.path for r in results] == ["a.txt", "b.txt", "c.txt"]
    assert results[1] == Skipped("b.txt", "broken link or file vanished")


def test_a_file_changed_after_reading_keeps_the_text_that_was_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First version.\n", encoding="utf-8")
    items = iter_corpus(tmp_path)
    doc = next(items)
    (tmp_path / "a.txt").write_text("Second, longer version of the file.\n", encoding="utf-8")
    assert isinstance(doc, Document)
    assert doc.text == "First version.\n"
    assert doc.sha256 != read_document(tmp_path, tmp_path / "a.txt").sha256  # type: ignore[union-attr]


def test_a_5mb_single_line_file_is_read_whole(tmp_path: Path) -> None:
    words = "alpha beta gamma river stone cloud " * 150_000
    text = words[:2_500_000] + ". The needle is hidden here. " + words[2_500_000:5_000_000] + "\n"
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    docs, _ = read_all(tmp_path)
    assert docs["big.txt"].text == text
    assert len(text) > 5_000_000
    assert docs["big.txt"].line_at(len(text) - 2) == 1


def test_a_utf8_byte_order_mark_stays_in_the_text_as_read_text_keeps_it(tmp_path: Path) -> None:
    """DESIGN.md defines the text as `Path.read_text(encoding="utf-8")`: offsets count the mark, the title does not."""
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHarbour news\r\n\r\nThe lighthouse opened in 2021.\r\n")
    docs, _ = read_all(tmp_path)
    doc = docs["bom.txt"]
    assert doc.text == path.read_text(encoding="utf-8") and doc.text.startswith("\ufeffHarbour")
    assert doc.title == "Harbour news"
    from qa.segmentation import split_sentences

    assert doc.text[slice(*split_sentences(doc.text)[0])] == "Harbour news"


def test_a_folder_that_cannot_be_listed_is_reported_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "open.txt").write_text("Readable text.\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Hidden text.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # chmod 000 does not stop root, so the refusal is simulated
        if Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, skipped = read_all(tmp_path)
    assert set(docs) == {"open.txt"}
    assert skipped == {"locked/": "unreadable folder (Permission denied)"}


def test_a_title_is_found_past_front_matter_or_in_its_title_field() -> None:
    from qa.ingestion import make_document

    assert make_document("a.md", "---\ntitle: Nimbus Sync\nowner: Priya\n---\n# Nimbus\n").title == "Nimbus Sync"
    assert make_document("b.md", "---\nowner: Priya\n---\n\n# Weekly sync\n").title == "# Weekly sync"
    assert make_document("c.md", "---\n\nA horizontal rule first.\n").title == "---"  # no closing fence


def test_file_stats_are_taken_once_a_file_just_written_has_settled(tmp_path, monkeypatch) -> None:
    """A same-size write in the clock tick of the last change, after the stat, would not move it: wait, then stat."""
    import time

    from qa.ingestion import SETTLED_NS, file_stats

    notes, rent = tmp_path / "notes.txt", tmp_path / "rent.txt"
    notes.write_text("Rent is 1,200 euros.\n", encoding="utf-8")
    slept: list[float] = []
    real_sleep = time.sleep
    monkeypatch.setattr(time, "sleep", lambda seconds: (slept.append(seconds), real_sleep(seconds)))
    stats = file_stats(tmp_path, [notes])
    assert slept == [SETTLED_NS / 1e9]
    assert stats["notes.txt"][2] <= time.time_ns() - SETTLED_NS
    slept.clear()
    assert file_stats(tmp_path, [notes]) == stats and slept == []  # settled: no wait

    def still_writing(seconds: float) -> None:
        real_sleep(seconds)
        rent.write_text("Rent is 1,300 euros.\n", encoding="utf-8")

    rent.write_text("Rent is 1,250 euros.\n", encoding="utf-8")
    monkeypatch.setattr(time, "sleep", still_writing)
    assert set(file_stats(tmp_path, [notes, rent])) == {"notes.txt"}  # rent.txt is read whenever it is checked
