"""`candour reports clean-orphans`: remove public copies no publication points at (left by a
publication that failed half-way, or a withdrawal the store did not finish), for a scheduled job."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from core import db
from core.reports.withdrawal import clean_board_orphans
from core.tenancy.models import Tenant

reports_group = click.Group("reports", help="Published reports.")


@reports_group.command("clean-orphans")
@click.option("--tenant", "slug", default=None, help="Only this board (its slug).")
@with_appcontext
def clean_orphans(slug: str | None) -> None:
    """Delete every public report copy that no current publication points at."""
    with db.all_tenants():
        query = select(Tenant).order_by(Tenant.slug)
        if slug:
            query = query.where(Tenant.slug == slug)
        tenants = list(db.session.scalars(query))
    if slug and not tenants:
        raise click.ClickException(f"no board with slug {slug!r}")
    total = 0
    for tenant in tenants:
        with db.tenant_scope(tenant.id):
            removed = clean_board_orphans(tenant)
        total += len(removed)
        if removed:
            click.echo(f"{tenant.slug}: removed {len(removed)} orphaned public copies")
    db.session.commit()
    click.echo(f"Removed {total} orphaned public copies.")
