"""Publication is one unit: the guard and the family's promises first, then copy, verify, record.
A storage failure part-way leaves nothing published and nothing lost, and a retry succeeds;
publishing twice is harmless."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from reports_support import CLEAN_TEXT, pdf, watch_public_writes
from sqlalchemy import func, select

from core import db
from core.metrics import PUBLICATION_FAILURES
from core.reports import services as report_services
from core.reports.models import PublishedReport, ReportFile
from core.reports.pdf import read_content
from core.reviews.context import ReviewError
from core.reviews.queries import get_review
from core.storage import storage_for


@pytest.fixture
def checkpoint(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Run a callback around the publication service's public writes, for one test."""
    return watch_public_writes(monkeypatch)


def _publish(as_role: Any, b: dict[str, Any], review_id: int, details: Any) -> Any:
    def go(t: Any, a: Any) -> Any:
        return report_services.publish(t, a, get_review(a, review_id), details)

    return as_role(b["tenant"], b["manager"], "review_manager", go)


def _state(as_role: Any, b: dict[str, Any], review_id: int) -> dict[str, Any]:
    def read(t: Any, a: Any) -> dict[str, Any]:
        review = get_review(a, review_id)
        store = storage_for(t)
        final = report_services.latest_final(review)
        return {
            "stage": review.stage,
            "published_on": review.published_on,
            "records": db.session.scalar(select(func.count()).select_from(PublishedReport)),
            "private": store.get(final.storage_key) if final else None,
            "public": sorted(o.key for o in store.list("reports/public/")),
            "final_sha": final.sha256 if final else "",
        }

    return as_role(b["tenant"], b["manager"], "review_manager", read)


def _failures(reason: str) -> float:
    return PUBLICATION_FAILURES.labels(reason)._value.get()


def test_publishing_copies_verifies_and_records_in_one_unit(
    board, final_review, upload, as_role, details
):
    b = board()
    review_id = final_review(b)
    data = pdf(CLEAN_TEXT)
    upload(b, review_id, data)

    published = _publish(as_role, b, review_id, details)
    state = _state(as_role, b, review_id)
    assert state["stage"] == "published"
    assert state["published_on"] == dt.date.today()
    assert state["records"] == 1
    assert state["public"] == [published.storage_key]
    public_copy = as_role(
        b["tenant"],
        b["manager"],
        "review_manager",
        lambda t, a: storage_for(t).get(published.storage_key),
    )
    # A rebuilt copy, never the upload: its checksum is the record's, its text the report's.
    assert (
        hashlib.sha256(public_copy).hexdigest()
        == published.sha256
        != hashlib.sha256(data).hexdigest()
    )
    assert "Learning from the review of Child A" in read_content(public_copy).pages[0]
    # At least the framework's 12 months on the public list.
    assert published.available_until >= dt.date.today().replace(
        year=dt.date.today().year + 1
    ) - dt.timedelta(days=1)
    assert published.learning_themes == ["Information sharing", "Family moves"]
    assert published.author == "Dr A Reviewer"

    # Publishing again is harmless: the same record, no second copy, no second transition.
    again = _publish(as_role, b, review_id, details)
    assert again.id == published.id
    assert _state(as_role, b, review_id)["public"] == state["public"]


def test_a_storage_failure_mid_publication_leaves_nothing_published_and_a_retry_succeeds(
    board, final_review, upload, as_role, details, checkpoint, app
):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, pdf(CLEAN_TEXT))
    public_dir = (
        Path(app.config["STORAGE_PATH"]) / "tenants" / b["tenant"].slug / "reports" / "public"
    )

    def break_the_store(name: str) -> None:
        # The folder the public copy goes to cannot be made: the real backend fails to write.
        if name == "before_public_write":
            public_dir.parent.mkdir(parents=True, exist_ok=True)
            public_dir.write_bytes(b"in the way")

    checkpoint.append(break_the_store)
    before = _failures("storage_write")
    with pytest.raises(report_services.PublicationFailed) as failed:
        _publish(as_role, b, review_id, details)
    assert "Nothing has been published and nothing was lost" in str(failed.value)
    assert _failures("storage_write") == before + 1

    public_dir.unlink()
    state = _state(as_role, b, review_id)
    assert (state["stage"], state["published_on"], state["records"]) == ("final", None, 0)
    assert hashlib.sha256(state["private"]).hexdigest() == state["final_sha"]
    assert state["public"] == []

    checkpoint.remove(break_the_store)
    _publish(as_role, b, review_id, details)
    state = _state(as_role, b, review_id)
    assert (state["stage"], state["records"], len(state["public"])) == ("published", 1, 1)


def test_a_copy_that_does_not_match_is_removed_and_nothing_is_published(
    board, final_review, upload, as_role, details, checkpoint, app
):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, pdf(CLEAN_TEXT))
    root = Path(app.config["STORAGE_PATH"]) / "tenants" / b["tenant"].slug

    def corrupt(name: str) -> None:
        if name == "after_public_write":
            for path in (root / "reports" / "public").glob("*.pdf"):
                path.write_bytes(b"%PDF-1.7 truncated")

    checkpoint.append(corrupt)
    before = _failures("storage_checksum")
    with pytest.raises(report_services.PublicationFailed):
        _publish(as_role, b, review_id, details)
    assert _failures("storage_checksum") == before + 1
    state = _state(as_role, b, review_id)
    assert (state["stage"], state["records"], state["public"]) == ("final", 0, [])
    assert not any(p.suffix == ".pdf" for p in (root / "reports" / "public").glob("*"))
    assert os.path.exists(root / "reports" / "private")


def test_publication_waits_for_the_familys_notice_and_meeting(
    board, final_review, upload, as_role, details
):
    b = board()
    review_id = final_review(b, promises=False)
    upload(b, review_id, pdf(CLEAN_TEXT))
    with pytest.raises(ReviewError) as blocked:
        _publish(as_role, b, review_id, details)
    assert "Tell the family before publication" in str(blocked.value)
    assert _state(as_role, b, review_id)["public"] == []


def test_publication_needs_a_final_report_and_a_decision_with_its_reasons(
    board, final_review, upload, as_role, details
):
    b = board()
    review_id = final_review(b)
    with pytest.raises(ReviewError, match="Upload the final report"):
        _publish(as_role, b, review_id, details)
    upload(b, review_id, pdf(CLEAN_TEXT), kind="draft")
    with pytest.raises(ReviewError, match="Upload the final report"):
        _publish(as_role, b, review_id, details)
    upload(b, review_id, pdf(CLEAN_TEXT))
    details.rationale = ""
    with pytest.raises(ReviewError) as refused:
        _publish(as_role, b, review_id, details)
    assert "rationale" in refused.value.errors


def test_extending_availability_is_later_only_and_recorded(
    board, final_review, upload, as_role, details
):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, pdf(CLEAN_TEXT))
    published = _publish(as_role, b, review_id, details)

    def extend(until: dt.date) -> Any:
        def go(t: Any, a: Any) -> Any:
            review = get_review(a, review_id)
            report = db.session.get(PublishedReport, published.id)
            return report_services.extend_availability(t, a, review, report, until)

        return as_role(b["tenant"], b["manager"], "review_manager", go)

    with pytest.raises(ReviewError):
        extend(published.available_until - dt.timedelta(days=1))
    later = published.available_until + dt.timedelta(days=365)
    assert extend(later).available_until == later


def test_uploaded_reports_are_kept_under_unguessable_private_keys(
    board, final_review, upload, as_role
):
    b = board()
    review_id = final_review(b)
    first = upload(b, review_id, pdf(CLEAN_TEXT), kind="draft")
    second = upload(b, review_id, pdf(CLEAN_TEXT), kind="draft")

    def keys(t: Any, a: Any) -> list[str]:
        return [db.session.get(ReportFile, i).storage_key for i in (first, second)]

    found = as_role(b["tenant"], b["manager"], "review_manager", keys)
    assert all(
        k.startswith("reports/private/") and len(k) == len("reports/private/") + 36 for k in found
    )
    assert found[0] != found[1]
