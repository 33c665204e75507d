"""Misquotations of the seed sentences, one kind of change each, and how often `find_quotes` traces them back.

Run `python bench/quotations.py [CORPUS]` for a table per kind; tests/qa/test_quotes.py asserts the same rate.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KINDS = ("case", "punctuation", "accents", "quotes", "dropped_word", "changed_word", "part", "line_break")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A misquoted piece of a document and where it really is."""

    kind: str
    text: str
    file: str
    line_start: int
    char_start: int
    char_end: int


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _case(text: str, rng: random.Random) -> str:
    return text.lower() if rng.random() < 0.5 else text.upper()


def _punctuation(text: str, rng: random.Random) -> str:
    return re.sub(r"[^\w\s]", "", text) + rng.choice(["", "!", "..."])


def _accents(text: str, rng: random.Random) -> str:
    stripped = _strip_accents(text)
    if stripped != text:
        return stripped
    return text.replace("To Lam", "Tô Lâm").replace("e", "é", 1)


def _quotes(text: str, rng: random.Random) -> str:
    swapped = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "'": "\u2019"}))
    return swapped if swapped != text else f"\u201c{text}\u201d"


def _dropped_word(text: str, rng: random.Random) -> str:
    words = text.split()
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def _changed_word(text: str, rng: random.Random) -> str:
    words = text.split()
    i = rng.randrange(1, len(words) - 1)
    words[i] = rng.choice(["many", "house", "quickly", "green", "seven", "important"])
    return " ".join(words)


_PERTURB: dict[str, Callable[[str, random.Random], str]] = {
    "case": _case,
    "punctuation": _punctuation,
    "accents": _accents,
    "quotes": _quotes,
    "dropped_word": _dropped_word,
    "changed_word": _changed_word,
}


def make_quotations(corpus: Path, *, count: int = 60, seed: int = 0) -> list[Quotation]:
    """Returns `count` misquotations of sentences of `corpus`, the kinds taken in turn, deterministically."""
    from qa.ingestion import Skipped, iter_corpus
    from qa.segmentation import split_sentences
    from qa.text import fold

    rng = random.Random(seed)
    sentences = []
    counts: dict[str, int] = {}
    for doc in iter_corpus(corpus):
        if isinstance(doc, Skipped):
            continue
        for s, e in split_sentences(doc.text):
            sentences.append((doc, s, e))
            key = fold(doc.text[s:e])
            counts[key] = counts.get(key, 0) + 1
    usable = [(d, s, e) for d, s, e in sentences if len(d.text[s:e].split()) >= 8 and counts[fold(d.text[s:e])] == 1]
    rng.shuffle(usable)
    out: list[Quotation] = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        doc, s, e = usable[n % len(usable)]
        if kind == "accents":
            accented = [u for u in usable if _strip_accents(u[0].text[u[1] : u[2]]) != u[0].text[u[1] : u[2]]]
            doc, s, e = accented[n % len(accented)] if accented else (doc, s, e)
        if kind == "part":
            spans = [m.span() for m in _WORD.finditer(doc.text, s, e)]
            i = rng.randrange(0, max(1, len(spans) - 6))
            j = min(len(spans), i + rng.randint(5, 9))
            s, e = spans[i][0], spans[j - 1][1]
            text = doc.text[s:e]
        elif kind == "line_break":
            s, e, text = _across_lines(doc.text, rng)
        else:
            text = _PERTURB[kind](doc.text[s:e], rng)
        out.append(Quotation(kind, text, doc.path, doc.line_at(s), s, e))
    return out


def _across_lines(text: str, rng: random.Random) -> tuple[int, int, str]:
    """Returns a span made of the last words of one line and the first words of the next non-empty one."""
    pairs = []
    lines = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    for (a, b), (c, d) in zip(lines, lines[1:], strict=False):
        left = [m.span() for m in _WORD.finditer(text, a, b)]
        right = [m.span() for m in _WORD.finditer(text, c, d)]
        if len(left) >= 4 and len(right) >= 4:
            pairs.append((left, right))
    left, right = rng.choice(pairs)
    s = left[-rng.randint(3, min(6, len(left)))][0]
    e = right[rng.randint(3, min(6, len(right))) - 1][1]
    return s, e, " ".join(text[s:e].split())


def is_found(quotation: Quotation, file: str, line_start: int, char_start: int, char_end: int) -> bool:
    """Tells whether a match names the quotation's file and first line and overlaps its span."""
    return (
        file == quotation.file
        and line_start == quotation.line_start
        and char_start < quotation.char_end
        and quotation.char_start < char_end
    )


def main() -> None:
    """Prints, per kind, how many misquotations the top match traces to the right file and line."""
    import time

    from qa.api import load_search_index
    from qa.quotes import find_quotes
    from qa.settings import Settings

    settings = Settings(corpus=Path(sys.argv[1])) if len(sys.argv) > 1 else Settings()
    index = load_search_index(settings)
    totals: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    started = time.perf_counter()
    quotations = make_quotations(settings.corpus)
    for q in quotations:
        matches = find_quotes(index, q.text, limit=1)
        c = matches[0].citation if matches else None
        ok = c is not None and is_found(q, c.file, c.line_start, c.char_start, c.char_end)
        totals[q.kind][0] += ok
        totals[q.kind][1] += 1
        if not ok:
            print(f"MISS {q.kind}: {q.text[:90]!r} -> {c and (c.file, c.line_start, c.quote[:60])}", file=sys.stderr)
    ms = (time.perf_counter() - started) * 1000 / len(quotations)
    print("| kind | found | total |\n|---|---|---|")
    for kind, (found, total) in totals.items():
        print(f"| {kind} | {found} | {total} |")
    found = sum(f for f, _ in totals.values())
    print(f"| all | {found} ({found / len(quotations):.1%}) | {len(quotations)} |")
    print(f"\n{ms:.1f} ms per quotation, index loaded")


if __name__ == "__main__":
    main()
