"""The sources panel: the passages retrieved for the selected answer, with their scores and files."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from qa import Reply, format_lines
from tui.messages import CitationChosen
from tui.text import passage_citation, plain, snippet
from tui.widgets.question_input import QuestionInput

EMPTY = "The passages retrieved for the selected answer show here."


def placeholder() -> Option:
    """Returns the panel's line before any answer (or after Clear conversation)."""
    return Option(Content.styled(EMPTY, "$text-muted"), disabled=True)


class SourcesPanel(OptionList):
    """Lists the retrieved passages of one reply; Enter or a click opens one in the source viewer."""

    BINDINGS = [Binding("enter", "select", "Open")]  # OptionList hides it from the footer, which then showed no way in

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder(), **kwargs)  # type: ignore[arg-type]
        self.border_title = "Sources"
        self.reply: Reply | None = None

    def show_reply(self, reply: Reply | None, number: int = 0) -> None:
        """Lists the passages of `reply` (none: a line saying what shows here)."""
        self.reply = reply
        self.clear_options()
        self.refresh_bindings()  # `Open` shows only over passages
        if reply is None:  # a blank box under `Open` looked broken, as it did for `Who?` (below)
            self.border_subtitle = ""
            self.add_option(placeholder())
            return
        self.border_subtitle = f"question {number}" if number else ""
        options: list[Option | None] = []
        for n, passage in enumerate(reply.passages, 1):
            citation = passage_citation(passage)
            head = Content.assemble(
                (f"[{n}] ", "bold $accent"),
                (f"{passage.score:.3f}", "bold"),
                (f"  dense {passage.dense:.2f} · bm25 {passage.lexical:.1f}\n", "$text-muted"),
                (format_lines(citation), "$text-primary"),
                "\n",
            )
            if options:
                options.append(None)
            options.append(Option(head + plain(snippet(passage.chunk.text, 200), "$text-muted"), id=str(n - 1)))
        if not options:  # `Who?`: nothing was searched for, and a blank panel looked broken
            options.append(
                Option(Content.styled("No passages were retrieved for this question.", "$text-muted"), disabled=True)
            )
        self.add_options(options)
        if reply.passages:
            self.highlighted = 0

    def shows_hint(self, action: str) -> bool:
        """Tells whether the footer shows Enter's `Open`: only over passages to open."""
        return action != "select" or bool(self.reply and self.reply.passages)

    async def on_key(self, event: events.Key) -> None:
        """Typing starts the next question, as on an answer card: the panel has no use for letters, and a question
        typed here was lost while the Enter after it opened the highlighted passage."""
        box = self.app.query_one(QuestionInput)
        if (event.is_printable and event.character) or self.screen.focused is box:
            await box.take_key(event)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.reply is not None and event.option.id is not None:
            self.post_message(CitationChosen(passage_citation(self.reply.passages[int(event.option.id)])))
