"""FAISS indexes over unit vectors: exact while small, inverted lists (IVF) when exact search gets slow.

Chosen by bench/million.py on 1M realistic vectors, one query thread: flat 111 ms; IVFFlat (4,000 lists,
nprobe 64) 2.1 ms at recall@10 0.996, 65 s to build on 2 cores, same memory as flat; IVF-SQ8 1.2 ms, a quarter
of the memory, but recall@10 0.977 at most. HNSW (M=32) at 200k: 33 s to build against IVF's 6.5 s, recall@10
0.951/0.974 at efSearch 128/256 against IVF's 0.994; at 1M its build ran past 13 minutes on a busy machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

EXACT_UP_TO = 50_000
"""Below this many vectors a flat index answers in a few ms, and it is exact (bench/million.py: 26 ms at 200k)."""

KINDS = ("auto", "flat", "ivf", "ivf-sq8", "hnsw")


def ivf_lists(n: int) -> int:
    """Returns the number of IVF cells for n vectors: ~4 sqrt(n), so a probe scans a few hundred vectors."""
    return int(min(16_384, max(64, 4 * np.sqrt(n))))


def build_vector_index(xb: np.ndarray, *, kind: str = "auto") -> Any:
    """Returns a FAISS inner-product index holding `xb` (rows must be unit vectors).

    The search setting (nprobe, efSearch) is part of the index and survives write/read, so a loaded index
    searches exactly as the measured one did (bench/million.py).
    """
    import faiss  # deferred: keeps `import qa` light

    assert xb.ndim == 2, xb.shape
    n, d = xb.shape
    xb = np.ascontiguousarray(xb, dtype=np.float32)
    if kind == "auto":
        kind = "flat" if n <= EXACT_UP_TO else "ivf"
    if kind == "flat":
        index: Any = faiss.IndexFlatIP(d)
    elif kind in ("ivf", "ivf-sq8"):
        nlist = min(ivf_lists(n), max(1, n // 39))
        quantizer = faiss.IndexFlatIP(d)
        if kind == "ivf":
            index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        else:
            index = faiss.IndexIVFScalarQuantizer(
                quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
        index.cp.niter = 10  # k-means converges enough for routing; halves the training time
        sample = np.random.default_rng(0).permutation(n)[: 40 * nlist] if n > 40 * nlist else slice(None)
        index.train(xb[sample])
        index.nprobe = IVF_NPROBE
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        raise ValueError(f"unknown index kind: {kind} (one of {', '.join(KINDS)})")
    if n:
        index.add(xb)
    return index


IVF_NPROBE = 64
"""Cells searched per query: recall@10 0.996 at 1M realistic vectors, 0.987 with 32 (bench/million.py)."""


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
