"""Chooses the multilingual (USE) ranking's fusion weight and question rule from `qa eval` metrics, whole pipeline.

Usage: python bench/multilingual_fusion.py [--weights 0 0.25 0.5 1] [--sets piaf xquad extra mixed]

Weight 0 is the pipeline without the USE ranking (it then adds nothing to any score). Sets:
- piaf: piaf-fr-dev on its corpus (French questions and articles);
- xquad: xquad-en-dev on its corpus (English: no vectors are stored, so it shows the shipped pipeline untouched);
- extra: bench/eval/seeds-extra.jsonl over seeds/ (four English articles and a French one, so its index has USE
  vectors; the French questions mostly ask about the English articles);
- mixed: both dev sets' questions over one corpus holding both sets' articles, where the two rules differ:
  "question" joins the USE ranking for non-English questions (what `qa` does), "question or passages" also for
  English questions whose first passages come from a non-English document.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.common import SEEDS, SHARED_EVAL, print_table  # noqa: E402
from qa import Settings  # noqa: E402
from qa.api import Bot, dense_weight, ensure_bot  # noqa: E402
from qa.evaluation import Example, Outcome, evaluate, read_examples, rounded  # noqa: E402
from qa.evaluation_run import verbatim_checker  # noqa: E402
from qa.lexical import tokenize  # noqa: E402
from qa.retrieval import retrieve  # noqa: E402

METRICS = ("answer_hit@1", "span_f1", "source@1", "recall@5", "abstain_recall", "false_abstain", "latency_p50_ms")


class PassageRuleBot(Bot):
    """Also joins the USE ranking for an English question when its first passages include a non-English one."""

    def _multilingual_vector(self, question: str, language: str) -> np.ndarray | None:
        if language == "en" and self.index.multilingual is not None:
            q = np.asarray(self.encoder.encode([question])[0], dtype=np.float32)
            first = retrieve(
                self.index,
                question,
                q,
                tokenize(question, language),
                k=self.settings.top_k,
                candidates=self.settings.candidates,
                dense_weight=dense_weight(language),
            )
            if any(self.index.documents[self.index.by_path[p.chunk.doc_path]].language != "en" for p in first):
                return np.asarray(self.load_multilingual().encode([question])[0], dtype=np.float32)
            return None
        return super()._multilingual_vector(question, language)


def examples_of(path: Path) -> list[Example]:
    """Returns the questions of a file."""
    return read_examples(path)[0]


def changed(outcomes: list[Outcome], baseline: list[Outcome]) -> str:
    """Returns how many answerable questions' top answers turned right (+) and wrong (-) against the baseline."""
    pairs = [
        (o.scores["answer_hit@1"], b.scores["answer_hit@1"])
        for o, b in zip(outcomes, baseline, strict=True)
        if o.example.answerable
    ]
    return f"+{sum(now > before for now, before in pairs)}/-{sum(now < before for now, before in pairs)}"


def rows_for(
    name: str,
    settings: Settings,
    examples: list[Example],
    weights: list[float],
    rules: dict[str, type[Bot]],
    baseline: list[Outcome] | None = None,
) -> tuple[list[list[object]], list[Outcome]]:
    """Returns one metrics row per rule and weight (the index built once), and the baseline that changed answers
    are counted against: the one given, else this set's first run."""
    bot, _ = ensure_bot(settings)
    verbatim = verbatim_checker(settings.corpus)
    rows: list[list[object]] = []
    for rule, kind in rules.items():
        for weight in weights:
            ask = kind(index=bot.index, encoder=bot.encoder, settings=settings.with_(multilingual_weight=weight)).ask
            exact, outcomes = evaluate(examples, ask, verbatim=verbatim)
            metrics = rounded(exact)
            baseline = baseline or outcomes
            rows.append([name, rule, f"{weight:g}", *(metrics[m] for m in METRICS), changed(outcomes, baseline)])
            print(*rows[-1], sep="\t", file=sys.stderr, flush=True)
    return rows, baseline or []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weights", nargs="+", type=float, default=[0.0, 0.25, 0.5, 1.0])
    parser.add_argument("--sets", nargs="+", default=["piaf", "xquad", "extra", "mixed"])
    args = parser.parse_args()
    piaf, xquad = SHARED_EVAL / "piaf-fr-dev", SHARED_EVAL / "xquad-en-dev"
    shipped: dict[str, type[Bot]] = {"question": Bot}
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as home:

        def settings(corpus: Path, name: str, **changes: object) -> Settings:
            return Settings(corpus=corpus, index_dir=Path(home) / name, quiet=True).with_(**changes)

        if "piaf" in args.sets:
            piaf_qs = examples_of(piaf / "qa.jsonl")
            rows += rows_for("piaf", settings(piaf / "corpus", "piaf"), piaf_qs, args.weights, shipped)[0]
        if "xquad" in args.sets:
            xquad_qs = examples_of(xquad / "qa.jsonl")
            rows += rows_for("xquad", settings(xquad / "corpus", "xquad"), xquad_qs, [0.0], shipped)[0]
        if "extra" in args.sets:
            extra = examples_of(REPO / "bench" / "eval" / "seeds-extra.jsonl")
            rows += rows_for("seeds-extra", settings(SEEDS, "extra"), extra, args.weights, shipped)[0]
        if "mixed" in args.sets:
            mixed = Path(home) / "mixed-corpus"
            for corpus in (piaf / "corpus", xquad / "corpus"):
                shutil.copytree(corpus, mixed, dirs_exist_ok=True)
            both = settings(mixed, "mixed")
            rows += rows_for("mixed: piaf", both, examples_of(piaf / "qa.jsonl"), args.weights, shipped)[0]
            english = examples_of(xquad / "qa.jsonl")
            english_rows, baseline = rows_for("mixed: xquad", both, english, [0.0], shipped)  # English: no USE
            rules: dict[str, type[Bot]] = {"question or passages": PassageRuleBot}
            rows += english_rows + rows_for("mixed: xquad", both, english, args.weights[1:], rules, baseline)[0]
    print_table(
        "qa eval metrics by USE fusion weight and rule; hit@1 +/-: answers turned right/wrong against weight 0",
        ["set", "rule", "weight", *METRICS, "hit@1 +/-"],
        rows,
    )


if __name__ == "__main__":
    main()
