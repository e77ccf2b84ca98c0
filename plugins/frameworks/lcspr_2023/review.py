"""How a Local Child Safeguarding Practice Review runs (Working Together 2023): stages, steps,
statutory deadlines, the leaflet's promises to the family, and the timescales a board may change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.plugin_api import (
    DeadlineRule,
    Export,
    ObligationRule,
    ReviewField,
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
    iso,
    scrt_export,
    scrt_obligation,
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
        fields=("rapid_review_on", "key_practice_episodes", "inequalities"),
        hint="The rapid review is due 15 working days after the notification.",
    ),
    Transition(
        "decide_local",
        "Decide to hold a local review",
        ("decision",),
        "in_review",
        fields=("decision_on", "decision_rationale"),
        sets=LOCAL,
        hint="The rapid review becomes the local review: its dates, people and findings carry "
        "over. The target publication date becomes 6 months after this decision.",
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


YES_NO = (("yes", "Yes"), ("no", "No"))
PANEL_RESPONSES = (
    ("agrees", "Agrees with the decision"),
    ("questions", "Asks questions"),
    ("national", "Takes it as a national review"),
)
PARTNERS = (
    ("la", "the local authority"),
    ("icb", "the integrated care board"),
    ("police", "the police"),
)

# The rapid review as a record (Working Together 2023; the national Panel's guidance, June 2025),
# the serious incident notification's own fields, and the national returns.
FIELDS: tuple[ReviewField, ...] = (
    ReviewField(
        "looked_after",
        "Was the child looked after?",
        "choice",
        YES_NO,
        hint="A looked-after child's death is notified to the Secretary of State and Ofsted "
        "whether or not abuse or neglect is suspected.",
    ),
    ReviewField("sos_notified_on", "Date the Secretary of State and Ofsted were told", "date"),
    ReviewField(
        "notifying_council",
        "Council that notified",
        hint="When the incident happened outside the child's home area, the council where it "
        "happened notifies and works with the home council.",
    ),
    ReviewField("home_council", "The child's home council"),
    ReviewField(
        "key_practice_episodes",
        "Key practice episodes",
        "longtext",
        hint="The moments in the services' work that the rapid review looked at. No names.",
    ),
    ReviewField(
        "inequalities",
        "How racism and other inequalities were considered",
        "longtext",
        hint="How racism, and other inequalities, affected the family and the services' work.",
    ),
    *(
        ReviewField(f"{key}_signed_off_on", f"Date {name} signed off the rapid review", "date")
        for key, name in PARTNERS
    ),
    ReviewField("panel_response", "The national Panel's response", "choice", PANEL_RESPONSES),
    ReviewField("panel_response_on", "Date of the Panel's response", "date"),
    ReviewField("notification_acknowledged_on", "Date the notification was acknowledged", "date"),
    *SCRT_FIELDS,
    *DEPOSIT_FIELDS,
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
    *(
        ObligationRule(
            f"{key}_sign_off",
            f"Sign-off of the rapid review by {name}",
            deadline=DeadlineRule("notified_on", "working_days", 15, "rapid_review_working_days"),
            met_by=f"{key}_signed_off_on",
        )
        for key, name in PARTNERS
    ),
    ObligationRule(
        "panel_response",
        "The national Panel replies to the rapid review",
        deadline=DeadlineRule("rapid_review_on", "working_days", 10, "panel_response_working_days"),
        met_by="panel_response_on",
    ),
    ObligationRule(
        "looked_after_notice",
        "Tell the Secretary of State and Ofsted of a looked-after child's death",
        deadline=DeadlineRule("aware_on", "working_days", 5, "notification_working_days"),
        met_by="sos_notified_on",
        applies_if={"looked_after": "yes"},
    ),
    ObligationRule(
        "repository",
        "Deposit the report in the NSPCC national case review repository",
        deadline=DeadlineRule("published_on", "working_days", 10, "repository_working_days"),
        met_by="repository_deposit_on",
        applies_if=LOCAL,
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
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 1, "anonymisation_working_days", before=True
        ),
        met_by="anonymisation_checked_on",
        applies_if=LOCAL,
    ),
    *family_promises("decision_on", LOCAL),
    scrt_obligation({}, "rapid_review_on"),
)


SETTINGS = SettingsSchema(
    (
        int_setting(
            "notification_working_days",
            5,
            "Notify the national Panel within (working days)",
            "Statute and statutory guidance (Children Act 2004 s16C, Working Together 2023).",
        ),
        int_setting(
            "rapid_review_working_days",
            15,
            "Rapid review within (working days of the notification)",
            "Statutory guidance (Working Together 2023).",
        ),
        int_setting(
            "panel_response_working_days",
            10,
            "Expect the Panel's reply within (working days of the rapid review)",
            "Quoted by boards (about 10 days), to confirm against the Panel's guidance.",
        ),
        int_setting(
            "repository_working_days",
            10,
            "Deposit in the national repository within (working days of publication)",
            "Local practice: a default.",
        ),
        int_setting(
            "advance_copy_working_days",
            7,
            "Advance copy before publication (working days)",
            "Quoted by a board, to confirm against the guidance.",
        ),
        SCRT_SETTING,
        *PROMISE_SETTINGS,
        *HELP_SETTINGS,
    )
)


FIELD_TEXT: Mapping[str, tuple[str, str]] = {
    "notified_to": (
        "Sent to",
        "For example: the Child Safeguarding Practice Review Panel and Ofsted (and the Secretary "
        "of State for a looked-after child).",
    ),
    "rapid_review_on": ("Date the rapid review was sent to the Panel", ""),
    "decision:local": ("Local child safeguarding practice review", ""),
    "decision:national": ("Taken as a national review", ""),
}


def notification_row(v: Mapping[str, Any]) -> dict[str, object]:
    return {
        "Board": v["board"],
        "Local id": v["reference"],
        "StEIS id": v.get("steis_id", ""),
        "Pseudonym": v["pseudonym"],
        "Date of incident": iso(v.get("incident_on")),
        "Date board aware": iso(v.get("aware_on")),
        "Date notified": iso(v.get("notified_on")),
        "Notified to": v.get("notified_to", ""),
        "Looked after": v.get("looked_after", ""),
        "Secretary of State and Ofsted told": iso(v.get("sos_notified_on")),
        "Notifying council": v.get("notifying_council", ""),
        "Home council": v.get("home_council", ""),
        "Rapid review sent": iso(v.get("rapid_review_on")),
        "Local authority sign-off": iso(v.get("la_signed_off_on")),
        "ICB sign-off": iso(v.get("icb_signed_off_on")),
        "Police sign-off": iso(v.get("police_signed_off_on")),
        "Panel response": v.get("panel_response", ""),
        "Panel response date": iso(v.get("panel_response_on")),
        "Converted to local review": "Yes" if v["decision"] == "local" else "",
    }


NOTIFICATION = Export(
    "serious-incident-notification",
    "Serious incident notifications and rapid reviews",
    (
        "Board",
        "Local id",
        "StEIS id",
        "Pseudonym",
        "Date of incident",
        "Date board aware",
        "Date notified",
        "Notified to",
        "Looked after",
        "Secretary of State and Ofsted told",
        "Notifying council",
        "Home council",
        "Rapid review sent",
        "Local authority sign-off",
        "ICB sign-off",
        "Police sign-off",
        "Panel response",
        "Panel response date",
        "Converted to local review",
    ),
    notification_row,
    "The notification's fields and the rapid review's sign-off and the Panel's reply, one row "
    "per review.",
    sent_field="notified_on",
    acknowledged_field="notification_acknowledged_on",
)

EXPORTS = (
    NOTIFICATION,
    scrt_export("CSPR", lambda v: "Yes" if v["decision"] == "local" else "No"),
    NSPCC_DEPOSIT,
)
