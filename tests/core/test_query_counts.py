"""Queries per request on the busiest pages: a regression here fails the suite."""

from __future__ import annotations

import contextlib

from sqlalchemy import event

from core import db


@contextlib.contextmanager
def count_queries(app):
    statements: list[str] = []
    engine = db.get_database(app).engine

    def before(conn, cursor, statement, *args):
        if (
            not statement.lstrip()
            .upper()
            .startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "SELECT SET_CONFIG"))
        ):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_a_warm_family_page_costs_one_query(app, client, demo_tenants):
    client.get("/salford/en/")  # warm the board's caches
    with count_queries(app) as statements:
        response = client.get("/salford/en/")
    assert response.status_code == 200
    assert len(statements) == 1, statements  # the board, by slug


def test_the_family_page_cost_does_not_grow_with_the_number_of_boards(
    app, client, demo_tenants, make_tenant
):
    for i in range(30):
        make_tenant(f"extra-{i}")
    client.get("/salford/en/")
    with count_queries(app) as statements:
        client.get("/salford/en/")
    assert len(statements) == 1, statements


def _open_reviews(in_app, tenant, user, count, start=0):
    import datetime as dt

    from core.reviews.context import Actor
    from core.reviews.services import create_review

    def make():
        with db.tenant_scope(tenant.id):
            actor = Actor(user=user, role="review_manager")
            for i in range(start, start + count):
                create_review(
                    tenant, actor, reference=f"Q-{i}", pseudonym="Child Q",
                    on=dt.date(2025, 3, 3), aware_on=dt.date(2025, 3, 3),
                )  # fmt: skip

    in_app(make)


def test_the_dashboard_and_api_list_cost_the_same_queries_for_3_or_15_reviews(
    app, client, make_tenant, make_user, in_app
):
    from core.testing import sign_in

    tenant = make_tenant("board-q", framework="lcspr-2023")
    user = make_user("manager@q.example", tenant, "review_manager")
    sign_in(client, "board-q", "manager@q.example")
    _open_reviews(in_app, tenant, user, 3)
    client.get("/board-q/reviews/")
    with count_queries(app) as few:
        assert client.get("/board-q/reviews/").status_code == 200
    _open_reviews(in_app, tenant, user, 12, start=3)
    with count_queries(app) as many:
        assert client.get("/board-q/reviews/").status_code == 200
    assert len(many) == len(few), (len(few), len(many))
    assert len(few) <= 12, few
