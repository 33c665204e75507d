"""Finding where a quotation comes from: BM25 picks candidate chunks, rapidfuzz aligns the quote inside them.

Both sides are folded (case, accents, curly quotes) and reduced to words separated by single spaces, so a
misquote that differs in punctuation, line breaks or a word or two still aligns; offsets are mapped back to
the document text, so the match is cited verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from qa.citations import cite
from qa.index import SearchIndex
from qa.lexical import tokenize
from qa.model import Citation, Document
from qa.quote_compare import WORD, agreeing, differences, normalize, word_key
from qa.segmentation import split_sentences

MIN_SCORE = 0.75
"""Below this similarity (0..1) a span is not offered as the source: unrelated text of the corpus scores lower."""
CANDIDATES = 20
"""Chunks taken from BM25; a quotation shares rare words with its source, so it ranks near the top."""
MAX_QUOTE_CHARS = 5000
"""Only this much of a longer quotation is searched for: no one misquotes a whole chapter, and alignment cost grows
with length. What a match found that way is then scored and compared against the whole quotation, so a tail that
was never searched for counts as differing instead of passing for an exact match."""
GAP_CHARS = 2000
"""How far into the source the words after an ellipsis may start past those before it: about three paragraphs.
An ellipsis leaves out a few words or sentences of one passage; fragments further apart are each traced alone."""
_SNAP_WORDS = 3
"""How many words either side of the rough alignment the span ends may move to."""
_ELLIPSIS = re.compile(r"[\[(]\s*(?:(?:\.\s*){3}|…)\s*[\])]|\.(?: ?\.){2,}|…")
"""An ellipsis as quotations write one: `...`, `. . .`, `…`, or any of them in brackets or parentheses."""
_CLOSING = frozenset(".,;:!?\"'\u2019\u201d\u00bb)]")
_OPENING = frozenset("\"'\u2018\u201c\u00ab([")


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """A span of a document that a quotation most likely comes from."""

    citation: Citation
    """Where the span is; `citation.quote` is the source text, verbatim."""
    score: float
    """Similarity between quotation and span, 0..1 (1: the same words once case, accents and punctuation are folded)."""
    part: str | None = None
    """The sentence of the quotation this match is for, when the quotation as a whole matched nowhere: a paragraph
    put together from sentences of several articles is traced sentence by sentence."""
    differences: tuple[tuple[str, str], ...] = ()
    """(quotation's words, source's words) wherever the two differ once folded: a changed number or a dropped `not`
    is what a reader checking a quotation is after, and a high score alone hides it. Either side may be empty."""
    omitted: tuple[int, ...] = ()
    """Words of the source left out at each ellipsis of the quotation (`...`, `…`, `[...]`), in its order: they
    are no difference, since the quotation says it leaves them out, but a reader may want to know how many."""


@dataclass(frozen=True, slots=True)
class QuoteTrace:
    """What a quotation lookup found: the matches, and the sentences of the quotation that matched nowhere."""

    matches: tuple[QuoteMatch, ...]
    """The spans the quotation most likely comes from, best first (or its sentences' spans, in its order)."""
    not_found: tuple[str, ...] = ()
    """Sentences of a quotation traced sentence by sentence that match nothing: an invented sentence between
    real ones is what a reader checking the quotation must hear of, not see dropped."""
    more: int = 0
    """Matches past the limit asked for (among the candidates searched): a reader told of 3 places should hear
    that there are others."""
    reordered: bool = False
    """The fragments of a quotation with ellipses, traced one by one, appear in the source in another order than
    the quotation gives them: an ellipsis leaves words out, it does not move them, so the quotation misleads even
    where each fragment is exact."""


def find_quotes(
    index: SearchIndex, quotation: str, *, limit: int = 5, min_score: float = MIN_SCORE
) -> list[QuoteMatch]:
    """Returns the spans the quotation most likely comes from, best first; empty when nothing is close.

    When nothing is close to the whole quotation, each of its sentences is looked up on its own, and the best
    match of each that has one is returned, in the quotation's order.
    """
    return list(trace_quotation(index, quotation, limit=limit, min_score=min_score).matches)


def trace_quotation(index: SearchIndex, quotation: str, *, limit: int = 5, min_score: float = MIN_SCORE) -> QuoteTrace:
    """Returns `find_quotes`'s matches, and the sentences that matched nowhere when some others did."""
    head = quotation[:MAX_QUOTE_CHARS]
    fragments = split_at_ellipses(head)
    if len(fragments) > 1 and len(head) == len(quotation):  # a long one is compared whole, below
        gapped = _gapped_matches(index, head, fragments, min_score)
        if gapped:
            return _limited(_distinct(gapped), limit)
        traced = _traced(index, head, min_score, limit)  # fragments far apart or out of order: each traced alone
        if traced.matches:
            return traced
    matches = _matches(index, head, min_score)
    if len(head) < len(quotation):
        matches = _rescored(matches, quotation, min_score)
    if matches:
        return _limited(_distinct(matches), limit)
    return _traced(index, head, min_score, limit)


def _limited(matches: list[QuoteMatch], limit: int) -> QuoteTrace:
    """Returns the first `limit` matches, counting the others."""
    return QuoteTrace(tuple(matches[:limit]), more=max(0, len(matches) - limit))


def _traced(index: SearchIndex, head: str, min_score: float, limit: int) -> QuoteTrace:
    """Returns the best match of each sentence of the quotation (each fragment, where an ellipsis splits one),
    in its order, with the sentences that matched nowhere; nothing when fewer than two parts or none matched."""
    parts = [piece for s, e in split_sentences(head) for piece in split_at_ellipses(head[s:e])]
    if len(parts) < 2:
        return QuoteTrace(())
    found = [(part, _matches(index, part, min_score)) for part in parts]
    traced = tuple(replace(spans[0], part=part) for part, spans in found if spans)
    if not traced:  # nothing at all: "no close match" says it, without repeating every sentence
        return QuoteTrace(())
    not_found = tuple(part.strip() for part, spans in found if not spans and part.strip())
    reordered = len(split_at_ellipses(head)) > 1 and _reordered([spans for _, spans in found if spans])
    return QuoteTrace(traced[:limit], not_found, reordered=reordered)


def _reordered(found: list[list[QuoteMatch]]) -> bool:
    """Tells whether a part of the quotation is traced to the file of the part before it, and that file holds it
    only before that part's match: the quotation gives the two in another order than the source."""
    for before, after in zip(found, found[1:], strict=False):
        first = before[0].citation
        if after[0].citation.file != first.file:
            continue
        if not any(m.citation.file == first.file and m.citation.char_start >= first.char_end for m in after):
            return True
    return False


def split_at_ellipses(quotation: str) -> list[str]:
    """Returns the fragments of a quotation between its ellipses (`...`, `…`, `[...]`, `(...)`), stripped; an
    ellipsis at either end leaves no fragment, as it only says the quotation starts or ends mid-sentence."""
    return [piece.strip() for piece in _ELLIPSIS.split(quotation) if normalize(piece).text]


def _matches(index: SearchIndex, quotation: str, min_score: float, *, search: str | None = None) -> list[QuoteMatch]:
    """Returns every span close enough to the quotation, best first, overlaps included; BM25 looks for the words
    of `search` (default: the quotation), so a short fragment is looked for where the rest of its quotation is."""
    query = normalize(quotation).text
    if not query:
        return []
    languages = sorted({d.language for d in index.documents} | {"en"})
    tokens = [t for lang in languages for t in tokenize(search or quotation, lang)]
    ids, _ = index.lexical.search(tokens, CANDIDATES)
    matches: list[QuoteMatch] = []
    for doc_index, start, end in _regions(index, ids):
        doc = index.documents[doc_index]
        for score, s, e in _spans(query, doc, start, end):
            if score < min_score:
                continue
            if score < 1:
                score, s, e = _trimmed(doc.text, quotation, query, s, e)
            s, e = _widen(doc.text, quotation, s, e)
            differ = differences(quotation, doc.text[s:e])
            matches.append(QuoteMatch(cite(doc, s, e), agreeing(round(score, 4), differ), differences=differ))
    matches.sort(key=lambda m: (-m.score, m.citation.file, m.citation.char_start))
    return matches


def _gapped_matches(index: SearchIndex, quotation: str, fragments: list[str], min_score: float) -> list[QuoteMatch]:
    """Returns the spans that hold the fragments of a quotation with ellipses in order, each within `GAP_CHARS` of
    the one before, best first (then those leaving out the fewest words): from the first fragment's start to the
    last one's end, the words left out at each ellipsis counted rather than reported as differing."""
    matches = []
    for first in _matches(index, fragments[0], min_score, search=" ".join(fragments)):
        doc = index.document(first.citation.file)
        assert doc is not None  # a match is always in an indexed document
        pieces = [(first.score, first.citation.char_start, first.citation.char_end)]
        for fragment in fragments[1:]:
            found = _next_fragment(doc, fragment, pieces[-1][2], min_score)
            if found is None:
                break
            pieces.append(found)
        else:
            matches.append(_joined(doc, quotation, fragments, pieces))
    # Of equal scores the tightest first: a fragment as common as "the MPS" also starts chains further back.
    matches.sort(key=lambda m: (-m.score, sum(m.omitted), m.citation.file, m.citation.char_start))
    return matches


def _next_fragment(doc: Document, fragment: str, after: int, min_score: float) -> tuple[float, int, int] | None:
    """Returns (score, start, end) of the nearest span close to `fragment` starting within `GAP_CHARS` of `after`."""
    query = normalize(fragment).text
    end = min(len(doc.text), after + GAP_CHARS + 2 * len(fragment))
    found = [f for f in _spans(query, doc, after, end) if f[0] >= min_score and f[1] - after <= GAP_CHARS]
    return min(found, key=lambda f: f[1]) if found else None


def _joined(doc: Document, quotation: str, fragments: list[str], pieces: list[tuple[float, int, int]]) -> QuoteMatch:
    """Returns the match spanning the fragments' pieces: scored by their scores weighted by length, differing
    where a fragment differs from its piece, and counting the source's words between pieces."""
    start, end = _widen(doc.text, quotation, pieces[0][1], pieces[-1][2])
    weights = [len(normalize(f).text) for f in fragments]
    score = sum(w * p[0] for w, p in zip(weights, pieces, strict=True)) / sum(weights)
    differ = tuple(d for f, (_, s, e) in zip(fragments, pieces, strict=True) for d in differences(f, doc.text[s:e]))
    omitted = tuple(len(WORD.findall(doc.text[a[2] : b[1]])) for a, b in zip(pieces, pieces[1:], strict=False))
    return QuoteMatch(cite(doc, start, end), agreeing(round(score, 4), differ), differences=differ, omitted=omitted)


def _trimmed(text: str, quotation: str, query: str, start: int, end: int) -> tuple[float, int, int]:
    """Returns (score, start, end) of a span without the source words at its ends that the quotation lacks.

    Scoring by characters pulls a span over words next to the source's own when the quotation holds words the
    source lacks (an invented sentence in it): the lengths come closer. Those words were never quoted, so the
    span ends where the quotation's words do, and at an end that differs it keeps no more words than were quoted.
    """
    from rapidfuzz import fuzz  # deferred, as in _best_span

    found = list(WORD.finditer(text, start, end))
    quoted = [word_key(m.group()) for m in WORD.finditer(quotation)]
    ops = SequenceMatcher(a=quoted, b=[word_key(m.group()) for m in found], autojunk=False).get_opcodes()
    if not found or not ops:
        return fuzz.ratio(query, normalize(text[start:end]).text) / 100, start, end
    op, i1, i2, j1, j2 = ops[0]
    first = max(0, (j2 - j1) - (i2 - i1)) if op in ("insert", "replace") else 0
    op, i1, i2, j1, j2 = ops[-1]
    last = j1 + (i2 - i1) if op in ("insert", "replace") and j2 - j1 > i2 - i1 else len(found)
    if first >= last:
        return fuzz.ratio(query, normalize(text[start:end]).text) / 100, start, end
    s, e = found[first].start(), found[last - 1].end()
    return fuzz.ratio(query, normalize(text[s:e]).text) / 100, s, e


def _rescored(matches: list[QuoteMatch], quotation: str, min_score: float) -> list[QuoteMatch]:
    """Returns matches found for the start of a long quotation, scored and compared against all of it (best
    first, those no longer close enough left out): the part never searched for is not in the span, and says so."""
    from rapidfuzz import fuzz  # deferred, as in _best_span

    whole = normalize(quotation).text
    rescored = []
    for m in matches:
        differ = differences(quotation, m.citation.quote)
        score = round(fuzz.ratio(whole, normalize(m.citation.quote).text) / 100, 4)
        rescored.append(replace(m, score=agreeing(score, differ), differences=differ))
    kept = [m for m in rescored if m.score >= min_score]
    return sorted(kept, key=lambda m: (-m.score, m.citation.file, m.citation.char_start))


def searched_chars(quotation: str) -> int:
    """Returns how many characters of the quotation `find_quotes` searches for (its first `MAX_QUOTE_CHARS`)."""
    return min(len(quotation), MAX_QUOTE_CHARS)


def _regions(index: SearchIndex, chunk_ids: np.ndarray) -> list[tuple[int, int, int]]:
    """Returns (document, start, end) text regions: each candidate chunk with its neighbours, overlaps merged.

    The neighbours are added so a quotation that runs over a chunk boundary still lies whole inside one region,
    whichever side of the boundary BM25 ranked.
    """
    rows = index.chunk_rows
    spans: dict[int, list[tuple[int, int]]] = {}
    for i in sorted({int(i) for i in chunk_ids}):
        d, start, end = (int(v) for v in rows[i][:3])
        if i > 0 and int(rows[i - 1][0]) == d:
            start = min(start, int(rows[i - 1][1]))
        if i + 1 < len(rows) and int(rows[i + 1][0]) == d:
            end = max(end, int(rows[i + 1][2]))
        spans.setdefault(d, []).append((start, end))
    out: list[tuple[int, int, int]] = []
    for d, pieces in spans.items():
        pieces.sort()
        merged = [pieces[0]]
        for s, e in pieces[1:]:
            if s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        out += [(d, s, e) for s, e in merged]
    return out


def _spans(query: str, doc: Document, start: int, end: int) -> list[tuple[float, int, int]]:
    """Returns (score, start, end) of the document spans inside [start, end) that match the quotation: every one
    that holds it word for word (a line repeated through a file is found each time), else the closest one and
    each repetition of it."""
    region = normalize(doc.text[start:end])
    found = _exact_spans(query, region.text) or _repeated(_best_span(query, region.text), region.text)
    return [(score, start + region.origin[s], start + region.origin[e - 1] + 1) for score, s, e in found]


def _exact_spans(query: str, text: str) -> list[tuple[float, int, int]]:
    """Returns (1.0, start, end) of each place the normalized text holds the query as whole words."""
    found: list[tuple[float, int, int]] = []
    at = text.find(query)
    while at >= 0:
        end = at + len(query)
        if (at == 0 or text[at - 1] == " ") and (end == len(text) or text[end] == " "):
            found.append((1.0, at, end))
        at = text.find(query, at + 1)
    return found


def _repeated(best: tuple[float, int, int] | None, text: str) -> list[tuple[float, int, int]]:
    """Returns the closest span and every other place the normalized text holds its words, all scored alike:
    the alignment settles on any one of a line a file repeats, and a reader is after the first, then the others
    (as for an exact match)."""
    if best is None:
        return []
    score, start, end = best
    return [(score, s, e) for _, s, e in _exact_spans(text[start:end], text)]


def _best_span(query: str, text: str) -> tuple[float, int, int] | None:
    """Returns (score, start, end) of the span of normalized `text` that best matches the quotation."""
    from rapidfuzz import fuzz  # deferred: keeps `import qa` light for callers that never look up quotations

    if not text:
        return None
    if len(query) < len(text):
        rough = fuzz.partial_ratio_alignment(query, text)
        if rough is None:
            return None
        a, b = rough.dest_start, rough.dest_end
    else:
        a, b = 0, len(text)
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    ends = [i for i in range(1, len(text) + 1) if i == len(text) or text[i] == " "]
    first = _nearest(starts, a)
    last = _nearest(ends, b)
    best = (-1.0, 0, 0)
    for i in range(max(0, first - _SNAP_WORDS), min(len(starts), first + _SNAP_WORDS + 1)):
        for j in range(max(0, last - _SNAP_WORDS), min(len(ends), last + _SNAP_WORDS + 1)):
            s, e = starts[i], ends[j]
            if s < e:
                score = fuzz.ratio(query, text[s:e]) / 100
                if score > best[0]:
                    best = (score, s, e)
    return None if best[0] < 0 else best


def _nearest(positions: list[int], target: int) -> int:
    """Returns the index of the position closest to `target`."""
    return min(range(len(positions)), key=lambda i: abs(positions[i] - target))


def _widen(text: str, quotation: str, start: int, end: int) -> tuple[int, int]:
    """Extends a word-to-word span over accents left behind and the quote marks or full stop the quotation has."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    quoted = quotation.strip()
    if quoted and not quoted[-1].isalnum():
        while end < len(text) and text[end] in _CLOSING:
            end += 1
    if quoted and not quoted[0].isalnum():
        while start > 0 and text[start - 1] in _OPENING:
            start -= 1
    return start, end


def _distinct(matches: list[QuoteMatch]) -> list[QuoteMatch]:
    """Drops matches overlapping a better one in the same file."""
    kept: list[QuoteMatch] = []
    for m in matches:
        c = m.citation
        if not any(
            k.citation.file == c.file and k.citation.char_start < c.char_end and c.char_start < k.citation.char_end
            for k in kept
        ):
            kept.append(m)
    return kept


def quote_json(
    query: str, matches: list[QuoteMatch], not_found: tuple[str, ...] = (), more: int = 0, reordered: bool = False
) -> dict[str, object]:
    """Returns the `qa quote --json` object of the design."""
    return {
        "query": query,
        "matches": [
            {
                "file": m.citation.file,
                "line_start": m.citation.line_start,
                "line_end": m.citation.line_end,
                "char_start": m.citation.char_start,
                "char_end": m.citation.char_end,
                "text": m.citation.quote,
                "score": m.score,
                "part": m.part,
                "differences": [{"quotation": q, "source": src} for q, src in m.differences],
                "omitted": list(m.omitted),
            }
            for m in matches
        ],
        "searched_chars": searched_chars(query),
        "not_found": list(not_found),
        "more": more,
        "reordered": reordered,
    }
