"""A footer that fits its key hints to the terminal's width instead of cutting the last one in half."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

# FooterKey is what Footer composes its hints of; it is not exported, and a hint for a key that is no binding
# (an answer card's 1-9, c, s) has to be one too, so that a click on it presses the key as the others do.
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 100
"""Width under which the footer drops its padding, so that more keys fit beside the palette hint."""
KEPT_ACTIONS = frozenset({"help", "toggle_sources", "app.help"})
"""Hints that stay at any width: F1 tells every other key, and F2 is the only way to a hidden sources panel."""


def key_width(key: FooterKey, *, compact: bool) -> int:
    """Returns the cells a hint takes in the footer, by Footer's and FooterKey's own CSS (padding, margin)."""
    palette = 1 if key.has_class("-command-palette") else 0  # its left border
    if not key.description:
        return cell_len(key.key_display) + (1 if compact else 0) + palette
    text = cell_len(key.key_display) + 1 + cell_len(key.description)
    if compact:
        return text + 1 + palette  # a margin after each
    return text + 2 + 2 * palette  # the key's padding, the palette's padding and border


def footer_hints(widget: object) -> tuple[tuple[str, str, str], ...]:
    """Returns the `(key, display, description)` hints of keys `widget` handles without a binding, for its state."""
    hints = getattr(widget, "footer_hints", None)
    return tuple(hints()) if callable(hints) else ()


def shows_hint(node: object, action: str) -> bool:
    """Tells whether the hint of a binding to `action` on `node` belongs in the footer now: a node may define
    `shows_hint(action)` to leave out a key that would do nothing there. The key still works (and says why it does
    nothing), as the palette command of the same action does; `check_action` would have turned both off."""
    check = getattr(node, "shows_hint", None)
    return not callable(check) or bool(check(action))


class FittedFooter(Footer):
    """Shows the keys that fit whole: the palette hint always, F1 and F2 and the focused widget's first key, then
    its extra hints (`footer_hints()`: keys it handles without a binding), then the screen's and app's other keys;
    never a key that does nothing where the focus is (`shows_hint`).

    Textual's footer cut whatever passed the edge: at 50 columns `^y Copy an`, with the palette hint gone.
    """

    _fitted_to = (0, False)
    """The width and compactness the keys were last fitted to."""

    def compose(self) -> ComposeResult:
        bindings = self.screen.active_bindings
        widgets = [
            w
            for w in super().compose()
            if not isinstance(w, FooterKey) or w.key not in bindings or shows_hint(bindings[w.key].node, w.action)
        ]
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        hints = [
            FooterKey(key, display, description, "", tooltip=f"{display}: {description}").data_bind(
                compact=Footer.compact
            )
            for key, display, description in footer_hints(self.screen.focused)
        ]
        if keys and hints:
            at = widgets.index(keys[0]) + 1
            widgets[at:at] = hints
        yield from self._fitted(widgets, keys, hints)

    def _fitted(self, widgets: list[Widget], keys: list[FooterKey], hints: list[FooterKey]) -> list[Widget]:
        """Leaves out the least useful keys, last first, until the rest fit the width."""
        width = self.size.width or self.app.size.width
        self._fitted_to = (width, self.compact)
        used = sum(key_width(w, compact=self.compact) for w in widgets if isinstance(w, FooterKey))
        others = [k for k in keys[1:] if k.action not in KEPT_ACTIONS]
        dropped: set[int] = set()
        for key in [*reversed(others), *reversed(hints)]:
            if used <= width:
                break
            used -= key_width(key, compact=self.compact)
            dropped.add(id(key))
        return [w for w in widgets if id(w) not in dropped]

    def on_resize(self, event: events.Resize) -> None:
        """Composes the keys again for the new width, compact or not (it decides here, not after the keys)."""
        self.compact = event.size.width < COMPACT_BELOW
        if (event.size.width, self.compact) != self._fitted_to:
            self.refresh(recompose=True)
