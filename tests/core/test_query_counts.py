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
