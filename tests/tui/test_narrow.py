"""What a long file name or a narrow terminal may cut, and what it never does: line numbers and confidence."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from qa import Bot, format_lines
from qa.api import load_bot
from qa.indexing import index_corpus
from tests.conftest import HashingEncoder, fake_settings
from tests.tui.conftest import ask
from tui.app import QAApp, make_app
from tui.widgets.answer_card import AnswerCard, CitationChip

LONG_NAME = "a_really_really_long_file_name_about_the_annual_budget_report_of_the_harbor_board.txt"


def drawn(widget: Widget) -> list[str]:
    """Returns the rows a widget draws, its border included."""
    return ["".join(s.text for s in strip) for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


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


def footer_keys(app: QAApp) -> list[tuple[str, bool]]:
    """Returns the chat footer's key hints, each with whether it is drawn whole (not under the palette hint or
    past the edge)."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return [
        (str(key.render()).strip(), key in palette or key.region.right <= right and key.region.width > 0)
        for key in keys
    ]


async def test_the_footer_shows_whole_keys_and_f2_at_any_width(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        for focus in ("question box", "answer card"):
            if focus == "answer card":
                await pilot.press("shift+tab")
                await pilot.pause()
            keys = footer_keys(app)
            assert all(whole for _, whole in keys), (focus, keys)
            assert any("Sources" in key for key, _ in keys) and any("palette" in key for key, _ in keys)
        await pilot.press("escape")
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#sources").display is False  # hidden at this width: F2 is the way to it
        assert ("f2 Sources", True) in footer_keys(app)
        assert not any("palette" in key for key, _ in footer_keys(app))
        await pilot.resize_terminal(120, 32)
        await pilot.pause()
        await pilot.pause()
        assert ("^p palette", True) in footer_keys(app)
