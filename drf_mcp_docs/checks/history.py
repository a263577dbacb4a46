"""System checks of the schema history (ids ``drf_mcp_docs.E040``-``E049``, ``W040``-``W049``).

E040: ``HISTORY_LIMIT`` is negative. W040: the history is on but its table is missing
(``migrate`` not run): the tools keep working, nothing is recorded. The table check asks
the database only when it can be reached; an unreachable database is not this app's to
report.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, Warning, register

from drf_mcp_docs.conf import conf
from drf_mcp_docs.conf import get as get_setting


@register(Tags.compatibility)
def check_history_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    limit = get_setting("HISTORY_LIMIT")
    if isinstance(limit, int) and not isinstance(limit, bool) and limit < 0:
        return [
            Error(
                f"DRF_MCP_DOCS['HISTORY_LIMIT'] must be 0 or more (or None), got {limit}.",
                hint="The number of schemas the history keeps, e.g. 100; 0 or None turns it "
                "off, as HISTORY = False does.",
                id="drf_mcp_docs.E040",
            )
        ]
    return []


def history_table_warnings() -> list[CheckMessage]:
    if not conf.HISTORY_LIMIT:
        return []
    from drf_mcp_docs.history.store import table_exists

    try:
        exists = table_exists()
    except Exception:  # no database reachable here: not ours to report
        return []
    if exists:
        return []
    return [
        Warning(
            "The drf-mcp-docs schema history's table is missing: get_api_changes and "
            "mcpdocs_changes have nothing to compare, and served schemas are not recorded.",
            hint="Run `python manage.py migrate drf_mcp_docs`, or turn the history off "
            "with DRF_MCP_DOCS = {'HISTORY': False}.",
            id="drf_mcp_docs.W040",
        )
    ]


@register(Tags.compatibility)
def check_history_table(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """W040 in ``manage.py check``, ``runserver`` and the like; not in ``migrate``, which is
    about to create the table. (Django 6.1 passes ``databases`` to every check, so the
    command is told by its name, as Django's autoreloader tells its own.)"""
    if sys.argv[1:2] == ["migrate"]:
        return []
    return history_table_warnings()
