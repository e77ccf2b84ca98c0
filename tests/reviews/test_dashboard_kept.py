"""The dashboard keeps each page it shows (per board, person, role, language, host, filters and
day) until the board's records change: a change shows on the next view, the next day is worked
out afresh, nobody is shown a page kept for someone else or for another board, and every view is
audited."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import delete, select, update

from core import db
from core.audit.models import AuditEvent
from core.auth.memberships import set_role
from core.auth.models import Membership
from core.casework.actions import add_action, add_recommendation
from core.casework.services import add_agency
from core.plugins.models import PluginFailure
from core.reviews.context import as_of
from core.reviews.models import Review
from core.reviews.people import assign
from core.reviews.queries import Filters, list_reviews
from core.reviews.services import create_review, waive
from core.tenancy.models import BoardVersion, Tenant, records_version
from core.testing import count_queries, sign_in

DAY = dt.date(2026, 12, 1)


def _open(as_role, b, *references, aware=dt.date(2026, 11, 2)):
    def make(tenant, actor):
        for ref in references:
            with as_of(aware):
                create_review(
                    tenant, actor, reference=ref, pseudonym=f"Child {ref}", aware_on=aware
                )

    as_role(b["tenant"], b["manager"], "review_manager", make)


def _content(client, slug):
    """The dashboard's own part of the page (the frame holds the sign-out form's token)."""
    with as_of(DAY):
        page = client.get(f"/{slug}/reviews/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    return text.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _shown(content):
    return re.findall(r">(K-\d+)</a><br>Child", content.split('id="open"')[1])


def test_a_dashboard_seen_again_is_kept_and_every_view_is_audited(app, client, board, as_role):
    b = board("lcspr-2023", slug="kept")
    _open(as_role, b, "K-1", "K-2")
    sign_in(client, "kept", "manager@kept.example")
    first = _content(client, "kept")
    with count_queries(app) as statements, as_of(DAY):
        again = client.get("/kept/reviews/").get_data(as_text=True)
    assert again.split('id="main-content"', 1)[1].split("</main>", 1)[0] == first
    # Seen again: the board (with its records version), the person's session and role, the audit
    # row; none of the list's own statements.
    assert not any("review_obligations" in s or "FROM reviews" in s for s in statements), statements
    assert len(statements) <= 6, statements
    with app.app_context(), db.all_tenants():
        listed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "reviews.listed")
        ).all()
        assert [e.details for e in listed] == [{"count": 2, "via": "dashboard"}] * 2


def test_each_change_to_the_board_shows_on_the_next_view(client, board, as_role):
    b = board("lcspr-2023", slug="changes")
    _open(as_role, b, "K-1")
    sign_in(client, "changes", "manager@changes.example")
    assert _shown(_content(client, "changes")) == ["K-1"]

    _open(as_role, b, "K-2")  # a new review
    assert sorted(_shown(_content(client, "changes"))) == ["K-1", "K-2"]

    def waive_first(tenant, actor):
        row = next(
            r for r in list_reviews(tenant, actor, Filters(), on=DAY) if r.review.reference == "K-1"
        )
        ob = row.next_deadline.obligation
        waive(tenant, actor, row.review, ob.id, reason="Not needed here")
        return ob.label

    before = _content(client, "changes")
    label = as_role(b["tenant"], b["admin"], "board_admin", waive_first)
    after = _content(client, "changes")
    assert after != before  # the waived deadline is no longer K-1's next
    assert after.count(f">{label}</a>") < before.count(f">{label}</a>")

    def recommend(tenant, actor):
        review = next(r.review for r in list_reviews(tenant, actor, Filters(), on=DAY))
        rec = add_recommendation(tenant, actor, review, text="Share the plan with school.")
        agency = add_agency(tenant, actor, "Education")
        with as_of(DAY):
            add_action(tenant, actor, rec, description="Write the sharing protocol",
                       owner_agency_id=agency.id, due_on=DAY + dt.timedelta(days=30))  # fmt: skip

    assert "Write the sharing protocol" not in after
    as_role(b["tenant"], b["manager"], "review_manager", recommend)
    assert "Write the sharing protocol" in _content(client, "changes")


def test_a_rolled_back_change_leaves_the_version(app, board, as_role):
    b = board("lcspr-2023", slug="undone")
    _open(as_role, b, "K-1")
    with app.app_context():
        db.set_tenant_scope(db.session, b["tenant"].id)
        kept = records_version(db.session.get(Tenant, b["tenant"].id))
        db.session.get(Tenant, b["tenant"].id).target_months = 9
        db.session.flush()  # written, then taken back
        db.session.rollback()
        db.set_tenant_scope(db.session, b["tenant"].id)
        db.session.commit()  # a commit with nothing in it
        db.session.expire_all()
        assert records_version(db.session.get(Tenant, b["tenant"].id)) == kept


def test_the_next_day_is_worked_out_afresh(client, board, as_role):
    b = board("lcspr-2023", slug="days")
    _open(as_role, b, "K-1")
    sign_in(client, "days", "manager@days.example")
    for day in (DAY, DAY + dt.timedelta(days=1)):
        with as_of(day):
            page = client.get("/days/reviews/").get_data(as_text=True)
        assert f"Today is {day.day} December 2026." in page


def test_a_reviewer_and_a_manager_of_one_board_see_their_own(client, board, as_role, app):
    b = board("lcspr-2023", slug="people")
    _open(as_role, b, "K-1", "K-2")
    sign_in(client, "people", "manager@people.example")
    assert sorted(_shown(_content(client, "people"))) == ["K-1", "K-2"]
    other = app.test_client()
    sign_in(other, "people", "reviewer@people.example")
    assert "No reviews" in _content(other, "people")

    def assign_one(tenant, actor):
        review = next(
            r.review
            for r in list_reviews(tenant, actor, Filters(), on=DAY)
            if r.review.reference == "K-2"
        )
        assign(tenant, actor, review, b["reviewer"].id)

    as_role(b["tenant"], b["manager"], "review_manager", assign_one)
    assert _shown(_content(other, "people")) == ["K-2"]

    # A new role is a new dashboard: a review manager may open reviews.
    def promote(tenant, actor):
        membership = db.session.scalar(
            select(Membership).where(Membership.user_id == b["reviewer"].id)
        )
        set_role(membership, "review_manager")

    assert "Open a review" not in _content(other, "people")
    as_role(b["tenant"], b["admin"], "board_admin", promote)
    promoted = _content(other, "people")
    assert "Open a review" in promoted
    assert sorted(_shown(promoted)) == ["K-1", "K-2"]


def test_one_person_on_two_boards_sees_each_boards_own(client, board, as_role, make_user):
    a = board("lcspr-2023", slug="board-a")
    b = board("lcspr-2023", slug="board-b")
    _open(as_role, a, "K-100")
    _open(as_role, b, "K-200")
    make_user("manager@board-a.example", b["tenant"], "review_manager")  # a manager of both
    sign_in(client, "board-a", "manager@board-a.example")
    assert _shown(_content(client, "board-a")) == ["K-100"]
    sign_in(client, "board-b", "manager@board-a.example")
    content = _content(client, "board-b")
    assert _shown(content) == ["K-200"]
    assert "K-100" not in content


def test_what_counts_as_a_change(app, client, board, as_role):
    a = board("lcspr-2023", slug="count-a")
    b = board("lcspr-2023", slug="count-b")
    _open(as_role, a, "K-1")

    def version(tenant):
        with app.app_context(), db.all_tenants():
            return records_version(db.session.get(Tenant, tenant.id))

    kept_a, kept_b = version(a["tenant"]), version(b["tenant"])
    assert kept_a > 0 and kept_b > 0  # staff and reviews were written
    # An API read writes only quiet rows (its audit row, the token's last use): no change.
    tokens = app.test_cli_runner().invoke(
        args=["tokens", "create", "--tenant", "count-a", "--email", "manager@count-a.example"]
    )
    kept_a = version(a["tenant"])
    headers = {"Authorization": f"Bearer {tokens.output.strip()}"}
    assert client.get("/api/v1/reviews", headers=headers).status_code == 200
    assert version(a["tenant"]) == kept_a
    # One board's change leaves the other's version.
    _open(as_role, a, "K-2")
    assert (version(a["tenant"]), version(b["tenant"])) == (kept_a + 1, kept_b)
    # A bulk change across boards raises each board's; one that touched no row, or only quiet
    # rows (a plugin's failures), raises none.
    with app.app_context(), db.all_tenants():
        db.session.execute(delete(Membership).where(Membership.user_id == -1))
        db.session.execute(delete(PluginFailure))
        db.session.commit()
    assert (version(a["tenant"]), version(b["tenant"])) == (kept_a + 1, kept_b)
    with app.app_context(), db.all_tenants():
        db.session.execute(update(Membership).values(active=Membership.active))
        db.session.commit()
    assert (version(a["tenant"]), version(b["tenant"])) == (kept_a + 2, kept_b + 1)
    # A bulk change in one board's scope raises that board's.
    with app.app_context():
        db.set_tenant_scope(db.session, b["tenant"].id)
        db.session.execute(update(Review).values(pseudonym=Review.pseudonym))
        db.session.commit()
    assert (version(a["tenant"]), version(b["tenant"])) == (kept_a + 2, kept_b + 1)  # b has none
    with app.app_context():
        db.set_tenant_scope(db.session, a["tenant"].id)
        db.session.execute(update(Review).values(pseudonym=Review.pseudonym))
        db.session.commit()
    assert (version(a["tenant"]), version(b["tenant"])) == (kept_a + 3, kept_b + 1)


def test_a_savepoint_is_not_the_transaction(app, board, as_role):
    b = board("lcspr-2023", slug="nested")
    _open(as_role, b, "K-1")

    def version():
        return db.session.scalar(
            select(BoardVersion.version).where(BoardVersion.tenant_id == b["tenant"].id)
        )

    with app.app_context():
        db.set_tenant_scope(db.session, b["tenant"].id)
        kept = version()
        db.session.get(Tenant, b["tenant"].id).target_months = 9
        db.session.flush()
        nested = db.session.begin_nested()
        db.session.get(Tenant, b["tenant"].id).target_months = 10
        nested.commit()  # a savepoint released: not yet the transaction's commit
        assert version() == kept
        nested = db.session.begin_nested()
        db.session.get(Tenant, b["tenant"].id).contact_phone = "01632 960 999"
        db.session.flush()
        nested.rollback()  # a savepoint taken back: the change before it still counts
        db.session.commit()
        assert version() == kept + 1


def test_a_kept_dashboard_expires_and_ignores_what_it_does_not_show(
    app, client, board, as_role, monkeypatch
):
    from core.reviews import blueprint

    b = board("lcspr-2023", slug="expiry")
    _open(as_role, b, "K-1")
    sign_in(client, "expiry", "manager@expiry.example")
    _content(client, "expiry")

    def list_statements(path):
        with count_queries(app) as statements, as_of(DAY):
            assert client.get(path).status_code == 200
        return [s for s in statements if "review_obligations" in s]

    # A query parameter the page does not read is the same page; a filter is another.
    assert list_statements("/expiry/reviews/?utm_source=mail") == []
    assert list_statements("/expiry/reviews/?status=missed") != []
    # After KEPT_SECONDS (changes made outside the application raise no version) it is made again.
    later = blueprint.time.monotonic() + blueprint.KEPT_SECONDS + 1
    monkeypatch.setattr(blueprint.time, "monotonic", lambda: later)
    assert list_statements("/expiry/reviews/") != []
    assert list_statements("/expiry/reviews/") == []
