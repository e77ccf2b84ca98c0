"""The merged chronology as a PDF through the formats pipeline: asked for on the chronology page,
rendered by the worker with the board's PDF format, downloaded from the review; rendered again when
the chronology changes; another board's staff can neither ask for it nor download it."""

from __future__ import annotations

import subprocess

from admin_support import post, text
from casework_support import returned_chronology

from core.testing import sign_in


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_merged_chronology_is_rendered_as_a_pdf_and_downloaded(app, as_role, boards):
    a = boards["a"]
    returned_chronology(as_role, a, "police", [("2024-02-01", "Police attended the house")])
    returned_chronology(as_role, a, "health", [("2023-12-01", "Health visitor called")])
    staff = app.test_client()
    sign_in(staff, "board-a", "manager@board-a.example")
    page_url = f"/board-a/casework/reviews/{a['review_id']}/chronology"
    pdf_url = f"/board-a/casework/reviews/{a['review_id']}/chronology.pdf"
    assert "Make a PDF of the whole chronology" in text(staff.get(page_url))
    assert staff.get(pdf_url).status_code == 404  # not made yet
    asked = post(staff, pdf_url, {}, form_url=page_url)
    assert asked.status_code == 302
    assert "Download the whole chronology as PDF" in text(staff.get(page_url))
    got = staff.get(pdf_url)
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    assert "no-store" in got.headers["Cache-Control"]
    body = _pdf_text(got.data)
    assert "Merged chronology, review CR-A-1" in body
    assert body.index("Health visitor called") < body.index("Police attended the house")
    assert "December 2023" in body and "February 2024" in body

    # A new return changes the chronology: the old PDF is no longer offered until made again.
    returned_chronology(as_role, a, "education", [("2024-06-01", "School raised a concern")])
    assert staff.get(pdf_url).status_code == 404
    assert "Make a PDF of the whole chronology" in text(staff.get(page_url))
    post(staff, pdf_url, {}, form_url=page_url)
    assert "School raised a concern" in _pdf_text(staff.get(pdf_url).data)


def test_another_board_can_neither_ask_for_nor_download_the_pdf(app, as_role, boards):
    a = boards["a"]
    returned_chronology(as_role, a, "police", [("2024-02-01", "Police attended the house")])
    own = app.test_client()
    sign_in(own, "board-a", "manager@board-a.example")
    page_url = f"/board-a/casework/reviews/{a['review_id']}/chronology"
    post(own, f"/board-a/casework/reviews/{a['review_id']}/chronology.pdf", {}, form_url=page_url)
    other = app.test_client()
    sign_in(other, "board-b", "manager@board-b.example")
    for prefix in ("/board-b", "/board-a"):
        url = f"{prefix}/casework/reviews/{a['review_id']}/chronology.pdf"
        assert other.get(url).status_code in (302, 404)
        refused = post(other, url, {}, form_url="/board-b/casework/agencies")
        assert refused.status_code in (302, 404)
    assert (
        app.test_client()
        .get(f"/board-a/casework/reviews/{a['review_id']}/chronology.pdf")
        .status_code
        == 302
    )  # signed out: sign in first
