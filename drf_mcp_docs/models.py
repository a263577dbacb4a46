"""The schema history's table: each distinct schema the project served or recorded, once.

Rows are written by ``history.store`` (never by hand); the document is kept compressed so
any two recorded schemas can be compared later. Bounded by the ``HISTORY_LIMIT`` setting.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone


class SchemaRecord(models.Model):
    """One recorded schema: its digest, ``info.version``, label and compressed document."""

    #: The digest of the document (``schema.digest``), unique per version key.
    digest: models.CharField[str, str] = models.CharField(max_length=64)
    #: The API version this schema documents ("" = the project's default schema).
    version_key: models.CharField[str, str] = models.CharField(
        max_length=100, blank=True, default=""
    )
    #: The document's ``info.version``.
    schema_version: models.CharField[str, str] = models.CharField(
        max_length=200, blank=True, default=""
    )
    #: A name given by ``mcpdocs_snapshot --label`` (a release, e.g. ``v1.4.0``), or "".
    label: models.CharField[str, str] = models.CharField(max_length=200, blank=True, default="")
    #: How it was recorded: "served" (a build of the live schema) or "snapshot" (a file).
    source: models.CharField[str, str] = models.CharField(max_length=20, default="served")
    first_seen: models.DateTimeField[datetime.datetime, datetime.datetime] = models.DateTimeField(
        default=timezone.now, db_index=True
    )
    #: The canonical JSON of the document, zlib-compressed.
    document: models.BinaryField[bytes, bytes | memoryview] = models.BinaryField()
    #: Bytes of the uncompressed canonical JSON.
    size: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "drf_mcp_docs"
        ordering = ("-first_seen", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["version_key", "digest"], name="drf_mcp_docs_schema_once"
            )
        ]
        verbose_name = "schema record"

    def __str__(self) -> str:
        label = f" {self.label}" if self.label else ""
        return f"{self.digest}{label} ({self.schema_version or 'no version'})"
