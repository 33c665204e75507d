"""One reply in the conversation: the verbatim answer with its span highlighted, confidence and citation chips."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from qa import Citation, Reply, as_likely
from tui.messages import CitationChosen, ReplySelected
from tui.text import answer_text, chip_label, passage_citation, plain, snippet
from tui.widgets.question_input import QuestionInput

SPAN_STYLE = "$answer-span"
"""How the short answer span stands out inside the answer sentence: a variable the app sets for each theme."""
UNSURE_BELOW = 0.5
"""Confidence under which an answer is marked unsure: the bot thinks it more likely than not that the documents do
not answer the question, though not unlikely enough to abstain."""


class CitationChip(Static):
    """A numbered citation, `[1] FILE:L21`; clicking it opens the source viewer."""

    def __init__(self, number: int, citation: Citation) -> None:
        super().__init__(classes="chip", markup=False)
        self.number = number
        self.citation = citation
        self.tooltip = self.open_tooltip()

    def open_tooltip(self) -> str:
        """Returns the tooltip of a chip that opens in the folder answering now."""
        return f"Open {self.citation.file} at line {self.citation.line_start}"

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return cell_len(chip_label(self.number, self.citation))

    def render(self) -> Content:
        """Fits the label to the chip's width, which `max-width` keeps within the card."""
        return Content(chip_label(self.number, self.citation, self.content_size.width or None))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(CitationChosen(self.citation))


class AnswerCard(Vertical, can_focus=True):
    """The bot's side of one exchange; pending until its reply arrives."""

    BINDINGS = [
        Binding("enter", "open(1)", "Open"),  # short: the footer at 80 columns has room for every key but little more
        Binding("up", "step(-1)", "Previous", show=False),
        Binding("down", "step(1)", "Next", show=False),
    ]

    LETTER_KEYS = {"c": "app.copy_answer", "s": "app.copy_short_answer", **{str(n): f"open({n})" for n in range(1, 10)}}
    """Keys that act on a selected card (`c` copy, `s` copy the short answer, `1`-`9` open a citation), handled
    with the card's other keys in `on_key`, not as bindings: the app runs a binding as soon as the key arrives, so
    in `Is a ...` typed fast on a selected card the `s` copied the short answer before the `I` had moved the focus
    to the question box."""

    def footer_hints(self) -> list[tuple[str, str, str]]:
        """Returns the letter keys as the footer shows them where the width allows (they are no bindings, see
        above; they were only in the F1 help), those that do something on this card: a `Nothing to look for` card
        showed all of them, none of which did anything."""
        hints: list[tuple[str, str, str]] = []
        if self._opens_citations():
            count = len(self.citations)
            hints.append(("1", "1" if count == 1 else f"1-{min(count, 9)}", "Cite"))
        reply = self.reply
        if reply is not None and not reply.abstained:
            hints.append(("c", "c", "Copy"))
            if reply.answers[0].span is not None and reply.answers[0].span_citation is not None:
                hints.append(("s", "s", "Copy short"))
        return hints

    def shows_hint(self, action: str) -> bool:
        """Tells whether the footer shows Enter's `Open`: only when there is a citation that opens here."""
        return not action.startswith("open") or self._opens_citations()

    def _opens_citations(self) -> bool:
        """Tells whether the card's citations open: it has some, from the folder answering now (an answer marked
        `not loaded` cites another folder's files, and opening one says so)."""
        return bool(self.citations) and not self.has_class("-other-corpus")

    def __init__(self, number: int, *, waiting: str) -> None:
        super().__init__(classes="card -pending")
        self.number = number
        self.reply: Reply | None = None
        self.citations: list[Citation] = []
        self._waiting = waiting
        self._titles: tuple[str, ...] = ("Answer",)
        self.border_title = "Answer"

    def compose(self) -> ComposeResult:
        yield Static(Content(self._waiting), classes="waiting")

    async def on_key(self, event: events.Key) -> None:
        """Acts on the card's letter keys while it has the focus; any other typing starts the next question, and so
        does every key that reached the card after typing moved the focus to the question box."""
        box = self.app.query_one(QuestionInput)
        if self.screen.focused is box:  # `has_focus` follows only after the Blur event
            await box.take_key(event)
            return
        if not (event.is_printable and event.character):
            return
        action = self.LETTER_KEYS.get(event.key)
        if action is not None:
            event.stop()
            await self.run_action(action)
            return
        await box.take_key(event)

    def _set_title(self, *titles: str) -> None:
        """Titles the card with the first of `titles` (longest first) that fits: a cut title lost its end, where
        the confidence and `unsure` are."""
        self._titles = titles
        self._fit_title()

    def _fit_title(self) -> None:
        room = self.size.width - 6  # the corners, a rule before the title and a space either side of it
        self.border_title = next((t for t in self._titles if cell_len(t) <= room), self._titles[-1])

    def on_resize(self) -> None:
        self._fit_title()

    def show_waiting(self, text: str) -> None:
        """Changes the line shown while the reply is pending."""
        if self.reply is None:
            self.query_one(".waiting", Static).update(Content(text))

    async def show_error(self, error: str) -> None:
        """Shows that this question could not be answered."""
        self.remove_class("-pending")
        self.add_class("-error")
        self._set_title("Error")
        await self.remove_children()
        await self.mount(Static(Content(error), classes="message"))
        self.refresh_bindings()

    async def show_reply(self, reply: Reply) -> None:
        """Replaces the pending line with the reply."""
        self.reply = reply
        self.remove_class("-pending")
        await self.remove_children()
        if reply.abstained:
            await self._show_abstention(reply)
        else:
            await self._show_answers(reply)
        self.refresh_bindings()  # the footer's hints follow what the card now offers

    async def _show_answers(self, reply: Reply) -> None:
        self.add_class("-answer")
        unsure = reply.confidence < UNSURE_BELOW
        self.set_class(unsure, "-unsure")
        confidence, unsure_label = f"{reply.confidence:.2f}", " · unsure" if unsure else ""
        self._set_title(
            f"Answer · confidence {confidence}{unsure_label}",
            f"Answer · {confidence}{unsure_label}",
            confidence + unsure_label,
        )
        widgets: list[Static] = []
        for n, answer in enumerate(reply.answers, 1):
            self.citations.append(answer.citation)
            if n == 1:
                widgets.append(Static(answer_text(answer, SPAN_STYLE), classes="answer-text"))
            else:
                # Relative to the answer above: its own score is on another scale than the title's confidence,
                # and `Also (0.94)` under `confidence 0.72` read as the likelier one.
                label = Content.styled(f"Also ({as_likely(answer, reply.answers[0])}): ", "bold $text-muted")
                widgets.append(Static(label + answer_text(answer, SPAN_STYLE), classes="answer-text -also"))
            widgets.append(CitationChip(n, answer.citation))
        await self.mount_all(widgets)

    async def _show_abstention(self, reply: Reply) -> None:
        self.add_class("-abstained")
        # with no passage shown, nothing was searched for (`???`, `Who?`): "not found" would suggest otherwise
        if reply.passages:
            self._set_title("Not found in the documents", "Not found")
        else:
            self._set_title("Nothing to look for")
        widgets: list[Static] = [Static(plain(reply.message or "No passage answers this question."), classes="message")]
        if reply.passages:
            widgets.append(Static(Content("Closest passages (not answers):"), classes="closest-title"))
        for n, passage in enumerate(reply.passages[:3], 1):
            citation = passage_citation(passage)
            self.citations.append(citation)
            widgets.append(Static(plain(snippet(passage.chunk.text)), classes="closest"))
            widgets.append(CitationChip(n, citation))
        await self.mount_all(widgets)

    def mark_corpus(self, corpus: str | None) -> None:
        """Marks the answer as given from folder `corpus`, not the one answering now (None: unmark); its chips say
        so too, as their files are looked up in the folder answering now."""
        self.border_subtitle = f"from {corpus}/ · not loaded" if corpus else ""
        self.set_class(corpus is not None, "-other-corpus")
        self.refresh_bindings()
        for chip in self.query(CitationChip):
            chip.tooltip = (
                f"From {corpus}/: switch back to it to open"
                if corpus
                else f"Open {chip.citation.file} at line {chip.citation.line_start}"
            )

    def on_focus(self) -> None:
        self.post_message(ReplySelected(self.number))

    def action_open(self, number: int) -> None:
        """Opens citation `number` (1-based) in the source viewer; says how many there are when it has no such one
        (a `7` on an answer of three did nothing, which read as a broken key)."""
        count = len(self.citations)
        if 0 < number <= count:
            self.post_message(CitationChosen(self.citations[number - 1]))
        elif self.reply is not None:
            has = "no citations" if not count else "1 citation" if count == 1 else f"{count} citations"
            self.notify(f"This answer has {has}", severity="warning")

    def action_step(self, step: int) -> None:
        """Moves the focus to the previous or next answer card, or back to the question box past the last."""
        cards = list(self.screen.query(AnswerCard))
        i = cards.index(self) + step
        if 0 <= i < len(cards):
            cards[i].focus()
            cards[i].scroll_visible()
        elif i >= len(cards):
            self.screen.query_one("#question").focus()
