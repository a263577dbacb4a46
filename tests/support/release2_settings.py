"""The example project at its next release (``tests.support.release2``), same database."""

from example_project.settings import *  # noqa: F403

ROOT_URLCONF = "tests.support.release2_urls"
