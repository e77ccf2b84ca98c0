"""A new board is "being set up" — not listed, no family pages — until it is ready: it has contact
details a family can use and at least one active board admin to answer them. Then it goes public."""

from __future__ import annotations

from sqlalchemy import func, select

from core import db
from core.audit.services import record
from core.auth.models import Membership
from core.tenancy.models import Tenant

SETTING_UP = "setup"


def missing(tenant: Tenant) -> list[str]:
    """What the board still needs before families can see it, in words for the operator."""
    needs = []
    if not (tenant.contact_phone.strip() or tenant.contact_email.strip()):
        needs.append("a contact phone number or email address")
    with db.tenant_scope(tenant.id):
        admins = db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.role == "board_admin", Membership.active.is_(True)
            )
        )
    if not admins:
        needs.append("at least one board admin")
    return needs


def publish_if_ready(tenant: Tenant) -> bool:
    """Make a board that is being set up public once nothing is missing; True if it just went public."""
    if tenant.status != SETTING_UP or missing(tenant):
        return False
    tenant.status = "active"
    tenant.content_version += 1
    with db.tenant_scope(tenant.id):
        record("tenant.ready", tenant.slug, {}, tenant_id=tenant.id)
    return True
