"""Input no column can hold never becomes a 5xx (issue 16, item 9): ids beyond the column's range
in URLs, forms and the API, JSON nested thousands deep, and dates at the ends of the calendar. The
walks go over the URL map, so a new route is covered the day it is added."""

from __future__ import annotations

from typing import Any

import pytest
from admin_support import token as csrf_from
from test_url_map import _is_protected_tenant, _methods, _rules, _url, token_for
from werkzeug.routing import IntegerConverter
from wtforms.fields.core import UnboundField

from core.testing import sign_in

HUGE = "99999999999999999999"
DATES = ("9999-12-31", "0001-01-01")


@pytest.fixture
def board(app, make_tenant, make_user, in_app) -> dict[str, Any]:
    a = make_tenant("board-a", contact_email="contact@board-a.example")
    admin = make_user("admin@a.example", a)
    token = token_for(in_app, a, admin)
    client = app.test_client()
    created = client.post(
        "/api/v1/reviews",
        json={"reference": "CR-A-1", "pseudonym": "Child A"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    return {"token": token, "review_id": int(created.get_json()["id"])}


def _int_arguments(rule) -> list[str]:
    return [a for a, c in rule._converters.items() if isinstance(c, IntegerConverter)]


def _with_huge_ids(rule, ids: dict[str, int]) -> str:
    url = _url(rule, ids)
    for arg in _int_arguments(rule):
        probe = dict(ids, **{arg: 424242424})
        marked = _url(rule, probe)
        url = marked.replace("424242424", HUGE)
    return url


def test_ids_beyond_the_columns_range_in_any_url_are_404_not_5xx(app, board):
    staff = app.test_client()
    assert sign_in(staff, "board-a", "admin@a.example").status_code == 302
    csrf = csrf_from(staff, "/board-a/staff")
    bearer = {"Authorization": f"Bearer {board['token']}"}
    problems, walked = [], 0
    for rule in _rules(app):
        if not _int_arguments(rule):
            continue
        ids: dict[str, int] = {"review_id": board["review_id"]}
        url = ""
        for arg in _int_arguments(rule):
            ids = {k: v for k, v in ids.items() if k != arg}
            url = _with_huge_ids(rule, ids)
        assert HUGE in url, url
        for method in _methods(rule):
            walked += 1
            if url.startswith("/api/"):
                r = staff.open(url, method=method, headers=bearer, json={})
            else:
                r = staff.open(url, method=method, data={"csrf_token": csrf})
            if r.status_code >= 500 or r.status_code not in (404, 400, 302, 403, 405, 415):
                problems.append(f"{method} {url}: {r.status_code}")
    assert walked > 20
    assert not problems, "\n".join(problems)


def _form_field_names() -> set[str]:
    from flask_wtf import FlaskForm

    names: set[str] = set()
    pending = list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending += form.__subclasses__()
        names |= {n for n in dir(form) if isinstance(getattr(form, n, None), UnboundField)}
    return names


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, *DATES])
def test_every_staff_form_refuses_out_of_range_values_with_4xx(app, board, value):
    staff = app.test_client()
    assert sign_in(staff, "board-a", "admin@a.example").status_code == 302
    csrf = csrf_from(staff, "/board-a/staff")
    fields = dict.fromkeys(_form_field_names(), value)
    problems, walked = [], 0
    for rule in _rules(app):
        if "tenant" not in rule.arguments or not _is_protected_tenant(rule.endpoint):
            continue
        if "POST" not in _methods(rule) or rule.endpoint in {
            "auth.logout",
            "account.end_all_sessions",
        }:
            continue
        url = _url(rule, {"review_id": board["review_id"]})
        walked += 1
        r = staff.post(url, data={**fields, "csrf_token": csrf})
        if r.status_code >= 500:
            problems.append(f"POST {url} ({rule.endpoint}) with {value}: {r.status_code}")
        elif r.status_code == 302 and "/login" in r.headers.get("Location", ""):
            staff = app.test_client()  # signed out (a password change): sign in again
            assert sign_in(staff, "board-a", "admin@a.example").status_code == 302
            csrf = csrf_from(staff, "/board-a/staff")
    assert walked > 20
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("value", [HUGE, *DATES, 10**20, -(10**20)])
def test_every_api_write_refuses_out_of_range_values_with_4xx(app, board, value):
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {board['token']}"}
    names = {"id", "review_id", "agency_id", "request_id", "action_id", "recommendation_id",
             "due_on", "wanted_on", "held_on", "decided_on", "aware_on", "incident_on", "met_on",
             "started_on", "ended_on", "published_on", "new_target_on", "family_told_on"}  # fmt: skip
    problems, walked = [], 0
    for rule in _rules(app):
        if not rule.rule.startswith("/api/"):
            continue
        for method in _methods(rule):
            if method == "GET":
                continue
            url = _url(rule, {"review_id": board["review_id"]})
            walked += 1
            r = client.open(url, method=method, headers=bearer, json=dict.fromkeys(names, value))
            if r.status_code >= 500:
                problems.append(f"{method} {url} with {value!r}: {r.status_code}")
    assert walked > 5
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/api/v1/reviews", "/board-a/login"])
def test_json_nested_thousands_deep_is_a_400_with_a_reason(app, board, path):
    body = "[" * 5000 + "]" * 5000
    r = app.test_client().post(
        path,
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {board['token']}"},
    )
    assert r.status_code == 400
    if path.startswith("/api/"):  # (a page refuses it sooner: a JSON post carries no CSRF token)
        assert "nested more than 64 levels" in r.get_json()["detail"]
        assert r.mimetype == "application/problem+json"


def test_ordinary_json_still_goes_through(app, board):
    r = app.test_client().post(
        "/api/v1/reviews",
        json={"reference": "CR-A-2", "pseudonym": "Child B", "deep": [[[[{"a": "[[[["}]]]]},
        headers={"Authorization": f"Bearer {board['token']}"},
    )
    assert r.status_code in (201, 400, 422)  # an unknown field may be refused, as a 4xx
    assert "nested" not in r.get_data(as_text=True)


@pytest.mark.parametrize("value", DATES)
def test_review_dates_at_the_ends_of_the_calendar_are_4xx_or_kept(app, board, value):
    from core.framework_rules import DATE_FIELDS

    client = app.test_client()
    bearer = {"Authorization": f"Bearer {board['token']}"}
    problems = []
    for n, name in enumerate(DATE_FIELDS):
        created = client.post(
            "/api/v1/reviews",
            json={"reference": f"CR-D-{n}", "pseudonym": "Child D", name: value},
            headers=bearer,
        )
        patched = client.patch(
            f"/api/v1/reviews/{board['review_id']}", json={name: value}, headers=bearer
        )
        for what, r in (("create", created), ("patch", patched)):
            if r.status_code >= 500:
                problems.append(f"{what} {name}={value}: {r.status_code}")
        for path in ("", "/obligations", "/timeline"):
            r = client.get(f"/api/v1/reviews/{board['review_id']}{path}", headers=bearer)
            if r.status_code >= 500:
                problems.append(f"GET {path} after {name}={value}: {r.status_code}")
    staff = app.test_client()
    assert sign_in(staff, "board-a", "admin@a.example").status_code == 302
    for path in ("/board-a/reviews/", f"/board-a/reviews/{board['review_id']}"):
        r = staff.get(path)
        if r.status_code >= 500:
            problems.append(f"GET {path}: {r.status_code}")
    assert not problems, "\n".join(problems)
