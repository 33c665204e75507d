"""The reliability bar, end to end: real `qa` processes and the real model against a hostile corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.slow
def test_the_hostile_corpus_bench_passes_every_check(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "hostile_corpus.py"), "--big-chars", "50000", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8/8 checks passed" in result.stdout
