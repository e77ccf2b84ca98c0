"""The public side: each board's list of published reports with its filters, downloads, what
happens after the available-until date, and the JSON and Atom feeds a national repository reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from defusedxml import ElementTree as ET
from reports_support import CLEAN_TEXT, pdf

from core import db
from core.reports import services as report_services
from core.reports.models import PublishedReport
from core.reviews.queries import get_review

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(board, final_review, upload, as_role, details) -> Any:
    """`published(board, reference, title)`: publish a review's clean final report; its record."""

    def make(b: dict[str, Any], reference: str = "CR-1", title: str = "") -> PublishedReport:
        review_id = final_review(b, reference)
        data = pdf(CLEAN_TEXT)
        upload(b, review_id, data)
        if title:
            details.title = title

        def go(t: Any, a: Any) -> PublishedReport:
            return report_services.publish(t, a, get_review(a, review_id), details)

        report = as_role(b["tenant"], b["manager"], "review_manager", go)
        report.pdf = data
        return report

    return make


def _edit(as_role: Any, b: dict[str, Any], report_id: int, **fields: Any) -> None:
    def go(t: Any, a: Any) -> None:
        row = db.session.get(PublishedReport, report_id)
        for name, value in fields.items():
            setattr(row, name, value)

    as_role(b["tenant"], b["manager"], "review_manager", go)


def test_the_public_list_shows_what_a_family_and_a_repository_need(client, board, published):
    b = board()
    report = published(b)
    page = client.get(f"/{b['tenant'].slug}/en/reports/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in (
        "Child A: learning for the partnership",
        "Local Child Safeguarding Practice Review",
        "Child A",
        "How agencies shared what they knew",
        "Information sharing",
        "Agree how schools hear of a family",
        "PDF",
        "English",
        "On this website until",
    ):
        assert text in html, text
    assert f"/{b['tenant'].slug}/reports/{report.id}" in html

    download = client.get(f"/{b['tenant'].slug}/reports/{report.id}")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    served = download.get_data()
    download.close()
    # The rebuilt public copy, never the upload.
    assert hashlib.sha256(served).hexdigest() == report.sha256
    assert hashlib.sha256(served).hexdigest() != hashlib.sha256(report.pdf).hexdigest()


def test_the_list_filters_by_year_and_type(client, board, published, as_role):
    b = board()
    older = published(b, "CR-1", "The older report")
    newer = published(b, "CR-2", "The newer report")
    _edit(as_role, b, older.id, published_on=dt.date(2024, 5, 1))
    slug = b["tenant"].slug
    both = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert "The older report" in both and "The newer report" in both
    this_year = newer.published_on.year
    filtered = client.get(f"/{slug}/en/reports/?year={this_year}").get_data(as_text=True)
    assert "The newer report" in filtered and "The older report" not in filtered
    assert "The older report" in client.get(f"/{slug}/en/reports/?year=2024").get_data(as_text=True)
    none = client.get(f"/{slug}/en/reports/?type=scr-2015").get_data(as_text=True)
    assert "No reports match these choices" in none
    assert "The newer report" in client.get(f"/{slug}/en/reports/?type=lcspr-2023").get_data(
        as_text=True
    )


def test_after_its_date_a_report_leaves_the_list_but_is_kept_and_can_be_extended(
    client, board, published, as_role
):
    b = board()
    report = published(b)
    slug = b["tenant"].slug
    _edit(as_role, b, report.id, available_until=dt.date.today() - dt.timedelta(days=1))
    assert "Download the report" not in client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    gone = client.get(f"/{slug}/reports/{report.id}")
    assert gone.status_code == 410
    assert "you can ask us for a copy" in gone.get_data(as_text=True)
    feed = client.get(f"/{slug}/reports/feed.json").get_json()
    assert feed["reports"] == []

    def extend(t: Any, a: Any) -> None:
        row = db.session.get(PublishedReport, report.id)
        review = get_review(a, row.review_id)
        report_services.extend_availability(
            t, a, review, row, dt.date.today() + dt.timedelta(days=90)
        )

    as_role(b["tenant"], b["manager"], "review_manager", extend)
    assert "Download the report" in client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    again = client.get(f"/{slug}/reports/{report.id}")
    assert again.status_code == 200
    again.close()


def test_the_json_feed_has_what_a_national_repository_needs(client, board, published):
    b = board()
    report = published(b)
    response = client.get(f"/{b['tenant'].slug}/reports/feed.json")
    assert response.mimetype == "application/json"
    feed = json.loads(response.get_data())
    assert feed["board"]["name"] == b["tenant"].name
    (item,) = feed["reports"]
    for field in (
        "title", "board", "author", "published_on", "summary", "learning_themes",
        "recommendations", "download_url", "review_type", "pseudonym", "available_until",
    ):  # fmt: skip
        assert item[field], field
    assert item["author"] == "Dr A Reviewer"
    assert item["review_type"].startswith("Local Child Safeguarding Practice Review")
    assert item["download_url"].endswith(f"/{b['tenant'].slug}/reports/{report.id}")
    assert dt.date.fromisoformat(item["published_on"]) == report.published_on


def test_the_atom_feed_is_valid_atom_with_an_entry_per_report(client, board, published):
    b = board()
    report = published(b)
    response = client.get(f"/{b['tenant'].slug}/reports/feed.atom")
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == report.title
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Dr A Reviewer"
    assert entry.findtext(f"{ATOM}published").startswith(report.published_on.isoformat())
    assert "Learning themes include: Information sharing" in entry.findtext(f"{ATOM}content")
    enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("type") == "application/pdf"
    assert enclosure.get("href").endswith(f"/reports/{report.id}")


def test_a_board_with_nothing_published_says_so(client, board):
    b = board()
    html = client.get(f"/{b['tenant'].slug}/en/reports/").get_data(as_text=True)
    assert "There are no published reports at the moment" in html
    assert ET.fromstring(client.get(f"/{b['tenant'].slug}/reports/feed.atom").get_data()).tag == (
        f"{ATOM}feed"
    )
