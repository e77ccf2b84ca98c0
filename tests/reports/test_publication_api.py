"""The publication flow in the JSON API: the check's findings (masked), publish and withdraw, with
the same rules and audit as the pages; another board's token gets a 404, a lesser role a 403."""

from __future__ import annotations

from typing import Any

import hostile_pdfs as h
import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent

NAME = "Jamie Ellis-Thornton"
DETAILS = {
    "title": "Child A: learning for the partnership",
    "summary": "How agencies shared what they knew.",
    "decision": "full",
    "rationale": "Nothing in it would harm another child.",
    "learning_themes": ["Information sharing"],
}


@pytest.fixture
def api(board, final_review, upload, in_app) -> dict[str, Any]:
    from core.auth.tokens import create_token

    b, other = board(), board()
    review_id = final_review(b)

    def token(owner: dict[str, Any], role: str) -> str:
        def make() -> str:
            with db.tenant_scope(owner["tenant"].id):
                user = db.session.merge(owner[role])
                return create_token(db.session.merge(owner["tenant"]), user, "tests")

        return in_app(make)

    return {
        "board": b,
        "review": review_id,
        "upload": lambda data: upload(b, review_id, data),
        "manager": token(b, "manager"),
        "admin": token(b, "admin"),
        "reviewer": token(b, "reviewer"),
        "other_admin": token(other, "admin"),
        "in_app": in_app,
    }


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_findings_are_listed_masked_and_never_show_the_identifier(client, api):
    file_id = api["upload"](h.in_bookmark(NAME))
    url = f"/api/v1/reviews/{api['review']}/reports/{file_id}/findings"
    # A reviewer not assigned to the review cannot see it at all.
    assert client.get(url, headers=_auth(api["reviewer"])).status_code == 404
    answer = client.get(url, headers=_auth(api["manager"]))
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["open"] == 1
    assert [(i["where"], i["kind"], i["overridable"]) for i in body["items"]] == [
        ("Bookmark", "name", True)
    ]
    for part in ("Jamie", "Ellis", "Thornton"):
        assert part not in answer.get_data(as_text=True)
    assert client.get(url, headers=_auth(api["other_admin"])).status_code == 404


def test_publish_and_withdraw_through_the_api(client, api):
    api["upload"](h.clean())
    base = f"/api/v1/reviews/{api['review']}/reports"
    assert (
        client.post(f"{base}/publish", json=DETAILS, headers=_auth(api["reviewer"])).status_code
        == 404
    )
    assert (
        client.post(f"{base}/publish", json=DETAILS, headers=_auth(api["other_admin"])).status_code
        == 404
    )
    assert (
        client.post(f"{base}/publish", data="x", headers=_auth(api["manager"])).status_code == 415
    )
    bad = client.post(
        f"{base}/publish", json={**DETAILS, "summary": ""}, headers=_auth(api["manager"])
    )
    assert bad.status_code == 422 and "summary" in bad.get_json()["errors"]

    done = client.post(f"{base}/publish", json=DETAILS, headers=_auth(api["manager"]))
    # Accepted and published in the worker (which tests run at once).
    assert done.status_code == 202, done.get_json()
    assert done.get_json()["status"] == "published"
    published = done.get_json()["publication"]
    served = client.get(published["download"])
    assert served.status_code == 200
    served.close()

    reason = {"reason": "It names a school."}
    assert (
        client.post(f"{base}/withdraw", json=reason, headers=_auth(api["manager"])).status_code
        == 403
    )
    assert (
        client.post(f"{base}/withdraw", json=reason, headers=_auth(api["other_admin"])).status_code
        == 404
    )
    empty = client.post(f"{base}/withdraw", json={"reason": " "}, headers=_auth(api["admin"]))
    assert empty.status_code == 422
    gone = client.post(f"{base}/withdraw", json=reason, headers=_auth(api["admin"]))
    assert gone.status_code == 200
    assert gone.get_json()["copy_removed"] is True and gone.get_json()["withdrawn_at"]
    assert client.get(published["download"]).status_code == 410
    assert (
        client.post(f"{base}/withdraw", json=reason, headers=_auth(api["admin"])).status_code == 404
    )

    def audit() -> list[str]:
        with db.tenant_scope(api["board"]["tenant"].id):
            return [
                e.actor_email
                for e in db.session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "review.report_withdrawn")
                )
            ]

    assert api["in_app"](audit) == [api["board"]["admin"].email]


def test_the_openapi_document_describes_the_publication_flow(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert (
        paths["/reviews/{review_id}/reports/{file_id}/findings"]["get"]["operationId"]
        == "listReportFindings"
    )
    assert paths["/reviews/{review_id}/reports/publish"]["post"]["operationId"] == "publishReport"
    assert paths["/reviews/{review_id}/reports/withdraw"]["post"]["operationId"] == "withdrawReport"
