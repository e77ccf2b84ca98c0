"""What a review framework plugin declares: stages, transitions, deadline and obligation rules.

These small frozen dataclasses are re-exported from `core.plugin_api` (whose `__all__` is the one
list of the plugin contract); the core reads them to run a review, and hands plugins read-only views
(`ReviewView`, `ObligationView`) in its event hooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["working_days", "calendar_days", "weeks", "months"]
ObligationKind = Literal["statutory", "promise"]

# The review fields a transition may ask for, and what kind of value each holds. A framework names
# fields from this list only; the core owns the columns.
DATE_FIELDS: tuple[str, ...] = (
    "incident_on",
    "aware_on",
    "notified_on",
    "rapid_review_on",
    "decision_on",
    "independence_declared_on",
    "initiated_on",
    "draft_on",
    "anonymisation_checked_on",
    "final_on",
    "planned_publication_on",
    "published_on",
    "repository_deposit_on",
    "closed_on",
)
TEXT_FIELDS: tuple[str, ...] = (
    "notified_to",
    "decision_rationale",
    "criteria_met",
    "lead_reviewers",
    "publication_decision",
    "publication_rationale",
    "closed_reason",
    "action_plan",
)
# The core's own review fields: a framework's declared fields must not reuse these names.
CORE_FIELDS = frozenset((*DATE_FIELDS, *TEXT_FIELDS, "pseudonym", "review_types", "decision"))
PUBLICATION_DECISIONS: tuple[str, ...] = ("full", "summary", "learning-only")


@dataclass(frozen=True)
class Stage:
    """One stage of a review. `terminal` stages end it; `published` marks the publication stage."""

    key: str
    label: str
    terminal: bool = False
    published: bool = False


@dataclass(frozen=True)
class Transition:
    """A step from one of `sources` to `target`, taken by someone with one of `roles`.

    `fields` are review fields (from `DATE_FIELDS` / `TEXT_FIELDS`) the person must fill in to take
    it; `sets` are fields it sets to fixed values (e.g. `{"decision": "local"}`).
    """

    key: str
    label: str
    sources: tuple[str, ...]
    target: str
    fields: tuple[str, ...] = ()
    sets: Mapping[str, str] = field(default_factory=dict)
    roles: tuple[str, ...] = ("board_admin", "review_manager")
    hint: str = ""


@dataclass(frozen=True)
class DeadlineRule:
    """A due date counted from a review date: `amount` `unit`s after (or before) `anchor`.

    `amount_setting` names the framework setting that holds the amount (a board can change it);
    `amount` is used when the setting is absent. `before=True` counts back from the anchor (an
    advance copy due 7 working days before the planned publication date).
    """

    anchor: str
    unit: Unit
    amount: int = 0
    amount_setting: str = ""
    before: bool = False


@dataclass(frozen=True)
class ObligationRule:
    """A statutory step or a promise to the family, tracked with a due date and a status.

    `met_by` names a review date field: when it is filled in the obligation is met on that date.
    `applies_if` limits the rule to reviews whose fields have these values (`{"decision": "none"}`;
    `"concise|extended"` accepts either). `met_by` may also name `family_invited_on`, the date the
    last family member was invited (set once every member is invited or recorded as not contacted).
    `family_involvement` obligations show as on hold while a parallel process is open;
    `blocks_publication` ones must be met or waived (by a board admin) before publication.
    """

    key: str
    label: str
    kind: ObligationKind = "statutory"
    deadline: DeadlineRule | None = None
    met_by: str = ""
    applies_if: Mapping[str, str] = field(default_factory=dict)
    family_involvement: bool = False
    blocks_publication: bool = False
    completion: bool = False  # the review's target date: extensions move it


FieldKind = Literal["date", "text", "longtext", "choice"]


@dataclass(frozen=True)
class ReviewField:
    """A field a framework keeps on its reviews beyond the core's own (a QA panel's dates, a
    decision's legal basis). Stored per review under `Review.details`; transitions may ask for it,
    deadlines may count from it (`date`), `met_by` and `applies_if` may name it. `choices` are
    (value, label) pairs for a `choice`. A key must not be one of the core's field names.
    """

    key: str
    label: str
    kind: FieldKind = "text"
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Export:
    """A national return as a spreadsheet: one row per review of the frameworks that declare it.

    Frameworks sharing a return (the SCRT tracker takes children's, adults' and domestic abuse
    reviews) declare the same `key` and `columns`. `row` receives a review's recorded values (the
    core's fields, the framework's `details`, and `reference`, `framework`, `framework_name`,
    `stage`, `stage_label`, `closed`, `pseudonym`, `decision`, `target_on`, `board`) and returns
    the row's cells by column name; it never sees identifiers or family members.

    `sent_field` and `acknowledged_field` name the review date fields that record when the return
    was sent and when the national body acknowledged it (the sending is an obligation met by
    `sent_field`); the API shows both for each row.
    """

    key: str
    label: str
    columns: tuple[str, ...]
    row: Callable[[Mapping[str, Any]], Mapping[str, object]] = field(compare=False)
    description: str = ""
    sent_field: str = ""
    acknowledged_field: str = ""


@dataclass(frozen=True)
class ReviewView:
    """A read-only view of a review, as event hooks see it (no identifiers, no family details)."""

    id: int
    tenant_slug: str
    reference: str
    framework: str
    stage: str
    pseudonym: str
    target_on: dt.date | None


@dataclass(frozen=True)
class ObligationView:
    """A read-only view of one obligation of a review."""

    id: int
    key: str
    label: str
    kind: str
    due_on: dt.date | None
    status: str  # "due", "at_risk", "missed", "met", "waived"
    met_on: dt.date | None = None
    waived_reason: str = ""
