"""Looking up a quotation: type it, see the spans of the corpus it most likely comes from, open one in the viewer."""

from __future__ import annotations

import logging

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from qa import (
    REORDERED,
    Bot,
    QAError,
    QuoteMatch,
    SourcesChanged,
    describe_differences,
    describe_omitted,
    format_lines,
)
from tui.messages import CitationChosen, QuotesFound, ReindexWanted
from tui.text import plain, snippet
from tui.widgets.fitted_footer import FittedFooter

log = logging.getLogger(__name__)

SHOWN_CHARS = 280
"""Source text shown per match; the viewer shows the whole span."""


def match_prompt(match: QuoteMatch) -> Content:
    """Returns a match as `file:Lline  93% alike` over its source text, which is never parsed as markup."""
    quote = match.citation.quote
    shown = quote if len(quote) <= SHOWN_CHARS else quote[:SHOWN_CHARS].rstrip() + "…"
    parts: list[str | Content | tuple[str, str]] = [
        (format_lines(match.citation), "bold $text-accent"),
        ("  ", ""),
        # Never 100% under 1: 99.99% of a quotation that differs is not the source's words.
        (f"{min(match.score, 0.99) if match.score < 1 else 1:.0%} alike", "$text-muted"),
        ("\n", ""),
        plain(shown),
    ]
    if match.part is not None:
        parts += [("\n", ""), (f"for: {snippet(match.part, 80)}", "italic $text-muted")]
    if any(match.omitted):
        parts += [("\n", ""), (f"{describe_omitted(match.omitted).capitalize()} of the source", "$text-muted")]
    if match.differences:
        parts += [
            ("\n", ""),
            Content.styled(f"Quotation differs: {describe_differences(match.differences)}", "$text-error"),
        ]
    return Content.assemble(*parts)


class MatchList(OptionList):
    """The matches; the highlighted one is always scrolled to, its first line (the file and line) in view.

    OptionList only scrolls the least to bring a match in: one taller than the list showed its last lines, which
    read as the match before it, and a resize did not scroll at all, so Enter opened a match not on the screen.
    """

    def scroll_to_highlight(self, top: bool = False) -> None:
        highlighted = self.highlighted
        if highlighted is not None and self.is_mounted:
            self._update_lines()
            height = self._heights.get(highlighted, 0)
            top = top or height > self.scrollable_content_region.height
        super().scroll_to_highlight(top)

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)  # once the options are wrapped to the new width

    def on_key(self, event: events.Key) -> None:
        """Typing goes on with the quotation, as typing on an answer starts the next question in the chat: the list
        has no use for letters, and they were dropped without a sign."""
        if not (event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        field = self.screen.query_one("#quotation", Input)
        self.screen.set_focus(field)  # now: the keys typed right behind this one go to the field too
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(event.character)


class QuoteScreen(ModalScreen[None]):
    """Finds where a quotation comes from; choosing a match opens the source viewer on its span."""

    VERTICAL_BREAKPOINTS = [(0, "-low"), (24, "-high")]
    """Under 24 rows the intro and a second status line give way to the matches (see `app.tcss`)."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "app.help", "Help"),
        # The quotation box has no use for down: it goes on to the matches, as it did when a search focused them.
        Binding("down", "to_matches", "Matches", show=False),
    ]

    def __init__(self, bot: Bot | None) -> None:
        super().__init__(classes="dialog-screen")
        self._bot = bot
        self._pending: str | None = None
        self._text = ""
        self._refreshing = False
        """A search found a file edited since indexing and asked for a re-index; a second such find is an error."""
        self._searches = 0
        self.matches: list[QuoteMatch] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="quote-dialog", classes="dialog") as box:
            box.border_title = "Find a quotation"
            box.border_subtitle = "enter: search / open · tab: list · escape: close"
            yield Static("A quotation, even misquoted; Enter finds where it comes from.", id="quote-intro")
            # No select-all on focus: typing in the matches goes on with the quotation, and must not replace it.
            yield Input(placeholder="quotation", id="quotation", select_on_focus=False)
            yield Static(id="quote-status")
            yield MatchList(id="quote-matches")
            yield Static(id="quote-not-found")
        yield FittedFooter()  # over the chat's, whose keys do not reach a modal dialog

    def on_mount(self) -> None:
        self.query_one("#quote-matches", OptionList).display = False
        self.query_one("#quote-not-found", Static).display = False
        self.query_one("#quotation", Input).focus()

    def use_bot(self, bot: Bot) -> None:
        """Searches with this bot from now on, starting a search that waited for it to load."""
        self._bot = bot
        if self._pending is not None:
            text, self._pending = self._pending, None
            self._search(text)

    def load_failed(self, error: str) -> None:
        """Says why a search that waited for the documents will not run."""
        if self._pending is not None:
            self._pending = None
            self._set_status(f"Could not load the documents: {error}", error=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        matches = self.query_one("#quote-matches", OptionList)
        if text and text == self._text and self.matches and matches.display and self._pending is None:
            # Enter again on the quotation searched: the matches are already those of this text, and searching
            # again would only lose the one the user had highlighted; it opens that one ("enter: search / open").
            self._open(matches.highlighted)
        elif text:
            self._search(text)

    def _search(self, text: str) -> None:
        self._searches += 1
        self._text = text
        if self._bot is None:
            self._pending = text
            self._set_status("Waiting for the documents to load; the search starts when they are ready…")
            return
        self._set_status("Searching…")
        self.find(self._bot, text, self._searches)

    @work(thread=True, exclusive=True, group="quote", exit_on_error=False)
    def find(self, bot: Bot, text: str, number: int) -> None:
        """Looks the quotation up in a thread; the matches come back as a message."""
        worker = get_current_worker()
        try:
            trace = bot.trace_quote(text)
            message = QuotesFound(number, list(trace.matches), not_found=trace.not_found, reordered=trace.reordered)
        except SourcesChanged as exc:
            message = QuotesFound(number, [], error=str(exc), changed=exc.paths)
        except QAError as exc:
            message = QuotesFound(number, [], error=str(exc))
        except Exception as exc:  # shown in the dialog, not swallowed
            log.exception("looking up a quotation failed")
            message = QuotesFound(number, [], error=f"unexpected error: {exc}")
        if not worker.is_cancelled:
            self.post_message(message)

    def on_quotes_found(self, message: QuotesFound) -> None:
        if message.number != self._searches:
            return  # an older search finished after a newer one started
        if message.changed and not self._refreshing:
            # Offsets into a file edited since indexing would show other text: re-index, then search again.
            self._refreshing = True
            self._pending = self._text
            self._set_status(f"{', '.join(message.changed)} changed since indexing: re-indexing, then searching…")
            self.post_message(ReindexWanted())
            return
        self._refreshing = False
        self.matches = message.matches
        matches = self.query_one("#quote-matches", OptionList)
        matches.clear_options()
        matches.display = bool(message.matches)
        self.query_one("#quote-dialog").set_class(bool(message.matches), "-results")
        self._show_not_found(message.not_found, reordered=message.reordered)
        if message.error is not None:
            self._set_status(message.error, error=True)
            return
        if not message.matches:
            self._set_status("No close match in the documents.")
            return
        count = len(message.matches)
        order = "in the quotation's order" if message.matches[0].part is not None else "best first"
        self._set_status(f"{count} match{'es' if count > 1 else ''}, {order} · enter opens one in the viewer")
        for i, match in enumerate(message.matches):
            if i:
                matches.add_option(None)
            matches.add_option(Option(match_prompt(match), id=str(i)))
        # The focus stays in the quotation box, as the hint says (`tab: list`): moving it to the list made that Tab
        # go back to the box, and the Enter after it only went back to the list.
        matches.highlighted = 0

    def action_to_matches(self) -> None:
        """Moves the focus to the matches, when there are some, keeping the one highlighted."""
        matches = self.query_one("#quote-matches", OptionList)
        if matches.display and matches.option_count:
            matches.focus()

    def _open(self, index: int | None) -> None:
        """Opens match `index` (the list's options are the matches; separators are not options) in the viewer."""
        if index is not None and 0 <= index < len(self.matches):
            self.post_message(CitationChosen(self.matches[index].citation))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def _show_not_found(self, sentences: tuple[str, ...], *, reordered: bool = False) -> None:
        """Names the sentences of the quotation that matched nowhere under the matches, as `qa quote` does: an
        invented sentence between real ones must not pass for traced because the others were. Says so first when
        its ellipses join fragments that the source holds in another order, which no match shows alone."""
        lines = [REORDERED.capitalize()] if reordered else []
        lines += [f"Not found in the documents: {snippet(s, 160)}" for s in sentences]
        missing = self.query_one("#quote-not-found", Static)
        missing.display = bool(lines)
        missing.update(Content("\n".join(lines)))

    def _set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#quote-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")
