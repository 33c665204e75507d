"""Loading the chat's bot: a corpus indexed from the chat gets the vectors `qa index` would give it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qa import Bot, Settings, load_bot
from tui.loading import load_chat_bot


def test_a_corpus_indexed_from_the_chat_is_embedded_by_the_indexing_model(
    seeds_bot: Bot, tiny_corpus: Path, tmp_path: Path, real_encoder: object
) -> None:
    """The answering bot's encoder is the int8 question encoder: indexing with it gave vectors only 0.98-0.99
    alike to the ones `qa index` stores, in an index whose manifest names the model."""
    answering = load_bot(seeds_bot.settings)  # as the chat holds it: questions go to the int8 ONNX export
    assert type(answering.encoder).__name__ == "OnnxEncoder"
    settings = Settings(corpus=tiny_corpus, index_dir=tmp_path / "index", quiet=True)
    bot = load_chat_bot(settings, progress=lambda *_: None, rebuild=False, previous=answering)
    texts = [bot.index.chunk_text(i) for i in range(len(bot.index.chunk_rows))]
    expected = real_encoder.encode(texts)  # type: ignore[attr-defined]
    cosines = (np.asarray(bot.index.chunk_vectors, dtype=np.float32) * expected).sum(axis=1)
    assert cosines.min() > 0.999
