"""A number the question names and no document holds, with another of its kind where the answer would be, is a
fact the documents cannot support."""

from __future__ import annotations

import pytest

from qa.api import load_bot
from qa.indexing import index_corpus
from qa.ingestion import make_document
from qa.numbers import asked_numbers, rival_number, unmentioned_number
from tests.conftest import HashingEncoder, fake_settings


def test_a_question_s_numbers_are_read_as_a_text_may_write_them() -> None:
    question = "When was 2.2.0 released in 2015-16, the 1700s or the 15th century, for 1,200 euros on 11/01/2022?"
    assert asked_numbers(question) == ["2.2.0", "2015", "16", "1700", "15", "1,200", "11", "2022"]
    assert asked_numbers("Who won 3 games in year 8?") == []  # one digit: every corpus has it


@pytest.mark.parametrize(
    ("number", "text", "held"),
    [
        ("1200", "It cost 1,200 euros.", True),
        ("1,200", "It cost 1200 euros.", True),
        ("1200", "It cost 1 200 euros.", True),
        ("2015", "The 2015–16 season.", True),
        ("2.2.0", "Version 2.2.0. was out.", True),
        ("2022", "Ticket 20225 is open.", False),
        ("2.2.0", "Version 2.2.0.1 is out.", False),
        ("2.2.0", "Version 2.2 is out.", False),
    ],
)
def test_a_number_is_found_in_any_of_its_writings_and_never_inside_another(number: str, text: str, held: bool) -> None:
    documents = [make_document("a.txt", text)]
    assert (unmentioned_number(f"What about {number}?", documents) is None) == held


def test_a_rival_is_another_number_of_the_same_kind_the_question_does_not_name() -> None:
    assert rival_number("2022", "How many issues were closed in 2022?", "We closed 143 issues in 2023.")
    assert rival_number("2.2.0", "When was 2.2.0 released?", "The 2.4.0 release is planned for 2 February.")
    assert not rival_number("2022", "How many issues were closed in 2022?", "We closed 143 issues last year.")
    assert not rival_number(
        "1995", "How much higher was the rate in 2000 to 2005 than in 1995 to 2000?", "From 2000 to 2005 it was 18%."
    )


@pytest.fixture
def retro_bot(tmp_path):
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "retro.md").write_text(
        "# Retrospective\n\nWe closed 143 issues in 2023.\nThe 2.4.0 release is planned for 2 February.\n",
        encoding="utf-8",
    )
    (corpus / "team.md").write_text("# Team\n\nPriya Raman leads the project from Bangalore.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    return load_bot(settings, encoder=HashingEncoder())


def test_a_number_the_documents_never_hold_is_not_answered_by_a_sentence_about_another(retro_bot) -> None:
    from qa.answering import NUMBER_UNMENTIONED

    reply = retro_bot.ask("How many issues were closed in 2022?")
    assert reply.abstained and reply.message == NUMBER_UNMENTIONED.format(number="2022")
    assert reply.passages and reply.passages[0].chunk.doc_path == "retro.md"  # still the closest passages
    assert retro_bot.ask("When was 2.2.0 released?").message == NUMBER_UNMENTIONED.format(number="2.2.0")
    answered = retro_bot.ask("How many issues were closed in 2023?")
    assert answered.answers and answered.answers[0].text == "We closed 143 issues in 2023."
