"""Fixtures for the JSON API tests: two boards, staff and tokens in each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_support import token_for


@pytest.fixture
def api_board(
    make_tenant: Callable[..., Any], make_user: Callable[..., Any], in_app: Callable[..., Any]
) -> Callable[..., dict[str, Any]]:
    """`api_board(slug)`: a board with a manager, admin and reviewer, each with an API token."""

    def make(slug: str = "board-a", framework: str = "lcspr-2023") -> dict[str, Any]:
        tenant = make_tenant(slug, framework=framework)
        made: dict[str, Any] = {"tenant": tenant}
        for role in ("review_manager", "board_admin", "reviewer"):
            user = make_user(f"{role}@{slug}.example", tenant, role)
            made[role] = user
            made[f"{role}_token"] = token_for(in_app, tenant, user)
        return made

    return make
