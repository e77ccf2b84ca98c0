"""Tenant B can neither list nor download tenant A's reports: not by page, not by API, not by
guessing a storage key; and nobody outside a board reaches a draft at all."""

from __future__ import annotations

import io
from typing import Any

import pytest
from reports_support import CLEAN_TEXT, pdf

from core import db
from core.plugin_api import StorageError, StorageNotFound
from core.reports.models import ReportFile
from core.storage import storage_for
from core.testing import sign_in


@pytest.fixture
def two_boards(board, final_review, upload, as_role, in_app) -> dict[str, Any]:
    from core.auth.tokens import create_token

    a, b = board(), board()
    a_review, b_review = final_review(a), final_review(b)
    a_draft = upload(a, a_review, pdf(CLEAN_TEXT), kind="draft")
    b_draft = upload(b, b_review, pdf(CLEAN_TEXT), kind="draft")
    a_key = as_role(
        a["tenant"], a["manager"], "review_manager",
        lambda t, x: db.session.get(ReportFile, a_draft).storage_key,
    )  # fmt: skip

    def token(board: dict[str, Any]) -> str:
        def make() -> str:
            with db.tenant_scope(board["tenant"].id):
                return create_token(
                    db.session.merge(board["tenant"]), db.session.merge(board["manager"]), "tests"
                )

        return in_app(make)

    return {
        "a": a, "b": b, "a_review": a_review, "b_review": b_review, "a_draft": a_draft,
        "b_draft": b_draft, "a_key": a_key, "b_token": token(b),
    }  # fmt: skip


def test_another_boards_drafts_cannot_be_reached_through_the_pages(client, two_boards):
    t = two_boards
    a_slug, b_slug = t["a"]["tenant"].slug, t["b"]["tenant"].slug
    anonymous = client.get(f"/{a_slug}/reviews/{t['a_review']}/reports/{t['a_draft']}/download")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]

    sign_in(client, b_slug, t["b"]["manager"].email)
    for url in (
        # A's review and file, under A's address and under B's.
        f"/{a_slug}/reviews/{t['a_review']}/reports/{t['a_draft']}/download",
        f"/{b_slug}/reviews/{t['a_review']}/reports/{t['a_draft']}/download",
        # B's own review with A's file.
        f"/{b_slug}/reviews/{t['b_review']}/reports/{t['a_draft']}/download",
        f"/{b_slug}/reviews/{t['a_review']}/reports/check",
        f"/{b_slug}/reviews/{t['a_review']}/reports/upload",
    ):
        assert client.get(url).status_code == 404, url
    own = client.get(f"/{b_slug}/reviews/{t['b_review']}/reports/{t['b_draft']}/download")
    assert own.status_code == 200 and own.mimetype == "application/pdf"
    own.close()
    page = client.get(f"/{b_slug}/reviews/{t['b_review']}").get_data(as_text=True)
    assert f"/reports/{t['a_draft']}/download" not in page


def test_another_boards_drafts_cannot_be_reached_through_the_api(client, two_boards):
    t = two_boards
    bearer = {"Authorization": f"Bearer {t['b_token']}"}
    for url in (
        f"/api/v1/reviews/{t['a_review']}/reports",
        f"/api/v1/reviews/{t['a_review']}/reports/{t['a_draft']}",
        f"/api/v1/reviews/{t['b_review']}/reports/{t['a_draft']}",
    ):
        response = client.get(url, headers=bearer)
        assert response.status_code == 404, url
        assert response.mimetype == "application/problem+json"
    upload = client.post(
        f"/api/v1/reviews/{t['a_review']}/reports",
        headers=bearer,
        data={"kind": "draft", "file": (io.BytesIO(pdf(CLEAN_TEXT)), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 404
    listed = client.get(f"/api/v1/reviews/{t['b_review']}/reports", headers=bearer).get_json()
    assert [i["id"] for i in listed["items"]] == [t["b_draft"]]


def test_a_guessed_or_leaked_storage_key_reaches_nothing(client, two_boards, as_role):
    t = two_boards
    a_slug, b_slug = t["a"]["tenant"].slug, t["b"]["tenant"].slug
    key = t["a_key"]
    assert key.startswith("reports/private/")
    for url in (
        f"/{a_slug}/{key}",
        f"/{b_slug}/{key}",
        f"/static/{key}",
        f"/storage/tenants/{a_slug}/{key}",
        f"/{a_slug}/reports/{key.rsplit('/', 1)[-1]}",
    ):
        assert client.get(url).status_code == 404, url

    def from_b(tenant: Any, _actor: Any) -> list[str]:
        store = storage_for(tenant)
        with pytest.raises(StorageNotFound):
            store.get(key)
        with pytest.raises(StorageError):  # refused outright, not looked for
            store.get(f"../{a_slug}/{key}")
        return [o.key for o in store.list()]

    listed = as_role(t["b"]["tenant"], t["b"]["manager"], "review_manager", from_b)
    assert key not in listed and all(k.startswith("reports/") for k in listed)
