"""The casework part of the OpenAPI document, kept beside the routes it describes."""

from __future__ import annotations

from typing import Any

from core.api import casework_family_openapi as family
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
ID = {"type": "integer", "minimum": 1}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": _ref("Problem")}},
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _object(props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(props), "properties": props}


def _items(name: str) -> dict[str, Any]:
    return _object({"items": {"type": "array", "items": _ref(name)}})


def schemas() -> dict[str, Any]:
    agency = _object(
        {
            "id": ID,
            "key": {"type": "string"},
            "name": {"type": "string"},
            "active": {"type": "boolean"},
        }
    )
    returned = _object(
        {
            "id": ID,
            "file_format": {"type": "string", "enum": list(RETURN_FORMATS)},
            "size": {"type": "integer", "minimum": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "entries": {"type": "integer", "minimum": 0},
            "uploaded_at": {"type": "string", "format": "date-time"},
        }
    )
    more_time = _object(
        {
            "id": ID,
            "wanted_on": DATE,
            "state": {"type": "string", "enum": list(TIME_REQUEST_STATES)},
            "decided_on": NULL_DATE,
        }
    )
    agency_request = _object(
        {
            "id": ID,
            "review_id": ID,
            "agency": _ref("Agency"),
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
    line = _object(
        {
            "date": DATE,
            "agency_id": ID,
            "agency": {"type": "string"},
            "named": {
                "type": "string",
                "description": "The agency or service as the row named it.",
            },
            "event": {"type": "string"},
            "source": {"type": "string"},
        }
    )
    action = _object(
        {
            "id": ID,
            "review_id": ID,
            "recommendation_id": ID,
            "description": {"type": "string"},
            "owner_agency": {"oneOf": [_ref("Agency"), {"type": "null"}]},
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
            _object(
                {
                    "review_reference": {"type": "string"},
                    "recommendation_number": {"type": "integer"},
                }
            ),
        ]
    }
    recommendation = _object(
        {
            "id": ID,
            "review_id": ID,
            "number": {"type": "integer", "minimum": 1},
            "text": {"type": "string"},
            "source": {"type": "string", "enum": list(RECOMMENDATION_SOURCES)},
            "actions": {"type": "array", "items": _ref("Action")},
        }
    )
    meeting = _object(
        {
            "id": ID,
            "review_id": ID,
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
                "items": _object({"id": ID, "decided_on": DATE, "text": {"type": "string"}}),
            },
            "family_update": {
                "oneOf": [
                    _object(
                        {
                            "obligation_id": ID,
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
    theme = _object({"key": {"type": "string"}, "label": {"type": "string"}})
    return {
        **family.schemas(),
        "Theme": theme,
        "ThemeList": _items("Theme"),
        "OfferedThemeList": _object(
            {
                "items": {
                    "type": "array",
                    "items": {"allOf": [theme, _object({"platform": {"type": "boolean"}})]},
                }
            }
        ),
        "ThemeChoice": {
            "type": "object",
            "required": ["themes"],
            "additionalProperties": False,
            "properties": {
                "themes": {"type": "array", "items": {"type": "string"}, "maxItems": 20}
            },
        },
        "Meeting": meeting,
        "MeetingList": _items("Meeting"),
        "NewMeeting": {
            "type": "object",
            "required": ["kind", "held_on"],
            "additionalProperties": False,
            "properties": {
                "kind": {"type": "string", "enum": list(MEETING_KINDS)},
                "held_on": DATE,
                "attendees": {"type": "string", "maxLength": 50_000},
                "agenda": {"type": "string", "maxLength": 50_000},
                "minutes": {"type": "string", "maxLength": 50_000},
            },
        },
        "Action": action,
        "ActionList": {
            "type": "object",
            "required": ["items"],
            "properties": {"items": {"type": "array", "items": listed_action}},
        },
        "Recommendation": recommendation,
        "RecommendationList": _items("Recommendation"),
        "NewRecommendation": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "minLength": 1, "maxLength": 5_000},
                "source": {"type": "string", "enum": list(RECOMMENDATION_SOURCES)},
            },
        },
        "NewAction": {
            "type": "object",
            "required": ["description", "owner_agency_id"],
            "additionalProperties": False,
            "properties": {
                "description": {"type": "string", "minLength": 1, "maxLength": 5_000},
                "owner_agency_id": ID,
                "owner_email": {"type": "string", "maxLength": 254},
                "due_on": NULL_DATE,
            },
        },
        "ActionChange": {
            "type": "object",
            "required": ["status"],
            "additionalProperties": False,
            "properties": {
                "status": {"type": "string", "enum": list(ACTION_STATES)},
                "not_accepted_reason": {"type": "string", "maxLength": 5_000},
            },
        },
        "Agency": agency,
        "AgencyList": _items("Agency"),
        "NewAgency": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200}},
        },
        "AgencyRequest": agency_request,
        "AgencyRequestList": _items("AgencyRequest"),
        "NewAgencyRequest": {
            "type": "object",
            "required": ["agency_id", "kind", "contact_email"],
            "additionalProperties": False,
            "properties": {
                "agency_id": ID,
                "kind": {"type": "string", "enum": list(REQUEST_KINDS)},
                "contact_email": {"type": "string", "format": "email", "maxLength": 254},
                "due_on": {
                    **NULL_DATE,
                    "description": "Leave out to use the framework's working days.",
                },
                "instructions": {"type": "string", "maxLength": 10_000},
            },
        },
        "ChronologyLine": line,
        "Chronology": _items("ChronologyLine"),
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
    request_id = {"name": "request_id", "in": "path", "required": True, "schema": ID}
    write = {
        **errors,
        "409": _problem(
            "The change conflicts with the record's state (a name already listed, a request withdrawn)."
        ),
        "415": _problem("The body is not of the documented type."),
        "422": _problem(
            "The change cannot be applied; `errors` names each field and what is wrong."
        ),
    }
    rec_id = {"name": "rec_id", "in": "path", "required": True, "schema": ID}
    action_id = {"name": "action_id", "in": "path", "required": True, "schema": ID}
    return {
        **family.paths(review_id, errors, write),
        "/themes": {
            "get": {
                "operationId": "listThemes",
                "summary": "The learning themes a review may choose: the platform's, then the board's own",
                "responses": {"200": _json(_ref("OfferedThemeList"), "The list."), **errors},
            },
        },
        "/reviews/{review_id}/themes": {
            "parameters": [review_id],
            "get": {
                "operationId": "reviewThemes",
                "summary": "The learning themes chosen on the review",
                "responses": {"200": _json(_ref("ThemeList"), "As chosen."), **errors},
            },
            "put": {
                "operationId": "chooseThemes",
                "summary": "Set the review's learning themes (review managers and board admins)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("ThemeChoice")}},
                },
                "responses": {"200": _json(_ref("ThemeList"), "The themes now chosen."), **write},
            },
        },
        "/reviews/{review_id}/meetings": {
            "parameters": [review_id],
            "get": {
                "operationId": "listMeetings",
                "summary": "The review's panel and family meetings, oldest first (the read is audited)",
                "responses": {"200": _json(_ref("MeetingList"), "Oldest first."), **errors},
            },
            "post": {
                "operationId": "recordMeeting",
                "summary": "Record a meeting; a panel meeting promises the family an update where the framework does",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewMeeting")}},
                },
                "responses": {"201": _json(_ref("Meeting"), "Recorded."), **write},
            },
        },
        "/reviews/{review_id}/recommendations": {
            "parameters": [review_id],
            "get": {
                "operationId": "listRecommendations",
                "summary": "The review's recommendations, each with its actions",
                "responses": {
                    "200": _json(_ref("RecommendationList"), "In number order."),
                    **errors,
                },
            },
            "post": {
                "operationId": "addRecommendation",
                "summary": "Record a recommendation (review managers and board admins)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewRecommendation")}},
                },
                "responses": {"201": _json(_ref("Recommendation"), "Recorded."), **write},
            },
        },
        "/recommendations/{rec_id}/actions": {
            "parameters": [rec_id],
            "post": {
                "operationId": "addAction",
                "summary": "Add an action: owner agency, optional owner (invited) and due date",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewAction")}},
                },
                "responses": {"201": _json(_ref("Action"), "The new action."), **write},
            },
        },
        "/actions": {
            "get": {
                "operationId": "listActions",
                "summary": "The board's actions the token may see, soonest due first",
                "parameters": [
                    {
                        "name": "open",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["true", "false"]},
                        "description": "Only actions not yet signed off or not accepted (default true).",
                    }
                ],
                "responses": {"200": _json(_ref("ActionList"), "Soonest due first."), **errors},
            },
        },
        "/actions/{action_id}": {
            "parameters": [action_id],
            "patch": {
                "operationId": "updateAction",
                "summary": "Change an action's status (its owner, or a review manager); not accepted needs a reason",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("ActionChange")}},
                },
                "responses": {"200": _json(_ref("Action"), "The action."), **write},
            },
        },
        "/actions/{action_id}/sign-off": {
            "parameters": [action_id],
            "post": {
                "operationId": "signOffAction",
                "summary": "The board signs off an action that is done or not accepted",
                "responses": {"200": _json(_ref("Action"), "Signed off."), **write},
            },
        },
        "/agencies": {
            "get": {
                "operationId": "listAgencies",
                "summary": "The board's partner agencies",
                "responses": {"200": _json(_ref("AgencyList"), "By name."), **errors},
            },
            "post": {
                "operationId": "addAgency",
                "summary": "Add an agency to the board's list (review managers and board admins)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewAgency")}},
                },
                "responses": {"201": _json(_ref("Agency"), "The new agency."), **write},
            },
        },
        "/reviews/{review_id}/agency-requests": {
            "parameters": [review_id],
            "get": {
                "operationId": "listAgencyRequests",
                "summary": "What the review asked of each agency, with each request's status today",
                "responses": {
                    "200": _json(_ref("AgencyRequestList"), "Soonest due first."),
                    **errors,
                },
            },
            "post": {
                "operationId": "sendAgencyRequest",
                "summary": "Ask an agency for a summary, IMR or chronology; the person named is invited",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewAgencyRequest")}},
                },
                "responses": {"201": _json(_ref("AgencyRequest"), "The request, sent."), **write},
            },
        },
        "/reviews/{review_id}/chronology": {
            "parameters": [review_id],
            "get": {
                "operationId": "mergedChronology",
                "summary": "Every agency's chronology entries, by date (the read is audited)",
                "parameters": [
                    {
                        "name": "agency_id",
                        "in": "query",
                        "required": False,
                        "schema": ID,
                        "description": "Only this agency's entries.",
                    }
                ],
                "responses": {"200": _json(_ref("Chronology"), "Oldest first."), **errors},
            },
        },
        "/agency-requests/{request_id}": {
            "parameters": [request_id],
            "get": {
                "operationId": "readAgencyRequest",
                "summary": "One request: staff who may see its review, or the contributor it is addressed to",
                "responses": {"200": _json(_ref("AgencyRequest"), "The request."), **errors},
            },
        },
        "/agency-requests/{request_id}/returns": {
            "parameters": [request_id],
            "post": {
                "operationId": "uploadAgencyReturn",
                "summary": "Upload a return: PDF or DOCX, or a chronology as CSV or XLSX (checked by content)",
                "requestBody": {
                    "required": True,
                    "content": {"multipart/form-data": {"schema": _ref("AgencyReturnUpload")}},
                },
                "responses": {
                    "201": _json(
                        _ref("AgencyRequest"), "Stored privately; the request is returned."
                    ),
                    **write,
                    "413": _problem("The file is larger than the configured limit."),
                },
            },
        },
    }
