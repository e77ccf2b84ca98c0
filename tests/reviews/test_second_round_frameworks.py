"""The frameworks boards run beyond children's reviews: a Safeguarding Adults Review, a Domestic
Abuse Related Death Review through the Home Office's quality assurance, and Wales' single unified
review, each walked from referral to publication with working-day deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.reviews import services
from core.reviews.context import ReviewError, as_of

d = dt.date.fromisoformat


def _ob(review: Any, key: str) -> Any:
    return next(o for o in review.obligations if o.key == key)


def _meet(t: Any, a: Any, review: Any, key: str, day: str) -> None:
    with as_of(d(day)):
        services.record_met(t, a, review, _ob(review, key).id, d(day))


def _finalise(t: Any, a: Any, review: Any, day: str, publish_on: str) -> None:
    """The final report is in on `day`, to be published in full on `publish_on`."""
    values = {"final_on": d(day), "planned_publication_on": d(publish_on)}
    with as_of(d(day)):
        services.transition(t, a, review, "finalise", {**values, "publication_decision": "full"})


def _publish(t: Any, a: Any, review: Any, day: str) -> None:
    with services.publishing(review), as_of(d(day)):
        services.transition(t, a, review, "publish", {"published_on": d(day)})


def test_dardr_cannot_be_published_until_the_home_office_panel_approves(board, as_role):
    b = board("dardr")

    def walk(t: Any, a: Any) -> Any:
        with as_of(d("2025-04-01")):
            review = services.create_review(
                t, a, reference="DARDR-1", pseudonym="Adult A", aware_on=d("2025-04-01"),
            )  # fmt: skip
        assert _ob(review, "decide").due_on == d("2025-05-01")  # 1 month (Home Office guidance)
        with as_of(d("2025-04-22")):
            services.transition(
                t, a, review, "decide_review",
                {"decision_on": d("2025-04-22"), "criteria_met": "Aged 16+, partner",
                 "decision_rationale": "Meets s9"},
            )  # fmt: skip
        # 5 working days after Tuesday 22 April 2025 (the Easter holidays are already past).
        assert _ob(review, "home_office_decision").due_on == d("2025-04-29")
        assert _ob(review, "advocate_offered").kind == "promise"
        assert review.target_on == d("2025-10-22")
        with as_of(d("2025-04-24")):
            services.update_review(t, a, review, home_office_decision_sent_on=d("2025-04-24"))
        assert _ob(review, "home_office_decision").state == "met"
        with as_of(d("2025-08-01")):
            services.transition(t, a, review, "draft", {"draft_on": d("2025-08-01")})
        with as_of(d("2025-09-01")):
            services.transition(t, a, review, "qa_submit", {"qa_submitted_on": d("2025-09-01")})
        assert _ob(review, "complete").state == "met"
        with as_of(d("2025-10-15")):
            services.transition(
                t, a, review, "qa_feedback",
                {"qa_feedback_on": d("2025-10-15"), "qa_feedback": "Say more about the GP's part."},
            )  # fmt: skip
        with as_of(d("2025-11-03")):
            services.transition(t, a, review, "qa_resubmit", {"qa_resubmitted_on": d("2025-11-03")})
        assert review.stage == "qa_submitted"
        with as_of(d("2025-12-01")):
            services.transition(t, a, review, "qa_approve", {"qa_approved_on": d("2025-12-01")})
        _finalise(t, a, review, "2025-12-02", "2026-01-20")
        with pytest.raises(ReviewError) as refused:
            _publish(t, a, review, "2026-01-20")
        assert "blocked_by_family_notice" in refused.value.errors
        assert "blocked_by_qa_approval" not in refused.value.errors
        _meet(t, a, review, "family_notice", "2026-01-12")
        _meet(t, a, review, "lead_reviewer_meeting", "2026-01-05")
        _publish(t, a, review, "2026-01-20")
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", walk)
    assert review.stage == "published"
    assert review.details["qa_feedback"] == "Say more about the GP's part."


def test_dardr_qa_approval_blocks_publication_until_it_is_recorded(board, as_role):
    b = board("dardr")

    def check(t: Any, a: Any) -> list[str]:
        review = services.create_review(
            t, a, reference="DARDR-2", pseudonym="Adult B", aware_on=d("2025-04-01")
        )
        services.transition(
            t, a, review, "decide_review",
            {"decision_on": d("2025-04-22"), "criteria_met": "x", "decision_rationale": "y"},
        )  # fmt: skip
        qa = _ob(review, "qa_approval")
        assert qa.blocks_publication and qa.state == "due"
        return [t.key for t in services.available_transitions(t, a, review)]

    steps = as_role(b["tenant"], b["manager"], "review_manager", check)
    assert steps == ["draft"]  # no way round the Panel: finalise opens only after approval


@pytest.mark.parametrize(
    ("step", "decision", "stage"),
    [
        ("decide_mandatory", "mandatory", "in_review"),
        ("decide_discretionary", "discretionary", "in_review"),
    ],
)
def test_a_sar_decision_is_mandatory_or_discretionary_with_reasons(
    board, as_role, step, decision, stage
):
    b = board("sar")

    def decide(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="SAR-1", pseudonym="Adult A", aware_on=d("2025-04-01")
        )
        with pytest.raises(ReviewError) as missing:
            services.transition(t, a, review, step, {"decision_on": d("2025-04-20")})
        assert "decision_rationale" in missing.value.errors
        with as_of(d("2025-04-22")):
            services.transition(
                t, a, review, step,
                {"decision_on": d("2025-04-22"), "criteria_met": "s44", "decision_rationale": "Why"},
            )  # fmt: skip
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", decide)
    assert (review.decision, review.stage) == (decision, stage)
    assert {"reviewer", "complete", "annual_report", "family_invited"} <= {
        o.key for o in review.obligations
    }


def test_a_sar_may_choose_another_learning_route_with_its_reasons(board, as_role):
    b = board("sar")

    def other(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="SAR-2", pseudonym="Adult B", aware_on=d("2025-04-01")
        )
        services.transition(
            t, a, review, "decide_other",
            {"decision_on": d("2025-04-10"), "decision_rationale": "A single agency can learn",
             "learning_route": "Learning event led by the trust"},
        )  # fmt: skip
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", other)
    assert review.stage == "other_learning" and review.closed
    assert review.details["learning_route"] == "Learning event led by the trust"
    assert "complete" not in {o.key for o in review.obligations}


def test_a_living_persons_wishes_are_sought_as_a_promise(board, as_role):
    b = board("sar")

    def living(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="SAR-3", pseudonym="Adult C", aware_on=d("2025-04-01")
        )
        services.transition(
            t, a, review, "decide_mandatory",
            {"decision_on": d("2025-04-10"), "criteria_met": "s44", "decision_rationale": "Why"},
        )  # fmt: skip
        assert "person_involved" not in {o.key for o in review.obligations}
        services.update_review(t, a, review, person_living="yes")
        ob = _ob(review, "person_involved")
        assert ob.kind == "promise" and ob.due_on == d("2025-04-28")
        with pytest.raises(ReviewError):
            services.update_review(t, a, review, person_living="perhaps")
        return review

    as_role(b["tenant"], b["manager"], "review_manager", living)


def test_nothing_a_sar_says_speaks_of_a_child(app):
    from core.plugins import get_host

    with app.app_context():
        framework = get_host().frameworks["sar"][1]
    texts = [s.label for s in framework.stages] + [t.label + t.hint for t in framework.transitions]
    texts += [r.label for r in framework.obligations] + [f.label + f.hint for f in framework.fields]
    texts += [label + hint for label, hint in framework.field_text.values()]
    assert not [t for t in texts if "child" in t.lower()]


def test_susr_decision_has_a_due_date_and_the_type_follows_the_criteria(board, as_role):
    b = board("wales-susr")

    def walk(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="SUSR-1", pseudonym="Person A", aware_on=d("2025-04-01")
        )
        services.transition(
            t, a, review, "refer",
            {"notified_on": d("2025-04-02"), "notified_to": "Business unit"},
        )  # fmt: skip
        # 20 working days after Wednesday 2 April 2025, leaving out Good Friday and Easter Monday.
        assert _ob(review, "decision").due_on == d("2025-05-02")
        with pytest.raises(ReviewError) as wrong:
            services.transition(
                t, a, review, "decide_review",
                {"decision_on": d("2025-04-20"), "susr_type": "whatever", "criteria_met": "x",
                 "decision_rationale": "y"},
            )  # fmt: skip
        assert "susr_type" in wrong.value.errors
        with as_of(d("2025-04-22")):
            services.transition(
                t, a, review, "decide_review",
                {"decision_on": d("2025-04-22"), "susr_type": "extended",
                 "criteria_met": "On the register in the 6 months before", "decision_rationale": "y"},
            )  # fmt: skip
        assert _ob(review, "welsh_government").due_on == d("2025-04-29")
        services.transition(t, a, review, "draft", {"draft_on": d("2025-08-01")})
        _finalise(t, a, review, "2025-09-01", "2025-10-20")
        _meet(t, a, review, "family_notice", "2025-10-01")
        _meet(t, a, review, "lead_reviewer_meeting", "2025-10-01")
        with pytest.raises(ReviewError) as refused:
            _publish(t, a, review, "2025-10-20")
        assert "blocked_by_action_plan" in refused.value.errors
        _meet(t, a, review, "action_plan", "2025-10-02")
        _publish(t, a, review, "2025-10-20")
        assert _ob(review, "repository").due_on == d("2025-11-03")
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", walk)
    assert review.details["susr_type"] == "extended" and review.stage == "published"


def test_a_wales_cpr_review_on_a_susr_board_stays_readable_and_finishable(board, as_role):
    b = board("wales-susr")

    def older(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="CPR-1", pseudonym="Child A", framework="wales-cpr",
            aware_on=d("2025-04-01"),
        )  # fmt: skip
        services.transition(
            t, a, review, "refer", {"notified_on": d("2025-04-02"), "notified_to": "Unit"}
        )
        assert _ob(review, "decision").due_on == d("2025-05-02")  # the missing date, now due
        services.transition(
            t, a, review, "decide_none", {"decision_on": d("2025-04-20"), "decision_rationale": "x"}
        )
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", older)
    assert review.framework == "wales-cpr" and review.stage == "no_review" and review.closed


def test_the_lcspr_rapid_review_is_a_record_that_becomes_the_local_review(board, as_role):
    b = board("lcspr-2023")

    def rapid(t: Any, a: Any) -> Any:
        review = services.create_review(
            t, a, reference="CR-1", pseudonym="Child A", aware_on=d("2025-04-01")
        )
        services.update_review(
            t, a, review, looked_after="yes", notifying_council="Eastshire", home_council="Westmoor"
        )
        assert _ob(review, "looked_after_notice").due_on == d("2025-04-08")
        services.transition(
            t, a, review, "notify", {"notified_on": d("2025-04-02"), "notified_to": "Panel"}
        )
        for partner in ("la", "icb", "police"):
            assert _ob(review, f"{partner}_sign_off").due_on == d("2025-04-25")
        services.transition(
            t, a, review, "rapid_review_sent",
            {"rapid_review_on": d("2025-04-25"), "key_practice_episodes": "Three episodes",
             "inequalities": "Language barriers in health visits"},
        )  # fmt: skip
        services.update_review(
            t, a, review, panel_response="agrees", panel_response_on=d("2025-05-06")
        )
        assert _ob(review, "panel_response").state == "met"
        services.transition(
            t,
            a,
            review,
            "decide_local",
            {"decision_on": d("2025-05-07"), "decision_rationale": "x"},
        )
        return review

    review = as_role(b["tenant"], b["manager"], "review_manager", rapid)
    assert review.decision == "local" and review.notified_on == d("2025-04-02")
    assert review.details["key_practice_episodes"] == "Three episodes"


def test_the_susr_type_is_asked_for_a_child_and_for_an_adult():
    """The single unified review covers adults too: its concise-or-extended question names the
    adult's criterion beside the child's, not the child's alone."""
    from plugins.frameworks.wales_susr.review import FIELDS

    (question,) = [f for f in FIELDS if f.key == "susr_type"]
    assert "child protection register" in question.label
    assert "adult" in question.label and "section 126" in question.label
    labels = dict(question.choices)
    assert "adult" in labels["extended"] and "concise" in labels["concise"]
