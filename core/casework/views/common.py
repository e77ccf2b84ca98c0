"""What the casework pages share."""

from __future__ import annotations

from typing import Any

from flask import abort, flash
from flask_wtf import FlaskForm

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
