"""Answer scoring: features, weights and names stay in step, and the pure helpers behave."""

from __future__ import annotations

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


def test_phrase_coverage_needs_the_words_in_order() -> None:
    assert bigram_coverage(["port", "elan"], ["at", "port", "elan"]) == 1.0
    assert bigram_coverage(["port", "elan"], ["elan", "port"]) == 0.0
