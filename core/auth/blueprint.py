"""Staff sign-in and sign-out, per board, in the board's branding."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user

from core import db
from core.audit.services import record
from core.auth import services
from core.auth.access import current_membership
from core.auth.forms import LoginForm
from core.i18n import gettext as _
from core.i18n import ngettext
from core.tenancy.context import current_tenant

bp = Blueprint("auth", __name__, url_prefix="/<tenant>", template_folder="templates")


def _safe_next(target: str | None) -> str:
    default = url_for("auth.signed_in")
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        result = services.sign_in(
            current_tenant,
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
        elif result.user is None:
            error = _(
                "The email address or password is not right, or this account has no role here."
            )
            status = 401
        else:
            session.clear()
            login_user(result.user)
            session["tenant_id"] = current_tenant.id
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        db.session.commit()
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    if current_membership() is not None:
        record("auth.signed_out", current_tenant.slug)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/staff")
def signed_in() -> ResponseReturnValue:
    membership = current_membership()
    if membership is None:
        return redirect(url_for("auth.login"))
    links = [
        {"href": url_for(endpoint), "label": label}
        for endpoint, label, roles in current_app.extensions.get("candour.staff_links", [])
        if membership.role in roles
    ]
    return render_template("auth/signed_in.html", membership=membership, staff_links=links)
