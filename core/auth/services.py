"""Accounts, sign-in with throttling and audit, memberships and API tokens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, and_, select

from core import db
from core.audit.services import record
from core.auth.models import Membership, User
from core.auth.passwords import MIN_LENGTH, PasswordRejected, check_password
from core.db import utcnow
from core.ratelimit import limiter
from core.tenancy.models import Tenant

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password-only-for-timing")

ACCOUNT_LIMIT, ACCOUNT_WINDOW = 5, 15 * 60
ADDRESS_LIMIT, ADDRESS_WINDOW = 20, 15 * 60
MIN_PASSWORD_LENGTH = MIN_LENGTH
# Failures in a row that lock an account, and for how long: the throttle above slows a burst; this
# stops slow guessing. The lock lifts by itself, or a board admin lifts it at once.
LOCK_AFTER_FAILURES = 10
LOCK_MINUTES = 30


class AccountError(ValueError):
    """An account could not be created or changed; the message says why."""


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    membership: Membership | None
    throttled_for: int = 0  # seconds; non-zero when too many attempts were made
    locked_minutes: int = 0  # non-zero when the account is locked after repeated failures


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str, email: str = "", context: tuple[str, ...] = ()) -> None:
    try:
        check_password(password, email=email, context=context)
    except PasswordRejected as exc:
        raise AccountError(str(exc)) from None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_or_create_user(
    email: str, password: str | None, *, name: str = "", context: tuple[str, ...] = ()
) -> tuple[User, bool]:
    """The account for `email`, created with `password` (checked by the password rules, with the
    board's name and slug as `context`) if there is none. An existing account's password is never
    changed here: the `bool` says whether the account was created."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("That is not an email address.")
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    if password is None:
        raise AccountError("A new account needs a password.")
    check_password_strength(password, email, context)
    user = User(email=email, name=name, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user, True


def holds_a_role() -> ColumnElement[bool]:
    """A membership that is a role held now: active, and not an invitation still waiting."""
    return and_(Membership.active.is_(True), Membership.pending.is_(False))


def membership_for(user_id: int) -> Membership | None:
    """The user's active membership in the tenant the session is scoped to (an invitation not yet
    accepted is not one)."""
    return db.session.scalar(
        select(Membership).where(Membership.user_id == user_id, holds_a_role())
    )


def membership_or_invitation(user_id: int) -> Membership | None:
    """What lets a person sign in here: an active membership, or an invitation they may accept."""
    return db.session.scalar(
        select(Membership)
        .where(Membership.user_id == user_id, Membership.active.is_(True))
        .order_by(Membership.pending)
    )


def sign_in(tenant: Tenant | None, email: str, password: str, address: str) -> SignInResult:
    """Check a password for `tenant` (None: the operator's console), throttled per account and per
    address, locked after repeated failures, audited. Success here is only the first factor: the
    caller finishes with `complete_sign_in` once any second factor is checked."""
    email = normalise_email(email)
    tenant_id = tenant.id if tenant is not None else None
    account_key, address_key = f"login:acct:{email}", f"login:addr:{address}"
    rl = limiter()
    for key, limit, window in (
        (account_key, ACCOUNT_LIMIT, ACCOUNT_WINDOW),
        (address_key, ADDRESS_LIMIT, ADDRESS_WINDOW),
    ):
        verdict = rl.peek(key, limit, window)
        if not verdict.allowed:
            record("auth.sign_in_throttled", email, {"key": key.split(":")[1]}, tenant_id=tenant_id)
            return SignInResult(None, None, throttled_for=verdict.retry_after)

    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None and (minutes := locked_for(user)):
        record("auth.sign_in_locked", email, {}, tenant_id=tenant_id, actor=user)
        return SignInResult(None, None, locked_minutes=minutes)
    ok = _verify(user.password_hash if user else _DUMMY_HASH, password)
    if tenant is None:
        allowed = ok and user is not None and user.platform_operator
        membership = None
    else:
        membership = membership_or_invitation(user.id) if (ok and user is not None) else None
        allowed = membership is not None
    if user is None or not ok or not user.active or not allowed:
        rl.hit(account_key, ACCOUNT_LIMIT, ACCOUNT_WINDOW)
        rl.hit(address_key, ADDRESS_LIMIT, ADDRESS_WINDOW)
        if user is not None:
            register_failure(user, tenant_id)
        record("auth.sign_in_failed", email, {}, tenant_id=tenant_id, actor=user)
        return SignInResult(None, None)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return SignInResult(user, membership)


def locked_for(user: User) -> int:
    """Minutes until `user`'s lock lifts (0: not locked). An expired lock is cleared here."""
    if user.locked_until is None:
        return 0
    until = user.locked_until
    if until.tzinfo is None:  # SQLite hands back what was just written without its zone
        until = until.replace(tzinfo=dt.UTC)
    remaining = (until - utcnow()).total_seconds()
    if remaining <= 0:
        user.locked_until = None
        user.failed_logins = 0
        return 0
    return max(1, int(remaining + 59) // 60)


def register_failure(user: User, tenant_id: int | None) -> None:
    """Count a failed password or code; lock the account once there are too many in a row."""
    user.failed_logins += 1
    if user.failed_logins >= LOCK_AFTER_FAILURES and user.locked_until is None:
        user.locked_until = utcnow() + dt.timedelta(minutes=LOCK_MINUTES)
        record(
            "auth.account_locked",
            user.email,
            {"failures": user.failed_logins, "minutes": LOCK_MINUTES},
            tenant_id=tenant_id,
            actor=user,
        )


def unlock(user: User) -> None:
    """Lift a lock at once (a board admin's or the operator's way back for a locked-out person)."""
    user.locked_until = None
    user.failed_logins = 0
    limiter().reset(f"login:acct:{user.email}", ACCOUNT_LIMIT, ACCOUNT_WINDOW)


def complete_sign_in(
    tenant: Tenant | None, user: User, membership: Membership | None, *, second_factor: bool
) -> None:
    """Both factors are checked: reset the counters and audit the sign-in."""
    limiter().reset(f"login:acct:{user.email}", ACCOUNT_LIMIT, ACCOUNT_WINDOW)
    user.failed_logins = 0
    user.last_login_at = utcnow()
    details: dict[str, object] = {"two_factor": second_factor}
    if membership is not None:
        details["role"] = membership.role
    record(
        "auth.signed_in" if tenant is not None else "platform.signed_in",
        user.email,
        details,
        tenant_id=tenant.id if tenant is not None else None,
        actor=user,
    )


def check_user_password(user: User, password: str) -> bool:
    """Re-authentication: the signed-in user's password, refused while the account is locked."""
    if locked_for(user):
        return False
    return _verify(user.password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
