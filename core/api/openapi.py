"""The OpenAPI 3.1 document of the API, built from the same field lists the implementation uses."""

from __future__ import annotations

from typing import Any

from core.api import openapi_parts as oas
from core.framework_rules import DATE_FIELDS, PUBLICATION_DECISIONS, TEXT_FIELDS

STATUSES = ["due", "at_risk", "missed", "met", "waived"]
DATE = {"type": ["string", "null"], "format": "date"}
DATE_IN = {**DATE, "description": "ISO 8601 date between 1970-01-01 and 2100-12-31, or null."}
TEXT = {"type": "string", "pattern": r"\S"}
TEXT_LIMITS = {"notified_to": 200, "lead_reviewers": 300, "publication_decision": 20}


ERRORS = {
    "400": oas.problem("The request is malformed."),
    "401": oas.problem("No valid bearer token."),
    "403": oas.problem("The token's role cannot do this, or the board is suspended."),
    "404": oas.problem(
        "No such review in the token's board (another board's reviews are never found)."
    ),
}
WRITE_ERRORS = {
    **ERRORS,
    "415": oas.NOT_JSON,
    "409": oas.problem(
        "The change conflicts with the review's state: a step not open from its stage, or a reference already taken."
    ),
    "422": oas.problem(
        "The change cannot be applied; `errors` names each field and what is wrong."
    ),
}
OPERATIONS = (
    oas.Op(
        "get",
        "/reviews",
        "listReviews",
        "Reviews the token's user may see, most urgent first",
        "200",
        "ReviewPage",
        "A page of reviews.",
        query=(
            oas.query(
                "page",
                {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1},
                "Page number.",
            ),
            oas.query(
                "per_page",
                {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                "Reviews per page.",
            ),
            oas.query("stage", {"type": "string", "maxLength": 40}, "Only reviews at this stage."),
            oas.query(
                "status",
                {"type": "string", "enum": ["missed", "at_risk"]},
                "Only reviews with a deadline missed or at risk.",
            ),
            oas.query(
                "framework",
                {"type": "string", "maxLength": 63},
                "Only reviews under this framework.",
            ),
            oas.query("q", {"type": "string", "maxLength": 100}, "Search reference and pseudonym."),
            oas.query(
                "include_closed",
                oas.FLAG,
                "Include closed reviews.",
            ),
        ),
    ),
    oas.Op(
        "post",
        "/reviews",
        "createReview",
        "Open a review (review managers and board admins)",
        "201",
        "Review",
        "The new review.",
        body="NewReview",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}",
        "readReview",
        "One review (the read is audited)",
        "200",
        "Review",
        "The review.",
    ),
    oas.Op(
        "patch",
        "/reviews/{review_id}",
        "updateReview",
        "Correct or fill in a review's details (not its stage)",
        "200",
        "Review",
        "The updated review.",
        body="ReviewChanges",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/transitions",
        "transitionReview",
        "Take a step to the next stage, with the fields the step asks for",
        "200",
        "Review",
        "The review at its new stage.",
        body="TransitionRequest",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/obligations",
        "listObligations",
        "Deadlines and promises, each with its due date and status",
        "200",
        oas.items("Obligation"),
        "The review's obligations.",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/timeline",
        "reviewTimeline",
        "Every event of the review: what, who, when",
        "200",
        oas.items("Event"),
        "The timeline, oldest first.",
    ),
)


def _text_schema(name: str) -> dict[str, Any]:
    if name == "publication_decision":
        return {"type": "string", "enum": ["", *PUBLICATION_DECISIONS]}
    return {"type": "string", "maxLength": TEXT_LIMITS.get(name, 10_000)}


def _schemas(frameworks: list[str]) -> dict[str, Any]:
    obligation = {
        "type": "object",
        "required": [
            "id",
            "key",
            "label",
            "kind",
            "due_on",
            "status",
            "working_days_left",
            "met_on",
            "waived_reason",
            "on_hold",
            "blocks_publication",
        ],
        "properties": {
            "id": {"type": "integer"},
            "key": {"type": "string"},
            "label": {"type": "string"},
            "kind": {"type": "string", "enum": ["statutory", "promise"]},
            "due_on": {
                **DATE,
                "description": "ISO 8601 date; null while the date it counts from is not recorded.",
            },
            "status": {"type": "string", "enum": STATUSES},
            "working_days_left": {
                "type": ["integer", "null"],
                "description": "Negative when late.",
            },
            "met_on": DATE,
            "waived_reason": {"type": "string"},
            "on_hold": {
                "type": "boolean",
                "description": "Family involvement on hold while a parallel process is open.",
            },
            "blocks_publication": {"type": "boolean"},
        },
    }
    summary_props = {
        "id": {"type": "integer"},
        "reference": {"type": "string"},
        "framework": {"type": "string"},
        "stage": {"type": "string"},
        "stage_label": {"type": "string"},
        "closed": {"type": "boolean"},
        "pseudonym": {"type": "string"},
        "review_types": {"type": "array", "items": {"type": "string"}},
        "decision": {"type": "string"},
        "target_on": DATE,
        "take_down_on": DATE,
        "next_deadline": {"oneOf": [oas.ref("Obligation"), {"type": "null"}]},
        "missed": {"type": "integer", "minimum": 0},
        "at_risk": {"type": "integer", "minimum": 0},
    }
    transition = {
        "type": "object",
        "required": ["key", "label", "target", "fields"],
        "properties": {
            "key": {"type": "string"},
            "label": {"type": "string"},
            "target": {"type": "string"},
            "fields": {"type": "array", "items": {"type": "string"}},
        },
    }
    detail_props = {
        **summary_props,
        **{name: DATE for name in DATE_FIELDS},
        **{name: {"type": "string"} for name in TEXT_FIELDS},
        "details": {
            "type": "object",
            "description": "The fields the review's framework keeps beyond these (dates as ISO "
            "8601); set them by name like any other field.",
            "additionalProperties": {"type": ["string", "null"]},
        },
        "transitions": {"type": "array", "items": oas.ref("Transition")},
    }
    # A framework's own fields are set by name beside the core's (see a review's `details`).
    own_field = {"type": ["string", "null"], "maxLength": 10_000}
    writable = {
        "pseudonym": {**TEXT, "maxLength": 100},
        "review_types": {"type": "array", "items": {"type": "string"}},
        **{name: DATE_IN for name in DATE_FIELDS},
        **{name: _text_schema(name) for name in TEXT_FIELDS},
    }
    return {
        "Problem": oas.PROBLEM,
        "Obligation": obligation,
        "Transition": transition,
        "ReviewSummary": oas.record(summary_props),
        "Review": oas.record(detail_props),
        "ReviewPage": {
            "type": "object",
            "required": ["items", "page", "per_page", "total"],
            "properties": {
                "items": {"type": "array", "items": oas.ref("ReviewSummary")},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
                "total": {"type": "integer", "minimum": 0},
            },
        },
        "NewReview": oas.closed(
            ["reference", "pseudonym"],
            {
                "reference": {**TEXT, "maxLength": 40},
                "pseudonym": {**TEXT, "maxLength": 100},
                "framework": {
                    "type": "string",
                    "enum": frameworks,
                    "description": "Default: the board's framework.",
                },
                "aware_on": DATE_IN,
                "incident_on": DATE_IN,
                "review_types": {"type": "array", "items": {"type": "string"}},
            },
        ),
        "ReviewChanges": {
            "type": "object",
            "additionalProperties": own_field,
            "properties": writable,
        },
        "TransitionRequest": oas.closed(
            ["transition"],
            {
                "transition": {
                    "type": "string",
                    "description": "A key from the review's `transitions`.",
                },
                "values": {
                    "type": "object",
                    "additionalProperties": own_field,
                    "properties": {
                        k: v for k, v in writable.items() if k in (*DATE_FIELDS, *TEXT_FIELDS)
                    },
                },
            },
        ),
        "Event": {
            "type": "object",
            "required": ["id", "at", "actor", "kind", "summary"],
            "properties": {
                "id": {"type": "integer"},
                "at": {"type": "string", "format": "date-time"},
                "actor": {"type": "string"},
                "kind": {"type": "string"},
                "summary": {"type": "string"},
            },
        },
    }


def document(frameworks: list[str]) -> dict[str, Any]:
    """The document; `frameworks` are the installed framework keys a new review may name."""
    from core.api import casework_openapi as casework
    from core.api import reports_openapi as reports
    from core.api import returns_openapi as returns

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Candour review tracking API",
            "version": "1.0.0",
            "description": "A board's case reviews, their deadlines and the promises made to families. "
            "Authenticate with a token from `candour tokens create` as `Authorization: Bearer <token>`. "
            "Dates are ISO 8601; errors are RFC 9457 problem details.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                **_schemas(frameworks),
                **reports.schemas(),
                **casework.schemas(),
                **returns.schemas(),
            },
        },
        "paths": {
            **oas.paths(OPERATIONS, ERRORS, WRITE_ERRORS),
            **reports.paths(ERRORS),
            **casework.paths(ERRORS),
            **returns.paths(ERRORS, WRITE_ERRORS),
        },
    }
