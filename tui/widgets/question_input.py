"""The question box: an Input that remembers earlier questions, recalled with up and down."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input


class QuestionInput(Input):
    """An Input with shell-like history: up recalls older questions, down newer ones, then the draft.

    It empties itself the moment Enter is pressed: keys typed before the app has handled the question (a fast
    typist, a script) start the next one instead of being added to it.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous", show=False),
        Binding("down", "history(1)", "Next", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        # No select-all on focus: typing on a selected answer moves here, and the next key must not replace the text.
        placeholder = "Ask a question about the documents…"
        super().__init__(placeholder=placeholder, select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, question: str) -> None:
        """Adds a question to the history (not twice in a row) and resets recall to the newest."""
        if not self.history or self.history[-1] != question:
            self.history.append(question)
        self._position = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Shows the previous (-1) or next (+1) question; past the newest comes back to the draft."""
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.value
        position = max(0, min(len(self.history), self._position + step))
        if position == self._position:
            return
        self._position = position
        self.value = self.history[position] if position < len(self.history) else self._draft
        self.cursor_position = len(self.value)

    async def _on_key(self, event: events.Key) -> None:
        """Submits on Enter here, in the order keys reach the box: Enter as a binding runs later, after the keys
        typed behind it (a burst, or keys a terminal delivers in one read) were added to the same question."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        """Posts the question and empties the box at once."""
        value, self.value = self.value, ""
        self.post_message(self.Submitted(self, value, None))

    def _on_paste(self, event: events.Paste) -> None:
        """Pastes text of several lines as one line (Input keeps only the first): a question copied from a page."""
        if event.text:
            text = " ".join(event.text.split())
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.prevent_default()  # Input's own handler would paste the first line again
        event.stop()
