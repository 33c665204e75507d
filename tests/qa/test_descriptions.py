"""`Who is NAME?`: the short answer is what the sentence says the person is, never another name."""

from __future__ import annotations

import pytest

from qa.api import Bot
from qa.descriptions import described_name
from qa.spans import find_span

DATELINE = (
    "date 2023-01-12 Vientiane (VNA) – Vietnamese Deputy Minister of Public Security Lieut. Gen Nguyen Duy Ngoc held "
    "talks with his Lao counterpart Lieut. Gen. Khamking Phuilamanivong, who is also head of the General Police "
    "Department, in Vientiane on January 12."
)


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        ("Who is Nguyen Duy Ngoc?", DATELINE, "Vietnamese Deputy Minister of Public Security"),  # past `Lieut. Gen`
        ("Who is Khamking Phuilamanivong?", DATELINE, "head of the General Police Department"),  # the apposition
        ("Qui est Pie IV ?", "la mère du compositeur était nièce du pape Pie IV, et la politique", "pape"),
        ("Qui est Walter Rodney ?", "avec l’historien guyanien Walter Rodney et John Garang", "historien guyanien"),
        ("Who was Ann Lee?", "The historian Ann Lee wrote it.", "historian"),
        ("Who is Ann Lee?", "They invited Ann Lee to dinner.", None),  # a verb's object: nothing says who she is
        ("Who is Daniel Rowe?", "The ferry was run by a fisherman named Daniel Rowe.", "fisherman"),
        ("Qui est Jean Morel ?", "Le bateau appartenait à un vieux pêcheur nommé Jean Morel.", "vieux pêcheur"),
        ("Who is Ann Lee?", "Yesterday Ann Lee spoke.", None),  # a capital that opens the sentence is no title
        ("Who is Ann Lee?", "Ann Lee spoke, and the hall listened.", None),
        ("Who is Ann Lee?", "Bob Smith spoke.", None),  # not there at all
        ("Who is Ann Lee?", "Minister To Lam and Minister Ann Lee met.", "Minister"),  # `and` joins titles only
        ("Who is Ann Lee?", "He thanked President Bo Ky and PM Ann Lee.", "PM"),
        (
            "Who is Bo Ky?",
            "General Secretary of the Lao People's Revolutionary Party (LPRP) and President of Laos Bo Ky spoke.",
            "General Secretary of the Lao People's Revolutionary Party (LPRP) and President of Laos",
        ),
        (
            "What is ASEAN?",
            "the chair of the Association of Southeast Asian Nations (ASEAN).",
            "Association of Southeast Asian Nations",
        ),
        (
            "What does LPRP stand for?",
            "Secretary of the Lao People's Revolutionary Party (LPRP) and",
            "Lao People's Revolutionary Party",
        ),
        (
            "Que signifie PPRL ?",
            "le chef du Parti populaire révolutionnaire du Laos (PPRL)",
            "Parti populaire révolutionnaire du Laos",
        ),
        ("What is ASEAN?", "the ministers of Vietnam (ASEAN) met.", None),  # brackets, but not its letters
        ("What is VNA?", "date 2023-01-12 Vientiane (VNA) – Vietnamese", None),  # one word for three letters
        ("What is ASEAN?", "when Laos serves as Chair of ASEAN.", None),  # a title is no expansion
        ("What is the MPS?", "the Vietnamese Ministry of Public Security (MPS).", "Ministry of Public Security"),
    ],
)
def test_the_description_beside_the_name(question: str, sentence: str, span: str | None) -> None:
    found = find_span(question, sentence)
    assert (sentence[found[0] : found[1]] if found else None) == span


@pytest.mark.parametrize(
    "question",
    [
        "Who is the mayor of Da Nang?",
        "Who was Count of Melfi",
        "Who is President To Lam?",
        "Who signed it?",
        "What is Laos?",
        "What is the capital?",
    ],
)
def test_questions_for_a_holder_or_a_doer_are_not_description_questions(question: str) -> None:
    assert described_name(question) is None


def test_who_is_a_seed_official_is_answered_with_his_title(seeds_bot: Bot) -> None:
    reply = seeds_bot.ask("Who is Nguyen Duy Ngoc?")
    assert reply.answers
    top = reply.answers[0]
    assert top.span == "Vietnamese Deputy Minister of Public Security"
    assert top.span_citation is not None
    text = seeds_bot.index.document(top.span_citation.file).text  # type: ignore[union-attr]
    assert text[top.span_citation.char_start : top.span_citation.char_end] == top.span


def test_who_is_is_answered_from_the_sentence_that_says_most_of_what_they_are(seeds_bot: Bot) -> None:
    reply = seeds_bot.ask("Who is Vilay Lakhamphong?")
    assert reply.answers
    # not `Minister`, from the caption `Minister To Lam presents flowers to Minister Vilay Lakhamphong.`
    assert reply.answers[0].span is not None and len(reply.answers[0].span.split()) > 1
    assert "Vilay Lakhamphong" in reply.answers[0].text
    assert all(a.score <= reply.answers[0].score for a in reply.answers)  # no alternative shown as likelier


def test_what_an_acronym_stands_for(seeds_bot: Bot) -> None:
    reply = seeds_bot.ask("What is ASEAN?")
    assert reply.answers and reply.answers[0].span == "Association of Southeast Asian Nations"


def test_what_an_acronym_stands_for_is_answered_even_below_the_confidence_threshold(seeds_bot: Bot) -> None:
    """The sentence model is unsure of `What does LPRP stand for?` (0.21 < 0.25): it abstained, though a sentence
    spells the acronym out."""
    reply = seeds_bot.ask("What does LPRP stand for?")
    assert reply.answers and reply.answers[0].span == "Lao People's Revolutionary Party"
    assert reply.confidence >= seeds_bot.settings.abstain_below
    assert seeds_bot.ask("What is NATO?").abstained  # never spelled out in the seeds
