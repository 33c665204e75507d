"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        0.9767,  # closeness
        0.9049,  # log_tokens
        0.3681,  # after_determiner
        -0.0576,  # after_preposition
        1.3870,  # place_marker_for_where
        -0.8138,  # lone_participle
        -0.2207,  # holds_focus_noun
        1.8082,  # asked_share
        0.3288,  # position
        0.6266,  # clause_end_after
        -0.1419,  # clause_start_before
        0.2153,  # capital_share
        0.4450,  # has_digit
        -0.5144,  # log_gap_left
        -0.6623,  # asked_word_left
        -0.2679,  # log_gap_right
        -0.1655,  # asked_word_right
        0.6059,  # asked_words_nearby
        -0.3765,  # next_word_asked
        -0.3087,  # previous_word_asked
        0.4250,  # next_word_follows_wh
        1.7650,  # agent_of_the_verb_after_wh
        -0.0836,  # sentence_start
        -0.2954,  # lone_lowercase_word
        -1.0865,  # one_or_two_characters
        0.2188,  # rule_pick
        1.7295,  # coordination_for_plural
        -1.6519,  # source_date
        -0.6564,  # source_number
        0.3067,  # source_name
        0.5894,  # source_chunk
        0.0463,  # source_phrase
        -0.2445,  # source_coordination
        -0.0000,  # date_x_date
        2.5773,  # date_x_number
        0.1681,  # date_x_name
        0.5666,  # date_x_chunk
        0.0000,  # date_x_phrase
        -1.8007,  # date_x_coordination
        -2.8439,  # number_x_date
        0.0000,  # number_x_number
        -1.2322,  # number_x_name
        0.7212,  # number_x_chunk
        0.0380,  # number_x_phrase
        -0.2420,  # number_x_coordination
        1.8423,  # person_x_date
        -2.4101,  # person_x_number
        0.3032,  # person_x_name
        -1.6537,  # person_x_chunk
        0.2157,  # person_x_phrase
        -1.2788,  # person_x_coordination
        -0.5468,  # place_x_date
        -2.1797,  # place_x_number
        0.2861,  # place_x_name
        0.9002,  # place_x_chunk
        -0.4664,  # place_x_phrase
        2.4191,  # place_x_coordination
        -0.1034,  # entity_x_date
        1.3560,  # entity_x_number
        0.7814,  # entity_x_name
        0.0551,  # entity_x_chunk
        0.2591,  # entity_x_phrase
        0.6579,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
