"""National returns as spreadsheets: the exports frameworks declare (`Framework.exports`), one row
per review of the board, built from what the review records and never from its identifiers or
family members' details (only how many there are)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core import db
from core.audit.services import record
from core.plugin_api import Export
from core.reviews.context import Actor, ReviewForbidden, ReviewNotFound, framework_context
from core.reviews.fields import detail_values
from core.reviews.models import Review
from core.reviews.obligations import review_values
from core.tenancy.models import Tenant


@dataclass(frozen=True)
class ReturnRow:
    """One review's row of a return, and when its sending was recorded as sent and acknowledged
    (the review fields named, so a caller can set them)."""

    review_id: int
    reference: str
    framework: str
    sent_field: str
    sent_on: dt.date | None
    acknowledged_field: str
    acknowledged_on: dt.date | None
    cells: dict[str, object]


def available_exports(tenant: Tenant) -> list[Export]:
    """The returns the board's reviews can be exported to: its framework's, then its older
    reviews' frameworks', each key once."""
    keys = [tenant.framework]
    keys += sorted(
        set(db.session.scalars(select(Review.framework).distinct())) - {tenant.framework}
    )
    found: dict[str, Export] = {}
    for key in keys:
        try:
            framework = framework_context(tenant, key).framework
        except ValueError:
            continue
        for export in framework.exports:
            found.setdefault(export.key, export)
    return list(found.values())


def export_values(tenant: Tenant, review: Review) -> dict[str, Any]:
    """What an export's `row` may read about one review."""
    fw = framework_context(tenant, review.framework)
    values = review_values(review, fw)
    values.update(detail_values(fw.framework, review))
    named = fw.framework.field_text.get(f"decision:{review.decision}")
    values.update(
        board=tenant.name,
        reference=review.reference,
        framework=review.framework,
        framework_name=fw.framework.name,
        stage=review.stage,
        stage_label=fw.stage_label(review.stage),
        closed=review.closed,
        pseudonym=review.pseudonym,
        decision=review.decision,
        decision_label=named[0] if named else review.decision,
        target_on=review.target_on,
        family_members=len(review.family_members),
        family_members_involved=sum(
            1 for m in review.family_members if m.involvement == "involved"
        ),
        parallel_processes=", ".join(sorted({p.kind for p in review.parallel_processes})),
        extensions=len(review.extensions),
    )
    return values


def export_rows(tenant: Tenant, actor: Actor, key: str) -> tuple[Export, list[ReturnRow]]:
    """The return `key`: one row per review whose framework declares it, in reference order,
    with each review's sent and acknowledged dates where its framework records them."""
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can export returns")
    export = next((e for e in available_exports(tenant) if e.key == key), None)
    if export is None:
        raise ReviewNotFound(key)
    rows: list[ReturnRow] = []
    for review in db.session.scalars(select(Review).order_by(Review.reference)):
        framework = framework_context(tenant, review.framework).framework
        own = next((e for e in framework.exports if e.key == key), None)
        if own is None:
            continue
        values = export_values(tenant, review)
        cells = own.row(values)
        rows.append(
            ReturnRow(
                review_id=review.id,
                reference=review.reference,
                framework=review.framework,
                sent_field=own.sent_field,
                sent_on=values.get(own.sent_field) if own.sent_field else None,
                acknowledged_field=own.acknowledged_field,
                acknowledged_on=(
                    values.get(own.acknowledged_field) if own.acknowledged_field else None
                ),
                cells={c: "" if cells.get(c) is None else cells.get(c, "") for c in export.columns},
            )
        )
    return export, rows


def export_csv(tenant: Tenant, actor: Actor, key: str) -> tuple[Export, str]:
    """The return `key` as CSV text that a spreadsheet opens as it is: a byte order mark (so UTF-8
    is read as UTF-8), quoted where needed, CRLF line ends, formula-like cells neutralised."""
    export, rows = export_rows(tenant, actor, key)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(export.columns)
    for row in rows:
        writer.writerow([_cell(row.cells[column]) for column in export.columns])
    record("reviews.return_exported", tenant.slug, {"export": key, "rows": len(rows), "as": "csv"})
    return export, out.getvalue()


def export_xlsx(tenant: Tenant, actor: Actor, key: str) -> tuple[Export, bytes]:
    """The return `key` as an Excel workbook: one sheet, a header row, one row per review."""
    from openpyxl import Workbook

    export, rows = export_rows(tenant, actor, key)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=export.key[:31])
    sheet.append(list(export.columns))
    for row in rows:
        sheet.append([_xlsx_cell(row.cells[column]) for column in export.columns])
    book.properties.title = export.label[:200]
    out = io.BytesIO()
    book.save(out)
    record("reviews.return_exported", tenant.slug, {"export": key, "rows": len(rows), "as": "xlsx"})
    return export, out.getvalue()


def _xlsx_cell(value: object) -> object:
    return value if isinstance(value, int) and not isinstance(value, bool) else _cell(value)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
