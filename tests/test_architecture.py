"""Layering holds: importing the core loads neither the UI nor torch."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_import_qa_stays_light() -> None:
    code = (
        "import sys, qa, qa.cli; "
        "print([m for m in ('textual', 'torch', 'sentence_transformers', 'tui') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_import_contracts_are_kept() -> None:
    lint = REPO / ".venv" / "bin" / "lint-imports"
    exe = str(lint) if lint.exists() else "lint-imports"
    out = subprocess.run([exe], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stdout[-2000:]


def test_every_public_name_resolves() -> None:
    import qa

    for name in qa.__all__:
        assert getattr(qa, name) is not None
