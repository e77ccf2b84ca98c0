"""Staff sessions kept on the server. The signed cookie carries only a random key; the row it
points at says whose session it is, when it started and was last used, and whether it has ended.
Ending the row ends the session for every copy of the cookie, so sign-out, a password change,
deactivation and "sign out everywhere" take effect at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from flask import current_app, g, request, session
from sqlalchemy import Select, String, bindparam, select, update

from core import db
from core.auth.models import Membership, StaffSession, User
from core.auth.services import holds_a_role

KEY = "sid"
LIFETIME_HOURS = 12
TOUCH_SECONDS = 60  # last use is written at most once a minute


def now() -> float:
    """The clock sessions run on (tests freeze it here)."""
    return time.time()


def _at(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def lifetime_hours() -> float:
    return float(current_app.config.get("SESSION_LIFETIME_HOURS") or LIFETIME_HOURS)


def begin(user_id: int, tenant_id: int | None) -> None:
    """Open a session row for a sign-in that has passed every factor; its key goes in the cookie."""
    key = secrets.token_urlsafe(32)
    started = _at(now())
    row = StaffSession(
        key_hash=_hash(key),
        user_id=user_id,
        tenant_id=tenant_id,
        started_at=started,
        seen_at=started,
        user_agent=(request.headers.get("User-Agent") or "")[:300],
    )
    with db.all_tenants():
        db.session.add(row)
        db.session.flush()
    session[KEY] = key
    g.staff_session = row
    g.pop("session_holder", None)


@dataclass(frozen=True)
class Holder:
    """Whose the session is, read with it: the person (None if no longer active) and, when the
    session is signed in to the board of this request (`board_id`), their role there."""

    user: User | None
    membership: Membership | None
    board_id: int | None


def current() -> StaffSession | None:
    """The row the cookie points at, if it has not ended. Read with it in the same statement: its
    holder (`holder()`), which the sign-in's user loader and the request's role then take."""
    if "staff_session" in g:
        return cast(StaffSession | None, g.staff_session)
    key = session.get(KEY)
    row = None
    if isinstance(key, str) and key:
        board = signed_in_board()
        found = db.session.execute(_holding(board is not None), {"key_hash": _hash(key)}).first()
        if found is not None:
            row, user, *membership = found
            g.session_holder = Holder(user, membership[0] if membership else None, board)
        if row is not None and row.ended_at is not None:
            row = None
    g.staff_session = row
    return row


def signed_in_board() -> int | None:
    """This request's board, if the session was signed in at it (elsewhere it holds no role)."""
    tenant = g.get("tenant")
    return (
        cast(int, tenant.id)
        if tenant is not None and session.get("tenant_id") == tenant.id
        else None
    )


def holder() -> Holder | None:
    """The person and role read with this request's session, if `current()` read it."""
    return cast(Holder | None, g.get("session_holder"))


@lru_cache(maxsize=2)
def _holding(with_role: bool) -> Select[Any]:
    """The session by its key's hash, its person if still active, and (`with_role`) the role they
    hold at the board in scope (outer joins: the session's row is read whatever else is found;
    the board's criteria bind in the membership's join)."""
    query: Any = select(StaffSession, User).outerjoin(
        User, (User.id == StaffSession.user_id) & User.active.is_(True)
    )
    if with_role:
        query = query.add_columns(Membership).outerjoin(
            Membership, (Membership.user_id == User.id) & holds_a_role()
        )
    return query.where(StaffSession.key_hash == bindparam("key_hash", type_=String))


def check(user_id: int, idle_minutes: int) -> str | None:
    """Why the cookie's session no longer holds (`ended`, `idle`, `expired`), or None if it does."""
    row = current()
    if row is None or row.user_id != user_id:
        return "ended"
    moment = now()
    if moment - _aware(row.started_at).timestamp() > lifetime_hours() * 3600:
        _end(row, "expired")
        return "expired"
    seen = _aware(row.seen_at).timestamp()
    if moment - seen > idle_minutes * 60:
        _end(row, "idle")
        return "idle"
    if moment - seen > TOUCH_SECONDS:
        row.seen_at = _at(moment)
        db.session.commit()
    return None


def _end(row: StaffSession, reason: str) -> None:
    row.ended_at = _at(now())
    row.end_reason = reason
    db.session.commit()
    g.staff_session = None
    g.pop("session_holder", None)


def end_current(reason: str) -> None:
    """End this request's session (signing out); the caller commits."""
    row = current()
    if row is not None:
        row.ended_at = _at(now())
        row.end_reason = reason
    g.staff_session = None
    g.pop("session_holder", None)


def end_all(
    user_id: int, reason: str, *, tenant_id: int | None = None, keep_current: bool = False
) -> int:
    """End every open session of a person (only those at `tenant_id`, if given); the caller commits.
    Returns how many were ended."""
    query = update(StaffSession).where(
        StaffSession.user_id == user_id, StaffSession.ended_at.is_(None)
    )
    if tenant_id is not None:
        query = query.where(StaffSession.tenant_id == tenant_id)
    if keep_current and (row := current()) is not None:
        query = query.where(StaffSession.id != row.id)
    result = db.session.execute(
        query.values(ended_at=_at(now()), end_reason=reason).execution_options(
            synchronize_session=False
        )
    )
    if not keep_current:
        g.staff_session = None
        g.pop("session_holder", None)
    return int(getattr(result, "rowcount", 0) or 0)


def open_sessions(user_id: int, idle_minutes: int) -> list[StaffSession]:
    """A person's sessions that have not ended, newest first (lapsed ones are left out)."""
    moment = now()
    rows = db.session.scalars(
        select(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
        .order_by(StaffSession.started_at.desc())
    )
    limit = lifetime_hours() * 3600
    return [
        r
        for r in rows
        if moment - _aware(r.started_at).timestamp() <= limit
        and moment - _aware(r.seen_at).timestamp() <= idle_minutes * 60
    ]
