"""The real model over seeds/: every answer is verbatim and cited, and unanswerable questions are declined."""

from __future__ import annotations

import pytest

from qa.evaluation import contains, read_examples
from qa.ingestion import read_document
from tests.conftest import SEEDS, SHARED_EVAL

SEEDS_QA = SHARED_EVAL / "seeds" / "qa.jsonl"
pytestmark = pytest.mark.skipif(not SEEDS_QA.exists(), reason="needs ../shared/eval beside the repo")


@pytest.fixture(scope="module")
def replies(seeds_bot):
    examples, problems = read_examples(SEEDS_QA)
    assert not problems
    return [(ex, seeds_bot.ask(ex.question)) for ex in examples]


def test_every_answer_and_span_is_verbatim_from_its_file(replies) -> None:
    checked = 0
    for _, reply in replies:
        for answer in reply.answers:
            doc = read_document(SEEDS, SEEDS / answer.citation.file)
            c = answer.citation
            assert doc.text[c.char_start : c.char_end] == answer.text
            assert doc.text.count("\n", 0, c.char_start) + 1 == c.line_start
            if answer.span_citation:
                s = answer.span_citation
                assert doc.text[s.char_start : s.char_end] == answer.span
                assert c.char_start <= s.char_start < s.char_end <= c.char_end
            checked += 1
    assert checked >= 15


def test_unanswerable_questions_are_declined_with_closest_passages(replies) -> None:
    unanswerable = [reply for ex, reply in replies if not ex.answerable]
    assert unanswerable
    declined = [r for r in unanswerable if r.abstained]
    assert len(declined) >= len(unanswerable) - 1
    assert all(r.passages for r in declined)


def test_most_answerable_questions_get_the_gold_answer(replies) -> None:
    answerable = [(ex, r) for ex, r in replies if ex.answerable]
    hits = [any(contains(r.answers[0].text, g) for g in ex.answers) for ex, r in answerable if r.answers]
    assert sum(hits) / len(answerable) >= 0.75  # measured 15/17 = 0.88 on the dev set; a guard against regressions


def test_the_issue_example_is_answered_with_its_number(seeds_bot) -> None:
    reply = seeds_bot.ask("How many Lao officers did Vietnam train in 2021?")
    assert not reply.abstained
    assert "280" in reply.answers[0].text and reply.answers[0].citation.file == "001_bac36986efc7b92e.txt"
