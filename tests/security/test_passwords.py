"""Staff passwords follow NCSC guidance: long rather than complicated, and never a common or
breached-style password, however it is dressed up."""

from __future__ import annotations

import pytest

from core.auth.passwords import PasswordRejected, check_password, deny_list


@pytest.mark.parametrize(
    "password, reason",
    [
        ("short", "at least 12 characters"),
        ("x" * 257, "256 characters or fewer"),
        ("aaaaaaaaaaaaaaaa", "repeats the same characters"),
        ("password1234", "too common"),
        ("Password1234!", "too common"),
        ("P@ssw0rd2024!!", "too common"),
        ("Liverpool2024!", "too common"),
        ("qwertyuiop123", "too common"),
        ("123456789012", "too common"),
        ("Safeguarding2026", "too common"),
        ("  Welcome2025  ", "too common"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    with pytest.raises(PasswordRejected, match=reason):
        check_password(password)


def test_a_password_may_not_be_the_email_or_the_board():
    with pytest.raises(PasswordRejected, match="email address or the board"):
        check_password("rhian.jones99", email="rhian.jones@board.example")
    with pytest.raises(PasswordRejected, match="email address or the board"):
        check_password("NorthmoorBoard!", context=("northmoorboard",))


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "marmalade-lighthouse-tuesday",
        "Fenwick owl 7 kettles",
        "ثلاث كلمات عشوائية",
    ],
)
def test_long_passphrases_are_accepted_without_composition_rules(password):
    check_password(password)


def test_the_deny_list_is_a_file_shipped_with_the_code():
    assert len(deny_list()) > 200
    assert "password" in deny_list()


def test_the_cli_refuses_a_common_password_for_a_new_account(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create-operator", "op@example.org"], input="Password1234!\n"
    )
    assert result.exit_code != 0
    assert "too common" in result.output
