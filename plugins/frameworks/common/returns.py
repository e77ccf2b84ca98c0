"""National returns and deposits every framework may send: the fields each needs, tracked as sent
and acknowledged, and the spreadsheets (one row per review) the national bodies take.

- SCRT: NHS England's Safeguarding Case Review Tracker (children's, adults' and domestic abuse
  reviews, and rapid reviews): review type, StEIS and local ids, themes 1–3, converted from a rapid
  review, dates, open or closed.
- Repository deposit: the metadata the NSPCC national case review repository and the Wales
  Safeguarding Repository list (title, board, author, date, summary, themes, recommendations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.plugin_api import DeadlineRule, Export, ObligationRule, ReviewField, Setting
from plugins.frameworks.common.promises import int_setting


def iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def sent_and_acknowledged(key: str, what: str) -> tuple[ReviewField, ReviewField]:
    """A return's two dates: when it was sent (what meets its obligation) and acknowledged."""
    return (
        ReviewField(f"{key}_sent_on", f"Date {what} was sent", "date"),
        ReviewField(f"{key}_acknowledged_on", f"Date {what} was acknowledged", "date"),
    )


def return_obligation(
    key: str,
    label: str,
    anchor: str,
    amount: int,
    setting: str,
    applies: Mapping[str, str] | None = None,
    *,
    unit: str = "working_days",
) -> ObligationRule:
    """An obligation met when the return `key` is recorded as sent."""
    return ObligationRule(
        key,
        label,
        deadline=DeadlineRule(anchor, unit, amount, setting),  # type: ignore[arg-type]
        met_by=f"{key}_sent_on",
        applies_if=dict(applies or {}),
    )


# -- SCRT --------------------------------------------------------------------------------------------

SCRT_FIELDS: tuple[ReviewField, ...] = (
    ReviewField(
        "steis_id",
        "StEIS reference",
        hint="The NHS Strategic Executive Information System number, if the incident has one.",
    ),
    ReviewField("theme_1", "Learning theme 1", hint="As the tracker names it, like Neglect."),
    ReviewField("theme_2", "Learning theme 2"),
    ReviewField("theme_3", "Learning theme 3"),
    *sent_and_acknowledged("scrt", "the tracker return"),
)

SCRT_COLUMNS: tuple[str, ...] = (
    "Board",
    "Local id",
    "StEIS id",
    "Review type",
    "Framework",
    "Pseudonym",
    "Converted from rapid review",
    "Decision",
    "Date of incident",
    "Date board aware",
    "Date notified",
    "Date of rapid review",
    "Date of decision",
    "Target date",
    "Date final report agreed",
    "Date published",
    "Theme 1",
    "Theme 2",
    "Theme 3",
    "Status",
    "Return sent",
    "Return acknowledged",
)


def scrt_export(review_type: str, converted: Any = None) -> Export:
    """The SCRT row for one framework's reviews; `converted(values)` answers "converted from a
    rapid review" (blank where the framework has no rapid review)."""

    def row(v: Mapping[str, Any]) -> dict[str, object]:
        return {
            "Board": v["board"],
            "Local id": v["reference"],
            "StEIS id": v.get("steis_id", ""),
            "Review type": review_type,
            "Framework": v["framework_name"],
            "Pseudonym": v["pseudonym"],
            "Converted from rapid review": converted(v) if converted else "",
            "Decision": v.get("decision_label", v["decision"]),
            "Date of incident": iso(v.get("incident_on")),
            "Date board aware": iso(v.get("aware_on")),
            "Date notified": iso(v.get("notified_on")),
            "Date of rapid review": iso(v.get("rapid_review_on")),
            "Date of decision": iso(v.get("decision_on")),
            "Target date": iso(v.get("target_on")),
            "Date final report agreed": iso(v.get("final_on")),
            "Date published": iso(v.get("published_on")),
            "Theme 1": v.get("theme_1", ""),
            "Theme 2": v.get("theme_2", ""),
            "Theme 3": v.get("theme_3", ""),
            "Status": "Closed" if v["closed"] else "Open",
            "Return sent": iso(v.get("scrt_sent_on")),
            "Return acknowledged": iso(v.get("scrt_acknowledged_on")),
        }

    return Export(
        "scrt",
        "Safeguarding Case Review Tracker (SCRT) return",
        SCRT_COLUMNS,
        row,
        "One row per review, in the columns NHS England's tracker asks for.",
        sent_field="scrt_sent_on",
        acknowledged_field="scrt_acknowledged_on",
    )


def scrt_obligation(applies: Mapping[str, str], anchor: str = "decision_on") -> ObligationRule:
    """The tracker return, sent a number of working days after `anchor` (local practice)."""
    return return_obligation(
        "scrt",
        "Send the review to the Safeguarding Case Review Tracker (SCRT)",
        anchor,
        20,
        "scrt_working_days",
        applies,
    )


SCRT_SETTING: Setting = int_setting(
    "scrt_working_days",
    20,
    "Send the tracker return within (working days of the decision)",
    "Local practice, not statute: NHS England asks for reviews to be recorded, with no set days.",
)


# -- repository deposits ----------------------------------------------------------------------------

DEPOSIT_FIELDS: tuple[ReviewField, ...] = (
    ReviewField("report_title", "Title of the published report"),
    ReviewField(
        "report_summary",
        "Summary for the national repository",
        "longtext",
        hint="A few sentences; no names or other identifying details.",
    ),
    ReviewField(
        "recommendations",
        "Recommendations include",
        "longtext",
        hint="The main recommendations, one per line.",
    ),
    ReviewField(
        "repository_acknowledged_on", "Date the repository acknowledged the deposit", "date"
    ),
)

DEPOSIT_COLUMNS: tuple[str, ...] = (
    "Title",
    "Board",
    "Author",
    "Date of publication",
    "Summary",
    "Learning themes include",
    "Recommendations include",
    "Local id",
    "Deposited",
    "Acknowledged",
)


def deposit_export(key: str, repository: str) -> Export:
    """The deposit metadata one repository lists, one row per review."""

    def row(v: Mapping[str, Any]) -> dict[str, object]:
        themes = [v.get(f"theme_{n}", "") for n in (1, 2, 3)]
        return {
            "Title": v.get("report_title") or v["reference"],
            "Board": v["board"],
            "Author": v.get("lead_reviewers", ""),
            "Date of publication": iso(v.get("published_on")),
            "Summary": v.get("report_summary", ""),
            "Learning themes include": "; ".join(t for t in themes if t),
            "Recommendations include": "; ".join(
                line.strip()
                for line in str(v.get("recommendations", "")).splitlines()
                if line.strip()
            ),
            "Local id": v["reference"],
            "Deposited": iso(v.get("repository_deposit_on")),
            "Acknowledged": iso(v.get("repository_acknowledged_on")),
        }

    return Export(
        key,
        f"{repository}: deposit metadata",
        DEPOSIT_COLUMNS,
        row,
        f"What the {repository} lists for each report, and when it was deposited and acknowledged.",
        sent_field="repository_deposit_on",
        acknowledged_field="repository_acknowledged_on",
    )


NSPCC_DEPOSIT = deposit_export("nspcc-repository", "NSPCC national case review repository")
WALES_DEPOSIT = deposit_export("wales-repository", "Wales Safeguarding Repository")
