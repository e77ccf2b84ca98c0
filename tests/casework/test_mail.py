"""Casework mail goes through the outbox: an invitation is queued with the change and delivered by
the notifier, the SMTP one too; reminders are scheduled each morning and go once per due date."""

from __future__ import annotations

import datetime as dt
import email
import sys
from pathlib import Path

from casework_support import mail_text, sent_mail
from sqlalchemy import select

from core import db
from core.casework import services
from core.casework.models import AgencyRequest
from core.mail.models import OutboxMessage
from core.plugin_api import NotifierConfig
from core.reviews.context import as_of
from core.reviews.models import Review

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mail"))

from mail_support import SmtpServer


def _send(as_role, board, *, kind="summary", on=dt.date(2025, 3, 3)):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        with as_of(on):
            req = services.send_request(
                t,
                actor,
                review,
                agency_id=board["agencies"]["police"],
                kind=kind,
                contact_email="officer@police.example",
            )
        return req.id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def test_the_smtp_notifier_delivers_a_casework_invitation(app, as_role, boards, monkeypatch):
    from plugins.notify_smtp import SmtpNotifier

    server = SmtpServer().start()
    try:
        monkeypatch.setitem(
            app.extensions,
            "candour.notifier",
            SmtpNotifier(
                NotifierConfig(url=f"smtp://127.0.0.1:{server.port}", sender="no-reply@c.test")
            ),
        )
        _send(as_role, boards["a"])
        assert server.inbox.wait_for(1, timeout=10)
    finally:
        server.stop()
    (message,) = server.inbox.messages
    assert server.inbox.recipients == [["officer@police.example"]]
    assert message["X-Candour-Kind"] == "invitation"
    body = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    text = mail_text(body)
    assert "/board-a/casework/invitations/" in text and "Child Q" not in text
    assert sent_mail(app) == []  # not also written to the folder


def test_the_morning_job_reminds_once_however_often_it_runs(app, as_role, boards, monkeypatch):
    req_id = _send(as_role, boards["a"])  # a summary, due Thursday 13 March 2025
    monkeypatch.setattr("core.reviews.context.today", lambda: dt.date(2025, 3, 11))
    jobs = app.extensions["candour.jobs"]
    jobs.enqueue("casework.remind")
    jobs.enqueue("casework.remind")
    assert [m["To"] for m in sent_mail(app, "reminder_due")] == ["officer@police.example"]
    monkeypatch.setattr("core.reviews.context.today", lambda: dt.date(2025, 3, 14))
    jobs.enqueue("casework.remind")
    jobs.enqueue("casework.remind")
    overdue = sent_mail(app, "reminder_overdue")
    assert len(overdue) == 1 and "was due on 13 March 2025" in mail_text(overdue[0])
    assert "Child Q" not in mail_text(overdue[0])

    # Even if the request's own record of it were lost, the outbox refuses a second reminder.
    def forget(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        req.reminded_overdue_on = None
        return [m.id for m in services.due_reminders(t, dt.date(2025, 3, 17))]

    assert as_role(boards["a"]["tenant"], None, "board_admin", forget) == []
    with app.app_context(), db.tenant_scope(boards["a"]["tenant"].id):
        kinds = sorted(
            m.headers["X-Candour-Kind"] for m in db.session.scalars(select(OutboxMessage))
        )
    assert kinds == ["invitation", "reminder_due", "reminder_overdue"]
    assert len(sent_mail(app, "reminder_overdue")) == 1
