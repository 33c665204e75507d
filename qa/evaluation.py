"""Scoring a question set: the metrics of `../shared/eval/README.md`, with SQuAD's normalisation."""

from __future__ import annotations

import json
import re
import string
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.citations import citation_json
from qa.errors import QAError
from qa.model import Answer, Reply

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_ASCII_PUNCT = frozenset(string.punctuation)


def _punctuation(c: str) -> bool:
    """SQuAD's ASCII punctuation, and Unicode's (curly quotes, guillemets, dashes), which French text uses."""
    return c in _ASCII_PUNCT or unicodedata.category(c).startswith("P")


@dataclass(frozen=True, slots=True)
class Example:
    """One line of a question file."""

    id: str | int
    """As the file gives it, so `--out` lines join back to it; `line N` when it gives none."""
    question: str
    answers: tuple[str, ...]
    """Acceptable answers; empty when the right response is to abstain."""
    sources: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        """True when the corpus answers the question."""
        return bool(self.answers)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the bot did on one example."""

    example: Example
    reply: Reply
    latency_ms: float
    scores: dict[str, float] = field(default_factory=dict)


def normalize_answer(text: str, *, punctuation: str = "") -> str:
    """Removes accents, case, punctuation, articles and extra white space, as the eval README defines.

    Punctuation is removed, not replaced by a space, as in SQuAD: `People's` is `peoples`, so a span cut at the
    apostrophe (`People`) is not scored as one word of it. `punctuation=" "` reads it as a space instead, for
    finding an answer inside a text on word boundaries (`contains`).
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = "".join(punctuation if _punctuation(c) else c for c in text)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def exact_match(prediction: str, gold: str) -> float:
    """Returns 1.0 when both normalise to the same text."""
    return float(normalize_answer(prediction) == normalize_answer(gold))


def f1(prediction: str, gold: str) -> float:
    """Returns SQuAD token F1 between a prediction and a gold answer."""
    p, g = normalize_answer(prediction).split(), normalize_answer(gold).split()
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if not p or not g:
        return float(p == g)
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def contains(text: str, gold: str) -> bool:
    """Tells whether a normalised gold answer occurs in a normalised text as whole words.

    Whole words, or `17` is found in `1794`; and with punctuation read as a space, or `Kars` is no word of
    `Kars-Ardahan` (`karsardahan`) nor `Alger` of `d'Alger`, once punctuation is removed."""
    g = normalize_answer(gold, punctuation=" ")
    return bool(g) and f" {g} " in f" {normalize_answer(text, punctuation=' ')} "


def max_over_ground_truths(metric: Callable[[str, str], float], prediction: str, golds: Iterable[str]) -> float:
    """Returns the best score of a prediction over all gold answers."""
    return max((metric(prediction, g) for g in golds), default=0.0)


def shown_span(answer: Answer) -> str:
    """Returns the shortest answer text the bot shows: the span when there is one, else the sentence."""
    return answer.span if answer.span else answer.text


def read_examples(path: Path) -> tuple[list[Example], list[str]]:
    """Reads a question file; bad lines are reported by number and the rest still read."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark (Notepad's UTF-8) is not part of line 1
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise QAError(f"{path}:{line}: the question file is not UTF-8; convert it (e.g. with iconv)") from exc
    except OSError as exc:
        raise QAError(f"{path}: cannot read the question file ({exc.strerror or exc.__class__.__name__})") from exc
    return parse_examples(text, str(path))


def parse_examples(text: str, name: str) -> tuple[list[Example], list[str]]:
    """Parses question-file text (`name` is how bad lines are reported: a path, or `stdin`)."""
    examples: list[Example] = []
    problems: list[str] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            if not isinstance(r, dict):
                raise ValueError("not a JSON object")
            missing = [k for k in ("question", "answers") if k not in r]
            if missing:
                raise ValueError(f"missing {', '.join(missing)}")
            if not isinstance(r["question"], str) or not isinstance(r["answers"], list):
                raise ValueError("question must be a string and answers a list")
            if not r["question"].strip():
                raise ValueError("the question is empty")
            if not all(isinstance(a, str) and a.strip() for a in r["answers"]):
                raise ValueError("answers must be non-empty strings")
            sources = r.get("sources", [])
            if not isinstance(sources, list) or not all(isinstance(x, str) and x for x in sources):
                raise ValueError('sources must be a list of file names, e.g. ["a.txt"]')
            given = r.get("id")
            if given is not None and (isinstance(given, bool) or not isinstance(given, str | int)):
                raise ValueError("id must be a string or a whole number")
            examples.append(
                Example(
                    id=given if given not in (None, "") else f"line {number}",  # null or "": no id given
                    question=r["question"],
                    answers=tuple(str(a) for a in r["answers"]),
                    sources=tuple(sources),
                )
            )
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
        except ValueError as exc:
            problems.append(f"{name}:{number}: {exc}")
    return examples, problems


def example_warnings(examples: Sequence[Example], indexed: Callable[[str], bool]) -> list[str]:
    """Returns what is odd but still scorable in a question file: repeated ids (their lines in `--out` cannot be
    told apart) and sources the corpus does not hold (source@1 can never count them)."""
    counts = Counter(ex.id for ex in examples)
    warnings = [f"id {i!r} is used by {n} questions" for i, n in counts.items() if n > 1]
    for ex in examples:
        warnings += [f"id {ex.id!r}: source {src!r} is not in the corpus" for src in ex.sources if not indexed(src)]
    return warnings


def score_outcome(example: Example, reply: Reply, *, verbatim: Callable[[Answer], bool]) -> dict[str, float]:
    """Returns the per-question scores that the summary averages."""
    top = reply.answers[0] if reply.answers else None
    golds = example.answers
    passages = reply.passages[:5]
    scores: dict[str, float] = {"abstained": float(reply.abstained)}
    if example.answerable:
        scores["answer_hit@1"] = float(top is not None and any(contains(top.text, g) for g in golds))
        shown = shown_span(top) if top else ""
        scores["span_em"] = max_over_ground_truths(exact_match, shown, golds) if top else 0.0
        scores["span_f1"] = max_over_ground_truths(f1, shown, golds) if top else 0.0
        if example.sources:  # a question naming no source file cannot say whether the right one was cited
            scores["source@1"] = float(top is not None and top.citation.file in example.sources)
        scores["recall@5"] = float(any(contains(p.chunk.text, g) for p in passages for g in golds))
    checks = [verbatim(a) for a in reply.answers]
    scores["verbatim_ok"] = float(sum(checks))
    scores["verbatim_n"] = float(len(checks))
    return scores


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    i = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[i]


METRICS = (
    "questions",
    "answerable",
    "answer_hit@1",
    "span_em",
    "span_f1",
    "source@1",
    "recall@5",
    "abstain_precision",
    "abstain_recall",
    "false_abstain",
    "verbatim",
    "latency_p50_ms",
    "latency_p95_ms",
)
"""The names `qa eval` reports, in its order: those of shared/eval/README.md, after two counts."""


def summarize(outcomes: Sequence[Outcome]) -> dict[str, float | None]:
    """Averages per-question scores into the README's metrics; a metric with nothing to count is None (no
    answerable question has no hit rate; 1.0 or 0.0 there would pass or fail a `--min` bound for nothing)."""
    answerable = [o for o in outcomes if o.example.answerable]
    unanswerable = [o for o in outcomes if not o.example.answerable]
    abstained = [o for o in outcomes if o.reply.abstained]

    def mean(name: str, group: Sequence[Outcome]) -> float | None:
        return sum(o.scores[name] for o in group) / len(group) if group else None

    verbatim_n = sum(o.scores["verbatim_n"] for o in outcomes)
    latencies = [o.latency_ms for o in outcomes]
    metrics: dict[str, float | None] = {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "answer_hit@1": mean("answer_hit@1", answerable),
        "span_em": mean("span_em", answerable),
        "span_f1": mean("span_f1", answerable),
        "source@1": mean("source@1", [o for o in answerable if "source@1" in o.scores]),
        "recall@5": mean("recall@5", answerable),
        "abstain_precision": sum(1 for o in abstained if not o.example.answerable) / len(abstained)
        if abstained
        else None,
        "abstain_recall": mean("abstained", unanswerable),
        "false_abstain": mean("abstained", answerable),
        "verbatim": sum(o.scores["verbatim_ok"] for o in outcomes) / verbatim_n if verbatim_n else None,
        "latency_p50_ms": _percentile(latencies, 0.5),
        "latency_p95_ms": _percentile(latencies, 0.95),
    }
    assert tuple(metrics) == METRICS
    return metrics


def rounded(metrics: dict[str, float | None]) -> dict[str, float | None]:
    """Returns the metrics as shown (4 decimals, latencies 2). Only for showing: `--min` bounds are checked on
    the exact values, or 16/17 = 0.941176 would meet a bound of 0.941177."""
    return {
        name: None if value is None else round(value, 2 if name.startswith("latency") else 4)
        for name, value in metrics.items()
    }


def evaluate(
    examples: Sequence[Example],
    predict: Callable[[str], Reply],
    *,
    verbatim: Callable[[Answer], bool],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> tuple[dict[str, float | None], list[Outcome]]:
    """Asks every question through `predict` and returns the summary metrics and per-question outcomes."""
    outcomes = []
    for example in examples:
        started = time.perf_counter()
        reply = predict(example.question)
        latency = (time.perf_counter() - started) * 1000
        outcome = Outcome(example, reply, latency, score_outcome(example, reply, verbatim=verbatim))
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summarize(outcomes), outcomes


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """Returns one line of `--out`: enough for a person to read a miss."""
    reply = outcome.reply
    top = reply.answers[0] if reply.answers else None
    return {
        "id": outcome.example.id,
        "question": outcome.example.question,
        "gold": list(outcome.example.answers),
        "sources": list(outcome.example.sources),
        "abstained": reply.abstained,
        "confidence": reply.confidence,
        "prediction": top.text if top else None,
        "span": top.span if top else None,
        "citation": citation_json(top.citation if top else None),
        "span_citation": citation_json(top.span_citation if top else None),
        "hit": bool(outcome.scores.get("answer_hit@1", 0.0)) if outcome.example.answerable else reply.abstained,
        "scores": {k: v for k, v in outcome.scores.items() if not k.startswith("verbatim")},
        "latency_ms": round(outcome.latency_ms, 2),
    }
