"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        1.0236,  # closeness
        0.9216,  # log_tokens
        0.3663,  # after_determiner
        -0.0362,  # after_preposition
        0.9434,  # place_marker_for_where
        -0.6392,  # lone_participle
        0.3859,  # holds_focus_noun
        0.9164,  # asked_share
        0.2331,  # position
        0.5814,  # clause_end_after
        -0.2162,  # clause_start_before
        0.2403,  # capital_share
        0.3208,  # has_digit
        -0.4051,  # log_gap_left
        -0.4808,  # asked_word_left
        -0.2202,  # log_gap_right
        -0.1809,  # asked_word_right
        0.6467,  # asked_words_nearby
        -0.5266,  # next_word_asked
        -0.4924,  # previous_word_asked
        0.5891,  # next_word_follows_wh
        0.5907,  # previous_word_follows_wh
        1.2063,  # focus_noun_beside
        0.3131,  # quoted_or_bracketed
        0.7276,  # agent_of_the_verb_after_wh
        -0.0668,  # sentence_start
        -0.2795,  # lone_lowercase_word
        -0.8892,  # one_or_two_characters
        0.2557,  # rule_pick
        1.1088,  # coordination_for_plural
        -1.4027,  # source_date
        -0.2552,  # source_number
        0.3024,  # source_name
        0.4352,  # source_chunk
        0.0657,  # source_phrase
        -0.0132,  # source_coordination
        -0.0000,  # date_x_date
        0.9649,  # date_x_number
        -0.3125,  # date_x_name
        0.3861,  # date_x_chunk
        0.0000,  # date_x_phrase
        -0.5027,  # date_x_coordination
        -1.1619,  # number_x_date
        -0.0000,  # number_x_number
        -0.7303,  # number_x_name
        0.6081,  # number_x_chunk
        0.0440,  # number_x_phrase
        0.0083,  # number_x_coordination
        0.2450,  # person_x_date
        -1.4204,  # person_x_number
        0.3807,  # person_x_name
        -1.2227,  # person_x_chunk
        0.2356,  # person_x_phrase
        -0.9282,  # person_x_coordination
        -0.2362,  # place_x_date
        -0.6753,  # place_x_number
        0.2018,  # place_x_name
        0.4580,  # place_x_chunk
        -0.4329,  # place_x_phrase
        0.9115,  # place_x_coordination
        -0.2497,  # entity_x_date
        0.8756,  # entity_x_number
        0.7628,  # entity_x_name
        0.2057,  # entity_x_chunk
        0.2191,  # entity_x_phrase
        0.4979,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
