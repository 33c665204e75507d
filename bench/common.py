"""Shared helpers for the benchmarks: real passages and questions, timing, medians, tables."""

from __future__ import annotations

import json
import resource
import statistics
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_EVAL = REPO.parent / "shared" / "eval"
CORPORA = [SEEDS, SHARED_EVAL / "xquad-en-dev" / "corpus", SHARED_EVAL / "piaf-fr-dev" / "corpus"]
OWN_EVAL = REPO / "bench" / "eval"
MASKED = REPO / "bench" / ".masked"


def eval_set(name: str) -> tuple[Path, Path]:
    """Returns (qa.jsonl, corpus folder) of a set named as the fitting scripts take it: a set of `../shared/eval`,
    `seeds-extra` or `seeds-heldout`, our own questions about `seeds/` in `bench/eval`, or `<shared set>-masked`,
    built on first use by `bench/masked.py` (near-topic unanswerable questions)."""
    if name in ("seeds-extra", "seeds-heldout"):
        return OWN_EVAL / f"{name}.jsonl", SEEDS
    if name.endswith("-masked"):
        target = MASKED / name
        if not (target / "qa.jsonl").is_file():
            from bench.masked import build

            build(name.removesuffix("-masked"), MASKED)
        return target / "qa.jsonl", target / "corpus"
    return SHARED_EVAL / name / "qa.jsonl", SEEDS if name == "seeds" else SHARED_EVAL / name / "corpus"


def split_half(name: str, example_id: str, sources: Sequence[str]) -> int:
    """Returns the half (0 or 1) a question falls in when fitting on one half and scoring on the other.

    Shared sets split by source article, so no article is on both sides; the seed sets have five articles only,
    so they split by question id."""
    if name.startswith("seeds"):
        return int(example_id[-1]) % 2
    article = sources[0] if sources else example_id.split("#")[0]  # a masked question's id starts with its article
    return zlib.crc32(article.encode()) % 2


def passages() -> tuple[list[str], list[str]]:
    """Returns (chunk texts, sentence texts) of every available corpus, as indexing would embed them."""
    from qa.indexing import split_units
    from qa.ingestion import iter_corpus
    from qa.model import Document
    from qa.settings import Settings

    chunks: list[str] = []
    sentences: list[str] = []
    for corpus in CORPORA:
        if not corpus.is_dir():
            continue
        settings = Settings(corpus=corpus)
        for doc in iter_corpus(corpus):
            if not isinstance(doc, Document):
                continue
            u = split_units(doc, settings)
            chunks += [doc.text[u.sentences[a][0] : u.sentences[b - 1][1]] for a, b in u.chunks]
            sentences += [doc.text[s:e] for s, e in u.sentences]
    return chunks, sentences


def questions() -> list[str]:
    """Returns the questions of every available eval set."""
    out: list[str] = []
    for qa_file in sorted(SHARED_EVAL.glob("*/qa.jsonl")):
        with qa_file.open(encoding="utf-8") as f:
            out += [json.loads(line)["question"] for line in f if line.strip()]
    return out


def timed(fn: Callable[[], object]) -> float:
    """Returns the seconds one call takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    """Returns the median."""
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    """Returns the q-th percentile (0-100), nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def peak_rss_mb(*, children: bool = False) -> float:
    """Returns the peak resident memory of this process (or of its finished children) in MB."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Prints a plain aligned table."""
    cells = [[str(c) for c in header]] + [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n## {title}")
    for n, r in enumerate(cells):
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def load_average() -> str:
    """Returns the 1-minute load average: numbers taken on a busy machine are not comparable."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def write_weights_module(
    path: Path, docstring: str, arrays: Sequence[tuple[str, Sequence[float], Sequence[str]]], scalars: dict[str, float]
) -> None:
    """Writes a Python module of fitted weights, one commented line per feature, so none is ever pasted by hand.

    `arrays` holds (constant name, values, feature names); each scalar follows the array written before it in
    the order given, matched by its name's prefix (`SENTENCE_BIAS` after `SENTENCE_WEIGHTS`).
    """
    lines = [f'"""{docstring}"""', "", "from __future__ import annotations", "", "import numpy as np", ""]
    for name, values, features in arrays:
        rows = [f"        {v:.4f},  # {f}" for v, f in zip(values, features, strict=True)]
        lines += [f"{name} = np.array(", "    [", *rows, "    ]", ")"]
        prefix = name.rsplit("_", 1)[0]
        lines += [f"{key} = {value:.4f}" for key, value in scalars.items() if key.startswith(prefix)]
    path.write_text("\n".join([*lines, ""]), encoding="utf-8")
