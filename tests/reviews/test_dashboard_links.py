"""The dashboard's row links are built once a page, and are the links `url_for` builds."""

from __future__ import annotations

import pytest
from flask import g, url_for

from core import db
from core.reviews.views import STAND_IN, DashboardCells
from core.tenancy.context import HOST_ENVIRON_KEY
from core.tenancy.models import Tenant

IDS = ((1, 2), (STAND_IN, 7), (12, STAND_IN + 1), (2**31 - 1, 0))


@pytest.mark.parametrize(
    ("slug", "own_host"), [("board-l", False), ("board-l", True), (f"b{STAND_IN}", False)]
)
def test_dashboard_row_links_are_the_links_url_for_builds(app, make_tenant, slug, own_host):
    tenant = make_tenant(slug)
    environ = {HOST_ENVIRON_KEY: slug} if own_host else {}
    with app.test_request_context(f"/{slug}/reviews/", environ_overrides=environ):
        g.tenant = db.session.get(Tenant, tenant.id)
        cells = DashboardCells()
        for review_id, obligation_id in IDS:
            assert cells.review(review_id) == url_for("reviews.show", review_id=review_id)
            assert cells.obligation(review_id, obligation_id) == url_for(
                "reviews.obligation", review_id=review_id, obligation_id=obligation_id
            )
        if own_host:
            assert not cells.review(5).startswith(f"/{slug}/")
