"""The lexical half of a question at scale: BM25 over 1M chunks and the gram re-rank of 20 passages.

bench/million.py times the vector search; this times the rest of `retrieve` at the same size. Synthetic chunks
keep the term statistics of real ones: each is built from the tokens of three real chunks of the eval corpora
(a random half of each), plus ten terms drawn from a Zipf-shaped tail of 500,000 rare ids, so common words have
long posting lists and most of the vocabulary is rare, as in real text. Queries are the real eval questions,
tokenised as `qa ask` does. The gram re-rank reads 20 real passages of 500-700 characters (chunks are up to
700) with a cold cache, as it would for a fresh question over a corpus too big to cache. Tried: adding a term's
column with fancy indexing instead of `np.add.at` was slower at 1M (3.0 against 2.3 ms p50).
Run: python bench/lexical_million.py [--n 1000000] [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import load_average, median, passages, percentile, print_table, questions  # noqa: E402


def synthetic_token_lists(real: list[list[str]], n: int, rng: np.random.Generator) -> list[list[str]]:
    """Returns `n` token lists mixing halves of three real chunks with a long tail of rare terms."""
    tail = rng.zipf(1.3, size=(n, 10)) % 500_000
    out = []
    for i in range(n):
        tokens: list[str] = []
        for j in rng.integers(0, len(real), size=3):
            row = real[int(j)]
            tokens += [t for t, keep in zip(row, rng.random(len(row)) < 0.5, strict=True) if keep]
        out.append(tokens + [f"rare{t}" for t in tail[i]])
    return out


def main() -> None:
    """Prints BM25 search and gram re-rank latency at `--n` chunks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    from qa.grams import _folded, gram_containment
    from qa.language import detect_language
    from qa.lexical import LexicalIndex, SparseBM25, build_lexical_index, tokenize

    chunks, _ = passages()
    real = [tokenize(c, detect_language(c)) for c in chunks]
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    built = build_lexical_index(synthetic_token_lists(real, args.n, rng))
    build_s = time.perf_counter() - started
    csc = built.bm25.scores
    sparse = SparseBM25(data=csc["data"], indices=csc["indices"], indptr=csc["indptr"], n_docs=built.n_docs)
    index = LexicalIndex(bm25=sparse, vocab=built.vocab, doc_freq=built.doc_freq, n_docs=built.n_docs)
    asked = [(q, tokenize(q, detect_language(q))) for q in questions()[: args.queries]]
    index.search(asked[0][1], 50)
    search_ms = []
    for _, tokens in asked:
        t = time.perf_counter()
        index.search(tokens, 50)
        search_ms.append((time.perf_counter() - t) * 1000)
    long_chunks = [c for c in chunks if len(c) >= 500]
    rerank_ms = []
    for q, _ in asked:
        pool = [long_chunks[int(i)] + f" #{rng.integers(1 << 30)}" for i in rng.integers(0, len(long_chunks), 20)]
        _folded.cache_clear()
        t = time.perf_counter()
        for text in pool:
            gram_containment(q, text)
        rerank_ms.append((time.perf_counter() - t) * 1000)
    megabytes = (csc["data"].nbytes + csc["indices"].nbytes + csc["indptr"].nbytes) / 1e6
    print_table(
        f"Lexical side of a question over {built.n_docs:,} synthetic chunks ({len(built.vocab):,} terms, BM25 "
        f"matrix {megabytes:.0f} MB, built in {build_s:.0f} s); {len(asked)} real questions, one thread, "
        f"load {load_average()}",
        ["stage", "p50 ms", "p95 ms"],
        [
            ("BM25 search, top 50 (SparseBM25, numpy)", f"{median(search_ms):.2f}", f"{percentile(search_ms, 95):.2f}"),
            ("gram re-rank of 20 passages, cold cache", f"{median(rerank_ms):.2f}", f"{percentile(rerank_ms, 95):.2f}"),
        ],
    )


if __name__ == "__main__":
    main()
