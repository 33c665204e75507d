"""Looking up a quotation in the chat: the matches, the source viewer on one, no match, and before the bot loads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from qa import Bot, Citation, QAError, QuoteMatch, Settings
from tests.tui.conftest import drawn, edit_harbor, settle
from tui.app import make_app
from tui.screens.quote_screen import QuoteScreen, match_prompt
from tui.screens.source_screen import SourceScreen
from tui.widgets.source_view import SourceView

MISQUOTE = "designed by engineer maria koval"


def shown(screen: QuoteScreen) -> str:
    """Returns the status line and every listed match as plain text."""
    options = screen.query_one(OptionList)
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return "\n".join([str(screen.query_one("#quote-status", Static).render()), *prompts])


async def test_a_misquotation_is_found_and_opens_in_the_viewer(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, QuoteScreen)
        await pilot.press(*MISQUOTE, "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        best = screen.matches[0].citation
        assert best.file == "harbor.txt"
        text = shown(screen)
        assert f"harbor.txt:L{best.line_start}" in text
        assert "designed by engineer Maria Koval" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        view = app.screen.query_one(SourceView)
        assert view.highlighted_text() == best.quote
        assert "designed by engineer Maria Koval" in best.quote
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert not isinstance(app.screen, QuoteScreen)


async def search_the_village(pilot: Pilot) -> QuoteScreen:
    """Looks up `the village` with Ctrl+F: a quotation with several matches."""
    await pilot.press("ctrl+f", *"the village", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuoteScreen) and len(screen.matches) > 1
    return screen


async def test_tab_after_a_search_lands_on_the_best_match_and_enter_opens_it(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_the_village(pilot)
        options = screen.query_one(OptionList)
        assert app.focused is screen.query_one("#quotation")  # as the hint says: `tab: list`
        await pilot.press("tab")
        assert app.focused is options and options.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.citation == screen.matches[0].citation


async def test_enter_on_the_quotation_already_searched_opens_the_highlighted_match(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_the_village(pilot)
        options = screen.query_one(OptionList)
        await pilot.press("down")  # from the quotation to the matches
        assert app.focused is options
        await pilot.press("down")
        highlighted, searches = options.highlighted, screen._searches
        assert highlighted not in (None, 0)
        await pilot.press("tab")
        assert app.focused is screen.query_one("#quotation")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.citation == screen.matches[highlighted].citation
        assert screen._searches == searches  # not searched again
        await pilot.press("escape")
        assert app.screen is screen and app.focused is screen.query_one("#quotation")
        await pilot.press("end", "backspace", "enter")  # an edited quotation is searched
        await settle(pilot)
        assert screen._searches == searches + 1


async def test_the_palette_command_opens_the_look_up(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"find a quotation")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)


async def test_a_quotation_from_nowhere_says_no_close_match(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"purple elephants juggle saxophones underwater", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.matches == []
        assert "No close match" in shown(screen)
        assert not screen.query_one(OptionList).display


async def test_a_search_before_the_bot_has_loaded_waits_for_it(fake_bot: Bot) -> None:
    release = threading.Event()

    def slow_loader(settings: Settings, **_: object) -> Bot:
        release.wait(10)
        return fake_bot

    app = make_app(fake_bot.settings, bot_loader=slow_loader)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *MISQUOTE, "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert "Waiting for the documents to load" in shown(screen)
        release.set()
        await settle(pilot)
        await settle(pilot)
        assert screen.matches and screen.matches[0].citation.file == "harbor.txt"


def test_quote_screen_with_matches(fake_bot: Bot, snap_compare: Callable[..., bool]) -> None:
    async def searched(pilot: Pilot) -> None:
        await pilot.press("ctrl+f", *MISQUOTE, "enter")
        await settle(pilot)

    assert snap_compare(make_app(fake_bot.settings, bot=fake_bot), terminal_size=(80, 24), run_before=searched)


def test_a_match_shows_document_text_as_written_never_as_markup() -> None:
    quote = "[bold]Koval[/bold] said $text-accent " + "word " * 80
    match = QuoteMatch(Citation("notes.md", 2, 3, 10, 10 + len(quote), quote), 0.876)
    prompt = match_prompt(match)
    assert str(prompt).startswith("notes.md:L2-L3  88% alike\n[bold]Koval[/bold] said $text-accent word")
    assert str(prompt).endswith("…") and len(str(prompt)) < len(quote)


async def test_a_match_in_a_file_edited_since_indexing_is_re_indexed_then_found_where_it_now_is(
    fake_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())  # the fake model's stand-in
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        harbor = edit_harbor(fake_bot.settings.corpus)
        await pilot.press("ctrl+f", *MISQUOTE, "enter")
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.matches, shown(screen)
        best = screen.matches[0].citation
        assert best.file == "harbor.txt"
        assert harbor.read_text(encoding="utf-8")[best.char_start : best.char_end] == best.quote
        assert app.bot is not fake_bot  # the chat answers from the re-indexed corpus too


async def test_a_quotation_waiting_on_a_re_index_that_fails_says_so(fake_bot: Bot) -> None:
    def failing_loader(settings: Settings, **_: object) -> Bot:
        raise QAError("the index folder is read-only")

    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=failing_loader)
    async with app.run_test(size=(80, 24)) as pilot:
        edit_harbor(fake_bot.settings.corpus)
        await pilot.press("ctrl+f", *MISQUOTE, "enter")
        await settle(pilot)
        await settle(pilot)
        screen = next(s for s in app.screen_stack if isinstance(s, QuoteScreen))
        assert screen.matches == []
        assert "Could not load the documents: the index folder is read-only" in shown(screen)


async def test_on_a_small_terminal_the_matches_keep_rows_and_show_the_highlighted_one(tmp_path: Path) -> None:
    from qa import format_lines
    from qa.api import load_bot
    from qa.indexing import index_corpus
    from tests.conftest import HashingEncoder, fake_settings

    corpus = tmp_path / "villages"
    corpus.mkdir()
    for name in ("north", "south", "east"):
        sentence = f"The {name} village by the river holds a market every week, where farmers sell cheese and apples."
        (corpus / f"{name}.txt").write_text(f"{name.title()}\n\n{sentence} {sentence}\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    app = make_app(settings, bot=load_bot(settings, encoder=HashingEncoder()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"the village by the river holds a market", "enter")
        await settle(pilot)
        screen = app.screen
        # each file holds the misquoted words twice: six places, the first five shown
        assert isinstance(screen, QuoteScreen) and len(screen.matches) == 5
        options = screen.query_one(OptionList)
        await pilot.press("down", "down", "down")  # to the list, then to the third match
        assert options.highlighted == 2
        for size in ((50, 16), (80, 24), (50, 16)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert options.content_size.height >= 4, size  # not one row: the other parts gave way first
            header = format_lines(screen.matches[options.highlighted].citation)
            assert any(header in row for row in drawn(options)), (size, drawn(options))
        await pilot.press("up")
        await pilot.pause()
        header = format_lines(screen.matches[1].citation)
        assert any(header in row for row in drawn(options)), drawn(options)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.citation == screen.matches[1].citation  # the match shown highlighted


async def test_typing_in_the_matches_goes_on_with_the_quotation(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_the_village(pilot)
        await pilot.press("tab")
        assert app.focused is screen.query_one(OptionList)
        await pilot.press(*" has 350 apple trees")
        field = screen.query_one("#quotation", Input)
        assert app.focused is field and field.value == "the village has 350 apple trees"
        await pilot.press("enter")  # searches the quotation typed, not opens a match
        await settle(pilot)
        assert app.screen is screen and screen.matches[0].citation.file == "orchard.md"


async def test_a_made_up_sentence_between_traced_ones_is_named_as_not_found(fake_bot: Bot) -> None:
    quotation = (
        "The lighthouse at Port Elan opened on March 3, 2021. The purple elephant danced on the moon. "
        "The orchard north of the village has 350 apple trees."
    )
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f")
        app.screen.query_one("#quotation", Input).value = quotation
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert [m.citation.file for m in screen.matches] == ["harbor.txt", "orchard.md"]
        missing = screen.query_one("#quote-not-found", Static)
        assert missing.display and missing.region.height > 0
        assert str(missing.render()) == "Not found in the documents: The purple elephant danced on the moon."
        assert "in the quotation's order" in shown(screen)
        app.screen.query_one("#quotation", Input).value = MISQUOTE
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.query_one("#quote-not-found", Static).display  # a new search clears it


async def test_a_quotation_with_an_ellipsis_says_how_many_words_it_leaves_out(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f")
        app.screen.query_one("#quotation", Input).value = "The lighthouse at Port Elan opened ... four years of work."
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.matches[0].citation.file == "harbor.txt" and screen.matches[0].omitted == (5,)
        assert "The ellipsis leaves out 5 words of the source" in shown(screen)


async def test_fragments_an_ellipsis_joins_in_another_order_than_the_source_s_are_flagged(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f")
        app.screen.query_one("#quotation", Input).value = "four years of work ... The lighthouse at Port Elan opened"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert [m.citation.file for m in screen.matches] == ["harbor.txt", "harbor.txt"]
        note = screen.query_one("#quote-not-found", Static)
        assert note.display and str(note.render()) == "The quotation's fragments appear in another order in the source"
        app.screen.query_one("#quotation", Input).value = "The lighthouse at Port Elan opened ... four years of work."
        await pilot.press("enter")
        await settle(pilot)
        assert not note.display  # in the source's order: nothing to say
