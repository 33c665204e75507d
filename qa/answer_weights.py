"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        2.9062,  # dense
        -1.9671,  # coverage
        1.7082,  # context_coverage
        0.7798,  # passage_score
        0.7939,  # passage_dense
        1.0461,  # inverse_rank
        1.7071,  # log_length
        1.2279,  # typed_span
        0.5805,  # bigram_coverage
        -1.5178,  # dense_if_not_english
        3.2969,  # coverage_if_not_english
        -0.3789,  # passage_coverage
        2.0077,  # document_coverage
        0.9917,  # gram_containment
        1.9734,  # local_coverage_if_english
    ]
)
SENTENCE_BIAS = -6.5125
CONFIDENCE_WEIGHTS = np.array(
    [
        0.7480,  # best_probability
        6.8616,  # best_dense
        1.4392,  # best_coverage
        3.6544,  # passage_coverage
        0.4252,  # retrieved_coverage
        -0.5248,  # rarest_missing
        -0.5727,  # unknown_terms
        -1.4511,  # unknown_names
        0.8023,  # dense_if_not_english
        -0.4120,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -5.0948
