"""`candour reports clean-orphans`: remove public copies no publication points at (left by a
publication that failed half-way, or a withdrawal the store did not finish), for a scheduled job."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core import db
from core.reports.withdrawal import clean_board_orphans
from core.tenancy.boards import board_option, boards_for_command

reports_group = click.Group("reports", help="Published reports.")


@reports_group.command("clean-orphans")
@board_option
@with_appcontext
def clean_orphans(slug: str | None) -> None:
    """Delete every public report copy that no current publication points at."""
    tenants = boards_for_command(slug, active_only=False)
    total = 0
    for tenant in tenants:
        with db.tenant_scope(tenant.id):
            removed = clean_board_orphans(tenant)
        total += len(removed)
        if removed:
            click.echo(f"{tenant.slug}: removed {len(removed)} orphaned public copies")
    db.session.commit()
    click.echo(f"Removed {total} orphaned public copies.")
