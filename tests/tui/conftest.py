"""Fixtures for the chat UI: a frozen cursor, and helpers to wait for answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeps the input cursor still, so screenshots do not depend on when they are taken."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


async def ask(pilot: Pilot, question: str) -> None:
    """Types a question into the focused question box, presses Enter and waits until it is answered."""
    await pilot.press(*question, "enter")
    await settle(pilot)


async def settle(pilot: Pilot) -> None:
    """Waits for the workers and for the messages they posted to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


HEADING = "Harbor notes\n\n"
"""What `edit_harbor` puts before the text, moving every offset of harbor.txt by its length."""


def edit_harbor(corpus: Path) -> Path:
    """Edits harbor.txt of the tiny corpus as a user would while the chat is open: a heading on top."""
    harbor = corpus / "harbor.txt"
    harbor.write_text(HEADING + harbor.read_text(encoding="utf-8"), encoding="utf-8")
    return harbor
