"""What the end-to-end walks of the second-round frameworks share: each framework's steps from
referral to its final report (dates fixed in 2025, so the working-day deadlines can be checked
against the calendar), the obligations recorded on the way, and a clean report to publish."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from typing import Any

from weasyprint import HTML

JURISDICTION = {"sar": "england", "dardr": "england", "wales-susr": "wales"}

# (transition, values): the referral to the final report. Publication is today, through the
# report section, after the family is told.
STEPS: dict[str, list[tuple[str, dict[str, str]]]] = {
    "sar": [
        ("decide_mandatory", {"decision_on": "2025-04-22", "criteria_met": "Care and support "
         "needs; died; neglect suspected; agencies' work a concern",
         "decision_rationale": "Meets s44(1)-(3)"}),
        ("draft", {"draft_on": "2025-08-01", "review_method": "learning-together"}),
        ("finalise", {"final_on": "2025-09-01", "planned_publication_on": "2025-09-30",
                      "publication_decision": "full", "publication_rationale": "No harm"}),
    ],
    "dardr": [
        ("decide_review", {"decision_on": "2025-04-22", "criteria_met": "Aged 16+, partner",
                           "decision_rationale": "Meets s9"}),
        ("draft", {"draft_on": "2025-08-01"}),
        ("qa_submit", {"qa_submitted_on": "2025-09-01"}),
        ("qa_feedback", {"qa_feedback_on": "2025-10-01", "qa_feedback": "More on the GP"}),
        ("qa_resubmit", {"qa_resubmitted_on": "2025-10-20"}),
        ("qa_approve", {"qa_approved_on": "2025-11-10"}),
        ("finalise", {"final_on": "2025-11-12", "planned_publication_on": "2025-11-28",
                      "publication_decision": "full"}),
    ],
    "wales-susr": [
        ("refer", {"notified_on": "2025-04-02", "notified_to": "Business unit"}),
        ("decide_review", {"decision_on": "2025-04-22", "susr_type": "extended",
                           "criteria_met": "On the register in the 6 months before",
                           "decision_rationale": "Meets the criteria"}),
        ("draft", {"draft_on": "2025-08-01"}),
        ("finalise", {"final_on": "2025-09-01", "planned_publication_on": "2025-09-30",
                      "publication_decision": "full"}),
    ],
}  # fmt: skip

# Review fields recorded on the way (the returns' sent and acknowledged dates among them).
FIELDS: dict[str, dict[str, str]] = {
    "sar": {"person_living": "no", "lead_reviewers": "R Reviewer",
            "independence_declared_on": "2025-05-01", "accuracy_checked_on": "2025-08-10",
            "scrt_sent_on": "2025-05-02", "scrt_acknowledged_on": "2025-05-06",
            "steis_id": "2025/1234", "theme_1": "Self-neglect"},
    "dardr": {"lead_reviewers": "C Chair", "independence_declared_on": "2025-05-01",
              "advocate_offered_on": "2025-04-25", "home_office_decision_sent_on": "2025-04-24",
              "qa_acknowledged_on": "2025-09-03"},
    "wales-susr": {"lead_reviewers": "C Chair and R Reviewer", "reviewers_appointed_on":
                   "2025-05-01", "welsh_government_sent_on": "2025-04-24",
                   "welsh_government_acknowledged_on": "2025-04-28",
                   "action_plan": "Joint training on the register", "report_title":
                   "Learning from the review of Child W"},
}  # fmt: skip

# Due dates in working days, checked on the way (the Easter bank holidays of 2025 are past).
DUE = {
    # 20 working days after Tuesday 1 April 2025, leaving out Good Friday and Easter Monday.
    "sar": {"decide": "2025-05-01", "reviewer": "2025-05-21", "scrt": "2025-05-21"},
    # 1 month after the notification; 5 working days after Tuesday 22 April.
    "dardr": {"decide": "2025-05-01", "home_office_decision": "2025-04-29"},
    # 20 working days after Wednesday 2 April; 5 working days after 22 April.
    "wales-susr": {"decision": "2025-05-02", "welsh_government": "2025-04-29"},
}

# What must be recorded before publication, each found by its label on the review page.
BEFORE_PUBLICATION = {
    "sar": (
        "The reviewer meets the family to discuss the report",
        "Tell the family before publication",
    ),
    "dardr": (
        "The chair meets the family to discuss the report",
        "Tell the family before publication",
    ),
    "wales-susr": (
        "The chair and reviewers meet the family to discuss the report",
        "Tell the family before publication",
        "The case review group signs off the action plan",
    ),
}

PUBLICATION = {
    "title": "Adult A: learning for the partnership",
    "summary": "How agencies shared what they knew.",
    "decision": "full",
    "rationale": "Nothing in it would harm anyone.",
    "learning_themes": ["Information sharing"],
    "recommendations": ["Agree how moves are shared"],
}


def report_pdf() -> bytes:
    body = (
        "<h1>Learning from the review of Adult A</h1><p>Agencies did not share what they knew "
        "about the move in the spring.</p><p>Recommendation: agree how moves are shared.</p>"
    )
    return HTML(
        string="<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape('Adult A: overview report')}</title></head><body>{body}</body></html>"
    ).write_pdf()


def days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def obligation_links(page: str) -> dict[str, str]:
    """Each obligation's label on a review page, and the link to record it."""
    found: dict[str, str] = {}
    for href, label in re.findall(r'href="([^"]*/obligations/\d+)"[^>]*>\s*([^<]+?)\s*<', page):
        found.setdefault(html.unescape(label), href)
    return found


def by_key(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["key"]: o for o in items}


class _Form(HTMLParser):
    """The values a browser would send from the first form of a page with a CSRF token."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name:
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
            elif a.get("type") not in ("submit", "button", "file"):
                self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None


def form_values(page: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(page)
    return parser.values
