"""`Bot.stale_files`: edits anywhere in the corpus are found by one stat per file, and only moved files are read."""

from __future__ import annotations

import json
import os
import time

import pytest

from qa.api import Bot, ensure_bot
from qa.errors import SourcesChanged
from qa.indexing import index_corpus
from qa.ingestion import SETTLED_NS
from tests.conftest import HashingEncoder, fake_settings


def test_stale_files_finds_a_file_no_answer_cited_and_tells_a_touch_from_an_edit(fake_bot: Bot) -> None:
    corpus = fake_bot.settings.corpus
    assert fake_bot.stale_files() == []
    os.utime(corpus / "orchard.md", ns=(1, 10**18))  # new times, same text
    assert fake_bot.stale_files() == []
    with (corpus / "orchard.md").open("a", encoding="utf-8") as f:
        f.write("We closed 7 issues in January 2024.\n")
    assert fake_bot.stale_files() == ["orchard.md"]
    (corpus / "harbor.txt").unlink()
    assert fake_bot.stale_files() == ["harbor.txt", "orchard.md"]


def test_stale_files_reads_only_files_whose_stat_moved(fake_bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    import qa.lookup

    checked: list[list[str]] = []
    real = qa.lookup.changed_since_indexing

    def recording(root, documents):  # type: ignore[no-untyped-def]
        documents = list(documents)
        checked.append([doc.path for doc in documents])
        return real(root, documents)

    monkeypatch.setattr(qa.api, "changed_since_indexing", recording)
    fake_bot.stale_files()
    os.utime(fake_bot.settings.corpus / "fromage.txt", ns=(1, 10**18))
    fake_bot.stale_files()  # changed this instant, it may change again within the same tick: not remembered yet
    time.sleep(SETTLED_NS / 1e9)
    fake_bot.stale_files()
    fake_bot.stale_files()  # read once it settled, then known by its new stat
    assert checked == [[], ["fromage.txt"], ["fromage.txt"], []]


def test_a_quotation_lookup_is_refused_when_any_file_changed_not_only_a_matched_one(fake_bot: Bot) -> None:
    assert fake_bot.find_quotes("It was designed by engineer Maria Koval")
    with (fake_bot.settings.corpus / "orchard.md").open("a", encoding="utf-8") as f:
        f.write("It was designed by engineer Maria Koval.\n")  # the chat re-indexes, then finds both
    with pytest.raises(SourcesChanged, match="orchard.md changed since indexing"):
        fake_bot.find_quotes("It was designed by engineer Maria Koval")


def test_an_index_from_before_the_stat_record_is_brought_up_to_date_once(tiny_corpus, tmp_path) -> None:
    """Without it every file would be read on every question; with it, none is."""
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    manifest_path = settings.index_path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["stats"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    bot, report = ensure_bot(settings, encoder_factory=HashingEncoder)
    assert report is not None and report.written and report.embedded_files == 0
    assert set(bot.index.manifest["stats"]) == {"fromage.txt", "harbor.txt", "orchard.md"}
    _, again = ensure_bot(settings, encoder_factory=HashingEncoder)
    assert again is None
