"""Work out a review's deadlines and keep its obligations in step with its framework's rules.

`recompute` runs after every change to a review: due dates follow the dates recorded, extensions
move the target date, obligations met by a recorded date are met on that date, and an obligation
seen missed for the first time is announced to plugins once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.framework_rules import DATE_FIELDS, TEXT_FIELDS
from core.plugin_api import DeadlineRule, ObligationRule
from core.reviews.calendar import add_months
from core.reviews.context import (
    DEFAULT_RETENTION_MONTHS,
    FrameworkContext,
    announce,
    obligation_status,
    obligation_view,
    review_view,
)
from core.reviews.fields import date_field_names, detail_values
from core.reviews.models import Obligation, Review
from core.tenancy.models import Tenant


def due_date(
    rule: DeadlineRule, values: Mapping[str, Any], settings: Mapping[str, Any], fw: FrameworkContext
) -> dt.date | None:
    """The due date `rule` gives, or None while its anchor date is not recorded."""
    anchor = values.get(rule.anchor)
    if not isinstance(anchor, dt.date):
        return None
    amount = (
        int(settings.get(rule.amount_setting, rule.amount)) if rule.amount_setting else rule.amount
    )
    if rule.before:
        amount = -amount
    if rule.unit == "working_days":
        return fw.calendar.add_working_days(anchor, amount)
    if rule.unit == "calendar_days":
        return anchor + dt.timedelta(days=amount)
    if rule.unit == "weeks":
        return anchor + dt.timedelta(weeks=amount)
    return add_months(anchor, amount)


def review_values(review: Review, fw: FrameworkContext | None = None) -> dict[str, Any]:
    """The review's recorded fields (its framework's own too), plus dates derived from its family
    members."""
    values: dict[str, Any] = {f: getattr(review, f) for f in (*DATE_FIELDS, *TEXT_FIELDS)}
    if fw is not None:
        values.update(detail_values(fw.framework, review))
    values["decision"] = review.decision
    members = review.family_members
    reached = [m for m in members if m.invited_on or m.involvement == "not_contacted"]
    invited = [m.invited_on for m in members if m.invited_on]
    values["family_invited_on"] = (
        max(invited) if members and len(reached) == len(members) and invited else None
    )
    return values


def applies(rule: ObligationRule, values: Mapping[str, Any]) -> bool:
    return all(str(values.get(k) or "") in v.split("|") for k, v in rule.applies_if.items())


def recompute(
    tenant: Tenant, review: Review, fw: FrameworkContext, on: dt.date
) -> list[Obligation]:
    """Bring deadlines and obligations up to date; returns obligations newly seen missed."""
    values = review_values(review, fw)
    dates = date_field_names(fw.framework)
    existing = {o.key: o for o in review.obligations if o.from_rule}
    for rule in fw.framework.obligations:
        ob = existing.get(rule.key)
        if not applies(rule, values):
            if ob is not None and ob.state == "due":
                review.obligations.remove(ob)
            continue
        if ob is None:
            ob = Obligation(key=rule.key, kind=rule.kind, from_rule=True, state="due")
            review.obligations.append(ob)
        ob.label = rule.label
        ob.kind = rule.kind
        ob.family_involvement = rule.family_involvement
        ob.blocks_publication = rule.blocks_publication
        due = due_date(rule.deadline, values, fw.settings, fw) if rule.deadline else None
        if rule.completion:
            if review.extensions:
                due = review.extensions[-1].new_target_on
            review.target_on = due
        if due != ob.due_on:
            ob.missed_reported = False
        ob.due_on = due
        if rule.met_by:
            met_on = values.get(rule.met_by)
            if met_on and ob.state != "waived":
                ob.state, ob.met_on = "met", met_on
            elif not met_on and ob.state == "met" and rule.met_by in dates:
                ob.state, ob.met_on, ob.met_by_id = "due", None, None
    months = int(fw.settings.get("retention_months", DEFAULT_RETENTION_MONTHS))
    review.take_down_on = add_months(review.published_on, months) if review.published_on else None
    return report_missed(tenant, review, fw, on)


def report_missed(
    tenant: Tenant, review: Review, fw: FrameworkContext, on: dt.date
) -> list[Obligation]:
    """Announce each obligation missed and not yet announced, once."""
    missed = [
        ob
        for ob in review.obligations
        if not ob.missed_reported and obligation_status(ob, on, fw) == "missed"
    ]
    for ob in missed:
        ob.missed_reported = True
        hooks, board = announce(tenant)
        hooks.review_deadline_missed(
            tenant=board,
            review=review_view(tenant, review),
            obligation=obligation_view(ob, on, fw),
        )
    return missed


def publication_blockers(
    review: Review, published_on: dt.date | None
) -> list[tuple[Obligation, str]]:
    """What stops the review being published yet, each with why (empty: it can be published).

    Obligations that block publication must be met or waived, and a family notice or meeting
    counts only when it happened before the publication date.
    """
    problems = []
    for ob in review.obligations:
        if not ob.blocks_publication or ob.state == "waived":
            continue
        if ob.state != "met":
            problems.append((ob, f"Record “{ob.label}” first (or a board admin can waive it)."))
        elif published_on is not None and ob.met_on is not None and ob.met_on >= published_on:
            problems.append((ob, f"“{ob.label}” must happen before the publication date."))
    return problems
