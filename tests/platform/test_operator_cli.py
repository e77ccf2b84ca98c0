"""Operators are made from the command line, and the demo accounts include one."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.auth.models import User


def test_create_operator_reads_the_password_from_standard_input(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create-operator", "ops@platform.example"],
        input="a long operator passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "platform operator" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ops@platform.example"))
        assert user is not None and user.platform_operator
        assert "a long operator passphrase" not in user.password_hash


def test_demo_accounts_print_the_operators_sign_in_once(app, demo_tenants):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "accounts"])
    assert first.exit_code == 0, first.output
    line = next(line for line in first.output.splitlines() if "platform_operator" in line)
    assert "operator@platform.demo.candour.example" in line
    assert "/platform/login" in first.output
    second = runner.invoke(args=["demo", "accounts"])
    assert "platform_operator" not in second.output
