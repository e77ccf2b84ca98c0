"""What the public sees of casework: the board's reports page filtered by learning theme and searched
(with `%` and `_` meaning themselves), the progress of an action plan (only actions marked
publishable, only when the board publishes progress, never a personal detail), and the platform's
search across boards, where a board that has not opted in never appears."""

from __future__ import annotations

import datetime as dt
import uuid

from admin_support import audit_actions, post, text
from sqlalchemy import select

from core import db
from core.casework import actions
from core.casework.models import Action, CaseworkSettings
from core.reports.models import PublishedReport, ReportFile
from core.reviews.models import Review
from core.testing import sign_in


def _publish(as_role, board, *, title, summary, themes=(), on=None):
    """A published report on the board's list (as publication leaves one), for the review."""

    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        n = uuid.uuid4().hex
        f = ReportFile(
            review_id=review.id,
            kind="final",
            storage_key=f"final-{n}",
            filename="f.pdf",
            size=2048,
            sha256="0" * 64,
            pages=1,
        )
        db.session.add(f)
        db.session.flush()
        report = PublishedReport(
            review_id=review.id,
            report_file_id=f.id,
            storage_key=f"public-{n}",
            sha256="0" * 64,
            size=2048,
            title=title,
            framework="lcspr-2023",
            pseudonym="Child Q",
            decision="full",
            summary=summary,
            learning_themes=list(themes),
            languages=["en"],
            formats=["pdf"],
            published_on=on or dt.date.today(),
            available_until=dt.date.today() + dt.timedelta(days=365),
        )
        db.session.add(report)
        db.session.flush()
        return report.id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def _public(make_user, board):
    """A board goes public once it has contact details and a board admin."""
    slug = board["tenant"].slug
    return make_user(f"admin@{slug}.example", board["tenant"], "board_admin")


def test_the_reports_page_filters_by_theme_and_searches_titles_and_summaries(
    client, as_role, boards, make_user
):
    a = boards["a"]
    _public(make_user, a)
    _publish(
        as_role,
        a,
        title="Learning from Child Q",
        summary="Agencies did not share what they knew; 100% of referrals were late.",
        themes=["Neglect", "Information sharing"],
    )
    _publish(
        as_role,
        a,
        title="Safe sleep and infant deaths",
        summary="A thematic review of sleep_safety advice.",
        themes=["Safe sleep"],
    )
    page = text(client.get("/board-a/en/reports/"))
    assert 'label class="govuk-label" for="theme"' in page and 'name="q"' in page
    assert '<option value="Information sharing"' in page

    def shown(query: str) -> set[str]:
        body = text(client.get(f"/board-a/en/reports/{query}"))
        return {t for t in ("Learning from Child Q", "Safe sleep and infant deaths") if t in body}

    assert shown("?theme=Neglect") == {"Learning from Child Q"}
    assert shown("?theme=safe+sleep") == {"Safe sleep and infant deaths"}
    assert shown("?q=THEMATIC") == {"Safe sleep and infant deaths"}
    assert shown("?q=share+late") == {"Learning from Child Q"}  # every word, title or summary
    assert shown("?q=100%25") == {"Learning from Child Q"}
    assert shown("?q=%25") == {"Learning from Child Q"}  # a % is a percent sign, not a wildcard
    assert shown("?q=of_sleep") == set()  # an _ is an underscore, not any one character
    assert shown("?q=sleep_safety") == {"Safe sleep and infant deaths"}
    assert shown("?q=child&theme=Safe+sleep") == set()
    assert shown(f"?q=child&year={dt.date.today().year}&type=lcspr-2023") == {
        "Learning from Child Q"
    }
    assert "No reports match these choices" in text(client.get("/board-a/en/reports/?q=nothing"))
    long = client.get("/board-a/en/reports/?q=" + "x" * 5000 + "&theme=" + "y" * 5000)
    assert long.status_code == 200
    # Board B's reports are never on board A's page, whatever is searched.
    b = boards["b"]
    _public(make_user, b)
    _publish(as_role, b, title="Board B review", summary="Neglect", themes=["Neglect"])
    assert "Board B review" not in text(client.get("/board-a/en/reports/?theme=Neglect"))
    assert "Board B review" in text(client.get("/board-b/en/reports/?q=neglect"))


def test_the_filters_are_translated_for_families(client, as_role, boards, make_user):
    a = boards["a"]
    _public(make_user, a)

    def offer_welsh(t, actor):
        t.locales = ["en", "cy"]

    as_role(a["tenant"], None, "board_admin", offer_welsh)
    _publish(as_role, a, title="T", summary="S", themes=["Neglect"])
    page = text(client.get("/board-a/cy/reports/"))
    assert "Thema dysgu" in page and "Chwilio" in page


def _plan(as_role, board, *, publishable: bool, description: str, status="in_progress"):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        rec = actions.add_recommendation(t, actor, review, text="Share safety plans.")
        action = actions.add_action(
            t,
            actor,
            rec,
            description=description,
            owner_agency_id=board["agencies"]["health"],
            owner_email="named.owner@health.example",
            due_on=dt.date(2030, 6, 30),
        )
        actions.set_status(t, actor, action, status=status, reason="Named Person refused")
        action.publishable = publishable
        return action.id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def test_action_progress_is_published_only_when_the_board_chooses_and_only_marked_actions(
    app, client, as_role, boards, make_user
):
    a = boards["a"]
    admin = _public(make_user, a)
    _publish(as_role, a, title="Learning from Child Q", summary="S")
    marked = _plan(as_role, a, publishable=False, description="Agree a protocol for sharing")
    _plan(
        as_role,
        a,
        publishable=False,
        description="Private: speak to the named family",
        status="not_accepted",
    )
    # Off by default: nothing shows, even once an action is marked.
    assert "Progress on the action plan" not in text(client.get("/board-a/en/reports/"))

    staff = app.test_client()
    sign_in(staff, "board-a", "manager@board-a.example")
    action_page = f"/board-a/casework/actions/{marked}"
    assert "Mark it publishable" in text(staff.get(action_page))
    done = post(
        staff,
        f"/board-a/casework/actions/{marked}/publishable",
        {"publishable": "1"},
        form_url=action_page,
    )
    assert done.status_code == 302
    assert "Stop showing it publicly" in text(staff.get(action_page))
    assert "Progress on the action plan" not in text(client.get("/board-a/en/reports/"))

    # A review manager cannot change what the board publishes; a board admin can.
    assert staff.get("/board-a/casework/publishing").status_code == 403
    board_admin = app.test_client()
    sign_in(board_admin, "board-a", admin.email)
    form = text(board_admin.get("/board-a/casework/publishing"))
    assert "checked" not in form
    saved = post(board_admin, "/board-a/casework/publishing", {"publish_action_progress": "y"})
    assert saved.status_code == 302
    assert "casework.publishing_changed" in audit_actions(app, a["tenant"].id)

    page = text(client.get("/board-a/en/reports/"))
    assert "Progress on the action plan" in page
    assert "Agree a protocol for sharing" in page and "In progress" in page
    assert "30 June 2030" in page
    assert "Private: speak to the named family" not in page  # not marked publishable
    for private in ("named.owner@health.example", "Named Person refused", "Health"):
        assert private not in page.split("Progress on the action plan", 1)[1]


def test_another_boards_staff_cannot_mark_an_action_or_change_its_publishing(
    app, as_role, boards, make_user
):
    a, b = boards["a"], boards["b"]
    action_id = _plan(as_role, a, publishable=False, description="Agree a protocol")
    _public(make_user, b)
    other = app.test_client()
    sign_in(other, "board-b", "manager@board-b.example")
    found = post(
        other,
        f"/board-b/casework/actions/{action_id}/publishable",
        {"publishable": "1"},
        form_url="/board-b/casework/agencies",
    )
    assert found.status_code == 404
    with app.app_context(), db.tenant_scope(a["tenant"].id):
        assert db.session.get(Action, action_id).publishable is False
    admin_b = app.test_client()
    sign_in(admin_b, "board-b", "admin@board-b.example")
    post(admin_b, "/board-b/casework/publishing", {"in_platform_search": "y"})
    with app.app_context(), db.all_tenants():
        rows = {
            s.tenant_id: s.in_platform_search for s in db.session.scalars(select(CaseworkSettings))
        }
    assert rows == {b["tenant"].id: True}
    # Signed out, the settings page asks for sign-in.
    assert app.test_client().get("/board-a/casework/publishing").status_code == 302


def test_the_platform_search_finds_only_boards_that_opted_in(
    app, client, as_role, boards, make_user
):
    a, b = boards["a"], boards["b"]
    admin_a = _public(make_user, a)
    _public(make_user, b)
    _publish(as_role, a, title="Board A on neglect", summary="S", themes=["Neglect"])
    _publish(as_role, b, title="Board B on neglect", summary="S", themes=["Neglect"])
    page = text(client.get("/reports/"))
    assert '<label class="govuk-label" for="theme">' in page
    assert "Board A on neglect" not in page  # nothing until something is searched for
    assert "No reports match these choices" in text(client.get("/reports/?theme=neglect"))

    staff = app.test_client()
    sign_in(staff, "board-a", admin_a.email)
    post(staff, "/board-a/casework/publishing", {"in_platform_search": "y"})
    found = text(client.get("/reports/?theme=neglect"))
    assert "Board A on neglect" in found and "Board-A Safeguarding Board" in found
    assert "/board-a/reports/" in found
    assert "Board B on neglect" not in found
    for query in ("?q=neglect", "?q=board", "?q=%25", "?q=_", "?theme=neglect&q=on"):
        assert "Board B on neglect" not in text(client.get(f"/reports/{query}")), query
    assert "Board A on neglect" in text(client.get("/reports/?q=BOARD+a"))
    assert "Board A on neglect" not in text(client.get("/reports/?theme=safe-sleep"))
    assert client.get("/reports/?theme=no-such-theme&q=" + "x" * 3000).status_code == 200
    # A board that opts out again leaves the search at once.
    post(staff, "/board-a/casework/publishing", {})
    assert "Board A on neglect" not in text(client.get("/reports/?theme=neglect"))
