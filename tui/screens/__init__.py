"""The chat's screens and dialogs, one a module."""

from __future__ import annotations
