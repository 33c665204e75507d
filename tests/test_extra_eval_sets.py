"""The repository's own evaluation sets are well formed: every answer is verbatim in every file it names."""

from __future__ import annotations

from pathlib import Path

from qa.evaluation import read_examples
from tests.conftest import SEEDS

EXTRA = Path(__file__).resolve().parent.parent / "bench" / "eval" / "seeds-extra.jsonl"


def test_seeds_extra_answers_occur_in_their_sources() -> None:
    examples, problems = read_examples(EXTRA)
    assert not problems
    assert len(examples) == 45 and len({ex.id for ex in examples}) == 45
    assert sum(not ex.answerable for ex in examples) == 9
    for ex in examples:
        for source in ex.sources:
            text = (SEEDS / source).read_text(encoding="utf-8")
            assert all(answer in text for answer in ex.answers), (ex.id, source)
