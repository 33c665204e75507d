"""Embedding with onnxruntime and `tokenizers` alone: the same vectors as sentence-transformers, without torch."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.encoder import Progress
from embeddings.onnx_export import CONFIG_FILE, ONNX_FILE, TOKENIZER_FILE, holds_encoder
from embeddings.vectors import normalize


class OnnxEncoder:
    """Runs an exported sentence-transformers model: tokenise, transformer, pool, normalise."""

    def __init__(
        self, *, folder: Path, name: str, batch_size: int = 32, threads: int | None = None, onnx_file: str = ONNX_FILE
    ) -> None:
        import onnxruntime as ort  # deferred: ~0.1 s, needed only to embed
        from tokenizers import Tokenizer

        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        self.name = name
        self.dimension = int(config["dimension"])
        self.batch_size = batch_size
        self._pooling = str(config["pooling"])
        self._max_len = int(config["max_seq_length"])
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self._tokenizer.enable_truncation(max_length=self._max_len)
        self._tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3  # its warnings about unused initialisers are noise for the user
        options.intra_op_num_threads = threads or max(1, len(os.sched_getaffinity(0)))
        self._session = ort.InferenceSession(str(folder / onnx_file), options, providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]

    def _embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([t.strip() for t in texts])
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            mask[row, :n] = 1
            types[row, :n] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (hidden,) = self._session.run(None, {k: feed[k] for k in self._inputs})
        if self._pooling == "cls":
            return hidden[:, 0]
        weights = mask[:, :, None].astype(np.float32)
        return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Returns unit vectors; texts are batched by length so little padding is computed."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._embed_batch([texts[i] for i in rows])
            if progress:
                progress(min(start + self.batch_size, len(texts)), len(texts))
        return normalize(out)


def load_onnx_encoder(folder: Path, *, name: str, **options: Any) -> OnnxEncoder | None:
    """Returns an encoder for the exported model in `folder`, or None when it holds no export of model `name`."""
    if not holds_encoder(folder, name):
        return None
    return OnnxEncoder(folder=folder, name=name, **options)
