"""The CLI over a hostile corpus, with the fake encoder: skips named, bad questions survived, errors one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import BAD_QUESTIONS, NEEDLE, SKIPPED, build_hostile_corpus

from qa.cli import cli
from tests.conftest import HashingEncoder


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes the CLI embed with the fake encoder (pass `--model fake-hashing`)."""
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """The hostile corpus, indexed once through `qa index` with the fake encoder."""
    import qa.api

    root = tmp_path_factory.mktemp("hostile")
    corpus = build_hostile_corpus(root / "corpus", big_chars=300_000)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
        result = run("index", str(corpus), corpus=corpus, index=root / "index")
    return corpus, root / "index", result


def run(*args: str, corpus: Path, index: Path, input: str | None = None) -> Result:
    """Runs `qa` in-process with the fake model."""
    options = ["--corpus", str(corpus), "--index", str(index), "--model", HashingEncoder.name, "-q"]
    return CliRunner().invoke(cli, [args[0], *options, *args[1:]], input=input, catch_exceptions=False)


def test_indexing_a_hostile_corpus_names_every_skipped_file_and_exits_0(hostile_index: tuple) -> None:
    _, index, result = hostile_index
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for name, reason in SKIPPED.items():
        assert f"skipped {name}: {reason}" in result.stderr
    assert "skipped evil\ufffd[2J name.txt: binary file, not text" in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stdout == ""  # -q: the skipped files above, and no summary
    assert len(json.loads((index / "manifest.json").read_text(encoding="utf-8"))["files"]) == 4


@pytest.mark.usefixtures("fake_model")
def test_the_needle_in_a_long_single_line_is_found_and_cited_verbatim(hostile_index: tuple) -> None:
    corpus, index, _ = hostile_index
    result = run("ask", "What is the secret launch code of the orange submarine?", "--json", corpus=corpus, index=index)
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)
    assert reply["passages"][0]["file"] == "big.txt"
    text = (corpus / "big.txt").read_text(encoding="utf-8")
    top = reply["passages"][0]
    assert NEEDLE in text[top["char_start"] : top["char_end"]]


@pytest.mark.usefixtures("fake_model")
def test_files_with_accents_in_their_names_are_cited_by_those_names(hostile_index: tuple) -> None:
    corpus, index, _ = hostile_index
    result = run("ask", "When did the harbour of Saint-Émile open?", "--json", corpus=corpus, index=index)
    reply = json.loads(result.stdout)
    assert reply["passages"][0]["file"] == "café notes é.txt"


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("question", BAD_QUESTIONS, ids=range(len(BAD_QUESTIONS)))
def test_bad_questions_get_an_answer_or_a_message_and_never_raw_escapes(hostile_index: tuple, question: str) -> None:
    corpus, index, _ = hostile_index
    result = run("ask", question, corpus=corpus, index=index)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    as_json = run("ask", question, "--json", corpus=corpus, index=index)
    assert as_json.exit_code == 0
    reply = json.loads(as_json.stdout)
    assert "\x1b" not in as_json.stdout  # JSON escapes it as \u001b
    assert len(reply["question"]) <= 2000


@pytest.mark.usefixtures("fake_model")
def test_bad_questions_from_stdin_are_answered_one_a_line(hostile_index: tuple) -> None:
    corpus, index, _ = hostile_index
    lines = [q for q in BAD_QUESTIONS if "\n" not in q and q.strip()]
    result = run("ask", "-", "--json", corpus=corpus, index=index, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(lines)


@pytest.mark.usefixtures("fake_model")
def test_escape_sequences_in_documents_are_not_replayed_to_the_terminal(hostile_index: tuple) -> None:
    from qa.render import render_reply

    corpus, index, _ = hostile_index
    result = run("ask", "Who was the lighthouse keeper of Port Elan?", corpus=corpus, index=index)
    assert "Agathe Morel" in result.stdout
    assert "\x1b" not in result.stdout
    from qa.api import load_bot
    from qa.settings import Settings

    bot = load_bot(Settings(corpus=corpus, index_dir=index, model=HashingEncoder.name), encoder=HashingEncoder())
    coloured = render_reply(bot.ask("Who was the lighthouse keeper of Port Elan?"), color=True)
    assert "Agathe Morel" in coloured
    assert "\x1b[31m" not in coloured and "\x1b[2J" not in coloured


@pytest.mark.usefixtures("fake_model")
def test_a_truncated_index_is_refused_with_one_line_and_exit_1(hostile_index: tuple, tmp_path: Path) -> None:
    import shutil

    corpus, index, _ = hostile_index
    copy = tmp_path / "index"
    shutil.copytree(index, copy)
    vectors = copy / "chunk_vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:100])
    result = run("ask", "Who was the lighthouse keeper?", corpus=corpus, index=copy)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "qa index" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("fake_model")
def test_ctrl_c_while_indexing_exits_130_with_one_line_and_keeps_the_index(
    hostile_index: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import qa.api

    corpus, index, _ = hostile_index
    copy = tmp_path / "index"
    shutil.copytree(index, copy)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(qa.api, "index_corpus", interrupted)
    result = run("index", "--force", corpus=corpus, index=copy)
    assert result.exit_code == 130
    assert result.stderr == "interrupted; previous index kept\n"  # no blank line first: stderr is no terminal
    first = run("index", corpus=corpus, index=tmp_path / "never-built")
    assert first.exit_code == 130 and first.stderr == "interrupted; no index written\n"  # nothing there to keep
    monkeypatch.undo()
    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
    assert run("ask", "Who was the lighthouse keeper?", corpus=corpus, index=copy).exit_code == 0


@pytest.mark.parametrize("command", [("index",), ("ask", "Who?"), ("ask", "Who designed it?"), ("quote", "a b c")])
def test_a_missing_corpus_is_one_line_and_leaves_nothing_behind(command: tuple[str, ...], tmp_path: Path) -> None:
    result = run(*command, corpus=tmp_path / "nowhere", index=tmp_path / "index")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: corpus folder not found") and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no index, and no lock file for a folder never indexed


def test_a_corpus_with_only_bad_files_is_one_line(tmp_path: Path, fake_model: None) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\x00" * 10)
    result = run("index", str(corpus), corpus=corpus, index=tmp_path / "index")
    assert result.exit_code == 1
    assert "skipped" not in result.stdout
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: no readable")
    assert "a.txt: binary file" in result.stderr


def test_error_messages_never_carry_raw_escapes_from_file_names(tmp_path: Path, fake_model: None) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "\x1b[2Jevil.txt").write_bytes(b"")
    result = run("index", str(corpus), corpus=corpus, index=tmp_path / "index")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "evil.txt: empty file" in result.stderr


def test_ctrl_c_before_a_command_reaches_its_work_is_one_line_and_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # as while `qa index` is still importing, before its error handling is entered

    monkeypatch.setattr(qa.cli, "make_settings", interrupted)
    for command in (["index"], ["ask", "Who?"]):
        result = run(*command, corpus=tmp_path, index=tmp_path / "index")
        assert result.exit_code == 130, command
        assert result.stderr.strip() == "interrupted" and "Aborted" not in result.stderr
    assert not (tmp_path / "index").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, a folder where no file can be made")
@pytest.mark.usefixtures("fake_model")
def test_an_index_where_no_file_can_be_made_is_one_line_at_once(tiny_corpus: Path) -> None:
    import time

    started = time.monotonic()
    result = run("index", "--wait", "20", corpus=tiny_corpus, index=Path("/proc/qa-test-index"))
    assert time.monotonic() - started < 10  # not the lock's wait: nobody else holds it
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: /proc/qa-test-index.lock: ") and result.stderr.count("\n") == 1
    assert "another" not in result.stderr and "--index elsewhere" in result.stderr


def test_ctrl_c_while_the_command_line_imports_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins
    import sys

    from qa.entry import main

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "qa.cli":
            raise KeyboardInterrupt  # as Ctrl-C in the first 50 ms of `qa`, while click and the CLI load
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "qa.cli", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err.strip() == "interrupted"


def test_an_index_folder_that_holds_other_files_is_refused_and_left_whole(tiny_corpus: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "thesis.txt").write_text("years of work", encoding="utf-8")
    for command in (["index"], ["ask", "Who was the lighthouse keeper?"]):
        result = run(*command, corpus=tiny_corpus, index=victim)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(f"Error: --index {victim}: holds files that are not a qa index")
        assert result.stderr.count("\n") == 1
    assert [p.name for p in victim.iterdir()] == ["thesis.txt"]
    before = sorted(p.name for p in tiny_corpus.iterdir())
    result = run("index", corpus=tiny_corpus, index=tiny_corpus)  # the corpus itself, by mistake
    assert result.exit_code == 1 and sorted(p.name for p in tiny_corpus.iterdir()) == before


@pytest.mark.usefixtures("fake_model")
def test_the_default_index_folder_that_lost_its_manifest_is_rebuilt(tiny_corpus: Path) -> None:
    """Only qa writes to its default per-corpus folder: without a manifest it is a damaged index, not someone's
    files, and used to be refused (`pass an empty or new folder`) even to `qa index --force`."""
    from qa.settings import default_index_dir

    options = ["--corpus", str(tiny_corpus), "--model", HashingEncoder.name, "-q"]
    assert CliRunner().invoke(cli, ["index", *options]).exit_code == 0
    (default_index_dir(tiny_corpus) / "manifest.json").unlink()
    result = CliRunner().invoke(cli, ["ask", *options, "Who designed the lighthouse?"])
    assert result.exit_code == 0, result.output
    assert "Maria Koval" in result.stdout and (default_index_dir(tiny_corpus) / "manifest.json").is_file()


@pytest.mark.usefixtures("fake_model")
def test_an_index_whose_corpus_moved_says_so_and_is_never_rebuilt_from_the_default(
    tiny_corpus: Path, tmp_path: Path
) -> None:
    import shutil

    corpus, index = tmp_path / "notes", tmp_path / "index"
    shutil.copytree(tiny_corpus, corpus)
    assert run("index", corpus=corpus, index=index).exit_code == 0
    moved = corpus.rename(tmp_path / "moved")
    manifest = (index / "manifest.json").read_bytes()
    options = ["--index", str(index), "--model", HashingEncoder.name, "-q"]
    for command in (["index", *options], ["ask", *options, "Who was the lighthouse keeper?"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, command
        assert f"was built from {corpus.resolve()}, which is no longer there" in result.stderr
        assert result.stderr.count("\n") == 1
    assert (index / "manifest.json").read_bytes() == manifest  # not rebuilt from seeds/
    assert "no longer there" in run("ask", "Who was the lighthouse keeper?", corpus=moved, index=index).stderr
    assert run("index", corpus=moved, index=index).exit_code == 0  # what the message says to do
    result = CliRunner().invoke(cli, ["ask", *options, "Who was the lighthouse keeper?"])
    assert result.exit_code == 0, result.output


def test_a_mistyped_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for args in (["ask", "-k", "0", "Who?"], ["--bogus"], ["ask", "--multilingual", "weird", "Who?"], ["ask"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
        assert "--help`)" in result.stderr


@pytest.mark.parametrize("option", ["--index", "--corpus"])
def test_an_empty_folder_option_is_refused_not_taken_for_the_current_folder(option: str) -> None:
    result = CliRunner().invoke(cli, ["ask", option, "", "Who?"])
    assert result.exit_code == 2
    assert "the path is empty" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("option", ["--index", "--corpus"])
def test_a_folder_named_in_bytes_that_are_not_utf8_is_one_line(option: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", option, str(tmp_path / "\udce9dir"), "Who?"])
    assert result.exit_code == 1
    assert "the path is not valid UTF-8" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.usefixtures("fake_model")
def test_a_question_with_bytes_that_are_not_utf8_is_answered_from_its_other_words(
    tiny_corpus: Path, tmp_path: Path
) -> None:
    result = run("ask", "Who was the lighthouse \udce9keeper?", "--json", corpus=tiny_corpus, index=tmp_path / "i")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["question"] == "Who was the lighthouse \ufffdkeeper?"
    piped = run("ask", "-", "--json", corpus=tiny_corpus, index=tmp_path / "i", input=b"Who \xe9was it?\n")
    assert piped.exit_code == 0
    assert piped.stderr.count("stdin is not UTF-8") == 1


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("command", [("quote", "designed by engineer maria koval"), ("ask", "Who designed it?")])
def test_a_read_only_index_with_an_edited_file_is_one_line_naming_the_fix(
    command: tuple[str, str], tiny_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    index = tmp_path / "index"
    assert run("index", corpus=tiny_corpus, index=index).exit_code == 0
    harbor = tiny_corpus / "harbor.txt"
    harbor.write_text("Harbor notes\n\n" + harbor.read_text(encoding="utf-8"), encoding="utf-8")
    real_touch = Path.touch

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.endswith(".lock"):  # as on a read-only mount, where root too is refused
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_touch(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "touch", read_only)
    result = run(*command, corpus=tiny_corpus, index=index)
    assert result.exit_code == 1, result.output
    error = result.stderr.splitlines()[-1]
    assert error.startswith(f"Error: {index}.lock: Read-only file system; the index was left as it was")
    assert "pass --index to a folder you can write" in error
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("fake_model")
def test_ctrl_c_while_answering_says_interrupted_without_speaking_of_an_index(
    hostile_index: tuple, monkeypatch
) -> None:
    import qa.api

    corpus, index, _ = hostile_index

    def interrupted(self: object, question: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(qa.api.Bot, "ask", interrupted)
    result = run("ask", "-", corpus=corpus, index=index, input="Who was the lighthouse keeper?\n")
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"  # no index was being written


@pytest.mark.usefixtures("fake_model")
def test_a_question_cut_to_its_first_characters_says_so(tiny_corpus: Path, tmp_path: Path) -> None:
    from qa import MAX_QUESTION_CHARS

    options = ["--corpus", str(tiny_corpus), "--index", str(tmp_path / "index"), "--model", HashingEncoder.name]
    long = "Who designed the lighthouse? " + "please " * 1000
    result = CliRunner().invoke(cli, ["ask", *options, long])
    assert result.exit_code == 0, result.output
    assert f"note: only the first {MAX_QUESTION_CHARS:,} characters of the question were asked" in result.stderr
    short = CliRunner().invoke(cli, ["ask", *options, "Who designed the lighthouse?"])
    assert "note:" not in short.stderr
