"""Security headers on every kind of response, HSTS outside development, and no inline script or
style anywhere the Content-Security-Policy would have to allow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.config import REPO_ROOT
from core.testing import make_test_app

URLS = (
    "/",
    "/board-a/en/",
    "/board-a/login",
    "/board-a/admin/",
    "/platform/login",
    "/nowhere/",
    "/api/v1/reviews",
    "/healthz",
    "/static/admin/admin.js",
)


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_the_security_headers(client, make_tenant, url):
    make_tenant("board-a")
    response = client.get(url)
    response.close()
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # a test app is not production


def test_production_adds_hsts_and_secure_cookies(migrated_database):
    app = make_test_app(
        migrated_database,
        ENV="production",
        SECRET_KEY="a-real-secret-for-this-test-only",
        ENCRYPTION_KEYS="ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtMDAwMDAwMDA=",
    )
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["TWO_FACTOR_ROLES"] == ("board_admin", "review_manager")


INLINE = (
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style[\s>]", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=\s*[\"']", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
)


def _templates() -> list[Path]:
    found = []
    for top in ("core", "plugins"):
        found += [p for p in (REPO_ROOT / top).rglob("templates/**/*.html")]
    return sorted(found)


def test_no_template_needs_inline_script_or_style():
    """The policy allows no inline script or style, so a template with any would break silently."""
    problems = []
    for path in _templates():
        source = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(source):
                line = source.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(REPO_ROOT)}:{line}: {what}")
    assert len(_templates()) > 20
    assert not problems, "inline script or style the CSP refuses:\n  " + "\n  ".join(problems)
