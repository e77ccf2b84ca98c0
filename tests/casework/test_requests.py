"""Agency requests through the services: due dates in working days, invitations with no personal
details, returns checked by content, the merged chronology, more time, and reminders sent once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from casework_support import chronology_csv, mail_text, sent_mail
from sqlalchemy import select

from core import db
from core.casework import queries, services
from core.casework.models import AgencyRequest
from core.mail.models import OutboxMessage
from core.reviews.context import ReviewConflict, ReviewError, ReviewForbidden, as_of
from core.reviews.models import Review

MONDAY = dt.date(2025, 3, 3)


def _send(as_role, board, agency="police", kind="chronology", email="officer@police.example", **kw):
    def run(t, actor):
        review = db.session.get(Review, board["review_id"])
        with as_of(kw.pop("on", MONDAY)):
            return services.send_request(
                t,
                actor,
                review,
                agency_id=board["agencies"][agency],
                kind=kind,
                contact_email=email,
                **kw,
            ).id

    return as_role(board["tenant"], board["manager"], "review_manager", run)


def test_a_request_is_due_in_working_days_by_kind(as_role, boards):
    req_id = _send(as_role, boards["a"], kind="summary")

    def read(t, actor):
        return db.session.get(AgencyRequest, req_id).due_on

    # Eight working days after Monday 3 March 2025: Thursday 13 March.
    assert as_role(boards["a"]["tenant"], None, "board_admin", read) == dt.date(2025, 3, 13)


def test_a_due_date_over_easter_skips_the_bank_holidays(as_role, boards):
    req_id = _send(as_role, boards["a"], kind="summary", on=dt.date(2025, 4, 14))

    def read(t, actor):
        return db.session.get(AgencyRequest, req_id).due_on

    # Good Friday 18 April and Easter Monday 21 April are not working days.
    assert as_role(boards["a"]["tenant"], None, "board_admin", read) == dt.date(2025, 4, 28)


def test_a_reviewer_cannot_send_a_request(as_role, boards):
    b = boards["a"]

    def run(t, actor):
        review = db.session.get(Review, b["review_id"])
        services.send_request(
            t,
            actor,
            review,
            agency_id=b["agencies"]["police"],
            kind="imr",
            contact_email="x@y.example",
        )

    with pytest.raises(ReviewForbidden):
        as_role(b["tenant"], b["reviewer"], "reviewer", run)


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("contact_email", {"contact_email": "not an address"}),
        ("kind", {"kind": "gossip"}),
        ("due_on", {"due_on": dt.date(2025, 3, 1)}),
        ("due_on", {"due_on": dt.date(2200, 1, 1)}),
        ("agency_id", {"agency_id": 0}),
    ],
)
def test_bad_requests_are_refused_field_by_field(as_role, boards, field, values):
    b = boards["a"]

    def run(t, actor):
        review = db.session.get(Review, b["review_id"])
        args = {
            "agency_id": b["agencies"]["police"],
            "kind": "chronology",
            "contact_email": "officer@police.example",
            **values,
        }
        with as_of(MONDAY):
            services.send_request(t, actor, review, **args)

    with pytest.raises(ReviewError) as caught:
        as_role(b["tenant"], b["manager"], "review_manager", run)
    assert field in caught.value.errors


def test_an_invitation_goes_through_the_outbox_and_is_delivered_naming_no_child(
    app, as_role, boards
):
    req_id = _send(as_role, boards["a"])

    def read(t, actor):
        return [
            (m.template, m.subject_ref, m.sent_at is not None)
            for m in db.session.scalars(select(OutboxMessage))
        ]

    assert as_role(boards["a"]["tenant"], None, "board_admin", read) == [
        ("casework_notice", f"casework_request:{req_id}", True)
    ]
    [message] = sent_mail(app)
    assert message["X-Candour-Kind"] == "invitation"
    eml = str(message["To"]) + mail_text(message)
    assert "officer@police.example" in eml
    assert "/board-a/casework/invitations/" in eml
    assert "Child Q" not in eml + str(message["Subject"])
    assert "CR-A-1" in eml


def _upload(as_role, board, req_id, data, user=None, role="review_manager", on=None):
    def run(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        with as_of(on or MONDAY):
            return services.upload_return(t, actor, req, filename="family name.csv", data=data)

    return as_role(board["tenant"], user or board["manager"], role, run)


def test_chronologies_merge_sorted_by_date_and_filter_by_agency(as_role, boards):
    b = boards["a"]
    police = _send(as_role, b, "police")
    health = _send(as_role, b, "health", email="nurse@health.example")
    _upload(
        as_role,
        b,
        police,
        chronology_csv("Police", ("2024-05-02", "Call-out"), ("2024-01-10", "Welfare check")),
    )
    _upload(as_role, b, health, chronology_csv("GP practice", ("02/03/2024", "Missed appointment")))

    def read(t, actor):
        review = db.session.get(Review, b["review_id"])
        everything = queries.merged_chronology(review)
        only_health = queries.merged_chronology(review, b["agencies"]["health"])
        req = db.session.get(AgencyRequest, police)
        return everything, only_health, req.state, req.returned_on

    everything, only_health, state, returned_on = as_role(
        b["tenant"], b["manager"], "review_manager", read
    )
    assert [(line.occurred_on.isoformat(), line.event) for line in everything] == [
        ("2024-01-10", "Welfare check"),
        ("2024-03-02", "Missed appointment"),
        ("2024-05-02", "Call-out"),
    ]
    assert [line.named for line in only_health] == ["GP practice"]
    assert (state, returned_on) == ("returned", MONDAY)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "not a PDF, Word document"),
        (b"%PDF-1.4 garbage", "could not be opened"),
        (b"when,what\n2024-01-01,x\n", "lacks date, agency, event, source"),
        (b"date,agency,event,source\n31/02/2024,Police,x,y\n", "row 2: the date is not a date"),
        (b"date,agency,event,source\n2999-01-01,Police,x,y\n", "row 2: the date is in the future"),
        (b"date,agency,event,source\n2024-01-01,Police,,y\n", "row 2: the event is empty"),
        (b"PK\x03\x04nonsense", "could not be opened"),
    ],
)
def test_a_bad_return_is_refused_with_a_reason_and_nothing_is_saved(as_role, boards, data, message):
    b = boards["a"]
    req_id = _send(as_role, b)
    with pytest.raises(ReviewError) as caught:
        _upload(as_role, b, req_id, data)
    assert message in caught.value.errors["file"]

    def read(t, actor):
        return db.session.get(AgencyRequest, req_id).state

    assert as_role(b["tenant"], None, "board_admin", read) == "sent"


def test_a_spreadsheet_is_refused_for_a_summary(as_role, boards):
    req_id = _send(as_role, boards["a"], kind="summary")
    with pytest.raises(ReviewError) as caught:
        _upload(as_role, boards["a"], req_id, chronology_csv("Police", ("2024-01-01", "x")))
    assert "only for a chronology" in caught.value.errors["file"]


def test_an_xlsx_chronology_is_read_and_the_merged_one_exports_as_xlsx(as_role, boards):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Agency", "Event", "Source"])
    sheet.append([dt.date(2024, 2, 1), "School", "@risk noted", "register"])
    sheet.append(["2024-01-15", "School", "Absent", "register"])
    out = io.BytesIO()
    book.save(out)
    b = boards["a"]
    req_id = _send(as_role, b, "education", email="head@school.example")
    returned = _upload(as_role, b, req_id, out.getvalue())
    assert (returned.file_format, returned.entries) == ("xlsx", 2)

    def export(t, actor):
        return queries.chronology_xlsx(
            queries.merged_chronology(db.session.get(Review, b["review_id"])), "x"
        )

    sheet = load_workbook(io.BytesIO(as_role(b["tenant"], None, "board_admin", export))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("date", "agency", "event", "source", "from")
    assert rows[1][2] == "Absent"
    assert rows[2][2] == "'@risk noted"  # never a formula


def test_a_docx_with_macros_is_refused(as_role, boards):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/vbaProject.bin", b"\x00")
    req_id = _send(as_role, boards["a"], kind="imr")
    with pytest.raises(ReviewError) as caught:
        _upload(as_role, boards["a"], req_id, out.getvalue())
    assert "macros" in caught.value.errors["file"]


def test_more_time_is_asked_once_and_granting_moves_the_due_date(as_role, boards):
    b = boards["a"]
    req_id = _send(as_role, b)

    def ask(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        return services.ask_for_time(
            t, actor, req, wanted_on=req.due_on + dt.timedelta(days=14), reason="Records archived"
        ).id

    time_id = as_role(b["tenant"], b["manager"], "review_manager", ask)
    with pytest.raises(ReviewConflict):
        as_role(b["tenant"], b["manager"], "review_manager", ask)

    def grant(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        services.decide_time(t, actor, req, time_id, grant=True)
        return req.due_on, req.time_requests[0].state

    due_on, state = as_role(b["tenant"], b["manager"], "review_manager", grant)
    assert state == "granted"
    assert due_on == dt.date(2025, 3, 31) + dt.timedelta(days=14)


def test_more_time_must_be_later_than_the_due_date_and_give_a_reason(as_role, boards):
    b = boards["a"]
    req_id = _send(as_role, b)

    def ask(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        services.ask_for_time(t, actor, req, wanted_on=req.due_on, reason=" ")

    with pytest.raises(ReviewError) as caught:
        as_role(b["tenant"], b["manager"], "review_manager", ask)
    assert set(caught.value.errors) == {"wanted_on", "reason"}


def test_reminders_go_once_before_the_due_date_and_once_when_it_is_missed(as_role, boards):
    b = boards["a"]
    req_id = _send(as_role, b, kind="summary")  # due Thursday 13 March 2025

    def remind(on):
        def run(t, actor):
            return [m.headers["X-Candour-Kind"] for m in services.due_reminders(t, on)]

        return as_role(b["tenant"], None, "board_admin", run)

    assert remind(dt.date(2025, 3, 7)) == []
    assert remind(dt.date(2025, 3, 11)) == ["reminder_due"]
    assert remind(dt.date(2025, 3, 12)) == []
    assert remind(dt.date(2025, 3, 14)) == ["reminder_overdue"]
    assert remind(dt.date(2025, 3, 17)) == []

    def status(t, actor):
        req = db.session.get(AgencyRequest, req_id)
        review = db.session.get(Review, req.review_id)
        from core.reviews.context import framework_context

        return queries.request_status(
            req, dt.date(2025, 3, 14), framework_context(t, review.framework)
        )

    assert as_role(b["tenant"], None, "board_admin", status) == "overdue"


def test_a_returned_request_is_not_reminded(as_role, boards):
    b = boards["a"]
    req_id = _send(as_role, b)
    _upload(as_role, b, req_id, chronology_csv("Police", ("2024-01-01", "x")))

    def run(t, actor):
        return services.due_reminders(t, dt.date(2025, 6, 1))

    assert as_role(b["tenant"], None, "board_admin", run) == []


def test_another_boards_agency_cannot_be_asked(as_role, boards):
    a, other = boards["a"], boards["b"]

    def run(t, actor):
        review = db.session.get(Review, a["review_id"])
        services.send_request(
            t,
            actor,
            review,
            agency_id=other["agencies"]["police"],
            kind="imr",
            contact_email="x@y.example",
        )

    with pytest.raises(ReviewError) as caught:
        as_role(a["tenant"], a["manager"], "review_manager", run)
    assert "agency_id" in caught.value.errors


def test_candour_casework_remind_records_each_reminder_once(app, as_role, boards):
    _send(as_role, boards["a"], kind="summary")  # due 13 March 2025
    _send(as_role, boards["b"], kind="imr")  # due 14 April 2025
    runner = app.test_cli_runner()
    first = runner.invoke(args=["casework", "remind", "--on", "2025-03-14"])
    assert first.exit_code == 0, first.output
    assert "board-a: 1 reminder(s), 1 of them overdue" in first.output
    assert "board-b: 0 reminder(s)" in first.output
    again = runner.invoke(args=["casework", "remind", "--tenant", "board-a", "--on", "2025-03-14"])
    assert again.output.strip().endswith("0 reminder(s) in all.")
    unknown = runner.invoke(args=["casework", "remind", "--tenant", "nowhere"])
    assert unknown.exit_code != 0 and "no active board" in unknown.output

    reminders = sent_mail(app, "reminder_overdue")
    assert [(m["To"], m["X-Candour-Board"]) for m in reminders] == [
        ("officer@police.example", "board-a")
    ]
    assert "Child Q" not in mail_text(reminders[0])
