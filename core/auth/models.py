"""Users, memberships (a role in one board) and API tokens."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.crypto import EncryptedText
from core.db import Base, TenantOwned, created_at, intpk
from core.tenancy.changes import quiet

ROLES = ("board_admin", "review_manager", "reviewer")
# Each role a person may be given at a board, as staff read it (staff screens are English).
ROLE_LABELS = {
    "board_admin": "Board admin",
    "review_manager": "Review manager",
    "reviewer": "Reviewer",
}
# Every role a person may hold at a board, as shown; an agency contributor is invited to one review
# by a request (not given the role here), so it is shown but not offered.
SHOWN_ROLE_LABELS = {**ROLE_LABELS, "agency_contributor": "Agency contributor"}


class User(Base):
    """A person who signs in. Global: the same person may hold roles in several boards."""

    __tablename__ = "users"

    id: Mapped[intpk]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    platform_operator: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    # Repeated failures lock the account until this time (or until a board admin unlocks it).
    locked_until: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    # TOTP two-factor: the shared secret (encrypted at rest), when it was confirmed, and the last
    # time step accepted so a code cannot be replayed.
    totp_secret: Mapped[str] = mapped_column(EncryptedText(), default="")
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)
    # Set when someone else chose the password (a one-time password): changed at first sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created_at]

    @property
    def has_two_factor(self) -> bool:
        return self.totp_confirmed_at is not None and bool(self.totp_secret)

    # Flask-Login's user interface.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(TenantOwned, Base):
    """A user's role in one board."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id", name="uq_memberships_tenant_user"),)

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A board admin may require two-factor for one person even where the board does not.
    require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False)
    # An invitation to someone who already has an account: it gives no role until the person accepts
    # it while signed in, so one board cannot take another board's people without their consent.
    pending: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created_at]

    user: Mapped[User] = relationship()


@quiet
class ApiToken(TenantOwned, Base):
    """A bearer token for the JSON API, scoped to one board and one user. Only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    expires_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)

    user: Mapped[User] = relationship()


class StaffSession(Base):
    """One signed-in session, kept on the server: the cookie holds only a random key whose hash is
    `key_hash`, so ending the row (sign-out, password change, deactivation, "sign out everywhere")
    ends the session wherever its cookie has been copied to. Global: a person's sessions at every
    board end together."""

    __tablename__ = "staff_sessions"

    id: Mapped[intpk]
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The board the session was signed in at; None for the operator's console.
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), nullable=True
    )
    started_at: Mapped[dt.datetime] = mapped_column()
    seen_at: Mapped[dt.datetime] = mapped_column()
    ended_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    end_reason: Mapped[str] = mapped_column(String(32), default="")
    # The browser, so a person can tell their sessions apart (encrypted: it can identify a device).
    user_agent: Mapped[str] = mapped_column(EncryptedText(), default="")


class RecoveryCode(Base):
    """A single-use code that stands in for the authenticator app when the phone is lost. Only its
    hash is kept; the person is shown the codes once, when they are made. Global, like the account."""

    __tablename__ = "recovery_codes"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[created_at]
