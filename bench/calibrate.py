"""Fits the answer-scoring and abstention weights on the dev sets and prints how well they generalise.

Usage: python bench/calibrate.py [--sets seeds xquad-en-dev piaf-fr-dev] [--score-only SET ...] [--write]

`seeds-extra` (bench/eval) can be named too, but is not fitted on by default: its nine unanswerable questions ask
for a detail the articles leave out, every other word present, and fitting abstention to them raised
false_abstain on every set (seeds-extra itself 0.056 -> 0.111) without abstaining on more of them.

`--score-only` sets are shown in every table without being fitted on: `xquad-en-dev-masked` and
`piaf-fr-dev-masked` (bench/masked.py) measure abstention on near-topic unanswerable questions.

Each set's questions are split by source article into two halves; the weights are fitted on one half and scored
on the other (and the other way round), so a rule that only memorises questions shows up as a drop. With
`--write` the weights fitted on all the data are written to qa/answer_weights.py.
Prints: sentence-choice hit@1 per half, a table of abstention threshold vs abstain_recall / false_abstain (in
sample), and abstain_recall / false_abstain per half at the default threshold with the confidence model fitted on
the other half.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.common import eval_set, split_half, write_weights_module  # noqa: E402
from qa import Settings  # noqa: E402
from qa.answering import (  # noqa: E402
    CONFIDENCE_FEATURES,
    SENTENCE_FEATURES,
    confidence_features,
    score_sentences,
)
from qa.api import ensure_bot  # noqa: E402
from qa.evaluation import contains, read_examples  # noqa: E402
from qa.language import detect_language  # noqa: E402
from qa.lexical import tokenize  # noqa: E402

WEIGHTS_FILE = REPO / "qa" / "answer_weights.py"


def corpus_of(name: str) -> Path:
    return eval_set(name)[1]


def collect(name: str) -> list[dict]:
    """Returns per-question records: candidate features, labels, and the question's split half."""
    settings = Settings(corpus=corpus_of(name), quiet=True, abstain_below=0.0)
    bot, _ = ensure_bot(settings)
    examples, _ = read_examples(eval_set(name)[0])
    records = []
    for ex in examples:
        passages, evidence, tokens = bot.gather(ex.question)
        scored = score_sentences(ex.question, evidence, tokens, idf=bot.index.lexical.idf, tokenize=tokenize)
        feats = np.array([s.features for s in scored]) if scored else np.zeros((0, len(SENTENCE_FEATURES)))
        labels = np.array([any(contains(s.evidence.text, g) for g in ex.answers) for s in scored], dtype=bool)
        records.append(
            {
                "set": name,
                "question": ex.question,
                "answerable": ex.answerable,
                "features": feats,
                "labels": labels,
                "half": split_half(name, str(ex.id), ex.sources),
                "passages": passages,
                "scored": scored,
                "tokens": tokens,
                "bot": bot,
            }
        )
    return records


def fit_logistic(
    x: np.ndarray, y: np.ndarray, *, weights: np.ndarray | None = None, l2: float = 1.0
) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression  # bench-only dependency (comes with sentence-transformers)

    model = LogisticRegression(C=1.0 / l2, max_iter=2000, class_weight="balanced")
    model.fit(x, y, sample_weight=weights)
    return model.coef_[0], float(model.intercept_[0])


def fit_sentence_model(records: list[dict], l2: float) -> tuple[np.ndarray, float]:
    """Returns sentence weights and bias: a conditional logistic model ranks each question's sentences (it
    learns to put a right one first, which is how the weights are used), then a one-feature logistic fit over its
    scores (Platt scaling, balanced classes as before) turns a score into the probability the neighbour rule and
    the confidence model read. On held-out halves the ranking objective beat plain per-sentence logistic
    regression by about a point on XQuAD and PIAF."""
    from scipy.optimize import minimize  # bench-only: comes with sentence-transformers

    rows = [r for r in records if r["answerable"] and len(r["labels"]) and r["labels"].any()]
    targets = [r["labels"] / r["labels"].sum() for r in rows]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for r, target in zip(rows, targets, strict=True):
            z = r["features"] @ w
            z = z - z.max()
            p = np.exp(z)
            log_norm = np.log(p.sum())
            p /= p.sum()
            total -= target @ (z - log_norm)
            grad = grad + r["features"].T @ (p - target)
        return total / len(rows), grad / len(rows)

    w = minimize(loss, np.zeros(rows[0]["features"].shape[1]), jac=True, method="L-BFGS-B").x
    scores = np.concatenate([r["features"] @ w for r in rows]).reshape(-1, 1)
    scale, bias = fit_logistic(scores, np.concatenate([r["labels"] for r in rows]))
    return w * scale[0], bias


def sentence_hit(records: list[dict], w: np.ndarray, b: float) -> float:
    hits = [r["labels"][int(np.argmax(r["features"] @ w + b))] for r in records if r["answerable"] and len(r["labels"])]
    n = sum(1 for r in records if r["answerable"])
    return sum(hits) / n if n else 0.0


def confidence_rows(records: list[dict], w: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Returns confidence features of the best sentence under (w, b), and whether the question is answerable.

    The target is answerability alone: abstaining on an answerable question counts as a false abstention even
    when the best sentence is wrong, so the model learns to tell a question the corpus covers from one it does not.
    """
    from qa.answering import Scored

    xs, ys = [], []
    for r in records:
        if not len(r["labels"]):
            continue
        z = r["features"] @ w + b
        i = int(np.argmax(z))
        s = r["scored"][i]
        best = Scored(s.evidence, float(1 / (1 + np.exp(-z[i]))), s.features)
        bot = r["bot"]
        xs.append(
            confidence_features(
                r["question"],
                best,
                r["passages"],
                r["tokens"],
                idf=bot.index.lexical.idf,
                known=bot.index.lexical.known,
                tokenize=tokenize,
                language=detect_language(r["question"]),
            )
        )
        ys.append(r["answerable"])
    return np.array(xs), np.array(ys)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="+", default=["seeds", "xquad-en-dev", "piaf-fr-dev"])
    parser.add_argument("--score-only", nargs="*", default=[], help="sets shown in the tables, not fitted on")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--l2", type=float, default=0.1, help="L2 penalty of the sentence ranking model")
    args = parser.parse_args()
    names = args.sets + [s for s in args.score_only if s not in args.sets]
    records = [r for name in names for r in collect(name)]
    fitted = [r for r in records if r["set"] in args.sets]

    print("sentence choice (hit@1 among answerable):")
    print(f"{'train':>8} {'test':>8} " + " ".join(f"{s:>14}" for s in names))
    for train_half in (0, 1):
        w, b = fit_sentence_model([r for r in fitted if r["half"] == train_half], args.l2)
        cols = [sentence_hit([r for r in records if r["set"] == s and r["half"] != train_half], w, b) for s in names]
        print(f"{train_half:>8} {1 - train_half:>8} " + " ".join(f"{c:>14.3f}" for c in cols))
    w, b = fit_sentence_model(fitted, args.l2)
    print(
        "all-data fit, in-sample:",
        " ".join(f"{s}={sentence_hit([r for r in records if r['set'] == s], w, b):.3f}" for s in names),
    )

    xc, yc = confidence_rows(records, w, b)
    kept = [r for r in records if len(r["labels"])]
    fit_rows = np.array([r["set"] in args.sets for r in kept])
    cw, cb = fit_logistic(xc[fit_rows], yc[fit_rows])
    conf = 1 / (1 + np.exp(-(xc @ cw + cb)))
    answerable = np.array([r["answerable"] for r in kept])
    sets = np.array([r["set"] for r in kept])
    print("\nabstention threshold table: abstain_recall / false_abstain, all sets pooled then each set")
    print(f"{'threshold':>9} {'all':>13} " + " ".join(f"{s:>16}" for s in names))
    for t in np.arange(0.1, 0.91, 0.05):
        abst = conf < t
        cells = []
        for mask in [fit_rows] + [sets == s for s in names]:
            u, a = mask & ~answerable, mask & answerable
            cells.append(f"{abst[u].mean() if u.any() else 0:.2f} / {abst[a].mean() if a.any() else 0:.3f}")
        print(f"{t:>9.2f} {cells[0]:>13} " + " ".join(f"{c:>16}" for c in cells[1:]))
    threshold = Settings.abstain_below
    print(f"\nheld-out abstention at threshold {threshold}: confidence fitted on one half, scored on the other")
    print(f"{'train':>8} {'test':>8} " + " ".join(f"{s:>16}" for s in names))
    half = np.array([r["half"] for r in kept])
    for train_half in (0, 1):
        hw, hb = fit_logistic(xc[fit_rows & (half == train_half)], yc[fit_rows & (half == train_half)])
        held = 1 / (1 + np.exp(-(xc @ hw + hb))) < threshold
        cells = []
        for s in names:
            u, a = (sets == s) & (half != train_half) & ~answerable, (sets == s) & (half != train_half) & answerable
            cells.append(f"{held[u].mean() if u.any() else 0:.2f} / {held[a].mean() if a.any() else 0:.3f}")
        print(f"{train_half:>8} {1 - train_half:>8} " + " ".join(f"{c:>16}" for c in cells))
    if args.write:
        write_weights(w, b, cw, cb)
        print(f"\nwrote {WEIGHTS_FILE.relative_to(REPO)}")


def write_weights(w: np.ndarray, b: float, cw: np.ndarray, cb: float) -> None:
    """Rewrites qa/answer_weights.py with the weights fitted on all the data."""
    write_weights_module(
        WEIGHTS_FILE,
        "Weights of the answer models in `qa.answering`, in feature order. Written by `bench/calibrate.py --write`.",
        [("SENTENCE_WEIGHTS", w, SENTENCE_FEATURES), ("CONFIDENCE_WEIGHTS", cw, CONFIDENCE_FEATURES)],
        {"SENTENCE_BIAS": b, "CONFIDENCE_BIAS": cb},
    )


if __name__ == "__main__":
    main()
