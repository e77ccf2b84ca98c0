"""What the casework pages share."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from core import db
from core.reviews import views as v
from core.reviews.context import ReviewError, ReviewForbidden


def run(form: FlaskForm, change: Any, done: str) -> tuple[bool, Any]:
    """Like the review pages' `run_service`, without assuming the actor may see the review."""
    try:
        result = change()
    except ReviewError as exc:
        db.session.rollback()
        v.add_errors(form, exc)
        return False, None
    except ReviewForbidden:
        db.session.rollback()
        abort(403)
    db.session.commit()
    flash(done)
    return True, result


def submitted(form: FlaskForm, change: Any, done: str, then: str) -> Response | None:
    """A valid form's change made (`done` flashed) and a redirect to `then`; None where the page is
    to be shown (again): nothing sent, a form not valid, or a change refused (its reasons on the
    form)."""
    if not form.validate_on_submit():
        return None
    ok, _ = run(form, change, done)
    return redirect(then) if ok else None


def private_download(body: str | bytes, mimetype: str, filename: str) -> Response:
    """A file to save (never shown inline) that no cache keeps: casework files are personal."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
