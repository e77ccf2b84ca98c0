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


def paths(review_id: dict[str, Any], errors: dict[str, Any]) -> dict[str, Any]:
    """`review_id` is the shared path parameter; `errors` the shared 400/401/403/404 answers."""
    request_id = oas.path_id("request_id")
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
    rec_id = oas.path_id("rec_id")
    action_id = oas.path_id("action_id")
    return {
        **family.paths(review_id, errors, write),
        "/themes": {
            "get": oas.operation(
                "listThemes",
                "The learning themes a review may choose: the platform's, then the board's own",
                {"200": oas.answer(oas.ref("OfferedThemeList"), "The list."), **errors},
            ),
        },
        "/reviews/{review_id}/themes": {
            "parameters": [review_id],
            "get": oas.operation(
                "reviewThemes",
                "The learning themes chosen on the review",
                {"200": oas.answer(oas.ref("ThemeList"), "As chosen."), **errors},
            ),
            "put": oas.operation(
                "chooseThemes",
                "Set the review's learning themes (review managers and board admins)",
                {"200": oas.answer(oas.ref("ThemeList"), "The themes now chosen."), **write},
                body="ThemeChoice",
            ),
        },
        "/reviews/{review_id}/meetings": {
            "parameters": [review_id],
            "get": oas.operation(
                "listMeetings",
                "The review's panel and family meetings, oldest first (the read is audited)",
                {"200": oas.answer(oas.ref("MeetingList"), "Oldest first."), **errors},
            ),
            "post": oas.operation(
                "recordMeeting",
                "Record a meeting; a panel meeting promises the family an update where the framework does",
                {"201": oas.answer(oas.ref("Meeting"), "Recorded."), **write},
                body="NewMeeting",
            ),
        },
        "/reviews/{review_id}/recommendations": {
            "parameters": [review_id],
            "get": oas.operation(
                "listRecommendations",
                "The review's recommendations, each with its actions",
                {"200": oas.answer(oas.ref("RecommendationList"), "In number order."), **errors},
            ),
            "post": oas.operation(
                "addRecommendation",
                "Record a recommendation (review managers and board admins)",
                {"201": oas.answer(oas.ref("Recommendation"), "Recorded."), **write},
                body="NewRecommendation",
            ),
        },
        "/recommendations/{rec_id}/actions": {
            "parameters": [rec_id],
            "post": oas.operation(
                "addAction",
                "Add an action: owner agency, optional owner (invited) and due date",
                {"201": oas.answer(oas.ref("Action"), "The new action."), **write},
                body="NewAction",
            ),
        },
        "/actions": {
            "get": oas.operation(
                "listActions",
                "The board's actions the token may see, soonest due first",
                {"200": oas.answer(oas.ref("ActionList"), "Soonest due first."), **errors},
                parameters=[
                    oas.query(
                        "open",
                        {"type": "string", "enum": ["true", "false"]},
                        "Only actions not yet signed off or not accepted (default true).",
                    )
                ],
            ),
        },
        "/actions/{action_id}": {
            "parameters": [action_id],
            "patch": oas.operation(
                "updateAction",
                "Change an action's status (its owner, or a review manager); not accepted needs a reason",
                {"200": oas.answer(oas.ref("Action"), "The action."), **write},
                body="ActionChange",
            ),
        },
        "/actions/{action_id}/sign-off": {
            "parameters": [action_id],
            "post": oas.operation(
                "signOffAction",
                "The board signs off an action that is done or not accepted",
                {"200": oas.answer(oas.ref("Action"), "Signed off."), **write},
            ),
        },
        "/agencies": {
            "get": oas.operation(
                "listAgencies",
                "The board's partner agencies",
                {"200": oas.answer(oas.ref("AgencyList"), "By name."), **errors},
            ),
            "post": oas.operation(
                "addAgency",
                "Add an agency to the board's list (review managers and board admins)",
                {"201": oas.answer(oas.ref("Agency"), "The new agency."), **write},
                body="NewAgency",
            ),
        },
        "/reviews/{review_id}/agency-requests": {
            "parameters": [review_id],
            "get": oas.operation(
                "listAgencyRequests",
                "What the review asked of each agency, with each request's status today",
                {"200": oas.answer(oas.ref("AgencyRequestList"), "Soonest due first."), **errors},
            ),
            "post": oas.operation(
                "sendAgencyRequest",
                "Ask an agency for a summary, IMR or chronology; the person named is invited",
                {"201": oas.answer(oas.ref("AgencyRequest"), "The request, sent."), **write},
                body="NewAgencyRequest",
            ),
        },
        "/reviews/{review_id}/chronology": {
            "parameters": [review_id],
            "get": oas.operation(
                "mergedChronology",
                "Every agency's chronology entries, by date (the read is audited)",
                {"200": oas.answer(oas.ref("Chronology"), "Oldest first."), **errors},
                parameters=[oas.query("agency_id", oas.ID, "Only this agency's entries.")],
            ),
        },
        "/agency-requests/{request_id}": {
            "parameters": [request_id],
            "get": oas.operation(
                "readAgencyRequest",
                "One request: staff who may see its review, or the contributor it is addressed to",
                {"200": oas.answer(oas.ref("AgencyRequest"), "The request."), **errors},
            ),
        },
        "/agency-requests/{request_id}/returns": {
            "parameters": [request_id],
            "post": oas.operation(
                "uploadAgencyReturn",
                "Upload a return: PDF or DOCX, or a chronology as CSV or XLSX (checked by content)",
                {
                    "201": oas.answer(
                        oas.ref("AgencyRequest"), "Stored privately; the request is returned."
                    ),
                    **write,
                    "413": oas.problem("The file is larger than the configured limit."),
                },
                body="AgencyReturnUpload",
                media="multipart/form-data",
            ),
        },
    }
