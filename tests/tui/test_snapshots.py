"""How the chat looks: the main screen with an answer, the source viewer and the help screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from qa import Bot
from tests.tui.conftest import ask
from tui.app import make_app

QUESTION = "Who designed the lighthouse?"


async def asked(pilot: Pilot) -> None:
    await ask(pilot, QUESTION)


def test_main_screen_with_an_answer(fake_bot: Bot, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(fake_bot.settings, bot=fake_bot), terminal_size=(120, 32), run_before=asked)


def test_main_screen_at_80_by_24(fake_bot: Bot, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(fake_bot.settings, bot=fake_bot), terminal_size=(80, 24), run_before=asked)


def test_source_viewer(fake_bot: Bot, snap_compare: Callable[..., bool]) -> None:
    async def opened(pilot: Pilot) -> None:
        await ask(pilot, QUESTION)
        await pilot.press("tab", "enter")
        await pilot.pause()

    assert snap_compare(make_app(fake_bot.settings, bot=fake_bot), terminal_size=(100, 24), run_before=opened)


def test_help_screen(fake_bot: Bot, snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(make_app(fake_bot.settings, bot=fake_bot), terminal_size=(100, 32), press=["f1"])
