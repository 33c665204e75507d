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


def test_cite_shows_a_window_of_a_very_long_line_around_the_cited_text(corpus: Path, fake_model: None) -> None:
    words = " ".join(["alpha beta gamma delta"] * 10_000)
    cited = "The committee met on Tuesday to approve the budget."
    (corpus / "long.txt").write_text(f"{words} {cited} {words}\n{words}\nlast line\n", encoding="utf-8")
    start = len(words) + 1
    plain = run(corpus, "cite", f"long.txt#{start}-{start + len(cited)}")
    assert plain.exit_code == 0, plain.stdout
    assert len(plain.stdout) < 3000  # not the 400,000 characters of the two lines
    header, first, carets, second, last = plain.stdout.splitlines()
    assert first.startswith(">1 | …") and first.endswith("…") and second.startswith(" 2 | alpha") and second[-1] == "…"
    assert cited_under_carets(plain.stdout) == cited
    assert last == " 3 | last line"
    exact = json.loads(run(corpus, "cite", "--json", f"long.txt#{start}-{start + len(cited)}").stdout)
    assert exact["text"] == cited and exact["before"] == words + " " and exact["after"].startswith(" " + words)


def test_cite_never_cuts_the_cited_text_of_a_long_line(corpus: Path, fake_model: None) -> None:
    line = " ".join(["alpha beta gamma delta"] * 400)  # 9,199 characters: an unwrapped chapter's paragraph
    (corpus / "long.txt").write_text(f"intro\n{line}\n", encoding="utf-8")
    plain = run(corpus, "cite", "-C", "0", "long.txt:L2")
    assert plain.stdout.splitlines()[1] == f">2 | {line}"


def test_cite_shows_the_start_and_end_of_a_huge_cited_line_and_counts_the_rest(corpus: Path, fake_model: None):
    from qa.render import CITED_CHARS

    line = "start " + " ".join(["alpha beta gamma delta"] * 20_000) + " end"  # a JSON dump on one line
    (corpus / "dump.txt").write_text(f"{line}\n", encoding="utf-8")
    plain = run(corpus, "cite", "dump.txt:L1")
    assert plain.exit_code == 0, plain.output
    assert len(plain.stdout) < CITED_CHARS + 500  # not the 460,000 characters of the line
    shown = plain.stdout.splitlines()[1]
    assert shown.startswith(">1 | start alpha") and shown.endswith("delta end")
    hidden = len(line) - CITED_CHARS
    assert f" … [{hidden:,} characters not shown; --json gives them all] … " in shown
    assert json.loads(run(corpus, "cite", "--json", "dump.txt:L1").stdout)["text"] == line


@pytest.mark.parametrize("first_column", ["Name", "名前"])  # wide characters take two columns before the tab
def test_cite_carets_line_up_under_tab_indented_text(corpus: Path, fake_model: None, first_column: str) -> None:
    text = f"{first_column}\tRole\tCity\nMaria Gonzalez\tTreasurer\tLisbon\n\tThe treasurer approved the budget.\n"
    (corpus / "tabs.txt").write_text(text, encoding="utf-8")
    start = text.index("The treasurer")
    plain = run(corpus, "cite", f"tabs.txt#{start}-{start + len('The treasurer approved')}")
    assert plain.exit_code == 0, plain.stdout
    assert "\t" not in plain.stdout
    assert cited_under_carets(plain.stdout) == "The treasurer approved"
    header, names = plain.stdout.splitlines()[:2]
    assert names == f" 1 | {first_column}" + " " * (8 - cell_len(first_column)) + "Role    City"


def test_ask_indents_the_second_line_of_an_answer_under_the_first(corpus: Path, real_model: str) -> None:
    (corpus / "light.txt").write_text(
        "Harbor news\n\nThe engineer Ines Roth designed the new lighthouse of the harbor.\n"
        "The lighthouse was designed by Ines Roth in 1998.\n\nThe ferry runs twice a day.\n",
        encoding="utf-8",
    )
    reply = json.loads(run(corpus, "ask", "--json", "Who designed the lighthouse?", model=real_model).stdout)
    top = reply["answers"][0]["text"]
    assert "\n" in top  # the two sentences answer together, as the file writes them
    plain = run(corpus, "ask", "Who designed the lighthouse?", model=real_model)
    first, second = top.split("\n")
    assert f"Answer: {first}\n        {second}\n" in plain.output


def test_ask_does_not_offer_a_copy_of_the_answer_as_an_alternative(corpus: Path, real_model: str) -> None:
    sentence = "The bank opened its new branch in Hanoi on 4 May 2020.\n"
    for name in ("a/bom.txt", "b/bom_copy.txt"):
        (corpus / name).parent.mkdir()
        (corpus / name).write_text(sentence, encoding="utf-8")
    question = "When did the bank open its new branch in Hanoi?"
    reply = json.loads(run(corpus, "ask", "--json", question, model=real_model).stdout)
    texts = [answer["text"] for answer in reply["answers"]]
    assert texts[0] == sentence.strip() and len(texts) == len(set(texts))
    plain = run(corpus, "ask", question, model=real_model).output
    assert plain.count(sentence.strip()) == 1 and plain.count("Also") == len(texts) - 1
