"""What the browser tests share besides fixtures: the demo boards' pages, the live server's address
and the phone page that every test drives."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TENANTS = REPO_ROOT / "tenants"


@dataclass(frozen=True)
class Board:
    slug: str
    locales: tuple[str, ...]


def demo_boards() -> list[Board]:
    """The demo boards and the locales each offers, read from `tenants/` so a new one is covered."""
    boards = []
    for path in sorted(TENANTS.glob("*/tenant.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        board = data.get("board", data)
        boards.append(Board(data.get("slug") or path.parent.name, tuple(board["locales"])))
    return boards


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: Any = None

    def __call__(self, path: str) -> str:
        return self.url + path


@dataclass
class Phone:
    """A page in a 390×844 phone viewport, and what its console said about the security policy."""

    page: Any
    csp_violations: list[str]

    def open(self, url: str) -> int:
        """Navigate to `url`, wait for its fonts, and return the HTTP status."""
        self.csp_violations.clear()
        response = self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return response.status if response else 0
