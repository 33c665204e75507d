"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        0.9842,  # closeness
        0.9067,  # log_tokens
        0.3938,  # after_determiner
        -0.0254,  # after_preposition
        1.0594,  # place_marker_for_where
        -0.6579,  # lone_participle
        0.4173,  # holds_focus_noun
        0.9756,  # asked_share
        0.2991,  # position
        0.6323,  # clause_end_after
        -0.1975,  # clause_start_before
        0.1120,  # capital_share
        0.2779,  # has_digit
        -0.4308,  # log_gap_left
        -0.5059,  # asked_word_left
        -0.2925,  # log_gap_right
        -0.1900,  # asked_word_right
        0.5952,  # asked_words_nearby
        -0.6100,  # next_word_asked
        -0.4737,  # previous_word_asked
        0.6728,  # next_word_follows_wh
        0.6364,  # previous_word_follows_wh
        1.2196,  # focus_noun_beside
        0.2976,  # quoted_or_bracketed
        0.7053,  # agent_of_the_verb_after_wh
        -0.1066,  # sentence_start
        -0.3130,  # lone_lowercase_word
        -0.9179,  # one_or_two_characters
        0.2467,  # rule_pick
        1.2738,  # coordination_for_plural
        -1.3494,  # source_date
        -0.1732,  # source_number
        0.4120,  # source_name
        0.4038,  # source_chunk
        0.0157,  # source_phrase
        -0.1113,  # source_coordination
        -0.0000,  # date_x_date
        1.0476,  # date_x_number
        -0.3029,  # date_x_name
        0.3802,  # date_x_chunk
        0.1202,  # date_x_phrase
        -0.4937,  # date_x_coordination
        -1.1161,  # number_x_date
        -0.0000,  # number_x_number
        -0.7966,  # number_x_name
        0.5395,  # number_x_chunk
        0.0379,  # number_x_phrase
        0.0132,  # number_x_coordination
        0.2283,  # person_x_date
        -1.4687,  # person_x_number
        0.3140,  # person_x_name
        -1.2803,  # person_x_chunk
        0.1746,  # person_x_phrase
        -0.9806,  # person_x_coordination
        -0.1960,  # place_x_date
        -0.6055,  # place_x_number
        0.4974,  # place_x_name
        0.5050,  # place_x_chunk
        -0.5206,  # place_x_phrase
        0.8589,  # place_x_coordination
        -0.2655,  # entity_x_date
        0.8533,  # entity_x_number
        0.7002,  # entity_x_name
        0.2593,  # entity_x_chunk
        0.2036,  # entity_x_phrase
        0.4909,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
