"""Fixtures for the board admin tests: a board with a signed-in board admin."""

from __future__ import annotations

from typing import Any

import pytest
from admin_support import Board

from core.testing import sign_in


@pytest.fixture
def board(app, make_tenant, make_user) -> Board:
    tenant = make_tenant("board-a", contact_email="a@example.org")
    admin = make_user("admin@a.example", tenant)
    return Board(app, tenant, admin)


@pytest.fixture
def admin(client, board) -> Any:
    """A test client signed in as the board's admin (two-factor is off for test apps by default)."""
    assert sign_in(client, "board-a", "admin@a.example").status_code == 302
    return client
