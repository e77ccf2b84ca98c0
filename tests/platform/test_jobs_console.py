"""The operator's view of background work: failing jobs with their count and last error, and retry."""

from __future__ import annotations

import re

from core import db
from core.jobs import services
from core.testing import csrf_token, sign_in


def _failure(app, job="contact_requests.purge") -> int:
    with app.app_context():
        row = services.failed(job, "[]", OSError("disk full"), gave_up=True)
        db.session.commit()
        return row.id


def test_operator_sees_failing_jobs_and_retries_one(app, console):
    failure_id = _failure(app)
    page = console.get("/platform/jobs/").get_data(as_text=True)
    assert "contact_requests.purge" in page and "OSError: disk full" in page
    assert "gave up" in page and re.search(r'id="failing">1<', page)
    token = csrf_token(console, "/platform/jobs/")
    answer = console.post(f"/platform/jobs/{failure_id}/retry", data={"csrf_token": token})
    assert answer.status_code == 302
    # The purge ran (immediate mode in tests) and succeeded, so nothing is failing any more.
    assert re.search(r'id="failing">0<', console.get("/platform/jobs/").get_data(as_text=True))


def test_retrying_an_unknown_job_failure_is_not_found(console):
    token = csrf_token(console, "/platform/jobs/")
    assert (
        console.post("/platform/jobs/999999/retry", data={"csrf_token": token}).status_code == 404
    )
    assert (
        console.post("/platform/jobs/99999999999/retry", data={"csrf_token": token}).status_code
        == 404
    )


def test_board_staff_cannot_see_or_retry_the_platforms_jobs(app, client, demo_tenants, make_user):
    failure_id = _failure(app)
    make_user("admin@salford.example", demo_tenants["salford"], "board_admin")
    sign_in(client, "salford", "admin@salford.example")
    assert client.get("/platform/jobs/").status_code == 302
    token = csrf_token(client, "/salford/en/contact")
    answer = client.post(f"/platform/jobs/{failure_id}/retry", data={"csrf_token": token})
    assert answer.status_code == 302 and "/platform/login" in answer.headers["Location"]
    with app.app_context():
        assert services.open_failures()[0].gave_up is True
