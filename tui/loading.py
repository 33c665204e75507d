"""Getting a ready bot for the chat: index when needed, with the model `qa index` uses."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Protocol

from qa import Bot, Settings, build_index, ensure_bot, index_is_current

Progress = Callable[[str, int, int], None]
"""callback(stage, done, total), called from the loading thread."""


class BotLoader(Protocol):
    """Loads a bot for `settings`; runs in a worker thread; raises QAError with a message for the user."""

    def __call__(self, settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot: ...


def load_chat_bot(settings: Settings, *, progress: Progress, rebuild: bool, previous: Bot | None) -> Bot:
    """Loads the bot of `settings`, indexing first when asked or when there is no usable index."""
    if rebuild:
        build_index(settings, progress=progress)
    if rebuild or index_is_current(settings):
        progress("Loading the model and index", 0, 0)
    else:
        progress(f"No index yet: indexing {settings.corpus.name}/ (first run)", 0, 0)
    # Not the previous bot's encoder: it embeds questions (the int8 export), and files embedded with it got vectors
    # only 0.98-0.99 alike to those `qa index` stores. The indexing model loads only if a file needs embedding.
    bot, _ = ensure_bot(settings, progress=progress, refresh=not rebuild)
    # The indexing model (MiniLM's torch weights, about 25 MB) is left in reference cycles: freed now, not whenever
    # the collector next sweeps its oldest generation, which an idle chat may never make it do. Torch itself stays
    # imported (about 400 MB): only indexing in another process would keep it out of the chat.
    gc.collect()
    return bot
