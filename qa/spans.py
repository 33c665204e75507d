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

from qa.text import fold

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
    rf"(?:[$€£¥]\s?)?\b\d+:\d\d\b"
    rf"|(?:[$€£¥]\s?)?\b\d[\d,.\u00a0\u202f ]*\d(?:st|nd|rd|th|e|er)?(?:[–-]\d+)?\b{_SCALE}(?:\s?%)?"
    rf"|(?:[$€£¥]\s?)?\b\d(?:st|nd|rd|th|e|er)?\b[½¼¾]?{_SCALE}(?:\s?%)?"
    rf"|\b(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:er)?\s(?:{_MONTHS})(?:\s\d{{4}})?|(?:{_MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|(?:{_MONTHS})\s\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:early |late |mid-)?(?:1[0-9]|20)\d{{2}}s?"
    rf"|\d{{1,2}}(?:st|th|nd|rd|e)\s(?:century|siècle)|[IVX]+e\ssiècle|(?:{_MONTHS}))\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+(?:(?:[-–/]|[.,](?=\d))\w+)*%?|[^\w\s]")
_CONNECTORS = frozenset("of the de du des la le d l von van der and et for y".split())
_FUNCTION_WORDS = frozenset(
    """a an the this that these those his her its their our your my some any each every all both other another
    such no not nor only also very more most much many few less least than then there here when where which who
    whom whose what why how while whether if as at by for from in into of on onto to with within without about
    above after against along among around before behind below beneath beside between beyond but during except
    like near over since through throughout till toward towards under until up upon via and or so yet because
    although though is are was were be been being am has have had having do does did doing done can could may
    might must shall should will would it he she they we you i him them us me itself himself themselves one
    ones also s t
    le la les l un une des du de d au aux en et ou où que qu qui quoi dont ce cet cette ces son sa ses leur leurs
    mon ma mes ton ta tes notre nos votre vos il elle ils elles on nous vous je tu se s sa lui y ne pas plus
    moins très par pour sur sous dans avec sans chez entre vers depuis pendant avant après contre selon comme
    mais donc car est sont était étaient été être a ont avait avaient eu fut furent sera seront ainsi aussi
    lors quel quelle quels quelles lequel laquelle lesquels combien comment pourquoi quand""".split()
)
_DETERMINERS = frozenset(
    """a an the his her its their our this these those
    le la les l un une des du d au aux son sa ses leur leurs ce cette ces""".split()
)
_PREPOSITIONS = frozenset(
    "of in on at by for from into with to about as over under de en à dans par pour sur avec sous vers contre".split()
)
_BEFORE_WEIGHT = 1.4
"""Weight of a question word that precedes the candidate, relative to one after it (measured on half the dev sets)."""
_GAP_SCALE = 3.0
"""Tokens of gap that halve a question word's pull."""
_CURRENCIES = frozenset("$€£¥")
_PLACE_MARKERS = frozenset("in at from near to into across en à a au aux dans vers près".split())


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
            r"\b(when|what year|which year|what date|what day|what month|what century|what decade|what time|"
            r"quand|quelle ann[ée]e|en quelle|quel jour|quelle date|quel si[èe]cle|depuis quand|à quelle date)\b",
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
        ("entity", r"\b(which|what|quel|quelle|quels|quelles|lequel|laquelle)\b"),
    )
)


def question_type(question: str) -> QuestionType:
    """Classifies a question by its earliest wh-word; `other` when none matches (why, how, yes/no)."""
    found = [
        (m.start(), order, kind) for order, (kind, pattern) in enumerate(_TYPES) if (m := pattern.search(question))
    ]
    return QuestionType(min(found)[2] if found else "other")


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
    for m in _TOKEN.finditer(sentence):
        text = m.group()
        folded = fold(text)
        word = text[0].isalnum()
        function = folded in _FUNCTION_WORDS
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
                tokens[j].folded in _CONNECTORS
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
    dates = _pattern_ranges(sentence, tokens, _DATE)
    numbers = _pattern_ranges(sentence, tokens, _NUMBER)
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
        if t.folded in _CURRENCIES:
            return edge_end
        if not t.word or (t.function and not (edge_end and t.capital)):
            return True
        return t.asked and not (edge_end and keep_head is not None and _stem(t.folded) == keep_head)

    while a < b and droppable(tokens[a], False):
        a += 1
    while b > a and droppable(tokens[b - 1], True):
        b -= 1
    return a, b


_FOCUS_KINDS = {
    word: kind
    for kind, text in (
        ("date", "year date day month century decade année date jour mois siècle décennie"),
        (
            "number",
            "number amount percentage percent population size share cost price length distance height age score "
            "total rate montant nombre pourcentage proportion taux somme taille âge superficie prix coût longueur",
        ),
        ("place", "city country state region place location continent town island ville pays région lieu endroit"),
        (
            "person",
            "person man woman player actor actress artist president leader king queen emperor author writer "
            "personne homme femme joueur acteur actrice artiste président roi reine empereur auteur écrivain",
        ),
    )
    for word in fold(text).split()
}
_WH_FOCUS = re.compile(r"\b(?:what|which|quel|quelle|quels|quelles)\b((?:\W+\w+){1,4})", re.IGNORECASE)


def _focus(question: str) -> str | None:
    """Returns the folded noun a what/which/quel question asks about: `team` in `What team won?`."""
    m = _WH_FOCUS.search(question)
    if not m:
        return None
    for word in (fold(w) for w in re.findall(r"\w+", m.group(1))):
        if word not in _FUNCTION_WORDS and word not in ("name", "nom", "called", "appelle"):
            return word
    return None


def _verb_like(token: _Token) -> bool:
    """Tells an English participle (`named`, `asserting`) that starts a chunk but is not part of its noun phrase."""
    return len(token.folded) > 4 and token.folded.endswith(("ed", "ing")) and not token.capital


@lru_cache(maxsize=256)
def _analyse(question: str) -> tuple[str, str | None, frozenset[str]]:
    """Returns what a question asks for (kind, focus noun stem, asked word stems); cached because every
    candidate sentence of one question needs the same analysis."""
    kind = question_type(question).kind
    focus = _focus(question)
    if kind == "entity" and focus in _FOCUS_KINDS:
        kind = _FOCUS_KINDS[focus]
    head = _stem(focus) if focus else None
    asked = frozenset(
        _stem(w) for w in (fold(m.group()) for m in _TOKEN.finditer(question)) if w not in _FUNCTION_WORDS
    )
    return kind, head, asked


_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)


def has_typed_candidate(question: str, sentence: str) -> bool:
    """Tells whether a sentence holds something of the type asked for (a number for "how many", a date for
    "when", a name for "who"/"where") that the question does not already contain: the shape of an answer.

    Cheap on purpose: answer scoring asks it of every candidate sentence.
    """
    kind, _, asked = _analyse(question)
    if kind in ("date", "number"):
        matches = (m.group() for m in (_DATE if kind == "date" else _NUMBER).finditer(sentence))
    elif kind in ("person", "place"):
        matches = (m.group() for m in _CAPITALISED.finditer(sentence) if m.group()[0].isupper())
    else:
        return False
    for text in matches:
        folded = [fold(w) for w in _TOKEN.findall(text) if w[0].isalnum()]
        if any(w not in _FUNCTION_WORDS and _stem(w) not in asked for w in folded):
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
        score += 0.3 * (before in _DETERMINERS) + 0.15 * (before in _PREPOSITIONS)
        score += 0.3 * (kind == "place" and before in _PLACE_MARKERS)
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
