"""Builds a hostile corpus on disk: the files users really point `qa` at, good ones and bad ones mixed."""

from __future__ import annotations

import random
from pathlib import Path

NEEDLE = "The secret launch code of the orange submarine is 4417."
GOOD = {
    "café notes é.txt": "The harbour of Saint-Émile opened in 1887 after a long dispute about fishing rights.\n",
    "keeper.md": "The lighthouse keeper of Port Elan was a woman named \x1b[31mAgathe Morel\x1b[0m.\x1b[2J\n",
}
LATIN1 = "Le café de la place est ouvert depuis 1902. La crème brûlée y est célèbre dans toute la région.\n"


def one_line(size: int) -> str:
    """Returns one line of `size` characters of filler words with the needle sentence in the middle."""
    filler = "Rivers and stones and clouds move slowly over the quiet plain. " * (size // 64 + 1)
    half = size // 2 - len(NEEDLE) // 2
    cut = filler.rfind(" ", 0, half) + 1
    return (filler[:cut] + NEEDLE + " " + filler[cut:])[:size]


def build_hostile_corpus(root: Path, *, big_chars: int = 1_000_000) -> Path:
    """Writes the corpus under `root` and returns it."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (root / "random.txt").write_bytes(random.Random(11).randbytes(64 * 1024))
    (root / "empty.txt").write_bytes(b"")
    (root / "big.txt").write_text(one_line(big_chars), encoding="utf-8")
    (root / "loop1.txt").symlink_to("loop2.txt")
    (root / "loop2.txt").symlink_to("loop1.txt")
    (root / "broken.txt").symlink_to("missing.txt")
    (root / "sub").mkdir(exist_ok=True)
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "evil\x1b[2J name.txt").write_bytes(b"\x00\x01\x02" * 100)
    return root


SKIPPED = {
    "random.txt": "binary file, not text",
    "empty.txt": "empty file",
    "loop1.txt": "symbolic link loop",
    "loop2.txt": "symbolic link loop",
    "broken.txt": "broken link or file vanished",
}

BAD_QUESTIONS = [
    "",
    "   \t  ",
    "?",
    "x" * 100_000,
    "where " * 20_000,
    "\x00\x01\x02\x1b[2J\x07 lighthouse keeper?",
    "\x1b]0;pwned\x07Who was the lighthouse keeper?\x1b[31m",
    "\u202eWho was the lighthouse keeper?\u202c",
    "灯台守は誰でしたか?",
    "Кто был смотрителем маяка?",
    "من كان حارس المنارة؟",
    "🙂" * 500,
    "\ufeff\u200b\u200b",
]
