"""Staff deadline mail: each person's digest (their choice on their account page, once per period,
nothing when there is nothing to say, one-click unsubscribe by a signed, expiring link) and the
alert to review managers when a statutory deadline becomes at risk."""

from __future__ import annotations

import datetime as dt
import email
import re
import sys
from pathlib import Path

import pytest

from core import db
from core.digests import services as digests
from core.digests.models import DigestPreference
from core.jobs.queueing import queue
from core.reviews import services as review_services
from core.reviews.context import Actor, as_of
from core.testing import csrf_token, sign_in

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mail_support import text_of

AWARE = dt.date(2025, 3, 3)  # a Monday


def eml_files(app) -> list[Path]:
    return sorted((Path(app.config["INSTANCE_PATH"]) / "mail").glob("*.eml"))


def messages(app) -> list[email.message.Message]:
    return [email.message_from_bytes(p.read_bytes()) for p in eml_files(app)]


@pytest.fixture
def staffed(make_tenant, make_user):
    tenant = make_tenant("digest-board", framework="lcspr-2023", jurisdiction="england")
    return {
        "tenant": tenant,
        "manager": make_user("manager@digest.example", tenant, "review_manager"),
        "reviewer": make_user("reviewer@digest.example", tenant, "reviewer"),
    }


def open_review(app, tenant, manager, reference="CR-51", pseudonym="Child Q"):
    with app.test_request_context(f"/{tenant.slug}/reviews/"):
        with db.tenant_scope(tenant.id):
            actor = Actor(db.session.merge(manager), "review_manager")
            with as_of(AWARE):
                review = review_services.create_review(
                    db.session.merge(tenant), actor, reference=reference, pseudonym=pseudonym,
                    aware_on=AWARE,
                )  # fmt: skip
            review_id = review.id
        db.session.commit()
    return review_id


def run_job(app, monkeypatch, name: str, day: dt.date) -> None:
    monkeypatch.setattr("core.reviews.context.today", lambda: day)
    queue(app).enqueue(name)


def choose(client, slug: str, frequency: str):
    token = csrf_token(client, f"/{slug}/account/digest")
    return client.post(
        f"/{slug}/account/digest", data={"csrf_token": token, "frequency": frequency}
    )


def test_a_daily_digest_lists_the_deadlines_once_a_day_with_no_names(
    app, client, staffed, monkeypatch
):
    assert sign_in(client, "digest-board", "manager@digest.example").status_code == 302
    assert choose(client, "digest-board", "daily").status_code == 303
    review_id = open_review(app, staffed["tenant"], staffed["manager"])
    run_job(app, monkeypatch, "digests.send", AWARE)
    run_job(app, monkeypatch, "digests.send", AWARE)  # a rerun sends nothing more
    (message,) = messages(app)
    assert message["To"] == "manager@digest.example"
    body = text_of(message)
    assert "CR-51" in body and f"/digest-board/reviews/{review_id}" in body
    assert "Child Q" not in body and "At risk" in body and "Notify the national Panel" in body
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html"}
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http")
    assert "/digest-board/account/digest/unsubscribe/" in message["List-Unsubscribe"]
    # The next day is another period.
    run_job(app, monkeypatch, "digests.send", AWARE + dt.timedelta(days=1))
    assert len(eml_files(app)) == 2


def test_a_weekly_digest_goes_once_a_week(app, staffed, monkeypatch):
    open_review(app, staffed["tenant"], staffed["manager"])  # weekly is the default
    for day in (AWARE, AWARE + dt.timedelta(days=2)):
        run_job(app, monkeypatch, "digests.send", day)
    assert len(eml_files(app)) == 1
    run_job(app, monkeypatch, "digests.send", AWARE + dt.timedelta(days=7))
    assert len(eml_files(app)) == 2


def test_people_with_nothing_to_report_or_who_chose_off_get_nothing(
    app, client, staffed, monkeypatch
):
    # The reviewer is assigned to no review: nothing to report.
    open_review(app, staffed["tenant"], staffed["manager"])
    assert sign_in(client, "digest-board", "manager@digest.example").status_code == 302
    assert choose(client, "digest-board", "off").status_code == 303
    run_job(app, monkeypatch, "digests.send", AWARE)
    assert eml_files(app) == []


def test_the_account_page_refuses_an_unknown_choice_and_keeps_the_old_one(app, client, staffed):
    assert sign_in(client, "digest-board", "manager@digest.example").status_code == 302
    page = client.get("/digest-board/account/digest").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="weekly"', page)
    response = choose(client, "digest-board", "hourly")
    assert response.status_code == 400
    assert "govuk-error-summary" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(DigestPreference, staffed["manager"].id) is None


def test_another_boards_staff_cannot_open_the_digest_page(app, client, staffed, make_tenant):
    other = make_tenant("digest-other", framework="lcspr-2023")
    assert sign_in(client, "digest-board", "manager@digest.example").status_code == 302
    assert client.get(f"/{other.slug}/account/digest").status_code in (302, 404)
    assert client.post(f"/{other.slug}/account/digest", data={"frequency": "off"}).status_code in (
        302,
        400,
        404,
    )


def unsubscribe_link(message) -> str:
    return message["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]


def test_one_click_unsubscribe_turns_the_digest_off_without_sign_in(app, staffed, monkeypatch):
    open_review(app, staffed["tenant"], staffed["manager"])
    run_job(app, monkeypatch, "digests.send", AWARE)
    (message,) = messages(app)
    path = "/" + unsubscribe_link(message)
    visitor = app.test_client()
    # Opening the link (a mail scanner, a preview) changes nothing; it asks first.
    page = visitor.get(path)
    assert page.status_code == 200 and "Stop deadline e-mails" in page.get_data(as_text=True)
    with app.app_context():
        assert digests.frequency_of(staffed["manager"].id) == "weekly"
    # The mail program's one-click POST (RFC 8058): no session, no form token.
    done = visitor.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and 'id="unsubscribed"' in done.get_data(as_text=True)
    with app.app_context():
        assert digests.frequency_of(staffed["manager"].id) == "off"
    run_job(app, monkeypatch, "digests.send", AWARE + dt.timedelta(days=7))
    assert len(eml_files(app)) == 1


def test_an_unsubscribe_link_that_is_forged_expired_or_for_another_board_is_refused(
    app, staffed, make_tenant, monkeypatch
):
    other = make_tenant("digest-elsewhere", framework="lcspr-2023")
    user_id, tenant_id = staffed["manager"].id, staffed["tenant"].id
    visitor = app.test_client()
    with app.app_context():
        good = digests.unsubscribe_token(user_id, tenant_id)
        forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
        real_time = __import__("time").time
        monkeypatch.setattr(
            "itsdangerous.timed.time.time",
            lambda: real_time() - digests.UNSUBSCRIBE_MAX_AGE - 60,
        )
        expired = digests.unsubscribe_token(user_id, tenant_id)
        monkeypatch.undo()
    for path in (
        f"/digest-board/account/digest/unsubscribe/{forged}",
        f"/digest-board/account/digest/unsubscribe/{expired}",
        f"/{other.slug}/account/digest/unsubscribe/{good}",
    ):
        assert visitor.post(path).status_code == 404, path
    with app.app_context():
        assert digests.frequency_of(user_id) == "weekly"
    assert visitor.post(f"/digest-board/account/digest/unsubscribe/{good}").status_code == 200


def test_review_managers_hear_once_when_a_statutory_deadline_becomes_at_risk(
    app, staffed, monkeypatch
):
    review_id = open_review(app, staffed["tenant"], staffed["manager"])
    run_job(app, monkeypatch, "digests.at_risk", AWARE + dt.timedelta(days=1))
    run_job(app, monkeypatch, "digests.at_risk", AWARE + dt.timedelta(days=2))
    alerts = [m for m in messages(app) if "at risk" in m["Subject"]]
    assert alerts, "no alert for the deadline at risk"
    assert {m["To"] for m in alerts} == {"manager@digest.example"}
    subjects = [m["Subject"] for m in alerts]
    assert len(subjects) == len(set(subjects)) or len(alerts) == len(
        {m["Message-ID"] for m in alerts}
    )
    body = text_of(alerts[0])
    assert "CR-51" in body and f"/digest-board/reviews/{review_id}" in body
    assert "Child Q" not in body
    count = len(alerts)
    run_job(app, monkeypatch, "digests.at_risk", AWARE + dt.timedelta(days=3))
    assert len([m for m in messages(app) if "at risk" in m["Subject"]]) == count


def test_no_alert_while_no_statutory_deadline_is_at_risk(app, staffed, monkeypatch):
    open_review(app, staffed["tenant"], staffed["manager"])
    run_job(app, monkeypatch, "digests.at_risk", AWARE - dt.timedelta(days=60))
    assert eml_files(app) == []
