"""Runs every benchmark in turn (`make bench`); each prints its own table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["indexing.py", "cold_ask.py", "warm_query.py", "million.py", "lexical_million.py", "tui_first_paint.py"]


def main() -> int:
    """Runs each script that exists; returns non-zero when one fails."""
    failed = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.is_file():
            continue
        print(f"\n# {name}", flush=True)
        failed |= subprocess.run([sys.executable, str(script)]).returncode != 0
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
