"""Withdrawing a published report: a board admin, with a reason, re-authenticated, takes it off the
public list, the feeds and the download (a kind 410 page) and out of public storage in one
request; audited, shown on the review and noted in the family's promises; then a corrected report
can be published again. Another board's people get a 404, a lesser role a 403."""

from __future__ import annotations

from typing import Any

import hostile_pdfs as h
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.reports import services, withdrawal
from core.reports.models import PublishedReport
from core.reviews.models import Review
from core.reviews.queries import get_review
from core.storage import storage_for
from core.testing import csrf_token, sign_in


def _published(b: dict[str, Any], final_review: Any, upload: Any, as_role: Any, details: Any):
    review_id = final_review(b)
    upload(b, review_id, h.clean())

    def go(t: Any, a: Any) -> PublishedReport:
        return services.publish(t, a, get_review(a, review_id), details)

    return review_id, as_role(b["tenant"], b["manager"], "review_manager", go)


def _withdraw(client: Any, slug: str, review_id: int, reason: str) -> Any:
    url = f"/{slug}/reviews/{review_id}/reports/withdraw"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "reason": reason})


def _stored(as_role: Any, b: dict[str, Any], key: str) -> bool:
    return as_role(b["tenant"], b["admin"], "board_admin", lambda t, a: storage_for(t).exists(key))


def test_a_board_admin_withdraws_a_report_from_every_public_surface_at_once(
    client, board, final_review, upload, as_role, details
):
    b = board()
    slug = b["tenant"].slug
    review_id, published = _published(b, final_review, upload, as_role, details)
    assert _stored(as_role, b, published.storage_key)
    assert details.title in client.get(f"/{slug}/en/reports/").get_data(as_text=True)

    sign_in(client, slug, b["admin"].email)
    refused = _withdraw(client, slug, review_id, "  ")
    assert refused.status_code == 400 and "Explain why" in refused.get_data(as_text=True)
    done = _withdraw(client, slug, review_id, "It names the child's school.")
    assert done.status_code == 302

    assert details.title not in client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert details.title not in client.get(f"/{slug}/reports/feed.json").get_data(as_text=True)
    assert details.title not in client.get(f"/{slug}/reports/feed.atom").get_data(as_text=True)
    gone = client.get(f"/{slug}/reports/{published.id}")
    assert gone.status_code == 410
    assert "This report has been withdrawn" in gone.get_data(as_text=True)
    welsh = client.get(f"/{slug}/reports/{published.id}", headers={"Accept-Language": "cy"})
    assert welsh.status_code == 410
    assert not _stored(as_role, b, published.storage_key)

    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Withdrawn" in review_page and "It names the child&#39;s school." in review_page

    def check(t: Any, a: Any) -> tuple[list[AuditEvent], list[str]]:
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "review.report_withdrawn")
        )
        review = db.session.get(Review, review_id)
        notes = [o.note for o in review.obligations if "withdrawn" in o.note]
        return list(events), notes

    events, notes = as_role(b["tenant"], b["admin"], "board_admin", check)
    assert [(e.actor_email, e.details["reason"]) for e in events] == [
        (b["admin"].email, "It names the child's school.")
    ]
    assert notes and all("It names the child's school." in n for n in notes)


def test_only_a_board_admin_may_withdraw_and_another_board_gets_a_404(
    client, board, final_review, upload, as_role, details
):
    b, other = board(), board()
    slug = b["tenant"].slug
    review_id, published = _published(b, final_review, upload, as_role, details)
    sign_in(client, slug, b["manager"].email)
    assert client.get(f"/{slug}/reviews/{review_id}/reports/withdraw").status_code == 403

    other_client = client.application.test_client()
    sign_in(other_client, other["tenant"].slug, other["admin"].email)
    assert other_client.get(f"/{slug}/reviews/{review_id}/reports/withdraw").status_code == 404
    other_url = f"/{other['tenant'].slug}/reviews/{review_id}/reports/withdraw"
    assert other_client.get(other_url).status_code == 404
    assert other_client.get(f"/{other['tenant'].slug}/reports/{published.id}").status_code == 404
    assert _stored(as_role, b, published.storage_key)


def test_withdrawing_asks_an_admin_to_confirm_their_password_first(
    client, board, final_review, upload, as_role, details, app, monkeypatch
):
    import core.auth.access as access

    b = board()
    review_id, _ = _published(b, final_review, upload, as_role, details)
    sign_in(client, b["tenant"].slug, b["admin"].email)
    monkeypatch.setattr(access, "recently_authenticated", lambda: False)
    page = client.get(f"/{b['tenant'].slug}/reviews/{review_id}/reports/withdraw")
    assert page.status_code == 302 and "/confirm" in page.headers["Location"]


def test_a_corrected_report_is_published_again_after_a_withdrawal(
    board, final_review, upload, as_role, details
):
    b = board()
    review_id, first = _published(b, final_review, upload, as_role, details)

    def withdraw(t: Any, a: Any) -> withdrawal.Withdrawal:
        review = get_review(a, review_id)
        return withdrawal.withdraw(t, a, review, services.published_for(review), "Names a school")

    assert as_role(b["tenant"], b["admin"], "board_admin", withdraw).copy_removed
    upload(b, review_id, h.clean("A corrected report for the partnership"))
    details.title = "Child A: corrected report"

    def publish(t: Any, a: Any) -> PublishedReport:
        return services.publish(t, a, get_review(a, review_id), details)

    second = as_role(b["tenant"], b["manager"], "review_manager", publish)
    assert second.id != first.id and second.title == "Child A: corrected report"

    def listed(t: Any, a: Any) -> list[int]:
        return [r.id for r in services.listed()]

    assert as_role(b["tenant"], b["admin"], "board_admin", listed) == [second.id]


def test_a_cached_public_list_is_never_served_after_a_withdrawal(
    client, board, final_review, upload, as_role, details, app_with_plugins
):
    b = board()
    slug = b["tenant"].slug
    review_id, published = _published(b, final_review, upload, as_role, details)
    surfaces = (f"/{slug}/en/reports/", f"/{slug}/reports/feed.json", f"/{slug}/reports/feed.atom")
    # Another web process, serving the same board from the same database.
    other_process = app_with_plugins().test_client()
    warm = {}
    for url in surfaces:
        first = client.get(url)
        assert details.title in first.get_data(as_text=True)
        # A shared cache may keep it, but must ask again every time; unchanged, it is a 304.
        assert "no-cache" in first.headers["Cache-Control"] and first.headers["ETag"]
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304
        assert details.title in other_process.get(url).get_data(as_text=True)
        warm[url] = first.headers["ETag"]

    sign_in(client, slug, b["admin"].email)
    assert _withdraw(client, slug, review_id, "It names the child's school.").status_code == 302

    for url, etag in warm.items():
        for fetch in (client, other_process):
            # What a cache holding the old copy asks: it gets the new one, without the report.
            fresh = fetch.get(url, headers={"If-None-Match": etag})
            assert fresh.status_code == 200, url
            assert details.title not in fresh.get_data(as_text=True), url
    assert other_process.get(f"/{slug}/reports/{published.id}").status_code == 410
