"""Property-based tests: whatever is typed into any staff form or sent to the API, the answer is
never a server error, and every refusal says why."""

from __future__ import annotations

from typing import Any

import pytest
from admin_support import operator_sign_in, token
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.i18n.services import message_key
from core.testing import sign_in

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
INTERESTING = st.sampled_from(
    [
        "", " ", "#ffffff", "#000000", "#1d4f91", "#fff", "red", "en", "cy", "xx", "board_admin",
        "reviewer", "emperor", "on", "off", "0", "-1", "99999999999999999999", "1", "2",
        "\x00", "a" * 5000, "<script>alert(1)</script>", "%(board)s", "%s", "2026-01-01",
        "31/12/2026", "javascript:alert(1)", "https://example.org/", "admin@a.example",
        "someone@example.org", "aws:kms", "AES256", "arn:aws:kms:eu-west-2:1:key/x", "../..",
        "reviews.board-a.example", "Ā́̂ ÿ ﷽ 😀", "save", "preview", "revert", "suspend",
        "restore", "board", "hostnames", "role", "deactivate", "unlock", "reset_two_factor",
    ]
)  # fmt: skip
VALUE = st.one_of(INTERESTING, st.text(max_size=200))
REFUSALS = ("govuk-error-message", "govuk-error-summary", 'id="reason"', 'id="login-error"',
            'id="two-factor-error"', 'id="confirm-error"', "govuk-body")  # fmt: skip


def values(*names: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={n: VALUE for n in names})


def check(response: Any, what: str) -> None:
    body = response.get_data(as_text=True)
    response.close()
    assert response.status_code < 500, f"{what}: {response.status_code}\n{body[:3000]}"
    if response.status_code in (400, 401, 409, 422, 423, 429):
        assert any(marker in body for marker in REFUSALS[:6]) or "wrong with the request" in body, (
            f"{what}: refused ({response.status_code}) without saying why:\n{body[:3000]}"
        )


@pytest.fixture
def signed_in(app, client, make_tenant, make_user) -> Any:
    tenant = make_tenant("board-a")
    make_user("admin@a.example", tenant)
    make_user("rev@a.example", tenant, role="reviewer")
    assert sign_in(client, "board-a", "admin@a.example").status_code == 302
    return client


def _plugin_fields(app) -> list[tuple[str, list[str]]]:
    from core.plugins import get_host

    out = []
    for name, info in get_host(app).info.items():
        fields = ["enabled"] + [
            f"s_{s.name}" for s in (info.settings_schema.settings if info.settings_schema else ())
        ]
        out.append((name, fields))
    return out


ADMIN_FORMS = [
    (
        "/board-a/admin/branding",
        ("name", "primary_colour", "primary_text_colour", "link_colour", "logo_alt", "remove_logo"),
    ),
    ("/board-a/admin/languages", ("locales", "default_locale", "checked")),
    (f"/board-a/admin/languages/overrides/en/{message_key('Contact us')}", ("action", "text")),
    (
        f"/board-a/admin/languages/overrides/cy/{message_key('Contact %(board)s')}",
        ("action", "text"),
    ),
    ("/board-a/admin/people", ("email", "name", "role", "require_two_factor")),
    ("/board-a/admin/people/1", ("action", "role")),
    ("/board-a/admin/people/two-factor", ("required",)),
    ("/board-a/admin/plugins/audio/rollback", ("version",)),
    ("/board-a/confirm", ("password", "code")),
]


@pytest.mark.parametrize("url, fields", ADMIN_FORMS, ids=[u for u, _ in ADMIN_FORMS])
def test_board_admin_forms_never_fail_and_say_why(signed_in, url, fields):
    csrf = token(signed_in, "/board-a/admin/people")

    @SETTINGS
    @given(data=values(*fields))
    def run(data: dict[str, Any]) -> None:
        check(signed_in.post(url, data={"csrf_token": csrf, **data}), f"POST {url} {data!r}")

    run()


def test_every_plugins_settings_form_never_fails_and_says_why(app, signed_in):
    csrf = token(signed_in, "/board-a/admin/people")
    plugins = _plugin_fields(app)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(plugin=st.sampled_from(plugins), data=st.data())
    def run(plugin: tuple[str, list[str]], data: Any) -> None:
        name, fields = plugin
        form = data.draw(values(*fields))
        url = f"/board-a/admin/plugins/{name}"
        check(signed_in.post(url, data={"csrf_token": csrf, **form}), f"POST {url} {form!r}")

    run()


QUERIES = [
    ("/board-a/admin/audit", ("person", "action", "since", "until")),
    ("/board-a/admin/audit.csv", ("person", "action", "since", "until")),
    ("/board-a/admin/trace", ("locale", "page")),
    ("/board-a/admin/languages/overrides", ("locale", "q")),
    (
        "/board-a/admin/branding/preview",
        ("primary_colour", "primary_text_colour", "link_colour", "locale"),
    ),
    (
        "/board-a/admin/branding/preview.css",
        ("primary_colour", "primary_text_colour", "link_colour"),
    ),
    ("/board-a/admin/plugins/audio/compare", ("a", "b")),
]


@pytest.mark.parametrize("url, fields", QUERIES, ids=[u for u, _ in QUERIES])
def test_board_admin_queries_never_fail(signed_in, url, fields):
    @SETTINGS
    @given(args=values(*fields))
    def run(args: dict[str, Any]) -> None:
        check(signed_in.get(url, query_string=args), f"GET {url} {args!r}")

    run()


SIGN_IN_FORMS = [
    ("/board-a/login", ("email", "password")),
    ("/board-a/login/two-factor", ("code",)),
    ("/board-a/login/two-factor/setup", ("code",)),
    ("/platform/login", ("email", "password")),
]


@pytest.mark.parametrize("url, fields", SIGN_IN_FORMS, ids=[u for u, _ in SIGN_IN_FORMS])
def test_sign_in_forms_never_fail_and_say_why(app, make_tenant, url, fields):
    make_tenant("board-a")
    client = app.test_client()
    csrf = token(client, "/board-a/login")

    @SETTINGS
    @given(data=values(*fields))
    def run(data: dict[str, Any]) -> None:
        app.extensions["candour.limiter"].reset_all()
        check(client.post(url, data={"csrf_token": csrf, **data}), f"POST {url} {data!r}")

    run()


OPERATOR_FORMS = [
    ("/platform/tenants/new", ("slug", "name", "jurisdiction", "framework")),
    (
        "/platform/tenants/board-a",
        (
            "section",
            "name",
            "jurisdiction",
            "framework",
            "hostnames",
            "contact_phone",
            "contact_email",
        ),
    ),
    ("/platform/tenants/board-a/first-admin", ("email", "name")),
    ("/platform/tenants/board-a/storage", ("backend", "bucket", "prefix", "sse", "kms_key_id")),
    ("/platform/tenants/board-a/status", ("action",)),
    ("/platform/confirm", ("password", "code")),
]


@pytest.mark.parametrize("url, fields", OPERATOR_FORMS, ids=[u for u, _ in OPERATOR_FORMS])
def test_operator_forms_never_fail_and_say_why(app, client, make_tenant, in_app, url, fields):
    from core.auth.services import get_or_create_user

    make_tenant("board-a")

    def operator() -> None:
        user, _ = get_or_create_user("op@platform.example", "correct horse battery staple")
        user.platform_operator = True

    in_app(operator)
    operator_sign_in(client, "op@platform.example")
    csrf = token(client, "/platform/tenants/new")

    @SETTINGS
    @given(data=values(*fields))
    def run(data: dict[str, Any]) -> None:
        check(client.post(url, data={"csrf_token": csrf, **data}), f"POST {url} {data!r}")

    run()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | VALUE,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(VALUE, children, max_size=4),
    max_leaves=12,
)
API_FIELDS = ("reference", "pseudonym", "framework", "review_types", "to", "stage", "on", "note",
              "incident_on", "decision", "target_on", "status")  # fmt: skip


def test_the_api_never_fails_and_every_refusal_says_why(
    app, client, make_tenant, make_user, in_app
):
    from core import db
    from core.auth.tokens import create_token

    tenant = make_tenant("board-a")
    user = make_user("admin@a.example", tenant)

    def make_token() -> str:
        with db.tenant_scope(tenant.id):
            return create_token(db.session.merge(tenant), db.session.merge(user), "tests")

    bearer = {"Authorization": f"Bearer {in_app(make_token)}"}
    created = client.post(
        "/api/v1/reviews", json={"reference": "P-1", "pseudonym": "Child P"}, headers=bearer
    )
    review_id = created.get_json()["id"]
    routes = [
        ("POST", "/api/v1/reviews"),
        ("PATCH", f"/api/v1/reviews/{review_id}"),
        ("POST", f"/api/v1/reviews/{review_id}/transitions"),
        ("GET", "/api/v1/reviews"),
    ]

    @SETTINGS
    @given(
        route=st.sampled_from(routes),
        body=st.one_of(JSON, st.fixed_dictionaries({}, optional={k: JSON for k in API_FIELDS})),
        query=values("stage", "status", "q", "closed", "mine", "limit", "cursor"),
    )
    def run(route: tuple[str, str], body: Any, query: dict[str, Any]) -> None:
        method, url = route
        r = client.open(url, method=method, json=body, query_string=query, headers=bearer)
        payload = r.get_data(as_text=True)
        assert r.status_code < 500, f"{method} {url} {body!r}: {r.status_code} {payload[:2000]}"
        if r.status_code >= 400:
            problem = r.get_json()
            assert problem and str(problem.get("detail", "")).strip(), (
                f"{method} {url} {body!r}: {payload}"
            )

    run()
