"""Forgotten passwords: a link by mail that works once and for an hour. Asking never says whether
an account exists; the link stops working as soon as the password changes (it is signed over a
fingerprint of the password hash), and using it ends every session of the account."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth import mail, sessions
from core.auth.models import User
from core.auth.services import (
    AccountError,
    check_password_strength,
    hash_password,
    membership_for,
    normalise_email,
    unlock,
)
from core.ratelimit import limiter
from core.tenancy.models import Tenant

LINK_SECONDS = 60 * 60
ASK_LIMIT, ASK_WINDOW = 3, 60 * 60  # links per account per hour


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="candour.password-reset")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:20]


def ask(tenant: Tenant, email: str) -> None:
    """Send a reset link if `email` is a staff account of `tenant` (scoped to it); otherwise do
    nothing. The caller answers the same either way."""
    email = normalise_email(email)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not user.active or membership_for(user.id) is None:
        return
    if not limiter().hit(f"reset:acct:{email}", ASK_LIMIT, ASK_WINDOW).allowed:
        return
    token = _serializer().dumps({"u": user.id, "f": _fingerprint(user)})
    mail.send(
        user.email,
        "Reset your Candour password",
        "Someone asked to reset the password of your Candour account.\n\n"
        "To choose a new password, open this link within an hour. It works once:\n\n"
        f"{mail.absolute_url('auth.reset_password', tenant=tenant.slug, token=token)}\n\n"
        "If it was not you, ignore this message: your password stays as it is.",
    )
    record("account.password_reset_sent", user.email, {}, tenant_id=tenant.id, actor=user)


def holder(token: str) -> User | None:
    """The account a reset link is for, while the link is fresh and unused."""
    try:
        data = _serializer().loads(token, max_age=LINK_SECONDS)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"]) if 0 < data["u"] <= 2**31 - 1 else None
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user


def reset(tenant: Tenant, token: str, new: str) -> User:
    user = holder(token)
    if user is None:
        raise AccountError("This link has expired or has already been used. Ask for a new one.")
    check_password_strength(new, user.email, (tenant.name, tenant.slug))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    unlock(user)
    ended = sessions.end_all(user.id, "password_reset")
    record(
        "account.password_reset", user.email, {"sessions_ended": ended}, tenant_id=tenant.id,
        actor=user,
    )  # fmt: skip
    return user
