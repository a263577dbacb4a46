"""The schema's identity: a short, stable hash of the OpenAPI document.

The document is serialised canonically (keys sorted, no whitespace, ASCII escapes), so
two documents that differ only in key order have the same digest. Standard library only:
the schema processor imports it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

#: Hex characters of a digest: 64 bits, short enough to read, and collision-free in any
#: history this app keeps.
DIGEST_LENGTH = 16


def canonical_json(document: Any) -> bytes:
    """``document`` as compact JSON with sorted keys, ASCII only (any string encodes).

    Without the circular-reference check it takes half the time (a document parsed from
    JSON or YAML, or generated, has no cycles); a document that does have one falls back to
    the checked encoder, which raises ``ValueError``.
    """
    try:
        text = json.dumps(
            document, sort_keys=True, separators=(",", ":"), check_circular=False, default=str
        )
    except RecursionError:
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    return text.encode("ascii")


def digest_of(canonical: bytes) -> str:
    """The digest of an already canonical serialisation."""
    return hashlib.sha256(canonical).hexdigest()[:DIGEST_LENGTH]


def document_digest(document: Any) -> str:
    """The digest of ``document`` (independent of its key order)."""
    return digest_of(canonical_json(document))
