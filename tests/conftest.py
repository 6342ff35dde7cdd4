"""Shared fixtures: the bundled dataset, and a fresh copy of its JSON document per test."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# How hard Hypothesis tries is chosen per run, not per test: nox sets HYPOTHESIS_PROFILE
# ("quick", 10 examples, for the local loop and the other Pythons of the full check; "ci",
# Hypothesis's 100 and a reproduction blob on failure, for the coverage run); a bare `pytest`
# uses "default" (100).
# CI machines are shared and their timing noisy: a slow example is not a failure in any
# profile (speed is measured in benchmarks/, never in the tests). Examples are drawn at random
# each run. A test that sets its own `max_examples` overrides the profile: leave it out.
settings.register_profile("default", deadline=None)
settings.register_profile("quick", max_examples=10, deadline=None)
settings.register_profile("ci", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# tests/ is a plain directory, not a package: make `import strategies` work under any
# import mode.
_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import un_migration_network as umn  # noqa: E402 - after the path set-up above


@pytest.fixture
def dataset() -> umn.Dataset:
    """The bundled dataset."""
    return umn.load()


@functools.cache
def _document_text() -> str:
    """The bundled dataset's JSON document, written once per run."""
    return umn.load().to_json()


@pytest.fixture
def document() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled dataset's JSON document."""
    data: dict[str, Any] = json.loads(_document_text())
    return data
