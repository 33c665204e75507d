"""Placeholder chat app until the chat UI lands: shows that the corpus is indexed and how to ask."""

from __future__ import annotations

from qa import Settings


def run_app(settings: Settings) -> None:
    """Runs the chat UI."""
    raise SystemExit("the chat UI is not built yet; use `qa ask QUESTION`")
