"""bench/masked.py makes near-topic unanswerable questions by removing the sentences that answer them."""

from __future__ import annotations

import json
from pathlib import Path

from bench.masked import build_from, masked_group, without_sentences
from qa.evaluation import read_examples


def test_without_sentences_drops_only_the_answering_sentence_and_keeps_line_numbers() -> None:
    text = "Title\nThe bridge opened in 1932. It is long.\nThe mayor is Ana Lee.\nShe was born in Lyon.\n"
    out = without_sentences(text, ["Ana Lee"])
    assert "Ana Lee" not in out and "mayor" not in out
    assert "The bridge opened in 1932." in out and "She was born in Lyon." in out
    assert out.count("\n") == text.count("\n")
    assert out.splitlines()[3] == "She was born in Lyon."


def _ids(group: bool, n: int = 40) -> list[str]:
    return [i for i in (f"q{k}" for k in range(n)) if masked_group(i) == group][:1]


def test_build_from_turns_the_masked_group_unanswerable_and_keeps_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Bridges\nThe bridge opened in 1932. The engineer was Ana Lee.\nIt spans the river Lune.\n", encoding="utf-8"
    )
    (masked,) = _ids(True)
    (kept,) = _ids(False)
    rows = [
        {"id": masked, "question": "Who was the engineer?", "answers": ["Ana Lee"], "sources": ["a.txt"]},
        {"id": kept, "question": "What river does it span?", "answers": ["Lune"], "sources": ["a.txt"]},
        {"id": "foreign", "question": "Who won the cup?", "answers": [], "sources": []},
    ]
    qa_file = tmp_path / "qa.jsonl"
    qa_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    counts = build_from(qa_file, corpus, tmp_path / "out")

    assert counts == (1, 1, 0)
    examples, problems = read_examples(tmp_path / "out" / "qa.jsonl")
    assert not problems
    by_question = {ex.question: ex for ex in examples}
    assert not by_question["Who was the engineer?"].answerable
    assert str(by_question["Who was the engineer?"].id) == f"a.txt#{masked}"  # fitting splits it by article
    assert by_question["What river does it span?"].answers == ("Lune",)
    assert "Who won the cup?" not in by_question  # the set's own foreign questions are measured by the set
    text = (tmp_path / "out" / "corpus" / "a.txt").read_text(encoding="utf-8")
    assert "Ana Lee" not in text and "Lune" in text and "1932" in text
