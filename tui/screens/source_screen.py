"""The source viewer: a cited document, scrolled to the cited lines; Escape goes back."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from qa import Citation, format_chars, format_lines
from tui.text import cut_middle
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.source_view import SourceView


class SourceTitle(Static):
    """The viewer's header, `FILE  line 21 · characters 10-90`, shortened to fit rather than cut at the end, where
    the offsets are: the name's middle gives way last."""

    def __init__(self, citation: Citation, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.citation = citation

    def render(self) -> Content:
        c = self.citation
        width = self.content_size.width or 1_000
        short = f"L{c.line_start}" if c.line_start == c.line_end else f"L{c.line_start}-L{c.line_end}"
        long = f"line {c.line_start}" if c.line_start == c.line_end else f"lines {c.line_start}-{c.line_end}"
        offsets = f"{c.char_start}-{c.char_end}"
        for where in (f"  {long} · characters {offsets}", f"  {short} · chars {offsets}", f" {short} #{offsets}"):
            if cell_len(c.file + where) <= width:
                return Content.assemble((c.file, "bold"), where)
        where = f" {short} #{offsets}"
        return Content.assemble((cut_middle(c.file, max(1, width - cell_len(where))), "bold"), where)


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
        yield SourceTitle(self.citation, id="source-title")
        yield SourceView(self._text, self.citation, id="source-view")
        yield FittedFooter()

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
