"""Staff sign-in and sign-out, per board, in the board's branding."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue

from core import db
from core.audit.services import record
from core.auth import accounts, password_reset, recovery, services, steps, twofactor
from core.auth.access import current_membership, require_recent_auth, require_role
from core.auth.forms import (
    ConfirmForm,
    ConfirmInvitationForm,
    ForgotPasswordForm,
    ResetPasswordForm,
    TwoFactorForm,
)
from core.auth.links import links_for
from core.auth.models import SHOWN_ROLE_LABELS
from core.auth.session import end_signed_in_session, mark_reauthenticated
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.redirects import flash_redirect
from core.tenancy.context import current_tenant

bp = Blueprint("auth", __name__, url_prefix="/<tenant>", template_folder="templates")


SIGN_IN = steps.add_sign_in_pages(
    bp,
    tenant=current_tenant,
    home="auth.signed_in",
    within="/",
    refused=_l("The email address or password is not right, or this account has no role here."),
)


@bp.route("/login/forgot", methods=["GET", "POST"])
def forgot_password() -> ResponseReturnValue:
    """Ask for a reset link. The answer is the same whether or not the account exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.ask(current_tenant, form.email.data or "")
        db.session.commit()
        return render_template("auth/forgot.html", form=form, sent=True)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/forgot.html", form=form, sent=False), status


@bp.route("/login/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    token = token[:500]
    if password_reset.holder(token) is None:
        return render_template("auth/reset.html", form=None, expired=True), 404
    form = ResetPasswordForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            password_reset.reset(current_tenant, token, form.new.data or "")
            db.session.commit()
            return flash_redirect(
                "Your password has been changed. Sign in with it now.", "auth.login", status=303
            )
        except services.AccountError as exc:
            db.session.rollback()
            error, status = str(exc), 400
    elif form.is_submitted():
        status = 400
    return render_template("auth/reset.html", form=form, expired=False, error=error), status


@bp.route("/confirm", methods=["GET", "POST"])
@require_role()
def confirm() -> ResponseReturnValue:
    """Prove it is still you before a sensitive action (staff screen, English)."""
    return reauthenticate(current_tenant, SIGN_IN.next_url(request.args.get("next")))


@bp.route("/two-factor", methods=["GET", "POST"])
@require_role()
@require_recent_auth
def own_two_factor() -> ResponseReturnValue:
    """Turn two-factor on for yourself where the board does not require it (it is then asked for at
    every sign-in)."""
    user = g.actor
    if user.has_two_factor:
        return flash_redirect(
            "Two-factor authentication is already set up for your account.",
            "auth.signed_in",
            problem=True,
        )
    secret = session.get("enrol_secret") or twofactor.new_secret()
    session["enrol_secret"] = secret
    form = TwoFactorForm()
    error, status = None, 200
    if form.validate_on_submit():
        if twofactor.enrol(user, secret, form.code.data or ""):
            session.pop("enrol_secret", None)
            record("auth.two_factor_enrolled", user.email, {"by": "self"})
            flash("Two-factor authentication is set up: you will be asked for a code at sign-in.")
            steps.show_recovery_codes(recovery.issue(user, tenant_id=current_tenant.id))
            db.session.commit()
            return redirect(url_for("auth.signed_in"))
        error, status = "That code is not right. Enter the newest code from your app.", 401
    elif form.is_submitted():
        status = 400
    uri = twofactor.provisioning_uri(secret, user.email, f"Candour ({current_tenant.slug})")
    return render_template(
        "auth/two_factor.html", form=form, error=error, setup=True,
        qr=twofactor.qr_data_uri(uri), key=twofactor.grouped(secret),
    ), status  # fmt: skip


def reauthenticate(tenant: Any, next_url: str) -> ResponseReturnValue:
    form = ConfirmForm()
    error, status = None, 200
    user = g.actor
    if form.validate_on_submit():
        ok = services.check_user_password(user, form.password.data or "")
        if ok and user.has_two_factor:
            ok = twofactor.verify(user, form.code.data or "")
        tid = tenant.id if tenant is not None else None
        if ok:
            mark_reauthenticated()
            record("auth.reauthenticated", user.email, {}, tenant_id=tid)
            db.session.commit()
            return redirect(next_url)
        services.register_failure(user, tid)
        record("auth.reauthentication_failed", user.email, {}, tenant_id=tid)
        db.session.commit()
        if services.locked_for(user):
            end_signed_in_session("locked")
            db.session.commit()
            return redirect(url_for("auth.login" if tenant is not None else "platform.login"))
        error, status = "The password or code is not right.", 401
    elif form.is_submitted():
        status = 400
    return render_template("auth/confirm.html", form=form, error=error, user=user), status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if current_membership() is not None:
        record("auth.signed_out", current_tenant.slug)
    end_signed_in_session("signed_out")
    db.session.commit()
    return flash_redirect(_("You have signed out."), "auth.login")


@bp.route("/invitation", methods=["GET", "POST"])
def invitation() -> ResponseReturnValue:
    """Accept or decline an invitation to this board, signed in (staff screen, English)."""
    user = g.get("actor")
    if user is None:
        return redirect(url_for("auth.login", next=url_for("auth.invitation")))
    if session.get("tenant_id") != current_tenant.id:
        abort(404)  # signed in at another board: as for any staff page of this one
    invited = accounts.invitation_for(user.id)
    if invited is None:
        return redirect(url_for("auth.signed_in"))
    form = ConfirmInvitationForm()
    if form.validate_on_submit():
        if request.form.get("answer") == "accept":
            accounts.accept(user, invited)
            db.session.commit()
            return flash_redirect(f"You have joined {current_tenant.name}.", "auth.signed_in")
        if request.form.get("answer") == "decline":
            accounts.decline(user, invited)
            end_signed_in_session("declined")
            db.session.commit()
            return flash_redirect("You declined the invitation.", "auth.login")
    status = 400 if form.is_submitted() else 200
    return render_template(
        "auth/invitation.html",
        form=form,
        invited=invited,
        role=SHOWN_ROLE_LABELS.get(invited.role, invited.role).lower(),
    ), status


@bp.route("/staff")
@require_role()
def signed_in() -> ResponseReturnValue:
    membership = current_membership()
    assert membership is not None  # require_role saw to it
    links = [
        {"href": url_for(link.endpoint), "label": link.label} for link in links_for(membership.role)
    ]
    return render_template(
        "auth/signed_in.html",
        membership=membership,
        staff_links=links,
        role_label=SHOWN_ROLE_LABELS.get(membership.role, membership.role),
        recovery_codes_left=recovery.remaining(g.actor),
    )
