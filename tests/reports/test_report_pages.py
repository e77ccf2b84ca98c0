"""The staff pages for reports: upload on the review page (PDF only, by content; a clear page when
too big), the check with identifiers masked, an admin's override, publication, and what another
board or a lesser role gets."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reports_support import CLEAN_TEXT, LEAKY_TEXT, pdf

from core.testing import csrf_token, sign_in


def _upload(
    client: Any,
    slug: str,
    review_id: int,
    data: bytes,
    kind: str = "final",
    name: str = "report.pdf",
) -> Any:
    url = f"/{slug}/reviews/{review_id}/reports/upload"
    token = csrf_token(client, url)
    return client.post(
        url,
        data={"csrf_token": token, "kind": kind, "report": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _javascript_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf(CLEAN_TEXT)))
    # Run on opening, as a hostile PDF would.
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf(CLEAN_TEXT)))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"MZ\x90\x00 not a pdf at all", "report.pdf", "The file is not a PDF"),
        (b"%PDF-1.7\n%%EOF garbage", "report.pdf", "could not be opened"),
        (None, "report.pdf", "contains JavaScript"),
        ("encrypted", "report.pdf", "password-protected"),
        (b"", "report.pdf", "Choose the report"),
    ],
)
def test_upload_accepts_only_a_plain_pdf_by_its_content(
    client, board, final_review, data, name, says
):
    b = board()
    review_id = final_review(b)
    sign_in(client, b["tenant"].slug, b["manager"].email)
    if data is None:
        data = _javascript_pdf()
    elif data == "encrypted":
        data = _encrypted_pdf()
    response = _upload(client, b["tenant"].slug, review_id, data, name=name)
    assert response.status_code == 400
    assert says in response.get_data(as_text=True)


def test_a_report_over_the_size_limit_gets_a_clear_page(
    client, board, final_review, app, monkeypatch
):
    b = board()
    review_id = final_review(b)
    sign_in(client, b["tenant"].slug, b["manager"].email)
    monkeypatch.setitem(app.config, "MAX_UPLOAD_MB", 1)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    big = pdf(CLEAN_TEXT) + b"\n%" + b"x" * (1024 * 1024 + 10)
    url = f"/{b['tenant'].slug}/reviews/{review_id}/reports/upload"
    token = csrf_token(client, url)
    # The body is built here: the test client's own encoder leaves a temporary file open.
    boundary = "candour-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nfinal\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="report"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + big
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The file is too big" in page and "up to 1 MB" in page


def test_a_leaky_final_report_is_shown_masked_and_an_admin_accepts_a_finding(
    client, board, final_review
):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    sign_in(client, slug, b["manager"].email)
    response = _upload(client, slug, review_id, pdf("<p>Seen with Jamie Ellis-Thornton today.</p>"))
    assert response.status_code == 302
    check = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 finding must be dealt with" in check
    assert "Page 1" in check and "Seen with" in check
    assert "Thornton" not in check  # masked in the list
    # The review page shows the block too.
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "1 finding block publication" in review_page
    # A manager may look at the findings in full; that is audited.
    token = csrf_token(client, f"/{slug}/reviews/{review_id}/reports/check")
    revealed = client.post(
        f"/{slug}/reviews/{review_id}/reports/check", data={"csrf_token": token, "action": "reveal"}
    ).get_data(as_text=True)
    assert "Jamie Ellis-Thornton" in revealed
    # Only a board admin may accept a finding.
    hit_url = re.search(
        r'href="([^"]+/override)"',
        client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True),
    )
    assert hit_url is None
    client.get(f"/{slug}/logout")

    sign_in(client, slug, b["admin"].email)
    check = client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True)
    override_url = re.search(r'href="([^"]+/override)"', check).group(1)
    token = csrf_token(client, override_url)
    refused = client.post(override_url, data={"csrf_token": token, "reason": ""})
    assert refused.status_code == 400 and "Explain why" in refused.get_data(as_text=True)
    accepted = client.post(override_url, data={"csrf_token": token, "reason": "A professional"})
    assert accepted.status_code == 302
    check = client.get(f"/{slug}/reviews/{review_id}/reports/check").get_data(as_text=True)
    assert "Every finding has been accepted" in check and "A professional" in check


def test_a_review_manager_publishes_from_the_review_page(client, board, final_review):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    sign_in(client, slug, b["manager"].email)
    assert _upload(client, slug, review_id, pdf(CLEAN_TEXT)).status_code == 302
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Passed" in review_page and "Publish the final report" in review_page

    url = f"/{slug}/reviews/{review_id}/reports/publish"
    form = client.get(url).get_data(as_text=True)
    assert "Child A: Local Child Safeguarding Practice Review" in form
    token = csrf_token(client, url)
    missing = client.post(url, data={"csrf_token": token, "title": "T"})
    assert missing.status_code == 400 and "Write a short summary" in missing.get_data(as_text=True)
    done = client.post(
        url,
        data={
            "csrf_token": token,
            "title": "Child A: learning for the partnership",
            "decision": "full",
            "rationale": "Nothing in it would harm another child.",
            "summary": "How agencies shared information when a family moved.",
            "learning_themes": "Information sharing\nFamily moves\n",
            "recommendations": "Agree how schools hear of a move",
        },
    )
    assert done.status_code == 302
    review_page = client.get(f"/{slug}/reviews/{review_id}").get_data(as_text=True)
    assert "is on the public reports page until" in review_page
    assert "Stage: <strong>Published</strong>" in review_page
    public = client.get(f"/{slug}/en/reports/").get_data(as_text=True)
    assert "Child A: learning for the partnership" in public
    assert "Family moves" in public


def test_a_reviewer_can_upload_but_not_publish(client, board, final_review, as_role):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    from core.reviews.people import assign
    from core.reviews.queries import get_review

    as_role(
        b["tenant"],
        b["manager"],
        "review_manager",
        lambda t, a: assign(t, a, get_review(a, review_id), b["reviewer"].id, "Lead reviewer"),
    )
    sign_in(client, slug, b["reviewer"].email)
    assert _upload(client, slug, review_id, pdf(CLEAN_TEXT), kind="draft").status_code == 302
    assert client.get(f"/{slug}/reviews/{review_id}/reports/publish").status_code == 403


def test_leaky_text_is_refused_at_publication_through_the_page(client, board, final_review):
    b = board()
    slug = b["tenant"].slug
    review_id = final_review(b)
    sign_in(client, slug, b["manager"].email)
    _upload(client, slug, review_id, pdf(LEAKY_TEXT))
    url = f"/{slug}/reviews/{review_id}/reports/publish"
    token = csrf_token(client, url)
    refused = client.post(
        url,
        data={
            "csrf_token": token,
            "title": "T",
            "decision": "full",
            "rationale": "R",
            "summary": "S",
        },
    )
    assert refused.status_code == 400
    assert "The anonymisation check found 3 things" in refused.get_data(as_text=True)
    assert (
        client.get(f"/{slug}/en/reports/").get_data(as_text=True).count("Download the report") == 0
    )
