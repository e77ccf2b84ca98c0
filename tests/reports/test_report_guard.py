"""The anonymisation guard, on real PDFs: a protected name split across lines, hyphenated and in
the metadata is found and blocks publication; a clean report passes; a board admin may accept one
finding with a reason, which is audited; a board's own check runs too, and a failing one blocks."""

from __future__ import annotations

from typing import Any

import pytest
from reports_support import CLEAN_TEXT, LEAKY_TEXT, NAME, pdf
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.plugin_api import GuardHit, hookimpl
from core.plugins import get_host
from core.reports import guard
from core.reports import services as report_services
from core.reports.models import ReportFile
from core.reviews.context import ReviewError, ReviewForbidden
from core.reviews.queries import get_review


def _report(as_role: Any, b: dict[str, Any], file_id: int) -> list[guard.HitView]:
    def read(t: Any, a: Any) -> list[guard.HitView]:
        report = db.session.get(ReportFile, file_id)
        return [h for h in guard.hit_views(report)]

    return as_role(b["tenant"], b["manager"], "review_manager", read)


def test_check_report_finds_a_name_split_across_lines_hyphenated_and_in_the_metadata(
    board, final_review, upload, as_role
):
    b = board()
    review_id = final_review(b)
    leaky = pdf(LEAKY_TEXT, author=NAME, title="Overview report")
    file_id = upload(b, review_id, leaky)

    hits = _report(as_role, b, file_id)
    places = [(h.record.page, h.record.field, h.record.kind) for h in hits]
    # Twice on page 1 in full (once with a hyphen at the line end, once split without one, in
    # capitals), the hyphenated "Thorn-ton", and the author in the PDF's metadata.
    assert places.count((1, "text", "name")) == 3
    assert (None, "author", "name") in places
    found = [h.record.found.replace(" ", "") for h in hits if h.record.page == 1]
    assert "JamieEllis-Thornton" in found[0]
    assert "Thorn-ton" in found
    # Lists mask the identifier itself but keep where it is.
    assert all("Thornton" not in h.masked and "█" in h.masked for h in hits)
    assert "Her brother" in hits[0].masked


def test_a_leaky_report_cannot_be_published(board, final_review, upload, as_role, details):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, pdf(LEAKY_TEXT))

    def publish(t: Any, a: Any) -> Any:
        return report_services.publish(t, a, get_review(a, review_id), details)

    with pytest.raises(ReviewError) as refused:
        as_role(b["tenant"], b["manager"], "review_manager", publish)
    assert "anonymisation check found" in str(refused.value)


def test_a_clean_report_passes_the_check(board, final_review, upload, as_role):
    b = board()
    file_id = upload(b, final_review(b), pdf(CLEAN_TEXT))
    assert _report(as_role, b, file_id) == []


def test_dates_postcodes_schools_and_accents_are_found_as_people_write_them(
    board, final_review, upload, as_role
):
    b = board()
    review_id = final_review(b)
    body = (
        "<p>Child A was born on March 12th, 2015 (one record says 12.03.15, another 2015-03-12)."
        "</p><p>The family lived at 14 acacia<br>avenue, postcode m65fx, and she went to OAKWOOD "
        "Primary.</p>"
    )
    file_id = upload(b, review_id, pdf(body))
    kinds = sorted(h.record.kind for h in _report(as_role, b, file_id))
    assert kinds == [
        "address",
        "address",
        "date_of_birth",
        "date_of_birth",
        "date_of_birth",
        "school",
    ]


def test_a_board_admin_overrides_one_finding_with_a_reason_and_it_is_audited(
    board, final_review, upload, as_role
):
    b = board()
    review_id = final_review(b)
    file_id = upload(b, review_id, pdf("<p>Jamie Ellis-Thornton</p>"))
    hit_id = _report(as_role, b, file_id)[0].record.id

    def accept(t: Any, a: Any) -> None:
        review = get_review(a, review_id)
        report = db.session.get(ReportFile, file_id)
        guard.override(t, a, review, report, hit_id, "A professional of the same name")

    with pytest.raises(ReviewForbidden):
        as_role(b["tenant"], b["manager"], "review_manager", accept)
    with pytest.raises(ReviewError):
        as_role(
            b["tenant"],
            b["admin"],
            "board_admin",
            lambda t, a: guard.override(
                t, a, get_review(a, review_id), db.session.get(ReportFile, file_id), hit_id, " "
            ),
        )
    as_role(b["tenant"], b["admin"], "board_admin", accept)

    hits = _report(as_role, b, file_id)
    assert [h.resolved for h in hits] == [True]

    def audit(t: Any, a: Any) -> list[AuditEvent]:
        return list(
            db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "review.guard_overridden")
            )
        )

    events = as_role(b["tenant"], b["admin"], "board_admin", audit)
    assert len(events) == 1
    assert events[0].actor_email == b["admin"].email
    assert events[0].details["reason"] == "A professional of the same name"
    assert "Thornton" not in str(events[0].details)

    # The override survives a fresh check of the same file (the worker's, run at the commit).
    def recheck(t: Any, a: Any) -> None:
        review = get_review(a, review_id)
        report_services.recheck(t, a, review, db.session.get(ReportFile, file_id))

    as_role(b["tenant"], b["manager"], "review_manager", recheck)
    assert [h.resolved for h in _report(as_role, b, file_id)] == [True]


class BoardCheck:
    """A board's own check: the name of a local landmark must never appear."""

    @hookimpl
    def check_report(self, tenant, review, text_pages, metadata, identifiers):
        return [
            GuardHit(kind="landmark", found="Blue Bridge", page=n, message="a local landmark")
            for n, text in enumerate(text_pages, start=1)
            if "Blue Bridge" in text
        ]


class BrokenCheck:
    @hookimpl
    def check_report(self, tenant, review, text_pages, metadata, identifiers):
        raise RuntimeError("the check's service is down")


@pytest.fixture
def extra_plugin(app):
    """Install a plugin in the running platform for one test (a board's own package would be
    installed through its entry point; the hook calls are the same)."""
    host = get_host(app)
    added = []

    def add(name: str, plugin: object) -> None:
        host.register(plugin, name)
        added.append(name)
        host.invalidate()

    yield add
    for name in added:
        host.pm.unregister(name=name)
        host.info.pop(name, None)
    host.invalidate()


def test_check_report_runs_a_board_plugins_own_check(
    board, final_review, upload, as_role, extra_plugin
):
    extra_plugin("board-check", BoardCheck())
    b = board()
    file_id = upload(b, final_review(b), pdf("<p>They met at the Blue Bridge.</p>"))
    hits = _report(as_role, b, file_id)
    assert [(h.record.source, h.record.kind, h.record.page) for h in hits] == [
        ("board-check", "landmark", 1)
    ]


def test_a_failing_check_blocks_publication_and_cannot_be_overridden(
    board, final_review, upload, as_role, extra_plugin, details
):
    extra_plugin("broken-check", BrokenCheck())
    b = board()
    review_id = final_review(b)
    file_id = upload(b, review_id, pdf(CLEAN_TEXT))
    hits = _report(as_role, b, file_id)
    assert [(h.record.kind, h.record.overridable) for h in hits] == [("check_failed", False)]
    assert "service is down" in hits[0].record.message

    with pytest.raises(ReviewError, match="cannot be overridden"):
        as_role(
            b["tenant"],
            b["admin"],
            "board_admin",
            lambda t, a: guard.override(
                t, a, get_review(a, review_id), db.session.get(ReportFile, file_id),
                hits[0].record.id, "It is fine",
            ),
        )  # fmt: skip
    with pytest.raises(ReviewError, match="anonymisation check"):
        as_role(
            b["tenant"],
            b["manager"],
            "review_manager",
            lambda t, a: report_services.publish(t, a, get_review(a, review_id), details),
        )
