#!/usr/bin/env python
"""Django's command-line utility for the bookstore example project."""

import os
import sys
from pathlib import Path

EXAMPLE_DIR = Path(__file__).resolve().parent
REPO_ROOT = EXAMPLE_DIR.parent

# Make the example project and the drf_mcp_docs checkout importable regardless of
# the current working directory or whether the package is installed.
for path in (str(REPO_ROOT), str(EXAMPLE_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)


def main() -> None:
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
