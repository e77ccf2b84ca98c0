"""Every public page of every demo board, in every locale it offers, passes axe-core's WCAG 2.2 A and
AA rules and its best-practice rules in headless Chromium on a phone-sized screen, and breaks no rule of the security policy."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import LiveServer, Phone, demo_boards

from core.config import REPO_ROOT
from core.testing import need

pytestmark = [pytest.mark.browser]

AXE = REPO_ROOT / "core" / "static" / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def public_pages() -> list[tuple[str, int]]:
    """(path, expected status) for every public page a family or a member of staff can reach."""
    pages = [("/", 200), ("/no-such-board/", 404)]
    for board in demo_boards():
        pages.append((f"/{board.slug}/login", 200))
        for locale in board.locales:
            base = f"/{board.slug}/{locale}"
            pages += [
                (f"{base}/", 200),
                (f"{base}/formats/", 200),
                (f"{base}/reports/", 200),
                (f"{base}/contact", 200),
                (f"{base}/contact/sent?kind=views", 200),
                (f"{base}/accessibility", 200),
                (f"{base}/formats/easy-read/read", 200),
            ]
        pages.append((f"/{board.slug}/{board.locales[0]}/no-such-page", 404))
        # A language the board does not offer still answers, in that language.
        for locale in ("ur", "cy", "bn"):
            if locale not in board.locales:
                pages.append((f"/{board.slug}/{locale}/", 200))
                break
    return pages


def axe_violations(phone: Phone, server: LiveServer | None) -> list[dict[str, Any]]:
    need(AXE.exists(), f"{AXE} is missing: run `make assets`")
    if not phone.page.evaluate("typeof axe !== 'undefined'"):
        if server is None:
            phone.page.add_script_tag(path=str(AXE))
        else:
            # From the app's own origin, so the page's Content-Security-Policy stays in force.
            phone.page.add_script_tag(url=server("/static/vendor/axe.min.js"))
    return phone.page.evaluate(RUN_AXE, WCAG_TAGS)


OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " "
      + JSON.stringify((el.textContent || "").trim().slice(0, 60)));
}"""


def report(path: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {path}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      at {node['target']} — {summary}")
    return "\n".join(lines)


def test_axe_reports_what_a_family_would_trip_over(phone: Phone) -> None:
    """The check itself can fail: a page with an unlabelled field and an image without text."""
    phone.page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    found = {v["id"] for v in axe_violations(phone, None)}
    assert {"image-alt", "label"} <= found, found


@pytest.mark.parametrize(("path", "status"), public_pages(), ids=lambda v: str(v))
def test_public_page_has_no_wcag_violations(
    live_server: LiveServer, phone: Phone, path: str, status: int
) -> None:
    assert phone.open(live_server(path)) == status, path
    violations = axe_violations(phone, live_server)
    assert not violations, report(path, violations)
    # WCAG 1.4.10 (reflow), which axe cannot see: nothing makes a family scroll sideways on a phone.
    wider = phone.page.evaluate(OVERFLOWING)
    assert not wider, f"{path} is wider than a 390 px phone because of: {wider}"
    assert not phone.csp_violations, (
        f"{path} broke the Content-Security-Policy: {phone.csp_violations}"
    )


@pytest.mark.parametrize("path", ["/salford/en/contact", "/northmoor/ur/contact"])
def test_contact_form_errors_have_no_wcag_violations(
    live_server: LiveServer, phone: Phone, path: str
) -> None:
    phone.open(live_server(path))
    with phone.page.expect_navigation():
        phone.page.locator("main form button[type=submit]").click()
    assert phone.page.locator(".govuk-error-summary").count() == 1, (
        "no error summary after an empty form"
    )
    assert phone.page.locator(".govuk-error-message").count() >= 1, "no message next to a field"
    violations = axe_violations(phone, live_server)
    assert not violations, report(f"{path} (submitted empty)", violations)


@pytest.mark.parametrize("path", ["/salford/en/contact", "/northmoor/ur/contact"])
def test_asking_to_be_emailed_with_only_a_phone_number_has_no_wcag_violations(
    live_server: LiveServer, phone: Phone, path: str
) -> None:
    phone.open(live_server(path))
    form = phone.page.locator("main form")
    form.locator("input[name=kind][value=views]").check()
    form.locator("#name").fill("Sam Example")
    form.locator("#contact").fill("0161 603 4336")
    form.locator("#email_consent").check()
    with phone.page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert phone.page.locator(".govuk-error-message").count() == 1, "one error, by the box"
    assert phone.page.locator("#email_consent").is_checked(), "the family's choice is kept"
    assert phone.page.locator("#contact").input_value() == "0161 603 4336"
    violations = axe_violations(phone, live_server)
    assert not violations, report(f"{path} (emailed without an address)", violations)
