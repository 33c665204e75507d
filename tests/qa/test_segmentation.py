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
        (
            "Steps:\n1. Create a config file.\n2) Run `nimbus login`.\n  b. Check it. It works.\n"
            "The score was 5. Then 3.",
            [
                "Steps:",
                "1. Create a config file.",
                "2) Run `nimbus login`.",
                "b. Check it.",
                "It works.",
                "The score was 5.",
                "Then 3.",
            ],
        ),
    ],
)
def test_sentence_boundaries_match_expectations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


WRAPPED = (
    "Port Elan harbour history\n"
    "\n"
    "The lighthouse on the northern cape was designed by the engineer Maria\n"
    "Koval in 1890, after two ships were lost on the rocks. It still stands\n"
    "today, although the lamp was replaced by an automatic beacon in 1962.\n"
    "The keeper, Ada Quist, lived in the tower with her family for thirty\n"
    "years.\n"
    "\n"
    "Notes\n"
    "- first item\n"
    "- second item\n"
)


def test_a_sentence_of_hard_wrapped_prose_runs_over_its_line_breaks() -> None:
    """Lines are hard breaks, yet a file wrapped at 70 columns cut `... the engineer Maria` from `Koval in 1890`:
    the answer to who designed it lost the name."""
    assert sentences(WRAPPED) == [
        "Port Elan harbour history",
        "The lighthouse on the northern cape was designed by the engineer Maria\n"
        "Koval in 1890, after two ships were lost on the rocks.",
        "It still stands\ntoday, although the lamp was replaced by an automatic beacon in 1962.",
        "The keeper, Ada Quist, lived in the tower with her family for thirty\nyears.",
        "Notes",
        "- first item",
        "- second item",
    ]


def test_a_wrapped_readme_with_one_long_link_line_is_still_read_as_wrapped() -> None:
    badge = (
        "[![Build status](https://ci.example.org/project/workflows/badge.svg)](https://ci.example.org/project/actions)"
    )
    text = (
        f"{badge}\n"
        "Harbour tools - a small, fast, scriptable tide table\n"
        "=====================================================\n"
        "\n"
        "Harbour tools is an open source project covered by the Apache License\n"
        "version 2 (some parts of it are under other licenses, compatible with\n"
        "it, as its notes say). It was originally written by Maria\n"
        "Koval with help of a group of sailors around the coast.\n"
    )
    assert sentences(text)[1:] == [
        "Harbour tools - a small, fast, scriptable tide table",
        "=====================================================",
        "Harbour tools is an open source project covered by the Apache License\nversion 2 (some parts of it are under "
        "other licenses, compatible with\nit, as its notes say).",
        "It was originally written by Maria\nKoval with help of a group of sailors around the coast.",
    ]


def test_a_quoted_reply_is_read_as_the_prose_it_quotes() -> None:
    text = (
        "Thank you for sending the renewal. I have signed the lease and returned\n"
        "it by post this morning. I understand the new rent of 1,240 pounds per\n"
        "month applies from 1 February 2025.\n"
        "\n"
        "> Please find attached the renewal for Flat 4. The landlord, Mr Graham\n"
        "> Pike, has agreed to keep the deposit at 1,430 pounds. Please sign and\n"
        "> return by 10 January.\n"
        ">\n"
        "> Best wishes,\n"
        "> Sarah Whitfield\n"
    )
    assert sentences(text)[3:] == [
        "> Please find attached the renewal for Flat 4.",
        "The landlord, Mr Graham\n> Pike, has agreed to keep the deposit at 1,430 pounds.",
        "Please sign and\n> return by 10 January.",
        ">",
        "> Best wishes,",
        "> Sarah Whitfield",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Minister To Lam hosts Lao counterpart\nThe talks took place in Hanoi on Friday.",  # a caption, then prose
        # a CSV file's rows, and an e-mail's header fields, in a file wrapped at 72 columns
        "sku,item,quantity,unit_price_eur,warehouse,last_counted\nA-1001,Cordless drill 18V,34,89.90,Leeds,2024\n"
        "A-1002,Impact driver,12,119.00,Leeds,2024-04-02\nB-2040,Spirit level 600mm,210,14.50,Bristol,2024\n",
        "From: Daniel Okoro <d.okoro@mailbox.example> on behalf of the tenants\nTo: Sarah Whitfield "
        "<sarah.w@lettings.example>\nDate: Thu, 2 Jan 2025 18:40:02 +0000 and more words here\nSubject: Re: Flat 4",
        "Ingredients\napples\npears",  # short lines: a list without marks
        "A line of prose that is long enough to be wrapped somewhere\n\nnext paragraph starts here.",  # blank line
    ],
)
def test_titles_captions_lists_and_paragraphs_keep_their_line_breaks(text: str) -> None:
    assert all("\n" not in s for s in sentences(text)), sentences(text)


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
