"""Getting answers out of the chat: the selected answer or citation to the clipboard, the conversation to Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from qa import Answer, Bot, Citation, Reply, Settings, format_chars, format_lines
from tui.export import conversation_markdown, export_path

CHANGED = "{files} changed since this answer: its citation would point at other text; ask again"


class CopyExportActions(App[None]):
    """The app's copy and export actions; QAApp holds the conversation they read."""

    settings: Settings
    bot: Bot | None
    exchanges: list[tuple[str, Reply | None]]
    selected: int | None
    export_dir: Path
    answered_from: dict[int, str]
    """Exchange number -> the corpus folder its reply came from."""

    def stale_files(self, citations: list[Citation]) -> list[str]:
        """Returns the files of `citations` that no longer hold the cited text where cited: edited since the
        answer was given (whether or not re-indexed since), or gone from the corpus."""
        if self.bot is None:
            return sorted({c.file for c in citations})
        changed = set(self.bot.changed_files(c.file for c in citations))
        stale = set()
        for c in citations:
            document = self.bot.document(c.file)
            if c.file in changed or document is None or document.text[c.char_start : c.char_end] != c.quote:
                stale.add(c.file)
        return sorted(stale)

    def _from_this_corpus(self, number: int) -> bool:
        """Tells whether exchange `number` was answered from the folder loaded now, whose files can be checked
        (after a switch, an older answer's files are another folder's, not changed ones)."""
        return self.answered_from.get(number, self.settings.corpus.name) == self.settings.corpus.name

    def _still_cited(self, citation: Citation) -> bool:
        """Tells whether the selected answer's citation can still be copied; says why not when it cannot."""
        if self.selected is not None and not self._from_this_corpus(self.selected):
            return True
        if stale := self.stale_files([citation]):
            self.notify(CHANGED.format(files=", ".join(stale)), title="Not copied", severity="error")
            return False
        return True

    def _selected_reply(self) -> Reply | None:
        if self.selected is None:
            return None
        return self.exchanges[self.selected - 1][1]

    def _answered(self) -> Reply | None:
        """Returns the selected reply when it has an answer to copy, else says why there is none."""
        reply = self._selected_reply()
        if reply is None and self.selected is not None:  # selected while it waits (or after it failed)
            self.notify("No answer to copy yet: this question has not been answered.", severity="warning")
        elif reply is None:
            self.notify("Select an answer first (tab from the question box).", severity="warning")
        elif reply.abstained:
            self.notify("Nothing to copy: this question was not answered.", severity="warning")
        return reply if reply is not None and not reply.abstained else None

    def action_copy_answer(self) -> None:
        """Copies the selected answer with its citation."""
        reply = self._answered()
        if reply is None:
            return
        answer = reply.answers[0]
        if not self._still_cited(answer.citation):
            return
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
        if not self._still_cited(span):
            return
        self.copy_to_clipboard(f"{answer.span}\n— {format_lines(span)} ({format_chars(span)})")
        self.notify(f"Copied the short answer from {format_lines(span)}", title="Clipboard")

    def action_copy_citation(self) -> None:
        """Copies the selected answer's citation."""
        reply = self._answered()
        if reply is None:
            return
        citation = reply.answers[0].citation
        if not self._still_cited(citation):
            return
        self.copy_to_clipboard(f"{format_lines(citation)} ({format_chars(citation)})")
        self.notify(f"Copied {format_lines(citation)}", title="Clipboard")

    def action_export(self) -> None:
        """Writes the conversation as Markdown with citations."""
        if not self.exchanges:
            self.notify("Nothing to export yet: ask a question first.", severity="warning")
            return
        path = export_path(self.export_dir)
        cited = [
            c
            for n, (_, reply) in enumerate(self.exchanges, 1)
            if reply is not None and self._from_this_corpus(n)
            for a in reply.answers
            for c in _citations(a)
        ]
        stale = set(self.stale_files(cited))
        folders = [self.answered_from.get(n) for n in range(1, len(self.exchanges) + 1)]
        text = conversation_markdown(
            self.exchanges, corpus=self.settings.corpus.name, changed=stale, answered_from=folders
        )
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", title="Export failed", severity="error")
            return
        note = f" ({', '.join(sorted(stale))} changed since: those answers are marked)" if stale else ""
        self.notify(f"{path}{note}", title="Conversation exported", severity="warning" if stale else "information")


def _citations(answer: Answer) -> list[Citation]:
    """Returns an answer's citation and its short answer's."""
    return [answer.citation] + ([answer.span_citation] if answer.span_citation is not None else [])
