"""`python -m tui` opens the chat, like `qa`."""

from __future__ import annotations

from qa.cli import main

main()
