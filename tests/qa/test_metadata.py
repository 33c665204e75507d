"""Questions about the article itself get its headline, byline or dateline; other questions are left alone."""

from __future__ import annotations

import pytest

from qa.answering import article_answer
from qa.api import load_bot
from qa.indexing import index_corpus
from qa.ingestion import make_document
from qa.metadata import article_request, meta_line
from tests.conftest import HashingEncoder, fake_settings

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


LICENCE = (
    "                    GNU GENERAL PUBLIC LICENSE\n"
    "                       Version 3, 29 June 2007\n\n"
    " Copyright (C) 2007 Free Software Foundation, Inc.\n"
    " Everyone is permitted to copy and distribute verbatim copies of this license document.\n\n"
    "  The Free Software Foundation may publish revised and/or new versions of the GNU General Public License\n"
    "from time to time.\n"
)


@pytest.mark.parametrize(
    ("question", "request_"),
    [
        ("When was version 3 of the GNU General Public License published?", "date"),
        ("When was the GNU General Public License dated?", "date"),
        # the title named, but no date asked, or not every title word named
        ("Who wrote the GNU General Public License?", None),
        ("When may the Foundation publish new versions of the license?", None),
        ("When was the General Public License published?", None),
    ],
)
def test_a_question_naming_the_document_s_title_may_ask_its_date(question: str, request_: str | None) -> None:
    assert article_request(question, "GNU GENERAL PUBLIC LICENSE") == request_


def test_a_one_word_title_names_no_document() -> None:
    assert article_request("When was Paris published?", "Paris") is None


def test_a_written_date_on_a_short_head_line_is_the_dateline() -> None:
    answer = article_answer(
        "When was version 3 of the GNU General Public License published?", make_document("gpl.txt", LICENCE)
    )
    assert answer is not None
    assert (answer.text, answer.span) == ("Version 3, 29 June 2007", "29 June 2007")
    assert answer.citation.line_start == 2
    assert LICENCE[answer.citation.char_start : answer.citation.char_end] == answer.text


def test_a_year_in_a_lead_sentence_is_no_dateline() -> None:
    doc = make_document("mill.txt", "Mill reopens\n\nThe old mill on the river reopened in 2021 after repairs.\n")
    assert meta_line(doc, "date") is None


def test_the_bot_answers_a_document_s_date_from_its_head_line(tmp_path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "gpl.txt").write_text(LICENCE, encoding="utf-8")
    (corpus / "notes.txt").write_text("Meeting notes\n\nThe licence review is due in March.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    reply = load_bot(settings, encoder=HashingEncoder()).ask(
        "When was version 3 of the GNU General Public License published?"
    )
    assert (reply.answers[0].text, reply.answers[0].span) == ("Version 3, 29 June 2007", "29 June 2007")
    assert (reply.answers[0].citation.file, reply.answers[0].citation.line_start) == ("gpl.txt", 2)
