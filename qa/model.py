"""The records that flow through the pipeline: files -> Document -> Chunk -> Passage -> Answer with Citations."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One source file, decoded; every offset elsewhere points into `text`."""

    path: str
    """Corpus-relative POSIX path, the name citations use."""
    title: str
    """First non-empty line, stripped."""
    text: str
    """The decoded file text with newlines normalised to `\\n`."""
    line_starts: tuple[int, ...]
    """Offset of the first character of each line; line N (1-based) starts at `line_starts[N - 1]`."""
    sha256: str
    """Hash of `text`, so a changed file is noticed before its offsets are trusted."""
    language: str = "en"
    """ISO 639-1 code, used to pick the stemmer and stop words."""

    def line_at(self, offset: int) -> int:
        """Returns the 1-based line holding character `offset`."""
        return bisect_right(self.line_starts, offset)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A window of whole sentences of one document, the unit that is embedded and retrieved."""

    doc_path: str
    """`Document.path` of the document the chunk comes from."""
    index: int
    """Position of the chunk within its document."""
    char_start: int
    """Offset of the first character in `Document.text`."""
    char_end: int
    """Offset one past the last character in `Document.text`."""
    text: str
    """Exactly `Document.text[char_start:char_end]`."""
    sentences: tuple[tuple[int, int], ...]
    """(start, end) document offsets of the sentences the chunk is made of, in order."""
    line_start: int
    """1-based line of `char_start`."""
    line_end: int
    """1-based line of the last character."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with the scores that ranked it."""

    chunk: Chunk
    """The chunk itself."""
    chunk_id: int
    """Row of the chunk in the index it was retrieved from."""
    dense: float
    """Cosine similarity between question and chunk embeddings."""
    lexical: float
    """BM25 score (0 when BM25 did not return the chunk)."""
    score: float
    """Fused score that orders the passages."""


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a piece of text comes from; `document.text[char_start:char_end] == quote` always."""

    file: str
    """Corpus-relative path of the document."""
    line_start: int
    """1-based first line."""
    line_end: int
    """1-based last line, inclusive."""
    char_start: int
    """Offset of the first character in the document text."""
    char_end: int
    """Offset one past the last character."""
    quote: str
    """The cited text, verbatim."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One verbatim answer: whole sentence(s), an optional shorter span inside them, and where both come from."""

    text: str
    """Verbatim sentence(s) from a document."""
    score: float
    """How well the sentence answers the question, 0..1."""
    citation: Citation
    """Where `text` comes from."""
    span: str | None = None
    """The shortest verbatim piece of `text` that answers, when one can be told apart."""
    span_citation: Citation | None = None
    """Where `span` comes from."""


@dataclass(frozen=True, slots=True)
class Reply:
    """The bot's whole response to a question: answers best first, or none when it abstains."""

    question: str
    """The question as asked."""
    answers: tuple[Answer, ...]
    """Best first; empty when the documents do not support an answer."""
    passages: tuple[Passage, ...]
    """The retrieved passages, best first; shown as evidence, or as closest passages on abstention."""
    confidence: float
    """Calibrated belief, 0..1, that the top answer is supported."""
    message: str = ""
    """A short note for the user, e.g. why the bot abstained."""

    @property
    def abstained(self) -> bool:
        """True when no answer is offered."""
        return not self.answers
