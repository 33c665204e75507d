"""The Textual chat UI; talks to the core through `qa`'s public API only."""

from __future__ import annotations
