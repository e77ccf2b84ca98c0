"""The invitation link an agency contributor follows to set up their sign-in: public (the link is the
proof), single-use and expiring; after it, the person signs in with two-factor like any other."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from core.casework import services
from core.casework.forms import AcceptForm
from core.casework.models import REQUEST_KIND_LABELS, Invitation
from core.casework.views.common import submitted
from core.tenancy.context import current_tenant

bp = Blueprint(
    "casework_invitations",
    __name__,
    url_prefix="/<tenant>/casework/invitations",
    template_folder="../templates",
)


@bp.route("/<token>", methods=["GET", "POST"])
def accept(token: str) -> ResponseReturnValue:
    try:
        found = services.find_invitation(token[:100])
    except services.InvitationInvalid:
        return render_template(
            "casework/invitation_invalid.html", page_title="This link no longer works"
        ), 410
    has_account = services.account_exists(found.email)
    form = AcceptForm()
    answer = submitted(
        form,
        lambda: services.accept_invitation(
            current_tenant,
            token,
            password=None if has_account else (form.password.data or ""),
            name=form.name.data or "",
        ),
        "Your sign-in is ready. Sign in, then set up two-factor authentication.",
        url_for("auth.login", next=url_for("casework.mine")),
    )
    if answer is not None:
        return answer
    response = (
        render_template(
            "casework/invitation.html",
            page_title="Set up your sign-in",
            form=form,
            has_account=has_account,
            asked=_what_is_asked(found),
        ),
        400 if request.method == "POST" else 200,
    )
    return response


def _what_is_asked(found: Invitation) -> str:
    """One sentence on what the invitation is for; it names no child or family member."""
    if found.request is not None:
        req = found.request
        kind = REQUEST_KIND_LABELS[req.kind].lower()
        return f"{current_tenant.name} asks {req.agency.name} for a {kind}, due on {services.day_text(req.due_on)}."
    assert found.action is not None
    action = found.action
    due = f", due on {services.day_text(action.due_on)}" if action.due_on else ""
    return f"{current_tenant.name} asks you to own an action from a case review{due}."
