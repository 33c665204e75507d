"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        1.0388,  # closeness
        0.9751,  # log_tokens
        0.3823,  # after_determiner
        0.0394,  # after_preposition
        1.1024,  # place_marker_for_where
        -0.5911,  # lone_participle
        0.6506,  # holds_focus_noun
        0.7878,  # asked_share
        0.4040,  # position
        0.5494,  # clause_end_after
        -0.2238,  # clause_start_before
        0.0509,  # capital_share
        0.1264,  # has_digit
        -0.5245,  # log_gap_left
        -0.5729,  # asked_word_left
        -0.2947,  # log_gap_right
        -0.0885,  # asked_word_right
        0.5072,  # asked_words_nearby
        -0.7056,  # next_word_asked
        -0.6805,  # previous_word_asked
        0.6340,  # next_word_follows_wh
        0.6778,  # previous_word_follows_wh
        1.1601,  # focus_noun_beside
        0.3553,  # quoted_or_bracketed
        1.0609,  # agent_of_the_verb_after_wh
        0.0369,  # sentence_start
        -0.4073,  # lone_lowercase_word
        -0.8719,  # one_or_two_characters
        0.2466,  # rule_pick
        1.3756,  # coordination_for_plural
        -1.6128,  # source_date
        -0.1293,  # source_number
        0.4958,  # source_name
        0.4116,  # source_chunk
        -0.1359,  # source_phrase
        -0.1181,  # source_coordination
        0.0000,  # date_x_date
        1.2246,  # date_x_number
        -0.2811,  # date_x_name
        0.1503,  # date_x_chunk
        0.1544,  # date_x_phrase
        -0.4943,  # date_x_coordination
        -0.9986,  # number_x_date
        0.0000,  # number_x_number
        -0.8870,  # number_x_name
        0.6553,  # number_x_chunk
        0.0808,  # number_x_phrase
        0.0206,  # number_x_coordination
        -0.3715,  # person_x_date
        -1.5098,  # person_x_number
        0.6046,  # person_x_name
        -1.0124,  # person_x_chunk
        -0.2542,  # person_x_phrase
        -0.9561,  # person_x_coordination
        -0.1914,  # place_x_date
        -0.6283,  # place_x_number
        0.4764,  # place_x_name
        0.4331,  # place_x_chunk
        -0.4891,  # place_x_phrase
        0.9632,  # place_x_coordination
        -0.0512,  # entity_x_date
        0.7842,  # entity_x_number
        0.5828,  # entity_x_name
        0.1853,  # entity_x_chunk
        0.3721,  # entity_x_phrase
        0.3485,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
