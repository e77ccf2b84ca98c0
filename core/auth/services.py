"""Accounts, sign-in with throttling and audit, memberships and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.auth.models import ROLES, ApiToken, Membership, User
from core.db import utcnow
from core.ratelimit import limiter
from core.tenancy.models import Tenant

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password-only-for-timing")

ACCOUNT_LIMIT, ACCOUNT_WINDOW = 5, 15 * 60
ADDRESS_LIMIT, ADDRESS_WINDOW = 20, 15 * 60
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """An account could not be created or changed; the message says why."""


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    membership: Membership | None
    throttled_for: int = 0  # seconds; non-zero when too many attempts were made


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if len(password) > 256:
        raise AccountError("The password must be 256 characters or fewer.")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_or_create_user(email: str, password: str | None, *, name: str = "") -> tuple[User, bool]:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("That is not an email address.")
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    if password is None:
        raise AccountError("A new account needs a password.")
    check_password_strength(password)
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user, True


def grant_role(tenant: Tenant, user: User, role: str) -> Membership:
    """Give `user` `role` in `tenant` (the session must be scoped to that tenant)."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    if membership is None:
        membership = Membership(tenant_id=tenant.id, user_id=user.id, role=role)
        db.session.add(membership)
    else:
        membership.role = role
        membership.active = True
    record("membership.granted", user.email, {"role": role}, tenant_id=tenant.id)
    return membership


def membership_for(user_id: int) -> Membership | None:
    """The user's active membership in the tenant the session is scoped to."""
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, Membership.active.is_(True))
    )


def sign_in(tenant: Tenant, email: str, password: str, address: str) -> SignInResult:
    """Check a sign-in attempt for `tenant`, throttled per account and per address, audited."""
    email = normalise_email(email)
    account_key, address_key = f"login:acct:{email}", f"login:addr:{address}"
    rl = limiter()
    for key, limit, window in (
        (account_key, ACCOUNT_LIMIT, ACCOUNT_WINDOW),
        (address_key, ADDRESS_LIMIT, ADDRESS_WINDOW),
    ):
        verdict = rl.peek(key, limit, window)
        if not verdict.allowed:
            record("auth.sign_in_throttled", email, {"key": key.split(":")[1]}, tenant_id=tenant.id)
            return SignInResult(None, None, throttled_for=verdict.retry_after)

    user = db.session.scalar(select(User).where(User.email == email))
    ok = _verify(user.password_hash if user else _DUMMY_HASH, password)
    membership = membership_for(user.id) if (ok and user is not None) else None
    if user is None or not ok or not user.active or membership is None:
        rl.hit(account_key, ACCOUNT_LIMIT, ACCOUNT_WINDOW)
        rl.hit(address_key, ADDRESS_LIMIT, ADDRESS_WINDOW)
        if user is not None:
            user.failed_logins += 1
        record("auth.sign_in_failed", email, {}, tenant_id=tenant.id, actor=user)
        return SignInResult(None, None)
    rl.reset(account_key)
    user.failed_logins = 0
    user.last_login_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record("auth.signed_in", email, {"role": membership.role}, tenant_id=tenant.id, actor=user)
    return SignInResult(user, membership)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# -- API tokens --------------------------------------------------------------------------------

TOKEN_PREFIX = "cdr_"  # noqa: S105  (a marker, not a secret)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(tenant: Tenant, user: User, name: str = "") -> str:
    """Create an API token for `user` in `tenant`; the plain token is returned once, never stored."""
    if membership_for(user.id) is None:
        raise AccountError(f"{user.email} has no role in {tenant.slug}.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            tenant_id=tenant.id,
            user_id=user.id,
            name=name,
            prefix=token[:12],
            token_hash=_token_hash(token),
        )
    )
    record("token.created", user.email, {"prefix": token[:12]}, tenant_id=tenant.id)
    return token


def find_token(token: str) -> ApiToken | None:
    """Look a presented token up across tenants (the caller then scopes to the token's tenant)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with db.all_tenants():
        found = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if found is None or found.revoked_at is not None:
        return None
    return found
