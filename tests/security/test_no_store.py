"""Signed-in pages, exports and API answers are never stored by a browser or a proxy."""

from __future__ import annotations

from core.testing import sign_in


def test_signed_in_pages_and_exports_are_not_stored(app, client, make_tenant, make_user):
    make_tenant("board-a")
    make_user("admin@a.example", _board(app))
    sign_in(client, "board-a", "admin@a.example")
    for url in (
        "/board-a/staff",
        "/board-a/admin/people",
        "/board-a/reviews/",
        "/board-a/reviews/export.csv",
        "/board-a/admin/audit.csv",
        "/board-a/en/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_family_pages_for_families_keep_their_short_caching(client, make_tenant):
    make_tenant("board-a")
    response = client.get("/board-a/en/")
    assert response.status_code == 200 and "no-store" not in response.headers.get(
        "Cache-Control", ""
    )


def test_api_answers_are_not_stored(app, client, make_tenant, make_user, in_app):
    from core import db
    from core.auth.tokens import create_token

    tenant = make_tenant("board-a")
    user = make_user("admin@a.example", tenant)

    def make():
        with db.tenant_scope(tenant.id):
            return create_token(db.session.merge(tenant), db.session.merge(user), "t")

    token = in_app(make)
    response = client.get("/api/v1/reviews", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def _board(app):
    from sqlalchemy import select

    from core import db
    from core.tenancy.models import Tenant

    with app.app_context(), db.all_tenants():
        return db.session.scalar(select(Tenant).where(Tenant.slug == "board-a"))
