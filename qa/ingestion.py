"""Reading a corpus folder into Documents: which files count, how they are decoded, and why others are skipped."""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import stat
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa.errors import missing_corpus
from qa.fields import front_matter
from qa.language import detect_language
from qa.model import Document
from qa.text import line_starts, normalize_newlines

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
READ_TYPES = ".txt, .md, .markdown and .text"
"""`TEXT_SUFFIXES` as messages name them."""
_SNIFF_BYTES = 8192
MAX_FILE_BYTES = 100 * 1024 * 1024
"""Bigger files are skipped by name: a text that size is a dump, and holding it would exhaust memory."""
_TIE_PREFERENCE = ("cp1252", "latin_1", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),  # the mark stays, as `Path.read_text(encoding="utf-8")` keeps it (DESIGN.md)
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why, so the user can be told by name."""

    path: str
    """Corpus-relative path."""
    reason: str
    """Why it was skipped, in a few words."""


def list_corpus_files(
    root: Path,
    unreadable: list[OSError] | None = None,
    folder_links: list[Path] | None = None,
    others: list[Path] | None = None,
) -> Iterator[Path]:
    """Yields the candidate text files under `root`, recursively, in a stable order; folders that cannot be
    listed are added to `unreadable`, links to folders to `folder_links`, files of other types to `others`.

    Hidden folders are skipped and folder links are not followed, so symlink loops cannot hang the walk.
    """
    if not root.is_dir():
        raise missing_corpus(root)
    for folder, dirs, files in os.walk(
        root, followlinks=False, onerror=unreadable.append if unreadable is not None else None
    ):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if folder_links is not None:
            folder_links += [Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink()]
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in TEXT_SUFFIXES:
                yield Path(folder) / name
            elif others is not None:
                others.append(Path(folder) / name)


@dataclass(frozen=True)
class Listing:
    """One walk of a corpus folder, so indexing can fingerprint and read the same list of files."""

    files: tuple[Path, ...]
    unreadable: tuple[OSError, ...]
    folder_links: tuple[Path, ...]
    others: tuple[Path, ...] = ()
    """Files of other types (a PDF, a Word file): not read, but a user who put them there expects to hear so."""


def list_corpus(root: Path) -> Listing:
    """Walks `root` once: the candidate files, the folders that could not be listed, the folder links, and the
    files of other types."""
    unreadable: list[OSError] = []
    folder_links: list[Path] = []
    others: list[Path] = []
    files = tuple(list_corpus_files(root, unreadable, folder_links, others))
    return Listing(files, tuple(unreadable), tuple(folder_links), tuple(others))


def other_types(paths: Sequence[Path], *, shown: int = 4) -> str:
    """Says how many files of other types a corpus holds, by extension, most common first: `3 files of other
    types (.pdf 2, .docx 1)`; empty when there are none. By extension, not by name: a code repository holds
    thousands."""
    if not paths:
        return ""
    counts = Counter(p.suffix.lower() or "no extension" for p in paths)
    kinds = [f"{suffix} {n}" for suffix, n in counts.most_common(shown)]
    if len(counts) > shown:
        kinds.append("…")
    files = "file" if len(paths) == 1 else "files"
    return f"{len(paths)} {files} of other types ({', '.join(kinds)})"


def listing_fingerprint(root: Path, files: tuple[Path, ...]) -> str:
    """Returns a fingerprint of which candidate files the corpus holds (names only: nothing is read), so a file
    added or removed since indexing can be noticed for the cost of listing the folder."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(os.fsencode(relative_name(root, path)) + b"\0")
    return digest.hexdigest()


def corpus_listing(root: Path) -> str:
    """Returns `listing_fingerprint` of the corpus as it is now."""
    return listing_fingerprint(root, tuple(list_corpus_files(root, [])))


FileStat = tuple[int, int, int]
"""A file's size, modification time and status-change time (ns): what tells, without reading it, that it may
have changed."""


def file_stat(path: str | os.PathLike[str]) -> FileStat | None:
    """Returns a file's `FileStat`, or None when it cannot be looked at (gone, a broken link). A plain string
    path is stat-ed twice as fast as a `Path` joined for it (2,000 files: 4.6 against 9.6 ms).

    The change time too: an edit that keeps the size and puts the modification time back (`touch -r`, a tool
    that preserves times) still moves it, and no user call can set it.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns


SETTLED_NS = 50_000_000
"""A file changed less than this long ago (50 ms, five ticks of the coarsest clock Linux stamps files with) may be
written again within the same tick, leaving its stat as it was: indexing waits this long before taking stats."""


def file_stats(root: Path, files: Sequence[Path]) -> dict[str, list[int]]:
    """Returns the `FileStat` of each candidate file by corpus-relative name, as the manifest records them, so
    `qa ask` finds edited files with one stat each. Taken before the files are read: an edit made while indexing
    then shows as a change next time, never as the indexed text.

    A file changed within `SETTLED_NS` is waited for first: a same-size write in the tick of its last change, after
    the stat, would not move it (git calls such entries racily clean). One still changing after the wait is left
    out, to be read whenever it is checked. (File systems with coarser times, FAT or HFS+, are not covered.)
    """
    stats = _stats(root, files)
    if any(info[2] > time.time_ns() - SETTLED_NS for info in stats.values()):
        time.sleep(SETTLED_NS / 1e9)
        stats = _stats(root, files)
        settled = time.time_ns() - SETTLED_NS
        stats = {name: info for name, info in stats.items() if info[2] <= settled}
    return stats


def _stats(root: Path, files: Sequence[Path]) -> dict[str, list[int]]:
    """Returns `file_stats` without the wait."""
    stats: dict[str, list[int]] = {}
    for path in files:
        name = relative_name(root, path)
        info = file_stat(path)
        if info is not None and _utf8(name):
            stats[name] = list(info)
    return stats


def _utf8(name: str) -> bool:
    """Tells whether a name can be written to the manifest (a name not valid UTF-8 is skipped, never indexed)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def relative_name(root: Path, path: Path) -> str:
    """Returns the corpus-relative POSIX name citations use."""
    return path.relative_to(root).as_posix()


def _decode_marked(data: bytes) -> str | None:
    """Decodes text that starts with a byte-order mark (UTF-16 and UTF-32 are full of NUL bytes); None otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _guessed_match(data: bytes) -> CharsetMatch | None:
    """Returns charset-normalizer's best reading; on a tie, the commonest encoding (Windows-1252) wins.

    Short Western European texts read equally well as cp1250, cp1252 or cp1257, and the detector's first pick
    among equals would turn `crème` into `crčme`.
    """
    from charset_normalizer import from_bytes  # deferred: only non-UTF-8 files need detection

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = {m.encoding: m for m in matches if m.percent_chaos <= best.percent_chaos + 0.5}
    return next((tied[e] for e in _TIE_PREFERENCE if e in tied), best)


def _decode_guessed(data: bytes) -> str | None:
    """Decodes with the encoding charset-normalizer finds."""
    match = _guessed_match(data)
    return None if match is None else str(match)


def _guessed_encoding(data: bytes) -> str | None:
    """Returns the name of the encoding charset-normalizer finds."""
    match = _guessed_match(data)
    return None if match is None else match.encoding


WESTERN = "cp1252"
"""The 8-bit encoding tried first: Windows-1252 is what non-UTF-8 English, French, German or Spanish text almost
always is, and on a short file the detector's statistics pick code pages nobody uses (`€` read as cp775's `Ć`)."""

_FOREIGN_LETTERS_MAX = 0.3
"""Above this share of non-ASCII letters the text is not Western European read as Windows-1252 (Cyrillic or
Greek bytes read that way are nearly all non-ASCII letters)."""


def _as_western(data: bytes) -> str | None:
    """Decodes as Windows-1252 when the result reads as Western European text, else None.

    A character with ASCII letters on both sides must be a letter (or an apostrophe) too: Polish or Czech bytes
    read as Windows-1252 put symbols inside words (`Wroc³aw`), French or German ones do not.
    """
    try:
        text = data.decode(WESTERN)
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: another encoding
        return None
    letters = [c for c in text if c.isalpha()]
    if letters and sum(not c.isascii() for c in letters) / len(letters) > _FOREIGN_LETTERS_MAX:
        return None
    for before, c, after in zip(text, text[1:], text[2:], strict=False):
        if c.isascii() or c.isalpha() or c in "’'":
            continue
        if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
            return None
    return text


def _decode_8bit(data: bytes) -> str | None:
    """Decodes bytes that are not UTF-8: Windows-1252 when it reads as Western text, else the detector's pick."""
    text = _as_western(data)
    return text if text is not None else _decode_guessed(data)


def _decode_mixed(data: bytes) -> str | None:
    """Decodes a file whose lines are partly UTF-8 and partly an 8-bit encoding (text pasted together from two
    sources), each line as what it is; None when no line is UTF-8 beyond ASCII, or the rest cannot be decoded.

    Decoding the whole file as the 8-bit encoding would garble its UTF-8 lines (`naïve` as `naÃ¯ve`).
    """
    lines = data.splitlines(keepends=True)
    kinds: list[str | None] = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            kinds.append(None)
        else:
            kinds.append("utf-8")
    if not any(kind and not line.isascii() for kind, line in zip(kinds, lines, strict=True)):
        return None
    rest = b"".join(line for kind, line in zip(kinds, lines, strict=True) if kind is None)
    encoding = WESTERN if _as_western(rest) is not None else _guessed_encoding(rest)
    if encoding is None:
        return None
    try:
        return "".join(line.decode(kind or encoding) for kind, line in zip(kinds, lines, strict=True))
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> str | None:
    """Decodes file bytes as UTF-8, else line by line when only some lines are, else as Windows-1252 or the
    encoding charset-normalizer detects; None for binary data."""
    text = _decode_marked(data)
    if text is not None:
        # UTF-16 and UTF-32 text is ours to define (DESIGN.md: the extractor's text), and reads better without it
        return normalize_newlines(text if data.startswith(codecs.BOM_UTF8) else text.removeprefix("\ufeff"))
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        guessed = _decode_mixed(data) or _decode_8bit(data)
        if guessed is None:
            return None
        text = guessed
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalize_newlines(text)


def _looks_binary(text: str) -> bool:
    """Flags decoded text dominated by control characters (a binary that happened to decode)."""
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\t\f\v") + sample.count("\ufffd")
    return controls / len(sample) > 0.05


def content_hash(text: str) -> str:
    """Returns the hash of decoded text that the manifest records, so a changed file can be told."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


DOCUMENT_MIN_HITS = 3
"""Stop words a document needs before it counts as other than English: two `de`s in a list of names made a file
French, and the whole corpus then got multilingual vectors."""


def make_document(path: str, text: str) -> Document:
    """Builds a Document from already decoded text. Its title is its first non-empty line, after any front matter
    (whose `title:` field is taken when it has one): `---` names nothing."""
    fields, body = front_matter(text)
    named = next((text[f.value_start : f.value_end] for f in fields if f.key == "title"), None)
    title = named or next(
        (line.strip("\ufeff \t\r\f\v") for line in text[body:].split("\n", 50) if line.strip("\ufeff \t\r\f\v")),
        path,
    )
    return Document(
        path=path,
        title=title[:200],
        text=text,
        line_starts=line_starts(text),
        sha256=content_hash(text),
        language=detect_language(text, min_hits=DOCUMENT_MIN_HITS),
    )


def _listed(relative: Path) -> bool:
    """Tells whether the walk itself reaches a corpus file at this real (link-free) relative path, so a link to it
    would only index its text twice."""
    return relative.suffix.lower() in TEXT_SUFFIXES and not any(part.startswith(".") for part in relative.parts)


def _read_bytes(root: Path, path: Path, name: str) -> bytes | Skipped:
    """Reads a regular file's bytes, refusing links that leave the corpus, pipes, devices and huge files."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            top = root.resolve()
            if not target.is_relative_to(top):
                return Skipped(name, "link pointing outside the corpus")
            if _listed(target.relative_to(top)):
                return Skipped(name, f"link to {target.relative_to(top).as_posix()}, indexed under that name")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Skipped(name, "not a regular file (pipe, socket or device)")
        if info.st_size > MAX_FILE_BYTES:
            return Skipped(name, f"too large ({info.st_size >> 20} MB; the limit is {MAX_FILE_BYTES >> 20} MB)")
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Skipped(name, "broken link or file vanished")
    except RuntimeError:  # Path.resolve's way of saying the links go round in a loop
        return Skipped(name, "symbolic link loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(name, "symbolic link loop")
        return Skipped(name, f"unreadable ({exc.strerror or exc.__class__.__name__})")


def read_document(root: Path, path: Path) -> Document | Skipped:
    """Reads one file, or says why it cannot be used."""
    name = relative_name(root, path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        return Skipped(shown, "file name is not valid UTF-8 (rename the file to index it)")
    data = _read_bytes(root, path, name)
    if isinstance(data, Skipped):
        return data
    if len(data) > MAX_FILE_BYTES:
        return Skipped(name, f"too large (over {MAX_FILE_BYTES >> 20} MB)")
    if not data.strip():
        return Skipped(name, "empty file")
    text = decode(data)
    if text is None or _looks_binary(text):
        return Skipped(name, "binary file, not text")
    if not text.strip("\ufeff \t\n\r\f\v"):
        return Skipped(name, "empty file")
    return make_document(name, text)


def iter_corpus(root: Path, listing: Listing | None = None) -> Iterator[Document | Skipped]:
    """Yields one Document or Skipped per candidate file of `listing` (default: a fresh walk of `root`), one file
    in memory at a time, then a Skipped for each folder that could not be listed (its files would otherwise vanish
    from the index without a word)."""
    listing = listing or list_corpus(root)
    for path in listing.files:
        yield read_document(root, path)
    for link in listing.folder_links:
        yield Skipped(f"{relative_name(root, link)}/", "link to a folder, not followed (it could loop)")
    for error in listing.unreadable:
        folder = Path(error.filename) if error.filename else root
        name = relative_name(root, folder) if folder != root else "."
        yield Skipped(f"{name}/", f"unreadable folder ({error.strerror or error})")
