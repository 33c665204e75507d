"""A whole document with line numbers, the cited span highlighted, wrapped to the width and drawn line by line."""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from qa import Citation
from tui.text import clean


class SourceView(ScrollView, can_focus=True):
    """Renders only the visible rows (Textual's line API), so long documents stay fast."""

    COMPONENT_CLASSES = {"source-view--gutter", "source-view--cited-gutter", "source-view--highlight"}

    DEFAULT_CSS = """
    SourceView {
        background: $surface;
        scrollbar-gutter: stable;
        & > .source-view--gutter { color: $text-disabled; }
        & > .source-view--cited-gutter { color: $text-warning; text-style: bold; }
        & > .source-view--highlight { background: $warning-muted; color: $text; text-style: bold; }
    }
    """

    def __init__(self, text: str, citation: Citation, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.citation = citation
        self._lines = text.split("\n")
        self._line_starts: list[int] = []
        offset = 0
        for line in self._lines:
            self._line_starts.append(offset)
            offset += len(line) + 1
        self._rows: list[tuple[int, Content]] = []
        """(document line, 0 for a continuation) and the text of each screen row."""
        self._first_row: list[int] = []
        self._row_starts: list[int] = []
        """Document offset of each screen row's first character."""
        self._width = 0
        self._height = 0
        """The view's height at the last resize: a resize tells from it what was in view before."""
        self._scrolled = False

    def row_of_line(self, line: int) -> int:
        """Returns the first screen row of 1-based document `line`."""
        return self._first_row[max(0, min(line, len(self._first_row)) - 1)] if self._first_row else 0

    def row_of_offset(self, offset: int) -> int:
        """Returns the screen row that shows document character `offset`."""
        return max(0, bisect_right(self._row_starts, offset) - 1)

    def highlighted_text(self) -> str:
        """Returns the text drawn highlighted (what the citation quotes), for checks."""
        start, end = self.citation.char_start, self.citation.char_end
        return "\n".join(
            line[max(0, start - s) : max(0, end - s)]
            for line, s in zip(self._lines, self._line_starts, strict=True)
            if s < end and s + len(line) >= start
        )

    def _gutter_width(self) -> int:
        return len(str(len(self._lines))) + 3

    def _wrap(self, width: int) -> None:
        """Splits every document line into screen rows of `width` cells."""
        text_width = max(8, width - self._gutter_width())
        start, end = self.citation.char_start, self.citation.char_end
        highlight = Style.from_rich_style(self.get_component_rich_style("source-view--highlight"))
        self._rows = []
        self._first_row = []
        self._row_starts = []
        for n, (line, s) in enumerate(zip(self._lines, self._line_starts, strict=True), 1):
            cleaned = clean(line)
            content = Content(cleaned)
            a, b = max(start, s) - s, min(end, s + len(line)) - s
            if a < b:
                content = content.stylize(highlight, a, b)
            self._first_row.append(len(self._rows))
            pieces = content.wrap(text_width) if line else [Content("")]
            self._rows.extend((n if i == 0 else 0, piece) for i, piece in enumerate(pieces))
            at = 0
            for piece in pieces:  # wrapping drops the spaces it breaks at: find where each row starts in the line
                found = cleaned.find(piece.plain, at)
                at = found if found >= 0 else at
                self._row_starts.append(s + at)
                at += len(piece.plain)
        self._width = width
        self.virtual_size = Size(width, len(self._rows))

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._rewrap(force=True), init=False)

    def _rewrap(self, force: bool = False) -> None:
        """Wraps again when the width (or, forced, the theme's highlight colour) changed."""
        width = self.scrollable_content_region.width
        if force or width != self._width:
            self._wrap(width)
            self.refresh()

    def on_resize(self, event: Resize) -> None:
        """Wraps to the new width, keeping the cited span in view if it was (a resize from 120x36 to 50x20 left
        it 30 rows below the view), else the text the reader had scrolled to at the top."""
        follow = not self._scrolled or self._citation_shown()
        top = self._row_starts[min(int(self.scroll_y), len(self._row_starts) - 1)] if self._row_starts else 0
        self._rewrap()
        self._height = self.scrollable_content_region.height
        if not self._rows:
            return
        self._scrolled = True
        if follow:
            self.call_after_refresh(self.scroll_to_citation)
        else:
            self.call_after_refresh(self.scroll_to, y=self.row_of_offset(top), animate=False, force=True)

    def _citation_shown(self) -> bool:
        """Tells whether a cited row was in view before this resize (the rows and height are still the old ones)."""
        first = self.row_of_offset(self.citation.char_start)
        last = self.row_of_offset(max(self.citation.char_start, self.citation.char_end - 1))
        return first < self.scroll_y + self._height and last >= self.scroll_y

    def scroll_to_citation(self) -> None:
        """Scrolls so that the cited characters sit near the top third of the view: the row they start on, which in
        a long line (a paragraph kept on one line) can be hundreds of rows below the line's first."""
        third = self.scrollable_content_region.height // 3
        line_row = self.row_of_line(self.citation.line_start)
        cited_row = self.row_of_offset(self.citation.char_start)
        row = line_row if cited_row - line_row <= third else cited_row  # the line number too, when both fit
        # forced: right after the first wrap the scrollbar is not laid out yet, and an unforced scroll did nothing
        self.scroll_to(y=max(0, row - third), animate=False, force=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width != self._width:
            self.call_later(self._rewrap)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        line, content = self._rows[row]
        cited = self.citation.line_start <= line <= self.citation.line_end
        gutter_style = self.get_component_rich_style("source-view--cited-gutter" if cited else "source-view--gutter")
        number = str(line) if line else ""
        gutter = Segment(f"{number:>{self._gutter_width() - 3}} │ ", gutter_style)
        segments = [gutter, *content.render_segments(self.visual_style)]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
