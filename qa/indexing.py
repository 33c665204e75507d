"""Building or updating the index of a corpus: only files whose content changed are embedded again."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.chunking import window_sentences
from qa.errors import CorpusNotFound, IndexCorrupt, IndexMismatch, IndexMissing
from qa.index import (
    ENCODER_DIR,
    FORMAT_VERSION,
    DocumentUnits,
    SearchIndex,
    document_rows,
    load_index,
    read_manifest_at,
    save_index,
)
from qa.ingestion import (
    READ_TYPES,
    Skipped,
    corpus_listing,
    file_stats,
    iter_corpus,
    list_corpus,
    listing_fingerprint,
    other_types,
)
from qa.lexical import build_lexical_index, tokenize
from qa.model import Document
from qa.multilingual import current as multilingual_current
from qa.multilingual import load_multilingual_encoder, manifest_entry, multilingual_vectors, stored_model
from qa.segmentation import split_sentences
from qa.settings import Settings

log = logging.getLogger(__name__)

LEXICAL_VERSION = 2
"""Bumped when tokenisation changes: BM25 is rebuilt (vectors are reused) even if no file changed."""

EMBED_BATCH_TEXTS = 4096
"""Texts embedded per call: enough for length-sorted batches to pad little, few enough to bound memory."""

SCRATCH_PREFIX = ".embedding-"
"""Names the temporary folder beside the index that vectors are written into while embedding."""

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total); a total of 0 names a step without a count (loading the model)."""

LOADING_MODEL = "loading the embedding model"
"""The step before the first vector: importing torch and reading the weights takes seconds on 2 cores."""


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What an indexing run did, for the user."""

    documents: int
    chunks: int
    embedded_files: int
    reused_files: int
    removed_files: int
    """Files indexed before and gone now, not counting those moved or renamed."""
    skipped: tuple[Skipped, ...]
    seconds: float
    written: bool
    """False when the index was already up to date and left untouched."""
    multilingual_chunks: int = 0
    """Chunks embedded with the multilingual model in this run (the others, if any, were reused)."""
    moved_files: int = 0
    """Files gone from their old path whose text is now at a new one: moved or renamed, reported as such rather
    than as one file removed and another unchanged."""
    other_types: str = ""
    """`qa.ingestion.other_types` of the corpus: files not read because of their type, said in a few words."""
    dropped: tuple[Skipped, ...] = ()
    """Those of `skipped` that the previous index held (made unreadable, emptied): their text left the index, and
    a refresh the user did not ask for must say so."""
    multilingual_cause: tuple[tuple[str, str], ...] = ()
    """(path, language) of the non-English documents that made `--multilingual auto` store multilingual vectors,
    when this run turned them on for the index (not when it only kept them)."""


def chunking_settings(settings: Settings) -> dict[str, Any]:
    """Returns what, besides the model, decides the chunks; a change forces a full re-embed."""
    return {
        "chunk_chars": settings.chunk_chars,
        "chunk_overlap": settings.chunk_overlap,
        # /2: windows never repeat a sentence; /3-/5: soft line breaks join; /6: a list item keeps its `1.`
        "segmenter": "blingfire+lines/6",
    }


def split_units(doc: Document, settings: Settings) -> DocumentUnits:
    """Segments a document and groups its sentences into chunks."""
    sentences = split_sentences(doc.text)
    windows = window_sentences(sentences, max_chars=settings.chunk_chars, overlap=settings.chunk_overlap)
    return DocumentUnits(doc, sentences, windows)


def _reusable(settings: Settings, manifest: dict[str, Any] | None) -> SearchIndex | None:
    """Returns the existing index (of this `manifest`) when its vectors can be reused for unchanged files."""
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


def index_corpus(
    settings: Settings,
    *,
    make_encoder: Callable[[], Any],
    make_multilingual: Callable[[], Any] = load_multilingual_encoder,
    progress: Progress | None = None,
    force: bool = False,
) -> IndexReport:
    """Indexes `settings.corpus` into `settings.index_path`, embedding only what changed.

    `make_multilingual` is called only when the corpus needs multilingual vectors (`qa.multilingual.wanted`) and
    some chunk has none to reuse.
    """
    started = time.perf_counter()
    _clear_stale_scratch(settings)
    previous = read_manifest_at(settings.index_path)
    old = None if force else _reusable(settings, previous)
    walk = list_corpus(settings.corpus)  # before reading: a file added meanwhile shows up as new next time
    listing = listing_fingerprint(settings.corpus, walk.files)
    stats = file_stats(settings.corpus, walk.files)
    units: list[DocumentUnits] = []
    skipped: list[Skipped] = []
    reused: dict[int, int] = {}
    """Position in `units` -> document number in the old index, for files whose content was indexed already."""
    # by content, not by path: a file renamed, moved or copied embeds to the same vectors (only text is embedded)
    by_hash = {} if old is None else {doc.sha256: j for j, doc in reversed(list(enumerate(old.documents)))}
    for item in iter_corpus(settings.corpus, walk):
        if isinstance(item, Skipped):
            log.info("skipped %s: %s", item.path, item.reason)
            skipped.append(item)
            continue
        units.append(split_units(item, settings))
        if (j := _same_text(old, item, by_hash)) is not None:
            reused[len(units) - 1] = j
    others = other_types(walk.others)
    if not units:
        example = f"; {len(skipped)} skipped, e.g. {skipped[0].path}: {skipped[0].reason}" if skipped else ""
        found = f"; it holds {others}" if others else ""
        raise CorpusNotFound(
            f"no readable {READ_TYPES.replace(' and ', ' or ')} documents in {settings.corpus}{example}{found}"
        )
    gone = set() if old is None else set(old.by_path) - {u.document.path for u in units}
    moved = _moved_count(old, gone, units)
    removed = len(gone)
    same_place = old is not None and indexed_corpus(old) == settings.corpus.expanduser().resolve()
    # else written once more, to record them: a file touched but not changed would otherwise be read again by
    # every `qa ask` (`qa.api.Bot.stale_files`)
    listed = old is not None and old.manifest.get("listing") == listing and old.manifest.get("stats") == stats
    in_place = all(old is not None and old.documents[j].path == units[d].document.path for d, j in reused.items())
    unchanged = len(reused) == len(units) and in_place and not removed and listed
    if old is not None and unchanged and built_current(old, settings) and same_place:
        return IndexReport(
            len(units),
            len(old.chunk_rows),
            0,
            len(units),
            0,
            tuple(skipped),
            time.perf_counter() - started,
            written=False,
            other_types=others,
        )

    fresh = [i for i in range(len(units)) if i not in reused]
    parts = _layout(units)
    if fresh and progress:
        progress(LOADING_MODEL, 0, 0)
    encoder = make_encoder() if fresh else None
    dimension = encoder.dimension if encoder else old.chunk_vectors.shape[1]  # type: ignore[union-attr]
    scratch = Path(tempfile.mkdtemp(dir=_scratch_parent(settings), prefix=scratch_prefix(settings)))
    try:
        chunk_vectors = np.lib.format.open_memmap(
            scratch / "chunks.npy", mode="w+", dtype=np.float32, shape=(len(parts["chunk_rows"]), dimension)
        )
        sentence_vectors = np.lib.format.open_memmap(
            scratch / "sentences.npy", mode="w+", dtype=np.float16, shape=(len(parts["sentence_rows"]), dimension)
        )
        starts = parts.pop("starts")
        for d, j in reused.items():
            assert old is not None
            (c0, s0), cs, ss = starts[d], document_rows(old.chunk_rows, j), document_rows(old.sentence_rows, j)
            assert cs.stop - cs.start == len(units[d].chunks), "reused vectors out of step"
            assert ss.stop - ss.start == len(units[d].sentences), "reused vectors out of step"
            chunk_vectors[c0 : c0 + len(units[d].chunks)] = old.chunk_vectors[cs]
            sentence_vectors[s0 : s0 + len(units[d].sentences)] = old.sentence_vectors[ss]
        copies = _copies(units, fresh)
        if encoder is not None:
            embedded = [i for i in fresh if i not in copies]
            _embed(units, embedded, starts, encoder, chunk_vectors, sentence_vectors, progress)
        for d, o in copies.items():  # the same text splits and embeds the same: its first file's vectors serve
            (c0, s0), (c1, s1) = starts[d], starts[o]
            chunk_vectors[c0 : c0 + len(units[d].chunks)] = chunk_vectors[c1 : c1 + len(units[o].chunks)]
            sentence_vectors[s0 : s0 + len(units[d].sentences)] = sentence_vectors[s1 : s1 + len(units[o].sentences)]
        parts["chunk_vectors"] = np.asarray(chunk_vectors)  # FAISS copies these; the sentences stay on disk
        parts["sentence_vectors"] = sentence_vectors
        parts["multilingual_vectors"], multilingual_chunks = multilingual_vectors(
            settings.multilingual,
            units,
            [c for c, _ in starts],
            old=old,
            reused=reused,
            make_encoder=make_multilingual,
            scratch=scratch,
            progress=progress,
        )
        if progress:
            progress("building the word index", 0, 0)
        parts["lexical"] = build_lexical_index(
            [tokenize(units[d].document.text[s:e], units[d].document.language) for d, s, e, _, _ in parts["chunk_rows"]]
        )
        from embeddings.onnx_export import write_query_encoder  # composition edge: export only when writing
        from embeddings.vector_index import build_vector_index

        parts["dense"] = build_vector_index(parts["chunk_vectors"])
        if parts["multilingual_vectors"] is not None:
            parts["multilingual"] = build_vector_index(np.asarray(parts["multilingual_vectors"]))
        parts["write_encoder"] = lambda target: write_query_encoder(
            settings.model, target, previous=old.folder / ENCODER_DIR if old is not None and old.folder else None
        )
        manifest = {
            "model": {"name": settings.model, "dimension": dimension},
            "chunking": chunking_settings(settings),
            "lexical": LEXICAL_VERSION,
            "multilingual": manifest_entry(parts["multilingual_vectors"]),
            "corpus": str(settings.corpus.expanduser().resolve()),
            "files": {u.document.path: u.document.sha256 for u in units},
            "listing": listing,
            "stats": stats,
            "counts": {
                "documents": len(units),
                "chunks": len(parts["chunk_rows"]),
                "sentences": len(parts["sentence_rows"]),
            },
        }
        if progress:
            progress("writing the index", 0, 0)
        save_index(settings.index_path, parts, manifest, ours=settings.index_dir is None)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # also on Ctrl-C: the old index is untouched
    return IndexReport(
        len(units),
        len(parts["chunk_rows"]),
        len(fresh),
        len(reused),
        removed - moved,
        tuple(skipped),
        time.perf_counter() - started,
        written=True,
        multilingual_chunks=multilingual_chunks,
        other_types=others,
        moved_files=moved,
        dropped=_dropped(previous, skipped),
        multilingual_cause=_multilingual_cause(settings, previous, units, parts["multilingual_vectors"]),
    )


def _dropped(previous: dict[str, Any] | None, skipped: list[Skipped]) -> tuple[Skipped, ...]:
    """Returns the skipped files that the index of the `previous` manifest held."""
    indexed = (previous or {}).get("files") or {}
    return tuple(s for s in skipped if s.path in indexed)


def _multilingual_cause(
    settings: Settings, previous: dict[str, Any] | None, units: list[DocumentUnits], vectors: np.ndarray | None
) -> tuple[tuple[str, str], ...]:
    """Returns the non-English documents, with their language, when `auto` turned multilingual vectors on in this
    run: one such file among thousands doubles the vectors stored, and the user should hear which and why once,
    not on every run."""
    if settings.multilingual != "auto" or vectors is None or (previous and stored_model(previous) is not None):
        return ()
    return tuple((u.document.path, u.document.language) for u in units if u.document.language != "en")


def _copies(units: list[DocumentUnits], fresh: list[int]) -> dict[int, int]:
    """Returns, for each new document whose text an earlier new one has (two copies in a first index), that
    earlier one: a copy needs no model run of its own."""
    first: dict[str, int] = {}
    copies: dict[int, int] = {}
    for i in fresh:
        o = first.setdefault(units[i].document.sha256, i)
        if o != i:
            copies[i] = o
    return copies


def _moved_count(old: SearchIndex | None, gone: set[str], units: list[DocumentUnits]) -> int:
    """Returns how many of the `gone` paths had a text that a path new to the index holds now."""
    if old is None or not gone:
        return 0
    new_texts = {u.document.sha256 for u in units if u.document.path not in old.by_path}
    return sum(1 for path in gone if old.documents[old.by_path[path]].sha256 in new_texts)


def _same_text(old: SearchIndex | None, doc: Document, by_hash: dict[str, int]) -> int | None:
    """Returns the old index's document with this document's text: the one at its own path when that one has it
    (two copies of a file each keep theirs, so an unchanged corpus is not rewritten on every run), else any."""
    if old is None:
        return None
    j = old.by_path.get(doc.path)
    if j is not None and old.documents[j].sha256 == doc.sha256:
        return j
    return by_hash.get(doc.sha256)


def built_current(index: SearchIndex, settings: Settings) -> bool:
    """Tells whether an index was built as this version of qa builds one for these settings (same chunking, same
    BM25 tokenisation, current question encoder, multilingual vectors as the setting asks); file contents are not
    compared here."""
    return (
        index.manifest.get("chunking") == chunking_settings(settings)
        and index.manifest.get("lexical") == LEXICAL_VERSION
        and multilingual_current(index, settings.multilingual)
        and not _encoder_outdated(index)
    )


def listing_changed(index: SearchIndex, settings: Settings) -> bool:
    """Tells whether files were added to or removed from the corpus since the index was built (an index from before
    that record, or before the files' stats were recorded, counts as changed, once); edited files are found by
    their stats (`qa.api.Bot.stale_files`)."""
    return "stats" not in index.manifest or index.manifest.get("listing") != corpus_listing(settings.corpus)


def indexed_corpus(index: SearchIndex) -> Path | None:
    """Returns the corpus folder an index was built from (None for an index older than that record)."""
    recorded = index.manifest.get("corpus")
    return Path(recorded) if isinstance(recorded, str) else None


def _encoder_outdated(old: SearchIndex) -> bool:
    """Tells whether the index's question encoder was exported the old way, so rewriting it is worth a run."""
    from embeddings.onnx_export import is_outdated  # composition edge: the export lives with the model

    return old.folder is not None and is_outdated(old.folder / ENCODER_DIR, old.model)


def scratch_prefix(settings: Settings) -> str:
    """Returns the name prefix of this index's scratch folders (several indexes may share a parent folder)."""
    return f".{settings.index_path.name}{SCRATCH_PREFIX}"


def _clear_stale_scratch(settings: Settings) -> None:
    """Removes scratch folders of this index left by a killed run (SIGKILL skips every cleanup), also when this
    run has nothing to embed; callers hold the index's writer lock, so no live run owns one."""
    for stale in settings.index_path.parent.glob(scratch_prefix(settings) + "*"):
        shutil.rmtree(stale, ignore_errors=True)


def _scratch_parent(settings: Settings) -> Path:
    """Returns the folder beside the index where vectors are embedded into, so they land on the index's disk."""
    parent = settings.index_path.parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _layout(units: list[DocumentUnits]) -> dict[str, Any]:
    """Lays documents, chunk and sentence rows out in corpus order; `starts` holds each document's first rows."""
    chunk_rows: list[tuple[int, ...]] = []
    sentence_rows: list[tuple[int, ...]] = []
    starts: list[tuple[int, int]] = []
    for d, u in enumerate(units):
        starts.append((len(chunk_rows), len(sentence_rows)))
        n_sentences = len(sentence_rows)
        for a, b in u.chunks:
            chunk_rows.append((d, u.sentences[a][0], u.sentences[b - 1][1], n_sentences + a, n_sentences + b))
        sentence_rows += [(d, s, e) for s, e in u.sentences]
    return {
        "documents": [u.document for u in units],
        "chunk_rows": np.asarray(chunk_rows, dtype=np.int64).reshape(-1, 5),
        "sentence_rows": np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 3),
        "starts": starts,
    }


def _embed(
    units: list[DocumentUnits],
    fresh: list[int],
    starts: list[tuple[int, int]],
    encoder: Any,
    chunk_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    progress: Progress | None,
) -> None:
    """Embeds the chunks and sentences of the `fresh` documents a batch of documents at a time, into the arrays.

    Only one batch's texts are held at once, so memory stays bounded whatever the corpus size.
    """
    total = sum(len(units[i].chunks) + len(units[i].sentences) for i in fresh)
    done = 0
    batch: list[int] = []
    pending = 0
    for position, i in enumerate(fresh):
        batch.append(i)
        pending += len(units[i].chunks) + len(units[i].sentences)
        if pending < EMBED_BATCH_TEXTS and position < len(fresh) - 1:
            continue
        texts: list[str] = []
        for j in batch:
            u = units[j]
            texts += [u.document.text[u.sentences[a][0] : u.sentences[b - 1][1]] for a, b in u.chunks]
            texts += [u.document.text[s:e] for s, e in u.sentences]
        report = (lambda d, _t, base=done: progress("embedding", base + d, total)) if progress else None
        vectors = encoder.encode(texts, progress=report)
        cursor = 0
        for j in batch:
            (c0, s0), n_c, n_s = starts[j], len(units[j].chunks), len(units[j].sentences)
            chunk_vectors[c0 : c0 + n_c] = vectors[cursor : cursor + n_c]
            sentence_vectors[s0 : s0 + n_s] = vectors[cursor + n_c : cursor + n_c + n_s]
            cursor += n_c + n_s
        done += len(texts)
        if progress:
            progress("embedding", done, total)
        batch, pending = [], 0
