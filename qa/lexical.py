"""Language-aware BM25: folded, stemmed tokens without stop words, scored by bm25s."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from qa.language import stopwords
from qa.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)

_STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
}


@cache
def _stemmer(language: str) -> Any:
    import Stemmer  # deferred: PyStemmer is only needed once text is tokenised

    return Stemmer.Stemmer(_STEMMERS.get(language, "english"))


def tokenize(text: str, language: str = "en") -> list[str]:
    """Returns the stems of the content words of `text`, accents and case folded.

    Words are stemmed before accents are folded: the French stemmer relies on them (`signé`, `signée`).
    """
    return list(_tokenize(text, language))


@lru_cache(maxsize=4096)
def _tokenize(text: str, language: str) -> tuple[str, ...]:
    """Cached: answering tokenises the same passages and sentences several times per question."""
    drop = stopwords(language)
    kept = [w for w in _WORD.findall(text.lower()) if fold(w) not in drop]
    return tuple(fold(stem) for stem in _stemmer(language).stemWords(kept)) if kept else ()


PREFIX_CHARS = 4
"""Shortest shared beginning that counts two stems as forms of one word (`etud`/`etudi`); three letters join
unrelated words (`art`/`artisan`)."""


def starts_alike(a: str, b: str, *, min_chars: int = PREFIX_CHARS) -> bool:
    """Tells whether two stems are forms of one word: one begins the other, and both have `min_chars` letters."""
    return len(a) >= min_chars and len(b) >= min_chars and (a.startswith(b) or b.startswith(a))


def form_test(words: AbstractSet[str], *, min_chars: int = PREFIX_CHARS) -> Callable[[str], bool]:
    """Returns a test of whether a token is in `words` or `starts_alike` one of them, in set look-ups rather than a
    scan of `words` per token: answer scoring asks it of every question term against every candidate sentence."""
    long_words = {w for w in words if len(w) >= min_chars}
    ordered = sorted(long_words)  # the words a token begins, if any, start where it would be inserted

    def test(token: str) -> bool:
        if token in words:
            return True
        if len(token) < min_chars:
            return False
        i = bisect_left(ordered, token)
        if i < len(ordered) and ordered[i].startswith(token):
            return True
        return any(token[:k] in long_words for k in range(min_chars, len(token)))

    return test


@dataclass(frozen=True)
class LexicalIndex:
    """A BM25 model over chunks plus its vocabulary, so questions map to the same term ids."""

    bm25: Any
    """The fitted `bm25s.BM25` while indexing; a `SparseBM25` read from disk when answering."""
    vocab: dict[str, int]
    """Stem -> term id."""
    doc_freq: np.ndarray
    """Number of chunks holding each term id, for idf weights in answer scoring."""
    n_docs: int
    """Number of chunks indexed."""

    def term_ids(self, tokens: Iterable[str]) -> list[int]:
        """Returns the ids of the known tokens, each once, in first-seen order."""
        seen: dict[int, None] = {}
        for t in tokens:
            i = self.vocab.get(t)
            if i is not None:
                seen.setdefault(i, None)
        return list(seen)

    def known(self, token: str) -> bool:
        """Tells whether any chunk contains the token."""
        return token in self.vocab

    def knows_a_form_of(self, token: str, *, min_chars: int = PREFIX_CHARS) -> bool:
        """Tells whether any chunk holds the token or a word that starts like it (one a prefix of the other, at
        least `min_chars` letters): `signataire` is there when the text says `signé`. Scans the vocabulary, so
        it is for the rare question that needs it, not for every term."""
        return token in self.vocab or any(starts_alike(token, w, min_chars=min_chars) for w in self.vocab)

    def idf(self, token: str) -> float:
        """Returns a smoothed inverse document frequency; unseen tokens count as rare."""
        i = self.vocab.get(token)
        df = float(self.doc_freq[i]) if i is not None else 0.0
        return float(np.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5)))

    def search(self, tokens: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """Returns (chunk ids, BM25 scores) of the best `k` chunks with a positive score, best first."""
        ids = self.term_ids(tokens)
        if not ids or self.n_docs == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores = np.asarray(self.bm25.get_scores(ids), dtype=np.float32)
        k = min(k, scores.shape[0])
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return top.astype(np.int64), scores[top]


class SparseBM25:
    """BM25 scores read straight from the CSC matrix bm25s saves: querying then needs numpy, not bm25s or scipy."""

    def __init__(self, *, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n_docs: int) -> None:
        self.data = data
        self.indices = indices
        self.indptr = indptr
        self.n_docs = n_docs

    @classmethod
    def load(cls, folder: Path) -> SparseBM25:
        """Reads the matrix of a folder written by `bm25s.BM25.save` (lucene scoring: no per-document shift)."""
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") not in ("lucene", "robertson", "atire"):
            raise ValueError(f"BM25 variant {params.get('method')!r} needs bm25s to score")
        return cls(
            data=np.load(folder / "data.csc.index.npy"),
            indices=np.load(folder / "indices.csc.index.npy"),
            indptr=np.load(folder / "indptr.csc.index.npy"),
            n_docs=int(params["num_docs"]),
        )

    def get_scores(self, term_ids: Sequence[int]) -> np.ndarray:
        """Returns the BM25 score of every document for the query terms (summed per occurrence, as bm25s does)."""
        scores = np.zeros(self.n_docs, dtype=np.float32)
        for t in term_ids:
            start, end = int(self.indptr[t]), int(self.indptr[t + 1])
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores


def build_lexical_index(token_lists: Sequence[Sequence[str]]) -> LexicalIndex:
    """Fits BM25 on one token list per chunk."""
    import bm25s  # deferred: heavy import, needed only with an index in hand
    from bm25s.tokenization import Tokenized

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in tokens] for tokens in token_lists]
    # bm25s drops empty documents from its matrix unless they hold a token; an id no query can produce keeps
    # chunk ids aligned.
    empty_id = vocab.setdefault("", len(vocab))
    ids = [row or [empty_id] for row in ids]
    bm25 = bm25s.BM25()
    bm25.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)
    doc_freq = np.zeros(len(vocab), dtype=np.int32)
    for row in ids:
        doc_freq[list(set(row))] += 1
    return LexicalIndex(bm25=bm25, vocab=vocab, doc_freq=doc_freq, n_docs=len(ids))
