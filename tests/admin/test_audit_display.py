"""The audit log and the people page speak in words: actions, roles and details get their labels,
never a raw key or JSON; the action filter lists actions by name and still filters by key."""

from __future__ import annotations

import re

from admin_support import text


def _cells(page: str) -> str:
    body = page[page.index('id="events"') : page.index("</table>", page.index('id="events"'))]
    return re.sub(r"<[^>]+>", " ", body)


def test_the_audit_log_names_actions_and_details_in_words(admin, board):
    page = text(admin.get("/board-a/admin/audit"))
    cells = _cells(page)
    assert "Signed in" in cells
    assert "Role" in cells and "Board admin" in cells
    assert "Two-factor" in cells
    for raw in ("auth.signed_in", "board_admin", "two_factor", "{", "}"):
        assert raw not in cells, raw


def test_the_action_filter_shows_names_and_filters_by_key(admin, board):
    page = text(admin.get("/board-a/admin/audit"))
    assert '<option value="auth.signed_in">Signed in</option>' in page
    filtered = _cells(text(admin.get("/board-a/admin/audit?action=membership.granted")))
    assert "Role given" in filtered and "Signed in" not in filtered


def test_an_action_without_a_label_is_still_written_in_words(admin, board, app):
    from core import db
    from core.audit.services import record

    with app.app_context(), db.tenant_scope(board.tenant.id):
        record(
            "casework.theme_added",
            "review:1",
            {"theme_key": "neglect_of_health"},
            tenant_id=board.tenant.id,
        )
        db.session.commit()
    cells = _cells(text(admin.get("/board-a/admin/audit")))
    assert "Casework: theme added" in cells
    assert "Theme key" in cells and "neglect of health" in cells
    assert "casework.theme_added" not in cells


def test_the_audit_table_scrolls_in_its_own_labelled_box(admin, board):
    page = text(admin.get("/board-a/admin/audit"))
    assert re.search(
        r'<div class="candour-table-box" role="region" aria-label="Audit log" tabindex="0">\s*'
        r'<table class="govuk-table candour-audit"',
        page,
    )
