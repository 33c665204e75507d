"""The help screen: what the chat does and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP = """\
# qa — answers copied from your documents

Every answer is **verbatim text** from a document, with its file and lines.
When no passage answers, the bot says **Not found in the documents** and shows
the closest passages, which are *not* answers. An answer it doubts (confidence
under 0.5) is titled **unsure**.

## Keys

| Key | Where | Does |
|---|---|---|
| `enter` | question box | ask the question |
| `up` / `down` | question box | earlier / later questions |
| `tab` | question box | go to the latest answer |
| `up` / `down` | answer | previous / next answer |
| `enter`, `1`–`9` | answer | open citation 1, or citation *n* |
| `c` | answer | copy the answer with its citation |
| `s` | answer | copy the short answer (name, date, number) |
| `escape` | answer, sources | back to the question box |
| `tab` / `shift+tab` | anywhere | next / previous stop (question box, answers, sources) |
| `pageup` / `pagedown` | chat | scroll the conversation |
| `enter` | sources | open the passage |
| `g` | source viewer | back to the cited span |
| `c` | source viewer | copy the cited text with its citation |
| `escape` | source viewer | back to the chat |
| `ctrl+f` | chat | find where a quotation comes from |
| `enter` | quote finder | search; on the quotation searched, open the highlighted match |
| `tab`, `down` | quote finder | from the quotation to the matches |
| `escape` | quote finder | back to the chat |
| `ctrl+y` | chat | copy the selected answer |
| `ctrl+s` | chat | export the conversation as Markdown |
| `f2` | chat | show or hide the sources panel |
| `ctrl+p` | anywhere | command palette: re-index, switch corpus, clear, theme… |
| `f1` | anywhere | this help |
| `ctrl+q` | anywhere | quit |
"""


class HelpScreen(ModalScreen[None]):
    """A modal page of help; Escape or F1 closes it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    """Under 70 columns the page drops the Markdown's side margins (see `app.tcss`): at 50 they cut the key
    table's `Where` column to `questi…` with five columns unused beside it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "escape to close"
            yield Markdown(HELP)
        yield Footer()  # the chat's footer lies under the dimmed background: this one shows how to close
