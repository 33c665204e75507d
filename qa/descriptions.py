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
from qa.span_candidates import ARTICLES, JOINERS, SpanToken, span_tokens, verb_like
from qa.text import fold

_WHO_IS_NAME = re.compile(r"^\W*(?:who|qui)\s+(?:is|was|est|était|etait)\s+(.+?)\s*[?？]?\s*$", re.IGNORECASE)
_WHAT_IS_ACRONYM = re.compile(
    r"^\W*(?i:what|qu['’]est[- ]ce\s+que|que)\s+(?i:is|was|does|est|était|signifie|veut\s+dire)?\s*"
    r"(?i:the\s+|l['’]\s*)?([A-Z][A-Z0-9&]{1,9})(?i:\s+(?:stand\s+for|mean))?\s*[?？]?\s*$"
)
"""`What is ASEAN?`, `What does LPRP stand for?`, `Que signifie PPRL ?`: an acronym, spelled out beside it."""
_COORDINATORS = frozenset("and et".split())
"""`and` inside a title joins two of them: `Deputy Prime Minister and Minister of Public Security`."""
TITLE_WORDS = ROLE_WORDS | frozenset("pm ceo pope pape".split())
"""Words that make a run of capitals a title (`PM Sonexay Siphandone`), not another name."""
_APPOSITION_ENDS = frozenset(",;:)(.")
_APOSTROPHES = frozenset("'’")
_OPENERS = DETERMINERS - JOINERS - {"au", "aux"}
"""Words that open a noun phrase (`the`, `le`), unlike `du` or `des`, which join inside one."""
_RELATIVE_OPENING = re.compile(r"^(?:who|which|qui)\s+(?:is|was|est|était)\s+(?:also\s+|aussi\s+|également\s+)?", re.I)
MAX_APPOSITION_WORDS = 12
"""Longer than this, the words after a comma are the sentence going on, not a description."""


def described_name(question: str) -> str | None:
    """Returns the name a `Who is NAME?` question asks about, or None for other questions (`Who is the mayor of
    Da Nang?` asks for a name; see `qa.questions.asked_role`)."""
    if acronym := _WHAT_IS_ACRONYM.match(question):
        return acronym.group(1)
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
    run = _spelled_out(tokens, first, last)
    if run is None and not name.isupper():  # an acronym is described by what it stands for, not `Chair of ASEAN`
        run = _title_before(tokens, first) or _noun_phrase_before(tokens, first) or _named_before(tokens, first)
        run = run or _apposition_after(sentence, tokens, last)
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


def _run_start(tokens: list[SpanToken], end: int) -> int:
    """Returns where the run of capitalised words ending at `end` starts: joined by `of` (`of the`), by `and`
    between two titles (`Deputy Prime Minister and Minister of Public Security`, not `To Lam and Minister`), by a
    possessive (`Lao People's Revolutionary Party`) and past a bracketed acronym (`Party (LPRP) and`); never
    starting with a joiner."""
    i = end
    while i > 0:
        t = tokens[i - 1]
        if t.folded in _COORDINATORS:
            j = i - 2  # the word before `and`, past a bracketed acronym: `Party (LPRP) and President`
            if j >= 3 and tokens[j].folded == ")" and tokens[j - 2].folded == "(":
                j -= 3
            if j < 0 or tokens[j].folded not in TITLE_WORDS:
                break
            i -= 1
        elif t.word and (t.capital or t.folded in JOINERS):
            i -= 1
        elif t.folded in ARTICLES and i >= 2 and tokens[i - 2].folded in JOINERS:  # `of the`
            i -= 1
        elif t.folded == "s" and i >= 3 and tokens[i - 2].folded in _APOSTROPHES and tokens[i - 3].capital:
            i -= 2
        elif t.folded == ")" and i >= 3 and tokens[i - 3].folded == "(" and tokens[i - 2].capital:
            i -= 3
        else:
            break
    while i < end and (tokens[i].folded in JOINERS or tokens[i].folded in ARTICLES or not tokens[i].word):
        i += 1
    return i


def _spelled_out(tokens: list[SpanToken], first: int, last: int) -> tuple[int, int] | None:
    """Returns the words an acronym in brackets stands for (`the Association of Southeast Asian Nations (ASEAN)`,
    `du Parti populaire révolutionnaire du Laos (PPRL)`): back from the bracket to the furthest capitalised word
    with the acronym's first letter, within the noun phrase (no punctuation but a possessive, no determiner)."""
    if not (0 < first - 1 and last < len(tokens) and tokens[first - 1].folded == "(" and tokens[last].folded == ")"):
        return None
    end = i = first - 1
    start = None
    letters = len(tokens[first].folded)
    while i > 0 and end - i < 3 * letters + 2:
        t = tokens[i - 1]
        if t.word and t.folded not in _OPENERS:
            i -= 1
            if t.capital and t.folded[:1] == tokens[first].folded[:1]:
                start = i
        elif t.folded in _APOSTROPHES and tokens[i].folded == "s":  # `People's`
            i -= 1
        else:
            break
    if start is None or not _initials_fit(tokens[start:end], tokens[first].folded):
        return None
    return start, end


def _initials_fit(words: list[SpanToken], acronym: str) -> bool:
    """Tells whether words can be what an acronym abbreviates: their initials (joiners, articles and a possessive
    left out) run in its order from its first letter to its last, several words for three letters or more. So
    `Ministry of Public Security` is the MPS, and the `Vientiane` of `Vientiane (VNA)` is not the VNA."""
    initials = [t.folded[0] for t in words if t.word and t.folded not in JOINERS | ARTICLES and t.folded != "s"]
    if not initials or initials[0] != acronym[0] or initials[-1] != acronym[-1]:
        return False
    if len(acronym) >= 3 and len(initials) < 2:
        return False
    letters = iter(acronym)
    return all(letter in letters for letter in initials)  # a subsequence: `ASAN` of ASEAN


def spells_out(question: str) -> bool:
    """Tells whether a question asks what an acronym stands for (`What is ASEAN?`, `Que signifie PPRL ?`)."""
    return _WHAT_IS_ACRONYM.match(question) is not None


def _title_before(tokens: list[SpanToken], first: int) -> tuple[int, int] | None:
    """Returns the run of capitalised words (joined by `of`, `and`) right before the name, past abbreviated
    ranks (`Lieut. Gen`), when it reads as a title: a word of one (`Minister`), or several words not opening the
    sentence (a capital there may be the sentence's own)."""
    i = first
    while i > 0 and (tokens[i - 1].folded in TITLES or tokens[i - 1].folded == "."):
        i -= 1
    end = i
    i = _run_start(tokens, end)
    words = [t for t in tokens[i:end] if t.word]
    titled = any(t.folded in TITLE_WORDS for t in words) or (len(words) > 1 and i > 0)
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


_NAMING = frozenset(fold(w) for w in "named called nommé nommée appelé appelée dénommé dénommée".split())


def _named_before(tokens: list[SpanToken], first: int) -> tuple[int, int] | None:
    """Returns the noun phrase before `named` or `called` and the name (`a fisherman named Daniel Rowe`, `un
    pêcheur nommé ...`)."""
    if first < 2 or tokens[first - 1].folded not in _NAMING:
        return None
    return _noun_phrase_before(tokens, first - 1)


def _descriptive(token: SpanToken) -> bool:
    return (
        token.word and not token.capital and not token.function and not verb_like(token) and token.folded not in _NAMING
    )


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
