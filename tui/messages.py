"""Messages that carry results from workers and requests between widgets."""

from __future__ import annotations

from textual.message import Message

from qa import Bot, Citation, QuoteMatch, Reply


class LoadProgressed(Message):
    """Indexing or loading advanced: `done` of `total` in `stage` (total 0: no count known)."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total


class BotLoaded(Message):
    """The model and index are loaded; questions can be answered."""

    def __init__(self, bot: Bot) -> None:
        super().__init__()
        self.bot = bot


class BotFailed(Message):
    """Loading or indexing failed; `error` is one line for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ReplyReady(Message):
    """The bot answered the question of exchange `number`."""

    def __init__(self, number: int, reply: Reply) -> None:
        super().__init__()
        self.number = number
        self.reply = reply


class SourcesStale(Message):
    """The reply to exchange `number` would cite `paths`, edited since indexing: re-index, then ask again."""

    def __init__(self, number: int, paths: list[str]) -> None:
        super().__init__()
        self.number = number
        self.paths = paths


class ReindexWanted(Message):
    """A screen needs the index brought up to date (a quotation matched a file edited since indexing)."""


class AskFailed(Message):
    """Answering the question of exchange `number` failed; `error` is one line for the user."""

    def __init__(self, number: int, error: str) -> None:
        super().__init__()
        self.number = number
        self.error = error


class CitationChosen(Message):
    """Request to open the source viewer at a citation."""

    def __init__(self, citation: Citation) -> None:
        super().__init__()
        self.citation = citation


class ReplySelected(Message):
    """An answer card was selected; the sources panel follows it."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class QuotesFound(Message):
    """Search `number` for a quotation finished: its matches, best first, or `error` (one line for the user);
    `changed`: the files edited since indexing that the search matched in, when that was the error; `not_found`:
    the sentences of the quotation that matched nowhere, when others did; `reordered`: its fragments between
    ellipses are in another order in the source."""

    def __init__(
        self,
        number: int,
        matches: list[QuoteMatch],
        *,
        error: str | None = None,
        changed: list[str] | None = None,
        not_found: tuple[str, ...] = (),
        reordered: bool = False,
    ) -> None:
        super().__init__()
        self.number = number
        self.matches = matches
        self.error = error
        self.changed = changed or []
        self.not_found = not_found
        self.reordered = reordered
