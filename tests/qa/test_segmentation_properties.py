"""Property tests: for any Unicode text, sentence and chunk offsets are exact, ordered and cover every word."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from qa.chunking import chunk_document, window_sentences
from qa.ingestion import make_document
from qa.segmentation import split_sentences

# Text built from pieces that stress the splitter, mixed with arbitrary Unicode.
pieces = st.sampled_from(
    [
        ". ",
        "! ",
        "? ",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\u00a0",
        "\u2028",
        "\u3000",
        "Sen. ",
        "Lieut. Gen. ",
        "L.B ",
        "11/01/2022",
        "3.5 million. ",
        "“Quoted.” ",
        "Tô Lâm",
        "東京は大きい。",
        "Москва — столица. ",
        "مرحبا. ",
        "🙂",
        "e\u0301",
        "\x1b[31m",
        "\x00",
        "word",
        "Word",
    ]
)
texts = st.one_of(
    st.text(),
    st.lists(pieces | st.text(max_size=5), max_size=60).map("".join),
)


def check_sentences(text: str, spans: list[tuple[int, int]], max_chars: int) -> None:
    covered = [False] * len(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip(), "a sentence starts or ends with white space"
        assert not re.search(r"\n\s*\n", sentence), "a sentence crosses a blank line"
        assert not re.search(r"\n\s*(?:[-*+>|#]|\d+[.)]\s)", sentence), "a sentence runs into a list item or a heading"
        assert end - start <= max_chars
        for i in range(start, end):
            covered[i] = True
        previous_end = end
    # a byte-order mark is as invisible as white space: no sentence starts with it (qa.segmentation.strip_span)
    missed = [c for c, hit in zip(text, covered, strict=True) if not hit and not c.isspace() and c != "\ufeff"]
    assert not missed, f"characters in no sentence: {missed[:10]}"


@settings(max_examples=300, deadline=None)
@given(text=texts)
@example(text="a" * 2500)
@example(text="Sen. Lieut. Gen. Luong Tam Quang said so. No. 5 is here.")
def test_sentences_are_exact_ordered_and_cover_every_word(text: str) -> None:
    check_sentences(text, split_sentences(text), 1000)


@settings(max_examples=200, deadline=None)
@given(text=texts, max_chars=st.integers(1, 40))
def test_sentences_respect_any_length_cap(text: str, max_chars: int) -> None:
    check_sentences(text, split_sentences(text, max_chars=max_chars), max_chars)


@settings(max_examples=300, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 300), max_size=40),
    max_chars=st.integers(1, 800),
    overlap=st.integers(0, 3),
)
def test_windows_cover_every_sentence_in_order(lengths: list[int], max_chars: int, overlap: int) -> None:
    sentences, cursor = [], 0
    for n in lengths:
        sentences.append((cursor, cursor + n))
        cursor += n + 1
    windows = window_sentences(sentences, max_chars=max_chars, overlap=overlap)
    if not sentences:
        assert windows == []
        return
    assert windows[0][0] == 0 and windows[-1][1] == len(sentences)
    for (a, b), (c, d) in zip(windows, windows[1:], strict=False):
        assert a < c <= b < d, "windows go backwards, repeat, or leave a gap"
        assert b - c <= overlap
    for a, b in windows:
        assert b - a == 1 or sentences[b - 1][1] - sentences[a][0] <= max_chars


@settings(max_examples=200, deadline=None)
@given(text=texts, max_chars=st.integers(20, 400))
def test_chunks_are_exact_slices_in_order_with_their_lines(text: str, max_chars: int) -> None:
    doc = make_document("doc.txt", text)
    chunks = chunk_document(doc, max_chars=max_chars, overlap=1)
    sentences = split_sentences(text)
    assert [s for c in chunks for s in c.sentences if s not in ()] or not sentences
    seen: list[tuple[int, int]] = []
    for previous, chunk in zip([None, *chunks], chunks, strict=False):
        assert chunk.text == text[chunk.char_start : chunk.char_end]
        assert chunk.sentences[0][0] == chunk.char_start and chunk.sentences[-1][1] == chunk.char_end
        assert chunk.line_start == text.count("\n", 0, chunk.char_start) + 1
        assert chunk.line_end == text.count("\n", 0, chunk.char_end - 1) + 1
        if previous is not None:
            assert previous.char_start < chunk.char_start and previous.char_end < chunk.char_end
        seen += [s for s in chunk.sentences if s not in seen]
    assert seen == sentences
