"""A schema that could not be rebuilt: since when, why, and when to try again.

``SchemaCache`` keeps answering with the last good schema when a rebuild fails (stale
beats nothing). :class:`Staleness` records that state: when rebuilding first failed, a
one-line reason, when the schema answering was built, and when the next rebuild is due.
The retries back off: :data:`FIRST_RETRY` seconds after the first failure, doubling up to
:data:`MAX_RETRY`, so a broken schema view is not run on every call. Each failure is
logged with its traceback; the recovery is logged too.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

from drf_mcp_docs.text import clip

logger = logging.getLogger("drf_mcp_docs.schema")

__all__ = ["FIRST_RETRY", "MAX_RETRY", "Staleness"]

#: Seconds from the first failed rebuild to the next try.
FIRST_RETRY = 5.0
#: The longest wait between two tries.
MAX_RETRY = 300.0


def _iso(wall: float) -> str:
    return datetime.fromtimestamp(wall, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Staleness:
    """Whether the schema answering is stale, since when and why; when to retry."""

    first_retry = FIRST_RETRY
    max_retry = MAX_RETRY

    def __init__(self) -> None:
        self.failures = 0  # failed rebuilds in a row
        self.since: float | None = None  # wall clock time of the first of them
        self.reason = ""
        self.built: float | None = None  # wall clock time the answering schema was built
        self._retry_at = 0.0  # monotonic

    @property
    def stale(self) -> bool:
        return self.failures > 0

    def waiting(self, now: float) -> bool:
        """Stale, and the next rebuild is not due yet at ``now`` (monotonic)."""
        return self.failures > 0 and now < self._retry_at

    def failed(self, exc: BaseException, built_at: float) -> float:
        """Record a failed rebuild (``built_at``: monotonic build time of the schema kept);
        log it with its traceback; return the seconds until the next try."""
        now = time.monotonic()
        if self.failures == 0:
            self.since = time.time()
            self.built = self.since - (now - built_at)
        self.failures += 1
        self.reason = clip(f"{type(exc).__name__}: {exc}".splitlines()[0], 200)
        delay: float = min(self.first_retry * 2.0 ** (self.failures - 1), self.max_retry)
        self._retry_at = now + delay
        logger.error(
            "drf-mcp-docs: rebuilding the schema failed (%d in a row); serving the last good "
            "schema, built %s; next try in %gs",
            self.failures,
            _iso(self.built or self.since or time.time()),
            delay,
            exc_info=exc,
        )
        return delay

    def retry_now(self) -> None:
        """Make the next call try a rebuild (an invalidation)."""
        self._retry_at = 0.0

    def recovered(self) -> None:
        """A rebuild succeeded: fresh again."""
        if self.failures:
            logger.warning(
                "drf-mcp-docs: the schema was rebuilt after %d failed tries; no longer stale",
                self.failures,
            )
        self.clear()

    def clear(self) -> None:
        """Fresh again, without a word (the schema was dropped)."""
        self.failures, self.since, self.reason, self.built = 0, None, "", None
        self._retry_at = 0.0

    def describe(self) -> dict[str, str]:
        """What the overview tells the agent (empty when fresh)."""
        if not self.failures or self.since is None:
            return {}
        return {
            "note": "the API's schema could not be rebuilt; this is the last good one, "
            "which may be out of date",
            "since": _iso(self.since),
            "builtAt": _iso(self.built or self.since),
            "reason": self.reason,
        }
