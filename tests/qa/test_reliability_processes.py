"""Real `qa index` processes killed, interrupted, starved of disk or racing: the previous index keeps answering."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.api import load_bot
from qa.settings import Settings
from tests.conftest import HashingEncoder

HELPER = Path(__file__).with_name("fake_encoder_qa.py")


def qa_process(
    *args: str, corpus: Path, index: Path, pause_at: str | None = None, mark: Path | None = None, **popen: object
) -> subprocess.Popen[str]:
    """Starts `qa ARGS` in a new process that embeds with the fake encoder."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    if pause_at:
        assert mark is not None
        env.update(QA_TEST_PAUSE_AT=pause_at, QA_TEST_MARK=str(mark))
    command = [sys.executable, str(HELPER), args[0], "--corpus", str(corpus), "--index", str(index)]
    command += ["--model", HashingEncoder.name, "-q", *args[1:]]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)  # type: ignore[call-overload]


def qa_run(*args: str, corpus: Path, index: Path, **popen: object) -> subprocess.CompletedProcess[str]:
    """Runs `qa ARGS` to the end and returns what it printed."""
    proc = qa_process(*args, corpus=corpus, index=index, **popen)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def wait_for(mark: Path, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Waits until the process announces it reached its pause."""
    deadline = time.monotonic() + timeout
    while not mark.exists():
        if proc.poll() is not None:
            pytest.fail(f"qa exited early ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
        assert time.monotonic() < deadline, "qa never reached its pause"
        time.sleep(0.05)


def answers(corpus: Path, index: Path) -> list[str]:
    """Returns the documents of the index at `index`, after checking it answers a question."""
    bot = load_bot(
        Settings(corpus=corpus, index_dir=index, model=HashingEncoder.name, abstain_below=0.05),
        encoder=HashingEncoder(),
    )
    reply = bot.ask("Who designed the lighthouse at Port Elan?")
    assert reply.answers
    top = reply.answers[0]
    assert bot.index.document(top.citation.file).text[top.citation.char_start : top.citation.char_end] == top.text  # type: ignore[union-attr]
    return sorted(d.path for d in bot.index.documents)


@pytest.fixture
def indexed(tiny_corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The tiny corpus indexed by a real `qa index` process, then grown by one file."""
    index = tmp_path / "index"
    done = qa_run("index", corpus=tiny_corpus, index=index)
    assert done.returncode == 0, done.stderr
    (tiny_corpus / "extra.txt").write_text("An extra document about the tides of the northern bay.\n")
    return tiny_corpus, index


BEFORE = ["fromage.txt", "harbor.txt", "orchard.md"]


@pytest.mark.parametrize("moment", ["encode", "commit"])
def test_sigkill_mid_reindex_leaves_the_previous_index_answering(
    indexed: tuple[Path, Path], tmp_path: Path, moment: str
) -> None:
    corpus, index = indexed
    mark = tmp_path / "mark"
    proc = qa_process("index", corpus=corpus, index=index, pause_at=moment, mark=mark)
    wait_for(mark, proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert answers(corpus, index) == BEFORE
    if moment == "encode":  # a run with nothing to embed clears what the killed one left too
        (corpus / "extra.txt").rename(tmp_path / "extra.txt")
        assert [p.name for p in index.parent.iterdir() if p.name.startswith(".index.embedding-")]
        assert qa_run("index", corpus=corpus, index=index).returncode == 0
        assert [p.name for p in index.parent.iterdir() if p.name.startswith(".index")] == []
        (tmp_path / "extra.txt").rename(corpus / "extra.txt")
    again = qa_run("index", corpus=corpus, index=index)
    assert again.returncode == 0, again.stderr
    assert answers(corpus, index) == sorted([*BEFORE, "extra.txt"])
    assert sorted(p.name for p in index.parent.iterdir() if p.name.startswith(".index")) == []


@pytest.mark.parametrize("moment", ["encode", "commit"])
@pytest.mark.parametrize(
    ("sent", "status", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_ctrl_c_or_kill_mid_reindex_prints_one_line_exits_128_plus_the_signal_and_keeps_the_index(
    indexed: tuple[Path, Path], tmp_path: Path, moment: str, sent: int, status: int, said: str
) -> None:
    corpus, index = indexed
    mark = tmp_path / "mark"
    proc = qa_process("index", corpus=corpus, index=index, pause_at=moment, mark=mark)
    wait_for(mark, proc)
    proc.send_signal(sent)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == status
    assert err.strip() == f"{said}; previous index kept"
    assert answers(corpus, index) == BEFORE
    assert sorted(p.name for p in index.parent.iterdir() if p.name.startswith(".index")) == []


def test_a_second_indexer_waits_for_the_first_or_gives_up_with_one_line(
    indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = indexed
    mark = tmp_path / "mark"
    first = qa_process("index", corpus=corpus, index=index, pause_at="encode", mark=mark)
    try:
        wait_for(mark, first)
        refused = qa_run("index", "--wait", "0.5", corpus=corpus, index=index)
        assert refused.returncode == 1
        waited, error = refused.stderr.splitlines()
        assert waited.startswith("waiting up to 0.5s for another process writing")
        assert error.startswith("Error: index at ") and "being written by another `qa index`" in error
        waiting = qa_process("index", "--wait", "60", corpus=corpus, index=index)
        time.sleep(1.0)
        assert waiting.poll() is None, "the second indexer did not wait for the lock"
        first.send_signal(signal.SIGINT)
        out, err = waiting.communicate(timeout=60)
        assert waiting.returncode == 0, err
        assert out == ""  # -q
        assert len(answers(corpus, index)) == 4
    finally:
        first.kill()
        first.communicate()
    assert answers(corpus, index) == sorted([*BEFORE, "extra.txt"])


def test_a_full_disk_while_writing_is_one_line_and_keeps_the_index(indexed: tuple[Path, Path]) -> None:
    corpus, index = indexed

    def small_files_only() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit then fail with EFBIG, like ENOSPC
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    starved = qa_run("index", "--force", corpus=corpus, index=index, preexec_fn=small_files_only)
    assert starved.returncode == 1
    assert starved.stderr.startswith("Error: ") and starved.stderr.count("\n") == 1, starved.stderr
    assert "File too large; the index was left as it was" in starved.stderr
    assert answers(corpus, index) == BEFORE
    assert sorted(p.name for p in index.parent.iterdir() if p.name.startswith(".index")) == []


def test_a_reader_that_goes_away_stops_qa_quietly(indexed: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index = indexed
    questions = tmp_path / "questions.txt"
    questions.write_text("Who designed the lighthouse at Port Elan?\n" * 3000, encoding="utf-8")
    with questions.open() as stdin:
        proc = qa_process("ask", "-", "--json", corpus=corpus, index=index, stdin=stdin)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("{")
    proc.stdout.close()  # like `| head -1`
    proc.wait(timeout=120)
    err = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, err
    assert err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_behind_stdout_is_one_line_about_stdout_not_the_index_nor_a_traceback(
    indexed: tuple[Path, Path],
) -> None:
    corpus, index = indexed
    first = qa_run("ask", "Who designed the lighthouse?", corpus=corpus, index=index)  # indexes extra.txt
    with open("/dev/full", "w") as full:
        done = subprocess.run(first.args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write to standard output: No space left on device\n"
    questions = corpus / "questions.jsonl"  # not a corpus document: .jsonl
    questions.write_text('{"question": "Who designed the lighthouse?", "answers": ["Maria Koval"]}\n', encoding="utf-8")
    helper = list(first.args[:2])  # the interpreter and the fake-encoder wrapper of `qa`
    options = list(first.args[3:])  # --corpus, --index, --model, -q and the question's place
    for command in (
        ["--help"],
        ["--version"],
        ["ask", "--help"],
        ["eval", str(questions), *options[:-1]],
        ["eval", str(questions), "--json", *options[:-1]],
    ):
        with open("/dev/full", "w") as full:
            done = subprocess.run([*helper, *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
        assert (done.returncode, done.stderr) == (
            1,
            "Error: cannot write to standard output: No space left on device\n",
        )
