"""The ONNX encoder and the bf16 indexing encoder give the vectors of sentence-transformers fp32."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import BUNDLED, SentenceTransformerEncoder
from embeddings.onnx_encoder import load_onnx_encoder
from embeddings.onnx_export import write_query_encoder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Real passages of very different lengths, so batches carry padding."""
    text = " ".join((REPO / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8").split())
    return ["Who is the president of Vietnam?", "  padded  ", text[:2000], text[:300], "Laos", text[500:1400]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("onnx") / "encoder"
    assert write_query_encoder(BUNDLED, folder)
    return folder


def test_int8_question_vectors_stay_close_to_sentence_transformers_fp32(exported: Path, texts: list[str]) -> None:
    fp32 = SentenceTransformerEncoder(model=BUNDLED, precision="fp32")
    encoder = load_onnx_encoder(exported, name=BUNDLED, threads=1)
    assert encoder is not None
    cosine = (encoder.encode(texts) * fp32.encode(texts)).sum(axis=1)
    assert cosine.min() >= 0.97 and cosine.mean() >= 0.985, cosine
    assert (exported / "model.onnx").stat().st_size < 30_000_000  # int8, not the 90 MB fp32 graph


def test_bf16_indexing_vectors_stay_close_to_fp32(texts: list[str]) -> None:
    fp32 = SentenceTransformerEncoder(model=BUNDLED, precision="fp32")
    bf16 = SentenceTransformerEncoder(model=BUNDLED, precision="bf16")
    cosine = (bf16.encode(texts) * fp32.encode(texts)).sum(axis=1)
    assert cosine.min() >= 0.999, cosine


def test_a_folder_holding_another_model_is_not_used(exported: Path) -> None:
    assert load_onnx_encoder(exported, name="some/other-model") is None


def test_a_second_export_links_the_first(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "encoder"
    assert write_query_encoder(BUNDLED, target, previous=exported)
    assert (target / "model.onnx").stat().st_ino == (exported / "model.onnx").stat().st_ino


def test_an_unknown_model_is_not_exported(tmp_path: Path) -> None:
    assert not write_query_encoder("fake-hashing", tmp_path / "encoder")
    assert not (tmp_path / "encoder").exists()


def test_vectors_are_unit_length(exported: Path, texts: list[str]) -> None:
    encoder = load_onnx_encoder(exported, name=BUNDLED)
    assert encoder is not None
    np.testing.assert_allclose(np.linalg.norm(encoder.encode(texts), axis=1), 1.0, atol=1e-5)
