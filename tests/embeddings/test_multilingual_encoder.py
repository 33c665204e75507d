"""The multilingual encoder: USE multilingual v3 from its package, loaded once, unit vectors shared across languages."""

from __future__ import annotations

import numpy as np

from embeddings.multilingual import DIMENSION, MultilingualEncoder, load_multilingual_encoder


def test_the_encoder_is_loaded_once_per_process() -> None:
    assert load_multilingual_encoder() is load_multilingual_encoder()


def test_vectors_are_unit_length_and_one_per_text() -> None:
    texts = ["La fromagerie a été fondée en 1887.", "", "  Der Leuchtturm wurde 2021 eröffnet.  "]
    vectors = load_multilingual_encoder().encode(texts)
    assert vectors.shape == (3, DIMENSION) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_translation_is_nearer_than_another_subject() -> None:
    french, english, other = load_multilingual_encoder().encode(
        [
            "Le phare a été conçu par une ingénieure.",
            "The lighthouse was designed by an engineer.",
            "The orchard has three hundred apple trees.",
        ]
    )
    assert french @ english > french @ other + 0.2


def test_batches_give_the_vectors_of_one_call(monkeypatch) -> None:
    import embeddings.multilingual

    texts = [f"Phrase numéro {n} sur le fromage du village." for n in range(7)]
    whole = load_multilingual_encoder().encode(texts)
    monkeypatch.setattr(embeddings.multilingual, "BATCH_TEXTS", 3)
    seen: list[tuple[int, int]] = []
    batched = MultilingualEncoder().encode(texts, progress=lambda done, total: seen.append((done, total)))
    np.testing.assert_allclose(batched, whole, atol=1e-5)
    assert seen == [(3, 7), (6, 7), (7, 7)]
