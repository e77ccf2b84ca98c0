"""The reports part of the OpenAPI document, kept beside the routes it describes."""

from __future__ import annotations

from typing import Any

from core.api import openapi_parts as oas

DATE_TIME = {"type": "string", "format": "date-time"}
NULL_TEXT = {"oneOf": [{"type": "string"}, {"type": "null"}]}
IN_WORDS = {"type": "string", "description": "The state in words, as the staff pages say it."}


def _progress(
    statuses: list[str], meaning: str, *, label: dict[str, Any], reason: dict[str, Any]
) -> dict[str, Any]:
    """The properties of where a piece of work stands: its `status` (one of `statuses`, as
    `meaning` explains), that status in words, and why it stopped."""
    return {
        "status": {"type": "string", "enum": statuses, "description": meaning},
        "label": label,
        "reason": reason,
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
            "oneOf": [oas.ref("Check"), {"type": "null"}],
            "description": "The anonymisation check of a final report (null for a draft).",
        },
        "publishing": {
            "oneOf": [oas.ref("Publishing"), {"type": "null"}],
            "description": "A final report's publication while the worker does it, or once "
            "refused or failed (null otherwise).",
        },
        "download": {"type": "string"},
    }
    publishing = _progress(
        ["publishing", "refused", "failed"],
        "`publishing` until the worker has read the report again, rebuilt and "
        "checked the public copy and stored it; `refused` (the check stopped it) and `failed` "
        "(it could not be read or stored) leave it unpublished.",
        label=IN_WORDS,
        reason=NULL_TEXT,
    )
    publication_state = {
        **_progress(
            ["publishing", "published", "refused", "failed"],
            "Where the publication stands now; poll the report files "
            "(`publishing`) or the review until it is `published`.",
            label={"type": "string"},
            reason={
                **NULL_TEXT,
                "description": "Why a `refused` or `failed` publication did not happen.",
            },
        ),
        "report_file": {"type": "integer"},
        "publication": {"oneOf": [oas.ref("Publication"), {"type": "null"}]},
    }
    check = {
        **_progress(
            ["pending", "passed", "blocked", "unreadable"],
            "`pending` until the worker has read and checked the file; "
            "`unreadable` (it could not be read) blocks publication like `blocked` does.",
            label=IN_WORDS,
            reason={**NULL_TEXT, "description": "Why an `unreadable` file could not be read."},
        ),
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
        "accepted_reason": NULL_TEXT,
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
        "withdrawal_reason": NULL_TEXT,
        "download": {"type": "string"},
    }
    lines = {"type": "array", "items": {"type": "string", "maxLength": 1000}, "maxItems": 50}
    return {
        "Check": oas.record(check),
        "Publishing": oas.record(publishing),
        "PublicationState": oas.record(publication_state),
        "Finding": oas.record(finding),
        "FindingList": {
            "type": "object",
            "required": ["checked_at", "open", "items"],
            "properties": {
                "checked_at": {"oneOf": [DATE_TIME, {"type": "null"}]},
                "check": {"oneOf": [oas.ref("Check"), {"type": "null"}]},
                "open": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": oas.ref("Finding")},
            },
        },
        "Publication": oas.record(publication),
        "Withdrawal": {
            "allOf": [
                oas.ref("Publication"),
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
        "ReportFile": oas.record(props),
        "ReportFileList": oas.items("ReportFile"),
        "ReportUpload": {
            "type": "object",
            "required": ["kind", "file"],
            "properties": {
                "kind": {"type": "string", "enum": ["draft", "final"]},
                "file": {"type": "string", "contentMediaType": "application/pdf"},
            },
        },
    }


OPERATIONS = (
    oas.Op(
        "get",
        "/reviews/{review_id}/reports",
        "listReportFiles",
        "The review's uploaded draft and final reports (never their content)",
        "200",
        "ReportFileList",
        "Newest first.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/reports",
        "uploadReportFile",
        "Upload a draft or final report (PDF only, checked by its content); "
        "a final report is checked for protected identifiers at once",
        "201",
        "ReportFile",
        "Stored privately.",
        body="ReportUpload",
        media="multipart/form-data",
        fails={
            "413": oas.TOO_LARGE,
            "415": oas.problem("The body is not multipart/form-data."),
            "422": oas.problem("Not a PDF we accept, or `kind` is missing; `errors` says why."),
        },
    ),
    oas.Op(
        "get",
        "/reviews/{review_id}/reports/{file_id}/findings",
        "listReportFindings",
        "What the anonymisation check found in a final report, masked",
        "200",
        "FindingList",
        "Every finding, accepted or not; an unreadable part is a finding that cannot be accepted.",
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/reports/publish",
        "publishReport",
        "Publish the latest final report (review managers and board admins): "
        "checked at once as far as it can be fast, then, in the worker, the guard runs "
        "afresh, a clean copy is rebuilt, checked again and made public",
        "202",
        "PublicationState",
        "Accepted: being published in the worker (`publication` "
        "is set once it is published; asking again while it is being published "
        "changes nothing).",
        body="PublishRequest",
        fails={
            "409": oas.problem("The review is not at its final report stage, or is published."),
            "415": oas.NOT_JSON,
            "422": oas.problem("Findings, obligations or details stop it; `errors` says why."),
            "503": oas.problem("The file store did not answer; nothing was published."),
        },
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/reports/withdraw",
        "withdrawReport",
        "Withdraw the published report (board admins), with a reason: off the "
        "public list, the feeds and the download at once, its public copy deleted",
        "200",
        "Withdrawal",
        "Withdrawn; `copy_removed` is false if the store did not "
        "answer (withdraw again to remove it).",
        body="WithdrawRequest",
        fails={"415": oas.NOT_JSON, "422": oas.problem("No reason given; `errors` says why.")},
    ),
)


def paths(errors: dict[str, Any]) -> dict[str, Any]:
    """`errors` are the shared 400/401/403/404 answers; a report's writes fail as their rows say."""
    return {
        **oas.paths(OPERATIONS, errors),
        "/reviews/{review_id}/reports/{file_id}": {
            "parameters": [oas.path_id("review_id"), oas.path_id("file_id")],
            "get": oas.operation(
                "downloadReportFile",
                "The stored PDF (the read is audited)",
                {
                    "200": {
                        "description": "The PDF.",
                        "content": {"application/pdf": {"schema": {"type": "string"}}},
                    },
                    **errors,
                    "503": oas.problem("The file store did not answer."),
                },
            ),
        },
    }
