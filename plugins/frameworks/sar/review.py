"""How a Safeguarding Adults Review runs (Care Act 2014 s44): the referral, the reasoned decision
(mandatory under s44(1)–(3), discretionary under s44(4), another learning route, or none), the
method and the independent reviewer, the person at the centre of the review and their family, the
factual-accuracy check, the publication decision, and what the board's annual report must say.

Only the criteria and the annual report are statute; every timescale here is local practice and a
framework setting with its usual default.
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
    scrt_export,
    scrt_obligation,
)

HELD = {"decision": "mandatory|discretionary"}
LOCAL = "Local practice, not statute: a common default."

STAGES = (
    Stage("referred", "Referral received: decision due"),
    Stage("in_review", "Safeguarding Adults Review under way"),
    Stage("draft", "Draft report: factual-accuracy check"),
    Stage("final", "Final report agreed"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("other_learning", "Learning taken forward another way", terminal=True),
    Stage("no_review", "No review", terminal=True),
)

DECIDE = ("decision_on", "criteria_met", "decision_rationale")
TRANSITIONS = (
    Transition(
        "decide_mandatory",
        "Decide: a mandatory review (s44(1)–(3))",
        ("referred",),
        "in_review",
        fields=DECIDE,
        sets={"decision": "mandatory"},
        hint="The board must arrange a review when an adult with care and support needs died, or "
        "suffered serious abuse or neglect, abuse or neglect is known or suspected, and there is "
        "concern about how agencies worked together.",
    ),
    Transition(
        "decide_discretionary",
        "Decide: a discretionary review (s44(4))",
        ("referred",),
        "in_review",
        fields=DECIDE,
        sets={"decision": "discretionary"},
        hint="The board may arrange a review in other cases of an adult with care and support needs.",
    ),
    Transition(
        "decide_other",
        "Decide: learn another way, not by a SAR",
        ("referred",),
        "other_learning",
        fields=("decision_on", "decision_rationale", "learning_route"),
        sets={"decision": "other-learning"},
    ),
    Transition(
        "decide_none",
        "Decide: no review",
        ("referred",),
        "no_review",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "none"},
    ),
    Transition(
        "draft",
        "Record the draft report",
        ("in_review",),
        "draft",
        fields=("draft_on", "review_method"),
        hint="Send the draft to the agencies to check its facts before it is final.",
    ),
    Transition(
        "finalise",
        "Agree the final report and decide what is published",
        ("draft",),
        "final",
        fields=(
            "final_on",
            "planned_publication_on",
            "publication_decision",
            "publication_rationale",
        ),
        hint="“What was learned and improved only” means the review is reported in the board's "
        "annual report and not published on its own.",
    ),
    Transition(
        "publish",
        "Record publication",
        ("final",),
        "published",
        fields=("published_on",),
        hint="Publication needs the family's advance notice and the reviewer's meeting recorded.",
    ),
    Transition(
        "close_unpublished",
        "Close: reported in the annual report only",
        ("final",),
        "closed",
        fields=("closed_on", "closed_reason"),
        hint="For a review the board decided not to publish on its own.",
    ),
    Transition(
        "close",
        "Close the review (action plan complete)",
        ("published",),
        "closed",
        fields=("closed_on",),
    ),
)

METHODS = (
    ("learning-together", "Learning Together (SCIE systems approach)"),
    ("significant-incident", "Significant incident learning process"),
    ("appreciative-inquiry", "Appreciative inquiry"),
    ("thematic", "Thematic review"),
    ("rapid-time", "Rapid time review"),
    ("other", "Another method"),
)
YES_NO = (("yes", "Yes"), ("no", "No"))

FIELDS: tuple[ReviewField, ...] = (
    ReviewField(
        "learning_route",
        "The other learning route",
        "longtext",
        hint="Like a single-agency review or a learning event, and who takes it forward.",
    ),
    ReviewField(
        "review_method",
        "The review's method",
        "choice",
        METHODS,
        hint="Chosen to fit the case (SCIE's quality markers).",
    ),
    ReviewField(
        "person_living",
        "Is the person at the centre of the review living?",
        "choice",
        YES_NO,
        hint="If they are, they are asked for their wishes and may have an advocate.",
    ),
    ReviewField(
        "person_wishes",
        "The person's wishes about the review",
        "longtext",
        hint="What they want from the review and how they want to take part. No names.",
    ),
    ReviewField("person_involved_on", "Date the person was asked for their views", "date"),
    ReviewField(
        "advocate_arranged_on",
        "Date an independent advocate was arranged (Care Act s68)",
        "date",
        hint="For a person who would have substantial difficulty taking part without one.",
    ),
    ReviewField("accuracy_checked_on", "Date the agencies checked the facts", "date"),
    ReviewField(
        "findings",
        "Findings",
        "longtext",
        hint="For the annual report: what the review found.",
    ),
    ReviewField(
        "findings_not_acted_on",
        "Findings not acted on, and why",
        "longtext",
        hint="The annual report must give the reason for not acting on a finding.",
    ),
    ReviewField("annual_report_on", "Date of the annual report that covers this review", "date"),
    *SCRT_FIELDS,
    *DEPOSIT_FIELDS,
)

OBLIGATIONS = (
    ObligationRule(
        "decide",
        "Decide whether to hold a Safeguarding Adults Review, with reasons",
        deadline=DeadlineRule("aware_on", "working_days", 20, "decision_working_days"),
        met_by="decision_on",
    ),
    ObligationRule(
        "reviewer",
        "Appoint an independent reviewer and record their independence",
        deadline=DeadlineRule("decision_on", "working_days", 20, "reviewer_working_days"),
        met_by="independence_declared_on",
        applies_if=HELD,
    ),
    ObligationRule(
        "person_involved",
        "Ask the person at the centre of the review for their views and wishes",
        kind="promise",
        deadline=DeadlineRule("decision_on", "working_days", 10, "family_invitation_working_days"),
        met_by="person_involved_on",
        applies_if={**HELD, "person_living": "yes"},
        family_involvement=True,
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
        "accuracy",
        "Agencies check the draft's facts (SCIE quality marker 13)",
        deadline=DeadlineRule("draft_on", "working_days", 15, "accuracy_check_working_days"),
        met_by="accuracy_checked_on",
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
        applies_if={**HELD, "publication_decision": "full|summary"},
    ),
    ObligationRule(
        "annual_report",
        "Report the review in the board's annual report (Care Act 2014 Schedule 2)",
        deadline=DeadlineRule("decision_on", "months", 12, "annual_report_months"),
        met_by="annual_report_on",
        applies_if=HELD,
    ),
    scrt_obligation(HELD),
    *(
        rule
        if rule.key != "lead_reviewer_meeting"
        else ObligationRule(
            rule.key,
            "The reviewer meets the family to discuss the report",
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
            "decision_working_days", 20, "Decide within (working days of the referral)", LOCAL
        ),
        int_setting(
            "reviewer_working_days",
            20,
            "Appoint the reviewer within (working days of the decision)",
            LOCAL,
        ),
        int_setting(
            "accuracy_check_working_days",
            15,
            "Agencies check the draft's facts within (working days)",
            LOCAL,
        ),
        int_setting(
            "annual_report_months",
            12,
            "Report the review in an annual report within (months of the decision)",
            "The Care Act requires the annual report to cover every review; this is the board's "
            "own limit.",
            24,
        ),
        SCRT_SETTING,
        *PROMISE_SETTINGS,
    )
)

FIELD_TEXT: Mapping[str, tuple[str, str]] = {
    "aware_on": (
        "Date the referral was received",
        "The decision is due 20 working days after this (a local default).",
    ),
    "criteria_met": (
        "How the case meets s44",
        "Care and support needs; death or serious abuse or neglect; abuse or neglect known or "
        "suspected; concern about how agencies worked together.",
    ),
    "decision_rationale": (
        "Reasons for the decision",
        "Kept with the decision and given to the referrer.",
    ),
    "lead_reviewers": ("Independent reviewer(s)", ""),
    "independence_declared_on": ("Date the reviewer declared their independence", ""),
    "pseudonym": (
        "Pseudonym (never a real name)",
        "How the person is named in the report, like Adult A.",
    ),
    "decision:mandatory": ("Mandatory review (s44(1)–(3))", ""),
    "decision:discretionary": ("Discretionary review (s44(4))", ""),
    "decision:other-learning": ("Another learning route", ""),
}


def annual_report_row(v: Mapping[str, Any]) -> dict[str, object]:
    concluded = v.get("final_on") is not None or v["closed"]
    return {
        "Local id": v["reference"],
        "Pseudonym": v["pseudonym"],
        "Decision": v.get("decision_label", v["decision"]),
        "Date of decision": iso(v.get("decision_on")),
        "Concluded or ongoing": "Concluded" if concluded else "Ongoing",
        "Date concluded": iso(v.get("final_on")),
        "Stage": v["stage_label"],
        "Findings": v.get("findings", ""),
        "What was done about the findings": v.get("action_plan", ""),
        "Findings not acted on, and why": v.get("findings_not_acted_on", ""),
        "Published": iso(v.get("published_on")),
    }


ANNUAL_REPORT = Export(
    "sab-annual-report",
    "Annual report: Safeguarding Adults Reviews concluded and ongoing",
    (
        "Local id",
        "Pseudonym",
        "Decision",
        "Date of decision",
        "Concluded or ongoing",
        "Date concluded",
        "Stage",
        "Findings",
        "What was done about the findings",
        "Findings not acted on, and why",
        "Published",
    ),
    annual_report_row,
    "What the Care Act (Schedule 2) asks the annual report to say about each review.",
    sent_field="annual_report_on",
)

EXPORTS = (scrt_export("SAR"), ANNUAL_REPORT)
