"""The audit log is filtered by person, action and date and exported as CSV, showing only this
board's events; the plugin trace lists each plugin's contribution to a family page and failures."""

from __future__ import annotations

import csv
import datetime as dt
import io

from admin_support import post, text

from core.audit.services import record
from core.plugin_api import hookimpl


def _record_at(tenant_id: int, action: str, target: str) -> None:
    from core import db

    with db.tenant_scope(tenant_id):
        record(action, target, tenant_id=tenant_id)


def test_the_audit_log_filters_by_person_action_and_date(admin, board, in_app, make_tenant):
    other = make_tenant("board-b")
    in_app(lambda: _record_at(other.id, "secret.thing", "of board b"))
    post(admin, "/board-a/admin/plugins/audio", {})
    page = text(admin.get("/board-a/admin/audit"))
    assert "plugin.saved" in page and "auth.signed_in" in page
    assert "secret.thing" not in page
    only = text(admin.get("/board-a/admin/audit?action=plugin.saved"))
    assert "plugin.saved" in only and "<code>auth.signed_in</code>" not in only
    nobody = text(admin.get("/board-a/admin/audit?person=someone-else"))
    assert "Nothing matches." in nobody
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert "Nothing matches." in text(admin.get(f"/board-a/admin/audit?since={tomorrow}"))


def test_a_bad_date_is_refused_with_the_reason(admin):
    response = admin.get("/board-a/admin/audit?since=31/03/2026")
    assert response.status_code == 400
    assert "Enter a date like 2026-03-31" in text(response)


def test_the_audit_log_exports_as_csv_without_spreadsheet_formulas(admin, board, in_app):
    in_app(lambda: _record_at(board.tenant.id, "note.added", '=HYPERLINK("http://x")'))
    response = admin.get("/board-a/admin/audit.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text(response))))
    assert rows[0][:3] == ["time (UTC)", "person", "action"]
    targets = [r[3] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in targets
    assert any(r[2] == "auth.signed_in" and r[1] == "admin@a.example" for r in rows[1:])


def test_the_plugin_trace_names_each_plugins_contribution(admin):
    page = text(admin.get("/board-a/admin/trace?locale=en"))
    assert "branding-default" in page and "header #1d4f91" in page
    assert "lcspr-2023" in page and "the leaflet text" in page
    assert "format pdf" in page


class Broken:
    """A plugin whose page fragment always fails."""

    @hookimpl
    def page_fragments(self, tenant, locale, page):
        raise RuntimeError("the fragment service is down")


BROKEN = Broken()


def test_the_plugin_trace_shows_a_failing_plugin_and_its_error(
    app_with_plugins, make_tenant, make_user
):
    from core.testing import sign_in

    application = app_with_plugins(("broken-fragments", BROKEN))
    tenant = make_tenant("board-t", "Board T")
    make_user("admin@t.example", tenant)
    client = application.test_client()
    assert client.get("/board-t/en/").status_code == 200  # the page survives the plugin
    sign_in(client, "board-t", "admin@t.example")
    page = text(client.get("/board-t/admin/trace?locale=en"))
    assert "broken-fragments" in page
    assert "RuntimeError: the fragment service is down" in page
    assert 'id="failures"' in page
