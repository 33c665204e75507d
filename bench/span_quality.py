"""Span quality apart from retrieval: find_span on the oracle sentence of each answerable question.

The oracle sentence is the source sentence that contains a gold answer and shares the most words with the
question, so the numbers measure span extraction alone. Run: `.venv/bin/python bench/span_quality.py [SET_DIR ...]`.
`--half even|odd` keeps only the articles at even or odd positions (sorted by file name), to check that a rule
change helps on both halves; `--show N` prints N misses per set.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from qa.evaluation import Example, contains, exact_match, f1, max_over_ground_truths, read_examples
from qa.segmentation import split_sentences
from qa.spans import find_span
from qa.text import normalize_newlines, words

EVAL = Path("/work/shared/eval")
DEFAULT_SETS = (EVAL / "xquad-en-dev", EVAL / "piaf-fr-dev", EVAL / "seeds")
_WH = (
    ("how many", r"\bhow (many|much)\b|\bcombien\b"),
    ("when", r"\bwhen\b|\bwhat (year|date|day|month|century|decade)\b|\bquand\b|\b(quelle|en quelle) ann[ée]e\b"),
    ("who", r"\bwho(m|se)?\b|\bqui\b"),
    ("where", r"\bwhere\b|\bo[ùu]\b"),
    ("which", r"\bwhich\b|\b(quel|quelle|quels|quelles|lequel|laquelle)\b"),
    ("what", r"\bwhat\b|\bque\b|\bqu'|\bquoi\b"),
    ("why/how", r"\bwhy\b|\bhow\b|\bpourquoi\b|\bcomment\b"),
)


@dataclass(frozen=True, slots=True)
class Case:
    """One answerable question with its oracle sentence."""

    example: Example
    sentence: str
    wh: str


def wh_label(question: str) -> str:
    """Returns a coarse question-word label used only for reporting."""
    for label, pattern in _WH:
        if re.search(pattern, question, re.IGNORECASE):
            return label
    return "other"


def corpus_dir(set_dir: Path) -> Path:
    """Returns the folder holding a set's documents (seeds point at the project's own corpus)."""
    corpus = set_dir / "corpus"
    if corpus.is_dir():
        return corpus
    return Path(__file__).resolve().parent.parent / "seeds"


def load_cases(set_dir: Path, half: str | None) -> list[Case]:
    """Returns the answerable questions of a set whose gold answer lies in some source sentence."""
    examples, _ = read_examples(set_dir / "qa.jsonl")
    corpus = corpus_dir(set_dir)
    files = sorted(p.name for p in corpus.glob("*") if p.is_file())
    keep = {name for i, name in enumerate(files) if half is None or (i % 2 == 0) == (half == "even")}
    sentences: dict[str, list[str]] = {}
    cases = []
    for ex in examples:
        if not ex.answerable or not ex.sources or ex.sources[0] not in keep:
            continue
        q_words = set(words(ex.question))
        best: tuple[int, str] | None = None
        for source in ex.sources:
            if source not in sentences:
                path = corpus / source
                text = normalize_newlines(path.read_text(encoding="utf-8")) if path.is_file() else ""
                sentences[source] = [text[s:e] for s, e in split_sentences(text)]
            for sentence in sentences[source]:
                if any(contains(sentence, g) for g in ex.answers):
                    overlap = len(q_words & set(words(sentence)))
                    if best is None or overlap > best[0]:
                        best = (overlap, sentence)
        if best:
            cases.append(Case(ex, best[1], wh_label(ex.question)))
    return cases


def score(cases: list[Case], show: int) -> dict[str, list[float]]:
    """Returns per-label sums [n, em, f1, spans, sentence_f1] and prints up to `show` misses."""
    table: dict[str, list[float]] = defaultdict(lambda: [0.0] * 5)
    shown = 0
    for case in cases:
        span = find_span(case.example.question, case.sentence)
        if span is not None:
            text = case.sentence[span[0] : span[1]]
            assert text and text == text.strip(), (case.example.id, span)
        else:
            text = case.sentence
        golds = case.example.answers
        em = max_over_ground_truths(exact_match, text, golds)
        f = max_over_ground_truths(f1, text, golds)
        base = max_over_ground_truths(f1, case.sentence, golds)
        for label in (case.wh, "ALL"):
            row = table[label]
            row[0] += 1
            row[1] += em
            row[2] += f
            row[3] += span is not None
            row[4] += base
        if em < 1 and shown < show:
            shown += 1
            print(f"  [{case.wh}] {case.example.question}\n    gold={golds[0]!r} got={text[:80]!r}")
            print(f"    in: {case.sentence[:300]}")
    return table


def print_table(name: str, table: dict[str, list[float]]) -> None:
    """Prints one set's table: n, EM, F1, share with a span, and F1 of the whole sentence for reference."""
    print(f"{name:<28} {'n':>5} {'EM':>6} {'F1':>6} {'span%':>6} {'sentF1':>7}")
    labels = [label for label, _ in _WH] + ["other", "ALL"]
    for label in labels:
        if label in table:
            n, em, f, spans, base = table[label]
            print(f"  {label:<26} {int(n):>5} {em / n:>6.3f} {f / n:>6.3f} {spans / n:>6.2f} {base / n:>7.3f}")


def main() -> None:
    """Scores each set given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="*", type=Path, default=list(DEFAULT_SETS))
    parser.add_argument("--half", choices=("even", "odd"))
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    for set_dir in args.sets:
        cases = load_cases(set_dir, args.half)
        table = score(cases, args.show)
        print_table(f"{set_dir.name}{'/' + args.half if args.half else ''}", table)


if __name__ == "__main__":
    main()
