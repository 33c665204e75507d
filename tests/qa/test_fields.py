"""Front-matter fields answer the questions that name their key and the file, and no other."""

from __future__ import annotations

import pytest

from qa.api import load_bot
from qa.fields import asked_field, front_matter
from qa.indexing import index_corpus
from qa.ingestion import make_document
from tests.conftest import HashingEncoder, fake_settings

README = (
    "---\ntitle: Nimbus Sync\nversion: 2.4.1\nowner: Priya Raman\nlicense: Apache-2.0\n---\n\n# Nimbus Sync\n\n"
    "Nimbus Sync requires Python 3.10 or newer.\n"
)
MEETING = "---\ndate: 2024-01-15\nattendees: Priya Raman, Li Wei\n---\n\n# Weekly sync, 15 January 2024\n"
OTHER_MEETING = "---\ndate: 2024-02-12\nattendees: Sam Okafor\n---\n\n# Weekly sync, 12 February 2024\n"


def test_front_matter_fields_keep_their_offsets() -> None:
    fields, end = front_matter(README)
    assert [(f.key, README[f.start : f.end], README[f.value_start : f.value_end]) for f in fields] == [
        ("title", "title: Nimbus Sync", "Nimbus Sync"),
        ("version", "version: 2.4.1", "2.4.1"),
        ("owner", "owner: Priya Raman", "Priya Raman"),
        ("license", "license: Apache-2.0", "Apache-2.0"),
    ]
    assert README[:end].endswith("---")
    assert front_matter("\ufeff" + MEETING)[0][1].key == "attendees"


@pytest.mark.parametrize(
    "text",
    [
        "Notes\n---\nowner: Priya\n---\n",  # not at the top
        "---\nowner: Priya Raman\n\nNo closing fence, so a horizontal rule above.\n",
        "# Title\n\nowner: Priya Raman\n",
    ],
)
def test_only_a_fenced_block_at_the_top_is_front_matter(text: str) -> None:
    assert front_matter(text) == ([], 0)


DOCS = [
    make_document("README.md", README),
    make_document("meeting-2024-01-15.md", MEETING),
    make_document("meeting-2024-02-12.md", OTHER_MEETING),
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who is the owner of Nimbus Sync?", ("README.md", "Priya Raman")),
        ("Under which license is Nimbus Sync released?", ("README.md", "Apache-2.0")),
        ("What is the latest version?", ("README.md", "2.4.1")),
        ("Who attended the meeting on 15 January 2024?", ("meeting-2024-01-15.md", "Priya Raman, Li Wei")),
        ("Who attended the meeting on 12 February 2024?", ("meeting-2024-02-12.md", "Sam Okafor")),
        # the key, with words naming something else than the file; a number the file lacks; no key at all
        ("What version of Python is required?", None),
        ("What changed in version 2.4.0?", None),
        ("When does Nimbus Sync upload files?", None),
    ],
)
def test_a_question_naming_a_key_and_the_file_asks_for_that_field(question: str, expected: tuple | None) -> None:
    found = asked_field(question, DOCS)
    got = (found[0].path, found[0].text[found[1].value_start : found[1].value_end]) if found else None
    assert got == expected


def test_the_bot_answers_a_field_with_its_line_and_cites_it(tmp_path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for doc in DOCS:
        (corpus / doc.path).write_text(doc.text, encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    reply = load_bot(settings, encoder=HashingEncoder()).ask("Who is the owner of Nimbus Sync?")
    answer = reply.answers[0]
    assert (answer.text, answer.span) == ("owner: Priya Raman", "Priya Raman")
    assert (answer.citation.file, answer.citation.line_start) == ("README.md", 4)
    assert README[answer.citation.char_start : answer.citation.char_end] == answer.text
