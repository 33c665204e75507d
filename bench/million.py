"""Search at scale: FAISS index types over 1M chunk vectors against exact search; latency, recall@10, memory.

Real vectors: every chunk, sentence and two-sentence window of the eval corpora and seeds, plus the sentences of
the Python reference manual (`pydoc_data.topics`, real English prose on every machine) so the set holds several
thousand distinct real passages, embedded with the bundled model (cached in the temp folder).

Synthetic 1M: each vector is a random convex combination (Dirichlet(1,1,1) weights) of a real passage and two of
its ten nearest real neighbours, plus isotropic Gaussian noise whose expected length equals the median distance
from a real passage to its nearest real neighbour, then re-normalised. So every point lies in a real topical
neighbourhood (the mixing stays among neighbours, unlike mixtures of unrelated vectors which pile up near the
mean), yet sits as far from its base as real passages sit from each other: no near-duplicate clouds, which made
HNSW recall look like 0.6-0.9 in an earlier tiled set. The table's header compares query difficulty on the real
and synthetic sets (top-1 cosine, relative contrast = mean distance / nearest distance, He et al. 2012).

Queries: real eval questions (held out: no question text is in the base set), one at a time on one thread, as
`qa ask` searches. Truth: exact inner product (numpy). Memory: the serialized index size (what is on disk and
in RAM once loaded). Run: python bench/million.py [--n 1000000] [--queries 300] [--hnsw]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import load_average, passages, percentile, print_table, questions  # noqa: E402


def real_texts() -> list[str]:
    """Returns distinct real passages: corpus chunks, sentences, two-sentence windows, reference-manual prose."""
    import pydoc_data.topics

    from qa.segmentation import split_sentences

    chunks, sentences = passages()
    windows = [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
    manual = []
    for text in pydoc_data.topics.topics.values():
        manual += [text[s:e] for s, e in split_sentences(text) if 40 <= e - s <= 600 and text[s].isalpha()]
    return sorted(set(chunks + sentences + windows + manual))


def embed_cached(texts: list[str], name: str) -> np.ndarray:
    """Returns unit vectors for `texts`, from a cache file in the temp folder when the texts are unchanged."""
    digest = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"qa-bench-{name}-{digest}.npy"
    if cache.is_file():
        return np.load(cache)
    from embeddings.encoder import BUNDLED, SentenceTransformerEncoder

    vectors = SentenceTransformerEncoder(model=BUNDLED).encode(texts)
    np.save(cache, vectors)
    return vectors


def exact_top(xb: np.ndarray, xq: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns (scores, ids) of the exact k best inner products, blockwise so memory stays small."""
    best_s = np.full((len(xq), k), -np.inf, np.float32)
    best_i = np.zeros((len(xq), k), np.int64)
    for start in range(0, len(xb), 200_000):
        s = xq @ xb[start : start + 200_000].T
        top = np.argpartition(-s, k, axis=1)[:, :k]
        cand_s = np.concatenate([best_s, np.take_along_axis(s, top, 1)], 1)
        cand_i = np.concatenate([best_i, top + start], 1)
        order = np.argsort(-cand_s, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(cand_s, order, 1), np.take_along_axis(cand_i, order, 1)
    return best_s, best_i


def synthesize(real: np.ndarray, n: int, rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """Returns n unit vectors mixed from real neighbourhoods plus noise, and the noise length used."""
    from embeddings.vectors import normalize

    sims = real @ real.T
    np.fill_diagonal(sims, -np.inf)
    neighbours = np.argsort(-sims, axis=1)[:, :10]
    nn_distance = float(np.median(np.sqrt(np.maximum(0.0, 2 - 2 * sims.max(axis=1)))))
    sigma = nn_distance / np.sqrt(real.shape[1])  # E|noise| ~ sigma * sqrt(d) = the real nearest-neighbour gap
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        anchor = rng.integers(0, len(real), m)
        picks = neighbours[anchor[:, None], rng.integers(0, 10, (m, 2))]
        members = np.concatenate([anchor[:, None], picks], 1)
        weights = rng.dirichlet(np.ones(3), m).astype(np.float32)
        mixed = np.einsum("mk,mkd->md", weights, real[members])
        mixed += rng.normal(0, sigma, mixed.shape).astype(np.float32)
        out[start : start + m] = normalize(mixed)
    return out, nn_distance


def difficulty(xb: np.ndarray, xq: np.ndarray) -> str:
    """Returns median top-1 cosine and relative contrast of the queries against `xb`."""
    scores, _ = exact_top(xb, xq, 1)
    sample = xb[np.random.default_rng(1).integers(0, len(xb), min(len(xb), 20_000))]
    mean_distance = np.sqrt(np.maximum(0, 2 - 2 * (xq @ sample.T))).mean(axis=1)
    nearest = np.sqrt(np.maximum(1e-12, 2 - 2 * scores[:, 0]))
    return f"top-1 cos {np.median(scores[:, 0]):.3f}, relative contrast {np.median(mean_distance / nearest):.2f}"


def index_bytes(index: object) -> int:
    """Returns the serialized size of a FAISS index."""
    import faiss

    return int(faiss.serialize_index(index).nbytes)


def main() -> None:
    """Prints build time, memory, latency and recall@10 for each index type and search setting."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--hnsw", action="store_true", help="also build HNSW (minutes at 1M on 2 cores)")
    parser.add_argument("--kinds", default="auto,ivf,ivf-sq8", help="comma-separated kinds for build_vector_index")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import faiss

    from embeddings.vector_index import build_vector_index, search

    texts = real_texts()
    real = embed_cached(texts, "real")
    asked = questions()
    xq = embed_cached(asked, "questions")[np.random.default_rng(2).permutation(len(asked))[: args.queries]]
    xb, gap = synthesize(real, args.n, np.random.default_rng(0))
    _, truth = exact_top(xb, xq, 10)
    header = (
        f"{args.n:,} vectors (d={xb.shape[1]}) from {len(real):,} real passages, noise length {gap:.3f}; "
        f"{len(xq)} real questions; real set: {difficulty(real, xq)}; synthetic: {difficulty(xb, xq)}"
    )
    kinds = [k for k in args.kinds.split(",") if k] + (["hnsw"] if args.hnsw else [])
    rows = []
    for kind in ["flat"] + kinds:
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # the build uses every core, as `qa index` does
        start = time.perf_counter()
        index = build_vector_index(xb, kind=kind)
        built = time.perf_counter() - start
        megabytes = index_bytes(index) / 2**20
        faiss.omp_set_num_threads(1)
        for setting, apply in sweep(index):
            apply()
            latencies, hits = [], []
            for q, t in zip(xq, truth, strict=True):
                tick = time.perf_counter()
                _, ids = search(index, q, 10)
                latencies.append(time.perf_counter() - tick)
                hits.append(len(set(ids[0]) & set(t)) / 10)
            rows.append(
                (
                    f"{kind} -> {type(index).__name__} {setting}",
                    f"{built:.1f}",
                    f"{megabytes:.0f}",
                    f"{percentile(latencies, 50) * 1e3:.2f}",
                    f"{percentile(latencies, 95) * 1e3:.2f}",
                    f"{np.mean(hits):.3f}",
                )
            )
            print(*rows[-1], sep="\t", flush=True)
        del index
    print_table(
        f"Search over {header}; one thread, load {load_average()}; '*' marks the stored setting",
        ["index", "build s", "memory MB", "p50 ms", "p95 ms", "recall@10 vs exact"],
        rows,
    )


def sweep(index: object) -> list[tuple[str, Callable[[], None]]]:
    """Returns (label, apply) for the stored search setting first, then a few others (nprobe or efSearch)."""
    import faiss

    ivf = None if isinstance(index, faiss.IndexFlat) else faiss.try_extract_index_ivf(index)
    hnsw = getattr(index, "hnsw", None)
    if ivf is not None:
        target, name, others = ivf, "nprobe", (16, 32, 64, 128)
    elif hnsw is not None:
        target, name, others = hnsw, "efSearch", (64, 128, 256)
    else:
        return [("exact", lambda: None)]
    stored = getattr(target, name)
    return [
        (f"{name}={v}" + ("*" if v == stored else ""), lambda v=v: setattr(target, name, v))
        for v in [stored] + [v for v in others if v != stored]
    ]


if __name__ == "__main__":
    main()
