"""What several answers of one call say word for word, said once.

A large API's shared parameters (GitHub's ``owner`` and ``repo``, a paging pair) and its
auth lines repeat whole in every endpoint answer: a tenth of a batch of GitHub's details,
130 bytes an answer on Jira's. In a batch (``get_endpoint_detail(endpoints=[...])``) each
such text is given once under ``shared``, which is read before the answers, and each
answer says ``"shared"`` in its place.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

#: What an answer says instead of a text given once under ``shared``.
SHARED = "shared"
#: Texts shorter than this stay in place: the mark would save next to nothing.
SHARED_FROM = 24
NOTE = f'what the answers below mark "{SHARED}"'
#: Where a parameter is one string by name (``filters`` groups names by type instead).
PLACES = ("path", "query", "header", "cookie")


def share(answers: list[dict[str, Any]]) -> dict[str, Any]:
    """``shared`` for ``answers`` (empty when nothing repeats); marks the answers in place."""
    found: dict[str, Any] = {}
    parameters = _share_parameters(answers)
    if parameters:
        found["parameters"] = parameters
    auth = _share_auth(answers)
    if auth is not None:
        found["auth"] = auth
    return {"//": NOTE, **found} if found else {}


def _share_parameters(answers: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The parameters with the same location, name and text in two answers or more."""
    counts = Counter(key for answer in answers for key in _parameters(answer))
    shared: dict[str, dict[str, str]] = {}
    for (place, name, text), count in counts.most_common():
        if count > 1 and len(text) >= SHARED_FROM and name not in shared.get(place, {}):
            shared.setdefault(place, {})[name] = text
    for answer in answers:
        if any(shared.get(p, {}).get(n) == t for p, n, t in _parameters(answer)):
            answer["parameters"] = {
                place: {
                    n: SHARED if shared.get(place, {}).get(n) == t else t for n, t in params.items()
                }
                if place in PLACES
                else params
                for place, params in answer["parameters"].items()
            }
    return shared


def _parameters(answer: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(location, name, text)`` of each parameter an answer says in one string."""
    found = []
    for place, params in (answer.get("parameters") or {}).items():
        if place in PLACES and isinstance(params, dict):
            found += [(place, n, t) for n, t in params.items() if isinstance(t, str)]
    return found


def _share_auth(answers: list[dict[str, Any]]) -> list[str] | None:
    """The auth lines two answers or more give alike (most of them, on most APIs)."""
    counts = Counter(
        json.dumps(auth)
        for auth in (answer.get("auth") for answer in answers)
        if isinstance(auth, list) and len("".join(auth)) >= SHARED_FROM
    )
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    most = counts.most_common(1)[0][0]
    for answer in answers:
        if json.dumps(answer.get("auth")) == most:
            answer["auth"] = SHARED
    return list(json.loads(most))
