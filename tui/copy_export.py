"""Getting answers out of the chat: the selected answer or citation to the clipboard, the conversation to Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from qa import Reply, Settings, format_chars, format_lines
from tui.export import conversation_markdown, export_path


class CopyExportActions(App[None]):
    """The app's copy and export actions; QAApp holds the conversation they read."""

    settings: Settings
    exchanges: list[tuple[str, Reply | None]]
    selected: int | None
    export_dir: Path

    def _selected_reply(self) -> Reply | None:
        if self.selected is None:
            return None
        return self.exchanges[self.selected - 1][1]

    def _answered(self) -> Reply | None:
        """Returns the selected reply when it has an answer to copy, else says why there is none."""
        reply = self._selected_reply()
        if reply is None:
            self.notify("Select an answer first (shift+tab from the question box).", severity="warning")
        elif reply.abstained:
            self.notify("Nothing to copy: this question was not answered.", severity="warning")
        return reply if reply is not None and not reply.abstained else None

    def action_copy_answer(self) -> None:
        """Copies the selected answer with its citation."""
        reply = self._answered()
        if reply is None:
            return
        answer = reply.answers[0]
        self.copy_to_clipboard(f"{answer.text}\n— {format_lines(answer.citation)} ({format_chars(answer.citation)})")
        self.notify(f"Copied the answer from {format_lines(answer.citation)}", title="Clipboard")

    def action_copy_short_answer(self) -> None:
        """Copies the short answer (the name, date or number) of the selected answer with its citation."""
        reply = self._answered()
        if reply is None:
            return
        answer = reply.answers[0]
        span = answer.span_citation
        if answer.span is None or span is None:
            self.notify("This answer has no short answer; ctrl+y copies the whole sentence.", severity="warning")
            return
        self.copy_to_clipboard(f"{answer.span}\n— {format_lines(span)} ({format_chars(span)})")
        self.notify(f"Copied the short answer from {format_lines(span)}", title="Clipboard")

    def action_copy_citation(self) -> None:
        """Copies the selected answer's citation."""
        reply = self._answered()
        if reply is None:
            return
        citation = reply.answers[0].citation
        self.copy_to_clipboard(f"{format_lines(citation)} ({format_chars(citation)})")
        self.notify(f"Copied {format_lines(citation)}", title="Clipboard")

    def action_export(self) -> None:
        """Writes the conversation as Markdown with citations."""
        if not self.exchanges:
            self.notify("Nothing to export yet: ask a question first.", severity="warning")
            return
        path = export_path(self.export_dir)
        try:
            path.write_text(conversation_markdown(self.exchanges, corpus=self.settings.corpus.name), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", title="Export failed", severity="error")
            return
        self.notify(str(path), title="Conversation exported")
