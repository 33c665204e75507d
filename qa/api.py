"""The public entry points: index a corpus, load a bot, ask it questions. The one place pieces are composed."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np

from qa.answering import SentenceEvidence, extract_answer
from qa.citations import CitationRef, parse_citation
from qa.errors import (
    INDEX_KEPT,
    NO_INDEX_WRITTEN,
    IndexBusy,
    IndexCorrupt,
    IndexMismatch,
    IndexMissing,
    IndexPlaceRefused,
    QAError,
    SourcesChanged,
    missing_corpus,
)
from qa.index import ENCODER_DIR, SearchIndex, load_index, read_manifest_at
from qa.indexing import IndexReport, Progress, built_current, index_corpus, indexed_corpus, listing_changed
from qa.ingestion import SETTLED_NS, FileStat, file_stat
from qa.language import detect_language
from qa.lexical import tokenize
from qa.lookup import (
    CONTEXT_LINES,
    CitedText,
    changed_since_indexing,
    gone_since_indexing,
    load_cited_document,
    refuse_deleted,
    resolve,
)
from qa.model import Document, Passage, Reply
from qa.multilingual import (
    CROSS_LANGUAGE_HINT,
    asks_multilingual,
    lacks_multilingual,
    load_multilingual_encoder,
    serves_multilingual,
)
from qa.numbers import holds_number
from qa.quotes import QuoteMatch, QuoteTrace, trace_quotation
from qa.retrieval import retrieve, with_answer_passage
from qa.settings import Settings
from qa.text import as_unicode

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
"""Longer input is cut: no question needs more, and the encoder would truncate it anyway."""


def load_encoder(settings: Settings) -> Any:
    """Returns the encoder named by the settings, for indexing (imports torch: seconds, so only when needed)."""
    from embeddings.encoder import ModelNotFound, SentenceTransformerEncoder  # composition edge

    try:
        return SentenceTransformerEncoder(model=settings.model)
    except ModelNotFound as exc:
        raise QAError(f"--model {settings.model}: {exc}") from exc


QUERY_THREADS = 1
"""Threads of the question encoder. Two embed a question faster (2.60 against 3.30 ms), but onnxruntime's second
thread spins on after each question and slows what follows on a 2-core machine: French questions on piaf-fr-dev,
whose USE model runs next, took 13.27 ms p50 against 10.30 with one thread (without spinning 10.34, and English
seeds questions then lost what they had gained), interleaved in one run each."""


def load_query_encoder(settings: Settings, index: SearchIndex) -> Any:
    """Returns the encoder for questions: the index's ONNX export when it has one (no torch), else torch."""
    from embeddings.onnx_encoder import load_onnx_encoder  # composition edge

    if index.folder is None:
        return load_encoder(settings)
    folder = index.folder / ENCODER_DIR
    try:
        encoder = load_onnx_encoder(folder, name=settings.model, threads=QUERY_THREADS)
    except Exception as exc:  # onnxruntime raises its own unrelated types for a damaged model file
        raise IndexCorrupt(f"the question encoder in {folder} cannot be loaded: run `qa index --force`") from exc
    return encoder if encoder is not None else load_encoder(settings)


def build_index(settings: Settings, *, progress: Progress | None = None, force: bool = False) -> IndexReport:
    """Indexes the corpus of `settings`, embedding only changed files; one writer per index at a time."""
    return locked_index_corpus(settings, make_encoder=lambda: load_encoder(settings), progress=progress, force=force)


def locked_index_corpus(
    settings: Settings, *, make_encoder: Callable[[], Any], progress: Progress | None = None, force: bool = False
) -> IndexReport:
    """Runs `index_corpus` holding the index's writer lock, so two indexers never interleave."""
    from embeddings.store import NotAStore, StoreBusy, check_replaceable, store_lock  # composition edge

    if not settings.corpus.is_dir():  # before the lock file, which would otherwise stay for a folder never indexed
        raise missing_corpus(settings.corpus)
    try:
        # before the lock file beside it, and before minutes of embedding
        check_replaceable(settings.index_path, ours=settings.index_dir is None)
        with store_lock(settings.index_path, timeout=settings.lock_timeout):
            return index_corpus(settings, make_encoder=make_encoder, progress=progress, force=force)
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM mid-write: index_corpus has swept its scratch
        exc.add_note(INDEX_KEPT if read_manifest_at(settings.index_path) is not None else NO_INDEX_WRITTEN)
        raise
    except NotAStore as exc:
        raise IndexPlaceRefused(
            f"--index {settings.index_path}: {exc.reason}; pass an empty or new folder (or none, for the default)"
        ) from exc
    except StoreBusy as exc:
        raise IndexBusy(
            f"index at {settings.index_path} is being written by another `qa index` "
            f"(waited {exc.timeout:g}s for {exc.lock}): try again when it has finished"
        ) from exc


def index_is_current(settings: Settings) -> bool:
    """Tells whether an index exists for these settings (contents are checked when it is loaded)."""
    manifest = read_manifest_at(settings.index_path)
    return manifest is not None and manifest.get("model", {}).get("name") == settings.model


def dense_weight(language: str) -> float:
    """Returns how much the dense ranking counts in fusion for a question in `language`.

    The bundled model is English-only: on French questions (piaf-fr-dev) its ranking hurts recall@5 (0.819 at
    weight 1, 0.858 at 0), so it only breaks ties there; on English (xquad-en-dev) weight 1 gives 0.994.
    """
    return 1.0 if language == "en" else 0.05


NO_WORDS = "Ask a question in words: this one has none."


class Bot:
    """A loaded index and encoder, answering questions through the pipeline stages in order."""

    def __init__(
        self,
        *,
        index: SearchIndex,
        encoder: Any,
        settings: Settings,
        load_multilingual: Callable[[], Any] = load_multilingual_encoder,
    ) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings
        self.load_multilingual = load_multilingual
        """Returns the multilingual encoder; called on the first question that needs it, so English-only use never
        loads it."""
        self._multilingual: Any = None
        self._multilingual_lock = threading.Lock()
        self._document_terms: dict[int, frozenset[str]] = {}
        self._verified: dict[str, FileStat] = {}
        """Files found unchanged since indexing by reading them, with the stat they had then (the manifest's
        record of them is older)."""

    def ask(self, question: str) -> Reply:
        """Answers one question with verbatim, cited text, or abstains."""
        if not isinstance(question, str):
            raise TypeError(f"a question is a str, not {type(question).__name__}")
        question = " ".join(as_unicode(question).split())[:MAX_QUESTION_CHARS]
        if not any(c.isalpha() for c in question):  # `1`, `1=1`, `🙂`: any sentence would match as well as another
            return Reply(question, (), (), 0.0, NO_WORDS)
        language = detect_language(question)
        q = self._question_vector(question)
        passages, evidence, tokens = self.gather(question, language=language, q=q)
        reply = extract_answer(
            question,
            passages,
            evidence,
            tokens,
            idf=self.index.lexical.idf,
            known=self.index.lexical.known,
            tokenize=tokenize,
            language=language,
            abstain_below=self.settings.abstain_below,
            max_answers=self.settings.max_answers,
            mentioned=self.index.lexical.knows_a_form_of,
            holds_number=partial(holds_number, self.index.documents),
        )
        if not reply.answers:
            if lacks_multilingual(self.index, self.settings.multilingual, question):
                return replace(reply, message=f"{reply.message} {CROSS_LANGUAGE_HINT}".strip())
            return reply
        cited = reply.answers[0].citation
        shown = with_answer_passage(
            reply.passages, self.index, cited.file, cited.char_start, cited.char_end, q=q, k=self.settings.top_k
        )
        return replace(reply, passages=tuple(shown))

    def _question_vector(self, question: str) -> np.ndarray:
        """Embeds a question once: retrieval and the answer's own passage both score against it."""
        return np.asarray(self.encoder.encode([question])[0], dtype=np.float32)

    def gather(
        self, question: str, *, language: str | None = None, q: np.ndarray | None = None
    ) -> tuple[list[Passage], list[SentenceEvidence], list[str]]:
        """Retrieves passages and their sentences for a question: everything answering needs (`q`: the question's
        vector, when the caller has it already)."""
        language = language or detect_language(question)
        tokens = tokenize(question, language)
        q = self._question_vector(question) if q is None else q
        passages = retrieve(
            self.index,
            question,
            q,
            tokens,
            k=self.settings.top_k,
            candidates=max(self.settings.candidates, self.settings.top_k),
            dense_weight=dense_weight(language),
            multilingual_vector=self._multilingual_vector(question, language),
            multilingual_weight=self.settings.multilingual_weight,
        )
        return passages, self._sentences(passages, q), tokens

    def _multilingual_vector(self, question: str, language: str) -> np.ndarray | None:
        """Returns the question's multilingual vector when it joins retrieval (`qa.multilingual.asks_multilingual`),
        else None."""
        if not asks_multilingual(self.index, self.settings.multilingual, language):
            return None
        return np.asarray(self._multilingual_encoder().encode([question])[0], dtype=np.float32)

    def _multilingual_encoder(self) -> Any:
        """Returns the multilingual encoder, loading it once even when a warm-up and a question race for it."""
        with self._multilingual_lock:
            if self._multilingual is None:
                self._multilingual = self.load_multilingual()
            return self._multilingual

    def warm_up(self) -> bool:
        """Loads now what the first non-English question would otherwise wait for (the USE weights, about 0.7 s on
        2 cores), so a chat can do it while its user types; returns whether there was anything to load.

        English-only indexes (and `--multilingual never`) have nothing to load: their questions never use USE.
        """
        if not serves_multilingual(self.index, self.settings.multilingual):
            return False
        self._multilingual_encoder().encode(["warm-up"])  # the weights are read on the first encode
        return True

    def changed_sources(self, reply: Reply) -> list[str]:
        """Returns the files a reply cites or shows passages of that changed on disk since indexing: their offsets
        would point at other text."""
        cited = {c.file for answer in reply.answers for c in (answer.citation, answer.span_citation) if c is not None}
        cited.update(p.chunk.doc_path for p in reply.passages)
        return self.changed_files(cited)

    def stale_files(self) -> list[str]:
        """Returns the corpus files that changed since indexing, so a question is answered from their text as it
        is now (a fact appended to a file no answer cited): indexed files whose text differs or that are gone or
        unreadable, and skipped ones whose stat moved (they may be readable now). One stat per file; only files
        whose size or times differ from the record are read."""
        return self.changed_files(set(self.index.by_path) | set(self._recorded))

    def changed_files(self, paths: Iterable[str]) -> list[str]:
        """Returns those of the files at `paths` (corpus-relative) that changed on disk since indexing."""
        return _changed_by_stat(self.settings.corpus, self.index, paths, self._recorded, self._verified)

    @cached_property
    def _recorded(self) -> dict[str, FileStat]:
        """The manifest's stats of the corpus files, read once per bot."""
        return _recorded_stats(self.index)

    def find_quotes(self, text: str, *, limit: int = 5) -> list[QuoteMatch]:
        """Returns where a quotation most likely comes from, best first; empty when nothing is close.

        Raises SourcesChanged when a file was edited since indexing (`stale_files`): a match's offsets would point
        at other text, and a quotation added to a file since would be reported missing.
        """
        return list(self.trace_quote(text, limit=limit).matches)

    def trace_quote(self, text: str, *, limit: int = 5) -> QuoteTrace:
        """Returns `find_quotes`'s matches with the sentences of the quotation that matched nowhere, which a
        reader checking a quotation must be told of (an invented sentence between real ones); raises as it does."""
        if changed := self.stale_files():
            raise SourcesChanged(changed)
        return trace_quotation(self.index, as_unicode(text), limit=limit)

    def document(self, path: str) -> Document | None:
        """Returns the indexed document at a corpus-relative path, so a citation can be shown in its context."""
        return self.index.document(path)

    def _terms(self, doc_index: int) -> frozenset[str]:
        """Returns the terms of a document, tokenised once per bot."""
        terms = self._document_terms.get(doc_index)
        if terms is None:
            doc = self.index.documents[doc_index]
            terms = self._document_terms[doc_index] = frozenset(tokenize(doc.text, doc.language))
        return terms

    def _sentences(self, passages: list[Passage], q: np.ndarray) -> list[SentenceEvidence]:
        """Returns every sentence of the passages, once, with its cosine to the question."""
        seen: set[int] = set()
        out: list[SentenceEvidence] = []
        rows = self.index.sentence_rows
        for rank, p in enumerate(passages):
            row = self.index.chunk_rows[p.chunk_id]
            doc = self.index.documents[int(row[0])]
            ids = [i for i in range(int(row[3]), int(row[4])) if i not in seen]
            seen.update(ids)
            if not ids:
                continue
            cosines = self.index.sentence_vectors[ids].astype(np.float32) @ q
            for i, c in zip(ids, cosines, strict=True):
                d, s, e = (int(v) for v in rows[i])
                context = int(rows[i - 1][1]) if i > 0 and int(rows[i - 1][0]) == d else s
                out.append(SentenceEvidence(doc, s, e, float(c), p, rank, context, self._terms(int(row[0]))))
        return out


def _same_corpus(index: SearchIndex, settings: Settings) -> None:
    """Refuses to update an index from another corpus than the one it was built from: that would replace the
    user's index with one of the wrong documents. `qa index` is the way to do that on purpose."""
    _built_from_corpus(indexed_corpus(index), settings)


def _built_from_corpus(recorded: Path | None, settings: Settings) -> None:
    """Refuses an index recorded as built from another folder than the corpus of `settings`."""
    if recorded is not None and recorded != settings.corpus.expanduser().resolve():
        if not recorded.is_dir():
            raise IndexMismatch(
                f"the index at {settings.index_path} was built from {recorded}, which is no longer there: run "
                f"`qa index {settings.corpus} --index {settings.index_path}` to rebuild it from {settings.corpus}"
            )
        raise IndexMismatch(
            f"the index at {settings.index_path} was built from {recorded}, not {settings.corpus}: pass --corpus "
            f"{recorded}, or run `qa index {settings.corpus} --index {settings.index_path}` to rebuild it from there"
        )


def _recorded_stats(index: SearchIndex) -> dict[str, FileStat]:
    """Returns the stat of each corpus file as indexing saw it (`qa.ingestion.file_stats`); empty for an index from
    before that record; an entry of another shape is left out, and one of other types never matches a stat (its
    file is then read to be checked)."""
    stats = index.manifest.get("stats")
    if not isinstance(stats, dict):
        return {}
    return {path: (v[0], v[1], v[2]) for path, v in stats.items() if isinstance(v, list) and len(v) == 3}


def _changed_by_stat(
    root: Path,
    index: SearchIndex,
    paths: Iterable[str],
    recorded: dict[str, FileStat],
    verified: dict[str, FileStat] | None = None,
) -> list[str]:
    """Returns those of the files at `paths` that changed since `index` was built from `root`: a file whose stat
    is the `recorded` one (or one in `verified`) is taken as unchanged; an indexed file whose stat moved is read and
    its text compared (a `touch` changes nothing), and `verified` learns it; a skipped file whose stat moved counts
    as changed, since it may be readable now."""
    verified = {} if verified is None else verified
    folder = os.fspath(root)
    stats = {path: file_stat(os.path.join(folder, path)) for path in sorted(set(paths))}
    moved = [p for p, stat in stats.items() if stat is None or stat != verified.get(p, recorded.get(p))]
    documents = [doc for p in moved if (doc := index.document(p)) is not None]
    changed = set(changed_since_indexing(root, documents))
    settled = time.time_ns() - SETTLED_NS  # a file changed later may change again without moving its stat
    for doc in documents:
        stat = stats[doc.path]
        if doc.path not in changed and stat is not None and stat[2] <= settled:
            verified[doc.path] = stat  # read once; later questions only look at size and times
    return [p for p in moved if p in changed or index.document(p) is None]


def load_search_index(
    settings: Settings, *, progress: Progress | None = None, on_refresh: Callable[[list[str]], None] | None = None
) -> SearchIndex:
    """Loads the lexical part of the index, no encoder nor vectors (quotation lookup needs neither), indexing first
    if needed; `on_refresh` hears of the indexed files gone from the folder when that is why."""
    try:
        index = load_index(settings.index_path, model=settings.model, dense=False)
    except (IndexMissing, IndexMismatch):
        pass
    else:
        _same_corpus(index, settings)  # never refreshed from another folder: that would re-point the user's index
        if not listing_changed(index, settings):
            return index
        if on_refresh is not None and (gone := gone_since_indexing(settings.corpus, index.documents)):
            on_refresh(gone)
    build_index(settings, progress=progress)
    return load_index(settings.index_path, model=settings.model, dense=False)


def look_up_quote(
    settings: Settings,
    text: str,
    *,
    limit: int = 5,
    progress: Progress | None = None,
    on_refresh: Callable[[list[str]], None] | None = None,
) -> list[QuoteMatch]:
    """Returns where a quotation comes from, best first, from an index that is current: a file edited since
    indexing re-indexes the corpus first (`on_refresh` hears which files)."""
    return list(trace_quote(settings, text, limit=limit, progress=progress, on_refresh=on_refresh).matches)


def trace_quote(
    settings: Settings,
    text: str,
    *,
    limit: int = 5,
    progress: Progress | None = None,
    on_refresh: Callable[[list[str]], None] | None = None,
) -> QuoteTrace:
    """Returns `look_up_quote`'s matches with the sentences of the quotation that matched nowhere.

    Every indexed file is checked first, by its stat, not only the matched ones: the quotation may be text added
    to a file since indexing, which a stale index cannot find. `on_refresh` also hears of indexed files deleted or
    renamed, which re-index the corpus first.
    """
    index = load_search_index(settings, progress=progress, on_refresh=on_refresh)
    recorded = _recorded_stats(index)
    if changed := _changed_by_stat(settings.corpus, index, set(index.by_path) | set(recorded), recorded):
        if on_refresh is not None:
            on_refresh(changed)
        build_index(settings, progress=progress)
        index = load_search_index(settings, progress=progress)
    return trace_quotation(index, as_unicode(text), limit=limit)


def look_up_citation(settings: Settings, citation: str | CitationRef, *, context: int = CONTEXT_LINES) -> CitedText:
    """Returns the corpus text a citation points to, with context; no model is loaded.

    Paths leading outside the corpus are refused, and so are bare offsets into a file whose content changed since
    it was indexed; `CitedText.unchecked` says when lines were shown from such a file.
    """
    ref = parse_citation(citation) if isinstance(citation, str) else citation
    indexed = _citation_manifest(settings).get("files") or {}
    # Offsets alone are a claim about the indexed file, refused once it changed; a citation carrying its text is
    # checked against that text instead, and lines are shown as the file is now (`FILE:L21` may come from grep).
    checked_otherwise = ref.text is not None or not ref.by_chars
    refuse_deleted(settings.corpus, ref, indexed)
    doc = load_cited_document(settings.corpus, ref.file, None if checked_otherwise else indexed)
    cited = resolve(doc, ref, context=context)
    unchecked = ref.text is None and indexed.get(doc.path) not in (None, doc.sha256)
    return replace(cited, unchecked=True) if unchecked else cited


def _citation_manifest(settings: Settings) -> dict[str, Any]:
    """Returns the manifest of the index citations are checked against (empty when none is built there yet),
    refusing a given `--index` that holds other files or another corpus's index, as `qa quote` does: with it, a
    changed file would be shown without the check, and without a word."""
    manifest = read_manifest_at(settings.index_path)
    if settings.index_dir is None:
        return manifest or {}
    path = settings.index_path
    if manifest is None and path.exists() and not (path.is_dir() and next(path.iterdir(), None) is None):
        raise IndexPlaceRefused(
            f"--index {path}: is not a qa index; pass the index folder of {settings.corpus} (or none, for the default)"
        )
    if manifest is None:
        return {}  # a new or empty folder: nothing indexed to check against, as `qa quote` would index there
    recorded = manifest.get("corpus")
    _built_from_corpus(Path(recorded) if isinstance(recorded, str) else None, settings)
    return manifest


def load_bot(settings: Settings, *, encoder: Any | None = None) -> Bot:
    """Loads the index of `settings` and an encoder for questions."""
    index = load_index(settings.index_path, model=settings.model)
    return Bot(index=index, encoder=encoder or load_query_encoder(settings, index), settings=settings)


def ensure_bot(
    settings: Settings,
    *,
    progress: Progress | None = None,
    encoder_factory: Callable[[], Any] | None = None,
    refresh: bool = False,
) -> tuple[Bot, IndexReport | None]:
    """Loads the bot, indexing the corpus first when there is no index or it is out of date. A damaged index is
    reported (IndexCorrupt, saying to run `qa index`), not silently rebuilt: the user learns their disk lost data.

    An index built by an older qa (other chunking, tokenisation or question encoder) is brought up to date first,
    since its answers would differ from a fresh one's. `refresh` also re-reads every file and re-embeds the changed
    ones: worth it for an evaluation or a chat session, too slow for each `qa ask`.
    """
    encoders: list[Any] = []

    def encoder() -> Any:
        """Loads the encoder once, whether indexing or answering needs it first."""
        if not encoders:
            encoders.append(encoder_factory() if encoder_factory else load_encoder(settings))
        return encoders[0]

    report = None
    try:
        index = load_index(settings.index_path, model=settings.model)
    except (IndexMissing, IndexMismatch) as exc:
        manifest = read_manifest_at(settings.index_path)
        if isinstance(exc, IndexMismatch) and manifest and manifest.get("model", {}).get("name") != settings.model:
            raise  # another model's index is the user's to replace, with `qa index`, never silently
        report = locked_index_corpus(settings, make_encoder=encoder, progress=progress)
        index = load_index(settings.index_path, model=settings.model)
    else:
        _same_corpus(index, settings)
        if refresh or not built_current(index, settings) or listing_changed(index, settings):
            report = locked_index_corpus(settings, make_encoder=encoder, progress=progress)
            if report.written:
                index = load_index(settings.index_path, model=settings.model)
    if encoder_factory:
        return Bot(index=index, encoder=encoder(), settings=settings), report
    # Even right after indexing, questions go to the ONNX export: loading it takes a fraction of a second, and each
    # question is then several times faster than through torch.
    return Bot(index=index, encoder=load_query_encoder(settings, index), settings=settings), report
