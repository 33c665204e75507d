"""FAISS indexes over unit vectors: exact while small, graph-based (HNSW) when exact search gets slow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

EXACT_UP_TO = 50_000
"""Below this many vectors a flat index answers in a few ms, and it is exact (bench/million.py: 26 ms at 200k)."""


def build_vector_index(xb: np.ndarray, *, kind: str = "auto") -> Any:
    """Returns a FAISS inner-product index holding `xb` (rows must be unit vectors)."""
    import faiss  # deferred: keeps `import qa` light

    assert xb.ndim == 2, xb.shape
    d = xb.shape[1]
    if kind == "auto":
        kind = "flat" if xb.shape[0] <= EXACT_UP_TO else "hnsw"
    if kind == "flat":
        index = faiss.IndexFlatIP(d)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        raise ValueError(f"unknown index kind: {kind}")
    if xb.shape[0]:
        index.add(np.ascontiguousarray(xb, dtype=np.float32))
    return index


def search(index: Any, xq: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns (D, I) for the `k` nearest rows of each query; missing neighbours have I == -1."""
    xq = np.ascontiguousarray(np.atleast_2d(xq), dtype=np.float32)
    k = max(1, min(k, index.ntotal)) if index.ntotal else 1
    if index.ntotal == 0:
        return np.zeros((xq.shape[0], 0), np.float32), np.zeros((xq.shape[0], 0), np.int64)
    D, I = index.search(xq, k)
    return D, I


def write_vector_index(index: Any, path: Path) -> None:
    """Writes a FAISS index file."""
    import faiss

    faiss.write_index(index, str(path))


def read_vector_index(path: Path) -> Any:
    """Reads a FAISS index file."""
    import faiss

    return faiss.read_index(str(path))
