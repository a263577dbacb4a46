"""Keyword search over the endpoints: an inverted index built once with the records.

A query word matches a field when it is a substring of the field's text (path,
operationId, summary, tags, description, weighted in that order); the index makes the
cost follow the matches rather than the size of the API.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drf_mcp_docs.schema.records import ApiSchema, Endpoint

_TOKEN = re.compile(r"[a-z0-9]+")
WORD = _TOKEN


class SearchIndex:
    """An inverted index over the endpoints' ``search_fields``, built once with the records.

    It answers exactly what scanning every endpoint answers: a query word hits a field when
    it is a substring of the field's text. A query word is a run of ``[a-z0-9]``, so each
    occurrence lies inside one ``[a-z0-9]`` token of the text; the index maps every token
    to the (endpoint, field) pairs holding it, and a word is looked up through the
    vocabulary tokens that contain it (one ``str.find`` pass over the vocabulary).
    """

    __slots__ = ("_fields", "_postings", "_vocabulary", "_weights")

    def __init__(self, endpoints: tuple[Endpoint, ...]) -> None:
        self._fields = max((len(e.search_fields) for e in endpoints), default=0) or 1
        postings: dict[str, list[int]] = {}
        weights: dict[int, int] = {}
        for index, endpoint in enumerate(endpoints):
            for position, (text, weight) in enumerate(endpoint.search_fields):
                code = index * self._fields + position
                weights[code] = weight
                for token in dict.fromkeys(_TOKEN.findall(text)):
                    postings.setdefault(token, []).append(code)
        self._postings = {token: tuple(codes) for token, codes in postings.items()}
        self._weights = weights
        self._vocabulary = "\n" + "\n".join(self._postings) + "\n"

    def tokens_containing(self, word: str) -> list[str]:
        """The vocabulary tokens that contain ``word`` (a run of ``[a-z0-9]``)."""
        text = self._vocabulary
        found = []
        position = text.find(word)
        while position >= 0:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            found.append(text[start:end])
            position = text.find(word, end)
        return found

    def hits(self, word: str) -> dict[int, int]:
        """Endpoint index -> the summed weight of the fields containing ``word``."""
        codes: set[int] = set()
        for token in self.tokens_containing(word):
            codes.update(self._postings[token])
        fields, weights = self._fields, self._weights
        out: dict[int, int] = {}
        for code in codes:
            index = code // fields
            out[index] = out.get(index, 0) + weights[code]
        return {index: hit for index, hit in out.items() if hit}


def search(api: ApiSchema, query: str, method: str | None, tag: str | None) -> list[Endpoint]:
    """Endpoints matching every word of ``query``, best first (path and id weigh most).

    A word matches a field when it is a substring of it; an endpoint scores the weights
    of its fields that each word matches, plus the fields holding the whole phrase. The
    records' inverted index finds the candidates, so the cost follows the matches, not
    the size of the API.
    """
    words = WORD.findall(query.lower())
    phrase = query.strip().lower()
    endpoints = api.endpoints
    if not words:
        candidates: dict[int, int] = dict.fromkeys(range(len(endpoints)), 0)
    else:
        index = api.search_index
        per_word: dict[str, dict[int, int]] = {}
        for word in words:
            if word not in per_word:
                per_word[word] = index.hits(word)
        # Intersect from the rarest word; then sum every word's hits (repeats count again).
        rarest = min(per_word.values(), key=len)
        others = [hits for hits in per_word.values() if hits is not rarest]
        candidates = {}
        for position in rarest:
            if all(position in hits for hits in others):
                candidates[position] = sum(per_word[word][position] for word in words)
    scored: list[tuple[int, int]] = []
    bonus = bool(phrase) and len(words) > 1
    for position, score in candidates.items():
        endpoint = endpoints[position]
        if method and endpoint.method != method:
            continue
        if tag and tag not in (t.lower() for t in endpoint.tags):
            continue
        if bonus:
            score += sum(w for text, w in endpoint.search_fields if phrase in text)
        scored.append((-score, position))
    scored.sort()
    return [endpoints[position] for _, position in scored]
