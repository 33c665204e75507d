"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        0.8903,  # closeness
        1.0675,  # log_tokens
        0.4004,  # after_determiner
        -0.0074,  # after_preposition
        0.9571,  # place_marker_for_where
        -0.6232,  # lone_participle
        0.4596,  # holds_focus_noun
        0.6869,  # asked_share
        0.2451,  # position
        0.5431,  # clause_end_after
        -0.2419,  # clause_start_before
        0.0637,  # capital_share
        0.1851,  # has_digit
        -0.5199,  # log_gap_left
        -0.5013,  # asked_word_left
        -0.3507,  # log_gap_right
        -0.2317,  # asked_word_right
        0.5906,  # asked_words_nearby
        -0.6871,  # next_word_asked
        -0.6041,  # previous_word_asked
        0.6634,  # next_word_follows_wh
        0.6713,  # previous_word_follows_wh
        1.2321,  # focus_noun_beside
        0.3489,  # quoted_or_bracketed
        0.6096,  # agent_of_the_verb_after_wh
        0.0076,  # sentence_start
        -0.3096,  # lone_lowercase_word
        -0.8180,  # one_or_two_characters
        0.2270,  # rule_pick
        1.3517,  # coordination_for_plural
        -1.5961,  # source_date
        -0.1177,  # source_number
        0.4380,  # source_name
        0.4615,  # source_chunk
        -0.0329,  # source_phrase
        -0.1697,  # source_coordination
        0.0000,  # date_x_date
        1.3925,  # date_x_number
        -0.5009,  # date_x_name
        0.1237,  # date_x_chunk
        0.1297,  # date_x_phrase
        -0.4948,  # date_x_coordination
        -0.9646,  # number_x_date
        0.0000,  # number_x_number
        -0.8109,  # number_x_name
        0.6075,  # number_x_chunk
        0.0453,  # number_x_phrase
        0.0232,  # number_x_coordination
        -0.3725,  # person_x_date
        -1.6532,  # person_x_number
        0.4962,  # person_x_name
        -1.0039,  # person_x_chunk
        -0.0095,  # person_x_phrase
        -0.9164,  # person_x_coordination
        -0.2057,  # place_x_date
        -0.5877,  # place_x_number
        0.5573,  # place_x_name
        0.5610,  # place_x_chunk
        -0.5538,  # place_x_phrase
        0.8676,  # place_x_coordination
        -0.0533,  # entity_x_date
        0.7307,  # entity_x_number
        0.6963,  # entity_x_name
        0.1732,  # entity_x_chunk
        0.3553,  # entity_x_phrase
        0.3506,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
