"""How a Local Child Safeguarding Practice Review runs (Working Together 2023): stages, steps,
statutory deadlines, the leaflet's promises to the family, and the timescales a board may change."""

from __future__ import annotations

from core.plugin_api import (
    DeadlineRule,
    ObligationRule,
    Setting,
    SettingsSchema,
    Stage,
    Transition,
)

LOCAL = {"decision": "local"}

STAGES = (
    Stage("aware", "Serious incident: notification due"),
    Stage("rapid_review", "Rapid review"),
    Stage("decision", "Waiting for the decision"),
    Stage("in_review", "Local review under way"),
    Stage("draft", "Draft report"),
    Stage("final", "Final report agreed"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("national", "Taken as a national review", terminal=True),
    Stage("no_review", "No local review", terminal=True),
)

TRANSITIONS = (
    Transition(
        "notify",
        "Record the notification to the national Panel",
        ("aware",),
        "rapid_review",
        fields=("notified_on", "notified_to"),
        hint="The local authority tells the Child Safeguarding Practice Review Panel within 5 working days.",
    ),
    Transition(
        "rapid_review_sent",
        "Record the rapid review sent to the Panel",
        ("rapid_review",),
        "decision",
        fields=("rapid_review_on",),
        hint="The rapid review is due 15 working days after the notification.",
    ),
    Transition(
        "decide_local",
        "Decide to hold a local review",
        ("decision",),
        "in_review",
        fields=("decision_on", "decision_rationale"),
        sets=LOCAL,
        hint="The target publication date becomes 6 months after this decision.",
    ),
    Transition(
        "decide_national",
        "The national Panel takes it as a national review",
        ("decision",),
        "national",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "national"},
    ),
    Transition(
        "decide_none",
        "Decide not to hold a local review",
        ("decision",),
        "no_review",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "none"},
    ),
    Transition("draft", "Record the draft report", ("in_review",), "draft", fields=("draft_on",)),
    Transition(
        "finalise",
        "Agree the final report and plan publication",
        ("draft",),
        "final",
        fields=("final_on", "planned_publication_on", "publication_decision"),
    ),
    Transition(
        "publish",
        "Record publication",
        ("final",),
        "published",
        fields=("published_on",),
        hint="Publication needs the family's advance notice and the lead reviewer's meeting recorded.",
    ),
    Transition(
        "close",
        "Close the review (action plan complete)",
        ("published",),
        "closed",
        fields=("closed_on",),
    ),
)


def family_promises(start: str, applies: dict[str, str]) -> tuple[ObligationRule, ...]:
    """The leaflet's promises, each an obligation with a date."""
    return (
        ObligationRule(
            "family_invited",
            "Invite the family to give their views",
            kind="promise",
            deadline=DeadlineRule(start, "working_days", 10, "family_invitation_working_days"),
            met_by="family_invited_on",
            applies_if=applies,
            family_involvement=True,
        ),
        ObligationRule(
            "lead_reviewer_meeting",
            "The lead reviewer meets the family to discuss the report",
            kind="promise",
            deadline=DeadlineRule(
                "planned_publication_on", "working_days", 10, "meeting_working_days", before=True
            ),
            applies_if=applies,
            family_involvement=True,
            blocks_publication=True,
        ),
        ObligationRule(
            "family_notice",
            "Tell the family before publication",
            kind="promise",
            deadline=DeadlineRule(
                "planned_publication_on",
                "working_days",
                5,
                "family_notice_working_days",
                before=True,
            ),
            applies_if=applies,
            blocks_publication=True,
        ),
        ObligationRule(
            "report_copy",
            "Offer the family a copy of the report",
            kind="promise",
            deadline=DeadlineRule("planned_publication_on", "working_days", 0),
            applies_if=applies,
        ),
    )


OBLIGATIONS = (
    ObligationRule(
        "notify_panel",
        "Notify the national Panel",
        deadline=DeadlineRule("aware_on", "working_days", 5, "notification_working_days"),
        met_by="notified_on",
    ),
    ObligationRule(
        "rapid_review",
        "Send the rapid review to the national Panel",
        deadline=DeadlineRule("notified_on", "working_days", 15, "rapid_review_working_days"),
        met_by="rapid_review_on",
    ),
    ObligationRule(
        "publish",
        "Publish the report (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "target_months"),
        met_by="published_on",
        applies_if=LOCAL,
        completion=True,
    ),
    ObligationRule(
        "advance_copy",
        "Send the advance copy to the national Panel and the Secretary of State",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 7, "advance_copy_working_days", before=True
        ),
        applies_if=LOCAL,
    ),
    ObligationRule(
        "anonymisation",
        "Check the report is anonymised",
        deadline=DeadlineRule("planned_publication_on", "working_days", 1, before=True),
        met_by="anonymisation_checked_on",
        applies_if=LOCAL,
    ),
    *family_promises("decision_on", LOCAL),
)


def _days(name: str, default: int, label: str, help: str = "", maximum: int = 120) -> Setting:
    return Setting(name, "int", default, label, help, min=0, max=maximum)


SETTINGS = SettingsSchema(
    (
        _days("notification_working_days", 5, "Notify the national Panel within (working days)"),
        _days(
            "rapid_review_working_days",
            15,
            "Rapid review within (working days of the notification)",
        ),
        _days(
            "advance_copy_working_days",
            7,
            "Advance copy before publication (working days)",
            "Quoted by a board, to confirm against the guidance.",
        ),
        _days(
            "family_invitation_working_days",
            10,
            "Invite the family within (working days of the decision)",
        ),
        _days(
            "meeting_working_days",
            10,
            "Lead reviewer meets the family at least (working days before publication)",
        ),
        _days(
            "family_notice_working_days",
            5,
            "Tell the family at least (working days before publication)",
        ),
        _days(
            "format_request_working_days",
            10,
            "Provide a format the family asks for within (working days)",
        ),
        _days("at_risk_working_days", 5, "Show a deadline as at risk this many working days ahead"),
        _days(
            "retention_months", 12, "Keep the report published for at least (months)", maximum=240
        ),
    )
)
