"""Chunks: windows of whole sentences with overlap, keeping exact offsets and line numbers."""

from __future__ import annotations

from collections.abc import Sequence

from qa.model import Chunk, Document
from qa.segmentation import split_sentences


def window_sentences(sentences: Sequence[tuple[int, int]], *, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """Groups sentence indices into [first, last) windows of at most `max_chars` (a lone long sentence excepted).

    Consecutive windows share `overlap` sentences, so an answer spanning a boundary is whole in one of them.
    """
    windows: list[tuple[int, int]] = []
    first = 0
    n = len(sentences)
    while first < n:
        last = first + 1
        while last < n and sentences[last][1] - sentences[first][0] <= max_chars:
            last += 1
        windows.append((first, last))
        if last >= n:
            break
        first = max(first + 1, last - overlap)
        if sentences[last][1] - sentences[first][0] > max_chars:
            first = last  # with the overlap the next window could not reach a new sentence: it would repeat one
    return windows


def chunk_document(
    doc: Document, *, max_chars: int, overlap: int, sentences: Sequence[tuple[int, int]] | None = None
) -> list[Chunk]:
    """Splits a document into chunks whose text is exactly `doc.text[char_start:char_end]`."""
    spans = list(sentences) if sentences is not None else split_sentences(doc.text)
    chunks: list[Chunk] = []
    for index, (first, last) in enumerate(window_sentences(spans, max_chars=max_chars, overlap=overlap)):
        start, end = spans[first][0], spans[last - 1][1]
        chunks.append(
            Chunk(
                doc_path=doc.path,
                index=index,
                char_start=start,
                char_end=end,
                text=doc.text[start:end],
                sentences=tuple(spans[first:last]),
                line_start=doc.line_at(start),
                line_end=doc.line_at(end - 1),
            )
        )
    return chunks
