"""Casework in the JSON API: agencies, requests, the merged chronology and uploads, as a token of
the board sees them; another board's token finds none of it; bad input is a clear 4xx."""

from __future__ import annotations

import io

import pytest
from casework_support import chronology_csv

from core import db
from core.auth.tokens import create_token


def _token(in_app, board, user) -> str:
    def make() -> str:
        with db.tenant_scope(board["tenant"].id):
            return create_token(db.session.merge(board["tenant"]), db.session.merge(user), "tests")

    return in_app(make)


@pytest.fixture
def tokens(in_app, boards):
    return {
        "a": {"Authorization": f"Bearer {_token(in_app, boards['a'], boards['a']['manager'])}"},
        "a_reviewer": {
            "Authorization": f"Bearer {_token(in_app, boards['a'], boards['a']['reviewer'])}"
        },
        "b": {"Authorization": f"Bearer {_token(in_app, boards['b'], boards['b']['manager'])}"},
    }


def test_a_manager_asks_an_agency_and_reads_the_merged_chronology(client, boards, tokens):
    a = boards["a"]
    agencies = client.get("/api/v1/agencies", headers=tokens["a"]).get_json()["items"]
    assert {x["key"] for x in agencies} >= {"police", "health"}
    sent = client.post(
        f"/api/v1/reviews/{a['review_id']}/agency-requests",
        json={
            "agency_id": a["agencies"]["police"],
            "kind": "chronology",
            "contact_email": "Officer@Police.example",
        },
        headers=tokens["a"],
    )
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert (body["contact_email"], body["status"], body["contributor_signed_up"]) == (
        "officer@police.example",
        "waiting",
        False,
    )
    upload = client.post(
        f"/api/v1/agency-requests/{body['id']}/returns",
        data={
            "file": (
                io.BytesIO(
                    chronology_csv("Police", ("2024-02-01", "Call"), ("2023-12-01", "Visit"))
                ),
                "c.csv",
            )
        },
        headers=tokens["a"],
        content_type="multipart/form-data",
    )
    assert upload.status_code == 201, upload.get_json()
    assert upload.get_json()["status"] == "returned"
    assert upload.get_json()["returns"][0]["entries"] == 2
    lines = client.get(
        f"/api/v1/reviews/{a['review_id']}/chronology", headers=tokens["a"]
    ).get_json()["items"]
    assert [x["event"] for x in lines] == ["Visit", "Call"]
    listed = client.get(
        f"/api/v1/reviews/{a['review_id']}/agency-requests", headers=tokens["a"]
    ).get_json()
    assert [x["id"] for x in listed["items"]] == [body["id"]]


def test_another_boards_token_finds_none_of_it(client, boards, tokens):
    a = boards["a"]
    sent = client.post(
        f"/api/v1/reviews/{a['review_id']}/agency-requests",
        json={
            "agency_id": a["agencies"]["police"],
            "kind": "imr",
            "contact_email": "x@police.example",
        },
        headers=tokens["a"],
    ).get_json()
    for url in (
        f"/api/v1/reviews/{a['review_id']}/agency-requests",
        f"/api/v1/reviews/{a['review_id']}/chronology",
        f"/api/v1/agency-requests/{sent['id']}",
    ):
        assert client.get(url, headers=tokens["b"]).status_code == 404, url
    r = client.post(
        f"/api/v1/agency-requests/{sent['id']}/returns",
        data={"file": (io.BytesIO(b"%PDF-1.4"), "x.pdf")},
        headers=tokens["b"],
        content_type="multipart/form-data",
    )
    assert r.status_code == 404
    b_agencies = client.get("/api/v1/agencies", headers=tokens["b"]).get_json()["items"]
    assert a["agencies"]["police"] not in {x["id"] for x in b_agencies}
    # Board B cannot ask board A's agency in its own review either.
    r = client.post(
        f"/api/v1/reviews/{boards['b']['review_id']}/agency-requests",
        json={
            "agency_id": a["agencies"]["police"],
            "kind": "imr",
            "contact_email": "x@police.example",
        },
        headers=tokens["b"],
    )
    assert r.status_code == 422 and "agency_id" in r.get_json()["errors"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"agency_id": "1", "kind": "imr", "contact_email": "x@y.example"}, 422, "agency_id"),
        (
            {"agency_id": 1, "kind": "imr", "contact_email": "x@y.example", "due_on": "2025-02-30"},
            422,
            "due_on",
        ),
        (
            {"agency_id": 1, "kind": "imr", "contact_email": "x@y.example", "colour": "red"},
            422,
            "colour",
        ),
        ({"agency_id": 1, "kind": "imr", "contact_email": "x\x00@y.example"}, 422, "contact_email"),
    ],
)
def test_bad_requests_are_problem_details(client, boards, tokens, body, status, field):
    r = client.post(
        f"/api/v1/reviews/{boards['a']['review_id']}/agency-requests",
        json=body,
        headers=tokens["a"],
    )
    assert r.status_code == status
    assert r.mimetype == "application/problem+json"
    assert field in r.get_json()["errors"]


def test_a_reviewer_token_cannot_send_requests_or_add_agencies(client, boards, tokens):
    r = client.post("/api/v1/agencies", json={"name": "Housing"}, headers=tokens["a_reviewer"])
    assert r.status_code == 403
    ok = client.post("/api/v1/agencies", json={"name": "Housing"}, headers=tokens["a"])
    assert ok.status_code == 201
    again = client.post("/api/v1/agencies", json={"name": "Housing"}, headers=tokens["a"])
    assert again.status_code == 409


def test_the_openapi_document_describes_casework(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert {
        "/agencies",
        "/reviews/{review_id}/agency-requests",
        "/reviews/{review_id}/chronology",
        "/agency-requests/{request_id}",
        "/agency-requests/{request_id}/returns",
    } <= set(document["paths"])
    assert "AgencyRequest" in document["components"]["schemas"]
