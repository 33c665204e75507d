"""Small modal dialogs: an error to acknowledge, and a folder to open."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from tui.widgets.in_order_input import InOrderInput


class ErrorDialog(ModalScreen[None]):
    """Shows an error sentence until dismissed; never a traceback."""

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("f1", "app.help", "Help")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error") as box:
            box.border_title = self._title
            yield Static(Content(self._message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="error", id="ok")
        yield Footer()  # over the chat's, whose keys do not reach a modal dialog

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()


class FolderDialog(ModalScreen[Path | None]):
    """Asks for a corpus folder; returns the path, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("f1", "app.help", "Help")]

    def __init__(self, current: Path) -> None:
        super().__init__(classes="dialog-screen")
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Switch corpus folder"
            yield Label("Folder of documents to answer from (indexed if needed):")
            yield InOrderInput(str(self._current), id="folder")  # Ctrl+U then a paste: the paste stays
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open", variant="primary", id="open")
                yield Button("Cancel", id="cancel")
        yield Footer()  # over the chat's, whose keys do not reach a modal dialog

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self._choose(self.query_one("#folder", Input).value)
        else:
            self.dismiss(None)

    def _choose(self, value: str) -> None:
        if not value.strip():  # Path("") is the current folder: a slip of Ctrl+U would index the home folder
            self.notify("Type the folder of documents to answer from", severity="error")
            return
        folder = Path(value.strip()).expanduser()
        if not folder.is_dir():
            self.notify(f"{folder} is not a folder", severity="error")
            return
        self.dismiss(folder.resolve())  # `.` or `..` would be named `` or `..` in the title and status

    def action_cancel(self) -> None:
        """Closes without choosing."""
        self.dismiss(None)
