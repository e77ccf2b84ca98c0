"""The page that keeps a published report on the public list for longer: a date no later than the
current one is refused on the form (400, nothing changed); a later one is saved and the manager is
sent back to the review's reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import hostile_pdfs as h
from sqlalchemy import select

from core import db
from core.reports import services
from core.reports.models import PublishedReport
from core.reviews.queries import get_review
from core.testing import csrf_token, sign_in


def _until(as_role: Any, b: dict[str, Any]) -> dt.date:
    def read(t: Any, a: Any) -> dt.date:
        return db.session.scalars(select(PublishedReport.available_until)).one()

    return as_role(b["tenant"], b["manager"], "review_manager", read)


def test_a_manager_keeps_a_published_report_listed_for_longer(
    client, board, final_review, upload, as_role, details
):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    upload(b, review_id, h.clean())
    as_role(
        b["tenant"],
        b["manager"],
        "review_manager",
        lambda t, a: services.publish(t, a, get_review(a, review_id), details),
    )
    before = _until(as_role, b)
    sign_in(client, slug, b["manager"].email)
    url = f"/{slug}/reviews/{review_id}/reports/available"
    page = client.get(url)
    assert page.status_code == 200
    assert f"It is on the list until {before.isoformat()}" in page.get_data(as_text=True)

    same = client.post(url, data={"csrf_token": csrf_token(client, url), "until": str(before)})
    assert same.status_code == 400
    assert "the current one" in same.get_data(as_text=True)
    assert _until(as_role, b) == before

    later = before + dt.timedelta(days=365)
    saved = client.post(url, data={"csrf_token": csrf_token(client, url), "until": str(later)})
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith(f"/reviews/{review_id}#reports")
    assert _until(as_role, b) == later
