"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        4.3038,  # dense
        2.6301,  # coverage
        1.5864,  # context_coverage
        0.7235,  # passage_score
        -0.9079,  # passage_dense
        2.1512,  # inverse_rank
        3.1704,  # log_length
        0.5294,  # typed_span
        1.5052,  # bigram_coverage
        -0.7045,  # dense_if_not_english
        0.6998,  # coverage_if_not_english
        -1.0981,  # passage_coverage
        0.0748,  # document_coverage
    ]
)
SENTENCE_BIAS = -7.0884
CONFIDENCE_WEIGHTS = np.array(
    [
        0.9274,  # best_probability
        6.5699,  # best_dense
        2.2703,  # best_coverage
        4.1131,  # passage_coverage
        -1.0139,  # retrieved_coverage
        -0.0520,  # rarest_missing
        -1.6389,  # unknown_terms
        -1.5957,  # unknown_names
        0.8304,  # dense_if_not_english
        -0.2846,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -4.8900
