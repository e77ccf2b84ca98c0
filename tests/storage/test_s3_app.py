"""The application on S3 storage, end to end: a format download goes through a presigned URL from
moto's S3 server, and readiness follows the server going away and coming back."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask
from s3_support import REGION, S3

from core import caches, db
from core.testing import make_test_app


@pytest.fixture
def s3_app(s3: S3, migrated_database: str, app: Flask) -> Iterator[Flask]:
    """An app with CANDOUR_STORAGE=s3, in a transaction rolled back after the test."""
    application = make_test_app(
        migrated_database,
        STORAGE="s3",
        S3_BUCKET=s3.bucket,
        S3_ENDPOINT_URL=s3.url,
        S3_REGION=REGION,
        S3_PREFIX="candour",
    )
    database = db.get_database(application)
    connection = database.engine.connect()
    outer = connection.begin()
    database.bind_to(connection)
    caches.clear_all(application)
    try:
        yield application
    finally:
        outer.rollback()
        connection.close()
        database.engine.dispose()


def _board(application: Flask, slug: str) -> None:
    from core.platform.provisioning import create_tenant

    with application.app_context():
        with db.all_tenants():
            create_tenant(
                slug,
                "S3 Safeguarding Board",
                framework="lcspr-2023",
                contact_phone="01632 960 001",
                contact_role={"en": "Business Manager"},
            )
        db.session.commit()


def test_a_format_download_redirects_to_a_working_presigned_url(s3, s3_app):
    _board(s3_app, "s3-board")
    client = s3_app.test_client()
    response = client.get("/s3-board/en/formats/text")
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
    url = response.headers["Location"]
    assert url.startswith(f"{s3.url}/{s3.bucket}/candour/tenants/s3-board/formats/en/text/")
    assert "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=10) as download:
        text = download.read().decode("utf-8")
        disposition = download.headers["Content-Disposition"]
    assert "S3 Safeguarding Board" in text
    assert disposition.startswith("attachment; filename=") and ".txt" in disposition
    listed = s3.client().list_objects_v2(
        Bucket=s3.bucket, Prefix="candour/tenants/s3-board/formats/en/text/"
    )
    (stored,) = listed["Contents"]
    head = s3.client().head_object(Bucket=s3.bucket, Key=stored["Key"])
    assert head["ServerSideEncryption"] == "AES256"
    # The second request finds the render in S3 instead of making it again.
    assert client.get("/s3-board/en/formats/text").status_code in (302, 303)
    listed = s3.client().list_objects_v2(Bucket=s3.bucket, Prefix="candour/tenants/s3-board/")
    assert len(listed["Contents"]) == 1


def test_readiness_follows_the_s3_server_going_away_and_coming_back(s3, s3_app, s3_outage):
    _board(s3_app, "s3-ready")
    client = s3_app.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_json()
    assert ready.get_json()["checks"]["storage"] == "ok"

    s3_outage.stop()
    started = time.monotonic()
    down = client.get("/readyz")
    assert time.monotonic() - started < 5  # a readiness probe must not hang
    assert down.status_code == 503
    assert down.get_json()["checks"] == {"database": "ok", "storage": "unreachable"}
    # A family asking for a format sees the "not ready" page, not an error or a hang.
    assert client.get("/s3-ready/en/formats/text").status_code == 503

    s3_outage.start()
    again = client.get("/readyz")
    assert again.status_code == 200, again.get_json()
    assert client.get("/s3-ready/en/formats/text").status_code in (302, 303)
