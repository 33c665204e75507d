"""Sentence boundaries survive news-style abbreviations, initials, numbers, quotes and French punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.segmentation import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks between Minister Sen. Lieut. Gen. Luong Tam Quang and Gen. Vilay Lakhamphong took place. "
            "They agreed.",
            [
                "The talks between Minister Sen. Lieut. Gen. Luong Tam Quang and Gen. Vilay Lakhamphong took place.",
                "They agreed.",
            ],
        ),
        (
            "Dr. Smith paid 3.5 million on 11/01/2022. No. 5 came next.",
            ["Dr. Smith paid 3.5 million on 11/01/2022.", "No. 5 came next."],
        ),
        ("He said “It is done.” Then he left.", ["He said “It is done.”", "Then he left."]),
        ("Est-ce vrai ? Oui : c’est vrai. Fin.", ["Est-ce vrai ?", "Oui : c’est vrai.", "Fin."]),
        ("Minister To Lam hosts Lao counterpart\n\nBy L.B", ["Minister To Lam hosts Lao counterpart", "By L.B"]),
        (
            "  Thứ Ba, 11/01/2022, 22:00\nCaption without a period\n",
            ["Thứ Ba, 11/01/2022, 22:00", "Caption without a period"],
        ),
        (
            "Tô Lâm met Thongloun Sisoulith. Они встретились в Ханое.",
            ["Tô Lâm met Thongloun Sisoulith.", "Они встретились в Ханое."],
        ),
    ],
)
def test_sentence_boundaries_match_expectations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_over_long_runs_are_cut_at_white_space() -> None:
    text = ("word " * 1000).strip()
    spans = split_sentences(text, max_chars=300)
    assert all(b - a <= 300 for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans) == text


@given(st.text(max_size=400))
def test_every_span_is_stripped_ordered_and_exact(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_no_word_is_lost(text: str) -> None:
    """A byte-order mark is no word: sentences leave it out at their edges, as white space (`strip_span`)."""
    covered = "".join(text[a:b] for a, b in split_sentences(text))

    def words(s: str) -> str:
        return "".join(s.split()).replace("\ufeff", "")

    assert words(covered) == words(text)
