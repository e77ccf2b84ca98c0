"""The built-in Safeguarding Adults Review framework runs a review from referral to close through
the core's services alone, and a plugin hears every review event through the hooks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

from core import db
from core.reviews import services
from core.reviews.context import Actor, ReviewError, as_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import review_listener


@pytest.fixture
def sar_app(app_with_plugins: Any) -> Any:
    """An app with the listening plugin, sharing this test's rolled-back transaction."""
    review_listener.HEARD.clear()
    return app_with_plugins((review_listener.KEY, review_listener))


def _run(application: Any, tenant_id: int, user: Any, fn: Any) -> Any:
    from flask import g

    from core.tenancy.models import Tenant

    with application.test_request_context("/"):
        db.set_tenant_scope(db.session, tenant_id)
        tenant = db.session.get(Tenant, tenant_id)
        g.tenant = tenant
        result = fn(tenant, Actor(db.session.merge(user), "review_manager"))
        db.session.commit()
        return result


def _sar_review(t: Any, a: Any, reference: str, pseudonym: str) -> Any:
    """A safeguarding adults review the board became aware of on Tuesday 1 April 2025."""
    d = dt.date.fromisoformat
    with as_of(d("2025-04-01")):
        return services.create_review(
            t,
            a,
            reference=reference,
            pseudonym=pseudonym,
            framework="sar",
            aware_on=d("2025-04-01"),
        )


def test_a_fourth_framework_runs_a_review_and_hears_every_event(sar_app, make_tenant, make_user):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")
    d = dt.date.fromisoformat

    def lifecycle(t: Any, a: Any) -> list[str]:
        review = _sar_review(t, a, "SAR-1", "Adult B")
        decide = next(o for o in review.obligations if o.key == "decide")
        # 20 working days from Tuesday 1 April 2025, leaving out Good Friday and Easter Monday.
        assert decide.due_on == d("2025-05-01")
        with as_of(d("2025-04-10")):
            services.transition(
                t,
                a,
                review,
                "decide_mandatory",
                {
                    "decision_on": d("2025-04-10"),
                    "criteria_met": "Care and support needs; died; neglect suspected",
                    "decision_rationale": "Care Act s44(1)-(3)",
                },
            )
        with as_of(d("2025-07-01")):
            services.transition(
                t,
                a,
                review,
                "draft",
                {"draft_on": d("2025-07-01"), "review_method": "learning-together"},
            )
        with as_of(d("2025-08-01")):
            services.transition(
                t,
                a,
                review,
                "finalise",
                {
                    "final_on": d("2025-08-01"),
                    "planned_publication_on": d("2025-09-01"),
                    "publication_decision": "full",
                    "publication_rationale": "Nothing in it harms anyone",
                },
            )
        with pytest.raises(ReviewError), services.publishing(review), as_of(d("2025-09-01")):
            services.transition(t, a, review, "publish", {"published_on": d("2025-09-01")})
        for key, day in (
            ("family_notice", "2025-08-20"),
            ("lead_reviewer_meeting", "2025-08-15"),
            ("accuracy", "2025-07-15"),
        ):
            ob = next(o for o in review.obligations if o.key == key)
            with as_of(d("2025-08-20")):
                services.record_met(t, a, review, ob.id, d(day))
        assert review.details["accuracy_checked_on"] == "2025-07-15"
        with services.publishing(review), as_of(d("2025-09-01")):
            services.transition(t, a, review, "publish", {"published_on": d("2025-09-01")})
        with as_of(d("2025-09-02")):
            services.transition(t, a, review, "close", {"closed_on": d("2025-09-02")})
        return [review.stage, str(review.target_on)]

    assert _run(sar_app, tenant.id, manager, lifecycle) == ["closed", "2025-10-10"]
    heard = [name for name, _ in review_listener.HEARD]
    assert heard[0] == "review_created"
    assert heard.count("review_stage_changed") == 5
    assert ("review_obligation_changed", "met") in [
        (n, e.get("change")) for n, e in review_listener.HEARD
    ]


def test_a_missed_deadline_is_announced_once(sar_app, make_tenant, make_user):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")
    d = dt.date.fromisoformat

    def late(t: Any, a: Any) -> None:
        review = _sar_review(t, a, "SAR-2", "Adult C")
        with as_of(d("2025-06-03")):
            services.refresh(t, review)

    _run(sar_app, tenant.id, manager, late)
    missed = [
        e["obligation"].key for name, e in review_listener.HEARD if name == "review_deadline_missed"
    ]
    assert missed == ["decide"]


def test_a_framework_no_plugin_provides_is_refused(app, make_tenant, make_user, as_role):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")
    with pytest.raises(ReviewError) as refused:
        as_role(
            tenant,
            manager,
            "review_manager",
            lambda t, a: services.create_review(
                t, a, reference="SAR-3", pseudonym="Adult D", framework="sar-2014"
            ),
        )
    assert "framework" in refused.value.errors


def _open_sar(t: Any, a: Any, reference: str = "SAR-9") -> Any:
    d = dt.date.fromisoformat
    with as_of(d("2025-04-01")):
        review = services.create_review(
            t,
            a,
            reference=reference,
            pseudonym="Adult E",
            framework="sar",
            aware_on=d("2025-04-01"),
        )
    return review


def test_review_created_is_announced_with_the_review_and_who_opened_it(
    sar_app, make_tenant, make_user
):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")
    _run(sar_app, tenant.id, manager, _open_sar)
    (name, event), *_ = review_listener.HEARD
    assert name == "review_created"
    assert event["review"].reference == "SAR-9" and event["review"].stage == "referred"
    assert event["actor"] == "manager@adults.example"


def test_review_stage_changed_is_announced_with_both_stages(sar_app, make_tenant, make_user):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")

    def move(t: Any, a: Any) -> None:
        review = _open_sar(t, a)
        services.transition(
            t,
            a,
            review,
            "decide_other",
            {
                "decision_on": dt.date(2025, 4, 8),
                "decision_rationale": "Single-agency learning is enough",
                "learning_route": "A learning event led by the hospital trust",
            },
        )

    _run(sar_app, tenant.id, manager, move)
    changes = [e for n, e in review_listener.HEARD if n == "review_stage_changed"]
    assert [(e["from"], e["to"], e["review"].stage) for e in changes] == [
        ("referred", "other_learning", "other_learning")
    ]


def test_review_obligation_changed_is_announced_when_met_waived_and_reopened(
    sar_app, make_tenant, make_user
):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")
    admin = make_user("admin@adults.example", tenant, "board_admin")

    def met(t: Any, a: Any) -> int:
        review = _open_sar(t, a)
        decide = next(o for o in review.obligations if o.key == "decide")
        services.reopen(t, a, review, decide.id)
        return review.id

    review_id = _run(sar_app, tenant.id, manager, met)

    def waive(t: Any, a: Any) -> None:
        from core.reviews.queries import get_review

        actor = Actor(a.user, "board_admin")
        review = get_review(actor, review_id)
        decide = next(o for o in review.obligations if o.key == "decide")
        services.waive(t, actor, review, decide.id, "Decided at the regional SAR group")

    _run(sar_app, tenant.id, admin, waive)
    changes = [
        (e["obligation"].key, e["change"])
        for n, e in review_listener.HEARD
        if n == "review_obligation_changed"
    ]
    assert changes == [("decide", "reopened"), ("decide", "waived")]
    assert [
        e["obligation"].status for n, e in review_listener.HEARD if n == "review_obligation_changed"
    ][-1] == "waived"


def test_review_deadline_missed_is_announced_once_per_obligation(sar_app, make_tenant, make_user):
    tenant = make_tenant("adults-board", framework="sar")
    manager = make_user("manager@adults.example", tenant, "review_manager")

    def late(t: Any, a: Any) -> None:
        review = _open_sar(t, a)
        for day in (3, 4, 5):
            with as_of(dt.date(2025, 6, day)):
                services.refresh(t, review)

    _run(sar_app, tenant.id, manager, late)
    missed = [
        (e["obligation"].key, e["obligation"].status)
        for n, e in review_listener.HEARD
        if n == "review_deadline_missed"
    ]
    assert missed == [("decide", "missed")]
