"""Keys where the focus almost always is: the question box, the sources panel, and the dialogs over the chat."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer

from qa import Bot
from tests.tui.conftest import ask, settle
from tui.app import make_app
from tui.screens.dialogs import FolderDialog
from tui.screens.help_screen import HelpScreen
from tui.screens.quote_screen import QuoteScreen
from tui.screens.source_screen import SourceScreen
from tui.widgets.answer_card import AnswerCard
from tui.widgets.question_input import QuestionInput
from tui.widgets.sources_panel import SourcesPanel

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


async def test_typing_in_the_sources_panel_starts_the_next_question(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 40)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("tab", "tab")  # the answers, then the sources
        assert isinstance(app.focused, SourcesPanel)
        await ask(pilot, "Who is To Lam?")
        assert not isinstance(app.screen, SourceScreen)  # the Enter asked the question, not opened passage 1
        assert [question for question, _ in app.exchanges] == [LIGHTHOUSE, "Who is To Lam?"]
        assert isinstance(app.focused, QuestionInput) and app.focused.value == ""
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, SourcesPanel)
        for key in ("c", "g", "enter"):  # as a terminal delivers a burst: all queued before the first is handled
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, SourceScreen)
        assert [question for question, _ in app.exchanges][2:] == ["cg"]


async def test_tab_goes_round_question_box_latest_answer_and_sources_whatever_the_number_of_answers(
    fake_bot: Bot,
) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 40)) as pilot:
        for question in (LIGHTHOUSE, "How many apple trees?", LIGHTHOUSE, "Who is To Lam?", LIGHTHOUSE):
            await ask(pilot, question)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            focused = app.focused
            seen.append(f"answer {focused.number}" if isinstance(focused, AnswerCard) else type(focused).__name__)
        assert seen == ["answer 5", "SourcesPanel", "QuestionInput", "answer 5"]
        assert app.query_one(SourcesPanel).border_subtitle == "question 5"
        await pilot.press("up", "tab", "shift+tab")  # the answers are one stop, entered at the latest
        assert isinstance(app.focused, AnswerCard) and app.focused.number == 5
        seen = []
        for _ in range(4):  # Tab's round backwards, the sources included
            await pilot.press("shift+tab")
            focused = app.focused
            seen.append(f"answer {focused.number}" if isinstance(focused, AnswerCard) else type(focused).__name__)
        assert seen == ["QuestionInput", "SourcesPanel", "answer 5", "QuestionInput"]


async def test_tab_skips_the_sources_panel_where_it_is_hidden(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 40)) as pilot:
        for question in (LIGHTHOUSE, "How many apple trees?"):
            await ask(pilot, question)
        await pilot.press("tab")
        assert isinstance(app.focused, AnswerCard) and app.focused.number == 2
        await pilot.press("tab")
        assert isinstance(app.focused, QuestionInput)
        await pilot.press("shift+tab")  # skipped backwards too
        assert isinstance(app.focused, AnswerCard) and app.focused.number == 2
        await pilot.press("shift+tab")
        assert isinstance(app.focused, QuestionInput)


def footer_keys(screen: Screen[object]) -> list[str]:
    """Returns the key hints of a screen's own footer."""
    return [str(key.render()) for key in screen.query_one(Footer).query("FooterKey")]


async def test_f1_opens_help_from_the_quotation_finder_and_the_folder_dialog(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("shift+tab", "ctrl+f")  # from an answer card, whose Enter opens a source on the chat
        await pilot.pause()
        for dialog in (QuoteScreen, FolderDialog):
            if dialog is FolderDialog:
                await pilot.press("ctrl+p", *"Switch corpus")
                await pilot.pause(0.3)
                await pilot.press("enter")
                await pilot.pause()
            assert isinstance(app.screen, dialog)
            keys = footer_keys(app.screen)
            assert any("Help" in key for key in keys) and not any("⏎" in key for key in keys)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, dialog)
            await pilot.press("escape")
            await pilot.pause()


async def test_copying_a_question_still_waiting_says_no_answer_has_arrived(fake_bot: Bot) -> None:
    import threading

    from qa import Settings

    release = threading.Event()

    def slow_loader(settings: Settings, *, progress: object, rebuild: bool, previous: Bot | None) -> Bot:
        release.wait(10)
        return fake_bot

    app = make_app(fake_bot.settings, bot_loader=slow_loader)
    notes: list[str] = []
    async with app.run_test() as pilot:
        await pilot.press(*LIGHTHOUSE, "enter", "shift+tab")
        await pilot.pause()
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("c")
        release.set()
        await settle(pilot)
    assert notes == ["No answer to copy yet: this question has not been answered."]


async def test_ctrl_c_copies_a_selection_and_otherwise_says_how_to_quit(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    notes: list[str] = []
    async with app.run_test() as pilot:
        await ask(pilot, LIGHTHOUSE)
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+c")
        await pilot.press(*"harbor", "shift+home", "ctrl+c")
        await pilot.press("escape", "shift+tab", "ctrl+c")
        await pilot.pause()
        assert app.is_running
    assert app.clipboard == "harbor"
    assert notes == ["Press [b]ctrl+q[/b] to quit the app", "Press [b]ctrl+q[/b] to quit the app"]


async def test_the_palette_offers_the_help_screen_not_a_keys_panel_escape_cannot_close(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("ctrl+p", *"keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        await pilot.press("ctrl+p", *"help")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("Markdown").source)
        for row in ("| `g` | source viewer |", "| `c` | source viewer |"):
            assert row in text


async def test_the_help_key_table_fits_a_small_terminal_and_covers_the_quote_finder_and_escape(fake_bot: Bot) -> None:
    from rich.cells import cell_len
    from textual.widgets._markdown import MarkdownTableCellContents, MarkdownTableContent

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(MarkdownTableContent)
        cells = list(table.query(MarkdownTableCellContents))
        for cell in cells:  # a word wider than its cell is cut (`questi…`)
            words = str(cell.render()).split()
            assert all(cell_len(word) <= cell.content_size.width for word in words), (str(cell.render()), cell.size)
        body = app.screen.query_one("#help-body")
        assert body.scrollable_content_region.right - table.region.right <= 1  # no columns left unused beside it
        texts = [str(cell.render()) for cell in cells]
        rows = [tuple(texts[i : i + 3]) for i in range(0, len(texts), 3)]
        places = {(key, where) for key, where, _ in rows}
        assert {("tab, down", "quote finder"), ("enter", "quote finder"), ("escape", "answer, sources")} <= places
