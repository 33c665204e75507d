"""Fixtures for the chat UI: a frozen cursor, helpers to wait for answers and to read what the screen draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey


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


def drawn(widget: Widget) -> list[str]:
    """Returns the rows a widget draws, its border included."""
    return ["".join(s.text for s in strip) for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def footer_keys(app: App[None]) -> list[tuple[str, bool]]:
    """Returns the footer's key hints, each with whether it is drawn whole (not under the palette hint or past
    the edge)."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return [
        (str(key.render()).strip(), key in palette or key.region.right <= right and key.region.width > 0)
        for key in keys
    ]
