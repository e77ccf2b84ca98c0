"""Publication runs in the worker, not in the web request: through the real queue (Huey's SQLite
store, tasks dequeued and run as `candour worker` runs them), the staff pages and the API say "being
published" until the worker has read the report again, rebuilt and checked the public copy and
stored it, and the report is on the public list only after. A copy the check refuses at publication
is not published, the reason shows and the review managers are told; a publication the worker
cannot do, after its retries, is recorded as failed, never published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reports_support import CLEAN_TEXT, NAME, file_ids, pdf
from test_check_in_worker import _body, _messages, _upload, queued, run_worker  # noqa: F401

from core import db
from core.jobs.queueing import queue
from core.reports.models import PublishedReport, ReportFile
from core.storage import storage_for
from core.tenancy.models import Tenant
from core.testing import csrf_token, sign_in

TITLE = "Child A: learning for the partnership"


def _publish(client: Any, slug: str, review_id: int, title: str = TITLE) -> Any:
    url = f"/{slug}/reviews/{review_id}/reports/publish"
    return client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "title": title,
            "decision": "full",
            "rationale": "Nothing in it would harm another child.",
            "summary": "How agencies shared information when a family moved.",
        },
    )


def _checked(queued: Any, board: Any, final_review: Any) -> tuple[Any, dict[str, Any], int]:  # noqa: F811
    """A board's review with a clean final report whose check the worker has run."""
    b = board()
    review_id = final_review(b)
    client = queued.test_client()
    sign_in(client, b["tenant"].slug, b["manager"].email)
    assert _upload(client, b["tenant"].slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    run_worker(queued)
    return client, b, review_id


def _records(queued: Any, b: dict[str, Any]) -> int:  # noqa: F811
    with queued.app_context(), db.tenant_scope(b["tenant"].id):
        return len(db.session.query(PublishedReport).all())


def test_the_pages_say_being_published_until_the_worker_has_published_it(
    queued,  # noqa: F811
    board,
    final_review,
):
    client, b, review_id = _checked(queued, board, final_review)
    slug = b["tenant"].slug

    asked = _publish(client, slug, review_id)
    assert asked.status_code == 302, asked.get_data(as_text=True)
    # Recorded and queued, not done: the request read nothing and made nothing public.
    assert queue(queued).huey.pending_count() == 1
    assert _records(queued, b) == 0
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Being published" in review_page and "Publish the final report" not in review_page
    publish_page = client.get(f"/{slug}/reviews/{review_id}/reports/publish").get_data(as_text=True)
    assert "Being published" in publish_page and 'type="submit">Publish' not in publish_page
    assert TITLE not in client.get(f"/{slug}/en/reports/").get_data(as_text=True)

    assert run_worker(queued) == ["reports.publish"]

    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Being published" not in review_page and "Published" in review_page
    assert TITLE in client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert _records(queued, b) == 1
    # A late duplicate of the job publishes nothing twice.
    with queued.app_context():
        with db.tenant_scope(b["tenant"].id):
            report_id = db.session.query(ReportFile.id).filter_by(kind="final").scalar()
        queue(queued).enqueue("reports.publish", b["tenant"].id, report_id)
    run_worker(queued)
    assert _records(queued, b) == 1


def test_a_copy_refused_at_publication_is_not_published_and_the_reason_shows(
    queued,  # noqa: F811
    board,
    final_review,
):
    client, b, review_id = _checked(queued, board, final_review)
    slug = b["tenant"].slug
    before = len(_messages(queued))
    # The title typed names the child: it lands in the rebuilt copy, whose check refuses it.
    assert _publish(client, slug, review_id, title=NAME).status_code == 302
    assert "Being published" in client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)

    assert run_worker(queued) == ["reports.publish", "mail.deliver"]

    assert _records(queued, b) == 0
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Being published" not in review_page and "Publication refused" in review_page
    assert "The public copy was checked again and not published" in review_page
    assert "Publish the final report" in review_page  # it can be corrected and asked again
    publish_page = client.get(f"/{slug}/reviews/{review_id}/reports/publish").get_data(as_text=True)
    assert "Publication refused" in publish_page
    assert "still has a protected name" in publish_page
    public = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert NAME not in public
    # The review managers heard, with no personal details.
    (message,) = _messages(queued)[before:]
    assert message["To"] == b["manager"].email
    assert "was not published" in message["Subject"]
    body = _body(message)
    assert "Publication refused" in body and f"/{slug}/reviews/{review_id}/reports/publish" in body
    for detail in (*NAME.split(), "Ellis.pdf", "Child A"):
        assert detail not in body and detail not in message["Subject"]


def test_a_publication_the_worker_cannot_do_fails_for_good_and_is_never_published(
    queued,  # noqa: F811
    board,
    final_review,
):
    client, b, review_id = _checked(queued, board, final_review)
    slug = b["tenant"].slug
    assert _publish(client, slug, review_id).status_code == 302
    # The stored report is gone before the worker reads it: every attempt fails.
    with queued.app_context(), db.tenant_scope(b["tenant"].id):
        key = db.session.query(ReportFile.storage_key).filter_by(kind="final").scalar()
        storage_for(db.session.get(Tenant, b["tenant"].id)).delete(key)

    ran = run_worker(queued, retries_too=True)

    assert ran.count("reports.publish") == 4  # the first attempt and three retries
    assert _records(queued, b) == 0
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Publication failed: could not be read" in review_page
    assert "Being published" not in review_page
    assert TITLE not in client.get(f"/{slug}/en/reports/").get_data(as_text=True)


def test_the_api_answers_202_being_published_then_shows_it_published(
    queued,  # noqa: F811
    board,
    final_review,
    in_app,
):
    from core.auth.tokens import create_token

    _, b, review_id = _checked(queued, board, final_review)

    def token() -> str:
        with db.tenant_scope(b["tenant"].id):
            return create_token(db.session.merge(b["tenant"]), db.session.merge(b["manager"]), "t")

    headers = {"Authorization": f"Bearer {in_app(token)}"}
    client = queued.test_client()
    base = f"/api/v1/reviews/{review_id}/reports"
    asked = client.post(
        f"{base}/publish",
        headers=headers,
        json={"title": TITLE, "summary": "S", "decision": "full", "rationale": "R"},
    )
    assert asked.status_code == 202, asked.get_data(as_text=True)
    body = asked.get_json()
    assert (body["status"], body["label"], body["publication"]) == (
        "publishing",
        "Being published",
        None,
    )
    (final,) = [f for f in client.get(base, headers=headers).get_json()["items"]]
    assert final["publishing"]["status"] == "publishing"

    run_worker(queued)

    (final,) = client.get(base, headers=headers).get_json()["items"]
    assert final["publishing"] is None
    assert _records(queued, b) == 1


def test_the_sweep_queues_a_publication_nobody_started_and_fails_one_that_was_lost(
    queued,  # noqa: F811
    board,
    final_review,
    as_role,
):
    b = board()
    slug = b["tenant"].slug
    first = final_review(b, reference="CR-1")
    second = final_review(b, reference="CR-2")
    client = queued.test_client()
    sign_in(client, slug, b["manager"].email)
    for review_id in (first, second):
        assert _upload(client, slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    run_worker(queued)
    for review_id in (first, second):
        assert _publish(client, slug, review_id, title=f"Learning {review_id}").status_code == 302
    queue(queued).huey.flush()  # as if the queue had been down

    never_started, lost = as_role(
        b["tenant"], b["manager"], "review_manager", lambda t, a: file_ids(first, second)
    )

    # The first was never started; a worker was killed while publishing the second.
    def age(t: Any, a: Any) -> None:
        now = db.utcnow()
        for file_id, ago, attempts in ((never_started, 11, 0), (lost, 7 * 60, 1)):
            report = db.session.get(ReportFile, file_id)
            report.publish_queued_at = now - dt.timedelta(minutes=ago)
            report.publish_attempts = attempts

    as_role(b["tenant"], b["manager"], "review_manager", age)
    queue(queued).enqueue("reports.sweep_checks")
    ran = run_worker(queued)
    assert ran[0] == "reports.sweep_checks" and "reports.publish" in ran

    public = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert f"Learning {first}" in public and f"Learning {second}" not in public
    lost_page = client.get(f"/{slug}/reviews/{second}").get_data(as_text=True)
    assert "Publication failed: could not be read" in lost_page
    assert "the publication did not finish" in lost_page
