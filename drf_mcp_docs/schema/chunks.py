"""The shared document as cache values: compressed JSON in chunks under one manifest.

A cache item has a size limit on some backends (Memcached: 1 MB by default) and real
documents are bigger (Stripe's is several MB of JSON). :func:`pack` turns a document into
zlib-compressed JSON split into chunks of at most :data:`CHUNK_BYTES`, plus a small
manifest naming them; :func:`unpack` joins them back, or answers None when any chunk is
missing (evicted) or the whole does not match the manifest's digest.

Chunk keys hold a random write id, and the manifest names the write id: a reader only
ever joins chunks of the one write its manifest names, never chunks of two writes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zlib
from collections.abc import Mapping
from typing import Any

__all__ = ["CHUNK_BYTES", "FORMAT", "chunk_keys", "pack", "unpack"]

#: At most this many bytes per cache value: half of Memcached's default 1 MB item limit,
#: leaving room for the key and the client's framing.
CHUNK_BYTES = 512 * 1024
#: The manifest's format; a manifest of another format is ignored (regenerated).
FORMAT = 1


def pack(
    document: dict[str, Any], chunk_bytes: int = CHUNK_BYTES
) -> tuple[dict[str, Any], list[bytes]]:
    """The manifest and the chunks of ``document`` (compact JSON, zlib level 6)."""
    data = zlib.compress(json.dumps(document, separators=(",", ":")).encode(), 6)
    chunks = [data[i : i + chunk_bytes] for i in range(0, len(data), chunk_bytes)] or [b""]
    manifest = {
        "format": FORMAT,
        "write": uuid.uuid4().hex,
        "chunks": len(chunks),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return manifest, chunks


def chunk_keys(base: str, manifest: Mapping[str, Any]) -> list[str]:
    """The cache keys of the chunks ``manifest`` names (under ``base``, the version's keys)."""
    return [f"{base}{manifest['write']}:{i}" for i in range(int(manifest["chunks"]))]


def valid_manifest(value: Any) -> bool:
    """Is ``value`` a manifest this version of the package reads?"""
    return (
        isinstance(value, dict)
        and value.get("format") == FORMAT
        and isinstance(value.get("write"), str)
        and value["write"].isalnum()
        and isinstance(value.get("chunks"), int)
        and 0 < value["chunks"] <= 10_000
    )


def unpack(manifest: Mapping[str, Any], chunks: list[Any]) -> dict[str, Any] | None:
    """The document, or None if a chunk is missing or the data is not the manifest's."""
    if len(chunks) != manifest["chunks"] or not all(isinstance(c, bytes) for c in chunks):
        return None
    data = b"".join(chunks)
    if len(data) != manifest.get("bytes") or hashlib.sha256(data).hexdigest() != manifest.get(
        "sha256"
    ):
        return None
    document = json.loads(zlib.decompress(data))
    return document if isinstance(document, dict) else None
