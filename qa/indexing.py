"""Building or updating the index of a corpus: only files whose content changed are embedded again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa.chunking import window_sentences
from qa.errors import CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing
from qa.index import ENCODER_DIR, FORMAT_VERSION, DocumentUnits, SearchIndex, load_index, read_manifest_at, save_index
from qa.ingestion import Skipped, iter_corpus
from qa.lexical import build_lexical_index, tokenize
from qa.model import Document
from qa.segmentation import split_sentences
from qa.settings import Settings

log = logging.getLogger(__name__)

LEXICAL_VERSION = 2
"""Bumped when tokenisation changes: BM25 is rebuilt (vectors are reused) even if no file changed."""

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total)."""


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What an indexing run did, for the user."""

    documents: int
    chunks: int
    embedded_files: int
    reused_files: int
    removed_files: int
    skipped: tuple[Skipped, ...]
    seconds: float
    written: bool
    """False when the index was already up to date and left untouched."""


def chunking_settings(settings: Settings) -> dict[str, Any]:
    """Returns what, besides the model, decides the chunks; a change forces a full re-embed."""
    return {
        "chunk_chars": settings.chunk_chars,
        "chunk_overlap": settings.chunk_overlap,
        "segmenter": "blingfire+lines/2",  # /2: windows that would repeat a sentence are no longer made
    }


def split_units(doc: Document, settings: Settings) -> DocumentUnits:
    """Segments a document and groups its sentences into chunks."""
    sentences = split_sentences(doc.text)
    windows = window_sentences(sentences, max_chars=settings.chunk_chars, overlap=settings.chunk_overlap)
    return DocumentUnits(doc, sentences, windows)


def _reusable(settings: Settings) -> SearchIndex | None:
    """Returns the existing index when its vectors can be reused for unchanged files."""
    manifest = read_manifest_at(settings.index_path)
    if manifest is None or manifest.get("format_version") != FORMAT_VERSION:
        return None
    if manifest.get("model", {}).get("name") != settings.model or manifest.get("chunking") != chunking_settings(
        settings
    ):
        return None
    try:
        return load_index(settings.index_path, model=settings.model)
    except (IndexCorrupt, IndexMismatch, IndexMissing) as exc:
        log.warning("rebuilding from scratch: %s", exc)
        return None


def _old_vectors(old: SearchIndex, doc_index: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns the chunk and sentence vectors an unchanged document already has."""
    chunk_ids = np.flatnonzero(old.chunk_rows[:, 0] == doc_index)
    sentence_ids = np.flatnonzero(old.sentence_rows[:, 0] == doc_index)
    return old.chunk_vectors[chunk_ids], old.sentence_vectors[sentence_ids].astype(np.float32)


def index_corpus(
    settings: Settings,
    *,
    make_encoder: Callable[[], Any],
    progress: Progress | None = None,
    force: bool = False,
) -> IndexReport:
    """Indexes `settings.corpus` into `settings.index_path`, embedding only what changed."""
    started = time.perf_counter()
    old = None if force else _reusable(settings)
    units: list[DocumentUnits] = []
    skipped: list[Skipped] = []
    reused: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for item in iter_corpus(settings.corpus):
        if isinstance(item, Skipped):
            log.info("skipped %s: %s", item.path, item.reason)
            skipped.append(item)
            continue
        units.append(split_units(item, settings))
        if old is not None and (j := old.by_path.get(item.path)) is not None and old.documents[j].sha256 == item.sha256:
            reused[len(units) - 1] = _old_vectors(old, j)
    if not units:
        example = f" ({len(skipped)} skipped, e.g. {skipped[0].path}: {skipped[0].reason})" if skipped else ""
        raise CorpusNotFound(f"no readable .txt or .md documents in {settings.corpus}{example}")
    removed = 0 if old is None else len(set(old.by_path) - {u.document.path for u in units})
    lexical_current = old is not None and old.manifest.get("lexical") == LEXICAL_VERSION
    if old is not None and len(reused) == len(units) and not removed and lexical_current:
        return IndexReport(
            len(units),
            len(old.chunk_rows),
            0,
            len(units),
            0,
            tuple(skipped),
            time.perf_counter() - started,
            written=False,
        )

    fresh = [i for i in range(len(units)) if i not in reused]
    texts: list[str] = []
    for i in fresh:
        u = units[i]
        texts += [u.document.text[u.sentences[a][0] : u.sentences[b - 1][1]] for a, b in u.chunks]
        texts += [u.document.text[s:e] for s, e in u.sentences]
    encoder = make_encoder() if texts else None
    vectors = (
        encoder.encode(texts, progress=(lambda d, t: progress("embedding", d, t)) if progress else None)
        if encoder
        else None
    )
    dimension = encoder.dimension if encoder else old.chunk_vectors.shape[1]  # type: ignore[union-attr]

    parts = _assemble(units, reused, fresh, vectors, dimension)
    if progress:
        progress("lexical", 0, 1)
    parts["lexical"] = build_lexical_index(
        [tokenize(units[d].document.text[s:e], units[d].document.language) for d, s, e, _, _ in parts["chunk_rows"]]
    )
    from embeddings.onnx_export import write_query_encoder  # composition edge: export only when writing
    from embeddings.vector_index import build_vector_index

    parts["dense"] = build_vector_index(parts["chunk_vectors"])
    parts["write_encoder"] = lambda target: write_query_encoder(
        settings.model, target, previous=old.folder / ENCODER_DIR if old is not None and old.folder else None
    )
    manifest = {
        "model": {"name": settings.model, "dimension": dimension},
        "chunking": chunking_settings(settings),
        "lexical": LEXICAL_VERSION,
        "files": {u.document.path: u.document.sha256 for u in units},
        "counts": {
            "documents": len(units),
            "chunks": len(parts["chunk_rows"]),
            "sentences": len(parts["sentence_rows"]),
        },
    }
    save_index(settings.index_path, parts, manifest)
    return IndexReport(
        len(units),
        len(parts["chunk_rows"]),
        len(fresh),
        len(reused),
        removed,
        tuple(skipped),
        time.perf_counter() - started,
        written=True,
    )


def _assemble(
    units: list[DocumentUnits],
    reused: dict[int, tuple[np.ndarray, np.ndarray]],
    fresh: list[int],
    vectors: np.ndarray | None,
    dimension: int,
) -> dict[str, Any]:
    """Lays documents, chunk and sentence rows and their vectors out in corpus order."""
    fresh_vectors: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    cursor = 0
    for i in fresh:
        n_c, n_s = len(units[i].chunks), len(units[i].sentences)
        assert vectors is not None
        fresh_vectors[i] = (vectors[cursor : cursor + n_c], vectors[cursor + n_c : cursor + n_c + n_s])
        cursor += n_c + n_s
    chunk_rows, sentence_rows, chunk_vecs, sentence_vecs = [], [], [], []
    n_sentences = 0
    for d, u in enumerate(units):
        cv, sv = reused.get(d) or fresh_vectors[d]
        assert len(cv) == len(u.chunks) and len(sv) == len(u.sentences), "reused vectors out of step"
        for a, b in u.chunks:
            chunk_rows.append((d, u.sentences[a][0], u.sentences[b - 1][1], n_sentences + a, n_sentences + b))
        sentence_rows += [(d, s, e) for s, e in u.sentences]
        n_sentences += len(u.sentences)
        chunk_vecs.append(cv)
        sentence_vecs.append(sv)
    return {
        "documents": [u.document for u in units],
        "chunk_rows": np.asarray(chunk_rows, dtype=np.int64).reshape(-1, 5),
        "sentence_rows": np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 3),
        "chunk_vectors": np.concatenate(chunk_vecs).astype(np.float32).reshape(-1, dimension),
        "sentence_vectors": np.concatenate(sentence_vecs).astype(np.float16).reshape(-1, dimension),
    }
