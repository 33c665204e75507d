"""`Who is Nguyen Duy Ngoc?`: the words a sentence uses to say what someone named is.

Such a question names a person and asks for a description, not another name, so the span ranker of `qa.spans`
(which looks for the entity a question lacks) has nothing right to pick: it answered `held talks`. A text says
what someone is right beside the name: a title before it (`Vietnamese Deputy Minister of Public Security Lieut.
Gen Nguyen Duy Ngoc`, `l’historien guyanien Walter Rodney`, `du pape Pie IV`), or an apposition after it
(`Khamking Phuilamanivong, who is also head of the General Police Department,`).
"""

from __future__ import annotations

import re

from qa.lexicon import CONNECTORS, DETERMINERS, FUNCTION_WORDS, ROLE_WORDS, TITLES, TOKEN
from qa.span_candidates import SpanToken, span_tokens, verb_like
from qa.text import fold

_WHO_IS_NAME = re.compile(r"^\W*(?:who|qui)\s+(?:is|was|est|était|etait)\s+(.+?)\s*[?？]?\s*$", re.IGNORECASE)
_JOINERS = frozenset("of de du des d and et".split())
"""Words inside a title: `Minister of Public Security`, `Prime Minister and Minister of Public Security`."""
_APPOSITION_ENDS = frozenset(",;:)(.")
_APOSTROPHES = frozenset("'’")
_RELATIVE_OPENING = re.compile(r"^(?:who|which|qui)\s+(?:is|was|est|était)\s+(?:also\s+|aussi\s+|également\s+)?", re.I)
MAX_APPOSITION_WORDS = 12
"""Longer than this, the words after a comma are the sentence going on, not a description."""


def described_name(question: str) -> str | None:
    """Returns the name a `Who is NAME?` question asks about, or None for other questions (`Who is the mayor of
    Da Nang?` asks for a name; see `qa.questions.asked_role`)."""
    m = _WHO_IS_NAME.match(question)
    if not m:
        return None
    words = TOKEN.findall(m.group(1))
    content = [w for w in words if w[0].isalnum() and fold(w) not in CONNECTORS]
    if not content or not all(w[0].isupper() for w in content):
        return None
    folded = {fold(w) for w in words}
    if fold(words[0]) in DETERMINERS or "of" in folded or folded & ROLE_WORDS:
        return None  # `Who was Count of Melfi`, `Who is President X`: a title, whose holder is asked for
    return m.group(1)


def description_span(sentence: str, name: str) -> tuple[int, int] | None:
    """Returns (start, end) in `sentence` of what it says the named person is, or None when it names them
    without saying (then the sentence is the answer, as for a why-question)."""
    tokens = span_tokens(sentence, frozenset())
    found = _find_name(tokens, [fold(w) for w in TOKEN.findall(name) if w[0].isalnum()])
    if found is None:
        return None
    first, last = found
    run = (
        _title_before(tokens, first) or _noun_phrase_before(tokens, first) or _apposition_after(sentence, tokens, last)
    )
    if run is None:
        return None
    a, b = run
    return tokens[a].start, tokens[b - 1].end


def _find_name(tokens: list[SpanToken], words: list[str]) -> tuple[int, int] | None:
    """Returns the token range of the first place the name's words occur in a row."""
    folded = [t.folded for t in tokens]
    for i in range(len(tokens) - len(words) + 1):
        if words and folded[i : i + len(words)] == words:
            return i, i + len(words)
    return None


def _title_before(tokens: list[SpanToken], first: int) -> tuple[int, int] | None:
    """Returns the run of capitalised words (joined by `of`, `and`) right before the name, past abbreviated
    ranks (`Lieut. Gen`), when it reads as a title: a word of one (`Minister`), or several words not opening the
    sentence (a capital there may be the sentence's own)."""
    i = first
    while i > 0 and (tokens[i - 1].folded in TITLES or tokens[i - 1].folded == "."):
        i -= 1
    end = i
    while i > 0 and tokens[i - 1].word and (tokens[i - 1].capital or tokens[i - 1].folded in _JOINERS):
        i -= 1
    while i < end and tokens[i].folded in _JOINERS:
        i += 1
    words = [t for t in tokens[i:end] if t.word]
    titled = any(t.folded in ROLE_WORDS for t in words) or (len(words) > 1 and i > 0)
    if not words or words[0].folded.isdigit() or not titled:  # `Yesterday Walter Rodney said`: no title
        return None
    return i, end


def _noun_phrase_before(tokens: list[SpanToken], first: int) -> tuple[int, int] | None:
    """Returns lower-case words right before the name that follow a determiner (`l’historien guyanien`, `du pape`,
    `the historian`); without one they are more likely a verb's (`invited Walter Rodney`)."""
    i = first
    while i > 0 and _descriptive(tokens[i - 1]):
        i -= 1
    before = i - 1
    if before > 0 and tokens[before].folded in _APOSTROPHES:  # `l’historien`: the article is elided
        before -= 1
    if i == first or before < 0 or tokens[before].folded not in DETERMINERS:
        return None
    return i, first


def _descriptive(token: SpanToken) -> bool:
    return token.word and not token.capital and not token.function and not verb_like(token)


def _apposition_after(sentence: str, tokens: list[SpanToken], last: int) -> tuple[int, int] | None:
    """Returns the words between the comma after the name and the next one (`, who is also head of the General
    Police Department,`), without the relative clause's opening."""
    if last >= len(tokens) or tokens[last].folded != ",":
        return None
    end = last + 1
    while end < len(tokens) and tokens[end].folded not in _APPOSITION_ENDS:
        end += 1
    start = last + 1
    opening = _RELATIVE_OPENING.match(sentence[tokens[start].start :]) if start < end else None
    if opening:
        cut = tokens[start].start + opening.end()
        while start < end and tokens[start].start < cut:
            start += 1
    words = [t for t in tokens[start:end] if t.word]
    if not words or len(words) > MAX_APPOSITION_WORDS or words[0].folded in FUNCTION_WORDS - DETERMINERS:
        return None
    if verb_like(words[0]):
        return None
    return start, end
