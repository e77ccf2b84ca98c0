"""The family contact log's part of the OpenAPI document, merged into the casework part."""

from __future__ import annotations

from typing import Any

from core.api import openapi_parts as oas
from core.casework.models import CONTACT_WAYS, WISHES

DATE = {"type": "string", "format": "date"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}
WISH = {
    "type": "string",
    "enum": list(WISHES),
    "description": "yes, no, undecided, or empty: not asked.",
}


def schemas() -> dict[str, Any]:
    contact = oas.record(
        {
            "id": oas.ID,
            "family_member_id": oas.ID,
            "contacted_on": DATE,
            "way": {"type": "string", "enum": list(CONTACT_WAYS)},
            "by_id": {"type": ["integer", "null"], "description": "The staff member's user id."},
            "said": {"type": "string"},
            "promised": {"type": "string"},
            "promise": {
                "oneOf": [
                    oas.record(
                        {"obligation_id": oas.ID, "due_on": NULL_DATE, "state": {"type": "string"}}
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
        "FamilyContactList": oas.items("FamilyContact"),
        "NewFamilyContact": oas.closed(
            ["contacted_on", "way"],
            {
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
        ),
        "InvolvementPlan": oas.record(
            {"family_member_id": oas.ID, "advocate_offered_on": NULL_DATE, **plan_fields}
        ),
        "InvolvementPlanChange": {
            "type": "object",
            "additionalProperties": False,
            "properties": plan_fields,
        },
    }


OPERATIONS = (
    oas.Op(
        "get",
        "/reviews/{review_id}/family/{member_id}/contacts",
        "listFamilyContacts",
        "A family member's contacts, newest first (managers only; the read is audited)",
        "200",
        "FamilyContactList",
        "Newest first.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/family/{member_id}/contacts",
        "recordFamilyContact",
        "Record a contact with a family member; a dated promise is tracked",
        "201",
        "FamilyContact",
        "Recorded.",
        body="NewFamilyContact",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/family/{member_id}/plan",
        "readInvolvementPlan",
        "How a family member wants to take part (managers only; the read is audited)",
        "200",
        "InvolvementPlan",
        "The plan.",
    ),
    oas.Op(
        "put",
        "/reviews/{review_id}/family/{member_id}/plan",
        "saveInvolvementPlan",
        "Set the involvement plan (every field at once; a field left out is emptied)",
        "200",
        "InvolvementPlan",
        "Saved.",
        body="InvolvementPlanChange",
    ),
)
