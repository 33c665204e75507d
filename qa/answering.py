"""Answer extraction without generation: the best verbatim sentence, its short span, or an abstention.

Each candidate sentence is described by a few features (meaning, shared rare words, its passage's rank, whether
it holds the kind of span the question asks for); a logistic model fitted on the dev sets
(`bench/calibrate.py`, article-level split) turns them into the probability that the sentence holds the answer.
A second one turns the evidence for the best sentence into the confidence used to abstain.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from qa.answer_weights import CONFIDENCE_BIAS, CONFIDENCE_WEIGHTS, SENTENCE_BIAS, SENTENCE_WEIGHTS
from qa.citations import cite
from qa.descriptions import described_name, description_span, spells_out
from qa.fields import asked_field
from qa.grams import gram_containment
from qa.language import language_name
from qa.lexical import form_test
from qa.lexicon import FIELD_LABEL, FUNCTION_WORDS
from qa.metadata import article_request, meta_line
from qa.model import Answer, Citation, Document, Passage, Reply
from qa.numbers import unheld_rival
from qa.questions import asked_role
from qa.segmentation import same_block
from qa.spans import find_span, has_typed_candidate
from qa.tables import asked_cell

SENTENCE_FEATURES = (
    "dense",
    "coverage",
    "context_coverage",
    "passage_score",
    "passage_dense",
    "inverse_rank",
    "log_length",
    "typed_span",
    "bigram_coverage",
    "dense_if_not_english",
    "coverage_if_not_english",
    "passage_coverage",
    "document_coverage",
    "gram_containment",
    "local_coverage_if_english",
    "prefix_coverage",
)

CONFIDENCE_FEATURES = (
    "best_probability",
    "best_dense",
    "best_coverage",
    "passage_coverage",
    "retrieved_coverage",
    "rarest_missing",
    "unknown_terms",
    "unknown_names",
    "dense_if_not_english",
    "coverage_if_not_english",
)

ADJACENT_MARGIN = 1.5
"""A neighbouring sentence joins the top answer when its log-odds are at most this far below the best one's.

Log-odds, not a share of the probability: near 1 a share saturates (0.98 against 0.81 looked close, yet the model
was far surer of the first, and joined an unrelated sentence to `How many Lao officers ...?`), and at low
probabilities it is stricter than the model's doubt. Against the share 0.8 it was before (`qa eval`): xquad-en-dev
hit@1 0.894 either way with answers 8 % shorter; seeds unchanged and 6 % shorter; piaf-fr-dev 0.623 -> 0.650 with
answers 9 % longer. A margin of 1.0 gave 0.884 and 0.635, 2.0 gave 0.899 and 0.653 with longer answers still."""

NOTHING_ASKED = "Not found: the question names nothing to look for; ask about a person, place, event or thing."
ROLE_UNMENTIONED = "Not found: the documents never mention a {role}; the closest passages are shown."
NUMBER_UNMENTIONED = "Not found: the documents never mention {number}; the closest passages are shown."
ROLE_UNMENTIONED_IN = (
    "Not found: no {language} document mentions a {{role}}, and those in other languages may name it in their "
    "words; the closest passages are shown."
)
"""Said instead when passages in another language were found: `directrice` is no form of `head`, yet names one."""
"""Said instead of closest passages, which for such a question would be any passages at all."""

DESCRIPTION_MARGIN = 0.5
"""For `Who is NAME?`, a sentence at least this share of the best one's probability may go first when it says more
of what NAME is."""

ALTERNATIVE_MARGIN = 1.5
"""Other sentences are offered as answers ("Also") only when their log-odds are at most this far below the best
one's. Over the dev sets' answerable questions (seeds, seeds-extra, seeds-heldout, xquad-en-dev, piaf-fr-dev), 14 to
19 % of the alternatives within 1.0 held a gold answer, 5 % of those 1.5 to 2.5 below and about 1 % further down:
shown "83% as likely" beside a top answer of 0.98, those were noise. Half the best one's probability, the rule
before, kept them all; the top answer and every metric are unchanged."""


@dataclass(frozen=True, slots=True)
class SentenceEvidence:
    """A sentence of a retrieved passage, with its similarity to the question."""

    document: Document
    start: int
    end: int
    dense: float
    """Cosine between question and sentence embeddings."""
    passage: Passage
    """The passage the sentence was found in."""
    rank: int
    """Rank of that passage among the retrieved ones, 0 first."""
    context_start: int
    """Start of the previous sentence of the same document (== start for a first sentence)."""
    document_terms: frozenset[str] = frozenset()
    """Every term of the document: a question's dates and names often pin the article, not the sentence."""

    @property
    def text(self) -> str:
        """Returns the sentence text, straight from the document."""
        return self.document.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Scored:
    """A sentence with its probability of holding the answer and the features behind it."""

    evidence: SentenceEvidence
    probability: float
    features: tuple[float, ...]


def coverage(question_tokens: Sequence[str], text_tokens: AbstractSet[str], idf: Callable[[str], float]) -> float:
    """Returns the idf-weighted share of the question's terms that occur in a text, 0..1."""
    terms = set(question_tokens)
    total = sum(idf(t) for t in terms)
    return sum(idf(t) for t in terms if t in text_tokens) / total if total else 0.0


def prefix_coverage(
    question_tokens: Sequence[str], text_tokens: AbstractSet[str], idf: Callable[[str], float]
) -> float:
    """Like `coverage`, but a term also counts when a word of the text is a form of it (`qa.lexical.starts_alike`):
    stemmers leave `etudi`/`etud` and `form`/`format` apart."""
    terms = set(question_tokens)
    total = sum(idf(t) for t in terms)
    if not total:
        return 0.0

    near = form_test(text_tokens)
    return sum(idf(t) for t in terms if near(t)) / total


def bigram_coverage(question_tokens: Sequence[str], text_tokens: Sequence[str]) -> float:
    """Returns the share of the question's adjacent term pairs that also stand together in a text."""
    pairs = set(zip(question_tokens, question_tokens[1:], strict=False))
    if not pairs:
        return 0.0
    return len(pairs & set(zip(text_tokens, text_tokens[1:], strict=False))) / len(pairs)


def unknown_names(
    question: str, known: Callable[[str], bool], tokenize: Callable[[str, str], list[str]], language: str
) -> float:
    """Returns the share of capitalised words after the first that the corpus never mentions.

    A question about a name the documents do not contain (a person, a town) is about something else.
    """
    names = [w for w in re.findall(r"\w+", question)[1:] if w[:1].isupper()]
    stems = [t for w in names for t in tokenize(w, language)]
    return sum(1 for t in stems if not known(t)) / len(stems) if stems else 0.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def sentence_features(
    question: str,
    ev: SentenceEvidence,
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    tokenize: Callable[[str, str], list[str]],
    local_idf: Callable[[str], float],
) -> tuple[float, ...]:
    """Returns the features of one candidate sentence, in `SENTENCE_FEATURES` order."""
    language = ev.document.language
    own_tokens = tokenize(ev.text, language)
    own = set(own_tokens)
    context = own | set(tokenize(ev.document.text[ev.context_start : ev.start], language))
    own_coverage = coverage(question_tokens, own, idf)
    foreign = float(language != "en")  # the bundled model is English-only: its cosine means less elsewhere
    return (
        ev.dense,
        own_coverage,
        coverage(question_tokens, context, idf),
        ev.passage.score,
        ev.passage.dense,
        1.0 / (1.0 + ev.rank),
        math.log1p(len(ev.text)) / 6.0,
        float(has_typed_candidate(question, ev.text)),
        bigram_coverage(question_tokens, own_tokens),
        foreign * ev.dense,
        foreign * own_coverage,
        coverage(question_tokens, set(tokenize(ev.passage.chunk.text, language)), idf),
        coverage(question_tokens, ev.document_terms, idf),
        gram_containment(question, ev.text),
        # English only: on piaf-fr-dev it gained nothing held out (bench/calibrate.py) and lost 5 questions in eval
        (1.0 - foreign) * coverage(question_tokens, own, local_idf),
        prefix_coverage(question_tokens, context, idf),
    )


def candidate_idf(
    question_tokens: Sequence[str], evidence: Sequence[SentenceEvidence], tokenize: Callable[[str, str], list[str]]
) -> Callable[[str], float]:
    """Returns how rare each question term is among the candidate sentences themselves.

    Corpus idf cannot tell sentences of one article apart by the words every sentence of it repeats (the
    article's people and places); the question's other words (its verb, the thing asked about) can.
    """
    terms = set(question_tokens)
    n = len(evidence)
    df = dict.fromkeys(terms, 0)
    for ev in evidence:
        for t in terms & set(tokenize(ev.text, ev.document.language)):
            df[t] += 1
    weights = {t: math.log((n + 1) / (d + 0.5)) if d else 0.0 for t, d in df.items()}
    return lambda t: weights.get(t, 0.0)


def score_sentences(
    question: str,
    evidence: Sequence[SentenceEvidence],
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    tokenize: Callable[[str, str], list[str]],
) -> list[Scored]:
    """Scores every candidate sentence; best first."""
    scored = []
    tokenize = lru_cache(maxsize=None)(tokenize)  # the candidate idf and each sentence's features read the same text
    local_idf = candidate_idf(question_tokens, evidence, tokenize)
    idf = lru_cache(maxsize=None)(idf)  # the same few question terms, weighed for every sentence
    for ev in evidence:
        features = sentence_features(question, ev, question_tokens, idf=idf, tokenize=tokenize, local_idf=local_idf)
        p = _sigmoid(float(np.dot(SENTENCE_WEIGHTS, features)) + SENTENCE_BIAS)
        scored.append(Scored(ev, p, features))
    scored.sort(key=lambda s: (-s.probability, s.evidence.document.path, s.evidence.start))
    return scored


@lru_cache(maxsize=8)
def _function_stems(tokenize: Callable[[str, str], list[str]]) -> frozenset[str]:
    """Returns the tokens function words become under `tokenize`, in every language it stems."""
    words = " ".join(sorted(FUNCTION_WORDS))
    return frozenset(t for language in ("en", "fr") for t in tokenize(words, language))


def content_terms(question_tokens: Sequence[str], tokenize: Callable[[str, str], list[str]]) -> set[str]:
    """Returns the question's terms without its function words.

    A small corpus may never use `how`, `many` or `did`; counted as unknown words they made an answerable
    question look as foreign to the corpus as one about a mayor it never mentions.
    """
    stop = _function_stems(tokenize)
    return {t for t in question_tokens if t not in stop}


def confidence_features(
    question: str,
    best: Scored,
    passages: Sequence[Passage],
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    known: Callable[[str], bool],
    tokenize: Callable[[str, str], list[str]],
    language: str,
) -> tuple[float, ...]:
    """Returns the evidence for the best sentence, in `CONFIDENCE_FEATURES` order.

    `retrieved_coverage` is the share of the question's rare words found anywhere in the retrieved passages: a
    question about something the corpus never mentions misses its most specific words everywhere.
    """
    language = best.evidence.document.language
    top = set(tokenize(best.evidence.passage.chunk.text, language))
    everywhere: set[str] = set()
    for p in passages:
        everywhere |= set(tokenize(p.chunk.text, language))
    terms = content_terms(question_tokens, tokenize) or set(question_tokens)
    missing = [idf(t) for t in terms if t not in everywhere]
    highest = max((idf(t) for t in terms), default=1.0) or 1.0
    total = sum(idf(t) for t in terms)
    return (
        best.probability,
        best.evidence.dense,
        best.features[SENTENCE_FEATURES.index("coverage")],
        coverage(question_tokens, top, idf),
        coverage(question_tokens, everywhere, idf),
        max(missing, default=0.0) / highest,
        sum(idf(t) for t in terms if not known(t)) / total if total else 0.0,
        unknown_names(question, known, tokenize, language),
        float(language != "en") * best.evidence.dense,
        float(language != "en") * best.features[SENTENCE_FEATURES.index("coverage")],
    )


def confidence(features: Sequence[float]) -> float:
    """Returns the calibrated probability that the best sentence answers the question."""
    return _sigmoid(float(np.dot(CONFIDENCE_WEIGHTS, features)) + CONFIDENCE_BIAS)


def worth_offering(probability: float, best: float) -> bool:
    """Tells whether a sentence is likely enough, next to the best one, to be offered as another answer."""
    return _logit(probability) >= _logit(best) - ALTERNATIVE_MARGIN


def adjacent_runner_up(scored: Sequence[Scored], *, look: int = 3) -> Scored | None:
    """Returns a sentence right before or after the best one that is nearly as likely to hold the answer.

    When the model cannot tell two neighbouring sentences apart, the answer often continues across their
    boundary; showing both (still one verbatim span of the document) is better than guessing.
    """
    best = scored[0].evidence
    for s in scored[1 : 1 + look]:
        e = s.evidence
        neighbours = e.document.path == best.document.path and (
            e.context_start == best.start or best.context_start == e.start
        )
        first, second = (e, best) if e.start < best.start else (best, e)
        neighbours = neighbours and same_block(best.document.text, first.end, second.start)
        if neighbours and _logit(scored[0].probability) - _logit(s.probability) <= ADJACENT_MARGIN:
            return s
    return None


_CLOSERS = " \t\n\"'”’»)]*_#"
"""What may follow a question mark at the end of a sentence: quotes, brackets, Markdown emphasis or heading marks."""


def asks(text: str) -> bool:
    """Tells whether a sentence is itself a question (an FAQ's heading, a rhetorical question)."""
    return text.rstrip(_CLOSERS).endswith("?")


def heading_question(evidence: SentenceEvidence) -> bool:
    """Tells whether a sentence is a question alone on its line: an FAQ's heading, not a question inside prose."""
    text, start, end = evidence.document.text, evidence.start, evidence.end
    starts_line = start == 0 or text[start - 1] == "\n"
    ends_line = text[end : end + 16].lstrip(" \t")[:1] in ("", "\n")
    return starts_line and ends_line and asks(evidence.text)


_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


def markdown_heading(evidence: SentenceEvidence) -> bool:
    """Tells whether a sentence is a Markdown heading (`# Lease`): it names a section, it answers nothing."""
    return _MARKDOWN_HEADING.match(evidence.text) is not None and evidence.text.count("\n") == 0


_TABLE_RULE = re.compile(
    r"[ \t]*(?:\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?|\|[ \t]*:?-+:?[ \t]*\||-{3,})[ \t]*(?:\n|$)"
)
"""The rule under a Markdown table's header row (`|---|:--:|`), or under a heading (`---`)."""


def table_header(evidence: SentenceEvidence) -> bool:
    """Tells whether a sentence is a Markdown table's header row (`| Item | Cost | Owner |`, the `|---|` rule under
    it): it names the columns, it answers nothing, yet it holds the question's word (`owner`)."""
    text, end = evidence.document.text, evidence.end
    return text.startswith("\n", end) and _TABLE_RULE.match(text, end + 1) is not None


def answers_to_questions(scored: Sequence[Scored]) -> list[Scored]:
    """Returns the ranking with each question alone on its line replaced by the sentence after it, at the better of
    the two probabilities; such a question with no following sentence among `scored` is dropped.

    In an FAQ the heading `How do I reset the router?` matches a user's question word for word, and the sentence
    model, seeing every word covered, ranked it first: the answer is what follows it. A question inside a paragraph
    stays: in prose it often states a fact (`n'était-il pas orphelin ... par la faute de son père ?`).
    """
    questions = {id(s) for s in scored if heading_question(s.evidence)}
    if not questions:
        return list(scored)
    following = {
        (s.evidence.document.path, s.evidence.context_start): s
        for s in scored
        if s.evidence.context_start != s.evidence.start
    }
    out: dict[tuple[str, int], Scored] = {}
    for s in scored:
        if id(s) in questions:
            after = following.get((s.evidence.document.path, s.evidence.start))
            if after is None or id(after) in questions:
                continue
            s = Scored(after.evidence, max(s.probability, after.probability), after.features)
        key = (s.evidence.document.path, s.evidence.start)
        if key not in out or out[key].probability < s.probability:
            out[key] = s
    return sorted(out.values(), key=lambda s: -s.probability) or list(scored)


def describing_first(question: str, scored: Sequence[Scored]) -> list[Scored]:
    """For `Who is NAME?`, puts first the sentence that says most of what NAME is (the longest description,
    `qa.descriptions`) among those at least `DESCRIPTION_MARGIN` as likely as the best; the ranking otherwise.

    The sentence model favours the sentence that mentions the name with the most context (`Minister To Lam
    presents flowers to Minister Vilay Lakhamphong.`) over the one that introduces him (`Lao Deputy Prime Minister
    and Minister of Public Security Gen. Vilay Lakhamphong`), which is what the question asks for.
    """
    name = described_name(question)
    if name is None or not scored:
        return list(scored)

    def said(s: Scored) -> int:
        span = description_span(s.evidence.text, name)
        return len(s.evidence.text[span[0] : span[1]].split()) if span else 0

    near = [s for s in scored if s.probability >= scored[0].probability * DESCRIPTION_MARGIN]
    fullest = max(near, key=said)  # the first of equals: the likelier sentence
    if fullest is scored[0] or said(fullest) <= said(scored[0]):
        return list(scored)
    # At the best one's probability, as a heading gives way to its answer: shown first, it is the answer, and the
    # sentence it displaced is an alternative "as likely", not a likelier one.
    first = Scored(fullest.evidence, scored[0].probability, fullest.features)
    return [first, *(s for s in scored if s is not fullest)]


def spelled_out(question: str, scored: Sequence[Scored]) -> Scored | None:
    """For a question on what an acronym stands for, returns the likeliest sentence that spells it out."""
    name = described_name(question) if spells_out(question) else None
    if name is None:
        return None
    return next((s for s in scored if description_span(s.evidence.text, name) is not None), None)


_LABEL = re.compile(rf"^[\s#>*-]*{FIELD_LABEL}")
"""`Subject: `, `Title: `, `Objet : `: a header line's label, which says what the line is, not what it answers."""


def repeats_the_question(
    said: AbstractSet[str], evidence: SentenceEvidence, tokenize: Callable[[str, str], list[str]]
) -> bool:
    """Tells whether a sentence says nothing the question does not: a title or an e-mail subject made of the
    question's own words (`Subject: Venue for the June offsite` for `Which venue was booked for the June
    offsite?`). It matches the question better than any answer can, and answers nothing. `said`: the question's
    terms and the function words' (`said_terms`).
    """
    text = _LABEL.sub("", evidence.text, count=1)
    return all(t in said for t in tokenize(text, evidence.document.language))


def said_terms(question_tokens: Sequence[str], tokenize: Callable[[str, str], list[str]]) -> frozenset[str]:
    """Returns the terms a sentence may hold and still say nothing new: the question's, and function words'."""
    return frozenset(question_tokens) | _function_stems(tokenize)


def make_answer(question: str, scored: Scored, *, neighbour: Scored | None = None) -> Answer:
    """Returns the answer for one sentence (and its neighbour, when given): its citation, and the short span
    inside it when one is found."""
    ev = scored.evidence
    start, end = ev.start, ev.end
    if neighbour is not None:
        start, end = min(start, neighbour.evidence.start), max(end, neighbour.evidence.end)
    citation = cite(ev.document, start, end)
    # inside the best sentence (the neighbour only adds context); in a table row, the cell under the column the
    # question names
    if (cell := asked_cell(question, ev.document.text, ev.start, ev.end)) is not None:
        span_citation: Citation | None = cite(ev.document, *cell)
    else:
        span = find_span(question, ev.text, ev.document.language)
        span_citation = cite(ev.document, ev.start + span[0], ev.start + span[1]) if span else None
    return Answer(
        text=citation.quote,
        score=round(scored.probability, 4),
        citation=citation,
        span=span_citation.quote if span_citation else None,
        span_citation=span_citation,
    )


def field_answer(question: str, evidence: Sequence[SentenceEvidence]) -> Answer | None:
    """Returns the front-matter field (`owner: Priya Raman`) the question asks for, of the first retrieved file
    that has it (`qa.fields`): like a headline, it answers as surely as the file was found."""
    documents = list({e.document.path: e.document for e in evidence}.values())
    found = asked_field(question, documents)
    if found is None:
        return None
    document, field = found
    citation = cite(document, field.start, field.end)
    span = cite(document, field.value_start, field.value_end)
    return Answer(text=citation.quote, score=1.0, citation=citation, span=span.quote, span_citation=span)


def article_answer(question: str, document: Document) -> Answer | None:
    """Returns the headline, byline or dateline of `document` when the question asks for it (`qa.metadata`).

    The file is the one the best sentence comes from: the rest of the question (`the article about ...`) is what
    retrieval matched. Such a line answers as surely as the file was found, so it is not held to the abstention
    threshold of sentences.
    """
    request = article_request(question, document.title)
    line = meta_line(document, request) if request else None
    if line is None:
        return None
    citation = cite(document, line.start, line.end)
    span = cite(document, line.span_start, line.span_end)
    return Answer(text=citation.quote, score=1.0, citation=citation, span=span.quote, span_citation=span)


ROLE_LOOK = 3
"""How many of the likeliest sentences must be in the question's language for a role's absence to be told."""


def extract_answer(
    question: str,
    passages: Sequence[Passage],
    evidence: Sequence[SentenceEvidence],
    question_tokens: Sequence[str],
    *,
    idf: Callable[[str], float],
    known: Callable[[str], bool],
    tokenize: Callable[[str, str], list[str]],
    language: str,
    abstain_below: float,
    max_answers: int,
    mentioned: Callable[[str], bool] | None = None,
    holds_number: Callable[[str], bool] | None = None,
) -> Reply:
    """Picks the best sentences as answers, or abstains when the evidence is too weak; `mentioned` tells whether
    the corpus holds a form of a term (`LexicalIndex.knows_a_form_of`), for questions about who holds a role;
    `holds_number` tells whether any document holds a number (`qa.numbers`)."""
    if not content_terms(question_tokens, tokenize):
        # `Who?`, `Who is he?`, `Combien ?`: no evidence can support an answer to a question that names nothing,
        # yet the sentence model, finding no term missing, was confident about whatever came first.
        return Reply(question, (), (), 0.0, NOTHING_ASKED)
    if not evidence:
        return Reply(question, (), tuple(passages), 0.0, "Not found in the documents.")
    scored = score_sentences(question, evidence, question_tokens, idf=idf, tokenize=tokenize)
    said = said_terms(question_tokens, tokenize)
    scored = [
        s for s in scored if not repeats_the_question(said, s.evidence, tokenize) and not table_header(s.evidence)
    ]
    if not scored:
        return Reply(question, (), tuple(passages), 0.0, "Not found in the documents: the closest passages are shown.")
    best = scored[0]
    features = confidence_features(
        question, best, passages, question_tokens, idf=idf, known=known, tokenize=tokenize, language=language
    )
    conf = round(confidence(features), 4)
    about_article = article_answer(question, best.evidence.document) or field_answer(question, evidence)
    if about_article is not None:
        return Reply(question, (about_article,), tuple(passages), max(conf, abstain_below))
    if (spelled := spelled_out(question, scored)) is not None:
        # `(ASEAN)` after the words it stands for answers `What is ASEAN?` as surely as the sentence was found
        return Reply(question, (make_answer(question, spelled),), tuple(passages), max(conf, abstain_below))
    missing_number = unheld_rival(question, best.evidence.text, holds_number) if holds_number else None
    if missing_number is not None:
        # as for a role: every other word of `How many issues were closed in 2022?` matched, about 2023
        return Reply(question, (), tuple(passages), 0.0, NUMBER_UNMENTIONED.format(number=missing_number))
    role = asked_role(question)
    # a likely sentence in another language may name the role in its words: `Bürgermeister` is no form of `mayor`
    same_language = all(s.evidence.document.language == language for s in scored[:ROLE_LOOK])
    if role and same_language and mentioned is not None and not any(mentioned(t) for t in tokenize(role, language)):
        # The sentence model sees every other word of `Who is the mayor of Da Nang?` matched, and is confident.
        others = {e.document.language for e in evidence} - {language}
        message = ROLE_UNMENTIONED if not others else ROLE_UNMENTIONED_IN.format(language=language_name(language))
        return Reply(question, (), tuple(passages), 0.0, message.format(role=role))
    if conf < abstain_below:
        return Reply(question, (), tuple(passages), conf, "Not found in the documents: the closest passages are shown.")
    scored = answers_to_questions(scored)  # after the confidence: a heading matching the question is good evidence
    scored = describing_first(question, scored)
    best = scored[0]
    answers: list[Answer] = []
    seen: set[tuple[str, int]] = set()
    given: set[str] = set()  # texts already answered: a copy of a file would offer its sentence again as "Also"
    for s in scored:
        key = (s.evidence.document.path, s.evidence.start)
        if key in seen or (answers and not worth_offering(s.probability, best.probability)):
            continue
        if " ".join(s.evidence.text.split()) in given:
            continue
        if answers and markdown_heading(s.evidence):  # shown as "Also", a section's name read as an answer
            continue
        seen.add(key)
        neighbour = adjacent_runner_up(scored) if not answers else None
        if neighbour is not None:
            seen.add((neighbour.evidence.document.path, neighbour.evidence.start))
        answers.append(make_answer(question, s, neighbour=neighbour))
        given |= {" ".join(s.evidence.text.split()), " ".join(answers[-1].text.split())}
        if len(answers) >= max_answers:
            break
    return Reply(question, tuple(answers), tuple(passages), conf)
