"""Numbers a question names (a year, a version, an amount), and whether the documents hold them anywhere.

`How many issues were closed in 2022?` over notes that only speak of 2023 finds a sentence matching every other
word, and the sentence model is confident. A number the corpus never writes is a fact it cannot support: on
`bench/masked.py`'s near-topic sets 15 of 155 (XQuAD) and 15 of 209 (PIAF) unanswerable questions name one,
against 3 of 227 and 0 of 228 answerable ones (`1700s` for `the 18th century`). Looking the number up costs a
scan of the documents' text, and only questions holding a number of two digits or more pay it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from qa.model import Document

_NUMBER = re.compile(r"(?<![\w.,])\d[\d\w]*(?:[.,:/-]\d+)*")
"""`2022`, `2.2.0`, `1,200`, `1700s`, `15th`, `8eme`, `2015-16`, `11/01/2022`."""
_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th|s|e|[eè]me|er|[eè]re|re)$", re.IGNORECASE)
"""An ordinal's or a decade's ending: `15th` and `1700s` are written `15` and `1700` in some text."""
_GROUPED = re.compile(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+")
_PARTS = re.compile(r"[-/]")
_GROUP_SEPARATOR = "[,\u00a0\u202f ]?"


def asked_numbers(question: str) -> list[str]:
    """Returns the numbers of two digits or more a question names, ordinal and decade endings dropped; a range
    or a date (`2015-16`, `11/01/2022`) gives each of its parts, as a text may write them apart (`November 2022`;
    a part with a leading zero is left out)."""
    out: list[str] = []
    for m in _NUMBER.finditer(question):
        for part in _PARTS.split(m.group()):
            number = _SUFFIX.sub("", part)
            plain = number.replace(",", "").replace(".", "")
            if len(plain) >= 2 and plain.isdigit() and not number.startswith("0"):  # `01` of `11/01/2022`: a day
                out.append(number)
    return out


@lru_cache(maxsize=256)
def _pattern(number: str) -> re.Pattern[str]:
    """Returns the pattern finding a number as a text may write it: `1200` as `1,200` or `1 200` too; a version
    or a decimal (`2.2.0`, `3.5`) only as it is. Never inside a longer number (`2022` is not in `20225`)."""
    if "." in number or ("," in number and not _GROUPED.fullmatch(number)):
        body = re.escape(number)
    else:
        body = _GROUP_SEPARATOR.join(c for c in number if c.isdigit())
    return re.compile(rf"(?<![\d.,]){body}(?!\d|[.,]\d)")


_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _shape(number: str) -> tuple[str, int]:
    """Returns what kind of number it is: a year, a version or decimal (by its dots), or a count."""
    if _YEAR.fullmatch(number):
        return ("year", 0)
    return ("dotted", number.count(".")) if "." in number else ("count", 0)


def rival_number(number: str, question: str, text: str) -> bool:
    """Tells whether `text` holds another number of the same kind than the `question` names: `2023` where it says
    `2022`, `2.4.0` where it says `2.2.0`. The sentence is then about another fact, not silent about the one
    asked (the question's other numbers do not count: `from 2000 to 2005 compared to 1995` is answered by a
    sentence giving 2000 and 2005 against `the previous five years`)."""
    shape, named = _shape(number), set(asked_numbers(question))
    return any(_shape(n) == shape and n not in named for n in asked_numbers(text))


def holds_number(documents: Iterable[Document], number: str) -> bool:
    """Tells whether any document holds a number, in any of its writings."""
    pattern = _pattern(number)
    return any(pattern.search(d.text) for d in documents)


def unmentioned_number(question: str, documents: Iterable[Document]) -> str | None:
    """Returns the first number the question names that no document holds, or None."""
    texts = list(documents)
    return next((n for n in asked_numbers(question) if not holds_number(texts, n)), None)


def unheld_rival(question: str, sentence: str, holds: Callable[[str], bool]) -> str | None:
    """Returns the first number the question names that `sentence` gives a rival of and no document holds, or
    None. The sentence is looked at first: the documents are scanned only for a number it rivals, so a question
    pays that scan only when the rule may apply."""
    return next((n for n in asked_numbers(question) if rival_number(n, question, sentence) and not holds(n)), None)
