"""Behaviour of the chat, driven through Pilot with the fake bot and once with the real model."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from qa import Bot, Settings
from tests.tui.conftest import HEADING, ask, edit_harbor, settle
from tui.app import make_app
from tui.loading import Progress
from tui.screens.help_screen import HelpScreen
from tui.screens.source_screen import SourceScreen
from tui.widgets.answer_card import AnswerCard, CitationChip
from tui.widgets.question_input import QuestionInput
from tui.widgets.source_view import SourceView
from tui.widgets.sources_panel import SourcesPanel


def card_text(card: AnswerCard) -> str:
    """Returns the plain text shown on a card, its title included."""
    parts = [str(card.border_title)]
    parts += [str(w.render()) for w in card.query(Static)]
    return "\n".join(parts)


async def test_a_seed_question_gets_a_verbatim_answer_citing_the_right_file(seeds_bot: Bot) -> None:
    app = make_app(seeds_bot.settings, bot=seeds_bot)
    async with app.run_test(size=(150, 45)) as pilot:
        await ask(pilot, "What did the Lao police hand over to the Vietnamese side in 2021?")
        card = app.query_one(AnswerCard)
        assert card.reply is not None and not card.reply.abstained
        text = card_text(card)
        assert "wanted fugitives" in text
        assert "[1] 001_bac36986efc7b92e.txt:L" in text
        assert card.reply.answers[0].text in " ".join(str(w.render()) for w in card.query(".answer-text"))


async def test_choosing_a_citation_opens_the_document_at_the_cited_text(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        chip = app.query_one(CitationChip)
        await pilot.click(CitationChip)
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        view = app.screen.query_one(SourceView)
        citation = chip.citation
        assert view.highlighted_text() == citation.quote
        assert "Maria Koval" in citation.quote
        rendered = "".join(seg.text for seg in view.render_line(view.row_of_line(citation.line_start)))
        assert rendered.lstrip().startswith(f"{citation.line_start} │")
        await pilot.press("escape")
        assert not isinstance(app.screen, SourceScreen)


async def test_keyboard_alone_reaches_an_answer_and_its_source(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("tab")
        assert isinstance(app.focused, AnswerCard)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("escape", "tab")
        await pilot.press("escape")
        assert isinstance(app.focused, QuestionInput)


async def test_an_unanswerable_question_is_shown_as_not_found(fake_bot: Bot) -> None:
    bot = Bot(index=fake_bot.index, encoder=fake_bot.encoder, settings=fake_bot.settings.with_(abstain_below=1.01))
    app = make_app(bot.settings, bot=bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "What colour is the mayor's bicycle?")
        card = app.query_one(AnswerCard)
        assert card.has_class("-abstained") and not card.has_class("-answer")
        text = card_text(card)
        assert "Not found in the documents" in text
        assert "Closest passages (not answers)" in text
        assert "confidence" not in text


async def test_up_and_down_recall_earlier_questions(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await ask(pilot, "How many apple trees?")
        box = app.query_one(QuestionInput)
        await pilot.press(*"draft")
        await pilot.press("up")
        assert box.value == "How many apple trees?"
        await pilot.press("up", "up")
        assert box.value == "Who designed the lighthouse?"
        await pilot.press("down")
        assert box.value == "How many apple trees?"
        await pilot.press("down")
        assert box.value == "draft"


async def test_a_question_asked_while_loading_is_answered_when_ready(fake_bot: Bot) -> None:
    import threading

    release = threading.Event()

    def slow_loader(settings: Settings, *, progress: object, rebuild: bool, previous: Bot | None) -> Bot:
        release.wait(10)
        return fake_bot

    app = make_app(fake_bot.settings, bot_loader=slow_loader)
    async with app.run_test() as pilot:
        await pilot.press(*"Who designed the lighthouse?", "enter")
        await pilot.pause()
        card = app.query_one(AnswerCard)
        assert card.reply is None and "Waiting" in card_text(card)
        release.set()
        await settle(pilot)
        await settle(pilot)
        assert card.reply is not None and "Maria Koval" in card_text(card)


async def test_a_missing_corpus_is_an_error_dialog_not_a_crash(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "nowhere", index_dir=tmp_path / "index", model="fake")
    app = make_app(settings)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.screen.query(".dialog.-error")
        message = str(app.screen.query_one(".dialog-message", Static).render())
        assert "nowhere" in message
        await pilot.press("enter")
        assert app.is_running


async def test_export_writes_markdown_whose_citations_resolve(fake_bot: Bot, tmp_path: Path) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot, export_dir=tmp_path)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await ask(pilot, "When was the fromagerie founded?")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (exported,) = tmp_path.glob("qa-conversation-*.md")
    markdown = exported.read_text(encoding="utf-8")
    assert "## Who designed the lighthouse?" in markdown
    references = re.findall(r"^\[\d+\]: (\S+):L\d+(?:-L\d+)? \((\S+)#(\d+)-(\d+)\)$", markdown, flags=re.M)
    assert len(references) >= 2
    corpus = fake_bot.settings.corpus
    for file, same_file, start, end in references:
        assert file == same_file
        quote = (corpus / file).read_text(encoding="utf-8")[int(start) : int(end)]
        assert f"> {quote.splitlines()[0]}" in markdown


async def test_copy_puts_the_answer_and_its_citation_on_the_clipboard(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("ctrl+y")
        cited = fake_bot.ask("Who designed the lighthouse?").answers[0].citation
    assert "Maria Koval" in app.clipboard and cited.quote in app.clipboard
    lines = f"L{cited.line_start}" + (f"-L{cited.line_end}" if cited.line_end != cited.line_start else "")
    assert f"harbor.txt:{lines} (harbor.txt#{cited.char_start}-{cited.char_end})" in app.clipboard


async def test_the_sources_panel_lists_the_passages_of_the_selected_answer(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 40)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        panel = app.query_one(SourcesPanel)
        assert panel.display and panel.option_count == len(panel.reply.passages) > 0
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.citation.file == panel.reply.passages[0].chunk.doc_path


async def test_help_opens_with_f1_and_closes_with_escape(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_document_text_cannot_inject_markup_or_escapes(fake_bot: Bot, tmp_path: Path) -> None:
    from tui.text import plain

    content = plain("[bold red]boom[/] \x1b[31mred\x1b[0m")
    assert content.plain == "[bold red]boom[/] \ufffd[31mred\ufffd[0m"
    assert not content.spans


async def test_typing_after_closing_the_viewer_starts_the_next_question(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, SourceScreen)
        await ask(pilot, "How many apple trees?")
        assert not isinstance(app.screen, SourceScreen)
        cards = list(app.query(AnswerCard))
        assert len(cards) == 2 and cards[1].reply is not None


async def test_the_multilingual_model_is_loaded_once_ready_before_any_question(fake_bot: Bot) -> None:
    loads: list[str] = []

    def counting_load() -> object:
        from qa.multilingual import load_multilingual_encoder

        loads.append("loaded")
        return load_multilingual_encoder()

    assert fake_bot.index.multilingual is not None  # the tiny corpus holds a French article
    bot = Bot(
        index=fake_bot.index, encoder=fake_bot.encoder, settings=fake_bot.settings, load_multilingual=counting_load
    )
    app = make_app(bot.settings, bot_loader=lambda settings, **_: bot)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert loads == ["loaded"]
        await ask(pilot, "Qui a fondé la fromagerie ?")
        assert loads == ["loaded"] and "fromage.txt" in card_text(app.query_one(AnswerCard))


async def test_number_and_copy_keys_act_on_a_selected_answer(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("tab", "1")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("escape")
        card = app.query_one(AnswerCard)
        assert app.focused is card
        await pilot.press("c")
        await pilot.pause()
        assert card.reply is not None and card.reply.answers[0].citation.quote in app.clipboard
        assert app.query_one(QuestionInput).value == ""


async def test_a_citation_number_the_answer_does_not_have_says_how_many_it_has(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        card = app.query_one(AnswerCard)
        count = len(card.citations)
        assert 1 < count < 7
        notes: list[str] = []
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("tab", "7")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen) and app.focused is card
        assert notes == [f"This answer has {count} citations"]


async def test_a_file_edited_during_the_chat_is_reindexed_before_it_is_cited(
    fake_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.api
    from tests.conftest import HashingEncoder
    from tui.loading import load_chat_bot

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())  # the fake model's stand-in
    started, release = threading.Event(), threading.Event()
    rebuilds: list[bool] = []

    def held_loader(settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
        rebuilds.append(rebuild)
        started.set()
        release.wait(10)
        return load_chat_bot(settings, progress=progress, rebuild=rebuild, previous=previous)

    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=held_loader)
    notes: list[str] = []
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        harbor = edit_harbor(fake_bot.settings.corpus)
        await pilot.press(*"Who designed the lighthouse?", "enter")
        while not started.is_set():
            await pilot.pause(0.02)
        await pilot.pause()
        # The re-index is the app's loading state: spinner on, and no second indexer from the palette.
        assert app.query_one("#spinner").display
        assert "harbor.txt changed since indexing: re-indexing it first" in card_text(list(app.query(AnswerCard))[-1])
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        app.action_reindex()
        release.set()
        await settle(pilot)
        await settle(pilot)
        first, second = (card.reply for card in app.query(AnswerCard))
    assert rebuilds == [True]
    assert notes == ["Already loading; wait for it to finish."]
    assert first is not None and second is not None
    before, after = first.answers[0].citation, second.answers[0].citation
    assert after.quote == before.quote and after.char_start == before.char_start + len(HEADING)
    assert harbor.read_text(encoding="utf-8")[after.char_start : after.char_end] == after.quote
    assert after.line_start == before.line_start + 2


async def test_a_file_still_changed_after_its_re_index_is_an_error_on_the_card_not_a_loop(fake_bot: Bot) -> None:
    loads: list[bool] = []

    def stale_loader(settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
        loads.append(rebuild)
        return fake_bot  # as if the file changed again while it was indexed

    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=stale_loader)
    harbor = fake_bot.settings.corpus / "harbor.txt"
    indexed = harbor.read_text(encoding="utf-8")
    async with app.run_test() as pilot:
        harbor.write_text("Harbor notes\n\n" + indexed, encoding="utf-8")
        await ask(pilot, "Who designed the lighthouse?")
        await settle(pilot)
        card = app.query_one(AnswerCard)
        assert card.reply is None
        assert "harbor.txt changed since indexing and re-indexing did not catch up" in card_text(card)
        assert loads == [True]
        harbor.write_text(indexed, encoding="utf-8")  # the chat goes on once the file says what was indexed
        await ask(pilot, "Who designed the lighthouse?")
        assert list(app.query(AnswerCard))[-1].reply is not None
    assert loads == [True]


async def test_a_new_answer_is_shown_from_its_question_down(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(60, 16)) as pilot:
        for question in ("Who designed the lighthouse?", "How many apple trees?", "Who designed the lighthouse?"):
            await ask(pilot, question)
        conversation = app.query_one("#conversation")
        last_question = list(conversation.query(".question"))[-1]
        assert conversation.max_scroll_y > last_question.virtual_region.y  # scrolling to the end would hide it
        assert 0 <= last_question.virtual_region.y - conversation.scroll_y <= 1  # at the top, below its margin
        await pilot.press("pageup")
        assert conversation.scroll_y < last_question.virtual_region.y
        assert isinstance(app.focused, QuestionInput)


async def test_unsure_answers_unanswered_copies_and_non_questions_say_what_they_are(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await ask(pilot, "???")
        first, second = app.query(AnswerCard)
        assert first.reply is not None and first.reply.confidence < 0.5  # the fake encoder is never sure
        assert first.has_class("-unsure") and str(first.border_title).endswith("· unsure")
        assert str(second.border_title) == "Nothing to look for"
        notes: list[str] = []
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+y")
        assert notes == ["Nothing to copy: this question was not answered."]


async def test_a_pasted_page_is_shown_cut_saying_how_much_is_asked(fake_bot: Bot) -> None:
    from tui.widgets.conversation import SHOWN_QUESTION_CHARS

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        box = app.query_one(QuestionInput)
        box.value = "lighthouse " * 500
        await pilot.press("enter")
        await settle(pilot)
        bubble = str(app.query_one(".question", Static).render())
    assert len(bubble) < SHOWN_QUESTION_CHARS + 80
    assert bubble.endswith("(5,499 characters; only the first 2,000 are asked)")


async def test_a_question_waiting_behind_another_says_so(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(100, 30)) as pilot:
        app._asking = True  # as while the bot answers an earlier question
        await pilot.press(*"Who designed the lighthouse?", "enter")
        await pilot.pause()
        card = app.query_one(AnswerCard)
        assert "Waiting for the questions before it" in card_text(card)
        app._asking = False
        app._ask_next()
        await settle(pilot)
        assert card.reply is not None


async def test_a_narrow_terminal_keeps_the_chat_keys_on_a_compact_footer(fake_bot: Bot) -> None:
    from textual.widgets import Footer

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert footer.compact
        keys = [str(key.render()) for key in footer.query("FooterKey")]
        assert any("Sources" in k for k in keys) and any("palette" in k for k in keys)
        await pilot.resize_terminal(150, 40)
        await pilot.pause()
        assert not footer.compact


async def test_after_a_resize_the_selected_exchange_is_still_in_view(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 40)) as pilot:
        for question in ("Who designed the lighthouse?", "How many apple trees?", "Who founded the cheese dairy?"):
            await ask(pilot, question)
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        await pilot.pause()
        conversation = app.query_one("#conversation")
        last_question = list(conversation.query(".question"))[-1]
        assert 0 <= last_question.virtual_region.y - conversation.scroll_y <= 1


async def test_questions_typed_in_one_burst_stay_apart(fake_bot: Bot) -> None:
    from textual import events

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await pilot.press(*"Who designed it?", "enter", *"How many apple trees?", "enter")
        await settle(pilot)
        await settle(pilot)
        assert [question for question, _ in app.exchanges] == ["Who designed it?", "How many apple trees?"]
        # As a terminal delivers a burst: every key queued before the first is handled (Pilot waits between keys).
        for character in "Where?\rWhen?\r":
            key = "enter" if character == "\r" else character
            app.post_message(events.Key(key, character))
        await settle(pilot)
        await settle(pilot)
        assert [question for question, _ in app.exchanges][2:] == ["Where?", "When?"]


async def test_typing_on_a_selected_answer_keeps_every_key_for_the_next_question(fake_bot: Bot) -> None:
    from textual import events

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, AnswerCard)
        await pilot.press(*"Is a security deposit required")  # `c`, `s` and digits are the card's keys only at first
        assert app.query_one(QuestionInput).value == "Is a security deposit required"
        await pilot.press("ctrl+u", "tab")
        await pilot.pause()
        assert isinstance(app.focused, AnswerCard)
        for character in "Is a second copy scheduled":  # as a terminal delivers a burst: all queued at once
            app.post_message(events.Key("space" if character == " " else character, character))
        await settle(pilot)
        assert app.query_one(QuestionInput).value == "Is a second copy scheduled"
        assert "scheduled" not in app.clipboard


async def test_a_pasted_question_of_several_lines_is_kept_whole(fake_bot: Bot) -> None:
    from textual import events

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        box = app.query_one(QuestionInput)
        box.post_message(events.Paste("Who designed\nthe lighthouse\r\nat Port Elan?"))
        await pilot.pause()
        assert box.value == "Who designed the lighthouse at Port Elan?"


async def test_an_answer_whose_file_changed_is_not_copied_opened_or_exported_as_current(
    fake_bot: Bot, tmp_path: Path
) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot, export_dir=tmp_path)
    notes: list[str] = []
    async with app.run_test() as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        edit_harbor(fake_bot.settings.corpus)
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        app.copy_to_clipboard("before")
        await pilot.press("tab", "c")
        await pilot.pause()
        assert app.clipboard == "before"  # offsets into the edited file would cite other text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    changed = "harbor.txt changed since this answer: its citation would point at other text; ask again"
    assert notes[:2] == [changed, changed]
    (export,) = tmp_path.glob("qa-conversation-*.md")
    assert "*harbor.txt changed since this answer: its citations point at other text now.*" in export.read_text()
    assert "harbor.txt changed since" in notes[2]


async def test_quitting_while_indexing_stops_the_indexing_at_its_next_step(fake_bot: Bot) -> None:
    import time

    steps: list[int] = []
    stopped = threading.Event()

    def slow_loader(settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
        try:
            for step in range(500):  # ten seconds of "embedding" unless told to stop
                progress("embedding", step, 500)
                steps.append(step)
                time.sleep(0.02)
        except Exception:
            stopped.set()
            raise
        return fake_bot

    app = make_app(fake_bot.settings, bot_loader=slow_loader)
    async with app.run_test() as pilot:
        while len(steps) < 3:
            await pilot.pause(0.02)
    at_exit = len(steps)
    assert stopped.wait(5), "the loading thread went on after the app quit"
    assert len(steps) - at_exit <= 2 and len(steps) < 500  # stopped at its next step, well before the end


async def test_an_alternative_says_how_likely_it_is_next_to_the_answer_above(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(pilot, "Who designed the lighthouse?")
        card = app.query_one(AnswerCard)
        assert card.reply is not None and len(card.reply.answers) == 2
        first, second = card.reply.answers
        also = str(card.query(".-also").first(Static).render())
    assert also.startswith(f"Also ({second.score / first.score:.0%} as likely): ")


async def test_editing_and_focus_keys_in_a_burst_act_in_the_order_typed(fake_bot: Bot) -> None:
    from textual import events

    def burst(app: object, *keys: str) -> None:
        """Queues keys all at once, as a terminal delivers a fast typist's keys in one read."""
        for key in keys:
            character = key if len(key) == 1 else " " if key == "space" else None
            app.post_message(events.Key(key, character))  # type: ignore[attr-defined]

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        box = app.query_one(QuestionInput)
        burst(app, *"abc", "ctrl+u", *"xyz", "backspace", "q")
        await settle(pilot)
        assert box.value == "xyq"
        await pilot.press("ctrl+u")
        await ask(pilot, "Who designed the lighthouse?")
        burst(app, "shift+tab", *"cats")
        await settle(pilot)
        assert box.value == "cats" and app.focused is box  # the typing took the focus back to the box


async def test_the_question_bubble_shows_the_question_as_typed(fake_bot: Bot) -> None:
    question = "Combien d'officiers lao le Vietnam a-t-il formés en 2021 ?"
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 30)) as pilot:
        await ask(pilot, question)
        bubble = app.query_one("#conversation .question", Static)
        for width in (120, *range(40, 80, 3)):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            rows = ["".join(s.text for s in strip).strip() for strip in bubble.render_lines(bubble.region.reset_offset)]
            assert " ".join(rows) == question, (width, rows)  # French's space before `?` kept, wrapped or not


async def test_a_question_with_no_passages_says_so_in_the_sources_panel(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(150, 40)) as pilot:
        await ask(pilot, "Who?")
        reply = app.query_one(AnswerCard).reply
        assert reply is not None and not reply.passages
        panel = app.query_one(SourcesPanel)
        assert [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)] == [
            "No passages were retrieved for this question."
        ]
        await pilot.press("tab", "tab", "enter")  # nothing to open
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)


async def test_a_fact_added_during_the_chat_to_a_file_no_answer_cites_is_indexed_before_answering(
    fake_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.api
    from tests.conftest import HashingEncoder
    from tui.loading import load_chat_bot

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())  # the fake model's stand-in
    settings = fake_bot.settings.with_(top_k=1)  # one passage shown: the stale index shows no fromage.txt
    bot = Bot(index=fake_bot.index, encoder=fake_bot.encoder, settings=settings)
    rebuilds: list[bool] = []

    def loader(settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
        rebuilds.append(rebuild)
        return load_chat_bot(settings, progress=progress, rebuild=rebuild, previous=previous)

    app = make_app(settings, bot=bot, bot_loader=loader)
    async with app.run_test() as pilot:
        with (settings.corpus / "fromage.txt").open("a", encoding="utf-8") as f:
            f.write("The harbor pilot boat is named Ivan Petrov.\n")
        await ask(pilot, "What is the harbor pilot boat named?")
        await settle(pilot)
        reply = app.query_one(AnswerCard).reply
    assert rebuilds == [True]
    assert reply is not None and reply.answers[0].citation.file == "fromage.txt"
