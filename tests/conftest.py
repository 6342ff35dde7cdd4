"""Shared fixtures: the bundled dataset, and a fresh copy of its JSON document per test."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI machines are shared and their timing noisy: a slow example is not a failure here (speed
# is measured in benchmarks/, never in the tests). Examples are drawn at random each run.
settings.register_profile("un-migration-network", deadline=None)
settings.load_profile("un-migration-network")

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


@pytest.fixture
def document() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled dataset's JSON document."""
    data: dict[str, Any] = json.loads(umn.load().to_json())
    return data
