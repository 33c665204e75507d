"""Citation parsing and offsets: every printed form parses back to what it named, and offsets cite verbatim text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.citations import CitationRef, citation_json, cite, format_chars, format_lines, parse_citation
from qa.errors import QAError
from qa.ingestion import make_document
from qa.lookup import resolve
from qa.model import Citation

file_names = st.from_regex(r"[\w][\w .:#\-/()é’]{0,30}\.(txt|md)", fullmatch=True)
texts = st.text(alphabet=st.sampled_from("ab é\n\n’.,"), min_size=1, max_size=120)


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    first = draw(st.integers(1, 10_000))
    last = draw(st.integers(first, first + 500))
    start = draw(st.integers(0, 10**7))
    end = draw(st.integers(start + 1, start + 10**5))
    return Citation(draw(file_names), first, last, start, end, "")


@given(citations())
def test_line_form_parses_back_to_its_file_and_lines(citation: Citation) -> None:
    ref = parse_citation(format_lines(citation))
    assert ref == CitationRef(citation.file, line_start=citation.line_start, line_end=citation.line_end)


@given(citations())
def test_char_form_parses_back_to_its_file_and_offsets(citation: Citation) -> None:
    ref = parse_citation(format_chars(citation))
    assert ref == CitationRef(citation.file, char_start=citation.char_start, char_end=citation.char_end)


@given(citations())
def test_json_citation_parses_back_with_characters_winning_over_lines(citation: Citation) -> None:
    """The lines come along, to be checked against the characters (`qa.lookup.resolve`)."""
    ref = parse_citation(json.dumps(citation_json(citation), ensure_ascii=False))
    c = citation
    assert ref == CitationRef(c.file, c.line_start, c.line_end, c.char_start, c.char_end) and ref.by_chars


@given(citations())
def test_an_answer_or_a_whole_reply_is_read_as_its_top_citation(citation: Citation) -> None:
    answer = {"text": "x", "citation": citation_json(citation)}
    c = citation
    expected = CitationRef(c.file, c.line_start, c.line_end, c.char_start, c.char_end, text="x")
    assert parse_citation(json.dumps(answer)) == expected
    assert parse_citation(json.dumps({"question": "q", "answers": [answer]})) == expected


@given(st.text(max_size=60))
def test_any_text_either_parses_or_raises_a_one_line_user_error(spec: str) -> None:
    try:
        ref = parse_citation(spec)
    except QAError as exc:
        assert "\n" not in str(exc)
    else:
        assert ref.file
        assert ref.by_chars or (ref.line_start is not None and 1 <= ref.line_start <= ref.line_end)


def test_line_form_with_a_single_line_names_that_line() -> None:
    assert parse_citation("a/b.txt:L7") == CitationRef("a/b.txt", line_start=7, line_end=7)
    assert parse_citation("  a.txt:L7-9\n") == CitationRef("a.txt", line_start=7, line_end=9)


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "a.txt",
        "a.txt:L0",
        "a.txt:L5-L3",
        "a.txt#5-5",
        "a.txt#9-2",
        ":L3",
        "{",
        '{"file": 3, "line_start": 1}',
        '{"file": "a.txt"}',
        '{"file": "a.txt", "char_start": true, "char_end": 3}',
        '{"file": "a.txt", "char_start": -1, "char_end": 3}',
        '{"file": "a.txt", "line_start": 4, "line_end": 2}',
        "[1, 2]",
        '{"question": "q", "abstained": true, "answers": []}',
        '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_malformed_citations_are_refused_with_one_line(spec: str) -> None:
    with pytest.raises(QAError) as caught:
        parse_citation(spec)
    assert "\n" not in str(caught.value)


@settings(deadline=None)  # the first document built loads stop-word lists; timing is not what is tested
@given(texts, st.data())
def test_cited_offsets_give_the_exact_text_and_the_lines_it_is_on(text: str, data: st.DataObject) -> None:
    doc = make_document("d.txt", text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    cited = resolve(doc, CitationRef("d.txt", char_start=start, char_end=end), context=data.draw(st.integers(0, 3)))
    c = cited.citation
    assert c.quote == text[start:end]
    assert c.line_start == text.count("\n", 0, start) + 1
    assert c.line_end == text.count("\n", 0, end - 1) + 1
    block_start = doc.line_starts[cited.first_line - 1]
    block = cited.before + c.quote + cited.after
    assert text[block_start : block_start + len(block)] == block
    block_end = block_start + len(block)
    assert block_end == len(text) or text[block_end] == "\n" or block.endswith("\n")


@settings(deadline=None)
@given(texts, st.data())
def test_line_citations_give_exactly_those_lines(text: str, data: st.DataObject) -> None:
    doc = make_document("d.txt", text)
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it starts none
    first = data.draw(st.integers(1, len(lines)))
    last = data.draw(st.integers(first, len(lines)))
    cited = resolve(doc, CitationRef("d.txt", line_start=first, line_end=last))
    assert cited.citation.quote == "\n".join(lines[first - 1 : last])
    c = cited.citation
    assert text[c.char_start : c.char_end] == c.quote
    assert (c.line_start, c.line_end) == (first, last)


def test_ranges_past_the_end_of_the_file_are_refused() -> None:
    doc = make_document("d.txt", "one\ntwo\n")
    with pytest.raises(QAError, match="2 lines"):
        resolve(doc, CitationRef("d.txt", line_start=2, line_end=4))
    with pytest.raises(QAError, match="8 characters"):
        resolve(doc, CitationRef("d.txt", char_start=2, char_end=9))


def test_cite_refuses_an_empty_span() -> None:
    with pytest.raises(ValueError):
        cite(make_document("d.txt", "abc"), 1, 1)
