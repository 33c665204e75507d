"""The chat's focus stops for Tab and Shift+Tab: the question box, the answers (one stop) and the sources panel."""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

from tui.widgets.answer_card import AnswerCard
from tui.widgets.question_input import QuestionInput
from tui.widgets.sources_panel import SourcesPanel


def next_stop(screen: Screen[object], step: int) -> Widget | None:
    """Returns the widget Tab (`step` 1) or Shift+Tab (-1) moves the focus to on the chat screen, or None to stay.

    Each answer card was a stop of its own: with five answers, Tab from the question box went to the oldest and
    took five more presses to reach the sources. The answers are one stop, entered at the latest answer; up and
    down move between them. Shift+Tab from the question box goes to the answers too, not round to the sources:
    that is the way to the latest answer the help and the copy hints give.
    """
    cards = list(screen.query(AnswerCard))
    sources = screen.query_one(SourcesPanel)
    stops: list[Widget | None] = [
        screen.query_one(QuestionInput),
        cards[-1] if cards else None,
        sources,
    ]
    focused = screen.focused
    here = 1 if isinstance(focused, AnswerCard) else 2 if focused is sources else 0
    order = [here + step, here + 2 * step] if here or step > 0 else [1, 2]
    for stop in (stops[i % 3] for i in order):
        if stop is not None and stop.display and stop.focusable:
            return stop
    return None
