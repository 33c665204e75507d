"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        3.8540,  # dense
        1.4764,  # coverage
        1.6104,  # context_coverage
        0.7171,  # passage_score
        -0.8470,  # passage_dense
        2.1276,  # inverse_rank
        2.9300,  # log_length
        0.5219,  # typed_span
        1.3911,  # bigram_coverage
        -0.5325,  # dense_if_not_english
        0.6188,  # coverage_if_not_english
        -1.0778,  # passage_coverage
        0.1302,  # document_coverage
        1.2197,  # gram_containment
    ]
)
SENTENCE_BIAS = -6.8767
CONFIDENCE_WEIGHTS = np.array(
    [
        1.1647,  # best_probability
        6.2669,  # best_dense
        2.4445,  # best_coverage
        3.9076,  # passage_coverage
        -1.0412,  # retrieved_coverage
        0.0214,  # rarest_missing
        -1.7348,  # unknown_terms
        -1.6220,  # unknown_names
        0.7642,  # dense_if_not_english
        -0.1318,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -4.9015
