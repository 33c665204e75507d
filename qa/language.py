"""Language of a document or question, told by its function words.

A stop-word vote needs no model file to load, so it costs nothing on the cold query path (py3langid was
measured at 0.5 s for its first call), and function words are what short questions reliably contain.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from qa.text import words

SUPPORTED = ("en", "fr", "de", "es", "it", "pt", "nl")
"""Languages with both a stop-word list (bm25s) and a stemmer (PyStemmer)."""
NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
"""The `SUPPORTED` languages as messages name them."""


def language_name(code: str) -> str:
    """Returns a language's English name for messages, or its code when it has none here."""
    return NAMES.get(code, code)


_LISTS = {
    "en": "STOPWORDS_EN",
    "fr": "STOPWORDS_FRENCH",
    "de": "STOPWORDS_GERMAN",
    "es": "STOPWORDS_SPANISH",
    "it": "STOPWORDS_ITALIAN",
    "pt": "STOPWORDS_PORTUGUESE",
    "nl": "STOPWORDS_DUTCH",
}


@cache
def _stopword_module() -> ModuleType:
    """Loads bm25s's stop-word lists by file: importing the bm25s package pulls scipy (0.3 s of a cold query)."""
    spec = importlib.util.find_spec("bm25s")  # locates the package without running its __init__
    assert spec is not None and spec.submodule_search_locations, "bm25s is a declared dependency"
    path = Path(next(iter(spec.submodule_search_locations))) / "stopwords.py"
    module_spec = importlib.util.spec_from_file_location("qa_bm25s_stopwords", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


@cache
def stopwords(language: str) -> frozenset[str]:
    """Returns the folded stop words of a language (empty for an unsupported one)."""
    name = _LISTS.get(language)
    lists = _stopword_module()
    return frozenset(w for word in getattr(lists, name, ()) for w in words(word)) if name else frozenset()


def detect_language(text: str, *, default: str = "en", sample_chars: int = 20_000, min_hits: int = 1) -> str:
    """Returns the supported language whose stop words cover most tokens of `text`, else `default`; another
    language than `default` needs at least `min_hits` of its stop words."""
    tokens = words(text[:sample_chars])
    if not tokens:
        return default
    hits = {language: sum(1 for t in tokens if t in stopwords(language)) for language in SUPPORTED}
    best = max(SUPPORTED, key=hits.__getitem__)  # the first of equals: English before the others
    return best if hits[best] >= min_hits or best == default else default


def clearly_not_english(text: str) -> bool:
    """Tells whether another language's stop words outnumber English ones in `text` by two or more.

    `detect_language` settles for a one-word lead, and calls 16 of xquad-en-dev's 576 English questions
    Portuguese or German on one word such as `do` (English's list is short); each of those leads by exactly one.
    Two is enough for 638 of piaf-fr-dev's 653 French questions.
    """
    tokens = words(text)
    english = sum(1 for t in tokens if t in stopwords("en"))
    return any(sum(1 for t in tokens if t in stopwords(lang)) >= english + 2 for lang in SUPPORTED if lang != "en")
