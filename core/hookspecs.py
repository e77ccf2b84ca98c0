"""Every hook a Candour plugin may implement, grouped by what it is for.

Naming: `register_*` returns things to register; a past-tense name announces an event; resolvers are
`firstresult`. Each spec declares, once, how it is dispatched (`Dispatch`): the core's callers go
through `core.plugins.BoardHooks`, which reads that declaration, so a caller can neither misspell a
hook nor choose another policy for it. A hook whose specification takes `settings` (first, before
what the caller passes) passes each implementation its own plugin's settings for the current board
(defaults merged), so a plugin never needs to know its registered name.
Tenant-scoped hooks are called only for plugins the board has enabled.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy

from core.plugin_api import PROJECT_NAME

if TYPE_CHECKING:
    from flask import Flask

    from core.plugin_api import (
        Branding,
        Format,
        Framework,
        GuardHit,
        IdentifierView,
        Notifier,
        NotifierConfig,
        ObligationView,
        PageFragment,
        ReviewView,
        SettingsSchema,
        Storage,
        StorageConfig,
        TenantView,
        TextPart,
        TranslationSource,
    )

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
F = TypeVar("F", bound=Callable[..., Any])


class Dispatch(enum.Enum):
    """How the core calls a hook's implementations."""

    STARTUP = "startup"  # once, on every installed plugin; an exception stops start-up
    FIRST = "first"  # the board's enabled plugins in turn; the first non-None answer wins
    ISOLATED = "isolated"  # every enabled plugin; one that raises is logged and skipped
    FAIL_CLOSED = "fail-closed"  # every enabled plugin; one that raises is kept as a failure


def spec(dispatch: Dispatch) -> Callable[[F], F]:
    """Declare a hook and its dispatch together (`firstresult` follows from `Dispatch.FIRST`)."""

    def declare(function: F) -> F:
        marked = hookspec(firstresult=dispatch is Dispatch.FIRST)(function)
        marked.candour_dispatch = dispatch  # type: ignore[attr-defined]
        return marked

    return declare


def dispatch_of(function: Callable[..., Any]) -> Dispatch:
    """The dispatch a hook's spec declares."""
    return function.candour_dispatch  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------------
# Lifecycle
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def app_created(app: Flask) -> None:
    """Called once, after the application is fully built and before it serves a request.

    Return nothing. Use it to register a blueprint, a Jinja filter or a CLI command of your own.
    Runs for every installed plugin, whatever boards enable it; an exception here stops start-up,
    because a half-configured platform is worse than one that refuses to start.
    """


# ---------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_settings_schema() -> SettingsSchema | None:
    """Declare the settings this plugin takes per board, with types, defaults and validation.

    Called once per plugin when the plugin manager starts; each implementation describes only its own
    plugin. Return None for no settings. Board admins edit the settings in a generated form; every save
    is validated against this schema, versioned and audited.
    """


@spec(Dispatch.STARTUP)
def plugin_default_enabled() -> bool | None:
    """Say whether a board that has never chosen has this plugin enabled. Default: True.

    Called once per plugin at start-up. Return False for plugins a board must opt in to.
    """


# ---------------------------------------------------------------------------------------------------
# Look and layout
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.FIRST)
def branding(settings: dict[str, Any], tenant: TenantView) -> Branding | None:
    """Resolve how a board's pages look: its name, logo and colours.

    Called once per page render (cached per board and settings version). The first non-None result
    wins; the built-in `branding-default` plugin answers last. Colours whose text contrast falls below
    4.5:1 are refused by the core and the default colours are used instead.
    """


@spec(Dispatch.STARTUP)
def register_template_folders() -> list[str] | None:
    """Return folders of Jinja templates this plugin ships. Called once at start-up.

    Put your templates under a folder named after your plugin (`my_plugin/banner.html`) so they never
    shadow the core's templates.
    """


@spec(Dispatch.STARTUP)
def register_static_folders() -> dict[str, str] | None:
    """Return `{name: folder}` of static files; each is served at `/static/plugins/<name>/`.

    Called once at start-up. Names must be unique across plugins; a clash stops start-up.
    """


@spec(Dispatch.ISOLATED)
def page_fragments(
    settings: dict[str, Any], tenant: TenantView, locale: str, page: str
) -> list[PageFragment] | None:
    """Add HTML to named slots of a board's public page (`banner`, `main_end`, `footer`).

    Called on each public page render for enabled plugins. `page` is the page's name
    (`family`, `formats`, `contact`, ...). An exception is logged against the plugin and the page
    renders without its fragments.
    """


# ---------------------------------------------------------------------------------------------------
# Review frameworks and family information
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_frameworks() -> list[Framework] | None:
    """Return the review frameworks this plugin provides (keys must be unique platform-wide).

    Called once at start-up. A board names its framework by key; the framework writes the family
    leaflet for that board and, from review tracking on, carries the stages and deadline rules.
    """


# ---------------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_translations() -> list[TranslationSource] | None:
    """Contribute gettext catalogs: extra messages for existing locales, or whole new locales.

    Called once at start-up; catalogs are loaded then, not per request. A locale a plugin adds is
    offered only by boards that enable the plugin and list the locale.
    """


# ---------------------------------------------------------------------------------------------------
# Alternate formats
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_formats() -> list[Format] | None:
    """Return the alternate formats this plugin renders (keys unique platform-wide).

    Called once at start-up. A board offers a format when it enables the plugin, the format serves
    the page's locale (`Format.locales`, then `Format.serves` with the board's gettext for it) and
    `Format.available()` returns None. Rendering is cached by the core per
    board, locale, format and content version; a render that raises is logged against the plugin and
    the family is told how to ask for the format instead.
    """


# ---------------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_storage_backends() -> dict[str, Callable[[StorageConfig], Storage]] | None:
    """Return `{backend_name: factory}`; a factory builds a `Storage` from a `StorageConfig`.

    Called once at start-up. The operator chooses the backend with `CANDOUR_STORAGE` (and may give a
    board its own bucket, prefix or key); the core builds one `Storage` per board, with the board's
    prefix already in `StorageConfig.prefix`. Names must be unique platform-wide.
    """


# ---------------------------------------------------------------------------------------------------
# Mail
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.STARTUP)
def register_notifiers() -> dict[str, Callable[[NotifierConfig], Notifier]] | None:
    """Return `{url_scheme: factory}`; a factory builds a `Notifier` from a `NotifierConfig`.

    Called once at start-up. The operator chooses a notifier by the scheme of `CANDOUR_SMTP_URL`
    (`smtp`, `smtp+starttls`, `smtps` are the built-in SMTP plugin's); with no URL set the core
    writes each message as an `.eml` file under `instance/mail/`. Schemes must be unique
    platform-wide. The worker calls `Notifier.send` for each message in the outbox, outside any
    database transaction; an exception leaves the message in the outbox to be tried again with
    back-off, so `send` must not half-send. Messages carry no personal details beyond the
    recipient's address: never log it.
    """


# ---------------------------------------------------------------------------------------------------
# Review tracking
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.ISOLATED)
def review_created(tenant: TenantView, review: ReviewView, actor_email: str) -> None:
    """Announce that a board opened a new review (it is in its framework's first stage).

    Called for the board's enabled plugins inside the transaction that creates the review, after
    its deadlines and obligations are worked out. Return nothing; every implementation runs. An
    exception is logged against the plugin and the review is still created.
    """


@spec(Dispatch.ISOLATED)
def review_stage_changed(
    tenant: TenantView, review: ReviewView, from_stage: str, to_stage: str, actor_email: str
) -> None:
    """Announce that a review moved from one stage to another (`review.stage` is the new one).

    Called inside the transaction of the transition, after deadlines and obligations are
    recomputed and the audit event written. Return nothing; every implementation runs; a failing
    plugin is logged and skipped, and the transition stands.
    """


@spec(Dispatch.ISOLATED)
def review_obligation_changed(
    tenant: TenantView,
    review: ReviewView,
    obligation: ObligationView,
    change: str,
    actor_email: str,
) -> None:
    """Announce that someone recorded an obligation as met (`change="met"`), waived it
    (`"waived"`) or reopened it (`"reopened"`), or that an extension moved its due date
    (`"extended"`).

    Called inside the transaction of the change. Return nothing; every implementation runs; a
    failing plugin is logged and skipped.
    """


@spec(Dispatch.ISOLATED)
def review_deadline_missed(
    tenant: TenantView, review: ReviewView, obligation: ObligationView
) -> None:
    """Announce, once per obligation, that its due date passed before it was met or waived.

    Called by the scheduled `candour reviews due` run (and when a review is recomputed) the first
    time the obligation is seen missed. Return nothing; every implementation runs (send an email,
    open a ticket); a failing plugin is logged and skipped.
    """


# ---------------------------------------------------------------------------------------------------
# Publication
# ---------------------------------------------------------------------------------------------------


@spec(Dispatch.FAIL_CLOSED)
def check_report(
    tenant: TenantView,
    review: ReviewView,
    text_pages: list[str],
    metadata: dict[str, str],
    identifiers: list[IdentifierView],
    parts: list[TextPart],
) -> list[GuardHit] | None:
    """Check a final report for anything that must not be published; return what you found.

    Called for the board's enabled plugins when a final report is uploaded and again, fresh, just
    before it is published. `text_pages` is the text of each page as extracted (line breaks and
    hyphenation kept); `metadata` holds the PDF's title, author, subject, keywords, creator and
    producer; `parts` is every other part that carries text (annotations, form fields, bookmarks,
    other information keys, XMP, name trees, alternate text, OCR of scanned pages, attached files,
    every text operator and every other string — see `TextPart`; an implementation that does not
    declare `parts` still works, but misses them); `identifiers` are the review's protected identifiers, decrypted: never log or keep them. Every
    implementation runs and every hit blocks publication until a board admin overrides it with a
    reason. Return an empty list (or None) when the report is clean. Unlike other hooks, a check
    that raises blocks publication too, and a board with no check enabled cannot publish.
    """
