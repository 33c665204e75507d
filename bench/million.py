"""Search at scale: the index type `qa` picks for N chunks against exact search, latency p50/p95, recall@10, memory.

Vectors: every real chunk and sentence of the eval corpora embedded with the bundled model, then tiled to N by
mixing two random real vectors (weights 0.5-1.0 and the rest) plus 2% Gaussian noise and re-normalising, so the
set keeps the clustered shape of real text embeddings. Queries: real eval questions, embedded.
Run: python bench/million.py [--n 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import load_average, passages, peak_rss_mb, percentile, print_table, questions  # noqa: E402


def tile(real: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Returns n unit vectors made from mixtures of two real ones plus a little noise."""
    from embeddings.vectors import normalize

    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        a, b = rng.integers(0, len(real), m), rng.integers(0, len(real), m)
        w = rng.uniform(0.5, 1.0, (m, 1)).astype(np.float32)
        mixed = w * real[a] + (1 - w) * real[b] + rng.normal(0, 0.02, (m, real.shape[1])).astype(np.float32)
        out[start : start + m] = normalize(mixed)
    return out


def main() -> None:
    """Prints build time, latency, recall@10 and memory for exact and chosen indexes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import faiss

    from embeddings.encoder import BUNDLED, SentenceTransformerEncoder
    from embeddings.vector_index import build_vector_index, search

    encoder = SentenceTransformerEncoder(model=BUNDLED)
    chunks, sentences = passages()
    real = encoder.encode(chunks + sentences)
    xq = encoder.encode(questions()[: args.queries])
    xb = tile(real, args.n, np.random.default_rng(0))
    faiss.omp_set_num_threads(1)  # one query at a time, as `qa ask` runs; the build below uses every core
    rows = []
    truth = None
    for kind in ("flat", "auto"):
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        rss = peak_rss_mb()
        start = time.perf_counter()
        index = build_vector_index(xb, kind=kind)
        built = time.perf_counter() - start
        faiss.omp_set_num_threads(1)
        hnsw = getattr(index, "hnsw", None)
        default_ef = hnsw.efSearch if hnsw is not None else None
        for ef in [default_ef] if hnsw is None else sorted({default_ef, 256, 512, 1024}):
            if hnsw is not None:
                hnsw.efSearch = ef
            latencies, found = [], []
            for q in xq:
                t = time.perf_counter()
                _, I = search(index, q, 10)
                latencies.append(time.perf_counter() - t)
                found.append(I[0])
            if truth is None:
                truth = found
            recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
            label = f"{kind} -> {type(index).__name__}" + (f" efSearch={ef}" if ef is not None else "")
            rows.append(
                (
                    label + (" (default)" if ef == default_ef and hnsw is not None else ""),
                    f"{built:.1f}",
                    f"{percentile(latencies, 50) * 1e3:.2f}",
                    f"{percentile(latencies, 95) * 1e3:.2f}",
                    f"{recall:.3f}",
                    f"{peak_rss_mb() - rss:.0f}",
                )
            )
        del index
    print_table(
        f"Search over {args.n:,} vectors (d={xb.shape[1]}; {len(real):,} real, tiled) with {len(xq)} real "
        f"questions, one thread (load {load_average()}); vectors alone {xb.nbytes / 2**20:.0f} MB",
        ["index", "build s", "p50 ms", "p95 ms", "recall@10 vs exact", "peak RSS growth MB"],
        rows,
    )


if __name__ == "__main__":
    main()
