"""A person's own account, from any board they are signed in at: their active sessions and
"sign out everywhere" (staff screens, English)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import logout_user

from core import db
from core.audit.services import record
from core.auth import sessions
from core.auth.access import require_role
from core.auth.session import idle_minutes
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


@bp.route("/sessions/end-all", methods=["POST"])
@require_role()
def end_all_sessions() -> ResponseReturnValue:
    """Sign out everywhere: every session of this account, this one included, ends now."""
    user = g.actor
    ended = sessions.end_all(user.id, "signed_out_everywhere")
    record("auth.signed_out_everywhere", user.email, {"sessions": ended})
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out everywhere.")
    return redirect(url_for("auth.login"), 303)
