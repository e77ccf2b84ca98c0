"""The reports part of the OpenAPI document, kept beside the routes it describes."""

from __future__ import annotations

from typing import Any

FILE_ID = {"name": "file_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}  # fmt: skip
DATE_TIME = {"type": "string", "format": "date-time"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": _ref("Problem")}},
    }


def schemas() -> dict[str, Any]:
    props = {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["draft", "final"]},
        "filename": {"type": "string"},
        "size": {"type": "integer", "minimum": 1},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "pages": {"type": "integer", "minimum": 0},
        "uploaded_at": DATE_TIME,
        "uploaded_by": {"type": "string"},
        "checked_at": {
            "oneOf": [DATE_TIME, {"type": "null"}],
            "description": "When the anonymisation check last ran (final reports only).",
        },
        "open_findings": {
            "type": "integer",
            "minimum": 0,
            "description": "Findings of the anonymisation check not yet accepted by a board admin.",
        },
        "check": {
            "oneOf": [_ref("Check"), {"type": "null"}],
            "description": "The anonymisation check of a final report (null for a draft).",
        },
        "publishing": {
            "oneOf": [_ref("Publishing"), {"type": "null"}],
            "description": "A final report's publication while the worker does it, or once "
            "refused or failed (null otherwise).",
        },
        "download": {"type": "string"},
    }
    publishing = {
        "status": {
            "type": "string",
            "enum": ["publishing", "refused", "failed"],
            "description": "`publishing` until the worker has read the report again, rebuilt and "
            "checked the public copy and stored it; `refused` (the check stopped it) and `failed` "
            "(it could not be read or stored) leave it unpublished.",
        },
        "label": {
            "type": "string",
            "description": "The state in words, as the staff pages say it.",
        },
        "reason": {"oneOf": [{"type": "string"}, {"type": "null"}]},
    }
    publication_state = {
        "status": {
            "type": "string",
            "enum": ["publishing", "published", "refused", "failed"],
            "description": "Where the publication stands now; poll the report files "
            "(`publishing`) or the review until it is `published`.",
        },
        "label": {"type": "string"},
        "reason": {
            "oneOf": [{"type": "string"}, {"type": "null"}],
            "description": "Why a `refused` or `failed` publication did not happen.",
        },
        "report_file": {"type": "integer"},
        "publication": {"oneOf": [_ref("Publication"), {"type": "null"}]},
    }
    check = {
        "status": {
            "type": "string",
            "enum": ["pending", "passed", "blocked", "unreadable"],
            "description": "`pending` until the worker has read and checked the file; "
            "`unreadable` (it could not be read) blocks publication like `blocked` does.",
        },
        "label": {
            "type": "string",
            "description": "The state in words, as the staff pages say it.",
        },
        "reason": {
            "oneOf": [{"type": "string"}, {"type": "null"}],
            "description": "Why an `unreadable` file could not be read.",
        },
        "open_findings": {"type": "integer", "minimum": 0},
        "blocks_publication": {"type": "boolean"},
    }
    finding = {
        "id": {"type": "integer"},
        "where": {
            "type": "string",
            "description": "Page and part of the file, e.g. 'Page 3, annotation'.",
        },
        "page": {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
        "kind": {"type": "string"},
        "message": {"type": "string"},
        "context": {
            "type": "string",
            "description": "The text around the finding with the finding and every word of any "
            "protected identifier masked.",
        },
        "overridable": {
            "type": "boolean",
            "description": "False for a part that could not be read or a failed check.",
        },
        "accepted": {"type": "boolean"},
        "accepted_reason": {"oneOf": [{"type": "string"}, {"type": "null"}]},
    }
    date = {"type": "string", "format": "date"}
    publication = {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "published_on": date,
        "available_until": date,
        "size": {"type": "integer", "minimum": 1},
        "sha256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "Of the rebuilt public copy.",
        },
        "withdrawn_at": {"oneOf": [DATE_TIME, {"type": "null"}]},
        "withdrawal_reason": {"oneOf": [{"type": "string"}, {"type": "null"}]},
        "download": {"type": "string"},
    }
    lines = {"type": "array", "items": {"type": "string", "maxLength": 1000}, "maxItems": 50}
    return {
        "Check": {"type": "object", "required": list(check), "properties": check},
        "Publishing": {"type": "object", "required": list(publishing), "properties": publishing},
        "PublicationState": {
            "type": "object",
            "required": list(publication_state),
            "properties": publication_state,
        },
        "Finding": {"type": "object", "required": list(finding), "properties": finding},
        "FindingList": {
            "type": "object",
            "required": ["checked_at", "open", "items"],
            "properties": {
                "checked_at": {"oneOf": [DATE_TIME, {"type": "null"}]},
                "check": {"oneOf": [_ref("Check"), {"type": "null"}]},
                "open": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": _ref("Finding")},
            },
        },
        "Publication": {"type": "object", "required": list(publication), "properties": publication},
        "Withdrawal": {
            "allOf": [
                _ref("Publication"),
                {
                    "type": "object",
                    "required": ["copy_removed"],
                    "properties": {"copy_removed": {"type": "boolean"}},
                },
            ]
        },
        "PublishRequest": {
            "type": "object",
            "required": ["title", "summary", "decision", "rationale"],
            "properties": {
                "title": {"type": "string", "maxLength": 300},
                "summary": {"type": "string", "maxLength": 5000},
                "decision": {"type": "string", "enum": ["full", "summary", "learning-only"]},
                "rationale": {"type": "string"},
                "learning_themes": lines,
                "recommendations": lines,
            },
        },
        "WithdrawRequest": {
            "type": "object",
            "required": ["reason"],
            "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 2000}},
        },
        "ReportFile": {"type": "object", "required": list(props), "properties": props},
        "ReportFileList": {
            "type": "object",
            "required": ["items"],
            "properties": {"items": {"type": "array", "items": _ref("ReportFile")}},
        },
        "ReportUpload": {
            "type": "object",
            "required": ["kind", "file"],
            "properties": {
                "kind": {"type": "string", "enum": ["draft", "final"]},
                "file": {"type": "string", "contentMediaType": "application/pdf"},
            },
        },
    }


def paths(review_id: dict[str, Any], errors: dict[str, Any]) -> dict[str, Any]:
    """`review_id` is the shared path parameter; `errors` the shared 400/401/403/404 answers."""
    return {
        "/reviews/{review_id}/reports": {
            "parameters": [review_id],
            "get": {
                "operationId": "listReportFiles",
                "summary": "The review's uploaded draft and final reports (never their content)",
                "responses": {
                    "200": {
                        "description": "Newest first.",
                        "content": {"application/json": {"schema": _ref("ReportFileList")}},
                    },
                    **errors,
                },
            },
            "post": {
                "operationId": "uploadReportFile",
                "summary": "Upload a draft or final report (PDF only, checked by its content); "
                "a final report is checked for protected identifiers at once",
                "requestBody": {
                    "required": True,
                    "content": {"multipart/form-data": {"schema": _ref("ReportUpload")}},
                },
                "responses": {
                    "201": {
                        "description": "Stored privately.",
                        "content": {"application/json": {"schema": _ref("ReportFile")}},
                    },
                    **errors,
                    "413": _problem("The file is larger than the configured limit."),
                    "415": _problem("The body is not multipart/form-data."),
                    "422": _problem(
                        "Not a PDF we accept, or `kind` is missing; `errors` says why."
                    ),
                },
            },
        },
        "/reviews/{review_id}/reports/{file_id}/findings": {
            "parameters": [review_id, FILE_ID],
            "get": {
                "operationId": "listReportFindings",
                "summary": "What the anonymisation check found in a final report, masked",
                "responses": {
                    "200": {
                        "description": "Every finding, accepted or not; an unreadable part is a "
                        "finding that cannot be accepted.",
                        "content": {"application/json": {"schema": _ref("FindingList")}},
                    },
                    **errors,
                },
            },
        },
        "/reviews/{review_id}/reports/publish": {
            "parameters": [review_id],
            "post": {
                "operationId": "publishReport",
                "summary": "Publish the latest final report (review managers and board admins): "
                "checked at once as far as it can be fast, then, in the worker, the guard runs "
                "afresh, a clean copy is rebuilt, checked again and made public",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("PublishRequest")}},
                },
                "responses": {
                    "202": {
                        "description": "Accepted: being published in the worker (`publication` "
                        "is set once it is published; asking again while it is being published "
                        "changes nothing).",
                        "content": {"application/json": {"schema": _ref("PublicationState")}},
                    },
                    **errors,
                    "409": _problem(
                        "The review is not at its final report stage, or is published."
                    ),
                    "415": _problem("The body is not JSON."),
                    "422": _problem("Findings, obligations or details stop it; `errors` says why."),
                    "503": _problem("The file store did not answer; nothing was published."),
                },
            },
        },
        "/reviews/{review_id}/reports/withdraw": {
            "parameters": [review_id],
            "post": {
                "operationId": "withdrawReport",
                "summary": "Withdraw the published report (board admins), with a reason: off the "
                "public list, the feeds and the download at once, its public copy deleted",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("WithdrawRequest")}},
                },
                "responses": {
                    "200": {
                        "description": "Withdrawn; `copy_removed` is false if the store did not "
                        "answer (withdraw again to remove it).",
                        "content": {"application/json": {"schema": _ref("Withdrawal")}},
                    },
                    **errors,
                    "415": _problem("The body is not JSON."),
                    "422": _problem("No reason given; `errors` says why."),
                },
            },
        },
        "/reviews/{review_id}/reports/{file_id}": {
            "parameters": [review_id, FILE_ID],
            "get": {
                "operationId": "downloadReportFile",
                "summary": "The stored PDF (the read is audited)",
                "responses": {
                    "200": {
                        "description": "The PDF.",
                        "content": {"application/pdf": {"schema": {"type": "string"}}},
                    },
                    **errors,
                    "503": _problem("The file store did not answer."),
                },
            },
        },
    }
