"""Fits the span rankers of qa/spans.py on the dev sets and prints how well they generalise to unseen articles.

Usage: python bench/fit_spans.py [--sets seeds seeds-extra xquad-en-dev piaf-fr-dev] [--l2 1.0] [--write both|french]

For every answerable question whose best sentence (as `qa ask` picks it) holds a gold answer, each candidate
span gets its features and its SQuAD F1 against the gold answers. A conditional logistic model learns to put
the best-F1 candidates first. Questions are split by source article into two halves; the model is fitted on one
and scored on the other, next to the fixed rules it replaces (the `rule_pick` feature alone).

French sentences also get clause candidates and their own ranker, fitted on every set as French sentences see
them (English ones are the same either way); the general ranker is fitted with French sentences seen as English
ones (no clauses). With `--write both` the weights of both, fitted on all the data, are written to
qa/span_weights.py; `--write french` keeps the general ones.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.common import eval_set, split_half, write_weights_module  # noqa: E402
from qa import Settings  # noqa: E402
from qa.answering import score_sentences  # noqa: E402
from qa.api import ensure_bot  # noqa: E402
from qa.evaluation import contains, f1, read_examples  # noqa: E402
from qa.lexical import tokenize  # noqa: E402
from qa.spans import SPAN_FEATURES, span_features  # noqa: E402

WEIGHTS_FILE = REPO / "qa" / "span_weights.py"


@dataclass(frozen=True)
class Case:
    """One question's candidates: features, F1 of each against the gold answers, and the article half."""

    set: str
    half: int
    french: bool
    features: np.ndarray
    f1: np.ndarray


def collect(name: str, as_english: bool) -> list[Case]:
    """Returns a case per answerable question whose best sentence holds a gold answer; with `as_english`,
    French sentences get the candidates English ones get (no clauses), as the general ranker sees them."""
    qa_file, corpus = eval_set(name)
    bot, _ = ensure_bot(Settings(corpus=corpus, quiet=True, abstain_below=0.0))
    examples, _ = read_examples(qa_file)
    cases = []
    for ex in examples:
        if not ex.answerable:
            continue
        _, evidence, tokens = bot.gather(ex.question)
        scored = score_sentences(ex.question, evidence, tokens, idf=bot.index.lexical.idf, tokenize=tokenize)
        sentence = scored[0].evidence.text if scored else ""
        language = scored[0].evidence.document.language if scored else "en"
        if not any(contains(sentence, g) for g in ex.answers):
            continue
        spans, features = span_features(ex.question, sentence, "en" if as_english else language)
        if not spans:
            continue
        scores = np.array([max(f1(sentence[a:b], g) for g in ex.answers) for a, b in spans])
        half = split_half(name, str(ex.id), ex.sources)
        cases.append(Case(name, half, language == "fr", features, scores))
    return cases


def fit(cases: list[Case], l2: float) -> np.ndarray:
    """Returns weights maximising the likelihood of the best-F1 candidates under a softmax over each question's
    candidates, with an L2 penalty."""
    from scipy.optimize import minimize  # bench-only: comes with sentence-transformers

    rows = [(c.features, (c.f1 == c.f1.max()) / (c.f1 == c.f1.max()).sum()) for c in cases if c.f1.max() > 0]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for x, target in rows:
            z = x @ w
            z = z - z.max()
            p = np.exp(z)
            log_norm = np.log(p.sum())
            p /= p.sum()
            total -= target @ (z - log_norm)
            grad = grad + x.T @ (p - target)
        return total / len(rows), grad / len(rows)

    return minimize(loss, np.zeros(len(SPAN_FEATURES)), jac=True, method="L-BFGS-B").x


def mean_f1(cases: list[Case], w: np.ndarray) -> float:
    """Returns the mean F1 of the top-ranked candidate."""
    return float(np.mean([c.f1[int(np.argmax(c.features @ w))] for c in cases])) if cases else 0.0


def write_weights(general: np.ndarray, french: np.ndarray) -> None:
    """Rewrites qa/span_weights.py with the weights fitted on all the data."""
    write_weights_module(
        WEIGHTS_FILE,
        "Weights of the span rankers in `qa.spans`, in `SPAN_FEATURES` order: the general one, and the one for\n"
        "French sentences, which also get clause candidates. Written by `bench/fit_spans.py --write`.",
        [("SPAN_WEIGHTS", general, SPAN_FEATURES), ("FRENCH_SPAN_WEIGHTS", french, SPAN_FEATURES)],
        {},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", default=["seeds", "seeds-extra", "xquad-en-dev", "piaf-fr-dev"])
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument(
        "--write",
        choices=["both", "french"],
        help="write the weights fitted on all the data: both rankers, or the French one only (the general one kept)",
    )
    args = parser.parse_args()
    general = [c for name in args.sets for c in collect(name, as_english=True)]
    own = [c for name in args.sets for c in collect(name, as_english=False)]
    rules = np.zeros(len(SPAN_FEATURES))
    rules[SPAN_FEATURES.index("rule_pick")] = 1.0
    print(f"span F1 on the best sentence when it holds a gold answer ({len(own)} questions); oracle = best candidate")
    print("general: one ranker for all; ranker: French sentences get clause candidates and their own ranker")
    print(f"{'train':>5} {'test':>4} {'set':>14} {'n':>4} {'rules':>6} {'general':>7} {'ranker':>6} {'oracle':>6}")
    for train in (0, 1):
        w = fit([c for c in general if c.half == train], args.l2)
        w_french = fit([c for c in own if c.half == train], args.l2)
        for name in args.sets:
            test = [c for c in own if c.set == name and c.half != train]
            plain = [c for c in general if c.set == name and c.half != train]
            shown = [mean_f1([c], w_french if c.french else w) for c in test]
            oracle = float(np.mean([c.f1.max() for c in test])) if test else 0.0
            print(
                f"{train:>5} {1 - train:>4} {name:>14} {len(test):>4} {mean_f1(plain, rules):>6.3f} "
                f"{mean_f1(plain, w):>7.3f} {float(np.mean(shown)) if shown else 0.0:>6.3f} {oracle:>6.3f}"
            )
    if args.write:
        from qa.span_weights import SPAN_WEIGHTS

        write_weights(fit(general, args.l2) if args.write == "both" else SPAN_WEIGHTS, fit(own, args.l2))
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
