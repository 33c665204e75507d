"""What the plain output of `ask`, `cite` and `quote` looks like on awkward text: accents spelled two ways, very
long lines, tabs, answers over two lines and files that are copies of each other."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from qa.cli import cli
from tests.conftest import HashingEncoder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def run(corpus: Path, *args: str, model: str | None = None) -> Result:
    """Runs one command over `corpus`, with an index of its own (the fake model's unless `model` names another)."""
    options = ["--corpus", str(corpus), "--index", str(corpus.parent / "idx")]
    return CliRunner().invoke(cli, [args[0], *options, "--model", model or HashingEncoder.name, *args[1:]])


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexes with the fake encoder: `quote` and `cite` need an index, not a model."""
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())


@pytest.fixture
def real_model(monkeypatch: pytest.MonkeyPatch, real_encoder: object) -> str:
    """Indexes with the session's real model; returns the name to pass as `--model`."""
    import qa.api
    from embeddings.encoder import BUNDLED

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: real_encoder)
    return str(BUNDLED)


def at_column(line: str, column: int) -> str:
    """Returns what a terminal shows of `line` from screen column `column` on."""
    for i in range(len(line) + 1):
        if cell_len(line[:i]) == column:
            return line[i:]
    raise AssertionError(f"column {column} falls inside a wide character of {line!r}")


def cited_under_carets(output: str) -> str:
    """Returns the text shown above the carets of `qa cite` output, as many columns as there are carets."""
    lines = output.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) == {"^"})
    carets = lines[row]
    start = len(carets) - len(carets.lstrip())
    shown = at_column(lines[row - 1], start)
    width = len(carets.strip())
    end = next(i for i in range(len(shown) + 1) if cell_len(shown[:i]) >= width)
    return shown[:end]


@pytest.mark.parametrize("file_form", ["NFD", "NFC"])
def test_quote_finds_no_difference_between_composed_and_decomposed_accents(
    corpus: Path, fake_model: None, file_form: str
) -> None:
    text = "Le café de José Ramírez a ouvert à Montréal en 1998.\n"
    (corpus / "c.md").write_text(unicodedata.normalize(file_form, text), encoding="utf-8")
    quote_form = "NFC" if file_form == "NFD" else "NFD"
    quotation = unicodedata.normalize(quote_form, "José Ramírez a ouvert à Montréal")
    plain = run(corpus, "quote", quotation)
    assert plain.exit_code == 0, plain.output
    assert "differs" not in plain.output
    found = json.loads(run(corpus, "quote", "--json", quotation).stdout)["matches"][0]
    assert found["differences"] == [] and found["score"] == 1.0
    document = (corpus / "c.md").read_text(encoding="utf-8")
    assert document[found["char_start"] : found["char_end"]] == found["text"]


def test_quote_still_reports_a_changed_word_next_to_decomposed_accents(corpus: Path, fake_model: None) -> None:
    text = unicodedata.normalize("NFD", "Le café de José Ramírez a ouvert à Montréal en 1998.\n")
    (corpus / "c.md").write_text(text, encoding="utf-8")
    found = json.loads(run(corpus, "quote", "--json", "José Ramírez a ouvert à Toulouse en 1999").stdout)
    differences = found["matches"][0]["differences"]
    assert differences == [
        {"quotation": "Toulouse", "source": unicodedata.normalize("NFD", "Montréal")},  # the source as written
        {"quotation": "1999", "source": "1998"},
    ]
    unaccented = json.loads(run(corpus, "quote", "--json", "Jose Ramirez a ouvert a Montreal").stdout)
    assert unaccented["matches"][0]["differences"] == []  # accents left out are no change, as case is not
