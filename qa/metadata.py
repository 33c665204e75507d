"""Questions about an article itself (its headline, who wrote it, when it was posted) and the lines that answer
them.

News files carry this in lines no sentence model ranks well: a headline without a verb, a dateline such as
`Thứ Ba, 11/01/2022, 22:00`, a byline `By L.B` or a credit `— VNS` after the last sentence. A reader asking
"who wrote the article about ...?" wants that line, not a sentence where someone wrote something, so a question
must name the article (article, story, report, ...) or the document's own title (`When was the GNU General
Public License published?` of a file headed `GNU GENERAL PUBLIC LICENSE`) and ask for one of these before the
rule applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.lexicon import DATE, FUNCTION_WORDS
from qa.model import Document
from qa.questions import focus_noun, question_type
from qa.segmentation import strip_span
from qa.text import words

_ARTICLE = re.compile(
    r"\b(article|story|report|news ?item|dispatch|piece|post|l['’]article|cet article|reportage|dépêche|depeche)\b",
    re.IGNORECASE,
)
REQUESTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("title", r"\b(title|headline|headlined|titled|titre|intitul[ée]e?)\b"),
        (
            "credit",
            r"\b(wrote|written|writer|author|authored|byline|credited|credit|news (?:service|agency)|agency|"
            r"auteur|écrit|ecrit|rédigé|redige|signé|signe|photos?|crédit|credit|agence)\b",
        ),
        ("date", r"\b(published|posted|dated|put online|publié|publie|paru|mis en ligne|date de publication)\b"),
    )
)
"""What a question about the article asks for, tried in order: the headline, the author or agency, the date."""

_DATE_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}(?:,?\s+\d{1,2}:\d{2})?")
_CREDIT_TAIL = re.compile(r"[.!?»”\"/]\s*[—–-]+\s*([A-Z][\w/&.' ]{1,40}?)\s*$")
_BYLINE = re.compile(r"^(?:By|Par|Text:?|Photos?:?)\s+\S.{0,60}$|^[A-Z]{2,}(?:/[A-Z]{2,})+$")
HEAD_LINES = 4
"""Non-empty lines at the top of a file searched for a dateline."""
CREDIT_CHARS = 60
"""A last line at most this long, and without a full stop inside, reads as a byline or credit."""


@dataclass(frozen=True, slots=True)
class MetaLine:
    """The line that answers a question about the article, and the part of it that is the short answer."""

    start: int
    end: int
    span_start: int
    span_end: int


ASKED_AS = {"title": ("entity",), "credit": ("person", "entity", "place"), "date": ("date",)}
"""The question types each request must come as: `When was the story posted?` asks for the dateline, `What
article was published in 1937?` asks which article, so it is left to the sentences."""
TITLE_NOUNS = frozenset("title headline titre".split())


def names_the_title(question: str, title: str) -> bool:
    """Tells whether a question holds every word of a document's title (two words at least, not counting
    function words and numbers): `the GNU General Public License` names that file as `the article` does."""
    named = {w for w in words(title) if w not in FUNCTION_WORDS and not w.isdigit()}
    return len(named) >= 2 and named <= set(words(question))


def article_request(question: str, title: str = "") -> str | None:
    """Returns `title`, `credit` or `date` when a question asks that of the article itself, else None. A question
    naming the document by its `title` can only ask its date: outside news a short last line is no byline (the
    GPL's ends with a URL)."""
    if not _ARTICLE.search(question):
        return "date" if names_the_title(question, title) and _asks_the_date(question) else None
    kind = question_type(question).kind
    focus = focus_noun(question)
    if focus in ("article", "story", "report"):
        return None
    for request, pattern in REQUESTS:
        if pattern.search(question) and kind in ASKED_AS[request]:
            if request == "title" and focus not in TITLE_NOUNS:
                continue
            return request
    return None


def _asks_the_date(question: str) -> bool:
    """Tells whether a `when` question asks when something was published, posted or dated."""
    pattern = dict(REQUESTS)["date"]
    return bool(pattern.search(question)) and question_type(question).kind in ASKED_AS["date"]


def meta_line(document: Document, request: str) -> MetaLine | None:
    """Returns the line of `document` that answers `request`, or None when the file has none."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", document.text)]
    if not lines:
        return None
    if request == "title":
        return _stripped(document.text, *lines[0])
    if request == "date":
        return _dateline(document.text, lines[:HEAD_LINES])
    return _credit(document.text, lines)


def _dateline(text: str, head: list[tuple[int, int]]) -> MetaLine | None:
    """Returns the first head line holding a numeric date (`11/01/2022, 22:00`), or else the first short line
    after the title holding a written one (`Version 3, 29 June 2007`): a lead sentence's `in 2021` is no
    dateline, nor is a short sentence's."""
    for start, end in head:
        if m := _DATE_TEXT.search(text, start, end):
            line = _stripped(text, start, end)
            return MetaLine(line.start, line.end, m.start(), m.end())
    for start, end in head[1:]:
        line = _stripped(text, start, end)
        if line.end - line.start > CREDIT_CHARS or text[line.end - 1] in ".!?":
            continue  # a sentence, not a dateline
        if m := next((m for m in DATE.finditer(text, start, end) if any(c.isdigit() for c in m.group())), None):
            return MetaLine(line.start, line.end, m.start(), m.end())
    return None


def _credit(text: str, lines: list[tuple[int, int]]) -> MetaLine | None:
    """Returns the byline or credit: a short last line (`By L.B`, `VNA/CVN`) or a `— VNS` after the last
    sentence."""
    start, end = lines[-1]
    line = _stripped(text, start, end)
    body = text[line.start : line.end]
    if len(body) <= CREDIT_CHARS and (_BYLINE.match(body) or ". " not in body):
        name = re.match(r"(?:By|Par|Text:?|Photos?:?)\s+", body)
        return MetaLine(line.start, line.end, line.start + (name.end() if name else 0), line.end)
    m = _CREDIT_TAIL.search(body)
    if m:
        return MetaLine(line.start, line.end, line.start + m.start(1), line.start + m.end(1))
    return None


def _stripped(text: str, start: int, end: int) -> MetaLine:
    """Returns the line without its surrounding white space, as a whole-line answer."""
    start, end = strip_span(text, start, end)
    return MetaLine(start, end, start, end)
