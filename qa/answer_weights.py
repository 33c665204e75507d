"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        2.8516,  # dense
        0.2185,  # coverage
        1.7580,  # context_coverage
        0.7024,  # passage_score
        0.8997,  # passage_dense
        0.8161,  # inverse_rank
        1.6119,  # log_length
        1.2590,  # typed_span
        0.5953,  # bigram_coverage
        -1.4175,  # dense_if_not_english
        0.9624,  # coverage_if_not_english
        0.0704,  # passage_coverage
        1.7538,  # document_coverage
        1.0133,  # gram_containment
    ]
)
SENTENCE_BIAS = -6.3106
CONFIDENCE_WEIGHTS = np.array(
    [
        0.9503,  # best_probability
        6.6469,  # best_dense
        1.6031,  # best_coverage
        3.7876,  # passage_coverage
        0.5216,  # retrieved_coverage
        -0.0690,  # rarest_missing
        -0.6750,  # unknown_terms
        -1.4331,  # unknown_names
        0.8487,  # dense_if_not_english
        -0.4401,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -5.6358
