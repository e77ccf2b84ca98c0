"""A review of each second-round framework walked from referral to publication in the staff pages,
as a review manager would: open it, take each step, fill in the details, record what the family was
told, upload the report, publish; the deadlines on the way are in working days, and publication is
refused until what must come first (the Home Office Panel's approval, the family told, the action
plan signed off) is recorded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import pytest
from walks_support import (
    BEFORE_PUBLICATION,
    DUE,
    FIELDS,
    JURISDICTION,
    PUBLICATION,
    STEPS,
    days_ago,
    form_values,
    obligation_links,
    report_pdf,
)

from core.testing import csrf_token, sign_in


def _post(client, url, data, **kw):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data}, **kw)


@pytest.fixture
def staff_board(make_tenant, make_user):
    def make(framework):
        # Stored report files outlive the test's transaction: a slug of its own each time.
        slug = f"{framework}-{uuid.uuid4().hex[:6]}"
        tenant = make_tenant(slug, framework=framework, jurisdiction=JURISDICTION[framework])
        make_user(f"manager@{slug}.example", tenant, "review_manager")
        return slug

    return make


@pytest.mark.parametrize("framework", ["sar", "dardr", "wales-susr"])
def test_a_review_walks_from_referral_to_publication_in_the_staff_pages(
    client, staff_board, framework
):
    slug = staff_board(framework)
    sign_in(client, slug, f"manager@{slug}.example")
    opened = _post(
        client,
        f"/{slug}/reviews/new",
        {"reference": "R-1", "pseudonym": "Adult A", "framework": framework,
         "aware_on": "2025-04-01"},
    )  # fmt: skip
    assert opened.status_code == 302, opened.get_data(as_text=True)
    url = opened.headers["Location"]

    # Every step from the referral to the final report, each form asking for its fields.
    for key, values in STEPS[framework]:
        form = client.get(f"{url}/step/{key}")
        assert form.status_code == 200, key
        for name in values:
            assert f'name="{name}"' in form.get_data(as_text=True), (key, name)
        done = _post(client, f"{url}/step/{key}", values)
        assert done.status_code == 302, (key, done.get_data(as_text=True))
        if framework == "dardr" and key == "qa_submit":
            # Not yet approved: no step leads towards publication.
            assert client.get(f"{url}/step/finalise").status_code == 404

    # The details a manager fills in on the way, through the details page as a browser sends it.
    edit = form_values(client.get(f"{url}/edit").get_data(as_text=True))
    edit.update(FIELDS[framework])
    saved = client.post(f"{url}/edit", data=edit)
    assert saved.status_code == 302, saved.get_data(as_text=True)

    page = client.get(url).get_data(as_text=True)
    assert "Final report" in page
    # Deadlines counted in working days, leaving out the bank holidays.
    for due in DUE[framework].values():
        assert _human(due) in page, due

    # Publication is refused until the family is told (and what else comes first).
    links = obligation_links(page)
    upload = client.get(f"{url}/reports/upload")
    token = csrf_token(client, f"{url}/reports/upload")
    stored = client.post(
        f"{url}/reports/upload",
        data={"csrf_token": token, "kind": "final", "report": (io.BytesIO(report_pdf()), "r.pdf")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 200 and stored.status_code == 302, stored.get_data(as_text=True)
    refused = _post(client, f"{url}/reports/publish", PUBLICATION)
    assert refused.status_code == 400
    assert "cannot be published yet" in refused.get_data(as_text=True)
    for label in BEFORE_PUBLICATION[framework]:
        assert label in links, (label, sorted(links))
        recorded = _post(client, links[label], {"action": "met", "met_on": days_ago(3)})
        assert recorded.status_code == 302, (label, recorded.get_data(as_text=True))

    published = _post(client, f"{url}/reports/publish", PUBLICATION)
    assert published.status_code == 302, published.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Published" in page
    listing = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert PUBLICATION["title"] in listing

    # The board's national returns carry the review, one row each.
    returns = client.get(f"/{slug}/reviews/returns/").get_data(as_text=True)
    key = {"sar": "scrt", "dardr": "home-office-qa", "wales-susr": "welsh-government-notice"}
    assert f"/returns/{key[framework]}.xlsx" in returns
    sheet = client.get(f"/{slug}/reviews/returns/{key[framework]}.csv")
    assert sheet.data.startswith("\ufeff".encode())
    (row,) = list(csv.DictReader(io.StringIO(sheet.data.decode("utf-8-sig"))))
    sent = {"sar": ("Return sent", "2025-05-02"), "dardr": ("Approved", "2025-11-10"),
            "wales-susr": ("Notice acknowledged", "2025-04-28")}  # fmt: skip
    assert row[sent[framework][0]] == sent[framework][1]

    if framework == "wales-susr":
        # Deposited in the Wales Safeguarding Repository after publication, recorded on the
        # details page; the deposit's row carries the publication's metadata and the date.
        today = dt.date.today().isoformat()
        edit = form_values(client.get(f"{url}/edit").get_data(as_text=True))
        edit["repository_deposit_on"] = today
        assert client.post(f"{url}/edit", data=edit).status_code == 302
        deposit = client.get(f"/{slug}/reviews/returns/wales-repository.csv")
        (row,) = list(csv.DictReader(io.StringIO(deposit.data.decode("utf-8-sig"))))
        assert row["Deposited"] == today and row["Summary"] == PUBLICATION["summary"]
        assert row["Title"] == FIELDS[framework]["report_title"]


def _human(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"
