"""A review of each second-round framework walked from referral to publication through the JSON
API alone: open, step, fill in details, see the working-day deadlines, record the family told and
the other obligations that block publication, upload the report, publish; then the national
returns (JSON rows with sent and acknowledged dates, CSV with a byte order mark, XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import pytest
from openpyxl import load_workbook
from walks_support import (
    BEFORE_PUBLICATION,
    DUE,
    FIELDS,
    JURISDICTION,
    PUBLICATION,
    STEPS,
    by_key,
    days_ago,
    report_pdf,
)

from core import db

RETURN = {"sar": "scrt", "dardr": "home-office-qa", "wales-susr": "welsh-government-notice"}
SENT = {
    "sar": ("scrt_sent_on", "2025-05-02", "scrt_acknowledged_on", "2025-05-06"),
    "dardr": ("qa_submitted_on", "2025-09-01", "qa_acknowledged_on", "2025-09-03"),
    "wales-susr": (
        "welsh_government_sent_on",
        "2025-04-24",
        "welsh_government_acknowledged_on",
        "2025-04-28",
    ),
}


@pytest.fixture
def tokens(make_tenant, make_user, in_app):
    from core.auth.tokens import create_token

    def make(framework, roles=("review_manager", "reviewer")):
        slug = f"{framework}-{uuid.uuid4().hex[:6]}"
        tenant = make_tenant(slug, framework=framework, jurisdiction=JURISDICTION[framework])
        made = {"slug": slug}
        for role in roles:
            user = make_user(f"{role}@{slug}.example", tenant, role)

            def token(user=user):
                with db.tenant_scope(tenant.id):
                    return create_token(db.session.merge(tenant), db.session.merge(user), "tests")

            made[role] = {"Authorization": f"Bearer {in_app(token)}"}
        return made

    return make


@pytest.mark.parametrize("framework", ["sar", "dardr", "wales-susr"])
def test_a_review_walks_from_referral_to_publication_through_the_api(client, tokens, framework):
    board = tokens(framework)
    auth = board["review_manager"]
    created = client.post(
        "/api/v1/reviews",
        json={"reference": "R-1", "pseudonym": "Adult A", "aware_on": "2025-04-01"},
        headers=auth,
    )
    assert created.status_code == 201, created.json
    assert created.json["framework"] == framework
    elsewhere = {"england": "wales-susr", "wales": "dardr"}[JURISDICTION[framework]]
    refused = client.post(
        "/api/v1/reviews",
        json={"reference": "R-2", "pseudonym": "Adult B", "framework": elsewhere},
        headers=auth,
    )
    assert refused.status_code == 422 and "framework" in refused.json["errors"]
    base = f"/api/v1/reviews/{created.json['id']}"

    for key, values in STEPS[framework]:
        if framework == "dardr" and key == "finalise":
            early = client.post(f"{base}/reports/publish", json=PUBLICATION, headers=auth)
            assert early.status_code in (409, 422)
        moved = client.post(
            f"{base}/transitions", json={"transition": key, "values": values}, headers=auth
        )
        assert moved.status_code == 200, (key, moved.json)
    patched = client.patch(base, json=FIELDS[framework], headers=auth)
    assert patched.status_code == 200, patched.json

    obligations = by_key(client.get(f"{base}/obligations", headers=auth).json["items"])
    for key, due in DUE[framework].items():
        assert obligations[key]["due_on"] == due, (key, obligations[key])
    sent_field = SENT[framework][0]
    assert any(o["met_on"] == SENT[framework][1] for o in obligations.values()), sent_field

    upload = client.post(
        f"{base}/reports",
        data={"kind": "final", "file": (io.BytesIO(report_pdf()), "final.pdf")},
        headers=auth,
        content_type="multipart/form-data",
    )
    assert upload.status_code == 201, upload.json
    refused = client.post(f"{base}/reports/publish", json=PUBLICATION, headers=auth)
    assert refused.status_code == 422 and "obligations" in refused.json["errors"]

    labels = {o["label"]: o for o in obligations.values()}
    for label in BEFORE_PUBLICATION[framework]:
        recorded = client.post(
            f"{base}/obligations/{labels[label]['id']}",
            json={"action": "met", "met_on": days_ago(3), "note": "Told by phone"},
            headers=auth,
        )
        assert recorded.status_code == 200, (label, recorded.json)
        assert recorded.json["status"] == "met"
    published = client.post(f"{base}/reports/publish", json=PUBLICATION, headers=auth)
    # Accepted, and done by the worker (run at once in tests): the review is published.
    assert published.status_code == 202, published.json
    assert published.json["status"] == "published", published.json
    assert client.get(base, headers=auth).json["stage"] == "published"

    # The return: one row per review, with when it was sent and acknowledged.
    listing = client.get("/api/v1/returns", headers=auth)
    assert listing.status_code == 200
    offered = {r["key"]: r for r in listing.json["items"]}
    assert RETURN[framework] in offered
    rows = client.get(f"/api/v1/returns/{RETURN[framework]}", headers=auth).json
    (row,) = rows["items"]
    sent, sent_on, acked, acked_on = SENT[framework]
    assert row["sent"] == {"field": sent, "on": sent_on}
    assert row["acknowledged"] == {"field": acked, "on": acked_on}
    assert rows["sent"] == rows["acknowledged"] == rows["total"] == 1
    assert row["cells"]["Local id"] == "R-1"

    as_csv = client.get(offered[RETURN[framework]]["csv"], headers=auth)
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    (line,) = list(csv.DictReader(io.StringIO(as_csv.data.decode("utf-8-sig"))))
    assert list(line) == rows["columns"] and line["Local id"] == "R-1"
    as_xlsx = client.get(offered[RETURN[framework]]["xlsx"], headers=auth)
    assert as_xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(as_xlsx.data), read_only=True).active
    header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == rows["columns"] and len(values) == 1
    assert dict(zip(header, values[0], strict=True))["Local id"] == "R-1"

    if framework == "wales-susr":
        # The deposit carries what the publication said, unless the board wrote its own.
        (deposit,) = client.get("/api/v1/returns/wales-repository", headers=auth).json["items"]
        assert deposit["cells"]["Title"] == FIELDS[framework]["report_title"]
        assert deposit["cells"]["Summary"] == PUBLICATION["summary"]
        assert deposit["cells"]["Learning themes include"] == "Information sharing"
        assert deposit["cells"]["Recommendations include"] == "Agree how moves are shared"
        assert deposit["sent"] == {"field": "repository_deposit_on", "on": None}
        # Deposited after publication: its obligation is met and the deposit row says when.
        repository = by_key(client.get(f"{base}/obligations", headers=auth).json["items"])[
            "repository"
        ]
        assert repository["due_on"] is not None and repository["status"] != "met"
        today = dt.date.today().isoformat()
        patched = client.patch(
            base,
            json={"repository_deposit_on": today, "repository_acknowledged_on": today},
            headers=auth,
        )
        assert patched.status_code == 200, patched.json
        repository = by_key(client.get(f"{base}/obligations", headers=auth).json["items"])[
            "repository"
        ]
        assert (repository["status"], repository["met_on"]) == ("met", today)
        (deposit,) = client.get("/api/v1/returns/wales-repository", headers=auth).json["items"]
        assert deposit["sent"]["on"] == deposit["acknowledged"]["on"] == today

    # A reviewer cannot see the returns.
    assert client.get("/api/v1/returns", headers=board["reviewer"]).status_code == 403
