"""Markdown table rows (`| concurrency | 8 | Number of parallel uploads. |`): the cell under the column a question
names.

`What is the default concurrency?` finds the row that names `concurrency`; its answer is the cell under the
`Default` header, which word lists alone cannot tell from the description beside it (they picked `Number`). A row
is read with its table's header, the first row of its run of `|` lines when a `|---|` rule follows that row.
"""

from __future__ import annotations

import re

from qa.lexicon import FUNCTION_WORDS, TOKEN
from qa.span_candidates import stem
from qa.text import fold

_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_MARKUP = "`*_ \t"


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Returns the (start, end) of each cell of the row text[start:end], stripped of spaces and code or emphasis
    marks, so a cell's value is cited without them."""
    bars = [i for i in range(start, end) if text[i] == "|" and (i == 0 or text[i - 1] != "\\")]
    out = []
    for a, b in zip(bars, bars[1:], strict=False):
        a += 1
        while a < b and text[a] in _MARKUP:
            a += 1
        while b > a and text[b - 1] in _MARKUP:
            b -= 1
        out.append((a, b))
    return out


def header(text: str, row_start: int) -> tuple[int, int] | None:
    """Returns the line of the header of the table holding the row starting at `row_start`, or None when the row
    is none of a table's body rows."""
    start = row_start
    while start > 0:
        previous = _line(text, start - 1)
        if not _ROW.match(text, *previous) and not _RULE.fullmatch(text, *previous):
            break
        start = previous[0]
    first = _line(text, start)
    if first[0] == row_start or first[1] + 1 >= len(text):
        return None
    rule = _line(text, first[1] + 1)
    if not _RULE.fullmatch(text, *rule) or rule[0] >= row_start:
        return None
    return first


def _stems(text: str) -> set[str]:
    folded = (fold(m.group()) for m in TOKEN.finditer(text) if m.group()[0].isalnum())
    return {stem(w) for w in folded if w not in FUNCTION_WORDS}


def asked_cell(question: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Returns the cell of the table row within text[start:end] that lies under the column the question names
    (`Default` for `What is the default concurrency?`) and that the question does not itself name, or None."""
    row = _line(text, start)
    if not (row[0] <= start and end <= row[1]) or not _ROW.fullmatch(text, *row):
        return None
    head = header(text, row[0])
    if head is None:
        return None
    asked = _stems(question)
    names = cells(text, *head)
    values = cells(text, *row)
    if len(names) != len(values):
        return None
    best: tuple[int, tuple[int, int]] | None = None
    for (a, b), (c, d) in zip(names, values, strict=True):
        shared = len(_stems(text[a:b]) & asked)
        value = _stems(text[c:d])
        if shared and c < d and not (value and value <= asked) and (best is None or shared > best[0]):
            best = (shared, (c, d))
    return best[1] if best else None
