"""The anonymisation check of an upload runs in the worker, not in the web request: through the real
queue (Huey's SQLite store, tasks dequeued and run as `candour worker` runs them), the staff page
and the API say "being checked" until the worker has run, publication is refused meanwhile, the
result shows after, and the board's review managers get a message with no personal details. A
check that fails for good blocks publication; a lost one is found by the sweep."""

from __future__ import annotations

import datetime as dt
import email
import io
from email import policy
from pathlib import Path
from typing import Any

import pytest
from reports_support import CLEAN_TEXT, LEAKY_TEXT, NAME, file_ids, pdf

from core import db
from core.jobs.queueing import queue
from core.reports.models import CHECK_FAILED, CHECK_PENDING, ReportFile
from core.storage import storage_for
from core.tenancy.models import Tenant
from core.testing import csrf_token, sign_in


@pytest.fixture
def queued(app_with_plugins: Any) -> Any:
    """An application whose jobs go to a real queue (a SQLite file) instead of running at once."""
    application = app_with_plugins(JOBS_IMMEDIATE=False)
    huey = queue(application).huey
    huey.flush()
    for sent in _mail_folder(application).glob("*.eml"):
        sent.unlink()
    yield application
    huey.flush()


def _mail_folder(application: Any) -> Path:
    return Path(application.config["INSTANCE_PATH"]) / "mail"


def run_worker(application: Any, *, retries_too: bool = False) -> list[str]:
    """Do what a worker does: take each queued task off the queue and run it, until none is left;
    with `retries_too`, each retry waiting for its back-off is run as if its time had come."""
    huey = queue(application).huey
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    ran = []
    while True:
        task = huey.dequeue()
        if task is None and retries_too:
            for due in huey.read_schedule(later):
                huey.enqueue(due)
            task = huey.dequeue()
        if task is None:
            return ran
        ran.append(task.name)
        # A retry's back-off is up by `later` (a day on), so it runs rather than waits.
        huey.execute(task, timestamp=later if retries_too else None)


def _upload(client: Any, slug: str, review_id: int, data: bytes) -> Any:
    url = f"/{slug}/reviews/{review_id}/reports/upload"
    token = csrf_token(client, url)
    return client.post(
        url,
        data={"csrf_token": token, "kind": "final", "report": (io.BytesIO(data), "Ellis.pdf")},
        content_type="multipart/form-data",
    )


def _publish(client: Any, slug: str, review_id: int) -> Any:
    url = f"/{slug}/reviews/{review_id}/reports/publish"
    token = csrf_token(client, url)
    return client.post(
        url,
        data={
            "csrf_token": token,
            "title": "Child A: learning for the partnership",
            "decision": "full",
            "rationale": "Nothing in it would harm another child.",
            "summary": "How agencies shared information when a family moved.",
        },
    )


def _messages(application: Any) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for p in sorted(_mail_folder(application).glob("*.eml"))
    ]


def _body(message: Any) -> str:
    return "\n".join(
        part.get_content() for part in message.walk() if part.get_content_maintype() == "text"
    )


def test_the_page_says_being_checked_until_the_worker_has_run_the_check(
    queued, board, final_review
):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    client = queued.test_client()
    sign_in(client, slug, b["manager"].email)

    uploaded = _upload(client, slug, review_id, pdf(LEAKY_TEXT))
    assert uploaded.status_code == 302
    # Stored and queued, not read: the request did none of the reading.
    assert queue(queued).huey.pending_count() == 1
    check = client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True)
    assert "Being checked" in check and "Passed" not in check
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Being checked" in review_page and "Passed" not in review_page
    publish_page = client.get(f"/{slug}/reviews/{review_id}/reports/publish").get_data(as_text=True)
    assert "Being checked" in publish_page
    refused = _publish(client, slug, review_id)
    assert refused.status_code == 400
    assert "still being checked" in refused.get_data(as_text=True)

    assert run_worker(queued) == ["reports.check_file", "mail.deliver"]

    check = client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True)
    assert "Being checked" not in check
    assert "3 findings must be dealt with" in check and "Blocks publication" in check
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "3 findings block publication" in review_page

    # The review managers heard at once, through the outbox: no file name, finding or family.
    (message,) = _messages(queued)
    assert message["To"] == b["manager"].email
    assert "anonymisation check has finished" in message["Subject"]
    body = _body(message)
    assert "3 findings block publication" in body
    assert f"/{slug}/reviews/{review_id}/reports/check" in body
    for detail in (*NAME.split(), NAME.split()[-1].split("-")[0], "Ellis.pdf", "Child A"):
        assert detail not in body and detail not in message["Subject"]


def test_a_clean_report_passes_once_checked_and_can_then_be_published(queued, board, final_review):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    client = queued.test_client()
    sign_in(client, slug, b["manager"].email)
    assert _upload(client, slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    assert "Being checked" in client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)

    run_worker(queued)

    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Passed" in review_page and "Being checked" not in review_page
    assert "Result: Passed" in _body(_messages(queued)[0])
    assert _publish(client, slug, review_id).status_code == 302
    run_worker(queued)
    public = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert "Child A: learning for the partnership" in public


def test_the_api_shows_the_check_pending_then_its_result(queued, board, final_review, in_app):
    from core.auth.tokens import create_token

    b = board()
    review_id = final_review(b)

    def token() -> str:
        with db.tenant_scope(b["tenant"].id):
            return create_token(db.session.merge(b["tenant"]), db.session.merge(b["manager"]), "t")

    headers = {"Authorization": f"Bearer {in_app(token)}"}
    client = queued.test_client()
    created = client.post(
        f"/api/v1/reviews/{review_id}/reports",
        headers=headers,
        data={"kind": "final", "file": (io.BytesIO(pdf(LEAKY_TEXT)), "final.pdf")},
        content_type="multipart/form-data",
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    body = created.get_json()
    assert body["check"]["status"] == "pending" and body["check"]["blocks_publication"] is True
    findings_url = f"/api/v1/reviews/{review_id}/reports/{body['id']}/findings"
    pending = client.get(findings_url, headers=headers).get_json()
    assert pending["check"]["status"] == "pending" and pending["items"] == []
    refused = client.post(
        f"/api/v1/reviews/{review_id}/reports/publish",
        headers=headers,
        json={"title": "T", "summary": "S", "decision": "full", "rationale": "R"},
    )
    assert refused.status_code == 422 and "still being checked" in refused.get_json()["detail"]

    run_worker(queued)

    done = client.get(findings_url, headers=headers).get_json()
    assert done["check"] == {
        "status": "blocked",
        "label": "3 findings block publication",
        "reason": None,
        "open_findings": 3,
        "blocks_publication": True,
    }
    assert len(done["items"]) == 3 and all(NAME not in i["context"] for i in done["items"])


def _corrupt_the_stored_file(queued: Any, tenant: Any, review_id: int) -> None:
    with queued.app_context(), db.tenant_scope(tenant.id):
        report = db.session.query(ReportFile).filter_by(review_id=review_id).one()
        storage_for(db.session.get(Tenant, tenant.id)).put(
            report.storage_key, b"%PDF-1.7 not the upload", "application/pdf", {}
        )


def test_a_check_that_fails_for_good_blocks_publication_and_never_passes(
    queued, board, final_review
):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    client = queued.test_client()
    sign_in(client, slug, b["manager"].email)
    assert _upload(client, slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    _corrupt_the_stored_file(queued, b["tenant"], review_id)

    # The first try fails and is retried with back-off: still being checked meanwhile.
    assert run_worker(queued) == ["reports.check_file"]
    assert "Being checked" in client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)

    ran = run_worker(queued, retries_too=True)
    assert ran.count("reports.check_file") == 3 and ran[-1] == "mail.deliver"
    check = client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True)
    assert "Could not be read — blocks publication" in check
    assert "the stored file does not match the upload" in check and "Passed" not in check
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Could not be read — blocks publication" in review_page
    refused = _publish(client, slug, review_id)
    assert refused.status_code == 400
    assert "could not be read to check it" in refused.get_data(as_text=True)
    (message,) = _messages(queued)
    assert "Could not be read" in _body(message)
    # The operator sees the job that gave up.
    with queued.app_context():
        from core.jobs.services import open_failures

        assert [(f.job, f.gave_up) for f in open_failures()] == [("reports.check_file", True)]


def test_the_sweep_queues_a_check_nobody_started_and_fails_one_that_was_lost(
    queued, board, final_review, as_role
):
    b = board()
    slug = b["tenant"].slug
    first = final_review(b, reference="CR-1")
    second = final_review(b, reference="CR-2")
    client = queued.test_client()
    sign_in(client, slug, b["manager"].email)
    for review_id in (first, second):
        assert _upload(client, slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    queue(queued).huey.flush()

    never_started, lost = as_role(
        b["tenant"], b["manager"], "review_manager", lambda t, a: file_ids(first, second)
    )

    # As if the queue had been down when the first was uploaded, and a worker had been killed
    # while checking the second.
    def age(t: Any, a: Any) -> None:
        now = db.utcnow()
        for file_id, ago, attempts in ((never_started, 11, 0), (lost, 7 * 60, 1)):
            report = db.session.get(ReportFile, file_id)
            report.check_status = CHECK_PENDING
            report.check_queued_at = now - dt.timedelta(minutes=ago)
            report.check_attempts = attempts

    as_role(b["tenant"], b["manager"], "review_manager", age)
    queue(queued).enqueue("reports.sweep_checks")
    ran = run_worker(queued)
    assert ran[0] == "reports.sweep_checks" and "reports.check_file" in ran

    def states(t: Any, a: Any) -> tuple[str, str]:
        return (
            db.session.get(ReportFile, never_started).check_status,
            db.session.get(ReportFile, lost).check_status,
        )

    assert as_role(b["tenant"], b["manager"], "review_manager", states) == ("done", CHECK_FAILED)


def test_only_the_boards_own_review_managers_hear_that_its_check_finished(
    app, board, final_review, upload
):
    b, other = board(), board()
    final_review(other)
    upload(b, final_review(b), pdf(CLEAN_TEXT))
    # Jobs run at the commit here (the test fixture's immediate mode): the message is sent too.
    assert [m["To"] for m in _messages(app)] == [b["manager"].email]
