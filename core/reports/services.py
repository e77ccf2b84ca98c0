"""Every change to a review's reports goes through here: upload (checked, stored privately), the
guard, and publication — copy, verify, and only then record — in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from core import db
from core.audit.services import record
from core.framework_rules import PUBLICATION_DECISIONS
from core.jobs import after_commit
from core.metrics import PUBLICATION_FAILURES
from core.plugin_api import Storage, StorageError, Transition
from core.reports import guard, ocr
from core.reports.documents import document_of, documents_of
from core.reports.models import (
    CHECK_DONE,
    CHECK_FAILED,
    CHECK_PENDING,
    PUBLISH_PENDING,
    REPORT_KINDS,
    PublishedReport,
    ReportFile,
)
from core.reports.pdf import NotAcceptedPdf, OcrLimits, check_pdf, read_content
from core.reports.rebuild import rebuild, verify_copy
from core.reviews.calendar import add_months
from core.reviews.context import (
    Actor,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    framework_context,
    today,
)
from core.reviews.models import Review
from core.reviews.obligations import publication_blockers, recompute
from core.reviews.services import (
    log_event,
    publishing,
    require_manager,
    transition,
    update_review,
)
from core.storage import storage_for
from core.tenancy.models import Tenant

log = logging.getLogger(__name__)
PDF = "application/pdf"
MIN_RETENTION_MONTHS = 12
CHECK_JOB = "reports.check_file"


class PublicationFailed(ReviewError):
    """Storage failed while publishing; nothing was marked published and the copy was removed."""


class ChecksumMismatch(StorageError):
    """A stored copy does not hold the bytes that were written."""


def ocr_languages(tenant: Tenant) -> str:
    """The languages scanned pages are read in: English and every language the board offers."""
    return ocr.tesseract_languages([*(tenant.locales or []), tenant.default_locale])


def ocr_limits() -> OcrLimits:
    """The operator's limits on OCR for one report (`CANDOUR_OCR_*`)."""

    def setting(name: str, default: int) -> int:
        value = current_app.config.get(name)
        return default if value in (None, "") else max(0, int(value))

    return OcrLimits(
        max_pages=setting("OCR_MAX_PAGES", ocr.MAX_PAGES),
        page_seconds=setting("OCR_PAGE_SECONDS", ocr.PAGE_SECONDS),
        total_seconds=setting("OCR_TOTAL_SECONDS", ocr.TOTAL_SECONDS),
    )


def max_upload_bytes() -> int:
    return int(current_app.config.get("MAX_UPLOAD_MB") or 50) * 1024 * 1024


# -- uploads --------------------------------------------------------------------------------------


def upload(
    tenant: Tenant, actor: Actor, review: Review, *, kind: str, filename: str, data: bytes
) -> ReportFile:
    """Store a draft or final report privately, under a key nobody can guess, and queue the check
    of a final one: its text is read, scanned pages OCR'd and the guard run in the worker, never
    in this request. Only the PDF's structure is looked at here (fast), to refuse active content."""
    if not actor.role:
        raise ReviewForbidden("no role in this board")
    if kind not in REPORT_KINDS:
        raise ReviewError({"kind": "Choose whether this is the draft or the final report."})
    if not data:
        raise ReviewError({"file": "Choose the report's PDF file."})
    limit = int(current_app.config.get("MAX_UPLOAD_MB") or 50)
    if len(data) > max_upload_bytes():
        raise ReviewError({"file": f"The file is larger than {limit} MB. Upload a smaller PDF."})
    # The structure check and the storing first, with no database transaction open; only then
    # the rows, in one short transaction.
    try:
        pages = check_pdf(data)
    except NotAcceptedPdf as exc:
        raise ReviewError({"file": str(exc)}) from None
    digest = hashlib.sha256(data).hexdigest()
    key = f"reports/private/{uuid.uuid4().hex}.pdf"
    name = _clean_filename(filename)
    store = storage_for(tenant)
    db.release_transaction()
    try:
        stored = store.put(
            key, data, PDF, {"review": str(review.id), "kind": kind, "sha256": digest}
        )
    except StorageError as exc:
        log.warning("report upload failed for %s: %s", tenant.slug, exc)
        raise ReviewError(
            {"file": "The report could not be stored just now. Nothing was saved; try again."}
        ) from None
    if stored.sha256 and stored.sha256 != digest:
        _discard(store, key)
        raise ReviewError({"file": "The stored copy did not match the upload. Try again."})
    report = ReportFile(
        review_id=review.id,
        kind=kind,
        storage_key=key,
        filename=name,
        size=len(data),
        sha256=digest,
        pages=pages,
        uploaded_by_id=actor.user_id,
    )
    db.session.add(report)
    db.session.flush()
    log_event(
        review,
        actor,
        "report_uploaded",
        # Not the file's name: people name files after the family, and the timeline holds no
        # identifiers.
        f"{kind.capitalize()} report uploaded ({pages} page{'' if pages == 1 else 's'}).",
        {"report_file": report.id, "kind": kind, "sha256": digest, "size": len(data)},
    )
    if kind == "final":
        queue_check(report)
    return report


def queue_check(report: ReportFile) -> None:
    """Mark the report's check pending and queue it, to run once this transaction commits."""
    report.check_status = CHECK_PENDING
    report.check_error = ""
    report.check_attempts = 0
    report.check_queued_at = db.utcnow()
    db.session.flush()
    after_commit(CHECK_JOB, report.tenant_id, report.id)


def _clean_filename(filename: str) -> str:
    name = (filename or "report.pdf").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '"<>|*?:')[:200].strip()
    return name or "report.pdf"


def files(review: Review) -> list[ReportFile]:
    return documents_of(ReportFile, review)


def get_file(review: Review, file_id: int) -> ReportFile | None:
    return document_of(ReportFile, review, file_id)


def latest_final(review: Review) -> ReportFile | None:
    return next((f for f in files(review) if f.kind == "final"), None)


def record_download(actor: Actor, review: Review, report: ReportFile) -> None:
    """Staff fetched a stored report: every read is audited."""
    record(
        "report.downloaded",
        f"report_file:{report.id}",
        {"review": review.id, "kind": report.kind},
        tenant_id=review.tenant_id,
        actor=actor.user,
    )


def record_findings_viewed(actor: Actor, review: Review, report: ReportFile) -> None:
    """A manager looked at the guard's findings unmasked (they hold identifiers): audited."""
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can see the findings")
    record(
        "report.findings_viewed",
        f"report_file:{report.id}",
        {"review": review.id, "count": len(report.hits)},
        tenant_id=review.tenant_id,
        actor=actor.user,
    )


def recheck(tenant: Tenant, actor: Actor, review: Review, report: ReportFile) -> None:
    """Check the report again in the worker (after identifiers changed, or a board plugin was
    enabled); until the check finishes it shows as being checked and cannot be published."""
    require_manager(actor)
    if report.kind != "final" or report.review_id != review.id:
        raise ReviewError({"file": "Only the final report is checked."})
    if report.check_status == CHECK_PENDING:
        return
    queue_check(report)
    log_event(
        review,
        actor,
        "report_check_queued",
        "Anonymisation check of the final report asked for again.",
        {"report_file": report.id},
    )


def check_blocker(report: ReportFile) -> str | None:
    """Why the report's stored check stops publication before anything is read, if it does."""
    if report.check_status == CHECK_PENDING:
        return (
            "The report is still being checked for anything that would identify the person at "
            "the centre of the review or their family. Publish it once the check has finished."
        )
    if report.check_status == CHECK_FAILED:
        return (
            "The report could not be read to check it"
            + (f" ({report.check_error})" if report.check_error else "")
            + ", so it cannot be published. Export it again to a new PDF and upload that, or "
            "check it again."
        )
    if report.check_status != CHECK_DONE:
        return "The report has not been checked. Check it again before publishing."
    return None


def read_verified(store: Storage, key: str, sha256: str) -> bytes:
    """The stored object's bytes, refused if they are not the bytes that were recorded."""
    return _read_verified(store, key, sha256)


def _read_verified(store: Storage, key: str, sha256: str) -> bytes:
    data = store.get(key)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ChecksumMismatch(f"{key} does not match its recorded checksum")
    return data


# -- publication ----------------------------------------------------------------------------------


@dataclass
class PublicationDetails:
    """What the public list says about the report, and the board's decision on what to publish."""

    title: str
    summary: str
    decision: str
    rationale: str
    learning_themes: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    def errors(self) -> dict[str, str]:
        found = {}
        if not self.title.strip():
            found["title"] = "Enter the report's title as it should appear on the public list."
        elif len(self.title) > 300:
            found["title"] = "The title must be 300 characters or fewer."
        if not self.summary.strip():
            found["summary"] = "Write a short summary for the public list."
        elif len(self.summary) > 5000:
            found["summary"] = "The summary must be 5,000 characters or fewer."
        if self.decision not in PUBLICATION_DECISIONS:
            found["decision"] = "Choose full report, summary or learning only."
        if not self.rationale.strip():
            found["rationale"] = "Explain why this is what will be published."
        for name in ("learning_themes", "recommendations"):
            items = getattr(self, name)
            if len(items) > 50 or any(len(i) > 1000 for i in items):
                found[name] = "Give at most 50 lines of 1,000 characters each."
        return found


def published_for(review: Review) -> PublishedReport | None:
    """The review's current publication: the one that is not withdrawn, if any."""
    return db.session.scalar(
        select(PublishedReport).where(
            PublishedReport.review_id == review.id, PublishedReport.withdrawn_at.is_(None)
        )
    )


def withdrawn_for(review: Review) -> list[PublishedReport]:
    """The review's withdrawn publications, newest first."""
    return list(
        db.session.scalars(
            select(PublishedReport)
            .where(
                PublishedReport.review_id == review.id, PublishedReport.withdrawn_at.is_not(None)
            )
            .order_by(PublishedReport.withdrawn_at.desc(), PublishedReport.id.desc())
        )
    )


def in_published_stage(tenant: Tenant, review: Review) -> bool:
    stage = framework_context(tenant, review.framework).stage(review.stage)
    return stage is not None and bool(stage.published)


def publish_step(tenant: Tenant, review: Review) -> Transition | None:
    """The framework's step from the review's stage into its published stage, if one is open."""
    fw = framework_context(tenant, review.framework)
    for step in fw.transitions_from(review.stage):
        target = fw.stage(step.target)
        if target is not None and target.published:
            return step
    return None


def public_key(report: ReportFile) -> str:
    # Derived, so a retry writes the same object again; keyed, so it cannot be worked out.
    secret = str(current_app.config.get("SECRET_KEY") or "")
    token = hashlib.sha256(f"{secret}\x1f{report.storage_key}".encode()).hexdigest()[:32]
    return f"reports/public/{token}.pdf"


def blocker_messages(review: Review, on: dt.date) -> list[str]:
    """Why the framework's pre-publication obligations stop publication on `on` (empty: they don't)."""
    # Review tracking gives each as a message, or as (obligation, message).
    return [b[-1] if isinstance(b, tuple) else str(b) for b in publication_blockers(review, on)]


PUBLISH_JOB = "reports.publish"


def _publishable(
    tenant: Tenant, review: Review, details: PublicationDetails
) -> tuple[ReportFile, Transition | None]:
    """The fast checks both the request and the worker make: a final report, the details, the
    stage, and a check that has finished and passed. Returns the report and the step to publish."""
    report = latest_final(review)
    if report is None:
        raise ReviewError({"file": "Upload the final report before publishing."})
    errors = details.errors()
    if errors:
        raise ReviewError(errors)
    step = publish_step(tenant, review)
    # After a withdrawal the review is already in its published stage: a corrected report is
    # published again without moving the review.
    republishing = (
        step is None and bool(withdrawn_for(review)) and in_published_stage(tenant, review)
    )
    if step is None and not republishing:
        count_failure("stage")
        raise ReviewConflict(
            {"stage": "The review must reach its final report stage before it can be published."}
        )
    blocked = check_blocker(report)
    if blocked:
        count_failure("check_pending" if report.check_status == CHECK_PENDING else "guard")
        raise ReviewError({"guard": blocked})
    return report, step


def _found_message(count: int) -> str:
    return (
        f"The anonymisation check found {_things(count)} that must not be published. Correct the "
        "report and upload it again, or ask a board admin to accept each one with a reason."
    )


def _record_decision(
    tenant: Tenant, actor: Actor, review: Review, details: PublicationDetails, on: dt.date
) -> None:
    """Record the board's decision on what to publish, then refuse if the framework's
    pre-publication obligations (the family told first, ...) are not met on `on`."""
    changes: dict[str, object] = {
        "publication_decision": details.decision,
        "publication_rationale": details.rationale.strip(),
    }
    if review.anonymisation_checked_on is None:
        changes["anonymisation_checked_on"] = on
    changes.update(_deposit_metadata(tenant, review, details))
    update_review(tenant, actor, review, **changes)
    recompute(tenant, review, framework_context(tenant, review.framework), on)
    blockers = blocker_messages(review, on)
    if blockers:
        count_failure("obligations")
        raise ReviewError(
            {"obligations": "The review cannot be published yet. " + " ".join(blockers)}
        )


def request_publication(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    details: PublicationDetails,
) -> ReportFile:
    """Ask for the review's final report to be published: what pages and the API call.

    Everything fast is checked here, as publication checks it (permission, details, stage, a
    finished and passed check, the framework's obligations); the report is then recorded as being
    published and `reports.publish` queued, to run once this transaction commits. The worker reads
    the file again, rebuilds the public copy, checks it and only then publishes (`publish`). Asking
    again while it is being published, or once it is published, changes nothing.
    """
    require_manager(actor)
    if published_for(review) is not None:
        raise ReviewConflict({"published": "The report is already published."})
    on = today()
    report, _ = _publishable(tenant, review, details)
    if report.publish_status == PUBLISH_PENDING:
        return report
    open_hits = [h for h in guard.hit_views(report) if not h.resolved]
    if open_hits:
        count_failure("guard")
        raise ReviewError({"guard": _found_message(len(open_hits))})
    _record_decision(tenant, actor, review, details, on)
    report.publish_status = PUBLISH_PENDING
    report.publish_error = ""
    report.publish_attempts = 0
    report.publish_queued_at = db.utcnow()
    report.publish_request = {
        "title": details.title,
        "summary": details.summary,
        "decision": details.decision,
        "rationale": details.rationale,
        "learning_themes": list(details.learning_themes),
        "recommendations": list(details.recommendations),
        "languages": list(details.languages),
        "on": on.isoformat(),
        "by": actor.user_id,
    }
    log_event(
        review,
        actor,
        "report_publication_requested",
        "Publication of the final report asked for: the public copy is being made and checked.",
        {"report_file": report.id},
    )
    db.session.flush()
    after_commit(PUBLISH_JOB, tenant.id, report.id)
    return report


def publish(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    details: PublicationDetails,
) -> PublishedReport:
    """Publish the review's final report, all or nothing; publishing again returns the same record.
    Slow (it reads the file, OCR included, twice): the worker's `reports.publish` job runs it;
    pages and the API call `request_publication`.

    The guard runs afresh and the framework's pre-publication obligations are checked first; then
    the file is copied to its public key and read back to verify its checksum; only then is the
    public record written and the review moved to its published stage.
    """
    require_manager(actor)
    existing = published_for(review)
    if existing is not None:
        return existing
    on = today()
    report, step = _publishable(tenant, review, details)
    store = storage_for(tenant)
    try:
        data = _read_verified(store, report.storage_key, report.sha256)
    except StorageError as exc:
        raise _storage_failed("read", exc) from None
    content = read_content(data, ocr_languages(tenant), ocr_limits())
    hits = guard.run_guard(tenant, review, report, content)
    open_hits = [h for h in hits if not h.resolved]
    if open_hits:
        count_failure("guard")
        raise ReviewError({"guard": _found_message(len(open_hits))})
    _record_decision(tenant, actor, review, details, on)
    fw = framework_context(tenant, review.framework)

    public = public_copy(tenant, review, report, data, details.title.strip())
    digest = hashlib.sha256(public).hexdigest()
    key = public_key(report)
    try:
        clean_orphans(store, review)
        store.put(key, public, PDF, {"review": str(review.id), "sha256": digest})
        _read_verified(store, key, digest)
    except StorageError as exc:
        _discard(store, key)
        raise _storage_failed(
            "checksum" if isinstance(exc, ChecksumMismatch) else "write", exc
        ) from None

    try:
        if step is not None:
            values = {f: getattr(review, f) for f in step.fields}
            values["published_on"] = on
            with publishing(review):
                transition(tenant, actor, review, step.key, values)
        months = max(MIN_RETENTION_MONTHS, int(fw.settings.get("retention_months", 12)))
        published = PublishedReport(
            review_id=review.id,
            report_file_id=report.id,
            storage_key=key,
            sha256=digest,
            size=len(public),
            title=details.title.strip(),
            review_types=list(review.review_types or []),
            framework=review.framework,
            pseudonym=review.pseudonym,
            author=review.lead_reviewers,
            decision=details.decision,
            summary=details.summary.strip(),
            learning_themes=_lines(details.learning_themes),
            recommendations=_lines(details.recommendations),
            action_plan=review.action_plan,
            languages=details.languages or [tenant.default_locale],
            formats=["pdf"],
            published_on=on,
            available_until=max(add_months(on, months), review.take_down_on or on),
        )
        db.session.add(published)
        log_event(
            review,
            actor,
            "report_published",
            f"Report published: “{published.title}”, available until "
            f"{published.available_until.isoformat()}.",
            {"report_file": report.id, "sha256": digest, "key": key},
        )
        db.session.flush()
    except BaseException:
        _discard(store, key)
        raise
    return published


def public_copy(
    tenant: Tenant, review: Review, report: ReportFile, data: bytes, title: str
) -> bytes:
    """The copy families get, rebuilt from the checked file and checked again: never the upload."""
    try:
        public = rebuild(data, title=title, board=tenant.name)
    except Exception as exc:
        count_failure("public_copy")
        log.warning("the public copy of report file %s could not be made: %s", report.id, exc)
        raise ReviewError(
            {
                "guard": "A clean public copy of the report could not be made from it. Export the "
                "report to a new PDF and upload that."
            }
        ) from None
    problems = verify_copy(public)
    if not problems:
        content = read_content(public, ocr_languages(tenant), ocr_limits())
        problems = guard.check_copy(tenant, review, report, content)
    if problems:
        count_failure("public_copy")
        raise ReviewError(
            {
                "guard": "The public copy was checked again and not published: "
                + "; ".join(problems)
                + "."
            }
        )
    return public


def clean_orphans(store: Storage, review: Review) -> list[str]:
    """Remove public copies of the review's reports that no current publication points at (left
    by a publication that failed half-way, or by a withdrawal the store did not finish)."""
    current = published_for(review)
    keep = current.storage_key if current is not None else None
    removed = []
    for report in files(review):
        key = public_key(report)
        if report.kind == "final" and key != keep and store.exists(key):
            purge(store, key)
            removed.append(key)
    return removed


def _things(count: int) -> str:
    return "1 thing" if count == 1 else f"{count} things"


# The national repositories' metadata, as the frameworks name its fields (`Review.details`).
DEPOSIT_THEMES = ("theme_1", "theme_2", "theme_3")


def _deposit_metadata(
    tenant: Tenant, review: Review, details: PublicationDetails
) -> dict[str, str]:
    """What the publication says that the review's repository deposit lists too (title, summary,
    themes, recommendations), for each field its framework declares and nobody has filled in."""
    declared = {f.key for f in framework_context(tenant, review.framework).framework.fields}
    offered = {
        "report_title": details.title.strip(),
        "report_summary": details.summary.strip(),
        "recommendations": "\n".join(_lines(details.recommendations)),
        **dict(zip(DEPOSIT_THEMES, _lines(details.learning_themes), strict=False)),
    }
    recorded = review.details or {}
    return {
        name: value
        for name, value in offered.items()
        if name in declared and value and not recorded.get(name)
    }


def _lines(items: list[str]) -> list[str]:
    return [i.strip() for i in items if i.strip()]


def count_failure(reason: str) -> None:
    PUBLICATION_FAILURES.labels(reason).inc()


def _storage_failed(stage: str, exc: BaseException) -> PublicationFailed:
    count_failure(f"storage_{stage}")
    log.error("publication failed at %s: %s", stage, exc)
    return PublicationFailed(
        {
            "storage": "The report could not be published because the file store did not answer "
            "properly. Nothing has been published and nothing was lost; try again in a few minutes."
        }
    )


def purge(store: Storage, key: str) -> None:
    """Remove the object and, where the backend keeps versions, every version of it."""
    purge = getattr(store, "purge", None)
    if callable(purge):
        purge(key)
    else:
        store.delete(key)


def _discard(store: Storage, key: str) -> None:
    """Remove a partial public copy; if the store is still down the retry overwrites it anyway."""
    try:
        store.delete(key)
    except Exception as exc:  # a backend may leak OSError; the first failure is what matters
        log.warning("could not remove %s after a failed publication: %s", key, exc)


def discard_public_copy(tenant: Tenant, report: PublishedReport) -> None:
    """After a failed commit: the copy has no record pointing at it, so take it away."""
    _discard(storage_for(tenant), report.storage_key)


def extend_availability(
    tenant: Tenant, actor: Actor, review: Review, report: PublishedReport, until: dt.date | None
) -> PublishedReport:
    """Keep a report on the public list for longer (never shorter than the framework's period)."""
    require_manager(actor)
    if not isinstance(until, dt.date):
        raise ReviewError({"until": "Enter the date it should stay available until."})
    if until <= report.available_until:
        raise ReviewError(
            {"until": f"Choose a date after {report.available_until.isoformat()}, the current one."}
        )
    if until > dt.date(2100, 12, 31):
        raise ReviewError({"until": "Choose a date before 2100."})
    before = report.available_until
    report.available_until = until
    log_event(
        review,
        actor,
        "report_extended",
        f"Report kept on the public list until {until.isoformat()} (was {before.isoformat()}).",
        {"from": before.isoformat(), "to": until.isoformat()},
    )
    return report


def listed(on: dt.date | None = None) -> list[PublishedReport]:
    """The current board's reports on its public list today, newest first (never a withdrawn one)."""
    on = on or today()
    return list(
        db.session.scalars(
            select(PublishedReport)
            .where(PublishedReport.available_until >= on, PublishedReport.withdrawn_at.is_(None))
            .order_by(PublishedReport.published_on.desc(), PublishedReport.id.desc())
        )
    )
