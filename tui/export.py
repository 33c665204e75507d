"""The conversation as Markdown, every answer quoted with citations a reader or `qa cite` can resolve."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import datetime
from pathlib import Path

from qa import Reply, as_likely
from tui.text import citation_reference, passage_citation, snippet


def _quote(text: str) -> str:
    """Returns text as a Markdown block quote, line by line."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def reply_markdown(reply: Reply, *, changed: AbstractSet[str] = frozenset()) -> list[str]:
    """Returns the Markdown lines of one reply: quoted answers and their numbered citations, or the abstention;
    answers citing a file in `changed` (edited since) are marked, since their offsets point at other text now."""
    out: list[str] = []
    if reply.abstained:
        message = reply.message or "Not found in the documents."
        out.append(f"**{message}**" if message.startswith("Not found") else f"**Not found.** {message}")
        if reply.passages:
            out.append("")
            out.append("Closest passages (not answers):")
            out.append("")
            for n, passage in enumerate(reply.passages, 1):
                out.append(f"{n}. {citation_reference(passage_citation(passage))}: {snippet(passage.chunk.text)}")
        return out
    for n, answer in enumerate(reply.answers, 1):
        if n > 1:
            out.append(f"Also ({as_likely(answer, reply.answers[0])}):")
            out.append("")
        out.append(_quote(answer.text) + f" [{n}]")
        if answer.span:
            out.append("")
            out.append(f"Short answer: **{answer.span}**")
        out.append("")
    out.append(f"Confidence: {reply.confidence:.2f}")
    out.append("")
    for n, answer in enumerate(reply.answers, 1):
        out.append(f"[{n}]: {citation_reference(answer.citation)}")
    if stale := sorted({a.citation.file for a in reply.answers} & changed):
        out.append("")
        out.append(f"*{', '.join(stale)} changed since this answer: its citations point at other text now.*")
    return out


def conversation_markdown(
    exchanges: Sequence[tuple[str, Reply | None]],
    *,
    corpus: str,
    changed: AbstractSet[str] = frozenset(),
    answered_from: Sequence[str | None] = (),
) -> str:
    """Returns the whole conversation as a Markdown document; `changed`: files edited since they were cited;
    `answered_from`: each exchange's corpus folder, named where it is not `corpus` (the chat switched folders)."""
    out = [f"# qa conversation over `{corpus}`", ""]
    for n, (question, reply) in enumerate(exchanges):
        out.append(f"## {' '.join(question.split())}")
        out.append("")
        folder = answered_from[n] if n < len(answered_from) else None
        if folder is not None and folder != corpus:
            out.append(f"*Answered from `{folder}`.*")
            out.append("")
        checked = changed if folder is None or folder == corpus else frozenset()  # names of the loaded folder
        out.extend(reply_markdown(reply, changed=checked) if reply is not None else ["*Not answered yet.*"])
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def export_path(folder: Path, now: datetime | None = None) -> Path:
    """Returns a fresh file name for an export in `folder`."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"qa-conversation-{stamp}.md"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"qa-conversation-{stamp}-{n}.md"
    return path
