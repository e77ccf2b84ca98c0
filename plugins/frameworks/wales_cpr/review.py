"""How a Child Practice Review runs in Wales, concise or extended: stages, steps, deadlines, the
leaflet's promises to the family, and the timescales (most still to confirm) a board may change."""

from __future__ import annotations

from core.plugin_api import (
    DeadlineRule,
    ObligationRule,
    Setting,
    SettingsSchema,
    Stage,
    Transition,
)
from plugins.frameworks.common.help import HELP_SETTINGS
from plugins.frameworks.common.returns import DEPOSIT_FIELDS, WALES_DEPOSIT

HELD = {"decision": "concise|extended"}
TO_CONFIRM = "Timescale to confirm with the Welsh guidance; this is a default."

STAGES = (
    Stage("referred", "Referred to the business unit"),
    Stage("case_review_group", "Case review group considering"),
    Stage("in_review", "Child Practice Review under way"),
    Stage("draft", "Draft report"),
    Stage("final", "Final report agreed"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("no_review", "No Child Practice Review", terminal=True),
)

TRANSITIONS = (
    Transition(
        "refer",
        "Record the referral to the case review group",
        ("referred",),
        "case_review_group",
        fields=("notified_on", "notified_to"),
    ),
    Transition(
        "decide_concise",
        "The chair decides on a concise review",
        ("case_review_group",),
        "in_review",
        fields=("decision_on", "criteria_met", "decision_rationale"),
        sets={"decision": "concise"},
    ),
    Transition(
        "decide_extended",
        "The chair decides on an extended review",
        ("case_review_group",),
        "in_review",
        fields=("decision_on", "criteria_met", "decision_rationale"),
        sets={"decision": "extended"},
        hint="An extended review has two reviewers.",
    ),
    Transition(
        "decide_none",
        "The chair decides no review is needed",
        ("case_review_group",),
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
        hint="Publication needs the family's advance notice and the reviewers' meeting recorded.",
    ),
    Transition(
        "close",
        "Close the review (deposited and action plan complete)",
        ("published",),
        "closed",
        fields=("closed_on",),
    ),
)

OBLIGATIONS = (
    ObligationRule(
        "decision",
        "Case review group decision",
        deadline=DeadlineRule("notified_on", "working_days", 20, "decision_working_days"),
        met_by="decision_on",
    ),
    ObligationRule(
        "welsh_government",
        "Tell the Welsh Government of the review",
        deadline=DeadlineRule("decision_on", "working_days", 5, "welsh_government_working_days"),
        applies_if=HELD,
    ),
    ObligationRule(
        "complete",
        "Complete the review (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "completion_months"),
        met_by="final_on",
        applies_if=HELD,
        completion=True,
    ),
    ObligationRule(
        "advance_copy",
        "Send the report to the Welsh Government before publication",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 7, "advance_copy_working_days", before=True
        ),
        applies_if=HELD,
    ),
    ObligationRule(
        "anonymisation",
        "Check the report is anonymised",
        deadline=DeadlineRule("planned_publication_on", "working_days", 1, before=True),
        met_by="anonymisation_checked_on",
        applies_if=HELD,
    ),
    ObligationRule(
        "family_invited",
        "Invite the family to take part",
        kind="promise",
        deadline=DeadlineRule("decision_on", "working_days", 10, "family_invitation_working_days"),
        met_by="family_invited_on",
        applies_if=HELD,
        family_involvement=True,
    ),
    ObligationRule(
        "lead_reviewer_meeting",
        "The chair and reviewers meet the family to discuss the report",
        kind="promise",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 10, "meeting_working_days", before=True
        ),
        applies_if=HELD,
        family_involvement=True,
        blocks_publication=True,
    ),
    ObligationRule(
        "family_notice",
        "Tell the family before publication",
        kind="promise",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 5, "family_notice_working_days", before=True
        ),
        applies_if=HELD,
        blocks_publication=True,
    ),
    ObligationRule(
        "report_copy",
        "Offer the family a copy of the report",
        kind="promise",
        deadline=DeadlineRule("planned_publication_on", "working_days", 0),
        applies_if=HELD,
    ),
    ObligationRule(
        "repository",
        "Deposit the report in the Wales Safeguarding Repository",
        deadline=DeadlineRule("published_on", "working_days", 10, "repository_working_days"),
        met_by="repository_deposit_on",
        applies_if=HELD,
    ),
)


def _int(name: str, default: int, label: str, help: str = "", maximum: int = 120) -> Setting:
    return Setting(name, "int", default, label, help, min=0, max=maximum)


SETTINGS = SettingsSchema(
    (
        _int(
            "decision_working_days",
            20,
            "Case review group decides within (working days of the referral)",
            TO_CONFIRM,
        ),
        _int(
            "welsh_government_working_days",
            5,
            "Tell the Welsh Government within (working days)",
            TO_CONFIRM,
        ),
        _int(
            "completion_months",
            6,
            "Complete the review within (months of the decision)",
            TO_CONFIRM,
            36,
        ),
        _int(
            "advance_copy_working_days",
            7,
            "Send the report before publication (working days)",
            TO_CONFIRM,
        ),
        _int(
            "repository_working_days",
            10,
            "Deposit in the repository within (working days)",
            TO_CONFIRM,
        ),
        _int(
            "family_invitation_working_days",
            10,
            "Invite the family within (working days of the decision)",
        ),
        _int(
            "meeting_working_days",
            10,
            "Reviewers meet the family at least (working days before publication)",
        ),
        _int(
            "family_notice_working_days",
            5,
            "Tell the family at least (working days before publication)",
        ),
        _int(
            "format_request_working_days",
            10,
            "Provide a format the family asks for within (working days)",
        ),
        _int("at_risk_working_days", 5, "Show a deadline as at risk this many working days ahead"),
        _int(
            "retention_months", 12, "Keep the report published for at least (months)", maximum=240
        ),
        *HELP_SETTINGS,
    )
)

FIELDS = DEPOSIT_FIELDS
EXPORTS = (WALES_DEPOSIT,)

FIELD_TEXT = {
    "notified_on": ("Date referred to the case review group", ""),
    "notified_to": ("Referred to", "For example: the board's business unit and case review group."),
}
