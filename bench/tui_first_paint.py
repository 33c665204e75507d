"""Times the chat in a real pseudo-terminal: first paint, and a question typed at once until its answer shows.

    python bench/tui_first_paint.py [--runs 5] [--corpus seeds] [--index DIR] [--size 150x45]

Prints a table of each run and the median. The index is built first (untimed) so runs measure start-up only.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QA = str(Path(sys.executable).parent / "qa")
PAINTED = "Ask a question about the documents"
"""The question box placeholder: on screen once the first full frame is drawn."""
QUESTION = "What did the Lao police hand over to the Vietnamese side in 2021?"
ANSWER = ("wanted fugitives", "001_bac36986efc7b92e.txt")
"""Both must be on screen: words of the verbatim answer and the cited file."""
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def run_once(args: list[str], size: tuple[int, int], timeout: float) -> tuple[float, float]:
    """Starts the chat in a pty; returns seconds to first paint and to the answer (nan when not seen)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(HF_HUB_OFFLINE="1", TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
        os.execv(QA, [QA, *args])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    seen = b""
    painted = answered = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += ANSI.sub(b"", chunk)
            text = seen.decode("utf-8", "replace")
            now = time.perf_counter() - start
            if painted != painted and PAINTED in text:
                painted = now
                os.write(fd, QUESTION.encode() + b"\r")
                seen = b""
            elif painted == painted and all(a in text for a in ANSWER):
                answered = now
                break
    finally:
        os.write(fd, b"\x11")  # ctrl+q
        time.sleep(0.3)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return painted, answered


def main() -> None:
    """Parses options, builds the index once, runs the chat several times and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(REPO / "seeds"))
    parser.add_argument("--index", default=None, help="index folder (default: a temporary one)")
    parser.add_argument("--size", default="150x45")
    parser.add_argument("--timeout", type=float, default=60.0)
    options = parser.parse_args()
    index = options.index or tempfile.mkdtemp(prefix="qa-bench-index-")
    columns, lines = (int(v) for v in options.size.split("x"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    subprocess.run([QA, "index", "--quiet", "--corpus", options.corpus, "--index", index], check=True, env=env)
    args = ["--corpus", options.corpus, "--index", index]
    rows = [run_once(args, (columns, lines), options.timeout) for _ in range(options.runs)]
    print(f"chat start-up at {columns}x{lines}, {options.runs} runs, corpus {options.corpus}")
    print("| run | first paint (s) | question typed at once, answer on screen (s) |")
    print("|---|---|---|")
    for n, (painted, answered) in enumerate(rows, 1):
        print(f"| {n} | {painted:.2f} | {answered:.2f} |")
    print(f"| median | {statistics.median(r[0] for r in rows):.2f} | {statistics.median(r[1] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
