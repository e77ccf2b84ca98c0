"""A test plugin that implements every start-up and page hook, to prove each one works end to end.

It also adds an eighth locale, Somali (`so`), with its own catalog.
"""

from __future__ import annotations

import pathlib
import threading
from typing import Any

from core.plugin_api import (
    Branding,
    BulletList,
    Document,
    Format,
    Framework,
    LeafletContext,
    Paragraph,
    Section,
    Setting,
    SettingsSchema,
    TenantView,
    TranslationSource,
    hookimpl,
)

HERE = pathlib.Path(__file__).parent
STARTED: list[str] = []
RENDERS: list[str] = []
RENDER_LOCK = threading.Lock()


@hookimpl
def app_created(app: Any) -> None:
    STARTED.append(app.name)

    @app.route("/probe-plugin")
    def probe() -> str:
        return "probe ok"


@hookimpl
def plugin_default_enabled() -> bool:
    return False


@hookimpl
def register_settings_schema() -> SettingsSchema:
    return SettingsSchema(
        (
            Setting("header_colour", "colour", "#0b0c0c"),
            Setting("header_text", "colour", "#ffffff"),
            Setting("fail_render", "bool", False),
        )
    )


@hookimpl(tryfirst=True)
def branding(tenant: TenantView, settings: dict[str, Any]) -> Branding:
    return Branding(
        name=tenant.name,
        primary_colour=settings["header_colour"],
        primary_text_colour=settings["header_text"],
        link_colour="#1d4f91",
    )


@hookimpl
def register_template_folders() -> list[str]:
    return [str(HERE / "templates")]


@hookimpl
def register_static_folders() -> dict[str, str]:
    return {"probe": str(HERE / "static")}


@hookimpl
def register_translations() -> list[TranslationSource]:
    return [TranslationSource("so", str(HERE / "translations"), "Soomaali")]


def _leaflet(ctx: LeafletContext) -> Document:
    _ = ctx.gettext
    return Document(
        title="Safeguarding Adults Review: information",
        locale=ctx.locale,
        board_name=ctx.tenant.name,
        sections=(
            Section("what", "What is a Safeguarding Adults Review?", (
                Paragraph.of("A review under section 44 of the Care Act 2014."),
                BulletList((Paragraph.of(_("Contents")),)),
            )),
        ),
    )  # fmt: skip


@hookimpl
def register_frameworks() -> list[Framework]:
    return [
        Framework(key="probe-sar", name="Probe SAR", jurisdictions=("england",), leaflet=_leaflet)
    ]


def _render(doc: Document, ctx: Any) -> bytes:
    if ctx.settings.get("fail_render"):
        raise RuntimeError("probe render failed")
    with RENDER_LOCK:
        RENDERS.append(doc.locale)
    return f"PROBE {doc.title} {doc.board_name}".encode()


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="probe-format",
            label=lambda _: _("Other formats"),
            description=lambda _: "A probe format",
            media_type="text/plain; charset=utf-8",
            extension="txt",
            render=_render,
        )
    ]


@hookimpl
def register_storage_backends() -> dict[str, Any]:
    from .memory_storage import MemoryStorage

    return {"memory-probe": MemoryStorage}
