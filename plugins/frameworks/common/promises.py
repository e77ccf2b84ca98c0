"""What the English frameworks share: the leaflet's promises to the family as obligations, and the
timescales a board may change for them (with REVIEWS.md's defaults)."""

from __future__ import annotations

from core.plugin_api import DeadlineRule, ObligationRule, Setting, Transition


def int_setting(name: str, default: int, label: str, help: str = "", maximum: int = 120) -> Setting:
    """A whole-number timescale a board admin may change (0 to `maximum`)."""
    return Setting(name, "int", default, label, help, min=0, max=maximum)


def family_promises(start: str, applies: dict[str, str]) -> tuple[ObligationRule, ...]:
    """The leaflet's promises, each an obligation with a date (`start`: the decision's date field)."""
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
            deadline=DeadlineRule(
                "planned_publication_on", "working_days", 0, "report_copy_working_days"
            ),
            applies_if=applies,
        ),
    )


PROMISE_SETTINGS: tuple[Setting, ...] = (
    int_setting(
        "family_invitation_working_days",
        10,
        "Invite the family within (working days of the decision)",
        "Local practice, not statute: the leaflet's promise, with a common default.",
    ),
    int_setting(
        "meeting_working_days",
        10,
        "Lead reviewer meets the family at least (working days before publication)",
        "Local practice, not statute: the leaflet's promise, with a common default.",
    ),
    int_setting(
        "family_notice_working_days",
        5,
        "Tell the family at least (working days before publication)",
        "Local practice, not statute: the leaflet's promise, with a common default.",
    ),
    int_setting(
        "report_copy_working_days",
        0,
        "Offer the family a copy of the report within (working days of the planned publication)",
        "Local practice, not statute: on the day by default.",
    ),
    int_setting(
        "anonymisation_working_days",
        1,
        "Check the report is anonymised at least (working days before publication)",
        "Local practice, not statute: a common default.",
    ),
    int_setting(
        "format_request_working_days",
        10,
        "Provide a format the family asks for within (working days)",
        "Local practice, not statute: the leaflet's promise, with a common default.",
    ),
    int_setting(
        "at_risk_working_days", 5, "Show a deadline as at risk this many working days ahead"
    ),
    int_setting(
        "retention_months", 12, "Keep the report published for at least (months)", maximum=240
    ),
)


# From the draft report to the review's close: the same steps in both English frameworks.
REPORT_TRANSITIONS: tuple[Transition, ...] = (
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
