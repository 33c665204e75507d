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
