"""Callbacks run after each schema build, with the document and its processed records.

The schema history registers one (``history.store.record_built``, from ``apps.ready``), so
the cache knows nothing of the database. A callback that fails is logged, never raised:
a build serves the tools whatever a callback does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from drf_mcp_docs.schema.records import ApiSchema

logger = logging.getLogger("drf_mcp_docs.schema")

BuiltHook = Callable[[dict[str, Any], ApiSchema, "str | None"], None]

_hooks: list[BuiltHook] = []
#: The digest of the schema built last, per version key (None: the default schema).
_last_digest: dict[str | None, str] = {}


def on_built(hook: BuiltHook) -> None:
    """Call ``hook(document, api, version_key)`` after every build (registered once)."""
    if hook not in _hooks:
        _hooks.append(hook)


def last_digest(version_key: str | None = None) -> str | None:
    """The digest of the schema (of ``version_key``) this process built last, if any."""
    return _last_digest.get(version_key)


def built(document: dict[str, Any], api: ApiSchema, version_key: str | None = None) -> None:
    """Run the registered callbacks for a build that just finished.

    ``version_key`` names the API version the schema documents (None: the default schema).
    """
    if api.digest:
        _last_digest[version_key] = api.digest
    for hook in list(_hooks):
        try:
            hook(document, api, version_key)
        except Exception:
            logger.exception("a schema build callback failed: %r", hook)
