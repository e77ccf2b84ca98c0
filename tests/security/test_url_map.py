"""Every route of the app, walked from its URL map: a board's private pages answer a person or a
token of another board with 404 and a signed-out visitor with a sign-in; the public pages of a board
serve only that board. A route in no list below fails the test until someone classifies it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from admin_support import token as csrf_from
from werkzeug.routing import IntegerConverter, Rule

from core.testing import sign_in

# Pages of a board that anyone may open (families' pages, sign-in itself, public files).
PUBLIC_TENANT_ENDPOINTS = {
    "family.home",
    "family.page",
    "family.formats",
    "family.accessibility",
    "family.contact",
    "family.contact_done",
    "family.branding_css",
    "formats.download",
    "formats.read",
    "public_reports.index",
    "public_reports.report_download",
    "public_reports.feed_atom",
    "public_reports.feed_json",
    "board_assets.logo",
    "auth.login",
    "auth.logout",
    "auth.two_factor",
    "auth.two_factor_setup",
    "auth.forgot_password",
    "auth.reset_password",
    "casework_invitations.accept",
    "digests.unsubscribe",  # the signed, expiring link in a digest (board-bound; tests/mail)
}
# Pages of a board for its staff: by blueprint, and a few staff pages in other blueprints.
PROTECTED_TENANT_PREFIXES = ("admin.", "reviews.", "reports.", "account.", "casework.")
PROTECTED_TENANT_ENDPOINTS = {
    "family.admin_requests",
    "auth.signed_in",
    "auth.confirm",
    "auth.own_two_factor",
    "auth.invitation",
    "digests.preference",
    "letters.download",
    "letters.posted",
}
# Routes outside any board.
OPERATOR_PREFIXES = ("platform.", "jobs.")  # jobs: the console's Background jobs page
OPERATOR_PUBLIC = {
    "platform.login",
    "platform.logout",
    "platform.two_factor",
    "platform.two_factor_setup",
}
TOKEN_PREFIXES = ("api.", "reports_api.", "casework_api.")
TOKEN_PUBLIC = {"api.openapi"}
PLATFORM_PUBLIC = {
    "static",
    "plugin_static",
    "favicon",
    "metrics",
    "public.index",
    "public.healthz",
    "public.readyz",
    "public.reports",  # published reports of the boards that opted in (tests/casework/test_public.py)
}

SAMPLE = {
    "locale": "en",
    "lang": "en",
    "key": "text",
    "name": "audio",
    "slug": "board-a",
    "plugin": "x",
    "filename": "x.css",
    "fmt": "csv",
}


def _rules(app) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule))


def _is_protected_tenant(endpoint: str) -> bool:
    return endpoint.startswith(PROTECTED_TENANT_PREFIXES) or endpoint in PROTECTED_TENANT_ENDPOINTS


def test_every_route_is_classified(app):
    unclassified = []
    for rule in _rules(app):
        e = rule.endpoint
        if "tenant" in rule.arguments:
            known = e in PUBLIC_TENANT_ENDPOINTS or _is_protected_tenant(e)
        else:
            known = e.startswith((*OPERATOR_PREFIXES, *TOKEN_PREFIXES)) or e in PLATFORM_PUBLIC
        if not known:
            unclassified.append(f"{e} {rule.rule}")
    assert not unclassified, (
        "routes that are neither public nor protected in tests/security/test_url_map.py; classify "
        "them (and make sure they are isolated):\n  " + "\n  ".join(unclassified)
    )


def _url(rule: Rule, ids: dict[str, int]) -> str:
    values: dict[str, Any] = {}
    for arg in rule.arguments:
        if arg == "tenant":
            values[arg] = "board-a"
        elif arg in ids:
            values[arg] = ids[arg]
        elif isinstance(rule._converters.get(arg), IntegerConverter):
            values[arg] = 1
        else:
            values[arg] = SAMPLE.get(arg, "x")
    path = rule.build(values, append_unknown=False)
    assert path is not None
    return path[1]


def _methods(rule: Rule) -> list[str]:
    return sorted(m for m in (rule.methods or ()) if m in ("GET", "POST", "PATCH"))


def token_for(in_app: Any, tenant: Any, user: Any) -> str:
    from core import db
    from core.auth.tokens import create_token

    def make() -> str:
        with db.tenant_scope(tenant.id):
            return create_token(db.session.merge(tenant), db.session.merge(user), "tests")

    return in_app(make)


@pytest.fixture
def two_boards(app, make_tenant, make_user, in_app) -> dict[str, Any]:
    a = make_tenant("board-a", contact_email="contact@board-a.example")
    b = make_tenant("board-b", contact_email="contact@board-b.example")
    admin_a = make_user("admin@a.example", a)
    admin_b = make_user("admin@b.example", b)
    return {
        "a": a,
        "b": b,
        "token_a": token_for(in_app, a, admin_a),
        "token_b": token_for(in_app, b, admin_b),
    }


@pytest.fixture
def review_of_a(client, two_boards) -> int:
    response = client.post(
        "/api/v1/reviews",
        json={"reference": "CR-A-1", "pseudonym": "Child A"},
        headers={"Authorization": f"Bearer {two_boards['token_a']}"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return int(response.get_json()["id"])


def test_board_pages_are_closed_to_other_boards_and_to_signed_out_visitors(
    app, two_boards, review_of_a
):
    ids = {"review_id": review_of_a}
    outsider = app.test_client()
    assert sign_in(outsider, "board-b", "admin@b.example").status_code == 302
    outsider_csrf = csrf_from(outsider, "/board-b/staff")
    visitor = app.test_client()
    visitor_csrf = csrf_from(visitor, "/board-a/login")
    token_only = app.test_client()
    bearer = {"Authorization": f"Bearer {two_boards['token_b']}"}
    problems = []
    walked = 0
    for rule in _rules(app):
        if "tenant" not in rule.arguments or not _is_protected_tenant(rule.endpoint):
            continue
        url = _url(rule, ids)
        for method in _methods(rule):
            walked += 1
            r = outsider.open(url, method=method, data={"csrf_token": outsider_csrf})
            if r.status_code != 404:
                problems.append(
                    f"{method} {url} ({rule.endpoint}) as board B's admin: {r.status_code}"
                )
            r = visitor.open(url, method=method, data={"csrf_token": visitor_csrf})
            if r.status_code != 302 or not r.headers["Location"].startswith("/board-a/login"):
                problems.append(
                    f"{method} {url} signed out: {r.status_code} {r.headers.get('Location')}"
                )
            r = token_only.open(url, method=method, headers=bearer)
            if r.status_code not in (302, 400) or (
                r.status_code == 302 and not r.headers["Location"].startswith("/board-a/login")
            ):
                problems.append(f"{method} {url} with board B's token: {r.status_code}")
    assert walked > 40
    assert not problems, "\n".join(problems)


def test_api_routes_answer_another_boards_token_with_404(app, client, two_boards, review_of_a):
    ids = {"review_id": review_of_a}
    bearer = {"Authorization": f"Bearer {two_boards['token_b']}"}
    problems = []
    for rule in _rules(app):
        if not rule.endpoint.startswith(TOKEN_PREFIXES) or rule.endpoint in TOKEN_PUBLIC:
            continue
        url = _url(rule, ids)
        for method in _methods(rule):
            signed_out = client.open(url, method=method, json={})
            if signed_out.status_code != 401:
                problems.append(f"{method} {url} without a token: {signed_out.status_code}")
            if "review_id" in rule.arguments:
                r = client.open(url, method=method, json={}, headers=bearer)
                if r.status_code != 404:
                    problems.append(f"{method} {url} with board B's token: {r.status_code}")
    listing = client.get("/api/v1/reviews", headers=bearer).get_data(as_text=True)
    assert "CR-A-1" not in listing
    assert not problems, "\n".join(problems)


def test_operator_routes_send_everyone_else_to_the_operators_sign_in(app, two_boards):
    board_admin = app.test_client()
    sign_in(board_admin, "board-a", "admin@a.example")
    visitor = app.test_client()
    clients = (
        ("signed out", visitor, csrf_from(visitor, "/platform/login")),
        ("a board admin", board_admin, csrf_from(board_admin, "/board-a/staff")),
    )
    problems = []
    for rule in _rules(app):
        if not rule.endpoint.startswith(OPERATOR_PREFIXES) or rule.endpoint in OPERATOR_PUBLIC:
            continue
        url = _url(rule, {})
        for method in _methods(rule):
            for who, c, csrf in clients:
                r = c.open(url, method=method, data={"csrf_token": csrf})
                if r.status_code != 302 or not r.headers["Location"].startswith("/platform/login"):
                    problems.append(f"{method} {url} as {who}: {r.status_code}")
    assert not problems, "\n".join(problems)


def test_public_board_pages_serve_only_their_own_board(app, client, two_boards):
    problems = []
    for rule in _rules(app):
        if rule.endpoint not in PUBLIC_TENANT_ENDPOINTS or "GET" not in (rule.methods or ()):
            continue
        url = _url(rule, {})
        r = client.get(url, follow_redirects=True)
        body = r.get_data(as_text=True)
        r.close()
        if r.status_code >= 500:
            problems.append(f"{url}: {r.status_code}")
        if "board-b" in body.lower() or "Board-B" in body:
            problems.append(f"{url} shows board B")
        if (
            r.status_code == 200
            and r.mimetype == "text/html"
            and "Board-A Safeguarding Board" not in body
        ):
            problems.append(f"{url} does not name board A")
    assert not problems, "\n".join(problems)


def test_a_formats_file_of_one_board_carries_that_board(client, two_boards):
    response = client.get("/board-a/en/formats/text")
    body = response.get_data(as_text=True)
    response.close()
    assert "contact@board-a.example" in body and "board-b" not in body


def test_the_login_page_of_one_board_does_not_sign_in_to_another(app, two_boards):
    c = app.test_client()
    assert sign_in(c, "board-a", "admin@b.example").status_code == 401
    assert re.search(r"not right", c.get("/board-a/login").get_data(as_text=True)) is None
