"""Letters on the review's staff page: download one to print, and record that it was posted.
Staff screens, English. The list itself is drawn on the review page (`review_letters`)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Flask, Response, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.auth.access import require_role
from core.letters import services
from core.letters.models import FamilyLetter
from core.plugin_api import StorageError
from core.redirects import flash_problem
from core.reviews import familymail
from core.reviews.context import Actor, ReviewError, ReviewNotFound
from core.reviews.queries import get_review
from core.storage import storage_for
from core.tenancy.context import current_tenant

bp = Blueprint(
    "letters",
    __name__,
    url_prefix="/<tenant>/reviews/<int:review_id>/letters",
    template_folder="templates",
)
MANAGER = require_role("board_admin", "review_manager")


def _letter(review_id: int, letter_id: int) -> FamilyLetter:
    try:
        review = get_review(Actor.from_request(), review_id, audit=False)
    except ReviewNotFound:
        abort(404)
    letter = services.get_letter(review, letter_id)
    if letter is None:
        abort(404)
    return letter


@bp.route("/<int:letter_id>")
@MANAGER
def download(review_id: int, letter_id: int) -> ResponseReturnValue:
    letter = _letter(review_id, letter_id)
    if letter.state != "ready":
        abort(404)
    try:
        data = storage_for(current_tenant).get(letter.storage_key)
    except StorageError:
        abort(404)
    extension = letter.storage_key.rsplit(".", 1)[-1]
    media = "application/pdf" if extension == "pdf" else "application/octet-stream"
    db.session.commit()
    return Response(
        data,
        mimetype=media,
        headers={
            "Content-Disposition": f'attachment; filename="letter-{letter.id}.{extension}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.post("/<int:letter_id>/posted")
@MANAGER
def posted(review_id: int, letter_id: int) -> ResponseReturnValue:
    letter = _letter(review_id, letter_id)
    raw = str(request.form.get("posted_on", "")).strip()
    try:
        posted_on: dt.date | None = dt.date.fromisoformat(raw)
    except ValueError:
        posted_on = None
    try:
        services.mark_posted(current_tenant, Actor.from_request(), letter, posted_on)
    except ReviewError as exc:
        db.session.rollback()
        flash_problem("The letter was not marked posted: " + "; ".join(exc.errors.values()))
        return redirect(url_for("reviews.show", review_id=review_id) + "#letters", 303)
    db.session.commit()
    flash(f"Letter {letter.id} recorded as posted on {letter.posted_on}.")
    return redirect(url_for("reviews.show", review_id=review_id) + "#letters", 303)


def review_letters(review: object) -> list[FamilyLetter]:
    """For the review page: the review's letters, newest first."""
    from core.reviews.models import Review

    return services.letters_for(review) if isinstance(review, Review) else []


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["review_letters"] = review_letters
    familymail.when_posted(services.queue_letter)
