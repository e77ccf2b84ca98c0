"""The public copy: written afresh from the checked report, with document information reduced to
the title and the board and nothing else of the original's extras; checked again before it is
public; and it is what a family downloads (read back from the served bytes)."""

from __future__ import annotations

import io
import re

import hostile_pdfs as h
import pikepdf
import pytest

from core import db
from core.reports import services
from core.reports.rebuild import rebuild, verify_copy
from core.reviews.context import ReviewError
from core.reviews.queries import get_review
from core.testing import csrf_token, sign_in


def _contents(data: bytes) -> dict[str, object]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        return {
            "info": sorted(str(k) for k in list(pdf.docinfo.keys())),
            "title": str(pdf.docinfo.get("/Title", "")),
            "author": str(pdf.docinfo.get("/Author", "")),
            "catalog": sorted(str(k) for k in list(pdf.Root.keys())),
            "annots": [
                (str(a.Subtype), str(a.A.get("/S")), str(a.A.get("/URI", "")))
                for a in page.get("/Annots", [])
            ],
            "attachments": len(pdf.attachments),
        }


def test_the_rebuilt_copy_keeps_the_pages_and_only_web_links():
    copy = rebuild(h.decorated(), title="Child A: learning", board="Salford Board")
    assert _contents(copy) == {
        "info": ["/Author", "/Title"],
        "title": "Child A: learning",
        "author": "Salford Board",
        "catalog": ["/Pages", "/Type"],
        "annots": [("/Link", "/URI", "https://example.org/learning")],
        "attachments": 0,
    }
    assert verify_copy(copy) == []


def test_the_rebuilt_copy_drops_attachments_and_hidden_private_data():
    copy = rebuild(h.in_nested_attachment("Jamie"), title="T", board="B")
    assert _contents(copy)["attachments"] == 0
    assert b"Jamie" not in copy
    assert b"PieceInfo" not in rebuild(h.in_private_key("Jamie"), title="T", board="B")


def test_verify_copy_names_what_is_left(tmp_path):
    assert verify_copy(h.decorated()) == [
        "the public copy has document information beyond its title and board",
        "the public copy still has Metadata",
        "the public copy still has Outlines",
        "the public copy still has AcroForm",
        "page 1 of the public copy still has an annotation",
        "page 1 of the public copy still has an annotation",
        "page 1 of the public copy still has an annotation",
        "page 1 of the public copy still has an annotation",
    ]


def test_the_download_a_family_gets_is_the_rebuilt_copy(client, board, final_review):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    sign_in(client, slug, b["manager"].email)
    url = f"/{slug}/reviews/{review_id}/reports/upload"
    uploaded = client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "kind": "final",
              "report": (io.BytesIO(h.decorated()), "final.pdf")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert uploaded.status_code == 302
    url = f"/{slug}/reviews/{review_id}/reports/publish"
    done = client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "title": "Child A: learning",
              "decision": "full", "rationale": "Nothing in it would harm another child.",
              "summary": "How agencies shared information."},
    )  # fmt: skip
    assert done.status_code == 302, done.get_data(as_text=True)
    listing = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    download = re.search(rf"/{slug}/reports/(\d+)", listing)
    assert download is not None
    served = client.get(download.group(0))
    data = served.get_data()
    served.close()
    assert served.status_code == 200
    found = _contents(data)
    assert found["info"] == ["/Author", "/Title"] and found["author"] == b["tenant"].name
    assert found["catalog"] == ["/Pages", "/Type"]
    assert found["annots"] == [("/Link", "/URI", "https://example.org/learning")]
    assert b"Check the figures" not in data and b"Office 7" not in data


def test_a_copy_that_fails_its_second_check_is_not_published(
    board, final_review, upload, as_role, details, monkeypatch
):
    b = board()
    review_id = final_review(b)
    upload(b, review_id, h.clean())
    # The title staff typed names the child: it lands in the copy's information and is caught.
    details.title = "Jamie Ellis-Thornton"

    def publish(t, a):
        return services.publish(t, a, get_review(a, review_id), details)

    with pytest.raises(ReviewError) as refused:
        as_role(b["tenant"], b["manager"], "review_manager", publish)
    assert refused.value.errors["guard"].startswith(
        "The public copy was checked again and not published: the public copy still has a "
        "protected name (the whole file)"
    )


def test_an_orphaned_public_copy_is_removed_by_the_next_attempt_and_the_scheduled_job(
    app, board, final_review, upload, as_role, details
):
    from core.reports.models import ReportFile
    from core.storage import storage_for

    b = board()
    review_id = final_review(b)
    file_id = upload(b, review_id, h.clean())

    def leave_orphans(t, a):
        # What a publication that died between writing its copy and recording it leaves behind,
        # and a copy whose review is gone.
        report = db.session.get(ReportFile, file_id)
        store = storage_for(t)
        store.put(services.public_key(report), b"%PDF-1.7 half", "application/pdf")
        store.put("reports/public/stray.pdf", b"%PDF-1.7 stray", "application/pdf")
        return services.public_key(report)

    orphan = as_role(b["tenant"], b["manager"], "review_manager", leave_orphans)

    def attempt(t, a):
        return services.clean_orphans(storage_for(t), get_review(a, review_id))

    assert as_role(b["tenant"], b["manager"], "review_manager", attempt) == [orphan]
    result = app.test_cli_runner().invoke(
        args=["reports", "clean-orphans", "--tenant", b["tenant"].slug]
    )
    assert result.exit_code == 0, result.output
    assert "Removed 1 orphaned public copies." in result.output

    def public(t, a):
        return [o.key for o in storage_for(t).list("reports/public/")]

    assert as_role(b["tenant"], b["manager"], "review_manager", public) == []
