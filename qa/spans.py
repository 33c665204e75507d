"""The short answer inside a sentence: the entity, date, number or name the question asks for.

Questions are typed by their wh-words (English and French); candidate spans of that type are found with
patterns, those that only repeat the question are dropped, and the one nearest the question's words wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa.text import fold, words

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    "dozens?|hundreds|thousands|millions|"
    "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|cent|mille"
)
_SCALE = r"(?:\s(?:million|billion|trillion|thousand|hundred|milliards?|millions?|mille|percent|per cent|pour cent))?"
_NUMBER = re.compile(
    rf"(?:[$€£¥]\s?)?\b\d[\d,.\u00a0\u202f ]*\d(?:st|nd|rd|th|e|er)?\b{_SCALE}(?:\s?%)?"
    rf"|(?:[$€£¥]\s?)?\b\d\b{_SCALE}(?:\s?%)?"
    rf"|\b(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:er)?\s(?:{_MONTHS})(?:\s\d{{4}})?|(?:{_MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|(?:{_MONTHS})\s\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:early |late |mid-)?(?:1[0-9]|20)\d{{2}}s?"
    rf"|\d{{1,2}}(?:st|th|nd|rd|e)\s(?:century|siècle)|(?:{_MONTHS}))\b",
    re.IGNORECASE,
)
_CONNECTORS = r"(?:of|the|de|du|des|la|le|d'|l'|von|van|der|and|et|for|y)"
_NAME_WORD = r"(?:[A-Z][\w'’.-]*[\w.]|[A-Z]\.?|\d+(?:st|nd|rd|th)?)"
_PROPER = re.compile(rf"{_NAME_WORD}(?:\s(?:{_CONNECTORS}\s)?{_NAME_WORD})*", re.UNICODE)
_PHRASE = re.compile(r"[^\s,;:()\"“”«»]+(?:\s[^\s,;:()\"“”«»]+){0,5}")


@dataclass(frozen=True, slots=True)
class QuestionType:
    """What kind of span a question wants."""

    kind: str
    """One of number, date, person, place, entity, other."""


_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "date",
            r"\b(when|what year|which year|what date|what day|what month|what century|what decade|"
            r"quand|quelle ann[ée]e|en quelle|quel jour|quelle date|quel si[èe]cle|depuis quand)\b",
        ),
        (
            "number",
            r"\b(how many|how much|how long|how old|how far|how large|how big|how tall|how high|"
            r"what percentage|what percent|what number|what amount|combien|quel [âa]ge|quelle taille|"
            r"quel nombre|quel pourcentage|quelle proportion|quelle superficie|quelle distance)\b",
        ),
        ("person", r"\b(who|whom|whose|qui)\b"),
        (
            "place",
            r"\b(where|which city|what city|which country|what country|o[ùu]|quelle ville|quel pays|"
            r"quelle r[ée]gion|dans quel)\b",
        ),
    )
)


def question_type(question: str) -> QuestionType:
    """Classifies a question by its wh-words; `other` when none matches."""
    for kind, pattern in _TYPES:
        if pattern.search(question):
            return QuestionType(kind)
    if re.search(r"\b(which|what|quel|quelle|quels|quelles|lequel|laquelle)\b", question, re.IGNORECASE):
        return QuestionType("entity")
    return QuestionType("other")


def _candidates(sentence: str, kind: str) -> Iterable[tuple[int, int]]:
    if kind == "date":
        patterns = [_DATE]
    elif kind == "number":
        patterns = [_NUMBER]
    elif kind in ("person", "place"):
        patterns = [_PROPER]
    elif kind == "entity":
        patterns = [_PROPER, _DATE, _NUMBER]
    else:
        patterns = []
    for pattern in patterns:
        for m in pattern.finditer(sentence):
            start, end = m.start(), m.end()
            while end > start and sentence[end - 1] in ".,;: ":
                end -= 1
            if end > start:
                yield start, end


def _positions(sentence: str, terms: set[str]) -> list[int]:
    """Returns character offsets of the sentence words that also occur in the question."""
    return [m.start() for m in re.finditer(r"\w+", sentence) if fold(m.group()) in terms]


def find_span(question: str, sentence: str) -> tuple[int, int] | None:
    """Returns (start, end) within `sentence` of the short answer, or None when no span can be told apart."""
    kind = question_type(question).kind
    q_words = set(words(question))
    anchors = _positions(sentence, q_words)
    best: tuple[float, int, int] | None = None
    for start, end in _candidates(sentence, kind):
        cand_words = words(sentence[start:end])
        if not cand_words:
            continue
        new = [w for w in cand_words if w not in q_words]
        if not new:
            continue
        if len(new) < len(cand_words) and kind in ("person", "place", "entity"):
            start, end = _drop_repeated_edges(sentence, start, end, q_words)
            if start >= end:
                continue
        distance = min((abs(a - start) for a in anchors), default=len(sentence))
        key = (distance + 0.01 * (end - start), start, end)
        if best is None or key < best:
            best = key
    return (best[1], best[2]) if best else None


def _drop_repeated_edges(sentence: str, start: int, end: int, q_words: set[str]) -> tuple[int, int]:
    """Trims leading and trailing words of a name that the question already contains."""
    tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", sentence[start:end])]
    while tokens and all(w in q_words for w in words(sentence[tokens[0][0] : tokens[0][1]])):
        tokens.pop(0)
    while tokens and all(w in q_words for w in words(sentence[tokens[-1][0] : tokens[-1][1]])):
        tokens.pop()
    if not tokens:
        return start, start
    s, e = tokens[0][0], tokens[-1][1]
    while e > s and sentence[e - 1] in ".,;: ":
        e -= 1
    return s, e
