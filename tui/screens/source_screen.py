"""The source viewer: a cited document, scrolled to the cited lines; Escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from qa import Citation, format_chars, format_lines
from tui.widgets.source_view import SourceView


class SourceScreen(Screen[None]):
    """Shows one whole document with line numbers and the cited span highlighted."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "copy_citation", "Copy citation"),
        Binding("g", "to_citation", "To citation"),
    ]

    def __init__(self, text: str, citation: Citation) -> None:
        super().__init__()
        self.citation = citation
        self._text = text

    def compose(self) -> ComposeResult:
        c = self.citation
        lines = f"line {c.line_start}" if c.line_start == c.line_end else f"lines {c.line_start}-{c.line_end}"
        yield Static(
            Content.assemble((c.file, "bold"), f"  {lines} · characters {c.char_start}-{c.char_end}"),
            id="source-title",
        )
        yield SourceView(self._text, c, id="source-view")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SourceView).focus()

    def action_to_citation(self) -> None:
        """Scrolls back to the cited lines."""
        self.query_one(SourceView).scroll_to_citation()

    def action_copy_citation(self) -> None:
        """Copies the cited text with its citation."""
        c = self.citation
        self.app.copy_to_clipboard(f"{c.quote}\n— {format_lines(c)} ({format_chars(c)})")
        self.notify(f"Copied {format_lines(c)}", title="Clipboard")
