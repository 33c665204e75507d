"""qa: answers questions about a folder of documents with verbatim text, and cites where it came from.

This module is the public API the UI and other callers use. Names are imported from their home module on
first use, so `import qa` (and `qa --help`) stays fast and pulls in no numerical library until one is needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.api import (
        MAX_QUESTION_CHARS,
        Bot,
        build_index,
        ensure_bot,
        index_is_current,
        load_bot,
        load_search_index,
        look_up_citation,
        look_up_quote,
    )
    from qa.citations import CitationRef, format_chars, format_lines, parse_citation
    from qa.errors import BadSetting, CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing, QAError, SourcesChanged
    from qa.evaluation import evaluate
    from qa.indexing import IndexReport
    from qa.lookup import CitedText, FileChanged
    from qa.model import Answer, Chunk, Citation, Document, Passage, Reply
    from qa.quote_compare import REORDERED, describe_differences, describe_omitted
    from qa.quotes import QuoteMatch, QuoteTrace, find_quotes
    from qa.render import as_likely
    from qa.settings import Settings

_EXPORTS = {
    "qa.api": (
        "MAX_QUESTION_CHARS",
        "Bot",
        "build_index",
        "ensure_bot",
        "index_is_current",
        "load_bot",
        "load_search_index",
        "look_up_citation",
        "look_up_quote",
    ),
    "qa.citations": ("CitationRef", "format_chars", "format_lines", "parse_citation"),
    "qa.errors": (
        "BadSetting",
        "CorpusNotFound",
        "IndexCorrupt",
        "IndexMismatch",
        "IndexMissing",
        "QAError",
        "SourcesChanged",
    ),
    "qa.evaluation": ("evaluate",),
    "qa.indexing": ("IndexReport",),
    "qa.lookup": ("CitedText", "FileChanged"),
    "qa.model": ("Answer", "Chunk", "Citation", "Document", "Passage", "Reply"),
    "qa.quote_compare": ("REORDERED", "describe_differences", "describe_omitted"),
    "qa.quotes": ("QuoteMatch", "QuoteTrace", "find_quotes"),
    "qa.render": ("as_likely",),
    "qa.settings": ("Settings",),
}
_HOMES = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answer",
    "BadSetting",
    "Bot",
    "Chunk",
    "Citation",
    "CitationRef",
    "CitedText",
    "CorpusNotFound",
    "Document",
    "FileChanged",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexMissing",
    "IndexReport",
    "Passage",
    "QAError",
    "QuoteMatch",
    "QuoteTrace",
    "REORDERED",
    "SourcesChanged",
    "Reply",
    "Settings",
    "as_likely",
    "build_index",
    "describe_differences",
    "describe_omitted",
    "ensure_bot",
    "evaluate",
    "find_quotes",
    "format_chars",
    "format_lines",
    "index_is_current",
    "load_bot",
    "load_search_index",
    "look_up_citation",
    "look_up_quote",
    "parse_citation",
]


def __getattr__(name: str) -> Any:
    """Imports a public name from the module that defines it, on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    return getattr(import_module(home), name)
