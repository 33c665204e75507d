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


@pytest.fixture
def clustered() -> tuple[np.ndarray, np.ndarray]:
    """Topic-like data: points around 200 centres, queries near random points."""
    rng = np.random.default_rng(1)
    centres = normalize(rng.normal(size=(200, 32)))
    xb = normalize(centres[rng.integers(0, 200, 20_000)] + rng.normal(0, 0.15, (20_000, 32)))
    return xb, normalize(xb[rng.integers(0, len(xb), 50)] + rng.normal(0, 0.1, (50, 32)))


@pytest.mark.parametrize("kind", ["ivf", "ivf-sq8"])
def test_ivf_recall_is_high_on_clustered_vectors(clustered, kind) -> None:
    xb, xq = clustered
    index = build_vector_index(xb, kind=kind)
    assert index.nprobe < index.nlist  # not an exhaustive scan in disguise
    _, I = search(index, xq, 10)
    expected = np.argsort(-(xq @ xb.T), axis=1)[:, :10]
    assert np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I, expected, strict=True)]) >= 0.95


def test_auto_is_exact_when_small_and_ivf_when_large(clustered, monkeypatch) -> None:
    import embeddings.vector_index as vector_index

    xb, _ = clustered
    assert type(build_vector_index(xb[:1000])).__name__ == "IndexFlatIP"
    monkeypatch.setattr(vector_index, "EXACT_UP_TO", 1000)
    assert type(build_vector_index(xb)).__name__ == "IndexIVFFlat"


@pytest.mark.parametrize(("kind", "setting"), [("ivf", "nprobe"), ("hnsw", "efSearch")])
def test_search_setting_survives_the_file(clustered, tmp_path, kind, setting) -> None:
    xb, xq = clustered
    index = build_vector_index(xb[:5000], kind=kind)
    owner = index.hnsw if kind == "hnsw" else index
    setattr(owner, setting, 7)
    write_vector_index(index, tmp_path / "x.faiss")
    loaded = read_vector_index(tmp_path / "x.faiss")
    assert getattr(loaded.hnsw if kind == "hnsw" else loaded, setting) == 7
    assert (search(loaded, xq, 5)[1] == search(index, xq, 5)[1]).all()
