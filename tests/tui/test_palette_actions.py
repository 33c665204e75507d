"""Copy citation, re-index and switch corpus, driven from the command palette and keys as a user would."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Input, Static

from qa import Bot, QAError, Settings
from qa.api import load_bot
from qa.indexing import index_corpus
from tests.conftest import HashingEncoder
from tests.tui.conftest import ask, settle
from tui.app import QAApp, make_app
from tui.loading import Progress
from tui.screens.dialogs import ErrorDialog, FolderDialog
from tui.screens.source_screen import SourceScreen
from tui.widgets.answer_card import AnswerCard

LIGHTHOUSE = "Who designed the lighthouse?"


class FakeLoader:
    """A bot loader over the fake encoder that records its calls, and can hold them or fail with a message."""

    def __init__(self, *, error: str | None = None) -> None:
        self.calls: list[tuple[Path, bool, Bot | None]] = []
        self.release = threading.Event()
        self.release.set()
        self.error = error

    def __call__(self, settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
        self.calls.append((settings.corpus, rebuild, previous))
        progress("embedding", 1, 2)
        self.release.wait(10)
        if self.error is not None:
            raise QAError(self.error)
        index_corpus(settings, make_encoder=HashingEncoder, progress=progress)
        return load_bot(settings, encoder=HashingEncoder())


class Notes:
    """Records what the app notifies, since toasts vanish and their text is not on any screen widget."""

    def __init__(self, app: QAApp) -> None:
        self.seen: list[tuple[str, SeverityLevel]] = []
        original = app.notify

        def notify(message: str, *, severity: SeverityLevel = "information", **rest: object) -> None:
            self.seen.append((message, severity))
            original(message, severity=severity, **rest)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]


async def palette(pilot: Pilot, command: str) -> None:
    """Runs a command palette entry by typing its title, as a user would."""
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def status(app: QAApp) -> str:
    return str(app.query_one("#status-text", Static).render())


def write_doc(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# Copy citation


async def test_copy_citation_puts_the_selected_answers_citation_on_the_clipboard(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await ask(pilot, LIGHTHOUSE)
        await ask(pilot, "How many apple trees?")
        await pilot.press("tab", "up")
        assert app.selected == 1
        await palette(pilot, "copy citation")
    match = re.fullmatch(r"harbor\.txt:L(\d+)(?:-L(\d+))? \(harbor\.txt#(\d+)-(\d+)\)", app.clipboard)
    assert match, app.clipboard
    first, last, start, end = match.groups()
    text = (fake_bot.settings.corpus / "harbor.txt").read_text(encoding="utf-8")
    assert "designed by engineer Maria Koval" in text[int(start) : int(end)]
    assert text.count("\n", 0, int(start)) + 1 == int(first)
    assert notes.seen[-1] == (f"Copied harbor.txt:L{first}{f'-L{last}' if last else ''}", "information")


async def test_copy_citation_without_an_answer_warns_and_copies_nothing(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await palette(pilot, "copy citation")
    assert app.clipboard == ""
    assert notes.seen == [("Select an answer first (tab from the question box).", "warning")]


async def test_c_in_the_source_viewer_copies_the_quote_with_its_citation(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("c")
        citation = app.screen.citation
    quote, reference = app.clipboard.split("\n— ")
    assert quote == citation.quote and "Maria Koval" in quote
    lines = f"L{citation.line_start}" + (f"-L{citation.line_end}" if citation.line_end != citation.line_start else "")
    assert reference == f"harbor.txt:{lines} (harbor.txt#{citation.char_start}-{citation.char_end})"


# Re-index


async def test_reindex_rebuilds_shows_progress_and_answers_from_the_new_index(fake_bot: Bot) -> None:
    corpus = write_doc(
        fake_bot.settings.corpus, "pier.txt", "The lantern festival is held every October on the pier.\n"
    )
    loader = FakeLoader()
    loader.release.clear()
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=loader)
    notes: list[str] = []
    async with app.run_test() as pilot:
        await palette(pilot, "re-index corpus")
        await pilot.pause()
        assert status(app) == "Indexing tiny/: embedding 1/2"
        assert app.query_one("#progress").display and app.query_one("#spinner").display
        app.notify = lambda message, **_: notes.append(message)  # type: ignore[method-assign]
        loader.release.set()
        await settle(pilot)
        assert notes == ["tiny/ re-indexed: 4 documents"]
        assert loader.calls == [(corpus, True, fake_bot)]
        assert app.bot is not fake_bot and len(app.bot.index.documents) == 4
        assert status(app) == "Ready · 4 documents in tiny/"
        assert not app.query_one("#progress").display and not app.query_one("#spinner").display
        await ask(pilot, "When is the lantern festival held?")
        reply = app.query_one(AnswerCard).reply
        assert reply is not None and reply.answers[0].citation.file == "pier.txt"


async def test_a_failed_reindex_shows_the_error_and_keeps_answering_from_the_old_bot(fake_bot: Bot) -> None:
    error = "index at /somewhere is being written by another `qa index`: try again when it has finished"
    loader = FakeLoader(error=error)
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=loader)
    async with app.run_test() as pilot:
        await palette(pilot, "re-index corpus")
        await settle(pilot)
        assert [rebuild for _, rebuild, _ in loader.calls] == [True]
        assert isinstance(app.screen, ErrorDialog)
        assert str(app.screen.query_one(".dialog-message", Static).render()) == error
        assert status(app) == f"Still answering from tiny/ ({error})"
        await pilot.press("enter")
        assert app.bot is fake_bot
        await ask(pilot, LIGHTHOUSE)
        reply = app.query_one(AnswerCard).reply
        assert reply is not None and "Maria Koval" in reply.answers[0].text


async def test_reindex_while_loading_is_refused(fake_bot: Bot) -> None:
    loader = FakeLoader()
    loader.release.clear()
    app = make_app(fake_bot.settings, bot_loader=loader)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await palette(pilot, "re-index corpus")
        assert notes.seen == [("Already loading; wait for it to finish.", "warning")]
        loader.release.set()
        await settle(pilot)
        assert [rebuild for _, rebuild, _ in loader.calls] == [False]


# Switch corpus


async def choose_folder(pilot: Pilot, folder: str) -> None:
    """Opens the switch corpus dialog from the palette, replaces the folder and presses Enter."""
    await palette(pilot, "switch corpus folder")
    assert isinstance(pilot.app.screen, FolderDialog)
    await pilot.press("end", "ctrl+u", *folder, "enter")
    await pilot.pause()


async def test_switching_corpus_loads_the_bot_of_the_chosen_folder(
    fake_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a folder typed relative to where qa chat started: short to type
    write_doc(tmp_path / "mills", "mill.txt", "The windmill on the hill was rebuilt in 1921 by Ana Varga.\n")
    loader = FakeLoader()
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=loader)
    async with app.run_test() as pilot:
        await choose_folder(pilot, "mills")
        assert not isinstance(app.screen, FolderDialog)
        await settle(pilot)
        mills = (tmp_path / "mills").resolve()
        assert loader.calls == [(mills, False, fake_bot)]
        assert app.bot is not None and app.bot.settings.corpus == app.settings.corpus == mills
        assert app.bot.settings.index_path != fake_bot.settings.index_path
        assert status(app) == "Ready · 1 document in mills/"
        assert "documents in mills/." in str(app.query_one(".empty", Static).render())
        await ask(pilot, "Who rebuilt the windmill?")
        reply = app.query_one(AnswerCard).reply
        assert reply is not None and reply.answers[0].citation.file == "mill.txt"


async def test_a_switch_is_marked_in_the_chat_and_the_answers_from_the_folder_left_say_so(
    fake_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_doc(tmp_path / "mills", "mill.txt", "The windmill on the hill was rebuilt in 1921 by Ana Varga.\n")
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=FakeLoader())
    notes = Notes(app)
    async with app.run_test(size=(100, 40)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        await choose_folder(pilot, "mills")
        await settle(pilot)
        notes_shown = [str(note.render()) for note in app.query("#conversation .note").results(Static)]
        assert notes_shown == ["Now answering from mills/"]
        old = app.query_one(AnswerCard)
        assert old.border_subtitle == "from tiny/ · not loaded"
        await ask(pilot, "Who rebuilt the windmill?")
        new = app.query(AnswerCard).last()
        assert not new.border_subtitle
        await pilot.press("tab", "up", "1")  # the old answer's first citation
        await pilot.pause()
        assert notes.seen[-1] == ("harbor.txt is not in mills/, the folder answering now", "error")
        await choose_folder(pilot, str(fake_bot.settings.corpus))  # back: its citations open again
        await settle(pilot)
        assert not old.border_subtitle and new.border_subtitle == "from mills/ · not loaded"
        assert len(app.query("#conversation .note")) == 2


async def test_cancelling_the_switch_keeps_the_current_corpus(fake_bot: Bot) -> None:
    loader = FakeLoader()
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=loader)
    async with app.run_test() as pilot:
        await palette(pilot, "switch corpus folder")
        assert isinstance(app.screen, FolderDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FolderDialog)
        assert loader.calls == [] and app.bot is fake_bot
        assert status(app) == "Ready · 3 documents in tiny/"


async def test_a_folder_that_does_not_exist_is_refused_in_the_dialog(
    fake_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    loader = FakeLoader()
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=loader)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await choose_folder(pilot, "nowhere")
        assert isinstance(app.screen, FolderDialog)
        assert app.screen.query_one("#folder", Input).value == "nowhere"
        assert notes.seen == [("nowhere is not a folder", "error")]
        await pilot.press("ctrl+u", "enter")  # an empty folder name would be the current folder: refused too
        await pilot.pause()
        assert isinstance(app.screen, FolderDialog)
        assert notes.seen[-1] == ("Type the folder of documents to answer from", "error")
        await pilot.press("escape")
        await settle(pilot)
        assert loader.calls == [] and app.bot is fake_bot


async def test_a_folder_without_documents_shows_the_error_and_keeps_the_old_bot(
    fake_bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_doc(tmp_path / "scans", "scan.pdf", "%PDF-1.4 not text")
    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=FakeLoader())
    async with app.run_test() as pilot:
        await choose_folder(pilot, "scans")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        message = str(app.screen.query_one(".dialog-message", Static).render())
        assert message == (
            f"no readable .txt, .md, .markdown or .text documents in {(tmp_path / 'scans').resolve()}; "
            "it holds 1 file of other types (.pdf 1)"
        )
        assert status(app).startswith("Still answering from tiny/ (no readable")
        await pilot.press("enter")
        assert app.bot is fake_bot and app.settings.corpus == fake_bot.settings.corpus
        await ask(pilot, LIGHTHOUSE)
        reply = app.query_one(AnswerCard).reply
        assert reply is not None and reply.answers[0].citation.file == "harbor.txt"


# Copy short answer, clear


async def test_s_on_an_answer_copies_its_short_answer_with_the_span_citation(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, LIGHTHOUSE)
        await pilot.press("tab", "s")
        await pilot.pause()
        reply = app.query_one(AnswerCard).reply
    assert reply is not None and reply.answers[0].span == "Maria Koval"
    span = reply.answers[0].span_citation
    assert span is not None
    where = f"harbor.txt:L{span.line_start} (harbor.txt#{span.char_start}-{span.char_end})"
    assert app.clipboard == f"Maria Koval\n— {where}"


async def test_clear_conversation_starts_over_and_keeps_the_question_history(fake_bot: Bot) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test() as pilot:
        await ask(pilot, LIGHTHOUSE)
        await palette(pilot, "clear conversation")
        assert not app.query(AnswerCard) and app.exchanges == [] and app.query(".empty")
        await pilot.press("up")
        assert app.query_one(Input).value == LIGHTHOUSE
        await pilot.press("enter")
        await settle(pilot)
        (card,) = app.query(AnswerCard)
        assert card.number == 1 and card.reply is not None


async def test_the_palette_offers_chat_commands_only_over_the_chat(fake_bot: Bot) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    async def offered(pilot: Pilot, text: str) -> list[str]:
        await pilot.press("ctrl+p", *text)
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press("escape")
        await pilot.pause()
        return prompts

    app = make_app(fake_bot.settings, bot=fake_bot)
    async with app.run_test(size=(120, 32)) as pilot:
        await ask(pilot, LIGHTHOUSE)
        over_chat = await offered(pilot, "conversation")
        assert any("Export conversation" in p for p in over_chat) and any("Clear conversation" in p for p in over_chat)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert not any("conversation" in prompt for prompt in await offered(pilot, "conversation"))
        copies = await offered(pilot, "Copy")
        assert any("Copy citation" in p for p in copies) and not any("Copy answer" in p for p in copies)
        assert not any("Show or hide sources" in prompt for prompt in await offered(pilot, "sources"))


async def test_a_palette_screenshot_is_saved_where_exports_go(fake_bot: Bot, tmp_path: Path) -> None:
    app = make_app(fake_bot.settings, bot=fake_bot, export_dir=tmp_path)
    notes = Notes(app)
    async with app.run_test() as pilot:
        await palette(pilot, "Screenshot")
        for _ in range(50):
            if list(tmp_path.glob("*.svg")):
                break
            await pilot.pause(0.05)
        await pilot.pause()
    (screenshot,) = tmp_path.glob("*.svg")
    assert screenshot.read_text(encoding="utf-8").startswith("<svg")
    assert any(str(screenshot) in message for message, _ in notes.seen)


async def test_the_indexing_model_is_freed_once_a_palette_re_index_is_done(
    fake_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import weakref

    import qa.api

    class CyclicEncoder(HashingEncoder):
        """Holds itself in a reference cycle, as the sentence-transformers model does."""

        def __init__(self) -> None:
            self.me = self

    made: list[weakref.ref[CyclicEncoder]] = []

    def load_encoder(settings: Settings) -> CyclicEncoder:
        encoder = CyclicEncoder()
        made.append(weakref.ref(encoder))
        return encoder

    monkeypatch.setattr(qa.api, "load_encoder", load_encoder)
    app = make_app(fake_bot.settings, bot=fake_bot)
    gc.disable()  # as in an idle chat, where the collector's oldest generation may never be swept
    try:
        async with app.run_test() as pilot:
            (fake_bot.settings.corpus / "harbor.txt").write_text("The harbor opened in 1901.\n", encoding="utf-8")
            await palette(pilot, "Re-index corpus")
            await settle(pilot)
            await settle(pilot)
            assert made and app.bot is not fake_bot
            assert made[0]() is None
    finally:
        gc.enable()


async def test_ctrl_u_then_a_pasted_folder_in_one_burst_leaves_the_pasted_folder(fake_bot: Bot, tmp_path: Path) -> None:
    from textual import events

    app = make_app(fake_bot.settings, bot=fake_bot, bot_loader=FakeLoader())
    async with app.run_test() as pilot:
        await palette(pilot, "switch corpus folder")
        assert isinstance(app.screen, FolderDialog)
        field = app.screen.query_one("#folder", Input)
        # as a terminal delivers them: both queued before the first is handled
        app.post_message(events.Key("ctrl+u", None))
        app.post_message(events.Paste(str(tmp_path / "mills")))
        await pilot.pause()
        await pilot.pause()
        assert field.value == str(tmp_path / "mills")
