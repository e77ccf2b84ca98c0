"""TOTP two-factor authentication (RFC 6238): secrets, enrolment QR codes, and code checks that
refuse a code already used."""

from __future__ import annotations

import base64
import hmac
import time

import pyotp
import segno

from core.auth import recovery
from core.auth.models import User
from core.db import utcnow

ISSUER = "Candour"
STEP = 30
DRIFT_STEPS = 1  # accept the code before and after the current one (clocks on phones drift)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret, interval=STEP).provisioning_uri(name=email, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The provisioning URI as an SVG QR code in a data: URI (the CSP allows data: images)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=2, dark="#0b0c0c", light="#ffffff", omitsize=False
    )
    if "xmlns=" not in svg[:200]:  # an <img> needs the namespace; inline SVG in HTML does not
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _clean(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def matching_step(
    secret: str, code: str, *, after: int = 0, now: float | None = None
) -> int | None:
    """The time step `code` is valid for (within the allowed drift and later than `after`), or None."""
    code = _clean(code)
    if len(code) != 6 or not secret:
        return None
    totp = pyotp.TOTP(secret, interval=STEP)
    current = int((time.time() if now is None else now) // STEP)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step > after and hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def verify(user: User, code: str) -> bool:
    """Check a code against the user's confirmed secret; a used code (or an older one) is refused."""
    step = matching_step(user.totp_secret, code, after=user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    return True


def enrol(user: User, secret: str, code: str) -> bool:
    """Confirm a new secret with a code from the app; only then does it replace the old one."""
    step = matching_step(secret, code)
    if step is None:
        return False
    user.totp_secret = secret
    user.totp_confirmed_at = utcnow()
    user.totp_last_step = step
    return True


def reset(user: User) -> None:
    """Forget the user's second factor: they enrol again at their next sign-in."""
    user.totp_secret = ""
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    recovery.forget(user)
