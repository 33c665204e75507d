"""Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`."""

from __future__ import annotations

import numpy as np

SENTENCE_WEIGHTS = np.array(
    [
        3.8310,  # dense
        2.1381,  # coverage
        1.8774,  # context_coverage
        0.9688,  # passage_score
        -0.1220,  # passage_dense
        2.3009,  # inverse_rank
        2.8624,  # log_length
        0.5001,  # typed_span
        1.3773,  # bigram_coverage
        -0.8515,  # dense_if_not_english
        0.9779,  # coverage_if_not_english
        -1.5209,  # passage_coverage
        0.0374,  # document_coverage
        0.4310,  # gram_containment
    ]
)
SENTENCE_BIAS = -7.2020
CONFIDENCE_WEIGHTS = np.array(
    [
        1.8273,  # best_probability
        6.8240,  # best_dense
        1.7568,  # best_coverage
        3.2137,  # passage_coverage
        0.8396,  # retrieved_coverage
        0.2544,  # rarest_missing
        -1.3749,  # unknown_terms
        -1.3845,  # unknown_names
        0.9458,  # dense_if_not_english
        -0.7620,  # coverage_if_not_english
    ]
)
CONFIDENCE_BIAS = -6.6119
