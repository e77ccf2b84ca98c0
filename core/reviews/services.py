"""Every change to a review goes through here: check the actor's role, make the change, recompute
deadlines and obligations, write the timeline and the audit event, and tell the plugins — all in the
caller's transaction (the view or API commits once, after the service returns)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any, Protocol, TypeVar

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.framework_rules import CORE_FIELDS, DATE_FIELDS, PUBLICATION_DECISIONS, TEXT_FIELDS
from core.reviews.context import (
    EARLIEST,
    LATEST,
    Actor,
    FrameworkContext,
    ReviewConflict,
    ReviewError,
    ReviewForbidden,
    announce,
    board_framework_keys,
    check_date,
    framework_context,
    obligation_view,
    review_view,
    today,
)
from core.reviews.fields import check_detail, framework_field, set_detail
from core.reviews.models import Extension, Obligation, Review, ReviewEvent
from core.reviews.obligations import publication_blockers, recompute
from core.tenancy.models import Tenant

EDITABLE_FIELDS: tuple[str, ...] = (
    "pseudonym",
    "review_types",
    *DATE_FIELDS,
    *TEXT_FIELDS,
)
TEXT_LIMITS = {
    "pseudonym": 100,
    "notified_to": 200,
    "lead_reviewers": 300,
    "publication_decision": 20,
}


class _Row(Protocol):
    """A row of one of a review's collections (its obligations, family members, ...)."""

    id: int


T = TypeVar("T")
R = TypeVar("R", bound=_Row)


def require_manager(actor: Actor) -> None:
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can do this")


def one_of(items: Iterable[T], chosen: Callable[[T], bool], missing: dict[str, str]) -> T:
    """The first of `items` (a review's collection) that is `chosen`; if there is none, refuse
    with `missing` (a reason per field)."""
    found = next((item for item in items if chosen(item)), None)
    if found is None:
        raise ReviewError(missing)
    return found


def by_id(items: Iterable[R], item_id: int, field: str, what: str) -> R:
    """The one of `items` (a review's collection) with the id `item_id`; if there is none, refuse
    on `field` with "This review has no such `what`"."""
    return one_of(
        items, lambda item: item.id == item_id, {field: f"This review has no such {what}."}
    )


def log_event(
    review: Review, actor: Actor, kind: str, summary: str, details: dict[str, Any] | None = None
) -> None:
    """One timeline line and one audit event; neither ever holds an identifier."""
    review.events.append(
        ReviewEvent(kind=kind, summary=summary, actor_id=actor.user_id, actor_email=actor.email)
    )
    record(
        f"review.{kind}",
        f"review:{review.id}",
        details or {},
        tenant_id=review.tenant_id,
        actor=actor.user,
    )


def refresh(tenant: Tenant, review: Review) -> FrameworkContext:
    fw = framework_context(tenant, review.framework)
    db.session.flush()
    recompute(tenant, review, fw, today())
    return fw


# -- creating and editing --------------------------------------------------------------------------


def create_review(
    tenant: Tenant,
    actor: Actor,
    *,
    reference: str,
    pseudonym: str,
    framework: str | None = None,
    **fields: Any,
) -> Review:
    require_manager(actor)
    reference, pseudonym = reference.strip(), pseudonym.strip()
    errors = {}
    if not reference:
        errors["reference"] = "Enter the review's reference, like CR-2025-01."
    elif len(reference) > 40:
        errors["reference"] = "The reference must be 40 characters or fewer."
    elif db.session.scalar(select(Review.id).where(Review.reference == reference)) is not None:
        message = f"This board already has a review with the reference {reference}."
        raise ReviewConflict({"reference": message})
    if not pseudonym:
        errors["pseudonym"] = "Enter the pseudonym of the person at the centre of the review."
    key = framework or tenant.framework
    try:
        fw = framework_context(tenant, key)
    except ReviewError as exc:
        errors.update(exc.errors)
    else:
        if key not in board_framework_keys(tenant):
            errors["framework"] = (
                f"{fw.framework.name} does not apply in {tenant.jurisdiction}: this board can "
                f"open reviews under {', '.join(board_framework_keys(tenant))}."
            )
    if errors:
        raise ReviewError(errors)
    review = Review(
        reference=reference,
        pseudonym=pseudonym[:100],
        framework=key,
        stage=fw.framework.stages[0].key,
        review_types=[],
    )
    _apply_fields(review, fw, fields)
    db.session.add(review)
    db.session.flush()
    log_event(review, actor, "created", f"Review opened at “{fw.stage_label(review.stage)}”.")
    refresh(tenant, review)
    hooks, board = announce(tenant)
    hooks.review_created(tenant=board, review=review_view(tenant, review), actor_email=actor.email)
    return review


def update_review(tenant: Tenant, actor: Actor, review: Review, **fields: Any) -> Review:
    """Correct or fill in the review's details (its stage changes only through `transition`)."""
    require_manager(actor)
    fw = framework_context(tenant, review.framework)
    changed = _apply_fields(review, fw, fields)
    if changed:
        log_event(
            review,
            actor,
            "updated",
            "Details changed: " + ", ".join(_label(f) for f in changed) + ".",
            {"fields": changed},
        )
        refresh(tenant, review)
    return review


def _label(name: str) -> str:
    return name.removesuffix("_on").replace("_", " ")


def _apply_fields(review: Review, fw: FrameworkContext, fields: dict[str, Any]) -> list[str]:
    errors: dict[str, str] = {}
    changed = []
    for name, value in fields.items():
        spec = framework_field(fw.framework, name) if name not in CORE_FIELDS else None
        if spec is not None:
            stored, problem = check_detail(spec, value)
            if problem:
                errors[name] = problem
            elif set_detail(review, name, stored):
                changed.append(name)
            continue
        if name not in EDITABLE_FIELDS:
            errors[name] = f"{name} cannot be changed here."
            continue
        if name.endswith("_on"):
            try:
                check_date(value, name)
            except ReviewError as exc:
                errors.update(exc.errors)
                continue
        elif name == "review_types":
            allowed = fw.framework.review_types
            if not isinstance(value, list) or any(v not in allowed for v in value):
                errors[name] = "Choose review types from: " + (", ".join(allowed) or "none")
                continue
        else:
            value = "" if value is None else str(value).strip()
            if name in TEXT_LIMITS and len(value) > TEXT_LIMITS[name]:
                errors[name] = f"This must be {TEXT_LIMITS[name]} characters or fewer."
                continue
            if len(value) > 10_000:
                errors[name] = "This must be 10,000 characters or fewer."
                continue
            if name == "publication_decision" and value and value not in PUBLICATION_DECISIONS:
                errors[name] = "Choose full, summary or learning-only."
                continue
            if name == "pseudonym" and not value:
                errors[name] = "Enter the pseudonym, like Child A."
                continue
        if getattr(review, name) != value:
            setattr(review, name, value)
            changed.append(name)
    if errors:
        raise ReviewError(errors)
    return changed


# -- stages ----------------------------------------------------------------------------------------


# A review reaches a published stage only while the publication service is publishing its report
# (checked, copied and verified), never by a bare step from a page or the API.
_publishing: ContextVar[int | None] = ContextVar("publishing_review", default=None)
PUBLISH_THROUGH_REPORTS = (
    "A review is published from its report: upload the final report, let the anonymisation "
    "check pass, then use “Publish the report” in the report section."
)


@contextlib.contextmanager
def publishing(review: Review) -> Iterator[None]:
    """Let `review` take its framework's publication step (the publication service uses this)."""
    token = _publishing.set(review.id)
    try:
        yield
    finally:
        _publishing.reset(token)


def available_transitions(tenant: Tenant, actor: Actor, review: Review) -> list[Any]:
    fw = framework_context(tenant, review.framework)
    # Publication is offered by the report section, which publishes the checked report itself.
    return [
        t
        for t in fw.transitions_from(review.stage)
        if actor.role in t.roles and not getattr(fw.stage(t.target), "published", False)
    ]


def transition(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    key: str,
    values: dict[str, Any] | None = None,
) -> Review:
    """Take the transition `key` from the review's stage, filling in the fields it asks for."""
    fw = framework_context(tenant, review.framework)
    step = next((t for t in fw.transitions_from(review.stage) if t.key == key), None)
    if step is None:
        raise ReviewConflict(
            {"transition": f"“{key}” is not a next step from “{fw.stage_label(review.stage)}”."}
        )
    if actor.role not in step.roles:
        raise ReviewForbidden("your role cannot take this step")
    values = values or {}
    missing = {
        f: f"Enter the {_label(f)}" + (" date." if f.endswith("_on") else ".")
        for f in step.fields
        if values.get(f) in (None, "")
    }
    if missing:
        raise ReviewError(missing)
    _apply_fields(review, fw, {f: values[f] for f in step.fields})
    for name, value in step.sets.items():
        setattr(review, name, value)
    target = fw.stage(step.target)
    if target is not None and target.published and _publishing.get() != review.id:
        raise ReviewConflict({"transition": PUBLISH_THROUGH_REPORTS})
    if target is not None and target.published:
        db.session.flush()
        recompute(tenant, review, fw, today())
        blockers = publication_blockers(review, review.published_on)
        if blockers:
            errors = {"transition": "The review cannot be published yet."}
            errors.update({f"blocked_by_{ob.key}": why for ob, why in blockers})
            raise ReviewError(errors)
    before = review.stage
    review.stage = step.target
    review.closed = bool(target is not None and target.terminal)
    log_event(
        review,
        actor,
        "stage_changed",
        f"{step.label}: “{fw.stage_label(before)}” → “{fw.stage_label(step.target)}”.",
        {"from": before, "to": step.target, "transition": step.key},
    )
    refresh(tenant, review)
    hooks, board = announce(tenant)
    hooks.review_stage_changed(
        tenant=board,
        review=review_view(tenant, review),
        from_stage=before,
        to_stage=step.target,
        actor_email=actor.email,
    )
    return review


# -- obligations -----------------------------------------------------------------------------------


def _obligation(review: Review, obligation_id: int) -> Obligation:
    return by_id(review.obligations, obligation_id, "obligation", "obligation")


def _obligation_changed(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    ob: Obligation,
    change: str,
    summary: str,
    **details: str,
) -> Obligation:
    """What follows a person's change to an obligation (`met`, `waived`, `reopened`): the
    timeline entry `obligation_<change>`, the review's deadlines worked out again, the hook."""
    log_event(review, actor, f"obligation_{change}", summary, {"obligation": ob.key, **details})
    refresh(tenant, review)
    _announce_obligation(tenant, review, ob, change, actor)
    return ob


def _announce_obligation(
    tenant: Tenant, review: Review, ob: Obligation, change: str, actor: Actor
) -> None:
    fw = framework_context(tenant, review.framework)
    hooks, board = announce(tenant)
    hooks.review_obligation_changed(
        tenant=board,
        review=review_view(tenant, review),
        obligation=obligation_view(ob, today(), fw),
        change=change,
        actor_email=actor.email,
    )


def record_met(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    obligation_id: int,
    met_on: dt.date | None,
    note: str = "",
) -> Obligation:
    """Record an obligation as met on `met_on`; reviewers assigned to the review may do this."""
    ob = _obligation(review, obligation_id)
    if not isinstance(met_on, dt.date):
        raise ReviewError({"met_on": "Enter the date it was done."})
    check_date(met_on, "met_on")
    if met_on > today():
        raise ReviewError({"met_on": "The date it was done cannot be in the future."})
    if len(note) > 2000:
        raise ReviewError({"note": "The note must be 2,000 characters or fewer."})
    fw = framework_context(tenant, review.framework)
    rule = fw.rule(ob.key) if ob.from_rule else None
    if rule is not None and rule.met_by in DATE_FIELDS:
        # The review's own date is the record; the obligation follows it on recompute.
        setattr(review, rule.met_by, met_on)
    elif rule is not None and (spec := framework_field(fw.framework, rule.met_by)) is not None:
        set_detail(review, spec.key, met_on.isoformat())
    ob.state, ob.met_on, ob.met_by_id, ob.note = "met", met_on, actor.user_id, note.strip()
    summary = f"“{ob.label}” recorded as met on {met_on.isoformat()}."
    return _obligation_changed(tenant, actor, review, ob, "met", summary)


def waive(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    obligation_id: int,
    reason: str,
) -> Obligation:
    """Waive an obligation with a reason: board admins only, and audited."""
    if actor.role != "board_admin":
        raise ReviewForbidden("only a board admin can waive an obligation")
    ob = _obligation(review, obligation_id)
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError({"reason": "Explain why this is being waived."})
    if len(reason) > 2000:
        raise ReviewError({"reason": "The reason must be 2,000 characters or fewer."})
    ob.state, ob.waived_reason, ob.waived_by_id = "waived", reason, actor.user_id
    summary = f"“{ob.label}” waived: {reason}"
    return _obligation_changed(tenant, actor, review, ob, "waived", summary, reason=reason)


def reopen(tenant: Tenant, actor: Actor, review: Review, obligation_id: int) -> Obligation:
    """Undo a mistaken "met" or a waiver."""
    require_manager(actor)
    ob = _obligation(review, obligation_id)
    fw = framework_context(tenant, review.framework)
    rule = fw.rule(ob.key) if ob.from_rule else None
    if rule is not None and rule.met_by in DATE_FIELDS:
        setattr(review, rule.met_by, None)
    elif rule is not None and (spec := framework_field(fw.framework, rule.met_by)) is not None:
        set_detail(review, spec.key, None)
    ob.state, ob.met_on, ob.met_by_id, ob.waived_reason, ob.waived_by_id = (
        "due",
        None,
        None,
        "",
        None,
    )
    return _obligation_changed(tenant, actor, review, ob, "reopened", f"“{ob.label}” reopened.")


def extend(
    tenant: Tenant,
    actor: Actor,
    review: Review,
    *,
    new_target_on: dt.date | None,
    reason: str,
    family_told_on: dt.date | None,
) -> Extension:
    """Move the target date. The family must be told before the old target passes, or it is flagged."""
    require_manager(actor)
    errors = {}
    reason = (reason or "").strip()
    if not isinstance(new_target_on, dt.date):
        errors["new_target_on"] = "Enter the new target date."
    elif not EARLIEST <= new_target_on <= LATEST:
        errors["new_target_on"] = "Enter a date between 1970 and 2100."
    elif review.target_on is not None and new_target_on <= review.target_on:
        errors["new_target_on"] = (
            f"The new target must be after the current one ({review.target_on.isoformat()})."
        )
    if not reason:
        errors["reason"] = "Explain why the review needs longer; the family will be told why."
    elif len(reason) > 2000:
        errors["reason"] = "The reason must be 2,000 characters or fewer."
    if family_told_on is not None and family_told_on > today():
        errors["family_told_on"] = "The date the family was told cannot be in the future."
    if review.target_on is None and "new_target_on" not in errors:
        errors["new_target_on"] = (
            "This review has no target date yet (record the decision to review first)."
        )
    if errors or not isinstance(new_target_on, dt.date):
        raise ReviewError(errors)
    extension = Extension(
        previous_target_on=review.target_on,
        new_target_on=new_target_on,
        reason=reason,
        family_told_on=family_told_on,
        created_by_id=actor.user_id,
    )
    review.extensions.append(extension)
    flag = " The family was told late." if extension.told_late else ""
    previous = extension.previous_target_on.isoformat() if extension.previous_target_on else ""
    log_event(
        review,
        actor,
        "extended",
        f"Target moved from {previous} to {new_target_on.isoformat()}: {reason}{flag}",
        {
            "from": previous,
            "to": new_target_on.isoformat(),
            "told_late": extension.told_late,
        },
    )
    fw = refresh(tenant, review)
    completion = next(
        (o for o in review.obligations if (r := fw.rule(o.key)) is not None and r.completion), None
    )
    if completion is not None:
        _announce_obligation(tenant, review, completion, "extended", actor)
    # the notice to families who chose e-mail, in this transaction
    from core.reviews import familymail

    familymail.extension_recorded(tenant, review, extension)
    return extension
