"""The command line: index, ask (text, JSON, stdin), and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.cli import cli
from tests.conftest import SEEDS


@pytest.fixture
def seeded(seeds_bot, seeds_settings) -> list[str]:
    """CLI options pointing at the session's seeds index (already built with the real model)."""
    return ["--corpus", str(seeds_settings.corpus), "--index", str(seeds_settings.index_path)]


def test_ask_prints_the_answer_span_and_a_file_line_citation(seeded) -> None:
    result = CliRunner().invoke(cli, ["ask", "How many Lao officers did Vietnam train in 2021?", *seeded])
    assert result.exit_code == 0, result.output
    assert "280 Lao officers" in result.output
    assert "001_bac36986efc7b92e.txt:L21" in result.output
    assert "Also" not in result.output  # police stations and an anniversary were offered, far less likely


def test_ask_offers_a_nearly_as_likely_sentence_as_another_answer(seeded) -> None:
    question = "Who witnessed the signing of the memorandum on the resident and ID management system?"
    result = CliRunner().invoke(cli, ["ask", question, *seeded])
    assert result.exit_code == 0, result.output
    assert re.search(r"^Also \(\d+% as likely\): ", result.output, re.MULTILINE)  # as the chat labels them


def test_ask_from_stdin_heads_each_plain_reply_with_its_question(seeded) -> None:
    questions = "How many Lao officers did Vietnam train in 2021?\n\nWho is the mayor of Da Nang?\n"
    result = CliRunner().invoke(cli, ["ask", "-", *seeded], input=questions)
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].startswith("Question: How many Lao officers did Vietnam train in 2021?\nAnswer: ")
    assert blocks[1].startswith("Question: Who is the mayor of Da Nang?\nNot found")


def test_ask_json_follows_the_design_schema(seeded) -> None:
    result = CliRunner().invoke(cli, ["ask", "How many Lao officers did Vietnam train in 2021?", "--json", *seeded])
    reply = json.loads(result.output)
    assert set(reply) >= {"question", "abstained", "confidence", "answers", "passages"}
    answer = reply["answers"][0]
    assert set(answer) >= {"text", "span", "score", "citation", "span_citation"}
    c = answer["citation"]
    text = (SEEDS / c["file"]).read_text(encoding="utf-8")
    assert text[c["char_start"] : c["char_end"]] == answer["text"]
    assert set(reply["passages"][0]) >= {"file", "char_start", "char_end", "score"}


def test_ask_dash_reads_one_question_a_line(seeded) -> None:
    questions = (
        "Who is the mayor of Da Nang?\n\nIn which city did Nguyen Duy Ngoc hold talks with his Lao counterpart?\n"
    )
    result = CliRunner().invoke(cli, ["ask", "-", "--json", *seeded], input=questions)
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [r["question"] for r in lines] == [q for q in questions.splitlines() if q]


def test_abstention_is_shown_as_closest_passages_not_an_answer(seeded) -> None:
    result = CliRunner().invoke(cli, ["ask", "Which football club won the ASEAN championship?", *seeded])
    assert result.exit_code == 0
    assert "Not found in the documents" in result.output
    assert "Answer:" not in result.output


def test_index_reports_and_is_incremental(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    args = ["index", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "3 embedded" in first.output
    assert "up to date" in CliRunner().invoke(cli, args).output
    (tiny_corpus / "orchard.md").write_text("The orchard now has 400 trees.\n", encoding="utf-8")
    third = CliRunner().invoke(cli, args)
    assert "1 embedded, 2 unchanged, 0 removed" in third.output
    (tiny_corpus / "orchard.md").rename(tiny_corpus / "trees.md")
    fourth = CliRunner().invoke(cli, args)
    assert "0 embedded, 3 unchanged, 0 removed, 1 moved or renamed" in fourth.output


def test_without_a_terminal_each_indexing_step_is_one_line_on_stderr(
    tmp_path, tiny_corpus, fake_encoder, monkeypatch
) -> None:
    """A log, or `2>file`, shows why a first question took seconds; no bar redraws, and nothing with -q."""
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    args = ["ask", "How many trees?", "--corpus", str(tiny_corpus), "--index", str(tmp_path / "idx")]
    result = CliRunner().invoke(cli, [*args, "--model", fake_encoder.name])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith("embedding (") for line in lines) and "writing the index…" in lines
    assert len(lines) == len(set(lines))  # each step once
    assert "\r" not in result.stderr
    assert result.stdout.strip() and "embedding" not in result.stdout
    quiet = CliRunner().invoke(cli, [*args, "--model", fake_encoder.name, "--index", str(tmp_path / "idx2"), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.output


def test_index_says_which_files_of_other_types_it_did_not_read(tmp_path, tiny_corpus, fake_encoder, monkeypatch):
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    (tiny_corpus / "lease.pdf").write_bytes(b"%PDF-1.4")
    (tiny_corpus / "minutes.docx").write_bytes(b"PK")
    (tiny_corpus / "old.pdf").write_bytes(b"%PDF-1.4")
    (tiny_corpus / ".notes.pdf").write_bytes(b"%PDF-1.4")  # hidden: not the user's documents
    args = ["index", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    expected = "not read: 3 files of other types (.pdf 2, .docx 1); qa reads .txt, .md, .markdown and .text files"
    assert expected in result.stderr.splitlines()
    assert "not read" in CliRunner().invoke(cli, [*args, "-q"]).stderr  # a warning, as skipped files are

    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "scan.pdf").write_bytes(b"%PDF-1.4")
    empty = CliRunner().invoke(cli, ["index", str(scans), "--index", str(tmp_path / "idx2")])
    assert empty.exit_code == 1
    assert empty.stderr.strip().endswith("it holds 1 file of other types (.pdf 1)")


def test_a_long_step_without_a_terminal_says_how_far_it_got_at_each_tenth(capsys) -> None:
    from qa.cli import step_lines

    update = step_lines()
    for done in range(0, 101, 5):
        update("embedding", done, 100)
    update("writing the index", 0, 0)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "embedding (100)…"
    assert lines[1:11] == [f"embedding: {n} of 100" for n in range(10, 101, 10)]
    assert lines[11:] == ["writing the index…"]


def test_index_refuses_a_folder_and_another_corpus(tmp_path, tiny_corpus) -> None:
    other = tmp_path / "other"
    other.mkdir()
    for args in (
        ["index", str(tiny_corpus), "--corpus", str(other)],
        ["--corpus", str(other), "index", str(tiny_corpus)],
    ):
        result = CliRunner().invoke(cli, [*args, "--index", str(tmp_path / "idx")])
        assert result.exit_code == 2 and "two folders" in result.stderr, result.output
    assert not (tmp_path / "idx").exists()


def test_index_quiet_prints_nothing_but_skipped_files(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    (tiny_corpus / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    args = ["index", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    for quiet in (["-q"], ["--quiet"]):
        result = CliRunner().invoke(cli, [*args, *quiet])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [line for line in result.output.splitlines() if "logo.txt" in line]
        assert "logo.txt" in result.output
    assert "up to date" in CliRunner().invoke(cli, args).output
    assert CliRunner().invoke(cli, ["-q", *args]).output.strip().startswith("skipped")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["index", "/no/such/folder"], "corpus folder not found"),
        (["ask", "hello", "--corpus", "/no/such/folder"], "corpus folder not found"),
        (["ask", "hello", "--model", "/no/such/model"], "/no/such/model"),
        (["eval", "/no/such/file.jsonl", "--corpus", "seeds"], "/no/such/file.jsonl"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_1(args, needle, tmp_path) -> None:
    result = CliRunner().invoke(cli, [*args, "--index", str(tmp_path / "idx")])
    assert result.exit_code != 0
    assert needle in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_model_mismatch_says_what_to_do(seeded, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["ask", "hello", *seeded, "--model", str(tmp_path)])
    assert result.exit_code == 1
    assert "built with model" in result.output and "qa index" in result.output
    missing = CliRunner().invoke(cli, ["ask", "hello", *seeded, "--model", "/elsewhere/model"])
    assert missing.exit_code == 1 and "--model /elsewhere/model: no such folder" in missing.stderr


def test_ask_updates_the_index_when_a_cited_file_changed(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    options = ["--corpus", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", *options]).exit_code == 0
    harbor = tiny_corpus / "harbor.txt"
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("Maria Koval", "Anna Brandt"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "Who designed the lighthouse?", "--json", *options])
    assert result.exit_code == 0, result.output
    assert "harbor.txt changed since indexing" in result.stderr, result.stdout
    shown = json.loads(result.stdout)["passages"][0]  # the fake encoder is too weak to answer, so it abstains
    assert shown["file"] == "harbor.txt"
    assert "Anna Brandt" in harbor.read_text(encoding="utf-8")[shown["char_start"] : shown["char_end"]]
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("Anna Brandt", "Ines Roth"), encoding="utf-8")
    quiet = CliRunner().invoke(cli, ["ask", "Who designed the lighthouse?", "--json", "-q", *options])
    assert quiet.exit_code == 0 and quiet.stderr == ""  # -q: updated without a word
    assert "Ines Roth" in CliRunner().invoke(cli, ["ask", "Who designed the lighthouse?", *options]).stdout


def test_quote_updates_the_index_when_a_matched_file_changed(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    options = ["--corpus", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", *options]).exit_code == 0
    harbor = tiny_corpus / "harbor.txt"
    harbor.write_text("Harbor notes\n\n" + harbor.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["quote", "It was designed by engineer Maria Koval", "--json", *options])
    assert result.exit_code == 0, result.output
    assert "harbor.txt changed since indexing" in result.stderr
    top = json.loads(result.stdout)["matches"][0]
    assert harbor.read_text(encoding="utf-8")[top["char_start"] : top["char_end"]] == top["text"]
    assert top["text"] == "It was designed by engineer Maria Koval"
    harbor.write_text("Notes\n" + harbor.read_text(encoding="utf-8"), encoding="utf-8")
    quiet = CliRunner().invoke(cli, ["-q", "quote", "It was designed by engineer Maria Koval", "--json", *options])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_ask_and_quote_index_a_file_added_since_indexing_and_forget_a_removed_one(
    tmp_path, tiny_corpus, fake_encoder, monkeypatch
) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    options = ["--corpus", str(tiny_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", *options]).exit_code == 0
    (tiny_corpus / "sub").mkdir()
    (tiny_corpus / "sub" / "depot.md").write_text("The spare parts depot is located in Rotterdam.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "Where is the spare parts depot located?", "--json", "-k", "10", *options])
    assert result.exit_code == 0, result.output
    assert "sub/depot.md" in [p["file"] for p in json.loads(result.stdout)["passages"]]
    (tiny_corpus / "sub" / "depot.md").unlink()
    result = CliRunner().invoke(cli, ["quote", "The spare parts depot is located in Rotterdam", "--json", *options])
    assert result.exit_code == 0, result.output
    assert "sub/depot.md" not in [m["file"] for m in json.loads(result.stdout)["matches"]]
    again = CliRunner().invoke(cli, ["index", *options])
    assert again.exit_code == 0 and "indexed" not in again.stdout, again.output  # nothing left to do


def test_a_quotation_found_in_a_file_edited_since_indexing_is_refused(fake_bot) -> None:
    import pytest

    from qa.errors import SourcesChanged

    assert fake_bot.find_quotes("It was designed by engineer Maria Koval")
    harbor = fake_bot.settings.corpus / "harbor.txt"
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("Maria Koval", "Anna Brandt"), encoding="utf-8")
    with pytest.raises(SourcesChanged, match="harbor.txt changed since indexing"):
        fake_bot.find_quotes("It was designed by engineer Maria Koval")


def test_a_file_edited_between_two_questions_is_still_caught(fake_bot) -> None:
    reply = fake_bot.ask("Who designed the lighthouse?")
    assert fake_bot.changed_sources(reply) == []  # read once and remembered by size and time
    harbor = fake_bot.settings.corpus / "harbor.txt"
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("Maria Koval", "Anna Brandt"), encoding="utf-8")
    assert "harbor.txt" in fake_bot.changed_sources(fake_bot.ask("Who designed the lighthouse?"))


def test_index_alone_answers_from_the_corpus_it_was_built_from(tmp_path, tiny_corpus, fake_encoder, monkeypatch):
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    index = ["--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", str(tiny_corpus), *index]).exit_code == 0
    result = CliRunner().invoke(cli, ["ask", "lighthouse Port Elan Maria Koval", "--json", *index])
    assert result.exit_code == 0, result.output
    assert "changed since indexing" not in result.stderr  # not mistaken for seeds/, the default corpus
    assert json.loads(result.stdout)["passages"][0]["file"] == "harbor.txt"


def test_an_index_is_never_refreshed_from_another_corpus(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    index = ["--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", str(tiny_corpus), *index]).exit_code == 0
    manifest = (tmp_path / "idx" / "manifest.json").read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("Something else entirely.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "What else?", "--corpus", str(other), *index])
    assert result.exit_code == 1
    assert f"was built from {tiny_corpus.resolve()}" in result.stderr and "--corpus" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "idx" / "manifest.json").read_bytes() == manifest


def test_k_above_the_rerank_pool_returns_that_many_passages(seeds_bot) -> None:
    settings = seeds_bot.settings
    options = ["--corpus", str(settings.corpus), "--index", str(settings.index_path)]
    result = CliRunner().invoke(cli, ["ask", "-k", "100", "--json", "Who inspected the Guard of Honor?", *options])
    assert result.exit_code == 0, result.output
    passages = json.loads(result.stdout)["passages"]
    chunks = len(seeds_bot.index.chunk_rows)
    assert chunks > 20 and len(passages) == chunks  # every chunk, where 20 was a silent cap
    assert len({(p["file"], p["char_start"]) for p in passages}) == chunks


def test_a_message_with_a_line_break_is_still_one_line() -> None:
    import click
    import pytest

    from qa.cli import fail

    with pytest.raises(click.ClickException) as caught:
        fail("index at /x has format '\n', this qa reads 1\nsecond line from a library")
    assert "\n" not in caught.value.message and "second line from a library" in caught.value.message


def test_an_edit_that_keeps_the_size_and_puts_the_time_back_is_still_caught(fake_bot) -> None:
    import os

    reply = fake_bot.ask("Who designed the lighthouse?")
    assert fake_bot.changed_sources(reply) == []  # remembered by size and times from now on
    harbor = fake_bot.settings.corpus / "harbor.txt"
    before = harbor.stat()
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("Maria Koval", "Anna Brandt"), encoding="utf-8")
    os.utime(harbor, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or a time-keeping copy does
    assert harbor.stat().st_size == before.st_size and harbor.stat().st_mtime_ns == before.st_mtime_ns
    assert "harbor.txt" in fake_bot.changed_sources(fake_bot.ask("Who designed the lighthouse?"))


def test_quote_never_refreshes_an_index_from_another_folder(tmp_path, tiny_corpus, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    index = tmp_path / "idx"
    options = ["--index", str(index), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", "--corpus", str(tiny_corpus), *options]).exit_code == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("A note about something else entirely.\n", encoding="utf-8")
    manifest = (index / "manifest.json").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["quote", "designed by engineer Maria Koval", "--corpus", str(other), *options])
    assert result.exit_code == 1 and f"was built from {tiny_corpus.resolve()}" in result.stderr, result.output
    assert (index / "manifest.json").read_text(encoding="utf-8") == manifest


@pytest.fixture
def reports(tmp_path, fake_encoder, monkeypatch) -> list[str]:
    """CLI options for a folder of eight short reports, indexed with the fake encoder (no model to load)."""
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    corpus = tmp_path / "reports"
    corpus.mkdir()
    topics = ["bridge", "library", "ferry", "bakery", "stadium", "museum", "tram line", "market hall"]
    for n, topic in enumerate(topics):
        text = f"The {topic}\n\nThe {topic} reopened in spring after {n + 2} months of work by the city.\n"
        (corpus / f"{topic.replace(' ', '_')}.md").write_text(text, encoding="utf-8")
    options = ["--corpus", str(corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]
    assert CliRunner().invoke(cli, ["index", "-q", *options]).exit_code == 0
    return options


def test_ask_answers_from_a_fact_appended_to_a_file_it_would_not_have_cited(reports) -> None:
    corpus = Path(reports[1])
    with (corpus / "ferry.md").open("a", encoding="utf-8") as f:
        f.write("We closed 7 issues in January 2024.\n")
    result = CliRunner().invoke(cli, ["ask", "How many issues were closed in January 2024?", "-k", "1", *reports])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "ferry.md changed since indexing: updating the index"
    assert "We closed 7 issues in January 2024." in result.stdout and "ferry.md:L4" in result.stdout
    again = CliRunner().invoke(cli, ["ask", "How many issues were closed in January 2024?", "-k", "1", *reports])
    assert again.exit_code == 0 and "changed since indexing" not in again.stderr  # updated once


def test_ask_reads_no_corpus_file_when_none_changed_and_only_a_touched_one_otherwise(reports, monkeypatch) -> None:
    """A stat per file tells that nothing changed; a file whose times moved is read to tell a `touch` from an edit."""
    import os
    import time

    from qa.ingestion import SETTLED_NS

    corpus = Path(reports[1])
    read: list[str] = []
    real_read_bytes = Path.read_bytes

    def recording_read_bytes(self: Path) -> bytes:
        if self.is_relative_to(corpus):
            read.append(self.name)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", recording_read_bytes)
    result = CliRunner().invoke(cli, ["ask", "When did the bridge reopen?", *reports])
    assert result.exit_code == 0, result.output
    assert read == []
    os.utime(corpus / "museum.md", ns=(1, 10**18))
    time.sleep(SETTLED_NS / 1e9)  # touched a while before: read once, not again for the answer's sources
    touched = CliRunner().invoke(cli, ["ask", "When did the bridge reopen?", *reports])
    assert touched.exit_code == 0 and "changed since indexing" not in touched.stderr, touched.output
    assert read == ["museum.md"]


def test_ask_indexes_a_file_skipped_as_empty_once_it_has_text(reports) -> None:
    corpus = Path(reports[1])
    (corpus / "harbour.md").write_text("", encoding="utf-8")
    assert CliRunner().invoke(cli, ["index", "-q", *reports]).exit_code == 0
    (corpus / "harbour.md").write_text("The harbour crane lifts 40 tonnes.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "How much does the harbour crane lift?", "--json", *reports])
    assert result.exit_code == 0, result.output
    assert "harbour.md changed since indexing: updating the index" in result.stderr
    assert json.loads(result.stdout)["passages"][0]["file"] == "harbour.md"


def test_a_file_that_became_unreadable_is_named_when_ask_drops_it(reports, monkeypatch) -> None:
    import qa.ingestion

    corpus = Path(reports[1])
    museum = corpus / "museum.md"
    museum.write_text(museum.read_text(encoding="utf-8") + "Entry is free on Sundays.\n", encoding="utf-8")
    real_read_bytes = qa.ingestion._read_bytes

    def denied(root: Path, path: Path, name: str) -> bytes | qa.ingestion.Skipped:
        if name == "museum.md":  # as chmod 000 does for a user without root's capabilities
            return qa.ingestion.Skipped(name, "unreadable (Permission denied)")
        return real_read_bytes(root, path, name)

    monkeypatch.setattr(qa.ingestion, "_read_bytes", denied)
    result = CliRunner().invoke(cli, ["ask", "When is entry free?", *reports])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "museum.md changed since indexing: updating the index"
    assert "skipped museum.md: unreadable (Permission denied)" in lines  # as `qa index` words it
    later = CliRunner().invoke(cli, ["ask", "When is entry free?", *reports])
    assert later.exit_code == 0 and "museum.md" not in later.stderr  # said when it left the index, not every time


def test_a_file_dropped_from_the_index_is_named_even_with_quiet(reports, monkeypatch) -> None:
    """A warning, as `qa index -q` still names skipped files; only the note that the index is updated goes."""
    corpus = Path(reports[1])
    (corpus / "museum.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = CliRunner().invoke(cli, ["ask", "When is entry free?", "-q", *reports])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["skipped museum.md: binary file, not text"]


def test_many_changed_files_are_named_in_one_short_line(reports) -> None:
    corpus = Path(reports[1])
    for path in sorted(corpus.iterdir()):
        path.write_text(path.read_text(encoding="utf-8") + "Reviewed in May.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ask", "When was it reviewed?", *reports])
    assert result.exit_code == 0, result.output
    note = "bakery.md, bridge.md, ferry.md and 5 more changed since indexing: updating the index"
    assert result.stderr.splitlines()[0] == note


def test_quote_finds_a_quotation_in_every_file_it_was_added_to_since_indexing(reports) -> None:
    corpus = Path(reports[1])
    sentence = "The bakery reopened in spring after 5 months of work by the city."
    with (corpus / "tram_line.md").open("a", encoding="utf-8") as f:
        f.write(sentence + "\n")
    result = CliRunner().invoke(cli, ["quote", "--json", sentence, *reports])
    assert result.exit_code == 0, result.output
    assert "tram_line.md changed since indexing: updating the index" in result.stderr
    exact = {m["file"] for m in json.loads(result.stdout)["matches"] if m["score"] == 1}
    assert exact == {"bakery.md", "tram_line.md"}


def test_index_names_the_file_that_turned_multilingual_vectors_on_once(reports) -> None:
    corpus = Path(reports[1])
    (corpus / "latin1.md").write_bytes(
        "Le pont a été rouvert au printemps, après des mois de travaux.\n".encode("latin-1")
    )
    first = CliRunner().invoke(cli, ["index", *reports])
    assert first.exit_code == 0, first.output
    note = (
        "note: latin1.md is French: storing multilingual vectors for all 9 chunks too (--multilingual never skips them)"
    )
    assert note in first.stderr.splitlines()
    (corpus / "bridge.md").write_text("Die Brücke ist wieder offen, und der Verkehr fließt.\n", encoding="utf-8")
    second = CliRunner().invoke(cli, ["index", *reports])
    assert second.exit_code == 0 and "note:" not in second.stderr, second.output  # already on: said once
    assert "note:" not in CliRunner().invoke(cli, ["index", "--force", *reports]).stderr


def test_ask_names_the_files_that_turned_multilingual_vectors_on_when_it_indexes(reports, tmp_path) -> None:
    corpus = Path(reports[1])
    french = {"pont.md": "Le pont est ouvert.", "gare.md": "La gare est fermée.", "quai.md": "Le quai est long."}
    for name, text in {**french, "fahre.md": "Die Fähre fährt wieder.", "zoo.md": "Le zoo est ouvert."}.items():
        (corpus / name).write_text(f"{text} Il y a des travaux et de la musique.\n", encoding="utf-8")
    (corpus / "fahre.md").write_text("Die Fähre ist wieder da, und sie fährt mit dem Wind.\n", encoding="utf-8")
    fresh = [*reports[:3], str(tmp_path / "fresh"), *reports[4:]]
    result = CliRunner().invoke(cli, ["ask", "When did the ferry reopen?", *fresh])
    assert result.exit_code == 0, result.output
    note = (
        "note: fahre.md (German), gare.md (French), pont.md (French) and 2 more are not English: storing "
        "multilingual vectors for all 13 chunks too (--multilingual never skips them)"
    )
    assert note in result.stderr.splitlines()
    assert "note:" not in CliRunner().invoke(cli, ["ask", "When did the ferry reopen?", *fresh]).stderr
    quiet = CliRunner().invoke(cli, ["ask", "When?", "-q", *fresh[:3], str(tmp_path / "quiet"), *fresh[4:]])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.output
