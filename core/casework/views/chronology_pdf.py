"""The merged chronology's PDF: asking the worker to render it, and downloading it once it is
there. Staff who may see the review only. Routes of the `casework` blueprint."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from core import db
from core.audit.services import record
from core.casework import chronology_pdf
from core.casework.views.blueprint import STAFF, bp
from core.plugin_api import StorageError
from core.redirects import flash_problem
from core.reviews import views as v
from core.reviews.context import today
from core.storage import storage_for
from core.tenancy.context import current_tenant


@bp.post("/reviews/<int:review_id>/chronology.pdf")
@STAFF
def chronology_pdf_ask(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id, audit=False)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if chronology_pdf.pdf_format() is None:
        flash_problem(
            "This platform has no PDF format installed; download the CSV or Excel file instead."
        )
    else:
        chronology_pdf.ask(current_tenant, v.actor(), review)
        db.session.commit()  # the worker renders it after this commit
        flash("The PDF is being made. Refresh this page in a minute to download it.")
    return redirect(url_for("casework.chronology", review_id=review.id))


@bp.get("/reviews/<int:review_id>/chronology.pdf")
@STAFF
def chronology_pdf_download(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id, audit=False)
    found = chronology_pdf.stored(current_tenant, review)
    if found is None:
        abort(404)
    try:
        data = storage_for(current_tenant).get(found.key)
    except StorageError:
        abort(503)
    record("casework.chronology_exported", f"review:{review.id}", {"format": "pdf"})
    db.session.commit()
    response = Response(data, mimetype=chronology_pdf.MEDIA_TYPE)
    name = f"chronology-{review.id}-{today().isoformat()}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
