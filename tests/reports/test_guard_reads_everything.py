"""The guard reads every part of a PDF that can carry text, on hostile PDFs built by hand: the
stored name is found wherever it is hidden, or the report is blocked with the reason."""

from __future__ import annotations

import hostile_pdfs as h
import pytest

from core.plugin_api import IdentifierView
from core.reports import ocr
from core.reports.pdf import NotAcceptedPdf, check_pdf, read_content
from plugins.guard_identifiers import check_report

NAME = "Jamie Ellis-Thornton"
IDENTIFIERS = [IdentifierView(1, "name", NAME), IdentifierView(2, "school", "St Anne's Primary")]


def findings(data: bytes) -> list[tuple[int | None, str, str]]:
    content = read_content(data)
    assert content.unreadable == []
    hits = check_report(None, None, content.pages, content.metadata, IDENTIFIERS, content.parts)
    return [(hit.page, hit.field, hit.found) for hit in hits]


@pytest.mark.parametrize(
    ("build", "where"),
    [
        (h.in_bookmark, "bookmark"),
        (h.in_annotation, "annotation"),
        (h.in_appearance, "annotation appearance"),
        (h.in_form_field, "form field"),
        (h.in_info, "creator"),
        (lambda name: h.in_info(name, "/Source"), "document information"),
        (h.in_info_key, "document information"),
        (h.in_xmp, "XMP metadata"),
        (h.in_name_tree, "name tree"),
        (h.in_attachment, "attached file 1"),
        (h.in_nested_attachment, "attached file 1"),
        (h.in_word_attachment, "attached file 1"),
        (h.in_hidden_layer, "page content"),
        (h.in_actual_text, "alternate text"),
        (h.in_alt_text, "alternate text"),
        (h.off_the_page, "page content"),
        (h.in_private_key, "other PDF data"),
    ],
)
def test_the_guard_finds_the_name_wherever_it_is_hidden(build, where):
    found = findings(build(NAME))
    assert any(field == where for _, field, _ in found), found
    # The page's laid-out text holds the name only where a reader draws or copies it.
    drawn = build in (h.in_appearance, h.in_actual_text)
    assert any(field == "text" for _, field, _ in found) == drawn


def test_a_clean_report_has_no_findings():
    assert findings(h.clean()) == []


def test_look_alike_letters_from_another_alphabet_are_found():
    cyrillic = "J\u0430mi\u0435 \u0415llis-Thornton"  # а, е and Е are Cyrillic
    found = findings(h.in_annotation(cyrillic))
    assert [(p, f) for p, f, _ in found] == [(1, "annotation")]


def test_a_school_written_in_full_is_found_when_stored_abbreviated_and_back():
    assert findings(h.in_bookmark("Saint Anne's Primary"))
    found = check_report(
        None,
        None,
        ["She went to St. Anne's."],
        {},
        [IdentifierView(1, "school", "Saint Anne's")],
        [],
    )
    assert [hit.found for hit in found] == ["St. Anne's"]


def test_a_scanned_page_is_read_by_ocr():
    found = findings(h.scanned(f"Her brother {NAME} was at home."))
    assert (1, "scanned text") in {(p, f) for p, f, _ in found}, found


def test_a_scanned_page_that_cannot_be_read_blocks_with_the_reason(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: "OCR (tesseract) is not installed on the server")
    content = read_content(h.scanned("Nothing here"))
    assert content.unreadable == [(1, "OCR (tesseract) is not installed on the server")]


def test_ocr_that_runs_out_of_time_says_so(monkeypatch):
    def slow(*args, **kwargs):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(ocr.pytesseract, "image_to_string", slow)
    content = read_content(h.scanned("Nothing here"))
    assert content.unreadable == [(1, "reading the scanned page took longer than 60s")]


def test_an_attachment_that_cannot_be_read_blocks_with_the_reason():
    content = read_content(h.with_attachment(b"\x00\x01\x02binary" * 50, "photo.bin"))
    assert [reason for _, reason in content.unreadable] == [
        "attached file 1 is not in a format that can be read (only PDF, text and office files)"
    ]


@pytest.mark.parametrize(
    ("build", "says"),
    [
        (h.javascript_on_open, "JavaScript"),
        (h.javascript_name_tree, "JavaScript"),
        (h.launch_action, "starts another program"),
        (h.goto_remote, "opens another PDF"),
        (h.goto_embedded, "opens another PDF"),
        (h.javascript_link, "not a web address"),
        (h.xfa_form, "XFA form"),
        (h.submit_on_open, "sends its contents somewhere"),
        (h.embedded_file, "files attached"),
    ],
)
def test_active_content_is_refused_with_a_plain_reason(build, says):
    with pytest.raises(NotAcceptedPdf, match=says):
        check_pdf(build())


def test_a_plain_pdf_with_a_web_link_is_accepted():
    assert check_pdf(h.web_link()) == 1


def test_a_name_only_in_a_part_the_public_copy_drops_still_blocks_publication(
    board, final_review, upload, as_role, details
):
    from core import db
    from core.reports import services
    from core.reports.models import ReportFile
    from core.reviews.context import ReviewError
    from core.reviews.queries import get_review

    b = board()
    review_id = final_review(b)
    file_id = upload(b, review_id, h.in_bookmark(NAME))

    def publish(t, a):
        return services.publish(t, a, get_review(a, review_id), details)

    with pytest.raises(ReviewError) as refused:
        as_role(b["tenant"], b["manager"], "review_manager", publish)
    assert "anonymisation check found 1 thing" in refused.value.errors["guard"]

    def where(t, a):
        report = db.session.get(ReportFile, file_id)
        return [(v.where, v.masked) for v in services.guard.hit_views(report)]

    shown = as_role(b["tenant"], b["manager"], "review_manager", where)
    assert [w for w, _ in shown] == ["Bookmark"]
    assert all(
        part.casefold() not in shown[0][1].casefold() for part in ("Jamie", "Ellis", "Thornton")
    )


def test_a_page_ocr_cannot_read_blocks_publication_and_cannot_be_overridden(
    board, final_review, upload, as_role, monkeypatch
):
    from core import db
    from core.reports import guard
    from core.reports.models import ReportFile

    monkeypatch.setattr(ocr, "available", lambda: "OCR (tesseract) is not installed on the server")
    b = board()
    file_id = upload(b, final_review(b), h.scanned("Nothing here"))

    def hits(t, a):
        return [
            (v.where, v.record.message, v.record.overridable)
            for v in guard.hit_views(db.session.get(ReportFile, file_id))
        ]

    assert as_role(b["tenant"], b["manager"], "review_manager", hits) == [
        (
            "Page 1",
            "Not checked, so it cannot be published: OCR (tesseract) is not installed on the "
            "server.",
            False,
        )
    ]


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("OCR_MAX_PAGES", "more than 0 pages are scanned images; they were not all read"),
        ("OCR_TOTAL_SECONDS", "the scanned pages took longer than 0s in all; not all were read"),
    ],
)
def test_the_operators_ocr_limits_hold_in_the_worker_and_what_they_leave_unread_blocks(
    app, board, final_review, upload, as_role, monkeypatch, setting, says
):
    from core import db
    from core.reports import checking, guard
    from core.reports.models import ReportFile

    monkeypatch.setitem(app.config, setting, "0")
    b = board()
    file_id = upload(b, final_review(b), h.scanned(f"Her brother {NAME} was at home."))

    def state(t, a):
        report = db.session.get(ReportFile, file_id)
        views = guard.hit_views(report)
        found = [(v.where, v.record.message, v.record.overridable) for v in views]
        return checking.state_of(report, views).status, found

    status, found = as_role(b["tenant"], b["manager"], "review_manager", state)
    assert status == "blocked"
    assert found == [("Page 1", f"Not checked, so it cannot be published: {says}.", False)]
