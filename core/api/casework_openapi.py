"""The casework part of the OpenAPI document, kept beside the routes it describes."""

from __future__ import annotations

from typing import Any

from core.api import casework_family_openapi as family
from core.api import openapi_parts as oas
from core.casework.models import (
    ACTION_STATES,
    MEETING_KINDS,
    RECOMMENDATION_SOURCES,
    REQUEST_KINDS,
    REQUEST_STATES,
    RETURN_FORMATS,
    TIME_REQUEST_STATES,
)
from core.casework.queries import STATUS_LABELS

DATE = {"type": "string", "format": "date"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}


def schemas() -> dict[str, Any]:
    agency = oas.record(
        {
            "id": oas.ID,
            "key": {"type": "string"},
            "name": {"type": "string"},
            "active": {"type": "boolean"},
        }
    )
    returned = oas.record(
        {
            "id": oas.ID,
            "file_format": {"type": "string", "enum": list(RETURN_FORMATS)},
            "size": {"type": "integer", "minimum": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "entries": {"type": "integer", "minimum": 0},
            "uploaded_at": {"type": "string", "format": "date-time"},
        }
    )
    more_time = oas.record(
        {
            "id": oas.ID,
            "wanted_on": DATE,
            "state": {"type": "string", "enum": list(TIME_REQUEST_STATES)},
            "decided_on": NULL_DATE,
        }
    )
    agency_request = oas.record(
        {
            "id": oas.ID,
            "review_id": oas.ID,
            "agency": oas.ref("Agency"),
            "kind": {"type": "string", "enum": list(REQUEST_KINDS)},
            "contact_email": {"type": "string"},
            "contributor_signed_up": {"type": "boolean"},
            "asked_on": DATE,
            "due_on": DATE,
            "state": {"type": "string", "enum": list(REQUEST_STATES)},
            "status": {
                "type": "string",
                "enum": list(STATUS_LABELS),
                "description": "What the state means today: waiting, due soon, overdue, returned or withdrawn.",
            },
            "returned_on": NULL_DATE,
            "returns": {"type": "array", "items": returned},
            "time_requests": {"type": "array", "items": more_time},
        }
    )
    line = oas.record(
        {
            "date": DATE,
            "agency_id": oas.ID,
            "agency": {"type": "string"},
            "named": {
                "type": "string",
                "description": "The agency or service as the row named it.",
            },
            "event": {"type": "string"},
            "source": {"type": "string"},
        }
    )
    action = oas.record(
        {
            "id": oas.ID,
            "review_id": oas.ID,
            "recommendation_id": oas.ID,
            "description": {"type": "string"},
            "owner_agency": {"oneOf": [oas.ref("Agency"), {"type": "null"}]},
            "owner_email": {"type": "string"},
            "due_on": NULL_DATE,
            "status": {"type": "string", "enum": list(ACTION_STATES)},
            "progress": {
                "type": "string",
                "enum": [*ACTION_STATES, "overdue", "signed_off"],
                "description": "The status as of today: overdue when open past its date, signed_off once the board has.",
            },
            "not_accepted_reason": {"type": "string"},
            "evidence": {
                "type": "integer",
                "minimum": 0,
                "description": "How many evidence files.",
            },
            "signed_off_on": NULL_DATE,
        }
    )
    listed_action = {
        "allOf": [
            action,
            oas.record(
                {
                    "review_reference": {"type": "string"},
                    "recommendation_number": {"type": "integer"},
                }
            ),
        ]
    }
    recommendation = oas.record(
        {
            "id": oas.ID,
            "review_id": oas.ID,
            "number": {"type": "integer", "minimum": 1},
            "text": {"type": "string"},
            "source": {"type": "string", "enum": list(RECOMMENDATION_SOURCES)},
            "actions": {"type": "array", "items": oas.ref("Action")},
        }
    )
    meeting = oas.record(
        {
            "id": oas.ID,
            "review_id": oas.ID,
            "kind": {"type": "string", "enum": list(MEETING_KINDS)},
            "held_on": DATE,
            "attendees": {"type": "string"},
            "agenda": {"type": "string"},
            "minutes": {"type": "string"},
            "minutes_file": {
                "type": ["string", "null"],
                "description": "The format of uploaded minutes, if any.",
            },
            "decisions": {
                "type": "array",
                "items": oas.record({"id": oas.ID, "decided_on": DATE, "text": {"type": "string"}}),
            },
            "family_update": {
                "oneOf": [
                    oas.record(
                        {
                            "obligation_id": oas.ID,
                            "due_on": NULL_DATE,
                            "state": {"type": "string"},
                            "met_on": NULL_DATE,
                        }
                    ),
                    {"type": "null"},
                ],
                "description": "The promise of an update to the family this panel meeting made.",
            },
        }
    )
    theme = oas.record({"key": {"type": "string"}, "label": {"type": "string"}})
    return {
        **family.schemas(),
        "Theme": theme,
        "ThemeList": oas.items("Theme"),
        "OfferedThemeList": oas.record(
            {
                "items": {
                    "type": "array",
                    "items": {"allOf": [theme, oas.record({"platform": {"type": "boolean"}})]},
                }
            }
        ),
        "ThemeChoice": oas.closed(
            ["themes"], {"themes": {"type": "array", "items": {"type": "string"}, "maxItems": 20}}
        ),
        "Meeting": meeting,
        "MeetingList": oas.items("Meeting"),
        "NewMeeting": oas.closed(
            ["kind", "held_on"],
            {
                "kind": {"type": "string", "enum": list(MEETING_KINDS)},
                "held_on": DATE,
                "attendees": {"type": "string", "maxLength": 50_000},
                "agenda": {"type": "string", "maxLength": 50_000},
                "minutes": {"type": "string", "maxLength": 50_000},
            },
        ),
        "Action": action,
        "ActionList": {
            "type": "object",
            "required": ["items"],
            "properties": {"items": {"type": "array", "items": listed_action}},
        },
        "Recommendation": recommendation,
        "RecommendationList": oas.items("Recommendation"),
        "NewRecommendation": oas.closed(
            ["text"],
            {
                "text": {"type": "string", "minLength": 1, "maxLength": 5_000},
                "source": {"type": "string", "enum": list(RECOMMENDATION_SOURCES)},
            },
        ),
        "NewAction": oas.closed(
            ["description", "owner_agency_id"],
            {
                "description": {"type": "string", "minLength": 1, "maxLength": 5_000},
                "owner_agency_id": oas.ID,
                "owner_email": {"type": "string", "maxLength": 254},
                "due_on": NULL_DATE,
            },
        ),
        "ActionChange": oas.closed(
            ["status"],
            {
                "status": {"type": "string", "enum": list(ACTION_STATES)},
                "not_accepted_reason": {"type": "string", "maxLength": 5_000},
            },
        ),
        "Agency": agency,
        "AgencyList": oas.items("Agency"),
        "NewAgency": oas.closed(
            ["name"], {"name": {"type": "string", "minLength": 1, "maxLength": 200}}
        ),
        "AgencyRequest": agency_request,
        "AgencyRequestList": oas.items("AgencyRequest"),
        "NewAgencyRequest": oas.closed(
            ["agency_id", "kind", "contact_email"],
            {
                "agency_id": oas.ID,
                "kind": {"type": "string", "enum": list(REQUEST_KINDS)},
                "contact_email": {"type": "string", "format": "email", "maxLength": 254},
                "due_on": {
                    **NULL_DATE,
                    "description": "Leave out to use the framework's working days.",
                },
                "instructions": {"type": "string", "maxLength": 10_000},
            },
        ),
        "ChronologyLine": line,
        "Chronology": oas.items("ChronologyLine"),
        "AgencyReturnUpload": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {"type": "string", "contentMediaType": "application/octet-stream"}
            },
        },
    }


OPERATIONS = (
    oas.Op(
        "get",
        "/themes",
        "listThemes",
        "The learning themes a review may choose: the platform's, then the board's own",
        "200",
        "OfferedThemeList",
        "The list.",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/themes",
        "reviewThemes",
        "The learning themes chosen on the review",
        "200",
        "ThemeList",
        "As chosen.",
    ),
    oas.Op(
        "put",
        "/reviews/{review_id}/themes",
        "chooseThemes",
        "Set the review's learning themes (review managers and board admins)",
        "200",
        "ThemeList",
        "The themes now chosen.",
        body="ThemeChoice",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/meetings",
        "listMeetings",
        "The review's panel and family meetings, oldest first (the read is audited)",
        "200",
        "MeetingList",
        "Oldest first.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/meetings",
        "recordMeeting",
        "Record a meeting; a panel meeting promises the family an update where the framework does",
        "201",
        "Meeting",
        "Recorded.",
        body="NewMeeting",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/recommendations",
        "listRecommendations",
        "The review's recommendations, each with its actions",
        "200",
        "RecommendationList",
        "In number order.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/recommendations",
        "addRecommendation",
        "Record a recommendation (review managers and board admins)",
        "201",
        "Recommendation",
        "Recorded.",
        body="NewRecommendation",
    ),
    oas.Op(
        "post",
        "/recommendations/{rec_id}/actions",
        "addAction",
        "Add an action: owner agency, optional owner (invited) and due date",
        "201",
        "Action",
        "The new action.",
        body="NewAction",
    ),
    oas.Op(
        "get",
        "/actions",
        "listActions",
        "The board's actions the token may see, soonest due first",
        "200",
        "ActionList",
        "Soonest due first.",
        query=(
            oas.query(
                "open",
                oas.FLAG,
                "Only actions not yet signed off or not accepted (default true).",
            ),
        ),
    ),
    oas.Op(
        "patch",
        "/actions/{action_id}",
        "updateAction",
        "Change an action's status (its owner, or a review manager); not accepted needs a reason",
        "200",
        "Action",
        "The action.",
        body="ActionChange",
    ),
    oas.Op(
        "post",
        "/actions/{action_id}/sign-off",
        "signOffAction",
        "The board signs off an action that is done or not accepted",
        "200",
        "Action",
        "Signed off.",
    ),
    oas.Op(
        "get",
        "/agencies",
        "listAgencies",
        "The board's partner agencies",
        "200",
        "AgencyList",
        "By name.",
    ),
    oas.Op(
        "post",
        "/agencies",
        "addAgency",
        "Add an agency to the board's list (review managers and board admins)",
        "201",
        "Agency",
        "The new agency.",
        body="NewAgency",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/agency-requests",
        "listAgencyRequests",
        "What the review asked of each agency, with each request's status today",
        "200",
        "AgencyRequestList",
        "Soonest due first.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/agency-requests",
        "sendAgencyRequest",
        "Ask an agency for a summary, IMR or chronology; the person named is invited",
        "201",
        "AgencyRequest",
        "The request, sent.",
        body="NewAgencyRequest",
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/chronology",
        "mergedChronology",
        "Every agency's chronology entries, by date (the read is audited)",
        "200",
        "Chronology",
        "Oldest first.",
        query=(oas.query("agency_id", oas.ID, "Only this agency's entries."),),
    ),
    oas.Op(
        "get",
        "/agency-requests/{request_id}",
        "readAgencyRequest",
        "One request: staff who may see its review, or the contributor it is addressed to",
        "200",
        "AgencyRequest",
        "The request.",
    ),
    oas.Op(
        "post",
        "/agency-requests/{request_id}/returns",
        "uploadAgencyReturn",
        "Upload a return: PDF or DOCX, or a chronology as CSV or XLSX (checked by content)",
        "201",
        "AgencyRequest",
        "Stored privately; the request is returned.",
        body="AgencyReturnUpload",
        media="multipart/form-data",
        fails={"413": oas.TOO_LARGE},
    ),
)


def paths(errors: dict[str, Any]) -> dict[str, Any]:
    """`errors` are the shared 400/401/403/404 answers; a write may also conflict or be refused."""
    write = {
        **errors,
        "409": oas.problem(
            "The change conflicts with the record's state (a name already listed, a request withdrawn)."
        ),
        "415": oas.problem("The body is not of the documented type."),
        "422": oas.problem(
            "The change cannot be applied; `errors` names each field and what is wrong."
        ),
    }
    return oas.paths((*family.OPERATIONS, *OPERATIONS), errors, write)
