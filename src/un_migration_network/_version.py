"""The package's version (hatchling reads it from here)."""

__version__ = "0.3.0"
