"""A review's report pages for staff (upload, download, the anonymisation check and its
overrides, keeping the report available, withdrawing it): routes of the `reports.staff` blueprint."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import RequestEntityTooLarge

from core import db
from core.auth.access import confirm_first, require_recent_auth
from core.plugin_api import StorageError
from core.redirects import flash_problem, flash_redirect
from core.reports import checking, guard, services, withdrawal
from core.reports import views as rv
from core.reports.blueprint import ADMIN, ANY_ROLE, MANAGER, staff
from core.reports.forms import (
    AvailabilityForm,
    OverrideForm,
    UploadForm,
    WithdrawForm,
)
from core.reports.models import PublishedReport
from core.reviews import views as v
from core.reviews.context import ReviewForbidden
from core.reviews.models import Review
from core.storage import storage_for
from core.tenancy.context import current_tenant


@staff.errorhandler(RequestEntityTooLarge)
def _too_large(_exc: RequestEntityTooLarge) -> ResponseReturnValue:
    review_id = (request.view_args or {}).get("review_id")
    back = url_for("reports.upload", review_id=review_id) if review_id else "/"
    return render_template(
        "reports/too_large.html",
        page_title="The file is too big",
        limit=rv.max_upload_mb(),
        back_url=back,
    ), 413


@staff.route("/upload", methods=["GET", "POST"])
@ANY_ROLE
def upload(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    form = UploadForm()
    if form.validate_on_submit():
        file = request.files.get("report")
        data = file.read(services.max_upload_bytes() + 1) if file else b""
        ok, report = v.run_service(
            form,
            lambda: services.upload(
                current_tenant,
                v.actor(),
                review,
                kind=form.kind.data or "",
                filename=(file.filename or "") if file else "",
                data=data,
            ),
            "Report uploaded and stored privately."
            + (
                " It is being checked for anything that would identify the person at the centre of the"
                " review or their family."
                if form.kind.data == "final"
                else ""
            ),
            review,
        )
        if ok:
            if report.kind == "final":
                return redirect(url_for("reports.check", review_id=review.id))
            return v.back_to(review, "reports")
    return render_template(
        "reports/upload.html",
        page_title="Upload a report",
        review=review,
        form=form,
        limit=rv.max_upload_mb(),
    ), (400 if request.method == "POST" else 200)


@staff.route("/<int:file_id>/download")
@ANY_ROLE
def download(review_id: int, file_id: int) -> ResponseReturnValue:
    review = v.load(review_id, audit=False)
    report = services.get_file(review, file_id)
    if report is None:
        abort(404)
    services.record_download(v.actor(), review, report)
    db.session.commit()
    try:
        return rv.send_pdf(
            storage_for(current_tenant),
            report.storage_key,
            report.sha256,
            report.size,
            report.filename,
        )
    except StorageError:
        return render_template(
            "reports/storage_down.html", page_title="The report cannot be fetched", review=review
        ), 503


@staff.route("/check", methods=["GET", "POST"])
@ANY_ROLE
def check(review_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    report = services.latest_final(review)
    if report is None:
        flash_problem("Upload the final report first.")
        return v.back_to(review, "reports")
    reveal = False
    if request.method == "POST":
        action = request.form.get("action")
        if action == "recheck":
            try:
                services.recheck(current_tenant, v.actor(), review, report)
            except ReviewForbidden:
                abort(403)
            db.session.commit()
            return flash_redirect(
                "The report is being checked again; this page shows the result when it is done.",
                "reports.check",
                review_id=review.id,
            )
        if action == "reveal":
            if (confirm := confirm_first()) is not None:
                return confirm
            try:
                services.record_findings_viewed(v.actor(), review, report)
            except ReviewForbidden:
                abort(403)
            db.session.commit()
            reveal = True
    hits = guard.hit_views(report)
    return v.review_page(
        "reports/check.html",
        "Anonymisation check",
        review,
        report=report,
        state=checking.state_of(report, hits),
        hits=hits,
        open_hits=[h for h in hits if not h.resolved],
        reveal=reveal,
    )


@staff.route("/findings/<int:hit_id>/override", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def override(review_id: int, hit_id: int) -> ResponseReturnValue:
    review = v.load(review_id)
    report = services.latest_final(review)
    hit = (
        next((h for h in guard.hit_views(report) if h.record.id == hit_id), None)
        if report
        else None
    )
    if report is None or hit is None:
        abort(404)
    form = OverrideForm()
    if form.validate_on_submit():
        ok, _ = v.run_service(
            form,
            lambda: guard.override(
                current_tenant, v.actor(), review, report, hit_id, form.reason.data or ""
            ),
            "The finding was accepted for publication; the reason is in the timeline.",
            review,
        )
        if ok:
            return redirect(url_for("reports.check", review_id=review.id))
    return render_template(
        "reports/override.html",
        page_title="Accept a finding for publication",
        review=review,
        hit=hit,
        form=form,
    ), (400 if request.method == "POST" else 200)


def _published(review_id: int) -> tuple[Review, PublishedReport]:
    """The review and its published report, or 404 (nothing is published)."""
    review = v.load(review_id)
    published = services.published_for(review)
    if published is None:
        abort(404)
    return review, published


@staff.route("/available", methods=["GET", "POST"])
@MANAGER
def available(review_id: int) -> ResponseReturnValue:
    review, published = _published(review_id)
    form = AvailabilityForm()
    return v.change_form(
        form,
        review,
        lambda: services.extend_availability(
            current_tenant, v.actor(), review, published, form.until.data
        ),
        done="The report stays on the public list for longer.",
        back="reports",
        title="Keep the report on the public list for longer",
        submit="Save the date",
        intro=f"It is on the list until {published.available_until.isoformat()}. After that it "
        "leaves the list but is kept, and can still be given on request.",
    )


@staff.route("/withdraw", methods=["GET", "POST"])
@ADMIN
@require_recent_auth
def withdraw(review_id: int) -> ResponseReturnValue:
    review, published = _published(review_id)
    form = WithdrawForm()

    def say_if_copy_stays(done: withdrawal.Withdrawal) -> None:
        if not done.copy_removed:
            flash_problem(
                "The file store did not remove the public copy just now. Nothing links to "
                "it; it is removed the next time the report is published or cleaned up."
            )

    return v.change_form(
        form,
        review,
        lambda: withdrawal.withdraw(
            current_tenant, v.actor(), review, published, form.reason.data or ""
        ),
        done="The report is withdrawn: it is off the public list, the feeds and the download.",
        back="reports",
        after=say_if_copy_stays,
        title="Withdraw the published report",
        submit="Withdraw the report",
        intro=f"“{published.title}” leaves the public list, the feeds and the download at once, "
        "and its public copy is deleted. Families who follow an old link see that it was "
        "withdrawn. To replace it, upload the corrected final report and publish again.",
        danger=True,
    )
