"""National returns as spreadsheets: the exports frameworks declare (`Framework.exports`), one row
per review of the board, built from what the review records and never from its identifiers or
family members' details (only how many there are)."""

from __future__ import annotations

import csv
import io
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


def export_csv(tenant: Tenant, actor: Actor, key: str) -> tuple[Export, str]:
    """The return `key` as CSV text: one row per review whose framework declares it."""
    if not actor.is_manager:
        raise ReviewForbidden("only a review manager or board admin can export returns")
    export = next((e for e in available_exports(tenant) if e.key == key), None)
    if export is None:
        raise ReviewNotFound(key)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(export.columns)
    rows = 0
    for review in db.session.scalars(select(Review).order_by(Review.reference)):
        framework = framework_context(tenant, review.framework).framework
        if not any(e.key == key for e in framework.exports):
            continue
        own = next(e for e in framework.exports if e.key == key)
        cells = own.row(export_values(tenant, review))
        writer.writerow([_cell(cells.get(column, "")) for column in export.columns])
        rows += 1
    record("reviews.return_exported", tenant.slug, {"export": key, "rows": rows})
    return export, out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
