"""`candour casework remind`: queue in the outbox the reminders agencies and action owners are due,
for every board or one (the worker's `casework.remind` job does the same each morning). Each
reminder is queued once per due date; running it twice a day is harmless."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from core import db
from core.reviews.context import today
from core.tenancy.boards import board_option, boards_for_command, day_option

casework_group = click.Group("casework", help="Agency requests and contributors.")


@casework_group.command("remind")
@board_option
@day_option
@with_appcontext
def remind(slug: str | None, on: dt.datetime | None) -> None:
    """Remind agencies of returns due soon and of returns missed, and owners of overdue actions."""
    from core.casework.actions import overdue_reminders
    from core.casework.services import due_reminders

    day = on.date() if on else today()
    total = 0
    for tenant in boards_for_command(slug, active_only=True):
        with db.tenant_scope(tenant.id):
            messages = due_reminders(tenant, day) + overdue_reminders(tenant, day)
        db.session.commit()
        total += len(messages)
        overdue = sum(
            m.headers.get("X-Candour-Kind") in ("reminder_overdue", "action_overdue")
            for m in messages
        )
        click.echo(f"{tenant.slug}: {len(messages)} reminder(s), {overdue} of them overdue")
    click.echo(f"{total} reminder(s) in all.")
