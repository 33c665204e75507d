"""The scrolling conversation: each question, then its answer card."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.text import plain
from tui.widgets.answer_card import AnswerCard


class Conversation(VerticalScroll, can_focus=False):
    """Questions and answer cards, newest at the bottom."""

    async def add_exchange(self, number: int, question: str, *, waiting: str) -> AnswerCard:
        """Adds a question and a pending answer card for it, and scrolls to them."""
        card = AnswerCard(number, waiting=waiting)
        self.query(".empty").remove()
        await self.mount_all([Static(plain(question), classes="question"), card])
        self.scroll_end(animate=False)
        return card

    def card(self, number: int) -> AnswerCard | None:
        """Returns the answer card of exchange `number`."""
        for card in self.query(AnswerCard):
            if card.number == number:
                return card
        return None
