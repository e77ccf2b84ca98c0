"""Notes about families and reviews are encrypted at rest like the identifiers (issue 16, item 9):
family notes, the timeline, parallel-process, obligation and extension notes, report file names.
The raw column holds ciphertext; authorised staff still read the plain text on their pages; the
migration encrypts rows written before it (and decrypts them on the way down)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from admin_support import text
from sqlalchemy import select
from sqlalchemy import text as sql

from core import db
from core.migrate import alembic_config
from core.testing import _migrate, make_test_app, sign_in

NOTES = {
    "family": "Mother prefers calls after 6pm; Jane Doe's aunt attends",
    "obligation": "Told Jane Doe's mother about the panel by phone",
    "extension": "Police investigation into Jane Doe continues",
    "parallel": "Inquest into the death of Jane Doe opened",
    "filename": "Jane-Doe-Smith-review-draft.pdf",
}
RAW = {
    "family": ("review_family_members", "notes"),
    "obligation": ("review_obligations", "note"),
    "extension": ("review_extensions", "reason"),
    "parallel": ("review_parallel_processes", "note"),
    "filename": ("report_files", "filename"),
    "timeline": ("review_events", "summary"),
}


def _write_notes(application, tenant_id: int, review_id: int) -> None:
    from core.reports.models import ReportFile
    from core.reviews.models import Extension, FamilyMember, Obligation, ParallelProcess, Review

    with application.app_context(), db.tenant_scope(tenant_id):
        review = db.session.get(Review, review_id)
        db.session.add(FamilyMember(review_id=review.id, role="Mother", notes=NOTES["family"]))
        obligation = db.session.scalars(
            select(Obligation).where(Obligation.review_id == review.id)
        ).first()
        if obligation is None:
            obligation = Obligation(review_id=review.id, key="probe", label="Probe")
            db.session.add(obligation)
        obligation.note = NOTES["obligation"]
        db.session.add(
            Extension(
                review_id=review.id,
                new_target_on=dt.date(2027, 6, 1),
                reason=NOTES["extension"],
            )
        )
        db.session.add(
            ParallelProcess(
                review_id=review.id,
                kind="inquest",
                started_on=dt.date(2026, 1, 5),
                note=NOTES["parallel"],
            )
        )
        db.session.add(
            ReportFile(
                review_id=review.id,
                kind="draft",
                storage_key=f"probe/{review.id}",
                filename=NOTES["filename"],
                size=1,
                sha256="0" * 64,
            )
        )
        db.session.commit()


def _raw(application, what: str) -> list[str]:
    table, column = RAW[what]
    with application.app_context(), db.all_tenants():
        return [
            row[0] for row in db.session.execute(sql(f"SELECT {column} FROM {table}")) if row[0]
        ]


@pytest.fixture
def review(app, client, make_tenant, make_user, in_app) -> dict[str, Any]:
    from test_url_map import token_for

    tenant = make_tenant("board-a")
    admin = make_user("admin@a.example", tenant)
    token = token_for(in_app, tenant, admin)
    created = client.post(
        "/api/v1/reviews",
        json={"reference": "CR-E-1", "pseudonym": "Child E"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201, text(created)
    return {"tenant_id": tenant.id, "id": int(created.get_json()["id"]), "token": token}


def test_the_raw_columns_hold_no_plain_text_and_staff_still_read_it(app, client, review):
    _write_notes(app, review["tenant_id"], review["id"])
    for what, plain in NOTES.items():
        stored = _raw(app, what)
        assert stored, what
        assert all(plain not in value and "Jane" not in value for value in stored), what
        assert all(value.startswith("gAAAA") for value in stored), what  # Fernet tokens
    timeline = _raw(app, "timeline")
    assert timeline and all(value.startswith("gAAAA") for value in timeline)
    assert sign_in(client, "board-a", "admin@a.example").status_code == 302
    page = text(client.get(f"/board-a/reviews/{review['id']}"))
    for what in ("parallel", "extension", "filename"):
        assert NOTES[what] in page, what
    api = client.get(
        f"/api/v1/reviews/{review['id']}/timeline",
        headers={"Authorization": f"Bearer {review['token']}"},
    )
    assert api.status_code == 200
    summaries = [e.get("summary", "") for e in api.get_json()["items"]]
    assert any(s and not s.startswith("gAAAA") for s in summaries), "the timeline reads plain"


def test_the_migration_encrypts_rows_written_before_it(tmp_path, app):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'before.db'}"
    _migrate(url)
    application = make_test_app(url)
    try:
        from core.platform.provisioning import create_tenant
        from core.reviews.models import Review

        with application.app_context():
            with db.all_tenants():
                tenant = create_tenant("board-m", "Migrated Board", framework="lcspr-2023")
            with db.tenant_scope(tenant.id):
                review = Review(
                    reference="CR-M-1",
                    framework="lcspr-2023",
                    pseudonym="Child M",
                    stage="notified",
                )
                db.session.add(review)
                db.session.flush()
                ids = (tenant.id, review.id)
            db.session.commit()
        _write_notes(application, *ids)
        engine = db.get_database(application).engine
        with engine.begin() as conn:
            command.downgrade(alembic_config(application, conn), "0070")
        assert NOTES["family"] in _raw(application, "family")  # as the rows were before 0071
        assert NOTES["filename"] in _raw(application, "filename")
        with engine.begin() as conn:
            command.upgrade(alembic_config(application, conn), "head")
        for what, plain in NOTES.items():
            assert all(plain not in value for value in _raw(application, what)), what
        from core.reviews.models import FamilyMember

        with application.app_context(), db.tenant_scope(ids[0]):
            notes = db.session.scalars(select(FamilyMember.notes)).all()
        assert notes == [NOTES["family"]]
    finally:
        db.get_database(application).engine.dispose()
