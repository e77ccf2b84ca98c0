"""Publishing a report on S3 storage, with the S3 server stopped in the middle: nothing is marked
published, nothing is lost, and once the server is back the same publication succeeds.

The boards, reviews and uploads come from the publication tests' own fixtures (tests/reports), so
this runs exactly their scenario, only with moto's S3 server behind the application.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from s3_support import REGION, S3
from sqlalchemy import func, select

from core import db
from core.reports import services as report_services
from core.reports import withdrawal
from core.reports.models import PublishedReport
from core.reviews.queries import get_review
from core.storage import Stores, storage_for

REPORTS_TESTS = Path(__file__).resolve().parents[1] / "reports"
sys.path.insert(0, str(REPORTS_TESTS))
_spec = importlib.util.spec_from_file_location("reports_fixtures", REPORTS_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
reports_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reports_fixtures)
from reports_support import CLEAN_TEXT, pdf, watch_public_writes  # noqa: E402

as_role = reports_fixtures.as_role
board = reports_fixtures.board
final_review = reports_fixtures.final_review
upload = reports_fixtures.upload
details = reports_fixtures.details


@pytest.fixture
def on_s3(app: Flask, s3: S3) -> Iterator[S3]:
    """The test application keeps its boards' files in moto's S3 for this test."""
    saved_config = {k: app.config.get(k) for k in ("STORAGE", "S3_BUCKET", "S3_ENDPOINT_URL")}
    saved_stores = app.extensions["candour.storage"]
    app.config.update(
        STORAGE="s3", S3_BUCKET=s3.versioned_bucket, S3_ENDPOINT_URL=s3.url, S3_REGION=REGION
    )
    app.extensions["candour.storage"] = Stores(app)
    try:
        yield s3
    finally:
        app.config.update(saved_config)
        app.extensions["candour.storage"] = saved_stores


@pytest.fixture
def at_checkpoint(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    return watch_public_writes(monkeypatch)


def _state(as_role: Any, b: dict[str, Any], review_id: int) -> dict[str, Any]:
    def read(t: Any, a: Any) -> dict[str, Any]:
        review = get_review(a, review_id)
        final = report_services.latest_final(review)
        store = storage_for(t)
        return {
            "stage": review.stage,
            "published_on": review.published_on,
            "records": db.session.scalar(select(func.count()).select_from(PublishedReport)),
            "private": store.get(final.storage_key),
            "final_sha": final.sha256,
            "public": sorted(o.key for o in store.list("reports/public/")),
        }

    return as_role(b["tenant"], b["manager"], "review_manager", read)


def test_publishing_survives_the_s3_server_stopping_part_way(
    on_s3, s3_outage, board, final_review, upload, as_role, details, at_checkpoint
):
    b = board()
    review_id = final_review(b)
    data = pdf(CLEAN_TEXT)
    upload(b, review_id, data)

    def stop_s3(name: str) -> None:
        if name == "before_public_write":
            s3_outage.stop()

    at_checkpoint.append(stop_s3)

    def publish(t: Any, a: Any) -> Any:
        return report_services.publish(t, a, get_review(a, review_id), details)

    with pytest.raises(report_services.PublicationFailed) as failed:
        as_role(b["tenant"], b["manager"], "review_manager", publish)
    assert "Nothing has been published and nothing was lost" in str(failed.value)
    assert not s3_outage.running

    at_checkpoint.remove(stop_s3)
    s3_outage.start()
    state = _state(as_role, b, review_id)
    assert (state["stage"], state["published_on"], state["records"]) == ("final", None, 0)
    assert state["public"] == []
    assert hashlib.sha256(state["private"]).hexdigest() == state["final_sha"]
    assert state["private"] == data

    published = as_role(b["tenant"], b["manager"], "review_manager", publish)
    state = _state(as_role, b, review_id)
    assert (state["stage"], state["records"]) == ("published", 1)
    assert state["public"] == [published.storage_key]
    key = f"tenants/{b['tenant'].slug}/{published.storage_key}"
    client = on_s3.client()
    served = client.get_object(Bucket=on_s3.versioned_bucket, Key=key)["Body"].read()
    # The public object is the rebuilt copy the record names, never the upload.
    assert hashlib.sha256(served).hexdigest() == published.sha256
    assert served != data
    head = client.head_object(Bucket=on_s3.versioned_bucket, Key=key)
    assert head["ServerSideEncryption"] == "AES256"


def test_withdrawing_on_s3_removes_every_version_of_the_public_copy(
    on_s3, board, final_review, upload, as_role, details, app
):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, pdf(CLEAN_TEXT))

    def publish(t: Any, a: Any) -> Any:
        return report_services.publish(t, a, get_review(a, review_id), details)

    published = as_role(b["tenant"], b["manager"], "review_manager", publish)
    key = f"tenants/{b['tenant'].slug}/{published.storage_key}"
    client = on_s3.client()
    # An earlier copy stays retrievable on a versioned bucket unless each version is deleted.
    client.put_object(Bucket=on_s3.versioned_bucket, Key=key, Body=b"an earlier copy")
    client.put_object(Bucket=on_s3.versioned_bucket, Key=key, Body=b"the current copy")

    def withdraw(t: Any, a: Any) -> Any:
        review = get_review(a, review_id)
        return withdrawal.withdraw(
            t, a, review, report_services.published_for(review), "It names a school."
        )

    assert as_role(b["tenant"], b["admin"], "board_admin", withdraw).copy_removed
    versions = client.list_object_versions(Bucket=on_s3.versioned_bucket, Prefix=key)
    assert versions.get("Versions", []) == [] and versions.get("DeleteMarkers", []) == []
    with app.test_client() as visitor:
        gone = visitor.get(f"/{b['tenant'].slug}/reports/{published.id}")
        assert gone.status_code == 410
        listing = visitor.get(f"/{b['tenant'].slug}/reports/feed.json").get_json()
        assert listing["reports"] == []
