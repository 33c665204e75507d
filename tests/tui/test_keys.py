"""Keys where the focus almost always is: the question box, the sources panel, and the dialogs over the chat."""

from __future__ import annotations

from qa import Bot
from tests.tui.conftest import ask
from tui.app import make_app
from tui.widgets.question_input import QuestionInput

LIGHTHOUSE = "Who designed the lighthouse?"


async def test_page_keys_scroll_the_conversation_from_the_question_box(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(60, 16)) as pilot:
        for question in (LIGHTHOUSE, "How many apple trees?", LIGHTHOUSE):
            await ask(pilot, question)
        conversation = app.query_one("#conversation")
        assert isinstance(app.focused, QuestionInput)
        before = conversation.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert conversation.scroll_y <= before - 3  # a page, not the one row a margin accounts for
        await pilot.press("pagedown")
        await pilot.pause()
        assert conversation.scroll_y > before - 3
        assert isinstance(app.focused, QuestionInput)
