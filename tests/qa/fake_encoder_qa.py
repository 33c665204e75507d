"""Runs the `qa` command line with the fake encoder, for tests that kill or starve a real `qa` process.

QA_TEST_PAUSE_AT names a moment to announce (by creating the file QA_TEST_MARK) and then sleep through, so a
test can send a signal exactly there: `encode` (embedding the texts) or `commit` (every index file written, the
rename not yet done).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conftest import HashingEncoder  # noqa: E402


def pause_if(moment: str) -> None:
    """Marks the moment and sleeps when the test asked to stop here."""
    if os.environ.get("QA_TEST_PAUSE_AT") == moment:
        Path(os.environ["QA_TEST_MARK"]).write_text(moment, encoding="utf-8")
        time.sleep(60)


class PausingEncoder(HashingEncoder):
    """The fake encoder, pausing while embedding when asked to."""

    def encode(self, texts: Any, *, progress: Any = None) -> Any:
        pause_if("encode")
        return super().encode(texts, progress=progress)


def main() -> None:
    """Patches the encoder (and the commit pause) in, then runs the real CLI."""
    import embeddings.store
    import qa.api
    from qa.cli import main as qa_main

    qa.api.load_encoder = lambda settings: PausingEncoder()  # type: ignore[assignment]
    fsync_tree: Callable[[Path], None] = embeddings.store._fsync_tree

    def pausing_fsync_tree(folder: Path) -> None:
        fsync_tree(folder)
        pause_if("commit")

    embeddings.store._fsync_tree = pausing_fsync_tree  # type: ignore[assignment]
    qa_main()


if __name__ == "__main__":
    main()
