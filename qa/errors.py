"""Errors whose message is written for the user: the CLI and the UI show them as they are."""

from __future__ import annotations


class QAError(Exception):
    """Something the user can fix; the message says what and how, in one line."""


class CorpusNotFound(QAError):
    """The corpus folder does not exist or holds no readable documents."""


INDEX_KEPT = "previous index kept"
"""Added as a note to an interrupt that stopped an index write, so the user hears their index is unharmed; an
interrupt anywhere else (waiting on stdin, answering) has no index to speak of."""
NO_INDEX_WRITTEN = "no index written"
"""The note instead when the stopped write was the first: there was no previous index to keep."""


def missing_corpus(root: object) -> CorpusNotFound:
    """Returns the one error every command gives for a corpus folder that is not there (or is a file)."""
    from pathlib import Path

    if Path(str(root)).is_file():
        return CorpusNotFound(f"corpus {root} is a file, not a folder (pass the folder that holds it with --corpus)")
    return CorpusNotFound(f"corpus folder not found: {root} (pass an existing folder with --corpus)")


class IndexMissing(QAError):
    """No index where one was expected; the fix is to run `qa index`."""


class IndexMismatch(QAError):
    """The index on disk was built with other settings (model, format) than the ones asked for."""


class IndexCorrupt(QAError):
    """An index file is truncated or damaged; the fix is to re-index."""


class IndexBusy(QAError):
    """Another process is writing the index and did not finish within the wait allowed."""


class BadSetting(QAError, ValueError):
    """A Settings value that could only give wrong results (no passages, an unknown mode); the CLI's own checks
    catch these first, so this is what a Python caller sees."""


class IndexPlaceRefused(QAError):
    """The folder given for the index holds other files; writing an index there would delete them."""


class SourcesChanged(QAError):
    """Files a result would cite changed on disk since indexing; the fix is to re-index them."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(f"{', '.join(paths)} changed since indexing: re-index, then try again")
        self.paths = paths
