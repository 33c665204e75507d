"""The public entry points: index a corpus, load a bot, ask it questions. The one place pieces are composed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import numpy as np

from qa.answering import SentenceEvidence, extract_answer
from qa.errors import IndexBusy, IndexMismatch, IndexMissing, QAError
from qa.index import SearchIndex, load_index, read_manifest_at
from qa.indexing import IndexReport, Progress, index_corpus
from qa.language import detect_language
from qa.lexical import tokenize
from qa.model import Passage, Reply
from qa.retrieval import retrieve
from qa.settings import Settings

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
"""Longer input is cut: no question needs more, and the encoder would truncate it anyway."""


def load_encoder(settings: Settings) -> Any:
    """Returns the encoder named by the settings (imports torch: seconds, so only when needed)."""
    from embeddings.encoder import ModelNotFound, SentenceTransformerEncoder  # composition edge

    try:
        return SentenceTransformerEncoder(model=settings.model)
    except ModelNotFound as exc:
        raise QAError(f"--model {settings.model}: {exc}") from exc


def build_index(settings: Settings, *, progress: Progress | None = None, force: bool = False) -> IndexReport:
    """Indexes the corpus of `settings`, embedding only changed files; one writer per index at a time."""
    from embeddings.store import StoreBusy, store_lock  # composition edge: the lock lives with the store

    try:
        with store_lock(settings.index_path, timeout=settings.lock_timeout):
            return index_corpus(settings, make_encoder=lambda: load_encoder(settings), progress=progress, force=force)
    except StoreBusy as exc:
        raise IndexBusy(
            f"index at {settings.index_path} is being written by another `qa index` "
            f"(waited {exc.timeout:g}s for {exc.lock}): try again when it has finished"
        ) from exc


def index_is_current(settings: Settings) -> bool:
    """Tells whether an index exists for these settings (contents are checked when it is loaded)."""
    manifest = read_manifest_at(settings.index_path)
    return manifest is not None and manifest.get("model", {}).get("name") == settings.model


class Bot:
    """A loaded index and encoder, answering questions through the pipeline stages in order."""

    def __init__(self, *, index: SearchIndex, encoder: Any, settings: Settings) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings

    def ask(self, question: str) -> Reply:
        """Answers one question with verbatim, cited text, or abstains."""
        question = " ".join(question.split())[:MAX_QUESTION_CHARS]
        if not any(c.isalnum() for c in question):
            return Reply(question, (), (), 0.0, "Ask a question in words: this one is empty.")
        language = detect_language(question)
        tokens = tokenize(question, language)
        q = np.asarray(self.encoder.encode([question])[0], dtype=np.float32)
        passages = retrieve(self.index, q, tokens, k=self.settings.top_k, candidates=self.settings.candidates)
        evidence = self._sentences(passages, q)
        return extract_answer(
            question,
            passages,
            evidence,
            tokens,
            idf=self.index.lexical.idf,
            tokenize=tokenize,
            abstain_below=self.settings.abstain_below,
            max_answers=self.settings.max_answers,
        )

    def _sentences(self, passages: list[Passage], q: np.ndarray) -> list[SentenceEvidence]:
        """Returns every sentence of the passages, once, with its cosine to the question."""
        seen: set[int] = set()
        out: list[SentenceEvidence] = []
        for p in passages:
            row = self.index.chunk_rows[p.chunk_id]
            doc = self.index.documents[int(row[0])]
            ids = [i for i in range(int(row[3]), int(row[4])) if i not in seen]
            seen.update(ids)
            if not ids:
                continue
            cosines = self.index.sentence_vectors[ids].astype(np.float32) @ q
            for i, c in zip(ids, cosines, strict=True):
                _, s, e = (int(v) for v in self.index.sentence_rows[i])
                out.append(SentenceEvidence(doc, s, e, float(c), p))
        return out


def load_bot(settings: Settings, *, encoder: Any | None = None) -> Bot:
    """Loads the index of `settings` and an encoder for questions."""
    index = load_index(settings.index_path, model=settings.model)
    return Bot(index=index, encoder=encoder or load_encoder(settings), settings=settings)


def ensure_bot(
    settings: Settings, *, progress: Progress | None = None, encoder_factory: Callable[[], Any] | None = None
) -> tuple[Bot, IndexReport | None]:
    """Loads the bot, indexing the corpus first when there is no usable index."""
    report = None
    try:
        index = load_index(settings.index_path, model=settings.model)
    except (IndexMissing, IndexMismatch):
        report = build_index(settings, progress=progress)
        index = load_index(settings.index_path, model=settings.model)
    encoder = encoder_factory() if encoder_factory else load_encoder(settings)
    return Bot(index=index, encoder=encoder, settings=settings), report
