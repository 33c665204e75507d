"""`qa eval` end to end: read the question file, answer every question as `qa ask` would, report."""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import click

from qa.errors import QAError, missing_corpus
from qa.evaluation import (
    METRICS,
    Outcome,
    evaluate,
    example_warnings,
    outcome_json,
    parse_examples,
    read_examples,
    rounded,
)
from qa.ingestion import TEXT_SUFFIXES, Skipped, read_document
from qa.model import Answer, Citation
from qa.output import writing
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


class BadArgument(QAError):
    """A mistyped `--min` or `--out`: a command-line mistake (exit 2), found before any question is asked."""


RATES = frozenset(METRICS) - {"questions", "answerable", "latency_p50_ms", "latency_p95_ms"}
"""Metrics that are shares, 0..1: a bound outside that range could never be met, or never fail."""


def parse_minimums(minimums: tuple[str, ...]) -> dict[str, float]:
    """Parses `METRIC=VALUE` pairs, refusing unknown metrics and bounds that cannot mean anything."""
    parsed = {}
    for item in minimums:
        name, sep, value = (part.strip() for part in item.partition("="))
        try:
            bound = float(value)
        except ValueError:
            bound = math.nan
        if not sep or not math.isfinite(bound):
            raise BadArgument(f"--min {item}: expected METRIC=VALUE with a number, e.g. --min answer_hit@1=0.9")
        if name not in METRICS:
            raise BadArgument(f"--min {item}: unknown metric {name!r}; known: {', '.join(METRICS)}")
        if name in RATES and not 0.0 <= bound <= 1.0:
            raise BadArgument(f"--min {item}: {name} is a share between 0 and 1")
        parsed[name] = bound
    return parsed


def check_out(out: Path | None, qa_file: Path, corpus: Path) -> None:
    """Refuses an `--out` file that cannot be written before the questions are asked, not after, and one that
    would overwrite the question file (by any name, a hard link too) or a document of the corpus evaluated."""
    if out is None:
        return
    if str(out) == "-":
        raise BadArgument("--out -: give a file name; standard output carries the metrics (--json for JSON)")
    if str(qa_file) != "-" and (out.resolve() == qa_file.resolve() or _same_file(out, qa_file)):
        raise BadArgument(f"--out {out}: that is the question file; give another file for the per-question results")
    inside = out.resolve().is_relative_to(corpus.resolve())
    if inside and (out.suffix.lower() in TEXT_SUFFIXES or out.exists()):
        raise BadArgument(
            f"--out {out}: that is inside the corpus {corpus}, where it would overwrite or become a document; "
            "write it elsewhere"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise BadArgument(f"--out {out}: cannot write there; give a file in an existing, writable folder")
    if out.exists() and not os.access(out, os.W_OK):
        raise BadArgument(f"--out {out}: the file is read-only")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


SHOWN_PROBLEMS = 10
"""Bad lines reported one by one; past these a count is enough (a wrong file would print one line per line)."""


def _check_sources(qa_file: Path, settings: Settings, named: set[str], present: Callable[[str], bool]) -> None:
    """Refuses a question file none of whose sources is in the corpus: it was meant for another folder."""
    if named and not any(present(src) for src in named):
        raise QAError(
            f"{qa_file}: none of the {len(named)} source files its questions name is in {settings.corpus}: "
            "pass the corpus they come from with --corpus"
        )


def run_eval(
    qa_file: Path,
    settings: Settings,
    *,
    as_json: bool,
    out: Path | None,
    bounds: dict[str, float],
    progress: Callable[[str, int, int], None] | None,
    text: str | None = None,
) -> None:
    """Evaluates and prints; exits 1 when a `--min` bound (`parse_minimums`) is not met. `text`, when given, is
    the question file's content (read from stdin), and `qa_file` only names it."""
    from qa.api import ensure_bot

    examples, problems = read_examples(qa_file) if text is None else parse_examples(text, str(qa_file))
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
    if not settings.corpus.is_dir():  # else the missing sources below would be blamed on the question file
        raise missing_corpus(settings.corpus)
    named = {src for ex in examples for src in ex.sources}
    _check_sources(qa_file, settings, named, lambda src: (settings.corpus / src).is_file())  # before indexing
    bot, _ = ensure_bot(settings, progress=progress, refresh=True)
    _check_sources(qa_file, settings, named, lambda src: bot.document(src) is not None)  # files may be skipped
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

    # latency is per question with the index loaded: what the first question of a kind would load is loaded now
    bot.warm_up()
    bot.encoder.encode(["warm-up"])
    metrics, outcomes = evaluate(examples, bot.ask, verbatim=verbatim_checker(settings.corpus), on_outcome=tick)
    if out is not None:
        try:
            with out.open("w", encoding="utf-8") as f:
                for o in outcomes:
                    f.write(json.dumps(outcome_json(o), ensure_ascii=False) + "\n")
        except OSError as exc:
            raise QAError(f"--out {out}: cannot write ({exc.strerror})") from exc
    with writing():
        if as_json:
            click.echo(json.dumps(rounded(metrics)))
        else:
            from qa.eval_report import print_report  # deferred: rich is only for the table

            print_report(rounded(metrics), outcomes, qa_file)
    failed = [unmet(name, bound, metrics[name]) for name, bound in bounds.items()]
    if failed := [f for f in failed if f]:
        click.echo("bound not met: " + ", ".join(failed), err=True)
        sys.exit(1)


def unmet(name: str, bound: float, value: float | None) -> str | None:
    """Says how a metric misses its `--min` bound, or None when it meets it."""
    if value is None:
        return f"{name} has no value (nothing to count in this file)"
    if name in LOWER_IS_BETTER:
        return f"{name}={value:.6g} (at most {bound:g})" if value > bound else None
    return f"{name}={value:.6g} (at least {bound:g})" if value < bound else None
