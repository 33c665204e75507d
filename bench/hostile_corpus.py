"""End-to-end reliability check: `qa` processes with the real model against a hostile corpus, one row per check.

Usage: python bench/hostile_corpus.py [--big-chars N] [--keep DIR]
Builds the corpus (binary named .txt, latin-1, empty, a one-line file with a needle, symlink loop, broken link,
accented names, escape sequences), indexes it, asks good and bad questions, kills a re-index mid-way (SIGKILL
and SIGINT) and checks the old index still answers, then truncates the index and expects a one-line refusal.
Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "qa"))

from hostile import BAD_QUESTIONS, SKIPPED, build_hostile_corpus  # noqa: E402

GOOD_QUESTIONS = {
    "What is the secret launch code of the orange submarine?": ("big.txt", "4417"),
    "When did the harbour of Saint-Émile open?": ("café notes é.txt", "1887"),
    "Depuis quand le café de la place est-il ouvert ?": ("latin1.txt", "1902"),
    "Who was the lighthouse keeper of Port Elan?": ("keeper.md", "Agathe Morel"),
}


class Checks:
    """Collects named pass/fail rows and prints them as a table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, bool, float, str]] = []
        self.since = time.perf_counter()

    def check(self, name: str, run: Callable[[], tuple[bool, str]]) -> bool:
        """Records one check; its time is everything done since the previous check."""
        try:
            ok, note = run()
        except Exception as exc:  # a check that crashes is a failed check, reported with its reason
            ok, note = False, f"{exc.__class__.__name__}: {exc}"
        seconds, self.since = time.perf_counter() - self.since, time.perf_counter()
        self.rows.append((name, ok, seconds, note))
        print(f"{'PASS' if ok else 'FAIL'}  {seconds:6.1f}s  {name}  {note}", flush=True)
        return ok

    @property
    def failed(self) -> int:
        """Returns how many checks failed."""
        return sum(1 for _, ok, _, _ in self.rows if not ok)


def qa(args: list[str], *, index: Path, corpus: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Runs the real `qa` console script to the end."""
    command = [str(Path(sys.executable).with_name("qa")), *args[:1], "--corpus", str(corpus), "--index", str(index)]
    return subprocess.run(command + args[1:], input=stdin, capture_output=True, text=True, env=qa_env(), timeout=1800)


def qa_env() -> dict[str, str]:
    """Returns the environment of a `qa` process: offline, no tokenizer threads fighting over the cores."""
    return dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")


def no_traceback(result: subprocess.CompletedProcess[str]) -> bool:
    """Tells whether a process printed no Python traceback."""
    return "Traceback" not in result.stdout + result.stderr


def interrupted_reindex(corpus: Path, index: Path, sig: int, after: float) -> subprocess.CompletedProcess[str]:
    """Starts `qa index --force` and sends it `sig` after `after` seconds, mid-way through embedding."""
    command = [str(Path(sys.executable).with_name("qa")), "index", "--force", "--corpus", str(corpus)]
    command += ["--index", str(index), "-q"]
    scratch = f".{index.name}.embedding-*"
    left_over = set(index.parent.glob(scratch))  # a SIGKILLed run leaves its scratch folder for the next to clear
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=qa_env())
    # Wait until this run's embedding has begun (its own scratch folder appears beside the index), so the signal
    # lands mid-way however fast or loaded this machine is; `after` only bounds the wait for a run that never
    # gets there.
    deadline = time.monotonic() + max(after * 4, 120)
    while proc.poll() is None and time.monotonic() < deadline:
        if set(index.parent.glob(scratch)) - left_over:
            time.sleep(0.2)
            break
        time.sleep(0.05)
    still_running = proc.poll() is None
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    if not still_running:
        err = "(finished before the signal) " + err
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def answered(result: subprocess.CompletedProcess[str], expected: list[tuple[str, str]]) -> tuple[bool, str]:
    """Checks one JSON reply a line, each answered from the expected file with the expected words."""
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    notes, ok = [], result.returncode == 0 and len(replies) == len(expected)
    for reply, (file, words) in zip(replies, expected, strict=False):
        top = reply["answers"][0] if reply["answers"] else None
        hit = top is not None and top["citation"]["file"] == file and words in top["text"]
        ok &= hit
        notes.append(f"{file}:{'ok' if hit else 'MISS'}")
    return ok, " ".join(notes)


def run_checks(root: Path, big_chars: int) -> Checks:
    """Builds the corpus under `root` and runs every check against it, in order."""
    corpus = build_hostile_corpus(root / "corpus", big_chars=big_chars)
    index = root / "index"
    checks = Checks()
    started = time.perf_counter()
    result = qa(["index", "-q"], index=index, corpus=corpus)
    halfway = max(3.0, (time.perf_counter() - started) / 2)  # a re-index signalled then is busy embedding
    checks.check(
        "index the hostile corpus: exit 0, bad files named",
        lambda: (
            result.returncode == 0
            and no_traceback(result)
            and all(f"skipped {n}: {r}" in result.stderr for n, r in SKIPPED.items())
            and "\x1b" not in result.stderr,
            result.stdout.strip()[:90],
        ),
    )
    questions = list(GOOD_QUESTIONS)
    good = qa(["ask", "-", "--json"], index=index, corpus=corpus, stdin="\n".join(questions) + "\n")
    checks.check("answers from the good files and the needle", lambda: answered(good, list(GOOD_QUESTIONS.values())))
    human = qa(["ask", "Who was the lighthouse keeper of Port Elan?"], index=index, corpus=corpus)
    checks.check(
        "escape sequences in a document are not replayed",
        lambda: (human.returncode == 0 and "Agathe Morel" in human.stdout and "\x1b" not in human.stdout, ""),
    )
    lines = [q for q in BAD_QUESTIONS if q.strip()]
    bad = qa(["ask", "-", "--json"], index=index, corpus=corpus, stdin="\n".join(lines) + "\n")
    checks.check(
        f"survives {len(BAD_QUESTIONS)} bad questions",
        lambda: (bad.returncode == 0 and no_traceback(bad) and len(bad.stdout.splitlines()) == len(lines), ""),
    )
    huge = qa(["ask", "x" * 100_000 + " \x1b[2J"], index=index, corpus=corpus)
    empty = qa(["ask", "   "], index=index, corpus=corpus)
    checks.check(
        "100k-character and empty questions",
        lambda: (
            huge.returncode == 0 and empty.returncode == 0 and "\x1b" not in huge.stdout + empty.stdout,
            empty.stdout.strip()[:60],
        ),
    )
    (corpus / "added.txt").write_text("A file added after the first index, about the tides.\n", encoding="utf-8")
    killed = interrupted_reindex(corpus, index, signal.SIGKILL, after=halfway)
    after_kill = qa(["ask", "-", "--json"], index=index, corpus=corpus, stdin=questions[0] + "\n")
    checks.check(
        "SIGKILL mid re-index: old index still answers",
        lambda: (
            killed.returncode == -signal.SIGKILL
            and answered(after_kill, [GOOD_QUESTIONS[questions[0]]])[0]
            and not list(index.parent.glob(".index.tmp-*")),
            killed.stderr.strip()[:60],
        ),
    )
    stopped = interrupted_reindex(corpus, index, signal.SIGINT, after=halfway)
    after_stop = qa(["ask", "-", "--json"], index=index, corpus=corpus, stdin=questions[0] + "\n")
    checks.check(
        "Ctrl-C mid re-index: exit 130, one line, old index answers",
        lambda: (
            stopped.returncode == 130
            and stopped.stderr.strip() == "interrupted; previous index kept"
            and answered(after_stop, [GOOD_QUESTIONS[questions[0]]])[0],
            stopped.stderr.strip()[:60],
        ),
    )
    vectors = index / "chunk_vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 2])
    refused = qa(["ask", questions[0]], index=index, corpus=corpus)
    checks.check(
        "truncated index: one-line error, exit 1",
        lambda: (
            refused.returncode == 1
            and refused.stderr.startswith("Error: ")
            and refused.stderr.count("\n") == 1
            and "qa index" in refused.stderr,
            refused.stderr.strip()[:110],
        ),
    )
    return checks


def main(argv: list[str] | None = None) -> int:
    """Runs the checks and returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-chars", type=int, default=1_000_000, help="Size of the one-line file.")
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it (default: a temporary one).")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.keep:
        checks = run_checks(args.keep, args.big_chars)
    else:
        with tempfile.TemporaryDirectory(prefix="qa-hostile-") as tmp:
            checks = run_checks(Path(tmp), args.big_chars)
    total = len(checks.rows)
    print(f"{total - checks.failed}/{total} checks passed in {time.perf_counter() - started:.0f}s")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
