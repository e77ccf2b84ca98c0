"""Obligations: extensions and late telling, the publication block and its waiver, parallel
processes putting family involvement on hold, and timescales a board changes in its settings."""

from __future__ import annotations

import pytest
from reviews_support import d
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.plugins.models import PluginSetting
from core.reviews import people, services
from core.reviews.context import ReviewError, ReviewForbidden, as_of
from core.reviews.queries import get_review, review_row

# What a rapid review records besides its date (the national Panel's guidance).
RAPID_REVIEW = {
    "key_practice_episodes": "Three episodes of health and school contact",
    "inequalities": "How language and poverty shaped the family's contact with services",
}


DECIDED = [
    ("notify", {"notified_on": d("2025-03-05"), "notified_to": "Panel"}),
    ("rapid_review_sent", {"rapid_review_on": d("2025-03-20"), **RAPID_REVIEW}),
    ("decide_local", {"decision_on": d("2025-03-28"), "decision_rationale": "Learning"}),
]


@pytest.fixture
def decided(board, as_role):
    """An LCSPR review decided on 28 March 2025 (target 28 September 2025)."""
    b = board("lcspr-2023")

    def make(t, a):
        with as_of(d("2025-03-03")):
            review = services.create_review(
                t,
                a,
                reference="CR-1",
                pseudonym="Child A",
                aware_on=d("2025-03-03"),
            )
        for key, values in DECIDED:
            with as_of(d("2025-03-28")):
                services.transition(t, a, review, key, values)
        return review.id

    b["review_id"] = as_role(b["tenant"], b["manager"], "review_manager", make)
    return b


def _as(b, who, fn):
    role = {"manager": "review_manager", "admin": "board_admin", "reviewer": "reviewer"}[who]
    return b["as_role"](
        b["tenant"], b[who], role, lambda t, a: fn(t, a, get_review(a, b["review_id"]))
    )


@pytest.fixture
def run(decided, as_role):
    decided["as_role"] = as_role
    return lambda who, fn: _as(decided, who, fn)


def test_the_target_date_is_six_months_after_the_decision(run):
    assert run("manager", lambda t, a, r: r.target_on) == d("2025-09-28")


def _extend(run, on, told_on, reason):
    """The target moved to 28 November 2025 on `on`, the family told on `told_on` (or not yet)."""
    told = d(told_on) if told_on else None
    with as_of(d(on)):
        return run(
            "manager",
            lambda t, a, r: services.extend(
                t, a, r, new_target_on=d("2025-11-28"), reason=reason, family_told_on=told
            ),
        )


def test_an_extension_told_before_the_old_target_is_not_flagged(run):
    ext = _extend(run, "2025-09-02", "2025-09-01", "Police investigation")
    assert not ext.told_late
    assert run(
        "manager",
        lambda t, a, r: (r.target_on, next(o.due_on for o in r.obligations if o.key == "publish")),
    ) == (d("2025-11-28"), d("2025-11-28"))


def test_an_extension_told_after_the_old_target_passed_is_flagged(run):
    ext = _extend(run, "2025-10-02", "2025-10-01", "Inquest")
    assert ext.told_late
    summary = run("manager", lambda t, a, r: r.events[-1].summary)
    assert "told late" in summary


def test_an_extension_not_yet_told_is_flagged_and_needs_a_reason(run):
    with pytest.raises(ReviewError) as refused:
        _extend(run, "2025-09-02", None, " ")
    assert "reason" in refused.value.errors
    ext = _extend(run, "2025-09-02", None, "Inquest")
    assert ext.told_late


def _to_final(t, a, r):
    with as_of(d("2025-07-01")):
        services.transition(t, a, r, "draft", {"draft_on": d("2025-07-01")})
    with as_of(d("2025-08-01")):
        services.transition(
            t,
            a,
            r,
            "finalise",
            {
                "final_on": d("2025-08-01"),
                "planned_publication_on": d("2025-09-01"),
                "publication_decision": "full",
            },
        )


def _publish(t, a, r):
    with services.publishing(r), as_of(d("2025-09-01")):
        return services.transition(t, a, r, "publish", {"published_on": d("2025-09-01")})


def test_publication_is_blocked_until_the_notice_and_meeting_are_recorded(run):
    run("manager", _to_final)
    with pytest.raises(ReviewError) as blocked:
        run("manager", _publish)
    message = " ".join(blocked.value.errors.values())
    assert "Tell the family before publication" in message and "lead reviewer meets" in message
    assert run("manager", lambda t, a, r: r.stage) == "final"


def test_a_notice_on_the_publication_day_is_not_in_advance(run):
    run("manager", _to_final)

    def record_on_the_day(t, a, r):
        for ob in r.obligations:
            if ob.blocks_publication:
                with as_of(d("2025-09-01")):
                    services.record_met(t, a, r, ob.id, d("2025-09-01"))

    run("manager", record_on_the_day)
    with pytest.raises(ReviewError) as blocked:
        run("manager", _publish)
    assert "must happen before the publication date" in " ".join(blocked.value.errors.values())


def test_only_a_board_admin_can_waive_and_the_waiver_is_audited(run):
    run("manager", _to_final)

    def waive_all(t, a, r):
        for ob in r.obligations:
            if ob.blocks_publication:
                services.waive(t, a, r, ob.id, "The family asked not to be contacted again")

    with pytest.raises(ReviewForbidden):
        run("manager", waive_all)
    run("admin", waive_all)
    assert run("manager", _publish).stage == "published"
    waivers = run(
        "admin",
        lambda t, a, r: [
            e.details
            for e in db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "review.obligation_waived")
            )
        ],
    )
    assert len(waivers) == 2 and all(
        w["reason"] == "The family asked not to be contacted again" for w in waivers
    )


def test_a_waiver_needs_a_reason(run):
    with pytest.raises(ReviewError):
        run("admin", lambda t, a, r: services.waive(t, a, r, r.obligations[0].id, "  "))


def test_an_open_parallel_process_puts_family_involvement_on_hold(run):
    with as_of(d("2025-04-01")):
        run(
            "manager",
            lambda t, a, r: people.add_parallel_process(
                t, a, r, kind="police", started_on=d("2025-03-20")
            ),
        )

    def holds(t, a, r, on):
        return {o.obligation.key: o.on_hold for o in review_row(t, r, on).obligations}

    held = run("manager", lambda t, a, r: holds(t, a, r, d("2025-04-01")))
    assert held["family_invited"] is True and held["publish"] is False
    process_id = run("manager", lambda t, a, r: r.parallel_processes[0].id)
    with as_of(d("2025-04-03")):
        run(
            "manager",
            lambda t, a, r: people.end_parallel_process(t, a, r, process_id, d("2025-04-02")),
        )
    assert (
        run("manager", lambda t, a, r: holds(t, a, r, d("2025-04-03")))["family_invited"] is False
    )


def test_a_board_changes_a_timescale_in_its_settings(decided, as_role):
    tenant = decided["tenant"]

    def set_days(t, a):
        db.session.add(
            PluginSetting(
                plugin="lcspr-2023", settings={"rapid_review_working_days": 20}, version=1
            )
        )
        t.content_version += 1
        db.session.flush()
        review = get_review(a, decided["review_id"])
        with as_of(d("2025-03-28")):
            services.refresh(t, review)
        return next(o.due_on for o in review.obligations if o.key == "rapid_review")

    # 20 working days from 5 March 2025 instead of 15.
    assert as_role(tenant, decided["manager"], "review_manager", set_days) == d("2025-04-02")


def test_statuses_follow_today(run):
    def status_on(on):
        return run(
            "manager",
            lambda t, a, r: {o.obligation.key: o.status for o in review_row(t, r, on).obligations},
        )

    assert status_on(d("2025-04-01"))["family_invited"] == "due"  # due 11 April: 8 working days
    assert status_on(d("2025-04-07"))["family_invited"] == "at_risk"
    assert status_on(d("2025-04-14"))["family_invited"] == "missed"
    assert status_on(d("2025-04-14"))["notify_panel"] == "met"


def test_a_format_the_family_asks_for_becomes_a_promise_with_a_date(run):
    def add(t, a, r):
        with as_of(d("2025-12-22")):
            people.save_family_member(
                t, a, r, role="Father", preferred_locale="en", preferred_format="braille",
                involvement="not_yet_invited", format_requested_on=d("2025-12-19"),
            )  # fmt: skip
        return [(o.label, o.due_on, o.kind) for o in r.obligations if o.key == "format_request"]

    # Ten working days from Friday 19 December 2025, leaving out Christmas, Boxing Day and New Year.
    assert run("manager", add) == [
        ("Provide braille for Father (asked 2025-12-19)", d("2026-01-07"), "promise")
    ]
    member_id = run("manager", lambda t, a, r: r.family_members[0].id)
    ob_id = run(
        "manager", lambda t, a, r: next(o.id for o in r.obligations if o.key == "format_request")
    )
    with as_of(d("2026-01-05")):
        run(
            "manager",
            lambda t, a, r: services.record_met(t, a, r, ob_id, d("2026-01-05")),
        )
    states = run(
        "manager",
        lambda t, a, r: [(o.state, o.met_on) for o in r.obligations if o.key == "format_request"],
    )
    assert states == [("met", d("2026-01-05"))]
    # Saving the member again without changing the format asks for nothing new.
    with as_of(d("2026-01-06")):
        run(
            "manager",
            lambda t, a, r: people.save_family_member(
                t,
                a,
                r,
                people.family_member(r, member_id),
                role="Father",
                preferred_format="braille",
            ),
        )
    assert (
        run("manager", lambda t, a, r: sum(o.key == "format_request" for o in r.obligations)) == 1
    )
