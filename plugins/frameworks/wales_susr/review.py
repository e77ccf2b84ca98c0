"""How a Single Unified Safeguarding Review runs in Wales: referral to the regional board's case
review group, the group's decision with a due date, concise or extended set by the criteria (not
chosen), the Welsh Government told of every review, a chair and reviewers from the national list,
the action plan signed off by the case review group, and deposit in the Wales Safeguarding
Repository.

The single unified review replaces child and adult practice reviews, domestic homicide reviews and
mental health and offensive weapon homicide reviews in Wales. Its timescales are not yet confirmed
against the Welsh guidance: each is a framework setting with a default.
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
    WALES_DEPOSIT,
    iso,
    return_obligation,
    sent_and_acknowledged,
)

HELD = {"decision": "review"}
TO_CONFIRM = "Timescale to confirm with the Welsh guidance; this is a default."

STAGES = (
    Stage("referred", "Referred to the board: case review group to consider"),
    Stage("case_review_group", "Case review group considering"),
    Stage("in_review", "Single unified review under way"),
    Stage("draft", "Draft report"),
    Stage("final", "Final report agreed"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("no_review", "No review", terminal=True),
)

TRANSITIONS = (
    Transition(
        "refer",
        "Record the referral to the case review group",
        ("referred",),
        "case_review_group",
        fields=("notified_on", "notified_to"),
        hint="The case review group's decision is due a set number of working days after this.",
    ),
    Transition(
        "decide_review",
        "The case review group decides a review is needed",
        ("case_review_group",),
        "in_review",
        fields=("decision_on", "susr_type", "criteria_met", "decision_rationale"),
        sets=HELD,
        hint="Whether the review is concise or extended follows from the criteria, not a choice. "
        "Tell the Welsh Government of the review.",
    ),
    Transition(
        "decide_none",
        "The case review group decides no review is needed",
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
        hint="Publication needs the action plan signed off, and the family told first.",
    ),
    Transition(
        "close",
        "Close the review (deposited and action plan complete)",
        ("published",),
        "closed",
        fields=("closed_on",),
    ),
)

# The single unified review covers children and adults. For a child the criterion is the one
# Welsh child practice reviews had; for an adult, the one adult practice reviews had (the
# Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015: a local authority had
# decided, after enquiries under section 126 of the Social Services and Well-being (Wales) Act
# 2014, to act to protect them). docs/frameworks.md says the adult wording is to be confirmed
# against the single unified review guidance.
SUSR_TYPES = (
    (
        "extended",
        "Yes: in the 6 months before, the child was on the child protection register or looked "
        "after, or the local authority had decided to act to protect the adult, so the review is "
        "extended",
    ),
    ("concise", "No: none of these, so the review is concise"),
)

FIELDS: tuple[ReviewField, ...] = (
    ReviewField(
        "susr_type",
        "In the 6 months before: was the child on the child protection register or looked after, "
        "or, for an adult, had the local authority decided to act to protect them after "
        "enquiries under section 126 of the Social Services and Well-being (Wales) Act 2014?",
        "choice",
        SUSR_TYPES,
        hint="The answer sets whether the review is concise or extended; it is not chosen.",
    ),
    *sent_and_acknowledged("welsh_government", "the notice to the Welsh Government"),
    ReviewField(
        "reviewers_appointed_on",
        "Date the chair and reviewers were appointed from the national list",
        "date",
    ),
    ReviewField(
        "action_plan_signed_off_on",
        "Date the case review group signed off the action plan",
        "date",
    ),
    *SCRT_FIELDS[:4],
    *DEPOSIT_FIELDS,
)

OBLIGATIONS = (
    ObligationRule(
        "decision",
        "Case review group decision",
        deadline=DeadlineRule("notified_on", "working_days", 20, "decision_working_days"),
        met_by="decision_on",
    ),
    return_obligation(
        "welsh_government",
        "Tell the Welsh Government of the review",
        "decision_on",
        5,
        "welsh_government_working_days",
        HELD,
    ),
    ObligationRule(
        "reviewers",
        "Appoint the chair and reviewers from the national list",
        deadline=DeadlineRule("decision_on", "working_days", 20, "reviewers_working_days"),
        met_by="reviewers_appointed_on",
        applies_if=HELD,
    ),
    ObligationRule(
        "complete",
        "Complete the review (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "target_months"),
        met_by="final_on",
        applies_if=HELD,
        completion=True,
    ),
    ObligationRule(
        "action_plan",
        "The case review group signs off the action plan",
        met_by="action_plan_signed_off_on",
        applies_if=HELD,
        blocks_publication=True,
    ),
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
            "The chair and reviewers meet the family to discuss the report",
            kind=rule.kind,
            deadline=rule.deadline,
            applies_if=rule.applies_if,
            family_involvement=True,
            blocks_publication=True,
        )
        for rule in family_promises("decision_on", HELD)
    ),
    ObligationRule(
        "repository",
        "Deposit the report in the Wales Safeguarding Repository",
        deadline=DeadlineRule("published_on", "working_days", 10, "repository_working_days"),
        met_by="repository_deposit_on",
        applies_if=HELD,
    ),
)

SETTINGS = SettingsSchema(
    (
        *HELP_SETTINGS,
        int_setting(
            "decision_working_days",
            20,
            "Case review group decides within (working days of the referral)",
            TO_CONFIRM,
        ),
        int_setting(
            "welsh_government_working_days",
            5,
            "Tell the Welsh Government within (working days of the decision)",
            TO_CONFIRM,
        ),
        int_setting(
            "reviewers_working_days",
            20,
            "Appoint the chair and reviewers within (working days of the decision)",
            TO_CONFIRM,
        ),
        int_setting(
            "repository_working_days",
            10,
            "Deposit in the repository within (working days of publication)",
            TO_CONFIRM,
        ),
        *PROMISE_SETTINGS,
    )
)

FIELD_TEXT: Mapping[str, tuple[str, str]] = {
    "aware_on": ("Date the board became aware", ""),
    "notified_on": ("Date referred to the case review group", ""),
    "notified_to": ("Referred to", "For example: the board's business unit and case review group."),
    "lead_reviewers": ("Chair and reviewers (from the national list)", ""),
    "pseudonym": ("Pseudonym (never a real name)", "Like Child A or Adult A."),
    "decision:review": ("Single unified safeguarding review", ""),
}


def notice_row(v: Mapping[str, Any]) -> dict[str, object]:
    return {
        "Regional board": v["board"],
        "Local id": v["reference"],
        "Pseudonym": v["pseudonym"],
        "Type of review": dict(SUSR_TYPES).get(v.get("susr_type", ""), "").split(":")[0],
        "Date referred": iso(v.get("notified_on")),
        "Date of decision": iso(v.get("decision_on")),
        "Chair and reviewers": v.get("lead_reviewers", ""),
        "Appointed from the national list": iso(v.get("reviewers_appointed_on")),
        "Target date": iso(v.get("target_on")),
        "Notice sent": iso(v.get("welsh_government_sent_on")),
        "Notice acknowledged": iso(v.get("welsh_government_acknowledged_on")),
        "Stage": v["stage_label"],
    }


WELSH_GOVERNMENT_NOTICE = Export(
    "welsh-government-notice",
    "Welsh Government notice of each review",
    (
        "Regional board",
        "Local id",
        "Pseudonym",
        "Type of review",
        "Date referred",
        "Date of decision",
        "Chair and reviewers",
        "Appointed from the national list",
        "Target date",
        "Notice sent",
        "Notice acknowledged",
        "Stage",
    ),
    notice_row,
    "What the Welsh Government is told of every review, and when it was sent and acknowledged.",
    sent_field="welsh_government_sent_on",
    acknowledged_field="welsh_government_acknowledged_on",
)

EXPORTS = (WELSH_GOVERNMENT_NOTICE, WALES_DEPOSIT)
