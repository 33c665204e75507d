"""qa: answers questions about a folder of documents with verbatim text, and cites where it came from.

This module is the public API the UI and other callers use; heavy libraries load only when needed.
"""

from __future__ import annotations

from qa.api import Bot, build_index, ensure_bot, index_is_current, load_bot, load_search_index, look_up_citation
from qa.citations import CitationRef, format_chars, format_lines, parse_citation
from qa.errors import CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing, QAError
from qa.evaluation import evaluate
from qa.indexing import IndexReport
from qa.lookup import CitedText, FileChanged
from qa.model import Answer, Chunk, Citation, Document, Passage, Reply
from qa.quotes import QuoteMatch, find_quotes
from qa.settings import Settings

__all__ = [
    "Answer",
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
    "Reply",
    "Settings",
    "build_index",
    "ensure_bot",
    "evaluate",
    "find_quotes",
    "format_chars",
    "format_lines",
    "index_is_current",
    "load_bot",
    "load_search_index",
    "look_up_citation",
    "parse_citation",
]
