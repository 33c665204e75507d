"""The embedding model and the FAISS store. Nothing here knows about documents or answers."""

from __future__ import annotations
