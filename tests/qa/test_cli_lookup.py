"""`qa cite` and `qa quote` through the command line: JSON shapes, plain output in a pipe, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from qa.api import Bot
from qa.citations import CitationRef, cite
from qa.cli import cli
from qa.ingestion import make_document
from qa.lookup import resolve
from qa.quotes import QuoteMatch
from qa.render import render_cited, render_quotes


@pytest.fixture
def notes(tmp_path: Path, fake_encoder: object, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """CLI options for a folder of short notes, indexed with the fake encoder (no model to load)."""
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "flat.md").write_text(
        "# The flat\n\nRent is 1,200 euros per month.\nThe lease runs until March.\n", encoding="utf-8"
    )
    (corpus / "garden.txt").write_text("The garden has three apple trees and a pond.\n", encoding="utf-8")
    options = ["--corpus", str(corpus), "--index", str(tmp_path / "idx"), "--model", "fake-hashing", "-q"]
    assert CliRunner().invoke(cli, ["index", *options]).exit_code == 0
    return options


def run(bot: Bot, *args: str, stdin: str | None = None) -> object:
    settings = bot.settings
    return CliRunner().invoke(
        cli, [args[0], "--corpus", str(settings.corpus), "--index", str(settings.index_path), *args[1:]], input=stdin
    )


def test_cite_json_has_the_design_keys_and_the_exact_text(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "cite", "--json", "000_03e22b476bcfc857.txt:L3")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    keys = ["file", "line_start", "line_end", "char_start", "char_end", "text", "before", "after", "unchecked"]
    assert list(out) == keys and out["unchecked"] is False
    doc = seeds_bot.index.document("000_03e22b476bcfc857.txt")
    assert doc.text[out["char_start"] : out["char_end"]] == out["text"]
    assert out["text"].startswith("The talks between Minister") and out["before"].startswith("Vietnam, Laos")


def test_cite_prints_numbered_lines_marking_the_cited_ones_and_no_colour_in_a_pipe(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "cite", "-C", "1", "000_03e22b476bcfc857.txt:L3-L4")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    doc = seeds_bot.index.document("000_03e22b476bcfc857.txt")
    start, end = doc.line_starts[2], doc.line_starts[4] - 1
    assert lines[0] == f"000_03e22b476bcfc857.txt:L3-L4  (000_03e22b476bcfc857.txt#{start}-{end})"
    assert [line[:4] for line in lines[1:]] == [" 2 |", ">3 |", ">4 |", " 5 |"]
    assert "\x1b" not in result.output


def test_cite_reads_an_answer_piped_from_ask_json(seeds_bot: Bot) -> None:
    reply = run(seeds_bot, "ask", "--json", "Who inspected the Guard of Honor?")
    assert reply.exit_code == 0, reply.output
    top = json.loads(reply.output)["answers"][0]
    result = run(seeds_bot, "cite", "--json", "-", stdin=reply.output)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["text"] == top["text"]


def test_cite_refuses_a_piped_answer_whose_text_the_file_no_longer_holds_there(seeds_bot: Bot) -> None:
    reply = json.loads(run(seeds_bot, "ask", "--json", "Who inspected the Guard of Honor?").output)
    reply["answers"][0]["text"] = "Somebody else inspected the Guard of Honor."  # as after an edit and a re-index
    result = run(seeds_bot, "cite", "-", stdin=json.dumps(reply))
    assert result.exit_code == 1
    assert "does not hold the cited text" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "spec", ["../../etc/passwd:L1", "/etc/passwd:L1", "nope.txt:L1", "000_03e22b476bcfc857.txt:L999", "x"]
)
def test_cite_refusals_are_one_error_line_without_traceback(seeds_bot: Bot, spec: str) -> None:
    result = run(seeds_bot, "cite", spec)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_quote_json_lists_matches_best_first_in_the_design_shape(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "quote", "--json", "President To Lam and General Secretary")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["query"] == "President To Lam and General Secretary"
    first = out["matches"][0]
    keys = ["file", "line_start", "line_end", "char_start", "char_end", "text", "score", "part", "differences"]
    assert list(first) == [*keys, "omitted"]
    assert (first["file"], first["line_start"], first["score"]) == ("000_03e22b476bcfc857.txt", 9, 1.0)
    assert first["differences"] == []
    misquoted = json.loads(run(seeds_bot, "quote", "--json", "President To Lam and Deputy Secretary").output)
    assert misquoted["matches"][0]["differences"] == [{"quotation": "Deputy", "source": "General"}]


def test_quote_with_nothing_close_says_so(seeds_bot: Bot) -> None:
    as_json = run(seeds_bot, "quote", "--json", "The quick brown fox jumps over the lazy dog")
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["matches"] == []
    plain = run(seeds_bot, "quote", "The quick brown fox jumps over the lazy dog")
    assert plain.output.strip() == "No close match in the documents for this quotation."


def test_cited_text_is_highlighted_in_a_terminal_and_control_codes_are_neutralised() -> None:
    doc = make_document("d.txt", "first line\nsecond \x1b[31mred\x1b[0m line\nthird line\n")
    cited = resolve(doc, CitationRef("d.txt", char_start=18, char_end=27))
    shown = render_cited(cited, color=True)
    assert click.style("\ufffd[31mred\ufffd", bold=True, fg="yellow") in shown
    assert "\x1b[31m" not in click.unstyle(shown) and "\x1b" not in render_cited(cited, color=False)
    quoted = render_quotes("red", [QuoteMatch(cite(doc, 18, 27), 0.9)], color=False)
    assert "\x1b" not in quoted and "d.txt:L2" in quoted


def test_quote_reads_the_quotation_from_stdin(seeds_bot: Bot, tmp_path: Path) -> None:
    result = run(seeds_bot, "quote", "--json", "-", stdin="Minister To Lam speaks at the talks.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["matches"][0]["line_start"] == 33


def test_cite_reads_one_reply_a_line_as_ask_writes_them(seeds_bot: Bot) -> None:
    questions = "Who inspected the Guard of Honor?\nHow many Lao officers did Vietnam train in 2021?\n"
    replies = run(seeds_bot, "ask", "-", "--json", stdin=questions)
    assert replies.exit_code == 0, replies.output
    tops = [json.loads(line)["answers"][0]["text"] for line in replies.stdout.splitlines()]
    result = run(seeds_bot, "cite", "--json", "-", stdin=replies.stdout)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == tops


@pytest.mark.parametrize(("command", "says"), [("cite", "nothing on stdin"), ("quote", "the quotation is empty")])
def test_empty_input_to_cite_and_quote_is_an_error(seeds_bot: Bot, command: str, says: str) -> None:
    result = run(seeds_bot, command, "-", stdin="  \n")
    assert result.exit_code == 1 and says in result.output


def test_part_of_a_line_cited_is_marked_with_carets_when_there_is_no_colour(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "cite", "-C", "0", "001_bac36986efc7b92e.txt#1500-1510")
    assert result.exit_code == 0, result.output
    header, line, carets = result.output.splitlines()
    assert line.startswith(">21 | ") and carets.strip() == "^" * 10
    start = carets.index("^")
    assert line[start : start + 10] == "80 Lao off"
    whole = run(seeds_bot, "cite", "-C", "0", "001_bac36986efc7b92e.txt:L21")
    assert "^" not in whole.output  # a whole line needs no marks


def test_a_citation_object_whose_lines_no_longer_match_its_offsets_is_refused(
    fake_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())  # the fake model's stand-in
    harbor = fake_bot.settings.corpus / "harbor.txt"
    text = harbor.read_text(encoding="utf-8")
    start = text.index("It was designed")
    document = fake_bot.document("harbor.txt")
    assert document is not None
    made = cite(document, start, start + len("It was designed by engineer Maria Koval"))
    saved = json.dumps({k: getattr(made, k) for k in ("file", "line_start", "line_end", "char_start", "char_end")})
    first = run(fake_bot, "cite", "-", "--model", "fake-hashing", stdin=saved)
    assert first.exit_code == 0, first.output
    harbor.write_text("Harbor notes\n\n" + text, encoding="utf-8")
    indexed = run(fake_bot, "index", "--model", "fake-hashing")
    assert indexed.exit_code == 0, indexed.output
    later = run(fake_bot, "cite", "-", "--model", "fake-hashing", stdin=saved)
    assert later.exit_code == 1
    assert later.stderr.count("\n") == 1
    assert f"harbor.txt#{made.char_start}-{made.char_end} is on lines" in later.stderr
    assert f"not {made.line_start}-{made.line_end} as cited (the file changed since" in later.stderr


def test_cite_dash_cites_a_stream_line_by_line_noting_abstentions(seeds_bot: Bot) -> None:
    questions = "How many Lao officers did Vietnam train in 2021?\nWho is the mayor of Da Nang?\n"
    asked = run(seeds_bot, "ask", "-", "--json", stdin="\ufeff" + questions)  # a byte-order mark is no part of it
    assert json.loads(asked.stdout.splitlines()[0])["question"] == questions.splitlines()[0]
    stream = "\ufeff" + asked.stdout + "no-such-file.txt:L1\n"
    result = run(seeds_bot, "cite", "-", "--json", stdin=stream)
    assert result.exit_code == 1  # the bad line; the others are still shown
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        json.loads(asked.stdout.splitlines()[0])["answers"][0]["text"]
    ]
    assert result.stderr.splitlines()[0] == "line 2: the reply has no answer to cite (the bot abstained)"
    assert result.stderr.splitlines()[1].startswith("Error: line 3: no-such-file.txt: no such file")
    lines = run(seeds_bot, "cite", "-", "-C", "0", stdin="000_03e22b476bcfc857.txt:L3\n001_bac36986efc7b92e.txt:L21\n")
    assert lines.exit_code == 0, lines.output
    assert ">3 |" in lines.stdout and ">21 |" in lines.stdout


def test_cite_dash_takes_a_quote_result_and_tells_plain_output_apart(seeds_bot: Bot) -> None:
    found = run(seeds_bot, "quote", "--json", "trained 280 Lao officers")
    result = run(seeds_bot, "cite", "-", "--json", stdin=found.stdout)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == json.loads(found.stdout)["matches"][0]["text"]
    plain = run(seeds_bot, "ask", "How many Lao officers did Vietnam train in 2021?")
    piped = run(seeds_bot, "cite", "-", stdin=plain.stdout)
    assert piped.exit_code == 1 and "pipe their --json output" in piped.stderr
    assert len(piped.stderr.strip().splitlines()) == 1


def test_a_stream_where_every_reply_abstained_cites_nothing_and_exits_1_as_one_reply_does(seeds_bot: Bot) -> None:
    asked = run(seeds_bot, "ask", "-", "--json", stdin="Who is the mayor of Da Nang?\nWhat is the GDP of Laos?\n")
    both = run(seeds_bot, "cite", "-", stdin=asked.stdout)
    one = run(seeds_bot, "cite", "-", stdin=asked.stdout.splitlines()[0])
    assert both.exit_code == one.exit_code == 1 and both.stdout == one.stdout == ""
    assert both.stderr.splitlines() == [
        "line 1: the reply has no answer to cite (the bot abstained)",
        "line 2: the reply has no answer to cite (the bot abstained)",
    ]


def test_lines_with_their_cited_words_are_found_on_those_lines(seeds_bot: Bot) -> None:
    spec = {"file": "001_bac36986efc7b92e.txt", "line_start": 21, "line_end": 21, "text": "280 Lao officers"}
    result = run(seeds_bot, "cite", "--json", json.dumps(spec))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    text = seeds_bot.index.document(spec["file"]).text  # type: ignore[union-attr]
    assert out["text"] == "280 Lao officers" == text[out["char_start"] : out["char_end"]]
    elsewhere = run(seeds_bot, "cite", json.dumps({**spec, "line_start": 3, "line_end": 3}))
    assert elsewhere.exit_code == 1 and "L3-L3 does not hold the cited text" in elsewhere.stderr
    bad = run(seeds_bot, "cite", json.dumps({**spec, "text": 5}))
    assert bad.exit_code == 1 and '"text" must be the cited text as a string' in bad.stderr


def test_a_file_not_in_the_corpus_says_how_to_cite_another_folder(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "cite", "nosuch.txt:L1")
    assert result.exit_code == 1 and "no such file in the corpus" in result.stderr
    assert "a file of another folder needs --corpus FOLDER" in result.stderr


def test_a_quotation_longer_than_is_searched_never_passes_its_unsearched_tail_as_exact(seeds_bot: Bot) -> None:
    text = seeds_bot.index.document("001_bac36986efc7b92e.txt").text  # type: ignore[union-attr]
    invented = " and then the purple elephant danced on the moon with a saxophone for three hours."
    result = run(seeds_bot, "quote", "--json", "-", stdin=text[:4995] + invented)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["searched_chars"] == 5000
    top = out["matches"][0]
    assert top["score"] < 1 and "purple elephant" in top["differences"][-1]["quotation"]
    assert "only the first 5,000 of the quotation's 5,077 characters were searched for" in result.stderr
    thrice = json.loads(run(seeds_bot, "quote", "--json", "-", stdin=text * 3).stdout)
    assert not any(m["part"] is None and m["score"] == 1 for m in thrice["matches"])  # no exact match of the whole


def test_a_made_up_sentence_between_traced_ones_is_named_as_not_found(seeds_bot: Bot) -> None:
    quotation = (
        "Additionally, the Vietnamese MPS in 2021 received and trained 280 Lao officers. The two sides also stated "
        "that one country's security is also the other's. The purple elephant danced on the moon."
    )
    as_json = run(seeds_bot, "quote", "--json", quotation)
    assert as_json.exit_code == 0, as_json.output
    out = json.loads(as_json.stdout)
    assert len(out["matches"]) == 2 and out["not_found"] == ["The purple elephant danced on the moon."]
    plain = run(seeds_bot, "quote", quotation)
    assert plain.stdout.splitlines()[-1] == "not found in the documents: The purple elephant danced on the moon."
    nothing = json.loads(run(seeds_bot, "quote", "--json", "The quick brown fox jumps over the lazy dog").stdout)
    assert nothing["not_found"] == []  # nothing at all found: "No close match" says it once


@pytest.mark.parametrize(("quoted", "source"), [("12,00", "1,200"), ("1.200", "1,200"), ("1,300", "1,200")])
def test_any_change_to_a_number_is_a_difference(notes: list[str], quoted: str, source: str) -> None:
    result = CliRunner().invoke(cli, ["quote", "--json", f"Rent is {quoted} euros per month.", *notes])
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["matches"][0]
    assert top["text"] == "Rent is 1,200 euros per month."
    assert top["differences"] == [{"quotation": quoted, "source": source}]


def test_quote_finds_text_appended_to_an_indexed_file_by_updating_the_index(notes: list[str]) -> None:
    corpus = Path(notes[1])
    with (corpus / "flat.md").open("a", encoding="utf-8") as f:
        f.write("Appended line about hydroplanes.\n")
    loud = [option for option in notes if option != "-q"]
    result = CliRunner().invoke(cli, ["quote", "--json", "Appended line about hydroplanes.", *loud])
    assert result.exit_code == 0, result.output
    assert "flat.md changed since indexing: updating the index" in result.stderr
    top = json.loads(result.stdout)["matches"][0]
    assert (top["file"], top["line_start"], top["score"]) == ("flat.md", 5, 1.0)


def test_every_exact_occurrence_in_a_file_is_reported(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "quote", "--json", "-n", "10", "Minister To Lam hosts Lao counterpart -0")
    assert result.exit_code == 0, result.output
    exact = [(m["file"], m["line_start"]) for m in json.loads(result.stdout)["matches"] if m["score"] == 1]
    assert exact == [("001_bac36986efc7b92e.txt", line) for line in (7, 14, 23, 32, 41)]
    two = json.loads(run(seeds_bot, "quote", "--json", "-n", "2", "Minister To Lam hosts Lao counterpart -0").stdout)
    assert len(two["matches"]) == 2 and two["more"] >= 3  # the other three places at least
    plain = run(seeds_bot, "quote", "-n", "2", "Minister To Lam hosts Lao counterpart -0").stdout.splitlines()
    assert f"({two['more']} more matches; -n shows more)" in plain


def test_cite_refuses_an_index_that_is_not_the_corpus_index_as_quote_does(notes: list[str], tmp_path: Path) -> None:
    corpus, index = notes[1], notes[3]
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Another folder's note.\n", encoding="utf-8")
    cases = [
        (["flat.md:L3", "--corpus", corpus, "--index", str(other)], "--index " + str(other) + ": is not a qa index"),
        (["a.txt:L1", "--corpus", str(other), "--index", index], f"was built from {Path(corpus).resolve()}"),
    ]
    for args, says in cases:
        result = CliRunner().invoke(cli, ["cite", *args])
        assert result.exit_code == 1 and says in result.stderr, (args, result.output)
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    nowhere = CliRunner().invoke(cli, ["cite", "flat.md:L3", "--corpus", corpus, "--index", str(tmp_path / "nowhere")])
    assert nowhere.exit_code == 0 and nowhere.stdout.startswith("flat.md:L3")  # a new folder, as quote indexes there
    assert f"note: --index {tmp_path / 'nowhere'} holds no index yet" in nowhere.stderr
    assert not (tmp_path / "nowhere").exists()
    assert CliRunner().invoke(cli, ["cite", "flat.md:L3", "--corpus", corpus, "--index", index]).exit_code == 0


def test_a_citation_as_ask_and_cite_print_it_can_be_pasted_back(seeds_bot: Bot) -> None:
    reply = run(seeds_bot, "ask", "How many Lao officers did Vietnam train in 2021?")
    printed = next(line.strip() for line in reply.stdout.splitlines() if line.strip().startswith("[1] "))
    answer = json.loads(run(seeds_bot, "ask", "--json", "How many Lao officers did Vietnam train in 2021?").stdout)
    for spec in (printed, printed.removeprefix("[1] ")):
        result = run(seeds_bot, "cite", "--json", spec)
        assert result.exit_code == 0, (spec, result.output)
        assert json.loads(result.stdout)["text"] == answer["answers"][0]["text"]
    header = run(seeds_bot, "cite", "001_bac36986efc7b92e.txt:L21").stdout.splitlines()[0]
    assert run(seeds_bot, "cite", header).stdout.splitlines()[0] == header
    other_line = run(seeds_bot, "cite", header.replace(":L21", ":L22", 1))
    assert other_line.exit_code == 1 and "is on lines 21-21, not 22-22" in other_line.stderr
    other_file = run(seeds_bot, "cite", header.replace("001_", "000_", 1))
    assert other_file.exit_code == 1 and "names two files" in other_file.stderr


def test_a_match_as_quote_prints_it_can_be_pasted_back(seeds_bot: Bot) -> None:
    found = run(seeds_bot, "quote", "Additionally, the Vietnamese MPS in 2021 received and trained 280 Lao officers")
    printed = found.stdout.splitlines()[0]
    assert printed.startswith("[1] ") and printed.endswith("score 1.00")
    result = run(seeds_bot, "cite", "--json", printed)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"].startswith("Additionally, the Vietnamese MPS in 2021")


@pytest.mark.parametrize("quotation", ["...", "…", "[...]", " ... ... ", "!!!"])
def test_a_quotation_of_marks_alone_is_refused_as_empty_is(seeds_bot: Bot, quotation: str) -> None:
    result = run(seeds_bot, "quote", quotation)
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: the quotation has no words, only marks: give the words to look for"


def test_a_line_number_as_grep_writes_it_is_that_line(seeds_bot: Bot) -> None:
    grep_style = run(seeds_bot, "cite", "--json", "001_bac36986efc7b92e.txt:21")
    assert grep_style.exit_code == 0, grep_style.output
    assert grep_style.stdout == run(seeds_bot, "cite", "--json", "001_bac36986efc7b92e.txt:L21").stdout


def test_citing_a_file_deleted_since_indexing_says_it_was_deleted(notes: list[str]) -> None:
    (Path(notes[1]) / "garden.txt").unlink()
    result = CliRunner().invoke(cli, ["cite", "garden.txt:L1", *notes])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: garden.txt was indexed but has since been deleted from {notes[1]}: run `qa index` to update the index"
    )
    never = CliRunner().invoke(cli, ["cite", "nosuch.txt:L1", *notes])
    assert never.exit_code == 1 and "no such file in the corpus" in never.stderr


@pytest.mark.parametrize("ellipsis", ["...", "…", "[...]", "[…]", "(...)", ". . ."])
def test_an_ellipsis_marks_words_left_out_not_a_misquotation(seeds_bot: Bot, ellipsis: str) -> None:
    quotation = f"Additionally, the Vietnamese MPS in 2021 received {ellipsis} medical equipment and supplies"
    result = run(seeds_bot, "quote", "--json", quotation)
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["matches"][0]
    assert top["text"].startswith("Additionally, the Vietnamese MPS") and top["text"].endswith("equipment and supplies")
    assert (top["line_start"], top["score"], top["differences"], top["omitted"]) == (21, 1.0, [], [13])
    plain = run(seeds_bot, "quote", quotation).stdout
    assert "quotation differs" not in plain and "the ellipsis leaves out 13 words of the source" in plain


def test_a_misquote_inside_a_fragment_between_ellipses_is_still_a_difference(seeds_bot: Bot) -> None:
    quotation = "the Vietnamese MPS ... 290 Lao officers ... medical equipment"
    top = json.loads(run(seeds_bot, "quote", "--json", quotation).stdout)["matches"][0]
    assert top["text"] == (
        "the Vietnamese MPS in 2021 received and trained 280 Lao officers and provided the Lao Public Security "
        "Forces with medical equipment"
    )
    assert top["differences"] == [{"quotation": "290", "source": "280"}] and top["omitted"] == [5, 8]


def test_a_match_ends_where_the_quotation_s_words_do_though_a_sentence_in_it_is_invented(seeds_bot: Bot) -> None:
    lines = seeds_bot.index.document("001_bac36986efc7b92e.txt").text.split("\n")  # type: ignore[union-attr]
    quotation = f"{lines[18]} Officials then signed several cooperation documents. Additionally, the Vietnamese MPS"
    result = run(seeds_bot, "quote", "--json", "-n", "1", quotation)
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["matches"][0]
    assert top["text"].startswith(lines[18]) and top["text"].endswith("Additionally, the Vietnamese MPS")
    assert top["differences"] == [{"quotation": "Officials then signed several cooperation documents", "source": ""}]


def test_a_json_citation_whose_text_moved_says_where_the_file_now_holds_it(notes: list[str]) -> None:
    saved = CliRunner().invoke(cli, ["cite", "--json", "flat.md:L4", *notes])
    assert saved.exit_code == 0, saved.output
    flat = Path(notes[1]) / "flat.md"
    flat.write_text("Two lines\nadded above.\n" + flat.read_text(encoding="utf-8"), encoding="utf-8")
    moved = CliRunner().invoke(cli, ["cite", "-", *notes], input=saved.stdout)
    assert moved.exit_code == 1 and moved.stderr.count("\n") == 1
    at = flat.read_text(encoding="utf-8").index("The lease runs until March.")
    assert f"flat.md#{at - 23}-{at + 4} does not hold the cited text" in moved.stderr
    assert f"the file now holds it at flat.md:L6  (flat.md#{at}-{at + 27}): cite that (after `qa index`" in moved.stderr
    flat.write_text("The lease was ended.\n", encoding="utf-8")
    gone = CliRunner().invoke(cli, ["cite", "-", *notes], input=saved.stdout)
    assert gone.exit_code == 1 and "nor does any other place of the file" in gone.stderr


def test_a_score_of_1_never_comes_with_a_difference(notes: list[str]) -> None:
    spacing = CliRunner().invoke(cli, ["quote", "--json", "Rent is 1,200 euros per month.The lease runs", *notes])
    assert spacing.exit_code == 0, spacing.output
    top = json.loads(spacing.stdout)["matches"][0]
    assert (top["score"], top["differences"]) == (1.0, [])  # a space missing after a mark is no difference
    separator = CliRunner().invoke(cli, ["quote", "Rent is 1.200 euros per month.", *notes])
    assert separator.exit_code == 0, separator.output
    header, _, differs = separator.stdout.splitlines()
    assert header.endswith("score 0.99") and differs == '    quotation differs: "1.200" -> "1,200"'


def test_a_cited_line_break_is_marked_at_its_line_s_end_and_named(seeds_bot: Bot) -> None:
    result = run(seeds_bot, "cite", "-C", "0", "001_bac36986efc7b92e.txt#37-38")
    assert result.exit_code == 0, result.output
    header, note, line, caret = result.stdout.splitlines()
    assert note == "  the cited text is a line break"
    assert line == ">1 | Minister To Lam hosts Lao counterpart" and caret == " " * len(line) + "^"


@pytest.mark.parametrize("spec", ["flat.md:L1", "flat.md#0-10", "flat.md#2-11", "flat.md#10-11"])
def test_a_blank_line_after_a_citation_is_shown_as_context(notes: list[str], spec: str) -> None:
    result = CliRunner().invoke(cli, ["cite", "-C", "1", spec, *notes])
    assert result.exit_code == 0, result.output
    numbered = [line[:4] for line in result.stdout.splitlines() if line[1:2].isdigit()]
    assert numbered == [">1 |", " 2 |"]  # the cited text ending at or on the line break, then the blank line
    alone = CliRunner().invoke(cli, ["cite", "-C", "0", spec, *notes])
    assert [line[:4] for line in alone.stdout.splitlines() if line[1:2].isdigit()] == [">1 |"]


@pytest.mark.parametrize("renamed", [True, False])
def test_quote_names_a_file_deleted_or_renamed_since_indexing_as_it_updates_the_index(
    notes: list[str], renamed: bool
) -> None:
    garden = Path(notes[1]) / "garden.txt"
    if renamed:
        garden.rename(garden.with_name("yard.txt"))
    else:
        garden.unlink()
    loud = [option for option in notes if option != "-q"]
    result = CliRunner().invoke(cli, ["quote", "--json", "The lease runs until Marc", *loud])
    assert result.exit_code == 0, result.output
    assert "garden.txt deleted or renamed since indexing: updating the index" in result.stderr.splitlines()
    assert json.loads(result.stdout)["matches"][0]["file"] == "flat.md"
    again = CliRunner().invoke(cli, ["quote", "--json", "The lease runs until Marc", *loud])
    assert "since indexing" not in again.stderr  # the index is up to date now


@pytest.mark.parametrize("ellipsis", ["...", "…", "[...]"])
def test_fragments_an_ellipsis_joins_in_another_order_than_the_source_s_are_flagged(
    seeds_bot: Bot, ellipsis: str
) -> None:
    first, second = "Additionally, the Vietnamese MPS in 2021 received", "medical equipment and supplies"
    swapped = json.loads(run(seeds_bot, "quote", "--json", f"{second} {ellipsis} {first}").stdout)
    assert [(m["line_start"], m["part"]) for m in swapped["matches"]] == [(21, second), (21, first)]
    assert swapped["reordered"] is True
    plain = run(seeds_bot, "quote", f"{second} {ellipsis} {first}").stdout.splitlines()
    assert "the quotation's fragments appear in another order in the source" in plain
    in_order = json.loads(run(seeds_bot, "quote", "--json", f"{first} {ellipsis} {second}").stdout)
    assert in_order["reordered"] is False and in_order["matches"][0]["omitted"] == [13]


def test_citing_a_file_renamed_since_indexing_says_which_file_now_holds_the_cited_text(notes: list[str]) -> None:
    saved = CliRunner().invoke(cli, ["cite", "--json", "flat.md:L4", *notes])
    assert saved.exit_code == 0, saved.output
    flat = Path(notes[1]) / "flat.md"
    flat.rename(flat.with_name("lease.md"))
    for spec in ("flat.md:L4", "flat.md#43-70"):  # the same text under a new name: the same place
        result = CliRunner().invoke(cli, ["cite", spec, *notes])
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
        assert result.stderr.strip() == (
            f"Error: flat.md was indexed but has since been renamed or deleted from {notes[1]}; lease.md now holds "
            "the cited text at lease.md:L4  (lease.md#43-70): cite that, and run `qa index` to update the index"
        )
    lease = flat.with_name("lease.md")
    lease.write_text("Lease\n\n" + lease.read_text(encoding="utf-8"), encoding="utf-8")
    moved = CliRunner().invoke(cli, ["cite", "-", *notes], input=saved.stdout)  # it carries its text: found
    assert moved.exit_code == 1 and "lease.md now holds the cited text at lease.md:L6  (lease.md#50-77)" in moved.stderr
    lease.unlink()
    gone = CliRunner().invoke(cli, ["cite", "-", *notes], input=saved.stdout)
    assert gone.exit_code == 1 and "flat.md was indexed but has since been deleted from" in gone.stderr
