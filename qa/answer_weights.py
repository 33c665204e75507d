"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        2.5463,  # dense
        0.0588,  # coverage
        1.4697,  # context_coverage
        1.2826,  # passage_score
        1.3374,  # passage_dense
        0.3435,  # inverse_rank
        1.5107,  # log_length
        0.9503,  # typed_span
        0.5888,  # bigram_coverage
        -1.5385,  # dense_if_not_english
        0.8843,  # coverage_if_not_english
        0.6117,  # passage_coverage
        1.9628,  # document_coverage
        0.9627,  # gram_containment
    ]
)
SENTENCE_BIAS = -6.8937
CONFIDENCE_WEIGHTS = np.array(
    [
        1.9269,  # best_probability
        6.4346,  # best_dense
        1.3818,  # best_coverage
        2.9045,  # passage_coverage
        0.5254,  # retrieved_coverage
        0.1681,  # rarest_missing
        -0.9987,  # unknown_terms
        -1.5512,  # unknown_names
        1.2362,  # dense_if_not_english
        -0.6224,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -5.6828
