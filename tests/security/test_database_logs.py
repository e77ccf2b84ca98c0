"""Database error logs name the statement, never the values bound to it (issue 16, item 9)."""

from __future__ import annotations

import logging

from sqlalchemy import text

from core import db
from core.testing import make_test_app

SECRET = "Child-Identifier-7731"


def test_a_failing_statements_log_has_no_parameter_values(app, migrated_database, caplog):
    application = make_test_app(migrated_database, PROPAGATE_EXCEPTIONS=False)

    @application.route("/_failing-statement")
    def failing() -> str:  # a view whose statement fails, with a personal detail bound to it
        db.session.execute(
            text("SELECT no_such_column FROM tenants WHERE name = :n"), {"n": SECRET}
        )
        return "unreachable"

    try:
        with caplog.at_level(logging.ERROR):
            response = application.test_client().get("/_failing-statement")
    finally:
        db.get_database(application).engine.dispose()
    assert response.status_code == 500
    assert SECRET not in response.get_data(as_text=True)
    logged = "\n".join(
        record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        for record in caplog.records
    )
    assert "no_such_column" in logged  # the failure and its statement are logged ...
    assert SECRET not in logged  # ... without the value bound to it
    assert "parameters hidden" in logged


def test_the_engine_hides_parameters_on_both_databases(app):
    assert db.get_database(app).engine.hide_parameters is True
