"""The board's audit log: filtered by person, action and date, and exported as CSV.

Audit events are not `TenantOwned` (the operator's have no board), so the board is named here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent

PAGE = 200


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def parse(cls, args: dict[str, str]) -> tuple[AuditFilter, dict[str, str]]:
        errors = {}
        dates: dict[str, dt.date | None] = {"since": None, "until": None}
        for key in dates:
            raw = (args.get(key) or "").strip()
            if raw:
                try:
                    dates[key] = dt.date.fromisoformat(raw)
                except ValueError:
                    errors[key] = "Enter a date like 2026-03-31"
        return (
            cls(
                person=(args.get("person") or "").strip()[:254],
                action=(args.get("action") or "").strip()[:80],
                since=dates["since"],
                until=dates["until"],
            ),
            errors,
        )


def events(tenant_id: int, f: AuditFilter, limit: int | None = PAGE) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.tenant_id == tenant_id)
    if f.person:
        query = query.where(AuditEvent.actor_email.contains(f.person.lower(), autoescape=True))
    if f.action:
        query = query.where(AuditEvent.action.startswith(f.action, autoescape=True))
    if f.since:
        query = query.where(AuditEvent.created_at >= _start(f.since))
    if f.until:
        query = query.where(AuditEvent.created_at < _start(f.until + dt.timedelta(days=1)))
    query = query.order_by(AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def actions(tenant_id: int) -> list[str]:
    return sorted(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.tenant_id == tenant_id).distinct()
        )
    )


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def _cell(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(rows: list[AuditEvent]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time (UTC)", "person", "action", "target", "details", "client address"])
    for e in rows:
        writer.writerow(
            [
                _cell(e.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")),
                _cell(e.actor_email),
                _cell(e.action),
                _cell(e.target),
                _cell(json.dumps(e.details, ensure_ascii=False, sort_keys=True, default=str)),
                _cell(e.client_address),
            ]
        )
    return out.getvalue()
