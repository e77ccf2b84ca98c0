"""Fixtures for the operator's console: an operator account, and a client signed in as one (with
two-factor, which the console always asks for)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "admin"))

from admin_support import operator_sign_in


@pytest.fixture
def operator(in_app) -> Any:
    from core.auth.services import get_or_create_user

    def build() -> Any:
        user, _ = get_or_create_user("operator@platform.example", "correct horse battery staple")
        user.platform_operator = True
        return user

    return in_app(build)


@pytest.fixture
def console(client, operator) -> Any:
    operator_sign_in(client, "operator@platform.example")
    return client
