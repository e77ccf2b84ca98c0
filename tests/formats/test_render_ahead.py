"""Formats rendered ahead of need: a content change queues a render of every offered format in
every offered locale; until it is ready, a family's download gets the previous version at once."""

from __future__ import annotations

from render_ahead_support import download, rename

from core.formats import prerender, service


def test_a_content_change_renders_every_offered_format_ahead(
    app, client, make_tenant, text_only, monkeypatch
):
    monkeypatch.setitem(app.config, "RENDER_AHEAD", True)
    tenant = make_tenant("ahead", name="Ahead Board One", locales=["en", "cy"])
    rename(app, tenant.id, "Ahead Board Two")  # the job runs at the commit (immediate mode)

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
    rename(app, tenant.id, "Ahead Board Two")
    queued = []
    monkeypatch.setattr(prerender, "enqueue", lambda name, *args: queued.append((name, args)))
    monkeypatch.setitem(app.config, "RENDER_AHEAD", False)  # the worker has not got to it yet
    rename(app, tenant.id, "Ahead Board Three")
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
