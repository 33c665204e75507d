"""Short answer spans: the right words by question type, and offsets that always cut a clean verbatim span."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.questions import question_type
from qa.spans import find_span

REPO_ROOT = Path(__file__).resolve().parents[2]


def span_text(question: str, sentence: str) -> str | None:
    span = find_span(question, sentence)
    return sentence[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did the bridge open?", "date"),
        ("What year was the treaty signed?", "date"),
        ("How many people live in Lyon?", "number"),
        ("How old was the captain when he retired?", "number"),
        ("Who founded the company?", "person"),
        ("Who was the mayor when the fire broke out?", "person"),
        ("Who is Walter Rodney?", "entity"),  # names the person already: asks what he is
        ("Qui est Pie IV ?", "entity"),
        ("Who was Luther's father?", "person"),
        ("Where was the statue found?", "place"),
        ("Which river crosses the town?", "entity"),
        ("What percentage of voters stayed home?", "number"),
        ("Why did the mill close?", "other"),
        ("Quand le pont a-t-il été ouvert ?", "date"),
        ("Combien d'habitants compte la ville ?", "number"),
        ("Qui a fondé l'entreprise ?", "person"),
        ("Où se trouve la statue ?", "place"),
        ("Quel fleuve traverse la ville ?", "entity"),
        ("Pourquoi le moulin a-t-il fermé ?", "other"),
        ("Qu'est-ce que la Rssm ?", "entity"),
        ("Que fabrique le moulin ?", "entity"),
        ("À quoi sert le moulin ?", "entity"),
        ("Comment s'appelle le meunier ?", "entity"),
        ("Comment est surnommée la ville ?", "entity"),
        ("Comment le moulin a-t-il brûlé ?", "other"),
        ("Est-ce que le moulin tourne encore ?", "other"),
    ],
)
def test_questions_are_typed_by_their_first_wh_word(question: str, kind: str) -> None:
    assert question_type(question).kind == kind


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # when
        (
            "When did the bridge open?",
            "The bridge over the Loire opened in March 1889 after six years of work.",
            "March 1889",
        ),
        (
            "In what year did Marie Curie win her second Nobel Prize?",
            "Marie Curie won her second Nobel Prize in 1911.",
            "1911",
        ),
        # how many / how much
        (
            "How many people live in Lyon?",
            "Lyon, the third city of France, has about 522,000 inhabitants and two rivers.",
            "522,000",
        ),
        ("How much did the new stadium cost?", "The new stadium cost $1.5 billion and opened in 2019.", "$1.5 billion"),
        ("What percentage of voters stayed home?", "Turnout fell sharply, as 38% of voters stayed home.", "38%"),
        # who
        (
            "Who founded the company?",
            "The company was founded in 1902 by William Harley, a young engineer.",
            "William Harley",
        ),
        (
            "Who composed the opera?",
            "The opera, which premiered in Paris, was composed by Georges Bizet in 1875.",
            "Georges Bizet",
        ),
        # where
        (
            "Where was the statue found?",
            "The statue was found in Alexandria by divers in 1995.",
            "Alexandria",
        ),
        # which / what with a focus noun
        (
            "What award did the film win?",
            "The film won the Palme d'Or and later an Academy Award nomination.",
            "Palme d'Or",
        ),
        ("Which river crosses the town?", "The town is crossed by the Severn, a long river.", "Severn"),
        (
            "What did the committee approve?",
            "In June the committee approved the new budget for the school.",
            "new budget",
        ),
        # French
        ("Quand le pont a-t-il été ouvert ?", "Le pont sur la Loire a été ouvert en mars 1889.", "mars 1889"),
        ("When did the minister visit Hue?", "The minister visited Hue on Friday with his delegation.", "Friday"),
        (
            "Combien d'habitants compte la ville ?",
            "La ville compte environ 12 000 habitants selon le dernier recensement.",
            "12 000",
        ),
        ("Qui a fondé l'entreprise ?", "L'entreprise a été fondée par Louis Renault en 1899.", "Louis Renault"),
        ("Où se trouve la statue ?", "La statue se trouve à Marseille depuis 1920.", "Marseille"),
    ],
)
def test_the_span_is_the_short_answer_of_the_question_type(question: str, sentence: str, expected: str) -> None:
    assert span_text(question, sentence) == expected


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Why did the mill close?", "The mill closed because the river dried up."),
        ("When did the bridge open?", "The bridge is long and very old."),
        ("Who founded Acme?", "Acme was founded by Acme."),
    ],
)
def test_no_span_when_the_type_has_no_candidate_or_only_repeats_the_question(question: str, sentence: str) -> None:
    assert find_span(question, sentence) is None


def test_a_candidate_that_only_repeats_the_question_is_skipped() -> None:
    text = span_text("When did Apollo 11 land on the Moon?", "Apollo 11 landed on the Moon on July 20, 1969.")
    assert text == "July 20, 1969"


_WORDS = st.sampled_from(
    "the of in on a Paris Marie Curie 1911 July 20, 1969 $5 38% won prize river le la de Lyon 12 000 habitants "
    "who what when how many where quel qui quand combien ( ) « » , . ; : ' \" - –".split()
)
_TEXT = st.lists(_WORDS, min_size=0, max_size=25).map(" ".join) | st.text(max_size=120)


@given(question=_TEXT, sentence=_TEXT)
def test_any_span_is_a_stripped_non_empty_slice_of_the_sentence(question: str, sentence: str) -> None:
    span = find_span(question, sentence)
    if span is None:
        return
    start, end = span
    assert 0 <= start < end <= len(sentence)
    text = sentence[start:end]
    assert text == text.strip()
    assert text[0].isalnum() or text[0] in "$€£¥"
    assert text[-1].isalnum() or text[-1] in "%"


def test_the_fitted_weights_name_every_feature_in_order() -> None:
    from qa.span_weights import FRENCH_SPAN_WEIGHTS, SPAN_WEIGHTS
    from qa.spans import SPAN_FEATURES, span_features

    text = (REPO_ROOT / "qa" / "span_weights.py").read_text(encoding="utf-8")
    assert [line.split("# ")[1] for line in text.splitlines() if "  # " in line] == 2 * list(SPAN_FEATURES)
    spans, features = span_features("Who designed the tower?", "The tower was designed by Maria Koval in 2019.")
    assert features.shape == (len(spans), len(SPAN_WEIGHTS)) == (len(spans), len(SPAN_FEATURES))
    assert FRENCH_SPAN_WEIGHTS.shape == SPAN_WEIGHTS.shape


def test_joined_candidates_reach_two_part_answers() -> None:
    assert (
        span_text(
            "Which two bodies have veto power?",
            "The Commission proposes laws, but the European Parliament and the Council of the European Union have "
            "powers of amendment and veto.",
        )
        == "European Parliament and the Council of the European Union"
    )


@pytest.mark.parametrize(
    ("sentence", "bare", "shown"),
    [
        ("Le plus haut point de l'île, la crête de Novara, s'élève à 268 m.", "crête de Novara", "la crête de Novara"),
        ("Certains exemples remontent à l’antiquité grecque et latine.", "antiquité grecque", "l’antiquité grecque"),
        ("Elle est créée le 4 janvier 1922 à Genève.", "4 janvier 1922", "4 janvier 1922"),
        ("The past record was held by the Broncos in 1999.", "Broncos", "Broncos"),
        ("Vila crête", "crête", "crête"),
    ],
)
def test_a_french_noun_phrase_keeps_its_article(sentence: str, bare: str, shown: str) -> None:
    from qa.spans import with_french_article

    start = sentence.index(bare)
    assert sentence[with_french_article(sentence, start) : start + len(bare)] == shown


def test_the_span_of_a_french_question_reads_with_its_article() -> None:
    sentence = "Les musulmans utilisent l'observation à l'œil nu de la nouvelle lune."
    span = find_span("Quelle méthode utilisent les musulmans ?", sentence)
    assert span is not None and sentence[span[0] : span[1]].startswith("l'")  # not a bare `œil nu ...`


def test_an_abbreviation_in_capitals_is_not_an_article() -> None:
    from qa.spans import with_french_article

    sentence = "The lone MLS team is the LA Galaxy."
    assert with_french_article(sentence, sentence.index("Galaxy")) == sentence.index("Galaxy")


def test_an_abbreviated_title_is_never_an_answer_alone() -> None:
    from qa.lexicon import TITLES
    from qa.spans import span_features

    sentence = (
        "Deputy Minister Lieut. Gen Nguyen Duy Ngoc held talks with his Lao counterpart Lieut. Gen. Khamking "
        "Phuilamanivong, who is also head of the General Police Department, in Vientiane."
    )
    spans, _ = span_features("Who is Khamking Phuilamanivong?", sentence)
    texts = {sentence[a:b] for a, b in spans}
    assert "Nguyen Duy Ngoc" in texts and not {t for t in texts if t.lower().strip(".") in TITLES}
    assert not any(t.split()[0].lower().strip(".") in TITLES for t in texts)  # nor the first word of one
    span = find_span("Who is Khamking Phuilamanivong?", sentence)
    assert span is not None and sentence[span[0] : span[1]] == "head of the General Police Department"


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        (
            "Who led the Vietnamese delegation on a courtesy call?",
            "Following talks, Ngoc led a high-ranking Vietnamese delegation to pay a courtesy call to Lao Deputy "
            "Prime Minister and Minister of Public Security Gen. Vilay Lakhamphong.",
            "Ngoc",
        ),
        (
            "Who is the prime minister that the minister called on?",
            "The minister paid courtesy calls to General Secretary of the Party and President of Laos Thongloun "
            "Sisoulith, and Prime Minister of the country Sonexay Siphandone on Friday.",
            "Sonexay Siphandone",
        ),
    ],
)
def test_who_is_answered_by_a_name_rather_than_a_title(question: str, sentence: str, expected: str) -> None:
    """`Lao Deputy Prime Minister` says what someone is; a who-question asks who."""
    assert span_text(question, sentence) == expected


def test_a_letter_written_with_a_combining_mark_is_never_cut() -> None:
    """`ü` as `u` + U+0308: `\\w` matches only the `u`, and the span was `Mu`."""
    sentence = "The Peace of Westphalia exhibition is in Mu\u0308nster this year."
    assert span_text("Where is the Peace of Westphalia exhibition?", sentence) == "Mu\u0308nster"
    from qa.spans import whole_characters

    assert whole_characters("Mu\u0308nster", 0, 2) == (0, 3)
    assert whole_characters("Mu\u0308nster", 2, 4) == (1, 4)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How tall is the lighthouse?", "The lighthouse, built in 1922, is 45 metres tall.", "45 metres"),
        ("How many people live in Lyon?", "In 2020, 522,000 people lived in Lyon.", "522,000"),
        ("Combien d'habitants compte la ville ?", "La ville compte 10 000 habitants depuis 1990.", "10 000"),
    ],
)
def test_a_count_or_a_measure_is_not_a_year_nor_two_numbers_run_together(
    question: str, sentence: str, expected: str
) -> None:
    assert span_text(question, sentence) == expected


def test_numbers_split_where_a_comma_and_a_space_part_them() -> None:
    from qa.lexicon import NUMBER

    found = [m.group() for m in NUMBER.finditer("In 2020, 522,000 people; in 2021 280 more; 1 234 567,89 euros")]
    assert found == ["2020", "522,000", "2021", "280", "1 234 567,89"]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Qui est le maire de Lyon ?", "Le maire de Lyon est élu pour six ans."),
        ("Who founded the company?", "The company was founded in 1902 by three brothers."),
        ("Where was the statue found?", "The statue was found buried in a field near the river."),
        # a capitalised date is no one and nowhere
        ("Who approved the budget of 8,000 euros?", "The treasurer approved the budget of 8,000 euros on March 3."),
        ("Where did the ministers meet?", "The ministers met on Friday, 3 May."),
    ],
)
def test_who_and_where_without_a_name_in_the_sentence_get_no_short_answer(question: str, sentence: str) -> None:
    """A number or a common noun shown as the short answer to `who` would read as a claim the text does not make."""
    assert find_span(question, sentence) is None


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        (
            "Quel ministre vietnamien a assisté à la cérémonie ?",
            "Le ministre vietnamien a également assisté à la cérémonie.",
            None,
        ),
        (
            "Quel ministre vietnamien a signé l'accord ?",
            "Le ministre vietnamien Luong Tam Quang a signé l'accord à Vientiane.",
            "Luong Tam Quang",
        ),
        ("Which ambassador opened the embassy?", "The embassy was opened by ambassador Jane Hart in May.", "Jane Hart"),
    ],
)
def test_a_which_question_about_a_role_wants_a_person(question: str, sentence: str, expected: str | None) -> None:
    """`Quel ministre` asks who, as `qui` does: an adverb (`également`) is no answer to it."""
    found = find_span(question, sentence)
    assert (sentence[found[0] : found[1]] if found else None) == expected


def test_a_span_never_runs_across_a_tab_between_table_cells() -> None:
    sentence = "Maria Gonzalez\tTreasurer\tLisbon"
    found = find_span("What is Maria Gonzalez's role?", sentence)
    assert found is not None and sentence[found[0] : found[1]] == "Treasurer"
    wrapped = "The report was written by Luong Tam\nQuang in May."  # a hard-wrapped line is still one name
    found = find_span("Who wrote the report?", wrapped)
    assert found is not None and wrapped[found[0] : found[1]] == "Luong Tam\nQuang"


def test_a_quoted_reply_s_marks_are_no_part_of_a_name() -> None:
    sentence = "The council appointed a new clerk, Ann\n> Whitcombe, to replace the late clerk."
    found = find_span("Who was appointed clerk?", sentence)
    assert found is not None and sentence[found[0] : found[1]] == "Ann\n> Whitcombe"


def test_a_comma_joins_digits_only_so_a_csv_row_s_cells_stay_apart() -> None:
    """`Leeds,2024-04-02` was one token, and came back as the short answer `Leeds,2024-04-02` of a CSV row."""
    from qa.lexicon import TOKEN

    assert TOKEN.findall("Leeds,2024-04-02 and 1,430 or 3.5") == [
        "Leeds",
        ",",
        "2024-04-02",
        "and",
        "1,430",
        "or",
        "3.5",
    ]


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How long is the idle timeout?", "The idle timeout is 90 seconds by default.", "90 seconds"),
        ("How much is the rent?", "The new rent of 1,240 pounds per month applies.", "1,240 pounds"),
        ("How old are the fossils?", "The fossils are 515 million years old.", "515 million years"),
        ("Combien de temps dure le trajet ?", "Le trajet dure 3 heures environ.", "3 heures"),
        ("How many officers were trained?", "It trained 280 officers in 2021.", "280"),  # a count: no unit
    ],
)
def test_a_measure_is_read_with_its_unit(question: str, sentence: str, expected: str) -> None:
    """`90` alone does not say how long a timeout is."""
    found = find_span(question, sentence)
    assert found is not None and sentence[found[0] : found[1]] == expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        (
            "Who witnessed the signing?",
            "At the end of the talks, Minister To Lam and Minister Vilay Lakhamphong witnessed the signing.",
            "Minister To Lam and Minister Vilay Lakhamphong",
        ),
        ("Who leads the party?", "The party is led by Marine Le Pen since 2011.", "Marine Le Pen"),
        ("Which team plays in Carson?", "The city of Carson is home to LA Galaxy.", "LA Galaxy"),
    ],
)
def test_a_capitalised_function_word_inside_a_name_is_part_of_it(question: str, sentence: str, expected: str) -> None:
    assert span_text(question, sentence) == expected


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who listened to Du Bosc?", "Louis XIV listened to Du Bosc for an hour."),
        ("De qui Le Caravage est-il contemporain ?", "Le Caravage est un contemporain de Carlo Gesualdo."),
    ],
)
def test_a_name_particle_whose_name_the_question_has_is_no_answer_alone(question: str, sentence: str) -> None:
    assert span_text(question, sentence) not in ("Du", "Le")


GOAL = "L'escadre américaine avait pour objectif de demander raison au dey Omar, qui refusait de payer le tribut."


def test_a_french_sentence_s_answer_may_run_to_the_end_of_its_clause() -> None:
    question = "Quel était l'objectif de l'escadre américaine ?"
    span = find_span(question, GOAL, "fr")
    assert span is not None and GOAL[span[0] : span[1]] == "demander raison au dey Omar"


def test_only_french_sentences_get_clause_candidates() -> None:
    from qa.spans import span_features

    question = "Quel était l'objectif de l'escadre américaine ?"
    english, _ = span_features(question, GOAL, "en")
    french, _ = span_features(question, GOAL, "fr")
    assert set(english) < set(french)
    assert (GOAL.index("demander"), GOAL.index(",")) in set(french) - set(english)


def test_a_run_of_words_longer_than_any_answer_is_no_short_answer() -> None:
    filler = " ".join(["alpha bravo charlie delta echo foxtrot"] * 30)
    assert span_text("What is the secret launch code?", filler) is None
    assert span_text("What is the secret launch code?", "The launch code is PELICAN-42. " + filler) == "PELICAN-42"
