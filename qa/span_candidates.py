"""Candidate short answers inside a sentence: dates, numbers, capitalised names, noun-phrase chunks, and their
joins (`Treaty of Rome`, `counties or powiats`). Which one answers is decided in `qa.spans`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from qa.lexicon import CONNECTORS, CURRENCIES, FUNCTION_WORDS, TITLES, TOKEN
from qa.text import fold

BEFORE_WEIGHT = 1.4
"""Weight of a question word that precedes the candidate, relative to one after it (measured on half the dev sets)."""
GAP_SCALE = 3.0
"""Tokens of gap that halve a question word's pull."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Reduces a folded word to a crude stem so `sacks`/`sack` and `translated`/`translation` meet."""
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:6]


@dataclass(frozen=True, slots=True)
class SpanToken:
    start: int
    end: int
    folded: str
    capital: bool
    word: bool
    function: bool
    asked: bool
    """The question contains this word (by stem)."""


_QUOTE_MARK_AT_LINE_START = re.compile(r"\n[ \t>]*$")


def span_tokens(sentence: str, asked: AbstractSet[str]) -> list[SpanToken]:
    out = []
    for m in TOKEN.finditer(sentence):
        text = m.group()
        if text == ">" and _QUOTE_MARK_AT_LINE_START.search(sentence, 0, m.start()):
            continue  # a quoted reply's mark inside a sentence (`Mr Graham\n> Pike`) is no word of it
        folded = fold(text)
        word = text[0].isalnum()
        function = folded in FUNCTION_WORDS
        out.append(
            SpanToken(
                start=m.start(),
                end=m.end(),
                folded=folded,
                capital=text[0].isupper() or (text[0].isdigit() and not function),
                word=word,
                function=function,
                asked=word and not function and stem(folded) in asked,
            )
        )
    return out


def name_particle(tokens: list[SpanToken], i: int) -> bool:
    """Tells whether a capitalised function word inside a sentence starts a name: `To` in `Minister To Lam`,
    `Le` in `Le Pen`. At a sentence's start, or before a lowercase word, it is the plain word."""
    return (
        tokens[i].function
        and tokens[i].capital
        and tokens[i].folded.isalpha()
        and any(t.word for t in tokens[:i])
        and i + 1 < len(tokens)
        and tokens[i + 1].word
        and tokens[i + 1].capital
        and not tokens[i + 1].function
        and not tokens[i + 1].folded.isdigit()
    )


def names(tokens: list[SpanToken]) -> list[tuple[int, int]]:
    """Returns token ranges of capitalised runs, joined by connectors such as `of` or `de`."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if name_particle(tokens, i):
            pass
        elif not (t.word and t.capital and not t.function and not t.folded.isdigit()):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if (tokens[j].word and tokens[j].capital and not tokens[j].function) or name_particle(tokens, j):
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


def _elided_name(tokens: list[SpanToken], j: int) -> bool:
    """Tells whether tokens j.. are an elided connector and a name, as `d'Or` in `Palme d'Or`."""
    return (
        j + 2 < len(tokens)
        and tokens[j].folded in ("d", "l")
        and tokens[j + 1].folded == "'"
        and tokens[j].end == tokens[j + 1].start == tokens[j + 2].start - 1
        and tokens[j + 2].capital
        and tokens[j + 2].word
    )


def chunks(tokens: list[SpanToken]) -> list[tuple[int, int]]:
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


CLAUSE_MARKS = frozenset(',;:()[]«»"“”')
"""Marks that bound a clause or an inserted phrase."""


def clauses(tokens: list[SpanToken]) -> list[tuple[int, int]]:
    """Returns token ranges between clause marks, and the tail of each after a word the question has (`... était
    de demander raison au dey Omar` for `Quel était l'objectif ...?`): answers longer than a noun phrase, as
    four in ten of piaf-fr-dev's are."""
    bounds = [-1, *(i for i, t in enumerate(tokens) if t.folded in CLAUSE_MARKS or t.folded in ".!?"), len(tokens)]
    out: list[tuple[int, int]] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        a, b = left + 1, right
        if b - a < 2:
            continue
        out.append((a, b))
        out.extend((i + 1, b) for i in range(a, b - 1) if tokens[i].asked)
    return out


@lru_cache(maxsize=4096)
def pattern_spans(pattern: re.Pattern[str], sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Returns (start, end, text) of every match of a date or number pattern in a sentence, kept: those patterns
    cost about 0.1 ms a sentence, and answer scoring, the short span and the next question of a chat ask them of
    the same sentences."""
    return tuple((m.start(), m.end(), m.group()) for m in pattern.finditer(sentence))


def pattern_ranges(sentence: str, tokens: list[SpanToken], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    out = []
    for start, end, _ in pattern_spans(pattern, sentence):
        a = bisect_right(starts, start) - 1
        b = bisect_left(ends, end) + 1
        a = max(a, 0)
        if a < b <= len(tokens) and tokens[a].start >= start - 1:
            out.append((a, b))
    return out


def trim(tokens: list[SpanToken], a: int, b: int, keep_head: str | None) -> tuple[int, int]:
    """Drops words the question has, function words, abbreviated titles and punctuation from both edges of a
    candidate."""

    def droppable(t: SpanToken, edge_end: bool) -> bool:
        if t.folded in TITLES:
            return True
        if t.folded in CURRENCIES:
            return edge_end
        if not t.word or (t.function and not (edge_end and t.capital)):
            return True
        return t.asked and not (edge_end and keep_head is not None and stem(t.folded) == keep_head)

    while a < b and droppable(tokens[a], False) and not name_particle(tokens, a):
        a += 1
    while b > a and droppable(tokens[b - 1], True):
        b -= 1
    if all(t.function or not t.word for t in tokens[a:b]):
        return a, a  # a name particle whose name the question has (`Du` of `Du Bosc`) is no answer alone
    return a, b


def verb_like(token: SpanToken) -> bool:
    """Tells an English participle (`named`, `asserting`) that starts a chunk but is not part of its noun phrase."""
    return len(token.folded) > 4 and token.folded.endswith(("ed", "ing")) and not token.capital


JOINERS = frozenset("of de du des d".split())
"""Words that join two noun phrases into one name: `Treaty of Rome`, `armée de résistance du Seigneur`."""
ARTICLES = frozenset("the la le les l".split())
COORDINATORS = frozenset("and or et ou".split())


def phrases(tokens: list[SpanToken], units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Returns runs of up to three chunks or names joined by `of`/`de` (an article may follow the joiner)."""
    by_start: dict[int, int] = {}
    for a, b in units:
        by_start[a] = max(b, by_start.get(a, b))
    out = []
    for a, b in units:
        end = b
        for _ in range(2):
            if end >= len(tokens) or tokens[end].folded not in JOINERS:
                break
            nxt = end + 1
            if nxt < len(tokens) and tokens[nxt].folded in ARTICLES and nxt + 1 in by_start:
                nxt += 1
            if nxt not in by_start:
                break
            end = by_start[nxt]
            out.append((a, end))
    return out


def coordinations(tokens: list[SpanToken], units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Returns pairs of units joined by `and`/`or`: answers to `Which two ...?` are often both."""
    ends_at: dict[int, list[int]] = {}
    for a, b in units:
        ends_at.setdefault(a, []).append(b)
    out: list[tuple[int, int]] = []
    for a, b in units:
        if b < len(tokens) and tokens[b].folded in COORDINATORS:
            j = b + 1 + int(b + 1 < len(tokens) and tokens[b + 1].folded in ARTICLES)
            out.extend((a, e) for e in ends_at.get(j, []))
    return out


def closeness(tokens: list[SpanToken], anchors: list[int], a: int, b: int) -> float:
    """Scores how near the question's words sit, each counted once at its nearest occurrence.

    Answers more often follow the words they share with the question than precede them, so a word before the
    candidate weighs more; the gap is counted in tokens, a few tokens costing little.
    """
    nearest: dict[str, float] = {}
    for i in anchors:
        if a <= i < b:
            continue
        gap, weight = (a - i - 1, BEFORE_WEIGHT) if i < a else (i - b, 1.0)
        key = stem(tokens[i].folded)
        nearest[key] = max(nearest.get(key, 0.0), weight / (1.0 + gap / GAP_SCALE))
    return sum(nearest.values()) / max(1, len(nearest)) ** 0.5
