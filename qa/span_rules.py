"""The short-span rules of the first version: the nearest candidate of the wanted type, other types in a set
order when there is none. The ranker in `qa.spans` takes their pick as one feature among others."""

from __future__ import annotations

from qa.lexicon import DETERMINERS, PLACE_MARKERS, PREPOSITIONS
from qa.span_candidates import SpanToken, closeness, trim, verb_like


def rule_pick(
    units: dict[str, list[tuple[int, int]]], tokens: list[SpanToken], anchors: list[int], kind: str, head: str | None
) -> tuple[int, int] | None:
    """Returns the candidate the fixed rules pick: the nearest one of the wanted type, falling back to other
    types in a set order. One feature among the others now; it carries what those rules knew."""
    dates, numbers, named, chunked = units["date"], units["number"], units["name"], units["chunk"]
    tiers: dict[str, list[list[tuple[list[tuple[int, int]], float]]]] = {
        "date": [[(dates, 0.0)], [(numbers, 0.0)]],
        "number": [[(numbers, 0.0)], [(dates, 0.0)]],
        "person": [[(named, 0.0)], [(chunked, 0.0)]],
        "place": [[(named, 0.0)], [(chunked, 0.0)]],
        "entity": [[(named, 0.1), (chunked, 0.0), (numbers, 0.0), (dates, 0.0)]],
    }
    for tier in tiers.get(kind, []):
        best: tuple[float, int, int] | None = None
        for ranges, prior in tier:
            for a, b in ranges:
                a, b = trim(tokens, a, b, head)
                while b - a > 1 and verb_like(tokens[a]):
                    a += 1
                if a >= b or all(t.asked for t in tokens[a:b] if t.word):
                    continue
                before = tokens[a - 1].folded if a > 0 else ""
                score = prior + closeness(tokens, anchors, a, b) - 0.02 * (b - a)
                score += 0.3 * (before in DETERMINERS) + 0.15 * (before in PREPOSITIONS)
                score += 0.3 * (kind == "place" and before in PLACE_MARKERS)
                score -= 0.3 * (b - a == 1 and verb_like(tokens[a]))
                if best is None or score > best[0]:
                    best = (score, a, b)
        if best is not None:
            return best[1], best[2]
    return None
