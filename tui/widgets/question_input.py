"""The question box: an Input that remembers earlier questions, recalled with up and down."""

from __future__ import annotations

from textual import events
from textual.binding import Binding

from tui.widgets.in_order_input import InOrderInput


class QuestionInput(InOrderInput):
    """An Input with shell-like history: up recalls older questions, down newer ones, then the draft.

    It empties itself the moment Enter is pressed: keys typed before the app has handled the question (a fast
    typist, a script) start the next one instead of being added to it.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous", show=False),
        Binding("down", "history(1)", "Next", show=False),
        # A one-line box has nothing to page through: its inherited page keys scroll the conversation instead,
        # run here because the box stops every key it has a binding for before the app's bindings see it.
        Binding("pageup", "app.page(-1)", "Scroll up", show=False),
        Binding("pagedown", "app.page(1)", "Scroll down", show=False),
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
        """Handles every key in the order keys reach the box (see `InOrderInput`).

        In a burst `Q1` Enter `Q2` Enter became one question `Q1Q2`, and Shift+Tab followed by typing left the focus
        on an answer with the text in the box: Tab and Shift+Tab move the focus here too. A typed key that reaches
        the box after the focus moved on brings the focus back with it.
        """
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":  # through the app: the chat's stops are not the screen's focus chain
                self.app.action_focus_next()
            else:
                self.app.action_focus_previous()
            return
        if event.is_printable and self.screen.focused is not self:
            self.screen.set_focus(self)
        await super()._on_key(event)

    async def take_key(self, event: events.Key) -> None:
        """Takes the focus and a key that reached another widget of the chat: typing on an answer or in the
        sources panel starts the next question, and every key typed behind it (Enter too) belongs to it."""
        event.stop()
        event.prevent_default()
        self.screen.set_focus(self)  # now, not after this batch of keys: the next ones are the question's too
        await self._on_key(event)

    def action_copy(self) -> None:
        """Copies the selected text; with none, says how to quit: Ctrl+C is typed to leave out of habit, and the
        box swallowed it in silence (the app's own hint never saw the key)."""
        if self.selected_text:
            super().action_copy()
        else:
            self.app.action_help_quit()

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
