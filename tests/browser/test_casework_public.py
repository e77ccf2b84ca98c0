"""The public reports page with its filters, search and a published action plan's progress, and the
platform's search across boards, pass axe-core (WCAG 2.2 A/AA and best practice) in headless
Chromium on a phone, left to right and right to left, and work without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import TENANTS, LiveServer, Phone
from test_accessibility import OVERFLOWING, axe_violations, report

from core import db
from core.migrate import upgrade
from core.testing import make_test_app, serving

pytestmark = [pytest.mark.browser]
SLUG = "salford"


def _seed(app: Any) -> None:
    """On the demo board: a published report with themes, a publishable action, both settings on."""
    from sqlalchemy import select

    from core.auth.memberships import grant_role
    from core.auth.services import get_or_create_user
    from core.casework import actions, publishing, services
    from core.reports.models import PublishedReport, ReportFile
    from core.reviews import services as review_services
    from core.reviews.context import Actor
    from core.tenancy.models import Tenant

    with app.test_request_context(f"/{SLUG}/casework/"):
        with db.all_tenants():
            tenant = db.session.scalar(select(Tenant).where(Tenant.slug == SLUG))
        assert tenant is not None
        db.set_tenant_scope(db.session, tenant.id)
        user, _ = get_or_create_user("browser.admin@salford.example", "a long enough passphrase 42")
        grant_role(tenant, user, "board_admin")
        actor = Actor(user, "board_admin")
        agencies = services.add_usual_agencies(tenant, actor)
        review = review_services.create_review(
            tenant, actor, reference="CR-9", pseudonym="Child R", aware_on=dt.date(2025, 1, 6)
        )
        final = ReportFile(
            review_id=review.id, kind="final", storage_key="browser-final", filename="f.pdf",
            size=4096, sha256="0" * 64, pages=3,
        )  # fmt: skip
        db.session.add(final)
        db.session.flush()
        db.session.add(
            PublishedReport(
                review_id=review.id, report_file_id=final.id, storage_key="browser-public",
                sha256="0" * 64, size=4096, title="Learning from Child R", framework="lcspr-2023",
                pseudonym="Child R", decision="full",
                summary="Agencies did not share what they knew about the family's needs.",
                learning_themes=["Neglect", "Information sharing"], languages=["en"],
                formats=["pdf"], published_on=dt.date.today(),
                available_until=dt.date.today() + dt.timedelta(days=365),
            )
        )  # fmt: skip
        rec = actions.add_recommendation(tenant, actor, review, text="Share safety plans.")
        for description, due in (("Agree a protocol for sharing", dt.date(2030, 6, 30)),
                                 ("Train staff in professional curiosity", None)):  # fmt: skip
            action = actions.add_action(
                tenant, actor, rec, description=description,
                owner_agency_id=agencies[0].id, owner_email="", due_on=due,
            )  # fmt: skip
            publishing.set_publishable(tenant, actor, action, True)
        publishing.save_settings(
            tenant, actor, in_platform_search=True, publish_action_progress=True
        )
        db.session.commit()


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("casework-browser-db") / "candour.db"
    app = make_test_app(f"sqlite:///{path}")
    upgrade(app)
    from core.platform.provisioning import load_directory

    with app.app_context():
        load_directory(TENANTS)
        db.session.commit()
        _seed(app)
    with serving(app, "casework-live") as base:
        yield LiveServer(base)


PAGES = [
    f"/{SLUG}/en/reports/",
    f"/{SLUG}/en/reports/?theme=Neglect&q=share",
    f"/{SLUG}/en/reports/?q=nothing+matches",
    f"/{SLUG}/ar/reports/?theme=Neglect",
    f"/{SLUG}/ur/reports/",
    f"/{SLUG}/cy/reports/?q=agencies",
    "/reports/",
    "/reports/?theme=neglect",
    "/reports/?q=nothing+matches",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_reports_pages_have_no_axe_violations(
    seeded_server: LiveServer, phone: Phone, path: str
) -> None:
    assert phone.open(seeded_server(path)) == 200, path
    violations = axe_violations(phone, seeded_server)
    assert not violations, report(path, violations)
    wider = phone.page.evaluate(OVERFLOWING)
    assert not wider, f"{path} is wider than a 390 px phone because of: {wider}"
    assert not phone.csp_violations, f"{path} broke the Content-Security-Policy"


def test_the_filters_work_without_javascript(seeded_server: LiveServer, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(seeded_server(f"/{SLUG}/en/reports/"))
        assert "Progress on the action plan" in page.content()
        page.select_option("#theme", "Information sharing")
        page.fill("#q", "protocol")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "theme=Information+sharing" in page.url and "q=protocol" in page.url
        assert "No reports match these choices" in page.content()
        page.fill("#q", "agencies")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "Learning from Child R" in page.content()
        page.goto(seeded_server("/reports/"))
        page.select_option("#theme", "neglect")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "Learning from Child R" in page.content()
    finally:
        context.close()
