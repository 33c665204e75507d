"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        2.8638,  # dense
        -1.7424,  # coverage
        -0.4215,  # context_coverage
        0.7785,  # passage_score
        0.7047,  # passage_dense
        1.0535,  # inverse_rank
        1.6900,  # log_length
        1.2424,  # typed_span
        0.5989,  # bigram_coverage
        -1.4678,  # dense_if_not_english
        3.2865,  # coverage_if_not_english
        -0.3692,  # passage_coverage
        2.0038,  # document_coverage
        0.8226,  # gram_containment
        1.9867,  # local_coverage_if_english
        2.2378,  # prefix_coverage
    ]
)
SENTENCE_BIAS = -6.5360
CONFIDENCE_WEIGHTS = np.array(
    [
        0.6246,  # best_probability
        6.9317,  # best_dense
        1.3962,  # best_coverage
        3.7059,  # passage_coverage
        0.5204,  # retrieved_coverage
        -0.5427,  # rarest_missing
        -0.5164,  # unknown_terms
        -1.4480,  # unknown_names
        0.7605,  # dense_if_not_english
        -0.4039,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -5.1115
