"""Every board admin page answers for a board admin, and only for a board admin."""

from __future__ import annotations

import pytest
from admin_support import text

from core.testing import sign_in

PAGES = (
    "/board-a/admin/",
    "/board-a/admin/plugins",
    "/board-a/admin/plugins/audio",
    "/board-a/admin/branding",
    "/board-a/admin/branding/preview?primary_colour=%23003366&primary_text_colour=%23ffffff&link_colour=%23003366",
    "/board-a/admin/languages",
    "/board-a/admin/languages/overrides?q=board",
    "/board-a/admin/people",
    "/board-a/admin/audit",
    "/board-a/admin/trace",
)


@pytest.mark.parametrize("url", PAGES)
def test_every_admin_page_answers_a_board_admin(admin, url):
    response = admin.get(url)
    assert response.status_code == 200, text(response)[:2000]


@pytest.mark.parametrize("role", ["review_manager", "reviewer"])
def test_other_roles_are_refused_board_administration(client, board, make_user, role):
    make_user(f"{role}@a.example", board.tenant, role=role)
    sign_in(client, "board-a", f"{role}@a.example")
    assert client.get("/board-a/admin/").status_code == 403
    assert client.get("/board-a/admin/people").status_code == 403


def test_the_admin_pages_link_to_the_families_requests(admin):
    assert 'href="/board-a/admin/requests"' in text(admin.get("/board-a/admin/"))
