"""Writing results to standard output: a failed write (a redirect to a full disk) is said as such, never blamed on
the index, and a reader that went away (`| head`) ends the command quietly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from qa.errors import QAError


class OutputFailed(QAError):
    """Standard output could not be written."""


@contextmanager
def writing() -> Iterator[None]:
    """Turns a failed write to stdout into `OutputFailed`; a closed pipe goes through, for the caller's quiet exit."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailed(f"cannot write to standard output: {exc.strerror or exc}") from exc


def emit(text: str) -> None:
    """Prints one result on stdout."""
    with writing():
        click.echo(text)
