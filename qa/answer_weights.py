"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        3.8038,  # dense
        2.1741,  # coverage
        1.8355,  # context_coverage
        2.8558,  # passage_score
        -0.0574,  # passage_dense
        2.1182,  # inverse_rank
        2.9602,  # log_length
        0.4890,  # typed_span
        1.4046,  # bigram_coverage
        -0.7876,  # dense_if_not_english
        0.9021,  # coverage_if_not_english
        -1.4723,  # passage_coverage
        -0.0355,  # document_coverage
        0.4431,  # gram_containment
    ]
)
SENTENCE_BIAS = -8.9947
CONFIDENCE_WEIGHTS = np.array(
    [
        1.7984,  # best_probability
        6.7959,  # best_dense
        1.7891,  # best_coverage
        3.1672,  # passage_coverage
        0.9112,  # retrieved_coverage
        0.2670,  # rarest_missing
        -1.3520,  # unknown_terms
        -1.3549,  # unknown_names
        0.8946,  # dense_if_not_english
        -0.7679,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -6.5957
