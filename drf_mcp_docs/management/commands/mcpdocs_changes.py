"""``manage.py mcpdocs_changes``: what changed in the API since a recorded schema.

    python manage.py mcpdocs_changes --since v1.4.0 --format markdown
    python manage.py mcpdocs_changes --since v1.4.0 --fail-on-breaking   # a CI gate

``--since`` / ``--until`` take a digest (or its first characters), a label, an API version
or an ISO date; ``--until`` defaults to the schema the code produces now. With
``--fail-on-breaking`` the command exits 1 when a change breaks existing clients.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

FORMATS = ("text", "json", "markdown")


class Command(BaseCommand):
    help = (
        "Report the API changes since a recorded schema (digest, label, version or ISO "
        "date), flagging those that break existing clients."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", required=True, help="digest, label, version or ISO date")
        parser.add_argument("--until", help="the same kinds; default: the schema served now")
        parser.add_argument("--format", choices=FORMATS, default="text")
        parser.add_argument(
            "--fail-on-breaking",
            action="store_true",
            help="exit with status 1 when a change breaks existing clients",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.db import DatabaseError

        from drf_mcp_docs.conf import conf
        from drf_mcp_docs.history import report, store
        from drf_mcp_docs.history.compare import changes_since
        from drf_mcp_docs.schema.adapters import load_document
        from drf_mcp_docs.schema.processor import process_schema

        try:
            current = process_schema(
                load_document(),
                path_prefix=conf.SCHEMA_PATH_PREFIX,
                exclude_paths=conf.EXCLUDE_PATHS,
            )
            comparison = changes_since(options["since"], current, until=options["until"])
        except (store.UnknownSchema, store.HistoryUnavailable) as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            first = str(exc).splitlines()[0] if str(exc) else repr(exc)
            raise CommandError(
                f"cannot read the schema history ({first}); "
                "run `python manage.py migrate drf_mcp_docs` first"
            ) from None
        result, old, new = comparison.result, comparison.old, comparison.new
        fmt = options["format"]
        if fmt == "json":
            answer = report.full(result, old, new)
            if comparison.note:
                answer["note"] = comparison.note
            self.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False))
        elif fmt == "markdown":
            self.stdout.write(report.markdown(result, old, new), ending="")
        else:
            if comparison.note:
                self.stdout.write(f"note: {comparison.note}")
            self.stdout.write(report.text(result, old, new), ending="")
        if options["fail_on_breaking"] and result.breaking:
            raise CommandError(
                f"{result.breaking_count} breaking change"
                f"{'s' if result.breaking_count != 1 else ''} since {options['since']}",
                returncode=1,
            )
