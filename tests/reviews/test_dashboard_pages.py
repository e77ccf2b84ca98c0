"""The dashboard and the API list cut their page in the database: the same reviews in the same
order as the whole list, the most urgent first, a page at a time."""

from __future__ import annotations

import datetime as dt
import re

from core import db
from core.reviews.context import as_of
from core.reviews.models import PARALLEL_KINDS
from core.reviews.people import add_parallel_process, assign
from core.reviews.queries import Filters, list_reviews, listing, page_reviews
from core.reviews.services import create_review, waive
from core.testing import sign_in

KIND = sorted(PARALLEL_KINDS)[0]


def _open(as_role, b, count, start=dt.date(2025, 1, 6)):
    def make(tenant, actor):
        for i in range(count):
            aware = start + dt.timedelta(days=i * 4)
            with as_of(aware):
                create_review(
                    tenant, actor, reference=f"P-{i:03d}", pseudonym=f"Child {i}", aware_on=aware,
                )  # fmt: skip

    as_role(b["tenant"], b["manager"], "review_manager", make)


def _facts(rows):
    # What a page shows of a review: its counts and its next deadline, with that deadline's status,
    # working days left and whether it is on hold.
    def deadline(o):
        return (o.obligation.id, o.obligation.due_on, o.status, o.working_days_left, o.on_hold)

    return [
        (
            r.review.id,
            r.stage_label,
            r.missed,
            r.at_risk,
            deadline(r.next_deadline) if r.next_deadline else None,
        )
        for r in rows
    ]


def test_pages_hold_the_whole_list_in_its_order_on_any_day(board, as_role):
    b = board("lcspr-2023", slug="pages")
    _open(as_role, b, 14)

    def waive_one(tenant, actor):
        row = list_reviews(tenant, actor, Filters(), on=dt.date(2025, 1, 6))[0]
        waive(tenant, actor, row.review, row.obligations[0].obligation.id, reason="Not needed here")

    as_role(b["tenant"], b["admin"], "board_admin", waive_one)

    def hold_two(tenant, actor):
        # A parallel process puts family obligations on hold while it is open.
        rows = list_reviews(tenant, actor, Filters(), on=dt.date(2025, 1, 6))
        add_parallel_process(
            tenant, actor, rows[1].review, kind=KIND, started_on=dt.date(2025, 1, 6)
        )
        add_parallel_process(tenant, actor, rows[2].review, kind=KIND,
                             started_on=dt.date(2025, 1, 6), ended_on=dt.date(2025, 2, 1))  # fmt: skip

    as_role(b["tenant"], b["manager"], "review_manager", hold_two)

    def family_first(tenant, actor):
        # The held reviews' next deadline involves the family, as a framework's promise to the
        # family does (this framework's come later in a review), so the process holds it. Set
        # after the process is added: working out the deadlines again sets it from the framework.
        for row in list_reviews(tenant, actor, Filters(), on=dt.date(2025, 1, 6))[1:3]:
            row.next_deadline.obligation.family_involvement = True
        db.session.commit()

    as_role(b["tenant"], b["manager"], "review_manager", family_first)

    def compare(tenant, actor):
        # Days before, among and after the deadlines: due, at risk, missed and mixtures of them.
        held = set()
        for day in (
            dt.date(2025, 1, 6),
            dt.date(2025, 1, 27),
            dt.date(2025, 2, 12),
            dt.date(2026, 3, 2),
        ):
            for filters in (Filters(), Filters(status="missed"), Filters(status="at_risk")):
                whole = list_reviews(tenant, actor, filters, on=day)
                listed = listing(tenant, actor, filters, on=day)
                pages = [page_reviews(listed, n, 4) for n in (1, 2, 3, 4)]
                assert {p.total for p in pages} == {len(whole)}, (day, filters)
                paged = [row for p in pages[: pages[0].pages] for row in p.rows]
                assert _facts(paged) == _facts(whole), (day, filters)
                held |= {(day, f[0]) for f in _facts(paged) if f[4] and f[4][4]}
        # Next deadlines on hold were compared, on the days the process was open only.
        return held

    held = as_role(b["tenant"], b["manager"], "review_manager", compare)
    # One process is open still, the other ended on 1 February 2025.
    days = [day for day, _review in held]
    assert {day: days.count(day) for day in days} == {
        dt.date(2025, 1, 6): 2, dt.date(2025, 1, 27): 2, dt.date(2025, 2, 12): 1, dt.date(2026, 3, 2): 1
    }  # fmt: skip


def test_a_statuses_mix_exists_on_the_days_compared(board, as_role):
    # The comparison above means something only if those days see every status.
    b = board("lcspr-2023", slug="mix")
    _open(as_role, b, 14)

    def statuses(tenant, actor):
        rows = list_reviews(tenant, actor, Filters(), on=dt.date(2025, 1, 27))
        return {o.status for r in rows for o in r.obligations}

    assert {"missed", "at_risk", "due"} <= as_role(
        b["tenant"], b["manager"], "review_manager", statuses
    )


def test_the_dashboard_shows_a_page_of_reviews_most_urgent_first(client, board, as_role):
    b = board("lcspr-2023", slug="paged")
    _open(as_role, b, 53)
    sign_in(client, "paged", "manager@paged.example")
    first = client.get("/paged/reviews/").get_data(as_text=True)
    shown = re.findall(r">(P-\d{3})</a><br>Child", first.split('id="open"')[1])
    assert len(shown) == 50
    assert "Reviews 1 to 50 of 53, most urgent first." in first
    assert 'href="/paged/reviews/?page=2#open" rel="next"' in first
    second = client.get("/paged/reviews/?page=2").get_data(as_text=True)
    rest = re.findall(r">(P-\d{3})</a><br>Child", second.split('id="open"')[1])
    assert sorted(shown + rest) == [f"P-{i:03d}" for i in range(53)]
    assert "Reviews 51 to 53 of 53" in second
    # A page past the end is the last; a page that is not a number is the first.
    assert "Reviews 51 to 53 of 53" in client.get("/paged/reviews/?page=9").get_data(as_text=True)
    for odd in ("0", "-1", "x", "²", "9" * 30):
        page = client.get(f"/paged/reviews/?page={odd}")
        assert page.status_code == 200
        assert "Reviews 1 to 50 of 53" in page.get_data(as_text=True)


def test_the_page_links_keep_the_filters(client, board, as_role):
    b = board("lcspr-2023", slug="kept")
    _open(as_role, b, 53)
    sign_in(client, "kept", "manager@kept.example")
    page = client.get("/kept/reviews/?status=missed&q=P-&_external=1").get_data(as_text=True)
    assert 'href="/kept/reviews/?page=2&amp;q=P-&amp;status=missed#open"' in page
    assert "_external" not in page.split('aria-label="Pages of reviews"')[1]


def test_the_due_table_shows_the_oldest_and_says_how_many_there_are(client, board, as_role):
    b = board("lcspr-2023", slug="due")
    _open(as_role, b, 30)  # from 2025: every one has missed its deadlines
    sign_in(client, "due", "manager@due.example")
    page = client.get("/due/reviews/").get_data(as_text=True)
    due_table = page.split('id="this-week"')[1].split('id="open"')[0]
    missed = int(re.search(r"(\d+) deadlines missed and not yet done", due_table).group(1))
    assert missed > 25
    assert f"These are the first 25 of {missed} deadlines missed or due this week" in due_table
    assert due_table.count("/obligations/") == 25
    assert "P-000" in due_table  # the oldest first
    assert 'href="/due/reviews/?status=missed#open"' in due_table


def test_another_boards_reviews_are_not_on_the_page(client, board, as_role):
    mine, theirs = board("lcspr-2023", slug="ours"), board("lcspr-2023", slug="theirs")
    _open(as_role, mine, 2)

    def other(tenant, actor):
        with as_of(dt.date(2025, 1, 6)):
            create_review(tenant, actor, reference="THEIRS-1", pseudonym="Child T", aware_on=dt.date(2025, 1, 6))  # fmt: skip

    as_role(theirs["tenant"], theirs["manager"], "review_manager", other)
    sign_in(client, "ours", "manager@ours.example")
    page = client.get("/ours/reviews/").get_data(as_text=True)
    assert "THEIRS-1" not in page
    assert "P-000" in page and "P-001" in page


def test_a_reviewer_sees_only_assigned_reviews_in_both_tables(client, board, as_role):
    b = board("lcspr-2023", slug="assigned")
    _open(as_role, b, 3)

    def assign_one(tenant, actor):
        row = next(
            r
            for r in list_reviews(tenant, actor, Filters(), on=dt.date(2025, 1, 6))
            if r.review.reference == "P-001"
        )
        assign(tenant, actor, row.review, b["reviewer"].id, "Lead reviewer")

    as_role(b["tenant"], b["manager"], "review_manager", assign_one)
    sign_in(client, "assigned", "reviewer@assigned.example")
    for query in ("", "?status=missed"):
        page = client.get(f"/assigned/reviews/{query}").get_data(as_text=True)
        due_table, reviews = page.split('id="this-week"')[1].split('id="open"')
        assert "P-001" in due_table and "P-001" in reviews
        assert "P-000" not in page and "P-002" not in page


def test_both_tables_write_each_rows_cells_with_its_text_escaped(client, board, as_role):
    b = board("lcspr-2023", slug="cells")
    hostile = '<b onclick="x()">Child & Co</b>'

    def make(tenant, actor):
        with as_of(dt.date(2025, 1, 6)):
            review = create_review(
                tenant, actor, reference="C-1", pseudonym=hostile, aware_on=dt.date(2025, 1, 6)
            )
        return review.id

    review_id = as_role(b["tenant"], b["manager"], "review_manager", make)
    sign_in(client, "cells", "manager@cells.example")
    page = client.get("/cells/reviews/").get_data(as_text=True)
    assert hostile not in page
    escaped = "&lt;b onclick=&#34;x()&#34;&gt;Child &amp; Co&lt;/b&gt;"
    due_table, reviews = page.split('id="this-week"')[1].split('id="open"')
    link = f'<a class="govuk-link" href="/cells/reviews/{review_id}">C-1</a><br>{escaped}</td>'
    assert link in due_table and link in reviews
    # The review's row: its stage, its next deadline (missed since 2025) and the count of missed.
    row = reviews.split(link)[1].split("</tr>")[0]
    cells = [c.strip() for c in re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)]
    assert len(cells) == 4
    assert cells[2].endswith("working days late</span>")
    assert re.fullmatch(r'<strong class="govuk-tag govuk-tag--red">\d+ missed</strong>', cells[3])
    # The deadline's row: a link to the deadline, when it was due and its status.
    row = due_table.split(link)[1].split("</tr>")[0]
    assert f'href="/cells/reviews/{review_id}/obligations/' in row
    assert row.strip().endswith('<strong class="govuk-tag govuk-tag--red">Missed</strong></td>')
