"""Chunks are windows of whole sentences whose text is exactly the document's text at their offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.chunking import chunk_document, window_sentences
from qa.ingestion import make_document
from tests.conftest import SEEDS


def test_windows_respect_size_and_overlap() -> None:
    sentences = [(i * 10, i * 10 + 9) for i in range(10)]
    windows = window_sentences(sentences, max_chars=30, overlap=1)
    assert windows[0] == (0, 3)
    assert all(b - a >= 1 for a, b in windows)
    assert windows[-1][1] == 10
    for (a1, b1), (a2, _) in zip(windows, windows[1:], strict=False):
        assert a2 == b1 - 1 and a2 > a1


def test_a_single_long_sentence_still_makes_a_chunk() -> None:
    assert window_sentences([(0, 5000)], max_chars=700, overlap=1) == [(0, 1)]


def test_seed_chunks_are_exact_slices_with_right_lines() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        doc = make_document(path.name, path.read_text(encoding="utf-8"))
        chunks = chunk_document(doc, max_chars=700, overlap=1)
        assert chunks
        for chunk in chunks:
            assert chunk.text == doc.text[chunk.char_start : chunk.char_end]
            assert doc.text.count("\n", 0, chunk.char_start) + 1 == chunk.line_start
            assert doc.text.count("\n", 0, chunk.char_end - 1) + 1 == chunk.line_end
            assert all(doc.text[s:e].strip() == doc.text[s:e] for s, e in chunk.sentences)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000),
    st.integers(50, 800),
    st.integers(0, 3),
)
def test_chunks_cover_every_sentence_in_order(text: str, max_chars: int, overlap: int) -> None:
    doc = make_document("x.txt", text)
    chunks = chunk_document(doc, max_chars=max_chars, overlap=overlap)
    seen = [s for c in chunks for s in c.sentences]
    ordered = sorted(set(seen))
    assert ordered == sorted(set(seen), key=lambda s: s[0])
    for chunk in chunks:
        assert chunk.text == doc.text[chunk.char_start : chunk.char_end]
    assert [c.char_start for c in chunks] == sorted(c.char_start for c in chunks)
