"""What a question asks for: its type (date, number, person, place, entity) and the noun it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.lexicon import FUNCTION_WORDS
from qa.text import fold


@dataclass(frozen=True, slots=True)
class QuestionType:
    """What kind of span a question wants."""

    kind: str
    """One of number, date, person, place, entity, other."""


TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
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
        (
            "entity",
            r"\b(which|what|quel|quelle|quels|quelles|lequel|laquelle|quoi|qu['’]est[- ]ce|"
            r"comment (?:s['’]appell?e\w*|se nomm\w*|appell?e\w*|est (?:surnomm|appel|nomm)\w*))\b|"
            r"^\W*(?:(?:à|a|de|par|pour|dans|sur|avec|en)\s+)?qu(?:e\b|['’])",
        ),
    )
)


_BE = r"(?:is|was|are|were|will be|est|était|etait|sont|étaient|etaient|sera|fut)"
"""The forms of `to be` that follow `who`/`qui` in a question about someone."""
_WHO_IS_NAME = re.compile(
    rf"^\W*(?:[Ww]ho|[Qq]ui)\s+{_BE}"
    r"(?:\s+(?:de|du|des|d['’]|van|von|der|al|el|bin|ibn)?\s*[A-ZÀ-Ý][\w.'’-]*)+\s*[?.!]*\s*$"
)
"""`Who is Walter Rodney?` already names the person: it asks what they are (`historien guyanien`), not who."""


def question_type(question: str) -> QuestionType:
    """Classifies a question by its earliest wh-word; `other` when none matches (why, how, yes/no)."""
    found = [(m.start(), order, kind) for order, (kind, pattern) in enumerate(TYPES) if (m := pattern.search(question))]
    kind = min(found)[2] if found else "other"
    if kind == "person" and _WHO_IS_NAME.search(question):
        kind = "entity"
    return QuestionType(kind)


FOCUS_KINDS = {
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
            "personne homme femme joueur acteur actrice artiste président roi reine empereur auteur écrivain "
            "minister secretary chairman director mayor governor commander ambassador ruler poet composer "
            "painter singer defender ministre secrétaire directeur maire gouverneur commandant ambassadeur "
            "dirigeant poète compositeur peintre chanteur",
        ),
    )
    for word in fold(text).split()
}
WH_FOCUS = re.compile(r"\b(?:what|which|quel|quelle|quels|quelles)\b((?:\W+\w+){1,4})", re.IGNORECASE)


def focus_noun(question: str) -> str | None:
    """Returns the folded noun a what/which/quel question asks about: `team` in `What team won?`."""
    m = WH_FOCUS.search(question)
    if not m:
        return None
    for word in (fold(w) for w in re.findall(r"\w+", m.group(1))):
        if word not in FUNCTION_WORDS and word not in ("name", "nom", "called", "appelle"):
            return word
    return None


_WHO_HOLDS = re.compile(
    rf"^\W*(?:who|qui)\s+{_BE}\s+"
    r"(?:the|le|la|les|l['’])\s*(\w+)\s+(?:of|in|at|for|de|du|des|d['’]|à|au)\b",
    re.IGNORECASE,
)
"""`Who is the mayor of Da Nang?`: a question about who holds a role somewhere."""


def asked_role(question: str) -> str | None:
    """Returns the folded role a who-question asks the holder of (`mayor`, `maire`), or None.

    Such a question presupposes that the documents name the role: when no word of theirs is a form of it, they
    cannot say who holds it, however well the rest of the question (`Da Nang`) matches.
    """
    m = _WHO_HOLDS.search(question)
    role = fold(m.group(1)) if m else None
    return role if role and role not in FUNCTION_WORDS else None
