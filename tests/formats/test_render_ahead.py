"""Formats rendered ahead of need: a content change queues a render of every offered format in
every offered locale; until it is ready, a family's download gets the previous version at once."""

from __future__ import annotations

import pytest

from core import db
from core.formats import prerender, service
from core.tenancy.models import Tenant


@pytest.fixture
def text_only(monkeypatch):
    """Offer only the plain-text format, so the renders in these tests are quick."""
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


def _rename(app, tenant_id: int, name: str) -> None:
    with app.app_context(), db.all_tenants():
        tenant = db.session.get(Tenant, tenant_id)
        tenant.name = name
        tenant.content_version += 1
        db.session.commit()


def test_a_content_change_renders_every_offered_format_ahead(
    app, client, make_tenant, text_only, monkeypatch
):
    monkeypatch.setitem(app.config, "RENDER_AHEAD", True)
    tenant = make_tenant("ahead", name="Ahead Board One", locales=["en", "cy"])
    _rename(app, tenant.id, "Ahead Board Two")  # the job runs at the commit (immediate mode)

    def never(*_args, **_kwargs):
        raise AssertionError("a family's request rendered a format")

    monkeypatch.setattr(service, "render", never)
    for locale in ("en", "cy"):
        status, text = download(client, f"/ahead/{locale}/formats/text")
        assert status == 200 and "Ahead Board Two" in text, text


def test_until_the_new_render_is_ready_the_previous_version_is_served(
    app, client, make_tenant, text_only, monkeypatch
):
    monkeypatch.setitem(app.config, "RENDER_AHEAD", True)
    tenant = make_tenant("ahead", name="Ahead Board One", locales=["en"])
    _rename(app, tenant.id, "Ahead Board Two")
    queued = []
    monkeypatch.setattr(prerender, "enqueue", lambda name, *args: queued.append((name, args)))
    monkeypatch.setitem(app.config, "RENDER_AHEAD", False)  # the worker has not got to it yet
    _rename(app, tenant.id, "Ahead Board Three")
    real_render = service.render

    def never(*_args, **_kwargs):
        raise AssertionError("a family's request rendered a format")

    monkeypatch.setattr(service, "render", never)
    status, text = download(client, "/ahead/en/formats/text")
    assert status == 200 and "Ahead Board Two" in text
    assert queued == [("formats.render_board", (tenant.id,))]

    monkeypatch.setattr(service, "render", real_render)
    jobs = app.extensions["candour.jobs"]
    queued.clear()
    jobs.enqueue("formats.render_board", tenant.id)
    # The board's job queues one short job per format and locale (a message never waits long).
    assert queued and {name for name, _args in queued} == {"formats.render_one"}
    assert ("formats.render_one", (tenant.id, "en", "text")) in queued
    for name, args in list(queued):
        jobs.enqueue(name, *args)
    monkeypatch.setattr(service, "render", never)
    assert "Ahead Board Three" in download(client, "/ahead/en/formats/text")[1]
