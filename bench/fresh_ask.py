"""What `qa ask` pays to notice an edited file anywhere in the corpus (`Bot.stale_files`: a stat per file against
the manifest's record, reading only files whose stat moved), on seeds/ and on a folder of small files.

The first table times the check itself and its neighbours in one process, medians: the stat pass on a fresh bot
(nothing remembered, as in each `qa ask`), after one file was touched (that file is read once), the folder walk
`qa ask` already did, and reading the manifest (which now holds one stat per file). The second times whole `qa ask`
processes on an unchanged corpus, with the check and with it stubbed out, then a `qa ask` right after a sentence
was appended to one file (that file re-embedded; the whole folder read again, the model loaded).

Run: python bench/fresh_ask.py [--runs 5] [--files 2000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import SEEDS, load_average, median, print_table, timed  # noqa: E402

QUESTION = "How many issues were closed in January 2024?"
FACT = "We closed 7 issues in January 2024.\n"
STUBBED = "import qa.api; qa.api.Bot.stale_files = lambda self: []; from qa.entry import main; main()"
"""`qa ask` without the check, for the difference."""


def small_files(target: Path, n: int) -> Path:
    """Writes `n` notes of three English sentences each from seeds/ (a few hundred bytes, one chunk each)."""
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if " le " in text or " la " in text:  # the French seed would turn multilingual vectors on
            continue
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 40]
    target.mkdir()
    for i in range(n):
        body = " ".join(sentences[(i * 3 + j) % len(sentences)] for j in range(3))
        (target / f"note_{i:04d}.txt").write_text(f"Note {i}\n\nReport {i} of the archive. {body}\n", encoding="utf-8")
    return target


def in_process_rows(name: str, corpus: Path, runs: int) -> list[tuple[object, ...]]:
    """Returns one row of medians (ms) for the check and its neighbours on an indexed `corpus`."""
    from qa import Settings
    from qa.api import Bot
    from qa.index import load_index, read_manifest_at
    from qa.indexing import listing_changed

    settings = Settings(corpus=corpus, quiet=True)
    index = load_index(settings.index_path)
    fresh = [timed(lambda: Bot(index=index, encoder=None, settings=settings).stale_files()) for _ in range(runs)]
    touched = []
    first = next(iter(index.by_path))
    for n in range(runs):
        os.utime(corpus / first, ns=(n + 1, 10**18 + n))  # times moved, text the same: read once to tell
        bot = Bot(index=index, encoder=None, settings=settings)
        touched.append(timed(bot.stale_files))
    walk = [timed(lambda: listing_changed(index, settings)) for _ in range(runs)]
    manifest = [timed(lambda: read_manifest_at(settings.index_path)) for _ in range(runs)]
    size = (settings.index_path / "manifest.json").stat().st_size
    return [
        (
            name,
            len(index.documents),
            median(fresh) * 1e3,
            median(touched) * 1e3,
            median(walk) * 1e3,
            median(manifest) * 1e3,
            f"{size / 1024:.0f} KB",
        )
    ]


def process_rows(name: str, corpus: Path, runs: int, env: dict[str, str]) -> list[tuple[object, ...]]:
    """Returns the median wall time (s) of `qa ask` processes: unchanged, check stubbed out, after an append."""
    ask = ["ask", "--corpus", str(corpus), QUESTION]
    with_check = [sys.executable, "-c", "from qa.entry import main; main()", *ask]
    without = [sys.executable, "-c", STUBBED, *ask]
    subprocess.run(with_check, env=env, check=True, capture_output=True)  # warm-up: the OS file cache
    cases = {"qa ask, unchanged": with_check, "qa ask, check stubbed out": without}
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(runs):  # interleaved, so a busier moment slows both alike
        for label, command in cases.items():
            times[label].append(run_timed(command, env)[0])
    rows: list[tuple[object, ...]] = [(name, label, median(t), min(t), max(t)) for label, t in times.items()]
    target = corpus / sorted(p.name for p in corpus.iterdir())[-1]
    refreshes = []
    for _ in range(max(1, runs // 2)):
        with target.open("a", encoding="utf-8") as f:
            f.write(FACT)
        seconds, stderr = run_timed(with_check, env)
        assert "changed since indexing" in stderr, stderr
        refreshes.append(seconds)
    rows.append((name, "qa ask after appending to 1 file", median(refreshes), min(refreshes), max(refreshes)))
    return rows


def run_timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Returns the seconds a command took and its stderr."""
    out: list[str] = []
    seconds = timed(
        lambda: out.append(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stderr)
    )
    return seconds, out[0]


def main() -> None:
    """Prints the two tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(QA_INDEX_HOME=str(Path(home) / "indexes"), HF_HUB_OFFLINE="1")
        env = dict(os.environ)
        seeds = Path(home) / "seeds"
        shutil.copytree(SEEDS, seeds)  # appended to below: never the repository's own
        corpora = {"seeds/": seeds, f"{args.files:,} small files": small_files(Path(home) / "small", args.files)}
        index = [sys.executable, "-c", "from qa.entry import main; main()", "index", "-q"]
        for corpus in corpora.values():
            subprocess.run([*index, str(corpus)], env=env, check=True, capture_output=True)
        checks = [row for name, corpus in corpora.items() for row in in_process_rows(name, corpus, args.runs)]
        for corpus in corpora.values():  # records the touched file's new stat, so no `qa ask` below reads it
            subprocess.run([*index, str(corpus)], env=env, check=True, capture_output=True)
        processes = [row for name, corpus in corpora.items() for row in process_rows(name, corpus, args.runs, env)]
    print_table(
        f"The check in one process, medians of {args.runs} (load {load_average()})",
        ["corpus", "files", "stat pass ms", "1 touched ms", "folder walk ms", "manifest read ms", "manifest"],
        checks,
    )
    print_table(
        f"Whole `qa ask` processes, {args.runs} runs (after an append: {max(1, args.runs // 2)})",
        ["corpus", "case", "median s", "min s", "max s"],
        processes,
    )


if __name__ == "__main__":
    main()
