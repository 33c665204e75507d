"""Indexing throughput: plain sentence-transformers fp32 against the encoder `qa index` uses, in one run.

Rounds alternate between the two so a busy machine slows both alike; the table shows medians and the cosine of
each vector to its fp32 counterpart. A second table times whole `qa index --force` runs (models loaded once) on an
English and a French eval corpus, with multilingual vectors as `auto` decides and with `never`: English corpora
store none, so their two rows time the same work. Run: python bench/indexing.py [--rounds 3] [--limit 400]
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import SHARED_EVAL, load_average, median, passages, print_table, timed  # noqa: E402


def corpus_rows(encoder: object, rounds: int) -> list[tuple[str, ...]]:
    """Returns seconds and chunks/s of full re-indexing runs per corpus and multilingual setting, medians."""
    import tempfile
    from pathlib import Path

    from qa import Settings
    from qa.index import load_index
    from qa.indexing import index_corpus
    from qa.multilingual import load_multilingual_encoder

    load_multilingual_encoder().encode(["warm-up"])  # its weights load on the first encode (~0.7 s)
    rows = []
    with tempfile.TemporaryDirectory() as home:
        for name in ("xquad-en-dev", "piaf-fr-dev"):
            corpus = SHARED_EVAL / name / "corpus"
            if not corpus.is_dir():
                continue
            for setting in ("auto", "never"):
                settings = Settings(corpus=corpus, index_dir=Path(home) / name, quiet=True, multilingual=setting)
                times = [
                    timed(lambda s=settings: index_corpus(s, make_encoder=lambda: encoder, force=True))
                    for _ in range(rounds)
                ]
                index = load_index(settings.index_path)
                chunks = len(index.chunk_rows)
                stored = "yes" if index.multilingual is not None else "no"
                rows.append(
                    (name, setting, stored, str(chunks), f"{median(times):.2f}", f"{chunks / median(times):.1f}")
                )
    return rows


def main() -> None:
    """Prints passages/s for each encoder and the speed-up over plain fp32."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=400, help="passages per round (chunks of the eval corpora)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from sentence_transformers import SentenceTransformer

    from embeddings.encoder import BUNDLED, SentenceTransformerEncoder, cpu_flags, fast_bf16, resolve_model_path

    chunks, _ = passages()
    texts = chunks[: args.limit]
    plain = SentenceTransformer(str(resolve_model_path(BUNDLED)), device="cpu")
    ours = SentenceTransformerEncoder(model=BUNDLED)
    candidates = {
        "sentence-transformers fp32 (plain)": lambda: plain.encode(texts, batch_size=32, normalize_embeddings=True),
        f"qa encoder ({ours.precision})": lambda: ours.encode(texts),
    }
    for fn in candidates.values():
        fn()  # warm-up: first calls allocate and pick kernels
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(args.rounds):
        for name, fn in candidates.items():
            times[name].append(timed(fn))
    reference = np.asarray(plain.encode(texts, batch_size=32, normalize_embeddings=True))
    cosine = (ours.encode(texts) * reference).sum(axis=1)
    base = median(times["sentence-transformers fp32 (plain)"])
    rows = []
    for name, values in times.items():
        rate = len(texts) / median(values)
        cos = "1.0 (reference)" if "plain" in name else f"min {cosine.min():.6f} mean {cosine.mean():.6f}"
        rows.append((name, f"{rate:.1f}", f"{base / median(values):.2f}x", cos))
    flags = sorted(cpu_flags() & {"avx512_bf16", "amx_bf16", "avx512_vnni", "avx2"})
    print_table(
        f"Indexing throughput: {len(texts)} passages (mean {np.mean([len(t) for t in texts]):.0f} chars), "
        f"median of {args.rounds} rounds; cpu {flags}, native bf16 {fast_bf16()}, load {load_average()}",
        ["encoder", "passages/s", "vs plain fp32", "cosine to fp32"],
        rows,
    )
    print_table(
        f"Whole `qa index --force` runs, median of {args.rounds} (chunks and their sentences embedded; load "
        f"{load_average()})",
        ["corpus", "--multilingual", "USE vectors", "chunks", "seconds", "chunks/s"],
        corpus_rows(ours, args.rounds),
    )


if __name__ == "__main__":
    main()
