"""Weights of the span ranker in `qa.spans`, in `SPAN_FEATURES` order. Written by `bench/fit_spans.py --write`."""

from __future__ import annotations

import numpy as np

SPAN_WEIGHTS = np.array(
    [
        1.1513,  # closeness
        0.9909,  # log_tokens
        0.3595,  # after_determiner
        0.0048,  # after_preposition
        1.0935,  # place_marker_for_where
        -0.6713,  # lone_participle
        0.5845,  # holds_focus_noun
        0.8192,  # asked_share
        0.4255,  # position
        0.5986,  # clause_end_after
        -0.2292,  # clause_start_before
        0.1535,  # capital_share
        0.1859,  # has_digit
        -0.4706,  # log_gap_left
        -0.5672,  # asked_word_left
        -0.2297,  # log_gap_right
        -0.0176,  # asked_word_right
        0.5299,  # asked_words_nearby
        -0.6397,  # next_word_asked
        -0.5945,  # previous_word_asked
        0.6307,  # next_word_follows_wh
        0.5824,  # previous_word_follows_wh
        1.1141,  # focus_noun_beside
        0.3385,  # quoted_or_bracketed
        0.9306,  # agent_of_the_verb_after_wh
        -0.0315,  # sentence_start
        -0.3034,  # lone_lowercase_word
        -0.9264,  # one_or_two_characters
        0.1624,  # rule_pick
        1.2598,  # coordination_for_plural
        -1.1208,  # role_share
        -1.2493,  # role_share_for_person
        -1.2557,  # year_for_number
        -1.4519,  # source_date
        -0.2230,  # source_number
        0.4888,  # source_name
        0.4038,  # source_chunk
        -0.0707,  # source_phrase
        -0.1181,  # source_coordination
        0.0000,  # date_x_date
        1.1494,  # date_x_number
        -0.0854,  # date_x_name
        0.1583,  # date_x_chunk
        0.1463,  # date_x_phrase
        -0.4692,  # date_x_coordination
        -0.6300,  # number_x_date
        -0.0000,  # number_x_number
        -0.9741,  # number_x_name
        0.6832,  # number_x_chunk
        0.1210,  # number_x_phrase
        -0.0003,  # number_x_coordination
        -0.4012,  # person_x_date
        -1.5523,  # person_x_number
        0.5370,  # person_x_name
        -1.0833,  # person_x_chunk
        -0.0534,  # person_x_phrase
        -0.8049,  # person_x_coordination
        -0.2247,  # place_x_date
        -0.6415,  # place_x_number
        0.4806,  # place_x_name
        0.4875,  # place_x_chunk
        -0.5089,  # place_x_phrase
        0.7825,  # place_x_coordination
        -0.1960,  # entity_x_date
        0.8214,  # entity_x_number
        0.5307,  # entity_x_name
        0.1581,  # entity_x_chunk
        0.2243,  # entity_x_phrase
        0.3737,  # entity_x_coordination
        0.0000,  # other_x_date
        0.0000,  # other_x_number
        0.0000,  # other_x_name
        0.0000,  # other_x_chunk
        0.0000,  # other_x_phrase
        0.0000,  # other_x_coordination
    ]
)
