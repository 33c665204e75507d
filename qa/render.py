"""Plain-terminal rendering of replies: highlighted in a terminal, plain in a pipe, never raw control codes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.cells import cell_len

from qa.citations import format_chars, format_lines
from qa.language import NAMES
from qa.model import Answer, Reply

if TYPE_CHECKING:
    from qa.indexing import IndexReport
    from qa.lookup import CitedText
    from qa.quotes import QuoteMatch

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

CONTEXT_CHARS = 300
"""Characters shown either side of the cited text on its line (a context line: twice as many, from its start).

A one-line file (a JSON dump, an unwrapped book) would otherwise print whole, with as many spaces before the
carets, for a few words cited in it. A line with less than that either side of the cited text shows whole."""
CITED_CHARS = 10_000
"""The most of a cited line's cited text shown, a few screens: past it, its start and end, with what lies between
counted. A citation of a whole 600,000-character line printed all of it; `--json` still gives every character."""
TAB_WIDTH = 8
"""Tab stops as a terminal sets them: tabs are expanded, so that carets can be counted under the text."""


def safe(text: str) -> str:
    """Replaces control characters (escape sequences included) so document text cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text)


def named(paths: Sequence[str], *, shown: int = 3) -> str:
    """Names files in a one-line note, `a.md, b.md, c.md and 12 more`: a note about thousands stays one line."""
    more = f" and {len(paths) - shown:,} more" if len(paths) > shown else ""
    return ", ".join(safe(p) for p in paths[:shown]) + more


def multilingual_note(report: IndexReport) -> str:
    """Says which files made `--multilingual auto` store multilingual vectors for the whole index, and how to skip
    them: a mostly English corpus pays for them on every chunk because of those files alone."""
    cause = report.multilingual_cause
    languages = {language for _, language in cause}
    if len(languages) == 1:
        verb = "is" if len(cause) == 1 else "are"
        files = f"{named([path for path, _ in cause])} {verb} {NAMES.get(languages.pop(), 'not English')}"
    else:
        files = f"{named([f'{path} ({NAMES.get(language, language)})' for path, language in cause])} are not English"
    return (
        f"note: {files}: storing multilingual vectors for all {report.chunks:,} chunks too "
        "(--multilingual never skips them)"
    )


def _highlighted(answer: Answer, color: bool, indent: int) -> str:
    """Returns the answer text with its short answer in colour; lines after the first are indented by `indent`,
    so that an answer joined from two lines stays inside its card."""
    if not answer.span_citation or not color:
        return _indented(safe(answer.text), indent)
    a = answer.span_citation.char_start - answer.citation.char_start
    b = answer.span_citation.char_end - answer.citation.char_start
    text = answer.text
    span = click.style(_indented(safe(text[a:b]), indent), bold=True, fg="yellow")
    return _indented(safe(text[:a]), indent) + span + _indented(safe(text[b:]), indent)


def _indented(text: str, indent: int) -> str:
    """Returns `text` with `indent` spaces after each of its newlines, none before an empty line."""
    return "\n".join(line and " " * indent + line if n else line for n, line in enumerate(text.split("\n")))


def as_likely(answer: Answer, best: Answer) -> str:
    """Says how likely an alternative is next to the answer shown first, e.g. `96% as likely`: its own score is on
    another scale than the reply's confidence, so shown bare it read as the likelier answer."""
    share = answer.score / best.score if best.score > 0 else 0.0
    return f"{min(share, 1.0):.0%} as likely"


def render_reply(reply: Reply, *, color: bool) -> str:
    """Returns the human form of a reply: answer, short span, citations; or the closest passages."""
    out: list[str] = []
    if reply.abstained:
        out.append(click.style(reply.message or "Not found in the documents.", fg="red") if color else reply.message)
        if reply.passages:
            out.append("Closest passages (not answers):")
            for p in reply.passages[:3]:
                lines = f"{p.chunk.doc_path}:L{p.chunk.line_start}-L{p.chunk.line_end}"
                out.append(f"  - {safe(lines)}  {safe(_one_line(p.chunk.text, 161))}")
        return "\n".join(out)
    for n, answer in enumerate(reply.answers, 1):
        label = "Answer" if n == 1 else f"Also ({as_likely(answer, reply.answers[0])})"
        text = _highlighted(answer, color, cell_len(label) + 2)
        out.append(f"{click.style(label, bold=True) if color else label}: {text}")
        if answer.span:
            out.append(f"  short answer: {safe(answer.span)}")
        out.append(f"  [{n}] {safe(format_lines(answer.citation))}  ({safe(format_chars(answer.citation))})")
        if n == 1:
            out.append(f"  confidence {reply.confidence:.2f}")
    return "\n".join(out)


def render_cited(cited: CitedText, *, color: bool) -> str:
    """Returns a cited passage with numbered context lines; `>` marks cited lines, colour marks the exact text."""
    c = cited.citation
    block = cited.before + c.quote + cited.after
    a, b = len(cited.before), len(cited.before) + len(c.quote)
    # a cited text ending with its line's newline splits off one more (empty) piece than there are lines shown
    lines = block.split("\n")[: cited.last_line - cited.first_line + 1]
    width = len(str(cited.first_line + len(lines) - 1))
    header = f"{format_lines(c)}  ({format_chars(c)})"
    out = [click.style(safe(header), bold=True) if color else safe(header)]
    if c.quote and not c.quote.strip():
        out.append(f"  {_blank(c.quote)}")
    offset = 0
    for n, line in enumerate(lines, cited.first_line):
        s, e = offset, offset + len(line)
        offset = e + 1
        marked = c.line_start <= n <= c.line_end
        x, y = min(max(a, s), e) - s, min(max(b, s), e) - s
        left, mid, right = _expand_tabs(
            _window(line, x, y) if marked else (_head(safe(line), 2 * CONTEXT_CHARS), "", "")
        )
        body = left + click.style(mid, bold=True, fg="yellow") + right if color and mid else left + mid + right
        prefix = f"{'>' if marked else ' '}{n:>{width}} | "
        out.append(f"{prefix}{body}".rstrip())
        if marked and not color and y > x and (x > 0 or y < len(line)):
            # only part of the line is cited: without colour, carets under it show which part
            out.append(" " * (len(prefix) + cell_len(left)) + "^" * cell_len(mid))
        elif marked and not color and y == x == len(line) and a <= e < b and line:
            out.append(" " * (len(prefix) + cell_len(left + mid + right)) + "^")  # only its line break is cited
    return "\n".join(out)


def _blank(quote: str) -> str:
    """Says what a cited text with nothing visible in it is (a line break, spaces), which no mark can show."""
    breaks = quote.count("\n")
    if breaks == len(quote):
        return "the cited text is a line break" if breaks == 1 else f"the cited text is {breaks} line breaks"
    return "the cited text is only spaces" + (" and line breaks" if breaks else "")


def _window(line: str, x: int, y: int) -> tuple[str, str, str]:
    """Returns the text before, in and after `line[x:y]`, the two sides cut to `CONTEXT_CHARS`; the cited text is
    cut only past `CITED_CHARS`, in its middle, saying how much is not shown."""
    return _tail(safe(line[:x]), CONTEXT_CHARS), _middle_cut(safe(line[x:y])), _head(safe(line[y:]), CONTEXT_CHARS)


def _middle_cut(text: str) -> str:
    """Returns `text`, or its start and end with the characters between counted when it is over `CITED_CHARS`."""
    if len(text) <= CITED_CHARS:
        return text
    half = CITED_CHARS // 2
    hidden = len(text) - 2 * half
    return f"{text[:half]} … [{hidden:,} characters not shown; --json gives them all] … {text[-half:]}"


def _head(text: str, limit: int) -> str:
    """Returns the first `limit` characters of `text`, with `…` when some were cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def _tail(text: str, limit: int) -> str:
    """Returns the last `limit` characters of `text`, with `…` when some were cut."""
    return text if len(text) <= limit else "…" + text[len(text) - limit :]


def _expand_tabs(pieces: tuple[str, str, str]) -> tuple[str, str, str]:
    """Expands the tabs of consecutive pieces of one line, counting columns as the terminal does (a wide character
    takes two), so that the carets under a piece start where the terminal shows it."""
    column = 0
    out: list[str] = []
    for piece in pieces:
        parts = piece.split("\t")
        expanded = []
        for n, part in enumerate(parts):
            if n:
                expanded.append(" " * (TAB_WIDTH - column % TAB_WIDTH))
                column += len(expanded[-1])
            expanded.append(part)
            column += cell_len(part)
        out.append("".join(expanded))
    return out[0], out[1], out[2]


def _one_line(text: str, limit: int) -> str:
    """Returns text on one line, cut to `limit` characters, the last of them an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def shown_score(score: float) -> str:
    """Returns a quotation's score to two decimals, never 1.00 under 1: 0.999 of a quotation that differs is not
    1.00, which says the quotation holds the source's words."""
    return f"{min(score, 0.99) if score < 1 else score:.2f}"


def render_quotes(
    query: str,
    matches: list[QuoteMatch],
    *,
    color: bool,
    not_found: tuple[str, ...] = (),
    more: int = 0,
    reordered: bool = False,
) -> str:
    """Returns the matches of a quotation, best first, or a line saying none is close; then whether its fragments
    are in another order in the source, and each sentence of it that matched nowhere, so that an invented one is
    not passed over."""
    from qa.quote_compare import REORDERED, describe_differences, describe_omitted

    if not matches:
        message = "No close match in the documents for this quotation."
        return click.style(message, fg="red") if color else message
    out: list[str] = []
    for n, m in enumerate(matches, 1):
        where = f"[{n}] {format_lines(m.citation)}  ({format_chars(m.citation)})  score {shown_score(m.score)}"
        out.append(click.style(safe(where), bold=True) if color else safe(where))
        if m.part is not None:
            out.append(f"    for the quotation's sentence: {safe(_one_line(m.part, 80))}")
        text = safe(" ".join(m.citation.quote.split()))
        out.append(f"    {click.style(text, fg='yellow') if color else text}")
        if m.differences:
            line = f"    quotation differs: {safe(describe_differences(m.differences))}"
            out.append(click.style(line, fg="red") if color else line)
        if any(m.omitted):
            out.append(f"    {describe_omitted(m.omitted)} of the source")
    if more:
        out.append(f"({more:,} more match{'es' if more > 1 else ''}; -n shows more)")
    if reordered:
        out.append(click.style(REORDERED, fg="red") if color else REORDERED)
    for part in not_found:
        line = f"not found in the documents: {safe(_one_line(part, 160))}"
        out.append(click.style(line, fg="red") if color else line)
    return "\n".join(out)
