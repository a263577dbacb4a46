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

BuiltHook = Callable[[dict[str, Any], ApiSchema], None]

_hooks: list[BuiltHook] = []


def on_built(hook: BuiltHook) -> None:
    """Call ``hook(document, api)`` after every build (once, however often registered)."""
    if hook not in _hooks:
        _hooks.append(hook)


def built(document: dict[str, Any], api: ApiSchema) -> None:
    """Run the registered callbacks for a build that just finished."""
    for hook in list(_hooks):
        try:
            hook(document, api)
        except Exception:
            logger.exception("a schema build callback failed: %r", hook)
