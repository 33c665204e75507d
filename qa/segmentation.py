"""Sentence boundaries with exact offsets: lines are hard breaks, except the soft breaks of hard-wrapped prose,
and blingfire splits inside a line.

blingfire was measured against pysbd, syntok and sentencex on the seed quirks: it is the only one that keeps
`Sen. Lieut. Gen. Luong Tam Quang` together while splitting `... 3.5 million. No. 5 is here.` correctly, and it
returns character offsets, so nothing has to be searched for again.
"""

from __future__ import annotations

import re

from qa.lexicon import FIELD_LABEL, TITLES

MAX_SENTENCE_CHARS = 1000
"""Longer runs without a boundary (tables, one-line dumps) are cut at white space so chunks stay embeddable."""

_LINE = re.compile(r"[^\n]+")
_ABBREVIATIONS = sorted({t.capitalize() for t in TITLES}) + (
    "No Nos Vol Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Corp Co Ltd Jr Sr vs etc approx Mt Ft".split()
)
_ABBREVIATION_END = re.compile(rf"(?:\b(?:{'|'.join(_ABBREVIATIONS)})|\b[A-Z])\.$")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]")
"""`1.`, `2)`, `b.`, `iv)`: a numbered item's marker, which blingfire takes for a sentence of its own."""


def _split_line(line: str) -> list[tuple[int, int]]:
    """Returns sentence spans within one line, offsets relative to the line."""
    import blingfire  # deferred: only indexing segments text

    _, offsets = blingfire.text_to_sentences_and_offsets(line)
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        start, end = strip_span(line, max(0, start), min(len(line), end))
        if start >= end:
            continue
        if spans and (
            _ABBREVIATION_END.search(line[spans[-1][0] : spans[-1][1]])
            or _LIST_MARKER.fullmatch(line[spans[-1][0] : spans[-1][1]])
        ):
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
        cut = max(text.rfind(c, start + limit // 2, start + limit) for c in " \n")
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

    Every span is stripped of surrounding white space and `text[start:end]` is the sentence itself. A sentence
    may run over a soft line break (`_soft_breaks`); the line break stays in its text, as the file has it.
    """
    spans: list[tuple[int, int]] = []
    for base, end in _logical_lines(text):
        line = text[base:end].replace("\n", " ")  # as long as the text: blingfire's offsets stay the file's
        for start, stop in _split_line(line):
            spans.extend(_cap(text, base + start, base + stop, max_chars))
    return spans


_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_BLOCK_START = re.compile(rf"\s*(?:[-*+>|#=_~]|\d+[.)]\s|{FIELD_LABEL})")
"""A list item, quotation, table row, heading, a heading's underline (`====`) or header field (`To: ...`) starts a
line of its own, whatever the line before it ends with."""
_QUOTED = re.compile(r"[ \t]*(?:>[ \t]?)+")


def same_block(text: str, end: int, start: int) -> bool:
    """Tells whether the sentence starting at `start`, after one ending at `end`, goes on from it: it does unless
    it starts a line as a list item, table row, heading or header field, or follows one of those after a blank
    line. Two table rows, a list item and the next heading, a table and the paragraph under it are not one answer;
    two paragraphs may be (the next one often goes on with the answer)."""
    gap = text[end:start]
    if "\n" not in gap:
        return True
    if _BLOCK_START.match(text, end + gap.rindex("\n") + 1):
        return False
    # after a blank line, a paragraph does not go on from a table row, list item or heading
    return gap.count("\n") < 2 or not _BLOCK_START.match(text, text.rfind("\n", 0, end) + 1)


"""The `> ` marks of a quoted e-mail reply: lines quoted alike are read without them, as the prose they quote."""
WRAP_WIDTH_MAX = 100
"""Hard-wrapped text is wrapped at a width up to this; longer lines are paragraphs written on one line."""


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """Returns (start, end) of every line, lines parted by a soft break joined into one."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    soft = _soft_breaks(text, lines)
    out: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(lines):
        if i > 0 and i - 1 in soft:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _soft_breaks(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Returns the numbers of the lines whose line break is a soft one: hard-wrapped prose, where a sentence goes
    on (`... designed by the engineer` / `Maria Koval in 1890.`) and would otherwise be cut in two.

    A break is soft when the line ends without a sentence's end, the next line follows at once (no blank line)
    and does not start a block of its own, and either the next line starts in lower case, or the file is wrapped
    (`wrap_width` at most `WRAP_WIDTH_MAX`) and this line reaches most of the way to its width. Titles and
    captions are short lines: they stay sentences of their own.
    """
    lengths = [len(text[a:b].rstrip()) for a, b in lines]
    width = wrap_width(lengths)
    wrapped = 0 < width <= WRAP_WIDTH_MAX and sum(n >= 0.6 * width for n in lengths) >= 3
    soft = set()
    for i in range(len(lines) - 1):
        (a, b), (c, d) = lines[i], lines[i + 1]
        line, following = _unquoted(text[a:b], text[c:d])
        if text[b:c].count("\n") != 1 or _TERMINAL.search(line) or _BLOCK_START.match(following):
            continue
        if len(line.split()) < 5 or not following.strip() or "\t" in line + following or "|" in line + following:
            continue  # a short line, a table's or a CSV file's row (`A-1001,Cordless drill 18V,34,89.90`)
        lower = following.lstrip()[:1].islower()
        if lower or (wrapped and lengths[i] >= 0.6 * width):
            soft.add(i)
    return soft


def wrap_width(lengths: list[int]) -> int:
    """Returns the width a file's lines are wrapped at: the length nine lines in ten stay within.

    Not the longest line: a README wrapped at 72 columns still holds a badge or a link of 200 characters, and
    read by its longest line it was not wrapped at all, so `written by Linus` / `Torvalds` stayed two sentences.
    """
    filled = sorted(n for n in lengths if n)
    return filled[(len(filled) - 1) * 9 // 10] if filled else 0


def _unquoted(line: str, following: str) -> tuple[str, str]:
    """Returns two lines without their `> ` marks when both are quoted alike, else as they are."""
    mark = _QUOTED.match(line)
    if mark and mark.group().strip() and following.startswith(mark.group()):
        return line[mark.end() :], following[mark.end() :]
    return line, following
