"""Citations: made from document offsets, formatted as `FILE:L10-L12` or `FILE#1234-1391`, and parsed back."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from qa.errors import QAError
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


@dataclass(frozen=True, slots=True)
class CitationRef:
    """A citation as the user typed it: a file and either a line range or a character range, not yet checked."""

    file: str
    """Corpus-relative path, as given."""
    line_start: int | None = None
    """1-based first line, when lines were given."""
    line_end: int | None = None
    """1-based last line, inclusive, when lines were given."""
    char_start: int | None = None
    """First character offset, when characters were given (they win over lines)."""
    char_end: int | None = None
    """Offset one past the last character."""
    text: str | None = None
    """The text the citation was made for, when a JSON citation carries it: the file must still hold it there."""

    @property
    def by_chars(self) -> bool:
        """True when the reference names characters rather than lines."""
        return self.char_start is not None


_LINES = re.compile(r"(?P<file>.+):[Ll]?(?P<a>\d+)(?:-[Ll]?(?P<b>\d+))?")
"""`FILE:L10`, `FILE:L10-L12`, and `FILE:10` as `grep -n` writes a line."""
_CHARS = re.compile(r"(?P<file>.+)#(?P<a>\d+)-(?P<b>\d+)")
_PRINTED = re.compile(r"(?:\[\d+\]\s+)?(?P<lines>\S.*?)\s+\((?P<chars>.+)\)(?:\s+score\s+\d+(?:\.\d+)?)?")
"""Both forms as `qa ask`, `qa cite` and `qa quote` print them, `FILE:L21  (FILE#1437-1652)`, after a `[1]` or not,
before `qa quote`'s `score 0.97` or not."""
_SYNTAX = "FILE:L10, FILE:L10-L12, FILE#1234-1391, FILE:L10  (FILE#1234-1391) or a JSON citation object"
_HUMAN_OUTPUT = ("Answer:", "Not found", "[1] ")
"""How `qa ask` and `qa quote` output for people starts: piped to `qa cite -` without --json."""


class NothingToCite(QAError):
    """A reply where the bot abstained, or a quotation with no match: there is nothing to show, which in a stream
    of replies is expected rather than an error."""


def citation_specs(text: str) -> list[str]:
    """Splits what was piped to `qa cite -` into citations: one JSON value (a reply, even pretty-printed), else
    one citation a line (`qa ask - --json` writes a reply a line; a list of `FILE:Ln` is a line each)."""
    stripped = text.strip()
    if stripped.startswith(_HUMAN_OUTPUT):
        return [stripped]  # one error saying to pipe --json, not one per line of it
    try:
        json.loads(stripped)
    except ValueError:
        lines = [line for line in stripped.splitlines() if line.strip()]
        return lines if len(lines) > 1 else [stripped]
    return [stripped]


def parse_citation(spec: str) -> CitationRef:
    """Parses `FILE:L10`, `FILE:L10-L12`, `FILE#1234-1391` or a JSON citation (or answer) object."""
    text = spec.strip()
    if text.startswith("{"):
        return _parse_json(text)
    if (m := _PRINTED.fullmatch(text)) and _LINES.fullmatch(m["lines"]) and _CHARS.fullmatch(m["chars"]):
        return _parse_printed(spec, parse_citation(m["lines"]), parse_citation(m["chars"]))
    if m := _CHARS.fullmatch(text):
        start, end = int(m["a"]), int(m["b"])
        if start >= end:
            raise QAError(
                f"citation {_shown(spec)}: the character range {start}-{end} is empty; its end must come after its "
                "start"
            )
        return CitationRef(m["file"], char_start=start, char_end=end)
    if m := _LINES.fullmatch(text):
        first = int(m["a"])
        last = int(m["b"]) if m["b"] is not None else first
        if not 1 <= first <= last:
            raise QAError(f"citation {_shown(spec)}: lines count from 1 and the last line cannot come before the first")
        return CitationRef(m["file"], line_start=first, line_end=last)
    if text.startswith(_HUMAN_OUTPUT):
        raise QAError("that is `qa ask` or `qa quote` text, not a citation: pipe their --json output to `qa cite -`")
    raise QAError(f"citation {_shown(spec)} is not {_SYNTAX}")


def _parse_printed(spec: str, lines: CitationRef, chars: CitationRef) -> CitationRef:
    """Returns the one citation of a printed `FILE:L21  (FILE#1437-1652)`: its offsets, checked against its lines
    when the file is read (they must agree)."""
    if lines.file != chars.file:
        raise QAError(
            f"citation {_shown(spec)} names two files, {lines.file} and {chars.file}: give one, e.g. "
            f"{chars.file}#{chars.char_start}-{chars.char_end}"
        )
    return CitationRef(lines.file, lines.line_start, lines.line_end, chars.char_start, chars.char_end)


def _shown(spec: str) -> str:
    """Returns the spec quoted and cut short, for a one-line message."""
    return repr(spec if len(spec) <= 80 else spec[:77] + "...")


def _parse_json(text: str) -> CitationRef:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QAError(f"citation is not valid JSON ({exc.msg} at character {exc.pos}); expected {_SYNTAX}") from exc
    except (ValueError, RecursionError) as exc:
        raise QAError(f"citation is not usable JSON ({exc.__class__.__name__}); expected {_SYNTAX}") from exc
    if isinstance(obj, dict) and isinstance(obj.get("answers"), list):
        if not obj["answers"]:
            raise NothingToCite("the reply has no answer to cite (the bot abstained)")
        obj = obj["answers"][0]  # a whole `qa ask --json` reply: its top answer
    elif isinstance(obj, dict) and isinstance(obj.get("matches"), list):
        if not obj["matches"]:
            raise NothingToCite("the quotation has no match to cite")
        obj = obj["matches"][0]  # a whole `qa quote --json` result: its best match, whose text is the source's
    quoted = obj.get("text") if isinstance(obj, dict) else None
    if isinstance(obj, dict) and isinstance(obj.get("citation"), dict):
        obj = obj["citation"]  # one answer of a reply: its text is what the citation quotes
        quoted = obj.get("text", quoted)
    if quoted is not None and not isinstance(quoted, str):
        raise QAError(f'JSON citation: "text" must be the cited text as a string, not {quoted!r}')
    if not isinstance(obj, dict) or not isinstance(obj.get("file"), str) or not obj["file"]:
        raise QAError(f'JSON citation needs a "file" string; expected {_SYNTAX}')

    def number(key: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise QAError(f'JSON citation: "{key}" must be a whole number >= 0, not {value!r}')
        return value

    start, end = number("char_start"), number("char_end")
    if start is not None and end is not None:
        if start >= end:
            raise QAError(f"JSON citation: char_start {start} must come before char_end {end}")
        # Its line numbers, when given, are checked too: with no text to compare, they are what tells that the
        # file changed since the citation was made.
        first, last = number("line_start"), number("line_end")
        return CitationRef(obj["file"], first, last, start, end, text=quoted)
    first, last = number("line_start"), number("line_end")
    if first is None:
        raise QAError('JSON citation needs "char_start" and "char_end", or "line_start" (and "line_end")')
    last = first if last is None else last
    if not 1 <= first <= last:
        raise QAError(f"JSON citation: lines {first}-{last} must count from 1 and not run backwards")
    return CitationRef(obj["file"], line_start=first, line_end=last, text=quoted)
