"""What a long file name or a narrow terminal may cut, and what it never does: line numbers and confidence."""

from __future__ import annotations

from pathlib import Path

from qa import Bot, format_lines
from qa.api import load_bot
from qa.indexing import index_corpus
from tests.conftest import HashingEncoder, fake_settings
from tests.tui.conftest import ask, drawn, footer_keys
from tui.app import make_app
from tui.screens.source_screen import SourceScreen
from tui.widgets.answer_card import AnswerCard, CitationChip
from tui.widgets.question_input import QuestionInput
from tui.widgets.sources_panel import SourcesPanel

LONG_NAME = "a_really_really_long_file_name_about_the_annual_budget_report_of_the_harbor_board.txt"


def line_numbers(chip: CitationChip) -> str:
    """Returns the end of a chip's label that must never be cut: `:L3` or `:L3-L4`."""
    return format_lines(chip.citation).removeprefix(chip.citation.file)


async def test_a_long_file_name_gives_way_in_its_middle_not_at_the_line_number(tmp_path: Path) -> None:
    corpus = tmp_path / "budget"
    corpus.mkdir()
    (corpus / LONG_NAME).write_text("Budget\n\nThe harbor board spent 4 million on the lighthouse.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    bot = load_bot(settings, encoder=HashingEncoder())
    app = make_app(settings, bot=bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await ask(pilot, "How much did the harbor board spend on the lighthouse?")
        chip = app.query_one(CitationChip)
        assert chip.outer_size.width <= app.query_one(AnswerCard).content_size.width  # nothing drawn past the card
        (label,) = drawn(chip)
        assert label.strip().endswith(line_numbers(chip))
        assert "…" in label and label.strip().startswith("[1] a_really")


async def test_a_narrow_card_keeps_its_confidence_and_unsure_label(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(40, 20)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        card = app.query_one(AnswerCard)
        assert card.reply is not None and card.reply.confidence < 0.5  # the fake encoder is never sure
        assert f"{card.reply.confidence:.2f} · unsure" in drawn(card)[0]
        assert card.outer_size.width >= 34  # of the 40 columns, not 28
        chip = card.query_one(CitationChip)
        assert drawn(chip)[0].strip().endswith(line_numbers(chip))


async def test_the_footer_shows_whole_keys_f2_and_the_palette_at_any_width(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        for size in ((80, 24), (50, 20), (40, 20), (120, 32)):
            await pilot.resize_terminal(*size)
            for focus in ("question box", "answer card"):
                await pilot.press("escape" if focus == "question box" else "tab")
                await pilot.pause()
                await pilot.pause()
                keys = footer_keys(app)
                assert all(whole for _, whole in keys), (size, focus, keys)
                shown = " ".join(key for key, _ in keys)
                assert "f1 Help" in shown and "f2 Sources" in shown and "^p palette" in shown, (size, focus, keys)
                assert ("⏎ Open" in shown) == (focus == "answer card"), (size, keys)
        assert "1-2 Cite" in shown and "c Copy" in shown and "^s Export" in shown  # room for them all at 120


async def test_a_short_narrow_terminal_keeps_its_rows_for_the_conversation(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 36)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        sources = app.query_one(SourcesPanel)
        await pilot.press("f2", "f2")  # hidden, then shown again: shown under the question box when narrow
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        assert sources.display
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        assert not sources.display
        assert app.query_one("#conversation").size.height >= 12  # of 20 rows; it had 7 beside the sources
        await pilot.press("f2")  # the way to them: shown, with the focus, until it leaves them
        await pilot.pause()
        await pilot.pause()
        assert sources.display and app.focused is sources
        assert "⏎ Open" in [key for key, _ in footer_keys(app)]
        await pilot.press("escape")
        await pilot.pause()
        assert not sources.display and isinstance(app.focused, QuestionInput)
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        assert sources.display  # tall enough again: as the user last left it


async def test_the_viewer_header_keeps_the_offsets_on_a_narrow_terminal(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(50, 20)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        c = app.screen.citation
        for width in (50, 36, 24):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            (title,) = drawn(app.screen.query_one("#source-title"))
            assert title.rstrip().endswith(f"{c.char_start}-{c.char_end}") and str(c.line_start) in title, title
        await pilot.resize_terminal(120, 20)
        await pilot.pause()
        (title,) = drawn(app.screen.query_one("#source-title"))
        assert f"{c.line_start}-{c.line_end} · characters {c.char_start}-{c.char_end}" in title


async def test_the_sources_panel_reached_with_tab_stays_with_its_focus_when_the_terminal_shrinks(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 36)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        sources = app.query_one(SourcesPanel)
        await pilot.press("escape", "tab", "tab")
        assert app.focused is sources
        for size in ((60, 20), (120, 36), (80, 40), (60, 20)):  # short or not, narrow or not, and back
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert sources.display and app.focused is sources, size  # it has the focus, so it shows, as after F2
        await pilot.press("escape")
        await pilot.pause()
        assert not sources.display and isinstance(app.focused, QuestionInput)
        await pilot.resize_terminal(80, 40)
        await pilot.press("f2", "tab", "tab")
        assert sources.display and app.focused is sources
        await pilot.press("f2")  # hides it, focused or not
        await pilot.pause()
        assert not sources.display and app.focused is not sources


async def test_escape_from_the_viewer_opened_from_the_sources_comes_back_to_them_after_a_resize(
    fake_bot: Bot,
) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 36)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        sources = app.query_one(SourcesPanel)
        await pilot.press("escape", "tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)
        assert sources.display and app.focused is sources
