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
from typing import cast

from flask import current_app, g, request, session
from sqlalchemy import select, update

from core import db
from core.auth.models import StaffSession

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


def current() -> StaffSession | None:
    """The row the cookie points at, if it has not ended."""
    if "staff_session" in g:
        return cast(StaffSession | None, g.staff_session)
    key = session.get(KEY)
    row = None
    if isinstance(key, str) and key:
        row = db.session.scalar(select(StaffSession).where(StaffSession.key_hash == _hash(key)))
        if row is not None and row.ended_at is not None:
            row = None
    g.staff_session = row
    return row


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


def end_current(reason: str) -> None:
    """End this request's session (signing out); the caller commits."""
    row = current()
    if row is not None:
        row.ended_at = _at(now())
        row.end_reason = reason
    g.staff_session = None


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
