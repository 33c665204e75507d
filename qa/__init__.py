"""qa: answers questions about a folder of documents with verbatim text, and cites where it came from.

This module is the public API the UI and other callers use. Names load on first use (PEP 562), so that
`qa --help` and `import qa.errors` do not pay for numpy and the pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.api import Bot, build_index, ensure_bot, index_is_current, load_bot
    from qa.citations import format_chars, format_lines
    from qa.errors import CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing, QAError
    from qa.evaluation import evaluate
    from qa.indexing import IndexReport
    from qa.model import Answer, Chunk, Citation, Document, Passage, Reply
    from qa.settings import Settings

_HOMES = {
    "Bot": "qa.api",
    "build_index": "qa.api",
    "ensure_bot": "qa.api",
    "index_is_current": "qa.api",
    "load_bot": "qa.api",
    "format_chars": "qa.citations",
    "format_lines": "qa.citations",
    "CorpusNotFound": "qa.errors",
    "IndexCorrupt": "qa.errors",
    "IndexMismatch": "qa.errors",
    "IndexMissing": "qa.errors",
    "QAError": "qa.errors",
    "evaluate": "qa.evaluation",
    "IndexReport": "qa.indexing",
    "Answer": "qa.model",
    "Chunk": "qa.model",
    "Citation": "qa.model",
    "Document": "qa.model",
    "Passage": "qa.model",
    "Reply": "qa.model",
    "Settings": "qa.settings",
}


def __getattr__(name: str) -> Any:
    """Imports a public name from the module that defines it, on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    return getattr(import_module(home), name)


__all__ = [
    "Answer",
    "Bot",
    "Chunk",
    "Citation",
    "CorpusNotFound",
    "Document",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexMissing",
    "IndexReport",
    "Passage",
    "QAError",
    "Reply",
    "Settings",
    "build_index",
    "ensure_bot",
    "evaluate",
    "format_chars",
    "format_lines",
    "index_is_current",
    "load_bot",
]
