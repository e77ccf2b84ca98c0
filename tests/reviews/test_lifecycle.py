"""A review runs from notification to closure in each built-in framework, through the services."""

from __future__ import annotations

import pytest
from reviews_support import d

from core.reviews import services
from core.reviews.context import ReviewError, as_of
from core.reviews.queries import review_row

# What a rapid review records besides its date (the national Panel's guidance).
RAPID_REVIEW = {
    "key_practice_episodes": "Three episodes of health and school contact",
    "inequalities": "How language and poverty shaped the family's contact with services",
}


LIFECYCLES = {
    "lcspr-2023": [
        ("notify", {"notified_on": d("2025-03-05"), "notified_to": "National Panel"}),
        ("rapid_review_sent", {"rapid_review_on": d("2025-03-20"), **RAPID_REVIEW}),
        (
            "decide_local",
            {"decision_on": d("2025-03-28"), "decision_rationale": "Learning for partners"},
        ),
        ("draft", {"draft_on": d("2025-07-01")}),
        (
            "finalise",
            {
                "final_on": d("2025-08-01"),
                "planned_publication_on": d("2025-09-01"),
                "publication_decision": "full",
            },
        ),
        ("publish", {"published_on": d("2025-09-01")}),
        ("close", {"closed_on": d("2025-10-01")}),
    ],
    "scr-2015": [
        ("notify", {"notified_on": d("2025-03-05"), "notified_to": "Ofsted"}),
        (
            "decide_scr",
            {
                "decision_on": d("2025-03-28"),
                "criteria_met": "Child died",
                "decision_rationale": "Criteria met",
            },
        ),
        ("draft", {"draft_on": d("2025-07-01")}),
        (
            "finalise",
            {
                "final_on": d("2025-08-01"),
                "planned_publication_on": d("2025-09-01"),
                "publication_decision": "summary",
            },
        ),
        ("publish", {"published_on": d("2025-09-01")}),
        ("close", {"closed_on": d("2025-10-01")}),
    ],
    "wales-cpr": [
        ("refer", {"notified_on": d("2025-03-05"), "notified_to": "Business unit"}),
        (
            "decide_extended",
            {
                "decision_on": d("2025-03-28"),
                "criteria_met": "Looked after",
                "decision_rationale": "Extended",
            },
        ),
        ("draft", {"draft_on": d("2025-07-01")}),
        (
            "finalise",
            {
                "final_on": d("2025-08-01"),
                "planned_publication_on": d("2025-09-01"),
                "publication_decision": "full",
            },
        ),
        ("publish", {"published_on": d("2025-09-01")}),
        ("close", {"closed_on": d("2025-10-01")}),
    ],
}


@pytest.mark.parametrize("framework", sorted(LIFECYCLES))
def test_a_review_runs_from_notification_to_closure(framework, board, as_role):
    b = board(framework)
    tenant, manager = b["tenant"], b["manager"]
    today = d("2025-03-03")

    with as_of(today):
        review = as_role(
            tenant,
            manager,
            "review_manager",
            lambda t, a: services.create_review(
                t, a, reference="CR-1", pseudonym="Child A", aware_on=d("2025-03-03")
            ),
        )
    review_id = review.id
    from core.reviews.people import save_family_member
    from core.reviews.queries import get_review

    def step(key, values, on):
        def run(t, a):
            r = get_review(a, review_id)
            # Publication is the report service's step; here the review's rules alone are tested.
            with services.publishing(r), as_of(on):
                services.transition(t, a, r, key, values)
            return r.stage

        return as_role(tenant, manager, "review_manager", run)

    for key, values in LIFECYCLES[framework]:
        on = max(v for v in values.values() if hasattr(v, "year"))
        if key == "publish":
            # Blocked first: the family has not been told nor met.
            with pytest.raises(ReviewError) as blocked:
                step(key, values, on)
            assert "Tell the family before publication" in str(blocked.value)

            def record_promises(t, a):
                r = get_review(a, review_id)
                for ob in list(r.obligations):
                    if ob.key in ("family_notice", "lead_reviewer_meeting"):
                        with as_of(d("2025-09-01")):
                            services.record_met(t, a, r, ob.id, d("2025-08-20"))

            as_role(tenant, manager, "review_manager", record_promises)
        if key == "draft":
            with as_of(d("2025-04-02")):
                as_role(
                    tenant,
                    manager,
                    "review_manager",
                    lambda t, a: save_family_member(
                        t,
                        a,
                        get_review(a, review_id),
                        role="Mother",
                        preferred_locale="pl",
                        involvement="invited",
                        invited_on=d("2025-04-02"),
                    ),
                )
        stage = step(key, values, on)
    assert stage == "closed"

    def check(t, a):
        r = get_review(a, review_id)
        row = review_row(t, r, on=d("2025-10-02"))
        return r, len(r.events), {o.obligation.key: o.status for o in row.obligations}

    review, events, statuses = as_role(tenant, manager, "review_manager", check)
    assert review.closed
    assert review.take_down_on == d("2026-09-01")
    assert statuses["family_notice"] == "met"
    assert statuses["family_invited"] == "met"
    assert events >= len(LIFECYCLES[framework]) + 1
