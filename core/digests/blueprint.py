"""The digest's pages: a person's choice on their own account page, and the signed one-click
unsubscribe link every digest carries (no sign-in: the link itself is the proof, and it expires).
Staff screens, English."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from core import db
from core.auth.access import require_role
from core.auth.links import staff_link
from core.digests import services
from core.redirects import flash_redirect
from core.tenancy.context import current_tenant

bp = Blueprint("digests", __name__, url_prefix="/<tenant>/account", template_folder="templates")


class DigestForm(FlaskForm):
    frequency = RadioField(
        "How often would you like an e-mail about deadlines?",
        choices=[
            SelectChoice("daily", "Every morning"),
            SelectChoice("weekly", "Once a week, on Monday morning"),
            SelectChoice("off", "Never"),
        ],
        validators=[DataRequired("Choose how often you would like the e-mail")],
    )


@bp.route("/digest", methods=["GET", "POST"])
@require_role()
def preference() -> ResponseReturnValue:
    form = DigestForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                services.set_frequency(g.actor, str(form.frequency.data))
            except services.DigestError as exc:
                db.session.rollback()
                form.frequency.errors = [exc.errors["frequency"]]
                status = 400
            else:
                db.session.commit()
                return flash_redirect(
                    "Your choice of deadline e-mail is saved.", "digests.preference", status=303
                )
        else:
            status = 400
    else:
        form.frequency.data = services.frequency_of(g.actor.id)
    return render_template(
        "digests/preference.html", form=form, page_title="Deadline e-mails"
    ), status


@bp.route("/digest/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> ResponseReturnValue:
    user = services.user_for_token(token, current_tenant)
    if user is None:
        abort(404)
    if request.method == "POST":
        services.set_frequency(user, "off", how="unsubscribe link")
        db.session.commit()
        return render_template("digests/unsubscribed.html", page_title="Deadline e-mails off")
    return render_template(
        "digests/unsubscribe.html",
        frequency=services.frequency_of(user.id),
        page_title="Stop deadline e-mails",
    )


def init_app(app: Flask) -> None:
    # A mail program's one-click POST (RFC 8058) carries no form token: the signed link is the proof.
    app.extensions["csrf"].exempt(unsubscribe)
    app.register_blueprint(bp)
    staff_link("digests.preference", "Deadline e-mails (your choice)", services.DIGEST_ROLES)
