"""How a quotation and its source are compared: both reduced to folded words (`normalize`), and the runs of
words that differ, as each side writes them (`differences`), which `qa quote` and the chat show.

Kept apart from the lookup in `qa.quotes`: this is what decides what counts as a misquotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from qa.text import fold, fold_with_offsets


@dataclass(frozen=True, slots=True)
class Normalized:
    """Folded words joined by single spaces, with the source offset of each character."""

    text: str
    origin: list[int]


def normalize(text: str) -> Normalized:
    """Folds `text` and keeps only its words, one space apart, remembering where each character came from."""
    folded, origin = fold_with_offsets(text)
    out: list[str] = []
    kept: list[int] = []
    for c, o in zip(folded, origin, strict=True):
        if c.isalnum():
            out.append(c)
            kept.append(o)
        elif out and out[-1] != " ":
            out.append(" ")
            kept.append(o)
    if out and out[-1] == " ":
        out.pop()
        kept.pop()
    return Normalized("".join(out), kept)


_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining accents, which `\\w` leaves out: in decomposed text (NFD, as macOS writes) `í` is `i` + U+0301, and
without them `Ramírez` read as the words `Rami` and `rez`, a difference from the composed spelling (NFC)."""
_LETTER = rf"[\w{_MARKS}]"
WORD = re.compile(rf"{_LETTER}+(?:[.,'’]{_LETTER}+)*")
"""A word as a reader sees it: `13,000`, `3.5` and `Paul's` are one word, so a change shows whole."""
_INNER_MARKS = re.compile(r"[.,'’]")


def differences(quotation: str, source: str) -> tuple[tuple[str, str], ...]:
    """Returns the runs of words that differ between a quotation and its source, as each writes them; words are
    compared folded (case, accents) and without inner marks, so only a real change shows.

    Accents are folded on purpose: a quotation typed without them (`To Lam` for `Tô Lâm`) is the common case, and
    marking every such word would bury a changed number or a dropped `not`. So composed and decomposed spellings
    (NFC, NFD) are equal too, as are a missing and a present accent.
    """
    quoted, found = list(WORD.finditer(quotation)), list(WORD.finditer(source))
    keys_q, keys_s = [word_key(m.group()) for m in quoted], [word_key(m.group()) for m in found]
    matcher = SequenceMatcher(a=keys_q, b=keys_s, autojunk=False)
    runs = (
        (_run(quotation, quoted[i1:i2]), _run(source, found[j1:j2]), keys_q[i1:i2], keys_s[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    )
    return tuple((q, src) for q, src, kq, ks in runs if not _spacing_only(q, src, kq, ks))


def _spacing_only(quoted: str, source: str, keys_q: list[str], keys_s: list[str]) -> bool:
    """Tells whether two runs differ only in where a mark splits words (`Additionally,the` for `Additionally, the`):
    the same letters, read as the same words once marks are spaces. The score reads them so, and a difference
    beside a score of 1 contradicted it. A number's marks still count (`1.200` is not `1,200`)."""
    return "".join(keys_q) == "".join(keys_s) and normalize(quoted).text == normalize(source).text


def agreeing(score: float, differ: tuple[tuple[str, str], ...]) -> float:
    """Returns the score, kept under 1 when the texts differ: 1 says they hold the same words, and a number's
    separators (`1.200`, `1,200`), which the score reads as spaces, are a difference."""
    return min(score, 0.9999) if differ else score


def word_key(word: str) -> str:
    """Returns a word as compared: folded, without the marks inside it (`U.S.` is `US`, `Paul’s` is `Pauls`).

    A number keeps its marks: `1.200` and `12,00` are not `1,200` (one may be 1.2, the other a typo), and a reader
    checking a quoted figure must see any change of it.
    """
    folded = fold(word)
    return folded if any(c.isdigit() for c in folded) else _INNER_MARKS.sub("", folded)


def _run(text: str, words: list[re.Match[str]]) -> str:
    """Returns the text from the first of `words` to the last, as written (its own spaces and punctuation)."""
    return text[words[0].start() : words[-1].end()] if words else ""


def describe_differences(changes: tuple[tuple[str, str], ...]) -> str:
    """Says how a quotation differs from its source in one line: `"2019" -> "2021", "his" added, "not" left out`."""
    return ", ".join(
        f'"{q}" -> "{src}"' if q and src else f'"{q}" added' if q else f'"{src}" left out' for q, src in changes
    )


def describe_omitted(omitted: tuple[int, ...]) -> str:
    """Says how many words each ellipsis leaves out: `the ellipsis leaves out 7 words`, or `the ellipses leave
    out 7, 0 and 12 words` for several."""
    if len(omitted) == 1:
        return f"the ellipsis leaves out {omitted[0]:,} word{'' if omitted[0] == 1 else 's'}"
    numbers = [f"{n:,}" for n in omitted]
    return f"the ellipses leave out {', '.join(numbers[:-1])} and {numbers[-1]} words"


REORDERED = "the quotation's fragments appear in another order in the source"
"""What is said of a quotation whose ellipses join fragments that the source holds in another order."""
