"""A Markdown table row answers with the cell under the column its question names."""

from __future__ import annotations

import pytest

from qa.api import load_bot
from qa.indexing import index_corpus
from qa.tables import asked_cell, cells, header
from tests.conftest import HashingEncoder, fake_settings

CONFIG = (
    "# Configuration\n\n"
    "| Key | Default | Description |\n"
    "|-----|:-------:|-------------|\n"
    "| `endpoint` | `https://s3.amazonaws.com` | The S3 endpoint URL. |\n"
    "| `max_retries` | `5` | How many times a failed request is retried. |\n"
    "| `concurrency` | `8` | Number of parallel uploads. |\n\n"
    "Environment variables override the file.\n"
)


def _row(name: str) -> tuple[int, int]:
    start = CONFIG.index(f"| `{name}`")
    return start, CONFIG.index("\n", start)


def test_cells_are_cited_without_their_code_marks() -> None:
    assert [CONFIG[a:b] for a, b in cells(CONFIG, *_row("concurrency"))] == [
        "concurrency",
        "8",
        "Number of parallel uploads.",
    ]


def test_a_body_row_finds_its_table_s_header_and_other_lines_none() -> None:
    head = header(CONFIG, _row("concurrency")[0])
    assert head is not None and CONFIG[head[0] : head[1]] == "| Key | Default | Description |"
    assert header(CONFIG, CONFIG.index("| Key")) is None  # the header row is no body row
    assert asked_cell("What is the default?", CONFIG, 0, 15) is None  # a heading is no row


@pytest.mark.parametrize(
    ("question", "row", "expected"),
    [
        ("What is the default concurrency?", "concurrency", "8"),
        ("What is the default value of max_retries?", "max_retries", "5"),
        ("What is the description of the endpoint key?", "endpoint", "The S3 endpoint URL."),
        ("How many uploads run in parallel?", "concurrency", None),  # no column named: the word lists decide
    ],
)
def test_the_cell_under_the_column_the_question_names(question: str, row: str, expected: str | None) -> None:
    cell = asked_cell(question, CONFIG, *_row(row))
    assert (CONFIG[cell[0] : cell[1]] if cell else None) == expected


def test_a_table_without_a_rule_under_its_first_row_is_not_read_by_columns() -> None:
    text = "| Key | Default |\n| `timeout` | `30s` |\n"
    assert asked_cell("What is the default timeout?", text, text.index("| `t"), len(text) - 1) is None


def test_the_bot_answers_a_table_row_with_its_cell(tmp_path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "configuration.md").write_text(CONFIG, encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    answer = load_bot(settings, encoder=HashingEncoder()).ask("What is the default concurrency?").answers[0]
    assert answer.text == "| `concurrency` | `8` | Number of parallel uploads. |"
    assert answer.span == "8" and answer.span_citation is not None
    assert CONFIG[answer.span_citation.char_start : answer.span_citation.char_end] == "8"
