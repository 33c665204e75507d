"""A Markdown file's front matter (`owner: Priya Raman` between `---` lines at its top) and the questions its
fields answer.

`Who is the owner of Nimbus Sync?` matches `Nimbus Sync requires Python 3.10` better than `owner: Priya Raman`,
which shares one word with it: the sentence model ranks a field line low, yet it is the answer. A question
answers from a field when it names the field's key (`owner`, `attended` for `attendees`) and little else than
what names the file: its name, its heading and its fields' values (`Nimbus Sync`, `meeting` and `15 January
2024` for `meeting-2024-01-15.md`). One other word may stay unmatched (`released`, `latest`); two, or a number,
mean the question asks about something else (`What version of Python is required?` is not the file's `version`,
nor is `What changed in version 2.4.0?` of a file at `version: 2.4.1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from qa.lexicon import FUNCTION_WORDS, TOKEN
from qa.model import Document
from qa.span_candidates import stem
from qa.text import fold

_LINE = re.compile(r"[^\n]*")
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
_FIELD = re.compile(r"[ \t]*([^\W\d_][\w -]{0,30}?)[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$")
MAX_FRONT_MATTER_LINES = 60
UNMATCHED_WORDS = 1
"""Question words neither the key nor the file's names may leave unmatched."""


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter field: its line and its value, as offsets into the document's text."""

    key: str
    start: int
    end: int
    value_start: int
    value_end: int


def front_matter(text: str) -> tuple[list[Field], int]:
    """Returns the fields of the front matter a text opens with, and where the front matter ends (0 without)."""
    lines = _LINE.finditer(text, 1 if text.startswith("\ufeff") else 0)
    first = next(lines, None)
    if first is None or first.group().rstrip() != "---":
        return [], 0
    fields: list[Field] = []
    for _, line in zip(range(MAX_FRONT_MATTER_LINES), lines, strict=False):
        if _FENCE.match(line.group()):
            return fields, line.end()
        if m := _FIELD.match(line.group()):
            at = line.start()
            fields.append(Field(m.group(1).lower(), at + m.start(1), at + m.end(2), at + m.start(2), at + m.end(2)))
    return [], 0  # no closing fence: a horizontal rule, not front matter


def _stems(text: str) -> set[str]:
    """Returns the stems of a text's content words; a number stays whole (`2.4.0`)."""
    folded = (fold(m.group()) for m in TOKEN.finditer(text) if m.group()[0].isalnum())
    return {stem(w) for w in folded if w not in FUNCTION_WORDS}


def _names(document: Document, fields: list[Field], body_start: int) -> set[str]:
    """Returns the stems of what names a file: its path's words, its first line after the front matter, and its
    fields' values."""
    heading = next((line for line in document.text[body_start:].splitlines() if line.strip()), "")
    values = " ".join(document.text[f.value_start : f.value_end] for f in fields)
    path = " ".join(re.split(r"[\W_]+", PurePosixPath(document.path).with_suffix("").as_posix()))
    return _stems(f"{path} {heading} {values}")


def asked_field(question: str, documents: Iterable[Document]) -> tuple[Document, Field] | None:
    """Returns the first document's field the question asks for (documents in the order given), or None."""
    asked = _stems(question)
    for document in documents:
        fields, body_start = front_matter(document.text)
        if not fields:
            continue
        names = _names(document, fields, body_start)
        for field in fields:
            key = _stems(field.key.replace("_", " "))
            unmatched = asked - key - names
            if (
                key <= asked
                and len(unmatched) <= UNMATCHED_WORDS
                and not any(c.isdigit() for w in unmatched for c in w)
            ):
                return document, field  # a number the file's names lack (`version 2.4.0`) asks about another
    return None
