"""Small helpers shared by the review-tracking tests."""

from __future__ import annotations

import datetime as dt

from core.testing import csrf_token


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def post_form(client, url, data=None):
    """POST `data` to a staff page with the CSRF token its form carries."""
    return client.post(url, data={"csrf_token": csrf_token(client, url), **(data or {})})


def open_review(client, slug, reference="CR-1", pseudonym="Child A"):
    """Open an LCSPR review on the new-review page (aware 3 March 2025); its page's address."""
    response = post_form(
        client,
        f"/{slug}/reviews/new",
        {
            "reference": reference,
            "pseudonym": pseudonym,
            "framework": "lcspr-2023",
            "aware_on": "2025-03-03",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]
