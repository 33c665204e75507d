"""The source viewer over a document whose cited sentence lies deep inside one very long line."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from qa import Bot
from qa.api import load_bot
from qa.indexing import index_corpus
from tests.conftest import HashingEncoder, fake_settings
from tests.tui.conftest import settle
from tui.app import QAApp, make_app
from tui.screens.source_screen import SourceScreen
from tui.widgets.source_view import SourceView

CITED = "The keeper of the north light was Ada Quillfeather."


def long_line_bot(tmp_path: Path) -> Bot:
    """A bot over one document whose line 2 is a paragraph of about 66,000 characters with CITED in its middle."""
    corpus = tmp_path / "long"
    corpus.mkdir()
    filler = [f"Filler sentence {n} says nothing of note about the coast." for n in range(1200)]
    paragraph = " ".join([*filler[:600], CITED, *filler[600:]])
    (corpus / "long.txt").write_text(f"Coast notes\n{paragraph}\nThe end.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    return load_bot(settings, encoder=HashingEncoder())


def shown_text(view: SourceView) -> str:
    """Returns the text of the rows on screen."""
    return "\n".join("".join(s.text for s in view.render_line(y)) for y in range(view.size.height))


async def test_the_viewer_scrolls_to_the_cited_characters_inside_a_long_line(tmp_path: Path) -> None:
    bot = long_line_bot(tmp_path)
    app = make_app(bot.settings, bot=bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f", *CITED, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        citation = app.screen.citation
        assert citation.line_start == 2 and citation.char_start > 30_000
        view = app.screen.query_one(SourceView)
        assert view.scroll_y > 200  # hundreds of wrapped rows below the first row of line 2
        assert "Ada Quillfeather" in shown_text(view)
        await pilot.press("home")
        await pilot.pause()
        assert "Ada Quillfeather" not in shown_text(view)
        await pilot.press("g")
        await pilot.pause()
        assert "Ada Quillfeather" in shown_text(view)


LAO = "How many Lao officers did Vietnam train in 2021?"


def cited_rows_shown(view: SourceView) -> bool:
    """Tells whether the first cited row is on screen."""
    row = view.row_of_offset(view.citation.char_start)
    return view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height


async def open_first_citation(pilot: Pilot, app: QAApp) -> SourceView:
    """Asks the 280-officers question and opens its first citation in the viewer."""
    await pilot.press(*LAO, "enter")
    await settle(pilot)
    await pilot.press("tab", "1")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, SourceScreen)
    return app.screen.query_one(SourceView)


async def test_the_cited_span_stays_in_view_when_the_terminal_is_resized(seeds_bot: Bot) -> None:
    app = make_app(seeds_bot.settings, bot=seeds_bot)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_first_citation(pilot, app)
        assert cited_rows_shown(view)
        for size in ((50, 20), (80, 24), (40, 12), (120, 36)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert cited_rows_shown(view), (size, view.scroll_y, view.row_of_offset(view.citation.char_start))
            words = " ".join(row.partition("│")[2].strip() for row in shown_text(view).split("\n"))
            assert "280 Lao officers" in words, size


async def test_a_viewer_opened_on_a_small_terminal_shows_the_cited_span(seeds_bot: Bot) -> None:
    app = make_app(seeds_bot.settings, bot=seeds_bot)
    async with app.run_test(size=(50, 20)) as pilot:
        view = await open_first_citation(pilot, app)
        assert cited_rows_shown(view), (view.scroll_y, view.row_of_offset(view.citation.char_start))
