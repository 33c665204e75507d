"""Loading the chat's bot in a worker thread, reported by the spinner, progress bar and status line."""

from __future__ import annotations

import logging
from pathlib import Path

from textual import work
from textual.app import App
from textual.content import Content
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from qa import Bot, QAError, Settings
from tui.loading import BotLoader
from tui.messages import BotFailed, BotLoaded, LoadProgressed, ReindexWanted
from tui.screens.dialogs import ErrorDialog, FolderDialog
from tui.screens.quote_screen import QuoteScreen

log = logging.getLogger(__name__)


class LoadCancelled(Exception):
    """Raised inside a cancelled loading worker to stop its indexing early."""


class BotLoading(App[None]):
    """The app's loading half: load, re-index or switch corpus without blocking the chat; QAApp sets the state."""

    settings: Settings
    bot: Bot | None
    _loader: BotLoader
    _loading: bool
    _loading_corpus: str
    _announce_reindex = False
    """The user asked for the re-index: say when it is done (the status line alone went unnoticed)."""

    def _start_loading(self, settings: Settings, *, rebuild: bool) -> None:
        self._loading = True
        self._loading_corpus = settings.corpus.name
        self.query_one("#spinner").display = True
        self._set_status(f"{'Indexing' if rebuild else 'Loading'} {settings.corpus.name}/…")
        self.load_bot(settings, rebuild)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_bot(self, settings: Settings, rebuild: bool) -> None:
        """Loads (and if needed indexes) in a thread; the result comes back as a message."""
        worker = get_current_worker()

        def progress(stage: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                # The user quit, or switched to another folder: stop at the next step rather than embed on for
                # minutes behind a closed screen (the index is written whole or not at all, so stopping is safe).
                raise LoadCancelled
            self.post_message(LoadProgressed(stage, done, total))

        try:
            bot = self._loader(settings, progress=progress, rebuild=rebuild, previous=self.bot)
        except LoadCancelled:
            return
        except QAError as exc:
            message: BotLoaded | BotFailed = BotFailed(str(exc))
        except Exception as exc:  # shown to the user, not swallowed: a worker error must not kill the chat
            log.exception("loading the bot failed")
            message = BotFailed(f"unexpected error while loading: {exc}")
        else:
            message = BotLoaded(bot)
        if not worker.is_cancelled:
            self.post_message(message)

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_up(self, bot: Bot) -> None:
        """Loads what the first non-English question would wait for (the USE weights) while the user types."""
        try:
            bot.warm_up()
        except Exception:  # the question that needs the model reports it to the user; here it is only logged
            log.exception("warming up the bot failed")

    def on_load_progressed(self, message: LoadProgressed) -> None:
        bar = self.query_one_optional("#progress", ProgressBar)
        if bar is None:  # the chat is closing: a step reported by the loader as it stops comes in after its widgets
            return
        bar.display = message.total > 0
        if message.total > 0:
            bar.update(total=message.total, progress=message.done)
            self._set_status(f"Indexing {self._loading_corpus}/: {message.stage} {message.done}/{message.total}")
        else:
            self._set_status(f"{message.stage}…")

    def _show_load_failure(self, error: str) -> None:
        """Says why loading failed, keeping the bot that was answering before if there is one."""
        self._loading = False
        self._announce_reindex = False
        self.query_one("#spinner").display = False
        self.query_one("#progress").display = False
        for screen in self.screen_stack:
            if isinstance(screen, QuoteScreen):
                screen.load_failed(error)
        if self.bot is not None:
            self._set_status(f"Still answering from {self.settings.corpus.name}/ ({error})", error=True)
        else:
            self._set_status(f"{error} · ctrl+p: re-index or switch corpus", error=True)
        self.push_screen(ErrorDialog("Could not load the documents", error))

    def _set_ready(self, bot: Bot) -> None:
        self.bot = bot
        self.settings = bot.settings
        self._loading = False
        self.query_one("#spinner").display = False
        self.query_one("#progress").display = False
        documents = len(bot.index.documents)
        counted = f"{documents} document{'' if documents == 1 else 's'}"
        self.sub_title = f"{self.settings.corpus.name}/ · {counted}"
        self._set_status(f"Ready · {counted} in {self.settings.corpus.name}/")
        if self._announce_reindex:
            self._announce_reindex = False
            self.notify(f"{self.settings.corpus.name}/ re-indexed: {counted}", title="Index up to date")
        for screen in self.screen_stack:
            if isinstance(screen, QuoteScreen):
                screen.use_bot(bot)
        self.warm_up(bot)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status-text", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    def action_reindex(self) -> None:
        """Indexes new and changed files, then reloads."""
        if self._loading:
            self.notify("Already loading; wait for it to finish.", severity="warning")
            return
        self._announce_reindex = True
        self._start_loading(self.settings, rebuild=True)

    def on_reindex_wanted(self, message: ReindexWanted) -> None:
        """Re-indexes for a screen that found a file edited since indexing, unless loading is under way already:
        either way, the screen gets the new bot when it is ready."""
        if not self._loading:
            self._start_loading(self.settings, rebuild=True)

    def action_switch_corpus(self) -> None:
        """Asks for another corpus folder and loads it."""

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self._start_loading(self.settings.with_(corpus=folder, index_dir=None), rebuild=False)

        self.push_screen(FolderDialog(self.settings.corpus), chosen)
