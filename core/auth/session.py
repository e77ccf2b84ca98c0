"""What a signed-in session may do and for how long: the idle timeout and absolute lifetime (kept
on the server, `core.auth.sessions`), recent re-authentication before sensitive actions, and who
must use a second factor.

The cookie keeps `auth_at` (the last time the person proved who they are; sensitive actions want it
recent) beside the key of the server-side session.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, request, session
from flask_login import logout_user

from core import crypto
from core.auth import sessions
from core.auth.models import Membership, User

IDLE_MINUTES = 30
RECOVERY_CODES_KEY = "recovery_codes"  # new codes, encrypted, until the next page shows them
REAUTH_MINUTES = 10
PENDING_SECONDS = 10 * 60  # how long a password stays good while the second factor is asked for


def _now() -> float:
    return sessions.now()


def idle_minutes() -> int:
    return int(current_app.config.get("IDLE_TIMEOUT_MINUTES", IDLE_MINUTES))


# Board admins manage accounts and settings; review managers read families' messages and reveal
# children's identifiers: both sign in with a second factor. A board may require it of everyone.
DEFAULT_TWO_FACTOR_ROLES = ("board_admin", "review_manager")


def two_factor_roles() -> tuple[str, ...]:
    return tuple(current_app.config.get("TWO_FACTOR_ROLES", DEFAULT_TWO_FACTOR_ROLES))


def needs_second_factor(user: User, membership: Membership | None, tenant: Any) -> bool:
    """Whether this sign-in must pass a TOTP code: always for operators and enrolled users, for the
    roles the platform requires it of, and for everyone in a board (or a person) that requires it."""
    if user.has_two_factor or membership is None:
        return True  # the operator's console (no membership) always asks
    return bool(
        membership.role in two_factor_roles()
        or membership.require_two_factor
        or getattr(tenant, "require_two_factor", False)
    )


def start_session(user_id: int, *, tenant_id: int | None) -> None:
    """After both factors: a fresh session, bound to one board or to the operator's console."""
    session.clear()
    sessions.begin(user_id, tenant_id)
    session["auth_at"] = _now()
    if tenant_id is None:
        session["operator"] = True
    else:
        session["tenant_id"] = tenant_id


def in_operator_session() -> bool:
    """Whether this session is an operator's, on the console (not one bound to a board)."""
    return bool(session.get("operator"))


def mark_reauthenticated() -> None:
    session["auth_at"] = _now()


def recently_authenticated() -> bool:
    minutes = int(current_app.config.get("REAUTH_MINUTES", REAUTH_MINUTES))
    return _now() - float(session.get("auth_at", 0)) <= minutes * 60


# -- a sign-in waiting for its second factor -----------------------------------------------------


def hold_pending(user_id: int, tenant_id: int | None, next_url: str) -> None:
    session.clear()
    session["pending"] = {"uid": user_id, "tid": tenant_id, "next": next_url, "at": _now()}


def pending(tenant_id: int | None) -> dict[str, Any] | None:
    """The sign-in waiting for a second factor at this board (or console), if still fresh."""
    held = session.get("pending")
    if not isinstance(held, dict) or held.get("tid") != tenant_id:
        return None
    if _now() - float(held.get("at", 0)) > PENDING_SECONDS:
        session.pop("pending", None)
        return None
    return held


def has_session_cookie() -> bool:
    """A visitor with no session cookie is a family reading the pages: nobody to load."""
    return bool(request.cookies.get(current_app.config.get("SESSION_COOKIE_NAME", "session")))


# -- sessions that have ended ---------------------------------------------------------------------


def end_signed_in_session(reason: str) -> None:
    """Sign out of this browser: end the server-side session and forget the cookie's contents."""
    sessions.end_current(reason)
    logout_user()
    session.clear()


def _end_lapsed_sessions() -> None:
    """Before every request with a signed-in cookie: the server-side session must still hold."""
    if not has_session_cookie():
        return
    user_id = session.get("_user_id")
    if user_id is None:
        return
    try:
        reason = sessions.check(int(user_id), idle_minutes())
    except ValueError:
        reason = "ended"
    if reason is None:
        return
    logout_user()
    session.clear()
    if reason == "idle":
        session["ended_idle"] = idle_minutes()
    else:
        session["sign_in_expired"] = True
    g.actor = None
    g.membership = None


def init_app(app: Flask) -> None:
    # Tests of other parts sign in with a password alone; the two-factor tests switch it on.
    default_roles: tuple[str, ...] = () if app.config["ENV"] == "test" else DEFAULT_TWO_FACTOR_ROLES
    app.config.setdefault("TWO_FACTOR_ROLES", default_roles)
    app.config.setdefault("IDLE_TIMEOUT_MINUTES", IDLE_MINUTES)
    app.config.setdefault("REAUTH_MINUTES", REAUTH_MINUTES)
    app.before_request(_end_lapsed_sessions)
    app.jinja_env.globals["recovery_codes_to_show"] = recovery_codes_to_show


def recovery_codes_to_show() -> list[str]:
    """New recovery codes waiting to be shown, taken out of the session: a page shows them once.
    They wait there encrypted (the session is a signed cookie: signed, not secret)."""
    token = session.pop(RECOVERY_CODES_KEY, None)
    return crypto.decrypt(token).split() if token else []
