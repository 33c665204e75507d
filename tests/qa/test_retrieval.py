"""Hybrid retrieval: fusion rewards agreement, and both retrievers contribute."""

from __future__ import annotations

from qa.retrieval import fuse_ranks


def test_fusion_prefers_items_ranked_by_both() -> None:
    fused = fuse_ranks([[1, 2, 3], [3, 1, 4]])
    assert max(fused, key=fused.get) == 1
    assert fused[3] > fused[2] and 4 in fused


def test_top_in_every_ranking_scores_one() -> None:
    assert fuse_ranks([[7], [7]])[7] == 1.0


def test_lexical_only_hits_still_reach_the_passages(fake_bot) -> None:
    reply = fake_bot.ask("Jeanne Morel fromagerie")
    assert reply.passages[0].chunk.doc_path == "fromage.txt"
    assert reply.passages[0].lexical > 0


def test_a_passage_whose_document_lacks_the_questions_numbers_falls_behind(tmp_path, monkeypatch) -> None:
    import qa.retrieval
    from qa.api import load_bot
    from qa.indexing import index_corpus
    from tests.conftest import HashingEncoder, fake_settings

    corpus = tmp_path / "news"
    corpus.mkdir()
    # Two reports of alike talks; the 2022 one shares more words with the question, the 2023 one its year.
    (corpus / "a_2022.txt").write_text(
        "In January 2022 the ministers held talks in Hanoi, and after the talks the ministers visited Hue.\n",
        encoding="utf-8",
    )
    (corpus / "b_2023.txt").write_text("Meeting in Hanoi on January 12, 2023: a visit to Hue.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    bot = load_bot(settings, encoder=HashingEncoder())
    question = "Which city did the ministers visit after the talks in January 2023?"
    assert bot.ask(question).passages[0].chunk.doc_path == "b_2023.txt"
    monkeypatch.setattr(qa.retrieval, "NUMBER_MISSING_FACTOR", 1.0)
    assert bot.ask(question).passages[0].chunk.doc_path == "a_2022.txt"  # the words alone pick the wrong year


def test_passages_sharing_no_gram_with_the_question_are_ordered_by_the_other_rankings(fake_bot) -> None:
    import numpy as np

    question = "Why was it so?"  # only short and function words: no gram, no BM25 term
    passages, _, tokens = fake_bot.gather(question)
    assert tokens == [] or fake_bot.index.lexical.search(tokens, 5)[0].size == 0
    q = fake_bot.encoder.encode([question])[0]
    by_dense = np.argsort(-(fake_bot.index.chunk_vectors @ q), kind="stable")[: len(passages)]
    assert [p.chunk_id for p in passages] == by_dense.tolist()  # not the corpus's first chunks first


def test_the_passage_holding_the_answer_is_shown_first_when_retrieval_left_it_out(fake_bot) -> None:
    import numpy as np

    from qa.retrieval import with_answer_passage

    question = "Who designed the lighthouse at Port Elan?"
    passages, _, _ = fake_bot.gather(question)
    passages = passages[:2]
    index = fake_bot.index
    q = np.zeros(index.chunk_vectors.shape[1], dtype=np.float32)
    inside = passages[1].chunk
    same = with_answer_passage(passages, index, inside.doc_path, inside.char_start, inside.char_start + 5, q=q, k=2)
    assert same == passages
    retrieved = {p.chunk_id for p in passages}
    other = next(i for i in range(len(index.chunk_rows)) if i not in retrieved)
    chunk = index.chunk(other)
    shown = with_answer_passage(passages, index, chunk.doc_path, chunk.char_end - 3, chunk.char_end, q=q, k=2)
    assert [p.chunk_id for p in shown] == [other, passages[0].chunk_id]
    assert shown[0].chunk.char_start <= chunk.char_end - 3 and shown[0].chunk.char_end >= chunk.char_end


def test_a_copy_of_a_file_does_not_fill_the_passages_with_the_same_text(tmp_path) -> None:
    from qa.api import load_bot
    from qa.indexing import index_corpus
    from tests.conftest import HashingEncoder, fake_settings

    corpus = tmp_path / "docs"
    corpus.mkdir()
    lease = "The lease of the flat ends on 30 June 2027.\n\nThe rent is paid on the first day of each month.\n"
    (corpus / "lease.md").write_text(lease, encoding="utf-8")
    (corpus / "lease (copy).md").write_text(lease.replace("\n\n", "\n  \n"), encoding="utf-8")  # white space aside
    (corpus / "garden.md").write_text("The garden lease is a separate contract with the city.\n", encoding="utf-8")
    settings = fake_settings(corpus, tmp_path / "index")
    index_corpus(settings, make_encoder=HashingEncoder)
    bot = load_bot(settings, encoder=HashingEncoder())
    texts = [" ".join(p.chunk.text.split()) for p in bot.ask("When does the lease end?").passages]
    assert len(texts) == len(set(texts)) == 2  # the lease once, and the garden contract it no longer crowds out
