"""Sentence boundaries with exact offsets: lines are hard breaks, blingfire splits inside a line.

blingfire was measured against pysbd, syntok and sentencex on the seed quirks: it is the only one that keeps
`Sen. Lieut. Gen. Luong Tam Quang` together while splitting `... 3.5 million. No. 5 is here.` correctly, and it
returns character offsets, so nothing has to be searched for again.
"""

from __future__ import annotations

import re

from qa.lexicon import TITLES

MAX_SENTENCE_CHARS = 1000
"""Longer runs without a boundary (tables, one-line dumps) are cut at white space so chunks stay embeddable."""

_LINE = re.compile(r"[^\n]+")
_ABBREVIATIONS = sorted({t.capitalize() for t in TITLES}) + (
    "No Nos Vol Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Corp Co Ltd Jr Sr vs etc approx Mt Ft".split()
)
_ABBREVIATION_END = re.compile(rf"(?:\b(?:{'|'.join(_ABBREVIATIONS)})|\b[A-Z])\.$")


def _split_line(line: str) -> list[tuple[int, int]]:
    """Returns sentence spans within one line, offsets relative to the line."""
    import blingfire  # deferred: only indexing segments text

    _, offsets = blingfire.text_to_sentences_and_offsets(line)
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        start, end = strip_span(line, max(0, start), min(len(line), end))
        if start >= end:
            continue
        if spans and _ABBREVIATION_END.search(line[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    if not spans or not _covers_words(line, spans):
        whole = strip_span(line, 0, len(line))
        return [whole] if whole[0] < whole[1] else []
    return spans


def _covers_words(line: str, spans: list[tuple[int, int]]) -> bool:
    """Checks that the spans leave out nothing but white space, or blingfire's offsets cannot be trusted."""
    cursor = 0
    for start, end in spans:
        if line[cursor:start].strip():
            return False
        cursor = end
    return not line[cursor:].strip()


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrows [start, end) to exclude leading and trailing white space (and a byte-order mark, as invisible)."""
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\ufeff"):
        end -= 1
    return start, end


def _cap(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cuts an over-long span into pieces of at most `limit` characters, at white space where possible."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        a, b = strip_span(text, start, cut)
        if a < b:
            pieces.append((a, b))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    a, b = strip_span(text, start, end)
    if a < b:
        pieces.append((a, b))
    return pieces


def split_sentences(text: str, *, max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Returns (start, end) offsets of every sentence in `text`, in order, never overlapping.

    Every span is stripped of surrounding white space and `text[start:end]` is the sentence itself.
    """
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        base = match.start()
        for start, end in _split_line(match.group()):
            spans.extend(_cap(text, base + start, base + end, max_chars))
    return spans
