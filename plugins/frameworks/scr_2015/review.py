"""How a Serious Case Review runs under Working Together 2015, chapter 4: stages, steps, statutory
deadlines, the leaflet's promises to the family, and the timescales a board may change."""

from __future__ import annotations

from core.plugin_api import (
    DeadlineRule,
    ObligationRule,
    SettingsSchema,
    Stage,
    Transition,
)
from plugins.frameworks.common.help import HELP_SETTINGS
from plugins.frameworks.common.promises import (
    PROMISE_SETTINGS,
    REPORT_TRANSITIONS,
    family_promises,
    int_setting,
)
from plugins.frameworks.common.returns import (
    DEPOSIT_FIELDS,
    NSPCC_DEPOSIT,
    SCRT_FIELDS,
    SCRT_SETTING,
    scrt_export,
    scrt_obligation,
)

SCR = {"decision": "scr"}

STAGES = (
    Stage("aware", "Serious incident: notification due"),
    Stage("notified", "Notified: decision due"),
    Stage("in_review", "Serious Case Review under way"),
    Stage("draft", "Draft report"),
    Stage("final", "Final report agreed"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("no_review", "No Serious Case Review", terminal=True),
)

TRANSITIONS = (
    Transition(
        "notify",
        "Record the notification to Ofsted and the board",
        ("aware",),
        "notified",
        fields=("notified_on", "notified_to"),
        hint="The local authority tells Ofsted and the board within 5 working days.",
    ),
    Transition(
        "decide_scr",
        "Decide to hold a Serious Case Review",
        ("notified",),
        "in_review",
        fields=("decision_on", "criteria_met", "decision_rationale"),
        sets=SCR,
        hint="The review aims to finish 6 months after this decision.",
    ),
    Transition(
        "decide_none",
        "Decide not to hold a Serious Case Review",
        ("notified",),
        "no_review",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "none"},
        hint="The decision and its reasons go to the national panel.",
    ),
    *REPORT_TRANSITIONS,
)


OBLIGATIONS = (
    ObligationRule(
        "notify_ofsted",
        "Notify Ofsted and the board",
        deadline=DeadlineRule("aware_on", "working_days", 5, "notification_working_days"),
        met_by="notified_on",
    ),
    ObligationRule(
        "decide",
        "Decide whether to hold a Serious Case Review",
        deadline=DeadlineRule("notified_on", "months", 1, "decision_months"),
        met_by="decision_on",
    ),
    ObligationRule(
        "no_review_notice",
        "Send the decision not to review, with reasons, to the national panel",
        deadline=DeadlineRule("decision_on", "calendar_days", 14, "no_review_notice_days"),
        applies_if={"decision": "none"},
    ),
    ObligationRule(
        "complete",
        "Complete the review (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "target_months"),
        met_by="final_on",
        applies_if=SCR,
        completion=True,
    ),
    ObligationRule(
        "pre_publication_report",
        "Send the report to the national panel, Ofsted and the DfE before publication",
        deadline=DeadlineRule(
            "planned_publication_on", "weeks", 1, "advance_copy_weeks", before=True
        ),
        applies_if=SCR,
    ),
    ObligationRule(
        "anonymisation",
        "Check the report is anonymised",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 1, "anonymisation_working_days", before=True
        ),
        met_by="anonymisation_checked_on",
        applies_if=SCR,
    ),
    *family_promises("decision_on", SCR),
    scrt_obligation(SCR),
    ObligationRule(
        "repository",
        "Deposit the report in the NSPCC national case review repository",
        deadline=DeadlineRule("published_on", "working_days", 10, "repository_working_days"),
        met_by="repository_deposit_on",
        applies_if=SCR,
    ),
)

TO_CONFIRM = "Quoted by a board, to confirm against the guidance."


SETTINGS = SettingsSchema(
    (
        int_setting(
            "notification_working_days", 5, "Notify Ofsted and the board within (working days)"
        ),
        int_setting("decision_months", 1, "Decide within (months of the notification)", maximum=12),
        int_setting(
            "no_review_notice_days", 14, "Send a decision not to review within (days)", TO_CONFIRM
        ),
        int_setting(
            "advance_copy_weeks", 1, "Send the report before publication (weeks)", TO_CONFIRM, 12
        ),
        int_setting(
            "repository_working_days",
            10,
            "Deposit in the national repository within (working days of publication)",
            "Local practice: a default.",
        ),
        SCRT_SETTING,
        *PROMISE_SETTINGS,
        *HELP_SETTINGS,
    )
)

FIELD_TEXT = {
    "notified_to": (
        "Sent to",
        "For example: Ofsted and the Local Safeguarding Children Board (and the Secretary of State "
        "for a looked-after child).",
    ),
}

FIELDS = (*SCRT_FIELDS, *DEPOSIT_FIELDS)
EXPORTS = (scrt_export("SCR"), NSPCC_DEPOSIT)
