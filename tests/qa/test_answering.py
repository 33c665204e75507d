"""Answer scoring: features, weights and names stay in step, and the pure helpers behave."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import Bot
from qa.answering import (
    CONFIDENCE_FEATURES,
    CONFIDENCE_WEIGHTS,
    SENTENCE_FEATURES,
    SENTENCE_WEIGHTS,
    bigram_coverage,
    coverage,
)


def test_weights_match_the_named_features(fake_bot) -> None:
    from qa.answering import confidence_features, score_sentences
    from qa.lexical import tokenize

    assert len(SENTENCE_FEATURES) == len(SENTENCE_WEIGHTS)
    assert len(CONFIDENCE_FEATURES) == len(CONFIDENCE_WEIGHTS)
    written = (Path(__file__).resolve().parents[2] / "qa" / "answer_weights.py").read_text(encoding="utf-8")
    assert [line.split("# ")[1] for line in written.splitlines() if "  # " in line] == [
        *SENTENCE_FEATURES,
        *CONFIDENCE_FEATURES,
    ]
    question = "Who designed the lighthouse at Port Elan?"
    passages, evidence, tokens = fake_bot.gather(question)
    scored = score_sentences(question, evidence, tokens, idf=fake_bot.index.lexical.idf, tokenize=tokenize)
    assert all(len(s.features) == len(SENTENCE_FEATURES) for s in scored)
    features = confidence_features(
        question,
        scored[0],
        passages,
        tokens,
        idf=fake_bot.index.lexical.idf,
        known=fake_bot.index.lexical.known,
        tokenize=tokenize,
        language="en",
    )
    assert len(features) == len(CONFIDENCE_FEATURES)


def test_coverage_weighs_rare_words_more() -> None:
    idf = {"lighthouse": 3.0, "town": 1.0}.get
    assert coverage(["lighthouse", "town"], {"lighthouse"}, lambda t: idf(t) or 1.0) == 0.75


def test_prefix_coverage_joins_what_the_stemmer_left_apart() -> None:
    from qa.answering import prefix_coverage
    from qa.lexical import tokenize

    question = tokenize("Dans quel pays a étudié Museveni ?", "fr")
    sentence = set(tokenize("Il part faire des études à Dar es Salaam.", "fr"))
    one = lambda t: 1.0  # noqa: E731
    assert prefix_coverage(question, sentence, one) > coverage(question, sentence, one)
    assert prefix_coverage(["art"], {"artisan"}, one) == 0.0  # three letters are too few to say anything


def test_phrase_coverage_needs_the_words_in_order() -> None:
    assert bigram_coverage(["port", "elan"], ["at", "port", "elan"]) == 1.0
    assert bigram_coverage(["port", "elan"], ["elan", "port"]) == 0.0


def test_candidate_idf_weighs_words_every_candidate_repeats_least() -> None:
    """The article's own names are in every sentence; the question's verb tells the one that answers."""
    from qa.answering import SentenceEvidence, candidate_idf
    from qa.ingestion import make_document
    from qa.lexical import tokenize
    from qa.model import Chunk, Passage

    text = "Lam met Vilay in Hanoi. Lam presented flowers to Vilay. Lam and Vilay spoke."
    doc = make_document("a.txt", text)
    passage = Passage(Chunk(doc.path, 0, 0, len(text), text, (), 1, 1), 0, 0.5, 0.0, 1.0)
    bounds = [(0, 23), (24, 55), (56, 76)]
    evidence = [SentenceEvidence(doc, s, e, 0.5, passage, 0, s) for s, e in bounds]
    tokens = tokenize("What did Lam present to Vilay?", "en")
    local = candidate_idf(tokens, evidence, tokenize)
    (present,) = tokenize("present", "en")
    (lam,) = tokenize("Lam", "en")
    assert local(present) > local(lam) > 0.0
    assert local("nowhere") == 0.0
    covered = [coverage(tokens, set(tokenize(text[s:e], "en")), local) for s, e in bounds]
    assert covered.index(max(covered)) == 1


def _scored(doc, spans_and_probabilities):
    from qa.answering import Scored, SentenceEvidence
    from qa.model import Chunk, Passage

    chunk = Chunk(doc.path, 0, 0, len(doc.text), doc.text, (), 1, 1)
    passage = Passage(chunk, 0, 0.5, 0.0, 1.0)
    out, previous = [], 0
    for (start, end), p in spans_and_probabilities:
        out.append(Scored(SentenceEvidence(doc, start, end, 0.5, passage, 0, previous), p, ()))
        previous = start
    return out


def test_a_nearly_as_likely_neighbour_joins_the_top_answer_as_one_verbatim_span() -> None:
    from qa.answering import adjacent_runner_up, make_answer
    from qa.ingestion import make_document

    doc = make_document("d.txt", "The team was led by Ann. She scored 12 goals. Rain fell.")
    first, second, third = (0, 24), (25, 45), (46, 56)
    scored = _scored(doc, [(first, 0.6), (second, 0.55), (third, 0.1)])
    best, runner_up = scored[0], adjacent_runner_up(sorted(scored, key=lambda s: -s.probability))
    assert runner_up is not None and runner_up.evidence.start == 25
    answer = make_answer("How many goals did Ann score?", best, neighbour=runner_up)
    assert answer.text == "The team was led by Ann. She scored 12 goals."
    assert doc.text[answer.citation.char_start : answer.citation.char_end] == answer.text


def test_a_far_less_likely_or_distant_sentence_does_not_join() -> None:
    from qa.answering import adjacent_runner_up
    from qa.ingestion import make_document

    doc = make_document("d.txt", "The team was led by Ann. She scored 12 goals. Rain fell.")
    weak = _scored(doc, [((0, 24), 0.9), ((25, 45), 0.3)])
    assert adjacent_runner_up(weak) is None
    distant = _scored(doc, [((0, 24), 0.9), ((46, 56), 0.85)])
    distant[1] = type(distant[1])(
        type(distant[1].evidence)(doc, 46, 56, 0.5, distant[1].evidence.passage, 0, 25), 0.85, ()
    )
    assert adjacent_runner_up(distant) is None


@pytest.mark.parametrize(
    "text",
    [
        "- Azure Blob Storage backend\n\n## Q3 2024",
        "| Li Wei | Maintainer |\n| Sam Okafor | Release engineer |",
        "1. Install it.\n2. Run it.",
        "| `concurrency` | `8` |\n\nEnvironment variables override the file.",
    ],
)
def test_a_heading_table_row_or_list_item_never_joins_the_sentence_before_it(text: str) -> None:
    from qa.answering import adjacent_runner_up
    from qa.ingestion import make_document

    doc = make_document("d.md", text)
    cut = text.index("\n")
    second = cut + len(text[cut:]) - len(text[cut:].lstrip())
    assert adjacent_runner_up(_scored(doc, [((0, cut), 0.6), ((second, len(text)), 0.55)])) is None


def test_the_next_paragraph_may_join_as_one_answer() -> None:
    from qa.answering import adjacent_runner_up
    from qa.ingestion import make_document

    doc = make_document("d.txt", "The team was led by Ann.\n\nShe scored 12 goals.")
    runner_up = adjacent_runner_up(_scored(doc, [((0, 24), 0.6), ((26, 46), 0.55)]))
    assert runner_up is not None and runner_up.evidence.start == 26


def test_closeness_is_judged_in_log_odds_so_a_sure_best_sentence_stays_alone() -> None:
    """0.81 is 83 % of 0.98, yet the model is far surer of the first: odds of 47 against 4."""
    from qa.answering import adjacent_runner_up
    from qa.ingestion import make_document

    doc = make_document("d.txt", "The team was led by Ann. She scored 12 goals. Rain fell.")
    assert adjacent_runner_up(_scored(doc, [((0, 24), 0.979), ((25, 45), 0.813)])) is None
    assert adjacent_runner_up(_scored(doc, [((0, 24), 0.2), ((25, 45), 0.1)])) is not None


def test_another_answer_is_offered_only_within_the_margin_in_log_odds() -> None:
    from qa.answering import worth_offering

    assert not worth_offering(0.81, 0.98)  # 83 % as likely, yet odds of 4 against 49
    assert worth_offering(0.96, 0.98)
    assert worth_offering(0.3, 0.5)  # far below half the best one's probability when the best is unsure
    assert not worth_offering(0.1, 0.5)


def test_a_question_that_names_nothing_abstains_without_passages(fake_bot) -> None:
    from qa.answering import NOTHING_ASKED

    for question in ("Who?", "Who is he?", "Combien ?", "What is it?"):
        reply = fake_bot.ask(question)
        assert reply.abstained and reply.answers == () and reply.passages == (), question
        assert reply.message == NOTHING_ASKED
    assert fake_bot.ask("Who designed the lighthouse?").answers  # one named thing is enough


def test_who_holds_a_role_the_documents_never_mention_abstains_saying_so(fake_bot) -> None:
    """The tiny corpus has a French file among the passages: the message says only what was checked."""
    from qa.answering import ROLE_UNMENTIONED, ROLE_UNMENTIONED_IN

    reply = fake_bot.ask("Who is the mayor of Port Elan?")
    assert reply.abstained and reply.message == ROLE_UNMENTIONED_IN.format(language="English").format(role="mayor")
    assert "no English document mentions a mayor" in reply.message
    assert reply.passages and reply.passages[0].chunk.doc_path == "harbor.txt"  # still the closest passages
    engineer = fake_bot.ask("Who was the engineer of the lighthouse at Port Elan?")
    assert engineer.message != ROLE_UNMENTIONED.format(role="engineer")  # the text names one: the model decides
    assert fake_bot.ask("Qui est le maire du village ?").message == ""  # `mairie` is a form of it: answered


def test_without_passages_in_another_language_the_documents_never_mention_the_role(tiny_corpus, tmp_path) -> None:
    from qa.answering import ROLE_UNMENTIONED
    from qa.api import load_bot
    from qa.indexing import index_corpus
    from tests.conftest import HashingEncoder, fake_settings

    (tiny_corpus / "fromage.txt").unlink()
    settings = fake_settings(tiny_corpus, tmp_path / "english-index")
    index_corpus(settings, make_encoder=HashingEncoder)
    reply = load_bot(settings, encoder=HashingEncoder()).ask("Who is the mayor of Port Elan?")
    assert reply.abstained and reply.message == ROLE_UNMENTIONED.format(role="mayor")


def test_a_role_is_not_looked_for_in_another_language_than_the_best_evidence(fake_bot) -> None:
    """Asked in English about a French text, `mayor` has no form there, yet `maire` may well be in it: whether
    the text answers is the model's call, not the word check's."""
    from qa.answering import ROLE_UNMENTIONED

    reply = fake_bot.ask("Who is the mayor of the fromagerie village?")
    assert reply.passages[0].chunk.doc_path == "fromage.txt"
    assert reply.message != ROLE_UNMENTIONED.format(role="mayor")


def test_a_role_is_found_in_any_of_its_forms() -> None:
    from qa.lexical import build_lexical_index, tokenize
    from qa.questions import asked_role

    lexical = build_lexical_index([tokenize("Le traité fut signé par le ministre.", "fr")])
    assert asked_role("Qui est le signataire du traité ?") == "signataire"
    assert all(lexical.knows_a_form_of(t) for t in tokenize("signataire", "fr"))
    assert not lexical.knows_a_form_of("mayor")
    assert asked_role("Who led the delegation?") is None and asked_role("Who is Walter Rodney?") is None


def test_a_sentence_that_asks_a_question_gives_way_to_the_sentence_after_it() -> None:
    from qa.answering import answers_to_questions, asks
    from qa.ingestion import make_document

    text = "## How do I reset the router?\n\nHold the reset button for ten seconds. The light blinks."
    doc = make_document("faq.md", text)
    heading, answer, last = (0, 29), (31, 69), (70, 86)
    assert asks(text[slice(*heading)]) and asks("“Why now?”") and not asks(text[slice(*answer)])
    ranked = answers_to_questions(_scored(doc, [(heading, 0.97), (answer, 0.2), (last, 0.1)]))
    assert [(s.evidence.start, s.probability) for s in ranked] == [(31, 0.97), (70, 0.1)]
    alone = answers_to_questions(_scored(doc, [(heading, 0.97)]))
    assert [s.evidence.start for s in alone] == [0]  # nothing follows it among the candidates: kept, not lost
    prose = make_document("p.txt", "He grew up alone. Was it not the fault of his father? Few knew.")
    inside = answers_to_questions(_scored(prose, [((18, 53), 0.9), ((54, 63), 0.2)]))
    assert [s.evidence.start for s in inside] == [18, 54]  # a question within a paragraph often states a fact


def bot_over(tmp_path: Path, real_encoder: object, files: dict[str, str]) -> Bot:
    """Returns a bot with the real model over a corpus holding `files` (name -> text)."""
    from qa import Settings, ensure_bot

    corpus = tmp_path / "docs"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return ensure_bot(
        Settings(corpus=corpus, index_dir=tmp_path / "index", quiet=True), encoder_factory=lambda: real_encoder
    )[0]


def test_an_faq_is_answered_with_the_text_under_the_matching_heading(tmp_path: Path, real_encoder: object) -> None:
    text = (
        "# Router FAQ\n\n## How do I reset the router?\n\nHold the reset button on the back for ten seconds, until "
        "the light blinks orange.\n\n## How do I update the firmware?\n\nOpen the admin page at 192.168.1.1 and "
        "choose Update under System.\n\n## Where is the serial number?\n\nIt is printed on the label underneath.\n"
    )
    bot = bot_over(tmp_path, real_encoder, {"router.md": text})
    for question, expected in (
        ("How do I reset the router?", "Hold the reset button on the back for ten seconds"),
        ("How can I update the firmware?", "Open the admin page at 192.168.1.1"),
    ):
        reply = bot.ask(question)
        assert not reply.abstained, question
        answer = reply.answers[0]
        assert answer.text.startswith(expected) and "?" not in answer.text, (question, answer.text)
        assert text[answer.citation.char_start : answer.citation.char_end] == answer.text


def test_a_markdown_heading_is_never_offered_as_an_alternative(tmp_path: Path, real_encoder: object) -> None:
    from qa import Settings, ensure_bot

    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "lease.md").write_text(
        "# Lease\n\nThe lease was signed by Alice Martin on 3 March 2024.\n\nThe rent is 1200 euros per month.\n",
        encoding="utf-8",
    )
    (corpus / "garden.txt").write_text("Plain text: the garden is maintained by the landlord.\n", encoding="utf-8")
    (corpus / "notes.md").write_text(
        "# Notes\n\nThe boiler was repaired by Bob Stone in June 2024.\n", encoding="utf-8"
    )
    bot = ensure_bot(
        Settings(corpus=str(corpus), index_dir=str(tmp_path / "index"), quiet=True),  # strings: Paths
        encoder_factory=lambda: real_encoder,
    )[0]
    reply = bot.ask("Who signed the lease?")
    assert reply.answers and "Alice Martin" in reply.answers[0].text
    assert not any(a.text.startswith("#") for a in reply.answers[1:])


@pytest.mark.parametrize("question", ["1", "1=1", "2021?", "🙂🙂", "  ?  "])
def test_a_question_without_a_word_gets_no_answer(fake_bot, question: str) -> None:
    """A number alone matched a caption (`-1`) with confidence 0.86: a question must name something in words."""
    from qa.api import NO_WORDS

    reply = fake_bot.ask(question)
    assert reply.abstained and reply.answers == () and reply.passages == () and reply.message == NO_WORDS


def test_hard_wrapped_prose_is_answered_with_the_whole_sentence(tmp_path: Path, real_encoder: object) -> None:
    """Read line by line, `designed by the engineer Maria` / `Koval in 1890` answered without the surname."""
    from tests.qa.test_segmentation import WRAPPED

    bot = bot_over(tmp_path, real_encoder, {"harbour.txt": WRAPPED})
    reply = bot.ask("Who designed the lighthouse on the northern cape?")
    answer = reply.answers[0]
    assert "Maria\nKoval" in answer.text and answer.span == "Maria\nKoval"
    assert (answer.citation.line_start, answer.citation.line_end) == (3, 4)
    assert WRAPPED[answer.span_citation.char_start : answer.span_citation.char_end] == answer.span


def test_a_line_made_of_the_question_s_own_words_is_no_answer(tmp_path: Path, real_encoder: object) -> None:
    """`Subject: Venue for the June offsite` matched `Which venue was booked for the June offsite?` better than the
    sentence saying which (0.97), and said nothing the question did not."""
    mail = (
        "Subject: Venue for the June offsite\n\nHi all,\n\nWe have booked the Glasshouse Conference Centre in "
        "Harrogate for the\noffsite on 19-20 June.\n"
    )
    bot = bot_over(tmp_path, real_encoder, {"mail.txt": mail})
    reply = bot.ask("Which venue was booked for the June offsite?")
    assert reply.answers and reply.answers[0].text.startswith("We have booked the Glasshouse Conference Centre")
    assert not any(a.text.startswith("Subject:") for a in reply.answers)


def test_a_table_s_header_row_is_no_answer(tmp_path: Path, real_encoder: object) -> None:
    """`| Item | Cost | Owner |` holds the question's `owner` and answered `Who owns the servers?` with `Cost`."""
    roadmap = (
        "# Roadmap\n\n| Item | Cost | Owner |\n|---|---|---|\n| Servers | $12,400 | Dmitri Volkov |\n"
        "| Laptops | $3,100 | Priya Raman |\n"
    )
    bot = bot_over(tmp_path, real_encoder, {"roadmap.md": roadmap})
    reply = bot.ask("Who is the owner of the servers?")
    assert reply.answers and not any(a.text.startswith("| Item") for a in reply.answers)
    assert "Dmitri Volkov" in reply.answers[0].text
