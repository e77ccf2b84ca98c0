"""What the tests of formats rendered ahead share, in tests/formats and tests/jobs alike: the
`text_only` fixture (registered for every test by tests/conftest.py), a download and a board's
content change."""

from __future__ import annotations

import pytest

from core import db
from core.formats import service
from core.tenancy.models import Tenant


@pytest.fixture
def text_only(monkeypatch):
    """Offer only the plain-text format, so the renders are quick."""
    real = service.offered

    def offered(tenant, locale):
        return [item for item in real(tenant, locale) if item.format.key == "text"]

    monkeypatch.setattr(service, "offered", offered)


def download(client, url: str) -> tuple[int, str]:
    answer = client.get(url)
    try:
        return answer.status_code, answer.get_data(as_text=True)
    finally:
        answer.close()


def rename(app, tenant_id: int, name: str) -> None:
    """Rename the board, a change of its content (its content version goes up)."""
    with app.app_context(), db.all_tenants():
        tenant = db.session.get(Tenant, tenant_id)
        tenant.name = name
        tenant.content_version += 1
        db.session.commit()
