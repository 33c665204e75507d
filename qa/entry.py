"""The `qa` console script. It imports the command line itself, so that Ctrl-C while that import is still running
(the first 50 ms) is one line and exit 130 like everywhere else, not a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    """Runs the `qa` command line."""
    try:
        from qa.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write(("\n" if sys.stderr.isatty() else "") + "interrupted\n")
        raise SystemExit(130) from None
    run()
