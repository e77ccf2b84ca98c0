"""End to end: the web app and a real `candour worker` process sharing one database and queue,
mail going to a real SMTP server on 127.0.0.1 that is stopped mid-run and started again."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from core import db
from core.config import REPO_ROOT
from core.mail.models import OutboxMessage
from core.migrate import upgrade
from core.testing import csrf_token, make_test_app

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mail_support import SmtpServer, text_of


def poll(condition, timeout: float = 60.0, every: float = 0.2) -> bool:
    """Wait, boundedly, until `condition()` is true."""
    waiter = threading.Event()
    for _ in range(int(timeout / every)):
        if condition():
            return True
        waiter.wait(every)
    return bool(condition())


@pytest.fixture
def platform(tmp_path):
    """A committed database with the demo boards and a review manager, and the app that serves it."""
    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import load_directory
    from core.tenancy.models import Tenant

    server = SmtpServer().start()
    url = f"sqlite:///{tmp_path / 'candour.db'}"
    settings = {
        "JOBS_IMMEDIATE": False,
        "INSTANCE_PATH": str(tmp_path),
        "SMTP_URL": f"smtp://127.0.0.1:{server.port}",
        "MAIL_FROM": "Candour <no-reply@candour.test>",
    }
    app = make_test_app(url, **settings)
    upgrade(app)
    with app.app_context():
        load_directory(REPO_ROOT / "tenants")
        with db.all_tenants():
            salford = db.session.scalars(select(Tenant).where(Tenant.slug == "salford")).one()
        user, _ = get_or_create_user("manager@salford.example", "correct horse battery staple")
        with db.tenant_scope(salford.id):
            grant_role(salford, user, "review_manager")
        db.session.commit()
    env = {
        **os.environ,
        "CANDOUR_ENV": "test",
        "CANDOUR_DATABASE_URL": url,
        "CANDOUR_INSTANCE_PATH": str(tmp_path),
        "CANDOUR_STORAGE_PATH": str(tmp_path / "storage"),
        "CANDOUR_SMTP_URL": settings["SMTP_URL"],
        "CANDOUR_MAIL_FROM": settings["MAIL_FROM"],
        "TMPDIR": str(tmp_path),
    }
    env.pop("CANDOUR_REDIS_URL", None)
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "candour"), "worker", "--workers", "1"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield app, server, worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        server.stop()
        db.get_database(app).engine.dispose()


def submit(client) -> str:
    token = csrf_token(client, "/salford/en/contact")
    answer = client.post(
        "/salford/en/contact",
        data={
            "csrf_token": token,
            "kind": "views",
            "name": "Jane Hartley",
            "contact": "0161 496 0000",
            "message": "About Tom",
        },
    )  # fmt: skip  (a phone number: only the staff message goes, no receipt to the family)
    assert answer.status_code == 302
    done = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'id="reference">' in done
    return done.split('id="reference">', 1)[1].split("<", 1)[0]


def outbox(app) -> list[OutboxMessage]:
    with app.app_context(), db.all_tenants():
        return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_mail_waits_while_the_relay_is_down_and_goes_when_it_is_back(platform):
    app, server, worker = platform
    client = app.test_client()

    first = submit(client)
    assert server.inbox.wait_for(1, timeout=60), (
        Path(app.config["INSTANCE_PATH"]) / "worker.log"
    ).read_text()
    (message,) = server.inbox.messages
    assert first in message["Subject"] and server.inbox.recipients == [["manager@salford.example"]]
    body = text_of(message)
    assert all(detail not in body for detail in ("Jane", "Hartley", "0161 496 0000", "Tom"))

    server.stop()
    second = submit(client)
    assert poll(lambda: outbox(app)[-1].attempts >= 1, timeout=60)
    waiting = outbox(app)[-1]
    assert waiting.sent_at is None and "SMTP relay" in waiting.last_error
    assert "manager@" not in waiting.last_error

    server.start()
    assert server.inbox.wait_for(2, timeout=60)
    assert second in server.inbox.messages[1]["Subject"]
    assert poll(lambda: all(row.sent_at is not None for row in outbox(app)), timeout=30)
    assert len(server.inbox.messages) == 2  # nothing lost, nothing sent twice
    assert worker.poll() is None
