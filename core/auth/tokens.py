"""API tokens: a name, an expiry (90 days unless asked otherwise), when each was last used, listing
and revocation. A token works only while its person holds an active role in its board; deactivating
the membership revokes the person's tokens there for good. Only a token's hash is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Select, and_, bindparam, select

from core import db
from core.audit.services import record
from core.auth.models import ApiToken, Membership, User
from core.auth.services import AccountError, holds_a_role, membership_for
from core.db import utcnow
from core.tenancy.models import Tenant

TOKEN_PREFIX = "cdr_"  # noqa: S105  (a marker, not a secret)
DEFAULT_DAYS = 90
MAX_DAYS = 366
TOUCH_SECONDS = 60  # last use is written at most once a minute


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def expires(token: ApiToken) -> dt.datetime:
    """When `token` stops working (tokens made before expiry existed: 90 days after creation)."""
    if token.expires_at is not None:
        return _aware(token.expires_at)
    return _aware(token.created_at) + dt.timedelta(days=DEFAULT_DAYS)


def create_token(tenant: Tenant, user: User, name: str = "", *, days: int = DEFAULT_DAYS) -> str:
    """Create an API token for `user` in `tenant` (scoped to it); the plain token is returned once."""
    if membership_for(user.id) is None:
        raise AccountError(f"{user.email} has no role in {tenant.slug}.")
    name = name.strip()
    if len(name) > 100:
        raise AccountError("The name must be 100 characters or fewer.")
    if not 1 <= days <= MAX_DAYS:
        raise AccountError(f"A token lasts from 1 to {MAX_DAYS} days.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            tenant_id=tenant.id,
            user_id=user.id,
            name=name,
            prefix=token[:12],
            token_hash=_token_hash(token),
            expires_at=utcnow() + dt.timedelta(days=days),
        )
    )
    record("token.created", user.email, {"prefix": token[:12], "days": days}, tenant_id=tenant.id)
    return token


class TokenHolder(NamedTuple):
    """A presented token with its board, its person, and that person's active role in the board
    (None if they have none there now)."""

    token: ApiToken
    tenant: Tenant
    user: User
    membership: Membership | None


def find_token(token: str) -> TokenHolder | None:
    """Look a presented token up across boards, with its board, person and role, in one statement;
    a revoked or expired token is not found. The session is then scoped to the token's board if it
    is active (to none otherwise): one change of scope, not a lift, a restore and a second."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    session = db.session
    db.lift_tenant_scope(session)
    found = None
    try:
        row = session.execute(_holder(), {"token_hash": _token_hash(token)}).first()
        if row is not None:
            presented, tenant, user, membership = row
            if presented.revoked_at is None and expires(presented) > utcnow():
                found = TokenHolder(presented, tenant, user, membership)
    finally:
        db.set_tenant_scope(session, found.tenant.id if found and found.tenant.is_active else None)
    return found


@lru_cache(maxsize=1)
def _holder() -> Select[ApiToken, Tenant, User, Membership]:
    # Built once; run across boards, so the role is joined on the token's own board by hand.
    role = and_(
        Membership.tenant_id == ApiToken.tenant_id,
        Membership.user_id == ApiToken.user_id,
        holds_a_role(),
    )
    return (
        select(ApiToken, Tenant, User, Membership)
        .join(Tenant, Tenant.id == ApiToken.tenant_id)
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(Membership, role)
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


def mark_used(token: ApiToken) -> None:
    now = utcnow()
    if (
        token.last_used_at is None
        or (now - _aware(token.last_used_at)).total_seconds() > TOUCH_SECONDS
    ):
        token.last_used_at = now


def tokens(user: User | None = None) -> list[ApiToken]:
    """Tokens of the board in scope that still work (one person's, if `user` is given), newest first."""
    query = select(ApiToken).where(ApiToken.revoked_at.is_(None)).order_by(ApiToken.id.desc())
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    now = utcnow()
    return [t for t in db.session.scalars(query) if expires(t) > now]


def get(token_id: int) -> ApiToken | None:
    """One token of the board in scope, by id."""
    return db.session.scalar(select(ApiToken).where(ApiToken.id == token_id))


def revoke(token: ApiToken, *, reason: str = "revoked") -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record("token.revoked", token.user.email, {"prefix": token.prefix, "reason": reason})


def revoke_all_for(user_id: int, *, reason: str) -> int:
    """Revoke every working token of a person in the board in scope (their role there ended)."""
    found = list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        )
    )
    for token in found:
        revoke(token, reason=reason)
    return len(found)
