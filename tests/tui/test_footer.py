"""The footer shows only keys that do something where the focus is: no `Open` over nothing, no `^y` before an
answer, no `c Copy` on a card with nothing to copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import Bot
from tests.tui.conftest import ask, drawn, footer_keys, settle
from tests.tui.test_palette_actions import FakeLoader, choose_folder, palette, write_doc
from tui.app import make_app
from tui.widgets.answer_card import AnswerCard
from tui.widgets.sources_panel import SourcesPanel

LIGHTHOUSE = "Who designed the lighthouse?"


async def test_a_card_with_nothing_to_open_or_copy_shows_none_of_those_keys(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 30)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("escape", "tab")
        await pilot.pause()
        keys = " ".join(key for key, _ in footer_keys(app))
        card = app.query_one(AnswerCard)
        assert app.focused is card and "⏎ Open" in keys and "c Copy" in keys, keys
        assert f"1-{len(card.citations)} Cite" in keys or (len(card.citations) == 1 and "1 Cite" in keys), keys
        await ask(pilot, "Who?")
        await pilot.press("escape", "tab")
        await pilot.pause()
        nothing = app.query(AnswerCard).last()
        assert app.focused is nothing and str(nothing.border_title) == "Nothing to look for"
        keys = " ".join(key for key, _ in footer_keys(app))
        for useless in ("Open", "Cite", "Copy", "^y"):
            assert useless not in keys, keys
        assert "f1 Help" in keys and "f2 Sources" in keys


async def test_an_answer_from_the_folder_left_offers_no_citation_keys(
    fake_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_doc(tmp_path / "mills", "mill.txt", "The windmill on the hill was rebuilt in 1921 by Ana Varga.\n")
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=FakeLoader())
    async with app.run_test(size=(150, 30)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await choose_folder(pilot, "mills")
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        old = app.query_one(AnswerCard)
        assert app.focused is old and old.border_subtitle == "from tiny/ · not loaded"
        keys = " ".join(key for key, _ in footer_keys(app))
        assert "Open" not in keys and "Cite" not in keys, keys
        assert "c Copy" in keys  # that still works: the answer's text came with it


async def test_an_empty_sources_panel_says_what_shows_there_and_offers_no_open(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 30)) as pilot:
        panel = app.query_one(SourcesPanel)
        assert "passages" in "".join(drawn(panel))  # before any question too
        await ask(pilot, LIGHTHOUSE)
        await palette(pilot, "clear conversation")
        await pilot.press("f2", "f2")  # hidden and shown again: the reviewer's way in
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is panel
        assert "The passages retrieved for the selected answer show here." in "".join(drawn(panel))
        keys = " ".join(key for key, _ in footer_keys(app))
        assert "Open" not in keys, keys
        await pilot.press("enter")
        assert app.screen is app.screen_stack[0]


async def test_ctrl_y_and_ctrl_s_show_once_there_is_an_answer_and_a_conversation(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 30)) as pilot:
        await pilot.pause()
        keys = " ".join(key for key, _ in footer_keys(app))
        assert "^y" not in keys and "^s" not in keys and "^f Find quote" in keys, keys
        await ask(pilot, LIGHTHOUSE)
        keys = " ".join(key for key, _ in footer_keys(app))
        assert "^y Copy answer" in keys and "^s Export" in keys, keys
        await palette(pilot, "clear conversation")
        await pilot.pause()
        keys = " ".join(key for key, _ in footer_keys(app))
        assert "^y" not in keys and "^s" not in keys, keys
