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
    down move between them. Shift+Tab goes the same round backwards (question box, sources, latest answer): it
    used to go from the question box to the answers, so it never reached the sources. A hidden stop is skipped.
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
    order = [here + step, here + 2 * step]
    for stop in (stops[i % 3] for i in order):
        if stop is not None and stop.display and stop.focusable:
            return stop
    return None
