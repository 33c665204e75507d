"""The chat's widgets, one a module."""

from __future__ import annotations
