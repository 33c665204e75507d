"""FAISS search agrees with brute-force numpy top-k."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings.vector_index import build_vector_index, read_vector_index, search, write_vector_index
from embeddings.vectors import normalize


@pytest.fixture
def vectors() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return normalize(rng.normal(size=(2000, 32))), normalize(rng.normal(size=(20, 32)))


def test_flat_index_matches_brute_force(vectors) -> None:
    xb, xq = vectors
    D, I = search(build_vector_index(xb, kind="flat"), xq, 10)
    expected = np.argsort(-(xq @ xb.T), axis=1)[:, :10]
    assert (I == expected).all()
    assert np.allclose(D, np.take_along_axis(xq @ xb.T, expected, axis=1), atol=1e-5)


def test_hnsw_recall_is_high(vectors) -> None:
    xb, xq = vectors
    _, I = search(build_vector_index(xb, kind="hnsw"), xq, 10)
    expected = np.argsort(-(xq @ xb.T), axis=1)[:, :10]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I, expected, strict=True)])
    assert recall >= 0.95


def test_index_round_trips_through_a_file(vectors, tmp_path) -> None:
    xb, xq = vectors
    write_vector_index(build_vector_index(xb), tmp_path / "x.faiss")
    assert (search(read_vector_index(tmp_path / "x.faiss"), xq, 3)[1] == search(build_vector_index(xb), xq, 3)[1]).all()


def test_normalize_gives_unit_rows_and_keeps_zero_rows() -> None:
    x = normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(x, [[0.6, 0.8], [0.0, 0.0]])
