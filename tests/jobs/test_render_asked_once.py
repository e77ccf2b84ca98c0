"""While a board's new render is on its way, families' downloads get the previous file and ask the
worker for the render once, not once per download (each ask is a write to the queue)."""

from __future__ import annotations

from render_ahead_support import download, rename

from core.formats import prerender, service


def test_many_downloads_of_a_stale_format_queue_one_render(
    app,
    client,
    make_tenant,
    text_only,
    monkeypatch,
):
    monkeypatch.setitem(app.config, "RENDER_AHEAD", True)
    tenant = make_tenant("asked", name="Asked Board One", locales=["en"])
    rename(app, tenant.id, "Asked Board Two")
    queued = []
    monkeypatch.setattr(prerender, "enqueue", lambda name, *args: queued.append((name, args)))
    monkeypatch.setitem(app.config, "RENDER_AHEAD", False)  # the worker has not got to it yet
    rename(app, tenant.id, "Asked Board Three")

    def never(*_args, **_kwargs):
        raise AssertionError("a family's request rendered a format")

    monkeypatch.setattr(service, "render", never)
    for _ in range(5):
        status, text = download(client, "/asked/en/formats/text")
        assert status == 200 and "Asked Board Two" in text
    assert queued == [("formats.render_board", (tenant.id,))]
    # A further change is a new version: it is asked for again.
    rename(app, tenant.id, "Asked Board Four")
    download(client, "/asked/en/formats/text")
    assert len(queued) == 2
