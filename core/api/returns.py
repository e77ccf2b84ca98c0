"""The national returns part of the JSON API: the returns and deposits the board's frameworks
declare, each as JSON rows (one per review, with when it was sent and acknowledged) or as the
spreadsheet the staff pages give (CSV or XLSX). Recording a return as sent or acknowledged is a
change of the review's fields, through `PATCH /reviews/{id}` with the field names each row gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, jsonify, url_for
from flask.typing import ResponseReturnValue

from core import db
from core.api.blueprint import _actor, bp
from core.api.problems import Problem
from core.reviews.context import ReviewForbidden, ReviewNotFound, today
from core.reviews.exports import ReturnRow, available_exports, export_csv, export_rows, export_xlsx
from core.tenancy.context import current_tenant

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _refused(key: str, exc: Exception) -> Problem:
    if isinstance(exc, ReviewForbidden):
        return Problem(403, "Only a review manager or board admin can see national returns.")
    return Problem(404, f"This board's frameworks declare no return {key[:60]!r}.")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _row(row: ReturnRow) -> dict[str, Any]:
    return {
        "review_id": row.review_id,
        "reference": row.reference,
        "framework": row.framework,
        "sent": {"field": row.sent_field or None, "on": _iso(row.sent_on)},
        "acknowledged": {"field": row.acknowledged_field or None, "on": _iso(row.acknowledged_on)},
        "cells": {k: v if isinstance(v, int) else str(v) for k, v in row.cells.items()},
    }


@bp.get("/returns")
def returns_list() -> ResponseReturnValue:
    if not _actor().is_manager:
        raise _refused("", ReviewForbidden(""))
    exports = available_exports(current_tenant)
    db.session.commit()
    return jsonify(
        {
            "items": [
                {
                    "key": e.key,
                    "label": e.label,
                    "description": e.description,
                    "columns": list(e.columns),
                    "sent_field": e.sent_field or None,
                    "acknowledged_field": e.acknowledged_field or None,
                    "rows": url_for("api.return_rows", key=e.key),
                    "csv": url_for("api.return_file", key=e.key, fmt="csv"),
                    "xlsx": url_for("api.return_file", key=e.key, fmt="xlsx"),
                }
                for e in exports
            ]
        }
    )


@bp.get("/returns/<key>")
def return_rows(key: str) -> ResponseReturnValue:
    try:
        export, rows = export_rows(current_tenant, _actor(), key[:60])
    except (ReviewForbidden, ReviewNotFound) as exc:
        raise _refused(key, exc) from None
    db.session.commit()
    sent = sum(1 for r in rows if r.sent_on is not None)
    acknowledged = sum(1 for r in rows if r.acknowledged_on is not None)
    return jsonify(
        {
            "key": export.key,
            "label": export.label,
            "columns": list(export.columns),
            "total": len(rows),
            "sent": sent,
            "acknowledged": acknowledged,
            "items": [_row(r) for r in rows],
        }
    )


@bp.get("/returns/<key>/export.<any(csv, xlsx):fmt>")
def return_file(key: str, fmt: str) -> ResponseReturnValue:
    build = export_csv if fmt == "csv" else export_xlsx
    try:
        export, body = build(current_tenant, _actor(), key[:60])
    except (ReviewForbidden, ReviewNotFound) as exc:
        raise _refused(key, exc) from None
    db.session.commit()
    stamp = today().isoformat()
    return Response(
        body,
        content_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{export.key}-{stamp}.{fmt}"'},
    )
