"""Character-gram overlap: word forms that stemming keeps apart still meet."""

from __future__ import annotations

from qa.grams import gram_containment, question_grams


def test_gram_containment_meets_word_forms_that_stems_keep_apart() -> None:
    assert gram_containment("Quand a été construite la cathédrale ?", "La construction de la cathédrale") > 0.6
    assert gram_containment("Quand a été construite la cathédrale ?", "Le maire a parlé du budget") == 0.0
    assert gram_containment("Who is it?", "Anything at all") == 0.0  # no content word of four letters


def test_question_grams_skip_function_words_and_short_words() -> None:
    assert question_grams("What is the GDP of Laos?") == ("laos",)
    assert question_grams("Who is it?") == ()
