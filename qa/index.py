"""The searchable index in memory, and its round trip to an index folder on disk."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import IndexCorrupt, IndexMismatch, IndexMissing
from qa.lexical import LexicalIndex, SparseBM25
from qa.model import Chunk, Document
from qa.text import line_starts

FORMAT_VERSION = 1
"""Bumped whenever the files below change meaning; an index of another version is rebuilt, not misread."""
ENCODER_DIR = "encoder"
"""Subfolder holding the exported question encoder (model.onnx, tokenizer.json, encoder.json), when there is one."""
MULTILINGUAL_VECTORS = "multilingual_vectors.npy"
MULTILINGUAL_INDEX = "multilingual.faiss"
"""Files of an index that stores multilingual vectors; the manifest's `multilingual` entry names their model, and
an index without that entry (English-only, or made before it existed) has neither file."""


@dataclass(frozen=True, slots=True)
class DocumentUnits:
    """The sentences and chunks of one document, as offsets, before any vector exists."""

    document: Document
    sentences: list[tuple[int, int]]
    chunks: list[tuple[int, int]]
    """[first, last) sentence indices (within this document) of each chunk."""


@dataclass(frozen=True)
class SearchIndex:
    """Everything a question needs: documents, chunks, sentences, their vectors, and both retrievers."""

    manifest: dict[str, Any]
    documents: tuple[Document, ...]
    chunk_rows: np.ndarray
    """(n_chunks, 5) int64: document index, char start, char end, first sentence id, last sentence id + 1."""
    sentence_rows: np.ndarray
    """(n_sentences, 3) int64: document index, char start, char end."""
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    dense: Any
    """FAISS index over `chunk_vectors`."""
    lexical: LexicalIndex
    by_path: dict[str, int] = field(default_factory=dict)
    folder: Path | None = None
    """Where the index was read from; its `encoder/` holds the ONNX model that embeds questions without torch."""
    multilingual_vectors: np.ndarray | None = None
    """(n_chunks, 512) float32 USE vectors of the chunks; None for an index that stores none (English corpora)."""
    multilingual: Any = None
    """FAISS index over `multilingual_vectors`, or None."""

    def __post_init__(self) -> None:
        self.by_path.update({d.path: i for i, d in enumerate(self.documents)})

    @property
    def model(self) -> str:
        """Returns the model the vectors were made with."""
        return str(self.manifest["model"]["name"])

    def chunk_text(self, i: int) -> str:
        """Returns the text of chunk `i` alone: cheaper than `chunk` where nothing else is needed."""
        d, start, end = (int(v) for v in self.chunk_rows[i][:3])
        return self.documents[d].text[start:end]

    def chunk(self, i: int) -> Chunk:
        """Returns chunk `i` as a record."""
        d, start, end, first, last = (int(v) for v in self.chunk_rows[i])
        doc = self.documents[d]
        position = i - int(np.searchsorted(self.chunk_rows[:, 0], d))
        sentences = tuple((int(s), int(e)) for _, s, e in self.sentence_rows[first:last])
        return Chunk(
            doc.path,
            position,
            start,
            end,
            doc.text[start:end],
            sentences,
            doc.line_at(start),
            doc.line_at(end - 1),
        )

    def document(self, path: str) -> Document | None:
        """Returns the indexed document of a corpus-relative path."""
        i = self.by_path.get(path)
        return self.documents[i] if i is not None else None


def document_rows(rows: np.ndarray, doc_index: int) -> slice:
    """Returns the rows of one document in chunk or sentence rows (they are stored in document order)."""
    column = rows[:, 0]
    return slice(int(np.searchsorted(column, doc_index, "left")), int(np.searchsorted(column, doc_index, "right")))


def save_index(path: Path, index_parts: dict[str, Any], manifest: dict[str, Any], *, ours: bool = False) -> None:
    """Writes the index atomically; `index_parts` holds the arrays, documents and lexical model; `ours`: `path` is
    qa's default folder, replaced whatever it holds (`embeddings.store.check_replaceable`)."""
    from embeddings.store import write_store  # composition edge: only indexing writes to disk
    from embeddings.vector_index import write_vector_index

    def write_files(folder: Path) -> None:
        with (folder / "documents.jsonl").open("w", encoding="utf-8") as f:
            for doc in index_parts["documents"]:
                record = {
                    "path": doc.path,
                    "title": doc.title,
                    "sha256": doc.sha256,
                    "language": doc.language,
                    "text": doc.text,
                }
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        np.save(folder / "chunks.npy", index_parts["chunk_rows"])
        np.save(folder / "sentences.npy", index_parts["sentence_rows"])
        np.save(folder / "chunk_vectors.npy", index_parts["chunk_vectors"])
        np.save(folder / "sentence_vectors.npy", index_parts["sentence_vectors"])
        write_vector_index(index_parts["dense"], folder / "dense.faiss")
        lexical: LexicalIndex = index_parts["lexical"]
        lexical.bm25.save(str(folder / "bm25"), show_progress=False)
        with (folder / "lexical_vocab.json").open("w", encoding="utf-8") as f:
            json.dump(lexical.vocab, f, ensure_ascii=False)
        np.save(folder / "doc_freq.npy", lexical.doc_freq)
        if index_parts.get("multilingual_vectors") is not None:
            np.save(folder / MULTILINGUAL_VECTORS, index_parts["multilingual_vectors"])
            write_vector_index(index_parts["multilingual"], folder / MULTILINGUAL_INDEX)
        if "write_encoder" in index_parts:
            index_parts["write_encoder"](folder / ENCODER_DIR)

    write_store(path, dict(manifest, format_version=FORMAT_VERSION), write_files, ours=ours)


def _read_documents(folder: Path) -> tuple[Document, ...]:
    docs = []
    with (folder / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.append(Document(r["path"], r["title"], r["text"], line_starts(r["text"]), r["sha256"], r["language"]))
    return tuple(docs)


def well_formed(manifest: dict[str, Any]) -> bool:
    """Tells whether a manifest of this format has the fields and types the loader relies on."""
    model = manifest.get("model")
    multilingual = manifest.get("multilingual")  # absent in indexes made before it existed: none stored
    return (
        isinstance(model, dict)
        and isinstance(model.get("name"), str)
        and isinstance(manifest.get("files"), dict)
        and isinstance(manifest.get("chunking"), dict)
        and (multilingual is None or (isinstance(multilingual, dict) and isinstance(multilingual.get("name"), str)))
    )


def read_manifest_at(path: Path) -> dict[str, Any] | None:
    """Returns the manifest of the index at `path`, or None when there is none or it is damaged."""
    from embeddings.store import StoreError, locate_store, read_manifest

    try:
        manifest = read_manifest(locate_store(path))
    except StoreError:
        return None
    return manifest if well_formed(manifest) else None


def load_index(path: Path, *, model: str | None = None, verify: bool = True, dense: bool = True) -> SearchIndex:
    """Loads an index folder, checking format, model and checksums; every failure is one line for the user.

    `dense=False` leaves vectors and FAISS on disk (empty arrays, `dense` None) for lexical-only callers such as
    quotation lookup, which then start faster.
    """
    for attempt in range(3):  # a writer may replace the index while we read it: then read the new one
        before = read_manifest_at(path)
        try:
            index = _load_index_once(path, model=model, verify=verify, dense=dense)
        except IndexCorrupt:
            if attempt == 2 or read_manifest_at(path) == before:
                raise
            continue
        if read_manifest_at(path) == index.manifest:
            break
    return index


def _load_index_once(path: Path, *, model: str | None, verify: bool, dense: bool) -> SearchIndex:
    """Loads whichever complete index is at `path` now."""
    from embeddings.store import StoreError, locate_store, read_manifest, verify_store
    from embeddings.vector_index import read_vector_index

    try:
        folder = locate_store(path)
    except StoreError as exc:
        raise IndexMissing(f"no index at {path}: run `qa index` first") from exc
    try:
        manifest = read_manifest(folder)
        if manifest.get("format_version") != FORMAT_VERSION:
            raise IndexMismatch(
                f"index at {path} has format {manifest.get('format_version')!r}, this qa reads {FORMAT_VERSION}: "
                "run `qa index` to rebuild it"
            )
        if not well_formed(manifest):
            raise StoreError(folder, "the manifest is damaged")
        built_with = manifest["model"]["name"]
        if model is not None and built_with != model:
            raise IndexMismatch(
                f"index at {path} was built with model {built_with!r}, not {model!r}: "
                "run `qa index` with the model you want, or pass --model to match"
            )
        if verify:
            verify_store(folder, manifest)
        lexical_vocab = json.loads((folder / "lexical_vocab.json").read_text(encoding="utf-8"))
        doc_freq = np.load(folder / "doc_freq.npy")
        chunk_rows = np.load(folder / "chunks.npy")
        bm25 = SparseBM25.load(folder / "bm25")
        multilingual = dense and manifest.get("multilingual") is not None
        return SearchIndex(
            manifest=manifest,
            documents=_read_documents(folder),
            chunk_rows=chunk_rows,
            sentence_rows=np.load(folder / "sentences.npy"),
            chunk_vectors=np.load(folder / "chunk_vectors.npy") if dense else np.empty((0, 0), np.float32),
            sentence_vectors=np.load(folder / "sentence_vectors.npy") if dense else np.empty((0, 0), np.float16),
            dense=read_vector_index(folder / "dense.faiss") if dense else None,
            lexical=LexicalIndex(bm25=bm25, vocab=lexical_vocab, doc_freq=doc_freq, n_docs=len(chunk_rows)),
            folder=folder,
            multilingual_vectors=np.load(folder / MULTILINGUAL_VECTORS) if multilingual else None,
            multilingual=read_vector_index(folder / MULTILINGUAL_INDEX) if multilingual else None,
        )
    except StoreError as exc:
        raise IndexCorrupt(f"index at {path} is damaged ({exc.reason}): run `qa index` to rebuild it") from exc
    except (IndexMismatch, IndexMissing):
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, RuntimeError, EOFError) as exc:
        raise IndexCorrupt(
            f"index at {path} cannot be read ({exc.__class__.__name__}): run `qa index` to rebuild it"
        ) from exc
