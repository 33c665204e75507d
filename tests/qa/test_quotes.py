"""Quotation lookup: misquoted seed sentences are traced to their file and line, unrelated text finds nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.api import Bot
from qa.cli import cli
from qa.indexing import index_corpus
from qa.quote_compare import describe_differences, normalize
from qa.quotes import find_quotes
from tests.conftest import HashingEncoder, fake_settings

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from quotations import KINDS, is_found, make_quotations  # noqa: E402 (the bench generates the cases)


@pytest.fixture
def minutes(tmp_path: Path) -> list[str]:
    """CLI options for minutes that repeat one line six times, indexed with the fake encoder (no model to load)."""
    corpus = tmp_path / "minutes"
    corpus.mkdir()
    paragraphs = [
        f"Item {n} was read aloud and noted.\nThe committee approved the annual budget for the harbour repairs.\n"
        for n in range(6)
    ]
    (corpus / "minutes.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    return ["--corpus", str(corpus), "--index", str(settings.index_path), "--model", settings.model]


def test_misquoted_seed_sentences_are_traced_to_their_file_and_line(seeds_bot: Bot) -> None:
    quotations = make_quotations(seeds_bot.settings.corpus, count=60)
    assert {q.kind for q in quotations} == set(KINDS)
    missed = []
    for q in quotations:
        matches = seeds_bot.find_quotes(q.text, limit=3)
        for m in matches:
            doc = seeds_bot.index.document(m.citation.file)
            assert doc is not None and doc.text[m.citation.char_start : m.citation.char_end] == m.citation.quote
        assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
        top = matches[0].citation if matches else None
        if top is None or not is_found(q, top.file, top.line_start, top.char_start, top.char_end):
            missed.append((q.kind, q.text))
    assert 1 - len(missed) / len(quotations) >= 0.97, missed


@pytest.mark.parametrize(
    ("quotation", "file", "line"),
    [
        (
            "Cet entretien s'est tenu a l'occasion de la visite d'Etat du president To Lam",
            "002_91c60320222cd0fc.txt",
            11,
        ),
        ('the special great friendship "and" comprehensive cooperation', "001_bac36986efc7b92e.txt", 12),
        (
            "two ministers inspected the guard of honour of the Vietnamese public security",
            "001_bac36986efc7b92e.txt",
            8,
        ),
    ],
)
def test_known_misquotes_find_their_source(seeds_bot: Bot, quotation: str, file: str, line: int) -> None:
    top = seeds_bot.find_quotes(quotation)[0]
    assert (top.citation.file, top.citation.line_start) == (file, line)
    assert top.score < 1 or normalize(top.citation.quote).text == normalize(quotation).text


@pytest.mark.parametrize(
    "quotation",
    [
        "The quick brown fox jumps over the lazy dog.",
        "Paris is the capital of France and has many museums",
        "",
        "?!… —",
    ],
)
def test_text_from_nowhere_in_the_corpus_finds_nothing(seeds_bot: Bot, quotation: str) -> None:
    assert seeds_bot.find_quotes(quotation) == []


def test_an_exact_quotation_scores_one_and_is_cited_verbatim_with_its_full_stop(seeds_bot: Bot) -> None:
    matches = find_quotes(
        seeds_bot.index, "the two ministers inspect the Guard of Honor of the Vietnamese Public Security Forces."
    )
    top = matches[0]
    assert top.score == 1.0
    assert (
        top.citation.quote == "The two ministers inspect the Guard of Honor of the Vietnamese Public Security Forces."
    )


def test_quote_command_never_loads_the_model(seeds_bot: Bot) -> None:
    settings = seeds_bot.settings
    script = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from qa.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['quote', '--json', '--corpus', {str(settings.corpus)!r}, "
        f"'--index', {str(settings.index_path)!r}, 'president to lam and general secretary'])\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'faiss') if m in sys.modules)\n"
        "print(json.dumps({'code': r.exit_code, 'out': r.output, 'heavy': heavy}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    result = json.loads(done.stdout)
    assert result["code"] == 0, result["out"]
    assert result["heavy"] == []
    assert json.loads(result["out"])["matches"][0]["file"] == "000_03e22b476bcfc857.txt"


def test_a_misquotation_says_which_words_differ_from_its_source(seeds_bot: Bot) -> None:
    (top, *_) = find_quotes(seeds_bot.index, "the Vietnamese MPS in 2019 received and trained 820 Lao officers")
    assert top.citation.quote == "the Vietnamese MPS in 2021 received and trained 280 Lao officers"
    assert top.differences == (("2019", "2021"), ("820", "280"))
    assert describe_differences(top.differences) == '"2019" -> "2021", "820" -> "280"'
    assert describe_differences((("his", ""), ("", "not"))) == '"his" added, "not" left out'
    exact = find_quotes(seeds_bot.index, "THE VIETNAMESE MPS IN 2021 RECEIVED AND TRAINED 280 LAO OFFICERS")
    assert exact[0].differences == ()  # case, accents and punctuation are not differences


def test_a_paragraph_put_together_from_two_articles_is_traced_sentence_by_sentence(seeds_bot: Bot) -> None:
    first = seeds_bot.index.document("001_bac36986efc7b92e.txt").text.splitlines()[20]
    second = seeds_bot.index.document("000_03e22b476bcfc857.txt").text.splitlines()[1]
    matches = find_quotes(seeds_bot.index, f"{first} {second}")
    assert [(m.citation.file, m.citation.quote, m.part) for m in matches] == [
        ("001_bac36986efc7b92e.txt", first.strip(), first.strip()),
        ("000_03e22b476bcfc857.txt", second.strip(), second.strip()),
    ]
    whole = find_quotes(seeds_bot.index, first)
    assert whole[0].part is None  # a quotation that matches as a whole is not split


def test_differences_show_whole_numbers_and_words_as_each_side_writes_them() -> None:
    from qa.quote_compare import differences

    assert differences("the repair cost 13,000 euros", "the repair cost 13,200 euros") == (("13,000", "13,200"),)
    assert differences("said Paul", "said Paul's") == (("Paul", "Paul's"),)  # not `"s" left out`
    assert differences("Paul's car cost 3 million", "Paul’s car cost 3 million") == ()  # marks are not words
    assert differences("it cost 3.5 million", "it cost 3,5 million") == (("3.5", "3,5"),)  # but a number's are
    assert differences("La tour Eiffel est haute", "La tour Eiffel est à Paris. Elle est haute") == (
        ("", "à Paris. Elle est"),
    )


def test_a_misquoted_line_a_file_repeats_is_matched_first_where_it_first_occurs(minutes: list[str]) -> None:
    misquote = "The committee approved the annual budget for the harbor repairs"
    result = CliRunner().invoke(cli, ["quote", "--json", "-n", "2", misquote, *minutes])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [m["line_start"] for m in out["matches"]] == [2, 5]
    assert all(m["differences"] == [{"quotation": "harbor", "source": "harbour"}] for m in out["matches"])
    assert out["more"] == 4  # the other four repetitions, as for an exact quotation
    plain = CliRunner().invoke(cli, ["quote", "-n", "2", misquote, *minutes]).stdout.splitlines()
    assert "(4 more matches; -n shows more)" in plain
