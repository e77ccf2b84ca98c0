"""National returns as spreadsheets (one row per review, the fields each body asks for), the
frameworks' own fields in the staff pages and the API, and each board kept to its own reviews."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from core.reviews import services
from core.testing import csrf_token, sign_in

d = dt.date.fromisoformat


def _post(client, url, data):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def _rows(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _open(as_role, b, reference, **fields):
    return as_role(
        b["tenant"],
        b["manager"],
        "review_manager",
        lambda t, a: services.create_review(
            t, a, reference=reference, pseudonym="Adult A", aware_on=d("2025-04-01"), **fields
        ),
    )


def test_the_scrt_return_has_one_row_per_review_with_its_fields(client, board, as_role):
    b = board("sar", slug="ashdown")
    for ref in ("SAR-1", "SAR-2"):
        _open(as_role, b, ref, steis_id=f"2025/{ref}", theme_1="Self-neglect")
    sign_in(client, "ashdown", "manager@ashdown.example")
    listing = client.get("/ashdown/reviews/returns/").get_data(as_text=True)
    assert "Safeguarding Case Review Tracker (SCRT) return" in listing
    assert "Annual report: Safeguarding Adults Reviews concluded and ongoing" in listing
    rows = _rows(client.get("/ashdown/reviews/returns/scrt.csv"))
    assert [r["Local id"] for r in rows] == ["SAR-1", "SAR-2"]
    assert rows[0]["StEIS id"] == "2025/SAR-1" and rows[0]["Theme 1"] == "Self-neglect"
    assert rows[0]["Review type"] == "SAR" and rows[0]["Status"] == "Open"
    assert {"Converted from rapid review", "Theme 2", "Theme 3", "Return sent"} <= set(rows[0])


def test_the_home_office_qa_pack_and_the_sab_annual_report_export(client, board, as_role):
    b = board("dardr", slug="ferncombe")
    _open(
        as_role, b, "DARDR-1", qa_submitted_on=d("2025-09-01"), qa_acknowledged_on=d("2025-09-03")
    )
    sign_in(client, "ferncombe", "manager@ferncombe.example")
    (row,) = _rows(client.get("/ferncombe/reviews/returns/home-office-qa.csv"))
    assert row["Submitted to the Panel"] == "2025-09-01"
    assert row["Submission acknowledged"] == "2025-09-03"
    assert client.get("/ferncombe/reviews/returns/sab-annual-report.csv").status_code == 404


def test_a_spreadsheet_never_runs_a_cell_as_a_formula(client, board, as_role):
    b = board("lcspr-2023", slug="northmoor")
    _open(as_role, b, "CR-1", theme_1='=HYPERLINK("http://x")')
    sign_in(client, "northmoor", "manager@northmoor.example")
    (row,) = _rows(client.get("/northmoor/reviews/returns/scrt.csv"))
    assert row["Theme 1"].startswith("'=")


def test_a_board_exports_only_its_own_reviews_and_others_cannot_see_its_returns(
    client, board, as_role
):
    mine, theirs = board("lcspr-2023", slug="board-a"), board("lcspr-2023", slug="board-b")
    _open(as_role, mine, "A-1")
    _open(as_role, theirs, "B-1")
    sign_in(client, "board-b", "manager@board-b.example")
    assert client.get("/board-a/reviews/returns/").status_code == 404
    assert client.get("/board-a/reviews/returns/scrt.csv").status_code == 404
    assert [r["Local id"] for r in _rows(client.get("/board-b/reviews/returns/scrt.csv"))] == [
        "B-1"
    ]


def test_a_reviewer_cannot_export_returns(client, board):
    board("lcspr-2023", slug="northmoor")
    sign_in(client, "northmoor", "reviewer@northmoor.example")
    assert client.get("/northmoor/reviews/returns/").status_code == 403
    assert client.get("/northmoor/reviews/returns/scrt.csv").status_code == 403


def test_an_unknown_return_is_404_not_500(client, board):
    board("sar", slug="ashdown")
    sign_in(client, "ashdown", "manager@ashdown.example")
    assert client.get("/ashdown/reviews/returns/no-such-return.csv").status_code == 404
    assert client.get("/ashdown/reviews/returns/" + "x" * 500 + ".csv").status_code == 404


def test_a_dardr_review_walks_through_the_home_office_panel_in_the_pages(client, board):
    board("dardr", slug="ferncombe")
    sign_in(client, "ferncombe", "manager@ferncombe.example")
    opened = _post(
        client,
        "/ferncombe/reviews/new",
        {
            "reference": "D-1",
            "pseudonym": "Adult A",
            "framework": "dardr",
            "aware_on": "2025-04-01",
        },
    )
    assert opened.status_code == 302, opened.get_data(as_text=True)
    url = opened.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "Decide whether to hold a review" in page
    steps = [
        ("decide_review", {"decision_on": "2025-04-22", "criteria_met": "x", "decision_rationale": "y"}),
        ("draft", {"draft_on": "2025-08-01"}),
        ("qa_submit", {"qa_submitted_on": "2025-09-01"}),
        ("qa_feedback", {"qa_feedback_on": "2025-10-01", "qa_feedback": "More on the GP"}),
        ("qa_resubmit", {"qa_resubmitted_on": "2025-10-20"}),
        ("qa_approve", {"qa_approved_on": "2025-11-10"}),
        ("finalise", {"final_on": "2025-11-12", "planned_publication_on": "2026-01-20",
                      "publication_decision": "full"}),
    ]  # fmt: skip
    assert client.get(f"{url}/step/qa_submit").status_code == 404  # not open before the draft
    bad = _post(client, f"{url}/step/decide_review", {"decision_on": "not a date"})
    assert bad.status_code == 400
    for key, data in steps:
        if key == "qa_submit":
            form = client.get(f"{url}/step/qa_submit").get_data(as_text=True)
            assert "Date submitted to the Quality Assurance Panel" in form
            assert 'type="date"' in form
        response = _post(client, f"{url}/step/{key}", data)
        assert response.status_code == 302, (key, response.get_data(as_text=True))
    page = client.get(url).get_data(as_text=True)
    assert "More on the GP" in page and "Final report: publication planned" in page
    assert re.search(r"Home Office Quality Assurance Panel approval", page)
    edit = client.get(f"{url}/edit").get_data(as_text=True)
    assert "Date the Home Office acknowledged the submission" in edit


def test_the_2015_and_welsh_forms_no_longer_suggest_the_national_panel(client, board):
    for framework, slug in (("scr-2015", "salford"), ("wales-cpr", "cwm")):
        board(framework, slug=slug)
        sign_in(client, slug, f"manager@{slug}.example")
        opened = _post(
            client,
            f"/{slug}/reviews/new",
            {"reference": "R-1", "pseudonym": "Child A", "framework": framework,
             "aware_on": "2025-04-01"},
        )  # fmt: skip
        step = "notify" if framework == "scr-2015" else "refer"
        form = client.get(f"{opened.headers['Location']}/step/{step}").get_data(as_text=True)
        assert "Child Safeguarding Practice Review Panel" not in form
        client.get(f"/{slug}/logout")
