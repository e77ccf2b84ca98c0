"""A fourth framework, written only against `core.plugin_api`: Safeguarding Adults Reviews (Care Act
2014 s44). It proves a framework can be added without touching the core, and it records the review
events it hears so tests can see each hook called."""

from __future__ import annotations

from typing import Any

from core.plugin_api import (
    DeadlineRule,
    Document,
    Framework,
    LeafletContext,
    ObligationRule,
    Paragraph,
    Section,
    Setting,
    SettingsSchema,
    Stage,
    Transition,
    hookimpl,
)

KEY = "sar-2014"
HEARD: list[tuple[str, dict[str, Any]]] = []

STAGES = (
    Stage("referred", "Referral received"),
    Stage("considering", "SAR panel considering"),
    Stage("in_review", "Safeguarding Adults Review under way"),
    Stage("published", "Published", published=True),
    Stage("closed", "Closed", terminal=True),
    Stage("no_review", "No review", terminal=True),
)
TRANSITIONS = (
    Transition(
        "consider", "Record the referral", ("referred",), "considering", fields=("notified_on",)
    ),
    Transition(
        "decide_sar",
        "Decide to hold a SAR",
        ("considering",),
        "in_review",
        fields=("decision_on", "decision_rationale"),
        sets={"decision": "sar"},
    ),
    Transition(
        "decide_none",
        "Decide not to",
        ("considering",),
        "no_review",
        fields=("decision_on",),
        sets={"decision": "none"},
    ),
    Transition(
        "publish", "Record publication", ("in_review",), "published", fields=("published_on",)
    ),
    Transition("close", "Close", ("published",), "closed", fields=("closed_on",)),
)
OBLIGATIONS = (
    ObligationRule(
        "decide",
        "Decide whether to hold a SAR",
        deadline=DeadlineRule("notified_on", "working_days", 20, "decision_working_days"),
        met_by="decision_on",
    ),
    ObligationRule(
        "complete",
        "Publish the SAR (target date)",
        deadline=DeadlineRule("decision_on", "months", 6, "target_months"),
        met_by="published_on",
        applies_if={"decision": "sar"},
        completion=True,
    ),
    ObligationRule(
        "family_notice",
        "Tell the adult's family before publication",
        kind="promise",
        deadline=DeadlineRule("planned_publication_on", "working_days", 5, before=True),
        applies_if={"decision": "sar"},
        blocks_publication=True,
    ),
)
SETTINGS = SettingsSchema(
    (Setting("decision_working_days", "int", 20, "Decide within (working days)", min=1, max=120),)
)


def leaflet(ctx: LeafletContext) -> Document:
    _ = ctx.gettext
    return Document(
        title=_("Safeguarding Adults Reviews"),
        locale=ctx.locale,
        board_name=ctx.tenant.name,
        sections=(
            Section(
                "what", _("What is a Safeguarding Adults Review?"), (Paragraph((_("A review."),)),)
            ),
        ),
    )


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(
            key=KEY,
            name="Safeguarding Adults Review (Care Act 2014)",
            jurisdictions=("england", "wales"),
            leaflet=leaflet,
            stages=STAGES,
            transitions=TRANSITIONS,
            obligations=OBLIGATIONS,
            settings=SETTINGS,
        )
    ]


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SETTINGS


@hookimpl
def review_created(tenant: Any, review: Any, actor_email: str) -> None:
    HEARD.append(("review_created", {"review": review, "actor": actor_email}))


@hookimpl
def review_stage_changed(
    tenant: Any, review: Any, from_stage: str, to_stage: str, actor_email: str
) -> None:
    HEARD.append(("review_stage_changed", {"review": review, "from": from_stage, "to": to_stage}))


@hookimpl
def review_obligation_changed(
    tenant: Any, review: Any, obligation: Any, change: str, actor_email: str
) -> None:
    HEARD.append(("review_obligation_changed", {"obligation": obligation, "change": change}))


@hookimpl
def review_deadline_missed(tenant: Any, review: Any, obligation: Any) -> None:
    HEARD.append(("review_deadline_missed", {"obligation": obligation}))
