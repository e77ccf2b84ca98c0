"""What a board chooses to show the public from its casework: its settings (its reports in the
platform's search across boards; the progress of its action plans), both off by default; which
actions staff mark publishable; the progress lines shown beside a published report (an action's
description, status and dates, nothing else); and the platform's search of published reports
across the boards that opted in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.casework.actions import action_status
from core.casework.common import log_on_review
from core.casework.models import Action, CaseworkSettings
from core.reports import search
from core.reports.models import PublishedReport
from core.reviews.context import Actor, ReviewForbidden, today
from core.reviews.services import require_manager
from core.tenancy.models import Tenant

PUBLIC_STATES = ("not_started", "in_progress", "done", "not_accepted", "overdue", "signed_off")


@dataclass(frozen=True)
class ProgressLine:
    """One publishable action as the public sees it."""

    description: str
    status: str
    due_on: dt.date | None
    signed_off_on: dt.date | None


@dataclass(frozen=True)
class FoundReport:
    """A report found by the platform's search, with the board that published it."""

    tenant: Tenant
    report: PublishedReport


def settings() -> CaseworkSettings:
    """The current board's settings (the defaults, unsaved, when it has none)."""
    found = db.session.scalar(select(CaseworkSettings))
    return found or CaseworkSettings(in_platform_search=False, publish_action_progress=False)


def save_settings(
    tenant: Tenant, actor: Actor, *, in_platform_search: bool, publish_action_progress: bool
) -> CaseworkSettings:
    if actor.role != "board_admin":
        raise ReviewForbidden("only a board admin can change what the board publishes")
    row = db.session.scalar(select(CaseworkSettings))
    if row is None:
        row = CaseworkSettings()
        db.session.add(row)
    row.in_platform_search = bool(in_platform_search)
    row.publish_action_progress = bool(publish_action_progress)
    db.session.flush()
    record(
        "casework.publishing_changed",
        tenant.slug,
        {
            "in_platform_search": row.in_platform_search,
            "publish_action_progress": row.publish_action_progress,
        },
        actor=actor.user,
    )
    return row


def set_publishable(tenant: Tenant, actor: Actor, action: Action, publishable: bool) -> Action:
    """Mark whether the action's description, status and dates may appear beside the report."""
    require_manager(actor)
    action.publishable = bool(publishable)
    log_on_review(
        action.review_id,
        actor,
        "action_publishable",
        f"Action {action.id} {'may be' if action.publishable else 'is no longer'} shown with the "
        "published report.",
        {"action": action.id, "publishable": action.publishable},
    )
    return action


def progress_for(
    reports: list[PublishedReport], on: dt.date | None = None
) -> dict[int, list[ProgressLine]]:
    """For the current board's public list: each report's publishable actions, when the board
    publishes action progress (else nothing at all)."""
    if not reports or not settings().publish_action_progress:
        return {}
    day = on or today()
    by_review: dict[int, list[int]] = {}
    for report in reports:
        by_review.setdefault(report.review_id, []).append(report.id)
    actions = db.session.scalars(
        select(Action)
        .where(Action.review_id.in_(by_review), Action.publishable.is_(True))
        .order_by(Action.recommendation_id, Action.id)
    )
    found: dict[int, list[ProgressLine]] = {}
    for action in actions:
        line = ProgressLine(
            description=action.description,
            status=action_status(action, day),
            due_on=action.due_on,
            signed_off_on=action.signed_off_on,
        )
        for report_id in by_review[action.review_id]:
            found.setdefault(report_id, []).append(line)
    return found


def searchable_boards() -> list[Tenant]:
    """The public boards that put their reports in the platform's search."""
    with db.all_tenants():
        return list(
            db.session.scalars(
                select(Tenant)
                .join(CaseworkSettings, CaseworkSettings.tenant_id == Tenant.id)
                .where(Tenant.status == "active", CaseworkSettings.in_platform_search.is_(True))
                .order_by(Tenant.name)
            )
        )


def search_platform(*, theme: str = "", query: str = "", limit: int = 100) -> list[FoundReport]:
    """Published reports on their boards' lists today, from the boards that opted in only,
    carrying the learning theme `theme` (a label) and holding every word of `query`."""
    boards = {t.id: t for t in searchable_boards()}
    if not boards or not (theme.strip() or search.words(query)):
        return []
    day = today()
    statement = (
        select(PublishedReport)
        .where(
            PublishedReport.tenant_id.in_(boards),
            PublishedReport.available_until >= day,
            PublishedReport.withdrawn_at.is_(None),
        )
        .order_by(PublishedReport.published_on.desc(), PublishedReport.id.desc())
    )
    condition = search.text_matches(query)
    if condition is not None:
        statement = statement.where(condition)
    with db.all_tenants():
        reports = list(db.session.scalars(statement))
    if theme.strip():
        reports = [r for r in reports if search.has_theme(r, theme)]
    return [FoundReport(boards[r.tenant_id], r) for r in reports[:limit]]
