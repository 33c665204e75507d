"""Warm query latency in-process on the seeds: the whole `Bot.ask`, and retrieval alone, p50/p95, plus peak RSS.

The seeds' own questions (shared/eval/seeds and bench/eval/seeds-extra) are the measure: most are answered, so
their time includes the short spans. The other sets' questions, asked of the seeds, mostly abstain; their rows
show the English path and the French one (USE ranking joined) apart.

Also times plain sentence-transformers fp32 embedding the same questions, the baseline query encoder, and French
questions over the piaf-fr-dev corpus, whose index holds multilingual vectors, with and without the USE ranking.
Run: python bench/warm_query.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import (  # noqa: E402
    OWN_EVAL,
    SEEDS,
    SHARED_EVAL,
    load_average,
    peak_rss_mb,
    percentile,
    print_table,
    questions,
    timed,
)


def rows_of(timings: dict[str, list[float]]) -> list[tuple[str, str, str, str]]:
    """Returns one row of p50, p95 and mean milliseconds per stage."""
    return [
        (name, f"{percentile(v, 50) * 1e3:.2f}", f"{percentile(v, 95) * 1e3:.2f}", f"{np.mean(v) * 1e3:.2f}")
        for name, v in timings.items()
    ]


def french_timings(home: Path, repeat: int) -> dict[str, list[float]]:
    """Times French questions over piaf-fr-dev (multilingual vectors stored) with the USE ranking and without."""
    from qa import Bot, Settings, build_index, load_bot
    from qa.language import detect_language

    settings = Settings(corpus=SHARED_EVAL / "piaf-fr-dev" / "corpus", index_dir=home / "piaf", quiet=True)
    build_index(settings)
    bot = load_bot(settings)
    asked = [q for q in questions() if detect_language(q) == "fr"][:200] * repeat
    bot.ask(asked[0])  # loads the multilingual model (~0.7 s), as a chat's first French question does
    never = Bot(index=bot.index, encoder=bot.encoder, settings=settings.with_(multilingual="never"))
    model = bot.load_multilingual()
    return {
        "Bot.ask, French questions (USE ranking joined)": [timed(lambda q=q: bot.ask(q)) for q in asked],
        "Bot.ask, French questions, --multilingual never": [timed(lambda q=q: never.ask(q)) for q in asked],
        "embed question (USE multilingual, 2 threads)": [timed(lambda q=q: model.encode([q])) for q in asked],
    }


def main() -> None:
    """Prints latency percentiles in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import tempfile

    from qa import Settings, build_index, load_bot
    from qa.language import detect_language
    from qa.lexical import tokenize
    from qa.retrieval import retrieve

    own = [
        json.loads(line)["question"]
        for path in (SHARED_EVAL / "seeds" / "qa.jsonl", OWN_EVAL / "seeds-extra.jsonl")
        if path.is_file()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    asked = own * 3 * args.repeat
    english = [q for q in questions() if detect_language(q) == "en"][:200] * args.repeat
    french = [q for q in questions() if detect_language(q) == "fr"][:200] * args.repeat
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(corpus=SEEDS, index_dir=Path(home) / "index", quiet=True)
        build_index(settings)
        rss_before = peak_rss_mb()
        bot = load_bot(settings)
        bot.ask(asked[0])
        vectors = [bot.encoder.encode([q])[0] for q in asked]
        timings = {
            "Bot.ask, the seeds' own questions (embed + retrieve + extract)": [
                timed(lambda q=q: bot.ask(q)) for q in asked
            ],
            "Bot.ask, other sets' English questions (mostly abstain)": [timed(lambda q=q: bot.ask(q)) for q in english],
            "Bot.ask, other sets' French questions (USE ranking joined)": [
                timed(lambda q=q: bot.ask(q)) for q in french
            ],
            "embed question (ONNX int8, 1 thread)": [timed(lambda q=q: bot.encoder.encode([q])) for q in asked],
            "retrieve (FAISS + BM25 + gram re-rank)": [
                timed(
                    lambda q=q, v=v: retrieve(
                        bot.index,
                        q,
                        v,
                        tokenize(q, detect_language(q)),
                        k=settings.top_k,
                        candidates=settings.candidates,
                    )
                )
                for q, v in zip(asked, vectors, strict=True)
            ],
        }
        rss = peak_rss_mb()
        french = french_timings(Path(home), args.repeat) if (SHARED_EVAL / "piaf-fr-dev").is_dir() else {}
    if args.baseline:
        from sentence_transformers import SentenceTransformer

        from embeddings.encoder import BUNDLED, resolve_model_path

        plain = SentenceTransformer(str(resolve_model_path(BUNDLED)), device="cpu")
        plain.encode(asked[:4])
        timings["embed question (plain sentence-transformers fp32)"] = [
            timed(lambda q=q: plain.encode([q])) for q in asked
        ]
    print_table(
        f"Warm latency over {len(asked)} questions on seeds/ (load {load_average()}); "
        f"peak RSS {rss:.0f} MB with the bot loaded (before: {rss_before:.0f} MB, indexing with torch)",
        ["stage", "p50 ms", "p95 ms", "mean ms"],
        rows_of(timings),
    )
    if french:
        print_table(
            f"Warm latency of French questions on piaf-fr-dev/ (load {load_average()})",
            ["stage", "p50 ms", "p95 ms", "mean ms"],
            rows_of(french),
        )


if __name__ == "__main__":
    main()
