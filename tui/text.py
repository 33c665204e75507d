"""Content built from document text: control characters neutralised, cited spans highlighted, never parsed as markup."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content

from qa import Answer, Citation, Passage, format_chars, format_lines

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Replaces control characters one for one, so document text cannot drive the terminal and offsets still hold."""
    return _CONTROL.sub("\ufffd", text.replace("\t", " "))


def plain(text: str, style: str = "") -> Content:
    """Returns document text as Content that is never parsed as markup."""
    content = Content(clean(text))
    return content.stylize(style) if style else content


def answer_text(answer: Answer, highlight: str) -> Content:
    """Returns the verbatim answer with its short span highlighted from the span citation's offsets."""
    text = plain(answer.text)
    span = answer.span_citation
    if span is not None:
        start = span.char_start - answer.citation.char_start
        end = span.char_end - answer.citation.char_start
        if 0 <= start < end <= len(answer.text):
            text = text.stylize(highlight, start, end)
    return text


def chip_label(number: int, citation: Citation, width: int | None = None) -> str:
    """Returns the label of a citation chip, `[1] FILE:L21`; to fit in `width` cells the middle of the file name
    gives way to `…`, never the line numbers (a cut at the end lost them with a long name)."""
    head, lines = f"[{number}] ", format_lines(citation)[len(citation.file) :]
    name = citation.file
    if width is None or cell_len(head + name + lines) <= width:
        return head + name + lines
    return head + cut_middle(name, max(1, width - cell_len(head + lines))) + lines


def cut_middle(name: str, room: int) -> str:
    """Returns `name` in `room` cells, its middle given way to `…`: both ends of a file name tell it apart."""
    if cell_len(name) <= room:
        return name
    left, right = name[: (len(name) + 1) // 2], name[(len(name) + 1) // 2 :]
    while left and cell_len(left + "…" + right) > room:
        if len(left) > len(right):
            left = left[:-1]
        else:
            right = right[1:]
    return left + "…" + right


def passage_citation(passage: Passage) -> Citation:
    """Returns the citation of a whole retrieved passage."""
    chunk = passage.chunk
    return Citation(
        file=chunk.doc_path,
        line_start=chunk.line_start,
        line_end=chunk.line_end,
        char_start=chunk.char_start,
        char_end=chunk.char_end,
        quote=chunk.text,
    )


def citation_reference(citation: Citation) -> str:
    """Returns both citation forms, lines for people and characters for tools: `FILE:L21 (FILE#10-90)`."""
    return f"{format_lines(citation)} ({format_chars(citation)})"


def snippet(text: str, limit: int = 160) -> str:
    """Returns text on one line, cut at `limit` characters."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
