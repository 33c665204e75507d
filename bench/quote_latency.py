"""Wall time of `qa quote` and `qa cite` as a user sees it: a fresh process each run, process start included.

Run `python bench/quote_latency.py [RUNS]` after `qa index`; prints a table of median and worst times.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotations import make_quotations  # noqa: E402 (bench scripts run as files, not as a package)


def timed(args: list[str]) -> float:
    """Returns the seconds one CLI run takes; a failing run stops the bench."""
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    return time.perf_counter() - started


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
        "qa cite FILE#A-B": [timed([qa, "cite", f"{q.file}#{q.char_start}-{q.char_end}"]) for q in quotations],
    }
    print("| command | runs | median s | max s |\n|---|---|---|---|")
    for name, times in rows.items():
        print(f"| {name} | {len(times)} | {statistics.median(times):.3f} | {max(times):.3f} |")


if __name__ == "__main__":
    main()
