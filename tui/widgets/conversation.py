"""The scrolling conversation: each question, then its answer card."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from qa import MAX_QUESTION_CHARS
from tui.text import plain
from tui.widgets.answer_card import AnswerCard

SHOWN_QUESTION_CHARS = 300
"""A pasted page of text is shown cut to this, so it does not push the answer off the screen."""


def shown_question(question: str) -> str:
    """Returns the question as its bubble shows it: as typed (as the export has it; French puts a space before
    `?`, and a bubble that dropped it misquoted the user), only cut when long, saying how much the bot reads."""
    if len(question) <= SHOWN_QUESTION_CHARS:
        return question
    asked = f"; only the first {MAX_QUESTION_CHARS:,} are asked" if len(question) > MAX_QUESTION_CHARS else ""
    return f"{question[:SHOWN_QUESTION_CHARS]}… ({len(question):,} characters{asked})"


class Conversation(VerticalScroll, can_focus=False):
    """Questions and answer cards, newest at the bottom."""

    kept: int | None = None
    """The exchange being read (the selected one): a resize re-wraps every line, and it is scrolled back to."""

    def on_resize(self) -> None:
        if self.kept is not None:
            self.show_exchange(self.kept)

    async def add_exchange(self, number: int, question: str, *, waiting: str) -> AnswerCard:
        """Adds a question and a pending answer card for it, and scrolls to them."""
        card = AnswerCard(number, waiting=waiting)
        self.query(".empty").remove()
        await self.mount_all([Static(plain(shown_question(question)), classes="question"), card])
        self.scroll_end(animate=False)
        return card

    async def add_note(self, text: str) -> None:
        """Adds a line between exchanges, such as where the chat switched to another folder."""
        self.query(".empty").remove()
        await self.mount(Static(Content(text), classes="note"))
        self.scroll_end(animate=False)

    def show_exchange(self, number: int) -> None:
        """Scrolls so exchange `number` starts at the top: its question, then the best answer, not the last of the
        alternatives below them."""
        card = self.card(number)
        if card is None:
            return
        siblings = list(self.children)
        at = siblings.index(card)
        start = siblings[at - 1] if at > 0 and siblings[at - 1].has_class("question") else card
        # after the refresh: the card has just been filled, and its new height is not laid out yet
        self.call_after_refresh(self.scroll_to_widget, start, animate=False, top=True)

    def page(self, step: int) -> None:
        """Scrolls a page up (-1) or down (+1): the question box keeps the focus while the reader scrolls."""
        if step < 0:
            self.scroll_page_up(animate=False)
        else:
            self.scroll_page_down(animate=False)

    def card(self, number: int) -> AnswerCard | None:
        """Returns the answer card of exchange `number`."""
        for card in self.query(AnswerCard):
            if card.number == number:
                return card
        return None
