"""Write audit events in the same transaction as the change they describe."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from core import db
from core.audit.models import AuditEvent


class AuditLogImmutable(RuntimeError):
    """Audit events are never changed or deleted."""


def record(
    action: str,
    target: str = "",
    details: dict[str, Any] | None = None,
    *,
    tenant_id: int | None = None,
    actor: Any = None,
) -> AuditEvent:
    """Add an audit event to the current session; it commits with the change it records."""
    if tenant_id is None and has_request_context() and g.get("tenant") is not None:
        tenant_id = g.tenant.id
    if tenant_id is None:
        tenant_id = db.session.info.get("tenant_id")
    if actor is None and has_request_context():
        actor = g.get("actor")
    event_row = AuditEvent(
        tenant_id=tenant_id,
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        target=target[:200],
        details=details or {},
        client_address=client_address(),
    )
    db.session.add(event_row)
    return event_row


def client_address() -> str:
    if not has_request_context():
        return ""
    return (request.remote_addr or "")[:64]


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_audit(db_session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(db_session.dirty) + list(db_session.deleted):
        if isinstance(obj, AuditEvent) and (
            obj in db_session.deleted or db_session.is_modified(obj)
        ):
            raise AuditLogImmutable("audit events are append-only")
