"""The bundled data: read with importlib.resources, never through a filesystem path."""
