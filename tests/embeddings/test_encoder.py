"""The indexing encoder: batching by token count must hand every text back its own vector."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import BUNDLED, SentenceTransformerEncoder, resolve_model_path

REPO = Path(__file__).resolve().parents[2]


def test_vectors_come_back_in_input_order_whatever_the_batches() -> None:
    from sentence_transformers import SentenceTransformer

    text = " ".join(sorted((REPO / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8").split())
    # Character and token order disagree here: digits and accents cost more tokens a character.
    texts = [text[:900], "1987-2024: 11/01/2022, 3.5%", "Tô Lâm, Đà Nẵng", text[200:260], "Laos", text[:3000]]
    encoder = SentenceTransformerEncoder(model=BUNDLED, batch_size=2, precision="fp32")
    plain = SentenceTransformer(str(resolve_model_path(BUNDLED)), device="cpu")
    expected = np.stack([plain.encode([t], normalize_embeddings=True)[0] for t in texts])
    cosine = (encoder.encode(texts) * expected).sum(axis=1)
    assert cosine.min() > 0.9999, cosine
    counts = encoder._token_counts(texts)
    assert sorted(range(len(texts)), key=counts.__getitem__) != sorted(range(len(texts)), key=lambda i: len(texts[i]))


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({"config.json": "{}"}, "ValueError"),
        ({"config.json": "{not json"}, "OSError"),
        ({"config.json": '{"model_type": "bert"}', "modules.json": "{}"}, "ValueError"),
    ],
)
def test_a_broken_model_folder_is_one_sentence_naming_it(tmp_path: Path, files: dict[str, str], says: str) -> None:
    from embeddings.encoder import ModelNotFound, SentenceTransformerEncoder

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ModelNotFound) as caught:
        SentenceTransformerEncoder(model=str(tmp_path))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path} cannot be loaded as a sentence-transformers model ({says}")
    assert "\n" not in message
