"""Staff pages on a 390 px phone: nothing makes the page scroll sideways (a wide table scrolls inside
its own labelled, focusable box), the staff header has no family language switcher and no "Staff
sign in" once signed in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import PHONE, TENANTS, LiveServer
from test_accessibility import OVERFLOWING

from core import db
from core.migrate import upgrade
from core.testing import DEFAULT_PASSWORD, make_test_app, serving

pytestmark = [pytest.mark.browser]

ADMIN = "admin@salford.phone.example"
OPERATOR = "operator@platform.phone.example"
# A report the guard must stop: a child's name, a date of birth, an address, a long reference.
LEAKY = (
    "Serious case review: Child Q. Jane Smith (born 12/03/2015) lived at 14 Acacia Avenue, "
    "Salford M5 4WT. Her school was St Mary's Primary School, and her NHS number 943 476 5919. "
    "Reference SSCB-2026-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-a-long-unbroken-identifier."
)


def _leaky_pdf() -> bytes:
    import weasyprint

    paragraphs = "".join(f"<p>{LEAKY}</p>" for _ in range(3))
    return weasyprint.HTML(string=f'<html lang="en"><body>{paragraphs}</body></html>').write_pdf()


def _seed(app: Any) -> int:
    """The demo boards, a Salford board admin with the sample reviews, an operator; a review's id."""
    from sqlalchemy import select

    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.platform.provisioning import load_directory
    from core.reviews.models import Review
    from core.tenancy.models import Tenant

    with app.app_context():
        load_directory(TENANTS)
        with db.all_tenants():
            salford = db.session.scalars(select(Tenant).where(Tenant.slug == "salford")).one()
        admin, _ = get_or_create_user(ADMIN, DEFAULT_PASSWORD, name="Sam Admin")
        with db.tenant_scope(salford.id):
            grant_role(salford, admin, "board_admin")
        operator, _ = get_or_create_user(OPERATOR, DEFAULT_PASSWORD, name="Olu Operator")
        operator.platform_operator = True
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["demo", "reviews"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.tenant_scope(salford.id):
        return int(db.session.scalar(select(Review.id).order_by(Review.id.desc()).limit(1)))


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, int]]:
    path = tmp_path_factory.mktemp("staff-db") / "candour.db"
    app = make_test_app(f"sqlite:///{path}")
    upgrade(app)
    review_id = _seed(app)
    with serving(app, "staff-server") as base:
        yield LiveServer(base), review_id


def _sign_in(page: Any, url: str, email: str) -> None:
    page.goto(url)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@pytest.fixture(scope="module")
def staff(browser: Any, staff_server: tuple[LiveServer, int]) -> Iterator[Any]:
    """A phone signed in as Salford's board admin, with a leaky final report uploaded and checked."""
    server, review_id = staff_server
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, server("/salford/login"), ADMIN)
    identifiers = server(f"/salford/reviews/{review_id}/identifiers")
    for kind, value in (("name", "Jane Smith"), ("address", "14 Acacia Avenue")):
        page.goto(identifiers)
        token = page.locator("input[name=csrf_token]").last.get_attribute("value")
        answer = context.request.post(
            identifiers, form={"csrf_token": token, "kind": kind, "value": value}
        )
        assert answer.ok, answer.status
    upload = server(f"/salford/reviews/{review_id}/reports/upload")
    page.goto(upload)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    answer = context.request.post(
        upload,
        multipart={
            "csrf_token": token,
            "kind": "final",
            "report": {"name": "report.pdf", "mimeType": "application/pdf", "buffer": _leaky_pdf()},
        },
    )
    assert answer.ok, answer.status
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def operator(browser: Any, staff_server: tuple[LiveServer, int]) -> Iterator[Any]:
    server, _ = staff_server
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    _sign_in(page, server("/platform/login"), OPERATOR)
    try:
        yield page
    finally:
        context.close()


STAFF_PAGES = {
    "reviews": "/salford/reviews/",
    "review": "/salford/reviews/{review}",
    "check": "/salford/reviews/{review}/reports/check",
    "people": "/salford/admin/people",
    "audit log": "/salford/admin/audit",
}

SCROLL_BOXES = """() => [...document.querySelectorAll("main *")]
  .filter((el) => el.scrollWidth > el.clientWidth + 1
    && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
  .map((el) => ({tag: el.tagName.toLowerCase(), cls: el.className,
                 label: el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || "",
                 caption: (el.querySelector(":scope > caption") || {}).textContent || "",
                 focusable: !!el.querySelector("a[href], button, input, select, textarea"),
                 role: el.getAttribute("role") || "", tabindex: el.getAttribute("tabindex")}))"""


def _reachable_and_named(box: dict[str, Any]) -> bool:
    """A box that scrolls sideways is reached by keyboard and says what it holds: a labelled,
    focusable region, or a table named by its caption whose links or buttons take the focus."""
    if box["role"] == "region":
        return box["tabindex"] == "0" and bool(box["label"])
    return box["tag"] == "table" and bool(box["caption"].strip()) and box["focusable"]


def _fits(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{url} is {width} px wide on a {PHONE['width']} px phone: {page.evaluate(OVERFLOWING)}"
    )
    for box in page.evaluate(SCROLL_BOXES):
        assert _reachable_and_named(box), (url, box)


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_page_fits_a_390_px_phone(staff, staff_server, name):
    server, review_id = staff_server
    _fits(staff, server(STAFF_PAGES[name].format(review=review_id)))


def test_the_operators_console_fits_a_390_px_phone(operator, staff_server):
    server, _ = staff_server
    _fits(operator, server("/platform/"))


@pytest.mark.parametrize("name", ["reviews", "people"])
def test_the_staff_header_has_no_family_language_switcher_or_staff_sign_in(
    staff, staff_server, name
):
    server, review_id = staff_server
    staff.goto(server(STAFF_PAGES[name].format(review=review_id)))
    assert staff.locator(".candour-languages").count() == 0
    nav = staff.locator("header nav.candour-staff-nav")
    assert nav.get_by_text(ADMIN).count() == 1
    assert nav.get_by_role("button", name="Sign out").count() == 1
    assert "Staff sign in" not in staff.content()


def test_a_signed_in_member_of_staff_is_not_asked_to_sign_in_on_the_family_page(
    staff, staff_server
):
    server, _ = staff_server
    staff.goto(server("/salford/en/"))
    footer = staff.locator("footer")
    assert "Staff sign in" not in footer.inner_text()
    assert footer.get_by_role("link", name="For staff").get_attribute("href") == "/salford/login"


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.mark.parametrize("name", ["reviews", "review"])
def test_dates_in_staff_prose_are_written_in_full(staff, staff_server, name):
    server, review_id = staff_server
    staff.goto(server(STAFF_PAGES[name].format(review=review_id)))
    main = staff.locator("main").inner_text()
    assert re.search(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b", main), main[:500]
    # A date (not a time stamp, which keeps its short form beside the time) is never abbreviated.
    short = re.findall(
        r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b(?!,? \d{1,2}:\d{2})",
        main,
    )
    assert not short, short
