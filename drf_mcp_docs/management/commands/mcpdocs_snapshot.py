"""``manage.py mcpdocs_snapshot``: record a schema in the history, as a baseline.

    python manage.py spectacular --file schema.yml
    python manage.py mcpdocs_snapshot --file schema.yml --label v1.4.0

Without ``--file`` it records the schema the project serves now. A schema already recorded
is not stored twice; ``--label`` names it (a release) for ``get_api_changes(since=...)``
and ``mcpdocs_changes --since``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def read_document(path: str) -> dict[str, Any]:
    """An OpenAPI document from a YAML or JSON file (``spectacular --file`` writes either)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from None
    try:
        if file.suffix.lower() == ".json" or text.lstrip().startswith("{"):
            document = json.loads(text)
        else:
            from drf_mcp_docs.schema.adapters import yaml_document

            document = yaml_document(text)
    except (ValueError, ImportError) as exc:
        raise CommandError(f"{path} is not a JSON or YAML document: {exc}") from None
    except Exception as exc:  # yaml.YAMLError and friends
        raise CommandError(f"{path} is not a JSON or YAML document: {exc}") from None
    if not isinstance(document, dict):
        raise CommandError(f"{path} does not hold an OpenAPI document (an object at the top)")
    version = str(document.get("openapi", ""))
    if "swagger" in document:
        from drf_mcp_docs.schema.swagger2 import swagger2_to_openapi3

        return swagger2_to_openapi3(document)
    if not version.startswith("3."):
        raise CommandError(f"{path} is not an OpenAPI 3 document (no 'openapi: 3.x' key)")
    return document


class Command(BaseCommand):
    help = (
        "Record a schema in the drf-mcp-docs history (a baseline for get_api_changes and "
        "mcpdocs_changes): from --file (YAML or JSON), else the schema served now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="an OpenAPI document, e.g. from `spectacular --file`")
        parser.add_argument("--label", default="", help="a name for it, e.g. a release: v1.4.0")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.db import DatabaseError

        from drf_mcp_docs.history import store

        if options["file"]:
            document = read_document(options["file"])
        else:
            from drf_mcp_docs.schema.adapters import load_document

            document = load_document()
        label = str(options["label"] or "").strip()
        if label and store.check_label(label):
            raise CommandError(f"--label {label[:100]!r}: {store.check_label(label)}")
        try:
            recorded, created = store.record(document, label=label, source="snapshot")
        except store.HistoryUnavailable as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(
                f"cannot record the schema ({str(exc).splitlines()[0] if str(exc) else exc!r}); "
                "run `python manage.py migrate drf_mcp_docs` first"
            ) from None
        what = "recorded" if created else "already recorded"
        names = ", ".join(f"{k} {v}" for k, v in recorded.describe().items() if k != "digest")
        self.stdout.write(f"{what}: schema {recorded.digest} ({names})")
