"""A board's staff: add people (someone who already has an account is invited, and joins once they
accept), set roles, deactivate, require two-factor for a person or the board; unlock and reset
two-factor only where the account belongs to this board alone (`core.auth.accounts`). Nobody can
take away the board's last active `board_admin`.

The one place memberships change: the admin's screens, the `candour users` command, the demo
accounts and the tests' factories all come through here (`grant_role` is the operator's and
provisioning's way: at once, with no invitation)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy import func, select

from core import db
from core.audit.services import record
from core.auth import accounts, readiness, sessions, tokens
from core.auth import services as auth
from core.auth.models import ROLES, Membership, User
from core.field_errors import FieldErrors
from core.tenancy.models import Tenant


class PeopleError(FieldErrors):
    """A change to the board's staff refused."""


def members() -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership).join(User).order_by(Membership.active.desc(), User.email)
        )
    )


def get(membership_id: int) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.id == membership_id))


def _active_admins() -> int:
    return int(
        db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.role == "board_admin", Membership.active.is_(True)
            )
        )
        or 0
    )


def _keep_an_admin(membership: Membership, *, new_role: str | None, active: bool) -> None:
    losing = membership.role == "board_admin" and membership.active
    stays = active and (new_role or membership.role) == "board_admin"
    if losing and not stays and _active_admins() <= 1:
        raise PeopleError(
            {"role": "This is the board's last active board admin. Make someone else a board "
             "admin first."}
        )  # fmt: skip


def grant_role(tenant: Tenant, user: User, role: str) -> Membership:
    """Give `user` `role` in `tenant` (the session must be scoped to it): a new membership, a former
    one made active again, or a new role for a current one — refused if that would leave the board
    without an active board admin."""
    if role not in ROLES:
        raise PeopleError({"role": f"Unknown role {role!r}; choose one of {', '.join(ROLES)}."})
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    if membership is None:
        membership = Membership(tenant_id=tenant.id, user_id=user.id, role=role)
        db.session.add(membership)
    else:
        if membership.active and not membership.pending:
            _keep_an_admin(membership, new_role=role, active=True)
        membership.role = role
        membership.active = True
        membership.pending = False
    record("membership.granted", user.email, {"role": role}, tenant_id=tenant.id)
    if role == "board_admin":
        readiness.publish_if_ready(tenant)
    return membership


def add(
    tenant: Tenant, *, email: str, name: str, role: str, require_two_factor: bool
) -> tuple[Membership, str | None]:
    """Give someone a role here. A new account gets a one-time password, returned to show once;
    someone who already has an account is invited (no password: `None`) and joins on accepting."""
    errors = {}
    email = auth.normalise_email(email)
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        errors["email"] = "Enter an email address like name@example.org"
    if role not in ROLES:
        errors["role"] = "Choose a role"
    if len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if errors:
        raise PeopleError(errors)
    existing_user = db.session.scalar(select(User).where(User.email == email))
    if existing_user is not None:
        current = db.session.scalar(
            select(Membership).where(Membership.user_id == existing_user.id)
        )
        if current is not None and current.pending:
            raise PeopleError({"email": f"{email} has already been invited to this board."})
        if current is not None and current.active:
            raise PeopleError({"email": f"{email} already has a role here ({current.role})."})
        if current is None:
            invited = accounts.invite(
                tenant, existing_user, role, require_two_factor=require_two_factor
            )
            record("people.invited", email, {"role": role})
            return invited, None
    password = None
    if existing_user is None:
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
    try:
        user, created = auth.get_or_create_user(email, password, name=name.strip())
    except auth.AccountError as exc:
        raise PeopleError({"email": str(exc)}) from None
    if created:
        user.must_change_password = True
    membership = grant_role(tenant, user, role)
    membership.require_two_factor = require_two_factor
    record(
        "people.added",
        email,
        {
            "role": role,
            "require_two_factor": require_two_factor,
            "new_account": password is not None,
        },
    )
    return membership, password


def set_role(membership: Membership, role: str) -> None:
    if role not in ROLES:
        raise PeopleError({"role": "Choose a role"})
    if role == membership.role:
        return
    _keep_an_admin(membership, new_role=role, active=membership.active)
    record("people.role_changed", membership.user.email, {"from": membership.role, "to": role})
    membership.role = role


def set_active(membership: Membership, active: bool) -> None:
    if active == membership.active:
        return
    _keep_an_admin(membership, new_role=None, active=active)
    membership.active = active
    if not active:
        # For good: reactivation gives the role back, not these sessions or tokens.
        sessions.end_all(membership.user_id, "deactivated", tenant_id=membership.tenant_id)
        tokens.revoke_all_for(membership.user_id, reason="deactivated")
    record("people.reactivated" if active else "people.deactivated", membership.user.email, {})


def set_require_two_factor(membership: Membership, required: bool) -> None:
    membership.require_two_factor = required
    record("people.two_factor_required", membership.user.email, {"required": required})


def may_secure(admin: User, tenant: Tenant, membership: Membership) -> bool:
    """Whether this board's admin may unlock or reset two-factor on the member's account."""
    return accounts.may_secure(accounts.Authority(admin, tenant), membership.user)


def unlock(admin: User, tenant: Tenant, membership: Membership) -> None:
    _secure(accounts.unlock_account, "people.unlocked", admin, tenant, membership)


def reset_two_factor(admin: User, tenant: Tenant, membership: Membership) -> None:
    _secure(accounts.reset_two_factor, "people.two_factor_reset", admin, tenant, membership)


def _secure(
    change: Callable[[accounts.Authority, User], object],
    action: str,
    admin: User,
    tenant: Tenant,
    membership: Membership,
) -> None:
    """A board admin's change to a member's account (`change`, on the board's authority), audited
    as `action`; the account's refusal is the page's."""
    try:
        change(accounts.Authority(admin, tenant), membership.user)
    except auth.AccountError as exc:
        raise PeopleError({"account": str(exc)}) from None
    record(action, membership.user.email, {})


def require_two_factor_for_board(tenant: Tenant, required: bool) -> None:
    tenant.require_two_factor = required
    record("board.two_factor_required", tenant.slug, {"required": required})


def locked(user: User) -> bool:
    return bool(user.locked_until and auth.locked_for(user))


def review_managers(tenant: Tenant) -> list[User]:
    """Who hears of what needs doing on a board (a family's message, a finished check, a refused
    publication): its active review managers, or its board admins if it has none."""
    for roles in (("review_manager",), ("board_admin",)):
        users = list(
            db.session.scalars(
                select(User)
                .join(Membership, Membership.user_id == User.id)
                .where(
                    # Named outright: the scoping hook filters the query's own entity (User),
                    # not a table joined to it.
                    Membership.tenant_id == tenant.id,
                    Membership.role.in_(roles),
                    Membership.active.is_(True),
                )
                .order_by(User.id)
            )
        )
        if users:
            return users
    return []
