"""qa: answers questions about a folder of documents with verbatim text, and cites where it came from.

This module is the public API the UI and other callers use; heavy libraries load only when needed.
"""

from __future__ import annotations

from qa.api import Bot, build_index, ensure_bot, index_is_current, load_bot
from qa.citations import format_chars, format_lines
from qa.errors import CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing, QAError
from qa.evaluation import evaluate
from qa.indexing import IndexReport
from qa.model import Answer, Chunk, Citation, Document, Passage, Reply
from qa.settings import Settings

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
