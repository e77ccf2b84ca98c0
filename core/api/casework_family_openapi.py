"""The family contact log's part of the OpenAPI document, merged into the casework part."""

from __future__ import annotations

from typing import Any

from core.casework.models import CONTACT_WAYS, WISHES

DATE = {"type": "string", "format": "date"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}
ID = {"type": "integer", "minimum": 1}
WISH = {
    "type": "string",
    "enum": list(WISHES),
    "description": "yes, no, undecided, or empty: not asked.",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _object(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(props), "properties": props}


def schemas() -> dict[str, Any]:
    contact = _object(
        {
            "id": ID,
            "family_member_id": ID,
            "contacted_on": DATE,
            "way": {"type": "string", "enum": list(CONTACT_WAYS)},
            "by_id": {"type": ["integer", "null"], "description": "The staff member's user id."},
            "said": {"type": "string"},
            "promised": {"type": "string"},
            "promise": {
                "oneOf": [
                    _object(
                        {"obligation_id": ID, "due_on": NULL_DATE, "state": {"type": "string"}}
                    ),
                    {"type": "null"},
                ],
                "description": "The promise tracked with the review's deadlines, if one was dated.",
            },
        }
    )
    plan_fields: dict[str, Any] = {
        "advocate_chosen": {"type": "string", "maxLength": 2_000},
        "interpreter_or_format": {"type": "string", "maxLength": 2_000},
        "meet_panel": WISH,
        "see_terms": WISH,
        "draft_sent_on": NULL_DATE,
        "draft_reading_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 365},
        "not_involved_reason": {"type": "string", "maxLength": 10_000},
    }
    return {
        "FamilyContact": contact,
        "FamilyContactList": _object({"items": {"type": "array", "items": _ref("FamilyContact")}}),
        "NewFamilyContact": {
            "type": "object",
            "required": ["contacted_on", "way"],
            "additionalProperties": False,
            "properties": {
                "contacted_on": {**DATE, "description": "Not in the future."},
                "way": {"type": "string", "enum": list(CONTACT_WAYS)},
                "said": {"type": "string", "maxLength": 10_000},
                "promised": {"type": "string", "maxLength": 10_000},
                "promise_due_on": {
                    **NULL_DATE,
                    "description": "With what was promised: tracked as one of the review's promises.",
                },
                "by_id": {"type": ["integer", "null"], "minimum": 1},
            },
        },
        "InvolvementPlan": _object(
            {"family_member_id": ID, "advocate_offered_on": NULL_DATE, **plan_fields}
        ),
        "InvolvementPlanChange": {
            "type": "object",
            "additionalProperties": False,
            "properties": plan_fields,
        },
    }


def paths(
    review_id: dict[str, Any], errors: dict[str, Any], write: dict[str, Any]
) -> dict[str, Any]:
    member_id = {"name": "member_id", "in": "path", "required": True, "schema": ID}
    return {
        "/reviews/{review_id}/family/{member_id}/contacts": {
            "parameters": [review_id, member_id],
            "get": {
                "operationId": "listFamilyContacts",
                "summary": "A family member's contacts, newest first (managers only; the read is audited)",
                "responses": {"200": _json(_ref("FamilyContactList"), "Newest first."), **errors},
            },
            "post": {
                "operationId": "recordFamilyContact",
                "summary": "Record a contact with a family member; a dated promise is tracked",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewFamilyContact")}},
                },
                "responses": {"201": _json(_ref("FamilyContact"), "Recorded."), **write},
            },
        },
        "/reviews/{review_id}/family/{member_id}/plan": {
            "parameters": [review_id, member_id],
            "get": {
                "operationId": "readInvolvementPlan",
                "summary": "How a family member wants to take part (managers only; the read is audited)",
                "responses": {"200": _json(_ref("InvolvementPlan"), "The plan."), **errors},
            },
            "put": {
                "operationId": "saveInvolvementPlan",
                "summary": "Set the involvement plan (every field at once; a field left out is emptied)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("InvolvementPlanChange")}},
                },
                "responses": {"200": _json(_ref("InvolvementPlan"), "Saved."), **write},
            },
        },
    }
