"""The short answer inside a sentence: the entity, date, number or noun phrase the question asks for.

Questions are typed by their first wh-word (English and French). Every candidate of `qa.span_candidates` is
described by a few features: how near the question's words sit and on which side, whether it is of the type
asked for, whether it repeats the question, whether the fixed rules of the first version would pick it. A
conditional logistic model fitted on the dev sets (`bench/fit_spans.py`, article-level split) ranks them, and
the best one is the span. French sentences also get clauses as candidates, and a ranker of their own. Pure
arithmetic over word lists, so nothing is downloaded or loaded.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

import numpy as np

from qa.descriptions import described_name, description_span
from qa.lexicon import (
    DATE,
    DETERMINERS,
    FUNCTION_WORDS,
    MEASURE_UNITS,
    NUMBER,
    NUMBER_WORDS,
    PLACE_MARKERS,
    PREPOSITIONS,
    ROLE_WORDS,
    SCALE_WORDS,
    TOKEN,
)
from qa.questions import FOCUS_KINDS, focus_noun, question_type
from qa.span_candidates import (
    SpanToken,
    chunks,
    clauses,
    closeness,
    coordinations,
    names,
    pattern_ranges,
    pattern_spans,
    phrases,
    span_tokens,
    stem,
    trim,
    verb_like,
)
from qa.span_rules import rule_pick
from qa.span_weights import FRENCH_SPAN_WEIGHTS, SPAN_WEIGHTS
from qa.text import fold

KINDS = ("date", "number", "person", "place", "entity", "other")
SOURCES = ("date", "number", "name", "chunk", "phrase", "coordination", "clause")
SPAN_FEATURES = (
    "closeness",
    "log_tokens",
    "after_determiner",
    "after_preposition",
    "place_marker_for_where",
    "lone_participle",
    "holds_focus_noun",
    "asked_share",
    "position",
    "clause_end_after",
    "clause_start_before",
    "capital_share",
    "has_digit",
    "log_gap_left",
    "asked_word_left",
    "log_gap_right",
    "asked_word_right",
    "asked_words_nearby",
    "next_word_asked",
    "previous_word_asked",
    "next_word_follows_wh",
    "previous_word_follows_wh",
    "focus_noun_beside",
    "quoted_or_bracketed",
    "agent_of_the_verb_after_wh",
    "sentence_start",
    "lone_lowercase_word",
    "one_or_two_characters",
    "rule_pick",
    "coordination_for_plural",
    "role_share",
    "role_share_for_person",
    "year_for_number",
    *(f"source_{s}" for s in SOURCES),
    *(f"{k}_x_{s}" for k in KINDS for s in SOURCES),
)
WH_WORDS = frozenset(
    "what which who whom whose when where how why quel quelle quels quelles qui quand ou où combien comment "
    "pourquoi que quoi lequel laquelle".split()
)
AGENT_MARKERS = frozenset("by par".split())
"""`composed by Bizet` answers `Who composed ...?`: the agent of a passive is the subject the question asks for."""
PLURAL_CUES = frozenset("two both three deux trois".split())
MAX_SPAN_WORDS = 25
"""The longest short answer: the dev sets' longest gold answers have 25 (XQuAD) and 23 (PIAF) words. A run of
words without a function word among them (a dump, a keyword list) is no answer however it ranks."""
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
"""A year: the answer to `when`, rarely to `how many`, `how tall` or `how much`."""
_CLAUSE_ENDS = frozenset(",();.:")
_CLAUSE_STARTS = frozenset(',(:«"')
_QUOTES_OPEN = frozenset("(«\"“‘'")
_QUOTES_CLOSE = frozenset(")»\"”’'")


@lru_cache(maxsize=256)
def _analyse(question: str) -> tuple[str, str | None, frozenset[str]]:
    """Returns what a question asks for (kind, focus noun stem, asked word stems); cached because every
    candidate sentence of one question needs the same analysis."""
    kind = question_type(question).kind
    focus = focus_noun(question)
    if kind == "entity" and focus in FOCUS_KINDS:
        kind = FOCUS_KINDS[focus]
    head = stem(focus) if focus else None
    asked = frozenset(stem(w) for w in (fold(m.group()) for m in TOKEN.finditer(question)) if w not in FUNCTION_WORDS)
    return kind, head, asked


@lru_cache(maxsize=256)
def _question_cues(question: str) -> tuple[str | None, bool]:
    """Returns the stem of the first content word after the wh-word (the verb, usually: `invited` in `Which
    ruler invited ...?`), and whether the question asks for several things (`Which two ...?`)."""
    _, head, asked = _analyse(question)
    tokens = span_tokens(question, asked)
    wh = next((i for i, t in enumerate(tokens) if t.folded in WH_WORDS), None)
    follows = None
    if wh is not None:
        follows = next(
            (stem(t.folded) for t in tokens[wh + 1 :] if t.word and not t.function and stem(t.folded) != head), None
        )
    return follows, any(t.folded in PLURAL_CUES for t in tokens)


_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)


def has_typed_candidate(question: str, sentence: str) -> bool:
    """Tells whether a sentence holds something of the type asked for (a number for "how many", a date for
    "when", a name for "who"/"where") that the question does not already contain: the shape of an answer.

    Cheap on purpose: answer scoring asks it of every candidate sentence.
    """
    kind, _, asked = _analyse(question)
    if kind in ("date", "number"):
        matches = (text for _, _, text in pattern_spans(DATE if kind == "date" else NUMBER, sentence))
    elif kind in ("person", "place"):
        matches = (m.group() for m in _CAPITALISED.finditer(sentence) if m.group()[0].isupper())
    else:
        return False
    for text in matches:
        folded = [fold(w) for w in TOKEN.findall(text) if w[0].isalnum()]
        if any(w not in FUNCTION_WORDS and stem(w) not in asked for w in folded):
            return True
    return False


def find_span(question: str, sentence: str, language: str = "en") -> tuple[int, int] | None:
    """Returns (start, end) within `sentence` of the short answer, or None when every candidate repeats the
    question."""
    if (name := described_name(question)) is not None:
        return description_span(sentence, name)
    spans, features = span_features(question, sentence, language)
    if not spans:
        return None
    weights = FRENCH_SPAN_WEIGHTS if language == "fr" else SPAN_WEIGHTS
    start, end = whole_characters(sentence, *spans[int(np.argmax(features @ weights))])
    if _MEASURE_QUESTION.search(question):
        end = with_unit(sentence, end)
    return with_french_article(sentence, start), end


_MEASURE_QUESTION = re.compile(
    r"\b(?:how (?:long|much|far|tall|high|old|large|big|deep|wide|heavy)|combien de temps|quelle (?:distance|taille|"
    r"superficie|dur[ée]e|longueur|hauteur)|quel [âa]ge)\b",
    re.IGNORECASE,
)
"""Questions whose answer is a measure: its number is read with its unit."""
_ENDS_IN_NUMBER = re.compile(
    rf"(?:\d|\b(?:{NUMBER_WORDS}|{SCALE_WORDS}))$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+|%|°[CF])(?=[\s.,;:!?)]|$)")


def with_unit(sentence: str, end: int) -> int:
    """Returns where a span ending at `end` ends once the unit right after its number is taken in: `90` answers
    `How long is the timeout?` only read with `seconds`. A span ending in a word is left as it is."""
    if not _ENDS_IN_NUMBER.search(sentence, 0, end):
        return end
    m = _NEXT_WORD.match(sentence, end)
    return m.end() if m and fold(m.group(1)) in MEASURE_UNITS else end


def whole_characters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widens a span so it cuts no character in two: `ü` written as `u` and a combining diaeresis is one letter
    to a reader (and to `\\w` only its first half, so `Münster` was cut to `Mu`)."""
    while end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end += 1
    while start > 0 and unicodedata.category(text[start]).startswith("M"):
        start -= 1
    return start, end


_FRENCH_ARTICLE_BEFORE = re.compile(r"(?:\b(?:[Ll](?:e|a|es)|[Uu]ne?|[Dd](?:es|u)|[Aa]ux?)\s+|\b[Ll]['’])$")
"""Lower case, or capitalised at a sentence start: `LA Galaxy` is an abbreviation, not an article."""


def with_french_article(sentence: str, start: int) -> int:
    """Returns where a span starting at `start` begins once the French article right before it is taken in.

    Candidates are trimmed of function words so they can be compared, but a French noun phrase is read with its
    article (`la crête de Novara`, `l’antiquité grecque`), and PIAF's answers are written so: on piaf-fr-dev
    span_f1 went 0.233 -> 0.239. Dates and numbers stay bare (`4 janvier 1922`, not `le 4 janvier 1922`), and
    English is untouched: its articles are not part of an answer.
    """
    if start >= len(sentence) or sentence[start].isdigit():
        return start
    m = _FRENCH_ARTICLE_BEFORE.search(sentence[max(0, start - 5) : start])
    return start - len(m.group()) if m else start


def span_features(question: str, sentence: str, language: str = "en") -> tuple[list[tuple[int, int]], np.ndarray]:
    """Returns every candidate span's (start, end) in `sentence` and its features, in `SPAN_FEATURES` order."""
    kind, head, asked = _analyse(question)
    tokens = span_tokens(sentence, asked)
    anchors = [i for i, t in enumerate(tokens) if t.asked]
    follows, plural = _question_cues(question)
    units = _units(sentence, tokens)
    units["clause"] = clauses(tokens) if language == "fr" else []  # English answers are short: they lost by it
    rule = rule_pick(units, tokens, anchors, kind, head)
    spans: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    for (a, b), sources in _of_the_type_asked(_candidates(units, tokens, head), tokens, kind).items():
        spans.append((tokens[a].start, tokens[b - 1].end))
        row = _geometry(tokens, anchors, a, b, kind, head, follows)
        row += [float((a, b) == rule), float(plural and "coordination" in sources)]
        content = [t for t in tokens[a:b] if t.word and not t.function]
        role = sum(t.folded in ROLE_WORDS for t in content) / max(1, len(content))
        row += [role, role * (kind == "person")]
        row += [float(kind == "number" and b - a == 1 and _YEAR.fullmatch(tokens[a].folded) is not None)]
        row += [float(s in sources) for s in SOURCES]
        row += [float(k == kind and s in sources) for k in KINDS for s in SOURCES]
        rows.append(row)
    return spans, np.array(rows, dtype=np.float64).reshape(len(rows), len(SPAN_FEATURES))


def _units(sentence: str, tokens: list[SpanToken]) -> dict[str, list[tuple[int, int]]]:
    """Returns the token ranges each kind of pattern proposes, keyed by `SOURCES`, untrimmed."""
    units = {
        "date": pattern_ranges(sentence, tokens, DATE),
        "number": pattern_ranges(sentence, tokens, NUMBER),
        "name": names(tokens),
        "chunk": chunks(tokens),
    }
    nouns = sorted(set(units["name"]) | set(units["chunk"]))
    units["phrase"] = phrases(tokens, nouns)
    units["coordination"] = coordinations(tokens, sorted(set(nouns) | set(units["phrase"]) | set(units["number"])))
    breaks = {i for i in range(1, len(tokens)) if _CELL_BREAK.search(sentence, tokens[i - 1].end, tokens[i].start)}
    return {source: _cut(ranges, breaks) if breaks else ranges for source, ranges in units.items()}


_CELL_BREAK = re.compile(r"\t")
"""A tab between two words parts a table's cells: no answer runs across it. (A line break may be a hard wrap
inside a paragraph: answers do run across those.)"""


def _cut(ranges: list[tuple[int, int]], breaks: set[int]) -> list[tuple[int, int]]:
    """Returns the ranges cut where a break comes before a token (`Treasurer<tab>Lisbon` is two cells), in order."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        edges = [a, *sorted(i for i in breaks if a < i < b), b]
        out += [(x, y) for x, y in zip(edges, edges[1:], strict=False) if (x, y) not in out]
    return out


TIERS: dict[str, tuple[frozenset[str], ...]] = {
    "date": (frozenset({"date"}), frozenset({"number"})),
    "number": (frozenset({"number"}), frozenset({"date"})),
    "person": (frozenset({"name"}),),
    "place": (frozenset({"name"}),),
    "entity": (frozenset(SOURCES),),
}
"""The kinds of candidate each type of question may get, tried in order: a number for `how many`, or else a
date; a name for `who` and `where`, or no short span (`six ans` is no answer to `Qui est le maire de Lyon ?`, and
on the dev sets that fallback never changed a span). Why and how questions get no short span either: the sentence
is the answer."""


def _of_the_type_asked(
    candidates: dict[tuple[int, int], set[str]], tokens: list[SpanToken], kind: str
) -> dict[tuple[int, int], set[str]]:
    """Keeps the candidates of the first tier of `TIERS` that has any; names joined by `and` or `of` count as
    names."""
    for allowed in TIERS.get(kind, ()):
        kept = {
            r: sources
            for r, sources in candidates.items()
            if (sources & allowed or ("name" in allowed and _all_capitalised(tokens[r[0] : r[1]])))
            and not (kind in ("person", "place") and "date" in sources)  # `March 3` is capitalised, yet no one
        }
        if kept:
            return kept
    return {}


def _all_capitalised(tokens: list[SpanToken]) -> bool:
    """Tells whether every content word is capitalised (digits do not count): a name, possibly joined."""
    content = [t for t in tokens if t.word and not t.function]
    return bool(content) and all(t.folded[:1].isalpha() and t.capital for t in content)


def _candidates(
    units: dict[str, list[tuple[int, int]]], tokens: list[SpanToken], head: str | None
) -> dict[tuple[int, int], set[str]]:
    """Returns each distinct trimmed candidate (token range) with the kinds of pattern that proposed it."""
    out: dict[tuple[int, int], set[str]] = {}
    for source, ranges in units.items():
        for a, b in ranges:
            a, b = trim(tokens, a, b, head)
            while b - a > 1 and verb_like(tokens[a]):
                a += 1
            words = sum(t.word for t in tokens[a:b])
            if a < b and words <= MAX_SPAN_WORDS and not all(t.asked for t in tokens[a:b] if t.word):
                out.setdefault((a, b), set()).add(source)
    return out


def _geometry(
    tokens: list[SpanToken], anchors: list[int], a: int, b: int, kind: str, head: str | None, follows: str | None
) -> list[float]:
    """Returns the features that depend on where the candidate sits among the question's words, and its shape;
    the first 28 of `SPAN_FEATURES`."""
    words = [t for t in tokens[a:b] if t.word]
    before = tokens[a - 1].folded if a > 0 else ""
    after = tokens[b].folded if b < len(tokens) else ""
    left = [i for i in anchors if i < a]
    right = [i for i in anchors if i >= b]
    gap_left = a - left[-1] - 1 if left else 20
    gap_right = right[0] - b if right else 20
    nearby = {stem(tokens[i].folded) for i in anchors if a - 6 <= i < a or b <= i < b + 6}
    every = {stem(tokens[i].folded) for i in anchors}
    next_word = next((t for t in tokens[b : b + 3] if t.word and not t.function), None)
    previous = next((t for t in reversed(tokens[max(0, a - 3) : a]) if t.word and not t.function), None)
    after_verb = next((i for i in range(b, min(b + 3, len(tokens))) if tokens[i] is next_word), None)
    passive = after_verb is not None and after_verb + 1 < len(tokens) and tokens[after_verb + 1].folded in AGENT_MARKERS
    return [
        closeness(tokens, anchors, a, b),
        math.log1p(b - a),
        float(before in DETERMINERS),
        float(before in PREPOSITIONS),
        float(kind == "place" and before in PLACE_MARKERS),
        float(b - a == 1 and verb_like(tokens[a])),
        float(head is not None and any(stem(t.folded) == head for t in tokens[a:b])),
        sum(t.asked for t in words) / max(1, len(words)),
        a / max(1, len(tokens)),
        float(after in _CLAUSE_ENDS or not after),
        float(before in _CLAUSE_STARTS or not before),
        sum(t.capital for t in words) / max(1, len(words)),
        float(any(c.isdigit() for t in words for c in t.folded)),
        math.log1p(min(gap_left, 20)),
        float(bool(left)),
        math.log1p(min(gap_right, 20)),
        float(bool(right)),
        len(nearby) / max(1, len(every)),
        float(next_word is not None and next_word.asked),
        float(previous is not None and previous.asked),
        float(follows is not None and next_word is not None and stem(next_word.folded) == follows and not passive),
        float(follows is not None and previous is not None and stem(previous.folded) == follows),
        float(head is not None and any(stem(t.folded) == head for t in (next_word, previous) if t is not None)),
        float(before in _QUOTES_OPEN and after in _QUOTES_CLOSE),
        float(
            follows is not None
            and a >= 2
            and tokens[a - 1].folded in AGENT_MARKERS
            and stem(tokens[a - 2].folded) == follows
        ),
        float(not any(t.word for t in tokens[:a])),
        float(b - a == 1 and not tokens[a].capital),
        float(tokens[b - 1].end - tokens[a].start <= 2),
    ]
