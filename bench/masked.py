"""Builds near-topic unanswerable sets: a shared set whose articles lose the sentences that answer some questions.

Usage: python bench/masked.py [--sets xquad-en-dev piaf-fr-dev] [--out DIR]

The shared sets' unanswerable questions come from articles outside the corpus, so every word of them is foreign
to it and abstaining is easy. A user's real unanswerable question is more often about their own documents, asking
for a detail they leave out. Removing the sentences that hold a question's answer makes exactly such a question,
on crowd-written questions we did not write, and keeps the other questions of the article answerable.

Each article's questions fall in three groups by a hash of their id; the sentences holding the gold answers of one
group are removed. A question of that group is unanswerable when none of its gold answers is left anywhere in the
corpus; one whose answer still occurs elsewhere is left out (it may or may not be answered there). A question of
the other groups stays answerable when one of its gold answers is still in its source; otherwise it is left out.
Prints the counts; `qa eval OUT/<set>-masked/qa.jsonl --corpus OUT/<set>-masked/corpus` measures a set.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import MASKED, eval_set  # noqa: E402
from qa.evaluation import contains, read_examples  # noqa: E402
from qa.segmentation import split_sentences  # noqa: E402

GROUPS = 3


def masked_group(example_id: str) -> bool:
    """Tells whether a question is one of those whose answer sentences are removed."""
    return zlib.crc32(example_id.encode()) % GROUPS == 0


def without_sentences(text: str, answers: list[str]) -> str:
    """Returns the text without the sentences that contain one of `answers`, lines kept where they were."""
    spans = split_sentences(text)
    out, last = [], 0
    for start, end in spans:
        if any(contains(text[start:end], a) for a in answers):
            out.append(text[last:start])
            out.append("\n" * text.count("\n", start, end))  # line numbers of the rest stay as they were
            last = end
    out.append(text[last:])
    return "".join(out)


def build(name: str, out: Path) -> tuple[int, int, int]:
    """Writes OUT/<name>-masked/{corpus,qa.jsonl} from a set `bench.common.eval_set` knows."""
    qa_file, corpus = eval_set(name)
    return build_from(qa_file, corpus, out / f"{name}-masked")


def build_from(qa_file: Path, corpus: Path, target: Path) -> tuple[int, int, int]:
    """Writes TARGET/{corpus,qa.jsonl}; returns (answerable, unanswerable, left out) counts."""
    examples, _ = read_examples(qa_file)
    removed: dict[str, list[str]] = {}
    for ex in examples:
        if ex.answerable and masked_group(str(ex.id)):
            for source in ex.sources:
                removed.setdefault(source, []).extend(ex.answers)
    (target / "corpus").mkdir(parents=True, exist_ok=True)
    texts = {}
    for path in sorted(corpus.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            texts[path.name] = without_sentences(text, removed.get(path.name, []))
            (target / "corpus" / path.name).write_text(texts[path.name], encoding="utf-8")
    kept, answerable, unanswerable, left = [], 0, 0, 0
    for ex in examples:
        if not ex.answerable:
            continue  # the set's own (foreign) unanswerable questions are measured by the set itself
        anywhere = any(contains(t, a) for t in texts.values() for a in ex.answers)
        in_source = any(contains(texts.get(s, ""), a) for s in ex.sources for a in ex.answers)
        if masked_group(str(ex.id)):
            if anywhere:
                left += 1
                continue
            article = ex.sources[0] if ex.sources else ""  # in the id, so fitting splits these by article too
            kept.append({"id": f"{article}#{ex.id}", "question": ex.question, "answers": [], "sources": []})
            unanswerable += 1
        elif in_source:
            row = {"id": ex.id, "question": ex.question, "answers": list(ex.answers), "sources": list(ex.sources)}
            kept.append(row)
            answerable += 1
        else:
            left += 1
    with (target / "qa.jsonl").open("w", encoding="utf-8") as f:
        for row in kept:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return answerable, unanswerable, left


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=["xquad-en-dev", "piaf-fr-dev"])
    parser.add_argument("--out", type=Path, default=MASKED)
    args = parser.parse_args()
    print(f"{'set':<20} {'answerable':>10} {'unanswerable':>12} {'left out':>9}")
    for name in args.sets:
        a, u, left = build(name, args.out)
        print(f"{name + '-masked':<20} {a:>10} {u:>12} {left:>9}")


if __name__ == "__main__":
    main()
