"""The national returns and deposits through the API and as spreadsheets: one row per review with
the fields each national body names, sent and acknowledged tracked as obligations, formula-like
cells neutralised in CSV and XLSX (never in JSON), and each board kept to its own reviews."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from core import db
from core.reviews import services
from core.reviews.context import Actor
from core.testing import sign_in

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def boards(make_tenant, make_user, in_app):
    from core.auth.tokens import create_token

    made = {}
    for slug, framework, jurisdiction in (
        ("lcspr-a", "lcspr-2023", "england"),
        ("susr-b", "wales-susr", "wales"),
    ):
        tenant = make_tenant(slug, framework=framework, jurisdiction=jurisdiction)
        entry = {"tenant": tenant}
        for role in ("review_manager", "reviewer", "board_admin"):
            user = make_user(f"{role}@{slug}.example", tenant, role)

            def token(tenant=tenant, user=user):
                with db.tenant_scope(tenant.id):
                    return create_token(db.session.merge(tenant), db.session.merge(user), "t")

            entry[role] = {"Authorization": f"Bearer {in_app(token)}"}
            entry[f"{role}_user"] = user
        made[slug] = entry
    return made


def _open(in_app, board, reference, **fields):
    def go():
        with db.tenant_scope(board["tenant"].id):
            tenant = db.session.merge(board["tenant"])
            actor = Actor(db.session.merge(board["review_manager_user"]), "review_manager")
            return services.create_review(
                tenant, actor, reference=reference, pseudonym="Child A", **fields
            ).id

    return in_app(go)


def test_every_return_of_the_board_is_listed_with_its_rows_and_files(client, boards, in_app):
    a = boards["lcspr-a"]
    _open(in_app, a, "A-2", theme_1="Neglect", steis_id="2025/9")
    _open(in_app, a, "A-1", notified_on=None)
    listing = client.get("/api/v1/returns", headers=a["review_manager"]).json["items"]
    keys = [r["key"] for r in listing]
    assert keys == ["serious-incident-notification", "scrt", "nspcc-repository"]
    nspcc = next(r for r in listing if r["key"] == "nspcc-repository")
    assert nspcc["sent_field"] == "repository_deposit_on"
    assert nspcc["acknowledged_field"] == "repository_acknowledged_on"
    assert {"Title", "Board", "Author", "Date of publication", "Summary", "Learning themes include",
            "Recommendations include"} <= set(nspcc["columns"])  # fmt: skip
    scrt = client.get("/api/v1/returns/scrt", headers=a["review_manager"]).json
    assert [r["reference"] for r in scrt["items"]] == ["A-1", "A-2"]
    assert scrt["items"][1]["cells"]["Theme 1"] == "Neglect"
    assert scrt["items"][1]["cells"]["StEIS id"] == "2025/9"
    assert scrt["sent"] == 0 and scrt["total"] == 2


def test_recording_a_return_as_sent_meets_its_obligation(client, boards, in_app):
    a = boards["lcspr-a"]
    rid = _open(in_app, a, "A-1", aware_on=None)
    auth = a["review_manager"]
    base = f"/api/v1/reviews/{rid}"
    for step, values in (
        ("notify", {"notified_on": "2025-04-02", "notified_to": "The national Panel"}),
        ("rapid_review_sent", {"rapid_review_on": "2025-04-25", "key_practice_episodes": "x",
                               "inequalities": "y"}),
    ):  # fmt: skip
        moved = client.post(
            f"{base}/transitions", json={"transition": step, "values": values}, headers=auth
        )
        assert moved.status_code == 200, moved.json
    scrt = next(
        o
        for o in client.get(f"{base}/obligations", headers=auth).json["items"]
        if o["key"] == "scrt"
    )
    # 20 working days (a local default, a framework setting) after Friday 25 April 2025,
    # leaving out the early May and spring bank holidays.
    assert scrt["due_on"] == "2025-05-27" and scrt["status"] != "met"
    patched = client.patch(
        base,
        json={"scrt_sent_on": "2025-05-01", "scrt_acknowledged_on": "2025-05-09"},
        headers=auth,
    )
    assert patched.status_code == 200, patched.json
    scrt = next(
        o
        for o in client.get(f"{base}/obligations", headers=auth).json["items"]
        if o["key"] == "scrt"
    )
    assert (scrt["status"], scrt["met_on"]) == ("met", "2025-05-01")
    (row,) = client.get("/api/v1/returns/scrt", headers=auth).json["items"]
    assert row["sent"]["on"] == "2025-05-01" and row["acknowledged"]["on"] == "2025-05-09"
    assert row["cells"]["Return acknowledged"] == "2025-05-09"


def test_spreadsheets_open_as_they_are_and_never_run_a_formula(client, boards, in_app):
    a = boards["lcspr-a"]
    _open(in_app, a, "A-1", theme_1=FORMULA, theme_2='Says "no", then, yes\nlater')
    _open(in_app, a, "A-2", theme_1="@SUM(1)")
    auth = a["review_manager"]
    (json_row, _) = client.get("/api/v1/returns/scrt", headers=auth).json["items"]
    assert json_row["cells"]["Theme 1"] == FORMULA  # JSON is data, not a spreadsheet

    as_csv = client.get("/api/v1/returns/scrt/export.csv", headers=auth)
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in as_csv.headers["Content-Disposition"]
    raw = as_csv.data
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["Local id"] for r in rows] == ["A-1", "A-2"]
    assert rows[0]["Theme 1"] == "'" + FORMULA
    assert rows[0]["Theme 2"] == 'Says "no", then, yes\nlater'
    assert rows[1]["Theme 1"] == "'@SUM(1)"

    as_xlsx = client.get("/api/v1/returns/scrt/export.xlsx", headers=auth)
    book = load_workbook(io.BytesIO(as_xlsx.data))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    theme = header.index("Theme 1") + 1
    assert sheet.max_row == 3
    assert sheet.cell(2, theme).data_type == "s" and sheet.cell(2, theme).value == "'" + FORMULA
    assert sheet.cell(3, theme).value == "'@SUM(1)"

    # The staff pages give the same files.
    sign_in(client, "lcspr-a", "review_manager@lcspr-a.example")
    page = client.get("/lcspr-a/reviews/returns/scrt.xlsx")
    assert page.status_code == 200
    staff = load_workbook(io.BytesIO(page.data)).active
    assert staff.cell(2, theme).value == "'" + FORMULA


def test_a_board_sees_only_its_own_returns_and_a_reviewer_none(client, boards, in_app):
    a, b = boards["lcspr-a"], boards["susr-b"]
    _open(in_app, a, "A-1")
    _open(in_app, b, "B-1")
    theirs = client.get("/api/v1/returns", headers=b["review_manager"]).json["items"]
    assert [r["key"] for r in theirs] == ["welsh-government-notice", "wales-repository"]
    # Board B's token never sees board A's reviews, and A's returns are not B's to ask for.
    assert client.get("/api/v1/returns/scrt", headers=b["review_manager"]).status_code == 404
    (row,) = client.get("/api/v1/returns/welsh-government-notice", headers=b["board_admin"]).json[
        "items"
    ]
    assert row["reference"] == "B-1"
    for url in ("/api/v1/returns", "/api/v1/returns/scrt", "/api/v1/returns/scrt/export.csv"):
        refused = client.get(url, headers=a["reviewer"])
        assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
        assert client.get(url).status_code == 401
    assert client.get("/api/v1/returns/nope", headers=a["review_manager"]).status_code == 404
    long = client.get("/api/v1/returns/" + "x" * 500, headers=a["review_manager"])
    assert long.status_code == 404
    assert (
        client.get("/api/v1/returns/scrt/export.pdf", headers=a["review_manager"]).status_code
        == 404
    )


def test_an_obligation_is_recorded_through_the_api_only_in_its_own_board(client, boards, in_app):
    a, b = boards["lcspr-a"], boards["susr-b"]
    rid = _open(in_app, a, "A-1", aware_on=None)
    items = client.get(f"/api/v1/reviews/{rid}/obligations", headers=a["review_manager"]).json
    notice = next(o for o in items["items"] if o["key"] == "notify_panel")
    url = f"/api/v1/reviews/{rid}/obligations/{notice['id']}"
    assert client.post(url, json={"action": "met", "met_on": "2025-04-02"},
                       headers=b["board_admin"]).status_code == 404  # fmt: skip
    for body, field in (
        ({"action": "met"}, "met_on"),
        ({"action": "met", "met_on": "soon"}, "met_on"),
        ({"action": "met", "met_on": "2999-01-01"}, "met_on"),
        ({"action": "dance"}, "action"),
        ({"action": "waive", "reason": " "}, "reason"),
    ):
        refused = client.post(url, json=body, headers=a["board_admin"])
        assert refused.status_code == 422 and field in refused.json["errors"], (body, refused.json)
    assert client.post(url, json={"action": "waive", "reason": "x"},
                       headers=a["review_manager"]).status_code == 403  # fmt: skip
    done = client.post(url, json={"action": "met", "met_on": "2025-04-02"},
                       headers=a["review_manager"])  # fmt: skip
    assert done.status_code == 200 and done.json["met_on"] == "2025-04-02"
    review = client.get(f"/api/v1/reviews/{rid}", headers=a["review_manager"]).json
    assert review["notified_on"] == "2025-04-02"  # the review's own date is the record
    again = client.post(url, json={"action": "reopen"}, headers=a["review_manager"])
    assert again.status_code == 200 and again.json["status"] != "met"
    missing = f"/api/v1/reviews/{rid}/obligations/999999"
    assert (
        client.post(missing, json={"action": "reopen"}, headers=a["review_manager"]).status_code
        == 404
    )
