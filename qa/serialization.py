"""The JSON shapes other tools rely on (DESIGN.md): keys are only ever added, never changed."""

from __future__ import annotations

from typing import Any

from qa.citations import citation_json
from qa.model import Reply


def reply_json(reply: Reply) -> dict[str, Any]:
    """Returns the `qa ask --json` object of a reply."""
    return {
        "question": reply.question,
        "abstained": reply.abstained,
        "confidence": reply.confidence,
        "message": reply.message,
        "answers": [
            {
                "text": a.text,
                "span": a.span,
                "score": a.score,
                "citation": citation_json(a.citation),
                "span_citation": citation_json(a.span_citation),
            }
            for a in reply.answers
        ],
        "passages": [
            {
                "file": p.chunk.doc_path,
                "line_start": p.chunk.line_start,
                "line_end": p.chunk.line_end,
                "char_start": p.chunk.char_start,
                "char_end": p.chunk.char_end,
                "score": round(p.score, 4),
                "dense": round(p.dense, 4),
                "lexical": round(p.lexical, 4),
            }
            for p in reply.passages
        ],
    }
