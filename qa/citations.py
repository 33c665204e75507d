"""Citations: made from document offsets, formatted as `FILE:L10-L12` or `FILE#1234-1391`."""

from __future__ import annotations

from qa.model import Citation, Document


def cite(doc: Document, start: int, end: int) -> Citation:
    """Returns the citation of `doc.text[start:end]`; the quote is taken from the text, never retyped."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"span {start}-{end} is outside {doc.path} ({len(doc.text)} characters)")
    return Citation(
        file=doc.path,
        line_start=doc.line_at(start),
        line_end=doc.line_at(end - 1),
        char_start=start,
        char_end=end,
        quote=doc.text[start:end],
    )


def format_lines(citation: Citation) -> str:
    """Returns `FILE:L10` or `FILE:L10-L12`."""
    if citation.line_start == citation.line_end:
        return f"{citation.file}:L{citation.line_start}"
    return f"{citation.file}:L{citation.line_start}-L{citation.line_end}"


def format_chars(citation: Citation) -> str:
    """Returns `FILE#1234-1391`."""
    return f"{citation.file}#{citation.char_start}-{citation.char_end}"


def citation_json(citation: Citation | None) -> dict[str, object] | None:
    """Returns the JSON citation object of the design (no quote: the answer carries the text)."""
    if citation is None:
        return None
    return {
        "file": citation.file,
        "line_start": citation.line_start,
        "line_end": citation.line_end,
        "char_start": citation.char_start,
        "char_end": citation.char_end,
    }
