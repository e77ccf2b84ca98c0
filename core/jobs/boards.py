"""The boards a periodic job works through, one by one in each board's own scope."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from core import db
from core.tenancy.models import Tenant


def active_boards() -> list[Tenant]:
    with db.all_tenants():
        return list(
            db.session.scalars(select(Tenant).where(Tenant.status == "active").order_by(Tenant.id))
        )


def in_each_active_board(work: Callable[[Tenant], object]) -> None:
    """Run `work(tenant)` for each active board in that board's own scope, committing after each
    board, so that one board's work is kept when a later board's fails."""
    for tenant in active_boards():
        with db.tenant_scope(tenant.id):
            work(tenant)
        db.session.commit()
