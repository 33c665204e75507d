"""Fixtures for the chat UI: a frozen cursor, and helpers to wait for answers."""

from __future__ import annotations

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
