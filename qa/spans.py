"""The short answer inside a sentence: the entity, date, number or noun phrase the question asks for.

Questions are typed by their first wh-word (English and French). Candidate spans come from patterns (dates,
numbers, capitalised names) and from noun-phrase chunks cut at function words and punctuation. Words the
question already has are trimmed off a candidate's edges, and the candidate of the wanted type that sits
closest to the question's words in the sentence wins. Pure rules, so nothing is downloaded or loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from qa.lexicon import (
    CONNECTORS,
    CURRENCIES,
    DATE,
    DETERMINERS,
    FUNCTION_WORDS,
    NUMBER,
    PLACE_MARKERS,
    PREPOSITIONS,
    TOKEN,
)
from qa.questions import FOCUS_KINDS, focus_noun, question_type
from qa.text import fold

_BEFORE_WEIGHT = 1.4
"""Weight of a question word that precedes the candidate, relative to one after it (measured on half the dev sets)."""
_GAP_SCALE = 3.0
"""Tokens of gap that halve a question word's pull."""


def _stem(word: str) -> str:
    """Reduces a folded word to a crude stem so `sacks`/`sack` and `translated`/`translation` meet."""
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:6]


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    folded: str
    capital: bool
    word: bool
    function: bool
    asked: bool
    """The question contains this word (by stem)."""


def _tokens(sentence: str, asked: AbstractSet[str]) -> list[_Token]:
    out = []
    for m in TOKEN.finditer(sentence):
        text = m.group()
        folded = fold(text)
        word = text[0].isalnum()
        function = folded in FUNCTION_WORDS
        out.append(
            _Token(
                start=m.start(),
                end=m.end(),
                folded=folded,
                capital=text[0].isupper() or (text[0].isdigit() and not function),
                word=word,
                function=function,
                asked=word and not function and _stem(folded) in asked,
            )
        )
    return out


def _names(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Returns token ranges of capitalised runs, joined by connectors such as `of` or `de`."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not (t.word and t.capital and not t.function and not t.folded.isdigit()):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if tokens[j].word and tokens[j].capital and not tokens[j].function:
                j += 1
            elif _elided_name(tokens, j):
                j += 3
            elif (
                tokens[j].folded in CONNECTORS
                and j + 1 < len(tokens)
                and tokens[j + 1].capital
                and not tokens[j + 1].function
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _elided_name(tokens: list[_Token], j: int) -> bool:
    """Tells whether tokens j.. are an elided connector and a name, as `d'Or` in `Palme d'Or`."""
    return (
        j + 2 < len(tokens)
        and tokens[j].folded in ("d", "l")
        and tokens[j + 1].folded == "'"
        and tokens[j].end == tokens[j + 1].start == tokens[j + 2].start - 1
        and tokens[j + 2].capital
        and tokens[j + 2].word
    )


def _chunks(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Returns token ranges of content-word runs cut at function words and punctuation: rough noun phrases."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].word or tokens[i].function:
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j].word and not tokens[j].function:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _pattern_ranges(sentence: str, tokens: list[_Token], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    out = []
    for m in pattern.finditer(sentence):
        a = bisect_right(starts, m.start()) - 1
        b = bisect_left(ends, m.end()) + 1
        a = max(a, 0)
        if a < b <= len(tokens) and tokens[a].start >= m.start() - 1:
            out.append((a, b))
    return out


def _candidates(sentence: str, tokens: list[_Token], kind: str) -> list[list[tuple[int, int, float]]]:
    """Returns tiers of (first token, end token, type prior): a later tier is tried only when earlier ones are empty."""
    dates = _pattern_ranges(sentence, tokens, DATE)
    numbers = _pattern_ranges(sentence, tokens, NUMBER)
    names = _names(tokens)
    chunks = _chunks(tokens)
    tables: dict[str, list[list[tuple[list[tuple[int, int]], float]]]] = {
        "date": [[(dates, 0.0)], [(numbers, 0.0)]],
        "number": [[(numbers, 0.0)], [(dates, 0.0)]],
        "person": [[(names, 0.0)], [(chunks, 0.0)]],
        "place": [[(names, 0.0)], [(chunks, 0.0)]],
        "entity": [[(names, 0.1), (chunks, 0.0), (numbers, 0.0), (dates, 0.0)]],
    }
    return [[(a, b, prior) for ranges, prior in tier for a, b in ranges] for tier in tables.get(kind, [])]


def _trim(tokens: list[_Token], a: int, b: int, keep_head: str | None) -> tuple[int, int]:
    """Drops words the question has, function words and punctuation from both edges of a candidate."""

    def droppable(t: _Token, edge_end: bool) -> bool:
        if t.folded in CURRENCIES:
            return edge_end
        if not t.word or (t.function and not (edge_end and t.capital)):
            return True
        return t.asked and not (edge_end and keep_head is not None and _stem(t.folded) == keep_head)

    while a < b and droppable(tokens[a], False):
        a += 1
    while b > a and droppable(tokens[b - 1], True):
        b -= 1
    return a, b


def _verb_like(token: _Token) -> bool:
    """Tells an English participle (`named`, `asserting`) that starts a chunk but is not part of its noun phrase."""
    return len(token.folded) > 4 and token.folded.endswith(("ed", "ing")) and not token.capital


@lru_cache(maxsize=256)
def _analyse(question: str) -> tuple[str, str | None, frozenset[str]]:
    """Returns what a question asks for (kind, focus noun stem, asked word stems); cached because every
    candidate sentence of one question needs the same analysis."""
    kind = question_type(question).kind
    focus = focus_noun(question)
    if kind == "entity" and focus in FOCUS_KINDS:
        kind = FOCUS_KINDS[focus]
    head = _stem(focus) if focus else None
    asked = frozenset(_stem(w) for w in (fold(m.group()) for m in TOKEN.finditer(question)) if w not in FUNCTION_WORDS)
    return kind, head, asked


_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)


def has_typed_candidate(question: str, sentence: str) -> bool:
    """Tells whether a sentence holds something of the type asked for (a number for "how many", a date for
    "when", a name for "who"/"where") that the question does not already contain: the shape of an answer.

    Cheap on purpose: answer scoring asks it of every candidate sentence.
    """
    kind, _, asked = _analyse(question)
    if kind in ("date", "number"):
        matches = (m.group() for m in (DATE if kind == "date" else NUMBER).finditer(sentence))
    elif kind in ("person", "place"):
        matches = (m.group() for m in _CAPITALISED.finditer(sentence) if m.group()[0].isupper())
    else:
        return False
    for text in matches:
        folded = [fold(w) for w in TOKEN.findall(text) if w[0].isalnum()]
        if any(w not in FUNCTION_WORDS and _stem(w) not in asked for w in folded):
            return True
    return False


def find_span(question: str, sentence: str, *, first_tier_only: bool = False) -> tuple[int, int] | None:
    """Returns (start, end) within `sentence` of the short answer, or None when no span can be told apart.

    With `first_tier_only`, only spans of the very type asked for count (a number for "how many"), which tells
    whether a sentence can answer the question at all.
    """
    kind, head, asked = _analyse(question)
    tokens = _tokens(sentence, asked)
    anchors = [i for i, t in enumerate(tokens) if t.asked]
    tiers = _candidates(sentence, tokens, kind)
    for tier in tiers[:1] if first_tier_only else tiers:
        best = _best(tokens, anchors, tier, kind, head)
        if best is not None:
            return tokens[best[0]].start, tokens[best[1] - 1].end
    return None


def _best(
    tokens: list[_Token], anchors: list[int], tier: list[tuple[int, int, float]], kind: str, head: str | None
) -> tuple[int, int] | None:
    """Returns the token range of the best-scoring candidate of one tier, or None when all repeat the question."""
    best: tuple[float, int, int] | None = None
    for a, b, prior in tier:
        a, b = _trim(tokens, a, b, head)
        while b - a > 1 and _verb_like(tokens[a]):
            a += 1
        if a >= b or all(t.asked for t in tokens[a:b] if t.word):
            continue
        before = tokens[a - 1].folded if a > 0 else ""
        score = prior + _closeness(tokens, anchors, a, b) - 0.02 * (b - a)
        score += 0.3 * (before in DETERMINERS) + 0.15 * (before in PREPOSITIONS)
        score += 0.3 * (kind == "place" and before in PLACE_MARKERS)
        score -= 0.3 * (b - a == 1 and _verb_like(tokens[a]))
        if best is None or score > best[0]:
            best = (score, a, b)
    return (best[1], best[2]) if best else None


def _closeness(tokens: list[_Token], anchors: list[int], a: int, b: int) -> float:
    """Scores how near the question's words sit, each counted once at its nearest occurrence.

    Answers more often follow the words they share with the question than precede them, so a word before the
    candidate weighs more; the gap is counted in tokens, a few tokens costing little.
    """
    nearest: dict[str, float] = {}
    for i in anchors:
        if a <= i < b:
            continue
        gap, weight = (a - i - 1, _BEFORE_WEIGHT) if i < a else (i - b, 1.0)
        stem = _stem(tokens[i].folded)
        nearest[stem] = max(nearest.get(stem, 0.0), weight / (1.0 + gap / _GAP_SCALE))
    return sum(nearest.values()) / max(1, len(nearest)) ** 0.5
