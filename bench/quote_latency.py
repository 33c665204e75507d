"""Wall time of `qa quote` and `qa cite` as a user sees it: a fresh process each run, process start included.

Run `python bench/quote_latency.py [RUNS]` after `qa index`; prints a table of median and worst times.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotations import make_quotations  # noqa: E402 (bench scripts run as files, not as a package)

NOWHERE = (
    "The harbour master counted forty ships before noon. Rain fell on the old market all afternoon. "
    "Nobody at the town hall could say when the bridge would reopen."
)
"""A quotation no document holds, whole or in part: the slowest look-up, every sentence traced on its own."""


def timed(args: list[str]) -> tuple[float, float]:
    """Returns the wall and CPU seconds one CLI run takes; a failing run stops the bench.

    CPU time (user + system) is what wall time would be on an idle machine; on a shared one, wall time also
    counts the waits for a core.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Times `qa quote` on misquotations of the seeds and `qa cite` on their sources."""
    from qa.settings import Settings

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    qa = str(Path(sys.executable).with_name("qa"))
    settings = Settings()
    subprocess.run([qa, "index", "-q"], check=True, stdout=subprocess.DEVNULL)
    quotations = make_quotations(settings.corpus)[:runs]
    rows = {
        "qa --help": [timed([qa, "--help"]) for _ in quotations],
        "qa quote TEXT": [timed([qa, "quote", q.text]) for q in quotations],
        "qa quote --json TEXT": [timed([qa, "quote", "--json", q.text]) for q in quotations],
        "qa quote, 3 sentences from nowhere": [timed([qa, "quote", NOWHERE]) for _ in quotations],
        "qa cite FILE#A-B": [timed([qa, "cite", f"{q.file}#{q.char_start}-{q.char_end}"]) for q in quotations],
    }
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| command | runs | median wall s | max wall s | median CPU s |\n|---|---|---|---|---|")
    for name, times in rows.items():
        wall = [w for w, _ in times]
        cpu = statistics.median(c for _, c in times)
        print(f"| {name} | {len(times)} | {statistics.median(wall):.3f} | {max(wall):.3f} | {cpu:.3f} |")


if __name__ == "__main__":
    main()
