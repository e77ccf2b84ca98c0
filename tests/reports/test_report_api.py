"""The reports endpoints of the JSON API: upload (multipart, PDF only), list and download, with the
same tokens, scoping and problem details as the rest of `/api/v1/`, and in the OpenAPI document."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from reports_support import CLEAN_TEXT, LEAKY_TEXT, pdf

from core import db


@pytest.fixture
def api(board, final_review, in_app) -> dict[str, Any]:
    from core.auth.tokens import create_token

    b = board()
    review_id = final_review(b)

    def token(role: str) -> str:
        def make() -> str:
            with db.tenant_scope(b["tenant"].id):
                user = db.session.merge(b[role])
                return create_token(db.session.merge(b["tenant"]), user, "tests")

        return in_app(make)

    return {
        "board": b,
        "review": review_id,
        "manager": token("manager"),
        "reviewer": token("reviewer"),
    }


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _post(client: Any, api: dict[str, Any], data: bytes, kind: str = "final") -> Any:
    return client.post(
        f"/api/v1/reviews/{api['review']}/reports",
        headers=_headers(api["manager"]),
        data={"kind": kind, "file": (io.BytesIO(data), "final.pdf")},
        content_type="multipart/form-data",
    )


def test_upload_list_and_download_a_report_through_the_api(client, api):
    data = pdf(LEAKY_TEXT)
    created = _post(client, api, data)
    assert created.status_code == 201, created.get_data(as_text=True)
    body = created.get_json()
    assert body["kind"] == "final" and body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["open_findings"] == 3 and body["checked_at"]
    listed = client.get(
        f"/api/v1/reviews/{api['review']}/reports", headers=_headers(api["manager"])
    )
    assert [i["id"] for i in listed.get_json()["items"]] == [body["id"]]
    fetched = client.get(created.headers["Location"], headers=_headers(api["manager"]))
    assert fetched.status_code == 200 and fetched.mimetype == "application/pdf"
    assert fetched.get_data() == data


def test_the_api_refuses_what_is_not_a_plain_pdf_with_problem_details(client, api):
    not_pdf = _post(client, api, b"<html>not a pdf</html>")
    assert not_pdf.status_code == 422
    assert not_pdf.mimetype == "application/problem+json"
    assert "not a PDF" in not_pdf.get_json()["detail"]
    bad_kind = _post(client, api, pdf(CLEAN_TEXT), kind="other")
    assert bad_kind.status_code == 422 and "kind" in bad_kind.get_json()["errors"]
    as_json = client.post(
        f"/api/v1/reviews/{api['review']}/reports",
        headers=_headers(api["manager"]),
        json={"kind": "final"},
    )
    assert as_json.status_code == 415
    no_token = client.get(f"/api/v1/reviews/{api['review']}/reports")
    assert no_token.status_code == 401


def test_a_reviewer_not_assigned_to_the_review_cannot_see_its_reports(client, api):
    response = client.get(
        f"/api/v1/reviews/{api['review']}/reports", headers=_headers(api["reviewer"])
    )
    assert response.status_code == 404


def test_the_openapi_document_describes_the_report_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert set(paths["/reviews/{review_id}/reports"]) == {"parameters", "get", "post"}
    upload = paths["/reviews/{review_id}/reports"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "413", "415", "422"} <= set(upload["responses"])
    download = paths["/reviews/{review_id}/reports/{file_id}"]["get"]
    assert "application/pdf" in download["responses"]["200"]["content"]
    assert "ReportFile" in document["components"]["schemas"]
