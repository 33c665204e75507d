"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        1.2078,  # closeness
        1.0386,  # log_tokens
        0.3652,  # after_determiner
        0.0017,  # after_preposition
        1.0811,  # place_marker_for_where
        -0.6724,  # lone_participle
        0.6048,  # holds_focus_noun
        0.8038,  # asked_share
        0.4575,  # position
        0.5842,  # clause_end_after
        -0.2433,  # clause_start_before
        0.0540,  # capital_share
        0.1699,  # has_digit
        -0.4420,  # log_gap_left
        -0.5231,  # asked_word_left
        -0.2490,  # log_gap_right
        -0.0165,  # asked_word_right
        0.5091,  # asked_words_nearby
        -0.6570,  # next_word_asked
        -0.5724,  # previous_word_asked
        0.6269,  # next_word_follows_wh
        0.6589,  # previous_word_follows_wh
        1.1364,  # focus_noun_beside
        0.2506,  # quoted_or_bracketed
        0.8795,  # agent_of_the_verb_after_wh
        -0.0079,  # sentence_start
        -0.3195,  # lone_lowercase_word
        -0.8596,  # one_or_two_characters
        0.1600,  # rule_pick
        1.2633,  # coordination_for_plural
        -1.1368,  # role_share
        -1.2535,  # role_share_for_person
        -1.6021,  # source_date
        -0.1631,  # source_number
        0.4973,  # source_name
        0.4045,  # source_chunk
        -0.0733,  # source_phrase
        -0.1434,  # source_coordination
        -0.0000,  # date_x_date
        1.2415,  # date_x_number
        -0.2915,  # date_x_name
        0.1340,  # date_x_chunk
        0.1442,  # date_x_phrase
        -0.4707,  # date_x_coordination
        -1.0090,  # number_x_date
        0.0000,  # number_x_number
        -0.8645,  # number_x_name
        0.6592,  # number_x_chunk
        0.1484,  # number_x_phrase
        -0.0089,  # number_x_coordination
        -0.3716,  # person_x_date
        -1.5506,  # person_x_number
        0.5538,  # person_x_name
        -1.0716,  # person_x_chunk
        -0.0738,  # person_x_phrase
        -0.8352,  # person_x_coordination
        -0.2027,  # place_x_date
        -0.6401,  # place_x_number
        0.4721,  # place_x_name
        0.5083,  # place_x_chunk
        -0.5144,  # place_x_phrase
        0.7707,  # place_x_coordination
        -0.0189,  # entity_x_date
        0.7862,  # entity_x_number
        0.6275,  # entity_x_name
        0.1747,  # entity_x_chunk
        0.2224,  # entity_x_phrase
        0.4008,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
