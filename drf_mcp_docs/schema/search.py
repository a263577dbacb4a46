"""Relevance search over the endpoints: field-weighted BM25 (BM25F) built once per schema.

Each operation is a document of fields: path words, operationId words, summary (or the
description's first sentence when there is none), tags, the start of the description, the
names of its parameters and request-body fields, path parameter names (weighing least, so
``{owner}`` does not steer the ranking), the enum values of its inputs ("approve" finds a
review whose ``event`` is ``APPROVE``) and the start of its inputs' descriptions
(:mod:`~drf_mcp_docs.schema.search_text`).
Words are stemmed (:mod:`~drf_mcp_docs.schema.words`); a request word also finds its
synonyms and expansions ("add" -> create, "PR" -> pull request) at their weight; the HTTP
method a request's verb implies, and whether it asks for one item or a collection, boost
the score (they never filter). An operationId or path typed exactly comes first. Any
request word that matches something gives results: words are OR-ed, and a word unknown to
the API falls back to the words it begins.

The index holds, per stem, each operation's saturated BM25F weight (the stem's idf times
``tf / (k1 + tf)``), so a search costs the postings of its words, not the size of the API.
This module takes any objects shaped like endpoints (:class:`Searchable`); it does not
import the records.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any, Generic, Protocol, TypeVar

from drf_mcp_docs.schema.search_text import Resolve, input_words
from drf_mcp_docs.schema.words import (
    STOP_WORDS,
    alternatives,
    expansions,
    identifier_parts,
    identifier_words,
    implied_methods,
    request_words,
    stem,
    words,
)


class SearchableParameter(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def location(self) -> str: ...


class Searchable(Protocol):
    """What the index reads of an endpoint."""

    @property
    def method(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def operation_id(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def tags(self) -> Sequence[str]: ...

    @property
    def parameters(self) -> Sequence[SearchableParameter]: ...


E = TypeVar("E", bound=Searchable)

#: (field, weight, length normalisation b) of BM25F.
FIELDS: tuple[tuple[str, float, float], ...] = (
    ("path", 2.5, 0.75),
    ("operation", 2.0, 0.75),
    ("summary", 3.0, 0.5),
    ("tags", 1.5, 0.3),
    ("description", 0.6, 0.5),
    ("parameters", 0.4, 0.5),
    ("path_parameters", 0.1, 0.3),
    ("values", 0.8, 0.5),
    ("notes", 0.25, 0.75),
)
K1 = 1.2
#: The best ``RERANK`` are boosted by up to ``COVER_BOOST`` for the share of their summary's
#: words the request says (chosen on the tuning parts: 0.3 of 0, 0.1, 0.2, 0.3, 0.5).
COVER_BOOST = 0.3
RERANK = 50
#: Only the start of a description is indexed: it says what the operation does.
DESCRIPTION_CHARS = 600
#: Boosts (multipliers) for the method a verb implies (its first method, the others) and
#: for the item/collection shape a request asks for.
METHOD_BOOST = (1.3, 1.15)
SHAPE_BOOST = 1.1
#: The share of a verb's score: what an agent asks about weighs more than how.
VERB_WEIGHT = 0.7
#: How many vocabulary words an unknown request word may fall back to (their prefix).
PREFIX_FALLBACK = 30
PREFIX_WEIGHT = 0.5
#: Scored terms, masks and boosts kept per index (reused across calls).
CACHE_SIZE = 512

_MARKUP = re.compile(r"<[^>]*>|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _lead(description: str) -> str:
    """The first sentence of a description (a summary for operations without one)."""
    end = _SENTENCE_END.search(description)
    return description[: end.start() if end else 200][:200]


def _document(endpoint: Searchable, resolve: Resolve | None) -> list[tuple[int, Counter[str]]]:
    """Each field's length and stem counts, in the order of ``FIELDS``."""
    inputs = input_words(endpoint, resolve)
    literal: list[str] = []
    placeholders: list[str] = []
    for segment in endpoint.path.split("/"):
        if segment.startswith("{"):
            placeholders += identifier_words(segment)
        else:
            literal += identifier_words(segment)
    description = _MARKUP.sub(r" \1 ", endpoint.description[: DESCRIPTION_CHARS * 2])
    description = description[:DESCRIPTION_CHARS]
    summary = endpoint.summary or _lead(description.strip())
    texts = [
        literal,
        identifier_words(endpoint.operation_id),
        words(summary),
        [w for tag in endpoint.tags for w in identifier_words(tag)],
        words(description),
        inputs.names,
        placeholders,
        inputs.values,
        inputs.notes,
    ]
    fields = [Counter(map(stem, text)) for text in texts]
    for counts in fields[:2]:  # abbreviations in the path and operationId: "/dbs"
        for short in [s for s in counts if expansions(s)]:
            counts.update(expansions(short))
    return [(sum(counts.values()), counts) for counts in fields]


def _said(endpoint: Searchable) -> frozenset[str]:
    """The stems an operation's summary says (its operationId's words when it has none:
    DRF's ``repositories_create``), for the summary-coverage boost."""
    found = [w for w in words(endpoint.summary) if w not in STOP_WORDS]
    if not found:
        found = [w for w in identifier_parts(endpoint.operation_id) if w not in STOP_WORDS]
    return frozenset(stem(w) for w in found)


def _shape(path: str) -> bool | None:
    """True for one item (``/books/{id}``), False for a collection, None for the rest.

    A collection is a path without placeholders (``/books``) or one ending in a plural
    (``/books/{id}/reviews``); ``/quotes/{quote}/cancel`` is an action, neither.
    """
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if last.startswith("{"):
        return True
    if "{" not in path:
        return False
    plural = words(last)[-1:]
    return False if plural and plural[0].endswith("s") and stem(plural[0]) != plural[0] else None


class SearchIndex(Generic[E]):
    """BM25F postings over ``endpoints``, built once (linear in their text)."""

    __slots__ = (
        "_cache",
        "_endpoints",
        "_exact",
        "_items",
        "_methods",
        "_postings",
        "_said",
        "_vocabulary",
    )

    def __init__(self, endpoints: Sequence[E], resolve: Resolve | None = None) -> None:
        self._endpoints = tuple(endpoints)
        self._methods = tuple(e.method for e in self._endpoints)
        self._items = tuple(_shape(e.path) for e in self._endpoints)
        self._said = tuple(_said(e) for e in self._endpoints)
        exact: dict[str, list[int]] = {}
        for position, endpoint in enumerate(self._endpoints):
            for key in (
                endpoint.operation_id.lower(),
                endpoint.path.lower().rstrip("/"),
                f"{endpoint.method} {endpoint.path.rstrip('/')}".lower(),
            ):
                exact.setdefault(key, []).append(position)
        self._exact = exact
        documents = [_document(e, resolve) for e in self._endpoints]
        count = len(documents) or 1
        averages = [(sum(d[f][0] for d in documents) / count) or 1.0 for f in range(len(FIELDS))]
        postings: dict[str, dict[int, float]] = {}
        for position, document in enumerate(documents):
            weights: dict[str, float] = {}
            for (_, weight, b), (length, counts), average in zip(
                FIELDS, document, averages, strict=True
            ):
                if not length:
                    continue
                share = weight / (1 - b + b * length / average)
                for term, times in counts.items():
                    weights[term] = weights.get(term, 0.0) + share * times
            for term, tf in weights.items():
                postings.setdefault(term, {})[position] = tf
        self._postings: dict[str, dict[int, float]] = postings
        self._vocabulary = sorted(postings)
        self._cache: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self._endpoints)

    def search(
        self, query: str, method: str | None = None, tag: str | None = None, limit: int = 20
    ) -> tuple[int, list[E]]:
        """The number of endpoints matching ``query`` and the best ``limit`` of them.

        ``method`` (upper case) and ``tag`` (lower case) filter; with no query words every
        endpoint passing the filters matches, in document order. The cost follows the
        postings of the request's terms, not the size of the API.
        """
        endpoints = self._endpoints
        keep = self._factors("filter", method, tag) if (method or tag) else None
        exact = self._exact.get(" ".join(query.split()).lower().rstrip("/"), [])
        terms = request_words(query)
        content = [w for w in terms if w not in STOP_WORDS] or terms
        if not content and not exact:
            if keep is None:
                return 0, []
            matching = list(compress(range(len(endpoints)), keep))
            return len(matching), [endpoints[i] for i in matching[:limit]]
        scores: dict[int, float] = {}
        concepts = _concepts(content, self._postings, self._prefixed)
        for options, scale in concepts:
            term = self._term(options)
            if not scores and scale == 1.0:
                scores = dict(term)
                continue
            get = scores.get
            for position, value in term.items():
                scores[position] = get(position, 0.0) + scale * value
        implied, wants_item = _intent(terms, content)
        if implied or wants_item is not None:
            factors = self._factors("boost", implied, wants_item)
            scores = {position: v * factors[position] for position, v in scores.items()}
        for position in exact:
            scores[position] = math.inf
        if keep is not None:
            scores = {position: v for position, v in scores.items() if keep[position]}
        best = sorted(scores.items(), key=itemgetter(1), reverse=True)
        if len(best) > 1:
            asked = {t for options, _ in concepts for t, _ in options}
            head = [(p, v * self._cover(p, asked)) for p, v in best[:RERANK]]
            best = sorted(head, key=itemgetter(1), reverse=True) + best[RERANK:]
        best = best[:limit]
        return len(scores), [endpoints[position] for position, _ in best]

    def _cover(self, position: int, asked: set[str]) -> float:
        """The boost of an operation whose summary the request says all of: a word in
        nearly every path ("repository" on Bitbucket) weighs nearly nothing, and then
        "Create a repository" ties with every "Create a variable for a repository"."""
        said = self._said[position]
        if not said:
            return 1.0
        return 1.0 + COVER_BOOST * len(said & asked) / len(said)

    def _factors(self, kind: str, *key: Any) -> list[float]:
        """Per-endpoint multipliers, cached: a filter's 0/1 mask or the boosts of an intent."""
        cached: list[float] | None = self._cache.get((kind, *key))
        if cached is None:
            if kind == "filter":
                cached = [float(passes(e, *key)) for e in self._endpoints]
            else:
                cached = [
                    _boost(m, item, *key)
                    for m, item in zip(self._methods, self._items, strict=True)
                ]
            self._remember((kind, *key), cached)
        return cached

    def _remember(self, key: Any, value: Any) -> None:
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = value

    def _term(self, options: tuple[tuple[str, float], ...]) -> dict[int, float]:
        """Each endpoint's BM25F score for one term (its alternatives pooled); cached."""
        cached: dict[int, float] | None = self._cache.get(options)
        if cached is not None:
            return cached
        pooled: dict[int, float] = {}
        for term, weight in options:
            for position, tf in self._postings.get(term, {}).items():
                pooled[position] = pooled.get(position, 0.0) + weight * tf
        idf = math.log(1 + (len(self._endpoints) - len(pooled) + 0.5) / (len(pooled) + 0.5))
        scored = {p: idf * tf / (K1 + tf) for p, tf in sorted(pooled.items())}
        self._remember(options, scored)
        return scored

    def _prefixed(self, word: str) -> list[tuple[str, float]]:
        """Vocabulary words beginning with ``word`` (for a word the API never uses)."""
        if len(word) < 3:
            return []
        vocabulary = self._vocabulary
        start = bisect.bisect_left(vocabulary, word)
        found: list[tuple[str, float]] = []
        for term in vocabulary[start : start + PREFIX_FALLBACK]:
            if not term.startswith(word):
                break
            found.append((term, PREFIX_WEIGHT))
        return found


def _intent(terms: list[str], content: list[str]) -> tuple[tuple[str, ...], bool | None]:
    """The methods the request's first verb implies; whether it asks for one item."""
    implied: tuple[str, ...] = ()
    for word in content:
        implied = implied_methods(word)
        if implied:
            break
    plural = any(w.endswith("s") and stem(w) != w and not implied_methods(w) for w in content)
    if "POST" in implied[:1] or plural or "all" in terms or "list" in terms:
        return implied, False
    if implied or "id" in terms:
        return implied, True
    return implied, None


def _boost(
    method: str, item: bool | None, implied: tuple[str, ...], wants_item: bool | None
) -> float:
    """The multiplier of an endpoint's score for a request's intent."""
    factor = 1.0
    if implied and method == implied[0]:
        factor = METHOD_BOOST[0]
    elif method in implied:
        factor = METHOD_BOOST[1]
    if wants_item is not None and item == wants_item:
        factor *= SHAPE_BOOST
    return factor


def passes(endpoint: Searchable, method: str | None, tag: str | None) -> bool:
    """Whether ``endpoint`` passes a search's method and (lower-case) tag filters."""
    if method and endpoint.method != method:
        return False
    return not tag or tag in (t.lower() for t in endpoint.tags)


def _concepts(
    content: list[str],
    postings: dict[str, dict[int, float]],
    prefixed: Callable[[str], list[tuple[str, float]]],
) -> list[tuple[tuple[tuple[str, float], ...], float]]:
    """The terms to score: (stem, weight) alternatives per request word, each term once,
    with the share of its score that counts (``VERB_WEIGHT`` for a verb).

    Words of one family ("get", "fetch") are the same term, counted once.
    """
    concepts: dict[frozenset[str], tuple[tuple[tuple[str, float], ...], float]] = {}
    for word in dict.fromkeys(content):
        options: list[tuple[str, float]] = []
        extra: list[list[tuple[str, float]]] = []
        for stems, weight in alternatives(word):
            options.append((stems[0], weight))
            extra += [[(s, weight)] for s in stems[1:]]
        if not any(term in postings for term, _ in options):
            options += prefixed(stem(word))
        scale = VERB_WEIGHT if implied_methods(word) else 1.0
        for concept in (options, *extra):
            key = frozenset(t for t, _ in concept)
            concepts.setdefault(key, (tuple(sorted(concept)), scale))
    return list(concepts.values())
