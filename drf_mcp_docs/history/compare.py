"""Comparing recorded schemas: resolve ``since``/``until``, process, diff (with small caches).

Shared by ``get_api_changes`` (server/changes.py) and ``manage.py mcpdocs_changes``. Synchronous:
it reads the database; async callers run it in a worker thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from drf_mcp_docs.conf import conf
from drf_mcp_docs.forksafe import after_fork
from drf_mcp_docs.history import store
from drf_mcp_docs.history.diff import ApiDiff, diff
from drf_mcp_docs.schema.records import ApiSchema

#: Processed baselines and diffs kept per process (a paging agent asks for the same pair).
CACHED = 4

_lock = threading.Lock()


@after_fork
def _new_lock() -> None:
    """In a forked child: a thread of the parent may have held the lock at the fork."""
    global _lock
    _lock = threading.Lock()


_schemas: OrderedDict[tuple[str, str], ApiSchema] = OrderedDict()
_diffs: OrderedDict[tuple[str, str, str], ApiDiff] = OrderedDict()


@dataclass(frozen=True)
class Comparison:
    """A diff with what it compares: ``old``/``new`` describe each side; ``note`` may explain."""

    result: ApiDiff
    old: dict[str, str]
    new: dict[str, str]
    note: str = ""


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    with _lock:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > CACHED:
            cache.popitem(last=False)


def processed(recorded: store.Recorded) -> ApiSchema:
    """The recorded schema as records, processed with this project's path settings."""
    from drf_mcp_docs.schema.processor import process_schema

    key = (recorded.version_key, recorded.digest)
    found = _schemas.get(key)
    if found is None:
        found = process_schema(
            store.load(recorded),
            path_prefix=conf.SCHEMA_PATH_PREFIX,
            exclude_paths=conf.EXCLUDE_PATHS,
        )
        _remember(_schemas, key, found)
    return found


def describe(api: ApiSchema, recorded: store.Recorded | None = None) -> dict[str, str]:
    """One side of a comparison: digest, version, label and when it was first seen."""
    if recorded is not None:
        return recorded.describe()
    return {k: v for k, v in (("digest", api.digest), ("version", api.version)) if v}


def compare_apis(old: ApiSchema, new: ApiSchema, version_key: str | None = None) -> ApiDiff:
    """``diff(old, new)``, cached by the two digests."""
    key = (version_key or "", old.digest, new.digest)
    found = _diffs.get(key) if old.digest and new.digest else None
    if found is None:
        found = diff(old, new)
        if old.digest and new.digest:
            _remember(_diffs, key, found)
    return found


def changes_since(
    since: str,
    current: ApiSchema,
    *,
    until: str | None = None,
    version_key: str | None = None,
) -> Comparison:
    """What changed from the schema ``since`` names to ``until`` (default: ``current``).

    Raises ``store.UnknownSchema`` / ``store.HistoryUnavailable`` with a message for people.
    """
    if not conf.HISTORY_LIMIT:
        raise store.HistoryUnavailable(
            "the schema history is off: set DRF_MCP_DOCS['HISTORY'] = True and a "
            "HISTORY_LIMIT above 0 to compare schemas"
        )
    old_record, note = store.resolve(since, version_key)
    old = processed(old_record)
    if until is None:
        new, new_meta = current, describe(current)
    else:
        new_record, until_note = store.resolve(until, version_key)
        note = "; ".join(n for n in (note, until_note) if n)
        new, new_meta = processed(new_record), describe(current, new_record)
    return Comparison(
        compare_apis(old, new, version_key), describe(old, old_record), new_meta, note
    )


def forget() -> None:
    """Drop the cached schemas and diffs (tests)."""
    with _lock:
        _schemas.clear()
        _diffs.clear()
