"""Resolving citations in a corpus: only files inside it, no offsets into a changed file, each seed sentence back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.api import Bot, look_up_citation
from qa.citations import CitationRef, citation_json, cite, format_chars, format_lines
from qa.cli import cli
from qa.errors import QAError
from qa.indexing import index_corpus
from qa.ingestion import Skipped, iter_corpus
from qa.lookup import FileChanged, corpus_file, load_cited_document
from qa.segmentation import split_sentences
from qa.serialization import reply_json
from tests.conftest import HashingEncoder, fake_settings


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("not for citing\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize(
    "name",
    [
        "../outside/secret.txt",
        "../../etc/passwd",
        "/etc/passwd",
        "harbor.txt/../../outside/secret.txt",
        "",
        "..\\outside\\secret.txt",
    ],
)
def test_paths_that_climb_out_or_are_absolute_are_refused(tiny_corpus: Path, outside: Path, name: str) -> None:
    with pytest.raises(QAError) as caught:
        corpus_file(tiny_corpus, name)
    assert "\n" not in str(caught.value)


def test_a_name_with_a_nul_character_is_refused_as_such(tiny_corpus: Path) -> None:
    with pytest.raises(QAError, match="cannot hold a NUL character"):
        corpus_file(tiny_corpus, "harbor\x00.txt")


def test_a_link_leading_out_of_the_corpus_is_refused(tiny_corpus: Path, outside: Path) -> None:
    (tiny_corpus / "link.txt").symlink_to(outside)
    (tiny_corpus / "folder").symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(QAError, match="outside the corpus"):
        corpus_file(tiny_corpus, "link.txt")
    with pytest.raises(QAError, match="outside the corpus"):
        corpus_file(tiny_corpus, "folder/secret.txt")


def test_a_link_inside_the_corpus_is_followed(tiny_corpus: Path) -> None:
    (tiny_corpus / "alias.txt").symlink_to(tiny_corpus / "harbor.txt")
    doc = load_cited_document(tiny_corpus, "alias.txt")
    assert doc.text == (tiny_corpus / "harbor.txt").read_text(encoding="utf-8")


def test_a_name_written_decomposed_or_with_windows_separators_finds_the_file(tiny_corpus: Path) -> None:
    import unicodedata

    (tiny_corpus / "sub").mkdir()
    (tiny_corpus / "sub" / "été.txt").write_text("Summer notes.\n", encoding="utf-8")
    for name in (unicodedata.normalize("NFD", "sub/été.txt"), "sub\\été.txt"):
        assert load_cited_document(tiny_corpus, name).path == "sub/été.txt"


def test_a_folder_and_a_looping_link_say_what_they_are(tiny_corpus: Path) -> None:
    (tiny_corpus / "sub.txt").mkdir()
    (tiny_corpus / "loop.txt").symlink_to(tiny_corpus / "loop.txt")
    with pytest.raises(QAError, match="is a folder"):
        corpus_file(tiny_corpus, "sub.txt")
    with pytest.raises(QAError, match="leads back to itself"):
        corpus_file(tiny_corpus, "loop.txt")
    with pytest.raises(QAError, match=r"citations read FILE:L10"):
        corpus_file(tiny_corpus, "harbor.txt:L2")


@pytest.mark.parametrize("name", [".hidden.txt", "notes.py", "missing.txt"])
def test_files_qa_does_not_read_are_refused(tiny_corpus: Path, name: str) -> None:
    if name != "missing.txt":
        (tiny_corpus / name).write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(QAError):
        corpus_file(tiny_corpus, name)


def test_a_file_changed_since_indexing_is_refused_not_misquoted(tiny_corpus: Path, tmp_path: Path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    first = look_up_citation(settings, "harbor.txt:L1").citation
    by_chars, by_text = format_chars(first), json.dumps({**citation_json(first), "text": first.quote})  # type: ignore[dict-item]
    path = tiny_corpus / "harbor.txt"
    path.write_text("Inserted line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FileChanged, match="changed since it was indexed"):
        look_up_citation(settings, by_chars)  # bare offsets into a changed file: nothing can check them
    with pytest.raises(QAError, match="changed since the citation was made"):
        look_up_citation(settings, by_text)  # the text it carries is elsewhere now
    base = ["cite", "--corpus", str(tiny_corpus), "--index", str(tmp_path / "index")]
    result = CliRunner().invoke(cli, [*base, by_chars])
    assert result.exit_code == 1
    assert "changed since it was indexed" in result.output
    assert "Traceback" not in result.output
    lines = CliRunner().invoke(cli, [*base, "harbor.txt:L1", "--json"])  # lines, as grep -n gives them: shown
    assert lines.exit_code == 0, lines.output
    assert json.loads(lines.stdout)["text"] == "Inserted line." and json.loads(lines.stdout)["unchecked"] is True
    assert lines.stderr.startswith("note: harbor.txt changed since it was indexed; lines 1-1 are shown as the file")


def test_a_citation_carrying_its_text_is_shown_while_the_file_still_holds_it_there(fake_bot: Bot) -> None:
    settings = fake_bot.settings
    reply = fake_bot.ask("Who designed the lighthouse?")
    assert reply.answers
    path = settings.corpus / reply.answers[0].citation.file
    path.write_text(path.read_text(encoding="utf-8") + "A line added at the end.\n", encoding="utf-8")
    base = ["cite", "--corpus", str(settings.corpus), "--index", str(settings.index_path), "--json", "-"]
    result = CliRunner().invoke(cli, base, input=json.dumps(reply_json(reply)))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["text"] == reply.answers[0].text and shown["unchecked"] is False
    assert result.stderr == ""


def test_every_seed_sentence_comes_back_exactly_in_every_citation_form(seeds_bot: Bot) -> None:
    settings = seeds_bot.settings
    runner = CliRunner()
    base = ["cite", "--corpus", str(settings.corpus), "--index", str(settings.index_path), "--json"]
    checked = 0
    for doc in iter_corpus(settings.corpus):
        assert not isinstance(doc, Skipped)
        lines = doc.text.split("\n")
        for start, end in split_sentences(doc.text):
            citation = cite(doc, start, end)
            for spec in (format_chars(citation), json.dumps(citation_json(citation))):
                result = runner.invoke(cli, [*base, spec])
                assert result.exit_code == 0, result.output
                out = json.loads(result.output)
                assert out["text"] == doc.text[start:end]
                assert (out["char_start"], out["char_end"]) == (start, end)
                assert (out["line_start"], out["line_end"]) == (citation.line_start, citation.line_end)
            by_lines = look_up_citation(
                settings, CitationRef(doc.path, line_start=citation.line_start, line_end=citation.line_end)
            )
            assert by_lines.citation.quote == "\n".join(lines[citation.line_start - 1 : citation.line_end])
            assert format_lines(by_lines.citation) == format_lines(citation)
            checked += 1
    assert checked == len(seeds_bot.index.sentence_rows)


def test_a_final_newline_ends_the_last_line_and_starts_none() -> None:
    from qa.citations import parse_citation
    from qa.errors import QAError
    from qa.ingestion import make_document
    from qa.lookup import line_count, resolve

    doc = make_document("tea.md", "Tea\n\nGreen tea is picked in spring.\nBlack tea is oxidised.\n")
    assert line_count(doc) == 4
    assert resolve(doc, parse_citation("tea.md:L4")).citation.quote == "Black tea is oxidised."
    with pytest.raises(QAError, match="the file has 4 lines"):
        resolve(doc, parse_citation("tea.md:L5"))
    assert line_count(make_document("a.md", "one line, no newline")) == 1
