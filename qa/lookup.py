"""Resolving a citation against the corpus folder: safe paths only, and never offsets into a changed file."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from qa.citations import CitationRef, cite, format_chars, format_lines
from qa.errors import QAError, missing_corpus
from qa.ingestion import TEXT_SUFFIXES, content_hash, decode, list_corpus_files, relative_name
from qa.model import Citation, Document
from qa.text import line_starts

CONTEXT_LINES = 3
"""Lines of context shown before and after a cited passage."""


class FileChanged(QAError):
    """The cited file no longer has the content it had when indexed, so its offsets would point elsewhere."""


@dataclass(frozen=True, slots=True)
class CitedText:
    """A resolved citation with the lines around it; `before + citation.quote + after` is whole lines."""

    citation: Citation
    """The citation, its quote taken from the file as it is now."""
    before: str
    """Text from the start of the first context line up to the cited text."""
    after: str
    """Text from the end of the cited text to the end of the last context line."""
    first_line: int
    """1-based number of the line `before` starts on."""
    last_line: int
    """1-based number of the line `after` ends on: the text alone cannot say whether an empty last line is shown,
    when the cited text ends with its line's newline."""
    unchecked: bool = False
    """The file changed since it was indexed and the citation names lines without their text: they are shown as
    the file is now, and may hold other text than was cited."""

    @property
    def text(self) -> str:
        """The cited text itself, as `qa cite --json` calls it."""
        return self.citation.quote


def corpus_file(root: Path, name: str) -> Path:
    """Returns the path of corpus document `name`, refusing anything that could read outside `root`."""
    pure = PurePosixPath(name)
    if "\x00" in name:
        raise QAError(f"{name!r}: a file name cannot hold a NUL character")
    if not name or pure.is_absolute() or name.startswith("\\") or Path(name).is_absolute():
        raise QAError(f"{name!r}: give a path relative to the corpus folder, not an absolute one")
    if ".." in pure.parts:
        raise QAError(f"{name!r}: '..' is not allowed; citations name files inside the corpus folder")
    try:
        top = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise missing_corpus(root) from exc
    pure = next((p for p in _spellings(pure) if (root / p).exists() or (root / p).is_symlink()), pure)
    path = root / pure
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError as exc:
        hint = (
            " (citations read FILE:L10, FILE:L10-L12 or FILE#start-end)"
            if ":" in name or "#" in name
            else "; a file of another folder needs --corpus FOLDER"
        )
        raise QAError(f"{pure.as_posix()}: no such file in the corpus {root}{hint}") from exc
    except RuntimeError as exc:  # a symlink loop
        raise QAError(f"{pure.as_posix()}: a link that leads back to itself; cannot be read") from exc
    except OSError as exc:
        raise QAError(f"{pure.as_posix()}: cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    if not target.is_relative_to(top):
        raise QAError(f"{pure.as_posix()}: leads outside the corpus folder (a link); refused")
    if target.is_dir():
        raise QAError(f"{pure.as_posix()}: is a folder; cite a file in it")
    if any(part.startswith(".") for part in pure.parts) or pure.suffix.lower() not in TEXT_SUFFIXES:
        raise QAError(f"{pure.as_posix()}: not a corpus document (qa reads .txt and .md files, not hidden ones)")
    if not target.is_file():
        raise QAError(f"{pure.as_posix()}: not a file")
    return path


def refuse_deleted(root: Path, ref: CitationRef, indexed: Mapping[str, str]) -> None:
    """Refuses a citation of a file the index holds but the folder no longer does, saying so: "no such file in
    the corpus" would send the user looking in another folder for a file they deleted. When a file new since
    indexing holds the cited text (the file was renamed or moved), says where, as for text moved in its file."""
    if not root.is_dir():
        return  # the missing corpus is the error to report, not each of its files
    for spelled in _spellings(PurePosixPath(ref.file)):
        path, name = root / spelled, spelled.as_posix()
        if name in indexed and not path.exists() and not path.is_symlink():
            found = _renamed(root, ref, indexed[name], indexed)
            if found is None:
                raise QAError(
                    f"{name} was indexed but has since been deleted from {root}: run `qa index` to update the index"
                )
            now, others = found
            elsewhere = f" (and {others} other place{'s' if others > 1 else ''})" if others else ""
            raise QAError(
                f"{name} was indexed but has since been renamed or deleted from {root}; {now.file} now holds the "
                f"cited text at {format_lines(now)}  ({format_chars(now)}){elsewhere}: cite that, and run "
                "`qa index` to update the index"
            )


def _renamed(root: Path, ref: CitationRef, sha256: str, indexed: Mapping[str, str]) -> tuple[Citation, int] | None:
    """Returns where the files new since indexing hold the text a citation of a file gone from the folder cited,
    and how many other places do: its text, when the citation carries it, else its place in a file with the gone
    file's indexed content (renamed or moved, unchanged). None when no new file holds it."""
    found: list[Citation] = []
    for path in list_corpus_files(root, []):
        doc = None if relative_name(root, path) in indexed else _readable(root, path)
        if doc is None:
            continue
        if ref.text:
            found += [cite(doc, at, at + len(ref.text)) for at in _occurrences(doc.text, ref.text)]
        elif doc.sha256 == sha256:
            try:
                found.append(resolve(doc, replace(ref, file=doc.path), context=0).citation)
            except QAError:
                return None  # the citation is wrong for the indexed file too: that is the error to see
    if not found:
        return None
    near = ref.char_start or 0
    best = min(found, key=lambda c: abs(c.char_start - near))
    return best, len(found) - 1


def _readable(root: Path, path: Path) -> Document | None:
    """Returns a corpus file as `load_cited_document` reads it, or None when it cannot be read as text."""
    try:
        text = decode(path.read_bytes())
    except OSError:
        return None
    if text is None:
        return None
    relative = relative_name(root, path)
    return Document(relative, relative, text, line_starts(text), content_hash(text))


def _spellings(name: PurePosixPath) -> list[PurePosixPath]:
    """Returns the ways a file name may have been written for the one on disk: as given, composed or decomposed
    (a name copied on macOS is decomposed: `e` + accent), with Windows separators."""
    text = name.as_posix()
    forms = [text, unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text), text.replace("\\", "/")]
    spelled = (PurePosixPath(f) for f in dict.fromkeys(forms))
    return [p for p in spelled if ".." not in p.parts and not p.is_absolute()]  # `..\\x` must not become `../x`


def load_cited_document(root: Path, name: str, indexed: Mapping[str, str] | None = None) -> Document:
    """Reads a corpus document as qa reads it, refusing it when it changed since indexing.

    `indexed` maps corpus-relative paths to the content hashes the index was built from (the manifest's `files`).
    """
    path = corpus_file(root, name)
    relative = relative_name(root, path)
    try:
        text = decode(path.read_bytes())
    except OSError as exc:
        raise QAError(f"{relative}: cannot be read ({exc.__class__.__name__})") from exc
    if text is None:
        raise QAError(f"{relative}: binary file, not text")
    # Built here rather than by read_document: citing needs no language detection (it would import bm25s).
    doc = Document(relative, relative, text, line_starts(text), content_hash(text))
    expected = (indexed or {}).get(doc.path)
    if expected is not None and expected != doc.sha256:
        raise FileChanged(
            f"{doc.path} changed since it was indexed, so the citation's lines and offsets may no longer point at "
            "the text it was made for: run `qa index` and ask again"
        )
    return doc


def changed_since_indexing(root: Path, documents: Iterable[Document]) -> list[str]:
    """Returns the paths of indexed documents whose file is gone or now holds other text than was indexed."""
    changed = []
    for doc in documents:
        try:
            text = decode((root / doc.path).read_bytes())
        except OSError:
            text = None
        if text is None or content_hash(text) != doc.sha256:
            changed.append(doc.path)
    return changed


def gone_since_indexing(root: Path, documents: Iterable[Document]) -> list[str]:
    """Returns the paths of indexed documents whose file is no longer there (deleted, or renamed or moved: the
    folder's listing alone cannot tell which)."""
    return [doc.path for doc in documents if not (root / doc.path).exists()]


def stale_files(root: Path, paths: list[str]) -> str:
    """Says which of the indexed files are gone from the folder and which changed since indexing, naming each:
    `a.txt changed, b.txt deleted or renamed since indexing`; a re-index for a file gone is no more to be left
    unexplained than one for a file edited."""
    gone = [path for path in paths if not (root / path).exists()]
    changed = [path for path in paths if path not in gone]
    said = [f"{', '.join(changed)} changed"] if changed else []
    said += [f"{', '.join(gone)} deleted or renamed"] if gone else []
    return f"{', '.join(said)} since indexing"


def resolve(doc: Document, ref: CitationRef, *, context: int = CONTEXT_LINES) -> CitedText:
    """Returns the cited text of `doc` with `context` lines around it; ranges outside the file are refused."""
    if ref.char_start is not None and ref.char_end is not None:
        start, end = ref.char_start, ref.char_end
        citation = _cited_chars(doc, ref)
    else:
        assert ref.line_start is not None and ref.line_end is not None
        n_lines = line_count(doc)
        if ref.line_end > n_lines:
            raise QAError(f"{doc.path}:L{ref.line_start}-L{ref.line_end}: the file has {n_lines} lines")
        start, end = doc.line_starts[ref.line_start - 1], _line_end(doc, ref.line_end)
        if ref.text is None:
            citation = Citation(doc.path, ref.line_start, ref.line_end, start, end, doc.text[start:end])
        else:  # lines and the words cited on them: those words, where they are on the lines
            at = doc.text.find(ref.text, start, end) if ref.text else -1
            if at < 0:
                raise _moved(doc, ref.text, f"{doc.path}:L{ref.line_start}-L{ref.line_end}", start)
            start, end = at, at + len(ref.text)
            citation = cite(doc, start, end)
    first = max(1, citation.line_start - context)
    last = max(citation.line_end, min(line_count(doc), citation.line_end + context))
    return CitedText(
        citation=citation,
        before=doc.text[doc.line_starts[first - 1] : start],
        after=doc.text[end : max(end, _line_end(doc, last))],
        first_line=first,
        last_line=last,
    )


def _cited_chars(doc: Document, ref: CitationRef) -> Citation:
    """Returns the citation of a reference by offsets, refusing offsets whose text or lines are not as cited."""
    assert ref.char_start is not None and ref.char_end is not None
    start, end = ref.char_start, ref.char_end
    if ref.text is not None and doc.text[start:end] != ref.text:
        raise _moved(doc, ref.text, f"{doc.path}#{start}-{end}", start)
    if end > len(doc.text):
        raise QAError(f"{doc.path}#{start}-{end}: past the end of the file ({len(doc.text)} characters)")
    citation = cite(doc, start, end)
    stated = (ref.line_start, ref.line_end if ref.line_end is not None else ref.line_start)
    if ref.line_start is not None and stated != (citation.line_start, citation.line_end):
        raise QAError(
            f"{doc.path}#{start}-{end} is on lines {citation.line_start}-{citation.line_end}, not "
            f"{stated[0]}-{stated[1]} as cited (the file changed since the citation was made?): "
            "ask again for a current citation"
        )
    return citation


def _moved(doc: Document, text: str, place: str, near: int) -> QAError:
    """Returns the error for a citation whose text is not at its place, saying where the file now holds that text
    (the place nearest the cited one): lines inserted above a passage are the common edit, and the user is
    after the passage, not the old offsets."""
    found = _occurrences(doc.text, text)
    if not found:
        return QAError(
            f"{place} does not hold the cited text, nor does any other place of the file (it changed since the "
            "citation was made?): ask again for a current citation"
        )
    at = min(found, key=lambda a: abs(a - near))
    now = cite(doc, at, at + len(text))
    others = f" (and {len(found) - 1} other place{'s' if len(found) > 2 else ''})" if len(found) > 1 else ""
    return QAError(
        f"{place} does not hold the cited text (the file changed since the citation was made?); the file now holds "
        f"it at {format_lines(now)}  ({format_chars(now)}){others}: cite that (after `qa index`, when the index is "
        "older than the file), or ask again"
    )


def _occurrences(text: str, part: str) -> list[int]:
    """Returns every offset at which `part` (not empty) occurs in `text`, overlapping ones included."""
    found: list[int] = []
    at = text.find(part) if part else -1
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def line_count(doc: Document) -> int:
    """Returns the number of lines as an editor shows them: a final newline ends the last line, it starts none."""
    n = len(doc.line_starts)
    return n - 1 if n > 1 and doc.line_starts[-1] == len(doc.text) else n


def _line_end(doc: Document, line: int) -> int:
    """Returns the offset just past the last character of `line`, its newline excluded."""
    return doc.line_starts[line] - 1 if line < len(doc.line_starts) else len(doc.text)


def cited_json(cited: CitedText) -> dict[str, object]:
    """Returns the `qa cite --json` object of the design."""
    c = cited.citation
    return {
        "file": c.file,
        "line_start": c.line_start,
        "line_end": c.line_end,
        "char_start": c.char_start,
        "char_end": c.char_end,
        "text": c.quote,
        "before": cited.before,
        "after": cited.after,
        "unchecked": cited.unchecked,
    }
