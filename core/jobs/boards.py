"""The boards a periodic job works through, one by one in each board's own scope."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.tenancy.models import Tenant


def active_boards() -> list[Tenant]:
    with db.all_tenants():
        return list(
            db.session.scalars(select(Tenant).where(Tenant.status == "active").order_by(Tenant.id))
        )
