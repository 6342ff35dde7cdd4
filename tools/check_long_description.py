"""Fail if the long description of a built distribution has a relative link.

PyPI shows README.md as the project's page, away from the repository, so a link such as
``docs/data.md`` or ``LICENSE`` leads nowhere there. This renders the description as PyPI does
(readme_renderer, the library behind PyPI's rendering and ``twine check``) and lists every link
and image whose address is not absolute. A link to a place on the same page (``#license``,
which the renderer writes as ``#user-content-license`` beside each heading) is kept if the
page has that place.

Usage: ``python tools/check_long_description.py dist/*.whl dist/*.tar.gz`` (``nox -s packaging``
runs it on what it builds). Exit status 1 if any link is relative, 2 if a file has no
description.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from collections.abc import Callable
from email.parser import HeaderParser
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import readme_renderer.markdown
import readme_renderer.rst
import readme_renderer.txt

ABSOLUTE = frozenset({"http", "https", "mailto"})
# What PyPI renders each content type with (Markdown as GFM, PyPI's default variant).
RENDERERS: dict[str, Callable[[str], str | None]] = {
    "text/markdown": readme_renderer.markdown.render,
    "text/x-rst": readme_renderer.rst.render,
    "text/plain": readme_renderer.txt.render,
}


class _Links(HTMLParser):
    """The addresses of the links and images of an HTML text."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.places: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in {("a", "href"), ("img", "src")}:
                self.addresses.append(value)
            elif name in {"id", "name"}:
                self.places.add(value)

    def is_relative(self, address: str) -> bool:
        """Whether *address* leads nowhere from PyPI's page."""
        parts = urlsplit(address)
        if parts.scheme in ABSOLUTE:
            return False
        on_this_page = not (parts.scheme or parts.netloc or parts.path or parts.query)
        return not (on_this_page and parts.fragment in self.places)


def metadata(path: Path) -> str:
    """The core metadata of a wheel (``METADATA``) or an sdist (``PKG-INFO``)."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
            return wheel.read(name).decode("utf-8")
    with tarfile.open(path) as sdist:
        (member,) = [
            m for m in sdist.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")
        ]
        extracted = sdist.extractfile(member)
        if extracted is None:
            msg = f"{path}: PKG-INFO is not a file"
            raise ValueError(msg)
        return extracted.read().decode("utf-8")


def relative_links(path: Path) -> list[str] | None:
    """The relative addresses in the rendered description of *path*; None if it has none."""
    message = HeaderParser().parsestr(metadata(path))
    description = message.get_payload()
    if not isinstance(description, str) or not description.strip():
        return None
    content_type = (message["Description-Content-Type"] or "text/x-rst").split(";")[0].strip()
    rendered = RENDERERS[content_type](description)
    if rendered is None:
        msg = f"{path}: the {content_type} description does not render"
        raise ValueError(msg)
    parser = _Links()
    parser.feed(rendered)
    parser.close()
    return [address for address in parser.addresses if parser.is_relative(address)]


def main(argv: list[str]) -> int:
    """Check each distribution named in *argv*; return the exit status."""
    if not argv:
        print("usage: python tools/check_long_description.py DIST [DIST ...]")
        return 2
    status = 0
    for name in argv:
        found = relative_links(Path(name))
        if found is None:
            print(f"{name}: no long description")
            status = max(status, 2)
        elif found:
            print(f"{name}: {len(found)} relative link(s) in the long description:")
            for address in found:
                print(f"    {address}")
            status = max(status, 1)
        else:
            print(f"{name}: every link of the long description is absolute")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
