"""A person's own account, from any board they are signed in at: their active sessions and
"sign out everywhere", their password, and their API tokens for this board (a board admin sees and revokes every
token of the board). Staff screens, English."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request, session
from flask.typing import ResponseReturnValue
from flask_login import logout_user

from core import db
from core.audit.services import record
from core.auth import accounts, recovery, sessions, tokens
from core.auth.access import current_membership, require_recent_auth, require_role
from core.auth.forms import ChangePasswordForm
from core.auth.services import AccountError
from core.auth.session import idle_minutes
from core.redirects import flash_redirect
from core.tenancy.context import current_tenant
from core.tenancy.models import Tenant

bp = Blueprint("account", __name__, url_prefix="/<tenant>/account", template_folder="templates")


@bp.route("/sessions")
@require_role()
def sessions_page() -> ResponseReturnValue:
    rows = sessions.open_sessions(g.actor.id, idle_minutes())
    with db.all_tenants():
        ids = {r.tenant_id for r in rows if r.tenant_id is not None}
        names = {t.id: t.name for t in db.session.query(Tenant).filter(Tenant.id.in_(ids))}
    current = sessions.current()
    return render_template(
        "auth/sessions.html",
        rows=rows,
        names=names,
        current_id=current.id if current is not None else None,
        page_title="Your sessions",
    )


@bp.post("/sessions/end-all")
@require_role()
def end_all_sessions() -> ResponseReturnValue:
    """Sign out everywhere: every session of this account, this one included, ends now."""
    user = g.actor
    ended = sessions.end_all(user.id, "signed_out_everywhere")
    record("auth.signed_out_everywhere", user.email, {"sessions": ended})
    db.session.commit()
    logout_user()
    session.clear()
    return flash_redirect("You have signed out everywhere.", "auth.login", status=303)


def _is_board_admin() -> bool:
    membership = current_membership()
    return membership is not None and membership.role == "board_admin"


@bp.route("/tokens", methods=["GET", "POST"])
@require_role()
@require_recent_auth
def tokens_page() -> ResponseReturnValue:
    new_token, error, status = None, None, 200
    if request.method == "POST":
        try:
            days = int(str(request.form.get("days", tokens.DEFAULT_DAYS)))
        except ValueError:
            days = 0
        try:
            new_token = tokens.create_token(
                current_tenant, g.actor, str(request.form.get("name", ""))[:200], days=days
            )
            db.session.commit()
        except AccountError as exc:
            db.session.rollback()
            error, status = str(exc), 400
    everyone = _is_board_admin()
    return render_template(
        "auth/tokens.html",
        rows=tokens.tokens(None if everyone else g.actor),
        everyone=everyone,
        expires=tokens.expires,
        new_token=new_token,
        error=error,
        default_days=tokens.DEFAULT_DAYS,
        page_title="API tokens",
    ), status


@bp.post("/tokens/<int:token_id>/revoke")
@require_role()
def revoke_token(token_id: int) -> ResponseReturnValue:
    token = tokens.get(token_id) if token_id <= 2**31 - 1 else None
    if token is None or (token.user_id != g.actor.id and not _is_board_admin()):
        abort(404)
    tokens.revoke(token)
    db.session.commit()
    return flash_redirect(f"Revoked the token {token.prefix}…", "account.tokens_page", status=303)


@bp.route("/password", methods=["GET", "POST"])
@require_role()
def password() -> ResponseReturnValue:
    """Change one's own password (the current one proves it is you); required after a one-time
    password."""
    form = ChangePasswordForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            accounts.change_password(
                g.actor,
                form.current.data or "",
                form.new.data or "",
                context=(current_tenant.name, current_tenant.slug),
            )
            db.session.commit()
            return flash_redirect(
                "Your password has been changed. Your other sessions have been signed out.",
                "auth.signed_in",
                status=303,
            )
        except AccountError as exc:
            db.session.rollback()
            error, status = str(exc), 400
    elif form.is_submitted():
        status = 400
    return render_template(
        "auth/password.html",
        form=form,
        error=error,
        required=g.actor.must_change_password,
        page_title="Change your password",
    ), status


@bp.route("/recovery-codes", methods=["GET", "POST"])
@require_role()
@require_recent_auth
def recovery_codes() -> ResponseReturnValue:
    """How many recovery codes are left; new ones (the old stop working), shown this once."""
    if not g.actor.has_two_factor:
        return flash_redirect(
            "Set up two-factor authentication first: recovery codes come with it.",
            "auth.signed_in",
            status=303,
            problem=True,
        )
    codes = None
    if request.method == "POST":
        codes = recovery.issue(g.actor, tenant_id=current_tenant.id)
        db.session.commit()
    return render_template(
        "auth/recovery_codes.html",
        codes=codes,
        left=recovery.remaining(g.actor),
        page_title="Recovery codes",
    )
