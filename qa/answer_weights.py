"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        2.4681,  # dense
        0.0658,  # coverage
        1.4324,  # context_coverage
        1.2349,  # passage_score
        1.3151,  # passage_dense
        0.3393,  # inverse_rank
        1.4587,  # log_length
        1.0681,  # typed_span
        0.5751,  # bigram_coverage
        -1.4943,  # dense_if_not_english
        0.8552,  # coverage_if_not_english
        0.5900,  # passage_coverage
        1.9281,  # document_coverage
        0.9409,  # gram_containment
    ]
)
SENTENCE_BIAS = -6.7423
CONFIDENCE_WEIGHTS = np.array(
    [
        1.7254,  # best_probability
        6.6178,  # best_dense
        1.4043,  # best_coverage
        2.9444,  # passage_coverage
        0.2423,  # retrieved_coverage
        -0.4897,  # rarest_missing
        -0.5727,  # unknown_terms
        -1.4931,  # unknown_names
        1.1656,  # dense_if_not_english
        -0.6882,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -5.0601
