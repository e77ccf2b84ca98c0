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
        "download": {"type": "string"},
    }
    return {
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
