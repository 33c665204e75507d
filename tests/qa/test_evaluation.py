"""qa eval's metrics agree with hand computation on a tiny set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.cli import cli
from qa.errors import QAError
from qa.evaluation import exact_match, f1, normalize_answer, read_examples


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The Eiffel  Tower!", "eiffel tower"),
        ("Tô Lâm", "to lam"),
        ("an apple, a pear", "apple pear"),
        # punctuation is removed, as SQuAD does, not replaced by a space; Unicode's too
        ("Lao People's", "lao peoples"),
        ("7,000,000 km", "7000000 km"),
        ("« l’armée »", "larmee"),
    ],
)
def test_normalisation(text: str, normal: str) -> None:
    assert normalize_answer(text) == normal


def test_a_span_cut_at_an_apostrophe_is_not_scored_as_a_whole_word() -> None:
    """Read with a space for the apostrophe, `Lao People` held two of five words of the gold answer (F1 0.57)."""
    assert f1("Lao People", "Lao People's Public Security") == pytest.approx(1 / 3)


def test_an_answer_contains_the_gold_answer_as_normalised_text() -> None:
    from qa.evaluation import contains

    assert contains("the Kars-Ardahan road", "Kars") and contains("la prise d'Alger", "Alger")
    assert contains("about 7,000,000 people", "7,000,000") and contains("Lao People's Army", "Lao People's")
    assert not contains("in 2021", "2019")
    assert not contains("The canal was opened in 1794.", "17")  # whole words: a number inside another is no hit


def test_squad_metrics_by_hand() -> None:
    assert exact_match("the 280 officers", "280 officers") == 1.0
    assert f1("280 Lao officers", "280 officers") == pytest.approx(0.8)
    assert f1("nothing", "280") == 0.0


def test_bad_lines_are_reported_by_number_and_the_rest_read(tmp_path) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text('{"question": "q1", "answers": []}\nnot json\n{"answers": []}\n', encoding="utf-8")
    examples, problems = read_examples(path)
    assert [e.question for e in examples] == ["q1"]
    assert [p.split(":")[1] for p in problems] == ["2", "3"]
    assert "not valid JSON" in problems[0] and "missing question" in problems[1]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"question": "q", "answers": ["a"], "sources": "a.txt"}', "sources must be a list of file names"),
        ('{"question": "q", "answers": [null, 5]}', "answers must be non-empty strings"),
        ('{"question": "  ", "answers": ["a"]}', "the question is empty"),
    ],
)
def test_fields_of_the_wrong_kind_are_reported_not_scored_as_misses(tmp_path, line: str, says: str) -> None:
    """A string of sources used to be read as its characters, and `null` as the answer `None`."""
    path = tmp_path / "qa.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    examples, problems = read_examples(path)
    assert examples == [] and len(problems) == 1 and says in problems[0]


def test_repeated_ids_and_sources_outside_the_corpus_are_warned_about() -> None:
    from qa.evaluation import Example, example_warnings

    examples = [Example("a", "q1", ("x",), ("in.txt",)), Example("a", "q2", ("y",), ("gone.txt",))]
    assert example_warnings(examples, lambda path: path == "in.txt") == [
        "id 'a' is used by 2 questions",
        "id 'a': source 'gone.txt' is not in the corpus",
    ]


def test_questions_about_another_corpus_are_one_error_naming_the_fix(fake_bot, tmp_path, monkeypatch) -> None:
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
    path = tmp_path / "qa.jsonl"
    lines = [{"question": f"q{n}?", "answers": ["x"], "sources": [f"wiki_{n}.txt"]} for n in range(3)]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    options = ["--corpus", str(fake_bot.settings.corpus), "--index", str(fake_bot.settings.index_path), "-q"]
    result = CliRunner().invoke(cli, ["eval", str(path), *options, "--model", fake_bot.settings.model])
    assert result.exit_code == 1
    assert "none of the 3 source files its questions name is in" in result.stderr and "--corpus" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    fresh = tmp_path / "never-built"
    options = ["--corpus", str(fake_bot.settings.corpus), "--index", str(fresh), "-q"]
    again = CliRunner().invoke(cli, ["eval", str(path), *options, "--model", fake_bot.settings.model])
    assert again.exit_code == 1 and "none of the 3 source files" in again.stderr
    assert not fresh.exists()  # said before indexing a corpus the questions are not about


def test_a_file_that_is_not_a_question_file_is_one_line(tmp_path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\n" + "".join(f"line {n} of prose\n" for n in range(300)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--corpus", str(tmp_path), "-q"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {path}: no questions to evaluate")
    assert "301 bad lines" in result.stderr and '{"question": ..., "answers": [...]}' in result.stderr


def test_many_bad_lines_are_counted_past_the_first_ten(fake_bot, tmp_path, monkeypatch) -> None:
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
    path = tmp_path / "qa.jsonl"
    good = json.dumps({"question": "Who designed the lighthouse?", "answers": ["Maria Koval"]})
    path.write_text(good + "\n" + "oops\n" * 25, encoding="utf-8")
    options = ["--corpus", str(fake_bot.settings.corpus), "--index", str(fake_bot.settings.index_path)]
    result = CliRunner().invoke(cli, ["eval", str(path), *options, "--model", fake_bot.settings.model, "--json", "-q"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 11 and skipped[-1] == f"skipped 15 more bad lines of {path}"
    assert json.loads(result.stdout)["questions"] == 1
    bounded = CliRunner().invoke(
        cli,
        ["eval", str(path), *options, "--model", fake_bot.settings.model, "--json", "-q", "--min", "latency_p50_ms=0"],
    )
    assert (
        bounded.exit_code == 1
        and "bound not met: latency_p50_ms=" in bounded.stderr
        and "(at most 0)" in bounded.stderr
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--min", "answer_hit@1=nan"], "with a number"),
        (["--min", "hit@1=0.9"], "unknown metric 'hit@1'"),
        (["--min", "answer_hit@1=1.5"], "a share between 0 and 1"),
        (["--out", "/nonexistent-folder/out.jsonl"], "cannot write there"),
    ],
)
def test_eval_argument_mistakes_exit_2_before_anything_is_read(tmp_path, option, message) -> None:
    missing = tmp_path / "not-there"  # neither the question file nor the corpus exists: nothing ran before the check
    result = CliRunner().invoke(cli, ["eval", str(missing / "qa.jsonl"), "--corpus", str(missing), *option])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_metrics_with_nothing_to_count_are_null_and_fail_a_bound_on_them(fake_bot, tmp_path, monkeypatch) -> None:
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"question": "Who is the mayor of Port Elan?", "answers": []}) + "\n", encoding="utf-8")
    options = ["--corpus", str(fake_bot.settings.corpus), "--index", str(fake_bot.settings.index_path), "-q"]
    options += ["--model", fake_bot.settings.model]
    result = CliRunner().invoke(cli, ["eval", str(path), *options, "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["questions"] == 1 and metrics["answerable"] == 0
    assert (
        metrics["answer_hit@1"] is None and metrics["false_abstain"] is None and metrics["abstain_recall"] is not None
    )
    bounded = CliRunner().invoke(cli, ["eval", str(path), *options, "--json", "--min", "answer_hit@1=0.5"])
    assert bounded.exit_code == 1 and "answer_hit@1 has no value" in bounded.stderr
    table = CliRunner().invoke(cli, ["eval", str(path), *options])
    assert re.search(r"answer_hit@1\s*│\s*n/a", table.stdout), table.stdout


def test_eval_json_matches_hand_computed_metrics(seeds_bot, seeds_settings, tmp_path) -> None:
    questions = [
        {
            "id": "a",
            "question": "How many Lao officers did Vietnam train in 2021?",
            "answers": ["280"],
            "sources": ["001_bac36986efc7b92e.txt"],
        },
        {"id": "b", "question": "Which football club won the ASEAN championship?", "answers": [], "sources": []},
    ]
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in questions), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [
        "eval",
        str(path),
        "--json",
        "--out",
        str(out),
        "--corpus",
        str(seeds_settings.corpus),
        "--index",
        str(seeds_settings.index_path),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    a = seeds_bot.ask(questions[0]["question"])
    expected_hit = float("280" in a.answers[0].text) if a.answers else 0.0
    assert metrics["answer_hit@1"] == expected_hit
    assert metrics["abstain_recall"] == float(seeds_bot.ask(questions[1]["question"]).abstained)
    assert metrics["verbatim"] == 1.0
    assert [r["id"] for r in rows] == ["a", "b"]
    failing = CliRunner().invoke(cli, [*args[:2], "--min", "latency_p95_ms=0", *args[5:]])
    assert failing.exit_code == 1


def test_a_byte_order_mark_and_missing_or_numeric_ids_are_read(tmp_path) -> None:
    path = tmp_path / "qa.jsonl"
    lines = ['{"question": "q1", "answers": []}', '{"id": 1, "question": "q2", "answers": []}']
    lines.append('{"id": [1], "question": "q3", "answers": []}')
    lines.append('{"id": "", "question": "q4", "answers": []}')
    lines.append('{"id": null, "question": "q5", "answers": []}')
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))  # Notepad's UTF-8
    examples, problems = read_examples(path)
    assert [(e.id, e.question) for e in examples] == [("line 1", "q1"), (1, "q2"), ("line 4", "q4"), ("line 5", "q5")]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:3: id must be")


def eval_options(fake_bot, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """`qa eval` options for the tiny corpus with the fake encoder."""
    import qa.api
    from tests.conftest import HashingEncoder

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: HashingEncoder())
    settings = fake_bot.settings
    return ["--corpus", str(settings.corpus), "--index", str(settings.index_path), "--model", settings.model, "-q"]


LIGHTHOUSE = {"id": "l", "question": "Who designed the lighthouse?", "answers": ["Maria Koval"], "sources": []}


def test_eval_reads_stdin_and_scores_source_at_1_only_where_sources_are_named(fake_bot, tmp_path, monkeypatch) -> None:
    options = eval_options(fake_bot, monkeypatch)
    named = {**LIGHTHOUSE, "id": "n", "sources": ["harbor.txt"]}
    text = "\ufeff" + json.dumps(LIGHTHOUSE) + "\n" + json.dumps(named) + "\n"
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["eval", "-", *options, "--json", "--out", str(out)], input=text)
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["questions"] == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "source@1" not in rows[0]["scores"] and "source@1" in rows[1]["scores"]
    assert metrics["source@1"] == rows[1]["scores"]["source@1"]  # the question naming no source is not a miss
    for row in rows:  # the span's own citation, as in `qa ask --json`
        c = row["span_citation"]
        text = (fake_bot.settings.corpus / c["file"]).read_text(encoding="utf-8")
        assert text[c["char_start"] : c["char_end"]] == row["span"]
    bad = CliRunner().invoke(cli, ["eval", "-", *options], input="oops\n")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: stdin: no questions to evaluate")


def test_eval_refuses_an_out_file_that_is_the_question_file_or_stdout(fake_bot, tmp_path, monkeypatch) -> None:
    options = eval_options(fake_bot, monkeypatch)
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps(LIGHTHOUSE) + "\n", encoding="utf-8")
    for out, says in ((str(path), "that is the question file"), (f"{tmp_path}/../{tmp_path.name}/qa.jsonl", "that is")):
        result = CliRunner().invoke(cli, ["eval", str(path), *options, "--out", out])
        assert result.exit_code == 2 and says in result.stderr, result.output
    assert json.loads(path.read_text(encoding="utf-8")) == LIGHTHOUSE
    (tmp_path / "hard.jsonl").hardlink_to(path)
    hard = CliRunner().invoke(cli, ["eval", str(path), *options, "--out", str(tmp_path / "hard.jsonl")])
    assert hard.exit_code == 2 and "that is the question file" in hard.stderr
    corpus = Path(options[1])
    for name in ("harbor.txt", "results.md"):  # a document, or one the next indexing would read
        inside = CliRunner().invoke(cli, ["eval", str(path), *options, "--out", str(corpus / name)])
        assert inside.exit_code == 2 and "inside the corpus" in inside.stderr, inside.output
    assert not (corpus / "results.md").exists() and "lighthouse" in (corpus / "harbor.txt").read_text(encoding="utf-8")
    dash = CliRunner().invoke(cli, ["eval", str(path), *options, "--out", "-"])
    assert dash.exit_code == 2 and "give a file name" in dash.stderr
    assert not (tmp_path / "-").exists()


def test_an_explicit_corpus_wins_over_the_folder_beside_the_question_file(fake_bot, tmp_path, monkeypatch) -> None:
    options = eval_options(fake_bot, monkeypatch)
    (tmp_path / "set" / "corpus").mkdir(parents=True)  # shared/eval's layout, but empty
    path = tmp_path / "set" / "qa.jsonl"
    path.write_text(json.dumps({**LIGHTHOUSE, "sources": ["harbor.txt"]}) + "\n", encoding="utf-8")
    corpus, rest = options[1], options[2:]
    before = CliRunner().invoke(cli, ["--corpus", corpus, "eval", str(path), *rest, "--json"])
    assert before.exit_code == 0, before.output  # the tiny corpus, given before the command, not set/corpus
    missing = CliRunner().invoke(cli, ["eval", str(path), "--corpus", str(tmp_path / "nowhere"), *rest])
    assert missing.exit_code == 1 and "corpus folder not found" in missing.stderr, missing.output


def test_worst_misses_are_not_cut_at_80_columns_when_piped(fake_bot, tmp_path, monkeypatch) -> None:
    options = eval_options(fake_bot, monkeypatch)
    question = "Which tower of the harbour town was designed by someone whose name the documents give? " * 2
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"question": question.strip(), "answers": ["no such answer"]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), *options])
    assert result.exit_code == 0, result.output
    assert f"- line 1: {question.strip()}" in result.stdout.splitlines()


def test_a_question_file_not_in_utf8_or_missing_is_one_line_saying_so(tmp_path) -> None:
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"question": "ok?", "answers": []}\n{"question": "caf\xe9?", "answers": []}\n')
    with pytest.raises(QAError, match=r"latin.jsonl:2: the question file is not UTF-8"):
        read_examples(latin)
    with pytest.raises(QAError, match="No such file or directory"):
        read_examples(tmp_path / "nope.jsonl")


def test_a_bound_is_checked_on_the_exact_metric_not_the_rounded_one(fake_bot, tmp_path, monkeypatch) -> None:
    """Two hits in three show as 0.6667, yet fall short of 0.66667: rounding for the table must not pass a bound."""
    options = eval_options(fake_bot, monkeypatch)
    miss = {**LIGHTHOUSE, "id": "m", "answers": ["Ada Quist"]}
    text = "".join(json.dumps({**q, "id": str(i)}) + "\n" for i, q in enumerate([LIGHTHOUSE, LIGHTHOUSE, miss]))
    shown = CliRunner().invoke(cli, ["eval", "-", *options, "--json"], input=text)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["answer_hit@1"] == 0.6667
    bounded = CliRunner().invoke(cli, ["eval", "-", *options, "--json", "--min", "answer_hit@1=0.66667"], input=text)
    assert bounded.exit_code == 1 and "answer_hit@1=0.666667 (at least 0.66667)" in bounded.stderr


def test_a_numeric_id_comes_back_as_a_number_in_out(fake_bot, tmp_path, monkeypatch) -> None:
    options = eval_options(fake_bot, monkeypatch)
    out = tmp_path / "out.jsonl"
    text = json.dumps({**LIGHTHOUSE, "id": 7}) + "\n"
    result = CliRunner().invoke(cli, ["eval", "-", *options, "--json", "--out", str(out)], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == 7


def test_what_a_first_question_would_load_is_loaded_before_the_timing_starts(fake_bot, monkeypatch) -> None:
    """The eval README times questions with the index loaded; a French first question used to carry the
    multilingual model's load (0.9 s against 8 ms for the others on seeds)."""
    import qa.api

    options = eval_options(fake_bot, monkeypatch)
    calls: list[str] = []
    real_warm_up, real_ask = qa.api.Bot.warm_up, qa.api.Bot.ask
    monkeypatch.setattr(qa.api.Bot, "warm_up", lambda self: calls.append("warm_up") or real_warm_up(self))
    monkeypatch.setattr(qa.api.Bot, "ask", lambda self, q: calls.append("ask") or real_ask(self, q))
    result = CliRunner().invoke(cli, ["eval", "-", *options, "--json"], input=json.dumps(LIGHTHOUSE) + "\n")
    assert result.exit_code == 0, result.output
    assert calls == ["warm_up", "ask"]
