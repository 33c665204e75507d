"""Answer extraction without generation: the best verbatim sentence, its short span, or an abstention."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.citations import cite
from qa.model import Answer, Document, Passage, Reply
from qa.spans import find_span

# Weights of the sentence score; set once on the dev sets (bench/calibrate.py), never per question.
W_DENSE, W_COVERAGE, W_PASSAGE = 0.5, 0.35, 0.15
ALTERNATIVE_MARGIN = 0.1
"""Other sentences are offered as answers only when they score nearly as well as the best one."""


@dataclass(frozen=True, slots=True)
class SentenceEvidence:
    """A sentence of a retrieved passage, with its similarity to the question."""

    document: Document
    start: int
    end: int
    dense: float
    """Cosine between question and sentence embeddings."""
    passage: Passage
    """The passage the sentence was found in."""

    @property
    def text(self) -> str:
        """Returns the sentence text, straight from the document."""
        return self.document.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Scored:
    """A sentence with its answer score and the features behind it."""

    evidence: SentenceEvidence
    score: float
    coverage: float


def coverage(question_tokens: Sequence[str], text_tokens: set[str], idf: Callable[[str], float]) -> float:
    """Returns the idf-weighted share of the question's terms that occur in a text, 0..1."""
    terms = set(question_tokens)
    total = sum(idf(t) for t in terms)
    return sum(idf(t) for t in terms if t in text_tokens) / total if total else 0.0


def score_sentences(
    evidence: Sequence[SentenceEvidence],
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    tokenize: Callable[[str, str], list[str]],
) -> list[Scored]:
    """Scores each sentence by meaning (dense), shared rare words (coverage) and its passage's rank."""
    scored = []
    for ev in evidence:
        cov = coverage(question_tokens, set(tokenize(ev.text, ev.document.language)), idf)
        score = W_DENSE * ev.dense + W_COVERAGE * cov + W_PASSAGE * ev.passage.score
        scored.append(Scored(ev, score, cov))
    scored.sort(key=lambda s: (-s.score, s.evidence.document.path, s.evidence.start))
    return scored


def confidence(best: Scored, passage_coverage: float) -> float:
    """Maps the best sentence's evidence to 0..1; a question whose rare words the passage lacks scores low."""
    z = 6.0 * (0.5 * best.evidence.dense + 0.25 * best.coverage + 0.25 * passage_coverage - 0.45)
    return 1.0 / (1.0 + math.exp(-z))


def make_answer(question: str, scored: Scored) -> Answer:
    """Returns the answer for one sentence: its citation, and the short span inside it when one is found."""
    ev = scored.evidence
    citation = cite(ev.document, ev.start, ev.end)
    span = find_span(question, citation.quote)
    span_citation = cite(ev.document, ev.start + span[0], ev.start + span[1]) if span else None
    return Answer(
        text=citation.quote,
        score=round(max(0.0, min(1.0, scored.score)), 4),
        citation=citation,
        span=span_citation.quote if span_citation else None,
        span_citation=span_citation,
    )


def extract_answer(
    question: str,
    passages: Sequence[Passage],
    evidence: Sequence[SentenceEvidence],
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    tokenize: Callable[[str, str], list[str]],
    abstain_below: float,
    max_answers: int,
) -> Reply:
    """Picks the best sentences as answers, or abstains when the evidence is too weak."""
    if not evidence:
        return Reply(question, (), tuple(passages), 0.0, "Not found in the documents.")
    scored = score_sentences(evidence, question_tokens, idf=idf, tokenize=tokenize)
    best = scored[0]
    top_passage = best.evidence.passage
    passage_cov = coverage(question_tokens, set(tokenize(top_passage.chunk.text, best.evidence.document.language)), idf)
    conf = round(confidence(best, passage_cov), 4)
    if conf < abstain_below:
        return Reply(question, (), tuple(passages), conf, "Not found in the documents: the closest passages are shown.")
    answers: list[Answer] = []
    seen: set[tuple[str, int]] = set()
    for s in scored:
        key = (s.evidence.document.path, s.evidence.start)
        if key in seen or (answers and s.score < best.score - ALTERNATIVE_MARGIN):
            continue
        seen.add(key)
        answers.append(make_answer(question, s))
        if len(answers) >= max_answers:
            break
    return Reply(question, tuple(answers), tuple(passages), conf)
