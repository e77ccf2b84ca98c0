"""How a Domestic Abuse Related Death Review runs (Domestic Violence, Crime and Victims Act 2004 s9,
renamed by the Victims and Prisoners Act 2024; formerly a Domestic Homicide Review): the community
safety partnership's decision and the Home Office told of it, an independent chair, the family's
specialist advocate offered at the first contact, the Home Office Quality Assurance Panel
(submission, feedback, revision, approval), and publication after approval with the family told
first.

The 1-month decision and 6-month completion come from the Home Office's statutory guidance; the
other timescales are local practice and framework settings.
"""

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
from plugins.frameworks.common.promises import PROMISE_SETTINGS, family_promises, int_setting
from plugins.frameworks.common.returns import (
    DEPOSIT_FIELDS,
    SCRT_FIELDS,
    SCRT_SETTING,
    iso,
    return_obligation,
    scrt_export,
    scrt_obligation,
    sent_and_acknowledged,
)

HELD = {"decision": "review"}
GUIDANCE = "Home Office statutory guidance; a board may record its own figure."
LOCAL = "Local practice, not statute: a common default."

STAGES = (
    Stage("notified", "Death notified to the partnership: decision due"),
    Stage("in_review", "Review under way"),
    Stage("draft", "Draft report"),
    Stage("qa_submitted", "With the Home Office Quality Assurance Panel"),
    Stage("qa_revising", "Revising after the Quality Assurance Panel's feedback"),
    Stage("qa_approved", "Approved by the Quality Assurance Panel"),
    Stage("final", "Final report: publication planned"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("no_review", "No review", terminal=True),
)

TRANSITIONS = (
    Transition(
        "decide_review",
        "Decide to hold a Domestic Abuse Related Death Review",
        ("notified",),
        "in_review",
        fields=("decision_on", "criteria_met", "decision_rationale"),
        sets=HELD,
        hint="Tell the Home Office of the decision. The review aims to finish 6 months after it.",
    ),
    Transition(
        "decide_none",
        "Decide not to hold a review",
        ("notified",),
        "no_review",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "none"},
        hint="The Home Office is told of this decision and its reasons too.",
    ),
    Transition("draft", "Record the draft report", ("in_review",), "draft", fields=("draft_on",)),
    Transition(
        "qa_submit",
        "Submit the report to the Home Office Quality Assurance Panel",
        ("draft",),
        "qa_submitted",
        fields=("qa_submitted_on",),
    ),
    Transition(
        "qa_feedback",
        "Record the Quality Assurance Panel's feedback",
        ("qa_submitted",),
        "qa_revising",
        fields=("qa_feedback_on", "qa_feedback"),
    ),
    Transition(
        "qa_resubmit",
        "Send the revised report back to the Panel",
        ("qa_revising",),
        "qa_submitted",
        fields=("qa_resubmitted_on",),
    ),
    Transition(
        "qa_approve",
        "Record the Quality Assurance Panel's approval",
        ("qa_submitted",),
        "qa_approved",
        fields=("qa_approved_on",),
        hint="The report may be published only after this approval.",
    ),
    Transition(
        "finalise",
        "Agree the final report and plan publication",
        ("qa_approved",),
        "final",
        fields=("final_on", "planned_publication_on", "publication_decision"),
    ),
    Transition(
        "publish",
        "Record publication",
        ("final",),
        "published",
        fields=("published_on",),
        hint="Publication needs the Panel's approval and the family told first.",
    ),
    Transition(
        "close",
        "Close the review (action plan complete)",
        ("published",),
        "closed",
        fields=("closed_on",),
    ),
)

FIELDS: tuple[ReviewField, ...] = (
    *sent_and_acknowledged("home_office_decision", "the decision to the Home Office"),
    ReviewField(
        "advocate_offered_on",
        "Date the family was offered a specialist advocate",
        "date",
        hint="At the first contact, with time to choose (AAFDA or another specialist service).",
    ),
    ReviewField("qa_submitted_on", "Date submitted to the Quality Assurance Panel", "date"),
    ReviewField("qa_acknowledged_on", "Date the Home Office acknowledged the submission", "date"),
    ReviewField("qa_feedback_on", "Date of the Panel's feedback", "date"),
    ReviewField(
        "qa_feedback",
        "The Panel's feedback",
        "longtext",
        hint="What the Panel asked to change. No names.",
    ),
    ReviewField("qa_resubmitted_on", "Date the revised report went back to the Panel", "date"),
    ReviewField("qa_approved_on", "Date the Quality Assurance Panel approved the report", "date"),
    *SCRT_FIELDS,
    *DEPOSIT_FIELDS,
)

OBLIGATIONS = (
    ObligationRule(
        "decide",
        "Decide whether to hold a review",
        deadline=DeadlineRule("aware_on", "months", 1, "decision_months"),
        met_by="decision_on",
    ),
    return_obligation(
        "home_office_decision",
        "Tell the Home Office of the decision",
        "decision_on",
        5,
        "home_office_working_days",
    ),
    ObligationRule(
        "chair",
        "Appoint an independent chair and record their independence",
        deadline=DeadlineRule("decision_on", "working_days", 20, "chair_working_days"),
        met_by="independence_declared_on",
        applies_if=HELD,
    ),
    ObligationRule(
        "advocate_offered",
        "Offer the family a specialist advocate at the first contact",
        kind="promise",
        deadline=DeadlineRule("decision_on", "working_days", 10, "family_invitation_working_days"),
        met_by="advocate_offered_on",
        applies_if=HELD,
    ),
    ObligationRule(
        "complete",
        "Submit the completed review to the Home Office (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "target_months"),
        met_by="qa_submitted_on",
        applies_if=HELD,
        completion=True,
    ),
    ObligationRule(
        "qa_approval",
        "Home Office Quality Assurance Panel approval",
        met_by="qa_approved_on",
        applies_if=HELD,
        blocks_publication=True,
    ),
    scrt_obligation(HELD),
    ObligationRule(
        "anonymisation",
        "Check the report is anonymised",
        deadline=DeadlineRule(
            "planned_publication_on", "working_days", 1, "anonymisation_working_days", before=True
        ),
        met_by="anonymisation_checked_on",
        applies_if=HELD,
    ),
    *(
        rule
        if rule.key != "lead_reviewer_meeting"
        else ObligationRule(
            rule.key,
            "The chair meets the family to discuss the report",
            kind=rule.kind,
            deadline=rule.deadline,
            applies_if=rule.applies_if,
            family_involvement=True,
            blocks_publication=True,
        )
        for rule in family_promises("decision_on", HELD)
    ),
)

SETTINGS = SettingsSchema(
    (
        *HELP_SETTINGS,
        int_setting(
            "decision_months", 1, "Decide within (months of the notification)", GUIDANCE, 12
        ),
        int_setting(
            "home_office_working_days",
            5,
            "Tell the Home Office of the decision within (working days)",
            LOCAL,
        ),
        int_setting(
            "chair_working_days",
            20,
            "Appoint the independent chair within (working days of the decision)",
            LOCAL,
        ),
        SCRT_SETTING,
        *PROMISE_SETTINGS,
    )
)

FIELD_TEXT: Mapping[str, tuple[str, str]] = {
    "aware_on": (
        "Date the community safety partnership was notified of the death",
        "The decision is due 1 month after this (Home Office guidance).",
    ),
    "criteria_met": (
        "How the death meets the criteria",
        "A person aged 16 or over died, and the death has, or appears to have, resulted from "
        "violence, abuse or neglect by a relative, partner or member of the same household.",
    ),
    "lead_reviewers": ("Independent chair and report author", ""),
    "independence_declared_on": ("Date the chair declared their independence", ""),
    "pseudonym": ("Pseudonym (never a real name)", "The name the family chose, or like Adult A."),
    "decision:review": ("Domestic Abuse Related Death Review", ""),
}


def qa_pack_row(v: Mapping[str, Any]) -> dict[str, object]:
    return {
        "Community safety partnership": v["board"],
        "Local id": v["reference"],
        "Pseudonym": v["pseudonym"],
        "Date notified": iso(v.get("aware_on")),
        "Date of decision": iso(v.get("decision_on")),
        "Home Office told of decision": iso(v.get("home_office_decision_sent_on")),
        "Independent chair": v.get("lead_reviewers", ""),
        "Chair's independence declared": iso(v.get("independence_declared_on")),
        "Advocate offered to the family": iso(v.get("advocate_offered_on")),
        "Family members": v.get("family_members", 0),
        "Family members taking part": v.get("family_members_involved", 0),
        "Parallel processes": v.get("parallel_processes", ""),
        "Extensions": v.get("extensions", 0),
        "Target date": iso(v.get("target_on")),
        "Submitted to the Panel": iso(v.get("qa_submitted_on")),
        "Submission acknowledged": iso(v.get("qa_acknowledged_on")),
        "Panel feedback": iso(v.get("qa_feedback_on")),
        "Resubmitted": iso(v.get("qa_resubmitted_on")),
        "Approved": iso(v.get("qa_approved_on")),
        "Stage": v["stage_label"],
    }


QA_PACK = Export(
    "home-office-qa",
    "Home Office Quality Assurance Panel submission pack",
    (
        "Community safety partnership",
        "Local id",
        "Pseudonym",
        "Date notified",
        "Date of decision",
        "Home Office told of decision",
        "Independent chair",
        "Chair's independence declared",
        "Advocate offered to the family",
        "Family members",
        "Family members taking part",
        "Parallel processes",
        "Extensions",
        "Target date",
        "Submitted to the Panel",
        "Submission acknowledged",
        "Panel feedback",
        "Resubmitted",
        "Approved",
        "Stage",
    ),
    qa_pack_row,
    "The cover sheet of each submission: dates, the chair's independence, the family's involvement.",
    sent_field="qa_submitted_on",
    acknowledged_field="qa_acknowledged_on",
)

EXPORTS = (scrt_export("DARDR"), QA_PACK)
