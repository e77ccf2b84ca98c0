"""The warm family page answered in front of the Flask stack (`core.family.fastpath`): the same
status, headers and body as the full stack, never another board's page, never a signed-in
visitor's, and renewed exactly when the board's copy the full stack answers from is renewed."""

from __future__ import annotations

import gzip
import re
import types
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, request_started
from prometheus_client import REGISTRY

from core import db
from core.i18n.models import TextOverride
from core.platform import services as platform_services
from core.tenancy.models import Tenant, TenantHostname

# Anonymous reads are answered from a copy of the board this many seconds old (2 in production);
# the shared test application reads the board afresh on every request, and so never keeps a page.
COPY_SECONDS = 60
ROUTE = "/<tenant>/<locale>/"


@pytest.fixture
def fast_app(app_with_plugins, demo_tenants) -> Flask:
    return app_with_plugins(TENANT_CACHE_SECONDS=COPY_SECONDS)


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    """The clock the board's copies expire by, moved by the test."""
    now = [1000.0]
    monkeypatch.setattr(
        "core.tenancy.context.time", types.SimpleNamespace(monotonic=lambda: now[0])
    )
    return now


@contextmanager
def full_stack_requests(application: Flask) -> Iterator[list[str]]:
    """The paths of the requests that went through Flask's own request handling."""
    seen: list[str] = []

    def started(sender, **extra):
        from flask import request

        seen.append(request.path)

    with request_started.connected_to(started, application):
        yield seen


def get(application: Flask, path: str, **headers: str):
    # A new client each time: no cookie jar carries anything from one request to the next.
    return application.test_client().get(path, headers=headers)


def comparable(response) -> list[tuple[str, str]]:
    """Every header, in order, with the request id's value (new on every answer) set aside."""
    return [(name, "<id>" if name == "X-Request-ID" else value) for name, value in response.headers]


@pytest.mark.parametrize("locale", ["en", "ur"])
@pytest.mark.parametrize("encoding", ["", "gzip, deflate, br"])
def test_the_kept_answer_is_the_full_stacks_header_by_header(fast_app, app, locale, encoding):
    path = f"/salford/{locale}/"
    with full_stack_requests(fast_app) as seen:
        first = get(fast_app, path, **{"Accept-Encoding": encoding})
        kept = get(fast_app, path, **{"Accept-Encoding": encoding})
    assert seen == [path]  # the second never reached Flask
    # And the same as what an application that never keeps a page answers.
    full = get(app, path, **{"Accept-Encoding": encoding})
    for answer in (first, full):
        assert kept.status == answer.status == "200 OK"
        assert comparable(kept) == comparable(answer)
        assert kept.get_data() == answer.get_data()
    assert re.fullmatch(r"[0-9a-f]{32}", kept.headers["X-Request-ID"])
    assert kept.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert kept.headers["Content-Security-Policy"].startswith("default-src 'self'")
    body = kept.get_data()
    if encoding:
        assert kept.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(body)
    else:
        assert "Content-Encoding" not in kept.headers
    assert f'<html lang="{locale}"'.encode() in body


def test_each_encoding_gets_its_own_kept_answer(fast_app):
    get(fast_app, "/salford/en/", **{"Accept-Encoding": "gzip"})
    get(fast_app, "/salford/en/", **{"Accept-Encoding": "gzip"})
    with full_stack_requests(fast_app) as seen:
        plain = get(fast_app, "/salford/en/")
        refused = get(fast_app, "/salford/en/", **{"Accept-Encoding": "gzip;q=0, br"})
    assert seen == ["/salford/en/"]  # "gzip;q=0" refuses gzip as surely as no header does
    for answer in (plain, refused):
        assert "Content-Encoding" not in answer.headers
        assert answer.get_data().startswith(b"<!")


def test_revalidation_by_etag_answers_304_as_the_full_stack_does(fast_app, app):
    etag = get(fast_app, "/salford/ur/").headers["ETag"]
    with full_stack_requests(fast_app) as seen:
        first = get(fast_app, "/salford/ur/", **{"If-None-Match": etag})
        kept = get(fast_app, "/salford/ur/", **{"If-None-Match": f'"other", {etag}'})
        changed = get(fast_app, "/salford/ur/", **{"If-None-Match": '"an-older-page"'})
    assert seen == ["/salford/ur/"]
    full = get(app, "/salford/ur/", **{"If-None-Match": etag})
    for answer in (first, full):
        assert kept.status_code == answer.status_code == 304
        assert comparable(kept) == comparable(answer)
        assert kept.get_data() == answer.get_data() == b""
    assert changed.status_code == 200
    assert changed.get_data() == get(app, "/salford/ur/").get_data()


def test_a_board_never_gets_another_boards_kept_page(fast_app, in_app, demo_tenants):
    def own_hosts():
        with db.all_tenants():
            for slug, host in (("salford", "info.salford.example"), ("northmoor", "nm.example")):
                db.session.add(TenantHostname(tenant_id=demo_tenants[slug].id, hostname=host))

    in_app(own_hosts)
    for _ in range(2):  # the second of each is the kept answer
        salford_own = get(fast_app, "/en/", Host="info.salford.example").get_data(as_text=True)
        northmoor_own = get(fast_app, "/en/", Host="nm.example").get_data(as_text=True)
        salford = get(fast_app, "/salford/en/").get_data(as_text=True)
        northmoor = get(fast_app, "/northmoor/en/").get_data(as_text=True)
        assert "Salford Safeguarding Children Board" in salford_own
        assert "Northmoor" not in salford_own
        assert "Northmoor Safeguarding Children Partnership" in northmoor_own
        assert "Salford" not in northmoor_own
        assert "Salford" not in northmoor and "Northmoor" not in salford
        # The same board on its own host links without the prefix; on the platform's, with it.
        assert 'href="/cy/"' in salford_own and 'href="/salford/cy/"' in salford
    # Salford's own host does not answer for another board's path, kept or not.
    assert get(fast_app, "/northmoor/en/", Host="info.salford.example").status_code == 404


def test_a_signed_in_visitor_is_never_answered_from_or_into_the_kept_pages(
    fast_app, demo_tenants, make_user, login
):
    make_user("admin@salford.example", demo_tenants["salford"])
    client = fast_app.test_client()
    login(client, "salford", "admin@salford.example")
    with full_stack_requests(fast_app) as seen:
        signed_in = [client.get("/salford/en/") for _ in range(2)]
        anonymous = get(fast_app, "/salford/en/")
        again = [client.get("/salford/en/") for _ in range(2)]
    assert seen == ["/salford/en/"] * 5  # nothing kept from the signed-in answers
    for answer in signed_in + again:
        assert answer.headers["Cache-Control"] == "no-store"
        assert "ETag" not in answer.headers
    assert anonymous.headers["Cache-Control"] == "public, max-age=300"


def test_only_plain_reads_of_the_family_page_are_kept(fast_app):
    for path in ("/salford/en/formats/", "/salford/en/accessibility", "/salford/en"):
        get(fast_app, path)
    with full_stack_requests(fast_app) as seen:
        assert fast_app.test_client().post("/salford/en/").status_code == 405
        assert fast_app.test_client().post("/salford/en/").status_code == 405
        get(fast_app, "/salford/en/formats/")
        get(fast_app, "/salford/en/accessibility")
        assert get(fast_app, "/salford/en").status_code == 308
        get(fast_app, "/salford/en/")
        get(fast_app, "/salford/en/?utm=x")
        get(fast_app, "/salford/en/", Authorization="Bearer x")
        with_cookie = fast_app.test_client()
        with_cookie.set_cookie("lang", "ur")
        with_cookie.get("/salford/en/")
    assert len(seen) == 9


def test_the_kept_answer_carries_the_callers_request_id_and_is_counted(fast_app):
    def served() -> float:
        labels = {"route": ROUTE, "tenant": "salford", "status": "200"}
        return REGISTRY.get_sample_value("candour_http_requests_total", labels) or 0.0

    get(fast_app, "/salford/en/")
    before = served()
    with full_stack_requests(fast_app) as seen:
        traced = get(fast_app, "/salford/en/", **{"X-Request-ID": "abc12345-trace"})
        refused = get(fast_app, "/salford/en/", **{"X-Request-ID": "bad id <script>"})
    assert seen == []
    assert traced.headers["X-Request-ID"] == "abc12345-trace"
    assert re.fullmatch(r"[0-9a-f]{32}", refused.headers["X-Request-ID"])
    assert served() == before + 2


def _change_text(tenant):
    with db.tenant_scope(tenant.id):
        db.session.add(
            TextOverride(tenant_id=tenant.id, locale="en", msgid="Contents", msgstr="On this page")
        )
        db.session.get(Tenant, tenant.id).content_version += 1


def _rename(tenant):
    board = db.session.get(Tenant, tenant.id)
    platform_services.update(
        board,
        {"name": "Salford Board (renamed)", "jurisdiction": board.jurisdiction,
         "framework": board.framework},
    )  # fmt: skip


def _drop_welsh(tenant):
    board = db.session.get(Tenant, tenant.id)
    board.locales = [code for code in board.locales if code != "cy"]
    board.content_version += 1


def _suspend(tenant):
    platform_services.set_status(db.session.get(Tenant, tenant.id), active=False)


def _back_to_setting_up(tenant):
    board = db.session.get(Tenant, tenant.id)
    board.status = "setting-up"
    board.content_version += 1


def _is_changed_text(after) -> bool:
    return after.status_code == 200 and "On this page" in after.get_data(as_text=True)


def _is_renamed(after) -> bool:
    return after.status_code == 200 and "Salford Board (renamed)" in after.get_data(as_text=True)


def _is_not_offered(after) -> bool:
    # Welsh is no longer offered: the page in Welsh says so, and is not for search engines.
    return after.headers.get("X-Robots-Tag") == "noindex"


def _is_suspended(after) -> bool:
    return after.status_code == 503 and "are not available at the moment" in after.get_data(
        as_text=True
    )


def _is_not_public(after) -> bool:
    return after.status_code == 404


@pytest.mark.parametrize(
    ("change", "path", "shown"),
    [
        (_change_text, "/salford/en/", _is_changed_text),
        (_rename, "/salford/en/", _is_renamed),
        (_drop_welsh, "/salford/cy/", _is_not_offered),
        (_suspend, "/salford/en/", _is_suspended),
        (_back_to_setting_up, "/salford/en/", _is_not_public),
    ],
)
def test_a_change_to_the_board_is_served_when_its_copy_is_renewed(
    fast_app, demo_tenants, in_app, clock, change, path, shown
):
    get(fast_app, path)
    before = get(fast_app, path)
    assert before.status_code == 200 and not shown(before)
    in_app(lambda: change(demo_tenants["salford"]))
    # Within the copy's lifetime the full stack itself answers from the same copy: so do we.
    with full_stack_requests(fast_app) as seen:
        assert get(fast_app, path).get_data() == before.get_data()
    assert seen == []
    clock[0] += COPY_SECONDS + 1
    with full_stack_requests(fast_app) as seen:
        after = [get(fast_app, path) for _ in range(2)]
    assert all(shown(answer) for answer in after)
    if after[0].status_code == 200 and "X-Robots-Tag" not in after[0].headers:
        assert seen == [path]  # the changed page is kept in its turn
        assert after[1].get_data() == after[0].get_data()
    else:
        assert seen == [path, path]  # nothing is kept but the family page itself


def test_in_production_the_kept_page_is_still_only_for_known_hosts(app_with_plugins, demo_tenants):
    prod = app_with_plugins(
        ENV="production",
        SECRET_KEY="a-real-secret-for-this-test-only",
        ENCRYPTION_KEYS="ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
        PLATFORM_HOST="candour.example.org",
        TENANT_CACHE_SECONDS=COPY_SECONDS,
    )
    platform = {"Host": "candour.example.org"}
    first = get(prod, "/salford/en/", **platform)
    with full_stack_requests(prod) as seen:
        kept = get(prod, "/salford/en/", **platform)
        for host in ("localhost", "127.0.0.1", "other.example"):
            refused = get(prod, "/salford/en/", Host=host)
            assert refused.status_code == 400
            assert b"does not answer on that host name" in refused.get_data()
    assert seen == []  # refused before Flask, as before the page was kept
    assert comparable(kept) == comparable(first)
    assert kept.headers["Strict-Transport-Security"].startswith("max-age=")
