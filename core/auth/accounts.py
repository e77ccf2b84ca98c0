"""Who may act on an account, and joining a board.

Accounts are global; memberships belong to one board. A board admin manages the board's own
memberships (role, deactivation, two-factor required). Security actions on the account itself —
resetting two-factor, unlocking, the password — belong to the person, to the platform operator, or
to a board admin only where that board is the account's only board. Someone who already has an
account joins another board by accepting an invitation while signed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from core import db
from core.audit.services import record
from core.auth import mail, sessions, twofactor
from core.auth.models import ROLES, Membership, User
from core.auth.services import (
    AccountError,
    check_password_strength,
    check_user_password,
    hash_password,
    unlock,
)
from core.tenancy.models import Tenant


@dataclass(frozen=True)
class Authority:
    """On whose authority an account is changed: the person, the operator, or a board's admin."""

    actor: User
    board: Tenant | None = None  # set for a board admin acting from that board

    @classmethod
    def operator(cls, actor: User) -> Authority:
        if not actor.platform_operator:
            raise AccountError("Only the platform operator may do that.")
        return cls(actor)


def other_boards(user: User, board: Tenant | None) -> int:
    """How many boards besides `board` the account has joined (invitations not yet accepted do not
    count: until then the account is not theirs)."""
    with db.all_tenants():
        query = select(func.count(Membership.id)).where(
            Membership.user_id == user.id, Membership.pending.is_(False)
        )
        if board is not None:
            query = query.where(Membership.tenant_id != board.id)
        return int(db.session.scalar(query) or 0)


def may_secure(authority: Authority, user: User) -> bool:
    """Whether `authority` may reset two-factor, unlock or set a password on `user`'s account."""
    if authority.actor.id == user.id:
        return True
    if authority.board is None:
        return authority.actor.platform_operator
    if user.platform_operator:
        return False
    return other_boards(user, authority.board) == 0


def _check(authority: Authority, user: User) -> None:
    if not may_secure(authority, user):
        raise AccountError(
            "This account also belongs to another board, so only the person or the platform "
            "operator can do that."
        )


def _audit(action: str, authority: Authority, user: User) -> None:
    by = "self" if authority.actor.id == user.id else ("board" if authority.board else "operator")
    tenant_id = authority.board.id if authority.board is not None else None
    if tenant_id is None:
        with db.all_tenants():
            record(action, user.email, {"by": by}, tenant_id=None, actor=authority.actor)
    else:
        record(action, user.email, {"by": by}, tenant_id=tenant_id, actor=authority.actor)


def reset_two_factor(authority: Authority, user: User) -> None:
    """Forget the account's authenticator: the person enrols a new one at their next sign-in."""
    _check(authority, user)
    twofactor.reset(user)
    _audit("account.two_factor_reset", authority, user)


def unlock_account(authority: Authority, user: User) -> None:
    """Lift a lock-out at once."""
    _check(authority, user)
    unlock(user)
    _audit("account.unlocked", authority, user)


def change_password(user: User, current: str, new: str, *, context: tuple[str, ...] = ()) -> None:
    """The person sets their own password, proving the current one. Every other session of the
    account ends; the one making the change goes on."""
    if not check_user_password(user, current):
        raise AccountError("Your current password is not right.")
    if new == current:
        raise AccountError("Choose a new password, not the one you have now.")
    check_password_strength(new, user.email, context)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    ended = sessions.end_all(user.id, "password_changed", keep_current=True)
    record("account.password_changed", user.email, {"sessions_ended": ended}, actor=user)


def find_account(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


# -- joining a board -------------------------------------------------------------------------------


def invite(tenant: Tenant, user: User, role: str, *, require_two_factor: bool) -> Membership:
    """Ask someone who already has an account to join `tenant` (scoped to it); no role until accepted."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    membership = Membership(
        tenant_id=tenant.id,
        user_id=user.id,
        role=role,
        require_two_factor=require_two_factor,
        pending=True,
    )
    db.session.add(membership)
    db.session.flush()
    record("membership.invited", user.email, {"role": role}, tenant_id=tenant.id)
    mail.send(
        user.email,
        f"You are invited to join {tenant.name} on Candour",
        f"{tenant.name} has invited you to join its staff on Candour.\n\n"
        "To accept or decline, sign in at the board's staff sign-in page with your usual email "
        "address and password:\n\n"
        f"{mail.absolute_url('auth.login', tenant=tenant.slug)}\n\n"
        "If you did not expect this, you can ignore this message: nothing changes until you accept.",
    )
    return membership


def invitation_for(user_id: int) -> Membership | None:
    """The user's invitation to the board the session is scoped to, if they have one."""
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user_id,
            Membership.pending.is_(True),
            Membership.active.is_(True),
        )
    )


def accept(user: User, membership: Membership) -> None:
    if membership.user_id != user.id or not membership.pending:
        raise AccountError("There is no invitation to accept.")
    membership.pending = False
    record("membership.accepted", user.email, {"role": membership.role}, actor=user)


def decline(user: User, membership: Membership) -> None:
    if membership.user_id != user.id or not membership.pending:
        raise AccountError("There is no invitation to decline.")
    record("membership.declined", user.email, {"role": membership.role}, actor=user)
    db.session.delete(membership)
