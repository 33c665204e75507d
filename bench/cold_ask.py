"""Cold start: `qa ask` on an existing index and `qa --help`, each a fresh process, medians of several runs.

A French question over piaf-fr-dev (an index with multilingual vectors) also loads the multilingual model. The
second table is the chat's case: the first French question to a loaded bot, with and without `Bot.warm_up` (which
the chat runs in the background once it is ready), each in a fresh process.

Run: python bench/cold_ask.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import SEEDS, SHARED_EVAL, load_average, median, peak_rss_mb, print_table, timed  # noqa: E402

QUESTION = "Who did the Vietnamese deputy minister hold talks with?"
FRENCH = SHARED_EVAL / "piaf-fr-dev" / "corpus"
FRENCH_QUESTION = "Combien de personnes travaillent au ministère des sports ?"
FIRST_FRENCH = """
import sys, time
from pathlib import Path
from qa import Settings, load_bot
bot = load_bot(Settings(corpus=Path(sys.argv[1])))
started = time.perf_counter()
if sys.argv[2] == "warm":
    bot.warm_up()
warmed = time.perf_counter()
bot.ask(sys.argv[3])
print(warmed - started, time.perf_counter() - warmed)
"""


def main() -> None:
    """Prints the median wall time of cold commands, and whether the query path imported torch."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    qa = str(Path(sys.executable).with_name("qa"))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QA_INDEX_HOME=home, HF_HUB_OFFLINE="1")
        subprocess.run([qa, "index", "-q", str(SEEDS)], env=env, check=True, capture_output=True)
        commands = {
            "qa --help": [qa, "--help"],
            "qa ask (existing index)": [qa, "ask", "--corpus", str(SEEDS), QUESTION],
            "python -c 'import qa'": [sys.executable, "-c", "import qa"],
        }
        if FRENCH.is_dir():
            subprocess.run([qa, "index", "-q", str(FRENCH)], env=env, check=True, capture_output=True)
            commands["qa ask (French, piaf-fr-dev: + USE)"] = [qa, "ask", "--corpus", str(FRENCH), FRENCH_QUESTION]
        rows = []
        for name, command in commands.items():
            subprocess.run(command, env=env, check=True, capture_output=True)  # warm-up: the OS file cache
            times = [
                timed(lambda c=command: subprocess.run(c, env=env, check=True, capture_output=True))
                for _ in range(args.runs)
            ]
            rows.append((name, median(times), min(times), max(times)))
        probe = (
            "import sys; from qa import Settings, load_bot; "
            f"load_bot(Settings(corpus=__import__('pathlib').Path({str(SEEDS)!r}))).ask('who?'); "
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'scipy', 'bm25s') if m in sys.modules))"
        )
        heavy = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
        first = []
        for mode in ("cold", "warm") if FRENCH.is_dir() else ():
            command = [sys.executable, "-c", FIRST_FRENCH, str(FRENCH), mode, FRENCH_QUESTION]
            runs = [
                subprocess.run(command, env=env, check=True, capture_output=True, text=True) for _ in range(args.runs)
            ]
            warm_up, ask = zip(*(map(float, r.stdout.split()) for r in runs), strict=True)
            first.append((f"first French question, {mode}", median(list(warm_up)), median(list(ask))))
    print_table(
        f"Cold start, {args.runs} runs each (load {load_average()}); peak RSS of any child (indexing included) "
        f"{peak_rss_mb(children=True):.0f} MB; heavy modules on the query path: {heavy.stdout.strip()}",
        ["command", "median s", "min s", "max s"],
        rows,
    )
    if first:
        print_table(
            "First French question to a loaded bot (piaf-fr-dev), medians; `warm` ran Bot.warm_up first",
            ["case", "warm_up s", "ask s"],
            first,
        )


if __name__ == "__main__":
    main()
