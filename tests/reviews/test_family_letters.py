"""Letters for families who prefer post: the worker makes the notice into a PDF in their language
and format; the review's staff page lists it to download and mark posted; the posting date keeps
the promise (the family told of the extension, the notice before publication)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from reviews_support import d
from sqlalchemy import select
from test_family_notices import decided_review

from core import db
from core.letters.models import FamilyLetter
from core.mail.models import OutboxMessage
from core.reviews import people, services
from core.reviews.context import as_of
from core.reviews.models import Extension, Obligation
from core.reviews.queries import get_review
from core.testing import csrf_token, need, sign_in


@pytest.fixture
def posted_family(app, make_tenant, make_user, as_role):
    tenant = make_tenant("board-post-ur", locales=["en", "ur"], jurisdiction="england")
    manager = make_user("manager@board-post-ur.example", tenant, "review_manager")

    def prepare(t, a):
        review = decided_review(t, a, "CR-77", "Child L")
        with as_of(d("2025-04-01")):
            people.save_family_member(
                t, a, review, role="Grandfather", preferred_locale="ur",
                preferred_format="large-print", contact_by="post",
            )  # fmt: skip
        return review.id

    review_id = as_role(tenant, manager, "review_manager", prepare)
    return tenant, manager, review_id


def extend(as_role, tenant, manager, review_id):
    def run(t, a):
        with as_of(d("2025-09-01")):
            services.extend(
                t, a, get_review(a, review_id), new_target_on=d("2025-11-28"),
                reason="ایک پولیس تفتیش جاری ہے", family_told_on=None,
            )  # fmt: skip

    as_role(tenant, manager, "review_manager", run)


def flat(items) -> list[str]:
    titles: list[str] = []
    for item in items:
        titles += flat(item) if isinstance(item, list) else [item.title]
    return titles


def letters(app, tenant) -> list[FamilyLetter]:
    with app.app_context(), db.tenant_scope(tenant.id):
        return list(db.session.scalars(select(FamilyLetter).order_by(FamilyLetter.id)))


def test_an_extension_for_a_family_that_prefers_post_makes_an_urdu_large_print_letter(
    app, client, posted_family, as_role, tmp_path
):
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    tenant, manager, review_id = posted_family
    extend(as_role, tenant, manager, review_id)
    (letter,) = letters(app, tenant)
    assert letter.state == "ready" and letter.locale == "ur" and letter.format_key == "large-print"
    with app.app_context(), db.all_tenants():
        assert db.session.scalars(select(OutboxMessage)).all() == []  # no e-mail for post
    assert sign_in(client, tenant.slug, "manager@board-post-ur.example").status_code == 302
    page = client.get(f"/{tenant.slug}/reviews/{review_id}").get_data(as_text=True)
    download = f"/{tenant.slug}/reviews/{review_id}/letters/{letter.id}"
    assert 'id="letters"' in page and f'href="{download}"' in page and "Mark posted" in page
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "no-store" in pdf.headers["Cache-Control"]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf.data, capture_output=True, check=True
    ).stdout.decode()
    assert "\u202b" in text  # drawn right to left (pdftotext marks each RTL run)
    assert "Child L" not in text and "Grandfather" not in text and "CR-77" not in text
    # pdftotext cannot put Nastaliq back in reading order: the heading is read from the bookmarks.
    outline = flat(PdfReader(io.BytesIO(pdf.data)).outline)
    assert any("جائزے کے بارے میں خبر" in title for title in outline), outline
    saved = tmp_path / "letter.pdf"
    saved.write_bytes(pdf.data)
    fonts = subprocess.run(["pdffonts", str(saved)], capture_output=True, text=True).stdout
    assert "Nastaliq" in fonts.replace(" ", "").replace("-", ""), fonts
    with app.app_context(), db.tenant_scope(tenant.id):
        from core.letters.services import letter_document

        live = db.session.get(type(tenant), tenant.id)
        assert letter_document(live, db.session.get(FamilyLetter, letter.id)).direction == "rtl"


def test_marking_the_letter_posted_records_the_family_told_on_that_date(
    app, client, posted_family, as_role
):
    tenant, manager, review_id = posted_family
    extend(as_role, tenant, manager, review_id)
    (letter,) = letters(app, tenant)
    assert sign_in(client, tenant.slug, "manager@board-post-ur.example").status_code == 302
    token = csrf_token(client, f"/{tenant.slug}/reviews/{review_id}")
    url = f"/{tenant.slug}/reviews/{review_id}/letters/{letter.id}/posted"
    for bad in ("", "not a date", "2999-01-01"):
        answer = client.post(url, data={"csrf_token": token, "posted_on": bad})
        assert answer.status_code == 303
        assert letters(app, tenant)[0].posted_on is None, bad
    posted_on = letter.created_at.date()
    answer = client.post(url, data={"csrf_token": token, "posted_on": posted_on.isoformat()})
    assert answer.status_code == 303
    assert letters(app, tenant)[0].posted_on == posted_on
    with app.app_context(), db.tenant_scope(tenant.id):
        assert db.session.scalars(select(Extension)).one().family_told_on == posted_on
    page = client.get(f"/{tenant.slug}/reviews/{review_id}").get_data(as_text=True)
    assert "Posted" in page


def test_a_publication_date_makes_a_letter_whose_posting_is_the_notice(
    app, client, posted_family, as_role
):
    tenant, manager, review_id = posted_family

    def plan(t, a):
        with as_of(d("2025-09-01")):
            services.update_review(
                t, a, get_review(a, review_id), planned_publication_on=d("2025-12-15"),
            )  # fmt: skip

    as_role(tenant, manager, "review_manager", plan)
    (letter,) = letters(app, tenant)
    assert letter.template == "family_publication_notice" and letter.state == "ready"
    assert sign_in(client, tenant.slug, "manager@board-post-ur.example").status_code == 302
    token = csrf_token(client, f"/{tenant.slug}/reviews/{review_id}")
    posted_on = letter.created_at.date()
    client.post(
        f"/{tenant.slug}/reviews/{review_id}/letters/{letter.id}/posted",
        data={"csrf_token": token, "posted_on": posted_on.isoformat()},
    )
    with app.app_context(), db.tenant_scope(tenant.id):
        notice = db.session.scalars(
            select(Obligation).where(Obligation.key == "family_notice")
        ).one()
        assert (notice.state, notice.met_on) == ("met", posted_on)


def test_another_boards_staff_cannot_download_or_post_the_letter(
    app, posted_family, as_role, make_tenant, make_user
):
    tenant, manager, review_id = posted_family
    extend(as_role, tenant, manager, review_id)
    (letter,) = letters(app, tenant)
    other = make_tenant("board-post-other", jurisdiction="england")
    make_user("admin@board-post-other.example", other, "board_admin")
    outsider = app.test_client()
    assert sign_in(outsider, other.slug, "admin@board-post-other.example").status_code == 302
    token = csrf_token(outsider, f"/{other.slug}/staff")
    base = f"/{tenant.slug}/reviews/{review_id}/letters/{letter.id}"
    assert outsider.get(base).status_code == 404
    assert (
        outsider.post(
            base + "/posted", data={"csrf_token": token, "posted_on": "2025-09-02"}
        ).status_code
        == 404
    )
    # Nor through their own board's address for the same ids.
    assert outsider.get(f"/{other.slug}/reviews/{review_id}/letters/{letter.id}").status_code == 404
    assert letters(app, tenant)[0].posted_on is None


def test_a_family_member_who_reads_easy_read_gets_an_easy_read_letter(
    app, make_tenant, make_user, as_role
):
    tenant = make_tenant("board-post-er", locales=["en"], jurisdiction="england")
    manager = make_user("manager@board-post-er.example", tenant, "review_manager")

    def prepare(t, a):
        review = decided_review(t, a, "CR-78", "Child M")
        with as_of(d("2025-04-01")):
            people.save_family_member(
                t, a, review, role="Father", preferred_format="easy-read", contact_by="post",
            )  # fmt: skip
        return review.id

    review_id = as_role(tenant, manager, "review_manager", prepare)
    extend(as_role, tenant, manager, review_id)
    (letter,) = letters(app, tenant)
    assert (letter.state, letter.format_key) == ("ready", "easy-read")
