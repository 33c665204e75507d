"""`qa eval` end to end: read the question file, answer every question as `qa ask` would, report."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import click

from qa.errors import QAError
from qa.evaluation import Outcome, evaluate, example_warnings, outcome_json, read_examples
from qa.ingestion import Skipped, read_document
from qa.model import Answer, Citation
from qa.settings import Settings

LOWER_IS_BETTER = frozenset({"false_abstain", "latency_p50_ms", "latency_p95_ms"})


def verbatim_checker(corpus: Path) -> Callable[[Answer], bool]:
    """Returns a check that re-reads the cited file from disk and compares the cited text exactly."""

    @cache
    def text_of(name: str) -> str | None:
        doc = read_document(corpus, corpus / name)
        return None if isinstance(doc, Skipped) else doc.text

    def matches(citation: Citation | None, text: str | None) -> bool:
        if citation is None or text is None:
            return citation is None and text is None
        source = text_of(citation.file)
        return source is not None and source[citation.char_start : citation.char_end] == text

    return lambda a: matches(a.citation, a.text) and matches(a.span_citation, a.span)


def parse_minimums(minimums: tuple[str, ...]) -> dict[str, float]:
    """Parses `METRIC=VALUE` pairs."""
    parsed = {}
    for item in minimums:
        name, sep, value = item.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not math.isfinite(parsed.get(name.strip(), 0.0)):
            raise QAError(f"--min {item}: expected METRIC=VALUE with a number, e.g. --min answer_hit@1=0.9")
    return parsed


SHOWN_PROBLEMS = 10
"""Bad lines reported one by one; past these a count is enough (a wrong file would print one line per line)."""


def run_eval(
    qa_file: Path,
    settings: Settings,
    *,
    as_json: bool,
    out: Path | None,
    minimums: tuple[str, ...],
    progress: Callable[[str, int, int], None] | None,
) -> None:
    """Evaluates and prints; exits 1 when a `--min` bound is not met."""
    from qa.api import ensure_bot

    bounds = parse_minimums(minimums)
    examples, problems = read_examples(qa_file)
    if not examples:
        first = f", the first {problems[0]}" if problems else ""
        raise QAError(
            f"{qa_file}: no questions to evaluate ({len(problems)} bad lines{first}); "
            'expected one JSON object a line: {"question": ..., "answers": [...]}'
        )
    for problem in problems[:SHOWN_PROBLEMS]:
        click.echo(f"skipped {problem}", err=True)
    if len(problems) > SHOWN_PROBLEMS:
        click.echo(f"skipped {len(problems) - SHOWN_PROBLEMS} more bad lines of {qa_file}", err=True)
    bot, _ = ensure_bot(settings, progress=progress, refresh=True)
    odd = example_warnings(examples, lambda path: bot.document(path) is not None)
    for warning in odd[:SHOWN_PROBLEMS]:
        click.echo(f"warning: {qa_file}: {warning}", err=True)
    if len(odd) > SHOWN_PROBLEMS:
        click.echo(f"warning: {qa_file}: {len(odd) - SHOWN_PROBLEMS} more like these", err=True)
    total = len(examples)
    counter = {"done": 0}

    def tick(_: Outcome) -> None:
        counter["done"] += 1
        if progress:
            progress("questions", counter["done"], total)

    metrics, outcomes = evaluate(examples, bot.ask, verbatim=verbatim_checker(settings.corpus), on_outcome=tick)
    unknown = sorted(set(bounds) - set(metrics))
    if unknown:
        raise QAError(f"--min {unknown[0]}: unknown metric; known: {', '.join(metrics)}")
    if out is not None:
        try:
            with out.open("w", encoding="utf-8") as f:
                for o in outcomes:
                    f.write(json.dumps(outcome_json(o), ensure_ascii=False) + "\n")
        except OSError as exc:
            raise QAError(f"--out {out}: cannot write ({exc.strerror})") from exc
    if as_json:
        click.echo(json.dumps(metrics))
    else:
        from qa.eval_report import print_report  # deferred: rich is only for the table

        print_report(metrics, outcomes, qa_file)
    failed = [
        f"{name}={metrics[name]} (at most {bound})"
        if name in LOWER_IS_BETTER
        else f"{name}={metrics[name]} (at least {bound})"
        for name, bound in bounds.items()
        if (metrics[name] > bound if name in LOWER_IS_BETTER else metrics[name] < bound)
    ]
    if failed:
        click.echo("bound not met: " + ", ".join(failed), err=True)
        sys.exit(1)
