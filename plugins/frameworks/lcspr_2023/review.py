"""How a Local Child Safeguarding Practice Review runs (Working Together 2023): stages, steps,
statutory deadlines, the leaflet's promises to the family, and the timescales a board may change."""

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
    *REPORT_TRANSITIONS,
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


SETTINGS = SettingsSchema(
    (
        int_setting(
            "notification_working_days", 5, "Notify the national Panel within (working days)"
        ),
        int_setting(
            "rapid_review_working_days",
            15,
            "Rapid review within (working days of the notification)",
        ),
        int_setting(
            "advance_copy_working_days",
            7,
            "Advance copy before publication (working days)",
            "Quoted by a board, to confirm against the guidance.",
        ),
        *PROMISE_SETTINGS,
        *HELP_SETTINGS,
    )
)
