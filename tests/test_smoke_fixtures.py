"""The shared fixtures work: the fake bot answers from the tiny corpus with verbatim citations."""

from __future__ import annotations


def test_fake_bot_answers_with_a_verbatim_citation(fake_bot):
    reply = fake_bot.ask("Who designed the lighthouse at Port Elan?")
    assert reply.answers
    top = reply.answers[0]
    doc = fake_bot.index.document(top.citation.file)
    assert doc.text[top.citation.char_start : top.citation.char_end] == top.text
