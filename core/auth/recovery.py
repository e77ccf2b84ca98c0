"""Two-factor recovery codes: made at enrolment (and again on request, re-authenticated), shown
once, kept only as hashes, each good for one sign-in in place of the authenticator's code.

A code carries 80 random bits, so a plain SHA-256 of it cannot be reversed by trying codes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import delete, func, select

from core import db
from core.audit.services import record
from core.auth.models import RecoveryCode, User
from core.db import utcnow

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt
GROUPS, GROUP_LENGTH = 4, 4
PATTERN = r"^\s*[A-Za-z0-9]{4}(\s*-?\s*[A-Za-z0-9]{4}){3}\s*$"


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "ignore")).hexdigest()


def _new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def issue(user: User, *, tenant_id: int | None) -> list[str]:
    """Replace the person's recovery codes with new ones; the plain codes are returned this once."""
    forget(user)
    codes = [_new_code() for _ in range(COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    record(
        "auth.recovery_codes_issued", user.email, {"count": COUNT}, tenant_id=tenant_id, actor=user
    )
    return codes


def use(user: User, code: str, *, tenant_id: int | None) -> bool:
    """Sign-in with a recovery code: true (and the code spent) if it is one of the person's unused
    codes."""
    if len(_normalise(code)) != GROUPS * GROUP_LENGTH:
        return False
    wanted = _hash(code)
    for row in db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ):
        if hmac.compare_digest(row.code_hash, wanted):
            row.used_at = utcnow()
            record(
                "auth.recovery_code_used",
                user.email,
                {"remaining": remaining(user)},
                tenant_id=tenant_id,
                actor=user,
            )
            return True
    return False


def remaining(user: User) -> int:
    return int(
        db.session.scalar(
            select(func.count(RecoveryCode.id)).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )


def forget(user: User) -> None:
    """The person's codes stop working (new codes are made, or their second factor was reset)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
