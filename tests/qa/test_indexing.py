"""Streaming indexing: batches of documents embedded into scratch arrays, progress, and Ctrl-C safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np

import qa.indexing
from qa.index import load_index
from qa.indexing import SCRATCH_PREFIX, index_corpus
from tests.conftest import REPO, SEEDS, HashingEncoder, fake_settings


class CountingEncoder(HashingEncoder):
    """Records the size of every encode call and reports progress as the real encoders do."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts, *, progress=None):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        if progress:
            progress(len(texts) // 2, len(texts))
        return super().encode(texts)


def test_small_batches_give_the_same_index_as_one_batch(tiny_corpus, tmp_path, monkeypatch) -> None:
    index_corpus(fake_settings(tiny_corpus, tmp_path / "whole"), make_encoder=HashingEncoder)
    monkeypatch.setattr(qa.indexing, "EMBED_BATCH_TEXTS", 3)
    encoder = CountingEncoder()
    seen: list[tuple[str, int, int]] = []
    index_corpus(
        fake_settings(tiny_corpus, tmp_path / "batched"),
        make_encoder=lambda: encoder,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    whole, batched = load_index(tmp_path / "whole"), load_index(tmp_path / "batched")
    assert len(encoder.calls) == len(whole.documents) > 1  # one call per document: each holds >= 3 texts
    assert np.array_equal(whole.chunk_vectors, batched.chunk_vectors)
    assert np.array_equal(whole.sentence_vectors, batched.sentence_vectors)
    assert np.array_equal(whole.chunk_rows, batched.chunk_rows)
    embedding = [(done, total) for stage, done, total in seen if stage == "embedding"]
    assert [d for d, _ in embedding] == sorted(d for d, _ in embedding)  # never goes back
    assert embedding[-1] == (sum(encoder.calls), sum(encoder.calls))
    assert not list(tmp_path.glob(f"*{SCRATCH_PREFIX}*"))  # scratch vectors are removed


def test_reused_and_fresh_documents_interleave_in_corpus_order(tiny_corpus, tmp_path, monkeypatch) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    first = sorted(tiny_corpus.rglob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    monkeypatch.setattr(qa.indexing, "EMBED_BATCH_TEXTS", 2)
    report = index_corpus(settings, make_encoder=HashingEncoder)
    assert report.embedded_files == 1 and report.reused_files >= 1
    updated = load_index(settings.index_path)
    index_corpus(fake_settings(tiny_corpus, tmp_path / "fresh"), make_encoder=HashingEncoder)
    assert np.allclose(updated.chunk_vectors, load_index(tmp_path / "fresh").chunk_vectors)


def test_a_renamed_or_copied_file_reuses_its_vectors(tiny_corpus, tmp_path) -> None:
    """Only text is embedded, so content already indexed under another name needs no model run: a folder
    reorganised used to be embedded again whole."""
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    (tiny_corpus / "harbor.txt").rename(tiny_corpus / "port.txt")
    shutil.copy(tiny_corpus / "orchard.md", tiny_corpus / "orchard copy.md")
    encoder = CountingEncoder()
    report = index_corpus(settings, make_encoder=lambda: encoder)
    assert report.embedded_files == 0 and report.reused_files == 4 and report.written and encoder.calls == []
    assert report.moved_files == 1 and report.removed_files == 0  # harbor.txt is port.txt now, not gone
    moved = load_index(settings.index_path)
    assert sorted(moved.by_path) == ["fromage.txt", "orchard copy.md", "orchard.md", "port.txt"]
    index_corpus(fake_settings(tiny_corpus, tmp_path / "fresh"), make_encoder=HashingEncoder)
    fresh = load_index(tmp_path / "fresh")
    assert np.array_equal(moved.chunk_vectors, fresh.chunk_vectors)
    assert np.array_equal(moved.sentence_vectors, fresh.sentence_vectors)


def test_a_corpus_holding_two_copies_of_a_file_is_up_to_date_the_second_time(tiny_corpus, tmp_path) -> None:
    """Each copy reuses its own vectors; reusing the first copy's for both made every run rewrite the index."""
    shutil.copy(tiny_corpus / "orchard.md", tiny_corpus / "orchard copy.md")
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    assert index_corpus(settings, make_encoder=HashingEncoder).written
    assert not index_corpus(settings, make_encoder=HashingEncoder).written


def test_two_copies_in_a_first_index_are_embedded_once(tiny_corpus, tmp_path) -> None:
    single = CountingEncoder()
    index_corpus(fake_settings(tiny_corpus, tmp_path / "single"), make_encoder=lambda: single)
    shutil.copy(tiny_corpus / "orchard.md", tiny_corpus / "orchard copy.md")
    doubled = CountingEncoder()
    index_corpus(fake_settings(tiny_corpus, tmp_path / "doubled"), make_encoder=lambda: doubled)
    assert sum(doubled.calls) == sum(single.calls)  # the copy's texts were not embedded again
    index = load_index(tmp_path / "doubled")
    rows = index.chunk_rows
    own = {
        path: [i for i in range(len(rows)) if index.documents[int(rows[i][0])].path == path] for path in index.by_path
    }
    copy, original = own["orchard copy.md"], own["orchard.md"]
    assert copy and np.array_equal(index.chunk_vectors[copy], index.chunk_vectors[original])
    expected = HashingEncoder().encode([index.chunk_text(i) for i in copy])
    assert np.allclose(index.chunk_vectors[copy], expected)


def test_ctrl_c_while_embedding_leaves_the_previous_index_working(tmp_path) -> None:
    """SIGINT to a real `qa index` mid-embedding: exit non-zero, no scratch left, `qa ask` answers from the old one."""
    corpus, home = tmp_path / "corpus", tmp_path / "home"
    corpus.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, corpus / seed.name)
    env = dict(os.environ, QA_INDEX_HOME=str(home), HF_HUB_OFFLINE="1")
    qa_exe = [sys.executable, "-c", "from qa.cli import main; main()"]
    subprocess.run([*qa_exe, "--corpus", str(corpus), "index"], env=env, cwd=REPO, check=True, capture_output=True)
    manifests = list(home.glob("*/manifest.json"))
    before = manifests[0].read_bytes()
    for n in range(40):  # enough new text that embedding takes seconds
        for doc in SEEDS.glob("*.txt"):
            (corpus / f"copy{n}-{doc.name}").write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.Popen(
        [*qa_exe, "--corpus", str(corpus), "index"], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while not any(p.iterdir() for p in home.glob(f"*{SCRATCH_PREFIX}*")) and proc.poll() is None:
        assert time.monotonic() < deadline, "indexing never started embedding"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, "indexing finished before the interrupt: give it more text"
    assert b"Traceback" not in err
    assert not list(home.glob(f"*{SCRATCH_PREFIX}*"))
    assert manifests[0].read_bytes() == before
    asked = subprocess.run(
        [*qa_exe, "--corpus", str(corpus), "ask", "--json", "What is this document about?"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout) and "copy0-" not in asked.stdout  # answered from the old index alone


def test_scratch_left_by_a_killed_run_is_swept_but_other_indexes_scratch_is_kept(tiny_corpus, tmp_path) -> None:
    from qa.indexing import scratch_prefix
    from tests.conftest import HashingEncoder, fake_settings

    settings = fake_settings(tiny_corpus, tmp_path / "mine")
    stale = tmp_path / f"{scratch_prefix(settings)}dead"
    other = tmp_path / f".theirs{SCRATCH_PREFIX}live"
    stale.mkdir()
    other.mkdir()
    index_corpus(settings, make_encoder=HashingEncoder)
    assert not stale.exists() and other.exists()


def test_an_outdated_question_encoder_is_rewritten_even_when_no_file_changed(tiny_corpus, tmp_path) -> None:
    import json

    from tests.conftest import HashingEncoder, fake_settings

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    assert index_corpus(settings, make_encoder=HashingEncoder).written
    old_export = settings.index_path / "encoder"
    old_export.mkdir()
    (old_export / "model.onnx").write_bytes(b"fp32 graph")
    (old_export / "tokenizer.json").write_text("{}")
    (old_export / "encoder.json").write_text(json.dumps({"model": HashingEncoder.name}))  # no quantization: fp32
    assert index_corpus(settings, make_encoder=HashingEncoder).written
    assert not index_corpus(settings, make_encoder=HashingEncoder).written


def test_an_index_built_with_older_chunking_is_rebuilt_before_answering(tiny_corpus, tmp_path) -> None:
    from qa.api import ensure_bot

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    _, untouched = ensure_bot(settings, encoder_factory=HashingEncoder)
    assert untouched is None  # a current index is loaded as it is, without reading the corpus
    manifest_path = settings.index_path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["chunking"]["segmenter"] = "an-older-segmenter/0"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    bot, report = ensure_bot(settings, encoder_factory=HashingEncoder)
    assert report is not None and report.written and report.embedded_files == 3
    assert bot.index.manifest["chunking"]["segmenter"] != "an-older-segmenter/0"


def test_refresh_picks_up_a_file_edited_since_indexing(tiny_corpus, tmp_path) -> None:
    from qa.api import ensure_bot

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    (tiny_corpus / "harbor.txt").write_text("The lighthouse was designed by Anna Brandt.\n", encoding="utf-8")
    bot, report = ensure_bot(settings, encoder_factory=HashingEncoder, refresh=True)
    assert report is not None and (report.embedded_files, report.reused_files) == (1, 2)
    assert "Anna Brandt" in bot.index.document("harbor.txt").text


def test_progress_names_the_steps_without_a_count_and_the_cli_prints_them(tiny_corpus, tmp_path, capsys) -> None:
    from qa.cli import progress_printer
    from qa.indexing import LOADING_MODEL

    seen: list[tuple[str, int, int]] = []
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder, progress=lambda *step: seen.append(step))
    assert seen[0] == (LOADING_MODEL, 0, 0)  # before the seconds torch takes to load, not after
    assert seen[-1] == ("writing the index", 0, 0)
    assert [s for s, _, total in seen if total] and all(done <= total for _, done, total in seen if total)
    unchanged: list[tuple[str, int, int]] = []
    index_corpus(settings, make_encoder=HashingEncoder, progress=lambda *step: unchanged.append(step))
    assert LOADING_MODEL not in {s for s, _, _ in unchanged}  # nothing to embed: no model is loaded
    printer = progress_printer(settings.with_(quiet=False))
    assert printer is not None
    printer(LOADING_MODEL, 0, 0)
    assert capsys.readouterr().err == f"{LOADING_MODEL}…\n"


def test_indexing_walks_the_corpus_folder_once(tiny_corpus, tmp_path, monkeypatch) -> None:
    """The listing fingerprint and the documents come from one walk: a big tree is not listed twice."""
    import qa.ingestion

    walks: list[str] = []
    real_walk = os.walk

    def counting_walk(top, *args, **kwargs):  # type: ignore[no-untyped-def]
        walks.append(str(top))
        return real_walk(top, *args, **kwargs)

    monkeypatch.setattr(qa.ingestion.os, "walk", counting_walk)
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    assert walks == [str(settings.corpus)]
    assert load_index(settings.index_path).manifest["listing"] == qa.ingestion.corpus_listing(settings.corpus)


def test_the_manifest_records_each_file_s_stat_and_a_touch_is_recorded_without_embedding(tiny_corpus, tmp_path):
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    stats = load_index(settings.index_path).manifest["stats"]
    harbor = os.stat(tiny_corpus / "harbor.txt")
    assert stats["harbor.txt"] == [harbor.st_size, harbor.st_mtime_ns, harbor.st_ctime_ns]
    assert set(stats) == {"fromage.txt", "harbor.txt", "orchard.md"}
    os.utime(tiny_corpus / "harbor.txt", ns=(1, 10**18))
    touched = index_corpus(settings, make_encoder=HashingEncoder)
    assert touched.written and (touched.embedded_files, touched.reused_files) == (0, 3)  # so no `qa ask` reads it
    assert load_index(settings.index_path).manifest["stats"]["harbor.txt"][1] == 10**18
    assert not index_corpus(settings, make_encoder=HashingEncoder).written


def test_multilingual_vectors_turned_on_by_auto_name_their_cause_once(tiny_corpus, tmp_path) -> None:
    auto = fake_settings(tiny_corpus, tmp_path / "auto")
    assert index_corpus(auto, make_encoder=HashingEncoder).multilingual_cause == (("fromage.txt", "fr"),)
    (tiny_corpus / "harbor.txt").write_text("Le phare a été construit en 1902.\n", encoding="utf-8")
    assert index_corpus(auto, make_encoder=HashingEncoder).multilingual_cause == ()  # already on
    always = fake_settings(tiny_corpus, tmp_path / "always").with_(multilingual="always")
    assert index_corpus(always, make_encoder=HashingEncoder).multilingual_cause == ()  # asked for, nothing to explain


def test_a_file_the_index_held_that_cannot_be_read_now_is_reported_as_dropped(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    (tiny_corpus / "empty.md").write_text("", encoding="utf-8")
    first = index_corpus(settings, make_encoder=HashingEncoder)
    assert [s.path for s in first.skipped] == ["empty.md"] and first.dropped == ()
    (tiny_corpus / "orchard.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    report = index_corpus(settings, make_encoder=HashingEncoder)
    assert [(s.path, s.reason) for s in report.dropped] == [("orchard.md", "binary file, not text")]
