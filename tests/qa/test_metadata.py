"""Questions about the article itself get its headline, byline or dateline; other questions are left alone."""

from __future__ import annotations

import pytest

from qa.answering import article_answer
from qa.ingestion import make_document
from qa.metadata import article_request, meta_line

NEWS = (
    "Mill reopens after flood\n\n"
    "Thứ Ba, 11/01/2022, 22:00\n\n"
    "The old mill on the river reopened on Monday after two years of repairs.\n\n"
    "By J.K\n"
)
CREDIT_AFTER_TEXT = "Harbour works begin\n\nThe works will last a year, the port said. — VNS\n"


@pytest.mark.parametrize(
    ("question", "request_"),
    [
        ("Who wrote the article about the mill?", "credit"),
        ("Which news agency is credited at the end of the report on the harbour?", "credit"),
        ("Qui a écrit l'article sur le moulin ?", "credit"),
        ("When was the story about the mill posted?", "date"),
        ("On what date was the article on the harbour published?", "date"),
        ("What is the headline of the article about the mill?", "title"),
        ("Quel est le titre de l'article sur le moulin ?", "title"),
        # an article the text talks about, or no article at all: the sentences answer
        ("What article was published in 1937?", None),
        ("In the article's title, what did the machine hope to end?", None),
        ("Who wrote the treaty?", None),
        ("When was the mill reopened?", None),
    ],
)
def test_only_questions_about_the_article_itself_are_requests(question: str, request_: str | None) -> None:
    assert article_request(question) == request_


def test_each_request_finds_its_line_and_short_answer() -> None:
    doc = make_document("mill.txt", NEWS)
    found = {r: meta_line(doc, r) for r in ("title", "date", "credit")}
    assert all(line is not None for line in found.values())
    quotes = {r: (NEWS[m.start : m.end], NEWS[m.span_start : m.span_end]) for r, m in found.items() if m}
    assert quotes["title"] == ("Mill reopens after flood", "Mill reopens after flood")
    assert quotes["date"] == ("Thứ Ba, 11/01/2022, 22:00", "11/01/2022, 22:00")
    assert quotes["credit"] == ("By J.K", "J.K")


def test_a_credit_after_the_last_sentence_is_found_inside_its_line() -> None:
    doc = make_document("port.txt", CREDIT_AFTER_TEXT)
    line = meta_line(doc, "credit")
    assert line is not None
    assert CREDIT_AFTER_TEXT[line.span_start : line.span_end] == "VNS"


def test_a_file_without_such_lines_gives_none() -> None:
    doc = make_document(
        "plain.txt", "Paris\n\nParis is the capital of France. It lies on the Seine and has many bridges.\n"
    )
    assert meta_line(doc, "date") is None
    assert meta_line(doc, "credit") is None


def test_the_answer_is_verbatim_and_cited() -> None:
    doc = make_document("mill.txt", NEWS)
    answer = article_answer("Who wrote the article about the mill?", doc)
    assert answer is not None and answer.span_citation is not None
    assert answer.span == "J.K"
    assert NEWS[answer.citation.char_start : answer.citation.char_end] == answer.text == "By J.K"
    assert answer.citation.line_start == 7
    assert article_answer("Who repaired the mill?", doc) is None


def test_the_real_bot_answers_a_byline_question_from_the_seeds(seeds_bot) -> None:
    reply = seeds_bot.ask("Which news service is credited at the end of the report on Tô Lâm's courtesy calls?")
    assert not reply.abstained
    assert reply.answers[0].span == "VNS"
    assert reply.answers[0].citation.file == "004_3b5f0c376b1bdadd.txt"
    first = reply.passages[0].chunk
    cited = reply.answers[0].citation
    assert first.doc_path == cited.file and first.char_start <= cited.char_start < cited.char_end <= first.char_end
    assert len(reply.passages) == seeds_bot.settings.top_k
