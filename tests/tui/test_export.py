"""The conversation as Markdown: abstentions said once, and the folder of each answer when the chat switched."""

from __future__ import annotations

from qa import Reply
from tui.export import conversation_markdown


def test_an_abstention_is_said_once_and_answers_from_another_folder_say_which(fake_bot) -> None:
    answered = fake_bot.ask("Who designed the lighthouse?")
    unanswered = Reply("Who?", (), (), 0.0, "Not found: the question names nothing to look for.")
    markdown = conversation_markdown(
        [("Who designed the lighthouse?", answered), ("Who?", unanswered)],
        corpus="mine",
        answered_from=["seeds", "mine"],
    )
    assert markdown.count("Not found") == 1
    assert "**Not found: the question names nothing to look for.**" in markdown
    assert markdown.count("*Answered from `seeds`.*") == 1  # the second came from `mine`, the header's folder
    assert markdown.index("*Answered from `seeds`.*") < markdown.index("## Who?")
    first, second = answered.answers
    assert f"Also ({second.score / first.score:.0%} as likely):\n\n> {second.text}" in markdown


def test_answers_from_another_folder_are_not_marked_changed_by_the_loaded_folders_files(fake_bot) -> None:
    answered = fake_bot.ask("Who designed the lighthouse?")
    file = answered.answers[0].citation.file
    exchanges = [("Who designed the lighthouse?", answered), ("Again?", answered)]
    markdown = conversation_markdown(exchanges, corpus="mine", changed={file}, answered_from=["seeds", "mine"])
    assert markdown.count(f"*{file} changed since this answer") == 1  # the answer from `mine` only
    assert markdown.index(f"*{file} changed since this answer") > markdown.index("## Again?")
