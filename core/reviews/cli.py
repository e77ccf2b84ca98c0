"""`candour reviews due`: upcoming and missed deadlines of every board (or one), for a scheduled job.

It also announces each newly missed deadline to the board's plugins, once, so a notification plugin
hears of it even when nobody opens the review.
"""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from core import db
from core.reviews.context import Actor, framework_context, today
from core.reviews.obligations import report_missed
from core.reviews.queries import Filters, due_within, list_reviews
from core.tenancy.boards import board_option, boards_for_command, day_option

reviews_group = click.Group("reviews", help="Review tracking.")
PLATFORM = Actor(None, "board_admin")  # the scheduled job sees every review of a board


@reviews_group.command("due")
@board_option
@click.option(
    "--days",
    default=14,
    show_default=True,
    type=click.IntRange(0, 366),
    help="Look this many days ahead.",
)
@day_option
@with_appcontext
def due(slug: str | None, days: int, on: dt.datetime | None) -> None:
    """Print missed deadlines and those due within DAYS, one line each, per board."""
    day = on.date() if on else today()
    tenants = boards_for_command(slug, active_only=True)
    missed_total = 0
    for tenant in tenants:
        with db.tenant_scope(tenant.id):
            rows = list_reviews(tenant, PLATFORM, Filters(), on=day)
            for row in rows:
                report_missed(
                    tenant, row.review, framework_context(tenant, row.review.framework), day
                )
            items = due_within(tenant, rows, days, on=day)
        db.session.commit()
        click.echo(
            f"{tenant.slug}: {len(items)} deadline(s) missed or due by {(day + dt.timedelta(days=days)).isoformat()}"
        )
        for item in items:
            missed_total += item.status == "missed"
            left = (
                ""
                if item.working_days_left is None
                else f" ({item.working_days_left:+d} working days)"
            )
            click.echo(
                f"  {item.status.upper():8} {item.obligation.due_on}{left}  "
                f"{item.review.reference}  {item.obligation.label}"
            )
    click.echo(f"{missed_total} missed in all.")
