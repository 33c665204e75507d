"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        1.0337,  # closeness
        0.9894,  # log_tokens
        0.3976,  # after_determiner
        -0.0414,  # after_preposition
        0.9814,  # place_marker_for_where
        -0.6528,  # lone_participle
        0.4373,  # holds_focus_noun
        0.8030,  # asked_share
        0.2575,  # position
        0.5633,  # clause_end_after
        -0.2481,  # clause_start_before
        0.2279,  # capital_share
        0.2189,  # has_digit
        -0.4308,  # log_gap_left
        -0.5034,  # asked_word_left
        -0.2482,  # log_gap_right
        -0.0672,  # asked_word_right
        0.5765,  # asked_words_nearby
        -0.6019,  # next_word_asked
        -0.5042,  # previous_word_asked
        0.6567,  # next_word_follows_wh
        0.6574,  # previous_word_follows_wh
        1.2215,  # focus_noun_beside
        0.2026,  # quoted_or_bracketed
        0.6870,  # agent_of_the_verb_after_wh
        -0.0784,  # sentence_start
        -0.2556,  # lone_lowercase_word
        -0.8679,  # one_or_two_characters
        0.2059,  # rule_pick
        1.3315,  # coordination_for_plural
        -1.3512,  # source_date
        -0.1718,  # source_number
        0.3703,  # source_name
        0.4533,  # source_chunk
        0.0314,  # source_phrase
        -0.1110,  # source_coordination
        0.0000,  # date_x_date
        1.1412,  # date_x_number
        -0.5226,  # date_x_name
        0.1709,  # date_x_chunk
        0.1313,  # date_x_phrase
        -0.5036,  # date_x_coordination
        -1.1322,  # number_x_date
        -0.0000,  # number_x_number
        -0.8157,  # number_x_name
        0.6031,  # number_x_chunk
        0.0491,  # number_x_phrase
        0.0117,  # number_x_coordination
        0.2448,  # person_x_date
        -1.4565,  # person_x_number
        0.3390,  # person_x_name
        -1.0843,  # person_x_chunk
        0.1062,  # person_x_phrase
        -0.9218,  # person_x_coordination
        -0.2485,  # place_x_date
        -0.6218,  # place_x_number
        0.6061,  # place_x_name
        0.5256,  # place_x_chunk
        -0.5672,  # place_x_phrase
        0.8807,  # place_x_coordination
        -0.2153,  # entity_x_date
        0.7653,  # entity_x_number
        0.7634,  # entity_x_name
        0.2380,  # entity_x_chunk
        0.3119,  # entity_x_phrase
        0.4220,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
