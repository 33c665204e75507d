"""Shared fixtures: a deterministic fake encoder, the real bundled model (loaded once), and isolated paths."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings as hypothesis_settings

from qa import Settings
from qa.api import Bot, build_index, load_bot

REPO = Path(__file__).resolve().parent.parent

hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    # CI explores the same examples every run, so main stays green on a clean clone; runs elsewhere keep drawing
    # new ones and find what it would not (a manifest whose format_version was "\n" broke a one-line error)
    hypothesis_settings.load_profile("ci")
SEEDS = REPO / "seeds"
SHARED_EVAL = REPO.parent / "shared" / "eval"


class HashingEncoder:
    """Bag-of-words vectors from hashed word stems: deterministic, no weights, similar words give similar vectors."""

    name = "fake-hashing"
    dimension = 64

    def encode(self, texts: Sequence[str], *, progress: object = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word[:6].encode()).hexdigest(), 16)
                out[row, h % self.dimension] += 1.0 if (h >> 8) % 2 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sends every default index and cache path to a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QA_INDEX_HOME", str(home / "indexes"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture
def fake_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A copy of tests/data/tiny: three short documents, one French."""
    import shutil

    target = tmp_path / "tiny"
    shutil.copytree(REPO / "tests" / "data" / "tiny", target)
    return target


def fake_settings(corpus: Path, index_dir: Path) -> Settings:
    """Settings for a corpus indexed with the fake encoder."""
    return Settings(corpus=corpus, index_dir=index_dir, model=HashingEncoder.name, quiet=True, abstain_below=0.0)


@pytest.fixture
def fake_bot(tiny_corpus: Path, tmp_path: Path) -> Bot:
    """A bot over the tiny corpus with the fake encoder: fast, for tests of the plumbing."""
    from qa.indexing import index_corpus

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    return load_bot(settings, encoder=HashingEncoder())


@pytest.fixture(scope="session")
def real_encoder() -> object:
    """The bundled all-MiniLM-L6-v2, loaded once per session: the end-to-end tests run the real model."""
    from embeddings.encoder import BUNDLED, SentenceTransformerEncoder

    return SentenceTransformerEncoder(model=BUNDLED)


@pytest.fixture(scope="session")
def seeds_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(corpus=SEEDS, index_dir=tmp_path_factory.mktemp("seeds-index") / "index", quiet=True)


@pytest.fixture(scope="session")
def seeds_bot(seeds_settings: Settings, real_encoder: object) -> Bot:
    """The real model over seeds/, indexed once per session."""
    from qa.indexing import index_corpus

    index_corpus(seeds_settings, make_encoder=lambda: real_encoder)
    return load_bot(seeds_settings, encoder=real_encoder)


__all__ = ["HashingEncoder", "build_index", "fake_settings"]
