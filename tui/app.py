"""The chat app: conversation, sources panel and question box over a bot loaded in a worker thread."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, LoadingIndicator, ProgressBar, Static

from qa import Bot, QAError, Reply, Settings
from tui.bot_loading import BotLoading
from tui.commands import COMMANDS
from tui.copy_export import CHANGED, CopyExportActions
from tui.focus import next_stop
from tui.loading import BotLoader, load_chat_bot
from tui.messages import (
    AskFailed,
    BotFailed,
    BotLoaded,
    CitationChosen,
    ReplyReady,
    ReplySelected,
    SourcesStale,
)
from tui.screens.quote_screen import QuoteScreen
from tui.screens.source_screen import SourceScreen
from tui.widgets.answer_card import AnswerCard
from tui.widgets.conversation import Conversation
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.question_input import QuestionInput
from tui.widgets.sources_panel import SourcesPanel

log = logging.getLogger(__name__)

TINY_BELOW = 60
"""Terminal width under which questions and answers drop most of their indents, for the text."""
SHORT_BELOW = 30
"""Terminal height under which the sources panel, stacked under the question box on a narrow terminal, shows only
while it has the focus (F2): kept there, it left the conversation 7 rows of 20."""


class QAApp(BotLoading, CopyExportActions):
    """Asks the bot questions and shows verbatim, cited answers with their sources."""

    CSS_PATH = "app.tcss"
    TITLE = "qa"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        # The footer shows them in this order and cuts the last on a narrow terminal: F2 first, because it is the
        # only way to the sources panel there; the rest are also in the palette.
        Binding("f1", "help", "Help"),
        Binding("f2", "toggle_sources", "Sources"),
        Binding("ctrl+f", "find_quote", "Find quote"),
        Binding("ctrl+y", "copy_answer", "Copy answer"),
        Binding("ctrl+s", "export", "Export"),
        Binding("escape", "focus('question')", "Ask", show=False),
        Binding("pageup", "page(-1)", "Scroll up", show=False),
        Binding("pagedown", "page(1)", "Scroll down", show=False),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        bot: Bot | None = None,
        bot_loader: BotLoader | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.bot = bot
        self.exchanges: list[tuple[str, Reply | None]] = []
        self.selected: int | None = None
        self.export_dir = export_dir or Path.cwd()
        self._loader: BotLoader = bot_loader or load_chat_bot
        self._loading = bot is None
        self._loading_corpus = settings.corpus.name
        self._queue: deque[int] = deque()
        self._asking = False
        self.answered_from: dict[int, str] = {}
        self._refreshed: set[int] = set()
        """Questions that started a re-index because a file they would cite had changed; a second time is an error."""

    CHAT_ACTIONS = frozenset(
        {"copy_answer", "copy_short_answer", "export", "toggle_sources", "find_quote", "page", "clear"}
    )
    """Actions of the chat screen, hidden from the footer of the other screens."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with Conversation(id="conversation"):
                    yield Static(self._welcome(), classes="empty")
                with Horizontal(id="status"):
                    yield LoadingIndicator(id="spinner")
                    yield Static(id="status-text")
                    yield ProgressBar(id="progress", show_eta=False)
                yield QuestionInput(id="question")
            yield SourcesPanel(id="sources")
        yield FittedFooter()

    def _welcome(self) -> Content:
        return Content.assemble(
            ("Ask a question about the documents in ", "$text-muted"),
            (f"{self.settings.corpus.name}/", "bold"),
            (". Answers are copied verbatim from them and cited; ", "$text-muted"),
            ("F1", "bold"),
            (" for help, ", "$text-muted"),
            ("ctrl+p", "bold"),
            (" for commands.", "$text-muted"),
        )

    def on_mount(self) -> None:
        self.query_one(QuestionInput).focus()
        self.query_one("#progress", ProgressBar).display = False
        if self.bot is None:
            self._start_loading(self.settings, rebuild=False)
        else:
            self._set_ready(self.bot)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < TINY_BELOW, "-tiny")
        self.set_class(event.size.height < SHORT_BELOW, "-short")

    # Loading: the worker and status line are in BotLoading; questions that waited start here

    async def on_bot_loaded(self, message: BotLoaded) -> None:
        switched = message.bot.settings.corpus != self.settings.corpus
        self._set_ready(message.bot)
        for welcome in self.query(".empty").results(Static):  # after a corpus switch it names the new folder
            welcome.update(self._welcome())
        if switched and self.exchanges:
            # The answers above cite files of the folder left: without a line here, their citations failed to
            # open with no hint why.
            await self.query_one(Conversation).add_note(f"Now answering from {self.settings.corpus.name}/")
        if switched:
            for card in self.query(AnswerCard):
                corpus = self.answered_from.get(card.number)
                card.mark_corpus(corpus if corpus is not None and corpus != self.settings.corpus.name else None)
        self._ask_next()

    def on_bot_failed(self, message: BotFailed) -> None:
        self._show_load_failure(message.error)
        self._ask_next()

    # Asking

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        box = self.query_one(QuestionInput)
        if event.input is not box or not question:
            return
        box.remember(question)  # the box emptied itself on Enter
        self.exchanges.append((question, None))
        number = len(self.exchanges)
        if self._loading:
            waiting = "Waiting for the model and index to load…"
        elif self._asking or self._queue:
            waiting = "Waiting for the questions before it…"
        else:
            waiting = "Searching the documents…"
        await self.query_one(Conversation).add_exchange(number, question, waiting=waiting)
        self._queue.append(number)
        self.refresh_bindings()  # there is a conversation to export now
        self._ask_next()

    def _ask_next(self) -> None:
        """Starts answering the oldest waiting question when the bot is free."""
        if self.bot is None or self._loading or self._asking or not self._queue:
            return
        number = self._queue.popleft()
        card = self.query_one(Conversation).card(number)
        if card is not None:
            card.show_waiting("Searching the documents…")
        self._asking = True
        self.ask(self.bot, number, self.exchanges[number - 1][0])

    @work(thread=True, group="ask", exit_on_error=False)
    def ask(self, bot: Bot, number: int, question: str) -> None:
        """Answers one question in a thread; the reply comes back as a message."""
        try:
            # A fact added to a file no answer would cite is answered from the file as it is now, after a re-index.
            if changed := bot.stale_files():
                self.post_message(SourcesStale(number, changed))
                return
            reply = bot.ask(question)
            if changed := bot.changed_sources(reply):
                # Offsets into a file edited since indexing would cite other text: the app re-indexes, then asks again.
                self.post_message(SourcesStale(number, changed))
                return
            self.post_message(ReplyReady(number, reply))
        except QAError as exc:
            self.post_message(AskFailed(number, str(exc)))
        except Exception as exc:  # shown on the card, not swallowed
            log.exception("answering failed")
            self.post_message(AskFailed(number, f"unexpected error: {exc}"))

    async def on_sources_stale(self, message: SourcesStale) -> None:
        """Re-indexes before answering from a file edited since indexing, once per question; the question waits
        first in line, as the loading state (status line, spinner, no second indexer) shows."""
        self._asking = False
        files = ", ".join(message.paths)
        card = self.query_one(Conversation).card(message.number)
        if message.number in self._refreshed and not self._loading:
            error = f"{files} changed since indexing and re-indexing did not catch up: ctrl+p Re-index, then ask again"
            await self.on_ask_failed(AskFailed(message.number, error))
            return
        self._queue.appendleft(message.number)
        if card is not None:
            card.show_waiting(f"{files} changed since indexing: re-indexing it first…")
        if not self._loading:  # a re-index or corpus switch already under way is waited for instead
            self._refreshed.add(message.number)
            self._start_loading(self.settings, rebuild=True)

    async def on_reply_ready(self, message: ReplyReady) -> None:
        self._asking = False
        question, _ = self.exchanges[message.number - 1]
        self.exchanges[message.number - 1] = (question, message.reply)
        self.answered_from[message.number] = self.settings.corpus.name
        conversation = self.query_one(Conversation)
        card = conversation.card(message.number)
        if card is not None:
            await card.show_reply(message.reply)
        self._select(message.number)
        conversation.show_exchange(message.number)
        self._ask_next()

    async def on_ask_failed(self, message: AskFailed) -> None:
        self._asking = False
        card = self.query_one(Conversation).card(message.number)
        if card is not None:
            await card.show_error(message.error)
        self.notify(message.error, title="Could not answer", severity="error")
        self._ask_next()

    # Selection and sources

    def on_reply_selected(self, message: ReplySelected) -> None:
        self._select(message.number)

    def _select(self, number: int) -> None:
        self.selected = number
        self.query_one(Conversation).kept = number
        for card in self.query(AnswerCard):
            card.set_class(card.number == number, "-selected")
        self.query_one(SourcesPanel).show_reply(self.exchanges[number - 1][1], number)
        self.refresh_bindings()  # whether Ctrl+Y has an answer to copy

    @on(CitationChosen)
    def open_citation(self, message: CitationChosen) -> None:
        """Opens the source viewer at a citation, if the document still says what was cited."""
        citation = message.citation
        document = self.bot.document(citation.file) if self.bot is not None else None
        if document is None:
            self.notify(
                f"{citation.file} is not in {self.settings.corpus.name}/, the folder answering now", severity="error"
            )
            return
        if self.stale_files([citation]):
            self.notify(CHANGED.format(files=citation.file), title="Not opened", severity="error")
            return
        self.push_screen(SourceScreen(document.text, citation))

    # Actions

    def shows_hint(self, action: str) -> bool:
        """Tells whether the footer shows the hint of an app key: Ctrl+Y only over an answer to copy, Ctrl+S only
        once there is a conversation to export. The keys and palette commands still say why they do nothing."""
        if action == "copy_answer":
            reply = self._selected_reply()
            return reply is not None and not reply.abstained
        if action == "export":
            return bool(self.exchanges)
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.CHAT_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    def action_focus_next(self) -> None:
        """Moves to the next stop of the chat (question box, answers, sources); other screens cycle as usual."""
        self._focus_stop(1)

    def action_focus_previous(self) -> None:
        """Moves to the previous stop of the chat: Tab's round backwards."""
        self._focus_stop(-1)

    def _focus_stop(self, step: int) -> None:
        if self.screen is not self.screen_stack[0]:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        stop = next_stop(self.screen, step)
        if stop is not None:
            self.screen.set_focus(stop)  # now, as Screen.focus_next does: keys typed right behind go to it

    def action_help(self) -> None:
        """Shows the help screen."""
        from tui.screens.help_screen import HelpScreen  # deferred: the Markdown widget costs 0.1 s at start-up

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_find_quote(self) -> None:
        """Opens the quotation look-up; it waits for the bot when that is still loading."""
        self.push_screen(QuoteScreen(self.bot))

    async def action_clear(self) -> None:
        """Empties the conversation (the question box keeps its history); not while a question is answered."""
        if self._asking or self._queue:
            self.notify("Wait for the answers first.", severity="warning")
            return
        self.exchanges.clear()
        self._refreshed.clear()  # numbers start again at 1
        self.answered_from.clear()
        self.selected = None
        conversation = self.query_one(Conversation)
        await conversation.remove_children()
        await conversation.mount(Static(self._welcome(), classes="empty"))
        self.query_one(SourcesPanel).show_reply(None, 0)
        self.query_one(QuestionInput).focus()
        self.refresh_bindings()

    def action_page(self, step: int) -> None:
        """Scrolls the conversation a page, wherever the focus is."""
        self.query_one(Conversation).page(step)

    def action_toggle_sources(self) -> None:
        """Shows or hides the sources panel; on a small terminal, shows it with the focus until the focus leaves."""
        panel = self.query_one(SourcesPanel)
        if self.has_class("-short") and self.screen_stack[0].has_class("-narrow"):
            peek = not panel.display
            self.set_class(peek, "-peek-sources")
            self.call_after_refresh((panel if peek else self.query_one(QuestionInput)).focus)
            return
        shown = panel.display
        self.set_class(shown, "-hide-sources")
        self.set_class(not shown, "-show-sources")
        if shown:
            self.remove_class("-peek-sources")  # it would keep a focused panel shown

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Marks the sources panel as shown while it has the focus, however it got it: reached with Tab on a large
        terminal, it vanished (and the focus with it) when the terminal shrank, as only F2 had marked it."""
        if isinstance(event.widget, SourcesPanel):
            self.add_class("-peek-sources")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Hides the sources panel shown on a small terminal once the focus leaves it for the chat (not for the
        source viewer it opened, whose Escape comes back to it)."""
        if isinstance(event.widget, SourcesPanel) and self.screen is self.screen_stack[0]:
            self.remove_class("-peek-sources")

    def action_toggle_dark(self) -> None:
        """Switches between the dark and light themes."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Saves palette screenshots where exports go (the current folder): Textual's default, the user's
        Downloads folder, need not exist, and then it only said `Failed to save screenshot`."""
        return super().deliver_screenshot(filename, path or str(self.export_dir), time_format)

    def get_css_variables(self) -> dict[str, str]:
        """Adds `$answer-span`, the short answer's style: ANSI themes drop the alpha of blended colours, so the
        truecolour style (warning text on muted warning) turned yellow on yellow there; reverse video shows in any
        terminal palette."""
        variables = super().get_css_variables()
        if self.current_theme.ansi:
            variables["answer-span"] = "bold reverse"
        else:
            variables["answer-span"] = f"bold {variables['text-warning']} on {variables['warning-muted']}"
        return variables

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" opened a side panel that neither Escape nor F1 closed; "Help" is the full key table.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        for command in COMMANDS:
            if command.action in self.CHAT_ACTIONS and screen is not self.screen_stack[0]:
                continue  # they act on the chat, and `check_action` turns them off elsewhere: offered, they did nothing
            yield SystemCommand(command.title, command.help, partial(self.run_action, command.action))


def make_app(
    settings: Settings,
    *,
    bot: Bot | None = None,
    bot_loader: BotLoader | None = None,
    export_dir: Path | None = None,
) -> QAApp:
    """Builds the chat app; the CLI and the tests both call this, tests passing a ready bot or their own loader."""
    return QAApp(settings, bot=bot, bot_loader=bot_loader, export_dir=export_dir)


def run_app(settings: Settings) -> None:
    """Runs the chat UI until the user quits."""
    make_app(settings).run()
