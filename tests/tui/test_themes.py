"""The short answer stands out in every theme the command palette offers, the terminal's own ANSI colours too."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.widgets import Static

from qa import Bot
from tests.tui.conftest import ask
from tui.app import QAApp, make_app
from tui.widgets.answer_card import AnswerCard

LIGHTHOUSE = "Who designed the lighthouse?"


def span_styles(app: QAApp) -> tuple[list[Style], list[Style]]:
    """Returns the styles the first answer is drawn with: those of its short answer, then those of the rest."""
    card = app.query_one(AnswerCard)
    assert card.reply is not None
    span = card.reply.answers[0].span
    assert span
    text = card.query_one(".answer-text", Static)
    strips = text.render_lines(Region(0, 0, text.size.width, text.size.height))
    inside, outside = [], []
    for strip in strips:
        for segment in strip:
            if segment.text.strip() and segment.style is not None:
                (inside if segment.text.strip() in span else outside).append(segment.style)
    return inside, outside


def stands_out(inside: list[Style], outside: list[Style]) -> bool:
    """Tells whether the short answer's cells can be told apart from the rest, and their text from their ground."""
    readable = all(s.reverse or s.color != s.bgcolor for s in inside)
    distinct = all(
        (s.reverse, s.bgcolor) != (o.reverse, o.bgcolor) or s.color != o.color for s in inside for o in outside
    )
    return bool(inside) and readable and distinct


async def test_the_short_answer_stands_out_in_the_ansi_theme_chosen_from_the_palette(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("ctrl+p", *"Theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"ansi-dark")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "ansi-dark"
        assert stands_out(*span_styles(app))


async def test_the_short_answer_stands_out_in_every_theme(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        hidden = []
        for theme in sorted(app.available_themes):
            app.theme = theme  # what the palette's Theme command sets
            await pilot.pause()
            if not stands_out(*span_styles(app)):
                hidden.append(theme)
    assert hidden == []
