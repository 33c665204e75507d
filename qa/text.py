"""Text helpers shared by ingestion, lexical matching and quotation lookup: folding and line arithmetic."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u0111": "d",
        "\u0110": "D",
        "\u00f8": "o",
        "\u00d8": "O",
        "\u0142": "l",
        "\u0141": "L",
        "\u00df": "ss",
        "\u00e6": "ae",
        "\u00c6": "AE",
        "\u0153": "oe",
        "\u0152": "OE",
    }
)
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-cases, strips accents and straightens quotes, so `To Lam` matches `Tô Lâm`.

    Characters are folded one by one and never dropped, except combining marks, so callers that need offsets
    can use `fold_with_offsets`.
    """
    if text.isascii():
        return text.lower()  # nothing to fold but case: the common path, and many times faster
    text = text.translate(_QUOTES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folds like `fold` and returns, for each folded character, the offset of the source character."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in fold(ch):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def words(text: str) -> list[str]:
    """Returns the folded word tokens of `text`."""
    return _WORD.findall(fold(text))


def line_starts(text: str) -> tuple[int, ...]:
    """Returns the offset where each line starts; line 1 starts at 0."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def normalize_newlines(text: str) -> str:
    """Turns `\\r\\n` and lone `\\r` into `\\n`, as the design's document text asks."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def as_unicode(text: str) -> str:
    """Returns `text` with the bytes that were not UTF-8 shown as U+FFFD.

    Python keeps such bytes of a command line or a pipe as lone surrogates, which no encoder or JSON writer
    accepts; a question typed in a Latin-1 terminal is still worth answering from its other words.
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
