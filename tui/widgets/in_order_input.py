"""An Input that runs its key bindings in the order the keys arrive."""

from __future__ import annotations

from textual import events
from textual.binding import NoBinding
from textual.widgets import Input


class InOrderInput(Input):
    """An Input whose bindings (Enter, Backspace, Ctrl+U...) act where their key falls among the keys and pastes
    around it.

    Textual runs a binding only once the key has gone round the widgets, after the keys and pastes behind it were
    already added: in a burst (a fast typist, keys a terminal delivers in one read) `abc` Ctrl+U `xyz` left
    nothing, and Ctrl+U then a pasted folder left an empty field.
    """

    async def _on_key(self, event: events.Key) -> None:
        try:
            bindings = self._bindings.get_bindings_for_key(event.key)
        except NoBinding:
            bindings = []
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)
