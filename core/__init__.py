"""Candour: case review information, tracking and publication for safeguarding boards."""

from __future__ import annotations

from typing import Any

from flask import Flask

from core.app import CandourFlask

# The modules that declare jobs with @job; jobs.init_app imports them before binding the queue.
JOB_MODULES: tuple[str, ...] = (
    "core.family.jobs",
    "core.reports.jobs",
    "core.reviews.jobs",
    "core.mail.jobs",
    "core.formats.prerender",
    "core.digests.jobs",
    "core.casework.jobs",
    "core.letters.jobs",
)


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application. Each subsystem sets itself up in `init_app`, in this order."""
    from core import (
        assets,
        cli,
        config,
        db,
        errors,
        extensions,
        formats,
        i18n,
        jobs,
        logs,
        mail,
        metrics,
        plugins,
        proxies,
        ratelimit,
        security,
        storage,
    )
    from core.admin import blueprint as admin_views
    from core.api import blueprint as api_views
    from core.auth import account_views
    from core.auth import blueprint as auth_views
    from core.auth import session as auth_session
    from core.board import locale as family_locale
    from core.board import page as family_page
    from core.casework.views import blueprint as casework_views
    from core.digests import blueprint as digests_views
    from core.family import blueprint as family_views
    from core.family import fastpath as family_fastpath
    from core.family import inbox
    from core.formats import prerender
    from core.letters import blueprint as letters_views
    from core.platform import blueprint as platform_views
    from core.platform import jobs_views
    from core.public import blueprint as public_views
    from core.reports import blueprint as reports_views
    from core.reviews import blueprint as reviews_views
    from core.reviews import familymail
    from core.tenancy import context as tenancy

    app = CandourFlask(__name__, instance_path=None)
    app.config.update(config.load_config(config_overrides))
    logs.init_app(app)
    metrics.init_app(app)
    db.init_app(app)
    jobs.init_app(app, JOB_MODULES)
    # Plugins before anything that asks them (catalogs, templates, formats).
    plugins.init_app(app, (config_overrides or {}).get("EXTRA_PLUGINS", ()))
    extensions.init_app(app)
    storage.init_app(app)
    mail.init_app(app)
    ratelimit.init_app(app)
    security.init_app(app)
    # Innermost WSGI layer: the warm family page, kept whole, for the path the layers below settle.
    family_fastpath.init_app(app)
    # The board is resolved from the URL before the locale, and both before any view runs.
    tenancy.init_app(app)
    # Outermost WSGI layer: the client's own address is known before anything counts or logs it.
    proxies.init_app(app)
    app.url_value_preprocessor(family_locale.pull_locale)
    app.url_defaults(family_locale.add_locale)
    i18n.init_app(app)
    auth_session.init_app(app)
    extensions.init_login(app)
    app.before_request(family_locale.default_locale_for_request)
    family_page.init_app(app)
    formats.init_app(app)
    for blueprint in (public_views.bp, auth_views.bp, account_views.bp, family_views.bp):
        app.register_blueprint(blueprint)
    reviews_views.init_app(app)
    reports_views.init_app(app)
    casework_views.init_app(app)
    api_views.init_app(app)
    admin_views.init_app(app)
    platform_views.init_app(app)
    jobs_views.init_app(app)
    inbox.init_app(app)
    familymail.init_app(app)
    prerender.init_app(app)
    digests_views.init_app(app)
    letters_views.init_app(app)
    extensions.register_plugin_assets(app)
    assets.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    plugins.get_host(app).pm.hook.app_created(app=app)
    return app
