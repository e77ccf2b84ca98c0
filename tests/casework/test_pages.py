"""Casework through the pages, as people use it: a manager asks three agencies; each contributor
signs up by the invitation link, signs in with two-factor, sees only their own request and uploads
a chronology; the merged chronology shows, filters and exports; another board sees nothing."""

from __future__ import annotations

import csv
import io
import re

from admin_support import post, second_factor, text
from casework_support import chronology_csv, mail_text, sent_mail
from sqlalchemy import select

from core import db
from core.casework.models import AgencyRequest
from core.testing import sign_in

PASSWORD = "a long enough passphrase 42"
LINK = re.compile(r"http://[^/\s]+(/board-a/casework/invitations/\S+)")


def _invitation_paths(app, tenant) -> dict[str, str]:
    return {
        str(m["To"]): LINK.search(mail_text(m)).group(1)
        for m in sent_mail(app, "invitation")
        if m["X-Candour-Board"] == tenant.slug
    }


def _ask(client, review_id, agency_id, email):
    url = f"/board-a/casework/reviews/{review_id}/requests/new"
    return post(
        client,
        url,
        {
            "agency_id": agency_id,
            "kind": "chronology",
            "contact_email": email,
            "instructions": "Cover 2023 to 2025.",
        },
    )


def _contributor(app, path, email):
    c = app.test_client()
    page = c.get(path)
    assert page.status_code == 200, text(page)
    assert "Set up your sign-in" in text(page)
    done = post(c, path, {"name": "A Contributor", "password": PASSWORD})
    assert done.status_code == 302, text(done)
    signed = sign_in(c, "board-a", email, PASSWORD)
    assert signed.headers["Location"].endswith("/two-factor/setup")  # two-factor is required
    assert second_factor(c, "/board-a").status_code == 302
    return c


def test_three_agencies_return_chronologies_that_merge_and_export(app, boards):
    a = boards["a"]
    review_id = a["review_id"]
    manager = app.test_client()
    assert sign_in(manager, "board-a", "manager@board-a.example").status_code == 302
    section = text(manager.get(f"/board-a/reviews/{review_id}"))
    assert "No agency has been asked for information yet." in section
    people = {
        "police": "officer@police.example",
        "health": "nurse@health.example",
        "education": "head@school.example",
    }
    for key, address in people.items():
        r = _ask(manager, review_id, a["agencies"][key], address)
        assert r.status_code == 302, text(r)
    listing = text(manager.get(f"/board-a/casework/reviews/{review_id}/requests"))
    assert listing.count("Invited, not signed up yet") == 3
    paths = _invitation_paths(app, a["tenant"])
    assert set(paths) == set(people.values())

    contributors = {
        key: _contributor(app, paths[address], address) for key, address in people.items()
    }
    # A used link does not work twice.
    assert app.test_client().get(paths[people["police"]]).status_code == 410

    police = contributors["police"]
    mine = text(police.get("/board-a/casework/mine"))
    assert mine.count("Chronology from") == 1 and "Police" in mine
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        ids = {r.contact_email: r.id for r in db.session.scalars(select(AgencyRequest))}
    own, other = ids[people["police"]], ids[people["health"]]
    assert police.get(f"/board-a/casework/requests/{other}").status_code == 404
    assert police.get(f"/board-a/reviews/{review_id}").status_code == 403
    assert police.get("/board-a/reviews/").status_code == 403
    assert police.get(f"/board-a/casework/reviews/{review_id}/chronology").status_code == 403

    uploads = {
        "police": chronology_csv("Police", ("2024-05-02", "Domestic incident attended")),
        "health": chronology_csv("Health visitor", ("2024-01-10", "New birth visit")),
        "education": chronology_csv("Primary school", ("2024-03-04", "Attendance below 80%")),
    }
    for key, c in contributors.items():
        req_id = ids[people[key]]
        page = f"/board-a/casework/requests/{req_id}"
        r = post(
            c,
            f"{page}/upload",
            {"file": (io.BytesIO(uploads[key]), "child.csv")},
            form_url=page,
            content_type="multipart/form-data",
        )
        assert r.status_code == 302, text(r)[:3000]

    # A bad upload is a 400 with the reason beside the field.
    page = f"/board-a/casework/requests/{own}"
    bad = post(
        police,
        f"{page}/upload",
        {"file": (io.BytesIO(b"date,event\n"), "x.csv")},
        form_url=page,
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    assert "lacks agency, source" in text(bad)

    merged = text(manager.get(f"/board-a/casework/reviews/{review_id}/chronology"))
    order = [
        merged.index(e)
        for e in ("New birth visit", "Attendance below 80%", "Domestic incident attended")
    ]
    assert order == sorted(order)
    only = text(
        manager.get(
            f"/board-a/casework/reviews/{review_id}/chronology?agency={a['agencies']['health']}"
        )
    )
    assert "New birth visit" in only and "Domestic incident attended" not in only

    exported = manager.get(f"/board-a/casework/reviews/{review_id}/chronology.csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0] == ["date", "agency", "event", "source", "from"]
    assert [r[0] for r in rows[1:]] == ["2024-01-10", "2024-03-04", "2024-05-02"]
    xlsx = manager.get(f"/board-a/casework/reviews/{review_id}/chronology.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.max_row == 4

    glance = text(manager.get(f"/board-a/reviews/{review_id}"))
    assert glance.count("Returned</strong>") == 3

    # The contributor downloads what they uploaded; nobody else's.
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        own_return = db.session.get(AgencyRequest, own).returns[0].id
        other_return = db.session.get(AgencyRequest, other).returns[0].id
    assert police.get(f"/board-a/casework/returns/{own_return}").data == uploads["police"]
    assert police.get(f"/board-a/casework/returns/{other_return}").status_code == 404


def test_a_contributor_asks_for_more_time_and_the_manager_grants_it(app, boards):
    a = boards["a"]
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    _ask(manager, a["review_id"], a["agencies"]["police"], "officer@police.example")
    path = _invitation_paths(app, a["tenant"])["officer@police.example"]
    police = _contributor(app, path, "officer@police.example")
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        req = db.session.scalar(select(AgencyRequest))
        req_id, due = req.id, req.due_on
    page = f"/board-a/casework/requests/{req_id}"
    bad = post(
        police, f"{page}/more-time", {"wanted_on": "2025-02-30", "reason": "x"}, form_url=page
    )
    assert bad.status_code == 400 and "Enter a real date" in text(bad)
    later = due.replace(year=due.year + 1)
    asked = post(
        police,
        f"{page}/more-time",
        {"wanted_on": later.isoformat(), "reason": "Archived records"},
        form_url=page,
    )
    assert asked.status_code == 302
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        time_id = db.session.get(AgencyRequest, req_id).time_requests[0].id
    # The contributor cannot answer their own request for more time.
    assert (
        post(police, f"{page}/time/{time_id}", {"decision": "grant"}, form_url=page).status_code
        == 403
    )
    assert (
        post(manager, f"{page}/time/{time_id}", {"decision": "grant"}, form_url=page).status_code
        == 302
    )
    assert later.strftime("%-d %B %Y") in text(police.get(page))


def test_an_unknown_invitation_link_is_gone(client, boards):
    response = client.get("/board-a/casework/invitations/not-a-real-token")
    assert response.status_code == 410
    assert "Ask the board" in text(response)


def test_board_b_cannot_see_or_act_on_board_a_casework(app, boards):
    a = boards["a"]
    manager = app.test_client()
    sign_in(manager, "board-a", "manager@board-a.example")
    _ask(manager, a["review_id"], a["agencies"]["police"], "officer@police.example")
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        req_id = db.session.scalar(select(AgencyRequest.id))
    path = _invitation_paths(app, a["tenant"])["officer@police.example"]
    outsider = app.test_client()
    sign_in(outsider, "board-b", "manager@board-b.example")
    for url in (
        f"/board-b/casework/requests/{req_id}",
        f"/board-b/casework/reviews/{a['review_id']}/requests",
        f"/board-b/casework/reviews/{a['review_id']}/chronology.csv",
    ):
        assert outsider.get(url).status_code == 404, url
    # Board A's invitation link does not work at board B.
    assert outsider.get(path.replace("/board-a/", "/board-b/")).status_code == 410
    listing = text(outsider.get("/board-b/casework/agencies"))
    assert listing.count(">Police<") == 1  # board B's own list only
    r = post(
        outsider,
        f"/board-b/casework/reviews/{a['review_id']}/requests/new",
        {"agency_id": a["agencies"]["police"], "kind": "imr", "contact_email": "x@y.example"},
        form_url="/board-b/casework/agencies",
    )
    assert r.status_code == 404


def test_the_reviewer_sees_requests_but_cannot_send_one(app, boards, as_role):
    a = boards["a"]
    from core.reviews import people
    from core.reviews.models import Review

    def assign(t, actor):
        people.assign(t, actor, db.session.get(Review, a["review_id"]), a["reviewer"].id, "")

    as_role(a["tenant"], a["manager"], "review_manager", assign)
    reviewer = app.test_client()
    sign_in(reviewer, "board-a", "reviewer@board-a.example")
    assert reviewer.get(f"/board-a/casework/reviews/{a['review_id']}/requests").status_code == 200
    assert (
        reviewer.get(f"/board-a/casework/reviews/{a['review_id']}/requests/new").status_code == 403
    )
