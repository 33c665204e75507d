"""The app's commands in the command palette: one row each, so adding a command is adding a row."""

from __future__ import annotations

from typing import NamedTuple


class PaletteCommand(NamedTuple):
    """A command palette entry that runs an app action."""

    title: str
    help: str
    action: str


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Re-index corpus", "Index new and changed files of the corpus, then reload", "reindex"),
    PaletteCommand(
        "Switch corpus folder", "Answer from another folder of documents (indexed if needed)", "switch_corpus"
    ),
    PaletteCommand("Find a quotation", "Look up where a quotation comes from and open it in the viewer", "find_quote"),
    PaletteCommand("Copy citation", "Copy the selected answer's citation to the clipboard", "copy_citation"),
    PaletteCommand("Copy answer", "Copy the selected answer with its citation to the clipboard", "copy_answer"),
    PaletteCommand(
        "Copy short answer", "Copy the selected answer's name, date or number with its citation", "copy_short_answer"
    ),
    PaletteCommand("Clear conversation", "Start over with an empty conversation (history stays)", "clear"),
    PaletteCommand("Export conversation", "Write the conversation as Markdown with citations", "export"),
    PaletteCommand("Toggle dark/light", "Switch between the dark and the light theme", "toggle_dark"),
    PaletteCommand("Show or hide sources", "Toggle the panel of retrieved passages", "toggle_sources"),
    PaletteCommand("Help", "Keys and what the chat does", "help"),
)
