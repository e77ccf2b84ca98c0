"""The steps of signing in after the password, shared by a board's sign-in and the operator's: the
password (throttled, audited), the second factor (checked, or enrolled on first sign-in where it is
required), then a fresh session and the way on to `next`."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from babel.support import LazyProxy
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_user

from core import crypto, db
from core.audit.services import record
from core.auth import recovery, services, twofactor
from core.auth.forms import LoginForm, TwoFactorForm
from core.auth.models import Membership, User
from core.auth.session import (
    RECOVERY_CODES_KEY,
    hold_pending,
    idle_minutes,
    needs_second_factor,
    pending,
    start_session,
)
from core.i18n import gettext as _
from core.i18n import ngettext


def _tenant_id(tenant: Any) -> int | None:
    return tenant.id if tenant is not None else None


@dataclass(frozen=True)
class SignInScreen:
    """What one sign-in screen gives the shared flow; all else (the throttling, the lock, the second
    factor by role, the fresh session, the audit) is the same for every screen."""

    pages: str  # the blueprint whose `login`, `two_factor` and `two_factor_setup` these are
    tenant: Any  # the board signed in to; None: the operator's console (operators only)
    home: str  # where to go after signing in when `next` is missing or not safe
    within: str  # a safe `next` is a path on this site that starts with this
    refused: str | LazyProxy  # for a wrong password, or an account that may not sign in here

    @property
    def template(self) -> str:
        """The password page: the blueprint's own `<name>/login.html`."""
        return f"{self.pages}/login.html"

    @property
    def endpoints(self) -> dict[str, str]:
        return {
            "login": f"{self.pages}.login",
            "verify": f"{self.pages}.two_factor",
            "setup": f"{self.pages}.two_factor_setup",
        }

    def next_url(self, target: str | None) -> str:
        """Where to go after signing in (or confirming it is you) when asked for `target`."""
        return safe_next(target, self.home, self.within)


def add_sign_in_pages(bp: Blueprint, **screen: Any) -> SignInScreen:
    """Give `bp` the sign-in pages of one screen (`screen`: the fields of SignInScreen but `pages`):
    /login for the password, /login/two-factor for the code, /login/two-factor/setup to enrol."""
    shown = SignInScreen(pages=bp.name, **screen)

    def login() -> ResponseReturnValue:
        return sign_in_page(shown)

    def two_factor() -> ResponseReturnValue:
        return second_factor(shown.tenant, setup=False, endpoints=shown.endpoints)

    def two_factor_setup() -> ResponseReturnValue:
        return second_factor(shown.tenant, setup=True, endpoints=shown.endpoints)

    for rule, view in (
        ("/login", login),
        ("/login/two-factor", two_factor),
        ("/login/two-factor/setup", two_factor_setup),
    ):
        bp.add_url_rule(rule, view.__name__, view, methods=["GET", "POST"])
    return shown


def safe_next(target: str | None, home: str, within: str = "/") -> str:
    """`target` where it is a path on this site under `within`; otherwise the `home` endpoint."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith(within):
        return url_for(home)
    return target


def sign_in_page(screen: SignInScreen) -> ResponseReturnValue:
    """The password page: check it (throttled per account and address, audited), then go on to the
    second factor or straight in, and on to a safe `next`."""
    form = LoginForm()
    error, status = None, 200
    if session.pop("ended_idle", None):
        error = ngettext(
            "You were signed out because you had not used Candour for %(num)d minute.",
            "You were signed out because you had not used Candour for %(num)d minutes.",
            idle_minutes(),
        )
    elif session.pop("sign_in_expired", None):
        error = _("Your sign-in has expired. Please sign in again.")
    if form.validate_on_submit():
        result = services.sign_in(
            screen.tenant,
            form.email.data or "",
            form.password.data or "",
            request.remote_addr or "",
        )
        if result.throttled_for:
            minutes = max(1, (result.throttled_for + 59) // 60)
            error = ngettext(
                "Too many attempts to sign in. For your security, wait %(num)d minute "
                "and try again.",
                "Too many attempts to sign in. For your security, wait %(num)d minutes "
                "and try again.",
                minutes,
            )
            status = 429
        elif result.locked_minutes:
            error, status = _locked_message(result.locked_minutes), 423
        elif result.user is None:
            error, status = str(screen.refused), 401
        else:
            next_url = screen.next_url(request.args.get("next"))
            return after_password(
                screen.tenant, result.user, result.membership, next_url, screen.endpoints
            )
        # The failure's audit and counters; the console's are written across boards.
        with db.all_tenants() if screen.tenant is None else nullcontext():
            db.session.commit()
    elif request.method == "POST":
        status = 400
    return render_template(screen.template, form=form, error=error), status


def after_password(
    tenant: Any, user: User, membership: Membership | None, next_url: str, endpoints: dict[str, str]
) -> ResponseReturnValue:
    """The password was right: ask for the second factor where one is needed, else sign in."""
    if needs_second_factor(user, membership, tenant):
        hold_pending(user.id, _tenant_id(tenant), next_url)
        db.session.commit()
        return redirect(url_for(endpoints["verify" if user.has_two_factor else "setup"]))
    return finish(tenant, user, membership, next_url, second_factor=False)


def finish(
    tenant: Any, user: User, membership: Membership | None, next_url: str, *, second_factor: bool
) -> ResponseReturnValue:
    services.complete_sign_in(tenant, user, membership, second_factor=second_factor)
    start_session(user.id, tenant_id=_tenant_id(tenant))
    login_user(user)
    db.session.commit()
    if membership is not None and membership.pending:
        return redirect(url_for("auth.invitation"))
    return redirect(next_url)


def second_factor(tenant: Any, *, setup: bool, endpoints: dict[str, str]) -> ResponseReturnValue:
    """The code page: check a code for an enrolled user, or enrol a new secret with its first code."""
    tid = _tenant_id(tenant)
    held = pending(tid)
    user = db.session.get(User, held["uid"]) if held else None
    membership = (
        services.membership_or_invitation(user.id) if (user and tenant is not None) else None
    )
    if (
        held is None
        or user is None
        or not user.active
        or (tenant is not None and membership is None)
        or (tenant is None and not user.platform_operator)
    ):
        session.clear()
        session["sign_in_expired"] = True
        return redirect(url_for(endpoints["login"]))
    if setup and user.has_two_factor:
        return redirect(url_for(endpoints["verify"]))
    if not setup and not user.has_two_factor:
        return redirect(url_for(endpoints["setup"]))
    if setup and not held.get("secret"):
        held["secret"] = twofactor.new_secret()
        session["pending"] = held
    form = TwoFactorForm()
    error, status = None, 200
    if form.validate_on_submit():
        code = form.code.data or ""
        if minutes := services.locked_for(user):
            error, status = _locked_message(minutes), 423
        elif setup and twofactor.enrol(user, held["secret"], code):
            record("auth.two_factor_enrolled", user.email, {}, tenant_id=tid, actor=user)
            codes = recovery.issue(user, tenant_id=tid)
            response = finish(tenant, user, membership, held["next"], second_factor=True)
            show_recovery_codes(codes)  # after the fresh session begins, or it would be cleared
            return response
        elif not setup and twofactor.verify(user, code):
            return finish(tenant, user, membership, held["next"], second_factor=True)
        elif not setup and recovery.use(user, code, tenant_id=tid):
            left = recovery.remaining(user)
            response = finish(tenant, user, membership, held["next"], second_factor=True)
            flash(
                f"You signed in with a recovery code; it cannot be used again. {left} "
                f"recovery code{'' if left == 1 else 's'} left."
            )
            return response
        else:
            services.register_failure(user, tid)
            record("auth.two_factor_failed", user.email, {}, tenant_id=tid, actor=user)
            error, status = (
                _(
                    "That code is not right or has already been used. "
                    "Enter the newest code from your app."
                ),
                401,
            )
        db.session.commit()
    elif form.is_submitted():
        status = 400
    context: dict[str, Any] = {"form": form, "error": error, "setup": setup}
    if setup:
        issuer = f"Candour ({tenant.slug})" if tenant is not None else "Candour (platform)"
        uri = twofactor.provisioning_uri(held["secret"], user.email, issuer)
        context.update(qr=twofactor.qr_data_uri(uri), key=twofactor.grouped(held["secret"]))
    return render_template("auth/two_factor.html", **context), status


def show_recovery_codes(codes: list[str]) -> None:
    """Shown once, on the page the person lands on next; only their hashes are kept. Until then
    they wait in the session encrypted (the session is a signed cookie: signed, not secret)."""
    session[RECOVERY_CODES_KEY] = crypto.encrypt(" ".join(codes))
    flash(
        "Two-factor authentication is set up. Your recovery codes are below, shown only this once."
    )


def _locked_message(minutes: int) -> str:
    return ngettext(
        "This account is locked after too many failed attempts to sign in. It unlocks itself "
        "after %(num)d minute, or a board admin can unlock it now.",
        "This account is locked after too many failed attempts to sign in. It unlocks itself "
        "after %(num)d minutes, or a board admin can unlock it now.",
        minutes,
    )


locked_message = _locked_message
