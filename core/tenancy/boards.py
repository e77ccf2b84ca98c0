"""The boards a scheduled command works on: every board, or the one its `--tenant` option names;
the options such a command takes."""

from __future__ import annotations

import click
from sqlalchemy import select

from core import db
from core.tenancy.models import Tenant

# The options every scheduled command over the boards takes.
board_option = click.option("--tenant", "slug", default=None, help="Only this board (its slug).")
day_option = click.option(
    "--on",
    "on",
    default=None,
    type=click.DateTime(["%Y-%m-%d"]),
    help="Count from this date instead of today.",
)


def boards_for_command(slug: str | None, *, active_only: bool) -> list[Tenant]:
    """The boards (only the active ones if `active_only`) by slug, or only the board `slug`; a
    slug that names none is a clear error, never an empty run."""
    with db.all_tenants():
        query = select(Tenant).order_by(Tenant.slug)
        if active_only:
            query = query.where(Tenant.status == "active")
        if slug:
            query = query.where(Tenant.slug == slug)
        tenants = list(db.session.scalars(query))
    if slug and not tenants:
        raise click.ClickException(f"no {'active ' if active_only else ''}board with slug {slug!r}")
    return tenants
