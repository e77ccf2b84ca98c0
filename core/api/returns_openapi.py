"""The national returns part of the OpenAPI document (and recording an obligation, which is how a
return is marked sent when its framework has no date field for it), beside the routes it describes."""

from __future__ import annotations

from typing import Any

from core.api import openapi_parts as oas

DATE = {"type": ["string", "null"], "format": "date"}
KEY = {
    "name": "key",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 60},
    "description": "A return's key from `GET /returns`, like `scrt` or `home-office-qa`.",
}
FIELD = {
    "type": ["string", "null"],
    "description": "The review field that records it (set it with `PATCH /reviews/{review_id}`); "
    "null when the return does not record it.",
}
NO_SUCH_RETURN = oas.problem("The board's frameworks declare no such return.")


def schemas() -> dict[str, Any]:
    national_return = {
        **oas.strings("key", "label", "description"),
        "columns": {"type": "array", "items": {"type": "string"}},
        "sent_field": FIELD,
        "acknowledged_field": FIELD,
        "rows": {"type": "string", "description": "Where its rows are, as JSON."},
        "csv": {"type": "string", "description": "Where it is as CSV (UTF-8 with a BOM)."},
        "xlsx": {"type": "string", "description": "Where it is as an Excel workbook."},
    }
    dated = {
        "type": "object",
        "required": ["field", "on"],
        "properties": {"field": FIELD, "on": DATE},
    }
    row = {
        "review_id": {"type": "integer"},
        "reference": {"type": "string"},
        "framework": {"type": "string"},
        "sent": oas.ref("ReturnDate"),
        "acknowledged": oas.ref("ReturnDate"),
        "cells": {
            "type": "object",
            "description": "The row's cells by column name, as the national body asks for them.",
            "additionalProperties": {"type": ["string", "integer"]},
        },
    }
    rows = {
        "key": {"type": "string"},
        "label": {"type": "string"},
        "columns": {"type": "array", "items": {"type": "string"}},
        "total": {"type": "integer", "minimum": 0},
        "sent": {"type": "integer", "minimum": 0, "description": "Rows recorded as sent."},
        "acknowledged": {"type": "integer", "minimum": 0},
        "items": {"type": "array", "items": oas.ref("ReturnRow")},
    }
    return {
        "NationalReturn": oas.record(national_return),
        "NationalReturnList": oas.items("NationalReturn"),
        "ReturnDate": dated,
        "ObligationRecord": oas.closed(
            ["action"],
            {
                "action": {"type": "string", "enum": ["met", "waive", "reopen"]},
                "met_on": {
                    "type": "string",
                    "format": "date",
                    "description": "For `met`: the date it was done (not in the future).",
                },
                "note": {"type": "string", "maxLength": 2000},
                "reason": {
                    "type": "string",
                    "maxLength": 2000,
                    "description": "For `waive` (board admins only): why.",
                },
            },
        ),
        "ReturnRow": oas.record(row),
        "ReturnRows": oas.record(rows),
    }


OPERATIONS = (
    oas.Op(
        "get",
        "/returns",
        "listReturns",
        "The national returns and deposits the board's frameworks declare "
        "(review managers and board admins)",
        "200",
        "NationalReturnList",
        "The returns.",
    ),
    oas.Op(
        "get",
        "/returns/{key}",
        "readReturn",
        "One return: a row per review, with when it was sent and acknowledged",
        "200",
        "ReturnRows",
        "The return's rows.",
        fails={"404": NO_SUCH_RETURN},
    ),
    oas.Op(
        "post",
        "/reviews/{review_id}/obligations/{obligation_id}",
        "recordObligation",
        "Record an obligation as met on a date, waive it with a reason "
        "(board admins), or reopen it",
        "200",
        "Obligation",
        "The obligation as it now stands.",
        body="ObligationRecord",
    ),
)


def paths(errors: dict[str, Any], write: dict[str, Any]) -> dict[str, Any]:
    """`errors` are the shared 400/401/403/404 answers and `write` a review's write failures."""
    return {
        **oas.paths(OPERATIONS, errors, write, params={"key": KEY}),
        "/returns/{key}/export.{fmt}": {
            "parameters": [KEY, oas.path_id("fmt", {"type": "string", "enum": ["csv", "xlsx"]})],
            "get": oas.operation(
                "exportReturn",
                "One return as a spreadsheet: a header row, then a row per review",
                {
                    "200": {
                        "description": "The spreadsheet; cells a spreadsheet would run as a "
                        "formula start with an apostrophe.",
                        "content": {
                            "text/csv": {"schema": {"type": "string"}},
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                                "schema": {
                                    "type": "string",
                                    "contentMediaType": "application/"
                                    "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                }
                            },
                        },
                    },
                    **errors,
                    "404": NO_SUCH_RETURN,
                },
            ),
        },
    }
