"""Settings from Python: what the command line checks, a caller of the API is told too."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import Settings
from qa.errors import BadSetting, QAError


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"top_k": 0}, "top_k must be a whole number of at least 1, not 0"),
        ({"top_k": -1}, "top_k must be"),
        ({"max_answers": 0}, "max_answers must be"),
        ({"multilingual": "bogus"}, "multilingual must be one of auto, always, never, not 'bogus'"),
        ({"abstain_below": float("nan")}, "abstain_below must be a number"),
    ],
)
def test_a_value_that_could_only_give_wrong_results_is_refused(tmp_path: Path, changes: dict, says: str) -> None:
    """`top_k=0` replied `Not found`, which read as a real abstention."""
    with pytest.raises(BadSetting, match=says) as info:
        Settings(corpus=tmp_path, **changes)
    assert isinstance(info.value, QAError) and isinstance(info.value, ValueError)


def test_one_model_folder_written_two_ways_is_one_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest compares model names: `./mymodel` against `/abs/mymodel` refused the index it had built."""
    (tmp_path / "mymodel").mkdir()
    monkeypatch.chdir(tmp_path)
    relative = Settings(corpus=tmp_path, model="./mymodel")
    absolute = Settings(corpus=tmp_path, model=f"{tmp_path}/mymodel/")
    assert relative.model == absolute.model == str((tmp_path / "mymodel").resolve())
    assert Settings(corpus=tmp_path, model="no-such-folder").model == "no-such-folder"  # reported when loaded


def test_a_question_that_is_not_text_is_a_type_error(fake_bot) -> None:
    with pytest.raises(TypeError, match="a question is a str, not NoneType"):
        fake_bot.ask(None)


def test_a_corpus_that_is_a_file_is_named_so_from_python(tmp_path: Path) -> None:
    from qa import ensure_bot
    from qa.errors import CorpusNotFound

    afile = tmp_path / "notes.txt"
    afile.write_text("hello", encoding="utf-8")
    with pytest.raises(CorpusNotFound, match="notes.txt is a file, not a folder"):
        ensure_bot(Settings(corpus=afile))
